/* SPDX-License-Identifier: MIT */
/*
 * vCPU run control: stop flags set under the big lock, a kick to make the
 * vCPU look at them, and a condition variable to park on. Accelerators
 * call cpu_park_if_stopped_locked() from their thread loops. The same
 * condition variable serves a vCPU halted until an interrupt arrives.
 */
#include "accel/cpus.h"
#include "accel/tcg-cpu.h"
#include "util/bql.h"

#include <stdio.h>

static GCond parked_cond;

void cpus_start_threads(CPUSet *set)
{
    for (guint i = 0; i < set->cpus->len; i++) {
        CPUState *cpu = g_ptr_array_index(set->cpus, i);
        g_autofree char *name = g_strdup_printf("vcpu%u", cpu->index);

        cpu->thread = g_thread_new(name, set->ops->vcpu_thread, cpu);
    }
}

void cpus_request_stop_all_locked(CPUSet *set)
{
    for (guint i = 0; i < set->cpus->len; i++) {
        CPUState *cpu = g_ptr_array_index(set->cpus, i);

        cpu->stop = true;
        g_cond_broadcast(&cpu->cond);   /* a halted vCPU waits there */
        if (cpu->thread) {
            set->ops->vcpu_kick(cpu);
        }
    }
}

static bool all_parked(CPUSet *set)
{
    for (guint i = 0; i < set->cpus->len; i++) {
        CPUState *cpu = g_ptr_array_index(set->cpus, i);

        if (cpu->thread && !cpu->stopped && !cpu->quit) {
            return false;
        }
    }
    return true;
}

void cpus_pause_all_locked(CPUSet *set)
{
    cpus_request_stop_all_locked(set);
    while (!all_parked(set)) {
        bql_cond_wait(&parked_cond);
    }
}

void cpus_resume_all_locked(CPUSet *set)
{
    for (guint i = 0; i < set->cpus->len; i++) {
        CPUState *cpu = g_ptr_array_index(set->cpus, i);

        cpu->stop = false;
        g_cond_broadcast(&cpu->cond);
    }
}

void cpu_resume_locked(CPUState *cpu)
{
    cpu->stop = false;
    g_cond_broadcast(&cpu->cond);
}

void cpus_quit_all_locked(CPUSet *set)
{
    for (guint i = 0; i < set->cpus->len; i++) {
        CPUState *cpu = g_ptr_array_index(set->cpus, i);

        cpu->quit = true;
        cpu->stop = true;
        g_cond_broadcast(&cpu->cond);
        if (cpu->thread) {
            set->ops->vcpu_kick(cpu);
        }
    }
}

bool cpu_park_if_stopped_locked(const AccelOps *ops, CPUState *cpu)
{
    GError *err = NULL;

    if (!cpu->stop || cpu->quit) {
        return !cpu->quit;
    }
    /* A dirty env (the boot state under -S) is newer than the vCPU's. */
    if (!cpu->state_valid && !cpu->state_dirty) {
        if (!ops->get_registers(cpu, &err)) {
            fprintf(stderr, "kestrel: vcpu%u: %s\n", cpu->index, err->message);
            g_clear_error(&err);
        }
        cpu->state_valid = true;
    }
    cpu->stopped = true;
    g_cond_broadcast(&parked_cond);
    while (cpu->stop && !cpu->quit) {
        bql_cond_wait(&cpu->cond);
    }
    cpu->stopped = false;
    if (cpu->quit) {
        return false;
    }
    if (cpu->state_dirty) {
        if (!ops->put_registers(cpu, &err)) {
            fprintf(stderr, "kestrel: vcpu%u: %s\n", cpu->index, err->message);
            g_clear_error(&err);
        }
        cpu->state_dirty = false;
    }
    cpu->state_valid = false;
    return true;
}

/* Wake @cpu from a halt, or kick it out of guest code. */
static void cpus_notify_interrupt(CPUSet *set, CPUState *cpu)
{
    if (cpu->halted) {
        g_cond_broadcast(&cpu->cond);
    } else if (cpu->thread) {
        set->ops->vcpu_kick(cpu);
    }
}

void cpus_set_interrupt_locked(CPUSet *set, CPUState *cpu, bool level)
{
    if (!level) {
        __atomic_fetch_and(&cpu->interrupt_request, ~CPU_INTERRUPT_HARD,
                           __ATOMIC_SEQ_CST);
        return;
    }
    __atomic_fetch_or(&cpu->interrupt_request, CPU_INTERRUPT_HARD,
                      __ATOMIC_SEQ_CST);
    cpus_notify_interrupt(set, cpu);
}

void cpus_raise_interrupt_locked(CPUSet *set, CPUState *cpu, uint32_t bits)
{
    __atomic_fetch_or(&cpu->interrupt_request, bits, __ATOMIC_SEQ_CST);
    if (bits & (CPU_INTERRUPT_INIT | CPU_INTERRUPT_SIPI)) {
        g_cond_broadcast(&cpu->cond);   /* an AP may wait for SIPI */
    }
    cpus_notify_interrupt(set, cpu);
}

void cpu_halt_wait_locked(CPUState *cpu, bool interruptible)
{
    cpu->halted = true;
    while (!cpu->stop && !cpu->quit &&
           !(interruptible && cpu->interrupt_request)) {
        bql_cond_wait(&cpu->cond);
    }
    cpu->halted = false;
}
