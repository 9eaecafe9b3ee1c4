/*
 * The editor: an IPlugView (with IPlugViewContentScaleSupport) over the Java editor panel, which
 * Java embeds in the host's X11 window. Every call comes on the host's UI thread.
 *
 * Edits: a gesture in the panel is queued by Java on Swing's event thread; a timer registered with
 * the host's IRunLoop (queried from the IPlugFrame given to setFrame) takes the queue on the
 * host's UI thread and calls IComponentHandler beginEdit/performEdit/endEdit there, so the host
 * records automation; a preset loaded in the panel makes the host read every parameter again
 * (restartComponent). Java never calls the host. The other way, setParamNormalized moves the knob.
 *
 * Lifetime: a view holds a reference on its instance. `removed` frees the embedded window; the
 * last release frees the panel. An instance that ends (terminate) closes its open panels first.
 */
#include <stdlib.h>
#include <string.h>

#include "../vst3/vst3_view.h"
#include "jvm.h"
#include "view.h"

#define EDIT_TIMER_MS 20                  /* how often queued edits reach the host */
#define EDITS_PER_TICK 256

struct sda_view {
    const struct v3_plugin_view *view;
    const struct v3_plugin_view_content_scale *scale;
    const struct v3_timer_handler *timer;     /* ours, registered with the host's run loop */
    atomic_uint refcount;
    struct sda_plugin *plugin;                /* referenced for the view's life */
    struct sda_view *next;                    /* every live view, main thread */
    struct sda_java_editor *editor;           /* NULL until first needed */
    struct v3_plugin_frame **frame;           /* the host's; not referenced, as the SDK's views do */
    struct v3_run_loop **run_loop;            /* referenced while the timer is registered */
    int attached;
    int warned_no_run_loop;
    int have_size;                            /* rect was set by the host (onSize) */
    struct v3_view_rect rect;
    float scale_factor;
};

#define VIEW_FROM(field, self) ((struct sda_view *)((char *)(self) - offsetof(struct sda_view, field)))

static struct sda_view *live_views;

/* ---- Safe helpers ------------------------------------------------------------------------ */

static void unlink_view(struct sda_view *v)
{
    for (struct sda_view **at = &live_views; *at != NULL; at = &(*at)->next) {
        if (*at == v) {
            *at = v->next;
            return;
        }
    }
}

/* Builds the Java panel on first need (the host asked its size, or attached it). */
static int ensure_editor(struct sda_view *v)
{
    if (v->editor != NULL) {
        return 0;
    }
    if (sda_plugin_ensure_java(v->plugin) != 0) {
        return -1;
    }
    char err[512] = "";
    v->editor = sda_java_editor_open(v->plugin->java, v->scale_factor, err, sizeof err);
    if (v->editor == NULL) {
        sda_log("no editor: %s", err);
        return -1;
    }
    return 0;
}

/* Hands every queued edit to the host. Host's UI thread (the timer, or removed). */
static void flush_edits(struct sda_view *v)
{
    struct sda_edit edits[EDITS_PER_TICK];
    struct sda_plugin *p = v->plugin;
    int n = sda_java_editor_take_edits(v->editor, edits, EDITS_PER_TICK);
    for (int i = 0; i < n; i++) {
        if (edits[i].kind == SDA_EDIT_RESTORED) {
            sda_plugin_refresh_params(p);   /* re-reads every parameter, restartComponent(kParamValuesChanged) */
            continue;
        }
        int index = sda_param_index(edits[i].id);
        if (index < 0) {
            continue;
        }
        struct v3_component_handler **h = p->handler;
        switch (edits[i].kind) {
        case SDA_EDIT_BEGIN:
            if (h != NULL) {
                (*h)->begin_edit(h, edits[i].id);
            }
            break;
        case SDA_EDIT_PERFORM: {
            double value = edits[i].value != edits[i].value ? 0.0
                : edits[i].value < 0.0 ? 0.0 : edits[i].value > 1.0 ? 1.0 : edits[i].value;
            p->params[index] = value;
            if (h != NULL) {
                (*h)->perform_edit(h, edits[i].id, value);
            }
            break;
        }
        default:
            if (h != NULL) {
                (*h)->end_edit(h, edits[i].id);
            }
            break;
        }
    }
}

