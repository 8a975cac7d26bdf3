/* SPDX-License-Identifier: MIT */
/*
 * Port 0x80 ("ioport80"): where the BIOS posts its progress codes and
 * where Linux's outb_p() and old drivers write to waste about a
 * microsecond. Writes are accepted and forgotten.
 *
 * Reads return all ones. On the PC nothing on the board answers a read of
 * 0x80 (a POST card only latches writes), so the bus floats high; QEMU
 * returns 0xff there too, and guests that probe the port see the same
 * under every accelerator. The device exists so that the writes, which
 * happen by the thousand, are not logged as accesses to nothing.
 */
#include "hw/core/device.h"

#define IOPORT80_IOBASE 0x80

typedef struct IOPort80State {
    DeviceState parent;
    MemoryRegion io;
} IOPort80State;

static uint64_t ioport80_read(void *opaque, hwaddr addr, unsigned size)
{
    return UINT64_MAX;
}

static void ioport80_write(void *opaque, hwaddr addr, uint64_t val,
                           unsigned size)
{
}

static const MemoryRegionOps ioport80_ops = {
    .read = ioport80_read,
    .write = ioport80_write,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

static bool ioport80_realize(DeviceState *dev, GError **errp)
{
    IOPort80State *s = (IOPort80State *)dev;

    memory_region_init_io(&s->io, &ioport80_ops, s, "ioport80", 1);
    memory_region_add_subregion(dev->machine->system_io, IOPORT80_IOBASE,
                                &s->io);
    return true;
}

static void ioport80_unrealize(DeviceState *dev)
{
    IOPort80State *s = (IOPort80State *)dev;

    memory_region_del_subregion(dev->machine->system_io, &s->io);
    memory_region_destroy(&s->io);
}

DEVICE_REGISTER(ioport80_device,
    .name = "ioport80",
    .desc = "POST code / I/O delay port 0x80",
    .instance_size = sizeof(IOPort80State),
    .realize = ioport80_realize,
    .unrealize = ioport80_unrealize)
