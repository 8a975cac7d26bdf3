/* SPDX-License-Identifier: MIT */
/*
 * The Intel 82441FX PCI and Memory Controller's configuration space
 * ("i440fx", function 00:00.0, 8086:1237, class 0600 host bridge), after
 * the 82441FX datasheet, section 3.2, and the memory map it steers:
 *
 * - PAM0-PAM6 (0x59-0x5f) route 13 segments of the BIOS area
 *   0xc0000-0xfffff to DRAM or to the ROMs on the PCI side, for reads
 *   and writes separately (hw/pci/pam.c). Firmware shadows itself that
 *   way; SeaBIOS cannot start without it.
 * - SMRAM (0x72): with G_SMRAME and D_OPEN set, DRAM shows at
 *   0xa0000-0xbffff instead of the VGA window; D_LCK clears D_OPEN and
 *   makes D_OPEN, G_SMRAME and itself read-only until reset. There is no
 *   System Management Mode, so SMRAM is reachable only through D_OPEN.
 *
 * The other chipset registers (PMCCFG, DRAM control and row boundaries,
 * error registers) are stored and read back; RAM ends where pc.c puts it.
 * Each config write that touches PAM or SMRAM re-renders the map in one
 * memory transaction.
 */
#include "hw/pci/pam.h"
#include "hw/pci/pci-host.h"

/* Chipset registers 0x50-0x72 and 0x90-0x93 (82441FX, table 3-1). */
#define I440FX_REGS_FIRST   0x50
#define I440FX_REGS_LAST    0x72
#define I440FX_ERR_FIRST    0x90
#define I440FX_ERR_LAST     0x93
#define I440FX_PAM0         0x59
#define I440FX_PAM6         0x5f
#define I440FX_SMRAM        0x72

/* SMRAM register bits (82441FX 3.2.21). */
#define SMRAM_C_BASE_SEG    0x02    /* bits 2:0, fixed: SMRAM at 0xa0000 */
#define SMRAM_G_SMRAME      0x08
#define SMRAM_D_LCK         0x10
#define SMRAM_D_CLS         0x20
#define SMRAM_D_OPEN        0x40
#define SMRAM_WMASK         (SMRAM_G_SMRAME | SMRAM_D_LCK | SMRAM_D_CLS | \
                             SMRAM_D_OPEN)

#define SMRAM_BASE          0xa0000
#define SMRAM_SIZE          0x20000

/* Segment 0 is 0xf0000-0xfffff; 1-12 are 16 KiB each from 0xc0000. */
#define PAM_SEGMENTS        13
#define PAM_BIOS_START      0xf0000
#define PAM_BIOS_SIZE       0x10000
#define PAM_EXP_SIZE        0x4000

typedef struct I440FXState {
    PCIDevice pci;
    MemoryRegion *ram;
    MemoryRegion *bios_area;
    AddressSpace bios_as;       /* the PCI side, read by PAM mode 2 */
    PAMSegment pam[PAM_SEGMENTS];
    MemoryRegion smram;         /* DRAM over the VGA window (D_OPEN) */
} I440FXState;

static const PCIDeviceInfo i440fx_info = {
    .vendor_id = PCI_VENDOR_ID_INTEL,
    .device_id = PCI_DEVICE_ID_I440FX,
    .revision = 0x02,
    .class_code = PCI_CLASS_BRIDGE_HOST,
    .command = PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER,
    .status = PCI_STATUS_DEVSEL_MEDIUM | PCI_STATUS_FAST_BACK,
};

static hwaddr pam_segment_start(unsigned n)
{
    return n ? I440FX_BIOS_AREA_START + (n - 1) * PAM_EXP_SIZE
             : PAM_BIOS_START;
}

/*
 * Segment n's mode: PAM0 bits 5:4 for segment 0; for n >= 1, register
 * PAM((n + 1) / 2), its low nibble for odd n and its high one for even
 * n. Bit 0 of a nibble is RE, bit 1 WE; bit 2 (CE, caching) changes
 * nothing here.
 */
static PAMMode i440fx_pam_mode(const uint8_t *config, unsigned n)
{
    uint8_t reg = config[I440FX_PAM0 + (n + 1) / 2];

    if (n == 0) {
        return (config[I440FX_PAM0] >> 4) & 3;
    }
    return (n & 1 ? reg : reg >> 4) & 3;
}

