/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the PCI core, the mechanism #1 host interface, the
 * i440FX and PIIX3 functions and the reset control register, driven
 * through ports 0xcf8-0xcff of a bare machine: absent functions read all
 * ones, the two bridges' IDs and class codes, byte/word/dword accesses at
 * every offset of CONFDATA (unaligned ones split by the memory core),
 * read-only fields, write-1-to-clear status bits, PIRQ routing, BAR
 * sizing and mapping with a test function, QEMU's subsystem IDs, and
 * 0xcf9 resets.
 */
#include "bare-machine.h"
#include "hw/pci/pci-host.h"

static uint32_t confadd(uint8_t bus, uint8_t devfn, uint8_t reg)
{
    return PCI_CONFADD_ENABLE | bus << 16 | devfn << 8 | (reg & 0xfc);
}

static uint32_t cfg_read(BareMachine *bm, uint8_t devfn, uint8_t reg,
                         unsigned size)
{
    bare_out(bm, PCI_HOST_CONFADD, confadd(0, devfn, reg), 4);
    return bare_in(bm, PCI_HOST_CONFDATA + (reg & 3), size);
}

static void cfg_write(BareMachine *bm, uint8_t devfn, uint8_t reg,
                      uint32_t val, unsigned size)
{
    bare_out(bm, PCI_HOST_CONFADD, confadd(0, devfn, reg), 4);
    bare_out(bm, PCI_HOST_CONFDATA + (reg & 3), val, size);
}

static BareMachine *pci_machine(PCIHostState **host)
{
    BareMachine *bm = bare_machine_new(1);

    *host = pci_host_create(&bm->m, NULL);
    g_assert_nonnull(*host);
    g_assert_true(pci_host_create_i440fx_piix3(*host, &bm->low_ram,
                                               &bm->bios_area, NULL));
    return bm;
}

static void test_absent(void)
{
    PCIHostState *host;
    BareMachine *bm = pci_machine(&host);

    g_assert_cmphex(cfg_read(bm, PCI_DEVFN(2, 0), 0, 4), ==, 0xffffffff);
    g_assert_cmphex(cfg_read(bm, PCI_DEVFN(2, 0), 2, 2), ==, 0xffff);
    g_assert_cmphex(cfg_read(bm, PCI_DEVFN(31, 7), 0x3d, 1), ==, 0xff);
    g_assert_cmphex(cfg_read(bm, PCI_DEVFN(0, 1), 0, 4), ==, 0xffffffff);
    /* Another bus, or the enable bit clear: nothing answers. */
    bare_out(bm, PCI_HOST_CONFADD, confadd(1, 0, 0), 4);
    g_assert_cmphex(bare_in(bm, PCI_HOST_CONFDATA, 4), ==, 0xffffffff);
    bare_out(bm, PCI_HOST_CONFADD, 0, 4);
    g_assert_cmphex(bare_in(bm, PCI_HOST_CONFDATA, 4), ==, 0xffffffff);
    bare_out(bm, PCI_HOST_CONFDATA, 0, 4);
    /* Writes to absent functions go nowhere. */
    cfg_write(bm, PCI_DEVFN(2, 0), 0x3c, 0x0b, 1);
    g_assert_cmphex(cfg_read(bm, PCI_DEVFN(2, 0), 0x3c, 1), ==, 0xff);
    bare_machine_free(bm);
}

static void test_bridge_ids(void)
{
    PCIHostState *host;
    BareMachine *bm = pci_machine(&host);

    g_assert_cmphex(cfg_read(bm, I440FX_DEVFN, 0, 4), ==, 0x12378086);
    g_assert_cmphex(cfg_read(bm, I440FX_DEVFN, 8, 4), ==, 0x06000002);
    g_assert_cmphex(cfg_read(bm, I440FX_DEVFN, PCI_HEADER_TYPE, 1), ==, 0);
    g_assert_cmphex(cfg_read(bm, I440FX_DEVFN, PCI_COMMAND, 2), ==, 0x0006);
    g_assert_cmphex(cfg_read(bm, I440FX_DEVFN, PCI_STATUS, 2), ==, 0x0280);
    /* QEMU's subsystem IDs, by which SeaBIOS knows it runs on QEMU. */
    g_assert_cmphex(cfg_read(bm, I440FX_DEVFN, PCI_SUBSYSTEM_VENDOR_ID, 4),
                    ==, 0x11001af4);
    g_assert_cmphex(cfg_read(bm, PIIX3_DEVFN, PCI_SUBSYSTEM_VENDOR_ID, 4),
                    ==, 0x11001af4);
    g_assert_cmphex(cfg_read(bm, PIIX3_DEVFN, 0, 4), ==, 0x70008086);
    g_assert_cmphex(cfg_read(bm, PIIX3_DEVFN, 8, 4), ==, 0x06010000);
    g_assert_cmphex(cfg_read(bm, PIIX3_DEVFN, PCI_HEADER_TYPE, 1), ==, 0x80);
    g_assert_cmphex(cfg_read(bm, PIIX3_DEVFN, PCI_COMMAND, 2), ==, 0x0007);
    for (int i = 0; i < 4; i++) {
        g_assert_cmphex(cfg_read(bm, PIIX3_DEVFN, PIIX3_PIRQRC + i, 1), ==,
                        0x80);
    }
    bare_machine_free(bm);
}

