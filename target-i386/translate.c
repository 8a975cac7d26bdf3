/* SPDX-License-Identifier: MIT */
/*
 * The x86 → IR translator's main loop. For each guest instruction of a
 * block it fetches the bytes with translator_ld, decodes them with
 * x86_decode, emits insn_start(rip, cc_op) and dispatches on the mnemonic
 * through x86_op_table to a gen_<MNEMONIC> emitter. Operand fetch and
 * write-back are generic (the table row says which operands to load into
 * T0/T1/T2 and whether T0 goes back to operand 0), so an emitter only
 * emits the operation.
 *
 * A block ends at a branch, when an emitter changed state translation
 * depends on, at a page boundary, after max_insns instructions (1 when
 * single-stepping or in an interrupt shadow) or near 4 KiB of guest code.
 * Every block starts by testing env->exit_request. The rules are spelled
 * out in docs/devel/translator.md.
 */
#include "target-i386/translate.h"

#include "util/log.h"

#include <inttypes.h>
#include <stdarg.h>

#define LD01W   (OPF_LD0 | OPF_LD1 | OPF_WB0)

static const X86OpEntry x86_op_table[X86_NR_MNEMONICS] = {
    /* translate-alu.c */
    [X86_ADD] = { gen_ADD, LD01W },
    [X86_OR] = { gen_OR, LD01W },
    [X86_ADC] = { gen_ADC, LD01W },
    [X86_SBB] = { gen_SBB, LD01W },
    [X86_AND] = { gen_AND, LD01W },
    [X86_SUB] = { gen_SUB, LD01W },
    [X86_XOR] = { gen_XOR, LD01W },
    [X86_CMP] = { gen_CMP, OPF_LD0 | OPF_LD1 },
    [X86_TEST] = { gen_TEST, OPF_LD0 | OPF_LD1 },
    [X86_NOT] = { gen_NOT, OPF_LD0 | OPF_WB0 },
    [X86_NEG] = { gen_NEG, OPF_LD0 | OPF_WB0 },
    [X86_INC] = { gen_INC, OPF_LD0 | OPF_WB0 },
    [X86_DEC] = { gen_DEC, OPF_LD0 | OPF_WB0 },
    [X86_MUL] = { gen_MUL, OPF_LD0 },
    [X86_IMUL] = { gen_IMUL, 0 },
    [X86_DIV] = { gen_DIV, OPF_LD0 },
    [X86_IDIV] = { gen_IDIV, OPF_LD0 },
    [X86_ROL] = { gen_ROL, LD01W },
    [X86_ROR] = { gen_ROR, LD01W },
    [X86_RCL] = { gen_RCL, LD01W },
    [X86_RCR] = { gen_RCR, LD01W },
    [X86_SHL] = { gen_SHL, LD01W },
    [X86_SAL] = { gen_SHL, LD01W },
    [X86_SHR] = { gen_SHR, LD01W },
    [X86_SAR] = { gen_SAR, LD01W },
    [X86_SHLD] = { gen_SHLD, LD01W | OPF_LD2 },
    [X86_SHRD] = { gen_SHRD, LD01W | OPF_LD2 },
    [X86_DAA] = { gen_DAA, 0 },
    [X86_DAS] = { gen_DAS, 0 },
    [X86_AAA] = { gen_AAA, 0 },
    [X86_AAS] = { gen_AAS, 0 },
    [X86_AAM] = { gen_AAM, 0 },
    [X86_AAD] = { gen_AAD, 0 },
    [X86_SALC] = { gen_SALC, 0 },
    [X86_CBW ... X86_CDQE] = { gen_CBW, 0 },
    [X86_CWD ... X86_CQO] = { gen_CWD, 0 },
    [X86_BSWAP] = { gen_BSWAP, OPF_LD0 | OPF_WB0 },
    [X86_LEA] = { gen_LEA, OPF_NOEA },
    [X86_MOV] = { gen_MOV, 0 },
    [X86_MOVNTI] = { gen_MOV, 0 },
    [X86_MOVZX] = { gen_MOVZX, OPF_LD1 },
    [X86_MOVSX] = { gen_MOVSX, OPF_LD1 },
    [X86_MOVSXD] = { gen_MOVSX, OPF_LD1 },
    [X86_XCHG] = { gen_XCHG, OPF_LD0 | OPF_LD1 },
    [X86_XADD] = { gen_XADD, OPF_LD0 | OPF_LD1 },
    [X86_CMPXCHG] = { gen_CMPXCHG, OPF_LD0 | OPF_LD1 },
    [X86_CMPXCHG8B] = { gen_CMPXCHG8B, 0 },
    [X86_CMPXCHG16B] = { gen_CMPXCHG8B, 0 },
    [X86_XLAT] = { gen_XLAT, OPF_NOEA },
    [X86_NOP] = { gen_NOP, OPF_NOEA },
    [X86_PAUSE] = { gen_PAUSE, OPF_NOEA },
    [X86_PREFETCH ... X86_PREFETCHT2] = { gen_NOP, OPF_NOEA },
    [X86_LFENCE ... X86_SFENCE] = { gen_NOP, OPF_NOEA },
    [X86_CLFLUSH ... X86_CLFLUSHOPT] = { gen_CLFLUSH, 0 },

    /* translate-bits.c */
    [X86_BT] = { gen_BT, OPF_NOEA },
    [X86_BTS] = { gen_BT, OPF_NOEA },
    [X86_BTR] = { gen_BT, OPF_NOEA },
    [X86_BTC] = { gen_BT, OPF_NOEA },
    [X86_BSF] = { gen_BSF, OPF_LD1 },
    [X86_BSR] = { gen_BSR, OPF_LD1 },
    [X86_TZCNT] = { gen_TZCNT, OPF_LD1 },
    [X86_LZCNT] = { gen_LZCNT, OPF_LD1 },
    [X86_POPCNT] = { gen_POPCNT, OPF_LD1 },
    [X86_SETO ... X86_SETG] = { gen_SETcc, OPF_WB0 },
    [X86_CMOVO ... X86_CMOVG] = { gen_CMOVcc, OPF_LD1 },

    /* translate-ctrl.c */
    [X86_JMP] = { gen_JMP, 0 },
    [X86_JO ... X86_JG] = { gen_Jcc, 0 },
    [X86_JCXZ ... X86_JRCXZ] = { gen_JCXZ, 0 },
    [X86_LOOPNE ... X86_LOOP] = { gen_LOOP, 0 },
    [X86_CALL] = { gen_CALL, 0 },
    [X86_RET] = { gen_RET, 0 },
    [X86_PUSH] = { gen_PUSH, 0 },
    [X86_POP] = { gen_POP, OPF_NOEA },
    [X86_PUSHA ... X86_PUSHAD] = { gen_PUSHA, 0 },
    [X86_POPA ... X86_POPAD] = { gen_POPA, 0 },
    [X86_ENTER] = { gen_ENTER, 0 },
    [X86_LEAVE] = { gen_LEAVE, 0 },
    [X86_PUSHF ... X86_PUSHFQ] = { gen_PUSHF, 0 },
    [X86_POPF ... X86_POPFQ] = { gen_POPF, 0 },
    [X86_LAHF] = { gen_LAHF, 0 },
    [X86_SAHF] = { gen_SAHF, 0 },
    [X86_CLC] = { gen_CLC, 0 },
    [X86_STC] = { gen_STC, 0 },
    [X86_CMC] = { gen_CMC, 0 },
    [X86_CLD] = { gen_CLD, 0 },
    [X86_STD] = { gen_STD, 0 },
    [X86_UD2] = { gen_UD2, OPF_NOEA },
    [X86_UD1] = { gen_UD2, OPF_NOEA },
    [X86_UD0] = { gen_UD2, OPF_NOEA },
    [X86_INT3] = { gen_INT3, 0 },
    [X86_INT] = { gen_INT, 0 },
    [X86_INTO] = { gen_INTO, 0 },
    [X86_INT1] = { gen_INT1, 0 },
    [X86_HLT] = { gen_HLT, OPF_CPL0 },
    [X86_CLI] = { gen_CLI, 0 },
    [X86_STI] = { gen_STI, 0 },
    [X86_BOUND] = { gen_BOUND, 0 },
    [X86_FWAIT] = { gen_FWAIT, 0 },

    /* translate-string.c */
    [X86_MOVSB ... X86_MOVSQ] = { gen_MOVS, OPF_NOEA },
    [X86_CMPSB ... X86_CMPSQ] = { gen_CMPS, OPF_NOEA },
    [X86_STOSB ... X86_STOSQ] = { gen_STOS, OPF_NOEA },
    [X86_LODSB ... X86_LODSQ] = { gen_LODS, OPF_NOEA },
    [X86_SCASB ... X86_SCASQ] = { gen_SCAS, OPF_NOEA },
    [X86_INSB ... X86_INSD] = { gen_INS, OPF_NOEA },
    [X86_OUTSB ... X86_OUTSD] = { gen_OUTS, OPF_NOEA },

    /* translate-x87.c */
    [X86_FADD ... X86_FDIVRP] = { gen_FADD, 0 },
    [X86_FCOMPP ... X86_FXAM] = { gen_FCOM, 0 },
    [X86_FLD ... X86_FLDZ] = { gen_FLD, 0 },
    [X86_FST ... X86_FBSTP] = { gen_FST, 0 },
    [X86_FXCH ... X86_FINCSTP] = { gen_FXCH, 0 },
    [X86_F2XM1 ... X86_FCOS] = { gen_FSIN, 0 },
    [X86_FCMOVB ... X86_FCMOVNU] = { gen_FCMOVcc, 0 },
    [X86_FLDCW] = { gen_FLDCW, 0 },
    [X86_FNSTCW] = { gen_FNSTCW, 0 },
    [X86_FNSTSW] = { gen_FNSTSW, 0 },
    [X86_FLDENV] = { gen_FLDENV, 0 },
    [X86_FRSTOR] = { gen_FLDENV, 0 },
    [X86_FNSTENV] = { gen_FNSTENV, 0 },
    [X86_FNSAVE] = { gen_FNSTENV, 0 },
    [X86_FNCLEX] = { gen_FNCLEX, 0 },
    [X86_FNINIT] = { gen_FNINIT, 0 },
    [X86_FNENI ... X86_FNSETPM] = { gen_FNENI, 0 },

    /* translate-sys.c */
    [X86_IN] = { gen_IN, 0 },
    [X86_OUT] = { gen_OUT, 0 },
    [X86_LES] = { gen_LxS, 0 },
    [X86_LDS] = { gen_LxS, 0 },
    [X86_LSS] = { gen_LxS, 0 },
    [X86_LFS] = { gen_LxS, 0 },
    [X86_LGS] = { gen_LxS, 0 },
    [X86_JMPF] = { gen_JMPF, 0 },
    [X86_CALLF] = { gen_CALLF, 0 },
    [X86_RETF] = { gen_RETF, 0 },
    [X86_IRET ... X86_IRETQ] = { gen_IRET, 0 },
    [X86_SYSCALL] = { gen_SYSCALL, 0 },
    [X86_SYSRET] = { gen_SYSRET, OPF_CPL0 },
    [X86_SYSENTER] = { gen_SYSENTER, 0 },
    [X86_SYSEXIT] = { gen_SYSEXIT, OPF_CPL0 },
    [X86_LGDT] = { gen_LGDT, OPF_CPL0 },
    [X86_LIDT] = { gen_LGDT, OPF_CPL0 },
    [X86_SGDT] = { gen_SGDT, 0 },
    [X86_SIDT] = { gen_SGDT, 0 },
    [X86_LLDT] = { gen_LLDT, OPF_CPL0 | OPF_LD0 },
    [X86_LTR] = { gen_LLDT, OPF_CPL0 | OPF_LD0 },
    [X86_SLDT] = { gen_SLDT, 0 },
    [X86_STR] = { gen_SLDT, 0 },
    [X86_LMSW] = { gen_LMSW, OPF_CPL0 | OPF_LD0 },
    [X86_SMSW] = { gen_SMSW, 0 },
    [X86_CLTS] = { gen_CLTS, OPF_CPL0 },
    [X86_INVLPG] = { gen_INVLPG, OPF_CPL0 },
    [X86_LAR] = { gen_LAR, OPF_LD1 },
    [X86_LSL] = { gen_LAR, OPF_LD1 },
    [X86_VERR] = { gen_VERR, OPF_LD0 },
    [X86_VERW] = { gen_VERR, OPF_LD0 },
    [X86_ARPL] = { gen_ARPL, OPF_LD0 | OPF_LD1 },
    [X86_RDMSR] = { gen_RDMSR, OPF_CPL0 },
    [X86_WRMSR] = { gen_WRMSR, OPF_CPL0 },
    [X86_CPUID] = { gen_CPUID, 0 },
    [X86_RDTSC] = { gen_RDTSC, 0 },
    [X86_RDTSCP] = { gen_RDTSC, 0 },
    [X86_RDPMC] = { gen_RDPMC, 0 },
    [X86_SWAPGS] = { gen_SWAPGS, OPF_CPL0 },
    [X86_WBINVD] = { gen_NOP, OPF_CPL0 },
    [X86_INVD] = { gen_NOP, OPF_CPL0 },
    [X86_RDFSBASE ... X86_WRGSBASE] = { gen_RDFSBASE, 0 },

    /* translate-sse.c */
    [X86_FIRST_SSE ... X86_LAST_SSE] = { gen_SSE, 0 },
    [X86_FXSAVE ... X86_STMXCSR] = { gen_MXCSR, 0 },
};

