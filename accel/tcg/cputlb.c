/* SPDX-License-Identifier: MIT */
/*
 * The softmmu TLB: per vCPU and mmu index, a direct-mapped table from a
 * guest virtual page to a host pointer (RAM) or to a physical page whose
 * accesses take the slow path (I/O through the memory API, ROM whose
 * writes are dropped, RAM holding translated code whose writes first
 * invalidate that code). Misses ask the target's tlb_fill for the page
 * walk. Pages with a watchpoint of the debugger are flagged so that
 * every access to them takes the slow path, which checks the watched
 * ranges. Here too: guest loads and stores of every size (split at page
 * boundaries), code fetch for the translator, physical and port I/O
 * accesses, and what generated code needs: the guest_ld/guest_st
 * slow-path hooks and the description of the TLB for the backend's
 * inline fast path (TCGTLBDesc).
 */
#include "tcg-internal.h"
#include "util/log.h"

#include <inttypes.h>
#include <string.h>

void tlb_init(TCGCPU *tc)
{
    memset(tc->tlb, 0xff, sizeof(tc->tlb));
    tc->tlb_large_page = false;
    tc->tlb_log_len = 0;
    tc->tlb_used = 0;
}

/* Empty the TLB: the entries filled since the last flush, or the tables
 * of the mmu indexes used when there were too many to remember. */
static void tlb_clear(TCGCPU *tc)
{
    if (tc->tlb_log_len > TLB_LOG_SIZE) {
        for (unsigned m = 0; m < TLB_MAX_MMU_MODES; m++) {
            if (tc->tlb_used & (1u << m)) {
                memset(tc->tlb[m], 0xff, sizeof(tc->tlb[m]));
            }
        }
    } else {
        for (unsigned i = 0; i < tc->tlb_log_len; i++) {
            uint32_t v = tc->tlb_log[i];

            memset(&tc->tlb[v >> TLB_BITS][v & (TLB_SIZE - 1)], 0xff,
                   sizeof(CPUTLBEntry));
        }
    }
    tc->tlb_large_page = false;
    tc->tlb_log_len = 0;
    tc->tlb_used = 0;
}

void tlb_refresh_flatview(TCGCPU *tc)
{
    flatview_unref(tc->fv);
    tc->fv = address_space_get_flatview(tc->eng->as);
    tc->fv_ram = NULL;
}

static inline CPUTLBEntry *tlb_entry(TCGCPU *tc, int mmu_idx, vaddr addr)
{
    return &tc->tlb[mmu_idx][(addr >> TARGET_PAGE_BITS) & (TLB_SIZE - 1)];
}

static inline CPUTLBEntryFull *tlb_full(TCGCPU *tc, int mmu_idx, vaddr addr)
{
    return &tc->tlb_full[mmu_idx][(addr >> TARGET_PAGE_BITS) & (TLB_SIZE - 1)];
}

static inline uint64_t tlb_tag(const CPUTLBEntry *e, MMUAccessType access)
{
    return access == MMU_DATA_LOAD ? e->addr_read
         : access == MMU_DATA_STORE ? e->addr_write : e->addr_code;
}

static inline bool tlb_hit(uint64_t tag, vaddr addr)
{
    return (tag & (TARGET_PAGE_MASK | TLB_INVALID)) ==
           (addr & TARGET_PAGE_MASK);
}

void tlb_flush(CPUState *cpu)
{
    TCGCPU *tc = tcg_cpu(cpu);

    tlb_clear(tc);
    tlb_set_env_ptr(tc);        /* after an INIT, env may be fresh */
    tb_jmp_cache_clear(tc);
    tc->eng->stats.tlb_flushes++;
}

/*
 * A context switch on a guest with global pages (x86: MOV to CR3 with
 * CR4.PGE): the kernel's entries stay. Logged fills that are global stay
 * logged; past the log, every table in use is scanned.
 */
