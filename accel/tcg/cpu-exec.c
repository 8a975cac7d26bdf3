/* SPDX-License-Identifier: MIT */
/*
 * The exec loop. The outer loop delivers exceptions (a helper that raises
 * one longjmps back here through cpu_loop_exit); the inner loop looks at
 * exit requests and interrupts, finds the block for the current state
 * (jump cache, hash table, translation), runs it and chains the slot it
 * left by to the next block. Also here: the goto_ptr lookup helper and
 * the services that leave or restore generated code.
 */
#include "tcg-internal.h"
#include "util/bql.h"
#include "util/log.h"

#include <inttypes.h>

__thread CPUState *current_cpu;

G_NORETURN void cpu_loop_exit(CPUState *cpu)
{
    siglongjmp(tcg_cpu(cpu)->jmp_env, 1);
}

bool cpu_restore_state(CPUState *cpu, uintptr_t retaddr)
{
    TCGEngine *eng = tcg_cpu(cpu)->eng;
    TranslationBlock *tb = retaddr ? tb_find_by_host(eng, retaddr) : NULL;
    int i = tb ? tb_insn_index(tb, retaddr) : -1;

    if (i < 0) {
        return false;
    }
    eng->ops->restore_state(cpu->env, tb->insns[i].data);
    return true;
}

G_NORETURN void cpu_loop_exit_restore(CPUState *cpu, uintptr_t retaddr)
{
    cpu_restore_state(cpu, retaddr);
    cpu_loop_exit(cpu);
}

void cpu_exit(CPUState *cpu)
{
    TCGCPU *tc = tcg_cpu(cpu);

    if (tc) {
        g_atomic_int_set(cpu_exit_request(tc), 1);
    }
}

bool cpu_yield_possible(CPUState *cpu)
{
    return tcg_cpu(cpu)->eng->cpus->len > 1;
}

G_NORETURN void cpu_yield(CPUState *cpu)
{
    g_atomic_int_set(&tcg_cpu(cpu)->slice_end, 1);
    cpu_loop_exit(cpu);
}

void cpu_request_event(CPUState *cpu, AccelEvent ev)
{
    tcg_cpu(cpu)->event = ev + 1;
    cpu_exit(cpu);
}

bool cpu_breakpoint_test(CPUState *cpu, vaddr pc)
{
    const GuestDebug *d = &tcg_cpu(cpu)->debug;

    for (unsigned i = 0; i < d->nr_points; i++) {
        if (d->points[i].addr == pc &&
            d->points[i].kind <= GUEST_DEBUG_HW_BREAK) {
            cpu->debug_watch_kind = d->points[i].kind;
            return true;
        }
    }
    return false;
}

/* Stop for the debugger once the loop is back (big lock not needed: the
 * event is reported by the vCPU thread). */
void cpu_debug_request(CPUState *cpu, GuestDebugStop why)
{
    cpu->debug_stop = why;
    tcg_cpu(cpu)->event = ACCEL_EVENT_DEBUG + 1;
}

G_NORETURN void cpu_debug_break(CPUState *cpu)
{
    cpu_debug_request(cpu, GUEST_DEBUG_STOP_BREAK);
    cpu_loop_exit(cpu);
}

void cpu_watchpoint_hit(CPUState *cpu, const GuestDebugPoint *p, vaddr addr,
                        uintptr_t retaddr)
{
    TCGCPU *tc = tcg_cpu(cpu);
    uint64_t where = MAX((uint64_t)addr, p->addr);

    if (tc->watch_state == TCG_WATCH_RERUN) {
        if (!tc->watch_hit) {
            tc->watch_hit = true;
            tc->watch_hit_kind = p->kind;
            tc->watch_hit_addr = where;
        }
        return;
    }
    if (tc->event) {
        return;                 /* already stopping */
    }
    if (retaddr && cpu_restore_state(cpu, retaddr)) {
        tc->watch_state = TCG_WATCH_ARMED;
        tc->cflags_next_tb = tc->cflags | TB_CFLAGS_SINGLE_STEP |
                             TB_CFLAGS_NO_IRQ_CHECK;
        cpu_loop_exit(cpu);
    }
    cpu->debug_watch_kind = p->kind;
    cpu->debug_watch_addr = where;
    cpu_debug_request(cpu, GUEST_DEBUG_STOP_WATCH);
    cpu_exit(cpu);
}

/* The instruction that hit a watchpoint ran again alone: stop after it
 * if it @completed (no fault, which drops the hit as hardware does). */
