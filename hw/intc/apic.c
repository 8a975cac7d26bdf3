/* SPDX-License-Identifier: MIT */
/*
 * The local APIC in xAPIC mode (SDM Vol. 3A, chapter 10), one "lapic"
 * device per vCPU, and the APICBus that joins them: the one MMIO page at
 * 0xfee00000 (each access goes to the APIC of the vCPU in its
 * MemTxAttrs.requester_id), interrupt messages between APICs (ICR) and
 * from the I/O APIC, and EOI broadcast back to it.
 *
 * Interrupt state is IRR/ISR/TMR as 256-bit sets; the CPU's INTR is a
 * level recomputed after every change (apic_update). The timer keeps no
 * ticking state: the current count follows from CLOCK_VIRTUAL and the
 * time the initial count was loaded, and one util/timer.h timer is armed
 * for the next expiry. The bus clock is APIC_BUS_HZ (1 GHz, as KVM's).
 */
#include "hw/intc/apic.h"
#include "util/log.h"
#include "util/timer.h"

#include <inttypes.h>
#include <string.h>

/* Register indexes: MMIO offset >> 4 (SDM Vol. 3A, Table 10-1). */
enum {
    REG_ID = 0x02, REG_VERSION = 0x03, REG_TPR = 0x08, REG_APR = 0x09,
    REG_PPR = 0x0a, REG_EOI = 0x0b, REG_RRD = 0x0c, REG_LDR = 0x0d,
    REG_DFR = 0x0e, REG_SVR = 0x0f, REG_ISR = 0x10, REG_TMR = 0x18,
    REG_IRR = 0x20, REG_ESR = 0x28, REG_ICR_LO = 0x30, REG_ICR_HI = 0x31,
    REG_LVT = 0x32, REG_INIT_COUNT = 0x38, REG_CUR_COUNT = 0x39,
    REG_DCR = 0x3e,
};

enum {
    LVT_TIMER, LVT_THERMAL, LVT_PERF, LVT_LINT0, LVT_LINT1, LVT_ERROR,
    LVT_NR,
};

#define APIC_VERSION        (0x14 | ((LVT_NR - 1) << 16))

#define LVT_MASKED          (1u << 16)
#define LVT_LEVEL           (1u << 15)
#define LVT_REMOTE_IRR      (1u << 14)
#define LVT_TIMER_MODE(v)   (((v) >> 17) & 3)
#define LVT_DM(v)           (((v) >> 8) & 7)

enum { TIMER_ONESHOT = 0, TIMER_PERIODIC = 1, TIMER_TSC_DEADLINE = 2 };

#define SVR_ENABLE          (1u << 8)
#define ICR_LEVEL_ASSERT    (1u << 14)
#define ICR_TRIGGER_LEVEL   (1u << 15)
#define ICR_LOGICAL         (1u << 11)

/* ESR bits (SDM Vol. 3A, Figure 10-9). */
#define ESR_SEND_ILLEGAL    (1u << 5)
#define ESR_RECV_ILLEGAL    (1u << 6)
#define ESR_ILLEGAL_REG     (1u << 7)

#define MSR_APIC_BASE_BSP   (1ull << 8)
#define MSR_APIC_BASE_EN    (1ull << 11)

/* The writable bits of each LVT entry. */
static const uint32_t lvt_write_mask[LVT_NR] = {
    [LVT_TIMER] = 0x000700ff,
    [LVT_THERMAL] = 0x000107ff,
    [LVT_PERF] = 0x000107ff,
    [LVT_LINT0] = 0x0001a7ff,
    [LVT_LINT1] = 0x0001a7ff,
    [LVT_ERROR] = 0x000100ff,
};

struct APICState {
    DeviceState parent;
    APICBus *bus;
    unsigned index;             /* the vCPU; set before realize */

    uint8_t id;
    uint64_t base_msr;
    uint32_t tpr;
    uint32_t ldr;
    uint32_t dfr;
    uint32_t svr;
    uint32_t esr;               /* what ESR reads */
    uint32_t esr_pending;       /* errors since the last ESR write */
    uint32_t isr[8], tmr[8], irr[8];
    uint32_t icr[2];
    uint32_t lvt[LVT_NR];
    uint32_t initial_count;
    uint32_t dcr;
    int64_t load_ns;            /* CLOCK_VIRTUAL when the count started */
    uint64_t tsc_deadline;      /* armed deadline, 0: none */
    Timer *timer;

