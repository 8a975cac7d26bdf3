/* SPDX-License-Identifier: MIT */
/*
 * Clocks and timers. CLOCK_VIRTUAL is the guest's time: host monotonic
 * time that stands still while the VM is paused (clock_virtual_pause /
 * clock_virtual_resume), in nanoseconds from the first time anyone looked
 * at it. CLOCK_HOST is wall-clock time (nanoseconds since the epoch).
 *
 * A Timer calls its callback once its clock reaches the expiry time.
 * Every timer of the process sits on one list per clock (the process has
 * one of each, so they are module state). The main loop asks
 * timers_next_deadline_ns() how long it may sleep and calls
 * timers_run_expired() when it wakes; vl/timer-source.c does that with a
 * GSource. Timers are armed, disarmed and run with the big lock held;
 * arming one from another thread wakes the main loop through the notifier
 * it installs with timers_set_notify().
 */
#ifndef UTIL_TIMER_H
#define UTIL_TIMER_H

#include <stdbool.h>
#include <stdint.h>

typedef enum TimerClock {
    CLOCK_VIRTUAL,
    CLOCK_HOST,
    TIMER_CLOCK_MAX,
} TimerClock;

#define NANOSECONDS_PER_SECOND 1000000000LL

typedef void (*TimerCallback)(void *opaque);
typedef struct Timer Timer;

/* The clock's current time in nanoseconds; any thread, no lock needed. */
int64_t clock_get_ns(TimerClock clock);
/* Stop CLOCK_VIRTUAL (VM paused) and start it again where it stopped. */
void clock_virtual_pause(void);
void clock_virtual_resume(void);
bool clock_virtual_paused(void);

/*
 * Test hook: from now on CLOCK_VIRTUAL reads exactly @ns (it no longer
 * follows the host) until the next call. Expired timers are not run; call
 * timers_run_expired() for that.
 */
void clock_virtual_set_test_ns(int64_t ns);

Timer *timer_new(TimerClock clock, TimerCallback cb, void *opaque);
/* Disarm and free; NULL is accepted. */
void timer_free(Timer *t);
/* Arm (or re-arm) @t to fire once its clock reads @expire_ns or later. */
void timer_mod(Timer *t, int64_t expire_ns);
void timer_del(Timer *t);
bool timer_pending(const Timer *t);
/* The expiry time of an armed timer; -1 when it is not armed. */
int64_t timer_expire_time(const Timer *t);

/*
 * Nanoseconds until the first armed timer expires: 0 if one is already
 * due, -1 if none is armed (virtual timers do not count while the virtual
 * clock is paused).
 */
int64_t timers_next_deadline_ns(void);
/*
 * Run the callbacks of every expired timer, earliest first (timers with
 * the same expiry in the order they were armed). A callback may arm or
 * delete any timer, itself included. Returns whether any ran.
 */
bool timers_run_expired(void);
/*
 * @notify(@opaque) is called (from whichever thread armed the timer)
 * when a timer becomes the earliest of its clock, or the virtual clock
 * resumes, so the main loop can recompute its sleep.
 */
void timers_set_notify(void (*notify)(void *opaque), void *opaque);

#endif
