/* SPDX-License-Identifier: MIT */
/*
 * pit: remaps the 8259 pair to vectors 0x20/0x28, unmasks only IRQ0 and
 * runs PIT channel 0 in mode 2 at about 1 kHz (from 32-bit code), then in
 * long mode halts with interrupts on until the IRQ handler has counted 10
 * ticks, acknowledging each with an EOI. Long mode because this host's
 * KVM cannot emulate a 32-bit iret at CPL0.
 */

#define TICKS 10

        .text
        .code32
        .globl test_main
test_main:
        pushl $0x28
        pushl $0x20
        call pic_remap
        addl $8, %esp
        pushl $0xfffe
        call pic_set_mask
        addl $4, %esp
        pushl $1193                     /* 1193182 Hz / 1000 */
        call pit_start_periodic
        addl $4, %esp
        call paging64_build
        pushl $main64
        pushl %eax
        call long_mode_enter

        .code64
main64:
        movl $0x20, %edi
        leaq timer_irq(%rip), %rsi
        call lm_set_handler
        leaq msg_wait(%rip), %rdi
        call lm_puts
        sti
1:      hlt
        cmpq $TICKS, ticks(%rip)
        jb 1b
        cli
        movb $0xff, %al                 /* mask everything again */
        outb %al, $0x21
        leaq msg_got(%rip), %rdi
        call lm_puts
        movq ticks(%rip), %rdi
        call lm_putdec
        leaq msg_ticks(%rip), %rdi
        call lm_puts
        xorl %eax, %eax
        outb %al, $0xf4
2:      hlt
        jmp 2b

timer_irq:
        incq ticks(%rip)
        movb $0x20, %al                 /* non-specific EOI */
        outb %al, $0x20
        ret

        .section .rodata
msg_wait:   .asciz "waiting for timer interrupts\n"
msg_got:    .asciz "got "
msg_ticks:  .asciz " ticks\n"

        .section .bss
        .align 8
ticks:
        .skip 8
