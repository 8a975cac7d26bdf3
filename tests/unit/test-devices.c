/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the PC's legacy devices (16550A UART, isa-debug-exit,
 * isa-debugcon, port 0x80, port 0x92, fw_cfg) driven the way a guest
 * drives them: through address_space_read/write on a bare Machine's I/O
 * space. A fake Chardev captures output and feeds input; the machine's
 * hooks and GSI lines record what the devices ask for.
 */
#include "chardev/chardev.h"
#include "hw/char/debugcon.h"
#include "hw/char/serial.h"
#include "hw/core/device.h"
#include "hw/misc/port92.h"
#include "hw/pc/fw_cfg.h"
#include "memory/memory.h"

#include <string.h>

/* ---- a bare machine ---------------------------------------------------- */

typedef struct TestMachine {
    Machine m;
    MemoryRegion sysmem;
    MemoryRegion sysio;
    int irq_level[MACHINE_NR_GSI];
    unsigned irq_changes[MACHINE_NR_GSI];
    GArray *exits;              /* of int, each request_exit status */
    unsigned resets;
} TestMachine;

static void record_exit(Machine *m, int status)
{
    TestMachine *tm = (TestMachine *)m;

    g_array_append_val(tm->exits, status);
}

static void record_reset(Machine *m)
{
    ((TestMachine *)m)->resets++;
}

static const MachineHooks test_hooks = {
    .request_exit = record_exit,
    .request_reset = record_reset,
};

static void record_irq(void *opaque, int n, int level)
{
    TestMachine *tm = opaque;

    if (tm->irq_level[n] != level) {
        tm->irq_changes[n]++;
    }
    tm->irq_level[n] = level;
}

static TestMachine *machine_new(void)
{
    TestMachine *tm = g_new0(TestMachine, 1);
    Machine *m = &tm->m;

    memory_region_init_container(&tm->sysmem, "system", UINT64_MAX);
    memory_region_init_container(&tm->sysio, "io", 0x10000);
    m->system_memory = &tm->sysmem;
    m->system_io = &tm->sysio;
    address_space_init(&m->as_memory, m->system_memory, "memory");
    address_space_init(&m->as_io, m->system_io, "I/O");
    m->devices = g_ptr_array_new();
    m->hooks = &test_hooks;
    m->ram_size = 128 * 1024 * 1024;
    m->smp_cpus = 2;
    for (int i = 0; i < MACHINE_NR_GSI; i++) {
        irq_init(&m->gsi[i], record_irq, tm, i);
    }
    tm->exits = g_array_new(FALSE, TRUE, sizeof(int));
    return tm;
}

static void machine_free(TestMachine *tm)
{
    Machine *m = &tm->m;

    while (m->devices->len) {
        device_destroy(g_ptr_array_index(m->devices, m->devices->len - 1));
    }
    g_ptr_array_free(m->devices, TRUE);
    address_space_destroy(&m->as_io);
    address_space_destroy(&m->as_memory);
    memory_region_destroy(&tm->sysio);
    memory_region_destroy(&tm->sysmem);
    g_array_free(tm->exits, TRUE);
    g_free(tm);
}

static uint64_t in(TestMachine *tm, uint16_t port, unsigned size)
{
    uint64_t val = 0;

    address_space_read(&tm->m.as_io, port, &val, size);
    return GUINT64_FROM_LE(val);
}

static void out(TestMachine *tm, uint16_t port, uint64_t val, unsigned size)
{
    uint64_t le = GUINT64_TO_LE(val);

    address_space_write(&tm->m.as_io, port, &le, size);
}

static uint8_t inb(TestMachine *tm, uint16_t port)
{
    return in(tm, port, 1);
}

static void outb(TestMachine *tm, uint16_t port, uint8_t val)
{
    out(tm, port, val, 1);
}

/* ---- a fake chardev ---------------------------------------------------- */

typedef struct FakeChardev {
    Chardev chr;
    GString *output;
    unsigned accept_calls;
} FakeChardev;

static void fake_write(Chardev *chr, const uint8_t *buf, size_t len)
{
    g_string_append_len(((FakeChardev *)chr)->output, (const char *)buf,
                        len);
}

static void fake_accept_input(Chardev *chr)
{
    ((FakeChardev *)chr)->accept_calls++;
}

static const ChardevOps fake_ops = {
    .write = fake_write,
    .accept_input = fake_accept_input,
};

static FakeChardev *fake_new(void)
{
    FakeChardev *fc = g_new0(FakeChardev, 1);

    fc->chr.ops = &fake_ops;
    fc->chr.label = g_strdup("fake");
    fc->output = g_string_new(NULL);
    return fc;
}

static void fake_free(FakeChardev *fc)
{
    g_string_free(fc->output, TRUE);
    g_free(fc->chr.label);
    g_free(fc);
}

/* Offer @str as a backend would: no more than can_receive allows. */
static size_t fake_feed(FakeChardev *fc, const char *str)
{
    size_t len = strlen(str);
    size_t room = fc->chr.fe.can_receive(fc->chr.fe.opaque);
    size_t n = MIN(len, room);

    if (n) {
        fc->chr.fe.receive(fc->chr.fe.opaque, (const uint8_t *)str, n);
    }
    return n;
}

static size_t fake_room(FakeChardev *fc)
{
    return fc->chr.fe.can_receive(fc->chr.fe.opaque);
}

/* ---- serial ------------------------------------------------------------ */

#define COM1 0x3f8
#define RBR (COM1 + 0)
#define THR (COM1 + 0)
#define DLL (COM1 + 0)
#define IER (COM1 + 1)
#define DLM (COM1 + 1)
#define IIR (COM1 + 2)
#define FCR (COM1 + 2)
#define LCR (COM1 + 3)
#define MCR (COM1 + 4)
#define LSR (COM1 + 5)
#define MSR (COM1 + 6)
#define SCR (COM1 + 7)

typedef struct SerialFixture {
    TestMachine *tm;
    FakeChardev *fc;
    DeviceState *dev;
} SerialFixture;

static void serial_setup(SerialFixture *f, gconstpointer data)
{
    g_autoptr(GError) err = NULL;

    f->tm = machine_new();
    f->fc = fake_new();
    f->dev = isa_serial_create(&f->tm->m, COM1, 4, &f->fc->chr, &err);
    g_assert_no_error(err);
    g_assert_nonnull(f->dev);
}

static void serial_teardown(SerialFixture *f, gconstpointer data)
{
    machine_free(f->tm);
    fake_free(f->fc);
}

static void test_serial_reset_values(SerialFixture *f, gconstpointer data)
{
    TestMachine *tm = f->tm;

    g_assert_cmphex(inb(tm, IER), ==, 0x00);
    g_assert_cmphex(inb(tm, IIR), ==, 0x01);
    g_assert_cmphex(inb(tm, LCR), ==, 0x00);
    g_assert_cmphex(inb(tm, MCR), ==, 0x00);
    g_assert_cmphex(inb(tm, LSR), ==, 0x60);
    g_assert_cmphex(inb(tm, MSR), ==, 0xb0);
    g_assert_cmpint(tm->irq_level[4], ==, 0);
}

static void test_serial_scratch(SerialFixture *f, gconstpointer data)
{
    TestMachine *tm = f->tm;

    outb(tm, SCR, 0x5a);
    g_assert_cmphex(inb(tm, SCR), ==, 0x5a);
    outb(tm, SCR, 0xa5);
    g_assert_cmphex(inb(tm, SCR), ==, 0xa5);
    /* IER keeps only its four defined bits. */
    outb(tm, IER, 0xff);
    g_assert_cmphex(inb(tm, IER), ==, 0x0f);
}

static void test_serial_divisor(SerialFixture *f, gconstpointer data)
{
    TestMachine *tm = f->tm;

    outb(tm, LCR, 0x80);
    outb(tm, DLL, 0x01);
    outb(tm, DLM, 0x02);
    g_assert_cmphex(inb(tm, DLL), ==, 0x01);
    g_assert_cmphex(inb(tm, DLM), ==, 0x02);
    g_assert_cmpuint(f->fc->output->len, ==, 0);
    outb(tm, LCR, 0x03);
    g_assert_cmphex(inb(tm, LCR), ==, 0x03);
    g_assert_cmphex(inb(tm, IER), ==, 0x00);
    outb(tm, THR, 'A');
    g_assert_cmpstr(f->fc->output->str, ==, "A");
    outb(tm, LCR, 0x83);
    g_assert_cmphex(inb(tm, DLL), ==, 0x01);
    g_assert_cmphex(inb(tm, DLM), ==, 0x02);
}

static void test_serial_output(SerialFixture *f, gconstpointer data)
{
    TestMachine *tm = f->tm;

    for (const char *p = "Hello\n"; *p; p++) {
        g_assert_cmphex(inb(tm, LSR) & 0x20, ==, 0x20);
        outb(tm, THR, *p);
        g_assert_cmphex(inb(tm, LSR), ==, 0x60);
    }
    g_assert_cmpstr(f->fc->output->str, ==, "Hello\n");
    /* A 16-bit write is two byte accesses: THR, then IER. */
    out(tm, THR, 'x' | (0x00 << 8), 2);
    g_assert_cmpstr(f->fc->output->str, ==, "Hello\nx");
}