    IRQLine intr;
    bool intr_level;
    IRQLine lint[2];
    bool lint_level[2];
};

struct APICBus {
    Machine *m;
    MemoryRegion mmio;
    unsigned ncpus;
    APICState **apic;
    const APICCPUHooks *hooks;
    void *hooks_opaque;
    int (*extint_ack)(void *opaque);
    void *extint_opaque;
    void (*eoi)(void *opaque, uint8_t vector);
    void *eoi_opaque;
};

/* ------------------------------------------------------------------ */
/* 256-bit vector sets                                                 */

static void vec_set(uint32_t *reg, unsigned v)
{
    reg[v >> 5] |= 1u << (v & 31);
}

static void vec_clear(uint32_t *reg, unsigned v)
{
    reg[v >> 5] &= ~(1u << (v & 31));
}

static bool vec_test(const uint32_t *reg, unsigned v)
{
    return reg[v >> 5] & (1u << (v & 31));
}

/* The highest vector in the set, or -1. */
static int vec_highest(const uint32_t *reg)
{
    for (int i = 7; i >= 0; i--) {
        if (reg[i]) {
            return i * 32 + 31 - __builtin_clz(reg[i]);
        }
    }
    return -1;
}

/* ------------------------------------------------------------------ */
/* Priorities and the CPU's INTR                                       */

static bool apic_hw_enabled(const APICState *s)
{
    return s->base_msr & MSR_APIC_BASE_EN;
}

static bool apic_sw_enabled(const APICState *s)
{
    return s->svr & SVR_ENABLE;
}

/* SDM Vol. 3A, 10.8.3.1: PPR is TPR or the class of the ISR's highest. */
static uint32_t apic_ppr(const APICState *s)
{
    int isrv = vec_highest(s->isr);
    uint32_t isr_class = isrv < 0 ? 0 : (uint32_t)isrv & 0xf0;

    return (s->tpr & 0xf0) >= isr_class ? s->tpr & 0xff : isr_class;
}

/* Arbitration priority (SDM Vol. 3A, 10.8.3.1, Figure 10-15). */
static uint32_t apic_apr(const APICState *s)
{
    int irrv = vec_highest(s->irr), isrv = vec_highest(s->isr);
    uint32_t top = MAX(irrv < 0 ? 0 : irrv & 0xf0, isrv < 0 ? 0 : isrv & 0xf0);

    return (s->tpr & 0xf0) >= top ? s->tpr & 0xff : top;
}

/* The vector the APIC would hand the CPU now, or -1. */
static int apic_deliverable(const APICState *s)
{
    int irrv;

    if (!apic_hw_enabled(s) || !apic_sw_enabled(s)) {
        return -1;
    }
    irrv = vec_highest(s->irr);
    if (irrv < 0 || (uint32_t)(irrv & 0xf0) <= (apic_ppr(s) & 0xf0)) {
        return -1;
    }
    return irrv;
}

/* Does the 8259's INTR on LINT0 reach the CPU (virtual wire mode)? */
static bool apic_extint_accepted(const APICState *s)
{
    uint32_t lvt = s->lvt[LVT_LINT0];

    return !apic_hw_enabled(s) ||
           (!(lvt & LVT_MASKED) && LVT_DM(lvt) == APIC_DM_EXTINT);
}

static void apic_update(APICState *s)
{
    bool level = apic_deliverable(s) >= 0 ||
                 (s->lint_level[0] && apic_extint_accepted(s));

    if (level != s->intr_level) {
        s->intr_level = level;
        irq_set_level(&s->intr, level);
    }
}

/* ------------------------------------------------------------------ */
/* Receiving                                                           */

static void apic_error(APICState *s, uint32_t bits);

static void apic_set_vector(APICState *s, uint8_t vector, bool level)
{
    if (vector < 16) {
        log_mask_printf(LOG_GUEST_ERROR, "apic%u: illegal vector %u "
                        "received\n", s->index, vector);
        apic_error(s, ESR_RECV_ILLEGAL);
        return;
    }
    vec_set(s->irr, vector);
    if (level) {
        vec_set(s->tmr, vector);
    } else {
        vec_clear(s->tmr, vector);
    }
    apic_update(s);
}

