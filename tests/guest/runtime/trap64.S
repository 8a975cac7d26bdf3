/* SPDX-License-Identifier: MIT */
/*
 * Guest runtime trap handling for long mode: 256 stubs for the 64-bit IDT
 * built by long_mode_tables(), a dispatcher to 64-bit handlers set with
 * lm_set_handler(), the CPL3 round trip (lm_user_enter/lm_user_return)
 * through iretq, SYSCALL/SYSRET (lm_syscall_init), and fault-tolerant probes (lm_probe_read/lm_probe_write/lm_probe_fixup).
 *
 * A handler is called as handler(frame) with %rdi pointing at the frame
 * below; it may change the saved registers and RIP before the iretq.
 */

/* Frame offsets: general registers, vector, error code, then the CPU's frame. */
#define F_R12     24
#define F_RCX     96
#define F_RBX    104
#define F_RAX    112
#define F_VECTOR 120
#define F_ERROR  128
#define F_RIP    136
#define F_CS     144

        .text
        .code64
        .align 16
        .globl trap64_stubs
trap64_stubs:
        .set vec, 0
        .rept 256
        .align 16
        .if (vec == 8) || (vec == 10) || (vec == 11) || (vec == 12) || (vec == 13) || (vec == 14) || (vec == 17) || (vec == 21) || (vec == 29) || (vec == 30)
        .else
        pushq $0
        .endif
        pushq $vec
        jmp trap64_common
        .set vec, vec + 1
        .endr

trap64_common:
        pushq %rax
        pushq %rbx
        pushq %rcx
        pushq %rdx
        pushq %rsi
        pushq %rdi
        pushq %rbp
        pushq %r8
        pushq %r9
        pushq %r10
        pushq %r11
        pushq %r12
        pushq %r13
        pushq %r14
        pushq %r15
        cld
        movq %rsp, %rdi
        movq F_VECTOR(%rsp), %rax
        leaq lm_trap_handlers(%rip), %rcx
        movq (%rcx,%rax,8), %rax
        testq %rax, %rax
        jz trap64_unexpected
        movq %rsp, %rbx
        andq $-16, %rsp
        call *%rax
        movq %rbx, %rsp
        popq %r15
        popq %r14
        popq %r13
        popq %r12
        popq %r11
        popq %r10
        popq %r9
        popq %r8
        popq %rbp
        popq %rdi
        popq %rsi
        popq %rdx
        popq %rcx
        popq %rbx
        popq %rax
        addq $16, %rsp                  /* vector and error code */
        iretq

        .macro print_field label, offset
        leaq \label(%rip), %rdi
        call lm_puts
        movq \offset(%rbx), %rdi
        call lm_puthex
        .endm

trap64_unexpected:
        movq %rsp, %rbx
        leaq msg_unexpected(%rip), %rdi
        call lm_puts
        movq F_VECTOR(%rbx), %rdi
        call lm_putdec
        print_field msg_error, F_ERROR
        print_field msg_rip, F_RIP
        print_field msg_cs, F_CS
        leaq msg_cr2(%rip), %rdi
        call lm_puts
        movq %cr2, %rdi
        call lm_puthex
        movl $'\n', %edi
        call lm_putc
        movb $0x10, %al                 /* EXIT_EXCEPTION */
        outb %al, $0xf4
1:      hlt
        jmp 1b

/*
 * void lm_syscall_init(void (*handler)(void *frame)): enables SYSCALL and
 * routes it to handler with a frame laid out like a trap's (vector 0x100;
 * RIP, RFLAGS and RSP as the user had them; CS and SS the SYSRET values).
 * SYSCALL keeps the user stack, so the entry switches to rsp0 itself.
 */
        .globl lm_syscall_init
lm_syscall_init:
        movq %rdi, lm_syscall_handler(%rip)
        movl $0xc0000080, %ecx          /* IA32_EFER */
        rdmsr
        orl $1, %eax                    /* SCE */
        wrmsr
        movl $0xc0000081, %ecx          /* IA32_STAR */
        xorl %eax, %eax
        movl $0x00180030, %edx
        wrmsr
        movl $0xc0000082, %ecx          /* IA32_LSTAR */
        leaq lm_syscall_entry(%rip), %rax
        movq %rax, %rdx
        shrq $32, %rdx
        wrmsr
        movl $0xc0000084, %ecx          /* IA32_FMASK: clear IF, TF, DF */
        movl $0x700, %eax
        xorl %edx, %edx
        wrmsr
        ret

