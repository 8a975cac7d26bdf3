/* SPDX-License-Identifier: MIT */
/*
 * bitops64: proof by difference for the rest of the integer instructions,
 * at CPL3 in 64-bit mode over edge and xorshift64 values: BT BTS BTR BTC
 * (register and immediate offsets, register and memory operands, memory
 * bit strings reaching 32 bytes either side of the operand), BSF BSR,
 * LZCNT TZCNT POPCNT, BSWAP, all 16 conditions of
 * SETcc, CMOVcc and Jcc (short and near) under flags taken from a, XCHG
 * XADD CMPXCHG (success and failure) CMPXCHG8B CMPXCHG16B, MOVZX MOVSX
 * MOVSXD CBW CWDE CDQE CWD CDQ CQO, LEA in every addressing form, LAHF
 * SAHF, CLC STC CMC CLD STD, PUSHF/POPF of the arithmetic flags and DF.
 *
 * Flags are masked to what the SDM (vol. 2) defines: BT* define CF and
 * keep ZF; BSF/BSR define ZF only; LZCNT/TZCNT define ZF and CF. BSF/BSR
 * of zero leave the destination "undefined" per Intel's manual; AMD
 * documents it as unchanged; the expected output records what the real
 * CPU (here an Intel Xeon under KVM) does, which is unchanged, for every
 * size. POPF at CPL3 is limited to the arithmetic flags and DF: under
 * this host's KVM (PVM) user code runs with the host's RFLAGS.IF set and
 * the host's CR0.AM, so IF and AC would read differently from a CPU that
 * follows the guest's own state.
 */

#define FLAGS_ALL 0x8d5
#define N_EDGE    32
#define U_R2      1

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
        .endm
        .macro flags_out
        pushfq
        popq %rdx
        .endm

        .macro entry name, stub, mask, nb, stride, opts=0
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

        .pushsection .rodata.table, "a"
        .align 4
table_start:
        .popsection

/* ---- BT BTS BTR BTC ---- */

/*
 * Memory forms work on `bits`, 80 bytes filled from a; the register bit
 * offset is (b & 0x1ff) - 0x100, so the operand may lie 32 bytes before
 * or after bits_mid. The result is a fold of the whole buffer.
 */
fill_bits:
        leaq bits(%rip), %r9
        movq %rdi, %rcx
        movl $10, %eax
1:      movq %rcx, (%r9)
        rolq $7, %rcx
        xorq %rax, %rcx
        addq $8, %r9
        decl %eax
        jnz 1b
        movq %rsi, %rcx
        andl $0x1ff, %ecx
        subq $0x100, %rcx
        ret

/* fold_bits: %rax = the buffer folded; keeps %rdx and %r8 */
fold_bits:
        leaq bits(%rip), %r9
        xorl %eax, %eax
        movl $10, %ecx
1:      rolq $5, %rax
        xorq (%r9), %rax
        addq $8, %r9
        decl %ecx
        jnz 1b
        ret

        .macro bt_size op, sz, rs, ra, rc, imm
\op\()_\sz\()_rr:
        movq %rdi, %rax
        flags_in
        \op\sz \rs, \ra
        flags_out
        ret
\op\()_\sz\()_ri:
        movq %rdi, %rax
        flags_in
        \op\sz $\imm, \ra
        flags_out
        ret
\op\()_\sz\()_mr:
        call fill_bits
        flags_in
        \op\sz \rc, bits_mid(%rip)
        flags_out
        movq %rcx, %r8
        jmp fold_bits
\op\()_\sz\()_mi:
        call fill_bits
        flags_in
        \op\sz $\imm, bits_mid(%rip)
        flags_out
        jmp fold_bits
        entry "\op\().\sz r,r", \op\()_\sz\()_rr, 0x41, 1, 487
        entry "\op\().\sz r,$\imm", \op\()_\sz\()_ri, 0x41, 0, 0
        entry "\op\().\sz m,r", \op\()_\sz\()_mr, 0x41, 1, 0, U_R2
        entry "\op\().\sz m,$\imm", \op\()_\sz\()_mi, 0x41, 0, 0
        .endm

        .irp op, bt, bts, btr, btc
        bt_size \op, w, %si, %ax, %cx, 19
        bt_size \op, l, %esi, %eax, %ecx, 35
        bt_size \op, q, %rsi, %rax, %rcx, 67
        .endr

