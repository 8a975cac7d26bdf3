/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the i8259 pair, driven the way a guest and a CPU drive it:
 * port I/O through the memory API of a bare Machine, the 16 input lines,
 * the INTR output recorded by a test handler, and pic_read_irq() for INTA.
 */
#include "hw/core/device.h"
#include "hw/intc/i8259.h"
#include "memory/memory.h"

#include <glib.h>

typedef struct TestPIC {
    Machine m;
    MemoryRegion sysmem;
    MemoryRegion sysio;
    PICState *pic;
    int intr;
    unsigned intr_changes;
} TestPIC;

static void record_intr(void *opaque, int n, int level)
{
    TestPIC *t = opaque;

    g_assert_cmpint(t->intr, !=, level);
    t->intr = level;
    t->intr_changes++;
}

static TestPIC *pic_machine_new(void)
{
    TestPIC *t = g_new0(TestPIC, 1);
    Machine *m = &t->m;

    memory_region_init_container(&t->sysmem, "system", UINT64_MAX);
    memory_region_init_container(&t->sysio, "io", 0x10000);
    m->system_memory = &t->sysmem;
    m->system_io = &t->sysio;
    address_space_init(&m->as_memory, m->system_memory, "memory");
    address_space_init(&m->as_io, m->system_io, "I/O");
    m->devices = g_ptr_array_new();
    t->pic = pic_create(m, NULL);
    g_assert_nonnull(t->pic);
    irq_init(pic_intr_output(t->pic), record_intr, t, 0);
    return t;
}

static void pic_machine_free(TestPIC *t)
{
    Machine *m = &t->m;

    while (m->devices->len) {
        device_destroy(g_ptr_array_index(m->devices, m->devices->len - 1));
    }
    g_ptr_array_free(m->devices, TRUE);
    address_space_destroy(&m->as_io);
    address_space_destroy(&m->as_memory);
    memory_region_destroy(&t->sysio);
    memory_region_destroy(&t->sysmem);
    g_free(t);
}

static uint8_t inb(TestPIC *t, uint16_t port)
{
    uint8_t val = 0;

    address_space_read(&t->m.as_io, port, &val, 1);
    return val;
}

static void outb(TestPIC *t, uint16_t port, uint8_t val)
{
    address_space_write(&t->m.as_io, port, &val, 1);
}

static void set_irq(TestPIC *t, int n, int level)
{
    irq_set_level(pic_input(t->pic, n), level);
}

static void pulse_irq(TestPIC *t, int n)
{
    set_irq(t, n, 1);
    set_irq(t, n, 0);
}

/* The usual PC programming: vectors 0x20/0x28, cascade on IR2, 8086. */
static void pic_init_pc(TestPIC *t, uint8_t icw4)
{
    outb(t, 0x20, 0x11);
    outb(t, 0xa0, 0x11);
    outb(t, 0x21, 0x20);
    outb(t, 0xa1, 0x28);
    outb(t, 0x21, 0x04);
    outb(t, 0xa1, 0x02);
    outb(t, 0x21, icw4);
    outb(t, 0xa1, icw4);
}

static uint8_t read_isr(TestPIC *t, uint16_t cmd)
{
    uint8_t v;

    outb(t, cmd, 0x0b);
    v = inb(t, cmd);
    outb(t, cmd, 0x0a);
    return v;
}

static uint8_t read_irr(TestPIC *t, uint16_t cmd)
{
    outb(t, cmd, 0x0a);
    return inb(t, cmd);
}

static void test_init_sequence(void)
{
    TestPIC *t = pic_machine_new();

    pic_init_pc(t, 0x01);
    /* Initialization clears the mask; OCW1 then reads back. */
    g_assert_cmphex(inb(t, 0x21), ==, 0x00);
    outb(t, 0x21, 0xfb);
    outb(t, 0xa1, 0xff);
    g_assert_cmphex(inb(t, 0x21), ==, 0xfb);
    g_assert_cmphex(inb(t, 0xa1), ==, 0xff);
    outb(t, 0x21, 0xfe);
    set_irq(t, 0, 1);
    g_assert_cmpint(t->intr, ==, 1);
    g_assert_cmpint(pic_read_irq(t->pic), ==, 0x20);
    g_assert_cmpint(t->intr, ==, 0);

    /* Re-initializing without ICW3/ICW4 (single, no IC4): ICW2 only. */
    outb(t, 0x20, 0x12);
    outb(t, 0x21, 0x48);
    outb(t, 0x21, 0xfe);        /* this is OCW1 now */
    g_assert_cmphex(inb(t, 0x21), ==, 0xfe);
    g_assert_cmphex(read_isr(t, 0x20), ==, 0);
    set_irq(t, 0, 0);
    set_irq(t, 0, 1);
    g_assert_cmpint(pic_read_irq(t->pic), ==, 0x48);
    pic_machine_free(t);
}

static void test_edge_needs_new_rise_after_init(void)
{
    TestPIC *t = pic_machine_new();

    set_irq(t, 4, 1);
    pic_init_pc(t, 0x01);
    /* The line was already high: no request until it rises again. */
    g_assert_cmpint(t->intr, ==, 0);
    set_irq(t, 4, 0);
    set_irq(t, 4, 1);
    g_assert_cmpint(t->intr, ==, 1);
    g_assert_cmpint(pic_read_irq(t->pic), ==, 0x24);
    pic_machine_free(t);
}

static void test_masking(void)
{
    TestPIC *t = pic_machine_new();

    pic_init_pc(t, 0x01);
    outb(t, 0x21, 0xff);
    pulse_irq(t, 3);
    g_assert_cmpint(t->intr, ==, 0);
    g_assert_cmphex(read_irr(t, 0x20), ==, 0x08);
    outb(t, 0x21, 0xf7);
    g_assert_cmpint(t->intr, ==, 1);
    outb(t, 0x21, 0xff);        /* masking again withdraws INTR */
    g_assert_cmpint(t->intr, ==, 0);
    outb(t, 0x21, 0x00);
    g_assert_cmpint(pic_read_irq(t->pic), ==, 0x23);
    g_assert_cmphex(read_irr(t, 0x20), ==, 0x00);
    g_assert_cmphex(read_isr(t, 0x20), ==, 0x08);
    pic_machine_free(t);
}

static void test_priorities(void)
{
    TestPIC *t = pic_machine_new();

    pic_init_pc(t, 0x01);
    pulse_irq(t, 5);
    pulse_irq(t, 3);
    g_assert_cmpint(pic_read_irq(t->pic), ==, 0x23);
    /* IR5 waits behind IR3 in service; IR1 nests above it. */
    g_assert_cmpint(t->intr, ==, 0);
    pulse_irq(t, 1);
    g_assert_cmpint(t->intr, ==, 1);
    g_assert_cmpint(pic_read_irq(t->pic), ==, 0x21);
    g_assert_cmphex(read_isr(t, 0x20), ==, 0x0a);
    outb(t, 0x20, 0x20);        /* non-specific EOI: IR1 */
    g_assert_cmphex(read_isr(t, 0x20), ==, 0x08);
    g_assert_cmpint(t->intr, ==, 0);
    outb(t, 0x20, 0x20);        /* IR3 */
    g_assert_cmpint(t->intr, ==, 1);
    g_assert_cmpint(pic_read_irq(t->pic), ==, 0x25);
    outb(t, 0x20, 0x20);
    g_assert_cmphex(read_isr(t, 0x20), ==, 0);
    pic_machine_free(t);
}

static void test_cascade(void)
{
    TestPIC *t = pic_machine_new();

    pic_init_pc(t, 0x01);
    pulse_irq(t, 10);
    g_assert_cmpint(t->intr, ==, 1);
    g_assert_cmpint(pic_read_irq(t->pic), ==, 0x2a);
    g_assert_cmphex(read_isr(t, 0x20), ==, 0x04);
    g_assert_cmphex(read_isr(t, 0xa0), ==, 0x04);
    /* A master IR above the cascade still interrupts; one below waits. */
    pulse_irq(t, 5);
    g_assert_cmpint(t->intr, ==, 0);
    pulse_irq(t, 1);
    g_assert_cmpint(pic_read_irq(t->pic), ==, 0x21);
    outb(t, 0x20, 0x20);
    /* Slave IR8 is higher than IR10 but the master's IR2 is in service. */
    pulse_irq(t, 8);
    g_assert_cmpint(t->intr, ==, 0);
    outb(t, 0xa0, 0x20);        /* EOI the slave, then the master */
    outb(t, 0x20, 0x20);
    g_assert_cmpint(t->intr, ==, 1);
    g_assert_cmpint(pic_read_irq(t->pic), ==, 0x28);
    outb(t, 0xa0, 0x20);
    outb(t, 0x20, 0x20);
    g_assert_cmpint(pic_read_irq(t->pic), ==, 0x25);
    /* Masking the cascade line masks the whole slave. */
    outb(t, 0x20, 0x20);
    outb(t, 0x21, 0x04);
    pulse_irq(t, 15);
    g_assert_cmpint(t->intr, ==, 0);
    outb(t, 0x21, 0x00);
    g_assert_cmpint(pic_read_irq(t->pic), ==, 0x2f);
    pic_machine_free(t);
}

