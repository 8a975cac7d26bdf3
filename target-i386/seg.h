/* SPDX-License-Identifier: MIT */
/*
 * What the system helpers of seg.c, intr.c, far.c and syscall.c share:
 * descriptor-table access through the softmmu as implicit supervisor
 * accesses, segment-register loads, the TSS stack pointers, and a small
 * stack cursor for the pushes and pops of interrupts and far transfers.
 * Private to target-i386/.
 */
#ifndef TARGET_I386_SEG_H
#define TARGET_I386_SEG_H

#include "target-i386/desc.h"
#include "target-i386/helper.h"

/* The mmu index of an access made at privilege @cpl. */
static inline int x86_mmu_idx_for(const CPUX86State *env, unsigned cpl)
{
    if (!(env->cr[0] & CR0_PG)) {
        return X86_MMU_PHYS;
    }
    return cpl == 3 ? X86_MMU_USER : X86_MMU_KERNEL;
}

/* Implicit supervisor accesses (descriptor tables, TSS): SDM Vol. 3A 4.6. */
static inline int x86_mmu_sys(const CPUX86State *env)
{
    return x86_mmu_idx_for(env, 0);
}

static inline bool x86_long_mode(const CPUX86State *env)
{
    return (env->efer & EFER_LMA) != 0;
}

/* 64-bit mode: IA-32e mode with CS.L (SDM Vol. 3A, 2.2). */
static inline bool x86_code64(const CPUX86State *env)
{
    return x86_long_mode(env) && (env->segs[R_CS].attr & SEG_ATTR_L);
}

static inline bool x86_vm86(const CPUX86State *env)
{
    return (env->eflags & EFLAGS_VM) != 0;
}

static inline bool x86_pe(const CPUX86State *env)
{
    return (env->cr[0] & CR0_PE) != 0;
}

/* The vendor of the CPUID model: Intel and AMD differ in corner cases. */
static inline bool x86_vendor_intel(const CPUX86State *env)
{
    const X86CPUIDEntry *e = x86_cpuid_find(env, 0, 0);

    return !e || e->ebx == 0x756e6547;     /* "Genu" */
}

static inline void x86_seg_set(CPUX86State *env, int reg, uint16_t sel,
                               uint64_t base, uint32_t limit, uint32_t attr)
{
    SegmentCache *sc = &env->segs[reg];

    sc->selector = sel;
    sc->base = base;
    sc->limit = limit;
    sc->attr = attr;
}

G_NORETURN static inline void raise_sel(CPUX86State *env, int vector,
                                        uint32_t sel, uintptr_t ra)
{
    x86_raise_exception_err_ra(env, vector, sel & 0xfffc, ra);
}

/*
 * Read the 8-byte descriptor of @sel from the GDT or LDT; false if it lies
 * beyond the table's limit (or the LDT is unusable).
 */
bool x86_read_desc(CPUX86State *env, uint32_t sel, uint32_t *lo,
                   uint32_t *hi, uintptr_t ra);
/* The linear address of @sel's descriptor (after x86_read_desc passed). */
uint64_t x86_desc_addr(CPUX86State *env, uint32_t sel);
/* Set the accessed bit of @sel's code/data descriptor if clear. */
void x86_set_accessed(CPUX86State *env, uint32_t sel, uint32_t hi,
                      uintptr_t ra);
/* Load a segment register in real or virtual-8086 mode (base = sel << 4). */
void x86_load_seg_real(CPUX86State *env, int reg, uint16_t sel);
/* Load a null selector into @reg (SDM Vol. 3A, 3.4.2). */
void x86_load_seg_null(CPUX86State *env, int reg, uint16_t sel);
/* Protected-mode load of ES/DS/FS/GS/SS with all checks. */
void x86_load_seg_checked(CPUX86State *env, int reg, uint32_t sel,
                          uintptr_t ra);
/* The inner stack of privilege @dpl from the TSS (16/32-bit TSS). */
void x86_tss_stack(CPUX86State *env, unsigned dpl, uint32_t *ss,
                   uint64_t *sp, uintptr_t ra);
/* The 64-bit TSS: RSPn (@ist 0) or ISTn. */
uint64_t x86_tss_rsp64(CPUX86State *env, unsigned dpl, unsigned ist,
                       uintptr_t ra);
/* After a return to an outer level: null data segments the new CPL may
 * not use. */
void x86_validate_data_segs(CPUX86State *env, unsigned cpl);

/* A stack cursor: pushes/pops of @size bytes at SS base + SP & mask. */
typedef struct X86Stack {
    CPUX86State *env;
    uint64_t base;
    uint64_t mask;
    uint64_t sp;
    int mmu_idx;
    bool wrap32;                /* linear addresses wrap at 4 GiB */
    uintptr_t ra;
} X86Stack;

static inline uint64_t x86_sp_mask(uint32_t ss_attr)
{
    return (ss_attr & SEG_ATTR_DB) ? 0xffffffffull : 0xffff;
}

void x86_stack_init(X86Stack *s, CPUX86State *env, uint64_t base,
                    uint64_t mask, uint64_t sp, unsigned cpl, uintptr_t ra);
void x86_push(X86Stack *s, uint64_t val, unsigned size);
uint64_t x86_pop(X86Stack *s, unsigned size);
/* Write the cursor's SP back into RSP, keeping the bits above the mask. */
void x86_stack_commit(X86Stack *s);

/* The guest TSC now (misc.c): 1 GHz monotonic plus env->tsc_offset. */
uint64_t x86_tsc_now(CPUX86State *env);

/*
 * kvmclock (kvmclock.c): the MSR_KVM_SYSTEM_TIME_NEW and
 * MSR_KVM_WALL_CLOCK_NEW writes, and a refresh of the vCPU's pvclock
 * structure after its TSC offset changed.
 */
void x86_kvmclock_set_system_time(CPUX86State *env, uint64_t val);
void x86_kvmclock_set_wall_clock(CPUX86State *env, uint64_t gpa);
void x86_kvmclock_update(CPUX86State *env);

/* EFLAGS as IRET/POPF may change them at @cpl (SDM Vol. 2B, IRET). */
uint64_t x86_eflags_write_mask(CPUX86State *env, unsigned cpl,
                               unsigned op_size);

#endif
