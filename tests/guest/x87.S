/* SPDX-License-Identifier: MIT */
/*
 * x87: proof by difference for the x87 FPU. At CPL3 in 64-bit mode (the
 * real CPU under this host's KVM) runs, over tables of edge values (±0,
 * ±denormals, smallest and largest normals, ±inf, QNaN, SNaN, the
 * indefinite, an unnormal, values that round differently):
 *
 * - FADD FSUB FSUBR FMUL FDIV FDIVR (register forms, D8 and DC/DE),
 *   FPREM FPREM1 FSCALE FYL2X FYL2XP1 FPATAN on every pair, and FSQRT
 *   FRNDINT FXTRACT F2XM1 FSIN FCOS FPTAN FSINCOS FCHS FABS FXAM FTST on
 *   every value, under every rounding control (RC 00-11) and precision
 *   control (PC 00, 10, 11);
 * - the memory forms: m32fp, m64fp, m16int, m32int operands; FLD and FST
 *   of m32/m64/m80 with rounding, overflow and underflow; FILD, FIST,
 *   FISTP, FISTTP (run regardless of CPUID, as bitops64 does POPCNT) of
 *   16-, 32- and 64-bit integers with out-of-range values; FBLD, FBSTP;
 * - FCOM FCOMP FUCOM FCOMI FUCOMI FCOMIP FUCOMIP: C0-C3, ZF PF CF;
 *   FCMOVcc under all eight conditions;
 * - stack overflow and underflow with IE masked (IE SF, C1), FXCH and
 *   FST of empty registers, FFREE, FINCSTP/FDECSTP;
 * - FNSTENV contents after an instruction (FCW FSW FTW FOP; the pointers
 *   checked against the instruction's address, FCS/FDS against CS/DS),
 *   FNSAVE/FRSTOR round trip, FLDCW, FNCLEX;
 * - an unmasked ZE: the divide by zero leaves the stack alone, sets ES
 *   and B, and the next FWAIT raises #MF (vector 16) at the FWAIT.
 *
 * Every case hashes its results (80-bit registers, memory, the status
 * word, EFLAGS where defined) into the group's FNV-1a; each group prints
 * "<name> n=<cases> fnv=<hash>" and a few cases in full.
 */

#define N80  24                 /* 80-bit edge values */

        .text
        .code32
        .globl test_main
test_main:
        call paging64_build
        pushl $kernel_setup
        pushl $user_main
        pushl %eax
        call user64_run

        .code64
/* CPL0: CR0.NE=1 (#MF, not FERR#), MP=1, EM=TS=0. */
kernel_setup:
        movq %cr0, %rax
        orq $0x22, %rax
        andq $~0xc, %rax
        movq %rax, %cr0
        ret

/* ---- the cases ------------------------------------------------------- */

/*
 * A stub: fninit, FCW = vcw, push vb then va (ST0 = a, ST1 = b), the
 * instruction, FSW to vsw, EFLAGS to vfl, then ST0 and ST1 to vr0 and
 * vr1 (an empty register stores the indefinite, IE masked).
 */
        .macro case name, body:vararg
