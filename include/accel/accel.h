/* SPDX-License-Identifier: MIT */
/*
 * The accelerator contract. An accelerator is a const AccelOps row in the
 * table of accel/accel.c; the machine and vl/ drive vCPUs only through it.
 * Adding an accelerator is adding one row and one folder.
 */
#ifndef ACCEL_ACCEL_H
#define ACCEL_ACCEL_H

#include "memory/memory.h"

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

typedef struct CPUArchState CPUArchState;   /* defined by the target */
typedef struct AccelOps AccelOps;
typedef struct AccelState AccelState;
typedef struct CPUState CPUState;

/* Why a vCPU thread asks the main loop for attention. */
typedef enum AccelEvent {
    ACCEL_EVENT_SHUTDOWN,       /* triple fault */
    ACCEL_EVENT_RESET,          /* the guest asked for a reset */
    ACCEL_EVENT_POWEROFF,       /* the guest powered off */
    ACCEL_EVENT_FATAL,          /* the accelerator cannot go on */
    ACCEL_EVENT_UNRUNNABLE,     /* the host could not run a guest insn */
    ACCEL_EVENT_DEBUG,          /* a guest-debug stop */
} AccelEvent;

/* What the machine tells the accelerator at init. */
typedef struct AccelConfig {
    AddressSpace *as_memory;
    AddressSpace *as_io;
    unsigned ncpus;
    const char *cpu_model;      /* NULL: the accelerator's default */
    bool kernel_irqchip;        /* in-kernel interrupt controllers */
    const char *props;          /* "-accel NAME,props": accelerator-specific */
    /* Called from a vCPU thread with the big lock held; must not block.
     * @detail is a message for the user, or NULL. */
    void (*event)(CPUState *cpu, AccelEvent ev, const char *detail);
    /* Without an in-kernel irqchip: the interrupt-acknowledge cycle of
     * vCPU @cpu_index's interrupt controller (its local APIC, which falls
     * back to the 8259 for ExtINT), returning the vector to deliver once
     * the vCPU takes the interrupt that CPU_INTERRUPT_HARD announced, or
     * -1 when there is none after all. Called from a vCPU thread with the
     * big lock held. */
    int (*ack_interrupt)(void *opaque, unsigned cpu_index);
    void *ack_opaque;
} AccelConfig;

struct CPUState {
    unsigned index;
    CPUArchState *env;
    AccelState *accel;
    void *accel_cpu;            /* the accelerator's per-vCPU data */
    GThread *thread;

    /* Run control, under the big lock. */
    bool stop;                  /* requested to stop */
    bool stopped;               /* acknowledged: parked */
    bool quit;                  /* leave the thread for good */
    bool state_dirty;           /* env is newer than the accelerator's copy */
    bool state_valid;           /* env holds the accelerator's state */
    GCond cond;

    /* Pending external events (CPU_INTERRUPT_* bits of accel/tcg-cpu.h:
     * HARD follows the INTR line from the userspace APIC/PIC; NMI, INIT
     * and SIPI are raised by the APIC, env->sipi_vector set first). Set
     * under the big lock with cpus_set_interrupt_locked /
     * cpus_raise_interrupt_locked, followed by a kick. */
    uint32_t interrupt_request;
    bool halted;                /* waiting in HLT for an interrupt */
};

struct AccelOps {
    const char *name;
    const char *desc;
    /* Can this host use it now? On false, @errp says why. */
    bool (*available)(GError **errp);
    AccelState *(*init)(const AccelConfig *cfg, GError **errp);
    bool (*vcpu_create)(AccelState *s, CPUState *cpu, GError **errp);
    /* The vCPU thread body (one thread per vCPU or one round-robin). */
    gpointer (*vcpu_thread)(gpointer cpu);
    /* Make the vCPU leave guest code soon and look at its flags. */
    void (*vcpu_kick)(CPUState *cpu);
    /* Copy registers between the accelerator and cpu->env (vCPU stopped). */
    bool (*get_registers)(CPUState *cpu, GError **errp);
    bool (*put_registers)(CPUState *cpu, GError **errp);
    /* Breakpoints, watchpoints, single-step; NULL: not supported. */
    bool (*set_guest_debug)(CPUState *cpu, const void *debug, GError **errp);
    /* Drive a GSI of an in-kernel interrupt controller; NULL if none. */
    void (*set_irq)(AccelState *s, unsigned gsi, int level);
    void (*destroy)(AccelState *s);
};

/* The table: a NULL-terminated list, in preference order. */
extern const AccelOps *const accel_table[];
const AccelOps *accel_find(const char *name);

#endif
