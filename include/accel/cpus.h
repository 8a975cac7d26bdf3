/* SPDX-License-Identifier: MIT */
/*
 * vCPU run control shared by every accelerator: the list of vCPUs, thread
 * start, pause and resume of all vCPUs, and the parking place a vCPU
 * thread waits in while stopped. All under the big lock.
 */
#ifndef ACCEL_CPUS_H
#define ACCEL_CPUS_H

#include "accel/accel.h"

typedef struct CPUSet {
    const AccelOps *ops;
    AccelState *accel;
    GPtrArray *cpus;            /* of CPUState * */
} CPUSet;

/* Start one thread per vCPU running ops->vcpu_thread. */
void cpus_start_threads(CPUSet *set);
/* Ask every vCPU to stop and wait until all are parked (state synced). */
void cpus_pause_all_locked(CPUSet *set);
void cpus_resume_all_locked(CPUSet *set);
/* Let one parked vCPU run again (a debugger stepping just that one). */
void cpu_resume_locked(CPUState *cpu);
/* Ask every vCPU thread to leave for good; does not wait. */
void cpus_quit_all_locked(CPUSet *set);
/* Ask every vCPU to stop, without waiting. */
void cpus_request_stop_all_locked(CPUSet *set);

/*
 * Called by a vCPU thread with the big lock held: while cpu->stop is set,
 * sync registers into env (get_registers), mark the vCPU parked and wait;
 * on resume, push env back if it changed. Returns false when the thread
 * should quit.
 */
bool cpu_park_if_stopped_locked(const AccelOps *ops, CPUState *cpu);

/*
 * Set or clear @cpu's INTR input (CPU_INTERRUPT_HARD in interrupt_request)
 * from a userspace interrupt controller: a raised line wakes the vCPU
 * from a halt or kicks it out of guest code so it can take the interrupt.
 */
void cpus_set_interrupt_locked(CPUSet *set, CPUState *cpu, bool level);
/* Raise event bits (CPU_INTERRUPT_NMI, INIT, SIPI) the CPU clears itself
 * when it takes them; wakes or kicks it the same way. */
void cpus_raise_interrupt_locked(CPUSet *set, CPUState *cpu, uint32_t bits);
/*
 * Called by a vCPU thread that executed HLT: wait until an interrupt is
 * pending that the CPU can take (@interruptible: EFLAGS.IF is set), or a
 * stop or quit is requested. The big lock is dropped while waiting.
 */
void cpu_halt_wait_locked(CPUState *cpu, bool interruptible);

#endif
