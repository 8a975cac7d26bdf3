/* SPDX-License-Identifier: MIT */
/*
 * The tcg row of the accelerator table: one engine (code buffer, block
 * tables) for the machine, a MemoryListener that flushes the TLBs when
 * the memory map changes, and the vCPU threads. Each vCPU has a thread so
 * that accel/cpus.c parks it like any other, but only the holder of a
 * round-robin token runs guest code (the engine is single-threaded); a
 * vCPU waiting for the token for more than a time slice asks the holder
 * to give it up. The big lock is held for I/O and events only, never
 * while generated code runs.
 */
#include "tcg-internal.h"
#include "accel/cpus.h"
#include "util/bql.h"
#include "util/cutils.h"
#include "util/log.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define TCG_DEFAULT_CODE_SIZE   (256u << 20)
#define TCG_SLICE_US            10000

/*
 * The target's hooks. Until target-i386 defines its own, this empty one
 * links instead and the accelerator reports that it has no translator.
 */
__attribute__((weak)) const TCGCPUOps tcg_cpu_ops = { 0 };

const AccelOps tcg_accel_ops;

struct AccelState {
    AccelConfig cfg;
    TCGEngine *eng;
    MemoryListener listener;
    bool one_insn_per_tb;
    bool print_stats;
    /* The round-robin token: a ticket lock. */
    GMutex rr_lock;
    GCond rr_cond;
    uint64_t rr_next_ticket;
    uint64_t rr_serving;
    CPUState *rr_owner;
};

static bool tcg_available(GError **errp)
{
    if (!tcg_cpu_ops.translate) {
        g_set_error(errp, KESTREL_ERROR, 0,
                    "this build has no translator for the target yet");
        return false;
    }
    return true;
}

/*
 * A range whose contents changed with the map (added, moved, removed,
 * now RAM where a ROM was): blocks translated from it are stale. Only
 * RAM and ROM hold code (I/O code is never kept).
 */
static void tcg_listener_region_change(MemoryListener *l,
                                       MemoryRegionSection *sec)
{
    AccelState *s = container_of(l, AccelState, listener);

    if (memory_region_is_ram(sec->mr)) {
        tb_invalidate_later(s->eng, sec->offset_within_address_space,
                            sec->offset_within_address_space + sec->size);
    }
}

/* The memory map changed: every vCPU drops its TLB before its next block. */
static void tcg_listener_commit(MemoryListener *l)
{
    AccelState *s = container_of(l, AccelState, listener);

    for (guint i = 0; i < s->eng->cpus->len; i++) {
        CPUState *cpu = g_ptr_array_index(s->eng->cpus, i);

        g_atomic_int_set(&tcg_cpu(cpu)->tlb_flush_pending, 1);
        cpu_exit(cpu);
    }
}

static bool tcg_parse_props(AccelState *s, const char *props,
                            uint64_t *code_size, GError **errp)
{
    g_auto(GStrv) items = g_strsplit(props ? props : "", ",", -1);

    for (char **it = items; *it; it++) {
        const char *eq = strchr(*it, '=');
        g_autofree char *key = eq ? g_strndup(*it, eq - *it) : g_strdup(*it);
        const char *val = eq ? eq + 1 : "on";

        if (!**it) {
            continue;
        }
        if (!strcmp(key, "tb-size")) {
            /* QEMU's floor; above 2 GiB the rel32 jumps that chain
             * blocks could not reach across the buffer. */
            const uint64_t min = 1ull << 20, max = 2048ull << 20;

            if (!parse_size(val, 'M', code_size, errp)) {
                return false;
            }
            if (*code_size < min || *code_size > max) {
                g_set_error(errp, KESTREL_ERROR, 0, "tb-size=%s: the code "
                            "buffer must be between 1M and 2048M (a bare "
                            "number is MiB)", val);
                return false;
            }
        } else if (!strcmp(key, "one-insn-per-tb")) {
            if (!parse_bool(val, &s->one_insn_per_tb, errp)) {
                return false;
            }
        } else if (!strcmp(key, "stats")) {
            if (!parse_bool(val, &s->print_stats, errp)) {
                return false;
            }
        } else {
            g_set_error(errp, KESTREL_ERROR, 0, "tcg has no property '%s' "
                        "(tb-size, one-insn-per-tb, stats)", key);
            return false;
        }
    }
    return true;
}

static void tcg_destroy(AccelState *s);

