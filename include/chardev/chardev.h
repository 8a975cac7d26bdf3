/* SPDX-License-Identifier: MIT */
/*
 * Character devices: the host end of a serial port or debug console
 * (stdio, a file, a socket, null). Backends live in vl/; a device (the
 * frontend) only writes bytes and registers a receive handler, through
 * the ops table below.
 *
 * Frontend callbacks run on the main thread with the big lock held.
 * chardev_write() may be called from any thread holding the big lock.
 */
#ifndef CHARDEV_CHARDEV_H
#define CHARDEV_CHARDEV_H

#include <stddef.h>
#include <stdint.h>

typedef struct Chardev Chardev;

typedef struct ChardevOps {
    /* Write all of @buf or drop what cannot be delivered; never block
     * forever (a disconnected socket drops). */
    void (*write)(Chardev *chr, const uint8_t *buf, size_t len);
    /* The frontend can take input again after can_receive said 0. */
    void (*accept_input)(Chardev *chr);
} ChardevOps;

/* A peer arrived or left (socket backends); others never say. */
typedef enum ChardevEvent {
    CHARDEV_EVENT_OPENED,
    CHARDEV_EVENT_CLOSED,
} ChardevEvent;

typedef struct ChardevFrontend {
    /* How many bytes the device can take now. */
    size_t (*can_receive)(void *opaque);
    void (*receive)(void *opaque, const uint8_t *buf, size_t len);
    void (*event)(void *opaque, ChardevEvent ev);   /* optional */
    void *opaque;
} ChardevFrontend;

struct Chardev {
    const ChardevOps *ops;
    char *label;
    ChardevFrontend fe;
};

static inline void chardev_write(Chardev *chr, const uint8_t *buf, size_t len)
{
    if (chr && chr->ops->write) {
        chr->ops->write(chr, buf, len);
    }
}

static inline void chardev_set_frontend(Chardev *chr,
                                        size_t (*can_receive)(void *),
                                        void (*receive)(void *,
                                                        const uint8_t *,
                                                        size_t),
                                        void *opaque)
{
    if (chr) {
        chr->fe.can_receive = can_receive;
        chr->fe.receive = receive;
        chr->fe.opaque = opaque;
    }
}

/* Set after chardev_set_frontend (which keeps it). */
static inline void chardev_set_event_handler(Chardev *chr,
                                             void (*event)(void *,
                                                           ChardevEvent))
{
    if (chr) {
        chr->fe.event = event;
    }
}

static inline void chardev_send_event(Chardev *chr, ChardevEvent ev)
{
    if (chr->fe.event) {
        chr->fe.event(chr->fe.opaque, ev);
    }
}

static inline void chardev_accept_input(Chardev *chr)
{
    if (chr && chr->ops->accept_input) {
        chr->ops->accept_input(chr);
    }
}

#endif
