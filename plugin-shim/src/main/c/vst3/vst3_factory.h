/*
 * VST3 ABI, factory group: IPluginFactory, IPluginFactory2, IPluginFactory3 and their class infos.
 */
#ifndef SDA_VST3_FACTORY_H
#define SDA_VST3_FACTORY_H

#include "vst3_base.h"

enum {
    V3_FACTORY_UNICODE = 1 << 4          /* PFactoryInfo::kUnicode: strings of IPluginFactory3 are UTF-16 */
};
enum { V3_MANY_INSTANCES = 0x7FFFFFFF }; /* PClassInfo::kManyInstances */
enum { V3_CLASS_DISTRIBUTABLE = 1 << 0, V3_CLASS_SIMPLE_MODE = 1 << 1 };

struct v3_factory_info {                 /* PFactoryInfo */
    char vendor[64];
    char url[256];
    char email[128];
    int32_t flags;
};

struct v3_class_info {                   /* PClassInfo */
    v3_tuid cid;
    int32_t cardinality;                 /* V3_MANY_INSTANCES */
    char category[32];                   /* "Audio Module Class" for a processor component */
    char name[64];
};

struct v3_class_info2 {                  /* PClassInfo2 */
    v3_tuid cid;
    int32_t cardinality;
    char category[32];
    char name[64];
    uint32_t class_flags;
    char sub_categories[128];            /* "Instrument|Synth" */
    char vendor[64];
    char version[64];
    char sdk_version[64];                /* "VST 3.x.y" */
};

struct v3_class_info_w {                 /* PClassInfoW */
    v3_tuid cid;
    int32_t cardinality;
    char category[32];
    v3_char16 name[64];
    uint32_t class_flags;
    char sub_categories[128];
    v3_char16 vendor[64];
    v3_char16 version[64];
    v3_char16 sdk_version[64];
};

struct v3_plugin_factory {
    struct v3_funknown unknown;
    v3_result (*get_factory_info)(void *self, struct v3_factory_info *info);
    int32_t (*count_classes)(void *self);
    v3_result (*get_class_info)(void *self, int32_t index, struct v3_class_info *info);
    v3_result (*create_instance)(void *self, const char *cid, const char *iid, void **obj);
};
static const v3_tuid v3_plugin_factory_iid = V3_ID(0x7A4D811C, 0x52114A1F, 0xAED9D2EE, 0x0B43BF9F);

struct v3_plugin_factory2 {
    struct v3_plugin_factory factory;
    v3_result (*get_class_info2)(void *self, int32_t index, struct v3_class_info2 *info);
};
static const v3_tuid v3_plugin_factory2_iid = V3_ID(0x0007B650, 0xF24B4C0B, 0xA464EDB9, 0xF00B2ABB);

struct v3_plugin_factory3 {
    struct v3_plugin_factory2 factory2;
    v3_result (*get_class_info_unicode)(void *self, int32_t index, struct v3_class_info_w *info);
    v3_result (*set_host_context)(void *self, struct v3_funknown **context);
};
static const v3_tuid v3_plugin_factory3_iid = V3_ID(0x4555A2AB, 0xC1234E57, 0x9B122910, 0x36878931);

static_assert(sizeof(struct v3_factory_info) == 452, "PFactoryInfo");
static_assert(sizeof(struct v3_class_info) == 116, "PClassInfo");
static_assert(sizeof(struct v3_class_info2) == 440, "PClassInfo2");
static_assert(offsetof(struct v3_class_info2, sub_categories) == 120, "PClassInfo2::subCategories");
static_assert(offsetof(struct v3_class_info_w, class_flags) == 180, "PClassInfoW::classFlags");
static_assert(sizeof(struct v3_class_info_w) == 696, "PClassInfoW");
static_assert(sizeof(struct v3_plugin_factory) == 7 * sizeof(void *), "IPluginFactory slots");
static_assert(sizeof(struct v3_plugin_factory3) == 10 * sizeof(void *), "IPluginFactory3 slots");

#endif
