/* SPDX-License-Identifier: MIT */
/*
 * The guest workload of bench/run: ten small programs that stress the
 * parts of an emulator one at a time (straight-line integer code, memory
 * bandwidth, data-dependent branches and calls, indirect jumps, system
 * calls, process creation, page faults, floating point, string
 * functions, calls and returns between pages). Built with
 * `gcc -O2 -static` and run the same way natively, under Kestrel and under
 * a peer, so the three can be compared: each workload times itself with
 * CLOCK_MONOTONIC and prints
 *
 *     name ns checksum
 *
 * The checksum depends only on the work done (fixed seeds, no pids, no
 * addresses, no times), so equal checksums mean the three runs computed
 * the same thing. The amount of work is the command line's scale factor
 * times a base size chosen so that each workload takes about 0.2-1 s on a
 * 2.6 GHz host at scale 1.
 *
 *     workload [SCALE] [NAME...]      (default 1, every workload)
 *
 * BENCH-BEGIN and BENCH-END lines around the run let the host compare the
 * guest's clock with its own.
 */

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

typedef uint64_t WorkloadFn(uint64_t n);

typedef struct Workload {
    const char *name;
    WorkloadFn *fn;
    uint64_t base;      /* units of work at scale 1 */
} Workload;

static uint64_t xorshift64(uint64_t *s)
{
    uint64_t x = *s;

    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return *s = x;
}

static uint64_t fnv64(uint64_t h, uint64_t v)
{
    for (int i = 0; i < 8; i++) {
        h ^= (v >> (i * 8)) & 0xff;
        h *= 0x100000001b3ull;
    }
    return h;
}

/* Integer ALU: a dependent chain of add, xor, shifts, rotates, multiply. */
static uint64_t work_alu(uint64_t n)
{
    uint64_t a = 0x9e3779b97f4a7c15ull, b = 1, c = 0x1234;

    for (uint64_t i = 0; i < n; i++) {
        a += b ^ (c >> 3);
        b = (b << 7 | b >> 57) + a;
        c ^= a * 0x5851f42d4c957f2dull;
        c -= i;
    }
    return a ^ b ^ c;
}

/* Large memcpy: a 16 MiB block copied back and forth, n MiB in all. */
static uint64_t work_memcpy(uint64_t n)
{
    const size_t size = 16u << 20;
    uint8_t *x = malloc(size), *y = malloc(size);
    uint64_t s = 42, h = 0xcbf29ce484222325ull;

    if (!x || !y) {
        perror("malloc");
        exit(1);
    }
    for (size_t i = 0; i < size; i += 8) {
        uint64_t v = xorshift64(&s);
        memcpy(x + i, &v, 8);
    }
    for (uint64_t done = 0; done < n; done += 32) {
        /* an offset that changes each round keeps the copy unaligned half the time */
        size_t off = done / 32 % 4;
        memcpy(y + off, x, size - 4);
        memcpy(x, y + off, size - 4);
        x[done % size] ^= (uint8_t)done;
    }
    for (size_t i = 0; i < (1u << 20); i += 32) {      /* where x was changed */
        h = fnv64(h, x[i]);
    }
    for (size_t i = 0; i < size; i += 4093) {
        h = fnv64(h, x[i]);
    }
    free(x);
    free(y);
    return h;
}

static int cmp_u32(const void *pa, const void *pb)
{
    uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;

    return (a > b) - (a < b);
}

/* qsort: n pseudo-random 32-bit keys through libc's qsort and a comparator. */
static uint64_t work_qsort(uint64_t n)
{
    uint32_t *v = malloc(n * sizeof(*v));
    uint64_t s = 7, h = 0xcbf29ce484222325ull;

    if (!v) {
        perror("malloc");
        exit(1);
    }
    for (uint64_t i = 0; i < n; i++) {
        v[i] = (uint32_t)xorshift64(&s);
    }
    qsort(v, n, sizeof(*v), cmp_u32);
    for (uint64_t i = 0; i < n; i += 97) {
        h = fnv64(h, v[i]);
    }
    free(v);
    return h;
}

