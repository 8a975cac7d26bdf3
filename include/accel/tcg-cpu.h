/* SPDX-License-Identifier: MIT */
/*
 * The contract between the TCG accelerator (accel/tcg/) and the target it
 * runs (target-i386/). accel/tcg knows no x86: it looks blocks up, runs
 * them, chains them, keeps the softmmu TLB and catches exceptions; the
 * target translates, walks page tables and delivers interrupts through the
 * TCGCPUOps it defines as `tcg_cpu_ops`. Target helpers reach guest memory
 * and leave generated code through the functions declared here.
 */
#ifndef ACCEL_TCG_CPU_H
#define ACCEL_TCG_CPU_H

#include "accel/accel.h"
#include "tcg/tcg.h"
#include "tcg/tcg-op.h"

#include <stdbool.h>
#include <stdint.h>

typedef uint64_t vaddr;

/* ------------------------------------------------------------------ */
/* Translation blocks                                                  */

/* Why generated code returned to the exec loop (low 2 bits of exit_tb). */
enum {
    TB_EXIT_JMP0 = 0,           /* goto_tb slot 0 not chained yet */
    TB_EXIT_JMP1 = 1,           /* goto_tb slot 1 not chained yet */
    TB_EXIT_NOCHAIN = 2,        /* left on purpose; do not chain */
    TB_EXIT_REQUESTED = 3,      /* exit_request was seen at TB entry */
    TB_EXIT_MASK = 3,
};

typedef struct TranslationBlock TranslationBlock;

struct TranslationBlock {
    /* The lookup key: linear pc, code segment base and mode flags. */
    vaddr pc;
    uint64_t cs_base;
    uint32_t flags;
    uint32_t cflags;            /* TB_CFLAGS_*: how it was translated */
    /* Guest code bytes covered, from pc; the physical pages they lie on
     * (page2 is -1 unless the block crosses a page boundary). */
    uint32_t size;
    uint32_t icount;
    uint64_t page_addr[2];
    /* Host code. */
    const void *tc_ptr;
    uint32_t tc_size;
    /* insn_start records (tcg/), copied at translation. */
    TCGInsnRecord *insns;
    unsigned nr_insns;
    /* Chaining: where the goto_tb slots are, where they go now, and the
     * blocks that jump into this one (to unchain on invalidation). */
    uint32_t jmp_offset[2];     /* of the rel32 field, from tc_ptr */
    uint32_t jmp_reset[2];      /* where an unchained slot goes */
    /* A slot to another page (tcg_gen_goto_tb_page): the physical page
     * its destination was on at translation, else -1. */
    uint64_t jmp_page[2];
    TranslationBlock *jmp_dest[2];
    GPtrArray *jmp_in;          /* of (TranslationBlock * | slot) */
    bool invalid;
    /* Its code checks its second page (tcg_gen_check_second_page), so it
     * may be chained into from its first page. */
    bool page2_checked;
};

#define TB_CFLAGS_SINGLE_STEP   (1u << 0)   /* one instruction, no chaining */
#define TB_CFLAGS_NO_IRQ_CHECK  (1u << 1)
#define TB_CFLAGS_NOCACHE       (1u << 2)   /* code from I/O: run once, not kept */

/*
 * Rules for translators (accel/tcg relies on them):
 * - Test the int32 at exit_request_offset at TB entry and leave with
 *   exit_tb(tb | TB_EXIT_REQUESTED) when it is non-zero, before any guest
 *   state changes.
 * - goto_tb n + exit_tb(tb | n) for a destination on the same guest page
 *   as tb->pc, or through tcg_gen_goto_tb_page for one on another page (a
 *   mapping change must not leave a stale chain: the exec loop refuses
 *   to chain across pages otherwise); elsewhere goto_ptr on
 *   helper_lookup_tb_ptr, or exit_tb(0) / exit_tb(tb | TB_EXIT_NOCHAIN).
 * - With TB_CFLAGS_SINGLE_STEP (max_insns is then 1) the loop never chains.
 * - translator_ld faults as if at tb->pc: a block's code lies on tb->pc's
 *   page and at most the page after it. Its first instruction may read
 *   from that next page (and fault there); a later instruction only if
 *   translator_can_fetch says the next page reads without a fault, else
 *   the block ends before it.
 * - Guest stores must leave the instruction restartable (a store into a
 *   page holding this very block re-executes the instruction alone).
 */

/* ------------------------------------------------------------------ */
/* The softmmu TLB                                                     */

typedef enum MMUAccessType {
    MMU_DATA_LOAD = 0,
    MMU_DATA_STORE = 1,
    MMU_INST_FETCH = 2,
} MMUAccessType;

