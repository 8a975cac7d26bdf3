/* SPDX-License-Identifier: MIT */
/*
 * The pc machine's ACPI tables (ACPI 6.x, chapter 5), built once the
 * machine is complete and written into the BIOS-area ROM at
 * ACPI_BUILD_ADDR:
 *
 *   RSDP (revision 2) -> RSDT and XSDT -> FADT, MADT (and HPET)
 *   FADT (revision 6) -> FACS and DSDT
 *
 * The FADT describes the fixed hardware of hw/misc/acpi-pm.c (PM1a event
 * and control blocks, the 32-bit PM timer, the SCI on GSI 9), the RTC's
 * century byte, the reset register at 0xcf9 (value 6, a hard reset
 * through hw/pci/pci-host.c), an 8042 and no VGA. There is no SMI_CMD:
 * the hardware is always in ACPI mode. The MADT lists one local APIC per
 * vCPU, the I/O APIC at 0xfec00000 with GSI base 0, the ISA overrides
 * IRQ0 -> GSI 2 and the level, active-high SCI, and LINT1 as NMI on every
 * processor. The DSDT holds the \_S5 sleep package and \_SB.PCI0, the
 * PCI root bridge with its bus number and I/O and memory windows, and the
 * ISA bridge's keyboard, mouse and RTC as PNP devices. When the machine
 * has an HPET, the HPET table (IA-PC HPET specification 1.0a, section
 * 3.2.4) gives its base address, block ID and minimum periodic tick; it
 * is how Linux finds the HPET.
 *
 * AML is emitted with a few small builders below (ACPI 6.x chapter 20:
 * PkgLength, NameString, integer and data object encodings, and the
 * resource descriptors of section 6.4).
 */
#include "hw/pc/acpi.h"
#include "hw/misc/acpi-pm.h"
#include "hw/pci/pci-host.h"
#include "hw/timer/mc146818rtc.h"
#include "util/cutils.h"

#include <string.h>

#define ACPI_OEM_ID             "KESTRL"
#define ACPI_OEM_TABLE_ID       "KESTREL "
#define ACPI_CREATOR_ID         "KSTR"
#define ACPI_SDT_HEADER_SIZE    36
#define ACPI_RSDP_SIZE          36
#define ACPI_FACS_SIZE          64
#define ACPI_FADT_SIZE          276     /* revision 6 */
#define ACPI_HPET_SIZE          56
#define HPET_PAGE_PROTECT_4K    1       /* nothing else in the 4 KiB page */

/* FADT flags (ACPI 6.x table 5.10). */
#define FADT_F_WBINVD           (1u << 0)
#define FADT_F_PROC_C1          (1u << 2)
#define FADT_F_SLP_BUTTON       (1u << 5)   /* no fixed sleep button */
#define FADT_F_FIX_RTC          (1u << 6)   /* no RTC_STS wake */
#define FADT_F_TMR_VAL_EXT      (1u << 8)
#define FADT_F_RESET_REG_SUP    (1u << 10)

/* IA-PC boot architecture flags (table 5.11). */
#define FADT_BOOT_LEGACY_DEVICES (1u << 0)
#define FADT_BOOT_8042          (1u << 1)
#define FADT_BOOT_VGA_NOT_PRESENT (1u << 2)

#define GAS_SYSTEM_MEMORY       0
#define GAS_SYSTEM_IO           1
#define GAS_ACCESS_UNDEFINED    0
#define GAS_ACCESS_BYTE         1

/* MADT entry types and flags (section 5.2.12). */
#define MADT_PCAT_COMPAT        1
#define MADT_LOCAL_APIC         0
#define MADT_IO_APIC            1
#define MADT_INT_OVERRIDE       2
#define MADT_LOCAL_APIC_NMI     4
#define MADT_LAPIC_ENABLED      1
#define MPS_INTI_ACTIVE_HIGH    0x1
#define MPS_INTI_LEVEL          0xc
#define MADT_ALL_PROCESSORS     0xff