\name:
        fninit
        fldcw vcw(%rip)
        fldt vb(%rip)
        fldt va(%rip)
        \body
        fnstsw vsw(%rip)
        pushfq
        popq vfl(%rip)
        fstpt vr0(%rip)
        fstpt vr1(%rip)
        ret
        .endm

        /* D8 forms: ST0 = ST0 op ST1 */
        case c_fadd, .byte 0xd8, 0xc1
        case c_fmul, .byte 0xd8, 0xc9
        case c_fsub, .byte 0xd8, 0xe1
        case c_fsubr, .byte 0xd8, 0xe9
        case c_fdiv, .byte 0xd8, 0xf1
        case c_fdivr, .byte 0xd8, 0xf9
        /* DC forms: ST1 = ST1 op ST0; DE: and pop */
        case c_fadd_dc, .byte 0xdc, 0xc1
        case c_fsub_dc, .byte 0xdc, 0xe9
        case c_fdivr_dc, .byte 0xdc, 0xf1
        case c_fsubp, .byte 0xde, 0xe9
        case c_fdivp, .byte 0xde, 0xf9
        case c_fmulp, .byte 0xde, 0xc9
        /* two operands, D9 */
        case c_fprem, fprem
        case c_fprem1, fprem1
        case c_fscale, fscale
        case c_fyl2x, fyl2x
        case c_fyl2xp1, fyl2xp1
        case c_fpatan, fpatan
        case c_fxch, fxch %st(1)
        /* one operand */
        case c_fsqrt, fsqrt
        case c_frndint, frndint
        case c_fxtract, fxtract
        case c_f2xm1, f2xm1
        case c_fsin, fsin
        case c_fcos, fcos
        case c_fptan, fptan
        case c_fsincos, fsincos
        case c_fchs, fchs
        case c_fabs, fabs
        case c_fxam, fxam
        case c_ftst, ftst
        /* compares; the ...p forms pop */
        case c_fcom, fcom %st(1)
        case c_fcomp, fcomp %st(1)
        case c_fucom, fucom %st(1)
        case c_fucompp, fucompp
        case c_fcomi, fcomi %st(1), %st
        case c_fucomi, fucomi %st(1), %st
        case c_fcomip, fcomip %st(1), %st
        case c_fucomip, fucomip %st(1), %st
        /* memory operands from vm (the low bytes of b's pattern) */
        case c_fadd_m32, fadds vm(%rip)
        case c_fmul_m64, fmull vm(%rip)
        case c_fdivr_m32, fdivrs vm(%rip)
        case c_fsub_m64, fsubl vm(%rip)
        case c_fcom_m32, fcoms vm(%rip)
        case c_fcomp_m64, fcompl vm(%rip)
        case c_fiadd_m16, fiadds vm(%rip)
        case c_fidiv_m32, fidivl vm(%rip)
        case c_ficom_m16, ficoms vm(%rip)
        case c_fld_m32, flds vm(%rip)
        case c_fld_m64, fldl vm(%rip)
        case c_fild_m16, filds vm(%rip)
        case c_fild_m32, fildl vm(%rip)
        case c_fild_m64, fildll vm(%rip)
        case c_fbld, fbld vm(%rip)
        /* stores of ST0 = a to vm (cleared first by the driver) */
        case c_fst_m32, fsts vm(%rip)
        case c_fstp_m64, fstpl vm(%rip)
        case c_fstp_m80, fstpt vm(%rip)
        case c_fist_m16, fists vm(%rip)
        case c_fistp_m32, fistpl vm(%rip)
        case c_fistp_m64, fistpll vm(%rip)
        case c_fisttp_m16, fisttps vm(%rip)
        case c_fisttp_m32, fisttpl vm(%rip)
        case c_fisttp_m64, fisttpll vm(%rip)
        case c_fbstp, fbstp vm(%rip)
        /* conditional moves: ST0 = ST1 if cc (EFLAGS = vfl_in on the call) */
        .macro fcmov_case cc
        case c_fcmov\cc, fcmov\cc %st(1), %st
        .endm
        fcmov_case b
        fcmov_case e
        fcmov_case be
        fcmov_case u
        fcmov_case nb
        fcmov_case ne
        fcmov_case nbe
        fcmov_case nu

/* ---- the driver ------------------------------------------------------ */

/*
 * A group: name, stub, kind, mask of the FCWs to use (bit i: cw_list[i]),
 * and sample stride. Kinds: 0 a x b over the 80-bit edges, 1 a only,
 * 2 a only with vm = b's low 8 bytes for b in the edges (memory loads),
 * 3 a only with vm cleared (stores); 4 pairs with EFLAGS in (vfl_in from
 * the flag list).
 */
        .macro group name, stub, kind, cws, stride
        .pushsection .rodata
9:      .asciz "\name"
        .popsection
        .pushsection .rodata.table, "a"
        .long 9b, \stub, \kind, \cws, \stride
        .popsection
        .endm

#define G_NAME 0
#define G_STUB 4
#define G_KIND 8
#define G_CWS 12
#define G_STRIDE 16
#define G_SIZE 20

#define ALL_CW 0xfff            /* RC 0-3 x PC 0, 2, 3 */
#define DEF_CW 0x001            /* 037FH */
#define RC_CW  0x00f            /* RC 0-3 with PC 11 */

        .pushsection .rodata.table, "a"
        .align 4
