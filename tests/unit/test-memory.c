/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of memory/: FlatView rendering (priorities, holes, aliases,
 * nesting, enable, moves, merging, the full 2^64 space), listener diffs
 * across commits, and the access path (RAM, ROM, io splitting, widening
 * and validation, unassigned bytes, the big lock). Views are compared as
 * short strings, "start+size:region@offset" per range, so a failure shows
 * the whole map.
 */
#include "memory/memory.h"
#include "util/bql.h"
#include "util/cutils.h"
#include "util/log.h"

#include <glib/gstdio.h>
#include <inttypes.h>
#include <string.h>
#include <unistd.h>

/* ---- helpers ---------------------------------------------------------- */

static void init_ram(MemoryRegion *mr, const char *name, uint64_t size)
{
    g_autoptr(GError) err = NULL;

    g_assert_true(memory_region_init_ram(mr, name, size, &err));
    g_assert_no_error(err);
}

static void init_rom(MemoryRegion *mr, const char *name, uint64_t size)
{
    g_autoptr(GError) err = NULL;

    g_assert_true(memory_region_init_rom(mr, name, size, &err));
    g_assert_no_error(err);
}

/* The view as "start+size:name@offset[ ro]" joined with spaces. */
static char *view_string(AddressSpace *as)
{
    FlatView *fv = address_space_get_flatview(as);
    GString *s = g_string_new(NULL);

    for (unsigned i = 0; i < fv->nr; i++) {
        const FlatRange *fr = &fv->ranges[i];
        g_string_append_printf(s, "%s%" PRIx64 "+%" PRIx64 ":%s@%" PRIx64 "%s",
                               i ? " " : "", fr->addr, fr->size, fr->mr->name,
                               fr->offset_in_region,
                               fr->readonly ? " ro" : "");
    }
    flatview_unref(fv);
    return g_string_free(s, FALSE);
}

#define assert_view(as, expected)                                            \
    do {                                                                     \
        g_autofree char *got_ = view_string(as);                             \
        g_assert_cmpstr(got_, ==, (expected));                               \
    } while (0)

/* Destroy regions in the given order (parents before their children). */
static void destroy_all(MemoryRegion **mrs, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        if (mrs[i]->parent) {
            memory_region_del_subregion(mrs[i]->parent, mrs[i]);
        }
        memory_region_destroy(mrs[i]);
    }
}

#define DESTROY(...)                                                         \
    do {                                                                     \
        MemoryRegion *list_[] = { __VA_ARGS__ };                             \
        destroy_all(list_, G_N_ELEMENTS(list_));                             \
    } while (0)

/* A device that records every callback and backs reads with 64 bytes. */
typedef struct TestDev {
    GString *calls;
    uint8_t regs[64];
} TestDev;

static uint64_t testdev_read(void *opaque, hwaddr addr, unsigned size)
{
    TestDev *d = opaque;
    uint64_t val = 0;

    g_assert_true(bql_locked());
    g_string_append_printf(d->calls, "r%" PRIx64 "/%u ", addr, size);
    for (unsigned i = 0; i < size; i++) {
        val |= (uint64_t)d->regs[(addr + i) % 64] << (8 * i);
    }
    return val;
}

static void testdev_write(void *opaque, hwaddr addr, uint64_t val,
                          unsigned size)
{
    TestDev *d = opaque;

    g_assert_true(bql_locked());
    g_string_append_printf(d->calls, "w%" PRIx64 "/%u=%" PRIx64 " ", addr,
                           size, val);
    for (unsigned i = 0; i < size; i++) {
        d->regs[(addr + i) % 64] = (uint8_t)(val >> (8 * i));
    }
}

static const MemoryRegionOps ops_any = {
    .read = testdev_read,
    .write = testdev_write,
};

