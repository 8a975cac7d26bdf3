/* SPDX-License-Identifier: MIT */
/*
 * Linux bzImage loader, following the x86 boot protocol
 * (Documentation/arch/x86/boot.rst) through its 32-bit entry: the
 * protected-mode kernel goes to its preferred address, the setup header is
 * copied into a zeroed boot_params ("zero page") at BOOT_INFO_ADDR and
 * completed the way a boot loader must (loader type, heap, command line,
 * initrd, e820 map, ACPI RSDP), and the boot CPU starts at the kernel's
 * 32-bit entry in flat protected mode with ESI = boot_params, CS = 0x10
 * and DS = 0x18 from a GDT in low memory. The real-mode setup code is not
 * loaded: nothing runs it.
 *
 * Protocol 2.06 or later is required (cmdline_size); from 2.10 the header
 * gives pref_address and init_size, and the whole area the kernel
 * decompresses into, [runtime address, + init_size), must be RAM.
 */
#include "hw/pc/loader-internal.h"
#include "util/cutils.h"

#include <string.h>

/* Offsets in the image and in boot_params (boot.rst, zero-page.rst). */
#define BP_ACPI_RSDP_ADDR   0x070
#define BP_EXT_RAMDISK_IMG  0x0c0
#define BP_EXT_RAMDISK_SIZE 0x0c4
#define BP_EXT_CMD_LINE_PTR 0x0c8
#define BP_ALT_MEM_K        0x1e0
#define BP_E820_ENTRIES     0x1e8
#define BP_SENTINEL         0x1ef
#define BP_E820_TABLE       0x2d0
#define BP_E820_MAX         128
#define BP_HDR_LIMIT        0x290   /* the setup header ends before this */

#define HDR_START           0x1f1
#define HDR_SETUP_SECTS     0x1f1
#define HDR_SYSSIZE         0x1f4
#define HDR_BOOT_FLAG       0x1fe
#define HDR_JUMP            0x200
#define HDR_MAGIC           0x202
#define HDR_VERSION         0x206
#define HDR_TYPE_OF_LOADER  0x210
#define HDR_LOADFLAGS       0x211
#define HDR_CODE32_START    0x214
#define HDR_RAMDISK_IMAGE   0x218
#define HDR_RAMDISK_SIZE    0x21c
#define HDR_HEAP_END_PTR    0x224
#define HDR_EXT_LOADER_VER  0x226
#define HDR_EXT_LOADER_TYPE 0x227
#define HDR_CMD_LINE_PTR    0x228
#define HDR_INITRD_ADDR_MAX 0x22c
#define HDR_KERNEL_ALIGN    0x230
#define HDR_RELOCATABLE     0x234
#define HDR_CMDLINE_SIZE    0x238
#define HDR_PREF_ADDRESS    0x258
#define HDR_INIT_SIZE       0x260

#define LOADED_HIGH         0x01
#define CAN_USE_HEAP        0x80
#define LOADER_UNDEFINED    0xff

#define LINUX_MIN_VERSION   0x0206
#define LINUX_HIGH_LOAD     0x100000u

/* What the loader needs from the setup header, checked. */
typedef struct LinuxImage {
    const char *path;
    const uint8_t *data;
    size_t len;
    unsigned version;
    size_t setup_size;      /* boot sector + setup sectors */
    size_t hdr_end;         /* end of the setup header in the file */
    uint64_t pm_size;       /* the protected-mode kernel */
    bool relocatable;
    uint64_t align;
    uint64_t pref_address;
    uint64_t init_size;
    uint64_t initrd_addr_max;
    uint64_t cmdline_size;
} LinuxImage;

/* Where it all goes. */
typedef struct LinuxLayout {
    uint64_t load;          /* the protected-mode kernel, and its entry */
    uint64_t runtime;       /* where it decompresses and runs */
    uint64_t end;           /* first byte the kernel leaves alone */
} LinuxLayout;

bool linux_probe(const uint8_t *image, size_t len)
{
    return len >= HDR_MAGIC + 4 && !memcmp(image + HDR_MAGIC, "HdrS", 4);
}

