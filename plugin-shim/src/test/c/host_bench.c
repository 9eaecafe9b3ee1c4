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
 * each chord, after silence), and the time from instantiation to the first sound. Beside the wall
 * time of each call, the thread's CPU time in it and whether the kernel switched the thread out
 * during it: a call far longer than its median that ran briefly on the CPU was held off the core
 * (by the kernel or, on a VM, the hypervisor), not working. The shim prints
 * its counters (notes that found no variation, voices stolen) when it is deactivated (SDA_STATS=1).
 */
#define _GNU_SOURCE
#include <math.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>
#include <time.h>

#include "host.h"

#define BENCH_RATE 44100.0

static int compare_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static uint64_t clock_ns(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static uint64_t mono_ns(void)
{
    return clock_ns(CLOCK_MONOTONIC);
}

/* What the kernel did to the calling thread so far: switches it out (involuntary: preempted;
 * voluntary: it waited) and page faults it took. */
struct thread_events {
    long involuntary, voluntary, faults;
};

static struct thread_events thread_events(void)
{
    struct rusage ru;
    struct thread_events e = { 0, 0, 0 };
    if (getrusage(RUSAGE_THREAD, &ru) == 0) {
        e.involuntary = ru.ru_nivcsw;
        e.voluntary = ru.ru_nvcsw;
        e.faults = ru.ru_minflt + ru.ru_majflt;
    }
    return e;
}

/* The machine's stolen time so far (hypervisor), in clock ticks, from /proc/stat; -1 if unknown. */
static long long steal_ticks(void)
{
    FILE *f = fopen("/proc/stat", "r");
    long long v[8] = { 0 };
    int n = f != NULL ? fscanf(f, "cpu %lld %lld %lld %lld %lld %lld %lld %lld", &v[0], &v[1], &v[2], &v[3], &v[4],
                                &v[5], &v[6], &v[7]) : 0;
    if (f != NULL) {
        fclose(f);
    }
    return n == 8 ? v[7] : -1;
}

struct bench {
    struct host_plugin *plugin;
    int32_t block;
    uint64_t blocks;
    uint64_t *times;                      /* ns per process() call */
    uint64_t *cpu_times;                  /* the thread's CPU ns in each call */
    uint64_t over_target;                 /* calls whose wall time passed 10 % of the block */
    uint64_t over_target_switched;        /* ... of which the kernel switched the thread out */
    uint64_t over_target_waited;          /* ... of which the thread waited (a voluntary switch) */
    uint64_t over_target_faulted;         /* ... of which the thread took a page fault */
    uint64_t over_target_on_cpu;          /* ... of which the thread's own CPU time passed 10 % */
    float *table;                         /* control mode (no plugin): the kernel's wavetable */
    double created_ms;
    double first_sound_ms;                /* wall time of the first loud block, -1 until then */
    double run_ms;
    long long steal_before, steal_after;
    int64_t latency_sum;                  /* note-on to first loud sample, samples, summed */
    int64_t latency_max;
    int latency_count;
    int realtime_priority;
    int voices;
    uint64_t late_calls;                  /* process() took longer than the block lasts */
    uint64_t host_late;                   /* the host thread woke after the block's deadline had passed */
};

#define CONTROL_TABLE (1 << 16)

/* The control's work per block, about what the renderer does at its core for each sounding voice:
 * a 4-point Hermite read of a wavetable at a moving phase, with a gain, into both channels. */
static void control_kernel(const float *table, int voices, int32_t block, uint64_t pos, float *left, float *right)
{
    for (int32_t s = 0; s < block; s++) {
        left[s] = right[s] = 0.0f;
    }
    const double span = CONTROL_TABLE - 4;
    for (int v = 0; v < voices; v++) {
        double step = 1.0 + 0.0625 * v;
        double phase = fmod((double)pos * step, span);
        for (int32_t s = 0; s < block; s++) {
            int k = (int)phase;
            float f = (float)(phase - k);
            float y0 = table[k], y1 = table[k + 1], y2 = table[k + 2], y3 = table[k + 3];
            float c1 = 0.5f * (y2 - y0);
            float c2 = y0 - 2.5f * y1 + 2.0f * y2 - 0.5f * y3;
            float c3 = 0.5f * (y3 - y0) + 1.5f * (y1 - y2);
            float x = 0.05f * (((c3 * f + c2) * f + c1) * f + y1);
            left[s] += x;
            right[s] += x;
            phase += step;
            if (phase >= span) {
                phase -= span;
            }
        }
    }
}

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
    uint64_t control_pos = 0;
    for (uint64_t i = 0; i < b->blocks; i++) {
        uint64_t pos = b->plugin != NULL ? b->plugin->position : control_pos;
        control_pos += (uint64_t)b->block;
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
        struct thread_events before = thread_events();
        uint64_t cpu = clock_ns(CLOCK_THREAD_CPUTIME_ID);
        uint64_t t = mono_ns();
        if (b->plugin != NULL) {
            host_process(b->plugin, b->block, &ev, NULL, left, right, NULL);
        } else {
            control_kernel(b->table, b->voices, b->block, pos, left, right);
        }
        b->times[i] = mono_ns() - t;
        b->cpu_times[i] = clock_ns(CLOCK_THREAD_CPUTIME_ID) - cpu;
        b->late_calls += b->times[i] > period_ns;
        if (b->times[i] * 10 > period_ns) {
            struct thread_events after = thread_events();
            b->over_target++;
            b->over_target_switched += after.involuntary != before.involuntary;
            b->over_target_waited += after.voluntary != before.voluntary;
            b->over_target_faulted += after.faults != before.faults;
            b->over_target_on_cpu += b->cpu_times[i] * 10 > period_ns;
        }
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

/* Runs the audio thread for `seconds` of blocks, timing each call. */
static void run_timed(struct bench *b, double seconds)
{
    b->blocks = (uint64_t)(seconds * BENCH_RATE / b->block);
    b->times = calloc(b->blocks, sizeof *b->times);
    b->cpu_times = calloc(b->blocks, sizeof *b->cpu_times);
    b->steal_before = steal_ticks();
    double started = host_now_ms();
    pthread_t thread;
    pthread_create(&thread, NULL, audio_thread, b);
    pthread_join(thread, NULL);
    b->run_ms = host_now_ms() - started;
    b->steal_after = steal_ticks();
}

static void print_timing(struct bench *b, double seconds, const char *call)
{
    qsort(b->times, b->blocks, sizeof *b->times, compare_u64);
    qsort(b->cpu_times, b->blocks, sizeof *b->cpu_times, compare_u64);
    double block_us = 1e6 * b->block / BENCH_RATE;
    uint64_t p999 = (uint64_t)((double)(b->blocks - 1) * 0.999);
    printf("block %d (%.0f us) for %.0f s, %llu blocks, %d voices, audio thread %s\n", b->block, block_us, seconds,
           (unsigned long long)b->blocks, b->voices,
           b->realtime_priority ? "SCHED_FIFO" : "normal priority (no rtprio allowed)");
    printf("%s us: median %.1f  p99.9 %.1f  max %.1f  (max = %.1f%% of the block)\n", call,
           b->times[b->blocks / 2] / 1e3, b->times[p999] / 1e3, b->times[b->blocks - 1] / 1e3,
           100.0 * (double)b->times[b->blocks - 1] / 1e3 / block_us);
    printf("%s on-CPU us (the thread's own CPU time in the call): median %.1f  p99.9 %.1f  max %.1f  "
           "(max = %.1f%% of the block)\n", call, b->cpu_times[b->blocks / 2] / 1e3, b->cpu_times[p999] / 1e3,
           b->cpu_times[b->blocks - 1] / 1e3, 100.0 * (double)b->cpu_times[b->blocks - 1] / 1e3 / block_us);
    printf("calls over 10%% of the block (wall): %llu; during them the kernel switched the thread out in %llu, it "
           "waited in %llu, took a page fault in %llu; over 10%% on the CPU: %llu\n",
           (unsigned long long)b->over_target, (unsigned long long)b->over_target_switched,
           (unsigned long long)b->over_target_waited, (unsigned long long)b->over_target_faulted,
           (unsigned long long)b->over_target_on_cpu);
    if (b->steal_before >= 0 && b->steal_after >= 0) {
        printf("time stolen by the hypervisor on this machine, as the kernel sees it: %.1f s of %.1f s (all CPUs)\n",
               (double)(b->steal_after - b->steal_before) / (double)sysconf(_SC_CLK_TCK), b->run_ms / 1e3);
    }
    printf("%s calls longer than the block: %llu; host wake-ups a block or more late (the host's own): %llu\n", call,
           (unsigned long long)b->late_calls, (unsigned long long)b->host_late);
    free(b->times);
    free(b->cpu_times);
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
    run_timed(&b, seconds);
    host_plugin_stop(&p);
    print_timing(&b, seconds, "process()");
    printf("reported latency %u samples; note-on to first non-zero sample: mean %.1f, max %lld samples over %d notes "
           "(target %u: the note's own offset)\n", latency,
           b.latency_count ? (double)b.latency_sum / b.latency_count : -1.0, (long long)b.latency_max,
           b.latency_count, latency);
    printf("first sound %.0f ms after instantiation (setupProcessing and activation, JVM start included: %.0f ms)\n",
           b.first_sound_ms < 0 ? -1.0 : b.first_sound_ms - b.created_ms, started_ms - b.created_ms);
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

int host_run_control(int32_t block, double seconds)
{
    if (block <= 0 || block > 8192 || seconds <= 0) {
        fprintf(stderr, "control: block must be 1..8192 and seconds > 0\n");
        return -1;
    }
    struct bench b = { .plugin = NULL, .block = block, .first_sound_ms = -1, .voices = 16 };
    if (getenv("SDA_BENCH_VOICES") != NULL) {
        b.voices = atoi(getenv("SDA_BENCH_VOICES"));
        b.voices = b.voices < 1 ? 1 : b.voices > 32 ? 32 : b.voices;
    }
    b.table = malloc(CONTROL_TABLE * sizeof(float));
    for (int i = 0; i < CONTROL_TABLE; i++) {
        b.table[i] = (float)sin(2 * M_PI * 440.0 * i / BENCH_RATE);
    }
    run_timed(&b, seconds);
    print_timing(&b, seconds, "kernel");
    free(b.table);
    return 0;
}