void tlb_flush_nonglobal(CPUState *cpu)
{
    TCGCPU *tc = tcg_cpu(cpu);
    unsigned kept = 0;

    if (tc->tlb_log_len > TLB_LOG_SIZE) {
        for (unsigned m = 0; m < TLB_MAX_MMU_MODES; m++) {
            if (!(tc->tlb_used & (1u << m))) {
                continue;
            }
            for (unsigned i = 0; i < TLB_SIZE; i++) {
                if (!tc->tlb_full[m][i].global) {
                    memset(&tc->tlb[m][i], 0xff, sizeof(CPUTLBEntry));
                }
            }
        }
    } else {
        for (unsigned i = 0; i < tc->tlb_log_len; i++) {
            uint32_t v = tc->tlb_log[i];
            unsigned m = v >> TLB_BITS, x = v & (TLB_SIZE - 1);

            if (tc->tlb_full[m][x].global) {
                tc->tlb_log[kept++] = v;
            } else {
                memset(&tc->tlb[m][x], 0xff, sizeof(CPUTLBEntry));
            }
        }
        tc->tlb_log_len = kept;
    }
    tlb_set_env_ptr(tc);
    tb_jmp_cache_clear(tc);
    tc->eng->stats.tlb_flushes++;
}

void tlb_flush_page(CPUState *cpu, vaddr addr)
{
    TCGCPU *tc = tcg_cpu(cpu);

    if (tc->tlb_large_page) {
        tlb_flush(cpu);
        return;
    }
    for (unsigned i = 0; i < tc->eng->ops->nb_mmu_modes; i++) {
        CPUTLBEntry *e = tlb_entry(tc, i, addr);

        if (tlb_hit(e->addr_read, addr) || tlb_hit(e->addr_write, addr) ||
            tlb_hit(e->addr_code, addr)) {
            memset(e, 0xff, sizeof(*e));
        }
    }
    /* Blocks of this page are spread over the whole jump cache. */
    tb_jmp_cache_clear(tc);
    tc->eng->stats.tlb_flush_pages++;
}

void tlb_flush_range(CPUState *cpu, vaddr addr, uint64_t len)
{
    vaddr last = addr + (len ? len - 1 : 0);

    for (vaddr p = addr & TARGET_PAGE_MASK; ; p += TARGET_PAGE_SIZE) {
        tlb_flush_page(cpu, p);
        if (p == (last & TARGET_PAGE_MASK)) {
            break;
        }
    }
}

/* ---- watchpoints ----------------------------------------------------- */

static bool watch_covers(const GuestDebugPoint *p, MMUAccessType access)
{
    switch (p->kind) {
    case GUEST_DEBUG_WATCH_WRITE:
        return access == MMU_DATA_STORE;
    case GUEST_DEBUG_WATCH_READ:
        return access == MMU_DATA_LOAD;
    case GUEST_DEBUG_WATCH_ACCESS:
        return access != MMU_INST_FETCH;
    default:
        return false;
    }
}

/* Do [a, a + alen) and [b, b + blen) overlap? (Lengths non-zero; no
 * wrap-around at the top of the address space.) */
static bool ranges_overlap(uint64_t a, uint64_t alen, uint64_t b,
                           uint64_t blen)
{
    return a <= b + (blen - 1) && b <= a + (alen - 1);
}

/* TLB_WATCH for the @access tag of the page at @page, or 0. */
static uint64_t tlb_watch_flag(TCGCPU *tc, vaddr page, MMUAccessType access)
{
    for (unsigned i = 0; tc->nr_watch && i < tc->debug.nr_points; i++) {
        const GuestDebugPoint *p = &tc->debug.points[i];

        if (watch_covers(p, access) &&
            ranges_overlap(p->addr, p->len, page, TARGET_PAGE_SIZE)) {
            return TLB_WATCH;
        }
    }
    return 0;
}

