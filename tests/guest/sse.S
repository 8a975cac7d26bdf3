/* SPDX-License-Identifier: MIT */
/*
 * sse: proof by difference for MMX, SSE-SSE4.1 at CPL3 in 64-bit mode.
 * Each group runs one instruction form over u_edges x u_edges and
 * xorshift64 pairs (a, b): XMM1 = {a, rol(b,13)^a} OP XMM2 = {b, ~a}, or
 * MM1 = a OP MM2 = b; the result's two quadwords are hashed, and for the
 * floating-point groups MXCSR after the operation too (loaded first with
 * the group's rounding mode, DAZ/FTZ, all exceptions masked and the flags
 * clear). The 64-bit edges read as floats and doubles give +-0, -1,
 * denormals, infinities, QNaNs and SNaNs with payloads. Then FXSAVE /
 * FXRSTOR images (addresses masked), the MMX transition and EMMS in the
 * tag word, COMISS/UCOMISS flags, and faults: #XM for an unmasked
 * exception (with the destination kept), #GP for a misaligned MOVDQA.
 * LDMXCSR with a reserved bit is left out: the SDM says #GP(0), which
 * TCG raises, but this host's KVM (PVM) delivers #UD at CPL3.
 * Instructions run regardless of CPUID. RFLAGS are masked to the
 * arithmetic flags (CPL3 under this host's KVM sees the host's IF).
 */

#define N_EDGE    32
#define U_R2      1

        .text
        .code32
        .globl test_main
test_main:
        call paging64_build
        pushl $sse_setup
        pushl $user_main
        pushl %eax
        call user64_run

        .code64
#include "sse-macros.h"

/* CPL0: CR4.OSFXSR and OSXMMEXCPT, CR0.MP set, EM and TS clear. */
sse_setup:
        movq %cr4, %rax
        orq $0x600, %rax
        movq %rax, %cr4
        movq %cr0, %rax
        andq $~0xc, %rax
        orq $2, %rax
        movq %rax, %cr0
        ret

        .pushsection .rodata.table, "a"
        .align 4
table_start:
        .popsection

/* Integer ops on XMM registers, and from memory (aligned buffer). */
        .macro xop insn, imm=
x_\insn\imm:
        vec_in
        .ifb \imm
        \insn %xmm2, %xmm1
        .else
        \insn $\imm, %xmm2, %xmm1
        .endif
        vec_out
        ret
        entry "\insn \imm", x_\insn\imm, 0, 0
        .endm

        .macro xmem insn
xm_\insn:
        vec_in
        movdqa %xmm2, vbuf(%rip)
        \insn vbuf(%rip), %xmm1
        vec_out
        ret
        entry "\insn m128", xm_\insn, 0, 0
        .endm

/* The same on MMX registers. */
        .macro mop insn, imm=
m_\insn\imm:
        movq %rdi, %mm1
        movq %rsi, %mm2
        .ifb \imm
        \insn %mm2, %mm1
        .else
        \insn $\imm, %mm2, %mm1
        .endif
        movq %mm1, %rax
        xorl %r8d, %r8d
        emms
        ret
        entry "\insn mm \imm", m_\insn\imm, 0, 0
        .endm

/* Shifts by an immediate. */
        .macro xsh insn, imm