/* ---- BSF BSR, BSWAP, and (CPUID permitting) the table at cnt_start ---- */

        .macro scan_size op, sz, rs, ra, mask
\op\()_\sz\()_r:
        movq %rdi, %rax
        flags_in
        \op\sz \rs, \ra
        flags_out
        ret
\op\()_\sz\()_m:
        movq %rsi, cell(%rip)
        movq %rdi, %rax
        flags_in
        \op\sz cell(%rip), \ra
        flags_out
        ret
        entry "\op\().\sz r", \op\()_\sz\()_r, \mask, 1, 487
        entry "\op\().\sz m", \op\()_\sz\()_m, \mask, 1, 0
        .endm

        .irp op, bsf, bsr
        scan_size \op, w, %si, %ax, 0x40
        scan_size \op, l, %esi, %eax, 0x40
        scan_size \op, q, %rsi, %rax, 0x40
        .endr

/*
 * Zero source: ZF=1 and the destination (a) left as it was, all 64 bits
 * of it even for the 32-bit forms, on this CPU.
 */
        .macro scan_zero op, sz, rs, ra
\op\()_\sz\()_zero:
        movq %rdi, %rax
        xorl %esi, %esi
        flags_in
        \op\sz \rs, \ra
        flags_out
        ret
        entry "\op\().\sz zero source", \op\()_\sz\()_zero, 0x40, 0, 116
        .endm
        .irp op, bsf, bsr
        scan_zero \op, w, %si, %ax
        scan_zero \op, l, %esi, %eax
        scan_zero \op, q, %rsi, %rax
        .endr

bswap_l:
        movq %rdi, %rax
        flags_in
        bswap %eax
        flags_out
        ret
bswap_q:
        movq %rdi, %rax
        flags_in
        bswap %rax
        flags_out
        ret
bswap_r11:
        movq %rdi, %r11
        flags_in
        bswap %r11
        flags_out
        movq %r11, %rax
        ret
        entry "bswap.l", bswap_l, FLAGS_ALL, 0, 61
        entry "bswap.q", bswap_q, FLAGS_ALL, 0, 0
        entry "bswap.q r11", bswap_r11, FLAGS_ALL, 0, 0

/* ---- SETcc, CMOVcc, Jcc: flags from a, every condition, folded ---- */

        .macro flags_from_a
        movq %rdi, %rcx
        andl $FLAGS_ALL, %ecx
        pushq %rcx
        popfq
        .endm

/* fold16: %rax = the 16 qwords at conds folded; keeps %rdx */
fold16:
        leaq conds(%rip), %r9
        xorl %eax, %eax
        movl $16, %ecx
1:      rolq $9, %rax
        xorq (%r9), %rax
        addq $8, %r9
        decl %ecx
        jnz 1b
        ret

setcc_r:
        leaq conds(%rip), %r9
        flags_from_a
        .irp cc, o, no, b, ae, e, ne, be, a, s, ns, p, np, l, ge, le, g
        movq $-1, %rax
        set\cc %al
        movq %rax, (%r9)
        leaq 8(%r9), %r9
        .endr
        flags_out
        jmp fold16
        entry "setcc r", setcc_r, FLAGS_ALL, 0, 29

setcc_m:
        leaq conds(%rip), %r9
        flags_from_a
        .irp cc, o, no, b, ae, e, ne, be, a, s, ns, p, np, l, ge, le, g
        movq %rdi, (%r9)
        set\cc (%r9)
        leaq 8(%r9), %r9
        .endr
        flags_out
        jmp fold16
        entry "setcc m", setcc_m, FLAGS_ALL, 0, 0

        .macro cmov_size sz, rs, rd
cmov_\sz\()_r:
        leaq conds(%rip), %r9
        flags_from_a
        .irp cc, o, no, b, ae, e, ne, be, a, s, ns, p, np, l, ge, le, g
        movq %rdi, %r10
        notq %r10
        cmov\cc \rs, \rd
        movq %r10, (%r9)
        leaq 8(%r9), %r9
        .endr
        flags_out
        jmp fold16
