/*
 * The real-time benchmark ("bench" mode) and the scan timing ("scan" mode).
 *
 * bench: one instance at 44.1 kHz, process() called on a thread of its own at the block
 * deadlines (clock_nanosleep to absolute times, as an audio driver would), a note every second
 * (held 0.3 s, keys cycling), for the given duration. Prints process() time per block (median,
 * p99.9, max, and max as a share of the block's duration), note-on to sound latency against the
 * reported latency, and the time from instantiation to the first sound. The shim prints its
 * underrun count when it is deactivated (SDA_STATS=1 makes it print even when there are none).
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
};

static void *audio_thread(void *arg)
{
    struct bench *b = arg;
    struct sched_param sp = { .sched_priority = 70 };
    b->realtime_priority = pthread_setschedparam(pthread_self(), SCHED_FIFO, &sp) == 0;
    float *left = calloc((size_t)b->block, sizeof(float)), *right = calloc((size_t)b->block, sizeof(float));
    uint64_t period_ns = (uint64_t)(1e9 * b->block / BENCH_RATE);
    uint64_t note_every = (uint64_t)BENCH_RATE, hold = (uint64_t)(0.3 * BENCH_RATE);
    int64_t note_at = -1;                 /* host sample of the note being timed */
    int16_t key = 48;
    struct timespec next;
    clock_gettime(CLOCK_MONOTONIC, &next);
    for (uint64_t i = 0; i < b->blocks; i++) {
        uint64_t pos = b->plugin->position;
        struct host_events ev;
        host_events_init(&ev);
        uint64_t phase = pos % note_every;
        if (phase + (uint64_t)b->block > note_every || phase == 0) {
            int32_t offset = phase == 0 ? 0 : (int32_t)(note_every - phase);
            host_events_note(&ev, 1, offset, key, 0.8f);
            note_at = (int64_t)(pos + (uint64_t)offset);
        }
        uint64_t off_phase = (pos + note_every - hold) % note_every;
        if (off_phase + (uint64_t)b->block > note_every || off_phase == 0) {
            host_events_note(&ev, 0, off_phase == 0 ? 0 : (int32_t)(note_every - off_phase), key, 0.5f);
            key = (int16_t)(48 + (key - 47) % 24);
        }
        uint64_t t = mono_ns();
        host_process(b->plugin, b->block, &ev, NULL, left, right, NULL);
        b->times[i] = mono_ns() - t;
        for (int32_t s = 0; s < b->block; s++) {
            if (fabsf(left[s]) > 1e-6f || fabsf(right[s]) > 1e-6f) {   /* any sound: onsets of real sounds can be soft */
                if (b->first_sound_ms < 0) {
                    b->first_sound_ms = host_now_ms();
                }
                if (note_at >= 0 && (int64_t)(pos + (uint64_t)s) >= note_at) {
                    int64_t latency = (int64_t)(pos + (uint64_t)s) - note_at;
                    b->latency_sum += latency;
                    b->latency_max = latency > b->latency_max ? latency : b->latency_max;
                    b->latency_count++;
                    note_at = -1;
                }
                break;
            }
        }
        next.tv_nsec += (long)period_ns;
        while (next.tv_nsec >= 1000000000L) {
            next.tv_nsec -= 1000000000L;
            next.tv_sec++;
        }
        clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL);
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
    struct bench b = { .plugin = &p, .block = block, .first_sound_ms = -1 };
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
    printf("block %d (%.0f us) for %.0f s, %llu blocks, audio thread %s\n", block, block_us, seconds,
           (unsigned long long)b.blocks, b.realtime_priority ? "SCHED_FIFO" : "normal priority (no rtprio allowed)");
    printf("process() us: median %.1f  p99.9 %.1f  max %.1f  (max = %.1f%% of the block)\n", median, p999, max,
           100.0 * max / block_us);
    printf("reported latency %u samples; note-on to sound: mean %.0f, max %lld samples over %d notes "
           "(target <= %u)\n", latency, b.latency_count ? (double)b.latency_sum / b.latency_count : -1.0,
           (long long)b.latency_max, b.latency_count, latency + (uint32_t)block);
    printf("first sound %.0f ms after instantiation\n", b.first_sound_ms < 0 ? -1.0 : b.first_sound_ms - b.created_ms);
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
