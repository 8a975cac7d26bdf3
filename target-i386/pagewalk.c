/* SPDX-License-Identifier: MIT */
/*
 * The x86 page walk (SDM Vol. 3A, chapter 4): 32-bit paging with 4 MiB
 * pages and PSE-36, PAE paging, and 4-level paging with 2 MiB and 1 GiB
 * pages; reserved-bit, present, U/S, R/W (CR0.WP), NX (EFER.NXE) and SMEP
 * checks; accessed and dirty bits. A pure function over a read/write
 * callback pair (pagewalk.h); mmu.c connects it to the softmmu TLB.
 *
 * PAE PDPTEs are read on every walk instead of being cached at the MOV to
 * CR3 (SDM 4.4.1); a reserved bit in one then faults with #PF(RSVD) at
 * the access rather than #GP at the CR3 load.
 */
#include "target-i386/pagewalk.h"

#include "accel/tcg-cpu.h"
#include "target-i386/cpu.h"

/* What the entries walked so far allow, and where they are (for A/D). */
typedef struct WalkState {
    const X86PageWalk *w;
    uint64_t entry_addr[4];
    uint64_t entry[4];
    unsigned entry_size;
    int n;
    bool rw, us, xd;
    bool fault_rsvd;
} WalkState;

static uint64_t phys_mask(const X86PageWalk *w)
{
    unsigned m = w->maxphyaddr ? w->maxphyaddr : 36;

    return (m >= 64 ? ~0ull : (1ull << m) - 1);
}

/* Bits 51:MAXPHYADDR, reserved in every 64-bit entry (SDM 4.4.2, 4.5.4). */
static uint64_t rsvd_high(const X86PageWalk *w)
{
    return ((1ull << 52) - 1) & ~phys_mask(w);
}

/*
 * Read the entry at @paddr; false if it is not present or has a reserved
 * bit (@ws->fault_rsvd then). @rsvd: the reserved bits of this entry.
 */
static bool walk_entry(WalkState *ws, uint64_t paddr, uint64_t rsvd,
                       bool track, uint64_t *out)
{
    const X86PageWalk *w = ws->w;
    uint64_t e;

    paddr &= w->a20_mask;
    e = w->ld(w->opaque, paddr, ws->entry_size);
    *out = e;
    if (!(e & PTE_P)) {
        return false;
    }
    if (e & rsvd) {
        ws->fault_rsvd = true;
        return false;
    }
    if (track) {
        ws->entry_addr[ws->n] = paddr;
        ws->entry[ws->n] = e;
        ws->n++;
        ws->rw &= (e & PTE_RW) != 0;
        ws->us &= (e & PTE_US) != 0;
    }
    if (ws->entry_size == 8 && (e & PTE_XD) && (w->efer & EFER_NXE)) {
        ws->xd = true;
    }
    return true;
}

/* Reserved bits of a 64-bit entry at any level: 51:M, and XD without NXE. */
static uint64_t rsvd64(const X86PageWalk *w)
{
    return rsvd_high(w) | ((w->efer & EFER_NXE) ? 0 : PTE_XD);
}

/* 32-bit paging (SDM 4.3). */
static bool walk_32(WalkState *ws, uint32_t addr, uint64_t *phys,
                    uint64_t *size)
{
    const X86PageWalk *w = ws->w;
    uint64_t pde, pte;

    ws->entry_size = 4;
    if (w->cr4 & CR4_PSE) {
        /* PSE-36 gives bits 39:32 at most (SDM 4.3, Table 4-4). */
        unsigned m = w->maxphyaddr > 40 ? 40 : (w->maxphyaddr ?: 36);
        uint64_t pse_rsvd = (1ull << 21) | ((1ull << 21) - (1ull << (m - 19)));

        if (!walk_entry(ws, (w->cr3 & 0xfffff000) + ((addr >> 22) << 2),
                        0, true, &pde)) {
            return false;
        }
        if (pde & PTE_PS) {
            if (pde & pse_rsvd) {
                ws->fault_rsvd = true;
                return false;
            }
            *phys = (pde & 0xffc00000) | (((pde >> 13) & 0xff) << 32);
            *size = 4ull << 20;
            return true;
        }
    } else if (!walk_entry(ws, (w->cr3 & 0xfffff000) + ((addr >> 22) << 2),
                           0, true, &pde)) {
        return false;
    }
    if (!walk_entry(ws, (pde & 0xfffff000) + (((addr >> 12) & 0x3ff) << 2),
                    0, true, &pte)) {
        return false;
    }
    *phys = pte & 0xfffff000;
    *size = 4096;
    return true;
}

