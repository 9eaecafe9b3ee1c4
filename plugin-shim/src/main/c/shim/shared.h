/*
 * The block of memory one plugin instance shares with its Java side.
 *
 * Real time is native: the audio thread renders the voices itself (voices.c) from variations that
 * Java publishes here, and never waits for Java. Two things cross:
 *
 *   - Variations, Java to the audio thread. Java copies each variation (its samples at the host
 *     rate and its band-limited octave copies) into native memory of its own, describes it in a
 *     handle (`variations[h]`), and publishes the pool as a table of handles: it writes the table
 *     the audio thread is not reading (`tables[(pool_gen + 1) & 1]`), then bumps `pool_gen` with
 *     a release store. The audio thread switches to the newest table at the start of each block
 *     and says so in `pool_seen`; Java writes a table again only when `pool_seen` has reached the
 *     generation before it. A published variation never changes. A handle Java drops from the
 *     table is freed (and its handle reused) only once `pool_seen` has passed the table that
 *     dropped it and no voice plays it (`voices_using[h]`, kept by the audio thread). The audio
 *     side takes no lock and allocates nothing; it marks a handle `played` when a note takes it,
 *     and Java refills played slots. It also names the handle the newest note took
 *     (`last_played`, then `notes_played` bumped), for the editor's waveform of the last played.
 *   - Parameter changes, the audio thread to Java: a single-producer single-consumer ring of
 *     events (the host's automation reaches the instrument's generation settings and its state).
 *   - Notes Java plays (the editor's on-screen keyboard), Java to the audio thread: a ring the
 *     audio thread drains at the start of each block, where the notes start. Java's threads
 *     serialise among themselves before they write; the audio thread takes no lock.
 *   Positions are 64-bit counters that only grow; a slot is `position & (capacity - 1)`.
 *
 * Each side publishes its counters with release stores and reads the other side's with acquire
 * loads. Java reads and writes this block through a direct ByteBuffer at the offsets of
 * org.sda.engine.bridge.SharedLayout, which the engine's build generates from this header
 * (shared_layout_java.c): change the struct here and Java follows.
 */
#ifndef SDA_SHARED_H
#define SDA_SHARED_H

#include <stdalign.h>
#include <stdint.h>
#include <assert.h>
#include <stddef.h>

#define SDA_SHARED_MAGIC 0x31414453u      /* "SDA1" in memory order */
#define SDA_SHARED_VERSION 3u
#define SDA_EVENT_CAPACITY 4096u          /* events; power of two */
#define SDA_NOTE_CAPACITY 256u            /* notes Java plays (the editor's keyboard); power of two */
#define SDA_POOL_SLOTS 64                 /* the pool size parameter's range is 1..64 */
#define SDA_VARIATION_HANDLES 256         /* variations published or waiting to be freed, at once */
#define SDA_VARIATION_OCTAVES 4           /* the samples and up to three band-limited octave copies */
/* Longest variation, in frames of the host rate (octave 0): 2^21 = 43.7 s at 48 kHz, 10.9 s at
 * 192 kHz. Java cuts a longer one (with its end fade) before it publishes; the audio thread
 * ignores a handle that claims more. */
#define SDA_MAX_VARIATION_FRAMES (1 << 21)

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

/* A note Java plays: velocity 0 is its note-off. */
struct sda_note {
    int32_t key;                          /* 0..127; others are ignored */
    float velocity;                       /* 0..1 */
};

/* One published variation. Written by Java before the table that names it is published; never
 * changed while any table or voice can reach it. */
struct sda_variation {
    uint64_t address;                     /* floats: octave 0, then each octave copy, back to back */
    int32_t frames[SDA_VARIATION_OCTAVES];/* frames of each copy; copy k has about frames[0] / 2^k */
    int32_t octaves;                      /* copies present, 1..SDA_VARIATION_OCTAVES */
    int32_t rate;                         /* Hz, whole: the host rate it was made for */
    int64_t index;                        /* position in its seed's sequence */
    int64_t epoch;                        /* the seed (epoch) it belongs to */
};

