/* SPDX-License-Identifier: MIT */
/*
 * PVH loader: an ELF32 or ELF64 kernel (a Linux vmlinux built with
 * CONFIG_PVH, Xen's own image, unikernels) that names a 32-bit entry in a
 * "Xen" ELF note of type XEN_ELFNOTE_PHYS32_ENTRY (18). Its PT_LOAD
 * segments go to their physical addresses; an hvm_start_info (version 1,
 * Xen's public arch-x86/hvm/start_info.h) at BOOT_INFO_ADDR carries the
 * command line, the -initrd file as module 0, the ACPI RSDP and the
 * memory map. The boot CPU starts at the note's entry in flat 32-bit
 * protected mode, paging off, with EBX = the start_info address. The
 * command line has up to BOOT_CMDLINE_MAX bytes of room; a Linux kernel
 * (one with notes named "Linux") keeps only 2047 of them, so a longer
 * one is refused, as the bzImage loader refuses more than cmdline_size.
 */
#include "hw/pc/loader-internal.h"
#include "util/cutils.h"

#include <elf.h>
#include <string.h>

#define XEN_ELFNOTE_PHYS32_ENTRY    18
#define HVM_START_MAGIC             0x336ec578u
#define HVM_START_VERSION           1

/* hvm_start_info and the tables after it, inside the BOOT_INFO page. */
#define SI_MAGIC            0
#define SI_VERSION          4
#define SI_FLAGS            8
#define SI_NR_MODULES       12
#define SI_MODLIST_PADDR    16
#define SI_CMDLINE_PADDR    24
#define SI_RSDP_PADDR       32
#define SI_MEMMAP_PADDR     40
#define SI_MEMMAP_ENTRIES   48
#define SI_MODLIST_OFFSET   0x40        /* hvm_modlist_entry: 32 bytes */
#define SI_MEMMAP_OFFSET    0x80        /* hvm_memmap_table_entry: 24 */
#define SI_MOD_SIZE         32
#define SI_MEMMAP_SIZE      24

/*
 * Linux copies COMMAND_LINE_SIZE bytes (2048 on x86, asm/setup.h) from
 * the start info's cmdline_paddr into boot_command_line, with no room
 * left for a NUL past 2047 characters; a PVH boot has no setup header
 * whose cmdline_size could say so. Debian's 6.1 vmlinux boots with 2047
 * characters and prints nothing at all with 2048. Other PVH kernels get
 * all the room the command line has (BOOT_CMDLINE_MAX).
 */
#define LINUX_PVH_CMDLINE_MAX       2047

static bool pvh_elf_open(LoaderElf *e, const uint8_t *image, size_t len)
{
    return loader_elf_open(e, image, len) &&
           (e->machine == EM_386 || e->machine == EM_X86_64) &&
           loader_elf_phdrs_ok(e);
}

/* The 32-bit entry of the Xen PHYS32_ENTRY note: 32 bits in 32-bit
 * images, 64 (_ASM_PTR) in Linux's. */
static bool pvh_find_entry(const LoaderElf *e, uint32_t *entry)
{
    LoaderNote n;

    if (!loader_elf_find_note(e, "Xen", XEN_ELFNOTE_PHYS32_ENTRY, &n)) {
        return false;
    }
    if (n.descsz == 4) {
        *entry = loader_ld32(n.desc);
        return true;
    }
    if (n.descsz == 8 && loader_ld64(n.desc) <= UINT32_MAX) {
        *entry = loader_ld64(n.desc);
        return true;
    }
    return false;
}

/* The longest command line the kernel in @e takes: Linux (which always
 * carries notes named "Linux") or any other. */
static uint64_t pvh_cmdline_max(const LoaderElf *e)
{
    LoaderNote n;

    if (loader_elf_find_note(e, "Linux", LOADER_NOTE_ANY_TYPE, &n)) {
        return LINUX_PVH_CMDLINE_MAX;
    }
    return BOOT_CMDLINE_MAX;
}

bool pvh_probe(const uint8_t *image, size_t len)
{
    LoaderElf e;
    uint32_t entry;

    return pvh_elf_open(&e, image, len) && pvh_find_entry(&e, &entry);
}

