/* SPDX-License-Identifier: MIT */
/*
 * The command line: a QEMU-compatible argv parsed into a MachineConfig.
 * Each option is one row of a table (name, takes an argument, handler);
 * options a QEMU user would try that this build lacks are listed by name
 * so they get "not supported by this build yet" rather than "unknown".
 * Parsing has no side effects: help requests are recorded for main().
 */
#include "vl/config.h"
#include "vl/char-internal.h"
#include "util/cutils.h"
#include "util/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define MiB (1ull << 20)
#define TiB (1ull << 40)

#define RAM_SIZE_DEFAULT (128 * MiB)
#define RAM_SIZE_MIN     (1 * MiB)
#define RAM_SIZE_MAX     (1 * TiB)
#define RAM_SIZE_ALIGN   4096
#define ROUND_UP(n, a)   (((n) + (a) - 1) / (a) * (a))
#define SMP_CPUS_MAX     255
#define GDB_DEFAULT_DEV  "tcp::1234"

typedef bool (*OptionHandler)(MachineConfig *cfg, const char *opt,
                              const char *arg, GError **errp);

typedef struct OptionDesc {
    const char *name;           /* without the leading dash */
    bool has_arg;
    OptionHandler handler;
} OptionDesc;

static bool G_GNUC_PRINTF(3, 4)
opt_error(GError **errp, const char *opt, const char *fmt, ...)
{
    va_list ap;
    g_autofree char *why = NULL;

    va_start(ap, fmt);
    why = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_set_error(errp, KESTREL_ERROR, 0, "%s: %s", opt, why);
    return false;
}

static bool is_help(const char *arg)
{
    return !strcmp(arg, "help") || !strcmp(arg, "?");
}

static void request_help(MachineConfig *cfg, HelpRequest help)
{
    if (cfg->help == HELP_NONE) {
        cfg->help = help;
    }
}

static void set_string(char **field, const char *arg)
{
    g_free(*field);
    *field = g_strdup(arg);
}

static void accel_choice_free(gpointer p)
{
    AccelChoice *ac = p;

    g_free(ac->name);
    g_free(ac->props);
    g_free(ac);
}

static bool add_accel(MachineConfig *cfg, const char *opt, const char *name,
                      const char *props, GError **errp)
{
    AccelChoice *ac;

    if (!*name) {
        return opt_error(errp, opt, "empty accelerator name");
    }
    ac = g_new0(AccelChoice, 1);
    ac->name = g_strdup(name);
    ac->props = props && *props ? g_strdup(props) : NULL;
    g_ptr_array_add(cfg->accels, ac);
    return true;
}

/* Split "key=val" in place; a bare "key" gets val NULL. */
static char *split_key(char *item)
{
    char *eq = strchr(item, '=');

    if (!eq) {
        return NULL;
    }
    *eq = '\0';
    return eq + 1;
}

/* -accel NAME[,prop=val...] (NAME may be written accel=NAME) */
static bool opt_accel(MachineConfig *cfg, const char *opt, const char *arg,
                      GError **errp)
{
    const char *comma = strchr(arg, ',');
    g_autofree char *name = comma ? g_strndup(arg, comma - arg)
                                  : g_strdup(arg);

    if (is_help(name)) {
        request_help(cfg, HELP_ACCEL);
        return true;
    }
    if (g_str_has_prefix(name, "accel=")) {
        memmove(name, name + 6, strlen(name + 6) + 1);
    }
    return add_accel(cfg, opt, name, comma ? comma + 1 : NULL, errp);
}

static bool opt_enable_kvm(MachineConfig *cfg, const char *opt,
                           const char *arg, GError **errp)
{
    return add_accel(cfg, opt, "kvm", NULL, errp);
}

static bool machine_accel_list(MachineConfig *cfg, const char *opt,
                               const char *val, GError **errp)
{
    g_auto(GStrv) names = g_strsplit(val, ":", -1);

    for (char **n = names; *n; n++) {
        if (!add_accel(cfg, opt, *n, NULL, errp)) {
            return false;
        }
    }
    return names[0] != NULL || opt_error(errp, opt, "empty accel= list");
}

static bool machine_property(MachineConfig *cfg, const char *opt,
                             char *item, bool first, GError **errp)
{
    char *val = split_key(item);

    if (!val && first) {
        set_string(&cfg->machine_type, item);
        return true;
    }
    if (!val) {
        return opt_error(errp, opt, "'%s' needs a value (%s=...)", item, item);
    }
    if (!strcmp(item, "type")) {
        set_string(&cfg->machine_type, val);
        return true;
    }
    if (!strcmp(item, "accel")) {
        return machine_accel_list(cfg, opt, val, errp);
    }
    if (!strcmp(item, "kernel-irqchip")) {
        if (!parse_bool(val, &cfg->kernel_irqchip, NULL)) {
            return opt_error(errp, opt, "kernel-irqchip must be on or off, "
                             "not '%s'", val);
        }
        cfg->kernel_irqchip_set = true;
        return true;
    }
    return opt_error(errp, opt, "unknown property '%s' (type, accel, "
                     "kernel-irqchip)", item);
}

/* -machine [type=]TYPE[,accel=a:b:c][,kernel-irqchip=on|off] */
static bool opt_machine(MachineConfig *cfg, const char *opt, const char *arg,
                        GError **errp)
{
    g_auto(GStrv) items = g_strsplit(arg, ",", -1);

    if (items[0] && is_help(items[0])) {
        request_help(cfg, HELP_MACHINE);
        return true;
    }
    for (int i = 0; items[i]; i++) {
        if (!*items[i]) {
            continue;
        }
        if (!machine_property(cfg, opt, items[i], i == 0, errp)) {
            return false;
        }
    }
    return true;
}

static bool check_ram_size(const char *opt, const char *str, uint64_t size,
                           GError **errp)
{
    if (size < RAM_SIZE_MIN) {
        return opt_error(errp, opt, "'%s' is too small: the guest needs at "
                         "least 1M of RAM", str);
    }
    if (size > RAM_SIZE_MAX) {
        return opt_error(errp, opt, "'%s' is too large: this build supports "
                         "at most 1T of RAM", str);
    }
    return true;
}

/* Digits, an optional fraction, an optional K/M/G/T (or B) suffix. */
static bool size_looks_valid(const char *str)
{
    const char *p = str;

    while (g_ascii_isdigit(*p)) {
        p++;
    }
    if (p == str) {
        return false;
    }
    if (*p == '.') {
        do {
            p++;
        } while (g_ascii_isdigit(*p));
    }
    if (*p && strchr("kKmMgGtTbB", *p)) {
        p++;
    }
    if (*p == 'b' || *p == 'B') {
        p++;
    }
    return !*p;
}

/* -m SIZE or -m size=SIZE; a bare number is in MiB */
static bool opt_memory(MachineConfig *cfg, const char *opt, const char *arg,
                       GError **errp)
{
    g_auto(GStrv) items = g_strsplit(arg, ",", -1);
    const char *str = NULL;
    uint64_t size;

    for (char **it = items; *it; it++) {
        char *val = split_key(*it);

        if (!val && it == items) {
            str = *it;
        } else if (val && !strcmp(*it, "size")) {
            str = val;
        } else if (val && (!strcmp(*it, "slots") || !strcmp(*it, "maxmem"))) {
            return opt_error(errp, opt, "%s= (memory hotplug) is not "
                             "supported by this build yet", *it);
        } else {
            return opt_error(errp, opt, "unknown property '%s' (size)", *it);
        }
    }
    if (!str) {
        return opt_error(errp, opt, "no size given");
    }
    if (!parse_size(str, 'M', &size, NULL)) {
        if (size_looks_valid(str)) {
            return opt_error(errp, opt, "'%s' is too large: this build "
                             "supports at most 1T of RAM", str);
        }
        return opt_error(errp, opt, "'%s' is not a size (a number of MiB, or "
                         "one with a K, M, G or T suffix)", str);
    }
    if (!check_ram_size(opt, str, size, errp)) {
        return false;
    }
    cfg->ram_size = ROUND_UP(size, RAM_SIZE_ALIGN);
    return true;
}

/* -smp N or -smp cpus=N */
static bool opt_smp(MachineConfig *cfg, const char *opt, const char *arg,
                    GError **errp)
{
    g_auto(GStrv) items = g_strsplit(arg, ",", -1);
    const char *str = NULL;
    uint64_t n;

    for (char **it = items; *it; it++) {
        char *val = split_key(*it);

        if (!val && it == items) {
            str = *it;
        } else if (val && !strcmp(*it, "cpus")) {
            str = val;
        } else if (val) {
            return opt_error(errp, opt, "%s= (CPU topology) is not supported "
                             "by this build yet", *it);
        } else {
            return opt_error(errp, opt, "unknown property '%s' (cpus)", *it);
        }
    }
    if (!str || !parse_uint64(str, &n, NULL)) {
        return opt_error(errp, opt, "'%s' is not a number of CPUs",
                         str ? str : "");
    }
    if (n == 0 || n > SMP_CPUS_MAX) {
        return opt_error(errp, opt, "%s CPUs: the number must be between 1 "
                         "and %d", str, SMP_CPUS_MAX);
    }
    cfg->smp_cpus = n;
    return true;
}

