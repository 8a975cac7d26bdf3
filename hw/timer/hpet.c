/* SPDX-License-Identifier: MIT */
/*
 * The HPET (see include/hw/timer/hpet.h), following the IA-PC HPET
 * specification 1.0a. The main counter is not stored while it runs: it
 * is the value it had when last enabled or written plus the CLOCK_VIRTUAL
 * time since, at HPET_FREQ_HZ. Each comparator has one util/timer.h timer
 * armed for the moment the counter reaches it; a periodic comparator then
 * adds its period (the last value written to it, section 2.3.9.2.2).
 *
 * Output lines are levels recomputed from the timers (level mode: status
 * bit set and interrupts enabled) and, for the legacy pair, from the PIT
 * and RTC inputs passed through; edge-mode timers pulse their line.
 */
#include "hw/timer/hpet.h"
#include "util/log.h"
#include "util/timer.h"

#include <inttypes.h>

enum {
    HPET_REG_CAP = 0x000,
    HPET_REG_CONF = 0x010,
    HPET_REG_ISR = 0x020,
    HPET_REG_COUNTER = 0x0f0,
    HPET_REG_TIMER = 0x100,     /* + 0x20 * n: config, comparator, FSB */
};

#define HPET_NS_PER_TICK    (NANOSECONDS_PER_SECOND / HPET_FREQ_HZ)
#define HPET_PERIOD_FS      (1000000ull * HPET_NS_PER_TICK)
/* Revision 1, NUM_TIM_CAP, COUNT_SIZE_CAP, LEG_RT_CAP, vendor 0x8086. */
#define HPET_CAP            (0x01 | ((HPET_NR_TIMERS - 1) << 8) |            \
                             (1u << 13) | (1u << 15) | (0x8086u << 16) |     \
                             (HPET_PERIOD_FS << 32))

#define CONF_ENABLE         (1ull << 0)
#define CONF_LEGACY         (1ull << 1)

#define TN_LEVEL            (1ull << 1)
#define TN_INT_ENABLE       (1ull << 2)
#define TN_PERIODIC         (1ull << 3)
#define TN_PERIODIC_CAP     (1ull << 4)
#define TN_SIZE_CAP         (1ull << 5)
#define TN_VAL_SET          (1ull << 6)
#define TN_32BIT            (1ull << 8)
#define TN_ROUTE(c)         (((c) >> 9) & 0x1f)
#define TN_WRITABLE         (TN_LEVEL | TN_INT_ENABLE | TN_PERIODIC |        \
                             TN_VAL_SET | TN_32BIT | (0x1full << 9))

typedef struct HPETState HPETState;

typedef struct HPETTimer {
    HPETState *hpet;
    unsigned n;
    uint64_t config;
    uint64_t cmp;
    uint64_t period;
    Timer *timer;
} HPETTimer;

struct HPETState {
    DeviceState parent;
    MemoryRegion mmio;
    uint64_t config;
    uint64_t isr;
    uint64_t counter_base;      /* the counter at enable_ns (or stopped) */
    int64_t enable_ns;
    HPETTimer t[HPET_NR_TIMERS];

    IRQLine out[HPET_NR_ROUTES];
    uint32_t out_level;
    IRQLine legacy[2];
    bool legacy_level[2];
    IRQLine pass_in[2];         /* PIT (0) and RTC (1) */
    bool pass_level[2];
};

static bool hpet_enabled(const HPETState *s)
{
    return s->config & CONF_ENABLE;
}

static uint64_t hpet_counter(const HPETState *s)
{
    int64_t now = clock_get_ns(CLOCK_VIRTUAL);

    if (!hpet_enabled(s) || now <= s->enable_ns) {
        return s->counter_base;
    }
    return s->counter_base + (uint64_t)(now - s->enable_ns) /
                             HPET_NS_PER_TICK;
}

static bool timer_is_32bit(const HPETTimer *t)
{
    return t->config & TN_32BIT;
}

static bool timer_on_legacy(const HPETTimer *t)
{
    return (t->hpet->config & CONF_LEGACY) && t->n < 2;
}

/* The level a level-mode timer drives now. */
static bool timer_level(const HPETTimer *t)
{
    return (t->config & TN_LEVEL) && (t->config & TN_INT_ENABLE) &&
           (t->hpet->isr & (1ull << t->n));
}

