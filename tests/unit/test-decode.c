/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the x86 decoder (target-i386/decode*.c): every row of the
 * one-byte and 0F maps with its bytes and expected Intel-syntax text in
 * 16-, 32- and 64-bit mode; prefix rules (66 against REX.W, 67, segment
 * overrides, LOCK legality, REX placement, REP forms); ModRM/SIB corner
 * cases; immediate sizes; the 15-byte limit; CPUID gating; and a seeded
 * random comparison of instruction lengths against capstone.
 */
#include "target-i386/decode.h"

#include <capstone/capstone.h>
#include <glib.h>
#include <string.h>

/* ---- helpers ---------------------------------------------------------- */

typedef struct Case {
    const char *hex;
    const char *text;       /* Intel syntax, as x86_insn_format prints it */
} Case;

typedef struct BadCase {
    const char *hex;
    X86Status status;
    unsigned length;        /* 0: do not check */
} BadCase;

static size_t parse_hex(const char *hex, uint8_t *buf, size_t size)
{
    size_t n = 0;

    while (*hex) {
        if (*hex == ' ') {
            hex++;
            continue;
        }
        g_assert_true(g_ascii_isxdigit(hex[0]) && g_ascii_isxdigit(hex[1]));
        g_assert_cmpuint(n, <, size);
        buf[n++] = g_ascii_xdigit_value(hex[0]) << 4 |
                   g_ascii_xdigit_value(hex[1]);
        hex += 2;
    }
    return n;
}

static X86Status decode_hex(const char *hex, X86Mode mode, uint64_t features,
                            X86Insn *insn, size_t *nbytes)
{
    uint8_t buf[32];
    size_t n = parse_hex(hex, buf, sizeof(buf));

    if (nbytes) {
        *nbytes = n;
    }
    return x86_decode(insn, buf, n, mode, features);
}

static void decode_ok(const char *hex, X86Mode mode, X86Insn *insn)
{
    X86Status st = decode_hex(hex, mode, X86_FEATURES_ALL, insn, NULL);

    g_assert_cmpstr(x86_status_name(st), ==, "ok");
}

/* "bytes => text (length)" for both sides, so a failure shows the case. */
static void check_one_features(X86Mode mode, const Case *c, uint64_t features)
{
    X86Insn insn;
    size_t n;
    char text[160];
    X86Status st = decode_hex(c->hex, mode, features, &insn, &n);
    g_autofree char *got = NULL, *want = NULL;

    x86_insn_format(&insn, 0, text, sizeof(text));
    got = g_strdup_printf("%s => %s %s (%u)", c->hex, x86_status_name(st),
                          st == X86_DECODE_OK ? text : insn.why, insn.length);
    want = g_strdup_printf("%s => ok %s (%zu)", c->hex, c->text, n);
    g_assert_cmpstr(got, ==, want);
}

static void check_cases(X86Mode mode, const Case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        check_one_features(mode, &cases[i], X86_FEATURES_ALL);
    }
}

static void check_bad(X86Mode mode, const BadCase *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const BadCase *c = &cases[i];
        X86Insn insn;
        X86Status st = decode_hex(c->hex, mode, X86_FEATURES_ALL, &insn, NULL);
        g_autofree char *got = g_strdup_printf(
            "%s => %s (%u)", c->hex, x86_status_name(st),
            c->length ? insn.length : 0);
        g_autofree char *want = g_strdup_printf(
            "%s => %s (%u)", c->hex, x86_status_name(c->status), c->length);

        g_assert_cmpstr(got, ==, want);
        g_assert_nonnull(insn.why);
    }
}

#define CHECK(mode, cases) check_cases(mode, cases, G_N_ELEMENTS(cases))
#define CHECK_BAD(mode, cases) check_bad(mode, cases, G_N_ELEMENTS(cases))

static void check_text(X86Mode mode, const char *hex, const char *text)
{
    Case c = { hex, text };

    check_one_features(mode, &c, X86_FEATURES_ALL);
}

/* check_text for generated cases; takes ownership of both strings. */
static void check_gen(X86Mode mode, char *hex, char *text)
{
    check_text(mode, hex, text);
    g_free(hex);
    g_free(text);
}

static const char *const cc_names[16] = {
    "o", "no", "b", "ae", "e", "ne", "be", "a",
    "s", "ns", "p", "np", "l", "ge", "le", "g",
};

/* ---- one-byte map ------------------------------------------------------ */

/* 00-3D: the eight ALU operations, six forms each. */
static void test_onebyte_alu(void)
{
    static const char *const ops[8] = {
        "add", "or", "adc", "sbb", "and", "sub", "xor", "cmp",
    };
    const X86Mode m = X86_MODE_64;

    for (unsigned i = 0; i < 8; i++) {
        unsigned b = i * 8;
        const char *op = ops[i];

        check_gen(m, g_strdup_printf("%02x c8", b),
                  g_strdup_printf("%s al, cl", op));
        check_gen(m, g_strdup_printf("%02x c8", b + 1),
                  g_strdup_printf("%s eax, ecx", op));
        check_gen(m, g_strdup_printf("%02x 08", b + 1),
                  g_strdup_printf("%s dword ptr [rax], ecx", op));
        check_gen(m, g_strdup_printf("%02x c8", b + 2),
                  g_strdup_printf("%s cl, al", op));
        check_gen(m, g_strdup_printf("%02x c8", b + 3),
                  g_strdup_printf("%s ecx, eax", op));
        check_gen(m, g_strdup_printf("%02x 7f", b + 4),
                  g_strdup_printf("%s al, 0x7f", op));
        check_gen(m, g_strdup_printf("%02x 78 56 34 12", b + 5),
                  g_strdup_printf("%s eax, 0x12345678", op));
        check_gen(m, g_strdup_printf("48 %02x ff ff ff ff", b + 5),
                  g_strdup_printf("%s rax, 0xffffffffffffffff", op));
    }
    check_text(X86_MODE_16, "05 34 12", "add ax, 0x1234");
    check_text(X86_MODE_32, "66 05 34 12", "add ax, 0x1234");
}

static void test_onebyte_seg_push_pop(void)
{
    static const Case c32[] = {
        { "06", "push es" }, { "07", "pop es" }, { "0e", "push cs" },
        { "16", "push ss" }, { "17", "pop ss" }, { "1e", "push ds" },
        { "1f", "pop ds" },
    };
    static const BadCase c64[] = {
        { "06", X86_DECODE_UD, 1 }, { "07", X86_DECODE_UD, 1 },
        { "0e", X86_DECODE_UD, 1 }, { "16", X86_DECODE_UD, 1 },
        { "17", X86_DECODE_UD, 1 }, { "1e", X86_DECODE_UD, 1 },
        { "1f", X86_DECODE_UD, 1 },
    };

    CHECK(X86_MODE_32, c32);
    CHECK_BAD(X86_MODE_64, c64);
}

static void test_onebyte_bcd(void)
{
    static const Case c32[] = {
        { "27", "daa" }, { "2f", "das" }, { "37", "aaa" }, { "3f", "aas" },
        { "d4 0a", "aam 0xa" }, { "d5 0a", "aad 0xa" }, { "d6", "salc" },
    };
    static const BadCase c64[] = {
        { "27", X86_DECODE_UD, 1 }, { "2f", X86_DECODE_UD, 1 },
        { "37", X86_DECODE_UD, 1 }, { "3f", X86_DECODE_UD, 1 },
        { "d4 0a", X86_DECODE_UD, 1 }, { "d5 0a", X86_DECODE_UD, 1 },
        { "d6", X86_DECODE_UD, 1 },
    };

    CHECK(X86_MODE_32, c32);
    CHECK(X86_MODE_16, c32);
    CHECK_BAD(X86_MODE_64, c64);
}

/* 40-4F are INC/DEC outside 64-bit mode, REX inside it. */
static void test_onebyte_inc_dec(void)
{
    static const Case c32[] = {
        { "40", "inc eax" }, { "41", "inc ecx" }, { "42", "inc edx" },
        { "43", "inc ebx" }, { "44", "inc esp" }, { "45", "inc ebp" },
        { "46", "inc esi" }, { "47", "inc edi" }, { "48", "dec eax" },
        { "49", "dec ecx" }, { "4a", "dec edx" }, { "4b", "dec ebx" },
        { "4c", "dec esp" }, { "4d", "dec ebp" }, { "4e", "dec esi" },
        { "4f", "dec edi" }, { "66 41", "inc cx" },
    };

    CHECK(X86_MODE_32, c32);
    check_text(X86_MODE_16, "40", "inc ax");
    check_text(X86_MODE_64, "40 ff c0", "inc eax");
}

static void test_onebyte_push_pop_reg(void)
{
    static const Case c64[] = {
        { "50", "push rax" }, { "51", "push rcx" }, { "52", "push rdx" },
        { "53", "push rbx" }, { "54", "push rsp" }, { "55", "push rbp" },
        { "56", "push rsi" }, { "57", "push rdi" }, { "41 50", "push r8" },
        { "66 50", "push ax" }, { "48 50", "push rax" },
        { "58", "pop rax" }, { "59", "pop rcx" }, { "5a", "pop rdx" },
        { "5b", "pop rbx" }, { "5c", "pop rsp" }, { "5d", "pop rbp" },
        { "5e", "pop rsi" }, { "5f", "pop rdi" }, { "41 5f", "pop r15" },
    };

    CHECK(X86_MODE_64, c64);
    check_text(X86_MODE_32, "50", "push eax");
    check_text(X86_MODE_16, "5f", "pop di");
}

