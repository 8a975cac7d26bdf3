/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the I/O APIC on a bare Machine with two local APICs:
 * the indirect registers, edge and level inputs, the remote IRR and its
 * clearing by the local APIC's EOI broadcast and by the EOI register,
 * masking, physical and logical destinations, and NMI delivery.
 */
#include "hw/core/device.h"
#include "hw/intc/apic.h"
#include "hw/intc/ioapic.h"
#include "memory/memory.h"
#include "util/bql.h"
#include "util/timer.h"

#include <glib.h>

enum { APIC_EOI = 0xb0, APIC_LDR = 0xd0, APIC_SVR = 0xf0, APIC_IRR = 0x200 };

typedef struct TestIOAPIC {
    Machine m;
    MemoryRegion sysmem;
    APICBus *bus;
    IOAPICState *ioapic;
    bool intr[2];
    int nmis;
} TestIOAPIC;

static void record_intr(void *opaque, int n, int level)
{
    TestIOAPIC *t = opaque;

    t->intr[n] = level;
}

static void hook_nmi(void *opaque, unsigned cpu)
{
    ((TestIOAPIC *)opaque)->nmis++;
}

static const APICCPUHooks test_hooks = { .nmi = hook_nmi };

static uint32_t apic_rd(TestIOAPIC *t, unsigned cpu, hwaddr reg)
{
    return address_space_ld_attrs(&t->m.as_memory, APIC_DEFAULT_ADDRESS + reg,
                                  4, MEMTXATTRS_CPU(cpu), NULL);
}

static void apic_wr(TestIOAPIC *t, unsigned cpu, hwaddr reg, uint32_t val)
{
    address_space_st_attrs(&t->m.as_memory, APIC_DEFAULT_ADDRESS + reg, val,
                           4, MEMTXATTRS_CPU(cpu));
}

static TestIOAPIC *ioapic_machine_new(void)
{
    TestIOAPIC *t = g_new0(TestIOAPIC, 1);
    Machine *m = &t->m;

    bql_lock();
    clock_virtual_set_test_ns(1000000000LL);
    memory_region_init_container(&t->sysmem, "system", UINT64_MAX);
    m->system_memory = &t->sysmem;
    address_space_init(&m->as_memory, m->system_memory, "memory");
    m->devices = g_ptr_array_new();
    t->bus = apic_bus_create(m, 2, NULL);
    g_assert_nonnull(t->bus);
    apic_bus_set_cpu_hooks(t->bus, &test_hooks, t);
    t->ioapic = ioapic_create(m, t->bus, NULL);
    g_assert_nonnull(t->ioapic);
    for (unsigned i = 0; i < 2; i++) {
        irq_init(apic_intr_output(t->bus, i), record_intr, t, i);
        apic_wr(t, i, APIC_SVR, 0x1ff);
    }
    return t;
}

static void ioapic_machine_free(TestIOAPIC *t)
{
    Machine *m = &t->m;

    device_destroy((DeviceState *)t->ioapic);
    apic_bus_free(t->bus);
    g_assert_cmpuint(m->devices->len, ==, 0);
    g_ptr_array_free(m->devices, TRUE);
    address_space_destroy(&m->as_memory);
    memory_region_destroy(&t->sysmem);
    g_free(t);
    g_assert_cmpint(timers_next_deadline_ns(), ==, -1);
    bql_unlock();
}

static uint32_t io_rd(TestIOAPIC *t, uint8_t idx)
{
    address_space_st(&t->m.as_memory, IOAPIC_DEFAULT_ADDRESS, idx, 4);
    return address_space_ld(&t->m.as_memory, IOAPIC_DEFAULT_ADDRESS + 0x10,
                            4, NULL);
}

static void io_wr(TestIOAPIC *t, uint8_t idx, uint32_t val)
{
    address_space_st(&t->m.as_memory, IOAPIC_DEFAULT_ADDRESS, idx, 4);
    address_space_st(&t->m.as_memory, IOAPIC_DEFAULT_ADDRESS + 0x10, val, 4);
}

