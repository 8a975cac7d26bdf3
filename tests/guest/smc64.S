/* SPDX-License-Identifier: MIT */
/*
 * smc64: self-modifying code at CPL3 in 64-bit mode, as a real CPU runs
 * it (SDM vol. 3, 8.1.3: a write to an instruction about to execute is
 * seen by it, at the same linear address, on P6 and later). A translator
 * must drop what it translated from a page when the page is written.
 *
 * 1. A function that already ran gets a new immediate, then a new opcode,
 *    and runs again.
 * 2. A store rewrites the immediate of the very next instruction, inside
 *    the block that is executing.
 * 3. A loop rewrites, every iteration, an instruction of its own body.
 * 4. Through a second virtual alias of the same physical page (virtual
 *    1 GiB + x maps physical x): a write through the alias to code that
 *    runs at its first address, and code run through the alias after a
 *    write through the first address.
 * 5. A write to code on another page, which must not disturb anything.
 */

#define ALIAS 0x40000000

        .text
        .code32
        .globl test_main
test_main:
        call paging64_build
        pushl %eax
        pushl $1
        call paging64_alias
        addl $4, %esp
        popl %eax
        pushl $0
        pushl $user_main
        pushl %eax
        call user64_run

        .code64
/* say LABEL, REG: prints the string, REG in hex and a newline */
        .macro say label, reg
        pushq \reg
        leaq \label(%rip), %rdi
        call u_puts
        popq %rdi
        call u_puthex64
        call u_nl
        .endm

/* 1: patched after it ran. */
patched:
        movl $0x11111111, %eax          /* b8 imm32 */
        addl $0x22, %eax                /* 83 c0 ib, later 83 e8 ib (sub) */
        ret
        .set patched_imm, patched + 1
        .set patched_modrm, patched + 6

/* 4: run through both virtual addresses. */
aliased:
        movl $0x33333333, %eax
        ret
        .set aliased_imm, aliased + 1

user_main:
        call patched
        say msg_first, %rax
        movl $0x44444444, patched_imm(%rip)
        call patched
        say msg_new_imm, %rax
        movb $0xe8, patched_modrm(%rip)
        call patched
        say msg_new_op, %rax

/* 2: the next instruction's immediate, rewritten in the same block. */
        movl $0x55555555, next_imm(%rip)
next:   movl $0x66666666, %eax
        .set next_imm, next + 1
        say msg_next, %rax

/* 3: each iteration stores i into the immediate it then adds. */
        xorl %ebx, %ebx                 /* sum */
        xorl %ecx, %ecx                 /* i */
1:      movl %ecx, loop_imm(%rip)
loop_insn:
        addl $0x7fffffff, %ebx
        .set loop_imm, loop_insn + 2
        incl %ecx
        cmpl $1000, %ecx
        jne 1b
        say msg_loop, %rbx

/* 4: write through the alias, run at the first address; then the reverse. */
        call aliased
        say msg_alias0, %rax
        leaq aliased_imm(%rip), %rax
        movl $0x77777777, ALIAS(%rax)
        call aliased
        say msg_alias1, %rax
        leaq aliased(%rip), %rax
        addq $ALIAS, %rax
        call *%rax
        say msg_alias2, %rax
        movl $0x88888888, aliased_imm(%rip)
        leaq aliased(%rip), %rax
        addq $ALIAS, %rax
        call *%rax
        say msg_alias3, %rax
        call aliased
        say msg_alias4, %rax

/* 5: code on another page is written; this page's code is unchanged. */
        movb $0xc3, far_code(%rip)
        call far_code
        call patched
        say msg_other, %rax

        leaq msg_done(%rip), %rdi
        call u_puts
        call u_exit

        .section .rodata
msg_first:      .asciz "patched, first run:        "
msg_new_imm:    .asciz "patched, new immediate:    "
msg_new_op:     .asciz "patched, add became sub:   "
msg_next:       .asciz "next instruction rewritten: "
msg_loop:       .asciz "loop rewriting its body:   "
msg_alias0:     .asciz "alias, before:             "
msg_alias1:     .asciz "alias, written via alias:  "
msg_alias2:     .asciz "alias, run via alias:      "
msg_alias3:     .asciz "alias, rewritten, via alias: "
msg_alias4:     .asciz "alias, same, first address: "
msg_other:      .asciz "other page written, patched: "
msg_done:       .asciz "smc64 done\n"

/* A page of its own, far from the code above. */
        .section .text.far, "ax"
        .balign 4096
far_code:
        nop
        ret