static void test_onebyte_60_6f(void)
{
    static const Case c32[] = {
        { "60", "pushad" }, { "66 60", "pusha" }, { "61", "popad" },
        { "62 00", "bound eax, qword ptr [eax]" },
        { "66 62 00", "bound ax, dword ptr [eax]" },
        { "63 c8", "arpl ax, cx" },
        { "68 78 56 34 12", "push 0x12345678" },
        { "6a ff", "push 0xffffffff" },
        { "6c", "insb byte ptr es:[edi], dx" },
        { "6d", "insd dword ptr es:[edi], dx" },
    };
    static const Case c64[] = {
        { "63 c8", "movsxd ecx, eax" },
        { "48 63 c8", "movsxd rcx, eax" },
        { "48 63 08", "movsxd rcx, dword ptr [rax]" },
        { "68 78 56 34 12", "push 0x12345678" },
        { "68 ff ff ff ff", "push 0xffffffffffffffff" },
        { "66 68 34 12", "push 0x1234" },
        { "6a ff", "push 0xffffffffffffffff" },
        { "66 6a ff", "push 0xffff" },
        { "69 c1 10 00 00 00", "imul eax, ecx, 0x10" },
        { "66 69 c1 10 00", "imul ax, cx, 0x10" },
        { "6b c1 ff", "imul eax, ecx, 0xffffffff" },
        { "6c", "insb byte ptr [rdi], dx" },
        { "6d", "insd dword ptr [rdi], dx" },
        { "66 6d", "insw word ptr [rdi], dx" },
        { "48 6d", "insd dword ptr [rdi], dx" },
        { "6e", "outsb dx, byte ptr [rsi]" },
        { "6f", "outsd dx, dword ptr [rsi]" },
        { "f3 6c", "rep insb byte ptr [rdi], dx" },
    };
    static const BadCase bad64[] = {
        { "60", X86_DECODE_UD, 1 }, { "61", X86_DECODE_UD, 1 },
        { "62 f1 7c 48 10 c1", X86_DECODE_UNIMPL, 6 },    /* EVEX */
        { "62 00", X86_DECODE_UD, 0 },     /* EVEX naming no map */
    };
    static const BadCase bad32[] = {
        { "62 f1 7c 48 10 c1", X86_DECODE_UNIMPL, 6 },
        { "c5 f8 77", X86_DECODE_UNIMPL, 3 },
    };

    CHECK(X86_MODE_32, c32);
    CHECK(X86_MODE_64, c64);
    CHECK_BAD(X86_MODE_64, bad64);
    CHECK_BAD(X86_MODE_32, bad32);
}

/* 70-7F Jcc rel8, and 0F 80-8F Jcc rel16/32. */
static void test_jcc(void)
{
    for (unsigned cc = 0; cc < 16; cc++) {
        const char *n = cc_names[cc];

        check_gen(X86_MODE_64, g_strdup_printf("%02x 10", 0x70 + cc),
                  g_strdup_printf("j%s 0x12", n));
        check_gen(X86_MODE_32, g_strdup_printf("%02x 10", 0x70 + cc),
                  g_strdup_printf("j%s 0x12", n));
        check_gen(X86_MODE_64, g_strdup_printf("0f %02x 00 01 00 00",
                                               0x80 + cc),
                  g_strdup_printf("j%s 0x106", n));
        check_gen(X86_MODE_32, g_strdup_printf("0f %02x 00 01 00 00",
                                               0x80 + cc),
                  g_strdup_printf("j%s 0x106", n));
        check_gen(X86_MODE_16, g_strdup_printf("0f %02x fc ff", 0x80 + cc),
                  g_strdup_printf("j%s 0", n));
    }
    check_text(X86_MODE_64, "74 fe", "je 0");
    check_text(X86_MODE_16, "74 fc", "je 0xfffe");
    check_text(X86_MODE_32, "66 0f 84 fb ff", "je 0");
}

/* 80-83: group 1. */
static void test_group1(void)
{
    static const char *const ops[8] = {
        "add", "or", "adc", "sbb", "and", "sub", "xor", "cmp",
    };

    for (unsigned r = 0; r < 8; r++) {
        unsigned m = 0xc0 + r * 8;
        g_autofree char *h82 = g_strdup_printf("82 %02x 01", m);
        BadCase bad = { h82, X86_DECODE_UD, 0 };

        check_gen(X86_MODE_64, g_strdup_printf("80 %02x 01", m),
                  g_strdup_printf("%s al, 1", ops[r]));
        check_gen(X86_MODE_64, g_strdup_printf("81 %02x 78 56 34 12", m),
                  g_strdup_printf("%s eax, 0x12345678", ops[r]));
        check_gen(X86_MODE_64, g_strdup_printf("83 %02x ff", m),
                  g_strdup_printf("%s eax, 0xffffffff", ops[r]));
        check_gen(X86_MODE_64, g_strdup_printf("48 83 %02x 80", m),
                  g_strdup_printf("%s rax, 0xffffffffffffff80", ops[r]));
        check_gen(X86_MODE_32, g_strdup_printf("82 %02x 01", m),
                  g_strdup_printf("%s al, 1", ops[r]));
        check_gen(X86_MODE_32, g_strdup_printf("82 %02x 00 01", m - 0x80),
                  g_strdup_printf("%s byte ptr [eax], 1", ops[r]));
        check_bad(X86_MODE_64, &bad, 1);
    }
    check_text(X86_MODE_16, "81 c0 34 12", "add ax, 0x1234");
    check_text(X86_MODE_16, "83 c0 ff", "add ax, 0xffff");
}

static void test_onebyte_84_8f(void)
{
    static const Case c64[] = {
        { "84 c8", "test al, cl" }, { "85 c8", "test eax, ecx" },
        { "86 c8", "xchg al, cl" }, { "87 c8", "xchg eax, ecx" },
        { "88 c8", "mov al, cl" }, { "89 c8", "mov eax, ecx" },
        { "8a c8", "mov cl, al" }, { "8b c8", "mov ecx, eax" },
        { "8c d8", "mov eax, ds" }, { "48 8c d8", "mov rax, ds" },
        { "8c 18", "mov word ptr [rax], ds" },
        { "8c e0", "mov eax, fs" },
        { "8d 04 40", "lea eax, [rax + rax*2]" },
        { "48 8d 05 10 00 00 00", "lea rax, [rip + 0x10]" },
        { "8e d8", "mov ds, ax" }, { "8e 10", "mov ss, word ptr [rax]" },
        { "8e e8", "mov gs, ax" },
        { "8f 00", "pop qword ptr [rax]" }, { "8f c1", "pop rcx" },
        { "66 8f 00", "pop word ptr [rax]" },
    };
    static const BadCase bad[] = {
        { "8d c0", X86_DECODE_UD, 2 },      /* LEA needs memory */
        { "8e c8", X86_DECODE_UD, 2 },      /* MOV CS, r/m */
        { "8e f0", X86_DECODE_UD, 2 },      /* no segment register 6 */
        { "8c f8", X86_DECODE_UD, 2 },
        { "8f c8", X86_DECODE_UD, 2 },      /* group 1A /1: XOP on AMD */
    };

    CHECK(X86_MODE_64, c64);
    CHECK_BAD(X86_MODE_64, bad);
    check_text(X86_MODE_32, "8f 00", "pop dword ptr [eax]");
}

static void test_onebyte_90_9f(void)
{
    static const Case c64[] = {
        { "90", "nop" }, { "f3 90", "pause" }, { "66 90", "nop" },
        { "41 90", "xchg r8d, eax" }, { "49 90", "xchg r8, rax" },
        { "91", "xchg ecx, eax" }, { "92", "xchg edx, eax" },
        { "93", "xchg ebx, eax" }, { "94", "xchg esp, eax" },
        { "95", "xchg ebp, eax" }, { "96", "xchg esi, eax" },
        { "97", "xchg edi, eax" }, { "49 97", "xchg r15, rax" },
        { "98", "cwde" }, { "66 98", "cbw" }, { "48 98", "cdqe" },
        { "99", "cdq" }, { "66 99", "cwd" }, { "48 99", "cqo" },
        { "9b", "wait" }, { "9c", "pushfq" }, { "66 9c", "pushf" },
        { "9d", "popfq" }, { "9e", "sahf" }, { "9f", "lahf" },
    };
    static const Case c32[] = {
        { "9a 00 10 00 00 08 00", "call far 0x8:0x1000" },
        { "66 9a 00 10 08 00", "call far 0x8:0x1000" },
        { "9c", "pushfd" }, { "9d", "popfd" }, { "66 9c", "pushf" },
    };
    static const BadCase bad64[] = {
        { "9a 00 10 00 00 08 00", X86_DECODE_UD, 1 },
    };

    CHECK(X86_MODE_64, c64);
    CHECK(X86_MODE_32, c32);
    CHECK_BAD(X86_MODE_64, bad64);
    check_text(X86_MODE_16, "9a 00 10 08 00", "call far 0x8:0x1000");
    check_text(X86_MODE_16, "98", "cbw");
    check_text(X86_MODE_16, "9c", "pushf");
}