static void cpu_watch_rerun_done(CPUState *cpu, bool completed)
{
    TCGCPU *tc = tcg_cpu(cpu);

    tc->watch_state = TCG_WATCH_IDLE;
    if (completed && tc->watch_hit) {
        cpu->debug_watch_kind = tc->watch_hit_kind;
        cpu->debug_watch_addr = tc->watch_hit_addr;
        cpu_debug_request(cpu, GUEST_DEBUG_STOP_WATCH);
    }
    tc->watch_hit = false;
}

/* The block for this state from the jump cache or the hash table; with
 * @probe, a fetch fault or a page that is not RAM gives NULL. */
static TranslationBlock *tb_lookup(CPUState *cpu, vaddr pc, uint64_t cs_base,
                                   uint32_t flags, uint32_t cflags, bool probe)
{
    TCGCPU *tc = tcg_cpu(cpu);
    TCGEngine *eng = tc->eng;
    unsigned h = tb_jmp_cache_hash(pc);
    const TBJmpCacheEntry *e = tb_jmp_cache_find(tc, h, pc, cs_base, flags,
                                                 cflags);
    TranslationBlock *tb;
    uint64_t phys;

    if (e) {
        eng->stats.lookup_jc++;
        return e->tb;
    }
    phys = probe ? probe_page_addr_code(cpu, pc) : get_page_addr_code(cpu, pc);
    if (phys == (uint64_t)-1) {
        return NULL;
    }
    /*
     * An entry from before the last TLB flush is still right if the
     * block's page is mapped where it was: a flush on a context switch or
     * a global flush mostly changes nothing for the kernel's code, and
     * this spares the hash table.
     */
    tb = tc->jmp_cache[h].tb;
    if (tb && !tb->invalid && tb->pc == pc && tb->cs_base == cs_base &&
        tb->flags == flags && tb->cflags == cflags &&
        tb->page_addr[0] == (phys & TARGET_PAGE_MASK) &&
        tb->page_addr[1] == (uint64_t)-1) {
        eng->stats.lookup_jc++;
        tb_jmp_cache_set(tc, h, tb);
        return tb;
    }
    tb = tb_htable_lookup(eng, pc, cs_base, flags, cflags, phys);
    if (tb && tb->page_addr[1] != (uint64_t)-1 &&
        probe_page_addr_code(cpu, (pc & TARGET_PAGE_MASK) + TARGET_PAGE_SIZE)
            != tb->page_addr[1]) {
        /* Its second page is mapped elsewhere now. */
        if (!probe) {
            tb_invalidate(eng, tb);
        }
        return NULL;
    }
    if (tb) {
        eng->stats.lookup_hash++;
        tb_jmp_cache_set(tc, h, tb);
    }
    return tb;
}

const void *helper_lookup_tb_ptr(CPUArchState *env)
{
    TCGCPU *tc = tcg_cpu(current_cpu);
    uint64_t cs_base;
    uint32_t flags;
    vaddr pc;

    uint32_t req = g_atomic_int_get((gint *)&current_cpu->interrupt_request);

    /* After an instruction that may have unmasked one: the loop's turn
     * if an interrupt can be taken now. */
    if (req && ((req & CPU_INTERRUPT_EXITTB) ||
                tc->eng->ops->has_work(current_cpu, req))) {
        tc->eng->stats.lookup_ptr_miss++;
        return NULL;
    }
    tc->eng->ops->get_tb_cpu_state(env, &pc, &cs_base, &flags);
    return helper_lookup_tb_ptr_state(env, pc, cs_base, flags);
}

const void *helper_lookup_tb_ptr_state(CPUArchState *env, uint64_t pc,
                                       uint64_t cs_base, uint32_t flags)
{
    CPUState *cpu = current_cpu;
    TCGCPU *tc = tcg_cpu(cpu);
    const TBJmpCacheEntry *e;
    TranslationBlock *tb;

    if (log_enabled(LOG_EXEC)) {
        return NULL;
    }
    e = tb_jmp_cache_find(tc, tb_jmp_cache_hash(pc), pc, cs_base, flags,
                          tc->cflags);
    if (e) {
        tc->eng->stats.lookup_jc++;
        tc->eng->stats.lookup_ptr++;
        return e->tc_ptr;
    }
    tb = tb_lookup(cpu, pc, cs_base, flags, tc->cflags, true);
    if (!tb) {
        tc->eng->stats.lookup_ptr_miss++;
        return NULL;
    }
    tc->eng->stats.lookup_ptr++;
    return tb->tc_ptr;
}

