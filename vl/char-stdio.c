/* SPDX-License-Identifier: MIT */
/*
 * The "stdio" and "mon:stdio" chardevs: guest output goes straight to
 * fd 1, input comes from fd 0. A terminal on stdin is put in raw input
 * mode (output processing is left alone, as QEMU does) and put back by
 * chardev_stdio_restore() at exit, on a crash and on a fatal signal.
 * Plain "stdio" keeps Ctrl-C as a signal that ends Kestrel; "mon:stdio"
 * passes Ctrl-C to the guest and reads the Ctrl-A escapes instead.
 *
 * The terminal is one per process, so its saved state is file-static.
 */
#include "vl/char-internal.h"
#include "vl/chardev-backend.h"
#include "vl/runstate.h"
#include "util/cutils.h"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

/* Only matters if someone made stdout non-blocking: then wait this long. */
#define STDIO_WRITE_TIMEOUT_MS 1000

typedef struct ChardevStdio {
    Chardev parent;
    ChardevInput in;
    bool mux;
    MuxEscape escape;
} ChardevStdio;

static struct termios stdio_saved_tty;
static volatile sig_atomic_t stdio_tty_saved;
static bool stdio_in_use;
static bool stdio_hooks_installed;

void chardev_stdio_restore(void)
{
    if (stdio_tty_saved) {
        tcsetattr(STDIN_FILENO, TCSANOW, &stdio_saved_tty);
    }
}

/* A fatal signal: put the terminal back, then die of the same signal. */
static void stdio_fatal_signal(int sig)
{
    chardev_stdio_restore();
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Catch @sig unless someone (the main loop) already handles it. */
static void stdio_catch_signal(int sig)
{
    struct sigaction old, sa;

    if (sigaction(sig, NULL, &old) < 0 || old.sa_handler != SIG_DFL ||
        (old.sa_flags & SA_SIGINFO)) {
        return;
    }
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = stdio_fatal_signal;
    sa.sa_flags = SA_RESETHAND;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

static void stdio_install_hooks(void)
{
    static const int fatal[] = {
        SIGSEGV, SIGABRT, SIGBUS, SIGILL, SIGFPE, SIGINT, SIGTERM, SIGHUP,
        SIGQUIT,
    };

    if (stdio_hooks_installed) {
        return;
    }
    stdio_hooks_installed = true;
    atexit(chardev_stdio_restore);
    for (size_t i = 0; i < G_N_ELEMENTS(fatal); i++) {
        stdio_catch_signal(fatal[i]);
    }
}

/* Raw input: bytes as typed, no echo, no line editing, 8 bits. */
static void stdio_make_raw(bool keep_signals)
{
    struct termios tty;

    if (!isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, &tty) < 0) {
        return;
    }
    stdio_saved_tty = tty;
    stdio_tty_saved = 1;
    stdio_install_hooks();
    tty.c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR |
                     ICRNL | IXON);
    tty.c_lflag &= ~(ECHO | ECHONL | ICANON | IEXTEN);
    if (!keep_signals) {
        tty.c_lflag &= ~ISIG;
    }
    tty.c_cflag &= ~(CSIZE | PARENB);
    tty.c_cflag |= CS8;
    tty.c_cc[VMIN] = 1;
    tty.c_cc[VTIME] = 0;
    tcsetattr(STDIN_FILENO, TCSANOW, &tty);
}

static void chardev_stdio_write(Chardev *chr, const uint8_t *buf, size_t len)
{
    chardev_write_all(STDOUT_FILENO, false, buf, len,
                      STDIO_WRITE_TIMEOUT_MS);
}

static void chardev_stdio_accept_input(Chardev *chr)
{
    ChardevStdio *s = (ChardevStdio *)chr;

    chardev_input_resume(&s->in);
}

const ChardevOps chardev_stdio_ops = {
    .write = chardev_stdio_write,
    .accept_input = chardev_stdio_accept_input,
};

static void stdio_say(const char *msg)
{
    chardev_write_all(STDOUT_FILENO, false, (const uint8_t *)msg,
                      strlen(msg), STDIO_WRITE_TIMEOUT_MS);
}

static void stdio_mux_command(MuxCommand cmd)
{
    switch (cmd) {
    case MUX_CMD_NONE:
        break;
    case MUX_CMD_EXIT:
        stdio_say("\r\nkestrel: terminated from the console (C-a x)\r\n");
        runstate_request_exit(0);
        break;
    case MUX_CMD_HELP:
        stdio_say(mux_escape_help_text());
        break;
    case MUX_CMD_MONITOR:
        stdio_say("\r\nkestrel: the monitor is not built yet\r\n");
        break;
    case MUX_CMD_SAVE:
        stdio_say("\r\nkestrel: C-a s (save disk data) is not supported "
                  "yet\r\n");
        break;
    case MUX_CMD_BREAK:
        stdio_say("\r\nkestrel: C-a b (send break) is not supported yet\r\n");
        break;
    case MUX_CMD_TIMESTAMPS:
        stdio_say("\r\nkestrel: C-a t (timestamps) is not supported yet\r\n");
        break;
    }
}

static void stdio_mux_filter(Chardev *chr, const uint8_t *buf, size_t len,
                             GByteArray *out)
{
    ChardevStdio *s = (ChardevStdio *)chr;

    for (size_t i = 0; i < len; i++) {
        uint8_t guest[2];
        MuxCommand cmd;
        size_t n = mux_escape_feed(&s->escape, buf[i], guest, &cmd);

        g_byte_array_append(out, guest, n);
        stdio_mux_command(cmd);
    }
}

Chardev *chardev_stdio_new(bool mux, GError **errp)
{
    ChardevStdio *s;

    if (stdio_in_use) {
        g_set_error(errp, KESTREL_ERROR, 0,
                    "stdio is already used by another character device");
        return NULL;
    }
    stdio_in_use = true;
    s = g_new0(ChardevStdio, 1);
    s->parent.ops = &chardev_stdio_ops;
    s->mux = mux;
    stdio_make_raw(!mux);
    chardev_input_init(&s->in, &s->parent, mux ? stdio_mux_filter : NULL,
                       NULL);
    if (fcntl(STDIN_FILENO, F_GETFD) >= 0) {
        chardev_input_attach(&s->in, STDIN_FILENO);
    }
    return &s->parent;
}

void chardev_stdio_free(Chardev *chr)
{
    ChardevStdio *s = (ChardevStdio *)chr;

    chardev_input_destroy(&s->in);
    chardev_stdio_restore();
    stdio_in_use = false;
    g_free(s);
}
