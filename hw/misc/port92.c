/* SPDX-License-Identifier: MIT */
/*
 * System Control Port A at I/O port 0x92 ("port92"), the PS/2 way around
 * the keyboard controller: bit 1 opens the A20 gate, and setting bit 0
 * (a 0 to 1 edge) resets the system. The other bits (security lock,
 * watchdog status, disk activity lights) are simply stored and read back.
 *
 * The gate held here is port 0x92's contribution only; whoever models the
 * CPU's A20 mask asks port92_a20_enabled() or registers a notifier. A
 * reset clears the reset bit but leaves the A20 bit alone, as QEMU's port
 * does: on real chipsets the fast reset only pulses the CPU's INIT line,
 * and the chipset register holding the gate keeps its value.
 */
#include "hw/misc/port92.h"
#include "util/log.h"

#define PORT92_RESET    0x01
#define PORT92_A20      0x02

typedef struct Port92State {
    DeviceState parent;
    MemoryRegion io;
    uint8_t value;
    Port92A20Notify a20_changed;
    void *opaque;
} Port92State;

static uint64_t port92_read(void *opaque, hwaddr addr, unsigned size)
{
    Port92State *s = opaque;

    return s->value;
}

static void port92_write(void *opaque, hwaddr addr, uint64_t val,
                         unsigned size)
{
    Port92State *s = opaque;
    uint8_t old = s->value;

    s->value = val;
    if (((old ^ s->value) & PORT92_A20) && s->a20_changed) {
        s->a20_changed(s->opaque, s->value & PORT92_A20);
    }
    if (!(old & PORT92_RESET) && (s->value & PORT92_RESET)) {
        log_mask_printf(LOG_CPU_RESET, "port92: fast reset requested\n");
        machine_request_reset(s->parent.machine);
    }
}

static const MemoryRegionOps port92_ops = {
    .read = port92_read,
    .write = port92_write,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

static bool port92_realize(DeviceState *dev, GError **errp)
{
    Port92State *s = (Port92State *)dev;

    memory_region_init_io(&s->io, &port92_ops, s, "port92", 1);
    memory_region_add_subregion(dev->machine->system_io, PORT92_IOBASE,
                                &s->io);
    return true;
}

static void port92_unrealize(DeviceState *dev)
{
    Port92State *s = (Port92State *)dev;

    memory_region_del_subregion(dev->machine->system_io, &s->io);
    memory_region_destroy(&s->io);
}

static void port92_reset(DeviceState *dev)
{
    Port92State *s = (Port92State *)dev;

    s->value &= ~PORT92_RESET;
}

DEVICE_REGISTER(port92_device,
    .name = "port92",
    .desc = "System Control Port A (fast A20 and reset)",
    .instance_size = sizeof(Port92State),
    .realize = port92_realize,
    .reset = port92_reset,
    .unrealize = port92_unrealize)

DeviceState *port92_create(Machine *m, GError **errp)
{
    DeviceState *dev = device_new("port92", errp);

    if (dev && !device_realize(dev, m, errp)) {
        device_destroy(dev);
        return NULL;
    }
    return dev;
}

bool port92_a20_enabled(DeviceState *dev)
{
    g_assert(dev->cls == &port92_device);
    return ((Port92State *)dev)->value & PORT92_A20;
}

void port92_set_a20_notifier(DeviceState *dev, Port92A20Notify notify,
                             void *opaque)
{
    Port92State *s = (Port92State *)dev;

    g_assert(dev->cls == &port92_device);
    s->a20_changed = notify;
    s->opaque = opaque;
}
