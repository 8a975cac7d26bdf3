/* SPDX-License-Identifier: MIT */
/*
 * The "file:PATH" chardev: guest output is written to PATH (created or
 * truncated when the backend is made); there is no input.
 */
#include "vl/char-internal.h"
#include "util/cutils.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

typedef struct ChardevFile {
    Chardev parent;
    int fd;
} ChardevFile;

static void chardev_file_write(Chardev *chr, const uint8_t *buf, size_t len)
{
    ChardevFile *f = (ChardevFile *)chr;

    if (f->fd >= 0 && chardev_write_all(f->fd, false, buf, len, -1) ==
                      CHARDEV_WRITE_GONE) {
        /* the disk is full or the file went away: stop trying */
        close(f->fd);
        f->fd = -1;
    }
}

const ChardevOps chardev_file_ops = {
    .write = chardev_file_write,
};

Chardev *chardev_file_new(const ChardevSpec *spec, GError **errp)
{
    ChardevFile *f;
    int fd = open(spec->path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);

    if (fd < 0) {
        g_set_error(errp, KESTREL_ERROR, 0, "cannot open '%s': %s",
                    spec->path, g_strerror(errno));
        return NULL;
    }
    f = g_new0(ChardevFile, 1);
    f->parent.ops = &chardev_file_ops;
    f->fd = fd;
    return &f->parent;
}

void chardev_file_free(Chardev *chr)
{
    ChardevFile *f = (ChardevFile *)chr;

    if (f->fd >= 0) {
        close(f->fd);
    }
    g_free(f);
}
