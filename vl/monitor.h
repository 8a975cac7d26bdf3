/* SPDX-License-Identifier: MIT */
/*
 * The monitor's command table (vl/monitor.c): one table of human-monitor
 * commands that gdb's "monitor" (qRcmd) uses today and the HMP console
 * and QMP will share. Commands run on the main thread with the big lock.
 */
#ifndef VL_MONITOR_H
#define VL_MONITOR_H

typedef struct VM VM;

/* Run one command line; returns its output (never NULL; g_free it). */
char *monitor_run_command(VM *vm, const char *line);

#endif
