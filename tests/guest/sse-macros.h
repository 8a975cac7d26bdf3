/* SPDX-License-Identifier: MIT */
/*
 * Macros shared by the SSE guest tests (sse.S, sse-sticky.S), for
 * u_run_groups (runtime/user64.S):
 *
 * - entry NAME, STUB, MASK, STRIDE: a group of the u_edges x u_edges
 *   sweep with two results (U_R2), the flags word masked with MASK;
 * - vec_in: XMM1 = {a, rol(b,13)^a}, XMM2 = {b, ~a} from %rdi = a,
 *   %rsi = b;
 * - vec_out: XMM1 into %rax (low) and %r8 (high).
 *
 * The including file defines N_EDGE.
 */

        .macro entry name, stub, mask, stride
        .pushsection .rodata
9:      .asciz "\name"
        .popsection
        .pushsection .rodata.table, "a"
        .long 9b, \stub, \mask, \stride, u_edges, N_EDGE, U_R2
        .popsection
        .endm

        .macro vec_in
        movq %rdi, %xmm1
        movq %rsi, %rax
        rolq $13, %rax
        xorq %rdi, %rax
        movq %rax, %xmm3
        punpcklqdq %xmm3, %xmm1
        movq %rsi, %xmm2
        movq %rdi, %rax
        notq %rax
        movq %rax, %xmm3
        punpcklqdq %xmm3, %xmm2
        .endm

        .macro vec_out
        movq %xmm1, %rax
        movdqa %xmm1, %xmm3
        punpckhqdq %xmm3, %xmm3
        movq %xmm3, %r8
        .endm
