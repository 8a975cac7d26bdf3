/* SPDX-License-Identifier: MIT */
/*
 * kvm-exit's 64-bit part (see kvm-exit.c): any exception ends the run with
 * EXIT_EXCEPTION after printing its vector and RIP. kx_loop runs at CPL3
 * with IOPL 3 or, for mode pio0, at CPL0: kx_exits writes between two
 * RDTSCs, then (from CPL3) int3 through a gate of DPL 3 to kx_report, which prints the
 * count and the ticks on COM1 and leaves through isa-debug-exit.
 */

#define KX_PORT      0xe0
#define KX_MMIO      0x3ff00000
#define EXIT_PORT    0xf4
#define RFLAGS_IOPL3 0x3000
#define F_VECTOR     120
#define F_RIP        136

        .text
        .code64
        .globl kx_main64
kx_main64:
        xorl %ebx, %ebx
1:      movl %ebx, %edi
        leaq kx_trap(%rip), %rsi
        cmpl $3, %ebx
        jne 2f
        leaq kx_report(%rip), %rsi
2:      call lm_set_handler
        incl %ebx
        cmpl $32, %ebx
        jne 1b
        cmpl $2, kx_mode(%rip)          /* KX_PIO0 */
        je kx_loop
        leaq kx_loop(%rip), %rdi
        leaq kx_stack_top(%rip), %rsi
        movl $RFLAGS_IOPL3, %edx
        call lm_user_enter
        /* not reached: kx_loop leaves through isa-debug-exit */

kx_trap:
        movq F_VECTOR(%rdi), %rbx
        movq F_RIP(%rdi), %r12
        leaq kx_msg_trap(%rip), %rdi
        call lm_puts
        movq %rbx, %rdi
        call lm_putdec
        leaq kx_msg_rip(%rip), %rdi
        call lm_puts
        movq %r12, %rdi
        call lm_puthex
        movl $'\n', %edi
        call lm_putc
        movl $0x10, %eax                /* EXIT_EXCEPTION */
        outb %al, $EXIT_PORT
1:      hlt
        jmp 1b

kx_loop:
        movq kx_exits(%rip), %rcx
        movl $KX_MMIO, %esi
        rdtsc
        shlq $32, %rdx
        orq %rax, %rdx
        movq %rdx, %r12
        xorl %eax, %eax
        testq %rcx, %rcx
        jz 3f
        cmpl $1, kx_mode(%rip)          /* KX_MMIO3 */
        je 2f
1:      outb %al, $KX_PORT
        decq %rcx
        jnz 1b
        jmp 3f
2:      movb %al, (%rsi)
        decq %rcx
        jnz 2b
3:      rdtsc
        shlq $32, %rdx
        orq %rax, %rdx
        subq %r12, %rdx
        movq %rdx, kx_ticks(%rip)
        cmpl $2, kx_mode(%rip)          /* KX_PIO0: already at CPL0 */
        je kx_report
        int3                            /* to CPL0: kx_report */

/* int3 (gate DPL 3): print the result at CPL0 and exit */
kx_report:
        leaq kx_msg_exits(%rip), %rdi
        call lm_puts
        movq kx_exits(%rip), %rdi
        call lm_putdec
        leaq kx_msg_tsc(%rip), %rdi
        call lm_puts
        movq kx_ticks(%rip), %rdi
        call lm_putdec
        movl $'\n', %edi
        call lm_putc
        xorl %eax, %eax                 /* EXIT_DONE */
        outb %al, $EXIT_PORT
4:      jmp 4b

        .section .rodata
kx_msg_exits:
        .asciz "exits="
kx_msg_tsc:
        .asciz " tsc="
kx_msg_trap:
        .asciz "kvm-exit: exception "
kx_msg_rip:
        .asciz " at "

        .bss
        .align 16
kx_ticks:
        .skip 8
kx_stack:
        .skip 8192
kx_stack_top:
