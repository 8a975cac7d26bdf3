/* SPDX-License-Identifier: MIT */
/*
 * The PC keyboard controller ("i8042") at ports 0x60 (data) and 0x64
 * (status and command), with a PS/2 keyboard on its first port (IRQ 1)
 * and a PS/2 mouse on its auxiliary port (IRQ 12). Its output port holds
 * the system reset line and an A20 gate; whoever models the CPU's A20
 * mask reads it here as it does port 0x92's.
 */
#ifndef HW_INPUT_I8042_H
#define HW_INPUT_I8042_H

#include "hw/core/device.h"
#include "hw/misc/port92.h"

#include <glib.h>
#include <stdbool.h>

#define I8042_DATA_PORT     0x60
#define I8042_CMD_PORT      0x64
#define I8042_KBD_IRQ       1
#define I8042_AUX_IRQ       12

/* Create and realize the controller and its two devices in @m. */
DeviceState *i8042_create(Machine *m, GError **errp);
/* Whether the output port holds the A20 gate open (bit 1). */
bool i8042_a20_enabled(DeviceState *dev);
/* Call @notify(@opaque, enabled) whenever the guest flips the A20 bit. */
void i8042_set_a20_notifier(DeviceState *dev, Port92A20Notify notify,
                            void *opaque);

#endif
