/* SPDX-License-Identifier: MIT */
/*
 * The fixture of the tcg/ unit tests (test-tcg.c: the backend, generated
 * code run on a fake env; test-tcg-ir.c: the op list, optimizer,
 * liveness, dumps): a fake env struct, a TCGContext with globals r0-r7
 * and w0-w3 over it, and helpers to generate, run and print a block.
 */
#ifndef TESTS_UNIT_TCG_FIXTURE_H
#define TESTS_UNIT_TCG_FIXTURE_H

#include "tcg/tcg-op.h"
#include "tcg/tcg-code-buffer.h"

#include <stddef.h>
#include <stdint.h>

typedef struct FakeEnv {
    uint64_t r[8];
    uint32_t w[4];
    uint8_t b[16];
    uint64_t calls;
    uint8_t guest_ram[64];
    void *tlb;                  /* a fake softmmu TLB (TCGTLBDesc) */
} FakeEnv;

typedef struct Fixture {
    TCGCodeBuffer *buf;
    TCGContext *s;
    TCGv r[8];
    TCGv w[4];
    TCGv env;
    void *code;
    int size;
} Fixture;

void fx_init_buf(Fixture *f, TCGCodeBuffer *buf);
void fx_init_size(Fixture *f, size_t size);
/* A 1 MiB code buffer. */
void fx_init(Fixture *f);
void fx_free(Fixture *f);
/* Generate the current ops into the buffer (f->code, f->size). */
void fx_gen(Fixture *f);
/* Generate the current ops, run them on @env, start the next block. */
uintptr_t fx_run(Fixture *f, FakeEnv *env);
/* The op list as -d op prints it (g_free it). */
char *fx_dump(Fixture *f);
/* Optimize the op list, then fx_dump. */
char *fx_optimize(Fixture *f);

#endif
