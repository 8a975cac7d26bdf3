/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for the -kernel loaders of hw/pc (Linux bzImage, PVH ELF, and
 * which loader an image goes to): synthetic images written to a temporary
 * folder and loaded into a pc machine, then boot_params / hvm_start_info
 * read back from guest RAM; the header checks and their messages; and,
 * when the host has them, Debian's own /boot/vmlinuz-* and the vmlinux
 * scripts/extract-vmlinux.py makes of it.
 */
#include "hw/pc/loader.h"
#include "hw/pc/pc.h"
#include "memory/memory.h"
#include "util/bql.h"

#include <elf.h>
#include <glib/gstdio.h>
#include <string.h>

static char *tmpdir;

/* ---- helpers ---- */

static void st16(uint8_t *p, uint16_t v) { p[0] = v; p[1] = v >> 8; }
static void st32(uint8_t *p, uint32_t v) { st16(p, v); st16(p + 2, v >> 16); }
static void st64(uint8_t *p, uint64_t v) { st32(p, v); st32(p + 4, v >> 32); }
static uint16_t ld16(const uint8_t *p) { return p[0] | p[1] << 8; }
static uint32_t ld32(const uint8_t *p) { return ld16(p) | (uint32_t)ld16(p + 2) << 16; }
static uint64_t ld64(const uint8_t *p) { return ld32(p) | (uint64_t)ld32(p + 4) << 32; }

static char *write_tmp(const char *name, const void *data, size_t len)
{
    char *path = g_build_filename(tmpdir, name, NULL);

    g_assert_true(g_file_set_contents(path, data, len, NULL));
    return path;
}

/* An initrd of @len bytes, sparse when large. */
static char *make_initrd(const char *name, size_t len)
{
    char *path = g_build_filename(tmpdir, name, NULL);
    FILE *f = fopen(path, "wb");

    g_assert_nonnull(f);
    fputs("INITRD", f);
    g_assert_cmpint(fseek(f, len - 1, SEEK_SET), ==, 0);
    fputc('!', f);
    fclose(f);
    return path;
}

static PCMachine *new_pc(uint64_t ram_mb)
{
    PCConfig cfg = { .ram_size = ram_mb << 20, .smp_cpus = 1 };
    g_autoptr(GError) err = NULL;
    PCMachine *pc = pc_machine_create(&cfg, &err);

    g_assert_no_error(err);
    return pc;
}

static void rd(PCMachine *pc, uint64_t addr, void *buf, size_t len)
{
    g_assert_cmpint(address_space_read(&pc->m.as_memory, addr, buf, len), ==,
                    MEMTX_OK);
}

static bool load(PCMachine *pc, const char *kernel, const char *initrd,
                 const char *cmdline, PCBootEntry *e, GError **errp)
{
    PCKernelConfig kc = { .kernel = kernel, .initrd = initrd,
                          .cmdline = cmdline };

    memset(e, 0, sizeof(*e));
    return pc_load_kernel(pc, &kc, e, errp);
}

static void assert_error(GError *err, const char *part)
{
    g_assert_nonnull(err);
    if (!strstr(err->message, part)) {
        g_error("error \"%s\" does not contain \"%s\"", err->message, part);
    }
}

/* ---- synthetic bzImages ---- */

typedef struct BzParams {
    uint16_t version;
    uint8_t setup_sects;
    uint8_t loadflags;
    bool relocatable;
    uint32_t kernel_alignment;
    uint64_t pref_address;
    uint32_t init_size;
    uint32_t initrd_addr_max;
    uint32_t cmdline_size;
    size_t pm_size;
    size_t cut;                 /* drop this many bytes from the end */
    bool multiboot;             /* put a multiboot header in the pm part */
} BzParams;

static BzParams bz_default(void)
{
    return (BzParams){
        .version = 0x020f, .setup_sects = 4, .loadflags = 0x01,
        .kernel_alignment = 0x200000, .pref_address = 0x100000,
        .init_size = 0x100000, .initrd_addr_max = 0x7fffffff,
        .cmdline_size = 255, .pm_size = 8192,
    };
}

static GByteArray *bz_build(const BzParams *p)
{
    unsigned sects = p->setup_sects ? p->setup_sects : 4;
    size_t setup = (sects + 1) * 512;
    GByteArray *a = g_byte_array_sized_new(setup + p->pm_size);
    uint8_t *b;

    g_byte_array_set_size(a, setup + p->pm_size);
    b = a->data;
    memset(b, 0, a->len);
    b[0x1f1] = p->setup_sects;
    st32(b + 0x1f4, p->pm_size / 16);
    st16(b + 0x1fe, 0xaa55);
    b[0x200] = 0xeb;
    b[0x201] = 0x26c - 0x202;
    memcpy(b + 0x202, "HdrS", 4);
    st16(b + 0x206, p->version);
    b[0x211] = p->loadflags;
    st32(b + 0x214, 0x100000);
    st32(b + 0x22c, p->initrd_addr_max);
    st32(b + 0x230, p->kernel_alignment);
    b[0x234] = p->relocatable;
    st32(b + 0x238, p->cmdline_size);
    st64(b + 0x258, p->pref_address);
    st32(b + 0x260, p->init_size);
    for (size_t i = 0; i < p->pm_size; i++) {
        b[setup + i] = i * 7 + 1;
    }
    if (p->multiboot) {
        uint32_t magic = 0x1BADB002, flags = 0;

        st32(b + setup + 64, magic);
        st32(b + setup + 68, flags);
        st32(b + setup + 72, -(magic + flags));
    }
    g_byte_array_set_size(a, a->len - p->cut);
    return a;
}

