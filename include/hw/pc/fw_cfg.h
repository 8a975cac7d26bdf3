/* SPDX-License-Identifier: MIT */
/*
 * QEMU's firmware configuration interface (fw_cfg), I/O port flavour: the
 * guest writes a 16-bit key to port 0x510 and reads the item's bytes one
 * at a time from port 0x511. Items are numbered keys (below) or named
 * files listed in the FW_CFG_FILE_DIR item. SeaBIOS and Linux's
 * qemu_fw_cfg driver read it; the machine fills it with fw_cfg_add_*.
 * Key numbers are those of QEMU's docs/specs/fw_cfg.rst.
 */
#ifndef HW_PC_FW_CFG_H
#define HW_PC_FW_CFG_H

#include "hw/core/device.h"

#include <glib.h>
#include <stddef.h>
#include <stdint.h>

#define FW_CFG_IO_BASE          0x510   /* selector; data at +1 */

#define FW_CFG_SIGNATURE        0x00
#define FW_CFG_ID               0x01
#define FW_CFG_UUID             0x02
#define FW_CFG_RAM_SIZE         0x03
#define FW_CFG_NOGRAPHIC        0x04
#define FW_CFG_NB_CPUS          0x05
#define FW_CFG_MACHINE_ID       0x06
#define FW_CFG_KERNEL_ADDR      0x07
#define FW_CFG_KERNEL_SIZE      0x08
#define FW_CFG_KERNEL_CMDLINE   0x09
#define FW_CFG_INITRD_ADDR      0x0a
#define FW_CFG_INITRD_SIZE      0x0b
#define FW_CFG_BOOT_DEVICE      0x0c
#define FW_CFG_NUMA             0x0d
#define FW_CFG_BOOT_MENU        0x0e
#define FW_CFG_MAX_CPUS         0x0f
#define FW_CFG_KERNEL_ENTRY     0x10
#define FW_CFG_KERNEL_DATA      0x11
#define FW_CFG_INITRD_DATA      0x12
#define FW_CFG_CMDLINE_ADDR     0x13
#define FW_CFG_CMDLINE_SIZE     0x14
#define FW_CFG_CMDLINE_DATA     0x15
#define FW_CFG_SETUP_ADDR       0x16
#define FW_CFG_SETUP_SIZE       0x17
#define FW_CFG_SETUP_DATA       0x18
#define FW_CFG_FILE_DIR         0x19
#define FW_CFG_FILE_FIRST       0x20    /* files get keys from here up */

#define FW_CFG_WRITE_CHANNEL    0x4000
#define FW_CFG_ARCH_LOCAL       0x8000
#define FW_CFG_INVALID          0xffff

/* x86's arch-local keys. */
#define FW_CFG_ACPI_TABLES      (FW_CFG_ARCH_LOCAL + 0)
#define FW_CFG_SMBIOS_ENTRIES   (FW_CFG_ARCH_LOCAL + 1)
#define FW_CFG_IRQ0_OVERRIDE    (FW_CFG_ARCH_LOCAL + 2)
#define FW_CFG_E820_TABLE       (FW_CFG_ARCH_LOCAL + 3)
#define FW_CFG_HPET             (FW_CFG_ARCH_LOCAL + 4)

/* FW_CFG_ID feature bits. */
#define FW_CFG_VERSION          0x01    /* the port interface */
#define FW_CFG_VERSION_DMA      0x02    /* not offered yet */

#define FW_CFG_MAX_FILE_PATH    56      /* name bytes, NUL included */

typedef struct FWCfgState FWCfgState;

/*
 * Create and realize the device at ports 0x510-0x511 with the signature,
 * the ID, RAM size and CPU counts (from @m) and an empty file directory.
 */
FWCfgState *fw_cfg_create(Machine *m, GError **errp);

/*
 * Set item @key to a copy of @data (replacing what it held). @key is a
 * numbered key, possibly FW_CFG_ARCH_LOCAL-based, never a file's.
 */
void fw_cfg_add_bytes(FWCfgState *s, uint16_t key, const void *data,
                      size_t len);
void fw_cfg_add_string(FWCfgState *s, uint16_t key, const char *str);
/* Little-endian integers, as every numbered item holds them. */
void fw_cfg_add_i16(FWCfgState *s, uint16_t key, uint16_t value);
void fw_cfg_add_i32(FWCfgState *s, uint16_t key, uint32_t value);
void fw_cfg_add_i64(FWCfgState *s, uint16_t key, uint64_t value);

/*
 * Add a copy of @data as file @name (at most 55 bytes, unique). Files are
 * kept sorted by name, so keys are handed out in that order from
 * FW_CFG_FILE_FIRST, and the directory is rebuilt to match.
 */
void fw_cfg_add_file(FWCfgState *s, const char *name, const void *data,
                     size_t len);

#endif
