/* SPDX-License-Identifier: MIT */
/*
 * The kvm row of the accelerator table: the VM and vCPU file descriptors,
 * one thread per vCPU looping on KVM_RUN, and the exit dispatch — port I/O
 * and MMIO into the machine's address spaces under the big lock, shutdown
 * and system events to the main loop, failures reported with the
 * registers. Interrupts come from the in-kernel irqchip and PIT, or, with
 * kernel-irqchip=off, from the machine's userspace APIC/PIC: then HLT exits
 * here and the vCPU waits for CPUState.interrupt_request, and vectors are
 * injected with KVM_INTERRUPT when the guest can take them (otherwise an
 * interrupt window is requested).
 */
#include "kvm-internal.h"
#include "accel/cpus.h"
#include "accel/tcg-cpu.h"
#include "target-i386/kvm.h"
#include "util/bql.h"
#include "util/cutils.h"
#include "util/log.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#define KVM_TSS_ADDR        0xfffbd000u   /* 3 pages below a 256 KiB BIOS */
#define KVM_IDENTITY_MAP    0xfeffc000u
#define SIG_KICK            SIGUSR1

const AccelOps kvm_accel_ops;

typedef struct KVMCPUThread {
    KVMCPU k;
    pthread_t thread;
    bool thread_valid;
    /* Guest debugging: what KVM_SET_GUEST_DEBUG gets before the next run. */
    struct kvm_guest_debug dbg;
    bool dbg_dirty;
    GuestDebug debug;
    uint8_t dr_point[4];        /* debug register -> index in debug */
} KVMCPUThread;

static int kvm_open(GError **errp)
{
    int fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
    int version;

    if (fd < 0) {
        g_set_error(errp, KESTREL_ERROR, 0, "cannot open /dev/kvm: %s",
                    g_strerror(errno));
        return -1;
    }
    version = ioctl(fd, KVM_GET_API_VERSION, 0);
    if (version < 0) {
        g_set_error(errp, KESTREL_ERROR, 0,
                    "/dev/kvm is not a KVM device (%s)", g_strerror(errno));
        close(fd);
        return -1;
    }
    if (version != KVM_API_VERSION) {
        g_set_error(errp, KESTREL_ERROR, 0,
                    "/dev/kvm speaks API version %d, Kestrel needs %d",
                    version, KVM_API_VERSION);
        close(fd);
        return -1;
    }
    return fd;
}

static bool kvm_available(GError **errp)
{
    int fd = kvm_open(errp);

    if (fd < 0) {
        return false;
    }
    close(fd);
    return true;
}

static bool kvm_require(int fd, int cap, const char *name, GError **errp)
{
    if (ioctl(fd, KVM_CHECK_EXTENSION, cap) <= 0) {
        g_set_error(errp, KESTREL_ERROR, 0,
                    "the host's KVM lacks the %s capability", name);
        return false;
    }
    return true;
}

static bool kvm_vm_ioctl(AccelState *s, unsigned long req, void *arg,
                         const char *what, GError **errp)
{
    if (ioctl(s->vm_fd, req, arg) < 0) {
        g_set_error(errp, KESTREL_ERROR, 0, "kvm: %s: %s", what,
                    g_strerror(errno));
        return false;
    }
    return true;
}

static void kvm_kick_handler(int sig)
{
}

/* The in-kernel PIC pair, I/O APIC, local APICs and PIT. */
static bool kvm_create_irqchip(AccelState *s, GError **errp)
{
    struct kvm_pit_config pit = { .flags = KVM_PIT_SPEAKER_DUMMY };

    if (!kvm_vm_ioctl(s, KVM_CREATE_IRQCHIP, NULL, "KVM_CREATE_IRQCHIP",
                      errp) ||
        !kvm_vm_ioctl(s, KVM_CREATE_PIT2, &pit, "KVM_CREATE_PIT2", errp)) {
        return false;
    }
    s->irqchip = true;
    return true;
}