static void stop_timer(struct sda_view *v)
{
    if (v->run_loop != NULL) {
        (*v->run_loop)->unregister_timer(v->run_loop, (struct v3_timer_handler **)&v->timer);
        (*v->run_loop)->unknown.release(v->run_loop);
        v->run_loop = NULL;
    }
}

static void start_timer(struct sda_view *v)
{
    void *loop = NULL;
    if (v->frame != NULL && *v->frame != NULL
        && (*v->frame)->unknown.query_interface(v->frame, v3_run_loop_iid, &loop) == V3_OK && loop != NULL) {
        v->run_loop = loop;
        if ((*v->run_loop)->register_timer(v->run_loop, (struct v3_timer_handler **)&v->timer, EDIT_TIMER_MS)
            == V3_OK) {
            return;
        }
        (*v->run_loop)->unknown.release(v->run_loop);
        v->run_loop = NULL;
    }
    if (!v->warned_no_run_loop) {
        v->warned_no_run_loop = 1;
        sda_log("the host gave the editor no IRunLoop: knob edits reach it only when the editor closes");
    }
}

static void detach(struct sda_view *v)
{
    if (!v->attached) {
        return;
    }
    stop_timer(v);
    flush_edits(v);                       /* a gesture in flight still reaches the host */
    sda_java_editor_detach(v->editor);
    v->attached = 0;
}

static void close_editor(struct sda_view *v)
{
    detach(v);
    if (v->editor != NULL) {
        sda_java_editor_close(v->editor);
        v->editor = NULL;
    }
}

static uint32_t view_add_ref_(struct sda_view *v)
{
    return atomic_fetch_add(&v->refcount, 1) + 1;
}

static uint32_t view_release_(struct sda_view *v)
{
    unsigned before = atomic_load(&v->refcount);
    do {
        if (before == 0) {
            return 0;                     /* over-release by the host: ignore rather than free twice */
        }
    } while (!atomic_compare_exchange_weak(&v->refcount, &before, before - 1));
    if (before - 1 > 0) {
        return before - 1;
    }
    close_editor(v);
    unlink_view(v);
    sda_plugin_release(v->plugin);
    free(v);
    return 0;
}

static v3_result view_query_(struct sda_view *v, const v3_tuid iid, void **obj)
{
    SDA_CHECK(obj != NULL, V3_INVALID_ARG);
    *obj = NULL;
    SDA_CHECK(iid != NULL, V3_INVALID_ARG);
    if (v3_tuid_eq(iid, v3_funknown_iid) || v3_tuid_eq(iid, v3_plugin_view_iid)) {
        *obj = &v->view;
    } else if (v3_tuid_eq(iid, v3_plugin_view_content_scale_iid)) {
        *obj = &v->scale;
    } else if (v3_tuid_eq(iid, v3_timer_handler_iid)) {
        *obj = &v->timer;
    } else {
        return V3_NO_INTERFACE;
    }
    view_add_ref_(v);
    return V3_OK;
}

/* The three FUnknown methods of the interface stored in `field` of struct sda_view. */
#define VIEW_UNKNOWN_METHODS(prefix, field) \
    SDA_FUNKNOWN_METHODS(prefix, field, VIEW_FROM, view_query_, view_add_ref_, view_release_)

/* ---- IPlugView ---------------------------------------------------------------------------- */

VIEW_UNKNOWN_METHODS(view, view)

static v3_result view_is_platform_type_supported(void *self, const char *type)
{
    SDA_CHECK(self != NULL && type != NULL, V3_INVALID_ARG);
    return strcmp(type, V3_PLATFORM_X11) == 0 ? V3_TRUE : V3_FALSE;
}