#define TARGET_PAGE_BITS 12
#define TARGET_PAGE_SIZE (1ull << TARGET_PAGE_BITS)
#define TARGET_PAGE_MASK (~(TARGET_PAGE_SIZE - 1))

#define PAGE_READ  1
#define PAGE_WRITE 2
#define PAGE_EXEC  4

/* What the target's page walk found for one virtual page. */
typedef struct TLBFillResult {
    /* Physical address of @addr (or of its page, or of the base of its
     * large page: accel/tcg adds addr's offset within page_size). */
    uint64_t phys;
    /* PAGE_*; grant PAGE_WRITE only if a write needs no further page-table
     * update (x86: dirty bit already set), PAGE_EXEC only if fetches may. */
    int prot;
    uint64_t page_size;         /* 0 or 4 KiB; larger: flush_page flushes all */
    bool global;                /* tlb_flush_nonglobal keeps it */
} TLBFillResult;

/* ------------------------------------------------------------------ */
/* The target's hooks                                                  */

/* External interrupt request bits in CPUState.interrupt_request. */
#define CPU_INTERRUPT_HARD      (1u << 0)   /* INTR line asserted */
#define CPU_INTERRUPT_NMI       (1u << 1)
#define CPU_INTERRUPT_INIT      (1u << 2)
#define CPU_INTERRUPT_SIPI      (1u << 3)
#define CPU_INTERRUPT_EXITTB    (1u << 4)   /* leave the TB, re-look up */

typedef struct TCGCPUOps {
    /* Number of softmmu TLBs (mmu indexes) the target uses. */
    unsigned nb_mmu_modes;
    /* Create the target's globals in a new context (same order always). */
    void (*init_context)(TCGContext *s);
    /* The lookup key for the current state. */
    void (*get_tb_cpu_state)(CPUArchState *env, vaddr *pc,
                             uint64_t *cs_base, uint32_t *flags);
    /*
     * Translate the block at tb->pc (tb->cs_base, tb->flags set) into s's
     * op list, at most @max_insns instructions; set tb->size and
     * tb->icount. Guest code is read with translator_ld*.
     */
    void (*translate)(TCGContext *s, CPUState *cpu, TranslationBlock *tb,
                      int max_insns);
    /* Put the guest pc (and anything else recorded) back from the data of
     * an insn_start: after a fault in the middle of a block. */
    void (*restore_state)(CPUArchState *env, const uint64_t *data);
    /*
     * Translate @addr for @access in @mmu_idx. On success fill @out and
     * return true. On a fault: if @probe, return false; otherwise raise
     * the guest exception (cpu_loop_exit_restore with @retaddr).
     */
    bool (*tlb_fill)(CPUState *cpu, vaddr addr, MMUAccessType access,
                     int mmu_idx, bool probe, uintptr_t retaddr,
                     TLBFillResult *out);
    /*
     * Optional: a guest_ld/guest_st whose MemOp carries a target flag
     * (MO_TGT_MASK) and missed the inline fast path comes here first, and
     * may raise a guest exception (with @retaddr) that depends on how the
     * access was made, not only on the address.
     */
    void (*mem_slow_check)(CPUState *cpu, vaddr addr, MemOp op,
                           uintptr_t retaddr);
    /* Deliver the pending exception/interrupt recorded in env. */
    void (*do_interrupt)(CPUState *cpu);
    /* Take a pending interrupt request if the CPU accepts it now;
     * true if the CPU state changed (re-look up the TB). */
    bool (*exec_interrupt)(CPUState *cpu, uint32_t interrupt_request);
    /* Is a halted CPU woken by these requests? (HLT: set cpu->halted and
     * leave with cpu_loop_exit; the loop waits until has_work, clears
     * cpu->halted and goes on with exec_interrupt.) */
    bool (*has_work)(CPUState *cpu, uint32_t interrupt_request);
    /* Is an exception recorded in env to be delivered? */
    bool (*exception_pending)(CPUArchState *env);
    /* Around a stretch of generated code (e.g. lazy flags in/out); enter
     * runs first in cpu_exec and may set cpu->halted from the target's
     * state (an AP waiting for SIPI after a reset). */
    void (*cpu_exec_enter)(CPUState *cpu);
    void (*cpu_exec_exit)(CPUState *cpu);
    /* Offset in CPUArchState of the int32 that generated code tests at
     * each TB entry (non-zero: exit with TB_EXIT_REQUESTED). */
    size_t exit_request_offset;
    /*
     * Offset in CPUArchState of a void * that accel/tcg points at the
     * vCPU's softmmu TLB (at attach and at every cpu_exec, so a reset that
     * clears env is harmless): generated code reaches the TLB through it
     * for the inline fast path of guest loads and stores. 0: no fast
     * path, every guest access calls the slow path.
     */
    size_t tlb_ptr_offset;
    /* The mmu index of code fetches (@ifetch) or ordinary data accesses in
     * the current state; NULL: always 0. */
    int (*mmu_index)(CPUState *cpu, bool ifetch);
    /* At vcpu_create: build the target's per-vCPU state (the CPUID table
     * of @model, NULL for the default; env->cpu back pointer). */
    bool (*cpu_init)(CPUState *cpu, const char *model, unsigned ncpus,
                     GError **errp);
    /* -d in_asm: print the guest code of @tb (log_printf); NULL: none. */
    void (*disas_log)(CPUState *cpu, const TranslationBlock *tb);
} TCGCPUOps;

