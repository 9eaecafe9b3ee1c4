/*
 * The editor as a DAW on Linux opens it: createView("editor"), setFrame with an IRunLoop,
 * getSize, attached(X11 window id) into a window of ours, onSize, removed, release.
 *
 *   editor    one editor: interfaces, painted, a knob turned with the mouse reaches performEdit,
 *             a host change moves the knob, the computer keyboard plays, two sizes (screenshots when a folder is given), at
 *             the content scale given (1 unless said)
 *   lifecycle open/close the editor many times, then two instances with editors open at once,
 *             then a host that terminates with the editor open: threads and X windows counted
 *   editorbench time from createView to a painted editor, and the process's CPU with it idle and
 *             with notes playing (an audio thread of ours rendering in real time)
 *   nodisplay no X server: createView says no (the host shows its generic editor), nothing breaks
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "host_ui.h"

#define GAIN_KNOB "knob.GAIN"

struct open_editor {
    struct v3_plugin_view **view;
    Window window;
    struct v3_view_rect rect;
    double painted_ms;                    /* createView to painted */
};

/* ---- Helpers ------------------------------------------------------------------------------ */

static v3_param_id param_id(struct host_plugin *p, const char *title)
{
    int32_t n = (*p->controller)->get_parameter_count(p->controller);
    for (int32_t i = 0; i < n; i++) {
        struct v3_parameter_info info;
        char text[128];
        if ((*p->controller)->get_parameter_info(p->controller, i, &info) == V3_OK) {
            int k = 0;
            for (; k < 127 && info.title[k] != 0; k++) {
                text[k] = (char)info.title[k];
            }
            text[k] = '\0';
            if (strcmp(text, title) == 0) {
                return info.id;
            }
        }
    }
    return (v3_param_id)-1;
}

static int load(struct host_module *m, struct host_plugin *p, const char *bundle, const char *state)
{
    if (host_plugin_create(m, p) != 0) {
        return -1;
    }
    struct host_stream s;
    if (state_from_file(state, &s) != 0) {
        printf("FAIL cannot read %s\n", state);
        return -1;
    }
    v3_result r = set_state(p, s.data, s.size, 0);
    host_stream_free(&s);
    (void)bundle;
    return r == V3_OK ? 0 : -1;
}

/* createView, setFrame, getSize, a window of that size (or `width` x `height`), attached, painted. */
static int open_editor(struct host_plugin *p, struct open_editor *e, int x, int width, int height)
{
    memset(e, 0, sizeof *e);
    double start = host_now_ms();
    e->view = (struct v3_plugin_view **)(*p->controller)->create_view(p->controller, "editor");
    if (e->view == NULL) {
        printf("FAIL createView(\"editor\") returned NULL\n");
        host_failures++;
        return -1;
    }
    CHECK((*e->view)->set_frame(e->view, host_frame) == V3_OK, "setFrame");
    CHECK((*e->view)->get_size(e->view, &e->rect) == V3_OK, "getSize");
    if (width > 0) {
        e->rect = (struct v3_view_rect){ 0, 0, width, height };
        CHECK((*e->view)->check_size_constraint(e->view, &e->rect) == V3_OK, "checkSizeConstraint");
        CHECK((*e->view)->on_size(e->view, &e->rect) == V3_OK, "onSize before attached");
    }
    int w = e->rect.right - e->rect.left, h = e->rect.bottom - e->rect.top;
    CHECK(w > 200 && h > 150 && w < 4000 && h < 3000, "editor size %d x %d", w, h);
    e->window = host_ui_window(x, 0, w, h);
    v3_result r = (*e->view)->attached(e->view, (void *)(uintptr_t)e->window, V3_PLATFORM_X11);
    CHECK(r == V3_OK, "attached returned %d", r);
    double painted = host_ui_await_painted(e->window, 30000);
    CHECK(painted >= 0, "the editor was not painted within 30 s");
    e->painted_ms = painted >= 0 ? host_now_ms() - start : -1;
    return r == V3_OK && painted >= 0 ? 0 : -1;
}

static void close_editor(struct open_editor *e)
{
    if (e->view == NULL) {
        return;
    }
    CHECK((*e->view)->removed(e->view) == V3_OK, "removed");
    CHECK((*e->view)->set_frame(e->view, NULL) == V3_OK, "setFrame(NULL)");
    CHECK((*e->view)->unknown.release(e->view) == 0, "the view was not freed by its last release");
    host_ui_destroy_window(e->window);
    e->view = NULL;
}

static double cpu_seconds(void)
{
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return (double)u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6 + (double)u.ru_stime.tv_sec + u.ru_stime.tv_usec / 1e6;
}

static int finish(const char *what)
{
    printf("%s %s: %d failure(s)\n", host_failures == 0 ? "PASS" : "FAIL", what, host_failures);
    return host_failures == 0 ? 0 : -1;
}

/* ---- editor ------------------------------------------------------------------------------- */

static void check_interfaces(struct host_plugin *p, float scale_factor)
{
    CHECK((*p->controller)->create_view(p->controller, "no-such-view") == NULL, "a view type we do not have");
    struct v3_plugin_view **view = (struct v3_plugin_view **)(*p->controller)->create_view(p->controller, "view");
    CHECK(view != NULL, "createView(\"view\") (Carla's name) returned NULL");
    if (view == NULL) {
        return;
    }
    void *obj = NULL;
    CHECK((*view)->unknown.query_interface(view, v3_plugin_view_iid, &obj) == V3_OK && obj == view, "IPlugView");
    (*view)->unknown.release(view);
    struct v3_plugin_view_content_scale **scale = NULL;
    CHECK((*view)->unknown.query_interface(view, v3_plugin_view_content_scale_iid, (void **)&scale) == V3_OK
              && scale != NULL, "IPlugViewContentScaleSupport");
    if (scale != NULL) {
        /* The first view of the process: the factor counts for the look of every editor after it. */
        CHECK((*scale)->set_content_scale_factor(scale, scale_factor) == V3_OK, "setContentScaleFactor(%.2f)",
              scale_factor);
        (*scale)->unknown.release(scale);
    }
    CHECK((*view)->is_platform_type_supported(view, V3_PLATFORM_X11) == V3_TRUE, "X11EmbedWindowID");
    CHECK((*view)->is_platform_type_supported(view, "HWND") == V3_FALSE, "HWND is not ours");
    CHECK((*view)->can_resize(view) == V3_TRUE, "canResize");
    CHECK((*view)->removed(view) != V3_OK, "removed before attached");
    CHECK((*view)->attached(view, (void *)(uintptr_t)1, "HWND") != V3_OK, "attached to a foreign platform");
    struct v3_view_rect size, tiny = { 0, 0, 10, 10 };
    CHECK((*view)->get_size(view, &size) == V3_OK, "getSize before attached");
    CHECK((*view)->check_size_constraint(view, &tiny) == V3_OK && tiny.right > 10 && tiny.bottom > 10,
          "checkSizeConstraint lets 10 x 10 through");
    CHECK(tiny.right <= size.right && tiny.bottom <= size.bottom, "the minimum is above the preferred size");
    printf("editor sizes: preferred %d x %d, minimum %d x %d\n", size.right, size.bottom, tiny.right, tiny.bottom);
    CHECK((*view)->unknown.release(view) == 0, "a view never attached was not freed");
}

