/* SPDX-License-Identifier: MIT */
/*
 * Guest runtime page tables, all identity maps in .bss: 32-bit paging over
 * the first 4 MiB with 4 KiB pages (so a test can change one page's
 * flags), and 4-level long-mode tables over the first 1 GiB with 2 MiB
 * pages (SDM vol. 3, 4.3 and 4.5), which a test may alias at another
 * virtual GiB. Both are user-accessible unless a test changes a page's
 * flags.
 */
#include "guest.h"

static uint32_t pd32[1024] __attribute__((aligned(4096)));
static uint32_t pt32[1024] __attribute__((aligned(4096)));

static uint64_t pml4[512] __attribute__((aligned(4096)));
static uint64_t pdpt[512] __attribute__((aligned(4096)));
static uint64_t pd64[512] __attribute__((aligned(4096)));

uint32_t paging32_build(uint32_t flags)
{
    for (uint32_t i = 0; i < 1024; i++) {
        pt32[i] = (i << 12) | flags;
    }
    pd32[0] = (uint32_t)pt32 | PTE_P | PTE_W | PTE_U;
    return (uint32_t)pd32;
}

void paging32_set_flags(uint32_t addr, uint32_t flags)
{
    pt32[(addr >> 12) & 1023] = (addr & ~0xfffu) | flags;
    invlpg(addr);
}

uint32_t paging64_build(void)
{
    for (uint32_t i = 0; i < 512; i++) {
        pd64[i] = ((uint64_t)i << 21) | PTE_P | PTE_W | PTE_U | PTE_PS;
    }
    pdpt[0] = (uint32_t)pd64 | PTE_P | PTE_W | PTE_U;
    pml4[0] = (uint32_t)pdpt | PTE_P | PTE_W | PTE_U;
    return (uint32_t)pml4;
}

void paging64_alias(unsigned gib)
{
    pdpt[gib & 511] = (uint32_t)pd64 | PTE_P | PTE_W | PTE_U;
}

void paging64_set_nx(uint32_t addr)
{
    pd64[(addr >> 21) & 511] |= 1ull << 63;
}

void paging64_set_flags(uint32_t addr, uint32_t flags)
{
    pd64[(addr >> 21) & 511] = (addr & ~0x1fffffu) | flags | PTE_PS;
}
