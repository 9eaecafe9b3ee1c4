/*
 * The test host's UI thread, as a Linux DAW has one: an X11 window per editor, a run loop that
 * serves the timers and file descriptors plugins register through IRunLoop (queried from the
 * IPlugFrame), and an IComponentHandler that records the edits it is told about. Everything
 * here runs on the host's main thread.
 */
#define _GNU_SOURCE
#include <X11/Xutil.h>
#include <dirent.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "host_ui.h"

static Display *dpy;

/* ---- Display and windows ------------------------------------------------------------------ */

int host_ui_open(void)
{
    if (dpy != NULL) {
        return 0;
    }
    const char *name = getenv("DISPLAY");
    if (name == NULL || name[0] == '\0' || (dpy = XOpenDisplay(NULL)) == NULL) {
        printf("SKIP no X display (DISPLAY=%s): the editor needs one\n", name != NULL ? name : "");
        return -1;
    }
    return 0;
}

Display *host_ui_display(void)
{
    return dpy;
}

Window host_ui_window(int x, int y, int width, int height)
{
    Window w = XCreateSimpleWindow(dpy, DefaultRootWindow(dpy), x, y, (unsigned)width, (unsigned)height, 0,
                                   BlackPixel(dpy, DefaultScreen(dpy)), HOST_BACKGROUND);
    XStoreName(dpy, w, "sda-test-host");
    XSelectInput(dpy, w, StructureNotifyMask | ExposureMask);
    XMapWindow(dpy, w);
    XSync(dpy, False);
    for (int i = 0; i < 200; i++) {       /* mapped before a plugin embeds into it */
        XWindowAttributes a;
        if (XGetWindowAttributes(dpy, w, &a) && a.map_state == IsViewable) {
            break;
        }
        host_ui_pump(5);
    }
    return w;
}

void host_ui_destroy_window(Window w)
{
    XDestroyWindow(dpy, w);
    XSync(dpy, False);
}

static int count_below(Window w)
{
    Window root, parent, *children = NULL;
    unsigned n = 0;
    if (!XQueryTree(dpy, w, &root, &parent, &children, &n)) {
        return 0;
    }
    int total = (int)n;
    for (unsigned i = 0; i < n; i++) {
        total += count_below(children[i]);
    }
    if (children != NULL) {
        XFree(children);
    }
    return total;
}

int host_ui_count_windows(void)
{
    XSync(dpy, False);
    return count_below(DefaultRootWindow(dpy));
}

int host_ui_count_threads(void)
{
    DIR *d = opendir("/proc/self/task");
    int n = 0;
    struct dirent *e;
    while (d != NULL && (e = readdir(d)) != NULL) {
        n += e->d_name[0] != '.';
    }
    if (d != NULL) {
        closedir(d);
    }
    return n;
}

int host_ui_screenshot(Window w, const char *path)
{
    char cmd[4096];
    XSync(dpy, False);
    if (system("command -v import >/dev/null 2>&1") != 0) {
        printf("NOTE no ImageMagick (import): no screenshot %s\n", path);
        return 0;
    }
    if (w == 0) {
        snprintf(cmd, sizeof cmd, "import -window root '%s'", path);
    } else {
        snprintf(cmd, sizeof cmd, "import -window 0x%lx '%s'", (unsigned long)w, path);
    }
    return system(cmd) == 0 ? 0 : -1;
}

/* Painted: the window's pixels (every 4th in each direction) hold many colours and almost no
 * background. A frame filled with one colour, or a window nothing was drawn into, is not. */
