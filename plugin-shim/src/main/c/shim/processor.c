/*
 * IAudioProcessor.
 *
 * process() runs on the host's audio thread and renders the voices itself (voices.c), in the
 * block it is called for: a note sounds from its own sample offset, so the plugin reports no
 * latency. It keeps to the audio thread's contract: no JVM, no lock, no allocation, no system
 * call. The block's notes and parameter changes are sorted by sample offset and applied there;
 * note-ons take variations Java has published into the shared block (pool.c); parameter changes
 * also go to Java through the event ring (generation settings, state). A note that finds no
 * variation ready plays nothing and is counted. In offline mode (bounces) a note-on may wait,
 * bounded, for a fresh variation instead.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "jvm.h"
#include "plugin.h"
#include "ring.h"

#define EVENT_CAPACITY 512                /* events per block; more are dropped and counted */

static void add_event(struct sda_plugin *p, struct sda_voice_event *list, int *count, int32_t offset,
                      int32_t kind, int32_t index, double value)
{
    if (*count >= EVENT_CAPACITY) {
        p->shared->events_dropped++;
        return;
    }
    /* insertion sort: blocks carry few events; equal offsets keep host order */
    int i = *count;
    while (i > 0 && list[i - 1].offset > offset) {
        list[i] = list[i - 1];
        i--;
    }
    list[i] = (struct sda_voice_event){ offset, kind, index, 0, value };
    (*count)++;
}

static int32_t clamp_offset(int32_t offset, int32_t n)
{
    int32_t last = n > 0 ? n - 1 : 0;
    return offset < 0 ? 0 : offset > last ? last : offset;
}

/* Audio thread: the block's parameter changes and notes, in sample order. */
static int collect_events(struct sda_plugin *p, struct v3_process_data *d, struct sda_voice_event *list)
{
    int count = 0;
    int32_t n = d->num_samples;
    if (atomic_exchange_explicit(&p->all_notes_off, 0, memory_order_acquire)) {
        add_event(p, list, &count, 0, SDA_VOICE_ALL_NOTES_OFF, 0, 0.0);
    }
    /* Notes Java played since the last block (the editor's keyboard): they start here. */
    count = sda_pool_take_notes(p->shared, list, count, EVENT_CAPACITY);
    if (d->input_parameter_changes != NULL && *d->input_parameter_changes != NULL) {
        struct v3_parameter_changes **changes = d->input_parameter_changes;
        int32_t queues = (*changes)->get_parameter_count(changes);
        for (int32_t q = 0; q < queues; q++) {
            struct v3_param_value_queue **queue = (*changes)->get_parameter_data(changes, q);
            if (queue == NULL || *queue == NULL) {
                continue;
            }
            v3_param_id id = (*queue)->get_parameter_id(queue);
            if (sda_param_index(id) < 0) {
                continue;
            }
            int32_t points = (*queue)->get_point_count(queue);
            for (int32_t i = 0; i < points; i++) {
                int32_t offset = 0;
                double value = 0;
                if ((*queue)->get_point(queue, i, &offset, &value) == V3_OK && value >= 0.0 && value <= 1.0) {
                    add_event(p, list, &count, clamp_offset(offset, n), SDA_VOICE_PARAMETER, (int32_t)id, value);
                }
            }
        }
    }
    if (d->input_events != NULL && *d->input_events != NULL) {
        struct v3_event_list **events = d->input_events;
        int32_t total = (*events)->get_event_count(events);
        for (int32_t i = 0; i < total; i++) {
            struct v3_event e;
            if ((*events)->get_event(events, i, &e) != V3_OK || e.bus_index != 0) {
                continue;
            }
            int32_t offset = clamp_offset(e.sample_offset, n);
            if (e.type == V3_EVENT_NOTE_ON && e.note_on.pitch >= 0 && e.note_on.pitch < 128) {
                float v = e.note_on.velocity;
                /* A note-on with velocity 0 is a note-off, as in MIDI. */
                add_event(p, list, &count, offset, v > 0.0f ? SDA_VOICE_NOTE_ON : SDA_VOICE_NOTE_OFF,
                          e.note_on.pitch, v > 1.0f ? 1.0 : v > 0.0f ? v : 0.0);
            } else if (e.type == V3_EVENT_NOTE_OFF && e.note_off.pitch >= 0 && e.note_off.pitch < 128) {
                add_event(p, list, &count, offset, SDA_VOICE_NOTE_OFF, e.note_off.pitch, 0.0);
            }
        }
    }
    return count;
}

/* Audio thread: parameters from a restored state, when the main thread has handed over new ones. */
static void adopt_params(struct sda_plugin *p)
{
    unsigned seq = atomic_load_explicit(&p->params_seq, memory_order_acquire);
    if (seq == p->params_seen || (seq & 1u)) {
        return;
    }
    double values[SDA_PARAM_COUNT];
    for (int i = 0; i < SDA_PARAM_COUNT; i++) {
        __atomic_load(&p->params_out[i], &values[i], __ATOMIC_RELAXED);
    }
    atomic_thread_fence(memory_order_acquire);
    if (atomic_load_explicit(&p->params_seq, memory_order_relaxed) != seq) {
        return;                           /* written meanwhile: take them at the next block */
    }
    for (int i = 0; i < SDA_PARAM_COUNT; i++) {
        sda_voices_set_parameter(&p->voices, (int32_t)sda_param_table[i].id, values[i]);
    }
    p->params_seen = seq;
}

/* ---- IAudioProcessor --------------------------------------------------------------------- */

SDA_UNKNOWN_METHODS(processor, processor)

static v3_result processor_set_bus_arrangements(void *self, v3_speaker_arrangement *inputs, int32_t num_inputs,
                                                v3_speaker_arrangement *outputs, int32_t num_outputs)
{
    (void)inputs;
    SDA_CHECK(self != NULL, V3_INVALID_ARG);
    if (num_inputs == 0 && num_outputs == 1 && outputs != NULL && outputs[0] == V3_ARRANGEMENT_STEREO) {
        return V3_OK;
    }
    return V3_FALSE;                      /* we keep our stereo output */
}

static v3_result processor_get_bus_arrangement(void *self, int32_t dir, int32_t index, v3_speaker_arrangement *arr)
{
    SDA_CHECK(self != NULL && arr != NULL, V3_INVALID_ARG);
    SDA_CHECK(dir == V3_DIR_OUTPUT && index == 0, V3_INVALID_ARG);
    *arr = V3_ARRANGEMENT_STEREO;
    return V3_OK;
}

static v3_result processor_can_process_sample_size(void *self, int32_t size)
{
    SDA_CHECK(self != NULL, V3_INVALID_ARG);
    return size == V3_SAMPLE_32 ? V3_OK : V3_FALSE;
}

static uint32_t processor_get_latency_samples(void *self)
{
    (void)self;
    return 0;                             /* a note sounds at its own sample offset, in its own block */
}

static v3_result processor_setup_processing(void *self, struct v3_process_setup *setup)
{
    SDA_CHECK(self != NULL && setup != NULL, V3_INVALID_ARG);
    struct sda_plugin *p = SDA_FROM(processor, self);
    SDA_CHECK(setup->symbolic_sample_size == V3_SAMPLE_32, V3_FALSE);
    SDA_CHECK(setup->max_samples_per_block > 0 && setup->sample_rate >= 8000.0 && setup->sample_rate <= 768000.0,
              V3_INVALID_ARG);
    sda_plugin_stop_rendering(p);         /* hosts should not, but some set up while active */
    if (p->scratch_frames < setup->max_samples_per_block) {
        float *scratch = realloc(p->scratch, sizeof(float) * 2 * (size_t)setup->max_samples_per_block);
        SDA_CHECK(scratch != NULL, V3_OUT_OF_MEMORY);
        p->scratch = scratch;
        p->scratch_frames = setup->max_samples_per_block;
    }
    p->setup = *setup;
    p->setup_done = 1;
    p->shared->sample_rate = setup->sample_rate;
    p->shared->max_block = setup->max_samples_per_block;
    if (sda_plugin_ensure_java(p) == 0) {
        /* Java makes variations at this rate; its own voice engine is not used by the plugin. */
        int32_t latency = 0;
        int32_t prepare_block = setup->max_samples_per_block < SDA_VOICES_SPAN ? setup->max_samples_per_block
                                                                               : SDA_VOICES_SPAN;
        sda_java_prepare(p->java, setup->sample_rate, prepare_block, &latency);
    }
    sda_plugin_start_rendering(p);        /* only when active */
    return V3_OK;                         /* without Java the plugin still answers the host, silently */
}

static v3_result processor_set_processing(void *self, v3_bool state)
{
    SDA_CHECK(self != NULL, V3_INVALID_ARG);
    struct sda_plugin *p = SDA_FROM(processor, self);
    /* May come from the audio thread: only atomics here. Stopping releases every voice. */
    int before = atomic_exchange(&p->processing, state ? 1 : 0);
    if (before && !state) {
        atomic_store(&p->all_notes_off, 1);
    }
    return V3_OK;
}

