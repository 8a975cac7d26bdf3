/* SPDX-License-Identifier: MIT */
/*
 * Raising x86 exceptions under TCG: record the vector and error code in
 * env and leave generated code for the exec loop, which delivers them
 * through x86_do_interrupt (seg.c/intr.c). A fault while an earlier event
 * is being delivered is combined with it by the double-fault rules of SDM
 * Vol. 3A, 6.15 (Table 6-5); a fault while delivering #DF shuts the CPU
 * down (triple fault).
 */
#include "target-i386/helper.h"
#include "util/log.h"

/* SDM Vol. 3A, Table 6-4: #DE, #TS, #NP, #SS, #GP are contributory. */
static bool is_contributory(int vector)
{
    return vector == EXCP00_DIVZ || (vector >= EXCP0A_TSS &&
                                     vector <= EXCP0D_GPF);
}

G_NORETURN static void x86_shutdown(CPUX86State *env)
{
    CPUState *cpu = env->cpu;

    log_mask_printf(LOG_INT | LOG_GUEST_ERROR, "triple fault: shutdown\n");
    env->delivering = false;
    env->in_shutdown = true;
    env->halted = true;
    cpu->halted = true;
    env->exception_index = EXCP_SHUTDOWN;
    cpu_request_event(cpu, ACCEL_EVENT_SHUTDOWN);
    cpu_loop_exit(cpu);
}

/*
 * The event that results when @vector is raised while env->delivering
 * (SDM Vol. 3A, 6.15, Table 6-5): the new one, #DF, or shutdown.
 */
static int combine_exception(CPUX86State *env, int vector,
                             uint32_t *error_code, bool *has_error)
{
    int first = env->delivering_vector;
    bool second_bad = is_contributory(vector) || vector == EXCP0E_PAGE;

    if (!env->delivering) {
        return vector;
    }
    env->delivering = false;
    if (first == EXCP08_DBLE && second_bad) {
        x86_shutdown(env);
    }
    if ((is_contributory(first) && is_contributory(vector)) ||
        (first == EXCP0E_PAGE && second_bad)) {
        log_mask_printf(LOG_INT, "#DF: %d while delivering %d\n", vector,
                        first);
        *error_code = 0;
        *has_error = true;
        return EXCP08_DBLE;
    }
    return vector;
}

G_NORETURN static void raise_full(CPUX86State *env, int vector,
                                  bool has_error, uint32_t error_code,
                                  uintptr_t retaddr)
{
    vector = combine_exception(env, vector, &error_code, &has_error);
    env->exception_index = vector;
    env->error_code = error_code;
    env->exception_has_error = has_error;
    env->exception_is_int = false;
    env->exception_next_eip = 0;
    if (retaddr) {
        cpu_loop_exit_restore(env->cpu, retaddr);
    }
    cpu_loop_exit(env->cpu);
}

G_NORETURN void x86_raise_exception(CPUX86State *env, int vector)
{
    raise_full(env, vector, false, 0, 0);
}

G_NORETURN void x86_raise_exception_err(CPUX86State *env, int vector,
                                        uint32_t error_code)
{
    raise_full(env, vector, true, error_code, 0);
}

G_NORETURN void x86_raise_exception_ra(CPUX86State *env, int vector,
                                       uintptr_t retaddr)
{
    raise_full(env, vector, false, 0, retaddr);
}

G_NORETURN void x86_raise_exception_err_ra(CPUX86State *env, int vector,
                                           uint32_t error_code,
                                           uintptr_t retaddr)
{
    raise_full(env, vector, true, error_code, retaddr);
}

G_NORETURN void helper_raise_interrupt(CPUX86State *env, uint32_t vector,
                                       uint32_t next_eip_addend)
{
    env->exception_index = vector & 0xff;
    env->error_code = 0;
    env->exception_has_error = false;
    env->exception_is_int = true;
    env->exception_next_eip = env->rip + next_eip_addend;
    cpu_loop_exit(env->cpu);
}

G_NORETURN void helper_raise_exception(CPUX86State *env, uint32_t vector)
{
    raise_full(env, vector, false, 0, GETPC());
}

G_NORETURN void helper_raise_trap(CPUX86State *env, uint32_t vector,
                                  uint32_t next_eip_addend)
{
    /* A trap reports the next instruction (SDM Vol. 3A, 6.5): the state
     * is already synced, so move rip there and raise without a restore. */
    env->rip += next_eip_addend;
    raise_full(env, vector, false, 0, 0);
}
