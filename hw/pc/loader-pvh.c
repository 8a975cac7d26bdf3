/* SPDX-License-Identifier: MIT */
/*
 * PVH loader: an ELF32 or ELF64 kernel (a Linux vmlinux built with
 * CONFIG_PVH, Xen's own image, unikernels) that names a 32-bit entry in a
 * "Xen" ELF note of type XEN_ELFNOTE_PHYS32_ENTRY (18). Its PT_LOAD
 * segments go to their physical addresses; an hvm_start_info (version 1,
 * Xen's public arch-x86/hvm/start_info.h) at BOOT_INFO_ADDR carries the
 * command line, the -initrd file as module 0, the ACPI RSDP and the
 * memory map. The boot CPU starts at the note's entry in flat 32-bit
 * protected mode, paging off, with EBX = the start_info address.
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

/* One program header, whatever the ELF class. */
typedef struct PVHPhdr {
    uint32_t type;
    uint64_t offset, paddr, filesz, memsz;
} PVHPhdr;

typedef struct PVHElf {
    const uint8_t *data;
    size_t len;
    bool is64;
    uint64_t phoff;
    unsigned phnum;
} PVHElf;

static bool pvh_elf_open(PVHElf *e, const uint8_t *image, size_t len)
{
    unsigned phentsize;
    uint16_t machine;

    if (len < sizeof(Elf64_Ehdr) || memcmp(image, ELFMAG, SELFMAG) ||
        image[EI_DATA] != ELFDATA2LSB) {
        return false;
    }
    e->data = image;
    e->len = len;
    e->is64 = image[EI_CLASS] == ELFCLASS64;
    if (!e->is64 && image[EI_CLASS] != ELFCLASS32) {
        return false;
    }
    machine = loader_ld16(image + offsetof(Elf32_Ehdr, e_machine));
    if (e->is64) {
        e->phoff = loader_ld64(image + offsetof(Elf64_Ehdr, e_phoff));
        phentsize = loader_ld16(image + offsetof(Elf64_Ehdr, e_phentsize));
        e->phnum = loader_ld16(image + offsetof(Elf64_Ehdr, e_phnum));
    } else {
        e->phoff = loader_ld32(image + offsetof(Elf32_Ehdr, e_phoff));
        phentsize = loader_ld16(image + offsetof(Elf32_Ehdr, e_phentsize));
        e->phnum = loader_ld16(image + offsetof(Elf32_Ehdr, e_phnum));
    }
    return (machine == EM_386 || machine == EM_X86_64) &&
           phentsize == (e->is64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr)) &&
           e->phoff <= len &&
           (uint64_t)e->phnum * phentsize <= len - e->phoff;
}

static PVHPhdr pvh_elf_phdr(const PVHElf *e, unsigned i)
{
    PVHPhdr ph;

    if (e->is64) {
        const uint8_t *p = e->data + e->phoff + i * sizeof(Elf64_Phdr);

        ph.type = loader_ld32(p + offsetof(Elf64_Phdr, p_type));
        ph.offset = loader_ld64(p + offsetof(Elf64_Phdr, p_offset));
        ph.paddr = loader_ld64(p + offsetof(Elf64_Phdr, p_paddr));
        ph.filesz = loader_ld64(p + offsetof(Elf64_Phdr, p_filesz));
        ph.memsz = loader_ld64(p + offsetof(Elf64_Phdr, p_memsz));
    } else {
        const uint8_t *p = e->data + e->phoff + i * sizeof(Elf32_Phdr);

        ph.type = loader_ld32(p + offsetof(Elf32_Phdr, p_type));
        ph.offset = loader_ld32(p + offsetof(Elf32_Phdr, p_offset));
        ph.paddr = loader_ld32(p + offsetof(Elf32_Phdr, p_paddr));
        ph.filesz = loader_ld32(p + offsetof(Elf32_Phdr, p_filesz));
        ph.memsz = loader_ld32(p + offsetof(Elf32_Phdr, p_memsz));
    }
    return ph;
}

/* Walk the notes of one PT_NOTE segment for the PVH entry. */
static bool pvh_find_in_notes(const uint8_t *p, uint64_t len, uint32_t *entry)
{
    uint64_t off = 0;

    while (len - off >= 12) {
        uint32_t namesz = loader_ld32(p + off);
        uint32_t descsz = loader_ld32(p + off + 4);
        uint32_t type = loader_ld32(p + off + 8);
        uint64_t name = off + 12;
        uint64_t desc = name + loader_align_up(namesz, 4);
        uint64_t next = desc + loader_align_up(descsz, 4);

        if (desc > len || next > len) {
            return false;
        }
        if (type == XEN_ELFNOTE_PHYS32_ENTRY && namesz == 4 &&
            !memcmp(p + name, "Xen", 4)) {
            /* 32 bits in 32-bit images, 64 (_ASM_PTR) in Linux's. */
            if (descsz == 4) {
                *entry = loader_ld32(p + desc);
                return true;
            }
            if (descsz == 8 && loader_ld64(p + desc) <= UINT32_MAX) {
                *entry = loader_ld64(p + desc);
                return true;
            }
        }
        off = next;
    }
    return false;
}

static bool pvh_find_entry(const PVHElf *e, uint32_t *entry)
{
    for (unsigned i = 0; i < e->phnum; i++) {
        PVHPhdr ph = pvh_elf_phdr(e, i);

        if (ph.type == PT_NOTE && ph.offset <= e->len &&
            ph.filesz <= e->len - ph.offset &&
            pvh_find_in_notes(e->data + ph.offset, ph.filesz, entry)) {
            return true;
        }
    }
    return false;
}

bool pvh_probe(const uint8_t *image, size_t len)
{
    PVHElf e;
    uint32_t entry;

    return pvh_elf_open(&e, image, len) && pvh_find_entry(&e, &entry);
}

/* Load every PT_LOAD segment at its physical address; set *@end. */
static bool pvh_load_segments(PCMachine *pc, const char *path,
                              const PVHElf *e, uint64_t *end, GError **errp)
{
    *end = 0;
    for (unsigned i = 0; i < e->phnum; i++) {
        PVHPhdr ph = pvh_elf_phdr(e, i);

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
    PVHElf e;
    uint32_t eip, initrd_addr = 0, initrd_size = 0;
    uint64_t end;

    if (!pvh_elf_open(&e, image, len) || !pvh_find_entry(&e, &eip)) {
        g_set_error(errp, KESTREL_ERROR, 0,
                    "-kernel: %s: no PVH entry note", kc->kernel);
        return false;
    }
    if (!loader_write_cmdline(pc, kc->cmdline, BOOT_CMDLINE_MAX, errp) ||
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
