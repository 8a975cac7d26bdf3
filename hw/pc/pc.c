/* SPDX-License-Identifier: MIT */
/*
 * The pc machine: builds the system memory and I/O trees, wires the
 * legacy devices to their ports and GSIs, and writes the ACPI tables that
 * describe them (docs/user/machine.md lists it all). Memory map:
 *
 *   0x00000000-0x0009ffff  RAM (conventional memory)
 *   0x000a0000-0x000bffff  unassigned (VGA window); RAM while the
 *                          i440FX's SMRAM register opens it
 *   0x000c0000-0x000fffff  the BIOS area: ROM (option ROM space; the last
 *                          128 KiB of a -bios image show through at
 *                          0xe0000; without one, the ACPI tables sit at
 *                          0xe0000), with RAM over the segments the
 *                          i440FX's PAM registers say (hw/pci/i440fx.c)
 *   0x00100000-below_4g    RAM
 *   below_4g-0xffffffff    PCI hole; the -bios image ends at 4 GiB. With
 *                          a userspace irqchip: the I/O APIC at
 *                          0xfec00000, the HPET at 0xfed00000 and the
 *                          local APICs at 0xfee00000
 *   0x100000000-           the rest of RAM
 */
#include "hw/pc/pc.h"
#include "hw/char/debugcon.h"
#include "hw/char/serial.h"
#include "hw/core/device.h"
#include "hw/input/i8042.h"
#include "hw/intc/apic.h"
#include "hw/intc/i8259.h"
#include "hw/intc/ioapic.h"
#include "hw/misc/acpi-pm.h"
#include "hw/misc/port92.h"
#include "hw/pc/acpi.h"
#include "hw/pc/fw_cfg.h"
#include "hw/pci/pci-host.h"
#include "hw/timer/hpet.h"
#include "hw/timer/i8254.h"
#include "hw/timer/mc146818rtc.h"
#include "hw/timer/port61.h"
#include "util/cutils.h"

#include <string.h>

#define BIOS_ISA_SIZE   0x20000
#define BIOS_MAX_SIZE   (16u << 20)

static const uint32_t serial_iobase[PC_MAX_SERIAL] = {
    0x3f8, 0x2f8, 0x3e8, 0x2e8,
};
static const unsigned serial_irq[PC_MAX_SERIAL] = { 4, 3, 4, 3 };

static bool pc_memory_init(PCMachine *pc, const PCConfig *cfg, GError **errp)
{
    uint64_t ram = cfg->ram_size;

    pc->below_4g = ram;
    if (ram >= PC_LOWMEM_LIMIT) {
        pc->below_4g = PC_LOWMEM_SPLIT;
    }
    pc->above_4g = ram - pc->below_4g;

    memory_region_init_container(&pc->sysmem, "system", UINT64_MAX);
    memory_region_init_container(&pc->sysio, "io", 0x10000);
    if (!memory_region_init_ram(&pc->ram, "pc.ram", ram, errp)) {
        return false;
    }
    /* RAM shows below the VGA window and from 1 MiB to the PCI hole. */
    memory_region_init_alias(&pc->ram_low, "ram-low", &pc->ram, 0,
                             MIN(ram, 0xa0000));
    memory_region_add_subregion(&pc->sysmem, 0, &pc->ram_low);
    if (pc->below_4g > 0x100000) {
        memory_region_init_alias(&pc->ram_below_4g, "ram-below-4g", &pc->ram,
                                 0x100000, pc->below_4g - 0x100000);
        memory_region_add_subregion(&pc->sysmem, 0x100000,
                                    &pc->ram_below_4g);
    }
    if (pc->above_4g) {
        memory_region_init_alias(&pc->ram_above_4g, "ram-above-4g", &pc->ram,
                                 pc->below_4g, pc->above_4g);
        memory_region_add_subregion(&pc->sysmem, PC_HIGHMEM_START,
                                    &pc->ram_above_4g);
    }
    /* The PCI side of the BIOS area; the i440FX's PAM puts RAM over it. */
    memory_region_init_container(&pc->bios_area, "bios-area",
                                 I440FX_BIOS_AREA_SIZE);
    if (!memory_region_init_rom(&pc->option_rom, "pc.rom",
                                I440FX_BIOS_AREA_SIZE, errp)) {
        return false;
    }
    memory_region_add_subregion(&pc->bios_area, 0, &pc->option_rom);
    memory_region_add_subregion_overlap(&pc->sysmem, I440FX_BIOS_AREA_START,
                                        &pc->bios_area, 1);
    return true;
}

