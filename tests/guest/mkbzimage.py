#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Wrap a flat 32-bit binary into a Linux bzImage for the linuxboot test.

The output is a boot sector and setup sectors holding a setup header
(Documentation/arch/x86/boot.rst) built from the options, followed by the
binary as the protected-mode kernel. There is no real-mode setup code:
the sectors after the header are zero and only a loader using the 32-bit
boot protocol can start the image.
"""

import argparse
import struct
import sys

HDR_END = 0x26C     # end of the protocol 2.15 setup header


def build_setup(opts, pm_len):
    setup = bytearray((opts.setup_sects + 1) * 512)
    version = int(opts.version, 0)
    fields = [
        # (offset, struct format, value)
        (0x1F1, "B", opts.setup_sects),
        (0x1F4, "I", (pm_len + 15) // 16),              # syssize
        (0x1FA, "H", 0xFFFF),                           # vid_mode: normal
        (0x1FE, "H", 0xAA55),                           # boot_flag
        (0x200, "BB", (0xEB, HDR_END - 0x202)),         # jmp past the header
        (0x202, "4s", b"HdrS"),
        (0x206, "H", version),
        (0x20C, "H", 0x1000),                           # start_sys_seg
        (0x211, "B", 0x01),                             # loadflags: LOADED_HIGH
        (0x212, "H", 0x8000),                           # setup_move_size
        (0x214, "I", int(opts.pref_address, 0)),        # code32_start
        (0x22C, "I", int(opts.initrd_addr_max, 0)),
        (0x230, "I", int(opts.kernel_alignment, 0)),
        (0x234, "B", 1 if opts.relocatable else 0),
        (0x235, "B", int(opts.kernel_alignment, 0).bit_length() - 1),
        (0x238, "I", int(opts.cmdline_size, 0)),
        (0x258, "Q", int(opts.pref_address, 0)),
        (0x260, "I", int(opts.init_size, 0)),
    ]
    for off, fmt, value in fields:
        if isinstance(value, tuple):
            struct.pack_into("<" + fmt, setup, off, *value)
        else:
            struct.pack_into("<" + fmt, setup, off, value)
    return setup


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("binary", help="the protected-mode part (objcopy -O binary)")
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--version", default="0x020f", help="boot protocol (default 2.15)")
    ap.add_argument("--setup-sects", type=int, default=4)
    ap.add_argument("--pref-address", default="0x100000")
    ap.add_argument("--init-size", default="0x400000")
    ap.add_argument("--kernel-alignment", default="0x200000")
    ap.add_argument("--relocatable", action="store_true")
    ap.add_argument("--initrd-addr-max", default="0x7fffffff")
    ap.add_argument("--cmdline-size", default="2047")
    opts = ap.parse_args()

    with open(opts.binary, "rb") as f:
        pm = f.read()
    if len(pm) > int(opts.init_size, 0):
        print("mkbzimage: %s: %d bytes, more than init_size %s" %
              (opts.binary, len(pm), opts.init_size), file=sys.stderr)
        return 1
    with open(opts.output, "wb") as f:
        f.write(build_setup(opts, len(pm)))
        f.write(pm)
        f.write(bytes(-len(pm) % 16))       # syssize counts whole paragraphs
    return 0


if __name__ == "__main__":
    sys.exit(main())