table_start:
        .popsection

        group "fadd st0,st1", c_fadd, 0, ALL_CW, 331
        group "fmul st0,st1", c_fmul, 0, ALL_CW, 331
        group "fsub st0,st1", c_fsub, 0, ALL_CW, 331
        group "fsubr st0,st1", c_fsubr, 0, ALL_CW, 0
        group "fdiv st0,st1", c_fdiv, 0, ALL_CW, 331
        group "fdivr st0,st1", c_fdivr, 0, ALL_CW, 0
        group "fadd st1,st0", c_fadd_dc, 0, RC_CW, 0
        group "fsub st1,st0", c_fsub_dc, 0, RC_CW, 0
        group "fdivr st1,st0", c_fdivr_dc, 0, RC_CW, 0
        group "fsubp", c_fsubp, 0, RC_CW, 0
        group "fdivp", c_fdivp, 0, RC_CW, 0
        group "fmulp", c_fmulp, 0, RC_CW, 0
        group "fprem", c_fprem, 0, RC_CW, 97
        group "fprem1", c_fprem1, 0, RC_CW, 97
        group "fscale", c_fscale, 0, ALL_CW, 0
        group "fyl2x", c_fyl2x, 0, RC_CW, 0
        group "fyl2xp1", c_fyl2xp1, 0, RC_CW, 0
        group "fpatan", c_fpatan, 0, RC_CW, 0
        group "fxch", c_fxch, 0, DEF_CW, 0
        group "fsqrt", c_fsqrt, 1, ALL_CW, 17
        group "frndint", c_frndint, 1, ALL_CW, 0
        group "fxtract", c_fxtract, 1, RC_CW, 0
        group "f2xm1", c_f2xm1, 1, ALL_CW, 0
        group "fsin", c_fsin, 1, RC_CW, 0
        group "fcos", c_fcos, 1, RC_CW, 0
        group "fptan", c_fptan, 1, RC_CW, 0
        group "fsincos", c_fsincos, 1, RC_CW, 0
        group "fchs", c_fchs, 1, DEF_CW, 0
        group "fabs", c_fabs, 1, DEF_CW, 0
        group "fxam", c_fxam, 1, DEF_CW, 5
        group "ftst", c_ftst, 1, DEF_CW, 0
        group "fcom", c_fcom, 0, DEF_CW, 0
        group "fcomp", c_fcomp, 0, DEF_CW, 0
        group "fucom", c_fucom, 0, DEF_CW, 0
        group "fucompp", c_fucompp, 0, DEF_CW, 0
        group "fcomi", c_fcomi, 0, DEF_CW, 61
        group "fucomi", c_fucomi, 0, DEF_CW, 0
        group "fcomip", c_fcomip, 0, DEF_CW, 0
        group "fucomip", c_fucomip, 0, DEF_CW, 0
        group "fadd m32", c_fadd_m32, 2, ALL_CW, 0
        group "fmul m64", c_fmul_m64, 2, ALL_CW, 0
        group "fdivr m32", c_fdivr_m32, 2, RC_CW, 0
        group "fsub m64", c_fsub_m64, 2, RC_CW, 0
        group "fcom m32", c_fcom_m32, 2, DEF_CW, 0
        group "fcomp m64", c_fcomp_m64, 2, DEF_CW, 0
        group "fiadd m16", c_fiadd_m16, 2, ALL_CW, 0
        group "fidiv m32", c_fidiv_m32, 2, RC_CW, 0
        group "ficom m16", c_ficom_m16, 2, DEF_CW, 0
        group "fld m32", c_fld_m32, 2, DEF_CW, 0
        group "fld m64", c_fld_m64, 2, DEF_CW, 0
        group "fild m16", c_fild_m16, 2, DEF_CW, 0
        group "fild m32", c_fild_m32, 2, DEF_CW, 0
        group "fild m64", c_fild_m64, 2, DEF_CW, 0
        group "fbld", c_fbld, 2, DEF_CW, 0
        group "fst m32", c_fst_m32, 3, RC_CW, 7
        group "fstp m64", c_fstp_m64, 3, RC_CW, 0
        group "fstp m80", c_fstp_m80, 3, DEF_CW, 0
        group "fist m16", c_fist_m16, 3, RC_CW, 0
        group "fistp m32", c_fistp_m32, 3, RC_CW, 0
        group "fistp m64", c_fistp_m64, 3, RC_CW, 7
        group "fisttp m16", c_fisttp_m16, 3, DEF_CW, 0
        group "fisttp m32", c_fisttp_m32, 3, DEF_CW, 0
        group "fisttp m64", c_fisttp_m64, 3, DEF_CW, 0
        group "fbstp", c_fbstp, 3, RC_CW, 0
        group "fcmovb", c_fcmovb, 4, DEF_CW, 0
        group "fcmove", c_fcmove, 4, DEF_CW, 0
        group "fcmovbe", c_fcmovbe, 4, DEF_CW, 0
        group "fcmovu", c_fcmovu, 4, DEF_CW, 0
        group "fcmovnb", c_fcmovnb, 4, DEF_CW, 0
        group "fcmovne", c_fcmovne, 4, DEF_CW, 0
        group "fcmovnbe", c_fcmovnbe, 4, DEF_CW, 0
        group "fcmovnu", c_fcmovnu, 4, DEF_CW, 0

        .pushsection .rodata.table, "a"
