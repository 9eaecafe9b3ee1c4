/*
 * The JVM side of the shim: one JVM per process, started on first need and never destroyed, and
 * one org.sda.engine.bridge.PluginBridge object per plugin instance. Every function here is for
 * non-audio threads only (it may block, allocate and enter the JVM).
 */
#ifndef SDA_JVM_H
#define SDA_JVM_H

#include <stddef.h>
#include <stdint.h>

#include "shared.h"

struct sda_java;

/* Starts (or joins) the process's JVM. 0 on success; otherwise a message for a person in err. */
int sda_jvm_ensure(char *err, size_t err_size);
/* The bundle's Resources folder found from this library's own path ("" when unknown). */
const char *sda_bundle_resources(void);

/* A new PluginBridge for one instance, rendering through `shared`; NULL with a message in err. */
struct sda_java *sda_java_attach(struct sda_shared *shared, char *err, size_t err_size);
/* Instrument.prepare; returns 0 and the instrument's own latency, or -1. */
int sda_java_prepare(struct sda_java *j, double sample_rate, int32_t max_block, int32_t *instrument_latency);
/* Starts Java's variation publisher for an activation (the renderer is set up first). 0 on success. */
int sda_java_start(struct sda_java *j);
/* Stops the publisher and waits for it to end (published variations stay). */
void sda_java_stop(struct sda_java *j);
/* The instrument's state; *out is malloc'ed (caller frees). 0 on success. */
int sda_java_save_state(struct sda_java *j, uint8_t **out, size_t *len);
/* Restores a state. 1: all restored; 0: partly (message says what); -1: failed. */
int sda_java_restore_state(struct sda_java *j, const uint8_t *data, size_t len, char *msg, size_t msg_size);
/* The instrument's current normalized value of parameter `id`, or `fallback` on error. */
double sda_java_parameter(struct sda_java *j, int32_t id, double fallback);
/* The instrument's one-line status into buf (for logs). */
void sda_java_status(struct sda_java *j, char *buf, size_t size);
/* Closes the instrument and forgets the bridge object. `j` is freed. */
void sda_java_close(struct sda_java *j);

/* ---- The editor (jvm_editor.c): org.sda.ui.editor.plugin.EmbeddedEditor, host's UI thread ---- */

struct sda_java_editor;

struct sda_editor_size {                  /* physical pixels */
    int32_t width, height;                /* what the panel would like */
    int32_t min_width, min_height;        /* below this it cuts things off */
};

enum { SDA_EDIT_BEGIN = 0, SDA_EDIT_PERFORM = 1, SDA_EDIT_END = 2, SDA_EDIT_RESTORED = 3 /* a preset: read all */ };
struct sda_edit {                         /* one step of a gesture in the panel, for IComponentHandler */
    int32_t kind;
    uint32_t id;
    double value;
};

/* 0 when an editor can be shown in this process (its jars load, a display is there); otherwise -1
 * and why in err. Cheap after the first call: nothing is built. */
int sda_java_editor_available(char *err, size_t err_size);
/* Builds the editor panel of instance `j` (not yet shown) at content scale `scale`; NULL with a
 * message in err (no display, editor jars missing). */
struct sda_java_editor *sda_java_editor_open(struct sda_java *j, float scale, char *err, size_t err_size);
int sda_java_editor_size(struct sda_java_editor *e, struct sda_editor_size *out);
/* Embeds the panel into the X11 window `window`, sized width x height. 0 on success. */
int sda_java_editor_attach(struct sda_java_editor *e, unsigned long window, int32_t width, int32_t height);
void sda_java_editor_resize(struct sda_java_editor *e, int32_t width, int32_t height);
/* The host moved parameter `id`: the knob follows (does not report an edit back). */
void sda_java_editor_host_changed(struct sda_java_editor *e, uint32_t id, double normalized);
/* Takes queued edits, oldest first, into out (max of at least 64; the rest wait); returns how many. */
int sda_java_editor_take_edits(struct sda_java_editor *e, struct sda_edit *out, int max);
/* Takes the panel out of the host's window and frees the window (the panel stays, for a new attach). */
void sda_java_editor_detach(struct sda_java_editor *e);
/* Frees the panel and everything of it. `e` is freed. */
void sda_java_editor_close(struct sda_java_editor *e);

#endif
