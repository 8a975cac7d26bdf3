/* SPDX-License-Identifier: MIT */
/*
 * The TCG execution engine's own state, shared by the files of accel/tcg/
 * and its unit test: the engine (code buffer, translation context, TB hash
 * table, per-page TB lists, statistics), the per-vCPU part (softmmu TLB,
 * jump cache, the exec loop's jump buffer) and the functions each file
 * gives the others. The engine is driven by a const TCGCPUOps, so tests
 * run it with a toy target; only tcg-accel.c names tcg_cpu_ops.
 *
 * Locking: one vCPU at a time runs inside the engine (the round-robin
 * token of tcg-accel.c); every structure here is touched only by that
 * vCPU's thread. Other threads only set flags and exit_request.
 */
#ifndef ACCEL_TCG_INTERNAL_H
#define ACCEL_TCG_INTERNAL_H

#include "accel/tcg-cpu.h"
#include "tcg/tcg-code-buffer.h"

#include <setjmp.h>

#define TLB_BITS            13
#define TLB_SIZE            (1u << TLB_BITS)
#define TLB_MAX_MMU_MODES   8
#define TLB_LOG_SIZE        512     /* fills remembered for a cheap flush */
#define TB_JMP_CACHE_BITS   12
#define TB_JMP_CACHE_SIZE   (1u << TB_JMP_CACHE_BITS)
#define TB_MAX_INSNS        512

/*
 * Flags in the low bits of a TLB tag (page-aligned, so they are free).
 * A tag matches an address when (tag & (TARGET_PAGE_MASK | TLB_INVALID))
 * equals the address's page; any other flag set sends the access to the
 * slow path.
 */
#define TLB_INVALID         (1ull << (TARGET_PAGE_BITS - 1))
#define TLB_NOTDIRTY        (1ull << (TARGET_PAGE_BITS - 2)) /* holds code */
#define TLB_MMIO            (1ull << (TARGET_PAGE_BITS - 3)) /* not RAM */
#define TLB_DISCARD_WRITE   (1ull << (TARGET_PAGE_BITS - 4)) /* ROM */
#define TLB_WATCH           (1ull << (TARGET_PAGE_BITS - 5)) /* watchpoint */
#define TLB_FLAGS_MASK      (TLB_NOTDIRTY | TLB_MMIO | TLB_DISCARD_WRITE | \
                             TLB_WATCH)

/* One direct-mapped entry: what the inline fast path reads (TCGTLBDesc). */
#define CPU_TLB_ENTRY_BITS  5
typedef struct CPUTLBEntry {
    uint64_t addr_read;
    uint64_t addr_write;
    uint64_t addr_code;
    uintptr_t addend;           /* host = guest virtual + addend (RAM) */
} CPUTLBEntry;

/* What the slow path needs beside it. */
typedef struct CPUTLBEntryFull {
    uint64_t phys;              /* physical page */
    bool global;                /* kept by tlb_flush_nonglobal */
} CPUTLBEntryFull;

typedef struct TCGStats {
    uint64_t tbs_translated;
    uint64_t code_bytes;        /* host code generated */
    uint64_t guest_bytes;       /* guest code translated */
    uint64_t guest_insns;       /* guest instructions translated */
    uint64_t chains;            /* goto_tb slots patched */
    uint64_t lookup_jc;         /* found in the jump cache */
    uint64_t lookup_hash;       /* found in the hash table */
    uint64_t lookup_ptr;        /* found by helper_lookup_tb_ptr */
    uint64_t lookup_ptr_miss;
    uint64_t flushes;           /* whole-buffer flushes */
    uint64_t invalidations;     /* TBs invalidated (SMC, tb_invalidate_*) */
    uint64_t smc_restarts;      /* a store hit its own block */
    uint64_t tlb_fills;
    uint64_t tlb_flushes;
    uint64_t tlb_flush_pages;
    uint64_t tbs_executed;      /* entries from the exec loop */
    /* Counted by generated code, only with stats=on (count_runs): */
    uint64_t tb_runs;           /* every start of a block */
    uint64_t probe_hits;        /* the inline jump-cache probe found it */
} TCGStats;