#define RESET_VALUE             (RCR_SYS_RST | RCR_RST_CPU)

/* ---- byte-array helpers ------------------------------------------------ */

static void put8(GByteArray *b, uint8_t v)
{
    g_byte_array_append(b, &v, 1);
}

static void put16(GByteArray *b, uint16_t v)
{
    put8(b, v);
    put8(b, v >> 8);
}

static void put32(GByteArray *b, uint32_t v)
{
    put16(b, v);
    put16(b, v >> 16);
}

static void put64(GByteArray *b, uint64_t v)
{
    put32(b, v);
    put32(b, v >> 32);
}

static void put_str(GByteArray *b, const char *s, size_t len)
{
    g_byte_array_append(b, (const guint8 *)s, len);
}

static void put_zeros(GByteArray *b, size_t n)
{
    g_byte_array_set_size(b, b->len + n);
    memset(b->data + b->len - n, 0, n);
}

static void align_to(GByteArray *b, size_t align)
{
    put_zeros(b, (align - b->len % align) % align);
}

static void set32(GByteArray *b, size_t off, uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        b->data[off + i] = v >> (8 * i);
    }
}

static uint8_t checksum(const uint8_t *p, size_t len)
{
    uint8_t sum = 0;

    while (len--) {
        sum += *p++;
    }
    return -sum;
}

/* A Generic Address Structure (section 5.2.3.2). */
static void put_gas(GByteArray *b, uint8_t space, uint8_t bits,
                    uint8_t access, uint64_t addr)
{
    put8(b, space);
    put8(b, bits);
    put8(b, 0);                         /* bit offset */
    put8(b, access);
    put64(b, addr);
}

static void put_gas_io(GByteArray *b, uint8_t bits, uint8_t access,
                       uint64_t port)
{
    put_gas(b, GAS_SYSTEM_IO, bits, access, port);
}

/* ---- the system description table header ------------------------------- */

static size_t sdt_begin(GByteArray *img, const char *sig, uint8_t rev)
{
    size_t start;

    align_to(img, 16);
    start = img->len;
    put_str(img, sig, 4);
    put32(img, 0);                      /* length, patched by sdt_end */
    put8(img, rev);
    put8(img, 0);                       /* checksum, patched by sdt_end */
    put_str(img, ACPI_OEM_ID, 6);
    put_str(img, ACPI_OEM_TABLE_ID, 8);
    put32(img, 1);                      /* OEM revision */
    put_str(img, ACPI_CREATOR_ID, 4);
    put32(img, 1);                      /* creator revision */
    return start;
}

static void sdt_end(GByteArray *img, size_t start)
{
    set32(img, start + 4, img->len - start);
    img->data[start + 9] = checksum(img->data + start, img->len - start);
}

/* ---- AML builders ------------------------------------------------------ */

/* PkgLength for a body of @len bytes: the count includes itself. */
static void aml_pkglength(GByteArray *b, size_t len)
{
    unsigned extra;
    size_t total;

    if (len + 1 < 0x40) {
        put8(b, len + 1);
        return;
    }
    extra = len + 2 < (1u << 12) ? 1 : len + 3 < (1u << 20) ? 2 : 3;
    total = len + 1 + extra;
    g_assert(total < (1u << 28));
    put8(b, (extra << 6) | (total & 0x0f));
    for (unsigned i = 0; i < extra; i++) {
        put8(b, total >> (4 + 8 * i));
    }
}

/* @op bytes, a PkgLength, then @body, which is freed. */
static void aml_wrap(GByteArray *b, const uint8_t *op, unsigned oplen,
                     GByteArray *body)
{
    g_byte_array_append(b, op, oplen);
    aml_pkglength(b, body->len);
    g_byte_array_append(b, body->data, body->len);
    g_byte_array_free(body, true);
}

/* A NameString: "\\" for the root, then 4-character segments split by
 * '.', each padded with '_'. */
