/* SPDX-License-Identifier: MIT */
/*
 * -kernel: read the image, recognize its kind and hand it to its loader:
 * Linux bzImage (loader-linux.c), multiboot v1 (loader-multiboot.c), PVH
 * ELF (loader-pvh.c). Images Kestrel cannot boot are named, not guessed at;
 * an ELF file whose headers or segments run past its end is called
 * truncated before anything else is said about it.
 */
#include "hw/pc/loader-internal.h"
#include "util/cutils.h"

#include <string.h>

#define KERNEL_MAX_SIZE (1ull << 30)

static bool is_elf(const uint8_t *p, size_t len)
{
    return len >= 4 && !memcmp(p, "\x7f" "ELF", 4);
}

bool pc_load_kernel(PCMachine *pc, const PCKernelConfig *kc,
                    PCBootEntry *entry, GError **errp)
{
    g_autofree uint8_t *image = NULL;
    gsize len;
    GError *err = NULL;

    if (!g_file_get_contents(kc->kernel, (gchar **)&image, &len, &err)) {
        g_set_error(errp, KESTREL_ERROR, 0, "-kernel: %s", err->message);
        g_error_free(err);
        return false;
    }
    if (len > KERNEL_MAX_SIZE) {
        g_set_error(errp, KESTREL_ERROR, 0, "-kernel: %s: too large (%zu "
                    "bytes)", kc->kernel, (size_t)len);
        return false;
    }
    if (!loader_elf_check_complete(kc->kernel, image, len, errp)) {
        return false;
    }
    /*
     * A Linux setup header ("HdrS" at 0x202) is checked before multiboot,
     * unlike QEMU: it is a deliberate claim to the Linux boot protocol,
     * which gives the kernel more (e820 map, initrd, its own command line)
     * than multiboot does. Debian's kernels carry no multiboot header, so
     * only images built to boot both ways (tests/guest/linuxboot) see the
     * difference. For ELF files multiboot stays first, as in QEMU: Xen's
     * image has both a multiboot header and a PVH note.
     */
    if (linux_probe(image, len)) {
        return linux_load(pc, kc, image, len, entry, errp);
    }
    if (multiboot_probe(image, len)) {
        return multiboot_load(pc, kc, image, len, entry, errp);
    }
    if (pvh_probe(image, len)) {
        return pvh_load(pc, kc, image, len, entry, errp);
    }
    if (is_elf(image, len)) {
        g_set_error(errp, KESTREL_ERROR, 0,
                    "-kernel: %s: an ELF file with neither a PVH entry note "
                    "nor a multiboot header (a Linux vmlinux needs "
                    "CONFIG_PVH; or boot the bzImage)", kc->kernel);
    } else {
        g_set_error(errp, KESTREL_ERROR, 0,
                    "-kernel: %s: not a kernel Kestrel can boot (no Linux "
                    "setup header, no multiboot header in its first 8 KiB, "
                    "not an ELF file)", kc->kernel);
    }
    return false;
}
