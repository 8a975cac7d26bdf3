/* SPDX-License-Identifier: MIT */
/*
 * Emitters for system instructions. Most of the work is in the system
 * helpers (seg.c, misc.c: descriptor loads, far transfers, IRET,
 * SYSCALL/SYSENTER, CR/DR/MSR access, CPUID, port I/O); this file is the
 * glue: privilege checks the translator can make from the TB flags (CPL,
 * IOPL, real/virtual-8086 mode), syncing rip and cc_op before a helper
 * that may fault or read flags, and ending the block after anything that
 * changes the mode (segment loads, CR writes, far transfers).
 *
 * Real and virtual-8086 mode segment loads are done inline (base =
 * selector << 4).
 */
#include "target-i386/translate.h"

/* Sync state for a helper that may fault or read the flags. */
static void gen_helper_prep(DisasContext *s)
{
    gen_update_cc_op(s);
    gen_update_rip_cur(s);
}

/* After a helper that may have rewritten EFLAGS through env. */
static void cc_from_env(DisasContext *s)
{
    s->cc_op = CC_OP_DYNAMIC;
    s->cc_op_dirty = false;
}

static bool real_or_vm86(DisasContext *s)
{
    return !s->pe || s->vm86;
}

/* #UD outside protected mode (LLDT, LAR, ...): true if raised. */
static bool need_prot(DisasContext *s)
{
    if (real_or_vm86(s)) {
        gen_exception(s, EXCP06_ILLOP);
        return true;
    }
    return false;
}

static const TCGHelperInfo info_load_seg = {
    "load_seg", helper_load_seg, TCG_CALL_WRITES_GLOBALS,
};

static void gen_load_seg_real(DisasContext *s, int seg, TCGv sel)
{
    TCGv v = gen_ext(s, sel, 2, false);

    tcg_gen_st16(s->s, v, s->envv, offsetof(CPUX86State, segs[seg].selector));
    tcg_gen_shli(s->s, s->seg_base[seg], v, 4);
    s->cs_loaded |= seg == X86_SEG_CS;
}

void gen_mov_to_seg(DisasContext *s, int seg, TCGv sel)
{
    if (real_or_vm86(s)) {
        gen_load_seg_real(s, seg, sel);
    } else {
        gen_helper_prep(s);
        x86_gen_call(s, &info_load_seg, NULL, 3, s->envv, tconst(s, seg),
                     sel);
        s->is_jmp = DISAS_EOB_NEXT;
    }
    if (seg == X86_SEG_SS) {
        /* MOV SS / POP SS: no interrupt before the next instruction. */
        s->is_jmp = (s->flags & HF_INHIBIT_IRQ) ? DISAS_EOB_NEXT
                                                : DISAS_EOB_INHIBIT;
    }
}

/* ---- control and debug registers ------------------------------------ */

static const TCGHelperInfo info_read_cr = {
    "read_cr", helper_read_cr, TCG_CALL_READS_GLOBALS,
};
static const TCGHelperInfo info_write_cr = {
    "write_cr", helper_write_cr, TCG_CALL_WRITES_GLOBALS,
};
static const TCGHelperInfo info_read_dr = {
    "read_dr", helper_read_dr, TCG_CALL_READS_GLOBALS,
};
static const TCGHelperInfo info_write_dr = {
    "write_dr", helper_write_dr, TCG_CALL_WRITES_GLOBALS,
};

void gen_mov_crdr(DisasContext *s, X86Insn *in)
{
    const X86Operand *d = &in->op[0], *a = &in->op[1];
    bool to_reg = d->reg_class == X86_RC_GPR;
    const X86Operand *r = to_reg ? a : d;
    bool cr = r->reg_class == X86_RC_CR;
    TCGv v;

    if (s->cpl != 0) {
        gen_exception_err(s, EXCP0D_GPF, 0);
        return;
    }
    gen_helper_prep(s);
    if (to_reg) {
        v = tmp64(s);
        x86_gen_call(s, cr ? &info_read_cr : &info_read_dr, v, 2, s->envv,
                     tconst(s, r->reg));
        gen_st_op(s, d, v);
        return;
    }
    v = gen_ld_op(s, a);
    x86_gen_call(s, cr ? &info_write_cr : &info_write_dr, NULL, 3, s->envv,
                 tconst(s, r->reg), v);
    s->is_jmp = DISAS_EOB_NEXT;
}