static void check_knob_to_host(struct host_plugin *p, struct host_handler *handler)
{
    v3_param_id gain = param_id(p, "Gain");
    int x = 0, y = 0;
    CHECK(host_java_knob_centre(GAIN_KNOB, 0, &x, &y) == 0, "no gain knob in the editor");
    double before = host_java_knob_value(GAIN_KNOB, 0);
    int dy = before > 0.5 ? 40 : -40;      /* down turns it down, up turns it up */
    int first = handler->count;
    CHECK(host_java_drag(x, y, dy) == 0, "the mouse could not drag");
    host_ui_pump(400);
    double after = host_java_knob_value(GAIN_KNOB, 0);
    int begins = 0, performs = 0, ends = 0, order_ok = 1;
    double last = NAN;
    for (int i = first; i < handler->count; i++) {
        struct host_edit *e = &handler->edits[i];
        CHECK(e->id == gain, "an edit of parameter %u, not gain (%u)", e->id, gain);
        begins += e->kind == 'b';
        ends += e->kind == 'e';
        if (e->kind == 'p') {
            performs++;
            last = e->value;
            order_ok &= begins == 1 && ends == 0;
        }
    }
    printf("knob drag by %d px: gain %.4f -> %.4f; host saw %d begin, %d perform, %d end; last performEdit(%u, %.4f)\n",
           dy, before, after, begins, performs, ends, gain, last);
    CHECK(begins == 1 && ends == 1 && performs >= 1 && order_ok, "not one whole gesture");
    CHECK(fabs(after - before) > 0.1 && (dy > 0 ? after < before : after > before), "the knob did not turn");
    CHECK(fabs(last - after) < 1e-9, "performEdit's value %.6f is not the knob's %.6f", last, after);
    CHECK(fabs((*p->controller)->get_param_normalized(p->controller, gain) - after) < 1e-9,
          "getParamNormalized does not know the edit");
    CHECK(handler->wrong_thread == 0, "%d edits reached the host off its UI thread", handler->wrong_thread);

    int count = handler->count;
    double target = fabs(after - 0.25) < 0.05 ? 0.6 : 0.25;
    /* Automation playback: a burst of values, as a host sends them block by block; the last counts. */
    for (int i = 0; i < 200; i++) {
        (*p->controller)->set_param_normalized(p->controller, gain, (i % 50) / 50.0);
    }
    CHECK((*p->controller)->set_param_normalized(p->controller, gain, target) == V3_OK, "setParamNormalized");
    host_ui_pump(400);
    double moved = host_java_knob_value(GAIN_KNOB, 0);
    printf("host set gain 201 times, last to %.4f: the knob shows %.4f\n", target, moved);
    CHECK(fabs(moved - target) < 1e-9, "the knob did not follow the host (%.4f, not %.4f)", moved, target);
    CHECK(handler->count == count, "the host's own change came back as %d edits", handler->count - count);
}

/* ---- screenshot scenes (when a folder is given) -------------------------------------------- */

/* A few blocks of processing, with the UI loop pumped between them (the publisher, the editor). */
static void process_for(struct host_plugin *p, int blocks)
{
    static float left[256], right[256];
    for (int i = 0; i < blocks; i++) {
        struct host_events events;
        struct host_changes changes;
        host_events_init(&events);
        host_changes_init(&changes);
        uint64_t flags = 0;
        CHECK(host_process(p, 256, &events, &changes, left, right, &flags) == V3_OK, "process");
        host_ui_pump(5);
    }
}

/* Waits (pumping the UI loop) until the label or button `name` shows text starting with `prefix`. */
static int await_text(struct host_plugin *p, const char *name, const char *prefix, char *text, size_t size,
                      int ms)
{
    for (int waited = 0; waited <= ms; waited += 100) {
        if (host_java_text(name, 0, text, size) == 0 && strncmp(text, prefix, strlen(prefix)) == 0) {
            return 0;
        }
        if (p != NULL) {
            process_for(p, 4);
        }
        host_ui_pump(80);
    }
    return -1;
}

/*
 * The editor as a musician sees it after playing: a note from the computer keyboard rendered by
 * the shim (the pool shows its waveform), the model library open with a model's preview made,
 * then a damaged model in the library refused (its preview and playing it), each with a screenshot.
 * The library (SDA_LIBRARY_DIR) holds "Demo pad" and "Broken", damaged after it was listed.
 */
