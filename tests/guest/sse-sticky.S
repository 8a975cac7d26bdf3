/* SPDX-License-Identifier: MIT */
/*
 * sse-sticky: SSE floating point with MXCSR flags already set, at CPL3 in
 * 64-bit mode. MXCSR flags are sticky, and TCG skips reading the host's
 * MXCSR when an instruction can raise nothing the guest does not have
 * yet (target-i386/sse-helper-fp.c: PE preset, normal or zero operands
 * and results); the tests/guest/sse sweep starts every case with the
 * flags clear and never takes that path. Here each case loads MXCSR with
 * PE preset (1fa0), every flag preset (1fbf), or PE and DE preset under
 * round-down (3fa2, which TCG runs exactly), runs one instruction over
 * the u_edges sweep, and hashes the result and the MXCSR after it.
 *
 * Only the operations IEEE 754 defines exactly (no RCPPS, DPPS, x87):
 * the output is the same on every vendor's CPU. Also the scalar forms
 * with memory sources, COMISD/UCOMISD/COMISS/UCOMISS (RFLAGS and MXCSR),
 * conversions to integers, and the bitwise operations TCG emits inline
 * (register, memory, MMX, and PXOR/XORPS of a register with itself).
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

/* MXCSR = \mx, then the instruction; MXCSR after it in %rdx. */
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

/* The same with the source in memory (\size bytes of b). */
        .macro fmem insn, mx, size
fm_\insn\mx:
        vec_in
        movq %rsi, vbuf(%rip)
        movl $0x\mx, mxtmp(%rip)
        ldmxcsr mxtmp(%rip)
        \insn vbuf(%rip), %xmm1
        stmxcsr mxtmp(%rip)
        movl mxtmp(%rip), %edx
        movl $0x1f80, mxtmp(%rip)
        ldmxcsr mxtmp(%rip)
        vec_out
        ret
        entry "\insn m\size mxcsr=\mx", fm_\insn\mx, 0xffff, 0
        .endm

/* COMISS & co.: RFLAGS ZF PF CF in %rdx bits 0-7, MXCSR in bits 16-31. */
        .macro comi insn, mx
c_\insn\mx:
        vec_in
        movl $0x\mx, mxtmp(%rip)
        ldmxcsr mxtmp(%rip)
        \insn %xmm2, %xmm1
        pushfq
        popq %rdx
        andl $0x45, %edx
        stmxcsr mxtmp(%rip)
        movl mxtmp(%rip), %eax
        shll $16, %eax
        orl %eax, %edx
        movl $0x1f80, mxtmp(%rip)
        ldmxcsr mxtmp(%rip)
        vec_out
        ret
        entry "\insn mxcsr=\mx", c_\insn\mx, 0xffff00ff, 0
        .endm

/* CVT(T)SS2SI/CVT(T)SD2SI into \reg; MXCSR in %rdx. */
        .macro cvtsi insn, reg, mx
i_\@:
        vec_in
        movl $0x\mx, mxtmp(%rip)
        ldmxcsr mxtmp(%rip)
        xorl %eax, %eax
        \insn %xmm2, \reg
        stmxcsr mxtmp(%rip)
        movl mxtmp(%rip), %edx
        movq %rax, %r8
        movl $0x1f80, mxtmp(%rip)
        ldmxcsr mxtmp(%rip)
        ret
        entry "\insn \reg mxcsr=\mx", i_\@, 0xffff, 0
        .endm

/* CVTSI2SS/CVTSI2SD from \src (%esi or %rsi = b). */
        .macro cvt2f insn, src, mx
t_\@:
        vec_in
        movl $0x\mx, mxtmp(%rip)
        ldmxcsr mxtmp(%rip)
        \insn \src, %xmm1
        stmxcsr mxtmp(%rip)
        movl mxtmp(%rip), %edx
        movl $0x1f80, mxtmp(%rip)
        ldmxcsr mxtmp(%rip)
        vec_out
        ret
        entry "\insn \src mxcsr=\mx", t_\@, 0xffff, 0
        .endm

        .irp mx, 1fa0, 1fbf, 3fa2
        .irp op, addps, addpd, addss, addsd, subps, subpd, subss, subsd
        fop \op, \mx
        .endr
        .irp op, mulps, mulpd, mulss, mulsd, divps, divpd, divss, divsd
        fop \op, \mx
        .endr
        .irp op, sqrtps, sqrtpd, sqrtss, sqrtsd, minps, minpd, minss, minsd
        fop \op, \mx
        .endr
        .irp op, maxps, maxpd, maxss, maxsd, addsubps, addsubpd, haddps
        fop \op, \mx
        .endr
        .irp op, haddpd, hsubps, hsubpd, cvtps2pd, cvtpd2ps, cvtss2sd
        fop \op, \mx
        .endr
        .irp op, cvtsd2ss, cvtdq2ps, cvtps2dq, cvttps2dq, cvtdq2pd, cvtpd2dq
        fop \op, \mx
        .endr
        fop cvttpd2dq, \mx
        .irp p, 0, 1, 2, 3, 4, 5, 6, 7
        fop cmpps, \mx, \p
        fop cmpsd, \mx, \p
        .endr
        .irp op, addsd, subsd, mulsd, divsd, sqrtsd, minsd, maxsd
        fmem \op, \mx, 8
        .endr
        .irp op, addss, mulss, divss, sqrtss
        fmem \op, \mx, 4
        .endr
        .irp op, comiss, ucomiss, comisd, ucomisd
        comi \op, \mx
        .endr
        cvtsi cvtss2si, %eax, \mx
        cvtsi cvtsd2si, %rax, \mx
        cvtsi cvttss2si, %rax, \mx
        cvtsi cvttsd2si, %eax, \mx
        cvt2f cvtsi2ss, %esi, \mx
        cvt2f cvtsi2ss, %rsi, \mx
        cvt2f cvtsi2sd, %esi, \mx
        cvt2f cvtsi2sd, %rsi, \mx
        .endr

/* Bitwise, inline in TCG: register, memory, MMX, and the zeroing idiom. */
        .macro bop insn
b_\insn:
        vec_in
        \insn %xmm2, %xmm1
        vec_out
        ret
        entry "\insn", b_\insn, 0, 0
bm_\insn:
        vec_in
        movdqa %xmm2, vbuf(%rip)
        \insn vbuf(%rip), %xmm1
        vec_out
        ret
        entry "\insn m128", bm_\insn, 0, 0
        .endm
        .irp op, pand, pandn, por, pxor, andps, andnps, orps, xorps
        bop \op
        .endr
        .irp op, andpd, andnpd, orpd, xorpd
        bop \op
        .endr

        .macro bmmx insn
bx_\insn:
        movq %rdi, %mm1
        movq %rsi, %mm2
        \insn %mm2, %mm1
        movq %mm1, %rax
        movq %rdi, %mm2
        \insn %mm1, %mm2
        movq %mm2, %r8
        emms
        ret
        entry "\insn mm", bx_\insn, 0, 0
        .endm
        .irp op, pand, pandn, por, pxor
        bmmx \op
        .endr

        .macro bself insn
bs_\insn:
        vec_in
        \insn %xmm1, %xmm1
        \insn %xmm2, %xmm2
        por %xmm2, %xmm1
        vec_out
        ret
        entry "\insn self", bs_\insn, 0, 0
        .endm
        .irp op, pxor, xorps, xorpd
        bself \op
        .endr

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
msg_done:       .asciz "sse-sticky done\n"

        .section .bss
        .align 16
vbuf:           .skip 16
mxtmp:          .skip 4
