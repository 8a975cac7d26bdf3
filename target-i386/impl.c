/* SPDX-License-Identifier: MIT */
/*
 * Implementation-specific behaviour under TCG. Where the SDM and AMD's
 * APM leave a result to the implementation and Intel's and AMD's CPUs
 * differ, TCG does what the host CPU does, so that on one host a guest
 * sees the same under TCG as under KVM, which is how the guest tests use
 * the real CPU as their oracle (tests/guest/README.md). What TCG
 * computes with the host's own instructions (the x87 transcendentals,
 * RCPPS/RSQRTPS, DPPS) follows the host by construction; the rest is
 * here, found by running the guest tests natively on both vendors:
 *
 * - x87 pointers (SDM Vol. 1, 8.1.8-8.1.9; APM Vol. 1, 6.2.4): current
 *   Intel CPUs update FOP and FDP only for an instruction that raised an
 *   unmasked exception and store FCS/FDS as zero (CPUID.07H:EBX[6] and
 *   [13]); AMD's update FOP, FCS and FIP on every non-control
 *   instruction, FDP and FDS (the DS selector) on each that has a memory
 *   operand, and FXSAVE stores the pointers as zero unless FSW.ES is set.
 * - REP string instructions with a 32-bit address size in 64-bit mode
 *   and a count of 0: Intel's clear RCX[63:32], AMD's leave RCX alone.
 *
 * A host that is not x86 gets Intel's behaviour. KESTREL_IMPL=intel or
 * KESTREL_IMPL=amd in the environment overrides the host, so that a
 * developer can check both against the expected outputs of either
 * vendor (the host-executed instructions still follow the host).
 */
#include "target-i386/cpu.h"

#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

static X86Impl impl_of_vendor(const char *vendor)
{
    bool amd = !strcmp(vendor, "AuthenticAMD") ||
               !strcmp(vendor, "HygonGenuine") || !strcmp(vendor, "amd");

    return (X86Impl){
        .x87_pointers_always = amd,
        .fxsave_pointers_if_es = amd,
        .rep_a32_count0_keeps_rcx = amd,
    };
}

static X86Impl impl_detect(void)
{
    const char *force = g_getenv("KESTREL_IMPL");
    char vendor[13] = "";

    if (force) {
        return impl_of_vendor(force);
    }
#if defined(__x86_64__) || defined(__i386__)
    {
        unsigned eax, ebx, ecx, edx;

        if (__get_cpuid(0, &eax, &ebx, &ecx, &edx)) {
            memcpy(vendor, &ebx, 4);
            memcpy(vendor + 4, &edx, 4);
            memcpy(vendor + 8, &ecx, 4);
        }
    }
#endif
    return impl_of_vendor(vendor);
}

const X86Impl *x86_impl(void)
{
    static X86Impl impl;
    static gsize done;

    if (g_once_init_enter(&done)) {
        impl = impl_detect();
        g_once_init_leave(&done, 1);
    }
    return &impl;
}
