/*
 * The plugin's voice renderer (voices.c) and pool reader (pool.c) for a Java caller through JNA,
 * built as libsda-voices.so: the parity test holds it to the Java VoiceEngine, and a host of our
 * own (the standalone host) plays through the very renderer the plugin uses. One caller thread per
 * renderer: the variations it is given (sda_voices_api_add, or the bridge's publisher writing the
 * shared block as it does for the plugin) are published by the same protocol Java uses for the
 * plugin (shared.h), and read back by the same code the audio thread runs.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pool.h"
#include "voices.h"

#define API __attribute__((visibility("default")))
#define API_EVENTS 1024                   /* events per render call; more are dropped and counted */

struct voices_api {
    struct sda_shared *shared;
    struct sda_pool_reader reader;
    struct sda_voices voices;
    float *memory[SDA_VARIATION_HANDLES];
    int32_t count;
    struct sda_voice_event events[API_EVENTS];
};

API void *sda_voices_api_new(double sample_rate, int32_t max_span)
{
    if (!(sample_rate >= 8000.0 && sample_rate <= 768000.0) || max_span < 1) {
        return NULL;
    }
    struct voices_api *a = calloc(1, sizeof *a);
    if (a == NULL || (a->shared = calloc(1, sizeof *a->shared)) == NULL) {
        free(a);
        return NULL;
    }
    a->shared->magic = SDA_SHARED_MAGIC;
    a->shared->version = SDA_SHARED_VERSION;
    a->shared->event_capacity = SDA_EVENT_CAPACITY;
    a->shared->pool_slots = SDA_POOL_SLOTS;
    a->shared->variation_handles = SDA_VARIATION_HANDLES;
    a->shared->sample_rate = sample_rate;  /* as setupProcessing sets it: the rate Java publishes at */
    a->shared->max_block = max_span;
    sda_pool_clear(a->shared);
    sda_voices_init(&a->voices, sample_rate, max_span, NULL);
    sda_pool_reader_reset(&a->reader, a->shared, a->voices.host_rate);
    return a;
}

API void sda_voices_api_free(void *handle)
{
    struct voices_api *a = handle;
    if (a == NULL) {
        return;
    }
    for (int i = 0; i < SDA_VARIATION_HANDLES; i++) {
        free(a->memory[i]);
    }
    free(a->shared);
    free(a);
}

/*
 * Adds a variation to the pool's next slot (index: its place in the seed's sequence): `samples`
 * holds the copies back to back, `frames[k]` long each. Returns its slot, or -1 when the pool is
 * full or the variation is refused (empty, too long, more copies than SDA_VARIATION_OCTAVES).
 */
API int32_t sda_voices_api_add(void *handle, const float *samples, const int32_t *frames, int32_t octaves,
                               int64_t index)
{
    struct voices_api *a = handle;
    if (a == NULL || samples == NULL || frames == NULL || octaves < 1 || octaves > SDA_VARIATION_OCTAVES
        || a->count >= SDA_POOL_SLOTS) {
        return -1;
    }
    size_t total = 0;
    for (int k = 0; k < octaves; k++) {
        if (frames[k] < 1 || frames[k] > SDA_MAX_VARIATION_FRAMES) {
            return -1;
        }
        total += (size_t)frames[k];
    }
    int32_t h = a->count;
    float *copy = malloc(sizeof(float) * total);
    if (copy == NULL) {
        return -1;
    }
    memcpy(copy, samples, sizeof(float) * total);
    a->memory[h] = copy;
    struct sda_shared *s = a->shared;
    struct sda_variation *v = &s->variations[h];
    v->address = (uint64_t)(uintptr_t)copy;
    for (int k = 0; k < octaves; k++) {
        v->frames[k] = frames[k];
    }
    v->octaves = octaves;
    v->rate = a->voices.host_rate;
    v->index = index;
    v->epoch = 1;
    a->count++;
    uint64_t gen = s->pool_gen + 1;
    struct sda_pool_table *t = &s->tables[gen & 1];
    t->epoch = 1;
    t->can_wait = 0;
    t->first = 0;
    for (int i = 0; i < SDA_POOL_SLOTS; i++) {
        t->slots[i] = i < a->count ? i : -1;
    }
    __atomic_store_n(&s->pool_gen, gen, __ATOMIC_RELEASE);
    return h;
}