/* ---- small shared pieces ------------------------------------------- */

void x86_gen_call(DisasContext *s, const TCGHelperInfo *info, TCGv ret,
                  int nargs, ...)
{
    TCGv args[TCG_MAX_CALL_ARGS];
    va_list ap;

    g_assert(nargs <= TCG_MAX_CALL_ARGS);
    va_start(ap, nargs);
    for (int i = 0; i < nargs; i++) {
        args[i] = va_arg(ap, TCGv);
    }
    va_end(ap);
    tcg_gen_call(s->s, info, ret, nargs, args);
}

void gen_update_rip_cur(DisasContext *s)
{
    tcg_gen_st(s->s, tconst(s, eip_of(s, s->pc)), s->envv,
               offsetof(CPUX86State, rip));
}

void gen_update_rip_next(DisasContext *s)
{
    tcg_gen_st(s->s, tconst(s, eip_of(s, s->next_pc)), s->envv,
               offsetof(CPUX86State, rip));
}

static const TCGHelperInfo info_raise_exception = {
    "raise_exception", helper_raise_exception, TCG_CALL_READS_GLOBALS,
};
static const TCGHelperInfo info_raise_exception_err = {
    "raise_exception_err", helper_raise_exception_err, TCG_CALL_READS_GLOBALS,
};

