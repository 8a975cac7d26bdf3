/* SPDX-License-Identifier: MIT */
/*
 * Guest runtime CPU setup: a flat GDT (ring-0 and ring-3 code and data, a
 * 32-bit TSS, a 64-bit code segment for long-mode tests), an IDT whose 256
 * gates point at the stubs in entry.S, and the C side of trap dispatch.
 * For long mode it also builds a 64-bit TSS and IDT (stubs in trap64.S).
 * An unexpected trap prints what the CPU reported and ends the run.
 */
#include "guest.h"

typedef struct __attribute__((packed)) Tss32 {
    uint32_t link, esp0, ss0, esp1, ss1, esp2, ss2;
    uint32_t cr3, eip, eflags, eax, ecx, edx, ebx, esp, ebp, esi, edi;
    uint32_t es, cs, ss, ds, fs, gs, ldt;
    uint16_t trap, iomap_base;
} Tss32;

typedef struct __attribute__((packed)) DescPtr {
    uint16_t limit;
    uint32_t base;
} DescPtr;

typedef struct IdtGate {
    uint16_t offset_lo, selector;
    uint8_t zero, type_attr;
    uint16_t offset_hi;
} IdtGate;

extern char trap_stubs[];
extern char probe_read_insn[], probe_read_resume[];
extern char probe_write_insn[], probe_write_resume[];

/* entry.S writes esp0 when it enters user mode. */
Tss32 tss;

typedef struct __attribute__((packed)) Tss64 {
    uint32_t reserved0;
    uint64_t rsp[3];
    uint64_t reserved1;
    uint64_t ist[7];
    uint64_t reserved2;
    uint16_t reserved3, iomap_base;
} Tss64;

typedef struct IdtGate64 {
    uint16_t offset_lo, selector;
    uint8_t ist, type_attr;
    uint16_t offset_mid;
    uint32_t offset_hi, reserved;
} IdtGate64;

extern char trap64_stubs[];

/* trap64.S writes rsp[0] when it enters user mode; long.S loads lm_idtr. */
Tss64 tss64;
struct __attribute__((packed)) {
    uint16_t limit;
    uint64_t base;
} lm_idtr;

static IdtGate64 idt64[256] __attribute__((aligned(16)));

/*
 * Laid out for SYSCALL/SYSRET (SDM vol. 2, SYSCALL): STAR[47:32] = 0x30
 * gives kernel CS 0x30 and SS 0x38; STAR[63:48] = 0x18 gives 64-bit user
 * SS 0x20 and CS 0x28.
 */
static uint64_t gdt[11] __attribute__((aligned(16))) = {
    0,
    0x00cf9a000000ffffull,      /* 0x08 ring-0 code, 32-bit, 4 GiB */
    0x00cf92000000ffffull,      /* 0x10 ring-0 data */
    0x00cffa000000ffffull,      /* 0x18 ring-3 code, 32-bit */
    0x00cff2000000ffffull,      /* 0x20 ring-3 data */
    0x00affa000000ffffull,      /* 0x28 ring-3 code, 64-bit */
    0x00af9a000000ffffull,      /* 0x30 ring-0 code, 64-bit (L=1, D=0) */
    0x00cf92000000ffffull,      /* 0x38 ring-0 data, for SYSCALL's SS */
    0,                          /* 0x40 32-bit TSS, filled in at run time */
    0, 0,                       /* 0x48 64-bit TSS (two slots) */
};

static IdtGate idt[256] __attribute__((aligned(16)));
static TrapHandler *trap_handlers[256];

static uint64_t tss_descriptor(uint32_t base, uint32_t limit)
{
    uint64_t d = limit & 0xffff;
    d |= (uint64_t)(base & 0xffffff) << 16;
    d |= (uint64_t)0x89 << 40;                  /* present, DPL0, 32-bit available TSS */
    d |= (uint64_t)((limit >> 16) & 0xf) << 48;
    d |= (uint64_t)(base >> 24) << 56;
    return d;
}

