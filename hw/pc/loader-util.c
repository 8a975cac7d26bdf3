/* SPDX-License-Identifier: MIT */
/*
 * Helpers for the Linux and PVH loaders (hw/pc/loader-internal.h): where
 * RAM is according to the e820 map the guest will be told about, the
 * -initrd placement, the command line and the boot GDT in low memory.
 */
#include "hw/pc/loader-internal.h"
#include "util/cutils.h"

#include <string.h>

uint64_t loader_ram_end(const PCMachine *pc, uint64_t addr, uint64_t size)
{
    unsigned n;
    g_autofree E820Entry *e820 = pc_e820_table(pc, &n);
    uint64_t end = addr + size;

    if (end < addr) {
        return 0;
    }
    for (unsigned i = 0; i < n; i++) {
        if (e820[i].type == E820_RAM && addr >= e820[i].addr &&
            end <= e820[i].addr + e820[i].size) {
            return e820[i].addr + e820[i].size;
        }
    }
    return 0;
}

uint64_t loader_ram_top_below_4g(const PCMachine *pc)
{
    uint64_t end = loader_ram_end(pc, 0x100000, 1);

    return MIN(end, PC_HIGHMEM_START);
}

void loader_write(PCMachine *pc, uint64_t addr, const void *data,
                  uint64_t len, uint64_t zero)
{
    if (len) {
        address_space_write(&pc->m.as_memory, addr, data, len);
    }
    if (zero) {
        g_autofree uint8_t *zeros = g_malloc0(zero);

        address_space_write(&pc->m.as_memory, addr + len, zeros, zero);
    }
}

bool loader_load_initrd(PCMachine *pc, const char *path, uint64_t floor,
                        uint64_t ceiling, uint32_t *addr, uint32_t *size,
                        GError **errp)
{
    g_autofree char *data = NULL;
    gsize len;
    GError *err = NULL;
    uint64_t top = MIN(ceiling, loader_ram_top_below_4g(pc)) & ~0xfffull;
    uint64_t start;

    if (!g_file_get_contents(path, &data, &len, &err)) {
        g_set_error(errp, KESTREL_ERROR, 0, "-initrd: %s", err->message);
        g_error_free(err);
        return false;
    }
    floor = loader_align_up(floor, 4096);
    if (top < floor || len > top - floor) {
        g_set_error(errp, KESTREL_ERROR, 0,
                    "-initrd: %s: %llu MiB does not fit below %#llx above "
                    "the kernel (which ends at %#llx); give the guest more "
                    "memory with -m", path,
                    (unsigned long long)((len + MiB - 1) / MiB),
                    (unsigned long long)top, (unsigned long long)floor);
        return false;
    }
    start = (top - len) & ~0xfffull;
    loader_write(pc, start, data, len, 0);
    *addr = start;
    *size = len;
    return true;
}

bool loader_write_cmdline(PCMachine *pc, const char *cmdline, uint64_t max,
                          GError **errp)
{
    size_t len = cmdline ? strlen(cmdline) : 0;

    max = MIN(max, (uint64_t)BOOT_CMDLINE_MAX);
    if (len > max) {
        g_set_error(errp, KESTREL_ERROR, 0,
                    "-append: the command line is %zu bytes; this kernel "
                    "takes at most %llu", len, (unsigned long long)max);
        return false;
    }
    loader_write(pc, BOOT_CMDLINE_ADDR, cmdline ? cmdline : "", len, 1);
    return true;
}

void loader_write_boot_gdt(PCMachine *pc, PCBootEntry *entry)
{
    /* Flat 4 GiB, 32-bit, present, DPL 0, accessed (so the CPU has no
     * reason to write the descriptor back). */
    static const uint64_t gdt[4] = {
        0,
        0,
        0x00cf9b000000ffffull,      /* 0x10: code, execute/read */
        0x00cf93000000ffffull,      /* 0x18: data, read/write */
    };
    uint8_t buf[sizeof(gdt)];

    for (unsigned i = 0; i < G_N_ELEMENTS(gdt); i++) {
        loader_st64(buf + 8 * i, gdt[i]);
    }
    loader_write(pc, BOOT_GDT_ADDR, buf, sizeof(buf), 0);
    entry->gdt_base = BOOT_GDT_ADDR;
    entry->gdt_limit = BOOT_GDT_LIMIT;
}
