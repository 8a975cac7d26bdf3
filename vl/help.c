/* SPDX-License-Identifier: MIT */
/* The answers to -version, -h and the `help` values of -machine, -accel,
 * -cpu, -device and -d. */
#include "vm.h"
#include "config-host.h"
#include "hw/core/device.h"
#include "target-i386/cpu.h"
#include "util/log.h"

#include <stdio.h>

static void help_accel(void)
{
    printf("Accelerators (without -accel, the first available one is "
           "used):\n");
    for (int i = 0; accel_table[i]; i++) {
        const AccelOps *ops = accel_table[i];
        GError *err = NULL;

        if (ops->available(&err)) {
            printf("%-6s %s (available)\n", ops->name, ops->desc);
        } else {
            printf("%-6s %s (not available: %s)\n", ops->name, ops->desc,
                   err->message);
            g_error_free(err);
        }
    }
}

static const char *prop_type_name(PropertyType t)
{
    static const char *const names[] = {
        [PROP_BOOL] = "bool", [PROP_UINT8] = "uint8",
        [PROP_UINT16] = "uint16", [PROP_UINT32] = "uint32",
        [PROP_UINT64] = "uint64", [PROP_STRING] = "str",
    };
    return names[t];
}

static void help_device(const char *name)
{
    g_autoptr(GPtrArray) list = device_type_list();

    if (name) {
        const DeviceClass *cls = device_type_find(name);

        if (!cls) {
            printf("'%s' is not a known device\n", name);
            return;
        }
        printf("%s options:\n", cls->name);
        for (const Property *p = cls->props; p && p->name; p++) {
            printf("  %s=<%s>", p->name, prop_type_name(p->type));
            if (p->help) {
                printf("  - %s", p->help);
            }
            if (p->defval) {
                printf(" (default %s)", p->defval);
            }
            printf("\n");
        }
        return;
    }
    printf("Devices that -device can add:\n");
    for (guint i = 0; i < list->len; i++) {
        const DeviceClass *cls = g_ptr_array_index(list, i);

        if (cls->user_creatable) {
            printf("  %-18s %s\n", cls->name, cls->desc ? cls->desc : "");
        }
    }
}

void help_print(const MachineConfig *cfg)
{
    switch (cfg->help) {
    case HELP_NONE:
        break;
    case HELP_USAGE:
        machine_config_print_usage();
        break;
    case HELP_VERSION:
        printf("Kestrel emulator version %s\n", KESTREL_VERSION);
        break;
    case HELP_MACHINE:
        printf("Supported machines are:\n"
               "pc                   Standard PC with ISA devices "
               "(default)\n");
        break;
    case HELP_ACCEL:
        help_accel();
        break;
    case HELP_CPU:
        printf("Available CPU models:\n");
        for (const X86CPUModel *m = x86_cpu_models; m->name; m++) {
            printf("  %-10s %s\n", m->name, m->desc);
        }
        break;
    case HELP_DEVICE:
        help_device(cfg->device_help_name);
        break;
    case HELP_LOG:
        printf("Log items (comma separated):\n");
        for (const LogItem *it = log_items; it->name; it++) {
            printf("%-13s %s\n", it->name, it->help);
        }
        printf("%-13s %s\n", "all", "every item above");
        break;
    }
}
