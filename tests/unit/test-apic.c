/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the local APICs on a bare Machine, driven through the
 * memory API with each CPU's requester id (MemTxAttrs) and the virtual
 * clock set by hand: per-CPU register views, IRR/ISR/TPR/PPR priority,
 * EOI and its broadcast, the timer in one-shot, periodic and TSC-deadline
 * modes firing at the right virtual times, IPIs between two APICs in
 * physical, logical (flat, cluster) and shorthand forms, NMI/INIT/SIPI
 * hooks, ESR, and the 8259 through LINT0 in ExtINT mode.
 */
#include "hw/core/device.h"
#include "hw/intc/apic.h"
#include "memory/memory.h"
#include "util/bql.h"
#include "util/timer.h"

#include <glib.h>

#define T0 1000000000LL     /* the virtual time each test starts at */

enum {
    ID = 0x20, VERSION = 0x30, TPR = 0x80, APR = 0x90, PPR = 0xa0,
    EOI = 0xb0, LDR = 0xd0, DFR = 0xe0, SVR = 0xf0, ISR = 0x100,
    TMR = 0x180, IRR = 0x200, ESR = 0x280, ICR_LO = 0x300, ICR_HI = 0x310,
    LVT_TIMER = 0x320, LVT_LINT0 = 0x350, LVT_LINT1 = 0x360,
    LVT_ERROR = 0x370, TIMER_INIT = 0x380, TIMER_CUR = 0x390, DCR = 0x3e0,
};

typedef struct TestAPIC {
    Machine m;
    MemoryRegion sysmem;
    APICBus *bus;
    bool intr[2];
    GString *events;        /* hooks called, as text */
    int extint_vector;
} TestAPIC;

static void record_intr(void *opaque, int n, int level)
{
    TestAPIC *t = opaque;

    t->intr[n] = level;
}

static void hook_nmi(void *opaque, unsigned cpu)
{
    g_string_append_printf(((TestAPIC *)opaque)->events, "nmi%u ", cpu);
}

static void hook_init(void *opaque, unsigned cpu)
{
    g_string_append_printf(((TestAPIC *)opaque)->events, "init%u ", cpu);
}

static void hook_sipi(void *opaque, unsigned cpu, uint8_t vector)
{
    g_string_append_printf(((TestAPIC *)opaque)->events, "sipi%u:%#x ", cpu,
                           vector);
}

static const APICCPUHooks test_hooks = {
    .nmi = hook_nmi,
    .init = hook_init,
    .sipi = hook_sipi,
};

static int test_extint_ack(void *opaque)
{
    TestAPIC *t = opaque;

    g_string_append(t->events, "inta ");
    return t->extint_vector;
}

static void test_eoi(void *opaque, uint8_t vector)
{
    g_string_append_printf(((TestAPIC *)opaque)->events, "eoi:%#x ", vector);
}

static TestAPIC *apic_machine_new(void)
{
    TestAPIC *t = g_new0(TestAPIC, 1);
    Machine *m = &t->m;

    bql_lock();
    clock_virtual_set_test_ns(T0);
    memory_region_init_container(&t->sysmem, "system", UINT64_MAX);
    m->system_memory = &t->sysmem;
    address_space_init(&m->as_memory, m->system_memory, "memory");
    m->devices = g_ptr_array_new();
    t->events = g_string_new(NULL);
    t->bus = apic_bus_create(m, 2, NULL);
    g_assert_nonnull(t->bus);
    for (unsigned i = 0; i < 2; i++) {
        irq_init(apic_intr_output(t->bus, i), record_intr, t, i);
    }
    apic_bus_set_cpu_hooks(t->bus, &test_hooks, t);
    apic_bus_set_extint_ack(t->bus, test_extint_ack, t);
    apic_bus_set_eoi_handler(t->bus, test_eoi, t);
    return t;
}

static void apic_machine_free(TestAPIC *t)
{
    Machine *m = &t->m;

    apic_bus_free(t->bus);
    g_assert_cmpuint(m->devices->len, ==, 0);
    g_ptr_array_free(m->devices, TRUE);
    address_space_destroy(&m->as_memory);
    memory_region_destroy(&t->sysmem);
    g_string_free(t->events, TRUE);
    g_free(t);
    g_assert_cmpint(timers_next_deadline_ns(), ==, -1);
    bql_unlock();
}