/* ---- port I/O ------------------------------------------------------- */

static TCGv io_port(DisasContext *s, const X86Operand *op)
{
    if (op->kind == X86_OPK_IMM) {
        return tconst(s, op->imm & 0xff);
    }
    return gen_ext(s, s->regs[R_EDX], 2, false);
}

void gen_IN(DisasContext *s, X86Insn *in)
{
    int size = in->op[0].size;
    TCGv port = io_port(s, &in->op[1]);

    gen_io_check(s, port, size);
    gen_st_reg(s, X86_RC_GPR, R_EAX, size, gen_io_in(s, port, size));
}

void gen_OUT(DisasContext *s, X86Insn *in)
{
    int size = in->op[1].size;
    TCGv port = io_port(s, &in->op[0]);

    gen_io_check(s, port, size);
    gen_io_out(s, port, gen_ld_reg(s, X86_RC_GPR, R_EAX, size), size);
}

/* ---- far pointers and far transfers --------------------------------- */

void gen_LxS(DisasContext *s, X86Insn *in)
{
    static const uint8_t seg_of[] = {
        [X86_LES] = X86_SEG_ES, [X86_LDS] = X86_SEG_DS,
        [X86_LSS] = X86_SEG_SS, [X86_LFS] = X86_SEG_FS,
        [X86_LGS] = X86_SEG_GS,
    };
    int size = in->op[1].size - 2;
    TCGv off = tmp64(s), sel = tmp64(s), a = tmp64(s);

    gen_ld_mem(s, off, s->A0, size, false);
    tcg_gen_addi(s->s, a, s->A0, size);
    gen_ld_mem(s, sel, a, 2, false);
    gen_mov_to_seg(s, seg_of[in->mnemonic], sel);
    gen_st_op(s, &in->op[0], off);
}

/* The selector and offset of a far operand (direct or in memory). */
static void far_operand(DisasContext *s, const X86Operand *op, TCGv *sel,
                        TCGv *off)
{
    int size;
    TCGv a;

    if (op->kind == X86_OPK_FAR) {
        *sel = tconst(s, op->sel);
        *off = tconst(s, op->imm);
        return;
    }
    size = op->size - 2;
    *off = tmp64(s);
    *sel = tmp64(s);
    a = tmp64(s);
    gen_ld_mem(s, *off, s->A0, size, false);
    tcg_gen_addi(s->s, a, s->A0, size);
    gen_ld_mem(s, *sel, a, 2, false);
}

static const TCGHelperInfo info_ljmp_protected = {
    "ljmp_protected", helper_ljmp_protected, TCG_CALL_WRITES_GLOBALS,
};
static const TCGHelperInfo info_lcall_real = {
    "lcall_real", helper_lcall_real, TCG_CALL_WRITES_GLOBALS,
};
static const TCGHelperInfo info_lcall_protected = {
    "lcall_protected", helper_lcall_protected, TCG_CALL_WRITES_GLOBALS,
};
static const TCGHelperInfo info_lret_protected = {
    "lret_protected", helper_lret_protected, TCG_CALL_WRITES_GLOBALS,
};
static const TCGHelperInfo info_iret_real = {
    "iret_real", helper_iret_real, TCG_CALL_WRITES_GLOBALS,
};
static const TCGHelperInfo info_iret_protected = {
    "iret_protected", helper_iret_protected, TCG_CALL_WRITES_GLOBALS,
};

/* Leave after a helper that set CS:rip itself. */
static void gen_eob_after_helper(DisasContext *s)
{
    cc_from_env(s);
    gen_exit_lookup(s);
}

void gen_JMPF(DisasContext *s, X86Insn *in)
{
    TCGv sel, off;

    far_operand(s, &in->op[0], &sel, &off);
    if (real_or_vm86(s)) {
        gen_load_seg_real(s, X86_SEG_CS, sel);
        gen_jmp_dyn(s, gen_ext(s, off, in->osize, false));
        return;
    }
    gen_helper_prep(s);
    x86_gen_call(s, &info_ljmp_protected, NULL, 4, s->envv, sel, off,
                 tconst(s, in->length));
    gen_eob_after_helper(s);
}