static void test_serial_thre_irq(SerialFixture *f, gconstpointer data)
{
    TestMachine *tm = f->tm;

    outb(tm, MCR, 0x0b);                /* DTR | RTS | OUT2 */
    g_assert_cmpint(tm->irq_level[4], ==, 0);
    outb(tm, IER, 0x02);                /* enabling ETBEI with THR empty */
    g_assert_cmpint(tm->irq_level[4], ==, 1);
    g_assert_cmphex(inb(tm, IIR), ==, 0x02);
    /* Reading IIR acknowledged it. */
    g_assert_cmpint(tm->irq_level[4], ==, 0);
    g_assert_cmphex(inb(tm, IIR), ==, 0x01);
    outb(tm, THR, 'z');
    g_assert_cmpint(tm->irq_level[4], ==, 1);
    outb(tm, IER, 0x00);
    g_assert_cmpint(tm->irq_level[4], ==, 0);
    /* Linux's THRE test: re-enabling raises it again. */
    outb(tm, IER, 0x02);
    g_assert_cmphex(inb(tm, IIR), ==, 0x02);
    outb(tm, IER, 0x00);
}

static void test_serial_out2_gates(SerialFixture *f, gconstpointer data)
{
    TestMachine *tm = f->tm;

    outb(tm, MCR, 0x03);                /* no OUT2 */
    outb(tm, IER, 0x02);
    g_assert_cmpint(tm->irq_level[4], ==, 0);
    g_assert_cmphex(inb(tm, IIR), ==, 0x02);
    outb(tm, THR, 'q');
    g_assert_cmpint(tm->irq_level[4], ==, 0);
    outb(tm, MCR, 0x0b);
    g_assert_cmpint(tm->irq_level[4], ==, 1);
    outb(tm, MCR, 0x03);
    g_assert_cmpint(tm->irq_level[4], ==, 0);
    g_assert_cmpuint(tm->irq_changes[4], ==, 2);
}

static void test_serial_loopback(SerialFixture *f, gconstpointer data)
{
    TestMachine *tm = f->tm;

    /* Linux's probe: RTS and OUT2 looped back read as CTS and DCD. */
    outb(tm, MCR, 0x10 | 0x0a);
    g_assert_cmphex(inb(tm, MSR) & 0xf0, ==, 0x90);
    outb(tm, MCR, 0x10 | 0x05);         /* DTR and OUT1 */
    g_assert_cmphex(inb(tm, MSR), ==, 0x60 | 0x0b);
    g_assert_cmphex(inb(tm, MSR), ==, 0x60);
    /* RI falling edge sets TERI. */
    outb(tm, MCR, 0x10 | 0x01);
    g_assert_cmphex(inb(tm, MSR), ==, 0x20 | 0x04);

    g_assert_cmpuint(fake_room(f->fc), ==, 0);
    outb(tm, THR, 'e');
    g_assert_cmpuint(f->fc->output->len, ==, 0);
    g_assert_cmphex(inb(tm, LSR), ==, 0x61);
    g_assert_cmphex(inb(tm, RBR), ==, 'e');
    g_assert_cmphex(inb(tm, LSR), ==, 0x60);

    /* Without FIFOs a second byte overruns the first. */
    outb(tm, IER, 0x04);
    outb(tm, THR, '1');
    outb(tm, THR, '2');
    g_assert_cmphex(inb(tm, IIR), ==, 0x06);
    g_assert_cmphex(inb(tm, LSR), ==, 0x63);
    g_assert_cmphex(inb(tm, IIR), ==, 0x01);
    g_assert_cmphex(inb(tm, LSR), ==, 0x61);
    g_assert_cmphex(inb(tm, RBR), ==, '2');

    /* Leaving loopback reconnects the input. */
    outb(tm, MCR, 0x00);
    g_assert_cmpuint(fake_room(f->fc), ==, 1);
    g_assert_cmphex(inb(tm, MSR) & 0xf0, ==, 0xb0);
    g_assert_cmpint(tm->irq_level[4], ==, 0);
}

static void test_serial_modem_irq(SerialFixture *f, gconstpointer data)
{
    TestMachine *tm = f->tm;

    outb(tm, IER, 0x08);
    g_assert_cmphex(inb(tm, IIR), ==, 0x01);
    outb(tm, MCR, 0x10 | 0x02);         /* RTS loops to CTS; DSR, DCD fall */
    g_assert_cmphex(inb(tm, IIR), ==, 0x00);
    inb(tm, MSR);
    g_assert_cmphex(inb(tm, IIR), ==, 0x01);
}