/* SDM Vol. 3A, 10.4.7.3: INIT resets all but the ID and the base MSR. */
static void apic_init_reset(APICState *s)
{
    memset(s->isr, 0, sizeof(s->isr));
    memset(s->tmr, 0, sizeof(s->tmr));
    memset(s->irr, 0, sizeof(s->irr));
    memset(s->icr, 0, sizeof(s->icr));
    s->tpr = 0;
    s->ldr = 0;
    s->dfr = 0xffffffff;
    s->svr = 0xff;
    s->esr = 0;
    s->esr_pending = 0;
    for (int i = 0; i < LVT_NR; i++) {
        s->lvt[i] = LVT_MASKED;
    }
    s->initial_count = 0;
    s->dcr = 0;
    s->tsc_deadline = 0;
    timer_del(s->timer);
    apic_update(s);
}

/* One APIC receives a message of delivery mode @dm. */
static void apic_accept(APICState *s, unsigned dm, uint8_t vector, bool level)
{
    const APICCPUHooks *hooks = s->bus->hooks;
    void *opaque = s->bus->hooks_opaque;

    switch (dm) {
    case APIC_DM_FIXED:
    case APIC_DM_LOWEST:
        if (!apic_sw_enabled(s)) {
            log_mask_printf(LOG_INT, "apic%u: software-disabled, vector "
                            "%#x dropped\n", s->index, vector);
            return;
        }
        apic_set_vector(s, vector, level);
        break;
    case APIC_DM_NMI:
        if (hooks && hooks->nmi) {
            hooks->nmi(opaque, s->index);
        } else {
            log_mask_printf(LOG_INT, "apic%u: NMI dropped\n", s->index);
        }
        break;
    case APIC_DM_INIT:
        apic_init_reset(s);
        if (hooks && hooks->init) {
            hooks->init(opaque, s->index);
        } else {
            log_mask_printf(LOG_INT, "apic%u: INIT dropped\n", s->index);
        }
        break;
    case APIC_DM_SIPI:
        if (hooks && hooks->sipi) {
            hooks->sipi(opaque, s->index, vector);
        } else {
            log_mask_printf(LOG_INT, "apic%u: SIPI dropped\n", s->index);
        }
        break;
    case APIC_DM_SMI:
        log_mask_printf(LOG_UNIMP, "apic%u: SMI ignored (no SMM)\n",
                        s->index);
        break;
    default:
        log_mask_printf(LOG_UNIMP | LOG_GUEST_ERROR, "apic%u: delivery mode "
                        "%u not supported\n", s->index, dm);
        break;
    }
}

static void apic_error(APICState *s, uint32_t bits)
{
    uint32_t lvt = s->lvt[LVT_ERROR];
    bool fresh = bits & ~s->esr_pending;

    s->esr_pending |= bits;
    if (fresh && !(lvt & LVT_MASKED)) {
        apic_accept(s, APIC_DM_FIXED, lvt & 0xff, false);
    }
}

/* LVT-sourced interrupt (timer, LINTn edge, ...), SDM 10.5.1. */
static void apic_lvt_fire(APICState *s, int n)
{
    uint32_t lvt = s->lvt[n];

    if (lvt & LVT_MASKED) {
        return;
    }
    if (n == LVT_TIMER || n == LVT_ERROR) {
        apic_accept(s, APIC_DM_FIXED, lvt & 0xff, false);
        return;
    }
    apic_accept(s, LVT_DM(lvt), lvt & 0xff, false);
}

/* ------------------------------------------------------------------ */
/* Destinations                                                        */

/* SDM Vol. 3A, 10.6.2.2: flat or cluster logical destinations. */
static bool apic_match_logical(const APICState *s, uint8_t mda)
{
    uint8_t ldr = s->ldr >> 24;

    if (mda == 0xff) {
        return true;
    }
    if ((s->dfr >> 28) == 0xf) {
        return (ldr & mda) != 0;
    }
    return ((mda >> 4) == (ldr >> 4) || (mda >> 4) == 0xf) &&
           (ldr & mda & 0xf) != 0;
}

static bool apic_match(const APICState *s, uint8_t dest, bool logical)
{
    if (!apic_hw_enabled(s)) {
        return false;
    }
    if (logical) {
        return apic_match_logical(s, dest);
    }
    return dest == 0xff || dest == s->id;
}

