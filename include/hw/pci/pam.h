/* SPDX-License-Identifier: MIT */
/*
 * Programmable Attribute Map segments: a piece of the BIOS area
 * (0xc0000-0xfffff) that a host bridge steers to DRAM or to the PCI side
 * (the ROMs beneath), separately for reads and writes. The i440FX has 13
 * of them (82441FX datasheet, section 3.2.18, PAM0-PAM6); each takes the
 * two low bits of its register nibble as its mode.
 *
 * A segment owns three regions in the system memory container, above the
 * PCI side, of which at most one is enabled: a RAM alias (mode 3), a
 * read-only RAM alias (mode 1) and an io region that reads the PCI side
 * and writes RAM (mode 2). In mode 0 none is, and the PCI side shows.
 */
#ifndef HW_PCI_PAM_H
#define HW_PCI_PAM_H

#include "memory/memory.h"

#include <stdint.h>

typedef enum PAMMode {
    PAM_PCI = 0,            /* reads and writes go to the PCI side */
    PAM_READ_RAM = 1,       /* RE: reads from DRAM, writes to PCI */
    PAM_WRITE_RAM = 2,      /* WE: reads from PCI, writes to DRAM */
    PAM_RAM = 3,            /* RE | WE: DRAM */
} PAMMode;

#define PAM_PRIORITY 2      /* above the PCI side of the BIOS area */

typedef struct PAMSegment {
    MemoryRegion ram_rw;        /* mode 3 */
    MemoryRegion ram_ro;        /* mode 1 */
    MemoryRegion write_ram;     /* mode 2 */
    MemoryRegion *ram;          /* guest RAM; offset = physical address */
    MemoryRegion *sysmem;
    AddressSpace *pci;          /* the PCI side, for mode-2 reads */
    hwaddr start;               /* physical address of the segment */
    hwaddr pci_offset;          /* where @start is in @pci */
    PAMMode mode;
} PAMSegment;

/*
 * Put segment @seg ([@start, @start + @size)) into @sysmem in mode 0.
 * @ram holds the DRAM behind it at offset @start; @pci is the PCI side,
 * which has @start at @pci_offset.
 */
void pam_segment_init(PAMSegment *seg, MemoryRegion *sysmem,
                      MemoryRegion *ram, AddressSpace *pci, hwaddr pci_offset,
                      hwaddr start, uint64_t size);
/* Route the segment as @mode says (one topology change when it moves). */
void pam_segment_set_mode(PAMSegment *seg, PAMMode mode);
/* Take the segment's regions out of the system memory and free them. */
void pam_segment_destroy(PAMSegment *seg);

#endif
