/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of accel/tcg, the execution engine, driven by a toy target
 * defined here: 8-byte instructions in guest RAM (add-immediate, load,
 * store, direct and conditional jumps, an indirect jump through
 * helper_lookup_tb_ptr, a faulting instruction, halt, shutdown), a
 * 64-entry page table in env, and a memory map with RAM, ROM, an I/O
 * device and a hole built with the real memory API. The tests check the
 * three lookup levels, chaining (patched jumps taken: fewer entries from
 * the loop), goto_ptr, self-modifying code (also into the running block),
 * the TLB (fill, flush, flush_page, large pages, page-crossing accesses,
 * I/O, ROM, unassigned), exceptions restoring the faulting pc, exit
 * requests from another thread, halt and interrupts, events, and the
 * buffer-full flush.
 */
#include "accel/tcg/tcg-internal.h"
#include "tcg/tcg-op.h"
#include "util/bql.h"

#include <string.h>

/* ---- the toy target ------------------------------------------------------ */

enum { T_ADDI = 1, T_LD, T_ST, T_JMP, T_BNZ, T_JR, T_FAULT, T_HALT,
       T_SHUTDOWN };

#define TOY_VALID   (1u << 0)
#define TOY_WRITE   (1u << 1)
#define TOY_LARGE   (1u << 2)       /* a 64 KiB page */
#define TOY_GLOBAL  (1u << 3)       /* kept by tlb_flush_nonglobal */
#define TOY_PAGES   64
#define EXC_FAULT   1
#define EXC_PAGE    14

struct CPUArchState {
    uint64_t r[8];
    uint64_t pc;
    int32_t exit_request;
    int32_t exception;              /* -1: none */
    uint64_t fault_pc, fault_addr;
    unsigned delivered, interrupts;
    uint32_t paging;                /* also the mmu index and TB flags */
    uint64_t map[TOY_PAGES];        /* phys | TOY_* when paging */
    bool two_pages;                 /* blocks go on into the next page */
    bool xpage_chain;               /* jumps to other pages chained */
    CPUState *cpu;
    void *tlb;                      /* for the inline TLB fast path */
};
typedef struct CPUArchState ToyEnv;

static TCGv toy_r[8], toy_pc;

static void toy_init_context(TCGContext *s)
{
    static const char *const names[8] = { "r0", "r1", "r2", "r3", "r4", "r5",
                                          "r6", "r7" };

    for (int i = 0; i < 8; i++) {
        toy_r[i] = tcg_global_mem_new(s, TCG_TYPE_I64,
                                      offsetof(ToyEnv, r[i]), names[i]);
    }
    toy_pc = tcg_global_mem_new(s, TCG_TYPE_I64, offsetof(ToyEnv, pc), "pc");
}

static void toy_get_tb_cpu_state(CPUArchState *env, vaddr *pc,
                                 uint64_t *cs_base, uint32_t *flags)
{
    *pc = env->pc;
    *cs_base = 0;
    *flags = env->paging;
}

static void helper_fault(ToyEnv *env)
{
    env->exception = EXC_FAULT;
    cpu_loop_exit_restore(env->cpu, GETPC());
}

static void helper_halt(ToyEnv *env)
{
    env->cpu->halted = true;
    cpu_loop_exit(env->cpu);
}

static void helper_shutdown(ToyEnv *env)
{
    cpu_request_event(env->cpu, ACCEL_EVENT_SHUTDOWN);
    cpu_loop_exit(env->cpu);
}

static const TCGHelperInfo info_fault = {
    "fault", (const void *)helper_fault, TCG_CALL_READS_GLOBALS };
static const TCGHelperInfo info_halt = {
    "halt", (const void *)helper_halt, TCG_CALL_READS_GLOBALS };
static const TCGHelperInfo info_shutdown = {
    "shutdown", (const void *)helper_shutdown, TCG_CALL_READS_GLOBALS };
static const TCGHelperInfo info_lookup = {
    "lookup_tb_ptr", (const void *)helper_lookup_tb_ptr,
    TCG_CALL_READS_GLOBALS };

/* pc := dest, chained through slot n when dest is on tb's page (and,
 * with ToyEnv.xpage_chain, behind a page check when it is not). */
static void toy_gen_jump(TCGContext *s, CPUState *cpu, TranslationBlock *tb,
                         unsigned n, uint64_t dest)
{
    TCGLabel *miss;

    if ((dest ^ tb->pc) & TARGET_PAGE_MASK) {
        if (((ToyEnv *)cpu->env)->xpage_chain &&
            tcg_gen_goto_tb_page(cpu, s, n, dest,
                                 miss = tcg_gen_new_label(s))) {
            tcg_gen_movi(s, toy_pc, dest);
            tcg_gen_exit_tb(s, (uintptr_t)tb | n);
            tcg_gen_set_label(s, miss);
            tcg_gen_code_page_fill(s, dest);
        }
        tcg_gen_movi(s, toy_pc, dest);
        tcg_gen_exit_tb(s, 0);
        return;
    }
    tcg_gen_goto_tb(s, n);
    tcg_gen_movi(s, toy_pc, dest);
    tcg_gen_exit_tb(s, (uintptr_t)tb | n);
}

/* One instruction at pc; false when it ends the block. */
static bool toy_translate_insn(TCGContext *s, CPUState *cpu,
                               TranslationBlock *tb, uint64_t pc)
{
    uint64_t insn = translator_ld(cpu, pc, MO_64);
    unsigned op = insn & 0xff, rd = (insn >> 8) & 7, rs = (insn >> 16) & 7;
    MemOp mop = (insn >> 24) & 0xff;
    int64_t imm = (int32_t)(insn >> 32);
    int mmu_idx = ((ToyEnv *)cpu->env)->paging;
    TCGv env = tcg_env(s), t;
    TCGLabel *l;

    tcg_gen_insn_start(s, pc, 0);
    switch (op) {
    case T_ADDI:
        tcg_gen_addi(s, toy_r[rd], toy_r[rs], imm);
        return true;
    case T_LD:
    case T_ST:
        t = tcg_temp_new(s, TCG_TYPE_I64);
        tcg_gen_addi(s, t, toy_r[rs], imm);
        if (op == T_LD) {
            tcg_gen_guest_ld(s, toy_r[rd], t, mop, mmu_idx);
        } else {
            tcg_gen_guest_st(s, toy_r[rd], t, mop, mmu_idx);
        }
        return true;
    case T_JMP:
        toy_gen_jump(s, cpu, tb, 0, imm);
        return false;
    case T_BNZ:
        l = tcg_gen_new_label(s);
        tcg_gen_brcondi(s, TCG_COND_EQ, toy_r[rs], 0, l);
        toy_gen_jump(s, cpu, tb, 0, imm);
        tcg_gen_set_label(s, l);
        toy_gen_jump(s, cpu, tb, 1, pc + 8);
        return false;
    case T_JR:
        t = tcg_temp_new(s, TCG_TYPE_I64);
        tcg_gen_mov(s, toy_pc, toy_r[rs]);
        tcg_gen_call(s, &info_lookup, t, 1, &env);
        tcg_gen_goto_ptr(s, t);
        return false;
    case T_FAULT:
        tcg_gen_call(s, &info_fault, NULL, 1, &env);
        return true;
    case T_HALT:
    case T_SHUTDOWN:
        tcg_gen_movi(s, toy_pc, pc + 8);
        tcg_gen_call(s, op == T_HALT ? &info_halt : &info_shutdown, NULL, 1,
                     &env);
        tcg_gen_exit_tb(s, 0);
        return false;
    default:
        g_assert_not_reached();
    }
}

