/*
 * The conformance walk ("test" mode): what a DAW and the format's validators do to a plugin,
 * with a check after each step. Prints one line per failure and a summary; the exit code says
 * whether everything passed.
 */
#define _GNU_SOURCE
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "host.h"

#define RATE 48000.0
#define MAX_BLOCK 512


void account(struct audio_stats *st, const float *l, const float *r, int32_t n, uint64_t flags)
{
    double block_peak = 0;
    for (int32_t i = 0; i < n; i++) {
        if (!isfinite(l[i]) || !isfinite(r[i])) {
            st->nonfinite++;
            continue;
        }
        double a = fabs(l[i]) > fabs(r[i]) ? fabs(l[i]) : fabs(r[i]);
        block_peak = a > block_peak ? a : block_peak;
        st->sum_squares += (double)l[i] * l[i] + (double)r[i] * r[i];
    }
    st->frames += n;
    st->peak = block_peak > st->peak ? block_peak : st->peak;
    if ((flags & 3) == 3) {
        st->silent_flag_blocks++;
        if (block_peak > 0) {
            st->flagged_but_loud++;
        }
    }
    if (block_peak > 1e-4) {
        st->loud_blocks++;
    }
}

static int32_t next_size(int32_t fixed, unsigned *seed)
{
    if (fixed > 0) {
        return fixed;
    }
    *seed = *seed * 1103515245u + 12345u;
    return 1 + (int32_t)((*seed >> 8) % MAX_BLOCK);  /* variable sizes, 1..max */
}

/* Plays `seconds` of blocks of `size` (0: variable) with a note every 0.25 s, gain automation
 * mid-block and parameter flushes between blocks. */
void play(struct host_plugin *p, int32_t size, double seconds, int16_t key, struct audio_stats *st)
{
    static float left[MAX_BLOCK], right[MAX_BLOCK];
    struct host_events events;
    struct host_changes changes;
    unsigned seed = 12345;
    uint64_t end = p->position + (uint64_t)(seconds * p->sample_rate);
    uint64_t note_every = (uint64_t)(0.25 * p->sample_rate);
    uint64_t next_note = p->position;
    int sounding = 0;
    while (p->position < end) {
        int32_t n = next_size(size, &seed);
        host_events_init(&events);
        host_changes_init(&changes);
        if (p->position + (uint64_t)n > next_note) {
            int32_t offset = (int32_t)(next_note - p->position);
            if (sounding) {
                host_events_note(&events, 0, offset, key, 0.5f);
            }
            host_events_note(&events, 1, offset, (int16_t)(key + (sounding ? 7 : 0)), 0.8f);
            sounding = 1;
            next_note += note_every;
        }
        if (n > 8 && (seed & 7) == 0) {
            host_changes_add(&changes, 0, n / 2, 0.9);     /* Gain, mid-block */
        }
        uint64_t flags = 0;
        v3_result r = host_process(p, n, &events, &changes, left, right, &flags);
        CHECK(r == V3_OK, "process(%d) returned %d", n, r);
        account(st, left, right, n, flags);
        if ((seed & 3) == 0) {
            host_changes_init(&changes);
            host_changes_add(&changes, 1, 0, 0.5);         /* a flush: numSamples == 0 */
            CHECK(host_process(p, 0, NULL, &changes, left, right, NULL) == V3_OK, "parameter flush failed");
        }
    }
    host_events_init(&events);
    host_events_note(&events, 0, 0, key, 0.5f);
    host_events_note(&events, 0, 0, (int16_t)(key + 7), 0.5f);
    host_process(p, 1, &events, NULL, left, right, NULL);
}

void expect_sound(const char *what, const struct audio_stats *st)
{
    printf("%-28s peak %.3f  rms %.4f  loud blocks %ld  flagged-silent %ld  non-finite %ld\n", what, st->peak,
           st->frames > 0 ? sqrt(st->sum_squares / (2.0 * (double)st->frames)) : 0.0, st->loud_blocks,
           st->silent_flag_blocks, st->nonfinite);
    CHECK(st->nonfinite == 0, "%s: %ld non-finite samples", what, st->nonfinite);
    CHECK(st->peak > 1e-3, "%s: output is silent", what);
    CHECK(st->peak <= 1.0, "%s: output clips (peak %.3f)", what, st->peak);
    CHECK(st->flagged_but_loud == 0, "%s: %ld blocks flagged silent but not", what, st->flagged_but_loud);
}