cmov_\sz\()_m:
        movq %rsi, cell(%rip)
        leaq conds(%rip), %r9
        flags_from_a
        .irp cc, o, no, b, ae, e, ne, be, a, s, ns, p, np, l, ge, le, g
        movq %rdi, %r10
        notq %r10
        cmov\cc cell(%rip), \rd
        movq %r10, (%r9)
        leaq 8(%r9), %r9
        .endr
        flags_out
        jmp fold16
        entry "cmovcc.\sz r", cmov_\sz\()_r, FLAGS_ALL, 1, 487
        entry "cmovcc.\sz m", cmov_\sz\()_m, FLAGS_ALL, 1, 0
        .endm
        cmov_size w, %si, %r10w
        cmov_size l, %esi, %r10d
        cmov_size q, %rsi, %r10

jcc_short:
        leaq conds(%rip), %r9
        flags_from_a
        .irp cc, o, no, b, ae, e, ne, be, a, s, ns, p, np, l, ge, le, g
        movq $0, (%r9)
        j\cc 1f
        movq $1, (%r9)
1:      leaq 8(%r9), %r9
        .endr
        flags_out
        jmp fold16
jcc_near:
        leaq conds(%rip), %r9
        flags_from_a
        .irp cc, o, no, b, ae, e, ne, be, a, s, ns, p, np, l, ge, le, g
        movq $0, (%r9)
        {disp32} j\cc 1f
        movq $1, (%r9)
1:      leaq 8(%r9), %r9
        .endr
        flags_out
        jmp fold16
        entry "jcc short", jcc_short, FLAGS_ALL, 0, 29
        entry "jcc near", jcc_near, FLAGS_ALL, 0, 0

/* ---- XCHG XADD CMPXCHG: %rax and the other operand (in %r8) ---- */

/* CMPXCHG with memory destination, plain and locked. */
        .macro cmpxchg_mem1 sz, r10, v, lk
cmpxchg_\sz\()_\lk\()_\v:
        movq %rdi, %rax
        .ifc \v, eq
        movq %rdi, cell(%rip)
        .else
        movq %rsi, cell(%rip)
        .endif
        movq %rdi, %r10
        notq %r10
        flags_in
        .ifc \lk, lk
        lock cmpxchg\sz \r10, cell(%rip)
        .else
        cmpxchg\sz \r10, cell(%rip)
        .endif
        flags_out
        movq cell(%rip), %r8
        ret
        entry "cmpxchg.\sz \lk \v", cmpxchg_\sz\()_\lk\()_\v, FLAGS_ALL, 1, 0, U_R2
        .endm
        .macro cmpxchg_mem sz, r10
        cmpxchg_mem1 \sz, \r10, eq, m
        cmpxchg_mem1 \sz, \r10, ne, m
        cmpxchg_mem1 \sz, \r10, eq, lk
        cmpxchg_mem1 \sz, \r10, ne, lk
        .endm

        .macro cmpxchg_reg sz, r10, r9
        .irp v, eq, ne
cmpxchg_\sz\()_r\v:
        movq %rdi, %rax
        .ifc \v, eq
        movq %rdi, %r9
        .else
        movq %rsi, %r9
        .endif
        movq %rdi, %r10
        notq %r10
        flags_in
        cmpxchg\sz \r10, \r9
        flags_out
        movq %r9, %r8
        ret
        entry "cmpxchg.\sz r \v", cmpxchg_\sz\()_r\v, FLAGS_ALL, 1, 487, U_R2
        .endr
        .endm

        .macro xchg_only sz, rs, ra, r9, r10
xchg_\sz\()_rr:
        movq %rdi, %rax
        movq %rsi, %r9
        flags_in
        xchg\sz \r9, \ra
        flags_out
        movq %r9, %r8
        ret
xchg_\sz\()_rm:
        movq %rsi, cell(%rip)
        movq %rdi, %rax
        flags_in
        xchg\sz cell(%rip), \ra
        flags_out
        movq cell(%rip), %r8
        ret
xadd_\sz\()_rr:
        movq %rdi, %rax
        movq %rsi, %r9
        flags_in
        xadd\sz \r9, \ra
        flags_out
        movq %r9, %r8
        ret
xadd_\sz\()_mr:
        movq %rdi, cell(%rip)
        movq %rsi, %rax
        flags_in
        xadd\sz \ra, cell(%rip)
        flags_out
        movq cell(%rip), %r8
        ret
