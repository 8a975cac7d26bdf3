/* SPDX-License-Identifier: MIT */
/*
 * longmode: builds 4-level identity page tables, switches to long mode
 * and prints from 64-bit code: the architectural bits of CR0, CR4 and
 * EFER that long mode requires, the code segment, and a few results only
 * 64-bit arithmetic gets right. Then exits through isa-debug-exit.
 */

        .text
        .code32
        .globl test_main
test_main:
        call paging64_build
        pushl $main64
        pushl %eax
        call long_mode_enter

/* print_hex LABEL: prints the string at LABEL then %rbx in hex and a newline */
        .macro print_hex label
        leaq \label(%rip), %rdi
        call lm_puts
        movq %rbx, %rdi
        call lm_puthex
        movl $'\n', %edi
        call lm_putc
        .endm

        .code64
main64:
        leaq msg_hello(%rip), %rdi
        call lm_puts

        movq %cr0, %rbx
        andl $0x80000001, %ebx          /* PG, PE */
        print_hex msg_cr0
        movq %cr4, %rbx
        andl $0x20, %ebx                /* PAE */
        print_hex msg_cr4
        movl $0xc0000080, %ecx
        rdmsr
        movl %eax, %ebx
        andl $0x500, %ebx               /* LMA, LME */
        print_hex msg_efer
        movw %cs, %bx
        movzwl %bx, %ebx
        print_hex msg_cs

        movabsq $0x0123456789abcdef, %rbx
        rolq $8, %rbx
        print_hex msg_rol
        movabsq $0xfedcba9876543210, %rax
        movq $0x0000000300000007, %rcx
        mulq %rcx
        movq %rax, %r12                 /* printing clobbers %rax */
        movq %rdx, %rbx
        print_hex msg_mul_hi
        movq %r12, %rbx
        print_hex msg_mul_lo
        movq $-1, %rbx
        movl $5, %eax
        addq %rax, %rbx                 /* carries through bit 32 */
        print_hex msg_add
        movl $0xffffffff, %ebx
        incq %rbx
        print_hex msg_inc
        pushq $-2
        popq %rbx
        print_hex msg_push

        leaq msg_done(%rip), %rdi
        call lm_puts
        xorl %eax, %eax
        outb %al, $0xf4
1:      hlt
        jmp 1b

        .section .rodata
msg_hello:  .asciz "hello from 64-bit code\n"
msg_cr0:    .asciz "cr0 & (PG|PE)    = "
msg_cr4:    .asciz "cr4 & PAE        = "
msg_efer:   .asciz "efer & (LMA|LME) = "
msg_cs:     .asciz "cs               = "
msg_rol:    .asciz "rol 8            = "
msg_mul_hi: .asciz "mul high         = "
msg_mul_lo: .asciz "mul low          = "
msg_add:    .asciz "-1 + 5           = "
msg_inc:    .asciz "0xffffffff + 1   = "
msg_push:   .asciz "push -2; pop     = "
msg_done:   .asciz "leaving from long mode\n"
