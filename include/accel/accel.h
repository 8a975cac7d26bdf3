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

/*
 * Guest debugging (the gdbstub): what a debugger asks of a vCPU. Addresses
 * are linear (virtual) addresses of the vCPU's current view.
 */
typedef enum GuestDebugKind {
    GUEST_DEBUG_SW_BREAK,       /* stop before the instruction at addr */
    GUEST_DEBUG_HW_BREAK,       /* the same through a debug register */
    GUEST_DEBUG_WATCH_WRITE,    /* stop after a write to [addr, addr+len) */
    GUEST_DEBUG_WATCH_READ,
    GUEST_DEBUG_WATCH_ACCESS,
} GuestDebugKind;

typedef struct GuestDebugPoint {
    GuestDebugKind kind;
    uint64_t addr;
    uint64_t len;               /* 1, 2, 4 or 8 for watchpoints */
} GuestDebugPoint;

#define GUEST_DEBUG_MAX_POINTS  64
#define GUEST_DEBUG_MAX_HW      4   /* x86: DR0-DR3 */

typedef struct GuestDebug {
    bool single_step;           /* one instruction, interrupts masked */
    unsigned nr_points;
    GuestDebugPoint points[GUEST_DEBUG_MAX_POINTS];
} GuestDebug;

/* Why a vCPU stopped with ACCEL_EVENT_DEBUG (CPUState.debug_stop). */
typedef enum GuestDebugStop {
    GUEST_DEBUG_STOP_NONE,
    GUEST_DEBUG_STOP_STEP,      /* a single step completed */
    GUEST_DEBUG_STOP_BREAK,     /* at a breakpoint, before the instruction */
    GUEST_DEBUG_STOP_WATCH,     /* after an access a watchpoint covers */
} GuestDebugStop;

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

    /* Set by the accelerator before ACCEL_EVENT_DEBUG (big lock held). */
    GuestDebugStop debug_stop;
    GuestDebugKind debug_watch_kind;
    uint64_t debug_watch_addr;
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
    /*
     * Breakpoints, watchpoints, single-step (vCPU stopped; takes effect
     * when it runs again); false with @errp when the accelerator cannot
     * do what @debug asks. NULL: no guest debugging at all.
     */
    bool (*set_guest_debug)(CPUState *cpu, const GuestDebug *debug,
                            GError **errp);
    /* Linear address to guest physical through the vCPU's current paging
     * (vCPU stopped, registers synced), without side effects; false when
     * it is not mapped. */
    bool (*translate_debug)(CPUState *cpu, uint64_t vaddr, uint64_t *phys);
    /* Drive a GSI of an in-kernel interrupt controller; NULL if none. */
    void (*set_irq)(AccelState *s, unsigned gsi, int level);
    void (*destroy)(AccelState *s);
};

/* The table: a NULL-terminated list, in preference order. */
extern const AccelOps *const accel_table[];
const AccelOps *accel_find(const char *name);

#endif