static void kvm_destroy(AccelState *s);

static AccelState *kvm_init(const AccelConfig *cfg, GError **errp)
{
    AccelState *s = g_new0(AccelState, 1);
    struct sigaction sa = { .sa_handler = kvm_kick_handler };
    uint64_t idmap = KVM_IDENTITY_MAP;

    s->cfg = *cfg;
    s->vm_fd = -1;
    s->kvm_fd = kvm_open(errp);
    if (s->kvm_fd < 0) {
        goto fail;
    }
    if (!kvm_require(s->kvm_fd, KVM_CAP_USER_MEMORY, "USER_MEMORY", errp) ||
        !kvm_require(s->kvm_fd, KVM_CAP_SET_TSS_ADDR, "SET_TSS_ADDR", errp) ||
        !kvm_require(s->kvm_fd, KVM_CAP_EXT_CPUID, "EXT_CPUID", errp) ||
        !kvm_require(s->kvm_fd, KVM_CAP_IMMEDIATE_EXIT, "IMMEDIATE_EXIT",
                     errp)) {
        goto fail;
    }
    if (!cfg->kernel_irqchip && !cfg->ack_interrupt) {
        g_set_error(errp, KESTREL_ERROR, 0, "kernel-irqchip=off needs an "
                    "interrupt controller in the machine");
        goto fail;
    }
    if (cfg->kernel_irqchip &&
        (!kvm_require(s->kvm_fd, KVM_CAP_IRQCHIP, "IRQCHIP", errp) ||
         !kvm_require(s->kvm_fd, KVM_CAP_PIT2, "PIT2", errp))) {
        goto fail;
    }
    s->readonly_mem = ioctl(s->kvm_fd, KVM_CHECK_EXTENSION,
                            KVM_CAP_READONLY_MEM) > 0;
    s->run_size = ioctl(s->kvm_fd, KVM_GET_VCPU_MMAP_SIZE, 0);
    do {
        s->vm_fd = ioctl(s->kvm_fd, KVM_CREATE_VM, 0);
    } while (s->vm_fd < 0 && errno == EINTR);
    if (s->vm_fd < 0) {
        g_set_error(errp, KESTREL_ERROR, 0, "kvm: cannot create a VM: %s",
                    g_strerror(errno));
        goto fail;
    }
    if (!kvm_vm_ioctl(s, KVM_SET_TSS_ADDR, (void *)(uintptr_t)KVM_TSS_ADDR,
                      "KVM_SET_TSS_ADDR", errp) ||
        !kvm_vm_ioctl(s, KVM_SET_IDENTITY_MAP_ADDR, &idmap,
                      "KVM_SET_IDENTITY_MAP_ADDR", errp)) {
        goto fail;
    }
    if (cfg->kernel_irqchip && !kvm_create_irqchip(s, errp)) {
        goto fail;
    }
    sigaction(SIG_KICK, &sa, NULL);
    kvm_slots_init(s);
    return s;
fail:
    kvm_destroy(s);
    return NULL;
}