static char *bz_file(const char *name, const BzParams *p)
{
    g_autoptr(GByteArray) a = bz_build(p);

    return write_tmp(name, a->data, a->len);
}

static void test_linux_too_old(void)
{
    BzParams p = bz_default();
    g_autofree char *k = NULL;
    g_autoptr(GError) err = NULL;
    PCBootEntry e;

    p.version = 0x0205;
    k = bz_file("old.bz", &p);
    g_assert_false(load(new_pc(32), k, NULL, NULL, &e, &err));
    assert_error(err, "-kernel: ");
    assert_error(err, "old.bz: boot protocol 2.05 is too old (2.06 or later "
                      "needed)");
}

static void test_linux_truncated(void)
{
    BzParams p = bz_default();
    g_autofree char *k = NULL;
    g_autoptr(GError) err = NULL;
    PCBootEntry e;

    p.cut = 100;
    k = bz_file("cut.bz", &p);
    g_assert_false(load(new_pc(32), k, NULL, NULL, &e, &err));
    assert_error(err, "cut.bz: truncated");
    g_clear_error(&err);

    /* Nothing after the setup sectors at all. */
    p.cut = p.pm_size;
    g_free(k);
    k = bz_file("setup-only.bz", &p);
    g_assert_false(load(new_pc(32), k, NULL, NULL, &e, &err));
    assert_error(err, "setup-only.bz: truncated");
}

static void test_linux_zimage(void)
{
    BzParams p = bz_default();
    g_autofree char *k = NULL;
    g_autoptr(GError) err = NULL;
    PCBootEntry e;

    p.loadflags = 0;
    k = bz_file("zimage.bz", &p);
    g_assert_false(load(new_pc(32), k, NULL, NULL, &e, &err));
    assert_error(err, "a zImage");
}

static void test_linux_cmdline_limit(void)
{
    BzParams p = bz_default();
    g_autofree char *k = NULL;
    g_autoptr(GError) err = NULL;
    PCBootEntry e;
    char buf[17];

    p.cmdline_size = 16;
    k = bz_file("cmd.bz", &p);
    g_assert_false(load(new_pc(32), k, NULL, "0123456789abcdefX", &e, &err));
    assert_error(err, "-append: the command line is 17 bytes; this kernel "
                      "takes at most 16");
    g_clear_error(&err);

    PCMachine *pc = new_pc(32);
    g_assert_true(load(pc, k, NULL, "0123456789abcdef", &e, &err));
    g_assert_no_error(err);
    rd(pc, 0x98000, buf, sizeof(buf));
    g_assert_cmpmem(buf, 17, "0123456789abcdef", 17);
}

static void test_linux_init_size_too_big(void)
{
    BzParams p = bz_default();
    g_autofree char *k = NULL;
    g_autoptr(GError) err = NULL;
    PCBootEntry e;

    p.relocatable = true;
    p.pref_address = 0x1000000;
    p.init_size = 32 << 20;
    k = bz_file("big.bz", &p);
    g_assert_false(load(new_pc(32), k, NULL, NULL, &e, &err));
    assert_error(err, "big.bz: needs RAM at 0x1000000-0x3000000 (init_size "
                      "32 MiB from 0x1000000), but RAM below 4 GiB ends at "
                      "0x2000000");
    g_clear_error(&err);
    g_assert_true(load(new_pc(48), k, NULL, NULL, &e, &err));
    g_assert_no_error(err);
}

static void test_linux_initrd_too_big(void)
{
    BzParams p = bz_default();
    g_autofree char *k = bz_file("k.bz", &p);
    g_autofree char *initrd = make_initrd("big.initrd", 40 << 20);
    g_autoptr(GError) err = NULL;
    PCBootEntry e;

    g_assert_false(load(new_pc(32), k, initrd, NULL, &e, &err));
    assert_error(err, "-initrd: ");
    assert_error(err, "big.initrd: 40 MiB does not fit below 0x2000000");
    g_clear_error(&err);
    g_assert_true(load(new_pc(64), k, initrd, NULL, &e, &err));
    g_assert_no_error(err);
}