static bool opt_cpu(MachineConfig *cfg, const char *opt, const char *arg,
                    GError **errp)
{
    if (is_help(arg)) {
        request_help(cfg, HELP_CPU);
        return true;
    }
    if (!*arg) {
        return opt_error(errp, opt, "empty CPU model");
    }
    set_string(&cfg->cpu_model, arg);
    return true;
}

static bool opt_path(char **field, const char *opt, const char *arg,
                     GError **errp)
{
    if (!*arg) {
        return opt_error(errp, opt, "empty file name");
    }
    set_string(field, arg);
    return true;
}

static bool opt_kernel(MachineConfig *cfg, const char *opt, const char *arg,
                       GError **errp)
{
    return opt_path(&cfg->kernel, opt, arg, errp);
}

static bool opt_initrd(MachineConfig *cfg, const char *opt, const char *arg,
                       GError **errp)
{
    return opt_path(&cfg->initrd, opt, arg, errp);
}

static bool opt_bios(MachineConfig *cfg, const char *opt, const char *arg,
                     GError **errp)
{
    return opt_path(&cfg->bios, opt, arg, errp);
}

static bool opt_append(MachineConfig *cfg, const char *opt, const char *arg,
                       GError **errp)
{
    set_string(&cfg->append, arg);
    return true;
}

static bool check_chardev_spec(const char *opt, const char *spec,
                               GError **errp)
{
    ChardevSpec parsed;
    GError *err = NULL;

    if (!chardev_spec_parse(spec, &parsed, &err)) {
        g_propagate_prefixed_error(errp, err, "%s: ", opt);
        return false;
    }
    chardev_spec_clear(&parsed);
    return true;
}

static bool opt_serial(MachineConfig *cfg, const char *opt, const char *arg,
                       GError **errp)
{
    if (cfg->nr_serial == MAX_SERIAL_PORTS) {
        return opt_error(errp, opt, "at most %d serial ports are supported",
                         MAX_SERIAL_PORTS);
    }
    if (!check_chardev_spec(opt, arg, errp)) {
        return false;
    }
    cfg->serial[cfg->nr_serial++] = g_strdup(arg);
    return true;
}

static bool opt_debugcon(MachineConfig *cfg, const char *opt, const char *arg,
                         GError **errp)
{
    if (!check_chardev_spec(opt, arg, errp)) {
        return false;
    }
    set_string(&cfg->debugcon, arg);
    return true;
}

static bool opt_nographic(MachineConfig *cfg, const char *opt,
                          const char *arg, GError **errp)
{
    cfg->nographic = true;
    return true;
}

static bool opt_display(MachineConfig *cfg, const char *opt, const char *arg,
                        GError **errp)
{
    if (strcmp(arg, "none") != 0) {
        return opt_error(errp, opt, "'%s' is not supported by this build yet "
                         "(only -display none)", arg);
    }
    cfg->display_none = true;
    return true;
}

static bool opt_no_reboot(MachineConfig *cfg, const char *opt,
                          const char *arg, GError **errp)
{
    cfg->no_reboot = true;
    return true;
}

static bool opt_no_shutdown(MachineConfig *cfg, const char *opt,
                            const char *arg, GError **errp)
{
    cfg->no_shutdown = true;
    return true;
}

static bool opt_start_paused(MachineConfig *cfg, const char *opt,
                             const char *arg, GError **errp)
{
    cfg->start_paused = true;
    return true;
}

/* -gdb DEV: tcp:[HOST]:PORT and unix:PATH listen without ",server" */
static bool opt_gdb(MachineConfig *cfg, const char *opt, const char *arg,
                    GError **errp)
{
    g_autofree char *spec = NULL;

    if ((g_str_has_prefix(arg, "tcp:") || g_str_has_prefix(arg, "unix:")) &&
        !strstr(arg, ",server")) {
        spec = g_strconcat(arg, ",server,nowait", NULL);
    } else {
        spec = g_strdup(arg);
    }
    if (!check_chardev_spec(opt, spec, errp)) {
        return false;
    }
    set_string(&cfg->gdb, arg);
    return true;
}

