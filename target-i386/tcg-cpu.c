/* SPDX-License-Identifier: MIT */
/*
 * tcg_cpu_ops: what the TCG accelerator (accel/tcg/, which knows no x86)
 * calls to run x86 guests. The translator side lives here: the IR globals
 * (the sixteen GPRs, the lazy-flags record, DF, the segment bases), the
 * TB lookup key (pc = CS.base + rip, and a mode word of everything the
 * translation depends on), restoring rip and cc_op after a fault in the
 * middle of a block, the split of EFLAGS into lazy form around a stretch
 * of generated code, the MMU index, the CPUID table of a vCPU and -d
 * in_asm through capstone. Page walks and interrupt delivery are the
 * system helpers' (x86_tlb_fill, x86_do_interrupt, ...).
 */
#include "target-i386/translate.h"

#include "util/log.h"

#include <capstone/capstone.h>

static const char *const gpr_names[16] = {
    "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
    "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
};

static const char *const seg_base_names[X86_NR_SEGS] = {
    "es_base", "cs_base", "ss_base", "ds_base", "fs_base", "gs_base",
};

/* The globals, always in this order (translate.c finds them by offset). */
static void x86_init_context(TCGContext *s)
{
    for (int i = 0; i < 16; i++) {
        tcg_global_mem_new(s, TCG_TYPE_I64, offsetof(CPUX86State, regs[i]),
                           gpr_names[i]);
    }
    tcg_global_mem_new(s, TCG_TYPE_I64, offsetof(CPUX86State, cc_dst),
                       "cc_dst");
    tcg_global_mem_new(s, TCG_TYPE_I64, offsetof(CPUX86State, cc_src),
                       "cc_src");
    tcg_global_mem_new(s, TCG_TYPE_I64, offsetof(CPUX86State, cc_src2),
                       "cc_src2");
    tcg_global_mem_new(s, TCG_TYPE_I32, offsetof(CPUX86State, cc_op),
                       "cc_op");
    tcg_global_mem_new(s, TCG_TYPE_I32, offsetof(CPUX86State, df), "df");
    for (int i = 0; i < X86_NR_SEGS; i++) {
        tcg_global_mem_new(s, TCG_TYPE_I64,
                           offsetof(CPUX86State, segs[i].base),
                           seg_base_names[i]);
    }
}

static void x86_get_tb_cpu_state(CPUArchState *env, vaddr *pc,
                                 uint64_t *cs_base, uint32_t *flags)
{
    const SegmentCache *cs = &env->segs[R_CS];
    uint32_t f = x86_cpl(env);

    *cs_base = cs->base;
    *pc = cs->base + env->rip;
    if (env->cr[0] & CR0_PE) {
        f |= HF_PE;
    }
    if (env->cr[0] & CR0_PG) {
        f |= HF_PG;
    }
    if (env->eflags & EFLAGS_VM) {
        f |= HF_VM;
    }
    if (env->efer & EFER_LMA) {
        f |= HF_LMA;
    }
    if ((env->efer & EFER_LMA) && (cs->attr & SEG_ATTR_L)) {
        f |= HF_CS64;
    } else {
        if (cs->attr & SEG_ATTR_DB) {
            f |= HF_CS32;
        }
        if (env->segs[R_DS].base | env->segs[R_ES].base |
            env->segs[R_SS].base) {
            f |= HF_ADDSEG;
        }
        *pc &= 0xffffffff;
    }
    if (env->segs[R_SS].attr & SEG_ATTR_DB) {
        f |= HF_SS32;
    }
    f |= ((env->eflags & EFLAGS_IOPL) >> 12) << HF_IOPL_SHIFT;
    if (env->eflags & EFLAGS_IF) {
        f |= HF_IF;
    }
    if (env->eflags & EFLAGS_TF) {
        f |= HF_TF;
    }
    if (env->cr[0] & CR0_MP) {
        f |= HF_MP;
    }
    if (env->cr[0] & CR0_EM) {
        f |= HF_EM;
    }
    if (env->cr[0] & CR0_TS) {
        f |= HF_TS;
    }
    if (env->a20_mask & (1ull << 20)) {
        f |= HF_A20;
    }
    if (env->inhibit_irq) {
        f |= HF_INHIBIT_IRQ;
    }
    if (env->cr[4] & CR4_OSFXSR) {
        f |= HF_OSFXSR;
    }
    *flags = f;
}

static void x86_restore_state(CPUArchState *env, const uint64_t *data)
{
    env->rip = data[0];
    if (data[1] != CC_OP_DYNAMIC) {
        env->cc_op = data[1];
    }
}

