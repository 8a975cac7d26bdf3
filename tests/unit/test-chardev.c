/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for the chardev backends (vl/char*.c): specs, the file and
 * null backends, listening tcp and unix sockets driven through the
 * default main context with a test frontend, and the Ctrl-A escape state
 * machine of mon:stdio.
 */
#include "vl/chardev-backend.h"
#include "vl/char-internal.h"

#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <netinet/in.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

typedef struct TestFrontend {
    GByteArray *got;
    size_t room;        /* what can_receive reports; used up by receive */
} TestFrontend;

static size_t fe_can_receive(void *opaque)
{
    TestFrontend *fe = opaque;

    return fe->room;
}

static void fe_receive(void *opaque, const uint8_t *buf, size_t len)
{
    TestFrontend *fe = opaque;

    g_assert_cmpuint(len, <=, fe->room);
    fe->room -= len;
    g_byte_array_append(fe->got, buf, len);
}

static void fe_init(TestFrontend *fe, Chardev *chr, size_t room)
{
    fe->got = g_byte_array_new();
    fe->room = room;
    chardev_set_frontend(chr, fe_can_receive, fe_receive, fe);
}

/* Run the default main context until @len bytes arrived (or 5 s passed). */
static void wait_for_input(TestFrontend *fe, size_t len)
{
    gint64 deadline = g_get_monotonic_time() + 5 * G_USEC_PER_SEC;

    while (fe->got->len < len && g_get_monotonic_time() < deadline) {
        g_main_context_iteration(NULL, FALSE);
        g_usleep(1000);
    }
}

/* A few idle turns of the main loop, for things that should not happen. */
static void spin_main_loop(void)
{
    for (int i = 0; i < 50; i++) {
        g_main_context_iteration(NULL, FALSE);
        g_usleep(1000);
    }
}

static Chardev *new_ok(const char *spec)
{
    GError *err = NULL;
    Chardev *chr = chardev_new_from_spec(spec, "test", &err);

    g_assert_no_error(err);
    g_assert_nonnull(chr);
    g_assert_cmpstr(chr->label, ==, "test");
    return chr;
}

static void write_str(Chardev *chr, const char *s)
{
    chardev_write(chr, (const uint8_t *)s, strlen(s));
}

/* Read exactly @len bytes from @fd within 5 s. */
static char *read_exact(int fd, size_t len)
{
    char *buf = g_malloc0(len + 1);
    size_t got = 0;

    while (got < len) {
        struct pollfd pfd = { .fd = fd, .events = POLLIN };
        ssize_t r;

        g_assert_cmpint(poll(&pfd, 1, 5000), ==, 1);
        r = read(fd, buf + got, len - got);
        g_assert_cmpint(r, >, 0);
        got += r;
    }
    return buf;
}

static void send_str(int fd, const char *s)
{
    g_assert_cmpint(send(fd, s, strlen(s), MSG_NOSIGNAL), ==, strlen(s));
}

static int connect_tcp(int port)
{
    struct sockaddr_in sin = {
        .sin_family = AF_INET,
        .sin_port = htons(port),
        .sin_addr.s_addr = htonl(INADDR_LOOPBACK),
    };
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    g_assert_cmpint(fd, >=, 0);
    g_assert_cmpint(connect(fd, (struct sockaddr *)&sin, sizeof(sin)), ==, 0);
    return fd;
}

static int connect_unix(const char *path)
{
    struct sockaddr_un sun = { .sun_family = AF_UNIX };
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);

    g_assert_cmpint(fd, >=, 0);
    g_strlcpy(sun.sun_path, path, sizeof(sun.sun_path));
    if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}

