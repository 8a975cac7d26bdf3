/* SPDX-License-Identifier: MIT */
/*
 * pvhboot: an ELF with a Xen PVH entry note (XEN_ELFNOTE_PHYS32_ENTRY,
 * boot-entry.S), entered in flat 32-bit mode with EBX = hvm_start_info
 * (Xen's public arch-x86/hvm/start_info.h, version 1). Prints the entry
 * state, the start_info fields, the module list (the -initrd file, with
 * its bytes), the command line, the RSDP and the memory map. The same
 * image converted to ELF64 (pvhboot64) must print the same.
 */
#include "runtime/guest.h"
#include "boot-entry.h"

typedef struct HvmStartInfo {
    uint32_t magic, version, flags, nr_modules;
    uint64_t modlist_paddr, cmdline_paddr, rsdp_paddr;
    uint64_t memmap_paddr;
    uint32_t memmap_entries, reserved;
} HvmStartInfo;

typedef struct HvmModlistEntry {
    uint64_t paddr, size, cmdline_paddr, reserved;
} HvmModlistEntry;

void test_main(uint32_t kind, MultibootInfo *info)
{
    const HvmStartInfo *si = (const HvmStartInfo *)info;

    boot_print_entry();
    kprintf("hvm_start_info at %#x (kind %u)\n", (uint32_t)si, kind);
    kprintf("  magic %#x version %u flags %#x\n", si->magic, si->version, si->flags);
    kprintf("  nr_modules %u modlist_paddr %#llx\n", si->nr_modules,
            si->modlist_paddr);
    for (uint32_t i = 0; i < si->nr_modules; i++) {
        const HvmModlistEntry *m =
            (const HvmModlistEntry *)(uint32_t)si->modlist_paddr + i;

        kprintf("  module %u: paddr %#llx (page offset %#x) size %llu "
                "cmdline_paddr %#llx\n", i, m->paddr,
                (uint32_t)m->paddr & 0xfff, m->size, m->cmdline_paddr);
        boot_print_text("module text", (const char *)(uint32_t)m->paddr,
                        (uint32_t)m->size);
    }
    kprintf("  cmdline_paddr %#llx\n", si->cmdline_paddr);
    if (si->cmdline_paddr) {
        boot_print_text("cmdline", (const char *)(uint32_t)si->cmdline_paddr, 256);
    }
    kprintf("  rsdp_paddr %#llx (valid RSDP %u)\n", si->rsdp_paddr,
            boot_rsdp_ok(si->rsdp_paddr));
    kprintf("  memmap_paddr %#llx memmap_entries %u reserved %u\n",
            si->memmap_paddr, si->memmap_entries, si->reserved);
    boot_print_map((const void *)(uint32_t)si->memmap_paddr, si->memmap_entries, 24);
}
