/*
 * The audio thread's side of the published variations (shared.h): which variation a note-on
 * plays, by the rules of the Java VariationPool, read from the newest published table. No lock,
 * no allocation, no system call (except the offline wait, for bounces only).
 */
#ifndef SDA_POOL_H
#define SDA_POOL_H

#include <stdint.h>

#include "shared.h"
#include "voices.h"

/* Audio-thread private state of one instance's reader. */
struct sda_pool_reader {
    struct sda_shared *shared;
    uint64_t gen;                         /* the table in use; 0: none yet */
    int32_t host_rate;                    /* variations at another rate are not played */
    int32_t cursor;                       /* replay position when every variation has been played */
};

/* Main thread, audio thread not running: forgets the table in use (voices must all be stopped). */
void sda_pool_reader_reset(struct sda_pool_reader *r, struct sda_shared *shared, int32_t host_rate);

/* Audio thread, at the start of each block: switches to the newest table and says so (pool_seen). */
void sda_pool_refresh(struct sda_pool_reader *r);

/* The supply the voice renderer draws from (ctx: the reader). */
struct sda_supply sda_pool_supply(struct sda_pool_reader *r);

/* Audio thread: appends the notes Java has played since the last call (the editor's keyboard), in
 * the order played, to `list` (holding `count` of `capacity` events, all at offset 0 so far) at
 * offset 0; returns the new count. Notes past the capacity are dropped. */
int sda_pool_take_notes(struct sda_shared *shared, struct sda_voice_event *list, int count, int capacity);

/* Main thread, Java stopped and the audio thread not running: forgets every published variation,
 * so nothing can reach memory Java is about to free (or has freed). */
void sda_pool_clear(struct sda_shared *shared);

#endif
