/* SPDX-License-Identifier: MIT */
/*
 * exceptions64: faulting instructions and accesses at CPL3 in 64-bit
 * mode. Each case arms the runtime's resume point (user64.S): the CPL0
 * handler records vector, error code, CR2 (for #PF) and RIP and resumes
 * the user after the instruction, and the user prints one line: the
 * vector, the error code, CR2 and the RIP relative to the instruction
 * (+0 for a fault, its length for a trap such as #BP).
 *
 * Pages (2 MiB each): 8 MiB not present, 10 MiB read-only, 12 MiB
 * supervisor-only, 14 MiB with a reserved bit (PDE bit 13, inside the
 * 2 MiB frame's must-be-zero bits 20:13), 16 MiB no-execute (EFER.NXE on),
 * 18 MiB present and writable, holding a RET.
 *
 * Left out because this host's KVM (PVM) does not follow the guest's own
 * state there, so its answer is not the CPU's: INT n other than INT3 from
 * CPL3 (#UD here, #GP through a DPL-0 gate on a CPU), #AC (the host's
 * CR0.AM applies to user code, not the guest's: a misaligned load with
 * EFLAGS.AC=1 faults here although the guest's CR0.AM is 0), anything in
 * compatibility mode (emulated by the host kernel), hence INTO (#UD in
 * 64-bit mode is tested).
 */

#define NOT_PRESENT 0x800000
#define READ_ONLY   0xa00000
#define SUPERVISOR  0xc00000
#define RESERVED    0xe00000
#define NO_EXEC     0x1000000
#define PLAIN       0x1200000
#define NONCANON    0x8000000000000000

        .text
        .code32
        .globl test_main
test_main:
        movb $0xc3, NO_EXEC                     /* paging still off */
        movb $0xc3, PLAIN
        call paging64_build
        movl %eax, %esi
        pushl $0
        pushl $NOT_PRESENT
        call paging64_set_flags
        pushl $5                                /* P | U */
        pushl $READ_ONLY
        call paging64_set_flags
        pushl $3                                /* P | W */
        pushl $SUPERVISOR
        call paging64_set_flags
        pushl $(7 | 1 << 13)                    /* P | W | U | reserved */
        pushl $RESERVED
        call paging64_set_flags
        pushl $NO_EXEC
        call paging64_set_nx
        addl $36, %esp
        pushl $kernel_setup
        pushl $user_main
        pushl %esi
        call user64_run

        .code64
/* CPL0, before user mode: EFER.NXE so that XD means no-execute. */
kernel_setup:
        movl $0xc0000080, %ecx
        rdmsr
        orl $0x800, %eax
        wrmsr
        ret

/*
 * case NAME, instruction: arms the resume point, runs the instruction
 * and prints what happened. Keeps %rax, %rcx, %rdx, %r11 (inputs set up
 * before the case; GAS ends a macro call at ';').
 */
        .macro case name, insn:vararg
        .pushsection .rodata
9:      .asciz "\name"
        .popsection
        leaq 9b(%rip), %rdi
        leaq 2f(%rip), %rsi
        leaq 1f(%rip), %r10
        movq %r10, u_trap_resume(%rip)
        movq $-1, u_trap_vector(%rip)
        movq %rsi, case_rip(%rip)
        movq %rdi, case_name(%rip)
        movq %rsp, case_rsp(%rip)
2:      \insn
1:      movq case_rsp(%rip), %rsp       /* a fault in a callee leaves its frame */
        call report
        .endm

