#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Extract the uncompressed vmlinux ELF from a Linux x86 bzImage.

Kestrel boots a vmlinux through PVH when the kernel was built with
CONFIG_PVH (Debian's is): the ELF carries a "Xen" note of type 18
(XEN_ELFNOTE_PHYS32_ENTRY) naming its 32-bit entry. A bzImage holds that
ELF compressed. Its setup header (boot protocol 2.08 and later) gives
payload_offset and payload_length; without them, the payload is found by
its magic bytes. gzip, xz, lzma and bzip2 are decompressed with Python's
standard library, zstd and lz4 with the zstd and lz4 command-line tools
(Debian packages zstd and lz4).

    scripts/extract-vmlinux.py /boot/vmlinuz-$(uname -r) -o build/vmlinux

Prints the compression, the ELF class and the PVH entry (or says there is
none, exit 2). Exit 1 on an unreadable or unrecognised image.
"""

import argparse
import bz2
import gzip
import lzma
import shutil
import struct
import subprocess
import sys
import zlib

MAGICS = [
    ("gzip", b"\x1f\x8b\x08"),
    ("xz", b"\xfd7zXZ\x00"),
    ("zstd", b"\x28\xb5\x2f\xfd"),
    ("lz4", b"\x02\x21\x4c\x18"),      # legacy frame, what the kernel uses
    ("bzip2", b"BZh"),
    ("lzma", b"\x5d\x00\x00"),
]

XEN_ELFNOTE_PHYS32_ENTRY = 18
PT_NOTE = 4


class ExtractError(Exception):
    pass


def setup_payload(image):
    """(offset, length) of the payload from the setup header, or None."""
    if len(image) < 0x250 or image[0x202:0x206] != b"HdrS":
        raise ExtractError("not a bzImage (no \"HdrS\" setup header at 0x202)")
    version = struct.unpack_from("<H", image, 0x206)[0]
    if version < 0x208:
        return None
    setup_sects = image[0x1F1] or 4
    pm_start = (setup_sects + 1) * 512
    offset, length = struct.unpack_from("<II", image, 0x248)
    if not length or pm_start + offset + length > len(image):
        return None
    return pm_start + offset, length


def kind_of(data):
    for name, magic in MAGICS:
        if data.startswith(magic):
            return name
    return None


def run_tool(tool, args, data):
    if not shutil.which(tool):
        raise ExtractError("the payload is %s-compressed; install the %s "
                           "command (Debian package %s)" % (tool, tool, tool))
    proc = subprocess.run([tool] + args, input=data, capture_output=True)
    if not proc.stdout:
        raise ExtractError("%s failed: %s" % (tool, proc.stderr.decode(errors="replace").strip()))
    return proc.stdout


def decompress(kind, data):
    """Decompress, ignoring what follows the stream (the kernel appends the
    uncompressed size as 4 bytes)."""
    if kind == "gzip":
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        return d.decompress(data)
    if kind == "xz":
        return lzma.LZMADecompressor(lzma.FORMAT_XZ).decompress(data)
    if kind == "lzma":
        return lzma.LZMADecompressor(lzma.FORMAT_ALONE).decompress(data)
    if kind == "bzip2":
        return bz2.BZ2Decompressor().decompress(data)
    if kind == "zstd":
        return run_tool("zstd", ["-dcq"], data[:-4])
    if kind == "lz4":
        return run_tool("lz4", ["-dcq"], data[:-4])
    raise ExtractError("unknown compression " + kind)


def try_payload(data):
    kind = kind_of(data)
    if not kind:
        return None, None
    try:
        out = decompress(kind, data)
    except (OSError, EOFError, lzma.LZMAError, zlib.error, ValueError):
        return kind, None
    return kind, out if out.startswith(b"\x7fELF") else None


def extract(image):
    where = setup_payload(image)
    if where:
        offset, length = where
        kind, elf = try_payload(image[offset:offset + length])
        if elf:
            return kind, elf
    for name, magic in MAGICS:
        pos = image.find(magic)
        while pos >= 0:
            kind, elf = try_payload(image[pos:])
            if elf:
                return kind, elf
            pos = image.find(magic, pos + 1)
    raise ExtractError("no compressed ELF payload found")


def pvh_entry(elf):
    """The XEN_ELFNOTE_PHYS32_ENTRY address in the PT_NOTE segments, or None."""
    is64 = elf[4] == 2
    if is64:
        phoff, = struct.unpack_from("<Q", elf, 0x20)
        phentsize, phnum = struct.unpack_from("<HH", elf, 0x36)
    else:
        phoff, = struct.unpack_from("<I", elf, 0x1C)
        phentsize, phnum = struct.unpack_from("<HH", elf, 0x2A)
    for i in range(phnum):
        ph = phoff + i * phentsize
        if is64:
            p_type, _, p_offset, _, _, p_filesz = struct.unpack_from("<IIQQQQ", elf, ph)
        else:
            p_type, p_offset, _, _, p_filesz = struct.unpack_from("<IIIII", elf, ph)
        if p_type != PT_NOTE:
            continue
        pos, end = p_offset, p_offset + p_filesz
        while pos + 12 <= end:
            namesz, descsz, ntype = struct.unpack_from("<III", elf, pos)
            name = pos + 12
            desc = name + (namesz + 3) // 4 * 4
            if ntype == XEN_ELFNOTE_PHYS32_ENTRY and elf[name:name + namesz] == b"Xen\x00":
                fmt = "<Q" if descsz == 8 else "<I"
                return struct.unpack_from(fmt, elf, desc)[0]
            pos = desc + (descsz + 3) // 4 * 4
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bzimage", help="the kernel, e.g. /boot/vmlinuz-...")
    ap.add_argument("-o", "--output", required=True, help="where to write the vmlinux")
    opts = ap.parse_args()
    try:
        with open(opts.bzimage, "rb") as f:
            image = f.read()
        kind, elf = extract(image)
    except (OSError, ExtractError) as e:
        print("extract-vmlinux: %s: %s" % (opts.bzimage, e), file=sys.stderr)
        return 1
    with open(opts.output, "wb") as f:
        f.write(elf)
    entry = pvh_entry(elf)
    print("%s: %s payload, ELF%d, %d bytes -> %s" %
          (opts.bzimage, kind, 64 if elf[4] == 2 else 32, len(elf), opts.output))
    if entry is None:
        print("no PVH entry note: the kernel was built without CONFIG_PVH; "
              "boot the bzImage instead")
        return 2
    print("PVH entry (XEN_ELFNOTE_PHYS32_ENTRY): %#x" % entry)
    return 0


if __name__ == "__main__":
    sys.exit(main())
