/*
 * The block of memory one plugin instance shares with its Java render thread.
 *
 * Two single-producer single-consumer rings live here: events (the audio thread produces, the
 * render thread consumes) and stereo audio (the render thread produces, the audio thread
 * consumes). Positions are 64-bit counters that only grow; a slot is `position & (capacity - 1)`.
 * Each side publishes its counter with a release store and reads the other side's with an
 * acquire load, so neither side ever locks. Java reads and writes this block through a direct
 * ByteBuffer at the offsets of org.sda.engine.bridge.SharedLayout, which the engine's build
 * generates from this header (shared_layout_java.c): change the struct here and Java follows.
 *
 * Time. The instrument renders its own timeline, `latency` samples behind the host's: the audio
 * ring starts with `latency` frames of silence, events are stamped with the host sample position
 * at which they happen, and the render thread renders instrument time up to `known_until` (the
 * end of the last block the host handed over). Audio for host block [t, t + n) is therefore the
 * instrument's [t - latency, t + n - latency).
 */
#ifndef SDA_SHARED_H
#define SDA_SHARED_H

#include <stdalign.h>
#include <stdint.h>
#include <assert.h>
#include <stddef.h>

#define SDA_SHARED_MAGIC 0x31414453u      /* "SDA1" in memory order */
#define SDA_SHARED_VERSION 1u
#define SDA_AUDIO_CAPACITY 16384u         /* frames; power of two; >= latency + largest chunk */
#define SDA_EVENT_CAPACITY 4096u          /* events; power of two */
#define SDA_MAX_CHUNK 4096                /* the audio thread hands over at most this many frames at once */
/* 1024 frames (23 ms at 44.1 kHz): the render thread is a JVM thread, so a safepoint or a
 * descheduling on a small machine can hold it several milliseconds; at 256 a 2-core machine lost
 * 16 blocks in 10 minutes at 128-frame blocks, at 1024 (512-frame blocks) none. Hosts compensate
 * the reported latency on playback, so only live playing feels it. */
#define SDA_MIN_LATENCY 1024
#define SDA_MAX_LATENCY 4096

enum sda_event_kind {
    SDA_EVENT_NOTE_ON = 1,                /* index: key; value: velocity 0..1 */
    SDA_EVENT_NOTE_OFF = 2,               /* index: key; value: velocity 0..1 */
    SDA_EVENT_PARAMETER = 3,              /* index: parameter id; value: normalized 0..1 */
    SDA_EVENT_ALL_NOTES_OFF = 4
};

struct sda_event {
    int64_t time;                         /* host sample position */
    int32_t kind;
    int32_t index;
    double value;
};

struct sda_shared {
    /* Set by the shim while the render thread is stopped. */
    uint32_t magic;
    uint32_t version;
    uint32_t audio_capacity;
    uint32_t event_capacity;
    double sample_rate;
    int32_t max_block;
    int32_t latency;
    uint8_t pad0[32];

    /* Written by the audio thread. */
    alignas(64) uint64_t event_write;
    uint64_t audio_read;
    uint64_t known_until;                 /* host time up to which events are complete */
    uint32_t wake_seq;                    /* futex word: bumped once per handed-over chunk */
    uint32_t offline_waiting;             /* 1 while process() waits for the render thread (offline) */

    /* Written by the render thread. */
    alignas(64) uint64_t event_read;
    uint64_t audio_write;
    uint64_t rendered_until;              /* instrument time rendered into the audio ring */
    uint32_t render_waiting;              /* 1 while the render thread sleeps on wake_seq */
    uint32_t done_seq;                    /* futex word: bumped after every render pass */
    uint32_t seen_seq;                    /* the wake_seq the render thread has answered */
    uint32_t render_alive;                /* 1 from start to stop of the render thread */

    /* Counters, written by the audio thread, read by anyone. */
    alignas(64) uint64_t blocks;
    uint64_t underruns;                   /* blocks that lacked audio */
    uint64_t underrun_frames;
    uint64_t events_dropped;              /* event ring full */
    uint64_t offline_timeouts;
    uint64_t max_process_ns;              /* longest process() call since activation */

    alignas(64) struct sda_event events[SDA_EVENT_CAPACITY];
    float left[SDA_AUDIO_CAPACITY];
    float right[SDA_AUDIO_CAPACITY];
};

/*
 * Called by the Java render thread (through JNA, by address): tells an offline waiter that a
 * render pass ended, then sleeps until the audio thread hands over more time or `timeout_ms`
 * passes. Returns 1 when woken by new work, 0 on timeout, -1 for a bad pointer.
 */
int sda_render_wait(struct sda_shared *shared, int32_t timeout_ms);

/*
 * Called once by the Java render thread when it starts (through JNA, by address): asks for
 * real-time scheduling (SCHED_FIFO at a low priority, below any host audio thread but above
 * every ordinary thread), else a raised nice level. Returns 2 for SCHED_FIFO, 1 for nice, 0 for
 * neither (not permitted).
 */
int sda_render_thread_promote(void);

#endif
