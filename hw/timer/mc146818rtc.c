/* SPDX-License-Identifier: MIT */
/*
 * The Motorola MC146818A real-time clock with 114 bytes of CMOS RAM, as
 * in every PC since the AT ("mc146818rtc"; see the header for the API).
 * Register facts follow the MC146818A datasheet.
 *
 * Time is not ticked: the guest's time is CLOCK_HOST plus an offset, and
 * the clock registers are computed from it on each read, in BCD or binary
 * and 12- or 24-hour form as register B says. While B.SET is 1 the clock
 * registers hold still (they are stored, and the guest writes them); when
 * SET goes back to 0 the stored date becomes the new offset, and the
 * second starts then. A write to a clock register while SET is 0 changes
 * that field at once, keeping the phase within the second. The RTC keeps
 * UTC; DSE is stored and otherwise ignored.
 *
 * UIP reads 1 during the last 244 us of each second. The periodic
 * interrupt runs on CLOCK_VIRTUAL at the register-A rate; update-ended and
 * alarm interrupts run on CLOCK_HOST at each second boundary of the guest
 * time. Timers run only while an interrupt is enabled: PF and AF are
 * latched only then, while UF is also latched lazily (a C read after a
 * second boundary sees it). Flags and enables share bit positions in B
 * and C; IRQ8 goes high when C.IRQF sets and low when C is read.
 */
#include "hw/timer/mc146818rtc.h"
#include "util/log.h"
#include "util/timer.h"

#include <string.h>
#include <time.h>

#define RTC_CMOS_SIZE       128
#define RTC_BASE_HZ         32768
#define RTC_UIP_NS          244000
#define RTC_INT_MASK        (RTC_C_PF | RTC_C_AF | RTC_C_UF)

typedef struct RTCState {
    DeviceState parent;
    MemoryRegion io;
    IRQLine *irq;
    bool irq_level;
    uint8_t index;
    bool nmi_masked;
    uint8_t cmos[RTC_CMOS_SIZE];
    int64_t offset_ns;          /* guest time = CLOCK_HOST + offset_ns */
    int64_t last_update_sec;    /* the guest second UF was last latched in */
    int64_t last_alarm_sec;     /* the guest second the alarm was checked */
    Timer *periodic;            /* CLOCK_VIRTUAL */
    Timer *update;              /* CLOCK_HOST */
} RTCState;

static const uint8_t rtc_time_fields[] = {
    RTC_SECONDS, RTC_MINUTES, RTC_HOURS, RTC_DAY_OF_WEEK, RTC_DAY_OF_MONTH,
    RTC_MONTH, RTC_YEAR, CMOS_CENTURY,
};

static bool rtc_is_time_field(unsigned index)
{
    return memchr(rtc_time_fields, index, sizeof(rtc_time_fields)) != NULL;
}

static int64_t rtc_guest_ns(RTCState *s)
{
    return clock_get_ns(CLOCK_HOST) + s->offset_ns;
}

static int64_t rtc_guest_sec(RTCState *s)
{
    int64_t ns = rtc_guest_ns(s);

    return ns >= 0 ? ns / NANOSECONDS_PER_SECOND
                   : -((-ns - 1) / NANOSECONDS_PER_SECOND) - 1;
}

/* The divider chain runs from a 32.768 kHz time base and SET is clear. */
static bool rtc_running(RTCState *s)
{
    return (s->cmos[RTC_REG_A] & RTC_A_DV_MASK) == RTC_A_DV_32KHZ &&
           !(s->cmos[RTC_REG_B] & RTC_B_SET);
}

static uint8_t rtc_to_reg(RTCState *s, unsigned v)
{
    if (s->cmos[RTC_REG_B] & RTC_B_DM_BINARY) {
        return v;
    }
    return ((v / 10) << 4) | (v % 10);
}

static unsigned rtc_from_reg(RTCState *s, uint8_t r)
{
    if (s->cmos[RTC_REG_B] & RTC_B_DM_BINARY) {
        return r;
    }
    return (r >> 4) * 10 + (r & 0x0f);
}