static void screenshot_scenes(struct host_plugin *p, struct open_editor *e, const char *shots)
{
    char path[4096], text[1024];
    CHECK(host_plugin_start(p, 48000.0, 256, V3_REALTIME) == 0, "start processing");
    /* The pool fills once processing has told the instrument the host's rate. */
    CHECK(await_text(p, "poolNext", "Every key plays variation", text, sizeof text, 60000) == 0,
          "no variation ready: \"%s\"", text);
    process_for(p, 40);                    /* the publisher's newest table reaches the renderer */
    host_java_key(90, 1);                  /* Z: middle C, through the note ring to the renderer */
    host_ui_pump(100);
    process_for(p, 20);
    host_java_key(90, 0);
    CHECK(await_text(p, "poolLastPlayedCaption", "Last played: variation", text, sizeof text, 5000) == 0,
          "the pool does not show the note's variation: \"%s\"", text);
    printf("pool after a note: %s\n", text);

    CHECK(host_java_click("browseModels", 0) == 0, "Browse... not found");
    CHECK(await_text(p, "libraryStatus", "2 models", text, sizeof text, 10000) == 0,
          "the library did not list its two models: \"%s\"", text);
    CHECK(host_java_click_row("libraryTable", 0, "Demo pad") == 0, "no Demo pad row");
    host_ui_pump(200);
    CHECK(host_java_click("previewModel", 0) == 0, "no Preview button");
    /* Made (a second or two), then played, or the output says there is none. */
    for (int waited = 0; waited < 30000; waited += 100) {
        host_java_text("libraryStatus", 0, text, sizeof text);
        if (strstr(text, "Demo pad") != NULL && strncmp(text, "Making", 6) != 0) {
            break;
        }
        process_for(p, 4);
        host_ui_pump(80);
    }
    host_ui_pump(500);
    host_java_text("libraryStatus", 0, text, sizeof text);
    printf("preview: %s\n", text);
    CHECK(strstr(text, "Demo pad") != NULL, "the status does not name the model previewed: %s", text);
    snprintf(path, sizeof path, "%s/editor-browser-%dx%d.png", shots, e->rect.right, e->rect.bottom);
    CHECK(host_ui_screenshot(e->window, path) == 0, "screenshot %s", path);

    CHECK(host_java_click_row("libraryTable", 0, "Broken") == 0, "no Broken row");
    host_ui_pump(200);
    CHECK(host_java_click("previewModel", 0) == 0, "no Preview button");
    CHECK(await_text(p, "libraryStatus", "No preview: ", text, sizeof text, 10000) == 0,
          "the broken model's preview was not refused: \"%s\"", text);
    printf("broken preview: %s\n", text);
    CHECK(strstr(text, "broken.sda") != NULL, "the refusal does not name the file: %s", text);
    CHECK(host_java_click("playChosenModel", 0) == 0, "no Play selected button");
    CHECK(await_text(p, "modelMessage", "", text, sizeof text, 0) == 0, "no model message");
    for (int waited = 0; waited < 10000 && strstr(text, "broken.sda") == NULL; waited += 100) {
        process_for(p, 4);
        host_ui_pump(80);
        host_java_text("modelMessage", 0, text, sizeof text);
    }
    printf("broken model chosen: %s\n", text);
    CHECK(strstr(text, "broken.sda") != NULL && strstr(text, "refused") != NULL,
          "the model section does not say the broken model was refused: %s", text);
    snprintf(path, sizeof path, "%s/editor-refused-%dx%d.png", shots, e->rect.right, e->rect.bottom);
    CHECK(host_ui_screenshot(e->window, path) == 0, "screenshot %s", path);
    CHECK(host_java_click("browseModels", 0) == 0, "Browse... not found to close the library");
    host_ui_pump(300);
    host_plugin_stop(p);
}

