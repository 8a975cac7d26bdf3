/* SPDX-License-Identifier: MIT */
/*
 * Privileged state and miscellaneous instructions under TCG: control and
 * debug registers (MOV CRn/DRn, LMSW, CLTS, INVLPG), CPUID, RDTSC/RDTSCP,
 * HLT, port I/O with the IOPL and TSS I/O-bitmap checks, SWAPGS. Model-
 * specific registers are in msr.c. Every check cites the SDM Vol. 2
 * instruction page or the Vol. 3A section it follows.
 */
#include "target-i386/seg.h"
#include "util/log.h"

#include <time.h>

/* MOV CRn, MOV DRn, CLTS, LMSW, INVLPG: CPL 0 only (SDM Vol. 2B, MOV). */
static void check_cpl0(CPUX86State *env, uintptr_t ra)
{
    if (x86_cpl(env) != 0) {
        x86_raise_exception_err_ra(env, EXCP0D_GPF, 0, ra);
    }
}

static G_NORETURN void raise_gp0(CPUX86State *env, uintptr_t ra)
{
    x86_raise_exception_err_ra(env, EXCP0D_GPF, 0, ra);
}

static bool cpuid_bit(CPUX86State *env, uint32_t fn, int reg, unsigned bit)
{
    const X86CPUIDEntry *e = x86_cpuid_find(env, fn, 0);
    uint32_t v;

    if (!e) {
        return false;
    }
    v = reg == R_EAX ? e->eax : reg == R_EBX ? e->ebx
      : reg == R_ECX ? e->ecx : e->edx;
    return (v >> bit) & 1;
}

/* CR0 (SDM Vol. 3A, 2.5 and 9.8.5; Vol. 2B, MOV CR: #GP conditions). */
static void write_cr0(CPUX86State *env, uint64_t val, uintptr_t ra)
{
    uint64_t old = env->cr[0];
    uint64_t changed;

    if (val >> 32) {
        raise_gp0(env, ra);
    }
    /* Reserved bits of CR0[31:0] are ignored; ET is hardwired to 1. */
    val = (val & (CR0_PE | CR0_MP | CR0_EM | CR0_TS | CR0_NE | CR0_WP |
                  CR0_AM | CR0_NW | CR0_CD | CR0_PG)) | CR0_ET;
    if (((val & CR0_PG) && !(val & CR0_PE)) ||
        ((val & CR0_NW) && !(val & CR0_CD))) {
        raise_gp0(env, ra);
    }
    if ((val & CR0_PG) && !(old & CR0_PG) && (env->efer & EFER_LME)) {
        /* Activating IA-32e mode (SDM Vol. 3A, 9.8.5). */
        if (!(env->cr[4] & CR4_PAE) ||
            (env->segs[R_CS].attr & SEG_ATTR_L)) {
            raise_gp0(env, ra);
        }
        env->efer |= EFER_LMA;
    }
    if (!(val & CR0_PG) && (old & CR0_PG) && (env->efer & EFER_LMA)) {
        if (x86_code64(env)) {
            raise_gp0(env, ra);
        }
        env->efer &= ~(uint64_t)EFER_LMA;
    }
    env->cr[0] = val;
    changed = old ^ val;
    if (changed & (CR0_PG | CR0_WP | CR0_PE)) {
        tlb_flush(env->cpu);
    }
}

/* The CR4 bits this model may set (SDM Vol. 3A, 2.5; CPUID-gated). */
static uint64_t cr4_valid(CPUX86State *env)
{
    uint64_t ok = CR4_VME | CR4_PVI | CR4_TSD | CR4_DE | CR4_PSE | CR4_PAE |
                  CR4_MCE | CR4_PGE | CR4_PCE | CR4_OSFXSR |
                  CR4_OSXMMEXCPT;

    ok |= cpuid_bit(env, 7, R_ECX, 2) ? CR4_UMIP : 0;
    ok |= cpuid_bit(env, 7, R_EBX, 0) ? CR4_FSGSBASE : 0;
    ok |= cpuid_bit(env, 1, R_ECX, 17) ? CR4_PCIDE : 0;
    ok |= cpuid_bit(env, 1, R_ECX, 26) ? CR4_OSXSAVE : 0;
    ok |= cpuid_bit(env, 7, R_EBX, 7) ? CR4_SMEP : 0;
    ok |= cpuid_bit(env, 7, R_EBX, 20) ? CR4_SMAP : 0;
    return ok;
}

static void write_cr4(CPUX86State *env, uint64_t val, uintptr_t ra)
{
    uint64_t old = env->cr[4];

    if (val & ~cr4_valid(env)) {
        raise_gp0(env, ra);
    }
    if ((env->efer & EFER_LMA) && !(val & CR4_PAE)) {
        raise_gp0(env, ra);
    }
    if ((val & CR4_PCIDE) && !(old & CR4_PCIDE) &&
        (!(env->efer & EFER_LMA) || (env->cr[3] & 0xfff))) {
        raise_gp0(env, ra);
    }
    env->cr[4] = val;
    if ((old ^ val) & (CR4_PGE | CR4_PAE | CR4_PSE | CR4_PCIDE | CR4_SMEP |
                       CR4_SMAP)) {
        tlb_flush(env->cpu);
    }
}

static void write_cr(CPUX86State *env, uint32_t reg, uint64_t val,
                     uintptr_t ra)
{
    switch (reg) {
    case 0:
        write_cr0(env, val, ra);
        break;
    case 2:
        env->cr[2] = val;
        break;
    case 3:
        /* No PCIDs: bit 63 (no-flush) is dropped, every load flushes. */
        if (env->cr[4] & CR4_PCIDE) {
            val &= ~(1ull << 63);
        }
        if ((env->efer & EFER_LMA) && (val >> 52)) {
            raise_gp0(env, ra);
        }
        env->cr[3] = (env->efer & EFER_LMA) ? val : (uint32_t)val;
        if (env->cr[4] & CR4_PGE) {
            tlb_flush_nonglobal(env->cpu);  /* SDM Vol. 3A, 4.10.4.1 */
        } else {
            tlb_flush(env->cpu);
        }
        break;
    case 4:
        write_cr4(env, val, ra);
        break;
    case 8:
        if (val & ~0xfull) {
            raise_gp0(env, ra);
        }
        env->cr8 = val;
        if (env->apic_ops) {
            env->apic_ops->set_cr8(env->apic_opaque, env->cpu_index, val);
        }
        break;
    default:
        x86_raise_exception_ra(env, EXCP06_ILLOP, ra);
    }
}

void helper_write_cr(CPUX86State *env, uint32_t reg, uint64_t val)
{
    check_cpl0(env, GETPC());
    write_cr(env, reg, val, GETPC());
}

uint64_t helper_read_cr(CPUX86State *env, uint32_t reg)
{
    uintptr_t ra = GETPC();

    check_cpl0(env, ra);
    switch (reg) {
    case 0: case 2: case 3: case 4:
        return env->cr[reg];
    case 8:
        if (env->apic_ops) {
            env->cr8 = env->apic_ops->get_cr8(env->apic_opaque,
                                              env->cpu_index);
        }
        return env->cr8;
    default:
        x86_raise_exception_ra(env, EXCP06_ILLOP, ra);
    }
}

void helper_lmsw(CPUX86State *env, uint32_t val)
{
    uintptr_t ra = GETPC();
    uint64_t cr0 = env->cr[0];

    check_cpl0(env, ra);
    /* SDM Vol. 2A, LMSW: loads PE, MP, EM, TS; cannot clear PE. */
    cr0 = (cr0 & ~0xeull) | (val & 0xf) | (cr0 & CR0_PE);
    write_cr0(env, cr0, ra);
}