void apic_bus_deliver(APICBus *bus, uint8_t dest, bool logical,
                      unsigned delivery_mode, uint8_t vector,
                      bool level_trigger)
{
    bool fixed_like = delivery_mode == APIC_DM_FIXED ||
                      delivery_mode == APIC_DM_LOWEST;

    log_mask_printf(LOG_INT, "apic: message dest %#x %s mode %u vector %#x "
                    "%s\n", dest, logical ? "logical" : "physical",
                    delivery_mode, vector, level_trigger ? "level" : "edge");
    for (unsigned i = 0; i < bus->ncpus; i++) {
        APICState *s = bus->apic[i];

        if (!apic_match(s, dest, logical)) {
            continue;
        }
        apic_accept(s, delivery_mode, vector, fixed_like && level_trigger);
        /* Lowest priority: the lowest-numbered target takes it. */
        if (delivery_mode == APIC_DM_LOWEST) {
            return;
        }
    }
}

/* ICR low written: send the IPI (SDM Vol. 3A, 10.6.1). It completes at
 * once, so the delivery status bit always reads idle. */
static void apic_send_ipi(APICState *s)
{
    APICBus *bus = s->bus;
    uint32_t lo = s->icr[0];
    unsigned dm = LVT_DM(lo);
    uint8_t vector = lo & 0xff;
    bool level = lo & ICR_TRIGGER_LEVEL;

    if (dm == APIC_DM_INIT && level && !(lo & ICR_LEVEL_ASSERT)) {
        return;     /* INIT level de-assert: arbitration IDs only */
    }
    if ((dm == APIC_DM_FIXED || dm == APIC_DM_LOWEST) && vector < 16) {
        log_mask_printf(LOG_GUEST_ERROR, "apic%u: IPI with illegal vector "
                        "%u\n", s->index, vector);
        apic_error(s, ESR_SEND_ILLEGAL);
        return;
    }
    switch ((lo >> 18) & 3) {
    case 0:
        apic_bus_deliver(bus, s->icr[1] >> 24, lo & ICR_LOGICAL, dm, vector,
                         level);
        break;
    case 1:
        apic_accept(s, dm, vector, level && dm <= APIC_DM_LOWEST);
        break;
    case 2:
    case 3:
        for (unsigned i = 0; i < bus->ncpus; i++) {
            APICState *t = bus->apic[i];

            if (t == s ? ((lo >> 18) & 3) == 3 : !apic_hw_enabled(t)) {
                continue;
            }
            apic_accept(t, dm, vector, level && dm <= APIC_DM_LOWEST);
            if (dm == APIC_DM_LOWEST) {
                break;
            }
        }
        break;
    }
}

/* ------------------------------------------------------------------ */
/* EOI                                                                 */

static void apic_eoi(APICState *s)
{
    int isrv = vec_highest(s->isr);

    if (isrv < 0) {
        return;
    }
    vec_clear(s->isr, isrv);
    if (vec_test(s->tmr, isrv) && s->bus->eoi) {
        s->bus->eoi(s->bus->eoi_opaque, isrv);
    }
    apic_update(s);
}

/* ------------------------------------------------------------------ */
/* The timer (SDM Vol. 3A, 10.5.4)                                     */

static unsigned apic_timer_mode(const APICState *s)
{
    return LVT_TIMER_MODE(s->lvt[LVT_TIMER]);
}

/* The divide configuration as a shift: 0 (divide by 1) to 7 (by 128). */
static unsigned apic_divide_shift(const APICState *s)
{
    unsigned v = ((s->dcr >> 1) & 4) | (s->dcr & 3);

    return v == 7 ? 0 : v + 1;
}

static int64_t apic_ticks_to_ns(uint64_t ticks)
{
    return (int64_t)(ticks * (NANOSECONDS_PER_SECOND / APIC_BUS_HZ));
}

/* Bus ticks (after the divider) since the count was loaded. */
static uint64_t apic_elapsed(const APICState *s, int64_t now)
{
    uint64_t ns = now > s->load_ns ? (uint64_t)(now - s->load_ns) : 0;

    return (ns / (NANOSECONDS_PER_SECOND / APIC_BUS_HZ)) >>
           apic_divide_shift(s);
}

static uint32_t apic_current_count(const APICState *s)
{
    uint64_t elapsed;

    if (!s->initial_count || apic_timer_mode(s) == TIMER_TSC_DEADLINE) {
        return 0;
    }
    elapsed = apic_elapsed(s, clock_get_ns(CLOCK_VIRTUAL));
    if (apic_timer_mode(s) == TIMER_PERIODIC) {
        return s->initial_count - elapsed % s->initial_count;
    }
    return elapsed >= s->initial_count ? 0 : s->initial_count - elapsed;
}