/* Before a slow-path access of [addr, addr + size): a watchpoint it
 * touches (even partly, on either page of a crossing access) stops the
 * vCPU after the instruction (cpu_watchpoint_hit). */
static void tlb_check_watchpoints(CPUState *cpu, vaddr addr, unsigned size,
                                  MMUAccessType access, uintptr_t retaddr)
{
    TCGCPU *tc = tcg_cpu(cpu);

    for (unsigned i = 0; tc->nr_watch && i < tc->debug.nr_points; i++) {
        const GuestDebugPoint *p = &tc->debug.points[i];

        if (watch_covers(p, access) &&
            ranges_overlap(p->addr, p->len, addr, size)) {
            cpu_watchpoint_hit(cpu, p, addr, retaddr);
            return;
        }
    }
}

/* Is all of [phys, phys + page) inside @fr? */
static bool range_covers_page(const FlatRange *fr, uint64_t phys)
{
    uint64_t last = fr->addr + (fr->size - 1);  /* UINT64_MAX: to 2^64 */

    return fr->addr <= phys && phys + (TARGET_PAGE_SIZE - 1) <= last;
}

/* Install what the target's page walk found. */
static void tlb_set_page(TCGCPU *tc, vaddr addr, int mmu_idx,
                         const TLBFillResult *r)
{
    TCGEngine *eng = tc->eng;
    CPUTLBEntry *e = tlb_entry(tc, mmu_idx, addr);
    vaddr page = addr & TARGET_PAGE_MASK;
    uint64_t ps = r->page_size, phys, flags = 0, wflags = 0;
    unsigned index = (addr >> TARGET_PAGE_BITS) & (TLB_SIZE - 1);
    const FlatRange *fr;
    uint8_t *host = NULL;

    if (ps > TARGET_PAGE_SIZE) {
        phys = (r->phys & ~(ps - 1)) | (addr & (ps - 1) & TARGET_PAGE_MASK);
        tc->tlb_large_page = true;
    } else {
        phys = r->phys & TARGET_PAGE_MASK;
    }
    fr = flatview_lookup(tc->fv, phys);
    if (fr && memory_region_is_ram(fr->mr) && range_covers_page(fr, phys)) {
        host = (uint8_t *)memory_region_get_ram_ptr(fr->mr) +
               fr->offset_in_region + (phys - fr->addr);
        if (fr->readonly || fr->mr->kind == MR_ROM) {
            wflags = TLB_DISCARD_WRITE;
        } else if (tb_page_has_code(eng, phys)) {
            wflags = TLB_NOTDIRTY;
        }
    } else {
        flags = TLB_MMIO;
    }
    if (tc->tlb_log_len < TLB_LOG_SIZE) {
        tc->tlb_log[tc->tlb_log_len] = mmu_idx << TLB_BITS | index;
    }
    tc->tlb_log_len = MIN(tc->tlb_log_len + 1, TLB_LOG_SIZE + 1);
    tc->tlb_used |= 1u << mmu_idx;
    e->addr_read = (r->prot & PAGE_READ)
                   ? page | flags | tlb_watch_flag(tc, page, MMU_DATA_LOAD)
                   : (uint64_t)-1;
    e->addr_write = (r->prot & PAGE_WRITE)
                    ? page | flags | wflags |
                      tlb_watch_flag(tc, page, MMU_DATA_STORE)
                    : (uint64_t)-1;
    e->addr_code = (r->prot & PAGE_EXEC) ? page | flags : (uint64_t)-1;
    e->addend = host ? (uintptr_t)host - page : 0;
    tlb_full(tc, mmu_idx, addr)->phys = phys;
    tlb_full(tc, mmu_idx, addr)->global = r->global;
    eng->stats.tlb_fills++;
    log_mask_printf(LOG_MMU, "tlb: mmu%d 0x%" PRIx64 " -> 0x%" PRIx64
                    " prot %x%s\n", mmu_idx, (uint64_t)page, phys, r->prot,
                    flags ? " io" : wflags ? " slow-write" : "");
}

/* The entry for @addr, filled if needed; the target raises a fault (or,
 * with @probe, NULL is returned). */
static CPUTLBEntry *tlb_lookup(CPUState *cpu, vaddr addr,
                               MMUAccessType access, int mmu_idx, bool probe,
                               uintptr_t retaddr)
{
    TCGCPU *tc = tcg_cpu(cpu);
    CPUTLBEntry *e = tlb_entry(tc, mmu_idx, addr);
    TLBFillResult r = { 0 };

    if (tlb_hit(tlb_tag(e, access), addr)) {
        return e;
    }
    if (!tc->eng->ops->tlb_fill(cpu, addr, access, mmu_idx, probe, retaddr,
                                &r)) {
        return NULL;
    }
    tlb_set_page(tc, addr, mmu_idx, &r);
    if (!tlb_hit(tlb_tag(e, access), addr)) {
        g_error("tcg: tlb_fill granted 0x%" PRIx64 " without access %d",
                (uint64_t)addr, access);
    }
    return e;
}

/* Slow-path the write entry of (@m, @i) if it maps @phys_page. */
static void tlb_protect_entry(TCGCPU *tc, unsigned m, unsigned i,
                              uint64_t phys_page)
{
    CPUTLBEntry *e = &tc->tlb[m][i];

    if (!(e->addr_write & (TLB_INVALID | TLB_NOTDIRTY | TLB_MMIO |
                           TLB_DISCARD_WRITE)) &&
        tc->tlb_full[m][i].phys == phys_page) {
        e->addr_write |= TLB_NOTDIRTY;
    }
}

/* Only the entries filled since the last flush can map anything, and
 * the fill log names them unless it overflowed. */
void tlb_protect_code(TCGEngine *eng, uint64_t phys_page)
{
    for (guint c = 0; c < eng->cpus->len; c++) {
        TCGCPU *tc = tcg_cpu(g_ptr_array_index(eng->cpus, c));

        if (tc->tlb_log_len <= TLB_LOG_SIZE) {
            for (unsigned k = 0; k < tc->tlb_log_len; k++) {
                uint32_t v = tc->tlb_log[k];

                tlb_protect_entry(tc, v >> TLB_BITS, v & (TLB_SIZE - 1),
                                  phys_page);
            }
            continue;
        }
        for (unsigned m = 0; m < eng->ops->nb_mmu_modes; m++) {
            if (!(tc->tlb_used & (1u << m))) {
                continue;
            }
            for (unsigned i = 0; i < TLB_SIZE; i++) {
                tlb_protect_entry(tc, m, i, phys_page);
            }
        }
    }
}

/* ---- guest loads and stores ------------------------------------------ */

static inline uint64_t bswap_size(uint64_t v, unsigned size_log2)
{
    switch (size_log2) {
    case MO_16: return __builtin_bswap16(v);
    case MO_32: return __builtin_bswap32(v);
    case MO_64: return __builtin_bswap64(v);
    default: return v;
    }
}

/* Fixed-size copies, so the compiler emits one move (the host is
 * little-endian). */
static inline uint64_t ld_le(const void *p, unsigned size)
{
    uint16_t v16;
    uint32_t v32;
    uint64_t v64;

    switch (size) {
    case 1:
        return *(const uint8_t *)p;
    case 2:
        memcpy(&v16, p, 2);
        return v16;
    case 4:
        memcpy(&v32, p, 4);
        return v32;
    default:
        memcpy(&v64, p, 8);
        return v64;
    }
}

static inline void st_le(void *p, uint64_t v, unsigned size)
{
    uint16_t v16 = v;
    uint32_t v32 = v;

    switch (size) {
    case 1:
        *(uint8_t *)p = v;
        break;
    case 2:
        memcpy(p, &v16, 2);
        break;
    case 4:
        memcpy(p, &v32, 4);
        break;
    default:
        memcpy(p, &v, 8);
        break;
    }
}