static bool kvm_vcpu_create(AccelState *s, CPUState *cpu, GError **errp)
{
    KVMCPUThread *kt = g_new0(KVMCPUThread, 1);
    char *dropped = NULL;

    kt->k.fd = ioctl(s->vm_fd, KVM_CREATE_VCPU, cpu->index);
    if (kt->k.fd < 0) {
        g_set_error(errp, KESTREL_ERROR, 0, "kvm: cannot create vCPU %u: %s",
                    cpu->index, g_strerror(errno));
        g_free(kt);
        return false;
    }
    kt->k.run = mmap(NULL, s->run_size, PROT_READ | PROT_WRITE, MAP_SHARED,
                     kt->k.fd, 0);
    if (kt->k.run == MAP_FAILED) {
        g_set_error(errp, KESTREL_ERROR, 0, "kvm: cannot map vCPU %u: %s",
                    cpu->index, g_strerror(errno));
        close(kt->k.fd);
        g_free(kt);
        return false;
    }
    cpu->accel = s;
    cpu->accel_cpu = kt;
    if (!kvm_x86_init_vcpu(s->kvm_fd, kt->k.fd, cpu->env, s->cfg.cpu_model,
                           s->cfg.ncpus, &dropped, errp)) {
        return false;
    }
    /* Said when the guest starts, so a user error stays one line. */
    if (dropped && cpu->index == 0 && !s->cpuid_warning) {
        s->cpuid_warning = g_strdup_printf(
            "kestrel: warning: the host's KVM lacks these features of "
            "CPU model %s, the guest will not see them: %s",
            s->cfg.cpu_model ? s->cfg.cpu_model : "kestrel64", dropped);
    }
    g_free(dropped);
    return true;
}

static bool kvm_get_registers(CPUState *cpu, GError **errp)
{
    KVMCPUThread *kt = cpu->accel_cpu;

    return kvm_x86_get_registers(kt->k.fd, cpu->env, errp);
}

static bool kvm_put_registers(CPUState *cpu, GError **errp)
{
    KVMCPUThread *kt = cpu->accel_cpu;

    return kvm_x86_put_registers(kt->k.fd, cpu->env, errp);
}

static void kvm_vcpu_kick(CPUState *cpu)
{
    KVMCPUThread *kt = cpu->accel_cpu;

    kt->k.run->immediate_exit = 1;
    if (kt->thread_valid) {
        pthread_kill(kt->thread, SIG_KICK);
    }
}

static void kvm_set_irq(AccelState *s, unsigned gsi, int level)
{
    struct kvm_irq_level irq = { .irq = gsi, .level = level };

    if (!s->irqchip) {
        return;         /* the machine's own PIC serves GSIs */
    }
    if (ioctl(s->vm_fd, KVM_IRQ_LINE, &irq) < 0) {
        log_mask_printf(LOG_GUEST_ERROR, "kvm: KVM_IRQ_LINE %u: %s\n", gsi,
                        g_strerror(errno));
    }
}

/* ---- guest debugging ---------------------------------------------- */

#define DR7_GE          (1u << 9)
#define DR7_FIXED       (1u << 10)
#define DR6_BS          (1u << 14)

static bool kvm_translate_debug(CPUState *cpu, uint64_t vaddr, uint64_t *phys)
{
    KVMCPUThread *kt = cpu->accel_cpu;
    struct kvm_translation tr = { .linear_address = vaddr };

    if (ioctl(kt->k.fd, KVM_TRANSLATE, &tr) < 0 || !tr.valid) {
        return false;
    }
    *phys = tr.physical_address;
    return true;
}

/* DR7 bits for debug register @i watching @len bytes (1 for a
 * breakpoint): enable, R/W, LEN (SDM Vol. 3B, 17.2.4). */
static uint64_t kvm_dr7_bits(GuestDebugKind kind, unsigned len, unsigned i)
{
    static const unsigned rw[] = {
        [GUEST_DEBUG_HW_BREAK] = 0, [GUEST_DEBUG_SW_BREAK] = 0,
        [GUEST_DEBUG_WATCH_WRITE] = 1, [GUEST_DEBUG_WATCH_READ] = 3,
        [GUEST_DEBUG_WATCH_ACCESS] = 3,
    };
    unsigned lenbits = len == 8 ? 2 : len - 1;

    return (2ull << (2 * i)) | ((uint64_t)rw[kind] << (16 + 4 * i)) |
           ((uint64_t)lenbits << (18 + 4 * i));
}

/* The largest debug-register length (8, 4, 2, 1) that starts at @addr,
 * aligned as a debug register needs, and fits in @len bytes. */