/* Arm the timer for the next expiry of a one-shot or periodic count. */
static void apic_timer_arm(APICState *s)
{
    int64_t now = clock_get_ns(CLOCK_VIRTUAL);
    int64_t period;
    uint64_t n;

    if (!s->initial_count || apic_timer_mode(s) == TIMER_TSC_DEADLINE) {
        timer_del(s->timer);
        return;
    }
    period = apic_ticks_to_ns((uint64_t)s->initial_count <<
                              apic_divide_shift(s));
    if (apic_timer_mode(s) == TIMER_PERIODIC) {
        n = now > s->load_ns ? (uint64_t)(now - s->load_ns) / period + 1 : 1;
        timer_mod(s->timer, s->load_ns + (int64_t)n * period);
    } else if (now < s->load_ns + period) {
        timer_mod(s->timer, s->load_ns + period);
    } else {
        timer_del(s->timer);    /* expired already */
    }
}

static void apic_timer_cb(void *opaque)
{
    APICState *s = opaque;

    switch (apic_timer_mode(s)) {
    case TIMER_TSC_DEADLINE:
        if (!s->tsc_deadline) {
            return;
        }
        s->tsc_deadline = 0;
        apic_lvt_fire(s, LVT_TIMER);
        break;
    case TIMER_PERIODIC:
        apic_lvt_fire(s, LVT_TIMER);
        apic_timer_arm(s);
        break;
    default:
        /* One-shot: the count has reached zero and stays there. */
        apic_lvt_fire(s, LVT_TIMER);
        break;
    }
}

static void apic_write_lvt(APICState *s, int n, uint32_t val)
{
    uint32_t old = s->lvt[n];
    uint32_t keep = ~lvt_write_mask[n] & (LVT_REMOTE_IRR | (1u << 12));

    val &= lvt_write_mask[n];
    if (!apic_sw_enabled(s)) {
        val |= LVT_MASKED;      /* SDM Vol. 3A, 10.4.7.2 */
    }
    if (n == LVT_TIMER && LVT_TIMER_MODE(val) == 3) {
        log_mask_printf(LOG_GUEST_ERROR, "apic%u: reserved timer mode\n",
                        s->index);
        val &= ~(3u << 17);
    }
    s->lvt[n] = val | (old & keep);
    if (n == LVT_TIMER && LVT_TIMER_MODE(val) != LVT_TIMER_MODE(old)) {
        /* A mode change disarms the timer (SDM Vol. 3A, 10.5.4.1). */
        s->initial_count = 0;
        s->tsc_deadline = 0;
        timer_del(s->timer);
    }
    if (n == LVT_LINT0 || n == LVT_LINT1) {
        apic_update(s);
    }
}

/* ------------------------------------------------------------------ */
/* Registers                                                           */

static uint32_t apic_reg_read(APICState *s, unsigned reg)
{
    switch (reg) {
    case REG_ID: return (uint32_t)s->id << 24;
    case REG_VERSION: return APIC_VERSION;
    case REG_TPR: return s->tpr;
    case REG_APR: return apic_apr(s);
    case REG_PPR: return apic_ppr(s);
    case REG_EOI: case REG_RRD: return 0;
    case REG_LDR: return s->ldr;
    case REG_DFR: return s->dfr;
    case REG_SVR: return s->svr;
    case REG_ESR: return s->esr;
    case REG_ICR_LO: return s->icr[0];
    case REG_ICR_HI: return s->icr[1];
    case REG_INIT_COUNT: return s->initial_count;
    case REG_CUR_COUNT: return apic_current_count(s);
    case REG_DCR: return s->dcr;
    }
    if (reg >= REG_ISR && reg < REG_ISR + 8) {
        return s->isr[reg - REG_ISR];
    }
    if (reg >= REG_TMR && reg < REG_TMR + 8) {
        return s->tmr[reg - REG_TMR];
    }
    if (reg >= REG_IRR && reg < REG_IRR + 8) {
        return s->irr[reg - REG_IRR];
    }
    if (reg >= REG_LVT && reg < REG_LVT + LVT_NR) {
        return s->lvt[reg - REG_LVT];
    }
    log_mask_printf(LOG_GUEST_ERROR, "apic%u: read of reserved register "
                    "%#x\n", s->index, reg << 4);
    apic_error(s, ESR_ILLEGAL_REG);
    return 0;
}