/* @n bytes of one page into @buf (the TLB entry for them is current). */
static void ld_bytes_page(CPUState *cpu, vaddr addr, uint8_t *buf,
                          unsigned n, CPUTLBEntry *e, uint64_t tag,
                          int mmu_idx)
{
    TCGCPU *tc = tcg_cpu(cpu);

    if (tag & TLB_MMIO) {
        uint64_t phys = tlb_full(tc, mmu_idx, addr)->phys |
                        (addr & ~TARGET_PAGE_MASK);

        /* The vCPU is the requester: per-CPU devices (the local APIC page)
         * answer by it. */
        address_space_read_attrs(tc->eng->as, phys, MEMTXATTRS_CPU(cpu->index),
                                 buf, n);
    } else {
        memcpy(buf, (void *)(uintptr_t)(addr + e->addend), n);
    }
}

/* Load @n bytes at @addr, which may cross into the next page: both pages
 * are filled (and may fault) before either is read. */
static void ld_bytes(CPUState *cpu, vaddr addr, uint8_t *buf, unsigned n,
                     MMUAccessType access, int mmu_idx, uintptr_t retaddr)
{
    unsigned n1 = MIN(n, TARGET_PAGE_SIZE - (addr & ~TARGET_PAGE_MASK));
    CPUTLBEntry *e;

    if (n1 < n) {
        tlb_lookup(cpu, addr, access, mmu_idx, false, retaddr);
        tlb_lookup(cpu, addr + n1, access, mmu_idx, false, retaddr);
    }
    e = tlb_lookup(cpu, addr, access, mmu_idx, false, retaddr);
    ld_bytes_page(cpu, addr, buf, n1, e, tlb_tag(e, access), mmu_idx);
    if (n1 < n) {
        e = tlb_lookup(cpu, addr + n1, access, mmu_idx, false, retaddr);
        ld_bytes_page(cpu, addr + n1, buf + n1, n - n1, e, tlb_tag(e, access),
                      mmu_idx);
    }
}

uint64_t cpu_ld_mmu(CPUState *cpu, vaddr addr, MemOp op, int mmu_idx,
                    uintptr_t retaddr)
{
    unsigned size = 1u << (op & MO_SIZE);
    CPUTLBEntry *e = tlb_entry(tcg_cpu(cpu), mmu_idx, addr);
    uint8_t buf[8];
    uint64_t v;

    if (tlb_hit(e->addr_read, addr) && !(e->addr_read & TLB_FLAGS_MASK) &&
        (addr & ~TARGET_PAGE_MASK) + size <= TARGET_PAGE_SIZE) {
        v = ld_le((void *)(uintptr_t)(addr + e->addend), size);
    } else {
        tlb_check_watchpoints(cpu, addr, size, MMU_DATA_LOAD, retaddr);
        ld_bytes(cpu, addr, buf, size, MMU_DATA_LOAD, mmu_idx, retaddr);
        v = ld_le(buf, size);
    }
    if (op & MO_BSWAP) {
        v = bswap_size(v, op & MO_SIZE);
    }
    if ((op & MO_SIGN) && size < 8) {
        unsigned shift = 64 - 8 * size;

        v = (uint64_t)((int64_t)(v << shift) >> shift);
    }
    return v;
}

/* A store into a page holding code: drop the code it hits first. */
static void notdirty_write(CPUState *cpu, CPUTLBEntry *e, uint64_t phys,
                           unsigned n, uintptr_t retaddr)
{
    TCGEngine *eng = tcg_cpu(cpu)->eng;

    tb_invalidate_phys_range_ra(eng, cpu, phys, phys + n, retaddr);
    if (!tb_page_has_code(eng, phys)) {
        e->addr_write &= ~TLB_NOTDIRTY;
    }
}

