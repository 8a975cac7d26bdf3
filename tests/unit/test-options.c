/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for the command line (vl/options.c): defaults, each option,
 * the limits and messages a user sees, and help requests; also the
 * -accel tcg properties its init checks.
 */
#include "accel/accel.h"
#include "vl/config.h"
#include "util/log.h"

#include <glib.h>
#include <string.h>

/* Parse a NULL-terminated list of words after "kestrel". */
static MachineConfig *parse_words(const char *first, va_list ap,
                                  GError **errp)
{
    g_autoptr(GPtrArray) argv = g_ptr_array_new();
    const char *w;

    g_ptr_array_add(argv, (char *)"kestrel");
    for (w = first; w; w = va_arg(ap, const char *)) {
        g_ptr_array_add(argv, (char *)w);
    }
    g_ptr_array_add(argv, NULL);
    return machine_config_parse(argv->len - 1, (char **)argv->pdata, errp);
}

static G_GNUC_NULL_TERMINATED MachineConfig *parse_ok(const char *first, ...)
{
    GError *err = NULL;
    MachineConfig *cfg;
    va_list ap;

    va_start(ap, first);
    cfg = parse_words(first, ap, &err);
    va_end(ap);
    g_assert_no_error(err);
    g_assert_nonnull(cfg);
    return cfg;
}

/* Expect failure; returns the message for the caller to check. */
static G_GNUC_NULL_TERMINATED char *parse_fail(const char *first, ...)
{
    GError *err = NULL;
    MachineConfig *cfg;
    char *msg;
    va_list ap;

    va_start(ap, first);
    cfg = parse_words(first, ap, &err);
    va_end(ap);
    g_assert_null(cfg);
    g_assert_nonnull(err);
    msg = g_strdup(err->message);
    g_error_free(err);
    return msg;
}

#define assert_fails(expected, ...)                                        \
    do {                                                                   \
        g_autofree char *msg_ = parse_fail(__VA_ARGS__, NULL);             \
        g_assert_cmpstr(msg_, ==, expected);                               \
    } while (0)

#define assert_fails_prefix(prefix, ...)                                   \
    do {                                                                   \
        g_autofree char *msg_ = parse_fail(__VA_ARGS__, NULL);             \
        if (!g_str_has_prefix(msg_, prefix)) {                             \
            g_error("'%s' does not start with '%s'", msg_, prefix);        \
        }                                                                  \
    } while (0)

static const char *accel_name(MachineConfig *cfg, unsigned i)
{
    AccelChoice *ac = g_ptr_array_index(cfg->accels, i);

    return ac->name;
}

static void test_defaults(void)
{
    MachineConfig *cfg = parse_ok(NULL, NULL);

    g_assert_cmpint(cfg->help, ==, HELP_NONE);
    g_assert_cmpstr(cfg->machine_type, ==, "pc");
    g_assert_cmpuint(cfg->accels->len, ==, 0);
    g_assert_false(cfg->kernel_irqchip_set);
    g_assert_cmpuint(cfg->ram_size, ==, 128 << 20);
    g_assert_cmpuint(cfg->smp_cpus, ==, 1);
    g_assert_null(cfg->cpu_model);
    g_assert_null(cfg->kernel);
    g_assert_cmpuint(cfg->nr_serial, ==, 0);
    g_assert_cmpstr(cfg->serial[0], ==, "stdio");
    g_assert_null(cfg->serial[1]);
    g_assert_null(cfg->debugcon);
    g_assert_null(cfg->gdb);
    g_assert_false(cfg->nographic);
    g_assert_cmpuint(cfg->log_mask, ==, 0);
    g_assert_cmpuint(cfg->devices->len, ==, 0);
    machine_config_free(cfg);
}

