/* SPDX-License-Identifier: MIT */
/*
 * CPUX86State: the whole architectural state of one x86 vCPU. It is the one
 * description both accelerators share: TCG code reads and writes it through
 * the env pointer, KVM converts it to and from its register structs
 * (target-i386/kvm.c). Nothing here knows which accelerator runs.
 */
#ifndef TARGET_I386_CPU_H
#define TARGET_I386_CPU_H

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

enum { R_EAX, R_ECX, R_EDX, R_EBX, R_ESP, R_EBP, R_ESI, R_EDI };
enum { R_ES, R_CS, R_SS, R_DS, R_FS, R_GS, X86_NR_SEGS };

/*
 * Segment attributes in the layout of the descriptor's high dword, bits
 * 8-23 shifted down (SDM Vol. 3A, 3.4.5): type 0-3, S 4, DPL 5-6, P 7,
 * AVL 12, L 13, D/B 14, G 15; bit 16 marks an unusable (null) segment.
 */
#define SEG_ATTR_TYPE_MASK  0x000f
#define SEG_ATTR_S          (1u << 4)
#define SEG_ATTR_DPL_SHIFT  5
#define SEG_ATTR_P          (1u << 7)
#define SEG_ATTR_AVL        (1u << 12)
#define SEG_ATTR_L          (1u << 13)
#define SEG_ATTR_DB         (1u << 14)
#define SEG_ATTR_G          (1u << 15)
#define SEG_ATTR_UNUSABLE   (1u << 16)

typedef struct SegmentCache {
    uint16_t selector;
    uint64_t base;
    uint32_t limit;         /* byte granular, already scaled by G */
    uint32_t attr;
} SegmentCache;

typedef struct DescriptorTable {
    uint64_t base;
    uint16_t limit;
} DescriptorTable;

#define CR0_PE (1u << 0)
#define CR0_MP (1u << 1)
#define CR0_EM (1u << 2)
#define CR0_TS (1u << 3)
#define CR0_ET (1u << 4)
#define CR0_NE (1u << 5)
#define CR0_WP (1u << 16)
#define CR0_AM (1u << 18)
#define CR0_NW (1u << 29)
#define CR0_CD (1u << 30)
#define CR0_PG (1u << 31)

#define CR4_PSE (1u << 4)
#define CR4_PAE (1u << 5)
#define CR4_PGE (1u << 7)
#define CR4_VME (1u << 0)
#define CR4_PVI (1u << 1)
#define CR4_TSD (1u << 2)
#define CR4_DE (1u << 3)
#define CR4_MCE (1u << 6)
#define CR4_PCE (1u << 8)
#define CR4_OSFXSR (1u << 9)
#define CR4_OSXMMEXCPT (1u << 10)
#define CR4_UMIP (1u << 11)
#define CR4_FSGSBASE (1u << 16)
#define CR4_PCIDE (1u << 17)
#define CR4_OSXSAVE (1u << 18)
#define CR4_SMEP (1u << 20)
#define CR4_SMAP (1u << 21)

#define EFER_SCE (1u << 0)
#define EFER_LME (1u << 8)
#define EFER_LMA (1u << 10)
#define EFER_NXE (1u << 11)

#define EFLAGS_CF (1u << 0)
#define EFLAGS_FIXED (1u << 1)
#define EFLAGS_PF (1u << 2)
#define EFLAGS_AF (1u << 4)
#define EFLAGS_ZF (1u << 6)
#define EFLAGS_SF (1u << 7)
#define EFLAGS_TF (1u << 8)
#define EFLAGS_IF (1u << 9)
#define EFLAGS_DF (1u << 10)
#define EFLAGS_OF (1u << 11)
#define EFLAGS_IOPL (3u << 12)
#define EFLAGS_NT (1u << 14)
#define EFLAGS_RF (1u << 16)
#define EFLAGS_VM (1u << 17)
#define EFLAGS_AC (1u << 18)
#define EFLAGS_VIF (1u << 19)
#define EFLAGS_VIP (1u << 20)
#define EFLAGS_ID (1u << 21)

typedef struct X86CPUIDEntry {
    uint32_t function;
    uint32_t index;
    bool indexed;           /* the leaf depends on ECX */
    uint32_t eax, ebx, ecx, edx;
} X86CPUIDEntry;

typedef union FPReg {
    uint8_t bytes[16];      /* 80-bit extended in the low 10 bytes */
    uint64_t q[2];
} FPReg;

typedef union XMMReg {
    uint8_t b[16];
    uint32_t l[4];
    uint64_t q[2];
} XMMReg;

/*
 * The local APIC as this CPU's MSRs and CR8 reach it: a userspace APIC
 * (hw/intc/apic.c) that vl/ connects, or NULL (KVM's in-kernel APIC, or
 * none). Each call takes the big lock itself. @opaque is
 * CPUX86State.apic_opaque; see target-i386/helper.h for who calls what.
 */
typedef struct X86APICOps {
    /* IA32_APIC_BASE (0x1b); set_base returns the value it now reads. */
    uint64_t (*get_base)(void *opaque, unsigned cpu_index);
    uint64_t (*set_base)(void *opaque, unsigned cpu_index, uint64_t val);
    /* CR8 = TPR[7:4]. */
    uint64_t (*get_cr8)(void *opaque, unsigned cpu_index);
    void (*set_cr8)(void *opaque, unsigned cpu_index, uint64_t cr8);
    /* IA32_TSC_DEADLINE (0x6e0); @tsc_now is x86_tsc_now() (1 GHz). */
    uint64_t (*get_tsc_deadline)(void *opaque, unsigned cpu_index);
    void (*set_tsc_deadline)(void *opaque, unsigned cpu_index,
                             uint64_t deadline, uint64_t tsc_now);
} X86APICOps;

typedef struct CPUArchState {
    /*
     * What generated code reads and writes comes first, within 1 KiB of
     * env: on the AMD Zen 5 host of docs/devel/performance.md ("Block
     * entry stalls"), blocks whose loads from env use displacements of
     * 0x400 and up ran up to 10x slower in some code placements, and
     * those below did not. QEMU keeps its hot fields there too.
     */
    uint64_t regs[16];
    uint64_t rip;
    uint64_t eflags;

    /*
     * TCG only. While TCG runs guest code, the arithmetic flags (CF PF AF
     * ZF SF OF) live lazily in cc_op/cc_dst/cc_src/cc_src2 and DF in df
     * (+1/-1); eflags holds the other bits. tcg_cpu_ops.cpu_exec_enter
     * splits eflags, cpu_exec_exit merges it back, so outside the exec
     * loop eflags is complete for everyone (KVM sync, gdb, dumps).
     */
    uint64_t cc_dst, cc_src, cc_src2;
    uint32_t cc_op;
    int32_t df;
    int32_t exit_request;       /* tested at every TB entry (TCG) */
    void *tcg_tlb;              /* accel/tcg's TLB, for the inline fast path */

    SegmentCache segs[X86_NR_SEGS];
    XMMReg xmm[16];
    uint32_t mxcsr;

    /* Below: what helpers mostly use. */
    SegmentCache ldt;
    SegmentCache tr;
    DescriptorTable gdt;
    DescriptorTable idt;

    uint64_t cr[5];         /* cr[1] unused */
    uint64_t cr8;
    uint64_t efer;
    uint64_t dr[8];

    /* MSRs */
    uint64_t star, lstar, cstar, fmask;
    uint64_t kernel_gs_base;
    uint64_t sysenter_cs, sysenter_esp, sysenter_eip;
    uint64_t tsc;
    uint64_t pat;
    uint64_t apic_base;
    uint64_t tsc_aux;
    uint64_t kvm_system_time;   /* kvmclock MSRs (TCG; KVM keeps its own) */
    uint64_t kvm_wall_clock;

    /* x87 (the SSE registers are above) */
    FPReg fpregs[8];
    uint16_t fpuc, fpus, fptw;  /* fptw: full 16-bit tag word */
    uint16_t fop;
    uint16_t fpcs, fpds;        /* FCS/FDS where stored (X86Impl) */
    uint64_t fpip, fpdp;

    int32_t exception_index;    /* -1: none; else vector to deliver */
    uint32_t error_code;
    bool exception_has_error;
    bool exception_is_int;      /* software INT n: use next_eip, DPL check */
    uint64_t exception_next_eip;
    uint64_t a20_mask;          /* ~(1 << 20) when the A20 gate is closed */
    struct CPUState *cpu;       /* back pointer for helpers */

    /* Pending events */
    bool halted;
    int32_t pending_exception;  /* vector, or -1 */
    uint32_t exception_error_code;
    bool exception_has_error_code;

    /*
     * System state of the TCG helpers (target-i386/seg.c, misc.c, excp.c).
     * inhibit_irq: the translator sets it after STI (when IF was 0), MOV SS
     * and POP SS and clears it once the next instruction has retired;
     * while set, x86_exec_interrupt takes no INTR/NMI (SDM Vol. 3A 6.8.3).
     */
    bool inhibit_irq;
    bool nmi_blocked;           /* inside an NMI handler until IRET */
    bool wait_for_sipi;         /* AP after INIT (SDM Vol. 3A 9.4.4) */
    bool in_shutdown;           /* triple fault: only INIT wakes it */
    uint8_t sipi_vector;        /* the APIC stores it before raising SIPI */
    bool delivering;            /* delivering delivering_vector (for #DF) */
    uint8_t delivering_vector;
    int64_t tsc_offset;         /* guest TSC = 1 GHz monotonic + offset */
    uint64_t mtrr_deftype;
    uint64_t mtrr_fixed[11];
    uint64_t mtrr_var[16];      /* PHYSBASE0, PHYSMASK0, ... PHYSMASK7 */
    uint64_t misc_enable;

    /* The CPUID table this vCPU answers from (-cpu). */
    X86CPUIDEntry *cpuid;
    unsigned nr_cpuid;
    unsigned cpu_index;
    uint32_t apic_id;
    /* The userspace local APIC, or NULL (kept across x86_cpu_reset). */
    const X86APICOps *apic_ops;
    void *apic_opaque;
} CPUX86State;

