/*
 * UTF-8 <-> UTF-16 for VST3's String128 and PClassInfoW, and bounded ASCII copies.
 * No allocation; output is always terminated.
 */
#include "plugin.h"

void sda_copy_ascii(char *dst, size_t dst_size, const char *src)
{
    if (dst == NULL || dst_size == 0) {
        return;
    }
    size_t i = 0;
    for (; src != NULL && src[i] != '\0' && i + 1 < dst_size; i++) {
        dst[i] = src[i];
    }
    memset(dst + i, 0, dst_size - i);
}

void sda_utf8_to_utf16(const char *src, v3_char16 *dst, size_t dst_units)
{
    if (dst == NULL || dst_units == 0) {
        return;
    }
    size_t o = 0;
    const unsigned char *s = (const unsigned char *)(src != NULL ? src : "");
    while (*s != '\0' && o + 1 < dst_units) {
        uint32_t cp;
        int extra;
        if (*s < 0x80) { cp = *s; extra = 0; }
        else if ((*s & 0xE0) == 0xC0) { cp = *s & 0x1F; extra = 1; }
        else if ((*s & 0xF0) == 0xE0) { cp = *s & 0x0F; extra = 2; }
        else if ((*s & 0xF8) == 0xF0) { cp = *s & 0x07; extra = 3; }
        else { cp = '?'; extra = 0; }
        s++;
        for (int i = 0; i < extra; i++) {
            if ((*s & 0xC0) != 0x80) { cp = '?'; break; }
            cp = (cp << 6) | (*s++ & 0x3F);
        }
        if (cp >= 0x10000) {
            if (o + 2 >= dst_units) {
                break;
            }
            cp -= 0x10000;
            dst[o++] = (v3_char16)(0xD800 + (cp >> 10));
            dst[o++] = (v3_char16)(0xDC00 + (cp & 0x3FF));
        } else {
            dst[o++] = (v3_char16)cp;
        }
    }
    while (o < dst_units) {
        dst[o++] = 0;
    }
}

void sda_utf16_to_utf8(const v3_char16 *src, size_t src_units, char *dst, size_t dst_bytes)
{
    if (dst == NULL || dst_bytes == 0) {
        return;
    }
    size_t o = 0;
    for (size_t i = 0; src != NULL && i < src_units && src[i] != 0; i++) {
        uint32_t cp = (uint16_t)src[i];
        if (cp >= 0xD800 && cp < 0xDC00 && i + 1 < src_units && ((uint16_t)src[i + 1] & 0xFC00) == 0xDC00) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + ((uint16_t)src[++i] - 0xDC00);
        }
        char buf[4];
        int n;
        if (cp < 0x80) { buf[0] = (char)cp; n = 1; }
        else if (cp < 0x800) { buf[0] = (char)(0xC0 | (cp >> 6)); buf[1] = (char)(0x80 | (cp & 0x3F)); n = 2; }
        else if (cp < 0x10000) {
            buf[0] = (char)(0xE0 | (cp >> 12)); buf[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
            buf[2] = (char)(0x80 | (cp & 0x3F)); n = 3;
        } else {
            buf[0] = (char)(0xF0 | (cp >> 18)); buf[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
            buf[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); buf[3] = (char)(0x80 | (cp & 0x3F)); n = 4;
        }
        if (o + (size_t)n >= dst_bytes) {
            break;
        }
        memcpy(dst + o, buf, (size_t)n);
        o += (size_t)n;
    }
    dst[o] = '\0';
}