static bool pc_bios_init(PCMachine *pc, const char *path, GError **errp)
{
    g_autofree char *data = NULL;
    gsize len;
    GError *err = NULL;

    if (!g_file_get_contents(path, &data, &len, &err)) {
        g_set_error(errp, KESTREL_ERROR, 0, "-bios: %s", err->message);
        g_error_free(err);
        return false;
    }
    if (len == 0 || len % 0x10000 || len > BIOS_MAX_SIZE) {
        g_set_error(errp, KESTREL_ERROR, 0,
                    "-bios: %s: size %zu is not a multiple of 64 KiB up to "
                    "16 MiB", path, (size_t)len);
        return false;
    }
    if (!memory_region_init_rom(&pc->bios, "pc.bios", len, errp)) {
        return false;
    }
    memcpy(memory_region_get_ram_ptr(&pc->bios), data, len);
    memory_region_add_subregion(&pc->sysmem, 0x100000000ull - len,
                                &pc->bios);
    memory_region_init_alias(&pc->bios_isa, "isa-bios", &pc->bios,
                             len - MIN(len, BIOS_ISA_SIZE),
                             MIN(len, BIOS_ISA_SIZE));
    memory_region_add_subregion_overlap(&pc->bios_area,
                                        I440FX_BIOS_AREA_SIZE -
                                            MIN(len, BIOS_ISA_SIZE),
                                        &pc->bios_isa, 1);
    pc->has_bios = true;
    return true;
}

/*
 * ISA IRQ / GSI @gsi reaches the 8259 (0-15) and the I/O APIC. As on a
 * real PC, ISA IRQ 0 is wired to I/O APIC input 2 (the MADT's interrupt
 * source override) and input 0 is left to the 8259's ExtINT.
 */
static void pc_route_gsi(PCMachine *pc, int gsi, int level)
{
    if (gsi < PIC_NR_IRQS) {
        irq_set_level(pic_input(pc->pic, gsi), level);
    }
    if (pc->ioapic && gsi != 2) {
        irq_set_level(ioapic_input(pc->ioapic, gsi ? gsi : 2), level);
    }
}

/* The machine's gsi[] inputs. The PIT's IRQ 0 and the RTC's IRQ 8 pass
 * through the HPET, which cuts them off in legacy replacement mode. */
static void pc_gsi_handler(void *opaque, int gsi, int level)
{
    PCMachine *pc = opaque;

    if (pc->hpet && gsi == 0) {
        irq_set_level(hpet_pit_input(pc->hpet), level);
    } else if (pc->hpet && gsi == 8) {
        irq_set_level(hpet_rtc_input(pc->hpet), level);
    } else {
        pc_route_gsi(pc, gsi, level);
    }
}

static void pc_hpet_legacy_out(void *opaque, int n, int level)
{
    pc_route_gsi(opaque, n ? 8 : 0, level);
}

static void pc_hpet_route_out(void *opaque, int pin, int level)
{
    PCMachine *pc = opaque;

    irq_set_level(ioapic_input(pc->ioapic, pin), level);
}

/* The 8259's INTR goes to the BSP's LINT0 (virtual wire mode). */
static void pc_pic_intr_to_lint0(void *opaque, int n, int level)
{
    PCMachine *pc = opaque;

    irq_set_level(apic_lint_input(pc->apic, 0, 0), level);
}

static int pc_pic_extint_ack(void *opaque)
{
    PCMachine *pc = opaque;

    return pic_read_irq(pc->pic);
}

/* A local APIC per vCPU, the I/O APIC and the HPET behind the 8259. */
static bool pc_apic_init(PCMachine *pc, unsigned ncpus, GError **errp)
{
    Machine *m = &pc->m;

    if (ncpus > APIC_MAX_CPUS) {
        g_set_error(errp, KESTREL_ERROR, 0, "-smp %u: the userspace APIC "
                    "supports at most %u CPUs", ncpus, APIC_MAX_CPUS);
        return false;
    }
    pc->apic = apic_bus_create(m, ncpus, errp);
    if (!pc->apic) {
        return false;
    }
    apic_bus_set_extint_ack(pc->apic, pc_pic_extint_ack, pc);
    irq_init(pic_intr_output(pc->pic), pc_pic_intr_to_lint0, pc, 0);
    pc->cpu_intr_out = NULL;
    pc->ioapic = ioapic_create(m, pc->apic, errp);
    pc->hpet = pc->ioapic ? hpet_create(m, errp) : NULL;
    if (!pc->hpet) {
        return false;
    }
    for (int i = 0; i < 2; i++) {
        irq_init(hpet_legacy_output(pc->hpet, i), pc_hpet_legacy_out, pc, i);
    }
    for (int i = 0; i < HPET_NR_ROUTES; i++) {
        irq_init(hpet_route_output(pc->hpet, i), pc_hpet_route_out, pc, i);
    }
    pc->has_hpet = true;
    pc->hpet_addr = HPET_DEFAULT_ADDRESS;
    return true;
}

