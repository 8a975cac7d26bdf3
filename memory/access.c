/* SPDX-License-Identifier: MIT */
/*
 * The access path: address_space_read/write and the sized helpers. An
 * access is cut at FlatRange boundaries; RAM and ROM are plain memcpy on
 * host memory, unassigned bytes read as 0xff and swallow writes, and io
 * regions get the access in two steps: first cut into bus accesses that
 * the device's `valid` rules accept (rejecting what they cannot), then
 * each bus access split or widened into the sizes its `impl` rules name.
 * Multi-byte values travel little-endian. Device callbacks run under the
 * big lock, taken here when the calling vCPU thread does not hold it.
 * Every access carries MemTxAttrs down to the callbacks that want them.
 */
#include "memory/memory.h"
#include "memory-internal.h"
#include "util/bql.h"
#include "util/log.h"

#include <inttypes.h>
#include <string.h>

typedef enum AccessKind {
    ACCESS_READ,
    ACCESS_WRITE,
    ACCESS_WRITE_ROM,
} AccessKind;

static unsigned rules_min(const MemoryAccessRules *r)
{
    return r->min_access_size ? r->min_access_size : 1;
}

static unsigned rules_max(const MemoryAccessRules *r)
{
    return r->max_access_size ? r->max_access_size : 8;
}

/* The largest power of two <= MIN(@len, @max), with @max a power of two. */
static unsigned size_floor(uint64_t len, unsigned max)
{
    unsigned size = max;

    while (size > len) {
        size >>= 1;
    }
    return size;
}

/* Shrink @size until @addr is aligned to it. */
static unsigned size_aligned(hwaddr addr, unsigned size)
{
    while (size > 1 && (addr & (size - 1))) {
        size >>= 1;
    }
    return size;
}

static uint64_t bytes_to_le(const uint8_t *buf, unsigned len)
{
    uint64_t val = 0;

    for (unsigned i = 0; i < len; i++) {
        val |= (uint64_t)buf[i] << (8 * i);
    }
    return val;
}

static void le_to_bytes(uint64_t val, uint8_t *buf, unsigned len)
{
    for (unsigned i = 0; i < len; i++) {
        buf[i] = (uint8_t)(val >> (8 * i));
    }
}

/* One callback of @size bytes at @base; for writes @val is already placed. */
static uint64_t io_callback(MemoryRegion *mr, hwaddr base, uint64_t val,
                            unsigned size, bool is_write, MemTxAttrs attrs)
{
    const MemoryRegionOps *ops = mr->ops;

    if (!is_write) {
        if (ops->read_with_attrs) {
            return ops->read_with_attrs(mr->opaque, base, size, attrs);
        }
        return ops->read ? ops->read(mr->opaque, base, size) : UINT64_MAX;
    }
    if (ops->write_with_attrs) {
        ops->write_with_attrs(mr->opaque, base, val, size, attrs);
    } else if (ops->write) {
        ops->write(mr->opaque, base, val, size);
    }
    return 0;
}

/* Serve @size bytes at region offset @addr with the sizes impl allows. */
static void io_impl_access(MemoryRegion *mr, hwaddr addr, uint8_t *buf,
                           unsigned size, bool is_write, MemTxAttrs attrs)
{
    const MemoryAccessRules *impl = &mr->ops->impl;
    unsigned done = 0;

    while (done < size) {
        hwaddr pos = addr + done;
        unsigned n = size_floor(size - done, rules_max(impl));
        hwaddr base;
        unsigned skip, take;

        if (!impl->unaligned) {
            n = size_aligned(pos, n);
        }
        n = MAX(n, rules_min(impl));
        base = impl->unaligned ? pos : pos & ~(hwaddr)(n - 1);
        skip = (unsigned)(pos - base);
        take = MIN(n - skip, size - done);
        if (is_write) {
            uint64_t val = bytes_to_le(buf + done, take) << (8 * skip);
            io_callback(mr, base, val, n, true, attrs);
        } else {
            uint64_t val = io_callback(mr, base, 0, n, false, attrs);
            le_to_bytes(val >> (8 * skip), buf + done, take);
        }
        done += take;
    }
}