static v3_result view_attached(void *self, void *parent, const char *type)
{
    SDA_CHECK(self != NULL && parent != NULL && type != NULL, V3_INVALID_ARG);
    struct sda_view *v = VIEW_FROM(view, self);
    SDA_CHECK(strcmp(type, V3_PLATFORM_X11) == 0, V3_FALSE);
    SDA_CHECK(!v->attached, V3_FALSE);
    if (ensure_editor(v) != 0) {
        return V3_FALSE;
    }
    if (!v->have_size) {
        struct sda_editor_size size;
        if (sda_java_editor_size(v->editor, &size) != 0) {
            return V3_FALSE;
        }
        v->rect = (struct v3_view_rect){ 0, 0, size.width, size.height };
    }
    /* X11EmbedWindowID: `parent` is the X11 Window id itself, not a pointer to one. */
    if (sda_java_editor_attach(v->editor, (unsigned long)(uintptr_t)parent, v->rect.right - v->rect.left,
                               v->rect.bottom - v->rect.top) != 0) {
        return V3_FALSE;
    }
    v->attached = 1;
    start_timer(v);
    return V3_OK;
}

static v3_result view_removed(void *self)
{
    SDA_CHECK(self != NULL, V3_INVALID_ARG);
    struct sda_view *v = VIEW_FROM(view, self);
    SDA_CHECK(v->attached, V3_FALSE);
    detach(v);
    return V3_OK;
}

static v3_result view_on_wheel(void *self, float distance)
{
    (void)self;
    (void)distance;
    return V3_FALSE;                      /* the panel gets the wheel from X itself */
}

static v3_result view_on_key(void *self, v3_char16 key, int16_t key_code, int16_t modifiers)
{
    (void)self;
    (void)key;
    (void)key_code;
    (void)modifiers;
    return V3_FALSE;                      /* not handled: the host keeps its shortcuts */
}

static v3_result view_get_size(void *self, struct v3_view_rect *size)
{
    SDA_CHECK(self != NULL && size != NULL, V3_INVALID_ARG);
    struct sda_view *v = VIEW_FROM(view, self);
    if (!v->have_size && !v->attached) {
        struct sda_editor_size s;
        if (ensure_editor(v) != 0 || sda_java_editor_size(v->editor, &s) != 0) {
            return V3_FALSE;
        }
        v->rect = (struct v3_view_rect){ 0, 0, s.width, s.height };
    }
    *size = v->rect;
    return V3_OK;
}

static v3_result view_on_size(void *self, struct v3_view_rect *new_size)
{
    SDA_CHECK(self != NULL && new_size != NULL, V3_INVALID_ARG);
    SDA_CHECK(new_size->right > new_size->left && new_size->bottom > new_size->top, V3_INVALID_ARG);
    struct sda_view *v = VIEW_FROM(view, self);
    v->rect = *new_size;
    v->have_size = 1;
    if (v->attached) {
        sda_java_editor_resize(v->editor, new_size->right - new_size->left, new_size->bottom - new_size->top);
    }
    return V3_OK;
}

static v3_result view_on_focus(void *self, v3_bool state)
{
    (void)state;
    SDA_CHECK(self != NULL, V3_INVALID_ARG);
    return V3_OK;
}

static v3_result view_set_frame(void *self, struct v3_plugin_frame **frame)
{
    SDA_CHECK(self != NULL, V3_INVALID_ARG);
    struct sda_view *v = VIEW_FROM(view, self);
    v->frame = frame;
    if (v->attached && v->run_loop == NULL && frame != NULL) {
        start_timer(v);                   /* a host that gives the frame after attaching */
    }
    return V3_OK;
}

static v3_result view_can_resize(void *self)
{
    SDA_CHECK(self != NULL, V3_INVALID_ARG);
    return V3_TRUE;
}

