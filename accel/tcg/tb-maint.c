/* SPDX-License-Identifier: MIT */
/*
 * Keeping translated blocks consistent: the hash table the exec loop looks
 * blocks up in, the per-vCPU jump caches in front of it, the lists of
 * blocks on each physical page (for self-modifying code), direct chaining
 * of goto_tb slots, and invalidation — one block (out of the tables,
 * incoming chains re-pointed at their exits, outgoing links dropped) or
 * every block with code in a physical range.
 */
#include "tcg-internal.h"
#include "util/log.h"

#include <string.h>

static gpointer page_key(uint64_t phys)
{
    return GSIZE_TO_POINTER((gsize)(phys >> TARGET_PAGE_BITS));
}

TranslationBlock *tb_htable_lookup(TCGEngine *eng, vaddr pc,
                                   uint64_t cs_base, uint32_t flags,
                                   uint32_t cflags, uint64_t phys_pc)
{
    TranslationBlock key = {
        .pc = pc, .cs_base = cs_base, .flags = flags, .cflags = cflags,
        .page_addr = { phys_pc & TARGET_PAGE_MASK },
    };

    return g_hash_table_lookup(eng->htable, &key);
}

bool tb_page_has_code(TCGEngine *eng, uint64_t phys)
{
    return g_hash_table_contains(eng->pages, page_key(phys));
}

void tb_link(TCGEngine *eng, TranslationBlock *tb)
{
    g_hash_table_add(eng->htable, tb);
    for (int i = 0; i < 2; i++) {
        uint64_t page = tb->page_addr[i];
        GPtrArray *list;

        if (page == (uint64_t)-1) {
            continue;
        }
        list = g_hash_table_lookup(eng->pages, page_key(page));
        if (!list) {
            list = g_ptr_array_new();
            g_hash_table_insert(eng->pages, page_key(page), list);
            tlb_protect_code(eng, page);
        }
        g_ptr_array_add(list, tb);
    }
}

void code_page_note(TCGCPU *tc, uint64_t vpage, uint64_t phys)
{
    unsigned i = (vpage >> TARGET_PAGE_BITS) & (CODE_PAGE_CACHE_SIZE - 1);

    if (tc->code_pages[i].vpage == (uint64_t)-1) {
        if (tc->code_page_log_len < CODE_PAGE_LOG_SIZE) {
            tc->code_page_log[tc->code_page_log_len] = i;
        }
        tc->code_page_log_len = MIN(tc->code_page_log_len + 1,
                                    CODE_PAGE_LOG_SIZE + 1);
    }
    tc->code_pages[i] = (CodePageEntry){ vpage, phys };
}

void tb_jmp_cache_clear(TCGCPU *tc)
{
    if (tc->code_page_log_len > CODE_PAGE_LOG_SIZE) {
        memset(tc->code_pages, 0xff, sizeof(tc->code_pages));
    } else {
        for (unsigned i = 0; i < tc->code_page_log_len; i++) {
            tc->code_pages[tc->code_page_log[i]] =
                (CodePageEntry){ (uint64_t)-1, (uint64_t)-1 };
        }
    }
    tc->code_page_log_len = 0;
    if (++tc->jmp_cur_gen == 0) {
        memset(tc->jmp_cache, 0, sizeof(tc->jmp_cache));
        tc->jmp_cur_gen = 1;
    }
}

static void tb_reset_jump(TCGEngine *eng, TranslationBlock *tb, int n)
{
    tcg_patch_goto_tb(eng->buf, (uintptr_t)tb->tc_ptr + tb->jmp_offset[n],
                      (uintptr_t)tb->tc_ptr + tb->jmp_reset[n]);
    tb->jmp_dest[n] = NULL;
}

/*
 * Chain @tb's jump slot @n to @next: within @tb's first page, or to the
 * physical page a slot to another page was translated for (its code
 * checks the mapping first, tcg_gen_goto_tb_page). Into a block with
 * code on a second page only if that block checks the page itself
 * (tcg_gen_check_second_page), or if the jump stays on @tb's first page
 * and @tb has the same second page (the lookup that entered @tb checked
 * both of its pages).
 */
