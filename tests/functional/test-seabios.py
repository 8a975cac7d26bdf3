#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Debian's SeaBIOS boots under TCG as it does under QEMU: with no -kernel
(the default firmware) and with -bios, its banner appears on the serial
console under -nographic, then, with no disks, "No bootable device.";
SeaBIOS then waits (fw_cfg etc/boot-fail-wait says no timed retry) until
Kestrel is ended. Skips (77) without /usr/share/seabios."""

import os
import select
import subprocess
import sys
import time

SEABIOS = "/usr/share/seabios"
BANNER = b"SeaBIOS (version "
END = b"No bootable device."


def boot(kestrel, args, timeout=30):
    """Run until END shows (or timeout), then end Kestrel with SIGTERM."""
    p = subprocess.Popen([kestrel, "-accel", "tcg", "-nographic",
                          "-no-reboot"] + args, stdin=subprocess.DEVNULL,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = b""
    deadline = time.monotonic() + timeout
    while END not in out and time.monotonic() < deadline:
        ready, _, _ = select.select([p.stdout], [], [], 0.2)
        if ready:
            data = os.read(p.stdout.fileno(), 4096)
            if not data:
                break
            out += data
    still_running = p.poll() is None
    p.terminate()
    _, err = p.communicate(timeout=10)
    return out, err.decode(errors="replace"), still_running


def main():
    kestrel = sys.argv[1]
    if not os.path.exists(os.path.join(SEABIOS, "bios-256k.bin")):
        print("SKIP: no %s/bios-256k.bin (apt-get install seabios)" % SEABIOS)
        return 77
    cases = [
        ("default firmware", []),
        ("-bios bios-256k.bin",
         ["-bios", os.path.join(SEABIOS, "bios-256k.bin")]),
        ("-bios bios.bin (128 KiB)",
         ["-bios", os.path.join(SEABIOS, "bios.bin")]),
        ("-m 5G", ["-m", "5G"]),
        # The CPUs count themselves under a spin lock: TCG's PAUSE must
        # hand the turn to the other vCPUs (helper_pause).
        ("-smp 4", ["-smp", "4"]),
    ]
    failed = 0
    for name, args in cases:
        if args[:1] == ["-bios"] and not os.path.exists(args[1]):
            print("skip  %s: %s is missing" % (name, args[1]))
            continue
        out, err, running = boot(kestrel, args)
        lines = out.replace(b"\r", b"").split(b"\n")
        banner = [l for l in lines if BANNER in l]
        ok = (running and len(banner) == 1 and END in out and
              out.index(BANNER) < out.index(END) and
              err.strip() == "kestrel: terminating on signal 15")
        print(("ok    " if ok else "FAIL  ") + name)
        print("      banner %r, stderr %r" %
              (banner[0][banner[0].index(BANNER):] if banner else None,
               err.strip()[:200]))
        if not ok:
            print("      output %r" % out[-400:])
        failed += not ok
    print("%d failed" % failed)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