static bool opt_gdb_default(MachineConfig *cfg, const char *opt,
                            const char *arg, GError **errp)
{
    set_string(&cfg->gdb, GDB_DEFAULT_DEV);
    return true;
}

static bool opt_log(MachineConfig *cfg, const char *opt, const char *arg,
                    GError **errp)
{
    unsigned mask;

    if (is_help(arg)) {
        request_help(cfg, HELP_LOG);
        return true;
    }
    if (!log_parse_items(arg, &mask, errp)) {
        g_prefix_error(errp, "%s: ", opt);
        return false;
    }
    cfg->log_mask |= mask;
    return true;
}

static bool opt_log_file(MachineConfig *cfg, const char *opt,
                         const char *arg, GError **errp)
{
    return opt_path(&cfg->log_file, opt, arg, errp);
}

static bool opt_log_filter(MachineConfig *cfg, const char *opt,
                           const char *arg, GError **errp)
{
    if (!log_parse_filter(arg, false, errp)) {
        g_prefix_error(errp, "%s: ", opt);
        return false;
    }
    g_free(cfg->log_filter);
    cfg->log_filter = g_strdup(arg);
    return true;
}

/* -device NAME[,props]; "help" and "NAME,help" ask for documentation */
static bool opt_device(MachineConfig *cfg, const char *opt, const char *arg,
                       GError **errp)
{
    const char *comma = strchr(arg, ',');

    if (is_help(arg)) {
        request_help(cfg, HELP_DEVICE);
        return true;
    }
    if (!*arg || comma == arg) {
        return opt_error(errp, opt, "no device name given");
    }
    if (comma && is_help(comma + 1)) {
        if (cfg->help == HELP_NONE) {
            cfg->device_help_name = g_strndup(arg, comma - arg);
        }
        request_help(cfg, HELP_DEVICE);
        return true;
    }
    g_ptr_array_add(cfg->devices, g_strdup(arg));
    return true;
}

static bool opt_name(MachineConfig *cfg, const char *opt, const char *arg,
                     GError **errp)
{
    set_string(&cfg->name, arg);
    return true;
}

static bool opt_ignored(MachineConfig *cfg, const char *opt, const char *arg,
                        GError **errp)
{
    return true;
}

static bool opt_version(MachineConfig *cfg, const char *opt, const char *arg,
                        GError **errp)
{
    request_help(cfg, HELP_VERSION);
    return true;
}

static bool opt_usage(MachineConfig *cfg, const char *opt, const char *arg,
                      GError **errp)
{
    request_help(cfg, HELP_USAGE);
    return true;
}

static const OptionDesc option_table[] = {
    { "accel", true, opt_accel },
    { "machine", true, opt_machine },
    { "M", true, opt_machine },
    { "enable-kvm", false, opt_enable_kvm },
    { "m", true, opt_memory },
    { "smp", true, opt_smp },
    { "cpu", true, opt_cpu },
    { "kernel", true, opt_kernel },
    { "initrd", true, opt_initrd },
    { "append", true, opt_append },
    { "bios", true, opt_bios },
    { "serial", true, opt_serial },
    { "debugcon", true, opt_debugcon },
    { "nographic", false, opt_nographic },
    { "display", true, opt_display },
    { "no-reboot", false, opt_no_reboot },
    { "no-shutdown", false, opt_no_shutdown },
    { "S", false, opt_start_paused },
    { "s", false, opt_gdb_default },
    { "gdb", true, opt_gdb },
    { "d", true, opt_log },
    { "D", true, opt_log_file },
    { "dfilter", true, opt_log_filter },
    { "device", true, opt_device },
    { "name", true, opt_name },
    { "nodefaults", false, opt_ignored },     /* see parse_args */
    { "no-user-config", false, opt_ignored },
    { "nodefconfig", false, opt_ignored },
    { "version", false, opt_version },
    { "h", false, opt_usage },
    { "help", false, opt_usage },
};