static void apic_write_svr(APICState *s, uint32_t val)
{
    if (val & (1u << 12)) {
        log_mask_printf(LOG_UNIMP, "apic%u: EOI-broadcast suppression not "
                        "supported\n", s->index);
    }
    s->svr = val & 0x3ff;
    if (!apic_sw_enabled(s)) {
        for (int i = 0; i < LVT_NR; i++) {
            s->lvt[i] |= LVT_MASKED;
        }
    }
    apic_update(s);
}

static void apic_reg_write(APICState *s, unsigned reg, uint32_t val)
{
    switch (reg) {
    case REG_ID:
        s->id = val >> 24;
        return;
    case REG_TPR:
        s->tpr = val & 0xff;
        apic_update(s);
        return;
    case REG_EOI:
        apic_eoi(s);
        return;
    case REG_LDR:
        s->ldr = val & 0xff000000;
        return;
    case REG_DFR:
        s->dfr = val | 0x0fffffff;
        return;
    case REG_SVR:
        apic_write_svr(s, val);
        return;
    case REG_ESR:
        s->esr = s->esr_pending;
        s->esr_pending = 0;
        return;
    case REG_ICR_LO:
        s->icr[0] = val & ~(1u << 12);
        apic_send_ipi(s);
        return;
    case REG_ICR_HI:
        s->icr[1] = val & 0xff000000;
        return;
    case REG_INIT_COUNT:
        if (apic_timer_mode(s) == TIMER_TSC_DEADLINE) {
            return;     /* ignored in TSC-deadline mode */
        }
        s->initial_count = val;
        s->load_ns = clock_get_ns(CLOCK_VIRTUAL);
        apic_timer_arm(s);
        return;
    case REG_DCR:
        s->dcr = val & 0xb;
        apic_timer_arm(s);
        return;
    }
    if (reg >= REG_LVT && reg < REG_LVT + LVT_NR) {
        apic_write_lvt(s, reg - REG_LVT, val);
        return;
    }
    if (reg == REG_VERSION || reg == REG_APR || reg == REG_PPR ||
        reg == REG_RRD || reg == REG_CUR_COUNT ||
        (reg >= REG_ISR && reg < REG_IRR + 8)) {
        log_mask_printf(LOG_GUEST_ERROR, "apic%u: write to read-only "
                        "register %#x\n", s->index, reg << 4);
        return;
    }
    log_mask_printf(LOG_GUEST_ERROR, "apic%u: write to reserved register "
                    "%#x\n", s->index, reg << 4);
    apic_error(s, ESR_ILLEGAL_REG);
}

/* The APIC of the CPU making the access. Accesses without a requester
 * (a debugger, DMA) see CPU 0's. */
static APICState *apic_for_access(APICBus *bus, MemTxAttrs attrs)
{
    unsigned cpu = attrs.unspecified ? 0 : attrs.requester_id;

    if (cpu >= bus->ncpus) {
        log_mask_printf(LOG_GUEST_ERROR, "apic: access from unknown "
                        "requester %u\n", cpu);
        return NULL;
    }
    if (!apic_hw_enabled(bus->apic[cpu])) {
        log_mask_printf(LOG_GUEST_ERROR, "apic%u: access while globally "
                        "disabled\n", cpu);
        return NULL;
    }
    return bus->apic[cpu];
}

static uint64_t apic_mmio_read(void *opaque, hwaddr addr, unsigned size,
                               MemTxAttrs attrs)
{
    APICState *s = apic_for_access(opaque, attrs);

    if (!s || (addr & 0xf)) {
        return 0;       /* bytes 4-15 of each 16-byte slot */
    }
    return apic_reg_read(s, addr >> 4);
}

static void apic_mmio_write(void *opaque, hwaddr addr, uint64_t val,
                            unsigned size, MemTxAttrs attrs)
{
    APICState *s = apic_for_access(opaque, attrs);

    if (!s || (addr & 0xf)) {
        return;
    }
    apic_reg_write(s, addr >> 4, val);
}

static const MemoryRegionOps apic_mmio_ops = {
    .read_with_attrs = apic_mmio_read,
    .write_with_attrs = apic_mmio_write,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 4, .max_access_size = 4 },
};

/* ------------------------------------------------------------------ */
/* LINT inputs                                                         */