static void aml_namestring(GByteArray *b, const char *path)
{
    g_auto(GStrv) segs = NULL;
    unsigned n;

    if (*path == '\\') {
        put8(b, '\\');
        path++;
    }
    segs = g_strsplit(path, ".", -1);
    n = g_strv_length(segs);
    if (n == 2) {
        put8(b, 0x2e);                  /* DualNamePrefix */
    } else if (n > 2) {
        put8(b, 0x2f);                  /* MultiNamePrefix */
        put8(b, n);
    }
    for (unsigned i = 0; i < n; i++) {
        char seg[4] = { '_', '_', '_', '_' };

        g_assert(strlen(segs[i]) >= 1 && strlen(segs[i]) <= 4);
        memcpy(seg, segs[i], strlen(segs[i]));
        put_str(b, seg, 4);
    }
}

static void aml_integer(GByteArray *b, uint64_t v)
{
    if (v <= 1) {
        put8(b, v);                     /* ZeroOp, OneOp */
    } else if (v <= 0xff) {
        put8(b, 0x0a);
        put8(b, v);
    } else if (v <= 0xffff) {
        put8(b, 0x0b);
        put16(b, v);
    } else if (v <= 0xffffffff) {
        put8(b, 0x0c);
        put32(b, v);
    } else {
        put8(b, 0x0e);
        put64(b, v);
    }
}

static void aml_name_int(GByteArray *b, const char *name, uint64_t v)
{
    put8(b, 0x08);                      /* NameOp */
    aml_namestring(b, name);
    aml_integer(b, v);
}

/* Name(@name, EisaId("@id")): three compressed letters and four hex
 * digits, stored big-endian in a DWord (section 6.1.5). */
static void aml_name_eisaid(GByteArray *b, const char *name, const char *id)
{
    uint16_t vendor = ((id[0] - 0x40) << 10) | ((id[1] - 0x40) << 5) |
                      (id[2] - 0x40);
    uint16_t product = strtoul(id + 3, NULL, 16);

    put8(b, 0x08);
    aml_namestring(b, name);
    put8(b, 0x0c);                      /* DWordPrefix */
    put8(b, vendor >> 8);
    put8(b, vendor);
    put8(b, product >> 8);
    put8(b, product);
}

static void aml_name_package(GByteArray *b, const char *name,
                             const uint64_t *v, unsigned n)
{
    static const uint8_t package_op = 0x12;
    GByteArray *body = g_byte_array_new();

    put8(body, n);
    for (unsigned i = 0; i < n; i++) {
        aml_integer(body, v[i]);
    }
    put8(b, 0x08);
    aml_namestring(b, name);
    aml_wrap(b, &package_op, 1, body);
}

/* Name(@name, Buffer(){ @bytes, EndTag }): a resource template. */
static void aml_name_resources(GByteArray *b, const char *name,
                               GByteArray *res)
{
    static const uint8_t buffer_op = 0x11;
    GByteArray *body = g_byte_array_new();

    put8(res, 0x79);                    /* End Tag, checksum 0: "ok" */
    put8(res, 0x00);
    aml_integer(body, res->len);
    g_byte_array_append(body, res->data, res->len);
    g_byte_array_free(res, true);
    put8(b, 0x08);
    aml_namestring(b, name);
    aml_wrap(b, &buffer_op, 1, body);
}

static void aml_scope(GByteArray *b, const char *name, GByteArray *terms)
{
    static const uint8_t scope_op = 0x10;
    GByteArray *body = g_byte_array_new();

    aml_namestring(body, name);
    g_byte_array_append(body, terms->data, terms->len);
    g_byte_array_free(terms, true);
    aml_wrap(b, &scope_op, 1, body);
}

static void aml_device(GByteArray *b, const char *name, GByteArray *terms)
{
    static const uint8_t device_op[2] = { 0x5b, 0x82 };
    GByteArray *body = g_byte_array_new();

    aml_namestring(body, name);
    g_byte_array_append(body, terms->data, terms->len);
    g_byte_array_free(terms, true);
    aml_wrap(b, device_op, 2, body);
}

/* ---- resource descriptors (section 6.4) -------------------------------- */

