/* SPDX-License-Identifier: MIT */
/*
 * kvmclock under TCG: the paravirtual clock of KVM's CPUID leaves
 * 0x40000000/0x40000001 (Linux Documentation/virt/kvm/x86/msr.rst and
 * cpuid.rst), so a guest under TCG is told its TSC frequency instead of
 * measuring it.
 *
 * Why: Linux calibrates the TSC against the PIT, HPET or PM timer in
 * loops of a few milliseconds. A TCG vCPU thread that the host
 * deschedules (or that round-robins with other vCPUs) in such a loop
 * makes the measurement wrong by up to a few 0.1%, and the clocksource
 * watchdog then marks the TSC unstable, although every clock of the
 * machine is host CLOCK_MONOTONIC underneath. With kvmclock the kernel
 * takes tsc_khz from the pvclock structure (X86_FEATURE_TSC_KNOWN_FREQ)
 * and calibrates nothing. Under KVM, the kernel implements these MSRs.
 *
 * The guest TSC runs at 1 GHz (x86_tsc_now), so the pvclock scale is
 * exactly 1: tsc_shift 1 and tsc_to_system_mul 2^31 (the guest computes
 * ((delta << shift) * mul) >> 32). kvmclock's system time is host
 * CLOCK_MONOTONIC in ns, shared by every vCPU whatever TSC offset a vCPU
 * was given, and the wall clock is CLOCK_REALTIME at system time 0.
 */
#include "target-i386/helper.h"
#include "target-i386/seg.h"

#include <time.h>

/* struct pvclock_vcpu_time_info (32 bytes) and pvclock_wall_clock. */
enum {
    PVTI_VERSION = 0, PVTI_TSC_TIMESTAMP = 8, PVTI_SYSTEM_TIME = 16,
    PVTI_MUL = 24, PVTI_SHIFT = 28, PVTI_FLAGS = 29,
    WALL_VERSION = 0, WALL_SEC = 4, WALL_NSEC = 8,
    PVCLOCK_TSC_STABLE_BIT = 1,
};

static uint64_t clock_ns(clockid_t id)
{
    struct timespec ts;

    clock_gettime(id, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

/*
 * Open an update of a versioned structure at @gpa: the version becomes
 * odd while the fields change (the guest retries a read that saw an odd
 * or changed version). Returns the even version to close with.
 */
static uint32_t version_begin(CPUState *cpu, uint64_t gpa)
{
    uint32_t v = (uint32_t)cpu_ld_phys(cpu, gpa, MO_32) | 1;

    cpu_st_phys(cpu, gpa, v, MO_32);
    return v + 1;
}

/* Write this vCPU's pvclock structure, if the guest enabled one. */
void x86_kvmclock_update(CPUX86State *env)
{
    uint64_t gpa = env->kvm_system_time & ~1ull;
    uint64_t tsc, version;

    if (!(env->kvm_system_time & 1)) {
        return;
    }
    version = version_begin(env->cpu, gpa + PVTI_VERSION);
    tsc = x86_tsc_now(env);
    cpu_st_phys(env->cpu, gpa + PVTI_TSC_TIMESTAMP, tsc, MO_64);
    cpu_st_phys(env->cpu, gpa + PVTI_SYSTEM_TIME, tsc - env->tsc_offset,
                MO_64);
    cpu_st_phys(env->cpu, gpa + PVTI_MUL, 0x80000000u, MO_32);
    cpu_st_phys(env->cpu, gpa + PVTI_SHIFT, 1, MO_8);
    cpu_st_phys(env->cpu, gpa + PVTI_FLAGS, PVCLOCK_TSC_STABLE_BIT, MO_8);
    cpu_st_phys(env->cpu, gpa + PVTI_VERSION, version, MO_32);
}

void x86_kvmclock_set_system_time(CPUX86State *env, uint64_t val)
{
    env->kvm_system_time = val;
    x86_kvmclock_update(env);
}

void x86_kvmclock_set_wall_clock(CPUX86State *env, uint64_t gpa)
{
    uint64_t wall = clock_ns(CLOCK_REALTIME) - clock_ns(CLOCK_MONOTONIC);
    uint32_t version;

    env->kvm_wall_clock = gpa;
    version = version_begin(env->cpu, gpa + WALL_VERSION);
    cpu_st_phys(env->cpu, gpa + WALL_SEC, wall / 1000000000u, MO_32);
    cpu_st_phys(env->cpu, gpa + WALL_NSEC, wall % 1000000000u, MO_32);
    cpu_st_phys(env->cpu, gpa + WALL_VERSION, version, MO_32);
}
