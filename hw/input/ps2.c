/* SPDX-License-Identifier: MIT */
/*
 * The PS/2 keyboard and mouse command sets (see include/hw/input/ps2.h):
 * each byte from the controller is a command or the parameter of the one
 * before; every reply goes to the device's queue, which the i8042 drains
 * into its output buffer.
 */
#include "hw/input/ps2.h"
#include "util/log.h"

#include <string.h>

void ps2_queue_clear(PS2Queue *q)
{
    q->head = 0;
    q->count = 0;
}

bool ps2_queue_empty(const PS2Queue *q)
{
    return q->count == 0;
}

bool ps2_queue_push(PS2Queue *q, uint8_t byte)
{
    if (q->count == PS2_QUEUE_SIZE) {
        return false;
    }
    q->data[(q->head + q->count) % PS2_QUEUE_SIZE] = byte;
    q->count++;
    return true;
}

uint8_t ps2_queue_pop(PS2Queue *q)
{
    uint8_t byte;

    g_assert(q->count);
    byte = q->data[q->head];
    q->head = (q->head + 1) % PS2_QUEUE_SIZE;
    q->count--;
    return byte;
}

/* ---- keyboard ------------------------------------------------------- */

enum {
    KBD_CMD_SET_LEDS = 0xed,
    KBD_CMD_ECHO = 0xee,
    KBD_CMD_SCANCODE = 0xf0,
    KBD_CMD_GET_ID = 0xf2,
    KBD_CMD_TYPEMATIC = 0xf3,
    KBD_CMD_ENABLE = 0xf4,
    KBD_CMD_DISABLE = 0xf5,
    KBD_CMD_DEFAULTS = 0xf6,
    KBD_CMD_SET_ALL_FIRST = 0xf7,   /* 0xf7-0xfd: set-3 key types */
    KBD_CMD_SET_ALL_LAST = 0xfd,
    KBD_CMD_RESEND = 0xfe,
    KBD_CMD_RESET = 0xff,
};

#define KBD_ID_BYTE1            0xab
#define KBD_ID_BYTE2            0x83
#define KBD_ID_BYTE2_XLATED     0x41

static void kbd_send(PS2Keyboard *kbd, uint8_t byte)
{
    ps2_queue_push(&kbd->queue, byte);
    if (byte != PS2_RESEND) {
        kbd->last_sent = byte;
    }
}

static void kbd_defaults(PS2Keyboard *kbd)
{
    kbd->typematic = 0x2b;      /* 10.9 characters/s after 500 ms */
    kbd->scancode_set = 2;
}

void ps2_keyboard_reset(PS2Keyboard *kbd)
{
    memset(kbd, 0, sizeof(*kbd));
    kbd_defaults(kbd);
    kbd->scanning = true;
}

/* The scan-code set number as the host reads it: through the
 * controller's translation the set-2 answer arrives as 0x41. */
static uint8_t kbd_set_reply(PS2Keyboard *kbd, bool translated)
{
    static const uint8_t xlated[4] = { 0, 0x43, 0x41, 0x3f };

    return translated ? xlated[kbd->scancode_set] : kbd->scancode_set;
}

static void kbd_param(PS2Keyboard *kbd, uint8_t byte, bool translated)
{
    uint8_t cmd = kbd->param_cmd;

    kbd->param_cmd = 0;
    switch (cmd) {
    case KBD_CMD_SET_LEDS:
        kbd->leds = byte & 7;
        break;
    case KBD_CMD_TYPEMATIC:
        kbd->typematic = byte & 0x7f;
        break;
    case KBD_CMD_SCANCODE:
        if (byte == 0) {
            kbd_send(kbd, PS2_ACK);
            kbd_send(kbd, kbd_set_reply(kbd, translated));
            return;
        }
        if (byte > 3) {
            kbd_send(kbd, PS2_RESEND);
            return;
        }
        kbd->scancode_set = byte;
        break;
    }
    kbd_send(kbd, PS2_ACK);
}

void ps2_keyboard_write(PS2Keyboard *kbd, uint8_t byte, bool translated)
{
    if (kbd->param_cmd && byte < KBD_CMD_SET_LEDS) {
        kbd_param(kbd, byte, translated);
        return;
    }
    kbd->param_cmd = 0;
    switch (byte) {
    case KBD_CMD_SET_LEDS:
    case KBD_CMD_TYPEMATIC:
    case KBD_CMD_SCANCODE:
        kbd->param_cmd = byte;
        kbd_send(kbd, PS2_ACK);
        break;
    case KBD_CMD_ECHO:
        kbd_send(kbd, KBD_CMD_ECHO);
        break;
    case KBD_CMD_GET_ID:
        kbd_send(kbd, PS2_ACK);
        kbd_send(kbd, KBD_ID_BYTE1);
        kbd_send(kbd, translated ? KBD_ID_BYTE2_XLATED : KBD_ID_BYTE2);
        break;
    case KBD_CMD_ENABLE:
        ps2_queue_clear(&kbd->queue);
        kbd->scanning = true;
        kbd_send(kbd, PS2_ACK);
        break;
    case KBD_CMD_DISABLE:
        kbd_defaults(kbd);
        kbd->scanning = false;
        kbd_send(kbd, PS2_ACK);
        break;
    case KBD_CMD_DEFAULTS:
        kbd_defaults(kbd);
        kbd_send(kbd, PS2_ACK);
        break;
    case KBD_CMD_SET_ALL_FIRST ... KBD_CMD_SET_ALL_LAST:
        kbd_send(kbd, PS2_ACK);
        break;
    case KBD_CMD_RESEND:
        kbd_send(kbd, kbd->last_sent);
        break;
    case KBD_CMD_RESET:
        ps2_keyboard_reset(kbd);
        kbd_send(kbd, PS2_ACK);
        kbd_send(kbd, PS2_BAT_OK);
        break;
    default:
        log_mask_printf(LOG_GUEST_ERROR, "ps2-kbd: unknown command %#x\n",
                        byte);
        kbd_send(kbd, PS2_RESEND);
        break;
    }
}

