/* SPDX-License-Identifier: MIT */
/*
 * "isa-debug-exit": a write of V to any of its ports ends the run with
 * status (V << 1) | 1, so a test guest can report pass or fail and never
 * be mistaken for a clean exit(0). Same ports, properties and status
 * arithmetic as QEMU's device of that name; reads return 0 as there.
 */
#include "hw/core/device.h"
#include "util/cutils.h"

typedef struct DebugExitState {
    DeviceState parent;
    uint32_t iobase;
    uint32_t iosize;
    MemoryRegion io;
} DebugExitState;

static uint64_t debug_exit_read(void *opaque, hwaddr addr, unsigned size)
{
    return 0;
}

static void debug_exit_write(void *opaque, hwaddr addr, uint64_t val,
                             unsigned size)
{
    DebugExitState *s = opaque;

    machine_request_exit(s->parent.machine, (int)((val << 1) | 1));
}

static const MemoryRegionOps debug_exit_ops = {
    .read = debug_exit_read,
    .write = debug_exit_write,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 1, .max_access_size = 4 },
};

static bool debug_exit_realize(DeviceState *dev, GError **errp)
{
    DebugExitState *s = (DebugExitState *)dev;

    if (s->iosize == 0) {
        g_set_error(errp, KESTREL_ERROR, 0,
                    "isa-debug-exit: iosize must be at least 1");
        return false;
    }
    if (s->iobase > 0x10000 || s->iosize > 0x10000 - s->iobase) {
        g_set_error(errp, KESTREL_ERROR, 0,
                    "isa-debug-exit: ports %#x+%#x do not fit the I/O space",
                    s->iobase, s->iosize);
        return false;
    }
    memory_region_init_io(&s->io, &debug_exit_ops, s, "isa-debug-exit",
                          s->iosize);
    memory_region_add_subregion(dev->machine->system_io, s->iobase, &s->io);
    return true;
}

static void debug_exit_unrealize(DeviceState *dev)
{
    DebugExitState *s = (DebugExitState *)dev;

    memory_region_del_subregion(dev->machine->system_io, &s->io);
    memory_region_destroy(&s->io);
}

static const Property debug_exit_props[] = {
    DEFINE_PROP("iobase", DebugExitState, iobase, PROP_UINT32, "0x501",
                "first I/O port"),
    DEFINE_PROP("iosize", DebugExitState, iosize, PROP_UINT32, "0x02",
                "number of I/O ports"),
    { 0 }
};

DEVICE_REGISTER(debug_exit_device,
    .name = "isa-debug-exit",
    .desc = "exit with status (value << 1) | 1 on a write",
    .instance_size = sizeof(DebugExitState),
    .props = debug_exit_props,
    .user_creatable = true,
    .realize = debug_exit_realize,
    .unrealize = debug_exit_unrealize)
