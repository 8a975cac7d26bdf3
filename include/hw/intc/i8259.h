/* SPDX-License-Identifier: MIT */
/*
 * The PC's pair of Intel 8259A programmable interrupt controllers ("i8259"),
 * master at 0x20/0x21 and slave at 0xa0/0xa1 cascaded on the master's IR2,
 * with the edge/level control registers (ELCR) at 0x4d0/0x4d1. Used when
 * interrupts are modelled in userspace (TCG, or KVM with
 * kernel-irqchip=off); KVM's in-kernel irqchip has its own.
 *
 * The machine drives the 16 inputs (ISA IRQ 0-15; input 2 is the cascade
 * and ignores the outside), connects the INTR output to the CPU, and the
 * CPU side calls pic_read_irq() for the interrupt-acknowledge cycle.
 */
#ifndef HW_INTC_I8259_H
#define HW_INTC_I8259_H

#include "hw/core/device.h"

#include <glib.h>

#define PIC_MASTER_IOBASE   0x20
#define PIC_SLAVE_IOBASE    0xa0
#define PIC_ELCR_IOBASE     0x4d0
#define PIC_NR_IRQS         16
#define PIC_CASCADE_IRQ     2

typedef struct PICState PICState;

/* Create and realize the pair in @m at the standard ports. */
PICState *pic_create(Machine *m, GError **errp);
/* Input line @n (0-15), to be driven by the machine's GSI @n. */
IRQLine *pic_input(PICState *s, unsigned n);
/*
 * The INTR output (the master's INT pin): the receiver installs its
 * handler with irq_init(); it is called with the big lock held whenever
 * the level changes.
 */
IRQLine *pic_intr_output(PICState *s);
/* Whether INTR is asserted now. */
bool pic_intr_level(PICState *s);
/*
 * The interrupt-acknowledge cycle: returns the vector the pair puts on the
 * bus and updates in-service state, as the CPU's two INTA pulses would.
 * With no request left it gives the spurious vector of IR7 (master base
 * + 7, or slave base + 7 when the slave's request went away). Call with
 * the big lock held.
 */
int pic_read_irq(PICState *s);

#endif
