/* SPDX-License-Identifier: MIT */
/*
 * The executable code buffer. An anonymous RWX mapping is tried first;
 * if the host forbids it (SELinux execmem, PaX), a memfd is mapped twice,
 * once writable and once executable, and the generator writes through
 * one view while the CPU runs the other.
 */
#include "tcg/tcg-code-buffer.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define CODE_ALIGN 16

static bool map_dual(TCGCodeBuffer *b, GError **errp)
{
    int fd = memfd_create("kestrel-jit", MFD_CLOEXEC);
    void *rw, *rx;

    if (fd < 0 || ftruncate(fd, b->size) < 0) {
        g_set_error(errp, G_FILE_ERROR, g_file_error_from_errno(errno),
                    "code buffer: memfd: %s", g_strerror(errno));
        if (fd >= 0) {
            close(fd);
        }
        return false;
    }
    rw = mmap(NULL, b->size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    rx = mmap(NULL, b->size, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0);
    close(fd);
    if (rw == MAP_FAILED || rx == MAP_FAILED) {
        g_set_error(errp, G_FILE_ERROR, g_file_error_from_errno(errno),
                    "code buffer: mmap: %s", g_strerror(errno));
        if (rw != MAP_FAILED) {
            munmap(rw, b->size);
        }
        if (rx != MAP_FAILED) {
            munmap(rx, b->size);
        }
        return false;
    }
    b->rw = rw;
    b->rx = rx;
    return true;
}

TCGCodeBuffer *tcg_code_buffer_new(size_t size, GError **errp)
{
    TCGCodeBuffer *b = g_new0(TCGCodeBuffer, 1);
    void *p;

    b->size = size;
    p = mmap(NULL, size, PROT_READ | PROT_WRITE | PROT_EXEC,
             MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p != MAP_FAILED) {
        madvise(p, size, MADV_HUGEPAGE);    /* fewer faults; advice only */
        b->rw = b->rx = p;
        return b;
    }
    if (!map_dual(b, errp)) {
        g_free(b);
        return NULL;
    }
    return b;
}

TCGCodeBuffer *tcg_code_buffer_new_split(size_t size, GError **errp)
{
    TCGCodeBuffer *b = g_new0(TCGCodeBuffer, 1);

    b->size = size;
    if (!map_dual(b, errp)) {
        g_free(b);
        return NULL;
    }
    return b;
}

void tcg_code_buffer_free(TCGCodeBuffer *b)
{
    if (!b) {
        return;
    }
    if (b->rx != b->rw) {
        munmap(b->rx, b->size);
    }
    munmap(b->rw, b->size);
    g_free(b);
}

void tcg_code_buffer_commit(TCGCodeBuffer *b, size_t n)
{
    g_assert(b->used + n <= b->size);
    b->used = MIN(b->size, (b->used + n + CODE_ALIGN - 1) & ~(size_t)(CODE_ALIGN - 1));
}

void tcg_code_buffer_reset(TCGCodeBuffer *b)
{
    b->used = b->reserved;
}