struct play_job {
    struct host_plugin *p;
    int32_t size;
    struct audio_stats stats;
};

static void *play_thread(void *arg)
{
    struct play_job *job = arg;
    play(job->p, job->size, 0.6, 60, &job->stats);
    return NULL;
}

/* Offline: plays notes until sound comes out (the model loads and the first variations are made
 * in the background after setup), bounded by wall time. Returns 1 when sound came. */
int await_sound(struct host_plugin *p, const char *who)
{
    static float left[MAX_BLOCK], right[MAX_BLOCK];
    double start = host_now_ms();
    struct host_events ev;
    int32_t n = p->max_block < MAX_BLOCK ? p->max_block : MAX_BLOCK;
    uint64_t every = (uint64_t)(0.25 * p->sample_rate), next = p->position;
    while (host_now_ms() - start < 180000.0) {
        host_events_init(&ev);
        if (p->position + (uint64_t)n > next) {
            host_events_note(&ev, 0, 0, 60, 0.5f);
            host_events_note(&ev, 1, (int32_t)(next - p->position), 60, 0.9f);
            next += every;
        }
        host_process(p, n, &ev, NULL, left, right, NULL);
        for (int32_t i = 0; i < n; i++) {
            if (fabsf(left[i]) > 1e-3f) {
                printf("%s: first sound after %.0f ms of wall time\n", who, host_now_ms() - start);
                host_events_init(&ev);
                host_events_note(&ev, 0, 0, 60, 0.5f);
                host_process(p, n, &ev, NULL, left, right, NULL);
                return 1;
            }
        }
    }
    CHECK(0, "%s: no sound within 180 s", who);
    return 0;
}

/* Real time, blocks back to back with no pacing: `notes` notes, each at its own offset in a block
 * of `size` after silence. The first non-zero sample of each must be exactly at its offset (every
 * sample before it zero), and the note must sound on. Prints the offsets measured. */
void check_note_offsets(struct host_plugin *p, int32_t size, int notes)
{
    static float left[MAX_BLOCK], right[MAX_BLOCK];
    struct host_events ev;
    int exact = 0;
    char seen[512] = "";
    size_t used = 0;
    for (int k = 0; k < notes; k++) {
        /* silence first: the previous note released (200 ms) and gone */
        int quiet = 0;
        for (int guard = 0; guard < 4000 && quiet < 4; guard++) {
            host_process(p, size, NULL, NULL, left, right, NULL);
            int zero = 1;
            for (int32_t i = 0; i < size; i++) {
                zero &= left[i] == 0.0f && right[i] == 0.0f;
            }
            quiet = zero ? quiet + 1 : 0;
        }
        CHECK(quiet >= 4, "blocks of %d: no silence before note %d", size, k);
        int32_t offset = (int32_t)(((unsigned)k * 2654435761u) % (unsigned)size);
        if (k == 0) {
            offset = 0;
        } else if (k == 1) {
            offset = size - 1;
        }
        int16_t key = (int16_t)(48 + (k * 5) % 25);
        host_events_init(&ev);
        host_events_note(&ev, 1, offset, key, 0.3f + 0.05f * (float)(k % 10));
        host_process(p, size, &ev, NULL, left, right, NULL);
        int32_t first = -1;
        for (int32_t i = 0; i < size && first < 0; i++) {
            if (left[i] != 0.0f || right[i] != 0.0f) {
                first = i;
            }
        }
        /* and it goes on sounding in the next block */
        host_process(p, size, NULL, NULL, left, right, NULL);
        float peak = 0;
        for (int32_t i = 0; i < size; i++) {
            peak = fabsf(left[i]) > peak ? fabsf(left[i]) : peak;
        }
        CHECK(first == offset, "blocks of %d, note %d at offset %d: first non-zero sample at %d", size, k, offset,
              first);
        CHECK(peak > 0.0f, "blocks of %d, note %d: silent in the block after its note-on", size, k);
        exact += first == offset;
        if (used + 16 < sizeof seen) {
            used += (size_t)snprintf(seen + used, sizeof seen - used, "%s%d/%d", k ? " " : "", first, offset);
        }
        host_events_init(&ev);
        host_events_note(&ev, 0, 0, key, 0.5f);
        host_process(p, size, &ev, NULL, left, right, NULL);
    }
    printf("real time, blocks of %d back to back: %d/%d notes sounded first at their offset (first/offset: %s)\n",
           size, exact, notes, seen);
}