static void test_special_fully_nested(void)
{
    TestPIC *t = pic_machine_new();

    /* SFNM on the master (ICW4 bit 4): a higher slave IR nests. */
    outb(t, 0x20, 0x11);
    outb(t, 0xa0, 0x11);
    outb(t, 0x21, 0x20);
    outb(t, 0xa1, 0x28);
    outb(t, 0x21, 0x04);
    outb(t, 0xa1, 0x02);
    outb(t, 0x21, 0x11);
    outb(t, 0xa1, 0x01);
    pulse_irq(t, 10);
    g_assert_cmpint(pic_read_irq(t->pic), ==, 0x2a);
    pulse_irq(t, 8);
    g_assert_cmpint(t->intr, ==, 1);
    g_assert_cmpint(pic_read_irq(t->pic), ==, 0x28);
    pulse_irq(t, 12);           /* lower than IR10 on the slave: waits */
    g_assert_cmpint(t->intr, ==, 0);
    pic_machine_free(t);
}

static void test_eoi_forms(void)
{
    TestPIC *t = pic_machine_new();

    pic_init_pc(t, 0x01);
    pulse_irq(t, 6);
    g_assert_cmpint(pic_read_irq(t->pic), ==, 0x26);
    pulse_irq(t, 4);
    g_assert_cmpint(pic_read_irq(t->pic), ==, 0x24);
    g_assert_cmphex(read_isr(t, 0x20), ==, 0x50);
    outb(t, 0x20, 0x66);        /* specific EOI of IR6 */
    g_assert_cmphex(read_isr(t, 0x20), ==, 0x10);
    outb(t, 0x20, 0x64);
    g_assert_cmphex(read_isr(t, 0x20), ==, 0x00);

    /* Rotate on non-specific EOI: IR3 becomes the lowest priority. */
    pulse_irq(t, 3);
    g_assert_cmpint(pic_read_irq(t->pic), ==, 0x23);
    outb(t, 0x20, 0xa0);
    pulse_irq(t, 3);
    pulse_irq(t, 5);
    g_assert_cmpint(pic_read_irq(t->pic), ==, 0x25);
    /* IR3 is below IR5 in service now; INTA would find nothing. */
    g_assert_cmpint(t->intr, ==, 0);
    outb(t, 0x20, 0x20);
    g_assert_cmpint(pic_read_irq(t->pic), ==, 0x23);
    pic_machine_free(t);
}

static void test_rotation_commands(void)
{
    TestPIC *t = pic_machine_new();

    pic_init_pc(t, 0x01);
    /* Set priority: IR4 lowest, so IR5 is highest. */
    outb(t, 0x20, 0xc4);
    pulse_irq(t, 0);
    pulse_irq(t, 5);
    g_assert_cmpint(pic_read_irq(t->pic), ==, 0x25);
    /* IR0 is lower than IR5 now and waits. */
    g_assert_cmpint(t->intr, ==, 0);
    /* Rotate on specific EOI of IR5... makes IR5 lowest, IR6 highest. */
    outb(t, 0x20, 0xe5);
    g_assert_cmpint(t->intr, ==, 1);
    pulse_irq(t, 7);
    g_assert_cmpint(pic_read_irq(t->pic), ==, 0x27);
    outb(t, 0x20, 0x20);
    g_assert_cmpint(pic_read_irq(t->pic), ==, 0x20);
    outb(t, 0x20, 0x20);
    pic_machine_free(t);
}