/* Everything the loader writes, for a non-relocatable image at 1 MiB. */
static void test_linux_boot_params(void)
{
    BzParams p = bz_default();
    g_autoptr(GByteArray) img = bz_build(&p);
    g_autofree char *k = write_tmp("ok.bz", img->data, img->len);
    g_autofree char *initrd = make_initrd("small.initrd", 10000);
    g_autoptr(GError) err = NULL;
    PCMachine *pc = new_pc(64);
    PCBootEntry e;
    uint8_t bp[4096], kern[8192], gdt[32], cmd[32];
    uint32_t rd_addr, rd_size;
    unsigned n;
    g_autofree E820Entry *e820 = NULL;

    pc->acpi_rsdp = 0xe0000;
    g_assert_true(load(pc, k, initrd, "console=ttyS0", &e, &err));
    g_assert_no_error(err);

    g_assert_cmpint(e.kind, ==, PC_BOOT_FLAT32);
    g_assert_cmphex(e.eip, ==, 0x100000);
    g_assert_cmphex(e.esi, ==, 0x90000);
    g_assert_cmphex(e.ebx, ==, 0);
    g_assert_cmphex(e.eax, ==, 0);
    g_assert_cmphex(e.gdt_base, ==, 0x91000);
    g_assert_cmphex(e.gdt_limit, ==, 0x1f);
    rd(pc, e.gdt_base, gdt, sizeof(gdt));
    g_assert_cmphex(ld64(gdt + 0x10), ==, 0x00cf9b000000ffffull);
    g_assert_cmphex(ld64(gdt + 0x18), ==, 0x00cf93000000ffffull);

    rd(pc, 0x100000, kern, sizeof(kern));
    g_assert_cmpmem(kern, sizeof(kern), img->data + 5 * 512, 8192);

    rd(pc, e.esi, bp, sizeof(bp));
    /* The header is copied; the loader's fields are filled in. */
    g_assert_cmpmem(bp + 0x202, 4, "HdrS", 4);
    g_assert_cmphex(ld16(bp + 0x206), ==, 0x020f);
    g_assert_cmphex(ld32(bp + 0x260), ==, p.init_size);
    g_assert_cmphex(bp[0x210], ==, 0xff);
    g_assert_cmphex(bp[0x211], ==, 0x81);
    g_assert_cmphex(ld16(bp + 0x224), ==, 0x7e00);
    g_assert_cmphex(ld32(bp + 0x214), ==, 0x100000);
    g_assert_cmphex(ld32(bp + 0x228), ==, 0x98000);
    g_assert_cmphex(ld32(bp + 0x0c8), ==, 0);
    g_assert_cmphex(ld64(bp + 0x070), ==, 0xe0000);
    g_assert_cmphex(bp[0x1ef], ==, 0);
    rd(pc, ld32(bp + 0x228), cmd, 14);
    g_assert_cmpstr((char *)cmd, ==, "console=ttyS0");

    /* The initrd: page aligned, as high as RAM allows. */
    rd_addr = ld32(bp + 0x218);
    rd_size = ld32(bp + 0x21c);
    g_assert_cmpuint(rd_size, ==, 10000);
    g_assert_cmphex(rd_addr & 0xfff, ==, 0);
    g_assert_cmphex(rd_addr, ==, ((64 << 20) - 10000) & ~0xfff);
    rd(pc, rd_addr, cmd, 6);
    g_assert_cmpmem(cmd, 6, "INITRD", 6);
    g_assert_cmphex(ld32(bp + 0x0c0), ==, 0);
    g_assert_cmphex(ld32(bp + 0x0c4), ==, 0);

    /* The e820 map is the machine's. */
    e820 = pc_e820_table(pc, &n);
    g_assert_cmpuint(bp[0x1e8], ==, n);
    for (unsigned i = 0; i < n; i++) {
        const uint8_t *ent = bp + 0x2d0 + 20 * i;

        g_assert_cmphex(ld64(ent), ==, e820[i].addr);
        g_assert_cmphex(ld64(ent + 8), ==, e820[i].size);
        g_assert_cmpuint(ld32(ent + 16), ==, e820[i].type);
    }
}

static void test_linux_initrd_addr_max(void)
{
    BzParams p = bz_default();
    g_autofree char *k = NULL;
    g_autofree char *initrd = make_initrd("r.initrd", 5000);
    g_autoptr(GError) err = NULL;
    PCMachine *pc = new_pc(64);
    PCBootEntry e;
    uint8_t bp[0x300];

    p.initrd_addr_max = 0x1ffffff;
    k = bz_file("max.bz", &p);
    g_assert_true(load(pc, k, initrd, NULL, &e, &err));
    g_assert_no_error(err);
    rd(pc, e.esi, bp, sizeof(bp));
    g_assert_cmphex(ld32(bp + 0x218), ==, (0x2000000 - 5000) & ~0xfff);
}

