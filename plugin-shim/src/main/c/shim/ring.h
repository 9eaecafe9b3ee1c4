/*
 * The audio thread's side of the shared block's event ring (ring.c): parameter changes on their
 * way to Java. Everything here keeps to the audio thread's contract: no lock, no allocation, no
 * system call.
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

/* One event into the ring; a full ring drops it and counts the drop. */
void sda_ring_push_event(struct sda_shared *s, int64_t time, int32_t kind, int32_t index, double value);

#endif