typedef struct TCGEngine {
    const TCGCPUOps *ops;
    TCGCodeBuffer *buf;
    TCGContext *ctx;
    AddressSpace *as;           /* guest physical memory */
    AddressSpace *as_io;        /* port I/O, or NULL */
    GHashTable *htable;         /* TB -> TB, keyed on the lookup key */
    GHashTable *pages;          /* physical page number -> GPtrArray of TB */
    GPtrArray *tbs;             /* every TB since the last flush, by tc_ptr */
    GPtrArray *cpus;            /* CPUState * */
    uint64_t flush_count;
    TCGStats stats;
    bool count_runs;            /* generated code counts tb_runs, probe_hits */
    /*
     * Guest-physical ranges whose memory changed with the map (PAM
     * putting RAM over a ROM, a BAR moving): blocks translated from them
     * go before a vCPU runs again. Filled by the memory listener on the
     * main thread, drained by a vCPU (tb_invalidate_pending).
     */
    GMutex pending_lock;
    GArray *pending_ranges;     /* of TBRange */
} TCGEngine;

typedef struct TBRange {
    uint64_t start, end;        /* [start, end) */
} TBRange;

/* A watchpoint hit: the instruction runs again alone, then the vCPU
 * stops (TCGCPU.watch_state). */
typedef enum TCGWatchState {
    TCG_WATCH_IDLE,
    TCG_WATCH_ARMED,            /* the next block is the instruction again */
    TCG_WATCH_RERUN,            /* it runs: record hits, stop after it */
} TCGWatchState;

/* Why cpu_exec returned. */
typedef enum TCGExecExit {
    TCG_EXEC_EXIT,              /* exit request: stop, quit, slice, flags */
    TCG_EXEC_HALTED,            /* halted; wait for has_work */
    TCG_EXEC_EVENT,             /* TCGCPU.event is set */
} TCGExecExit;

/* The per-vCPU part, cpu->accel_cpu. */
/* One jump-cache entry: the key of its block, its code and itself. */
typedef struct TBJmpCacheEntry {
    uint64_t pc;
    uint64_t cs_base;
    uint32_t flags;
    uint32_t cflags;
    uint32_t gen;
    uint32_t pad;
    const void *tc_ptr;
    TranslationBlock *tb;       /* NULL: empty */
} TBJmpCacheEntry;

/*
 * The code pages this vCPU has seen mapped since its jump cache was last
 * emptied (a TLB flush empties both): a block's check of its second page
 * (tcg_gen_check_second_page) or of a chained jump's target page
 * (tcg_gen_goto_tb_page) compares an entry with the page and the
 * physical page it was translated with.
 * Apart from the TLB because a data page in the same TLB slot would evict
 * the code page's entry at every pass. Emptied through a log of the
 * entries filled (the whole table past CODE_PAGE_LOG_SIZE).
 */
#define CODE_PAGE_CACHE_BITS 10
#define CODE_PAGE_CACHE_SIZE (1u << CODE_PAGE_CACHE_BITS)
#define CODE_PAGE_LOG_SIZE   64

typedef struct CodePageEntry {
    uint64_t vpage;             /* -1: empty */
    uint64_t phys;
} CodePageEntry;

