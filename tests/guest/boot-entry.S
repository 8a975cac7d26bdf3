/* SPDX-License-Identifier: MIT */
/*
 * Boot-protocol entries for the linuxboot and pvhboot guest tests. The
 * loader starts us in flat 32-bit protected mode without a stack:
 * linux_entry (the bzImage's code32_start) with ESI = boot_params,
 * pvh_entry (the PVH note's address) with EBX = hvm_start_info. Both save
 * every register the protocols speak of into boot_regs (in .data, which
 * the runtime's _start does not clear), then enter _start with EAX = the
 * protocol's kind and EBX = the info pointer, so test_main() gets them.
 * The PVH note itself is here too; the multiboot header is dropped from
 * the PVH image by pvhboot.ld.
 */
/* Offsets in BootRegs (boot-entry.h). */
#define BR_CS           32
#define BR_CR0          44
#define BR_GDTR         48
#define BR_EFLAGS       56
#define BR_KIND         60
#define BR_SIZE         64

/* No stack yet: only stores to absolute addresses. */
.macro SAVE_REGS
        movl %eax, boot_regs + 0
        movl %ebx, boot_regs + 4
        movl %ecx, boot_regs + 8
        movl %edx, boot_regs + 12
        movl %esi, boot_regs + 16
        movl %edi, boot_regs + 20
        movl %ebp, boot_regs + 24
        movl %esp, boot_regs + 28
        movw %cs, boot_regs + BR_CS
        movw %ds, boot_regs + BR_CS + 2
        movw %es, boot_regs + BR_CS + 4
        movw %ss, boot_regs + BR_CS + 6
        movw %fs, boot_regs + BR_CS + 8
        movw %gs, boot_regs + BR_CS + 10
        movl %cr0, %eax
        movl %eax, boot_regs + BR_CR0
        sgdt boot_regs + BR_GDTR
.endm

        .section .text.boot_entry, "ax"
        .code32
        .globl linux_entry
linux_entry:
        SAVE_REGS
        movl $1, boot_regs + BR_KIND
        movl %esi, %ebx
        jmp enter_runtime

        .globl pvh_entry
pvh_entry:
        SAVE_REGS
        movl $2, boot_regs + BR_KIND
enter_runtime:
        movl $entry_stack_top, %esp
        pushfl
        popl boot_regs + BR_EFLAGS
        movl boot_regs + BR_KIND, %eax
        jmp _start

        .section .note.Xen, "a", @note
        .align 4
        .long 4                         /* namesz */
        .long 4                         /* descsz */
        .long 18                        /* XEN_ELFNOTE_PHYS32_ENTRY */
        .asciz "Xen"
        .long pvh_entry

        .data
        .align 16
        .globl boot_regs
boot_regs:
        .skip BR_SIZE
        .align 16
entry_stack:
        .skip 64
entry_stack_top:
