/*
 * The instance's life: creation, interface lookup, reference counting, initialize/terminate, and
 * when its Java side is started and stopped. Main thread unless said otherwise.
 */
#include <stdlib.h>
#include <sys/mman.h>
#include <string.h>

#include "jvm.h"
#include "plugin.h"

/* ---- Lifecycle ------------------------------------------------------------------------- */

struct sda_plugin *sda_plugin_create(void)
{
    struct sda_plugin *p = calloc(1, sizeof *p);
    if (p == NULL) {
        return NULL;
    }
    /* Page-aligned so the rings start on cache lines; zeroed so every position starts at 0. */
    if (posix_memalign((void **)&p->shared, 4096, sizeof *p->shared) != 0) {
        free(p);
        return NULL;
    }
    memset(p->shared, 0, sizeof *p->shared);
    /* Best effort: keep the rings resident so the audio thread never page-faults on them
     * (fails quietly where RLIMIT_MEMLOCK is too small; the rings then work as before). */
    mlock(p->shared, sizeof *p->shared);
    p->shared->magic = SDA_SHARED_MAGIC;
    p->shared->version = SDA_SHARED_VERSION;
    p->shared->event_capacity = SDA_EVENT_CAPACITY;
    p->shared->pool_slots = SDA_POOL_SLOTS;
    p->shared->variation_handles = SDA_VARIATION_HANDLES;
    sda_pool_clear(p->shared);
    p->component = &sda_component_vtable;
    p->processor = &sda_processor_vtable;
    p->controller = &sda_controller_vtable;
    p->context_requirements = &sda_context_requirements_vtable;
    p->midi_mapping = &sda_midi_mapping_vtable;
    p->unit_info = &sda_unit_info_vtable;
    atomic_init(&p->refcount, 1);
    for (int i = 0; i < SDA_PARAM_COUNT; i++) {
        p->params[i] = sda_param_table[i].default_normalized;
    }
    return p;
}

static void release_java(struct sda_plugin *p)
{
    sda_plugin_stop_rendering(p);
    if (p->java != NULL) {
        sda_java_close(p->java);
        p->java = NULL;
        /* Java freed the variations it published: no table may name them any more. */
        sda_pool_clear(p->shared);
    }
}

v3_result sda_plugin_query(struct sda_plugin *p, const v3_tuid iid, void **obj)
{
    if (obj == NULL) {
        return V3_INVALID_ARG;
    }
    *obj = NULL;
    SDA_CHECK(p != NULL && iid != NULL, V3_INVALID_ARG);
    void *found = NULL;
    if (v3_tuid_eq(iid, v3_funknown_iid) || v3_tuid_eq(iid, v3_plugin_base_iid)
        || v3_tuid_eq(iid, v3_component_iid)) {
        found = &p->component;
    } else if (v3_tuid_eq(iid, v3_audio_processor_iid)) {
        found = &p->processor;
    } else if (v3_tuid_eq(iid, v3_edit_controller_iid)) {
        found = &p->controller;
    } else if (v3_tuid_eq(iid, v3_process_context_requirements_iid)) {
        found = &p->context_requirements;
    } else if (v3_tuid_eq(iid, v3_midi_mapping_iid)) {
        found = &p->midi_mapping;
    } else if (v3_tuid_eq(iid, v3_unit_info_iid)) {
        found = &p->unit_info;
    }
    if (found == NULL) {
        return V3_NO_INTERFACE;
    }
    sda_plugin_add_ref(p);
    *obj = found;
    return V3_OK;
}

uint32_t sda_plugin_add_ref(struct sda_plugin *p)
{
    return p == NULL ? 0 : atomic_fetch_add(&p->refcount, 1) + 1;
}

uint32_t sda_plugin_release(struct sda_plugin *p)
{
    if (p == NULL) {
        return 0;
    }
    unsigned before = atomic_load(&p->refcount);
    do {
        if (before == 0) {
            return 0;                     /* over-release by the host: ignore rather than free twice */
        }
    } while (!atomic_compare_exchange_weak(&p->refcount, &before, before - 1));
    if (before - 1 == 0) {
        release_java(p);
        if (p->handler != NULL) {
            (*p->handler)->unknown.release(p->handler);
        }
        munlock(p->shared, sizeof *p->shared);
        free(p->shared);
        free(p->scratch);
        free(p);
        return 0;
    }
    return before - 1;
}

/* The host initializes the component, and may initialize the same object again as the
 * controller (single-component plugins): both are counted, the first terminate that brings the
 * count to zero tears down. */
v3_result sda_plugin_initialize(struct sda_plugin *p)
{
    SDA_CHECK(p != NULL, V3_INVALID_ARG);
    p->initialized++;
    return V3_OK;
}

