/* SPDX-License-Identifier: MIT */
/*
 * The Intel 8254 programmable interval timer ("i8254") at 0x40-0x43: three
 * 16-bit counters clocked at 1.193182 MHz, derived from CLOCK_VIRTUAL.
 * Channel 0's OUT drives the machine's GSI 0 (IRQ0); channel 1 is the old
 * DRAM refresh timer (readable, not wired); channel 2's GATE and OUT
 * belong to port 0x61 (hw/timer/port61.c), which uses the small API here.
 * Used with userspace interrupt controllers; KVM's in-kernel irqchip comes
 * with its own PIT.
 */
#ifndef HW_TIMER_I8254_H
#define HW_TIMER_I8254_H

#include "hw/core/device.h"

#include <glib.h>

#define PIT_IOBASE      0x40
#define PIT_FREQ        1193182
#define PIT_NR_CHANNELS 3

typedef struct PITState PITState;

/* Create and realize the PIT in @m; channel 0's OUT drives m->gsi[0]. */
PITState *pit_create(Machine *m, GError **errp);
/* Drive channel @ch's GATE input (channels 0 and 1 are tied high). */
void pit_set_gate(PITState *s, int ch, bool level);
bool pit_get_gate(PITState *s, int ch);
/* Channel @ch's OUT pin now. */
bool pit_get_out(PITState *s, int ch);

#endif