static void test_auto_eoi(void)
{
    TestPIC *t = pic_machine_new();

    pic_init_pc(t, 0x03);
    pulse_irq(t, 3);
    g_assert_cmpint(pic_read_irq(t->pic), ==, 0x23);
    g_assert_cmphex(read_isr(t, 0x20), ==, 0);
    /* Nothing in service: a lower request goes through at once. */
    pulse_irq(t, 6);
    g_assert_cmpint(pic_read_irq(t->pic), ==, 0x26);
    /* Rotate in AEOI mode: the acknowledged IR becomes the lowest. */
    outb(t, 0x20, 0x80);
    pulse_irq(t, 1);
    g_assert_cmpint(pic_read_irq(t->pic), ==, 0x21);
    pulse_irq(t, 1);
    pulse_irq(t, 4);
    g_assert_cmpint(pic_read_irq(t->pic), ==, 0x24);
    g_assert_cmpint(pic_read_irq(t->pic), ==, 0x21);
    outb(t, 0x20, 0x00);        /* clear rotate in AEOI */
    pic_machine_free(t);
}

static void test_elcr_level_vs_edge(void)
{
    TestPIC *t = pic_machine_new();

    pic_init_pc(t, 0x01);
    outb(t, 0x4d0, 0xff);
    outb(t, 0x4d1, 0xff);
    /* IRQ 0, 1, 2, 8 and 13 stay edge-triggered. */
    g_assert_cmphex(inb(t, 0x4d0), ==, 0xf8);
    g_assert_cmphex(inb(t, 0x4d1), ==, 0xde);
    outb(t, 0x4d0, 0x20);
    outb(t, 0x4d1, 0x00);

    /* Level IRQ 5: still high after EOI, so it comes again. */
    set_irq(t, 5, 1);
    g_assert_cmpint(pic_read_irq(t->pic), ==, 0x25);
    outb(t, 0x20, 0x20);
    g_assert_cmpint(t->intr, ==, 1);
    g_assert_cmpint(pic_read_irq(t->pic), ==, 0x25);
    set_irq(t, 5, 0);
    outb(t, 0x20, 0x20);
    g_assert_cmpint(t->intr, ==, 0);
    g_assert_cmphex(read_irr(t, 0x20), ==, 0);

    /* Edge IRQ 6: held high, it interrupts once. */
    set_irq(t, 6, 1);
    g_assert_cmpint(pic_read_irq(t->pic), ==, 0x26);
    outb(t, 0x20, 0x20);
    g_assert_cmpint(t->intr, ==, 0);
    set_irq(t, 6, 0);

    /* A level slave line (IRQ 11). */
    outb(t, 0x4d1, 0x08);
    set_irq(t, 11, 1);
    g_assert_cmpint(pic_read_irq(t->pic), ==, 0x2b);
    outb(t, 0xa0, 0x20);
    outb(t, 0x20, 0x20);
    g_assert_cmpint(pic_read_irq(t->pic), ==, 0x2b);

    /* ICW1 LTIM makes every line of that chip level-triggered. */
    outb(t, 0x20, 0x19);
    outb(t, 0x21, 0x20);
    outb(t, 0x21, 0x04);
    outb(t, 0x21, 0x01);
    set_irq(t, 7, 1);
    g_assert_cmpint(pic_read_irq(t->pic), ==, 0x27);
    outb(t, 0x20, 0x20);
    g_assert_cmpint(pic_read_irq(t->pic), ==, 0x27);
    pic_machine_free(t);
}

static void test_spurious(void)
{
    TestPIC *t = pic_machine_new();

    pic_init_pc(t, 0x01);
    outb(t, 0x4d0, 0x10);
    /* A level request withdrawn before INTA: IR7 without in-service. */
    set_irq(t, 4, 1);
    g_assert_cmpint(t->intr, ==, 1);
    set_irq(t, 4, 0);
    g_assert_cmpint(t->intr, ==, 0);
    g_assert_cmpint(pic_read_irq(t->pic), ==, 0x27);
    g_assert_cmphex(read_isr(t, 0x20), ==, 0);
    /* Masked between INTR and INTA: also spurious. */
    pulse_irq(t, 3);
    outb(t, 0x21, 0x08);
    g_assert_cmpint(pic_read_irq(t->pic), ==, 0x27);
    g_assert_cmphex(read_isr(t, 0x20), ==, 0);
    /* The same on the slave reads as the master's spurious IR7: the
     * slave's INT, hence the master's IR2, goes away with it. */
    outb(t, 0x4d1, 0x10);
    set_irq(t, 12, 1);
    set_irq(t, 12, 0);
    g_assert_cmpint(pic_read_irq(t->pic), ==, 0x27);
    pic_machine_free(t);
}

