/* SPDX-License-Identifier: MIT */
/*
 * -kernel: read the image, recognize its kind and hand it to its loader.
 * Images Kestrel cannot boot yet are named, not guessed at.
 */
#include "hw/pc/loader.h"
#include "util/cutils.h"

#include <string.h>

#define KERNEL_MAX_SIZE (1ull << 30)

static bool is_bzimage(const uint8_t *p, size_t len)
{
    return len >= 0x206 && !memcmp(p + 0x202, "HdrS", 4);
}

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
    if (multiboot_probe(image, len)) {
        return multiboot_load(pc, kc, image, len, entry, errp);
    }
    if (is_bzimage(image, len)) {
        g_set_error(errp, KESTREL_ERROR, 0,
                    "-kernel: %s: Linux bzImage kernels are not supported "
                    "yet (only multiboot v1 images boot in this version)",
                    kc->kernel);
    } else if (is_elf(image, len)) {
        g_set_error(errp, KESTREL_ERROR, 0,
                    "-kernel: %s: an ELF file without a multiboot header "
                    "(PVH ELF kernels are not supported yet)", kc->kernel);
    } else {
        g_set_error(errp, KESTREL_ERROR, 0,
                    "-kernel: %s: not a kernel Kestrel can boot (no multiboot "
                    "header in its first 8 KiB)", kc->kernel);
    }
    return false;
}
