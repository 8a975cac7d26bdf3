/* SPDX-License-Identifier: MIT */
/*
 * MemoryRegion: construction of the five kinds (container, ram, rom, io,
 * alias), edits of the tree (subregions by priority, enable, address,
 * alias offset, readonly) and the transaction that batches edits. Every
 * edit marks the topology dirty; the outermost commit re-renders the
 * AddressSpaces (memory/address-space.c), which in turn tell listeners.
 */
#include "memory/memory.h"
#include "memory-internal.h"
#include "util/cutils.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* The memory map is one per process, so is its open transaction. */
static unsigned transaction_depth;
static bool topology_dirty;

static const MemoryRegionOps no_ops;

static void region_init_common(MemoryRegion *mr, MemoryRegionKind kind,
                               const char *name, uint64_t size)
{
    memset(mr, 0, sizeof(*mr));
    mr->kind = kind;
    mr->name = g_strdup(name ? name : "anonymous");
    mr->size = size;
    mr->enabled = true;
    mr->subregions = g_ptr_array_new();
}

void memory_region_init_container(MemoryRegion *mr, const char *name,
                                  uint64_t size)
{
    region_init_common(mr, MR_CONTAINER, name, size);
}

static size_t ram_map_length(uint64_t size)
{
    uint64_t page = (uint64_t)sysconf(_SC_PAGESIZE);

    if (size > SIZE_MAX - page) {
        return 0;
    }
    return (size_t)((size + page - 1) & ~(page - 1));
}

static bool region_alloc_ram(MemoryRegion *mr, GError **errp)
{
    size_t len = ram_map_length(mr->size);
    void *p;

    if (mr->size == 0) {
        g_set_error(errp, KESTREL_ERROR, 0,
                    "memory region '%s': RAM size must not be 0", mr->name);
        return false;
    }
    p = len ? mmap(NULL, len, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)
            : MAP_FAILED;
    if (p == MAP_FAILED) {
        g_set_error(errp, KESTREL_ERROR, 0,
                    "memory region '%s': cannot allocate %" G_GUINT64_FORMAT
                    " bytes of RAM: %s", mr->name, mr->size,
                    len ? g_strerror(errno) : "size too large");
        return false;
    }
    /* Transparent huge pages where the host allows them: fewer page
     * faults and TLB misses for the guest's RAM (advice; may fail). */
    madvise(p, len, MADV_HUGEPAGE);
    mr->ram = p;
    return true;
}

static bool region_init_ram_kind(MemoryRegion *mr, MemoryRegionKind kind,
                                 const char *name, uint64_t size,
                                 GError **errp)
{
    region_init_common(mr, kind, name, size);
    mr->readonly = kind == MR_ROM;
    if (!region_alloc_ram(mr, errp)) {
        memory_region_destroy(mr);
        return false;
    }
    return true;
}

bool memory_region_init_ram(MemoryRegion *mr, const char *name, uint64_t size,
                            GError **errp)
{
    return region_init_ram_kind(mr, MR_RAM, name, size, errp);
}

bool memory_region_init_rom(MemoryRegion *mr, const char *name, uint64_t size,
                            GError **errp)
{
    return region_init_ram_kind(mr, MR_ROM, name, size, errp);
}

static void check_access_rules(const MemoryAccessRules *r)
{
    unsigned min = r->min_access_size ? r->min_access_size : 1;
    unsigned max = r->max_access_size ? r->max_access_size : 8;

    g_assert(min <= 8 && (min & (min - 1)) == 0);
    g_assert(max <= 8 && (max & (max - 1)) == 0);
    g_assert(min <= max);
}

void memory_region_init_io(MemoryRegion *mr, const MemoryRegionOps *ops,
                           void *opaque, const char *name, uint64_t size)
{
    region_init_common(mr, MR_IO, name, size);
    mr->ops = ops ? ops : &no_ops;
    mr->opaque = opaque;
    check_access_rules(&mr->ops->valid);
    check_access_rules(&mr->ops->impl);
}

