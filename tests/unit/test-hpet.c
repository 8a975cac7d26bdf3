/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the HPET on a bare Machine with the virtual clock set by
 * hand: capabilities, the main counter's rate, stop and write, one-shot
 * and periodic comparators firing at the right virtual times, 32-bit
 * mode across a wrap, level interrupts with the status register, and the
 * legacy replacement route cutting off the PIT and RTC inputs.
 */
#include "hw/core/device.h"
#include "hw/timer/hpet.h"
#include "memory/memory.h"
#include "util/bql.h"
#include "util/timer.h"

#include <glib.h>

#define T0 1000000000LL

enum {
    CAP = 0x000, CONF = 0x010, ISR = 0x020, COUNTER = 0x0f0,
    TN_CONF = 0x100, TN_CMP = 0x108,
};

#define TN(n, reg) ((reg) + 0x20 * (n))

/* Timer config bits. */
enum {
    LEVEL = 1 << 1, ENB = 1 << 2, PERIODIC = 1 << 3, VAL_SET = 1 << 6,
    MODE32 = 1 << 8,
};
#define ROUTE(r) ((r) << 9)

typedef struct TestHPET {
    Machine m;
    MemoryRegion sysmem;
    HPETState *hpet;
    int level[26];          /* 0-23: routes; 24, 25: legacy 0 and 8 */
    GString *edges;         /* "<line>@<ns since T0> " for each rise */
} TestHPET;

static void record(void *opaque, int n, int level)
{
    TestHPET *t = opaque;

    if (level && !t->level[n]) {
        g_string_append_printf(t->edges, "%d@%lld ", n,
                               (long long)(clock_get_ns(CLOCK_VIRTUAL) - T0));
    }
    t->level[n] = level;
}

static TestHPET *hpet_machine_new(void)
{
    TestHPET *t = g_new0(TestHPET, 1);
    Machine *m = &t->m;

    bql_lock();
    clock_virtual_set_test_ns(T0);
    memory_region_init_container(&t->sysmem, "system", UINT64_MAX);
    m->system_memory = &t->sysmem;
    address_space_init(&m->as_memory, m->system_memory, "memory");
    m->devices = g_ptr_array_new();
    t->edges = g_string_new(NULL);
    t->hpet = hpet_create(m, NULL);
    g_assert_nonnull(t->hpet);
    for (int i = 0; i < HPET_NR_ROUTES; i++) {
        irq_init(hpet_route_output(t->hpet, i), record, t, i);
    }
    irq_init(hpet_legacy_output(t->hpet, 0), record, t, 24);
    irq_init(hpet_legacy_output(t->hpet, 1), record, t, 25);
    return t;
}

static void hpet_machine_free(TestHPET *t)
{
    Machine *m = &t->m;

    device_destroy((DeviceState *)t->hpet);
    g_ptr_array_free(m->devices, TRUE);
    address_space_destroy(&m->as_memory);
    memory_region_destroy(&t->sysmem);
    g_string_free(t->edges, TRUE);
    g_free(t);
    g_assert_cmpint(timers_next_deadline_ns(), ==, -1);
    bql_unlock();
}

static uint64_t rd(TestHPET *t, hwaddr reg)
{
    return address_space_ld(&t->m.as_memory, HPET_DEFAULT_ADDRESS + reg, 8,
                            NULL);
}

static uint32_t rd32(TestHPET *t, hwaddr reg)
{
    return address_space_ld(&t->m.as_memory, HPET_DEFAULT_ADDRESS + reg, 4,
                            NULL);
}

static void wr(TestHPET *t, hwaddr reg, uint64_t val)
{
    address_space_st(&t->m.as_memory, HPET_DEFAULT_ADDRESS + reg, val, 8);
}

static void wr32(TestHPET *t, hwaddr reg, uint32_t val)
{
    address_space_st(&t->m.as_memory, HPET_DEFAULT_ADDRESS + reg, val, 4);
}

static void run_to(int64_t ns)
{
    clock_virtual_set_test_ns(T0 + ns);
    timers_run_expired();
}

static void take_edges(TestHPET *t, const char *expected)
{
    g_assert_cmpstr(t->edges->str, ==, expected);
    g_string_truncate(t->edges, 0);
}

