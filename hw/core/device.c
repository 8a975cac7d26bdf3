/* SPDX-License-Identifier: MIT */
/*
 * Device types, instances and properties. Types register themselves from
 * constructors (DEVICE_REGISTER); instances are created by the machine or
 * by -device, take their properties as strings and are realized into a
 * Machine, which owns them from then on.
 */
#include "hw/core/device.h"
#include "util/cutils.h"

#include <string.h>

static GHashTable *device_types;

void device_type_register(const DeviceClass *cls)
{
    if (!device_types) {
        device_types = g_hash_table_new(g_str_hash, g_str_equal);
    }
    g_assert(!g_hash_table_contains(device_types, cls->name));
    g_assert(cls->instance_size >= sizeof(DeviceState));
    g_hash_table_insert(device_types, (gpointer)cls->name, (gpointer)cls);
}

const DeviceClass *device_type_find(const char *name)
{
    return device_types ? g_hash_table_lookup(device_types, name) : NULL;
}

static gint compare_class_names(gconstpointer a, gconstpointer b)
{
    const DeviceClass *ca = *(const DeviceClass *const *)a;
    const DeviceClass *cb = *(const DeviceClass *const *)b;

    return strcmp(ca->name, cb->name);
}

GPtrArray *device_type_list(void)
{
    GPtrArray *list = g_ptr_array_new();
    GHashTableIter it;
    gpointer value;

    if (device_types) {
        g_hash_table_iter_init(&it, device_types);
        while (g_hash_table_iter_next(&it, NULL, &value)) {
            g_ptr_array_add(list, value);
        }
    }
    g_ptr_array_sort(list, compare_class_names);
    return list;
}

static const Property *device_find_prop(const DeviceClass *cls,
                                        const char *name)
{
    for (const Property *p = cls->props; p && p->name; p++) {
        if (!strcmp(p->name, name)) {
            return p;
        }
    }
    return NULL;
}

static bool prop_store(DeviceState *dev, const Property *p, const char *value,
                       GError **errp)
{
    void *field = (char *)dev + p->offset;
    uint64_t v = 0;
    uint64_t max;
    bool b;

    switch (p->type) {
    case PROP_BOOL:
        if (!parse_bool(value, &b, errp)) {
            return false;
        }
        *(bool *)field = b;
        return true;
    case PROP_STRING:
        g_free(*(char **)field);
        *(char **)field = g_strdup(value);
        return true;
    case PROP_UINT8:
        max = UINT8_MAX;
        break;
    case PROP_UINT16:
        max = UINT16_MAX;
        break;
    case PROP_UINT32:
        max = UINT32_MAX;
        break;
    case PROP_UINT64:
        max = UINT64_MAX;
        break;
    default:
        g_assert_not_reached();
    }
    if (!parse_uint64(value, &v, errp)) {
        return false;
    }
    if (v > max) {
        g_set_error(errp, KESTREL_ERROR, 0, "%s out of range (at most %#llx)",
                    value, (unsigned long long)max);
        return false;
    }
    switch (p->type) {
    case PROP_UINT8:
        *(uint8_t *)field = v;
        break;
    case PROP_UINT16:
        *(uint16_t *)field = v;
        break;
    case PROP_UINT32:
        *(uint32_t *)field = v;
        break;
    default:
        *(uint64_t *)field = v;
        break;
    }
    return true;
}

bool device_set_prop(DeviceState *dev, const char *name, const char *value,
                     GError **errp)
{
    const Property *p;
    GError *err = NULL;

    if (dev->realized) {
        g_set_error(errp, KESTREL_ERROR, 0,
                    "'%s': property '%s' cannot change after realize",
                    dev->cls->name, name);
        return false;
    }
    if (!strcmp(name, "id")) {
        g_free(dev->id);
        dev->id = g_strdup(value);
        return true;
    }
    p = device_find_prop(dev->cls, name);
    if (!p) {
        g_set_error(errp, KESTREL_ERROR, 0,
                    "device '%s' has no property '%s'", dev->cls->name, name);
        return false;
    }
    if (!prop_store(dev, p, value, &err)) {
        g_set_error(errp, KESTREL_ERROR, 0, "'%s' property '%s': %s",
                    dev->cls->name, name, err->message);
        g_error_free(err);
        return false;
    }
    return true;
}

DeviceState *device_new(const char *type, GError **errp)
{
    const DeviceClass *cls = device_type_find(type);
    DeviceState *dev;

    if (!cls) {
        g_set_error(errp, KESTREL_ERROR, 0,
                    "'%s' is not a known device (try -device help)", type);
        return NULL;
    }
    dev = g_malloc0(cls->instance_size);
    dev->cls = cls;
    for (const Property *p = cls->props; p && p->name; p++) {
        if (p->defval && !prop_store(dev, p, p->defval, NULL)) {
            g_error("device %s: bad default for %s", cls->name, p->name);
        }
    }
    return dev;
}

/* Set each "prop=val" of @kvs (edited in place); as in QEMU, a property
 * may be given once. */
static bool device_set_props_from_strings(DeviceState *dev, char **kvs,
                                          GError **errp)
{
    g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);

    for (char **kv = kvs; *kv; kv++) {
        char *eq = strchr(*kv, '=');

        if (!eq || eq == *kv) {
            g_set_error(errp, KESTREL_ERROR, 0,
                        "'%s': expected PROPERTY=VALUE", *kv);
            return false;
        }
        *eq = 0;
        if (!g_hash_table_add(seen, *kv)) {
            g_set_error(errp, KESTREL_ERROR, 0,
                        "'%s' property '%s' is given more than once",
                        dev->cls->name, *kv);
            return false;
        }
        if (!device_set_prop(dev, *kv, eq + 1, errp)) {
            return false;
        }
    }
    return true;
}

DeviceState *device_new_from_string(const char *spec, GError **errp)
{
    g_auto(GStrv) parts = g_strsplit(spec, ",", -1);
    DeviceState *dev;

    if (!parts[0] || !*parts[0]) {
        g_set_error(errp, KESTREL_ERROR, 0, "missing device name");
        return NULL;
    }
    dev = device_new(parts[0], errp);
    if (!dev) {
        return NULL;
    }
    if (!dev->cls->user_creatable) {
        g_set_error(errp, KESTREL_ERROR, 0,
                    "device '%s' is part of the machine and cannot be added "
                    "with -device", parts[0]);
        device_destroy(dev);
        return NULL;
    }
    if (!device_set_props_from_strings(dev, parts + 1, errp)) {
        device_destroy(dev);
        return NULL;
    }
    return dev;
}

bool device_realize(DeviceState *dev, Machine *m, GError **errp)
{
    g_assert(!dev->realized);
    dev->machine = m;
    if (dev->cls->realize && !dev->cls->realize(dev, errp)) {
        dev->machine = NULL;
        return false;
    }
    dev->realized = true;
    g_ptr_array_add(m->devices, dev);
    device_reset(dev);
    return true;
}

void device_reset(DeviceState *dev)
{
    if (dev->cls->reset) {
        dev->cls->reset(dev);
    }
}

void device_destroy(DeviceState *dev)
{
    if (!dev) {
        return;
    }
    if (dev->realized) {
        if (dev->cls->unrealize) {
            dev->cls->unrealize(dev);
        }
        g_ptr_array_remove(dev->machine->devices, dev);
    }
    for (const Property *p = dev->cls->props; p && p->name; p++) {
        if (p->type == PROP_STRING) {
            g_free(*(char **)((char *)dev + p->offset));
        }
    }
    g_free(dev->id);
    g_free(dev);
}
