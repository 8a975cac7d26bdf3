/* SPDX-License-Identifier: MIT */
/*
 * AddressSpace: a root region, its current FlatView and the listeners that
 * mirror it (KVM memory slots, TCG TLB flushes). A commit re-renders every
 * AddressSpace; when the view changed, the new one is published and each
 * listener hears region_del for ranges that left, then region_add for
 * ranges that arrived, found by walking old and new views side by side.
 *
 * The pointer to the current view is swapped under the big lock and
 * view_lock; readers without the big lock take a reference under
 * view_lock, so a view is never freed under them.
 */
#include "memory/memory.h"
#include "memory-internal.h"

/* Every live AddressSpace: a commit may change any of them. */
static GPtrArray *address_spaces;

void address_space_init(AddressSpace *as, MemoryRegion *root,
                        const char *name)
{
    as->name = g_strdup(name);
    as->root = root;
    as->listeners = g_ptr_array_new();
    g_mutex_init(&as->view_lock);
    as->current = flatview_render(root);
    if (!address_spaces) {
        address_spaces = g_ptr_array_new();
    }
    g_ptr_array_add(address_spaces, as);
}

void address_space_destroy(AddressSpace *as)
{
    while (as->listeners->len) {
        memory_listener_unregister(g_ptr_array_index(as->listeners, 0));
    }
    g_ptr_array_remove(address_spaces, as);
    g_ptr_array_free(as->listeners, TRUE);
    as->listeners = NULL;
    flatview_unref(as->current);
    as->current = NULL;
    g_mutex_clear(&as->view_lock);
    g_clear_pointer(&as->name, g_free);
}

FlatView *address_space_get_flatview(AddressSpace *as)
{
    FlatView *fv;

    g_mutex_lock(&as->view_lock);
    fv = flatview_ref(as->current);
    g_mutex_unlock(&as->view_lock);
    return fv;
}

static void section_from_range(MemoryRegionSection *s, const FlatRange *fr)
{
    s->mr = fr->mr;
    s->offset_within_region = fr->offset_in_region;
    s->offset_within_address_space = fr->addr;
    s->size = fr->size;
    s->readonly = fr->readonly;
}

static void listener_range(MemoryListener *l, const FlatRange *fr, bool add)
{
    MemoryRegionSection s;
    void (*cb)(MemoryListener *, MemoryRegionSection *) =
        add ? l->region_add : l->region_del;

    if (cb) {
        section_from_range(&s, fr);
        cb(l, &s);
    }
}

/*
 * Walk @old and @new in address order. A range found in both is
 * unchanged; one only in @old is reported when !@add, one only in @new
 * when @add.
 */
static void listener_diff_pass(MemoryListener *l, const FlatView *old,
                               const FlatView *new, bool add)
{
    unsigned i = 0, j = 0;

    while (i < old->nr || j < new->nr) {
        const FlatRange *o = i < old->nr ? &old->ranges[i] : NULL;
        const FlatRange *n = j < new->nr ? &new->ranges[j] : NULL;

        if (o && n && flat_range_equal(o, n)) {
            i++;
            j++;
        } else if (o && (!n || o->addr <= n->addr)) {
            if (!add) {
                listener_range(l, o, false);
            }
            i++;
        } else {
            if (add) {
                listener_range(l, n, true);
            }
            j++;
        }
    }
}

static void listeners_begin(AddressSpace *as)
{
    for (guint i = 0; i < as->listeners->len; i++) {
        MemoryListener *l = g_ptr_array_index(as->listeners, i);
        if (l->begin) {
            l->begin(l);
        }
    }
}

static void listeners_commit(AddressSpace *as)
{
    for (guint i = 0; i < as->listeners->len; i++) {
        MemoryListener *l = g_ptr_array_index(as->listeners, i);
        if (l->commit) {
            l->commit(l);
        }
    }
}

static void listeners_diff(AddressSpace *as, const FlatView *old,
                           const FlatView *new)
{
    for (guint i = as->listeners->len; i-- > 0;) {
        listener_diff_pass(g_ptr_array_index(as->listeners, i), old, new,
                           false);
    }
    for (guint i = 0; i < as->listeners->len; i++) {
        listener_diff_pass(g_ptr_array_index(as->listeners, i), old, new,
                           true);
    }
}

static void address_space_update_topology(AddressSpace *as)
{
    FlatView *new = flatview_render(as->root);
    FlatView *old = as->current;

    if (flatview_equal(old, new)) {
        flatview_unref(new);
        return;
    }
    g_mutex_lock(&as->view_lock);
    as->current = new;
    g_mutex_unlock(&as->view_lock);

    listeners_begin(as);
    listeners_diff(as, old, new);
    listeners_commit(as);
    flatview_unref(old);
}

void address_spaces_update_topology(void)
{
    if (!address_spaces) {
        return;
    }
    for (guint i = 0; i < address_spaces->len; i++) {
        address_space_update_topology(g_ptr_array_index(address_spaces, i));
    }
}

/* Tell @l about every range of the current view, as adds or as dels. */
static void listener_replay(MemoryListener *l, bool add)
{
    FlatView *fv = l->as->current;

    if (l->begin) {
        l->begin(l);
    }
    for (unsigned i = 0; i < fv->nr; i++) {
        listener_range(l, &fv->ranges[i], add);
    }
    if (l->commit) {
        l->commit(l);
    }
}

void memory_listener_register(MemoryListener *l, AddressSpace *as)
{
    guint i;

    g_assert(!l->as);
    for (i = 0; i < as->listeners->len; i++) {
        MemoryListener *other = g_ptr_array_index(as->listeners, i);
        if (l->priority < other->priority) {
            break;
        }
    }
    g_ptr_array_insert(as->listeners, i, l);
    l->as = as;
    listener_replay(l, true);
}

void memory_listener_unregister(MemoryListener *l)
{
    AddressSpace *as = l->as;

    if (!as) {
        return;
    }
    listener_replay(l, false);
    g_ptr_array_remove(as->listeners, l);
    l->as = NULL;
}