void tb_add_jump(TCGEngine *eng, TranslationBlock *tb, int n,
                 TranslationBlock *next)
{
    uint32_t no_chain = TB_CFLAGS_SINGLE_STEP | TB_CFLAGS_NOCACHE;
    bool cross = (tb->pc ^ next->pc) & TARGET_PAGE_MASK;

    if (tb->invalid || next->invalid || tb->jmp_dest[n] ||
        tb->jmp_offset[n] == TCG_NO_GOTO_TB ||
        ((tb->cflags | next->cflags) & no_chain) ||
        (cross && tb->jmp_page[n] != next->page_addr[0]) ||
        (next->page_addr[1] != (uint64_t)-1 && !next->page2_checked &&
         (cross || next->page_addr[1] != tb->page_addr[1])) ||
        log_enabled(LOG_EXEC)) {
        return;
    }
    tcg_patch_goto_tb(eng->buf, (uintptr_t)tb->tc_ptr + tb->jmp_offset[n],
                      (uintptr_t)next->tc_ptr);
    tb->jmp_dest[n] = next;
    g_ptr_array_add(next->jmp_in, (gpointer)((uintptr_t)tb | n));
    eng->stats.chains++;
}

static void tb_page_remove(TCGEngine *eng, TranslationBlock *tb)
{
    for (int i = 0; i < 2; i++) {
        uint64_t page = tb->page_addr[i];
        GPtrArray *list;

        if (page == (uint64_t)-1) {
            continue;
        }
        list = g_hash_table_lookup(eng->pages, page_key(page));
        if (list) {
            g_ptr_array_remove_fast(list, tb);
            if (!list->len) {
                g_hash_table_remove(eng->pages, page_key(page));
            }
        }
    }
}

void tb_invalidate(TCGEngine *eng, TranslationBlock *tb)
{
    unsigned h = tb_jmp_cache_hash(tb->pc);

    if (tb->invalid) {
        return;
    }
    tb->invalid = true;
    if (g_hash_table_lookup(eng->htable, tb) == tb) {
        g_hash_table_remove(eng->htable, tb);
    }
    tb_page_remove(eng, tb);
    for (guint i = 0; i < eng->cpus->len; i++) {
        TCGCPU *tc = tcg_cpu(g_ptr_array_index(eng->cpus, i));

        if (tc->jmp_cache[h].tb == tb) {
            /* of any generation; an inline probe that still matches the
             * key finds no code and returns to the loop */
            tc->jmp_cache[h].tb = NULL;
            tc->jmp_cache[h].tc_ptr = NULL;
        }
    }
    for (guint i = 0; i < tb->jmp_in->len; i++) {
        uintptr_t v = (uintptr_t)g_ptr_array_index(tb->jmp_in, i);

        tb_reset_jump(eng, (TranslationBlock *)(v & ~(uintptr_t)TB_EXIT_MASK),
                      v & TB_EXIT_MASK);
    }
    g_ptr_array_set_size(tb->jmp_in, 0);
    for (int n = 0; n < 2; n++) {
        TranslationBlock *dest = tb->jmp_dest[n];

        if (dest) {
            g_ptr_array_remove_fast(dest->jmp_in,
                                    (gpointer)((uintptr_t)tb | n));
            tb->jmp_dest[n] = NULL;
        }
    }
    eng->stats.invalidations++;
}

/* Does @tb have code bytes in the physical range [start, end)? */
static bool tb_overlaps(const TranslationBlock *tb, uint64_t start,
                        uint64_t end)
{
    uint64_t off0 = tb->pc & ~TARGET_PAGE_MASK;
    uint64_t size = MAX(tb->size, 1u);
    uint64_t len0 = MIN(size, TARGET_PAGE_SIZE - off0);
    uint64_t s0 = tb->page_addr[0] + off0;
    uint64_t s1 = tb->page_addr[1];

    if (s0 < end && start < s0 + len0) {
        return true;
    }
    return s1 != (uint64_t)-1 && s1 < end && start < s1 + (size - len0);
}

