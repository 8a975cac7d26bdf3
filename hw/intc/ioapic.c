/* SPDX-License-Identifier: MIT */
/*
 * The I/O APIC (see include/hw/intc/ioapic.h), following the 82093AA
 * datasheet: indirect registers through IOREGSEL/IOWIN, 24 redirection
 * entries, edge inputs delivered on their rising edge while unmasked,
 * level inputs delivered while asserted and unmasked with the remote IRR
 * clear (set on delivery, cleared by an EOI with the entry's vector from a
 * local APIC or through the version-0x20 EOI register). Messages complete
 * at once, so the delivery status bit always reads idle.
 */
#include "hw/intc/ioapic.h"
#include "util/log.h"

#include <inttypes.h>

enum {
    IOAPIC_REG_SEL = 0x00,
    IOAPIC_REG_WIN = 0x10,
    IOAPIC_REG_EOI = 0x40,
};

enum {
    IOAPIC_IDX_ID = 0x00,
    IOAPIC_IDX_VERSION = 0x01,
    IOAPIC_IDX_ARB = 0x02,
    IOAPIC_IDX_REDIR = 0x10,
};

#define IOAPIC_VERSION      (0x20 | ((IOAPIC_NR_PINS - 1) << 16))

#define RTE_DM(e)           (((e) >> 8) & 7)
#define RTE_LOGICAL         (1ull << 11)
#define RTE_REMOTE_IRR      (1ull << 14)
#define RTE_LEVEL           (1ull << 15)
#define RTE_MASKED          (1ull << 16)
#define RTE_DEST(e)         ((uint8_t)((e) >> 56))
/* Writable: vector, delivery mode, destination mode, polarity, trigger,
 * mask, destination (delivery status and remote IRR are read-only). */
#define RTE_WRITABLE        (0xff00000000000000ull | 0x1afffull)

struct IOAPICState {
    DeviceState parent;
    APICBus *bus;               /* set before realize */
    MemoryRegion mmio;
    IRQLine in[IOAPIC_NR_PINS];
    uint32_t lines;             /* input levels as last driven */
    uint8_t id;
    uint8_t sel;
    uint64_t rte[IOAPIC_NR_PINS];
};

static void ioapic_send(IOAPICState *s, int pin)
{
    uint64_t e = s->rte[pin];

    log_mask_printf(LOG_INT, "ioapic: pin %d -> vector %#x\n", pin,
                    (unsigned)(e & 0xff));
    apic_bus_deliver(s->bus, RTE_DEST(e), e & RTE_LOGICAL, RTE_DM(e),
                     e & 0xff, e & RTE_LEVEL);
}

/* Deliver a level-triggered pin that is asserted and may go now. */
static void ioapic_service_level(IOAPICState *s, int pin)
{
    uint64_t e = s->rte[pin];

    if ((e & RTE_LEVEL) && !(e & (RTE_MASKED | RTE_REMOTE_IRR)) &&
        (s->lines & (1u << pin))) {
        /* The ExtINT mode has no EOI to come back, so no remote IRR. */
        if (RTE_DM(e) != APIC_DM_EXTINT) {
            s->rte[pin] |= RTE_REMOTE_IRR;
        }
        ioapic_send(s, pin);
    }
}

static void ioapic_input_handler(void *opaque, int pin, int level)
{
    IOAPICState *s = opaque;
    uint32_t mask = 1u << pin;
    bool rising = level && !(s->lines & mask);

    s->lines = level ? s->lines | mask : s->lines & ~mask;
    if (s->rte[pin] & RTE_LEVEL) {
        ioapic_service_level(s, pin);
    } else if (rising && !(s->rte[pin] & RTE_MASKED)) {
        ioapic_send(s, pin);
    }
}

void ioapic_eoi_broadcast(IOAPICState *s, uint8_t vector)
{
    for (int pin = 0; pin < IOAPIC_NR_PINS; pin++) {
        uint64_t e = s->rte[pin];

        if ((e & 0xff) == vector && (e & RTE_REMOTE_IRR)) {
            s->rte[pin] &= ~RTE_REMOTE_IRR;
            ioapic_service_level(s, pin);
        }
    }
}

static void ioapic_eoi_handler(void *opaque, uint8_t vector)
{
    ioapic_eoi_broadcast(opaque, vector);
}

static uint32_t ioapic_reg_read(IOAPICState *s)
{
    unsigned idx = s->sel;

    switch (idx) {
    case IOAPIC_IDX_ID:
    case IOAPIC_IDX_ARB:
        return (uint32_t)s->id << 24;
    case IOAPIC_IDX_VERSION:
        return IOAPIC_VERSION;
    }
    if (idx >= IOAPIC_IDX_REDIR && idx < IOAPIC_IDX_REDIR + 2 * IOAPIC_NR_PINS) {
        uint64_t e = s->rte[(idx - IOAPIC_IDX_REDIR) / 2];

        return (idx & 1) ? e >> 32 : (uint32_t)e;
    }
    log_mask_printf(LOG_GUEST_ERROR, "ioapic: read of register %#x\n", idx);
    return 0;
}

