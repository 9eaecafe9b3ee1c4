/*
 * sda-test-host: a small VST3 host of our own that loads a bundle with dlopen and drives it the
 * way a DAW does. Used by the plugin-shim tests (mode "test") and the real-time benchmark
 * (mode "bench"). Shares only the ABI headers with the plugin.
 */
#ifndef SDA_HOST_H
#define SDA_HOST_H

#include <stdint.h>
#include <stdio.h>

#include "vst3/vst3_base.h"
#include "vst3/vst3_component.h"
#include "vst3/vst3_controller.h"
#include "vst3/vst3_factory.h"
#include "vst3/vst3_processor.h"

/* ---- host_objects.c: objects a host hands to a plugin --------------------------------- */

struct host_stream {                      /* IBStream over a growable buffer */
    const struct v3_bstream *vtable;
    uint8_t *data;
    int64_t size;
    int64_t capacity;
    int64_t pos;
    int32_t max_chunk;                    /* > 0: reads/writes move at most this many bytes */
};
void host_stream_init(struct host_stream *s, const void *data, int64_t size);
void host_stream_free(struct host_stream *s);

#define HOST_MAX_EVENTS 256
struct host_events {                      /* IEventList */
    const struct v3_event_list *vtable;
    int32_t count;
    struct v3_event events[HOST_MAX_EVENTS];
};
void host_events_init(struct host_events *e);
void host_events_note(struct host_events *e, int on, int32_t offset, int16_t pitch, float velocity);

#define HOST_MAX_QUEUES 16
#define HOST_MAX_POINTS 16
struct host_queue {                       /* IParamValueQueue */
    const struct v3_param_value_queue *vtable;
    v3_param_id id;
    int32_t count;
    int32_t offsets[HOST_MAX_POINTS];
    double values[HOST_MAX_POINTS];
};
struct host_changes {                     /* IParameterChanges */
    const struct v3_parameter_changes *vtable;
    int32_t count;
    struct host_queue queues[HOST_MAX_QUEUES];
};
void host_changes_init(struct host_changes *c);
void host_changes_add(struct host_changes *c, v3_param_id id, int32_t offset, double value);

/* An FUnknown that answers nothing: the context given to initialize. */
extern struct v3_funknown **host_context;

/* ---- host_main.c: the loaded plugin ------------------------------------------------- */

struct host_module {
    void *handle;
    struct v3_plugin_factory **factory;
    v3_tuid cid;
};

struct host_plugin {
    struct v3_component **component;
    struct v3_audio_processor **processor;
    struct v3_edit_controller **controller;
    double sample_rate;
    int32_t max_block;
    int32_t mode;
    uint64_t position;
};

int host_module_load(struct host_module *m, const char *bundle);
int host_plugin_create(struct host_module *m, struct host_plugin *p);
/* setupProcessing + setActive(true) + setProcessing(true). 0 on success. */
int host_plugin_start(struct host_plugin *p, double sample_rate, int32_t max_block, int32_t mode);
void host_plugin_stop(struct host_plugin *p);
void host_plugin_destroy(struct host_plugin *p);
/* One process() call; out: two channels of n floats. Returns the plugin's result. */
/* FUnknown methods for the host's own objects, which live as long as the host and offer no
 * interface beyond their own. */
v3_result host_no_interface(void *self, const v3_tuid iid, void **obj);
uint32_t host_static_ref(void *self);

v3_result host_process(struct host_plugin *p, int32_t n, struct host_events *events,
                       struct host_changes *changes, float *left, float *right, uint64_t *silence_flags);
/* 1 when libjvm is mapped into this process. */
int host_jvm_loaded(void);
/* Number of JVMs in the process (JNI_GetCreatedJavaVMs), -1 if no libjvm is loaded. */
int host_jvm_count(void);
double host_now_ms(void);

/* ---- checks and bench ---------------------------------------------------------------- */

int host_run_checks(const char *bundle, const char *state_a, const char *state_b, const char *state_missing);
int host_run_bench(const char *bundle, int32_t block, double seconds, const char *state);
int host_run_scan(const char *bundle);
/* The bench's timing loop with a fixed kernel in place of the plugin: the machine's own jitter. */
int host_run_control(int32_t block, double seconds);
int host_run_without_java(const char *bundle);
int host_run_smoke(const char *bundle, const char *state);
int host_run_joined(const char *bundle);
int host_run_contract(const char *bundle, const char *state);
/* Starts a JVM of the host's own (JAVA_HOME's, no options of the plugin's) before a plugin loads. */
int host_start_own_jvm(void);

/* host_checks.c helpers shared with host_modes.c */
struct audio_stats {
    double peak;
    double sum_squares;
    long frames;
    long nonfinite;
    long silent_flag_blocks;              /* blocks the plugin flagged silent */
    long loud_blocks;
    long flagged_but_loud;                /* silence flags set on a block with sound: a lie */
};
void play(struct host_plugin *p, int32_t size, double seconds, int16_t key, struct audio_stats *st);
void expect_sound(const char *what, const struct audio_stats *st);
int await_sound(struct host_plugin *p, const char *who);
void check_note_offsets(struct host_plugin *p, int32_t size, int notes);
int state_from_file(const char *path, struct host_stream *out);
v3_result set_state(struct host_plugin *p, const void *data, int64_t size, int32_t chunk);
void check_state(struct host_plugin *p);
void host_two_instances(struct host_module *m, const char *state_a, const char *state_b, const char *missing);

extern int host_failures;
#define CHECK(cond, ...) do {                                                               \
        if (!(cond)) {                                                                  \
            host_failures++;                                                            \
            fprintf(stdout, "FAIL %s:%d: ", __FILE__, __LINE__);                        \
            fprintf(stdout, __VA_ARGS__);                                               \
            fputc('\n', stdout);                                                        \
        }                                                                               \
    } while (0)

#endif