static void i440fx_update_memory(I440FXState *s)
{
    uint8_t smram = s->pci.config[I440FX_SMRAM];

    memory_region_transaction_begin();
    for (unsigned n = 0; n < PAM_SEGMENTS; n++) {
        pam_segment_set_mode(&s->pam[n], i440fx_pam_mode(s->pci.config, n));
    }
    memory_region_set_enabled(&s->smram, (smram & SMRAM_G_SMRAME) &&
                                         (smram & SMRAM_D_OPEN));
    memory_region_transaction_commit();
}

/* D_LCK closes SMRAM and freezes the register but for D_CLS. */
static void i440fx_smram_written(PCIDevice *d)
{
    if (d->config[I440FX_SMRAM] & SMRAM_D_LCK) {
        d->config[I440FX_SMRAM] &= ~SMRAM_D_OPEN;
        d->wmask[I440FX_SMRAM] = SMRAM_D_CLS;
    }
}

static void i440fx_config_written(PCIDevice *d, uint8_t addr, uint32_t val,
                                  unsigned len)
{
    unsigned last = addr + len - 1;

    if (addr <= I440FX_SMRAM && last >= I440FX_SMRAM) {
        i440fx_smram_written(d);
    }
    if ((addr <= I440FX_PAM6 && last >= I440FX_PAM0) ||
        (addr <= I440FX_SMRAM && last >= I440FX_SMRAM)) {
        i440fx_update_memory((I440FXState *)d);
    }
}

static void i440fx_memory_init(I440FXState *s, MemoryRegion *sysmem)
{
    address_space_init(&s->bios_as, s->bios_area, "i440fx-pci-bios-area");
    memory_region_transaction_begin();
    for (unsigned n = 0; n < PAM_SEGMENTS; n++) {
        hwaddr start = pam_segment_start(n);

        pam_segment_init(&s->pam[n], sysmem, s->ram, &s->bios_as,
                         start - I440FX_BIOS_AREA_START, start,
                         n ? PAM_EXP_SIZE : PAM_BIOS_SIZE);
    }
    memory_region_init_alias(&s->smram, "smram", s->ram, SMRAM_BASE,
                             SMRAM_SIZE);
    memory_region_set_enabled(&s->smram, false);
    memory_region_add_subregion_overlap(sysmem, SMRAM_BASE, &s->smram,
                                        PAM_PRIORITY);
    memory_region_transaction_commit();
}

static bool i440fx_realize(DeviceState *dev, GError **errp)
{
    I440FXState *s = (I440FXState *)dev;
    PCIDevice *d = &s->pci;

    g_assert(s->ram && s->bios_area);
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
    d->config_written = i440fx_config_written;
    i440fx_memory_init(s, dev->machine->system_memory);
    return true;
}

static void i440fx_unrealize(DeviceState *dev)
{
    I440FXState *s = (I440FXState *)dev;

    memory_region_transaction_begin();
    for (unsigned n = 0; n < PAM_SEGMENTS; n++) {
        pam_segment_destroy(&s->pam[n]);
    }
    memory_region_del_subregion(dev->machine->system_memory, &s->smram);
    memory_region_destroy(&s->smram);
    memory_region_transaction_commit();
    address_space_destroy(&s->bios_as);
    pci_device_unrealize(dev);
}

/* PAM back to the PCI side, SMRAM closed and unlocked. */
static void i440fx_reset(DeviceState *dev)
{
    I440FXState *s = (I440FXState *)dev;
    PCIDevice *d = &s->pci;

    pci_device_reset(d, &i440fx_info);
    for (unsigned a = I440FX_REGS_FIRST; a <= I440FX_REGS_LAST; a++) {
        d->config[a] = 0;
    }
    d->config[I440FX_SMRAM] = SMRAM_C_BASE_SEG;
    d->wmask[I440FX_SMRAM] = SMRAM_WMASK;
    i440fx_update_memory(s);
}

DEVICE_REGISTER(i440fx_device,
    .name = "i440fx",
    .desc = "Intel 82441FX host bridge (PCI 00:00.0)",
    .instance_size = sizeof(I440FXState),
    .realize = i440fx_realize,
    .reset = i440fx_reset,
    .unrealize = i440fx_unrealize)

PCIDevice *i440fx_create(PCIBus *bus, MemoryRegion *ram,
                         MemoryRegion *bios_area, GError **errp)
{
    I440FXState *s = (I440FXState *)pci_device_new(bus, I440FX_DEVFN,
                                                   "i440fx", errp);

    if (!s) {
        return NULL;
    }
    s->ram = ram;
    s->bios_area = bios_area;
    return pci_device_plug(&s->pci, errp) ? &s->pci : NULL;
}