static void test_file(void)
{
    g_autofree char *dir = g_dir_make_tmp("kestrel-chardev-XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, "out.txt", NULL);
    g_autofree char *spec = g_strconcat("file:", path, NULL);
    g_autofree char *contents = NULL;
    Chardev *chr;

    g_assert_true(g_file_set_contents(path, "old contents", -1, NULL));
    chr = new_ok(spec);
    write_str(chr, "hello, ");
    write_str(chr, "world\n");
    chardev_accept_input(chr);
    chardev_free(chr);
    g_assert_true(g_file_get_contents(path, &contents, NULL, NULL));
    g_assert_cmpstr(contents, ==, "hello, world\n");
    g_unlink(path);
    g_rmdir(dir);
}

static void test_file_error(void)
{
    GError *err = NULL;
    Chardev *chr = chardev_new_from_spec("file:/nonexistent/dir/x", NULL,
                                         &err);

    g_assert_null(chr);
    g_assert_cmpstr(err->message, ==, "file:/nonexistent/dir/x: cannot open "
                    "'/nonexistent/dir/x': No such file or directory");
    g_error_free(err);
}

static void test_null(void)
{
    Chardev *chr = new_ok("null");

    write_str(chr, "into the void");
    chardev_accept_input(chr);
    chardev_free(chr);
}

static void test_bad_specs(void)
{
    static const struct {
        const char *spec;
        const char *message;
    } cases[] = {
        { "vc", "'vc' is not a supported character device (stdio, mon:stdio, "
          "file:PATH, null, none, tcp:HOST:PORT,server, unix:PATH,server)" },
        { "", "'' is not a supported character device (stdio, mon:stdio, "
          "file:PATH, null, none, tcp:HOST:PORT,server, unix:PATH,server)" },
        { "tcp::x,server", "'tcp::x,server': 'x' is not a port number "
          "(0-65535)" },
        { "tcp::1234", "'tcp::1234': only listening sockets are supported "
          "by this build yet (add ,server)" },
        { "unix:,server", "'unix:,server': expected unix:PATH,server" },
        { "tcp::1,server,wait=maybe", "'tcp::1,server,wait=maybe': 'maybe' "
          "is not on or off" },
    };

    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        GError *err = NULL;

        g_assert_null(chardev_new_from_spec(cases[i].spec, NULL, &err));
        g_assert_cmpstr(err->message, ==, cases[i].message);
        g_error_free(err);
    }
}

static void test_spec_parse(void)
{
    ChardevSpec spec;

    g_assert_true(chardev_spec_parse("tcp::4444,server,nowait", &spec, NULL));
    g_assert_cmpint(spec.kind, ==, CHARDEV_KIND_TCP);
    g_assert_cmpstr(spec.host, ==, "");
    g_assert_cmpuint(spec.port, ==, 4444);
    g_assert_false(spec.wait);
    chardev_spec_clear(&spec);

    g_assert_true(chardev_spec_parse("tcp:[::1]:80,server=on,wait=on", &spec,
                                     NULL));
    g_assert_cmpstr(spec.host, ==, "::1");
    g_assert_true(spec.wait);
    chardev_spec_clear(&spec);

    g_assert_true(chardev_spec_parse("unix:/tmp/k.sock,server", &spec, NULL));
    g_assert_cmpint(spec.kind, ==, CHARDEV_KIND_UNIX);
    g_assert_cmpstr(spec.path, ==, "/tmp/k.sock");
    g_assert_true(spec.wait);
    chardev_spec_clear(&spec);

    g_assert_true(chardev_spec_parse("mon:stdio", &spec, NULL));
    g_assert_cmpint(spec.kind, ==, CHARDEV_KIND_MUX_STDIO);
    g_assert_true(chardev_spec_parse("none", &spec, NULL));
    g_assert_cmpint(spec.kind, ==, CHARDEV_KIND_NONE);
}

/* Bytes flow both ways with one client, and it can come back. */
static void exercise_socket(Chardev *chr, int (*connect_fn)(gpointer),
                            gpointer addr)
{
    TestFrontend fe;
    g_autofree char *echo = NULL;
    g_autofree char *again = NULL;
    int fd;

    fe_init(&fe, chr, 64);
    write_str(chr, "dropped: nobody listens");

    fd = connect_fn(addr);
    send_str(fd, "k");
    wait_for_input(&fe, 1);
    g_assert_cmpuint(fe.got->len, ==, 1);
    g_assert_cmpint(fe.got->data[0], ==, 'k');
    write_str(chr, "hello");
    echo = read_exact(fd, 5);
    g_assert_cmpstr(echo, ==, "hello");

    close(fd);
    spin_main_loop();
    write_str(chr, "dropped again");
    fd = connect_fn(addr);
    send_str(fd, "2");
    wait_for_input(&fe, 2);
    g_assert_cmpmem(fe.got->data, fe.got->len, "k2", 2);
    write_str(chr, "back");
    again = read_exact(fd, 4);
    g_assert_cmpstr(again, ==, "back");
    close(fd);
    g_byte_array_unref(fe.got);
}