/* I/O Port Descriptor, 16-bit decode. */
static void res_io(GByteArray *r, uint16_t min, uint16_t max, uint8_t align,
                   uint8_t len)
{
    put8(r, 0x47);
    put8(r, 0x01);
    put16(r, min);
    put16(r, max);
    put8(r, align);
    put8(r, len);
}

/* IRQ Descriptor without the flags byte: edge, active high. */
static void res_irq(GByteArray *r, unsigned irq)
{
    put8(r, 0x22);
    put16(r, 1u << irq);
}

#define RES_TYPE_MEMORY     0
#define RES_TYPE_IO         1
#define RES_TYPE_BUS        2
/* General flags: producer, positive decode, min and max fixed. */
#define RES_PRODUCER_FIXED  0x0c
#define RES_IO_ENTIRE_RANGE 0x03
#define RES_MEM_RW_CACHEABLE 0x03

/* Word Address Space Descriptor for a bridge's window. */
static void res_word(GByteArray *r, uint8_t type, uint8_t tflags,
                     uint16_t min, uint16_t max)
{
    put8(r, 0x88);
    put16(r, 13);
    put8(r, type);
    put8(r, RES_PRODUCER_FIXED);
    put8(r, tflags);
    put16(r, 0);                        /* granularity */
    put16(r, min);
    put16(r, max);
    put16(r, 0);                        /* translation offset */
    put16(r, max - min + 1);
}

/* DWord Address Space Descriptor for a memory window. */
static void res_dword_mem(GByteArray *r, uint32_t min, uint32_t max)
{
    put8(r, 0x87);
    put16(r, 23);
    put8(r, RES_TYPE_MEMORY);
    put8(r, RES_PRODUCER_FIXED);
    put8(r, RES_MEM_RW_CACHEABLE);
    put32(r, 0);
    put32(r, min);
    put32(r, max);
    put32(r, 0);
    put32(r, max - min + 1);
}

/* ---- the tables -------------------------------------------------------- */

static void build_facs(GByteArray *img)
{
    align_to(img, 64);
    put_str(img, "FACS", 4);
    put32(img, ACPI_FACS_SIZE);
    put_zeros(img, 24);                 /* signature, vectors, lock, flags */
    put8(img, 2);                       /* version */
    put_zeros(img, ACPI_FACS_SIZE - 33);
}

static GByteArray *build_pci0_crs(const AcpiBuildConfig *cfg)
{
    GByteArray *r = g_byte_array_new();
    uint32_t hole = MIN(cfg->ram_below_4g, (uint64_t)ACPI_PCI_HOLE_END);

    res_word(r, RES_TYPE_BUS, 0, 0x00, 0xff);
    res_io(r, PCI_HOST_CONFADD, PCI_HOST_CONFADD, 1, 8);
    res_word(r, RES_TYPE_IO, RES_IO_ENTIRE_RANGE, 0x0000,
             PCI_HOST_CONFADD - 1);
    res_word(r, RES_TYPE_IO, RES_IO_ENTIRE_RANGE, 0x0d00, 0xffff);
    res_dword_mem(r, 0xa0000, 0xbffff);
    if (hole < ACPI_PCI_HOLE_END) {
        res_dword_mem(r, hole, ACPI_PCI_HOLE_END - 1);
    }
    return r;
}

