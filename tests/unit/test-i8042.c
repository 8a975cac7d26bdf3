/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of hw/input/i8042.c and hw/input/ps2.c through ports 0x60
 * and 0x64 of a bare machine, following what Linux's i8042 and atkbd
 * drivers do at boot: the controller and interface self-tests, command
 * byte reads and writes, the AUX loopback and enable/disable test, the
 * keyboard's reset, identify and LED commands, the mouse's reset and
 * identify through command 0xd4, IRQ 1 and IRQ 12 per command byte, the
 * reset line and the A20 gate of the output port.
 */
#include "bare-machine.h"
#include "hw/input/i8042.h"

#define STAT_OBF        0x01
#define STAT_SYS        0x04
#define STAT_CMD        0x08
#define STAT_UNLOCKED   0x10
#define STAT_AUX        0x20

static BareMachine *kbc_machine(DeviceState **kbc)
{
    BareMachine *bm = bare_machine_new(1);

    *kbc = i8042_create(&bm->m, NULL);
    g_assert_nonnull(*kbc);
    return bm;
}

static uint8_t kbc_status(BareMachine *bm)
{
    return bare_inb(bm, I8042_CMD_PORT);
}

static void kbc_cmd(BareMachine *bm, uint8_t cmd)
{
    bare_outb(bm, I8042_CMD_PORT, cmd);
}

static void kbc_data(BareMachine *bm, uint8_t val)
{
    bare_outb(bm, I8042_DATA_PORT, val);
}

/* The next output byte, which must be there and come from @aux or not. */
static uint8_t kbc_read(BareMachine *bm, bool aux)
{
    uint8_t st = kbc_status(bm);

    g_assert_cmphex(st & STAT_OBF, ==, STAT_OBF);
    g_assert_cmphex(st & STAT_AUX, ==, aux ? STAT_AUX : 0);
    return bare_inb(bm, I8042_DATA_PORT);
}

static void assert_empty(BareMachine *bm)
{
    g_assert_cmphex(kbc_status(bm) & STAT_OBF, ==, 0);
}

static void test_self_tests(void)
{
    DeviceState *kbc;
    BareMachine *bm = kbc_machine(&kbc);

    assert_empty(bm);
    g_assert_cmphex(kbc_status(bm), ==, STAT_SYS | STAT_UNLOCKED);
    kbc_cmd(bm, 0xaa);
    g_assert_cmphex(kbc_status(bm) & STAT_CMD, ==, STAT_CMD);
    g_assert_cmphex(kbc_read(bm, false), ==, 0x55);
    kbc_cmd(bm, 0xab);
    g_assert_cmphex(kbc_read(bm, false), ==, 0x00);
    kbc_cmd(bm, 0xa9);
    g_assert_cmphex(kbc_read(bm, false), ==, 0x00);
    kbc_cmd(bm, 0xa4);
    g_assert_cmphex(kbc_read(bm, false), ==, 0xf1);
    assert_empty(bm);
    /* Reading an empty buffer gives the last byte again. */
    g_assert_cmphex(bare_inb(bm, I8042_DATA_PORT), ==, 0xf1);
    bare_machine_free(bm);
}

static void test_command_byte(void)
{
    DeviceState *kbc;
    BareMachine *bm = kbc_machine(&kbc);

    kbc_cmd(bm, 0x20);
    g_assert_cmphex(kbc_read(bm, false), ==, 0x65);
    kbc_cmd(bm, 0x60);
    kbc_data(bm, 0x47);
    g_assert_cmphex(kbc_status(bm) & STAT_CMD, ==, 0);
    kbc_cmd(bm, 0x20);
    g_assert_cmphex(kbc_read(bm, false), ==, 0x47);
    /* Other RAM bytes. */
    kbc_cmd(bm, 0x7f);
    kbc_data(bm, 0x5a);
    kbc_cmd(bm, 0x3f);
    g_assert_cmphex(kbc_read(bm, false), ==, 0x5a);
    /* SYS follows bit 2 of the command byte. */
    kbc_cmd(bm, 0x60);
    kbc_data(bm, 0x00);
    g_assert_cmphex(kbc_status(bm) & STAT_SYS, ==, 0);
    bare_machine_free(bm);
}

