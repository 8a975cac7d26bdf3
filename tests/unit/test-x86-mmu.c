/* SPDX-License-Identifier: MIT */
/*
 * The x86 page walk (target-i386/pagewalk.c) over a fake physical memory:
 * 32-bit paging with 4 KiB and 4 MiB (PSE-36) pages, PAE, 4-level paging
 * with 2 MiB and 1 GiB pages, the exact #PF error codes of not-present,
 * U/S, R/W with CR0.WP, NX, SMEP and reserved-bit faults, and the
 * accessed/dirty write-back.
 */
#include "target-i386/pagewalk.h"

#include "accel/tcg-cpu.h"
#include "target-i386/cpu.h"

#include <glib.h>
#include <string.h>

#define MEM_SIZE (4u << 20)

typedef struct FakeMem {
    uint8_t *ram;
    unsigned writes;
} FakeMem;

static uint64_t fake_ld(void *opaque, uint64_t paddr, unsigned size)
{
    FakeMem *m = opaque;
    uint64_t v = 0;

    g_assert_cmpuint(paddr + size, <=, MEM_SIZE);
    memcpy(&v, m->ram + paddr, size);
    return v;
}

static void fake_st(void *opaque, uint64_t paddr, uint64_t val, unsigned size)
{
    FakeMem *m = opaque;

    g_assert_cmpuint(paddr + size, <=, MEM_SIZE);
    memcpy(m->ram + paddr, &val, size);
    m->writes++;
}

static FakeMem mem;

static X86PageWalk walk_new(uint64_t cr0, uint64_t cr3, uint64_t cr4,
                            uint64_t efer)
{
    memset(mem.ram, 0, MEM_SIZE);
    mem.writes = 0;
    return (X86PageWalk){
        .cr0 = cr0 | CR0_PG | CR0_PE, .cr3 = cr3, .cr4 = cr4, .efer = efer,
        .a20_mask = ~0ull, .maxphyaddr = 36, .pdpe1gb = true,
        .ld = fake_ld, .st = fake_st, .opaque = &mem,
    };
}

static void put32(uint64_t paddr, uint32_t v)
{
    memcpy(mem.ram + paddr, &v, 4);
}

static void put64(uint64_t paddr, uint64_t v)
{
    memcpy(mem.ram + paddr, &v, 8);
}

static uint32_t get32(uint64_t paddr)
{
    uint32_t v;

    memcpy(&v, mem.ram + paddr, 4);
    return v;
}

static uint64_t get64(uint64_t paddr)
{
    uint64_t v;

    memcpy(&v, mem.ram + paddr, 8);
    return v;
}

/* Expect a fault with @err for @addr. */
static void expect_fault(const X86PageWalk *w, uint64_t addr,
                         X86WalkAccess acc, bool user, uint32_t err)
{
    X86WalkResult r;

    g_assert_false(x86_page_walk(w, addr, acc, user, &r));
    g_assert_cmphex(r.error_code, ==, err);
}

static X86WalkResult expect_ok(const X86PageWalk *w, uint64_t addr,
                               X86WalkAccess acc, bool user, uint64_t phys)
{
    X86WalkResult r;

    g_assert_true(x86_page_walk(w, addr, acc, user, &r));
    g_assert_cmphex(r.phys, ==, phys);
    return r;
}

#define URW (PTE_P | PTE_RW | PTE_US)

static void test_32bit_4k(void)
{
    X86PageWalk w = walk_new(0, 0x1000, 0, 0);
    X86WalkResult r;

    put32(0x1000 + 1 * 4, 0x2000 | URW);
    put32(0x2000 + 2 * 4, 0x123000 | URW);
    r = expect_ok(&w, 0x402abc, X86_WALK_READ, true, 0x123000);
    g_assert_cmpuint(r.page_size, ==, 4096);
    /* A on both levels, no D yet, so no write permission cached. */
    g_assert_cmphex(get32(0x1004), ==, 0x2000 | URW | PTE_A);
    g_assert_cmphex(get32(0x2008), ==, 0x123000 | URW | PTE_A);
    g_assert_cmpint(r.prot, ==, PAGE_READ | PAGE_EXEC);
    r = expect_ok(&w, 0x402abc, X86_WALK_WRITE, true, 0x123000);
    g_assert_cmphex(get32(0x2008), ==, 0x123000 | URW | PTE_A | PTE_D);
    g_assert_cmphex(get32(0x1004), ==, 0x2000 | URW | PTE_A);
    g_assert_cmpint(r.prot, ==, PAGE_READ | PAGE_WRITE | PAGE_EXEC);
    /* Not present at the PDE and at the PTE. */
    expect_fault(&w, 0x800000, X86_WALK_READ, false, 0);
    expect_fault(&w, 0x403000, X86_WALK_WRITE, true, PF_ERR_W | PF_ERR_U);
    /* No I/D bit without NX paging or SMEP. */
    expect_fault(&w, 0x403000, X86_WALK_FETCH, false, 0);
}