static GByteArray *build_isa_devices(void)
{
    GByteArray *isa = g_byte_array_new();
    GByteArray *kbd = g_byte_array_new(), *kbd_res = g_byte_array_new();
    GByteArray *mou = g_byte_array_new(), *mou_res = g_byte_array_new();
    GByteArray *rtc = g_byte_array_new(), *rtc_res = g_byte_array_new();

    aml_name_int(isa, "_ADR", (uint32_t)PCI_SLOT(PIIX3_DEVFN) << 16 |
                              PCI_FUNC(PIIX3_DEVFN));

    aml_name_eisaid(kbd, "_HID", "PNP0303");
    res_io(kbd_res, 0x60, 0x60, 1, 1);
    res_io(kbd_res, 0x64, 0x64, 1, 1);
    res_irq(kbd_res, 1);
    aml_name_resources(kbd, "_CRS", kbd_res);
    aml_device(isa, "KBD", kbd);

    aml_name_eisaid(mou, "_HID", "PNP0F13");
    res_irq(mou_res, 12);
    aml_name_resources(mou, "_CRS", mou_res);
    aml_device(isa, "MOU", mou);

    aml_name_eisaid(rtc, "_HID", "PNP0B00");
    res_io(rtc_res, RTC_IOBASE, RTC_IOBASE, 1, 2);
    res_irq(rtc_res, RTC_IRQ);
    aml_name_resources(rtc, "_CRS", rtc_res);
    aml_device(isa, "RTC", rtc);
    return isa;
}

static size_t build_dsdt(GByteArray *img, const AcpiBuildConfig *cfg)
{
    static const uint64_t s5[] = { ACPI_SLP_TYP_S5, ACPI_SLP_TYP_S5, 0, 0 };
    size_t start = sdt_begin(img, "DSDT", 2);
    GByteArray *sb = g_byte_array_new();
    GByteArray *pci0 = g_byte_array_new();

    aml_name_package(img, "\\_S5", s5, G_N_ELEMENTS(s5));

    aml_name_eisaid(pci0, "_HID", "PNP0A03");
    aml_name_int(pci0, "_ADR", 0);
    aml_name_int(pci0, "_UID", 0);
    aml_name_resources(pci0, "_CRS", build_pci0_crs(cfg));
    aml_device(pci0, "ISA", build_isa_devices());
    aml_device(sb, "PCI0", pci0);
    aml_scope(img, "\\_SB", sb);
    sdt_end(img, start);
    return start;
}

