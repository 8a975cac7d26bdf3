/* SPDX-License-Identifier: MIT */
/*
 * main(): parse the command line into a MachineConfig, build the pc
 * machine, pick the first accelerator that works, create the vCPUs, load
 * the guest, start the vCPU threads and run the main loop. Every user
 * error ends here as one line "kestrel: <what>: <why>" and exit status 1.
 */
#include "vm.h"
#include "config-host.h"
#include "hw/core/device.h"
#include "target-i386/cpu.h"
#include "util/bql.h"
#include "util/cutils.h"
#include "util/log.h"
#include "vl/chardev-backend.h"
#include "vl/runstate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const firmware_dirs[] = {
    KESTREL_SOURCE_ROOT "/pc-bios",
    KESTREL_DATADIR,
    "/usr/share/seabios",
    "/usr/share/qemu",
    NULL,
};

static G_NORETURN void die(GError *err)
{
    fprintf(stderr, "kestrel: %s\n", err->message);
    g_error_free(err);
    exit(1);
}

static void machine_hook_exit(Machine *m, int status)
{
    runstate_request_exit(status);
}

static void machine_hook_reset(Machine *m)
{
    runstate_request_reset();
}

static const MachineHooks vm_machine_hooks = {
    .request_exit = machine_hook_exit,
    .request_reset = machine_hook_reset,
};

static Chardev *open_chardev(const char *spec, const char *label,
                             GError **errp)
{
    if (!spec || !strcmp(spec, "none")) {
        return NULL;
    }
    return chardev_new_from_spec(spec, label, errp);
}

static bool vm_open_chardevs(VM *vm, GError **errp)
{
    for (unsigned i = 0; i < MAX_SERIAL_PORTS; i++) {
        g_autofree char *label = g_strdup_printf("serial%u", i);

        if (vm->cfg->serial[i]) {
            vm->serial[i] = open_chardev(vm->cfg->serial[i], label, errp);
            if (!vm->serial[i] && strcmp(vm->cfg->serial[i], "none")) {
                g_prefix_error(errp, "-serial ");
                return false;
            }
        }
    }
    if (vm->cfg->debugcon) {
        vm->debugcon = open_chardev(vm->cfg->debugcon, "debugcon", errp);
        if (!vm->debugcon && strcmp(vm->cfg->debugcon, "none")) {
            g_prefix_error(errp, "-debugcon ");
            return false;
        }
    }
    return true;
}

static char *find_firmware(const char *name)
{
    for (int i = 0; firmware_dirs[i]; i++) {
        char *path = g_build_filename(firmware_dirs[i], name, NULL);

        if (g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
            return path;
        }
        g_free(path);
    }
    return NULL;
}

static bool vm_create_machine(VM *vm, GError **errp)
{
    MachineConfig *cfg = vm->cfg;
    PCConfig pcc = {
        .ram_size = cfg->ram_size,
        .smp_cpus = cfg->smp_cpus,
        .debugcon = vm->debugcon,
        .bios = cfg->bios,
        .name = cfg->name,
    };
    g_autofree char *default_bios = NULL;

    if (strcmp(cfg->machine_type, "pc")) {
        g_set_error(errp, KESTREL_ERROR, 0,
                    "-machine: '%s' is not a supported machine (try "
                    "-machine help)", cfg->machine_type);
        return false;
    }
    if (!cfg->kernel && !cfg->bios) {
        default_bios = find_firmware("bios-256k.bin");
        if (!default_bios) {
            g_set_error(errp, KESTREL_ERROR, 0,
                        "nothing to boot: give -kernel, or -bios, or install "
                        "SeaBIOS (apt-get install seabios)");
            return false;
        }
        pcc.bios = default_bios;
    }
    for (int i = 0; i < MAX_SERIAL_PORTS && i < PC_MAX_SERIAL; i++) {
        pcc.serial[i] = vm->serial[i];
    }
    vm->pc = pc_machine_create(&pcc, errp);
    if (!vm->pc) {
        return false;
    }
    vm->pc->m.hooks = &vm_machine_hooks;
    for (guint i = 0; i < cfg->devices->len; i++) {
        const char *spec = g_ptr_array_index(cfg->devices, i);
        DeviceState *dev = device_new_from_string(spec, errp);

        if (!dev || !device_realize(dev, &vm->pc->m, errp)) {
            device_destroy(dev);
            g_prefix_error(errp, "-device %s: ", spec);
            return false;
        }
    }
    return true;
}

static void vm_gsi_to_accel(void *opaque, int gsi, int level)
{
    VM *vm = opaque;

    vm->accel_ops->set_irq(vm->accel, gsi, level);
}

/* Try one accelerator; false with @errp set if it cannot run here. */
static bool vm_try_accel(VM *vm, const AccelChoice *choice, GError **errp)
{
    const AccelOps *ops = accel_find(choice->name);
    AccelConfig ac = {
        .as_memory = &vm->pc->m.as_memory,
        .as_io = &vm->pc->m.as_io,
        .ncpus = vm->cfg->smp_cpus,
        .cpu_model = vm->cfg->cpu_model,
        .kernel_irqchip = !vm->cfg->kernel_irqchip_set ||
                          vm->cfg->kernel_irqchip,
        .props = choice->props,
        .event = runstate_accel_event,
    };
    GError *err = NULL;

    if (!ops) {
        g_set_error(errp, KESTREL_ERROR, 0,
                    "-accel: '%s' is not an accelerator (try -accel help)",
                    choice->name);
        return false;
    }
    if (!ops->available(&err) || !(vm->accel = ops->init(&ac, &err))) {
        g_set_error(errp, KESTREL_ERROR, 0, "-accel %s: %s", choice->name,
                    err->message);
        g_error_free(err);
        return false;
    }
    vm->accel_ops = ops;
    return true;
}

static bool vm_pick_accel(VM *vm, GError **errp)
{
    GPtrArray *choices = vm->cfg->accels;
    g_autoptr(GPtrArray) defaults = g_ptr_array_new_with_free_func(g_free);
    GError *err = NULL;

    if (!choices->len) {
        for (int i = 0; accel_table[i]; i++) {
            AccelChoice *c = g_new0(AccelChoice, 1);

            c->name = (char *)accel_table[i]->name;
            g_ptr_array_add(defaults, c);
        }
        choices = defaults;
    }
    for (guint i = 0; i < choices->len; i++) {
        g_clear_error(&err);
        if (vm_try_accel(vm, g_ptr_array_index(choices, i), &err)) {
            return true;
        }
        if (i + 1 < choices->len && vm->cfg->accels->len) {
            fprintf(stderr, "kestrel: warning: %s; trying the next "
                    "accelerator\n", err->message);
        }
    }
    if (!vm->cfg->accels->len) {
        g_set_error(errp, KESTREL_ERROR, 0,
                    "no accelerator can run on this host (last: %s)",
                    err->message);
        g_error_free(err);
        return false;
    }
    g_propagate_error(errp, err);
    return false;
}

static bool vm_create_cpus(VM *vm, GError **errp)
{
    vm->cpus.ops = vm->accel_ops;
    vm->cpus.accel = vm->accel;
    vm->cpus.cpus = g_ptr_array_new();
    for (unsigned i = 0; i < vm->cfg->smp_cpus; i++) {
        CPUState *cpu = g_new0(CPUState, 1);
        CPUX86State *env = g_new0(CPUX86State, 1);

        cpu->index = i;
        cpu->env = env;
        env->cpu_index = i;
        env->apic_id = i;
        g_cond_init(&cpu->cond);
        g_ptr_array_add(vm->cpus.cpus, cpu);
        if (!vm->accel_ops->vcpu_create(vm->accel, cpu, errp)) {
            return false;
        }
    }
    return true;
}

static bool vm_load_guest(VM *vm, GError **errp)
{
    MachineConfig *cfg = vm->cfg;

    vm->boot = (PCBootEntry){ .kind = PC_BOOT_FIRMWARE };
    if (!cfg->kernel) {
        if (cfg->initrd || cfg->append) {
            g_set_error(errp, KESTREL_ERROR, 0, "%s: only allowed with "
                        "-kernel", cfg->initrd ? "-initrd" : "-append");
            return false;
        }
        return true;
    }
    vm->kernel = (PCKernelConfig){
        .kernel = cfg->kernel,
        .initrd = cfg->initrd,
        .cmdline = cfg->append,
    };
    return pc_load_kernel(vm->pc, &vm->kernel, &vm->boot, errp);
}

static bool check_cpu_model(const char *model, GError **errp)
{
    if (model && strchr(model, ',')) {
        g_set_error(errp, KESTREL_ERROR, 0,
                    "-cpu: feature flags ('%s') are not supported yet",
                    strchr(model, ',') + 1);
        return false;
    }
    for (const X86CPUModel *m = x86_cpu_models; model && m->name; m++) {
        if (!strcmp(m->name, model)) {
            return true;
        }
    }
    if (model) {
        g_set_error(errp, KESTREL_ERROR, 0,
                    "-cpu: '%s' is not a known CPU model (try -cpu help)",
                    model);
        return false;
    }
    return true;
}

static bool vm_setup(VM *vm, GError **errp)
{
    if (!check_cpu_model(vm->cfg->cpu_model, errp)) {
        return false;
    }
    if (vm->cfg->gdb) {
        g_set_error(errp, KESTREL_ERROR, 0,
                    "-gdb: the gdbstub is not supported by this build yet");
        return false;
    }
    if (!log_set_file(vm->cfg->log_file, errp)) {
        g_prefix_error(errp, "-D: ");
        return false;
    }
    log_mask = vm->cfg->log_mask;
    return vm_open_chardevs(vm, errp) && vm_create_machine(vm, errp) &&
           vm_pick_accel(vm, errp) && vm_create_cpus(vm, errp) &&
           vm_load_guest(vm, errp) && vm_cpus_boot_state_locked(vm, errp);
}

int main(int argc, char **argv)
{
    VM vm = { 0 };
    GError *err = NULL;
    int status;

    vm.cfg = machine_config_parse(argc, argv, &err);
    if (!vm.cfg) {
        die(err);
    }
    if (vm.cfg->help != HELP_NONE) {
        help_print(vm.cfg);
        return 0;
    }
    bql_lock();
    runstate_init(&vm);
    if (!vm_setup(&vm, &err)) {
        die(err);
    }
    for (unsigned i = 0; i < MACHINE_NR_GSI; i++) {
        if (vm.accel_ops->set_irq) {
            irq_init(&vm.pc->m.gsi[i], vm_gsi_to_accel, &vm, i);
        }
    }
    if (vm.cfg->start_paused) {
        fprintf(stderr, "kestrel: -S: the machine is paused before its first "
                "instruction; this build has no monitor or gdbstub to "
                "continue it (end with C-a x or a signal)\n");
        cpus_request_stop_all_locked(&vm.cpus);
    }
    cpus_start_threads(&vm.cpus);
    status = main_loop_run(&vm);
    fflush(stdout);
    exit(status);
}