/*
 * Implementation-specific behaviour TCG copies from the host CPU
 * (target-i386/impl.c): Intel's where a field is false.
 */
typedef struct X86Impl {
    bool x87_pointers_always;       /* FOP/FCS/FDP/FDS on every insn */
    bool fxsave_pointers_if_es;     /* FXSAVE: pointers only if FSW.ES */
    bool rep_a32_count0_keeps_rcx;  /* REP, a32, RCX=0: RCX unchanged */
} X86Impl;

const X86Impl *x86_impl(void);

/* Architectural reset (SDM Vol. 3A, 9.1.1): real mode at F000:FFF0. */
void x86_cpu_reset(CPUX86State *env);
/*
 * The state a multiboot or 32-bit boot protocol entry expects: flat 4 GiB
 * code and data segments, protected mode without paging, interrupts off.
 */
void x86_cpu_set_flat32(CPUX86State *env, uint32_t eip, uint32_t eax,
                        uint32_t ebx, uint32_t esi);

/* Printable register dump (for fatal errors and -d cpu_reset). */
char *x86_cpu_dump_state(const CPUX86State *env);

/* CPUID models (target-i386/cpuid.c). */
typedef struct X86CPUModel {
    const char *name;
    const char *desc;
} X86CPUModel;

/* The models, ending with a zeroed row. "host" needs a source of truth
 * from the accelerator (host_leaves). */
extern const X86CPUModel x86_cpu_models[];
const char *x86_cpu_default_model(void);
/*
 * Build the CPUID table for vCPU @index of @ncpus. For "host", @host is the
 * list the accelerator supports (KVM_GET_SUPPORTED_CPUID) and is taken as
 * is; for a named model, @host (if not NULL) masks the model's features
 * and the names of dropped features are returned in @dropped (a
 * space-separated list, or NULL when nothing was dropped).
 */
bool x86_cpuid_build(const char *model, unsigned index, unsigned ncpus,
                     const X86CPUIDEntry *host, unsigned nr_host,
                     X86CPUIDEntry **out, unsigned *nr_out, char **dropped,
                     GError **errp);
/* Look up a leaf as the CPUID instruction would. */
const X86CPUIDEntry *x86_cpuid_find(const CPUX86State *env, uint32_t fn,
                                    uint32_t index);

#endif
