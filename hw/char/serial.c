/* SPDX-License-Identifier: MIT */
/*
 * A 16550A UART as found on every PC ("isa-serial"): eight registers,
 * 16-byte receive and transmit FIFOs, loopback, and one interrupt output
 * that the PC gates with OUT2. Transmission is instantaneous: a byte
 * written to THR goes to the Chardev at once and the transmitter is empty
 * again before the guest can look, so the transmit FIFO never holds
 * anything. Input comes from the Chardev frontend callbacks, at most as
 * much as the receive FIFO can take. Register facts follow the National
 * Semiconductor PC16550D datasheet.
 */
#include "hw/char/serial.h"
#include "util/cutils.h"
#include "util/log.h"

#include <string.h>

#define UART_FIFO_SIZE 16

/* Register offsets (DLAB selects the divisor latch at 0 and 1). */
enum {
    UART_RBR_THR_DLL = 0,
    UART_IER_DLM = 1,
    UART_IIR_FCR = 2,
    UART_LCR = 3,
    UART_MCR = 4,
    UART_LSR = 5,
    UART_MSR = 6,
    UART_SCR = 7,
};

#define IER_RDI     0x01    /* received data available */
#define IER_THRI    0x02    /* transmitter holding register empty */
#define IER_RLSI    0x04    /* receiver line status */
#define IER_MSI     0x08    /* modem status */

/* IIR bits 3:1 name the source; bit 0 set means nothing is pending. */
#define IIR_NONE    0x01
#define IIR_MSI     0x00
#define IIR_THRI    0x02
#define IIR_RDI     0x04
#define IIR_RLSI    0x06
#define IIR_TIMEOUT 0x0c
#define IIR_FIFO_ON 0xc0

#define FCR_ENABLE  0x01
#define FCR_RX_RST  0x02
#define FCR_TX_RST  0x04
#define FCR_DMA     0x08
#define FCR_TRIGGER 0xc0

#define LCR_DLAB    0x80

#define MCR_DTR     0x01
#define MCR_RTS     0x02
#define MCR_OUT1    0x04
#define MCR_OUT2    0x08
#define MCR_LOOP    0x10
#define MCR_MASK    0x1f

#define LSR_DR      0x01
#define LSR_OE      0x02
#define LSR_PE      0x04
#define LSR_FE      0x08
#define LSR_BI      0x10
#define LSR_THRE    0x20
#define LSR_TEMT    0x40
#define LSR_RXFE    0x80
#define LSR_ERRORS  (LSR_OE | LSR_PE | LSR_FE | LSR_BI)

#define MSR_DCTS    0x01
#define MSR_DDSR    0x02
#define MSR_TERI    0x04
#define MSR_DDCD    0x08
#define MSR_DELTAS  0x0f
#define MSR_CTS     0x10
#define MSR_DSR     0x20
#define MSR_RI      0x40
#define MSR_DCD     0x80

/*
 * What the modem inputs read when not in loopback: a null-modem peer that
 * is always there (carrier, DSR and CTS asserted, no ring), which is also
 * what QEMU's guests see.
 */
#define MSR_IDLE_INPUTS (MSR_DCD | MSR_DSR | MSR_CTS)

typedef struct SerialState {
    DeviceState parent;
    uint32_t iobase;
    uint32_t irq;
    Chardev *chr;
    MemoryRegion io;
    IRQLine *irq_out;
    bool irq_level;

    uint8_t ier;
    uint8_t fcr;
    uint8_t lcr;
    uint8_t mcr;
    uint8_t lsr;
    uint8_t msr;
    uint8_t scr;
    uint16_t divisor;
    bool thr_ipending;      /* THRE interrupt armed, not yet acknowledged */

    uint8_t rx[UART_FIFO_SIZE];
    unsigned rx_head;
    unsigned rx_count;
    uint8_t rbr;            /* last byte handed out, re-read when empty */
} SerialState;

static bool serial_fifo_enabled(const SerialState *s)
{
    return s->fcr & FCR_ENABLE;
}

static unsigned serial_rx_capacity(const SerialState *s)
{
    return serial_fifo_enabled(s) ? UART_FIFO_SIZE : 1;
}

