/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the CPUID models (target-i386/cpuid.c, x86_cpuid_build):
 * kestrel64 under TCG lists exactly the features the translator
 * implements in leaves 1 and 0x80000001 (restated here bit by bit from the
 * SDM / AMD APM tables, so a change to the model has to change this list
 * too); under KVM the model loses what the host's KVM lacks and names it
 * in one line; KVM's paravirtual leaves offer kvmclock alone; "host" needs KVM; the APIC ID follows the vCPU.
 */
#include "target-i386/cpu.h"

#include <glib.h>
#include <string.h>

#define B(n) (1u << (n))

/* CPUID.1:EDX: fpu de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov
 * pat pse36 clflush mmx fxsr sse sse2 (no vme: CR4.VME is not emulated). */
static const uint32_t leaf1_edx =
    B(0) | B(2) | B(3) | B(4) | B(5) | B(6) | B(7) | B(8) | B(9) | B(11) |
    B(12) | B(13) | B(14) | B(15) | B(16) | B(17) | B(19) | B(23) | B(24) |
    B(25) | B(26);
/* CPUID.1:ECX: sse3 pclmulqdq ssse3 cx16 sse4_1 sse4_2 movbe popcnt
 * tsc_deadline aes hypervisor (no monitor, x2apic, xsave, avx). */
static const uint32_t leaf1_ecx =
    B(0) | B(1) | B(9) | B(13) | B(19) | B(20) | B(22) | B(23) | B(24) |
    B(25) | B(31);
/* CPUID.80000001H:EDX: syscall nx rdtscp lm; ECX: lahf_lm abm
 * 3dnowprefetch. */
static const uint32_t ext1_edx = B(11) | B(20) | B(27) | B(29);
static const uint32_t ext1_ecx = B(0) | B(5) | B(8);
/* CPUID.40000001H:EAX (KVM's features): clocksource2, the stable bit. */
static const uint32_t kvm_eax = B(3) | B(24);

static const X86CPUIDEntry *find(const X86CPUIDEntry *t, unsigned n,
                                 uint32_t fn)
{
    for (unsigned i = 0; i < n; i++) {
        if (t[i].function == fn) {
            return &t[i];
        }
    }
    return NULL;
}

static void test_kestrel64_tcg(void)
{
    g_autofree X86CPUIDEntry *t = NULL;
    g_autofree char *dropped = NULL;
    const X86CPUIDEntry *l1, *e1;
    unsigned n;

    g_assert_true(x86_cpuid_build("kestrel64", 0, 1, NULL, 0, &t, &n,
                                  &dropped, NULL));
    g_assert_null(dropped);
    l1 = find(t, n, 1);
    e1 = find(t, n, 0x80000001);
    g_assert_nonnull(l1);
    g_assert_nonnull(e1);
    g_assert_cmphex(l1->edx, ==, leaf1_edx);
    g_assert_cmphex(l1->ecx, ==, leaf1_ecx);
    g_assert_cmphex(e1->edx, ==, ext1_edx);
    g_assert_cmphex(e1->ecx, ==, ext1_ecx);
    /* Leaf 0 says 1 is the last basic leaf: no leaf 7 features. */
    g_assert_cmpuint(find(t, n, 0)->eax, ==, 1);
    g_assert_null(find(t, n, 7));
    /* CLFLUSH line size 8 quadwords; one logical processor, APIC ID 0. */
    g_assert_cmphex(l1->ebx, ==, 0x00010800);
    /* KVM's signature leaf "KVMKVMKVM\0\0\0" in EBX ECX EDX, then
     * kvmclock alone. */
    g_assert_cmphex(find(t, n, 0x40000000)->eax, ==, 0x40000001);
    g_assert_cmphex(find(t, n, 0x40000000)->ebx, ==, 0x4b4d564b);
    g_assert_cmphex(find(t, n, 0x40000000)->ecx, ==, 0x564b4d56);
    g_assert_cmphex(find(t, n, 0x40000000)->edx, ==, 0x0000004d);
    g_assert_cmphex(find(t, n, 0x40000001)->eax, ==, kvm_eax);
}

/* qemu64 is the same model. */
static void test_qemu64_alias(void)
{
    g_autofree X86CPUIDEntry *a = NULL, *b = NULL;
    g_autofree char *da = NULL, *db = NULL;
    unsigned na, nb;

    g_assert_true(x86_cpuid_build("kestrel64", 0, 1, NULL, 0, &a, &na, &da,
                                  NULL));
    g_assert_true(x86_cpuid_build("qemu64", 0, 1, NULL, 0, &b, &nb, &db,
                                  NULL));
    g_assert_cmpuint(na, ==, nb);
    g_assert_cmpmem(a, na * sizeof(*a), b, nb * sizeof(*b));
}

/* A host KVM with SSE2 at most (and CX16, x2APIC, TSC-deadline), like
 * the development host's (PVM). */
