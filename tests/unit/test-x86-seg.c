/* SPDX-License-Identifier: MIT */
/*
 * The descriptor rules of target-i386/desc.c: unpacking descriptors, and
 * the type/privilege checks of segment loads, far transfers, returns and
 * LAR/LSL/VERR/VERW with the exception each failure raises (SDM Vol. 2
 * pseudocode, Vol. 3A 5.5-5.8).
 */
#include "target-i386/desc.h"
#include "target-i386/helper.h"

#include <glib.h>

/* Build the attribute of a code/data segment. */
static uint32_t seg(unsigned type, unsigned dpl, bool present)
{
    return SEG_ATTR_S | type | (dpl << SEG_ATTR_DPL_SHIFT) |
           (present ? SEG_ATTR_P : 0);
}

static uint32_t sys(unsigned type, unsigned dpl)
{
    return type | (dpl << SEG_ATTR_DPL_SHIFT) | SEG_ATTR_P;
}

#define DATA_RW  0x3
#define DATA_RO  0x1
#define CODE_XR  0xb
#define CODE_X   0x9
#define CODE_CXR 0xf

static void test_unpack(void)
{
    SegmentCache sc;

    /* Flat 4 GiB ring-0 code: limit ffff + G, base 0. */
    desc_to_cache(&sc, 0x10, 0x0000ffff, 0x00cf9a00);
    g_assert_cmphex(sc.base, ==, 0);
    g_assert_cmphex(sc.limit, ==, 0xffffffff);
    g_assert_cmphex(sc.attr, ==, 0xc09a);
    g_assert_cmpuint(attr_dpl(sc.attr), ==, 0);
    g_assert_true(attr_is_code(sc.attr));
    /* Base 0x12345678, byte-granular limit 0x5ffff, DPL 3 data. */
    desc_to_cache(&sc, 0x2b, 0x5678ffff, 0x1245f234);
    g_assert_cmphex(sc.base, ==, 0x12345678);
    g_assert_cmphex(sc.limit, ==, 0x5ffff);
    g_assert_cmpuint(attr_dpl(sc.attr), ==, 3);
    g_assert_true(attr_is_data(sc.attr));
    /* 64-bit code: L set, D clear. */
    desc_to_cache(&sc, 0x08, 0x0000ffff, 0x00af9b00);
    g_assert_true(sc.attr & SEG_ATTR_L);
    g_assert_false(sc.attr & SEG_ATTR_DB);
}

static void test_data_load(void)
{
    g_assert_cmpint(desc_check_data_load(seg(DATA_RW, 3, true), 3, 3), ==, 0);
    g_assert_cmpint(desc_check_data_load(seg(DATA_RW, 0, true), 0, 3), ==,
                    EXCP0D_GPF);
    g_assert_cmpint(desc_check_data_load(seg(DATA_RW, 0, true), 3, 0), ==,
                    EXCP0D_GPF);
    g_assert_cmpint(desc_check_data_load(seg(DATA_RW, 3, false), 3, 3), ==,
                    EXCP0B_NOSEG);
    /* Readable code may be loaded; execute-only may not. */
    g_assert_cmpint(desc_check_data_load(seg(CODE_XR, 3, true), 3, 3), ==, 0);
    g_assert_cmpint(desc_check_data_load(seg(CODE_X, 3, true), 3, 3), ==,
                    EXCP0D_GPF);
    /* Conforming readable code skips the privilege check. */
    g_assert_cmpint(desc_check_data_load(seg(CODE_CXR, 0, true), 3, 3), ==,
                    0);
    /* A system descriptor is never a data segment. */
    g_assert_cmpint(desc_check_data_load(sys(DESC_LDT, 3), 3, 3), ==,
                    EXCP0D_GPF);
    /* The type check comes before present. */
    g_assert_cmpint(desc_check_data_load(seg(CODE_X, 3, false), 3, 3), ==,
                    EXCP0D_GPF);
}

static void test_ss_load(void)
{
    g_assert_cmpint(desc_check_ss_load(seg(DATA_RW, 0, true), 0, 0), ==, 0);
    g_assert_cmpint(desc_check_ss_load(seg(DATA_RO, 0, true), 0, 0), ==,
                    EXCP0D_GPF);
    g_assert_cmpint(desc_check_ss_load(seg(DATA_RW, 3, true), 3, 0), ==,
                    EXCP0D_GPF);
    g_assert_cmpint(desc_check_ss_load(seg(DATA_RW, 3, true), 0, 0), ==,
                    EXCP0D_GPF);
    g_assert_cmpint(desc_check_ss_load(seg(CODE_XR, 0, true), 0, 0), ==,
                    EXCP0D_GPF);
    g_assert_cmpint(desc_check_ss_load(seg(DATA_RW, 3, false), 3, 3), ==,
                    EXCP0C_STACK);
}

static void test_code_direct(void)
{
    g_assert_cmpint(desc_check_code_direct(seg(CODE_XR, 0, true), 0, 0,
                                           false), ==, 0);
    /* Non-conforming: DPL = CPL and RPL <= CPL. */
    g_assert_cmpint(desc_check_code_direct(seg(CODE_XR, 0, true), 0, 3,
                                           false), ==, EXCP0D_GPF);
    g_assert_cmpint(desc_check_code_direct(seg(CODE_XR, 0, true), 3, 0,
                                           false), ==, EXCP0D_GPF);
    /* Conforming: DPL <= CPL, RPL ignored. */
    g_assert_cmpint(desc_check_code_direct(seg(CODE_CXR, 0, true), 3, 3,
                                           false), ==, 0);
    g_assert_cmpint(desc_check_code_direct(seg(CODE_CXR, 3, true), 0, 0,
                                           false), ==, EXCP0D_GPF);
    g_assert_cmpint(desc_check_code_direct(seg(DATA_RW, 0, true), 0, 0,
                                           false), ==, EXCP0D_GPF);
    g_assert_cmpint(desc_check_code_direct(seg(CODE_XR, 0, false), 0, 0,
                                           false), ==, EXCP0B_NOSEG);
    g_assert_cmpint(desc_check_code_direct(seg(CODE_XR, 0, true) |
                                           SEG_ATTR_L | SEG_ATTR_DB, 0, 0,
                                           true), ==, EXCP0D_GPF);
}

