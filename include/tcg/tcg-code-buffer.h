/* SPDX-License-Identifier: MIT */
/*
 * The executable buffer generated code lives in: one mmap'd region,
 * mapped read-write-execute, or — where the host refuses RWX — the same
 * memfd mapped twice (a writable view and an executable view). Code is
 * written through the rw pointer and run through the rx pointer; on a
 * single RWX mapping they are equal. The buffer fills from the start;
 * when it is full the accelerator flushes its block tables and resets it.
 */
#ifndef TCG_TCG_CODE_BUFFER_H
#define TCG_TCG_CODE_BUFFER_H

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct TCGCodeBuffer {
    uint8_t *rw;            /* write view */
    uint8_t *rx;            /* execute view (== rw when RWX) */
    size_t size;
    size_t used;            /* bytes committed */
    size_t reserved;        /* bytes kept across resets (prologue) */
};

typedef struct TCGCodeBuffer TCGCodeBuffer;

/* RWX if the host allows it, else split. */
TCGCodeBuffer *tcg_code_buffer_new(size_t size, GError **errp);
/* Always two views of one memfd (W^X hosts, and to test that path). */
TCGCodeBuffer *tcg_code_buffer_new_split(size_t size, GError **errp);
void tcg_code_buffer_free(TCGCodeBuffer *b);

/* Free space starts here (write view). */
static inline uint8_t *tcg_code_buffer_free_ptr(TCGCodeBuffer *b)
{
    return b->rw + b->used;
}

static inline size_t tcg_code_buffer_avail(TCGCodeBuffer *b)
{
    return b->size - b->used;
}

/* Keep @n bytes written at the free pointer; the next start is aligned. */
void tcg_code_buffer_commit(TCGCodeBuffer *b, size_t n);
/* Drop every block (everything after the reserved prologue). */
void tcg_code_buffer_reset(TCGCodeBuffer *b);

/* The executable address of a pointer into the write view. */
static inline const void *tcg_code_buffer_rx(TCGCodeBuffer *b, const void *rw)
{
    return b->rx + ((const uint8_t *)rw - b->rw);
}

#endif
