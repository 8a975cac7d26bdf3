/* SPDX-License-Identifier: MIT */
/*
 * Guest runtime entry: the Multiboot v1 header, the 32-bit start code the
 * loader jumps to, the 256 interrupt stubs that build a TrapFrame, the
 * CPL3 round trip (user_enter/user_return) and the fault-tolerant memory
 * probes. C code takes over in runtime_start() (cpu.c).
 */

#define MB_MAGIC        0x1BADB002
#ifdef MB_AOUT_KLUDGE
/* bit 16: the load addresses below are valid (for flat binary images) */
#define MB_FLAGS        0x00010002
#else
#define MB_FLAGS        0x00000002      /* bit 1: give us mem_* and the memory map */
#endif

        .section .multiboot, "a"
        .align 4
mb_header:
        .long MB_MAGIC
        .long MB_FLAGS
        .long -(MB_MAGIC + MB_FLAGS)
#ifdef MB_AOUT_KLUDGE
        .long mb_header                 /* header_addr */
        .long __load_start              /* load_addr */
        .long __data_end                /* load_end_addr */
        .long __bss_end                 /* bss_end_addr */
        .long _start                    /* entry_addr */
#endif

        .section .bss
        .align 16
boot_stack:
        .skip 16384
boot_stack_top:

        .text
        .code32
        .globl _start
_start:
        cli
        cld
        movl $boot_stack_top, %esp
        movl %eax, %esi                 /* keep magic and info pointer */
        movl %ebx, %ebp
        movl $__bss_start, %edi         /* the loader should zero .bss; be sure */
        movl $boot_stack, %ecx
        subl %edi, %ecx
        shrl $2, %ecx
        xorl %eax, %eax
        rep stosl
        movl $boot_stack_top, %edi      /* skip the stack we are standing on */
        movl $__bss_end, %ecx
        subl %edi, %ecx
        shrl $2, %ecx
        rep stosl
        pushl %ebp
        pushl %esi
        call runtime_start              /* does not return */
1:      hlt
        jmp 1b

/*
 * Interrupt stubs: stub N sits at trap_stubs + 16 * N. Vectors for which
 * the CPU pushes an error code skip the dummy push (SDM vol. 3, 6.13).
 */
        .align 16
        .globl trap_stubs
trap_stubs:
        .set vec, 0
        .rept 256
        .align 16
        .if (vec == 8) || (vec == 10) || (vec == 11) || (vec == 12) || (vec == 13) || (vec == 14) || (vec == 17) || (vec == 21) || (vec == 29) || (vec == 30)
        .else
        pushl $0
        .endif
        pushl $vec
        jmp trap_common
        .set vec, vec + 1
        .endr

trap_common:
        pushal
        pushl %esp
        call trap_dispatch
        addl $4, %esp
        popal
        addl $8, %esp                   /* vector and error code */
        iretl

/* uint32_t user_enter(void (*fn)(void), void *user_stack, bool interrupts) */
        .globl user_enter
user_enter:
        pushl %ebp
        pushl %ebx
        pushl %esi
        pushl %edi
        movl 20(%esp), %eax             /* fn */
        movl 24(%esp), %ecx             /* user stack top */
        movl 28(%esp), %edx             /* interrupts */
        movl %esp, user_saved_esp
        movl %esp, tss + 4              /* traps from CPL3 land below us */
        andl $0xff, %edx
        shll $9, %edx                   /* EFLAGS.IF */
        orl $2, %edx
        pushl $0x23                     /* SEL_UDATA */
        pushl %ecx
        pushl %edx
        pushl $0x1b                     /* SEL_UCODE */
        pushl %eax
        movw $0x23, %ax
        movw %ax, %ds
        movw %ax, %es
        movw %ax, %fs
        movw %ax, %gs
        iretl

/* void user_return(uint32_t value): from a trap handler, resume user_enter's caller */
        .globl user_return
user_return:
        movl 4(%esp), %eax
        movw $0x10, %dx                 /* SEL_KDATA */
        movw %dx, %ds
        movw %dx, %es
        movw %dx, %fs
        movw %dx, %gs
        movl user_saved_esp, %esp
        popl %edi
        popl %esi
        popl %ebx
        popl %ebp
        ret

/* Memory probes: probe_fixup() moves a faulting EIP to the matching resume label. */
        .globl probe_read
probe_read:
        movl 4(%esp), %edx
        .globl probe_read_insn
probe_read_insn:
        movl (%edx), %eax
        ret
        .globl probe_read_resume
probe_read_resume:
        movl $0xfa17fa17, %eax          /* PROBE_FAULTED */
        ret

        .globl probe_write
probe_write:
        movl 4(%esp), %edx
        movl 8(%esp), %eax
        .globl probe_write_insn
probe_write_insn:
        movl %eax, (%edx)
        .globl probe_write_resume
probe_write_resume:
        ret

        .section .bss
        .align 4
user_saved_esp:
        .skip 4