int host_run_editor(const char *bundle, const char *state, const char *shots, float scale)
{
    if (host_ui_open() != 0) {
        return 0;
    }
    struct host_module m;
    struct host_plugin p;
    static struct host_handler handler;
    if (host_module_load(&m, bundle) != 0 || load(&m, &p, bundle, state) != 0) {
        return -1;
    }
    host_handler_init(&handler);
    CHECK((*p.controller)->set_component_handler(p.controller, (struct v3_component_handler **)&handler) == V3_OK,
          "setComponentHandler");
    printf("-- view interfaces\n");
    check_interfaces(&p, scale);

    printf("-- editor at its preferred size\n");
    struct open_editor e;
    if (open_editor(&p, &e, 0, 0, 0) == 0) {
        printf("editor painted %.0f ms after createView (the first shown; Swing was loaded by the views above)\n",
               e.painted_ms);
        CHECK(host_ui_timers() == 1, "%d run-loop timers while attached (want 1)", host_ui_timers());
        CHECK(host_java_showing_editors() == 1, "%d editors show", host_java_showing_editors());
        host_ui_pump(1500);                /* the pool and model status settle */
        char path[4096];
        if (shots != NULL) {
            snprintf(path, sizeof path, "%s/editor-%dx%d.png", shots, e.rect.right, e.rect.bottom);
            CHECK(host_ui_screenshot(e.window, path) == 0, "screenshot %s", path);
            snprintf(path, sizeof path, "%s/screen-%dx%d.png", shots, e.rect.right, e.rect.bottom);
            CHECK(host_ui_screenshot(0, path) == 0, "screenshot %s", path);
        }
        printf("-- a knob turned with the mouse, and the host's automation\n");
        check_knob_to_host(&p, &handler);

        printf("-- the computer keyboard, after a click in the editor\n");
        CHECK(host_java_keyboard_held(0, 60) == 0, "middle C shows held before any key");
        host_java_key(90, 1);              /* VK_Z: middle C */
        host_ui_pump(300);
        int held = host_java_keyboard_held(0, 60);
        host_java_key(90, 0);
        host_ui_pump(300);
        int after = host_java_keyboard_held(0, 60);
        printf("Z pressed: middle C held %s; released: %s\n", held == 1 ? "yes" : "no",
               after == 0 ? "let go" : "still held");
        /* Xvfb has no window manager: X focus follows the pointer, which the knob drag left over the
         * editor. Under a window manager the DAW's window holds the focus; not covered here. */
        CHECK(held == 1 && after == 0, "the computer keyboard did not play the on-screen keyboard");

        if (shots != NULL && getenv("SDA_LIBRARY_DIR") != NULL) {
            printf("-- screenshot scenes: a note played, the model library, a damaged model refused\n");
            screenshot_scenes(&p, &e, shots);
        }

        printf("-- the host resizes its window\n");
        struct v3_view_rect big = { 0, 0, e.rect.right * 5 / 4, e.rect.bottom * 5 / 4 };
        CHECK((*e.view)->check_size_constraint(e.view, &big) == V3_OK, "checkSizeConstraint");
        XResizeWindow(host_ui_display(), e.window, (unsigned)big.right, (unsigned)big.bottom);
        CHECK((*e.view)->on_size(e.view, &big) == V3_OK, "onSize");
        host_ui_pump(1000);
        struct v3_view_rect now;
        CHECK((*e.view)->get_size(e.view, &now) == V3_OK && now.right == big.right && now.bottom == big.bottom,
              "getSize after onSize");
        CHECK(host_ui_await_painted(e.window, 5000) >= 0, "not painted after resizing");
        int kx, ky;
        CHECK(host_java_knob_centre(GAIN_KNOB, 0, &kx, &ky) == 0 && kx < big.right && ky < big.bottom,
              "the gain knob is outside the resized window");
        if (shots != NULL) {
            snprintf(path, sizeof path, "%s/editor-%dx%d.png", shots, big.right, big.bottom);
            CHECK(host_ui_screenshot(e.window, path) == 0, "screenshot %s", path);
        }
        close_editor(&e);
        host_ui_pump(300);
        CHECK(host_ui_timers() == 0, "%d run-loop timers after removed", host_ui_timers());
        CHECK(host_java_showing_editors() == 0, "%d editors still show after removed", host_java_showing_editors());
    }
    host_plugin_destroy(&p);
    return finish("editor");
}

/* ---- nodisplay ---------------------------------------------------------------------------- */

int host_run_editor_without_display(const char *bundle, const char *state)
{
    struct host_module m;
    struct host_plugin p;
    if (host_module_load(&m, bundle) != 0 || load(&m, &p, bundle, state) != 0) {
        return -1;
    }
    void **view = (*p.controller)->create_view(p.controller, "editor");
    CHECK(view == NULL, "createView gave a view with no display to show it on");
    CHECK(host_plugin_start(&p, 48000.0, 256, V3_OFFLINE) == 0, "start after createView");
    await_sound(&p, "without a display");
    host_plugin_stop(&p);
    host_plugin_destroy(&p);
    return finish("nodisplay");
}

/* ---- lifecycle ---------------------------------------------------------------------------- */