/*
 * Interrupts and time in userspace: the 8259 pair takes GSIs 0-15 and the
 * I/O APIC GSIs 0-23 (pc_route_gsi), the PIT drives GSI 0 and port 0x61
 * holds its channel 2 gate. The 8259's INTR goes to the BSP's local APIC
 * (LINT0); vl/ connects each local APIC to its CPU.
 */
static bool pc_irqchip_init(PCMachine *pc, const PCConfig *cfg,
                            GError **errp)
{
    Machine *m = &pc->m;

    pc->pic = pic_create(m, errp);
    if (!pc->pic) {
        return false;
    }
    for (int i = 0; i < MACHINE_NR_GSI; i++) {
        irq_init(&m->gsi[i], pc_gsi_handler, pc, i);
    }
    pc->cpu_intr_out = pic_intr_output(pc->pic);
    if (!pc_apic_init(pc, cfg->smp_cpus, errp)) {
        return false;
    }
    pc->pit = pit_create(m, errp);
    if (!pc->pit) {
        return false;
    }
    pc->port61 = port61_create(m, pc->pit, errp);
    return pc->port61 != NULL;
}

/* One row of fw_cfg's etc/e820 (QEMU's struct e820_entry, packed LE). */
typedef struct FWCfgE820Entry {
    uint64_t address;
    uint64_t length;
    uint32_t type;
} __attribute__((packed)) FWCfgE820Entry;

/*
 * What QEMU's pc offers firmware beside the defaults of fw_cfg_create,
 * as SeaBIOS reads it: etc/e820 with the RAM (below and above 4 GiB,
 * the holes are the firmware's to carve), IRQ 0 routed to GSI 2, no
 * timed reboot after "No bootable device" (QEMU's -boot reboot-timeout
 * default), and no display, so SeaBIOS talks on COM1.
 */
static void pc_fw_cfg_init(PCMachine *pc, const PCConfig *cfg)
{
    FWCfgE820Entry e820[2];
    unsigned n = 0;
    uint32_t no_retry = GUINT32_TO_LE(UINT32_MAX);

    fw_cfg_add_i64(pc->fw_cfg, FW_CFG_RAM_SIZE, cfg->ram_size);
    fw_cfg_add_i16(pc->fw_cfg, FW_CFG_NB_CPUS, cfg->smp_cpus);
    fw_cfg_add_i16(pc->fw_cfg, FW_CFG_MAX_CPUS, cfg->smp_cpus);
    fw_cfg_add_i16(pc->fw_cfg, FW_CFG_NOGRAPHIC, 1);
    fw_cfg_add_i32(pc->fw_cfg, FW_CFG_IRQ0_OVERRIDE, 1);
    e820[n++] = (FWCfgE820Entry){ 0, GUINT64_TO_LE(pc->below_4g),
                                  GUINT32_TO_LE(E820_RAM) };
    if (pc->above_4g) {
        e820[n++] = (FWCfgE820Entry){ GUINT64_TO_LE(PC_HIGHMEM_START),
                                      GUINT64_TO_LE(pc->above_4g),
                                      GUINT32_TO_LE(E820_RAM) };
    }
    fw_cfg_add_file(pc->fw_cfg, "etc/e820", e820, n * sizeof(e820[0]));
    fw_cfg_add_file(pc->fw_cfg, "etc/boot-fail-wait", &no_retry,
                    sizeof(no_retry));
}

static bool pc_devices_init(PCMachine *pc, const PCConfig *cfg,
                            GError **errp)
{
    Machine *m = &pc->m;
    DeviceState *dev;

    if (cfg->userspace_irqchip && !pc_irqchip_init(pc, cfg, errp)) {
        return false;
    }

    for (int i = 0; i < PC_MAX_SERIAL; i++) {
        if (cfg->serial[i] &&
            !isa_serial_create(m, serial_iobase[i], serial_irq[i],
                               cfg->serial[i], errp)) {
            return false;
        }
    }
    if (cfg->debugcon && !isa_debugcon_create(m, 0xe9, cfg->debugcon, errp)) {
        return false;
    }
    dev = device_new("ioport80", errp);
    if (!dev || !device_realize(dev, m, errp)) {
        device_destroy(dev);
        return false;
    }
    pc->port92 = port92_create(m, errp);
    if (!pc->port92) {
        return false;
    }
    pc->fw_cfg = fw_cfg_create(m, errp);
    if (!pc->fw_cfg) {
        return false;
    }
    pc_fw_cfg_init(pc, cfg);
    return true;
}

