/* SPDX-License-Identifier: MIT */
/*
 * Conventional PCI: one bus (bus 0) of up to 32 devices with 8 functions
 * each, addressed by devfn, each function with a 256-byte configuration
 * space (the type 0 header of the PCI Local Bus Specification 3.0,
 * section 6.1). A function's write masks say which bits the guest may
 * change and which it clears by writing ones; BARs are sized and mapped
 * by the core into the bus's memory and I/O regions when the command
 * register enables decoding. The host bridge (hw/pci/pci-host.c) turns
 * CPU port accesses into config accesses on the bus.
 *
 * A PCI device type is an ordinary device type whose instance struct
 * starts with a PCIDevice; its realize calls pci_device_realize() first,
 * its unrealize is (or calls) pci_device_unrealize(). Functions are
 * created with pci_device_create(), which places them before realize.
 */
#ifndef HW_PCI_PCI_H
#define HW_PCI_PCI_H

#include "hw/core/device.h"

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

#define PCI_CONFIG_SPACE_SIZE   256
#define PCI_NUM_BARS            6
#define PCI_DEVFN(slot, fn)     ((((slot) & 0x1f) << 3) | ((fn) & 7))
#define PCI_SLOT(devfn)         (((devfn) >> 3) & 0x1f)
#define PCI_FUNC(devfn)         ((devfn) & 7)

/* Type 0 header offsets. */
#define PCI_VENDOR_ID           0x00
#define PCI_DEVICE_ID           0x02
#define PCI_COMMAND             0x04
#define PCI_STATUS              0x06
#define PCI_REVISION_ID         0x08
#define PCI_CLASS_PROG          0x09
#define PCI_CLASS_DEVICE        0x0a    /* subclass, then base class */
#define PCI_CACHE_LINE_SIZE     0x0c
#define PCI_LATENCY_TIMER       0x0d
#define PCI_HEADER_TYPE         0x0e
#define PCI_BIST                0x0f
#define PCI_BASE_ADDRESS_0      0x10
#define PCI_SUBSYSTEM_VENDOR_ID 0x2c
#define PCI_SUBSYSTEM_ID        0x2e
#define PCI_ROM_ADDRESS         0x30
#define PCI_CAPABILITY_LIST     0x34
#define PCI_INTERRUPT_LINE      0x3c
#define PCI_INTERRUPT_PIN       0x3d

#define PCI_COMMAND_IO          0x0001
#define PCI_COMMAND_MEMORY      0x0002
#define PCI_COMMAND_MASTER      0x0004
#define PCI_COMMAND_PARITY      0x0040
#define PCI_COMMAND_SERR        0x0100
#define PCI_COMMAND_INTX_DISABLE 0x0400

#define PCI_STATUS_FAST_BACK    0x0080
#define PCI_STATUS_DEVSEL_MEDIUM 0x0200
#define PCI_STATUS_W1C          0xf900  /* the error bits */

#define PCI_HEADER_TYPE_MULTI_FUNCTION 0x80

#define PCI_BAR_IO              0x01    /* bit 0 of an I/O BAR */
#define PCI_BAR_MEM_64          0x04    /* memory BAR type 10b */
#define PCI_BAR_MEM_PREFETCH    0x08
#define PCI_BAR_UNMAPPED        UINT64_MAX

#define PCI_VENDOR_ID_INTEL     0x8086
#define PCI_SUBVENDOR_ID_REDHAT 0x1af4  /* Red Hat, Inc. (QEMU's devices) */
#define PCI_SUBDEVICE_ID_QEMU   0x1100  /* "QEMU virtual machine" */
#define PCI_CLASS_BRIDGE_HOST   0x060000
#define PCI_CLASS_BRIDGE_ISA    0x060100

typedef struct PCIBus PCIBus;
typedef struct PCIDevice PCIDevice;

