/* SPDX-License-Identifier: MIT */
/*
 * The PC's PCI host bridge interface: configuration mechanism #1 (CONFADD
 * at 0xcf8, CONFDATA at 0xcfc-0xcff) onto bus 0, and the reset control
 * register at 0xcf9 that shares CONFADD's ports. The bridge's own
 * configuration space is the "i440fx" function at 00:00.0, and the ISA
 * bridge "piix3" sits at 00:01.0.
 */
#ifndef HW_PCI_PCI_HOST_H
#define HW_PCI_PCI_HOST_H

#include "hw/pci/pci.h"

#include <glib.h>
#include <stdint.h>

#define PCI_HOST_CONFADD        0xcf8
#define PCI_HOST_CONFDATA       0xcfc
#define PCI_HOST_RCR            0xcf9
#define PCI_CONFADD_ENABLE      0x80000000u

#define RCR_SYS_RST             0x02    /* 1: the next reset is a hard one */
#define RCR_RST_CPU             0x04    /* 0 to 1: reset */

#define I440FX_DEVFN            PCI_DEVFN(0, 0)
#define PIIX3_DEVFN             PCI_DEVFN(1, 0)
#define PCI_DEVICE_ID_I440FX    0x1237
#define PCI_DEVICE_ID_PIIX3     0x7000

/* PIIX3 PIRQ route control registers, one per PIRQ A-D (82371SB 2.2.8). */
#define PIIX3_PIRQRC            0x60
#define PIIX3_PIRQ_DISABLE      0x80
#define PIIX3_PIRQ_IRQ_MASK     0x0f

typedef struct PCIHostState PCIHostState;

/* Create and realize the host interface with a bus over m's spaces. */
PCIHostState *pci_host_create(Machine *m, GError **errp);
PCIBus *pci_host_bus(PCIHostState *host);
/* The BIOS area whose segments the i440FX's PAM registers steer. */
#define I440FX_BIOS_AREA_START  0xc0000
#define I440FX_BIOS_AREA_SIZE   0x40000

/*
 * Create the i440FX host bridge function at 00:00.0 of @bus. Its PAM
 * and SMRAM registers map parts of @ram (guest RAM, whose offsets below
 * 1 MiB are physical addresses) over the machine's system memory:
 * DRAM at 0xc0000-0xfffff above @bios_area (the ROMs on the PCI side
 * there, a region whose offset 0 sits at 0xc0000, which PAM mode 0
 * leaves visible) and at 0xa0000-0xbffff (SMRAM).
 */
PCIDevice *i440fx_create(PCIBus *bus, MemoryRegion *ram,
                         MemoryRegion *bios_area, GError **errp);
/*
 * Create the i440FX host bridge (as i440fx_create) and the PIIX3 ISA
 * bridge functions on the host's bus (the "pc" chipset).
 */
bool pci_host_create_i440fx_piix3(PCIHostState *host, MemoryRegion *ram,
                                  MemoryRegion *bios_area, GError **errp);
/* The ISA IRQ PIRQ @pirq (0-3) is routed to, or -1 when disabled. */
int piix3_pirq_irq(DeviceState *piix3, unsigned pirq);

#endif
