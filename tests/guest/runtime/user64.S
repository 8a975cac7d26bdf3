/* SPDX-License-Identifier: MIT */
/*
 * Guest runtime for tests that do their work at CPL3 in 64-bit mode
 * ("user64"): on this host's KVM (PVM) CPL3 code runs natively on the real
 * CPU while CPL0 code is emulated slowly, so these tests keep the kernel
 * side to a few services:
 *
 * - user64_run() (32-bit, from test_main) enters long mode, routes every
 *   exception vector to user64_trap, makes int3 the system call gate, runs
 *   an optional 64-bit kernel setup function, then the test's user main at
 *   CPL3 with IF=0. Returning from the user main is an error; it ends with
 *   u_exit().
 * - System calls: int3 with %rax = SYS_MAGIC << 32 | number. SYS_WRITE
 *   (%rdi = buffer, %rsi = length) prints to COM1; SYS_EXIT leaves user
 *   mode and ends the run. int3 without the magic is a breakpoint (#BP).
 * - Traps from CPL3: if the user armed u_trap_resume (an address in its
 *   own code), the kernel records vector, error code, CR2 (for #PF, else
 *   0) and the faulting RIP in u_trap_*, disarms u_trap_resume and resumes
 *   there with every register as the fault left it. Otherwise the trap is
 *   printed and the run ends with EXIT_EXCEPTION.
 *
 * The CPL3 side (u_*, SysV AMD64 calls, clobbering only caller-saved
 * registers) buffers output and flushes it with one system call per 4 KiB,
 * prints hex and decimal, hashes with 32-bit FNV-1a and draws from a
 * xorshift64 generator. 32-bit absolute addresses only (ELF32 link).
 */

#define SYS_MAGIC  0x5ca11
#define SYS_EXIT   0
#define SYS_WRITE  1
#define OUT_SIZE   4096

/* Trap frame offsets (trap64.S). */
#define F_RSI     80
#define F_RDI     72
#define F_RAX    112
#define F_VECTOR 120
#define F_ERROR  128
#define F_RIP    136
#define F_CS     144

        .text
        .code32
/*
 * void user64_run(uint32_t cr3, void (*user_main)(void),
 *                 void (*kernel_setup)(void)): no return. cr3 comes from
 * paging64_build(); kernel_setup (64-bit, may be NULL) runs at CPL0 just
 * before user mode.
 */
        .globl user64_run
user64_run:
        movl 8(%esp), %eax
        movl %eax, u64_main
        movl 12(%esp), %eax
        movl %eax, u64_setup
        pushl $3
        pushl $3
        call long_mode_set_gate_dpl     /* int3: the system call gate */
        addl $8, %esp
        movl 4(%esp), %eax
        pushl $user64_boot
        pushl %eax
        call long_mode_enter

        .code64
user64_boot:
        xorl %ebx, %ebx
1:      movl %ebx, %edi
        leaq user64_trap(%rip), %rsi
        cmpl $3, %ebx
        jne 2f
        leaq user64_int3(%rip), %rsi
2:      call lm_set_handler
        incl %ebx
        cmpl $32, %ebx
        jne 1b
        movl u64_setup(%rip), %eax
        testl %eax, %eax
        jz 3f
        call *%rax
3:      movl u64_main(%rip), %edi
        leaq user64_stack_top(%rip), %rsi
        xorl %edx, %edx
        call lm_user_enter
        xorl %eax, %eax                 /* EXIT_DONE */
        outb %al, $0xf4
4:      hlt
        jmp 4b

/* int3 from anywhere: a system call when %rax carries the magic. */
user64_int3:
        movq F_RAX(%rdi), %rax
        movq %rax, %rcx
        shrq $32, %rcx
        cmpl $SYS_MAGIC, %ecx
        jne user64_trap
        movq F_CS(%rdi), %rcx
        testl $3, %ecx
        jz user64_unexpected
        cmpl $SYS_WRITE, %eax
        je 1f
        cmpl $SYS_EXIT, %eax
        jne user64_unexpected
        movq F_RDI(%rdi), %rdi
        call lm_user_return
