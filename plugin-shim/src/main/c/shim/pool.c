/*
 * Choosing a published variation for a note-on (pool.h). The rules are the Java VariationPool's:
 * locked plays the seed's first variation; otherwise the lowest-numbered variation of the current
 * seed not played yet among the used slots, and when every one has been played (generation is
 * behind), the next ready one in turn rather than silence.
 */
#define _GNU_SOURCE
#include <linux/futex.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "pool.h"

#define LOAD_ACQ(x) __atomic_load_n(&(x), __ATOMIC_ACQUIRE)
#define STORE_REL(x, v) __atomic_store_n(&(x), (v), __ATOMIC_RELEASE)

void sda_pool_reader_reset(struct sda_pool_reader *r, struct sda_shared *shared, int32_t host_rate)
{
    r->shared = shared;
    r->gen = 0;
    r->host_rate = host_rate;
    r->cursor = 0;
    memset(shared->voices_using, 0, sizeof shared->voices_using);
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
}

void sda_pool_clear(struct sda_shared *s)
{
    memset(s->voices_using, 0, sizeof s->voices_using);
    memset(s->played, 0, sizeof s->played);
    memset(s->variations, 0, sizeof s->variations);
    for (int t = 0; t < 2; t++) {
        s->tables[t].epoch = 0;
        s->tables[t].first = -1;
        s->tables[t].can_wait = 0;
        for (int i = 0; i < SDA_POOL_SLOTS; i++) {
            s->tables[t].slots[i] = -1;
        }
    }
    s->pool_gen = 0;
    s->pool_seen = 0;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
}

void sda_pool_refresh(struct sda_pool_reader *r)
{
    uint64_t g = LOAD_ACQ(r->shared->pool_gen);
    if (g != r->gen) {
        r->gen = g;
        /* Every read of older tables is behind us (program order); Java may now reuse them. */
        STORE_REL(r->shared->pool_seen, g);
    }
}

static const struct sda_pool_table *table(const struct sda_pool_reader *r)
{
    return r->gen == 0 ? NULL : &r->shared->tables[r->gen & 1];
}

/* A handle that names a playable variation at the host rate. */
static const struct sda_variation *playable(const struct sda_pool_reader *r, int32_t h)
{
    if (h < 0 || h >= SDA_VARIATION_HANDLES) {
        return NULL;
    }
    const struct sda_variation *v = &r->shared->variations[h];
    if (v->address == 0 || v->rate != r->host_rate || v->octaves < 1 || v->octaves > SDA_VARIATION_OCTAVES
        || v->frames[0] < 1 || v->frames[0] > SDA_MAX_VARIATION_FRAMES) {
        return NULL;
    }
    return v;
}

/* Takes handle h for a voice: marks it played and counts the voice. */
static int take(struct sda_pool_reader *r, int32_t h, const struct sda_variation *v, struct sda_sound *out)
{
    const float *at = (const float *)(uintptr_t)v->address;
    out->octaves = 0;
    for (int k = 0; k < v->octaves; k++) {
        if (v->frames[k] < 1 || v->frames[k] > SDA_MAX_VARIATION_FRAMES) {
            break;
        }
        out->octave[k] = at;
        out->frames[k] = v->frames[k];
        out->octaves = k + 1;
        at += v->frames[k];
    }
    out->handle = h;
    struct sda_shared *s = r->shared;
    STORE_REL(s->played[h], 1u);
    STORE_REL(s->voices_using[h], s->voices_using[h] + 1);
    /* For the editor: the handle first, then the count, so Java seeing the count sees the handle. */
    STORE_REL(s->last_played, h);
    STORE_REL(s->notes_played, s->notes_played + 1);
    return 1;
}

static int next(void *ctx, int locked, int32_t pool_size, int fresh, struct sda_sound *out)
{
    struct sda_pool_reader *r = ctx;
    const struct sda_pool_table *t = table(r);
    if (t == NULL) {
        return 0;
    }
    const struct sda_variation *v;
    if (locked) {
        v = playable(r, t->first);
        return v != NULL ? take(r, t->first, v, out) : 0;
    }
    int32_t n = pool_size < 1 ? 1 : pool_size > SDA_POOL_SLOTS ? SDA_POOL_SLOTS : pool_size;
    /* The lowest-numbered new variation of the current seed: the seed's sequence, in order. */
    int32_t best = -1;
    const struct sda_variation *best_v = NULL;
    for (int32_t i = 0; i < n; i++) {
        int32_t h = t->slots[i];
        v = playable(r, h);
        if (v != NULL && !r->shared->played[h] && v->epoch == t->epoch && (best_v == NULL || v->index < best_v->index)) {
            best = h;
            best_v = v;
        }
    }
    if (best_v != NULL) {
        return take(r, best, best_v, out);
    }
    if (fresh) {
        return 0;
    }
    /* All played (generation is behind): replay ready ones in turn rather than fall silent. */
    for (int32_t k = 0; k < n; k++) {
        int32_t i = (r->cursor + k) % n;
        int32_t h = t->slots[i];
        v = playable(r, h);
        if (v != NULL) {
            r->cursor = (i + 1) % n;
            return take(r, h, v, out);
        }
    }
    return 0;
}

static int can_wait(void *ctx)
{
    struct sda_pool_reader *r = ctx;
    return LOAD_ACQ(r->shared->java_alive) && (r->gen == 0 || table(r)->can_wait);
}

/* Offline only: wakes the publisher, naps a millisecond, takes whatever it published meanwhile. */
static void wait(void *ctx)
{
    struct sda_pool_reader *r = ctx;
    __atomic_fetch_add(&r->shared->wake_seq, 1, __ATOMIC_SEQ_CST);
    syscall(SYS_futex, &r->shared->wake_seq, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
    struct timespec nap = { 0, 1000000L };
    nanosleep(&nap, NULL);
    sda_pool_refresh(r);
}

static void let_go(void *ctx, int32_t h)
{
    struct sda_pool_reader *r = ctx;
    if (h >= 0 && h < SDA_VARIATION_HANDLES && r->shared->voices_using[h] > 0) {
        STORE_REL(r->shared->voices_using[h], r->shared->voices_using[h] - 1);
    }
}

int sda_pool_take_notes(struct sda_shared *s, struct sda_voice_event *list, int count, int capacity)
{
    uint64_t r = s->note_read, w = LOAD_ACQ(s->note_write);
    if (w - r > SDA_NOTE_CAPACITY) {
        r = w - SDA_NOTE_CAPACITY;        /* a writer that ran ahead: the oldest are gone */
    }
    for (; r < w; r++) {
        struct sda_note note = s->notes[r & (SDA_NOTE_CAPACITY - 1)];
        if (note.key < 0 || note.key > 127 || count >= capacity) {
            continue;
        }
        float v = note.velocity;
        list[count++] = (struct sda_voice_event){ 0, v > 0.0f ? SDA_VOICE_NOTE_ON : SDA_VOICE_NOTE_OFF, note.key, 0,
                                                  v > 1.0f ? 1.0 : v > 0.0f ? v : 0.0 };
    }
    STORE_REL(s->note_read, w);
    return count;
}

struct sda_supply sda_pool_supply(struct sda_pool_reader *r)
{
    struct sda_supply s = { r, next, can_wait, wait, let_go };
    return s;
}
