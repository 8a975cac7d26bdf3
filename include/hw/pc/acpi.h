/* SPDX-License-Identifier: MIT */
/*
 * ACPI tables for the pc machine, built by Kestrel itself since no
 * firmware runs before a -kernel boot: RSDP, RSDT, XSDT, FADT, FACS,
 * DSDT, MADT and, when the machine has one, the HPET table, placed in the ROM of the legacy BIOS area where an OS
 * that scans 0xe0000-0xfffff for "RSD PTR " finds them, and whose RSDP
 * address the Linux loader also hands over in boot_params.
 */
#ifndef HW_PC_ACPI_H
#define HW_PC_ACPI_H

#include "hw/core/machine.h"

#include <glib.h>
#include <stdint.h>

#define ACPI_BUILD_ADDR         0xe0000     /* 16-byte aligned: the RSDP */
#define ACPI_BUILD_SIZE         0x10000     /* 0xe0000-0xeffff */

#define ACPI_LAPIC_ADDR         0xfee00000u
#define ACPI_IOAPIC_ADDR        0xfec00000u
#define ACPI_IOAPIC_ID          0
#define ACPI_PCI_HOLE_END       0xfec00000u /* the 32-bit window ends here */

typedef struct AcpiBuildConfig {
    unsigned smp_cpus;          /* processors 0..n-1, APIC IDs 0..n-1 */
    uint64_t ram_below_4g;      /* the 32-bit PCI window starts here */
    uint64_t ram_above_4g;
    /* An HPET block at hpet_addr: announced in an ACPI "HPET" table with
     * its event timer block ID (hpet_block_id()) and the shortest
     * period its periodic mode keeps up with, in counter ticks. */
    bool has_hpet;
    uint64_t hpet_addr;
    uint32_t hpet_block_id;
    uint16_t hpet_min_tick;
} AcpiBuildConfig;

/*
 * Build the tables and write them at ACPI_BUILD_ADDR into @m's memory
 * (ROM is written too). Returns the RSDP's address, or 0 with @errp set
 * when they do not fit.
 */
uint64_t acpi_build_tables(Machine *m, const AcpiBuildConfig *cfg,
                           GError **errp);

#endif
