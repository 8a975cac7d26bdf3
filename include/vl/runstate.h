/* SPDX-License-Identifier: MIT */
/*
 * Run state requests to the main loop: end the process, reset the machine.
 * Safe to call from any thread; the main loop acts on them.
 */
#ifndef VL_RUNSTATE_H
#define VL_RUNSTATE_H

/* End the run: the main loop stops the vCPUs and exits with @status. */
void runstate_request_exit(int status);
/* Reset the machine (or exit under -no-reboot). */
void runstate_request_reset(void);

#endif
