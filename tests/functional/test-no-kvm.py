#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""A host without usable KVM: /dev/kvm is hidden (a private mount
namespace binds /dev/null over it), then `-accel kvm` must fail with one
clear line, `-accel kvm -accel tcg` must fall back to TCG with a warning,
and the default (no -accel) must pick TCG and run the guest. Skips (77)
where mount namespaces are not available (not root)."""

import os
import shutil
import subprocess
import sys

HELLO = b"Hello from a Kestrel guest\n"


def main():
    kestrel, hello = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    if os.geteuid() != 0 or not shutil.which("unshare"):
        print("SKIP: needs root and unshare to hide /dev/kvm")
        return 77
    if not os.path.exists("/dev/kvm"):
        mount = ""
    else:
        mount = "mount --bind /dev/null /dev/kvm && "
    guest = ("-nographic -no-reboot -device isa-debug-exit,iobase=0xf4,"
             "iosize=0x4 -kernel " + hello)
    cases = [
        ("-accel kvm " + guest, 1, b"", "kestrel: -accel kvm:"),
        ("-accel kvm -accel tcg " + guest, 1, HELLO, "warning"),
        (guest, 1, HELLO, None),
        ("-machine accel=kvm:tcg " + guest, 1, HELLO, "warning"),
    ]
    failed = 0
    for args, status, out, err_word in cases:
        r = subprocess.run(["unshare", "-m", "sh", "-c",
                            mount + kestrel + " " + args],
                           stdin=subprocess.DEVNULL, capture_output=True,
                           timeout=60)
        err = r.stderr.decode(errors="replace")
        ok = (r.returncode == status and r.stdout == out and
              (err_word is None or err_word in err))
        print(("ok    " if ok else "FAIL  ") + args.split(" -nographic")[0])
        print("      status %d stdout %r stderr %r" %
              (r.returncode, r.stdout[:60], err.strip()[:200]))
        failed += not ok
    print("%d passed, %d failed" % (len(cases) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
