/*
 * The module's entry points and its plugin factory (IPluginFactory, 2 and 3), answered from
 * static tables: listing classes never starts a JVM.
 *
 * One class: the component, which is also its own edit controller. Its class info has no
 * separate controller class; getControllerClassId answers "not implemented", which is how hosts
 * (Ardour, Reaper, Bitwig, the SDK's validator) recognise a single-component plugin and query
 * IEditController from the component itself.
 */
#include <stdlib.h>

#include "../vst3/vst3_factory.h"
#include "plugin.h"

#define SDA_EXPORT __attribute__((visibility("default")))

#ifndef SDA_VERSION
#define SDA_VERSION "0.0.0"
#endif

#define SDA_NAME "Small DataSet Audio"
#define SDA_VENDOR "Small DataSet Audio"
#define SDA_URL "https://github.com/small-dataset-audio"
#define SDA_CATEGORY "Audio Module Class"
#define SDA_SUBCATEGORIES "Instrument|Synth"
#define SDA_SDK_VERSION "VST 3.7.0"

/* The component's class ID; stored in DAW projects, never change it. */
const v3_tuid sda_component_cid = V3_ID(0x5DA0C1A5, 0x7B3E4D21, 0x9A6F0E52, 0x53444131);

/* ---- Safe helpers ------------------------------------------------------------------------ */

static v3_result fill_class_info(int32_t index, struct v3_class_info *info)
{
    SDA_CHECK(info != NULL, V3_INVALID_ARG);
    SDA_CHECK(index == 0, V3_INVALID_ARG);
    memset(info, 0, sizeof *info);
    memcpy(info->cid, sda_component_cid, sizeof(v3_tuid));
    info->cardinality = V3_MANY_INSTANCES;
    sda_copy_ascii(info->category, sizeof info->category, SDA_CATEGORY);
    sda_copy_ascii(info->name, sizeof info->name, SDA_NAME);
    return V3_OK;
}

/* ---- IPluginFactory3 --------------------------------------------------------------------- */

static v3_result factory_query(void *self, const v3_tuid iid, void **obj)
{
    if (obj == NULL) {
        return V3_INVALID_ARG;
    }
    *obj = NULL;
    SDA_CHECK(self != NULL && iid != NULL, V3_INVALID_ARG);
    if (v3_tuid_eq(iid, v3_funknown_iid) || v3_tuid_eq(iid, v3_plugin_factory_iid)
        || v3_tuid_eq(iid, v3_plugin_factory2_iid) || v3_tuid_eq(iid, v3_plugin_factory3_iid)) {
        *obj = self;
        return V3_OK;
    }
    return V3_NO_INTERFACE;
}

/* The factory is static: counting references to it would only invite double frees. */
static uint32_t factory_add_ref(void *self) { (void)self; return 1; }
static uint32_t factory_release(void *self) { (void)self; return 1; }

static v3_result factory_get_factory_info(void *self, struct v3_factory_info *info)
{
    SDA_CHECK(self != NULL && info != NULL, V3_INVALID_ARG);
    memset(info, 0, sizeof *info);
    sda_copy_ascii(info->vendor, sizeof info->vendor, SDA_VENDOR);
    sda_copy_ascii(info->url, sizeof info->url, SDA_URL);
    info->flags = V3_FACTORY_UNICODE;
    return V3_OK;
}

static int32_t factory_count_classes(void *self)
{
    return self != NULL ? 1 : 0;
}

static v3_result factory_get_class_info(void *self, int32_t index, struct v3_class_info *info)
{
    SDA_CHECK(self != NULL, V3_INVALID_ARG);
    return fill_class_info(index, info);
}

static v3_result factory_get_class_info2(void *self, int32_t index, struct v3_class_info2 *info)
{
    SDA_CHECK(self != NULL && info != NULL && index == 0, V3_INVALID_ARG);
    memset(info, 0, sizeof *info);
    memcpy(info->cid, sda_component_cid, sizeof(v3_tuid));
    info->cardinality = V3_MANY_INSTANCES;
    sda_copy_ascii(info->category, sizeof info->category, SDA_CATEGORY);
    sda_copy_ascii(info->name, sizeof info->name, SDA_NAME);
    info->class_flags = 0;                /* not distributable: processor and controller are one object */
    sda_copy_ascii(info->sub_categories, sizeof info->sub_categories, SDA_SUBCATEGORIES);
    sda_copy_ascii(info->vendor, sizeof info->vendor, SDA_VENDOR);
    sda_copy_ascii(info->version, sizeof info->version, SDA_VERSION);
    sda_copy_ascii(info->sdk_version, sizeof info->sdk_version, SDA_SDK_VERSION);
    return V3_OK;
}

static v3_result factory_get_class_info_unicode(void *self, int32_t index, struct v3_class_info_w *info)
{
    SDA_CHECK(self != NULL && info != NULL && index == 0, V3_INVALID_ARG);
    memset(info, 0, sizeof *info);
    memcpy(info->cid, sda_component_cid, sizeof(v3_tuid));
    info->cardinality = V3_MANY_INSTANCES;
    sda_copy_ascii(info->category, sizeof info->category, SDA_CATEGORY);
    sda_utf8_to_utf16(SDA_NAME, info->name, 64);
    info->class_flags = 0;
    sda_copy_ascii(info->sub_categories, sizeof info->sub_categories, SDA_SUBCATEGORIES);
    sda_utf8_to_utf16(SDA_VENDOR, info->vendor, 64);
    sda_utf8_to_utf16(SDA_VERSION, info->version, 64);
    sda_utf8_to_utf16(SDA_SDK_VERSION, info->sdk_version, 64);
    return V3_OK;
}

static v3_result factory_set_host_context(void *self, struct v3_funknown **context)
{
    (void)context;
    SDA_CHECK(self != NULL, V3_INVALID_ARG);
    return V3_OK;
}

static v3_result factory_create_instance(void *self, const char *cid, const char *iid, void **obj)
{
    if (obj == NULL) {
        return V3_INVALID_ARG;
    }
    *obj = NULL;
    SDA_CHECK(self != NULL && cid != NULL && iid != NULL, V3_INVALID_ARG);
    if (!v3_tuid_eq(cid, sda_component_cid)) {
        return V3_NO_INTERFACE;
    }
    struct sda_plugin *p = sda_plugin_create();
    if (p == NULL) {
        return V3_OUT_OF_MEMORY;
    }
    v3_result r = sda_plugin_query(p, (const uint8_t *)iid, obj);
    sda_plugin_release(p);                /* the query holds the only reference now, or none */
    return r;
}

static const struct v3_plugin_factory3 factory_vtable = {
    .factory2 = {
        .factory = {
            .unknown = { factory_query, factory_add_ref, factory_release },
            .get_factory_info = factory_get_factory_info,
            .count_classes = factory_count_classes,
            .get_class_info = factory_get_class_info,
            .create_instance = factory_create_instance,
        },
        .get_class_info2 = factory_get_class_info2,
    },
    .get_class_info_unicode = factory_get_class_info_unicode,
    .set_host_context = factory_set_host_context,
};

static struct {
    const struct v3_plugin_factory3 *vtable;
} factory = { &factory_vtable };

/* ---- Exports (the only three symbols of the library) -------------------------------------- */

SDA_EXPORT void *GetPluginFactory(void)
{
    return &factory;
}

SDA_EXPORT _Bool ModuleEntry(void *library_handle)
{
    (void)library_handle;
    return 1;
}

SDA_EXPORT _Bool ModuleExit(void)
{
    /* The JVM, if started, stays: a JVM cannot be restarted in one process. */
    return 1;
}
