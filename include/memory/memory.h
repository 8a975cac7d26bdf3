/* SPDX-License-Identifier: MIT */
/*
 * The memory API: a tree of MemoryRegions (ram, rom, io, alias, container)
 * rendered into a flat, sorted list of ranges (FlatView) per AddressSpace.
 * Devices build regions and hang them in the tree; accelerators learn the
 * flat result through MemoryListeners and move data through
 * address_space_read/write. Nothing outside memory/ walks the tree.
 *
 * Callers hold the big lock for every function here except the accesses
 * (address_space_read/write/write_rom/ld/st) and address_space_get_flatview,
 * which a vCPU thread may call without it: they take a reference to the
 * current FlatView, and take the big lock themselves around io callbacks
 * when the caller does not hold it (see bql_locked()). RAM is copied
 * without the lock.
 */
#ifndef MEMORY_MEMORY_H
#define MEMORY_MEMORY_H

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

typedef uint64_t hwaddr;

typedef struct MemoryRegion MemoryRegion;
typedef struct FlatView FlatView;
typedef struct AddressSpace AddressSpace;
typedef struct MemoryListener MemoryListener;

typedef enum MemTxResult {
    MEMTX_OK = 0,
    MEMTX_ERROR = 1,        /* a device rejected the access */
    MEMTX_DECODE_ERROR = 2, /* nothing is mapped there */
} MemTxResult;

/*
 * Attributes of one access, as the bus carries them beside the address:
 * who issued it. The accelerators pass the vCPU index as @requester_id
 * for a CPU's own accesses, so a device that answers differently per CPU
 * (the local APIC page at 0xfee00000) can tell them apart. Accesses made
 * through the functions without attrs carry MEMTXATTRS_UNSPECIFIED.
 */
typedef struct MemTxAttrs {
    unsigned requester_id;
    bool unspecified;           /* no requester known (loaders, DMA, tests) */
} MemTxAttrs;

#define MEMTXATTRS_UNSPECIFIED ((MemTxAttrs){ .unspecified = true })
#define MEMTXATTRS_CPU(_index) ((MemTxAttrs){ .requester_id = (_index) })

/*
 * Access size rules: 0 in a field means "any" (1 for min, 8 for max).
 * Sizes are 1, 2, 4 or 8 and min <= max. Without `unaligned`, accesses are
 * naturally aligned (an unaligned one is split into aligned pieces).
 */
typedef struct MemoryAccessRules {
    unsigned min_access_size;
    unsigned max_access_size;
    bool unaligned;
} MemoryAccessRules;

/*
 * Callbacks of an io region. @addr is relative to the region's start.
 * `valid` says what the bus accepts (other accesses are rejected: reads
 * give all ones, writes are dropped, both logged under -d guest_errors);
 * `impl` says what the callbacks implement (the core splits or widens an
 * access to fit). A NULL read returns all ones; a NULL write drops.
 *
 * Splitting issues the pieces in ascending address order. Widening (an
 * access smaller than impl.min_access_size) goes to the enclosing aligned
 * unit (unless impl.unaligned): a read keeps only the wanted bytes, a write
 * carries the new bytes in their lanes and zeros in the others.
 * Callbacks always run under the big lock.
 *
 * A device that needs the access's attributes sets read_with_attrs /
 * write_with_attrs instead; each is used in place of read / write when
 * set (every piece of a split or widened access carries the same attrs).
 */
typedef struct MemoryRegionOps {
    uint64_t (*read)(void *opaque, hwaddr addr, unsigned size);
    void (*write)(void *opaque, hwaddr addr, uint64_t val, unsigned size);
    uint64_t (*read_with_attrs)(void *opaque, hwaddr addr, unsigned size,
                                MemTxAttrs attrs);
    void (*write_with_attrs)(void *opaque, hwaddr addr, uint64_t val,
                             unsigned size, MemTxAttrs attrs);
    MemoryAccessRules valid;
    MemoryAccessRules impl;
} MemoryRegionOps;