void gen_exception(DisasContext *s, int vector)
{
    gen_update_cc_op(s);
    gen_update_rip_cur(s);
    x86_gen_call(s, &info_raise_exception, NULL, 2, s->envv,
                 tconst(s, vector));
    s->is_jmp = DISAS_NORETURN;
}

void gen_exception_err(DisasContext *s, int vector, uint32_t err)
{
    gen_update_cc_op(s);
    gen_update_rip_cur(s);
    x86_gen_call(s, &info_raise_exception_err, NULL, 3, s->envv,
                 tconst(s, vector), tconst(s, err));
    s->is_jmp = DISAS_NORETURN;
}

void gen_exception_if(DisasContext *s, TCGCond cond, TCGv a, TCGv b,
                      int vector)
{
    TCGLabel *skip = tcg_gen_new_label(s->s);

    gen_update_cc_op(s);
    gen_update_rip_cur(s);
    tcg_gen_brcond(s->s, tcg_invert_cond(cond), a, b, skip);
    if (vector == EXCP0C_STACK || vector == EXCP0D_GPF) {
        x86_gen_call(s, &info_raise_exception_err, NULL, 3, s->envv,
                     tconst(s, vector), tconst(s, 0));
    } else {
        x86_gen_call(s, &info_raise_exception, NULL, 2, s->envv,
                     tconst(s, vector));
    }
    tcg_gen_set_label(s->s, skip);
}

