/* SPDX-License-Identifier: MIT */
/*
 * The Intel 8254 interval timer (see include/hw/timer/i8254.h), after the
 * 8254 datasheet: control words, counter latch and read-back commands,
 * LSB/MSB/both access with separate read and write flip-flops, binary or
 * BCD counting, the status byte with OUT and NULL COUNT, and modes 0-5
 * with their GATE rules.
 *
 * Nothing ticks. A running counter is "started at load_time from start";
 * its value and OUT at any moment are computed from CLOCK_VIRTUAL. For
 * channel 0 the next rising edge of OUT is computed and a timer armed for
 * it; its callback gives IRQ0 a low-to-high edge there (IRQ0 is always
 * edge-triggered, so the level between edges is not followed exactly).
 * A count written to a running mode 2 or 3 counter takes effect at the
 * end of the current period, as the datasheet says.
 *
 * After reset each channel is as if programmed for mode 3, LSB then MSB,
 * binary, with no count written: idle, OUT high.
 */
#include "hw/timer/i8254.h"
#include "util/log.h"
#include "util/timer.h"

typedef struct PITChannel {
    struct PITState *pit;
    int index;
    uint8_t ctrl;           /* bits 5-0 of the control word, for status */
    uint8_t mode;           /* 0-5 (6 and 7 fold to 2 and 3) */
    uint8_t rw_mode;        /* 1 LSB, 2 MSB, 3 LSB then MSB */
    bool bcd;
    bool gate;
    uint32_t count;         /* count register in ticks, 1..modulus */
    bool count_written;     /* since the last control word */
    bool counting;
    int64_t load_time;      /* CLOCK_VIRTUAL ns when the CE held start */
    uint32_t start;
    uint32_t frozen;        /* CE while not counting */
    bool tc_passed;         /* modes 0/1/4/5: terminal count already seen */
    bool out_idle;          /* OUT while not counting */
    bool null_count;
    bool reload_pending;    /* modes 2/3: new count at the period's end */
    uint32_t pending_count;
    uint64_t reload_tick;   /* ticks after load_time */
    uint16_t latched;
    uint8_t latch_bytes;    /* bytes of the latched count still unread */
    bool status_latched;
    uint8_t status;
    bool read_msb;          /* read flip-flop: MSB next */
    bool write_msb;         /* write flip-flop: MSB next */
    uint8_t write_lsb;
    IRQLine *out_line;      /* channel 0: GSI 0 */
    bool line_level;
    Timer *timer;
} PITChannel;

struct PITState {
    DeviceState parent;
    MemoryRegion io;
    PITChannel ch[PIT_NR_CHANNELS];
};

static int64_t pit_now(void)
{
    return clock_get_ns(CLOCK_VIRTUAL);
}

static uint32_t pit_modulus(const PITChannel *c)
{
    return c->bcd ? 10000 : 65536;
}

static uint64_t pit_ticks(const PITChannel *c, int64_t now)
{
    if (now <= c->load_time) {
        return 0;
    }
    return (uint64_t)((unsigned __int128)(now - c->load_time) * PIT_FREQ /
                      NANOSECONDS_PER_SECOND);
}

/* The first moment at which @ticks clocks have passed since load_time. */
static int64_t pit_tick_time(const PITChannel *c, uint64_t ticks)
{
    unsigned __int128 ns = (unsigned __int128)ticks * NANOSECONDS_PER_SECOND;

    return c->load_time + (int64_t)((ns + PIT_FREQ - 1) / PIT_FREQ);
}

static uint32_t pit_decode(const PITChannel *c, uint16_t raw)
{
    uint32_t n = raw;

    if (c->bcd) {
        n = (raw >> 12 & 15) * 1000 + (raw >> 8 & 15) * 100 +
            (raw >> 4 & 15) * 10 + (raw & 15);
    }
    return n ? n : pit_modulus(c);
}

static uint16_t pit_encode(const PITChannel *c, uint32_t v)
{
    v %= pit_modulus(c);
    if (c->bcd) {
        return (v / 1000) << 12 | (v / 100 % 10) << 8 | (v / 10 % 10) << 4 |
               v % 10;
    }
    return v;
}