table_end:
        .popsection

/* hash_case: the stub's results into u_fnv; print them if %r15 says */
hash_case:
        movq vr0(%rip), %rdi
        call u_fnv_add
        movzwl vr0+8(%rip), %edi
        call u_fnv_add
        movq vr1(%rip), %rdi
        call u_fnv_add
        movzwl vr1+8(%rip), %edi
        call u_fnv_add
        movzwl vsw(%rip), %edi
        call u_fnv_add
        movq vm(%rip), %rdi
        call u_fnv_add
        movzwl vm+8(%rip), %edi
        call u_fnv_add
        movl vfl(%rip), %edi
        andl $0x8d5, %edi
        call u_fnv_add
        incq u_ncases_x87(%rip)
        testl %r15d, %r15d
        jz 1f
        movq u_ncases_x87(%rip), %rax
        xorl %edx, %edx
        divq %r15
        testq %rdx, %rdx
        jnz 1f
        call print_case
1:      ret

        .macro say label
        leaq \label(%rip), %rdi
        call u_puts
        .endm
        .macro hex var, digits
        movq \var, %rdi
        movl $\digits, %esi
        call u_puthex
        .endm

print_case:
        say msg_a
        hex va+8(%rip), 4
        hex va(%rip), 16
        say msg_b
        hex vb+8(%rip), 4
        hex vb(%rip), 16
        say msg_cw
        hex vcw(%rip), 4
        say msg_r
        hex vr0+8(%rip), 4
        hex vr0(%rip), 16
        say msg_r1
        hex vr1+8(%rip), 4
        hex vr1(%rip), 16
        say msg_m
        hex vm(%rip), 16
        say msg_sw
        hex vsw(%rip), 4
        say msg_fl
        movl vfl(%rip), %edi
        andl $0x8d5, %edi
        movl $3, %esi
        call u_puthex
        jmp u_nl

/* one_case: b index %r14 (for kinds 0, 2, 4), a index %r13 */
one_case:
        movl G_KIND(%r12), %eax
        movq %r13, %rcx
        shlq $4, %rcx
        leaq edges80(%rip), %rdx
        movq (%rdx,%rcx), %rsi
        movq %rsi, va(%rip)
        movq 8(%rdx,%rcx), %rsi
        movq %rsi, va+8(%rip)
        movq %r14, %rcx
        shlq $4, %rcx
        movq (%rdx,%rcx), %rsi
        movq %rsi, vb(%rip)
        movq 8(%rdx,%rcx), %rsi
        movq %rsi, vb+8(%rip)
        movq $0, vm(%rip)
        movq $0, vm+8(%rip)
        cmpl $2, %eax
        jne 1f
        /* memory loads: vm = the b'th entry of the memory patterns */
        leaq edges_mem(%rip), %rdx
        movq (%rdx,%rcx), %rsi
        movq %rsi, vm(%rip)
        movq 8(%rdx,%rcx), %rsi
        movq %rsi, vm+8(%rip)