static const MemoryRegionOps ops_impl1 = {
    .read = testdev_read,
    .write = testdev_write,
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

static const MemoryRegionOps ops_impl4 = {
    .read = testdev_read,
    .write = testdev_write,
    .impl = { .min_access_size = 4, .max_access_size = 4 },
};

static const MemoryRegionOps ops_valid4 = {
    .read = testdev_read,
    .write = testdev_write,
    .valid = { .min_access_size = 4, .max_access_size = 4 },
};

static void testdev_init(TestDev *d)
{
    d->calls = g_string_new(NULL);
    for (unsigned i = 0; i < sizeof(d->regs); i++) {
        d->regs[i] = (uint8_t)(0x10 + i);
    }
}

static void testdev_take_calls(TestDev *d, const char *expected)
{
    g_assert_cmpstr(d->calls->str, ==, expected);
    g_string_truncate(d->calls, 0);
}

/* A listener that records its callbacks as text. */
typedef struct TestListener {
    MemoryListener l;
    GString *events;
} TestListener;

static void tl_begin(MemoryListener *l)
{
    g_string_append(((TestListener *)l)->events, "begin ");
}

static void tl_commit(MemoryListener *l)
{
    g_string_append(((TestListener *)l)->events, "commit");
}

static void tl_section(MemoryListener *l, MemoryRegionSection *s,
                       const char *what)
{
    g_string_append_printf(((TestListener *)l)->events,
                           "%s %" PRIx64 "+%" PRIx64 ":%s@%" PRIx64 "%s ",
                           what, s->offset_within_address_space, s->size,
                           s->mr->name, s->offset_within_region,
                           s->readonly ? " ro" : "");
}

static void tl_add(MemoryListener *l, MemoryRegionSection *s)
{
    tl_section(l, s, "add");
}

static void tl_del(MemoryListener *l, MemoryRegionSection *s)
{
    tl_section(l, s, "del");
}

static void tl_init(TestListener *tl, int priority)
{
    memset(tl, 0, sizeof(*tl));
    tl->l.begin = tl_begin;
    tl->l.commit = tl_commit;
    tl->l.region_add = tl_add;
    tl->l.region_del = tl_del;
    tl->l.priority = priority;
    tl->events = g_string_new(NULL);
}

static void tl_take(TestListener *tl, const char *expected)
{
    g_assert_cmpstr(tl->events->str, ==, expected);
    g_string_truncate(tl->events, 0);
}

/* ---- FlatView rendering ---------------------------------------------- */

static void test_priority_higher_wins(void)
{
    MemoryRegion root, a, b;
    AddressSpace as;

    memory_region_init_container(&root, "root", UINT64_MAX);
    init_ram(&a, "a", 0x2000);
    init_ram(&b, "b", 0x2000);
    address_space_init(&as, &root, "test");

    memory_region_add_subregion_overlap(&root, 0x1000, &b, 1);
    memory_region_add_subregion_overlap(&root, 0, &a, 0);
    assert_view(&as, "0+1000:a@0 1000+2000:b@0");

    memory_region_del_subregion(&root, &b);
    memory_region_add_subregion_overlap(&root, 0x1000, &b, -1);
    assert_view(&as, "0+2000:a@0 2000+1000:b@1000");

    address_space_destroy(&as);
    DESTROY(&root, &a, &b);
}

static void test_equal_priority_later_wins(void)
{
    MemoryRegion root, a, b;
    AddressSpace as;

    memory_region_init_container(&root, "root", UINT64_MAX);
    init_ram(&a, "a", 0x2000);
    init_ram(&b, "b", 0x2000);
    address_space_init(&as, &root, "test");

    memory_region_add_subregion(&root, 0, &a);
    memory_region_add_subregion(&root, 0x1000, &b);
    assert_view(&as, "0+1000:a@0 1000+2000:b@0");

    memory_region_del_subregion(&root, &a);
    memory_region_add_subregion(&root, 0, &a);
    assert_view(&as, "0+2000:a@0 2000+1000:b@1000");

    address_space_destroy(&as);
    DESTROY(&root, &a, &b);
}

/* A high-priority container shows lower siblings where it has no child. */
static void test_hole_shows_lower(void)
{
    MemoryRegion root, ram, hole, dev;
    AddressSpace as;
    TestDev d;
    uint8_t buf[4];

    testdev_init(&d);
    memory_region_init_container(&root, "root", UINT64_MAX);
    init_ram(&ram, "ram", 0x10000);
    memory_region_init_container(&hole, "hole", 0x4000);
    memory_region_init_io(&dev, &ops_any, &d, "dev", 0x100);
    address_space_init(&as, &root, "test");

    memory_region_add_subregion(&root, 0, &ram);
    memory_region_add_subregion(&hole, 0x1000, &dev);
    memory_region_add_subregion_overlap(&root, 0x8000, &hole, 1);
    assert_view(&as, "0+9000:ram@0 9000+100:dev@0 9100+6f00:ram@9100");

    ((uint8_t *)memory_region_get_ram_ptr(&ram))[0x8004] = 0x5a;
    g_assert_cmpint(address_space_read(&as, 0x8004, buf, 1), ==, MEMTX_OK);
    g_assert_cmpuint(buf[0], ==, 0x5a);
    g_assert_cmpint(address_space_read(&as, 0x9004, buf, 1), ==, MEMTX_OK);
    g_assert_cmpuint(buf[0], ==, 0x14);

    address_space_destroy(&as);
    DESTROY(&root, &hole, &ram, &dev);
    g_string_free(d.calls, TRUE);
}

static void test_alias_into_ram(void)
{
    MemoryRegion root, ram, alias;
    AddressSpace as;
    uint8_t *host;
    uint8_t buf[8];

    memory_region_init_container(&root, "root", UINT64_MAX);
    init_ram(&ram, "ram", 0x10000);
    memory_region_init_alias(&alias, "win", &ram, 0x8000, 0x1000);
    address_space_init(&as, &root, "test");
    memory_region_add_subregion(&root, 0x100000, &alias);
    assert_view(&as, "100000+1000:ram@8000");

    host = memory_region_get_ram_ptr(&ram);
    g_assert_cmpint(address_space_write(&as, 0x100010, "\x11\x22\x33\x44", 4),
                    ==, MEMTX_OK);
    g_assert_cmpmem(host + 0x8010, 4, "\x11\x22\x33\x44", 4);
    host[0x8ffe] = 0xab;
    g_assert_cmpint(address_space_read(&as, 0x100ffe, buf, 1), ==, MEMTX_OK);
    g_assert_cmpuint(buf[0], ==, 0xab);
    g_assert_true(memory_region_get_ram_ptr(&alias) == host + 0x8000);

    /* Clipped to the alias size: the byte past the window is unassigned. */
    g_assert_cmpint(address_space_read(&as, 0x100fff, buf, 2), ==,
                    MEMTX_DECODE_ERROR);
    g_assert_cmpuint(buf[1], ==, 0xff);

    memory_region_set_alias_offset(&alias, 0xf800);
    assert_view(&as, "100000+800:ram@f800");
    host[0xf800] = 0x77;
    g_assert_cmpuint(address_space_ld(&as, 0x100000, 1, NULL), ==, 0x77);

    address_space_destroy(&as);
    DESTROY(&root, &alias, &ram);
}

static void test_nested_containers(void)
{
    MemoryRegion root, outer, inner, ram;
    AddressSpace as;

    memory_region_init_container(&root, "root", UINT64_MAX);
    memory_region_init_container(&outer, "outer", 0x100000);
    memory_region_init_container(&inner, "inner", 0x2000);
    init_ram(&ram, "ram", 0x4000);
    address_space_init(&as, &root, "test");

    memory_region_add_subregion(&inner, 0x100, &ram);
    memory_region_add_subregion(&outer, 0x1000, &inner);
    memory_region_add_subregion(&root, 0x10000, &outer);
    /* The inner container clips the RAM to its own 0x2000 bytes. */
    assert_view(&as, "11100+1f00:ram@0");

    memory_region_set_address(&outer, 0x20000);
    assert_view(&as, "21100+1f00:ram@0");
    memory_region_set_address(&ram, 0x1000);
    assert_view(&as, "22000+1000:ram@0");

    address_space_destroy(&as);
    DESTROY(&root, &outer, &inner, &ram);
}

static void test_enable_disable(void)
{
    MemoryRegion root, low, box, high;
    AddressSpace as;

    memory_region_init_container(&root, "root", UINT64_MAX);
    init_ram(&low, "low", 0x3000);
    memory_region_init_container(&box, "box", 0x3000);
    init_ram(&high, "high", 0x1000);
    address_space_init(&as, &root, "test");

    memory_region_add_subregion(&root, 0, &low);
    memory_region_add_subregion(&box, 0x1000, &high);
    memory_region_add_subregion_overlap(&root, 0, &box, 1);
    assert_view(&as, "0+1000:low@0 1000+1000:high@0 2000+1000:low@2000");

    memory_region_set_enabled(&box, false);
    assert_view(&as, "0+3000:low@0");
    memory_region_set_enabled(&box, true);
    memory_region_set_enabled(&high, false);
    assert_view(&as, "0+3000:low@0");
    memory_region_set_enabled(&high, true);
    assert_view(&as, "0+1000:low@0 1000+1000:high@0 2000+1000:low@2000");

    address_space_destroy(&as);
    DESTROY(&root, &box, &low, &high);
}

static void test_set_address_moves(void)
{
    MemoryRegion root, ram;
    AddressSpace as;

    memory_region_init_container(&root, "root", UINT64_MAX);
    init_ram(&ram, "ram", 0x1000);
    address_space_init(&as, &root, "test");
    memory_region_add_subregion(&root, 0x1000, &ram);
    address_space_st(&as, 0x1008, 0xcafe, 2);

    memory_region_set_address(&ram, 0x5000);
    assert_view(&as, "5000+1000:ram@0");
    g_assert_cmpuint(address_space_ld(&as, 0x5008, 2, NULL), ==, 0xcafe);
    g_assert_cmpuint(address_space_ld(&as, 0x1008, 2, NULL), ==, 0xffff);

    address_space_destroy(&as);
    DESTROY(&root, &ram);
}

static void test_merge_adjacent(void)
{
    MemoryRegion root, ram, dev, a1, a2, a3;
    AddressSpace as;

    memory_region_init_container(&root, "root", UINT64_MAX);
    init_ram(&ram, "ram", 0x10000);
    memory_region_init_io(&dev, NULL, NULL, "dev", 0x100);
    address_space_init(&as, &root, "test");

    memory_region_add_subregion(&root, 0, &ram);
    memory_region_add_subregion_overlap(&root, 0x4000, &dev, 1);
    assert_view(&as, "0+4000:ram@0 4000+100:dev@0 4100+bf00:ram@4100");
    memory_region_del_subregion(&root, &dev);
    assert_view(&as, "0+10000:ram@0");
    memory_region_del_subregion(&root, &ram);

    /* Two aliases with contiguous offsets merge; a gap in offset does not. */
    memory_region_init_alias(&a1, "a1", &ram, 0x1000, 0x1000);
    memory_region_init_alias(&a2, "a2", &ram, 0x2000, 0x1000);
    memory_region_init_alias(&a3, "a3", &ram, 0x8000, 0x1000);
    memory_region_add_subregion(&root, 0x100000, &a1);
    memory_region_add_subregion(&root, 0x101000, &a2);
    memory_region_add_subregion(&root, 0x102000, &a3);
    assert_view(&as, "100000+2000:ram@1000 102000+1000:ram@8000");

    /* A difference in readonly keeps them apart. */
    memory_region_set_readonly(&a2, true);
    assert_view(&as, "100000+1000:ram@1000 101000+1000:ram@2000 ro "
                     "102000+1000:ram@8000");

    address_space_destroy(&as);
    DESTROY(&root, &a1, &a2, &a3, &ram, &dev);
}

/* An io region laid over RAM as its subregion: RAM shows around it. */
static void test_leaf_with_subregion(void)
{
    MemoryRegion root, ram, dev;
    AddressSpace as;
    TestDev d;

    testdev_init(&d);
    memory_region_init_container(&root, "root", UINT64_MAX);
    init_ram(&ram, "ram", 0x1000);
    memory_region_init_io(&dev, &ops_any, &d, "dev", 0x10);
    address_space_init(&as, &root, "test");
    memory_region_add_subregion(&ram, 0x100, &dev);
    memory_region_add_subregion(&root, 0x4000, &ram);
    assert_view(&as, "4000+100:ram@0 4100+10:dev@0 4110+ef0:ram@110");

    g_assert_cmphex(address_space_ld(&as, 0x4104, 1, NULL), ==, 0x14);
    testdev_take_calls(&d, "r4/1 ");
    memory_region_set_enabled(&dev, false);
    assert_view(&as, "4000+1000:ram@0");

    address_space_destroy(&as);
    DESTROY(&root, &ram, &dev);
    g_string_free(d.calls, TRUE);
}

static void test_lookup(void)
{
    MemoryRegion root, devs[64];
    AddressSpace as;
    FlatView *fv;

    memory_region_init_container(&root, "root", UINT64_MAX);
    address_space_init(&as, &root, "test");
    memory_region_transaction_begin();
    for (unsigned i = 0; i < 64; i++) {
        memory_region_init_io(&devs[i], NULL, NULL, "dev", 0x10);
        memory_region_add_subregion(&root, 0x1000 + 0x20 * i, &devs[i]);
    }
    memory_region_transaction_commit();

    fv = address_space_get_flatview(&as);
    g_assert_cmpuint(fv->nr, ==, 64);
    g_assert_null(flatview_lookup(fv, 0));
    g_assert_null(flatview_lookup(fv, 0xfff));
    for (unsigned i = 0; i < 64; i++) {
        hwaddr base = 0x1000 + 0x20 * i;
        const FlatRange *fr = flatview_lookup(fv, base + 0xf);
        g_assert_nonnull(fr);
        g_assert_true(fr->mr == &devs[i]);
        g_assert_true(flatview_lookup(fv, base) == fr);
        g_assert_null(flatview_lookup(fv, base + 0x10));
        g_assert_null(flatview_lookup(fv, base + 0x1f));
    }
    g_assert_null(flatview_lookup(fv, UINT64_MAX));
    flatview_unref(fv);

    address_space_destroy(&as);
    memory_region_destroy(&root);
    for (unsigned i = 0; i < 64; i++) {
        memory_region_destroy(&devs[i]);
    }
}

/* Regions as large as the whole space, and a region hanging past 2^64. */
static void test_full_space(void)
{
    MemoryRegion root, catchall, ram, top;
    AddressSpace as;
    FlatView *fv;
    const FlatRange *fr;

    memory_region_init_container(&root, "root", UINT64_MAX);
    memory_region_init_io(&catchall, NULL, NULL, "all", UINT64_MAX);
    init_ram(&ram, "ram", 0x1000);
    init_ram(&top, "top", 0x2000);
    address_space_init(&as, &root, "test");

    memory_region_add_subregion_overlap(&root, 0, &catchall, -1);
    assert_view(&as, "0+ffffffffffffffff:all@0");
    memory_region_add_subregion(&root, 0x1000, &ram);
    memory_region_add_subregion(&root, 0xfffffffffffff000ull, &top);
    assert_view(&as, "0+1000:all@0 1000+1000:ram@0 "
                     "2000+ffffffffffffd000:all@2000 "
                     "fffffffffffff000+1000:top@0");

    fv = address_space_get_flatview(&as);
    fr = flatview_lookup(fv, 0xffffffffffffefffull);
    g_assert_nonnull(fr);
    g_assert_true(fr->mr == &catchall);
    fr = flatview_lookup(fv, UINT64_MAX);
    g_assert_nonnull(fr);
    g_assert_true(fr->mr == &top);
    flatview_unref(fv);

    address_space_st(&as, UINT64_MAX - 3, 0x01020304, 4);
    g_assert_cmpuint(address_space_ld(&as, UINT64_MAX - 3, 4, NULL), ==,
                     0x01020304);

    address_space_destroy(&as);
    DESTROY(&root, &catchall, &ram, &top);
}

/* The 64 KiB I/O root clips what hangs past its end. */
static void test_small_root_clips(void)
{
    MemoryRegion root, dev;
    AddressSpace as;

    memory_region_init_container(&root, "io", 0x10000);
    memory_region_init_io(&dev, NULL, NULL, "dev", 0x100);
    address_space_init(&as, &root, "io");
    memory_region_add_subregion(&root, 0xff80, &dev);
    assert_view(&as, "ff80+80:dev@0");
    memory_region_set_address(&dev, 0x10000);
    assert_view(&as, "");

    address_space_destroy(&as);
    DESTROY(&root, &dev);
}

/* ---- listeners ------------------------------------------------------- */

static void test_listener_diffs(void)
{
    MemoryRegion root, ram, dev, rom;
    AddressSpace as;
    TestListener tl;

    memory_region_init_container(&root, "root", UINT64_MAX);
    init_ram(&ram, "ram", 0x4000);
    memory_region_init_io(&dev, NULL, NULL, "dev", 0x1000);
    init_rom(&rom, "rom", 0x1000);
    address_space_init(&as, &root, "test");
    memory_region_add_subregion(&root, 0, &ram);

    tl_init(&tl, 0);
    memory_listener_register(&tl.l, &as);
    g_assert_true(tl.l.as == &as);
    tl_take(&tl, "begin add 0+4000:ram@0 commit");

    memory_region_add_subregion_overlap(&root, 0x1000, &dev, 1);
    tl_take(&tl, "begin del 0+4000:ram@0 add 0+1000:ram@0 "
                 "add 1000+1000:dev@0 add 2000+2000:ram@2000 commit");

    memory_region_set_address(&dev, 0x10000);
    tl_take(&tl, "begin del 0+1000:ram@0 del 1000+1000:dev@0 "
                 "del 2000+2000:ram@2000 add 0+4000:ram@0 "
                 "add 10000+1000:dev@0 commit");

    memory_region_set_enabled(&dev, false);
    tl_take(&tl, "begin del 10000+1000:dev@0 commit");
    memory_region_set_enabled(&dev, false);
    tl_take(&tl, "");

    memory_region_add_subregion(&root, 0x20000, &rom);
    tl_take(&tl, "begin add 20000+1000:rom@0 ro commit");
    memory_region_del_subregion(&root, &rom);
    tl_take(&tl, "begin del 20000+1000:rom@0 ro commit");

    /* Several edits in one transaction give one diff. */
    memory_region_transaction_begin();
    memory_region_set_enabled(&dev, true);
    memory_region_add_subregion(&root, 0x20000, &rom);
    memory_region_transaction_begin();
    memory_region_set_address(&dev, 0x30000);
    memory_region_transaction_commit();
    g_assert_cmpstr(tl.events->str, ==, "");
    memory_region_transaction_commit();
    tl_take(&tl, "begin add 20000+1000:rom@0 ro add 30000+1000:dev@0 commit");

    /* Edits that cancel out report nothing. */
    memory_region_transaction_begin();
    memory_region_set_address(&dev, 0x40000);
    memory_region_set_address(&dev, 0x30000);
    memory_region_transaction_commit();
    tl_take(&tl, "");

    memory_listener_unregister(&tl.l);
    g_assert_null(tl.l.as);
    tl_take(&tl, "begin del 0+4000:ram@0 del 20000+1000:rom@0 ro "
                 "del 30000+1000:dev@0 commit");
    memory_region_del_subregion(&root, &rom);
    tl_take(&tl, "");

    address_space_destroy(&as);
    DESTROY(&root, &ram, &dev, &rom);
    g_string_free(tl.events, TRUE);
}

static GString *order_log;

static void order_add(MemoryListener *l, MemoryRegionSection *s)
{
    g_string_append_printf(order_log, "add%d ", l->priority);
}

static void order_del(MemoryListener *l, MemoryRegionSection *s)
{
    g_string_append_printf(order_log, "del%d ", l->priority);
}

/* Lower priority runs first on add and last on del. */
static void test_listener_order(void)
{
    MemoryRegion root, ram;
    AddressSpace as;
    MemoryListener hi = { .region_add = order_add, .region_del = order_del,
                          .priority = 10 };
    MemoryListener lo = { .region_add = order_add, .region_del = order_del,
                          .priority = 0 };

    order_log = g_string_new(NULL);
    memory_region_init_container(&root, "root", UINT64_MAX);
    init_ram(&ram, "ram", 0x1000);
    address_space_init(&as, &root, "test");
    memory_listener_register(&hi, &as);
    memory_listener_register(&lo, &as);
    g_string_truncate(order_log, 0);

    memory_region_add_subregion(&root, 0, &ram);
    g_assert_cmpstr(order_log->str, ==, "add0 add10 ");
    g_string_truncate(order_log, 0);
    memory_region_del_subregion(&root, &ram);
    g_assert_cmpstr(order_log->str, ==, "del10 del0 ");

    address_space_destroy(&as);
    g_assert_null(hi.as);
    g_assert_null(lo.as);
    DESTROY(&root, &ram);
    g_string_free(order_log, TRUE);
}

/* Each AddressSpace hears only about its own changes. */
static void test_two_address_spaces(void)
{
    MemoryRegion mem, io, ram, port;
    AddressSpace as_mem, as_io;
    TestListener tm, ti;

    memory_region_init_container(&mem, "mem", UINT64_MAX);
    memory_region_init_container(&io, "io", 0x10000);
    init_ram(&ram, "ram", 0x1000);
    memory_region_init_io(&port, NULL, NULL, "port", 4);
    address_space_init(&as_mem, &mem, "memory");
    address_space_init(&as_io, &io, "io");
    tl_init(&tm, 0);
    tl_init(&ti, 0);
    memory_listener_register(&tm.l, &as_mem);
    memory_listener_register(&ti.l, &as_io);
    tl_take(&tm, "begin commit");
    tl_take(&ti, "begin commit");

    memory_region_add_subregion(&io, 0x60, &port);
    tl_take(&tm, "");
    tl_take(&ti, "begin add 60+4:port@0 commit");
    memory_region_add_subregion(&mem, 0, &ram);
    tl_take(&tm, "begin add 0+1000:ram@0 commit");
    tl_take(&ti, "");

    address_space_destroy(&as_mem);
    address_space_destroy(&as_io);
    DESTROY(&mem, &io, &ram, &port);
    g_string_free(tm.events, TRUE);
    g_string_free(ti.events, TRUE);
}

static MemoryRegion *chained_region;

/* Adding the first range switches another region on, from the callback. */
static void chain_add(MemoryListener *l, MemoryRegionSection *s)
{
    tl_add(l, s);
    if (chained_region && s->mr != chained_region) {
        memory_region_set_enabled(chained_region, true);
    }
}

/* A listener may edit the map from its callbacks: one more round follows. */
static void test_listener_edits_in_callback(void)
{
    MemoryRegion root, a, b;
    AddressSpace as;
    TestListener tl;

    memory_region_init_container(&root, "root", UINT64_MAX);
    init_ram(&a, "a", 0x1000);
    init_ram(&b, "b", 0x1000);
    address_space_init(&as, &root, "test");
    memory_region_add_subregion(&root, 0x2000, &b);
    memory_region_set_enabled(&b, false);
    tl_init(&tl, 0);
    tl.l.region_add = chain_add;
    memory_listener_register(&tl.l, &as);
    tl_take(&tl, "begin commit");

    chained_region = &b;
    memory_region_add_subregion(&root, 0, &a);
    chained_region = NULL;
    tl_take(&tl, "begin add 0+1000:a@0 commit"
                 "begin add 2000+1000:b@0 commit");
    assert_view(&as, "0+1000:a@0 2000+1000:b@0");

    address_space_destroy(&as);
    DESTROY(&root, &a, &b);
    g_string_free(tl.events, TRUE);
}

/* ---- access path ----------------------------------------------------- */

static void test_straddle_ram_io(void)
{
    MemoryRegion root, ram, dev;
    AddressSpace as;
    TestDev d;
    uint8_t buf[8];
    uint8_t *host;

    testdev_init(&d);
    memory_region_init_container(&root, "root", UINT64_MAX);
    init_ram(&ram, "ram", 0x1000);
    memory_region_init_io(&dev, &ops_any, &d, "dev", 0x10);
    address_space_init(&as, &root, "test");
    memory_region_add_subregion(&root, 0, &ram);
    memory_region_add_subregion(&root, 0x1000, &dev);
    host = memory_region_get_ram_ptr(&ram);

    g_assert_cmpint(address_space_write(&as, 0xffc,
                                        "\x01\x02\x03\x04\x05\x06\x07\x08", 8),
                    ==, MEMTX_OK);
    g_assert_cmpmem(host + 0xffc, 4, "\x01\x02\x03\x04", 4);
    testdev_take_calls(&d, "w0/4=8070605 ");

    g_assert_cmpint(address_space_read(&as, 0xffe, buf, 4), ==, MEMTX_OK);
    g_assert_cmpmem(buf, 4, "\x03\x04\x05\x06", 4);
    testdev_take_calls(&d, "r0/2 ");

    address_space_destroy(&as);
    DESTROY(&root, &ram, &dev);
    g_string_free(d.calls, TRUE);
}

static void test_io_and_unassigned(void)
{
    MemoryRegion root, dev;
    AddressSpace as;
    TestDev d;
    uint8_t buf[8];

    testdev_init(&d);
    memory_region_init_container(&root, "root", UINT64_MAX);
    memory_region_init_io(&dev, &ops_any, &d, "dev", 4);
    address_space_init(&as, &root, "test");
    memory_region_add_subregion(&root, 0x100, &dev);

    g_assert_cmpint(address_space_read(&as, 0x102, buf, 6), ==,
                    MEMTX_DECODE_ERROR);
    g_assert_cmpmem(buf, 6, "\x12\x13\xff\xff\xff\xff", 6);
    testdev_take_calls(&d, "r2/2 ");

    g_assert_cmpint(address_space_write(&as, 0xfe, "\xaa\xbb\xcc\xdd", 4), ==,
                    MEMTX_DECODE_ERROR);
    testdev_take_calls(&d, "w0/2=ddcc ");

    address_space_destroy(&as);
    DESTROY(&root, &dev);
    g_string_free(d.calls, TRUE);
}

static void test_two_io_regions(void)
{
    MemoryRegion root, dev1, dev2;
    AddressSpace as;
    TestDev d1, d2;
    MemTxResult res;

    testdev_init(&d1);
    testdev_init(&d2);
    d2.regs[0] = 0xa0;
    d2.regs[1] = 0xa1;
    memory_region_init_container(&root, "root", UINT64_MAX);
    memory_region_init_io(&dev1, &ops_any, &d1, "dev1", 8);
    memory_region_init_io(&dev2, &ops_any, &d2, "dev2", 8);
    address_space_init(&as, &root, "test");
    memory_region_add_subregion(&root, 0x10, &dev1);
    memory_region_add_subregion(&root, 0x18, &dev2);

    g_assert_cmphex(address_space_ld(&as, 0x16, 4, &res), ==, 0xa1a01716);
    g_assert_cmpint(res, ==, MEMTX_OK);
    testdev_take_calls(&d1, "r6/2 ");
    testdev_take_calls(&d2, "r0/2 ");

    g_assert_cmpint(address_space_st(&as, 0x10, 0x1122334455667788ull, 8),
                    ==, MEMTX_OK);
    testdev_take_calls(&d1, "w0/8=1122334455667788 ");
    testdev_take_calls(&d2, "");

    address_space_destroy(&as);
    DESTROY(&root, &dev1, &dev2);
    g_string_free(d1.calls, TRUE);
    g_string_free(d2.calls, TRUE);
}

static void test_io_split(void)
{
    MemoryRegion root, dev;
    AddressSpace as;
    TestDev d;

    testdev_init(&d);
    memory_region_init_container(&root, "root", UINT64_MAX);
    memory_region_init_io(&dev, &ops_impl1, &d, "dev", 0x10);
    address_space_init(&as, &root, "test");
    memory_region_add_subregion(&root, 0x1000, &dev);

    g_assert_cmphex(address_space_ld(&as, 0x1004, 4, NULL), ==, 0x17161514);
    testdev_take_calls(&d, "r4/1 r5/1 r6/1 r7/1 ");
    g_assert_cmpint(address_space_st(&as, 0x1008, 0xa1b2c3d4, 4), ==,
                    MEMTX_OK);
    testdev_take_calls(&d, "w8/1=d4 w9/1=c3 wa/1=b2 wb/1=a1 ");

    address_space_destroy(&as);
    DESTROY(&root, &dev);
    g_string_free(d.calls, TRUE);
}

static void test_io_widen(void)
{
    MemoryRegion root, dev;
    AddressSpace as;
    TestDev d;

    testdev_init(&d);
    memory_region_init_container(&root, "root", UINT64_MAX);
    memory_region_init_io(&dev, &ops_impl4, &d, "dev", 0x10);
    address_space_init(&as, &root, "test");
    memory_region_add_subregion(&root, 0x1000, &dev);

    g_assert_cmphex(address_space_ld(&as, 0x1005, 1, NULL), ==, 0x15);
    testdev_take_calls(&d, "r4/4 ");
    g_assert_cmphex(address_space_ld(&as, 0x1006, 2, NULL), ==, 0x1716);
    testdev_take_calls(&d, "r4/4 ");
    /* An unaligned 8-byte read: three 4-byte callbacks, bytes 2..9. */
    g_assert_cmphex(address_space_ld(&as, 0x1002, 8, NULL), ==,
                    0x1918171615141312ull);
    testdev_take_calls(&d, "r0/4 r4/4 r8/4 ");
    /* A widened write carries zeros in the lanes it does not own. */
    g_assert_cmpint(address_space_st(&as, 0x100a, 0xee, 1), ==, MEMTX_OK);
    testdev_take_calls(&d, "w8/4=ee0000 ");

    address_space_destroy(&as);
    DESTROY(&root, &dev);
    g_string_free(d.calls, TRUE);
}

/* Record the attrs of each callback as "r<addr>/<size>@<id|u> ". */
static void attrs_note(TestDev *d, char op, hwaddr addr, unsigned size,
                       MemTxAttrs attrs)
{
    if (attrs.unspecified) {
        g_string_append_printf(d->calls, "%c%" PRIx64 "/%u@u ", op, addr,
                               size);
    } else {
        g_string_append_printf(d->calls, "%c%" PRIx64 "/%u@%u ", op, addr,
                               size, attrs.requester_id);
    }
}

static uint64_t attrs_read(void *opaque, hwaddr addr, unsigned size,
                           MemTxAttrs attrs)
{
    attrs_note(opaque, 'r', addr, size, attrs);
    return attrs.unspecified ? 0xee : attrs.requester_id;
}

static void attrs_write(void *opaque, hwaddr addr, uint64_t val,
                        unsigned size, MemTxAttrs attrs)
{
    attrs_note(opaque, 'w', addr, size, attrs);
}

static const MemoryRegionOps ops_attrs = {
    .read = testdev_read,           /* must not be used */
    .write = testdev_write,
    .read_with_attrs = attrs_read,
    .write_with_attrs = attrs_write,
    .impl = { .min_access_size = 4, .max_access_size = 4 },
};

/* Attrs reach the callbacks that take them, through splits and widening;
 * the plain functions pass unspecified attrs; plain callbacks still work
 * under the _attrs functions. */
static void test_io_attrs(void)
{
    MemoryRegion root, dev, plain;
    AddressSpace as;
    TestDev d, p;
    uint8_t buf[8];

    testdev_init(&d);
    testdev_init(&p);
    memory_region_init_container(&root, "root", UINT64_MAX);
    memory_region_init_io(&dev, &ops_attrs, &d, "dev", 0x10);
    memory_region_init_io(&plain, &ops_any, &p, "plain", 0x10);
    address_space_init(&as, &root, "test");
    memory_region_add_subregion(&root, 0x1000, &dev);
    memory_region_add_subregion(&root, 0x2000, &plain);

    g_assert_cmphex(address_space_ld_attrs(&as, 0x1004, 4, MEMTXATTRS_CPU(3),
                                           NULL), ==, 3);
    testdev_take_calls(&d, "r4/4@3 ");
    g_assert_cmphex(address_space_ld(&as, 0x1000, 4, NULL), ==, 0xee);
    testdev_take_calls(&d, "r0/4@u ");
    /* An 8-byte write is split in two 4-byte callbacks, both tagged. */
    g_assert_cmpint(address_space_st_attrs(&as, 0x1008, 0x1122334455667788ull,
                                           8, MEMTXATTRS_CPU(1)), ==,
                    MEMTX_OK);
    testdev_take_calls(&d, "w8/4@1 wc/4@1 ");
    /* A 1-byte read is widened to the 4-byte unit. */
    g_assert_cmpint(address_space_read_attrs(&as, 0x1001, MEMTXATTRS_CPU(2),
                                             buf, 1), ==, MEMTX_OK);
    g_assert_cmphex(buf[0], ==, 0);
    testdev_take_calls(&d, "r0/4@2 ");
    g_assert_cmpint(address_space_write_attrs(&as, 0x1000,
                                              MEMTXATTRS_UNSPECIFIED, buf, 4),
                    ==, MEMTX_OK);
    testdev_take_calls(&d, "w0/4@u ");
    /* A region without attrs callbacks under the _attrs functions. */
    g_assert_cmphex(address_space_ld_attrs(&as, 0x2000, 2, MEMTXATTRS_CPU(5),
                                           NULL), ==, 0x1110);
    testdev_take_calls(&p, "r0/2 ");
    /* RAM-less holes still read as ones with attrs. */
    g_assert_cmpint(address_space_read_attrs(&as, 0x3000, MEMTXATTRS_CPU(0),
                                             buf, 2), ==, MEMTX_DECODE_ERROR);
    g_assert_cmphex(buf[0], ==, 0xff);

    address_space_destroy(&as);
    DESTROY(&root, &dev, &plain);
    g_string_free(d.calls, TRUE);
    g_string_free(p.calls, TRUE);
}

static void test_io_valid_rejects(void)
{
    MemoryRegion root, dev;
    AddressSpace as;
    TestDev d;
    MemTxResult res;

    testdev_init(&d);
    memory_region_init_container(&root, "root", UINT64_MAX);
    memory_region_init_io(&dev, &ops_valid4, &d, "dev", 0x10);
    address_space_init(&as, &root, "test");
    memory_region_add_subregion(&root, 0x1000, &dev);

    g_assert_cmphex(address_space_ld(&as, 0x1004, 1, &res), ==, 0xff);
    g_assert_cmpint(res, ==, MEMTX_ERROR);
    g_assert_cmphex(address_space_ld(&as, 0x1002, 4, &res), ==, 0xffffffff);
    g_assert_cmpint(res, ==, MEMTX_ERROR);
    g_assert_cmpint(address_space_st(&as, 0x1004, 0x12, 2), ==, MEMTX_ERROR);
    testdev_take_calls(&d, "");

    g_assert_cmphex(address_space_ld(&as, 0x1004, 4, &res), ==, 0x17161514);
    g_assert_cmpint(res, ==, MEMTX_OK);
    testdev_take_calls(&d, "r4/4 ");
    /* 8 bytes are two valid 4-byte accesses. */
    g_assert_cmpint(address_space_st(&as, 0x1008, 0x1122334455667788ull, 8),
                    ==, MEMTX_OK);
    testdev_take_calls(&d, "w8/4=55667788 wc/4=11223344 ");

    address_space_destroy(&as);
    DESTROY(&root, &dev);
    g_string_free(d.calls, TRUE);
}

static void test_rom_and_readonly(void)
{
    MemoryRegion root, rom, ram, ro_alias;
    AddressSpace as;
    uint8_t *host;

    memory_region_init_container(&root, "root", UINT64_MAX);
    init_rom(&rom, "rom", 0x1000);
    init_ram(&ram, "ram", 0x1000);
    memory_region_init_alias(&ro_alias, "ro", &ram, 0, 0x1000);
    address_space_init(&as, &root, "test");
    memory_region_add_subregion(&root, 0xf0000, &rom);
    memory_region_add_subregion(&root, 0, &ram);
    memory_region_add_subregion(&root, 0x10000, &ro_alias);
    memory_region_set_readonly(&ro_alias, true);
    assert_view(&as, "0+1000:ram@0 10000+1000:ram@0 ro f0000+1000:rom@0 ro");

    host = memory_region_get_ram_ptr(&rom);
    g_assert_cmpint(address_space_st(&as, 0xf0010, 0x55aa, 2), ==, MEMTX_OK);
    g_assert_cmphex(address_space_ld(&as, 0xf0010, 2, NULL), ==, 0);
    g_assert_cmpint(address_space_write_rom(&as, 0xf0010, "\xaa\x55", 2), ==,
                    MEMTX_OK);
    g_assert_cmpmem(host + 0x10, 2, "\xaa\x55", 2);
    g_assert_cmphex(address_space_ld(&as, 0xf0010, 2, NULL), ==, 0x55aa);

    address_space_st(&as, 0x10020, 0x99, 1);
    g_assert_cmphex(address_space_ld(&as, 0x20, 1, NULL), ==, 0);
    address_space_st(&as, 0x20, 0x99, 1);
    g_assert_cmphex(address_space_ld(&as, 0x10020, 1, NULL), ==, 0x99);

    address_space_destroy(&as);
    DESTROY(&root, &rom, &ro_alias, &ram);
}

static void test_ld_st(void)
{
    MemoryRegion root, ram;
    AddressSpace as;
    MemTxResult res;
    uint8_t *host;

    memory_region_init_container(&root, "root", UINT64_MAX);
    init_ram(&ram, "ram", 0x1000);
    address_space_init(&as, &root, "test");
    memory_region_add_subregion(&root, 0x2000, &ram);
    host = memory_region_get_ram_ptr(&ram);

    g_assert_cmpint(address_space_st(&as, 0x2100, 0x0807060504030201ull, 8),
                    ==, MEMTX_OK);
    g_assert_cmpmem(host + 0x100, 8, "\x01\x02\x03\x04\x05\x06\x07\x08", 8);
    g_assert_cmphex(address_space_ld(&as, 0x2100, 1, &res), ==, 0x01);
    g_assert_cmpint(res, ==, MEMTX_OK);
    g_assert_cmphex(address_space_ld(&as, 0x2101, 2, NULL), ==, 0x0302);
    g_assert_cmphex(address_space_ld(&as, 0x2103, 4, NULL), ==, 0x07060504);
    g_assert_cmphex(address_space_ld(&as, 0x2100, 8, NULL), ==,
                    0x0807060504030201ull);
    address_space_st(&as, 0x2104, 0xbeef, 2);
    g_assert_cmphex(address_space_ld(&as, 0x2100, 8, NULL), ==,
                    0x0807beef04030201ull);

    /* Half mapped, half not: the unmapped half reads as ones. */
    g_assert_cmphex(address_space_ld(&as, 0x1ffe, 4, &res), ==, 0x0000ffff);
    g_assert_cmpint(res, ==, MEMTX_DECODE_ERROR);

    address_space_destroy(&as);
    DESTROY(&root, &ram);
}

static void test_unassigned_logged(void)
{
    MemoryRegion root;
    AddressSpace as;
    g_autofree char *path = NULL;
    g_autofree char *text = NULL;
    uint8_t buf[4] = { 1, 2, 3, 4 };
    int fd;

    fd = g_file_open_tmp("kestrel-memlog-XXXXXX", &path, NULL);
    g_assert_cmpint(fd, >=, 0);
    close(fd);
    g_assert_true(log_set_file(path, NULL));
    log_mask = LOG_GUEST_ERROR;

    memory_region_init_container(&root, "root", UINT64_MAX);
    address_space_init(&as, &root, "testspace");
    g_assert_cmpint(address_space_read(&as, 0x1234, buf, 4), ==,
                    MEMTX_DECODE_ERROR);
    g_assert_cmpmem(buf, 4, "\xff\xff\xff\xff", 4);
    g_assert_cmpint(address_space_write(&as, 0x5678, buf, 2), ==,
                    MEMTX_DECODE_ERROR);

    log_mask = 0;
    g_assert_true(log_set_file(NULL, NULL));
    g_assert_true(g_file_get_contents(path, &text, NULL, NULL));
    g_assert_nonnull(strstr(text, "testspace"));
    g_assert_nonnull(strstr(text, "0x1234"));
    g_assert_nonnull(strstr(text, "0x5678"));
    g_unlink(path);

    address_space_destroy(&as);
    memory_region_destroy(&root);
}

/* Callers that already hold the big lock must not deadlock on io. */
static void test_io_with_bql_held(void)
{
    MemoryRegion root, dev;
    AddressSpace as;
    TestDev d;

    testdev_init(&d);
    memory_region_init_container(&root, "root", UINT64_MAX);
    memory_region_init_io(&dev, &ops_any, &d, "dev", 0x10);
    address_space_init(&as, &root, "test");
    memory_region_add_subregion(&root, 0, &dev);

    bql_lock();
    g_assert_cmphex(address_space_ld(&as, 0, 1, NULL), ==, 0x10);
    g_assert_true(bql_locked());
    bql_unlock();
    g_assert_cmphex(address_space_ld(&as, 1, 1, NULL), ==, 0x11);
    g_assert_false(bql_locked());
    testdev_take_calls(&d, "r0/1 r1/1 ");

    address_space_destroy(&as);
    DESTROY(&root, &dev);
    g_string_free(d.calls, TRUE);
}

typedef struct ReaderArgs {
    AddressSpace *as;
    gint stop;
    gint bad;
} ReaderArgs;

static gpointer reader_thread(gpointer opaque)
{
    ReaderArgs *a = opaque;

    while (!g_atomic_int_get(&a->stop)) {
        uint64_t v = address_space_ld(a->as, 0x1000, 4, NULL);
        uint64_t io = address_space_ld(a->as, 0x2000, 1, NULL);
        if ((v != 0x11111111 && v != 0x22222222) || io != 0x10) {
            g_atomic_int_set(&a->bad, 1);
        }
    }
    return NULL;
}

/* A vCPU-like thread reads while the main thread remaps under the lock. */
static void test_reader_during_commits(void)
{
    MemoryRegion root, ram1, ram2, dev;
    AddressSpace as;
    TestDev d;
    ReaderArgs args = { .as = &as };
    GThread *t;

    testdev_init(&d);
    memory_region_init_container(&root, "root", UINT64_MAX);
    init_ram(&ram1, "ram1", 0x1000);
    init_ram(&ram2, "ram2", 0x1000);
    memory_region_init_io(&dev, &ops_any, &d, "dev", 0x10);
    memset(memory_region_get_ram_ptr(&ram1), 0x11, 0x1000);
    memset(memory_region_get_ram_ptr(&ram2), 0x22, 0x1000);
    address_space_init(&as, &root, "test");
    memory_region_add_subregion(&root, 0x1000, &ram1);
    memory_region_add_subregion(&root, 0x2000, &dev);

    t = g_thread_new("reader", reader_thread, &args);
    for (unsigned i = 0; i < 2000; i++) {
        bql_lock();
        memory_region_transaction_begin();
        memory_region_del_subregion(&root, (i & 1) ? &ram2 : &ram1);
        memory_region_add_subregion(&root, 0x1000, (i & 1) ? &ram1 : &ram2);
        memory_region_transaction_commit();
        bql_unlock();
    }
    g_atomic_int_set(&args.stop, 1);
    g_thread_join(t);
    g_assert_cmpint(args.bad, ==, 0);

    address_space_destroy(&as);
    DESTROY(&root, &ram1, &ram2, &dev);
    g_string_free(d.calls, TRUE);
}

static void test_ram_init(void)
{
    MemoryRegion mr;
    GError *err = NULL;
    uint8_t *p;

    g_assert_false(memory_region_init_ram(&mr, "zero", 0, &err));
    g_assert_error(err, KESTREL_ERROR, 0);
    g_assert_nonnull(strstr(err->message, "zero"));
    g_clear_error(&err);

    g_assert_false(memory_region_init_ram(&mr, "huge", UINT64_MAX, &err));
    g_assert_error(err, KESTREL_ERROR, 0);
    g_clear_error(&err);

    init_ram(&mr, "ram", 12345);
    p = memory_region_get_ram_ptr(&mr);
    g_assert_cmpuint((uintptr_t)p % (uintptr_t)sysconf(_SC_PAGESIZE), ==, 0);
    for (unsigned i = 0; i < 12345; i++) {
        g_assert_cmpuint(p[i], ==, 0);
    }
    g_assert_true(memory_region_is_ram(&mr));
    g_assert_cmpuint(memory_region_size(&mr), ==, 12345);
    memory_region_destroy(&mr);
    g_assert_null(mr.ram);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/memory/flatview/priority-higher-wins",
                    test_priority_higher_wins);
    g_test_add_func("/memory/flatview/equal-priority-later-wins",
                    test_equal_priority_later_wins);
    g_test_add_func("/memory/flatview/hole-shows-lower", test_hole_shows_lower);
    g_test_add_func("/memory/flatview/alias-into-ram", test_alias_into_ram);
    g_test_add_func("/memory/flatview/nested-containers",
                    test_nested_containers);
    g_test_add_func("/memory/flatview/enable-disable", test_enable_disable);
    g_test_add_func("/memory/flatview/set-address", test_set_address_moves);
    g_test_add_func("/memory/flatview/merge-adjacent", test_merge_adjacent);
    g_test_add_func("/memory/flatview/leaf-with-subregion",
                    test_leaf_with_subregion);
    g_test_add_func("/memory/flatview/lookup", test_lookup);
    g_test_add_func("/memory/flatview/full-space", test_full_space);
    g_test_add_func("/memory/flatview/small-root-clips", test_small_root_clips);
    g_test_add_func("/memory/listener/diffs", test_listener_diffs);
    g_test_add_func("/memory/listener/order", test_listener_order);
    g_test_add_func("/memory/listener/two-address-spaces",
                    test_two_address_spaces);
    g_test_add_func("/memory/listener/edits-in-callback",
                    test_listener_edits_in_callback);
    g_test_add_func("/memory/access/straddle-ram-io", test_straddle_ram_io);
    g_test_add_func("/memory/access/io-and-unassigned", test_io_and_unassigned);
    g_test_add_func("/memory/access/two-io-regions", test_two_io_regions);
    g_test_add_func("/memory/access/io-split", test_io_split);
    g_test_add_func("/memory/access/io-widen", test_io_widen);
    g_test_add_func("/memory/access/io-valid-rejects", test_io_valid_rejects);
    g_test_add_func("/memory/access/rom-and-readonly", test_rom_and_readonly);
    g_test_add_func("/memory/access/ld-st", test_ld_st);
    g_test_add_func("/memory/access/io-attrs", test_io_attrs);
    g_test_add_func("/memory/access/unassigned-logged", test_unassigned_logged);
    g_test_add_func("/memory/access/io-with-bql-held", test_io_with_bql_held);
    g_test_add_func("/memory/access/reader-during-commits",
                    test_reader_during_commits);
    g_test_add_func("/memory/ram/init", test_ram_init);
    return g_test_run();
}
