/* SPDX-License-Identifier: MIT */
/*
 * The "pc" machine: RAM split around the PCI hole, the legacy BIOS area,
 * a firmware window at the top of 4 GiB, and the ISA devices every PC has
 * (COM ports, port 0x80, port 0x92, fw_cfg, debugcon; with a userspace
 * irqchip also the 8259 pair, the 8254 PIT, port 0x61, the local APICs,
 * the I/O APIC and the HPET). hw/pc/pc.c is
 * the one place they are wired together.
 */
#ifndef HW_PC_PC_H
#define HW_PC_PC_H

#include "chardev/chardev.h"
#include "hw/core/machine.h"

#define PC_MAX_SERIAL 4
#define PC_LOWMEM_LIMIT     0xe0000000ull   /* PCI hole starts here at most */
#define PC_LOWMEM_SPLIT     0xc0000000ull   /* RAM below 4G when it is big */
#define PC_HIGHMEM_START    0x100000000ull

typedef struct FWCfgState FWCfgState;
typedef struct PICState PICState;
typedef struct PITState PITState;
typedef struct APICBus APICBus;
typedef struct IOAPICState IOAPICState;
typedef struct HPETState HPETState;

typedef struct PCConfig {
    uint64_t ram_size;
    unsigned smp_cpus;
    Chardev *serial[PC_MAX_SERIAL];     /* NULL: that port is absent */
    Chardev *debugcon;                  /* NULL: no debugcon */
    const char *bios;                   /* firmware image, or NULL */
    const char *name;
    /* Model the PIC, PIT, APICs and HPET here (TCG, KVM with
     * kernel-irqchip=off) rather than leave them to the accelerator's
     * in-kernel irqchip. */
    bool userspace_irqchip;
} PCConfig;

typedef struct PCMachine {
    Machine m;
    MemoryRegion sysmem;
    MemoryRegion sysio;
    MemoryRegion ram;               /* all guest RAM, one block */
    MemoryRegion ram_low;           /* aliases into ram: below 640 KiB */
    MemoryRegion ram_below_4g;      /* 1 MiB up to the PCI hole */
    MemoryRegion ram_above_4g;
    /* 0xc0000-0xfffff as the PCI side sees it (the i440FX's PAM puts RAM
     * over parts of it): option ROM space, with the -bios image's last
     * 128 KiB over its top. */
    MemoryRegion bios_area;         /* container */
    MemoryRegion option_rom;        /* all of it, ROM */
    MemoryRegion bios;              /* the -bios image at the top of 4G */
    MemoryRegion bios_isa;          /* its last 128 KiB at 0xe0000 */
    uint64_t below_4g;              /* bytes of RAM below 4 GiB */
    uint64_t above_4g;
    bool has_bios;
    FWCfgState *fw_cfg;
    DeviceState *port92;
    /* With a userspace irqchip (NULL otherwise): GSIs 0-15 go to the PIC;
     * whoever drives the CPU connects cpu_intr_out (the PIC's INTR) with
     * irq_init() and takes vectors with pic_read_irq(pic). */
    PICState *pic;
    PITState *pit;
    DeviceState *port61;
    IRQLine *cpu_intr_out;
    /* With a userspace irqchip also a local APIC per vCPU, the I/O APIC
     * and the HPET (include/hw/intc/apic.h): the PIC's INTR then goes to
     * the BSP's LINT0 and cpu_intr_out is NULL. Whoever drives the CPUs
     * connects apic_intr_output(apic, i) to CPU i, installs the NMI/INIT/
     * SIPI hooks (apic_bus_set_cpu_hooks) and takes vectors with
     * apic_get_interrupt(apic, i), which asks the 8259 for ExtINT. */
    APICBus *apic;
    IOAPICState *ioapic;
    HPETState *hpet;
    /* An HPET block is at hpet_addr (for the ACPI HPET table). */
    bool has_hpet;
    uint64_t hpet_addr;
    /* Physical address of the ACPI RSDP, 0 while there are no ACPI
     * tables; set by whoever builds them, read by the Linux and PVH
     * loaders (boot_params.acpi_rsdp_addr, hvm_start_info.rsdp_paddr). */
    uint64_t acpi_rsdp;
} PCMachine;

/* An e820 entry (also the multiboot memory map). */
typedef struct E820Entry {
    uint64_t addr;
    uint64_t size;
    uint32_t type;                  /* 1 RAM, 2 reserved */
} E820Entry;

#define E820_RAM 1
#define E820_RESERVED 2

PCMachine *pc_machine_create(const PCConfig *cfg, GError **errp);
/* The memory map as firmware would report it; g_free the result. */
E820Entry *pc_e820_table(const PCMachine *pc, unsigned *count);

#endif