static void toy_translate(TCGContext *s, CPUState *cpu, TranslationBlock *tb,
                          int max_insns)
{
    TCGLabel *exit_req = tcg_gen_new_label(s), *page2_miss = NULL;
    TCGv t = tcg_temp_new(s, TCG_TYPE_I32);
    uint64_t pc = tb->pc, page2 = (tb->pc & TARGET_PAGE_MASK) +
                                  TARGET_PAGE_SIZE;
    bool more = true;

    tcg_gen_ld32s(s, t, tcg_env(s), offsetof(ToyEnv, exit_request));
    tcg_gen_brcondi(s, TCG_COND_NE, t, 0, exit_req);
    for (int n = 0; more && n < max_insns; n++) {
        more = toy_translate_insn(s, cpu, tb, pc);
        pc += 8;
        tb->icount++;
        if (more && pc == page2 && n + 1 < max_insns &&
            ((ToyEnv *)cpu->env)->two_pages && translator_can_fetch(cpu, pc)) {
            /* On into the next page, as x86 does, checking it first. */
            page2_miss = tcg_gen_new_label(s);
            tcg_gen_check_second_page(cpu, s, page2_miss);
            continue;
        }
        if (more && (n + 1 == max_insns || !(pc & ~TARGET_PAGE_MASK))) {
            toy_gen_jump(s, cpu, tb, 0, pc);
            more = false;
        }
    }
    tb->size = pc - tb->pc;
    tcg_gen_set_label(s, exit_req);
    tcg_gen_exit_tb(s, (uintptr_t)tb | TB_EXIT_REQUESTED);
    if (page2_miss) {
        tcg_gen_set_label(s, page2_miss);
        tcg_gen_code_page_fill(s, page2);
        tcg_gen_movi(s, toy_pc, page2);
        tcg_gen_exit_tb(s, 0);
    }
}

static void toy_restore_state(CPUArchState *env, const uint64_t *data)
{
    env->pc = data[0];
}

static bool toy_tlb_fill(CPUState *cpu, vaddr addr, MMUAccessType access,
                         int mmu_idx, bool probe, uintptr_t retaddr,
                         TLBFillResult *out)
{
    ToyEnv *env = cpu->env;
    uint64_t vpn = addr >> TARGET_PAGE_BITS, e;

    if (!env->paging) {
        *out = (TLBFillResult){ addr, PAGE_READ | PAGE_WRITE | PAGE_EXEC, 0 };
        return true;
    }
    e = vpn < TOY_PAGES ? env->map[vpn] : 0;
    if (!(e & TOY_VALID) || (access == MMU_DATA_STORE && !(e & TOY_WRITE))) {
        if (probe) {
            return false;
        }
        env->exception = EXC_PAGE;
        env->fault_addr = addr;
        cpu_loop_exit_restore(cpu, retaddr);
    }
    out->phys = e & ~0xfffull;
    out->prot = PAGE_READ | PAGE_EXEC | ((e & TOY_WRITE) ? PAGE_WRITE : 0);
    out->page_size = (e & TOY_LARGE) ? 0x10000 : TARGET_PAGE_SIZE;
    out->global = e & TOY_GLOBAL;
    return true;
}

/* Record the fault and go on after the faulting instruction. */
static void toy_do_interrupt(CPUState *cpu)
{
    ToyEnv *env = cpu->env;

    env->fault_pc = env->pc;
    env->delivered++;
    env->pc += 8;
    env->exception = -1;
}

static bool toy_exception_pending(CPUArchState *env)
{
    return env->exception >= 0;
}

static bool toy_exec_interrupt(CPUState *cpu, uint32_t req)
{
    if (req & CPU_INTERRUPT_HARD) {
        ((ToyEnv *)cpu->env)->interrupts++;
        g_atomic_int_and((guint *)&cpu->interrupt_request,
                         ~CPU_INTERRUPT_HARD);
        return true;
    }
    return false;
}

static bool toy_has_work(CPUState *cpu, uint32_t req)
{
    return req & CPU_INTERRUPT_HARD;
}

static int toy_mmu_index(CPUState *cpu, bool ifetch)
{
    return ((ToyEnv *)cpu->env)->paging;
}

static const TCGCPUOps toy_ops = {
    .nb_mmu_modes = 2,
    .init_context = toy_init_context,
    .get_tb_cpu_state = toy_get_tb_cpu_state,
    .translate = toy_translate,
    .restore_state = toy_restore_state,
    .tlb_fill = toy_tlb_fill,
    .do_interrupt = toy_do_interrupt,
    .exec_interrupt = toy_exec_interrupt,
    .has_work = toy_has_work,
    .exception_pending = toy_exception_pending,
    .exit_request_offset = offsetof(ToyEnv, exit_request),
    .mmu_index = toy_mmu_index,
    .tlb_ptr_offset = offsetof(ToyEnv, tlb),
};

/* The same target without the inline fast path: every access a call. */
static TCGCPUOps toy_ops_no_tlb;

/* ---- the machine ---------------------------------------------------------- */

#define RAM_SIZE    0x40000
#define ROM_BASE    0x40000
#define IO_BASE     0x50000
#define HOLE        0x60000

typedef struct ToyDev {
    unsigned reads, writes;
    uint64_t last_addr, last_val;
    unsigned last_size;
} ToyDev;

static uint64_t toy_dev_read(void *opaque, hwaddr addr, unsigned size)
{
    ToyDev *d = opaque;

    g_assert_true(bql_locked());
    d->reads++;
    d->last_addr = addr;
    d->last_size = size;
    return 0x1122334455667788ull + addr;
}

static void toy_dev_write(void *opaque, hwaddr addr, uint64_t val,
                          unsigned size)
{
    ToyDev *d = opaque;

    d->writes++;
    d->last_addr = addr;
    d->last_val = val;
    d->last_size = size;
}

static const MemoryRegionOps toy_dev_ops = {
    .read = toy_dev_read,
    .write = toy_dev_write,
    .valid = { .min_access_size = 1, .max_access_size = 8 },
};

typedef struct Toy {
    MemoryRegion root, ram, rom, io;
    AddressSpace as;
    ToyDev dev;
    uint8_t *ram_ptr;
    TCGEngine *eng;
    CPUState cpu;
    ToyEnv env;
} Toy;

/* Slow-path calls, counted by wrappers of accel/tcg's hooks. */
static unsigned slow_loads, slow_stores;

static uint64_t count_load(void *env, uint64_t addr, uint32_t mop,
                           uint32_t mmu_idx, uintptr_t retaddr)
{
    slow_loads++;
    return tcg_guest_load(env, addr, mop, mmu_idx, retaddr);
}

static void count_store(void *env, uint64_t addr, uint64_t val, uint32_t mop,
                        uint32_t mmu_idx, uintptr_t retaddr)
{
    slow_stores++;
    tcg_guest_store(env, addr, val, mop, mmu_idx, retaddr);
}

