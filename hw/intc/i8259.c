/* SPDX-License-Identifier: MIT */
/*
 * The cascaded Intel 8259A pair of the PC (see include/hw/intc/i8259.h),
 * following the 8259A datasheet: ICW1-ICW4 initialization, OCW1 (mask),
 * OCW2 (EOI forms, rotation, set priority), OCW3 (IRR/ISR read, poll,
 * special mask), automatic EOI and special fully nested mode, plus the
 * PIIX-style ELCR that makes single lines level-sensitive.
 *
 * Edge-triggered inputs latch a rising edge in IRR until it is
 * acknowledged (KVM's in-kernel model does the same; a datasheet 8259A
 * also drops the request when the input falls before INTA). Level inputs
 * make IRR follow the line, so a request withdrawn before INTA gives the
 * datasheet's spurious IR7. The master's cascade input follows the
 * slave's INT output as a level whatever the trigger mode.
 */
#include "hw/intc/i8259.h"
#include "util/log.h"

typedef struct PICChip {
    uint8_t irr;
    uint8_t isr;
    uint8_t imr;
    uint8_t lines;          /* input levels as last driven */
    uint8_t elcr;
    uint8_t elcr_mask;      /* ELCR bits that may be set */
    uint8_t base;           /* ICW2: vector of IR0 */
    uint8_t icw3;           /* master: lines with a slave; slave: its ID */
    uint8_t priority_add;   /* the IR that has the highest priority */
    uint8_t init_step;      /* 0: ready; 1, 2, 3: ICW2, ICW3, ICW4 next */
    bool master;
    bool icw4_needed;
    bool single;
    bool ltim;              /* ICW1: every line level-triggered */
    bool auto_eoi;
    bool rotate_on_aeoi;
    bool sfnm;              /* special fully nested mode */
    bool special_mask;
    bool poll;
    bool read_isr;
} PICChip;

struct PICState {
    DeviceState parent;
    PICChip chip[2];
    MemoryRegion io[2];
    MemoryRegion elcr_io;
    IRQLine in[PIC_NR_IRQS];
    IRQLine intr;
    bool intr_level;
};

static bool pic_is_cascade(const PICChip *c, int irq)
{
    return c->master && !c->single && (c->icw3 & (1u << irq));
}

static bool pic_is_level(const PICChip *c, int irq)
{
    return c->ltim || (c->elcr & (1u << irq)) || pic_is_cascade(c, irq);
}

/* Rank of the highest-priority bit of @bits (0 best), or 8 if none. */
static int pic_priority(const PICChip *c, uint8_t bits)
{
    for (int p = 0; p < 8; p++) {
        if (bits & (1u << ((p + c->priority_add) & 7))) {
            return p;
        }
    }
    return 8;
}

/* The IR this chip would interrupt for now, or -1. */
static int pic_chip_pending(const PICChip *c)
{
    uint8_t in_service = c->isr;
    int req = pic_priority(c, c->irr & ~c->imr);
    int cur, irq;

    if (req == 8) {
        return -1;
    }
    irq = (req + c->priority_add) & 7;
    if (c->special_mask) {
        in_service &= ~c->imr;
    }
    cur = pic_priority(c, in_service);
    /* Special fully nested: a slave in service does not lock itself out. */
    if (req < cur || (c->sfnm && req == cur && pic_is_cascade(c, irq))) {
        return irq;
    }
    return -1;
}

static void pic_chip_set_input(PICChip *c, int irq, bool level)
{
    uint8_t mask = 1u << irq;

    if (pic_is_level(c, irq)) {
        c->irr = level ? c->irr | mask : c->irr & ~mask;
    } else if (level && !(c->lines & mask)) {
        c->irr |= mask;
    }
    c->lines = level ? c->lines | mask : c->lines & ~mask;
}

/* Recompute the slave's INT into the master's IR2 and the master's INTR. */
static void pic_update(PICState *s)
{
    PICChip *m = &s->chip[0];
    bool level;

    pic_chip_set_input(m, PIC_CASCADE_IRQ, pic_chip_pending(&s->chip[1]) >= 0);
    level = pic_chip_pending(m) >= 0;
    if (level != s->intr_level) {
        s->intr_level = level;
        irq_set_level(&s->intr, level);
    }
}

static void pic_input_handler(void *opaque, int n, int level)
{
    PICState *s = opaque;

    if (n == PIC_CASCADE_IRQ) {
        return;         /* wired to the slave, not to the bus */
    }
    pic_chip_set_input(&s->chip[n >> 3], n & 7, level);
    pic_update(s);
}

/* The chip's part of INTA: mark @irq in service, consume an edge. */
static void pic_chip_ack(PICChip *c, int irq)
{
    if (c->auto_eoi) {
        if (c->rotate_on_aeoi) {
            c->priority_add = (irq + 1) & 7;
        }
    } else {
        c->isr |= 1u << irq;
    }
    if (!pic_is_level(c, irq)) {
        c->irr &= ~(1u << irq);
    }
}