static uint8_t rtc_hours_to_reg(RTCState *s, unsigned h)
{
    if (s->cmos[RTC_REG_B] & RTC_B_24H) {
        return rtc_to_reg(s, h);
    }
    return rtc_to_reg(s, h % 12 ? h % 12 : 12) | (h >= 12 ? 0x80 : 0);
}

static unsigned rtc_hours_from_reg(RTCState *s, uint8_t r)
{
    if (s->cmos[RTC_REG_B] & RTC_B_24H) {
        return rtc_from_reg(s, r);
    }
    return rtc_from_reg(s, r & 0x7f) % 12 + (r & 0x80 ? 12 : 0);
}

/* The clock register @index for guest time @sec, in the current format. */
static uint8_t rtc_field(RTCState *s, unsigned index, int64_t sec)
{
    time_t t = sec;
    struct tm tm;

    gmtime_r(&t, &tm);
    switch (index) {
    case RTC_SECONDS:
        return rtc_to_reg(s, tm.tm_sec);
    case RTC_MINUTES:
        return rtc_to_reg(s, tm.tm_min);
    case RTC_HOURS:
        return rtc_hours_to_reg(s, tm.tm_hour);
    case RTC_DAY_OF_WEEK:
        return rtc_to_reg(s, tm.tm_wday + 1);
    case RTC_DAY_OF_MONTH:
        return rtc_to_reg(s, tm.tm_mday);
    case RTC_MONTH:
        return rtc_to_reg(s, tm.tm_mon + 1);
    case RTC_YEAR:
        return rtc_to_reg(s, (tm.tm_year + 1900) % 100);
    case CMOS_CENTURY:
        return rtc_to_reg(s, (tm.tm_year + 1900) / 100);
    }
    g_assert_not_reached();
}

static void rtc_store_time(RTCState *s, int64_t sec)
{
    for (unsigned i = 0; i < sizeof(rtc_time_fields); i++) {
        s->cmos[rtc_time_fields[i]] = rtc_field(s, rtc_time_fields[i], sec);
    }
}

/* The date the stored clock registers name (the weekday is derived). */
static int64_t rtc_load_time(RTCState *s)
{
    struct tm tm = {
        .tm_sec = rtc_from_reg(s, s->cmos[RTC_SECONDS]),
        .tm_min = rtc_from_reg(s, s->cmos[RTC_MINUTES]),
        .tm_hour = rtc_hours_from_reg(s, s->cmos[RTC_HOURS]),
        .tm_mday = rtc_from_reg(s, s->cmos[RTC_DAY_OF_MONTH]),
        .tm_mon = (int)rtc_from_reg(s, s->cmos[RTC_MONTH]) - 1,
        .tm_year = rtc_from_reg(s, s->cmos[CMOS_CENTURY]) * 100 +
                   rtc_from_reg(s, s->cmos[RTC_YEAR]) - 1900,
    };

    return timegm(&tm);
}

static void rtc_update_irq(RTCState *s)
{
    uint8_t *c = &s->cmos[RTC_REG_C];
    bool level = *c & s->cmos[RTC_REG_B] & RTC_INT_MASK;

    *c = (*c & ~RTC_C_IRQF) | (level ? RTC_C_IRQF : 0);
    if (level != s->irq_level) {
        s->irq_level = level;
        irq_set_level(s->irq, level);
    }
}

/* Rate select to a period in 32.768 kHz ticks; 0: no periodic interrupt.
 * Rates 1 and 2 repeat rates 8 and 9 (datasheet table "Periodic Interrupt
 * Rate and Square-Wave Output Frequency"). */
static unsigned rtc_period_ticks(RTCState *s)
{
    unsigned rs = s->cmos[RTC_REG_A] & RTC_A_RS_MASK;

    if (rs == 0) {
        return 0;
    }
    if (rs <= 2) {
        rs += 7;
    }
    return 1u << (rs - 1);
}

