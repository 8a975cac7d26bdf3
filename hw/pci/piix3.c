/* SPDX-License-Identifier: MIT */
/*
 * The Intel 82371SB (PIIX3) PCI-to-ISA bridge's configuration space
 * ("piix3", function 00:01.0, 8086:7000, class 0601, multi-function), after
 * the 82371SB datasheet, section 2.2. The PIRQ route control registers
 * (0x60-0x63) say which ISA IRQ each PCI interrupt line PIRQA-D drives,
 * or that it is disabled (bit 7, the reset value); the other function-0
 * registers are stored and read back. The ISA devices themselves are the
 * machine's ordinary devices; the reset control register at 0xcf9 lives
 * with the host interface (hw/pci/pci-host.c), which owns those ports.
 */
#include "hw/pci/pci-host.h"

typedef struct PIIX3State {
    PCIDevice pci;
} PIIX3State;

#define PIIX3_REGS_FIRST    0x4c    /* IORT .. CTHTMR */
#define PIIX3_REGS_LAST     0xaf
#define PIIX3_IORT          0x4c
#define PIIX3_XBCS          0x4e
#define PIIX3_TOM           0x69
#define PIIX3_MBIRQ0        0x70
#define PIIX3_MBIRQ1        0x71
#define PIIX3_MBDMA0        0x76
#define PIIX3_MBDMA1        0x77
#define PIIX3_SMICNTL       0xa0
#define PIIX3_FTMR          0xa8

static const PCIDeviceInfo piix3_info = {
    .vendor_id = PCI_VENDOR_ID_INTEL,
    .device_id = PCI_DEVICE_ID_PIIX3,
    .revision = 0x00,
    .class_code = PCI_CLASS_BRIDGE_ISA,
    .header_type = PCI_HEADER_TYPE_MULTI_FUNCTION,
    .command = PCI_COMMAND_IO | PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER,
    .status = PCI_STATUS_DEVSEL_MEDIUM,
};

static bool piix3_realize(DeviceState *dev, GError **errp)
{
    PCIDevice *d = (PCIDevice *)dev;

    if (!pci_device_realize(d, &piix3_info, errp)) {
        return false;
    }
    /* The bridge always decodes and masters; only SERR is optional. */
    pci_set_word(d->wmask + PCI_COMMAND, PCI_COMMAND_SERR);
    d->wmask[PCI_CACHE_LINE_SIZE] = 0;
    d->wmask[PCI_LATENCY_TIMER] = 0;
    d->wmask[PCI_INTERRUPT_LINE] = 0;
    for (unsigned a = PIIX3_REGS_FIRST; a <= PIIX3_REGS_LAST; a++) {
        d->wmask[a] = 0xff;
    }
    for (unsigned i = 0; i < 4; i++) {
        d->wmask[PIIX3_PIRQRC + i] = PIIX3_PIRQ_DISABLE | PIIX3_PIRQ_IRQ_MASK;
    }
    return true;
}

static void piix3_reset(DeviceState *dev)
{
    PCIDevice *d = (PCIDevice *)dev;
    uint8_t *c = d->config;

    pci_device_reset(d, &piix3_info);
    for (unsigned a = PIIX3_REGS_FIRST; a <= PIIX3_REGS_LAST; a++) {
        c[a] = 0;
    }
    c[PIIX3_IORT] = 0x4d;
    pci_set_word(c + PIIX3_XBCS, 0x0003);
    for (unsigned i = 0; i < 4; i++) {
        c[PIIX3_PIRQRC + i] = PIIX3_PIRQ_DISABLE;
    }
    c[PIIX3_TOM] = 0x02;
    c[PIIX3_MBIRQ0] = c[PIIX3_MBIRQ1] = 0x80;
    c[PIIX3_MBDMA0] = c[PIIX3_MBDMA1] = 0x0c;
    c[PIIX3_SMICNTL] = 0x08;
    c[PIIX3_FTMR] = 0x0f;
}

DEVICE_REGISTER(piix3_device,
    .name = "piix3",
    .desc = "Intel 82371SB PCI-to-ISA bridge (PCI 00:01.0)",
    .instance_size = sizeof(PIIX3State),
    .realize = piix3_realize,
    .reset = piix3_reset,
    .unrealize = pci_device_unrealize)

int piix3_pirq_irq(DeviceState *piix3, unsigned pirq)
{
    PCIDevice *d = (PCIDevice *)piix3;
    uint8_t r;

    g_assert(piix3->cls == &piix3_device && pirq < 4);
    r = d->config[PIIX3_PIRQRC + pirq];
    return r & PIIX3_PIRQ_DISABLE ? -1 : r & PIIX3_PIRQ_IRQ_MASK;
}