static void test_linux_relocatable(void)
{
    BzParams p = bz_default();
    g_autofree char *k = NULL;
    g_autoptr(GError) err = NULL;
    PCMachine *pc = new_pc(64);
    PCBootEntry e;
    uint8_t b[4];

    p.relocatable = true;
    p.pref_address = 0x1100000;        /* not aligned: goes up to 18 MiB */
    k = bz_file("reloc.bz", &p);
    g_assert_true(load(pc, k, NULL, NULL, &e, &err));
    g_assert_no_error(err);
    g_assert_cmphex(e.eip, ==, 0x1200000);
    rd(pc, 0x1200000, b, 4);
    g_assert_cmphex(b[1], ==, 8);
    rd(pc, e.esi + 0x214, b, 4);
    g_assert_cmphex(ld32(b), ==, 0x1200000);
}

/* A bzImage that also has a multiboot header boots as Linux. */
static void test_detect_bzimage_before_multiboot(void)
{
    BzParams p = bz_default();
    g_autofree char *k = NULL;
    g_autoptr(GError) err = NULL;
    PCBootEntry e;

    p.multiboot = true;
    k = bz_file("both.bz", &p);
    g_assert_true(load(new_pc(32), k, NULL, NULL, &e, &err));
    g_assert_no_error(err);
    g_assert_cmphex(e.esi, ==, 0x90000);
    g_assert_cmphex(e.eax, ==, 0);
}

/* ---- synthetic ELF images ---- */

typedef struct ElfParams {
    bool is64;
    uint64_t paddr;
    uint32_t filesz, memsz;
    bool note;
    unsigned note_descsz;       /* 4 or 8 */
    uint32_t entry;
    bool multiboot;
    bool linux_note;            /* also a note named "Linux", as vmlinux has */
    bool notes_at_end;          /* the notes after the data, as in vmlinux */
} ElfParams;

#define ELF_NOTE_OFF    0x200
#define ELF_DATA_OFF    0x1000

static GByteArray *elf_build(const ElfParams *p)
{
    GByteArray *a = g_byte_array_new();
    size_t ehsz = p->is64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr);
    size_t phsz = p->is64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr);
    unsigned phnum = p->note || p->linux_note ? 2 : 1;
    uint32_t xen_len = p->note ? 12 + 4 + p->note_descsz : 0;
    uint32_t note_len = xen_len + (p->linux_note ? 12 + 8 + 4 : 0);
    uint64_t note_off = p->notes_at_end ? ELF_DATA_OFF + p->filesz
                                        : ELF_NOTE_OFF;
    uint8_t *b, *ph;

    g_assert(p->filesz % 4 == 0);
    g_byte_array_set_size(a, ELF_DATA_OFF + p->filesz +
                             (p->notes_at_end ? note_len : 0));
    b = a->data;
    memset(b, 0, a->len);
    memcpy(b, ELFMAG, SELFMAG);
    b[EI_CLASS] = p->is64 ? ELFCLASS64 : ELFCLASS32;
    b[EI_DATA] = ELFDATA2LSB;
    b[EI_VERSION] = EV_CURRENT;
    st16(b + 16, ET_EXEC);
    st16(b + 18, p->is64 ? EM_X86_64 : EM_386);
    st32(b + 20, EV_CURRENT);
    if (p->is64) {
        st64(b + 24, p->entry);
        st64(b + 32, ehsz);                     /* e_phoff */
        st16(b + 52, ehsz);
        st16(b + 54, phsz);
        st16(b + 56, phnum);
    } else {
        st32(b + 24, p->entry);
        st32(b + 28, ehsz);
        st16(b + 40, ehsz);
        st16(b + 42, phsz);
        st16(b + 44, phnum);
    }
    for (unsigned i = 0; i < phnum; i++) {
        bool is_note = i == 1;
        uint64_t off = is_note ? note_off : ELF_DATA_OFF;
        uint64_t addr = is_note ? 0 : p->paddr;
        uint64_t fsz = is_note ? note_len : p->filesz;
        uint64_t msz = is_note ? note_len : p->memsz;

        ph = b + ehsz + i * phsz;
        if (p->is64) {
            st32(ph, is_note ? PT_NOTE : PT_LOAD);
            st64(ph + 8, off);
            st64(ph + 16, addr);
            st64(ph + 24, addr);
            st64(ph + 32, fsz);
            st64(ph + 40, msz);
        } else {
            st32(ph, is_note ? PT_NOTE : PT_LOAD);
            st32(ph + 4, off);
            st32(ph + 8, addr);
            st32(ph + 12, addr);
            st32(ph + 16, fsz);
            st32(ph + 20, msz);
        }
    }
    for (uint32_t i = 0; i < p->filesz; i++) {
        b[ELF_DATA_OFF + i] = 0xa0 + i % 16;
    }
    if (p->note) {
        uint8_t *n = b + note_off;

        st32(n, 4);
        st32(n + 4, p->note_descsz);
        st32(n + 8, 18);
        memcpy(n + 12, "Xen", 4);
        if (p->note_descsz == 8) {
            st64(n + 16, p->entry);
        } else {
            st32(n + 16, p->entry);
        }
    }
    if (p->linux_note) {
        /* LINUX_ELFNOTE_BUILD_SALT: name "Linux", a 4-byte descriptor. */
        uint8_t *n = b + note_off + xen_len;

        st32(n, 6);
        st32(n + 4, 4);
        st32(n + 8, 0x100);
        memcpy(n + 12, "Linux", 6);
    }
    if (p->multiboot) {
        uint32_t magic = 0x1BADB002, flags = 0;

        st32(b + ELF_DATA_OFF, magic);
        st32(b + ELF_DATA_OFF + 4, flags);
        st32(b + ELF_DATA_OFF + 8, -(magic + flags));
    }
    return a;
}