static void test_capabilities(void)
{
    TestHPET *t = hpet_machine_new();

    g_assert_cmphex(rd(t, CAP), ==, 0x009896808086a201ull);
    g_assert_cmphex(rd32(t, CAP + 4), ==, 10000000);    /* fs per tick */
    for (int n = 0; n < HPET_NR_TIMERS; n++) {
        uint64_t c = rd(t, TN(n, TN_CONF));

        g_assert_cmphex(c >> 32, ==, HPET_ROUTE_CAP);
        g_assert_cmphex(c & (1u << 5), !=, 0);          /* 64-bit */
        g_assert_cmphex(c & (1u << 15), ==, 0);         /* no FSB */
        g_assert_cmphex(!!(c & (1u << 4)), ==, n == 0); /* periodic */
        g_assert_cmphex(rd(t, TN(n, TN_CMP)), ==, UINT64_MAX);
    }
    g_assert_cmphex(rd(t, CONF), ==, 0);
    hpet_machine_free(t);
}

static void test_counter(void)
{
    TestHPET *t = hpet_machine_new();

    run_to(1000);
    g_assert_cmpuint(rd(t, COUNTER), ==, 0);            /* halted */
    wr(t, CONF, 1);
    run_to(2000);
    g_assert_cmpuint(rd(t, COUNTER), ==, 100);          /* 100 MHz */
    run_to(1000000 + 1000);
    g_assert_cmpuint(rd(t, COUNTER), ==, 100000);
    wr(t, CONF, 0);
    run_to(5000000);
    g_assert_cmpuint(rd(t, COUNTER), ==, 100000);
    wr(t, COUNTER, 0x123456789ull);
    g_assert_cmphex(rd(t, COUNTER), ==, 0x123456789ull);
    wr32(t, COUNTER + 4, 0);
    g_assert_cmphex(rd(t, COUNTER), ==, 0x23456789);
    g_assert_cmphex(rd32(t, COUNTER), ==, 0x23456789);
    wr(t, CONF, 1);
    run_to(5000000 + 50);
    g_assert_cmphex(rd(t, COUNTER), ==, 0x23456789 + 5);
    wr(t, CONF, 0);
    hpet_machine_free(t);
}

static void test_oneshot(void)
{
    TestHPET *t = hpet_machine_new();

    wr(t, TN(2, TN_CONF), ENB | ROUTE(20));
    wr(t, TN(2, TN_CMP), 500);
    wr(t, CONF, 1);
    run_to(4990);
    take_edges(t, "");
    run_to(5000);
    take_edges(t, "20@5000 ");
    g_assert_cmpint(t->level[20], ==, 0);              /* a pulse */
    run_to(100000);
    take_edges(t, "");                                  /* once */
    /* A comparator behind the counter never matches in 64-bit mode. */
    wr(t, TN(2, TN_CMP), 10);
    run_to(200000);
    take_edges(t, "");
    /* Interrupts disabled: no edge. */
    wr(t, TN(2, TN_CONF), ROUTE(20));
    wr(t, TN(2, TN_CMP), 30000);
    run_to(300000);
    take_edges(t, "");
    wr(t, CONF, 0);
    hpet_machine_free(t);
}

static void test_periodic(void)
{
    TestHPET *t = hpet_machine_new();

    /* Linux's sequence: VAL_SET, the first comparator, then the period. */
    wr(t, TN(0, TN_CONF), ENB | PERIODIC | VAL_SET | ROUTE(2));
    wr(t, TN(0, TN_CMP), 100);
    wr(t, TN(0, TN_CMP), 250);
    g_assert_cmpuint(rd(t, TN(0, TN_CMP)), ==, 100);
    g_assert_cmphex(rd(t, TN(0, TN_CONF)) & VAL_SET, ==, 0);
    wr(t, CONF, 1);
    for (int64_t ns = 0; ns <= 8000; ns += 500) {
        run_to(ns);
    }
    take_edges(t, "2@1000 2@3500 2@6000 ");
    g_assert_cmpuint(rd(t, TN(0, TN_CMP)), ==, 850);
    /* Periodic mode is only on timer 0. */
    wr(t, TN(1, TN_CONF), PERIODIC);
    g_assert_cmphex(rd(t, TN(1, TN_CONF)) & PERIODIC, ==, 0);
    wr(t, CONF, 0);
    hpet_machine_free(t);
}