/* The pool as Java sees it at one moment: handles, -1 for none. */
struct sda_pool_table {
    int64_t epoch;                        /* the current seed's epoch */
    int32_t first;                        /* variation 0 of the seed: what a locked instrument plays */
    int32_t can_wait;                     /* 1 while generation runs and is not failing (offline waits) */
    int32_t slots[SDA_POOL_SLOTS];
};

struct sda_shared {
    /* Set by the shim while Java is stopped. */
    uint32_t magic;
    uint32_t version;
    uint32_t event_capacity;
    uint32_t pool_slots;
    double sample_rate;
    int32_t max_block;
    int32_t variation_handles;
    uint32_t wake_seq;                    /* futex word of sda_render_wait: bumped to wake Java early */
    uint32_t java_alive;                  /* 1 while the Java publisher runs */
    uint8_t pad0[24];

    /* Written by the audio thread. */
    alignas(64) uint64_t event_write;
    uint64_t pool_seen;                   /* the audio thread reads no table older than this generation */
    uint64_t note_read;

    /* Written by Java. */
    alignas(64) uint64_t event_read;
    uint64_t pool_gen;                    /* generation of the newest table; 0 before the first */
    uint64_t note_write;

    /* Counters, written by the audio thread, read by anyone. */
    alignas(64) uint64_t blocks;
    uint64_t notes_without_sound;         /* note-ons that found no variation ready */
    uint64_t voices_stolen;
    uint64_t events_dropped;              /* event ring or a block's event list full */
    uint64_t offline_waits;               /* note-ons of a bounce that waited for a fresh variation */
    uint64_t max_process_ns;              /* longest real-time process() call since activation */
    uint64_t late_blocks;                 /* real-time blocks whose process() took longer than the block lasts */
    uint64_t notes_played;                /* note-ons that took a variation; bumped after last_played */
    int32_t last_played;                  /* the handle the newest of them took (the editor shows it); -1 before */

    /* Written by the audio thread only: how many voices play each handle, whether a note took it. */
    alignas(64) uint32_t voices_using[SDA_VARIATION_HANDLES];
    uint32_t played[SDA_VARIATION_HANDLES];   /* Java clears it only for a handle no table names */

    /* Written by Java. */
    alignas(64) struct sda_pool_table tables[2];
    struct sda_variation variations[SDA_VARIATION_HANDLES];

    alignas(64) struct sda_event events[SDA_EVENT_CAPACITY];
    struct sda_note notes[SDA_NOTE_CAPACITY];
};

static_assert(sizeof(struct sda_event) == 24, "sda_event layout");
static_assert(sizeof(struct sda_variation) == 48, "sda_variation layout");
static_assert(sizeof(struct sda_pool_table) == 16 + 4 * SDA_POOL_SLOTS, "sda_pool_table layout");
static_assert(SDA_POOL_SLOTS + 1 < SDA_VARIATION_HANDLES, "handles for a full pool and its first variation");
static_assert((SDA_EVENT_CAPACITY & (SDA_EVENT_CAPACITY - 1)) == 0, "event capacity is a power of two");
static_assert((SDA_NOTE_CAPACITY & (SDA_NOTE_CAPACITY - 1)) == 0, "note capacity is a power of two");
static_assert(sizeof(struct sda_note) == 8, "sda_note layout");

/*
 * Called by the Java publisher (through JNA, by address) between its rounds: sleeps until
 * `timeout_ms` passes or an offline bounce waiting for a variation wakes it. Returns 1 when woken,
 * 0 on timeout, -1 for a bad pointer.
 */
int sda_render_wait(struct sda_shared *shared, int32_t timeout_ms);

/*
 * Called once by a Java thread that wants to run ahead of ordinary threads (through JNA, by
 * address): SCHED_FIFO at a low priority (below any host audio thread), else a raised nice level.
 * Returns 2 for SCHED_FIFO, 1 for nice, 0 for neither (not permitted).
 */
int sda_render_thread_promote(void);

#endif