lm_syscall_entry:
        movq %rsp, lm_syscall_user_rsp(%rip)
        movq tss64+4(%rip), %rsp
        pushq $0x23                     /* SS for SYSRET */
        pushq lm_syscall_user_rsp(%rip)
        pushq %r11                      /* user RFLAGS */
        pushq $0x2b                     /* CS for SYSRET */
        pushq %rcx                      /* user RIP */
        pushq $0
        pushq $0x100
        pushq %rax
        pushq %rbx
        pushq %rcx
        pushq %rdx
        pushq %rsi
        pushq %rdi
        pushq %rbp
        pushq %r8
        pushq %r9
        pushq %r10
        pushq %r11
        pushq %r12
        pushq %r13
        pushq %r14
        pushq %r15
        movq %rsp, %rdi
        call *lm_syscall_handler(%rip)
        popq %r15
        popq %r14
        popq %r13
        popq %r12
        popq %r11
        popq %r10
        popq %r9
        popq %r8
        popq %rbp
        popq %rdi
        popq %rsi
        popq %rdx
        popq %rcx
        popq %rbx
        popq %rax
        addq $16, %rsp
        movq 0(%rsp), %rcx
        movq 16(%rsp), %r11
        movq 24(%rsp), %rsp
        sysretq

/* void lm_set_handler(uint64_t vector, void (*handler)(void *frame)) */
        .globl lm_set_handler
lm_set_handler:
        leaq lm_trap_handlers(%rip), %rax
        movq %rsi, (%rax,%rdi,8)
        ret

/*
 * uint64_t lm_user_enter(void (*fn)(void), void *stack_top, uint64_t rflags):
 * runs fn at CPL3; returns what a handler passes to lm_user_return().
 */
        .globl lm_user_enter
lm_user_enter:
        pushq %rbx
        pushq %rbp
        pushq %r12
        pushq %r13
        pushq %r14
        pushq %r15
        movq %rsp, lm_saved_rsp(%rip)
        movq %rsp, tss64+4(%rip)        /* rsp0: traps from CPL3 land below us */
        pushq $0x23                     /* SEL_UDATA */
        pushq %rsi
        orq $2, %rdx
        pushq %rdx
        pushq $0x2b                     /* SEL_UCODE64 */
        pushq %rdi
        iretq

/* void lm_user_return(uint64_t value): from a handler, resume lm_user_enter's caller */
        .globl lm_user_return
lm_user_return:
        movq lm_saved_rsp(%rip), %rsp
        movq %rdi, %rax
        popq %r15
        popq %r14
        popq %r13
        popq %r12
        popq %rbp
        popq %rbx
        ret

/* uint64_t lm_probe_read(uint64_t addr): PROBE_FAULTED (0xfa17fa17) if it faulted */
        .globl lm_probe_read
lm_probe_read:
lm_probe_read_insn:
        movq (%rdi), %rax
        ret
lm_probe_read_resume:
        movl $0xfa17fa17, %eax
        ret

/* void lm_probe_write(uint64_t addr, uint64_t value) */
        .globl lm_probe_write
lm_probe_write:
lm_probe_write_insn:
        movq %rsi, (%rdi)
lm_probe_write_resume:
        ret

/* int lm_probe_fixup(void *frame): 1 if the fault was a probe's, now skipped */
        .globl lm_probe_fixup
lm_probe_fixup:
        leaq lm_probe_read_insn(%rip), %rax
        cmpq %rax, F_RIP(%rdi)
        jne 1f
        leaq lm_probe_read_resume(%rip), %rax
        jmp 3f
1:      leaq lm_probe_write_insn(%rip), %rax
        cmpq %rax, F_RIP(%rdi)
        jne 2f
        leaq lm_probe_write_resume(%rip), %rax
        jmp 3f
2:      xorl %eax, %eax
        ret
3:      movq %rax, F_RIP(%rdi)
        movl $1, %eax
        ret

        .section .rodata
msg_unexpected: .asciz "unexpected trap: vector "
msg_error:      .asciz " error "
msg_rip:        .asciz " rip "
msg_cs:         .asciz " cs "
msg_cr2:        .asciz " cr2 "

        .section .bss
        .align 8
lm_trap_handlers:
        .skip 256 * 8
lm_saved_rsp:
        .skip 8
lm_syscall_handler:
        .skip 8
lm_syscall_user_rsp:
        .skip 8