/* Recompute every output line from the timers and the pass-through. */
static void hpet_update_lines(HPETState *s)
{
    uint32_t out = 0;
    bool legacy[2];

    for (int i = 0; i < 2; i++) {
        legacy[i] = (s->config & CONF_LEGACY) ? false : s->pass_level[i];
    }
    for (int i = 0; i < HPET_NR_TIMERS; i++) {
        HPETTimer *t = &s->t[i];

        if (!timer_level(t)) {
            continue;
        }
        if (timer_on_legacy(t)) {
            legacy[t->n] = true;
        } else {
            out |= 1u << TN_ROUTE(t->config);
        }
    }
    for (int i = 0; i < HPET_NR_ROUTES; i++) {
        if ((out ^ s->out_level) & (1u << i)) {
            irq_set_level(&s->out[i], (out >> i) & 1);
        }
    }
    s->out_level = out;
    for (int i = 0; i < 2; i++) {
        if (legacy[i] != s->legacy_level[i]) {
            s->legacy_level[i] = legacy[i];
            irq_set_level(&s->legacy[i], legacy[i]);
        }
    }
}

/* The comparator matched: status and interrupt (section 2.3.9). */
static void hpet_timer_interrupt(HPETTimer *t)
{
    HPETState *s = t->hpet;
    IRQLine *line;
    bool high;

    if (t->config & TN_LEVEL) {
        s->isr |= 1ull << t->n;
        hpet_update_lines(s);
        return;
    }
    if (!(t->config & TN_INT_ENABLE)) {
        return;
    }
    if (timer_on_legacy(t)) {
        line = &s->legacy[t->n];
        high = s->legacy_level[t->n];
    } else {
        line = &s->out[TN_ROUTE(t->config)];
        high = s->out_level & (1u << TN_ROUTE(t->config));
    }
    if (!high) {
        irq_pulse(line);
    }
}

/*
 * Arm the timer for the next match of the comparator. Right after a
 * one-shot match (@after_match) the next one is a full wrap away: 2^32
 * ticks in 32-bit mode, never in 64-bit mode.
 */
static void hpet_timer_arm(HPETTimer *t, bool after_match)
{
    HPETState *s = t->hpet;
    uint64_t now, diff;

    if (!hpet_enabled(s)) {
        timer_del(t->timer);
        return;
    }
    now = hpet_counter(s);
    diff = timer_is_32bit(t) ? (uint32_t)(t->cmp - now) : t->cmp - now;
    if (diff == 0 && after_match) {
        diff = timer_is_32bit(t) ? 1ull << 32 : 0;
    }
    if ((!timer_is_32bit(t) && diff > (1ull << 56)) ||
        (diff == 0 && after_match)) {
        timer_del(t->timer);    /* behind the counter: after a 64-bit wrap */
        return;
    }
    timer_mod(t->timer, s->enable_ns +
              (int64_t)((now - s->counter_base + diff) * HPET_NS_PER_TICK));
}

static void hpet_timer_cb(void *opaque)
{
    HPETTimer *t = opaque;
    uint64_t now = hpet_counter(t->hpet);

    hpet_timer_interrupt(t);
    if ((t->config & TN_PERIODIC) && t->period) {
        /* Add the period, skipping periods already missed. */
        uint64_t behind = timer_is_32bit(t) ? (uint32_t)(now - t->cmp)
                                            : now - t->cmp;

        t->cmp += (behind / t->period + 1) * t->period;
        if (timer_is_32bit(t)) {
            t->cmp = (uint32_t)t->cmp;
        }
        hpet_timer_arm(t, false);
    } else {
        hpet_timer_arm(t, true);
    }
}

static uint64_t hpet_timer_read(HPETTimer *t, unsigned reg)
{
    switch (reg) {
    case 0x00:
        return t->config | TN_SIZE_CAP |
               (t->n == 0 ? TN_PERIODIC_CAP : 0) |
               ((uint64_t)HPET_ROUTE_CAP << 32);
    case 0x08:
        return timer_is_32bit(t) ? (uint32_t)t->cmp : t->cmp;
    }
    return 0;       /* FSB route: FSB delivery not offered */
}