static MemTxResult io_reject(AddressSpace *as, MemoryRegion *mr, hwaddr addr,
                             uint8_t *buf, unsigned size, bool is_write)
{
    log_mask_printf(LOG_GUEST_ERROR,
                    "%s: invalid %u-byte %s at 0x%" PRIx64 " (%s)\n",
                    as->name, size, is_write ? "write" : "read", addr,
                    mr->name);
    if (!is_write) {
        memset(buf, 0xff, size);
    }
    return MEMTX_ERROR;
}

/*
 * Cut @len bytes at region offset @offset (address @addr) into bus
 * accesses the device accepts; pieces below valid.min are rejected.
 */
static MemTxResult io_access(AddressSpace *as, const FlatRange *fr,
                             hwaddr addr, uint8_t *buf, uint64_t len,
                             bool is_write, MemTxAttrs attrs)
{
    MemoryRegion *mr = fr->mr;
    const MemoryAccessRules *valid = &mr->ops->valid;
    hwaddr offset = fr->offset_in_region + (addr - fr->addr);
    bool locked = bql_locked();
    MemTxResult res = MEMTX_OK;

    if (!locked) {
        bql_lock();
    }
    for (uint64_t done = 0; done < len;) {
        unsigned n = size_floor(len - done, rules_max(valid));

        if (!valid->unaligned) {
            n = size_aligned(offset + done, n);
        }
        if (n < rules_min(valid)) {
            MemTxResult r = io_reject(as, mr, addr + done, buf + done, n,
                                      is_write);
            res = res ? res : r;
        } else {
            io_impl_access(mr, offset + done, buf + done, n, is_write,
                           attrs);
            log_mask_printf(LOG_IOPORT,
                            "%s: %s 0x%" PRIx64 " size %u %s 0x%" PRIx64
                            " (%s)\n", as->name, is_write ? "out" : "in",
                            addr + done, n, is_write ? "<-" : "->",
                            bytes_to_le(buf + done, n), mr->name);
        }
        done += n;
    }
    if (!locked) {
        bql_unlock();
    }
    return res;
}

static MemTxResult ram_access(const FlatRange *fr, hwaddr addr, uint8_t *buf,
                              uint64_t len, AccessKind kind)
{
    uint8_t *host = fr->mr->ram + fr->offset_in_region + (addr - fr->addr);

    if (kind == ACCESS_READ) {
        memcpy(buf, host, len);
    } else if (!fr->readonly || kind == ACCESS_WRITE_ROM) {
        memcpy(host, buf, len);
    }
    return MEMTX_OK;
}

static MemTxResult unassigned_access(AddressSpace *as, hwaddr addr,
                                     uint8_t *buf, uint64_t len,
                                     AccessKind kind)
{
    log_mask_printf(LOG_GUEST_ERROR,
                    "%s: unassigned %s of %" PRIu64 " bytes at 0x%" PRIx64
                    "\n", as->name, kind == ACCESS_READ ? "read" : "write",
                    len, addr);
    if (kind == ACCESS_READ) {
        memset(buf, 0xff, len);
    }
    return MEMTX_DECODE_ERROR;
}

/* Bytes from @addr up to the next mapped range (or @len). */
static uint64_t unassigned_span(const FlatView *fv, hwaddr addr, uint64_t len)
{
    const FlatRange *next = flatview_next_range(fv, addr);

    return next ? MIN(len, next->addr - addr) : len;
}