1:      pushq %rbx
        pushq %rbp
        pushq %rbx
        movq F_RDI(%rdi), %rbx
        movq F_RSI(%rdi), %rbp
        addq %rbx, %rbp
2:      cmpq %rbp, %rbx
        je 3f
        movzbl (%rbx), %edi
        call lm_putc
        incq %rbx
        jmp 2b
3:      popq %rbx
        popq %rbp
        popq %rbx
        ret

/* Any other vector: resume the user at u_trap_resume, or stop. */
user64_trap:
        movq F_CS(%rdi), %rcx
        testl $3, %ecx
        jz user64_unexpected
        movq u_trap_resume(%rip), %rax
        testq %rax, %rax
        jz user64_unexpected
        movq $0, u_trap_resume(%rip)
        movq F_VECTOR(%rdi), %rcx
        movq %rcx, u_trap_vector(%rip)
        movq F_ERROR(%rdi), %rdx
        movq %rdx, u_trap_error(%rip)
        movq F_RIP(%rdi), %rdx
        movq %rdx, u_trap_rip(%rip)
        xorl %edx, %edx
        cmpl $14, %ecx
        jne 1f
        movq %cr2, %rdx
1:      movq %rdx, u_trap_cr2(%rip)
        movq %rax, F_RIP(%rdi)
        ret

        .macro say label, offset
        leaq \label(%rip), %rdi
        call lm_puts
        movq \offset(%rbx), %rdi
        call lm_puthex
        .endm

user64_unexpected:
        movq %rdi, %rbx
        say msg_unexpected, F_VECTOR
        say msg_error, F_ERROR
        say msg_rip, F_RIP
        say msg_cs, F_CS
        say msg_rax, F_RAX
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

/* ---- CPL3 side ---- */

/* void u_putc(char c) */
        .globl u_putc
u_putc:
        movl u_out_len(%rip), %eax
        leaq u_out_buf(%rip), %rcx
        movb %dil, (%rcx,%rax)
        incl %eax
        movl %eax, u_out_len(%rip)
        cmpl $OUT_SIZE, %eax
        je u_flush
        ret

/* void u_flush(void): preserves every register */
        .globl u_flush
u_flush:
        pushq %rax
        pushq %rdi
        pushq %rsi
        movl u_out_len(%rip), %esi
        testl %esi, %esi
        jz 1f
        leaq u_out_buf(%rip), %rdi
        movabsq $(SYS_MAGIC << 32 | SYS_WRITE), %rax
        int3
        movl $0, u_out_len(%rip)
1:      popq %rsi
        popq %rdi
        popq %rax
        ret

/* void u_exit(void): flushes and ends the run */
        .globl u_exit
u_exit:
        call u_flush
        movabsq $(SYS_MAGIC << 32 | SYS_EXIT), %rax
        xorl %edi, %edi
        int3
        ud2

/* void u_puts(const char *s) */
        .globl u_puts
u_puts:
        pushq %rbx
        movq %rdi, %rbx
1:      movzbl (%rbx), %edi
        testl %edi, %edi
        jz 2f
        call u_putc
        incq %rbx
        jmp 1b
2:      popq %rbx
        ret

/* void u_puthex(uint64_t v, unsigned digits): the low `digits` nibbles */
        .globl u_puthex
u_puthex:
        pushq %rbx
        pushq %rbp
        pushq %r12
        movq %rdi, %rbx
        leal -4(,%rsi,4), %ebp          /* shift of the first digit */
1:      movl %ebp, %ecx
        movq %rbx, %rdi
        shrq %cl, %rdi
        andl $15, %edi
        leaq u_hex_digits(%rip), %rax
        movzbl (%rax,%rdi), %edi
        call u_putc
        subl $4, %ebp
        jns 1b
        popq %r12
        popq %rbp
        popq %rbx
        ret

