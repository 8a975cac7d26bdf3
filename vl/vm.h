/* SPDX-License-Identifier: MIT */
/*
 * The one running virtual machine as vl/ sees it: the parsed config, the
 * machine, the accelerator and its vCPUs, and what -kernel booted.
 */
#ifndef VL_VM_H
#define VL_VM_H

#include "accel/cpus.h"
#include "hw/pc/loader.h"
#include "hw/pc/pc.h"
#include "vl/config.h"

typedef struct VM {
    MachineConfig *cfg;
    PCMachine *pc;
    const AccelOps *accel_ops;
    AccelState *accel;
    CPUSet cpus;
    PCKernelConfig kernel;
    PCBootEntry boot;
    Chardev *serial[MAX_SERIAL_PORTS];
    Chardev *debugcon;
} VM;

/* vl/runstate.c */
void runstate_init(VM *vm);
/* Put every vCPU in its boot state (reset, then the -kernel entry). */
bool vm_cpus_boot_state_locked(VM *vm, GError **errp);
/* The accelerator's event callback (AccelConfig.event). */
void runstate_accel_event(CPUState *cpu, AccelEvent ev, const char *detail);

/* vl/main-loop.c: run until an exit request; returns the exit status. */
int main_loop_run(VM *vm);
/* Wake the main loop to look at pending requests (any thread). */
void main_loop_wakeup(void);

/* vl/help.c */
void help_print(const MachineConfig *cfg);

#endif
