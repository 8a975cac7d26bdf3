/* SPDX-License-Identifier: MIT */
/*
 * sse42: proof by difference for SSE4.2's string compares PCMPESTRI,
 * PCMPESTRM, PCMPISTRI and PCMPISTRM at CPL3 in 64-bit mode. mkstr makes
 * two 16-byte strings (XMM1, XMM2) and two lengths (RAX, RDX) from the
 * case's a and b: raw bits, or small alphabets so that "equal any",
 * "ranges", "equal each" and "equal ordered" find matches, with zero bytes
 * or zero words (the implicit forms' terminators), signed boundaries
 * (0x7f/0x80 bytes, 0x7fff/0x8000 words), and a shifted copy of XMM1 in
 * XMM2 (substrings); lengths mostly within +-16, else up to +-128. A group
 * runs one form and imm8 and hashes ECX (or XMM0), XMM0's unchanged half,
 * and CF ZF SF OF AF PF from flags all clear and all set on entry.
 *
 * First every imm8 0x00-0xff of the four instructions over u_edges and
 * xorshift64 values of a; then chosen imm8s over u_edges x u_edges with
 * a memory source at an unaligned address, the REX.W forms, REX registers,
 * XMM0 as the first operand of the mask forms, and the raw lengths
 * (EAX = a, EDX = b: 32-bit and 64-bit values beyond 16, negative ones,
 * a 32-bit form whose upper halves are not zero). Instructions run
 * regardless of CPUID (see README.md: this host's KVM answers CPUID at
 * CPL3 with the host's bits). Last, the instructions of the same CPU
 * generation the translator runs on the host too: PCLMULQDQ, AES-NI and
 * MOVBE (16/32/64-bit loads and stores at an unaligned address).
 */

#define U_R2      1

        .text
        .code32
        .globl test_main
test_main:
        call paging64_build
        pushl $sse42_setup
        pushl $user_main
        pushl %eax
        call user64_run

        .code64
/* CPL0: CR4.OSFXSR and OSXMMEXCPT, CR0.MP set, EM and TS clear. */
sse42_setup:
        movq %cr4, %rax
        orq $0x600, %rax
        movq %rax, %cr4
        movq %cr0, %rax
        andq $~0xc, %rax
        orq $2, %rax
        movq %rax, %cr0
        ret

        .macro entry name, stub, stride, blist, nb
        .pushsection .rodata
9:      .asciz "\name"
        .popsection
        .pushsection .rodata.table, "a"
        .long 9b, \stub, 0x8d5, \stride, \blist, \nb, U_R2
        .popsection
        .endm

        .pushsection .rodata.table, "a"
        .align 4
table_start:
        .popsection

/*
 * mkstr(a = %rdi, b = %rsi): XMM1, XMM2 and the lengths RAX, RDX.
 * x = {a, rol(b,13) ^ a}, y = {K * rol(a,29) ^ b, ~a ^ rol(b,41)}; the
 * mode h >> 61 (h = K' * (a ^ rol(b,7))) reshapes them. Clobbers RCX,
 * R10, R11, XMM3-XMM5.
 */
mkstr:
        movq %rdi, %xmm1
        movq %rsi, %rax
        rolq $13, %rax
        xorq %rdi, %rax
        movq %rax, %xmm3
        punpcklqdq %xmm3, %xmm1
        movq %rdi, %rax
        rolq $29, %rax
        movabsq $0x9e3779b97f4a7c15, %rcx
        imulq %rcx, %rax
        xorq %rsi, %rax
        movq %rax, %xmm2
        movq %rdi, %rax
        notq %rax
        movq %rsi, %rcx
        rolq $41, %rcx
        xorq %rcx, %rax
        movq %rax, %xmm3
        punpcklqdq %xmm3, %xmm2
        movq %rsi, %r10
        rolq $7, %r10
        xorq %rdi, %r10
        movabsq $0xd6e8feb86659fd93, %rcx
        imulq %rcx, %r10
        /* lengths: sign-extended bytes 1 and 2 of h, mostly shifted to +-16 */
        movq %r10, %rax
        shrq $8, %rax
        movsbq %al, %rax
        btq $0, %r10
        jc 1f
        sarq $3, %rax
