/* SPDX-License-Identifier: MIT */
/*
 * The PC's 16550A UART ("isa-serial"): eight I/O ports, one GSI, and a
 * Chardev as its far end. The machine creates COM1..COM4 with
 * isa_serial_create(); the register model lives in hw/char/serial.c.
 */
#ifndef HW_CHAR_SERIAL_H
#define HW_CHAR_SERIAL_H

#include "chardev/chardev.h"
#include "hw/core/device.h"

#include <glib.h>
#include <stdint.h>

/* The conventional ISA resources of COM1..COM4. */
#define SERIAL_COM1_IOBASE 0x3f8
#define SERIAL_COM2_IOBASE 0x2f8
#define SERIAL_COM3_IOBASE 0x3e8
#define SERIAL_COM4_IOBASE 0x2e8
#define SERIAL_COM1_IRQ 4
#define SERIAL_COM2_IRQ 3

/*
 * Create and realize a UART at @iobase (8 ports in m->system_io) that
 * drives m->gsi[@irq]. @chr may be NULL: output is dropped and no input
 * ever arrives. Returns NULL with @errp set on a bad iobase or irq.
 */
DeviceState *isa_serial_create(Machine *m, uint32_t iobase, unsigned irq,
                               Chardev *chr, GError **errp);

#endif