static uint32_t rd(TestAPIC *t, unsigned cpu, hwaddr reg)
{
    MemTxResult res;
    uint32_t v = address_space_ld_attrs(&t->m.as_memory,
                                        APIC_DEFAULT_ADDRESS + reg, 4,
                                        MEMTXATTRS_CPU(cpu), &res);

    g_assert_cmpint(res, ==, MEMTX_OK);
    return v;
}

static void wr(TestAPIC *t, unsigned cpu, hwaddr reg, uint32_t val)
{
    g_assert_cmpint(address_space_st_attrs(&t->m.as_memory,
                                           APIC_DEFAULT_ADDRESS + reg, val, 4,
                                           MEMTXATTRS_CPU(cpu)), ==,
                    MEMTX_OK);
}

static void take_events(TestAPIC *t, const char *expected)
{
    g_assert_cmpstr(t->events->str, ==, expected);
    g_string_truncate(t->events, 0);
}

/* Move the virtual clock to T0 + @ns and run what expired. */
static void run_to(int64_t ns)
{
    clock_virtual_set_test_ns(T0 + ns);
    timers_run_expired();
}

static bool irr_has(TestAPIC *t, unsigned cpu, unsigned v)
{
    return rd(t, cpu, IRR + (v / 32) * 0x10) & (1u << (v % 32));
}

static void sw_enable(TestAPIC *t, unsigned cpu)
{
    wr(t, cpu, SVR, 0x1ff);
}

static void test_registers(void)
{
    TestAPIC *t = apic_machine_new();

    /* Each CPU sees its own APIC at the same address. */
    g_assert_cmphex(rd(t, 0, ID), ==, 0);
    g_assert_cmphex(rd(t, 1, ID), ==, 1u << 24);
    g_assert_cmphex(rd(t, 0, VERSION), ==, 0x00050014);
    g_assert_cmphex(rd(t, 1, SVR), ==, 0xff);
    g_assert_cmphex(rd(t, 1, DFR), ==, 0xffffffff);
    g_assert_cmphex(rd(t, 1, LVT_TIMER), ==, 0x10000);
    /* Virtual wire: the BSP's LINT0 is ExtINT, the AP's masked. */
    g_assert_cmphex(rd(t, 0, LVT_LINT0), ==, 0x700);
    g_assert_cmphex(rd(t, 1, LVT_LINT0), ==, 0x10000);
    g_assert_cmphex(apic_get_base(t->bus, 0), ==, 0xfee00900);
    g_assert_cmphex(apic_get_base(t->bus, 1), ==, 0xfee00800);

    wr(t, 1, TPR, 0x1234);
    g_assert_cmphex(rd(t, 1, TPR), ==, 0x34);
    g_assert_cmphex(rd(t, 0, TPR), ==, 0);
    g_assert_cmphex(apic_get_cr8(t->bus, 1), ==, 3);
    apic_set_cr8(t->bus, 1, 0xa);
    g_assert_cmphex(rd(t, 1, TPR), ==, 0xa0);
    wr(t, 0, LDR, 0x12345678);
    g_assert_cmphex(rd(t, 0, LDR), ==, 0x12000000);
    wr(t, 0, DFR, 0);
    g_assert_cmphex(rd(t, 0, DFR), ==, 0x0fffffff);
    /* LVTs stay masked while the APIC is software-disabled. */
    wr(t, 0, LVT_TIMER, 0x30);
    g_assert_cmphex(rd(t, 0, LVT_TIMER), ==, 0x10030);
    sw_enable(t, 0);
    wr(t, 0, LVT_TIMER, 0x20030);
    g_assert_cmphex(rd(t, 0, LVT_TIMER), ==, 0x20030);
    /* Software disable masks every LVT again. */
    wr(t, 0, SVR, 0xff);
    g_assert_cmphex(rd(t, 0, LVT_TIMER), ==, 0x30030);
    /* Narrow accesses are widened to the register. */
    g_assert_cmphex(address_space_ld_attrs(&t->m.as_memory,
                                           APIC_DEFAULT_ADDRESS + ID + 3, 1,
                                           MEMTXATTRS_CPU(1), NULL), ==, 1);
    apic_machine_free(t);
}