static char *elf_file(const char *name, const ElfParams *p)
{
    g_autoptr(GByteArray) a = elf_build(p);

    return write_tmp(name, a->data, a->len);
}

static void check_pvh_start_info(PCMachine *pc, const PCBootEntry *e,
                                 const char *cmdline, uint32_t initrd_size)
{
    uint8_t si[56], mod[32], buf[64];
    unsigned n;
    g_autofree E820Entry *e820 = pc_e820_table(pc, &n);

    g_assert_cmpint(e->kind, ==, PC_BOOT_FLAT32);
    g_assert_cmphex(e->ebx, ==, 0x90000);
    g_assert_cmphex(e->esi, ==, 0);
    g_assert_cmphex(e->gdt_limit, ==, 0x1f);
    rd(pc, e->ebx, si, sizeof(si));
    g_assert_cmphex(ld32(si), ==, 0x336ec578);
    g_assert_cmpuint(ld32(si + 4), ==, 1);
    g_assert_cmphex(ld64(si + 32), ==, pc->acpi_rsdp);
    rd(pc, ld64(si + 24), buf, strlen(cmdline) + 1);
    g_assert_cmpstr((char *)buf, ==, cmdline);
    g_assert_cmpuint(ld32(si + 48), ==, n);
    for (unsigned i = 0; i < n; i++) {
        uint8_t ent[24];

        rd(pc, ld64(si + 40) + 24 * i, ent, sizeof(ent));
        g_assert_cmphex(ld64(ent), ==, e820[i].addr);
        g_assert_cmphex(ld64(ent + 8), ==, e820[i].size);
        g_assert_cmpuint(ld32(ent + 16), ==, e820[i].type);
    }
    g_assert_cmpuint(ld32(si + 12), ==, initrd_size ? 1 : 0);
    if (initrd_size) {
        rd(pc, ld64(si + 16), mod, sizeof(mod));
        g_assert_cmphex(ld64(mod) & 0xfff, ==, 0);
        g_assert_cmpuint(ld64(mod + 8), ==, initrd_size);
        rd(pc, ld64(mod), buf, 6);
        g_assert_cmpmem(buf, 6, "INITRD", 6);
    }
}

static void test_pvh(gconstpointer data)
{
    bool is64 = GPOINTER_TO_INT(data);
    ElfParams p = { .is64 = is64, .paddr = 0x200000, .filesz = 0x3000,
                    .memsz = 0x5000, .note = true,
                    .note_descsz = is64 ? 8 : 4, .entry = 0x200040 };
    g_autofree char *k = elf_file(is64 ? "pvh64.elf" : "pvh32.elf", &p);
    g_autofree char *initrd = make_initrd("pvh.initrd", 3000);
    g_autoptr(GError) err = NULL;
    PCMachine *pc = new_pc(32);
    PCBootEntry e;
    uint8_t b[0x2000];

    pc->acpi_rsdp = 0xe0000;
    g_assert_true(load(pc, k, initrd, "root=/dev/ram0", &e, &err));
    g_assert_no_error(err);
    g_assert_cmphex(e.eip, ==, 0x200040);
    check_pvh_start_info(pc, &e, "root=/dev/ram0", 3000);
    rd(pc, 0x200000, b, 16);
    g_assert_cmphex(b[0], ==, 0xa0);
    g_assert_cmphex(b[15], ==, 0xaf);
    rd(pc, 0x203000, b, sizeof(b));
    for (unsigned i = 0; i < sizeof(b); i++) {
        g_assert_cmphex(b[i], ==, 0);          /* memsz beyond filesz */
    }
}

static void test_pvh_no_note(void)
{
    ElfParams p = { .is64 = true, .paddr = 0x200000, .filesz = 0x100,
                    .memsz = 0x100, .entry = 0x200000 };
    g_autofree char *k = elf_file("nonote.elf", &p);
    g_autoptr(GError) err = NULL;
    PCBootEntry e;

    g_assert_false(load(new_pc(32), k, NULL, NULL, &e, &err));
    assert_error(err, "nonote.elf: an ELF file with neither a PVH entry note "
                      "nor a multiboot header");
}

