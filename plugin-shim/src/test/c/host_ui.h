/*
 * The test host's UI side (built where Xlib is installed): an X11 window to embed editors in, the
 * IPlugFrame + Linux IRunLoop a DAW gives a view, an IComponentHandler that records edits, and
 * the probes the editor tests use (painted?, windows and threads counted, the panel's knobs seen
 * through the JVM the plugin runs).
 */
#ifndef SDA_HOST_UI_H
#define SDA_HOST_UI_H

#include <X11/Xlib.h>

#include "host.h"
#include "vst3/vst3_view.h"

/* ---- host_ui.c: window, run loop, frame, handler ------------------------------------------ */

#define HOST_BACKGROUND 0xFF00FFul        /* magenta: what the window shows where nothing painted */

int host_ui_open(void);                   /* opens the display; -1 (with a note) when there is none */
Display *host_ui_display(void);
Window host_ui_window(int x, int y, int width, int height);
void host_ui_destroy_window(Window w);
/* Runs the host's UI loop (X events, run-loop timers and fds) for `ms` milliseconds. */
void host_ui_pump(double ms);
/* Pumps until the window shows a painted editor (many colours, no background); ms taken, or -1. */
double host_ui_await_painted(Window w, double timeout_ms);
/* Every window under the root, counted recursively. */
int host_ui_count_windows(void);
int host_ui_count_threads(void);
/* ImageMagick's import of window `w` (0: the root) into `path`; 0 on success. */
int host_ui_screenshot(Window w, const char *path);

/* The frame given to setFrame; its IRunLoop runs in host_ui_pump. */
extern struct v3_plugin_frame **host_frame;
int host_ui_timers(void);                 /* timers registered now */

struct host_edit {
    char kind;                            /* 'b', 'p', 'e' */
    v3_param_id id;
    double value;
};
#define HOST_MAX_EDITS 4096
struct host_handler {                     /* IComponentHandler that records every call */
    const struct v3_component_handler *vtable;
    int count;
    struct host_edit edits[HOST_MAX_EDITS];
    int wrong_thread;                     /* calls not on the thread that made the handler */
};
void host_handler_init(struct host_handler *h);

/* ---- host_ui_java.c: the panel's components, through the plugin's JVM -------------------- */

/* The knob named `name` ("knob.GAIN") in the `index`-th showing editor: its centre on screen. */
int host_java_knob_centre(const char *name, int index, int *x, int *y);
double host_java_knob_value(const char *name, int index);
/* A person's drag with the mouse (java.awt.Robot, real X input): press at (x, y), move by dy, release. */
int host_java_drag(int x, int y, int dy);
/* A key of the computer keyboard (a java.awt.event.KeyEvent code) pressed or released, real X input. */
int host_java_key(int key_code, int press);
/* 1 when the on-screen keyboard of the `index`-th editor shows `note` held, 0 if not, -1 when not found. */
int host_java_keyboard_held(int index, int note);
/* Number of showing editor frames (sun.awt.X11.XEmbeddedFrame) in the JVM. */
int host_java_showing_editors(void);
/* A click (real X input) at the centre of the component named `name` in the index-th editor. */
int host_java_click(const char *name, int index);
/* A click on the row of the table `table_name` whose second column shows `text`. */
int host_java_click_row(const char *table_name, int index, const char *text);
/* The text of the label or button named `name` (UTF-8, cut to size). 0 when found. */
int host_java_text(const char *name, int index, char *out, size_t size);

/* ---- host_editor.c: the modes ------------------------------------------------------------ */

int host_run_editor(const char *bundle, const char *state, const char *shots, float scale);
int host_run_editor_lifecycle(const char *bundle, const char *state, int cycles);
int host_run_editor_bench(const char *bundle, const char *state, double seconds);
int host_run_editor_without_display(const char *bundle, const char *state);

#endif
