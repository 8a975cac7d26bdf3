/* SPDX-License-Identifier: MIT */
/*
 * The guest test runtime's one header: what a test program in tests/guest/
 * may call. The runtime boots a Multiboot v1 image into 32-bit flat
 * protected mode with its own GDT, TSS and IDT, then calls test_main().
 * Everything here runs inside the guest; nothing is hosted.
 */
#ifndef GUEST_H
#define GUEST_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Segment selectors of the runtime's GDT (runtime/cpu.c). */
#define SEL_KCODE   0x08
#define SEL_KDATA   0x10
#define SEL_UCODE   0x1b
#define SEL_UDATA   0x23
#define SEL_UCODE64 0x2b
#define SEL_KCODE64 0x30
#define SEL_KDATA64 0x38
#define SEL_TSS     0x40
#define SEL_TSS64   0x48

/* Exit values written to isa-debug-exit (the emulator exits with (v << 1) | 1). */
#define EXIT_DONE       0x00
#define EXIT_EXCEPTION  0x10

/* The Multiboot v1 information structure (spec section 3.3). */
typedef struct MultibootInfo {
    uint32_t flags;
    uint32_t mem_lower;
    uint32_t mem_upper;
    uint32_t boot_device;
    uint32_t cmdline;
    uint32_t mods_count;
    uint32_t mods_addr;
    uint32_t syms[4];
    uint32_t mmap_length;
    uint32_t mmap_addr;
} MultibootInfo;

/* One memory map entry; `size` does not count itself. */
typedef struct __attribute__((packed)) MultibootMmapEntry {
    uint32_t size;
    uint64_t addr;
    uint64_t len;
    uint32_t type;
} MultibootMmapEntry;

#define MB_INFO_MEMORY   (1u << 0)
#define MB_INFO_CMDLINE  (1u << 2)
#define MB_INFO_MEM_MAP  (1u << 6)

/*
 * What the interrupt stubs (runtime/entry.S) leave on the stack: the
 * general registers in pusha order, the vector, the error code (0 when the
 * CPU pushes none), then the CPU's own frame. esp and ss are valid only
 * when the interrupt came from CPL3.
 */
typedef struct TrapFrame {
    uint32_t edi, esi, ebp, esp_pusha, ebx, edx, ecx, eax;
    uint32_t vector, error;
    uint32_t eip, cs, eflags;
    uint32_t esp, ss;
} TrapFrame;

typedef void TrapHandler(TrapFrame *frame);

/* Provided by each test. */
void test_main(uint32_t magic, MultibootInfo *mbi);

/* Port I/O. */
static inline void outb(uint16_t port, uint8_t v)
{
    __asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline void outw(uint16_t port, uint16_t v)
{
    __asm__ volatile("outw %0, %1" : : "a"(v), "Nd"(port));
}

static inline void outl(uint16_t port, uint32_t v)
{
    __asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
    uint8_t v;
    __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
    return v;
}

static inline uint16_t inw(uint16_t port)
{
    uint16_t v;
    __asm__ volatile("inw %1, %0" : "=a"(v) : "Nd"(port));
    return v;
}

static inline uint32_t inl(uint16_t port)
{
    uint32_t v;
    __asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(port));
    return v;
}

/* Control registers. */
static inline uint32_t read_cr0(void)
{
    uint32_t v;
    __asm__ volatile("mov %%cr0, %0" : "=r"(v));
    return v;
}

static inline void write_cr0(uint32_t v)
{
    __asm__ volatile("mov %0, %%cr0" : : "r"(v) : "memory");
}

static inline uint32_t read_cr2(void)
{
    uint32_t v;
    __asm__ volatile("mov %%cr2, %0" : "=r"(v));
    return v;
}

static inline void write_cr3(uint32_t v)
{
    __asm__ volatile("mov %0, %%cr3" : : "r"(v) : "memory");
}

static inline uint32_t read_cr4(void)
{
    uint32_t v;
    __asm__ volatile("mov %%cr4, %0" : "=r"(v));
    return v;
}

static inline void write_cr4(uint32_t v)
{
    __asm__ volatile("mov %0, %%cr4" : : "r"(v) : "memory");
}

static inline uint64_t rdmsr(uint32_t msr)
{
    uint32_t lo, hi;
    __asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
    return ((uint64_t)hi << 32) | lo;
}

