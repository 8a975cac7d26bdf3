/* SPDX-License-Identifier: MIT */
/*
 * The High Precision Event Timer ("hpet") after the IA-PC HPET
 * specification 1.0a: one block at 0xfed00000 with a 64-bit main counter
 * at HPET_FREQ_HZ on CLOCK_VIRTUAL and three comparators (one-shot or
 * periodic, 64- or 32-bit, edge or level with the status register), the
 * legacy replacement route and I/O APIC routing. FSB (MSI) delivery is
 * not offered.
 *
 * Outputs: out[n] is I/O APIC input n (a timer's INT_ROUTE_CNF), and
 * legacy[0]/legacy[1] are ISA IRQ 0 and 8 (the 8259 and their I/O APIC
 * pins, as the machine routes them). The PIT's and the RTC's interrupts
 * pass through the HPET (pit_in/rtc_in) to legacy[0]/legacy[1], and are
 * cut off there while the legacy replacement route is on, when timers 0
 * and 1 drive those lines instead.
 */
#ifndef HW_TIMER_HPET_H
#define HW_TIMER_HPET_H

#include "hw/core/device.h"

#include <glib.h>

#define HPET_DEFAULT_ADDRESS    0xfed00000u
#define HPET_MMIO_SIZE          0x400
#define HPET_NR_TIMERS          3
#define HPET_FREQ_HZ            100000000LL     /* 10 ns per tick */
#define HPET_NR_ROUTES          24
/* The I/O APIC inputs a timer may be routed to: 2, 8, 20-23. */
#define HPET_ROUTE_CAP          0x00f00104u
/*
 * The shortest period, in main counter ticks, for which a periodic timer
 * is announced to deliver every interrupt (the ACPI HPET table's minimum
 * clock tick): 100 us. The model raises each interrupt from a host timer,
 * and when that fires late it merges the periods it missed into one
 * interrupt (hpet.c, hpet_timer_cb).
 */
#define HPET_MIN_PERIODIC_TICKS 10000

typedef struct HPETState HPETState;

HPETState *hpet_create(Machine *m, GError **errp);
/* The low half of the capabilities register (revision, comparators,
 * counter size, legacy route capability, vendor): what the ACPI HPET
 * table calls the event timer block ID. */
uint32_t hpet_block_id(const HPETState *s);
/* I/O APIC input @n as a timer routes to it; the machine connects it. */
IRQLine *hpet_route_output(HPETState *s, unsigned n);
/* ISA IRQ 0 (@n = 0) and IRQ 8 (@n = 1) as seen after the HPET. */
IRQLine *hpet_legacy_output(HPETState *s, unsigned n);
/* Where the PIT's IRQ 0 and the RTC's IRQ 8 come in. */
IRQLine *hpet_pit_input(HPETState *s);
IRQLine *hpet_rtc_input(HPETState *s);

#endif