static int connect_tcp_cb(gpointer addr)
{
    return connect_tcp(GPOINTER_TO_INT(addr));
}

static int connect_unix_cb(gpointer addr)
{
    int fd = connect_unix(addr);

    g_assert_cmpint(fd, >=, 0);
    return fd;
}

static void test_tcp_nowait(void)
{
    Chardev *chr = new_ok("tcp::0,server,nowait");
    int port = chardev_socket_port(chr);

    g_assert_cmpint(port, >, 0);
    exercise_socket(chr, connect_tcp_cb, GINT_TO_POINTER(port));
    chardev_free(chr);
}

/* A frontend that is full stops the input until it accepts again. */
static void test_tcp_flow_control(void)
{
    Chardev *chr = new_ok("tcp:127.0.0.1:0,server,nowait");
    TestFrontend fe;
    int fd;

    fe_init(&fe, chr, 1);
    fd = connect_tcp(chardev_socket_port(chr));
    send_str(fd, "abc");
    wait_for_input(&fe, 1);
    spin_main_loop();
    g_assert_cmpmem(fe.got->data, fe.got->len, "a", 1);
    g_assert_cmpuint(fe.room, ==, 0);

    fe.room = 16;
    chardev_accept_input(chr);
    wait_for_input(&fe, 3);
    g_assert_cmpmem(fe.got->data, fe.got->len, "abc", 3);
    close(fd);
    chardev_free(chr);
    g_byte_array_unref(fe.got);
}

/* A client that never reads costs one short wait, not a stuck vCPU. */
static void test_tcp_stuck_client(void)
{
    Chardev *chr = new_ok("tcp::0,server,nowait");
    g_autofree uint8_t *chunk = g_malloc0(64 * 1024);
    TestFrontend fe;
    gint64 start;
    int fd;

    fe_init(&fe, chr, 8);
    fd = connect_tcp(chardev_socket_port(chr));
    send_str(fd, "s");
    wait_for_input(&fe, 1);
    start = g_get_monotonic_time();
    for (int i = 0; i < 400; i++) {
        chardev_write(chr, chunk, 64 * 1024);
    }
    g_assert_cmpint(g_get_monotonic_time() - start, <, 3 * G_USEC_PER_SEC);
    close(fd);
    chardev_free(chr);
    g_byte_array_unref(fe.got);
}

