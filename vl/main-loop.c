/* SPDX-License-Identifier: MIT */
/*
 * The main loop: the default GMainContext on the main thread, which holds
 * the big lock except while it sleeps in poll. Chardev input, timers and
 * signals dispatch from here; run-state requests are acted on between
 * iterations with every vCPU parked.
 */
#include "vm.h"
#include "timer-source.h"
#include "vl/chardev-backend.h"
#include "vl/runstate.h"
#include "util/bql.h"

#include <glib-unix.h>
#include <stdio.h>

bool runstate_exit_pending(int *status);
bool runstate_take_reset(void);

static gint bql_poll(GPollFD *fds, guint nfds, gint timeout)
{
    gint r;

    bql_unlock();
    r = g_poll(fds, nfds, timeout);
    bql_lock();
    return r;
}

void main_loop_wakeup(void)
{
    g_main_context_wakeup(NULL);
}

static gboolean on_signal(gpointer data)
{
    int sig = GPOINTER_TO_INT(data);

    fprintf(stderr, "kestrel: terminating on signal %d\n", sig);
    runstate_request_exit(0);
    return G_SOURCE_CONTINUE;
}

static void machine_reset_locked(VM *vm)
{
    GError *err = NULL;

    cpus_pause_all_locked(&vm->cpus);
    machine_reset_devices(&vm->pc->m);
    if (vm->kernel.kernel &&
        !pc_load_kernel(vm->pc, &vm->kernel, &vm->boot, &err)) {
        fprintf(stderr, "kestrel: reset: %s\n", err->message);
        g_error_free(err);
        runstate_request_exit(1);
        return;
    }
    vm_cpus_boot_state_locked(vm, NULL);
    cpus_resume_all_locked(&vm->cpus);
}

int main_loop_run(VM *vm)
{
    int status;

    g_main_context_set_poll_func(NULL, bql_poll);
    timer_source_attach(NULL);
    g_unix_signal_add(SIGINT, on_signal, GINT_TO_POINTER(SIGINT));
    g_unix_signal_add(SIGTERM, on_signal, GINT_TO_POINTER(SIGTERM));
    g_unix_signal_add(SIGHUP, on_signal, GINT_TO_POINTER(SIGHUP));

    while (!runstate_exit_pending(&status)) {
        if (runstate_take_reset()) {
            machine_reset_locked(vm);
            continue;
        }
        g_main_context_iteration(NULL, TRUE);
    }
    cpus_pause_all_locked(&vm->cpus);
    return status;
}
