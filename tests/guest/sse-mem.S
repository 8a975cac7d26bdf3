/* SPDX-License-Identifier: MIT */
/*
 * sse-mem: aligned 16-byte SSE memory operands through register
 * addresses, at CPL3 in 64-bit mode. The alignment check of such an
 * operand branches, and a translator that keeps the address (or a value
 * loaded before the check) in a temp that dies at the branch stores to
 * or loads from somewhere else: glibc's and busybox's startup zero their
 * stack with exactly the loop of case 1, which made Debian's busybox
 * fault at its first instruction under TCG. The tests/guest/sse sweep
 * only uses RIP-relative operands, whose address is a constant.
 *
 * 1. A loop of MOVAPS stores of a zeroed XMM0 through RAX over a buffer
 *    filled with a pattern (the busybox loop).
 * 2. MOVDQA and MOVAPS stores through base + index, then integer loads.
 * 3. Loads through a register: MOVAPS, PADDD and ADDPS from (RAX) into
 *    registers that hold values before the instruction.
 * 4. MASKMOVDQU through RDI (one branch per byte).
 * 5. MOVAPS to a misaligned register address: #GP(0), nothing written.
 * Each case prints the buffer's quadwords (or the registers).
 */

        .text
        .code32
        .globl test_main
test_main:
        call paging64_build
        pushl $sse_setup
        pushl $user_main
        pushl %eax
        call user64_run

        .code64
/* CPL0: CR4.OSFXSR and OSXMMEXCPT, CR0.MP set, EM and TS clear. */
sse_setup:
        movq %cr4, %rax
        orq $0x600, %rax
        movq %rax, %cr4
        movq %cr0, %rax
        andq $~0xc, %rax
        orq $2, %rax
        movq %rax, %cr0
        ret

/* Fill buf (64 bytes) with 0xa5a5...: integer stores only. */
fill:
        leaq buf(%rip), %rdi
        movq $0xa5a5a5a5a5a5a5a5, %rax
        movl $8, %ecx
1:      movq %rax, (%rdi)
        addq $8, %rdi
        decl %ecx
        jnz 1b
        ret

/* Print LABEL, then buf's eight quadwords. */
        .macro show_buf label
        leaq \label(%rip), %rdi
        call u_puts
        call put_buf
        .endm

put_buf:
        pushq %rbx
        xorl %ebx, %ebx
1:      call u_putsp
        leaq buf(%rip), %rax
        movq (%rax,%rbx,8), %rdi
        call u_puthex64
        incl %ebx
        cmpl $8, %ebx
        jne 1b
        call u_nl
        popq %rbx
        ret

/* Print LABEL, then XMM1's low and high quadwords. */
        .macro show_xmm1 label
        leaq \label(%rip), %rdi
        call u_puts
        call u_putsp
        movq %xmm1, %rdi
        call u_puthex64
        call u_putsp
        pshufd $0xee, %xmm1, %xmm3
        movq %xmm3, %rdi
        call u_puthex64
        call u_nl
        .endm

user_main:
/* 1: the zeroing loop of busybox's startup (pxor; movaps (%rax) loop). */
        call fill
        pxor %xmm0, %xmm0
        leaq buf+16(%rip), %rax
        leaq 32(%rax), %rdx
1:      movaps %xmm0, (%rax)
        addq $16, %rax
        cmpq %rax, %rdx
        jne 1b
        show_buf msg_loop

/* 2: base + index, two stores of different data. */
        call fill
        movq $0x0123456789abcdef, %rax
        movq %rax, %xmm1
        movq $0x1122334455667788, %rax
        movq %rax, %xmm2
        punpcklqdq %xmm2, %xmm1
        leaq buf(%rip), %rbx
        movl $16, %ecx
        movdqa %xmm1, (%rbx,%rcx)
        pshufd $0x4e, %xmm1, %xmm2
        movaps %xmm2, 32(%rbx,%rcx)
        show_buf msg_index

/* 3: loads through a register into registers with live values. */
        call fill
        leaq buf(%rip), %rax
        movq $0x0000000100000002, %rcx
        movq %rcx, 16(%rax)
        movq $0x0000000300000004, %rcx
        movq %rcx, 24(%rax)
        movq $0x3f8000003f800000, %rcx          /* 1.0f, 1.0f */
        movq %rcx, 32(%rax)
        movq %rcx, 40(%rax)
        leaq 16(%rax), %rsi
        movaps (%rsi), %xmm1
        show_xmm1 msg_movaps_ld
        leaq buf(%rip), %rsi
        movq $0x0000001000000020, %rcx
        movq %rcx, %xmm1
        punpcklqdq %xmm1, %xmm1
        paddd 16(%rsi), %xmm1
        show_xmm1 msg_paddd
        leaq buf(%rip), %rsi
        movq $0x4000000040400000, %rcx          /* 3.0f, 2.0f */
        movq %rcx, %xmm1
        punpcklqdq %xmm1, %xmm1
        addps 32(%rsi), %xmm1
        show_xmm1 msg_addps

/* 4: MASKMOVDQU: bytes 0, 5, 8 and 15 of XMM1 to (RDI). */
        call fill
        movq $0x0807060504030201, %rax
        movq %rax, %xmm1
        movq $0x100f0e0d0c0b0a09, %rax
        movq %rax, %xmm3
        punpcklqdq %xmm3, %xmm1
        movq $0x0000800000000080, %rax
        movq %rax, %xmm2
        movq $0x8000000000000080, %rax
        movq %rax, %xmm3
        punpcklqdq %xmm3, %xmm2
        leaq buf+16(%rip), %rdi
        maskmovdqu %xmm2, %xmm1
        show_buf msg_maskmov

/* 5: MOVAPS to buf+24: #GP(0), the buffer unchanged. */
        call fill
        leaq 5f(%rip), %rax
        movq %rax, u_trap_resume(%rip)
        pxor %xmm0, %xmm0
        leaq buf+24(%rip), %rax
        movaps %xmm0, (%rax)
        movq $0, u_trap_resume(%rip)
        leaq msg_nofault(%rip), %rdi
        call u_puts
5:      leaq msg_gp(%rip), %rdi
        call u_puts
        movq u_trap_vector(%rip), %rdi
        call u_puthex64
        call u_putsp
        movq u_trap_error(%rip), %rdi
        call u_puthex64
        call u_nl
        show_buf msg_after_gp

        leaq msg_done(%rip), %rdi
        call u_puts
        call u_exit

        .section .rodata
msg_loop:       .asciz "movaps loop:"
msg_index:      .asciz "movdqa/movaps base+index:"
msg_movaps_ld:  .asciz "movaps load:"
msg_paddd:      .asciz "paddd m128:"
msg_addps:      .asciz "addps m128:"
msg_maskmov:    .asciz "maskmovdqu:"
msg_nofault:    .asciz "movaps misaligned did not fault\n"
msg_gp:         .asciz "movaps misaligned: vector, error "
msg_after_gp:   .asciz "after the fault:"
msg_done:       .asciz "sse-mem done\n"

        .section .bss
        .align 64
buf:            .skip 64
