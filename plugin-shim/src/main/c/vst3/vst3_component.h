/*
 * VST3 ABI, component group: IComponent, buses and routing.
 */
#ifndef SDA_VST3_COMPONENT_H
#define SDA_VST3_COMPONENT_H

#include "vst3_base.h"

enum { V3_MEDIA_AUDIO = 0, V3_MEDIA_EVENT = 1 };          /* MediaTypes */
enum { V3_DIR_INPUT = 0, V3_DIR_OUTPUT = 1 };             /* BusDirections */
enum { V3_BUS_MAIN = 0, V3_BUS_AUX = 1 };                 /* BusTypes */
enum { V3_BUS_DEFAULT_ACTIVE = 1 << 0 };                  /* BusInfo::BusFlags */

struct v3_bus_info {                                      /* BusInfo */
    int32_t media_type;
    int32_t direction;
    int32_t channel_count;
    v3_str128 name;
    int32_t bus_type;
    uint32_t flags;
};

struct v3_routing_info {                                  /* RoutingInfo */
    int32_t media_type;
    int32_t bus_index;
    int32_t channel;
};

struct v3_component {
    struct v3_plugin_base base;
    v3_result (*get_controller_class_id)(void *self, v3_tuid cid);
    v3_result (*set_io_mode)(void *self, int32_t mode);
    int32_t (*get_bus_count)(void *self, int32_t media_type, int32_t direction);
    v3_result (*get_bus_info)(void *self, int32_t media_type, int32_t direction, int32_t index,
                              struct v3_bus_info *info);
    v3_result (*get_routing_info)(void *self, struct v3_routing_info *in, struct v3_routing_info *out);
    v3_result (*activate_bus)(void *self, int32_t media_type, int32_t direction, int32_t index, v3_bool state);
    v3_result (*set_active)(void *self, v3_bool state);
    v3_result (*set_state)(void *self, struct v3_bstream **stream);
    v3_result (*get_state)(void *self, struct v3_bstream **stream);
};
static const v3_tuid v3_component_iid = V3_ID(0xE831FF31, 0xF2D54301, 0x928EBBEE, 0x25697802);

static_assert(sizeof(struct v3_bus_info) == 276, "BusInfo");
static_assert(offsetof(struct v3_bus_info, bus_type) == 268, "BusInfo::busType");
static_assert(sizeof(struct v3_routing_info) == 12, "RoutingInfo");
static_assert(sizeof(struct v3_component) == 14 * sizeof(void *), "IComponent slots");

#endif