xs_\insn\imm:
        vec_in
        \insn $\imm, %xmm1
        vec_out
        ret
        entry "\insn \imm", xs_\insn\imm, 0, 0
        .endm

        .irp op, paddb, paddw, paddd, paddq, psubb, psubw, psubd, psubq
        xop \op
        .endr
        .irp op, paddsb, paddsw, paddusb, paddusw, psubsb, psubsw, psubusb, psubusw
        xop \op
        .endr
        .irp op, pmullw, pmulhw, pmulhuw, pmuludq, pmaddwd, psadbw, pavgb, pavgw
        xop \op
        .endr
        .irp op, pminub, pmaxub, pminsw, pmaxsw, pcmpeqb, pcmpeqw, pcmpeqd
        xop \op
        .endr
        .irp op, pcmpgtb, pcmpgtw, pcmpgtd, pand, pandn, por, pxor
        xop \op
        .endr
        .irp op, psrlw, psraw, psllw, psrld, psrad, pslld, psrlq, psllq
        xop \op
        .endr
        .irp op, packsswb, packssdw, packuswb, punpcklbw, punpcklwd, punpckldq
        xop \op
        .endr
        .irp op, punpckhbw, punpckhwd, punpckhdq, punpcklqdq, punpckhqdq
        xop \op
        .endr
        .irp op, pshufb, phaddw, phaddd, phaddsw, pmaddubsw, phsubw, phsubd
        xop \op
        .endr
        .irp op, phsubsw, psignb, psignw, psignd, pmulhrsw, pabsb, pabsw, pabsd
        xop \op
        .endr
        .irp op, pmovsxbw, pmovsxbd, pmovsxbq, pmovsxwd, pmovsxwq, pmovsxdq
        xop \op
        .endr
        .irp op, pmovzxbw, pmovzxbd, pmovzxbq, pmovzxwd, pmovzxwq, pmovzxdq
        xop \op
        .endr
        .irp op, pmuldq, pcmpeqq, packusdw, pcmpgtq, pminsb, pminsd, pminuw
        xop \op
        .endr
        .irp op, pminud, pmaxsb, pmaxsd, pmaxuw, pmaxud, pmulld, phminposuw
        xop \op
        .endr
        .irp op, andps, andnps, orps, xorps, unpcklps, unpckhps, unpcklpd, unpckhpd
        xop \op
        .endr
        xop pshufd, 0x1b
        xop pshufd, 0xe4
        xop pshuflw, 0x93
        xop pshufhw, 0x39
        xop shufps, 0x4e
        xop shufpd, 1
        xop shufpd, 2
        xop palignr, 3
        xop palignr, 17
        xop pblendw, 0xa5
        xop blendps, 9
        xop blendpd, 2
        xop mpsadbw, 5
        xop insertps, 0x9c
        xsh psrlw, 3
        xsh psraw, 15
        xsh psllw, 16
        xsh psrld, 31
        xsh psrad, 7
        xsh pslld, 1
        xsh psrlq, 33
        xsh psllq, 64
        xsh psrldq, 5
        xsh pslldq, 11
        xsh psrldq, 16
        .irp op, paddb, pcmpeqb, pshufb, packsswb, punpckhbw, pmaddwd, psubusw
        xmem \op
        .endr
        .irp op, paddb, paddq, psubsw, pmulhw, pmaddwd, packsswb, packssdw
        mop \op
        .endr
        .irp op, packuswb, punpcklbw, punpckhbw, punpckhwd, punpckhdq, pshufb
        mop \op
        .endr
        .irp op, phaddw, phsubd, phaddsw, pavgb, psadbw, pmuludq, psraw, psllq
        mop \op
        .endr
        mop pshufw, 0x1b
        mop palignr, 3
        mop palignr, 9

/* PBLENDVB & co. take their mask from XMM0 = {b, a}. */
        .macro xblendv insn
xb_\insn:
        vec_in
        movq %rsi, %xmm0
        movq %rdi, %xmm3
        punpcklqdq %xmm3, %xmm0
        \insn %xmm2, %xmm1
        vec_out
        ret
        entry "\insn", xb_\insn, 0, 0
        .endm
        xblendv pblendvb
        xblendv blendvps
        xblendv blendvpd

/*
 * Floating point: MXCSR = \mx before, returned as the flags word (%rdx).
 * mx 1f80 nearest, 3f80 down, 5f80 up, 7f80 toward zero, 9fc0 nearest
 * with FTZ and DAZ.
 */
        .macro fop insn, mx, imm=
f_\insn\mx\imm:
        vec_in
        movl $0x\mx, mxtmp(%rip)
        ldmxcsr mxtmp(%rip)
        .ifb \imm
        \insn %xmm2, %xmm1
        .else
        \insn $\imm, %xmm2, %xmm1
        .endif
        stmxcsr mxtmp(%rip)
        movl mxtmp(%rip), %edx
        movl $0x1f80, mxtmp(%rip)
        ldmxcsr mxtmp(%rip)
        vec_out
        ret
        entry "\insn \imm mxcsr=\mx", f_\insn\mx\imm, 0xffff, 0
        .endm

        .irp mx, 1f80, 3f80, 5f80, 7f80, 9fc0
        .irp op, addps, addpd, addss, addsd, subps, subsd, mulps, mulpd
        fop \op, \mx
        .endr
        .irp op, mulss, divps, divpd, divss, divsd, sqrtps, sqrtpd, sqrtss
        fop \op, \mx
        .endr
        .irp op, sqrtsd, cvtps2pd, cvtpd2ps, cvtss2sd, cvtsd2ss, cvtdq2ps
        fop \op, \mx
        .endr
        .irp op, cvtps2dq, cvttps2dq, cvtdq2pd, cvtpd2dq, cvttpd2dq
        fop \op, \mx
        .endr
        .irp op, addsubps, addsubpd, haddps, haddpd, hsubps, hsubpd
        fop \op, \mx
        .endr
        fop dpps, \mx, 0xf3
        fop dppd, \mx, 0x31
        fop roundps, \mx, 4
        fop roundpd, \mx, 9
        fop roundss, \mx, 2
        fop roundsd, \mx, 0xb
        .endr
        .irp op, minps, minpd, minss, minsd, maxps, maxpd, maxss, maxsd
        fop \op, 1f80
        .endr
        .irp op, rcpps, rcpss, rsqrtps, rsqrtss
        fop \op, 1f80
        .endr
        .irp p, 0, 1, 2, 3, 4, 5, 6, 7
        fop cmpps, 1f80, \p
        fop cmppd, 1f80, \p
        fop cmpss, 1f80, \p
        fop cmpsd, 1f80, \p
        .endr

