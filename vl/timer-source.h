/* SPDX-License-Identifier: MIT */
/* The GSource that runs util/timer.c's timers from the main loop. */
#ifndef VL_TIMER_SOURCE_H
#define VL_TIMER_SOURCE_H

#include <glib.h>

/*
 * Attach the timer source to @ctx (NULL: the default context). It sleeps
 * until the next timer deadline, runs expired timers with the big lock
 * held, and makes a timer armed from another thread wake the loop.
 */
void timer_source_attach(GMainContext *ctx);

#endif