v3_result sda_plugin_terminate(struct sda_plugin *p)
{
    SDA_CHECK(p != NULL, V3_INVALID_ARG);
    if (p->initialized > 0) {
        p->initialized--;
    }
    if (p->initialized == 0) {
        release_java(p);
        p->active = 0;
        p->setup_done = 0;
        atomic_store(&p->processing, 0);
        if (p->handler != NULL) {
            (*p->handler)->unknown.release(p->handler);
            p->handler = NULL;
        }
        for (int i = 0; i < SDA_PARAM_COUNT; i++) {
            p->params[i] = sda_param_table[i].default_normalized;
        }
    }
    return V3_OK;
}

/* ---- Java side --------------------------------------------------------------------------- */

int sda_plugin_ensure_java(struct sda_plugin *p)
{
    if (p->java != NULL) {
        return 0;
    }
    char err[1024] = "";
    p->java = sda_java_attach(p->shared, err, sizeof err);
    if (p->java == NULL) {
        sda_log("the instrument cannot start, so it plays silence: %s", err);
        return -1;
    }
    return 0;
}

void sda_plugin_start_rendering(struct sda_plugin *p)
{
    if (!p->active || !p->setup_done || atomic_load(&p->rendering)) {
        return;
    }
    struct sda_shared *s = p->shared;
    s->event_write = s->event_read = 0;
    /* Notes Java played while nothing rendered are not kept for later. */
    __atomic_store_n(&s->note_read, __atomic_load_n(&s->note_write, __ATOMIC_ACQUIRE), __ATOMIC_RELEASE);
    s->blocks = s->notes_without_sound = s->voices_stolen = s->events_dropped = s->offline_waits = 0;
    s->max_process_ns = s->late_blocks = 0;
    s->last_played = -1;
    s->notes_played = 0;
    double params[SDA_PARAM_COUNT];
    for (int i = 0; i < SDA_PARAM_COUNT; i++) {
        params[i] = p->java != NULL ? sda_java_parameter(p->java, (int32_t)sda_param_table[i].id, p->params[i])
                                    : p->params[i];
    }
    int32_t span = p->setup.max_samples_per_block < SDA_VOICES_SPAN ? p->setup.max_samples_per_block : SDA_VOICES_SPAN;
    sda_voices_init(&p->voices, p->setup.sample_rate, span, params);
    sda_pool_reader_reset(&p->reader, s, p->voices.host_rate);
    p->host_pos = 0;
    p->params_seen = atomic_load(&p->params_seq);
    if (p->java != NULL && sda_java_start(p->java) == 0) {
        atomic_store(&p->java_running, 1);
    }
    atomic_store_explicit(&p->rendering, 1, memory_order_release);
}

void sda_plugin_stop_rendering(struct sda_plugin *p)
{
    if (!atomic_load(&p->rendering)) {
        return;
    }
    atomic_store(&p->rendering, 0);
    struct sda_shared *s = p->shared;
    if (atomic_exchange(&p->java_running, 0)) {
        sda_java_stop(p->java);
    }
    /* Voices that were sounding give their variations back; the next activation starts silent. */
    struct sda_supply supply = sda_pool_supply(&p->reader);
    sda_voices_stop_all(&p->voices, &supply);
    if (s->events_dropped > 0 || s->late_blocks > 0 || getenv("SDA_STATS") != NULL) {
        sda_log("deactivated after %llu blocks: %llu notes found no variation ready, %llu voices stolen, "
                "%llu events dropped, %llu real-time blocks took longer than they last, longest process() %.1f us",
                (unsigned long long)s->blocks, (unsigned long long)s->notes_without_sound,
                (unsigned long long)s->voices_stolen, (unsigned long long)s->events_dropped,
                (unsigned long long)s->late_blocks, (double)s->max_process_ns / 1e3);
        if (p->java != NULL) {
            char status[512];
            sda_java_status(p->java, status, sizeof status);
            sda_log("instrument: %s", status);
        }
    }
}

void sda_plugin_refresh_params(struct sda_plugin *p)
{
    if (p->java == NULL) {
        return;
    }
    for (int i = 0; i < SDA_PARAM_COUNT; i++) {
        p->params[i] = sda_java_parameter(p->java, (int32_t)sda_param_table[i].id, p->params[i]);
    }
    /* To the audio thread (sequence lock: odd while written; it takes them at its next block). */
    atomic_fetch_add_explicit(&p->params_seq, 1, memory_order_acq_rel);
    atomic_thread_fence(memory_order_release);
    for (int i = 0; i < SDA_PARAM_COUNT; i++) {
        __atomic_store(&p->params_out[i], &p->params[i], __ATOMIC_RELAXED);
    }
    atomic_fetch_add_explicit(&p->params_seq, 1, memory_order_release);
    if (p->handler != NULL) {
        (*p->handler)->restart_component(p->handler, V3_RESTART_PARAM_VALUES_CHANGED);
    }
}