int host_run_editor_lifecycle(const char *bundle, const char *state, int cycles)
{
    if (host_ui_open() != 0) {
        return 0;
    }
    struct host_module m;
    struct host_plugin a, b;
    if (host_module_load(&m, bundle) != 0 || load(&m, &a, bundle, state) != 0 || load(&m, &b, bundle, state) != 0) {
        return -1;
    }
    struct open_editor e, f;
    /* One editor opened and closed first: AWT's and FlatLaf's threads and windows, made once per
     * process, count as the baseline. */
    if (open_editor(&a, &e, 0, 0, 0) != 0) {
        return finish("lifecycle");
    }
    close_editor(&e);
    host_ui_pump(2500);
    int threads0 = host_ui_count_threads(), windows0 = host_ui_count_windows();
    printf("baseline after one editor: %d threads, %d X windows\n", threads0, windows0);

    printf("-- %d times open and close\n", cycles);
    double slowest = 0;
    for (int i = 0; i < cycles && host_failures == 0; i++) {
        if (open_editor(&a, &e, 0, 0, 0) == 0 && e.painted_ms > slowest) {
            slowest = e.painted_ms;
        }
        close_editor(&e);
    }
    host_ui_pump(2500);
    int threads1 = host_ui_count_threads(), windows1 = host_ui_count_windows();
    printf("after %d cycles: %d threads, %d X windows (slowest createView to painted %.0f ms)\n", cycles, threads1,
           windows1, slowest);
    /* JVM compiler threads come and go with the load; anything of ours would add one per cycle. */
    CHECK(threads1 <= threads0 + 2, "threads grew from %d to %d", threads0, threads1);
    CHECK(windows1 == windows0, "X windows went from %d to %d", windows0, windows1);

    printf("-- two instances with editors open at once\n");
    if (open_editor(&a, &e, 0, 0, 0) == 0 && open_editor(&b, &f, 50, 0, 0) == 0) {
        CHECK(host_java_showing_editors() == 2, "%d editors show (want 2)", host_java_showing_editors());
        CHECK(host_ui_timers() == 2, "%d run-loop timers (want 2)", host_ui_timers());
        close_editor(&f);
        CHECK(host_java_showing_editors() == 1, "closing B closed %d editors", 2 - host_java_showing_editors());
        close_editor(&e);
    }
    host_ui_pump(2500);
    int threads2 = host_ui_count_threads(), windows2 = host_ui_count_windows();
    printf("after two at once: %d threads, %d X windows\n", threads2, windows2);
    CHECK(threads2 <= threads0 + 2, "threads grew from %d to %d", threads0, threads2);
    CHECK(windows2 == windows0, "X windows went from %d to %d", windows0, windows2);

    printf("-- a host that terminates the instance with its editor open\n");
    if (open_editor(&b, &e, 0, 0, 0) == 0) {
        (*b.controller)->base.terminate(b.controller);
        (*b.component)->base.terminate(b.component);
        host_ui_pump(500);
        CHECK(host_java_showing_editors() == 0, "the editor still shows after terminate");
        CHECK(host_ui_timers() == 0, "a run-loop timer outlived terminate");
        CHECK((*e.view)->removed(e.view) != V3_OK, "removed after terminate should say it was not attached");
        CHECK((*e.view)->unknown.release(e.view) == 0, "the view was not freed");
        host_ui_destroy_window(e.window);
        (*b.controller)->base.unknown.release(b.controller);
        (*b.processor)->unknown.release(b.processor);
        (*b.component)->base.unknown.release(b.component);
    }
    host_plugin_destroy(&a);
    host_ui_pump(2500);
    int threads3 = host_ui_count_threads(), windows3 = host_ui_count_windows();
    printf("at the end: %d threads, %d X windows\n", threads3, windows3);
    CHECK(windows3 == windows0, "X windows went from %d to %d", windows0, windows3);
    return finish("lifecycle");
}

/* ---- editorbench -------------------------------------------------------------------------- */

static int compare_doubles(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return a < b ? -1 : a > b;
}

/* ---- editorbench with notes playing ---------------------------------------------------------- */

/* A DAW's audio thread: 256-frame blocks at their real-time deadlines (48 kHz), a note every
 * 250 ms held 200 ms, the variation lock switched on in the first block (every note plays the
 * seed's first variation, so generation rests once the pool is full: its CPU would swamp the
 * editor's). */