static void test_priority(void)
{
    TestAPIC *t = apic_machine_new();

    sw_enable(t, 0);
    apic_bus_deliver(t->bus, 0, false, APIC_DM_FIXED, 0x31, false);
    apic_bus_deliver(t->bus, 0, false, APIC_DM_FIXED, 0x45, false);
    g_assert_true(t->intr[0]);
    g_assert_false(t->intr[1]);
    g_assert_true(irr_has(t, 0, 0x31) && irr_has(t, 0, 0x45));
    g_assert_cmphex(rd(t, 0, APR), ==, 0x40);

    g_assert_cmpint(apic_get_interrupt(t->bus, 0), ==, 0x45);
    g_assert_cmphex(rd(t, 0, ISR + 0x20), ==, 1u << 5);
    g_assert_cmphex(rd(t, 0, PPR), ==, 0x40);
    /* 0x31 is below the class in service. */
    g_assert_false(t->intr[0]);
    wr(t, 0, EOI, 0);
    g_assert_cmphex(rd(t, 0, ISR + 0x20), ==, 0);
    g_assert_cmphex(rd(t, 0, PPR), ==, 0);
    g_assert_true(t->intr[0]);
    take_events(t, "");                 /* edge: no EOI broadcast */

    /* TPR holds back classes at or below it. */
    wr(t, 0, TPR, 0x30);
    g_assert_false(t->intr[0]);
    g_assert_cmphex(rd(t, 0, PPR), ==, 0x30);
    /* An acknowledge with nothing deliverable gives the spurious vector. */
    g_assert_cmpint(apic_get_interrupt(t->bus, 0), ==, 0xff);
    wr(t, 0, TPR, 0x2f);
    g_assert_true(t->intr[0]);
    g_assert_cmpint(apic_get_interrupt(t->bus, 0), ==, 0x31);
    g_assert_false(t->intr[0]);

    /* Nested: a higher class interrupts the one in service. */
    wr(t, 0, TPR, 0);
    apic_bus_deliver(t->bus, 0, false, APIC_DM_FIXED, 0x61, false);
    g_assert_true(t->intr[0]);
    g_assert_cmpint(apic_get_interrupt(t->bus, 0), ==, 0x61);
    wr(t, 0, EOI, 0);                   /* clears 0x61, the highest */
    g_assert_cmphex(rd(t, 0, ISR + 0x10), ==, 1u << 17);
    wr(t, 0, EOI, 0);
    g_assert_cmphex(rd(t, 0, ISR + 0x10), ==, 0);

    /* A software-disabled APIC drops fixed interrupts. */
    wr(t, 1, SVR, 0xff);
    apic_bus_deliver(t->bus, 1, false, APIC_DM_FIXED, 0x50, false);
    g_assert_false(irr_has(t, 1, 0x50));
    apic_machine_free(t);
}

static void test_eoi_broadcast(void)
{
    TestAPIC *t = apic_machine_new();

    sw_enable(t, 0);
    apic_bus_deliver(t->bus, 0, false, APIC_DM_FIXED, 0x72, true);
    g_assert_cmphex(rd(t, 0, TMR + 0x30), ==, 1u << 18);
    g_assert_cmpint(apic_get_interrupt(t->bus, 0), ==, 0x72);
    wr(t, 0, EOI, 0);
    take_events(t, "eoi:0x72 ");
    apic_machine_free(t);
}

static void test_timer_oneshot(void)
{
    TestAPIC *t = apic_machine_new();

    sw_enable(t, 0);
    wr(t, 0, DCR, 0xb);                 /* divide by 1 */
    wr(t, 0, LVT_TIMER, 0x40);
    wr(t, 0, TIMER_INIT, 1000);
    run_to(400);
    g_assert_cmpuint(rd(t, 0, TIMER_CUR), ==, 600);
    run_to(999);
    g_assert_false(t->intr[0]);
    run_to(1000);
    g_assert_true(t->intr[0]);
    g_assert_cmpuint(rd(t, 0, TIMER_CUR), ==, 0);
    g_assert_cmpint(apic_get_interrupt(t->bus, 0), ==, 0x40);
    wr(t, 0, EOI, 0);
    run_to(5000);
    g_assert_false(t->intr[0]);         /* once only */

    /* Divide by 8: 100 counts take 800 ns; masked: counts, no IRQ. */
    wr(t, 0, DCR, 0x2);
    wr(t, 0, LVT_TIMER, 0x10040);
    wr(t, 0, TIMER_INIT, 100);
    run_to(5400);
    g_assert_cmpuint(rd(t, 0, TIMER_CUR), ==, 50);
    run_to(5800);
    g_assert_cmpuint(rd(t, 0, TIMER_CUR), ==, 0);
    g_assert_false(t->intr[0]);
    g_assert_false(irr_has(t, 0, 0x40));
    apic_machine_free(t);
}