static void test_serial_rx_nofifo(SerialFixture *f, gconstpointer data)
{
    TestMachine *tm = f->tm;

    outb(tm, MCR, 0x08);
    outb(tm, IER, 0x01);
    g_assert_cmpuint(fake_room(f->fc), ==, 1);
    g_assert_cmpuint(fake_feed(f->fc, "ab"), ==, 1);
    g_assert_cmpuint(fake_room(f->fc), ==, 0);
    g_assert_cmphex(inb(tm, IIR), ==, 0x04);
    g_assert_cmpint(tm->irq_level[4], ==, 1);
    g_assert_cmphex(inb(tm, LSR), ==, 0x61);
    f->fc->accept_calls = 0;
    g_assert_cmphex(inb(tm, RBR), ==, 'a');
    g_assert_cmpuint(f->fc->accept_calls, ==, 1);
    g_assert_cmpint(tm->irq_level[4], ==, 0);
    g_assert_cmphex(inb(tm, IIR), ==, 0x01);
    g_assert_cmpuint(fake_feed(f->fc, "b"), ==, 1);
    g_assert_cmphex(inb(tm, RBR), ==, 'b');
}

static void test_serial_fifo(SerialFixture *f, gconstpointer data)
{
    TestMachine *tm = f->tm;

    outb(tm, MCR, 0x08);
    outb(tm, FCR, 0x47);                /* enable, reset both, trigger 4 */
    g_assert_cmphex(inb(tm, IIR), ==, 0xc1);
    outb(tm, IER, 0x01);
    g_assert_cmpuint(fake_room(f->fc), ==, 16);

    /* Below the trigger level: reported as a character timeout. */
    g_assert_cmpuint(fake_feed(f->fc, "ab"), ==, 2);
    g_assert_cmphex(inb(tm, IIR), ==, 0xcc);
    g_assert_cmpint(tm->irq_level[4], ==, 1);
    g_assert_cmpuint(fake_feed(f->fc, "cd"), ==, 2);
    g_assert_cmphex(inb(tm, IIR), ==, 0xc4);
    g_assert_cmpuint(fake_room(f->fc), ==, 12);

    g_assert_cmphex(inb(tm, RBR), ==, 'a');
    g_assert_cmphex(inb(tm, IIR), ==, 0xcc);
    g_assert_cmphex(inb(tm, RBR), ==, 'b');
    g_assert_cmphex(inb(tm, RBR), ==, 'c');
    f->fc->accept_calls = 0;
    g_assert_cmphex(inb(tm, RBR), ==, 'd');
    g_assert_cmpuint(f->fc->accept_calls, ==, 1);
    g_assert_cmphex(inb(tm, LSR), ==, 0x60);
    g_assert_cmphex(inb(tm, IIR), ==, 0xc1);
    g_assert_cmpint(tm->irq_level[4], ==, 0);

    /* The FIFO takes 16 bytes and no more. */
    g_assert_cmpuint(fake_feed(f->fc, "0123456789abcdefXYZ"), ==, 16);
    g_assert_cmpuint(fake_room(f->fc), ==, 0);
    g_assert_cmphex(inb(tm, LSR), ==, 0x61);
    for (const char *p = "0123456789abcdef"; *p; p++) {
        g_assert_cmphex(inb(tm, RBR), ==, *p);
    }
    g_assert_cmphex(inb(tm, LSR), ==, 0x60);

    /* Trigger 14, and a receiver FIFO reset. */
    outb(tm, FCR, 0xc1);
    g_assert_cmpuint(fake_feed(f->fc, "0123456789abc"), ==, 13);
    g_assert_cmphex(inb(tm, IIR), ==, 0xcc);
    g_assert_cmpuint(fake_feed(f->fc, "d"), ==, 1);
    g_assert_cmphex(inb(tm, IIR), ==, 0xc4);
    outb(tm, FCR, 0xc3);
    g_assert_cmphex(inb(tm, LSR), ==, 0x60);
    g_assert_cmphex(inb(tm, IIR), ==, 0xc1);
    g_assert_cmpint(tm->irq_level[4], ==, 0);

    /* Turning the FIFOs off empties them and clears the IIR bits. */
    fake_feed(f->fc, "zz");
    outb(tm, FCR, 0x00);
    g_assert_cmphex(inb(tm, LSR), ==, 0x60);
    g_assert_cmphex(inb(tm, IIR), ==, 0x01);
    g_assert_cmpuint(fake_room(f->fc), ==, 1);
}