static void ioapic_write_rte(IOAPICState *s, int pin, bool high,
                             uint32_t val)
{
    uint64_t e = s->rte[pin];
    uint64_t ro = e & ~RTE_WRITABLE;

    if (high) {
        e = (e & 0xffffffffull) | ((uint64_t)val << 32);
    } else {
        e = (e & ~0xffffffffull) | val;
    }
    e = (e & RTE_WRITABLE) | ro;
    /* Switching to edge clears the remote IRR (how guests unstick it on
     * I/O APICs without an EOI register). */
    if (!(e & RTE_LEVEL)) {
        e &= ~RTE_REMOTE_IRR;
    }
    s->rte[pin] = e;
    ioapic_service_level(s, pin);
}

static void ioapic_reg_write(IOAPICState *s, uint32_t val)
{
    unsigned idx = s->sel;

    if (idx == IOAPIC_IDX_ID) {
        s->id = (val >> 24) & 0xf;
        return;
    }
    if (idx >= IOAPIC_IDX_REDIR && idx < IOAPIC_IDX_REDIR + 2 * IOAPIC_NR_PINS) {
        ioapic_write_rte(s, (idx - IOAPIC_IDX_REDIR) / 2, idx & 1, val);
        return;
    }
    log_mask_printf(LOG_GUEST_ERROR, "ioapic: write %#x to read-only or "
                    "reserved register %#x\n", val, idx);
}

static uint64_t ioapic_mmio_read(void *opaque, hwaddr addr, unsigned size)
{
    IOAPICState *s = opaque;

    switch (addr) {
    case IOAPIC_REG_SEL:
        return s->sel;
    case IOAPIC_REG_WIN:
        return ioapic_reg_read(s);
    }
    return 0;
}

static void ioapic_mmio_write(void *opaque, hwaddr addr, uint64_t val,
                              unsigned size)
{
    IOAPICState *s = opaque;

    switch (addr) {
    case IOAPIC_REG_SEL:
        s->sel = val & 0xff;
        break;
    case IOAPIC_REG_WIN:
        ioapic_reg_write(s, val);
        break;
    case IOAPIC_REG_EOI:
        ioapic_eoi_broadcast(s, val & 0xff);
        break;
    default:
        log_mask_printf(LOG_GUEST_ERROR, "ioapic: write to offset %#" PRIx64
                        "\n", addr);
        break;
    }
}

static const MemoryRegionOps ioapic_mmio_ops = {
    .read = ioapic_mmio_read,
    .write = ioapic_mmio_write,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 4, .max_access_size = 4 },
};

static void ioapic_reset(DeviceState *dev)
{
    IOAPICState *s = (IOAPICState *)dev;

    s->id = 0;
    s->sel = 0;
    for (int i = 0; i < IOAPIC_NR_PINS; i++) {
        s->rte[i] = RTE_MASKED;
    }
}

static bool ioapic_realize(DeviceState *dev, GError **errp)
{
    IOAPICState *s = (IOAPICState *)dev;

    g_assert(s->bus);
    for (int i = 0; i < IOAPIC_NR_PINS; i++) {
        irq_init(&s->in[i], ioapic_input_handler, s, i);
    }
    memory_region_init_io(&s->mmio, &ioapic_mmio_ops, s, "ioapic",
                          IOAPIC_MMIO_SIZE);
    memory_region_add_subregion(dev->machine->system_memory,
                                IOAPIC_DEFAULT_ADDRESS, &s->mmio);
    apic_bus_set_eoi_handler(s->bus, ioapic_eoi_handler, s);
    return true;
}

static void ioapic_unrealize(DeviceState *dev)
{
    IOAPICState *s = (IOAPICState *)dev;

    apic_bus_set_eoi_handler(s->bus, NULL, NULL);
    memory_region_del_subregion(dev->machine->system_memory, &s->mmio);
    memory_region_destroy(&s->mmio);
}

DEVICE_REGISTER(ioapic_device,
    .name = "ioapic",
    .desc = "I/O APIC with 24 redirection entries (version 0x20)",
    .instance_size = sizeof(IOAPICState),
    .realize = ioapic_realize,
    .reset = ioapic_reset,
    .unrealize = ioapic_unrealize)

IOAPICState *ioapic_create(Machine *m, APICBus *bus, GError **errp)
{
    IOAPICState *s = (IOAPICState *)device_new("ioapic", errp);

    if (!s) {
        return NULL;
    }
    s->bus = bus;
    if (!device_realize(&s->parent, m, errp)) {
        device_destroy(&s->parent);
        return NULL;
    }
    return s;
}

IRQLine *ioapic_input(IOAPICState *s, unsigned n)
{
    g_assert(n < IOAPIC_NR_PINS);
    return &s->in[n];
}
