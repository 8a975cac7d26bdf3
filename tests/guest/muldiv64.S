/* SPDX-License-Identifier: MIT */
/*
 * muldiv64: proof by difference for MUL, IMUL (one, two and three
 * operands, register and memory sources) and DIV, IDIV at every size, at
 * CPL3 in 64-bit mode, over edge and xorshift64 values. Results are the
 * whole of %rax and %rdx (%rdx starts as 0xdddd... so 8-bit forms and
 * IMUL's two- and three-operand forms must leave it alone).
 *
 * Flags (SDM vol. 2, MUL/IMUL/DIV/IDIV "Flags Affected"): CF and OF for
 * multiplies, SF ZF AF PF undefined; none defined after a divide. A divide
 * by zero or with a quotient too large raises #DE; the runtime's handler
 * (user64.S) records the vector and resumes after the instruction with
 * %rax and %rdx untouched, and the vector is hashed with the case. Each
 * divide runs with the high half of the dividend zero or sign-extended
 * ("z"), and with a high half below the divisor ("h", which also
 * overflows IDIV now and then).
 */

#define FLAGS_MUL 0x801
#define N_EDGE    32
#define U_R2      1
#define U_TRAPS   2
#define RDX_IN    0xdddddddddddddddd

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
        .macro flags_in
        pushq %rdx
        popfq
        movabsq $RDX_IN, %rdx
        .endm
        .macro flags_out
        movq %rdx, %r8
        pushfq
        popq %rdx
        .endm
/* Arms the #DE resume point at the label after the divide. */
        .macro arm_trap
        leaq 1f(%rip), %r10
        movq %r10, u_trap_resume(%rip)
        .endm
        .macro disarm_trap
1:      movq $0, u_trap_resume(%rip)
        .endm

        .macro entry name, stub, mask, nb, stride, opts
        .pushsection .rodata
9:      .asciz "\name"
        .popsection
        .pushsection .rodata.table, "a"
        .if \nb
        .long 9b, \stub, \mask, \stride, u_edges, N_EDGE, \opts
        .else
        .long 9b, \stub, \mask, \stride, 0, 0, \opts
        .endif
        .popsection
        .endm

/* One-operand MUL/IMUL: %rax = a, source b. */
        .macro mul1 op, sz, rs
\op\()_\sz\()_r:
        movq %rdi, %rax
        flags_in
        \op\sz \rs
        flags_out
        ret
\op\()_\sz\()_m:
        movq %rsi, cell(%rip)
        movq %rdi, %rax
        flags_in
        \op\sz cell(%rip)
        flags_out
        ret
        entry "\op\().\sz r", \op\()_\sz\()_r, FLAGS_MUL, 1, 487, U_R2
        entry "\op\().\sz m", \op\()_\sz\()_m, FLAGS_MUL, 1, 0, U_R2
        .endm

/* Two- and three-operand IMUL into %rax (which starts as a). */
        .macro imul23 sz, rs, ra
imul2_\sz\()_r:
        movq %rdi, %rax
        flags_in
        imul\sz \rs, \ra
        flags_out
        ret
imul2_\sz\()_m:
        movq %rsi, cell(%rip)
        movq %rdi, %rax
        flags_in
        imul\sz cell(%rip), \ra
        flags_out
        ret
imul3_\sz\()_i8:
        movq %rdi, %rax
        notq %rax
        flags_in
        imul\sz $-3, \rs, \ra
        flags_out
        ret
imul3_\sz\()_i:
        movq %rdi, %rax
        notq %rax
        flags_in
        imul\sz $0x7654, \rs, \ra
        flags_out
        ret
