/* SPDX-License-Identifier: MIT */
/*
 * The PCI host interface of the pc chipset ("pci-host"): configuration
 * mechanism #1 (PCI Local Bus Specification 3.0, section 3.2.2.3.2) and
 * the reset control register.
 *
 * CONFADD is a dword register at 0xcf8: bit 31 enables translation of
 * CONFDATA accesses, bits 23-16 name the bus, 15-11 the device, 10-8 the
 * function and 7-2 the dword. Only dword accesses reach it; the chipset
 * passes narrower accesses to 0xcf8-0xcfb on to the ISA bus, where the
 * PIIX3's reset control register answers at 0xcf9 (82371SB datasheet,
 * "RC - Reset Control Register"). Since one region decodes a port, the
 * reset control register lives here, in the device that owns the four
 * ports; other narrow accesses find nothing and read all ones. Writing
 * RCR with bit 2 going high resets the system: hard with bit 1 set, soft
 * (INIT only) without it, which Kestrel also turns into a full reset.
 *
 * CONFDATA accesses of 1, 2 or 4 bytes at 0xcfc-0xcff reach the register
 * CONFADD names plus the port's offset; with the enable bit clear or a
 * bus other than 0 they read all ones and writes are dropped.
 */
#include "hw/pci/pci-host.h"
#include "util/log.h"

#define CONFADD_MASK    0x80fffffcu

struct PCIHostState {
    DeviceState parent;
    MemoryRegion io_addr;
    MemoryRegion io_data;
    PCIBus *bus;
    uint32_t confadd;
    uint8_t rcr;
};

static uint64_t pci_host_addr_read(void *opaque, hwaddr addr, unsigned size)
{
    PCIHostState *s = opaque;

    if (size == 4) {
        return s->confadd;
    }
    if (size == 1 && addr == PCI_HOST_RCR - PCI_HOST_CONFADD) {
        return s->rcr;
    }
    return (1ull << (8 * size)) - 1;
}

static void pci_host_rcr_write(PCIHostState *s, uint8_t val)
{
    bool reset = !(s->rcr & RCR_RST_CPU) && (val & RCR_RST_CPU);

    s->rcr = val & RCR_SYS_RST;
    if (!reset) {
        return;
    }
    if (!(val & RCR_SYS_RST)) {
        log_mask_printf(LOG_UNIMP, "pci-host: soft reset (INIT) done as a "
                        "full reset\n");
    }
    log_mask_printf(LOG_CPU_RESET, "pci-host: reset via 0xcf9\n");
    machine_request_reset(s->parent.machine);
}

static void pci_host_addr_write(void *opaque, hwaddr addr, uint64_t val,
                                unsigned size)
{
    PCIHostState *s = opaque;

    if (size == 4) {
        s->confadd = val & CONFADD_MASK;
    } else if (size == 1 && addr == PCI_HOST_RCR - PCI_HOST_CONFADD) {
        pci_host_rcr_write(s, val);
    }
}

static bool pci_host_target(PCIHostState *s, uint8_t *devfn)
{
    if (!(s->confadd & PCI_CONFADD_ENABLE) || ((s->confadd >> 16) & 0xff)) {
        return false;
    }
    *devfn = s->confadd >> 8;
    return true;
}

static uint64_t pci_host_data_read(void *opaque, hwaddr addr, unsigned size)
{
    PCIHostState *s = opaque;
    uint8_t devfn;

    if (!pci_host_target(s, &devfn)) {
        return (1ull << (8 * size)) - 1;
    }
    return pci_bus_config_read(s->bus, devfn, (s->confadd & 0xfc) | addr,
                               size);
}

static void pci_host_data_write(void *opaque, hwaddr addr, uint64_t val,
                                unsigned size)
{
    PCIHostState *s = opaque;
    uint8_t devfn;

    if (pci_host_target(s, &devfn)) {
        pci_bus_config_write(s->bus, devfn, (s->confadd & 0xfc) | addr, val,
                             size);
    }
}

static const MemoryRegionOps pci_host_addr_ops = {
    .read = pci_host_addr_read,
    .write = pci_host_addr_write,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 1, .max_access_size = 4 },
};

/* Naturally aligned pieces: an unaligned access is split by the core. */
static const MemoryRegionOps pci_host_data_ops = {
    .read = pci_host_data_read,
    .write = pci_host_data_write,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 1, .max_access_size = 4 },
};

static bool pci_host_realize(DeviceState *dev, GError **errp)
{
    PCIHostState *s = (PCIHostState *)dev;
    Machine *m = dev->machine;

    s->bus = pci_bus_new(m, m->system_memory, m->system_io);
    memory_region_init_io(&s->io_addr, &pci_host_addr_ops, s, "pci-confadd",
                          4);
    memory_region_init_io(&s->io_data, &pci_host_data_ops, s, "pci-confdata",
                          4);
    memory_region_add_subregion(m->system_io, PCI_HOST_CONFADD, &s->io_addr);
    memory_region_add_subregion(m->system_io, PCI_HOST_CONFDATA,
                                &s->io_data);
    return true;
}

static void pci_host_unrealize(DeviceState *dev)
{
    PCIHostState *s = (PCIHostState *)dev;

    memory_region_del_subregion(dev->machine->system_io, &s->io_addr);
    memory_region_del_subregion(dev->machine->system_io, &s->io_data);
    memory_region_destroy(&s->io_addr);
    memory_region_destroy(&s->io_data);
    pci_bus_free(s->bus);
}

static void pci_host_reset(DeviceState *dev)
{
    PCIHostState *s = (PCIHostState *)dev;

    s->confadd = 0;
    s->rcr = 0;
}

DEVICE_REGISTER(pci_host_device,
    .name = "pci-host",
    .desc = "PCI configuration mechanism #1 and reset control (0xcf8-0xcff)",
    .instance_size = sizeof(PCIHostState),
    .realize = pci_host_realize,
    .reset = pci_host_reset,
    .unrealize = pci_host_unrealize)

PCIHostState *pci_host_create(Machine *m, GError **errp)
{
    DeviceState *dev = device_new("pci-host", errp);

    if (dev && !device_realize(dev, m, errp)) {
        device_destroy(dev);
        return NULL;
    }
    return (PCIHostState *)dev;
}

PCIBus *pci_host_bus(PCIHostState *host)
{
    return host->bus;
}

bool pci_host_create_i440fx_piix3(PCIHostState *host, MemoryRegion *ram,
                                  MemoryRegion *bios_area, GError **errp)
{
    return i440fx_create(host->bus, ram, bios_area, errp) &&
           pci_device_create(host->bus, PIIX3_DEVFN, "piix3", errp);
}