static void test_timer_periodic(void)
{
    TestAPIC *t = apic_machine_new();
    int fired = 0;

    sw_enable(t, 1);
    wr(t, 1, DCR, 0x3);                 /* divide by 16 */
    wr(t, 1, LVT_TIMER, 0x20000 | 0x41);
    wr(t, 1, TIMER_INIT, 100);          /* 1600 ns */
    for (int64_t ns = 100; ns <= 8000; ns += 100) {
        run_to(ns);
        if (t->intr[1]) {
            g_assert_cmpint(ns % 1600, ==, 0);
            g_assert_cmpint(apic_get_interrupt(t->bus, 1), ==, 0x41);
            wr(t, 1, EOI, 0);
            fired++;
        }
    }
    g_assert_cmpint(fired, ==, 5);
    run_to(8000 + 800);
    g_assert_cmpuint(rd(t, 1, TIMER_CUR), ==, 50);
    /* Writing 0 stops it. */
    wr(t, 1, TIMER_INIT, 0);
    run_to(20000);
    g_assert_false(t->intr[1]);
    g_assert_false(t->intr[0]);
    apic_machine_free(t);
}

static void test_timer_tsc_deadline(void)
{
    TestAPIC *t = apic_machine_new();
    uint64_t tsc = 123456789;

    sw_enable(t, 0);
    /* Ignored unless the timer is in TSC-deadline mode. */
    apic_set_tsc_deadline(t->bus, 0, tsc + 10, tsc);
    g_assert_cmpuint(apic_get_tsc_deadline(t->bus, 0), ==, 0);
    wr(t, 0, LVT_TIMER, 0x40000 | 0x42);
    wr(t, 0, TIMER_INIT, 5);            /* ignored in this mode */
    g_assert_cmpuint(rd(t, 0, TIMER_INIT), ==, 0);
    apic_set_tsc_deadline(t->bus, 0, tsc + 5000, tsc);
    g_assert_cmpuint(apic_get_tsc_deadline(t->bus, 0), ==, tsc + 5000);
    run_to(4999);
    g_assert_false(t->intr[0]);
    run_to(5000);
    g_assert_true(t->intr[0]);
    g_assert_cmpuint(apic_get_tsc_deadline(t->bus, 0), ==, 0);
    g_assert_cmpint(apic_get_interrupt(t->bus, 0), ==, 0x42);
    wr(t, 0, EOI, 0);
    /* A deadline in the past fires at once; 0 disarms. */
    apic_set_tsc_deadline(t->bus, 0, 1, tsc);
    run_to(5000);
    g_assert_true(t->intr[0]);
    g_assert_cmpint(apic_get_interrupt(t->bus, 0), ==, 0x42);
    wr(t, 0, EOI, 0);
    apic_set_tsc_deadline(t->bus, 0, tsc + 100, tsc);
    apic_set_tsc_deadline(t->bus, 0, 0, tsc);
    run_to(10000);
    g_assert_false(t->intr[0]);
    /* Leaving the mode disarms. */
    apic_set_tsc_deadline(t->bus, 0, tsc + 100, tsc);
    wr(t, 0, LVT_TIMER, 0x42);
    g_assert_cmpuint(apic_get_tsc_deadline(t->bus, 0), ==, 0);
    run_to(20000);
    g_assert_false(t->intr[0]);
    apic_machine_free(t);
}

static void send_ipi(TestAPIC *t, unsigned from, uint8_t dest, uint32_t lo)
{
    wr(t, from, ICR_HI, (uint32_t)dest << 24);
    wr(t, from, ICR_LO, lo);
    g_assert_cmphex(rd(t, from, ICR_LO) & (1u << 12), ==, 0);
}

/* Take every pending vector of @cpu, EOI each; return how many. */
static int drain(TestAPIC *t, unsigned cpu)
{
    int n = 0;

    while (t->intr[cpu]) {
        apic_get_interrupt(t->bus, cpu);
        wr(t, cpu, EOI, 0);
        n++;
    }
    return n;
}

