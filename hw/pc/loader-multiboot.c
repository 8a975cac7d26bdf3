/* SPDX-License-Identifier: MIT */
/*
 * Multiboot v1 loader (Multiboot Specification 0.6.96): finds the header in
 * the first 8 KiB, loads an ELF32 image by its program headers or any
 * image through the a.out kludge (header flag 16), loads -initrd modules,
 * and builds the boot information block: memory sizes, the memory map,
 * the command line, modules and the loader's name. The boot CPU then
 * starts in flat 32-bit protected mode with EAX=0x2BADB002, EBX=info.
 */
#include "hw/pc/loader.h"
#include "util/cutils.h"

#include <elf.h>
#include <string.h>

#define MB_HEADER_MAGIC     0x1BADB002u
#define MB_BOOT_MAGIC       0x2BADB002u
#define MB_SEARCH           8192
#define MB_FLAG_PAGE_ALIGN  (1u << 0)
#define MB_FLAG_MEMINFO     (1u << 1)
#define MB_FLAG_VIDEO       (1u << 2)
#define MB_FLAG_AOUT        (1u << 16)
#define MB_KNOWN_REQUIRED   (MB_FLAG_PAGE_ALIGN | MB_FLAG_MEMINFO | \
                             MB_FLAG_VIDEO)

/* Info flags (spec 3.3). */
#define MBI_MEMORY          (1u << 0)
#define MBI_BOOTDEV         (1u << 1)
#define MBI_CMDLINE         (1u << 2)
#define MBI_MODS            (1u << 3)
#define MBI_MMAP            (1u << 6)
#define MBI_LOADER_NAME     (1u << 9)

#define MBI_SIZE            88
#define MB_MOD_SIZE         16
#define MB_MMAP_ENTRY       24

typedef struct MBHeader {
    uint32_t magic, flags, checksum;
    uint32_t header_addr, load_addr, load_end_addr, bss_end_addr, entry_addr;
} MBHeader;

typedef struct MBLoad {
    PCMachine *pc;
    const char *path;
    uint64_t top;           /* first free byte after what is loaded */
} MBLoad;

