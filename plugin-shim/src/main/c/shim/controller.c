/*
 * IEditController, IMidiMapping and IUnitInfo: everything a host asks about parameters,
 * answered from the generated static table (no JVM). Main thread.
 */
#include <math.h>
#include <stdlib.h>
#include <strings.h>

#include "jvm.h"
#include "plugin.h"
#include "view.h"

/* ---- Safe helpers: the parameter table ---------------------------------------------------- */

int sda_param_index(uint32_t id)
{
    for (int i = 0; i < SDA_PARAM_COUNT; i++) {
        if (sda_param_table[i].id == id) {
            return i;
        }
    }
    return -1;
}

const struct sda_param_def *sda_param_by_id(uint32_t id)
{
    int i = sda_param_index(id);
    return i < 0 ? NULL : &sda_param_table[i];
}

static double clamp01(double v)
{
    return v != v ? 0.0 : v < 0.0 ? 0.0 : v > 1.0 ? 1.0 : v;
}

/* Same rules as InstrumentParameter.toPlain / toNormalized: discrete parameters land on a step. */
double sda_param_to_plain(const struct sda_param_def *p, double normalized)
{
    double n = clamp01(normalized);
    if (p->step_count > 0) {
        n = round(n * p->step_count) / p->step_count;
    }
    return p->min + n * (p->max - p->min);
}

double sda_param_to_normalized(const struct sda_param_def *p, double plain)
{
    double v = plain != plain ? p->min : plain < p->min ? p->min : plain > p->max ? p->max : plain;
    double n = (v - p->min) / (p->max - p->min);
    return p->step_count > 0 ? round(n * p->step_count) / p->step_count : n;
}

static int is_switch(const struct sda_param_def *p)
{
    return p->step_count == 1 && p->min == 0.0 && p->max == 1.0;
}

/* ---- IEditController --------------------------------------------------------------------- */

SDA_UNKNOWN_METHODS(controller, controller)

static v3_result controller_initialize(void *self, struct v3_funknown **context)
{
    (void)context;
    SDA_CHECK(self != NULL, V3_INVALID_ARG);
    return sda_plugin_initialize(SDA_FROM(controller, self));
}

static v3_result controller_terminate(void *self)
{
    SDA_CHECK(self != NULL, V3_INVALID_ARG);
    struct sda_plugin *p = SDA_FROM(controller, self);
    if (p->initialized <= 1) {
        sda_views_instance_ending(p);     /* a host that terminates with the editor open */
    }
    return sda_plugin_terminate(p);
}

/* The component state is ours already (same object); the controller only refreshes its view. */
static v3_result controller_set_component_state(void *self, struct v3_bstream **stream)
{
    SDA_CHECK(self != NULL && stream != NULL, V3_INVALID_ARG);
    struct sda_plugin *p = SDA_FROM(controller, self);
    if (p->java != NULL) {
        for (int i = 0; i < SDA_PARAM_COUNT; i++) {
            p->params[i] = sda_java_parameter(p->java, (int32_t)sda_param_table[i].id, p->params[i]);
        }
    }
    return V3_OK;
}

/* The controller has no state of its own: everything lives in the component state. */
static v3_result controller_set_state(void *self, struct v3_bstream **stream)
{
    SDA_CHECK(self != NULL && stream != NULL, V3_INVALID_ARG);
    return V3_OK;
}

static v3_result controller_get_state(void *self, struct v3_bstream **stream)
{
    SDA_CHECK(self != NULL && stream != NULL, V3_INVALID_ARG);
    return V3_OK;
}

static int32_t controller_get_parameter_count(void *self)
{
    return self != NULL ? SDA_PARAM_COUNT : 0;
}

static v3_result controller_get_parameter_info(void *self, int32_t index, struct v3_parameter_info *info)
{
    SDA_CHECK(self != NULL && info != NULL, V3_INVALID_ARG);
    SDA_CHECK(index >= 0 && index < SDA_PARAM_COUNT, V3_INVALID_ARG);
    const struct sda_param_def *d = &sda_param_table[index];
    memset(info, 0, sizeof *info);
    info->id = d->id;
    sda_utf8_to_utf16(d->title, info->title, 128);
    sda_utf8_to_utf16(d->short_title, info->short_title, 128);
    sda_utf8_to_utf16(d->units, info->units, 128);
    info->step_count = d->step_count;
    info->default_normalized = d->default_normalized;
    info->unit_id = V3_ROOT_UNIT_ID;
    info->flags = V3_PARAM_CAN_AUTOMATE;
    return V3_OK;
}