/* Defined by the target. accel/tcg/tcg-accel.c holds a weak empty one
 * (translate == NULL: "no translator in this build") until it links. */
extern const TCGCPUOps tcg_cpu_ops;

/* ------------------------------------------------------------------ */
/* Services accel/tcg gives the target (target helpers call these)     */

/* The vCPU this thread is running (set by the exec loop). */
extern __thread CPUState *current_cpu;

/*
 * For goto_ptr (indirect jumps, returns): the host code of the block for
 * the current state if it is already translated, else NULL (goto_ptr then
 * returns 0 to the exec loop, which translates). Declare it
 * TCG_CALL_READS_GLOBALS; it reads the state through get_tb_cpu_state.
 */
const void *helper_lookup_tb_ptr(CPUArchState *env);
/*
 * The same for a state the translator knows: a target whose blocks never
 * change their (cs_base, flags) before they end (every instruction that
 * could ends the block and leaves through the exec loop) passes its own
 * block's, and the pc of the jump's destination, and the lookup skips
 * get_tb_cpu_state. Declare it TCG_CALL_READS_GLOBALS too.
 */
const void *helper_lookup_tb_ptr_state(CPUArchState *env, uint64_t pc,
                                       uint64_t cs_base, uint32_t flags);
/*
 * goto_ptr to the block for (@pc, @cs_base, @flags), with the rules of
 * helper_lookup_tb_ptr_state. With @inline_probe, generated code probes
 * this vCPU's jump cache inline (through the TLB pointer at
 * tlb_ptr_offset) and calls the helper only when the block is not
 * there; without, it calls the helper (about 25 bytes instead of 110: a
 * translator may prefer it where code size matters more than the
 * call, see docs/devel/performance.md). Ends the block.
 */
void tcg_gen_lookup_and_goto_ptr(CPUState *cpu, TCGContext *s, TCGv pc,
                                 uint64_t cs_base, uint32_t flags,
                                 bool inline_probe);

/*
 * The same with the jump's own state changes deferred into the probe, so
 * that a check the probe makes redundant costs nothing on its hit path:
 * @commit emits the guest state the destination expects (on the hit
 * path before goto_ptr, on the miss path before the helper), and
 * @miss_check, emitted first on the miss path, may raise a guest
 * exception with the state still as before the jump. Values they use
 * from before the probe must be TB temps or globals.
 */
typedef struct TCGProbeHooks {
    void (*miss_check)(TCGContext *s, void *opaque);
    void (*commit)(TCGContext *s, void *opaque);
    void *opaque;
} TCGProbeHooks;

void tcg_gen_lookup_and_goto_ptr_hooks(CPUState *cpu, TCGContext *s,
                                       TCGv pc, uint64_t cs_base,
                                       uint32_t flags,
                                       const TCGProbeHooks *hooks,
                                       bool inline_probe);

/*
 * For a block that goes on into the page after its first one: before its
 * first instruction with bytes there (but not its first instruction),
 * branch to @miss unless that page is, for this vCPU, still mapped to the
 * physical page it was translated from (a compare with an entry of the
 * vCPU's code page cache, which a TLB flush empties). The block is then
 * marked as checking its second page, and a chained entry into it is as
 * safe as one through the lookup, which checks both pages. At @miss,
 * tcg_gen_code_page_fill puts the page in the cache again if it is still
 * mapped there; the block goes on through a lookup.
 */
void tcg_gen_check_second_page(CPUState *cpu, TCGContext *s, TCGLabel *miss);
void tcg_gen_code_page_fill(TCGContext *s, vaddr addr);

/*
 * A direct jump to @dest on another page than the block's first: branch
 * to @miss unless @dest's page is mapped as now (the same cache check),
 * then goto_tb @slot, which the exec loop may chain to a block on that
 * physical page. The caller follows with exit_tb(tb | @slot) as for any
 * goto_tb, and at @miss with tcg_gen_code_page_fill and a lookup. False,
 * with nothing emitted, when @dest's page is not code that reads without
 * a fault now: use the lookup alone.
 */