static void test_32bit_us_wp(void)
{
    X86PageWalk w = walk_new(0, 0x1000, 0, 0);
    unsigned writes;

    put32(0x1000, 0x2000 | URW);
    put32(0x2000 + 1 * 4, 0x5000 | PTE_P | PTE_RW);        /* supervisor */
    put32(0x2000 + 2 * 4, 0x6000 | PTE_P | PTE_US);        /* user, RO */
    writes = mem.writes;
    expect_fault(&w, 0x1000, X86_WALK_READ, true, PF_ERR_P | PF_ERR_U);
    expect_fault(&w, 0x2000, X86_WALK_WRITE, true,
                 PF_ERR_P | PF_ERR_W | PF_ERR_U);
    g_assert_cmpuint(mem.writes, ==, writes);   /* no A/D on a fault */
    /* Supervisor: WP=0 writes anything, WP=1 honours R/W. */
    expect_ok(&w, 0x2000, X86_WALK_WRITE, false, 0x6000);
    expect_ok(&w, 0x2000, X86_WALK_READ, false, 0x6000);
    w.cr0 |= CR0_WP;
    expect_fault(&w, 0x2000, X86_WALK_WRITE, false, PF_ERR_P | PF_ERR_W);
    /* An R/O PDE makes the whole 4 MiB read-only. */
    put32(0x1000, 0x2000 | PTE_P | PTE_US);
    put32(0x2000 + 3 * 4, 0x7000 | URW);
    expect_fault(&w, 0x3000, X86_WALK_WRITE, true,
                 PF_ERR_P | PF_ERR_W | PF_ERR_U);
    /* SMEP: supervisor fetch from a user page. */
    w.cr4 |= CR4_SMEP;
    expect_fault(&w, 0x3000, X86_WALK_FETCH, false, PF_ERR_P | PF_ERR_I);
    expect_ok(&w, 0x1000, X86_WALK_FETCH, false, 0x5000);
}

static void test_32bit_pse(void)
{
    X86PageWalk w = walk_new(0, 0x1000, CR4_PSE, 0);
    X86WalkResult r;

    /* 4 MiB at 0x3_00c00000 (PSE-36 bits 39:32 from PDE bits 20:13). */
    put32(0x1000 + 2 * 4, 0x00c00000 | (3u << 13) | URW | PTE_PS);
    r = expect_ok(&w, 0x00923456, X86_WALK_WRITE, false, 0x300d23000ull);
    g_assert_cmpuint(r.page_size, ==, 4u << 20);
    g_assert_cmphex(get32(0x1008) & (PTE_A | PTE_D), ==, PTE_A | PTE_D);
    /* Bit 21 is reserved; with MAXPHYADDR 36, bits 20:17 too. */
    put32(0x1000 + 3 * 4, 0x00c00000 | (1u << 21) | URW | PTE_PS);
    expect_fault(&w, 0x00c00000, X86_WALK_READ, false,
                 PF_ERR_P | PF_ERR_RSVD);
    put32(0x1000 + 3 * 4, 0x00c00000 | (1u << 17) | URW | PTE_PS);
    expect_fault(&w, 0x00c00000, X86_WALK_WRITE, true,
                 PF_ERR_P | PF_ERR_W | PF_ERR_U | PF_ERR_RSVD);
    w.maxphyaddr = 40;
    expect_ok(&w, 0x00c00000, X86_WALK_READ, false, 0x1000c00000ull);
    /* Without CR4.PSE the PS bit is ignored: the PDE points at a table. */
    w.cr4 = 0;
    put32(0x1000 + 2 * 4, 0x3000 | URW | PTE_PS);
    put32(0x3000 + 0x123 * 4, 0x9000 | URW);
    expect_ok(&w, 0x00923456, X86_WALK_READ, false, 0x9000);
}