static void st_bytes_page(CPUState *cpu, vaddr addr, const uint8_t *buf,
                          unsigned n, int mmu_idx, uintptr_t retaddr)
{
    TCGCPU *tc = tcg_cpu(cpu);
    CPUTLBEntry *e = tlb_lookup(cpu, addr, MMU_DATA_STORE, mmu_idx, false,
                                retaddr);
    uint64_t tag = e->addr_write;
    uint64_t phys = tlb_full(tc, mmu_idx, addr)->phys |
                    (addr & ~TARGET_PAGE_MASK);

    if (tag & TLB_MMIO) {
        address_space_write_attrs(tc->eng->as, phys,
                                  MEMTXATTRS_CPU(cpu->index), buf, n);
        return;
    }
    if (tag & TLB_DISCARD_WRITE) {
        log_mask_printf(LOG_GUEST_ERROR, "tcg: write to ROM at 0x%" PRIx64
                        " dropped\n", phys);
        return;
    }
    if (tag & TLB_NOTDIRTY) {
        notdirty_write(cpu, e, phys, n, retaddr);
    }
    memcpy((void *)(uintptr_t)(addr + e->addend), buf, n);
}

void cpu_st_mmu(CPUState *cpu, vaddr addr, uint64_t val, MemOp op,
                int mmu_idx, uintptr_t retaddr)
{
    unsigned size = 1u << (op & MO_SIZE);
    unsigned n1 = MIN(size, TARGET_PAGE_SIZE - (addr & ~TARGET_PAGE_MASK));
    CPUTLBEntry *e = tlb_entry(tcg_cpu(cpu), mmu_idx, addr);
    uint8_t buf[8];

    if (op & MO_BSWAP) {
        val = bswap_size(val, op & MO_SIZE);
    }
    if (tlb_hit(e->addr_write, addr) && !(e->addr_write & TLB_FLAGS_MASK) &&
        n1 == size) {
        st_le((void *)(uintptr_t)(addr + e->addend), val, size);
        return;
    }
    tlb_check_watchpoints(cpu, addr, size, MMU_DATA_STORE, retaddr);
    memcpy(buf, &val, size);
    if (n1 < size) {
        /* Both pages must be writable before either is written. */
        tlb_lookup(cpu, addr, MMU_DATA_STORE, mmu_idx, false, retaddr);
        tlb_lookup(cpu, addr + n1, MMU_DATA_STORE, mmu_idx, false, retaddr);
        st_bytes_page(cpu, addr, buf, n1, mmu_idx, retaddr);
        st_bytes_page(cpu, addr + n1, buf + n1, size - n1, mmu_idx, retaddr);
        return;
    }
    st_bytes_page(cpu, addr, buf, size, mmu_idx, retaddr);
}

/* The TCGContext.guest_mem hooks: the slow path of the inline fast path,
 * called from generated code with the host address of the access. */
static void guest_mem_check(CPUState *cpu, uint64_t addr, uint32_t memop,
                            uintptr_t retaddr)
{
    const TCGCPUOps *ops = tcg_cpu(cpu)->eng->ops;

    if ((memop & MO_TGT_MASK) && ops->mem_slow_check) {
        ops->mem_slow_check(cpu, addr, memop, retaddr);
    }
}

uint64_t tcg_guest_load(void *env, uint64_t addr, uint32_t memop,
                        uint32_t mmu_idx, uintptr_t retaddr)
{
    guest_mem_check(current_cpu, addr, memop, retaddr);
    return cpu_ld_mmu(current_cpu, addr, memop, mmu_idx, retaddr);
}

void tcg_guest_store(void *env, uint64_t addr, uint64_t val, uint32_t memop,
                     uint32_t mmu_idx, uintptr_t retaddr)
{
    guest_mem_check(current_cpu, addr, memop, retaddr);
    cpu_st_mmu(current_cpu, addr, val, memop, mmu_idx, retaddr);
}

