/* SPDX-License-Identifier: MIT */
/*
 * A GSource over util/timer.c: prepare() tells GLib how long it may poll
 * (until the next timer deadline, rounded up to a millisecond), dispatch
 * runs the expired timers. The main loop holds the big lock except in
 * poll, so callbacks run with it held. A timer armed from a vCPU thread
 * becomes the new earliest one and wakes the context so prepare() runs
 * again with the shorter timeout.
 */
#include "timer-source.h"
#include "util/timer.h"

static gboolean timer_source_prepare(GSource *source, gint *timeout)
{
    int64_t ns = timers_next_deadline_ns();

    if (ns < 0) {
        *timeout = -1;
        return FALSE;
    }
    *timeout = (gint)MIN((ns + 999999) / 1000000, G_MAXINT);
    return ns == 0;
}

static gboolean timer_source_check(GSource *source)
{
    return timers_next_deadline_ns() == 0;
}

static gboolean timer_source_dispatch(GSource *source, GSourceFunc cb,
                                      gpointer data)
{
    timers_run_expired();
    return G_SOURCE_CONTINUE;
}

static GSourceFuncs timer_source_funcs = {
    .prepare = timer_source_prepare,
    .check = timer_source_check,
    .dispatch = timer_source_dispatch,
};

static void timer_source_wakeup(void *opaque)
{
    g_main_context_wakeup(opaque);
}

void timer_source_attach(GMainContext *ctx)
{
    GSource *source = g_source_new(&timer_source_funcs, sizeof(GSource));

    g_source_set_name(source, "timers");
    g_source_attach(source, ctx);
    g_source_unref(source);
    timers_set_notify(timer_source_wakeup, ctx);
}