static unsigned kvm_dr_piece(uint64_t addr, uint64_t len)
{
    unsigned n = 8;

    while (n > 1 && ((addr & (n - 1)) || n > len)) {
        n /= 2;
    }
    return n;
}

/*
 * Every breakpoint and watchpoint goes in debug registers (DR0-DR3):
 * software breakpoints too, so guest memory is never patched and a
 * guest's own INT3 (the user64 runtime's system call) stays the guest's.
 * A debug register watches an aligned 1, 2, 4 or 8 bytes, so an
 * unaligned watchpoint takes one register per aligned piece.
 */
static bool kvm_set_guest_debug(CPUState *cpu, const GuestDebug *d,
                                GError **errp)
{
    KVMCPUThread *kt = cpu->accel_cpu;
    struct kvm_guest_debug *g = &kt->dbg;
    unsigned n = 0;

    memset(g, 0, sizeof(*g));
    for (unsigned i = 0; i < d->nr_points; i++) {
        const GuestDebugPoint *p = &d->points[i];
        bool watch = p->kind >= GUEST_DEBUG_WATCH_WRITE;
        uint64_t addr = p->addr, left = watch ? p->len : 1;

        while (left) {
            unsigned piece = watch ? kvm_dr_piece(addr, left) : 1;

            if (n == 4) {
                g_set_error(errp, KESTREL_ERROR, 0, "kvm: at most 4 debug "
                            "registers for breakpoints and watchpoints "
                            "together (an unaligned watchpoint takes one per "
                            "aligned piece)");
                return false;
            }
            g->arch.debugreg[n] = addr;
            g->arch.debugreg[7] |= kvm_dr7_bits(p->kind, watch ? piece : 1,
                                                n);
            kt->dr_point[n++] = i;
            addr += piece;
            left -= piece;
        }
    }
    if (n) {
        g->arch.debugreg[7] |= DR7_GE | DR7_FIXED;
        g->control |= KVM_GUESTDBG_USE_HW_BP;
    }
    if (d->single_step) {
        g->control |= KVM_GUESTDBG_SINGLESTEP;
    }
    if (g->control) {
        g->control |= KVM_GUESTDBG_ENABLE;
    }
    kt->debug = *d;
    kt->dbg_dirty = true;
    return true;
}

/* KVM_EXIT_DEBUG: which of ours fired (SDM Vol. 3B, 17.2.3, DR6). */
static void kvm_handle_debug(CPUState *cpu, struct kvm_run *run)
{
    KVMCPUThread *kt = cpu->accel_cpu;
    uint64_t dr6 = run->debug.arch.dr6;

    cpu->debug_stop = GUEST_DEBUG_STOP_STEP;
    for (unsigned i = 0; i < 4; i++) {
        const GuestDebugPoint *p = &kt->debug.points[kt->dr_point[i]];

        if (!(dr6 & (1u << i)) ||
            !(kt->dbg.arch.debugreg[7] & (2ull << (2 * i)))) {
            continue;
        }
        if (p->kind <= GUEST_DEBUG_HW_BREAK) {
            cpu->debug_stop = GUEST_DEBUG_STOP_BREAK;
        } else {
            cpu->debug_stop = GUEST_DEBUG_STOP_WATCH;
            cpu->debug_watch_addr = MAX(p->addr, kt->dbg.arch.debugreg[i]);
        }
        cpu->debug_watch_kind = p->kind;
        break;
    }
    if (cpu->debug_stop == GUEST_DEBUG_STOP_STEP &&
        !(kt->dbg.control & KVM_GUESTDBG_SINGLESTEP)) {
        log_mask_printf(LOG_GUEST_ERROR, "kvm: debug exit (exception %u, "
                        "dr6 %#llx) that no debugger asked for\n",
                        run->debug.arch.exception,
                        (unsigned long long)dr6);
    }
    cpu->stop = true;
    cpu->accel->cfg.event(cpu, ACCEL_EVENT_DEBUG, NULL);
}