static MemTxResult flatview_access(AddressSpace *as, const FlatView *fv,
                                   hwaddr addr, uint8_t *buf, uint64_t len,
                                   AccessKind kind, MemTxAttrs attrs)
{
    MemTxResult res = MEMTX_OK;

    while (len) {
        const FlatRange *fr = flatview_lookup(fv, addr);
        uint64_t chunk;
        MemTxResult r;

        if (!fr) {
            chunk = unassigned_span(fv, addr, len);
            r = unassigned_access(as, addr, buf, chunk, kind);
        } else {
            chunk = MIN(len, flat_range_remaining(fr, addr));
            r = memory_region_is_ram(fr->mr)
                    ? ram_access(fr, addr, buf, chunk, kind)
                    : io_access(as, fr, addr, buf, chunk, kind != ACCESS_READ,
                                attrs);
        }
        res = res ? res : r;
        addr += chunk;
        buf += chunk;
        len -= chunk;
    }
    return res;
}

static MemTxResult address_space_access(AddressSpace *as, hwaddr addr,
                                        uint8_t *buf, uint64_t len,
                                        AccessKind kind, MemTxAttrs attrs)
{
    FlatView *fv = address_space_get_flatview(as);
    MemTxResult res = flatview_access(as, fv, addr, buf, len, kind, attrs);

    flatview_unref(fv);
    return res;
}

MemTxResult address_space_read(AddressSpace *as, hwaddr addr, void *buf,
                               uint64_t len)
{
    return address_space_access(as, addr, buf, len, ACCESS_READ,
                                MEMTXATTRS_UNSPECIFIED);
}

/* The write paths only read from @buf; the cast lets them share one walk. */
MemTxResult address_space_write(AddressSpace *as, hwaddr addr,
                                const void *buf, uint64_t len)
{
    return address_space_access(as, addr, (uint8_t *)buf, len, ACCESS_WRITE,
                                MEMTXATTRS_UNSPECIFIED);
}

MemTxResult address_space_write_rom(AddressSpace *as, hwaddr addr,
                                    const void *buf, uint64_t len)
{
    return address_space_access(as, addr, (uint8_t *)buf, len,
                                ACCESS_WRITE_ROM, MEMTXATTRS_UNSPECIFIED);
}

MemTxResult address_space_read_attrs(AddressSpace *as, hwaddr addr,
                                     MemTxAttrs attrs, void *buf,
                                     uint64_t len)
{
    return address_space_access(as, addr, buf, len, ACCESS_READ, attrs);
}

MemTxResult address_space_write_attrs(AddressSpace *as, hwaddr addr,
                                      MemTxAttrs attrs, const void *buf,
                                      uint64_t len)
{
    return address_space_access(as, addr, (uint8_t *)buf, len, ACCESS_WRITE,
                                attrs);
}

static void check_sized_access(unsigned size)
{
    g_assert(size == 1 || size == 2 || size == 4 || size == 8);
}

uint64_t address_space_ld_attrs(AddressSpace *as, hwaddr addr, unsigned size,
                                MemTxAttrs attrs, MemTxResult *res)
{
    uint8_t buf[8];
    MemTxResult r;

    check_sized_access(size);
    r = address_space_read_attrs(as, addr, attrs, buf, size);
    if (res) {
        *res = r;
    }
    return bytes_to_le(buf, size);
}

MemTxResult address_space_st_attrs(AddressSpace *as, hwaddr addr,
                                   uint64_t val, unsigned size,
                                   MemTxAttrs attrs)
{
    uint8_t buf[8];

    check_sized_access(size);
    le_to_bytes(val, buf, size);
    return address_space_write_attrs(as, addr, attrs, buf, size);
}

uint64_t address_space_ld(AddressSpace *as, hwaddr addr, unsigned size,
                          MemTxResult *res)
{
    return address_space_ld_attrs(as, addr, size, MEMTXATTRS_UNSPECIFIED,
                                  res);
}

MemTxResult address_space_st(AddressSpace *as, hwaddr addr, uint64_t val,
                             unsigned size)
{
    return address_space_st_attrs(as, addr, val, size,
                                  MEMTXATTRS_UNSPECIFIED);
}