/* How generated code finds the TLB: through a pointer in env that
 * tlb_set_env_ptr keeps current. */
void tlb_describe(TCGEngine *eng, TCGContext *s)
{
    G_STATIC_ASSERT(sizeof(CPUTLBEntry) == 1u << CPU_TLB_ENTRY_BITS);

    if (!eng->ops->tlb_ptr_offset) {
        return;
    }
    s->tlb = (TCGTLBDesc){
        .table_ptr_offset = eng->ops->tlb_ptr_offset,
        .mmu_stride = sizeof(CPUTLBEntry) * TLB_SIZE,
        .page_bits = TARGET_PAGE_BITS,
        .index_bits = TLB_BITS,
        .entry_bits = CPU_TLB_ENTRY_BITS,
        .read_offset = offsetof(CPUTLBEntry, addr_read),
        .write_offset = offsetof(CPUTLBEntry, addr_write),
        .addend_offset = offsetof(CPUTLBEntry, addend),
    };
}

void tlb_set_env_ptr(TCGCPU *tc)
{
    size_t off = tc->eng->ops->tlb_ptr_offset;

    if (off && tc->cpu->env) {
        memcpy((char *)tc->cpu->env + off, &(void *){ tc->tlb }, sizeof(void *));
    }
}

/* ---- code ------------------------------------------------------------ */

static int code_mmu_idx(CPUState *cpu)
{
    const TCGCPUOps *ops = tcg_cpu(cpu)->eng->ops;

    return ops->mmu_index ? ops->mmu_index(cpu, true) : 0;
}

static uint64_t page_addr_code(CPUState *cpu, vaddr pc, bool probe)
{
    int mmu_idx = code_mmu_idx(cpu);
    CPUTLBEntry *e = tlb_lookup(cpu, pc, MMU_INST_FETCH, mmu_idx, probe, 0);

    if (!e || (e->addr_code & TLB_MMIO)) {
        return -1;
    }
    return tlb_full(tcg_cpu(cpu), mmu_idx, pc)->phys;
}

uint64_t get_page_addr_code(CPUState *cpu, vaddr pc)
{
    return page_addr_code(cpu, pc, false);
}

uint64_t probe_page_addr_code(CPUState *cpu, vaddr pc)
{
    return page_addr_code(cpu, pc, true);
}

bool translator_can_fetch(CPUState *cpu, vaddr addr)
{
    return page_addr_code(cpu, addr, true) != (uint64_t)-1;
}

/* Note the physical page of code bytes read for the block in translation. */
static void translator_note_page(TCGCPU *tc, vaddr addr, int mmu_idx,
                                 unsigned n)
{
    TranslationBlock *tb = tc->translating;
    CPUTLBEntry *e = tlb_entry(tc, mmu_idx, addr);
    uint64_t page = tlb_full(tc, mmu_idx, addr)->phys;

    if (!tb) {
        return;
    }
    tc->translate_end = MAX(tc->translate_end, addr + n);
    if (tb->page_addr[0] == (uint64_t)-1 || (e->addr_code & TLB_MMIO) ||
        page == tb->page_addr[0]) {
        return;
    }
    g_assert(tb->page_addr[1] == (uint64_t)-1 || tb->page_addr[1] == page);
    tb->page_addr[1] = page;
}

uint64_t translator_ld(CPUState *cpu, vaddr addr, MemOp op)
{
    TCGCPU *tc = tcg_cpu(cpu);
    int mmu_idx = code_mmu_idx(cpu);
    unsigned size = 1u << (op & MO_SIZE);
    unsigned n1 = MIN(size, TARGET_PAGE_SIZE - (addr & ~TARGET_PAGE_MASK));
    uint8_t buf[8];
    uint64_t v;

    ld_bytes(cpu, addr, buf, size, MMU_INST_FETCH, mmu_idx, 0);
    translator_note_page(tc, addr, mmu_idx, n1);
    if (n1 < size) {
        translator_note_page(tc, addr + n1, mmu_idx, size - n1);
    }
    v = ld_le(buf, size);
    if (op & MO_BSWAP) {
        v = bswap_size(v, op & MO_SIZE);
    }
    return v;
}