1:      movq %r10, %rdx
        shrq $16, %rdx
        movsbq %dl, %rdx
        btq $1, %r10
        jc 2f
        sarq $3, %rdx
2:      movq %r10, %r11
        shrq $61, %r11
        jz mk_done                      /* 0: raw bits */
        cmpl $1, %r11d
        je mk_alpha_zb
        cmpl $2, %r11d
        je mk_alpha_zw
        cmpl $3, %r11d
        je mk_substr
        cmpl $4, %r11d
        je mk_sbyte
        cmpl $5, %r11d
        je mk_sword
        cmpl $6, %r11d
        je mk_alpha16
        /* 7: XMM2 = XMM1, 4 letters with zero bytes */
        movdqa %xmm1, %xmm2
        jmp mk_alpha_zb

/* 'a'-'d', a zero byte where the byte's bits 4:2 were clear */
mk_alpha_zb:
        call alpha_zb
        ret
alpha_zb:
        .irp r, %xmm1, %xmm2
        movdqa \r, %xmm4
        pand m1c(%rip), %xmm4
        pxor %xmm5, %xmm5
        pcmpeqb %xmm5, %xmm4
        pand m03(%rip), \r
        por m60(%rip), \r
        pandn \r, %xmm4
        movdqa %xmm4, \r
        .endr
        ret

/* the same with zero words where the word's bits 4:2 were clear */
mk_alpha_zw:
        .irp r, %xmm1, %xmm2
        movdqa \r, %xmm4
        pand m1cw(%rip), %xmm4
        pxor %xmm5, %xmm5
        pcmpeqw %xmm5, %xmm4
        pand m03(%rip), \r
        por m60(%rip), \r
        pandn \r, %xmm4
        movdqa %xmm4, \r
        .endr
        ret

/* XMM2 = bytes 5-15 of XMM1 then 5 of XMM2, both 'a'-'d' with zeros */
mk_substr:
        palignr $5, %xmm1, %xmm2
        jmp alpha_zb

/* bytes 0x7e-0x81: the signed byte boundary, no zeros */
mk_sbyte:
        .irp r, %xmm1, %xmm2
        pand m03(%rip), \r
        paddb m7e(%rip), \r
        .endr
        ret

/* words 0x7ffe-0x8001, a zero word where bits 3:2 of the word were 0 */
mk_sword:
        .irp r, %xmm1, %xmm2
        movdqa \r, %xmm4
        pand m0cw(%rip), %xmm4
        pxor %xmm5, %xmm5
        pcmpeqw %xmm5, %xmm4
        pand m03w(%rip), \r
        paddw m7ffe(%rip), \r
        pandn \r, %xmm4
        movdqa %xmm4, \r
        .endr
        ret

/* '@'-'O', a zero byte where the byte's high nibble was 0 */
mk_alpha16:
        .irp r, %xmm1, %xmm2
        movdqa \r, %xmm4
        pand mf0(%rip), %xmm4
        pxor %xmm5, %xmm5
        pcmpeqb %xmm5, %xmm4
        pand m0f(%rip), \r
        por m40(%rip), \r
        pandn \r, %xmm4
        movdqa %xmm4, \r
        .endr
mk_done:
        ret

/* mkraw: the strings of mkstr, the lengths a and b as they are. */
mkraw:
        call mkstr
        movq %rdi, %rax
        movq %rsi, %rdx
        ret

/*
 * A case: strings and lengths, XMM0 = XMM2 reversed by dwords, XMM9/XMM10
 * copies of XMM1/XMM2, y at vbuf+1, RCX = -1, the entry flags (%rdx on
 * entry), the instruction, the flags after.
 */
        .macro stub label, insn, imm, src=%xmm2, dst=%xmm1, make=mkstr, tail=out_idx