static void test_pvh_outside_ram(void)
{
    ElfParams p = { .is64 = true, .paddr = 0x1f00000, .filesz = 0x100,
                    .memsz = 0x200000, .note = true, .note_descsz = 8,
                    .entry = 0x1f00000 };
    g_autofree char *k = elf_file("high.elf", &p);
    g_autoptr(GError) err = NULL;
    PCBootEntry e;

    g_assert_false(load(new_pc(32), k, NULL, NULL, &e, &err));
    assert_error(err, "high.elf: segment 0 wants RAM at 0x1f00000-0x2100000");
}

/*
 * A vmlinux cut short (head -c) is called truncated, whatever part of it
 * the cut falls in, even when the PVH note lies beyond the cut as in
 * Linux's vmlinux; not an ELF without a note.
 */
static void test_pvh_truncated(gconstpointer data)
{
    bool is64 = GPOINTER_TO_INT(data);
    ElfParams p = { .is64 = is64, .paddr = 0x200000, .filesz = 0x3000,
                    .memsz = 0x5000, .note = true,
                    .note_descsz = is64 ? 8 : 4, .entry = 0x200040,
                    .linux_note = true, .notes_at_end = true };
    g_autoptr(GByteArray) a = elf_build(&p);
    unsigned ehsz = is64 ? 64 : 52, phsz = is64 ? 56 : 32;
    struct {
        size_t len;
        const char *msg;
    } cuts[] = {
        { a->len - 1, "its segment 1 runs to byte" },   /* the notes */
        { 0x2000, "its segment 0 runs to byte 16384" },
        { ELF_DATA_OFF, "its segment 0 runs to byte 16384" },
        { ehsz + 2 * phsz, "its segment 0 runs to byte 16384" },
        { ehsz + phsz, "its program header table runs to byte" },
        { ehsz + 10, "its program header table runs to byte" },
        { ehsz - 1, "its ELF header runs to byte" },
        { 20, "its ELF header runs to byte" },
    };

    for (unsigned i = 0; i < G_N_ELEMENTS(cuts); i++) {
        g_autofree char *name = g_strdup_printf("cut%u.elf", i);
        g_autofree char *k = write_tmp(name, a->data, cuts[i].len);
        g_autofree char *want = g_strdup_printf(
            "%s: truncated: the file is %zu bytes, but %s", name,
            cuts[i].len, cuts[i].msg);
        g_autoptr(GError) err = NULL;
        PCBootEntry e;

        g_assert_false(load(new_pc(32), k, NULL, NULL, &e, &err));
        assert_error(err, want);
    }
    /* The whole file loads. */
    {
        g_autofree char *k = write_tmp("whole.elf", a->data, a->len);
        g_autoptr(GError) err = NULL;
        PCBootEntry e;

        g_assert_true(load(new_pc(32), k, NULL, NULL, &e, &err));
        g_assert_no_error(err);
        g_assert_cmphex(e.eip, ==, 0x200040);
    }
}

/* A command line of @len bytes: "a=" and then 'x's. */
static char *long_cmdline(size_t len)
{
    char *s = g_malloc(len + 1);

    memset(s, 'x', len);
    memcpy(s, "a=", MIN(len, 2));
    s[len] = 0;
    return s;
}

/*
 * A Linux vmlinux (notes named "Linux") takes 2047 bytes of command line
 * through PVH, Linux's COMMAND_LINE_SIZE less the NUL; another PVH kernel
 * all that fits between 0x98000 and the EBDA.
 */
static void test_pvh_cmdline_limit(void)
{
    ElfParams p = { .is64 = true, .paddr = 0x200000, .filesz = 0x100,
                    .memsz = 0x100, .note = true, .note_descsz = 8,
                    .entry = 0x200000, .linux_note = true };
    g_autofree char *linux_k = elf_file("linux-pvh.elf", &p);
    g_autofree char *other_k = NULL;
    g_autofree char *c2047 = long_cmdline(2047);
    g_autofree char *c2048 = long_cmdline(2048);
    g_autofree char *cmax = long_cmdline(0x9fc00 - 0x98000 - 1);
    g_autofree char *cover = long_cmdline(0x9fc00 - 0x98000);
    g_autoptr(GError) err = NULL;
    PCMachine *pc = new_pc(32);
    PCBootEntry e;
    char tail[3];

    g_assert_false(load(pc, linux_k, NULL, c2048, &e, &err));
    assert_error(err, "-append: the command line is 2048 bytes; this kernel "
                      "takes at most 2047");
    g_clear_error(&err);
    g_assert_true(load(pc, linux_k, NULL, c2047, &e, &err));
    g_assert_no_error(err);
    rd(pc, 0x98000 + 2045, tail, sizeof(tail));
    g_assert_cmpmem(tail, 3, "xx", 3);

    p.linux_note = false;
    other_k = elf_file("other-pvh.elf", &p);
    g_assert_true(load(pc, other_k, NULL, c2048, &e, &err));
    g_assert_no_error(err);
    g_assert_true(load(pc, other_k, NULL, cmax, &e, &err));
    g_assert_no_error(err);
    g_assert_false(load(pc, other_k, NULL, cover, &e, &err));
    assert_error(err, "-append: the command line is 31744 bytes; this "
                      "kernel takes at most 31743");
}

