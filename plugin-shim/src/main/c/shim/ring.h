/*
 * The audio thread's side of the shared block's rings (ring.c). Everything here keeps to the
 * audio thread's contract: no lock, no allocation, no I/O; a futex only wakes a sleeping render
 * thread, or (offline bounces only) waits for it, bounded.
 */
#ifndef SDA_RING_H
#define SDA_RING_H

#include <stdint.h>
#include "shared.h"

struct sda_plugin;

#define LOAD_ACQ(x) __atomic_load_n(&(x), __ATOMIC_ACQUIRE)
#define STORE_REL(x, v) __atomic_store_n(&(x), (v), __ATOMIC_RELEASE)

/* CLOCK_MONOTONIC in nanoseconds (vDSO: no system call). */
uint64_t sda_now_ns(void);

/* The latency the rings run at for a host's largest block. */
int32_t sda_ring_latency(int32_t max_block);

void sda_ring_push_event(struct sda_shared *s, int64_t time, int32_t kind, int32_t index, double value);
void sda_ring_wake_render(struct sda_shared *s);

/* Offline only: waits until the render thread has caught up with the host, or gives up. */
void sda_ring_wait_for_render(struct sda_shared *s);

/* `frames` rendered frames into out[c] + at (silence, counted, where none is ready); 1 if any is non-zero. */
int sda_ring_read_audio(struct sda_plugin *p, float **out, int channels, int32_t at, int32_t frames);

#endif