static void test_serial_priority(SerialFixture *f, gconstpointer data)
{
    TestMachine *tm = f->tm;

    outb(tm, FCR, 0x01);
    outb(tm, MCR, 0x10);
    outb(tm, IER, 0x0f);
    /* Modem status (entering loopback drops DCD, DSR and CTS). */
    g_assert_cmphex(inb(tm, IIR) & 0x0f, ==, 0x02);   /* THRE beats MSR */
    g_assert_cmphex(inb(tm, IIR) & 0x0f, ==, 0x00);
    for (int i = 0; i < 17; i++) {
        outb(tm, THR, 'a' + i);         /* the 17th overruns */
    }
    g_assert_cmphex(inb(tm, IIR), ==, 0xc6);
    g_assert_cmphex(inb(tm, LSR), ==, 0x63);
    g_assert_cmphex(inb(tm, IIR), ==, 0xc4);
    for (int i = 0; i < 16; i++) {
        g_assert_cmphex(inb(tm, RBR), ==, 'a' + i);
    }
    g_assert_cmphex(inb(tm, IIR), ==, 0xc2);
    g_assert_cmphex(inb(tm, IIR), ==, 0xc0);
    inb(tm, MSR);
    g_assert_cmphex(inb(tm, IIR), ==, 0xc1);
}

static void test_serial_device_reset(SerialFixture *f, gconstpointer data)
{
    TestMachine *tm = f->tm;

    outb(tm, MCR, 0x08);
    outb(tm, IER, 0x03);
    outb(tm, FCR, 0x01);
    fake_feed(f->fc, "abc");
    g_assert_cmpint(tm->irq_level[4], ==, 1);
    machine_reset_devices(&tm->m);
    g_assert_cmpint(tm->irq_level[4], ==, 0);
    g_assert_cmphex(inb(tm, IIR), ==, 0x01);
    g_assert_cmphex(inb(tm, LSR), ==, 0x60);
    g_assert_cmpuint(fake_room(f->fc), ==, 1);
}

static void test_serial_no_chardev(void)
{
    TestMachine *tm = machine_new();
    g_autoptr(GError) err = NULL;

    g_assert_nonnull(isa_serial_create(&tm->m, 0x2f8, 3, NULL, &err));
    outb(tm, 0x2f8, 'x');
    g_assert_cmphex(inb(tm, 0x2f8 + 5), ==, 0x60);
    g_assert_null(isa_serial_create(&tm->m, 0x3f8, 24, NULL, &err));
    g_assert_nonnull(err);
    machine_free(tm);
}

/* ---- debug-exit, debugcon, port 0x80 ------------------------------------ */

static DeviceState *create_from_string(TestMachine *tm, const char *spec)
{
    g_autoptr(GError) err = NULL;
    DeviceState *dev = device_new_from_string(spec, &err);

    g_assert_no_error(err);
    g_assert_true(device_realize(dev, &tm->m, &err));
    g_assert_no_error(err);
    return dev;
}

static int last_exit(TestMachine *tm)
{
    g_assert_cmpuint(tm->exits->len, >, 0);
    return g_array_index(tm->exits, int, tm->exits->len - 1);
}

static void test_debug_exit(void)
{
    TestMachine *tm = machine_new();

    create_from_string(tm, "isa-debug-exit");
    outb(tm, 0x501, 0);
    g_assert_cmpint(last_exit(tm), ==, 1);
    outb(tm, 0x501, 1);
    g_assert_cmpint(last_exit(tm), ==, 3);
    outb(tm, 0x502, 0x21);
    g_assert_cmpint(last_exit(tm), ==, 0x43);
    outb(tm, 0x501, 0xff);
    g_assert_cmpint(last_exit(tm), ==, 0x1ff);
    g_array_set_size(tm->exits, 0);
    out(tm, 0x502, 0x1234, 2);          /* unaligned: two bytes */
    g_assert_cmpuint(tm->exits->len, ==, 1);
    g_assert_cmpint(last_exit(tm), ==, 0x69);
    g_assert_cmphex(inb(tm, 0x501), ==, 0);
    g_assert_cmphex(inb(tm, 0x500), ==, 0xff);
    g_assert_cmphex(inb(tm, 0x503), ==, 0xff);
    machine_free(tm);

    tm = machine_new();
    create_from_string(tm, "isa-debug-exit,iobase=0xf4,iosize=0x04");
    out(tm, 0xf4, 0x10, 4);
    g_assert_cmpint(last_exit(tm), ==, 0x21);
    out(tm, 0xf4, 0x1234, 2);
    g_assert_cmpint(last_exit(tm), ==, 0x2469);
    g_array_set_size(tm->exits, 0);
    out(tm, 0xf4, 0x00010000, 4);
    g_assert_cmpuint(tm->exits->len, ==, 1);
    g_assert_cmpint(last_exit(tm), ==, 0x20001);
    g_assert_cmphex(in(tm, 0xf4, 4), ==, 0);
    machine_free(tm);
}

