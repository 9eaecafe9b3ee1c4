/*
 * VST3 ABI, base group: scalar types, result codes, interface IDs, FUnknown, IPluginBase, IBStream.
 *
 * Our own C transcription of the published binary interface (no SDK code). Every interface is a
 * struct of function pointers whose first argument is `self`, the address of the object's pointer
 * to that vtable. Linux x86_64: default calling convention, natural alignment, and interface IDs
 * in the non-COM byte order (each of the four 32-bit words stored big-endian).
 */
#ifndef SDA_VST3_BASE_H
#define SDA_VST3_BASE_H

#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef int32_t v3_result;
typedef uint8_t v3_bool;
typedef uint32_t v3_param_id;
typedef int16_t v3_char16;              /* UTF-16 code unit (TChar) */
typedef v3_char16 v3_str128[128];       /* String128 */
typedef uint8_t v3_tuid[16];            /* TUID */

/* Result codes, non-COM platforms. */
enum {
    V3_NO_INTERFACE = -1,
    V3_OK = 0,
    V3_TRUE = 0,
    V3_FALSE = 1,
    V3_INVALID_ARG = 2,
    V3_NOT_IMPLEMENTED = 3,
    V3_INTERNAL_ERROR = 4,
    V3_NOT_INITIALIZED = 5,
    V3_OUT_OF_MEMORY = 6
};

/* Interface ID from the four 32-bit words as published; big-endian words off Windows. */
#define V3_ID(a, b, c, d) {                                                          \
    (uint8_t)((a) >> 24), (uint8_t)((a) >> 16), (uint8_t)((a) >> 8), (uint8_t)(a),   \
    (uint8_t)((b) >> 24), (uint8_t)((b) >> 16), (uint8_t)((b) >> 8), (uint8_t)(b),   \
    (uint8_t)((c) >> 24), (uint8_t)((c) >> 16), (uint8_t)((c) >> 8), (uint8_t)(c),   \
    (uint8_t)((d) >> 24), (uint8_t)((d) >> 16), (uint8_t)((d) >> 8), (uint8_t)(d) }

static inline int v3_tuid_eq(const void *a, const void *b)
{
    return a != NULL && b != NULL && memcmp(a, b, sizeof(v3_tuid)) == 0;
}

/* ---- FUnknown --------------------------------------------------------------------------- */

struct v3_funknown {
    v3_result (*query_interface)(void *self, const v3_tuid iid, void **obj);
    uint32_t (*add_ref)(void *self);
    uint32_t (*release)(void *self);
};
static const v3_tuid v3_funknown_iid = V3_ID(0x00000000, 0x00000000, 0xC0000000, 0x00000046);

/* ---- IPluginBase : FUnknown ----------------------------------------------------------- */

struct v3_plugin_base {
    struct v3_funknown unknown;
    v3_result (*initialize)(void *self, struct v3_funknown **context);
    v3_result (*terminate)(void *self);
};
static const v3_tuid v3_plugin_base_iid = V3_ID(0x22888DDB, 0x156E45AE, 0x8358B348, 0x08190625);

/* ---- IBStream : FUnknown -------------------------------------------------------------- */

enum { V3_SEEK_SET = 0, V3_SEEK_CUR = 1, V3_SEEK_END = 2 };

struct v3_bstream {
    struct v3_funknown unknown;
    v3_result (*read)(void *self, void *buffer, int32_t num_bytes, int32_t *num_read);
    v3_result (*write)(void *self, void *buffer, int32_t num_bytes, int32_t *num_written);
    v3_result (*seek)(void *self, int64_t pos, int32_t mode, int64_t *result);
    v3_result (*tell)(void *self, int64_t *pos);
};
static const v3_tuid v3_bstream_iid = V3_ID(0xC3BF6EA2, 0x30994752, 0x9B6BF990, 0x1EE33E9B);

/* Vtable order is the ABI: fixed slots, pointer-sized. */
static_assert(sizeof(struct v3_funknown) == 3 * sizeof(void *), "FUnknown has 3 slots");
static_assert(sizeof(struct v3_plugin_base) == 5 * sizeof(void *), "IPluginBase has 5 slots");
static_assert(offsetof(struct v3_bstream, read) == 3 * sizeof(void *), "IBStream::read is slot 3");
static_assert(sizeof(struct v3_bstream) == 7 * sizeof(void *), "IBStream has 7 slots");
static_assert(sizeof(v3_str128) == 256, "String128 is 128 UTF-16 units");

#endif