static v3_result controller_get_param_string_by_value(void *self, v3_param_id id, double normalized, v3_str128 out)
{
    SDA_CHECK(self != NULL && out != NULL, V3_INVALID_ARG);
    const struct sda_param_def *d = sda_param_by_id(id);
    SDA_CHECK(d != NULL, V3_INVALID_ARG);
    double plain = sda_param_to_plain(d, normalized);
    char text[64];
    if (is_switch(d)) {
        snprintf(text, sizeof text, "%s", plain >= 0.5 ? "On" : "Off");
    } else if (d->step_count > 0) {
        snprintf(text, sizeof text, "%d", (int)lround(plain));
    } else if (fabs(d->max - d->min) >= 100.0) {
        snprintf(text, sizeof text, "%.0f", plain);
    } else {
        snprintf(text, sizeof text, "%.2f", plain);
    }
    sda_utf8_to_utf16(text, out, 128);
    return V3_OK;
}

static v3_result controller_get_param_value_by_string(void *self, v3_param_id id, v3_char16 *string, double *normalized)
{
    SDA_CHECK(self != NULL && string != NULL && normalized != NULL, V3_INVALID_ARG);
    const struct sda_param_def *d = sda_param_by_id(id);
    SDA_CHECK(d != NULL, V3_INVALID_ARG);
    char text[128];
    sda_utf16_to_utf8(string, 128, text, sizeof text);
    if (is_switch(d) && (strcasecmp(text, "on") == 0 || strcasecmp(text, "off") == 0)) {
        *normalized = strcasecmp(text, "on") == 0 ? 1.0 : 0.0;
        return V3_OK;
    }
    char *end = NULL;
    double plain = strtod(text, &end);
    if (end == text || plain != plain) {
        return V3_FALSE;
    }
    *normalized = sda_param_to_normalized(d, plain);
    return V3_OK;
}

static double controller_normalized_to_plain(void *self, v3_param_id id, double normalized)
{
    const struct sda_param_def *d = self != NULL ? sda_param_by_id(id) : NULL;
    return d != NULL ? sda_param_to_plain(d, normalized) : 0.0;
}

static double controller_plain_to_normalized(void *self, v3_param_id id, double plain)
{
    const struct sda_param_def *d = self != NULL ? sda_param_by_id(id) : NULL;
    return d != NULL ? sda_param_to_normalized(d, plain) : 0.0;
}

static double controller_get_param_normalized(void *self, v3_param_id id)
{
    if (self == NULL) {
        return 0.0;
    }
    int i = sda_param_index(id);
    return i < 0 ? 0.0 : SDA_FROM(controller, self)->params[i];
}

static v3_result controller_set_param_normalized(void *self, v3_param_id id, double normalized)
{
    SDA_CHECK(self != NULL, V3_INVALID_ARG);
    int i = sda_param_index(id);
    SDA_CHECK(i >= 0 && normalized == normalized, V3_INVALID_ARG);
    struct sda_plugin *p = SDA_FROM(controller, self);
    p->params[i] = clamp01(normalized);
    sda_views_param_changed(p, id, p->params[i]);
    return V3_OK;
}

static v3_result controller_set_component_handler(void *self, struct v3_component_handler **handler)
{
    SDA_CHECK(self != NULL, V3_INVALID_ARG);
    struct sda_plugin *p = SDA_FROM(controller, self);
    if (handler == p->handler) {
        return V3_OK;
    }
    if (handler != NULL && *handler != NULL) {
        (*handler)->unknown.add_ref(handler);
    }
    if (p->handler != NULL) {
        (*p->handler)->unknown.release(p->handler);
    }
    p->handler = (handler != NULL && *handler != NULL) ? handler : NULL;
    return V3_OK;
}

/* The editor panel (view.c); NULL when Java cannot start: hosts then show their generic view. */
static void **controller_create_view(void *self, const char *name)
{
    SDA_CHECK(self != NULL && name != NULL, NULL);
    return sda_view_create(SDA_FROM(controller, self), name);
}

const struct v3_edit_controller sda_controller_vtable = {
    .base = {
        .unknown = { controller_query, controller_add_ref, controller_release },
        .initialize = controller_initialize,
        .terminate = controller_terminate,
    },
    .set_component_state = controller_set_component_state,
    .set_state = controller_set_state,
    .get_state = controller_get_state,
    .get_parameter_count = controller_get_parameter_count,
    .get_parameter_info = controller_get_parameter_info,
    .get_param_string_by_value = controller_get_param_string_by_value,
    .get_param_value_by_string = controller_get_param_value_by_string,
    .normalized_param_to_plain = controller_normalized_to_plain,
    .plain_param_to_normalized = controller_plain_to_normalized,
    .get_param_normalized = controller_get_param_normalized,
    .set_param_normalized = controller_set_param_normalized,
    .set_component_handler = controller_set_component_handler,
    .create_view = controller_create_view,
};