static void set_rte(TestIOAPIC *t, int pin, uint32_t lo, uint8_t dest)
{
    io_wr(t, 0x11 + 2 * pin, (uint32_t)dest << 24);
    io_wr(t, 0x10 + 2 * pin, lo);
}

static bool irr_has(TestIOAPIC *t, unsigned cpu, unsigned v)
{
    return apic_rd(t, cpu, APIC_IRR + (v / 32) * 0x10) & (1u << (v % 32));
}

/* The CPU takes its interrupt and ends it. */
static void ack_eoi(TestIOAPIC *t, unsigned cpu, int vector)
{
    g_assert_true(t->intr[cpu]);
    g_assert_cmpint(apic_get_interrupt(t->bus, cpu), ==, vector);
    apic_wr(t, cpu, APIC_EOI, 0);
}

static void test_registers(void)
{
    TestIOAPIC *t = ioapic_machine_new();

    g_assert_cmphex(io_rd(t, 0x01), ==, 0x00170020);
    g_assert_cmphex(io_rd(t, 0x00), ==, 0);
    io_wr(t, 0x00, 0x0f000000);
    g_assert_cmphex(io_rd(t, 0x00), ==, 0x0f000000);
    g_assert_cmphex(io_rd(t, 0x02), ==, 0x0f000000);
    io_wr(t, 0x01, 0);                  /* read-only */
    g_assert_cmphex(io_rd(t, 0x01), ==, 0x00170020);
    for (int pin = 0; pin < IOAPIC_NR_PINS; pin++) {
        g_assert_cmphex(io_rd(t, 0x10 + 2 * pin), ==, 0x10000);
        g_assert_cmphex(io_rd(t, 0x11 + 2 * pin), ==, 0);
    }
    /* Delivery status and remote IRR are read-only. */
    set_rte(t, 5, 0x1ffff, 0xab);
    g_assert_cmphex(io_rd(t, 0x10 + 10), ==, 0x1afff);
    g_assert_cmphex(io_rd(t, 0x11 + 10), ==, 0xab000000);
    g_assert_cmphex(address_space_ld(&t->m.as_memory,
                                     IOAPIC_DEFAULT_ADDRESS, 4, NULL), ==,
                    0x11 + 10);
    ioapic_machine_free(t);
}

static void test_edge(void)
{
    TestIOAPIC *t = ioapic_machine_new();
    IRQLine *pin3 = ioapic_input(t->ioapic, 3);

    /* Masked: the edge is lost. */
    irq_pulse(pin3);
    g_assert_false(t->intr[0] || t->intr[1]);
    set_rte(t, 3, 0x33, 1);
    g_assert_false(t->intr[1]);         /* no new edge */
    irq_raise(pin3);
    g_assert_true(irr_has(t, 1, 0x33));
    g_assert_false(t->intr[0]);
    ack_eoi(t, 1, 0x33);
    /* Held high: no more interrupts; a new edge gives one. */
    irq_raise(pin3);
    g_assert_false(t->intr[1]);
    irq_lower(pin3);
    irq_raise(pin3);
    ack_eoi(t, 1, 0x33);
    g_assert_cmphex(io_rd(t, 0x10 + 6) & (1u << 14), ==, 0);
    irq_lower(pin3);
    ioapic_machine_free(t);
}