API void sda_voices_api_set_parameter(void *handle, int32_t id, double normalized)
{
    struct voices_api *a = handle;
    if (a != NULL) {
        sda_voices_set_parameter(&a->voices, id, normalized);
    }
}

/* Renders `frames` samples with `count` events (parallel arrays, sorted by offset). 1: sound. */
API int32_t sda_voices_api_render(void *handle, float *left, float *right, int32_t frames, const int32_t *offsets,
                                  const int32_t *kinds, const int32_t *indexes, const double *values, int32_t count)
{
    struct voices_api *a = handle;
    if (a == NULL || frames < 0 || (frames > 0 && (left == NULL || right == NULL))) {
        return -1;
    }
    int32_t n = 0;
    for (int32_t i = 0; i < count && offsets != NULL && kinds != NULL && indexes != NULL && values != NULL; i++) {
        if (n == API_EVENTS) {
            a->voices.events_dropped++;
            continue;
        }
        a->events[n++] = (struct sda_voice_event){ offsets[i], kinds[i], indexes[i], 0, values[i] };
    }
    /* Notes played through the shared block (as the editor's keyboard does) start first, at offset 0. */
    struct sda_voice_event taken[API_EVENTS];
    int t = sda_pool_take_notes(a->shared, taken, 0, API_EVENTS);
    if (t > 0) {
        int32_t keep = n + t > API_EVENTS ? API_EVENTS - t : n;
        memmove(a->events + t, a->events, sizeof *a->events * (size_t)keep);
        memcpy(a->events, taken, sizeof *taken * (size_t)t);
        n = keep + t;
    }
    sda_pool_refresh(&a->reader);
    struct sda_supply supply = sda_pool_supply(&a->reader);
    return sda_voices_render(&a->voices, left, right, frames, a->events, n, &supply);
}

/* The renderer's shared block (shared.h): where a Java caller posts notes, as the plugin's bridge does. */
API void *sda_voices_api_shared(void *handle)
{
    struct voices_api *a = handle;
    return a == NULL ? NULL : a->shared;
}

API int64_t sda_voices_api_notes_without_sound(void *handle)
{
    struct voices_api *a = handle;
    return a == NULL ? -1 : (int64_t)a->voices.notes_without_sound;
}

API int32_t sda_voices_api_active(void *handle)
{
    struct voices_api *a = handle;
    return a == NULL ? -1 : sda_voices_active(&a->voices);
}

/* Voice `i`'s state into out[8]: stage, key, level, step, position, ratio, amplitude, length (for the parity test's
 * diagnosis of where the two renderers part). Returns 0, or -1 for a bad index. */
API int32_t sda_voices_api_voice(void *handle, int32_t i, double *out)
{
    struct voices_api *a = handle;
    if (a == NULL || out == NULL || i < 0 || i >= SDA_VOICE_COUNT) {
        return -1;
    }
    const struct sda_voice *x = &a->voices.voices[i];
    out[0] = x->stage;
    out[1] = x->key;
    out[2] = x->level;
    out[3] = x->step;
    out[4] = x->position;
    out[5] = x->ratio;
    out[6] = x->amplitude;
    out[7] = x->stage == SDA_IDLE ? 0 : x->length;
    return 0;
}

/* The engine's derived state into out[9]: gain, gain target, sustain, lfo phase, bend ratio,
 * vibrato depth, attack, decay and release in samples (the parity test's diagnosis). */
API int32_t sda_voices_api_engine(void *handle, double *out)
{
    struct voices_api *a = handle;
    if (a == NULL || out == NULL) {
        return -1;
    }
    const struct sda_voices *v = &a->voices;
    double values[9] = { v->gain, v->gain_target, v->sustain, v->lfo_phase, v->bend_ratio, v->vibrato_depth,
                         v->attack_samples, v->decay_samples, v->release_samples };
    memcpy(out, values, sizeof values);
    return 0;
}