static unsigned serial_rx_trigger(const SerialState *s)
{
    static const unsigned levels[4] = { 1, 4, 8, 14 };

    return levels[s->fcr >> 6];
}

/*
 * The highest-priority pending source (PC16550D table "Interrupt Control
 * Functions"): line status, then received data or character timeout, then
 * THR empty, then modem status. The character timeout is approximated:
 * instead of waiting four character times, data sitting below the trigger
 * level is reported as a timeout at once, so a guest is never left with
 * bytes it was not told about.
 */
static uint8_t serial_pending_source(const SerialState *s)
{
    if ((s->ier & IER_RLSI) && (s->lsr & LSR_ERRORS)) {
        return IIR_RLSI;
    }
    if ((s->ier & IER_RDI) && s->rx_count) {
        if (!serial_fifo_enabled(s) || s->rx_count >= serial_rx_trigger(s)) {
            return IIR_RDI;
        }
        return IIR_TIMEOUT;
    }
    if ((s->ier & IER_THRI) && s->thr_ipending) {
        return IIR_THRI;
    }
    if ((s->ier & IER_MSI) && (s->msr & MSR_DELTAS)) {
        return IIR_MSI;
    }
    return IIR_NONE;
}

/*
 * On a PC the UART's INTR pin reaches the interrupt controller through a
 * buffer enabled by OUT2; loopback forces OUT2 inactive at the pin, so no
 * interrupt leaves the card then either.
 */
static void serial_update_irq(SerialState *s)
{
    bool level = serial_pending_source(s) != IIR_NONE &&
                 (s->mcr & (MCR_OUT2 | MCR_LOOP)) == MCR_OUT2;

    if (level != s->irq_level) {
        s->irq_level = level;
        irq_set_level(s->irq_out, level);
    }
}

/* In loopback the modem outputs drive the inputs: RTS->CTS, DTR->DSR,
 * OUT1->RI, OUT2->DCD. Changes latch the delta bits. */
static void serial_update_msr(SerialState *s)
{
    uint8_t in = MSR_IDLE_INPUTS;
    uint8_t old = s->msr;

    if (s->mcr & MCR_LOOP) {
        in = (s->mcr & MCR_RTS ? MSR_CTS : 0) |
             (s->mcr & MCR_DTR ? MSR_DSR : 0) |
             (s->mcr & MCR_OUT1 ? MSR_RI : 0) |
             (s->mcr & MCR_OUT2 ? MSR_DCD : 0);
    }
    s->msr = (old & MSR_DELTAS) | in;
    if ((old ^ in) & MSR_CTS) {
        s->msr |= MSR_DCTS;
    }
    if ((old ^ in) & MSR_DSR) {
        s->msr |= MSR_DDSR;
    }
    if ((old ^ in) & MSR_DCD) {
        s->msr |= MSR_DDCD;
    }
    if ((old & MSR_RI) && !(in & MSR_RI)) {
        s->msr |= MSR_TERI;
    }
}

static void serial_rx_clear(SerialState *s)
{
    s->rx_head = 0;
    s->rx_count = 0;
    s->lsr &= ~LSR_DR;
}

/*
 * One received character. Without FIFOs the holding register is
 * overwritten and the loss flagged; with them a full FIFO keeps its bytes
 * and the new one is lost (PC16550D, LSR bit 1).
 */
static void serial_rx_push(SerialState *s, uint8_t byte)
{
    if (s->rx_count == serial_rx_capacity(s)) {
        s->lsr |= LSR_OE;
        if (serial_fifo_enabled(s)) {
            return;
        }
        serial_rx_clear(s);
    }
    s->rx[(s->rx_head + s->rx_count) % UART_FIFO_SIZE] = byte;
    s->rx_count++;
    s->lsr |= LSR_DR;
}

static uint8_t serial_rx_pop(SerialState *s)
{
    if (!s->rx_count) {
        return s->rbr;
    }
    s->rbr = s->rx[s->rx_head];
    s->rx_head = (s->rx_head + 1) % UART_FIFO_SIZE;
    if (--s->rx_count == 0) {
        s->rx_head = 0;
        s->lsr &= ~LSR_DR;
        if (!(s->mcr & MCR_LOOP)) {
            chardev_accept_input(s->chr);
        }
    }
    return s->rbr;
}