\label:
        movq %rdx, %r9
        call \make
        pshufd $0x1b, %xmm2, %xmm0
        movdqa %xmm1, %xmm9
        movdqa %xmm2, %xmm10
        .ifc \dst, %xmm0
        movdqa %xmm1, %xmm0
        .endif
        movdqu %xmm2, vbuf+1(%rip)
        movq $-1, %rcx
        pushq %r9
        popfq
        \insn $\imm, \src, \dst
        pushfq
        popq %rdx
        jmp \tail
        .endm

/* index forms: RCX, and XMM0 (unchanged); mask forms: XMM0, and RCX */
out_idx:
        movq %rcx, %rax
        movq %xmm0, %r8
        ret
out_mask:
        movq %xmm0, %rax
        pextrq $1, %xmm0, %r8
        xorq %rcx, %r8
        ret

/* ---- every imm8 of every instruction, a from u_edges and xorshift64 ---- */

        .macro sweep insn, tail
        .irp h, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, a, b, c, d, e, f
        .irp l, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, a, b, c, d, e, f
        stub sw_\insn\()_\h\l, \insn, 0x\h\l, tail=\tail
        entry "\insn 0x\h\l", sw_\insn\()_\h\l, 0, 0, 0
        .endr
        .endr
        .endm

        sweep pcmpestri, out_idx
        sweep pcmpestrm, out_mask
        sweep pcmpistri, out_idx
        sweep pcmpistrm, out_mask

/* ---- chosen imm8s over u_edges x u_edges, and the operand forms ---- */

        .macro deep imm
        stub dx_\imm\()_1, pcmpestri, \imm, vbuf+1(%rip)
        entry "pcmpestri \imm m128", dx_\imm\()_1, 0, u_edges, 32
        stub dx_\imm\()_2, pcmpestriq, \imm, %xmm10, %xmm9
        entry "pcmpestriq \imm xmm9", dx_\imm\()_2, 0, u_edges, 32
        stub dx_\imm\()_3, pcmpestrm, \imm, vbuf+1(%rip), tail=out_mask
        entry "pcmpestrm \imm m128", dx_\imm\()_3, 0, u_edges, 32
        stub dx_\imm\()_4, pcmpestrmq, \imm, %xmm2, %xmm0, tail=out_mask
        entry "pcmpestrmq \imm xmm0", dx_\imm\()_4, 0, u_edges, 32
        stub dx_\imm\()_5, pcmpistri, \imm, vbuf+1(%rip)
        entry "pcmpistri \imm m128", dx_\imm\()_5, 0, u_edges, 32
        stub dx_\imm\()_6, pcmpistri, \imm, %xmm10, %xmm9
        entry "pcmpistri \imm xmm9", dx_\imm\()_6, 0, u_edges, 32
        stub dx_\imm\()_7, pcmpistrm, \imm, vbuf+1(%rip), tail=out_mask
        entry "pcmpistrm \imm m128", dx_\imm\()_7, 0, u_edges, 32
        stub dx_\imm\()_8, pcmpistrm, \imm, %xmm2, %xmm0, tail=out_mask
        entry "pcmpistrm \imm xmm0", dx_\imm\()_8, 0, u_edges, 32
        .endm

        .irp imm, 0x00, 0x01, 0x04, 0x05, 0x08, 0x09, 0x0c, 0x0d, 0x12
        deep \imm
        .endr
        .irp imm, 0x1a, 0x2c, 0x38, 0x3b, 0x44, 0x46, 0x4c, 0x70, 0x7e
        deep \imm
        .endr