static void test_kestrel64_kvm_mask(void)
{
    static const X86CPUIDEntry host[] = {
        { .function = 1, .ecx = 0x81202000, .edx = 0x0f8bfbff },
        { .function = 0x80000001, .ecx = 0x101, .edx = 0x20100800 },
        { .function = 0x80000007, .edx = 0x100 },
        { .function = 0x40000001, .eax = 0x01007afb },
    };
    g_autofree X86CPUIDEntry *t = NULL;
    g_autofree char *dropped = NULL;
    const X86CPUIDEntry *l1, *e1;
    unsigned n;

    g_assert_true(x86_cpuid_build(NULL, 0, 1, host, G_N_ELEMENTS(host), &t,
                                  &n, &dropped, NULL));
    l1 = find(t, n, 1);
    e1 = find(t, n, 0x80000001);
    g_assert_cmphex(l1->ecx, ==, leaf1_ecx & host[0].ecx);
    g_assert_cmphex(l1->edx, ==, leaf1_edx & host[0].edx);
    g_assert_cmphex(e1->ecx, ==, ext1_ecx & host[1].ecx);
    g_assert_cmphex(e1->edx, ==, ext1_edx & host[1].edx);
    /* Of KVM's features only kvmclock's. */
    g_assert_cmphex(find(t, n, 0x40000001)->eax, ==, kvm_eax);
    /* Never the host's x2apic, even though KVM offers it. */
    g_assert_cmphex(l1->ecx & B(21), ==, 0);
    g_assert_cmpstr(dropped, ==, "sse3 pclmulqdq ssse3 sse4_1 sse4_2 movbe "
                    "popcnt aes rdtscp abm");
    g_assert_null(strchr(dropped, '\n'));
}

/* A KVM with everything drops nothing. */
static void test_kestrel64_kvm_full(void)
{
    static const X86CPUIDEntry host[] = {
        { .function = 1, .ecx = 0xffffffff, .edx = 0xffffffff },
        { .function = 0x80000001, .ecx = 0xffffffff, .edx = 0xffffffff },
        { .function = 0x80000007, .edx = 0xffffffff },
        { .function = 0x40000001, .eax = 0xffffffff },
    };
    g_autofree X86CPUIDEntry *t = NULL;
    g_autofree char *dropped = NULL;
    unsigned n;

    g_assert_true(x86_cpuid_build("kestrel64", 0, 1, host,
                                  G_N_ELEMENTS(host), &t, &n,
                                  &dropped, NULL));
    g_assert_null(dropped);
    g_assert_cmphex(find(t, n, 1)->ecx, ==, leaf1_ecx);
}

/* A KVM without kvmclock (or its stable bit) drops them by name. */
static void test_kestrel64_kvm_no_kvmclock(void)
{
    static const X86CPUIDEntry host[] = {
        { .function = 1, .ecx = 0xffffffff, .edx = 0xffffffff },
        { .function = 0x80000001, .ecx = 0xffffffff, .edx = 0xffffffff },
        { .function = 0x80000007, .edx = 0xffffffff },
        { .function = 0x40000001, .eax = B(3) },
    };
    g_autofree X86CPUIDEntry *t = NULL;
    g_autofree char *dropped = NULL;
    unsigned n;

    g_assert_true(x86_cpuid_build("kestrel64", 0, 1, host,
                                  G_N_ELEMENTS(host), &t, &n,
                                  &dropped, NULL));
    g_assert_cmpstr(dropped, ==, "kvmclock-stable-bit");
    g_assert_cmphex(find(t, n, 0x40000001)->eax, ==, B(3));
}

static void test_apic_id(void)
{
    g_autofree X86CPUIDEntry *t = NULL;
    g_autofree char *dropped = NULL;
    const X86CPUIDEntry *l1;
    unsigned n;

    g_assert_true(x86_cpuid_build("kestrel64", 2, 4, NULL, 0, &t, &n,
                                  &dropped, NULL));
    l1 = find(t, n, 1);
    g_assert_cmphex(l1->ebx, ==, 0x02040800);
    g_assert_cmphex(l1->edx, ==, leaf1_edx | B(28));   /* HTT */
}

static void test_errors(void)
{
    X86CPUIDEntry *t = NULL;
    char *dropped = NULL;
    GError *err = NULL;
    unsigned n;

    g_assert_false(x86_cpuid_build("host", 0, 1, NULL, 0, &t, &n, &dropped,
                                   &err));
    g_assert_nonnull(err);
    g_clear_error(&err);
    g_assert_false(x86_cpuid_build("pentium9", 0, 1, NULL, 0, &t, &n,
                                   &dropped, &err));
    g_assert_nonnull(strstr(err->message, "pentium9"));
    g_clear_error(&err);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/cpuid/kestrel64/tcg", test_kestrel64_tcg);
    g_test_add_func("/cpuid/kestrel64/qemu64-alias", test_qemu64_alias);
    g_test_add_func("/cpuid/kestrel64/kvm-mask", test_kestrel64_kvm_mask);
    g_test_add_func("/cpuid/kestrel64/kvm-full", test_kestrel64_kvm_full);
    g_test_add_func("/cpuid/kestrel64/kvm-no-kvmclock",
                    test_kestrel64_kvm_no_kvmclock);
    g_test_add_func("/cpuid/kestrel64/apic-id", test_apic_id);
    g_test_add_func("/cpuid/errors", test_errors);
    return g_test_run();
}