static AccelState *tcg_init(const AccelConfig *cfg, GError **errp)
{
    AccelState *s = g_new0(AccelState, 1);
    uint64_t code_size = TCG_DEFAULT_CODE_SIZE;

    s->cfg = *cfg;
    g_mutex_init(&s->rr_lock);
    g_cond_init(&s->rr_cond);
    if (!tcg_parse_props(s, cfg->props, &code_size, errp)) {
        tcg_destroy(s);
        return NULL;
    }
    s->eng = tcg_engine_new(&tcg_cpu_ops, code_size, cfg->as_memory,
                            cfg->as_io, errp);
    if (!s->eng) {
        tcg_destroy(s);
        return NULL;
    }
    s->eng->count_runs = s->print_stats;
    s->listener = (MemoryListener){
        .commit = tcg_listener_commit,
        .region_add = tcg_listener_region_change,
        .region_del = tcg_listener_region_change,
    };
    memory_listener_register(&s->listener, cfg->as_memory);
    return s;
}

static bool tcg_vcpu_create(AccelState *s, CPUState *cpu, GError **errp)
{
    TCGCPU *tc;

    if (tcg_cpu_ops.cpu_init &&
        !tcg_cpu_ops.cpu_init(cpu, s->cfg.cpu_model, s->cfg.ncpus, errp)) {
        return false;
    }
    cpu->accel = s;
    tc = tcg_engine_add_cpu(s->eng, cpu);
    tc->cflags = s->one_insn_per_tb ? TB_CFLAGS_SINGLE_STEP : 0;
    return true;
}

static void rr_acquire(AccelState *s, CPUState *cpu)
{
    uint64_t ticket;

    g_mutex_lock(&s->rr_lock);
    ticket = s->rr_next_ticket++;
    while (s->rr_serving != ticket) {
        gint64 until = g_get_monotonic_time() + TCG_SLICE_US;

        if (!g_cond_wait_until(&s->rr_cond, &s->rr_lock, until) &&
            s->rr_owner) {
            /* The holder had its slice: ask it to leave. */
            g_atomic_int_set(&tcg_cpu(s->rr_owner)->slice_end, 1);
            cpu_exit(s->rr_owner);
        }
    }
    s->rr_owner = cpu;
    g_mutex_unlock(&s->rr_lock);
}

static void rr_release(AccelState *s, CPUState *cpu)
{
    g_mutex_lock(&s->rr_lock);
    s->rr_owner = NULL;
    s->rr_serving++;
    g_atomic_int_set(&tcg_cpu(cpu)->slice_end, 0);
    g_cond_broadcast(&s->rr_cond);
    g_mutex_unlock(&s->rr_lock);
}

static void tcg_print_stats(AccelState *s)
{
    const TCGStats *st = &s->eng->stats;

    fprintf(stderr,
            "tcg: %" PRIu64 " TBs translated (%" PRIu64 " guest instructions, %"
            PRIu64 " guest bytes, %" PRIu64 " host bytes), %" PRIu64
            " TB entries from the loop\n"
            "tcg: lookups: jump cache %" PRIu64 ", hash %" PRIu64
            ", goto_ptr %" PRIu64 " (+%" PRIu64 " misses)\n"
            "tcg: %" PRIu64 " chains patched, %" PRIu64 " flushes, %" PRIu64
            " invalidations, %" PRIu64 " SMC restarts\n"
            "tcg: TLB: %" PRIu64 " fills, %" PRIu64 " flushes, %" PRIu64
            " page flushes\n",
            st->tbs_translated, st->guest_insns, st->guest_bytes, st->code_bytes,
            st->tbs_executed, st->lookup_jc, st->lookup_hash, st->lookup_ptr,
            st->lookup_ptr_miss, st->chains, st->flushes, st->invalidations,
            st->smc_restarts, st->tlb_fills, st->tlb_flushes,
            st->tlb_flush_pages);
    if (st->tb_runs) {
        uint64_t ptr = st->probe_hits + st->lookup_ptr;
        uint64_t chained = st->tb_runs > ptr + st->tbs_executed
                           ? st->tb_runs - ptr - st->tbs_executed : 0;

        fprintf(stderr,
                "tcg: %" PRIu64 " block runs: %.1f%% through patched chains, "
                "%.1f%% through goto_ptr (%" PRIu64 " inline probe hits), "
                "%.1f%% from the loop\n",
                st->tb_runs, 100.0 * chained / st->tb_runs,
                100.0 * ptr / st->tb_runs, st->probe_hits,
                100.0 * st->tbs_executed / st->tb_runs);
    }
}

/* After a cpu_exec: report an event the guest caused (big lock held). */
static void tcg_handle_exit_locked(CPUState *cpu, TCGExecExit r)
{
    TCGCPU *tc = tcg_cpu(cpu);
    AccelEvent ev;

    if (r != TCG_EXEC_EVENT) {
        return;
    }
    ev = tc->event - 1;
    tc->event = 0;
    cpu->stop = true;
    cpu->accel->cfg.event(cpu, ev, NULL);
}