static void test_onebyte_a0_af(void)
{
    static const Case c64[] = {
        { "a0 88 77 66 55 44 33 22 11",
          "mov al, byte ptr [0x1122334455667788]" },
        { "a1 88 77 66 55 44 33 22 11",
          "mov eax, dword ptr [0x1122334455667788]" },
        { "48 a1 88 77 66 55 44 33 22 11",
          "mov rax, qword ptr [0x1122334455667788]" },
        { "a2 88 77 66 55 44 33 22 11",
          "mov byte ptr [0x1122334455667788], al" },
        { "a3 88 77 66 55 44 33 22 11",
          "mov dword ptr [0x1122334455667788], eax" },
        { "67 a0 44 33 22 11", "mov al, byte ptr [0x11223344]" },
        { "64 a1 00 00 00 00 00 00 00 00", "mov eax, dword ptr fs:[0]" },
        { "a4", "movsb byte ptr [rdi], byte ptr [rsi]" },
        { "a5", "movsd dword ptr [rdi], dword ptr [rsi]" },
        { "66 a5", "movsw word ptr [rdi], word ptr [rsi]" },
        { "48 a5", "movsq qword ptr [rdi], qword ptr [rsi]" },
        { "a6", "cmpsb byte ptr [rsi], byte ptr [rdi]" },
        { "48 a7", "cmpsq qword ptr [rsi], qword ptr [rdi]" },
        { "a8 01", "test al, 1" },
        { "a9 78 56 34 12", "test eax, 0x12345678" },
        { "aa", "stosb byte ptr [rdi], al" },
        { "ab", "stosd dword ptr [rdi], eax" },
        { "ac", "lodsb al, byte ptr [rsi]" },
        { "48 ad", "lodsq rax, qword ptr [rsi]" },
        { "ae", "scasb al, byte ptr [rdi]" },
        { "af", "scasd eax, dword ptr [rdi]" },
        { "67 a4", "movsb byte ptr [edi], byte ptr [esi]" },
        { "2e a4", "movsb byte ptr [rdi], byte ptr cs:[rsi]" },
    };

    CHECK(X86_MODE_64, c64);
    check_text(X86_MODE_32, "a1 44 33 22 11",
               "mov eax, dword ptr [0x11223344]");
    check_text(X86_MODE_32, "67 a1 34 12", "mov eax, dword ptr [0x1234]");
    check_text(X86_MODE_16, "a1 34 12", "mov ax, word ptr [0x1234]");
    check_text(X86_MODE_16, "a4", "movsb byte ptr es:[di], byte ptr [si]");
    check_text(X86_MODE_16, "66 a5", "movsd dword ptr es:[di], dword ptr [si]");
}

static void test_onebyte_b0_bf(void)
{
    static const Case c64[] = {
        { "b0 01", "mov al, 1" }, { "b1 01", "mov cl, 1" },
        { "b2 01", "mov dl, 1" }, { "b3 01", "mov bl, 1" },
        { "b4 01", "mov ah, 1" }, { "b5 01", "mov ch, 1" },
        { "b6 01", "mov dh, 1" }, { "b7 01", "mov bh, 1" },
        { "40 b4 01", "mov spl, 1" }, { "41 b0 01", "mov r8b, 1" },
        { "66 b8 34 12", "mov ax, 0x1234" },
        { "48 b8 88 77 66 55 44 33 22 11", "mov rax, 0x1122334455667788" },
        { "49 bf ff ff ff ff ff ff ff ff", "mov r15, 0xffffffffffffffff" },
    };

    static const char *const r32[8] = {
        "eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
    };

    CHECK(X86_MODE_64, c64);
    for (unsigned r = 0; r < 8; r++) {
        check_gen(X86_MODE_64, g_strdup_printf("%02x 78 56 34 12", 0xb8 + r),
                  g_strdup_printf("mov %s, 0x12345678", r32[r]));
    }
    check_text(X86_MODE_16, "b8 34 12", "mov ax, 0x1234");
}

/* C0, C1, D0-D3: group 2. */
static void test_group2(void)
{
    static const char *const ops[8] = {
        "rol", "ror", "rcl", "rcr", "shl", "shr", "sal", "sar",
    };
    const X86Mode md = X86_MODE_64;

    for (unsigned r = 0; r < 8; r++) {
        unsigned m = 0xc0 + r * 8;
        const char *op = ops[r];

        check_gen(md, g_strdup_printf("c0 %02x 05", m),
                  g_strdup_printf("%s al, 5", op));
        check_gen(md, g_strdup_printf("c1 %02x 05", m),
                  g_strdup_printf("%s eax, 5", op));
        check_gen(md, g_strdup_printf("d0 %02x", m),
                  g_strdup_printf("%s al, 1", op));
        check_gen(md, g_strdup_printf("48 d1 %02x", m),
                  g_strdup_printf("%s rax, 1", op));
        check_gen(md, g_strdup_printf("d2 %02x", m),
                  g_strdup_printf("%s al, cl", op));
        check_gen(md, g_strdup_printf("d3 %02x", m - 0xc0),
                  g_strdup_printf("%s dword ptr [rax], cl", op));
    }
}

static void test_onebyte_c2_cf(void)
{
    static const Case c64[] = {
        { "c2 08 00", "ret 8" }, { "c3", "ret" },
        { "c6 00 01", "mov byte ptr [rax], 1" },
        { "c7 00 01 00 00 00", "mov dword ptr [rax], 1" },
        { "48 c7 00 ff ff ff ff", "mov qword ptr [rax], 0xffffffffffffffff" },
        { "66 c7 00 34 12", "mov word ptr [rax], 0x1234" },
        { "c6 f8 05", "xabort 5" },
        { "c7 f8 00 00 00 00", "xbegin 6" },
        { "c8 10 00 01", "enter 0x10, 1" }, { "c9", "leave" },
        { "ca 08 00", "retf 8" }, { "cb", "retf" },
        { "cc", "int3" }, { "cd 80", "int 0x80" },
        { "cf", "iretd" }, { "48 cf", "iretq" }, { "66 cf", "iret" },
        { "d7", "xlatb" },
    };
    static const BadCase bad64[] = {
        { "c6 c8 01", X86_DECODE_UD, 0 },   /* group 11 /1 */
        { "c7 08 00 00 00 00", X86_DECODE_UD, 0 },
        { "c6 f9 01", X86_DECODE_UD, 0 },   /* XABORT wants rm=0 */
        { "ce", X86_DECODE_UD, 1 }, { "c4 e2 79 00 c0", X86_DECODE_UNIMPL, 5 },
        { "c5 f8 77", X86_DECODE_UNIMPL, 3 },
        { "c4 e3 79 0f c1 08", X86_DECODE_UNIMPL, 6 },  /* VEX map 0F3A */
        { "c5 f9 70 c1 1b", X86_DECODE_UNIMPL, 5 },      /* imm8 in map 0F */
        { "66 c5 f8 77", X86_DECODE_UD, 0 },
    };
    static const Case c32[] = {
        { "c4 00", "les eax, fword ptr [eax]" },
        { "c5 00", "lds eax, fword ptr [eax]" },
        { "66 c5 00", "lds ax, dword ptr [eax]" },
        { "ce", "into" }, { "cf", "iretd" },
    };

    CHECK(X86_MODE_64, c64);
    CHECK_BAD(X86_MODE_64, bad64);
    CHECK(X86_MODE_32, c32);
}

static void test_onebyte_e0_ef(void)
{
    static const Case c64[] = {
        { "e0 fe", "loopne 0" }, { "e1 fe", "loope 0" },
        { "e2 fe", "loop 0" }, { "e3 fe", "jrcxz 0" },
        { "67 e3 fd", "jecxz 0" },
        { "e4 60", "in al, 0x60" }, { "e5 60", "in eax, 0x60" },
        { "66 e5 60", "in ax, 0x60" }, { "48 e5 60", "in eax, 0x60" },
        { "e6 80", "out 0x80, al" }, { "e7 80", "out 0x80, eax" },
        { "e8 00 00 00 00", "call 5" }, { "e9 fb ff ff ff", "jmp 0" },
        { "e8 00 00 00 80", "call 0xffffffff80000005" },
        { "eb fe", "jmp 0" },
        { "ec", "in al, dx" }, { "ed", "in eax, dx" },
        { "ee", "out dx, al" }, { "ef", "out dx, eax" },
    };
    static const Case c32[] = {
        { "e3 fe", "jecxz 0" }, { "67 e3 fd", "jcxz 0" },
        { "ea 00 10 00 00 08 00", "jmp far 0x8:0x1000" },
        { "66 ea 00 10 08 00", "jmp far 0x8:0x1000" },
        { "e8 fb ff ff ff", "call 0" },
        { "66 e8 fc ff", "call 0" },
    };
    static const Case c16[] = {
        { "e3 fe", "jcxz 0" }, { "e8 fd ff", "call 0" },
        { "ea 00 10 00 f0", "jmp far 0xf000:0x1000" },
        { "66 ea 00 10 00 00 08 00", "jmp far 0x8:0x1000" },
    };
    static const BadCase bad64[] = {
        { "ea 00 10 00 00 08 00", X86_DECODE_UD, 1 },
    };

    CHECK(X86_MODE_64, c64);
    CHECK(X86_MODE_32, c32);
    CHECK(X86_MODE_16, c16);
    CHECK_BAD(X86_MODE_64, bad64);
}

/* F0-FD, with F6/F7: group 3. */
static void test_group3(void)
{
    static const Case c64[] = {
        { "f1", "int1" }, { "f4", "hlt" }, { "f5", "cmc" },
        { "f8", "clc" }, { "f9", "stc" }, { "fa", "cli" }, { "fb", "sti" },
        { "fc", "cld" }, { "fd", "std" },
        { "f6 c0 01", "test al, 1" }, { "f6 c8 01", "test al, 1" },
        { "f6 d0", "not al" }, { "f6 d8", "neg al" }, { "f6 e0", "mul al" },
        { "f6 e8", "imul al" }, { "f6 f0", "div al" }, { "f6 f8", "idiv al" },
        { "f7 c0 78 56 34 12", "test eax, 0x12345678" },
        { "f7 c8 78 56 34 12", "test eax, 0x12345678" },
        { "48 f7 c0 ff ff ff ff", "test rax, 0xffffffffffffffff" },
        { "f7 d0", "not eax" }, { "f7 d8", "neg eax" }, { "f7 e0", "mul eax" },
        { "f7 e8", "imul eax" }, { "f7 f0", "div eax" },
        { "48 f7 f8", "idiv rax" }, { "f7 38", "idiv dword ptr [rax]" },
    };

    CHECK(X86_MODE_64, c64);
}

/* FE/FF: groups 4 and 5. */
static void test_group4_5(void)
{
    static const Case c64[] = {
        { "fe c0", "inc al" }, { "fe c8", "dec al" },
        { "fe 00", "inc byte ptr [rax]" },
        { "ff c0", "inc eax" }, { "ff c8", "dec eax" },
        { "48 ff 00", "inc qword ptr [rax]" },
        { "ff d0", "call rax" }, { "66 ff d0", "call rax" },
        { "ff 10", "call qword ptr [rax]" },
        { "ff 18", "call far fword ptr [rax]" },
        { "48 ff 18", "call far tbyte ptr [rax]" },
        { "66 ff 18", "call far dword ptr [rax]" },
        { "ff e0", "jmp rax" }, { "41 ff e3", "jmp r11" },
        { "ff 28", "jmp far fword ptr [rax]" },
        { "ff f0", "push rax" }, { "ff 30", "push qword ptr [rax]" },
        { "66 ff 30", "push word ptr [rax]" },
    };
    static const BadCase bad[] = {
        { "fe d0", X86_DECODE_UD, 2 }, { "fe f8", X86_DECODE_UD, 2 },
        { "ff f8", X86_DECODE_UD, 2 }, { "ff 38", X86_DECODE_UD, 2 },
        { "ff d8", X86_DECODE_UD, 2 },      /* far call needs memory */
        { "ff e8", X86_DECODE_UD, 2 },
    };

    CHECK(X86_MODE_64, c64);
    CHECK_BAD(X86_MODE_64, bad);
    check_text(X86_MODE_32, "ff d0", "call eax");
    check_text(X86_MODE_32, "66 ff d0", "call ax");
    check_text(X86_MODE_16, "ff 1f", "call far dword ptr [bx]");
}

/* ---- 0F map ------------------------------------------------------------ */

static void test_group6(void)
{
    static const Case c64[] = {
        { "0f 00 c0", "sldt eax" }, { "48 0f 00 c0", "sldt rax" },
        { "0f 00 00", "sldt word ptr [rax]" }, { "0f 00 c8", "str eax" },
        { "0f 00 08", "str word ptr [rax]" },
        { "0f 00 d0", "lldt ax" }, { "0f 00 d8", "ltr ax" },
        { "0f 00 18", "ltr word ptr [rax]" },
        { "0f 00 e0", "verr ax" }, { "0f 00 e8", "verw ax" },
    };
    static const BadCase bad[] = {
        { "0f 00 f0", X86_DECODE_UD, 3 }, { "0f 00 38", X86_DECODE_UD, 3 },
    };

    CHECK(X86_MODE_64, c64);
    CHECK_BAD(X86_MODE_64, bad);
}

static void test_group7(void)
{
    static const Case c64[] = {
        { "0f 01 00", "sgdt tbyte ptr [rax]" },
        { "0f 01 08", "sidt tbyte ptr [rax]" },
        { "0f 01 10", "lgdt tbyte ptr [rax]" },
        { "0f 01 18", "lidt tbyte ptr [rax]" },
        { "0f 01 20", "smsw word ptr [rax]" }, { "0f 01 e0", "smsw eax" },
        { "48 0f 01 e0", "smsw rax" },
        { "0f 01 30", "lmsw word ptr [rax]" }, { "0f 01 f0", "lmsw ax" },
        { "0f 01 38", "invlpg byte ptr [rax]" },
        { "0f 01 c8", "monitor" }, { "0f 01 c9", "mwait" },
        { "0f 01 ca", "clac" }, { "0f 01 cb", "stac" },
        { "0f 01 d0", "xgetbv" }, { "0f 01 d1", "xsetbv" },
        { "0f 01 d5", "xend" }, { "0f 01 d6", "xtest" },
        { "0f 01 f8", "swapgs" }, { "0f 01 f9", "rdtscp" },
    };
    static const BadCase bad[] = {
        { "0f 01 28", X86_DECODE_UD, 3 }, { "0f 01 c0", X86_DECODE_UD, 3 },
        { "0f 01 fa", X86_DECODE_UD, 3 }, { "0f 01 d2", X86_DECODE_UD, 3 },
        { "0f 01 c1", X86_DECODE_UNIMPL, 3 },
        { "0f 01 d8", X86_DECODE_UNIMPL, 3 },
    };
    static const BadCase bad32[] = {
        { "0f 01 f8", X86_DECODE_UD, 3 },
    };

    CHECK(X86_MODE_64, c64);
    CHECK_BAD(X86_MODE_64, bad);
    CHECK_BAD(X86_MODE_32, bad32);
    check_text(X86_MODE_32, "0f 01 00", "sgdt fword ptr [eax]");
    check_text(X86_MODE_16, "0f 01 16 00 10", "lgdt fword ptr [0x1000]");
}

static void test_0f_02_0f(void)
{
    static const Case c64[] = {
        { "0f 02 c1", "lar eax, cx" }, { "0f 03 c1", "lsl eax, cx" },
        { "48 0f 03 00", "lsl rax, word ptr [rax]" },
        { "0f 05", "syscall" }, { "0f 06", "clts" }, { "0f 07", "sysret" },
        { "0f 08", "invd" }, { "0f 09", "wbinvd" }, { "0f 0b", "ud2" },
        { "0f 0d 00", "prefetch byte ptr [rax]" },
        { "0f 0d 08", "prefetchw byte ptr [rax]" },
    };
    static const BadCase bad[] = {
        { "0f 04", X86_DECODE_UD, 2 }, { "0f 0a", X86_DECODE_UD, 2 },
        { "0f 0c", X86_DECODE_UD, 2 }, { "0f 0e", X86_DECODE_UD, 2 },
        { "0f 0f c0 b4", X86_DECODE_UD, 2 }, { "0f 0d c8", X86_DECODE_UD, 3 },
    };

    CHECK(X86_MODE_64, c64);
    CHECK_BAD(X86_MODE_64, bad);
}

static void test_0f_18_1f(void)
{
    static const Case c64[] = {
        { "0f 18 00", "prefetchnta byte ptr [rax]" },
        { "0f 18 08", "prefetcht0 byte ptr [rax]" },
        { "0f 18 10", "prefetcht1 byte ptr [rax]" },
        { "0f 18 18", "prefetcht2 byte ptr [rax]" },
        { "0f 18 20", "nop dword ptr [rax]" }, { "0f 18 c0", "nop eax" },
        { "0f 19 c0", "nop eax" }, { "0f 1a c0", "nop eax" },
        { "0f 1b c0", "nop eax" }, { "0f 1c c0", "nop eax" },
        { "0f 1d c0", "nop eax" }, { "0f 1e c0", "nop eax" },
        { "f3 0f 1e fa", "nop edx" },
        { "0f 1f 00", "nop dword ptr [rax]" },
        { "66 0f 1f 44 00 00", "nop word ptr [rax + rax]" },
        { "0f 1f 84 00 00 00 00 00", "nop dword ptr [rax + rax]" },
        { "66 2e 0f 1f 84 00 00 00 00 00",
          "nop word ptr cs:[rax + rax]" },
    };

    CHECK(X86_MODE_64, c64);
}

/* MOV to and from control and debug registers: mod is ignored. */
static void test_0f_20_23(void)
{
    static const Case c64[] = {
        { "0f 20 c0", "mov rax, cr0" }, { "0f 20 d0", "mov rax, cr2" },
        { "0f 20 d8", "mov rax, cr3" }, { "0f 20 e0", "mov rax, cr4" },
        { "44 0f 20 c0", "mov rax, cr8" }, { "41 0f 20 c0", "mov r8, cr0" },
        { "0f 20 00", "mov rax, cr0" }, { "66 0f 20 c0", "mov rax, cr0" },
        { "0f 22 d8", "mov cr3, rax" }, { "0f 22 67", "mov cr4, rdi" },
        { "0f 21 f8", "mov rax, dr7" }, { "0f 23 c0", "mov dr0, rax" },
    };
    static const BadCase bad[] = {
        { "0f 20 c8", X86_DECODE_UD, 3 }, { "0f 20 e8", X86_DECODE_UD, 3 },
        { "0f 22 f8", X86_DECODE_UD, 3 }, { "44 0f 20 c8", X86_DECODE_UD, 4 },
        { "44 0f 21 c0", X86_DECODE_UD, 4 }, { "0f 24 c0", X86_DECODE_UD, 2 },
        { "0f 26 c0", X86_DECODE_UD, 2 }, { "f0 0f 20 c0", X86_DECODE_UD, 4 },
    };

    CHECK(X86_MODE_64, c64);
    CHECK_BAD(X86_MODE_64, bad);
    check_text(X86_MODE_32, "0f 20 c0", "mov eax, cr0");
    check_text(X86_MODE_32, "66 0f 22 c0", "mov cr0, eax");
    check_text(X86_MODE_16, "0f 23 f8", "mov dr7, eax");
}

static void test_0f_30_37(void)
{
    static const Case c64[] = {
        { "0f 30", "wrmsr" }, { "0f 31", "rdtsc" }, { "0f 32", "rdmsr" },
        { "0f 33", "rdpmc" }, { "0f 34", "sysenter" }, { "0f 35", "sysexit" },
    };
    static const BadCase bad[] = {
        { "0f 37", X86_DECODE_UNIMPL, 2 }, { "0f 36", X86_DECODE_UD, 2 },
    };

    CHECK(X86_MODE_64, c64);
    CHECK_BAD(X86_MODE_64, bad);
}

