/* SPDX-License-Identifier: MIT */
/*
 * Guest memory on x86-64: the inline softmmu TLB fast path of guest_ld /
 * guest_st and its out-of-line slow path. The TLB is described by the
 * accelerator in s->tlb (TCGTLBDesc); the fast path is
 *
 *     mov   r11, addr                  ; entry = table + index
 *     shr   r11, page_bits - entry_bits
 *     and   r11d, index_mask << entry_bits
 *     add   r11, [env + table_ptr_offset]
 *     lea   t, [addr + size - 1]       ; last byte's page: a page-
 *     and   t, -page_size              ; crossing access never matches
 *     cmp   t, [r11 + mmu * stride + tag]
 *     jne   slow
 *     mov   r11, [r11 + mmu * stride + addend]
 *     mov   val, [addr + r11]          ; movzx/movsx, bswap as MemOp says
 *   cont:
 *
 * with t the one free register the allocator hands the emitter (a load's
 * output). The slow path, emitted after the block, stores the dirty
 * globals, saves the live call-clobbered registers, calls the
 * accelerator's helper with cont as the host return address it reports
 * (inside the guest instruction, for restoring state after a fault),
 * restores and jumps back to cont. Without a TLB the fast path is a jmp
 * to the slow path.
 */
#include "tcg-target-enc.h"

#define R(i) ((TCGReg)a->a[i])

/* Zero-extend a 32-bit guest address in place (its value is unchanged:
 * an I32 temp's upper half is undefined). */
static void out_addr_zext(TCGContext *s, TCGType addr_type, TCGReg addr)
{
    if (addr_type == TCG_TYPE_I32) {
        tcg_out_modrm(s, OPC_MOVL_GvEv, addr, addr);
    }
}

/*
 * Compare the TLB tag for @addr and branch to the slow path on a miss;
 * on the fall-through r11 holds the addend. Clobbers @t and r11.
 */
static void out_tlb_check(TCGContext *s, TCGReg addr, TCGReg t, bool is_ld,
                          MemOp mop, unsigned mmu_idx, TCGLdstSlow *l)
{
    const TCGTLBDesc *d = &s->tlb;
    TCGReg tmp = TCG_TARGET_TMP_REG;
    unsigned size = 1u << (mop & MO_SIZE);
    intptr_t ent = (intptr_t)mmu_idx * d->mmu_stride;
    int shift = d->page_bits - d->entry_bits;

    g_assert(shift > 0);
    tcg_out_mov(s, TCG_TYPE_I64, tmp, addr);
    tcg_out_modrm(s, OPC_SHIFT_Ib | P_REXW, SHIFT_SHR, tmp);
    tcg_out8(s, shift);
    tcg_out_arithi(s, TCG_TYPE_I32, ARITH_AND, tmp,
                   ((1u << d->index_bits) - 1) << d->entry_bits);
    tcg_out_modrm_offset(s, (OPC_ARITH_GvEv + (ARITH_ADD << 3)) | P_REXW,
                         tmp, TCG_TARGET_ENV_REG, d->table_ptr_offset);
    if (size > 1) {
        tcg_out_modrm_offset(s, OPC_LEA | P_REXW, t, addr, size - 1);
    } else {
        tcg_out_mov(s, TCG_TYPE_I64, t, addr);
    }
    tcg_out_arithi(s, TCG_TYPE_I64, ARITH_AND, t, -(1ull << d->page_bits));
    tcg_out_modrm_offset(s, (OPC_ARITH_GvEv + (ARITH_CMP << 3)) | P_REXW, t,
                         tmp, ent + (is_ld ? d->read_offset
                                           : d->write_offset));
    l->jmp_patch = tcg_out_jxx(s, JCC_JNE);
    tcg_out_modrm_offset(s, OPC_MOVL_GvEv | P_REXW, tmp, tmp,
                         ent + d->addend_offset);
}