/* A debugger steps a vCPU waiting in HLT: the step is done at once. */
static bool tcg_step_halted_locked(CPUState *cpu)
{
    if (!tcg_cpu(cpu)->sstep || !cpu->halted ||
        tcg_cpu_ops.has_work(cpu, cpu->interrupt_request)) {
        return false;
    }
    cpu->debug_stop = GUEST_DEBUG_STOP_STEP;
    cpu->stop = true;
    cpu->accel->cfg.event(cpu, ACCEL_EVENT_DEBUG, NULL);
    return true;
}

static bool tcg_cpu_idle_locked(CPUState *cpu)
{
    return cpu->halted &&
           !tcg_cpu_ops.has_work(cpu, cpu->interrupt_request);
}

static gpointer tcg_vcpu_thread(gpointer opaque)
{
    CPUState *cpu = opaque;
    AccelState *s = cpu->accel;

    bql_lock();
    for (;;) {
        TCGExecExit r;

        if (cpu->stop && s->print_stats && cpu->index == 0) {
            tcg_print_stats(s);     /* before parking: vl/ may exit then */
        }
        if (!cpu_park_if_stopped_locked(&tcg_accel_ops, cpu)) {
            break;
        }

        if (tcg_step_halted_locked(cpu)) {
            continue;
        }
        if (tcg_cpu_idle_locked(cpu)) {
            bql_cond_wait(&cpu->cond);
            continue;
        }
        cpu->state_valid = false;
        bql_unlock();
        rr_acquire(s, cpu);
        r = cpu_exec(cpu);
        rr_release(s, cpu);
        bql_lock();
        cpu->state_valid = true;
        tcg_handle_exit_locked(cpu, r);
    }
    bql_unlock();
    return NULL;
}

static void tcg_vcpu_kick(CPUState *cpu)
{
    cpu_exit(cpu);
    g_cond_broadcast(&cpu->cond);
}

/* env is the state; cpu_exec_exit folded lazy flags in before parking. */
static bool tcg_get_registers(CPUState *cpu, GError **errp)
{
    return true;
}

/* Someone changed env (reset, debugger): the mode, paging and the code
 * (a reset reloads the kernel) may all be new. */
static bool tcg_put_registers(CPUState *cpu, GError **errp)
{
    g_atomic_int_set(&tcg_cpu(cpu)->tlb_flush_pending, 1);
    g_atomic_int_set(&tcg_cpu(cpu)->tb_flush_pending, 1);
    return true;
}

/* Linear to physical through the target's page walk, probing only. */
static bool tcg_translate_debug(CPUState *cpu, uint64_t vaddr,
                                uint64_t *phys)
{
    TLBFillResult r;
    int mmu_idx = tcg_cpu_ops.mmu_index ? tcg_cpu_ops.mmu_index(cpu, false)
                                        : 0;

    if (!tcg_cpu_ops.tlb_fill(cpu, vaddr, MMU_DATA_LOAD, mmu_idx, true, 0,
                              &r) &&
        !tcg_cpu_ops.tlb_fill(cpu, vaddr, MMU_INST_FETCH, mmu_idx, true, 0,
                              &r)) {
        return false;
    }
    if (r.page_size > TARGET_PAGE_SIZE) {
        r.phys = (r.phys & ~(r.page_size - 1)) | (vaddr & (r.page_size - 1));
    } else {
        r.phys = (r.phys & TARGET_PAGE_MASK) | (vaddr & ~TARGET_PAGE_MASK);
    }
    *phys = r.phys;
    return true;
}

/* Drop the blocks holding @addr's code so they are translated again with
 * (or without) the breakpoint check; everything when it is not mapped. */
static void tcg_invalidate_breakpoint(CPUState *cpu, uint64_t addr)
{
    TCGCPU *tc = tcg_cpu(cpu);
    uint64_t phys;

    if (tcg_translate_debug(cpu, addr, &phys)) {
        tb_invalidate_phys_range_ra(tc->eng, NULL, phys, phys + 1, 0);
    } else {
        g_atomic_int_set(&tc->tb_flush_pending, 1);
    }
}

static bool tcg_has_breakpoint(const GuestDebug *d, uint64_t addr)
{
    for (unsigned i = 0; i < d->nr_points; i++) {
        if (d->points[i].kind <= GUEST_DEBUG_HW_BREAK &&
            d->points[i].addr == addr) {
            return true;
        }
    }
    return false;
}