static void rtc_arm_periodic(RTCState *s)
{
    unsigned period = rtc_period_ticks(s);
    uint64_t now, next;

    if (!period || !(s->cmos[RTC_REG_B] & RTC_B_PIE) ||
        (s->cmos[RTC_REG_A] & RTC_A_DV_MASK) != RTC_A_DV_32KHZ) {
        timer_del(s->periodic);
        return;
    }
    now = (unsigned __int128)clock_get_ns(CLOCK_VIRTUAL) * RTC_BASE_HZ /
          NANOSECONDS_PER_SECOND;
    next = (now / period + 1) * period;
    timer_mod(s->periodic, ((unsigned __int128)next * NANOSECONDS_PER_SECOND +
                            RTC_BASE_HZ - 1) / RTC_BASE_HZ);
}

static void rtc_arm_update(RTCState *s)
{
    int64_t next;

    if (!(s->cmos[RTC_REG_B] & (RTC_B_UIE | RTC_B_AIE)) || !rtc_running(s)) {
        timer_del(s->update);
        return;
    }
    next = (rtc_guest_sec(s) + 1) * NANOSECONDS_PER_SECOND;
    timer_mod(s->update, next - s->offset_ns);
}

static void rtc_periodic_cb(void *opaque)
{
    RTCState *s = opaque;

    s->cmos[RTC_REG_C] |= RTC_C_PF;
    rtc_update_irq(s);
    rtc_arm_periodic(s);
}

static bool rtc_alarm_matches(RTCState *s, int64_t sec)
{
    static const uint8_t pairs[][2] = {
        { RTC_SECONDS_ALARM, RTC_SECONDS },
        { RTC_MINUTES_ALARM, RTC_MINUTES },
        { RTC_HOURS_ALARM, RTC_HOURS },
    };

    for (unsigned i = 0; i < G_N_ELEMENTS(pairs); i++) {
        uint8_t alarm = s->cmos[pairs[i][0]];

        /* 11xxxxxx is "don't care" (datasheet, "Interrupts"). */
        if ((alarm & 0xc0) != 0xc0 && alarm != rtc_field(s, pairs[i][1], sec)) {
            return false;
        }
    }
    return true;
}

static void rtc_update_cb(void *opaque)
{
    RTCState *s = opaque;
    int64_t sec = rtc_guest_sec(s);

    /* A C read may already have latched UF for this second. */
    if (sec != s->last_update_sec) {
        s->last_update_sec = sec;
        s->cmos[RTC_REG_C] |= RTC_C_UF;
    }
    if (sec != s->last_alarm_sec) {
        s->last_alarm_sec = sec;
        if (rtc_alarm_matches(s, sec)) {
            s->cmos[RTC_REG_C] |= RTC_C_AF;
        }
    }
    rtc_update_irq(s);
    rtc_arm_update(s);
}

/* Change the guest time so that it reads @sec now, keeping @phase_ns of
 * the current second. */
static void rtc_set_time(RTCState *s, int64_t sec, int64_t phase_ns)
{
    s->offset_ns = sec * NANOSECONDS_PER_SECOND + phase_ns -
                   clock_get_ns(CLOCK_HOST);
    s->last_update_sec = sec;
    s->last_alarm_sec = sec;
}

static void rtc_write_b(RTCState *s, uint8_t val)
{
    uint8_t old = s->cmos[RTC_REG_B];
    int64_t now = rtc_guest_sec(s);

    /* The held registers are read in the format they were written in. */
    if ((old & RTC_B_SET) && !(val & RTC_B_SET)) {
        rtc_set_time(s, rtc_load_time(s), 0);
    }
    if (!(old & RTC_B_SET) && (val & RTC_B_SET)) {
        val &= ~RTC_B_UIE;  /* SET going high clears UIE */
    }
    s->cmos[RTC_REG_B] = val;
    if (!(old & RTC_B_SET) && (val & RTC_B_SET)) {
        rtc_store_time(s, now);
    }
    if (val & RTC_B_DSE) {
        log_mask_printf(LOG_UNIMP, "mc146818rtc: daylight saving (DSE) is "
                        "not applied\n");
    }
}