/*
 * An interpreter: a small bytecode program (a counted loop of arithmetic
 * on eight registers) dispatched through a table of label addresses, one
 * indirect jump per instruction, as threaded interpreters do.
 */
enum { OP_ADD, OP_XOR, OP_SHL, OP_MUL, OP_DEC, OP_JNZ, OP_HALT };

typedef struct Insn {
    uint8_t op, a, b, c;
} Insn;

static uint64_t work_interp(uint64_t n)
{
    static const Insn prog[] = {
        { OP_ADD, 1, 1, 2 }, { OP_XOR, 2, 2, 1 }, { OP_SHL, 3, 1, 5 },
        { OP_MUL, 4, 4, 3 }, { OP_ADD, 5, 5, 4 }, { OP_XOR, 6, 6, 5 },
        { OP_ADD, 7, 7, 6 }, { OP_DEC, 0, 0, 0 }, { OP_JNZ, 0, 0, 0 },
        { OP_HALT, 0, 0, 0 },
    };
    static const void *const dispatch[] = {
        &&op_add, &&op_xor, &&op_shl, &&op_mul, &&op_dec, &&op_jnz, &&op_halt,
    };
    uint64_t r[8] = { n, 1, 2, 3, 5, 8, 13, 21 };
    const Insn *pc = prog;

#define NEXT goto *dispatch[pc->op]
    NEXT;
op_add:
    r[pc->a] = r[pc->b] + r[pc->c];
    pc++;
    NEXT;
op_xor:
    r[pc->a] = r[pc->b] ^ (r[pc->c] >> 1);
    pc++;
    NEXT;
op_shl:
    r[pc->a] = r[pc->b] << (pc->c & 63);
    pc++;
    NEXT;
op_mul:
    r[pc->a] = r[pc->b] * (r[pc->c] | 1);
    pc++;
    NEXT;
op_dec:
    r[pc->a]--;
    pc++;
    NEXT;
op_jnz:
    pc = r[pc->a] ? prog : pc + 1;
    NEXT;
op_halt:
#undef NEXT
    return r[1] ^ r[2] ^ r[3] ^ r[4] ^ r[5] ^ r[6] ^ r[7];
}

/* System calls: umask(2) (cheap, deterministic, answers with the old mask). */
static uint64_t work_syscall(uint64_t n)
{
    uint64_t h = 0;

    for (uint64_t i = 0; i < n; i++) {
        h = h * 31 + (uint64_t)syscall(SYS_umask, (mode_t)(i & 077));
    }
    syscall(SYS_umask, 022);
    return h;
}

/* fork + wait: n children that exit at once with a status of their own. */
static uint64_t work_fork(uint64_t n)
{
    uint64_t h = 0;

    for (uint64_t i = 0; i < n; i++) {
        int status;
        pid_t pid = fork();

        if (pid < 0) {
            perror("fork");
            exit(1);
        }
        if (pid == 0) {
            _exit((int)(i * 7 % 251));
        }
        if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) {
            perror("waitpid");
            exit(1);
        }
        h = h * 31 + (uint64_t)WEXITSTATUS(status);
    }
    return h;
}

/* mmap + touch + munmap: n rounds of a fresh 1 MiB anonymous mapping. */
static uint64_t work_mmap(uint64_t n)
{
    const size_t size = 1u << 20;
    uint64_t h = 0;

    for (uint64_t i = 0; i < n; i++) {
        uint8_t *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

        if (p == MAP_FAILED) {
            perror("mmap");
            exit(1);
        }
        for (size_t off = 0; off < size; off += 4096) {
            p[off] = (uint8_t)(off >> 12 ^ i);
        }
        for (size_t off = 0; off < size; off += 4096 * 16) {
            h += p[off];
        }
        munmap(p, size);
    }
    return h;
}

/*
 * Double precision: a Mandelbrot-style iteration and a square root per
 * step (add, mul, div, sqrt, compare; IEEE-exact, so every CPU and
 * emulator must give the same bits).
 */