static void test_access_sizes(void)
{
    PCIHostState *host;
    BareMachine *bm = pci_machine(&host);

    /* Bytes at every offset, words at both halves. */
    bare_out(bm, PCI_HOST_CONFADD, confadd(0, PIIX3_DEVFN, 0), 4);
    g_assert_cmphex(bare_inb(bm, 0xcfc), ==, 0x86);
    g_assert_cmphex(bare_inb(bm, 0xcfd), ==, 0x80);
    g_assert_cmphex(bare_inb(bm, 0xcfe), ==, 0x00);
    g_assert_cmphex(bare_inb(bm, 0xcff), ==, 0x70);
    g_assert_cmphex(bare_in(bm, 0xcfc, 2), ==, 0x8086);
    g_assert_cmphex(bare_in(bm, 0xcfe, 2), ==, 0x7000);
    /* An unaligned word is split into bytes by the memory core. */
    g_assert_cmphex(bare_in(bm, 0xcfd, 2), ==, 0x0080);

    /* The low two bits of CONFADD read as 0; reserved bits too. */
    bare_out(bm, PCI_HOST_CONFADD, 0xff00ff03, 4);
    g_assert_cmphex(bare_in(bm, PCI_HOST_CONFADD, 4), ==, 0x8000ff00);
    /* Narrow writes (Linux's type-1 probe writes 0xcfb) leave it alone. */
    bare_out(bm, PCI_HOST_CONFADD, 0x80000000, 4);
    bare_outb(bm, 0xcfb, 0x01);
    bare_out(bm, 0xcf8, 0x1234, 2);
    g_assert_cmphex(bare_in(bm, PCI_HOST_CONFADD, 4), ==, 0x80000000);
    bare_machine_free(bm);
}

static void test_write_masks(void)
{
    PCIHostState *host;
    BareMachine *bm = pci_machine(&host);
    PCIDevice *d = pci_bus_find(pci_host_bus(host), I440FX_DEVFN);

    /* Read-only: IDs, class, header type. */
    cfg_write(bm, I440FX_DEVFN, 0, 0xffffffff, 4);
    cfg_write(bm, I440FX_DEVFN, 8, 0xffffffff, 4);
    cfg_write(bm, I440FX_DEVFN, PCI_HEADER_TYPE, 0xff, 1);
    g_assert_cmphex(cfg_read(bm, I440FX_DEVFN, 0, 4), ==, 0x12378086);
    g_assert_cmphex(cfg_read(bm, I440FX_DEVFN, 8, 4), ==, 0x06000002);
    g_assert_cmphex(cfg_read(bm, I440FX_DEVFN, PCI_HEADER_TYPE, 1), ==, 0);
    /* Writable: latency timer, PAM registers. */
    cfg_write(bm, I440FX_DEVFN, PCI_LATENCY_TIMER, 0x40, 1);
    g_assert_cmphex(cfg_read(bm, I440FX_DEVFN, PCI_LATENCY_TIMER, 1), ==,
                    0x40);
    cfg_write(bm, I440FX_DEVFN, 0x59, 0x30, 1);
    g_assert_cmphex(cfg_read(bm, I440FX_DEVFN, 0x59, 1), ==, 0x30);
    /* Status error bits clear when written with ones. */
    pci_set_word(d->config + PCI_STATUS, 0x2280);   /* master abort seen */
    cfg_write(bm, I440FX_DEVFN, PCI_STATUS, 0x0080, 2);
    g_assert_cmphex(cfg_read(bm, I440FX_DEVFN, PCI_STATUS, 2), ==, 0x2280);
    cfg_write(bm, I440FX_DEVFN, PCI_STATUS, 0x2000, 2);
    g_assert_cmphex(cfg_read(bm, I440FX_DEVFN, PCI_STATUS, 2), ==, 0x0280);
    bare_machine_free(bm);
}