1:      cmpl $4, %eax
        jne 2f
        leaq flags_list(%rip), %rdx
        movq %r14, %rcx
        andl $7, %ecx
        movq (%rdx,%rcx,8), %rsi
        movq %rsi, vfl_in(%rip)
2:      movq $0, vfl(%rip)
        movl G_STUB(%r12), %eax
        pushq vfl_in(%rip)
        popfq
        call *%rax
        jmp hash_case

/* run_group: the group at %r12, every FCW of its mask */
run_group:
        pushq %rbx
        pushq %r13
        pushq %r14
        pushq %r15
        call u_fnv_reset
        movq $0, u_ncases_x87(%rip)
        movl G_STRIDE(%r12), %r15d
        xorl %ebx, %ebx                 /* FCW index */
1:      movl G_CWS(%r12), %eax
        btl %ebx, %eax
        jnc 5f
        leaq cw_list(%rip), %rax
        movzwl (%rax,%rbx,2), %eax
        movw %ax, vcw(%rip)
        xorl %r13d, %r13d               /* a */
2:      xorl %r14d, %r14d               /* b */
3:      call one_case
        movl G_KIND(%r12), %eax
        cmpl $1, %eax
        je 4f
        cmpl $3, %eax
        je 4f
        incl %r14d
        cmpl $N80, %r14d
        jne 3b
4:      incl %r13d
        cmpl $N80, %r13d
        jne 2b
5:      incl %ebx
        cmpl $12, %ebx
        jne 1b
        movl G_NAME(%r12), %edi
        movq u_ncases_x87(%rip), %rsi
        call u_group_end
        popq %r15
        popq %r14
        popq %r13
        popq %rbx
        ret

/* ---- single checks ------------------------------------------------- */

/* print "<label> <16-bit value>" */
        .macro show label, value
        leaq \label(%rip), %rdi
        call u_puts
        movzwl \value, %edi
        movl $4, %esi
        call u_puthex
        call u_nl
        .endm

/*
 * A stored FCS/FDS: "0000" (Intel deprecates them), the segment
 * register's name if it equals that register (AMD stores them; under
 * PVM's KVM CPL3 reads the host's selectors, so the value itself would
 * differ), else the value.
 */
        .macro show_sel label, value, sreg, name
        leaq \label(%rip), %rdi
        call u_puts
        movzwl \value, %edi
        movw \sreg, %ax
        movzwl %ax, %eax
        testl %edi, %edi
        jz 91f
        cmpl %eax, %edi
        jne 91f
        leaq \name(%rip), %rdi
        call u_puts
        jmp 92f
91:     movl $4, %esi
        call u_puthex
92:     call u_nl
        .endm

/* Stack overflow and underflow, IE masked: IE SF, C1 = 1 / 0. */
stack_checks:
        fninit
        .rept 8
        fld1
        .endr
        fnstsw vsw(%rip)
        show msg_eight, vsw(%rip)
        fldpi                           /* ninth: overflow */
        fnstsw vsw(%rip)
        show msg_overflow, vsw(%rip)
        fstpt vr0(%rip)
        movq vr0(%rip), %rdi
        call u_puthex64
        call u_nl
        fninit
        fld1
        fadd %st(3), %st                /* ST3 empty: underflow */
        fnstsw vsw(%rip)
        show msg_underflow, vsw(%rip)
        fninit
        fxch %st(2)                     /* both empty */
        fnstsw vsw(%rip)
        show msg_fxch_empty, vsw(%rip)
        fnstenv venv(%rip)
        show msg_tw, venv+8(%rip)
        fninit
        fldz
        fld1
        ffree %st(1)
        fincstp
        fdecstp
        fdecstp
        fnstenv venv(%rip)
        show msg_ffree_sw, venv+4(%rip)
        show msg_ffree_tw, venv+8(%rip)
        fninit
        fstps vm(%rip)                  /* empty ST0 to memory */
        fnstsw vsw(%rip)
        show msg_st_empty, vsw(%rip)
        movl vm(%rip), %edi
        movl $8, %esi
        call u_puthex
        call u_nl
        ret

/* The environment after an arithmetic instruction with a memory operand. */
env_checks:
        movw %ss, %ax                   /* a nonzero DS, for FDS */
        movw %ax, %ds
        fninit
        movw $0x0e7f, vcw(%rip)         /* PC 10, RC 11 */
        fldcw vcw(%rip)
        fldpi
        fldz
        fld1