/*
 * The page directory and page table of PAE and 4-level paging, from the
 * PD address @pd (SDM 4.4.2, 4.5.4: PDE with PS maps 2 MiB).
 */
static bool walk_pd(WalkState *ws, uint64_t pd, uint64_t addr,
                    uint64_t *phys, uint64_t *size)
{
    const X86PageWalk *w = ws->w;
    uint64_t amask = phys_mask(w) & ~0xfffull;
    uint64_t pde, pte;

    if (!walk_entry(ws, pd + (((addr >> 21) & 0x1ff) << 3), rsvd64(w),
                    true, &pde)) {
        return false;
    }
    if (pde & PTE_PS) {
        if (pde & 0x1fe000) {           /* bits 20:13 */
            ws->fault_rsvd = true;
            return false;
        }
        *phys = pde & amask & ~((2ull << 20) - 1);
        *size = 2ull << 20;
        return true;
    }
    if (!walk_entry(ws, (pde & amask) + (((addr >> 12) & 0x1ff) << 3),
                    rsvd64(w), true, &pte)) {
        return false;
    }
    *phys = pte & amask;
    *size = 4096;
    return true;
}

/* PAE paging (SDM 4.4): PDPTEs have no A, R/W, U/S or XD bits. */
static bool walk_pae(WalkState *ws, uint32_t addr, uint64_t *phys,
                     uint64_t *size)
{
    const X86PageWalk *w = ws->w;
    uint64_t pdpte;
    uint64_t rsvd = rsvd_high(w) | 0x1e6 | PTE_XD;     /* 2:1, 8:5, 63 */

    ws->entry_size = 8;
    if (!walk_entry(ws, (w->cr3 & 0xffffffe0) + ((addr >> 30) << 3), rsvd,
                    false, &pdpte)) {
        return false;
    }
    return walk_pd(ws, pdpte & phys_mask(w) & ~0xfffull, addr, phys, size);
}

/* 4-level paging (SDM 4.5): PML4E, PDPTE (PS maps 1 GiB), PD, PT. */
static bool walk_4level(WalkState *ws, uint64_t addr, uint64_t *phys,
                        uint64_t *size)
{
    const X86PageWalk *w = ws->w;
    uint64_t amask = phys_mask(w) & ~0xfffull;
    uint64_t pml4e, pdpte;

    ws->entry_size = 8;
    if (!walk_entry(ws, (w->cr3 & amask) + (((addr >> 39) & 0x1ff) << 3),
                    rsvd64(w) | PTE_PS, true, &pml4e)) {
        return false;
    }
    if (!walk_entry(ws, (pml4e & amask) + (((addr >> 30) & 0x1ff) << 3),
                    rsvd64(w) | (w->pdpe1gb ? 0 : PTE_PS), true, &pdpte)) {
        return false;
    }
    if (pdpte & PTE_PS) {
        if (pdpte & 0x3fffe000) {       /* bits 29:13 */
            ws->fault_rsvd = true;
            return false;
        }
        *phys = pdpte & amask & ~((1ull << 30) - 1);
        *size = 1ull << 30;
        return true;
    }
    return walk_pd(ws, pdpte & amask, addr, phys, size);
}