void tb_invalidate_phys_range_ra(TCGEngine *eng, CPUState *cpu,
                                 uint64_t start, uint64_t end,
                                 uintptr_t retaddr)
{
    TranslationBlock *current = retaddr ? tb_find_by_host(eng, retaddr) : NULL;
    g_autoptr(GPtrArray) hit = g_ptr_array_new();
    bool restart = false;

    if (start >= end) {
        return;
    }
    for (uint64_t p = start & TARGET_PAGE_MASK; p < end;
         p += TARGET_PAGE_SIZE) {
        GPtrArray *list = g_hash_table_lookup(eng->pages, page_key(p));

        for (guint i = 0; list && i < list->len; i++) {
            TranslationBlock *tb = g_ptr_array_index(list, i);

            if (tb_overlaps(tb, start, end)) {
                g_ptr_array_add(hit, tb);
            }
        }
        if (p + TARGET_PAGE_SIZE < p) {
            break;
        }
    }
    for (guint i = 0; i < hit->len; i++) {
        TranslationBlock *tb = g_ptr_array_index(hit, i);

        if (tb == current && !tb->invalid) {
            int idx = tb_insn_index(tb, retaddr);

            restart = idx >= 0 && idx + 1 < (int)tb->nr_insns;
        }
        tb_invalidate(eng, tb);
    }
    if (restart) {
        /* The block goes on with instructions the store just replaced:
         * back to the storing one, which runs again alone. */
        TCGCPU *tc = tcg_cpu(cpu);

        eng->ops->restore_state(cpu->env,
                                current->insns[tb_insn_index(current,
                                                             retaddr)].data);
        tc->cflags_next_tb = tc->cflags | TB_CFLAGS_SINGLE_STEP;
        eng->stats.smc_restarts++;
        cpu_loop_exit(cpu);
    }
}

void tb_invalidate_phys_range(uint64_t start, uint64_t end)
{
    CPUState *cpu = current_cpu;

    if (cpu && cpu->accel_cpu) {
        tb_invalidate_phys_range_ra(tcg_cpu(cpu)->eng, cpu, start, end, 0);
    }
}

/* ---- memory-map changes -------------------------------------------------- */

void tb_invalidate_later(TCGEngine *eng, uint64_t start, uint64_t end)
{
    TBRange r = { start, end };

    g_mutex_lock(&eng->pending_lock);
    g_array_append_val(eng->pending_ranges, r);
    g_mutex_unlock(&eng->pending_lock);
}

/*
 * The ranges can be all of RAM (a listener's first region_add), so the
 * pages that hold code are walked, not the ranges.
 */
void tb_invalidate_pending(TCGEngine *eng)
{
    g_autoptr(GArray) ranges = NULL;
    g_autoptr(GPtrArray) hit = g_ptr_array_new();
    GHashTableIter it;
    gpointer key, value;

    g_mutex_lock(&eng->pending_lock);
    if (eng->pending_ranges->len) {
        ranges = eng->pending_ranges;
        eng->pending_ranges = g_array_new(false, false, sizeof(TBRange));
    }
    g_mutex_unlock(&eng->pending_lock);
    if (!ranges) {
        return;
    }
    g_hash_table_iter_init(&it, eng->pages);
    while (g_hash_table_iter_next(&it, &key, &value)) {
        GPtrArray *list = value;

        for (guint i = 0; i < list->len; i++) {
            TranslationBlock *tb = g_ptr_array_index(list, i);

            for (guint r = 0; r < ranges->len; r++) {
                const TBRange *x = &g_array_index(ranges, TBRange, r);

                if (tb_overlaps(tb, x->start, x->end)) {
                    g_ptr_array_add(hit, tb);
                    break;
                }
            }
        }
    }
    for (guint i = 0; i < hit->len; i++) {
        tb_invalidate(eng, g_ptr_array_index(hit, i));
    }
}
