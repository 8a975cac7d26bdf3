/* SPDX-License-Identifier: MIT */
/*
 * PS/2 keyboard and mouse as the i8042 sees them: each takes the bytes the
 * host sends (commands and their parameters) and queues its replies for
 * the controller to pick up. There is no host input yet, so the devices
 * only answer commands: resets with their self-test result, identify,
 * LEDs, typematic and scan-code set for the keyboard; rate, resolution,
 * scaling, status and modes for the mouse. Replies follow the IBM PS/2
 * Hardware Interface Technical Reference ("Keyboard and Auxiliary Device
 * Controller").
 */
#ifndef HW_INPUT_PS2_H
#define HW_INPUT_PS2_H

#include <stdbool.h>
#include <stdint.h>

#define PS2_QUEUE_SIZE  64

#define PS2_ACK         0xfa
#define PS2_RESEND      0xfe
#define PS2_BAT_OK      0xaa

typedef struct PS2Queue {
    uint8_t data[PS2_QUEUE_SIZE];
    unsigned head;
    unsigned count;
} PS2Queue;

typedef struct PS2Keyboard {
    PS2Queue queue;
    uint8_t param_cmd;      /* a command waiting for its parameter, or 0 */
    uint8_t last_sent;      /* for the resend command */
    bool scanning;
    uint8_t leds;
    uint8_t typematic;
    uint8_t scancode_set;
} PS2Keyboard;

typedef struct PS2Mouse {
    PS2Queue queue;
    uint8_t param_cmd;
    uint8_t last_sent;
    bool reporting;
    bool remote;
    bool wrap;
    bool scaling_2to1;
    uint8_t sample_rate;
    uint8_t resolution;
} PS2Mouse;

void ps2_queue_clear(PS2Queue *q);
bool ps2_queue_empty(const PS2Queue *q);
/* Drops the byte (and returns false) when the queue is full. */
bool ps2_queue_push(PS2Queue *q, uint8_t byte);
uint8_t ps2_queue_pop(PS2Queue *q);

void ps2_keyboard_reset(PS2Keyboard *kbd);
/*
 * A byte from the controller. @translated: the controller translates to
 * scan-code set 1 (its command byte's XLATE), which changes the second
 * identify byte (0x41 instead of 0x83) as seen by the host.
 */
void ps2_keyboard_write(PS2Keyboard *kbd, uint8_t byte, bool translated);

void ps2_mouse_reset(PS2Mouse *mouse);
void ps2_mouse_write(PS2Mouse *mouse, uint8_t byte);

#endif
