/* SPDX-License-Identifier: MIT */
/*
 * The 8042 keyboard controller of the PC/AT and PS/2 ("i8042"), after the
 * IBM PS/2 Hardware Interface Technical Reference: a status register and
 * command port at 0x64, a one-byte output buffer and the input buffer at
 * 0x60, 32 bytes of RAM whose byte 0 is the command byte, an output port
 * with the reset line and the A20 gate, a keyboard port and an auxiliary
 * (mouse) port, each with its own interrupt.
 *
 * Bytes waiting for the output buffer come from three places, in this
 * order of priority: the controller's own replies (self-tests, RAM reads,
 * the write-output-buffer commands), then the keyboard, then the mouse;
 * a disabled port keeps its bytes until it is enabled again. The input
 * buffer is never busy. IRQ 1 and IRQ 12 follow the output buffer while
 * the command byte enables them, and drop for a moment whenever the guest
 * reads a byte, so each byte gives an edge-triggered PIC a new edge.
 *
 * Scan-code translation only matters for keystrokes, and there is no host
 * input yet: the controller only passes its XLATE bit to the keyboard for
 * the identify reply.
 */
#include "hw/input/i8042.h"
#include "hw/input/ps2.h"
#include "util/log.h"

#include <string.h>

/* Status register. */
#define STAT_OBF            0x01
#define STAT_IBF            0x02
#define STAT_SYS            0x04
#define STAT_CMD            0x08    /* last write went to 0x64 */
#define STAT_UNLOCKED       0x10    /* keyboard inhibit switch off */
#define STAT_AUX_OBF        0x20

/* Command byte (RAM byte 0). */
#define CTR_KBD_INT         0x01
#define CTR_AUX_INT         0x02
#define CTR_SYS             0x04
#define CTR_KBD_DISABLE     0x10
#define CTR_AUX_DISABLE     0x20
#define CTR_XLATE           0x40

/* Output port. */
#define OUT_RESET           0x01    /* low: the system is held in reset */
#define OUT_A20             0x02
#define OUT_KBD_OBF         0x10
#define OUT_AUX_OBF         0x20

/* Controller commands. */
enum {
    CMD_READ_RAM = 0x20,            /* 0x20-0x3f */
    CMD_WRITE_RAM = 0x60,           /* 0x60-0x7f */
    CMD_PASSWORD_CHECK = 0xa4,
    CMD_AUX_DISABLE = 0xa7,
    CMD_AUX_ENABLE = 0xa8,
    CMD_AUX_TEST = 0xa9,
    CMD_SELF_TEST = 0xaa,
    CMD_KBD_TEST = 0xab,
    CMD_KBD_DISABLE = 0xad,
    CMD_KBD_ENABLE = 0xae,
    CMD_READ_INPUT = 0xc0,
    CMD_READ_OUTPUT = 0xd0,
    CMD_WRITE_OUTPUT = 0xd1,
    CMD_WRITE_KBD_OBUF = 0xd2,
    CMD_WRITE_AUX_OBUF = 0xd3,
    CMD_WRITE_AUX = 0xd4,
    CMD_A20_DISABLE = 0xdd,
    CMD_A20_ENABLE = 0xdf,
    CMD_READ_TEST = 0xe0,
    CMD_PULSE_FIRST = 0xf0,         /* 0xf0-0xff: pulse output bits 3-0 */
};

#define SELF_TEST_OK        0x55
#define PORT_TEST_OK        0x00
#define NO_PASSWORD         0xf1
#define INPUT_PORT_VALUE    0x80    /* keyboard not inhibited */
#define RAM_SIZE            32

/* A controller reply tagged with the port it pretends to come from. */
#define REPLY_AUX           0x100

typedef struct I8042State {
    DeviceState parent;
    MemoryRegion io_data;
    MemoryRegion io_cmd;
    IRQLine *kbd_irq;
    IRQLine *aux_irq;
    bool kbd_level;
    bool aux_level;

    uint8_t ram[RAM_SIZE];          /* ram[0] is the command byte */
    uint8_t status;                 /* SYS and CMD; the rest is computed */
    uint8_t outport;                /* reset and A20 bits */
    uint8_t pending;                /* command waiting for a data byte */
    uint8_t obuf;
    bool obf;
    bool obuf_aux;
    uint16_t replies[8];
    unsigned nr_replies;

    PS2Keyboard kbd;
    PS2Mouse mouse;
    Port92A20Notify a20_changed;
    void *a20_opaque;
} I8042State;

static void i8042_update_irq(I8042State *s)
{
    bool kbd = s->obf && !s->obuf_aux && (s->ram[0] & CTR_KBD_INT);
    bool aux = s->obf && s->obuf_aux && (s->ram[0] & CTR_AUX_INT);

    if (kbd != s->kbd_level) {
        s->kbd_level = kbd;
        irq_set_level(s->kbd_irq, kbd);
    }
    if (aux != s->aux_level) {
        s->aux_level = aux;
        irq_set_level(s->aux_irq, aux);
    }
}