static Toy *toy_new_ops(const TCGCPUOps *ops, size_t code_size)
{
    Toy *t = g_new0(Toy, 1);
    g_autoptr(GError) err = NULL;

    bql_lock();
    memory_region_init_container(&t->root, "root", UINT64_MAX);
    g_assert_true(memory_region_init_ram(&t->ram, "ram", RAM_SIZE, &err));
    g_assert_true(memory_region_init_rom(&t->rom, "rom", 0x1000, &err));
    memory_region_init_io(&t->io, &toy_dev_ops, &t->dev, "dev", 0x1000);
    memory_region_add_subregion(&t->root, 0, &t->ram);
    memory_region_add_subregion(&t->root, ROM_BASE, &t->rom);
    memory_region_add_subregion(&t->root, IO_BASE, &t->io);
    address_space_init(&t->as, &t->root, "toy");
    bql_unlock();
    t->ram_ptr = memory_region_get_ram_ptr(&t->ram);
    t->eng = tcg_engine_new(ops, code_size, &t->as, NULL, &err);
    g_assert_no_error(err);
    t->eng->ctx->guest_mem = (TCGGuestMemOps){ count_load, count_store };
    slow_loads = slow_stores = 0;
    t->cpu.env = &t->env;
    g_cond_init(&t->cpu.cond);
    t->env.cpu = &t->cpu;
    t->env.exception = -1;
    tcg_engine_add_cpu(t->eng, &t->cpu);
    return t;
}

static Toy *toy_new_size(size_t code_size)
{
    return toy_new_ops(&toy_ops, code_size);
}

static Toy *toy_new(void)
{
    return toy_new_size(16 << 20);
}

static void toy_free(Toy *t)
{
    tcg_engine_free(t->eng);
    bql_lock();
    address_space_destroy(&t->as);
    memory_region_del_subregion(&t->root, &t->ram);
    memory_region_del_subregion(&t->root, &t->rom);
    memory_region_del_subregion(&t->root, &t->io);
    memory_region_destroy(&t->ram);
    memory_region_destroy(&t->rom);
    memory_region_destroy(&t->io);
    memory_region_destroy(&t->root);
    bql_unlock();
    g_cond_clear(&t->cpu.cond);
    g_free(t);
}

static uint64_t insn(unsigned op, unsigned rd, unsigned rs, unsigned mop,
                     int32_t imm)
{
    return op | rd << 8 | rs << 16 | mop << 24 | (uint64_t)(uint32_t)imm << 32;
}

/* Assemble at physical @addr; returns the next address. */
static uint64_t put(Toy *t, uint64_t addr, uint64_t word)
{
    memcpy(t->ram_ptr + addr, &word, 8);
    return addr + 8;
}

/* Run from @pc until the toy halts (or leaves for another reason). */
static TCGExecExit run(Toy *t, uint64_t pc)
{
    t->env.pc = pc;
    t->cpu.halted = false;
    return cpu_exec(&t->cpu);
}

static uint64_t ram64(Toy *t, uint64_t addr)
{
    uint64_t v;

    memcpy(&v, t->ram_ptr + addr, 8);
    return v;
}

/* ---- tests ---------------------------------------------------------------- */

static void test_straight_line(void)
{
    Toy *t = toy_new();
    uint64_t a = 0x1000;

    a = put(t, a, insn(T_ADDI, 0, 0, 0, 5));
    a = put(t, a, insn(T_ADDI, 1, 0, 0, 7));
    a = put(t, a, insn(T_ST, 1, 2, MO_64, 0x2000));
    a = put(t, a, insn(T_LD, 3, 2, MO_32, 0x2000));
    put(t, a, insn(T_HALT, 0, 0, 0, 0));
    g_assert_cmpint(run(t, 0x1000), ==, TCG_EXEC_HALTED);
    g_assert_cmpuint(t->env.r[0], ==, 5);
    g_assert_cmpuint(t->env.r[1], ==, 12);
    g_assert_cmpuint(t->env.r[3], ==, 12);
    g_assert_cmpuint(ram64(t, 0x2000), ==, 12);
    g_assert_cmphex(t->env.pc, ==, 0x1028);
    g_assert_cmpuint(t->eng->stats.tbs_translated, ==, 1);
    toy_free(t);
}

/* r0 += 1 a thousand times in a loop that chains to itself. */
static void put_loop(Toy *t, uint64_t a, int n)
{
    a = put(t, a, insn(T_ADDI, 1, 7, 0, n));      /* r1 = r7 + n */
    a = put(t, a, insn(T_JMP, 0, 0, 0, a + 8));
    a = put(t, a, insn(T_ADDI, 0, 0, 0, 1));      /* loop: */
    a = put(t, a, insn(T_ADDI, 1, 1, 0, -1));
    a = put(t, a, insn(T_BNZ, 0, 1, 0, a - 16));
    put(t, a, insn(T_HALT, 0, 0, 0, 0));
}

static void test_chaining_and_lookup_levels(void)
{
    Toy *t = toy_new();
    TCGStats *st = &t->eng->stats;
    uint64_t entries;

    put_loop(t, 0x1000, 1000);
    g_assert_cmpint(run(t, 0x1000), ==, TCG_EXEC_HALTED);
    g_assert_cmpuint(t->env.r[0], ==, 1000);
    /* Blocks: entry, loop, halt. The loop ran 1000 times but was entered
     * from the exec loop only until its slot 0 was patched to itself. */
    g_assert_cmpuint(st->tbs_translated, ==, 3);
    g_assert_cmpuint(st->chains, >=, 2);
    g_assert_cmpuint(st->tbs_executed, <, 10);

    /* Again: every block comes from the jump cache, none translated. */
    entries = st->tbs_executed;
    st->lookup_jc = st->lookup_hash = 0;
    g_assert_cmpint(run(t, 0x1000), ==, TCG_EXEC_HALTED);
    g_assert_cmpuint(t->env.r[0], ==, 2000);
    g_assert_cmpuint(st->tbs_translated, ==, 3);
    g_assert_cmpuint(st->lookup_hash, ==, 0);
    g_assert_cmpuint(st->lookup_jc, ==, st->tbs_executed - entries);
    /* The chains were already there: entered once, ran to the end. */
    g_assert_cmpuint(st->tbs_executed - entries, ==, 1);

    /* After a flush (a new generation) the stale entry is checked
     * against the page mapping and taken again, without the hash table. */
    tb_jmp_cache_clear(tcg_cpu(&t->cpu));
    st->lookup_jc = 0;
    g_assert_cmpint(run(t, 0x1000), ==, TCG_EXEC_HALTED);
    g_assert_cmpuint(st->lookup_hash, ==, 0);
    g_assert_cmpuint(st->lookup_jc, ==, 1);

    /* Without the entries: the hash table. */
    memset(tcg_cpu(&t->cpu)->jmp_cache, 0,
           sizeof(tcg_cpu(&t->cpu)->jmp_cache));
    g_assert_cmpint(run(t, 0x1000), ==, TCG_EXEC_HALTED);
    g_assert_cmpuint(st->lookup_hash, ==, 1);
    g_assert_cmpuint(st->tbs_translated, ==, 3);
    toy_free(t);
}