/* Conversions to integers (the indefinite for NaN and out of range). */
        .macro cvtsi insn, reg, mx
c_\@:
        vec_in
        movl $0x\mx, mxtmp(%rip)
        ldmxcsr mxtmp(%rip)
        \insn %xmm2, \reg
        stmxcsr mxtmp(%rip)
        movl mxtmp(%rip), %edx
        movq %rax, %r8
        entry "\insn \reg mxcsr=\mx", c_\@, 0xffff, 0
        ret
        .endm
        .irp mx, 1f80, 3f80, 7f80
        cvtsi cvtss2si, %eax, \mx
        cvtsi cvtss2si, %rax, \mx
        cvtsi cvtsd2si, %eax, \mx
        cvtsi cvtsd2si, %rax, \mx
        cvtsi cvttss2si, %eax, \mx
        cvtsi cvttsd2si, %rax, \mx
        .endr

        .macro cvt2f insn, src, mx
i_\@:
        vec_in
        movl $0x\mx, mxtmp(%rip)
        ldmxcsr mxtmp(%rip)
        \insn \src, %xmm1
        stmxcsr mxtmp(%rip)
        movl mxtmp(%rip), %edx
        vec_out
        ret
        entry "\insn \src mxcsr=\mx", i_\@, 0xffff, 0
        .endm
        .irp mx, 1f80, 5f80, 7f80
        cvt2f cvtsi2ss, %esi, \mx
        cvt2f cvtsi2ss, %rsi, \mx
        cvt2f cvtsi2sd, %esi, \mx
        cvt2f cvtsi2sd, %rsi, \mx
        .endr

/* COMISS & co.: ZF PF CF (the others cleared) and MXCSR.IE. */
        .macro comi insn
ci_\insn:
        vec_in
        movl $0x1f80, mxtmp(%rip)
        ldmxcsr mxtmp(%rip)
        pushq $0x8d5
        popfq
        \insn %xmm2, %xmm1
        pushfq
        popq %rax
        andl $0x8d5, %eax
        stmxcsr mxtmp(%rip)
        movl mxtmp(%rip), %r8d
        xorl %edx, %edx
        ret
        entry "\insn", ci_\insn, 0, 0
        .endm
        comi comiss
        comi ucomiss
        comi comisd
        comi ucomisd

/* PTEST, MOVMSK*, PMOVMSKB, PEXTR*, PINSR*, CRC32. */
        .macro gpr name, i1, i2, i3, i4
