/* SPDX-License-Identifier: MIT */
/*
 * The PCI core (see include/hw/pci/pci.h): bus 0's function table, config
 * reads and writes through each function's write masks, and BAR sizing
 * and mapping. A BAR reads back its address with the low bits that its
 * size forces to zero, so writing all ones and reading back gives the
 * size (PCI Local Bus Specification 3.0, section 6.2.5.1). A BAR is
 * mapped while its decode bit is set in the command register and its
 * address is not 0 (unprogrammed).
 */
#include "hw/pci/pci.h"
#include "util/cutils.h"
#include "util/log.h"

#include <string.h>

struct PCIBus {
    Machine *machine;
    MemoryRegion *mem;
    MemoryRegion *io;
    PCIDevice *devices[256];
};

PCIBus *pci_bus_new(Machine *m, MemoryRegion *mem, MemoryRegion *io)
{
    PCIBus *bus = g_new0(PCIBus, 1);

    bus->machine = m;
    bus->mem = mem;
    bus->io = io;
    return bus;
}

void pci_bus_free(PCIBus *bus)
{
    if (!bus) {
        return;
    }
    for (int i = 0; i < 256; i++) {
        g_assert(!bus->devices[i]);
    }
    g_free(bus);
}

PCIDevice *pci_bus_find(PCIBus *bus, uint8_t devfn)
{
    return bus->devices[devfn];
}

static unsigned pci_bar_offset(int bar)
{
    return PCI_BASE_ADDRESS_0 + 4 * bar;
}

/* The address BAR @bar decodes now, or PCI_BAR_UNMAPPED. */
static uint64_t pci_bar_address(PCIDevice *d, int bar)
{
    PCIBar *b = &d->bars[bar];
    uint16_t cmd = pci_get_word(d->config + PCI_COMMAND);
    uint64_t addr = pci_get_long(d->config + pci_bar_offset(bar));
    uint64_t limit;

    if (b->type & PCI_BAR_IO) {
        if (!(cmd & PCI_COMMAND_IO)) {
            return PCI_BAR_UNMAPPED;
        }
        addr &= ~(b->size - 1) & ~3ull;
        limit = 0x10000;
    } else {
        if (!(cmd & PCI_COMMAND_MEMORY)) {
            return PCI_BAR_UNMAPPED;
        }
        if (b->type & PCI_BAR_MEM_64) {
            addr |= (uint64_t)pci_get_long(d->config +
                                           pci_bar_offset(bar + 1)) << 32;
        } else {
            addr &= 0xffffffffull;
        }
        addr &= ~(b->size - 1) & ~15ull;
        limit = b->type & PCI_BAR_MEM_64 ? UINT64_MAX : 0x100000000ull;
    }
    /* 0 is unprogrammed; a BAR must fit the space it decodes. */
    if (addr == 0 || addr > limit - b->size) {
        return PCI_BAR_UNMAPPED;
    }
    return addr;
}

static void pci_update_mappings(PCIDevice *d)
{
    for (int i = 0; i < PCI_NUM_BARS; i++) {
        PCIBar *b = &d->bars[i];
        MemoryRegion *space;
        uint64_t addr;

        if (!b->mr) {
            continue;
        }
        space = b->type & PCI_BAR_IO ? d->bus->io : d->bus->mem;
        addr = pci_bar_address(d, i);
        if (addr == b->addr) {
            continue;
        }
        if (b->addr != PCI_BAR_UNMAPPED) {
            memory_region_del_subregion(space, b->mr);
        }
        b->addr = addr;
        if (addr != PCI_BAR_UNMAPPED) {
            memory_region_add_subregion_overlap(space, addr, b->mr, 1);
        }
    }
}

uint32_t pci_bus_config_read(PCIBus *bus, uint8_t devfn, uint8_t addr,
                             unsigned len)
{
    PCIDevice *d = bus->devices[devfn];
    uint32_t val = 0;

    g_assert((addr & 3) + len <= 4);
    if (!d) {
        return len == 4 ? UINT32_MAX : (1u << (8 * len)) - 1;
    }
    for (unsigned i = 0; i < len; i++) {
        val |= (uint32_t)d->config[addr + i] << (8 * i);
    }
    return val;
}

void pci_bus_config_write(PCIBus *bus, uint8_t devfn, uint8_t addr,
                          uint32_t val, unsigned len)
{
    PCIDevice *d = bus->devices[devfn];
    bool remap = false;

    g_assert((addr & 3) + len <= 4);
    if (!d) {
        return;
    }
    for (unsigned i = 0; i < len; i++) {
        unsigned a = addr + i;
        uint8_t byte = val >> (8 * i);

        d->config[a] = (d->config[a] & ~d->wmask[a]) | (byte & d->wmask[a]);
        d->config[a] &= ~(byte & d->w1cmask[a]);
        remap |= (a >= PCI_COMMAND && a < PCI_COMMAND + 2) ||
                 (a >= PCI_BASE_ADDRESS_0 &&
                  a < PCI_BASE_ADDRESS_0 + 4 * PCI_NUM_BARS);
    }
    if (remap) {
        pci_update_mappings(d);
    }
    if (d->config_written) {
        d->config_written(d, addr, val, len);
    }
}

PCIDevice *pci_device_new(PCIBus *bus, uint8_t devfn, const char *type,
                          GError **errp)
{
    PCIDevice *d = (PCIDevice *)device_new(type, errp);

    if (d) {
        d->bus = bus;
        d->devfn = devfn;
    }
    return d;
}

bool pci_device_plug(PCIDevice *d, GError **errp)
{
    if (!device_realize(&d->parent, d->bus->machine, errp)) {
        device_destroy(&d->parent);
        return false;
    }
    return true;
}