static void test_pirq_routing(void)
{
    PCIHostState *host;
    BareMachine *bm = pci_machine(&host);
    DeviceState *piix3 =
        (DeviceState *)pci_bus_find(pci_host_bus(host), PIIX3_DEVFN);

    g_assert_cmpint(piix3_pirq_irq(piix3, 0), ==, -1);
    cfg_write(bm, PIIX3_DEVFN, 0x60, 0x0b0a0b0a, 4);
    g_assert_cmpint(piix3_pirq_irq(piix3, 0), ==, 10);
    g_assert_cmpint(piix3_pirq_irq(piix3, 1), ==, 11);
    cfg_write(bm, PIIX3_DEVFN, 0x62, 0xff, 1);
    g_assert_cmphex(cfg_read(bm, PIIX3_DEVFN, 0x62, 1), ==, 0x8f);
    g_assert_cmpint(piix3_pirq_irq(piix3, 2), ==, -1);
    g_assert_cmpint(piix3_pirq_irq(piix3, 3), ==, 11);
    bare_machine_free(bm);
}

static void test_reset_control(void)
{
    PCIHostState *host;
    BareMachine *bm = pci_machine(&host);

    bare_outb(bm, PCI_HOST_RCR, RCR_SYS_RST);
    g_assert_cmpuint(bm->resets, ==, 0);
    g_assert_cmphex(bare_inb(bm, PCI_HOST_RCR), ==, RCR_SYS_RST);
    bare_outb(bm, PCI_HOST_RCR, RCR_SYS_RST | RCR_RST_CPU);
    g_assert_cmpuint(bm->resets, ==, 1);
    /* RST_CPU does not stay set, so the next write is a new edge. */
    g_assert_cmphex(bare_inb(bm, PCI_HOST_RCR), ==, RCR_SYS_RST);
    bare_outb(bm, PCI_HOST_RCR, RCR_RST_CPU);
    g_assert_cmpuint(bm->resets, ==, 2);
    /* A dword write at 0xcf8 is CONFADD, never a reset. */
    bare_out(bm, PCI_HOST_CONFADD, 0x80000600, 4);
    g_assert_cmpuint(bm->resets, ==, 2);
    bare_machine_free(bm);
}

/* ---- a function with BARs ---------------------------------------------- */

typedef struct TestBarDev {
    PCIDevice pci;
    MemoryRegion mmio;
    MemoryRegion io;
    MemoryRegion mmio64;
} TestBarDev;

static const PCIDeviceInfo test_bar_info = {
    .vendor_id = 0x1234,
    .device_id = 0x5678,
    .class_code = 0xff0000,
};

static uint64_t test_bar_read(void *opaque, hwaddr addr, unsigned size)
{
    return 0x42;
}

