/* SPDX-License-Identifier: MIT */
/*
 * The I/O APIC ("ioapic") of a userspace irqchip, after the 82093AA
 * datasheet with the ICH's version 0x20 additions (the EOI register):
 * IOREGSEL at 0xfec00000, IOWIN at +0x10, EOI at +0x40; ID, version
 * (0x20, 24 entries), arbitration, and 24 redirection entries. It sends
 * interrupt messages to the local APICs through the APICBus
 * (include/hw/intc/apic.h) and takes their EOI broadcasts back to clear
 * the remote IRR of level-triggered entries.
 *
 * The machine drives input pin n with ioapic_input(); levels are logical
 * (1 = asserted), so the polarity bit is stored but not applied, as the
 * devices' lines carry no electrical sense.
 */
#ifndef HW_INTC_IOAPIC_H
#define HW_INTC_IOAPIC_H

#include "hw/core/device.h"
#include "hw/intc/apic.h"

#include <glib.h>

#define IOAPIC_DEFAULT_ADDRESS  0xfec00000u
#define IOAPIC_MMIO_SIZE        0x1000
#define IOAPIC_NR_PINS          24

typedef struct IOAPICState IOAPICState;

/* Create and realize the I/O APIC in @m, sending to @bus (and taking its
 * EOI broadcasts). */
IOAPICState *ioapic_create(Machine *m, APICBus *bus, GError **errp);
/* Input pin @n (0-23). */
IRQLine *ioapic_input(IOAPICState *s, unsigned n);
/* An EOI for @vector (what the local APICs broadcast). */
void ioapic_eoi_broadcast(IOAPICState *s, uint8_t vector);

#endif