static void rtc_write_time_field(RTCState *s, unsigned index, uint8_t val)
{
    int64_t ns;

    if (s->cmos[RTC_REG_B] & RTC_B_SET) {
        s->cmos[index] = val;
        return;
    }
    ns = rtc_guest_ns(s);
    rtc_store_time(s, rtc_guest_sec(s));
    s->cmos[index] = val;
    if (index != RTC_DAY_OF_WEEK) {
        rtc_set_time(s, rtc_load_time(s),
                     ((ns % NANOSECONDS_PER_SECOND) + NANOSECONDS_PER_SECOND) %
                     NANOSECONDS_PER_SECOND);
    }
}

static void rtc_write_data(RTCState *s, uint8_t val)
{
    unsigned index = s->index;

    switch (index) {
    case RTC_REG_A:
        s->cmos[RTC_REG_A] = val & ~RTC_A_UIP;
        break;
    case RTC_REG_B:
        rtc_write_b(s, val);
        break;
    case RTC_REG_C:
    case RTC_REG_D:
        log_mask_printf(LOG_GUEST_ERROR, "mc146818rtc: write %#x to "
                        "read-only register %c\n", val, 'A' + index - 10);
        return;
    default:
        if (rtc_is_time_field(index)) {
            rtc_write_time_field(s, index, val);
        } else {
            s->cmos[index] = val;
        }
        return;
    }
    rtc_update_irq(s);
    rtc_arm_periodic(s);
    rtc_arm_update(s);
}

static uint8_t rtc_read_c(RTCState *s)
{
    uint8_t val;

    if (rtc_running(s) && rtc_guest_sec(s) != s->last_update_sec) {
        s->last_update_sec = rtc_guest_sec(s);
        s->cmos[RTC_REG_C] |= RTC_C_UF;
    }
    rtc_update_irq(s);
    val = s->cmos[RTC_REG_C];
    s->cmos[RTC_REG_C] = 0;
    rtc_update_irq(s);
    return val;
}

static uint8_t rtc_read_data(RTCState *s)
{
    unsigned index = s->index;

    switch (index) {
    case RTC_REG_A:
        if (rtc_running(s) && rtc_guest_ns(s) % NANOSECONDS_PER_SECOND >=
                              NANOSECONDS_PER_SECOND - RTC_UIP_NS) {
            return s->cmos[RTC_REG_A] | RTC_A_UIP;
        }
        return s->cmos[RTC_REG_A];
    case RTC_REG_C:
        return rtc_read_c(s);
    case RTC_REG_D:
        return RTC_D_VRT;
    default:
        if (rtc_is_time_field(index) && !(s->cmos[RTC_REG_B] & RTC_B_SET)) {
            return rtc_field(s, index, rtc_guest_sec(s));
        }
        return s->cmos[index];
    }
}

static uint64_t rtc_read(void *opaque, hwaddr addr, unsigned size)
{
    RTCState *s = opaque;

    if (addr == 0) {
        return 0xff;        /* the index register is write-only */
    }
    return rtc_read_data(s);
}

static void rtc_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    RTCState *s = opaque;

    if (addr == 0) {
        s->index = val & 0x7f;
        s->nmi_masked = val & 0x80;
        return;
    }
    rtc_write_data(s, val);
}