static void serial_write_thr(SerialState *s, uint8_t byte)
{
    s->thr_ipending = false;
    if (s->mcr & MCR_LOOP) {
        serial_rx_push(s, byte);
    } else {
        chardev_write(s->chr, &byte, 1);
    }
    s->lsr |= LSR_THRE | LSR_TEMT;
    s->thr_ipending = true;
}

static void serial_write_ier(SerialState *s, uint8_t val)
{
    uint8_t old = s->ier;

    s->ier = val & 0x0f;
    /* Enabling ETBEI while THR is empty raises the THRE interrupt. */
    if (!(old & IER_THRI) && (s->ier & IER_THRI) && (s->lsr & LSR_THRE)) {
        s->thr_ipending = true;
    }
}

/* FCR: bit 0 must be set for the other bits to take; flipping it
 * empties both FIFOs. The reset bits clear themselves. */
static void serial_write_fcr(SerialState *s, uint8_t val)
{
    bool flush = (val ^ s->fcr) & FCR_ENABLE;

    if (!(val & FCR_ENABLE)) {
        s->fcr = 0;
    } else {
        s->fcr = val & (FCR_ENABLE | FCR_DMA | FCR_TRIGGER);
        flush |= val & FCR_RX_RST;
    }
    if (flush && s->rx_count) {
        serial_rx_clear(s);
        if (!(s->mcr & MCR_LOOP)) {
            chardev_accept_input(s->chr);
        }
    }
}

static void serial_write_mcr(SerialState *s, uint8_t val)
{
    bool was_loop = s->mcr & MCR_LOOP;

    s->mcr = val & MCR_MASK;
    serial_update_msr(s);
    if (was_loop && !(s->mcr & MCR_LOOP)) {
        chardev_accept_input(s->chr);
    }
}

static uint8_t serial_read_iir(SerialState *s)
{
    uint8_t src = serial_pending_source(s);

    /* Reading IIR while it names THRE acknowledges that interrupt. */
    if (src == IIR_THRI) {
        s->thr_ipending = false;
    }
    return src | (serial_fifo_enabled(s) ? IIR_FIFO_ON : 0);
}

static uint64_t serial_read(void *opaque, hwaddr addr, unsigned size)
{
    SerialState *s = opaque;
    bool dlab = s->lcr & LCR_DLAB;
    uint8_t val;

    switch (addr) {
    case UART_RBR_THR_DLL:
        val = dlab ? s->divisor & 0xff : serial_rx_pop(s);
        break;
    case UART_IER_DLM:
        val = dlab ? s->divisor >> 8 : s->ier;
        break;
    case UART_IIR_FCR:
        val = serial_read_iir(s);
        break;
    case UART_LCR:
        val = s->lcr;
        break;
    case UART_MCR:
        val = s->mcr;
        break;
    case UART_LSR:
        val = s->lsr;
        s->lsr &= ~(LSR_ERRORS | LSR_RXFE);
        break;
    case UART_MSR:
        val = s->msr;
        s->msr &= ~MSR_DELTAS;
        break;
    case UART_SCR:
        val = s->scr;
        break;
    default:
        g_assert_not_reached();
    }
    serial_update_irq(s);
    return val;
}

static void serial_write(void *opaque, hwaddr addr, uint64_t data,
                         unsigned size)
{
    SerialState *s = opaque;
    bool dlab = s->lcr & LCR_DLAB;
    uint8_t val = data;

    switch (addr) {
    case UART_RBR_THR_DLL:
        if (dlab) {
            s->divisor = (s->divisor & 0xff00) | val;
        } else {
            serial_write_thr(s, val);
        }
        break;
    case UART_IER_DLM:
        if (dlab) {
            s->divisor = (s->divisor & 0x00ff) | (val << 8);
        } else {
            serial_write_ier(s, val);
        }
        break;
    case UART_IIR_FCR:
        serial_write_fcr(s, val);
        break;
    case UART_LCR:
        s->lcr = val;
        break;
    case UART_MCR:
        serial_write_mcr(s, val);
        break;
    case UART_LSR:
    case UART_MSR:
        log_mask_printf(LOG_GUEST_ERROR,
                        "isa-serial@%#x: write %#x to read-only %s\n",
                        s->iobase, val, addr == UART_LSR ? "LSR" : "MSR");
        break;
    case UART_SCR:
        s->scr = val;
        break;
    default:
        g_assert_not_reached();
    }
    serial_update_irq(s);
}

