/* SPDX-License-Identifier: MIT */
/*
 * The x86-64 host: register numbers (the hardware encodings), the
 * registers TCG reserves, the SysV calling convention and the stack
 * frame the prologue sets up for spill slots.
 */
#ifndef TCG_X86_64_TCG_TARGET_H
#define TCG_X86_64_TCG_TARGET_H

#include <string.h>

enum {
    TCG_REG_RAX, TCG_REG_RCX, TCG_REG_RDX, TCG_REG_RBX,
    TCG_REG_RSP, TCG_REG_RBP, TCG_REG_RSI, TCG_REG_RDI,
    TCG_REG_R8, TCG_REG_R9, TCG_REG_R10, TCG_REG_R11,
    TCG_REG_R12, TCG_REG_R13, TCG_REG_R14, TCG_REG_R15,
};

#define TCG_TARGET_NB_REGS 16
#define TCG_TARGET_ENV_REG TCG_REG_R14
#define TCG_TARGET_TMP_REG TCG_REG_R11      /* scratch inside one emitter */
#define TCG_TARGET_FRAME_REG TCG_REG_RSP
#define TCG_TARGET_CALL_RET_REG TCG_REG_RAX

#define TCG_TARGET_RESERVED_REGS \
    ((1u << TCG_REG_RSP) | (1u << TCG_TARGET_ENV_REG) | \
     (1u << TCG_TARGET_TMP_REG))

/* SysV: everything but rbx, rbp, r12-r15 dies across a call. */
#define TCG_TARGET_CALL_CLOBBERS \
    ((1u << TCG_REG_RAX) | (1u << TCG_REG_RCX) | (1u << TCG_REG_RDX) | \
     (1u << TCG_REG_RSI) | (1u << TCG_REG_RDI) | (1u << TCG_REG_R8) | \
     (1u << TCG_REG_R9) | (1u << TCG_REG_R10) | (1u << TCG_REG_R11))

/* Spill slots: [rsp + 0, rsp + TCG_TARGET_FRAME_SIZE), one per temp. */
#define TCG_TARGET_FRAME_SIZE (TCG_MAX_TEMPS * 8)

#endif
