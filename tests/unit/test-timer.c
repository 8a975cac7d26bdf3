/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of util/timer.c: the virtual clock (pause/resume on the host
 * clock first, then the test hook that drives it by hand), timer ordering,
 * re-arming from a callback, deletion, deadlines and the notifier.
 */
#include "util/bql.h"
#include "util/timer.h"

#include <glib.h>

typedef struct Fired {
    GArray *order;              /* of int: the ids in firing order */
} Fired;

typedef struct TestTimer {
    Timer *t;
    Fired *log;
    int id;
    int64_t rearm_period;       /* > 0: re-arm itself this far ahead */
    unsigned rearm_left;
} TestTimer;

static void test_cb(void *opaque)
{
    TestTimer *tt = opaque;

    g_array_append_val(tt->log->order, tt->id);
    if (tt->rearm_period > 0 && tt->rearm_left) {
        tt->rearm_left--;
        timer_mod(tt->t, clock_get_ns(CLOCK_VIRTUAL) + tt->rearm_period);
    }
}

static TestTimer *tt_new(Fired *log, int id)
{
    TestTimer *tt = g_new0(TestTimer, 1);

    tt->t = timer_new(CLOCK_VIRTUAL, test_cb, tt);
    tt->log = log;
    tt->id = id;
    return tt;
}

static void tt_free(TestTimer *tt)
{
    timer_free(tt->t);
    g_free(tt);
}

static void fired_reset(Fired *f)
{
    g_array_set_size(f->order, 0);
}

static int fired_at(Fired *f, unsigned i)
{
    return g_array_index(f->order, int, i);
}

/* ---- the host-driven virtual clock ------------------------------------- */

static void test_clock_monotonic(void)
{
    int64_t a = clock_get_ns(CLOCK_VIRTUAL);
    int64_t b;

    g_usleep(2000);
    b = clock_get_ns(CLOCK_VIRTUAL);
    g_assert_cmpint(b, >=, a + 2000000);
    g_assert_cmpint(clock_get_ns(CLOCK_HOST), >, 1500000000LL *
                    NANOSECONDS_PER_SECOND);
}

static void test_clock_pause_resume(void)
{
    int64_t a, b, c;

    clock_virtual_pause();
    g_assert_true(clock_virtual_paused());
    a = clock_get_ns(CLOCK_VIRTUAL);
    g_usleep(5000);
    b = clock_get_ns(CLOCK_VIRTUAL);
    g_assert_cmpint(a, ==, b);
    clock_virtual_resume();
    g_assert_false(clock_virtual_paused());
    c = clock_get_ns(CLOCK_VIRTUAL);
    /* It continues from where it stopped, not 5 ms later. */
    g_assert_cmpint(c, >=, b);
    g_assert_cmpint(c - b, <, 4000000);
}

static void test_clock_paused_timers_wait(void)
{
    Fired f = { g_array_new(FALSE, FALSE, sizeof(int)) };
    TestTimer *tt = tt_new(&f, 1);

    bql_lock();
    clock_virtual_pause();
    timer_mod(tt->t, clock_get_ns(CLOCK_VIRTUAL));
    g_assert_cmpint(timers_next_deadline_ns(), ==, -1);
    g_assert_false(timers_run_expired());
    g_assert_cmpuint(f.order->len, ==, 0);
    clock_virtual_resume();
    g_assert_cmpint(timers_next_deadline_ns(), ==, 0);
    g_assert_true(timers_run_expired());
    g_assert_cmpuint(f.order->len, ==, 1);
    tt_free(tt);
    bql_unlock();
    g_array_free(f.order, TRUE);
}

/*
 * While a timer is armed the deadline is never negative, not even when
 * the timer expires in the middle of the computation: a negative value
 * once read as "no timers" and left a guest halted for ever. Many timers
 * a few hundred ns ahead, the deadline polled across each expiry.
 */
static void test_clock_deadline_across_expiry(void)
{
    Fired f = { g_array_new(FALSE, FALSE, sizeof(int)) };
    TestTimer *tt = tt_new(&f, 1);
    int64_t worst = 0;

    bql_lock();
    for (int i = 0; i < 2000; i++) {
        int64_t d;

        timer_mod(tt->t, clock_get_ns(CLOCK_VIRTUAL) + 300 + i % 7 * 50);
        do {
            d = timers_next_deadline_ns();
            worst = MIN(worst, d);
        } while (d > 0);
        g_assert_true(timers_run_expired());
    }
    g_assert_cmpint(worst, ==, 0);
    g_assert_cmpuint(f.order->len, ==, 2000);
    tt_free(tt);
    bql_unlock();
    g_array_free(f.order, TRUE);
}

/* ---- the hand-driven virtual clock -------------------------------------- */