static int looks_painted(Window w)
{
    XWindowAttributes a;
    if (!XGetWindowAttributes(dpy, w, &a) || a.width < 8 || a.height < 8) {
        return 0;
    }
    /* The part on the screen (a window larger than the screen cannot be read whole). */
    int screen_w = DisplayWidth(dpy, DefaultScreen(dpy)), screen_h = DisplayHeight(dpy, DefaultScreen(dpy));
    if (a.x + a.width > screen_w) {
        a.width = screen_w - a.x;
    }
    if (a.y + a.height > screen_h) {
        a.height = screen_h - a.y;
    }
    if (a.width < 8 || a.height < 8) {
        return 0;
    }
    XImage *img = XGetImage(dpy, w, 0, 0, (unsigned)a.width, (unsigned)a.height, AllPlanes, ZPixmap);
    if (img == NULL) {
        return 0;
    }
    unsigned long colours[64];
    int distinct = 0;
    long samples = 0, background = 0;
    for (int y = 0; y < a.height; y += 4) {
        for (int x = 0; x < a.width; x += 4) {
            unsigned long px = XGetPixel(img, x, y) & 0xFFFFFFul;
            samples++;
            background += px == HOST_BACKGROUND;
            int seen = 0;
            for (int i = 0; i < distinct && !seen; i++) {
                seen = colours[i] == px;
            }
            if (!seen && distinct < 64) {
                colours[distinct++] = px;
            }
        }
    }
    XDestroyImage(img);
    return distinct >= 16 && background * 100 < samples;
}

double host_ui_await_painted(Window w, double timeout_ms)
{
    double start = host_now_ms();
    while (host_now_ms() - start < timeout_ms) {
        if (looks_painted(w)) {
            return host_now_ms() - start;
        }
        host_ui_pump(2);
    }
    return -1;
}

/* ---- IRunLoop and IPlugFrame ---------------------------------------------------------------- */

#define MAX_TIMERS 16
#define MAX_FDS 16

static struct {
    struct v3_timer_handler **handler;
    double interval, due;
} timers[MAX_TIMERS];
static int timer_count;

static struct {
    struct v3_event_handler **handler;
    int fd;
} fds[MAX_FDS];
static int fd_count;

static v3_result loop_register_event_handler(void *self, struct v3_event_handler **handler, int fd)
{
    (void)self;
    if (handler == NULL || fd < 0 || fd_count == MAX_FDS) {
        return V3_INVALID_ARG;
    }
    fds[fd_count].handler = handler;
    fds[fd_count].fd = fd;
    fd_count++;
    return V3_OK;
}

static v3_result loop_unregister_event_handler(void *self, struct v3_event_handler **handler)
{
    (void)self;
    for (int i = 0; i < fd_count; i++) {
        if (fds[i].handler == handler) {
            fds[i] = fds[--fd_count];
            i--;
        }
    }
    return V3_OK;
}

static v3_result loop_register_timer(void *self, struct v3_timer_handler **handler, uint64_t ms)
{
    (void)self;
    if (handler == NULL || timer_count == MAX_TIMERS) {
        return V3_INVALID_ARG;
    }
    (*handler)->unknown.add_ref(handler);
    timers[timer_count].handler = handler;
    timers[timer_count].interval = ms > 0 ? (double)ms : 1.0;
    timers[timer_count].due = host_now_ms() + timers[timer_count].interval;
    timer_count++;
    return V3_OK;
}

static v3_result loop_unregister_timer(void *self, struct v3_timer_handler **handler)
{
    (void)self;
    for (int i = 0; i < timer_count; i++) {
        if (timers[i].handler == handler) {
            timers[i] = timers[--timer_count];
            (*handler)->unknown.release(handler);
            i--;
        }
    }
    return V3_OK;
}

int host_ui_timers(void)
{
    return timer_count;
}

static const struct v3_run_loop loop_vtable = {
    { host_no_interface, host_static_ref, host_static_ref },
    loop_register_event_handler, loop_unregister_event_handler, loop_register_timer, loop_unregister_timer
};
static const struct v3_run_loop *loop_object = &loop_vtable;