/*
 * 64-bit mode: a non-canonical address through SS (an RSP or RBP base)
 * is #SS(0), not the #GP(0) the page walk would give. The accesses of
 * the instruction carry MO_X86_SS: such an address always misses the
 * inline TLB fast path, and x86_mem_slow_check raises #SS there, so the
 * common case costs nothing.
 */
static TCGv gen_lea_checked(DisasContext *s, const X86Mem *m)
{
    if (s->code64 && m->seg == X86_SEG_SS && m->base != X86_GPR_RIP) {
        s->mem_flags = MO_X86_SS;
    }
    return gen_lea_mem(s, m);
}

void gen_unimplemented(DisasContext *s, const char *why)
{
    if (log_enabled(LOG_UNIMP)) {
        GString *b = g_string_new(NULL);

        for (int i = 0; i < s->insn.length && i < X86_MAX_INSN_LEN; i++) {
            g_string_append_printf(b, " %02x", s->bytes[i]);
        }
        log_printf("x86: unimplemented instruction at 0x%" PRIx64 ":%s (%s)\n",
                 s->pc, b->str, why);
        g_string_free(b, true);
    }
    gen_exception(s, EXCP06_ILLOP);
}

/* ---- the debugger's breakpoints -------------------------------------- */

static void helper_debug_break(CPUX86State *env)
{
    cpu_debug_break(env->cpu);
}