/* The message a -device spec that cannot be created or realized gives. */
static char *device_error(TestMachine *tm, const char *spec)
{
    g_autoptr(GError) err = NULL;
    DeviceState *dev = device_new_from_string(spec, &err);
    char *msg;

    if (dev) {
        g_assert_no_error(err);
        g_assert_false(device_realize(dev, &tm->m, &err));
        device_destroy(dev);
    }
    g_assert_nonnull(err);
    msg = g_strdup(err->message);
    return msg;
}

static void test_debug_exit_bad_props(void)
{
    TestMachine *tm = machine_new();
    g_autofree char *zero = device_error(tm, "isa-debug-exit,iosize=0");
    g_autofree char *wide = device_error(tm, "isa-debug-exit,iobase=0xfffe,"
                                             "iosize=4");
    g_autofree char *twice = device_error(tm, "isa-debug-exit,iobase=0xf4,"
                                              "iobase=0xf8");
    g_autofree char *id_twice = device_error(tm, "isa-debug-exit,id=a,id=b");

    g_assert_cmpstr(zero, ==, "isa-debug-exit: iosize must be at least 1");
    g_assert_cmpstr(wide, ==, "isa-debug-exit: ports 0xfffe+0x4 do not fit "
                              "the I/O space");
    g_assert_cmpstr(twice, ==, "'isa-debug-exit' property 'iobase' is given "
                               "more than once");
    g_assert_cmpstr(id_twice, ==, "'isa-debug-exit' property 'id' is given "
                                  "more than once");
    /* Nothing was mapped: the ports are free. */
    g_assert_cmphex(inb(tm, 0xf4), ==, 0xff);
    g_assert_cmphex(inb(tm, 0x501), ==, 0xff);
    g_assert_cmpuint(tm->m.devices->len, ==, 0);
    machine_free(tm);
}

static void test_debugcon(void)
{
    TestMachine *tm = machine_new();
    FakeChardev *fc = fake_new();
    g_autoptr(GError) err = NULL;

    g_assert_nonnull(isa_debugcon_create(&tm->m, DEBUGCON_DEFAULT_IOBASE,
                                         &fc->chr, &err));
    outb(tm, 0xe9, 'h');
    outb(tm, 0xe9, 'i');
    g_assert_cmpstr(fc->output->str, ==, "hi");
    g_assert_cmphex(inb(tm, 0xe9), ==, 0xe9);
    machine_free(tm);
    fake_free(fc);
}

static void test_ioport80(void)
{
    TestMachine *tm = machine_new();

    g_assert_null(device_new_from_string("ioport80", NULL));
    g_assert_true(device_realize(device_new("ioport80", NULL), &tm->m, NULL));
    outb(tm, 0x80, 0x55);
    g_assert_cmphex(inb(tm, 0x80), ==, 0xff);
    g_assert_cmphex(in(tm, 0x80, 2), ==, 0xffff);
    machine_free(tm);
}

/* ---- port 0x92 ------------------------------------------------------- */

typedef struct A20Log {
    unsigned calls;
    bool last;
} A20Log;

static void record_a20(void *opaque, bool enabled)
{
    A20Log *log = opaque;

    log->calls++;
    log->last = enabled;
}

static void test_port92(void)
{
    TestMachine *tm = machine_new();
    g_autoptr(GError) err = NULL;
    DeviceState *dev = port92_create(&tm->m, &err);
    A20Log a20 = { 0 };

    g_assert_no_error(err);
    port92_set_a20_notifier(dev, record_a20, &a20);
    g_assert_cmphex(inb(tm, 0x92), ==, 0x00);
    g_assert_false(port92_a20_enabled(dev));

    outb(tm, 0x92, 0x02);
    g_assert_true(port92_a20_enabled(dev));
    g_assert_cmpuint(a20.calls, ==, 1);
    g_assert_true(a20.last);
    g_assert_cmphex(inb(tm, 0x92), ==, 0x02);
    outb(tm, 0x92, 0x02);
    g_assert_cmpuint(a20.calls, ==, 1);
    g_assert_cmpuint(tm->resets, ==, 0);

    outb(tm, 0x92, 0x03);
    g_assert_cmpuint(tm->resets, ==, 1);
    g_assert_cmpuint(a20.calls, ==, 1);
    outb(tm, 0x92, 0x03);               /* no edge, no reset */
    g_assert_cmpuint(tm->resets, ==, 1);
    machine_reset_devices(&tm->m);
    g_assert_cmphex(inb(tm, 0x92), ==, 0x02);
    outb(tm, 0x92, 0x03);
    g_assert_cmpuint(tm->resets, ==, 2);

    outb(tm, 0x92, 0x00);
    g_assert_false(port92_a20_enabled(dev));
    g_assert_cmpuint(a20.calls, ==, 2);
    g_assert_false(a20.last);
    machine_free(tm);
}

