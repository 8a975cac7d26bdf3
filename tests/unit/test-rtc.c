/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of hw/timer/mc146818rtc.c through ports 0x70/0x71 of a bare
 * machine: the clock read in BCD and binary, 24- and 12-hour form against
 * host wall time; setting the time under SET and field by field; register
 * C's read-to-clear and IRQ 8; the periodic interrupt's timing on a
 * hand-driven virtual clock; the update-ended and alarm interrupts on the
 * host clock (about a second of real time); the CMOS memory-size bytes
 * for -m 256 and -m 5G; the NMI mask bit.
 */
#include "bare-machine.h"
#include "hw/timer/mc146818rtc.h"
#include "util/timer.h"

#include <time.h>

static uint8_t cmos_read(BareMachine *bm, uint8_t index)
{
    bare_outb(bm, RTC_IOBASE, index);
    return bare_inb(bm, RTC_IOBASE + 1);
}

static void cmos_write(BareMachine *bm, uint8_t index, uint8_t val)
{
    bare_outb(bm, RTC_IOBASE, index);
    bare_outb(bm, RTC_IOBASE + 1, val);
}

static uint8_t bcd(unsigned v)
{
    return ((v / 10) << 4) | (v % 10);
}

static BareMachine *rtc_machine(DeviceState **rtc, uint64_t below,
                                uint64_t above)
{
    BareMachine *bm = bare_machine_new(4);

    clock_virtual_set_test_ns(0);
    *rtc = rtc_create(&bm->m, below, above, NULL);
    g_assert_nonnull(*rtc);
    return bm;
}

typedef struct RtcTime {
    uint8_t sec, min, hour, wday, mday, mon, year, century;
} RtcTime;

static RtcTime rtc_read_time(BareMachine *bm)
{
    return (RtcTime){
        .sec = cmos_read(bm, RTC_SECONDS),
        .min = cmos_read(bm, RTC_MINUTES),
        .hour = cmos_read(bm, RTC_HOURS),
        .wday = cmos_read(bm, RTC_DAY_OF_WEEK),
        .mday = cmos_read(bm, RTC_DAY_OF_MONTH),
        .mon = cmos_read(bm, RTC_MONTH),
        .year = cmos_read(bm, RTC_YEAR),
        .century = cmos_read(bm, CMOS_CENTURY),
    };
}

static RtcTime expected_time(time_t t, bool binary, bool h24)
{
    struct tm tm;
    uint8_t (*conv)(unsigned) = binary ? NULL : bcd;
    unsigned h;
    RtcTime r;

    gmtime_r(&t, &tm);
#define CONV(v) (conv ? conv(v) : (uint8_t)(v))
    h = tm.tm_hour;
    r.sec = CONV(tm.tm_sec);
    r.min = CONV(tm.tm_min);
    r.hour = h24 ? CONV(h) : CONV(h % 12 ? h % 12 : 12) | (h >= 12 ? 0x80 : 0);
    r.wday = CONV(tm.tm_wday + 1);
    r.mday = CONV(tm.tm_mday);
    r.mon = CONV(tm.tm_mon + 1);
    r.year = CONV((tm.tm_year + 1900) % 100);
    r.century = CONV((tm.tm_year + 1900) / 100);
#undef CONV
    return r;
}

/* The clock matches host time in the format register B selects (the
 * read is retried if a second boundary fell inside it). */
static void check_host_time(BareMachine *bm, bool binary, bool h24)
{
    for (int tries = 0; tries < 3; tries++) {
        time_t before = clock_get_ns(CLOCK_HOST) / NANOSECONDS_PER_SECOND;
        RtcTime got = rtc_read_time(bm);
        time_t after = clock_get_ns(CLOCK_HOST) / NANOSECONDS_PER_SECOND;
        RtcTime want = expected_time(before, binary, h24);

        if (before != after) {
            continue;
        }
        g_assert_cmpmem(&got, sizeof(got), &want, sizeof(want));
        return;
    }
    g_assert_not_reached();
}

