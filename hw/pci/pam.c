/* SPDX-License-Identifier: MIT */
/*
 * PAM segments (include/hw/pci/pam.h): the regions that put DRAM over
 * the BIOS area's ROMs, read-write, read-only or write-only, switched by
 * enabling one of them. Firmware uses them to shadow itself: it sets a
 * segment to DRAM, copies its ROM image there, and sets it read-only.
 */
#include "hw/pci/pam.h"

/* Mode 2: reads come from the PCI side, writes land in DRAM. */
static uint64_t pam_write_ram_read(void *opaque, hwaddr addr, unsigned size)
{
    PAMSegment *seg = opaque;
    uint8_t buf[8];
    uint64_t val = 0;

    address_space_read(seg->pci, seg->pci_offset + addr, buf, size);
    for (unsigned i = 0; i < size; i++) {
        val |= (uint64_t)buf[i] << (8 * i);
    }
    return val;
}

static void pam_write_ram_write(void *opaque, hwaddr addr, uint64_t val,
                                unsigned size)
{
    PAMSegment *seg = opaque;
    uint8_t *ram = memory_region_get_ram_ptr(seg->ram);

    for (unsigned i = 0; i < size; i++) {
        ram[seg->start + addr + i] = val >> (8 * i);
    }
}

static const MemoryRegionOps pam_write_ram_ops = {
    .read = pam_write_ram_read,
    .write = pam_write_ram_write,
    .valid = { .min_access_size = 1, .max_access_size = 8, .unaligned = true },
    .impl = { .min_access_size = 1, .max_access_size = 8, .unaligned = true },
};

static void pam_add(PAMSegment *seg, MemoryRegion *mr)
{
    memory_region_set_enabled(mr, false);
    memory_region_add_subregion_overlap(seg->sysmem, seg->start, mr,
                                        PAM_PRIORITY);
}

void pam_segment_init(PAMSegment *seg, MemoryRegion *sysmem,
                      MemoryRegion *ram, AddressSpace *pci, hwaddr pci_offset,
                      hwaddr start, uint64_t size)
{
    g_assert(start + size <= memory_region_size(ram));
    *seg = (PAMSegment){ .ram = ram, .sysmem = sysmem, .pci = pci,
                         .start = start, .pci_offset = pci_offset,
                         .mode = PAM_PCI };
    memory_region_init_alias(&seg->ram_rw, "pam-ram", ram, start, size);
    memory_region_init_alias(&seg->ram_ro, "pam-rom", ram, start, size);
    memory_region_set_readonly(&seg->ram_ro, true);
    memory_region_init_io(&seg->write_ram, &pam_write_ram_ops, seg,
                          "pam-write-ram", size);
    memory_region_transaction_begin();
    pam_add(seg, &seg->ram_rw);
    pam_add(seg, &seg->ram_ro);
    pam_add(seg, &seg->write_ram);
    memory_region_transaction_commit();
}

void pam_segment_set_mode(PAMSegment *seg, PAMMode mode)
{
    g_assert(mode <= PAM_RAM);
    memory_region_transaction_begin();
    memory_region_set_enabled(&seg->ram_rw, mode == PAM_RAM);
    memory_region_set_enabled(&seg->ram_ro, mode == PAM_READ_RAM);
    memory_region_set_enabled(&seg->write_ram, mode == PAM_WRITE_RAM);
    memory_region_transaction_commit();
    seg->mode = mode;
}

void pam_segment_destroy(PAMSegment *seg)
{
    MemoryRegion *regions[] = { &seg->ram_rw, &seg->ram_ro, &seg->write_ram };

    memory_region_transaction_begin();
    for (unsigned i = 0; i < G_N_ELEMENTS(regions); i++) {
        memory_region_del_subregion(seg->sysmem, regions[i]);
        memory_region_destroy(regions[i]);
    }
    memory_region_transaction_commit();
}
