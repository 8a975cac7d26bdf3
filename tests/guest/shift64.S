/* SPDX-License-Identifier: MIT */
/*
 * shift64: proof by difference for shifts and rotates. At CPL3 in 64-bit
 * mode runs SHL SHR SAR ROL ROR RCL RCR at 8, 16, 32 and 64 bits and SHLD
 * SHRD at 16, 32 and 64 bits, by CL (register and memory destination)
 * over counts 0, 1, 7..9, 15..17, 31..33, 63..65 and 255 and over random
 * counts, and by every immediate count in 0, 1, size-1, size, size+1, 31,
 * 63, 255; plus the C1 /r ib encoding of a shift by 1 (GAS picks D1) and
 * the /6 alias of SHL at 32 bits.
 *
 * Flags are compared where the SDM (vol. 2, SAL/SAR/SHL/SHR, RCL/RCR/ROL/
 * ROR, SHLD, SHRD) defines them, which depends on the masked count, so each
 * stub ends in shift_mask: count 0 changes no flag (all compared); OF only
 * for count 1; AF never after a shift; CF not after SHL/SHR of an 8- or
 * 16-bit operand by its size or more; rotates keep SF ZF AF PF; a 16-bit
 * SHLD/SHRD by more than 16 leaves result and flags undefined.
 */

#define FLAGS_ALL  0x8d5
#define K_SH   0x100            /* SHL, SHR */
#define K_SAR  0x200
#define K_ROT  0x300            /* ROL, ROR, RCL, RCR */
#define K_SHD  0x400            /* SHLD, SHRD */
#define N_COUNTS 30

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

        .macro entry name, stub, nb, stride
        .pushsection .rodata
9:      .asciz "\name"
        .popsection
        .pushsection .rodata.table, "a"
        .if \nb
        .long 9b, \stub, FLAGS_ALL, \stride, counts, N_COUNTS, 0
        .else
        .long 9b, \stub, FLAGS_ALL, \stride, 0, 0, 0
        .endif
        .popsection
        .endm

/* A shift or rotate by an immediate count, destination %rax. */
        .macro shift_imm op, sz, ra, kind, bits, count
\op\()_\sz\()_i\count:
        movq %rdi, %rax
        flags_in
        \op\sz $\count, \ra
        flags_out
        movl $\count, %ecx
        movl $(\kind | \bits), %r9d
        jmp shift_mask
        entry "\op\().\sz $\count", \op\()_\sz\()_i\count, 0, 0
        .endm

        .macro shift_size op, sz, ra, kind, bits, counts:vararg
\op\()_\sz\()_cl:
        movq %rdi, %rax
        movq %rsi, %rcx
        flags_in
        \op\sz %cl, \ra
        flags_out
        movl $(\kind | \bits), %r9d
        jmp shift_mask
\op\()_\sz\()_mcl:
        movq %rdi, cell(%rip)
        movq %rsi, %rcx
        flags_in
        \op\sz %cl, cell(%rip)
        flags_out
        movq cell(%rip), %rax
        movl $(\kind | \bits), %r9d
        jmp shift_mask
        entry "\op\().\sz cl", \op\()_\sz\()_cl, 1, 487
        entry "\op\().\sz m,cl", \op\()_\sz\()_mcl, 1, 0
        .irp c, \counts
        shift_imm \op, \sz, \ra, \kind, \bits, \c
        .endr
        .endm

        .macro shift op, kind
        shift_size \op, b, %al, \kind, 8, 0, 1, 7, 8, 9, 31, 63, 255
        shift_size \op, w, %ax, \kind, 16, 0, 1, 15, 16, 17, 31, 63, 255
        shift_size \op, l, %eax, \kind, 32, 0, 1, 31, 32, 33, 63, 255
        shift_size \op, q, %rax, \kind, 64, 0, 1, 31, 63, 64, 65, 255
        .endm

/* SHLD/SHRD: source b (also the CL count), or ~a rotated for immediates. */
        .macro dshift_imm op, sz, rs, ra, bits, count
\op\()_\sz\()_i\count:
        movq %rdi, %rax
        movq %rdi, %rsi
        notq %rsi
        rolq $13, %rsi
        flags_in
        \op\sz $\count, \rs, \ra
        flags_out
        movl $\count, %ecx
        movl $(K_SHD | \bits), %r9d
        jmp shift_mask
        entry "\op\().\sz $\count", \op\()_\sz\()_i\count, 0, 0
        .endm

        .macro dshift_size op, sz, rs, ra, bits, counts:vararg
\op\()_\sz\()_cl:
        movq %rdi, %rax
        movq %rsi, %rcx
        flags_in
        \op\sz %cl, \rs, \ra
        flags_out
        movl $(K_SHD | \bits), %r9d
        jmp shift_mask