static void test_host_time(void)
{
    DeviceState *rtc;
    BareMachine *bm = rtc_machine(&rtc, 128 << 20, 0);

    g_assert_cmphex(cmos_read(bm, RTC_REG_B), ==, RTC_B_24H);
    g_assert_cmphex(cmos_read(bm, RTC_REG_A) & 0x7f, ==, 0x26);
    g_assert_cmphex(cmos_read(bm, RTC_REG_D), ==, RTC_D_VRT);
    check_host_time(bm, false, true);
    cmos_write(bm, RTC_REG_B, RTC_B_24H | RTC_B_DM_BINARY);
    check_host_time(bm, true, true);
    cmos_write(bm, RTC_REG_B, RTC_B_DM_BINARY);
    check_host_time(bm, true, false);
    cmos_write(bm, RTC_REG_B, 0);
    check_host_time(bm, false, false);
    bare_machine_free(bm);
}

static void test_set_time(void)
{
    DeviceState *rtc;
    BareMachine *bm = rtc_machine(&rtc, 128 << 20, 0);
    RtcTime t;

    /* Thursday 2024-02-29 23:59:58 in BCD, 24-hour. */
    cmos_write(bm, RTC_REG_B, RTC_B_SET | RTC_B_24H);
    cmos_write(bm, RTC_SECONDS, 0x58);
    cmos_write(bm, RTC_MINUTES, 0x59);
    cmos_write(bm, RTC_HOURS, 0x23);
    cmos_write(bm, RTC_DAY_OF_MONTH, 0x29);
    cmos_write(bm, RTC_MONTH, 0x02);
    cmos_write(bm, RTC_YEAR, 0x24);
    cmos_write(bm, CMOS_CENTURY, 0x20);
    /* Held while SET is 1. */
    g_assert_cmphex(cmos_read(bm, RTC_SECONDS), ==, 0x58);
    cmos_write(bm, RTC_REG_B, RTC_B_24H);
    t = rtc_read_time(bm);
    g_assert_cmphex(t.sec, ==, 0x58);
    g_assert_cmphex(t.min, ==, 0x59);
    g_assert_cmphex(t.hour, ==, 0x23);
    g_assert_cmphex(t.wday, ==, 5);
    g_assert_cmphex(t.mday, ==, 0x29);
    g_assert_cmphex(t.mon, ==, 0x02);
    g_assert_cmphex(t.year, ==, 0x24);
    g_assert_cmphex(t.century, ==, 0x20);

    /* The same instant in binary and in 12-hour form (11 PM). */
    cmos_write(bm, RTC_REG_B, RTC_B_24H | RTC_B_DM_BINARY);
    g_assert_cmpuint(cmos_read(bm, RTC_HOURS), ==, 23);
    g_assert_cmpuint(cmos_read(bm, RTC_YEAR), ==, 24);
    cmos_write(bm, RTC_REG_B, 0);
    g_assert_cmphex(cmos_read(bm, RTC_HOURS), ==, 0x80 | 0x11);

    /* One field written while the clock runs: the others stay. */
    cmos_write(bm, RTC_REG_B, RTC_B_24H);
    cmos_write(bm, RTC_MINUTES, 0x30);
    t = rtc_read_time(bm);
    g_assert_cmphex(t.min, ==, 0x30);
    g_assert_cmphex(t.hour, ==, 0x23);
    g_assert_cmphex(t.mday, ==, 0x29);
    g_assert_cmphex(t.year, ==, 0x24);

    /* A 12-hour write under SET: 12 AM is midnight. */
    cmos_write(bm, RTC_REG_B, RTC_B_SET);
    cmos_write(bm, RTC_HOURS, 0x12);
    cmos_write(bm, RTC_REG_B, RTC_B_24H);
    g_assert_cmphex(cmos_read(bm, RTC_HOURS), ==, 0x00);
    bare_machine_free(bm);
}