static void test_ipi(void)
{
    TestAPIC *t = apic_machine_new();

    sw_enable(t, 0);
    sw_enable(t, 1);
    /* Physical. */
    send_ipi(t, 0, 1, 0x50);
    g_assert_true(irr_has(t, 1, 0x50));
    g_assert_false(t->intr[0]);
    g_assert_cmpint(drain(t, 1), ==, 1);
    /* Physical broadcast. */
    send_ipi(t, 1, 0xff, 0x51);
    g_assert_true(irr_has(t, 0, 0x51) && irr_has(t, 1, 0x51));
    g_assert_cmpint(drain(t, 0) + drain(t, 1), ==, 2);

    /* Logical, flat model: LDR bit 0 on CPU 0, bit 1 on CPU 1. */
    wr(t, 0, LDR, 0x01000000);
    wr(t, 1, LDR, 0x02000000);
    send_ipi(t, 0, 0x02, 0x800 | 0x52);
    g_assert_false(irr_has(t, 0, 0x52));
    g_assert_true(irr_has(t, 1, 0x52));
    send_ipi(t, 0, 0x03, 0x800 | 0x53);
    g_assert_true(irr_has(t, 0, 0x53) && irr_has(t, 1, 0x53));
    g_assert_cmpint(drain(t, 0) + drain(t, 1), ==, 3);
    /* Lowest priority goes to the lowest-numbered target only. */
    send_ipi(t, 1, 0x03, 0x800 | 0x100 | 0x54);
    g_assert_true(irr_has(t, 0, 0x54));
    g_assert_false(irr_has(t, 1, 0x54));
    g_assert_cmpint(drain(t, 0), ==, 1);

    /* Logical, cluster model: cluster 1, member bits 1 and 2. */
    wr(t, 0, DFR, 0x0fffffff);
    wr(t, 1, DFR, 0x0fffffff);
    wr(t, 0, LDR, 0x11000000);
    wr(t, 1, LDR, 0x12000000);
    send_ipi(t, 0, 0x12, 0x800 | 0x55);
    g_assert_true(irr_has(t, 1, 0x55));
    g_assert_false(irr_has(t, 0, 0x55));
    send_ipi(t, 0, 0x22, 0x800 | 0x56);     /* another cluster */
    g_assert_false(irr_has(t, 1, 0x56));
    g_assert_cmpint(drain(t, 1), ==, 1);

    /* Shorthands: self, all including self, all excluding self. */
    send_ipi(t, 1, 0, (1u << 18) | 0x57);
    g_assert_true(irr_has(t, 1, 0x57));
    g_assert_false(irr_has(t, 0, 0x57));
    send_ipi(t, 1, 0, (2u << 18) | 0x58);
    g_assert_true(irr_has(t, 0, 0x58) && irr_has(t, 1, 0x58));
    send_ipi(t, 1, 0, (3u << 18) | 0x59);
    g_assert_true(irr_has(t, 0, 0x59));
    g_assert_false(irr_has(t, 1, 0x59));
    g_assert_cmpint(drain(t, 0), ==, 2);
    g_assert_cmpint(drain(t, 1), ==, 2);
    take_events(t, "");
    apic_machine_free(t);
}

static void test_init_sipi_nmi(void)
{
    TestAPIC *t = apic_machine_new();

    sw_enable(t, 1);
    wr(t, 1, TPR, 0x20);
    /* INIT assert (level), INIT de-assert (ignored), SIPI twice. */
    send_ipi(t, 0, 1, 0xc500);
    g_assert_cmphex(rd(t, 1, SVR), ==, 0xff);  /* INIT reset the APIC */
    g_assert_cmphex(rd(t, 1, TPR), ==, 0);
    g_assert_cmphex(rd(t, 1, ID), ==, 1u << 24);
    send_ipi(t, 0, 1, 0x8500);
    send_ipi(t, 0, 1, 0x0600 | 0x9a);
    send_ipi(t, 0, 1, 0x0600 | 0x9a);
    take_events(t, "init1 sipi1:0x9a sipi1:0x9a ");
    /* All-excluding-self INIT from the BSP, as Linux's old wakeup does. */
    send_ipi(t, 0, 0, (3u << 18) | 0x4500);
    take_events(t, "init1 ");
    send_ipi(t, 1, 0, 0x400);
    take_events(t, "nmi0 ");
    /* SMI is ignored. */
    send_ipi(t, 1, 0, 0x200);
    take_events(t, "");
    g_assert_false(t->intr[0] || t->intr[1]);
    apic_machine_free(t);
}