\op\()_\sz\()_mcl:
        movq %rdi, cell(%rip)
        movq %rsi, %rcx
        flags_in
        \op\sz %cl, \rs, cell(%rip)
        flags_out
        movq cell(%rip), %rax
        movl $(K_SHD | \bits), %r9d
        jmp shift_mask
        entry "\op\().\sz cl", \op\()_\sz\()_cl, 1, 487
        entry "\op\().\sz m,cl", \op\()_\sz\()_mcl, 1, 0
        .irp c, \counts
        dshift_imm \op, \sz, \rs, \ra, \bits, \c
        .endr
        .endm

        .macro dshift op
        dshift_size \op, w, %si, %ax, 16, 0, 1, 15, 16, 17, 31, 63, 255
        dshift_size \op, l, %esi, %eax, 32, 0, 1, 31, 32, 33, 63, 255
        dshift_size \op, q, %rsi, %rax, 64, 0, 1, 31, 63, 64, 65, 255
        .endm

        .pushsection .rodata.table, "a"
        .align 4
table_start:
        .popsection

        shift shl, K_SH
        shift shr, K_SH
        shift sar, K_SAR
        shift rol, K_ROT
        shift ror, K_ROT
        shift rcl, K_ROT
        shift rcr, K_ROT
        dshift shld
        dshift shrd

/* C1 /r 01 for each operation, then the /6 alias: %eax, count 1 or CL. */
        .macro c1_one name, modrm
\name\()_c1_1:
        movq %rdi, %rax
        flags_in
        .byte 0xc1, \modrm, 0x01
        flags_out
        movl $1, %ecx
        movl $(\name\()_kind | 32), %r9d
        jmp shift_mask
        entry "\name\().l C1 $1", \name\()_c1_1, 0, 0
        .endm
        .set rol_kind, K_ROT
        .set ror_kind, K_ROT
        .set rcl_kind, K_ROT
        .set rcr_kind, K_ROT
        .set shl_kind, K_SH
        .set shr_kind, K_SH
        .set sal6_kind, K_SH
        .set sar_kind, K_SAR
        c1_one rol, 0xc0
        c1_one ror, 0xc8
        c1_one rcl, 0xd0
        c1_one rcr, 0xd8
        c1_one shl, 0xe0
        c1_one shr, 0xe8
        c1_one sal6, 0xf0
        c1_one sar, 0xf8

sal6_d1:
        movq %rdi, %rax
        flags_in
        .byte 0xd1, 0xf0                /* sal $1, %eax as D1 /6 */
        flags_out
        movl $1, %ecx
        movl $(K_SH | 32), %r9d
        jmp shift_mask
        entry "sal6.l D1", sal6_d1, 0, 0
sal6_d3:
        movq %rdi, %rax
        movq %rsi, %rcx
        flags_in
        .byte 0xd3, 0xf0                /* sal %cl, %eax as D3 /6 */
        flags_out
        movl $(K_SH | 32), %r9d
        jmp shift_mask
        entry "sal6.l D3 cl", sal6_d3, 1, 0

        .pushsection .rodata.table, "a"
table_end:
        .popsection

/*
 * shift_mask: %rax result, %rdx flags, %rcx count, %r9d kind | size in
 * bits. Clears in %rdx the flags the SDM leaves undefined (and the result
 * when it is undefined), then returns to the driver.
 */
shift_mask:
        movl %r9d, %r10d
        andl $0xff, %r10d               /* size */
        movl $31, %r11d
        cmpl $64, %r10d
        jne 1f
        movl $63, %r11d
1:      andl %r11d, %ecx                /* masked count */
        jz 9f                           /* no flag changed: compare all */
        movl %r9d, %r11d
        andl $0xf00, %r11d              /* kind */
        movl $0xc5, %r8d                /* SF ZF PF CF */
        cmpl $K_ROT, %r11d
        jne 2f
        movl $0xd5, %r8d                /* rotates keep SF ZF AF PF */
2:      cmpl $K_SH, %r11d
        jne 3f
        cmpl %r10d, %ecx
        jb 3f
        cmpl $32, %r10d
        jae 3f
        andl $~1, %r8d                  /* SHL/SHR of 8/16 bits by >= size */
3:      cmpl $K_SHD, %r11d
        jne 4f
        cmpl %r10d, %ecx
        jbe 4f
        xorl %r8d, %r8d                 /* 16-bit SHLD/SHRD by > 16 */
        andq $~0xffff, %rax
4:      cmpl $1, %ecx
        jne 5f
        orl $0x800, %r8d                /* OF for count 1 */
5:      andl %r8d, %edx
9:      xorl %r8d, %r8d
        ret

/* ---- the driver, at CPL3 ---- */

user_main:
        leaq table_start(%rip), %rdi
        leaq table_end(%rip), %rsi
        call u_run_groups
        leaq msg_done(%rip), %rdi
        call u_puts
        call u_exit

        .section .rodata
        .align 8
/* CL counts in the low byte; the upper bytes are SHLD/SHRD's source. */
counts:
        .irp c, 0, 1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 255
        .quad 0x8badf00d12345600 | \c
        .quad 0x0000000000000000 | \c
        .endr
msg_done:       .asciz "shift64 done\n"

        .section .bss
        .align 8
cell:           .skip 8