static void test_periodic(void)
{
    DeviceState *rtc;
    BareMachine *bm = rtc_machine(&rtc, 128 << 20, 0);
    int64_t half = NANOSECONDS_PER_SECOND / 2;

    /* Rate 15: 2 Hz. Nothing happens without PIE. */
    cmos_write(bm, RTC_REG_A, RTC_A_DV_32KHZ | 15);
    clock_virtual_set_test_ns(half);
    timers_run_expired();
    g_assert_cmpint(bm->irq_level[RTC_IRQ], ==, 0);

    cmos_write(bm, RTC_REG_B, RTC_B_24H | RTC_B_PIE);
    clock_virtual_set_test_ns(2 * half - 1);
    timers_run_expired();
    g_assert_cmpint(bm->irq_level[RTC_IRQ], ==, 0);
    clock_virtual_set_test_ns(2 * half);
    timers_run_expired();
    g_assert_cmpint(bm->irq_level[RTC_IRQ], ==, 1);
    /* C reads the flags once, then clears them and drops IRQ 8. */
    g_assert_cmphex(cmos_read(bm, RTC_REG_C), ==, RTC_C_IRQF | RTC_C_PF);
    g_assert_cmpint(bm->irq_level[RTC_IRQ], ==, 0);
    g_assert_cmphex(cmos_read(bm, RTC_REG_C), ==, 0);

    /* Ten more periods, acknowledged each time: ten edges. */
    for (int i = 3; i <= 12; i++) {
        clock_virtual_set_test_ns(i * half);
        timers_run_expired();
        g_assert_cmphex(cmos_read(bm, RTC_REG_C), ==, RTC_C_IRQF | RTC_C_PF);
    }
    g_assert_cmpuint(bm->irq_rises[RTC_IRQ], ==, 11);

    /* Rate 6 is 1024 Hz: 32 ticks of the 32.768 kHz base. */
    cmos_write(bm, RTC_REG_A, RTC_A_DV_32KHZ | 6);
    clock_virtual_set_test_ns(12 * half + 976562);
    timers_run_expired();
    g_assert_cmpint(bm->irq_level[RTC_IRQ], ==, 0);
    clock_virtual_set_test_ns(12 * half + 976563);
    timers_run_expired();
    g_assert_cmpint(bm->irq_level[RTC_IRQ], ==, 1);

    /* Disabling PIE keeps the flag but drops IRQF and the line. */
    cmos_write(bm, RTC_REG_B, RTC_B_24H);
    g_assert_cmpint(bm->irq_level[RTC_IRQ], ==, 0);
    g_assert_cmphex(cmos_read(bm, RTC_REG_C), ==, RTC_C_PF);
    bare_machine_free(bm);
}

static void test_update_and_alarm(void)
{
    DeviceState *rtc;
    BareMachine *bm = rtc_machine(&rtc, 128 << 20, 0);
    int64_t deadline = g_get_monotonic_time() + 2 * G_USEC_PER_SEC;

    /* An alarm with every field "don't care" rings each second. */
    cmos_write(bm, RTC_SECONDS_ALARM, 0xc0);
    cmos_write(bm, RTC_MINUTES_ALARM, 0xff);
    cmos_write(bm, RTC_HOURS_ALARM, 0xc0);
    cmos_read(bm, RTC_REG_C);
    cmos_write(bm, RTC_REG_B, RTC_B_24H | RTC_B_UIE | RTC_B_AIE);
    while (!bm->irq_level[RTC_IRQ] && g_get_monotonic_time() < deadline) {
        g_usleep(5000);
        timers_run_expired();
    }
    g_assert_cmpint(bm->irq_level[RTC_IRQ], ==, 1);
    g_assert_cmphex(cmos_read(bm, RTC_REG_C), ==,
                    RTC_C_IRQF | RTC_C_AF | RTC_C_UF);
    /* SET stops updates and clears UIE. */
    cmos_write(bm, RTC_REG_B, RTC_B_SET | RTC_B_24H | RTC_B_UIE);
    g_assert_cmphex(cmos_read(bm, RTC_REG_B), ==, RTC_B_SET | RTC_B_24H);
    bare_machine_free(bm);
}