struct bench_player {
    struct host_plugin *p;
    v3_param_id lock;
    int locked;
    volatile int run;
    long notes;
    pthread_t thread;
};

static void *bench_play(void *arg)
{
    struct bench_player *b = arg;
    static float left[256], right[256];
    const int32_t n = 256;
    const double rate = 48000.0;
    uint64_t position = 0, next_on = 0, next_off = (uint64_t)(0.2 * rate);
    int16_t key = 60;
    struct timespec deadline;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    while (b->run) {
        struct host_events events;
        struct host_changes changes;
        host_events_init(&events);
        host_changes_init(&changes);
        if (position == 0) {
            host_changes_add(&changes, b->lock, 0, b->locked ? 1.0 : 0.0);
        }
        if (next_off >= position && next_off < position + (uint64_t)n && next_off < next_on) {
            host_events_note(&events, 0, (int32_t)(next_off - position), key, 0.5f);
        }
        if (next_on >= position && next_on < position + (uint64_t)n) {
            static const int16_t triad[3] = { 60, 64, 67 };          /* C, E, G in turn */
            key = triad[b->notes % 3];
            host_events_note(&events, 1, (int32_t)(next_on - position), key, 0.8f);
            next_off = next_on + (uint64_t)(0.2 * rate);
            next_on += (uint64_t)(0.25 * rate);
            b->notes++;
        }
        uint64_t flags = 0;
        host_process(b->p, n, &events, &changes, left, right, &flags);
        position += (uint64_t)n;
        deadline.tv_nsec += (long)(n / rate * 1e9);
        while (deadline.tv_nsec >= 1000000000L) {
            deadline.tv_nsec -= 1000000000L;
            deadline.tv_sec++;
        }
        clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, NULL);
    }
    return NULL;
}

/* CPU ticks (user + system, 1/100 s) of this process's threads whose names start with one of the
 * editor's (AWT's toolkit and event threads, Swing's timer queue), from /proc/self/task. */
static long editor_thread_ticks(void)
{
    static const char *names[] = { "AWT-", "TimerQueue", "Java2D" };
    long ticks = 0;
    DIR *d = opendir("/proc/self/task");
    struct dirent *t;
    while (d != NULL && (t = readdir(d)) != NULL) {
        if (t->d_name[0] == '.') {
            continue;
        }
        char path[320], line[1024];
        snprintf(path, sizeof path, "/proc/self/task/%s/stat", t->d_name);
        FILE *f = fopen(path, "r");
        if (f == NULL) {
            continue;
        }
        size_t len = fread(line, 1, sizeof line - 1, f);
        fclose(f);
        line[len] = '\0';
        char *open = strchr(line, '('), *close = strrchr(line, ')');
        if (open == NULL || close == NULL) {
            continue;
        }
        int editor = 0;
        for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
            editor |= strncmp(open + 1, names[i], strlen(names[i])) == 0;
        }
        if (!editor) {
            continue;
        }
        /* After ")": state, then fields 4..; utime and stime are fields 14 and 15. */
        char *field = close + 2;
        long utime = 0, stime = 0;
        for (int k = 3; k <= 15 && field != NULL; k++) {
            if (k == 14) {
                utime = strtol(field, NULL, 10);
            } else if (k == 15) {
                stime = strtol(field, NULL, 10);
            }
            field = strchr(field, ' ');
            field = field != NULL ? field + 1 : NULL;
        }
        ticks += utime + stime;
    }
    if (d != NULL) {
        closedir(d);
    }
    return ticks;
}

