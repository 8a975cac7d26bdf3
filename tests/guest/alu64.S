/* SPDX-License-Identifier: MIT */
/*
 * alu64: proof by difference for the integer ALU. At CPL3 in 64-bit mode
 * (natively on the real CPU under this host's KVM) runs ADD ADC SUB SBB
 * AND OR XOR CMP TEST INC DEC NEG NOT at 8, 16, 32 and 64 bits in every
 * operand form (register, load, store, LOCK store, accumulator immediate,
 * other-register immediate) over edge values and xorshift64 values, each
 * with the arithmetic flags all clear and all set on entry (CF in and out
 * for ADC/SBB; CF kept by INC/DEC; no flag touched by NOT).
 *
 * One line per (operation, size, form): "add.l rr n=<cases> fnv=<hash>",
 * FNV-1a over every case's full 64-bit result register (or memory qword:
 * 8- and 16-bit writes must keep the upper bytes, 32-bit register writes
 * zero them) and its flags masked to what the SDM defines (vol. 2, each
 * instruction's "Flags Affected": AND, OR, XOR and TEST leave AF
 * undefined). Register forms also print a few cases in full, so a
 * different hash names the group and often the case.
 */

#define FLAGS_ALL  0x8d5        /* OF SF ZF AF PF CF */
#define FLAGS_LOGIC 0x8c5       /* AF undefined */
#define ENTRY_SIZE 20
#define N_EDGE     32
#define N_RANDOM_BIN 500
#define N_RANDOM_UN  200

        .text
        .code32
        .globl test_main
test_main:
        call paging64_build
        pushl $0
        pushl $user_main
        pushl %eax
        call user64_run

        .code64
/*
 * Stubs: %rdi = a, %rsi = b, %rdx = RFLAGS on entry; return the result in
 * %rax and RFLAGS after in %rdx.
 */
        .macro flags_in
        pushq %rdx
        popfq
        .endm
        .macro flags_out
        pushfq
        popq %rdx
        .endm

/* table: name, stub, flag mask, kind (0 a,b; 1 a only), sample stride */
        .macro entry name, stub, mask, kind, stride
        .pushsection .rodata
9:      .asciz "\name"
        .popsection
        .pushsection .rodata.table, "a"
        .long 9b, \stub, \mask, \kind, \stride
        .popsection
        .endm

        .macro binop_form op, sz, form, mask, stride
        entry "\op\().\sz \form", \op\()_\sz\()_\form, \mask, 0, \stride
        .endm

        .macro binop_size op, sz, rs, ra, rc, imm, mask, lockable
\op\()_\sz\()_rr:
        movq %rdi, %rax
        flags_in
        \op\sz \rs, \ra
        flags_out
        ret
\op\()_\sz\()_rm:
        movq %rsi, cell(%rip)
        movq %rdi, %rax
        flags_in
        \op\sz cell(%rip), \ra
        flags_out
        ret
\op\()_\sz\()_mr:
        movq %rdi, cell(%rip)
        flags_in
        \op\sz \rs, cell(%rip)
        flags_out
        movq cell(%rip), %rax
        ret
\op\()_\sz\()_ra:
        movq %rdi, %rax
        flags_in
        \op\sz $\imm, \ra
        flags_out
        ret
\op\()_\sz\()_ri:
        movq %rdi, %rcx
        flags_in
        \op\sz $-3, \rc
        flags_out
        movq %rcx, %rax
        ret
        binop_form \op, \sz, rr, \mask, 521
        binop_form \op, \sz, rm, \mask, 0
        binop_form \op, \sz, mr, \mask, 0
        .if \lockable
\op\()_\sz\()_lk:
        movq %rdi, cell(%rip)
        flags_in
        lock \op\sz \rs, cell(%rip)
        flags_out
        movq cell(%rip), %rax
        ret
        binop_form \op, \sz, lk, \mask, 0
        .endif
        entry "\op\().\sz ra $\imm", \op\()_\sz\()_ra, \mask, 1, 0
        entry "\op\().\sz ri $-3", \op\()_\sz\()_ri, \mask, 1, 0
        .endm

        .macro binop op, mask, lockable
        binop_size \op, b, %sil, %al, %cl, 0x80, \mask, \lockable
        binop_size \op, w, %si, %ax, %cx, 0x8001, \mask, \lockable
        binop_size \op, l, %esi, %eax, %ecx, 0x80000001, \mask, \lockable
        binop_size \op, q, %rsi, %rax, %rcx, -0x7fffffff, \mask, \lockable
        .endm

        .macro unop_size op, sz, ra
\op\()_\sz\()_r:
        movq %rdi, %rax
        flags_in
        \op\sz \ra
        flags_out
        ret
\op\()_\sz\()_m:
        movq %rdi, cell(%rip)
        flags_in
        \op\sz cell(%rip)
        flags_out
        movq cell(%rip), %rax
        ret