/* Move the next waiting byte into an empty output buffer. */
static void i8042_refill(I8042State *s)
{
    if (!s->obf) {
        if (s->nr_replies) {
            uint16_t r = s->replies[0];

            s->nr_replies--;
            memmove(s->replies, s->replies + 1,
                    s->nr_replies * sizeof(s->replies[0]));
            s->obuf = r;
            s->obuf_aux = r & REPLY_AUX;
            s->obf = true;
        } else if (!(s->ram[0] & CTR_KBD_DISABLE) &&
                   !ps2_queue_empty(&s->kbd.queue)) {
            s->obuf = ps2_queue_pop(&s->kbd.queue);
            s->obuf_aux = false;
            s->obf = true;
        } else if (!(s->ram[0] & CTR_AUX_DISABLE) &&
                   !ps2_queue_empty(&s->mouse.queue)) {
            s->obuf = ps2_queue_pop(&s->mouse.queue);
            s->obuf_aux = true;
            s->obf = true;
        }
    }
    i8042_update_irq(s);
}

static void i8042_reply(I8042State *s, uint8_t byte, bool aux)
{
    if (s->nr_replies == G_N_ELEMENTS(s->replies)) {
        log_mask_printf(LOG_GUEST_ERROR, "i8042: reply %#x lost, %u unread\n",
                        byte, s->nr_replies);
        return;
    }
    s->replies[s->nr_replies++] = byte | (aux ? REPLY_AUX : 0);
}

static void i8042_set_outport(I8042State *s, uint8_t val)
{
    uint8_t old = s->outport;

    s->outport = val & (OUT_RESET | OUT_A20);
    if (((old ^ s->outport) & OUT_A20) && s->a20_changed) {
        s->a20_changed(s->a20_opaque, s->outport & OUT_A20);
    }
    if (!(val & OUT_RESET)) {
        log_mask_printf(LOG_CPU_RESET, "i8042: reset line pulsed\n");
        s->outport |= OUT_RESET;
        machine_request_reset(s->parent.machine);
    }
}

static uint8_t i8042_read_outport(I8042State *s)
{
    return s->outport | (s->obf && !s->obuf_aux ? OUT_KBD_OBF : 0) |
           (s->obf && s->obuf_aux ? OUT_AUX_OBF : 0);
}

static void i8042_command(I8042State *s, uint8_t cmd)
{
    switch (cmd) {
    case CMD_READ_RAM ... CMD_READ_RAM + RAM_SIZE - 1:
        i8042_reply(s, s->ram[cmd - CMD_READ_RAM], false);
        break;
    case CMD_WRITE_RAM ... CMD_WRITE_RAM + RAM_SIZE - 1:
    case CMD_WRITE_OUTPUT:
    case CMD_WRITE_KBD_OBUF:
    case CMD_WRITE_AUX_OBUF:
    case CMD_WRITE_AUX:
        s->pending = cmd;
        break;
    case CMD_PASSWORD_CHECK:
        i8042_reply(s, NO_PASSWORD, false);
        break;
    case CMD_AUX_DISABLE:
        s->ram[0] |= CTR_AUX_DISABLE;
        break;
    case CMD_AUX_ENABLE:
        s->ram[0] &= ~CTR_AUX_DISABLE;
        break;
    case CMD_AUX_TEST:
    case CMD_KBD_TEST:
        i8042_reply(s, PORT_TEST_OK, false);
        break;
    case CMD_SELF_TEST:
        s->status |= STAT_SYS;
        i8042_reply(s, SELF_TEST_OK, false);
        break;
    case CMD_KBD_DISABLE:
        s->ram[0] |= CTR_KBD_DISABLE;
        break;
    case CMD_KBD_ENABLE:
        s->ram[0] &= ~CTR_KBD_DISABLE;
        break;
    case CMD_READ_INPUT:
        i8042_reply(s, INPUT_PORT_VALUE, false);
        break;
    case CMD_READ_OUTPUT:
        i8042_reply(s, i8042_read_outport(s), false);
        break;
    case CMD_A20_DISABLE:
        i8042_set_outport(s, s->outport & ~OUT_A20);
        break;
    case CMD_A20_ENABLE:
        i8042_set_outport(s, s->outport | OUT_A20);
        break;
    case CMD_READ_TEST:
        i8042_reply(s, 0, false);
        break;
    case CMD_PULSE_FIRST ... 0xff:
        /* Bits 3-0 low pulse output port bits 3-0; only bit 0 is wired. */
        if (!(cmd & OUT_RESET)) {
            i8042_set_outport(s, s->outport & ~OUT_RESET);
        }
        break;
    default:
        log_mask_printf(LOG_UNIMP, "i8042: command %#x\n", cmd);
        break;
    }
}

