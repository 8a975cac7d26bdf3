/* SPDX-License-Identifier: MIT */
/*
 * Port 0x61, the PC's NMI status and control register ("port61"): PIT
 * channel 2's gate (bit 0) and speaker data (bit 1) on write; on read also
 * the refresh toggle (bit 4) that BIOS and Linux delay loops watch and
 * channel 2's OUT (bit 5).
 */
#ifndef HW_TIMER_PORT61_H
#define HW_TIMER_PORT61_H

#include "hw/core/device.h"
#include "hw/timer/i8254.h"

#include <glib.h>

#define PORT61_IOBASE 0x61

/* Create and realize port 0x61 in @m, wired to @pit's channel 2. */
DeviceState *port61_create(Machine *m, PITState *pit, GError **errp);

#endif
