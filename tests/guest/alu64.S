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
#define N_EDGE     32

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

/* A UGroup (user64.S); kind 0: a with every edge value as b, 1: a only */
        .macro entry name, stub, mask, kind, stride
        .pushsection .rodata
9:      .asciz "\name"
        .popsection
        .pushsection .rodata.table, "a"
        .if \kind
        .long 9b, \stub, \mask, \stride, 0, 0, 0
        .else
        .long 9b, \stub, \mask, \stride, u_edges, N_EDGE, 0
        .endif
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

user_main:
        leaq table_start(%rip), %rdi
        leaq table_end(%rip), %rsi
        call u_run_groups
        leaq msg_done(%rip), %rdi
        call u_puts
        call u_exit

        .section .rodata
msg_done:       .asciz "alu64 done\n"

        .section .bss
        .align 8
cell:           .skip 8