static void test_level(void)
{
    TestIOAPIC *t = ioapic_machine_new();
    IRQLine *pin10 = ioapic_input(t->ioapic, 10);

    set_rte(t, 10, 0x8000 | 0x3a, 0);
    irq_raise(pin10);
    g_assert_cmphex(io_rd(t, 0x10 + 20), ==, 0xc03a);    /* remote IRR */
    g_assert_true(irr_has(t, 0, 0x3a));
    g_assert_cmpint(apic_get_interrupt(t->bus, 0), ==, 0x3a);
    /* Still asserted at EOI: delivered again. */
    apic_wr(t, 0, APIC_EOI, 0);
    g_assert_true(irr_has(t, 0, 0x3a));
    g_assert_cmphex(io_rd(t, 0x10 + 20), ==, 0xc03a);
    g_assert_cmpint(apic_get_interrupt(t->bus, 0), ==, 0x3a);
    /* Withdrawn, then EOI: remote IRR clears, nothing more. */
    irq_lower(pin10);
    apic_wr(t, 0, APIC_EOI, 0);
    g_assert_cmphex(io_rd(t, 0x10 + 20), ==, 0x803a);
    g_assert_false(t->intr[0]);

    /* While remote IRR is set, nothing is resent; the EOI register
     * (version 0x20) clears it too. */
    irq_raise(pin10);
    g_assert_cmpint(apic_get_interrupt(t->bus, 0), ==, 0x3a);
    irq_lower(pin10);
    irq_raise(pin10);
    g_assert_false(irr_has(t, 0, 0x3a));
    address_space_st(&t->m.as_memory, IOAPIC_DEFAULT_ADDRESS + 0x40, 0x3a, 4);
    g_assert_true(irr_has(t, 0, 0x3a));
    /* An EOI of another vector leaves the entry alone. */
    address_space_st(&t->m.as_memory, IOAPIC_DEFAULT_ADDRESS + 0x40, 0x3b, 4);
    g_assert_cmphex(io_rd(t, 0x10 + 20), ==, 0xc03a);
    irq_lower(pin10);
    apic_wr(t, 0, APIC_EOI, 0);         /* 0x3a from the first round */
    ack_eoi(t, 0, 0x3a);
    g_assert_cmphex(io_rd(t, 0x10 + 20), ==, 0x803a);

    /* Unmasking an asserted level entry delivers it. */
    set_rte(t, 10, 0x18000 | 0x3a, 0);
    irq_raise(pin10);
    g_assert_false(t->intr[0]);
    set_rte(t, 10, 0x8000 | 0x3a, 0);
    g_assert_true(irr_has(t, 0, 0x3a));
    irq_lower(pin10);
    ack_eoi(t, 0, 0x3a);
    /* Switching to edge clears a stuck remote IRR. */
    irq_raise(pin10);
    g_assert_cmphex(io_rd(t, 0x10 + 20) & (1u << 14), !=, 0);
    set_rte(t, 10, 0x3a, 0);
    g_assert_cmphex(io_rd(t, 0x10 + 20) & (1u << 14), ==, 0);
    irq_lower(pin10);
    ioapic_machine_free(t);
}

static void test_destinations(void)
{
    TestIOAPIC *t = ioapic_machine_new();

    /* Logical flat: CPU 1 has LDR bit 3. */
    apic_wr(t, 1, APIC_LDR, 0x08000000);
    set_rte(t, 16, 0x800 | 0x61, 0x08);
    irq_raise(ioapic_input(t->ioapic, 16));
    g_assert_true(irr_has(t, 1, 0x61));
    g_assert_false(irr_has(t, 0, 0x61));
    irq_lower(ioapic_input(t->ioapic, 16));
    ack_eoi(t, 1, 0x61);
    /* Physical broadcast. */
    set_rte(t, 17, 0x62, 0xff);
    irq_raise(ioapic_input(t->ioapic, 17));
    ack_eoi(t, 0, 0x62);
    ack_eoi(t, 1, 0x62);
    /* NMI. */
    set_rte(t, 18, 0x400, 1);
    irq_raise(ioapic_input(t->ioapic, 18));
    g_assert_cmpint(t->nmis, ==, 1);
    g_assert_false(t->intr[0] || t->intr[1]);
    ioapic_machine_free(t);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/ioapic/registers", test_registers);
    g_test_add_func("/ioapic/edge", test_edge);
    g_test_add_func("/ioapic/level", test_level);
    g_test_add_func("/ioapic/destinations", test_destinations);
    return g_test_run();
}
