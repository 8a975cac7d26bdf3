/* SPDX-License-Identifier: MIT */
/*
 * fw_cfg over I/O ports ("fw_cfg_io"), as QEMU's docs/specs/fw_cfg.rst
 * describes it: a 16-bit write to 0x510 selects an item and rewinds it;
 * each byte read (from 0x511, or from 0x510 which answers the same way)
 * returns the next byte of the item, and 0 once past its end or when the
 * key names nothing. Both ports form one two-byte region because the
 * selector write spans them; the callbacks accept what QEMU's bus does
 * (byte accesses, and 16-bit writes of the selector) and reject the rest.
 *
 * Numbered items live in a hash table; files are a sorted array whose
 * index gives the key (FW_CFG_FILE_FIRST + i), and FW_CFG_FILE_DIR is
 * rebuilt as an ordinary item each time a file is added. DMA is not
 * offered (FW_CFG_ID says so).
 */
#include "hw/pc/fw_cfg.h"
#include "util/cutils.h"
#include "util/log.h"

#include <string.h>

#define FW_CFG_SIGNATURE_BYTES "QEMU"

typedef struct FWCfgEntry {
    uint8_t *data;
    uint32_t len;
} FWCfgEntry;

typedef struct FWCfgFile {
    char name[FW_CFG_MAX_FILE_PATH];
    FWCfgEntry entry;
} FWCfgFile;

/* One row of the FW_CFG_FILE_DIR item; all fields big-endian. */
typedef struct FWCfgDirEntry {
    uint32_t size;
    uint16_t select;
    uint16_t reserved;
    char name[FW_CFG_MAX_FILE_PATH];
} __attribute__((packed)) FWCfgDirEntry;

G_STATIC_ASSERT(sizeof(FWCfgDirEntry) == 64);

struct FWCfgState {
    DeviceState parent;
    MemoryRegion io;
    GHashTable *items;      /* key -> FWCfgEntry *, numbered items */
    GPtrArray *files;       /* of FWCfgFile *, sorted by name */
    uint16_t cur_key;
    uint32_t cur_offset;
};

static void fw_cfg_entry_free(gpointer p)
{
    FWCfgEntry *e = p;

    g_free(e->data);
    g_free(e);
}

static void fw_cfg_file_free(gpointer p)
{
    FWCfgFile *f = p;

    g_free(f->entry.data);
    g_free(f);
}

/* The item @key names, or NULL. The write-channel bit does not matter. */
static const FWCfgEntry *fw_cfg_lookup(FWCfgState *s, uint16_t key)
{
    key &= ~FW_CFG_WRITE_CHANNEL;
    if (key >= FW_CFG_FILE_FIRST && key < FW_CFG_FILE_FIRST + s->files->len) {
        FWCfgFile *f = g_ptr_array_index(s->files, key - FW_CFG_FILE_FIRST);

        return &f->entry;
    }
    return g_hash_table_lookup(s->items, GUINT_TO_POINTER(key));
}

static uint8_t fw_cfg_read_byte(FWCfgState *s)
{
    const FWCfgEntry *e = fw_cfg_lookup(s, s->cur_key);

    if (!e || s->cur_offset >= e->len) {
        return 0;
    }
    return e->data[s->cur_offset++];
}

static uint64_t fw_cfg_io_read(void *opaque, hwaddr addr, unsigned size)
{
    FWCfgState *s = opaque;

    if (size != 1) {
        log_mask_printf(LOG_GUEST_ERROR,
                        "fw_cfg: %u-byte read of port %#x (bytes only)\n",
                        size, (unsigned)(FW_CFG_IO_BASE + addr));
        return UINT64_MAX;
    }
    return fw_cfg_read_byte(s);
}

static void fw_cfg_io_write(void *opaque, hwaddr addr, uint64_t val,
                            unsigned size)
{
    FWCfgState *s = opaque;

    if (size == 2 && addr == 0) {
        s->cur_key = val;
        s->cur_offset = 0;
    } else if (size == 1) {
        log_mask_printf(LOG_UNIMP,
                        "fw_cfg: write %#x to the data port ignored "
                        "(writable items need DMA)\n", (unsigned)val);
    } else {
        log_mask_printf(LOG_GUEST_ERROR,
                        "fw_cfg: %u-byte write of port %#x rejected\n",
                        size, (unsigned)(FW_CFG_IO_BASE + addr));
    }
}

static const MemoryRegionOps fw_cfg_io_ops = {
    .read = fw_cfg_io_read,
    .write = fw_cfg_io_write,
    .valid = { .min_access_size = 1, .max_access_size = 2 },
    .impl = { .min_access_size = 1, .max_access_size = 2 },
};

static bool fw_cfg_realize(DeviceState *dev, GError **errp)
{
    FWCfgState *s = (FWCfgState *)dev;

    s->items = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
                                     fw_cfg_entry_free);
    s->files = g_ptr_array_new_with_free_func(fw_cfg_file_free);
    memory_region_init_io(&s->io, &fw_cfg_io_ops, s, "fw_cfg", 2);
    memory_region_add_subregion(dev->machine->system_io, FW_CFG_IO_BASE,
                                &s->io);
    return true;
}

static void fw_cfg_unrealize(DeviceState *dev)
{
    FWCfgState *s = (FWCfgState *)dev;

    memory_region_del_subregion(dev->machine->system_io, &s->io);
    memory_region_destroy(&s->io);
    g_hash_table_destroy(s->items);
    g_ptr_array_free(s->files, TRUE);
}