void helper_clts(CPUX86State *env)
{
    check_cpl0(env, GETPC());
    env->cr[0] &= ~(uint64_t)CR0_TS;
}

void helper_invlpg(CPUX86State *env, uint64_t addr)
{
    check_cpl0(env, GETPC());
    tlb_flush_page(env->cpu, addr);
}

/* DR4/DR5 alias DR6/DR7 unless CR4.DE (SDM Vol. 3A, 17.2.2). */
static unsigned dr_index(CPUX86State *env, uint32_t reg, uintptr_t ra)
{
    check_cpl0(env, ra);
    if (reg == 4 || reg == 5) {
        if (env->cr[4] & CR4_DE) {
            x86_raise_exception_ra(env, EXCP06_ILLOP, ra);
        }
        reg += 2;
    }
    if (reg > 7) {
        x86_raise_exception_ra(env, EXCP06_ILLOP, ra);
    }
    return reg;
}

void helper_write_dr(CPUX86State *env, uint32_t reg, uint64_t val)
{
    uintptr_t ra = GETPC();
    unsigned i = dr_index(env, reg, ra);

    /* SDM Vol. 3A, 17.2.4/17.2.6: DR6/DR7 bits 63:32 must be zero. */
    if (i >= 6 && (val >> 32)) {
        raise_gp0(env, ra);
    }
    if (i == 6) {
        val = (val & 0x0000e00f) | 0xffff0ff0;
    } else if (i == 7) {
        val = (val & 0xffff2bff) | 0x400;
    }
    env->dr[i] = val;
}

uint64_t helper_read_dr(CPUX86State *env, uint32_t reg)
{
    return env->dr[dr_index(env, reg, GETPC())];
}

/*
 * CPUID (SDM Vol. 2A, CPUID): beyond the highest basic or extended leaf
 * Intel answers with the highest basic leaf, AMD with zeros.
 */
void helper_cpuid(CPUX86State *env)
{
    uint32_t fn = env->regs[R_EAX], index = env->regs[R_ECX];
    const X86CPUIDEntry *basic = x86_cpuid_find(env, 0, 0);
    const X86CPUIDEntry *ext = x86_cpuid_find(env, 0x80000000, 0);
    uint32_t max_basic = basic ? basic->eax : 0;
    uint32_t max_ext = ext ? ext->eax : 0;
    const X86CPUIDEntry *hv = x86_cpuid_find(env, 0x40000000, 0);
    const X86CPUIDEntry *e = NULL;
    bool in_range = fn >= 0x80000000 ? fn <= max_ext : fn <= max_basic;

    /* The hypervisor range (0x40000000-0x4fffffff) when the model has it. */
    if (hv && fn >= 0x40000000 && fn < 0x50000000) {
        in_range = fn <= hv->eax;
    }

    if (in_range) {
        e = x86_cpuid_find(env, fn, index);
    } else if (x86_vendor_intel(env)) {
        e = x86_cpuid_find(env, max_basic, index);
    }
    env->regs[R_EAX] = e ? e->eax : 0;
    env->regs[R_EBX] = e ? e->ebx : 0;
    env->regs[R_ECX] = e ? e->ecx : 0;
    env->regs[R_EDX] = e ? e->edx : 0;
}

/* The guest TSC: host CLOCK_MONOTONIC at a nominal 1 GHz plus an offset. */
uint64_t x86_tsc_now(CPUX86State *env)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec +
           env->tsc_offset;
}

static void rdtsc_common(CPUX86State *env, uintptr_t ra)
{
    uint64_t tsc;

    /* SDM Vol. 2B, RDTSC: #GP(0) if CR4.TSD and CPL > 0. */
    if ((env->cr[4] & CR4_TSD) && x86_cpl(env) != 0 && x86_pe(env)) {
        raise_gp0(env, ra);
    }
    tsc = x86_tsc_now(env);
    env->regs[R_EAX] = (uint32_t)tsc;
    env->regs[R_EDX] = tsc >> 32;
}

