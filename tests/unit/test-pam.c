/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the memory map the i440FX steers in the pc machine, and
 * of what the machine offers firmware: the PAM segments of
 * 0xc0000-0xfffff in each of their four modes (reads from ROM or DRAM,
 * writes dropped or into DRAM), SeaBIOS's shadowing sequence, a machine
 * reset putting the ROMs back, SMRAM's D_OPEN and D_LCK, and the fw_cfg
 * items and CMOS bytes SeaBIOS reads. The machine is pc_machine_create's
 * with a made-up 256 KiB -bios image; the guest's view is as_memory, the
 * chipset is programmed through ports 0xcf8/0xcfc as firmware does.
 */
#include "hw/pc/fw_cfg.h"
#include "hw/pc/pc.h"
#include "hw/pci/pci-host.h"
#include "hw/timer/mc146818rtc.h"
#include "util/bql.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#define BIOS_SIZE       0x40000
#define PAM0            0x59
#define SMRAM           0x72

/* The byte the -bios image holds at its offset @off. */
static uint8_t bios_byte(uint32_t off)
{
    return (off * 7 + (off >> 8)) | 0x80;
}

/* The byte the test puts into DRAM at physical address @addr. */
static uint8_t ram_byte(hwaddr addr)
{
    return (addr >> 4) & 0x7f;
}

static PCMachine *pam_machine(void)
{
    g_autofree uint8_t *image = g_malloc(BIOS_SIZE);
    g_autofree char *path = NULL;
    g_autoptr(GError) err = NULL;
    PCConfig cfg = { .ram_size = 64 << 20, .smp_cpus = 1,
                     .userspace_irqchip = true };
    PCMachine *pc;
    int fd = g_file_open_tmp("kestrel-pam-XXXXXX.bin", &path, &err);
    uint8_t *ram;

    g_assert_no_error(err);
    close(fd);
    for (uint32_t i = 0; i < BIOS_SIZE; i++) {
        image[i] = bios_byte(i);
    }
    g_assert_true(g_file_set_contents(path, (char *)image, BIOS_SIZE, &err));
    cfg.bios = path;
    pc = pc_machine_create(&cfg, &err);
    g_assert_no_error(err);
    g_unlink(path);
    ram = memory_region_get_ram_ptr(&pc->ram);
    for (hwaddr a = 0xa0000; a < 0x100000; a++) {
        ram[a] = ram_byte(a);
    }
    return pc;
}

static void cfg_write(PCMachine *pc, uint8_t reg, uint32_t val,
                      unsigned size)
{
    uint32_t addr = GUINT32_TO_LE(PCI_CONFADD_ENABLE | (reg & 0xfc));
    uint32_t le = GUINT32_TO_LE(val);

    address_space_write(&pc->m.as_io, PCI_HOST_CONFADD, &addr, 4);
    address_space_write(&pc->m.as_io, PCI_HOST_CONFDATA + (reg & 3), &le,
                        size);
}

static uint8_t cfg_readb(PCMachine *pc, uint8_t reg)
{
    uint32_t addr = GUINT32_TO_LE(PCI_CONFADD_ENABLE | (reg & 0xfc));
    uint8_t val = 0;

    address_space_write(&pc->m.as_io, PCI_HOST_CONFADD, &addr, 4);
    address_space_read(&pc->m.as_io, PCI_HOST_CONFDATA + (reg & 3), &val, 1);
    return val;
}

static uint8_t mem_readb(PCMachine *pc, hwaddr addr)
{
    uint8_t val = 0;

    address_space_read(&pc->m.as_memory, addr, &val, 1);
    return val;
}

static void mem_writeb(PCMachine *pc, hwaddr addr, uint8_t val)
{
    address_space_write(&pc->m.as_memory, addr, &val, 1);
}

static uint8_t dram(PCMachine *pc, hwaddr addr)
{
    return ((uint8_t *)memory_region_get_ram_ptr(&pc->ram))[addr];
}

/* What the PCI side holds at @addr: the image's last 128 KiB from
 * 0xe0000, the (empty) option ROM space below. */
static uint8_t rom_byte(hwaddr addr)
{
    return addr >= 0xe0000 ? bios_byte(addr - 0x100000 + BIOS_SIZE) : 0;
}

typedef struct Segment {
    hwaddr start;
    hwaddr size;
    uint8_t reg;
    unsigned shift;     /* of the nibble in reg */
} Segment;

static Segment segment(unsigned n)
{
    if (n == 0) {
        return (Segment){ 0xf0000, 0x10000, PAM0, 4 };
    }
    return (Segment){ 0xc0000 + (n - 1) * 0x4000, 0x4000,
                      PAM0 + (n + 1) / 2, n & 1 ? 0 : 4 };
}

/* Check one address of a segment in @mode: what a read gives and where
 * a write lands. */
static void check_mode_at(PCMachine *pc, hwaddr a, unsigned mode)
{
    uint8_t before = dram(pc, a);

    g_assert_cmphex(mem_readb(pc, a), ==, mode & 1 ? before : rom_byte(a));
    mem_writeb(pc, a, 0x5a);
    g_assert_cmphex(dram(pc, a), ==, mode & 2 ? 0x5a : before);
    g_assert_cmphex(mem_readb(pc, a), ==,
                    mode & 1 ? dram(pc, a) : rom_byte(a));
}

static void check_segment(PCMachine *pc, unsigned n, unsigned mode)
{
    Segment s = segment(n);

    check_mode_at(pc, s.start, mode);
    check_mode_at(pc, s.start + s.size / 2 + 1, mode);
    check_mode_at(pc, s.start + s.size - 1, mode);
}

/* Out of reset every segment shows the ROMs and drops writes. */
static void test_reset_state(void)
{
    PCMachine *pc = pam_machine();

    for (uint8_t reg = PAM0; reg <= PAM0 + 6; reg++) {
        g_assert_cmphex(cfg_readb(pc, reg), ==, 0);
    }
    for (unsigned n = 0; n < 13; n++) {
        check_segment(pc, n, 0);
    }
    /* The image also shows at the top of 4 GiB. */
    g_assert_cmphex(mem_readb(pc, 0xfffffff0), ==, bios_byte(BIOS_SIZE - 16));
}

/* Each segment in each mode, alone: its neighbours stay on the ROMs. */
static void test_each_mode(void)
{
    PCMachine *pc = pam_machine();

    for (unsigned mode = 0; mode < 4; mode++) {
        for (unsigned n = 0; n < 13; n++) {
            Segment s = segment(n);

            cfg_write(pc, s.reg, mode << s.shift, 1);
            g_assert_cmphex(cfg_readb(pc, s.reg), ==, mode << s.shift);
            check_segment(pc, n, mode);
            if (n != 12) {
                check_segment(pc, n + 1, 0);
            }
            if (n > 1) {
                check_segment(pc, n - 1, 0);
            }
            cfg_write(pc, s.reg, 0, 1);
        }
    }
}

/* A dword write sets four PAM registers at once; accesses that span two
 * segments in different modes are split between them. */
static void test_mixed_modes(void)
{
    PCMachine *pc = pam_machine();
    uint8_t buf[4];

    /* 0x5c-0x5f: PAM3-PAM6, segments 5-12 as 3,1,2,0,3,1,2,0. */
    cfg_write(pc, 0x5c, 0x02130213, 4);
    check_segment(pc, 5, 3);
    check_segment(pc, 6, 1);
    check_segment(pc, 7, 2);
    check_segment(pc, 8, 0);
    check_segment(pc, 11, 2);
    check_segment(pc, 12, 0);
    /* Two bytes from segment 5 (RAM), two from 6 (read-only RAM). */
    memcpy(buf, "\x11\x22\x33\x44", 4);
    address_space_write(&pc->m.as_memory, 0xd3ffe, buf, 4);
    g_assert_cmphex(dram(pc, 0xd3ffe), ==, 0x11);
    g_assert_cmphex(dram(pc, 0xd3fff), ==, 0x22);
    g_assert_cmphex(dram(pc, 0xd4000), ==, ram_byte(0xd4000));
    /* Segment 7 (write-only) across an 8-byte access. */
    address_space_write(&pc->m.as_memory, 0xd8000, "ABCDEFGH", 8);
    g_assert_cmpmem(memory_region_get_ram_ptr(&pc->ram) + 0xd8000, 8,
                    "ABCDEFGH", 8);
    address_space_read(&pc->m.as_memory, 0xd8000, buf, 4);
    g_assert_cmphex(buf[0], ==, rom_byte(0xd8000));
}

/*
 * SeaBIOS's shadowing: DRAM read-write everywhere (0x33, PAM0 0x30),
 * copy the image from its 4 GiB alias, then read-only (0x11, 0x10).
 */
static void test_shadow_copy(void)
{
    PCMachine *pc = pam_machine();
    g_autofree uint8_t *copy = g_malloc(0x40000);

    cfg_write(pc, 0x58, 0x33333000, 4);
    cfg_write(pc, 0x5c, 0x33333333, 4);
    address_space_read(&pc->m.as_memory, 0xfffc0000, copy, 0x40000);
    address_space_write(&pc->m.as_memory, 0xc0000, copy, 0x40000);
    cfg_write(pc, 0x58, 0x11111000, 4);
    cfg_write(pc, 0x5c, 0x11111111, 4);
    for (hwaddr a = 0xc0000; a < 0x100000; a += 0x1001) {
        g_assert_cmphex(mem_readb(pc, a), ==, bios_byte(a - 0xc0000));
        mem_writeb(pc, a, ~bios_byte(a - 0xc0000));
        g_assert_cmphex(mem_readb(pc, a), ==, bios_byte(a - 0xc0000));
    }
}

/* A machine reset puts PAM and SMRAM back: the ROMs show again. */
static void test_machine_reset(void)
{
    PCMachine *pc = pam_machine();

    cfg_write(pc, 0x58, 0x33333000, 4);
    cfg_write(pc, 0x5c, 0x33333333, 4);
    cfg_write(pc, SMRAM, 0x4a, 1);
    mem_writeb(pc, 0xffff0, 0x90);
    g_assert_cmphex(mem_readb(pc, 0xffff0), ==, 0x90);
    machine_reset_devices(&pc->m);
    g_assert_cmphex(cfg_readb(pc, PAM0), ==, 0);
    g_assert_cmphex(cfg_readb(pc, SMRAM), ==, 0x02);
    for (unsigned n = 0; n < 13; n++) {
        check_segment(pc, n, 0);
    }
    g_assert_cmphex(mem_readb(pc, 0xa0000), ==, 0xff);
}

/* SMRAM: DRAM at 0xa0000 only with G_SMRAME and D_OPEN; D_LCK closes it
 * for good (until reset); C_BASE_SEG is fixed. */
static void test_smram(void)
{
    PCMachine *pc = pam_machine();

    g_assert_cmphex(cfg_readb(pc, SMRAM), ==, 0x02);
    g_assert_cmphex(mem_readb(pc, 0xa0000), ==, 0xff);
    cfg_write(pc, SMRAM, 0x40, 1);      /* D_OPEN without G_SMRAME */
    g_assert_cmphex(mem_readb(pc, 0xa0000), ==, 0xff);
    cfg_write(pc, SMRAM, 0x4f, 1);      /* D_OPEN | G_SMRAME */
    g_assert_cmphex(cfg_readb(pc, SMRAM), ==, 0x4a);
    g_assert_cmphex(mem_readb(pc, 0xbffff), ==, ram_byte(0xbffff));
    mem_writeb(pc, 0xa0010, 0x33);
    g_assert_cmphex(dram(pc, 0xa0010), ==, 0x33);
    cfg_write(pc, SMRAM, 0x1a, 1);      /* D_LCK */
    g_assert_cmphex(cfg_readb(pc, SMRAM), ==, 0x1a);
    g_assert_cmphex(mem_readb(pc, 0xa0010), ==, 0xff);
    cfg_write(pc, SMRAM, 0x42, 1);      /* locked: only D_CLS moves */
    g_assert_cmphex(cfg_readb(pc, SMRAM), ==, 0x1a);
    cfg_write(pc, SMRAM, 0x20, 1);
    g_assert_cmphex(cfg_readb(pc, SMRAM), ==, 0x3a);
    g_assert_cmphex(mem_readb(pc, 0xa0010), ==, 0xff);
}