typedef enum MemoryRegionKind {
    MR_CONTAINER,
    MR_RAM,
    MR_ROM,
    MR_IO,
    MR_ALIAS,
} MemoryRegionKind;

struct MemoryRegion {
    MemoryRegionKind kind;
    char *name;
    uint64_t size;          /* UINT64_MAX means 2^64 */
    hwaddr addr;            /* offset within the parent container */
    int priority;           /* overlap: higher wins; equal: later added */
    bool enabled;
    bool readonly;          /* ROM: writes from the guest are dropped */
    MemoryRegion *parent;
    GPtrArray *subregions;  /* of MemoryRegion *, highest priority first */

    /* MR_RAM / MR_ROM */
    uint8_t *ram;
    /* MR_IO */
    const MemoryRegionOps *ops;
    void *opaque;
    /* MR_ALIAS */
    MemoryRegion *alias;
    hwaddr alias_offset;
};

/*
 * Region constructors. The MemoryRegion storage belongs to the caller and
 * must outlive every FlatView that maps it (stop vCPUs before destroying).
 */
void memory_region_init_container(MemoryRegion *mr, const char *name,
                                  uint64_t size);
/*
 * RAM and ROM are zero-filled, page-aligned host memory (mmap, reserved
 * lazily). Size 0 or a failed mmap gives false and a KESTREL_ERROR.
 */
bool memory_region_init_ram(MemoryRegion *mr, const char *name, uint64_t size,
                            GError **errp);
bool memory_region_init_rom(MemoryRegion *mr, const char *name, uint64_t size,
                            GError **errp);
void memory_region_init_io(MemoryRegion *mr, const MemoryRegionOps *ops,
                           void *opaque, const char *name, uint64_t size);
void memory_region_init_alias(MemoryRegion *mr, const char *name,
                              MemoryRegion *orig, hwaddr offset,
                              uint64_t size);
/*
 * Frees what init allocated (RAM, name, subregion list); unparented first.
 * Subregions still inside are detached, not destroyed.
 */
void memory_region_destroy(MemoryRegion *mr);

/*
 * Tree edits; each is its own transaction unless one is open. Any region
 * but an alias may be a parent; subregions cover a ram/rom/io parent.
 */
void memory_region_add_subregion(MemoryRegion *parent, hwaddr offset,
                                 MemoryRegion *sub);
void memory_region_add_subregion_overlap(MemoryRegion *parent, hwaddr offset,
                                         MemoryRegion *sub, int priority);
void memory_region_del_subregion(MemoryRegion *parent, MemoryRegion *sub);
void memory_region_set_enabled(MemoryRegion *mr, bool enabled);
void memory_region_set_address(MemoryRegion *mr, hwaddr addr);
void memory_region_set_alias_offset(MemoryRegion *mr, hwaddr offset);
void memory_region_set_readonly(MemoryRegion *mr, bool readonly);

static inline uint64_t memory_region_size(const MemoryRegion *mr)
{
    return mr->size;
}
/* Host pointer to a RAM/ROM region's first byte (aliases are followed). */
void *memory_region_get_ram_ptr(MemoryRegion *mr);
static inline bool memory_region_is_ram(const MemoryRegion *mr)
{
    return mr->kind == MR_RAM || mr->kind == MR_ROM;
}

/* Batch several edits into one FlatView render and one listener pass. */
void memory_region_transaction_begin(void);
void memory_region_transaction_commit(void);

/*
 * A FlatView is an immutable, sorted list of non-overlapping ranges; two
 * ranges that are adjacent in both address and region offset of the same
 * region are merged. Readers take a reference.
 * A size of UINT64_MAX means 2^64 here too (and in MemoryRegionSection).
 */
typedef struct FlatRange {
    hwaddr addr;                /* start in the address space */
    uint64_t size;
    MemoryRegion *mr;           /* a leaf: ram, rom or io, never alias */
    hwaddr offset_in_region;
    bool readonly;
} FlatRange;

