/* SPDX-License-Identifier: MIT */
/*
 * The gdbstub's pure parts: packet framing (checksums, acks, escapes,
 * interrupts, oversized and broken packets) and hex helpers, and the x86
 * register map (sizes, round trips, the target descriptions' shape).
 */
#include "vl/gdbstub.h"
#include "target-i386/gdb.h"

#include <string.h>

static GdbRxEvent feed(GdbRx *rx, const char *s)
{
    GdbRxEvent last = GDB_RX_NONE;

    for (; *s; s++) {
        GdbRxEvent e = gdb_rx_feed(rx, (uint8_t)*s);

        if (e != GDB_RX_NONE) {
            last = e;
        }
    }
    return last;
}

static void test_rx_good(void)
{
    GdbRx rx;

    gdb_rx_init(&rx);
    g_assert_cmpint(feed(&rx, "$g#67"), ==, GDB_RX_PACKET);
    g_assert_cmpstr((char *)rx.buf->data, ==, "g");
    g_assert_cmpint(feed(&rx, "+"), ==, GDB_RX_ACK);
    g_assert_cmpint(feed(&rx, "-"), ==, GDB_RX_NAK);
    g_assert_cmpint(feed(&rx, "\x03"), ==, GDB_RX_INTERRUPT);
    g_assert_cmpint(feed(&rx, "$m100,4#5E"), ==, GDB_RX_PACKET);
    g_assert_cmpstr((char *)rx.buf->data, ==, "m100,4");
    gdb_rx_destroy(&rx);
}

static void test_rx_bad(void)
{
    GdbRx rx;
    GString *big = g_string_new("$");

    gdb_rx_init(&rx);
    g_assert_cmpint(feed(&rx, "$g#00"), ==, GDB_RX_BAD);
    g_assert_cmpint(feed(&rx, "$g#zz"), ==, GDB_RX_BAD);
    /* A '$' inside a packet restarts it. */
    g_assert_cmpint(feed(&rx, "$junk$g#67"), ==, GDB_RX_PACKET);
    for (int i = 0; i < GDB_MAX_PACKET + 10; i++) {
        g_string_append_c(big, 'a');
    }
    g_string_append(big, "#00");
    g_assert_cmpint(feed(&rx, big->str), ==, GDB_RX_BAD);
    g_assert_cmpint(feed(&rx, "$?#3f"), ==, GDB_RX_PACKET);
    g_string_free(big, true);
    gdb_rx_destroy(&rx);
}

static void test_frame_escape(void)
{
    const uint8_t body[] = { 'a', '#', '}', '$', '*', 0 };
    GString *f = gdb_frame(body, sizeof(body));
    GdbRx rx;
    size_t n;

    gdb_rx_init(&rx);
    g_assert_cmpint(feed(&rx, f->str), ==, GDB_RX_NONE);
    /* feed() stops at the NUL of the body; run the rest by hand. */
    for (size_t i = 0; i < f->len; i++) {
        if (gdb_rx_feed(&rx, f->str[i]) == GDB_RX_PACKET) {
            break;
        }
    }
    n = gdb_unescape(rx.buf->data, rx.buf->len - 1);
    g_assert_cmpuint(n, ==, sizeof(body));
    g_assert_cmpmem(rx.buf->data, n, body, sizeof(body));
    g_string_free(f, true);
    gdb_rx_destroy(&rx);
}

static void test_hex(void)
{
    uint64_t v;
    const char *end;
    uint8_t b[4];
    GString *s = g_string_new(NULL);

    g_assert_true(gdb_parse_hex("ffffffff81000000,", &v, &end));
    g_assert_cmphex(v, ==, 0xffffffff81000000ull);
    g_assert_cmpint(*end, ==, ',');
    g_assert_false(gdb_parse_hex("xyz", &v, &end));
    g_assert_false(gdb_parse_hex("11112222333344445", &v, &end));
    g_assert_true(gdb_hex_to_bytes("deadBEEF", 8, b));
    g_assert_cmphex(b[3], ==, 0xef);
    g_assert_false(gdb_hex_to_bytes("abc", 3, b));
    g_assert_false(gdb_hex_to_bytes("zz", 2, b));
    gdb_bytes_to_hex(s, b, 4);
    g_assert_cmpstr(s->str, ==, "deadbeef");
    g_string_free(s, true);
}

static void test_x86_regs(void)
{
    CPUX86State env = { 0 };
    uint8_t buf[16];
    unsigned n64 = x86_gdb_num_regs(X86_GDB_X86_64);
    unsigned n32 = x86_gdb_num_regs(X86_GDB_I386);

    env.regs[R_EBX] = 0x1122334455667788ull;
    env.rip = 0xffffffff81000000ull;
    g_assert_cmpint(x86_gdb_read_reg(&env, X86_GDB_X86_64, 1, buf), ==, 8);
    g_assert_cmphex(buf[0], ==, 0x88);
    g_assert_cmpint(x86_gdb_read_reg(&env, X86_GDB_X86_64, 16, buf), ==, 8);
    g_assert_cmphex(buf[7], ==, 0xff);
    /* i386: ebx is register 3 and writes keep the upper half. */
    memcpy(buf, "\x01\x02\x03\x04", 4);
    g_assert_cmpint(x86_gdb_write_reg(&env, X86_GDB_I386, 3, buf, 4), ==, 4);
    g_assert_cmphex(env.regs[R_EBX], ==, 0x1122334404030201ull);
    g_assert_cmpint(x86_gdb_read_reg(&env, X86_GDB_I386, n32, buf), ==, -1);
    g_assert_cmpint(x86_gdb_write_reg(&env, X86_GDB_I386, 3, buf, 2), ==, -1);
    /* Every register reads; st0 is 10 bytes, xmm0 16. */
    for (unsigned i = 0; i < n64; i++) {
        g_assert_cmpint(x86_gdb_read_reg(&env, X86_GDB_X86_64, i, buf), >, 0);
    }
    g_assert_cmpint(x86_gdb_read_reg(&env, X86_GDB_X86_64, 24, buf), ==, 10);
    g_assert_cmpint(x86_gdb_read_reg(&env, X86_GDB_X86_64, 40, buf), ==, 16);
    g_assert_nonnull(strstr(x86_gdb_target_xml(X86_GDB_X86_64),
                            "<architecture>i386:x86-64</architecture>"));
    g_assert_nonnull(strstr(x86_gdb_target_xml(X86_GDB_X86_64),
                            "name=\"efer\""));
    g_assert_nonnull(strstr(x86_gdb_target_xml(X86_GDB_I386),
                            "name=\"cr3\""));
    env.efer = EFER_LMA;
    g_assert_cmpint(x86_gdb_arch_for(&env), ==, X86_GDB_X86_64);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/gdbstub/rx/good", test_rx_good);
    g_test_add_func("/gdbstub/rx/bad", test_rx_bad);
    g_test_add_func("/gdbstub/frame/escape", test_frame_escape);
    g_test_add_func("/gdbstub/hex", test_hex);
    g_test_add_func("/gdbstub/x86/regs", test_x86_regs);
    return g_test_run();
}
