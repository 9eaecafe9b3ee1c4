/*
 * IBStream reading and writing, and the state blob's header. Main thread.
 */
#include <stdlib.h>
#include <string.h>

#include "state.h"

static void put_u32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); p[2] = (uint8_t)(v >> 16); p[3] = (uint8_t)(v >> 24);
}

static uint32_t get_u32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

int sda_stream_read_all(struct v3_bstream **stream, uint8_t **out, size_t *len)
{
    if (stream == NULL || *stream == NULL || (*stream)->read == NULL || out == NULL || len == NULL) {
        return -1;
    }
    size_t cap = 4096, n = 0;
    uint8_t *buf = malloc(cap);
    if (buf == NULL) {
        return -1;
    }
    for (;;) {
        if (n == cap) {
            if (cap >= SDA_STATE_MAX) {
                break;                    /* more than any state of ours: keep what we have, the header check decides */
            }
            uint8_t *bigger = realloc(buf, cap * 2);
            if (bigger == NULL) {
                free(buf);
                return -1;
            }
            buf = bigger;
            cap *= 2;
        }
        int32_t want = (int32_t)(cap - n > 65536 ? 65536 : cap - n);
        int32_t got = 0;
        v3_result r = (*stream)->read(stream, buf + n, want, &got);
        if (got < 0 || got > want) {
            got = 0;                      /* a stream that lies about its count: stop here */
        }
        n += (size_t)got;
        if (r != V3_OK || got == 0) {
            break;
        }
    }
    *out = buf;
    *len = n;
    return 0;
}

int sda_stream_write_all(struct v3_bstream **stream, const void *data, size_t len)
{
    if (stream == NULL || *stream == NULL || (*stream)->write == NULL || (data == NULL && len > 0)) {
        return -1;
    }
    const uint8_t *p = data;
    while (len > 0) {
        int32_t want = (int32_t)(len > 65536 ? 65536 : len);
        int32_t written = 0;
        v3_result r = (*stream)->write(stream, (void *)p, want, &written);
        if (r != V3_OK || written <= 0 || written > want) {
            return -1;
        }
        p += written;
        len -= (size_t)written;
    }
    return 0;
}

int sda_state_unwrap(const uint8_t *blob, size_t len, const uint8_t **json, size_t *json_len, const char **why)
{
    if (blob == NULL || len < SDA_STATE_HEADER || memcmp(blob, SDA_STATE_MAGIC, 4) != 0) {
        *why = "not a Small DataSet Audio state (another plugin's, or empty)";
        return -1;
    }
    if (get_u32(blob + 4) != SDA_STATE_VERSION) {
        *why = "state written by a newer version of the plugin";
        return -1;
    }
    uint32_t payload = get_u32(blob + 8);
    if ((size_t)payload != len - SDA_STATE_HEADER) {
        *why = payload > len - SDA_STATE_HEADER ? "state is truncated" : "state has trailing bytes";
        return -1;
    }
    *json = blob + SDA_STATE_HEADER;
    *json_len = payload;
    return 0;
}

int sda_state_wrap(const uint8_t *json, size_t json_len, uint8_t **blob, size_t *len)
{
    if (json_len > SDA_STATE_MAX || (json == NULL && json_len > 0)) {
        return -1;
    }
    *blob = malloc(SDA_STATE_HEADER + json_len);
    if (*blob == NULL) {
        return -1;
    }
    memcpy(*blob, SDA_STATE_MAGIC, 4);
    put_u32(*blob + 4, SDA_STATE_VERSION);
    put_u32(*blob + 8, (uint32_t)json_len);
    if (json_len > 0) {
        memcpy(*blob + SDA_STATE_HEADER, json, json_len);
    }
    *len = SDA_STATE_HEADER + json_len;
    return 0;
}