static void test_esr(void)
{
    TestAPIC *t = apic_machine_new();

    sw_enable(t, 0);
    wr(t, 0, LVT_ERROR, 0xfe);
    send_ipi(t, 0, 1, 0x05);            /* illegal vector */
    g_assert_cmphex(rd(t, 0, ESR), ==, 0);
    wr(t, 0, ESR, 0);
    g_assert_cmphex(rd(t, 0, ESR), ==, 0x20);
    wr(t, 0, ESR, 0);
    g_assert_cmphex(rd(t, 0, ESR), ==, 0);
    g_assert_cmpint(apic_get_interrupt(t->bus, 0), ==, 0xfe);
    wr(t, 0, EOI, 0);
    /* A reserved register. */
    rd(t, 0, 0x40);
    wr(t, 0, ESR, 0);
    g_assert_cmphex(rd(t, 0, ESR), ==, 0x80);
    g_assert_cmpint(drain(t, 0), ==, 1);
    apic_machine_free(t);
}

static void test_extint(void)
{
    TestAPIC *t = apic_machine_new();
    IRQLine *lint0 = apic_lint_input(t->bus, 0, 0);

    /* Virtual wire: the 8259's INTR reaches the CPU while the APIC is
     * still software-disabled, and the vector comes from the 8259. */
    t->extint_vector = 0x20;
    irq_raise(lint0);
    g_assert_true(t->intr[0]);
    g_assert_cmpint(apic_get_interrupt(t->bus, 0), ==, 0x20);
    take_events(t, "inta ");
    irq_lower(lint0);
    g_assert_false(t->intr[0]);

    /* APIC interrupts come first. */
    sw_enable(t, 0);
    wr(t, 0, LVT_LINT0, 0x700);
    apic_bus_deliver(t->bus, 0, false, APIC_DM_FIXED, 0x90, false);
    irq_raise(lint0);
    g_assert_cmpint(apic_get_interrupt(t->bus, 0), ==, 0x90);
    g_assert_cmpint(apic_get_interrupt(t->bus, 0), ==, 0x20);
    take_events(t, "inta ");
    wr(t, 0, EOI, 0);
    /* Masked LINT0: the 8259 no longer gets through. */
    wr(t, 0, LVT_LINT0, 0x10700);
    g_assert_false(t->intr[0]);
    /* Globally disabled: the 8259 reaches the CPU directly. */
    apic_set_base(t->bus, 0, 0xfee00000);
    g_assert_true(t->intr[0]);
    g_assert_cmpint(apic_get_interrupt(t->bus, 0), ==, 0x20);
    irq_lower(lint0);
    g_assert_cmpint(apic_get_interrupt(t->bus, 0), ==, -1);
    apic_set_base(t->bus, 0, 0xfee00900);
    g_assert_cmphex(rd(t, 0, SVR), ==, 0xff);

    /* LINT1 as NMI on the AP, and LINT0 as a fixed edge input. */
    sw_enable(t, 1);
    wr(t, 1, LVT_LINT1, 0x400);
    irq_pulse(apic_lint_input(t->bus, 1, 1));
    wr(t, 1, LVT_LINT0, 0x66);
    irq_raise(apic_lint_input(t->bus, 1, 0));
    g_assert_true(irr_has(t, 1, 0x66));
    take_events(t, "inta nmi1 ");
    g_assert_cmpint(drain(t, 1), ==, 1);
    apic_machine_free(t);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/apic/registers", test_registers);
    g_test_add_func("/apic/priority", test_priority);
    g_test_add_func("/apic/eoi-broadcast", test_eoi_broadcast);
    g_test_add_func("/apic/timer/oneshot", test_timer_oneshot);
    g_test_add_func("/apic/timer/periodic", test_timer_periodic);
    g_test_add_func("/apic/timer/tsc-deadline", test_timer_tsc_deadline);
    g_test_add_func("/apic/ipi", test_ipi);
    g_test_add_func("/apic/init-sipi-nmi", test_init_sipi_nmi);
    g_test_add_func("/apic/esr", test_esr);
    g_test_add_func("/apic/extint", test_extint);
    return g_test_run();
}
