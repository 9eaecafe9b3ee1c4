/*
 * The real-time benchmark ("bench" mode) and the scan timing ("scan" mode).
 *
 * bench: one instance at 44.1 kHz, process() called on a thread of its own at the block
 * deadlines (clock_nanosleep to absolute times, as an audio driver would), for the given duration.
 * Every second a chord of SDA_BENCH_VOICES notes (default 16: the polyphony), one note per block,
 * keys cycling, held 0.75 s: 16 voices sound most of the time. Prints process() time per block
 * (median, p99.9, max, and max as a share of the block's duration), the blocks whose process()
 * outlasted the block, the blocks the host itself woke for too late (its own lateness, counted
 * apart: the plugin never waits), note-on to sound against the reported latency (first note of
 * each chord, after silence), and the time from instantiation to the first sound. The shim prints
 * its counters (notes that found no variation, voices stolen) when it is deactivated (SDA_STATS=1).
 */
#define _GNU_SOURCE
#include <math.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "host.h"

#define BENCH_RATE 44100.0

static int compare_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static uint64_t mono_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

struct bench {
    struct host_plugin *plugin;
    int32_t block;
    uint64_t blocks;
    uint64_t *times;                      /* ns per process() call */
    double created_ms;
    double first_sound_ms;                /* wall time of the first loud block, -1 until then */
    int64_t latency_sum;                  /* note-on to first loud sample, samples, summed */
    int64_t latency_max;
    int latency_count;
    int realtime_priority;
    int voices;
    uint64_t late_calls;                  /* process() took longer than the block lasts */
    uint64_t host_late;                   /* the host thread woke after the block's deadline had passed */
};

static void *audio_thread(void *arg)
{
    struct bench *b = arg;
    struct sched_param sp = { .sched_priority = 70 };
    b->realtime_priority = pthread_setschedparam(pthread_self(), SCHED_FIFO, &sp) == 0;
    float *left = calloc((size_t)b->block, sizeof(float)), *right = calloc((size_t)b->block, sizeof(float));
    uint64_t period_ns = (uint64_t)(1e9 * b->block / BENCH_RATE);
    uint64_t second = (uint64_t)BENCH_RATE, hold = (uint64_t)(0.75 * BENCH_RATE);
    int64_t note_at = -1;                 /* host sample of the note being timed */
    int16_t base = 36;
    struct timespec next;
    clock_gettime(CLOCK_MONOTONIC, &next);
    for (uint64_t i = 0; i < b->blocks; i++) {
        uint64_t pos = b->plugin->position;
        struct host_events ev;
        host_events_init(&ev);
        /* chord note k starts in block k of the second, at an offset that moves with k */
        uint64_t phase = pos % second;
        uint64_t k = phase / (uint64_t)b->block;
        if (b->first_sound_ms < 0 && i % 4 == 0) {
            /* until the first sound, a probe note every 4 blocks: when sound first comes is then
             * known to 4 blocks, not to the next chord */
            host_events_note(&ev, 1, 0, 60, 0.8f);
            host_events_note(&ev, 0, b->block - 1, 60, 0.8f);
        } else if (k < (uint64_t)b->voices) {
            int32_t offset = (int32_t)((k * 37) % (uint64_t)b->block);
            host_events_note(&ev, 1, offset, (int16_t)(base + 2 * (int)k), 0.5f + 0.03f * (float)k);
            if (k == 0 && b->first_sound_ms >= 0) {
                /* timed from the first chord after the first sound: notes before it found no
                 * variation yet (counted by the shim), and silence precedes every chord */
                note_at = (int64_t)(pos + (uint64_t)offset);
            }
        }
        uint64_t off_phase = (phase + second - hold) % second;
        uint64_t koff = off_phase / (uint64_t)b->block;
        if (koff < (uint64_t)b->voices && phase >= hold) {
            host_events_note(&ev, 0, (int32_t)((koff * 37) % (uint64_t)b->block), (int16_t)(base + 2 * (int)koff), 0.5f);
            if (koff + 1 == (uint64_t)b->voices) {
                base = (int16_t)(36 + (base - 35) % 12);
            }
        }
        uint64_t t = mono_ns();
        host_process(b->plugin, b->block, &ev, NULL, left, right, NULL);
        b->times[i] = mono_ns() - t;
        b->late_calls += b->times[i] > period_ns;
        for (int32_t s = 0; s < b->block && b->first_sound_ms < 0; s++) {
            if (left[s] != 0.0f || right[s] != 0.0f) {   /* any sound: onsets of real sounds can be soft */
                b->first_sound_ms = host_now_ms();
            }
        }
        if (note_at >= 0 && note_at < (int64_t)(pos + (uint64_t)b->block)) {
            /* the timed note: its first non-zero sample at or after its position (silence before it) */
            int32_t from = note_at > (int64_t)pos ? (int32_t)(note_at - (int64_t)pos) : 0;
            for (int32_t s = from; s < b->block; s++) {
                if (left[s] != 0.0f || right[s] != 0.0f) {
                    int64_t latency = (int64_t)(pos + (uint64_t)s) - note_at;
                    b->latency_sum += latency;
                    b->latency_max = latency > b->latency_max ? latency : b->latency_max;
                    b->latency_count++;
                    note_at = -1;
                    break;
                }
            }
        }
        next.tv_nsec += (long)period_ns;
        while (next.tv_nsec >= 1000000000L) {
            next.tv_nsec -= 1000000000L;
            next.tv_sec++;
        }
        clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL);
        /* woke a whole block after the deadline: a driver would have missed it, whatever the plugin did */
        uint64_t deadline = (uint64_t)next.tv_sec * 1000000000u + (uint64_t)next.tv_nsec;
        b->host_late += mono_ns() > deadline + period_ns;
    }
    free(left);
    free(right);
    return NULL;
}