static void test_cmov_setcc(void)
{
    const X86Mode m = X86_MODE_64;

    for (unsigned cc = 0; cc < 16; cc++) {
        const char *n = cc_names[cc];

        check_gen(m, g_strdup_printf("0f %02x c1", 0x40 + cc),
                  g_strdup_printf("cmov%s eax, ecx", n));
        check_gen(m, g_strdup_printf("48 0f %02x 00", 0x40 + cc),
                  g_strdup_printf("cmov%s rax, qword ptr [rax]", n));
        check_gen(m, g_strdup_printf("0f %02x c0", 0x90 + cc),
                  g_strdup_printf("set%s al", n));
        check_gen(m, g_strdup_printf("0f %02x 00", 0x90 + cc),
                  g_strdup_printf("set%s byte ptr [rax]", n));
    }
    check_text(X86_MODE_64, "40 0f 94 c6", "sete sil");
    check_text(X86_MODE_64, "0f 94 c6", "sete dh");
}

static void test_0f_a0_af(void)
{
    static const Case c64[] = {
        { "0f a0", "push fs" }, { "0f a1", "pop fs" }, { "0f a2", "cpuid" },
        { "0f a3 c8", "bt eax, ecx" },
        { "0f a4 c8 04", "shld eax, ecx, 4" },
        { "0f a5 c8", "shld eax, ecx, cl" },
        { "0f a8", "push gs" }, { "0f a9", "pop gs" }, { "0f aa", "rsm" },
        { "0f ab c8", "bts eax, ecx" },
        { "0f ac c8 04", "shrd eax, ecx, 4" },
        { "0f ad c8", "shrd eax, ecx, cl" },
        { "0f af c1", "imul eax, ecx" },
        { "48 0f af 00", "imul rax, qword ptr [rax]" },
    };
    static const BadCase bad[] = {
        { "0f a6", X86_DECODE_UD, 2 }, { "0f a7", X86_DECODE_UD, 2 },
    };

    CHECK(X86_MODE_64, c64);
    CHECK_BAD(X86_MODE_64, bad);
}

static void test_0f_b0_bf(void)
{
    static const Case c64[] = {
        { "0f b0 c8", "cmpxchg al, cl" }, { "0f b1 c8", "cmpxchg eax, ecx" },
        { "0f b2 00", "lss eax, fword ptr [rax]" },
        { "48 0f b2 00", "lss rax, tbyte ptr [rax]" },
        { "0f b3 c8", "btr eax, ecx" },
        { "0f b4 00", "lfs eax, fword ptr [rax]" },
        { "66 0f b5 00", "lgs ax, dword ptr [rax]" },
        { "0f b6 c1", "movzx eax, cl" }, { "0f b7 c1", "movzx eax, cx" },
        { "66 0f b6 c1", "movzx ax, cl" },
        { "f3 0f b8 c1", "popcnt eax, ecx" },
        { "66 f3 0f b8 c1", "popcnt ax, cx" },
        { "0f b9 c1", "ud1 eax, ecx" },
        { "0f ba e0 04", "bt eax, 4" }, { "0f ba e8 04", "bts eax, 4" },
        { "0f ba f0 04", "btr eax, 4" }, { "0f ba f8 04", "btc eax, 4" },
        { "0f bb c8", "btc eax, ecx" },
        { "0f bc c1", "bsf eax, ecx" }, { "f3 0f bc c1", "tzcnt eax, ecx" },
        { "0f bd c1", "bsr eax, ecx" }, { "f3 0f bd c1", "lzcnt eax, ecx" },
        { "0f be c1", "movsx eax, cl" }, { "0f bf c1", "movsx eax, cx" },
        { "48 0f bf c1", "movsx rax, cx" },
        { "48 0f be c4", "movsx rax, spl" }, { "0f be c4", "movsx eax, ah" },
    };
    static const BadCase bad[] = {
        { "0f b2 c0", X86_DECODE_UD, 3 }, { "0f b8 c1", X86_DECODE_UD, 2 },
        { "0f ba c0 04", X86_DECODE_UD, 3 },
        { "0f ba d8 04", X86_DECODE_UD, 3 },
    };

    CHECK(X86_MODE_64, c64);
    CHECK_BAD(X86_MODE_64, bad);
}

static void test_0f_c0_cf(void)
{
    static const Case c64[] = {
        { "0f c0 c8", "xadd al, cl" }, { "0f c1 c8", "xadd eax, ecx" },
        { "0f c3 00", "movnti dword ptr [rax], eax" },
        { "48 0f c3 00", "movnti qword ptr [rax], rax" },
        { "0f c7 08", "cmpxchg8b qword ptr [rax]" },
        { "48 0f c7 08", "cmpxchg16b xmmword ptr [rax]" },
        { "0f c7 f0", "rdrand eax" }, { "66 0f c7 f0", "rdrand ax" },
        { "48 0f c7 f1", "rdrand rcx" },
        { "0f c7 f8", "rdseed eax" }, { "f3 0f c7 f8", "rdpid rax" },
        { "0f c8", "bswap eax" }, { "0f c9", "bswap ecx" },
        { "0f ca", "bswap edx" }, { "0f cb", "bswap ebx" },
        { "0f cc", "bswap esp" }, { "0f cd", "bswap ebp" },
        { "0f ce", "bswap esi" }, { "0f cf", "bswap edi" },
        { "49 0f c8", "bswap r8" }, { "41 0f cf", "bswap r15d" },
        { "66 0f c8", "bswap ax" },
        { "0f ff c1", "ud0 eax, ecx" },
    };
    static const BadCase bad[] = {
        { "0f c3 c0", X86_DECODE_UD, 3 }, { "66 0f c3 00", X86_DECODE_UD, 0 },
        { "0f c7 c8", X86_DECODE_UD, 3 },
        { "0f c7 00", X86_DECODE_UD, 3 }, { "0f c7 30", X86_DECODE_UNIMPL, 3 },
        { "0f c7 20", X86_DECODE_UNIMPL, 3 },
    };

    CHECK(X86_MODE_64, c64);
    CHECK_BAD(X86_MODE_64, bad);
    check_text(X86_MODE_32, "f3 0f c7 f8", "rdpid eax");
}

static void test_group15(void)
{
    static const Case c64[] = {
        { "0f ae 00", "fxsave [rax]" }, { "0f ae 08", "fxrstor [rax]" },
        { "0f ae 10", "ldmxcsr dword ptr [rax]" },
        { "0f ae 18", "stmxcsr dword ptr [rax]" },
        { "0f ae 20", "xsave [rax]" }, { "0f ae 28", "xrstor [rax]" },
        { "0f ae 30", "xsaveopt [rax]" },
        { "0f ae 38", "clflush byte ptr [rax]" },
        { "66 0f ae 38", "clflushopt byte ptr [rax]" },
        { "0f ae e8", "lfence" }, { "0f ae f0", "mfence" },
        { "0f ae f8", "sfence" },
        { "f3 0f ae c0", "rdfsbase eax" },
        { "f3 48 0f ae c8", "rdgsbase rax" },
        { "f3 0f ae d0", "wrfsbase eax" }, { "f3 0f ae d8", "wrgsbase eax" },
    };
    static const BadCase bad[] = {
        { "0f ae c0", X86_DECODE_UD, 3 }, { "f3 0f ae e0", X86_DECODE_UD, 4 },
        { "66 0f ae 30", X86_DECODE_UNIMPL, 4 },
    };
    static const BadCase bad32[] = {
        { "f3 0f ae c0", X86_DECODE_UD, 4 },
    };

    CHECK(X86_MODE_64, c64);
    CHECK_BAD(X86_MODE_64, bad);
    CHECK_BAD(X86_MODE_32, bad32);
}

/* Slots left for later decode as "unimplemented" but know their length. */
static void test_notyet(void)
{
    static const BadCase c64[] = {
        { "0f 38 c8 44 24 10", X86_DECODE_UNIMPL, 6 },     /* SHA1NEXTE */
        { "0f 3a cc c1 08", X86_DECODE_UNIMPL, 5 },        /* SHA1RNDS4 */
    };

    CHECK_BAD(X86_MODE_64, c64);
}

/* ---- prefixes ---------------------------------------------------------- */

static void test_prefix_size(void)
{
    static const Case c64[] = {
        { "66 48 01 c0", "add rax, rax" },      /* REX.W beats 66 */
        { "48 66 01 c0", "add ax, ax" },        /* REX not last: ignored */
        { "48 41 01 c0", "add r8d, eax" },      /* only the last REX */
        { "66 66 66 01 c0", "add ax, ax" },
        { "67 8b 00", "mov eax, dword ptr [eax]" },
        { "67 66 8b 00", "mov ax, word ptr [eax]" },
    };
    static const Case c16[] = {
        { "66 01 c0", "add eax, eax" },
        { "67 8b 00", "mov ax, word ptr [eax]" },
        { "67 66 8b 04 24", "mov eax, dword ptr [esp]" },
    };
    X86Insn insn;

    CHECK(X86_MODE_64, c64);
    CHECK(X86_MODE_16, c16);
    decode_ok("48 66 01 c0", X86_MODE_64, &insn);
    g_assert_cmpuint(insn.rex, ==, 0);
    g_assert_false(insn.prefixes & X86_PFX_REX);
    decode_ok("40 88 e0", X86_MODE_64, &insn);
    g_assert_cmpuint(insn.rex, ==, 0x40);
}

