/* SPDX-License-Identifier: MIT */
/*
 * Device types and instances. A type registers itself once with
 * DEVICE_REGISTER (name, instance size, properties, realize, reset);
 * `-device NAME,prop=val` or the machine creates an instance, sets its
 * properties from strings, and realizes it into a Machine.
 */
#ifndef HW_CORE_DEVICE_H
#define HW_CORE_DEVICE_H

#include "hw/core/machine.h"

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum PropertyType {
    PROP_BOOL,
    PROP_UINT8,
    PROP_UINT16,
    PROP_UINT32,
    PROP_UINT64,
    PROP_STRING,    /* char *, owned by the device (g_free on destroy) */
} PropertyType;

typedef struct Property {
    const char *name;
    PropertyType type;
    size_t offset;          /* into the instance struct */
    const char *defval;     /* parsed like a user value; NULL: zero */
    const char *help;
} Property;

#define DEFINE_PROP(_name, _state, _field, _type, _def, _help)               \
    { .name = (_name), .type = (_type), .offset = offsetof(_state, _field),  \
      .defval = (_def), .help = (_help) }

typedef struct DeviceClass {
    const char *name;
    const char *desc;
    size_t instance_size;
    const Property *props;  /* ends with a zeroed row; may be NULL */
    bool user_creatable;    /* may be named with -device */
    bool (*realize)(DeviceState *dev, GError **errp);
    void (*reset)(DeviceState *dev);
    void (*unrealize)(DeviceState *dev);
} DeviceClass;

/* Every instance struct starts with a DeviceState. */
struct DeviceState {
    const DeviceClass *cls;
    Machine *machine;
    char *id;
    bool realized;
};

void device_type_register(const DeviceClass *cls);
const DeviceClass *device_type_find(const char *name);
/* All registered types sorted by name (a GPtrArray of const DeviceClass *). */
GPtrArray *device_type_list(void);

#define DEVICE_REGISTER(_var, ...)                                           \
    static const DeviceClass _var = { __VA_ARGS__ };                         \
    static void __attribute__((constructor)) _var##_register(void)           \
    {                                                                        \
        device_type_register(&_var);                                         \
    }

/* A new instance with its properties at their defaults. */
DeviceState *device_new(const char *type, GError **errp);
bool device_set_prop(DeviceState *dev, const char *name, const char *value,
                     GError **errp);
/* Parse "NAME,prop=val,..." (the -device syntax, "id=" included). */
DeviceState *device_new_from_string(const char *spec, GError **errp);
/* Realize into @m: the device maps its regions and claims its IRQ lines. */
bool device_realize(DeviceState *dev, Machine *m, GError **errp);
void device_reset(DeviceState *dev);
/* Unrealize (if realized) and free. */
void device_destroy(DeviceState *dev);

#endif