static bool tcg_has_watchpoint(const GuestDebug *d, const GuestDebugPoint *w)
{
    for (unsigned i = 0; i < d->nr_points; i++) {
        if (d->points[i].kind == w->kind && d->points[i].addr == w->addr &&
            d->points[i].len == w->len) {
            return true;
        }
    }
    return false;
}

/* Watchpoints that come or go: their pages' TLB entries are refilled
 * with (or without) TLB_WATCH, so every access there takes the slow
 * path, which checks the ranges (cputlb.c). */
static void tcg_update_watchpoints(CPUState *cpu, const GuestDebug *old)
{
    TCGCPU *tc = tcg_cpu(cpu);

    tc->nr_watch = 0;
    tc->watch_state = TCG_WATCH_IDLE;
    tc->watch_hit = false;
    for (unsigned i = 0; i < tc->debug.nr_points; i++) {
        const GuestDebugPoint *p = &tc->debug.points[i];

        if (p->kind >= GUEST_DEBUG_WATCH_WRITE) {
            tc->nr_watch++;
            if (!tcg_has_watchpoint(old, p)) {
                tlb_flush_range(cpu, p->addr, p->len);
            }
        }
    }
    for (unsigned i = 0; i < old->nr_points; i++) {
        const GuestDebugPoint *p = &old->points[i];

        if (p->kind >= GUEST_DEBUG_WATCH_WRITE &&
            !tcg_has_watchpoint(&tc->debug, p)) {
            tlb_flush_range(cpu, p->addr, p->len);
        }
    }
}

static bool tcg_set_guest_debug(CPUState *cpu, const GuestDebug *debug,
                                GError **errp)
{
    TCGCPU *tc = tcg_cpu(cpu);
    AccelState *s = cpu->accel;
    GuestDebug old = tc->debug;

    for (unsigned i = 0; i < debug->nr_points; i++) {
        const GuestDebugPoint *p = &debug->points[i];

        if (p->kind >= GUEST_DEBUG_WATCH_WRITE &&
            (p->len == 0 || p->len > 8)) {
            g_set_error(errp, KESTREL_ERROR, 0, "tcg: a watchpoint covers "
                        "1 to 8 bytes, not %" PRIu64, p->len);
            return false;
        }
    }
    tc->debug = *debug;
    tcg_update_watchpoints(cpu, &old);
    for (unsigned i = 0; i < old.nr_points; i++) {
        if (old.points[i].kind <= GUEST_DEBUG_HW_BREAK &&
            !tcg_has_breakpoint(debug, old.points[i].addr)) {
            tcg_invalidate_breakpoint(cpu, old.points[i].addr);
        }
    }
    for (unsigned i = 0; i < debug->nr_points; i++) {
        if (debug->points[i].kind <= GUEST_DEBUG_HW_BREAK &&
            !tcg_has_breakpoint(&old, debug->points[i].addr)) {
            tcg_invalidate_breakpoint(cpu, debug->points[i].addr);
        }
    }
    tc->sstep = debug->single_step;
    tc->cflags = (s->one_insn_per_tb || tc->sstep) ? TB_CFLAGS_SINGLE_STEP
                                                   : 0;
    return true;
}

static void tcg_destroy(AccelState *s)
{
    if (!s) {
        return;
    }
    if (s->eng) {
        if (s->print_stats) {
            tcg_print_stats(s);
        }
        memory_listener_unregister(&s->listener);
        tcg_engine_free(s->eng);
    }
    g_mutex_clear(&s->rr_lock);
    g_cond_clear(&s->rr_cond);
    g_free(s);
}

int cpu_ack_interrupt(CPUState *cpu)
{
    AccelState *s = cpu->accel;
    bool locked = bql_locked();
    int vector = -1;

    if (!s || !s->cfg.ack_interrupt) {
        return -1;
    }
    if (!locked) {
        bql_lock();
    }
    vector = s->cfg.ack_interrupt(s->cfg.ack_opaque, cpu->index);
    if (!locked) {
        bql_unlock();
    }
    return vector;
}

const AccelOps tcg_accel_ops = {
    .name = "tcg",
    .desc = "dynamic binary translator (runs without KVM)",
    .available = tcg_available,
    .init = tcg_init,
    .vcpu_create = tcg_vcpu_create,
    .vcpu_thread = tcg_vcpu_thread,
    .vcpu_kick = tcg_vcpu_kick,
    .get_registers = tcg_get_registers,
    .put_registers = tcg_put_registers,
    .set_guest_debug = tcg_set_guest_debug,
    .translate_debug = tcg_translate_debug,
    .destroy = tcg_destroy,
};
