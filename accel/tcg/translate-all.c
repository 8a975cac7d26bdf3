/* SPDX-License-Identifier: MIT */
/*
 * The engine and translation: the code buffer and the one TCGContext,
 * turning a guest block into a TranslationBlock (the target's translate
 * hook fills the op list, tcg_gen_code emits host code, the insn records
 * are kept for restoring state), the whole-buffer flush when it is full,
 * and the map from a host code address back to its block.
 */
#include "tcg-internal.h"
#include "util/cutils.h"
#include "util/log.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static guint tb_hash(gconstpointer p)
{
    const TranslationBlock *tb = p;
    uint64_t h = tb->pc * 0x9e3779b97f4a7c15ull;

    h ^= (tb->page_addr[0] >> TARGET_PAGE_BITS) * 0xc2b2ae3d27d4eb4full;
    h ^= tb->cs_base + ((uint64_t)tb->flags << 32) + tb->cflags;
    return (guint)(h ^ (h >> 29));
}

static gboolean tb_equal(gconstpointer a, gconstpointer b)
{
    const TranslationBlock *x = a, *y = b;

    return x->pc == y->pc && x->cs_base == y->cs_base &&
           x->flags == y->flags && x->cflags == y->cflags &&
           x->page_addr[0] == y->page_addr[0];
}

TCGEngine *tcg_engine_new(const TCGCPUOps *ops, size_t code_size,
                          AddressSpace *as, AddressSpace *as_io,
                          GError **errp)
{
    TCGEngine *eng;
    TCGCodeBuffer *buf = tcg_code_buffer_new(code_size, errp);

    if (!buf) {
        return NULL;
    }
    g_assert(ops->nb_mmu_modes <= TLB_MAX_MMU_MODES);
    eng = g_new0(TCGEngine, 1);
    eng->ops = ops;
    eng->buf = buf;
    eng->ctx = tcg_context_new(buf);
    eng->ctx->guest_mem = (TCGGuestMemOps){ tcg_guest_load, tcg_guest_store };
    tlb_describe(eng, eng->ctx);
    if (ops->init_context) {
        ops->init_context(eng->ctx);
    }
    eng->as = as;
    eng->as_io = as_io;
    eng->htable = g_hash_table_new(tb_hash, tb_equal);
    g_mutex_init(&eng->pending_lock);
    eng->pending_ranges = g_array_new(false, false, sizeof(TBRange));
    eng->pages = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
                                       (GDestroyNotify)g_ptr_array_unref);
    eng->tbs = g_ptr_array_new();
    eng->cpus = g_ptr_array_new();
    return eng;
}

void tb_free(TranslationBlock *tb)
{
    g_free(tb->insns);
    g_ptr_array_unref(tb->jmp_in);
    g_free(tb);
}

static void tb_free_fn(gpointer tb, gpointer unused)
{
    tb_free(tb);
}

/*
 * The TCGCPU (3 MiB, nearly all of it the TLB and the jump cache, which
 * generated code reads at every guest memory access and return) on
 * transparent huge pages where the host gives them: on 4 KiB pages its
 * hot part spans some 170 host pages, more than the host's first-level
 * data TLB holds beside the guest's RAM.
 */
#define TCGCPU_ALIGN (2u << 20)

static size_t tcg_cpu_struct_size(void)
{
    return (sizeof(TCGCPU) + TCGCPU_ALIGN - 1) & ~(size_t)(TCGCPU_ALIGN - 1);
}