static const TCGHelperInfo info_debug_break = {
    "debug_break", helper_debug_break, TCG_CALL_READS_GLOBALS,
};

/*
 * A breakpoint at s->pc: as a block's first instruction, stop there
 * before it runs (covering its first byte so that removing the breakpoint
 * invalidates this block); later in a block, end the block before it.
 */
static void gen_breakpoint(DisasContext *s)
{
    if (s->num_insns) {
        s->is_jmp = DISAS_TOO_MANY;
        return;
    }
    tcg_gen_insn_start(s->s, eip_of(s, s->pc), s->cc_op);
    s->num_insns++;
    gen_update_cc_op(s);
    gen_update_rip_cur(s);
    x86_gen_call(s, &info_debug_break, NULL, 1, s->envv);
    s->is_jmp = DISAS_NORETURN;
    s->size = 1;
}

/* ---- globals -------------------------------------------------------- */

static TCGv find_global(TCGContext *t, intptr_t off)
{
    for (int i = 0; i < t->nb_globals; i++) {
        if (t->temps[i].kind == TEMP_GLOBAL && t->temps[i].mem_offset == off) {
            return temp_tcgv(t, &t->temps[i]);
        }
    }
    g_assert_not_reached();
}

static void find_globals(DisasContext *s)
{
    TCGContext *t = s->s;

    s->envv = tcg_env(t);
    for (int i = 0; i < 16; i++) {
        s->regs[i] = find_global(t, offsetof(CPUX86State, regs[i]));
    }
    s->cc_dst = find_global(t, offsetof(CPUX86State, cc_dst));
    s->cc_src = find_global(t, offsetof(CPUX86State, cc_src));
    s->cc_src2 = find_global(t, offsetof(CPUX86State, cc_src2));
    s->cc_op_g = find_global(t, offsetof(CPUX86State, cc_op));
    s->df = find_global(t, offsetof(CPUX86State, df));
    for (int i = 0; i < X86_NR_SEGS; i++) {
        s->seg_base[i] = find_global(t, offsetof(CPUX86State, segs[i].base));
    }
}

/* ---- CPUID features the decoder gates on ---------------------------- */

/*
 * What the guest may execute. Hardware does not consult the CPUID a
 * hypervisor shows its guest: under KVM an instruction the host CPU has
 * runs whatever CPUID says, except where VMX controls gate it (RDTSCP and
 * RDPID). TCG behaves the same so a guest sees one CPU under both: every
 * feature the decoder knows, minus RDTSCP/RDPID when CPUID hides them,
 * with AMD's decoding when the vendor is AMD.
 */
