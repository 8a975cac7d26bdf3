/* SPDX-License-Identifier: MIT */
/*
 * Operands for the translator: effective addresses of X86Insn memory
 * operands (16/32/64-bit address sizes with their wrap-around, the
 * segment base when it can be non-zero, RIP-relative), register reads and
 * writes with the x86 partial-register rules (a 32-bit write zero-extends
 * to 64 bits, 8- and 16-bit writes merge, AH/CH/DH/BH without REX), guest
 * memory through guest_ld/guest_st in the TB's MMU index, the stack, and
 * the ways out of a TB (chained goto_tb, indirect, unchained).
 *
 * Every value is carried in a 64-bit temp, zero-extended from its size
 * when loaded; results may have garbage above their size, which stores
 * and the lazy flags ignore. Segment limits are not checked for memory
 * operands in this version (flat 32-bit and 64-bit guests never need it).
 */
#include "target-i386/translate.h"

TCGv gen_ext(DisasContext *s, TCGv v, int size, bool sign)
{
    TCGv r = tmp64(s);

    switch (size) {
    case 1:
        sign ? tcg_gen_ext8s(s->s, r, v) : tcg_gen_ext8u(s->s, r, v);
        break;
    case 2:
        sign ? tcg_gen_ext16s(s->s, r, v) : tcg_gen_ext16u(s->s, r, v);
        break;
    case 4:
        sign ? tcg_gen_ext32s(s->s, r, v) : tcg_gen_ext32u(s->s, r, v);
        break;
    default:
        tcg_gen_mov(s->s, r, v);
        break;
    }
    return r;
}

/* ---- addresses ------------------------------------------------------ */

TCGv gen_ea_offset(DisasContext *s, const X86Mem *m)
{
    TCGContext *t = s->s;
    TCGv ea = tmp64(s), x;

    if (m->base == X86_GPR_RIP) {
        tcg_gen_movi(t, ea, eip_of(s, s->next_pc) + m->disp);
        return ea;
    }
    tcg_gen_movi(t, ea, m->disp);
    if (m->base != X86_GPR_NONE) {
        tcg_gen_add(t, ea, ea, s->regs[m->base]);
    }
    if (m->index != X86_GPR_NONE) {
        x = tmp64(s);
        tcg_gen_shli(t, x, s->regs[m->index], size_ot(m->scale));
        tcg_gen_add(t, ea, ea, x);
    }
    if (m->addr_size == 2) {
        tcg_gen_ext16u(t, ea, ea);
    } else if (m->addr_size == 4) {
        tcg_gen_ext32u(t, ea, ea);
    }
    return ea;
}

TCGv gen_add_seg(DisasContext *s, TCGv ea, int seg, int asize)
{
    TCGContext *t = s->s;
    bool add;

    if (s->code64) {
        add = seg == X86_SEG_FS || seg == X86_SEG_GS;
    } else {
        add = s->addseg || seg == X86_SEG_CS || seg == X86_SEG_FS ||
              seg == X86_SEG_GS || !s->pe || s->vm86;
    }
    if (!add || seg == X86_SEG_NONE) {
        return ea;
    }
    {
        TCGv r = tmp64(s);

        tcg_gen_add(t, r, ea, s->seg_base[seg]);
        if (!s->code64) {
            tcg_gen_ext32u(t, r, r);
        }
        return r;
    }
}

TCGv gen_lea_mem(DisasContext *s, const X86Mem *m)
{
    return gen_add_seg(s, gen_ea_offset(s, m), m->seg, m->addr_size);
}

/* ---- registers ------------------------------------------------------ */

TCGv gen_ld_reg(DisasContext *s, int rc, int reg, int size)
{
    TCGv r = tmp64(s);

    if (rc == X86_RC_GPR8_HIGH) {
        tcg_gen_extract(s->s, r, s->regs[reg], 8, 8);
        return r;
    }
    switch (size) {
    case 1: tcg_gen_ext8u(s->s, r, s->regs[reg]); break;
    case 2: tcg_gen_ext16u(s->s, r, s->regs[reg]); break;
    case 4: tcg_gen_ext32u(s->s, r, s->regs[reg]); break;
    default: tcg_gen_mov(s->s, r, s->regs[reg]); break;
    }
    return r;
}

void gen_st_reg(DisasContext *s, int rc, int reg, int size, TCGv v)
{
    TCGv r = s->regs[reg];

    if (rc == X86_RC_GPR8_HIGH) {
        tcg_gen_deposit(s->s, r, r, v, 8, 8);
        return;
    }
    switch (size) {
    case 1: tcg_gen_deposit(s->s, r, r, v, 0, 8); break;
    case 2: tcg_gen_deposit(s->s, r, r, v, 0, 16); break;
    case 4: tcg_gen_ext32u(s->s, r, v); break;
    default: tcg_gen_mov(s->s, r, v); break;
    }
}

/* ---- memory --------------------------------------------------------- */