/* ---- fw_cfg ---------------------------------------------------------- */

static void fw_cfg_select(TestMachine *tm, uint16_t key)
{
    out(tm, FW_CFG_IO_BASE, key, 2);
}

static void fw_cfg_read(TestMachine *tm, void *buf, size_t len)
{
    uint8_t *p = buf;

    for (size_t i = 0; i < len; i++) {
        p[i] = inb(tm, FW_CFG_IO_BASE + 1);
    }
}

static void test_fw_cfg_basic(void)
{
    TestMachine *tm = machine_new();
    g_autoptr(GError) err = NULL;
    FWCfgState *s = fw_cfg_create(&tm->m, &err);
    uint8_t buf[16];
    uint64_t u64;
    uint32_t u32;
    uint16_t u16;

    g_assert_no_error(err);
    g_assert_nonnull(s);

    fw_cfg_select(tm, FW_CFG_SIGNATURE);
    fw_cfg_read(tm, buf, 6);
    g_assert_cmpmem(buf, 6, "QEMU\0\0", 6);
    /* Re-selecting rewinds; port 0x510 reads data bytes too. */
    fw_cfg_select(tm, FW_CFG_SIGNATURE);
    g_assert_cmphex(inb(tm, FW_CFG_IO_BASE), ==, 'Q');
    g_assert_cmphex(inb(tm, FW_CFG_IO_BASE + 1), ==, 'E');

    fw_cfg_select(tm, FW_CFG_ID);
    fw_cfg_read(tm, &u32, 4);
    g_assert_cmphex(GUINT32_FROM_LE(u32), ==, FW_CFG_VERSION);

    fw_cfg_select(tm, FW_CFG_RAM_SIZE);
    fw_cfg_read(tm, &u64, 8);
    g_assert_cmphex(GUINT64_FROM_LE(u64), ==, 128 * 1024 * 1024);

    fw_cfg_select(tm, FW_CFG_NB_CPUS);
    fw_cfg_read(tm, &u16, 2);
    g_assert_cmpuint(GUINT16_FROM_LE(u16), ==, 2);
    fw_cfg_select(tm, FW_CFG_MAX_CPUS);
    fw_cfg_read(tm, &u16, 2);
    g_assert_cmpuint(GUINT16_FROM_LE(u16), ==, 2);

    fw_cfg_select(tm, 0x1234);
    fw_cfg_read(tm, buf, 4);
    g_assert_cmpmem(buf, 4, "\0\0\0\0", 4);

    fw_cfg_add_i32(s, FW_CFG_KERNEL_ADDR, 0x100000);
    fw_cfg_add_string(s, FW_CFG_CMDLINE_DATA, "console=ttyS0");
    fw_cfg_add_i32(s, FW_CFG_CMDLINE_SIZE, 14);
    fw_cfg_select(tm, FW_CFG_KERNEL_ADDR);
    fw_cfg_read(tm, &u32, 4);
    g_assert_cmphex(GUINT32_FROM_LE(u32), ==, 0x100000);
    fw_cfg_select(tm, FW_CFG_CMDLINE_DATA);
    fw_cfg_read(tm, buf, 14);
    g_assert_cmpstr((char *)buf, ==, "console=ttyS0");

    /* Arch-local keys are their own items; the write bit is ignored. */
    fw_cfg_add_i16(s, FW_CFG_E820_TABLE, 0xbeef);
    fw_cfg_select(tm, FW_CFG_E820_TABLE | FW_CFG_WRITE_CHANNEL);
    fw_cfg_read(tm, &u16, 2);
    g_assert_cmphex(GUINT16_FROM_LE(u16), ==, 0xbeef);
    fw_cfg_select(tm, FW_CFG_ARCH_LOCAL | FW_CFG_SIGNATURE);
    g_assert_cmphex(inb(tm, FW_CFG_IO_BASE + 1), ==, 0);

    /* Word reads are not part of the interface; data writes are ignored. */
    fw_cfg_select(tm, FW_CFG_SIGNATURE);
    g_assert_cmphex(in(tm, FW_CFG_IO_BASE, 2), ==, 0xffff);
    outb(tm, FW_CFG_IO_BASE + 1, 0x42);
    g_assert_cmphex(inb(tm, FW_CFG_IO_BASE + 1), ==, 'Q');
    machine_free(tm);
}