/* Report an unrecoverable exit with the registers, and stop this vCPU. */
static void kvm_report(CPUState *cpu, AccelEvent ev, const char *what)
{
    g_autofree char *regs = NULL;
    g_autofree char *msg = NULL;

    if (kvm_get_registers(cpu, NULL)) {
        cpu->state_valid = true;
        regs = x86_cpu_dump_state(cpu->env);
    }
    msg = g_strdup_printf("kvm: %s (vCPU %u)\n%s", what, cpu->index,
                          regs ? regs : "");
    cpu->stop = true;
    cpu->accel->cfg.event(cpu, ev, msg);
}

static void kvm_handle_io(AccelState *s, struct kvm_run *run)
{
    uint8_t *data = (uint8_t *)run + run->io.data_offset;

    for (uint32_t i = 0; i < run->io.count; i++) {
        if (run->io.direction == KVM_EXIT_IO_OUT) {
            address_space_write(s->cfg.as_io, run->io.port, data,
                                run->io.size);
        } else {
            address_space_read(s->cfg.as_io, run->io.port, data,
                               run->io.size);
        }
        data += run->io.size;
    }
}

/* The instruction bytes at the faulting RIP, for an emulation failure. */
static char *kvm_insn_bytes(CPUState *cpu, struct kvm_run *run)
{
    KVMCPUThread *kt = cpu->accel_cpu;
    CPUX86State *env = cpu->env;
    GString *s = g_string_new(NULL);
    struct kvm_translation tr;
    uint8_t bytes[15];
    unsigned n = 0;

    if (run->emulation_failure.ndata >= 3 &&
        (run->emulation_failure.flags &
         KVM_INTERNAL_ERROR_EMULATION_FLAG_INSTRUCTION_BYTES)) {
        n = MIN(run->emulation_failure.insn_size, 15u);
        memcpy(bytes, run->emulation_failure.insn_bytes, n);
    } else if (kvm_get_registers(cpu, NULL)) {
        tr = (struct kvm_translation){
            .linear_address = env->segs[R_CS].base + env->rip };
        if (ioctl(kt->k.fd, KVM_TRANSLATE, &tr) == 0 && tr.valid &&
            address_space_read(cpu->accel->cfg.as_memory,
                               tr.physical_address, bytes, 15) == MEMTX_OK) {
            n = 15;
        }
    }
    for (unsigned i = 0; i < n; i++) {
        g_string_append_printf(s, "%s%02x", i ? " " : "", bytes[i]);
    }
    if (!n) {
        g_string_append(s, "(bytes unavailable)");
    }
    return g_string_free(s, false);
}

static void kvm_handle_internal_error(CPUState *cpu, struct kvm_run *run)
{
    g_autofree char *what = NULL;

    if (run->internal.suberror == KVM_INTERNAL_ERROR_EMULATION) {
        g_autofree char *bytes = kvm_insn_bytes(cpu, run);

        what = g_strdup_printf("emulation failure: the host's KVM could not "
                               "run the instruction %s", bytes);
        kvm_report(cpu, ACCEL_EVENT_UNRUNNABLE, what);
        return;
    }
    what = g_strdup_printf("internal error, suberror %u",
                           run->internal.suberror);
    kvm_report(cpu, ACCEL_EVENT_FATAL, what);
}

static void kvm_handle_system_event(CPUState *cpu, struct kvm_run *run)
{
    cpu->stop = true;
    switch (run->system_event.type) {
    case KVM_SYSTEM_EVENT_RESET:
        cpu->accel->cfg.event(cpu, ACCEL_EVENT_RESET, NULL);
        break;
    case KVM_SYSTEM_EVENT_SHUTDOWN:
        cpu->accel->cfg.event(cpu, ACCEL_EVENT_POWEROFF, NULL);
        break;
    default:
        kvm_report(cpu, ACCEL_EVENT_FATAL, "the guest crashed");
        break;
    }
}