static void test_aux_port(void)
{
    DeviceState *kbc;
    BareMachine *bm = kbc_machine(&kbc);

    /* Loopback: the byte comes back as if from the mouse, on IRQ 12. */
    kbc_cmd(bm, 0xd3);
    kbc_data(bm, 0x5a);
    g_assert_cmpint(bm->irq_level[I8042_AUX_IRQ], ==, 0);
    g_assert_cmphex(kbc_read(bm, true), ==, 0x5a);
    kbc_cmd(bm, 0x60);
    kbc_data(bm, 0x43);                 /* KBD_INT | AUX_INT | SYS | XLATE */
    kbc_cmd(bm, 0xd3);
    kbc_data(bm, 0xa5);
    g_assert_cmpint(bm->irq_level[I8042_AUX_IRQ], ==, 1);
    g_assert_cmpint(bm->irq_level[I8042_KBD_IRQ], ==, 0);
    g_assert_cmphex(kbc_read(bm, true), ==, 0xa5);
    g_assert_cmpint(bm->irq_level[I8042_AUX_IRQ], ==, 0);

    /* Disable and enable show in the command byte. */
    kbc_cmd(bm, 0xa7);
    kbc_cmd(bm, 0x20);
    g_assert_cmphex(kbc_read(bm, false) & 0x20, ==, 0x20);
    kbc_cmd(bm, 0xa8);
    kbc_cmd(bm, 0x20);
    g_assert_cmphex(kbc_read(bm, false) & 0x20, ==, 0);

    /* The mouse: reset, identify, status. */
    kbc_cmd(bm, 0xd4);
    kbc_data(bm, 0xff);
    g_assert_cmphex(kbc_read(bm, true), ==, 0xfa);
    g_assert_cmphex(kbc_read(bm, true), ==, 0xaa);
    g_assert_cmphex(kbc_read(bm, true), ==, 0x00);
    assert_empty(bm);
    g_assert_cmpuint(bm->irq_rises[I8042_AUX_IRQ], ==, 4);
    kbc_cmd(bm, 0xd4);
    kbc_data(bm, 0xf2);
    g_assert_cmphex(kbc_read(bm, true), ==, 0xfa);
    g_assert_cmphex(kbc_read(bm, true), ==, 0x00);
    kbc_cmd(bm, 0xd4);
    kbc_data(bm, 0xf3);
    kbc_cmd(bm, 0xd4);
    kbc_data(bm, 200);
    kbc_cmd(bm, 0xd4);
    kbc_data(bm, 0xe9);
    g_assert_cmphex(kbc_read(bm, true), ==, 0xfa);
    g_assert_cmphex(kbc_read(bm, true), ==, 0xfa);
    g_assert_cmphex(kbc_read(bm, true), ==, 0xfa);
    g_assert_cmphex(kbc_read(bm, true), ==, 0x00);  /* stream, disabled */
    g_assert_cmphex(kbc_read(bm, true), ==, 2);     /* resolution */
    g_assert_cmphex(kbc_read(bm, true), ==, 200);   /* sample rate */
    assert_empty(bm);
    bare_machine_free(bm);
}