static uint64_t guest_features(CPUX86State *env)
{
    const X86CPUIDEntry *l0, *l7, *e1;
    uint64_t f = X86_FEATURES_ALL;

    if (!env->cpuid || !env->nr_cpuid) {
        return f;
    }
    l0 = x86_cpuid_find(env, 0, 0);
    l7 = x86_cpuid_find(env, 7, 0);
    e1 = x86_cpuid_find(env, 0x80000001, 0);
    if (!e1 || !(e1->edx & (1u << 27))) {
        f &= ~X86_FEATURE_BIT(X86_FEAT_RDTSCP);
    }
    if (!l7 || !(l7->ecx & (1u << 22))) {
        f &= ~X86_FEATURE_BIT(X86_FEAT_RDPID);
    }
    /* "AuthenticAMD": ebx = "Auth". */
    if (l0 && l0->ebx == 0x68747541) {
        f |= X86_FEATURE_BIT(X86_FEAT_AMD_DECODE);
    }
    return f;
}

/* ---- the block ------------------------------------------------------ */

static void init_disas(DisasContext *s, TCGContext *t, CPUState *cpu,
                       TranslationBlock *tb, int max_insns)
{
    uint32_t f = tb->flags;

    memset(s, 0, sizeof(*s));
    s->s = t;
    s->cpu = cpu;
    s->env = (CPUX86State *)cpu->env;
    s->tb = tb;
    find_globals(s);
    s->flags = f;
    s->cs_base = tb->cs_base;
    s->cpl = f & HF_CPL_MASK;
    s->iopl = (f >> HF_IOPL_SHIFT) & 3;
    s->pe = f & HF_PE;
    s->vm86 = f & HF_VM;
    s->lma = f & HF_LMA;
    s->code64 = f & HF_CS64;
    s->code32 = f & HF_CS32;
    s->ss32 = f & HF_SS32;
    s->addseg = f & HF_ADDSEG;
    s->mode = s->code64 ? X86_MODE_64 : s->code32 ? X86_MODE_32 : X86_MODE_16;
    s->mem_index = !(f & HF_PG) ? X86_MMU_PHYS
                 : s->cpl == 3 ? X86_MMU_USER : X86_MMU_KERNEL;
    s->features = guest_features(s->env);
    s->pc_first = s->pc = tb->pc;
    s->single_step = (tb->cflags & TB_CFLAGS_SINGLE_STEP) || (f & HF_TF);
    s->max_insns = max_insns;
    if (s->single_step || (f & HF_INHIBIT_IRQ)) {
        s->max_insns = 1;
    }
    s->cc_op = CC_OP_DYNAMIC;
    s->pend_op = -1;
    s->srcT_op = -1;
}

/*
 * Whether the block may read code at @addr: on its first page always; on
 * the page after it (a block spans at most two pages, as the lookup
 * checks) for the first instruction, whose fetch fault is the block's,
 * and for later ones if that page reads without a fault.
 */
static bool may_fetch(DisasContext *s, uint64_t addr)
{
    uint64_t first = s->pc_first & TARGET_PAGE_MASK;

    if ((addr & TARGET_PAGE_MASK) == first) {
        return true;
    }
    if ((addr & TARGET_PAGE_MASK) != first + TARGET_PAGE_SIZE) {
        return false;
    }
    return s->num_insns == 0 || translator_can_fetch(s->cpu, addr);
}

/* Fetch and decode at s->pc; false when the block must end before it. */
static bool fetch_decode(DisasContext *s, X86Status *st)
{
    uint64_t page_left = TARGET_PAGE_SIZE - (s->pc & ~TARGET_PAGE_MASK);
    size_t n = MIN(page_left, (uint64_t)X86_MAX_INSN_LEN), have = 0;

    for (;;) {
        for (; have < n; have++) {
            s->bytes[have] = translator_ld(s->cpu, s->pc + have, MO_8);
        }
        *st = x86_decode(&s->insn, s->bytes, have, s->mode, s->features);
        if (*st != X86_DECODE_SHORT || have == X86_MAX_INSN_LEN) {
            break;
        }
        /* The instruction goes on in the next page. */
        if (!may_fetch(s, s->pc + have)) {
            return false;
        }
        n = X86_MAX_INSN_LEN;
    }
    if (*st == X86_DECODE_SHORT) {
        *st = X86_DECODE_GP;
    }
    return true;
}

