/* SPDX-License-Identifier: MIT */
/*
 * CPUX86State <-> KVM: general registers, segments and control registers
 * (kvm_regs, kvm_sregs), x87/SSE (kvm_fpu), the system MSRs, and the CPUID
 * table. accel/kvm calls these with the vCPU stopped.
 */
#include "target-i386/kvm.h"
#include "util/cutils.h"

#include <errno.h>
#include <linux/kvm.h>
#include <string.h>
#include <sys/ioctl.h>

#define MSR_IA32_SYSENTER_CS    0x174
#define MSR_IA32_SYSENTER_ESP   0x175
#define MSR_IA32_SYSENTER_EIP   0x176
#define MSR_PAT                 0x277
#define MSR_STAR                0xc0000081
#define MSR_LSTAR               0xc0000082
#define MSR_CSTAR               0xc0000083
#define MSR_SFMASK              0xc0000084
#define MSR_KERNEL_GS_BASE      0xc0000102

static bool kvm_ioctl_ok(int r, const char *what, GError **errp)
{
    if (r < 0) {
        g_set_error(errp, KESTREL_ERROR, 0, "kvm: %s: %s", what,
                    g_strerror(errno));
        return false;
    }
    return true;
}

static void seg_to_kvm(const SegmentCache *s, struct kvm_segment *k)
{
    memset(k, 0, sizeof(*k));
    k->base = s->base;
    k->limit = s->limit;
    k->selector = s->selector;
    k->type = s->attr & SEG_ATTR_TYPE_MASK;
    k->s = !!(s->attr & SEG_ATTR_S);
    k->dpl = (s->attr >> SEG_ATTR_DPL_SHIFT) & 3;
    k->present = !!(s->attr & SEG_ATTR_P);
    k->avl = !!(s->attr & SEG_ATTR_AVL);
    k->l = !!(s->attr & SEG_ATTR_L);
    k->db = !!(s->attr & SEG_ATTR_DB);
    k->g = !!(s->attr & SEG_ATTR_G);
    k->unusable = !!(s->attr & SEG_ATTR_UNUSABLE);
}

static void seg_from_kvm(const struct kvm_segment *k, SegmentCache *s)
{
    s->base = k->base;
    s->limit = k->limit;
    s->selector = k->selector;
    s->attr = (k->type & SEG_ATTR_TYPE_MASK) | (k->s ? SEG_ATTR_S : 0) |
              (k->dpl << SEG_ATTR_DPL_SHIFT) | (k->present ? SEG_ATTR_P : 0) |
              (k->avl ? SEG_ATTR_AVL : 0) | (k->l ? SEG_ATTR_L : 0) |
              (k->db ? SEG_ATTR_DB : 0) | (k->g ? SEG_ATTR_G : 0) |
              (k->unusable ? SEG_ATTR_UNUSABLE : 0);
}

static const uint32_t msr_list[] = {
    MSR_IA32_SYSENTER_CS, MSR_IA32_SYSENTER_ESP, MSR_IA32_SYSENTER_EIP,
    MSR_PAT, MSR_STAR, MSR_LSTAR, MSR_CSTAR, MSR_SFMASK, MSR_KERNEL_GS_BASE,
};
#define NR_MSRS G_N_ELEMENTS(msr_list)

static uint64_t *msr_field(CPUX86State *env, uint32_t index)
{
    switch (index) {
    case MSR_IA32_SYSENTER_CS:
        return &env->sysenter_cs;
    case MSR_IA32_SYSENTER_ESP:
        return &env->sysenter_esp;
    case MSR_IA32_SYSENTER_EIP:
        return &env->sysenter_eip;
    case MSR_PAT:
        return &env->pat;
    case MSR_STAR:
        return &env->star;
    case MSR_LSTAR:
        return &env->lstar;
    case MSR_CSTAR:
        return &env->cstar;
    case MSR_SFMASK:
        return &env->fmask;
    case MSR_KERNEL_GS_BASE:
        return &env->kernel_gs_base;
    default:
        g_assert_not_reached();
    }
}

typedef struct MsrBuf {
    struct kvm_msrs hdr;
    struct kvm_msr_entry e[NR_MSRS];
} MsrBuf;

static bool msrs_put(int fd, CPUX86State *env, GError **errp)
{
    MsrBuf b = { .hdr.nmsrs = NR_MSRS };

    for (unsigned i = 0; i < NR_MSRS; i++) {
        b.e[i].index = msr_list[i];
        b.e[i].data = *msr_field(env, msr_list[i]);
    }
    return kvm_ioctl_ok(ioctl(fd, KVM_SET_MSRS, &b), "KVM_SET_MSRS", errp);
}

static bool msrs_get(int fd, CPUX86State *env, GError **errp)
{
    MsrBuf b = { .hdr.nmsrs = NR_MSRS };
    int r;

    for (unsigned i = 0; i < NR_MSRS; i++) {
        b.e[i].index = msr_list[i];
    }
    r = ioctl(fd, KVM_GET_MSRS, &b);
    if (!kvm_ioctl_ok(r, "KVM_GET_MSRS", errp)) {
        return false;
    }
    for (int i = 0; i < r; i++) {
        *msr_field(env, b.e[i].index) = b.e[i].data;
    }
    return true;
}

/* TOP, the x87 stack pointer, in bits 11-13 of the status word. */
static unsigned x87_top(uint16_t fsw)
{
    return (fsw >> 11) & 7;
}

static void fpu_to_kvm(const CPUX86State *env, struct kvm_fpu *f)
{
    memset(f, 0, sizeof(*f));
    for (int i = 0; i < 8; i++) {
        /* FXSAVE's register area is in stack order: fpr[i] is ST(i). */
        memcpy(f->fpr[i], env->fpregs[(x87_top(env->fpus) + i) & 7].bytes,
               16);
        /* FXSAVE's abridged tag: 1 = not empty (tag != 11b). */
        if (((env->fptw >> (2 * i)) & 3) != 3) {
            f->ftwx |= 1u << i;
        }
    }
    f->fcw = env->fpuc;
    f->fsw = env->fpus;
    f->last_opcode = env->fop;
    f->last_ip = env->fpip;
    f->last_dp = env->fpdp;
    memcpy(f->xmm, env->xmm, sizeof(f->xmm));
    f->mxcsr = env->mxcsr;
}

static void fpu_from_kvm(const struct kvm_fpu *f, CPUX86State *env)
{
    env->fptw = 0;
    for (int i = 0; i < 8; i++) {
        memcpy(env->fpregs[(x87_top(f->fsw) + i) & 7].bytes, f->fpr[i], 16);
        if (!(f->ftwx & (1u << i))) {
            env->fptw |= 3u << (2 * i);
        }
    }
    env->fpuc = f->fcw;
    env->fpus = f->fsw;
    env->fop = f->last_opcode;
    env->fpip = f->last_ip;
    env->fpdp = f->last_dp;
    memcpy(env->xmm, f->xmm, sizeof(f->xmm));
    env->mxcsr = f->mxcsr;
}

/* kvm_regs holds rax rbx rcx rdx rsi rdi rsp rbp r8..r15, in that order. */
static const int kvm_reg_order[16] = {
    R_EAX, R_EBX, R_ECX, R_EDX, R_ESI, R_EDI, R_ESP, R_EBP,
    8, 9, 10, 11, 12, 13, 14, 15,
};

bool kvm_x86_put_registers(int fd, CPUX86State *env, GError **errp)
{
    struct kvm_regs regs = { 0 };
    struct kvm_sregs sregs;
    struct kvm_fpu fpu;
    __u64 *r = &regs.rax;

    for (int i = 0; i < 16; i++) {
        r[i] = env->regs[kvm_reg_order[i]];
    }
    regs.rip = env->rip;
    regs.rflags = env->eflags;
    if (!kvm_ioctl_ok(ioctl(fd, KVM_SET_REGS, &regs), "KVM_SET_REGS",
                      errp)) {
        return false;
    }

    if (!kvm_ioctl_ok(ioctl(fd, KVM_GET_SREGS, &sregs), "KVM_GET_SREGS",
                      errp)) {
        return false;
    }
    seg_to_kvm(&env->segs[R_CS], &sregs.cs);
    seg_to_kvm(&env->segs[R_DS], &sregs.ds);
    seg_to_kvm(&env->segs[R_ES], &sregs.es);
    seg_to_kvm(&env->segs[R_FS], &sregs.fs);
    seg_to_kvm(&env->segs[R_GS], &sregs.gs);
    seg_to_kvm(&env->segs[R_SS], &sregs.ss);
    seg_to_kvm(&env->tr, &sregs.tr);
    seg_to_kvm(&env->ldt, &sregs.ldt);
    sregs.gdt.base = env->gdt.base;
    sregs.gdt.limit = env->gdt.limit;
    sregs.idt.base = env->idt.base;
    sregs.idt.limit = env->idt.limit;
    sregs.cr0 = env->cr[0];
    sregs.cr2 = env->cr[2];
    sregs.cr3 = env->cr[3];
    sregs.cr4 = env->cr[4];
    sregs.cr8 = env->cr8;
    sregs.efer = env->efer;
    sregs.apic_base = env->apic_base;
    memset(sregs.interrupt_bitmap, 0, sizeof(sregs.interrupt_bitmap));
    if (!kvm_ioctl_ok(ioctl(fd, KVM_SET_SREGS, &sregs), "KVM_SET_SREGS",
                      errp)) {
        return false;
    }

    fpu_to_kvm(env, &fpu);
    if (!kvm_ioctl_ok(ioctl(fd, KVM_SET_FPU, &fpu), "KVM_SET_FPU", errp)) {
        return false;
    }
    return msrs_put(fd, env, errp);
}

