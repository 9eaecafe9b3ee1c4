/*
 * One plugin instance: a single object that is both the VST3 processor and its edit controller.
 * Each interface is a vtable pointer field of struct sda_plugin; `self` in a call is the address
 * of that field, and SDA_FROM(field, self) recovers the instance.
 *
 * Threads. The host's main thread calls initialize/terminate, setupProcessing, setActive,
 * setState/getState and everything on the controller; one audio thread at a time calls process()
 * (not necessarily the thread that set it up). The audio thread only touches `shared`, the
 * audio-private fields (the voice renderer among them) and atomics; it never enters the JVM.
 */
#ifndef SDA_PLUGIN_H
#define SDA_PLUGIN_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "../vst3/vst3_base.h"
#include "../vst3/vst3_component.h"
#include "../vst3/vst3_controller.h"
#include "../vst3/vst3_processor.h"
#include "params.h"
#include "pool.h"
#include "shared.h"
#include "voices.h"

#define SDA_FROM(field, self) \
    ((struct sda_plugin *)((char *)(self) - offsetof(struct sda_plugin, field)))

struct sda_java;                          /* jvm.c: the Java side of one instance */

struct sda_plugin {
    const struct v3_component *component;
    const struct v3_audio_processor *processor;
    const struct v3_edit_controller *controller;
    const struct v3_process_context_requirements *context_requirements;
    const struct v3_midi_mapping *midi_mapping;
    const struct v3_unit_info_iface *unit_info;

    atomic_uint refcount;
    int initialized;                      /* initialize calls not yet matched by terminate */
    int active;
    atomic_int processing;
    atomic_int all_notes_off;             /* set by setProcessing(false), sent by the next process() */
    int setup_done;
    struct v3_process_setup setup;
    struct v3_component_handler **handler;
    double params[SDA_PARAM_COUNT];       /* controller's view, main thread */

    struct sda_shared *shared;            /* page-aligned, zeroed at creation */
    struct sda_java *java;                /* NULL until the JVM is needed */
    atomic_int java_running;              /* Java's publisher started for this activation */
    atomic_int rendering;                 /* the renderer is set up for this activation (release/acquire) */
    float *scratch;                       /* 2 x max block: output for hosts that give fewer than two channels */
    int32_t scratch_frames;

    /* Parameters for the audio thread from a restored state: a sequence lock, odd while written. */
    atomic_uint params_seq;
    double params_out[SDA_PARAM_COUNT];

    /* Audio-thread private (set up by the main thread while the audio thread does not run). */
    uint64_t host_pos;                    /* samples processed since activation */
    unsigned params_seen;
    struct sda_pool_reader reader;
    struct sda_voices voices;
};

/* component.c */
extern const struct v3_component sda_component_vtable;
/* processor.c */
extern const struct v3_audio_processor sda_processor_vtable;
extern const struct v3_process_context_requirements sda_context_requirements_vtable;
/* controller.c */
extern const struct v3_edit_controller sda_controller_vtable;
extern const struct v3_midi_mapping sda_midi_mapping_vtable;
extern const struct v3_unit_info_iface sda_unit_info_vtable;

/* instance.c: shared FUnknown behaviour and lifecycle used by every interface. */
struct sda_plugin *sda_plugin_create(void);
v3_result sda_plugin_query(struct sda_plugin *p, const v3_tuid iid, void **obj);
uint32_t sda_plugin_add_ref(struct sda_plugin *p);
uint32_t sda_plugin_release(struct sda_plugin *p);
v3_result sda_plugin_initialize(struct sda_plugin *p);
v3_result sda_plugin_terminate(struct sda_plugin *p);
/* Starts the JVM and this instance's Java side if needed; 0 on success. Main thread. */
int sda_plugin_ensure_java(struct sda_plugin *p);
/* Sets up the voice renderer for a new activation and starts Java's publisher (when there is
 * Java); only when the instance is active and set up. Main thread, audio thread not running. */
void sda_plugin_start_rendering(struct sda_plugin *p);
void sda_plugin_stop_rendering(struct sda_plugin *p);
/* Re-reads every parameter from the Java instrument into the controller's table, and hands them
 * to the audio thread (applied at its next block). */
void sda_plugin_refresh_params(struct sda_plugin *p);

/* strings.c */
void sda_utf8_to_utf16(const char *src, v3_char16 *dst, size_t dst_units);
void sda_utf16_to_utf8(const v3_char16 *src, size_t src_units, char *dst, size_t dst_bytes);
void sda_copy_ascii(char *dst, size_t dst_size, const char *src);

/* Messages for a person, on stderr (hosts usually log it), never from the audio thread. */
#define sda_log(...) do { fprintf(stderr, "[SmallDataSetAudio] " __VA_ARGS__); fputc('\n', stderr); } while (0)

/* Safe-assert-return: a host bug or bad pointer gets an error code, not a crash. */
#define SDA_CHECK(cond, ret) do { if (!(cond)) return (ret); } while (0)



/* The three FUnknown methods of an object's interface stored in `field`: FROM(field, self) recovers
 * the object from the interface pointer; query, add_ref and release act on the object. */
#define SDA_FUNKNOWN_METHODS(prefix, field, FROM, query, add_ref, release)               \
    static v3_result prefix##_query(void *self, const v3_tuid iid, void **obj)          \
    {                                                                                   \
        if (self == NULL) {                                                             \
            if (obj != NULL) *obj = NULL;                                               \
            return V3_INVALID_ARG;                                                      \
        }                                                                               \
        return query(FROM(field, self), iid, obj);                                      \
    }                                                                                   \
    static uint32_t prefix##_add_ref(void *self)                                        \
    {                                                                                   \
        return self == NULL ? 0 : add_ref(FROM(field, self));                           \
    }                                                                                   \
    static uint32_t prefix##_release(void *self)                                        \
    {                                                                                   \
        return self == NULL ? 0 : release(FROM(field, self));                           \
    }

/* The three FUnknown methods of the plugin's interface stored in `field`. */
#define SDA_UNKNOWN_METHODS(prefix, field) \
    SDA_FUNKNOWN_METHODS(prefix, field, SDA_FROM, sda_plugin_query, sda_plugin_add_ref, sda_plugin_release)
#endif