static void apic_lint_handler(void *opaque, int n, int level)
{
    APICState *s = opaque;
    uint32_t lvt = s->lvt[LVT_LINT0 + n];
    bool rising = level && !s->lint_level[n];

    s->lint_level[n] = level;
    if (LVT_DM(lvt) == APIC_DM_EXTINT || !apic_hw_enabled(s)) {
        apic_update(s);     /* the 8259 reaches INTR through here */
        return;
    }
    if (rising || (level && (lvt & LVT_LEVEL))) {
        apic_lvt_fire(s, LVT_LINT0 + n);
    }
}

/* ------------------------------------------------------------------ */
/* The device                                                          */

static void apic_reset(DeviceState *dev)
{
    APICState *s = (APICState *)dev;

    s->id = s->index;
    s->base_msr = APIC_DEFAULT_ADDRESS | MSR_APIC_BASE_EN |
                  (s->index == 0 ? MSR_APIC_BASE_BSP : 0);
    apic_init_reset(s);
    if (s->index == 0) {
        /* Virtual wire mode as firmware leaves it: the 8259 reaches the
         * BSP through LINT0 in ExtINT mode (KVM's in-kernel APIC starts
         * so too, for guests booted without firmware). */
        s->lvt[LVT_LINT0] = APIC_DM_EXTINT << 8;
    }
    apic_update(s);
}

static bool apic_realize(DeviceState *dev, GError **errp)
{
    APICState *s = (APICState *)dev;

    g_assert(s->bus);
    s->timer = timer_new(CLOCK_VIRTUAL, apic_timer_cb, s);
    for (int i = 0; i < 2; i++) {
        irq_init(&s->lint[i], apic_lint_handler, s, i);
    }
    return true;
}

static void apic_unrealize(DeviceState *dev)
{
    APICState *s = (APICState *)dev;

    timer_free(s->timer);
    s->timer = NULL;
}

DEVICE_REGISTER(apic_device,
    .name = "lapic",
    .desc = "local APIC of one vCPU (xAPIC mode)",
    .instance_size = sizeof(APICState),
    .realize = apic_realize,
    .reset = apic_reset,
    .unrealize = apic_unrealize)

/* ------------------------------------------------------------------ */
/* The bus and the CPU-side API                                        */

APICBus *apic_bus_create(Machine *m, unsigned ncpus, GError **errp)
{
    APICBus *bus = g_new0(APICBus, 1);

    g_assert(ncpus >= 1 && ncpus <= APIC_MAX_CPUS);
    bus->m = m;
    bus->ncpus = ncpus;
    bus->apic = g_new0(APICState *, ncpus);
    for (unsigned i = 0; i < ncpus; i++) {
        APICState *s = (APICState *)device_new("lapic", errp);

        if (!s) {
            apic_bus_free(bus);
            return NULL;
        }
        s->bus = bus;
        s->index = i;
        if (!device_realize(&s->parent, m, errp)) {
            device_destroy(&s->parent);
            apic_bus_free(bus);
            return NULL;
        }
        bus->apic[i] = s;
    }
    memory_region_init_io(&bus->mmio, &apic_mmio_ops, bus, "apic",
                          APIC_MMIO_SIZE);
    /* Above RAM or anything else that might overlap the page. */
    memory_region_add_subregion_overlap(m->system_memory,
                                        APIC_DEFAULT_ADDRESS, &bus->mmio, 10);
    return bus;
}

void apic_bus_free(APICBus *bus)
{
    if (!bus) {
        return;
    }
    if (bus->mmio.parent) {
        memory_region_del_subregion(bus->mmio.parent, &bus->mmio);
        memory_region_destroy(&bus->mmio);
    }
    for (unsigned i = 0; i < bus->ncpus; i++) {
        device_destroy(bus->apic[i] ? &bus->apic[i]->parent : NULL);
    }
    g_free(bus->apic);
    g_free(bus);
}

unsigned apic_bus_ncpus(const APICBus *bus)
{
    return bus->ncpus;
}

void apic_bus_set_cpu_hooks(APICBus *bus, const APICCPUHooks *hooks,
                            void *opaque)
{
    bus->hooks = hooks;
    bus->hooks_opaque = opaque;
}

void apic_bus_set_extint_ack(APICBus *bus, int (*ack)(void *opaque),
                             void *opaque)
{
    bus->extint_ack = ack;
    bus->extint_opaque = opaque;
}

