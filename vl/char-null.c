/* SPDX-License-Identifier: MIT */
/*
 * The "null" chardev: output vanishes and no input ever arrives. A serial
 * port wired to it exists for the guest but talks to nothing.
 */
#include "vl/char-internal.h"

static void chardev_null_write(Chardev *chr, const uint8_t *buf, size_t len)
{
}

const ChardevOps chardev_null_ops = {
    .write = chardev_null_write,
};

Chardev *chardev_null_new(GError **errp)
{
    Chardev *chr = g_new0(Chardev, 1);

    chr->ops = &chardev_null_ops;
    return chr;
}

void chardev_null_free(Chardev *chr)
{
    g_free(chr);
}
