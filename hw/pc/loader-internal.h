/* SPDX-License-Identifier: MIT */
/*
 * What the Linux and PVH loaders share: the fixed low-memory layout they
 * build their boot blocks in, RAM range checks against the e820 map, the
 * -initrd file placed as high as it may go, the flat boot GDT, and ELF
 * headers read with their bounds checked. Only hw/pc/loader*.c include
 * this.
 */
#ifndef HW_PC_LOADER_INTERNAL_H
#define HW_PC_LOADER_INTERNAL_H

#include "hw/pc/loader.h"

/*
 * Low memory, all inside the first e820 RAM entry (below the EBDA at
 * 0x9fc00), away from the real-mode IVT and BDA and from where the
 * kernel's decompressor puts anything:
 *
 *   0x90000  boot_params (zero page) or hvm_start_info + module list +
 *            memory map; 4 KiB
 *   0x91000  the boot GDT (null, null, 0x10 code, 0x18 data)
 *   0x91020  heap (heap_end_ptr points at 0x97e00, relative 0x7e00)
 *   0x98000  the command line, up to 0x9fbff
 */
#define BOOT_INFO_ADDR      0x90000u
#define BOOT_INFO_SIZE      0x1000u
#define BOOT_GDT_ADDR       0x91000u
#define BOOT_HEAP_END       0x98000u
#define BOOT_CMDLINE_ADDR   0x98000u
#define BOOT_CMDLINE_END    0x9fc00u
#define BOOT_CMDLINE_MAX    (BOOT_CMDLINE_END - BOOT_CMDLINE_ADDR - 1)

/* Selectors of the boot GDT: Linux's __BOOT_CS and __BOOT_DS. */
#define BOOT_CS             0x10
#define BOOT_DS             0x18
#define BOOT_GDT_LIMIT      0x1f

#define MiB                 (1024 * 1024ull)

static inline uint64_t loader_align_up(uint64_t v, uint64_t a)
{
    return (v + a - 1) & ~(a - 1);
}

static inline void loader_st16(uint8_t *p, uint16_t v)
{
    p[0] = v;
    p[1] = v >> 8;
}

static inline void loader_st32(uint8_t *p, uint32_t v)
{
    loader_st16(p, v);
    loader_st16(p + 2, v >> 16);
}

static inline void loader_st64(uint8_t *p, uint64_t v)
{
    loader_st32(p, v);
    loader_st32(p + 4, v >> 32);
}

static inline uint16_t loader_ld16(const uint8_t *p)
{
    return p[0] | p[1] << 8;
}

static inline uint32_t loader_ld32(const uint8_t *p)
{
    return loader_ld16(p) | (uint32_t)loader_ld16(p + 2) << 16;
}

static inline uint64_t loader_ld64(const uint8_t *p)
{
    return loader_ld32(p) | (uint64_t)loader_ld32(p + 4) << 32;
}

/*
 * The end of the e820 RAM entry that holds [@addr, @addr + @size), or 0
 * when no single RAM entry holds it.
 */
uint64_t loader_ram_end(const PCMachine *pc, uint64_t addr, uint64_t size);

/* The end of usable RAM below 4 GiB: the end of the RAM entry at 1 MiB. */
uint64_t loader_ram_top_below_4g(const PCMachine *pc);

/* Copy @len bytes, then @zero zero bytes, into guest RAM at @addr. */
void loader_write(PCMachine *pc, uint64_t addr, const void *data,
                  uint64_t len, uint64_t zero);

/*
 * Read -initrd @path and load it page-aligned as high as it fits in RAM
 * at or above @floor and ending at or below @ceiling. Sets @addr and
 * @size. Errors read "-initrd: <path>: <why>".
 */
bool loader_load_initrd(PCMachine *pc, const char *path, uint64_t floor,
                        uint64_t ceiling, uint32_t *addr, uint32_t *size,
                        GError **errp);

/* Write the command line (NUL-terminated) at BOOT_CMDLINE_ADDR; @max is
 * the longest the kernel accepts, without the NUL. */
bool loader_write_cmdline(PCMachine *pc, const char *cmdline, uint64_t max,
                          GError **errp);

/* Write the boot GDT and point @entry's GDTR at it. */
void loader_write_boot_gdt(PCMachine *pc, PCBootEntry *entry);

/* ---- ELF images (hw/pc/loader-elf.c) ---- */

/* The file header of a little-endian ELF32 or ELF64 image. */
typedef struct LoaderElf {
    const uint8_t *data;
    size_t len;
    bool is64;
    uint16_t machine;
    uint64_t phoff;
    unsigned phentsize;
    unsigned phnum;
} LoaderElf;

/* One program header, whatever the ELF class. */
typedef struct LoaderPhdr {
    uint32_t type;
    uint64_t offset, paddr, filesz, memsz;
} LoaderPhdr;

/* One ELF note: its type and descriptor (inside the image). */
typedef struct LoaderNote {
    uint32_t type;
    const uint8_t *desc;
    uint32_t descsz;
} LoaderNote;

#define LOADER_NOTE_ANY_TYPE UINT32_MAX

/* Read @image's ELF header; false when it is not a whole little-endian
 * ELF32/ELF64 header. */
bool loader_elf_open(LoaderElf *e, const uint8_t *image, size_t len);

/* The program headers have the class's size and lie inside the file. */
bool loader_elf_phdrs_ok(const LoaderElf *e);

/* Program header @i; only when loader_elf_phdrs_ok(). */
LoaderPhdr loader_elf_phdr(const LoaderElf *e, unsigned i);

/*
 * For an ELF @image (anything else passes): false with "-kernel: <path>:
 * truncated: ..." in @errp when the file ends inside its ELF header, its
 * program header table or the file bytes of any of its segments.
 */
bool loader_elf_check_complete(const char *path, const uint8_t *image,
                               size_t len, GError **errp);

/* The first note named @name (without the NUL) of type @type (or
 * LOADER_NOTE_ANY_TYPE) in the PT_NOTE segments of @e. */
bool loader_elf_find_note(const LoaderElf *e, const char *name,
                          uint32_t type, LoaderNote *note);

#endif
