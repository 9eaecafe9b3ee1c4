/*
 * The two rings of the shared block (shared.h), from both sides: the audio thread pushes events,
 * hands time over, wakes the render thread and reads rendered audio; the render thread (Java,
 * through JNA) answers and sleeps in sda_render_wait. Lock-free: each side publishes its own
 * counters with release stores and reads the other's with acquire loads; futexes only put a side
 * to sleep or wake it.
 */
#define _GNU_SOURCE
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "plugin.h"
#include "ring.h"

#define OFFLINE_WAIT_MS 2000              /* per block; past it the block is output as it is */
/* Low on purpose: hosts run their audio threads at higher SCHED_FIFO priorities (JACK: 70+),
 * and any SCHED_FIFO priority already wins over the ordinary threads that compete with us. */
#define RENDER_FIFO_PRIORITY 5

uint64_t sda_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);  /* vDSO: no system call */
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void futex_wake(uint32_t *word, int count)
{
    syscall(SYS_futex, word, FUTEX_WAKE_PRIVATE, count, NULL, NULL, 0);
}

static void futex_wait(uint32_t *word, uint32_t expected, int timeout_ms)
{
    struct timespec ts = { timeout_ms / 1000, (long)(timeout_ms % 1000) * 1000000L };
    syscall(SYS_futex, word, FUTEX_WAIT_PRIVATE, expected, &ts, NULL, 0);
}

int32_t sda_ring_latency(int32_t max_block)
{
    /* Two blocks at least: the render thread gets a whole block of slack for scheduling jitter. */
    int64_t l = 2 * (int64_t)max_block;
    return (int32_t)(l < SDA_MIN_LATENCY ? SDA_MIN_LATENCY : l > SDA_MAX_LATENCY ? SDA_MAX_LATENCY : l);
}

/* Main thread, render thread stopped: empty rings, audio ring primed with `latency` of silence. */
void sda_rings_reset(struct sda_plugin *p)
{
    struct sda_shared *s = p->shared;
    memset(s->left, 0, sizeof s->left);
    memset(s->right, 0, sizeof s->right);
    s->event_write = s->event_read = 0;
    s->audio_read = 0;
    s->audio_write = (uint64_t)s->latency;
    s->known_until = s->rendered_until = 0;
    s->seen_seq = s->wake_seq;
    s->render_waiting = s->offline_waiting = 0;
    s->blocks = s->underruns = s->underrun_frames = s->events_dropped = s->offline_timeouts = 0;
    s->max_process_ns = 0;
    p->host_pos = 0;
    p->debt = 0;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
}

/* Audio thread: one event into the event ring; a full ring drops it and counts the drop. */
void sda_ring_push_event(struct sda_shared *s, int64_t time, int32_t kind, int32_t index, double value)
{
    uint64_t w = s->event_write;
    if (w - LOAD_ACQ(s->event_read) >= SDA_EVENT_CAPACITY) {
        s->events_dropped++;
        return;
    }
    struct sda_event *e = &s->events[w & (SDA_EVENT_CAPACITY - 1)];
    e->time = time;
    e->kind = kind;
    e->index = index;
    e->value = value;
    STORE_REL(s->event_write, w + 1);
}

/* Audio thread: tells the render thread there is new time to render (a futex wake only when it sleeps). */
void sda_ring_wake_render(struct sda_shared *s)
{
    __atomic_fetch_add(&s->wake_seq, 1, __ATOMIC_SEQ_CST);
    if (__atomic_load_n(&s->render_waiting, __ATOMIC_SEQ_CST)) {
        futex_wake(&s->wake_seq, 1);
    }
}

/* Offline only: waits until the render thread has caught up with the host, or gives up. */
void sda_ring_wait_for_render(struct sda_shared *s)
{
    uint64_t start = sda_now_ns();
    uint64_t target = s->known_until;
    while (LOAD_ACQ(s->rendered_until) < target && LOAD_ACQ(s->render_alive)) {
        uint32_t seq = LOAD_ACQ(s->done_seq);
        __atomic_store_n(&s->offline_waiting, 1, __ATOMIC_SEQ_CST);
        if (LOAD_ACQ(s->rendered_until) < target) {
            futex_wait(&s->done_seq, seq, 10);
        }
        if (sda_now_ns() - start > (uint64_t)OFFLINE_WAIT_MS * 1000000u) {
            s->offline_timeouts++;
            break;
        }
    }
    __atomic_store_n(&s->offline_waiting, 0, __ATOMIC_SEQ_CST);
}

/* Audio thread: `frames` rendered frames into out[c] + at; returns 1 if any sample is non-zero. */
int sda_ring_read_audio(struct sda_plugin *p, float **out, int channels, int32_t at, int32_t frames)
{
    struct sda_shared *s = p->shared;
    uint64_t r = s->audio_read;
    uint64_t level = LOAD_ACQ(s->audio_write) - r;
    if (p->debt > 0) {
        uint64_t drop = p->debt < level ? p->debt : level;
        r += drop;
        level -= drop;
        p->debt -= drop;
    }
    int32_t avail = level < (uint64_t)frames ? (int32_t)level : frames;
    int loud = 0;
    for (int32_t i = 0; i < avail; i++) {
        uint32_t slot = (uint32_t)((r + (uint64_t)i) & (SDA_AUDIO_CAPACITY - 1));
        float l = s->left[slot], rr = s->right[slot];
        loud |= (l != 0.0f) | (rr != 0.0f);
        if (channels > 0) out[0][at + i] = l;
        if (channels > 1) out[1][at + i] = rr;
    }
    for (int c = 0; c < channels; c++) {
        memset(out[c] + at + avail, 0, sizeof(float) * (size_t)(frames - avail));
    }
    if (avail < frames) {
        s->underruns++;
        s->underrun_frames += (uint64_t)(frames - avail);
        p->debt += (uint64_t)(frames - avail);
    }
    STORE_REL(s->audio_read, r + (uint64_t)avail);
    return loud;
}

int sda_render_wait(struct sda_shared *s, int32_t timeout_ms)
{
    if (s == NULL || s->magic != SDA_SHARED_MAGIC) {
        return -1;
    }
    __atomic_fetch_add(&s->done_seq, 1, __ATOMIC_SEQ_CST);
    if (__atomic_load_n(&s->offline_waiting, __ATOMIC_SEQ_CST)) {
        futex_wake(&s->done_seq, 1);
    }
    uint32_t seq = __atomic_load_n(&s->wake_seq, __ATOMIC_SEQ_CST);
    if (seq == s->seen_seq && timeout_ms > 0) {
        __atomic_store_n(&s->render_waiting, 1, __ATOMIC_SEQ_CST);
        seq = __atomic_load_n(&s->wake_seq, __ATOMIC_SEQ_CST);
        if (seq == s->seen_seq) {
            futex_wait(&s->wake_seq, seq, timeout_ms);
        }
        __atomic_store_n(&s->render_waiting, 0, __ATOMIC_SEQ_CST);
        seq = __atomic_load_n(&s->wake_seq, __ATOMIC_SEQ_CST);
    }
    int woken = seq != s->seen_seq;
    s->seen_seq = seq;
    return woken;
}

int sda_render_thread_promote(void)
{
    struct sched_param sp = { .sched_priority = RENDER_FIFO_PRIORITY };
    if (pthread_setschedparam(pthread_self(), SCHED_FIFO, &sp) == 0) {
        return 2;
    }
    return setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), -10) == 0 ? 1 : 0;
}