typedef struct TCGCPU {
    TCGEngine *eng;
    CPUState *cpu;
    sigjmp_buf jmp_env;
    CPUTLBEntry tlb[TLB_MAX_MMU_MODES][TLB_SIZE];
    CPUTLBEntryFull tlb_full[TLB_MAX_MMU_MODES][TLB_SIZE];
    bool tlb_large_page;        /* a large page is mapped: flush_page = all */
    /*
     * The machine's FlatView as of this vCPU's last TLB flush after a
     * memory-map change (a reference): the TLB fill and the page walk's
     * physical accesses look RAM up here without the address space's
     * lock. fv_ram is the last RAM range found, tried first.
     */
    FlatView *fv;
    const FlatRange *fv_ram;
    /*
     * The jump cache, direct-mapped on the virtual pc. An entry counts
     * only while its generation is the current one, so a TLB flush
     * empties it by counting up (tb_jmp_cache_clear). An entry carries a
     * copy of its block's key and host code, so that a hit reads one
     * entry and never the block itself (blocks are scattered over the
     * heap: their cache misses were most of a lookup's cost).
     */
    TBJmpCacheEntry jmp_cache[TB_JMP_CACHE_SIZE];
    uint32_t jmp_cur_gen;
    CodePageEntry code_pages[CODE_PAGE_CACHE_SIZE];
    uint16_t code_page_log[CODE_PAGE_LOG_SIZE];
    unsigned code_page_log_len;
    /*
     * The TLB entries filled since the last flush (mmu index << TLB_BITS
     * | index), so that a flush clears only those; past TLB_LOG_SIZE, the
     * whole table of every mmu index in tlb_used.
     */
    uint32_t tlb_log[TLB_LOG_SIZE];
    unsigned tlb_log_len;
    uint32_t tlb_used;
    uint32_t cflags;            /* for every TB (single-step, ...) */
    uint32_t cflags_next_tb;    /* one-shot, 0: none */
    TranslationBlock *translating;  /* set while ops->translate runs */
    vaddr translate_end;        /* past the last code byte it read */
    int event;                  /* AccelEvent + 1, 0: none */
    /* Guest debugging (set_guest_debug, vCPU parked). */
    GuestDebug debug;
    bool sstep;                 /* stop after one instruction */
    unsigned nr_watch;          /* watchpoints in debug */
    TCGWatchState watch_state;
    bool watch_hit;             /* in TCG_WATCH_RERUN: what it hit */
    GuestDebugKind watch_hit_kind;
    uint64_t watch_hit_addr;
    /* Set from other threads, acted on at the top of the exec loop. */
    int tlb_flush_pending;
    int tb_flush_pending;
    int slice_end;
} TCGCPU;

static inline TCGCPU *tcg_cpu(CPUState *cpu)
{
    return cpu->accel_cpu;
}

static inline int32_t *cpu_exit_request(TCGCPU *tc)
{
    return (int32_t *)((char *)tc->cpu->env + tc->eng->ops->exit_request_offset);
}

/* ---- translate-all.c: the engine, translation, flush, restore ---- */

TCGEngine *tcg_engine_new(const TCGCPUOps *ops, size_t code_size,
                          AddressSpace *as, AddressSpace *as_io,
                          GError **errp);
void tcg_engine_free(TCGEngine *eng);
/* Attach a vCPU: its TLB, jump cache and cpu->accel_cpu. */
TCGCPU *tcg_engine_add_cpu(TCGEngine *eng, CPUState *cpu);
TranslationBlock *tb_gen_code(CPUState *cpu, vaddr pc, uint64_t cs_base,
                              uint32_t flags, uint32_t cflags);
/* Drop every TB, empty the buffer, every jump cache, the hash and pages. */
void tb_flush_all(TCGEngine *eng);
/* The TB whose host code holds @host_pc, or NULL. */
TranslationBlock *tb_find_by_host(TCGEngine *eng, uintptr_t host_pc);
/* The index of the insn record of @tb holding @host_pc, or -1. */
int tb_insn_index(const TranslationBlock *tb, uintptr_t host_pc);
void tb_free(TranslationBlock *tb);

/* ---- tb-maint.c: hash, pages, chains, invalidation ---- */

static inline unsigned tb_jmp_cache_hash(vaddr pc)
{
    return (pc ^ (pc >> TB_JMP_CACHE_BITS)) & (TB_JMP_CACHE_SIZE - 1);
}

/* The current entry at @h if it holds the block for this state. */
static inline const TBJmpCacheEntry *tb_jmp_cache_find(TCGCPU *tc,
                                                       unsigned h, vaddr pc,
                                                       uint64_t cs_base,
                                                       uint32_t flags,
                                                       uint32_t cflags)
{
    const TBJmpCacheEntry *e = &tc->jmp_cache[h];

    return e->gen == tc->jmp_cur_gen && e->tb && e->pc == pc &&
           e->cs_base == cs_base && e->flags == flags &&
           e->cflags == cflags ? e : NULL;
}

static inline void tb_jmp_cache_set(TCGCPU *tc, unsigned h,
                                    TranslationBlock *tb)
{
    tc->jmp_cache[h] = (TBJmpCacheEntry){
        .pc = tb->pc, .cs_base = tb->cs_base, .flags = tb->flags,
        .cflags = tb->cflags, .gen = tc->jmp_cur_gen,
        .tc_ptr = tb->tc_ptr, .tb = tb,
    };
}

