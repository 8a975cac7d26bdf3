/* SPDX-License-Identifier: MIT */
/*
 * System Control Port A (I/O port 0x92, "port92"): the fast A20 gate
 * (bit 1) and the fast reset (bit 0). The machine reads the gate through
 * port92_a20_enabled(); an accelerator that models the A20 mask can ask
 * to be told of every change with port92_set_a20_notifier().
 */
#ifndef HW_MISC_PORT92_H
#define HW_MISC_PORT92_H

#include "hw/core/device.h"

#include <glib.h>
#include <stdbool.h>

#define PORT92_IOBASE 0x92

typedef void (*Port92A20Notify)(void *opaque, bool enabled);

/* Create and realize "port92" at 0x92. */
DeviceState *port92_create(Machine *m, GError **errp);
/* Whether port 0x92 currently holds the A20 gate open (bit 1). */
bool port92_a20_enabled(DeviceState *dev);
/* Call @notify(@opaque, enabled) whenever the guest flips bit 1. */
void port92_set_a20_notifier(DeviceState *dev, Port92A20Notify notify,
                             void *opaque);

#endif
