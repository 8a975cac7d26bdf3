/* SPDX-License-Identifier: MIT */
/*
 * pagefault: in long mode, with the 2 MiB page at 8 MiB not present, the
 * one at 10 MiB read-only and the one at 12 MiB supervisor-only, touches
 * each through the runtime's probes; the #PF handler prints the error
 * code, CR2 and the CPL of the access, then skips the access. Covers a
 * read of a not-present page, a write to a read-only page with CR0.WP=1
 * (faults) and WP=0 (allowed at CPL0), and user accesses from CPL3.
 */

#define NOT_PRESENT 0x800000
#define READ_ONLY   0xa00000
#define SUPERVISOR  0xc00000
#define F_RIP    136
#define F_ERROR  128
#define F_CS     144

        .text
        .code32
        .globl test_main
test_main:
        movl $0x11223344, READ_ONLY + 0x20      /* paging is still off */
        pushl $3
        pushl $3
        call long_mode_set_gate_dpl             /* int3: user's way out */
        addl $8, %esp
        call paging64_build
        movl %eax, %esi
        pushl $0                                /* not present */
        pushl $NOT_PRESENT
        call paging64_set_flags
        pushl $5                                /* P | U */
        pushl $READ_ONLY
        call paging64_set_flags
        pushl $3                                /* P | W */
        pushl $SUPERVISOR
        call paging64_set_flags
        addl $24, %esp
        pushl $main64
        pushl %esi
        call long_mode_enter

        .code64
        .macro say label
        leaq \label(%rip), %rdi
        call lm_puts
        .endm

        .macro say_hex label, reg
        say \label
        movq \reg, %rdi
        call lm_puthex
        movl $'\n', %edi
        call lm_putc
        .endm

main64:
        movl $14, %edi
        leaq pf_handler(%rip), %rsi
        call lm_set_handler
        movl $3, %edi
        leaq user_exit(%rip), %rsi
        call lm_set_handler
        movq %cr0, %rax
        orl $0x10000, %eax                      /* CR0.WP */
        movq %rax, %cr0

        say msg_read_np
        movl $NOT_PRESENT + 0x10, %edi
        call lm_probe_read
        movq %rax, %r12                         /* printing clobbers %rax */
        say_hex msg_value, %r12

        say msg_write_ro_wp
        movl $READ_ONLY + 0x20, %edi
        movl $0x55667788, %esi
        call lm_probe_write
        movl $READ_ONLY + 0x20, %edi
        call lm_probe_read
        movq %rax, %r12                         /* printing clobbers %rax */
        say_hex msg_value, %r12

        movq %cr0, %rax
        andl $~0x10000, %eax
        movq %rax, %cr0
        say msg_write_ro_nowp
        movl $READ_ONLY + 0x20, %edi
        movl $0x55667788, %esi
        call lm_probe_write
        movl $READ_ONLY + 0x20, %edi
        call lm_probe_read
        movq %rax, %r12                         /* printing clobbers %rax */
        say_hex msg_value, %r12

        say msg_user
        leaq user_main(%rip), %rdi
        leaq user_stack_top(%rip), %rsi
        xorl %edx, %edx
        call lm_user_enter
        say msg_done
        xorl %eax, %eax
        outb %al, $0xf4
1:      hlt
        jmp 1b

/* CPL3: read the supervisor page, read the absent page, write the read-only one. */
user_main:
        movl $SUPERVISOR + 0x30, %edi
        call lm_probe_read
        movq %rax, %r12
        movl $NOT_PRESENT + 0x40, %edi
        call lm_probe_read
        movq %rax, %r13
        movl $READ_ONLY + 0x50, %edi
        movl $1, %esi
        call lm_probe_write
        movl $READ_ONLY + 0x20, %edi
        call lm_probe_read
        movq %rax, %r14
        int3

user_exit:
        pushq %rbx
        movq %rdi, %rbx
        say_hex msg_user_sup, 24(%rbx)          /* r12 */
        say_hex msg_user_np, 16(%rbx)           /* r13 */
        say_hex msg_user_ro, 8(%rbx)            /* r14 */
        xorl %edi, %edi
        call lm_user_return

pf_handler:
        pushq %rbx
        movq %rdi, %rbx
        say msg_pf
        movq F_ERROR(%rbx), %rdi
        call lm_puthex
        say msg_cr2
        movq %cr2, %rdi
        call lm_puthex
        say msg_cpl
        movq F_CS(%rbx), %rdi
        andl $3, %edi
        call lm_putdec
        movl $'\n', %edi
        call lm_putc
        movq %rbx, %rdi
        call lm_probe_fixup
        testl %eax, %eax
        jz 1f
        popq %rbx
        ret
1:      say msg_unexpected
        movb $0x10, %al
        outb %al, $0xf4
2:      hlt
        jmp 2b

        .section .rodata
msg_read_np:        .asciz "read of a not-present page at CPL0\n"
msg_write_ro_wp:    .asciz "write to a read-only page at CPL0, CR0.WP=1\n"
msg_write_ro_nowp:  .asciz "write to a read-only page at CPL0, CR0.WP=0\n"
msg_user:           .asciz "user accesses from CPL3\n"
msg_value:          .asciz "  value read back: "
msg_user_sup:       .asciz "  user read of supervisor page gave "
msg_user_np:        .asciz "  user read of not-present page gave "
msg_user_ro:        .asciz "  user read of read-only page gave "
msg_done:           .asciz "back in the kernel\n"
msg_pf:             .asciz "  #PF error "
msg_cr2:            .asciz " cr2 "
msg_cpl:            .asciz " at CPL "
msg_unexpected:     .asciz "#PF outside a probe\n"

        .section .bss
        .align 16
user_stack:
        .skip 4096
user_stack_top:
