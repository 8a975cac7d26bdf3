/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the decoder's MMX and SSE rows (target-i386/decode-0f.c,
 * decode-0f38.c, decode-0f3a.c): each row with its bytes and the
 * Intel-syntax text in 64-bit mode (texts checked against binutils'
 * objdump; Kestrel names CMPPS & co. by opcode with the predicate as an
 * immediate and leaves PBLENDVB's implicit XMM0 out), the mandatory
 * prefix rules, register-only and memory-only forms, and 32-bit mode.
 */
#include "target-i386/decode.h"

#include <glib.h>

typedef struct SseCase {
    const char *hex;
    const char *text;       /* NULL: #UD */
} SseCase;

static X86Status decode(const char *hex, X86Mode mode, X86Insn *insn,
                        size_t *n)
{
    uint8_t buf[32];

    *n = 0;
    for (const char *p = hex; *p; p++) {
        if (g_ascii_isxdigit(p[0]) && g_ascii_isxdigit(p[1])) {
            buf[(*n)++] = g_ascii_xdigit_value(p[0]) << 4 |
                          g_ascii_xdigit_value(p[1]);
            p++;
        }
    }
    return x86_decode(insn, buf, *n, mode, X86_FEATURES_ALL);
}

static void check(X86Mode mode, const SseCase *cases, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        const SseCase *c = &cases[i];
        X86Insn insn;
        size_t n;
        char text[160];
        X86Status st = decode(c->hex, mode, &insn, &n);
        g_autofree char *got = NULL, *want = NULL;

        x86_insn_format(&insn, 0, text, sizeof(text));
        got = g_strdup_printf("%s => %s %s (%u)", c->hex,
                              x86_status_name(st),
                              st == X86_DECODE_OK ? text : "", insn.length);
        want = c->text ? g_strdup_printf("%s => ok %s (%zu)", c->hex,
                                         c->text, n)
                       : g_strdup_printf("%s => #UD  (%u)", c->hex,
                                         insn.length);
        g_assert_cmpstr(got, ==, want);
    }
}

#define CHECK(mode, cases) check(mode, cases, G_N_ELEMENTS(cases))