/* The items survive a reset; only the selection is forgotten. */
static void fw_cfg_reset(DeviceState *dev)
{
    FWCfgState *s = (FWCfgState *)dev;

    s->cur_key = FW_CFG_INVALID;
    s->cur_offset = 0;
}

DEVICE_REGISTER(fw_cfg_device,
    .name = "fw_cfg_io",
    .desc = "QEMU firmware configuration interface (I/O ports)",
    .instance_size = sizeof(FWCfgState),
    .realize = fw_cfg_realize,
    .reset = fw_cfg_reset,
    .unrealize = fw_cfg_unrealize)

static void fw_cfg_entry_set(FWCfgEntry *e, const void *data, size_t len)
{
    g_assert(len <= UINT32_MAX);
    g_free(e->data);
    e->data = len ? g_malloc(len) : NULL;
    if (len) {
        memcpy(e->data, data, len);
    }
    e->len = len;
}

void fw_cfg_add_bytes(FWCfgState *s, uint16_t key, const void *data,
                      size_t len)
{
    FWCfgEntry *e;

    g_assert(!(key & FW_CFG_WRITE_CHANNEL));
    g_assert((key & FW_CFG_ARCH_LOCAL) || key < FW_CFG_FILE_FIRST);
    e = g_hash_table_lookup(s->items, GUINT_TO_POINTER(key));
    if (!e) {
        e = g_new0(FWCfgEntry, 1);
        g_hash_table_insert(s->items, GUINT_TO_POINTER(key), e);
    }
    fw_cfg_entry_set(e, data, len);
}

void fw_cfg_add_string(FWCfgState *s, uint16_t key, const char *str)
{
    fw_cfg_add_bytes(s, key, str, strlen(str) + 1);
}

void fw_cfg_add_i16(FWCfgState *s, uint16_t key, uint16_t value)
{
    uint16_t le = GUINT16_TO_LE(value);

    fw_cfg_add_bytes(s, key, &le, sizeof(le));
}

void fw_cfg_add_i32(FWCfgState *s, uint16_t key, uint32_t value)
{
    uint32_t le = GUINT32_TO_LE(value);

    fw_cfg_add_bytes(s, key, &le, sizeof(le));
}

void fw_cfg_add_i64(FWCfgState *s, uint16_t key, uint64_t value)
{
    uint64_t le = GUINT64_TO_LE(value);

    fw_cfg_add_bytes(s, key, &le, sizeof(le));
}

/* FW_CFG_FILE_DIR: a big-endian count, then one row per file. */
static void fw_cfg_rebuild_dir(FWCfgState *s)
{
    size_t len = 4 + s->files->len * sizeof(FWCfgDirEntry);
    g_autofree uint8_t *dir = g_malloc0(len);
    FWCfgDirEntry *row = (FWCfgDirEntry *)(dir + 4);
    uint32_t count = GUINT32_TO_BE(s->files->len);

    memcpy(dir, &count, 4);
    for (guint i = 0; i < s->files->len; i++, row++) {
        FWCfgFile *f = g_ptr_array_index(s->files, i);

        row->size = GUINT32_TO_BE(f->entry.len);
        row->select = GUINT16_TO_BE(FW_CFG_FILE_FIRST + i);
        memcpy(row->name, f->name, sizeof(row->name));
    }
    fw_cfg_add_bytes(s, FW_CFG_FILE_DIR, dir, len);
}

void fw_cfg_add_file(FWCfgState *s, const char *name, const void *data,
                     size_t len)
{
    FWCfgFile *f;
    guint index = 0;

    g_assert(strlen(name) < FW_CFG_MAX_FILE_PATH);
    g_assert(FW_CFG_FILE_FIRST + s->files->len < FW_CFG_WRITE_CHANNEL);
    while (index < s->files->len) {
        FWCfgFile *other = g_ptr_array_index(s->files, index);
        int cmp = strcmp(name, other->name);

        g_assert(cmp != 0);
        if (cmp < 0) {
            break;
        }
        index++;
    }
    f = g_new0(FWCfgFile, 1);
    g_strlcpy(f->name, name, sizeof(f->name));
    fw_cfg_entry_set(&f->entry, data, len);
    g_ptr_array_insert(s->files, index, f);
    fw_cfg_rebuild_dir(s);
}

FWCfgState *fw_cfg_create(Machine *m, GError **errp)
{
    DeviceState *dev = device_new("fw_cfg_io", errp);
    FWCfgState *s = (FWCfgState *)dev;

    if (!dev) {
        return NULL;
    }
    if (!device_realize(dev, m, errp)) {
        device_destroy(dev);
        return NULL;
    }
    fw_cfg_add_bytes(s, FW_CFG_SIGNATURE, FW_CFG_SIGNATURE_BYTES, 4);
    fw_cfg_add_i32(s, FW_CFG_ID, FW_CFG_VERSION);
    fw_cfg_add_i64(s, FW_CFG_RAM_SIZE, m->ram_size);
    fw_cfg_add_i16(s, FW_CFG_NOGRAPHIC, 0);
    fw_cfg_add_i16(s, FW_CFG_NB_CPUS, m->smp_cpus);
    fw_cfg_add_i16(s, FW_CFG_MAX_CPUS, m->smp_cpus);
    fw_cfg_rebuild_dir(s);
    return s;
}
