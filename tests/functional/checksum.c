/* SPDX-License-Identifier: MIT */
/*
 * checksum: a small static program that test-linux.py runs both on the
 * host and inside Linux under Kestrel, comparing what it prints. Each
 * line is one area of ordinary compiled code: integer arithmetic
 * (multiplies, divides, shifts, rotates), memcpy/memmove/memset of odd
 * sizes and alignments (glibc picks SSE2 routines), qsort with a
 * comparison callback, and double math (sqrt, sin, exp, log, pow through
 * libm, and integer conversions). Every result is folded into a 64-bit
 * FNV-1a hash printed in hex, so one wrong bit anywhere shows.
 *
 * Build: gcc -static -O2 -o checksum checksum.c -lm
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;

    for (size_t i = 0; i < n; i++) {
        h = (h ^ b[i]) * 0x100000001b3ull;
    }
    return h;
}

static uint64_t fnv_u64(uint64_t h, uint64_t v)
{
    return fnv(h, &v, sizeof(v));
}

static uint64_t xorshift(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static uint64_t check_integer(void)
{
    uint64_t h = 0xcbf29ce484222325ull, s = 88172645463325252ull;

    for (int i = 0; i < 200000; i++) {
        uint64_t a = xorshift(&s), b = xorshift(&s) | 1;
        int64_t sa = (int64_t)a, sb = (int64_t)(b >> (i & 31)) | 1;
        unsigned r = i & 63;

        h = fnv_u64(h, a * b);
        h = fnv_u64(h, a / b + a % b);
        h = fnv_u64(h, (uint64_t)(sa / sb) ^ (uint64_t)(sa % sb));
        h = fnv_u64(h, (a << r) | (a >> ((64 - r) & 63)));
        h = fnv_u64(h, (uint64_t)((unsigned __int128)a * b >> 64));
        h = fnv_u64(h, (uint32_t)a / ((uint32_t)b | 1) + __builtin_popcountll(a) +
                       __builtin_clzll(b) + __builtin_ctzll(b));
    }
    return h;
}

static uint64_t check_memcpy(void)
{
    enum { N = 1 << 16 };
    unsigned char *src = malloc(N), *dst = malloc(N);
    uint64_t h = 0xcbf29ce484222325ull, s = 0x9e3779b97f4a7c15ull;

    for (int i = 0; i < N; i++) {
        src[i] = (unsigned char)xorshift(&s);
    }
    memset(dst, 0x5a, N);
    for (int i = 0; i < 4000; i++) {
        size_t off = xorshift(&s) % (N / 2), doff = xorshift(&s) % (N / 2);
        size_t len = xorshift(&s) % (N / 2 - 1) + 1;

        switch (i % 3) {
        case 0:
            memcpy(dst + doff, src + off, len);
            break;
        case 1:
            memmove(dst + doff, dst + off, len);
            break;
        default:
            memset(dst + doff, (int)(len & 0xff), len % 4096);
            break;
        }
        h = fnv_u64(h, (uint64_t)memcmp(dst, src, N / 4) + 7);
    }
    h = fnv(h, dst, N);
    free(src);
    free(dst);
    return h;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

    return (x > y) - (x < y);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

static uint64_t check_qsort(void)
{
    enum { N = 100000 };
    uint32_t *v = malloc(N * sizeof(*v));
    double *d = malloc(N * sizeof(*d));
    uint64_t h = 0xcbf29ce484222325ull, s = 2463534242ull;

    for (int i = 0; i < N; i++) {
        v[i] = (uint32_t)xorshift(&s);
        d[i] = (double)(int64_t)xorshift(&s) / 3.0;
    }
    qsort(v, N, sizeof(*v), cmp_u32);
    qsort(d, N, sizeof(*d), cmp_double);
    h = fnv(h, v, N * sizeof(*v));
    h = fnv(h, d, N * sizeof(*d));
    free(v);
    free(d);
    return h;
}

static uint64_t check_double(void)
{
    uint64_t h = 0xcbf29ce484222325ull, s = 0x2545f4914f6cdd1dull;
    double acc = 0;

    for (int i = 1; i < 100000; i++) {
        double x = (double)(xorshift(&s) >> 11) / (double)(1ull << 53);
        double y = x * 200.0 - 100.0, r[6];

        r[0] = sqrt(x * i);
        r[1] = sin(y) * cos(y / 3);
        r[2] = exp(y / 20) - log1p(x);
        r[3] = log(x + 1e-9) * atan2(y, i);
        r[4] = pow(x + 0.5, y / 10);
        r[5] = fma(x, y, acc) / (1.0 + fabs(y));
        acc = fmod(acc + r[1] * r[2], 1e6);
        h = fnv(h, r, sizeof(r));
        h = fnv_u64(h, (uint64_t)(int64_t)(y * 1e9) ^ (uint64_t)lround(r[0]));
    }
    h = fnv(h, &acc, sizeof(acc));
    return h;
}

int main(void)
{
    printf("integer %016llx\n", (unsigned long long)check_integer());
    printf("memcpy %016llx\n", (unsigned long long)check_memcpy());
    printf("qsort %016llx\n", (unsigned long long)check_qsort());
    printf("double %016llx\n", (unsigned long long)check_double());
    return 0;
}
