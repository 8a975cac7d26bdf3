/* SPDX-License-Identifier: MIT */
/*
 * Loading the guest: -kernel images (Linux bzImage, PVH ELF such as a
 * Linux vmlinux, multiboot v1).
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
    /* GDTR to load with the flat segments; gdt_limit 0 leaves the reset
     * value (multiboot says the GDTR is undefined). */
    uint32_t gdt_base;
    uint16_t gdt_limit;
} PCBootEntry;

typedef struct PCKernelConfig {
    const char *kernel;
    const char *initrd;     /* multiboot: comma-separated modules;
                               Linux and PVH: one file */
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

/* Linux x86 boot protocol, 32-bit entry (hw/pc/loader-linux.c). */
bool linux_probe(const uint8_t *image, size_t len);
bool linux_load(PCMachine *pc, const PCKernelConfig *kc,
                const uint8_t *image, size_t len, PCBootEntry *entry,
                GError **errp);

/* PVH: an ELF with a XEN_ELFNOTE_PHYS32_ENTRY note (hw/pc/loader-pvh.c).
 * pvh_probe is true when @image is an ELF32/ELF64 file whose PT_NOTE
 * segments hold that note. */
bool pvh_probe(const uint8_t *image, size_t len);
bool pvh_load(PCMachine *pc, const PCKernelConfig *kc,
              const uint8_t *image, size_t len, PCBootEntry *entry,
              GError **errp);

#endif