static void hpet_timer_write_config(HPETTimer *t, uint64_t val,
                                    uint64_t mask)
{
    uint64_t writable = TN_WRITABLE & mask;

    if (t->n != 0) {
        writable &= ~TN_PERIODIC;
    }
    t->config = (t->config & ~writable) | (val & writable);
    if ((val & mask & TN_WRITABLE & (0x1full << 9)) &&
        !(HPET_ROUTE_CAP & (1u << TN_ROUTE(t->config)))) {
        log_mask_printf(LOG_GUEST_ERROR, "hpet: timer %u routed to "
                        "unsupported input %u\n", t->n,
                        (unsigned)TN_ROUTE(t->config));
    }
    if (val & mask & (1ull << 14)) {
        log_mask_printf(LOG_UNIMP, "hpet: FSB delivery not supported\n");
    }
    if (timer_is_32bit(t)) {
        t->cmp = (uint32_t)t->cmp;
        t->period = (uint32_t)t->period;
    }
    if (!(t->config & TN_LEVEL)) {
        t->hpet->isr &= ~(1ull << t->n);
    }
    hpet_update_lines(t->hpet);
    hpet_timer_arm(t, false);
}

/* Comparator write: sets the period, and the comparator itself unless a
 * periodic timer is written without VAL_SET (section 2.3.9.2.2). */
static void hpet_timer_write_cmp(HPETTimer *t, uint64_t val, uint64_t mask)
{
    bool set_cmp = !(t->config & TN_PERIODIC) || (t->config & TN_VAL_SET);
    uint64_t old = set_cmp ? t->cmp : t->period;
    uint64_t v = (old & ~mask) | (val & mask);

    if (timer_is_32bit(t)) {
        v = (uint32_t)v;
    }
    t->period = v;
    if (set_cmp) {
        t->cmp = v;
    }
    t->config &= ~TN_VAL_SET;
    hpet_timer_arm(t, false);
}

static void hpet_write_config(HPETState *s, uint64_t val, uint64_t mask)
{
    uint64_t old = s->config;
    uint64_t writable = (CONF_ENABLE | CONF_LEGACY) & mask;

    if ((old & CONF_ENABLE) && !(val & writable & CONF_ENABLE) &&
        (writable & CONF_ENABLE)) {
        s->counter_base = hpet_counter(s);      /* stop */
    }
    s->config = (old & ~writable) | (val & writable);
    if (!(old & CONF_ENABLE) && hpet_enabled(s)) {
        s->enable_ns = clock_get_ns(CLOCK_VIRTUAL);
    }
    for (int i = 0; i < HPET_NR_TIMERS; i++) {
        hpet_timer_arm(&s->t[i], false);
    }
    hpet_update_lines(s);
}

static uint64_t hpet_reg_read(HPETState *s, hwaddr reg)
{
    switch (reg) {
    case HPET_REG_CAP: return HPET_CAP;
    case HPET_REG_CONF: return s->config;
    case HPET_REG_ISR: return s->isr;
    case HPET_REG_COUNTER: return hpet_counter(s);
    }
    if (reg >= HPET_REG_TIMER &&
        reg < HPET_REG_TIMER + 0x20 * HPET_NR_TIMERS) {
        return hpet_timer_read(&s->t[(reg - HPET_REG_TIMER) / 0x20],
                               (reg - HPET_REG_TIMER) % 0x20);
    }
    return 0;
}

/* Write the bits @mask of the 64-bit register at @reg. */
static void hpet_reg_write(HPETState *s, hwaddr reg, uint64_t val,
                           uint64_t mask)
{
    switch (reg) {
    case HPET_REG_CAP:
        return;
    case HPET_REG_CONF:
        hpet_write_config(s, val, mask);
        return;
    case HPET_REG_ISR:
        s->isr &= ~(val & mask);
        hpet_update_lines(s);
        return;
    case HPET_REG_COUNTER:
        if (hpet_enabled(s)) {
            log_mask_printf(LOG_GUEST_ERROR, "hpet: counter written while "
                            "running\n");
        }
        s->counter_base = (hpet_counter(s) & ~mask) | (val & mask);
        s->enable_ns = clock_get_ns(CLOCK_VIRTUAL);
        for (int i = 0; i < HPET_NR_TIMERS; i++) {
            hpet_timer_arm(&s->t[i], false);
        }
        return;
    }
    if (reg >= HPET_REG_TIMER &&
        reg < HPET_REG_TIMER + 0x20 * HPET_NR_TIMERS) {
        HPETTimer *t = &s->t[(reg - HPET_REG_TIMER) / 0x20];

        switch ((reg - HPET_REG_TIMER) % 0x20) {
        case 0x00:
            hpet_timer_write_config(t, val, mask);
            return;
        case 0x08:
            hpet_timer_write_cmp(t, val, mask);
            return;
        }
    }
    log_mask_printf(LOG_GUEST_ERROR, "hpet: write to %#" PRIx64 " ignored\n",
                    reg);
}