static void gdt_load(void)
{
    DescPtr p = { sizeof(gdt) - 1, (uint32_t)gdt };

    tss.ss0 = SEL_KDATA;
    tss.iomap_base = sizeof(tss);               /* no I/O bitmap */
    gdt[SEL_TSS >> 3] = tss_descriptor((uint32_t)&tss, sizeof(tss) - 1);
    __asm__ volatile("lgdt %0\n\t"
                     "ljmp $0x08, $1f\n"
                     "1:\n\t"
                     "mov %1, %%ds\n\t"
                     "mov %1, %%es\n\t"
                     "mov %1, %%fs\n\t"
                     "mov %1, %%gs\n\t"
                     "mov %1, %%ss\n\t"
                     "ltr %w2"
                     : : "m"(p), "r"(SEL_KDATA), "r"(SEL_TSS) : "memory");
}

static void idt_set(uint8_t vector, uint32_t handler, unsigned dpl)
{
    idt[vector].offset_lo = handler & 0xffff;
    idt[vector].selector = SEL_KCODE;
    idt[vector].zero = 0;
    idt[vector].type_attr = 0x8e | (dpl << 5);  /* present, 32-bit interrupt gate */
    idt[vector].offset_hi = handler >> 16;
}

static void idt_load(void)
{
    DescPtr p = { sizeof(idt) - 1, (uint32_t)idt };

    for (int v = 0; v < 256; v++) {
        idt_set(v, (uint32_t)trap_stubs + 16 * v, 0);
    }
    __asm__ volatile("lidt %0" : : "m"(p));
}

void long_mode_tables(void)
{
    tss64.iomap_base = sizeof(tss64);
    gdt[SEL_TSS64 >> 3] = tss_descriptor((uint32_t)&tss64, sizeof(tss64) - 1);
    gdt[(SEL_TSS64 >> 3) + 1] = 0;              /* base bits 63:32 */
    for (int v = 0; v < 256; v++) {
        uint32_t handler = (uint32_t)trap64_stubs + 16 * v;
        idt64[v].offset_lo = handler & 0xffff;
        idt64[v].selector = SEL_KCODE64;
        idt64[v].ist = 0;
        idt64[v].type_attr = (idt64[v].type_attr & 0x60) | 0x8e;
        idt64[v].offset_mid = handler >> 16;
        idt64[v].offset_hi = 0;
        idt64[v].reserved = 0;
    }
    lm_idtr.limit = sizeof(idt64) - 1;
    lm_idtr.base = (uint32_t)idt64;
}

void long_mode_set_gate_dpl(uint8_t vector, unsigned dpl)
{
    idt64[vector].type_attr = 0x8e | ((dpl & 3) << 5);
}

void cpu_init(void)
{
    gdt_load();
    idt_load();
}

void set_trap_handler(uint8_t vector, TrapHandler *handler)
{
    trap_handlers[vector] = handler;
}

void set_gate_dpl(uint8_t vector, unsigned dpl)
{
    idt[vector].type_attr = 0x8e | ((dpl & 3) << 5);
}

bool probe_fixup(TrapFrame *frame)
{
    if (frame->eip == (uint32_t)probe_read_insn) {
        frame->eip = (uint32_t)probe_read_resume;
        return true;
    }
    if (frame->eip == (uint32_t)probe_write_insn) {
        frame->eip = (uint32_t)probe_write_resume;
        return true;
    }
    return false;
}

void trap_dispatch(TrapFrame *frame)
{
    TrapHandler *handler = trap_handlers[frame->vector];

    if (handler) {
        handler(frame);
        return;
    }
    kprintf("unexpected trap: vector %u error %#x eip %#x cs %#x cr2 %#x\n",
            frame->vector, frame->error, frame->eip, frame->cs, read_cr2());
    guest_exit(EXIT_EXCEPTION);
}

void guest_exit(uint8_t value)
{
    outb(0xf4, value);
    for (;;) {
        __asm__ volatile("cli; hlt");
    }
}

void runtime_start(uint32_t magic, MultibootInfo *mbi)
{
    serial_init();
    cpu_init();
    test_main(magic, mbi);
    guest_exit(EXIT_DONE);
}
