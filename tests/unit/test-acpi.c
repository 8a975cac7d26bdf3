/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of hw/pc/acpi-build.c and hw/misc/acpi-pm.c. The tables are
 * built into a bare machine's BIOS-area ROM and parsed back the way an OS
 * finds them: the RSDP by scanning 0xe0000-0xfffff, then RSDT/XSDT, FADT,
 * FACS, DSDT, MADT and HPET, checking signatures, lengths, checksums and
 * the fields Linux reads, for one and for four vCPUs; on a whole pc
 * machine, the HPET table against the HPET's own registers. The PM
 * registers are driven through the I/O space with the virtual clock set
 * by hand.
 */
#include "bare-machine.h"
#include "hw/misc/acpi-pm.h"
#include "hw/pc/acpi.h"
#include "hw/pc/pc.h"
#include "hw/pci/pci-host.h"
#include "hw/timer/hpet.h"
#include "util/timer.h"

#include <string.h>

typedef BareMachine TestMachine;

/* A copy of @len guest bytes at @addr (g_free it). */
static uint8_t *guest_bytes(AddressSpace *as, uint64_t addr, size_t len)
{
    uint8_t *p = g_malloc(len);

    g_assert_cmpint(address_space_read(as, addr, p, len), ==, MEMTX_OK);
    return p;
}