static void test_memory_bytes(void)
{
    DeviceState *rtc;
    BareMachine *bm = rtc_machine(&rtc, 256 << 20, 0);

    g_assert_cmphex(cmos_read(bm, CMOS_BASE_MEM_LO), ==, 0x80);
    g_assert_cmphex(cmos_read(bm, CMOS_BASE_MEM_HI), ==, 0x02);
    g_assert_cmphex(cmos_read(bm, CMOS_EXT_MEM_LO), ==, 0xff);  /* capped */
    g_assert_cmphex(cmos_read(bm, CMOS_EXT_MEM_HI), ==, 0xff);
    g_assert_cmphex(cmos_read(bm, CMOS_EXT_MEM2_LO), ==, 0xff);
    g_assert_cmphex(cmos_read(bm, CMOS_EXT_MEM2_HI), ==, 0xff);
    /* (256 - 16) MiB in 64 KiB units: 0x0f00. */
    g_assert_cmphex(cmos_read(bm, CMOS_MEM_16M_LO), ==, 0x00);
    g_assert_cmphex(cmos_read(bm, CMOS_MEM_16M_HI), ==, 0x0f);
    g_assert_cmphex(cmos_read(bm, CMOS_MEM_4G_LO), ==, 0);
    g_assert_cmphex(cmos_read(bm, CMOS_MEM_4G_MID), ==, 0);
    g_assert_cmphex(cmos_read(bm, CMOS_MEM_4G_HI), ==, 0);
    g_assert_cmpuint(cmos_read(bm, CMOS_SMP_COUNT), ==, 3);
    bare_machine_free(bm);

    /* -m 5G: 3 GiB below 4 GiB, 2 GiB above. */
    bm = rtc_machine(&rtc, 3ull << 30, 2ull << 30);
    g_assert_cmphex(cmos_read(bm, CMOS_EXT_MEM_LO), ==, 0xff);
    /* (3 GiB - 16 MiB) / 64 KiB = 0xbf00. */
    g_assert_cmphex(cmos_read(bm, CMOS_MEM_16M_LO), ==, 0x00);
    g_assert_cmphex(cmos_read(bm, CMOS_MEM_16M_HI), ==, 0xbf);
    /* 2 GiB / 64 KiB = 0x008000. */
    g_assert_cmphex(cmos_read(bm, CMOS_MEM_4G_LO), ==, 0x00);
    g_assert_cmphex(cmos_read(bm, CMOS_MEM_4G_MID), ==, 0x80);
    g_assert_cmphex(cmos_read(bm, CMOS_MEM_4G_HI), ==, 0x00);
    bare_machine_free(bm);

    /* 8 MiB: extended memory 7 MiB in KiB, nothing above 16 MiB. */
    bm = rtc_machine(&rtc, 8 << 20, 0);
    g_assert_cmpuint(cmos_read(bm, CMOS_EXT_MEM_LO) |
                     cmos_read(bm, CMOS_EXT_MEM_HI) << 8, ==, 7 * 1024);
    g_assert_cmphex(cmos_read(bm, CMOS_MEM_16M_LO), ==, 0);
    bare_machine_free(bm);
}

static void test_nmi_mask_and_ram(void)
{
    DeviceState *rtc;
    BareMachine *bm = rtc_machine(&rtc, 128 << 20, 0);

    bare_outb(bm, RTC_IOBASE, 0x80 | RTC_REG_D);
    g_assert_true(rtc_nmi_masked(rtc));
    g_assert_cmphex(bare_inb(bm, RTC_IOBASE + 1), ==, RTC_D_VRT);
    bare_outb(bm, RTC_IOBASE, RTC_REG_D);
    g_assert_false(rtc_nmi_masked(rtc));
    /* Plain CMOS RAM keeps what is written; C and D ignore writes. */
    cmos_write(bm, 0x7f, 0xa5);
    g_assert_cmphex(cmos_read(bm, 0x7f), ==, 0xa5);
    g_assert_cmphex(rtc_get_cmos(rtc, 0x7f), ==, 0xa5);
    cmos_write(bm, RTC_REG_D, 0);
    g_assert_cmphex(cmos_read(bm, RTC_REG_D), ==, RTC_D_VRT);
    bare_machine_free(bm);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    bql_lock();
    g_test_add_func("/rtc/host-time", test_host_time);
    g_test_add_func("/rtc/set-time", test_set_time);
    g_test_add_func("/rtc/periodic", test_periodic);
    g_test_add_func("/rtc/update-and-alarm", test_update_and_alarm);
    g_test_add_func("/rtc/memory-bytes", test_memory_bytes);
    g_test_add_func("/rtc/nmi-mask-and-ram", test_nmi_mask_and_ram);
    return g_test_run();
}