g_\name:
        vec_in
        xorl %eax, %eax
        pushq $0x8d5
        popfq
        \i1
        \i2
        \i3
        \i4
        pushfq
        popq %r8
        andl $0x8d5, %r8d
        ret
        entry "\name", g_\name, 0, 0
        .endm
        gpr ptest, "ptest %xmm2, %xmm1"
        gpr movmskps, "movmskps %xmm1, %eax"
        gpr movmskpd, "movmskpd %xmm1, %eax"
        gpr pmovmskb, "pmovmskb %xmm1, %eax"
        gpr pextrw, "pextrw $5, %xmm1, %eax"
        gpr pextrb, "pextrb $13, %xmm1, %eax"
        gpr pextrd, "pextrd $3, %xmm1, %eax"
        gpr pextrq, "pextrq $1, %xmm1, %rax"
        gpr extractps, "extractps $2, %xmm1, %eax"
        gpr pinsrw, "pinsrw $6, %edi, %xmm2", "movq %xmm2, %rax", "pextrq $1, %xmm2, %rdx", "xorq %rdx, %rax"
        gpr pinsrb, "pinsrb $9, %esi, %xmm1", "pextrq $1, %xmm1, %rax"
        gpr pinsrd, "pinsrd $1, %esi, %xmm1", "movq %xmm1, %rax"
        gpr pinsrq, "pinsrq $1, %rsi, %xmm1", "pextrq $1, %xmm1, %rax"
        gpr crc32b, "movl %edi, %eax", "crc32b %sil, %eax"
        gpr crc32w, "movl %edi, %eax", "crc32w %si, %eax"
        gpr crc32l, "movq %rdi, %rax", "crc32l %esi, %eax"
        gpr crc32q, "movq %rdi, %rax", "crc32q %rsi, %rax"
        gpr movd, "movd %esi, %xmm1", "movq %xmm1, %rax", "pextrq $1, %xmm1, %rdx", "xorq %rdx, %rax"
        gpr movq, "movq %xmm2, %rax"
        gpr movss, "movss %xmm2, %xmm1", "movq %xmm1, %rax", "pextrq $1, %xmm1, %rdx", "xorq %rdx, %rax"
        gpr movhlps, "movhlps %xmm2, %xmm1", "movq %xmm1, %rax"
        gpr movlhps, "movlhps %xmm2, %xmm1", "pextrq $1, %xmm1, %rax"
        gpr movshdup, "movshdup %xmm2, %xmm1", "movq %xmm1, %rax"
        gpr movsldup, "movsldup %xmm2, %xmm1", "pextrq $1, %xmm1, %rax"
        gpr movddup, "movddup %xmm2, %xmm1", "pextrq $1, %xmm1, %rax"

        .pushsection .rodata.table, "a"
table_end:
        .popsection

/* ---- FXSAVE/FXRSTOR, MMX state, faults ---- */

/* print the label and the low 32 bits of \reg in hex */
        .macro show label, reg
        pushq \reg
        leaq \label(%rip), %rdi
        call u_puts
        popq %rdi
        movl $8, %esi
        call u_puthex
        .endm

/* hash_area: u_fnv over [%rdi, %rdi + %rsi) in quadwords */
hash_area:
        pushq %rbx
        pushq %rbp
        movq %rdi, %rbx
        leaq (%rdi,%rsi), %rbp
1:      cmpq %rbp, %rbx
        jae 2f
        movq (%rbx), %rdi
        call u_fnv_add
        addq $8, %rbx
        jmp 1b
2:      popq %rbp
        popq %rbx
        ret

/*
 * fx_report: FCW FSW FTW FOP MXCSR MXCSR_MASK and a hash of ST/XMM. The
 * mask's bit 17 is AMD's misaligned-SSE mode (MXCSR.MM, CPUID
 * 80000001H:ECX[7]), which the CPU model does not offer but the host's
 * FXSAVE reports under KVM: only the architectural bits are printed.
 */
fx_report:
        pushq %rbx
        leaq fxout(%rip), %rbx
        movzwl 0(%rbx), %eax
        show msg_fcw, %rax
        movzwl 2(%rbx), %eax
        show msg_fsw, %rax
        movzbl 4(%rbx), %eax
        show msg_ftw, %rax
        movl 24(%rbx), %eax
        show msg_mxcsr, %rax
        movl 28(%rbx), %eax
        andl $0xffff, %eax              /* not AMD's MM (bit 17) */
        show msg_mask, %rax
        call u_fnv_reset
        leaq 32(%rbx), %rdi
        movl $384, %esi
        call hash_area
        movl u_fnv(%rip), %eax
        show msg_hash, %rax
        call u_nl
        popq %rbx
        ret

fx_cases:
        /* A known image: FCW 037f, FSW 0, FTW 0x0f, MXCSR 1f80 | PE. */
        leaq fxin(%rip), %rdi
        movw $0x37f, 0(%rdi)
        movw $0, 2(%rdi)
        movb $0x0f, 4(%rdi)
        movl $0x1fa0, 24(%rdi)
        movabsq $0x8000000000000001, %rax
        movq %rax, 32(%rdi)
        movw $0x3fff, 40(%rdi)
        leaq 160(%rdi), %rcx
        movabsq $0x0123456789abcdef, %rax
        movl $32, %edx