/* ---- Static answers (what a scanner asks) ---------------------------------------------- */

static void check_static(struct host_module *m, struct host_plugin *p)
{
    struct v3_plugin_factory2 **f2 = NULL;
    (*m->factory)->unknown.query_interface(m->factory, v3_plugin_factory2_iid, (void **)&f2);
    CHECK(f2 != NULL, "no IPluginFactory2");
    if (f2 != NULL) {
        struct v3_class_info2 info;
        CHECK((*f2)->get_class_info2(f2, 0, &info) == V3_OK, "getClassInfo2");
        CHECK(strcmp(info.category, "Audio Module Class") == 0, "category '%s'", info.category);
        CHECK(strcmp(info.sub_categories, "Instrument|Synth") == 0, "sub-categories '%s'", info.sub_categories);
        CHECK((*f2)->get_class_info2(f2, 1, &info) != V3_OK, "class index 1 exists");
        CHECK((*f2)->get_class_info2(f2, 0, NULL) != V3_OK, "NULL class info accepted");
    }
    struct v3_plugin_factory3 **f3 = NULL;
    (*m->factory)->unknown.query_interface(m->factory, v3_plugin_factory3_iid, (void **)&f3);
    CHECK(f3 != NULL, "no IPluginFactory3");
    void *bad = (void *)1;
    CHECK((*m->factory)->create_instance(m->factory, "0123456789abcdef", (const char *)v3_component_iid, &bad)
              != V3_OK && bad == NULL, "createInstance of an unknown class");

    struct v3_component **c = p->component;
    v3_tuid cid;
    CHECK((*c)->get_controller_class_id(c, cid) != V3_OK, "a single component must not name a controller class");
    CHECK((*c)->get_bus_count(c, V3_MEDIA_AUDIO, V3_DIR_INPUT) == 0, "audio inputs");
    CHECK((*c)->get_bus_count(c, V3_MEDIA_AUDIO, V3_DIR_OUTPUT) == 1, "audio outputs");
    CHECK((*c)->get_bus_count(c, V3_MEDIA_EVENT, V3_DIR_INPUT) == 1, "event inputs");
    CHECK((*c)->get_bus_count(c, V3_MEDIA_EVENT, V3_DIR_OUTPUT) == 0, "event outputs");
    struct v3_bus_info bus;
    CHECK((*c)->get_bus_info(c, V3_MEDIA_AUDIO, V3_DIR_OUTPUT, 0, &bus) == V3_OK && bus.channel_count == 2,
          "stereo output bus");
    CHECK((*c)->get_bus_info(c, V3_MEDIA_AUDIO, V3_DIR_OUTPUT, 1, &bus) != V3_OK, "bus index 1");
    CHECK((*c)->get_bus_info(c, V3_MEDIA_AUDIO, V3_DIR_OUTPUT, 0, NULL) != V3_OK, "NULL bus info accepted");
    CHECK((*p->processor)->can_process_sample_size(p->processor, V3_SAMPLE_32) == V3_OK, "32-bit refused");
    CHECK((*p->processor)->can_process_sample_size(p->processor, V3_SAMPLE_64) != V3_OK, "64-bit claimed");
    v3_speaker_arrangement stereo = V3_ARRANGEMENT_STEREO, mono = V3_SPEAKER_L;
    CHECK((*p->processor)->set_bus_arrangements(p->processor, NULL, 0, &stereo, 1) == V3_OK, "stereo arrangement");
    CHECK((*p->processor)->set_bus_arrangements(p->processor, NULL, 0, &mono, 1) != V3_OK, "mono accepted");
    CHECK((*p->processor)->process(p->processor, NULL) != V3_OK, "process(NULL) accepted");

    struct v3_edit_controller **e = p->controller;
    int32_t count = (*e)->get_parameter_count(e);
    CHECK(count >= 15, "%d parameters", count);
    uint32_t seen[64];
    for (int32_t i = 0; i < count && i < 64; i++) {
        struct v3_parameter_info info;
        CHECK((*e)->get_parameter_info(e, i, &info) == V3_OK, "parameter %d info", i);
        seen[i] = info.id;
        for (int32_t j = 0; j < i; j++) {
            CHECK(seen[j] != info.id, "parameter id %u twice", info.id);
        }
        CHECK(info.title[0] != 0, "parameter %u has no title", info.id);
        CHECK(info.step_count >= 0 && info.default_normalized >= 0 && info.default_normalized <= 1,
              "parameter %u step count / default", info.id);
        CHECK(fabs((*e)->get_param_normalized(e, info.id) - info.default_normalized) < 1e-9,
              "parameter %u does not start at its default", info.id);
        v3_str128 text;
        double back = -1;
        CHECK((*e)->get_param_string_by_value(e, info.id, info.default_normalized, text) == V3_OK,
              "parameter %u has no text", info.id);
        CHECK((*e)->get_param_value_by_string(e, info.id, text, &back) == V3_OK
                  && fabs(back - info.default_normalized) < 0.02, "parameter %u text does not parse back", info.id);
    }
    struct v3_parameter_info info;
    CHECK((*e)->get_parameter_info(e, count, &info) != V3_OK, "parameter index past the end");
    CHECK((*e)->set_param_normalized(e, 0, 0.25) == V3_OK && fabs((*e)->get_param_normalized(e, 0) - 0.25) < 1e-9,
          "setParamNormalized");

    struct v3_midi_mapping **mm = NULL;
    (*c)->base.unknown.query_interface(c, v3_midi_mapping_iid, (void **)&mm);
    CHECK(mm != NULL, "no IMidiMapping");
    if (mm != NULL) {
        v3_param_id id = 999;
        CHECK((*mm)->get_midi_controller_assignment(mm, 0, 0, V3_CTRL_PITCH_BEND, &id) == V3_OK && id == 13,
              "pitch bend maps to %u", id);
        CHECK((*mm)->get_midi_controller_assignment(mm, 0, 3, V3_CTRL_MOD_WHEEL, &id) == V3_OK && id == 14,
              "mod wheel maps to %u", id);
        CHECK((*mm)->get_midi_controller_assignment(mm, 0, 0, 7, &id) != V3_OK, "CC 7 mapped");
        (*mm)->unknown.release(mm);
    }
    struct v3_unit_info_iface **ui = NULL;
    (*c)->base.unknown.query_interface(c, v3_unit_info_iid, (void **)&ui);
    CHECK(ui != NULL, "no IUnitInfo");
    if (ui != NULL) {
        struct v3_unit_info unit;
        CHECK((*ui)->get_unit_count(ui) == 1 && (*ui)->get_unit_info(ui, 0, &unit) == V3_OK
                  && unit.id == V3_ROOT_UNIT_ID && unit.parent_unit_id == V3_NO_PARENT_UNIT_ID, "root unit");
        (*ui)->unknown.release(ui);
    }
    struct v3_process_context_requirements **req = NULL;
    (*c)->base.unknown.query_interface(c, v3_process_context_requirements_iid, (void **)&req);
    CHECK(req != NULL, "no IProcessContextRequirements");
    if (req != NULL) {
        (*req)->unknown.release(req);
    }
}