static const MemoryRegionOps serial_ops = {
    .read = serial_read,
    .write = serial_write,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

static size_t serial_can_receive(void *opaque)
{
    SerialState *s = opaque;

    if (s->mcr & MCR_LOOP) {
        return 0;   /* the serial input is disconnected in loopback */
    }
    return serial_rx_capacity(s) - s->rx_count;
}

static void serial_receive(void *opaque, const uint8_t *buf, size_t len)
{
    SerialState *s = opaque;

    if (s->mcr & MCR_LOOP) {
        return;
    }
    for (size_t i = 0; i < len; i++) {
        serial_rx_push(s, buf[i]);
    }
    serial_update_irq(s);
}

static bool serial_realize(DeviceState *dev, GError **errp)
{
    SerialState *s = (SerialState *)dev;
    Machine *m = dev->machine;

    if (s->iobase > 0x10000 - 8) {
        g_set_error(errp, KESTREL_ERROR, 0,
                    "isa-serial: iobase %#x out of the I/O space", s->iobase);
        return false;
    }
    if (s->irq >= MACHINE_NR_GSI) {
        g_set_error(errp, KESTREL_ERROR, 0,
                    "isa-serial: irq %u out of range (0-%d)", s->irq,
                    MACHINE_NR_GSI - 1);
        return false;
    }
    s->irq_out = &m->gsi[s->irq];
    memory_region_init_io(&s->io, &serial_ops, s, "serial", 8);
    memory_region_add_subregion(m->system_io, s->iobase, &s->io);
    chardev_set_frontend(s->chr, serial_can_receive, serial_receive, s);
    return true;
}

static void serial_unrealize(DeviceState *dev)
{
    SerialState *s = (SerialState *)dev;

    chardev_set_frontend(s->chr, NULL, NULL, NULL);
    memory_region_del_subregion(dev->machine->system_io, &s->io);
    memory_region_destroy(&s->io);
}

/*
 * Power-on state per the datasheet's reset table. The divisor latch is
 * not reset by hardware; 12 (9600 baud) stands in for whatever it held.
 */
static void serial_reset(DeviceState *dev)
{
    SerialState *s = (SerialState *)dev;

    s->ier = 0;
    s->fcr = 0;
    s->lcr = 0;
    s->mcr = 0;
    s->lsr = LSR_THRE | LSR_TEMT;
    s->msr = MSR_IDLE_INPUTS;
    s->scr = 0;
    s->divisor = 12;
    s->thr_ipending = false;
    s->rbr = 0;
    serial_rx_clear(s);
    serial_update_irq(s);
    chardev_accept_input(s->chr);
}

static const Property serial_props[] = {
    DEFINE_PROP("iobase", SerialState, iobase, PROP_UINT32, "0x3f8",
                "first of the eight I/O ports"),
    DEFINE_PROP("irq", SerialState, irq, PROP_UINT32, "4",
                "GSI the interrupt output drives"),
    { 0 }
};

DEVICE_REGISTER(serial_device,
    .name = "isa-serial",
    .desc = "16550A UART",
    .instance_size = sizeof(SerialState),
    .props = serial_props,
    .realize = serial_realize,
    .reset = serial_reset,
    .unrealize = serial_unrealize)

DeviceState *isa_serial_create(Machine *m, uint32_t iobase, unsigned irq,
                               Chardev *chr, GError **errp)
{
    DeviceState *dev = device_new("isa-serial", errp);
    SerialState *s = (SerialState *)dev;

    if (!dev) {
        return NULL;
    }
    s->iobase = iobase;
    s->irq = irq;
    s->chr = chr;
    if (!device_realize(dev, m, errp)) {
        device_destroy(dev);
        return NULL;
    }
    return dev;
}