/* A jump to another page is never chained; goto_ptr finds blocks. */
static void test_cross_page_and_goto_ptr(void)
{
    Toy *t = toy_new();
    TCGStats *st = &t->eng->stats;
    uint64_t a = 0x1000;

    /* r1 = 50; loop: r0++; jmp 0x3000 (other page); 0x3000: r1--;
     * bnz r1 -> 0x3010 (jr r5 = 0x1008) else halt */
    t->env.r[5] = 0x1008;
    a = put(t, a, insn(T_ADDI, 1, 7, 0, 50));
    a = put(t, a, insn(T_ADDI, 0, 0, 0, 1));
    put(t, a, insn(T_JMP, 0, 0, 0, 0x3000));
    a = 0x3000;
    a = put(t, a, insn(T_ADDI, 1, 1, 0, -1));
    a = put(t, a, insn(T_BNZ, 0, 1, 0, 0x3018));
    a = put(t, a, insn(T_HALT, 0, 0, 0, 0));
    put(t, a, insn(T_JR, 0, 5, 0, 0));
    g_assert_cmpint(run(t, 0x1000), ==, TCG_EXEC_HALTED);
    g_assert_cmpuint(t->env.r[0], ==, 50);
    g_assert_cmpuint(t->env.r[1], ==, 0);
    /* The jmp to 0x3000 leaves every time (50 entries at least); the jr
     * back found the block by goto_ptr after its first translation. */
    g_assert_cmpuint(st->tbs_executed, >=, 50);
    g_assert_cmpuint(st->lookup_ptr, >=, 48);
    g_assert_cmpuint(st->lookup_ptr_miss, <=, 1);
    toy_free(t);
}

static void test_exception_restores_pc(void)
{
    Toy *t = toy_new();
    uint64_t a = 0x1000;

    a = put(t, a, insn(T_ADDI, 0, 0, 0, 1));
    a = put(t, a, insn(T_ADDI, 0, 0, 0, 1));
    a = put(t, a, insn(T_FAULT, 0, 0, 0, 0));       /* at 0x1010 */
    a = put(t, a, insn(T_ADDI, 0, 0, 0, 1));
    put(t, a, insn(T_HALT, 0, 0, 0, 0));
    g_assert_cmpint(run(t, 0x1000), ==, TCG_EXEC_HALTED);
    g_assert_cmpuint(t->env.delivered, ==, 1);
    g_assert_cmphex(t->env.fault_pc, ==, 0x1010);
    g_assert_cmpuint(t->env.r[0], ==, 3);

    /* A page fault in a guest load restores the loading insn's pc. */
    t->env.paging = 1;
    t->env.map[1] = 0x1000 | TOY_VALID;
    t->env.map[2] = 0x2000 | TOY_VALID;             /* read-only */
    a = 0x1100;
    a = put(t, a, insn(T_ADDI, 0, 0, 0, 1));
    a = put(t, a, insn(T_ST, 0, 7, MO_32, 0x2000)); /* at 0x1108: #PF */
    a = put(t, a, insn(T_LD, 2, 7, MO_32, 0x5000)); /* at 0x1110: #PF */
    put(t, a, insn(T_HALT, 0, 0, 0, 0));
    t->env.r[0] = 0;
    t->env.delivered = 0;
    g_assert_cmpint(run(t, 0x1100), ==, TCG_EXEC_HALTED);
    g_assert_cmpuint(t->env.delivered, ==, 2);
    g_assert_cmphex(t->env.fault_pc, ==, 0x1110);
    g_assert_cmphex(t->env.fault_addr, ==, 0x5000);
    g_assert_cmpuint(t->env.r[0], ==, 1);
    g_assert_cmpuint(ram64(t, 0x2000), ==, 0);
    toy_free(t);
}

/* A guest store into another block's code: that block is retranslated,
 * and the chain into it is undone. */
static void test_smc_other_block(void)
{
    Toy *t = toy_new();
    TCGStats *st = &t->eng->stats;
    uint64_t a;

    /* 0x1000: r1 = 3; loop: jmp body (0x1100); body: r0 += 1; r1--;
     * bnz r1 -> 0x1100 else halt. Chained after the first round. */
    a = 0x1000;
    a = put(t, a, insn(T_ADDI, 1, 7, 0, 3));
    put(t, a, insn(T_JMP, 0, 0, 0, 0x1100));
    a = 0x1100;
    a = put(t, a, insn(T_ADDI, 0, 0, 0, 1));
    a = put(t, a, insn(T_ADDI, 1, 1, 0, -1));
    a = put(t, a, insn(T_BNZ, 0, 1, 0, 0x1100));
    put(t, a, insn(T_HALT, 0, 0, 0, 0));
    g_assert_cmpint(run(t, 0x1000), ==, TCG_EXEC_HALTED);
    g_assert_cmpuint(t->env.r[0], ==, 3);
    g_assert_cmpuint(st->chains, >=, 2);

    /* A guest program at 0x2000 rewrites "r0 += 1" into "r0 += 100". */
    t->env.r[2] = insn(T_ADDI, 0, 0, 0, 100);
    a = 0x2000;
    a = put(t, a, insn(T_ST, 2, 7, MO_64, 0x1100));
    put(t, a, insn(T_HALT, 0, 0, 0, 0));
    g_assert_cmpint(run(t, 0x2000), ==, TCG_EXEC_HALTED);
    g_assert_cmpuint(st->invalidations, ==, 1);

    t->env.r[0] = 0;
    g_assert_cmpint(run(t, 0x1000), ==, TCG_EXEC_HALTED);
    g_assert_cmpuint(t->env.r[0], ==, 300);
    toy_free(t);
}

/* A store into the block that is running, two instructions ahead. */
static void test_smc_running_block(void)
{
    Toy *t = toy_new();
    TCGStats *st = &t->eng->stats;
    uint64_t a = 0x1000;

    t->env.r[2] = insn(T_ADDI, 0, 0, 0, 50);
    a = put(t, a, insn(T_ST, 2, 7, MO_64, 0x1010));
    a = put(t, a, insn(T_ADDI, 0, 0, 0, 1));
    a = put(t, a, insn(T_ADDI, 0, 0, 0, 1));        /* 0x1010: replaced */
    put(t, a, insn(T_HALT, 0, 0, 0, 0));
    g_assert_cmpint(run(t, 0x1000), ==, TCG_EXEC_HALTED);
    g_assert_cmpuint(t->env.r[0], ==, 51);
    g_assert_cmpuint(st->smc_restarts, ==, 1);
    g_assert_cmphex(ram64(t, 0x1010), ==, t->env.r[2]);

    /* The store is the block's last instruction (the page ends) and hits
     * the block's first bytes: no restart, the block runs to its end. */
    a = 0x2ff0;
    t->env.r[3] = insn(T_ADDI, 0, 0, 0, 7);
    a = put(t, a, insn(T_ADDI, 0, 0, 0, 1));
    a = put(t, a, insn(T_ST, 3, 7, MO_64, 0x2ff0));
    a = put(t, a, insn(T_ADDI, 4, 4, 0, 1));
    put(t, a, insn(T_HALT, 0, 0, 0, 0));
    t->env.r[0] = 0;
    g_assert_cmpint(run(t, 0x2ff0), ==, TCG_EXEC_HALTED);
    g_assert_cmpuint(t->env.r[0], ==, 1);
    g_assert_cmpuint(t->env.r[4], ==, 1);
    g_assert_cmpuint(st->smc_restarts, ==, 1);
    g_assert_cmpint(run(t, 0x2ff0), ==, TCG_EXEC_HALTED);
    g_assert_cmpuint(t->env.r[0], ==, 8);
    g_assert_cmpuint(t->env.r[4], ==, 2);

    /* cpu_st_phys (a page walk's A/D update) invalidates too. */
    current_cpu = &t->cpu;
    cpu_st_phys(&t->cpu, 0x2ff0, insn(T_ADDI, 0, 0, 0, 9), MO_64);
    current_cpu = NULL;
    g_assert_cmpint(run(t, 0x2ff0), ==, TCG_EXEC_HALTED);
    g_assert_cmpuint(t->env.r[0], ==, 17);
    g_assert_cmpuint(st->smc_restarts, ==, 1);
    toy_free(t);
}