void gen_ld_mem(DisasContext *s, TCGv d, TCGv addr, int size, bool sign)
{
    MemOp mop = size_ot(size) | (sign ? MO_SIGN : 0) | s->mem_flags;

    tcg_gen_guest_ld(s->s, d, addr, mop, s->mem_index);
}

void gen_st_mem(DisasContext *s, TCGv v, TCGv addr, int size)
{
    tcg_gen_guest_st(s->s, v, addr, size_ot(size) | s->mem_flags,
                     s->mem_index);
}

TCGv gen_ld_op(DisasContext *s, const X86Operand *op)
{
    TCGv r;

    switch (op->kind) {
    case X86_OPK_REG:
        if (op->reg_class == X86_RC_SEG) {
            r = tmp64(s);
            tcg_gen_ld16u(s->s, r, s->envv,
                          offsetof(CPUX86State, segs[op->reg].selector));
            return r;
        }
        return gen_ld_reg(s, op->reg_class, op->reg, op->size);
    case X86_OPK_MEM:
        r = tmp64(s);
        gen_ld_mem(s, r, s->A0, op->size, false);
        return r;
    case X86_OPK_IMM:
    case X86_OPK_REL:
        r = tmp64(s);
        tcg_gen_movi(s->s, r, op->imm);
        return r;
    default:
        return tconst(s, 0);
    }
}

void gen_st_op(DisasContext *s, const X86Operand *op, TCGv v)
{
    switch (op->kind) {
    case X86_OPK_REG:
        g_assert(op->reg_class == X86_RC_GPR ||
                 op->reg_class == X86_RC_GPR8_HIGH);
        gen_st_reg(s, op->reg_class, op->reg, op->size, v);
        break;
    case X86_OPK_MEM:
        gen_st_mem(s, v, s->A0, op->size);
        break;
    default:
        g_assert_not_reached();
    }
}

/* ---- the stack ------------------------------------------------------ */

int stack_asize(DisasContext *s)
{
    return s->code64 ? 8 : s->ss32 ? 4 : 2;
}

/* Linear address of SS:(rSP + delta), rSP wrapped to the stack size. */
static TCGv stack_addr(DisasContext *s, int64_t delta)
{
    TCGv off = tmp64(s);
    int as = stack_asize(s);

    tcg_gen_addi(s->s, off, s->regs[R_ESP], delta);
    off = gen_ext(s, off, as, false);
    return gen_add_seg(s, off, X86_SEG_SS, as);
}

/* rSP += delta, only the stack-size bits of it changing. */
void gen_sp_add(DisasContext *s, int64_t delta)
{
    TCGv v = tmp64(s);

    tcg_gen_addi(s->s, v, s->regs[R_ESP], delta);
    gen_st_reg(s, X86_RC_GPR, R_ESP, stack_asize(s), v);
}

/* Stack accesses are through SS: a non-canonical rSP is #SS(0). */
static MemOp stack_mo(DisasContext *s, int size)
{
    return size_ot(size) | (s->code64 ? MO_X86_SS : 0);
}

void gen_push(DisasContext *s, TCGv v, int size)
{
    tcg_gen_guest_st(s->s, v, stack_addr(s, -size), stack_mo(s, size),
                     s->mem_index);
    gen_sp_add(s, -size);
}

TCGv gen_pop_peek(DisasContext *s, int size, int offset)
{
    TCGv r = tmp64(s);

    tcg_gen_guest_ld(s->s, r, stack_addr(s, offset), stack_mo(s, size),
                     s->mem_index);
    return r;
}

/* ---- leaving the TB ------------------------------------------------- */

static void gen_store_rip(DisasContext *s, uint64_t eip)
{
    tcg_gen_st(s->s, tconst(s, eip), s->envv, offsetof(CPUX86State, rip));
}

static const TCGHelperInfo info_raise_trap = {
    "raise_trap", helper_raise_trap, TCG_CALL_READS_GLOBALS,
};

/* Leave unchained (rip stored); with EFLAGS.TF, as a single-step #DB. */
static void gen_exit_tb_nochain(DisasContext *s)
{
    if (s->flags & HF_TF) {
        x86_gen_call(s, &info_raise_trap, NULL, 3, s->envv,
                     tconst(s, EXCP01_DB), tconst(s, 0));
    }
    tcg_gen_exit_tb(s->s, (uintptr_t)s->tb | TB_EXIT_NOCHAIN);
}

void gen_exit_nochain(DisasContext *s)
{
    gen_update_cc_op(s);
    gen_exit_tb_nochain(s);
    s->is_jmp = DISAS_NORETURN;
}

static const TCGHelperInfo info_lookup_tb_ptr = {
    "lookup_tb_ptr", helper_lookup_tb_ptr, TCG_CALL_READS_GLOBALS,
};

/*
 * End the block after an instruction that changed the machine state the
 * next block depends on (rip stored): the next block is looked up with
 * the flags computed afresh (helper_lookup_tb_ptr), without a trip
 * through the exec loop. The lookup gives the loop its turn when an
 * interrupt is pending, which such an instruction (POPF, IRET, SYSRET,
 * a write to CR8) may just have unmasked. An interrupt shadow, EFLAGS.TF
 * and single-stepping still leave.
 */