struct FlatView {
    gint ref;
    FlatRange *ranges;
    unsigned nr;
};

FlatView *flatview_ref(FlatView *fv);
void flatview_unref(FlatView *fv);
/* The range that holds @addr, or NULL if unassigned. */
const FlatRange *flatview_lookup(const FlatView *fv, hwaddr addr);

struct AddressSpace {
    char *name;
    MemoryRegion *root;
    FlatView *current;          /* under the big lock; readers ref it */
    GPtrArray *listeners;       /* of MemoryListener *, by priority */
    GMutex view_lock;           /* guards swapping and ref-taking of current */
};

void address_space_init(AddressSpace *as, MemoryRegion *root,
                        const char *name);
void address_space_destroy(AddressSpace *as);
/* A reference to the current FlatView; drop it with flatview_unref(). */
FlatView *address_space_get_flatview(AddressSpace *as);

/*
 * Byte-exact accesses: split across ranges and, for io regions, into the
 * sizes the device accepts. Unassigned bytes read as 0xff and writes to
 * them are dropped; both return MEMTX_DECODE_ERROR (logged under
 * -d guest_errors). Values are little-endian in @buf. Writes to ROM (or a
 * readonly range) are dropped and still return MEMTX_OK. When several
 * pieces fail, the first failure is returned.
 */
MemTxResult address_space_read(AddressSpace *as, hwaddr addr, void *buf,
                               uint64_t len);
MemTxResult address_space_write(AddressSpace *as, hwaddr addr,
                                const void *buf, uint64_t len);
/* Like address_space_write, but also stores into ROM (loaders, firmware). */
MemTxResult address_space_write_rom(AddressSpace *as, hwaddr addr,
                                    const void *buf, uint64_t len);

/*
 * The same with the access's attributes (the functions above pass
 * MEMTXATTRS_UNSPECIFIED); io callbacks with attrs receive @attrs.
 */
MemTxResult address_space_read_attrs(AddressSpace *as, hwaddr addr,
                                     MemTxAttrs attrs, void *buf,
                                     uint64_t len);
MemTxResult address_space_write_attrs(AddressSpace *as, hwaddr addr,
                                      MemTxAttrs attrs, const void *buf,
                                      uint64_t len);

/* Sized little-endian helpers (size 1, 2, 4 or 8). */
uint64_t address_space_ld(AddressSpace *as, hwaddr addr, unsigned size,
                          MemTxResult *res);
MemTxResult address_space_st(AddressSpace *as, hwaddr addr, uint64_t val,
                             unsigned size);
uint64_t address_space_ld_attrs(AddressSpace *as, hwaddr addr, unsigned size,
                                MemTxAttrs attrs, MemTxResult *res);
MemTxResult address_space_st_attrs(AddressSpace *as, hwaddr addr,
                                   uint64_t val, unsigned size,
                                   MemTxAttrs attrs);

/* A view of one FlatRange as handed to listeners. */
typedef struct MemoryRegionSection {
    MemoryRegion *mr;
    hwaddr offset_within_region;
    hwaddr offset_within_address_space;
    uint64_t size;
    bool readonly;
} MemoryRegionSection;

/*
 * Listeners are told only the difference between the old and the new
 * FlatView at each commit: region_del for each range that went away or
 * changed, then region_add for each new or changed one, bracketed by
 * begin/commit. On registration the listener gets region_add for every
 * current range. Callbacks may be NULL.
 */
struct MemoryListener {
    void (*begin)(MemoryListener *l);
    void (*commit)(MemoryListener *l);
    void (*region_add)(MemoryListener *l, MemoryRegionSection *section);
    void (*region_del)(MemoryListener *l, MemoryRegionSection *section);
    int priority;               /* lower runs first on add, last on del */
    AddressSpace *as;           /* set by register */
};

void memory_listener_register(MemoryListener *l, AddressSpace *as);
void memory_listener_unregister(MemoryListener *l);

#endif
