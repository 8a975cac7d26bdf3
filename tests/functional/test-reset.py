#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""A guest reset without -no-reboot runs the guest again.

tests/guest/triplefault prints a line and triple-faults. Without
-no-reboot a triple fault resets the machine, which reloads the kernel
and starts the vCPU over, so the line comes again and again (as under
QEMU). Each accelerator that is available must print it three times
within the timeout; the test then ends Kestrel. Before the fix, the
vCPU stayed halted after the reset and nothing ran again.

Usage: test-reset.py KESTREL TRIPLEFAULT_ELF
"""

import os
import subprocess
import sys
import time

LINE = b"loading an empty IDT and dividing by zero"
TIMEOUT = 30


def run(kestrel, image, accel):
    cmd = [kestrel, "-accel", accel, "-display", "none", "-serial", "stdio",
           "-device", "isa-debug-exit,iobase=0xf4,iosize=0x4",
           "-kernel", image]
    p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)
    os.set_blocking(p.stdout.fileno(), False)
    out, deadline = b"", time.monotonic() + TIMEOUT
    while out.count(LINE) < 3 and time.monotonic() < deadline:
        if p.poll() is not None:
            break
        time.sleep(0.05)
        out += p.stdout.read() or b""
    p.terminate()
    p.wait(timeout=10)
    out += p.stdout.read() or b""
    err = p.stderr.read().decode(errors="replace")
    return out.count(LINE), out, err, " ".join(cmd)


def main():
    kestrel, image = sys.argv[1], sys.argv[2]
    failed = False
    for accel in ("tcg", "kvm"):
        if accel == "kvm" and not os.access("/dev/kvm", os.R_OK | os.W_OK):
            print("SKIP kvm: no usable /dev/kvm")
            continue
        n, out, err, cmd = run(kestrel, image, accel)
        if accel == "kvm" and "emulation failure" in err:
            print("SKIP kvm: this host's KVM cannot run the guest's kernel code")
            continue
        print("%s: the guest started %d times" % (accel, n))
        if n < 3:
            failed = True
            print("FAIL: %s: expected 3 starts\ncommand: %s\noutput:\n%s\n"
                  "stderr:\n%s" % (accel, cmd, out.decode(errors="replace"), err))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