static TranslationBlock *tb_find(CPUState *cpu, TranslationBlock *last_tb,
                                 int tb_exit)
{
    TCGCPU *tc = tcg_cpu(cpu);
    TCGEngine *eng = tc->eng;
    uint32_t cflags = tc->cflags_next_tb ? tc->cflags_next_tb : tc->cflags;
    TranslationBlock *tb;
    uint64_t cs_base, flush_count = eng->flush_count;
    uint32_t flags;
    vaddr pc;

    tc->cflags_next_tb = 0;
    if (tc->watch_state == TCG_WATCH_ARMED) {
        tc->watch_state = TCG_WATCH_RERUN;
    }
    eng->ops->get_tb_cpu_state(cpu->env, &pc, &cs_base, &flags);
    tb = tb_lookup(cpu, pc, cs_base, flags, cflags, false);
    if (!tb) {
        tb = tb_gen_code(cpu, pc, cs_base, flags, cflags);
        if (!(tb->cflags & TB_CFLAGS_NOCACHE)) {
            tb_jmp_cache_set(tc, tb_jmp_cache_hash(pc), tb);
        }
    }
    if (last_tb && eng->flush_count == flush_count) {
        tb_add_jump(eng, last_tb, tb_exit, tb);
    }
    return tb;
}

/* Run @tb (and what it chains to); note how the last block left. */
static void cpu_loop_exec_tb(CPUState *cpu, TranslationBlock *tb,
                             TranslationBlock **last_tb, int *tb_exit)
{
    TCGCPU *tc = tcg_cpu(cpu);
    uintptr_t ret;

    if (log_enabled(LOG_EXEC) && log_addr_in_filter(tb->pc)) {
        log_printf("Trace %u: %p [pc=0x%" PRIx64 " cs_base=0x%" PRIx64
                   " flags=0x%x]\n", cpu->index, tb->tc_ptr, tb->pc,
                   tb->cs_base, tb->flags);
    }
    tc->eng->stats.tbs_executed++;
    ret = tcg_exec(tc->eng->ctx, cpu->env, tb->tc_ptr);
    *tb_exit = ret & TB_EXIT_MASK;
    *last_tb = (TranslationBlock *)(ret & ~(uintptr_t)TB_EXIT_MASK);
    if (*tb_exit == TB_EXIT_REQUESTED && (*last_tb)->nr_insns) {
        /* It ran nothing: its state is that of its first instruction (a
         * chained jump need not have stored the pc before goto_tb). */
        tc->eng->ops->restore_state(cpu->env, (*last_tb)->insns[0].data);
    }
    if (tc->sstep && *tb_exit != TB_EXIT_REQUESTED) {
        cpu_debug_request(cpu, GUEST_DEBUG_STOP_STEP);
    }
    if (tc->watch_state == TCG_WATCH_RERUN) {
        cpu_watch_rerun_done(cpu, *tb_exit != TB_EXIT_REQUESTED);
    }
    if (*tb_exit > TB_EXIT_JMP1) {
        *last_tb = NULL;
    }
}

/* Must the loop return to the vCPU thread? */
static bool cpu_must_leave(CPUState *cpu)
{
    TCGCPU *tc = tcg_cpu(cpu);

    return __atomic_load_n(&cpu->stop, __ATOMIC_SEQ_CST) ||
           __atomic_load_n(&cpu->quit, __ATOMIC_SEQ_CST) ||
           g_atomic_int_get(&tc->slice_end) || tc->event;
}

/* Work other threads asked for, done here where no block is running. */
static void cpu_do_pending_flushes(CPUState *cpu)
{
    TCGCPU *tc = tcg_cpu(cpu);

    if (g_atomic_int_get(&tc->tb_flush_pending)) {
        g_atomic_int_set(&tc->tb_flush_pending, 0);
        tb_flush_all(tc->eng);
    }
    if (g_atomic_int_get(&tc->tlb_flush_pending)) {
        g_atomic_int_set(&tc->tlb_flush_pending, 0);
        tb_invalidate_pending(tc->eng);
        tlb_refresh_flatview(tc);
        tlb_flush(cpu);
    }
}