/* QEMU options a user may reasonably try that this build lacks. */
static const char *const unsupported_options[] = {
    "drive", "blockdev", "hda", "hdb", "hdc", "hdd", "cdrom", "fda", "fdb",
    "sd", "pflash", "mtdblock", "snapshot", "netdev", "net", "nic", "vga",
    "monitor", "qmp", "qmp-pretty", "chardev", "mon", "usb", "usbdevice",
    "boot", "rtc", "icount", "object", "numa", "global", "k", "soundhw",
    "audiodev", "audio", "loadvm", "incoming", "daemonize", "pidfile", "vnc",
    "spice", "watchdog", "watchdog-action", "smbios", "fw_cfg", "option-rom",
    "overcommit", "msg", "trace", "plugin", "parallel", "virtfs", "fsdev",
    "tpmdev", "mem-path", "mem-prealloc", "L", "semihosting",
    "semihosting-config", "sandbox", "runas", "chroot", "run-with", "action",
    "no-acpi", "no-hpet", "full-screen", "g", "readconfig", "writeconfig",
    "preconfig", "compat", "echr", "add-fd", "iscsi", "seed",
    "singlestep", "one-insn-per-tb", "rtc-td-hack", "win2k-hack", "portrait",
    "rotate", "alt-grab", "ctrl-grab", "show-cursor", "prom-env", "tb-size",
    "enable-fips", "xen-domid", "xen-attach", "device-tree", "dtb",
    "set", "qtest", "machine-dump", "mem-merge", "uuid", "D-bus", "dbus",
    "enable-sync-profile", "realtime", "no-quit", "sdl", "curses",
};

static const OptionDesc *option_find(const char *name)
{
    for (size_t i = 0; i < G_N_ELEMENTS(option_table); i++) {
        if (!strcmp(option_table[i].name, name)) {
            return &option_table[i];
        }
    }
    return NULL;
}

static bool option_unsupported(const char *name)
{
    for (size_t i = 0; i < G_N_ELEMENTS(unsupported_options); i++) {
        if (!strcmp(unsupported_options[i], name)) {
            return true;
        }
    }
    return false;
}

/* Run the option at argv[*i], consuming its argument; advances *i. */
static bool parse_one(MachineConfig *cfg, int argc, char **argv, int *i,
                      GError **errp)
{
    const char *word = argv[*i];
    const char *name = word + (word[1] == '-' ? 2 : 1);
    g_autofree char *opt = g_strconcat("-", name, NULL);
    const OptionDesc *desc = option_find(name);
    const char *arg = NULL;

    if (!desc && option_unsupported(name)) {
        return opt_error(errp, opt, "not supported by this build yet");
    }
    if (!desc || !*name) {
        return opt_error(errp, word, "unknown option (try -help)");
    }
    if (desc->has_arg) {
        if (*i + 1 >= argc) {
            return opt_error(errp, opt, "requires an argument");
        }
        arg = argv[++*i];
    }
    ++*i;
    return desc->handler(cfg, opt, arg, errp);
}

static MachineConfig *machine_config_new(void)
{
    MachineConfig *cfg = g_new0(MachineConfig, 1);

    cfg->machine_type = g_strdup("pc");
    cfg->accels = g_ptr_array_new_with_free_func(accel_choice_free);
    cfg->ram_size = RAM_SIZE_DEFAULT;
    cfg->smp_cpus = 1;
    cfg->devices = g_ptr_array_new_with_free_func(g_free);
    return cfg;
}

/* Note @opt as a user of the terminal; a second one is an error. */
static bool claim_stdio(const char **owner, const char *opt,
                        const char *spec, GError **errp)
{
    if (!chardev_spec_is_stdio(spec)) {
        return true;
    }
    if (*owner) {
        return opt_error(errp, opt, "stdio is already used by %s", *owner);
    }
    *owner = opt;
    return true;
}

/* Two chardevs cannot share the terminal. */
static bool check_stdio_users(MachineConfig *cfg, GError **errp)
{
    const char *owner = NULL;

    for (unsigned i = 0; i < cfg->nr_serial; i++) {
        if (!claim_stdio(&owner, "-serial", cfg->serial[i], errp)) {
            return false;
        }
    }
    return claim_stdio(&owner, "-debugcon", cfg->debugcon, errp) &&
           claim_stdio(&owner, "-gdb", cfg->gdb, errp);
}

/*
 * With no -serial, serial0 is "mon:stdio" under -nographic and "stdio"
 * otherwise (there is no graphical console to put it on), unless
 * -nodefaults asks for none or stdio already went to -debugcon or -gdb.
 */
static void apply_default_serial(MachineConfig *cfg, bool nodefaults)
{
    if (cfg->nr_serial || nodefaults ||
        chardev_spec_is_stdio(cfg->debugcon) ||
        chardev_spec_is_stdio(cfg->gdb)) {
        return;
    }
    cfg->serial[0] = g_strdup(cfg->nographic ? "mon:stdio" : "stdio");
}

static bool is_option(const char *word, const char *name)
{
    return word[0] == '-' &&
           !strcmp(word + (word[1] == '-' ? 2 : 1), name);
}