/* Dispatch one exit; called with the big lock held. */
static void kvm_handle_exit(CPUState *cpu, struct kvm_run *run)
{
    AccelState *s = cpu->accel;
    g_autofree char *what = NULL;

    switch (run->exit_reason) {
    case KVM_EXIT_IO:
        kvm_handle_io(s, run);
        break;
    case KVM_EXIT_MMIO:
        /* The vCPU is the requester (the local APIC page is per CPU). */
        if (run->mmio.is_write) {
            address_space_write_attrs(s->cfg.as_memory, run->mmio.phys_addr,
                                      MEMTXATTRS_CPU(cpu->index),
                                      run->mmio.data, run->mmio.len);
        } else {
            address_space_read_attrs(s->cfg.as_memory, run->mmio.phys_addr,
                                     MEMTXATTRS_CPU(cpu->index),
                                     run->mmio.data, run->mmio.len);
        }
        break;
    case KVM_EXIT_INTR:
    case KVM_EXIT_IRQ_WINDOW_OPEN:      /* injected on the next entry */
        break;
    case KVM_EXIT_HLT:
        /* Only without an in-kernel irqchip; RIP is past the HLT. */
        cpu_halt_wait_locked(cpu, run->if_flag);
        break;
    case KVM_EXIT_SHUTDOWN:
        cpu->stop = true;
        cpu->accel->cfg.event(cpu, ACCEL_EVENT_SHUTDOWN, NULL);
        break;
    case KVM_EXIT_SYSTEM_EVENT:
        kvm_handle_system_event(cpu, run);
        break;
    case KVM_EXIT_DEBUG:
        kvm_handle_debug(cpu, run);
        break;
    case KVM_EXIT_INTERNAL_ERROR:
        kvm_handle_internal_error(cpu, run);
        break;
    case KVM_EXIT_FAIL_ENTRY:
        what = g_strdup_printf(
            "the host refused to enter the guest (hardware reason %#llx)",
            (unsigned long long)
                run->fail_entry.hardware_entry_failure_reason);
        kvm_report(cpu, ACCEL_EVENT_FATAL, what);
        break;
    default:
        what = g_strdup_printf("unhandled exit reason %u", run->exit_reason);
        kvm_report(cpu, ACCEL_EVENT_FATAL, what);
        break;
    }
}

/*
 * Without an in-kernel irqchip, before entering the guest: deliver the
 * pending external interrupt if the guest can take it now, otherwise ask
 * KVM to exit as soon as it can. @fresh is false when the exit state in
 * kvm_run predates a register load (reset, a debugger), so it cannot be
 * trusted to say whether interrupts are open.
 */
static void kvm_prepare_interrupt_locked(CPUState *cpu, KVMCPUThread *kt,
                                         bool fresh)
{
    struct kvm_run *run = kt->k.run;
    AccelState *s = cpu->accel;
    uint32_t req = __atomic_load_n(&cpu->interrupt_request, __ATOMIC_SEQ_CST);

    if (req & CPU_INTERRUPT_NMI) {
        __atomic_fetch_and(&cpu->interrupt_request, ~CPU_INTERRUPT_NMI,
                           __ATOMIC_SEQ_CST);
        if (ioctl(kt->k.fd, KVM_NMI) < 0) {
            log_mask_printf(LOG_GUEST_ERROR, "kvm: KVM_NMI: %s\n",
                            g_strerror(errno));
        }
    }
    if (req & (CPU_INTERRUPT_INIT | CPU_INTERRUPT_SIPI)) {
        __atomic_fetch_and(&cpu->interrupt_request,
                           ~(CPU_INTERRUPT_INIT | CPU_INTERRUPT_SIPI),
                           __ATOMIC_SEQ_CST);
        log_mask_printf(LOG_UNIMP, "kvm: vCPU %u: INIT/SIPI with "
                        "kernel-irqchip=off not supported\n", cpu->index);
    }
    if ((req & CPU_INTERRUPT_HARD) && fresh &&
        run->ready_for_interrupt_injection && run->if_flag) {
        int vector = s->cfg.ack_interrupt(s->cfg.ack_opaque, cpu->index);
        struct kvm_interrupt intr = { .irq = vector };

        log_mask_printf(LOG_INT, "kvm: vCPU %u: external interrupt, "
                        "vector %#x\n", cpu->index, vector);
        if (vector >= 0 && ioctl(kt->k.fd, KVM_INTERRUPT, &intr) < 0) {
            log_mask_printf(LOG_GUEST_ERROR, "kvm: KVM_INTERRUPT: %s\n",
                            g_strerror(errno));
        }
    }
    run->request_interrupt_window =
        (cpu->interrupt_request & CPU_INTERRUPT_HARD) != 0;
}

