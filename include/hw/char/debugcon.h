/* SPDX-License-Identifier: MIT */
/*
 * The Bochs/QEMU debug console ("isa-debugcon"): one I/O port, 0xe9 by
 * default, whose writes go straight to a Chardev and whose reads return a
 * fixed "readback" byte so a guest can detect it.
 */
#ifndef HW_CHAR_DEBUGCON_H
#define HW_CHAR_DEBUGCON_H

#include "chardev/chardev.h"
#include "hw/core/device.h"

#include <glib.h>
#include <stdint.h>

#define DEBUGCON_DEFAULT_IOBASE 0xe9

/* Create and realize a debug console at @iobase; @chr may be NULL. */
DeviceState *isa_debugcon_create(Machine *m, uint32_t iobase, Chardev *chr,
                                 GError **errp);

#endif
