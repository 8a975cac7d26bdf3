/* SPDX-License-Identifier: MIT */
/*
 * The listening socket chardevs, "tcp:HOST:PORT,server" and
 * "unix:PATH,server". One client at a time: it gets the guest's output and
 * its bytes are the guest's input; when it goes away the socket listens
 * again, and output with nobody connected is dropped. By default the
 * backend waits for the first client before returning (QEMU's wait=on);
 * ",nowait" returns at once and accepts from the main loop.
 */
#include "vl/char-internal.h"
#include "util/cutils.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <glib-unix.h>

/*
 * How long output waits for a client that does not read. After one such
 * wait, output to that client is dropped without waiting until it reads
 * again, so a stuck client cannot stall the vCPU holding the big lock.
 */
#define SOCKET_WRITE_TIMEOUT_MS 500

typedef struct ChardevSocket {
    Chardev parent;
    ChardevInput in;
    int listen_fd;
    int client_fd;              /* -1: nobody connected */
    guint listen_watch;
    bool stalled;               /* the client stopped reading */
    bool is_tcp;
    char *unix_path;            /* removed again when freed */
    char *desc;                 /* "tcp:127.0.0.1:4444" for messages */
} ChardevSocket;

static gboolean socket_accept_ready(gint fd, GIOCondition cond,
                                    gpointer opaque);

static void socket_listen_watch(ChardevSocket *s)
{
    if (!s->listen_watch) {
        s->listen_watch = g_unix_fd_add(s->listen_fd, G_IO_IN,
                                        socket_accept_ready, s);
    }
}

static void socket_drop_client(ChardevSocket *s)
{
    if (s->client_fd < 0) {
        return;
    }
    chardev_input_detach(&s->in);
    close(s->client_fd);
    s->client_fd = -1;
    socket_listen_watch(s);
    chardev_send_event(&s->parent, CHARDEV_EVENT_CLOSED);
}

static void socket_client_eof(Chardev *chr)
{
    socket_drop_client((ChardevSocket *)chr);
}

static void socket_set_client(ChardevSocket *s, int fd)
{
    int one = 1;

    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    if (s->is_tcp) {
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    }
    s->client_fd = fd;
    s->stalled = false;
    chardev_input_attach(&s->in, fd);
    chardev_send_event(&s->parent, CHARDEV_EVENT_OPENED);
}