env_insn:
        fdivs one_third(%rip)
        fnstenv venv(%rip)
        show msg_fcw, venv(%rip)
        show msg_fsw, venv+4(%rip)
        show msg_ftw, venv+8(%rip)
        show msg_rsv, venv+2(%rip)
        show msg_fop, venv+18(%rip)
        show_sel msg_fcs, venv+16(%rip), %cs, name_cs
        show_sel msg_fds, venv+24(%rip), %ds, name_ds
        /* FIP/FDP compared with the instruction and its operand */
        leaq msg_fip(%rip), %rdi
        call u_puts
        leaq env_insn(%rip), %rax
        movl venv+12(%rip), %edi
        subl %eax, %edi
        movl $8, %esi
        call u_puthex
        call u_nl
        /* FDP: "none" if never set (Intel keeps it for masked
         * exceptions), else its offset from the operand. */
        leaq msg_fdp(%rip), %rdi
        call u_puts
        movl venv+20(%rip), %edi
        testl %edi, %edi
        jnz 1f
        leaq name_none(%rip), %rdi
        call u_puts
        jmp 2f
1:      leaq one_third(%rip), %rax
        subl %eax, %edi
        movl $8, %esi
        call u_puthex
2:      call u_nl
        /* FNSTENV masked everything */
        fnstcw vcw(%rip)
        show msg_after_env, vcw(%rip)
        /* FNSAVE/FRSTOR round trip */
        fninit
        fldpi
        fldl2e
        fchs
        fnsave vsave(%rip)
        fnstsw vsw(%rip)
        show msg_after_save, vsw(%rip)
        fnstcw vcw(%rip)
        show msg_fcw, vcw(%rip)
        call u_fnv_reset
        movl vsave(%rip), %edi
        call u_fnv_add
        movl vsave+4(%rip), %edi
        call u_fnv_add
        movl vsave+8(%rip), %edi
        call u_fnv_add
        leaq vsave+28(%rip), %rbx
        movl $10, %r13d
1:      movq (%rbx), %rdi
        call u_fnv_add
        addq $8, %rbx
        decl %r13d
        jnz 1b
        leaq msg_fnsave(%rip), %rdi
        movl $1, %esi
        call u_group_end
        frstor vsave(%rip)
        faddp
        fstpt vr0(%rip)
        fnstsw vsw(%rip)
        show msg_after_rstor, vsw(%rip)
        hex vr0+8(%rip), 4
        hex vr0(%rip), 16
        call u_nl
        /* FLDCW: reserved bits */
        movw $0, vcw(%rip)
        fldcw vcw(%rip)
        fnstcw vcw(%rip)
        show msg_fldcw0, vcw(%rip)
        movw $0xffff, vcw(%rip)
        fldcw vcw(%rip)
        fnstcw vcw(%rip)
        show msg_fldcwf, vcw(%rip)
        fninit
        ret

/* Unmasked ZE: no result, ES and B, #MF at the next waiting instruction. */
mf_wait:
        fninit
        movw $0x037b, vcw(%rip)
        fldcw vcw(%rip)
        fld1
        fldz
        fdivr %st(1), %st
        leaq 1f(%rip), %rax
        movq %rax, u_trap_resume(%rip)
        movq $-1, u_trap_vector(%rip)
mf_at:
        fwait
        nop
1:      leaq msg_mf(%rip), %rdi
        call u_puts
        movq u_trap_vector(%rip), %rdi
        movl $2, %esi
        call u_puthex
        leaq msg_mf_rip(%rip), %rdi
        call u_puts
        leaq mf_at(%rip), %rax
        movq u_trap_rip(%rip), %rdi
        subq %rax, %rdi
        movl $4, %esi
        call u_puthex
        call u_nl
        fnstsw vsw(%rip)
        show msg_mf_sw, vsw(%rip)
        fnclex
        fnstsw vsw(%rip)
        show msg_fnclex, vsw(%rip)
        /* an unmasked exception with a memory operand, trapping on a
         * waiting x87 instruction */
        fld1
mf_insn2:
        fdivs f32_zero(%rip)
        leaq 2f(%rip), %rax
        movq %rax, u_trap_resume(%rip)
        movq $-1, u_trap_vector(%rip)