static v3_result frame_query(void *self, const v3_tuid iid, void **obj)
{
    if (obj == NULL) {
        return V3_INVALID_ARG;
    }
    if (v3_tuid_eq(iid, v3_run_loop_iid)) {
        *obj = (void *)&loop_object;
        return V3_OK;
    }
    if (v3_tuid_eq(iid, v3_plugin_frame_iid) || v3_tuid_eq(iid, v3_funknown_iid)) {
        *obj = self;
        return V3_OK;
    }
    *obj = NULL;
    return V3_NO_INTERFACE;
}

static v3_result frame_resize_view(void *self, struct v3_plugin_view **view, struct v3_view_rect *size)
{
    (void)self;
    return view != NULL && size != NULL ? (*view)->on_size(view, size) : V3_INVALID_ARG;
}

static const struct v3_plugin_frame frame_vtable = {
    { frame_query, host_static_ref, host_static_ref }, frame_resize_view
};
static const struct v3_plugin_frame *frame_object = &frame_vtable;
struct v3_plugin_frame **host_frame = (struct v3_plugin_frame **)&frame_object;

void host_ui_pump(double ms)
{
    double end = host_now_ms() + ms;
    for (;;) {
        while (dpy != NULL && XPending(dpy) > 0) {
            XEvent ev;
            XNextEvent(dpy, &ev);           /* the host's own window needs nothing done */
        }
        double now = host_now_ms();
        for (int i = 0; i < timer_count; i++) {
            if (now >= timers[i].due) {
                timers[i].due = now + timers[i].interval;
                struct v3_timer_handler **h = timers[i].handler;
                (*h)->on_timer(h);
            }
        }
        now = host_now_ms();
        if (now >= end) {
            return;
        }
        double wait = end - now;
        for (int i = 0; i < timer_count; i++) {
            if (timers[i].due - now < wait) {
                wait = timers[i].due - now;
            }
        }
        struct pollfd p[MAX_FDS + 1];
        int n = 0;
        if (dpy != NULL) {
            p[n++] = (struct pollfd){ ConnectionNumber(dpy), POLLIN, 0 };
        }
        for (int i = 0; i < fd_count; i++) {
            p[n++] = (struct pollfd){ fds[i].fd, POLLIN, 0 };
        }
        int timeout = wait < 0 ? 0 : (int)(wait + 0.999);
        if (poll(p, (nfds_t)n, timeout) > 0) {
            for (int i = 0; i < fd_count; i++) {
                for (int k = 0; k < n; k++) {
                    if (p[k].fd == fds[i].fd && (p[k].revents & POLLIN)) {
                        (*fds[i].handler)->on_fd_is_set(fds[i].handler, fds[i].fd);
                    }
                }
            }
        }
    }
}

/* ---- IComponentHandler -------------------------------------------------------------------- */

static pthread_t ui_thread;

static void record(void *self, char kind, v3_param_id id, double value)
{
    struct host_handler *h = self;
    if (!pthread_equal(pthread_self(), ui_thread)) {
        h->wrong_thread++;
    }
    if (h->count < HOST_MAX_EDITS) {
        h->edits[h->count++] = (struct host_edit){ kind, id, value };
    }
}

static v3_result handler_begin(void *self, v3_param_id id)
{
    record(self, 'b', id, 0);
    return V3_OK;
}

static v3_result handler_perform(void *self, v3_param_id id, double value)
{
    record(self, 'p', id, value);
    return V3_OK;
}

static v3_result handler_end(void *self, v3_param_id id)
{
    record(self, 'e', id, 0);
    return V3_OK;
}

static v3_result handler_restart(void *self, int32_t flags)
{
    (void)self;
    (void)flags;
    return V3_OK;
}

static const struct v3_component_handler handler_vtable = {
    { host_no_interface, host_static_ref, host_static_ref }, handler_begin, handler_perform, handler_end, handler_restart
};

void host_handler_init(struct host_handler *h)
{
    memset(h, 0, sizeof *h);
    h->vtable = &handler_vtable;
    ui_thread = pthread_self();
}