static TCGCPU *tcg_cpu_struct_new(void)
{
    size_t len = tcg_cpu_struct_size();
    uint8_t *p = mmap(NULL, len + TCGCPU_ALIGN, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    uintptr_t a;

    if (p == MAP_FAILED) {
        g_error("tcg: cannot allocate the vCPU state (%zu bytes): %s", len,
                g_strerror(errno));
    }
    a = ((uintptr_t)p + TCGCPU_ALIGN - 1) & ~(uintptr_t)(TCGCPU_ALIGN - 1);
    if (a > (uintptr_t)p) {
        munmap(p, a - (uintptr_t)p);
    }
    munmap((uint8_t *)a + len, (uintptr_t)p + TCGCPU_ALIGN - a);
    madvise((void *)a, len, MADV_HUGEPAGE);     /* advice only */
    return (TCGCPU *)a;                         /* zero-filled */
}

static void tcg_cpu_struct_free(TCGCPU *tc)
{
    munmap(tc, tcg_cpu_struct_size());
}

void tcg_engine_free(TCGEngine *eng)
{
    for (guint i = 0; i < eng->cpus->len; i++) {
        CPUState *cpu = g_ptr_array_index(eng->cpus, i);

        flatview_unref(tcg_cpu(cpu)->fv);
        tcg_cpu_struct_free(cpu->accel_cpu);
        cpu->accel_cpu = NULL;
    }
    g_hash_table_destroy(eng->htable);
    g_hash_table_destroy(eng->pages);
    g_array_unref(eng->pending_ranges);
    g_mutex_clear(&eng->pending_lock);
    g_ptr_array_foreach(eng->tbs, tb_free_fn, NULL);
    g_ptr_array_unref(eng->tbs);
    g_ptr_array_unref(eng->cpus);
    tcg_context_free(eng->ctx);
    tcg_code_buffer_free(eng->buf);
    g_free(eng);
}

TCGCPU *tcg_engine_add_cpu(TCGEngine *eng, CPUState *cpu)
{
    TCGCPU *tc = tcg_cpu_struct_new();

    tc->eng = eng;
    tc->cpu = cpu;
    tc->fv = address_space_get_flatview(eng->as);
    tlb_init(tc);
    memset(tc->code_pages, 0xff, sizeof(tc->code_pages));
    tlb_set_env_ptr(tc);
    cpu->accel_cpu = tc;
    g_ptr_array_add(eng->cpus, cpu);
    return tc;
}

void tb_flush_all(TCGEngine *eng)
{
    for (guint i = 0; i < eng->cpus->len; i++) {
        TCGCPU *tc = tcg_cpu(g_ptr_array_index(eng->cpus, i));

        /* The blocks are freed: no entry may point at one, stale or not. */
        memset(tc->jmp_cache, 0, sizeof(tc->jmp_cache));
        tb_jmp_cache_clear(tc);
    }
    g_hash_table_remove_all(eng->htable);
    g_hash_table_remove_all(eng->pages);
    g_ptr_array_foreach(eng->tbs, tb_free_fn, NULL);
    g_ptr_array_set_size(eng->tbs, 0);
    tcg_code_buffer_reset(eng->buf);
    eng->flush_count++;
    eng->stats.flushes++;
}

/* Blocks are committed in buffer order, so eng->tbs is sorted by tc_ptr. */
TranslationBlock *tb_find_by_host(TCGEngine *eng, uintptr_t host_pc)
{
    guint lo = 0, hi = eng->tbs->len;

    while (lo < hi) {
        guint mid = (lo + hi) / 2;
        TranslationBlock *tb = g_ptr_array_index(eng->tbs, mid);
        uintptr_t start = (uintptr_t)tb->tc_ptr;

        if (host_pc < start) {
            hi = mid;
        } else if (host_pc >= start + tb->tc_size) {
            lo = mid + 1;
        } else {
            return tb;
        }
    }
    return NULL;
}

int tb_insn_index(const TranslationBlock *tb, uintptr_t host_pc)
{
    const TCGInsnRecord *rec;

    rec = tcg_insn_find(tb->insns, tb->nr_insns,
                        host_pc - (uintptr_t)tb->tc_ptr - 1);
    return rec ? (int)(rec - tb->insns) : -1;
}

static void tb_log_in_asm(CPUState *cpu, const TranslationBlock *tb)
{
    const TCGCPUOps *ops = tcg_cpu(cpu)->eng->ops;

    if (!log_enabled(LOG_IN_ASM)) {
        return;
    }
    log_printf("----------------\nIN: pc=0x%" PRIx64 " cs_base=0x%" PRIx64
               " flags=0x%x cflags=0x%x size=%u icount=%u\n", tb->pc,
               tb->cs_base, tb->flags, tb->cflags, tb->size, tb->icount);
    if (ops->disas_log) {
        ops->disas_log(cpu, tb);
    }
    log_printf("\n");
}

/* Emit the op list into the buffer; flush everything once if it is full. */
static int tb_emit(TCGEngine *eng, void **code)
{
    int size = tcg_gen_code(eng->ctx, code);

    if (size < 0) {
        tb_flush_all(eng);
        size = tcg_gen_code(eng->ctx, code);
        if (size < 0) {
            g_error("tcg: one block does not fit in an empty code buffer");
        }
    }
    return size;
}

/*
 * -d perfmap: perf's map for code it cannot symbolize (one line "START
 * SIZE NAME" per block, in hex), so `perf report` names blocks by their
 * guest pc. Written by the one vCPU thread that translates.
 */
static void tb_perfmap_add(const TranslationBlock *tb)
{
    static FILE *map;

    if (!log_enabled(LOG_PERFMAP)) {
        return;
    }
    if (!map) {
        g_autofree char *path = g_strdup_printf("/tmp/perf-%d.map",
                                                (int)getpid());

        map = fopen(path, "w");
        if (!map) {
            return;
        }
    }
    fprintf(map, "%" PRIxPTR " %x tb_%" PRIx64 "\n", (uintptr_t)tb->tc_ptr,
            tb->tc_size, (uint64_t)tb->pc);
    fflush(map);
}

/* Generated code that adds one to a 64-bit counter (stats=on only). */
static void gen_count(TCGContext *s, uint64_t *counter)
{
    TCGv base = tcg_const(s, TCG_TYPE_I64, (uintptr_t)counter);
    TCGv t = tcg_temp_new(s, TCG_TYPE_I64);

    tcg_gen_ld(s, t, base, 0);
    tcg_gen_addi(s, t, t, 1);
    tcg_gen_st(s, t, base, 0);
}

TranslationBlock *tb_gen_code(CPUState *cpu, vaddr pc, uint64_t cs_base,
                              uint32_t flags, uint32_t cflags)
{
    TCGCPU *tc = tcg_cpu(cpu);
    TCGEngine *eng = tc->eng;
    TCGContext *s = eng->ctx;
    uint64_t phys = get_page_addr_code(cpu, pc);
    TranslationBlock *tb;
    void *code;
    int size;

    if (phys == (uint64_t)-1) {
        cflags |= TB_CFLAGS_NOCACHE;
    }
    tb = g_new0(TranslationBlock, 1);
    g_assert(((uintptr_t)tb & TB_EXIT_MASK) == 0);
    tb->pc = pc;
    tb->cs_base = cs_base;
    tb->flags = flags;
    tb->cflags = cflags;
    tb->page_addr[0] = phys == (uint64_t)-1 ? phys : phys & TARGET_PAGE_MASK;
    tb->page_addr[1] = -1;
    tb->jmp_page[0] = tb->jmp_page[1] = -1;
    tb->jmp_in = g_ptr_array_new();
    tc->translating = tb;
    tc->translate_end = pc;
    log_suppressed = log_addr_in_filter(pc) ? 0 : LOG_TB_ITEMS;
    tcg_func_start(s);
    if (eng->count_runs) {
        gen_count(s, &eng->stats.tb_runs);
    }
    eng->ops->translate(s, cpu, tb,
                        cflags & (TB_CFLAGS_SINGLE_STEP | TB_CFLAGS_NOCACHE)
                        ? 1 : TB_MAX_INSNS);
    tc->translating = NULL;
    if (!tb->size) {
        /* The translator did not say: every byte it read counts. */
        tb->size = tc->translate_end - pc;
    }
    tb_log_in_asm(cpu, tb);

    size = tb_emit(eng, &code);
    log_suppressed = 0;
    tb->tc_ptr = code;
    tb->tc_size = size;
    tb->nr_insns = s->insns->len;
    tb->insns = g_memdup2(s->insns->data,
                          s->insns->len * sizeof(TCGInsnRecord));
    for (int n = 0; n < 2; n++) {
        tb->jmp_offset[n] = s->goto_tb_jmp_offset[n];
        tb->jmp_reset[n] = s->goto_tb_reset_offset[n];
    }
    tcg_code_buffer_commit(eng->buf, size);
    g_ptr_array_add(eng->tbs, tb);
    if (!(cflags & TB_CFLAGS_NOCACHE)) {
        tb_link(eng, tb);
    }
    tb_perfmap_add(tb);
    eng->stats.tbs_translated++;
    eng->stats.code_bytes += size;
    eng->stats.guest_bytes += tb->size;
    eng->stats.guest_insns += tb->nr_insns;
    return tb;
}

/* ---- the second page of a block ------------------------------------------ */

static void helper_code_page_fill(CPUArchState *env, uint64_t vpage)
{
    CPUState *cpu = current_cpu;
    uint64_t phys = probe_page_addr_code(cpu, vpage);

    (void)env;
    if (phys != (uint64_t)-1) {
        code_page_note(tcg_cpu(cpu), vpage, phys);
    }
}

static const TCGHelperInfo info_code_page_fill = {
    "code_page_fill", helper_code_page_fill, TCG_CALL_READS_GLOBALS,
};

/* Offset of a TCGCPU field from its TLB, which env->tlb_ptr points at. */
#define TC_OFF(field) \
    ((intptr_t)offsetof(TCGCPU, field) - (intptr_t)offsetof(TCGCPU, tlb))

/* Branch to @miss unless this vCPU's code page cache says @addr's page
 * maps to the physical page it maps to now. */
static void gen_check_code_page(CPUState *cpu, TCGContext *s, vaddr addr,
                                TCGLabel *miss)
{
    TCGCPU *tc = tcg_cpu(cpu);
    const TCGCPUOps *ops = tc->eng->ops;
    uint64_t vpage = addr & TARGET_PAGE_MASK;
    uint64_t phys = probe_page_addr_code(cpu, vpage);
    unsigned i = (vpage >> TARGET_PAGE_BITS) & (CODE_PAGE_CACHE_SIZE - 1);
    intptr_t off = TC_OFF(code_pages) + i * sizeof(CodePageEntry);
    TCGv env = tcg_env(s), base, d, t;

    g_assert(ops->tlb_ptr_offset && phys != (uint64_t)-1);
    code_page_note(tc, vpage, phys);
    base = tcg_temp_new(s, TCG_TYPE_I64);
    d = tcg_temp_new(s, TCG_TYPE_I64);
    t = tcg_temp_new(s, TCG_TYPE_I64);
    tcg_gen_ld(s, base, env, ops->tlb_ptr_offset);
    tcg_gen_ld(s, d, base, off + offsetof(CodePageEntry, vpage));
    tcg_gen_xor(s, d, d, tcg_const(s, TCG_TYPE_I64, vpage));
    tcg_gen_ld(s, t, base, off + offsetof(CodePageEntry, phys));
    tcg_gen_xor(s, t, t, tcg_const(s, TCG_TYPE_I64, phys));
    tcg_gen_or(s, d, d, t);
    tcg_gen_brcondi(s, TCG_COND_NE, d, 0, miss);
}

void tcg_gen_check_second_page(CPUState *cpu, TCGContext *s, TCGLabel *miss)
{
    TranslationBlock *tb = tcg_cpu(cpu)->translating;

    tb->page2_checked = true;
    gen_check_code_page(cpu, s, (tb->pc & TARGET_PAGE_MASK) +
                        TARGET_PAGE_SIZE, miss);
}

void tcg_gen_code_page_fill(TCGContext *s, vaddr addr)
{
    TCGv args[2] = {
        tcg_env(s),
        tcg_const(s, TCG_TYPE_I64, addr & TARGET_PAGE_MASK),
    };

    tcg_gen_call(s, &info_code_page_fill, NULL, 2, args);
}

bool tcg_gen_goto_tb_page(CPUState *cpu, TCGContext *s, int slot,
                          vaddr dest, TCGLabel *miss)
{
    TranslationBlock *tb = tcg_cpu(cpu)->translating;
    uint64_t phys = probe_page_addr_code(cpu, dest & TARGET_PAGE_MASK);

    if (!tb || phys == (uint64_t)-1 ||
        !tcg_cpu(cpu)->eng->ops->tlb_ptr_offset) {
        return false;
    }
    gen_check_code_page(cpu, s, dest, miss);
    tb->jmp_page[slot] = phys & TARGET_PAGE_MASK;
    tcg_gen_goto_tb(s, slot);
    return true;
}

/* ---- the inline jump-cache probe ---------------------------------------- */

static const TCGHelperInfo info_lookup_tb_ptr_state = {
    "lookup_tb_ptr_state", helper_lookup_tb_ptr_state, TCG_CALL_READS_GLOBALS,
};

/* d |= the jump-cache entry's field at @off (32 or 64 bits) ^ @want;
 * @entry points at jmp_cache[0] of the entry. */
static void probe_diff(TCGContext *s, TCGv d, TCGv entry, intptr_t off,
                       bool is32, TCGv want)
{
    TCGv f = tcg_temp_new(s, TCG_TYPE_I64);

    if (is32) {
        tcg_gen_ld32u(s, f, entry, TC_OFF(jmp_cache) + off);
    } else {
        tcg_gen_ld(s, f, entry, TC_OFF(jmp_cache) + off);
    }
    tcg_gen_xor(s, f, f, want);
    tcg_gen_or(s, d, d, f);
}

/*
 * The probe is straight-line code with one branch: the register
 * allocator keeps values in registers only within a basic block. The
 * entry (a copy of its block's key, TBJmpCacheEntry) is compared field
 * by field, the differences ORed together.
 */
void tcg_gen_lookup_and_goto_ptr(CPUState *cpu, TCGContext *s, TCGv pc_in,
                                 uint64_t cs_base, uint32_t flags,
                                 bool inline_probe)
{
    tcg_gen_lookup_and_goto_ptr_hooks(cpu, s, pc_in, cs_base, flags, NULL,
                                      inline_probe);
}

void tcg_gen_lookup_and_goto_ptr_hooks(CPUState *cpu, TCGContext *s,
                                       TCGv pc_in, uint64_t cs_base,
                                       uint32_t flags,
                                       const TCGProbeHooks *hooks,
                                       bool inline_probe)
{
    const TCGCPUOps *ops = tcg_cpu(cpu)->eng->ops;
    TCGv env = tcg_env(s), ptr = tcg_temp_new_tb(s, TCG_TYPE_I64);
    TCGv pc = tcg_temp_new_tb(s, TCG_TYPE_I64);
    TCGLabel *miss = tcg_gen_new_label(s);
    TCGv args[4];

    tcg_gen_mov(s, pc, pc_in);
    if (inline_probe && ops->tlb_ptr_offset && !log_enabled(LOG_EXEC)) {
        TCGv base = tcg_temp_new(s, TCG_TYPE_I64);
        TCGv h = tcg_temp_new(s, TCG_TYPE_I64);
        TCGv d = tcg_temp_new(s, TCG_TYPE_I64);
        TCGv t = tcg_temp_new(s, TCG_TYPE_I64);
        TCGv u = tcg_temp_new(s, TCG_TYPE_I64);

        G_STATIC_ASSERT(sizeof(TBJmpCacheEntry) == 48);
        tcg_gen_ld(s, base, env, ops->tlb_ptr_offset);
        /* t = &jmp_cache[tb_jmp_cache_hash(pc)] (48-byte entries) */
        tcg_gen_shri(s, h, pc, TB_JMP_CACHE_BITS);
        tcg_gen_xor(s, h, h, pc);
        tcg_gen_andi(s, h, h, TB_JMP_CACHE_SIZE - 1);
        tcg_gen_shli(s, t, h, 5);
        tcg_gen_shli(s, h, h, 4);
        tcg_gen_add(s, t, t, h);
        tcg_gen_add(s, t, t, base);
        /* d = the entry's generation != the current one, or any field of
         * (pc, flags, cs_base, cflags) that differs; an empty entry has
         * no code (goto_ptr of NULL returns to the loop) */
        tcg_gen_movi(s, d, 0);
        tcg_gen_ld32u(s, u, base, TC_OFF(jmp_cur_gen));
        probe_diff(s, d, t, offsetof(TBJmpCacheEntry, gen), true, u);
        probe_diff(s, d, t, offsetof(TBJmpCacheEntry, pc), false, pc);
        probe_diff(s, d, t, offsetof(TBJmpCacheEntry, flags), true,
                   tcg_const(s, TCG_TYPE_I64, flags));
        probe_diff(s, d, t, offsetof(TBJmpCacheEntry, cs_base), false,
                   tcg_const(s, TCG_TYPE_I64, cs_base));
        tcg_gen_ld32u(s, u, base, TC_OFF(cflags));
        probe_diff(s, d, t, offsetof(TBJmpCacheEntry, cflags), true, u);
        tcg_gen_ld(s, ptr, t, TC_OFF(jmp_cache) +
                   offsetof(TBJmpCacheEntry, tc_ptr));
        tcg_gen_brcondi(s, TCG_COND_NE, d, 0, miss);
        if (hooks) {
            hooks->commit(s, hooks->opaque);
        }
        if (tcg_cpu(cpu)->eng->count_runs) {
            gen_count(s, &tcg_cpu(cpu)->eng->stats.probe_hits);
        }
        tcg_gen_goto_ptr(s, ptr);
        tcg_gen_set_label(s, miss);
    }
    if (hooks) {
        if (hooks->miss_check) {
            hooks->miss_check(s, hooks->opaque);
        }
        hooks->commit(s, hooks->opaque);
    }
    args[0] = env;
    args[1] = pc;
    args[2] = tcg_const(s, TCG_TYPE_I64, cs_base);
    args[3] = tcg_const(s, TCG_TYPE_I64, flags);
    tcg_gen_call(s, &info_lookup_tb_ptr_state, ptr, 4, args);
    tcg_gen_goto_ptr(s, ptr);
}
