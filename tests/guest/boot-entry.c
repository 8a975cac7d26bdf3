/* SPDX-License-Identifier: MIT */
/*
 * Printing for the boot-protocol tests (linuxboot, pvhboot): the
 * registers boot-entry.S saved at entry, the boot GDT they point at, a
 * memory map, and text the loader put in memory.
 */
#include "runtime/guest.h"
#include "boot-entry.h"

void boot_print_entry(void)
{
    const BootRegs *r = &boot_regs;
    const volatile uint32_t *gdt = (const volatile uint32_t *)r->gdt_base;

    kprintf("entry: %s\n", r->kind == BOOT_KIND_LINUX ? "linux 32-bit" : "pvh");
    kprintf("  eax %#x ebx %#x esi %#x edi %#x ebp %#x\n",
            r->eax, r->ebx, r->esi, r->edi, r->ebp);
    kprintf("  cs %#x ds %#x es %#x ss %#x fs %#x gs %#x\n",
            r->cs, r->ds, r->es, r->ss, r->fs, r->gs);
    kprintf("  cr0.PE %u cr0.PG %u eflags.IF %u eflags.VM %u\n",
            r->cr0 & 1, r->cr0 >> 31, (r->eflags >> 9) & 1, (r->eflags >> 17) & 1);
    kprintf("  gdtr base %#x limit %#x\n", r->gdt_base, r->gdt_limit);
    if (r->gdt_limit >= 0x1f) {
        kprintf("  gdt[0x10] %08x%08x gdt[0x18] %08x%08x\n",
                gdt[5], gdt[4], gdt[7], gdt[6]);
    }
}

void boot_print_map(const void *table, unsigned count, unsigned stride)
{
    const uint8_t *e = table;

    for (unsigned i = 0; i < count; i++, e += stride) {
        kprintf("    %#011llx-%#011llx type %u\n",
                *(const uint64_t *)e,
                *(const uint64_t *)e + *(const uint64_t *)(e + 8) - 1,
                *(const uint32_t *)(e + 16));
    }
}

void boot_print_text(const char *label, const char *s, uint32_t max)
{
    kprintf("  %s \"", label);
    for (uint32_t i = 0; i < max && s[i]; i++) {
        kputc(s[i] == '\n' ? '|' : s[i]);
    }
    kputs("\"\n");
}

bool boot_rsdp_ok(uint64_t addr)
{
    const char *p = (const char *)(uint32_t)addr;
    uint8_t sum = 0;

    if (!addr || addr >= 0x100000) {
        return false;
    }
    for (int i = 0; i < 20; i++) {
        sum += (uint8_t)p[i];
    }
    for (int i = 0; i < 8; i++) {
        if (p[i] != "RSD PTR "[i]) {
            return false;
        }
    }
    return sum == 0;
}
