/* SPDX-License-Identifier: MIT */
/*
 * CPUID models (-cpu). One table serves both accelerators, so a guest sees
 * the same CPU under TCG and KVM; under KVM a named model is intersected
 * with what the host's KVM supports and the dropped features are named.
 */
#include "target-i386/cpu.h"
#include "util/cutils.h"

#include <string.h>

const X86CPUModel x86_cpu_models[] = {
    { "kestrel64", "Kestrel's x86-64 CPU (SSE-SSE4.2, AES, PCLMULQDQ, "
                   "MOVBE, POPCNT, CX16, RDTSCP), same under every accelerator "
                   "but for what KVM lacks" },
    { "qemu64", "alias of kestrel64" },
    { "host", "everything the host's KVM supports (KVM only)" },
    { NULL, NULL },
};

const char *x86_cpu_default_model(void)
{
    return "kestrel64";
}

/* Feature bits of the baseline model, by register, with their names. */
typedef struct FeatureBit {
    uint32_t function;
    int reg;                /* 2 = ecx, 3 = edx */
    int bit;
    const char *name;
} FeatureBit;

/*
 * What TCG implements, and nothing else (docs/user/invocation.md, -cpu):
 * no VME (CR4.VME and PVI are not emulated), no x2APIC, no MONITOR/MWAIT,
 * no XSAVE/AVX, no leaf 7 features. The TSC-deadline timer is in the
 * userspace local APIC (hw/intc/apic.c) and KVM's. KVM's paravirtual
 * leaves offer kvmclock alone (target-i386/kvmclock.c under TCG), so
 * Linux is told the TSC frequency instead of calibrating it.
 */
static const FeatureBit baseline_features[] = {
    { 1, 3, 0, "fpu" }, { 1, 3, 2, "de" },
    { 1, 3, 3, "pse" }, { 1, 3, 4, "tsc" }, { 1, 3, 5, "msr" },
    { 1, 3, 6, "pae" }, { 1, 3, 7, "mce" }, { 1, 3, 8, "cx8" },
    { 1, 3, 9, "apic" }, { 1, 3, 11, "sep" }, { 1, 3, 12, "mtrr" },
    { 1, 3, 13, "pge" }, { 1, 3, 14, "mca" }, { 1, 3, 15, "cmov" },
    { 1, 3, 16, "pat" }, { 1, 3, 17, "pse36" }, { 1, 3, 19, "clflush" },
    { 1, 3, 23, "mmx" }, { 1, 3, 24, "fxsr" }, { 1, 3, 25, "sse" },
    { 1, 3, 26, "sse2" },
    { 1, 2, 0, "sse3" }, { 1, 2, 1, "pclmulqdq" }, { 1, 2, 9, "ssse3" },
    { 1, 2, 13, "cx16" }, { 1, 2, 19, "sse4_1" }, { 1, 2, 20, "sse4_2" },
    { 1, 2, 22, "movbe" }, { 1, 2, 23, "popcnt" },
    { 1, 2, 24, "tsc_deadline" }, { 1, 2, 25, "aes" },
    { 1, 2, 31, "hypervisor" },
    { 0x80000001, 3, 11, "syscall" }, { 0x80000001, 3, 20, "nx" },
    { 0x80000001, 3, 27, "rdtscp" }, { 0x80000001, 3, 29, "lm" },
    { 0x80000001, 2, 0, "lahf_lm" }, { 0x80000001, 2, 5, "abm" },
    { 0x80000001, 2, 8, "3dnowprefetch" },
    { 0x80000007, 3, 8, "invtsc" },
    { 0x40000001, 0, 3, "kvmclock" }, { 0x40000001, 0, 24, "kvmclock-stable-bit" },
    { 0, 0, 0, NULL },
};

static uint32_t *entry_reg(X86CPUIDEntry *e, int reg)
{
    switch (reg) {
    case 0:
        return &e->eax;
    case 1:
        return &e->ebx;
    case 2:
        return &e->ecx;
    default:
        return &e->edx;
    }
}

static void put_string(uint32_t *regs, const char *s, size_t n)
{
    char buf[48] = { 0 };

    memcpy(buf, s, MIN(strlen(s), n));
    memcpy(regs, buf, n);
}

static X86CPUIDEntry *add_leaf(GArray *a, uint32_t fn)
{
    X86CPUIDEntry e = { .function = fn };

    g_array_append_val(a, e);
    return &g_array_index(a, X86CPUIDEntry, a->len - 1);
}

static void build_baseline(GArray *a, unsigned index, unsigned ncpus)
{
    static const char brand[48] = "Kestrel Virtual CPU";
    X86CPUIDEntry *e;
    uint32_t vendor[3];

    /* "AuthenticAMD" is EBX, EDX, ECX in that order. */
    put_string(vendor, "AuthenticAMD", 12);
    e = add_leaf(a, 0);
    e->eax = 1;
    e->ebx = vendor[0];
    e->edx = vendor[1];
    e->ecx = vendor[2];

    e = add_leaf(a, 1);
    e->eax = 0x00000f61;    /* family 15, model 6, stepping 1 */
    e->ebx = (index << 24) | (MAX(ncpus, 1u) << 16) | (8 << 8);
    if (ncpus > 1) {
        e->edx |= 1u << 28; /* HTT: EBX[23:16] is meaningful */
    }

    e = add_leaf(a, 0x80000000);
    e->eax = 0x80000008;
    e->ebx = vendor[0];
    e->edx = vendor[1];
    e->ecx = vendor[2];
    add_leaf(a, 0x80000001)->eax = 0x00000f61;
    for (uint32_t fn = 0x80000002; fn <= 0x80000004; fn++) {
        e = add_leaf(a, fn);
        memcpy(&e->eax, brand + (fn - 0x80000002) * 16, 16);
    }
    /* Advanced power management: EDX[8], the invariant TSC (TCG's counts
     * CLOCK_MONOTONIC for every vCPU). Without it Linux marks the TSC of
     * an AMD CPU with more than one CPU unsynchronized and unstable. */
    add_leaf(a, 0x80000007);
    add_leaf(a, 0x80000008)->eax = 0x3028;  /* 40 physical, 48 linear */

    /* KVM's signature leaf: the highest hypervisor leaf, "KVMKVMKVM". */
    put_string(vendor, "KVMKVMKVM", 12);
    e = add_leaf(a, 0x40000000);
    e->eax = 0x40000001;
    e->ebx = vendor[0];
    e->ecx = vendor[1];
    e->edx = vendor[2];
    add_leaf(a, 0x40000001);

    for (const FeatureBit *f = baseline_features; f->name; f++) {
        for (guint i = 0; i < a->len; i++) {
            e = &g_array_index(a, X86CPUIDEntry, i);
            if (e->function == f->function) {
                *entry_reg(e, f->reg) |= 1u << f->bit;
            }
        }
    }
}

static const X86CPUIDEntry *find_in(const X86CPUIDEntry *t, unsigned n,
                                    uint32_t fn, uint32_t index)
{
    for (unsigned i = 0; i < n; i++) {
        if (t[i].function == fn && (!t[i].indexed || t[i].index == index)) {
            return &t[i];
        }
    }
    return NULL;
}

/* Clear model features the host lacks; name them in @dropped. */
static void mask_with_host(GArray *a, const X86CPUIDEntry *host,
                           unsigned nr_host, GString *dropped)
{
    for (const FeatureBit *f = baseline_features; f->name; f++) {
        for (guint i = 0; i < a->len; i++) {
            X86CPUIDEntry *e = &g_array_index(a, X86CPUIDEntry, i);
            const X86CPUIDEntry *h;
            uint32_t *r;

            if (e->function != f->function) {
                continue;
            }
            r = entry_reg(e, f->reg);
            h = find_in(host, nr_host, e->function, e->index);
            if ((*r & (1u << f->bit)) &&
                !(h && (*entry_reg((X86CPUIDEntry *)h, f->reg) &
                        (1u << f->bit)))) {
                *r &= ~(1u << f->bit);
                g_string_append_printf(dropped, "%s%s",
                                       dropped->len ? " " : "", f->name);
            }
        }
    }
}

static void patch_apic_id(GArray *a, unsigned index, unsigned ncpus)
{
    for (guint i = 0; i < a->len; i++) {
        X86CPUIDEntry *e = &g_array_index(a, X86CPUIDEntry, i);

        if (e->function == 1) {
            e->ebx = (e->ebx & 0x0000ffff) | (index << 24) |
                     (MAX(ncpus, 1u) << 16);
        } else if (e->function == 0xb || e->function == 0x1f) {
            e->edx = index;
        }
    }
}

bool x86_cpuid_build(const char *model, unsigned index, unsigned ncpus,
                     const X86CPUIDEntry *host, unsigned nr_host,
                     X86CPUIDEntry **out, unsigned *nr_out, char **dropped,
                     GError **errp)
{
    GArray *a = g_array_new(false, true, sizeof(X86CPUIDEntry));
    GString *drop = g_string_new(NULL);

    if (!model) {
        model = x86_cpu_default_model();
    }
    if (!strcmp(model, "host")) {
        if (!host) {
            g_set_error(errp, KESTREL_ERROR, 0,
                        "CPU model 'host' needs the KVM accelerator");
            goto fail;
        }
        g_array_append_vals(a, host, nr_host);
        patch_apic_id(a, index, ncpus);
    } else if (!strcmp(model, "kestrel64") || !strcmp(model, "qemu64")) {
        build_baseline(a, index, ncpus);
        if (host) {
            mask_with_host(a, host, nr_host, drop);
        }
    } else {
        g_set_error(errp, KESTREL_ERROR, 0,
                    "'%s' is not a known CPU model (try -cpu help)", model);
        goto fail;
    }
    *nr_out = a->len;
    *out = (X86CPUIDEntry *)g_array_free(a, false);
    *dropped = drop->len ? g_string_free(drop, false)
                         : (g_string_free(drop, true), NULL);
    return true;
fail:
    g_array_free(a, true);
    g_string_free(drop, true);
    return false;
}

const X86CPUIDEntry *x86_cpuid_find(const CPUX86State *env, uint32_t fn,
                                    uint32_t index)
{
    return find_in(env->cpuid, env->nr_cpuid, fn, index);
}