bool kvm_x86_get_registers(int fd, CPUX86State *env, GError **errp)
{
    struct kvm_regs regs;
    struct kvm_sregs sregs;
    struct kvm_fpu fpu;
    __u64 *r = &regs.rax;

    if (!kvm_ioctl_ok(ioctl(fd, KVM_GET_REGS, &regs), "KVM_GET_REGS",
                      errp) ||
        !kvm_ioctl_ok(ioctl(fd, KVM_GET_SREGS, &sregs), "KVM_GET_SREGS",
                      errp) ||
        !kvm_ioctl_ok(ioctl(fd, KVM_GET_FPU, &fpu), "KVM_GET_FPU", errp)) {
        return false;
    }
    for (int i = 0; i < 16; i++) {
        env->regs[kvm_reg_order[i]] = r[i];
    }
    env->rip = regs.rip;
    env->eflags = regs.rflags;
    seg_from_kvm(&sregs.cs, &env->segs[R_CS]);
    seg_from_kvm(&sregs.ds, &env->segs[R_DS]);
    seg_from_kvm(&sregs.es, &env->segs[R_ES]);
    seg_from_kvm(&sregs.fs, &env->segs[R_FS]);
    seg_from_kvm(&sregs.gs, &env->segs[R_GS]);
    seg_from_kvm(&sregs.ss, &env->segs[R_SS]);
    seg_from_kvm(&sregs.tr, &env->tr);
    seg_from_kvm(&sregs.ldt, &env->ldt);
    env->gdt.base = sregs.gdt.base;
    env->gdt.limit = sregs.gdt.limit;
    env->idt.base = sregs.idt.base;
    env->idt.limit = sregs.idt.limit;
    env->cr[0] = sregs.cr0;
    env->cr[2] = sregs.cr2;
    env->cr[3] = sregs.cr3;
    env->cr[4] = sregs.cr4;
    env->cr8 = sregs.cr8;
    env->efer = sregs.efer;
    env->apic_base = sregs.apic_base;
    fpu_from_kvm(&fpu, env);
    return msrs_get(fd, env, errp);
}

static struct kvm_cpuid2 *supported_cpuid(int kvm_fd, GError **errp)
{
    for (unsigned n = 64; n <= 4096; n *= 2) {
        struct kvm_cpuid2 *c =
            g_malloc0(sizeof(*c) + n * sizeof(struct kvm_cpuid_entry2));

        c->nent = n;
        if (ioctl(kvm_fd, KVM_GET_SUPPORTED_CPUID, c) == 0) {
            return c;
        }
        g_free(c);
        if (errno != E2BIG) {
            kvm_ioctl_ok(-1, "KVM_GET_SUPPORTED_CPUID", errp);
            return NULL;
        }
    }
    g_set_error(errp, KESTREL_ERROR, 0, "kvm: too many CPUID leaves");
    return NULL;
}

bool kvm_x86_init_vcpu(int kvm_fd, int vcpu_fd, CPUX86State *env,
                       const char *model, unsigned ncpus, char **dropped,
                       GError **errp)
{
    g_autofree struct kvm_cpuid2 *sup = supported_cpuid(kvm_fd, errp);
    g_autofree X86CPUIDEntry *host = NULL;
    g_autofree struct kvm_cpuid2 *set = NULL;
    X86CPUIDEntry *t;
    unsigned nt;

    if (!sup) {
        return false;
    }
    host = g_new0(X86CPUIDEntry, sup->nent);
    for (unsigned i = 0; i < sup->nent; i++) {
        const struct kvm_cpuid_entry2 *k = &sup->entries[i];

        host[i] = (X86CPUIDEntry){
            .function = k->function, .index = k->index,
            .indexed = !!(k->flags & KVM_CPUID_FLAG_SIGNIFCANT_INDEX),
            .eax = k->eax, .ebx = k->ebx, .ecx = k->ecx, .edx = k->edx,
        };
    }
    if (!x86_cpuid_build(model, env->cpu_index, ncpus, host, sup->nent, &t,
                         &nt, dropped, errp)) {
        return false;
    }
    g_free(env->cpuid);
    env->cpuid = t;
    env->nr_cpuid = nt;

    set = g_malloc0(sizeof(*set) + nt * sizeof(struct kvm_cpuid_entry2));
    set->nent = nt;
    for (unsigned i = 0; i < nt; i++) {
        set->entries[i] = (struct kvm_cpuid_entry2){
            .function = t[i].function, .index = t[i].index,
            .flags = t[i].indexed ? KVM_CPUID_FLAG_SIGNIFCANT_INDEX : 0,
            .eax = t[i].eax, .ebx = t[i].ebx, .ecx = t[i].ecx,
            .edx = t[i].edx,
        };
    }
    return kvm_ioctl_ok(ioctl(vcpu_fd, KVM_SET_CPUID2, set), "KVM_SET_CPUID2",
                        errp);
}