static v3_result processor_process(void *self, struct v3_process_data *d)
{
    SDA_CHECK(self != NULL && d != NULL, V3_INVALID_ARG);
    struct sda_plugin *p = SDA_FROM(processor, self);
    int32_t n = d->num_samples;
    SDA_CHECK(n >= 0, V3_INVALID_ARG);
    SDA_CHECK(n == 0 || d->symbolic_sample_size == V3_SAMPLE_32, V3_INVALID_ARG);
    uint64_t start = sda_now_ns();
    struct sda_shared *s = p->shared;
    float *out[2] = { NULL, NULL };
    int channels = 0;
    struct v3_audio_bus_buffers *bus = d->num_outputs > 0 ? d->outputs : NULL;
    if (bus != NULL && bus->channels32 != NULL && n > 0) {
        channels = bus->num_channels < 2 ? bus->num_channels : 2;
        for (int c = 0; c < channels; c++) {
            out[c] = bus->channels32[c];
            if (out[c] == NULL) {
                channels = c;
                break;
            }
        }
        for (int c = 2; c < bus->num_channels; c++) {
            if (bus->channels32[c] != NULL) {
                memset(bus->channels32[c], 0, sizeof(float) * (size_t)n);
            }
        }
    }
    int sounded = 0;
    if (atomic_load_explicit(&p->rendering, memory_order_acquire)) {
        struct sda_voice_event list[EVENT_CAPACITY];
        adopt_params(p);
        sda_pool_refresh(&p->reader);
        int count = collect_events(p, d, list);   /* also for n == 0: a parameter flush */
        if (atomic_load_explicit(&p->java_running, memory_order_relaxed)) {
            for (int i = 0; i < count; i++) {
                if (list[i].kind == SDA_VOICE_PARAMETER) {
                    sda_ring_push_event(s, (int64_t)p->host_pos + list[i].offset, SDA_EVENT_PARAMETER,
                                        list[i].index, list[i].value);
                }
            }
        }
        float *left = channels > 0 ? out[0] : NULL, *right = channels > 1 ? out[1] : NULL;
        if (n > 0 && (left == NULL || right == NULL)) {
            /* fewer than two channels: render into scratch, copy what the host has room for */
            if (n <= p->scratch_frames) {
                left = p->scratch;
                right = p->scratch + p->scratch_frames;
            } else {
                count = 0;                /* a block over the set-up maximum, without outputs: nothing to do */
                n = 0;
            }
        }
        p->voices.offline = d->process_mode == V3_OFFLINE;
        struct sda_supply supply = sda_pool_supply(&p->reader);
        sounded = sda_voices_render(&p->voices, left, right, n, list, count, &supply);
        if (channels == 1 && left != out[0]) {
            memcpy(out[0], left, sizeof(float) * (size_t)n);
        }
        p->host_pos += (uint64_t)n;
        s->notes_without_sound = p->voices.notes_without_sound;
        s->voices_stolen = p->voices.voices_stolen;
    } else {
        for (int c = 0; c < channels; c++) {
            memset(out[c], 0, sizeof(float) * (size_t)n);
        }
    }
    if (d->num_samples == 0) {
        return V3_OK;
    }
    if (bus != NULL) {
        bus->silence_flags = sounded ? 0 : (bus->num_channels >= 64 ? ~0ull : ((1ull << bus->num_channels) - 1));
    }
    uint64_t took = sda_now_ns() - start;
    s->blocks++;
    if (d->process_mode != V3_OFFLINE) {
        if (took > s->max_process_ns) {
            s->max_process_ns = took;
        }
        if (p->setup_done && (double)took > 1e9 * d->num_samples / p->setup.sample_rate) {
            s->late_blocks++;
        }
    }
    return V3_OK;
}

static uint32_t processor_get_tail_samples(void *self)
{
    if (self == NULL) {
        return 0;
    }
    struct sda_plugin *p = SDA_FROM(processor, self);
    /* The longest release (5 s). */
    return (uint32_t)(5.0 * (p->setup_done ? p->setup.sample_rate : 48000.0));
}

const struct v3_audio_processor sda_processor_vtable = {
    .unknown = { processor_query, processor_add_ref, processor_release },
    .set_bus_arrangements = processor_set_bus_arrangements,
    .get_bus_arrangement = processor_get_bus_arrangement,
    .can_process_sample_size = processor_can_process_sample_size,
    .get_latency_samples = processor_get_latency_samples,
    .setup_processing = processor_setup_processing,
    .set_processing = processor_set_processing,
    .process = processor_process,
    .get_tail_samples = processor_get_tail_samples,
};

/* ---- IProcessContextRequirements --------------------------------------------------------- */

SDA_UNKNOWN_METHODS(context_requirements, context_requirements)

static uint32_t context_requirements_get(void *self)
{
    (void)self;
    return 0;                             /* the instrument needs no transport or tempo */
}

const struct v3_process_context_requirements sda_context_requirements_vtable = {
    .unknown = { context_requirements_query, context_requirements_add_ref, context_requirements_release },
    .get_process_context_requirements = context_requirements_get,
};
