/*
 * The audio thread's contract ("contract" mode): process() must not allocate, lock, sleep or make
 * a system call in real time. Run with LD_PRELOAD=libsda-audio-guard.so (audio_guard.c), which
 * counts such calls made while this thread has armed it; the host arms it around every process()
 * call only. Also counts this thread's voluntary context switches across the armed calls (a
 * blocking system call glibc makes internally, out of the guard's sight, would show there).
 *
 * The session: the pool is filled offline first (the demo model generates), then real time at
 * 48 kHz in blocks of 128, back to back: chords past the polyphony (stealing), note-offs, gain,
 * bend, mod wheel and sustain automation inside blocks, parameter flushes, the variation seed
 * changed every few seconds (Java regenerates and publishes new tables, and frees the old
 * variations, while the audio thread plays), the variation lock toggled, and setState between
 * blocks (its parameters reach the audio thread through the shim's sequence lock).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "host.h"

#define RATE 48000.0
#define BLOCK 128

typedef void (*arm_fn)(int);
typedef long (*report_fn)(char *, size_t);
typedef void (*reset_fn)(void);

static long voluntary_switches(void)
{
    FILE *f = fopen("/proc/thread-self/status", "r");
    char line[256];
    long n = -1;
    while (f != NULL && fgets(line, sizeof line, f) != NULL) {
        if (strncmp(line, "voluntary_ctxt_switches:", 24) == 0) {
            n = atol(line + 24);
        }
    }
    if (f != NULL) {
        fclose(f);
    }
    return n;
}

int host_run_contract(const char *bundle, const char *state)
{
    arm_fn arm = (arm_fn)dlsym(RTLD_DEFAULT, "sda_guard_arm");
    report_fn report = (report_fn)dlsym(RTLD_DEFAULT, "sda_guard_report");
    reset_fn reset = (reset_fn)dlsym(RTLD_DEFAULT, "sda_guard_reset");
    if (arm == NULL || report == NULL || reset == NULL) {
        printf("FAIL contract mode needs LD_PRELOAD=libsda-audio-guard.so\n");
        return -1;
    }
    /* The guard sees what it should: an armed allocation is counted. */
    char what[512];
    reset();
    arm(1);
    void *(*volatile alloc)(size_t) = malloc;
    void *p = alloc(64);
    arm(0);
    free(p);
    CHECK(report(what, sizeof what) >= 1, "the guard did not see an armed malloc");
    reset();

    struct host_module m;
    struct host_plugin plugin;
    if (host_module_load(&m, bundle) != 0 || host_plugin_create(&m, &plugin) != 0) {
        return -1;
    }
    struct host_stream saved;
    CHECK(state_from_file(state, &saved) == 0, "state file %s", state);
    CHECK(set_state(&plugin, saved.data, saved.size, 0) == V3_OK, "setState");
    CHECK(host_plugin_start(&plugin, RATE, 512, V3_OFFLINE) == 0, "offline start");
    await_sound(&plugin, "contract: pool filled");
    host_plugin_stop(&plugin);
    CHECK(host_plugin_start(&plugin, RATE, BLOCK, V3_REALTIME) == 0, "real-time start");

    static float left[BLOCK], right[BLOCK];
    struct host_events ev;
    struct host_changes ch;
    long calls = 0, loud = 0;
    long switches = 0;
    int seed = 0;
    unsigned rnd = 1;
    for (int block = 0; block < 15000; block++) {    /* 40 s of audio */
        host_events_init(&ev);
        host_changes_init(&ch);
        if (block % 40 == 0) {
            int chord = 1 + (block / 40) % 20;           /* up to 20 at once: past the polyphony */
            for (int k = 0; k < chord; k++) {
                rnd = rnd * 1103515245u + 12345u;
                host_events_note(&ev, 1, (int32_t)((rnd >> 8) % BLOCK), (int16_t)(36 + (rnd >> 16) % 60), 0.7f);
            }
        }
        if (block % 40 == 30) {
            for (int key = 36; key < 96; key += 3) {
                host_events_note(&ev, 0, block % BLOCK, (int16_t)key, 0.5f);
            }
        }
        if (block % 7 == 0) {
            host_changes_add(&ch, 0, block % BLOCK, 0.8 + 0.1 * sin(block * 0.01));     /* gain */
            host_changes_add(&ch, 13, (block * 3) % BLOCK, 0.5 + 0.3 * sin(block * 0.02)); /* bend */
            host_changes_add(&ch, 14, 5, 0.5 + 0.5 * sin(block * 0.005));              /* mod wheel */
            host_changes_add(&ch, 8, BLOCK - 1, 0.6 + 0.4 * sin(block * 0.003));        /* sustain */
        }
        if (block % 1500 == 750) {
            seed = (seed + 1) % 5;
            host_changes_add(&ch, 4, 0, seed / 999.0);                                 /* new seed: new tables */
        }
        if (block % 1500 == 1200) {
            host_changes_add(&ch, 5, 64, (block / 1500) % 2 ? 1.0 : 0.0);             /* variation lock */
        }
        long before = voluntary_switches();
        arm(1);
        v3_result r = host_process(&plugin, BLOCK, &ev, &ch, left, right, NULL);
        if (block % 3 == 0) {
            host_changes_init(&ch);
            host_changes_add(&ch, 9, 0, 0.03 + 0.02 * sin(block * 0.001));            /* release, in a flush */
            host_process(&plugin, 0, NULL, &ch, left, right, NULL);
        }
        arm(0);
        switches += voluntary_switches() - before;
        calls += block % 3 == 0 ? 2 : 1;
        CHECK(r == V3_OK, "process returned %d", r);
        for (int i = 0; i < BLOCK; i++) {
            if (left[i] != 0.0f) {
                loud++;
                break;
            }
        }
        if (block % 5000 == 4999) {
            /* between blocks, as a host loading a project does */
            CHECK(set_state(&plugin, saved.data, saved.size, 0) == V3_OK, "setState between blocks");
        }
    }
    long forbidden = report(what, sizeof what);
    printf("audio thread: %ld process() calls in real time, %ld blocks with sound; forbidden calls inside: %ld%s%s%s;"
           " voluntary context switches inside: %ld\n", calls, loud, forbidden, forbidden ? " (" : "", what,
           forbidden ? ")" : "", switches);
    CHECK(forbidden == 0, "process() allocated, locked, slept or called the kernel: %s", what);
    CHECK(switches == 0, "the audio thread blocked %ld times inside process()", switches);
    /* Not every block: after a seed change (or with the lock on) notes find nothing until the new
     * seed's variations are made, and this loop runs far faster than real time. */
    CHECK(loud > 1500, "only %ld of 15000 blocks had sound", loud);
    host_plugin_stop(&plugin);
    host_stream_free(&saved);
    host_plugin_destroy(&plugin);
    printf("%s: %d failure(s)\n", host_failures == 0 ? "PASS" : "FAIL", host_failures);
    return host_failures == 0 ? 0 : -1;
}
