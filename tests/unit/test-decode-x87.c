/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the x87 rows (target-i386/decode-x87.c): every memory
 * form of D8-DF by ModRM.reg with its operand size, every register form
 * by reg (and rm where the SDM's table does), the reserved aliases that
 * real CPUs execute, the #UD slots, FNSTENV/FNSAVE sizes under 66 and in
 * 16-bit mode, FISTTP's SSE3 gating, and LOCK on x87 (#UD).
 */
#include "target-i386/decode.h"

#include <glib.h>
#include <string.h>

typedef struct Case {
    const char *hex;
    const char *text;       /* Intel syntax, or "#UD" */
} Case;

static size_t parse_hex(const char *hex, uint8_t *buf, size_t size)
{
    size_t n = 0;

    for (; *hex; hex++) {
        if (*hex == ' ') {
            continue;
        }
        g_assert_cmpuint(n, <, size);
        buf[n++] = g_ascii_xdigit_value(hex[0]) << 4 |
                   g_ascii_xdigit_value(hex[1]);
        hex++;
    }
    return n;
}

static void check_features(X86Mode mode, const Case *c, size_t count,
                           uint64_t features)
{
    for (size_t i = 0; i < count; i++) {
        uint8_t buf[16];
        size_t n = parse_hex(c[i].hex, buf, sizeof(buf));
        X86Insn insn;
        X86Status st = x86_decode(&insn, buf, n, mode, features);
        char text[160];
        g_autofree char *got = NULL, *want = NULL;

        if (st == X86_DECODE_OK) {
            x86_insn_format(&insn, 0, text, sizeof(text));
        } else {
            g_strlcpy(text, x86_status_name(st), sizeof(text));
        }
        got = g_strdup_printf("%s => %s (%u)", c[i].hex, text, insn.length);
        want = g_strdup_printf("%s => %s (%zu)", c[i].hex, c[i].text, n);
        g_assert_cmpstr(got, ==, want);
    }
}

#define CHECK(mode, cases) \
    check_features(mode, cases, G_N_ELEMENTS(cases), X86_FEATURES_ALL)

/* D8, DA, DC, DE: the eight arithmetic operations on memory. */
static void test_mem_arith(void)
{
    static const char *const ops[8] = {
        "add", "mul", "com", "comp", "sub", "subr", "div", "divr",
    };
    static const struct { uint8_t esc; const char *pfx, *ptr; } esc[] = {
        { 0xd8, "f", "dword" }, { 0xda, "fi", "dword" },
        { 0xdc, "f", "qword" }, { 0xde, "fi", "word" },
    };

    for (unsigned e = 0; e < G_N_ELEMENTS(esc); e++) {
        for (unsigned r = 0; r < 8; r++) {
            g_autofree char *hex = g_strdup_printf("%02x %02x", esc[e].esc,
                                                   r << 3 | 0x44);
            g_autofree char *hex2 = g_strdup_printf("%s 24 08", hex);
            g_autofree char *text = g_strdup_printf(
                "%s%s %s ptr [rsp + 8]", esc[e].pfx, ops[r], esc[e].ptr);
            Case c = { hex2, text };

            check_features(X86_MODE_64, &c, 1, X86_FEATURES_ALL);
        }
    }
}

/* D9, DB, DD, DF: loads, stores and the environment. */
static void test_mem_other(void)
{
    static const Case c64[] = {
        { "d9 00", "fld dword ptr [rax]" },
        { "d9 08", "#UD" },
        { "d9 10", "fst dword ptr [rax]" },
        { "d9 18", "fstp dword ptr [rax]" },
        { "d9 20", "fldenv [rax]" },
        { "d9 28", "fldcw word ptr [rax]" },
        { "d9 30", "fnstenv [rax]" },
        { "d9 38", "fnstcw word ptr [rax]" },
        { "db 00", "fild dword ptr [rax]" },
        { "db 08", "fisttp dword ptr [rax]" },
        { "db 10", "fist dword ptr [rax]" },
        { "db 18", "fistp dword ptr [rax]" },
        { "db 20", "#UD" },
        { "db 28", "fld tbyte ptr [rax]" },
        { "db 30", "#UD" },
        { "db 38", "fstp tbyte ptr [rax]" },
        { "dd 00", "fld qword ptr [rax]" },
        { "dd 08", "fisttp qword ptr [rax]" },
        { "dd 10", "fst qword ptr [rax]" },
        { "dd 18", "fstp qword ptr [rax]" },
        { "dd 20", "frstor [rax]" },
        { "dd 28", "#UD" },
        { "dd 30", "fnsave [rax]" },
        { "dd 38", "fnstsw word ptr [rax]" },
        { "df 00", "fild word ptr [rax]" },
        { "df 08", "fisttp word ptr [rax]" },
        { "df 10", "fist word ptr [rax]" },
        { "df 18", "fistp word ptr [rax]" },
        { "df 20", "fbld tbyte ptr [rax]" },
        { "df 28", "fild qword ptr [rax]" },
        { "df 30", "fbstp tbyte ptr [rax]" },
        { "df 38", "fistp qword ptr [rax]" },
        { "dd 05 10 00 00 00", "fld qword ptr [rip + 0x10]" },
        { "64 d9 2c 25 00 01 00 00", "fldcw word ptr fs:[0x100]" },
        { "48 db 6c 8e f8", "fld tbyte ptr [rsi + rcx*4 - 8]" },
        { "f0 d8 00", "#UD" },      /* LOCK */
        { "f0 d9 c0", "#UD" },
        { "9b", "wait" },
    };

    CHECK(X86_MODE_64, c64);
}

/* The environment and state sizes follow the operand size. */
static void test_env_sizes(void)
{
    static const struct { X86Mode mode; const char *hex; unsigned size; } c[] = {
        { X86_MODE_64, "d9 30", 28 }, { X86_MODE_64, "66 d9 30", 14 },
        { X86_MODE_64, "48 d9 30", 28 }, { X86_MODE_32, "d9 30", 28 },
        { X86_MODE_32, "66 dd 30", 94 }, { X86_MODE_16, "d9 30", 14 },
        { X86_MODE_16, "dd 20", 94 }, { X86_MODE_16, "66 dd 20", 108 },
        { X86_MODE_64, "dd 20", 108 },
    };

    for (unsigned i = 0; i < G_N_ELEMENTS(c); i++) {
        uint8_t buf[8];
        size_t n = parse_hex(c[i].hex, buf, sizeof(buf));
        X86Insn insn;

        g_assert_cmpint(x86_decode(&insn, buf, n, c[i].mode,
                                   X86_FEATURES_ALL), ==, X86_DECODE_OK);
        g_assert_cmpuint(insn.op[0].kind, ==, X86_OPK_MEM);
        g_assert_cmpuint(insn.op[0].size, ==, c[i].size);
    }
}

/* Register forms by reg, with ST(i) from rm. */
static void test_reg_regular(void)
{
    static const Case c64[] = {
        { "d8 c1", "fadd st(0), st(1)" }, { "d8 ca", "fmul st(0), st(2)" },
        { "d8 d3", "fcom st(3)" }, { "d8 dc", "fcomp st(4)" },
        { "d8 e5", "fsub st(0), st(5)" }, { "d8 ee", "fsubr st(0), st(6)" },
        { "d8 f7", "fdiv st(0), st(7)" }, { "d8 f8", "fdivr st(0), st(0)" },
        { "d9 c3", "fld st(3)" }, { "d9 c9", "fxch st(1)" },
        { "d9 da", "fstp st(2)" },          /* reserved alias */
        { "da c1", "fcmovb st(0), st(1)" }, { "da c9", "fcmove st(0), st(1)" },
        { "da d1", "fcmovbe st(0), st(1)" }, { "da d9", "fcmovu st(0), st(1)" },
        { "db c1", "fcmovnb st(0), st(1)" }, { "db c9", "fcmovne st(0), st(1)" },
        { "db d1", "fcmovnbe st(0), st(1)" },
        { "db d9", "fcmovnu st(0), st(1)" },
        { "db ea", "fucomi st(0), st(2)" }, { "db f2", "fcomi st(0), st(2)" },
        { "db f8", "#UD" },
        { "dc c1", "fadd st(1), st(0)" }, { "dc c9", "fmul st(1), st(0)" },
        { "dc d1", "fcom st(1)" }, { "dc d9", "fcomp st(1)" },
        { "dc e1", "fsubr st(1), st(0)" }, { "dc e9", "fsub st(1), st(0)" },
        { "dc f1", "fdivr st(1), st(0)" }, { "dc f9", "fdiv st(1), st(0)" },
        { "dd c3", "ffree st(3)" }, { "dd cb", "fxch st(3)" },
        { "dd d3", "fst st(3)" }, { "dd db", "fstp st(3)" },
        { "dd e3", "fucom st(3)" }, { "dd eb", "fucomp st(3)" },
        { "dd f0", "#UD" }, { "dd f8", "#UD" },
        { "de c1", "faddp st(1), st(0)" }, { "de c9", "fmulp st(1), st(0)" },
        { "de d1", "fcomp st(1)" },
        { "de e1", "fsubrp st(1), st(0)" }, { "de e9", "fsubp st(1), st(0)" },
        { "de f1", "fdivrp st(1), st(0)" }, { "de f9", "fdivp st(1), st(0)" },
        { "df c1", "ffreep st(1)" }, { "df c9", "fxch st(1)" },
        { "df d1", "fstp st(1)" }, { "df d9", "fstp st(1)" },
        { "df e9", "fucomip st(0), st(1)" }, { "df f1", "fcomip st(0), st(1)" },
        { "df f8", "#UD" },
        { "41 d8 c1", "fadd st(0), st(1)" },    /* REX.B does not extend */
    };

    CHECK(X86_MODE_64, c64);
}

/* The slots where every rm is its own instruction. */
static void test_reg_irregular(void)
{
    static const char *const d9e0[32] = {
        "fchs", "fabs", "#UD", "#UD", "ftst", "fxam", "#UD", "#UD",
        "fld1", "fldl2t", "fldl2e", "fldpi", "fldlg2", "fldln2", "fldz", "#UD",
        "f2xm1", "fyl2x", "fptan", "fpatan", "fxtract", "fprem1", "fdecstp",
        "fincstp", "fprem", "fyl2xp1", "fsqrt", "fsincos", "frndint",
        "fscale", "fsin", "fcos",
    };
    static const Case c64[] = {
        { "d9 d0", "fnop" }, { "d9 d1", "#UD" }, { "d9 d7", "#UD" },
        { "da e9", "fucompp" }, { "da e8", "#UD" }, { "da e1", "#UD" },
        { "db e0", "fneni" }, { "db e1", "fndisi" }, { "db e2", "fnclex" },
        { "db e3", "fninit" }, { "db e4", "fnsetpm" }, { "db e5", "#UD" },
        { "db e7", "#UD" },
        { "de d9", "fcompp" }, { "de d8", "#UD" },
        { "df e0", "fnstsw ax" }, { "df e1", "#UD" }, { "df e7", "#UD" },
        { "66 df e0", "fnstsw ax" },
    };

    for (unsigned i = 0; i < 32; i++) {
        g_autofree char *hex = g_strdup_printf("d9 %02x", 0xe0 + i);
        Case c = { hex, d9e0[i] };

        check_features(X86_MODE_64, &c, 1, X86_FEATURES_ALL);
    }
    CHECK(X86_MODE_64, c64);
}

/* 16- and 32-bit addressing reach the same rows. */
static void test_modes(void)
{
    static const Case c32[] = {
        { "d9 05 00 10 00 00", "fld dword ptr [0x1000]" },
        { "dd 1c 24", "fstp qword ptr [esp]" },
        { "df 7d f8", "fistp qword ptr [ebp - 8]" },
    };
    static const Case c16[] = {
        { "d9 2e 34 12", "fldcw word ptr [0x1234]" },
        { "dd 3f", "fnstsw word ptr [bx]" },
        { "db 2a", "fld tbyte ptr [bp + si]" },
        { "de c1", "faddp st(1), st(0)" },
    };

    CHECK(X86_MODE_32, c32);
    CHECK(X86_MODE_16, c16);
}

/* FISTTP is SSE3's (CPUID.01H:ECX.SSE3[bit 0]). */
static void test_fisttp_gating(void)
{
    static const Case c[] = {
        { "db 08", "#UD" }, { "dd 08", "#UD" }, { "df 08", "#UD" },
        { "db 10", "fist dword ptr [rax]" },
    };

    check_features(X86_MODE_64, c, G_N_ELEMENTS(c),
                   X86_FEATURES_ALL & ~X86_FEATURE_BIT(X86_FEAT_SSE3));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/decode-x87/mem/arith", test_mem_arith);
    g_test_add_func("/decode-x87/mem/other", test_mem_other);
    g_test_add_func("/decode-x87/mem/env-sizes", test_env_sizes);
    g_test_add_func("/decode-x87/reg/regular", test_reg_regular);
    g_test_add_func("/decode-x87/reg/irregular", test_reg_irregular);
    g_test_add_func("/decode-x87/modes", test_modes);
    g_test_add_func("/decode-x87/fisttp-sse3", test_fisttp_gating);
    return g_test_run();
}