int host_run_bench(const char *bundle, int32_t block, double seconds, const char *state)
{
    if (block <= 0 || block > 8192 || seconds <= 0) {
        fprintf(stderr, "bench: block must be 1..8192 and seconds > 0\n");
        return -1;
    }
    struct host_module m;
    struct host_plugin p;
    struct bench b = { .plugin = &p, .block = block, .first_sound_ms = -1, .voices = 16 };
    if (getenv("SDA_BENCH_VOICES") != NULL) {
        b.voices = atoi(getenv("SDA_BENCH_VOICES"));
        b.voices = b.voices < 1 ? 1 : b.voices > 32 ? 32 : b.voices;
    }
    if (host_module_load(&m, bundle) != 0) {
        return -1;
    }
    b.created_ms = host_now_ms();
    if (host_plugin_create(&m, &p) != 0) {
        return -1;
    }
    if (state != NULL) {
        FILE *f = fopen(state, "rb");
        static uint8_t buf[65536];
        size_t n = f != NULL ? fread(buf + 12, 1, sizeof buf - 12, f) : 0;
        if (f != NULL) {
            fclose(f);
        }
        uint32_t version = 1, len = (uint32_t)n;
        memcpy(buf, "SDAS", 4);
        memcpy(buf + 4, &version, 4);
        memcpy(buf + 8, &len, 4);
        struct host_stream s;
        host_stream_init(&s, buf, (int64_t)n + 12);
        struct host_stream *ps = &s;
        printf("state %s: setState returned %d\n", state, (*p.component)->set_state(p.component, (struct v3_bstream **)ps));
        host_stream_free(&s);
    }
    if (host_plugin_start(&p, BENCH_RATE, block, V3_REALTIME) != 0) {
        fprintf(stderr, "bench: the plugin did not start\n");
        return -1;
    }
    double started_ms = host_now_ms();
    uint32_t latency = (*p.processor)->get_latency_samples(p.processor);
    b.blocks = (uint64_t)(seconds * BENCH_RATE / block);
    b.times = calloc(b.blocks, sizeof *b.times);
    pthread_t thread;
    pthread_create(&thread, NULL, audio_thread, &b);
    pthread_join(thread, NULL);
    host_plugin_stop(&p);

    qsort(b.times, b.blocks, sizeof *b.times, compare_u64);
    double block_us = 1e6 * block / BENCH_RATE;
    double median = b.times[b.blocks / 2] / 1e3;
    double p999 = b.times[(uint64_t)((double)(b.blocks - 1) * 0.999)] / 1e3;
    double max = b.times[b.blocks - 1] / 1e3;
    printf("block %d (%.0f us) for %.0f s, %llu blocks, chords of %d notes, audio thread %s\n", block, block_us,
           seconds, (unsigned long long)b.blocks, b.voices,
           b.realtime_priority ? "SCHED_FIFO" : "normal priority (no rtprio allowed)");
    printf("process() us: median %.1f  p99.9 %.1f  max %.1f  (max = %.1f%% of the block)\n", median, p999, max,
           100.0 * max / block_us);
    printf("process() calls longer than the block: %llu; host wake-ups a block or more late (the host's own): %llu\n",
           (unsigned long long)b.late_calls, (unsigned long long)b.host_late);
    printf("reported latency %u samples; note-on to first non-zero sample: mean %.1f, max %lld samples over %d notes "
           "(target %u: the note's own offset)\n", latency,
           b.latency_count ? (double)b.latency_sum / b.latency_count : -1.0, (long long)b.latency_max,
           b.latency_count, latency);
    printf("first sound %.0f ms after instantiation (setupProcessing and activation, JVM start included: %.0f ms)\n",
           b.first_sound_ms < 0 ? -1.0 : b.first_sound_ms - b.created_ms, started_ms - b.created_ms);
    free(b.times);
    host_plugin_destroy(&p);
    return 0;
}

int host_run_scan(const char *bundle)
{
    double t0 = host_now_ms();
    struct host_module m;
    if (host_module_load(&m, bundle) != 0) {
        return -1;
    }
    double loaded = host_now_ms();
    double times[20];
    for (int i = 0; i < 20; i++) {
        double t = host_now_ms();
        struct host_plugin p;
        if (host_plugin_create(&m, &p) != 0) {
            return -1;
        }
        struct v3_edit_controller **e = p.controller;
        for (int32_t k = 0; k < (*e)->get_parameter_count(e); k++) {
            struct v3_parameter_info info;
            (*e)->get_parameter_info(e, k, &info);
        }
        struct v3_bus_info bus;
        (*p.component)->get_bus_info(p.component, V3_MEDIA_AUDIO, V3_DIR_OUTPUT, 0, &bus);
        (*p.component)->get_bus_info(p.component, V3_MEDIA_EVENT, V3_DIR_INPUT, 0, &bus);
        (*p.component)->set_active(p.component, 1);
        (*p.component)->set_active(p.component, 0);
        host_plugin_destroy(&p);
        times[i] = host_now_ms() - t;
    }
    double worst = 0;
    for (int i = 0; i < 20; i++) {
        worst = times[i] > worst ? times[i] : worst;
    }
    printf("scan: dlopen + factory %.2f ms; instance scan first %.3f ms, worst of 20 %.3f ms; JVM loaded: %s\n",
           loaded - t0, times[0], worst, host_jvm_loaded() ? "yes" : "no");
    return host_jvm_loaded() ? -1 : 0;
}