static size_t build_fadt(GByteArray *img, uint32_t facs, uint32_t dsdt)
{
    size_t start = sdt_begin(img, "FACP", 6);

    put32(img, facs);                   /* FIRMWARE_CTRL */
    put32(img, dsdt);
    put8(img, 0);                       /* reserved (INT_MODEL in 1.0) */
    put8(img, 0);                       /* Preferred_PM_Profile */
    put16(img, ACPI_SCI_GSI);
    put32(img, 0);                      /* SMI_CMD: always in ACPI mode */
    put8(img, 0);                       /* ACPI_ENABLE */
    put8(img, 0);                       /* ACPI_DISABLE */
    put8(img, 0);                       /* S4BIOS_REQ */
    put8(img, 0);                       /* PSTATE_CNT */
    put32(img, ACPI_PM_IOBASE + ACPI_PM1_EVT_OFF);
    put32(img, 0);                      /* PM1b_EVT_BLK */
    put32(img, ACPI_PM_IOBASE + ACPI_PM1_CNT_OFF);
    put32(img, 0);                      /* PM1b_CNT_BLK */
    put32(img, 0);                      /* PM2_CNT_BLK */
    put32(img, ACPI_PM_IOBASE + ACPI_PM_TMR_OFF);
    put32(img, 0);                      /* GPE0_BLK */
    put32(img, 0);                      /* GPE1_BLK */
    put8(img, ACPI_PM1_EVT_LEN);
    put8(img, ACPI_PM1_CNT_LEN);
    put8(img, 0);                       /* PM2_CNT_LEN */
    put8(img, ACPI_PM_TMR_LEN);
    put8(img, 0);                       /* GPE0_BLK_LEN */
    put8(img, 0);                       /* GPE1_BLK_LEN */
    put8(img, 0);                       /* GPE1_BASE */
    put8(img, 0);                       /* CST_CNT */
    put16(img, 0x0fff);                 /* P_LVL2_LAT: no C2 */
    put16(img, 0x0fff);                 /* P_LVL3_LAT: no C3 */
    put16(img, 0);                      /* FLUSH_SIZE */
    put16(img, 0);                      /* FLUSH_STRIDE */
    put8(img, 0);                       /* DUTY_OFFSET */
    put8(img, 0);                       /* DUTY_WIDTH */
    put8(img, 0);                       /* DAY_ALRM */
    put8(img, 0);                       /* MON_ALRM */
    put8(img, CMOS_CENTURY);
    put16(img, FADT_BOOT_LEGACY_DEVICES | FADT_BOOT_8042 |
               FADT_BOOT_VGA_NOT_PRESENT);
    put8(img, 0);
    put32(img, FADT_F_WBINVD | FADT_F_PROC_C1 | FADT_F_SLP_BUTTON |
               FADT_F_FIX_RTC | FADT_F_TMR_VAL_EXT | FADT_F_RESET_REG_SUP);
    put_gas_io(img, 8, GAS_ACCESS_BYTE, PCI_HOST_RCR);
    put8(img, RESET_VALUE);
    put16(img, 0);                      /* ARM_BOOT_ARCH */
    put8(img, 0);                       /* FADT minor version */
    put64(img, 0);                      /* X_FIRMWARE_CTRL: FIRMWARE_CTRL */
    put64(img, dsdt);                   /* X_DSDT */
    put_gas_io(img, ACPI_PM1_EVT_LEN * 8, GAS_ACCESS_UNDEFINED,
               ACPI_PM_IOBASE + ACPI_PM1_EVT_OFF);
    put_zeros(img, 12);                 /* X_PM1b_EVT_BLK */
    put_gas_io(img, ACPI_PM1_CNT_LEN * 8, GAS_ACCESS_UNDEFINED,
               ACPI_PM_IOBASE + ACPI_PM1_CNT_OFF);
    put_zeros(img, 12);                 /* X_PM1b_CNT_BLK */
    put_zeros(img, 12);                 /* X_PM2_CNT_BLK */
    put_gas_io(img, ACPI_PM_TMR_LEN * 8, GAS_ACCESS_UNDEFINED,
               ACPI_PM_IOBASE + ACPI_PM_TMR_OFF);
    put_zeros(img, 12);                 /* X_GPE0_BLK */
    put_zeros(img, 12);                 /* X_GPE1_BLK */
    put_zeros(img, 12);                 /* SLEEP_CONTROL_REG */
    put_zeros(img, 12);                 /* SLEEP_STATUS_REG */
    put_zeros(img, 8);                  /* hypervisor vendor identity */
    g_assert(img->len - start == ACPI_FADT_SIZE);
    sdt_end(img, start);
    return start;
}

static void madt_override(GByteArray *img, uint8_t irq, uint32_t gsi,
                          uint16_t flags)
{
    put8(img, MADT_INT_OVERRIDE);
    put8(img, 10);
    put8(img, 0);                       /* bus: ISA */
    put8(img, irq);
    put32(img, gsi);
    put16(img, flags);
}

static size_t build_madt(GByteArray *img, const AcpiBuildConfig *cfg)
{
    size_t start = sdt_begin(img, "APIC", 3);

    put32(img, ACPI_LAPIC_ADDR);
    put32(img, MADT_PCAT_COMPAT);
    for (unsigned i = 0; i < cfg->smp_cpus; i++) {
        put8(img, MADT_LOCAL_APIC);
        put8(img, 8);
        put8(img, i);                   /* ACPI processor UID */
        put8(img, i);                   /* APIC ID */
        put32(img, MADT_LAPIC_ENABLED);
    }
    put8(img, MADT_IO_APIC);
    put8(img, 12);
    put8(img, ACPI_IOAPIC_ID);
    put8(img, 0);
    put32(img, ACPI_IOAPIC_ADDR);
    put32(img, 0);                      /* GSI base */
    madt_override(img, 0, 2, 0);
    madt_override(img, ACPI_SCI_GSI, ACPI_SCI_GSI,
                  MPS_INTI_ACTIVE_HIGH | MPS_INTI_LEVEL);
    put8(img, MADT_LOCAL_APIC_NMI);
    put8(img, 6);
    put8(img, MADT_ALL_PROCESSORS);
    put16(img, 0);                      /* flags: bus conformant */
    put8(img, 1);                       /* LINT1 */
    sdt_end(img, start);
    return start;
}