static bool linux_error(GError **errp, const LinuxImage *li, const char *why)
{
    g_set_error(errp, KESTREL_ERROR, 0, "-kernel: %s: %s", li->path, why);
    return false;
}

static bool linux_parse(LinuxImage *li, GError **errp)
{
    const uint8_t *p = li->data;
    unsigned sects;
    uint64_t syssize;

    if (li->len < HDR_VERSION + 2 ||
        loader_ld16(p + HDR_BOOT_FLAG) != 0xaa55) {
        return linux_error(errp, li, "a \"HdrS\" signature but no valid "
                           "Linux setup header (boot_flag is not 0xaa55)");
    }
    li->version = loader_ld16(p + HDR_VERSION);
    if (li->version < LINUX_MIN_VERSION) {
        g_autofree char *why = g_strdup_printf(
            "boot protocol %u.%02u is too old (2.06 or later needed)",
            li->version >> 8, li->version & 0xff);
        return linux_error(errp, li, why);
    }
    sects = p[HDR_SETUP_SECTS] ? p[HDR_SETUP_SECTS] : 4;
    li->setup_size = (sects + 1) * 512;
    li->hdr_end = MIN(HDR_JUMP + 2 + (size_t)p[HDR_JUMP + 1],
                      (size_t)BP_HDR_LIMIT);
    syssize = (uint64_t)loader_ld32(p + HDR_SYSSIZE) * 16;
    if (li->hdr_end < HDR_CMDLINE_SIZE + 4) {
        return linux_error(errp, li, "the setup header is shorter than its "
                           "protocol version says");
    }
    if (li->len <= li->setup_size ||
        (syssize && li->len - li->setup_size < syssize)) {
        g_autofree char *why = g_strdup_printf(
            "truncated: the setup header promises %zu bytes of setup and "
            "%llu of kernel, the file has %zu bytes in all", li->setup_size,
            (unsigned long long)syssize, li->len);
        return linux_error(errp, li, why);
    }
    li->pm_size = syssize ? syssize : li->len - li->setup_size;
    if (!(p[HDR_LOADFLAGS] & LOADED_HIGH)) {
        return linux_error(errp, li, "a zImage (loaded below 1 MiB); only "
                           "bzImage kernels are supported");
    }
    li->relocatable = p[HDR_RELOCATABLE] != 0;
    li->align = loader_ld32(p + HDR_KERNEL_ALIGN);
    if (li->relocatable && (li->align == 0 || (li->align & (li->align - 1)))) {
        return linux_error(errp, li, "kernel_alignment is not a power of "
                           "two");
    }
    li->initrd_addr_max = loader_ld32(p + HDR_INITRD_ADDR_MAX);
    li->cmdline_size = loader_ld32(p + HDR_CMDLINE_SIZE);
    if (li->version >= 0x020a && li->hdr_end >= HDR_INIT_SIZE + 4) {
        li->pref_address = loader_ld64(p + HDR_PREF_ADDRESS);
        li->init_size = loader_ld32(p + HDR_INIT_SIZE);
    }
    /* Before 2.10 nothing says how much room decompression takes. */
    li->init_size = MAX(li->init_size, li->pm_size);
    return true;
}

/*
 * A relocatable kernel is loaded at pref_address (aligned to
 * kernel_alignment, at least 1 MiB) and runs there. A non-relocatable one
 * is loaded at 1 MiB and moves itself to pref_address.
 */
static bool linux_place(PCMachine *pc, const LinuxImage *li, LinuxLayout *lo,
                        GError **errp)
{
    uint64_t pref = MAX(li->pref_address, (uint64_t)LINUX_HIGH_LOAD);
    uint64_t start, top = loader_ram_top_below_4g(pc);

    if (li->relocatable) {
        lo->load = loader_align_up(pref, li->align);
        lo->runtime = lo->load;
    } else {
        lo->load = LINUX_HIGH_LOAD;
        lo->runtime = pref;
    }
    start = MIN(lo->load, lo->runtime);
    lo->end = MAX(lo->load + li->pm_size, lo->runtime + li->init_size);
    if (!loader_ram_end(pc, start, lo->end - start)) {
        g_set_error(errp, KESTREL_ERROR, 0,
                    "-kernel: %s: needs RAM at %#llx-%#llx (init_size %llu "
                    "MiB from %#llx), but RAM below 4 GiB ends at %#llx; "
                    "give the guest more memory with -m", li->path,
                    (unsigned long long)start, (unsigned long long)lo->end,
                    (unsigned long long)((li->init_size + MiB - 1) / MiB),
                    (unsigned long long)lo->runtime,
                    (unsigned long long)top);
        return false;
    }
    return true;
}

