/* SPDX-License-Identifier: MIT */
/*
 * gdbtarget: the program tests/functional/test-gdb.py debugs. Its work
 * runs at CPL3 in 64-bit mode (user64 runtime), where this host's KVM
 * runs guest code natively, so a gdb session sees the same thing under
 * every accelerator. Alone it prints (hex in 16 digits):
 *
 *   gdbtarget: compute 0x...        gt_compute(gt_input) (straight-line)
 *   gdbtarget: setreg 0x5           %rbx after gt_setreg; a debugger that
 *                                   stops at gt_after_set changes it
 *   gdbtarget: counter 0x3          gt_counter, written three times at
 *                                   gt_store (a watchpoint stops there)
 *   gdbtarget: spun                 after gt_spin, which loops while
 *                                   gt_spin_count is non-zero (a debugger
 *                                   interrupts it and clears it)
 *
 * gt_spin_count starts at a few million iterations, so the run ends on
 * its own without a debugger. Before all that, at CPL0 in 32-bit mode,
 * test_main stores to gt_kflag (a watchpoint under every accelerator
 * stops at gt_after_kflag, the next instruction) and to gt_cross, four
 * bytes across a page boundary (a watchpoint on its last two bytes
 * stops at gt_after_cross).
 */

        .text
        .code32
        .globl test_main
test_main:
        movl $0x600d, gt_kflag
        .globl gt_after_kflag
gt_after_kflag:
        movl $0xc0551ed, gt_cross
        .globl gt_after_cross
gt_after_cross:
        call paging64_build
        pushl $0
        pushl $gt_main
        pushl %eax
        call user64_run

        .code64
/* say LABEL, REG: the string, REG in hex, a newline */
        .macro say label, reg
        pushq \reg
        leaq \label(%rip), %rdi
        call u_puts
        popq %rdi
        call u_puthex64
        call u_nl
        .endm

        .globl gt_main
gt_main:
        movq gt_input(%rip), %rdi
        call gt_compute
        say msg_compute, %rax
        call gt_setreg
        say msg_setreg, %rbx
        call gt_count
        say msg_counter, gt_counter(%rip)
        call gt_spin
        leaq msg_spun(%rip), %rdi
        call u_puts
        call u_exit

/* rax = a mix of rdi, in straight-line code (ten steps match the
 * disassembly one for one). */
        .globl gt_compute
gt_compute:
        movq %rdi, %rax
        shlq $3, %rax
        addq %rdi, %rax
        xorq $0x5a5a, %rax
        movq %rax, %rdx
        shrq $2, %rdx
        addq %rdx, %rax
        leaq 7(%rax,%rdi,2), %rax
        imulq $13, %rax, %rax
        subq $1, %rax
        notq %rax
        andl $0xffffff, %eax
        ret

        .globl gt_setreg, gt_after_set
gt_setreg:
        movq $5, %rbx
gt_after_set:
        ret

        .globl gt_count, gt_store
gt_count:
        movl $3, %ecx
1:      movq gt_counter(%rip), %rax
        incq %rax
gt_store:
        movq %rax, gt_counter(%rip)
        decl %ecx
        jnz 1b
        ret

        .globl gt_spin, gt_spin_loop
gt_spin:
gt_spin_loop:
        decq gt_spin_count(%rip)
        jnz gt_spin_loop
        ret

        .data
        .balign 8
        .globl gt_input, gt_counter, gt_spin_count, gt_kflag
gt_input:       .quad 0x1234
gt_counter:     .quad 0
gt_spin_count:  .quad 20000000
gt_kflag:       .quad 0

        .balign 4096
        .skip 4094
        .globl gt_cross
gt_cross:       .long 0

msg_compute:    .asciz "gdbtarget: compute "
msg_setreg:     .asciz "gdbtarget: setreg "
msg_counter:    .asciz "gdbtarget: counter "
msg_spun:       .asciz "gdbtarget: spun\n"