/* void u_puthex64(uint64_t v): 16 digits */
        .globl u_puthex64
u_puthex64:
        movl $16, %esi
        jmp u_puthex

/* void u_putdec(uint64_t v) */
        .globl u_putdec
u_putdec:
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
2:      movzbl (%rbx), %edi
        call u_putc
        incq %rbx
        leaq 32(%rsp), %rax
        cmpq %rax, %rbx
        jne 2b
        addq $32, %rsp
        popq %rbx
        ret

/* void u_putsp(void), void u_nl(void) */
        .globl u_putsp
u_putsp:
        movl $' ', %edi
        jmp u_putc
        .globl u_nl
u_nl:
        movl $'\n', %edi
        jmp u_putc

/* void u_fnv_reset(void): u_fnv = FNV-1a offset basis */
        .globl u_fnv_reset
u_fnv_reset:
        movl $0x811c9dc5, u_fnv(%rip)
        ret

/* void u_fnv_add(uint64_t v): hashes v's 8 bytes, low first, into u_fnv */
        .globl u_fnv_add
u_fnv_add:
        movl u_fnv(%rip), %eax
        movl $8, %ecx
1:      movzbl %dil, %edx
        xorl %edx, %eax
        imull $0x01000193, %eax, %eax
        shrq $8, %rdi
        decl %ecx
        jnz 1b
        movl %eax, u_fnv(%rip)
        ret

/* void u_srand(uint64_t seed): seed must not be 0 */
        .globl u_srand
u_srand:
        movq %rdi, u_rand_state(%rip)
        ret

/* uint64_t u_rand(void): xorshift64 (13, 7, 17) */
        .globl u_rand
u_rand:
        movq u_rand_state(%rip), %rax
        movq %rax, %rcx
        shlq $13, %rcx
        xorq %rcx, %rax
        movq %rax, %rcx
        shrq $7, %rcx
        xorq %rcx, %rax
        movq %rax, %rcx
        shlq $17, %rcx
        xorq %rcx, %rax
        movq %rax, u_rand_state(%rip)
        ret

/*
 * void u_group_end(const char *name, uint64_t count): prints
 * "<name> n=<count> fnv=<u_fnv>" and a newline.
 */
        .globl u_group_end
u_group_end:
        pushq %rbx
        movq %rsi, %rbx
        call u_puts
        leaq msg_n(%rip), %rdi
        call u_puts
        movq %rbx, %rdi
        call u_putdec
        leaq msg_fnv(%rip), %rdi
        call u_puts
        movl u_fnv(%rip), %edi
        movl $8, %esi
        call u_puthex
        call u_nl
        popq %rbx
        ret

        .section .rodata
u_hex_digits:   .ascii "0123456789abcdef"
msg_n:          .asciz " n="
msg_fnv:        .asciz " fnv="
msg_unexpected: .asciz "user64: unexpected trap: vector "
msg_error:      .asciz " error "
msg_rip:        .asciz " rip "
msg_cs:         .asciz " cs "
msg_rax:        .asciz " rax "
msg_cr2:        .asciz " cr2 "

        .data
        .align 8
u_rand_state:   .quad 0x2545f4914f6cdd1d

        .section .bss
        .align 8
u64_main:       .skip 4
u64_setup:      .skip 4
u_out_len:      .skip 4
        .globl u_fnv
u_fnv:          .skip 4
        .globl u_trap_resume, u_trap_vector, u_trap_error, u_trap_rip, u_trap_cr2
u_trap_resume:  .skip 8
u_trap_vector:  .skip 8
u_trap_error:   .skip 8
u_trap_rip:     .skip 8
u_trap_cr2:     .skip 8
u_out_buf:      .skip OUT_SIZE
        .align 16
user64_stack:   .skip 16384
user64_stack_top:
