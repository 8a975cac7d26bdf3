/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the i8254 PIT and port 0x61 on a bare Machine, with the
 * virtual clock driven by hand (clock_virtual_set_test_ns): counter reads
 * in each mode, the latch and read-back commands, status bytes, access
 * modes and flip-flops, BCD, IRQ0 edges in modes 0, 2, 3 and 4 at the
 * tick they are due, and channel 2's gate and OUT through port 0x61.
 */
#include "hw/core/device.h"
#include "hw/timer/i8254.h"
#include "hw/timer/port61.h"
#include "memory/memory.h"
#include "util/bql.h"
#include "util/timer.h"

#include <glib.h>

#define T0 1000000000LL     /* the virtual time each test starts at */

typedef struct TestPIT {
    Machine m;
    MemoryRegion sysmem;
    MemoryRegion sysio;
    PITState *pit;
    int irq0;
    GArray *rises;          /* of int64_t: ns after T0 of each IRQ0 rise */
} TestPIT;

static void record_irq0(void *opaque, int n, int level)
{
    TestPIT *t = opaque;

    if (level && !t->irq0) {
        int64_t when = clock_get_ns(CLOCK_VIRTUAL) - T0;

        g_array_append_val(t->rises, when);
    }
    t->irq0 = level;
}

static TestPIT *pit_machine_new(void)
{
    TestPIT *t = g_new0(TestPIT, 1);
    Machine *m = &t->m;

    bql_lock();
    clock_virtual_set_test_ns(T0);
    memory_region_init_container(&t->sysmem, "system", UINT64_MAX);
    memory_region_init_container(&t->sysio, "io", 0x10000);
    m->system_memory = &t->sysmem;
    m->system_io = &t->sysio;
    address_space_init(&m->as_memory, m->system_memory, "memory");
    address_space_init(&m->as_io, m->system_io, "I/O");
    m->devices = g_ptr_array_new();
    irq_init(&m->gsi[0], record_irq0, t, 0);
    t->rises = g_array_new(FALSE, FALSE, sizeof(int64_t));
    t->pit = pit_create(m, NULL);
    g_assert_nonnull(t->pit);
    g_assert_nonnull(port61_create(m, t->pit, NULL));
    g_array_set_size(t->rises, 0);
    return t;
}

static void pit_machine_free(TestPIT *t)
{
    Machine *m = &t->m;

    while (m->devices->len) {
        device_destroy(g_ptr_array_index(m->devices, m->devices->len - 1));
    }
    g_ptr_array_free(m->devices, TRUE);
    address_space_destroy(&m->as_io);
    address_space_destroy(&m->as_memory);
    memory_region_destroy(&t->sysio);
    memory_region_destroy(&t->sysmem);
    g_array_free(t->rises, TRUE);
    g_free(t);
    g_assert_cmpint(timers_next_deadline_ns(), ==, -1);
    bql_unlock();
}

static uint8_t inb(TestPIT *t, uint16_t port)
{
    uint8_t val = 0;

    address_space_read(&t->m.as_io, port, &val, 1);
    return val;
}

static void outb(TestPIT *t, uint16_t port, uint8_t val)
{
    address_space_write(&t->m.as_io, port, &val, 1);
}

/* The first ns (after the count was written at T0) when @k ticks passed. */
static int64_t tick_ns(uint64_t k)
{
    return (int64_t)((k * 1000000000ull + PIT_FREQ - 1) / PIT_FREQ);
}

/* Move the virtual clock to T0 + @ns, stopping at each timer on the way. */
static void run_until(int64_t ns)
{
    for (;;) {
        int64_t now = clock_get_ns(CLOCK_VIRTUAL);
        int64_t left = timers_next_deadline_ns();

        if (left < 0 || now + left > T0 + ns) {
            break;
        }
        clock_virtual_set_test_ns(now + left);
        timers_run_expired();
    }
    clock_virtual_set_test_ns(T0 + ns);
    timers_run_expired();
}

static uint16_t read16(TestPIT *t, uint16_t port)
{
    uint8_t lo = inb(t, port);

    return lo | inb(t, port) << 8;
}

static void write16(TestPIT *t, uint16_t port, uint16_t val)
{
    outb(t, port, val & 0xff);
    outb(t, port, val >> 8);
}

static uint8_t status(TestPIT *t, int ch)
{
    outb(t, 0x43, 0xe0 | 2 << ch);      /* read-back: status only */
    return inb(t, 0x40 + ch);
}

static void test_mode0_one_shot(void)
{
    TestPIT *t = pit_machine_new();

    outb(t, 0x43, 0x30);
    g_assert_cmpint(t->irq0, ==, 0);        /* OUT low after the CW */
    g_assert_cmphex(status(t, 0), ==, 0x70);    /* null count */
    write16(t, 0x40, 1000);
    g_assert_cmphex(status(t, 0), ==, 0x30);
    run_until(tick_ns(500));
    g_assert_cmpuint(read16(t, 0x40), ==, 500);
    run_until(tick_ns(1000) - 1);
    g_assert_cmpuint(t->rises->len, ==, 0);
    g_assert_cmpuint(read16(t, 0x40), ==, 1);
    run_until(tick_ns(5000));
    g_assert_cmpuint(t->rises->len, ==, 1);
    g_assert_cmpint(g_array_index(t->rises, int64_t, 0), ==, tick_ns(1000));
    g_assert_cmpint(t->irq0, ==, 1);
    g_assert_cmphex(status(t, 0), ==, 0xb0);
    /* The counter wraps and keeps counting; OUT stays high. */
    g_assert_cmpuint(read16(t, 0x40), ==, (uint16_t)(1000 - 5000));
    /* A new count restarts: OUT low again, then high after 10 ticks. */
    write16(t, 0x40, 10);
    g_assert_cmpint(t->irq0, ==, 0);
    run_until(tick_ns(5000) + tick_ns(20));
    g_assert_cmpuint(t->rises->len, ==, 2);
    pit_machine_free(t);
}

static void test_mode0_first_byte_stops(void)
{
    TestPIT *t = pit_machine_new();

    outb(t, 0x43, 0x30);
    write16(t, 0x40, 100);
    run_until(tick_ns(40));
    outb(t, 0x40, 0x50);                /* LSB only: counting stops */
    run_until(tick_ns(500));
    g_assert_cmpuint(t->rises->len, ==, 0);
    outb(t, 0x43, 0x00);
    g_assert_cmpuint(read16(t, 0x40), ==, 60);
    outb(t, 0x40, 0x00);                /* MSB: count 0x0050 from here */
    run_until(tick_ns(500) + tick_ns(80));
    g_assert_cmpuint(t->rises->len, ==, 1);
    g_assert_cmpint(g_array_index(t->rises, int64_t, 0), ==,
                    tick_ns(500) + tick_ns(80));
    pit_machine_free(t);
}

static void test_mode2_periodic(void)
{
    TestPIT *t = pit_machine_new();

    outb(t, 0x43, 0x34);
    g_assert_cmpint(t->irq0, ==, 1);        /* OUT high from reset on */
    write16(t, 0x40, 1193);
    run_until(tick_ns(1193 * 10) + tick_ns(600));
    g_assert_cmpuint(t->rises->len, ==, 10);
    for (unsigned k = 0; k < 10; k++) {
        g_assert_cmpint(g_array_index(t->rises, int64_t, k), ==,
                        tick_ns(1193 * (k + 1)));
    }
    /* Counter: N - (ticks mod N), never 0; OUT low at count 1 only. */
    g_assert_cmpuint(read16(t, 0x40), ==, 1193 - 600);
    run_until(tick_ns(1193 * 11 - 1));
    g_assert_cmpuint(read16(t, 0x40), ==, 1);
    g_assert_cmphex(status(t, 0) & 0x80, ==, 0);
    run_until(tick_ns(1193 * 11));
    g_assert_cmpuint(read16(t, 0x40), ==, 1193);
    g_assert_cmphex(status(t, 0) & 0x80, ==, 0x80);
    pit_machine_free(t);
}

static void test_mode2_new_count_at_period_end(void)
{
    TestPIT *t = pit_machine_new();

    outb(t, 0x43, 0x34);
    write16(t, 0x40, 1000);
    run_until(tick_ns(300));
    write16(t, 0x40, 500);              /* takes effect at tick 1000 */
    g_assert_cmphex(status(t, 0) & 0x40, ==, 0x40);
    g_assert_cmpuint(read16(t, 0x40), ==, 700);
    run_until(tick_ns(2100));
    g_assert_cmphex(status(t, 0) & 0x40, ==, 0);
    g_assert_cmpuint(t->rises->len, ==, 3);
    g_assert_cmpint(g_array_index(t->rises, int64_t, 0), ==, tick_ns(1000));
    /* Later edges are 500 ticks apart from the reload (+-1 ns). */
    g_assert_cmpint(llabs(g_array_index(t->rises, int64_t, 1) -
                          tick_ns(1500)), <=, 1);
    g_assert_cmpint(llabs(g_array_index(t->rises, int64_t, 2) -
                          tick_ns(2000)), <=, 1);
    pit_machine_free(t);
}

static void test_mode3_square_wave(void)
{
    TestPIT *t = pit_machine_new();

    outb(t, 0x43, 0x36);
    write16(t, 0x40, 100);
    run_until(tick_ns(10));
    g_assert_cmpuint(read16(t, 0x40), ==, 80);  /* counts by two */
    g_assert_cmphex(status(t, 0) & 0x80, ==, 0x80);
    run_until(tick_ns(60));
    g_assert_cmpuint(read16(t, 0x40), ==, 80);
    g_assert_cmphex(status(t, 0) & 0x80, ==, 0);
    run_until(tick_ns(450));
    g_assert_cmpuint(t->rises->len, ==, 4);
    for (unsigned k = 0; k < 4; k++) {
        g_assert_cmpint(g_array_index(t->rises, int64_t, k), ==,
                        tick_ns(100 * (k + 1)));
    }
    /* Odd counts: high for (N+1)/2, low for (N-1)/2. */
    outb(t, 0x43, 0x36);
    write16(t, 0x40, 5);
    run_until(tick_ns(450) + tick_ns(2));
    g_assert_cmphex(status(t, 0) & 0x80, ==, 0x80);
    run_until(tick_ns(450) + tick_ns(3));
    g_assert_cmphex(status(t, 0) & 0x80, ==, 0);
    pit_machine_free(t);
}

static void test_mode4_strobe(void)
{
    TestPIT *t = pit_machine_new();

    outb(t, 0x43, 0x38);
    write16(t, 0x40, 50);
    run_until(tick_ns(50));
    g_assert_cmphex(status(t, 0) & 0x80, ==, 0);    /* the strobe */
    run_until(tick_ns(1000));
    g_assert_cmpuint(t->rises->len, ==, 1);
    g_assert_cmpint(g_array_index(t->rises, int64_t, 0), ==, tick_ns(51));
    g_assert_cmphex(status(t, 0) & 0x80, ==, 0x80);
    pit_machine_free(t);
}

static void test_latch_and_readback(void)
{
    TestPIT *t = pit_machine_new();
    uint8_t lo, hi;

    outb(t, 0x43, 0x74);                /* channel 1, mode 2 */
    write16(t, 0x41, 40000);
    run_until(tick_ns(1000));
    outb(t, 0x43, 0x40);                /* latch channel 1 */
    run_until(tick_ns(3000));
    outb(t, 0x43, 0x40);                /* a second latch is ignored */
    g_assert_cmpuint(read16(t, 0x41), ==, 39000);
    g_assert_cmpuint(read16(t, 0x41), ==, 37000);   /* live again */
    /* The datasheet's interleaving: separate read and write pointers. */
    lo = inb(t, 0x41);
    outb(t, 0x41, 0x10);
    hi = inb(t, 0x41);
    outb(t, 0x41, 0x27);
    g_assert_cmpuint(lo | hi << 8, ==, 37000);

    /* Read-back of count and status together: status first. */
    run_until(tick_ns(3100));
    outb(t, 0x43, 0xc4);                /* both, channel 1 */
    g_assert_cmphex(inb(t, 0x41), ==, 0xf4);    /* new count not loaded */
    g_assert_cmpuint(read16(t, 0x41), ==, 36900);
    pit_machine_free(t);
}

static void test_access_modes_and_bcd(void)
{
    TestPIT *t = pit_machine_new();
    int64_t base = tick_ns(0x30) + tick_ns(0x100);

    outb(t, 0x43, 0x50);                /* channel 1, LSB only, mode 0 */
    outb(t, 0x41, 0x80);
    run_until(tick_ns(0x30));
    g_assert_cmphex(inb(t, 0x41), ==, 0x50);
    g_assert_cmphex(inb(t, 0x41), ==, 0x50);
    outb(t, 0x43, 0x60);                /* MSB only */
    outb(t, 0x41, 0x02);                /* count 0x200 */
    run_until(base);
    g_assert_cmphex(inb(t, 0x41), ==, 0x01);
    g_assert_cmphex(status(t, 1), ==, 0x20);

    outb(t, 0x43, 0x71);                /* mode 0, BCD */
    write16(t, 0x41, 0x1000);           /* 1000 decimal */
    run_until(base + tick_ns(250));
    g_assert_cmphex(read16(t, 0x41), ==, 0x0750);
    /* BCD wraps from 0000 to 9999. */
    run_until(base + tick_ns(1001));
    g_assert_cmphex(read16(t, 0x41), ==, 0x9999);
    pit_machine_free(t);
}

static void test_channel2_port61(void)
{
    TestPIT *t = pit_machine_new();
    int64_t base;
    uint8_t a, b;

    outb(t, 0x43, 0xb0);                /* channel 2, mode 0 */
    write16(t, 0x42, 100);
    g_assert_cmphex(inb(t, 0x61) & 0x21, ==, 0);
    run_until(tick_ns(500));            /* gate low: no counting */
    g_assert_cmpuint(read16(t, 0x42), ==, 100);
    outb(t, 0x61, 0x01);
    g_assert_true(pit_get_gate(t->pit, 2));
    run_until(tick_ns(500) + tick_ns(99));
    g_assert_cmphex(inb(t, 0x61) & 0x20, ==, 0);
    run_until(tick_ns(500) + tick_ns(100));
    g_assert_cmphex(inb(t, 0x61) & 0x21, ==, 0x21);
    g_assert_cmpuint(t->rises->len, ==, 0);     /* not channel 0 */
    /* Speaker and check-enable bits read back; errors never show. */
    outb(t, 0x61, 0xff);
    g_assert_cmphex(inb(t, 0x61) & 0xcf, ==, 0x0f);

    /* Mode 1: the gate's rising edge triggers a one-shot. */
    outb(t, 0x61, 0x00);
    outb(t, 0x43, 0xb2);
    write16(t, 0x42, 10);
    g_assert_cmphex(inb(t, 0x61) & 0x20, ==, 0x20);
    run_until(tick_ns(700));
    outb(t, 0x61, 0x01);
    g_assert_cmphex(inb(t, 0x61) & 0x20, ==, 0);
    run_until(tick_ns(700) + tick_ns(9));
    g_assert_cmphex(inb(t, 0x61) & 0x20, ==, 0);
    run_until(tick_ns(700) + tick_ns(10));
    g_assert_cmphex(inb(t, 0x61) & 0x20, ==, 0x20);

    /* Mode 2: GATE low stops the count and holds OUT high. */
    outb(t, 0x43, 0xb4);
    base = clock_get_ns(CLOCK_VIRTUAL) - T0;
    write16(t, 0x42, 4);
    run_until(base + tick_ns(3));
    g_assert_cmphex(inb(t, 0x61) & 0x20, ==, 0);
    outb(t, 0x61, 0x00);
    g_assert_cmphex(inb(t, 0x61) & 0x20, ==, 0x20);
    g_assert_cmpuint(read16(t, 0x42), ==, 1);

    /* The refresh toggle flips every 15.085 us. */
    run_until(base + tick_ns(900));
    a = inb(t, 0x61) & 0x10;
    run_until(base + tick_ns(900) + 15085);
    b = inb(t, 0x61) & 0x10;
    g_assert_cmphex(a ^ b, ==, 0x10);
    pit_machine_free(t);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/i8254/mode0/one-shot", test_mode0_one_shot);
    g_test_add_func("/i8254/mode0/first-byte-stops",
                    test_mode0_first_byte_stops);
    g_test_add_func("/i8254/mode2/periodic", test_mode2_periodic);
    g_test_add_func("/i8254/mode2/new-count-at-period-end",
                    test_mode2_new_count_at_period_end);
    g_test_add_func("/i8254/mode3/square-wave", test_mode3_square_wave);
    g_test_add_func("/i8254/mode4/strobe", test_mode4_strobe);
    g_test_add_func("/i8254/latch-and-readback", test_latch_and_readback);
    g_test_add_func("/i8254/access-modes-and-bcd",
                    test_access_modes_and_bcd);
    g_test_add_func("/i8254/channel2-port61", test_channel2_port61);
    return g_test_run();
}
