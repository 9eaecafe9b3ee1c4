/*
 * VST3 ABI, controller group: IEditController, IComponentHandler, IMidiMapping, IUnitInfo.
 */
#ifndef SDA_VST3_CONTROLLER_H
#define SDA_VST3_CONTROLLER_H

#include "vst3_base.h"

enum {                                                  /* ParameterInfo::ParameterFlags */
    V3_PARAM_CAN_AUTOMATE = 1 << 0,
    V3_PARAM_READ_ONLY = 1 << 1,
    V3_PARAM_WRAP_AROUND = 1 << 2,
    V3_PARAM_IS_LIST = 1 << 3,
    V3_PARAM_IS_HIDDEN = 1 << 4,
    V3_PARAM_PROGRAM_CHANGE = 1 << 15,
    V3_PARAM_IS_BYPASS = 1 << 16
};

enum { V3_ROOT_UNIT_ID = 0, V3_NO_PARENT_UNIT_ID = -1, V3_NO_PROGRAM_LIST_ID = -1 };
enum { V3_CTRL_MOD_WHEEL = 1, V3_CTRL_AFTER_TOUCH = 128, V3_CTRL_PITCH_BEND = 129 }; /* ControllerNumbers */
enum { V3_RESTART_PARAM_VALUES_CHANGED = 1 << 2, V3_RESTART_LATENCY_CHANGED = 1 << 3 };

struct v3_parameter_info {                              /* ParameterInfo */
    v3_param_id id;
    v3_str128 title;
    v3_str128 short_title;
    v3_str128 units;
    int32_t step_count;                                 /* 0: continuous; n: n + 1 discrete values */
    double default_normalized;
    int32_t unit_id;
    int32_t flags;
};

struct v3_unit_info {                                   /* UnitInfo */
    int32_t id;
    int32_t parent_unit_id;
    v3_str128 name;
    int32_t program_list_id;
};

struct v3_program_list_info {                           /* ProgramListInfo */
    int32_t id;
    v3_str128 name;
    int32_t program_count;
};

struct v3_component_handler {
    struct v3_funknown unknown;
    v3_result (*begin_edit)(void *self, v3_param_id id);
    v3_result (*perform_edit)(void *self, v3_param_id id, double normalized);
    v3_result (*end_edit)(void *self, v3_param_id id);
    v3_result (*restart_component)(void *self, int32_t flags);
};
static const v3_tuid v3_component_handler_iid = V3_ID(0x93A0BEA3, 0x0BD045DB, 0x8E890B0C, 0xC1E46AC6);

struct v3_edit_controller {
    struct v3_plugin_base base;
    v3_result (*set_component_state)(void *self, struct v3_bstream **stream);
    v3_result (*set_state)(void *self, struct v3_bstream **stream);
    v3_result (*get_state)(void *self, struct v3_bstream **stream);
    int32_t (*get_parameter_count)(void *self);
    v3_result (*get_parameter_info)(void *self, int32_t index, struct v3_parameter_info *info);
    v3_result (*get_param_string_by_value)(void *self, v3_param_id id, double normalized, v3_str128 out);
    v3_result (*get_param_value_by_string)(void *self, v3_param_id id, v3_char16 *string, double *normalized);
    double (*normalized_param_to_plain)(void *self, v3_param_id id, double normalized);
    double (*plain_param_to_normalized)(void *self, v3_param_id id, double plain);
    double (*get_param_normalized)(void *self, v3_param_id id);
    v3_result (*set_param_normalized)(void *self, v3_param_id id, double normalized);
    v3_result (*set_component_handler)(void *self, struct v3_component_handler **handler);
    void **(*create_view)(void *self, const char *name);
};
static const v3_tuid v3_edit_controller_iid = V3_ID(0xDCD7BBE3, 0x7742448D, 0xA874AACC, 0x979C759E);

struct v3_midi_mapping {
    struct v3_funknown unknown;
    v3_result (*get_midi_controller_assignment)(void *self, int32_t bus_index, int16_t channel,
                                                int16_t controller, v3_param_id *id);
};
static const v3_tuid v3_midi_mapping_iid = V3_ID(0xDF0FF9F7, 0x49B74669, 0xB63AB732, 0x7ADBF5E5);

struct v3_unit_info_iface {                             /* IUnitInfo */
    struct v3_funknown unknown;
    int32_t (*get_unit_count)(void *self);
    v3_result (*get_unit_info)(void *self, int32_t index, struct v3_unit_info *info);
    int32_t (*get_program_list_count)(void *self);
    v3_result (*get_program_list_info)(void *self, int32_t index, struct v3_program_list_info *info);
    v3_result (*get_program_name)(void *self, int32_t list_id, int32_t program_index, v3_str128 name);
    v3_result (*get_program_info)(void *self, int32_t list_id, int32_t program_index, const char *attribute,
                                  v3_str128 value);
    v3_result (*has_program_pitch_names)(void *self, int32_t list_id, int32_t program_index);
    v3_result (*get_program_pitch_name)(void *self, int32_t list_id, int32_t program_index, int16_t pitch,
                                        v3_str128 name);
    int32_t (*get_selected_unit)(void *self);
    v3_result (*select_unit)(void *self, int32_t unit_id);
    v3_result (*get_unit_by_bus)(void *self, int32_t media_type, int32_t direction, int32_t bus_index,
                                 int32_t channel, int32_t *unit_id);
    v3_result (*set_unit_program_data)(void *self, int32_t list_or_unit_id, int32_t program_index,
                                       struct v3_bstream **data);
};
static const v3_tuid v3_unit_info_iid = V3_ID(0x3D4BD6B5, 0x913A4FD2, 0xA886E768, 0xA5EB92C1);

static_assert(offsetof(struct v3_parameter_info, step_count) == 772, "ParameterInfo::stepCount");
static_assert(offsetof(struct v3_parameter_info, default_normalized) == 776, "ParameterInfo::defaultNormalizedValue");
static_assert(offsetof(struct v3_parameter_info, flags) == 788, "ParameterInfo::flags");
static_assert(sizeof(struct v3_parameter_info) == 792, "ParameterInfo");
static_assert(sizeof(struct v3_unit_info) == 268, "UnitInfo");
static_assert(sizeof(struct v3_program_list_info) == 264, "ProgramListInfo");
static_assert(sizeof(struct v3_edit_controller) == 18 * sizeof(void *), "IEditController slots");
static_assert(sizeof(struct v3_unit_info_iface) == 15 * sizeof(void *), "IUnitInfo slots");

#endif