void gen_CALLF(DisasContext *s, X86Insn *in)
{
    TCGv sel, off;

    far_operand(s, &in->op[0], &sel, &off);
    gen_helper_prep(s);
    if (real_or_vm86(s)) {
        x86_gen_call(s, &info_lcall_real, NULL, 5, s->envv, sel, off,
                     tconst(s, in->osize), tconst(s, eip_of(s, s->next_pc)));
    } else {
        x86_gen_call(s, &info_lcall_protected, NULL, 5, s->envv, sel, off,
                     tconst(s, in->osize), tconst(s, in->length));
    }
    gen_eob_after_helper(s);
}

void gen_RETF(DisasContext *s, X86Insn *in)
{
    int size = in->osize;
    int imm = in->nops ? in->op[0].imm & 0xffff : 0;

    if (real_or_vm86(s)) {
        TCGv ip = gen_pop_peek(s, size, 0);
        TCGv cs = gen_pop_peek(s, size, size);

        gen_sp_add(s, 2 * size + imm);
        gen_load_seg_real(s, X86_SEG_CS, cs);
        gen_jmp_dyn(s, ip);
        return;
    }
    gen_helper_prep(s);
    x86_gen_call(s, &info_lret_protected, NULL, 3, s->envv,
                 tconst(s, size), tconst(s, imm));
    gen_eob_after_helper(s);
}

void gen_IRET(DisasContext *s, X86Insn *in)
{
    if (s->vm86 && s->iopl < 3) {
        gen_exception_err(s, EXCP0D_GPF, 0);
        return;
    }
    gen_helper_prep(s);
    if (real_or_vm86(s)) {
        x86_gen_call(s, &info_iret_real, NULL, 2, s->envv,
                     tconst(s, in->osize));
    } else {
        x86_gen_call(s, &info_iret_protected, NULL, 3, s->envv,
                     tconst(s, in->osize), tconst(s, in->length));
    }
    gen_eob_after_helper(s);
}

static const TCGHelperInfo info_syscall = {
    "syscall", helper_syscall, TCG_CALL_WRITES_GLOBALS,
};
static const TCGHelperInfo info_sysret = {
    "sysret", helper_sysret, TCG_CALL_WRITES_GLOBALS,
};
static const TCGHelperInfo info_sysenter = {
    "sysenter", helper_sysenter, TCG_CALL_WRITES_GLOBALS,
};
static const TCGHelperInfo info_sysexit = {
    "sysexit", helper_sysexit, TCG_CALL_WRITES_GLOBALS,
};

void gen_SYSCALL(DisasContext *s, X86Insn *in)
{
    gen_helper_prep(s);
    x86_gen_call(s, &info_syscall, NULL, 2, s->envv, tconst(s, in->length));
    gen_eob_after_helper(s);
}

void gen_SYSRET(DisasContext *s, X86Insn *in)
{
    if (need_prot(s)) {
        return;
    }
    gen_helper_prep(s);
    x86_gen_call(s, &info_sysret, NULL, 2, s->envv, tconst(s, in->osize));
    gen_eob_after_helper(s);
}

void gen_SYSENTER(DisasContext *s, X86Insn *in)
{
    gen_helper_prep(s);
    x86_gen_call(s, &info_sysenter, NULL, 1, s->envv);
    gen_eob_after_helper(s);
}

void gen_SYSEXIT(DisasContext *s, X86Insn *in)
{
    if (need_prot(s)) {
        return;
    }
    gen_helper_prep(s);
    x86_gen_call(s, &info_sysexit, NULL, 2, s->envv, tconst(s, in->osize));
    gen_eob_after_helper(s);
}

/* ---- descriptor tables ---------------------------------------------- */

void gen_LGDT(DisasContext *s, X86Insn *in)
{
    bool idt = in->mnemonic == X86_LIDT;
    size_t off = idt ? offsetof(CPUX86State, idt)
                     : offsetof(CPUX86State, gdt);
    TCGv limit = tmp64(s), base = tmp64(s), a = tmp64(s);

    gen_ld_mem(s, limit, s->A0, 2, false);
    tcg_gen_addi(s->s, a, s->A0, 2);
    gen_ld_mem(s, base, a, s->code64 ? 8 : 4, false);
    if (in->osize == 2) {
        tcg_gen_andi(s->s, base, base, 0xffffff);
    }
    tcg_gen_st(s->s, base, s->envv, off + offsetof(DescriptorTable, base));
    tcg_gen_st16(s->s, limit, s->envv,
                 off + offsetof(DescriptorTable, limit));
}