/* ---- State --------------------------------------------------------------------------------- */

/* A state blob: the plugin's header ("SDAS", version 1, length) around JSON from a file. */
int state_from_file(const char *path, struct host_stream *out)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return -1;
    }
    uint8_t buf[65536];
    size_t n = fread(buf + 12, 1, sizeof buf - 12, f);
    fclose(f);
    memcpy(buf, "SDAS", 4);
    uint32_t version = 1, len = (uint32_t)n;
    memcpy(buf + 4, &version, 4);          /* little-endian machine */
    memcpy(buf + 8, &len, 4);
    host_stream_init(out, buf, (int64_t)n + 12);
    return 0;
}

v3_result set_state(struct host_plugin *p, const void *data, int64_t size, int32_t chunk)
{
    struct host_stream s;
    host_stream_init(&s, data, size);
    s.max_chunk = chunk;
    struct host_stream *ps = &s;
    v3_result r = (*p->component)->set_state(p->component, (struct v3_bstream **)ps);
    if (r == V3_OK) {
        s.pos = 0;
        (*p->controller)->set_component_state(p->controller, (struct v3_bstream **)ps);
    }
    host_stream_free(&s);
    return r;
}

void check_state(struct host_plugin *p)
{
    struct host_stream saved;
    host_stream_init(&saved, NULL, 0);
    saved.max_chunk = 100;                 /* a stream that takes small writes */
    struct host_stream *ps = &saved;
    CHECK((*p->component)->get_state(p->component, (struct v3_bstream **)ps) == V3_OK && saved.size > 12,
          "getState");
    CHECK(set_state(p, saved.data, saved.size, 0) == V3_OK, "setState of our own state");
    CHECK(set_state(p, saved.data, saved.size, 7) == V3_OK, "setState through 7-byte reads");
    CHECK(set_state(p, saved.data, saved.size / 2, 0) != V3_OK, "a truncated state was accepted");
    CHECK(set_state(p, saved.data, 5, 0) != V3_OK, "a 5-byte state was accepted");
    CHECK(set_state(p, "", 0, 0) != V3_OK, "an empty state was accepted");
    static const char foreign[] = "VstW\0\0\0\x08\0\0\0\x01<?xml version=\"1.0\"?><preset/>";
    CHECK(set_state(p, foreign, sizeof foreign, 0) != V3_OK, "another plugin's state was accepted");
    uint8_t garbage[4096];
    for (size_t i = 0; i < sizeof garbage; i++) {
        garbage[i] = (uint8_t)(i * 2654435761u >> 13);
    }
    memcpy(garbage, "SDAS\x01\0\0\0", 8);
    uint32_t len = sizeof garbage - 12;
    memcpy(garbage + 8, &len, 4);
    /* Binary junk behind a valid header reaches the instrument: any answer but a crash will do. */
    printf("junk behind a valid header: setState returned %d\n", set_state(p, garbage, sizeof garbage, 0));
    CHECK((*p->component)->set_state(p->component, NULL) != V3_OK, "setState(NULL) accepted");
    CHECK(set_state(p, saved.data, saved.size, 0) == V3_OK, "setState after junk");
    host_stream_free(&saved);
}