static void test_rows_64(void)
{
    static const SseCase c[] = {
        { "0f 10 c1", "movups xmm0, xmm1" },
        { "66 0f 10 44 24 10", "movupd xmm0, xmmword ptr [rsp + 0x10]" },
        { "f3 0f 10 08", "movss xmm1, dword ptr [rax]" },
        { "f2 0f 11 08", "movsd qword ptr [rax], xmm1" },
        { "66 f3 0f 10 c1", "movss xmm0, xmm1" },
        { "0f 12 c1", "movhlps xmm0, xmm1" },
        { "0f 12 08", "movlps xmm1, qword ptr [rax]" },
        { "66 0f 13 08", "movlpd qword ptr [rax], xmm1" },
        { "0f 16 ca", "movlhps xmm1, xmm2" },
        { "f3 0f 16 c1", "movshdup xmm0, xmm1" },
        { "f2 0f 12 c1", "movddup xmm0, xmm1" },
        { "0f 28 c1", "movaps xmm0, xmm1" },
        { "66 0f 29 08", "movapd xmmword ptr [rax], xmm1" },
        { "f3 48 0f 2a c0", "cvtsi2ss xmm0, rax" },
        { "f2 0f 2a 00", "cvtsi2sd xmm0, dword ptr [rax]" },
        { "f3 0f 2c c1", "cvttss2si eax, xmm1" },
        { "f2 48 0f 2d c1", "cvtsd2si rax, xmm1" },
        { "0f 2d c1", "cvtps2pi mm0, xmm1" },
        { "66 0f 2c c1", "cvttpd2pi mm0, xmm1" },
        { "0f 2e c1", "ucomiss xmm0, xmm1" },
        { "66 0f 2f 00", "comisd xmm0, qword ptr [rax]" },
        { "0f 50 c1", "movmskps eax, xmm1" },
        { "66 0f 51 c1", "sqrtpd xmm0, xmm1" },
        { "0f 52 c1", "rsqrtps xmm0, xmm1" },
        { "f3 0f 53 c1", "rcpss xmm0, xmm1" },
        { "0f 54 c1", "andps xmm0, xmm1" },
        { "66 0f 57 c1", "xorpd xmm0, xmm1" },
        { "f2 0f 58 c1", "addsd xmm0, xmm1" },
        { "f3 0f 59 c1", "mulss xmm0, xmm1" },
        { "0f 5a c1", "cvtps2pd xmm0, xmm1" },
        { "66 0f 5a c1", "cvtpd2ps xmm0, xmm1" },
        { "f3 0f 5b c1", "cvttps2dq xmm0, xmm1" },
        { "0f 5c c1", "subps xmm0, xmm1" },
        { "66 0f 5d c1", "minpd xmm0, xmm1" },
        { "f2 0f 5e c1", "divsd xmm0, xmm1" },
        { "f3 0f 5f c1", "maxss xmm0, xmm1" },
        { "0f 60 c1", "punpcklbw mm0, mm1" },
        { "0f 60 00", "punpcklbw mm0, dword ptr [rax]" },
        { "66 0f 60 c1", "punpcklbw xmm0, xmm1" },
        { "66 0f 6c c1", "punpcklqdq xmm0, xmm1" },
        { "0f 6e c0", "movd mm0, eax" },
        { "48 0f 6e c0", "movq mm0, rax" },
        { "66 0f 6e c0", "movd xmm0, eax" },
        { "66 48 0f 6e c0", "movq xmm0, rax" },
        { "0f 6f c1", "movq mm0, mm1" },
        { "66 0f 6f 00", "movdqa xmm0, xmmword ptr [rax]" },
        { "f3 0f 6f 00", "movdqu xmm0, xmmword ptr [rax]" },
        { "0f 70 c1 1b", "pshufw mm0, mm1, 0x1b" },
        { "66 0f 70 c1 1b", "pshufd xmm0, xmm1, 0x1b" },
        { "f3 0f 70 c1 1b", "pshufhw xmm0, xmm1, 0x1b" },
        { "f2 0f 70 c1 1b", "pshuflw xmm0, xmm1, 0x1b" },
        { "0f 71 d0 03", "psrlw mm0, 3" },
        { "66 0f 71 e0 03", "psraw xmm0, 3" },
        { "66 0f 72 f0 03", "pslld xmm0, 3" },
        { "66 0f 73 d8 04", "psrldq xmm0, 4" },
        { "66 0f 73 f8 04", "pslldq xmm0, 4" },
        { "0f 73 d0 04", "psrlq mm0, 4" },
        { "0f 74 c1", "pcmpeqb mm0, mm1" },
        { "66 0f 76 c1", "pcmpeqd xmm0, xmm1" },
        { "0f 77", "emms" },
        { "66 0f 7c c1", "haddpd xmm0, xmm1" },
        { "f2 0f 7d c1", "hsubps xmm0, xmm1" },
        { "0f 7e c0", "movd eax, mm0" },
        { "66 48 0f 7e c0", "movq rax, xmm0" },
        { "f3 0f 7e c1", "movq xmm0, xmm1" },
        { "0f 7f 00", "movq qword ptr [rax], mm0" },
        { "66 0f 7f 00", "movdqa xmmword ptr [rax], xmm0" },
        { "66 0f c2 c1 03", "cmppd xmm0, xmm1, 3" },
        { "f2 0f c2 c1 07", "cmpsd xmm0, xmm1, 7" },
        { "0f c4 c0 02", "pinsrw mm0, eax, 2" },
        { "66 0f c4 00 02", "pinsrw xmm0, word ptr [rax], 2" },
        { "66 0f c5 c1 02", "pextrw eax, xmm1, 2" },
        { "0f c6 c1 1b", "shufps xmm0, xmm1, 0x1b" },
        { "66 0f d0 c1", "addsubpd xmm0, xmm1" },
        { "66 0f d6 00", "movq qword ptr [rax], xmm0" },
        { "f3 0f d6 c1", "movq2dq xmm0, mm1" },
        { "f2 0f d6 c1", "movdq2q mm0, xmm1" },
        { "66 0f d7 c1", "pmovmskb eax, xmm1" },
        { "66 0f e6 c1", "cvttpd2dq xmm0, xmm1" },
        { "f3 0f e6 c1", "cvtdq2pd xmm0, xmm1" },
        { "f2 0f e6 c1", "cvtpd2dq xmm0, xmm1" },
        { "66 0f e7 00", "movntdq xmmword ptr [rax], xmm0" },
        { "0f e7 00", "movntq qword ptr [rax], mm0" },
        { "f2 0f f0 00", "lddqu xmm0, xmmword ptr [rax]" },
        { "66 0f f7 c1", "maskmovdqu xmm0, xmm1" },
        { "0f f7 c1", "maskmovq mm0, mm1" },
        { "66 44 0f fe c1", "paddd xmm8, xmm1" },
        { "0f 38 00 c1", "pshufb mm0, mm1" },
        { "66 0f 38 00 c1", "pshufb xmm0, xmm1" },
        { "66 0f 38 04 c1", "pmaddubsw xmm0, xmm1" },
        { "66 0f 38 10 c1", "pblendvb xmm0, xmm1" },
        { "66 0f 38 17 c1", "ptest xmm0, xmm1" },
        { "66 0f 38 20 c1", "pmovsxbw xmm0, xmm1" },
        { "66 0f 38 22 00", "pmovsxbq xmm0, word ptr [rax]" },
        { "66 0f 38 2a 00", "movntdqa xmm0, xmmword ptr [rax]" },
        { "66 0f 38 37 c1", "pcmpgtq xmm0, xmm1" },
        { "66 0f 38 41 c1", "phminposuw xmm0, xmm1" },
        { "f2 0f 38 f0 c1", "crc32 eax, cl" },
        { "f2 48 0f 38 f1 c1", "crc32 rax, rcx" },
        { "66 f2 0f 38 f1 c1", "crc32 eax, cx" },
        { "66 0f 3a 08 c1 04", "roundps xmm0, xmm1, 4" },
        { "66 0f 3a 0b c1 01", "roundsd xmm0, xmm1, 1" },
        { "66 0f 3a 0f c1 08", "palignr xmm0, xmm1, 8" },
        { "0f 3a 0f c1 03", "palignr mm0, mm1, 3" },
        { "66 0f 3a 14 c0 01", "pextrb eax, xmm0, 1" },
        { "66 0f 3a 16 c0 01", "pextrd eax, xmm0, 1" },
        { "66 48 0f 3a 16 c0 01", "pextrq rax, xmm0, 1" },
        { "66 0f 3a 17 c0 01", "extractps eax, xmm0, 1" },
        { "66 0f 3a 20 c0 01", "pinsrb xmm0, eax, 1" },
        { "66 0f 3a 21 c1 10", "insertps xmm0, xmm1, 0x10" },
        { "66 48 0f 3a 22 c0 01", "pinsrq xmm0, rax, 1" },
        { "66 0f 3a 40 c1 ff", "dpps xmm0, xmm1, 0xff" },
        { "66 0f 3a 42 c1 05", "mpsadbw xmm0, xmm1, 5" },
        { "66 0f 3a 63 c1 0c", "pcmpistri xmm0, xmm1, 0xc" },
        { "66 0f 3a 60 00 0c", "pcmpestrm xmm0, xmmword ptr [rax], 0xc" },
        { "66 48 0f 3a 61 c1 1a", "pcmpestri xmm0, xmm1, 0x1a" },
        { "0f 38 f0 00", "movbe eax, dword ptr [rax]" },
        { "48 0f 38 f1 08", "movbe qword ptr [rax], rcx" },
        { "66 0f 38 f0 08", "movbe cx, word ptr [rax]" },
        { "66 0f 3a 44 c1 11", "pclmulqdq xmm0, xmm1, 0x11" },
        { "66 0f 38 db c1", "aesimc xmm0, xmm1" },
        { "66 0f 38 dc 44 24 10", "aesenc xmm0, xmmword ptr [rsp + 0x10]" },
        { "66 0f 38 dd c1", "aesenclast xmm0, xmm1" },
        { "66 0f 38 de c1", "aesdec xmm0, xmm1" },
        { "66 0f 38 df c1", "aesdeclast xmm0, xmm1" },
        { "66 0f 3a df c1 36", "aeskeygenassist xmm0, xmm1, 0x36" },
    };

    CHECK(X86_MODE_64, c);
}