static int socket_accept(ChardevSocket *s)
{
    int fd;

    do {
        fd = accept4(s->listen_fd, NULL, NULL, SOCK_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    return fd;
}

static gboolean socket_accept_ready(gint fd, GIOCondition cond,
                                    gpointer opaque)
{
    ChardevSocket *s = opaque;
    int client = socket_accept(s);

    if (client < 0) {
        return G_SOURCE_CONTINUE;
    }
    s->listen_watch = 0;
    socket_set_client(s, client);
    return G_SOURCE_REMOVE;
}

static void chardev_socket_write(Chardev *chr, const uint8_t *buf,
                                 size_t len)
{
    ChardevSocket *s = (ChardevSocket *)chr;
    ChardevWriteResult r;

    if (s->client_fd < 0) {
        return;
    }
    r = chardev_write_all(s->client_fd, true, buf, len,
                          s->stalled ? 0 : SOCKET_WRITE_TIMEOUT_MS);
    s->stalled = r == CHARDEV_WRITE_STALLED;
    if (r == CHARDEV_WRITE_GONE) {
        socket_drop_client(s);
    }
}

static void chardev_socket_accept_input(Chardev *chr)
{
    ChardevSocket *s = (ChardevSocket *)chr;

    chardev_input_resume(&s->in);
}

const ChardevOps chardev_socket_ops = {
    .write = chardev_socket_write,
    .accept_input = chardev_socket_accept_input,
};

static bool socket_listen_on(ChardevSocket *s, const struct sockaddr *sa,
                             socklen_t salen, GError **errp)
{
    int one = 1;
    int fd = socket(sa->sa_family, SOCK_STREAM | SOCK_CLOEXEC, 0);

    if (fd < 0) {
        g_set_error(errp, KESTREL_ERROR, 0, "cannot create a socket: %s",
                    g_strerror(errno));
        return false;
    }
    if (sa->sa_family != AF_UNIX) {
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    }
    if (bind(fd, sa, salen) < 0 || listen(fd, 1) < 0) {
        g_set_error(errp, KESTREL_ERROR, 0, "cannot listen on %s: %s",
                    s->desc, g_strerror(errno));
        close(fd);
        return false;
    }
    s->listen_fd = fd;
    return true;
}

static bool socket_listen_tcp(ChardevSocket *s, const ChardevSpec *spec,
                              GError **errp)
{
    const char *host = spec->host[0] ? spec->host : "127.0.0.1";
    struct addrinfo hints = {
        .ai_flags = AI_PASSIVE | AI_NUMERICSERV,
        .ai_family = AF_UNSPEC,
        .ai_socktype = SOCK_STREAM,
    };
    struct addrinfo *res;
    g_autofree char *port = g_strdup_printf("%u", spec->port);
    int r;
    bool ok;

    s->is_tcp = true;
    s->desc = g_strdup_printf(strchr(host, ':') ? "tcp:[%s]:%u" : "tcp:%s:%u",
                              host, spec->port);
    r = getaddrinfo(host, port, &hints, &res);
    if (r) {
        g_set_error(errp, KESTREL_ERROR, 0, "cannot resolve '%s': %s", host,
                    gai_strerror(r));
        return false;
    }
    ok = socket_listen_on(s, res->ai_addr, res->ai_addrlen, errp);
    freeaddrinfo(res);
    return ok;
}

/* A socket file left behind by an earlier run is in the way of bind(). */
static bool socket_remove_stale(const char *path, GError **errp)
{
    struct stat st;

    if (lstat(path, &st) < 0) {
        return true;
    }
    if (!S_ISSOCK(st.st_mode)) {
        g_set_error(errp, KESTREL_ERROR, 0,
                    "'%s' exists and is not a socket", path);
        return false;
    }
    unlink(path);
    return true;
}

static bool socket_listen_unix(ChardevSocket *s, const ChardevSpec *spec,
                               GError **errp)
{
    struct sockaddr_un sun = { .sun_family = AF_UNIX };

    s->desc = g_strdup_printf("unix:%s", spec->path);
    if (strlen(spec->path) >= sizeof(sun.sun_path)) {
        g_set_error(errp, KESTREL_ERROR, 0,
                    "socket path '%s' is too long (at most %zu bytes)",
                    spec->path, sizeof(sun.sun_path) - 1);
        return false;
    }
    if (!socket_remove_stale(spec->path, errp)) {
        return false;
    }
    strcpy(sun.sun_path, spec->path);
    if (!socket_listen_on(s, (struct sockaddr *)&sun, sizeof(sun), errp)) {
        return false;
    }
    s->unix_path = g_strdup(spec->path);
    return true;
}

static bool socket_wait_first_client(ChardevSocket *s, GError **errp)
{
    int fd;

    fprintf(stderr, "kestrel: waiting for connection on %s\n", s->desc);
    fd = socket_accept(s);
    if (fd < 0) {
        g_set_error(errp, KESTREL_ERROR, 0, "accept on %s failed: %s",
                    s->desc, g_strerror(errno));
        return false;
    }
    socket_set_client(s, fd);
    return true;
}

Chardev *chardev_socket_new(const ChardevSpec *spec, GError **errp)
{
    ChardevSocket *s = g_new0(ChardevSocket, 1);
    bool ok;

    s->parent.ops = &chardev_socket_ops;
    s->listen_fd = -1;
    s->client_fd = -1;
    chardev_input_init(&s->in, &s->parent, NULL, socket_client_eof);
    ok = spec->kind == CHARDEV_KIND_TCP ? socket_listen_tcp(s, spec, errp)
                                        : socket_listen_unix(s, spec, errp);
    if (ok && spec->wait) {
        ok = socket_wait_first_client(s, errp);
    }
    if (!ok) {
        chardev_socket_free(&s->parent);
        return NULL;
    }
    if (s->client_fd < 0) {
        socket_listen_watch(s);
    }
    return &s->parent;
}

int chardev_socket_port(Chardev *chr)
{
    ChardevSocket *s = (ChardevSocket *)chr;
    struct sockaddr_storage ss;
    socklen_t len = sizeof(ss);

    if (chr->ops != &chardev_socket_ops || !s->is_tcp || s->listen_fd < 0 ||
        getsockname(s->listen_fd, (struct sockaddr *)&ss, &len) < 0) {
        return -1;
    }
    if (ss.ss_family == AF_INET) {
        return ntohs(((struct sockaddr_in *)&ss)->sin_port);
    }
    if (ss.ss_family == AF_INET6) {
        return ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
    }
    return -1;
}

void chardev_socket_free(Chardev *chr)
{
    ChardevSocket *s = (ChardevSocket *)chr;

    socket_drop_client(s);
    chardev_input_destroy(&s->in);
    if (s->listen_watch) {
        g_source_remove(s->listen_watch);
    }
    if (s->listen_fd >= 0) {
        close(s->listen_fd);
    }
    if (s->unix_path) {
        unlink(s->unix_path);
    }
    g_free(s->unix_path);
    g_free(s->desc);
    g_free(s);
}
