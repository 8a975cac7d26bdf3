/* SPDX-License-Identifier: MIT */
/*
 * The monitor's commands: a table of name, argument synopsis, help line
 * and handler; "info" has a table of its own. A handler appends its
 * output to a GString. The vCPUs are paused around commands that read
 * their state, unless they already were (a debugger stopped them).
 */
#include "vm.h"
#include "vl/gdbstub.h"
#include "vl/monitor.h"
#include "target-i386/cpu.h"
#include "target-i386/gdb.h"

#include <inttypes.h>
#include <string.h>

typedef struct MonitorCommand {
    const char *name;
    const char *args;
    const char *help;
    void (*run)(VM *vm, GString *out, char **argv);
} MonitorCommand;

static const MonitorCommand monitor_commands[];
static const MonitorCommand info_commands[];

static bool all_stopped(VM *vm)
{
    for (guint i = 0; i < vm->cpus.cpus->len; i++) {
        CPUState *cpu = g_ptr_array_index(vm->cpus.cpus, i);

        if (!cpu->stop) {
            return false;
        }
    }
    return true;
}

/* Pause the vCPUs for a look at their state; true if they must resume. */
static bool pause_for_state(VM *vm)
{
    bool resume = !all_stopped(vm);

    cpus_pause_all_locked(&vm->cpus);
    return resume;
}

static void info_registers(VM *vm, GString *out, char **argv)
{
    bool resume = pause_for_state(vm);

    for (guint i = 0; i < vm->cpus.cpus->len; i++) {
        CPUState *cpu = g_ptr_array_index(vm->cpus.cpus, i);
        g_autofree char *dump = x86_cpu_dump_state(cpu->env);

        if (vm->cpus.cpus->len > 1) {
            g_string_append_printf(out, "CPU#%u\n", cpu->index);
        }
        g_string_append(out, dump);
    }
    if (resume) {
        cpus_resume_all_locked(&vm->cpus);
    }
}

static void info_cpus(VM *vm, GString *out, char **argv)
{
    bool resume = pause_for_state(vm);

    for (guint i = 0; i < vm->cpus.cpus->len; i++) {
        CPUState *cpu = g_ptr_array_index(vm->cpus.cpus, i);

        g_string_append_printf(out, "%c CPU #%u: pc=0x%016" PRIx64 "%s\n",
                               i ? ' ' : '*', cpu->index,
                               x86_gdb_pc(cpu->env),
                               cpu->halted ? " (halted)" : "");
    }
    if (resume) {
        cpus_resume_all_locked(&vm->cpus);
    }
}

static const MonitorCommand *find_command(const MonitorCommand *table,
                                          const char *name)
{
    for (const MonitorCommand *c = table; name && c->name; c++) {
        if (!strcmp(c->name, name)) {
            return c;
        }
    }
    return NULL;
}

static void list_commands(GString *out, const MonitorCommand *table,
                          const char *prefix)
{
    for (const MonitorCommand *c = table; c->name; c++) {
        g_autofree char *syn = g_strdup_printf("%s%s%s%s", prefix, c->name,
                                               c->args ? " " : "",
                                               c->args ? c->args : "");

        g_string_append_printf(out, "%-28s -- %s\n", syn, c->help);
    }
}

static void cmd_info(VM *vm, GString *out, char **argv)
{
    const MonitorCommand *c = find_command(info_commands, argv[1]);

    if (!c) {
        if (argv[1]) {
            g_string_append_printf(out, "info: no such item '%s'\n", argv[1]);
        }
        list_commands(out, info_commands, "info ");
        return;
    }
    c->run(vm, out, argv + 1);
}

static void cmd_help(VM *vm, GString *out, char **argv)
{
    list_commands(out, monitor_commands, "");
    list_commands(out, info_commands, "info ");
}

static void cmd_gdbarch(VM *vm, GString *out, char **argv)
{
    const char *name;
    bool forced;

    if (argv[1]) {
        if (!gdbstub_set_arch(argv[1])) {
            g_string_append_printf(out, "gdbarch: '%s' is not one of i386, "
                                   "x86-64, auto (or no gdbstub)\n", argv[1]);
            return;
        }
    }
    name = gdbstub_arch_name(&forced);
    if (!name) {
        g_string_append(out, "gdbarch: no gdbstub (-gdb, -s)\n");
        return;
    }
    g_string_append_printf(out, "gdbarch: %s (%s); disconnect and "
                           "reconnect gdb to use a new layout\n",
                           name, forced ? "forced" : "auto: the vCPU's mode");
}

static const MonitorCommand info_commands[] = {
    { "registers", NULL, "the vCPUs' registers", info_registers },
    { "cpus", NULL, "the vCPUs and where they are", info_cpus },
    { NULL },
};

static const MonitorCommand monitor_commands[] = {
    { "help", NULL, "this list", cmd_help },
    { "info", "ITEM", "show machine state (info with no item: the list)",
      cmd_info },
    { "gdbarch", "[i386|x86-64|auto]",
      "the gdbstub's register layout (auto: by the vCPU's mode)",
      cmd_gdbarch },
    { NULL },
};

char *monitor_run_command(VM *vm, const char *line)
{
    g_auto(GStrv) argv = g_strsplit_set(line, " \t\n", -1);
    g_autoptr(GPtrArray) words = g_ptr_array_new();
    GString *out = g_string_new(NULL);
    const MonitorCommand *c;

    for (char **w = argv; *w; w++) {
        if (**w) {
            g_ptr_array_add(words, *w);
        }
    }
    g_ptr_array_add(words, NULL);
    if (!words->pdata[0]) {
        return g_string_free(out, false);
    }
    c = find_command(monitor_commands, words->pdata[0]);
    if (!c) {
        g_string_append_printf(out, "unknown command: '%s' (try help)\n",
                               (char *)words->pdata[0]);
    } else {
        c->run(vm, out, (char **)words->pdata);
    }
    return g_string_free(out, false);
}