/*
 * The platform Linux expects beside the legacy ports: the RTC and CMOS
 * (0x70, IRQ 8), the keyboard controller (0x60/0x64, IRQ 1 and 12), the
 * ACPI PM block (0x600, SCI on GSI 9), and PCI bus 0 behind mechanism #1
 * (0xcf8-0xcff, with the 0xcf9 reset register) holding the i440FX host
 * bridge and the PIIX3 ISA bridge.
 */
static bool pc_platform_init(PCMachine *pc, GError **errp)
{
    Machine *m = &pc->m;
    PCIHostState *host;
    DeviceState *rtc = rtc_create(m, pc->below_4g, pc->above_4g, errp);

    if (!rtc) {
        return false;
    }
    /* QEMU's default boot order "cad" where SeaBIOS reads it (1 floppy,
     * 2 hard disk, 3 CD-ROM; 0x38 bit 0 clear: check the floppy's boot
     * signature): hard disk, floppy, CD-ROM. */
    rtc_set_cmos(rtc, CMOS_BOOT_ORDER12, 0x12);
    rtc_set_cmos(rtc, CMOS_BOOT_ORDER3, 0x30);
    if (!i8042_create(m, errp) ||
        !acpi_pm_create(m, ACPI_PM_IOBASE, ACPI_SCI_GSI, errp)) {
        return false;
    }
    host = pci_host_create(m, errp);
    return host && pci_host_create_i440fx_piix3(host, &pc->ram,
                                                &pc->bios_area, errp);
}

/*
 * ACPI tables in the BIOS-area ROM, once the memory map is rendered. With
 * -bios the firmware image covers 0xe0000-0xfffff and the firmware
 * builds its own tables, so there are none from us.
 */
static bool pc_acpi_init(PCMachine *pc, const PCConfig *cfg, GError **errp)
{
    AcpiBuildConfig acfg = {
        .smp_cpus = cfg->smp_cpus,
        .ram_below_4g = pc->below_4g,
        .ram_above_4g = pc->above_4g,
        .has_hpet = pc->has_hpet,
        .hpet_addr = pc->hpet_addr,
        .hpet_block_id = pc->hpet ? hpet_block_id(pc->hpet) : 0,
        .hpet_min_tick = HPET_MIN_PERIODIC_TICKS,
    };

    if (pc->has_bios) {
        return true;
    }
    pc->acpi_rsdp = acpi_build_tables(&pc->m, &acfg, errp);
    return pc->acpi_rsdp != 0;
}

PCMachine *pc_machine_create(const PCConfig *cfg, GError **errp)
{
    PCMachine *pc = g_new0(PCMachine, 1);
    Machine *m = &pc->m;
    bool ok;

    m->ram_size = cfg->ram_size;
    m->smp_cpus = cfg->smp_cpus;
    m->devices = g_ptr_array_new();
    m->system_memory = &pc->sysmem;
    m->system_io = &pc->sysio;

    memory_region_transaction_begin();
    ok = pc_memory_init(pc, cfg, errp);
    if (ok) {
        address_space_init(&m->as_memory, &pc->sysmem, "memory");
        address_space_init(&m->as_io, &pc->sysio, "I/O");
        ok = (!cfg->bios || pc_bios_init(pc, cfg->bios, errp)) &&
             pc_devices_init(pc, cfg, errp) && pc_platform_init(pc, errp);
    }
    memory_region_transaction_commit();
    if (!ok || !pc_acpi_init(pc, cfg, errp)) {
        return NULL;
    }
    return pc;
}

E820Entry *pc_e820_table(const PCMachine *pc, unsigned *count)
{
    GArray *a = g_array_new(false, false, sizeof(E820Entry));
    E820Entry e[] = {
        { 0, 0x9fc00, E820_RAM },
        { 0x9fc00, 0x400, E820_RESERVED },          /* EBDA */
        { 0xf0000, 0x10000, E820_RESERVED },        /* BIOS area */
        { 0x100000, pc->below_4g - 0x100000, E820_RAM },
    };

    g_array_append_vals(a, e, G_N_ELEMENTS(e));
    if (pc->has_bios) {
        E820Entry b = { 0x100000000ull - pc->bios.size, pc->bios.size,
                        E820_RESERVED };
        g_array_append_val(a, b);
    }
    if (pc->above_4g) {
        E820Entry h = { PC_HIGHMEM_START, pc->above_4g, E820_RAM };
        g_array_append_val(a, h);
    }
    *count = a->len;
    return (E820Entry *)g_array_free(a, false);
}