TranslationBlock *tb_htable_lookup(TCGEngine *eng, vaddr pc,
                                   uint64_t cs_base, uint32_t flags,
                                   uint32_t cflags, uint64_t phys_pc);
void tb_link(TCGEngine *eng, TranslationBlock *tb);
void tb_invalidate(TCGEngine *eng, TranslationBlock *tb);
bool tb_page_has_code(TCGEngine *eng, uint64_t phys);
/* Point slot @n of @tb at @next if that is allowed. */
void tb_add_jump(TCGEngine *eng, TranslationBlock *tb, int n,
                 TranslationBlock *next);
/*
 * Invalidate the TBs with code in [start, end). A store from generated
 * code passes its host return address: if it hits an instruction after
 * the storing one in the running block, the state goes back to the
 * storing instruction and the loop re-executes it alone (no return).
 */
void tb_invalidate_phys_range_ra(TCGEngine *eng, CPUState *cpu,
                                 uint64_t start, uint64_t end,
                                 uintptr_t retaddr);
void tb_jmp_cache_clear(TCGCPU *tc);
/* Note a guest-physical range whose contents the memory map changed. */
void tb_invalidate_later(TCGEngine *eng, uint64_t start, uint64_t end);
/* Invalidate the blocks of every range noted so far (vCPU thread). */
void tb_invalidate_pending(TCGEngine *eng);

/* ---- cputlb.c ---- */

void tlb_init(TCGCPU *tc);
/* After a memory-map change: take the address space's current FlatView. */
void tlb_refresh_flatview(TCGCPU *tc);
/* Physical page of the code at @pc (fetch fault raised here), or -1 when
 * it is not RAM/ROM. */
uint64_t get_page_addr_code(CPUState *cpu, vaddr pc);
/* Without faulting: -1 when the fetch would fault or is not RAM/ROM. */
uint64_t probe_page_addr_code(CPUState *cpu, vaddr pc);
/* Note that @vpage maps to @phys now (a code page cache entry). */
void code_page_note(TCGCPU *tc, uint64_t vpage, uint64_t phys);
/* A page now holds code: slow-path every write entry that maps it. */
void tlb_protect_code(TCGEngine *eng, uint64_t phys_page);
/* Guest memory slow paths for TCGContext.guest_mem. */
uint64_t tcg_guest_load(void *env, uint64_t addr, uint32_t memop,
                        uint32_t mmu_idx, uintptr_t retaddr);
void tcg_guest_store(void *env, uint64_t addr, uint64_t val, uint32_t memop,
                     uint32_t mmu_idx, uintptr_t retaddr);
/* Flush the TLB entries of the pages [addr, addr + len) touches. */
void tlb_flush_range(CPUState *cpu, vaddr addr, uint64_t len);
/* Tell @s's backend the TLB layout (if the target has a tlb_ptr_offset). */
void tlb_describe(TCGEngine *eng, TCGContext *s);
/* Point env's TLB pointer at this vCPU's TLB (at attach and cpu_exec). */
void tlb_set_env_ptr(TCGCPU *tc);

/* ---- cpu-exec.c ---- */

/* Run @cpu until it must leave (exit request, halt, event). The caller
 * does not hold the big lock. */
TCGExecExit cpu_exec(CPUState *cpu);
/* Stop for the debugger when the exec loop is back (sets the event). */
void cpu_debug_request(CPUState *cpu, GuestDebugStop why);
/*
 * A guest access of [addr, addr + size) hit watchpoint @p (its kind
 * matches @access). Trap-like, as x86 debug registers: from generated
 * code, the instruction is restored and runs again alone (a block of
 * one instruction, interrupts masked) and the vCPU stops after it with
 * the pc at the next one; elsewhere (interrupt delivery) the vCPU stops
 * when the loop is back. Hits while the instruction runs again are
 * recorded only; a fault in it drops them, as hardware does.
 */
void cpu_watchpoint_hit(CPUState *cpu, const GuestDebugPoint *p, vaddr addr,
                        uintptr_t retaddr);

#endif