static void test_tlb(void)
{
    Toy *t = toy_new();
    TCGStats *st = &t->eng->stats;
    CPUState *cpu = &t->cpu;
    uint64_t fills;

    current_cpu = cpu;
    t->env.paging = 1;
    t->env.map[0x10] = 0x5000 | TOY_VALID | TOY_WRITE;
    t->env.map[0x11] = 0x9000 | TOY_VALID | TOY_WRITE;
    memcpy(t->ram_ptr + 0x6000, "new page", 8);

    cpu_st_mmu(cpu, 0x10008, 0xabcdef, MO_32, 1, 0);
    g_assert_cmphex(ram64(t, 0x5008), ==, 0xabcdef);
    g_assert_cmphex(cpu_ld_mmu(cpu, 0x10008, MO_16, 1, 0), ==, 0xcdef);
    g_assert_cmphex(cpu_ld_mmu(cpu, 0x10008, MO_16 | MO_SIGN, 1, 0), ==,
                    0xffffffffffffcdefull);
    g_assert_cmphex(cpu_ld_mmu(cpu, 0x10008, MO_32 | MO_BE, 1, 0), ==,
                    0xefcdab00);
    fills = st->tlb_fills;

    /* The TLB keeps the old mapping until the page is flushed. */
    t->env.map[0x10] = 0x6000 | TOY_VALID | TOY_WRITE;
    g_assert_cmphex(cpu_ld_mmu(cpu, 0x10008, MO_32, 1, 0), ==, 0xabcdef);
    g_assert_cmpuint(st->tlb_fills, ==, fills);
    tlb_flush_page(cpu, 0x10123);
    g_assert_cmphex(cpu_ld_mmu(cpu, 0x10000, MO_64, 1, 0), ==,
                    ram64(t, 0x6000));
    g_assert_cmpuint(st->tlb_fills, ==, fills + 1);

    /* A store across the page boundary lands on two physical pages. */
    cpu_st_mmu(cpu, 0x10ffd, 0x0807060504030201ull, MO_64, 1, 0);
    g_assert_cmphex(t->ram_ptr[0x6ffd], ==, 0x01);
    g_assert_cmphex(t->ram_ptr[0x6fff], ==, 0x03);
    g_assert_cmphex(t->ram_ptr[0x9000], ==, 0x04);
    g_assert_cmphex(t->ram_ptr[0x9004], ==, 0x08);
    g_assert_cmphex(cpu_ld_mmu(cpu, 0x10ffd, MO_64, 1, 0), ==,
                    0x0807060504030201ull);

    /* tlb_flush drops everything. */
    fills = st->tlb_fills;
    tlb_flush(cpu);
    cpu_ld_mmu(cpu, 0x10000, MO_8, 1, 0);
    cpu_ld_mmu(cpu, 0x11000, MO_8, 1, 0);
    g_assert_cmpuint(st->tlb_fills, ==, fills + 2);

    /* tlb_flush_nonglobal keeps the global page's entry, drops the
     * other one; a full flush drops both. */
    t->env.map[0x11] |= TOY_GLOBAL;
    tlb_flush(cpu);
    cpu_ld_mmu(cpu, 0x10000, MO_8, 1, 0);
    cpu_ld_mmu(cpu, 0x11000, MO_8, 1, 0);
    fills = st->tlb_fills;
    tlb_flush_nonglobal(cpu);
    cpu_ld_mmu(cpu, 0x11000, MO_8, 1, 0);
    g_assert_cmpuint(st->tlb_fills, ==, fills);
    cpu_ld_mmu(cpu, 0x10000, MO_8, 1, 0);
    g_assert_cmpuint(st->tlb_fills, ==, fills + 1);
    tlb_flush(cpu);
    cpu_ld_mmu(cpu, 0x11000, MO_8, 1, 0);
    g_assert_cmpuint(st->tlb_fills, ==, fills + 2);
    t->env.map[0x11] &= ~TOY_GLOBAL;

    /* A large page: flushing one of its pages flushes everything. */
    t->env.map[0x23] = 0x20000 | TOY_VALID | TOY_WRITE | TOY_LARGE;
    cpu_st_mmu(cpu, 0x23004, 0x77, MO_8, 1, 0);
    g_assert_cmphex(t->ram_ptr[0x23004], ==, 0x77);
    fills = st->tlb_flushes;
    tlb_flush_page(cpu, 0x10000);
    g_assert_cmpuint(st->tlb_flushes, ==, fills + 1);
    current_cpu = NULL;
    toy_free(t);
}

/*
 * A block that goes on into a second page, entered through a chain from
 * a block on its first page, checks the second page itself: remapped
 * (with a TLB flush, as a guest does), the new code runs from the first
 * pass, not the code the block was translated from.
 */
static void test_two_page_block(void)
{
    Toy *t = toy_new();
    TCGStats *st = &t->eng->stats;
    uint64_t a;

    current_cpu = &t->cpu;
    t->env.paging = 1;
    t->env.two_pages = true;
    t->env.map[1] = 0x5000 | TOY_VALID;                 /* 0x1000 */
    t->env.map[2] = 0x6000 | TOY_VALID;                 /* 0x2000 */
    /* 0x1000: r1 = 3; jmp 0x1ff0 (same page: chained)
     * 0x1ff0: r1 -= 1; r0 += 1 | 0x2000: r2 += K; bnz r1, 0x1ff0; halt */
    a = put(t, 0x5000, insn(T_ADDI, 1, 7, 0, 3));
    put(t, a, insn(T_JMP, 0, 0, 0, 0x1ff0));
    a = put(t, 0x5ff0, insn(T_ADDI, 1, 1, 0, -1));
    put(t, a, insn(T_ADDI, 0, 0, 0, 1));
    for (uint64_t p = 0x6000; p <= 0x7000; p += 0x1000) {
        a = put(t, p, insn(T_ADDI, 2, 2, 0, p == 0x6000 ? 1 : 100));
        a = put(t, a, insn(T_BNZ, 0, 1, 0, 0x1ff0));
        put(t, a, insn(T_HALT, 0, 0, 0, 0));
    }
    g_assert_cmpint(run(t, 0x1000), ==, TCG_EXEC_HALTED);
    g_assert_cmpuint(t->env.r[0], ==, 3);
    g_assert_cmpuint(t->env.r[2], ==, 3);
    /* Again, so that the jmp into the two-page block is chained. */
    t->env.r[0] = t->env.r[2] = 0;
    g_assert_cmpint(run(t, 0x1000), ==, TCG_EXEC_HALTED);
    g_assert_cmpuint(t->env.r[2], ==, 3);
    g_assert_cmpuint(st->chains, >=, 1);

    t->env.map[2] = 0x7000 | TOY_VALID;
    tlb_flush(&t->cpu);
    t->env.r[0] = t->env.r[2] = 0;
    g_assert_cmpint(run(t, 0x1000), ==, TCG_EXEC_HALTED);
    g_assert_cmpuint(t->env.r[0], ==, 3);
    g_assert_cmpuint(t->env.r[2], ==, 300);
    current_cpu = NULL;
    toy_free(t);
}

