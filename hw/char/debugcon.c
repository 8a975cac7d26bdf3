/* SPDX-License-Identifier: MIT */
/*
 * The Bochs/QEMU debug console ("isa-debugcon"): a single I/O port, 0xe9
 * unless told otherwise, that copies every byte the guest writes to a
 * Chardev with no flow control and no interrupt. Reads return the
 * "readback" value (0xe9 by default), the way a guest probes for the port.
 */
#include "hw/char/debugcon.h"
#include "util/cutils.h"

typedef struct DebugconState {
    DeviceState parent;
    uint32_t iobase;
    uint32_t readback;
    Chardev *chr;
    MemoryRegion io;
} DebugconState;

static uint64_t debugcon_read(void *opaque, hwaddr addr, unsigned size)
{
    DebugconState *s = opaque;

    return s->readback & 0xff;
}

static void debugcon_write(void *opaque, hwaddr addr, uint64_t val,
                           unsigned size)
{
    DebugconState *s = opaque;
    uint8_t byte = val;

    chardev_write(s->chr, &byte, 1);
}

/* A wider access is split into bytes, each one a character. */
static const MemoryRegionOps debugcon_ops = {
    .read = debugcon_read,
    .write = debugcon_write,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

static bool debugcon_realize(DeviceState *dev, GError **errp)
{
    DebugconState *s = (DebugconState *)dev;

    if (s->iobase > 0xffff) {
        g_set_error(errp, KESTREL_ERROR, 0,
                    "isa-debugcon: iobase %#x out of the I/O space",
                    s->iobase);
        return false;
    }
    memory_region_init_io(&s->io, &debugcon_ops, s, "debugcon", 1);
    memory_region_add_subregion(dev->machine->system_io, s->iobase, &s->io);
    return true;
}

static void debugcon_unrealize(DeviceState *dev)
{
    DebugconState *s = (DebugconState *)dev;

    memory_region_del_subregion(dev->machine->system_io, &s->io);
    memory_region_destroy(&s->io);
}

static const Property debugcon_props[] = {
    DEFINE_PROP("iobase", DebugconState, iobase, PROP_UINT32, "0xe9",
                "the I/O port"),
    DEFINE_PROP("readback", DebugconState, readback, PROP_UINT32, "0xe9",
                "what a read of the port returns"),
    { 0 }
};

DEVICE_REGISTER(debugcon_device,
    .name = "isa-debugcon",
    .desc = "debug console on an I/O port",
    .instance_size = sizeof(DebugconState),
    .props = debugcon_props,
    .realize = debugcon_realize,
    .unrealize = debugcon_unrealize)

DeviceState *isa_debugcon_create(Machine *m, uint32_t iobase, Chardev *chr,
                                 GError **errp)
{
    DeviceState *dev = device_new("isa-debugcon", errp);
    DebugconState *s = (DebugconState *)dev;

    if (!dev) {
        return NULL;
    }
    s->iobase = iobase;
    s->chr = chr;
    if (!device_realize(dev, m, errp)) {
        device_destroy(dev);
        return NULL;
    }
    return dev;
}