/* Load every PT_LOAD segment at its physical address; set *@end. */
static bool pvh_load_segments(PCMachine *pc, const char *path,
                              const LoaderElf *e, uint64_t *end, GError **errp)
{
    *end = 0;
    for (unsigned i = 0; i < e->phnum; i++) {
        LoaderPhdr ph = loader_elf_phdr(e, i);

        if (ph.type != PT_LOAD || ph.memsz == 0) {
            continue;
        }
        if (ph.filesz > ph.memsz || ph.offset > e->len ||
            ph.filesz > e->len - ph.offset) {
            g_set_error(errp, KESTREL_ERROR, 0,
                        "-kernel: %s: segment %u lies outside the file "
                        "(truncated image?)", path, i);
            return false;
        }
        if (ph.paddr < 0x100000 || !loader_ram_end(pc, ph.paddr, ph.memsz)) {
            g_set_error(errp, KESTREL_ERROR, 0,
                        "-kernel: %s: segment %u wants RAM at %#llx-%#llx, "
                        "but RAM below 4 GiB is 1 MiB-%#llx; give the guest "
                        "more memory with -m", path, i,
                        (unsigned long long)ph.paddr,
                        (unsigned long long)(ph.paddr + ph.memsz),
                        (unsigned long long)loader_ram_top_below_4g(pc));
            return false;
        }
        loader_write(pc, ph.paddr, e->data + ph.offset, ph.filesz,
                     ph.memsz - ph.filesz);
        *end = MAX(*end, ph.paddr + ph.memsz);
    }
    if (!*end) {
        g_set_error(errp, KESTREL_ERROR, 0,
                    "-kernel: %s: an ELF image with nothing to load", path);
        return false;
    }
    return true;
}

static void pvh_write_start_info(PCMachine *pc, uint32_t initrd_addr,
                                 uint32_t initrd_size, bool has_initrd)
{
    uint8_t si[BOOT_INFO_SIZE];
    unsigned n;
    g_autofree E820Entry *e820 = pc_e820_table(pc, &n);

    g_assert(SI_MEMMAP_OFFSET + n * SI_MEMMAP_SIZE <= sizeof(si));
    memset(si, 0, sizeof(si));
    loader_st32(si + SI_MAGIC, HVM_START_MAGIC);
    loader_st32(si + SI_VERSION, HVM_START_VERSION);
    loader_st32(si + SI_FLAGS, 0);
    loader_st64(si + SI_CMDLINE_PADDR, BOOT_CMDLINE_ADDR);
    loader_st64(si + SI_RSDP_PADDR, pc->acpi_rsdp);
    if (has_initrd) {
        uint8_t *mod = si + SI_MODLIST_OFFSET;

        loader_st32(si + SI_NR_MODULES, 1);
        loader_st64(si + SI_MODLIST_PADDR,
                    BOOT_INFO_ADDR + SI_MODLIST_OFFSET);
        loader_st64(mod, initrd_addr);
        loader_st64(mod + 8, initrd_size);
    }
    loader_st64(si + SI_MEMMAP_PADDR, BOOT_INFO_ADDR + SI_MEMMAP_OFFSET);
    loader_st32(si + SI_MEMMAP_ENTRIES, n);
    for (unsigned i = 0; i < n; i++) {
        uint8_t *m = si + SI_MEMMAP_OFFSET + i * SI_MEMMAP_SIZE;

        loader_st64(m, e820[i].addr);
        loader_st64(m + 8, e820[i].size);
        loader_st32(m + 16, e820[i].type);   /* same numbers as e820 */
    }
    loader_write(pc, BOOT_INFO_ADDR, si, sizeof(si), 0);
}

bool pvh_load(PCMachine *pc, const PCKernelConfig *kc, const uint8_t *image,
              size_t len, PCBootEntry *entry, GError **errp)
{
    LoaderElf e;
    uint32_t eip, initrd_addr = 0, initrd_size = 0;
    uint64_t end;

    if (!pvh_elf_open(&e, image, len) || !pvh_find_entry(&e, &eip)) {
        g_set_error(errp, KESTREL_ERROR, 0,
                    "-kernel: %s: no PVH entry note", kc->kernel);
        return false;
    }
    if (!loader_write_cmdline(pc, kc->cmdline, pvh_cmdline_max(&e), errp) ||
        !pvh_load_segments(pc, kc->kernel, &e, &end, errp)) {
        return false;
    }
    if (!loader_ram_end(pc, eip, 1)) {
        g_set_error(errp, KESTREL_ERROR, 0,
                    "-kernel: %s: the PVH entry %#x is not in RAM",
                    kc->kernel, eip);
        return false;
    }
    if (kc->initrd &&
        !loader_load_initrd(pc, kc->initrd, end, PC_HIGHMEM_START,
                            &initrd_addr, &initrd_size, errp)) {
        return false;
    }
    pvh_write_start_info(pc, initrd_addr, initrd_size, kc->initrd != NULL);
    *entry = (PCBootEntry){
        .kind = PC_BOOT_FLAT32, .eip = eip, .ebx = BOOT_INFO_ADDR,
    };
    loader_write_boot_gdt(pc, entry);
    return true;
}