static uint32_t le32(const uint8_t *p)
{
    return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t le16(const uint8_t *p)
{
    return p[0] | p[1] << 8;
}

static uint64_t le64(const uint8_t *p)
{
    return le32(p) | (uint64_t)le32(p + 4) << 32;
}

static uint8_t sum(const uint8_t *p, size_t len)
{
    uint8_t s = 0;

    while (len--) {
        s += *p++;
    }
    return s;
}

/* Fetch the table at @addr, check its signature and checksum. */
static uint8_t *table(AddressSpace *as, uint64_t addr, const char *sig,
                      uint32_t *len)
{
    uint8_t *hdr = guest_bytes(as, addr, 36);
    uint8_t *t;

    g_assert_cmpmem(hdr, 4, sig, 4);
    *len = le32(hdr + 4);
    g_assert_cmpuint(*len, >=, 36);
    g_free(hdr);
    t = guest_bytes(as, addr, *len);
    g_assert_cmpuint(sum(t, *len), ==, 0);
    g_assert_cmpmem(t + 10, 6, "KESTRL", 6);
    return t;
}

static uint64_t scan_rsdp(AddressSpace *as)
{
    g_autofree uint8_t *area = g_malloc(0x20000);

    g_assert_cmpint(address_space_read(as, 0xe0000, area, 0x20000), ==,
                    MEMTX_OK);
    for (size_t off = 0; off < 0x20000; off += 16) {
        if (!memcmp(area + off, "RSD PTR ", 8) && !sum(area + off, 20)) {
            return 0xe0000 + off;
        }
    }
    return 0;
}

typedef struct Tables {
    TestMachine *tm;
    uint64_t rsdp;
    uint8_t *fadt, *madt, *dsdt;
    uint32_t fadt_len, madt_len, dsdt_len;
} Tables;

/*
 * The address of the table with signature @sig that the RSDP at @rsdp_addr
 * lists, or 0; the RSDT and the XSDT must list the same @n tables.
 */
static uint64_t find_table(AddressSpace *as, uint64_t rsdp_addr,
                           const char *sig, unsigned n)
{
    g_autofree uint8_t *rsdp = g_malloc(36), *rsdt = NULL, *xsdt = NULL;
    uint8_t hdr[36];
    uint64_t found = 0;

    g_assert_cmpint(address_space_read(as, rsdp_addr, rsdp, 36), ==,
                    MEMTX_OK);
    g_assert_cmpuint(rsdp[15], ==, 2);
    g_assert_cmpuint(le32(rsdp + 20), ==, 36);
    g_assert_cmpuint(sum(rsdp, 36), ==, 0);
    rsdt = g_malloc(36 + 4 * n);
    xsdt = g_malloc(36 + 8 * n);
    address_space_read(as, le32(rsdp + 16), rsdt, 36 + 4 * n);
    address_space_read(as, le64(rsdp + 24), xsdt, 36 + 8 * n);
    g_assert_cmpmem(rsdt, 4, "RSDT", 4);
    g_assert_cmpmem(xsdt, 4, "XSDT", 4);
    g_assert_cmpuint(le32(rsdt + 4), ==, 36 + 4 * n);
    g_assert_cmpuint(le32(xsdt + 4), ==, 36 + 8 * n);
    g_assert_cmpuint(sum(rsdt, 36 + 4 * n), ==, 0);
    g_assert_cmpuint(sum(xsdt, 36 + 8 * n), ==, 0);
    for (unsigned i = 0; i < n; i++) {
        uint64_t addr = le64(xsdt + 36 + 8 * i);

        g_assert_cmphex(le32(rsdt + 36 + 4 * i), ==, addr);
        address_space_read(as, addr, hdr, sizeof(hdr));
        if (!memcmp(hdr, sig, 4)) {
            g_assert_cmphex(found, ==, 0);
            found = addr;
        }
    }
    return found;
}

static void tables_load_cfg(Tables *t, const AcpiBuildConfig *cfg,
                            unsigned ntables)
{
    AddressSpace *as;

    memset(t, 0, sizeof(*t));
    t->tm = bare_machine_new(cfg->smp_cpus);
    as = &t->tm->m.as_memory;
    t->rsdp = acpi_build_tables(&t->tm->m, cfg, NULL);
    g_assert_cmphex(t->rsdp, ==, ACPI_BUILD_ADDR);
    g_assert_cmphex(scan_rsdp(as), ==, t->rsdp);

    t->fadt = table(as, find_table(as, t->rsdp, "FACP", ntables), "FACP",
                    &t->fadt_len);
    t->madt = table(as, find_table(as, t->rsdp, "APIC", ntables), "APIC",
                    &t->madt_len);
    t->dsdt = table(as, le32(t->fadt + 40), "DSDT", &t->dsdt_len);
}

/* The tables of a machine without an HPET: FADT and MADT only. */
static void tables_load(Tables *t, unsigned cpus, uint64_t below_4g)
{
    AcpiBuildConfig cfg = { .smp_cpus = cpus, .ram_below_4g = below_4g };

    tables_load_cfg(t, &cfg, 2);
    g_assert_cmphex(find_table(&t->tm->m.as_memory, t->rsdp, "HPET", 2),
                    ==, 0);
}

static void tables_free(Tables *t)
{
    g_free(t->fadt);
    g_free(t->madt);
    g_free(t->dsdt);
    bare_machine_free(t->tm);
}

/* The I/O-space Generic Address Structure at @p. */
static void assert_gas_io(const uint8_t *p, unsigned bits, uint64_t port)
{
    g_assert_cmpuint(p[0], ==, 1);
    g_assert_cmpuint(p[1], ==, bits);
    g_assert_cmphex(le64(p + 4), ==, port);
}

static void test_fadt(void)
{
    Tables t;
    g_autofree uint8_t *facs = NULL;
    const uint8_t *f;

    tables_load(&t, 1, 256 << 20);
    f = t.fadt;
    g_assert_cmpuint(t.fadt_len, ==, 276);
    g_assert_cmpuint(f[8], ==, 6);                      /* revision */
    g_assert_cmpuint(le16(f + 46), ==, 9);              /* SCI_INT */
    g_assert_cmpuint(le32(f + 48), ==, 0);              /* SMI_CMD */
    g_assert_cmphex(le32(f + 56), ==, 0x600);           /* PM1a_EVT_BLK */
    g_assert_cmphex(le32(f + 64), ==, 0x604);           /* PM1a_CNT_BLK */
    g_assert_cmphex(le32(f + 76), ==, 0x608);           /* PM_TMR_BLK */
    g_assert_cmpuint(f[88], ==, 4);
    g_assert_cmpuint(f[89], ==, 2);
    g_assert_cmpuint(f[91], ==, 4);
    g_assert_cmphex(f[108], ==, 0x32);                  /* CENTURY */
    g_assert_cmphex(le16(f + 109), ==, 0x7);            /* legacy, 8042, no VGA */
    g_assert_cmphex(le32(f + 112) & 0x501, ==, 0x501);  /* WBINVD, TMR_VAL_EXT,
                                                           RESET_REG_SUP */
    assert_gas_io(f + 116, 8, 0xcf9);
    g_assert_cmpuint(f[128], ==, 6);                    /* RESET_VALUE */
    g_assert_cmphex(le64(f + 140), ==, le32(f + 40));   /* X_DSDT */
    assert_gas_io(f + 148, 32, 0x600);
    assert_gas_io(f + 172, 16, 0x604);
    assert_gas_io(f + 208, 32, 0x608);

    g_assert_cmpuint(le32(f + 36) % 64, ==, 0);
    facs = guest_bytes(&t.tm->m.as_memory, le32(f + 36), 64);
    g_assert_cmpmem(facs, 4, "FACS", 4);
    g_assert_cmpuint(le32(facs + 4), ==, 64);
    tables_free(&t);
}

typedef struct MadtCount {
    unsigned lapics, ioapics, overrides, nmis;
} MadtCount;

static MadtCount madt_walk(const uint8_t *m, uint32_t len)
{
    MadtCount c = { 0 };

    g_assert_cmphex(le32(m + 36), ==, 0xfee00000);
    g_assert_cmpuint(le32(m + 40) & 1, ==, 1);          /* PCAT_COMPAT */
    for (uint32_t off = 44; off < len; off += m[off + 1]) {
        const uint8_t *e = m + off;

        g_assert_cmpuint(e[1], >=, 2);
        g_assert_cmpuint(off + e[1], <=, len);
        switch (e[0]) {
        case 0:
            g_assert_cmpuint(e[1], ==, 8);
            g_assert_cmpuint(e[2], ==, c.lapics);       /* UID */
            g_assert_cmpuint(e[3], ==, c.lapics);       /* APIC ID */
            g_assert_cmpuint(le32(e + 4), ==, 1);
            c.lapics++;
            break;
        case 1:
            g_assert_cmpuint(e[1], ==, 12);
            g_assert_cmphex(le32(e + 4), ==, 0xfec00000);
            g_assert_cmpuint(le32(e + 8), ==, 0);
            c.ioapics++;
            break;
        case 2:
            g_assert_cmpuint(e[1], ==, 10);
            g_assert_cmpuint(e[2], ==, 0);
            if (e[3] == 0) {
                g_assert_cmpuint(le32(e + 4), ==, 2);
                g_assert_cmphex(le16(e + 8), ==, 0);
            } else {
                g_assert_cmpuint(e[3], ==, 9);
                g_assert_cmpuint(le32(e + 4), ==, 9);
                g_assert_cmphex(le16(e + 8), ==, 0xd);  /* level, high */
            }
            c.overrides++;
            break;
        case 4:
            g_assert_cmpuint(e[1], ==, 6);
            g_assert_cmphex(e[2], ==, 0xff);
            g_assert_cmpuint(e[5], ==, 1);              /* LINT1 */
            c.nmis++;
            break;
        default:
            g_assert_not_reached();
        }
    }
    return c;
}

static void test_madt(gconstpointer data)
{
    unsigned cpus = GPOINTER_TO_UINT(data);
    Tables t;
    MadtCount c;

    tables_load(&t, cpus, 256 << 20);
    c = madt_walk(t.madt, t.madt_len);
    g_assert_cmpuint(c.lapics, ==, cpus);
    g_assert_cmpuint(c.ioapics, ==, 1);
    g_assert_cmpuint(c.overrides, ==, 2);
    g_assert_cmpuint(c.nmis, ==, 1);
    g_assert_cmpuint(t.madt_len, ==, 44 + 8 * cpus + 12 + 2 * 10 + 6);
    tables_free(&t);
}

static const uint8_t *find_bytes(const uint8_t *hay, size_t len,
                                 const uint8_t *needle, size_t n)
{
    return memmem(hay, len, needle, n);
}

/* Decode a PkgLength at @p: the value, and its own size in @size. */
static uint32_t pkglength(const uint8_t *p, unsigned *size)
{
    unsigned extra = p[0] >> 6;
    uint32_t v = extra ? p[0] & 0x0f : p[0] & 0x3f;

    for (unsigned i = 0; i < extra; i++) {
        v |= (uint32_t)p[1 + i] << (4 + 8 * i);
    }
    *size = 1 + extra;
    return v;
}

static void test_dsdt(void)
{
    /* Name(\_S5_, Package(4) { 5, 5, Zero, Zero }) */
    static const uint8_t s5[] = {
        0x08, '\\', '_', 'S', '5', '_', 0x12, 0x08, 0x04,
        0x0a, 0x05, 0x0a, 0x05, 0x00, 0x00,
    };
    /* Name(_HID, EisaId("PNP0A03")) */
    static const uint8_t pci_hid[] = {
        0x08, '_', 'H', 'I', 'D', 0x0c, 0x41, 0xd0, 0x0a, 0x03,
    };
    /* Device(PCI0) starts with ExtOpPrefix, DeviceOp. */
    static const uint8_t dev_op[] = { 0x5b, 0x82 };
    Tables t;
    const uint8_t *p;
    unsigned size;
    uint32_t len;

    tables_load(&t, 1, 256 << 20);
    g_assert_cmpuint(t.dsdt[8], ==, 2);                 /* 64-bit integers */
    g_assert_cmpmem(t.dsdt + 36, sizeof(s5), s5, sizeof(s5));
    /* Scope(\_SB_) runs to the end of the table. */
    p = t.dsdt + 36 + sizeof(s5);
    g_assert_cmphex(p[0], ==, 0x10);
    len = pkglength(p + 1, &size);
    g_assert_cmpuint(1 + len, ==, t.dsdt_len - (p - t.dsdt));
    g_assert_cmpmem(p + 1 + size, 5, "\\_SB_", 5);
    /* ... and holds Device(PCI0), which runs to its end as well. */
    p += 1 + size + 5;
    g_assert_cmpmem(p, 2, dev_op, 2);
    len = pkglength(p + 2, &size);
    g_assert_cmpuint(2 + len, ==, t.dsdt_len - (p - t.dsdt));
    g_assert_cmpmem(p + 2 + size, 4, "PCI0", 4);
    g_assert_nonnull(find_bytes(t.dsdt, t.dsdt_len, pci_hid,
                                sizeof(pci_hid)));
    g_assert_nonnull(find_bytes(t.dsdt, t.dsdt_len,
                                (const uint8_t *)"KBD_", 4));
    g_assert_nonnull(find_bytes(t.dsdt, t.dsdt_len,
                                (const uint8_t *)"RTC_", 4));
    tables_free(&t);
}

/* The PCI window of PCI0's _CRS starts where RAM below 4 GiB ends. */
static void test_dsdt_pci_window(void)
{
    static const uint8_t window[] = {
        0x87, 0x17, 0x00, 0x00, 0x0c, 0x03,
        0x00, 0x00, 0x00, 0x00,         /* granularity */
        0x00, 0x00, 0x00, 0xc0,         /* min 0xc0000000 */
        0xff, 0xff, 0xbf, 0xfe,         /* max 0xfebfffff */
    };
    Tables t;

    tables_load(&t, 2, 0xc0000000ull);
    g_assert_nonnull(find_bytes(t.dsdt, t.dsdt_len, window, sizeof(window)));
    tables_free(&t);
}

/*
 * The HPET table at @addr (IA-PC HPET specification 1.0a, table 3): check
 * it and return the event timer block ID.
 */
static uint32_t check_hpet_table(AddressSpace *as, uint64_t addr,
                                 uint64_t base, uint16_t min_tick)
{
    g_autofree uint8_t *h = NULL;
    uint32_t len;

    g_assert_cmphex(addr, !=, 0);
    h = table(as, addr, "HPET", &len);
    g_assert_cmpuint(len, ==, 56);
    g_assert_cmpuint(h[8], ==, 1);                      /* revision */
    g_assert_cmpuint(h[40], ==, 0);                     /* system memory */
    g_assert_cmpuint(h[41], ==, 64);                    /* bit width */
    g_assert_cmpuint(h[42], ==, 0);                     /* bit offset */
    g_assert_cmphex(le64(h + 44), ==, base);
    g_assert_cmpuint(h[52], ==, 0);                     /* HPET number */
    g_assert_cmpuint(le16(h + 53), ==, min_tick);
    g_assert_cmpuint(h[55], ==, 1);                     /* 4 KiB page */
    return le32(h + 36);
}

static void test_hpet_table(void)
{
    AcpiBuildConfig cfg = {
        .smp_cpus = 2, .ram_below_4g = 256 << 20, .has_hpet = true,
        .hpet_addr = 0xfed00000, .hpet_block_id = 0x8086a201,
        .hpet_min_tick = 1234,
    };
    Tables t;
    uint64_t addr;

    tables_load_cfg(&t, &cfg, 3);
    addr = find_table(&t.tm->m.as_memory, t.rsdp, "HPET", 3);
    g_assert_cmphex(check_hpet_table(&t.tm->m.as_memory, addr, 0xfed00000,
                                     1234), ==, 0x8086a201);
    tables_free(&t);
}

/* With ACPI_TEST_DUMP=DIR the tables are written out for `iasl -d`. */
static void test_dump(void)
{
    const char *dir = g_getenv("ACPI_TEST_DUMP");
    g_autofree char *dsdt = NULL, *facp = NULL, *apic = NULL;
    Tables t;

    if (!dir) {
        g_test_skip("ACPI_TEST_DUMP not set");
        return;
    }
    tables_load(&t, 4, 256 << 20);
    dsdt = g_build_filename(dir, "dsdt.dat", NULL);
    facp = g_build_filename(dir, "facp.dat", NULL);
    apic = g_build_filename(dir, "apic.dat", NULL);
    g_assert_true(g_file_set_contents(dsdt, (char *)t.dsdt, t.dsdt_len,
                                      NULL));
    g_assert_true(g_file_set_contents(facp, (char *)t.fadt, t.fadt_len,
                                      NULL));
    g_assert_true(g_file_set_contents(apic, (char *)t.madt, t.madt_len,
                                      NULL));
    tables_free(&t);
}

/* ---- the PM registers ---------------------------------------------------- */

#define PM_STS  (ACPI_PM_IOBASE + ACPI_PM1_EVT_OFF)
#define PM_EN   (ACPI_PM_IOBASE + ACPI_PM1_EVT_OFF + 2)
#define PM_CNT  (ACPI_PM_IOBASE + ACPI_PM1_CNT_OFF)
#define PM_TMR  (ACPI_PM_IOBASE + ACPI_PM_TMR_OFF)

/* The virtual clock in ns at which the PM timer reads @ticks. */
static int64_t pm_ticks_ns(uint64_t ticks)
{
    return (ticks * NANOSECONDS_PER_SECOND + ACPI_PM_TIMER_HZ - 1) /
           ACPI_PM_TIMER_HZ;
}

static BareMachine *pm_machine(DeviceState **pm)
{
    BareMachine *bm = bare_machine_new(1);

    clock_virtual_set_test_ns(0);
    *pm = acpi_pm_create(&bm->m, ACPI_PM_IOBASE, ACPI_SCI_GSI, NULL);
    g_assert_nonnull(*pm);
    return bm;
}

static void test_pm_reset_values(void)
{
    DeviceState *pm;
    BareMachine *bm = pm_machine(&pm);

    g_assert_cmphex(bare_in(bm, PM_STS, 2), ==, 0);
    g_assert_cmphex(bare_in(bm, PM_EN, 2), ==, 0);
    g_assert_cmphex(bare_in(bm, PM_CNT, 2), ==, ACPI_PM1_SCI_EN);
    /* Enable bits are byte-writable without disturbing the other byte. */
    bare_out(bm, PM_EN, ACPI_PM1_PWRBTN | ACPI_PM1_TMR, 2);
    bare_outb(bm, PM_EN, 0);
    g_assert_cmphex(bare_in(bm, PM_EN, 2), ==, ACPI_PM1_PWRBTN);
    /* Unknown bits stay zero. */
    bare_out(bm, PM_EN, 0xffff, 2);
    g_assert_cmphex(bare_in(bm, PM_EN, 2), ==, 0x0721);
    bare_machine_free(bm);
}

static void test_pm_timer(void)
{
    DeviceState *pm;
    BareMachine *bm = pm_machine(&pm);

    g_assert_cmphex(bare_in(bm, PM_TMR, 4), ==, 0);
    clock_virtual_set_test_ns(NANOSECONDS_PER_SECOND);
    g_assert_cmpuint(bare_in(bm, PM_TMR, 4), ==, ACPI_PM_TIMER_HZ);
    g_assert_cmphex(bare_inb(bm, PM_TMR + 1), ==,
                    (ACPI_PM_TIMER_HZ >> 8) & 0xff);
    /* All 32 bits count and wrap. */
    clock_virtual_set_test_ns(pm_ticks_ns(0x100000005ull));
    g_assert_cmphex(bare_in(bm, PM_TMR, 4), ==, 5);
    /* Writes to the timer are ignored. */
    bare_out(bm, PM_TMR, 0x1234, 4);
    g_assert_cmphex(bare_in(bm, PM_TMR, 4), ==, 5);
    bare_machine_free(bm);
}

static void test_pm_timer_status(void)
{
    DeviceState *pm;
    BareMachine *bm = pm_machine(&pm);

    clock_virtual_set_test_ns(pm_ticks_ns(0x7fffffff));
    g_assert_cmphex(bare_in(bm, PM_STS, 2), ==, 0);
    clock_virtual_set_test_ns(pm_ticks_ns(0x80000000ull));
    g_assert_cmphex(bare_in(bm, PM_STS, 2), ==, ACPI_PM1_TMR);
    g_assert_cmpint(bm->irq_level[ACPI_SCI_GSI], ==, 0);
    bare_out(bm, PM_STS, ACPI_PM1_TMR, 2);
    g_assert_cmphex(bare_in(bm, PM_STS, 2), ==, 0);

    /* With TMR_EN a timer raises the SCI at the next flip of bit 31. */
    bare_out(bm, PM_EN, ACPI_PM1_TMR, 2);
    clock_virtual_set_test_ns(pm_ticks_ns(0xffffffffull));
    timers_run_expired();
    g_assert_cmpint(bm->irq_level[ACPI_SCI_GSI], ==, 0);
    clock_virtual_set_test_ns(pm_ticks_ns(0x100000000ull));
    timers_run_expired();
    g_assert_cmpint(bm->irq_level[ACPI_SCI_GSI], ==, 1);
    bare_out(bm, PM_STS, ACPI_PM1_TMR, 2);
    g_assert_cmpint(bm->irq_level[ACPI_SCI_GSI], ==, 0);
    bare_machine_free(bm);
}

static void test_pm_power_button(void)
{
    DeviceState *pm;
    BareMachine *bm = pm_machine(&pm);

    acpi_pm_power_button(pm);
    g_assert_cmphex(bare_in(bm, PM_STS, 2), ==, ACPI_PM1_PWRBTN);
    g_assert_cmpint(bm->irq_level[ACPI_SCI_GSI], ==, 0);
    bare_out(bm, PM_EN, ACPI_PM1_PWRBTN, 2);
    g_assert_cmpint(bm->irq_level[ACPI_SCI_GSI], ==, 1);
    /* No SCI while SCI_EN is clear. */
    bare_out(bm, PM_CNT, 0, 2);
    g_assert_cmpint(bm->irq_level[ACPI_SCI_GSI], ==, 0);
    bare_out(bm, PM_CNT, ACPI_PM1_SCI_EN, 2);
    g_assert_cmpint(bm->irq_level[ACPI_SCI_GSI], ==, 1);
    /* Write-1-to-clear: a zero leaves the bit, a one clears it. */
    bare_out(bm, PM_STS, 0, 2);
    g_assert_cmphex(bare_in(bm, PM_STS, 2), ==, ACPI_PM1_PWRBTN);
    bare_outb(bm, PM_STS + 1, ACPI_PM1_PWRBTN >> 8);
    g_assert_cmphex(bare_in(bm, PM_STS, 2), ==, 0);
    g_assert_cmpint(bm->irq_level[ACPI_SCI_GSI], ==, 0);
    bare_machine_free(bm);
}

static void test_pm_sleep(void)
{
    DeviceState *pm;
    BareMachine *bm = pm_machine(&pm);
    uint16_t slp_typ1 = 1 << ACPI_PM1_SLP_TYP_SHIFT;
    uint16_t slp_typ5 = ACPI_SLP_TYP_S5 << ACPI_PM1_SLP_TYP_SHIFT;

    /* SLP_TYP alone, or a sleep state the DSDT does not offer: nothing. */
    bare_out(bm, PM_CNT, ACPI_PM1_SCI_EN | slp_typ5, 2);
    bare_out(bm, PM_CNT, ACPI_PM1_SCI_EN | slp_typ1 | ACPI_PM1_SLP_EN, 2);
    g_assert_cmpuint(bm->exits, ==, 0);
    /* SLP_EN reads as zero. */
    g_assert_cmphex(bare_in(bm, PM_CNT, 2), ==, ACPI_PM1_SCI_EN | slp_typ1);
    /* S5 as Linux writes it: a word with SLP_TYP and SLP_EN. */
    bare_out(bm, PM_CNT, ACPI_PM1_SCI_EN | slp_typ5 | ACPI_PM1_SLP_EN, 2);
    g_assert_cmpuint(bm->exits, ==, 1);
    g_assert_cmpint(bm->exit_status, ==, 0);
    bare_machine_free(bm);
}

/* The pc machine wires it all: tables found, RSDP handed to loaders, and
 * the devices the tables describe answer at their ports. */
static void test_pc_machine(void)
{
    PCConfig cfg = { .ram_size = 256 << 20, .smp_cpus = 2,
                     .userspace_irqchip = true };
    g_autoptr(GError) err = NULL;
    PCMachine *pc = pc_machine_create(&cfg, &err);
    uint32_t id = 0;
    uint8_t d = 0;

    g_assert_no_error(err);
    g_assert_nonnull(pc);
    g_assert_cmphex(pc->acpi_rsdp, ==, ACPI_BUILD_ADDR);
    g_assert_cmphex(scan_rsdp(&pc->m.as_memory), ==, pc->acpi_rsdp);

    d = 0x0d;
    address_space_write(&pc->m.as_io, 0x70, &d, 1);
    address_space_read(&pc->m.as_io, 0x71, &d, 1);
    g_assert_cmphex(d, ==, 0x80);
    id = GUINT32_TO_LE(PCI_CONFADD_ENABLE | PIIX3_DEVFN << 8);
    address_space_write(&pc->m.as_io, PCI_HOST_CONFADD, &id, 4);
    address_space_read(&pc->m.as_io, PCI_HOST_CONFDATA, &id, 4);
    g_assert_cmphex(GUINT32_FROM_LE(id), ==, 0x70008086);
    address_space_read(&pc->m.as_io, ACPI_PM_IOBASE + ACPI_PM1_CNT_OFF, &d, 1);
    g_assert_cmphex(d, ==, ACPI_PM1_SCI_EN);
    address_space_read(&pc->m.as_io, 0x64, &d, 1);
    g_assert_cmphex(d & 0x10, ==, 0x10);
}

/* The pc machine's HPET table names the HPET the machine has: its base
 * address and, as block ID, the low half of its capabilities register. */
static void test_pc_machine_hpet(void)
{
    PCConfig cfg = { .ram_size = 256 << 20, .smp_cpus = 4,
                     .userspace_irqchip = true };
    g_autoptr(GError) err = NULL;
    PCMachine *pc = pc_machine_create(&cfg, &err);
    uint64_t addr;
    uint32_t cap = 0;
    uint32_t id;

    g_assert_no_error(err);
    g_assert_true(pc->has_hpet);
    addr = find_table(&pc->m.as_memory, pc->acpi_rsdp, "HPET", 3);
    id = check_hpet_table(&pc->m.as_memory, addr, HPET_DEFAULT_ADDRESS,
                          HPET_MIN_PERIODIC_TICKS);
    g_assert_cmpint(address_space_read(&pc->m.as_memory,
                                       HPET_DEFAULT_ADDRESS, &cap, 4), ==,
                    MEMTX_OK);
    g_assert_cmphex(id, ==, GUINT32_FROM_LE(cap));
    g_assert_cmphex(id, ==, hpet_block_id(pc->hpet));
    /* Three comparators, 64-bit counter, legacy route, vendor 8086. */
    g_assert_cmphex(id, ==, 0x8086a201);
}

/* Without a userspace irqchip (KVM's in-kernel one) there is no HPET in
 * Kestrel, and no HPET table. */
static void test_pc_machine_no_hpet(void)
{
    PCConfig cfg = { .ram_size = 256 << 20, .smp_cpus = 1 };
    g_autoptr(GError) err = NULL;
    PCMachine *pc = pc_machine_create(&cfg, &err);

    g_assert_no_error(err);
    g_assert_false(pc->has_hpet);
    g_assert_cmphex(find_table(&pc->m.as_memory, pc->acpi_rsdp, "HPET", 2),
                    ==, 0);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    bql_lock();
    g_test_add_func("/acpi/fadt", test_fadt);
    g_test_add_data_func("/acpi/madt/smp1", GUINT_TO_POINTER(1), test_madt);
    g_test_add_data_func("/acpi/madt/smp4", GUINT_TO_POINTER(4), test_madt);
    g_test_add_func("/acpi/dsdt", test_dsdt);
    g_test_add_func("/acpi/dsdt/pci-window", test_dsdt_pci_window);
    g_test_add_func("/acpi/dump", test_dump);
    g_test_add_func("/acpi/hpet", test_hpet_table);
    g_test_add_func("/acpi/pc-machine", test_pc_machine);
    g_test_add_func("/acpi/pc-machine/hpet", test_pc_machine_hpet);
    g_test_add_func("/acpi/pc-machine/no-hpet", test_pc_machine_no_hpet);
    g_test_add_func("/acpi-pm/reset-values", test_pm_reset_values);
    g_test_add_func("/acpi-pm/timer", test_pm_timer);
    g_test_add_func("/acpi-pm/timer-status", test_pm_timer_status);
    g_test_add_func("/acpi-pm/power-button", test_pm_power_button);
    g_test_add_func("/acpi-pm/sleep", test_pm_sleep);
    return g_test_run();
}
