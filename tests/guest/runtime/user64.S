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
#define U_N_EDGES  32

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

/*
 * void u_run_groups(const UGroup *start, const UGroup *end): the table
 * driver of the proof-by-difference tests. A UGroup is six 32-bit words:
 * name, stub, flag mask, sample stride, b list, b count, options. For
 * each group it resets the hash and reseeds the generator, then calls
 * the stub for every a in u_edges with every b in the b list (or b = 0 if
 * the count is 0), then for 500 (200 without a list) xorshift64 pairs,
 * each twice: arithmetic flags all clear on entry, then all set.
 * A stub takes a in %rdi, b in %rsi and RFLAGS in %rdx, returns its
 * result in %rax, RFLAGS after in %rdx and, with option U_R2, a second
 * result in %r8. With U_TRAPS the vector a stub traps with (u_trap_vector,
 * -1 for none) is hashed too. Every case hashes result and masked flags;
 * every stride-th case (0: none) is printed. Ends with u_group_end().
 */
#define G_NAME    0
#define G_STUB    4
#define G_MASK    8
#define G_STRIDE 12
#define G_BLIST  16
#define G_NB     20
#define G_OPTS   24
#define G_SIZE   28
#define U_R2      1
#define U_TRAPS   2
        .globl u_run_groups
u_run_groups:
        pushq %r12
        pushq %r13
        pushq %rbx
        movq %rdi, %r12
        movq %rsi, %r13
1:      cmpq %r13, %r12
        jae 2f
        call run_group
        addq $G_SIZE, %r12
        jmp 1b
2:      popq %rbx
        popq %r13
        popq %r12
        ret

/* run_group: the group at %r12 */
run_group:
        pushq %rbx
        pushq %rbp
        pushq %r13
        pushq %r14
        pushq %r15
        call u_fnv_reset
        movabsq $0x9e3779b97f4a7c15, %rdi
        call u_srand
        movq $0, u_ncases(%rip)
        movl G_BLIST(%r12), %r14d
        movl G_NB(%r12), %r15d
        xorl %ebx, %ebx                 /* i */
1:      leaq u_edges(%rip), %rax
        movq (%rax,%rbx,8), %r13        /* a */
        testl %r15d, %r15d
        jz 3f
        xorl %ebp, %ebp                 /* j */
2:      movq %r13, %rdi
        movq (%r14,%rbp,8), %rsi
        call run_case2
        incl %ebp
        cmpl %r15d, %ebp
        jne 2b
        jmp 4f
3:      movq %r13, %rdi
        xorl %esi, %esi
        call run_case2
4:      incl %ebx
        cmpl $U_N_EDGES, %ebx
        jne 1b
        movl $500, %ebx
        testl %r15d, %r15d
        jnz 5f
        movl $200, %ebx
5:      call u_rand
        movq %rax, %r13
        call u_rand
        movq %r13, %rdi
        movq %rax, %rsi
        testl %r15d, %r15d
        jnz 6f
        xorl %esi, %esi
6:      call run_case2
        decl %ebx
        jnz 5b
        movl G_NAME(%r12), %edi
        movq u_ncases(%rip), %rsi
        call u_group_end
        popq %r15
        popq %r14
        popq %r13
        popq %rbp
        popq %rbx
        ret

/* run_case2(a, b): the case with no flags set on entry, then all set */
run_case2:
        pushq %rbx
        pushq %rbp
        pushq %rbx
        movq %rdi, %rbx
        movq %rsi, %rbp
        xorl %edx, %edx
        call run_case
        movq %rbx, %rdi
        movq %rbp, %rsi
        movl $0x8d5, %edx
        call run_case
        popq %rbx
        popq %rbp
        popq %rbx
        ret

/* run_case(a, b, flags): runs the stub, hashes and maybe prints */
run_case:
        pushq %rbx
        pushq %rbp
        pushq %r13
        pushq %r14
        pushq %r15
        subq $16, %rsp
        movq %rdi, %rbx
        movq %rsi, %rbp
        movq %rdx, %r13
        movq $-1, u_trap_vector(%rip)
        xorl %r8d, %r8d
        movl G_STUB(%r12), %eax
        call *%rax
        movq %rax, %r14
        movq %r8, (%rsp)
        andl G_MASK(%r12), %edx
        movq %rdx, %r15
        movq %r14, %rdi
        call u_fnv_add
        movq %r15, %rdi
        call u_fnv_add
        testl $U_R2, G_OPTS(%r12)
        jz 1f
        movq (%rsp), %rdi
        call u_fnv_add
1:      testl $U_TRAPS, G_OPTS(%r12)
        jz 2f
        movq u_trap_vector(%rip), %rdi
        call u_fnv_add
2:      movl G_STRIDE(%r12), %ecx
        testl %ecx, %ecx
        jz 9f
        movq u_ncases(%rip), %rax
        xorl %edx, %edx
        divq %rcx
        testq %rdx, %rdx
        jnz 9f
        leaq msg_a(%rip), %rdi
        call u_puts
        movq %rbx, %rdi
        call u_puthex64
        cmpl $0, G_NB(%r12)
        je 3f
        leaq msg_b(%rip), %rdi
        call u_puts
        movq %rbp, %rdi
        call u_puthex64
3:      leaq msg_f(%rip), %rdi
        call u_puts
        movq %r13, %rdi
        movl $3, %esi
        call u_puthex
        leaq msg_arrow(%rip), %rdi
        call u_puts
        movq %r14, %rdi
        call u_puthex64
        testl $U_R2, G_OPTS(%r12)
        jz 4f
        call u_putsp
        movq (%rsp), %rdi
        call u_puthex64
4:      leaq msg_f(%rip), %rdi
        call u_puts
        movq %r15, %rdi
        movl $3, %esi
        call u_puthex
        cmpq $-1, u_trap_vector(%rip)
        je 5f
        leaq msg_trap(%rip), %rdi
        call u_puts
        movq u_trap_vector(%rip), %rdi
        call u_putdec
5:      call u_nl
9:      incq u_ncases(%rip)
        addq $16, %rsp
        popq %r15
        popq %r14
        popq %r13
        popq %rbp
        popq %rbx
        ret

        .section .rodata
        .align 8
/* Sign and carry boundaries of every operand size, and some patterns. */
        .globl u_edges
u_edges:
        .quad 0, 1, 2, 0x3f, 0x40, 0x7f, 0x80, 0x81, 0xc0, 0xff, 0x100
        .quad 0x7fff, 0x8000, 0xffff, 0x10000, 0x7fffffff, 0x80000000
        .quad 0xffffffff, 0x100000000, 0x7fffffffffffffff
        .quad 0x8000000000000000, 0xffffffffffffffff, 0x8000000000000001
        .quad 0x7ffffffffffffffe, 0xfffffffffffffffe, 0xffffffff80000000
        .quad 0xffffffffffff8000, 0xffffffffffffff80, 0x5555555555555555
        .quad 0xaaaaaaaaaaaaaaaa, 0x0123456789abcdef, 0xfedcba9876543210
msg_a:          .asciz "  a="
msg_b:          .asciz " b="
msg_f:          .asciz " f="
msg_arrow:      .asciz " -> "
msg_trap:       .asciz " trap "
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
u_ncases:       .skip 8
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