static const MemoryRegionOps rtc_ops = {
    .read = rtc_read,
    .write = rtc_write,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

static bool rtc_realize(DeviceState *dev, GError **errp)
{
    RTCState *s = (RTCState *)dev;

    s->irq = &dev->machine->gsi[RTC_IRQ];
    s->periodic = timer_new(CLOCK_VIRTUAL, rtc_periodic_cb, s);
    s->update = timer_new(CLOCK_HOST, rtc_update_cb, s);
    s->cmos[RTC_REG_A] = RTC_A_DV_32KHZ | 0x06;  /* 1024 Hz */
    s->cmos[RTC_REG_B] = RTC_B_24H;
    s->last_update_sec = s->last_alarm_sec = rtc_guest_sec(s);
    memory_region_init_io(&s->io, &rtc_ops, s, "mc146818rtc", 2);
    memory_region_add_subregion(dev->machine->system_io, RTC_IOBASE, &s->io);
    return true;
}

static void rtc_unrealize(DeviceState *dev)
{
    RTCState *s = (RTCState *)dev;

    timer_free(s->periodic);
    timer_free(s->update);
    memory_region_del_subregion(dev->machine->system_io, &s->io);
    memory_region_destroy(&s->io);
}

/* The RESET pin clears the interrupt enables and flags (and SQWE); the
 * time, register A and the RAM keep their values. */
static void rtc_reset(DeviceState *dev)
{
    RTCState *s = (RTCState *)dev;

    s->cmos[RTC_REG_B] &= ~(RTC_B_PIE | RTC_B_AIE | RTC_B_UIE | RTC_B_SQWE);
    s->cmos[RTC_REG_C] = 0;
    rtc_update_irq(s);
    timer_del(s->periodic);
    timer_del(s->update);
}

DEVICE_REGISTER(rtc_device,
    .name = "mc146818rtc",
    .desc = "MC146818 real-time clock and CMOS RAM",
    .instance_size = sizeof(RTCState),
    .realize = rtc_realize,
    .reset = rtc_reset,
    .unrealize = rtc_unrealize)

static void rtc_set_memory_size(RTCState *s, uint64_t below_4g,
                                uint64_t above_4g)
{
    uint64_t ext_kib = below_4g > 0x100000 ? (below_4g - 0x100000) >> 10 : 0;
    uint64_t mem16 = below_4g > (16u << 20) ? (below_4g - (16u << 20)) >> 16
                                            : 0;
    uint64_t mem4g = above_4g >> 16;
    unsigned sum = 0;

    ext_kib = MIN(ext_kib, 0xffff);
    mem16 = MIN(mem16, 0xffff);
    mem4g = MIN(mem4g, 0xffffff);
    s->cmos[CMOS_EQUIPMENT] = 0x06;     /* x87 present, PS/2 mouse */
    s->cmos[CMOS_BASE_MEM_LO] = 640 & 0xff;
    s->cmos[CMOS_BASE_MEM_HI] = 640 >> 8;
    s->cmos[CMOS_EXT_MEM_LO] = s->cmos[CMOS_EXT_MEM2_LO] = ext_kib;
    s->cmos[CMOS_EXT_MEM_HI] = s->cmos[CMOS_EXT_MEM2_HI] = ext_kib >> 8;
    s->cmos[CMOS_MEM_16M_LO] = mem16;
    s->cmos[CMOS_MEM_16M_HI] = mem16 >> 8;
    s->cmos[CMOS_MEM_4G_LO] = mem4g;
    s->cmos[CMOS_MEM_4G_MID] = mem4g >> 8;
    s->cmos[CMOS_MEM_4G_HI] = mem4g >> 16;
    /* The AT BIOS checksum over 0x10-0x2d, big-endian. */
    for (unsigned i = 0x10; i <= 0x2d; i++) {
        sum += s->cmos[i];
    }
    s->cmos[CMOS_CHECKSUM_HI] = sum >> 8;
    s->cmos[CMOS_CHECKSUM_LO] = sum;
}

DeviceState *rtc_create(Machine *m, uint64_t ram_below_4g,
                        uint64_t ram_above_4g, GError **errp)
{
    DeviceState *dev = device_new("mc146818rtc", errp);
    RTCState *s = (RTCState *)dev;

    if (!dev) {
        return NULL;
    }
    if (!device_realize(dev, m, errp)) {
        device_destroy(dev);
        return NULL;
    }
    rtc_set_memory_size(s, ram_below_4g, ram_above_4g);
    s->cmos[CMOS_SMP_COUNT] = m->smp_cpus ? m->smp_cpus - 1 : 0;
    return dev;
}

void rtc_set_cmos(DeviceState *dev, unsigned index, uint8_t val)
{
    g_assert(dev->cls == &rtc_device && index < RTC_CMOS_SIZE);
    ((RTCState *)dev)->cmos[index] = val;
}

uint8_t rtc_get_cmos(DeviceState *dev, unsigned index)
{
    g_assert(dev->cls == &rtc_device && index < RTC_CMOS_SIZE);
    return ((RTCState *)dev)->cmos[index];
}

bool rtc_nmi_masked(DeviceState *dev)
{
    g_assert(dev->cls == &rtc_device);
    return ((RTCState *)dev)->nmi_masked;
}
