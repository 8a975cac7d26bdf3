/* SPDX-License-Identifier: MIT */
/*
 * The Ctrl-A escapes of mon:stdio (and -nographic), as a pure state
 * machine: bytes in, bytes for the guest and commands out. The stdio
 * backend acts on the commands; the unit tests drive it without a tty.
 */
#include "vl/char-internal.h"

static MuxCommand mux_escape_command(uint8_t byte)
{
    switch (byte) {
    case 'x':
        return MUX_CMD_EXIT;
    case 'h':
    case '?':
        return MUX_CMD_HELP;
    case 'c':
        return MUX_CMD_MONITOR;
    case 's':
        return MUX_CMD_SAVE;
    case 'b':
        return MUX_CMD_BREAK;
    case 't':
        return MUX_CMD_TIMESTAMPS;
    default:
        return MUX_CMD_NONE;
    }
}

size_t mux_escape_feed(MuxEscape *mux, uint8_t byte, uint8_t out[2],
                       MuxCommand *cmd)
{
    *cmd = MUX_CMD_NONE;
    if (!mux->got_escape) {
        if (byte == MUX_ESCAPE_CHAR) {
            mux->got_escape = true;
            return 0;
        }
        out[0] = byte;
        return 1;
    }
    mux->got_escape = false;
    if (byte == MUX_ESCAPE_CHAR) {
        out[0] = MUX_ESCAPE_CHAR;
        return 1;
    }
    *cmd = mux_escape_command(byte);
    if (*cmd != MUX_CMD_NONE) {
        return 0;
    }
    out[0] = MUX_ESCAPE_CHAR;
    out[1] = byte;
    return 2;
}

const char *mux_escape_help_text(void)
{
    return "\r\n"
           "Kestrel console escapes (C-a is Ctrl-A):\r\n"
           "  C-a h    print this help\r\n"
           "  C-a x    exit Kestrel\r\n"
           "  C-a c    switch to the monitor (not built yet)\r\n"
           "  C-a s    save disk data (not supported yet)\r\n"
           "  C-a b    send a break (not supported yet)\r\n"
           "  C-a t    toggle console timestamps (not supported yet)\r\n"
           "  C-a C-a  send C-a to the guest\r\n";
}