static void test_unix_nowait(void)
{
    g_autofree char *dir = g_dir_make_tmp("kestrel-chardev-XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, "serial.sock", NULL);
    g_autofree char *spec = g_strconcat("unix:", path, ",server,nowait",
                                        NULL);
    struct sockaddr_un sun = { .sun_family = AF_UNIX };
    int stale = socket(AF_UNIX, SOCK_STREAM, 0);
    Chardev *chr;

    /* leave a socket file behind, as a killed run would */
    g_strlcpy(sun.sun_path, path, sizeof(sun.sun_path));
    g_assert_cmpint(bind(stale, (struct sockaddr *)&sun, sizeof(sun)), ==, 0);
    close(stale);
    g_assert_true(g_file_test(path, G_FILE_TEST_EXISTS));

    chr = new_ok(spec);
    exercise_socket(chr, connect_unix_cb, path);
    chardev_free(chr);
    g_assert_false(g_file_test(path, G_FILE_TEST_EXISTS));
    g_rmdir(dir);
}

static void test_unix_not_a_socket(void)
{
    g_autofree char *dir = g_dir_make_tmp("kestrel-chardev-XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, "plain", NULL);
    g_autofree char *spec = g_strconcat("unix:", path, ",server,nowait",
                                        NULL);
    g_autofree char *want = g_strdup_printf("%s: '%s' exists and is not a "
                                            "socket", spec, path);
    GError *err = NULL;

    g_assert_true(g_file_set_contents(path, "data", -1, NULL));
    g_assert_null(chardev_new_from_spec(spec, NULL, &err));
    g_assert_cmpstr(err->message, ==, want);
    g_error_free(err);
    g_unlink(path);
    g_rmdir(dir);
}

static gpointer late_client(gpointer path)
{
    for (int i = 0; i < 500; i++) {
        int fd = connect_unix(path);

        if (fd >= 0) {
            send_str(fd, "w");
            return GINT_TO_POINTER(fd);
        }
        g_usleep(10000);
    }
    return GINT_TO_POINTER(-1);
}

/* Without nowait, creating the backend returns once a client is there. */
static void test_unix_wait(void)
{
    g_autofree char *dir = g_dir_make_tmp("kestrel-chardev-XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, "wait.sock", NULL);
    g_autofree char *spec = g_strconcat("unix:", path, ",server", NULL);
    GThread *client = g_thread_new("client", late_client, path);
    Chardev *chr = new_ok(spec);
    TestFrontend fe;
    int fd = GPOINTER_TO_INT(g_thread_join(client));

    g_assert_cmpint(fd, >=, 0);
    fe_init(&fe, chr, 8);
    wait_for_input(&fe, 1);
    g_assert_cmpmem(fe.got->data, fe.got->len, "w", 1);
    close(fd);
    chardev_free(chr);
    g_byte_array_unref(fe.got);
    g_rmdir(dir);
}

/* Feed @in to a fresh state machine; collect guest bytes and commands. */
static void mux_run(const char *in, size_t len, GByteArray *guest,
                    GArray *cmds)
{
    MuxEscape mux = { 0 };

    for (size_t i = 0; i < len; i++) {
        uint8_t out[2];
        MuxCommand cmd;
        size_t n = mux_escape_feed(&mux, in[i], out, &cmd);

        g_byte_array_append(guest, out, n);
        if (cmd != MUX_CMD_NONE) {
            g_array_append_val(cmds, cmd);
        }
    }
}

static void check_mux(const char *in, size_t len, const char *guest_want,
                      size_t guest_len, MuxCommand cmd_want)
{
    g_autoptr(GByteArray) guest = g_byte_array_new();
    g_autoptr(GArray) cmds = g_array_new(FALSE, FALSE, sizeof(MuxCommand));

    mux_run(in, len, guest, cmds);
    g_assert_cmpmem(guest->data, guest->len, guest_want, guest_len);
    if (cmd_want == MUX_CMD_NONE) {
        g_assert_cmpuint(cmds->len, ==, 0);
    } else {
        g_assert_cmpuint(cmds->len, ==, 1);
        g_assert_cmpint(g_array_index(cmds, MuxCommand, 0), ==, cmd_want);
    }
}

static void test_mux_escapes(void)
{
    check_mux("plain\x03text", 10, "plain\x03text", 10, MUX_CMD_NONE);
    check_mux("ab\x01x", 4, "ab", 2, MUX_CMD_EXIT);
    check_mux("\x01h", 2, "", 0, MUX_CMD_HELP);
    check_mux("\x01?", 2, "", 0, MUX_CMD_HELP);
    check_mux("\x01" "c", 2, "", 0, MUX_CMD_MONITOR);
    check_mux("\x01s", 2, "", 0, MUX_CMD_SAVE);
    check_mux("\x01" "b", 2, "", 0, MUX_CMD_BREAK);
    check_mux("\x01t", 2, "", 0, MUX_CMD_TIMESTAMPS);
    check_mux("\x01\x01", 2, "\x01", 1, MUX_CMD_NONE);
    check_mux("\x01\x01x", 3, "\x01x", 2, MUX_CMD_NONE);
    check_mux("\x01q", 2, "\x01q", 2, MUX_CMD_NONE);
    check_mux("\x01", 1, "", 0, MUX_CMD_NONE);
    g_assert_nonnull(strstr(mux_escape_help_text(), "C-a x"));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/chardev/spec/parse", test_spec_parse);
    g_test_add_func("/chardev/spec/bad", test_bad_specs);
    g_test_add_func("/chardev/file", test_file);
    g_test_add_func("/chardev/file/error", test_file_error);
    g_test_add_func("/chardev/null", test_null);
    g_test_add_func("/chardev/tcp/nowait", test_tcp_nowait);
    g_test_add_func("/chardev/tcp/flow-control", test_tcp_flow_control);
    g_test_add_func("/chardev/tcp/stuck-client", test_tcp_stuck_client);
    g_test_add_func("/chardev/unix/nowait", test_unix_nowait);
    g_test_add_func("/chardev/unix/not-a-socket", test_unix_not_a_socket);
    g_test_add_func("/chardev/unix/wait", test_unix_wait);
    g_test_add_func("/chardev/mux/escapes", test_mux_escapes);
    return g_test_run();
}