static bool insn_has_mem(const X86Insn *in, const X86Mem **m)
{
    for (int i = 0; i < in->nops; i++) {
        if (in->op[i].kind == X86_OPK_MEM) {
            *m = &in->op[i].mem;
            return true;
        }
    }
    return false;
}

static void next_pc_wrap(DisasContext *s)
{
    uint64_t eip = eip_of(s, s->pc) + s->insn.length;

    if (!s->code64 && !s->code32) {
        eip &= 0xffff;
    } else if (!s->code64) {
        eip &= 0xffffffff;
    }
    s->next_pc = s->cs_base + eip;
}

static void translate_insn(DisasContext *s, X86Status st)
{
    X86Insn *in = &s->insn;
    const X86OpEntry *e;
    const X86Mem *m;

    switch (st) {
    case X86_DECODE_OK:
        break;
    case X86_DECODE_UNIMPL:
        gen_unimplemented(s, in->why ? in->why : "not decoded");
        return;
    case X86_DECODE_GP:
        gen_exception_err(s, EXCP0D_GPF, 0);
        return;
    default:
        gen_exception(s, EXCP06_ILLOP);
        return;
    }
    e = &x86_op_table[in->mnemonic];
    if (!e->gen) {
        gen_unimplemented(s, x86_mnemonic_name(in->mnemonic));
        return;
    }
    if ((e->flags & OPF_CPL0) && s->cpl != 0) {
        gen_exception_err(s, EXCP0D_GPF, 0);
        return;
    }
    s->ot = in->nops ? size_ot(in->op[0].size) : size_ot(in->osize);
    s->A0 = NULL;
    s->mem_flags = 0;
    s->T0 = s->T1 = s->T2 = NULL;
    if (!(e->flags & OPF_NOEA) && insn_has_mem(in, &m)) {
        s->A0 = gen_lea_checked(s, m);
    }
    if (e->flags & OPF_LD0) {
        s->T0 = gen_ld_op(s, &in->op[0]);
    }
    if (e->flags & OPF_LD1) {
        s->T1 = gen_ld_op(s, &in->op[1]);
    }
    if (e->flags & OPF_LD2) {
        s->T2 = gen_ld_op(s, &in->op[2]);
    }
    e->gen(s, in);
    if ((e->flags & OPF_WB0) && s->is_jmp != DISAS_NORETURN) {
        gen_st_op(s, &in->op[0], s->T0);
    }
    gen_commit_cc(s);
}

/* Nothing an instruction allocates outlives it: give its temps back. */
static void free_insn_temps(DisasContext *s)
{
    TCGContext *t = s->s;
    TCGTemp *keep = s->cc_srcT ? tcgv_temp(t, s->cc_srcT) : NULL;

    for (int i = t->nb_globals; i < t->nb_temps; i++) {
        TCGTemp *ts = &t->temps[i];

        if (ts->allocated && ts != keep &&
            (ts->kind == TEMP_NORMAL || ts->kind == TEMP_TB)) {
            tcg_temp_free_internal(t, ts);
        }
    }
}

static void gen_tb_end(DisasContext *s)
{
    switch (s->is_jmp) {
    case DISAS_NEXT:
    case DISAS_TOO_MANY:
        if (s->shadow_pending) {
            /* The block ended between STI and its shadowed instruction. */
            gen_update_rip_cur(s);
            tcg_gen_st8(s->s, tconst(s, 1), s->envv,
                        offsetof(CPUX86State, inhibit_irq));
            gen_exit_nochain(s);
            break;
        }
        if (s->flags & HF_INHIBIT_IRQ) {
            gen_update_rip_cur(s);
            gen_exit_nochain(s);
            break;
        }
        gen_jmp_eip(s, eip_of(s, s->pc), 0);
        break;
    case DISAS_EOB_NEXT:
        gen_update_rip_cur(s);
        gen_exit_lookup(s);
        break;
    case DISAS_EOB_INHIBIT:
        gen_update_rip_cur(s);
        tcg_gen_st8(s->s, tconst(s, 1), s->envv,
                    offsetof(CPUX86State, inhibit_irq));
        gen_exit_nochain(s);
        break;
    case DISAS_NORETURN:
        break;
    }
}