static void test_order(void)
{
    Fired f = { g_array_new(FALSE, FALSE, sizeof(int)) };
    TestTimer *tt[5];
    static const int64_t when[5] = { 500, 100, 300, 100, 200 };

    bql_lock();
    clock_virtual_set_test_ns(0);
    for (int i = 0; i < 5; i++) {
        tt[i] = tt_new(&f, i);
        timer_mod(tt[i]->t, when[i]);
        g_assert_true(timer_pending(tt[i]->t));
        g_assert_cmpint(timer_expire_time(tt[i]->t), ==, when[i]);
    }
    g_assert_false(timers_run_expired());
    clock_virtual_set_test_ns(250);
    g_assert_true(timers_run_expired());
    /* 100 (armed first), 100 (armed second), 200. */
    g_assert_cmpuint(f.order->len, ==, 3);
    g_assert_cmpint(fired_at(&f, 0), ==, 1);
    g_assert_cmpint(fired_at(&f, 1), ==, 3);
    g_assert_cmpint(fired_at(&f, 2), ==, 4);
    g_assert_false(timer_pending(tt[1]->t));
    g_assert_cmpint(timer_expire_time(tt[1]->t), ==, -1);
    clock_virtual_set_test_ns(1000);
    timers_run_expired();
    g_assert_cmpuint(f.order->len, ==, 5);
    g_assert_cmpint(fired_at(&f, 3), ==, 2);
    g_assert_cmpint(fired_at(&f, 4), ==, 0);
    for (int i = 0; i < 5; i++) {
        tt_free(tt[i]);
    }
    bql_unlock();
    g_array_free(f.order, TRUE);
}

static void test_rearm_from_callback(void)
{
    Fired f = { g_array_new(FALSE, FALSE, sizeof(int)) };
    TestTimer *tt = tt_new(&f, 7);

    bql_lock();
    clock_virtual_set_test_ns(10000);
    tt->rearm_period = 1000;
    tt->rearm_left = 3;
    timer_mod(tt->t, 11000);
    for (int64_t now = 10500; now <= 16000; now += 500) {
        clock_virtual_set_test_ns(now);
        timers_run_expired();
    }
    /* Fired at 11000, re-armed at 12000, 13000, 14000, then done. */
    g_assert_cmpuint(f.order->len, ==, 4);
    g_assert_false(timer_pending(tt->t));
    tt_free(tt);
    bql_unlock();
    g_array_free(f.order, TRUE);
}

static void del_other_cb(void *opaque)
{
    timer_del(opaque);
}

static void test_delete(void)
{
    Fired f = { g_array_new(FALSE, FALSE, sizeof(int)) };
    TestTimer *a = tt_new(&f, 1);
    TestTimer *b = tt_new(&f, 2);
    Timer *killer;

    bql_lock();
    clock_virtual_set_test_ns(0);
    timer_mod(a->t, 100);
    timer_mod(b->t, 200);
    timer_del(a->t);
    timer_del(a->t);            /* twice is fine */
    g_assert_false(timer_pending(a->t));
    clock_virtual_set_test_ns(300);
    timers_run_expired();
    g_assert_cmpuint(f.order->len, ==, 1);
    g_assert_cmpint(fired_at(&f, 0), ==, 2);

    /* A callback deletes a timer due in the same run. */
    fired_reset(&f);
    killer = timer_new(CLOCK_VIRTUAL, del_other_cb, b->t);
    timer_mod(killer, 400);
    timer_mod(b->t, 400);
    clock_virtual_set_test_ns(400);
    timers_run_expired();
    g_assert_cmpuint(f.order->len, ==, 0);

    /* Re-arming moves a timer rather than adding it twice. */
    timer_mod(a->t, 500);
    timer_mod(a->t, 450);
    clock_virtual_set_test_ns(600);
    timers_run_expired();
    g_assert_cmpuint(f.order->len, ==, 1);
    timer_free(killer);
    tt_free(a);
    tt_free(b);
    bql_unlock();
    g_array_free(f.order, TRUE);
}

static unsigned notified;

static void count_notify(void *opaque)
{
    notified++;
}

static void test_deadline(void)
{
    Fired f = { g_array_new(FALSE, FALSE, sizeof(int)) };
    TestTimer *a = tt_new(&f, 1);
    TestTimer *b = tt_new(&f, 2);

    bql_lock();
    timers_set_notify(count_notify, NULL);
    clock_virtual_set_test_ns(1000);
    g_assert_cmpint(timers_next_deadline_ns(), ==, -1);
    notified = 0;
    timer_mod(a->t, 5000);
    g_assert_cmpuint(notified, ==, 1);
    g_assert_cmpint(timers_next_deadline_ns(), ==, 4000);
    timer_mod(b->t, 9000);      /* not the earliest: no wakeup needed */
    g_assert_cmpuint(notified, ==, 1);
    timer_mod(b->t, 2000);
    g_assert_cmpuint(notified, ==, 2);
    g_assert_cmpint(timers_next_deadline_ns(), ==, 1000);
    clock_virtual_set_test_ns(3000);
    g_assert_cmpint(timers_next_deadline_ns(), ==, 0);
    timers_run_expired();
    g_assert_cmpint(timers_next_deadline_ns(), ==, 2000);
    timer_del(a->t);
    g_assert_cmpint(timers_next_deadline_ns(), ==, -1);
    timers_set_notify(NULL, NULL);
    tt_free(a);
    tt_free(b);
    bql_unlock();
    g_array_free(f.order, TRUE);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    /* The host-clock suite runs first: the test hook takes the clock over. */
    g_test_add_func("/timer/host-clock/monotonic", test_clock_monotonic);
    g_test_add_func("/timer/host-clock/pause-resume", test_clock_pause_resume);
    g_test_add_func("/timer/host-clock/paused-timers-wait",
                    test_clock_paused_timers_wait);
    g_test_add_func("/timer/host-clock/deadline-across-expiry",
                    test_clock_deadline_across_expiry);
    g_test_add_func("/timer/test-clock/order", test_order);
    g_test_add_func("/timer/test-clock/rearm-from-callback", test_rearm_from_callback);
    g_test_add_func("/timer/test-clock/delete", test_delete);
    g_test_add_func("/timer/test-clock/deadline", test_deadline);
    return g_test_run();
}