xadd_\sz\()_lk:
        movq %rdi, cell(%rip)
        movq %rsi, %rax
        flags_in
        lock xadd\sz \ra, cell(%rip)
        flags_out
        movq cell(%rip), %r8
        ret
        entry "xchg.\sz r,r", xchg_\sz\()_rr, FLAGS_ALL, 1, 487, U_R2
        entry "xchg.\sz r,m", xchg_\sz\()_rm, FLAGS_ALL, 1, 0, U_R2
        entry "xadd.\sz r,r", xadd_\sz\()_rr, FLAGS_ALL, 1, 487, U_R2
        entry "xadd.\sz m,r", xadd_\sz\()_mr, FLAGS_ALL, 1, 0, U_R2
        entry "xadd.\sz lock m,r", xadd_\sz\()_lk, FLAGS_ALL, 1, 0, U_R2
        cmpxchg_reg \sz, \r10, \r9
        .endm

        xchg_only b, %sil, %al, %r9b, %r10b
        xchg_only w, %si, %ax, %r9w, %r10w
        xchg_only l, %esi, %eax, %r9d, %r10d
        xchg_only q, %rsi, %rax, %r9, %r10
        cmpxchg_mem b, %r10b
        cmpxchg_mem w, %r10w
        cmpxchg_mem l, %r10d
        cmpxchg_mem q, %r10

/*
 * CMPXCHG8B/16B: EDX:EAX (RDX:RAX) = a and ~a, memory equal ("eq") or
 * b and a ("ne"), ECX:EBX (RCX:RBX) = b and ~b. Result: %rax, %rdx and
 * the memory folded into %r8.
 */
        .macro cx8 name, insn, lock
\name\()_eq:
        pushq %rbx
        movq %rdi, %rax
        movq %rdi, %r11
        notq %r11
        movq %rax, cell16(%rip)
        movq %r11, cell16 + 8(%rip)
        .ifc \insn, cmpxchg8b
        movl %eax, cell16(%rip)
        movl %r11d, cell16 + 4(%rip)
        .endif
        jmp 1f
\name\()_ne:
        pushq %rbx
        movq %rdi, %rax
        movq %rdi, %r11
        notq %r11
        movq %rsi, cell16(%rip)
        movq %rdi, cell16 + 8(%rip)
1:      movq %rdx, %r10
        movq %r11, %rdx
        movq %rsi, %rbx
        movq %rsi, %rcx
        notq %rcx
        pushq %r10
        popfq
        \lock \insn cell16(%rip)
        pushfq
        popq %r10
        movq cell16(%rip), %r8
        rolq $17, %r8
        xorq cell16 + 8(%rip), %r8
        rolq $23, %r8
        xorq %rdx, %r8
        movq %r10, %rdx
        popq %rbx
        ret
        entry "\name eq", \name\()_eq, FLAGS_ALL, 1, 487, U_R2
        entry "\name ne", \name\()_ne, FLAGS_ALL, 1, 487, U_R2
        .endm
        cx8 cmpxchg8b, cmpxchg8b,
        cx8 lock_cmpxchg8b, cmpxchg8b, lock
        cx8 cmpxchg16b, cmpxchg16b,
        cx8 lock_cmpxchg16b, cmpxchg16b, lock

/* ---- MOVZX MOVSX MOVSXD and the accumulator extensions ---- */

        .macro ext name, insn, src, dst, msrc
\name\()_r:
        movq %rdi, %rsi
        movq %rdi, %rax
        notq %rax
        flags_in
        \insn \src, \dst
        flags_out
        ret
\name\()_m:
        movq %rdi, cell(%rip)
        movq %rdi, %rax
        notq %rax
        flags_in
        \insn cell(%rip), \dst
        flags_out
        ret
        entry "\name r", \name\()_r, FLAGS_ALL, 0, 61
        entry "\name m", \name\()_m, FLAGS_ALL, 0, 0
        .endm
        ext movzbw, movzbw, %sil, %ax
        ext movzbl, movzbl, %sil, %eax
        ext movzbq, movzbq, %sil, %rax
        ext movzwl, movzwl, %si, %eax
        ext movzwq, movzwq, %si, %rax
        ext movsbw, movsbw, %sil, %ax
        ext movsbl, movsbl, %sil, %eax
        ext movsbq, movsbq, %sil, %rax
        ext movswl, movswl, %si, %eax
        ext movswq, movswq, %si, %rax
        ext movslq, movslq, %esi, %rax

