/* SPDX-License-Identifier: MIT */
/*
 * x86-64 encoding and the primitives the register allocator uses: REX,
 * ModRM, SIB and displacement encoding (Intel SDM vol. 2, 2.1-2.2),
 * register moves, constants, loads, stores and helper calls, the
 * prologue/epilogue pair and goto_tb patching.
 *
 * The prologue is called as uintptr_t (*)(void *env, const void *code):
 * it saves the callee-saved registers, puts env in r14, reserves the
 * spill frame (keeping rsp 16-byte aligned for helper calls) and jumps
 * to the code. exit_tb loads rax and jumps to the epilogue, which undoes
 * all of that and returns rax.
 */
#include "tcg-target-enc.h"
#include "tcg/tcg-code-buffer.h"

const TCGReg tcg_target_reg_alloc_order[] = {
    TCG_REG_RBX, TCG_REG_RBP, TCG_REG_R12, TCG_REG_R13, TCG_REG_R15,
    TCG_REG_R10, TCG_REG_R9, TCG_REG_R8, TCG_REG_RCX, TCG_REG_RDX,
    TCG_REG_RSI, TCG_REG_RDI, TCG_REG_RAX,
};
const int tcg_target_nb_alloc_regs = G_N_ELEMENTS(tcg_target_reg_alloc_order);

const TCGReg tcg_target_call_iarg_regs[TCG_MAX_CALL_ARGS] = {
    TCG_REG_RDI, TCG_REG_RSI, TCG_REG_RDX, TCG_REG_RCX, TCG_REG_R8, TCG_REG_R9,
};

static const TCGReg callee_saved[] = {
    TCG_REG_RBP, TCG_REG_RBX, TCG_REG_R12, TCG_REG_R13, TCG_REG_R14,
    TCG_REG_R15,
};

/* 6 pushes + return address = 56 bytes; + 8 makes rsp 16-aligned. */
#define FRAME_ADJUST (TCG_TARGET_FRAME_SIZE + 8)

/* ---- encoding ----------------------------------------------------- */

void tcg_out_opc(TCGContext *s, int opc, int r, int rm, int x)
{
    int rex = 0;

    if (opc & P_DATA16) {
        tcg_out8(s, 0x66);
    }
    rex |= (opc & P_REXW) ? 8 : 0;
    rex |= (r & 8) >> 1;
    rex |= (x & 8) >> 2;
    rex |= (rm & 8) >> 3;
    /* spl, bpl, sil, dil need a REX prefix to exist. */
    if (((opc & P_REXB_R) && r >= 4) || ((opc & P_REXB_RM) && rm >= 4)) {
        rex |= 0x40;
    }
    if (rex) {
        tcg_out8(s, 0x40 | rex);
    }
    if (opc & P_EXT) {
        tcg_out8(s, 0x0f);
    }
    tcg_out8(s, opc & 0xff);
}

void tcg_out_modrm(TCGContext *s, int opc, int r, int rm)
{
    tcg_out_opc(s, opc, r, rm, 0);
    tcg_out8(s, 0xc0 | ((r & 7) << 3) | (rm & 7));
}

void tcg_out_modrm_offset(TCGContext *s, int opc, int r, int base,
                          intptr_t off)
{
    int mod;

    g_assert(off == (int32_t)off);
    tcg_out_opc(s, opc, r, base, 0);
    if (off == 0 && (base & 7) != TCG_REG_RBP) {
        mod = 0x00;
    } else if (off == (int8_t)off) {
        mod = 0x40;
    } else {
        mod = 0x80;
    }
    if ((base & 7) == TCG_REG_RSP) {
        /* SIB: no index, base = rsp/r12. */
        tcg_out8(s, mod | ((r & 7) << 3) | 4);
        tcg_out8(s, 0x24);
    } else {
        tcg_out8(s, mod | ((r & 7) << 3) | (base & 7));
    }
    if (mod == 0x40) {
        tcg_out8(s, off);
    } else if (mod == 0x80) {
        tcg_out32(s, off);
    }
}

void tcg_out_modrm_sib(TCGContext *s, int opc, int r, int base, int index,
                       intptr_t off)
{
    int mod;

    g_assert(off == (int32_t)off && index != TCG_REG_RSP);
    tcg_out_opc(s, opc, r, base, index);
    /* mod 00 with base rbp/r13 would mean "no base, disp32". */
    if (off == 0 && (base & 7) != TCG_REG_RBP) {
        mod = 0x00;
    } else if (off == (int8_t)off) {
        mod = 0x40;
    } else {
        mod = 0x80;
    }
    tcg_out8(s, mod | ((r & 7) << 3) | 4);
    tcg_out8(s, ((index & 7) << 3) | (base & 7));
    if (mod == 0x40) {
        tcg_out8(s, off);
    } else if (mod == 0x80) {
        tcg_out32(s, off);
    }
}

void tcg_out_arithi(TCGContext *s, TCGType type, int ext, int r,
                    uint64_t imm)
{
    int32_t v = (int32_t)imm;

    if (v == (int8_t)v) {
        tcg_out_modrm(s, OPC_ARITH_EvIb | rexw(type), ext, r);
        tcg_out8(s, v);
    } else {
        tcg_out_modrm(s, OPC_ARITH_EvIz | rexw(type), ext, r);
        tcg_out32(s, v);
    }
}

void tcg_target_patch_rel32(uint8_t *where, const uint8_t *target)
{
    intptr_t disp = target - (where + 4);
    int32_t d32 = disp;

    g_assert(disp == d32);
    memcpy(where, &d32, 4);
}

uint8_t *tcg_out_jxx(TCGContext *s, int cc)
{
    if (cc < 0) {
        tcg_out8(s, OPC_JMP_long);
    } else {
        tcg_out_opc(s, OPC_JCC_long + cc, 0, 0, 0);
    }
    s->code_ptr += 4;
    return s->code_ptr - 4;
}

void tcg_out_jxx_label(TCGContext *s, int cc, TCGLabel *l)
{
    tcg_out_label_ref(s, tcg_out_jxx(s, cc), l);
}

void tcg_out_jxx_addr(TCGContext *s, int cc, const uint8_t *target)
{
    tcg_target_patch_rel32(tcg_out_jxx(s, cc), target);
}

/* ---- primitives for the allocator --------------------------------- */

void tcg_out_mov(TCGContext *s, TCGType type, TCGReg d, TCGReg a)
{
    if (d != a) {
        tcg_out_modrm(s, OPC_MOVL_GvEv | rexw(type), d, a);
    }
}

void tcg_out_movi(TCGContext *s, TCGType type, TCGReg d, uint64_t val)
{
    if (type == TCG_TYPE_I32) {
        val = (uint32_t)val;
    }
    if (val == 0) {
        tcg_out_modrm(s, OPC_ARITH_GvEv + (ARITH_XOR << 3), d, d);
    } else if (val == (uint32_t)val) {
        tcg_out_opc(s, OPC_MOVL_Iv + (d & 7), 0, d, 0);
        tcg_out32(s, val);
    } else if ((int64_t)val == (int32_t)val) {
        tcg_out_modrm(s, OPC_MOVL_EvIz | P_REXW, 0, d);
        tcg_out32(s, val);
    } else {
        tcg_out_opc(s, (OPC_MOVL_Iv + (d & 7)) | P_REXW, 0, d, 0);
        tcg_out64(s, val);
    }
}

void tcg_out_ld(TCGContext *s, TCGType type, TCGReg d, TCGReg base,
                intptr_t off)
{
    tcg_out_modrm_offset(s, OPC_MOVL_GvEv | rexw(type), d, base, off);
}

void tcg_out_st(TCGContext *s, TCGType type, TCGReg v, TCGReg base,
                intptr_t off)
{
    tcg_out_modrm_offset(s, OPC_MOVL_EvGv | rexw(type), v, base, off);
}

/* Store a constant without a register: mov [base+off], imm32 (sign-
 * extended for 64-bit). False when the constant does not fit. */
bool tcg_out_sti(TCGContext *s, TCGType type, uint64_t val, TCGReg base,
                 intptr_t off)
{
    if (type == TCG_TYPE_I64 && (int64_t)val != (int32_t)val) {
        return false;
    }
    tcg_out_modrm_offset(s, OPC_MOVL_EvIz | rexw(type), 0, base, off);
    tcg_out32(s, val);
    return true;
}

/* Through r11: the buffer may lie beyond rel32 reach of the helper. */
void tcg_out_call(TCGContext *s, const void *func)
{
    tcg_out_movi(s, TCG_TYPE_I64, TCG_TARGET_TMP_REG, (uintptr_t)func);
    tcg_out_modrm(s, OPC_GRP5, EXT5_CALLN_Ev, TCG_TARGET_TMP_REG);
}

/* ---- prologue, epilogue, chaining --------------------------------- */

void tcg_target_gen_prologue(TCGContext *s)
{
    TCGCodeBuffer *b = s->buf;

    s->code_start = s->code_ptr = tcg_code_buffer_free_ptr(b);
    s->prologue = s->code_ptr;
    for (size_t i = 0; i < G_N_ELEMENTS(callee_saved); i++) {
        tcg_out_opc(s, OPC_PUSH_r + (callee_saved[i] & 7), 0,
                    callee_saved[i], 0);
    }
    tcg_out_mov(s, TCG_TYPE_I64, TCG_TARGET_ENV_REG, TCG_REG_RDI);
    tcg_out_arithi(s, TCG_TYPE_I64, ARITH_SUB, TCG_REG_RSP, FRAME_ADJUST);
    tcg_out_modrm(s, OPC_GRP5, EXT5_JMPN_Ev, TCG_REG_RSI);

    s->epilogue_ret0 = s->code_ptr;
    tcg_out_movi(s, TCG_TYPE_I32, TCG_REG_RAX, 0);
    s->epilogue = s->code_ptr;
    tcg_out_arithi(s, TCG_TYPE_I64, ARITH_ADD, TCG_REG_RSP, FRAME_ADJUST);
    for (int i = G_N_ELEMENTS(callee_saved) - 1; i >= 0; i--) {
        tcg_out_opc(s, OPC_POP_r + (callee_saved[i] & 7), 0,
                    callee_saved[i], 0);
    }
    tcg_out8(s, OPC_RET);

    tcg_code_buffer_commit(b, s->code_ptr - s->code_start);
    b->reserved = b->used;
}

void tcg_patch_goto_tb(TCGCodeBuffer *b, uintptr_t jmp_rel32, uintptr_t target)
{
    int32_t *rw = (int32_t *)(b->rw + (jmp_rel32 - (uintptr_t)b->rx));
    intptr_t disp = target - (jmp_rel32 + 4);

    g_assert((jmp_rel32 & 3) == 0);
    g_assert(disp == (int32_t)disp);
    __atomic_store_n(rw, (int32_t)disp, __ATOMIC_RELEASE);
}