/*
 * Direct jumps between two pages, chained behind a check of the target
 * page (tcg_gen_goto_tb_page): the loop runs without the exec loop, and
 * after the target page is remapped (with a TLB flush) the new code runs
 * from the first pass.
 */
static void test_cross_page_chain(void)
{
    Toy *t = toy_new();
    TCGStats *st = &t->eng->stats;
    uint64_t a, entries;

    current_cpu = &t->cpu;
    t->env.paging = 1;
    t->env.xpage_chain = true;
    t->env.map[1] = 0x5000 | TOY_VALID;                 /* 0x1000 */
    t->env.map[2] = 0x6000 | TOY_VALID;                 /* 0x2000 */
    /* 0x1000: r1 = 100 | 0x1008: jmp 0x2000
     * 0x2000: r2 += K; r1 -= 1; bnz r1, 0x1008; halt */
    a = put(t, 0x5000, insn(T_ADDI, 1, 7, 0, 100));
    put(t, a, insn(T_JMP, 0, 0, 0, 0x2000));
    for (uint64_t p = 0x6000; p <= 0x7000; p += 0x1000) {
        a = put(t, p, insn(T_ADDI, 2, 2, 0, p == 0x6000 ? 1 : 1000));
        a = put(t, a, insn(T_ADDI, 1, 1, 0, -1));
        a = put(t, a, insn(T_BNZ, 0, 1, 0, 0x1008));
        put(t, a, insn(T_HALT, 0, 0, 0, 0));
    }
    g_assert_cmpint(run(t, 0x1000), ==, TCG_EXEC_HALTED);
    g_assert_cmpuint(t->env.r[2], ==, 100);
    /* Both cross-page jumps chained: 200 block runs, a handful of them
     * from the exec loop. */
    g_assert_cmpuint(st->chains, >=, 2);
    g_assert_cmpuint(st->tbs_executed, <, 10);

    /* Again: still chained, nothing translated. */
    t->env.r[2] = 0;
    entries = st->tbs_executed;
    g_assert_cmpint(run(t, 0x1000), ==, TCG_EXEC_HALTED);
    g_assert_cmpuint(t->env.r[2], ==, 100);
    g_assert_cmpuint(st->tbs_executed - entries, <, 5);

    /* Remapped: the jump's check fails from then on (the block still
     * expects the old page) and its miss path goes on at the new code;
     * the toy's miss path leaves through the exec loop. */
    t->env.map[2] = 0x7000 | TOY_VALID;
    tlb_flush(&t->cpu);
    t->env.r[2] = 0;
    g_assert_cmpint(run(t, 0x1000), ==, TCG_EXEC_HALTED);
    g_assert_cmpuint(t->env.r[2], ==, 100000);
    current_cpu = NULL;
    toy_free(t);
}

/* A store across into an unmapped page faults before writing anything. */
static void test_tlb_cross_page_fault(void)
{
    Toy *t = toy_new();
    uint64_t a = 0x1000;

    t->env.paging = 1;
    t->env.map[1] = 0x1000 | TOY_VALID;
    t->env.map[0x11] = 0x9000 | TOY_VALID | TOY_WRITE;
    t->env.r[1] = 0xffffffffffffffffull;
    a = put(t, a, insn(T_ST, 1, 7, MO_64, 0x11ffc));
    put(t, a, insn(T_HALT, 0, 0, 0, 0));
    g_assert_cmpint(run(t, 0x1000), ==, TCG_EXEC_HALTED);
    g_assert_cmpuint(t->env.delivered, ==, 1);
    g_assert_cmphex(t->env.fault_addr, ==, 0x12000);
    g_assert_cmphex(ram64(t, 0x9ff8), ==, 0);
    toy_free(t);
}

static void test_io_rom_unassigned(void)
{
    Toy *t = toy_new();
    CPUState *cpu = &t->cpu;
    uint64_t a = 0x1000;
    g_autoptr(GError) err = NULL;

    address_space_write_rom(&t->as, ROM_BASE, "ROMDATA!", 8);
    a = put(t, a, insn(T_LD, 1, 7, MO_32, IO_BASE + 0x10));
    a = put(t, a, insn(T_ST, 1, 7, MO_16, IO_BASE + 0x20));
    a = put(t, a, insn(T_ST, 1, 7, MO_64, ROM_BASE));
    a = put(t, a, insn(T_LD, 2, 7, MO_64, ROM_BASE));
    a = put(t, a, insn(T_LD, 3, 7, MO_32, HOLE));
    put(t, a, insn(T_HALT, 0, 0, 0, 0));
    g_assert_cmpint(run(t, 0x1000), ==, TCG_EXEC_HALTED);
    g_assert_cmphex(t->env.r[1], ==, 0x55667798);
    g_assert_cmpuint(t->dev.reads, ==, 1);
    g_assert_cmpuint(t->dev.writes, ==, 1);
    g_assert_cmphex(t->dev.last_addr, ==, 0x20);
    g_assert_cmphex(t->dev.last_val, ==, 0x7798);
    g_assert_cmpuint(t->dev.last_size, ==, 2);
    g_assert_cmpmem(&t->env.r[2], 8, "ROMDATA!", 8);
    g_assert_cmphex(t->env.r[3], ==, 0xffffffff);

    /* A topology change (the device moves) is seen after a TLB flush. */
    current_cpu = cpu;
    g_assert_cmphex(cpu_ld_mmu(cpu, IO_BASE, MO_8, 0, 0), ==, 0x88);
    bql_lock();
    memory_region_set_address(&t->io, IO_BASE + 0x1000);
    bql_unlock();
    tlb_flush(cpu);
    g_assert_cmphex(cpu_ld_mmu(cpu, IO_BASE, MO_8, 0, 0), ==, 0xff);
    current_cpu = NULL;
    toy_free(t);
}

/* ---- the inline TLB fast path ------------------------------------------ */

/* A loop of load, add, store on one page: only the first access misses. */
static void test_inline_hits(void)
{
    Toy *t = toy_new();
    uint64_t a = 0x1000;

    a = put(t, a, insn(T_ADDI, 1, 7, 0, 100));
    a = put(t, a, insn(T_JMP, 0, 0, 0, a + 8));
    a = put(t, a, insn(T_LD, 2, 7, MO_32, 0x2000));     /* loop: */
    a = put(t, a, insn(T_ADDI, 2, 2, 0, 3));
    a = put(t, a, insn(T_ST, 2, 7, MO_32, 0x2000));
    a = put(t, a, insn(T_ADDI, 1, 1, 0, -1));
    a = put(t, a, insn(T_BNZ, 0, 1, 0, a - 32));
    put(t, a, insn(T_HALT, 0, 0, 0, 0));
    g_assert_cmpint(run(t, 0x1000), ==, TCG_EXEC_HALTED);
    g_assert_cmpuint(ram64(t, 0x2000), ==, 300);
    g_assert_cmpuint(slow_loads, ==, 1);
    g_assert_cmpuint(slow_stores, ==, 0);

    /* Another page misses once, then hits; so does the other mmu index
     * (paging on), whose entries are separate. */
    t->env.paging = 1;
    t->env.map[1] = 0x1000 | TOY_VALID;
    t->env.map[2] = 0x3000 | TOY_VALID | TOY_WRITE;
    memcpy(t->ram_ptr + 0x3000, "\x05\0\0\0", 4);
    g_assert_cmpint(run(t, 0x1000), ==, TCG_EXEC_HALTED);
    g_assert_cmpuint(ram64(t, 0x3000), ==, 305);
    g_assert_cmpuint(ram64(t, 0x2000), ==, 300);
    g_assert_cmpuint(slow_loads, ==, 2);
    g_assert_cmpuint(slow_stores, ==, 0);
    toy_free(t);
}