/* Apply a mode 2/3 count written mid-period once that period is over. */
static void pit_sync(PITChannel *c, int64_t now)
{
    if (c->reload_pending && c->counting &&
        pit_ticks(c, now) >= c->reload_tick) {
        c->load_time = pit_tick_time(c, c->reload_tick);
        c->count = c->start = c->pending_count;
        c->reload_pending = false;
        c->null_count = false;
    }
}

/* The counting element now, 0..modulus (modulus reads as 0). */
static uint32_t pit_ce(const PITChannel *c, int64_t now)
{
    uint64_t d = pit_ticks(c, now);
    uint32_t m = pit_modulus(c), n = c->count, p;

    if (!c->counting) {
        return c->frozen;
    }
    switch (c->mode) {
    case 2:
        return n - d % n;
    case 3:
        p = d % n;
        if (p >= (n + 1) / 2) {
            p -= (n + 1) / 2;
        }
        return (n & ~1u) - 2 * p;
    default:
        return (c->start + m - d % m) % m;
    }
}

static bool pit_out(const PITChannel *c, int64_t now)
{
    uint64_t d = pit_ticks(c, now);
    uint32_t n = c->count;

    if (!c->counting) {
        return c->out_idle;
    }
    switch (c->mode) {
    case 0:
    case 1:
        return c->tc_passed || d >= c->start;
    case 2:
        return n < 2 || d % n != n - 1;
    case 3:
        return d % n < (n + 1) / 2;
    default:                                /* 4, 5: a one-clock strobe */
        return c->tc_passed || d != c->start;
    }
}

/* When OUT next rises after @now, or -1 if it will not by itself. */
static int64_t pit_next_rise(const PITChannel *c, int64_t now)
{
    uint64_t d = pit_ticks(c, now);
    uint64_t n = c->count;

    if (!c->counting) {
        return -1;
    }
    switch (c->mode) {
    case 0:
    case 1:
        return c->tc_passed || d >= c->start ? -1
               : pit_tick_time(c, c->start);
    case 2:
    case 3:
        return n < 2 ? -1 : pit_tick_time(c, (d / n + 1) * n);
    default:
        return c->tc_passed || d > c->start ? -1
               : pit_tick_time(c, c->start + 1ull);
    }
}

/* Drive channel 0's line to OUT and arm the timer for the next edge. */
static void pit_update_irq(PITChannel *c, int64_t now)
{
    int64_t next;
    bool level;

    if (!c->out_line) {
        return;
    }
    level = pit_out(c, now);
    if (level != c->line_level) {
        c->line_level = level;
        irq_set_level(c->out_line, level);
    }
    next = pit_next_rise(c, now);
    if (next >= 0) {
        timer_mod(c->timer, next);
    } else {
        timer_del(c->timer);
    }
}

static void pit_timer_cb(void *opaque)
{
    PITChannel *c = opaque;
    int64_t now = pit_now();

    pit_sync(c, now);
    /* The edge the timer was armed for, even if OUT fell again since. */
    if (c->line_level) {
        irq_set_level(c->out_line, 0);
    }
    irq_set_level(c->out_line, 1);
    c->line_level = true;
    pit_update_irq(c, now);
}

/* Stop the counting element where it is. */
static void pit_freeze(PITChannel *c, int64_t now)
{
    if (!c->counting) {
        return;
    }
    c->out_idle = pit_out(c, now);
    if (c->mode != 2 && c->mode != 3 && pit_ticks(c, now) >= c->start) {
        c->tc_passed = true;
    }
    c->frozen = pit_ce(c, now);
    c->counting = false;
}

static void pit_start(PITChannel *c, int64_t now, uint32_t from)
{
    c->counting = true;
    c->load_time = now;
    c->start = from ? from : pit_modulus(c);
}