static void test_poll_mode(void)
{
    TestPIC *t = pic_machine_new();

    pic_init_pc(t, 0x01);
    outb(t, 0x21, 0xff);        /* polling works with the lines masked */
    outb(t, 0x21, 0x00);
    outb(t, 0x20, 0x0c);
    g_assert_cmphex(inb(t, 0x20), ==, 0x00);    /* nothing pending */
    pulse_irq(t, 6);
    pulse_irq(t, 4);
    outb(t, 0x20, 0x0c);
    g_assert_cmphex(inb(t, 0x20), ==, 0x84);
    g_assert_cmphex(read_isr(t, 0x20), ==, 0x10);
    /* Only the first read after the command is a poll. */
    g_assert_cmphex(inb(t, 0x21), ==, 0x00);
    outb(t, 0x20, 0x20);
    outb(t, 0x20, 0x0c);
    g_assert_cmphex(inb(t, 0x21), ==, 0x86);    /* odd port polls too */
    outb(t, 0x20, 0x20);
    g_assert_cmpint(t->intr, ==, 0);
    /* The slave: the master reports IR2, the slave its own level. */
    pulse_irq(t, 13);
    outb(t, 0x20, 0x0c);
    g_assert_cmphex(inb(t, 0x20), ==, 0x82);
    outb(t, 0xa0, 0x0c);
    g_assert_cmphex(inb(t, 0xa0), ==, 0x85);
    pic_machine_free(t);
}

static void test_special_mask(void)
{
    TestPIC *t = pic_machine_new();

    pic_init_pc(t, 0x01);
    pulse_irq(t, 3);
    g_assert_cmpint(pic_read_irq(t->pic), ==, 0x23);
    pulse_irq(t, 5);
    g_assert_cmpint(t->intr, ==, 0);
    /* Special mask mode, IR3 masked: lower levels are enabled. */
    outb(t, 0x20, 0x68);
    outb(t, 0x21, 0x08);
    g_assert_cmpint(t->intr, ==, 1);
    g_assert_cmpint(pic_read_irq(t->pic), ==, 0x25);
    g_assert_cmphex(read_isr(t, 0x20), ==, 0x28);
    outb(t, 0x20, 0x65);
    outb(t, 0x20, 0x48);        /* leave special mask mode */
    outb(t, 0x21, 0x00);
    pulse_irq(t, 6);
    g_assert_cmpint(t->intr, ==, 0);
    outb(t, 0x20, 0x63);
    g_assert_cmpint(t->intr, ==, 1);
    pic_machine_free(t);
}

static void test_cascade_input_ignored_and_reset(void)
{
    TestPIC *t = pic_machine_new();

    pic_init_pc(t, 0x01);
    pulse_irq(t, 2);
    g_assert_cmpint(t->intr, ==, 0);
    g_assert_cmphex(read_irr(t, 0x20), ==, 0);
    pulse_irq(t, 7);
    g_assert_cmpint(t->intr, ==, 1);
    machine_reset_devices(&t->m);
    g_assert_cmpint(t->intr, ==, 0);
    g_assert_false(pic_intr_level(t->pic));
    g_assert_cmphex(inb(t, 0x4d0), ==, 0);
    pic_machine_free(t);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/i8259/init-sequence", test_init_sequence);
    g_test_add_func("/i8259/edge-needs-new-rise-after-init",
                    test_edge_needs_new_rise_after_init);
    g_test_add_func("/i8259/masking", test_masking);
    g_test_add_func("/i8259/priorities", test_priorities);
    g_test_add_func("/i8259/cascade", test_cascade);
    g_test_add_func("/i8259/special-fully-nested",
                    test_special_fully_nested);
    g_test_add_func("/i8259/eoi-forms", test_eoi_forms);
    g_test_add_func("/i8259/rotation-commands", test_rotation_commands);
    g_test_add_func("/i8259/auto-eoi", test_auto_eoi);
    g_test_add_func("/i8259/elcr-level-vs-edge", test_elcr_level_vs_edge);
    g_test_add_func("/i8259/spurious", test_spurious);
    g_test_add_func("/i8259/poll-mode", test_poll_mode);
    g_test_add_func("/i8259/special-mask", test_special_mask);
    g_test_add_func("/i8259/cascade-input-ignored-and-reset",
                    test_cascade_input_ignored_and_reset);
    return g_test_run();
}