/* Every option in turn; -nodefaults only matters at the end. */
static bool parse_args(MachineConfig *cfg, int argc, char **argv,
                       bool *nodefaults, GError **errp)
{
    int i = 1;

    while (i < argc) {
        if (argv[i][0] != '-' || !argv[i][1]) {
            g_set_error(errp, KESTREL_ERROR, 0, "%s: disk images are not "
                        "supported by this build yet", argv[i]);
            return false;
        }
        if (is_option(argv[i], "nodefaults")) {
            *nodefaults = true;
        }
        if (!parse_one(cfg, argc, argv, &i, errp)) {
            return false;
        }
        if (cfg->help == HELP_USAGE || cfg->help == HELP_VERSION) {
            break;      /* like QEMU: answered before anything else */
        }
    }
    return true;
}

MachineConfig *machine_config_parse(int argc, char **argv, GError **errp)
{
    MachineConfig *cfg = machine_config_new();
    bool nodefaults = false;

    if (!parse_args(cfg, argc, argv, &nodefaults, errp) ||
        !check_stdio_users(cfg, errp)) {
        machine_config_free(cfg);
        return NULL;
    }
    apply_default_serial(cfg, nodefaults);
    return cfg;
}

void machine_config_free(MachineConfig *cfg)
{
    if (!cfg) {
        return;
    }
    g_free(cfg->device_help_name);
    g_free(cfg->machine_type);
    g_ptr_array_unref(cfg->accels);
    g_free(cfg->cpu_model);
    g_free(cfg->kernel);
    g_free(cfg->initrd);
    g_free(cfg->append);
    g_free(cfg->bios);
    for (unsigned i = 0; i < MAX_SERIAL_PORTS; i++) {
        g_free(cfg->serial[i]);
    }
    g_free(cfg->debugcon);
    g_free(cfg->gdb);
    g_free(cfg->log_file);
    g_free(cfg->log_filter);
    g_ptr_array_unref(cfg->devices);
    g_free(cfg->name);
    g_free(cfg);
}

void machine_config_print_usage(void)
{
    fputs(
"usage: kestrel [options]\n"
"\n"
"Machine:\n"
"  -machine [type=]TYPE[,accel=A:B][,kernel-irqchip=on|off]\n"
"                   machine type (default pc); -M is the same; 'help' lists\n"
"  -accel NAME[,prop=val...]\n"
"                   accelerator to try (kvm, tcg); repeat to give fallbacks\n"
"  -enable-kvm      same as -accel kvm\n"
"  -cpu MODEL       CPU model ('help' lists)\n"
"  -m SIZE          RAM size, MiB unless suffixed K/M/G/T (default 128M)\n"
"  -smp N           number of CPUs, 1-255 (default 1)\n"
"  -name NAME       name of this machine\n"
"\n"
"Boot:\n"
"  -kernel FILE     Linux bzImage, multiboot or ELF image to boot\n"
"  -initrd FILE     initial ramdisk for -kernel\n"
"  -append CMDLINE  kernel command line for -kernel\n"
"  -bios FILE       system firmware image\n"
"  -S               do not start the CPUs (wait for the debugger)\n"
"  -no-reboot       exit instead of rebooting\n"
"  -no-shutdown     stop instead of exiting when the guest powers off\n"
"\n"
"Devices and character devices:\n"
"  -device NAME[,prop=val...]\n"
"                   add a device ('help' lists, NAME,help shows properties)\n"
"  -serial DEV      next serial port (up to 4); default stdio\n"
"  -debugcon DEV    the debug console port (0xe9)\n"
"  -nographic       no display; serial port and escapes on stdio (mon:stdio)\n"
"  -display none    no display\n"
"  -nodefaults      no default serial port\n"
"  DEV is one of: stdio, mon:stdio, file:PATH, null, none,\n"
"                 tcp:[HOST]:PORT,server[,nowait], unix:PATH,server[,nowait]\n"
"\n"
"Debugging:\n"
"  -s               gdb server on tcp::1234\n"
"  -gdb DEV         gdb server on DEV (tcp:[HOST]:PORT, unix:PATH, stdio)\n"
"  -d ITEM,...      log items ('help' lists)\n"
"  -D FILE          write the log to FILE instead of stderr\n"
"\n"
"  -version         print the version\n"
"  -h, -help        print this help\n"
"\n"
"Options may also be written with two dashes (--m 256M).\n",
        stdout);
}