int pic_read_irq(PICState *s)
{
    PICChip *m = &s->chip[0];
    PICChip *sl = &s->chip[1];
    int irq = pic_chip_pending(m);
    int vector;

    if (irq < 0) {
        log_mask_printf(LOG_INT, "i8259: spurious IRQ 7\n");
        return m->base + 7;
    }
    pic_chip_ack(m, irq);
    if (pic_is_cascade(m, irq)) {
        int sirq = pic_chip_pending(sl);

        if (sirq >= 0) {
            pic_chip_ack(sl, sirq);
            vector = sl->base + sirq;
        } else {
            log_mask_printf(LOG_INT, "i8259: spurious IRQ 15\n");
            vector = sl->base + 7;
        }
    } else {
        vector = m->base + irq;
    }
    pic_update(s);
    return vector;
}

/* Poll command: the next read returns I (bit 7) and the level, as INTA. */
static uint8_t pic_chip_poll(PICChip *c)
{
    int irq = pic_chip_pending(c);

    c->poll = false;
    if (irq < 0) {
        return 0;
    }
    pic_chip_ack(c, irq);
    return 0x80 | irq;
}

static void pic_chip_icw1(PICChip *c, uint8_t val)
{
    uint8_t level_lines = 0;

    if (!(val & 0x01)) {
        log_mask_printf(LOG_UNIMP, "i8259: ICW1 without ICW4 (8080 mode); "
                        "x86 vectors are used anyway\n");
    }
    c->ltim = val & 0x08;
    c->single = val & 0x02;
    c->icw4_needed = val & 0x01;
    c->init_step = 1;
    c->imr = 0;
    c->isr = 0;
    c->priority_add = 0;
    c->special_mask = false;
    c->read_isr = false;
    c->poll = false;
    c->auto_eoi = false;
    c->rotate_on_aeoi = false;
    c->sfnm = false;
    /* Edge sense reset: a high edge input needs a new low-to-high. */
    for (int i = 0; i < 8; i++) {
        if (pic_is_level(c, i)) {
            level_lines |= 1u << i;
        }
    }
    c->irr = c->lines & level_lines;
}

static void pic_chip_ocw2(PICChip *c, uint8_t val)
{
    int level = val & 7;
    int p;

    switch (val >> 5) {
    case 0:                             /* clear rotate in AEOI mode */
        c->rotate_on_aeoi = false;
        break;
    case 4:                             /* set rotate in AEOI mode */
        c->rotate_on_aeoi = true;
        break;
    case 1:                             /* non-specific EOI */
    case 5:                             /* rotate on non-specific EOI */
        p = pic_priority(c, c->isr);
        if (p < 8) {
            int irq = (p + c->priority_add) & 7;

            c->isr &= ~(1u << irq);
            if (val >> 5 == 5) {
                c->priority_add = (irq + 1) & 7;
            }
        }
        break;
    case 3:                             /* specific EOI */
        c->isr &= ~(1u << level);
        break;
    case 7:                             /* rotate on specific EOI */
        c->isr &= ~(1u << level);
        c->priority_add = (level + 1) & 7;
        break;
    case 6:                             /* set priority: level is lowest */
        c->priority_add = (level + 1) & 7;
        break;
    case 2:                             /* no operation */
        break;
    }
}

static void pic_chip_ocw3(PICChip *c, uint8_t val)
{
    if (val & 0x04) {
        c->poll = true;
    }
    if (val & 0x02) {
        c->read_isr = val & 0x01;
    }
    if (val & 0x40) {
        c->special_mask = val & 0x20;
    }
}

static void pic_chip_write_data(PICChip *c, uint8_t val)
{
    switch (c->init_step) {
    case 1:                             /* ICW2 */
        c->base = val & 0xf8;
        c->init_step = !c->single ? 2 : c->icw4_needed ? 3 : 0;
        break;
    case 2:                             /* ICW3 */
        c->icw3 = val;
        c->init_step = c->icw4_needed ? 3 : 0;
        break;
    case 3:                             /* ICW4 */
        if (!(val & 0x01)) {
            log_mask_printf(LOG_UNIMP, "i8259: ICW4 selects 8080 mode; "
                            "x86 vectors are used anyway\n");
        }
        c->auto_eoi = val & 0x02;
        c->sfnm = val & 0x10;
        c->init_step = 0;
        break;
    default:                            /* OCW1 */
        c->imr = val;
        break;
    }
}

static uint64_t pic_io_read(PICState *s, PICChip *c, hwaddr addr)
{
    uint8_t val;

    if (c->poll) {
        val = pic_chip_poll(c);
        pic_update(s);
        return val;
    }
    if (addr == 0) {
        return c->read_isr ? c->isr : c->irr;
    }
    return c->imr;
}

static void pic_io_write(PICState *s, PICChip *c, hwaddr addr, uint8_t val)
{
    if (addr == 1) {
        pic_chip_write_data(c, val);
    } else if (val & 0x10) {
        pic_chip_icw1(c, val);
    } else if (val & 0x08) {
        pic_chip_ocw3(c, val);
    } else {
        pic_chip_ocw2(c, val);
    }
    pic_update(s);
}