void apic_bus_set_eoi_handler(APICBus *bus,
                              void (*eoi)(void *opaque, uint8_t vector),
                              void *opaque)
{
    bus->eoi = eoi;
    bus->eoi_opaque = opaque;
}

static APICState *apic_of(APICBus *bus, unsigned cpu_index)
{
    g_assert(cpu_index < bus->ncpus);
    return bus->apic[cpu_index];
}

IRQLine *apic_intr_output(APICBus *bus, unsigned cpu_index)
{
    return &apic_of(bus, cpu_index)->intr;
}

bool apic_intr_level(APICBus *bus, unsigned cpu_index)
{
    return apic_of(bus, cpu_index)->intr_level;
}

IRQLine *apic_lint_input(APICBus *bus, unsigned cpu_index, unsigned n)
{
    g_assert(n < 2);
    return &apic_of(bus, cpu_index)->lint[n];
}

int apic_get_interrupt(APICBus *bus, unsigned cpu_index)
{
    APICState *s = apic_of(bus, cpu_index);
    int vector = apic_deliverable(s);

    if (vector >= 0) {
        vec_clear(s->irr, vector);
        vec_set(s->isr, vector);
        apic_update(s);
        return vector;
    }
    if (s->lint_level[0] && apic_extint_accepted(s) && bus->extint_ack) {
        return bus->extint_ack(bus->extint_opaque);
    }
    return apic_hw_enabled(s) ? (int)(s->svr & 0xff) : -1;
}

uint64_t apic_set_base(APICBus *bus, unsigned cpu_index, uint64_t val)
{
    APICState *s = apic_of(bus, cpu_index);
    bool was_enabled = apic_hw_enabled(s);

    if ((val & ~0xfffull) != APIC_DEFAULT_ADDRESS) {
        log_mask_printf(LOG_UNIMP, "apic%u: relocation to %#" PRIx64
                        " not supported\n", cpu_index,
                        (uint64_t)(val & ~0xfffull));
    }
    if (!was_enabled && (val & MSR_APIC_BASE_EN)) {
        /* SDM Vol. 3A, 10.4.3: re-enabling after a global disable needs
         * a reset; Kestrel allows it and starts from the INIT state. */
        log_mask_printf(LOG_GUEST_ERROR, "apic%u: re-enabled without "
                        "a reset\n", cpu_index);
    }
    s->base_msr = (s->base_msr & ~MSR_APIC_BASE_EN) |
                  (val & MSR_APIC_BASE_EN);
    if (was_enabled != apic_hw_enabled(s)) {
        apic_init_reset(s);
    }
    apic_update(s);
    return s->base_msr;
}

uint64_t apic_get_base(APICBus *bus, unsigned cpu_index)
{
    return apic_of(bus, cpu_index)->base_msr;
}

void apic_set_cr8(APICBus *bus, unsigned cpu_index, uint64_t cr8)
{
    APICState *s = apic_of(bus, cpu_index);

    s->tpr = (cr8 & 0xf) << 4;
    apic_update(s);
}

uint64_t apic_get_cr8(APICBus *bus, unsigned cpu_index)
{
    return apic_of(bus, cpu_index)->tpr >> 4;
}

void apic_set_tsc_deadline(APICBus *bus, unsigned cpu_index,
                           uint64_t deadline, uint64_t tsc_now)
{
    APICState *s = apic_of(bus, cpu_index);
    int64_t now = clock_get_ns(CLOCK_VIRTUAL);
    uint64_t delta;

    if (apic_timer_mode(s) != TIMER_TSC_DEADLINE) {
        return;     /* SDM Vol. 3A, 10.5.4.1: writes are ignored */
    }
    s->tsc_deadline = deadline;
    if (!deadline) {
        timer_del(s->timer);
        return;
    }
    delta = deadline > tsc_now ? deadline - tsc_now : 0;
    /* TSC ticks to nanoseconds, without overflowing for far deadlines. */
    delta = MIN(delta, (uint64_t)INT64_MAX / 4);
    timer_mod(s->timer, now + (int64_t)(delta / APIC_TSC_HZ *
                                        NANOSECONDS_PER_SECOND +
                                        delta % APIC_TSC_HZ *
                                        NANOSECONDS_PER_SECOND /
                                        APIC_TSC_HZ));
}

uint64_t apic_get_tsc_deadline(APICBus *bus, unsigned cpu_index)
{
    return apic_of(bus, cpu_index)->tsc_deadline;
}