DeviceState *pci_device_create(PCIBus *bus, uint8_t devfn, const char *type,
                               GError **errp)
{
    PCIDevice *d = pci_device_new(bus, devfn, type, errp);

    return d && pci_device_plug(d, errp) ? &d->parent : NULL;
}

static void pci_write_header(PCIDevice *d, const PCIDeviceInfo *info)
{
    uint8_t *c = d->config;

    pci_set_word(c + PCI_VENDOR_ID, info->vendor_id);
    pci_set_word(c + PCI_DEVICE_ID, info->device_id);
    pci_set_word(c + PCI_COMMAND, info->command);
    pci_set_word(c + PCI_STATUS, info->status);
    pci_set_byte(c + PCI_REVISION_ID, info->revision);
    pci_set_byte(c + PCI_CLASS_PROG, info->class_code);
    pci_set_word(c + PCI_CLASS_DEVICE, info->class_code >> 8);
    pci_set_byte(c + PCI_HEADER_TYPE, info->header_type);
    /* As in QEMU, every function names QEMU's machine as its subsystem;
     * SeaBIOS looks for it on 00:00.0 to know it runs on QEMU's pc. */
    pci_set_word(c + PCI_SUBSYSTEM_VENDOR_ID, PCI_SUBVENDOR_ID_REDHAT);
    pci_set_word(c + PCI_SUBSYSTEM_ID, PCI_SUBDEVICE_ID_QEMU);
}

bool pci_device_realize(PCIDevice *d, const PCIDeviceInfo *info,
                        GError **errp)
{
    if (!d->bus) {
        g_set_error(errp, KESTREL_ERROR, 0, "%s: not on a PCI bus",
                    d->parent.cls->name);
        return false;
    }
    if (d->bus->devices[d->devfn]) {
        g_set_error(errp, KESTREL_ERROR, 0, "%s: PCI %02x.%x is taken by %s",
                    d->parent.cls->name, PCI_SLOT(d->devfn),
                    PCI_FUNC(d->devfn),
                    d->bus->devices[d->devfn]->parent.cls->name);
        return false;
    }
    pci_write_header(d, info);
    pci_set_word(d->wmask + PCI_COMMAND, PCI_COMMAND_IO | PCI_COMMAND_MEMORY |
                 PCI_COMMAND_MASTER | PCI_COMMAND_PARITY | PCI_COMMAND_SERR |
                 PCI_COMMAND_INTX_DISABLE);
    pci_set_word(d->w1cmask + PCI_STATUS, PCI_STATUS_W1C);
    d->wmask[PCI_CACHE_LINE_SIZE] = 0xff;
    d->wmask[PCI_LATENCY_TIMER] = 0xff;
    d->wmask[PCI_INTERRUPT_LINE] = 0xff;
    for (int i = 0; i < PCI_NUM_BARS; i++) {
        d->bars[i].addr = PCI_BAR_UNMAPPED;
    }
    d->bus->devices[d->devfn] = d;
    return true;
}

void pci_device_unrealize(DeviceState *dev)
{
    PCIDevice *d = (PCIDevice *)dev;

    for (int i = 0; i < PCI_NUM_BARS; i++) {
        PCIBar *b = &d->bars[i];

        if (b->mr && b->addr != PCI_BAR_UNMAPPED) {
            memory_region_del_subregion(b->type & PCI_BAR_IO ? d->bus->io
                                                             : d->bus->mem,
                                        b->mr);
        }
    }
    d->bus->devices[d->devfn] = NULL;
}

void pci_device_reset(PCIDevice *d, const PCIDeviceInfo *info)
{
    pci_set_word(d->config + PCI_COMMAND, info->command);
    pci_set_word(d->config + PCI_STATUS, info->status);
    d->config[PCI_CACHE_LINE_SIZE] = 0;
    d->config[PCI_LATENCY_TIMER] = 0;
    d->config[PCI_INTERRUPT_LINE] = 0;
    for (int i = 0; i < PCI_NUM_BARS; i++) {
        if (d->bars[i].mr) {
            pci_set_long(d->config + pci_bar_offset(i), d->bars[i].type);
            if (d->bars[i].type & PCI_BAR_MEM_64) {
                pci_set_long(d->config + pci_bar_offset(i + 1), 0);
            }
        }
    }
    pci_update_mappings(d);
}

void pci_register_bar(PCIDevice *d, int bar, uint8_t type, uint64_t size,
                      MemoryRegion *mr)
{
    bool is64 = !(type & PCI_BAR_IO) && (type & PCI_BAR_MEM_64);
    uint64_t mask = ~(size - 1) & (type & PCI_BAR_IO ? ~3ull : ~15ull);

    g_assert(bar >= 0 && bar + is64 < PCI_NUM_BARS);
    g_assert(size && !(size & (size - 1)));
    g_assert(size >= (type & PCI_BAR_IO ? 4 : 16));
    d->bars[bar] = (PCIBar){ .mr = mr, .size = size, .type = type,
                             .addr = PCI_BAR_UNMAPPED };
    pci_set_long(d->config + pci_bar_offset(bar), type);
    pci_set_long(d->wmask + pci_bar_offset(bar), mask);
    if (type & PCI_BAR_IO) {
        /* A function that decodes 64 KiB of I/O space hardwires the
         * upper 16 bits of its I/O BARs to zero. */
        pci_set_long(d->wmask + pci_bar_offset(bar), mask & 0xffff);
    }
    if (is64) {
        pci_set_long(d->config + pci_bar_offset(bar + 1), 0);
        pci_set_long(d->wmask + pci_bar_offset(bar + 1), mask >> 32);
    }
}