/* ---- IMidiMapping: pitch bend and mod wheel arrive as parameters ----------------------- */

SDA_UNKNOWN_METHODS(midi_mapping, midi_mapping)

static v3_result midi_mapping_assignment(void *self, int32_t bus, int16_t channel, int16_t controller, v3_param_id *id)
{
    (void)channel;                        /* every channel drives the same instrument */
    SDA_CHECK(self != NULL && id != NULL, V3_INVALID_ARG);
    if (bus != 0) {
        return V3_FALSE;
    }
    if (controller == V3_CTRL_PITCH_BEND) {
        *id = SDA_PARAM_ID_PITCH_BEND;
        return V3_OK;
    }
    if (controller == V3_CTRL_MOD_WHEEL) {
        *id = SDA_PARAM_ID_MOD_WHEEL;
        return V3_OK;
    }
    return V3_FALSE;
}

const struct v3_midi_mapping sda_midi_mapping_vtable = {
    .unknown = { midi_mapping_query, midi_mapping_add_ref, midi_mapping_release },
    .get_midi_controller_assignment = midi_mapping_assignment,
};

/* ---- IUnitInfo: one root unit holding every parameter, no program lists ------------------- */

SDA_UNKNOWN_METHODS(unit_info, unit_info)

static int32_t unit_get_count(void *self) { return self != NULL ? 1 : 0; }

static v3_result unit_get_info(void *self, int32_t index, struct v3_unit_info *info)
{
    SDA_CHECK(self != NULL && info != NULL && index == 0, V3_INVALID_ARG);
    memset(info, 0, sizeof *info);
    info->id = V3_ROOT_UNIT_ID;
    info->parent_unit_id = V3_NO_PARENT_UNIT_ID;
    sda_utf8_to_utf16("Root", info->name, 128);
    info->program_list_id = V3_NO_PROGRAM_LIST_ID;
    return V3_OK;
}

static int32_t unit_get_program_list_count(void *self) { (void)self; return 0; }

static v3_result unit_get_program_list_info(void *self, int32_t index, struct v3_program_list_info *info)
{
    (void)self; (void)index; (void)info;
    return V3_INVALID_ARG;
}

static v3_result unit_get_program_name(void *self, int32_t list, int32_t program, v3_str128 name)
{
    (void)self; (void)list; (void)program; (void)name;
    return V3_INVALID_ARG;
}

static v3_result unit_get_program_info(void *self, int32_t list, int32_t program, const char *attr, v3_str128 value)
{
    (void)self; (void)list; (void)program; (void)attr; (void)value;
    return V3_INVALID_ARG;
}

static v3_result unit_has_pitch_names(void *self, int32_t list, int32_t program)
{
    (void)self; (void)list; (void)program;
    return V3_FALSE;
}

static v3_result unit_get_pitch_name(void *self, int32_t list, int32_t program, int16_t pitch, v3_str128 name)
{
    (void)self; (void)list; (void)program; (void)pitch; (void)name;
    return V3_FALSE;
}

static int32_t unit_get_selected(void *self) { (void)self; return V3_ROOT_UNIT_ID; }

static v3_result unit_select(void *self, int32_t unit)
{
    SDA_CHECK(self != NULL, V3_INVALID_ARG);
    return unit == V3_ROOT_UNIT_ID ? V3_OK : V3_INVALID_ARG;
}

static v3_result unit_by_bus(void *self, int32_t type, int32_t dir, int32_t bus, int32_t channel, int32_t *unit)
{
    (void)type; (void)dir; (void)channel;
    SDA_CHECK(self != NULL && unit != NULL && bus == 0, V3_INVALID_ARG);
    *unit = V3_ROOT_UNIT_ID;
    return V3_OK;
}

static v3_result unit_set_program_data(void *self, int32_t list, int32_t program, struct v3_bstream **data)
{
    (void)self; (void)list; (void)program; (void)data;
    return V3_NOT_IMPLEMENTED;
}

const struct v3_unit_info_iface sda_unit_info_vtable = {
    .unknown = { unit_info_query, unit_info_add_ref, unit_info_release },
    .get_unit_count = unit_get_count,
    .get_unit_info = unit_get_info,
    .get_program_list_count = unit_get_program_list_count,
    .get_program_list_info = unit_get_program_list_info,
    .get_program_name = unit_get_program_name,
    .get_program_info = unit_get_program_info,
    .has_program_pitch_names = unit_has_pitch_names,
    .get_program_pitch_name = unit_get_pitch_name,
    .get_selected_unit = unit_get_selected,
    .select_unit = unit_select,
    .get_unit_by_bus = unit_by_bus,
    .set_unit_program_data = unit_set_program_data,
};
