/* SPDX-License-Identifier: MIT */
/*
 * CPUX86State life cycle: architectural reset, the boot-protocol entry
 * states loaders ask for, and a register dump for errors and logs.
 */
#include "target-i386/cpu.h"

#include <string.h>

static void seg_set(SegmentCache *s, uint16_t sel, uint64_t base,
                    uint32_t limit, uint32_t attr)
{
    s->selector = sel;
    s->base = base;
    s->limit = limit;
    s->attr = attr;
}

void x86_cpu_reset(CPUX86State *env)
{
    X86CPUIDEntry *cpuid = env->cpuid;
    unsigned nr_cpuid = env->nr_cpuid;
    unsigned index = env->cpu_index;
    uint32_t apic_id = env->apic_id;
    const X86APICOps *apic_ops = env->apic_ops;
    void *apic_opaque = env->apic_opaque;
    struct CPUState *cpu = env->cpu;
    void *tcg_tlb = env->tcg_tlb;
    const X86CPUIDEntry *leaf1;
    uint32_t data_attr = SEG_ATTR_P | SEG_ATTR_S | 0x3;

    memset(env, 0, sizeof(*env));
    env->cpuid = cpuid;
    env->nr_cpuid = nr_cpuid;
    env->cpu_index = index;
    env->apic_id = apic_id;
    env->apic_ops = apic_ops;
    env->apic_opaque = apic_opaque;
    env->cpu = cpu;
    env->tcg_tlb = tcg_tlb;
    env->exception_index = -1;
    env->a20_mask = ~0ull;
    env->df = 1;

    /* SDM Vol. 3A, Table 9-1: state after power-up or RESET. */
    env->eflags = EFLAGS_FIXED;
    env->rip = 0xfff0;
    seg_set(&env->segs[R_CS], 0xf000, 0xffff0000, 0xffff,
            SEG_ATTR_P | SEG_ATTR_S | 0xb);
    for (int i = 0; i < X86_NR_SEGS; i++) {
        if (i != R_CS) {
            seg_set(&env->segs[i], 0, 0, 0xffff, data_attr);
        }
    }
    seg_set(&env->ldt, 0, 0, 0xffff, SEG_ATTR_P | 0x2);
    seg_set(&env->tr, 0, 0, 0xffff, SEG_ATTR_P | 0xb);
    env->gdt.limit = 0xffff;
    env->idt.limit = 0xffff;
    env->cr[0] = CR0_ET | CR0_NW | CR0_CD;
    env->dr[6] = 0xffff0ff0;
    env->dr[7] = 0x400;
    env->fpuc = 0x37f;
    env->fptw = 0xffff;     /* all empty (abridged 0 in FXSAVE) */
    env->mxcsr = 0x1f80;
    env->pat = 0x0007040600070406ull;
    env->apic_base = 0xfee00000 | (1u << 11) | (index == 0 ? 1u << 8 : 0);
    env->pending_exception = -1;
    leaf1 = x86_cpuid_find(env, 1, 0);
    env->regs[R_EDX] = leaf1 ? leaf1->eax : 0x600;
    /* Application processors wait for INIT-SIPI-SIPI (SDM Vol. 3A 9.4). */
    env->wait_for_sipi = index != 0;
    env->halted = env->wait_for_sipi;
}

void x86_cpu_set_flat32(CPUX86State *env, uint32_t eip, uint32_t eax,
                        uint32_t ebx, uint32_t esi)
{
    uint32_t code = SEG_ATTR_P | SEG_ATTR_S | SEG_ATTR_DB | SEG_ATTR_G | 0xb;
    uint32_t data = SEG_ATTR_P | SEG_ATTR_S | SEG_ATTR_DB | SEG_ATTR_G | 0x3;

    seg_set(&env->segs[R_CS], 0x10, 0, 0xffffffff, code);
    for (int i = 0; i < X86_NR_SEGS; i++) {
        if (i != R_CS) {
            seg_set(&env->segs[i], 0x18, 0, 0xffffffff, data);
        }
    }
    env->cr[0] = CR0_PE | CR0_ET;
    env->eflags = EFLAGS_FIXED;
    env->rip = eip;
    env->regs[R_EAX] = eax;
    env->regs[R_EBX] = ebx;
    env->regs[R_ESI] = esi;
}

static void dump_seg(GString *s, const char *name, const SegmentCache *sc)
{
    g_string_append_printf(s, "%-3s=%04x %016llx %08x %05x\n", name,
                           sc->selector, (unsigned long long)sc->base,
                           sc->limit, sc->attr);
}

char *x86_cpu_dump_state(const CPUX86State *env)
{
    static const char *const gpr[16] = {
        "RAX", "RCX", "RDX", "RBX", "RSP", "RBP", "RSI", "RDI",
        "R8", "R9", "R10", "R11", "R12", "R13", "R14", "R15",
    };
    static const char *const segname[X86_NR_SEGS] = {
        "ES", "CS", "SS", "DS", "FS", "GS",
    };
    GString *s = g_string_new(NULL);

    for (int i = 0; i < 16; i++) {
        g_string_append_printf(s, "%-3s=%016llx%s", gpr[i],
                               (unsigned long long)env->regs[i],
                               i % 4 == 3 ? "\n" : " ");
    }
    g_string_append_printf(s, "RIP=%016llx RFL=%08llx\n",
                           (unsigned long long)env->rip,
                           (unsigned long long)env->eflags);
    for (int i = 0; i < X86_NR_SEGS; i++) {
        dump_seg(s, segname[i], &env->segs[i]);
    }
    dump_seg(s, "LDT", &env->ldt);
    dump_seg(s, "TR", &env->tr);
    g_string_append_printf(s, "GDT=     %016llx %08x\nIDT=     %016llx %08x\n",
                           (unsigned long long)env->gdt.base, env->gdt.limit,
                           (unsigned long long)env->idt.base, env->idt.limit);
    g_string_append_printf(s,
                           "CR0=%08llx CR2=%016llx CR3=%016llx CR4=%08llx\n"
                           "EFER=%016llx\n",
                           (unsigned long long)env->cr[0],
                           (unsigned long long)env->cr[2],
                           (unsigned long long)env->cr[3],
                           (unsigned long long)env->cr[4],
                           (unsigned long long)env->efer);
    return g_string_free(s, false);
}