static gpointer kvm_vcpu_thread(gpointer opaque)
{
    CPUState *cpu = opaque;
    KVMCPUThread *kt = cpu->accel_cpu;
    sigset_t set;

    sigemptyset(&set);
    sigaddset(&set, SIG_KICK);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);

    bql_lock();
    kt->thread = pthread_self();
    kt->thread_valid = true;
    if (cpu->accel->cpuid_warning) {
        fprintf(stderr, "%s\n", cpu->accel->cpuid_warning);
        g_clear_pointer(&cpu->accel->cpuid_warning, g_free);
    }
    for (;;) {
        bool fresh = !cpu->stop && !cpu->state_dirty;
        int r, err;

        if (!cpu_park_if_stopped_locked(&kvm_accel_ops, cpu)) {
            break;
        }
        if (cpu->state_dirty) {
            kvm_put_registers(cpu, NULL);
            cpu->state_dirty = false;
        }
        if (kt->dbg_dirty) {
            if (ioctl(kt->k.fd, KVM_SET_GUEST_DEBUG, &kt->dbg) < 0) {
                fprintf(stderr, "kestrel: kvm: KVM_SET_GUEST_DEBUG: %s\n",
                        g_strerror(errno));
            }
            kt->dbg_dirty = false;
        }
        cpu->state_valid = false;
        if (!cpu->accel->irqchip) {
            kvm_prepare_interrupt_locked(cpu, kt, fresh);
        }
        bql_unlock();
        r = ioctl(kt->k.fd, KVM_RUN, 0);
        err = errno;
        bql_lock();
        kt->k.run->immediate_exit = 0;
        if (r < 0) {
            if (err != EINTR && err != EAGAIN) {
                g_autofree char *what =
                    g_strdup_printf("KVM_RUN failed: %s", g_strerror(err));
                kvm_report(cpu, ACCEL_EVENT_FATAL, what);
            }
            continue;
        }
        kvm_handle_exit(cpu, kt->k.run);
    }
    kt->thread_valid = false;
    bql_unlock();
    return NULL;
}

static void kvm_destroy(AccelState *s)
{
    if (!s) {
        return;
    }
    if (s->vm_fd >= 0) {
        close(s->vm_fd);
    }
    if (s->kvm_fd >= 0) {
        close(s->kvm_fd);
    }
    g_free(s->slots);
    g_free(s->cpuid_warning);
    g_free(s);
}

const AccelOps kvm_accel_ops = {
    .name = "kvm",
    .desc = "Linux KVM (hardware-assisted virtualization)",
    .available = kvm_available,
    .init = kvm_init,
    .vcpu_create = kvm_vcpu_create,
    .vcpu_thread = kvm_vcpu_thread,
    .vcpu_kick = kvm_vcpu_kick,
    .get_registers = kvm_get_registers,
    .put_registers = kvm_put_registers,
    .set_irq = kvm_set_irq,
    .set_guest_debug = kvm_set_guest_debug,
    .translate_debug = kvm_translate_debug,
    .destroy = kvm_destroy,
};
