/* SPDX-License-Identifier: MIT */
/*
 * The gdbstub: GDB's remote serial protocol on a chardev (-gdb, -s). It is
 * target-neutral; the register layout and target description come from a
 * GdbArchOps row (vl/main.c fills it from target-i386/gdb.c), guest
 * debugging from the accelerator's set_guest_debug / translate_debug.
 * Everything runs on the main thread with the big lock held, except
 * gdbstub_debug_event_locked(), which a vCPU thread calls.
 *
 * Also here, in gdbstub-packet.c: the packet framing (pure, unit-tested).
 */
#ifndef VL_GDBSTUB_H
#define VL_GDBSTUB_H

#include "accel/accel.h"

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct VM VM;

typedef struct GdbArchOps {
    /* Layout names for "monitor gdbarch", NULL-terminated. */
    const char *const *arch_names;
    /* The layout fitting the vCPU's mode now. */
    int (*arch_for)(const CPUArchState *env);
    const char *(*target_xml)(int arch);
    unsigned (*num_regs)(int arch);
    int (*read_reg)(CPUArchState *env, int arch, unsigned n, uint8_t *buf);
    int (*write_reg)(CPUArchState *env, int arch, unsigned n,
                     const uint8_t *buf, size_t len);
    /* Linear address of the next instruction. */
    uint64_t (*pc)(const CPUArchState *env);
    /* "info registers" text (g_free it). */
    char *(*dump_state)(const CPUArchState *env);
} GdbArchOps;

/* Listen on @dev ("tcp:[HOST]:PORT", "unix:PATH", "stdio"). */
bool gdbstub_init(VM *vm, const char *dev, const GdbArchOps *arch,
                  GError **errp);
/* A vCPU stopped for the debugger (ACCEL_EVENT_DEBUG; cpu->debug_stop
 * says why). Called from the vCPU thread with the big lock held. */
void gdbstub_debug_event_locked(CPUState *cpu);
/* The machine is going away with @status: tell gdb (a W reply). */
void gdbstub_report_exit(int status);
/* "monitor gdbarch": NULL or "auto" follows the vCPU's mode. Returns the
 * layout now in force (or NULL if @name is unknown). */
const char *gdbstub_set_arch(const char *name);
/* The layout in force and whether it was forced, for "monitor gdbarch". */
const char *gdbstub_arch_name(bool *forced);

/* ---- gdbstub-packet.c: framing ------------------------------------ */

#define GDB_PACKET_SIZE     4096    /* what qSupported offers */
#define GDB_MAX_PACKET      (64 * 1024)

typedef enum GdbRxEvent {
    GDB_RX_NONE,
    GDB_RX_PACKET,      /* a whole packet, checksum good */
    GDB_RX_BAD,         /* checksum wrong or too long: answer '-' */
    GDB_RX_ACK,         /* '+' */
    GDB_RX_NAK,         /* '-': send the last packet again */
    GDB_RX_INTERRUPT,   /* 0x03 outside a packet */
} GdbRxEvent;

typedef struct GdbRx {
    int state;
    GByteArray *buf;    /* the packet body so far, escapes kept */
    uint8_t sum;
    uint8_t want;
    bool overflow;
} GdbRx;

void gdb_rx_init(GdbRx *rx);
void gdb_rx_destroy(GdbRx *rx);
/* Feed one byte; on GDB_RX_PACKET the body is rx->buf (NUL-terminated,
 * length rx->buf->len - 1). */
GdbRxEvent gdb_rx_feed(GdbRx *rx, uint8_t byte);
/* "$body#xx", escaping '$', '#', '}' and '*' in @body. */
GString *gdb_frame(const uint8_t *body, size_t len);
/* Undo the binary escapes of an X packet in place; returns the length. */
size_t gdb_unescape(uint8_t *buf, size_t len);
int gdb_hexval(int c);
/* Parse @len hex digits (or up to a non-digit when @len is 0) of at most
 * 64 bits; false if none or too many. *@end past the last one. */
bool gdb_parse_hex(const char *s, uint64_t *val, const char **end);
/* Hex to bytes: false on an odd length or a bad digit. */
bool gdb_hex_to_bytes(const char *hex, size_t nhex, uint8_t *out);
void gdb_bytes_to_hex(GString *s, const uint8_t *buf, size_t len);

#endif