/* Up to the access: the TLB check, or without a TLB a jmp. */
static void out_guest_mem_head(TCGContext *s, const TCGOp *op,
                               const TCGOpArgs *a, bool is_ld)
{
    out_addr_zext(s, arg_temp(op->args[1])->type, R(1));
    if (!s->tlb.table_ptr_offset) {
        a->ldst->jmp_patch = tcg_out_jxx(s, -1);
        return;
    }
    out_tlb_check(s, R(1), a->scratch, is_ld, a->a[2], a->a[3], a->ldst);
}

/* d = [base + index] with the size, extension and byte order of @mop. */
static void out_ld_direct(TCGContext *s, TCGType type, MemOp mop, TCGReg d,
                          TCGReg base, TCGReg index)
{
    bool sign = mop & MO_SIGN, swap = mop & MO_BSWAP;

    switch (mop & MO_SIZE) {
    case MO_8:
        tcg_out_modrm_sib(s, sign ? OPC_MOVSBL | rexw(type) : OPC_MOVZBL,
                          d, base, index, 0);
        break;
    case MO_16:
        if (!swap) {
            tcg_out_modrm_sib(s, sign ? OPC_MOVSWL | rexw(type) : OPC_MOVZWL,
                              d, base, index, 0);
            break;
        }
        tcg_out_modrm_sib(s, OPC_MOVZWL, d, base, index, 0);
        tcg_out_modrm(s, OPC_SHIFT_Ib | P_DATA16, SHIFT_ROL, d);
        tcg_out8(s, 8);
        tcg_out_modrm(s, sign ? OPC_MOVSWL | rexw(type) : OPC_MOVZWL, d, d);
        break;
    case MO_32:
        tcg_out_modrm_sib(s, sign && !swap && type == TCG_TYPE_I64
                                 ? OPC_MOVSLQ : OPC_MOVL_GvEv,
                          d, base, index, 0);
        if (swap) {
            tcg_out_opc(s, OPC_BSWAP + (d & 7), 0, d, 0);
            if (sign && type == TCG_TYPE_I64) {
                tcg_out_modrm(s, OPC_MOVSLQ, d, d);
            }
        }
        break;
    default:
        tcg_out_modrm_sib(s, OPC_MOVL_GvEv | P_REXW, d, base, index, 0);
        if (swap) {
            tcg_out_opc(s, (OPC_BSWAP + (d & 7)) | P_REXW, 0, d, 0);
        }
        break;
    }
}

/* [base + index] = v, swapped through @t if @mop says so. */
static void out_st_direct(TCGContext *s, MemOp mop, TCGReg v, TCGReg t,
                          TCGReg base, TCGReg index)
{
    static const int opc[4] = {
        OPC_MOVB_EvGv | P_REXB_R, OPC_MOVL_EvGv | P_DATA16, OPC_MOVL_EvGv,
        OPC_MOVL_EvGv | P_REXW,
    };
    unsigned sz = mop & MO_SIZE;

    if ((mop & MO_BSWAP) && sz != MO_8) {
        tcg_out_mov(s, TCG_TYPE_I64, t, v);
        if (sz == MO_16) {
            tcg_out_modrm(s, OPC_SHIFT_Ib | P_DATA16, SHIFT_ROL, t);
            tcg_out8(s, 8);
        } else {
            tcg_out_opc(s, (OPC_BSWAP + (t & 7)) | (sz == MO_64 ? P_REXW : 0),
                        0, t, 0);
        }
        v = t;
    }
    tcg_out_modrm_sib(s, opc[sz], v, base, index, 0);
}

void emit_guest_ld(TCGContext *s, const TCGOp *op, const TCGOpArgs *a)
{
    out_guest_mem_head(s, op, a, true);
    if (s->tlb.table_ptr_offset) {
        out_ld_direct(s, op->type, a->a[2], R(0), R(1), TCG_TARGET_TMP_REG);
    }
    a->ldst->cont = s->code_ptr;
}

