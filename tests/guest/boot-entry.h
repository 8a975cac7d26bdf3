/* SPDX-License-Identifier: MIT */
/*
 * The registers a boot-protocol entry found (boot-entry.S), for the
 * linuxboot and pvhboot tests: they enter at linux_entry / pvh_entry
 * instead of the runtime's multiboot _start, record what the loader handed
 * over, then continue into the runtime as usual.
 */
#ifndef BOOT_ENTRY_H
#define BOOT_ENTRY_H

#include <stdbool.h>
#include <stdint.h>

#define BOOT_KIND_LINUX 1
#define BOOT_KIND_PVH   2

typedef struct __attribute__((packed)) BootRegs {
    uint32_t eax, ebx, ecx, edx, esi, edi, ebp, esp;
    uint16_t cs, ds, es, ss, fs, gs;
    uint32_t cr0;
    uint16_t gdt_limit;
    uint32_t gdt_base;
    uint16_t pad;
    uint32_t eflags;
    uint32_t kind;
} BootRegs;

extern BootRegs boot_regs;

/* boot-entry.c */
void boot_print_entry(void);
/* Entries of {u64 addr, u64 size, u32 type, ...}, @stride bytes apart. */
void boot_print_map(const void *table, unsigned count, unsigned stride);
/* Up to @max bytes of NUL-terminated text, newlines shown as '|'. */
void boot_print_text(const char *label, const char *s, uint32_t max);
/* An ACPI 1.0 RSDP (signature and checksum) below 1 MiB at @addr. */
bool boot_rsdp_ok(uint64_t addr);

#endif
