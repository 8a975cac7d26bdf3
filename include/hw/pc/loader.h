/* SPDX-License-Identifier: MIT */
/*
 * Loading the guest: -kernel images (multiboot v1 today; Linux bzImage and
 * PVH ELF are recognized and refused clearly until their loaders land).
 * A loader writes the image into guest RAM and says how the boot CPU must
 * start; vl/ hands that to the CPU.
 */
#ifndef HW_PC_LOADER_H
#define HW_PC_LOADER_H

#include "hw/pc/pc.h"

#include <stdbool.h>
#include <stdint.h>

typedef enum PCBootKind {
    PC_BOOT_FIRMWARE,       /* start at the reset vector */
    PC_BOOT_FLAT32,         /* 32-bit flat protected mode at eip */
} PCBootKind;

typedef struct PCBootEntry {
    PCBootKind kind;
    uint32_t eip;
    uint32_t eax;
    uint32_t ebx;
    uint32_t esi;
} PCBootEntry;

typedef struct PCKernelConfig {
    const char *kernel;
    const char *initrd;     /* multiboot: comma-separated modules */
    const char *cmdline;    /* -append, or NULL */
} PCKernelConfig;

/* Load -kernel into @pc's RAM and fill @entry. */
bool pc_load_kernel(PCMachine *pc, const PCKernelConfig *kc,
                    PCBootEntry *entry, GError **errp);

/* Multiboot v1 (hw/pc/loader-multiboot.c). Returns false without setting
 * @errp when @image has no multiboot header. */
bool multiboot_probe(const uint8_t *image, size_t len);
bool multiboot_load(PCMachine *pc, const PCKernelConfig *kc,
                    const uint8_t *image, size_t len, PCBootEntry *entry,
                    GError **errp);

#endif