void helper_rdtsc(CPUX86State *env)
{
    rdtsc_common(env, GETPC());
}

void helper_rdtscp(CPUX86State *env)
{
    rdtsc_common(env, GETPC());
    env->regs[R_ECX] = (uint32_t)env->tsc_aux;
}

G_NORETURN void helper_hlt(CPUX86State *env, uint32_t next_eip_addend)
{
    if (x86_cpl(env) != 0 && x86_pe(env)) {
        raise_gp0(env, GETPC());
    }
    env->rip += next_eip_addend;
    env->inhibit_irq = false;
    env->halted = true;
    env->cpu->halted = true;
    env->exception_index = EXCP_HLT;
    cpu_loop_exit(env->cpu);
}

/*
 * PAUSE, the spin-wait hint: with other vCPUs taking turns on TCG's one
 * thread of execution, the turn goes to the next one now. The lock this
 * vCPU spins on is held by a vCPU that cannot run before it does (SeaBIOS
 * releases and retakes its lock within one block, so -smp 2 never got
 * past counting the CPUs). Alone, it is a no-op.
 */
void helper_pause(CPUX86State *env, uint32_t next_eip_addend)
{
    if (cpu_yield_possible(env->cpu)) {
        env->rip += next_eip_addend;
        cpu_yield(env->cpu);
    }
}

/*
 * I/O permission (SDM Vol. 1, 19.5, 19.5.2): with CPL > IOPL, or always
 * in virtual-8086 mode, every bit of the access in the 32/64-bit TSS's
 * I/O bitmap must be clear and within the TSS limit.
 */
static void check_io(CPUX86State *env, uint32_t port, uint32_t size,
                     uintptr_t ra)
{
    unsigned iopl = (env->eflags & EFLAGS_IOPL) >> 12;
    unsigned type = attr_type(env->tr.attr);
    uint32_t io_base, bits;
    int mmu = x86_mmu_sys(env);

    if (!x86_pe(env) || (!x86_vm86(env) && x86_cpl(env) <= iopl)) {
        return;
    }
    if (!(env->tr.attr & SEG_ATTR_P) ||
        (type != DESC_TSS32_AVAIL && type != DESC_TSS32_BUSY) ||
        env->tr.limit < 103) {
        raise_gp0(env, ra);
    }
    io_base = cpu_ld_mmu(env->cpu, env->tr.base + 102, MO_16, mmu, ra);
    if (io_base + port / 8 + 1 > env->tr.limit) {
        raise_gp0(env, ra);
    }
    bits = cpu_ld_mmu(env->cpu, env->tr.base + io_base + port / 8, MO_16,
                      mmu, ra);
    if ((bits >> (port & 7)) & ((1u << size) - 1)) {
        raise_gp0(env, ra);
    }
}

void helper_check_io(CPUX86State *env, uint32_t port, uint32_t size)
{
    check_io(env, port & 0xffff, size, GETPC());
}

uint32_t helper_in(CPUX86State *env, uint32_t port, uint32_t size)
{
    return cpu_io_read(env->cpu, port & 0xffff, size);
}

void helper_out(CPUX86State *env, uint32_t port, uint32_t val,
                uint32_t size)
{
    cpu_io_write(env->cpu, port & 0xffff, val, size);
}

void helper_swapgs(CPUX86State *env)
{
    uint64_t tmp = env->segs[R_GS].base;

    /* SDM Vol. 2B, SWAPGS: #UD outside 64-bit mode, #GP(0) at CPL > 0. */
    if (!x86_code64(env)) {
        x86_raise_exception_ra(env, EXCP06_ILLOP, GETPC());
    }
    check_cpl0(env, GETPC());
    env->segs[R_GS].base = env->kernel_gs_base;
    env->kernel_gs_base = tmp;
}