imul3_\sz\()_mi:
        movq %rsi, cell(%rip)
        movq %rdi, %rax
        notq %rax
        flags_in
        imul\sz $-0x1235, cell(%rip), \ra
        flags_out
        ret
        entry "imul2.\sz r", imul2_\sz\()_r, FLAGS_MUL, 1, 487, U_R2
        entry "imul2.\sz m", imul2_\sz\()_m, FLAGS_MUL, 1, 0, U_R2
        entry "imul3.\sz r,$-3", imul3_\sz\()_i8, FLAGS_MUL, 1, 0, U_R2
        entry "imul3.\sz r,$0x7654", imul3_\sz\()_i, FLAGS_MUL, 1, 0, U_R2
        entry "imul3.\sz m,$-0x1235", imul3_\sz\()_mi, FLAGS_MUL, 1, 0, U_R2
        .endm

/*
 * DIV/IDIV: divisor b. High half "z": DIV zero, IDIV the sign of a (the
 * 8-bit forms divide AX: AH from a's bits 8-15 masked the same way). "h":
 * a rotated, ANDed with b >> 1 (below the divisor at every size).
 */
        .macro div_z_high op, sz
        .ifc \op, div
        .ifc \sz, b
        movb $0, %ah
        .else
        xorl %edx, %edx
        .endif
        .else
        .ifc \sz, b
        cbtw
        .endif
        .ifc \sz, w
        cwtd
        .endif
        .ifc \sz, l
        cltd
        .endif
        .ifc \sz, q
        cqto
        .endif
        .endif
        .endm

        .macro div_h_high sz
        .ifc \sz, b
        movzbl %sil, %r9d
        .endif
        .ifc \sz, w
        movzwl %si, %r9d
        .endif
        .ifc \sz, l
        movl %esi, %r9d
        .endif
        .ifc \sz, q
        movq %rsi, %r9
        .endif
        shrq $1, %r9
        movq %rdi, %r10
        rorq $17, %r10
        andq %r9, %r10
        .ifc \sz, b
        movl %r10d, %ecx
        movb %cl, %ah
        .else
        movq %r10, %rdx
        .endif
        .endm

        .macro div1 op, sz, rs
        .irp hv, z, h
\op\()_\sz\()_r\hv:
        movq %rdi, %rax
        flags_in
        .ifc \hv, z
        div_z_high \op, \sz
        .else
        div_h_high \sz
        .endif
        arm_trap
        \op\sz \rs
        disarm_trap
        flags_out
        ret
\op\()_\sz\()_m\hv:
        movq %rsi, cell(%rip)
        movq %rdi, %rax
        flags_in
        .ifc \hv, z
        div_z_high \op, \sz
        .else
        div_h_high \sz
        .endif
        arm_trap
        \op\sz cell(%rip)
        disarm_trap
        flags_out
        ret
        entry "\op\().\sz r \hv", \op\()_\sz\()_r\hv, 0, 1, 487, U_R2 | U_TRAPS
        entry "\op\().\sz m \hv", \op\()_\sz\()_m\hv, 0, 1, 0, U_R2 | U_TRAPS
        .endr
        .endm

        .pushsection .rodata.table, "a"
        .align 4
table_start:
        .popsection

        .irp op, mul, imul
        mul1 \op, b, %sil
        mul1 \op, w, %si
        mul1 \op, l, %esi
        mul1 \op, q, %rsi
        .endr
        imul23 w, %si, %ax
        imul23 l, %esi, %eax
        imul23 q, %rsi, %rax
        .irp op, div, idiv
        div1 \op, b, %sil
        div1 \op, w, %si
        div1 \op, l, %esi
        div1 \op, q, %rsi
        .endr

        .pushsection .rodata.table, "a"
table_end:
        .popsection

/* ---- the driver, at CPL3 ---- */

user_main:
        leaq table_start(%rip), %rdi
        leaq table_end(%rip), %rsi
        call u_run_groups
        leaq msg_done(%rip), %rdi
        call u_puts
        call u_exit

        .section .rodata
msg_done:       .asciz "muldiv64 done\n"

        .section .bss
        .align 8
cell:           .skip 8
