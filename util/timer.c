/* SPDX-License-Identifier: MIT */
/*
 * Clocks and timers (see include/util/timer.h). The virtual clock is host
 * CLOCK_MONOTONIC minus an offset that grows by the time spent paused; a
 * small mutex guards it so any thread may read it. The timer lists are
 * one sorted GQueue per clock, touched only under the big lock.
 */
#include "util/timer.h"
#include "util/bql.h"

#include <glib.h>
#include <time.h>

struct Timer {
    TimerClock clock;
    TimerCallback cb;
    void *opaque;
    int64_t expire;             /* -1: not armed */
};

static GMutex clock_lock;
static bool virtual_started;
static int64_t virtual_offset;  /* virtual = monotonic - offset */
static bool virtual_paused;
static int64_t virtual_paused_at;
static bool virtual_test;
static int64_t virtual_test_ns;

static GQueue timer_lists[TIMER_CLOCK_MAX] = {
    G_QUEUE_INIT, G_QUEUE_INIT,
};
static void (*timers_notify)(void *opaque);
static void *timers_notify_opaque;

static int64_t host_ns(clockid_t id)
{
    struct timespec ts;

    clock_gettime(id, &ts);
    return ts.tv_sec * NANOSECONDS_PER_SECOND + ts.tv_nsec;
}

static int64_t virtual_ns_locked(void)
{
    int64_t mono;

    if (virtual_test) {
        return virtual_test_ns;
    }
    if (virtual_paused) {
        return virtual_paused_at;
    }
    mono = host_ns(CLOCK_MONOTONIC);
    if (!virtual_started) {
        virtual_started = true;
        virtual_offset = mono;
    }
    return mono - virtual_offset;
}

int64_t clock_get_ns(TimerClock clock)
{
    int64_t ns;

    switch (clock) {
    case CLOCK_VIRTUAL:
        g_mutex_lock(&clock_lock);
        ns = virtual_ns_locked();
        g_mutex_unlock(&clock_lock);
        return ns;
    case CLOCK_HOST:
        return host_ns(CLOCK_REALTIME);
    default:
        g_assert_not_reached();
    }
}

static void timers_kick(void)
{
    if (timers_notify) {
        timers_notify(timers_notify_opaque);
    }
}

void clock_virtual_pause(void)
{
    g_mutex_lock(&clock_lock);
    if (!virtual_paused) {
        virtual_paused_at = virtual_ns_locked();
        virtual_paused = true;
    }
    g_mutex_unlock(&clock_lock);
}

void clock_virtual_resume(void)
{
    g_mutex_lock(&clock_lock);
    if (virtual_paused) {
        virtual_paused = false;
        if (!virtual_test) {
            virtual_offset = host_ns(CLOCK_MONOTONIC) - virtual_paused_at;
        }
    }
    g_mutex_unlock(&clock_lock);
    timers_kick();
}

bool clock_virtual_paused(void)
{
    bool paused;

    g_mutex_lock(&clock_lock);
    paused = virtual_paused;
    g_mutex_unlock(&clock_lock);
    return paused;
}

void clock_virtual_set_test_ns(int64_t ns)
{
    g_mutex_lock(&clock_lock);
    virtual_test = true;
    virtual_test_ns = ns;
    if (virtual_paused) {
        virtual_paused_at = ns;
    }
    g_mutex_unlock(&clock_lock);
}

Timer *timer_new(TimerClock clock, TimerCallback cb, void *opaque)
{
    Timer *t = g_new0(Timer, 1);

    g_assert(clock < TIMER_CLOCK_MAX);
    t->clock = clock;
    t->cb = cb;
    t->opaque = opaque;
    t->expire = -1;
    return t;
}

void timer_free(Timer *t)
{
    if (t) {
        timer_del(t);
        g_free(t);
    }
}

void timer_del(Timer *t)
{
    g_assert(bql_locked());
    if (t->expire >= 0) {
        g_queue_remove(&timer_lists[t->clock], t);
        t->expire = -1;
    }
}

void timer_mod(Timer *t, int64_t expire_ns)
{
    GQueue *q = &timer_lists[t->clock];
    GList *after;

    timer_del(t);
    after = q->tail;

    t->expire = MAX(expire_ns, 0);
    /* From the back: equal expiry times sort after those already armed. */
    while (after && ((Timer *)after->data)->expire > t->expire) {
        after = after->prev;
    }
    if (after) {
        g_queue_insert_after(q, after, t);
    } else {
        g_queue_push_head(q, t);
    }
    if (g_queue_peek_head(q) == t) {
        timers_kick();
    }
}

bool timer_pending(const Timer *t)
{
    return t->expire >= 0;
}

int64_t timer_expire_time(const Timer *t)
{
    return t->expire;
}

int64_t timers_next_deadline_ns(void)
{
    int64_t best = -1;

    g_assert(bql_locked());
    for (int c = 0; c < TIMER_CLOCK_MAX; c++) {
        Timer *head = g_queue_peek_head(&timer_lists[c]);
        int64_t left;

        if (!head || (c == CLOCK_VIRTUAL && clock_virtual_paused())) {
            continue;
        }
        /* One clock read: MAX() would read the clock twice, and a head
         * expiring between the reads gave a negative "deadline" that the
         * main loop took for "no timers" (the guest then hung in HLT). */
        left = head->expire - clock_get_ns(c);
        left = MAX(left, 0);
        if (best < 0 || left < best) {
            best = left;
        }
    }
    return best;
}

bool timers_run_expired(void)
{
    bool ran = false;

    g_assert(bql_locked());
    for (int c = 0; c < TIMER_CLOCK_MAX; c++) {
        GQueue *q = &timer_lists[c];
        int64_t now;

        if (c == CLOCK_VIRTUAL && clock_virtual_paused()) {
            continue;
        }
        now = clock_get_ns(c);
        for (;;) {
            Timer *t = g_queue_peek_head(q);

            if (!t || t->expire > now) {
                break;
            }
            g_queue_pop_head(q);
            t->expire = -1;
            t->cb(t->opaque);
            ran = true;
        }
    }
    return ran;
}

void timers_set_notify(void (*notify)(void *opaque), void *opaque)
{
    timers_notify = notify;
    timers_notify_opaque = opaque;
}