/* Reserved prefix columns, register-only and memory-only forms. */
static void test_ud(void)
{
    static const SseCase c[] = {
        { "66 0f 52 c1", NULL },            /* no RSQRTPD */
        { "f3 0f 13 08", NULL },
        { "0f 13 c1", NULL },               /* MOVLPS store needs memory */
        { "66 0f 12 c1", NULL },            /* MOVLPD load needs memory */
        { "0f 2b c1", NULL },
        { "0f 50 00", NULL },               /* MOVMSKPS needs a register */
        { "66 0f d7 00", NULL },
        { "0f c5 00 01", NULL },
        { "0f 71 00 01", NULL },            /* shift groups: registers */
        { "f3 0f 71 d0 01", NULL },
        { "0f 73 d8 01", NULL },            /* PSRLDQ needs 66 */
        { "0f 71 c0 01", NULL },            /* group 12 /0 */
        { "66 0f 77", NULL },
        { "f3 0f 38 00 c1", NULL },
        { "0f 38 10 c1", NULL },            /* PBLENDVB needs 66 */
        { "f3 0f 3a 0f c1 01", NULL },
        { "0f 3a 08 c1 01", NULL },
        { "f2 0f f0 c1", NULL },            /* LDDQU needs memory */
        { "66 0f 38 2a c1", NULL },
        { "0f 38 f0 c1", NULL },            /* MOVBE needs memory */
        { "f3 0f 38 f0 00", NULL },
        { "0f 38 dc c1", NULL },            /* AES needs 66 */
        { "0f 3a 44 c1 00", NULL },         /* PCLMULQDQ needs 66 */
    };

    CHECK(X86_MODE_64, c);
}

static void test_rows_32(void)
{
    static const SseCase c[] = {
        { "66 0f 6f 44 24 10", "movdqa xmm0, xmmword ptr [esp + 0x10]" },
        { "0f 6e c0", "movd mm0, eax" },
        { "66 0f 7e c0", "movd eax, xmm0" },
        { "f3 0f 2a c0", "cvtsi2ss xmm0, eax" },
        { "f2 0f 38 f1 c1", "crc32 eax, ecx" },
        { "66 0f 3a 16 c0 01", "pextrd eax, xmm0, 1" },
        { "0f 73 f8 01", NULL },        /* PSLLDQ needs 66 */
    };

    CHECK(X86_MODE_32, c);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/decode-sse/rows-64", test_rows_64);
    g_test_add_func("/decode-sse/ud", test_ud);
    g_test_add_func("/decode-sse/rows-32", test_rows_32);
    return g_test_run();
}