static uint32_t rd32(const uint8_t *p)
{
    return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static void wr32(uint8_t *p, uint32_t v)
{
    p[0] = v;
    p[1] = v >> 8;
    p[2] = v >> 16;
    p[3] = v >> 24;
}

static long multiboot_find(const uint8_t *image, size_t len)
{
    for (size_t off = 0; off + 12 <= MIN(len, (size_t)MB_SEARCH); off += 4) {
        uint32_t magic = rd32(image + off);
        uint32_t flags = rd32(image + off + 4);
        uint32_t sum = rd32(image + off + 8);

        if (magic == MB_HEADER_MAGIC && magic + flags + sum == 0) {
            return off;
        }
    }
    return -1;
}

bool multiboot_probe(const uint8_t *image, size_t len)
{
    return multiboot_find(image, len) >= 0;
}

/* Copy @len bytes (then @zero zero bytes) to guest RAM at @addr. */
static bool mb_place(MBLoad *ld, uint64_t addr, const void *data,
                     uint64_t len, uint64_t zero, GError **errp)
{
    PCMachine *pc = ld->pc;
    uint64_t end = addr + len + zero;
    g_autofree uint8_t *zeros = NULL;

    if (end < addr || end > pc->below_4g ||
        (addr < 0x100000 && end > 0x9fc00)) {
        g_set_error(errp, KESTREL_ERROR, 0,
                    "-kernel: %s: wants memory at %#llx-%#llx, outside the "
                    "guest's RAM (%llu MiB below 4 GiB)", ld->path,
                    (unsigned long long)addr, (unsigned long long)end,
                    (unsigned long long)(pc->below_4g >> 20));
        return false;
    }
    if (len) {
        address_space_write(&pc->m.as_memory, addr, data, len);
    }
    if (zero) {
        zeros = g_malloc0(zero);
        address_space_write(&pc->m.as_memory, addr + len, zeros, zero);
    }
    ld->top = MAX(ld->top, end);
    return true;
}

static bool mb_load_elf(MBLoad *ld, const uint8_t *image, size_t len,
                        uint32_t *entry, GError **errp)
{
    const Elf32_Ehdr *eh = (const Elf32_Ehdr *)image;
    bool entry_mapped = false;

    if (len < sizeof(Elf64_Ehdr) || image[EI_CLASS] == ELFCLASS64) {
        g_set_error(errp, KESTREL_ERROR, 0,
                    "-kernel: %s: a 64-bit ELF image; multiboot v1 needs a "
                    "32-bit ELF or the a.out kludge", ld->path);
        return false;
    }
    if (image[EI_CLASS] != ELFCLASS32 || eh->e_machine != EM_386 ||
        eh->e_phentsize != sizeof(Elf32_Phdr) || eh->e_phnum == 0 ||
        eh->e_phoff > len ||
        (uint64_t)eh->e_phnum * sizeof(Elf32_Phdr) > len - eh->e_phoff) {
        g_set_error(errp, KESTREL_ERROR, 0,
                    "-kernel: %s: not a valid 32-bit x86 ELF image", ld->path);
        return false;
    }
    *entry = eh->e_entry;
    for (unsigned i = 0; i < eh->e_phnum; i++) {
        const Elf32_Phdr *ph = (const Elf32_Phdr *)(image + eh->e_phoff) + i;

        if (ph->p_type != PT_LOAD || ph->p_memsz == 0) {
            continue;
        }
        if (ph->p_filesz > ph->p_memsz || ph->p_offset > len ||
            ph->p_filesz > len - ph->p_offset) {
            g_set_error(errp, KESTREL_ERROR, 0,
                        "-kernel: %s: segment %u lies outside the file "
                        "(truncated image?)", ld->path, i);
            return false;
        }
        if (!mb_place(ld, ph->p_paddr, image + ph->p_offset, ph->p_filesz,
                      ph->p_memsz - ph->p_filesz, errp)) {
            return false;
        }
        /* The entry is a virtual address; run it at its physical one. */
        if (!entry_mapped && eh->e_entry >= ph->p_vaddr &&
            eh->e_entry - ph->p_vaddr < ph->p_memsz) {
            *entry = ph->p_paddr + (eh->e_entry - ph->p_vaddr);
            entry_mapped = true;
        }
    }
    return true;
}

static bool mb_load_aout(MBLoad *ld, const uint8_t *image, size_t len,
                         long hdr_off, const MBHeader *h, uint32_t *entry,
                         GError **errp)
{
    uint64_t file_off, load_len, bss = 0;

    if (h->header_addr < h->load_addr ||
        h->header_addr - h->load_addr > (uint64_t)hdr_off) {
        goto bad;
    }
    file_off = hdr_off - (h->header_addr - h->load_addr);
    load_len = h->load_end_addr ? (uint64_t)h->load_end_addr - h->load_addr
                                : len - file_off;
    if (h->load_end_addr && h->load_end_addr < h->load_addr) {
        goto bad;
    }
    if (file_off + load_len > len) {
        g_set_error(errp, KESTREL_ERROR, 0,
                    "-kernel: %s: the multiboot header asks for %llu bytes "
                    "but the file is shorter (truncated image?)", ld->path,
                    (unsigned long long)load_len);
        return false;
    }
    if (h->bss_end_addr) {
        if (h->bss_end_addr < h->load_addr + load_len) {
            goto bad;
        }
        bss = h->bss_end_addr - (h->load_addr + load_len);
    }
    *entry = h->entry_addr;
    return mb_place(ld, h->load_addr, image + file_off, load_len, bss, errp);
bad:
    g_set_error(errp, KESTREL_ERROR, 0,
                "-kernel: %s: inconsistent multiboot a.out addresses",
                ld->path);
    return false;
}

static uint64_t align_up(uint64_t v, uint64_t a)
{
    return (v + a - 1) & ~(a - 1);
}

/* Load each module; fill the module list (addresses of strings later). */
static bool mb_load_modules(MBLoad *ld, const char *initrd, GArray *mods,
                            GPtrArray *names, GError **errp)
{
    g_auto(GStrv) specs = g_strsplit(initrd, ",", -1);

    for (char **spec = specs; *spec; spec++) {
        g_auto(GStrv) words = g_strsplit(g_strstrip(*spec), " ", 2);
        g_autofree char *data = NULL;
        gsize len;
        GError *err = NULL;
        uint64_t start = align_up(ld->top, 4096);
        uint32_t range[2];

        if (!words[0] || !*words[0]) {
            g_set_error(errp, KESTREL_ERROR, 0, "-initrd: empty module name");
            return false;
        }
        if (!g_file_get_contents(words[0], &data, &len, &err)) {
            g_set_error(errp, KESTREL_ERROR, 0, "-initrd: %s", err->message);
            g_error_free(err);
            return false;
        }
        if (!mb_place(ld, start, data, len, 0, errp)) {
            g_prefix_error(errp, "-initrd: module %s does not fit: ",
                           words[0]);
            return false;
        }
        range[0] = start;
        range[1] = start + len;
        g_array_append_vals(mods, range, 2);
        g_ptr_array_add(names, g_strdup(g_strstrip(*spec)));
    }
    return true;
}

/* Append @s (NUL-terminated) to the string area; return its address. */
static uint32_t mb_add_string(GByteArray *area, uint32_t area_addr,
                              const char *s)
{
    uint32_t addr = area_addr + area->len;

    g_byte_array_append(area, (const guint8 *)s, strlen(s) + 1);
    return addr;
}

static bool mb_write_info(MBLoad *ld, const PCKernelConfig *kc, GArray *mods,
                          GPtrArray *names, uint32_t *info_addr,
                          GError **errp)
{
    PCMachine *pc = ld->pc;
    unsigned ne;
    g_autofree E820Entry *e820 = pc_e820_table(pc, &ne);
    uint32_t base = align_up(ld->top, 4096);
    uint32_t mods_addr = base + MBI_SIZE;
    uint32_t mmap_addr = mods_addr + names->len * MB_MOD_SIZE;
    uint32_t str_addr = mmap_addr + ne * MB_MMAP_ENTRY;
    g_autoptr(GByteArray) blob = g_byte_array_new();
    g_autoptr(GByteArray) strs = g_byte_array_new();
    g_autofree char *cmdline = NULL;
    uint8_t *mbi;

    g_byte_array_set_size(blob, str_addr - base);
    memset(blob->data, 0, blob->len);
    mbi = blob->data;
    cmdline = kc->cmdline && *kc->cmdline
                  ? g_strdup_printf("%s %s", kc->kernel, kc->cmdline)
                  : g_strdup(kc->kernel);

    wr32(mbi + 0, MBI_MEMORY | MBI_BOOTDEV | MBI_CMDLINE | MBI_MODS |
                      MBI_MMAP | MBI_LOADER_NAME);
    wr32(mbi + 4, 0x9fc00 / 1024);                      /* mem_lower */
    wr32(mbi + 8, (MIN(pc->below_4g, 0xfff00000ull) - 0x100000) / 1024);
    wr32(mbi + 12, 0x8000ffff);         /* boot_device: first disk, whole */
    wr32(mbi + 16, mb_add_string(strs, str_addr, cmdline));
    wr32(mbi + 20, names->len);
    wr32(mbi + 24, mods_addr);
    wr32(mbi + 44, ne * MB_MMAP_ENTRY);
    wr32(mbi + 48, mmap_addr);
    wr32(mbi + 64, mb_add_string(strs, str_addr, "Kestrel"));
    for (guint i = 0; i < names->len; i++) {
        uint8_t *m = blob->data + (mods_addr - base) + i * MB_MOD_SIZE;

        wr32(m, g_array_index(mods, uint32_t, 2 * i));
        wr32(m + 4, g_array_index(mods, uint32_t, 2 * i + 1));
        wr32(m + 8, mb_add_string(strs, str_addr,
                                  g_ptr_array_index(names, i)));
    }
    for (unsigned i = 0; i < ne; i++) {
        uint8_t *e = blob->data + (mmap_addr - base) + i * MB_MMAP_ENTRY;

        wr32(e, 20);                    /* size of the rest of the entry */
        wr32(e + 4, e820[i].addr);
        wr32(e + 8, e820[i].addr >> 32);
        wr32(e + 12, e820[i].size);
        wr32(e + 16, e820[i].size >> 32);
        wr32(e + 20, e820[i].type);
    }
    g_byte_array_append(blob, strs->data, strs->len);
    *info_addr = base;
    return mb_place(ld, base, blob->data, blob->len, 0, errp);
}

bool multiboot_load(PCMachine *pc, const PCKernelConfig *kc,
                    const uint8_t *image, size_t len, PCBootEntry *entry,
                    GError **errp)
{
    long off = multiboot_find(image, len);
    MBLoad ld = { .pc = pc, .path = kc->kernel };
    g_autoptr(GArray) mods = g_array_new(false, false, sizeof(uint32_t));
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
    MBHeader h;
    uint32_t eip, info;
    bool ok;

    g_assert(off >= 0);
    memset(&h, 0, sizeof(h));
    memcpy(&h, image + off, MIN(sizeof(h), len - off));
    if (h.flags & 0xffff & ~MB_KNOWN_REQUIRED) {
        g_set_error(errp, KESTREL_ERROR, 0,
                    "-kernel: %s: the multiboot header requires features "
                    "Kestrel does not know (flags %#x)", kc->kernel, h.flags);
        return false;
    }
    if (h.flags & MB_FLAG_AOUT) {
        if (len - off < sizeof(h)) {
            g_set_error(errp, KESTREL_ERROR, 0,
                        "-kernel: %s: truncated multiboot header", kc->kernel);
            return false;
        }
        ok = mb_load_aout(&ld, image, len, off, &h, &eip, errp);
    } else if (len >= 4 && !memcmp(image, "\x7f" "ELF", 4)) {
        ok = mb_load_elf(&ld, image, len, &eip, errp);
    } else {
        g_set_error(errp, KESTREL_ERROR, 0,
                    "-kernel: %s: multiboot image is neither ELF nor has the "
                    "a.out address fields (flag 16)", kc->kernel);
        return false;
    }
    if (!ok || (kc->initrd &&
                !mb_load_modules(&ld, kc->initrd, mods, names, errp)) ||
        !mb_write_info(&ld, kc, mods, names, &info, errp)) {
        return false;
    }
    *entry = (PCBootEntry){
        .kind = PC_BOOT_FLAT32, .eip = eip, .eax = MB_BOOT_MAGIC, .ebx = info,
    };
    return true;
}