void gen_SGDT(DisasContext *s, X86Insn *in)
{
    bool idt = in->mnemonic == X86_SIDT;
    size_t off = idt ? offsetof(CPUX86State, idt)
                     : offsetof(CPUX86State, gdt);
    TCGv limit = tmp64(s), base = tmp64(s), a = tmp64(s);

    tcg_gen_ld16u(s->s, limit, s->envv,
                  off + offsetof(DescriptorTable, limit));
    tcg_gen_ld(s->s, base, s->envv, off + offsetof(DescriptorTable, base));
    gen_st_mem(s, limit, s->A0, 2);
    tcg_gen_addi(s->s, a, s->A0, 2);
    gen_st_mem(s, base, a, s->code64 ? 8 : 4);
}

static const TCGHelperInfo info_lldt = {
    "lldt", helper_lldt, TCG_CALL_WRITES_GLOBALS,
};
static const TCGHelperInfo info_ltr = {
    "ltr", helper_ltr, TCG_CALL_WRITES_GLOBALS,
};

void gen_LLDT(DisasContext *s, X86Insn *in)
{
    if (need_prot(s)) {
        return;
    }
    gen_helper_prep(s);
    x86_gen_call(s, in->mnemonic == X86_LTR ? &info_ltr : &info_lldt, NULL,
                 2, s->envv, s->T0);
}

void gen_SLDT(DisasContext *s, X86Insn *in)
{
    TCGv v = tmp64(s);

    if (need_prot(s)) {
        return;
    }
    tcg_gen_ld16u(s->s, v, s->envv, in->mnemonic == X86_STR
                  ? offsetof(CPUX86State, tr.selector)
                  : offsetof(CPUX86State, ldt.selector));
    gen_st_op(s, &in->op[0], v);
}

static const TCGHelperInfo info_lmsw = {
    "lmsw", helper_lmsw, TCG_CALL_WRITES_GLOBALS,
};
static const TCGHelperInfo info_clts = {
    "clts", helper_clts, TCG_CALL_WRITES_GLOBALS,
};
static const TCGHelperInfo info_invlpg = {
    "invlpg", helper_invlpg, TCG_CALL_WRITES_GLOBALS,
};

void gen_LMSW(DisasContext *s, X86Insn *in)
{
    gen_helper_prep(s);
    x86_gen_call(s, &info_lmsw, NULL, 2, s->envv, s->T0);
    s->is_jmp = DISAS_EOB_NEXT;
}

void gen_SMSW(DisasContext *s, X86Insn *in)
{
    TCGv v = tmp64(s);

    tcg_gen_ld(s->s, v, s->envv, offsetof(CPUX86State, cr[0]));
    gen_st_op(s, &in->op[0], v);
}

void gen_CLTS(DisasContext *s, X86Insn *in)
{
    gen_helper_prep(s);
    x86_gen_call(s, &info_clts, NULL, 1, s->envv);
    s->is_jmp = DISAS_EOB_NEXT;
}

void gen_INVLPG(DisasContext *s, X86Insn *in)
{
    gen_helper_prep(s);
    x86_gen_call(s, &info_invlpg, NULL, 2, s->envv, s->A0);
    s->is_jmp = DISAS_EOB_NEXT;
}

/* ---- selector checks ------------------------------------------------ */

static const TCGHelperInfo info_lar = {
    "lar", helper_lar, TCG_CALL_WRITES_GLOBALS,
};
static const TCGHelperInfo info_lsl = {
    "lsl", helper_lsl, TCG_CALL_WRITES_GLOBALS,
};
static const TCGHelperInfo info_verr = {
    "verr", helper_verr, TCG_CALL_WRITES_GLOBALS,
};
static const TCGHelperInfo info_verw = {
    "verw", helper_verw, TCG_CALL_WRITES_GLOBALS,
};