static const MemoryRegionOps test_bar_ops = {
    .read = test_bar_read,
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

static bool test_bar_realize(DeviceState *dev, GError **errp)
{
    TestBarDev *s = (TestBarDev *)dev;

    if (!pci_device_realize(&s->pci, &test_bar_info, errp)) {
        return false;
    }
    memory_region_init_io(&s->mmio, &test_bar_ops, s, "bar0", 0x100);
    memory_region_init_io(&s->io, &test_bar_ops, s, "bar1", 0x20);
    memory_region_init_io(&s->mmio64, &test_bar_ops, s, "bar2", 0x4000);
    pci_register_bar(&s->pci, 0, 0, 0x100, &s->mmio);
    pci_register_bar(&s->pci, 1, PCI_BAR_IO, 0x20, &s->io);
    pci_register_bar(&s->pci, 2, PCI_BAR_MEM_64 | PCI_BAR_MEM_PREFETCH,
                     0x4000, &s->mmio64);
    return true;
}

static void test_bar_unrealize(DeviceState *dev)
{
    TestBarDev *s = (TestBarDev *)dev;

    pci_device_unrealize(dev);
    memory_region_destroy(&s->mmio);
    memory_region_destroy(&s->io);
    memory_region_destroy(&s->mmio64);
}

static void test_bar_reset(DeviceState *dev)
{
    pci_device_reset((PCIDevice *)dev, &test_bar_info);
}

DEVICE_REGISTER(test_bar_device,
    .name = "test-pci-bars",
    .instance_size = sizeof(TestBarDev),
    .realize = test_bar_realize,
    .reset = test_bar_reset,
    .unrealize = test_bar_unrealize)

static uint8_t mem_readb(BareMachine *bm, uint64_t addr)
{
    uint8_t v;

    address_space_read(&bm->m.as_memory, addr, &v, 1);
    return v;
}

static void test_bars(void)
{
    PCIHostState *host;
    BareMachine *bm = pci_machine(&host);
    uint8_t devfn = PCI_DEVFN(3, 0);

    g_assert_nonnull(pci_device_create(pci_host_bus(host), devfn,
                                       "test-pci-bars", NULL));
    /* Sizing: all ones in, the size mask and type bits out. */
    g_assert_cmphex(cfg_read(bm, devfn, 0x10, 4), ==, 0);
    cfg_write(bm, devfn, 0x10, 0xffffffff, 4);
    g_assert_cmphex(cfg_read(bm, devfn, 0x10, 4), ==, 0xffffff00);
    cfg_write(bm, devfn, 0x14, 0xffffffff, 4);
    g_assert_cmphex(cfg_read(bm, devfn, 0x14, 4), ==, 0x0000ffe1);
    cfg_write(bm, devfn, 0x18, 0xffffffff, 4);
    cfg_write(bm, devfn, 0x1c, 0xffffffff, 4);
    g_assert_cmphex(cfg_read(bm, devfn, 0x18, 4), ==, 0xffffc00c);
    g_assert_cmphex(cfg_read(bm, devfn, 0x1c, 4), ==, 0xffffffff);
    /* BARs past the implemented ones stay zero. */
    cfg_write(bm, devfn, 0x20, 0xffffffff, 4);
    g_assert_cmphex(cfg_read(bm, devfn, 0x20, 4), ==, 0);

    /* Program addresses; nothing decodes until the command register says. */
    cfg_write(bm, devfn, 0x10, 0xfebf1000, 4);
    cfg_write(bm, devfn, 0x14, 0xc040, 4);
    cfg_write(bm, devfn, 0x18, 0x00000000, 4);
    cfg_write(bm, devfn, 0x1c, 0x00000001, 4);
    g_assert_cmphex(mem_readb(bm, 0xfebf1000), ==, 0xff);
    g_assert_cmphex(bare_inb(bm, 0xc040), ==, 0xff);
    cfg_write(bm, devfn, PCI_COMMAND, PCI_COMMAND_IO | PCI_COMMAND_MEMORY, 2);
    g_assert_cmphex(mem_readb(bm, 0xfebf1000), ==, 0x42);
    g_assert_cmphex(mem_readb(bm, 0xfebf10ff), ==, 0x42);
    g_assert_cmphex(mem_readb(bm, 0xfebf1100), ==, 0xff);
    g_assert_cmphex(bare_inb(bm, 0xc05f), ==, 0x42);
    g_assert_cmphex(mem_readb(bm, 0x100000000ull), ==, 0x42);
    /* Moving a BAR moves its window. */
    cfg_write(bm, devfn, 0x10, 0xfebf2000, 4);
    g_assert_cmphex(mem_readb(bm, 0xfebf1000), ==, 0xff);
    g_assert_cmphex(mem_readb(bm, 0xfebf2000), ==, 0x42);
    /* Turning decode off unmaps. */
    cfg_write(bm, devfn, PCI_COMMAND, 0, 2);
    g_assert_cmphex(mem_readb(bm, 0xfebf2000), ==, 0xff);
    g_assert_cmphex(bare_inb(bm, 0xc040), ==, 0xff);
    /* A reset clears the BARs and the command register. */
    cfg_write(bm, devfn, PCI_COMMAND, PCI_COMMAND_MEMORY, 2);
    machine_reset_devices(&bm->m);
    g_assert_cmphex(cfg_read(bm, devfn, 0x10, 4), ==, 0);
    g_assert_cmphex(mem_readb(bm, 0xfebf2000), ==, 0xff);
    bare_machine_free(bm);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    bql_lock();
    g_test_add_func("/pci/absent", test_absent);
    g_test_add_func("/pci/bridge-ids", test_bridge_ids);
    g_test_add_func("/pci/access-sizes", test_access_sizes);
    g_test_add_func("/pci/write-masks", test_write_masks);
    g_test_add_func("/pci/pirq-routing", test_pirq_routing);
    g_test_add_func("/pci/reset-control", test_reset_control);
    g_test_add_func("/pci/bars", test_bars);
    return g_test_run();
}