static void test_prefix_segment(void)
{
    static const Case c64[] = {
        { "2e 8b 00", "mov eax, dword ptr cs:[rax]" },
        { "64 8b 00", "mov eax, dword ptr fs:[rax]" },
        { "26 65 8b 00", "mov eax, dword ptr gs:[rax]" },   /* last wins */
        { "65 48 8b 04 25 28 00 00 00", "mov rax, qword ptr gs:[0x28]" },
    };
    static const struct {
        const char *hex;
        X86Mode mode;
        unsigned seg;
    } segs[] = {
        { "8b 00", X86_MODE_32, X86_SEG_DS },
        { "8b 45 00", X86_MODE_32, X86_SEG_SS },
        { "8b 04 24", X86_MODE_32, X86_SEG_SS },
        { "8b 04 25 00 00 00 00", X86_MODE_32, X86_SEG_DS },
        { "3e 8b 45 00", X86_MODE_32, X86_SEG_DS },
        { "8b 02", X86_MODE_16, X86_SEG_SS },
        { "8b 46 00", X86_MODE_16, X86_SEG_SS },
        { "8b 06 00 10", X86_MODE_16, X86_SEG_DS },
        { "8b 07", X86_MODE_16, X86_SEG_DS },
        { "41 8b 45 00", X86_MODE_64, X86_SEG_DS },
        { "26 65 8b 00", X86_MODE_64, X86_SEG_GS },
    };

    CHECK(X86_MODE_64, c64);
    for (size_t i = 0; i < G_N_ELEMENTS(segs); i++) {
        X86Insn insn;

        g_assert_cmpint(decode_hex(segs[i].hex, segs[i].mode,
                                   X86_FEATURES_ALL, &insn, NULL),
                        ==, X86_DECODE_OK);
        g_assert_cmpuint(insn.op[1].kind, ==, X86_OPK_MEM);
        g_assert_cmpuint(insn.op[1].mem.seg, ==, segs[i].seg);
    }
}

/* SDM Vol. 2A, LOCK: #UD unless lockable with a memory destination. */
static void test_prefix_lock(void)
{
    static const Case c64[] = {
        { "f0 01 00", "lock add dword ptr [rax], eax" },
        { "f0 86 00", "lock xchg byte ptr [rax], al" },
        { "f0 f6 10", "lock not byte ptr [rax]" },
        { "f0 ff 00", "lock inc dword ptr [rax]" },
        { "f0 0f ba 28 01", "lock bts dword ptr [rax], 1" },
        { "f0 0f c7 08", "lock cmpxchg8b qword ptr [rax]" },
        { "f0 0f b1 08", "lock cmpxchg dword ptr [rax], ecx" },
        { "f0 0f c1 08", "lock xadd dword ptr [rax], ecx" },
        { "f0 83 00 01", "lock add dword ptr [rax], 1" },
        { "66 f0 48 0f ab 08", "lock bts qword ptr [rax], rcx" },
    };
    static const BadCase bad[] = {
        { "f0 01 c0", X86_DECODE_UD, 3 },   /* register destination */
        { "f0 03 00", X86_DECODE_UD, 3 },   /* ADD Gv, Ev */
        { "f0 8b 00", X86_DECODE_UD, 3 },   /* MOV is not lockable */
        { "f0 39 00", X86_DECODE_UD, 3 },   /* nor CMP */
        { "f0 83 38 01", X86_DECODE_UD, 4 },
        { "f0 0f a3 00", X86_DECODE_UD, 4 }, /* nor BT */
        { "f0 90", X86_DECODE_UD, 2 }, { "f0 0f c7 f0", X86_DECODE_UD, 4 },
        { "f0 a4", X86_DECODE_UD, 2 },
    };

    CHECK(X86_MODE_64, c64);
    CHECK_BAD(X86_MODE_64, bad);
}

static void test_prefix_rep(void)
{
    static const Case c64[] = {
        { "f3 a4", "rep movsb byte ptr [rdi], byte ptr [rsi]" },
        { "f2 a4", "repne movsb byte ptr [rdi], byte ptr [rsi]" },
        { "f3 48 ab", "rep stosq qword ptr [rdi], rax" },
        { "f3 a6", "repe cmpsb byte ptr [rsi], byte ptr [rdi]" },
        { "f2 a6", "repne cmpsb byte ptr [rsi], byte ptr [rdi]" },
        { "f3 f2 ae", "repne scasb al, byte ptr [rdi]" },   /* last wins */
        { "f2 f3 ae", "repe scasb al, byte ptr [rdi]" },
        { "f3 01 c0", "add eax, eax" },         /* REP means nothing here */
    };

    CHECK(X86_MODE_64, c64);
}

/* ---- ModRM, SIB and displacements ------------------------------------- */

static void test_modrm_64(void)
{
    static const Case c64[] = {
        { "8b 04 25 78 56 34 12", "mov eax, dword ptr [0x12345678]" },
        { "41 8b 04 25 78 56 34 12", "mov eax, dword ptr [0x12345678]" },
        { "8b 04 85 00 01 00 00", "mov eax, dword ptr [rax*4 + 0x100]" },
        { "8b 45 08", "mov eax, dword ptr [rbp + 8]" },
        { "8b 45 00", "mov eax, dword ptr [rbp]" },
        { "41 8b 45 00", "mov eax, dword ptr [r13]" },
        { "41 8b 44 24 f8", "mov eax, dword ptr [r12 - 8]" },
        { "41 8b 04 24", "mov eax, dword ptr [r12]" },
        { "8b 44 24 08", "mov eax, dword ptr [rsp + 8]" },
        { "8b 04 20", "mov eax, dword ptr [rax]" },          /* no index */
        { "42 8b 04 20", "mov eax, dword ptr [rax + r12]" },
        { "43 8b 44 ed 00", "mov eax, dword ptr [r13 + r13*8]" },
        { "8b 84 c8 00 01 00 00", "mov eax, dword ptr [rax + rcx*8 + 0x100]" },
        { "8b 44 c8 f0", "mov eax, dword ptr [rax + rcx*8 - 0x10]" },
        { "8b 05 00 00 00 00", "mov eax, dword ptr [rip]" },
        { "8b 05 f0 ff ff ff", "mov eax, dword ptr [rip - 0x10]" },
        { "41 8b 05 10 00 00 00", "mov eax, dword ptr [rip + 0x10]" },
        { "67 8b 05 10 00 00 00", "mov eax, dword ptr [eip + 0x10]" },
        { "67 8b 04 25 10 00 00 00", "mov eax, dword ptr [0x10]" },
        { "67 41 8b 04 24", "mov eax, dword ptr [r12d]" },
    };
    X86Insn insn;

    CHECK(X86_MODE_64, c64);
    decode_ok("8b 05 10 00 00 00", X86_MODE_64, &insn);
    g_assert_cmpuint(insn.op[1].mem.base, ==, X86_GPR_RIP);
    g_assert_cmpint(insn.op[1].mem.disp, ==, 0x10);
    g_assert_cmpuint(insn.op[1].mem.index, ==, X86_GPR_NONE);
}

static void test_modrm_32(void)
{
    static const Case c32[] = {
        { "8b 05 78 56 34 12", "mov eax, dword ptr [0x12345678]" },
        { "8b 04 24", "mov eax, dword ptr [esp]" },
        { "8b 44 24 04", "mov eax, dword ptr [esp + 4]" },
        { "8b 45 00", "mov eax, dword ptr [ebp]" },
        { "8b 04 8d 00 10 00 00", "mov eax, dword ptr [ecx*4 + 0x1000]" },
        { "8b 84 8d 00 10 00 00",
          "mov eax, dword ptr [ebp + ecx*4 + 0x1000]" },
        { "67 8b 00", "mov eax, dword ptr [bx + si]" },
    };

    CHECK(X86_MODE_32, c32);
}

/* SDM Table 2-1: the sixteen-bit forms. */
static void test_modrm_16(void)
{
    static const Case c16[] = {
        { "8b 00", "mov ax, word ptr [bx + si]" },
        { "8b 01", "mov ax, word ptr [bx + di]" },
        { "8b 02", "mov ax, word ptr [bp + si]" },
        { "8b 03", "mov ax, word ptr [bp + di]" },
        { "8b 04", "mov ax, word ptr [si]" },
        { "8b 05", "mov ax, word ptr [di]" },
        { "8b 06 34 12", "mov ax, word ptr [0x1234]" },
        { "8b 07", "mov ax, word ptr [bx]" },
        { "8b 40 05", "mov ax, word ptr [bx + si + 5]" },
        { "8b 46 fe", "mov ax, word ptr [bp - 2]" },
        { "8b 46 00", "mov ax, word ptr [bp]" },
        { "8b 86 00 10", "mov ax, word ptr [bp + 0x1000]" },
        { "8b 87 00 80", "mov ax, word ptr [bx - 0x8000]" },
        { "8b c3", "mov ax, bx" },
        { "66 8b 04", "mov eax, dword ptr [si]" },
        { "67 8b 04 24", "mov ax, word ptr [esp]" },
    };

    CHECK(X86_MODE_16, c16);
}

/* ---- immediates -------------------------------------------------------- */

