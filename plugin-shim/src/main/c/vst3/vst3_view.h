/*
 * VST3 ABI, editor group: IPlugView, IPlugFrame, IPlugViewContentScaleSupport and the Linux run
 * loop (IRunLoop, ITimerHandler, IEventHandler) a host hands to a view through its frame.
 */
#ifndef SDA_VST3_VIEW_H
#define SDA_VST3_VIEW_H

#include "vst3_base.h"

#define V3_PLATFORM_X11 "X11EmbedWindowID"       /* kPlatformTypeX11EmbedWindowID: parent is an X11 Window */

struct v3_view_rect {                            /* ViewRect: pixels, right/bottom exclusive */
    int32_t left;
    int32_t top;
    int32_t right;
    int32_t bottom;
};

struct v3_plugin_frame;

struct v3_plugin_view {
    struct v3_funknown unknown;
    v3_result (*is_platform_type_supported)(void *self, const char *type);
    v3_result (*attached)(void *self, void *parent, const char *type);
    v3_result (*removed)(void *self);
    v3_result (*on_wheel)(void *self, float distance);
    v3_result (*on_key_down)(void *self, v3_char16 key, int16_t key_code, int16_t modifiers);
    v3_result (*on_key_up)(void *self, v3_char16 key, int16_t key_code, int16_t modifiers);
    v3_result (*get_size)(void *self, struct v3_view_rect *size);
    v3_result (*on_size)(void *self, struct v3_view_rect *new_size);
    v3_result (*on_focus)(void *self, v3_bool state);
    v3_result (*set_frame)(void *self, struct v3_plugin_frame **frame);
    v3_result (*can_resize)(void *self);
    v3_result (*check_size_constraint)(void *self, struct v3_view_rect *rect);
};
static const v3_tuid v3_plugin_view_iid = V3_ID(0x5BC32507, 0xD06049EA, 0xA6151B52, 0x2B755B29);

struct v3_plugin_frame {                         /* the host's, given to setFrame */
    struct v3_funknown unknown;
    v3_result (*resize_view)(void *self, struct v3_plugin_view **view, struct v3_view_rect *new_size);
};
static const v3_tuid v3_plugin_frame_iid = V3_ID(0x367FAF01, 0xAFA94693, 0x8D4DA2A0, 0xED0882A3);

struct v3_plugin_view_content_scale {            /* IPlugViewContentScaleSupport */
    struct v3_funknown unknown;
    v3_result (*set_content_scale_factor)(void *self, float factor);
};
static const v3_tuid v3_plugin_view_content_scale_iid = V3_ID(0x65ED9690, 0x8AC44525, 0x8AADEF7A, 0x72EA703F);

/* ---- Steinberg::Linux: the host's UI-thread loop, queried from the IPlugFrame ---------------- */

struct v3_event_handler {                        /* the plugin's: the host calls it when fd is readable */
    struct v3_funknown unknown;
    void (*on_fd_is_set)(void *self, int fd);
};
static const v3_tuid v3_event_handler_iid = V3_ID(0x561E65C9, 0x13A0496F, 0x813A2C35, 0x654D7983);

struct v3_timer_handler {                        /* the plugin's: the host calls it every interval */
    struct v3_funknown unknown;
    void (*on_timer)(void *self);
};
static const v3_tuid v3_timer_handler_iid = V3_ID(0x10BDD94F, 0x41424774, 0x821FAD8F, 0xECA72CA9);

struct v3_run_loop {
    struct v3_funknown unknown;
    v3_result (*register_event_handler)(void *self, struct v3_event_handler **handler, int fd);
    v3_result (*unregister_event_handler)(void *self, struct v3_event_handler **handler);
    v3_result (*register_timer)(void *self, struct v3_timer_handler **handler, uint64_t milliseconds);
    v3_result (*unregister_timer)(void *self, struct v3_timer_handler **handler);
};
static const v3_tuid v3_run_loop_iid = V3_ID(0x18C35366, 0x97764F1A, 0x9C5B8385, 0x7A871389);

static_assert(sizeof(struct v3_view_rect) == 16, "ViewRect");
static_assert(sizeof(struct v3_plugin_view) == 15 * sizeof(void *), "IPlugView slots");
static_assert(offsetof(struct v3_plugin_view, get_size) == 9 * sizeof(void *), "IPlugView::getSize is slot 9");
static_assert(offsetof(struct v3_plugin_view, check_size_constraint) == 14 * sizeof(void *),
              "IPlugView::checkSizeConstraint is slot 14");
static_assert(sizeof(struct v3_plugin_frame) == 4 * sizeof(void *), "IPlugFrame slots");
static_assert(sizeof(struct v3_plugin_view_content_scale) == 4 * sizeof(void *), "IPlugViewContentScaleSupport slots");
static_assert(sizeof(struct v3_event_handler) == 4 * sizeof(void *), "IEventHandler slots");
static_assert(sizeof(struct v3_timer_handler) == 4 * sizeof(void *), "ITimerHandler slots");
static_assert(sizeof(struct v3_run_loop) == 7 * sizeof(void *), "IRunLoop slots");

#endif
