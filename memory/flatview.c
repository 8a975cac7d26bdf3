/* SPDX-License-Identifier: MIT */
/*
 * FlatView: the region tree rendered into a sorted list of disjoint
 * ranges, each naming a leaf region (ram, rom or io) and the offset into
 * it. Rendering walks the tree highest priority first and lets each leaf
 * fill only the holes that are still empty, so higher priority (and, among
 * equals, the later added region) wins, and containers are transparent
 * where they have no child. A ram, rom or io region may hold subregions
 * too; they cover it. Aliases re-base into their target, clipped to
 * the alias window. Addresses are 128-bit while rendering, so a region
 * covering the whole 2^64 space needs no special cases.
 */
#include "memory/memory.h"
#include "memory-internal.h"

typedef struct RenderRange {
    WideAddr start;
    WideAddr end;               /* exclusive */
    MemoryRegion *mr;
    hwaddr offset_in_region;
    bool readonly;
} RenderRange;

#define RANGE_AT(arr, i) (&g_array_index((arr), RenderRange, (i)))

/* The first range of @out that ends above @addr (ends are sorted too). */
static guint render_first_ending_after(GArray *out, WideAddr addr)
{
    guint lo = 0, hi = out->len;

    while (lo < hi) {
        guint mid = lo + (hi - lo) / 2;
        if (RANGE_AT(out, mid)->end <= addr) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

/* Fill the holes of @out inside [start, end) with leaf @mr based at @base. */
static void render_leaf(GArray *out, MemoryRegion *mr, WideAddr base,
                        WideAddr start, WideAddr end, bool readonly)
{
    guint i = render_first_ending_after(out, start);
    WideAddr pos = start;

    while (pos < end) {
        RenderRange hole;

        if (i < out->len && RANGE_AT(out, i)->start <= pos) {
            pos = MAX(pos, RANGE_AT(out, i)->end);
            i++;
            continue;
        }
        hole.start = pos;
        hole.end = end;
        if (i < out->len && RANGE_AT(out, i)->start < end) {
            hole.end = RANGE_AT(out, i)->start;
        }
        hole.mr = mr;
        hole.offset_in_region = (hwaddr)(pos - base);
        hole.readonly = readonly;
        g_array_insert_val(out, i, hole);
        i++;
        pos = hole.end;
    }
}

/* Render @mr, whose first byte sits at @base, within [clip_start, clip_end). */
static void render_region(GArray *out, MemoryRegion *mr, WideAddr base,
                          WideAddr clip_start, WideAddr clip_end,
                          bool readonly)
{
    WideAddr start = MAX(base, clip_start);
    WideAddr end = MIN(base + memory_region_wide_size(mr), clip_end);

    if (!mr->enabled || start >= end) {
        return;
    }
    readonly |= mr->readonly;
    if (mr->kind == MR_ALIAS) {
        render_region(out, mr->alias, base - (WideAddr)mr->alias_offset,
                      start, end, readonly);
        return;
    }
    /* Children cover their parent; a leaf parent shows where they don't. */
    for (guint i = 0; i < mr->subregions->len; i++) {
        MemoryRegion *sub = g_ptr_array_index(mr->subregions, i);
        render_region(out, sub, base + sub->addr, start, end, readonly);
    }
    if (mr->kind != MR_CONTAINER) {
        render_leaf(out, mr, base, start, end, readonly);
    }
}

static bool render_can_merge(const RenderRange *a, const RenderRange *b)
{
    return a->end == b->start && a->mr == b->mr &&
           a->readonly == b->readonly &&
           (WideAddr)a->offset_in_region + (a->end - a->start) ==
               (WideAddr)b->offset_in_region;
}

static void render_merge_adjacent(GArray *out)
{
    guint kept = 0;

    for (guint i = 0; i < out->len; i++) {
        if (kept && render_can_merge(RANGE_AT(out, kept - 1), RANGE_AT(out, i))) {
            RANGE_AT(out, kept - 1)->end = RANGE_AT(out, i)->end;
        } else {
            *RANGE_AT(out, kept++) = *RANGE_AT(out, i);
        }
    }
    g_array_set_size(out, kept);
}

static FlatView *flatview_from_render(GArray *out)
{
    FlatView *fv = g_new0(FlatView, 1);

    fv->ref = 1;
    fv->nr = out->len;
    fv->ranges = g_new0(FlatRange, MAX(out->len, 1));
    for (guint i = 0; i < out->len; i++) {
        const RenderRange *r = RANGE_AT(out, i);
        WideAddr size = r->end - r->start;
        FlatRange *fr = &fv->ranges[i];

        fr->addr = (hwaddr)r->start;
        fr->size = size >= UINT64_MAX ? UINT64_MAX : (uint64_t)size;
        fr->mr = r->mr;
        fr->offset_in_region = r->offset_in_region;
        fr->readonly = r->readonly;
    }
    return fv;
}

FlatView *flatview_render(MemoryRegion *root)
{
    GArray *out = g_array_new(FALSE, FALSE, sizeof(RenderRange));
    FlatView *fv;

    if (root) {
        render_region(out, root, 0, 0, WIDE_SPACE_END, false);
    }
    render_merge_adjacent(out);
    fv = flatview_from_render(out);
    g_array_free(out, TRUE);
    return fv;
}

FlatView *flatview_ref(FlatView *fv)
{
    g_atomic_int_inc(&fv->ref);
    return fv;
}

void flatview_unref(FlatView *fv)
{
    if (fv && g_atomic_int_dec_and_test(&fv->ref)) {
        g_free(fv->ranges);
        g_free(fv);
    }
}

/* Index of the last range starting at or below @addr, or -1. */
static int flatview_find_floor(const FlatView *fv, hwaddr addr)
{
    unsigned lo = 0, hi = fv->nr;

    while (lo < hi) {
        unsigned mid = lo + (hi - lo) / 2;
        if (fv->ranges[mid].addr <= addr) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return (int)lo - 1;
}

const FlatRange *flatview_lookup(const FlatView *fv, hwaddr addr)
{
    int i = flatview_find_floor(fv, addr);
    const FlatRange *fr;

    if (i < 0) {
        return NULL;
    }
    fr = &fv->ranges[i];
    return (WideAddr)(addr - fr->addr) < flat_range_wide_size(fr) ? fr : NULL;
}

const FlatRange *flatview_next_range(const FlatView *fv, hwaddr addr)
{
    unsigned next = (unsigned)(flatview_find_floor(fv, addr) + 1);

    return next < fv->nr ? &fv->ranges[next] : NULL;
}

bool flat_range_equal(const FlatRange *a, const FlatRange *b)
{
    return a->addr == b->addr && a->size == b->size && a->mr == b->mr &&
           a->offset_in_region == b->offset_in_region &&
           a->readonly == b->readonly;
}

bool flatview_equal(const FlatView *a, const FlatView *b)
{
    if (a->nr != b->nr) {
        return false;
    }
    for (unsigned i = 0; i < a->nr; i++) {
        if (!flat_range_equal(&a->ranges[i], &b->ranges[i])) {
            return false;
        }
    }
    return true;
}
