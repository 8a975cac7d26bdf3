/* SPDX-License-Identifier: MIT */
/*
 * Port 0x61, the NMI status and control register of the PC ("port61").
 * Write: bit 0 drives PIT channel 2's GATE, bit 1 is the speaker data
 * enable (stored; Kestrel makes no sound), bits 2 and 3 enable the parity
 * and I/O channel checks (stored). Read: those four bits, bit 4 the
 * refresh request toggle (it flips every 15.085 us of CLOCK_VIRTUAL, as
 * the DRAM refresh timer did; BIOS and Linux delay loops count its
 * flips), bit 5 channel 2's OUT, and bits 6 and 7 the I/O channel and
 * parity error flags, which never rise here.
 */
#include "hw/timer/port61.h"
#include "util/timer.h"

#define PORT61_GATE2        0x01
#define PORT61_WRITABLE     0x0f
#define PORT61_REFRESH      0x10
#define PORT61_OUT2         0x20
#define REFRESH_PERIOD_NS   15085

typedef struct Port61State {
    DeviceState parent;
    MemoryRegion io;
    PITState *pit;
    uint8_t ctrl;
} Port61State;

static uint64_t port61_read(void *opaque, hwaddr addr, unsigned size)
{
    Port61State *s = opaque;
    uint8_t val = s->ctrl;

    if ((clock_get_ns(CLOCK_VIRTUAL) / REFRESH_PERIOD_NS) & 1) {
        val |= PORT61_REFRESH;
    }
    if (pit_get_out(s->pit, 2)) {
        val |= PORT61_OUT2;
    }
    return val;
}

static void port61_write(void *opaque, hwaddr addr, uint64_t val,
                         unsigned size)
{
    Port61State *s = opaque;

    s->ctrl = val & PORT61_WRITABLE;
    pit_set_gate(s->pit, 2, val & PORT61_GATE2);
}

static const MemoryRegionOps port61_ops = {
    .read = port61_read,
    .write = port61_write,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

static bool port61_realize(DeviceState *dev, GError **errp)
{
    Port61State *s = (Port61State *)dev;

    g_assert(s->pit);
    memory_region_init_io(&s->io, &port61_ops, s, "port61", 1);
    memory_region_add_subregion(dev->machine->system_io, PORT61_IOBASE,
                                &s->io);
    return true;
}

static void port61_unrealize(DeviceState *dev)
{
    Port61State *s = (Port61State *)dev;

    memory_region_del_subregion(dev->machine->system_io, &s->io);
    memory_region_destroy(&s->io);
}

static void port61_reset(DeviceState *dev)
{
    Port61State *s = (Port61State *)dev;

    s->ctrl = 0;
    pit_set_gate(s->pit, 2, false);
}

DEVICE_REGISTER(port61_device,
    .name = "port61",
    .desc = "NMI status and control register (PIT channel 2 gate)",
    .instance_size = sizeof(Port61State),
    .realize = port61_realize,
    .reset = port61_reset,
    .unrealize = port61_unrealize)

DeviceState *port61_create(Machine *m, PITState *pit, GError **errp)
{
    DeviceState *dev = device_new("port61", errp);

    if (!dev) {
        return NULL;
    }
    ((Port61State *)dev)->pit = pit;
    if (!device_realize(dev, m, errp)) {
        device_destroy(dev);
        return NULL;
    }
    return dev;
}
