/* SPDX-License-Identifier: MIT */
/*
 * Guest runtime long-mode support, written as .code64 assembly inside the
 * 32-bit image: long_mode_enter() turns on PAE, EFER.LME and paging and
 * jumps to a 64-bit entry point (SDM vol. 3, 10.8.5); lm_putc, lm_puts,
 * lm_puthex and lm_putdec print from 64-bit code. The 64-bit functions follow the SysV
 * AMD64 convention (argument in %rdi) and preserve every register but
 * %rax, %rcx, %rdx, %rsi and %rdi.
 */

        .text
        .code32
/* void long_mode_enter(uint32_t cr3, void (*entry64)(void)): no return */
        .globl long_mode_enter
long_mode_enter:
        cli
        call long_mode_tables
        movl 4(%esp), %eax
        movl 8(%esp), %esi
        movl %eax, %cr3
        movl %cr4, %eax
        orl $0x20, %eax                 /* CR4.PAE */
        movl %eax, %cr4
        movl $0xc0000080, %ecx          /* IA32_EFER */
        rdmsr
        orl $0x100, %eax                /* EFER.LME */
        wrmsr
        movl %cr0, %eax
        orl $0x80000001, %eax           /* CR0.PG | CR0.PE */
        movl %eax, %cr0
        ljmp $0x30, $1f                 /* SEL_KCODE64 */
        .code64
1:      movl %esi, %esi
        movl %esp, %esp
        lidt lm_idtr(%rip)
        movw $0x48, %ax                 /* SEL_TSS64 */
        ltr %ax
        andq $-16, %rsp
        subq $8, %rsp                   /* as if called */
        jmp *%rsi

#define COM1_LSR 0x3fd
#define COM1_THR 0x3f8

/* void lm_putc(char c) */
        .globl lm_putc
lm_putc:
        movw $COM1_LSR, %dx
1:      inb %dx, %al
        testb $0x20, %al
        jz 1b
        movl %edi, %eax
        movw $COM1_THR, %dx
        outb %al, %dx
        ret

/* void lm_puts(const char *s) */
        .globl lm_puts
lm_puts:
        pushq %rbx
        movq %rdi, %rbx
1:      movzbl (%rbx), %edi
        testl %edi, %edi
        jz 2f
        call lm_putc
        incq %rbx
        jmp 1b
2:      popq %rbx
        ret

/* void lm_puthex(uint64_t v): "0x" and 16 hex digits */
        .globl lm_puthex
lm_puthex:
        pushq %rbx
        pushq %rbp
        movq %rdi, %rbx
        movl $'0', %edi
        call lm_putc
        movl $'x', %edi
        call lm_putc
        movl $16, %ebp
1:      rolq $4, %rbx
        movl %ebx, %edi
        andl $15, %edi
        leaq hex_digits(%rip), %rax
        movzbl (%rax,%rdi), %edi
        call lm_putc
        decl %ebp
        jnz 1b
        popq %rbp
        popq %rbx
        ret

/* void lm_putdec(uint64_t v) */
        .globl lm_putdec
lm_putdec:
        pushq %rbx
        subq $32, %rsp
        movq %rdi, %rax
        leaq 32(%rsp), %rbx
        movl $10, %ecx
1:      xorl %edx, %edx
        divq %rcx
        addl $'0', %edx
        decq %rbx
        movb %dl, (%rbx)
        testq %rax, %rax
        jnz 1b
        leaq 32(%rsp), %rax
2:      movzbl (%rbx), %edi
        pushq %rax
        call lm_putc
        popq %rax
        incq %rbx
        cmpq %rax, %rbx
        jne 2b
        addq $32, %rsp
        popq %rbx
        ret

        .section .rodata
hex_digits:
        .ascii "0123456789abcdef"
