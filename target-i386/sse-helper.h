/* SPDX-License-Identifier: MIT */
/*
 * The MMX/SSE helpers' private header (sse-helper.c, sse-helper-fp.c,
 * fxsave.c): the 128-bit value type the helpers compute in, and the
 * prototypes generated code calls (translate-sse.c). Integer operations
 * and the floating-point ones run the same instruction on the host (the
 * TCG backend is x86-64 only; docs/devel/sse.md says what a portable
 * backend needs instead).
 */
#ifndef TARGET_I386_SSE_HELPER_H
#define TARGET_I386_SSE_HELPER_H

#include "target-i386/decode.h"
#include "target-i386/helper.h"

typedef uint64_t SseVec __attribute__((vector_size(16)));

/* Bit 16 of helper_sse_op's @op: the operands are MMX registers. */
#define SSE_OP_MMX (1u << 16)

#define MXCSR_FLAGS     0x003f
#define MXCSR_DAZ       0x0040
#define MXCSR_MASKS     0x1f80
#define MXCSR_RC_SHIFT  13
#define MXCSR_FTZ       0x8000
#define MXCSR_MASK      0xffff      /* the bits FXRSTOR/LDMXCSR accept */

/*
 * The 256 cases "case 0x00: ... case 0xff:" of a switch on an imm8 that
 * must be an immediate of a host instruction: @body(insn, imm) is one
 * case, with imm a literal (0x00 ... 0xff) for "$" #imm. Used where the
 * imm8 has too many meaningful values to write out (sse-helper-str.c,
 * sse-helper-crypto.c).
 */
#define SSE_IMM8_CASES16(body, insn, h)                                     \
    body(insn, h##0) body(insn, h##1) body(insn, h##2) body(insn, h##3)     \
    body(insn, h##4) body(insn, h##5) body(insn, h##6) body(insn, h##7)     \
    body(insn, h##8) body(insn, h##9) body(insn, h##a) body(insn, h##b)     \
    body(insn, h##c) body(insn, h##d) body(insn, h##e) body(insn, h##f)
#define SSE_IMM8_CASES(body, insn)                                          \
    SSE_IMM8_CASES16(body, insn, 0x0) SSE_IMM8_CASES16(body, insn, 0x1)     \
    SSE_IMM8_CASES16(body, insn, 0x2) SSE_IMM8_CASES16(body, insn, 0x3)     \
    SSE_IMM8_CASES16(body, insn, 0x4) SSE_IMM8_CASES16(body, insn, 0x5)     \
    SSE_IMM8_CASES16(body, insn, 0x6) SSE_IMM8_CASES16(body, insn, 0x7)     \
    SSE_IMM8_CASES16(body, insn, 0x8) SSE_IMM8_CASES16(body, insn, 0x9)     \
    SSE_IMM8_CASES16(body, insn, 0xa) SSE_IMM8_CASES16(body, insn, 0xb)     \
    SSE_IMM8_CASES16(body, insn, 0xc) SSE_IMM8_CASES16(body, insn, 0xd)     \
    SSE_IMM8_CASES16(body, insn, 0xe) SSE_IMM8_CASES16(body, insn, 0xf)

/*
 * op1 = op1 OP op2 for the two-operand vector operations and those with
 * an imm8: op1 is the register at env offset @dst, op2 is lo:hi (an MMX
 * or 32/64-bit source in lo). @op is the X86Mnemonic, with SSE_OP_MMX.
 */
void helper_sse_op(CPUX86State *env, uint32_t op, uint64_t dst, uint64_t lo,
                   uint64_t hi, uint32_t imm);
/* ADD SUB MUL DIV SQRT MIN MAX SS/SD: the destination's new low quadword
 * from its old one @a and the source's @b. */
uint64_t helper_sse_scalar(CPUX86State *env, uint32_t op, uint64_t a,
                           uint64_t b);
/* MOVMSKPS/PD, PMOVMSKB: the sign bits of lo:hi. */
uint64_t helper_sse_movmsk(uint32_t op, uint64_t lo, uint64_t hi);
/* COMISS/UCOMISS/COMISD/UCOMISD, PTEST: the new EFLAGS arithmetic bits. */
uint64_t helper_sse_comi(CPUX86State *env, uint32_t op, uint64_t a,
                         uint64_t b);
uint64_t helper_sse_ptest(uint64_t alo, uint64_t ahi, uint64_t blo,
                          uint64_t bhi);
/* CVT(T)SS2SI/CVT(T)SD2SI with a @size-byte result. */
uint64_t helper_sse_cvt2si(CPUX86State *env, uint32_t op, uint64_t src,
                           uint32_t size);
uint64_t helper_crc32(uint64_t crc, uint64_t v, uint32_t size);

/*
 * PCMPESTRI/PCMPESTRM/PCMPISTRI/PCMPISTRM (sse-helper-str.c): @ctl is the
 * mnemonic | imm8 << 16 | the first operand's XMM number << 24, with
 * PCMPSTR_REX_W for 64-bit lengths; the second operand is lo:hi, the
 * lengths RAX/RDX. The mask forms write XMM0. Returns the new EFLAGS
 * arithmetic bits (CF ZF SF OF), and the index forms' ECX in bits 63:32.
 */
#define PCMPSTR_REX_W (1u << 28)
uint64_t helper_sse_pcmpstr(CPUX86State *env, uint32_t ctl, uint64_t lo,
                            uint64_t hi, uint64_t eax, uint64_t edx);

void helper_ldmxcsr(CPUX86State *env, uint64_t val);
void helper_fxsave(CPUX86State *env, uint64_t addr, uint32_t mmu_idx,
                   uint32_t form);
void helper_fxrstor(CPUX86State *env, uint64_t addr, uint32_t mmu_idx,
                    uint32_t form);
/* An MMX instruction: #MF if an x87 exception is pending, then TOP = 0
 * and every tag valid. EMMS: every tag empty. */
void helper_enter_mmx(CPUX86State *env);
void helper_emms(CPUX86State *env);

/* sse-helper-crypto.c, for sse-helper.c: PCLMULQDQ and AES. */
bool sse_crypto_op(uint32_t op, SseVec *a, SseVec b, uint32_t imm);

/* sse-helper-fp.c, for sse-helper.c: the floating-point operations. */
bool sse_fp_op(CPUX86State *env, uint32_t op, SseVec *a, SseVec b,
               uint32_t imm, uintptr_t ra);

#endif