static void test_32bit(void)
{
    TestHPET *t = hpet_machine_new();

    wr(t, COUNTER, 0xfffffff0ull);
    wr(t, TN(1, TN_CONF), ENB | MODE32 | ROUTE(21));
    wr(t, TN(1, TN_CMP), 0x100000005ull);              /* kept: 5 */
    g_assert_cmphex(rd(t, TN(1, TN_CMP)), ==, 5);
    wr(t, CONF, 1);
    run_to(200);
    take_edges(t, "");
    run_to(210);                        /* 0x10 + 5 ticks later */
    take_edges(t, "21@210 ");
    /* A one-shot 32-bit comparator matches again after a wrap. */
    run_to(210 + (1LL << 32) * 10 - 10);
    take_edges(t, "");
    run_to(210 + (1LL << 32) * 10);
    g_assert_cmpuint(t->edges->len, >, 0);
    wr(t, CONF, 0);
    hpet_machine_free(t);
}

static void test_level(void)
{
    TestHPET *t = hpet_machine_new();

    wr(t, TN(1, TN_CONF), LEVEL | ENB | ROUTE(22));
    wr(t, TN(1, TN_CMP), 10);
    wr(t, CONF, 1);
    run_to(100);
    g_assert_cmpint(t->level[22], ==, 1);
    g_assert_cmphex(rd(t, ISR), ==, 2);
    wr(t, ISR, 1);                      /* not its bit */
    g_assert_cmpint(t->level[22], ==, 1);
    wr(t, ISR, 2);
    g_assert_cmpint(t->level[22], ==, 0);
    g_assert_cmphex(rd(t, ISR), ==, 0);
    /* Status is set with interrupts off, and the line follows ENB. */
    wr(t, TN(1, TN_CONF), LEVEL | ROUTE(22));
    wr(t, TN(1, TN_CMP), 20);
    run_to(200);
    g_assert_cmphex(rd(t, ISR), ==, 2);
    g_assert_cmpint(t->level[22], ==, 0);
    wr(t, TN(1, TN_CONF), LEVEL | ENB | ROUTE(22));
    g_assert_cmpint(t->level[22], ==, 1);
    wr32(t, ISR, 2);
    g_assert_cmpint(t->level[22], ==, 0);
    wr(t, CONF, 0);
    hpet_machine_free(t);
}

static void test_legacy(void)
{
    TestHPET *t = hpet_machine_new();

    /* The PIT and RTC pass through until the legacy route is on. */
    irq_raise(hpet_pit_input(t->hpet));
    irq_raise(hpet_rtc_input(t->hpet));
    g_assert_cmpint(t->level[24], ==, 1);
    g_assert_cmpint(t->level[25], ==, 1);
    take_edges(t, "24@0 25@0 ");
    wr(t, TN(0, TN_CONF), ENB | PERIODIC | VAL_SET | ROUTE(20));
    wr(t, TN(0, TN_CMP), 100);
    wr(t, TN(0, TN_CMP), 100);
    wr(t, TN(1, TN_CONF), ENB | ROUTE(21));
    wr(t, TN(1, TN_CMP), 150);
    wr(t, CONF, 3);                     /* enable + legacy route */
    g_assert_cmpint(t->level[24], ==, 0);
    g_assert_cmpint(t->level[25], ==, 0);
    irq_pulse(hpet_pit_input(t->hpet));
    run_to(1000);
    run_to(1500);
    run_to(2000);
    /* Timer 0 on IRQ0, timer 1 on IRQ8; their routes unused. */
    take_edges(t, "24@1000 25@1500 24@2000 ");
    /* Route off: timer 0 goes to its I/O APIC input, the PIT is back. */
    irq_raise(hpet_pit_input(t->hpet));
    wr(t, CONF, 1);
    g_assert_cmpint(t->level[24], ==, 1);
    run_to(3000);
    take_edges(t, "24@2000 25@2000 20@3000 ");
    wr(t, CONF, 0);
    hpet_machine_free(t);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/hpet/capabilities", test_capabilities);
    g_test_add_func("/hpet/counter", test_counter);
    g_test_add_func("/hpet/oneshot", test_oneshot);
    g_test_add_func("/hpet/periodic", test_periodic);
    g_test_add_func("/hpet/32bit", test_32bit);
    g_test_add_func("/hpet/level", test_level);
    g_test_add_func("/hpet/legacy", test_legacy);
    return g_test_run();
}
