/* SPDX-License-Identifier: MIT */
/*
 * usermode: in long mode, iretq to a 64-bit ring-3 code segment, compute
 * there, and come back through int3 with its gate's DPL raised to 3 (a
 * system call gate). Call 1 prints RDI (the user's CS & 3) and RSI and
 * returns RSI * 2 through iretq; call 0 leaves user mode with RDI as
 * lm_user_enter's result. The kernel prints its own CPL and the CPL of
 * the saved CS. Long mode and int3 rather than int 0x80 in 32-bit mode:
 * this host's KVM (PVM) runs CPL3 only under 64-bit paging, and answers
 * int 0x80 from CPL3 with #UD and SYSCALL by running LSTAR at CPL3.
 */

#define SYS_EXIT  0
#define SYS_PRINT 1
#define F_RSI     80
#define F_RDI     72
#define F_RAX    112
#define F_CS     144

        .text
        .code32
        .globl test_main
test_main:
        pushl $3
        pushl $3
        call long_mode_set_gate_dpl
        addl $8, %esp
        call paging64_build
        pushl $main64
        pushl %eax
        call long_mode_enter

        .code64
/* puts_dec LABEL, REG: the string at LABEL, then REG in decimal */
        .macro puts_dec label, reg
        leaq \label(%rip), %rdi
        call lm_puts
        movq \reg, %rdi
        call lm_putdec
        .endm

main64:
        movl $3, %edi
        leaq syscall_handler(%rip), %rsi
        call lm_set_handler
        movw %cs, %bx
        andl $3, %ebx
        puts_dec msg_enter, %rbx
        leaq msg_entering(%rip), %rdi
        call lm_puts
        leaq user_main(%rip), %rdi
        leaq user_stack_top(%rip), %rsi
        xorl %edx, %edx                 /* RFLAGS.IF = 0 */
        call lm_user_enter
        movq %rax, %r12
        movw %cs, %bx
        andl $3, %ebx
        puts_dec msg_back, %rbx
        leaq msg_returned(%rip), %rdi
        call lm_puts
        movq %r12, %rdi
        call lm_puthex
        movl $'\n', %edi
        call lm_putc
        xorl %eax, %eax
        outb %al, $0xf4
1:      hlt
        jmp 1b

/* Runs at CPL3: a few thousand iterations of a 64-bit LCG, then syscalls. */
user_main:
        xorl %ecx, %ecx                 /* sum */
        movl $1, %esi                   /* x */
        movabsq $6364136223846793005, %r8
        movabsq $1442695040888963407, %r10
        xorl %r9d, %r9d                 /* i */
1:      imulq %r8, %rsi
        addq %r10, %rsi
        movq %rsi, %rax
        shrq $33, %rax
        xorq %r9, %rax
        addq %rax, %rcx
        incq %r9
        cmpq $5000, %r9
        jne 1b
        movq %rcx, %rsi
        movw %cs, %di
        movzwl %di, %edi
        andl $3, %edi
        movl $SYS_PRINT, %eax
        int3
        movl $SYS_PRINT, %eax
        movl $0xabcd, %edi
        movl $42, %esi
        int3
        leaq 1(%rax), %rsi
        movl $SYS_PRINT, %eax
        movl $0x1234, %edi
        int3
        movl $SYS_EXIT, %eax
        movl $0x600d, %edi
        int3
        ud2                             /* not reached */

/* void syscall_handler(frame): rax = number, rdi and rsi = arguments */
syscall_handler:
        pushq %rbx
        pushq %r12
        pushq %r12                      /* keeps %rsp 16-byte aligned */
        movq %rdi, %rbx
        movw %cs, %r12w
        movzwl %r12w, %r12d
        andl $3, %r12d
        cmpq $SYS_PRINT, F_RAX(%rbx)
        je 1f
        cmpq $SYS_EXIT, F_RAX(%rbx)
        je 2f
        leaq msg_bad(%rip), %rdi
        call lm_puts
        movb $0x10, %al
        outb %al, $0xf4
1:      puts_dec msg_sys, %r12
        movq F_CS(%rbx), %r12
        andl $3, %r12d
        puts_dec msg_from, %r12
        leaq msg_sys_rdi(%rip), %rdi
        call lm_puts
        movq F_RDI(%rbx), %rdi
        call lm_puthex
        puts_dec msg_sys_rsi, F_RSI(%rbx)
        movl $'\n', %edi
        call lm_putc
        movq F_RSI(%rbx), %rax
        addq %rax, %rax
        movq %rax, F_RAX(%rbx)
        popq %r12
        popq %r12
        popq %rbx
        ret
2:      puts_dec msg_exit, %r12
        movq F_CS(%rbx), %r12
        andl $3, %r12d
        puts_dec msg_from, %r12
        movl $'\n', %edi
        call lm_putc
        movq F_RDI(%rbx), %rdi
        call lm_user_return

        .section .rodata
msg_enter:      .asciz "kernel: CPL "
msg_entering:   .asciz ", entering user mode\n"
msg_back:       .asciz "kernel: back at CPL "
msg_returned:   .asciz ", user returned "
msg_sys:        .asciz "kernel: at CPL "
msg_from:       .asciz " from CPL "
msg_sys_rdi:    .asciz ", syscall print: rdi "
msg_sys_rsi:    .asciz " rsi "
msg_exit:       .asciz "kernel: exit syscall, at CPL "
msg_bad:        .asciz "kernel: bad syscall\n"

        .section .bss
        .align 16
user_stack:
        .skip 4096
user_stack_top:
