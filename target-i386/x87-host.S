/* SPDX-License-Identifier: MIT */
/*
 * The host side of TCG's x87: a table of 2048 tiny functions, one per
 * escape byte D8-DF and ModRM byte, each of which runs that very x87
 * instruction on the host FPU with the guest's FPU state loaded:
 *
 *     uint64_t stub(X87Image *img, void *mem, uint64_t eflags);
 *
 *     push %rdx; popfq        guest arithmetic flags in (FCMOVcc)
 *     frstor (%rdi)           the guest's ST(0)-ST(7), FCW, FSW, FTW
 *     <escape> <modrm>        the instruction; memory forms use [rsi]
 *     fnsave (%rdi)           the state back, host FPU re-initialized
 *     pushfq; pop %rax        flags out (FCOMI and friends)
 *     ret
 *
 * Stub n sits at x87_host_stubs + 16 * n, n = (escape - 0xd8) * 256 +
 * ModRM. fpu-helper.c calls only the valid ones, and for a memory form
 * only ModRM = reg << 3 | 6, which is [rsi] (mod 00, rm 110) in 64-bit
 * code. The FNSAVE/FRSTOR image is the 108-byte 32-bit protected-mode
 * layout (SDM Vol. 1, 8.1.10); FNSAVE is a no-wait instruction, so an
 * unmasked exception the instruction raised is recorded (ES) and then
 * cleared by the re-initialization without ever trapping the host.
 * The table is built by assembler loops: it is data in code form.
 */
        .text
        .balign 16
        .globl  x87_host_stubs
        .type   x87_host_stubs, @function
x87_host_stubs:
        .irp    esc, 0xd8, 0xd9, 0xda, 0xdb, 0xdc, 0xdd, 0xde, 0xdf
        .set    modrm, 0
        .rept   256
        push    %rdx
        popfq
        frstor  (%rdi)
        .byte   \esc, modrm
        fnsave  (%rdi)
        pushfq
        pop     %rax
        ret
        .balign 16, 0xcc
        .set    modrm, modrm + 1
        .endr
        .endr
        .size   x87_host_stubs, . - x87_host_stubs

        .section .note.GNU-stack, "", @progbits