void gen_exit_lookup(DisasContext *s)
{
    TCGv ptr;

    if (s->single_step || (s->flags & (HF_TF | HF_INHIBIT_IRQ))) {
        gen_exit_nochain(s);
        return;
    }
    gen_update_cc_op(s);
    ptr = tmp64(s);
    x86_gen_call(s, &info_lookup_tb_ptr, ptr, 1, s->envv);
    tcg_gen_goto_ptr(s->s, ptr);
    s->is_jmp = DISAS_NORETURN;
}

/*
 * goto_ptr to the block at @eip. Every instruction that changes an input
 * of the block flags (CR0, CR4, EFER, EFLAGS.IF/TF/IOPL/VM, CS, SS, a
 * segment base in protected mode) ends the block (gen_exit_lookup, which
 * computes them afresh), so a jump that gets here leaves with this
 * block's cs_base and flags,
 * and the lookup need not recompute them (x86_get_tb_cpu_state); but for
 * the real-mode far JMP and RET, which load CS themselves.
 */
/*
 * The inline jump-cache probe only in user mode (CPL 3). Measured on the
 * syscall, fork and mmap workloads and the boot: kernel code runs long
 * paths through many blocks, and there the probe's 110 bytes at every
 * return and cross-page call cost more than the helper call they save
 * (syscall 2x slower, boot 17%); user code with hot indirect jumps
 * (interp) gains 20-30% from it. docs/devel/performance.md has the
 * figures.
 */
bool gen_inline_probe(DisasContext *s)
{
    return s->cpl == 3;
}

static void gen_goto_eip_ptr(DisasContext *s, TCGv eip)
{
    TCGv pc = eip, ptr = tmp64(s);

    if (s->cs_loaded) {
        /* A real-mode far transfer: CS, and so cs_base, are new. */
        x86_gen_call(s, &info_lookup_tb_ptr, ptr, 1, s->envv);
        tcg_gen_goto_ptr(s->s, ptr);
        return;
    }
    if (!s->code64) {
        pc = tmp64(s);
        tcg_gen_addi(s->s, pc, eip, s->cs_base);
        tcg_gen_ext32u(s->s, pc, pc);
    }
    tcg_gen_lookup_and_goto_ptr(s->cpu, s->s, pc, s->cs_base, s->flags,
                                gen_inline_probe(s));
}

/*
 * A direct jump: chained when the target lies on the page the TB starts
 * on; to another page, chained behind a check that the page is mapped as
 * at translation (tcg_gen_goto_tb_page), with the goto_ptr lookup when
 * the check fails or the page could not be read then. Single-stepping
 * and an interrupt shadow leave.
 */
void gen_jmp_eip(DisasContext *s, uint64_t eip, int slot)
{
    uint64_t target = s->cs_base + eip;
    TCGLabel *miss;
    bool same_page = (target & TARGET_PAGE_MASK) ==
                     (s->pc_first & TARGET_PAGE_MASK);

    gen_update_cc_op(s);
    if (s->single_step || (s->flags & HF_INHIBIT_IRQ)) {
        gen_store_rip(s, eip);
        gen_exit_tb_nochain(s);
    } else if (s->irq_window) {
        gen_store_rip(s, eip);
        gen_exit_lookup(s);
    } else if (same_page && !s->jmp_used[slot]) {
        s->jmp_used[slot] = true;
        tcg_gen_goto_tb(s->s, slot);
        gen_store_rip(s, eip);
        tcg_gen_exit_tb(s->s, (uintptr_t)s->tb | slot);
    } else if (!s->jmp_used[slot] &&
               tcg_gen_goto_tb_page(s->cpu, s->s, slot, target,
                                    miss = tcg_gen_new_label(s->s))) {
        /* Chained too, behind a check of the target page's mapping. */
        s->jmp_used[slot] = true;
        gen_store_rip(s, eip);
        tcg_gen_exit_tb(s->s, (uintptr_t)s->tb | slot);
        tcg_gen_set_label(s->s, miss);
        tcg_gen_code_page_fill(s->s, target);
        gen_store_rip(s, eip);
        gen_goto_eip_ptr(s, tconst(s, eip));
    } else {
        gen_store_rip(s, eip);
        gen_goto_eip_ptr(s, tconst(s, eip));
    }
    s->is_jmp = DISAS_NORETURN;
}

/* An indirect jump: look the next block up without leaving the code. */
void gen_jmp_dyn(DisasContext *s, TCGv eip)
{
    tcg_gen_st(s->s, eip, s->envv, offsetof(CPUX86State, rip));
    if (s->single_step || (s->flags & HF_INHIBIT_IRQ)) {
        gen_exit_nochain(s);
        return;
    }
    if (s->irq_window) {
        gen_exit_lookup(s);
        return;
    }
    gen_update_cc_op(s);
    gen_goto_eip_ptr(s, eip);
    s->is_jmp = DISAS_NORETURN;
}