static void test_pae(void)
{
    X86PageWalk w = walk_new(0, 0x1020, CR4_PAE, EFER_NXE);
    X86WalkResult r;

    put64(0x1020 + 1 * 8, 0x4000 | PTE_P);                 /* 1-2 GiB */
    put64(0x4000 + 3 * 8, 0x5000 | URW);                   /* PD[3] */
    put64(0x5000 + 4 * 8, 0x8000 | URW | PTE_XD);          /* PT[4] */
    put64(0x4000 + 5 * 8, 0x00a00000 | URW | PTE_PS);      /* 2 MiB */
    r = expect_ok(&w, 0x40604123, X86_WALK_READ, true, 0x8000);
    g_assert_cmpint(r.prot, ==, PAGE_READ);
    g_assert_cmphex(get64(0x1028), ==, 0x4000 | PTE_P);     /* no A */
    g_assert_cmphex(get64(0x4018), ==, 0x5000 | URW | PTE_A);
    expect_fault(&w, 0x40604123, X86_WALK_FETCH, true,
                 PF_ERR_P | PF_ERR_U | PF_ERR_I);
    r = expect_ok(&w, 0x40b45678, X86_WALK_FETCH, false, 0x00b45000);
    g_assert_cmpuint(r.page_size, ==, 2u << 20);
    /* XD without NXE is a reserved bit. */
    w.efer = 0;
    expect_fault(&w, 0x40604123, X86_WALK_READ, true,
                 PF_ERR_P | PF_ERR_U | PF_ERR_RSVD);
    /* Reserved bits of a PDPTE (R/W) and of a 2 MiB PDE (bit 13). */
    put64(0x1020 + 2 * 8, 0x4000 | PTE_P | PTE_RW);
    expect_fault(&w, 0x80000000, X86_WALK_READ, false,
                 PF_ERR_P | PF_ERR_RSVD);
    put64(0x4000 + 6 * 8, 0x00c00000 | (1u << 13) | URW | PTE_PS);
    expect_fault(&w, 0x40c00000, X86_WALK_READ, false,
                 PF_ERR_P | PF_ERR_RSVD);
    /* Above MAXPHYADDR. */
    put64(0x4000 + 7 * 8, (1ull << 40) | 0x6000 | URW);
    expect_fault(&w, 0x40e00000, X86_WALK_READ, false,
                 PF_ERR_P | PF_ERR_RSVD);
    /* Not present PDPTE. */
    expect_fault(&w, 0xc0000000, X86_WALK_WRITE, false, PF_ERR_W);
}