/* MOVSXD without REX.W (63 /r as a 32- and a 16-bit move), by bytes. */
movsxd32:
        movq %rdi, %rsi
        movq %rdi, %rax
        notq %rax
        flags_in
        .byte 0x63, 0xc6                /* movsxd %esi, %eax */
        flags_out
        ret
movsxd16:
        movq %rdi, %rsi
        movq %rdi, %rax
        notq %rax
        flags_in
        .byte 0x66, 0x63, 0xc6          /* movsxd %si, %ax */
        flags_out
        ret
        entry "movsxd r32", movsxd32, FLAGS_ALL, 0, 0
        entry "movsxd r16", movsxd16, FLAGS_ALL, 0, 0

        .macro acc name, insn
\name:
        movq %rdi, %rax
        movq %rdi, %rdx
        notq %rdx
        movq %rdx, %r8
        movq %rdi, %rdx
        andl $FLAGS_ALL, %edx
        pushq %rdx
        popfq
        movq %r8, %rdx
        \insn
        movq %rdx, %r8
        flags_out
        ret
        entry "\name", \name, FLAGS_ALL, 0, 0, U_R2
        .endm
        acc cbw, cbtw
        acc cwde, cwtl
        acc cdqe, cltq
        acc cwd, cwtd
        acc cdq, cltd
        acc cqo, cqto

/* ---- LEA: base a (%rdi, or %r12/%r13 moved from it), index b ---- */

        .macro lea_form name, dst, expr:vararg
lea_\name:
        pushq %r12
        pushq %r13
        movq %rdi, %r12
        movq %rdi, %r13
        movq %rdi, %rax
        notq %rax
        flags_in
        lea \expr, \dst
        flags_out
        popq %r13
        popq %r12
        ret
        entry "lea \expr, \dst", lea_\name, FLAGS_ALL, 1, 0
        .endm
        lea_form b, %rax, (%rdi)
        lea_form bd8, %rax, 0x7f(%rdi)
        lea_form bd8n, %rax, -0x80(%rdi)
        lea_form bd32, %rax, 0x12345678(%rdi)
        lea_form bd32n, %rax, -0x789abcdf(%rdi)
        lea_form bi, %rax, (%rdi,%rsi)
        lea_form bi2, %rax, 1(%rdi,%rsi,2)
        lea_form bi4, %rax, -0x40(%rdi,%rsi,4)
        lea_form bi8, %rax, 0x40000000(%rdi,%rsi,8)
        lea_form i8, %rax, 0x1000(,%rsi,8)
        lea_form i1, %rax, -5(,%rsi,1)
        lea_form r12, %rax, (%r12)
        lea_form r13, %rax, (%r13)
        lea_form r12i, %rax, 8(%r12,%rsi,4)
        lea_form r13i, %rax, (%r13,%rsi,2)
        lea_form a32, %rax, 0x10(%edi,%esi,4)
        lea_form a32n, %rax, -0x10(%edi)
        lea_form a32i, %rax, 0x7fffffff(,%esi,8)
        lea_form l32, %eax, 0x10(%rdi,%rsi,4)
        lea_form w16, %ax, 0x10(%rdi,%rsi,4)
        lea_form w16a32, %ax, 0x1234(%edi,%esi,2)

/* RIP-relative LEA, reported relative to the label it names. */
lea_rip:
        movq %rdi, %rax
        flags_in
        leaq lea_rip + 0x1234(%rip), %rax
        flags_out
        leaq lea_rip(%rip), %rcx
        subq %rcx, %rax
        ret
        entry "lea rip", lea_rip, FLAGS_ALL, 0, 0

/* ---- LAHF SAHF, CLC STC CMC CLD STD, PUSHF/POPF ---- */

sahf_lahf:
        movq %rdi, %rax
        flags_in
        sahf
        pushfq
        popq %r8
        andl $0xcd5, %r8d
        movb $0x5a, %ah
        lahf
        flags_out
        ret
        entry "sahf lahf", sahf_lahf, FLAGS_ALL, 0, 61, U_R2

flag_ops:
        leaq conds(%rip), %r9
        movq %rdi, %rcx
        andl $FLAGS_ALL, %ecx
        pushq %rcx
        popfq
        .irp insn, clc, stc, cmc, cmc, std, cld, stc, cmc
        \insn
        pushfq
        popq %rcx
        andl $0xcd5, %ecx
        movq %rcx, (%r9)
        leaq 8(%r9), %r9
        .endr
        .rept 8
        movq $0, (%r9)
        leaq 8(%r9), %r9
        .endr
        flags_out
        jmp fold16
        entry "clc stc cmc cmc std cld stc cmc", flag_ops, FLAGS_ALL, 0, 0