static void pit_load_count(PITChannel *c, uint16_t raw, int64_t now)
{
    uint32_t n = pit_decode(c, raw);

    c->null_count = true;
    c->count_written = true;
    switch (c->mode) {
    case 0:
    case 4:
        c->count = n;
        c->counting = false;
        c->tc_passed = false;
        c->out_idle = c->mode == 4;
        c->frozen = n % pit_modulus(c);
        c->null_count = false;
        if (c->gate) {
            pit_start(c, now, n);
        }
        break;
    case 1:
    case 5:
        c->pending_count = n;   /* loaded by the next trigger */
        if (!c->counting) {
            c->count = n;
        }
        break;
    default:
        if (c->counting) {
            uint64_t d = pit_ticks(c, now);

            c->reload_pending = true;
            c->pending_count = n;
            c->reload_tick = (d / c->count + 1) * c->count;
            break;
        }
        c->count = n;
        c->frozen = n % pit_modulus(c);
        c->null_count = false;
        if (c->gate) {
            pit_start(c, now, n);
        }
        break;
    }
}

static void pit_control_word(PITChannel *c, uint8_t val, int64_t now)
{
    pit_freeze(c, now);
    c->ctrl = val & 0x3f;
    c->rw_mode = val >> 4 & 3;
    c->mode = val >> 1 & 7;
    if (c->mode > 5) {
        c->mode -= 4;
    }
    c->bcd = val & 1;
    c->out_idle = c->mode != 0;
    c->count_written = false;
    c->null_count = true;
    c->reload_pending = false;
    c->tc_passed = false;
    c->read_msb = false;
    c->write_msb = false;
}

static void pit_latch_count(PITChannel *c, int64_t now)
{
    if (!c->latch_bytes) {
        c->latched = pit_encode(c, pit_ce(c, now));
        c->latch_bytes = c->rw_mode == 3 ? 2 : 1;
    }
}

static void pit_latch_status(PITChannel *c, int64_t now)
{
    if (!c->status_latched) {
        c->status = pit_out(c, now) << 7 | c->null_count << 6 | c->ctrl;
        c->status_latched = true;
    }
}

static void pit_write_mode_port(PITState *s, uint8_t val, int64_t now)
{
    int sel = val >> 6;

    if (sel == 3) {                             /* read-back */
        for (int i = 0; i < PIT_NR_CHANNELS; i++) {
            if (!(val & (2 << i))) {
                continue;
            }
            pit_sync(&s->ch[i], now);
            if (!(val & 0x20)) {
                pit_latch_count(&s->ch[i], now);
            }
            if (!(val & 0x10)) {
                pit_latch_status(&s->ch[i], now);
            }
        }
        return;
    }
    pit_sync(&s->ch[sel], now);
    if (!(val & 0x30)) {
        pit_latch_count(&s->ch[sel], now);
        return;
    }
    pit_control_word(&s->ch[sel], val, now);
    pit_update_irq(&s->ch[sel], now);
}

static void pit_write_counter(PITChannel *c, uint8_t val, int64_t now)
{
    switch (c->rw_mode) {
    case 1:
        pit_load_count(c, val, now);
        break;
    case 2:
        pit_load_count(c, val << 8, now);
        break;
    default:
        if (!c->write_msb) {
            c->write_lsb = val;
            c->write_msb = true;
            if (c->mode == 0) {         /* the first byte stops counting */
                pit_freeze(c, now);
                c->out_idle = false;
            }
            break;
        }
        c->write_msb = false;
        pit_load_count(c, c->write_lsb | val << 8, now);
        break;
    }
    pit_update_irq(c, now);
}

static uint8_t pit_read_counter(PITChannel *c, int64_t now)
{
    uint16_t v;
    bool msb;

    if (c->status_latched) {
        c->status_latched = false;
        return c->status;
    }
    if (c->latch_bytes) {
        msb = c->rw_mode == 2 || (c->rw_mode == 3 && c->latch_bytes == 1);
        c->latch_bytes--;
        return msb ? c->latched >> 8 : c->latched & 0xff;
    }
    v = pit_encode(c, pit_ce(c, now));
    msb = c->rw_mode == 2;
    if (c->rw_mode == 3) {
        msb = c->read_msb;
        c->read_msb = !c->read_msb;
    }
    return msb ? v >> 8 : v & 0xff;
}