user_main:
        case "cli", cli
        case "sti", sti
        case "hlt", hlt
        case "mov %cr3, %rax", movq %cr3, %rax
        case "mov %rax, %cr3", movq %rax, %cr3
        case "mov %cr0, %rax", movq %cr0, %rax
        case "lgdt", lgdt gdtr(%rip)
        case "lidt", lidt gdtr(%rip)
        case "ltr", ltr %ax
        case "invlpg", invlpg (%rsp)
        case "wbinvd", wbinvd
        case "rdmsr", rdmsr
        case "wrmsr", wrmsr
        case "clts", clts
        case "in $0x80", inb $0x80, %al
        case "out %dx", outb %al, %dx
        case "insb", insb
        movabsq $NONCANON, %r11
        case "read non-canonical", movq (%r11), %rcx
        case "write non-canonical", movq %rcx, 0x1000(%r11)
        case "jmp non-canonical", jmp *%r11
        case "rsp-based non-canonical", movq (%rsp,%r11), %rcx
        movq %rsp, %rbp
        case "rbp-based non-canonical", movq 8(%rbp,%r11), %rcx
        xorl %ebp, %ebp
        case "read not present", movq NOT_PRESENT + 0x10, %rax
        case "write not present", movq %rax, NOT_PRESENT + 0x18
        movl $NOT_PRESENT + 0x20, %r11d
        case "fetch not present", call *%r11
        case "read read-only", movq READ_ONLY + 0x28, %rax
        case "write read-only", movq %rax, READ_ONLY + 0x30
        case "read supervisor", movq SUPERVISOR + 0x38, %rax
        case "write supervisor", movq %rax, SUPERVISOR + 0x40
        movl $SUPERVISOR + 0x48, %r11d
        case "fetch supervisor", call *%r11
        case "read reserved bit", movq RESERVED + 0x50, %rax
        case "write reserved bit", movq %rax, RESERVED + 0x58
        case "read no-execute", movq NO_EXEC, %rax
        movl $NO_EXEC, %r11d
        case "fetch no-execute", call *%r11
        movl $PLAIN, %r11d
        case "fetch plain page", call *%r11
        case "ud2", ud2
        case "ud1", .byte 0x0f, 0xb9, 0xc0
        case "push %es (invalid in 64-bit)", .byte 0x06
        case "into (invalid in 64-bit)", .byte 0xce
        case "lock on a register", .byte 0xf0, 0x01, 0xc0
        xorl %eax, %eax                 /* no system call magic: a #BP */
        case "int3", int3
        case "int1 (F1, #DB as a trap)", .byte 0xf1
        xorl %ecx, %ecx
        case "div by zero", divl %ecx
        movl $0x80000000, %eax
        cltd
        movl $-1, %ecx
        case "idiv overflow", idivl %ecx
        case "no fault", nop
        leaq msg_done(%rip), %rdi
        call u_puts
        call u_exit

/* report: the line for the case that just ran */
report:
        pushq %rbx
        movq $0, u_trap_resume(%rip)
        movq case_name(%rip), %rdi
        call u_puts
        leaq msg_colon(%rip), %rdi
        call u_puts
        movq u_trap_vector(%rip), %rbx
        cmpq $-1, %rbx
        jne 1f
        leaq msg_none(%rip), %rdi
        call u_puts
        jmp 2f
1:      leaq msg_vector(%rip), %rdi
        call u_puts
        movq %rbx, %rdi
        call u_putdec
        leaq msg_error(%rip), %rdi
        call u_puts
        movq u_trap_error(%rip), %rdi
        movl $4, %esi
        call u_puthex
        leaq msg_cr2(%rip), %rdi
        call u_puts
        movq u_trap_cr2(%rip), %rdi
        call u_puthex64
        leaq msg_rip(%rip), %rdi
        call u_puts
        movq u_trap_rip(%rip), %rdi
        subq case_rip(%rip), %rdi
        cmpq $16, %rdi
        jb 3f
        movq u_trap_rip(%rip), %rdi     /* elsewhere: a fetch fault */
        call u_puthex64
        jmp 2f
3:      pushq %rdi
        leaq msg_plus(%rip), %rdi
        call u_puts
        popq %rdi
        call u_putdec
2:      call u_nl
        popq %rbx
        ret

        .section .rodata
msg_colon:      .asciz ": "
msg_none:       .asciz "no trap"
msg_vector:     .asciz "vector "
msg_error:      .asciz " error "
msg_cr2:        .asciz " cr2 "
msg_rip:        .asciz " rip "
msg_plus:       .asciz "+"
msg_done:       .asciz "exceptions64 done\n"
gdtr:           .word 0
                .quad 0

        .section .bss
        .align 8
case_rip:       .skip 8
case_name:      .skip 8
case_rsp:       .skip 8