/* Sizes, sign extension and byte swaps done inline. */
static void test_inline_memops(void)
{
    static const struct { MemOp mop; int32_t off; uint64_t want; } ld[] = {
        { MO_8 | MO_SIGN, 0, 0xffffffffffffff81ull },
        { MO_8, 7, 0x88 },
        { MO_16 | MO_SIGN, 0, 0x0281 },
        { MO_16 | MO_SIGN, 6, 0xffffffffffff8807ull },
        { MO_16 | MO_BE, 0, 0x8102 },
        { MO_16 | MO_BE | MO_SIGN, 0, 0xffffffffffff8102ull },
        { MO_32, 4, 0x88070605 },
        { MO_32 | MO_SIGN, 4, 0xffffffff88070605ull },
        { MO_32 | MO_BE, 0, 0x81020384 },
        { MO_32 | MO_BE | MO_SIGN, 0, 0xffffffff81020384ull },
        { MO_64, 0, 0x8807060584030281ull },
        { MO_64 | MO_BE, 0, 0x8102038405060788ull },
    };
    Toy *t = toy_new();
    uint64_t a = 0x1000;

    t->env.r[1] = 0x8807060584030281ull;
    a = put(t, a, insn(T_ST, 1, 7, MO_64, 0x2000));
    for (size_t i = 0; i < G_N_ELEMENTS(ld); i++) {
        a = put(t, a, insn(T_LD, 2, 7, ld[i].mop, 0x2000 + ld[i].off));
        a = put(t, a, insn(T_ST, 2, 7, MO_64, 0x2100 + 8 * i));
    }
    a = put(t, a, insn(T_ST, 1, 7, MO_16 | MO_BE, 0x2200));
    a = put(t, a, insn(T_ST, 1, 7, MO_32 | MO_BE, 0x2208));
    a = put(t, a, insn(T_ST, 1, 7, MO_64 | MO_BE, 0x2210));
    a = put(t, a, insn(T_ST, 1, 7, MO_8, 0x2218));
    put(t, a, insn(T_HALT, 0, 0, 0, 0));
    g_assert_cmpint(run(t, 0x1000), ==, TCG_EXEC_HALTED);
    for (size_t i = 0; i < G_N_ELEMENTS(ld); i++) {
        g_assert_cmphex(ram64(t, 0x2100 + 8 * i), ==, ld[i].want);
    }
    g_assert_cmphex(ram64(t, 0x2200), ==, 0x8102);
    g_assert_cmphex(ram64(t, 0x2208), ==, 0x81020384);
    g_assert_cmphex(ram64(t, 0x2210), ==, 0x8102038405060788ull);
    g_assert_cmphex(ram64(t, 0x2218), ==, 0x81);
    g_assert_cmpuint(slow_loads, ==, 0);
    g_assert_cmpuint(slow_stores, ==, 1);
    toy_free(t);
}

/* I/O and page-crossing accesses take the slow path every time. */
static void test_inline_misses(void)
{
    Toy *t = toy_new();
    uint64_t a = 0x1000;

    memcpy(t->ram_ptr + 0x2ffc, "\x01\x02\x03\x04\x05\x06\x07\x08", 8);
    a = put(t, a, insn(T_ADDI, 1, 7, 0, 5));
    a = put(t, a, insn(T_JMP, 0, 0, 0, a + 8));
    a = put(t, a, insn(T_LD, 2, 7, MO_32, IO_BASE + 8));  /* loop: */
    a = put(t, a, insn(T_LD, 3, 7, MO_32, 0x2ffe));       /* crosses */
    a = put(t, a, insn(T_LD, 4, 7, MO_16, 0x2ffe));       /* does not */
    a = put(t, a, insn(T_ST, 4, 7, MO_64, 0x3ffd));       /* crosses */
    a = put(t, a, insn(T_ADDI, 1, 1, 0, -1));
    a = put(t, a, insn(T_BNZ, 0, 1, 0, a - 40));
    put(t, a, insn(T_HALT, 0, 0, 0, 0));
    g_assert_cmpint(run(t, 0x1000), ==, TCG_EXEC_HALTED);
    g_assert_cmphex(t->env.r[2], ==, 0x55667790);
    g_assert_cmpuint(t->dev.reads, ==, 5);
    g_assert_cmpuint(t->dev.last_size, ==, 4);
    g_assert_cmphex(t->env.r[3], ==, 0x06050403);
    g_assert_cmphex(t->env.r[4], ==, 0x0403);
    g_assert_cmphex(ram64(t, 0x3ff8), ==, 0x0004030000000000ull);
    g_assert_cmphex(ram64(t, 0x4000), ==, 0);
    /* Five I/O loads, five crossing loads (the first filled both pages,
     * so the 2-byte load always hits), five crossing stores. */
    g_assert_cmpuint(slow_loads, ==, 10);
    g_assert_cmpuint(slow_stores, ==, 5);
    toy_free(t);
}

/*
 * Eight live registers around a slow-path call (some in call-clobbered
 * host registers) and a fault in the middle of a block: the dirty globals
 * reach env only on the slow path, the others survive the call.
 */
static void test_inline_slow_path_state(void)
{
    Toy *t = toy_new();
    uint64_t a = 0x1000;

    t->env.paging = 1;
    t->env.map[1] = 0x1000 | TOY_VALID;
    t->env.map[2] = 0x2000 | TOY_VALID | TOY_WRITE;
    for (int r = 0; r < 7; r++) {
        a = put(t, a, insn(T_ADDI, r, r, 0, r + 1));
    }
    a = put(t, a, insn(T_LD, 7, 6, MO_64, 0x2000 - 7));   /* a miss */
    for (int r = 0; r < 7; r++) {
        a = put(t, a, insn(T_ADDI, r, r, 0, 10));
    }
    a = put(t, a, insn(T_ST, 0, 6, MO_64, 0x2008 - 17));  /* a hit */
    a = put(t, a, insn(T_ADDI, 5, 5, 0, 100));
    a = put(t, a, insn(T_LD, 5, 7, MO_8, 0x3000));        /* #PF at 0x1088 */
    a = put(t, a, insn(T_ADDI, 4, 4, 0, 100));
    put(t, a, insn(T_HALT, 0, 0, 0, 0));
    memcpy(t->ram_ptr + 0x2000, "\x11\0\0\0\0\0\0\0", 8);
    g_assert_cmpint(run(t, 0x1000), ==, TCG_EXEC_HALTED);
    g_assert_cmpuint(t->env.delivered, ==, 1);
    g_assert_cmphex(t->env.fault_pc, ==, 0x1000 + 8 * 17);
    g_assert_cmphex(t->env.fault_addr, ==, 0x3011);
    for (int r = 0; r < 7; r++) {
        g_assert_cmpuint(t->env.r[r], ==, r + 11 + (r == 5 ? 100 : 0) +
                                          (r == 4 ? 100 : 0));
    }
    g_assert_cmpuint(t->env.r[7], ==, 0x11);
    g_assert_cmpuint(ram64(t, 0x2008), ==, 11);
    g_assert_cmpuint(slow_loads, ==, 2);
    g_assert_cmpuint(slow_stores, ==, 0);
    toy_free(t);
}

/* Without tlb_ptr_offset every access is a call, with the same results. */
static void test_no_inline_tlb(void)
{
    Toy *t = toy_new_ops(&toy_ops_no_tlb, 16 << 20);
    uint64_t a = 0x1000;

    a = put(t, a, insn(T_ADDI, 1, 7, 0, 12));
    a = put(t, a, insn(T_ST, 1, 2, MO_64, 0x2000));
    a = put(t, a, insn(T_LD, 3, 2, MO_16 | MO_BE, 0x2000));
    a = put(t, a, insn(T_LD, 4, 2, MO_32, 0x2000));
    put(t, a, insn(T_HALT, 0, 0, 0, 0));
    g_assert_cmpint(run(t, 0x1000), ==, TCG_EXEC_HALTED);
    g_assert_cmpuint(t->env.r[3], ==, 0x0c00);
    g_assert_cmpuint(t->env.r[4], ==, 12);
    g_assert_cmpuint(slow_loads, ==, 2);
    g_assert_cmpuint(slow_stores, ==, 1);
    toy_free(t);
}

static gpointer stop_later(gpointer opaque)
{
    CPUState *cpu = opaque;

    g_usleep(50000);
    bql_lock();
    cpu->stop = true;
    cpu_exit(cpu);
    bql_unlock();
    return NULL;
}

/* An endless chained loop leaves when another thread asks. */
static void test_exit_request(void)
{
    Toy *t = toy_new();
    GThread *th;
    uint64_t a = 0x1000;

    /* Two blocks chained in a ring: r0++ at 0x1000, r1++ at 0x1100. */
    a = put(t, a, insn(T_ADDI, 0, 0, 0, 1));
    put(t, a, insn(T_JMP, 0, 0, 0, 0x1100));
    a = 0x1100;
    a = put(t, a, insn(T_ADDI, 1, 1, 0, 1));
    put(t, a, insn(T_JMP, 0, 0, 0, 0x1000));
    th = g_thread_new("stopper", stop_later, &t->cpu);
    g_assert_cmpint(run(t, 0x1000), ==, TCG_EXEC_EXIT);
    g_thread_join(th);
    g_assert_cmpuint(t->env.r[0], >, 1000);
    /* The pc is that of the block that saw the request at its entry,
     * though a chained jump does not store it. */
    if (t->env.pc == 0x1000) {
        g_assert_cmpuint(t->env.r[0], ==, t->env.r[1]);
    } else {
        g_assert_cmphex(t->env.pc, ==, 0x1100);
        g_assert_cmpuint(t->env.r[0], ==, t->env.r[1] + 1);
    }
    g_assert_cmpuint(t->eng->stats.tbs_executed, <, 10);
    toy_free(t);
}

static void test_halt_interrupt_event(void)
{
    Toy *t = toy_new();
    uint64_t a = 0x1000;

    a = put(t, a, insn(T_HALT, 0, 0, 0, 0));
    a = put(t, a, insn(T_ADDI, 0, 0, 0, 1));
    a = put(t, a, insn(T_SHUTDOWN, 0, 0, 0, 0));
    put(t, a, insn(T_ADDI, 0, 0, 0, 1));
    g_assert_cmpint(run(t, 0x1000), ==, TCG_EXEC_HALTED);
    g_assert_true(t->cpu.halted);
    /* Still halted without work. */
    g_assert_cmpint(cpu_exec(&t->cpu), ==, TCG_EXEC_HALTED);
    t->cpu.interrupt_request = CPU_INTERRUPT_HARD;
    g_assert_cmpint(cpu_exec(&t->cpu), ==, TCG_EXEC_EVENT);
    g_assert_false(t->cpu.halted);
    g_assert_cmpuint(t->env.interrupts, ==, 1);
    g_assert_cmpuint(t->env.r[0], ==, 1);
    g_assert_cmpint(tcg_cpu(&t->cpu)->event, ==, ACCEL_EVENT_SHUTDOWN + 1);
    toy_free(t);
}

/* 3000 distinct blocks in a small buffer: flushed and retranslated. */
static void test_buffer_full(void)
{
    Toy *t = toy_new_size(64 << 10);
    uint64_t a = 0x1000;

    for (int i = 0; i < 3000; i++) {
        a = put(t, a, insn(T_ADDI, 0, 0, 0, 1));
        a = put(t, a, insn(T_JMP, 0, 0, 0, a + 8));
    }
    put(t, a, insn(T_HALT, 0, 0, 0, 0));
    g_assert_cmpint(run(t, 0x1000), ==, TCG_EXEC_HALTED);
    g_assert_cmpuint(t->env.r[0], ==, 3000);
    g_assert_cmpuint(t->eng->stats.flushes, >=, 1);
    g_assert_cmpuint(t->eng->stats.tbs_translated, >=, 3001);
    /* Still right the second time, from whatever survived the flush. */
    g_assert_cmpint(run(t, 0x1000), ==, TCG_EXEC_HALTED);
    g_assert_cmpuint(t->env.r[0], ==, 6000);
    toy_free(t);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    toy_ops_no_tlb = toy_ops;
    toy_ops_no_tlb.tlb_ptr_offset = 0;
    g_test_add_func("/tcg-exec/straight-line", test_straight_line);
    g_test_add_func("/tcg-exec/chaining-and-lookup-levels",
                    test_chaining_and_lookup_levels);
    g_test_add_func("/tcg-exec/cross-page-and-goto-ptr",
                    test_cross_page_and_goto_ptr);
    g_test_add_func("/tcg-exec/exception-restores-pc",
                    test_exception_restores_pc);
    g_test_add_func("/tcg-exec/smc/other-block", test_smc_other_block);
    g_test_add_func("/tcg-exec/smc/running-block", test_smc_running_block);
    g_test_add_func("/tcg-exec/tlb/fill-flush", test_tlb);
    g_test_add_func("/tcg-exec/two-page-block", test_two_page_block);
    g_test_add_func("/tcg-exec/cross-page-chain", test_cross_page_chain);
    g_test_add_func("/tcg-exec/tlb/cross-page-fault",
                    test_tlb_cross_page_fault);
    g_test_add_func("/tcg-exec/tlb/io-rom-unassigned",
                    test_io_rom_unassigned);
    g_test_add_func("/tcg-exec/inline/hits", test_inline_hits);
    g_test_add_func("/tcg-exec/inline/memops", test_inline_memops);
    g_test_add_func("/tcg-exec/inline/misses", test_inline_misses);
    g_test_add_func("/tcg-exec/inline/slow-path-state",
                    test_inline_slow_path_state);
    g_test_add_func("/tcg-exec/inline/no-tlb", test_no_inline_tlb);
    g_test_add_func("/tcg-exec/exit-request", test_exit_request);
    g_test_add_func("/tcg-exec/halt-interrupt-event",
                    test_halt_interrupt_event);
    g_test_add_func("/tcg-exec/buffer-full", test_buffer_full);
    return g_test_run();
}