static void i8042_data(I8042State *s, uint8_t val)
{
    uint8_t cmd = s->pending;

    s->pending = 0;
    switch (cmd) {
    case 0:
        ps2_keyboard_write(&s->kbd, val, s->ram[0] & CTR_XLATE);
        break;
    case CMD_WRITE_RAM ... CMD_WRITE_RAM + RAM_SIZE - 1:
        s->ram[cmd - CMD_WRITE_RAM] = val;
        if (cmd == CMD_WRITE_RAM) {
            s->status = (s->status & ~STAT_SYS) | (val & CTR_SYS);
        }
        break;
    case CMD_WRITE_OUTPUT:
        i8042_set_outport(s, val);
        break;
    case CMD_WRITE_KBD_OBUF:
    case CMD_WRITE_AUX_OBUF:
        i8042_reply(s, val, cmd == CMD_WRITE_AUX_OBUF);
        break;
    case CMD_WRITE_AUX:
        ps2_mouse_write(&s->mouse, val);
        break;
    default:
        g_assert_not_reached();
    }
}

static uint64_t i8042_data_read(void *opaque, hwaddr addr, unsigned size)
{
    I8042State *s = opaque;
    uint8_t val = s->obuf;

    if (s->obf) {
        s->obf = false;
        i8042_update_irq(s);
        i8042_refill(s);
    }
    return val;
}

static void i8042_data_write(void *opaque, hwaddr addr, uint64_t val,
                             unsigned size)
{
    I8042State *s = opaque;

    s->status &= ~STAT_CMD;
    i8042_data(s, val);
    i8042_refill(s);
}

static uint64_t i8042_status_read(void *opaque, hwaddr addr, unsigned size)
{
    I8042State *s = opaque;

    return s->status | STAT_UNLOCKED | (s->obf ? STAT_OBF : 0) |
           (s->obf && s->obuf_aux ? STAT_AUX_OBF : 0);
}

static void i8042_command_write(void *opaque, hwaddr addr, uint64_t val,
                                unsigned size)
{
    I8042State *s = opaque;

    s->status |= STAT_CMD;
    s->pending = 0;
    i8042_command(s, val);
    i8042_refill(s);
}

static const MemoryRegionOps i8042_data_ops = {
    .read = i8042_data_read,
    .write = i8042_data_write,
    .valid = { .min_access_size = 1, .max_access_size = 1 },
};

static const MemoryRegionOps i8042_cmd_ops = {
    .read = i8042_status_read,
    .write = i8042_command_write,
    .valid = { .min_access_size = 1, .max_access_size = 1 },
};

static bool i8042_realize(DeviceState *dev, GError **errp)
{
    I8042State *s = (I8042State *)dev;
    Machine *m = dev->machine;

    s->kbd_irq = &m->gsi[I8042_KBD_IRQ];
    s->aux_irq = &m->gsi[I8042_AUX_IRQ];
    memory_region_init_io(&s->io_data, &i8042_data_ops, s, "i8042-data", 1);
    memory_region_init_io(&s->io_cmd, &i8042_cmd_ops, s, "i8042-cmd", 1);
    memory_region_add_subregion(m->system_io, I8042_DATA_PORT, &s->io_data);
    memory_region_add_subregion(m->system_io, I8042_CMD_PORT, &s->io_cmd);
    return true;
}

static void i8042_unrealize(DeviceState *dev)
{
    I8042State *s = (I8042State *)dev;

    memory_region_del_subregion(dev->machine->system_io, &s->io_data);
    memory_region_del_subregion(dev->machine->system_io, &s->io_cmd);
    memory_region_destroy(&s->io_data);
    memory_region_destroy(&s->io_cmd);
}

/*
 * As the firmware leaves it after POST: keyboard interrupt on, mouse
 * port disabled, translation on, self-test passed (SYS); reset line high
 * and the A20 gate open, as the CPU comes out of reset with A20 unmasked
 * in Kestrel.
 */
static void i8042_reset(DeviceState *dev)
{
    I8042State *s = (I8042State *)dev;

    memset(s->ram, 0, sizeof(s->ram));
    s->ram[0] = CTR_KBD_INT | CTR_SYS | CTR_AUX_DISABLE | CTR_XLATE;
    s->status = STAT_SYS;
    s->pending = 0;
    s->obf = false;
    s->nr_replies = 0;
    ps2_keyboard_reset(&s->kbd);
    ps2_mouse_reset(&s->mouse);
    i8042_set_outport(s, OUT_RESET | OUT_A20);
    i8042_update_irq(s);
}

DEVICE_REGISTER(i8042_device,
    .name = "i8042",
    .desc = "PS/2 keyboard controller with keyboard and mouse",
    .instance_size = sizeof(I8042State),
    .realize = i8042_realize,
    .reset = i8042_reset,
    .unrealize = i8042_unrealize)

DeviceState *i8042_create(Machine *m, GError **errp)
{
    DeviceState *dev = device_new("i8042", errp);

    if (dev && !device_realize(dev, m, errp)) {
        device_destroy(dev);
        return NULL;
    }
    return dev;
}

bool i8042_a20_enabled(DeviceState *dev)
{
    g_assert(dev->cls == &i8042_device);
    return ((I8042State *)dev)->outport & OUT_A20;
}

void i8042_set_a20_notifier(DeviceState *dev, Port92A20Notify notify,
                            void *opaque)
{
    I8042State *s = (I8042State *)dev;

    g_assert(dev->cls == &i8042_device);
    s->a20_changed = notify;
    s->a20_opaque = opaque;
}
