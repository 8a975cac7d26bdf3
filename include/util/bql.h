/* SPDX-License-Identifier: MIT */
/*
 * The big lock: guards device and machine state. vCPU threads take it for
 * I/O and drop it while running guest code; the main loop holds it while
 * it dispatches timers and chardev input to devices.
 */
#ifndef UTIL_BQL_H
#define UTIL_BQL_H

#include <glib.h>
#include <stdbool.h>

void bql_lock(void);
void bql_unlock(void);
/* True when the calling thread holds the big lock. */
bool bql_locked(void);
/* Wait on @cond, dropping the big lock while waiting (held on return). */
void bql_cond_wait(GCond *cond);

#endif