mf_at2:
        fld1
2:      leaq msg_mf(%rip), %rdi
        call u_puts
        movq u_trap_vector(%rip), %rdi
        movl $2, %esi
        call u_puthex
        leaq msg_mf_rip(%rip), %rdi
        call u_puts
        leaq mf_at2(%rip), %rax
        movq u_trap_rip(%rip), %rdi
        subq %rax, %rdi
        movl $4, %esi
        call u_puthex
        call u_nl
        call show_pointers
        /* then an instruction without an exception */
        fnclex
        fld1
        call show_pointers
        fninit
        ret

/* FOP, and FIP/FDP relative to mf_insn2 and f32_zero */
show_pointers:
        fnstenv venv(%rip)
        fldenv venv(%rip)
        show msg_fop, venv+18(%rip)
        leaq msg_fip(%rip), %rdi
        call u_puts
        leaq mf_insn2(%rip), %rax
        movl venv+12(%rip), %edi
        subl %eax, %edi
        movl $8, %esi
        call u_puthex
        call u_nl
        leaq msg_fdp(%rip), %rdi
        call u_puts
        leaq f32_zero(%rip), %rax
        movl venv+20(%rip), %edi
        subl %eax, %edi
        movl $8, %esi
        call u_puthex
        jmp u_nl

user_main:
        leaq table_start(%rip), %r12
1:      leaq table_end(%rip), %rax
        cmpq %rax, %r12
        jae 2f
        call run_group
        addq $G_SIZE, %r12
        jmp 1b
2:      call stack_checks
        call env_checks
        call mf_wait
        leaq msg_done(%rip), %rdi
        call u_puts
        call u_exit

        .section .rodata
        .align 16
/* 80-bit edge values: significand, sign+exponent */
edges80:
        .quad 0x0000000000000000, 0x0000        /* +0 */
        .quad 0x0000000000000000, 0x8000        /* -0 */
        .quad 0x8000000000000000, 0x3fff        /* 1 */
        .quad 0x8000000000000000, 0xbfff        /* -1 */
        .quad 0xc000000000000000, 0x3fff        /* 1.5 */
        .quad 0xc90fdaa22168c235, 0x4000        /* pi */
        .quad 0xaaaaaaaaaaaaaaab, 0x3ffd        /* 1/3 */
        .quad 0xcccccccccccccccd, 0xbffb        /* -0.1 */
        .quad 0x8000000000000400, 0x3fff        /* 1 + 2^-53: rounds by PC */
        .quad 0x8000008000000001, 0x3fff        /* 1 + 2^-24 + 2^-63 */
        .quad 0xfffffffffffffffe, 0x403d        /* just below 2^63 */
        .quad 0xc000000000000000, 0x4037        /* 1.5 * 2^56 */
        .quad 0xa000000000000000, 0x4001        /* 5 */
        .quad 0xb000000000000000, 0xc002        /* -11 */
        .quad 0xffffffffffffffff, 0x7ffe        /* largest */
        .quad 0x8000000000000000, 0x0001        /* smallest normal */
        .quad 0x0000000000000001, 0x0000        /* smallest denormal */
        .quad 0x4000000000000000, 0x8000        /* -denormal */
        .quad 0x8000000000000000, 0x7fff        /* +inf */
        .quad 0x8000000000000000, 0xffff        /* -inf */
        .quad 0xc000000000000001, 0x7fff        /* QNaN */
        .quad 0x8000000000000001, 0xffff        /* -SNaN */
        .quad 0xc000000000000000, 0xffff        /* indefinite */
        .quad 0x4000000000000000, 0x3fff        /* unnormal */