static void fw_cfg_select(PCMachine *pc, uint16_t key)
{
    uint16_t le = GUINT16_TO_LE(key);

    address_space_write(&pc->m.as_io, FW_CFG_IO_BASE, &le, 2);
}

static void fw_cfg_read(PCMachine *pc, void *buf, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        address_space_read(&pc->m.as_io, FW_CFG_IO_BASE + 1,
                           (uint8_t *)buf + i, 1);
    }
}

/* The contents of fw_cfg file @name as firmware finds it; NULL if none. */
static GBytes *fw_cfg_file(PCMachine *pc, const char *name)
{
    uint32_t count;

    fw_cfg_select(pc, FW_CFG_FILE_DIR);
    fw_cfg_read(pc, &count, 4);
    for (uint32_t i = 0; i < GUINT32_FROM_BE(count); i++) {
        struct { uint32_t size; uint16_t select, reserved; char name[56]; }
            row;

        fw_cfg_read(pc, &row, sizeof(row));
        if (!strcmp(row.name, name)) {
            uint8_t *data = g_malloc(GUINT32_FROM_BE(row.size));

            fw_cfg_select(pc, GUINT16_FROM_BE(row.select));
            fw_cfg_read(pc, data, GUINT32_FROM_BE(row.size));
            return g_bytes_new_take(data, GUINT32_FROM_BE(row.size));
        }
    }
    return NULL;
}

/* What SeaBIOS reads besides PAM: the e820 RAM ranges, no timed retry
 * after "No bootable device", IRQ 0 on GSI 2, QEMU's boot order. */
static void test_firmware_config(void)
{
    PCConfig cfg = { .ram_size = 5ull << 30, .smp_cpus = 2,
                     .userspace_irqchip = true };
    g_autoptr(GError) err = NULL;
    PCMachine *pc = pc_machine_create(&cfg, &err);
    g_autoptr(GBytes) e820 = NULL;
    g_autoptr(GBytes) wait = NULL;
    const uint8_t *p;
    uint32_t irq0 = 0;
    uint8_t cmos[2];

    g_assert_no_error(err);
    e820 = fw_cfg_file(pc, "etc/e820");
    g_assert_nonnull(e820);
    g_assert_cmpuint(g_bytes_get_size(e820), ==, 40);
    p = g_bytes_get_data(e820, NULL);
    g_assert_cmpmem(p, 20, "\0\0\0\0\0\0\0\0" "\0\0\0\xc0\0\0\0\0"
                    "\x01\0\0\0", 20);
    g_assert_cmpmem(p + 20, 20, "\0\0\0\0\x01\0\0\0" "\0\0\0\x80\0\0\0\0"
                    "\x01\0\0\0", 20);
    wait = fw_cfg_file(pc, "etc/boot-fail-wait");
    g_assert_nonnull(wait);
    g_assert_cmpmem(g_bytes_get_data(wait, NULL), g_bytes_get_size(wait),
                    "\xff\xff\xff\xff", 4);
    fw_cfg_select(pc, FW_CFG_IRQ0_OVERRIDE);
    fw_cfg_read(pc, &irq0, 4);
    g_assert_cmpuint(GUINT32_FROM_LE(irq0), ==, 1);
    for (unsigned i = 0; i < 2; i++) {
        uint8_t index = i ? CMOS_BOOT_ORDER3 : CMOS_BOOT_ORDER12;

        address_space_write(&pc->m.as_io, 0x70, &index, 1);
        address_space_read(&pc->m.as_io, 0x71, &cmos[i], 1);
    }
    g_assert_cmphex(cmos[0], ==, 0x12);
    g_assert_cmphex(cmos[1], ==, 0x30);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    bql_lock();
    g_test_add_func("/pam/reset-state", test_reset_state);
    g_test_add_func("/pam/each-mode", test_each_mode);
    g_test_add_func("/pam/mixed-modes", test_mixed_modes);
    g_test_add_func("/pam/shadow-copy", test_shadow_copy);
    g_test_add_func("/pam/machine-reset", test_machine_reset);
    g_test_add_func("/smram/open-and-lock", test_smram);
    g_test_add_func("/pc/firmware-config", test_firmware_config);
    return g_test_run();
}