static inline void wrmsr(uint32_t msr, uint64_t v)
{
    __asm__ volatile("wrmsr" : : "c"(msr), "a"((uint32_t)v),
                     "d"((uint32_t)(v >> 32)));
}

static inline void invlpg(uint32_t addr)
{
    __asm__ volatile("invlpg (%0)" : : "r"(addr) : "memory");
}

static inline uint16_t read_cs(void)
{
    uint16_t v;
    __asm__ volatile("mov %%cs, %0" : "=r"(v));
    return v;
}

/* serial.c: COM1 output, polled. */
void serial_init(void);
void kputc(char c);
void kputs(const char *s);
void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void kvprintf(const char *fmt, va_list ap);

/* Ends the run through isa-debug-exit; never returns. */
void __attribute__((noreturn)) guest_exit(uint8_t value);

/* cpu.c: descriptor tables and trap dispatch. */
void cpu_init(void);
void set_trap_handler(uint8_t vector, TrapHandler *handler);
void set_gate_dpl(uint8_t vector, unsigned dpl);

/*
 * user.c / entry.S: run fn at CPL3 on user_stack (its top) with IF as
 * given. Returns the value passed to user_return() from a trap handler.
 */
uint32_t user_enter(void (*fn)(void), void *user_stack, bool interrupts);
void __attribute__((noreturn)) user_return(uint32_t value);

/*
 * entry.S: read or write one dword at addr. A trap handler that sees a
 * fault at one of these calls probe_fixup() to skip the access; the probe
 * then returns PROBE_FAULTED (reads) or does nothing (writes).
 */
#define PROBE_FAULTED 0xfa17fa17u
uint32_t probe_read(uint32_t addr);
void probe_write(uint32_t addr, uint32_t value);
bool probe_fixup(TrapFrame *frame);

/* paging.c: identity-mapped page tables. */
#define PTE_P   (1u << 0)
#define PTE_W   (1u << 1)
#define PTE_U   (1u << 2)
#define PTE_PS  (1u << 7)

/* 32-bit paging, first 4 MiB in 4 KiB pages with `flags`; returns CR3. */
uint32_t paging32_build(uint32_t flags);
/* Changes the flags of the 4 KiB page at addr (must be below 4 MiB). */
void paging32_set_flags(uint32_t addr, uint32_t flags);
/* 4-level tables identity-mapping the first 1 GiB with 2 MiB pages. */
uint32_t paging64_build(void);

/*
 * long.S: enter long mode with the given CR3 (from paging64_build()) and
 * jump to a 64-bit entry point, on the current stack, interrupts off.
 * 64-bit code prints with lm_putc/lm_puts/lm_puthex/lm_putdec (SysV AMD64
 * calls); trap64.S documents the 64-bit trap, user-mode and probe helpers.
 */
void __attribute__((noreturn)) long_mode_enter(uint32_t cr3, void (*entry64)(void));
/* Called by long_mode_enter(); a test may change a 64-bit gate's DPL first. */
void long_mode_tables(void);
void long_mode_set_gate_dpl(uint8_t vector, unsigned dpl);
/*
 * Maps virtual GiB number gib (1-511) onto the same first GiB of physical
 * memory: a second virtual alias of every page (after paging64_build()).
 */
void paging64_alias(unsigned gib);
/* Flags of the 2 MiB page at addr in the long-mode tables (addr < 1 GiB). */
void paging64_set_flags(uint32_t addr, uint32_t flags);
/* Sets XD (bit 63) on the 2 MiB page at addr; needs EFER.NXE to mean it. */
void paging64_set_nx(uint32_t addr);

/*
 * user64.S: enter long mode with CR3 = cr3 and run user_main at CPL3 after
 * kernel_setup (64-bit, CPL0, may be NULL); see user64.S for the system
 * calls, the trap-and-resume service and the CPL3 helpers (u_*).
 */
void __attribute__((noreturn)) user64_run(uint32_t cr3, void (*user_main)(void),
                                          void (*kernel_setup)(void));

/* pic.c: the two 8259s and the 8254. */
void pic_remap(uint8_t master_base, uint8_t slave_base);
void pic_set_mask(uint16_t mask);
void pic_eoi(uint8_t irq);
void pit_start_periodic(uint16_t divisor);

#endif