/* ---- The walk ------------------------------------------------------------------------------ */

static void walk(struct host_module *m, int round)
{
    printf("-- round %d\n", round);
    struct host_plugin p;
    double t0 = host_now_ms();
    if (host_plugin_create(m, &p) != 0) {
        host_failures++;
        return;
    }
    check_static(m, &p);
    CHECK((*p.component)->set_active(p.component, 1) == V3_OK, "setActive(true) before setup");
    CHECK((*p.component)->set_active(p.component, 0) == V3_OK, "setActive(false)");
    if (round == 1) {
        printf("scan (create, initialize, buses, parameters, activate): %.1f ms, JVM loaded: %s\n",
               host_now_ms() - t0, host_jvm_loaded() ? "yes" : "no");
        CHECK(!host_jvm_loaded(), "scanning loaded a JVM");
        struct host_stream s;
        host_stream_init(&s, NULL, 0);
        struct host_stream *ps = &s;
        CHECK((*p.component)->get_state(p.component, (struct v3_bstream **)ps) == V3_OK, "getState without Java");
        CHECK(set_state(&p, "junk", 4, 0) != V3_OK, "junk state accepted");
        CHECK(!host_jvm_loaded(), "getState or a foreign setState loaded a JVM");
        host_stream_free(&s);
    }

    CHECK(host_plugin_start(&p, RATE, MAX_BLOCK, V3_OFFLINE) == 0, "setupProcessing/setActive/setProcessing");
    CHECK(host_jvm_loaded(), "setupProcessing did not start the JVM");
    uint32_t latency = (*p.processor)->get_latency_samples(p.processor);
    printf("reported latency: %u samples\n", latency);
    CHECK(latency == 0, "latency %u: the voices render in the block their note arrives in", latency);

    float l[MAX_BLOCK], r[MAX_BLOCK];
    uint64_t flags = 0;
    CHECK(host_process(&p, 64, NULL, NULL, l, r, &flags) == V3_OK && (flags & 3) == 3,
          "a silent first block must carry silence flags (got %llx)", (unsigned long long)flags);
    await_sound(&p, "demo model");

    static const int32_t sizes[] = { 32, 64, 128, 512, 0 };
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        struct play_job job;
        memset(&job, 0, sizeof job);
        job.p = &p;
        job.size = sizes[i];
        pthread_t thread;
        /* process() from a thread other than the one that set up, as real hosts do */
        CHECK(pthread_create(&thread, NULL, play_thread, &job) == 0, "thread");
        pthread_join(thread, NULL);
        char what[64];
        snprintf(what, sizeof what, "offline, blocks of %s", sizes[i] ? "" : "1..512");
        if (sizes[i]) {
            snprintf(what, sizeof what, "offline, blocks of %d", sizes[i]);
        }
        expect_sound(what, &job.stats);
    }
    check_state(&p);
    host_plugin_stop(&p);

    /* Real time, called back to back (as validators and offline renderers do): every note sounds
     * from its own sample offset in the block it arrives in, at every block size. */
    static const int32_t rt_sizes[] = { 32, 64, 128, 512 };
    for (size_t i = 0; i < sizeof rt_sizes / sizeof rt_sizes[0]; i++) {
        CHECK(host_plugin_start(&p, RATE, rt_sizes[i], V3_REALTIME) == 0, "restart in real-time mode");
        CHECK((*p.processor)->get_latency_samples(p.processor) == 0, "latency in real-time mode");
        check_note_offsets(&p, rt_sizes[i], 16);
        host_plugin_stop(&p);
    }

    /* Real time at another rate: variations are resampled in the background meanwhile; whatever
     * plays must be sane. */
    CHECK(host_plugin_start(&p, 44100.0, 128, V3_REALTIME) == 0, "restart in real-time mode at 44.1 kHz");
    struct audio_stats rt;
    memset(&rt, 0, sizeof rt);
    play(&p, 128, 0.1, 64, &rt);
    CHECK(rt.nonfinite == 0 && rt.peak <= 1.0, "real-time output not finite or clipping");
    host_plugin_stop(&p);

    /* Repeated terminate/initialize on one object. */
    (*p.controller)->base.terminate(p.controller);
    (*p.component)->base.terminate(p.component);
    CHECK((*p.component)->base.initialize(p.component, host_context) == V3_OK, "initialize after terminate");
    CHECK((*p.controller)->base.initialize(p.controller, host_context) == V3_OK, "controller initialize again");
    CHECK(host_plugin_start(&p, RATE, 256, V3_OFFLINE) == 0, "start after re-initialize");
    await_sound(&p, "new instrument after terminate/initialize");
    struct audio_stats again;
    memset(&again, 0, sizeof again);
    play(&p, 256, 0.5, 62, &again);
    expect_sound("after terminate/initialize", &again);
    host_plugin_stop(&p);
    host_plugin_destroy(&p);
}

int host_run_checks(const char *bundle, const char *state_a, const char *state_b, const char *state_missing)
{
    struct host_module m;
    if (host_module_load(&m, bundle) != 0) {
        return -1;
    }
    walk(&m, 1);
    walk(&m, 2);
    host_two_instances(&m, state_a, state_b, state_missing);
    printf("%s: %d failure(s)\n", host_failures == 0 ? "PASS" : "FAIL", host_failures);
    return host_failures == 0 ? 0 : -1;
}

