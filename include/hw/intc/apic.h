/* SPDX-License-Identifier: MIT */
/*
 * The local APICs of a userspace irqchip (TCG, or KVM with
 * kernel-irqchip=off): one "lapic" device per vCPU, all reached through
 * one 4 KiB MMIO page at 0xfee00000 that shows each CPU its own APIC (the
 * access's MemTxAttrs.requester_id is the vCPU index), tied together by
 * an APICBus that carries interrupt messages between them and from the
 * I/O APIC (hw/intc/ioapic.c).
 *
 * Following the SDM, Vol. 3A, chapter 10 (xAPIC mode only; x2APIC is not
 * modelled and must not be advertised): ID, version, TPR/APR/PPR, EOI,
 * LDR/DFR (flat and cluster), SVR, ISR/TMR/IRR, ESR, ICR (fixed, lowest
 * priority, SMI, NMI, INIT, SIPI; shorthands; physical and logical
 * destinations), the LVT (timer, thermal, perf, LINT0, LINT1, error) and
 * the timer in one-shot, periodic and TSC-deadline modes on CLOCK_VIRTUAL.
 *
 * The CPU side sees three things: a level per CPU (apic_intr_output: "an
 * interrupt is deliverable", the CPU's INTR pin), the hooks for NMI, INIT
 * and SIPI, and apic_get_interrupt(), the acknowledge cycle, which falls
 * back to the 8259 when the interrupt comes through LINT0 in ExtINT mode
 * (virtual wire) or the APIC is globally disabled.
 */
#ifndef HW_INTC_APIC_H
#define HW_INTC_APIC_H

#include "hw/core/device.h"

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

#define APIC_DEFAULT_ADDRESS    0xfee00000u
#define APIC_MMIO_SIZE          0x1000
#define APIC_MAX_CPUS           255     /* xAPIC IDs 0-254; 0xff broadcasts */
/* The timer counts at this rate before the divider (the bus clock). */
#define APIC_BUS_HZ             1000000000LL
/* The TSC rate the TSC-deadline timer assumes (target-i386's x86_tsc_now
 * counts host nanoseconds: a nominal 1 GHz). */
#define APIC_TSC_HZ             1000000000LL

/* Delivery modes of the ICR, LVT and I/O APIC redirection entries. */
enum {
    APIC_DM_FIXED = 0,
    APIC_DM_LOWEST = 1,
    APIC_DM_SMI = 2,
    APIC_DM_NMI = 4,
    APIC_DM_INIT = 5,
    APIC_DM_SIPI = 6,
    APIC_DM_EXTINT = 7,
};

typedef struct APICBus APICBus;
typedef struct APICState APICState;

/*
 * What the CPUs receive besides INTR; installed by whoever drives the
 * CPUs (vl/). Called with the big lock held, on any thread. NULL members
 * drop the event (logged under -d int).
 */
typedef struct APICCPUHooks {
    void (*nmi)(void *opaque, unsigned cpu_index);
    /* INIT (the local APIC itself has been reset already). */
    void (*init)(void *opaque, unsigned cpu_index);
    /* A start-up IPI with its vector (the CPU starts at vector << 12). */
    void (*sipi)(void *opaque, unsigned cpu_index, uint8_t vector);
} APICCPUHooks;

/*
 * Create the bus, one realized "lapic" per CPU (APIC ID = CPU index;
 * CPU 0 is the bootstrap processor) and the MMIO page at
 * APIC_DEFAULT_ADDRESS in @m's system memory.
 */
APICBus *apic_bus_create(Machine *m, unsigned ncpus, GError **errp);
/* Unmap the page and destroy the lapic devices (tests). */
void apic_bus_free(APICBus *bus);
unsigned apic_bus_ncpus(const APICBus *bus);

void apic_bus_set_cpu_hooks(APICBus *bus, const APICCPUHooks *hooks,
                            void *opaque);
/*
 * The interrupt-acknowledge cycle of the 8259 for ExtINT interrupts
 * (pic_read_irq); without it ExtINT acknowledges give the spurious vector.
 */
void apic_bus_set_extint_ack(APICBus *bus, int (*ack)(void *opaque),
                             void *opaque);
/*
 * EOI broadcast: an EOI for a level-triggered vector (TMR set) is sent to
 * the I/O APIC(s) with the vector.
 */
void apic_bus_set_eoi_handler(APICBus *bus,
                              void (*eoi)(void *opaque, uint8_t vector),
                              void *opaque);

/*
 * An interrupt message on the bus (I/O APIC redirection, MSI): deliver
 * @vector with @delivery_mode (APIC_DM_*) to the APICs that @dest names
 * in @logical or physical mode; @level_trigger sets TMR for fixed and
 * lowest-priority vectors.
 */
void apic_bus_deliver(APICBus *bus, uint8_t dest, bool logical,
                      unsigned delivery_mode, uint8_t vector,
                      bool level_trigger);

/*
 * The CPU's INTR input: asserted while its APIC has a deliverable
 * interrupt (IRR above PPR) or the 8259's INTR passes LINT0. The receiver
 * installs its handler with irq_init().
 */
IRQLine *apic_intr_output(APICBus *bus, unsigned cpu_index);
bool apic_intr_level(APICBus *bus, unsigned cpu_index);
/* LINT0 / LINT1 inputs of @cpu_index (the 8259's INTR goes to the BSP's
 * LINT0). */
IRQLine *apic_lint_input(APICBus *bus, unsigned cpu_index, unsigned n);

/*
 * Acknowledge: the highest-priority deliverable vector moves from IRR to
 * ISR and is returned; otherwise an ExtINT interrupt is taken from the
 * 8259; otherwise the spurious vector (SVR), or -1 when the APIC is
 * globally disabled and the 8259 has nothing either.
 */
int apic_get_interrupt(APICBus *bus, unsigned cpu_index);

/*
 * IA32_APIC_BASE (MSR 0x1b) written: bit 11 enables the APIC globally
 * (off: it neither decodes nor delivers, the 8259 reaches the CPU
 * directly); relocation is not supported (logged). Returns the value the
 * MSR reads back.
 */
uint64_t apic_set_base(APICBus *bus, unsigned cpu_index, uint64_t val);
uint64_t apic_get_base(APICBus *bus, unsigned cpu_index);
/* CR8 is TPR[7:4] (SDM Vol. 3A, 10.8.6.1). */
void apic_set_cr8(APICBus *bus, unsigned cpu_index, uint64_t cr8);
uint64_t apic_get_cr8(APICBus *bus, unsigned cpu_index);
/*
 * IA32_TSC_DEADLINE (MSR 0x6e0): arm the timer for the moment the CPU's
 * TSC reaches @deadline, given its value @tsc_now (APIC_TSC_HZ); 0
 * disarms. Ignored unless the LVT timer is in TSC-deadline mode.
 */
void apic_set_tsc_deadline(APICBus *bus, unsigned cpu_index,
                           uint64_t deadline, uint64_t tsc_now);
/* The armed deadline, 0 when none (or after it fired). */
uint64_t apic_get_tsc_deadline(APICBus *bus, unsigned cpu_index);

#endif
