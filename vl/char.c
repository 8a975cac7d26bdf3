/* SPDX-License-Identifier: MIT */
/*
 * Chardev specs: parse the QEMU-style strings given to -serial and
 * -debugcon ("stdio", "file:PATH", "tcp::4444,server,nowait", ...) into a
 * ChardevSpec, create the matching backend (vl/char-*.c) and free it
 * again. vl/options.c uses the same parser to reject bad specs early.
 */
#include "vl/chardev-backend.h"
#include "vl/char-internal.h"
#include "util/cutils.h"

#include <string.h>

static bool spec_unsupported(const char *spec, GError **errp)
{
    g_set_error(errp, KESTREL_ERROR, 0,
                "'%s' is not a supported character device (%s)", spec,
                CHARDEV_SPEC_FORMS);
    return false;
}

static bool spec_parse_port(const char *spec, const char *str,
                            unsigned *port, GError **errp)
{
    uint64_t v;

    if (!parse_uint64(str, &v, NULL) || v > 65535) {
        g_set_error(errp, KESTREL_ERROR, 0,
                    "'%s': '%s' is not a port number (0-65535)", spec, str);
        return false;
    }
    *port = v;
    return true;
}

/* "HOST:PORT" with HOST possibly empty or in brackets ("[::1]"). */
static bool spec_parse_hostport(const char *spec, const char *addr,
                                ChardevSpec *out, GError **errp)
{
    const char *colon = strrchr(addr, ':');
    g_autofree char *host = NULL;
    size_t hlen;

    if (!colon) {
        g_set_error(errp, KESTREL_ERROR, 0,
                    "'%s': expected tcp:HOST:PORT,server", spec);
        return false;
    }
    hlen = colon - addr;
    if (hlen >= 2 && addr[0] == '[' && addr[hlen - 1] == ']') {
        host = g_strndup(addr + 1, hlen - 2);
    } else {
        host = g_strndup(addr, hlen);
    }
    if (!spec_parse_port(spec, colon + 1, &out->port, errp)) {
        return false;
    }
    out->host = g_steal_pointer(&host);
    return true;
}

static bool spec_parse_flag(const char *spec, const char *opt,
                            const char *key, bool *val, GError **errp)
{
    size_t klen = strlen(key);

    if (!strcmp(opt, key)) {
        *val = true;
        return true;
    }
    if (strncmp(opt, key, klen) || opt[klen] != '=') {
        return false;
    }
    if (!parse_bool(opt + klen + 1, val, NULL)) {
        g_set_error(errp, KESTREL_ERROR, 0, "'%s': '%s' is not on or off",
                    spec, opt + klen + 1);
    }
    return true;
}

/* The ",server,nowait,..." tail of a socket spec. */
static bool spec_parse_socket_opts(const char *spec, char **opts,
                                   ChardevSpec *out, GError **errp)
{
    bool server = false;
    bool nodelay;

    out->wait = true;
    for (char **o = opts; *o; o++) {
        GError *err = NULL;

        if (!strcmp(*o, "nowait")) {
            out->wait = false;
        } else if (spec_parse_flag(spec, *o, "server", &server, &err) ||
                   spec_parse_flag(spec, *o, "wait", &out->wait, &err) ||
                   spec_parse_flag(spec, *o, "nodelay", &nodelay, &err)) {
            if (err) {
                g_propagate_error(errp, err);
                return false;
            }
        } else {
            g_set_error(errp, KESTREL_ERROR, 0,
                        "'%s': unknown socket option '%s' (server, nowait, "
                        "wait=on|off)", spec, *o);
            return false;
        }
    }
    if (!server) {
        g_set_error(errp, KESTREL_ERROR, 0,
                    "'%s': only listening sockets are supported by this "
                    "build yet (add ,server)", spec);
        return false;
    }
    return true;
}

static bool spec_parse_socket(const char *spec, const char *rest,
                              ChardevSpec *out, GError **errp)
{
    g_auto(GStrv) parts = g_strsplit(rest, ",", -1);

    if (out->kind == CHARDEV_KIND_TCP) {
        if (!spec_parse_hostport(spec, parts[0], out, errp)) {
            return false;
        }
    } else {
        if (!parts[0][0]) {
            g_set_error(errp, KESTREL_ERROR, 0,
                        "'%s': expected unix:PATH,server", spec);
            return false;
        }
        out->path = g_strdup(parts[0]);
    }
    return spec_parse_socket_opts(spec, parts + 1, out, errp);
}