static uint64_t pit_io_read(void *opaque, hwaddr addr, unsigned size)
{
    PITState *s = opaque;
    int64_t now = pit_now();

    if (addr == 3) {
        log_mask_printf(LOG_GUEST_ERROR, "i8254: read of the mode "
                        "register\n");
        return 0xff;
    }
    pit_sync(&s->ch[addr], now);
    return pit_read_counter(&s->ch[addr], now);
}

static void pit_io_write(void *opaque, hwaddr addr, uint64_t val,
                         unsigned size)
{
    PITState *s = opaque;
    int64_t now = pit_now();

    if (addr == 3) {
        pit_write_mode_port(s, val, now);
        return;
    }
    pit_sync(&s->ch[addr], now);
    pit_write_counter(&s->ch[addr], val, now);
}

static const MemoryRegionOps pit_ops = {
    .read = pit_io_read,
    .write = pit_io_write,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

void pit_set_gate(PITState *s, int ch, bool level)
{
    PITChannel *c = &s->ch[ch];
    int64_t now = pit_now();
    bool rising = level && !c->gate;

    pit_sync(c, now);
    if (c->gate && !level && c->mode != 1 && c->mode != 5) {
        pit_freeze(c, now);
        if (c->mode == 2 || c->mode == 3) {
            c->out_idle = true;     /* GATE low forces OUT high */
        }
    }
    c->gate = level;
    if (rising && c->count_written) {
        switch (c->mode) {
        case 0:
        case 4:
            pit_start(c, now, c->frozen);
            break;
        case 1:
        case 5:
            c->count = c->pending_count;
            c->tc_passed = false;
            c->null_count = false;
            pit_start(c, now, c->count);
            break;
        default:
            if (c->reload_pending) {
                c->count = c->pending_count;
                c->reload_pending = false;
            }
            c->null_count = false;
            pit_start(c, now, c->count);
            break;
        }
    }
    pit_update_irq(c, now);
}

bool pit_get_gate(PITState *s, int ch)
{
    return s->ch[ch].gate;
}

bool pit_get_out(PITState *s, int ch)
{
    int64_t now = pit_now();

    pit_sync(&s->ch[ch], now);
    return pit_out(&s->ch[ch], now);
}

static void pit_reset(DeviceState *dev)
{
    PITState *s = (PITState *)dev;
    int64_t now = pit_now();

    for (int i = 0; i < PIT_NR_CHANNELS; i++) {
        PITChannel *c = &s->ch[i];

        c->counting = false;
        pit_control_word(c, i << 6 | 0x36, now);
        c->gate = i != 2;
        c->count = 65536;
        c->pending_count = 65536;
        c->frozen = 0;
        c->latch_bytes = 0;
        c->status_latched = false;
        pit_update_irq(c, now);
    }
}

static bool pit_realize(DeviceState *dev, GError **errp)
{
    PITState *s = (PITState *)dev;

    for (int i = 0; i < PIT_NR_CHANNELS; i++) {
        s->ch[i].pit = s;
        s->ch[i].index = i;
        s->ch[i].line_level = true;
    }
    s->ch[0].out_line = &dev->machine->gsi[0];
    s->ch[0].line_level = false;
    s->ch[0].timer = timer_new(CLOCK_VIRTUAL, pit_timer_cb, &s->ch[0]);
    memory_region_init_io(&s->io, &pit_ops, s, "i8254", 4);
    memory_region_add_subregion(dev->machine->system_io, PIT_IOBASE, &s->io);
    return true;
}

static void pit_unrealize(DeviceState *dev)
{
    PITState *s = (PITState *)dev;

    timer_free(s->ch[0].timer);
    memory_region_del_subregion(dev->machine->system_io, &s->io);
    memory_region_destroy(&s->io);
}

DEVICE_REGISTER(pit_device,
    .name = "i8254",
    .desc = "Intel 8254 programmable interval timer",
    .instance_size = sizeof(PITState),
    .realize = pit_realize,
    .reset = pit_reset,
    .unrealize = pit_unrealize)

PITState *pit_create(Machine *m, GError **errp)
{
    DeviceState *dev = device_new("i8254", errp);

    if (dev && !device_realize(dev, m, errp)) {
        device_destroy(dev);
        return NULL;
    }
    return (PITState *)dev;
}
