/* SPDX-License-Identifier: MIT */
/*
 * ACPI fixed hardware ("acpi-pm"): the PM1a event block (PM1_STS, whose
 * bits the guest clears by writing ones, and PM1_EN), the PM1a control
 * block and the PM timer, at the ports the FADT names (ACPI 6.x sections
 * 4.8.3.1-4.8.3.3). Kestrel has no SMM and the FADT has no SMI_CMD, so the
 * hardware is in ACPI mode from reset: SCI_EN reads 1.
 *
 * The PM timer counts at 3.579545 MHz from the virtual clock, all 32 bits
 * (the FADT sets TMR_VAL_EXT). TMR_STS is set each time bit 31 flips;
 * the flip is noticed when the guest reads PM1_STS, and a timer raises
 * the SCI at the flip only while TMR_EN is set. The SCI is a level on one
 * GSI, high while an enabled event is pending. Writing SLP_EN with the
 * SLP_TYP of \_S5 powers the machine off; other sleep states do not exist
 * in the DSDT and are logged as unimplemented.
 */
#include "hw/misc/acpi-pm.h"
#include "util/cutils.h"
#include "util/log.h"
#include "util/timer.h"

#include <inttypes.h>

#define ACPI_PM1_SCI_EVENTS (ACPI_PM1_TMR | ACPI_PM1_GBL | ACPI_PM1_PWRBTN | \
                             ACPI_PM1_SLPBTN | ACPI_PM1_RTC)
#define ACPI_PM1_STS_MASK   (ACPI_PM1_SCI_EVENTS | ACPI_PM1_BM_STS | \
                             ACPI_PM1_WAK_STS)
#define ACPI_PM1_CNT_MASK   (ACPI_PM1_SCI_EN | ACPI_PM1_BM_RLD | \
                             ACPI_PM1_SLP_TYP)
#define PM_TMR_FLIP         (1ull << 31)

typedef struct AcpiPMState {
    DeviceState parent;
    uint32_t iobase;
    uint32_t gsi;
    MemoryRegion io;
    IRQLine *sci;
    bool sci_level;
    Timer *tmr_timer;
    uint64_t next_flip;         /* PM timer ticks at which bit 31 flips */

    uint16_t sts;
    uint16_t en;
    uint16_t cnt;
} AcpiPMState;

static uint64_t acpi_pm_ticks(void)
{
    return (unsigned __int128)clock_get_ns(CLOCK_VIRTUAL) * ACPI_PM_TIMER_HZ /
           NANOSECONDS_PER_SECOND;
}

/* The first virtual-clock nanosecond at which the count reaches @ticks. */
static int64_t acpi_pm_ticks_to_ns(uint64_t ticks)
{
    return ((unsigned __int128)ticks * NANOSECONDS_PER_SECOND +
            ACPI_PM_TIMER_HZ - 1) / ACPI_PM_TIMER_HZ;
}

static void acpi_pm_update_sci(AcpiPMState *s)
{
    bool level = (s->cnt & ACPI_PM1_SCI_EN) &&
                 (s->sts & s->en & ACPI_PM1_SCI_EVENTS);

    if (level != s->sci_level) {
        s->sci_level = level;
        irq_set_level(s->sci, level);
    }
}

/* Latch TMR_STS if bit 31 flipped since we last looked; arm the timer for
 * the next flip while TMR_EN asks for an interrupt. */
static void acpi_pm_check_timer(AcpiPMState *s)
{
    uint64_t now = acpi_pm_ticks();

    if (now >= s->next_flip) {
        s->sts |= ACPI_PM1_TMR;
        s->next_flip = (now / PM_TMR_FLIP + 1) * PM_TMR_FLIP;
    }
    if (s->en & ACPI_PM1_TMR) {
        timer_mod(s->tmr_timer, acpi_pm_ticks_to_ns(s->next_flip));
    } else {
        timer_del(s->tmr_timer);
    }
}

static void acpi_pm_timer_cb(void *opaque)
{
    AcpiPMState *s = opaque;

    acpi_pm_check_timer(s);
    acpi_pm_update_sci(s);
}

static void acpi_pm_sleep(AcpiPMState *s, unsigned typ)
{
    if (typ == ACPI_SLP_TYP_S5) {
        log_mask_printf(LOG_CPU_RESET, "acpi-pm: S5, powering off\n");
        machine_request_exit(s->parent.machine, 0);
        return;
    }
    log_mask_printf(LOG_UNIMP, "acpi-pm: sleep type %u is not implemented\n",
                    typ);
}

static void acpi_pm_write_byte(AcpiPMState *s, hwaddr addr, uint8_t val)
{
    unsigned shift = (addr & 1) * 8;
    uint16_t bits = (uint16_t)val << shift;
    uint16_t lane = 0xff << shift;

    switch (addr & ~1) {
    case ACPI_PM1_EVT_OFF:
        s->sts &= ~(bits & ACPI_PM1_STS_MASK);
        break;
    case ACPI_PM1_EVT_OFF + 2:
        s->en = (s->en & ~lane) | (bits & ACPI_PM1_SCI_EVENTS);
        acpi_pm_check_timer(s);
        break;
    case ACPI_PM1_CNT_OFF:
        s->cnt = (s->cnt & ~lane) | (bits & ACPI_PM1_CNT_MASK);
        if (bits & ACPI_PM1_GBL_RLS) {
            log_mask_printf(LOG_UNIMP, "acpi-pm: GBL_RLS without firmware "
                            "to notify\n");
        }
        if (bits & ACPI_PM1_SLP_EN) {
            acpi_pm_sleep(s, (s->cnt & ACPI_PM1_SLP_TYP) >>
                             ACPI_PM1_SLP_TYP_SHIFT);
        }
        break;
    default:
        log_mask_printf(LOG_GUEST_ERROR, "acpi-pm: write %#x to read-only "
                        "offset %#" PRIx64 "\n", val, addr);
        break;
    }
}

