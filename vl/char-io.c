/* SPDX-License-Identifier: MIT */
/*
 * Byte plumbing shared by the fd-based chardev backends (stdio, sockets):
 * input watched on the default GMainContext and handed to the frontend no
 * faster than it can take it, and output written in full without ever
 * blocking forever.
 */
#include "vl/char-internal.h"

#include <errno.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <glib-unix.h>

#define CHARDEV_READ_CHUNK 4096

static gboolean chardev_input_ready(gint fd, GIOCondition cond,
                                    gpointer opaque);

void chardev_input_init(ChardevInput *in, Chardev *chr,
                        void (*filter)(Chardev *, const uint8_t *, size_t,
                                       GByteArray *),
                        void (*on_eof)(Chardev *))
{
    in->chr = chr;
    in->fd = -1;
    in->watch = 0;
    in->eof = false;
    in->pending = g_byte_array_new();
    in->filter = filter;
    in->on_eof = on_eof;
}

static void chardev_input_watch(ChardevInput *in)
{
    if (!in->watch && in->fd >= 0 && !in->eof) {
        in->watch = g_unix_fd_add(in->fd, G_IO_IN | G_IO_HUP | G_IO_ERR,
                                  chardev_input_ready, in);
    }
}

static void chardev_input_unwatch(ChardevInput *in)
{
    if (in->watch) {
        g_source_remove(in->watch);
        in->watch = 0;
    }
}

void chardev_input_attach(ChardevInput *in, int fd)
{
    chardev_input_unwatch(in);
    in->fd = fd;
    in->eof = false;
    g_byte_array_set_size(in->pending, 0);
    chardev_input_watch(in);
}

void chardev_input_detach(ChardevInput *in)
{
    chardev_input_unwatch(in);
    in->fd = -1;
    g_byte_array_set_size(in->pending, 0);
}

void chardev_input_destroy(ChardevInput *in)
{
    chardev_input_detach(in);
    g_clear_pointer(&in->pending, g_byte_array_unref);
}

/* How much the frontend takes now; without a frontend input is dropped. */
static size_t chardev_input_room(ChardevInput *in)
{
    ChardevFrontend *fe = &in->chr->fe;

    if (!fe->receive) {
        return G_MAXSIZE;
    }
    return fe->can_receive ? fe->can_receive(fe->opaque) : G_MAXSIZE;
}

/* Hand pending bytes over; true when all of them went. */
static bool chardev_input_flush(ChardevInput *in)
{
    ChardevFrontend *fe = &in->chr->fe;

    while (in->pending->len) {
        size_t n = MIN(chardev_input_room(in), in->pending->len);

        if (!n) {
            return false;
        }
        if (fe->receive) {
            fe->receive(fe->opaque, in->pending->data, n);
        }
        g_byte_array_remove_range(in->pending, 0, n);
    }
    return true;
}

static void chardev_input_take(ChardevInput *in, const uint8_t *buf,
                               size_t len)
{
    if (in->filter) {
        in->filter(in->chr, buf, len, in->pending);
    } else {
        g_byte_array_append(in->pending, buf, len);
    }
}

static void chardev_input_hit_eof(ChardevInput *in)
{
    in->eof = true;
    in->watch = 0;
    if (in->on_eof) {
        in->on_eof(in->chr);
    }
}

static gboolean chardev_input_ready(gint fd, GIOCondition cond,
                                    gpointer opaque)
{
    ChardevInput *in = opaque;
    uint8_t buf[CHARDEV_READ_CHUNK];
    size_t room;
    ssize_t r;

    if (!chardev_input_flush(in) || !(room = chardev_input_room(in))) {
        in->watch = 0;
        return G_SOURCE_REMOVE;
    }
    r = read(fd, buf, MIN(room, sizeof(buf)));
    if (r < 0 && (errno == EINTR || errno == EAGAIN)) {
        return G_SOURCE_CONTINUE;
    }
    if (r <= 0) {
        chardev_input_hit_eof(in);
        return G_SOURCE_REMOVE;
    }
    chardev_input_take(in, buf, r);
    if (!in->watch) {
        /* the filter or the frontend detached us */
        return G_SOURCE_REMOVE;
    }
    if (!chardev_input_flush(in)) {
        in->watch = 0;
        return G_SOURCE_REMOVE;
    }
    return G_SOURCE_CONTINUE;
}

void chardev_input_resume(ChardevInput *in)
{
    if (chardev_input_flush(in)) {
        chardev_input_watch(in);
    }
}

static bool chardev_wait_writable(int fd, int timeout_ms)
{
    struct pollfd pfd = { .fd = fd, .events = POLLOUT };
    int r;

    do {
        r = poll(&pfd, 1, timeout_ms);
    } while (r < 0 && errno == EINTR);
    return r > 0 && !(pfd.revents & POLLNVAL);
}

ChardevWriteResult chardev_write_all(int fd, bool is_socket,
                                     const uint8_t *buf, size_t len,
                                     int timeout_ms)
{
    while (len) {
        ssize_t r = is_socket ? send(fd, buf, len, MSG_NOSIGNAL)
                              : write(fd, buf, len);

        if (r > 0) {
            buf += r;
            len -= r;
        } else if (r < 0 && errno == EINTR) {
            continue;
        } else if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            if (!chardev_wait_writable(fd, timeout_ms)) {
                return CHARDEV_WRITE_STALLED;
            }
        } else {
            return CHARDEV_WRITE_GONE;
        }
    }
    return CHARDEV_WRITE_OK;
}
