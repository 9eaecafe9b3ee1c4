/*
 * IComponent: buses, activation and state. Main thread. Bus answers are static (no audio input,
 * one stereo output, one event input); state goes to the Java instrument, which is started here
 * if it is not running yet (a project being opened).
 */
#include <stdlib.h>

#include "jvm.h"
#include "plugin.h"
#include "state.h"
#include "view.h"

/* ---- Safe helpers ------------------------------------------------------------------------ */

static int bus_exists(int32_t type, int32_t dir, int32_t index)
{
    return index == 0 && ((type == V3_MEDIA_AUDIO && dir == V3_DIR_OUTPUT)
                          || (type == V3_MEDIA_EVENT && dir == V3_DIR_INPUT));
}

/* ---- IComponent -------------------------------------------------------------------------- */

SDA_UNKNOWN_METHODS(component, component)

static v3_result component_initialize(void *self, struct v3_funknown **context)
{
    (void)context;
    SDA_CHECK(self != NULL, V3_INVALID_ARG);
    return sda_plugin_initialize(SDA_FROM(component, self));
}

static v3_result component_terminate(void *self)
{
    SDA_CHECK(self != NULL, V3_INVALID_ARG);
    struct sda_plugin *p = SDA_FROM(component, self);
    if (p->initialized <= 1) {
        sda_views_instance_ending(p);     /* a host that terminates with the editor open */
    }
    return sda_plugin_terminate(p);
}

static v3_result component_get_controller_class_id(void *self, v3_tuid cid)
{
    SDA_CHECK(self != NULL && cid != NULL, V3_INVALID_ARG);
    memset(cid, 0, sizeof(v3_tuid));
    return V3_NOT_IMPLEMENTED;            /* single component: the controller is this object */
}

static v3_result component_set_io_mode(void *self, int32_t mode)
{
    (void)mode;
    SDA_CHECK(self != NULL, V3_INVALID_ARG);
    return V3_NOT_IMPLEMENTED;
}

static int32_t component_get_bus_count(void *self, int32_t type, int32_t dir)
{
    if (self == NULL) {
        return 0;
    }
    return bus_exists(type, dir, 0) ? 1 : 0;
}

static v3_result component_get_bus_info(void *self, int32_t type, int32_t dir, int32_t index,
                                        struct v3_bus_info *info)
{
    SDA_CHECK(self != NULL && info != NULL, V3_INVALID_ARG);
    SDA_CHECK(bus_exists(type, dir, index), V3_INVALID_ARG);
    memset(info, 0, sizeof *info);
    info->media_type = type;
    info->direction = dir;
    info->bus_type = V3_BUS_MAIN;
    info->flags = V3_BUS_DEFAULT_ACTIVE;
    if (type == V3_MEDIA_AUDIO) {
        info->channel_count = 2;
        sda_utf8_to_utf16("Output", info->name, 128);
    } else {
        info->channel_count = 16;         /* MIDI channels */
        sda_utf8_to_utf16("MIDI In", info->name, 128);
    }
    return V3_OK;
}

static v3_result component_get_routing_info(void *self, struct v3_routing_info *in, struct v3_routing_info *out)
{
    (void)in;
    (void)out;
    SDA_CHECK(self != NULL, V3_INVALID_ARG);
    return V3_NOT_IMPLEMENTED;            /* no audio input to route from */
}

static v3_result component_activate_bus(void *self, int32_t type, int32_t dir, int32_t index, v3_bool state)
{
    (void)state;
    SDA_CHECK(self != NULL, V3_INVALID_ARG);
    return bus_exists(type, dir, index) ? V3_OK : V3_INVALID_ARG;
}

/* Scanners activate plugins: this never starts the JVM. The voice renderer is set up here once
 * setupProcessing has been called; Java's publisher starts only when setupProcessing brought Java up. */
static v3_result component_set_active(void *self, v3_bool state)
{
    SDA_CHECK(self != NULL, V3_INVALID_ARG);
    struct sda_plugin *p = SDA_FROM(component, self);
    if (state) {
        p->active = 1;
        sda_plugin_start_rendering(p);
    } else {
        sda_plugin_stop_rendering(p);
        p->active = 0;
    }
    return V3_OK;
}

static v3_result component_set_state(void *self, struct v3_bstream **stream)
{
    SDA_CHECK(self != NULL && stream != NULL && *stream != NULL, V3_INVALID_ARG);
    struct sda_plugin *p = SDA_FROM(component, self);
    uint8_t *blob = NULL;
    size_t len = 0;
    if (sda_stream_read_all(stream, &blob, &len) != 0) {
        sda_log("cannot read the state the host gave");
        return V3_FALSE;
    }
    const uint8_t *json;
    size_t json_len;
    const char *why;
    if (sda_state_unwrap(blob, len, &json, &json_len, &why) != 0) {
        sda_log("state ignored (%zu bytes): %s", len, why);
        free(blob);
        return V3_FALSE;
    }
    if (sda_plugin_ensure_java(p) != 0) {
        free(blob);
        return V3_FALSE;
    }
    char message[512] = "";
    int restored = sda_java_restore_state(p->java, json, json_len, message, sizeof message);
    free(blob);
    if (restored == 0) {
        sda_log("state partly restored: %s", message);
    } else if (restored < 0) {
        sda_log("state could not be restored");
        return V3_FALSE;
    }
    sda_plugin_refresh_params(p);
    return V3_OK;
}

static v3_result component_get_state(void *self, struct v3_bstream **stream)
{
    SDA_CHECK(self != NULL && stream != NULL && *stream != NULL, V3_INVALID_ARG);
    struct sda_plugin *p = SDA_FROM(component, self);
    uint8_t *json = NULL;
    size_t json_len = 0;
    /* Without Java (a host that saves right after scanning) the state is the defaults: "{}". */
    if (p->java == NULL || sda_java_save_state(p->java, &json, &json_len) != 0) {
        free(json);
        json = (uint8_t *)strdup("{}");
        json_len = 2;
        if (json == NULL) {
            return V3_OUT_OF_MEMORY;
        }
    }
    uint8_t *blob = NULL;
    size_t len = 0;
    int rc = sda_state_wrap(json, json_len, &blob, &len);
    free(json);
    if (rc != 0) {
        return V3_OUT_OF_MEMORY;
    }
    rc = sda_stream_write_all(stream, blob, len);
    free(blob);
    return rc == 0 ? V3_OK : V3_FALSE;
}

const struct v3_component sda_component_vtable = {
    .base = {
        .unknown = { component_query, component_add_ref, component_release },
        .initialize = component_initialize,
        .terminate = component_terminate,
    },
    .get_controller_class_id = component_get_controller_class_id,
    .set_io_mode = component_set_io_mode,
    .get_bus_count = component_get_bus_count,
    .get_bus_info = component_get_bus_info,
    .get_routing_info = component_get_routing_info,
    .activate_bus = component_activate_bus,
    .set_active = component_set_active,
    .set_state = component_set_state,
    .get_state = component_get_state,
};