static void test_boot_options(void)
{
    MachineConfig *cfg = parse_ok("-kernel", "bzImage", "-initrd", "rd.gz",
                                  "-append", "console=ttyS0 quiet",
                                  "-bios", "bios.bin", "-name", "vm1",
                                  "-cpu", "qemu64,+ssse3", "-S",
                                  "-no-reboot", "-no-shutdown", NULL);

    g_assert_cmpstr(cfg->kernel, ==, "bzImage");
    g_assert_cmpstr(cfg->initrd, ==, "rd.gz");
    g_assert_cmpstr(cfg->append, ==, "console=ttyS0 quiet");
    g_assert_cmpstr(cfg->bios, ==, "bios.bin");
    g_assert_cmpstr(cfg->name, ==, "vm1");
    g_assert_cmpstr(cfg->cpu_model, ==, "qemu64,+ssse3");
    g_assert_true(cfg->start_paused);
    g_assert_true(cfg->no_reboot);
    g_assert_true(cfg->no_shutdown);
    machine_config_free(cfg);
}

static void test_double_dash(void)
{
    MachineConfig *cfg = parse_ok("--m", "256", "--nographic", "--smp", "2",
                                  NULL);

    g_assert_cmpuint(cfg->ram_size, ==, 256 << 20);
    g_assert_true(cfg->nographic);
    g_assert_cmpuint(cfg->smp_cpus, ==, 2);
    machine_config_free(cfg);
}

static void test_memory_sizes(void)
{
    static const struct {
        const char *arg;
        uint64_t bytes;
    } cases[] = {
        { "256", 256ull << 20 },
        { "2048K", 2ull << 20 },
        { "512M", 512ull << 20 },
        { "4G", 4ull << 30 },
        { "1T", 1ull << 40 },
        { "1.5G", 3ull << 29 },
        { "size=64M", 64ull << 20 },
        { "1M", 1ull << 20 },
        { "1025K", 1028ull << 10 },     /* rounded up to 4 KiB */
    };

    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        MachineConfig *cfg = parse_ok("-m", cases[i].arg, NULL);

        g_assert_cmpuint(cfg->ram_size, ==, cases[i].bytes);
        machine_config_free(cfg);
    }
}

static void test_memory_limits(void)
{
    assert_fails("-m: '0' is too small: the guest needs at least 1M of RAM",
                 "-m", "0");
    assert_fails("-m: '512K' is too small: the guest needs at least 1M of "
                 "RAM", "-m", "512K");
    assert_fails("-m: '99999G' is too large: this build supports at most 1T "
                 "of RAM", "-m", "99999G");
    assert_fails("-m: '99999999999999999999T' is too large: this build "
                 "supports at most 1T of RAM", "-m", "99999999999999999999T");
    assert_fails("-m: 'lots' is not a size (a number of MiB, or one with a "
                 "K, M, G or T suffix)", "-m", "lots");
    assert_fails("-m: '12X' is not a size (a number of MiB, or one with a "
                 "K, M, G or T suffix)", "-m", "12X");
    assert_fails_prefix("-m: maxmem= (memory hotplug) is not supported",
                        "-m", "1G,maxmem=4G");
}

static void test_smp(void)
{
    MachineConfig *cfg = parse_ok("-smp", "cpus=4", NULL);

    g_assert_cmpuint(cfg->smp_cpus, ==, 4);
    machine_config_free(cfg);
    cfg = parse_ok("-smp", "255", NULL);
    g_assert_cmpuint(cfg->smp_cpus, ==, 255);
    machine_config_free(cfg);

    assert_fails("-smp: 0 CPUs: the number must be between 1 and 255",
                 "-smp", "0");
    assert_fails("-smp: 256 CPUs: the number must be between 1 and 255",
                 "-smp", "256");
    assert_fails("-smp: 'two' is not a number of CPUs", "-smp", "two");
    assert_fails_prefix("-smp: sockets= (CPU topology) is not supported",
                        "-smp", "4,sockets=2");
}

static void test_accel_order(void)
{
    MachineConfig *cfg = parse_ok("-accel", "kvm", "-accel",
                                  "tcg,tb-size=64", NULL);

    g_assert_cmpuint(cfg->accels->len, ==, 2);
    g_assert_cmpstr(accel_name(cfg, 0), ==, "kvm");
    g_assert_null(((AccelChoice *)cfg->accels->pdata[0])->props);
    g_assert_cmpstr(accel_name(cfg, 1), ==, "tcg");
    g_assert_cmpstr(((AccelChoice *)cfg->accels->pdata[1])->props, ==,
                    "tb-size=64");
    machine_config_free(cfg);

    cfg = parse_ok("-enable-kvm", NULL);
    g_assert_cmpuint(cfg->accels->len, ==, 1);
    g_assert_cmpstr(accel_name(cfg, 0), ==, "kvm");
    machine_config_free(cfg);
}

/* The error -accel tcg,PROPS gives at init, or NULL when it starts. */
static char *tcg_init_error(const char *props)
{
    const AccelOps *tcg = accel_find("tcg");
    MemoryRegion mem, io;
    AddressSpace as_mem, as_io;
    AccelConfig cfg = { .as_memory = &as_mem, .as_io = &as_io, .ncpus = 1,
                        .props = props };
    GError *err = NULL;
    AccelState *s;
    char *msg = NULL;

    memory_region_init_container(&mem, "system", UINT64_MAX);
    memory_region_init_container(&io, "io", 0x10000);
    address_space_init(&as_mem, &mem, "memory");
    address_space_init(&as_io, &io, "I/O");
    s = tcg->init(&cfg, &err);
    if (s) {
        tcg->destroy(s);
    } else {
        msg = g_strdup(err->message);
        g_error_free(err);
    }
    address_space_destroy(&as_io);
    address_space_destroy(&as_mem);
    memory_region_destroy(&io);
    memory_region_destroy(&mem);
    return msg;
}

/* tb-size is the code buffer in MiB (or with a suffix): 1M to 2048M. */
static void test_accel_tcg_tb_size(void)
{
    static const char *const bad[] = {
        "tb-size=0", "tb-size=512K", "tb-size=2049", "tb-size=3G",
    };

    for (unsigned i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_autofree char *msg = tcg_init_error(bad[i]);
        g_autofree char *want = g_strdup_printf(
            "%s: the code buffer must be between 1M and 2048M (a bare "
            "number is MiB)", bad[i]);

        g_assert_cmpstr(msg, ==, want);
    }
    g_assert_null(tcg_init_error("tb-size=1"));
    g_assert_null(tcg_init_error("tb-size=1024K,one-insn-per-tb=on"));
    g_assert_null(tcg_init_error(NULL));
}

static void test_machine(void)
{
    MachineConfig *cfg = parse_ok("-machine", "pc,accel=kvm:tcg,"
                                  "kernel-irqchip=off", NULL);

    g_assert_cmpstr(cfg->machine_type, ==, "pc");
    g_assert_cmpuint(cfg->accels->len, ==, 2);
    g_assert_cmpstr(accel_name(cfg, 0), ==, "kvm");
    g_assert_cmpstr(accel_name(cfg, 1), ==, "tcg");
    g_assert_true(cfg->kernel_irqchip_set);
    g_assert_false(cfg->kernel_irqchip);
    machine_config_free(cfg);

    cfg = parse_ok("-M", "type=q35", "-machine", "accel=tcg", NULL);
    g_assert_cmpstr(cfg->machine_type, ==, "q35");
    g_assert_cmpstr(accel_name(cfg, 0), ==, "tcg");
    machine_config_free(cfg);

    assert_fails("-machine: unknown property 'usb' (type, accel, "
                 "kernel-irqchip)", "-machine", "pc,usb=off");
    assert_fails("-machine: kernel-irqchip must be on or off, not 'split'",
                 "-machine", "kernel-irqchip=split");
}

static void test_serial(void)
{
    MachineConfig *cfg = parse_ok("-serial", "file:out.txt", "-serial",
                                  "tcp::4444,server,nowait", "-serial",
                                  "unix:/tmp/s.sock,server,wait=off",
                                  "-serial", "null", NULL);

    g_assert_cmpuint(cfg->nr_serial, ==, 4);
    g_assert_cmpstr(cfg->serial[0], ==, "file:out.txt");
    g_assert_cmpstr(cfg->serial[1], ==, "tcp::4444,server,nowait");
    g_assert_cmpstr(cfg->serial[2], ==, "unix:/tmp/s.sock,server,wait=off");
    g_assert_cmpstr(cfg->serial[3], ==, "null");
    machine_config_free(cfg);

    assert_fails("-serial: at most 4 serial ports are supported",
                 "-serial", "null", "-serial", "null", "-serial", "null",
                 "-serial", "null", "-serial", "null");
}

static void test_serial_malformed(void)
{
    assert_fails("-serial: 'x' is not a supported character device (stdio, "
                 "mon:stdio, file:PATH, null, none, tcp:HOST:PORT,server, "
                 "unix:PATH,server)", "-serial", "x");
    assert_fails_prefix("-serial: 'pty' is not a supported", "-serial",
                        "pty");
    assert_fails_prefix("-serial: 'file:' is not a supported", "-serial",
                        "file:");
    assert_fails("-serial: 'tcp::99999,server': '99999' is not a port "
                 "number (0-65535)", "-serial", "tcp::99999,server");
    assert_fails("-serial: 'tcp:localhost:4444': only listening sockets are "
                 "supported by this build yet (add ,server)",
                 "-serial", "tcp:localhost:4444");
    assert_fails("-serial: 'tcp:4444,server': expected tcp:HOST:PORT,server",
                 "-serial", "tcp:4444,server");
    assert_fails("-serial: 'unix:/s,server,telnet': unknown socket option "
                 "'telnet' (server, nowait, wait=on|off)",
                 "-serial", "unix:/s,server,telnet");
    assert_fails_prefix("-debugcon: 'bogus' is not a supported",
                        "-debugcon", "bogus");
}

static void test_nographic_serial(void)
{
    MachineConfig *cfg = parse_ok("-nographic", NULL);

    g_assert_true(cfg->nographic);
    g_assert_cmpstr(cfg->serial[0], ==, "mon:stdio");
    g_assert_cmpuint(cfg->nr_serial, ==, 0);
    machine_config_free(cfg);

    cfg = parse_ok("-nographic", "-serial", "file:log", NULL);
    g_assert_cmpstr(cfg->serial[0], ==, "file:log");
    g_assert_cmpuint(cfg->nr_serial, ==, 1);
    machine_config_free(cfg);

    cfg = parse_ok("-display", "none", "-debugcon", "stdio", NULL);
    g_assert_true(cfg->display_none);
    g_assert_cmpstr(cfg->debugcon, ==, "stdio");
    g_assert_null(cfg->serial[0]);
    machine_config_free(cfg);

    cfg = parse_ok("-nodefaults", NULL);
    g_assert_null(cfg->serial[0]);
    machine_config_free(cfg);

    assert_fails("-debugcon: stdio is already used by -serial",
                 "-serial", "mon:stdio", "-debugcon", "stdio");
    assert_fails("-display: 'sdl' is not supported by this build yet (only "
                 "-display none)", "-display", "sdl");
}

static void test_debug_options(void)
{
    MachineConfig *cfg = parse_ok("-s", "-d", "int,guest_errors", "-d",
                                  "unimp", "-D", "log.txt", NULL);

    g_assert_cmpstr(cfg->gdb, ==, "tcp::1234");
    g_assert_cmpuint(cfg->log_mask, ==,
                     LOG_INT | LOG_GUEST_ERROR | LOG_UNIMP);
    g_assert_cmpstr(cfg->log_file, ==, "log.txt");
    machine_config_free(cfg);

    cfg = parse_ok("-gdb", "unix:/tmp/gdb.sock", NULL);
    g_assert_cmpstr(cfg->gdb, ==, "unix:/tmp/gdb.sock");
    machine_config_free(cfg);

    assert_fails("-d: unknown log item 'bogus' (try -d help)", "-d",
                 "bogus");
    assert_fails_prefix("-gdb: 'serial0' is not a supported", "-gdb",
                        "serial0");
}

static void test_devices(void)
{
    MachineConfig *cfg = parse_ok("-device", "isa-debug-exit,iobase=0xf4",
                                  "-device", "isa-serial", NULL);

    g_assert_cmpuint(cfg->devices->len, ==, 2);
    g_assert_cmpstr(cfg->devices->pdata[0], ==, "isa-debug-exit,iobase=0xf4");
    g_assert_cmpstr(cfg->devices->pdata[1], ==, "isa-serial");
    machine_config_free(cfg);
    assert_fails("-device: no device name given", "-device", ",x=1");
}

static void check_help(HelpRequest want, const char *first, ...)
{
    GError *err = NULL;
    MachineConfig *cfg;
    va_list ap;

    va_start(ap, first);
    cfg = parse_words(first, ap, &err);
    va_end(ap);
    g_assert_no_error(err);
    g_assert_cmpint(cfg->help, ==, want);
    machine_config_free(cfg);
}

static void test_help(void)
{
    MachineConfig *cfg;

    check_help(HELP_USAGE, "-h", NULL);
    check_help(HELP_USAGE, "--help", NULL);
    check_help(HELP_USAGE, "-help", "-bogus", NULL);
    check_help(HELP_VERSION, "-version", NULL);
    check_help(HELP_VERSION, "--version", NULL);
    check_help(HELP_MACHINE, "-machine", "help", NULL);
    check_help(HELP_MACHINE, "-M", "?", NULL);
    check_help(HELP_ACCEL, "-accel", "help", NULL);
    check_help(HELP_CPU, "-cpu", "help", NULL);
    check_help(HELP_LOG, "-d", "help", NULL);
    check_help(HELP_DEVICE, "-device", "help", NULL);

    cfg = parse_ok("-device", "isa-serial,help", NULL);
    g_assert_cmpint(cfg->help, ==, HELP_DEVICE);
    g_assert_cmpstr(cfg->device_help_name, ==, "isa-serial");
    machine_config_free(cfg);
}

static void test_bad_options(void)
{
    assert_fails("-frobnicate: unknown option (try -help)", "-frobnicate");
    assert_fails("--frobnicate: unknown option (try -help)", "--frobnicate");
    assert_fails("-m: requires an argument", "-m");
    assert_fails("-kernel: requires an argument", "--kernel");
    assert_fails("disk.img: disk images are not supported by this build yet",
                 "disk.img");
    assert_fails("-kernel: empty file name", "-kernel", "");
}

static void test_unsupported_options(void)
{
    static const char *const names[] = {
        "-drive", "-hda", "-cdrom", "-netdev", "-nic", "-vga", "-monitor",
        "-qmp", "-chardev", "-boot", "-object", "-snapshot", "-vnc",
        "-daemonize", "-trace", "-plugin", "-icount",
    };

    for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
        g_autofree char *want = g_strdup_printf("%s: not supported by this "
                                                "build yet", names[i]);
        g_autofree char *dashed = g_strconcat("-", names[i], NULL);

        assert_fails(want, names[i], "x");
        assert_fails(want, dashed, "x");
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/options/defaults", test_defaults);
    g_test_add_func("/options/boot", test_boot_options);
    g_test_add_func("/options/double-dash", test_double_dash);
    g_test_add_func("/options/memory/sizes", test_memory_sizes);
    g_test_add_func("/options/memory/limits", test_memory_limits);
    g_test_add_func("/options/smp", test_smp);
    g_test_add_func("/options/accel/order", test_accel_order);
    g_test_add_func("/options/accel/tcg-tb-size", test_accel_tcg_tb_size);
    g_test_add_func("/options/machine", test_machine);
    g_test_add_func("/options/serial/specs", test_serial);
    g_test_add_func("/options/serial/malformed", test_serial_malformed);
    g_test_add_func("/options/serial/nographic", test_nographic_serial);
    g_test_add_func("/options/debug", test_debug_options);
    g_test_add_func("/options/devices", test_devices);
    g_test_add_func("/options/help", test_help);
    g_test_add_func("/options/bad", test_bad_options);
    g_test_add_func("/options/unsupported", test_unsupported_options);
    return g_test_run();
}