void memory_region_init_alias(MemoryRegion *mr, const char *name,
                              MemoryRegion *orig, hwaddr offset,
                              uint64_t size)
{
    g_assert(orig);
    region_init_common(mr, MR_ALIAS, name, size);
    mr->alias = orig;
    mr->alias_offset = offset;
}

void memory_region_destroy(MemoryRegion *mr)
{
    g_assert(!mr->parent);
    if (mr->subregions) {
        for (guint i = 0; i < mr->subregions->len; i++) {
            MemoryRegion *sub = g_ptr_array_index(mr->subregions, i);
            sub->parent = NULL;
        }
        g_ptr_array_free(mr->subregions, TRUE);
        mr->subregions = NULL;
    }
    if (mr->ram) {
        munmap(mr->ram, ram_map_length(mr->size));
        mr->ram = NULL;
    }
    g_clear_pointer(&mr->name, g_free);
}

void memory_region_transaction_begin(void)
{
    transaction_depth++;
}

/*
 * The outermost commit renders while still counted as open, so edits a
 * listener makes from its callbacks are batched into one more round
 * instead of re-entering the renderer.
 */
void memory_region_transaction_commit(void)
{
    g_assert(transaction_depth > 0);
    if (transaction_depth == 1) {
        while (topology_dirty) {
            topology_dirty = false;
            address_spaces_update_topology();
        }
    }
    transaction_depth--;
}

/* Brackets one edit: it is its own transaction unless one is open. */
static void topology_changed(void)
{
    memory_region_transaction_begin();
    topology_dirty = true;
    memory_region_transaction_commit();
}

/*
 * Keep subregions highest priority first; a newcomer goes before the
 * regions of its own priority so that, on overlap, the later one wins.
 */
static void subregion_insert_sorted(MemoryRegion *parent, MemoryRegion *sub)
{
    guint i;

    for (i = 0; i < parent->subregions->len; i++) {
        MemoryRegion *other = g_ptr_array_index(parent->subregions, i);
        if (sub->priority >= other->priority) {
            break;
        }
    }
    g_ptr_array_insert(parent->subregions, i, sub);
}

void memory_region_add_subregion_overlap(MemoryRegion *parent, hwaddr offset,
                                         MemoryRegion *sub, int priority)
{
    g_assert(parent->kind != MR_ALIAS);
    g_assert(!sub->parent);
    g_assert(sub != parent);
    sub->parent = parent;
    sub->addr = offset;
    sub->priority = priority;
    subregion_insert_sorted(parent, sub);
    topology_changed();
}

void memory_region_add_subregion(MemoryRegion *parent, hwaddr offset,
                                 MemoryRegion *sub)
{
    memory_region_add_subregion_overlap(parent, offset, sub, 0);
}

void memory_region_del_subregion(MemoryRegion *parent, MemoryRegion *sub)
{
    g_assert(sub->parent == parent);
    g_ptr_array_remove(parent->subregions, sub);
    sub->parent = NULL;
    topology_changed();
}

void memory_region_set_enabled(MemoryRegion *mr, bool enabled)
{
    if (mr->enabled != enabled) {
        mr->enabled = enabled;
        topology_changed();
    }
}

void memory_region_set_address(MemoryRegion *mr, hwaddr addr)
{
    if (mr->addr != addr) {
        mr->addr = addr;
        topology_changed();
    }
}

void memory_region_set_alias_offset(MemoryRegion *mr, hwaddr offset)
{
    g_assert(mr->kind == MR_ALIAS);
    if (mr->alias_offset != offset) {
        mr->alias_offset = offset;
        topology_changed();
    }
}

void memory_region_set_readonly(MemoryRegion *mr, bool readonly)
{
    if (mr->readonly != readonly) {
        mr->readonly = readonly;
        topology_changed();
    }
}

void *memory_region_get_ram_ptr(MemoryRegion *mr)
{
    hwaddr offset = 0;

    while (mr->kind == MR_ALIAS) {
        offset += mr->alias_offset;
        mr = mr->alias;
    }
    g_assert(memory_region_is_ram(mr));
    return mr->ram + offset;
}
