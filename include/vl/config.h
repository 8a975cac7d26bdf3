/* SPDX-License-Identifier: MIT */
/*
 * MachineConfig: everything the command line says, parsed and checked,
 * with no side effects. vl/options.c fills it; main() builds the machine
 * from it. Help requests (-h, -version, `-machine help`, ...) are carried
 * as a request for main() to print, so parsing itself never exits.
 */
#ifndef VL_CONFIG_H
#define VL_CONFIG_H

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

#define MAX_SERIAL_PORTS 4

typedef enum HelpRequest {
    HELP_NONE,
    HELP_USAGE,         /* -h, -help */
    HELP_VERSION,       /* -version */
    HELP_MACHINE,       /* -machine help */
    HELP_ACCEL,         /* -accel help */
    HELP_CPU,           /* -cpu help */
    HELP_DEVICE,        /* -device help */
    HELP_LOG,           /* -d help */
} HelpRequest;

typedef struct AccelChoice {
    char *name;         /* "kvm", "tcg", ... */
    char *props;        /* the ",prop=val" part without the leading comma,
                           or NULL */
} AccelChoice;

typedef struct MachineConfig {
    HelpRequest help;
    char *device_help_name;     /* -device NAME,help: that one device */

    char *machine_type;         /* "pc" unless -machine TYPE */
    GPtrArray *accels;          /* of AccelChoice *, in the order to try */
    bool kernel_irqchip;        /* -machine kernel-irqchip=on|off */
    bool kernel_irqchip_set;

    uint64_t ram_size;          /* bytes; default 128 MiB */
    unsigned smp_cpus;          /* default 1 */
    char *cpu_model;            /* NULL: the accelerator's default */

    char *kernel;
    char *initrd;
    char *append;
    char *bios;

    /* Chardev specs as given: "stdio", "mon:stdio", "file:PATH", "null",
     * "none", "tcp:HOST:PORT,server[,nowait]", "unix:PATH,server". */
    char *serial[MAX_SERIAL_PORTS];
    unsigned nr_serial;         /* how many -serial options were given */
    char *debugcon;             /* -debugcon DEV, or NULL */
    bool nographic;
    bool display_none;

    bool no_reboot;
    bool no_shutdown;
    bool start_paused;          /* -S */
    char *gdb;                  /* -gdb DEV (-s: "tcp::1234"), or NULL */

    unsigned log_mask;          /* -d */
    char *log_file;             /* -D */
    char *log_filter;           /* -dfilter */

    GPtrArray *devices;         /* of char *, each a -device spec */
    char *name;                 /* -name */
} MachineConfig;

/*
 * Parse argv into a fresh MachineConfig. On a bad option returns NULL with
 * an error whose message is "<option>: <why>" (main() prefixes "kestrel: ").
 */
MachineConfig *machine_config_parse(int argc, char **argv, GError **errp);
void machine_config_free(MachineConfig *cfg);
/* The -h text. */
void machine_config_print_usage(void);

#endif