static void test_immediates(void)
{
    X86Insn insn;

    decode_ok("83 c0 ff", X86_MODE_64, &insn);
    g_assert_cmpuint(insn.op[1].kind, ==, X86_OPK_IMM);
    g_assert_cmpint(insn.op[1].imm, ==, -1);
    g_assert_cmpuint(insn.op[1].size, ==, 4);

    decode_ok("48 b8 88 77 66 55 44 33 22 11", X86_MODE_64, &insn);
    g_assert_cmpuint(insn.length, ==, 10);
    g_assert_cmpint(insn.op[1].imm, ==, 0x1122334455667788ll);
    g_assert_cmpuint(insn.op[1].size, ==, 8);

    decode_ok("48 05 00 00 00 80", X86_MODE_64, &insn);
    g_assert_cmpint(insn.op[1].imm, ==, -0x80000000ll);
    g_assert_cmpuint(insn.op[1].size, ==, 8);

    decode_ok("c8 34 12 05", X86_MODE_32, &insn);
    g_assert_cmpuint(insn.op[0].size, ==, 2);
    g_assert_cmpuint((uint16_t)insn.op[0].imm, ==, 0x1234);
    g_assert_cmpint(insn.op[1].imm, ==, 5);

    decode_ok("ea 78 56 34 12 08 00", X86_MODE_32, &insn);
    g_assert_cmpuint(insn.op[0].kind, ==, X86_OPK_FAR);
    g_assert_cmpuint(insn.op[0].sel, ==, 8);
    g_assert_cmpint(insn.op[0].imm, ==, 0x12345678);

    decode_ok("eb 80", X86_MODE_64, &insn);
    g_assert_cmpuint(insn.op[0].kind, ==, X86_OPK_REL);
    g_assert_cmpint(insn.op[0].imm, ==, -128);
}

/* The whole decode of one long instruction, field by field. */
static void test_insn_fields(void)
{
    X86Insn insn;
    char text[128];

    decode_ok("f0 48 81 84 c8 78 56 34 12 ef be ad de", X86_MODE_64, &insn);
    g_assert_cmpuint(insn.mnemonic, ==, X86_ADD);
    g_assert_cmpuint(insn.length, ==, 13);
    g_assert_cmpuint(insn.map, ==, X86_MAP_ONEBYTE);
    g_assert_cmpuint(insn.opcode, ==, 0x81);
    g_assert_cmpuint(insn.prefixes, ==, X86_PFX_LOCK | X86_PFX_REX);
    g_assert_cmpuint(insn.rex, ==, 0x48);
    g_assert_true(insn.has_modrm && insn.has_sib);
    g_assert_cmpuint(insn.modrm, ==, 0x84);
    g_assert_cmpuint(insn.sib, ==, 0xc8);
    g_assert_cmpuint(insn.osize, ==, 8);
    g_assert_cmpuint(insn.asize, ==, 8);
    g_assert_cmpuint(insn.nops, ==, 2);
    g_assert_cmpuint(insn.op[0].kind, ==, X86_OPK_MEM);
    g_assert_cmpuint(insn.op[0].size, ==, 8);
    g_assert_cmpuint(insn.op[0].mem.base, ==, X86_GPR_RAX);
    g_assert_cmpuint(insn.op[0].mem.index, ==, X86_GPR_RCX);
    g_assert_cmpuint(insn.op[0].mem.scale, ==, 8);
    g_assert_cmpint(insn.op[0].mem.disp, ==, 0x12345678);
    g_assert_cmpuint(insn.op[0].mem.seg, ==, X86_SEG_DS);
    g_assert_cmpint(insn.op[1].imm, ==, (int32_t)0xdeadbeef);
    g_assert_cmpuint(insn.op[1].size, ==, 8);
    x86_insn_format(&insn, 0, text, sizeof(text));
    g_assert_cmpstr(text, ==, "lock add qword ptr [rax + rcx*8 + 0x12345678], "
                              "0xffffffffdeadbeef");

    decode_ok("0f 84 00 01 00 00", X86_MODE_64, &insn);
    g_assert_cmpuint(insn.map, ==, X86_MAP_0F);
    x86_insn_format(&insn, 0x401000, text, sizeof(text));
    g_assert_cmpstr(text, ==, "je 0x401106");
    g_assert_cmpuint(x86_insn_format(&insn, 0, text, 4), ==,
                     strlen("je 0x106"));
    g_assert_cmpstr(text, ==, "je ");
}

/* ---- limits ------------------------------------------------------------ */

/* SDM 2.3.11: more than 15 bytes is #GP, however it is reached. */
static void test_length_limit(void)
{
    static const Case ok[] = {
        { "66 66 66 66 66 66 66 66 66 66 66 66 66 01 c0", "add ax, ax" },
        { "66 67 f0 48 81 84 c8 78 56 34 12 78 56 34 12",
          "lock add qword ptr [eax + ecx*8 + 0x12345678], 0x12345678" },
    };
    static const BadCase bad[] = {
        { "66 66 66 66 66 66 66 66 66 66 66 66 66 66 01 c0",
          X86_DECODE_GP, 0 },
        { "26 66 67 f0 48 81 84 c8 78 56 34 12 78 56 34 12",
          X86_DECODE_GP, 0 },
        { "66 66 66 66 66 66 66 66 66 66 66 66 66 66 66 66",
          X86_DECODE_GP, 0 },
    };
    static const BadCase shortc[] = {
        { "0f", X86_DECODE_SHORT, 1 }, { "e8 00 00", X86_DECODE_SHORT, 1 },
        { "8b 04", X86_DECODE_SHORT, 2 }, { "8b 80 00", X86_DECODE_SHORT, 2 },
        { "66", X86_DECODE_SHORT, 1 },
    };

    CHECK(X86_MODE_64, ok);
    CHECK_BAD(X86_MODE_64, bad);
    CHECK_BAD(X86_MODE_64, shortc);
}

/* ---- CPUID gating and vendor decoding ---------------------------------- */

static void test_cpuid_gating(void)
{
    uint64_t none = 0;
    uint64_t all = X86_FEATURES_ALL;
    X86Insn insn;

    g_assert_cmpint(decode_hex("f3 0f b8 c1", X86_MODE_64, none, &insn, NULL),
                    ==, X86_DECODE_UD);
    g_assert_cmpint(decode_hex("0f 44 c1", X86_MODE_64, none, &insn, NULL),
                    ==, X86_DECODE_UD);
    g_assert_cmpint(decode_hex("9f", X86_MODE_64, none, &insn, NULL),
                    ==, X86_DECODE_UD);
    g_assert_cmpint(decode_hex("9f", X86_MODE_32, none, &insn, NULL),
                    ==, X86_DECODE_OK);
    g_assert_cmpint(decode_hex("0f 01 f9", X86_MODE_64,
                               all & ~X86_FEATURE_BIT(X86_FEAT_RDTSCP),
                               &insn, NULL), ==, X86_DECODE_UD);
    /* Without BMI1/LZCNT, F3 0F BC/BD run as BSF/BSR. */
    check_one_features(X86_MODE_64, &(Case){ "f3 0f bc c1", "bsf eax, ecx" },
                       none);
    check_one_features(X86_MODE_64, &(Case){ "f3 0f bd c1", "bsr eax, ecx" },
                       none);
    check_one_features(X86_MODE_64, &(Case){ "0f a2", "cpuid" }, none);
}

/* In 64-bit mode AMD honours 66 on near branches; Intel ignores it. */
static void test_vendor_branch_size(void)
{
    uint64_t amd = X86_FEATURES_ALL | X86_FEATURE_BIT(X86_FEAT_AMD_DECODE);

    check_text(X86_MODE_64, "66 e8 00 00 00 00", "call 6");
    check_text(X86_MODE_64, "66 0f 84 00 00 00 00", "je 7");
    check_text(X86_MODE_64, "66 c3", "ret");
    check_one_features(X86_MODE_64, &(Case){ "66 e8 00 00", "call 4" }, amd);
    check_one_features(X86_MODE_64, &(Case){ "66 0f 84 00 00", "je 5" }, amd);
    check_one_features(X86_MODE_64, &(Case){ "66 ff d0", "call ax" }, amd);
    check_one_features(X86_MODE_64, &(Case){ "48 e8 00 00 00 00", "call 6" },
                       amd);
    check_one_features(X86_MODE_64, &(Case){ "48 ff 28", "jmp far fword ptr "
                                             "[rax]" }, amd);
}

/* ---- the random comparison against capstone --------------------------- */

static const uint8_t legacy_prefixes[] = {
    0x66, 0x67, 0xf2, 0xf3, 0xf0, 0x2e, 0x3e, 0x26, 0x64, 0x65, 0x36,
};

/* Random bytes, often led by prefixes, REX and the 0F escape. */
static void random_insn(GRand *rand, X86Mode mode, uint8_t *buf, size_t n)
{
    size_t i = 0;

    while (i < 4 && g_rand_int_range(rand, 0, 10) < 3) {
        buf[i++] = legacy_prefixes[g_rand_int_range(rand, 0,
                                   G_N_ELEMENTS(legacy_prefixes))];
    }
    if (mode == X86_MODE_64 && g_rand_int_range(rand, 0, 10) < 3) {
        buf[i++] = 0x40 | g_rand_int_range(rand, 0, 16);
    }
    if (g_rand_int_range(rand, 0, 10) < 4) {
        buf[i++] = 0x0f;
    }
    while (i < n) {
        buf[i++] = g_rand_int_range(rand, 0, 256);
    }
}

/* How many prefix bytes (legacy and REX) lead the instruction. */
static unsigned count_prefixes(const uint8_t *buf, X86Mode mode)
{
    unsigned n = 0;

    while (memchr(legacy_prefixes, buf[n], sizeof(legacy_prefixes)) ||
           (mode == X86_MODE_64 && (buf[n] & 0xf0) == 0x40)) {
        n++;
    }
    return n;
}

/*
 * Where capstone 4 and the SDM part ways; the decoder follows the SDM.
 * Each entry is a length disagreement this test found, checked against
 * the manual. Returns the index of the quirk in capstone_quirks, or -1.
 */
static const char *const capstone_quirks[] = {
    "UD1 (0F B9) and UD0 (0F FF) take a ModRM (SDM Vol. 2B, UD); "
    "capstone 4 decodes them without one",
    "0F 78 is VMREAD unless 66 or F2 makes it AMD's EXTRQ/INSERTQ; "
    "capstone 4 takes a 67 prefix for 66 there",
    "near branches, RET and PUSH imm with 66 or 67 among several prefixes: "
    "capstone 4 drops a 66 that another prefix follows, and lets 67 or an "
    "ignored REX.W change the operand size (SDM 2.2.1: REX.W wins over 66, "
    "67 sizes addresses only, a REX not last is ignored)",
};