static uint64_t work_double(uint64_t n)
{
    double acc = 0.0, cr = -0.75, ci = 0.1;
    double zr = 0.0, zi = 0.0;
    uint64_t bits;

    for (uint64_t i = 0; i < n; i++) {
        double t = zr * zr - zi * zi + cr;

        zi = 2.0 * zr * zi + ci;
        zr = t;
        if (zr * zr + zi * zi > 4.0) {
            zr = (double)(i & 255) / 256.0;
            zi = 0.0;
        }
        acc += __builtin_sqrt(zr * zr + zi * zi) / (1.0 + (double)(i & 7));
    }
    memcpy(&bits, &acc, sizeof(bits));
    return bits;
}

/*
 * glibc's string functions on a 64 KiB buffer: strlen from a moving
 * start to a moving terminator, and memchr for a byte that is there
 * every other round (the vector compare-and-mask loops of libc).
 */
static uint64_t work_strings(uint64_t n)
{
    const size_t size = 64u << 10;
    char *buf = malloc(size);
    uint64_t h = 0xcbf29ce484222325ull;

    if (!buf) {
        perror("malloc");
        exit(1);
    }
    memset(buf, 'x', size - 1);
    buf[size - 1] = 0;
    for (uint64_t i = 0; i < n; i++) {
        size_t end = size - 4096 + (i * 7 % 4000);
        const char *hit;

        buf[end] = 0;
        buf[end - 100 - (i & 255)] = (i & 1) ? 'y' : 'x';
        h = fnv64(h, strlen(buf + (i & 15)));
        hit = memchr(buf, 'y', size);
        h = fnv64(h, hit ? (uint64_t)(hit - buf) : 0);
        buf[end] = 'x';
        buf[end - 100 - (i & 255)] = 'x';
    }
    free(buf);
    return h;
}

/*
 * Calls to and returns from small functions that each lie on a page of
 * their own, as calls between a program's functions and its libraries
 * mostly are: an emulator cannot chain such a call as it chains a jump
 * within a page, and every return is an indirect jump.
 */
#define PAGE_FN __attribute__((noinline, aligned(4096)))

static PAGE_FN uint64_t calls_mix(uint64_t x)
{
    __asm__ volatile("");
    return x * 3 + 1;
}

static PAGE_FN uint64_t calls_rot(uint64_t x)
{
    __asm__ volatile("");
    return (x << 7 | x >> 57) ^ 0x55;
}

static uint64_t work_calls(uint64_t n)
{
    uint64_t x = 1;

    for (uint64_t i = 0; i < n; i++) {
        x = calls_mix(x);
        x = calls_rot(x);
    }
    return x;
}

static const Workload workloads[] = {
    { "alu",     work_alu,     200000000 },
    { "memcpy",  work_memcpy,  8192 },
    { "qsort",   work_qsort,   4000000 },
    { "interp",  work_interp,  40000000 },
    { "syscall", work_syscall, 3000000 },
    { "fork",    work_fork,    1000 },
    { "mmap",    work_mmap,    1000 },
    { "double",  work_double,  100000000 },
    { "strings", work_strings, 100000 },
    { "calls",   work_calls,   100000000 },
};

static uint64_t now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static int wanted(int argc, char **argv, const char *name)
{
    if (argc <= 2) {
        return 1;
    }
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], name)) {
            return 1;
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    double scale = argc > 1 ? strtod(argv[1], NULL) : 1.0;
    uint64_t begin;

    if (scale <= 0) {
        fprintf(stderr, "usage: %s [SCALE] [NAME...]\n", argv[0]);
        return 2;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    printf("BENCH-BEGIN scale=%g\n", scale);
    begin = now_ns();
    for (size_t i = 0; i < sizeof(workloads) / sizeof(workloads[0]); i++) {
        const Workload *w = &workloads[i];
        uint64_t n, t0, sum;

        if (!wanted(argc, argv, w->name)) {
            continue;
        }
        n = (uint64_t)(w->base * scale);
        n = n ? n : 1;
        t0 = now_ns();
        sum = w->fn(n);
        printf("%s %" PRIu64 " %016" PRIx64 "\n", w->name, now_ns() - t0, sum);
    }
    printf("BENCH-END ns=%" PRIu64 "\n", now_ns() - begin);
    return 0;
}
