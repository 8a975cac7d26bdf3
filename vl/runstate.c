/* SPDX-License-Identifier: MIT */
/*
 * Run-state requests: the guest, a signal or the console asks to end the
 * run or reset the machine; the request is recorded from any thread and
 * carried out by the main loop with the vCPUs parked.
 */
#include "vl/runstate.h"
#include "vm.h"
#include "vl/gdbstub.h"
#include "target-i386/cpu.h"
#include "util/bql.h"
#include "util/log.h"

#include <stdio.h>
#include <stdlib.h>

static VM *the_vm;
static gint exit_requested;
static gint exit_status;
static gint reset_requested;

void runstate_init(VM *vm)
{
    the_vm = vm;
}

void runstate_request_exit(int status)
{
    if (g_atomic_int_compare_and_exchange(&exit_requested, 0, 1)) {
        g_atomic_int_set(&exit_status, status);
    }
    /* Stop guest code at once so nothing runs after the request. */
    if (the_vm && bql_locked()) {
        cpus_request_stop_all_locked(&the_vm->cpus);
    }
    main_loop_wakeup();
}

void runstate_request_reset(void)
{
    if (the_vm && the_vm->cfg->no_reboot) {
        runstate_request_exit(0);
        return;
    }
    g_atomic_int_set(&reset_requested, 1);
    if (the_vm && bql_locked()) {
        cpus_request_stop_all_locked(&the_vm->cpus);
    }
    main_loop_wakeup();
}

bool runstate_exit_pending(int *status)
{
    if (!g_atomic_int_get(&exit_requested)) {
        return false;
    }
    *status = g_atomic_int_get(&exit_status);
    return true;
}

bool runstate_take_reset(void)
{
    return g_atomic_int_compare_and_exchange(&reset_requested, 1, 0);
}

bool vm_cpus_boot_state_locked(VM *vm, GError **errp)
{
    for (guint i = 0; i < vm->cpus.cpus->len; i++) {
        CPUState *cpu = g_ptr_array_index(vm->cpus.cpus, i);
        CPUX86State *env = cpu->env;

        x86_cpu_reset(env);
        /* A triple fault left the vCPU halted; a reset wakes the BSP. */
        cpu->halted = env->halted;
        if (i == 0 && vm->boot.kind == PC_BOOT_FLAT32) {
            x86_cpu_set_flat32(env, vm->boot.eip, vm->boot.eax, vm->boot.ebx,
                               vm->boot.esi);
            if (vm->boot.gdt_limit) {
                env->gdt.base = vm->boot.gdt_base;
                env->gdt.limit = vm->boot.gdt_limit;
            }
        }
        cpu->state_dirty = true;
        if (log_enabled(LOG_CPU_RESET)) {
            g_autofree char *dump = x86_cpu_dump_state(env);

            log_printf("CPU %u boot state:\n%s", i, dump);
        }
    }
    return true;
}

void runstate_accel_event(CPUState *cpu, AccelEvent ev, const char *detail)
{
    VM *vm = the_vm;

    switch (ev) {
    case ACCEL_EVENT_SHUTDOWN:
        log_mask_printf(LOG_GUEST_ERROR, "vCPU %u: triple fault\n",
                        cpu->index);
        runstate_request_reset();
        break;
    case ACCEL_EVENT_RESET:
        runstate_request_reset();
        break;
    case ACCEL_EVENT_POWEROFF:
        if (vm && vm->cfg->no_shutdown) {
            cpus_request_stop_all_locked(&vm->cpus);
        } else {
            runstate_request_exit(0);
        }
        break;
    case ACCEL_EVENT_FATAL:
    case ACCEL_EVENT_UNRUNNABLE:
        fprintf(stderr, "kestrel: %s", detail ? detail : "vCPU failed\n");
        runstate_request_exit(1);
        break;
    case ACCEL_EVENT_DEBUG:
        gdbstub_debug_event_locked(cpu);
        break;
    }
}
