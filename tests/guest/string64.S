/* SPDX-License-Identifier: MIT */
/*
 * string64: proof by difference for the string instructions at CPL3 in
 * 64-bit mode: MOVS STOS LODS SCAS CMPS at 8, 16, 32 and 64 bits, without
 * a prefix and with REP (REPE, REPNE for SCAS and CMPS), forward and
 * backward (DF), plus 32-bit address size (ECX, ESI, EDI) for a few.
 *
 * Each case fills a 1280-byte arena from a (a pattern, or with b bit 24
 * the byte a & 0xff everywhere, so REPE/REPNE run long), then takes the
 * count (b & 63), RSI and RDI (arena + 512 + 7-bit offsets from b bits
 * 8-14 and 16-22; overlapping when they are close) from b. Result: the
 * accumulator XOR the folded arena; second result: RCX XOR the final
 * RSI and RDI offsets (shifted to bits 48 and 32). Flags: CMPS/SCAS as
 * CMP, others none; DF is compared as well.
 */

#define FLAGS_STR 0xcd5
#define N_B       24
#define ARENA_QWORDS 160          /* 1280 bytes */
#define ARENA_BASE 512

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
        .macro entry name, stub, stride
        .pushsection .rodata
9:      .asciz "\name"
        .popsection
        .pushsection .rodata.table, "a"
        .long 9b, \stub, FLAGS_STR, \stride, strb, N_B, 1
        .popsection
        .endm

/* str_setup: a in %rdi, b in %rsi; keeps %rdx */
str_setup:
        movq %rdi, %r11
        leaq arena(%rip), %r9
        movq %rdi, %rcx
        btq $24, %rsi
        jnc 1f
        movzbl %dil, %ecx
        movabsq $0x0101010101010101, %rax
        imulq %rax, %rcx
1:      movl $ARENA_QWORDS, %eax
2:      movq %rcx, (%r9)
        btq $24, %rsi
        jc 3f
        rolq $7, %rcx
        xorq %rax, %rcx
3:      addq $8, %r9
        decl %eax
        jnz 2b
        leaq arena + ARENA_BASE(%rip), %r9
        movq %rsi, %rcx
        shrq $16, %rcx
        andl $0x7f, %ecx
        leaq (%r9,%rcx), %rdi
        movq %rsi, %rcx
        shrq $8, %rcx
        andl $0x7f, %ecx
        addq %rcx, %r9
        movq %rsi, %rcx
        andl $63, %ecx
        movq %r9, %rsi
        movq %r11, %rax
        ret

/* str_finish: folds the arena into %rax, positions and RCX into %r8 */
str_finish:
        leaq arena(%rip), %r9
        subq %r9, %rsi
        subq %r9, %rdi
        shlq $48, %rsi
        shlq $32, %rdi
        movq %rcx, %r8
        xorq %rsi, %r8
        xorq %rdi, %r8
        movl $ARENA_QWORDS, %ecx
        rolq $1, %rax
1:      rolq $5, %rax
        xorq (%r9), %rax
        addq $8, %r9
        decl %ecx
        jnz 1b
        ret

        .macro str name, insn, df, pre, stride=0
\name:
        call str_setup
        pushq %rdx
        popfq
        .if \df
        std
        .endif
        \pre \insn
        pushfq
        popq %rdx
        cld
        jmp str_finish
        entry "\name", \name, \stride
        .endm

        .macro str_dirs op, sz, pre, tag
        str \op\sz\()_\tag\()_fwd, \op\sz, 0, \pre
        str \op\sz\()_\tag\()_bwd, \op\sz, 1, \pre
        .endm
        .macro str_sizes op, pre, tag
        str_dirs \op, b, \pre, \tag
        str_dirs \op, w, \pre, \tag
        str_dirs \op, l, \pre, \tag
        str_dirs \op, q, \pre, \tag
        .endm

        .pushsection .rodata.table, "a"
        .align 4
table_start:
        .popsection

        str rep_movsb_fwd_sample, movsb, 0, rep, 491
        str_sizes movs, , one
        str_sizes movs, rep, rep
        str_sizes stos, , one
        str_sizes stos, rep, rep
        str_sizes lods, , one
        str_sizes lods, rep, rep
        str_sizes scas, , one
        str_sizes scas, repe, repe
        str_sizes scas, repne, repne
        str_sizes cmps, , one
        str_sizes cmps, repe, repe
        str_sizes cmps, repne, repne

/* 32-bit address size: ECX, ESI, EDI; RCX's upper half comes from a. */
        .macro str32 name, insn, pre
\name:
        call str_setup
        movq %r11, %r10
        shrq $32, %r10
        shlq $32, %r10
        orq %r10, %rcx
        pushq %rdx
        popfq
        addr32 \pre \insn
        pushfq
        popq %rdx
        jmp str_finish
        entry "\name", \name, 0
        .endm
        str32 a32_rep_movsb, movsb, rep
        str32 a32_rep_stosl, stosl, rep
        str32 a32_repne_scasb, scasb, repne
        str32 a32_repe_cmpsq, cmpsq, repe
        str32 a32_movsw, movsw,

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
        .align 8
/* b: count | source offset << 8 | destination offset << 16 | uniform << 24 */
        .macro bval count, so, do, uni=0
        .quad \count | (\so << 8) | (\do << 16) | (\uni << 24)
        .endm
strb:
        bval 0, 0, 64
        bval 1, 0, 64
        bval 2, 8, 72
        bval 7, 16, 3
        bval 63, 0, 64
        bval 63, 64, 0
        bval 33, 10, 11
        bval 33, 11, 10
        bval 40, 20, 23
        bval 40, 23, 20
        bval 63, 32, 40
        bval 63, 40, 32
        bval 0, 5, 5, 1
        bval 1, 5, 5, 1
        bval 63, 0, 64, 1
        bval 63, 64, 0, 1
        bval 17, 3, 100, 1
        bval 50, 100, 3, 1
        bval 63, 127, 127, 1
        bval 63, 127, 127
        bval 9, 1, 2
        bval 9, 2, 1
        bval 63, 0, 1, 1
        bval 63, 1, 0, 1
msg_done:       .asciz "string64 done\n"

        .section .bss
        .align 16
arena:          .skip ARENA_QWORDS * 8