void gen_LAR(DisasContext *s, X86Insn *in)
{
    TCGv r = tmp64(s), zf = tmp64(s), old, v = tmp64(s);

    if (need_prot(s)) {
        return;
    }
    gen_helper_prep(s);
    x86_gen_call(s, in->mnemonic == X86_LSL ? &info_lsl : &info_lar, r, 2,
                 s->envv, s->T1);
    cc_from_env(s);
    /* The destination is written only when ZF was set. */
    tcg_gen_andi(s->s, zf, gen_compute_eflags(s), EFLAGS_ZF);
    old = gen_ld_op(s, &in->op[0]);
    tcg_gen_movcond(s->s, TCG_COND_NE, v, zf, tconst(s, 0), r, old);
    gen_st_op(s, &in->op[0], v);
}

void gen_VERR(DisasContext *s, X86Insn *in)
{
    if (need_prot(s)) {
        return;
    }
    gen_helper_prep(s);
    x86_gen_call(s, in->mnemonic == X86_VERW ? &info_verw : &info_verr, NULL,
                 2, s->envv, s->T0);
    cc_from_env(s);
}

void gen_ARPL(DisasContext *s, X86Insn *in)
{
    TCGContext *t = s->s;
    TCGv drpl = tmp64(s), srpl = tmp64(s), nv = tmp64(s), v = tmp64(s);
    TCGv lt = tmp64(s), f;

    if (need_prot(s)) {
        return;
    }
    tcg_gen_andi(t, drpl, s->T0, 3);
    tcg_gen_andi(t, srpl, s->T1, 3);
    tcg_gen_andi(t, nv, s->T0, ~3ull);
    tcg_gen_or(t, nv, nv, srpl);
    tcg_gen_movcond(t, TCG_COND_LTU, v, drpl, srpl, nv, s->T0);
    gen_st_op(s, &in->op[0], v);
    tcg_gen_setcond(t, TCG_COND_LTU, lt, drpl, srpl);
    tcg_gen_shli(t, lt, lt, 6);
    f = gen_compute_eflags(s);
    tcg_gen_andi(t, f, f, ~(uint64_t)EFLAGS_ZF);
    tcg_gen_or(t, f, f, lt);
    gen_set_cc(s, CC_OP_EFLAGS, NULL, f, NULL);
}

/* ---- MSRs, CPUID, time stamp, GS swap ------------------------------- */

static const TCGHelperInfo info_rdmsr = {
    "rdmsr", helper_rdmsr, TCG_CALL_WRITES_GLOBALS,
};
static const TCGHelperInfo info_wrmsr = {
    "wrmsr", helper_wrmsr, TCG_CALL_WRITES_GLOBALS,
};
static const TCGHelperInfo info_cpuid = {
    "cpuid", helper_cpuid, TCG_CALL_WRITES_GLOBALS,
};
static const TCGHelperInfo info_rdtsc = {
    "rdtsc", helper_rdtsc, TCG_CALL_WRITES_GLOBALS,
};
static const TCGHelperInfo info_rdtscp = {
    "rdtscp", helper_rdtscp, TCG_CALL_WRITES_GLOBALS,
};
static const TCGHelperInfo info_swapgs = {
    "swapgs", helper_swapgs, TCG_CALL_WRITES_GLOBALS,
};

static void gen_env_helper(DisasContext *s, const TCGHelperInfo *info)
{
    gen_helper_prep(s);
    x86_gen_call(s, info, NULL, 1, s->envv);
}

void gen_RDMSR(DisasContext *s, X86Insn *in)
{
    gen_env_helper(s, &info_rdmsr);
}

void gen_WRMSR(DisasContext *s, X86Insn *in)
{
    gen_env_helper(s, &info_wrmsr);
    s->is_jmp = DISAS_EOB_NEXT;
}

void gen_CPUID(DisasContext *s, X86Insn *in)
{
    gen_env_helper(s, &info_cpuid);
}

void gen_RDTSC(DisasContext *s, X86Insn *in)
{
    gen_env_helper(s, in->mnemonic == X86_RDTSCP ? &info_rdtscp
                                                 : &info_rdtsc);
}

void gen_RDPMC(DisasContext *s, X86Insn *in)
{
    gen_exception_err(s, EXCP0D_GPF, 0);
}

void gen_SWAPGS(DisasContext *s, X86Insn *in)
{
    gen_env_helper(s, &info_swapgs);
}

void gen_RDFSBASE(DisasContext *s, X86Insn *in)
{
    /* CR4.FSGSBASE is not part of the TB flags yet. */
    gen_unimplemented(s, "RDFSBASE/WRFSBASE family");
}