bool tcg_gen_goto_tb_page(CPUState *cpu, TCGContext *s, int slot,
                          vaddr dest, TCGLabel *miss);

/* Leave generated code and return to the exec loop (exception or
 * interrupt recorded in env first). */
G_NORETURN void cpu_loop_exit(CPUState *cpu);
/* Whether other vCPUs share the engine; then leave and give the turn to
 * the next one (env's state must be the next instruction's). */
bool cpu_yield_possible(CPUState *cpu);
G_NORETURN void cpu_yield(CPUState *cpu);
/* The same, after restoring the guest state of the instruction whose
 * helper was called from host address @retaddr (GETPC()). */
G_NORETURN void cpu_loop_exit_restore(CPUState *cpu, uintptr_t retaddr);
/* Restore state from @retaddr without leaving (0: nothing to do). */
bool cpu_restore_state(CPUState *cpu, uintptr_t retaddr);

#define GETPC() ((uintptr_t)__builtin_return_address(0))

/*
 * Guest virtual memory through the softmmu TLB. May fault (longjmp).
 * I/O (MMIO) pieces are dispatched with the vCPU as requester,
 * address_space_read/write_attrs(..., MEMTXATTRS_CPU(cpu->index), ...):
 * the local APIC page at 0xfee00000 shows each CPU its own APIC by it.
 */
uint64_t cpu_ld_mmu(CPUState *cpu, vaddr addr, MemOp op, int mmu_idx,
                    uintptr_t retaddr);
void cpu_st_mmu(CPUState *cpu, vaddr addr, uint64_t val, MemOp op,
                int mmu_idx, uintptr_t retaddr);
/* Code fetch for the translator (raises the fetch fault). */
uint64_t translator_ld(CPUState *cpu, vaddr addr, MemOp op);
/* Whether translator_ld of @addr's page would read RAM or ROM without a
 * fault (it fills the TLB, never raises). */
bool translator_can_fetch(CPUState *cpu, vaddr addr);
/* Probe without faulting: host pointer for a RAM page, or NULL. */
void *cpu_probe_access(CPUState *cpu, vaddr addr, MMUAccessType access,
                       int mmu_idx);

/* Physical memory (page walks, descriptor tables in real mode). Stores
 * invalidate translated code they hit. */
uint64_t cpu_ld_phys(CPUState *cpu, uint64_t addr, MemOp op);
void cpu_st_phys(CPUState *cpu, uint64_t addr, uint64_t val, MemOp op);

/* TLB maintenance (CR3 writes, INVLPG, mode changes), on the calling
 * vCPU; tlb_flush also drops its jump cache. */
void tlb_flush(CPUState *cpu);
/* The same but for the entries filled as global (TLBFillResult.global). */
void tlb_flush_nonglobal(CPUState *cpu);
void tlb_flush_page(CPUState *cpu, vaddr addr);

/* Invalidate every TB on the physical page range (self-modifying code
 * through helpers; normal stores are tracked by the TLB). */
void tb_invalidate_phys_range(uint64_t start, uint64_t end);

/* Ask the vCPU to leave the current TB soon (mode change, interrupt). */
void cpu_exit(CPUState *cpu);

/*
 * Guest debugging. The translator asks cpu_breakpoint_test() before each
 * instruction: at a breakpoint it ends the block before it, or, when it
 * is the block's first instruction, emits a call that stores the pc and
 * ends in cpu_debug_break() (the vCPU stops for the debugger there).
 */
bool cpu_breakpoint_test(CPUState *cpu, vaddr pc);
G_NORETURN void cpu_debug_break(CPUState *cpu);

/*
 * Port I/O on the machine's I/O address space (AccelConfig.as_io) for IN,
 * OUT and the string forms; @size is 1, 2 or 4. Unassigned ports read all
 * ones. The target's helper_check_io has already applied IOPL and the TSS
 * bitmap. Implemented by accel/tcg (big lock taken inside).
 */
uint32_t cpu_io_read(CPUState *cpu, uint32_t port, unsigned size);
void cpu_io_write(CPUState *cpu, uint32_t port, uint32_t val, unsigned size);

/* The INTA cycle: the vector of the highest pending external interrupt
 * from the machine's interrupt controller (big lock taken inside). */
int cpu_ack_interrupt(CPUState *cpu);
/* The guest asked for a machine reset (triple fault) or shutdown: the
 * exec loop returns, the vCPU stops and AccelConfig.event is told (under
 * the big lock). Leave generated code with cpu_loop_exit afterwards. */
void cpu_request_event(CPUState *cpu, AccelEvent ev);

#endif
