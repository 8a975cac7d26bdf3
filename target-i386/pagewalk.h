/* SPDX-License-Identifier: MIT */
/*
 * The x86 page walk as a pure function: paging registers in, physical page,
 * protection and page size (or the #PF error code) out. Page-table entries
 * are read and written through a callback pair, so the walk runs the same
 * over guest RAM (mmu.c, through cpu_ld_phys/cpu_st_phys) and over a fake
 * memory in tests/unit/test-x86-mmu.c. Private to target-i386/.
 */
#ifndef TARGET_I386_PAGEWALK_H
#define TARGET_I386_PAGEWALK_H

#include <stdbool.h>
#include <stdint.h>

/* #PF error code bits (SDM Vol. 3A, 4.7, Figure 4-12). */
#define PF_ERR_P     (1u << 0)
#define PF_ERR_W     (1u << 1)
#define PF_ERR_U     (1u << 2)
#define PF_ERR_RSVD  (1u << 3)
#define PF_ERR_I     (1u << 4)

/* Paging-structure entry bits (SDM Vol. 3A, 4.3-4.5). */
#define PTE_P    (1ull << 0)
#define PTE_RW   (1ull << 1)
#define PTE_US   (1ull << 2)
#define PTE_A    (1ull << 5)
#define PTE_D    (1ull << 6)
#define PTE_PS   (1ull << 7)
#define PTE_G    (1ull << 8)
#define PTE_XD   (1ull << 63)

typedef enum X86WalkAccess {
    X86_WALK_READ,
    X86_WALK_WRITE,
    X86_WALK_FETCH,
} X86WalkAccess;

typedef struct X86PageWalk {
    /* Paging state. */
    uint64_t cr0, cr3, cr4, efer;
    uint64_t a20_mask;          /* applied to every physical address */
    unsigned maxphyaddr;        /* CPUID.80000008H:EAX[7:0], e.g. 36..52 */
    bool pdpe1gb;               /* 1 GiB pages in 4-level paging */
    /* Accessing entries: @size is 4 or 8 bytes, little-endian. */
    uint64_t (*ld)(void *opaque, uint64_t paddr, unsigned size);
    void (*st)(void *opaque, uint64_t paddr, uint64_t val, unsigned size);
    void *opaque;
} X86PageWalk;

typedef struct X86WalkResult {
    uint64_t phys;              /* of the 4 KiB page holding the address */
    int prot;                   /* PAGE_READ | PAGE_WRITE | PAGE_EXEC */
    uint64_t page_size;         /* 4 KiB, 2/4 MiB or 1 GiB */
    bool global;                /* G in the leaf with CR4.PGE: survives CR3 */
    uint32_t error_code;        /* on a fault: the #PF error code */
} X86WalkResult;

/*
 * Translate linear @addr for @access made at user privilege (@user: CPL 3
 * and not an implicit supervisor access) or supervisor privilege. Paging
 * must be on (CR0.PG). True and @out filled on success; false with
 * @out->error_code on a page fault. Accessed and dirty bits are written
 * back only on success. PAGE_WRITE is granted only once the dirty bit is
 * set, so the first write to a clean page walks again and sets it.
 */
bool x86_page_walk(const X86PageWalk *w, uint64_t addr, X86WalkAccess access,
                   bool user, X86WalkResult *out);

#endif
