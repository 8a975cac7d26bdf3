/* SPDX-License-Identifier: MIT */
/*
 * The Intel 82441FX PCI and Memory Controller's configuration space
 * ("i440fx", function 00:00.0, 8086:1237, class 0600 host bridge), after
 * the 82441FX datasheet, section 3.2. Its chipset registers (PMCCFG,
 * DRAM control and row boundaries, PAM0-6, SMRAM, error registers) are
 * stored and read back; they change nothing, because Kestrel's memory map
 * is fixed by the machine: RAM ends where pc.c puts it, and the BIOS area
 * stays ROM whatever PAM says.
 */
#include "hw/pci/pci-host.h"

typedef struct I440FXState {
    PCIDevice pci;
} I440FXState;

/* Chipset registers 0x50-0x72 and 0x90-0x93 (82441FX, table 3-1). */
#define I440FX_REGS_FIRST   0x50
#define I440FX_REGS_LAST    0x72
#define I440FX_ERR_FIRST    0x90
#define I440FX_ERR_LAST     0x93
#define I440FX_PAM0         0x59
#define I440FX_SMRAM        0x72

static const PCIDeviceInfo i440fx_info = {
    .vendor_id = PCI_VENDOR_ID_INTEL,
    .device_id = PCI_DEVICE_ID_I440FX,
    .revision = 0x02,
    .class_code = PCI_CLASS_BRIDGE_HOST,
    .command = PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER,
    .status = PCI_STATUS_DEVSEL_MEDIUM | PCI_STATUS_FAST_BACK,
};

static bool i440fx_realize(DeviceState *dev, GError **errp)
{
    PCIDevice *d = (PCIDevice *)dev;

    if (!pci_device_realize(d, &i440fx_info, errp)) {
        return false;
    }
    /* The host bridge always decodes memory and masters the bus. */
    pci_set_word(d->wmask + PCI_COMMAND, PCI_COMMAND_PARITY |
                 PCI_COMMAND_SERR);
    d->wmask[PCI_CACHE_LINE_SIZE] = 0;
    d->wmask[PCI_INTERRUPT_LINE] = 0;
    for (unsigned a = I440FX_REGS_FIRST; a <= I440FX_REGS_LAST; a++) {
        d->wmask[a] = 0xff;
    }
    for (unsigned a = I440FX_ERR_FIRST; a <= I440FX_ERR_LAST; a++) {
        d->wmask[a] = 0xff;
    }
    return true;
}

static void i440fx_reset(DeviceState *dev)
{
    PCIDevice *d = (PCIDevice *)dev;

    pci_device_reset(d, &i440fx_info);
    for (unsigned a = I440FX_REGS_FIRST; a <= I440FX_REGS_LAST; a++) {
        d->config[a] = 0;
    }
    d->config[I440FX_SMRAM] = 0x02;     /* C_BASE_SEG: SMRAM at 0xa0000 */
}

DEVICE_REGISTER(i440fx_device,
    .name = "i440fx",
    .desc = "Intel 82441FX host bridge (PCI 00:00.0)",
    .instance_size = sizeof(I440FXState),
    .realize = i440fx_realize,
    .reset = i440fx_reset,
    .unrealize = pci_device_unrealize)
