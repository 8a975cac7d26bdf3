/* SPDX-License-Identifier: MIT */
/*
 * A GSource over util/timer.c: prepare() arms a timerfd for the next
 * timer deadline (GLib's own poll timeout has only millisecond precision,
 * too coarse for a 1 kHz PIT), the fd's readiness wakes the poll, and
 * dispatch runs the expired timers. The main loop holds the big lock
 * except in poll, so callbacks run with it held. A timer armed from a
 * vCPU thread that becomes the earliest one writes an eventfd that is
 * polled beside the timerfd, so prepare() runs again and re-arms the
 * timerfd. prepare() takes a negative deadline for "no timers": util/
 * timer.c must never give one while a timer is armed (it once did, when
 * the earliest timer expired between two clock reads, and a guest
 * waiting in HLT for it hung; test-timer checks it).
 */
#include "timer-source.h"
#include "util/timer.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>
#include <unistd.h>

typedef struct TimerSource {
    GSource source;
    int fd;                 /* timerfd for the next deadline */
    gpointer tag;
    int kick_fd;            /* eventfd: the timer lists changed */
    gpointer kick_tag;
} TimerSource;

static gboolean timer_source_prepare(GSource *source, gint *timeout)
{
    TimerSource *ts = (TimerSource *)source;
    int64_t ns = timers_next_deadline_ns();
    struct itimerspec its = { 0 };

    *timeout = -1;
    if (ns == 0) {
        return TRUE;
    }
    if (ns > 0) {
        its.it_value.tv_sec = ns / NANOSECONDS_PER_SECOND;
        its.it_value.tv_nsec = ns % NANOSECONDS_PER_SECOND;
    }
    timerfd_settime(ts->fd, 0, &its, NULL);
    return FALSE;
}

static gboolean timer_source_check(GSource *source)
{
    TimerSource *ts = (TimerSource *)source;
    uint64_t expirations;

    /* Only drain the fds (EAGAIN is fine); prepare() looks again. */
    if (g_source_query_unix_fd(source, ts->tag) & G_IO_IN) {
        ssize_t n = read(ts->fd, &expirations, sizeof(expirations));

        (void)n;
    }
    if (g_source_query_unix_fd(source, ts->kick_tag) & G_IO_IN) {
        ssize_t n = read(ts->kick_fd, &expirations, sizeof(expirations));

        (void)n;
    }
    return timers_next_deadline_ns() == 0;
}

static gboolean timer_source_dispatch(GSource *source, GSourceFunc cb,
                                      gpointer data)
{
    timers_run_expired();
    return G_SOURCE_CONTINUE;
}

static void timer_source_finalize(GSource *source)
{
    close(((TimerSource *)source)->fd);
    close(((TimerSource *)source)->kick_fd);
}

static GSourceFuncs timer_source_funcs = {
    .prepare = timer_source_prepare,
    .check = timer_source_check,
    .dispatch = timer_source_dispatch,
    .finalize = timer_source_finalize,
};

static void timer_source_wakeup(void *opaque)
{
    TimerSource *ts = opaque;
    uint64_t one = 1;
    ssize_t n = write(ts->kick_fd, &one, sizeof(one));

    (void)n;                /* EAGAIN: it is readable already */
}

void timer_source_attach(GMainContext *ctx)
{
    GSource *source = g_source_new(&timer_source_funcs, sizeof(TimerSource));
    TimerSource *ts = (TimerSource *)source;

    ts->fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
    if (ts->fd < 0) {
        perror("kestrel: timerfd_create");
        abort();
    }
    ts->kick_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (ts->kick_fd < 0) {
        perror("kestrel: eventfd");
        abort();
    }
    ts->tag = g_source_add_unix_fd(source, ts->fd, G_IO_IN);
    ts->kick_tag = g_source_add_unix_fd(source, ts->kick_fd, G_IO_IN);
    g_source_set_name(source, "timers");
    timers_set_notify(timer_source_wakeup, ts);
    g_source_attach(source, ctx);
    g_source_unref(source);
}