/* An ELF with both a multiboot header and a PVH note boots multiboot. */
static void test_detect_elf_multiboot_before_pvh(void)
{
    ElfParams p = { .is64 = false, .paddr = 0x200000, .filesz = 0x100,
                    .memsz = 0x100, .note = true, .note_descsz = 4,
                    .entry = 0x200020, .multiboot = true };
    g_autofree char *k = elf_file("mbpvh.elf", &p);
    g_autoptr(GError) err = NULL;
    PCBootEntry e;

    g_assert_true(load(new_pc(32), k, NULL, NULL, &e, &err));
    g_assert_no_error(err);
    g_assert_cmphex(e.eax, ==, 0x2BADB002);
}

/* ---- Debian's kernel, when installed ---- */

static char *find_debian_kernel(void)
{
    g_autoptr(GDir) dir = g_dir_open("/boot", 0, NULL);
    const char *name;
    char *best = NULL;

    while (dir && (name = g_dir_read_name(dir))) {
        if (g_str_has_prefix(name, "vmlinuz-") &&
            (!best || strcmp(name, best) > 0)) {
            g_free(best);
            best = g_strdup(name);
        }
    }
    if (best) {
        char *path = g_build_filename("/boot", best, NULL);

        g_free(best);
        if (g_access(path, R_OK) == 0) {
            return path;
        }
        g_free(path);
    }
    return NULL;
}

static void test_debian_bzimage(void)
{
    g_autofree char *k = find_debian_kernel();
    g_autofree char *initrd = NULL;
    g_autofree uint8_t *img = NULL;
    g_autoptr(GError) err = NULL;
    gsize len;
    PCMachine *pc;
    PCBootEntry e;
    uint8_t bp[4096], kern[64], cmd[32];
    uint64_t pref;
    unsigned n, setup;
    g_autofree E820Entry *e820 = NULL;

    if (!k) {
        g_test_skip("no readable /boot/vmlinuz-*");
        return;
    }
    g_assert_true(g_file_get_contents(k, (char **)&img, &len, NULL));
    setup = ((img[0x1f1] ? img[0x1f1] : 4) + 1) * 512;
    pref = ld64(img + 0x258);
    g_test_message("%s: protocol %x, pref_address %#" G_GINT64_MODIFIER "x, "
                   "init_size %#x", k, ld16(img + 0x206), pref,
                   ld32(img + 0x260));

    /* Too little RAM for pref_address + init_size is refused clearly. */
    g_assert_false(load(new_pc(32), k, NULL, NULL, &e, &err));
    assert_error(err, "needs RAM at");
    g_clear_error(&err);

    pc = new_pc(256);
    initrd = make_initrd("debian.initrd", 1 << 20);
    g_assert_true(load(pc, k, initrd, "console=ttyS0", &e, &err));
    g_assert_no_error(err);
    g_assert_cmphex(e.eip, ==, pref);
    g_assert_cmphex(e.esi, ==, 0x90000);
    rd(pc, e.esi, bp, sizeof(bp));
    g_assert_cmphex(ld16(bp + 0x206), >=, 0x0206);
    g_assert_cmphex(ld32(bp + 0x214), ==, pref);
    g_assert_cmphex(bp[0x210], ==, 0xff);
    g_assert_cmphex(bp[0x211] & 0x81, ==, 0x81);
    rd(pc, ld32(bp + 0x228), cmd, 14);
    g_assert_cmpstr((char *)cmd, ==, "console=ttyS0");
    e820 = pc_e820_table(pc, &n);
    g_assert_cmpuint(bp[0x1e8], ==, n);
    g_assert_cmpuint(ld32(bp + 0x21c), ==, 1 << 20);
    g_assert_cmphex(ld32(bp + 0x218), >=, pref + ld32(img + 0x260));
    rd(pc, pref, kern, sizeof(kern));
    g_assert_cmpmem(kern, sizeof(kern), img + setup, sizeof(kern));
}

/* Debian's vmlinux knows its limits: it is a Linux kernel (2047 bytes of
 * command line), and its first 5 MB are a truncated file. */
static void debian_pvh_limits(const char *vmlinux)
{
    g_autofree char *data = NULL;
    g_autofree char *cut = NULL;
    g_autofree char *c2048 = long_cmdline(2048);
    g_autoptr(GError) err = NULL;
    gsize len;
    PCBootEntry e;

    g_assert_false(load(new_pc(256), vmlinux, NULL, c2048, &e, &err));
    assert_error(err, "this kernel takes at most 2047");
    g_clear_error(&err);
    g_assert_true(g_file_get_contents(vmlinux, &data, &len, NULL));
    g_assert_cmpuint(len, >, 5000000);
    cut = write_tmp("vmlinux-5000000", data, 5000000);
    g_assert_false(load(new_pc(256), cut, NULL, NULL, &e, &err));
    assert_error(err, "vmlinux-5000000: truncated: the file is 5000000 "
                      "bytes, but its segment 0 runs to byte");
}