static uint64_t acpi_pm_read(void *opaque, hwaddr addr, unsigned size)
{
    AcpiPMState *s = opaque;
    uint8_t regs[ACPI_PM_SIZE] = { 0 };
    uint32_t tmr = acpi_pm_ticks();
    uint64_t val = 0;

    acpi_pm_check_timer(s);
    regs[0] = s->sts;
    regs[1] = s->sts >> 8;
    regs[2] = s->en;
    regs[3] = s->en >> 8;
    regs[4] = s->cnt;
    regs[5] = s->cnt >> 8;
    for (int i = 0; i < 4; i++) {
        regs[ACPI_PM_TMR_OFF + i] = tmr >> (8 * i);
    }
    for (unsigned i = 0; i < size; i++) {
        val |= (uint64_t)regs[addr + i] << (8 * i);
    }
    return val;
}

static void acpi_pm_write(void *opaque, hwaddr addr, uint64_t val,
                          unsigned size)
{
    AcpiPMState *s = opaque;

    for (unsigned i = 0; i < size; i++) {
        acpi_pm_write_byte(s, addr + i, val >> (8 * i));
    }
    acpi_pm_update_sci(s);
}

/* Each register is read whole (the timer is sampled once per access) and
 * written byte by byte in address order, so SLP_EN sees the SLP_TYP
 * written with it. */
static const MemoryRegionOps acpi_pm_ops = {
    .read = acpi_pm_read,
    .write = acpi_pm_write,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 1, .max_access_size = 4 },
};

static bool acpi_pm_realize(DeviceState *dev, GError **errp)
{
    AcpiPMState *s = (AcpiPMState *)dev;

    if (s->gsi >= MACHINE_NR_GSI || s->iobase > 0x10000 - ACPI_PM_SIZE) {
        g_set_error(errp, KESTREL_ERROR, 0, "acpi-pm: bad iobase %#x or "
                    "gsi %u", s->iobase, s->gsi);
        return false;
    }
    s->sci = &dev->machine->gsi[s->gsi];
    s->tmr_timer = timer_new(CLOCK_VIRTUAL, acpi_pm_timer_cb, s);
    memory_region_init_io(&s->io, &acpi_pm_ops, s, "acpi-pm", ACPI_PM_SIZE);
    memory_region_add_subregion(dev->machine->system_io, s->iobase, &s->io);
    return true;
}

static void acpi_pm_unrealize(DeviceState *dev)
{
    AcpiPMState *s = (AcpiPMState *)dev;

    timer_free(s->tmr_timer);
    memory_region_del_subregion(dev->machine->system_io, &s->io);
    memory_region_destroy(&s->io);
}

static void acpi_pm_reset(DeviceState *dev)
{
    AcpiPMState *s = (AcpiPMState *)dev;

    s->sts = 0;
    s->en = 0;
    s->cnt = ACPI_PM1_SCI_EN;
    s->next_flip = (acpi_pm_ticks() / PM_TMR_FLIP + 1) * PM_TMR_FLIP;
    timer_del(s->tmr_timer);
    acpi_pm_update_sci(s);
}

static const Property acpi_pm_props[] = {
    DEFINE_PROP("iobase", AcpiPMState, iobase, PROP_UINT32, "0x600",
                "first of the 12 ports"),
    DEFINE_PROP("gsi", AcpiPMState, gsi, PROP_UINT32, "9", "SCI interrupt"),
    { 0 }
};

DEVICE_REGISTER(acpi_pm_device,
    .name = "acpi-pm",
    .desc = "ACPI PM1a event/control registers and PM timer",
    .instance_size = sizeof(AcpiPMState),
    .props = acpi_pm_props,
    .realize = acpi_pm_realize,
    .reset = acpi_pm_reset,
    .unrealize = acpi_pm_unrealize)

DeviceState *acpi_pm_create(Machine *m, uint32_t iobase, unsigned gsi,
                            GError **errp)
{
    DeviceState *dev = device_new("acpi-pm", errp);
    AcpiPMState *s = (AcpiPMState *)dev;

    if (!dev) {
        return NULL;
    }
    s->iobase = iobase;
    s->gsi = gsi;
    if (!device_realize(dev, m, errp)) {
        device_destroy(dev);
        return NULL;
    }
    return dev;
}

void acpi_pm_power_button(DeviceState *dev)
{
    AcpiPMState *s = (AcpiPMState *)dev;

    g_assert(dev->cls == &acpi_pm_device);
    s->sts |= ACPI_PM1_PWRBTN;
    acpi_pm_update_sci(s);
}