bool chardev_spec_parse(const char *spec, ChardevSpec *out, GError **errp)
{
    memset(out, 0, sizeof(*out));
    if (!strcmp(spec, "none")) {
        out->kind = CHARDEV_KIND_NONE;
    } else if (!strcmp(spec, "null")) {
        out->kind = CHARDEV_KIND_NULL;
    } else if (!strcmp(spec, "stdio")) {
        out->kind = CHARDEV_KIND_STDIO;
    } else if (!strcmp(spec, "mon:stdio")) {
        out->kind = CHARDEV_KIND_MUX_STDIO;
    } else if (g_str_has_prefix(spec, "file:") && spec[5]) {
        out->kind = CHARDEV_KIND_FILE;
        out->path = g_strdup(spec + 5);
    } else if (g_str_has_prefix(spec, "tcp:")) {
        out->kind = CHARDEV_KIND_TCP;
        if (!spec_parse_socket(spec, spec + 4, out, errp)) {
            chardev_spec_clear(out);
            return false;
        }
    } else if (g_str_has_prefix(spec, "unix:")) {
        out->kind = CHARDEV_KIND_UNIX;
        if (!spec_parse_socket(spec, spec + 5, out, errp)) {
            chardev_spec_clear(out);
            return false;
        }
    } else {
        return spec_unsupported(spec, errp);
    }
    return true;
}

void chardev_spec_clear(ChardevSpec *spec)
{
    g_clear_pointer(&spec->path, g_free);
    g_clear_pointer(&spec->host, g_free);
}

bool chardev_spec_is_stdio(const char *spec)
{
    return spec && (!strcmp(spec, "stdio") || !strcmp(spec, "mon:stdio"));
}

typedef struct ChardevBackend {
    const ChardevOps *ops;
    void (*free)(Chardev *chr);
} ChardevBackend;

static const ChardevBackend chardev_backends[] = {
    { &chardev_null_ops, chardev_null_free },
    { &chardev_file_ops, chardev_file_free },
    { &chardev_stdio_ops, chardev_stdio_free },
    { &chardev_socket_ops, chardev_socket_free },
};

static Chardev *chardev_create(const ChardevSpec *spec, GError **errp)
{
    switch (spec->kind) {
    case CHARDEV_KIND_NULL:
        return chardev_null_new(errp);
    case CHARDEV_KIND_STDIO:
        return chardev_stdio_new(false, errp);
    case CHARDEV_KIND_MUX_STDIO:
        return chardev_stdio_new(true, errp);
    case CHARDEV_KIND_FILE:
        return chardev_file_new(spec, errp);
    case CHARDEV_KIND_TCP:
    case CHARDEV_KIND_UNIX:
        return chardev_socket_new(spec, errp);
    case CHARDEV_KIND_NONE:
        g_set_error(errp, KESTREL_ERROR, 0,
                    "'none' has no host end to create");
        return NULL;
    }
    g_assert_not_reached();
}

Chardev *chardev_new_from_spec(const char *spec, const char *label,
                               GError **errp)
{
    ChardevSpec parsed;
    GError *err = NULL;
    Chardev *chr;

    if (!chardev_spec_parse(spec, &parsed, errp)) {
        return NULL;
    }
    chr = chardev_create(&parsed, &err);
    chardev_spec_clear(&parsed);
    if (!chr) {
        g_propagate_prefixed_error(errp, err, "%s: ", spec);
        return NULL;
    }
    chr->label = g_strdup(label ? label : spec);
    return chr;
}

void chardev_free(Chardev *chr)
{
    if (!chr) {
        return;
    }
    g_clear_pointer(&chr->label, g_free);
    for (size_t i = 0; i < G_N_ELEMENTS(chardev_backends); i++) {
        if (chardev_backends[i].ops == chr->ops) {
            chardev_backends[i].free(chr);
            return;
        }
    }
    g_assert_not_reached();
}