void emit_guest_st(TCGContext *s, const TCGOp *op, const TCGOpArgs *a)
{
    out_guest_mem_head(s, op, a, false);
    if (s->tlb.table_ptr_offset) {
        out_st_direct(s, a->a[2], R(0), a->scratch, R(1),
                      TCG_TARGET_TMP_REG);
    }
    a->ldst->cont = s->code_ptr;
}

/* reg = the rx address that @target (in the write view) will run at. */
static void out_lea_rip(TCGContext *s, TCGReg reg, const uint8_t *target)
{
    tcg_out_opc(s, OPC_LEA | P_REXW, reg, 0, 0);
    tcg_out8(s, ((reg & 7) << 3) | 5);     /* mod 00, rm 101: [rip + d32] */
    s->code_ptr += 4;
    tcg_target_patch_rel32(s->code_ptr - 4, target);
}

void tcg_target_out_ldst_slow(TCGContext *s, TCGLdstSlow *l)
{
    const TCGGlobalSync *g = &g_array_index(s->ldst_syncs, TCGGlobalSync,
                                            l->first_sync);
    TCGReg tmp = TCG_TARGET_TMP_REG;
    int nsave = __builtin_popcount(l->save_regs);
    int n = l->is_ld ? 2 : 3;

    tcg_target_patch_rel32(l->jmp_patch, s->code_ptr);
    for (unsigned i = 0; i < l->nb_syncs; i++) {
        TCGReg r = g[i].reg;

        if (g[i].is_const) {
            tcg_out_movi(s, g[i].type, tmp, g[i].val);
            r = tmp;
        }
        tcg_out_st(s, g[i].type, r, TCG_TARGET_ENV_REG, g[i].offset);
    }
    for (TCGReg r = 0; r < TCG_TARGET_NB_REGS; r++) {
        if (l->save_regs & (1u << r)) {
            tcg_out_opc(s, OPC_PUSH_r + (r & 7), 0, r, 0);
        }
    }
    if (nsave & 1) {            /* keep rsp 16-byte aligned for the call */
        tcg_out_arithi(s, TCG_TYPE_I64, ARITH_SUB, TCG_REG_RSP, 8);
    }
    if (!l->is_ld) {
        tcg_out_mov(s, TCG_TYPE_I64, tmp, l->val_reg);
    }
    tcg_out_mov(s, TCG_TYPE_I64, tcg_target_call_iarg_regs[1], l->addr_reg);
    if (!l->is_ld) {
        tcg_out_mov(s, TCG_TYPE_I64, tcg_target_call_iarg_regs[2], tmp);
    }
    tcg_out_mov(s, TCG_TYPE_I64, tcg_target_call_iarg_regs[0],
                TCG_TARGET_ENV_REG);
    tcg_out_movi(s, TCG_TYPE_I32, tcg_target_call_iarg_regs[n], l->memop);
    tcg_out_movi(s, TCG_TYPE_I32, tcg_target_call_iarg_regs[n + 1],
                 l->mmu_idx);
    out_lea_rip(s, tcg_target_call_iarg_regs[n + 2], l->cont);
    tcg_out_call(s, l->is_ld ? (const void *)s->guest_mem.load
                             : (const void *)s->guest_mem.store);
    if (l->is_ld) {
        tcg_out_mov(s, TCG_TYPE_I64, l->val_reg, TCG_TARGET_CALL_RET_REG);
    }
    if (nsave & 1) {
        tcg_out_arithi(s, TCG_TYPE_I64, ARITH_ADD, TCG_REG_RSP, 8);
    }
    for (TCGReg r = TCG_TARGET_NB_REGS - 1; r >= 0; r--) {
        if (l->save_regs & (1u << r)) {
            tcg_out_opc(s, OPC_POP_r + (r & 7), 0, r, 0);
        }
    }
    tcg_out_jxx_addr(s, -1, l->cont);
}
