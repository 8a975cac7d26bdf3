/* SPDX-License-Identifier: MIT */
/*
 * main(): parse the command line into a MachineConfig, pick the first
 * accelerator the host offers, build the pc machine for it (with the PIC
 * and PIT in userspace unless the accelerator brings them in its kernel
 * irqchip), start that accelerator, create the vCPUs, load the guest,
 * start the vCPU threads and run the main loop. Every user error ends
 * here as one line "kestrel: <what>: <why>" and exit status 1.
 */
#include "vm.h"
#include "config-host.h"
#include "hw/core/device.h"
#include "accel/tcg-cpu.h"
#include "hw/intc/apic.h"
#include "hw/intc/i8259.h"
#include "target-i386/cpu.h"
#include "target-i386/gdb.h"
#include "util/bql.h"
#include "util/cutils.h"
#include "util/log.h"
#include "vl/chardev-backend.h"
#include "vl/gdbstub.h"
#include "vl/runstate.h"

#include <malloc.h>
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

/* The gdbstub's view of the x86 target. */
static const GdbArchOps x86_gdb_arch_ops = {
    .arch_names = x86_gdb_arch_names,
    .arch_for = x86_gdb_arch_for,
    .target_xml = x86_gdb_target_xml,
    .num_regs = x86_gdb_num_regs,
    .read_reg = x86_gdb_read_reg,
    .write_reg = x86_gdb_write_reg,
    .pc = x86_gdb_pc,
    .dump_state = x86_cpu_dump_state,
};

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

static bool check_machine_type(const char *type, GError **errp)
{
    if (strcmp(type, "pc")) {
        g_set_error(errp, KESTREL_ERROR, 0,
                    "-machine: '%s' is not a supported machine (try "
                    "-machine help)", type);
        return false;
    }
    return true;
}

/*
 * The PIC and PIT live in userspace unless the accelerator has an
 * in-kernel irqchip (set_irq) and the user did not turn it off.
 */
static bool vm_userspace_irqchip(VM *vm, const AccelOps *ops)
{
    return !ops->set_irq ||
           (vm->cfg->kernel_irqchip_set && !vm->cfg->kernel_irqchip);
}

static bool vm_create_machine(VM *vm, bool userspace_irqchip, GError **errp)
{
    MachineConfig *cfg = vm->cfg;
    PCConfig pcc = {
        .ram_size = cfg->ram_size,
        .smp_cpus = cfg->smp_cpus,
        .debugcon = vm->debugcon,
        .bios = cfg->bios,
        .name = cfg->name,
        .userspace_irqchip = userspace_irqchip,
    };
    g_autofree char *default_bios = NULL;

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

static CPUState *vm_cpu(VM *vm, unsigned index)
{
    return g_ptr_array_index(vm->cpus.cpus, index);
}

/* INTR of CPU @n: from its local APIC, or without APICs the PIC's. */
static void vm_cpu_intr(void *opaque, int n, int level)
{
    VM *vm = opaque;

    cpus_set_interrupt_locked(&vm->cpus, vm_cpu(vm, n), level);
}

static int vm_ack_interrupt(void *opaque, unsigned cpu_index)
{
    VM *vm = opaque;

    if (vm->pc->apic) {
        return apic_get_interrupt(vm->pc->apic, cpu_index);
    }
    return pic_read_irq(vm->pc->pic);
}

static void vm_apic_nmi(void *opaque, unsigned cpu_index)
{
    VM *vm = opaque;

    cpus_raise_interrupt_locked(&vm->cpus, vm_cpu(vm, cpu_index),
                                CPU_INTERRUPT_NMI);
}

static void vm_apic_init(void *opaque, unsigned cpu_index)
{
    VM *vm = opaque;

    cpus_raise_interrupt_locked(&vm->cpus, vm_cpu(vm, cpu_index),
                                CPU_INTERRUPT_INIT);
}

static void vm_apic_sipi(void *opaque, unsigned cpu_index, uint8_t vector)
{
    VM *vm = opaque;
    CPUState *cpu = vm_cpu(vm, cpu_index);

    ((CPUX86State *)cpu->env)->sipi_vector = vector;
    cpus_raise_interrupt_locked(&vm->cpus, cpu, CPU_INTERRUPT_SIPI);
}

static const APICCPUHooks vm_apic_cpu_hooks = {
    .nmi = vm_apic_nmi,
    .init = vm_apic_init,
    .sipi = vm_apic_sipi,
};

/* The CPU's side of its APIC (MSRs, CR8), called from vCPU threads that
 * may not hold the big lock. */
static bool vm_lock(void)
{
    bool was_locked = bql_locked();

    if (!was_locked) {
        bql_lock();
    }
    return was_locked;
}

static void vm_unlock(bool was_locked)
{
    if (!was_locked) {
        bql_unlock();
    }
}

static uint64_t vm_apic_get_base(void *opaque, unsigned i)
{
    bool l = vm_lock();
    uint64_t v = apic_get_base(opaque, i);

    vm_unlock(l);
    return v;
}

static uint64_t vm_apic_set_base(void *opaque, unsigned i, uint64_t val)
{
    bool l = vm_lock();
    uint64_t v = apic_set_base(opaque, i, val);

    vm_unlock(l);
    return v;
}

static uint64_t vm_apic_get_cr8(void *opaque, unsigned i)
{
    bool l = vm_lock();
    uint64_t v = apic_get_cr8(opaque, i);

    vm_unlock(l);
    return v;
}

static void vm_apic_set_cr8(void *opaque, unsigned i, uint64_t cr8)
{
    bool l = vm_lock();

    apic_set_cr8(opaque, i, cr8);
    vm_unlock(l);
}

static uint64_t vm_apic_get_deadline(void *opaque, unsigned i)
{
    bool l = vm_lock();
    uint64_t v = apic_get_tsc_deadline(opaque, i);

    vm_unlock(l);
    return v;
}

static void vm_apic_set_deadline(void *opaque, unsigned i, uint64_t deadline,
                                 uint64_t tsc_now)
{
    bool l = vm_lock();

    apic_set_tsc_deadline(opaque, i, deadline, tsc_now);
    vm_unlock(l);
}

static const X86APICOps vm_x86_apic_ops = {
    .get_base = vm_apic_get_base,
    .set_base = vm_apic_set_base,
    .get_cr8 = vm_apic_get_cr8,
    .set_cr8 = vm_apic_set_cr8,
    .get_tsc_deadline = vm_apic_get_deadline,
    .set_tsc_deadline = vm_apic_set_deadline,
};

/*
 * Route interrupts: GSIs to the in-kernel irqchip, or each local APIC to
 * its CPU (INTR, NMI/INIT/SIPI, the CPU's MSRs), or without APICs the
 * PIC to CPU 0.
 */
static void vm_connect_interrupts(VM *vm)
{
    PCMachine *pc = vm->pc;

    if (pc->apic) {
        for (unsigned i = 0; i < vm->cpus.cpus->len; i++) {
            CPUX86State *env = (CPUX86State *)vm_cpu(vm, i)->env;

            env->apic_ops = &vm_x86_apic_ops;
            env->apic_opaque = pc->apic;
            irq_init(apic_intr_output(pc->apic, i), vm_cpu_intr, vm, i);
            vm_cpu_intr(vm, i, apic_intr_level(pc->apic, i));
        }
        apic_bus_set_cpu_hooks(pc->apic, &vm_apic_cpu_hooks, vm);
        return;
    }
    if (pc->pic) {
        irq_init(pc->cpu_intr_out, vm_cpu_intr, vm, 0);
        vm_cpu_intr(vm, 0, pic_intr_level(pc->pic));
        return;
    }
    for (unsigned i = 0; i < MACHINE_NR_GSI; i++) {
        if (vm->accel_ops->set_irq) {
            irq_init(&pc->m.gsi[i], vm_gsi_to_accel, vm, i);
        }
    }
}

/*
 * Try one accelerator; false with @errp set if it cannot run here. The
 * first one the host offers decides how the machine is built (its irqchip
 * in the kernel or in userspace); a fallback must fit that machine.
 * *@fatal is set when the failure is the machine's, not the accelerator's.
 */
static bool vm_try_accel(VM *vm, const AccelChoice *choice, bool *fatal,
                         GError **errp)
{
    const AccelOps *ops = accel_find(choice->name);
    AccelConfig ac = {
        .ncpus = vm->cfg->smp_cpus,
        .cpu_model = vm->cfg->cpu_model,
        .props = choice->props,
        .event = runstate_accel_event,
        .ack_interrupt = vm_ack_interrupt,
        .ack_opaque = vm,
    };
    GError *err = NULL;

    if (!ops) {
        g_set_error(errp, KESTREL_ERROR, 0,
                    "-accel: '%s' is not an accelerator (try -accel help)",
                    choice->name);
        return false;
    }
    if (!ops->available(&err)) {
        goto fail;
    }
    if (!vm->pc) {
        if (!vm_create_machine(vm, vm_userspace_irqchip(vm, ops), errp)) {
            *fatal = true;
            return false;
        }
    } else if (!vm->pc->pic != !vm_userspace_irqchip(vm, ops)) {
        g_set_error(errp, KESTREL_ERROR, 0, "-accel %s: the machine was "
                    "already built for an irqchip %s", choice->name,
                    vm->pc->pic ? "in userspace" : "in the kernel");
        return false;
    }
    ac.as_memory = &vm->pc->m.as_memory;
    ac.as_io = &vm->pc->m.as_io;
    ac.kernel_irqchip = !vm->pc->pic;
    if (!(vm->accel = ops->init(&ac, &err))) {
        goto fail;
    }
    vm->accel_ops = ops;
    return true;
fail:
    g_set_error(errp, KESTREL_ERROR, 0, "-accel %s: %s", choice->name,
                err->message);
    g_error_free(err);
    return false;
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
        bool fatal = false;

        g_clear_error(&err);
        if (vm_try_accel(vm, g_ptr_array_index(choices, i), &fatal, &err)) {
            return true;
        }
        if (fatal) {
            g_propagate_error(errp, err);
            return false;
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

static bool vm_start_gdbstub(VM *vm, GError **errp)
{
    if (!vm->cfg->gdb || !strcmp(vm->cfg->gdb, "none")) {
        return true;
    }
    if (!gdbstub_init(vm, vm->cfg->gdb, &x86_gdb_arch_ops, errp)) {
        g_prefix_error(errp, "-gdb ");
        return false;
    }
    return true;
}

static bool vm_setup(VM *vm, GError **errp)
{
    if (!check_cpu_model(vm->cfg->cpu_model, errp)) {
        return false;
    }
    if (!log_set_file(vm->cfg->log_file, errp)) {
        g_prefix_error(errp, "-D: ");
        return false;
    }
    log_mask = vm->cfg->log_mask;
    if (vm->cfg->log_filter) {
        log_parse_filter(vm->cfg->log_filter, true, NULL);
    }
    return check_machine_type(vm->cfg->machine_type, errp) &&
           vm_open_chardevs(vm, errp) &&
           vm_pick_accel(vm, errp) && vm_create_cpus(vm, errp) &&
           vm_load_guest(vm, errp) && vm_cpus_boot_state_locked(vm, errp) &&
           vm_start_gdbstub(vm, errp);
}

/*
 * The translator allocates small objects at a high rate from the vCPU
 * thread. glibc would give that thread its own arena, which grows a page
 * or two at a time with mprotect (thousands of system calls and faults
 * in a Linux boot); one arena that grows in large steps does not.
 */
static void malloc_tune(void)
{
    mallopt(M_ARENA_MAX, 1);
    mallopt(M_TOP_PAD, 16 << 20);
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
}

int main(int argc, char **argv)
{
    VM vm = { 0 };
    GError *err = NULL;
    int status;

    malloc_tune();

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
    vm_connect_interrupts(&vm);
    if (vm.cfg->start_paused) {
        if (!vm.cfg->gdb) {
            fprintf(stderr, "kestrel: -S: the machine is paused before its "
                    "first instruction; without -gdb nothing can continue "
                    "it yet (end with C-a x or a signal)\n");
        }
        cpus_request_stop_all_locked(&vm.cpus);
    }
    cpus_start_threads(&vm.cpus);
    status = main_loop_run(&vm);
    gdbstub_report_exit(status);
    fflush(stdout);
    exit(status);
}