1:      movq %rax, (%rcx)
        rolq $9, %rax
        addq $8, %rcx
        decl %edx
        jnz 1b
        fxrstor fxin(%rip)
        fxsave fxout(%rip)
        leaq msg_fx1(%rip), %rdi
        call u_puts
        call fx_report
        /* An MMX instruction: TOP 0, every tag valid; MM2 = exponent ff. */
        movabsq $0x1122334455667788, %rax
        movq %rax, %mm2
        paddb %mm2, %mm2
        fxsave fxout(%rip)
        leaq msg_fx2(%rip), %rdi
        call u_puts
        call fx_report
        emms
        fxsave fxout(%rip)
        leaq msg_fx3(%rip), %rdi
        call u_puts
        call fx_report
        /* FXRSTOR64 with REX.W, then a SIMD op sets flags. */
        fxrstor64 fxin(%rip)
        movl $1, %eax
        cvtsi2ss %eax, %xmm4
        movl $3, %eax
        cvtsi2ss %eax, %xmm5
        divss %xmm5, %xmm4
        fxsave64 fxout(%rip)
        leaq msg_fx4(%rip), %rdi
        call u_puts
        call fx_report
        ret

/* Faults: vector (or -1), and what the trap left behind. */
        .macro fault label, setup:vararg
        leaq msg_\label(%rip), %rdi
        call u_puts
        \setup
        leaq 1f(%rip), %r10
        movq %r10, u_trap_resume(%rip)
        movq $-1, u_trap_vector(%rip)
        .endm

        .macro fault_end
1:      movq $0, u_trap_resume(%rip)
        movq u_trap_vector(%rip), %rax
        show msg_vec, %rax
        stmxcsr mxtmp(%rip)
        movl mxtmp(%rip), %eax
        show msg_mxcsr, %rax
        movq %xmm1, %rax
        show msg_xmm1, %rax
        call u_nl
        movl $0x1f80, mxtmp(%rip)
        ldmxcsr mxtmp(%rip)
        .endm

fault_cases:
        /* #XM: divide by zero unmasked; XMM1 keeps its value. */
        fault xm
        movl $0x1d80, mxtmp(%rip)
        ldmxcsr mxtmp(%rip)
        movl $7, %eax
        cvtsi2ss %eax, %xmm1
        xorps %xmm2, %xmm2
        divss %xmm2, %xmm1
        fault_end
        /* #XM: invalid (SNaN) unmasked, packed. */
        fault xm2
        movl $0x1f00, mxtmp(%rip)
        ldmxcsr mxtmp(%rip)
        movq $0x7fa00000, %rax
        movq %rax, %xmm2
        movl $3, %eax
        cvtsi2ss %eax, %xmm1
        addps %xmm2, %xmm1
        fault_end
        /* Masked: the QNaN result and the flag. */
        fault nan
        movq $0x7fa00000, %rax
        movq %rax, %xmm2
        movl $3, %eax
        cvtsi2ss %eax, %xmm1
        addss %xmm2, %xmm1
        stmxcsr mxtmp(%rip)
        fault_end
        /* #GP: MOVDQA from a misaligned address. */
        fault gp
        movdqa vbuf+8(%rip), %xmm1
        fault_end
        ret

user_main:
        leaq table_start(%rip), %rdi
        leaq table_end(%rip), %rsi
        call u_run_groups
        call fx_cases
        call fault_cases
        leaq msg_done(%rip), %rdi
        call u_puts
        call u_exit

        .section .rodata
msg_fx1:        .asciz "fxrstor+fxsave:"
msg_fx2:        .asciz "after paddb mm:"
msg_fx3:        .asciz "after emms:"
msg_fx4:        .asciz "fxrstor64+divss+fxsave64:"
msg_fcw:        .asciz " fcw="
msg_fsw:        .asciz " fsw="
msg_ftw:        .asciz " ftw="
msg_mxcsr:      .asciz " mxcsr="
msg_mask:       .asciz " mask="
msg_hash:       .asciz " hash="
msg_vec:        .asciz " vector="
msg_xmm1:       .asciz " xmm1="
msg_xm:         .asciz "divss by 0 unmasked:"
msg_xm2:        .asciz "addps snan unmasked:"
msg_nan:        .asciz "addss snan masked:"
msg_gp:         .asciz "movdqa misaligned:"
msg_done:       .asciz "sse done\n"

        .section .bss
        .align 64
vbuf:           .skip 32
fxin:           .skip 512
fxout:          .skip 512
mxtmp:          .skip 4