popf_pushf:
        movq %rdi, %rcx
        andl $0xcd5, %ecx
        pushq %rcx
        popfq
        pushfq
        popq %rax
        cld
        andl $0xcd5, %eax
        flags_out
        ret
popfw_pushfw:
        movq %rdi, %rcx
        andl $0xcd5, %ecx
        pushw %cx
        popfw
        pushfw
        popw %ax
        cld
        andl $0xcd5, %eax
        flags_out
        ret
        entry "popfq pushfq", popf_pushf, FLAGS_ALL, 0, 0
        entry "popfw pushfw", popfw_pushfw, FLAGS_ALL, 0, 0

        .pushsection .rodata.table, "a"
table_end:
        .popsection

/* ---- LZCNT TZCNT POPCNT: their own tables ---- */

        .macro cnt_table name
        .pushsection .rodata.table, "a"
\name\()_start:
        .popsection
        .endm
        .macro cnt_end name
        .pushsection .rodata.table, "a"
\name\()_end:
        .popsection
        .endm

        cnt_table lzcnt
        .irp op, lzcnt
        scan_size \op, w, %si, %ax, 0x41
        scan_size \op, l, %esi, %eax, 0x41
        scan_size \op, q, %rsi, %rax, 0x41
        .endr
        cnt_end lzcnt
        cnt_table tzcnt
        .irp op, tzcnt
        scan_size \op, w, %si, %ax, 0x41
        scan_size \op, l, %esi, %eax, 0x41
        scan_size \op, q, %rsi, %rax, 0x41
        .endr
        cnt_end tzcnt
        cnt_table popcnt
        .irp op, popcnt
        scan_size \op, w, %si, %ax, FLAGS_ALL
        scan_size \op, l, %esi, %eax, FLAGS_ALL
        scan_size \op, q, %rsi, %rax, FLAGS_ALL
        .endr
        cnt_end popcnt

/* ---- the driver, at CPL3 ---- */

/* run_if(leaf, reg index 0-3 = eax..edx, bit, start, end, name) */
        .macro run_if leaf, reg, bit, name
        movl $\leaf, %eax
        xorl %ecx, %ecx
        pushq %rbx
        cpuid
        movl %ebx, %r8d
        popq %rbx
        .if \reg == 1
        movl %r8d, %eax
        .endif
        .if \reg == 2
        movl %ecx, %eax
        .endif
        .if \reg == 3
        movl %edx, %eax
        .endif
        btl $\bit, %eax
        jnc 1f
        leaq \name\()_start(%rip), %rdi
        leaq \name\()_end(%rip), %rsi
        call u_run_groups
        jmp 2f
1:      leaq msg_\name(%rip), %rdi
        call u_puts
2:
        .endm

        .macro run_all name
        leaq \name\()_start(%rip), %rdi
        leaq \name\()_end(%rip), %rsi
        call u_run_groups
        .endm

user_main:
        leaq table_start(%rip), %rdi
        leaq table_end(%rip), %rsi
        call u_run_groups
        /*
         * LZCNT, TZCNT and POPCNT run whatever CPUID says: at CPL3 this
         * host's KVM (PVM) answers CPUID with the host's own bits, not
         * the -cpu model's, so gating on it would make the output depend
         * on the host. The real CPU executes all three here, and so does
         * the translator.
         */
        run_all lzcnt
        run_all tzcnt
        run_all popcnt
        leaq msg_done(%rip), %rdi
        call u_puts
        call u_exit

        .section .rodata
msg_lzcnt:      .asciz "lzcnt: not supported (CPUID.80000001H:ECX.ABM = 0)\n"
msg_tzcnt:      .asciz "tzcnt: not supported (CPUID.07H:EBX.BMI1 = 0)\n"
msg_popcnt:     .asciz "popcnt: not supported (CPUID.01H:ECX.POPCNT = 0)\n"
msg_done:       .asciz "bitops64 done\n"

        .section .bss
        .align 16
cell16:         .skip 16
cell:           .skip 8
bits:           .skip 40
bits_mid:       .skip 40
conds:          .skip 16 * 8