typedef struct DirRow {
    uint32_t size;
    uint16_t select;
    char name[FW_CFG_MAX_FILE_PATH];
} DirRow;

static unsigned fw_cfg_read_dir(TestMachine *tm, DirRow *rows, unsigned max)
{
    uint32_t count;

    fw_cfg_select(tm, FW_CFG_FILE_DIR);
    fw_cfg_read(tm, &count, 4);
    count = GUINT32_FROM_BE(count);
    g_assert_cmpuint(count, <=, max);
    for (unsigned i = 0; i < count; i++) {
        uint8_t raw[64];

        fw_cfg_read(tm, raw, sizeof(raw));
        rows[i].size = (uint32_t)raw[0] << 24 | raw[1] << 16 | raw[2] << 8 |
                       raw[3];
        rows[i].select = raw[4] << 8 | raw[5];
        g_assert_cmphex(raw[6] | raw[7], ==, 0);
        memcpy(rows[i].name, raw + 8, FW_CFG_MAX_FILE_PATH);
    }
    return count;
}

static void test_fw_cfg_files(void)
{
    TestMachine *tm = machine_new();
    FWCfgState *s = fw_cfg_create(&tm->m, NULL);
    DirRow rows[8];
    char buf[16];

    g_assert_cmpuint(fw_cfg_read_dir(tm, rows, 8), ==, 0);

    fw_cfg_add_file(s, "etc/b", "bee", 3);
    fw_cfg_add_file(s, "etc/a", "alpha!", 6);
    fw_cfg_add_file(s, "bootorder", "/pci@i0cf8/\n", 12);
    fw_cfg_add_file(s, "etc/ab", "", 0);

    g_assert_cmpuint(fw_cfg_read_dir(tm, rows, 8), ==, 4);
    g_assert_cmpstr(rows[0].name, ==, "bootorder");
    g_assert_cmpstr(rows[1].name, ==, "etc/a");
    g_assert_cmpstr(rows[2].name, ==, "etc/ab");
    g_assert_cmpstr(rows[3].name, ==, "etc/b");
    for (unsigned i = 0; i < 4; i++) {
        g_assert_cmphex(rows[i].select, ==, FW_CFG_FILE_FIRST + i);
    }
    g_assert_cmpuint(rows[0].size, ==, 12);
    g_assert_cmpuint(rows[1].size, ==, 6);
    g_assert_cmpuint(rows[2].size, ==, 0);
    g_assert_cmpuint(rows[3].size, ==, 3);

    fw_cfg_select(tm, rows[1].select);
    fw_cfg_read(tm, buf, 8);
    g_assert_cmpmem(buf, 8, "alpha!\0\0", 8);
    fw_cfg_select(tm, rows[3].select);
    fw_cfg_read(tm, buf, 4);
    g_assert_cmpmem(buf, 4, "bee\0", 4);
    fw_cfg_select(tm, FW_CFG_FILE_FIRST + 4);
    g_assert_cmphex(inb(tm, FW_CFG_IO_BASE + 1), ==, 0);
    machine_free(tm);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);

#define SERIAL_TEST(path, fn)                                                \
    g_test_add("/serial/" path, SerialFixture, NULL, serial_setup, fn,       \
               serial_teardown)
    SERIAL_TEST("reset-values", test_serial_reset_values);
    SERIAL_TEST("scratch", test_serial_scratch);
    SERIAL_TEST("divisor", test_serial_divisor);
    SERIAL_TEST("output", test_serial_output);
    SERIAL_TEST("thre-irq", test_serial_thre_irq);
    SERIAL_TEST("out2-gates-irq", test_serial_out2_gates);
    SERIAL_TEST("loopback", test_serial_loopback);
    SERIAL_TEST("modem-status-irq", test_serial_modem_irq);
    SERIAL_TEST("rx-without-fifo", test_serial_rx_nofifo);
    SERIAL_TEST("fifo-trigger", test_serial_fifo);
    SERIAL_TEST("iir-priority", test_serial_priority);
    SERIAL_TEST("device-reset", test_serial_device_reset);
#undef SERIAL_TEST
    g_test_add_func("/serial/no-chardev", test_serial_no_chardev);
    g_test_add_func("/debug-exit/status", test_debug_exit);
    g_test_add_func("/debug-exit/bad-props", test_debug_exit_bad_props);
    g_test_add_func("/debugcon/write-readback", test_debugcon);
    g_test_add_func("/ioport80/ignore", test_ioport80);
    g_test_add_func("/port92/a20-and-reset", test_port92);
    g_test_add_func("/fw_cfg/items", test_fw_cfg_basic);
    g_test_add_func("/fw_cfg/file-dir", test_fw_cfg_files);
    return g_test_run();
}