static void test_4level(void)
{
    X86PageWalk w = walk_new(CR0_WP, 0x1000, CR4_PAE,
                             EFER_LME | EFER_LMA | EFER_NXE);
    uint64_t va = 0xffff800040201000ull;    /* PML4 256, PDPT 1, PD 1, PT 1 */
    X86WalkResult r;

    put64(0x1000 + 256 * 8, 0x2000 | URW);
    put64(0x2000 + 1 * 8, 0x3000 | URW);
    put64(0x3000 + 1 * 8, 0x4000 | URW);
    put64(0x4000 + 1 * 8, 0xabc000 | PTE_P | PTE_US);
    r = expect_ok(&w, va + 0x123, X86_WALK_READ, true, 0xabc000);
    g_assert_cmpint(r.prot, ==, PAGE_READ | PAGE_EXEC);
    for (uint64_t t = 0x1000; t <= 0x3000; t += 0x1000) {
        g_assert_true(get64(t + (t == 0x1000 ? 256 * 8 : 8)) & PTE_A);
    }
    expect_fault(&w, va, X86_WALK_WRITE, false, PF_ERR_P | PF_ERR_W);
    /* 2 MiB and 1 GiB pages. */
    put64(0x3000 + 2 * 8, 0x00e00000 | URW | PTE_PS);
    r = expect_ok(&w, 0xffff800040412345ull, X86_WALK_WRITE, false, 0xe12000);
    g_assert_cmpuint(r.page_size, ==, 2u << 20);
    g_assert_true(get64(0x3010) & PTE_D);
    put64(0x2000 + 2 * 8, 0x40000000 | URW | PTE_PS);
    r = expect_ok(&w, 0xffff800087654321ull, X86_WALK_READ, true, 0x47654000);
    g_assert_cmpuint(r.page_size, ==, 1u << 30);
    /* 1 GiB page with bit 13 set; 1 GiB pages not supported; PS in PML4E. */
    put64(0x2000 + 3 * 8, 0x40000000 | (1u << 13) | URW | PTE_PS);
    expect_fault(&w, 0xffff8000c0000000ull, X86_WALK_READ, false,
                 PF_ERR_P | PF_ERR_RSVD);
    w.pdpe1gb = false;
    expect_fault(&w, 0xffff800087654321ull, X86_WALK_FETCH, true,
                 PF_ERR_P | PF_ERR_U | PF_ERR_RSVD | PF_ERR_I);
    put64(0x1000 + 1 * 8, 0x2000 | URW | PTE_PS);
    expect_fault(&w, 0x8000000000ull, X86_WALK_READ, false,
                 PF_ERR_P | PF_ERR_RSVD);
    /* NX at the top level covers everything below. */
    w.pdpe1gb = true;
    put64(0x1000 + 256 * 8, 0x2000 | URW | PTE_XD);
    expect_fault(&w, va, X86_WALK_FETCH, false, PF_ERR_P | PF_ERR_I);
    expect_ok(&w, va, X86_WALK_READ, false, 0xabc000);
    /* A user page with a supervisor PDPTE. */
    put64(0x1000 + 256 * 8, 0x2000 | URW);
    put64(0x2000 + 1 * 8, 0x3000 | PTE_P | PTE_RW);
    expect_fault(&w, va, X86_WALK_READ, true, PF_ERR_P | PF_ERR_U);
}

/* G in the leaf counts only with CR4.PGE; G in a non-leaf is ignored. */
static void test_global(void)
{
    X86PageWalk w = walk_new(CR0_WP, 0x1000, CR4_PAE,
                             EFER_LME | EFER_LMA | EFER_NXE);
    uint64_t va = 0xffff800040201000ull;
    X86WalkResult r;

    put64(0x1000 + 256 * 8, 0x2000 | URW | PTE_G);
    put64(0x2000 + 1 * 8, 0x3000 | URW);
    put64(0x3000 + 1 * 8, 0x4000 | URW);
    put64(0x4000 + 1 * 8, 0xabc000 | PTE_P | PTE_G);
    put64(0x4000 + 2 * 8, 0xabd000 | PTE_P);
    put64(0x3000 + 2 * 8, 0x00e00000 | URW | PTE_PS | PTE_G);
    r = expect_ok(&w, va, X86_WALK_READ, false, 0xabc000);
    g_assert_false(r.global);
    w.cr4 |= CR4_PGE;
    r = expect_ok(&w, va, X86_WALK_READ, false, 0xabc000);
    g_assert_true(r.global);
    r = expect_ok(&w, va + 0x1000, X86_WALK_READ, false, 0xabd000);
    g_assert_false(r.global);
    r = expect_ok(&w, 0xffff800040400000ull, X86_WALK_READ, false, 0xe00000);
    g_assert_true(r.global);
}

static void test_a20(void)
{
    X86PageWalk w = walk_new(0, 0x1000, 0, 0);

    w.a20_mask = ~(1ull << 20);
    put32(0x1000, 0x2000 | URW);
    put32(0x2000 + 5 * 4, 0x105000 | URW);
    expect_ok(&w, 0x5000, X86_WALK_READ, false, 0x5000);
    /* Tables above 1 MiB are read through the mask as well. */
    w.cr3 = 0x101000;
    expect_ok(&w, 0x5000, X86_WALK_READ, false, 0x5000);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    mem.ram = g_malloc0(MEM_SIZE);
    g_test_add_func("/x86-mmu/32bit/4k", test_32bit_4k);
    g_test_add_func("/x86-mmu/32bit/us-wp-smep", test_32bit_us_wp);
    g_test_add_func("/x86-mmu/32bit/pse", test_32bit_pse);
    g_test_add_func("/x86-mmu/pae", test_pae);
    g_test_add_func("/x86-mmu/4level", test_4level);
    g_test_add_func("/x86-mmu/global", test_global);
    g_test_add_func("/x86-mmu/a20", test_a20);
    return g_test_run();
}
