/* SPDX-License-Identifier: MIT */
/*
 * What the chardev backends in vl/ share and nothing outside vl/ needs:
 * the parsed form of a -serial / -debugcon spec (also used by
 * vl/options.c to check specs at parse time), the fd input plumbing that
 * feeds a frontend from the main loop, a write-everything helper, the
 * backend constructors, and the Ctrl-A escape state machine of mon:stdio.
 */
#ifndef VL_CHAR_INTERNAL_H
#define VL_CHAR_INTERNAL_H

#include "chardev/chardev.h"

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum ChardevKind {
    CHARDEV_KIND_NONE,          /* "none": no host end at all */
    CHARDEV_KIND_NULL,
    CHARDEV_KIND_STDIO,
    CHARDEV_KIND_MUX_STDIO,     /* "mon:stdio" */
    CHARDEV_KIND_FILE,
    CHARDEV_KIND_TCP,
    CHARDEV_KIND_UNIX,
} ChardevKind;

typedef struct ChardevSpec {
    ChardevKind kind;
    char *path;         /* file: and unix: */
    char *host;         /* tcp: "" means loopback */
    unsigned port;      /* tcp: 0 lets the kernel pick (tests) */
    bool wait;          /* tcp/unix server: wait for the first client */
} ChardevSpec;

/* The forms listed in the "not a supported character device" error. */
#define CHARDEV_SPEC_FORMS \
    "stdio, mon:stdio, file:PATH, null, none, tcp:HOST:PORT,server, " \
    "unix:PATH,server"

/*
 * Parse @spec; the error names the spec in quotes and says why, with no
 * option prefix ("'x' is not a supported character device (...)").
 */
bool chardev_spec_parse(const char *spec, ChardevSpec *out, GError **errp);
void chardev_spec_clear(ChardevSpec *spec);
/* True for stdio and mon:stdio. */
bool chardev_spec_is_stdio(const char *spec);

/*
 * Input from one fd to the frontend of @chr. Watches the fd on the
 * default GMainContext; reads only what the frontend can take; stops
 * watching while it can take nothing and again after chardev_input_resume.
 * @filter (optional) rewrites input bytes into @out (the Ctrl-A escapes);
 * @on_eof (optional) runs once the fd reports end of file or an error.
 */
typedef struct ChardevInput {
    Chardev *chr;
    int fd;                     /* -1: detached */
    guint watch;                /* 0: not watching */
    bool eof;
    GByteArray *pending;        /* filtered, not yet taken by the frontend */
    void (*filter)(Chardev *chr, const uint8_t *buf, size_t len,
                   GByteArray *out);
    void (*on_eof)(Chardev *chr);
} ChardevInput;

void chardev_input_init(ChardevInput *in, Chardev *chr,
                        void (*filter)(Chardev *, const uint8_t *, size_t,
                                       GByteArray *),
                        void (*on_eof)(Chardev *));
void chardev_input_attach(ChardevInput *in, int fd);
void chardev_input_detach(ChardevInput *in);
void chardev_input_resume(ChardevInput *in);
void chardev_input_destroy(ChardevInput *in);

typedef enum ChardevWriteResult {
    CHARDEV_WRITE_OK,
    CHARDEV_WRITE_STALLED,      /* the reader is stuck: the rest was dropped */
    CHARDEV_WRITE_GONE,         /* EPIPE, ECONNRESET, ...: the peer is gone */
} ChardevWriteResult;

/*
 * Write all of @buf to @fd, retrying partial writes and EINTR. On EAGAIN
 * wait up to @timeout_ms for room, then drop the rest (never block
 * forever). Sockets use send(MSG_NOSIGNAL), so a closed peer is an error,
 * not SIGPIPE.
 */
ChardevWriteResult chardev_write_all(int fd, bool is_socket,
                                     const uint8_t *buf, size_t len,
                                     int timeout_ms);

/* Backend constructors, called by chardev_new_from_spec. */
Chardev *chardev_null_new(GError **errp);
Chardev *chardev_file_new(const ChardevSpec *spec, GError **errp);
Chardev *chardev_stdio_new(bool mux, GError **errp);
Chardev *chardev_socket_new(const ChardevSpec *spec, GError **errp);

void chardev_null_free(Chardev *chr);
void chardev_file_free(Chardev *chr);
void chardev_stdio_free(Chardev *chr);
void chardev_socket_free(Chardev *chr);

extern const ChardevOps chardev_null_ops;
extern const ChardevOps chardev_file_ops;
extern const ChardevOps chardev_stdio_ops;
extern const ChardevOps chardev_socket_ops;

/* The port a tcp server listens on, or -1 (lets tests use port 0). */
int chardev_socket_port(Chardev *chr);

/* mon:stdio escape handling: a pure state machine over input bytes. */
#define MUX_ESCAPE_CHAR 0x01    /* Ctrl-A */

typedef enum MuxCommand {
    MUX_CMD_NONE,
    MUX_CMD_EXIT,               /* C-a x */
    MUX_CMD_HELP,               /* C-a h, C-a ? */
    MUX_CMD_MONITOR,            /* C-a c */
    MUX_CMD_SAVE,               /* C-a s */
    MUX_CMD_BREAK,              /* C-a b */
    MUX_CMD_TIMESTAMPS,         /* C-a t */
} MuxCommand;

typedef struct MuxEscape {
    bool got_escape;
} MuxEscape;

/*
 * Feed one input byte. Stores the bytes for the guest in @out (0, 1 or 2
 * of them) and returns how many; sets *cmd to the escape command seen.
 */
size_t mux_escape_feed(MuxEscape *mux, uint8_t byte, uint8_t out[2],
                       MuxCommand *cmd);
/* The C-a h text, lines ending in "\r\n" for a raw terminal. */
const char *mux_escape_help_text(void);

#endif