\op\()_\sz\()_lk:
        movq %rdi, cell(%rip)
        flags_in
        lock \op\sz cell(%rip)
        flags_out
        movq cell(%rip), %rax
        ret
        entry "\op\().\sz r", \op\()_\sz\()_r, FLAGS_ALL, 1, 61
        entry "\op\().\sz m", \op\()_\sz\()_m, FLAGS_ALL, 1, 0
        entry "\op\().\sz lk", \op\()_\sz\()_lk, FLAGS_ALL, 1, 0
        .endm

        .macro unop op
        unop_size \op, b, %al
        unop_size \op, w, %ax
        unop_size \op, l, %eax
        unop_size \op, q, %rax
        .endm

        .pushsection .rodata.table, "a"
        .align 4
table_start:
        .popsection

        binop add, FLAGS_ALL, 1
        binop adc, FLAGS_ALL, 1
        binop sub, FLAGS_ALL, 1
        binop sbb, FLAGS_ALL, 1
        binop cmp, FLAGS_ALL, 0
        binop and, FLAGS_LOGIC, 1
        binop or, FLAGS_LOGIC, 1
        binop xor, FLAGS_LOGIC, 1
        binop test, FLAGS_LOGIC, 0
        unop inc
        unop dec
        unop neg
        unop not

        .pushsection .rodata.table, "a"
table_end:
        .popsection

/* ---- the driver, at CPL3 ---- */

user_main:
        leaq table_start(%rip), %r12
1:      leaq table_end(%rip), %rax
        cmpq %rax, %r12
        jae 2f
        call run_group
        addq $ENTRY_SIZE, %r12
        jmp 1b
2:      leaq msg_done(%rip), %rdi
        call u_puts
        call u_exit

/* run_group: the table entry at %r12 */
run_group:
        pushq %rbx
        pushq %rbp
        pushq %r13
        call u_fnv_reset
        movabsq $0x9e3779b97f4a7c15, %rdi
        call u_srand
        movq $0, ncases(%rip)
        xorl %ebx, %ebx                 /* i */
1:      leaq edges(%rip), %rax
        movq (%rax,%rbx,8), %r13        /* a */
        cmpl $0, 12(%r12)
        jne 3f
        xorl %ebp, %ebp                 /* j */
2:      leaq edges(%rip), %rax
        movq %r13, %rdi
        movq (%rax,%rbp,8), %rsi
        call run_case2
        incl %ebp
        cmpl $N_EDGE, %ebp
        jne 2b
        jmp 4f
3:      movq %r13, %rdi
        xorl %esi, %esi
        call run_case2
4:      incl %ebx
        cmpl $N_EDGE, %ebx
        jne 1b
        movl $N_RANDOM_BIN, %ebx
        cmpl $0, 12(%r12)
        je 5f
        movl $N_RANDOM_UN, %ebx
5:      call u_rand
        movq %rax, %r13
        call u_rand
        movq %r13, %rdi
        movq %rax, %rsi
        call run_case2
        decl %ebx
        jnz 5b
        movl (%r12), %edi
        movq ncases(%rip), %rsi
        call u_group_end
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
        movl $FLAGS_ALL, %edx
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
        movq %rdi, %rbx
        movq %rsi, %rbp
        movq %rdx, %r13
        movl 4(%r12), %eax
        call *%rax
        movq %rax, %r14
        andl 8(%r12), %edx
        movq %rdx, %r15
        movq %r14, %rdi
        call u_fnv_add
        movq %r15, %rdi
        call u_fnv_add
        movl 16(%r12), %ecx
        testl %ecx, %ecx
        jz 1f
        movq ncases(%rip), %rax
        xorl %edx, %edx
        divq %rcx
        testq %rdx, %rdx
        jnz 1f
        leaq msg_a(%rip), %rdi
        call u_puts
        movq %rbx, %rdi
        call u_puthex64
        cmpl $0, 12(%r12)
        jne 2f
        leaq msg_b(%rip), %rdi
        call u_puts
        movq %rbp, %rdi
        call u_puthex64
2:      leaq msg_f(%rip), %rdi
        call u_puts
        movq %r13, %rdi
        movl $3, %esi
        call u_puthex
        leaq msg_arrow(%rip), %rdi
        call u_puts
        movq %r14, %rdi
        call u_puthex64
        leaq msg_f(%rip), %rdi
        call u_puts
        movq %r15, %rdi
        movl $3, %esi
        call u_puthex
        call u_nl
1:      incq ncases(%rip)
        popq %r15
        popq %r14
        popq %r13
        popq %rbp
        popq %rbx
        ret

        .section .rodata
        .align 8
edges:
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
msg_done:       .asciz "alu64 done\n"

        .section .bss
        .align 8
cell:           .skip 8
ncases:         .skip 8