/* raw lengths: EAX = a and EDX = b, 32-bit and REX.W */
        .macro rawlen imm
        stub rl_\imm\()_1, pcmpestri, \imm, make=mkraw
        entry "pcmpestri \imm raw lengths", rl_\imm\()_1, 0, u_edges, 32
        stub rl_\imm\()_2, pcmpestriq, \imm, make=mkraw
        entry "pcmpestriq \imm raw lengths", rl_\imm\()_2, 0, u_edges, 32
        stub rl_\imm\()_3, pcmpestrm, \imm, make=mkraw, tail=out_mask
        entry "pcmpestrm \imm raw lengths", rl_\imm\()_3, 0, u_edges, 32
        stub rl_\imm\()_4, pcmpestrmq, \imm, make=mkraw, tail=out_mask
        entry "pcmpestrmq \imm raw lengths", rl_\imm\()_4, 0, u_edges, 32
        .endm
        .irp imm, 0x00, 0x09, 0x18, 0x4d
        rawlen \imm
        .endr

/* ---- MOVBE, PCLMULQDQ, AES: XMM1 = XMM1 OP XMM2 (or memory) ---- */

        .macro vop label, insn, imm, src=%xmm2
\label:
        call mkstr
        movdqa %xmm2, abuf(%rip)
        .ifb \imm
        \insn \src, %xmm1
        .else
        \insn $\imm, \src, %xmm1
        .endif
        movq %xmm1, %rax
        pextrq $1, %xmm1, %r8
        xorl %edx, %edx
        ret
        .endm

        .irp imm, 0x00, 0x01, 0x10, 0x11, 0xee
        vop clmul\imm, pclmulqdq, \imm
        entry "pclmulqdq \imm", clmul\imm, 0, u_edges, 32
        .endr
        vop clmulm, pclmulqdq, 0x01, abuf(%rip)
        entry "pclmulqdq 0x01 m128", clmulm, 0, u_edges, 32
        .irp op, aesenc, aesenclast, aesdec, aesdeclast, aesimc
        vop \op, \op
        entry "\op", \op, 0, u_edges, 32
        vop \op\()_m, \op, , abuf(%rip)
        entry "\op m128", \op\()_m, 0, u_edges, 32
        .endr
        .irp imm, 0x00, 0x01, 0x36, 0x80, 0xff
        vop akg\imm, aeskeygenassist, \imm
        entry "aeskeygenassist \imm", akg\imm, 0, u_edges, 32
        .endr

/* MOVBE: loads into a register holding a, stores over a in memory. */
        .macro movbe_ld label, reg
\label:
        movq %rsi, vbuf+3(%rip)
        movq %rdi, %rax
        movbe vbuf+3(%rip), \reg
        xorl %r8d, %r8d
        xorl %edx, %edx
        ret
        entry "movbe m, \reg", \label, 0, u_edges, 32
        .endm
        .macro movbe_st label, reg
\label:
        movq %rdi, vbuf+3(%rip)
        movbe \reg, vbuf+3(%rip)
        movq vbuf+3(%rip), %rax
        xorl %r8d, %r8d
        xorl %edx, %edx
        ret
        entry "movbe \reg, m", \label, 0, u_edges, 32
        .endm
        movbe_ld mbl16, %ax
        movbe_ld mbl32, %eax
        movbe_ld mbl64, %rax
        movbe_st mbs16, %si
        movbe_st mbs32, %esi
        movbe_st mbs64, %rsi

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
        .align 16
m03:    .fill 16, 1, 0x03
m1c:    .fill 16, 1, 0x1c
m60:    .fill 16, 1, 0x60
m7e:    .fill 16, 1, 0x7e
m0f:    .fill 16, 1, 0x0f
mf0:    .fill 16, 1, 0xf0
m40:    .fill 16, 1, 0x40
m1cw:   .fill 8, 2, 0x001c
m0cw:   .fill 8, 2, 0x000c
m03w:   .fill 8, 2, 0x0003
m7ffe:  .fill 8, 2, 0x7ffe
msg_done:       .asciz "sse42 done\n"

        .section .bss
        .align 64
vbuf:           .skip 32
abuf:           .skip 16