void *cpu_probe_access(CPUState *cpu, vaddr addr, MMUAccessType access,
                       int mmu_idx)
{
    CPUTLBEntry *e = tlb_lookup(cpu, addr, access, mmu_idx, true, 0);

    if (!e || (tlb_tag(e, access) & TLB_FLAGS_MASK)) {
        return NULL;
    }
    return (void *)(uintptr_t)(addr + e->addend);
}

/* ---- physical memory and port I/O -------------------------------------- */

/*
 * Host memory for [addr, addr + size) when it lies in one RAM range of
 * the vCPU's FlatView (writable RAM for a store), else NULL: the page
 * walk's accesses then skip the address space's lock and reference.
 */
static void *phys_ram_ptr(TCGCPU *tc, uint64_t addr, unsigned size,
                          bool store)
{
    const FlatRange *fr = tc->fv_ram;

    if (!fr || addr < fr->addr || addr + size - 1 > fr->addr + (fr->size - 1)) {
        fr = flatview_lookup(tc->fv, addr);
        if (!fr || !memory_region_is_ram(fr->mr) ||
            addr + size - 1 > fr->addr + (fr->size - 1)) {
            return NULL;
        }
        tc->fv_ram = fr;
    }
    if (store && (fr->readonly || fr->mr->kind == MR_ROM)) {
        return NULL;
    }
    return (uint8_t *)memory_region_get_ram_ptr(fr->mr) +
           fr->offset_in_region + (addr - fr->addr);
}

uint64_t cpu_ld_phys(CPUState *cpu, uint64_t addr, MemOp op)
{
    unsigned size = 1u << (op & MO_SIZE);
    void *host = phys_ram_ptr(tcg_cpu(cpu), addr, size, false);
    uint64_t v = host ? ld_le(host, size)
                      : address_space_ld(tcg_cpu(cpu)->eng->as, addr, size,
                                         NULL);

    if (op & MO_BSWAP) {
        v = bswap_size(v, op & MO_SIZE);
    }
    if ((op & MO_SIGN) && size < 8) {
        unsigned shift = 64 - 8 * size;

        v = (uint64_t)((int64_t)(v << shift) >> shift);
    }
    return v;
}

void cpu_st_phys(CPUState *cpu, uint64_t addr, uint64_t val, MemOp op)
{
    TCGEngine *eng = tcg_cpu(cpu)->eng;
    unsigned size = 1u << (op & MO_SIZE);
    void *host;

    if (op & MO_BSWAP) {
        val = bswap_size(val, op & MO_SIZE);
    }
    if (tb_page_has_code(eng, addr) ||
        tb_page_has_code(eng, addr + size - 1)) {
        tb_invalidate_phys_range_ra(eng, cpu, addr, addr + size, 0);
    }
    host = phys_ram_ptr(tcg_cpu(cpu), addr, size, true);
    if (host) {
        st_le(host, val, size);
    } else {
        address_space_st(eng->as, addr, val, size);
    }
}

uint32_t cpu_io_read(CPUState *cpu, uint32_t port, unsigned size)
{
    TCGEngine *eng = tcg_cpu(cpu)->eng;

    if (!eng->as_io) {
        return size == 4 ? UINT32_MAX : (1u << (8 * size)) - 1;
    }
    return address_space_ld(eng->as_io, port, size, NULL);
}

void cpu_io_write(CPUState *cpu, uint32_t port, uint32_t val, unsigned size)
{
    TCGEngine *eng = tcg_cpu(cpu)->eng;

    if (eng->as_io) {
        address_space_st(eng->as_io, port, val, size);
    }
}
