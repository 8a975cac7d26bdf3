/* SPDX-License-Identifier: MIT */
/*
 * The machine every device belongs to: its two address spaces, its
 * interrupt lines (GSIs), its devices, and the hooks through which a
 * device asks for a reset or for the process to end. vl/ installs the
 * hooks; a device never exits the process itself.
 */
#ifndef HW_CORE_MACHINE_H
#define HW_CORE_MACHINE_H

#include "hw/irq.h"
#include "memory/memory.h"

#include <glib.h>

#define MACHINE_NR_GSI 24

typedef struct DeviceState DeviceState;
typedef struct Machine Machine;

typedef struct MachineHooks {
    /* The guest asked the process to end with @status (isa-debug-exit,
     * ACPI poweroff). Called with the big lock held, on any thread. */
    void (*request_exit)(Machine *m, int status);
    /* The guest asked for a system reset (port 0x92, 0xcf9, i8042). */
    void (*request_reset)(Machine *m);
} MachineHooks;

struct Machine {
    MemoryRegion *system_memory;
    MemoryRegion *system_io;
    AddressSpace as_memory;
    AddressSpace as_io;
    IRQLine gsi[MACHINE_NR_GSI];
    GPtrArray *devices;         /* of DeviceState *, in creation order */
    const MachineHooks *hooks;
    void *hooks_opaque;
    uint64_t ram_size;
    unsigned smp_cpus;
};

void machine_request_exit(Machine *m, int status);
void machine_request_reset(Machine *m);
/* Reset every device, in creation order. */
void machine_reset_devices(Machine *m);

#endif
