/* SPDX-License-Identifier: MIT */
/*
 * Chardev backends (vl/char-*.c): create the host end of a serial port or
 * debug console from a -serial / -debugcon spec. Input is watched on the
 * main thread's GMainContext (the default one), and frontend callbacks
 * run there with the big lock held.
 */
#ifndef VL_CHARDEV_BACKEND_H
#define VL_CHARDEV_BACKEND_H

#include "chardev/chardev.h"

#include <glib.h>
#include <stdbool.h>

/*
 * Specs: "stdio", "mon:stdio" (stdio with the Ctrl-A escapes), "file:PATH",
 * "null", "tcp:HOST:PORT,server[,nowait]" (HOST may be empty: loopback),
 * "unix:PATH,server[,nowait]". "none" is handled by the caller (no device
 * end at all). Returns NULL with "<spec>: <why>" on error.
 */
Chardev *chardev_new_from_spec(const char *spec, const char *label,
                               GError **errp);
void chardev_free(Chardev *chr);
/* Put stdio back as it was (called on every exit path; idempotent). */
void chardev_stdio_restore(void);

#endif