static v3_result view_check_size_constraint(void *self, struct v3_view_rect *rect)
{
    SDA_CHECK(self != NULL && rect != NULL, V3_INVALID_ARG);
    struct sda_view *v = VIEW_FROM(view, self);
    struct sda_editor_size s;
    if (ensure_editor(v) != 0 || sda_java_editor_size(v->editor, &s) != 0) {
        return V3_FALSE;
    }
    if (rect->right - rect->left < s.min_width) {
        rect->right = rect->left + s.min_width;
    }
    if (rect->bottom - rect->top < s.min_height) {
        rect->bottom = rect->top + s.min_height;
    }
    return V3_OK;
}

static const struct v3_plugin_view view_vtable = {
    .unknown = { view_query, view_add_ref, view_release },
    .is_platform_type_supported = view_is_platform_type_supported,
    .attached = view_attached,
    .removed = view_removed,
    .on_wheel = view_on_wheel,
    .on_key_down = view_on_key,
    .on_key_up = view_on_key,
    .get_size = view_get_size,
    .on_size = view_on_size,
    .on_focus = view_on_focus,
    .set_frame = view_set_frame,
    .can_resize = view_can_resize,
    .check_size_constraint = view_check_size_constraint,
};

/* ---- IPlugViewContentScaleSupport --------------------------------------------------------- */

VIEW_UNKNOWN_METHODS(scale, scale)

/* The panel's fonts and sizes scale when it is built; a later change needs the editor reopened. */
static v3_result scale_set_factor(void *self, float factor)
{
    SDA_CHECK(self != NULL && factor > 0.0f && factor <= 8.0f, V3_INVALID_ARG);
    struct sda_view *v = VIEW_FROM(scale, self);
    if (v->editor != NULL) {
        return factor == v->scale_factor ? V3_OK : V3_FALSE;
    }
    v->scale_factor = factor;
    return V3_OK;
}

static const struct v3_plugin_view_content_scale scale_vtable = {
    .unknown = { scale_query, scale_add_ref, scale_release },
    .set_content_scale_factor = scale_set_factor,
};

/* ---- ITimerHandler: the host's UI thread hands queued edits on --------------------------- */

VIEW_UNKNOWN_METHODS(timer, timer)

static void timer_on_timer(void *self)
{
    if (self == NULL) {
        return;
    }
    struct sda_view *v = VIEW_FROM(timer, self);
    if (v->attached && v->editor != NULL) {
        flush_edits(v);
    }
}

static const struct v3_timer_handler timer_vtable = {
    .unknown = { timer_query, timer_add_ref, timer_release },
    .on_timer = timer_on_timer,
};

/* ---- Entry points for the controller ----------------------------------------------------- */

void **sda_view_create(struct sda_plugin *p, const char *name)
{
    /* "editor" is ViewType::kEditor; Carla 2.5's VST3 host asks for "view". */
    if (p == NULL || name == NULL || (strcmp(name, "editor") != 0 && strcmp(name, "view") != 0)) {
        return NULL;
    }
    if (sda_plugin_ensure_java(p) != 0) {
        return NULL;                      /* the host shows its generic editor */
    }
    char err[512] = "";
    if (sda_java_editor_available(err, sizeof err) != 0) {
        sda_log("no editor, the host's own shows the parameters: %s", err);
        return NULL;
    }
    struct sda_view *v = calloc(1, sizeof *v);
    if (v == NULL) {
        return NULL;
    }
    v->view = &view_vtable;
    v->scale = &scale_vtable;
    v->timer = &timer_vtable;
    atomic_init(&v->refcount, 1);
    v->scale_factor = 1.0f;
    v->plugin = p;
    sda_plugin_add_ref(p);
    v->next = live_views;
    live_views = v;
    return (void **)&v->view;
}

void sda_views_param_changed(struct sda_plugin *p, v3_param_id id, double normalized)
{
    for (struct sda_view *v = live_views; v != NULL; v = v->next) {
        if (v->plugin == p && v->editor != NULL) {
            sda_java_editor_host_changed(v->editor, id, normalized);
        }
    }
}

void sda_views_instance_ending(struct sda_plugin *p)
{
    for (struct sda_view *v = live_views; v != NULL; v = v->next) {
        if (v->plugin == p) {
            close_editor(v);
        }
    }
}