static bool cpu_handle_exception(CPUState *cpu, TCGExecExit *ret)
{
    const TCGCPUOps *ops = tcg_cpu(cpu)->eng->ops;

    if (ops->exception_pending(cpu->env)) {
        ops->do_interrupt(cpu);
        /* Stepping into a fault's (or INT n's) handler stops at its
         * first instruction, as gdb shows it on real hardware. */
        if (tcg_cpu(cpu)->sstep) {
            cpu_debug_request(cpu, GUEST_DEBUG_STOP_STEP);
        }
    }
    if (tcg_cpu(cpu)->sstep && cpu->halted) {
        cpu_debug_request(cpu, GUEST_DEBUG_STOP_STEP);   /* stepped HLT */
    }
    if (tcg_cpu(cpu)->event) {
        *ret = TCG_EXEC_EVENT;
        return true;
    }
    if (cpu->halted) {
        *ret = TCG_EXEC_HALTED;
        return true;
    }
    *ret = TCG_EXEC_EXIT;
    return cpu_must_leave(cpu);
}

static bool cpu_handle_interrupt(CPUState *cpu, TranslationBlock **last_tb)
{
    TCGCPU *tc = tcg_cpu(cpu);
    const TCGCPUOps *ops = tc->eng->ops;
    uint32_t req;

    /* Cleared before the flags are read: a later kick is not lost. */
    g_atomic_int_set(cpu_exit_request(tc), 0);
    if (cpu_must_leave(cpu)) {
        return true;
    }
    if (g_atomic_int_get(&tc->tb_flush_pending) ||
        g_atomic_int_get(&tc->tlb_flush_pending)) {
        cpu_do_pending_flushes(cpu);
        *last_tb = NULL;
    }
    req = g_atomic_int_get((gint *)&cpu->interrupt_request);
    /* A debugger's single step masks interrupts (what gdb expects). */
    if (!req || (tc->cflags_next_tb & TB_CFLAGS_NO_IRQ_CHECK) || tc->sstep) {
        return false;
    }
    if (req & CPU_INTERRUPT_EXITTB) {
        g_atomic_int_and((guint *)&cpu->interrupt_request,
                         ~CPU_INTERRUPT_EXITTB);
        *last_tb = NULL;
    }
    if (ops->exec_interrupt && ops->exec_interrupt(cpu, req)) {
        *last_tb = NULL;
    }
    return ops->exception_pending(cpu->env) || cpu->halted || tc->event;
}

/* Fresh locals after every longjmp: nothing survives from the frame that
 * was abandoned. */
__attribute__((noinline))
static TCGExecExit cpu_exec_loop(CPUState *cpu)
{
    TCGExecExit ret;

    while (!cpu_handle_exception(cpu, &ret)) {
        TranslationBlock *last_tb = NULL;
        int tb_exit = 0;

        while (!cpu_handle_interrupt(cpu, &last_tb)) {
            TranslationBlock *tb = tb_find(cpu, last_tb, tb_exit);

            cpu_loop_exec_tb(cpu, tb, &last_tb, &tb_exit);
        }
    }
    return ret;
}

static TCGExecExit cpu_exec_setjmp(CPUState *cpu)
{
    TCGCPU *tc = tcg_cpu(cpu);

    if (sigsetjmp(tc->jmp_env, 0) != 0) {
        /* Back from cpu_loop_exit. */
        if (tc->translating) {
            tb_free(tc->translating);
            tc->translating = NULL;
            log_suppressed = 0;
        }
        if (tc->watch_state == TCG_WATCH_RERUN) {
            cpu_watch_rerun_done(cpu,
                                 !tc->eng->ops->exception_pending(cpu->env));
        }
        if (bql_locked()) {
            bql_unlock();
        }
    }
    return cpu_exec_loop(cpu);
}

TCGExecExit cpu_exec(CPUState *cpu)
{
    const TCGCPUOps *ops = tcg_cpu(cpu)->eng->ops;
    TCGExecExit ret = TCG_EXEC_HALTED;

    current_cpu = cpu;
    tlb_set_env_ptr(tcg_cpu(cpu));
    if (ops->cpu_exec_enter) {
        ops->cpu_exec_enter(cpu);   /* may set cpu->halted from env */
    }
    if (!cpu->halted ||
        ops->has_work(cpu, g_atomic_int_get((gint *)&cpu->interrupt_request))) {
        cpu->halted = false;
        ret = cpu_exec_setjmp(cpu);
    }
    if (ops->cpu_exec_exit) {
        ops->cpu_exec_exit(cpu);
    }
    current_cpu = NULL;
    return ret;
}
