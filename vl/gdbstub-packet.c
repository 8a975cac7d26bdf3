/* SPDX-License-Identifier: MIT */
/*
 * GDB remote serial protocol framing: a packet is "$body#cc" where cc is
 * the sum of the body's bytes modulo 256 in two hex digits; '+' and '-'
 * acknowledge; 0x03 outside a packet is an interrupt request. Inside a
 * body, '}' escapes the next byte (XOR 0x20). A pure state machine over
 * bytes, tested in tests/unit/test-gdbstub.c.
 */
#include "vl/gdbstub.h"

#include <string.h>

enum { RX_IDLE, RX_BODY, RX_SUM1, RX_SUM2 };

void gdb_rx_init(GdbRx *rx)
{
    memset(rx, 0, sizeof(*rx));
    rx->buf = g_byte_array_new();
}

void gdb_rx_destroy(GdbRx *rx)
{
    g_byte_array_free(rx->buf, true);
    rx->buf = NULL;
}

int gdb_hexval(int c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

GdbRxEvent gdb_rx_feed(GdbRx *rx, uint8_t c)
{
    static const uint8_t nul;
    int v;

    switch (rx->state) {
    case RX_IDLE:
        if (c == '$') {
            g_byte_array_set_size(rx->buf, 0);
            rx->sum = 0;
            rx->overflow = false;
            rx->state = RX_BODY;
        } else if (c == '+') {
            return GDB_RX_ACK;
        } else if (c == '-') {
            return GDB_RX_NAK;
        } else if (c == 0x03) {
            return GDB_RX_INTERRUPT;
        }
        return GDB_RX_NONE;
    case RX_BODY:
        if (c == '#') {
            rx->state = RX_SUM1;
        } else if (c == '$') {
            /* A new packet starts: drop the broken one. */
            g_byte_array_set_size(rx->buf, 0);
            rx->sum = 0;
            rx->overflow = false;
        } else {
            rx->sum += c;
            if (rx->buf->len >= GDB_MAX_PACKET) {
                rx->overflow = true;
            } else {
                g_byte_array_append(rx->buf, &c, 1);
            }
        }
        return GDB_RX_NONE;
    case RX_SUM1:
        v = gdb_hexval(c);
        rx->want = v < 0 ? 0 : v << 4;
        rx->overflow |= v < 0;
        rx->state = RX_SUM2;
        return GDB_RX_NONE;
    default:
        v = gdb_hexval(c);
        rx->state = RX_IDLE;
        if (v < 0 || rx->overflow || (uint8_t)(rx->want | v) != rx->sum) {
            return GDB_RX_BAD;
        }
        g_byte_array_append(rx->buf, &nul, 1);
        return GDB_RX_PACKET;
    }
}

GString *gdb_frame(const uint8_t *body, size_t len)
{
    GString *s = g_string_sized_new(len + 8);
    uint8_t sum = 0;

    g_string_append_c(s, '$');
    for (size_t i = 0; i < len; i++) {
        uint8_t c = body[i];

        if (c == '$' || c == '#' || c == '}' || c == '*') {
            g_string_append_c(s, '}');
            sum += '}';
            c ^= 0x20;
        }
        g_string_append_c(s, c);
        sum += c;
    }
    g_string_append_printf(s, "#%02x", sum);
    return s;
}

size_t gdb_unescape(uint8_t *buf, size_t len)
{
    size_t o = 0;

    for (size_t i = 0; i < len; i++) {
        if (buf[i] == '}' && i + 1 < len) {
            buf[o++] = buf[++i] ^ 0x20;
        } else {
            buf[o++] = buf[i];
        }
    }
    return o;
}

bool gdb_parse_hex(const char *s, uint64_t *val, const char **end)
{
    uint64_t v = 0;
    int n = 0, d;

    while ((d = gdb_hexval(s[n])) >= 0) {
        if (n == 16) {
            return false;
        }
        v = v << 4 | d;
        n++;
    }
    *val = v;
    if (end) {
        *end = s + n;
    }
    return n > 0;
}

bool gdb_hex_to_bytes(const char *hex, size_t nhex, uint8_t *out)
{
    if (nhex & 1) {
        return false;
    }
    for (size_t i = 0; i < nhex; i += 2) {
        int hi = gdb_hexval(hex[i]), lo = gdb_hexval(hex[i + 1]);

        if (hi < 0 || lo < 0) {
            return false;
        }
        out[i / 2] = hi << 4 | lo;
    }
    return true;
}

void gdb_bytes_to_hex(GString *s, const uint8_t *buf, size_t len)
{
    static const char digits[] = "0123456789abcdef";

    for (size_t i = 0; i < len; i++) {
        g_string_append_c(s, digits[buf[i] >> 4]);
        g_string_append_c(s, digits[buf[i] & 15]);
    }
}