static void linux_fill_e820(PCMachine *pc, uint8_t *bp)
{
    unsigned n;
    g_autofree E820Entry *e820 = pc_e820_table(pc, &n);

    g_assert(n <= BP_E820_MAX);
    bp[BP_E820_ENTRIES] = n;
    for (unsigned i = 0; i < n; i++) {
        uint8_t *e = bp + BP_E820_TABLE + 20 * i;

        loader_st64(e, e820[i].addr);
        loader_st64(e + 8, e820[i].size);
        loader_st32(e + 16, e820[i].type);
    }
}

bool linux_load(PCMachine *pc, const PCKernelConfig *kc,
                const uint8_t *image, size_t len, PCBootEntry *entry,
                GError **errp)
{
    LinuxImage li = { .path = kc->kernel, .data = image, .len = len };
    LinuxLayout lo;
    uint8_t bp[BOOT_INFO_SIZE];
    uint32_t initrd_addr = 0, initrd_size = 0;

    if (!linux_parse(&li, errp) || !linux_place(pc, &li, &lo, errp) ||
        !loader_write_cmdline(pc, kc->cmdline, li.cmdline_size, errp)) {
        return false;
    }
    if (kc->initrd &&
        !loader_load_initrd(pc, kc->initrd, lo.end,
                            li.initrd_addr_max + 1, &initrd_addr,
                            &initrd_size, errp)) {
        return false;
    }
    loader_write(pc, lo.load, image + li.setup_size, li.pm_size, 0);

    memset(bp, 0, sizeof(bp));
    memcpy(bp + HDR_START, image + HDR_START, li.hdr_end - HDR_START);
    bp[BP_SENTINEL] = 0;
    bp[HDR_TYPE_OF_LOADER] = LOADER_UNDEFINED;
    bp[HDR_EXT_LOADER_VER] = 0;
    bp[HDR_EXT_LOADER_TYPE] = 0;
    bp[HDR_LOADFLAGS] |= CAN_USE_HEAP;
    loader_st16(bp + HDR_HEAP_END_PTR,
                BOOT_HEAP_END - BOOT_INFO_ADDR - 0x200);
    loader_st32(bp + HDR_CODE32_START, lo.load);
    loader_st32(bp + HDR_CMD_LINE_PTR, BOOT_CMDLINE_ADDR);
    loader_st32(bp + BP_EXT_CMD_LINE_PTR, 0);
    loader_st32(bp + HDR_RAMDISK_IMAGE, initrd_addr);
    loader_st32(bp + HDR_RAMDISK_SIZE, initrd_size);
    loader_st32(bp + BP_EXT_RAMDISK_IMG, 0);
    loader_st32(bp + BP_EXT_RAMDISK_SIZE, 0);
    loader_st32(bp + BP_ALT_MEM_K,
                (loader_ram_top_below_4g(pc) - LINUX_HIGH_LOAD) / 1024);
    loader_st64(bp + BP_ACPI_RSDP_ADDR, pc->acpi_rsdp);
    linux_fill_e820(pc, bp);
    loader_write(pc, BOOT_INFO_ADDR, bp, sizeof(bp), 0);

    /* boot.rst, 32-bit boot protocol: ESI = boot_params; EBP, EDI and
     * EBX zero (the CPU reset leaves them zero). */
    *entry = (PCBootEntry){
        .kind = PC_BOOT_FLAT32, .eip = lo.load, .esi = BOOT_INFO_ADDR,
    };
    loader_write_boot_gdt(pc, entry);
    return true;
}