/* The access rights the combined entries give (SDM 4.6.1). */
static int walk_prot(const X86PageWalk *w, const WalkState *ws, bool user)
{
    int prot = PAGE_READ;

    if (user) {
        if (!ws->us) {
            return 0;
        }
        prot |= ws->rw ? PAGE_WRITE : 0;
        prot |= ws->xd ? 0 : PAGE_EXEC;
        return prot;
    }
    if (ws->rw || !(w->cr0 & CR0_WP)) {
        prot |= PAGE_WRITE;
    }
    if (!ws->xd && !(ws->us && (w->cr4 & CR4_SMEP))) {
        prot |= PAGE_EXEC;
    }
    return prot;
}

/* Set A on every entry used and D on the last one for a write (SDM 4.8). */
static void walk_update_ad(const X86PageWalk *w, WalkState *ws, bool write)
{
    for (int i = 0; i < ws->n; i++) {
        uint64_t e = ws->entry[i] | PTE_A;

        if (i == ws->n - 1 && write) {
            e |= PTE_D;
        }
        if (e != ws->entry[i]) {
            w->st(w->opaque, ws->entry_addr[i], e, ws->entry_size);
            ws->entry[i] = e;
        }
    }
}

static uint32_t walk_error_code(const X86PageWalk *w, X86WalkAccess access,
                                bool user, bool protection, bool rsvd)
{
    uint32_t err = 0;
    bool pae = (w->cr4 & CR4_PAE) != 0;

    err |= protection || rsvd ? PF_ERR_P : 0;
    err |= access == X86_WALK_WRITE ? PF_ERR_W : 0;
    err |= user ? PF_ERR_U : 0;
    err |= rsvd ? PF_ERR_RSVD : 0;
    /* I/D is reported only with NX (PAE/4-level) or SMEP (SDM 4.7). */
    if (access == X86_WALK_FETCH &&
        ((pae && (w->efer & EFER_NXE)) || (w->cr4 & CR4_SMEP))) {
        err |= PF_ERR_I;
    }
    return err;
}

bool x86_page_walk(const X86PageWalk *w, uint64_t addr, X86WalkAccess access,
                   bool user, X86WalkResult *out)
{
    WalkState ws = { .w = w, .rw = true, .us = true };
    uint64_t phys = 0, size = 0;
    bool ok;
    int need, prot;

    if (w->efer & EFER_LMA) {
        ok = walk_4level(&ws, addr, &phys, &size);
    } else if (w->cr4 & CR4_PAE) {
        ok = walk_pae(&ws, (uint32_t)addr, &phys, &size);
    } else {
        ok = walk_32(&ws, (uint32_t)addr, &phys, &size);
    }
    if (!ok) {
        out->error_code = walk_error_code(w, access, user, false,
                                          ws.fault_rsvd);
        return false;
    }
    prot = walk_prot(w, &ws, user);
    need = access == X86_WALK_WRITE ? PAGE_WRITE
         : access == X86_WALK_FETCH ? PAGE_EXEC : PAGE_READ;
    if (!(prot & need)) {
        out->error_code = walk_error_code(w, access, user, true, false);
        return false;
    }
    walk_update_ad(w, &ws, access == X86_WALK_WRITE);
    if (!(ws.entry[ws.n - 1] & PTE_D)) {
        prot &= ~PAGE_WRITE;
    }
    out->prot = prot;
    out->page_size = size;
    /* SDM Vol. 3A, 4.10.2.4: with CR4.PGE, a translation whose leaf has G
     * set is not invalidated by a MOV to CR3. */
    out->global = (w->cr4 & CR4_PGE) && (ws.entry[ws.n - 1] & PTE_G);
    out->phys = ((phys | (addr & (size - 1))) & ~0xfffull) & w->a20_mask;
    out->error_code = 0;
    return true;
}