typedef struct PCIBar {
    MemoryRegion *mr;           /* NULL: BAR not implemented */
    uint64_t size;              /* a power of two */
    uint8_t type;               /* PCI_BAR_IO, or memory flags */
    uint64_t addr;              /* where it is mapped, or PCI_BAR_UNMAPPED */
} PCIBar;

struct PCIDevice {
    DeviceState parent;
    PCIBus *bus;
    uint8_t devfn;
    uint8_t config[PCI_CONFIG_SPACE_SIZE];
    uint8_t wmask[PCI_CONFIG_SPACE_SIZE];   /* guest-writable bits */
    uint8_t w1cmask[PCI_CONFIG_SPACE_SIZE]; /* cleared by writing 1 */
    PCIBar bars[PCI_NUM_BARS];
    /* Called after each config write has been applied; may be NULL. */
    void (*config_written)(PCIDevice *d, uint8_t addr, uint32_t val,
                           unsigned len);
};

/* The identity a function's header starts with. */
typedef struct PCIDeviceInfo {
    uint16_t vendor_id;
    uint16_t device_id;
    uint8_t revision;
    uint32_t class_code;        /* base class, subclass, prog-if */
    uint8_t header_type;
    uint16_t command;           /* value at reset */
    uint16_t status;
} PCIDeviceInfo;

/* A bus whose BARs map into @mem and @io (both containers). */
PCIBus *pci_bus_new(Machine *m, MemoryRegion *mem, MemoryRegion *io);
/* Every function must have been destroyed first. */
void pci_bus_free(PCIBus *bus);
PCIDevice *pci_bus_find(PCIBus *bus, uint8_t devfn);

/*
 * Configuration cycles, @len 1, 2 or 4 bytes at @addr (not crossing a
 * dword). An absent function reads all ones and ignores writes.
 */
uint32_t pci_bus_config_read(PCIBus *bus, uint8_t devfn, uint8_t addr,
                             unsigned len);
void pci_bus_config_write(PCIBus *bus, uint8_t devfn, uint8_t addr,
                          uint32_t val, unsigned len);

/* Create @type at @devfn of @bus and realize it into @bus's machine. */
DeviceState *pci_device_create(PCIBus *bus, uint8_t devfn, const char *type,
                               GError **errp);
/*
 * The same in two steps, for a function whose realize needs more than
 * properties: pci_device_new() places a new instance on the bus, the
 * caller fills in its state, and pci_device_plug() realizes it (and
 * destroys it when that fails).
 */
PCIDevice *pci_device_new(PCIBus *bus, uint8_t devfn, const char *type,
                          GError **errp);
bool pci_device_plug(PCIDevice *d, GError **errp);
/*
 * The common part of a PCI function's realize: claims devfn on the bus
 * and writes the header from @info with the standard write masks.
 */
bool pci_device_realize(PCIDevice *d, const PCIDeviceInfo *info,
                        GError **errp);
void pci_device_unrealize(DeviceState *dev);
/* Put the command register and BARs back to their reset values. */
void pci_device_reset(PCIDevice *d, const PCIDeviceInfo *info);

/*
 * Implement BAR @bar: @size bytes (a power of two, at least 4 for I/O and
 * 16 for memory) of @mr, @type PCI_BAR_IO or memory flags. A 64-bit BAR
 * uses @bar + 1 too.
 */
void pci_register_bar(PCIDevice *d, int bar, uint8_t type, uint64_t size,
                      MemoryRegion *mr);

static inline void pci_set_byte(uint8_t *p, uint8_t v) { p[0] = v; }
static inline void pci_set_word(uint8_t *p, uint16_t v)
{
    p[0] = v;
    p[1] = v >> 8;
}
static inline void pci_set_long(uint8_t *p, uint32_t v)
{
    pci_set_word(p, v);
    pci_set_word(p + 2, v >> 16);
}
static inline uint16_t pci_get_word(const uint8_t *p)
{
    return p[0] | (p[1] << 8);
}
static inline uint32_t pci_get_long(const uint8_t *p)
{
    return pci_get_word(p) | ((uint32_t)pci_get_word(p + 2) << 16);
}

#endif