/* scripts/extract-vmlinux.py on Debian's kernel, then a PVH boot. */
static void test_debian_pvh(void)
{
    g_autofree char *k = find_debian_kernel();
    const char *src = g_getenv("KESTREL_SOURCE_ROOT");
    g_autofree char *script = NULL;
    g_autofree char *vmlinux = NULL;
    g_autofree char *out = NULL;
    g_autoptr(GError) err = NULL;
    int status = -1;
    PCMachine *pc;
    PCBootEntry e;

    if (!k || !src) {
        g_test_skip(!k ? "no readable /boot/vmlinuz-*"
                       : "KESTREL_SOURCE_ROOT not set");
        return;
    }
    script = g_build_filename(src, "scripts", "extract-vmlinux.py", NULL);
    vmlinux = g_build_filename(tmpdir, "vmlinux", NULL);
    {
        const char *argv[] = { "python3", script, k, "-o", vmlinux, NULL };

        if (!g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH,
                          NULL, NULL, &out, NULL, &status, &err)) {
            g_test_skip(err->message);
            return;
        }
    }
    g_test_message("%s", out);
    if (g_spawn_check_wait_status(status, NULL) == FALSE) {
        /* Exit 2: a kernel without CONFIG_PVH, nothing to boot. */
        g_assert_nonnull(strstr(out, "no PVH entry note"));
        g_test_skip("this kernel has no PVH note");
        return;
    }
    g_assert_nonnull(strstr(out, "PVH entry"));
    pc = new_pc(256);
    g_assert_true(load(pc, vmlinux, NULL, "console=ttyS0", &e, &err));
    g_assert_no_error(err);
    g_assert_cmphex(e.eip, >=, 0x100000);
    check_pvh_start_info(pc, &e, "console=ttyS0", 0);
    debian_pvh_limits(vmlinux);
}

int main(int argc, char **argv)
{
    int ret;

    g_test_init(&argc, &argv, NULL);
    bql_lock();         /* devices and loaders run under the big lock */
    tmpdir = g_dir_make_tmp("kestrel-test-loader-XXXXXX", NULL);
    g_assert_nonnull(tmpdir);

    g_test_add_func("/loader/linux/too-old", test_linux_too_old);
    g_test_add_func("/loader/linux/truncated", test_linux_truncated);
    g_test_add_func("/loader/linux/zimage", test_linux_zimage);
    g_test_add_func("/loader/linux/cmdline-limit", test_linux_cmdline_limit);
    g_test_add_func("/loader/linux/init-size-too-big",
                    test_linux_init_size_too_big);
    g_test_add_func("/loader/linux/initrd-too-big", test_linux_initrd_too_big);
    g_test_add_func("/loader/linux/boot-params", test_linux_boot_params);
    g_test_add_func("/loader/linux/initrd-addr-max",
                    test_linux_initrd_addr_max);
    g_test_add_func("/loader/linux/relocatable", test_linux_relocatable);
    g_test_add_data_func("/loader/pvh/elf32", GINT_TO_POINTER(0), test_pvh);
    g_test_add_data_func("/loader/pvh/elf64", GINT_TO_POINTER(1), test_pvh);
    g_test_add_func("/loader/pvh/no-note", test_pvh_no_note);
    g_test_add_func("/loader/pvh/outside-ram", test_pvh_outside_ram);
    g_test_add_data_func("/loader/pvh/truncated/elf32", GINT_TO_POINTER(0),
                         test_pvh_truncated);
    g_test_add_data_func("/loader/pvh/truncated/elf64", GINT_TO_POINTER(1),
                         test_pvh_truncated);
    g_test_add_func("/loader/pvh/cmdline-limit", test_pvh_cmdline_limit);
    g_test_add_func("/loader/detect/bzimage-before-multiboot",
                    test_detect_bzimage_before_multiboot);
    g_test_add_func("/loader/detect/elf-multiboot-before-pvh",
                    test_detect_elf_multiboot_before_pvh);
    g_test_add_func("/loader/debian/bzimage", test_debian_bzimage);
    g_test_add_func("/loader/debian/pvh", test_debian_pvh);
    ret = g_test_run();

    {
        g_autoptr(GDir) dir = g_dir_open(tmpdir, 0, NULL);
        const char *name;

        while (dir && (name = g_dir_read_name(dir))) {
            g_autofree char *path = g_build_filename(tmpdir, name, NULL);

            g_unlink(path);
        }
        g_rmdir(tmpdir);
    }
    return ret;
}
