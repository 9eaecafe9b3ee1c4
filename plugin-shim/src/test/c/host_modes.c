/*
 * The other ways the test host exercises a plugin: two instances in one process, any instrument
 * without a sound requirement (smoke), and no Java runtime at all.
 */
#define _GNU_SOURCE
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "host.h"

#define RATE 48000.0

/* Two instances in one process: one JVM, different states (models), different sound. */
void host_two_instances(struct host_module *m, const char *state_a, const char *state_b, const char *missing)
{
    printf("-- two instances\n");
    struct host_plugin a, b;
    if (host_plugin_create(m, &a) != 0 || host_plugin_create(m, &b) != 0) {
        host_failures++;
        return;
    }
    struct host_stream sa, sb, sm;
    CHECK(state_from_file(state_a, &sa) == 0 && state_from_file(state_b, &sb) == 0
              && state_from_file(missing, &sm) == 0, "state files");
    CHECK(set_state(&a, sa.data, sa.size, 0) == V3_OK, "state A");
    CHECK(set_state(&b, sb.data, sb.size, 0) == V3_OK, "state B");
    CHECK(host_plugin_start(&a, RATE, 256, V3_OFFLINE) == 0 && host_plugin_start(&b, RATE, 256, V3_OFFLINE) == 0,
          "start both");
    CHECK(host_jvm_count() == 1, "%d JVMs in the process", host_jvm_count());
    await_sound(&a, "instance A");
    await_sound(&b, "instance B");
    static float la[48000], ra[48000], lb[48000], rb[48000];
    struct host_events ev;
    double diff = 0, energy_a = 0, energy_b = 0;
    for (int32_t at = 0; at + 256 <= 48000; at += 256) {
        host_events_init(&ev);
        if (at == 0) {
            host_events_note(&ev, 1, 10, 60, 0.9f);
        }
        host_process(&a, 256, &ev, NULL, la + at, ra + at, NULL);
        host_process(&b, 256, &ev, NULL, lb + at, rb + at, NULL);
    }
    for (int i = 0; i < 48000; i++) {
        diff += (la[i] - lb[i]) * (double)(la[i] - lb[i]);
        energy_a += la[i] * (double)la[i];
        energy_b += lb[i] * (double)lb[i];
    }
    printf("instance A energy %.3f, B energy %.3f, difference %.3f\n", energy_a, energy_b, diff);
    CHECK(energy_a > 1e-3 && energy_b > 1e-3, "an instance is silent");
    CHECK(diff > 0.01 * (energy_a + energy_b), "the two instances sound the same");

    /* A state whose model is gone: never crashes, the rest keeps working. */
    v3_result r = set_state(&a, sm.data, sm.size, 0);
    printf("state with a deleted model: setState returned %d\n", r);
    struct audio_stats after;
    memset(&after, 0, sizeof after);
    play(&a, 256, 0.3, 60, &after);
    CHECK(after.nonfinite == 0 && after.peak <= 1.0, "output after a missing-model state");
    host_stream_free(&sa);
    host_stream_free(&sb);
    host_stream_free(&sm);
    host_plugin_stop(&a);
    host_plugin_stop(&b);
    host_plugin_destroy(&a);
    host_plugin_destroy(&b);
}

/* Without any Java runtime the plugin must still load, answer, play silence and save a state. */
int host_run_without_java(const char *bundle)
{
    struct host_module m;
    struct host_plugin p;
    if (host_module_load(&m, bundle) != 0 || host_plugin_create(&m, &p) != 0) {
        return -1;
    }
    CHECK(host_plugin_start(&p, RATE, 256, V3_REALTIME) == 0, "setup without Java must still succeed");
    struct audio_stats st;
    memset(&st, 0, sizeof st);
    play(&p, 256, 0.5, 60, &st);
    CHECK(st.peak == 0 && st.nonfinite == 0, "without Java the output must be silence");
    CHECK(st.silent_flag_blocks > 0, "silence without Java must be flagged");
    struct host_stream s;
    host_stream_init(&s, NULL, 0);
    struct host_stream *ps = &s;
    CHECK((*p.component)->get_state(p.component, (struct v3_bstream **)ps) == V3_OK, "getState without Java");
    host_stream_free(&s);
    host_plugin_stop(&p);
    host_plugin_destroy(&p);
    printf("%s: %d failure(s)\n", host_failures == 0 ? "PASS" : "FAIL", host_failures);
    return host_failures == 0 ? 0 : -1;
}

/* Any instrument, sound or not (the shipped one plays silence for a model without a prior): the
 * whole sequence must run, the output stay finite and unclipped, and the state round-trip. */
int host_run_smoke(const char *bundle, const char *state)
{
    struct host_module m;
    struct host_plugin p;
    if (host_module_load(&m, bundle) != 0 || host_plugin_create(&m, &p) != 0) {
        return -1;
    }
    struct host_stream s;
    if (state != NULL) {
        CHECK(state_from_file(state, &s) == 0, "state file %s", state);
        printf("setState(%s): %d\n", state, set_state(&p, s.data, s.size, 0));
        host_stream_free(&s);
    }
    CHECK(host_plugin_start(&p, RATE, 256, V3_OFFLINE) == 0, "start");
    CHECK(host_jvm_loaded(), "no JVM after setupProcessing");
    struct audio_stats st;
    memset(&st, 0, sizeof st);
    play(&p, 256, 2.0, 60, &st);
    printf("smoke: peak %.3f, non-finite %ld\n", st.peak, st.nonfinite);
    CHECK(st.nonfinite == 0 && st.peak <= 1.0, "output not finite or clipping");
    check_state(&p);
    host_plugin_stop(&p);
    host_plugin_destroy(&p);
    printf("%s: %d failure(s)\n", host_failures == 0 ? "PASS" : "FAIL", host_failures);
    return host_failures == 0 ? 0 : -1;
}
