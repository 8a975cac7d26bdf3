/* SPDX-License-Identifier: MIT */
/*
 * apic-timer: the local APIC's timer in periodic mode. With the 8259
 * masked, 32-bit code (paging off) software-enables the APIC through SVR,
 * sets divide-by-16 and the LVT timer to periodic on vector 0x40, and
 * prints what those registers read back. Long mode (this host's KVM
 * cannot emulate a 32-bit iret at CPL0) maps the fourth GiB uncached so
 * the APIC page is reachable, starts the count (62500: 1 ms at a 1 GHz
 * bus), halts until the handler has counted 10 interrupts, each ended by
 * an EOI write, then masks and stops the timer. Run under KVM's in-kernel
 * APIC, the userspace one (kernel-irqchip=off) and TCG's.
 */

#define APIC        0xfee00000
#define APIC_ID     0x020
#define APIC_TPR    0x080
#define APIC_EOI    0x0b0
#define APIC_SVR    0x0f0
#define APIC_LVTT   0x320
#define APIC_TMICT  0x380
#define APIC_TMCCT  0x390
#define APIC_TDCR   0x3e0
#define VECTOR      0x40
#define TICKS       10

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
        movl $0x3, APIC + APIC_TDCR     /* divide by 16 */
        movl $(0x20000 | VECTOR), APIC + APIC_LVTT
        pushl APIC + APIC_TDCR
        pushl APIC + APIC_LVTT
        pushl APIC + APIC_SVR
        pushl APIC + APIC_TPR
        pushl APIC + APIC_ID
        pushl $msg_regs
        call kprintf
        addl $24, %esp

        call paging64_build
        movl %eax, %esi                 /* cr3 */
        /* The fourth GiB, identity-mapped with 2 MiB uncached pages. */
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
        leaq timer_irq(%rip), %rsi
        call lm_set_handler
        movl $APIC, %ebx
        movl $62500, APIC_TMICT(%rbx)
        movl APIC_TMCCT(%rbx), %eax
        cmpl $62500, %eax
        ja 3f
        leaq msg_counting(%rip), %rdi
        call lm_puts
3:      sti
1:      hlt
        cmpq $TICKS, ticks(%rip)
        jb 1b
        cli
        movl $(0x30000 | VECTOR), APIC_LVTT(%rbx)   /* masked */
        movl $0, APIC_TMICT(%rbx)
        leaq msg_got(%rip), %rdi
        call lm_puts
        movq ticks(%rip), %rdi
        call lm_putdec
        leaq msg_ticks(%rip), %rdi
        call lm_puts
        movl APIC_LVTT(%rbx), %edi
        call lm_puthex
        leaq msg_nl(%rip), %rdi
        call lm_puts
        xorl %eax, %eax
        outb %al, $0xf4
2:      hlt
        jmp 2b

timer_irq:
        incq ticks(%rip)
        movl $APIC, %eax
        movl $0, APIC_EOI(%rax)
        ret

        .section .rodata
msg_regs:   .asciz "id %x tpr %x svr %x lvtt %x tdcr %x\n"
msg_counting: .asciz "counting down\n"
msg_got:    .asciz "got "
msg_ticks:  .asciz " ticks; lvtt now "
msg_nl:     .asciz "\n"

        .section .bss
        .align 4096
pd3:
        .skip 4096
        .align 8
ticks:
        .skip 8