/*
 * The HPET description table (IA-PC HPET specification 1.0a, table 3):
 * the event timer block ID is the low half of the block's capabilities
 * register, the base address a 64-bit register in memory space, and the
 * block is the only thing in its 4 KiB page (page protection 1).
 */
static size_t build_hpet(GByteArray *img, const AcpiBuildConfig *cfg)
{
    size_t start = sdt_begin(img, "HPET", 1);

    put32(img, cfg->hpet_block_id);
    put_gas(img, GAS_SYSTEM_MEMORY, 64, GAS_ACCESS_UNDEFINED,
            cfg->hpet_addr);
    put8(img, 0);                       /* HPET number */
    put16(img, cfg->hpet_min_tick);     /* minimum periodic clock tick */
    put8(img, HPET_PAGE_PROTECT_4K);
    g_assert(img->len - start == ACPI_HPET_SIZE);
    sdt_end(img, start);
    return start;
}

static size_t build_rsdt(GByteArray *img, const uint32_t *tables,
                         unsigned n, bool xsdt)
{
    size_t start = sdt_begin(img, xsdt ? "XSDT" : "RSDT", 1);

    for (unsigned i = 0; i < n; i++) {
        if (xsdt) {
            put64(img, tables[i]);
        } else {
            put32(img, tables[i]);
        }
    }
    sdt_end(img, start);
    return start;
}

static void build_rsdp(GByteArray *img, uint32_t rsdt, uint64_t xsdt)
{
    GByteArray *r = g_byte_array_new();

    put_str(r, "RSD PTR ", 8);
    put8(r, 0);                         /* checksum of the first 20 bytes */
    put_str(r, ACPI_OEM_ID, 6);
    put8(r, 2);                         /* revision: ACPI 2.0+ */
    put32(r, rsdt);
    put32(r, ACPI_RSDP_SIZE);
    put64(r, xsdt);
    put8(r, 0);                         /* extended checksum */
    put_zeros(r, 3);
    r->data[8] = checksum(r->data, 20);
    r->data[32] = checksum(r->data, ACPI_RSDP_SIZE);
    memcpy(img->data, r->data, ACPI_RSDP_SIZE);
    g_byte_array_free(r, true);
}

uint64_t acpi_build_tables(Machine *m, const AcpiBuildConfig *cfg,
                           GError **errp)
{
    g_autoptr(GByteArray) img = g_byte_array_new();
    uint32_t base = ACPI_BUILD_ADDR;
    uint32_t facs, dsdt, rsdt, xsdt, sdts[3];
    unsigned n = 0;

    g_assert(cfg->smp_cpus >= 1 && cfg->smp_cpus <= 255);
    put_zeros(img, ACPI_RSDP_SIZE);     /* filled in last */
    build_facs(img);
    facs = base + img->len - ACPI_FACS_SIZE;
    dsdt = base + build_dsdt(img, cfg);
    sdts[n++] = base + build_fadt(img, facs, dsdt);
    sdts[n++] = base + build_madt(img, cfg);
    if (cfg->has_hpet) {
        sdts[n++] = base + build_hpet(img, cfg);
    }
    rsdt = base + build_rsdt(img, sdts, n, false);
    xsdt = base + build_rsdt(img, sdts, n, true);
    build_rsdp(img, rsdt, xsdt);
    if (img->len > ACPI_BUILD_SIZE) {
        g_set_error(errp, KESTREL_ERROR, 0, "ACPI tables need %u bytes, "
                    "more than the %u reserved", img->len, ACPI_BUILD_SIZE);
        return 0;
    }
    if (address_space_write_rom(&m->as_memory, base, img->data, img->len) !=
        MEMTX_OK) {
        g_set_error(errp, KESTREL_ERROR, 0, "ACPI tables: nothing mapped at "
                    "%#x", base);
        return 0;
    }
    return base;
}