static bool x86_exception_pending(CPUArchState *env)
{
    return env->exception_index >= 0;
}

/*
 * While generated code runs, the arithmetic flags live in the lazy record
 * and DF in env->df; the copies in env->eflags are stale and everyone
 * reads EFLAGS through x86_eflags_get. Leaving the loop folds them back.
 */
static void x86_cpu_exec_enter(CPUState *cpu)
{
    CPUX86State *env = cpu->env;

    env->cc_src = env->eflags & CC_ARITH_MASK;
    env->cc_op = CC_OP_EFLAGS;
    env->df = (env->eflags & EFLAGS_DF) ? -1 : 1;
    if (env->wait_for_sipi) {
        cpu->halted = true;
    }
}

static void x86_cpu_exec_exit(CPUState *cpu)
{
    CPUX86State *env = cpu->env;

    env->eflags = x86_eflags_get(env);
}

static int x86_mmu_index(CPUState *cpu, bool ifetch)
{
    CPUX86State *env = cpu->env;

    if (!(env->cr[0] & CR0_PG)) {
        return X86_MMU_PHYS;
    }
    return x86_cpl(env) == 3 ? X86_MMU_USER : X86_MMU_KERNEL;
}

static bool x86_tcg_cpu_init(CPUState *cpu, const char *model,
                             unsigned ncpus, GError **errp)
{
    CPUX86State *env = cpu->env;
    g_autofree char *dropped = NULL;
    X86CPUIDEntry *t;
    unsigned n;

    env->cpu = cpu;
    if (!x86_cpuid_build(model ? model : x86_cpu_default_model(),
                         env->cpu_index, ncpus, NULL, 0, &t, &n, &dropped,
                         errp)) {
        return false;
    }
    g_free(env->cpuid);
    env->cpuid = t;
    env->nr_cpuid = n;
    return true;
}

/* -d in_asm: the block's guest code through capstone. */
static void x86_disas_log(CPUState *cpu, const TranslationBlock *tb)
{
    int mode = (tb->flags & HF_CS64) ? CS_MODE_64
             : (tb->flags & HF_CS32) ? CS_MODE_32 : CS_MODE_16;
    g_autofree uint8_t *code = g_malloc(tb->size ? tb->size : 1);
    csh h;
    cs_insn *insn;
    size_t n;

    for (uint32_t i = 0; i < tb->size; i++) {
        code[i] = translator_ld(cpu, tb->pc + i, MO_8);
    }
    if (cs_open(CS_ARCH_X86, mode, &h) != CS_ERR_OK) {
        return;
    }
    n = cs_disasm(h, code, tb->size, tb->pc - tb->cs_base, 0, &insn);
    for (size_t i = 0; i < n; i++) {
        log_printf("0x%08" PRIx64 ":  %s %s\n", insn[i].address,
                   insn[i].mnemonic, insn[i].op_str);
    }
    if (n) {
        cs_free(insn, n);
    }
    cs_close(&h);
}

/* Generated code's env accesses stay below 0x400 (translator.md). */
G_STATIC_ASSERT(offsetof(CPUX86State, tcg_tlb) < 0x400);
G_STATIC_ASSERT(offsetof(CPUX86State, segs[X86_NR_SEGS]) <= 0x400);
G_STATIC_ASSERT(offsetof(CPUX86State, xmm[16]) <= 0x400);
G_STATIC_ASSERT(offsetof(CPUX86State, mxcsr) < 0x400);

const TCGCPUOps tcg_cpu_ops = {
    .nb_mmu_modes = X86_NB_MMU_MODES,
    .init_context = x86_init_context,
    .get_tb_cpu_state = x86_get_tb_cpu_state,
    .translate = x86_translate,
    .restore_state = x86_restore_state,
    .tlb_fill = x86_tlb_fill,
    .mem_slow_check = x86_mem_slow_check,
    .do_interrupt = x86_do_interrupt,
    .exec_interrupt = x86_exec_interrupt,
    .has_work = x86_has_work,
    .exception_pending = x86_exception_pending,
    .cpu_exec_enter = x86_cpu_exec_enter,
    .cpu_exec_exit = x86_cpu_exec_exit,
    .exit_request_offset = offsetof(CPUX86State, exit_request),
    .tlb_ptr_offset = offsetof(CPUX86State, tcg_tlb),
    .mmu_index = x86_mmu_index,
    .cpu_init = x86_tcg_cpu_init,
    .disas_log = x86_disas_log,
};