void x86_translate(TCGContext *t, CPUState *cpu, TranslationBlock *tb,
                   int max_insns)
{
    DisasContext ctx, *s = &ctx;
    TCGLabel *exit_label = NULL, *page2_miss = NULL;
    uint64_t page2_eip = 0;
    X86Status st;

    init_disas(s, t, cpu, tb, max_insns);
    if (!(tb->cflags & TB_CFLAGS_NO_IRQ_CHECK)) {
        TCGv req = tcg_temp_new(t, TCG_TYPE_I32);

        exit_label = tcg_gen_new_label(t);
        tcg_gen_ld32s(t, req, s->envv, tcg_cpu_ops.exit_request_offset);
        tcg_gen_brcondi(t, TCG_COND_NE, req, 0, exit_label);
    }
    for (;;) {
        if (cpu_breakpoint_test(cpu, s->pc)) {
            if (s->shadow_pending) {
                tcg_gen_st8(t, tconst(s, 1), s->envv,
                            offsetof(CPUX86State, inhibit_irq));
            }
            gen_breakpoint(s);
            break;
        }
        if (!fetch_decode(s, &st)) {
            break;
        }
        next_pc_wrap(s);
        if (!page2_miss && s->num_insns > 0 &&
            ((s->pc + s->insn.length - 1) & TARGET_PAGE_MASK) !=
            (s->pc_first & TARGET_PAGE_MASK)) {
            /*
             * The first instruction with bytes on the next page: check
             * that page's mapping (a chained entry skipped the lookup).
             * Not for the block's first instruction: on a miss the
             * lookup would find this block again, and one that hits the
             * jump cache does not refill the entry; such a block is not
             * chained into (tb_add_jump).
             */
            page2_miss = tcg_gen_new_label(t);
            page2_eip = eip_of(s, s->pc);
            gen_update_cc_op(s);
            tcg_gen_check_second_page(cpu, t, page2_miss);
        }
        s->insn_start_idx = t->ops->len;
        tcg_gen_insn_start(t, eip_of(s, s->pc), s->cc_op);
        if (s->num_insns == 0 && (s->flags & HF_INHIBIT_IRQ)) {
            tcg_gen_st8(t, tconst(s, 0), s->envv,
                        offsetof(CPUX86State, inhibit_irq));
        }
        s->num_insns++;
        s->mem_flags = 0;
        if (s->shadow_pending) {
            s->shadow_pending = false;
            s->irq_window = true;
        }
        translate_insn(s, st);
        free_insn_temps(s);
        s->pc = s->next_pc;
        s->size += s->insn.length;
        if (s->is_jmp != DISAS_NEXT) {
            break;
        }
        if (s->irq_window) {
            s->is_jmp = DISAS_EOB_NEXT;     /* the STI shadow is over */
            break;
        }
        if (s->num_insns >= s->max_insns ||
            s->size >= TARGET_PAGE_SIZE - X86_MAX_INSN_LEN ||
            s->pc < s->pc_first || !may_fetch(s, s->pc)) {
            s->is_jmp = DISAS_TOO_MANY;
            break;
        }
    }
    gen_tb_end(s);
    if (exit_label) {
        tcg_gen_set_label(t, exit_label);
        tcg_gen_exit_tb(t, (uintptr_t)tb | TB_EXIT_REQUESTED);
    }
    if (page2_miss) {
        /* Not as translated (remapped, or its TLB entry taken by another
         * page): on through the lookup, as a jump to that page would. */
        tcg_gen_set_label(t, page2_miss);
        s->cc_op_dirty = false;     /* stored before the check */
        tcg_gen_code_page_fill(t, page2_eip + s->cs_base);
        gen_jmp_eip(s, page2_eip, 0);
    }
    tb->size = s->size;
    tb->icount = s->num_insns;
}