/* 4- and 8-byte accesses; a 4-byte one is half of a 64-bit register. */
static uint64_t hpet_mmio_read(void *opaque, hwaddr addr, unsigned size)
{
    uint64_t val = hpet_reg_read(opaque, addr & ~7ull);

    return size == 8 ? val : (uint32_t)(val >> (8 * (addr & 4)));
}

static void hpet_mmio_write(void *opaque, hwaddr addr, uint64_t val,
                            unsigned size)
{
    unsigned shift = 8 * (addr & 4);
    uint64_t mask = size == 8 ? UINT64_MAX : 0xffffffffull << shift;

    hpet_reg_write(opaque, addr & ~7ull, val << shift, mask);
}

static const MemoryRegionOps hpet_mmio_ops = {
    .read = hpet_mmio_read,
    .write = hpet_mmio_write,
    .valid = { .min_access_size = 4, .max_access_size = 8 },
    .impl = { .min_access_size = 4, .max_access_size = 8 },
};

static void hpet_pass_handler(void *opaque, int n, int level)
{
    HPETState *s = opaque;

    s->pass_level[n] = level;
    hpet_update_lines(s);
}

static void hpet_reset(DeviceState *dev)
{
    HPETState *s = (HPETState *)dev;

    s->config = 0;
    s->isr = 0;
    s->counter_base = 0;
    s->enable_ns = 0;
    for (int i = 0; i < HPET_NR_TIMERS; i++) {
        HPETTimer *t = &s->t[i];

        t->config = 0;
        t->cmp = UINT64_MAX;
        t->period = 0;
        timer_del(t->timer);
    }
    hpet_update_lines(s);
}

static bool hpet_realize(DeviceState *dev, GError **errp)
{
    HPETState *s = (HPETState *)dev;

    for (int i = 0; i < HPET_NR_TIMERS; i++) {
        s->t[i].hpet = s;
        s->t[i].n = i;
        s->t[i].timer = timer_new(CLOCK_VIRTUAL, hpet_timer_cb, &s->t[i]);
    }
    for (int i = 0; i < 2; i++) {
        irq_init(&s->pass_in[i], hpet_pass_handler, s, i);
    }
    memory_region_init_io(&s->mmio, &hpet_mmio_ops, s, "hpet",
                          HPET_MMIO_SIZE);
    memory_region_add_subregion(dev->machine->system_memory,
                                HPET_DEFAULT_ADDRESS, &s->mmio);
    return true;
}

static void hpet_unrealize(DeviceState *dev)
{
    HPETState *s = (HPETState *)dev;

    for (int i = 0; i < HPET_NR_TIMERS; i++) {
        timer_free(s->t[i].timer);
        s->t[i].timer = NULL;
    }
    memory_region_del_subregion(dev->machine->system_memory, &s->mmio);
    memory_region_destroy(&s->mmio);
}

DEVICE_REGISTER(hpet_device,
    .name = "hpet",
    .desc = "High Precision Event Timer, 3 comparators, 100 MHz",
    .instance_size = sizeof(HPETState),
    .realize = hpet_realize,
    .reset = hpet_reset,
    .unrealize = hpet_unrealize)

HPETState *hpet_create(Machine *m, GError **errp)
{
    DeviceState *dev = device_new("hpet", errp);

    if (dev && !device_realize(dev, m, errp)) {
        device_destroy(dev);
        return NULL;
    }
    return (HPETState *)dev;
}

uint32_t hpet_block_id(const HPETState *s)
{
    g_assert(s);
    return (uint32_t)HPET_CAP;      /* what hpet_reg_read returns */
}

IRQLine *hpet_route_output(HPETState *s, unsigned n)
{
    g_assert(n < HPET_NR_ROUTES);
    return &s->out[n];
}

IRQLine *hpet_legacy_output(HPETState *s, unsigned n)
{
    g_assert(n < 2);
    return &s->legacy[n];
}

IRQLine *hpet_pit_input(HPETState *s)
{
    return &s->pass_in[0];
}

IRQLine *hpet_rtc_input(HPETState *s)
{
    return &s->pass_in[1];
}
