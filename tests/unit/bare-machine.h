/* SPDX-License-Identifier: MIT */
/*
 * A bare Machine for device unit tests (test-acpi, test-rtc, test-i8042,
 * test-pci): empty memory and I/O spaces, a ROM over the BIOS area, an
 * unmapped MiB of RAM for a host bridge to map over it (PAM), GSI
 * lines that record their levels and edges, and hooks that count exit and
 * reset requests. Devices are driven through address_space_read/write as
 * a guest would. Tests hold the big lock, as the main loop does.
 */
#ifndef TESTS_UNIT_BARE_MACHINE_H
#define TESTS_UNIT_BARE_MACHINE_H

#include "hw/core/device.h"
#include "memory/memory.h"
#include "util/bql.h"

#include <glib.h>

typedef struct BareMachine {
    Machine m;
    MemoryRegion sysmem;
    MemoryRegion sysio;
    MemoryRegion bios_area;         /* 0xc0000-0xfffff, ROM */
    MemoryRegion low_ram;           /* 1 MiB, mapped only through PAM */
    int irq_level[MACHINE_NR_GSI];
    unsigned irq_rises[MACHINE_NR_GSI];
    unsigned exits;
    int exit_status;
    unsigned resets;
} BareMachine;

static void bare_record_exit(Machine *m, int status)
{
    BareMachine *bm = (BareMachine *)m;

    bm->exits++;
    bm->exit_status = status;
}

static void bare_record_reset(Machine *m)
{
    ((BareMachine *)m)->resets++;
}

static const MachineHooks bare_hooks = {
    .request_exit = bare_record_exit,
    .request_reset = bare_record_reset,
};

static void bare_record_irq(void *opaque, int n, int level)
{
    BareMachine *bm = opaque;

    if (level && !bm->irq_level[n]) {
        bm->irq_rises[n]++;
    }
    bm->irq_level[n] = level;
}

static inline BareMachine *bare_machine_new(unsigned cpus)
{
    BareMachine *bm = g_new0(BareMachine, 1);
    Machine *m = &bm->m;

    memory_region_init_container(&bm->sysmem, "system", UINT64_MAX);
    memory_region_init_container(&bm->sysio, "io", 0x10000);
    g_assert_true(memory_region_init_rom(&bm->bios_area, "pc.rom", 0x40000,
                                         NULL));
    memory_region_add_subregion(&bm->sysmem, 0xc0000, &bm->bios_area);
    g_assert_true(memory_region_init_ram(&bm->low_ram, "ram", 0x100000,
                                         NULL));
    m->system_memory = &bm->sysmem;
    m->system_io = &bm->sysio;
    address_space_init(&m->as_memory, m->system_memory, "memory");
    address_space_init(&m->as_io, m->system_io, "I/O");
    m->devices = g_ptr_array_new();
    m->hooks = &bare_hooks;
    m->ram_size = 128 << 20;
    m->smp_cpus = cpus;
    for (int i = 0; i < MACHINE_NR_GSI; i++) {
        irq_init(&m->gsi[i], bare_record_irq, bm, i);
    }
    return bm;
}

static inline void bare_machine_free(BareMachine *bm)
{
    Machine *m = &bm->m;

    while (m->devices->len) {
        device_destroy(g_ptr_array_index(m->devices, m->devices->len - 1));
    }
    g_ptr_array_free(m->devices, TRUE);
    address_space_destroy(&m->as_io);
    address_space_destroy(&m->as_memory);
    memory_region_del_subregion(&bm->sysmem, &bm->bios_area);
    memory_region_destroy(&bm->bios_area);
    memory_region_destroy(&bm->low_ram);
    memory_region_destroy(&bm->sysio);
    memory_region_destroy(&bm->sysmem);
    g_free(bm);
}

static inline uint32_t bare_in(BareMachine *bm, uint16_t port, unsigned size)
{
    uint32_t val = 0;

    address_space_read(&bm->m.as_io, port, &val, size);
    return GUINT32_FROM_LE(val);
}

static inline void bare_out(BareMachine *bm, uint16_t port, uint32_t val,
                            unsigned size)
{
    uint32_t le = GUINT32_TO_LE(val);

    address_space_write(&bm->m.as_io, port, &le, size);
}

static inline uint8_t bare_inb(BareMachine *bm, uint16_t port)
{
    return bare_in(bm, port, 1);
}

static inline void bare_outb(BareMachine *bm, uint16_t port, uint8_t val)
{
    bare_out(bm, port, val, 1);
}

#endif