static int capstone_quirk(const X86Insn *insn, const uint8_t *buf)
{
    if (insn->map == X86_MAP_0F &&
        (insn->opcode == 0xb9 || insn->opcode == 0xff)) {
        return 0;
    }
    if (insn->map == X86_MAP_0F && insn->opcode == 0x78 &&
        (insn->prefixes & X86_PFX_ADSIZE)) {
        return 1;
    }
    if ((insn->flags & (X86_F_DEF64 | X86_F_FORCE64)) &&
        (insn->prefixes & (X86_PFX_OPSIZE | X86_PFX_ADSIZE)) &&
        count_prefixes(buf, insn->mode) >= 2) {
        return 2;
    }
    return -1;
}

/* Capstone's spellings of the same mnemonics. */
static const char *capstone_alias(const char *cs)
{
    static const char *const alias[][2] = {
        { "movabs", "mov" }, { "ljmp", "jmp far" }, { "lcall", "call far" },
        { "retfq", "retf" }, { "pushal", "pushad" }, { "popal", "popad" },
        { "pushaw", "pusha" }, { "popaw", "popa" },
        { "fxsave64", "fxsave" }, { "fxrstor64", "fxrstor" },
        { "xsave64", "xsave" }, { "xrstor64", "xrstor" },
        { "xsaveopt64", "xsaveopt" },
        { "fstpnce", "fstp" }, { "feni8087_nop", "fneni" },
        { "fdisi8087_nop", "fndisi" }, { "fsetpm", "fnsetpm" },
    };
    const char *sp;

    while ((sp = strchr(cs, ' '))) {    /* "lock add", "rep stosb" */
        cs = sp + 1;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(alias); i++) {
        if (!strcmp(cs, alias[i][0])) {
            return alias[i][1];
        }
    }
    return cs;
}

typedef struct CompareStats {
    unsigned both, agree, mine_only, capstone_only, unimpl;
    unsigned quirks[G_N_ELEMENTS(capstone_quirks)];
    unsigned same_name, notyet_both, notyet_agree;
} CompareStats;

static void report_difference(const uint8_t *buf, size_t n,
                              const X86Insn *insn, const cs_insn *ci)
{
    g_autoptr(GString) hex = g_string_new(NULL);
    char text[160];

    for (size_t k = 0; k < n; k++) {
        g_string_append_printf(hex, "%02x ", buf[k]);
    }
    x86_insn_format(insn, 0, text, sizeof(text));
    g_printerr("length differs: %s| kestrel %u '%s' | capstone %u '%s %s'\n",
               hex->str, insn->length,
               insn->mnemonic == X86_INVALID ? insn->why : text,
               ci->size, ci->mnemonic, ci->op_str);
}

static void compare_capstone(X86Mode mode, cs_mode csmode, unsigned n,
                             uint64_t features)
{
    g_autoptr(GRand) rand = g_rand_new_with_seed(0x6b657374);
    CompareStats st = { 0 };
    unsigned bad = 0;
    csh handle;

    g_assert_cmpint(cs_open(CS_ARCH_X86, csmode, &handle), ==, CS_ERR_OK);
    for (unsigned i = 0; i < n; i++) {
        uint8_t buf[16];
        X86Insn insn;
        cs_insn *ci;
        X86Status s;
        size_t count;
        int q;

        random_insn(rand, mode, buf, sizeof(buf));
        s = x86_decode(&insn, buf, sizeof(buf), mode, features);
        count = cs_disasm(handle, buf, sizeof(buf), 0, 1, &ci);
        if (s == X86_DECODE_UNIMPL) {
            st.unimpl++;
            /* Not decoded yet, but its length is known: compare that. */
            if ((insn.flags & X86_F_MODRM) && count == 1) {
                st.notyet_both++;
                if (insn.length == ci->size) {
                    st.notyet_agree++;
                } else if ((q = capstone_quirk(&insn, buf)) >= 0) {
                    st.quirks[q]++;
                } else {
                    report_difference(buf, sizeof(buf), &insn, ci);
                    bad++;
                }
            }
        } else if (s == X86_DECODE_OK && count == 1) {
            st.both++;
            if (insn.length == ci->size) {
                st.agree++;
                st.same_name += !strcmp(capstone_alias(ci->mnemonic),
                                        x86_mnemonic_name(insn.mnemonic));
            } else if ((q = capstone_quirk(&insn, buf)) >= 0) {
                st.quirks[q]++;
            } else {
                report_difference(buf, sizeof(buf), &insn, ci);
                bad++;
            }
        } else if (s == X86_DECODE_OK) {
            st.mine_only++;
        } else if (count == 1) {
            st.capstone_only++;
        }
        if (count) {
            cs_free(ci, count);
        }
    }
    cs_close(&handle);
    g_test_message("%u random: both accept %u, same length %u, known "
                   "capstone quirks %u/%u/%u; same mnemonic %u; kestrel "
                   "only %u, capstone only %u; not yet implemented %u, of "
                   "which %u with a known length, %u of them the same; "
                   "unexplained %u", n, st.both, st.agree, st.quirks[0],
                   st.quirks[1], st.quirks[2], st.same_name, st.mine_only,
                   st.capstone_only, st.unimpl, st.notyet_both,
                   st.notyet_agree, bad);
    g_assert_cmpuint(bad, ==, 0);
    g_assert_cmpuint(st.both, >, n / 2);
    /* Mnemonics are a second opinion only: capstone 4 has its own names. */
    g_assert_cmpuint(st.same_name, >, st.agree * 0.98);
}

/* Capstone follows AMD on 66-prefixed near branches; so do these runs. */
static void test_capstone_64(void)
{
    compare_capstone(X86_MODE_64, CS_MODE_64, 100000,
                     X86_FEATURES_ALL | X86_FEATURE_BIT(X86_FEAT_AMD_DECODE));
}

static void test_capstone_32(void)
{
    compare_capstone(X86_MODE_32, CS_MODE_32, 100000, X86_FEATURES_ALL);
}

static void test_capstone_16(void)
{
    compare_capstone(X86_MODE_16, CS_MODE_16, 50000, X86_FEATURES_ALL);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/decode/onebyte/alu", test_onebyte_alu);
    g_test_add_func("/decode/onebyte/seg-push-pop", test_onebyte_seg_push_pop);
    g_test_add_func("/decode/onebyte/bcd", test_onebyte_bcd);
    g_test_add_func("/decode/onebyte/inc-dec", test_onebyte_inc_dec);
    g_test_add_func("/decode/onebyte/push-pop-reg", test_onebyte_push_pop_reg);
    g_test_add_func("/decode/onebyte/60-6f", test_onebyte_60_6f);
    g_test_add_func("/decode/onebyte/84-8f", test_onebyte_84_8f);
    g_test_add_func("/decode/onebyte/90-9f", test_onebyte_90_9f);
    g_test_add_func("/decode/onebyte/a0-af", test_onebyte_a0_af);
    g_test_add_func("/decode/onebyte/b0-bf", test_onebyte_b0_bf);
    g_test_add_func("/decode/onebyte/c2-cf", test_onebyte_c2_cf);
    g_test_add_func("/decode/onebyte/e0-ef", test_onebyte_e0_ef);
    g_test_add_func("/decode/jcc", test_jcc);
    g_test_add_func("/decode/group/1", test_group1);
    g_test_add_func("/decode/group/2", test_group2);
    g_test_add_func("/decode/group/3-and-f0-fd", test_group3);
    g_test_add_func("/decode/group/4-5", test_group4_5);
    g_test_add_func("/decode/group/6", test_group6);
    g_test_add_func("/decode/group/7", test_group7);
    g_test_add_func("/decode/group/15", test_group15);
    g_test_add_func("/decode/0f/02-0f", test_0f_02_0f);
    g_test_add_func("/decode/0f/18-1f", test_0f_18_1f);
    g_test_add_func("/decode/0f/20-23", test_0f_20_23);
    g_test_add_func("/decode/0f/30-37", test_0f_30_37);
    g_test_add_func("/decode/0f/cmov-setcc", test_cmov_setcc);
    g_test_add_func("/decode/0f/a0-af", test_0f_a0_af);
    g_test_add_func("/decode/0f/b0-bf", test_0f_b0_bf);
    g_test_add_func("/decode/0f/c0-cf", test_0f_c0_cf);
    g_test_add_func("/decode/notyet", test_notyet);
    g_test_add_func("/decode/prefix/size", test_prefix_size);
    g_test_add_func("/decode/prefix/segment", test_prefix_segment);
    g_test_add_func("/decode/prefix/lock", test_prefix_lock);
    g_test_add_func("/decode/prefix/rep", test_prefix_rep);
    g_test_add_func("/decode/modrm/64", test_modrm_64);
    g_test_add_func("/decode/modrm/32", test_modrm_32);
    g_test_add_func("/decode/modrm/16", test_modrm_16);
    g_test_add_func("/decode/immediates", test_immediates);
    g_test_add_func("/decode/insn-fields", test_insn_fields);
    g_test_add_func("/decode/length-limit", test_length_limit);
    g_test_add_func("/decode/cpuid-gating", test_cpuid_gating);
    g_test_add_func("/decode/vendor-branch-size", test_vendor_branch_size);
    g_test_add_func("/decode/capstone/64", test_capstone_64);
    g_test_add_func("/decode/capstone/32", test_capstone_32);
    g_test_add_func("/decode/capstone/16", test_capstone_16);
    return g_test_run();
}