static uint64_t pic_master_read(void *opaque, hwaddr addr, unsigned size)
{
    PICState *s = opaque;

    return pic_io_read(s, &s->chip[0], addr);
}

static void pic_master_write(void *opaque, hwaddr addr, uint64_t val,
                             unsigned size)
{
    PICState *s = opaque;

    pic_io_write(s, &s->chip[0], addr, val);
}

static uint64_t pic_slave_read(void *opaque, hwaddr addr, unsigned size)
{
    PICState *s = opaque;

    return pic_io_read(s, &s->chip[1], addr);
}

static void pic_slave_write(void *opaque, hwaddr addr, uint64_t val,
                            unsigned size)
{
    PICState *s = opaque;

    pic_io_write(s, &s->chip[1], addr, val);
}

static uint64_t pic_elcr_read(void *opaque, hwaddr addr, unsigned size)
{
    PICState *s = opaque;

    return s->chip[addr].elcr;
}

static void pic_elcr_write(void *opaque, hwaddr addr, uint64_t val,
                           unsigned size)
{
    PICState *s = opaque;
    PICChip *c = &s->chip[addr];

    if (val & ~c->elcr_mask) {
        log_mask_printf(LOG_GUEST_ERROR, "i8259: ELCR%u bits %#x are fixed "
                        "at edge\n", (unsigned)addr,
                        (unsigned)(val & ~c->elcr_mask & 0xff));
    }
    c->elcr = val & c->elcr_mask;
    for (int i = 0; i < 8; i++) {
        if (pic_is_level(c, i)) {
            pic_chip_set_input(c, i, c->lines & (1u << i));
        }
    }
    pic_update(s);
}

#define PIC_OPS(_read, _write)                                               \
    {                                                                        \
        .read = (_read),                                                     \
        .write = (_write),                                                   \
        .valid = { .min_access_size = 1, .max_access_size = 2 },             \
        .impl = { .min_access_size = 1, .max_access_size = 1 },              \
    }

static const MemoryRegionOps pic_master_ops =
    PIC_OPS(pic_master_read, pic_master_write);
static const MemoryRegionOps pic_slave_ops =
    PIC_OPS(pic_slave_read, pic_slave_write);
static const MemoryRegionOps pic_elcr_ops =
    PIC_OPS(pic_elcr_read, pic_elcr_write);

static void pic_reset(DeviceState *dev)
{
    PICState *s = (PICState *)dev;

    for (int i = 0; i < 2; i++) {
        PICChip *c = &s->chip[i];
        uint8_t lines = c->lines;

        *c = (PICChip){
            .master = i == 0,
            /* IRQ 0, 1, 2 and 8, 13 are always edge (PIIX ELCR). */
            .elcr_mask = i == 0 ? 0xf8 : 0xde,
            .icw3 = i == 0 ? 1u << PIC_CASCADE_IRQ : PIC_CASCADE_IRQ,
            .lines = lines,
        };
    }
    pic_update(s);
}

static bool pic_realize(DeviceState *dev, GError **errp)
{
    PICState *s = (PICState *)dev;
    MemoryRegion *io = dev->machine->system_io;

    for (int i = 0; i < PIC_NR_IRQS; i++) {
        irq_init(&s->in[i], pic_input_handler, s, i);
    }
    memory_region_init_io(&s->io[0], &pic_master_ops, s, "pic-master", 2);
    memory_region_init_io(&s->io[1], &pic_slave_ops, s, "pic-slave", 2);
    memory_region_init_io(&s->elcr_io, &pic_elcr_ops, s, "elcr", 2);
    memory_region_add_subregion(io, PIC_MASTER_IOBASE, &s->io[0]);
    memory_region_add_subregion(io, PIC_SLAVE_IOBASE, &s->io[1]);
    memory_region_add_subregion(io, PIC_ELCR_IOBASE, &s->elcr_io);
    return true;
}

static void pic_unrealize(DeviceState *dev)
{
    PICState *s = (PICState *)dev;
    MemoryRegion *io = dev->machine->system_io;

    memory_region_del_subregion(io, &s->io[0]);
    memory_region_del_subregion(io, &s->io[1]);
    memory_region_del_subregion(io, &s->elcr_io);
    memory_region_destroy(&s->io[0]);
    memory_region_destroy(&s->io[1]);
    memory_region_destroy(&s->elcr_io);
}

DEVICE_REGISTER(pic_device,
    .name = "i8259",
    .desc = "cascaded Intel 8259A interrupt controllers with ELCR",
    .instance_size = sizeof(PICState),
    .realize = pic_realize,
    .reset = pic_reset,
    .unrealize = pic_unrealize)

PICState *pic_create(Machine *m, GError **errp)
{
    DeviceState *dev = device_new("i8259", errp);

    if (dev && !device_realize(dev, m, errp)) {
        device_destroy(dev);
        return NULL;
    }
    return (PICState *)dev;
}

IRQLine *pic_input(PICState *s, unsigned n)
{
    g_assert(n < PIC_NR_IRQS);
    return &s->in[n];
}

IRQLine *pic_intr_output(PICState *s)
{
    return &s->intr;
}

bool pic_intr_level(PICState *s)
{
    return s->intr_level;
}
