/*
 * The component state as stored by the host: "SDAS", a format version, the payload length (all
 * little-endian 32-bit) and the instrument's UTF-8 JSON. The header lets the shim turn away a
 * truncated blob or another plugin's before it reaches Java.
 */
#ifndef SDA_STATE_H
#define SDA_STATE_H

#include <stddef.h>
#include <stdint.h>

#include "../vst3/vst3_base.h"

#define SDA_STATE_MAGIC "SDAS"
#define SDA_STATE_VERSION 1u
#define SDA_STATE_HEADER 12
#define SDA_STATE_MAX (64u << 20)         /* larger blobs are not ours */

/* Reads the whole stream (in chunks) into a malloc'ed buffer; 0 on success. */
int sda_stream_read_all(struct v3_bstream **stream, uint8_t **out, size_t *len);
/* Writes all of `data`; 0 on success. */
int sda_stream_write_all(struct v3_bstream **stream, const void *data, size_t len);
/* Checks a blob: 0 and the JSON payload, or -1 with the reason. */
int sda_state_unwrap(const uint8_t *blob, size_t len, const uint8_t **json, size_t *json_len, const char **why);
/* Header + JSON into a malloc'ed blob; 0 on success. */
int sda_state_wrap(const uint8_t *json, size_t json_len, uint8_t **blob, size_t *len);

#endif