/* memory operands by b index: f32/f64/int/BCD patterns in the low bytes */
edges_mem:
        .quad 0x0000000000000000, 0
        .quad 0x0000000080000000, 0             /* f32 -0 */
        .quad 0x000000003f800000, 0             /* f32 1 */
        .quad 0x00000000007fffff, 0             /* f32 max denormal */
        .quad 0x000000007f7fffff, 0             /* f32 max */
        .quad 0x000000007f800000, 0             /* f32 inf */
        .quad 0x000000007fc00001, 0             /* f32 QNaN */
        .quad 0x000000007f800001, 0             /* f32 SNaN */
        .quad 0x3ff0000000000001, 0             /* f64 1 + ulp */
        .quad 0x000fffffffffffff, 0             /* f64 denormal */
        .quad 0x7ff0000000000001, 0             /* f64 SNaN */
        .quad 0xfff8000000000000, 0             /* f64 indefinite */
        .quad 0x7fefffffffffffff, 0             /* f64 max */
        .quad 0x0000000000008000, 0             /* int16 min */
        .quad 0x000000000000ffff, 0             /* -1 */
        .quad 0x0000000080000000, 0             /* int32 min */
        .quad 0x8000000000000000, 0             /* int64 min */
        .quad 0x7fffffffffffffff, 0             /* int64 max */
        .quad 0x0000000000012345, 0             /* BCD 12345 */
        .quad 0x9999999999999999, 0x0099        /* BCD max */
        .quad 0x0000000000000001, 0x8000        /* BCD -1 */
        .quad 0x00000000000000fa, 0             /* invalid BCD digit */
        .quad 0x3fb999999999999a, 0             /* f64 0.1 */
        .quad 0x00000000c0490fdb, 0             /* f32 -pi */
/* FCWs: PC 11/10/00 x RC 00/01/10/11, all exceptions masked */
cw_list:
        .word 0x037f, 0x077f, 0x0b7f, 0x0f7f
        .word 0x027f, 0x067f, 0x0a7f, 0x0e7f
        .word 0x007f, 0x047f, 0x087f, 0x0c7f
/* EFLAGS for FCMOVcc: CF ZF PF combinations */
flags_list:
        .quad 0x002, 0x003, 0x042, 0x043, 0x006, 0x007, 0x046, 0x047
one_third:
        .long 0x3eaaaaab                        /* f32 1/3 */
f32_zero:
        .long 0

msg_a:          .asciz "  a="
msg_b:          .asciz " b="
msg_cw:         .asciz " cw="
msg_r:          .asciz " r="
msg_r1:         .asciz " r1="
msg_m:          .asciz " m="
msg_sw:         .asciz " sw="
msg_fl:         .asciz " fl="
msg_eight:      .asciz "eight pushes sw="
msg_overflow:   .asciz "overflow sw="
msg_underflow:  .asciz "underflow sw="
msg_fxch_empty: .asciz "fxch empty sw="
msg_tw:         .asciz "  tw="
msg_ffree_sw:   .asciz "ffree/fincstp/fdecstp sw="
msg_ffree_tw:   .asciz "  tw="
msg_st_empty:   .asciz "fst m32 of empty sw="
msg_fcw:        .asciz "env fcw="
msg_fsw:        .asciz "env fsw="
msg_ftw:        .asciz "env ftw="
msg_rsv:        .asciz "env fcw upper="
msg_fop:        .asciz "env fop="
msg_fcs:        .asciz "env fcs="
msg_fds:        .asciz "env fds="
msg_fip:        .asciz "env fip-insn="
msg_fdp:        .asciz "env fdp-operand="
msg_after_env:  .asciz "fcw after fnstenv="
msg_after_save: .asciz "fsw after fnsave="
msg_fnsave:     .asciz "fnsave image"
name_cs:        .asciz "cs"
name_ds:        .asciz "ds"
name_none:      .asciz "none"
msg_after_rstor: .asciz "frstor+faddp sw="
msg_fldcw0:     .asciz "fldcw 0000 reads "
msg_fldcwf:     .asciz "fldcw ffff reads "
msg_ze_sw:      .asciz "unmasked ZE sw="
msg_mf:         .asciz "#MF vector="
msg_mf_rip:     .asciz " rip-insn="
msg_mf_sw:      .asciz "after #MF sw="
msg_fnclex:     .asciz "after fnclex sw="
msg_done:       .asciz "x87 done\n"

        .section .bss
        .align 16
va:             .skip 16
vb:             .skip 16
vr0:            .skip 16
vr1:            .skip 16
vm:             .skip 16
venv:           .skip 32
vsave:          .skip 112
vsw:            .skip 8
vcw:            .skip 8
vfl:            .skip 8
vfl_in:         .skip 8
u_ncases_x87:   .skip 8