static void test_keyboard(void)
{
    DeviceState *kbc;
    BareMachine *bm = kbc_machine(&kbc);

    /* Reset: ACK and the self-test result, each byte its own IRQ 1 edge. */
    kbc_data(bm, 0xff);
    g_assert_cmpint(bm->irq_level[I8042_KBD_IRQ], ==, 1);
    g_assert_cmphex(kbc_read(bm, false), ==, 0xfa);
    g_assert_cmphex(kbc_read(bm, false), ==, 0xaa);
    assert_empty(bm);
    g_assert_cmpint(bm->irq_level[I8042_KBD_IRQ], ==, 0);
    g_assert_cmpuint(bm->irq_rises[I8042_KBD_IRQ], ==, 2);

    /* Identify, through translation and without it. */
    kbc_data(bm, 0xf2);
    g_assert_cmphex(kbc_read(bm, false), ==, 0xfa);
    g_assert_cmphex(kbc_read(bm, false), ==, 0xab);
    g_assert_cmphex(kbc_read(bm, false), ==, 0x41);
    kbc_cmd(bm, 0x60);
    kbc_data(bm, 0x05);
    kbc_data(bm, 0xf2);
    g_assert_cmphex(kbc_read(bm, false), ==, 0xfa);
    g_assert_cmphex(kbc_read(bm, false), ==, 0xab);
    g_assert_cmphex(kbc_read(bm, false), ==, 0x83);

    /* LEDs, typematic, scan-code set query, echo, an unknown command. */
    kbc_data(bm, 0xed);
    kbc_data(bm, 0x07);
    g_assert_cmphex(kbc_read(bm, false), ==, 0xfa);
    g_assert_cmphex(kbc_read(bm, false), ==, 0xfa);
    kbc_data(bm, 0xf3);
    kbc_data(bm, 0x00);
    g_assert_cmphex(kbc_read(bm, false), ==, 0xfa);
    g_assert_cmphex(kbc_read(bm, false), ==, 0xfa);
    kbc_data(bm, 0xf0);
    kbc_data(bm, 0x00);
    g_assert_cmphex(kbc_read(bm, false), ==, 0xfa);
    g_assert_cmphex(kbc_read(bm, false), ==, 0xfa);
    g_assert_cmphex(kbc_read(bm, false), ==, 0x02);
    kbc_data(bm, 0xee);
    g_assert_cmphex(kbc_read(bm, false), ==, 0xee);
    kbc_data(bm, 0x01);
    g_assert_cmphex(kbc_read(bm, false), ==, 0xfe);

    /* A disabled keyboard port holds its bytes until enabled. */
    kbc_cmd(bm, 0xad);
    kbc_data(bm, 0xf4);
    assert_empty(bm);
    kbc_cmd(bm, 0xae);
    g_assert_cmphex(kbc_read(bm, false), ==, 0xfa);

    /* Without KBD_INT there is no IRQ 1. */
    kbc_cmd(bm, 0x60);
    kbc_data(bm, 0x04);
    kbc_data(bm, 0xee);
    g_assert_cmpint(bm->irq_level[I8042_KBD_IRQ], ==, 0);
    g_assert_cmphex(kbc_read(bm, false), ==, 0xee);
    bare_machine_free(bm);
}

static bool a20_seen;
static unsigned a20_calls;

static void a20_notify(void *opaque, bool enabled)
{
    a20_seen = enabled;
    a20_calls++;
}

static void test_output_port(void)
{
    DeviceState *kbc;
    BareMachine *bm = kbc_machine(&kbc);

    g_assert_true(i8042_a20_enabled(kbc));
    kbc_cmd(bm, 0xd0);
    g_assert_cmphex(kbc_read(bm, false) & 0x03, ==, 0x03);
    i8042_set_a20_notifier(kbc, a20_notify, NULL);

    kbc_cmd(bm, 0xd1);
    kbc_data(bm, 0x01);                 /* reset high, A20 closed */
    g_assert_false(i8042_a20_enabled(kbc));
    g_assert_cmpuint(a20_calls, ==, 1);
    g_assert_false(a20_seen);
    g_assert_cmpuint(bm->resets, ==, 0);
    kbc_cmd(bm, 0xdf);
    g_assert_true(i8042_a20_enabled(kbc));
    g_assert_true(a20_seen);

    /* Pulsing bit 0 low resets; pulsing nothing does not. */
    kbc_cmd(bm, 0xff);
    g_assert_cmpuint(bm->resets, ==, 0);
    kbc_cmd(bm, 0xfe);
    g_assert_cmpuint(bm->resets, ==, 1);
    kbc_cmd(bm, 0xd1);
    kbc_data(bm, 0x02);
    g_assert_cmpuint(bm->resets, ==, 2);
    /* The reset line is high again afterwards. */
    kbc_cmd(bm, 0xd0);
    g_assert_cmphex(kbc_read(bm, false) & 0x01, ==, 0x01);
    bare_machine_free(bm);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    bql_lock();
    g_test_add_func("/i8042/self-tests", test_self_tests);
    g_test_add_func("/i8042/command-byte", test_command_byte);
    g_test_add_func("/i8042/aux-port", test_aux_port);
    g_test_add_func("/i8042/keyboard", test_keyboard);
    g_test_add_func("/i8042/output-port", test_output_port);
    return g_test_run();
}