/* ---- mouse ---------------------------------------------------------- */

enum {
    MOUSE_CMD_SCALING_1TO1 = 0xe6,
    MOUSE_CMD_SCALING_2TO1 = 0xe7,
    MOUSE_CMD_RESOLUTION = 0xe8,
    MOUSE_CMD_STATUS = 0xe9,
    MOUSE_CMD_STREAM = 0xea,
    MOUSE_CMD_READ_DATA = 0xeb,
    MOUSE_CMD_RESET_WRAP = 0xec,
    MOUSE_CMD_WRAP = 0xee,
    MOUSE_CMD_REMOTE = 0xf0,
    MOUSE_CMD_GET_ID = 0xf2,
    MOUSE_CMD_SAMPLE_RATE = 0xf3,
    MOUSE_CMD_ENABLE = 0xf4,
    MOUSE_CMD_DISABLE = 0xf5,
    MOUSE_CMD_DEFAULTS = 0xf6,
    MOUSE_CMD_RESEND = 0xfe,
    MOUSE_CMD_RESET = 0xff,
};

#define MOUSE_ID_STANDARD   0x00
#define MOUSE_PACKET_SYNC   0x08    /* bit 3 of a packet's first byte */

static void mouse_send(PS2Mouse *mouse, uint8_t byte)
{
    ps2_queue_push(&mouse->queue, byte);
    if (byte != PS2_RESEND) {
        mouse->last_sent = byte;
    }
}

static void mouse_defaults(PS2Mouse *mouse)
{
    mouse->sample_rate = 100;
    mouse->resolution = 2;      /* 4 counts/mm */
    mouse->scaling_2to1 = false;
    mouse->reporting = false;
}

void ps2_mouse_reset(PS2Mouse *mouse)
{
    memset(mouse, 0, sizeof(*mouse));
    mouse_defaults(mouse);
}

static void mouse_param(PS2Mouse *mouse, uint8_t byte)
{
    if (mouse->param_cmd == MOUSE_CMD_RESOLUTION) {
        mouse->resolution = byte & 3;
    } else {
        mouse->sample_rate = byte;
    }
    mouse->param_cmd = 0;
    mouse_send(mouse, PS2_ACK);
}

void ps2_mouse_write(PS2Mouse *mouse, uint8_t byte)
{
    if (mouse->param_cmd) {
        mouse_param(mouse, byte);
        return;
    }
    /* Wrap mode echoes everything but its way out and reset. */
    if (mouse->wrap && byte != MOUSE_CMD_RESET_WRAP &&
        byte != MOUSE_CMD_RESET) {
        mouse_send(mouse, byte);
        return;
    }
    switch (byte) {
    case MOUSE_CMD_SCALING_1TO1:
    case MOUSE_CMD_SCALING_2TO1:
        mouse->scaling_2to1 = byte == MOUSE_CMD_SCALING_2TO1;
        mouse_send(mouse, PS2_ACK);
        break;
    case MOUSE_CMD_RESOLUTION:
    case MOUSE_CMD_SAMPLE_RATE:
        mouse->param_cmd = byte;
        mouse_send(mouse, PS2_ACK);
        break;
    case MOUSE_CMD_STATUS:
        mouse_send(mouse, PS2_ACK);
        mouse_send(mouse, (mouse->remote ? 0x40 : 0) |
                          (mouse->reporting ? 0x20 : 0) |
                          (mouse->scaling_2to1 ? 0x10 : 0));
        mouse_send(mouse, mouse->resolution);
        mouse_send(mouse, mouse->sample_rate);
        break;
    case MOUSE_CMD_STREAM:
    case MOUSE_CMD_REMOTE:
        mouse->remote = byte == MOUSE_CMD_REMOTE;
        mouse_send(mouse, PS2_ACK);
        break;
    case MOUSE_CMD_READ_DATA:
        /* No movement and no buttons, ever. */
        mouse_send(mouse, PS2_ACK);
        mouse_send(mouse, MOUSE_PACKET_SYNC);
        mouse_send(mouse, 0);
        mouse_send(mouse, 0);
        break;
    case MOUSE_CMD_RESET_WRAP:
    case MOUSE_CMD_WRAP:
        mouse->wrap = byte == MOUSE_CMD_WRAP;
        mouse_send(mouse, PS2_ACK);
        break;
    case MOUSE_CMD_GET_ID:
        mouse_send(mouse, PS2_ACK);
        mouse_send(mouse, MOUSE_ID_STANDARD);
        break;
    case MOUSE_CMD_ENABLE:
    case MOUSE_CMD_DISABLE:
        mouse->reporting = byte == MOUSE_CMD_ENABLE;
        mouse_send(mouse, PS2_ACK);
        break;
    case MOUSE_CMD_DEFAULTS:
        mouse_defaults(mouse);
        mouse_send(mouse, PS2_ACK);
        break;
    case MOUSE_CMD_RESEND:
        mouse_send(mouse, mouse->last_sent);
        break;
    case MOUSE_CMD_RESET:
        ps2_mouse_reset(mouse);
        mouse_send(mouse, PS2_ACK);
        mouse_send(mouse, PS2_BAT_OK);
        mouse_send(mouse, MOUSE_ID_STANDARD);
        break;
    default:
        log_mask_printf(LOG_GUEST_ERROR, "ps2-mouse: unknown command %#x\n",
                        byte);
        mouse_send(mouse, PS2_RESEND);
        break;
    }
}
