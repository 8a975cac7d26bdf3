/* SPDX-License-Identifier: MIT */
/*
 * ELF headers for the -kernel loaders (hw/pc/loader-internal.h): the
 * file header and program headers of a little-endian ELF32 or ELF64
 * image read into one shape, with their bounds against the file, and
 * the notes of its PT_NOTE segments. loader.c checks a whole image here
 * before deciding what kind it is, so a file cut short is reported as
 * such rather than as an ELF without the header or note that lies past
 * its end.
 */
#include "hw/pc/loader-internal.h"
#include "util/cutils.h"

#include <elf.h>
#include <string.h>

static size_t elf_ehdr_size(bool is64)
{
    return is64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr);
}

static unsigned elf_phdr_size(bool is64)
{
    return is64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr);
}

/* The class byte of a little-endian ELF32/ELF64 ident, or 0. */
static int elf_class(const uint8_t *image, size_t len)
{
    if (len < EI_NIDENT || memcmp(image, ELFMAG, SELFMAG) ||
        image[EI_DATA] != ELFDATA2LSB) {
        return 0;
    }
    if (image[EI_CLASS] != ELFCLASS32 && image[EI_CLASS] != ELFCLASS64) {
        return 0;
    }
    return image[EI_CLASS];
}

bool loader_elf_open(LoaderElf *e, const uint8_t *image, size_t len)
{
    int class = elf_class(image, len);

    memset(e, 0, sizeof(*e));
    if (!class) {
        return false;
    }
    e->data = image;
    e->len = len;
    e->is64 = class == ELFCLASS64;
    if (len < elf_ehdr_size(e->is64)) {
        return false;
    }
    e->machine = loader_ld16(image + offsetof(Elf32_Ehdr, e_machine));
    if (e->is64) {
        e->phoff = loader_ld64(image + offsetof(Elf64_Ehdr, e_phoff));
        e->phentsize = loader_ld16(image + offsetof(Elf64_Ehdr,
                                                    e_phentsize));
        e->phnum = loader_ld16(image + offsetof(Elf64_Ehdr, e_phnum));
    } else {
        e->phoff = loader_ld32(image + offsetof(Elf32_Ehdr, e_phoff));
        e->phentsize = loader_ld16(image + offsetof(Elf32_Ehdr,
                                                    e_phentsize));
        e->phnum = loader_ld16(image + offsetof(Elf32_Ehdr, e_phnum));
    }
    return true;
}

bool loader_elf_phdrs_ok(const LoaderElf *e)
{
    return e->phentsize == elf_phdr_size(e->is64) && e->phoff <= e->len &&
           (uint64_t)e->phnum * e->phentsize <= e->len - e->phoff;
}

LoaderPhdr loader_elf_phdr(const LoaderElf *e, unsigned i)
{
    const uint8_t *p = e->data + e->phoff + (uint64_t)i * e->phentsize;
    LoaderPhdr ph;

    g_assert(loader_elf_phdrs_ok(e) && i < e->phnum);
    if (e->is64) {
        ph.type = loader_ld32(p + offsetof(Elf64_Phdr, p_type));
        ph.offset = loader_ld64(p + offsetof(Elf64_Phdr, p_offset));
        ph.paddr = loader_ld64(p + offsetof(Elf64_Phdr, p_paddr));
        ph.filesz = loader_ld64(p + offsetof(Elf64_Phdr, p_filesz));
        ph.memsz = loader_ld64(p + offsetof(Elf64_Phdr, p_memsz));
    } else {
        ph.type = loader_ld32(p + offsetof(Elf32_Phdr, p_type));
        ph.offset = loader_ld32(p + offsetof(Elf32_Phdr, p_offset));
        ph.paddr = loader_ld32(p + offsetof(Elf32_Phdr, p_paddr));
        ph.filesz = loader_ld32(p + offsetof(Elf32_Phdr, p_filesz));
        ph.memsz = loader_ld32(p + offsetof(Elf32_Phdr, p_memsz));
    }
    return ph;
}

static void elf_cut_short(const char *path, size_t len, const char *what,
                          uint64_t end, GError **errp)
{
    g_set_error(errp, KESTREL_ERROR, 0,
                "-kernel: %s: truncated: the file is %zu bytes, but %s runs "
                "to byte %llu (cut short in copying or downloading?)",
                path, len, what, (unsigned long long)end);
}

/* The end of segment @ph's bytes in the file, or UINT64_MAX past 2^64. */
static uint64_t elf_phdr_file_end(const LoaderPhdr *ph)
{
    return ph->offset + ph->filesz < ph->offset ? UINT64_MAX
                                                : ph->offset + ph->filesz;
}

bool loader_elf_check_complete(const char *path, const uint8_t *image,
                               size_t len, GError **errp)
{
    int class = elf_class(image, len);
    LoaderElf e;

    if (!class) {
        return true;                    /* not ours to judge */
    }
    if (!loader_elf_open(&e, image, len)) {
        elf_cut_short(path, len, "its ELF header",
                      elf_ehdr_size(class == ELFCLASS64), errp);
        return false;
    }
    if (e.phentsize != elf_phdr_size(e.is64)) {
        return true;                    /* malformed, not cut short */
    }
    if (!loader_elf_phdrs_ok(&e)) {
        elf_cut_short(path, len, "its program header table",
                      e.phoff + (uint64_t)e.phnum * e.phentsize, errp);
        return false;
    }
    for (unsigned i = 0; i < e.phnum; i++) {
        LoaderPhdr ph = loader_elf_phdr(&e, i);
        uint64_t end = elf_phdr_file_end(&ph);

        if (ph.filesz && end > len) {
            g_autofree char *what = g_strdup_printf("its segment %u", i);

            elf_cut_short(path, len, what, end, errp);
            return false;
        }
    }
    return true;
}

/* The note named @name of type @type in @p (one PT_NOTE segment). */
static bool elf_find_in_notes(const uint8_t *p, uint64_t len,
                              const char *name, uint32_t type,
                              LoaderNote *note)
{
    size_t namesz_want = strlen(name) + 1;
    uint64_t off = 0;

    while (len - off >= 12) {
        uint32_t namesz = loader_ld32(p + off);
        uint32_t descsz = loader_ld32(p + off + 4);
        uint32_t ntype = loader_ld32(p + off + 8);
        uint64_t nm = off + 12;
        uint64_t desc = nm + loader_align_up(namesz, 4);
        uint64_t next = desc + loader_align_up(descsz, 4);

        if (desc > len || next > len) {
            return false;
        }
        if ((type == LOADER_NOTE_ANY_TYPE || ntype == type) &&
            namesz == namesz_want && !memcmp(p + nm, name, namesz)) {
            note->type = ntype;
            note->desc = p + desc;
            note->descsz = descsz;
            return true;
        }
        off = next;
    }
    return false;
}

bool loader_elf_find_note(const LoaderElf *e, const char *name,
                          uint32_t type, LoaderNote *note)
{
    if (!loader_elf_phdrs_ok(e)) {
        return false;
    }
    for (unsigned i = 0; i < e->phnum; i++) {
        LoaderPhdr ph = loader_elf_phdr(e, i);

        if (ph.type == PT_NOTE && elf_phdr_file_end(&ph) <= e->len &&
            elf_find_in_notes(e->data + ph.offset, ph.filesz, name, type,
                              note)) {
            return true;
        }
    }
    return false;
}
