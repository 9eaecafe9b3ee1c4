/*
 * The event ring of the shared block (shared.h): the audio thread pushes parameter changes, Java
 * drains them between its publishing rounds and sleeps in sda_render_wait. Lock-free: each side
 * publishes its own counter with a release store and reads the other's with an acquire load.
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

/* Low on purpose: hosts run their audio threads at higher SCHED_FIFO priorities (JACK: 70+),
 * and any SCHED_FIFO priority already wins over the ordinary threads that compete with us. */
#define RENDER_FIFO_PRIORITY 5

uint64_t sda_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);  /* vDSO: no system call */
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void futex_wait(uint32_t *word, uint32_t expected, int timeout_ms)
{
    struct timespec ts = { timeout_ms / 1000, (long)(timeout_ms % 1000) * 1000000L };
    syscall(SYS_futex, word, FUTEX_WAIT_PRIVATE, expected, &ts, NULL, 0);
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

int sda_render_wait(struct sda_shared *s, int32_t timeout_ms)
{
    if (s == NULL || s->magic != SDA_SHARED_MAGIC) {
        return -1;
    }
    uint32_t seq = __atomic_load_n(&s->wake_seq, __ATOMIC_SEQ_CST);
    if (timeout_ms > 0) {
        futex_wait(&s->wake_seq, seq, timeout_ms);
    }
    return __atomic_load_n(&s->wake_seq, __ATOMIC_SEQ_CST) != seq;
}

int sda_render_thread_promote(void)
{
    struct sched_param sp = { .sched_priority = RENDER_FIFO_PRIORITY };
    if (pthread_setschedparam(pthread_self(), SCHED_FIFO, &sp) == 0) {
        return 2;
    }
    return setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), -10) == 0 ? 1 : 0;
}