int host_run_editor_bench(const char *bundle, const char *state, double seconds)
{
    if (host_ui_open() != 0) {
        return 0;
    }
    struct host_module m;
    struct host_plugin p;
    static struct host_handler handler;
    if (host_module_load(&m, bundle) != 0 || load(&m, &p, bundle, state) != 0) {
        return -1;
    }
    host_handler_init(&handler);
    (*p.controller)->set_component_handler(p.controller, (struct v3_component_handler **)&handler);
    host_ui_pump(seconds * 1000);          /* the model loads and fills its pool: not the editor's cost */

    struct open_editor e;
    enum { RUNS = 10 };
    double times[RUNS];
    if (open_editor(&p, &e, 0, 0, 0) != 0) {
        return finish("editorbench");
    }
    printf("first editor of the process: createView to painted %.0f ms (JVM running, Swing not yet)\n",
           e.painted_ms);
    close_editor(&e);
    for (int i = 0; i < RUNS; i++) {
        host_ui_pump(500);
        if (open_editor(&p, &e, 0, 0, 0) != 0) {
            return finish("editorbench");
        }
        times[i] = e.painted_ms;
        close_editor(&e);
    }
    qsort(times, RUNS, sizeof times[0], compare_doubles);
    printf("later editors: createView to painted median %.0f ms, min %.0f, max %.0f (%d runs)\n",
           (times[RUNS / 2 - 1] + times[RUNS / 2]) / 2, times[0], times[RUNS - 1], RUNS);

    host_ui_pump(2000);
    double c0 = cpu_seconds(), t0 = host_now_ms();
    host_ui_pump(seconds * 1000);
    double closed = (cpu_seconds() - c0) / ((host_now_ms() - t0) / 1000) * 100;
    open_editor(&p, &e, 0, 0, 0);
    host_ui_pump(2000);
    c0 = cpu_seconds();
    t0 = host_now_ms();
    host_ui_pump(seconds * 1000);
    double opened = (cpu_seconds() - c0) / ((host_now_ms() - t0) / 1000) * 100;
    close_editor(&e);
    printf("process CPU over %.0f s, not processing: editor closed %.2f %%, editor open and idle %.2f %% of one core"
           " (the editor's share %.2f %%)\n", seconds, closed, opened, opened - closed);

    /* Notes playing: the audio thread renders in real time while the UI loop runs, as in a DAW. */
    /* SDA_BENCH_LOCK=0 leaves the lock off: every note a new variation, generation refilling the
     * pool meanwhile (its CPU is in the process's figures; the editor's threads are counted apart). */
    const char *lock_env = getenv("SDA_BENCH_LOCK");
    int locked = lock_env == NULL || strcmp(lock_env, "0") != 0;
    struct bench_player player = { .p = &p, .lock = param_id(&p, "Variation lock"), .locked = locked, .run = 1 };
    CHECK(host_plugin_start(&p, 48000.0, 256, V3_REALTIME) == 0, "start processing");
    CHECK(pthread_create(&player.thread, NULL, bench_play, &player) == 0, "the audio thread");
    host_ui_pump(seconds * 1000);          /* the pool fills at the host's rate; then generation rests */
    c0 = cpu_seconds();
    t0 = host_now_ms();
    host_ui_pump(seconds * 1000);
    double closed_playing = (cpu_seconds() - c0) / ((host_now_ms() - t0) / 1000) * 100;
    open_editor(&p, &e, 0, 0, 0);
    host_ui_pump(2000);
    long ticks0 = editor_thread_ticks();
    long notes0 = player.notes;
    c0 = cpu_seconds();
    t0 = host_now_ms();
    host_ui_pump(seconds * 1000);
    double elapsed = (host_now_ms() - t0) / 1000;
    double opened_playing = (cpu_seconds() - c0) / elapsed * 100;
    double editor_threads = (editor_thread_ticks() - ticks0) / 100.0 / elapsed * 100;
    long notes = player.notes - notes0;
    char shown[256];
    host_java_text("poolLastPlayedCaption", 0, shown, sizeof shown);
    close_editor(&e);
    player.run = 0;
    pthread_join(player.thread, NULL);
    host_plugin_stop(&p);
    printf("process CPU over %.0f s, notes playing (4 a second, %ld while the editor was measured, variation %s): "
           "editor closed %.2f %%, editor open %.2f %% of one core (the editor's share %.2f %%); the editor's threads "
           "(AWT, Swing timer) alone %.2f %%; the pool showed \"%s\"\n", seconds, notes,
           locked ? "locked" : "not locked", closed_playing, opened_playing, opened_playing - closed_playing,
           editor_threads, shown);
    CHECK(strncmp(shown, "Last played: variation", 22) == 0, "the pool did not show the notes");
    host_plugin_destroy(&p);
    return finish("editorbench");
}
