/* SPDX-License-Identifier: MIT */
/*
 * What the files of memory/ share and nobody else sees: the renderer that
 * turns a region tree into a FlatView, a few FlatView queries the access
 * path needs, and the hook a transaction commit uses to refresh every
 * AddressSpace. Internal arithmetic is done on 128 bits so that regions
 * covering all of 2^64 never overflow.
 */
#ifndef MEMORY_INTERNAL_H
#define MEMORY_INTERNAL_H

#include "memory/memory.h"

__extension__ typedef __int128 WideAddr;

#define WIDE_SPACE_END ((WideAddr)1 << 64)   /* 2^64: the end of every space */

/* A region's size as a number (UINT64_MAX stands for 2^64). */
static inline WideAddr memory_region_wide_size(const MemoryRegion *mr)
{
    return mr->size == UINT64_MAX ? WIDE_SPACE_END : (WideAddr)mr->size;
}

/* A FlatRange's size as a number (UINT64_MAX stands for 2^64). */
static inline WideAddr flat_range_wide_size(const FlatRange *fr)
{
    return fr->size == UINT64_MAX ? WIDE_SPACE_END : (WideAddr)fr->size;
}

/* Bytes from @addr (inside @fr) to the end of @fr, saturated to 64 bits. */
static inline uint64_t flat_range_remaining(const FlatRange *fr, hwaddr addr)
{
    WideAddr left = (WideAddr)fr->addr + flat_range_wide_size(fr) - addr;

    return left >= WIDE_SPACE_END ? UINT64_MAX : (uint64_t)left;
}

/* A new FlatView (one reference) of what @root shows at address 0. */
FlatView *flatview_render(MemoryRegion *root);
bool flatview_equal(const FlatView *a, const FlatView *b);
bool flat_range_equal(const FlatRange *a, const FlatRange *b);
/* The first range that starts above @addr, or NULL. */
const FlatRange *flatview_next_range(const FlatView *fv, hwaddr addr);

/* Re-render every AddressSpace and tell listeners what changed. */
void address_spaces_update_topology(void);

#endif