static void test_gate_target(void)
{
    g_assert_cmpint(desc_check_gate_target(seg(CODE_XR, 0, true), 3), ==, 0);
    g_assert_cmpint(desc_check_gate_target(seg(CODE_XR, 3, true), 0), ==,
                    EXCP0D_GPF);
    g_assert_cmpint(desc_check_gate_target(seg(DATA_RW, 0, true), 3), ==,
                    EXCP0D_GPF);
    g_assert_cmpint(desc_check_gate_target(seg(CODE_XR, 0, false), 3), ==,
                    EXCP0B_NOSEG);
}

static void test_returns(void)
{
    /* RET to an outer level: RPL 3 code from CPL 0. */
    g_assert_cmpint(desc_check_code_return(seg(CODE_XR, 3, true), 3, 0), ==,
                    0);
    /* RET to an inner level is refused. */
    g_assert_cmpint(desc_check_code_return(seg(CODE_XR, 0, true), 0, 3), ==,
                    EXCP0D_GPF);
    /* Non-conforming: DPL = RPL; conforming: DPL <= RPL. */
    g_assert_cmpint(desc_check_code_return(seg(CODE_XR, 0, true), 3, 0), ==,
                    EXCP0D_GPF);
    g_assert_cmpint(desc_check_code_return(seg(CODE_CXR, 0, true), 3, 0), ==,
                    0);
    g_assert_cmpint(desc_check_code_return(seg(CODE_XR, 3, false), 3, 3), ==,
                    EXCP0B_NOSEG);
    g_assert_cmpint(desc_check_ss_return(seg(DATA_RW, 3, true), 3, 3), ==, 0);
    g_assert_cmpint(desc_check_ss_return(seg(DATA_RW, 0, true), 3, 3), ==,
                    EXCP0D_GPF);
    g_assert_cmpint(desc_check_ss_return(seg(DATA_RW, 3, false), 3, 3), ==,
                    EXCP0C_STACK);
    /* The TSS stack of an inner level faults with #TS. */
    g_assert_cmpint(desc_check_ss_inner(seg(DATA_RW, 0, true), 0, 0), ==, 0);
    g_assert_cmpint(desc_check_ss_inner(seg(DATA_RW, 0, true), 1, 0), ==,
                    EXCP0A_TSS);
    g_assert_cmpint(desc_check_ss_inner(seg(DATA_RO, 0, true), 0, 0), ==,
                    EXCP0A_TSS);
    g_assert_cmpint(desc_check_ss_inner(seg(DATA_RW, 0, false), 0, 0), ==,
                    EXCP0C_STACK);
    /* Data segments after a return to CPL 3. */
    g_assert_false(desc_data_valid_for_cpl(seg(DATA_RW, 0, true), 3));
    g_assert_true(desc_data_valid_for_cpl(seg(DATA_RW, 3, true), 3));
    g_assert_true(desc_data_valid_for_cpl(seg(CODE_CXR, 0, true), 3));
    g_assert_false(desc_data_valid_for_cpl(seg(CODE_XR, 0, true), 3));
    g_assert_true(desc_data_valid_for_cpl(SEG_ATTR_UNUSABLE, 3));
}

static void test_lar_lsl_verr(void)
{
    g_assert_true(desc_lar_type_ok(seg(DATA_RW, 0, true), true));
    g_assert_true(desc_lar_type_ok(sys(DESC_CALL16, 0), false));
    g_assert_false(desc_lar_type_ok(sys(DESC_CALL16, 0), true));
    g_assert_false(desc_lar_type_ok(sys(DESC_INT32, 0), false));
    g_assert_true(desc_lsl_type_ok(sys(DESC_TSS32_BUSY, 0), true));
    g_assert_false(desc_lsl_type_ok(sys(DESC_CALL32, 0), false));
    g_assert_false(desc_lsl_type_ok(sys(DESC_TSS16_AVAIL, 0), true));
    g_assert_true(desc_verr_ok(seg(CODE_XR, 3, true), 3, 3));
    g_assert_false(desc_verr_ok(seg(CODE_X, 3, true), 3, 3));
    g_assert_false(desc_verr_ok(seg(DATA_RW, 0, true), 0, 3));
    g_assert_true(desc_verr_ok(seg(CODE_CXR, 0, true), 3, 3));
    g_assert_true(desc_verw_ok(seg(DATA_RW, 3, true), 3, 3));
    g_assert_false(desc_verw_ok(seg(DATA_RO, 3, true), 3, 3));
    g_assert_false(desc_verw_ok(seg(CODE_XR, 3, true), 3, 3));
    g_assert_false(desc_verw_ok(seg(DATA_RW, 2, true), 3, 2));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/x86-seg/unpack", test_unpack);
    g_test_add_func("/x86-seg/data-load", test_data_load);
    g_test_add_func("/x86-seg/ss-load", test_ss_load);
    g_test_add_func("/x86-seg/code-direct", test_code_direct);
    g_test_add_func("/x86-seg/gate-target", test_gate_target);
    g_test_add_func("/x86-seg/returns", test_returns);
    g_test_add_func("/x86-seg/lar-lsl-verr", test_lar_lsl_verr);
    return g_test_run();
}
