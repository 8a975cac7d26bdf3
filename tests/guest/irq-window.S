/* SPDX-License-Identifier: MIT */
/*
 * irq-window: when an interrupt that waited for EFLAGS.IF is taken. A
 * fixed self-IPI (vector 0x41) is sent through the local APIC's ICR with
 * IF clear, so it waits in the IRR; then one instruction sets IF and a run
 * of one-byte NOPs follows. The handler notes the RIP it interrupted: its
 * distance from the first NOP is how many NOPs ran first (SDM Vol. 3A,
 * 6.8.3 for the STI shadow, Vol. 2B POPF and IRET for the others):
 *
 *   - POPF, IF still 0, many blocks with calls and returns: never taken;
 *   - POPF setting IF: taken before the first NOP;
 *   - STI: taken after one NOP (the interrupt shadow);
 *   - STI then JMP: taken at the jump's target, before its first NOP;
 *   - STI as the last byte of a page: after one NOP (on the next page);
 *   - IRETQ to a frame with IF set: taken at the return address.
 *
 * Long mode as in apic-timer (the fourth GiB uncached for the APIC page).
 */

#define APIC        0xfee00000
#define APIC_EOI    0x0b0
#define APIC_SVR    0x0f0
#define APIC_ICR_LO 0x300
#define VECTOR      0x41
#define F_RIP       136                 /* the handler frame (trap64.S) */

        .text
        .code32
        .globl test_main
test_main:
        pushl $0x28
        pushl $0x20
        call pic_remap
        addl $8, %esp
        pushl $0xffff                   /* every 8259 line masked */
        call pic_set_mask
        addl $4, %esp
        movl $0x1ff, APIC + APIC_SVR    /* enabled, spurious vector 0xff */

        call paging64_build
        movl %eax, %esi                 /* cr3 */
        movl (%esi), %ecx
        andl $0xfffff000, %ecx          /* the PDPT */
        leal pd3, %edx
        orl $0x3, %edx
        movl %edx, 24(%ecx)
        movl $0, 28(%ecx)
        xorl %ebx, %ebx
        movl $(0xc0000000 | 0x9b), %eax /* P W PWT PCD PS */
1:      movl %eax, pd3(, %ebx, 8)
        movl $0, pd3 + 4(, %ebx, 8)
        addl $0x200000, %eax
        incl %ebx
        cmpl $512, %ebx
        jb 1b

        pushl $main64
        pushl %esi
        call long_mode_enter

        .code64
main64:
        movl $VECTOR, %edi
        leaq ipi_handler(%rip), %rsi
        call lm_set_handler
        movl $APIC, %ebx

        /* POPF leaving IF clear, then calls and returns: stays pending. */
        cli
        call send_self_ipi
        movl $1000, %ecx
1:      pushfq
        popfq
        call nothing
        decl %ecx
        jnz 1b
        leaq msg_masked(%rip), %rdi
        call lm_puts
        movq count(%rip), %rdi
        call lm_putdec
        leaq msg_nl(%rip), %rdi
        call lm_puts

        /* POPF setting IF: the interrupt already waits (from above). */
        pushfq
        orq $0x200, (%rsp)
        popfq
popf_nops:
        .rept 8
        nop
        .endr
        cli
        leaq msg_popf(%rip), %rdi
        leaq popf_nops(%rip), %rsi
        call report

        /* STI */
        call send_self_ipi
        sti
sti_nops:
        .rept 8
        nop
        .endr
        cli
        leaq msg_sti(%rip), %rdi
        leaq sti_nops(%rip), %rsi
        call report

        /* STI, then a jump: taken at its target */
        call send_self_ipi
        sti
        jmp sti_jmp_nops
        .rept 8
        nop
        .endr
sti_jmp_nops:
        .rept 8
        nop
        .endr
        cli
        leaq msg_sti_jmp(%rip), %rdi
        leaq sti_jmp_nops(%rip), %rsi
        call report

        /* STI as the last byte of a page, its shadow on the next */
        call send_self_ipi
        jmp page_sti
        .balign 4096
        .skip 4095
page_sti:
        sti
page_nops:
        .rept 8
        nop
        .endr
        cli
        leaq msg_sti_page(%rip), %rdi
        leaq page_nops(%rip), %rsi
        call report

        /* IRETQ to the next instruction with IF set */
        call send_self_ipi
        movq %rsp, %rax
        movl %ss, %ecx
        pushq %rcx
        pushq %rax
        pushfq
        orq $0x200, (%rsp)
        movl %cs, %ecx
        pushq %rcx
        leaq iret_nops(%rip), %rcx
        pushq %rcx
        iretq
iret_nops:
        .rept 8
        nop
        .endr
        cli
        leaq msg_iret(%rip), %rdi
        leaq iret_nops(%rip), %rsi
        call report

        xorl %eax, %eax
        outb %al, $0xf4
2:      hlt
        jmp 2b

nothing:
        ret

/* A fixed IPI to this CPU on VECTOR (destination shorthand: self). */
send_self_ipi:
        movl $APIC, %eax
        movl $(0x40000 | VECTOR), APIC_ICR_LO(%rax)
        ret

/* report(msg, nops): print msg, then how many NOPs ran before the
 * interrupt, and clear the note for the next case. */
report:
        pushq %rbx
        movq %rsi, %rbx
        call lm_puts
        cmpq $1, count(%rip)
        jne 3f
        movq seen_rip(%rip), %rdi
        subq %rbx, %rdi
        call lm_putdec
        leaq msg_nops(%rip), %rdi
        call lm_puts
        jmp 4f
3:      leaq msg_count(%rip), %rdi
        call lm_puts
        movq count(%rip), %rdi
        call lm_putdec
        leaq msg_nl(%rip), %rdi
        call lm_puts
4:      movq $0, count(%rip)
        movq $0, seen_rip(%rip)
        popq %rbx
        ret

ipi_handler:
        incq count(%rip)
        movq F_RIP(%rdi), %rax
        movq %rax, seen_rip(%rip)
        movl $APIC, %eax
        movl $0, APIC_EOI(%rax)
        ret

        .section .rodata
msg_masked: .asciz "IF clear through 1000 POPFs, calls and returns: interrupts taken "
msg_popf:   .asciz "POPF setting IF: taken after "
msg_sti:    .asciz "STI: taken after "
msg_sti_jmp: .asciz "STI; JMP: taken at the jump's target after "
msg_sti_page: .asciz "STI ending a page: taken after "
msg_iret:   .asciz "IRETQ setting IF: taken after "
msg_nops:   .asciz " NOPs\n"
msg_count:  .asciz "interrupts taken: "
msg_nl:     .asciz "\n"

        .section .bss
        .align 4096
pd3:
        .skip 4096
        .align 8
count:
        .skip 8
seen_rip:
        .skip 8
