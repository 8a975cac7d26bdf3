#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Run one guest test image under one accelerator and check its output.

Starts KESTREL -accel ACCEL -nographic -no-reboot with an isa-debug-exit
device and the image as -kernel, then compares what the guest printed on
COM1 (the emulator's stdout) byte for byte with the .expected file, and
the exit status with the .status file (1 when absent: the guest wrote 0
to isa-debug-exit). Exit codes follow meson/automake: 0 pass, 1 fail,
77 skip (accelerator not available, or this host's KVM could not emulate
a guest kernel-mode instruction).

Where the real CPU's results depend on its vendor (x87 transcendentals,
RCPPS, DPPS, x87 pointers, ...), NAME.VENDOR.expected beside
NAME.expected holds that vendor's output, VENDOR as /proc/cpuinfo's
vendor_id says (GenuineIntel, AuthenticAMD); NAME.expected is then the
one recorded on Intel.

--accel native runs the image's CPL3 part as a host process through
--native-run (tests/guest/native-run.c): the real CPU, without KVM.
"""

import argparse
import difflib
import os
import re
import shlex
import subprocess
import sys

SKIP = 77
TIMEOUT = 60
EMULATION_FAILURE = "kestrel: kvm: emulation failure"


def skip(reason):
    print("SKIP: " + reason)
    sys.exit(SKIP)


def fail(reason):
    print("FAIL: " + reason)
    sys.exit(1)


def kvm_device_usable():
    try:
        fd = os.open("/dev/kvm", os.O_RDWR | os.O_CLOEXEC)
    except OSError as e:
        return "/dev/kvm: " + e.strerror
    os.close(fd)
    return None


def accel_availability(kestrel, accel):
    """Returns None when ACCEL can run, otherwise why not.

    Kestrel lists one accelerator a line: "NAME  description  (available)"
    or "(not available: reason)". A bare "NAME" line, as QEMU prints it, is
    taken as available.
    """
    try:
        proc = subprocess.run([kestrel, "-accel", "help"], stdin=subprocess.DEVNULL,
                              capture_output=True, timeout=TIMEOUT)
    except (OSError, subprocess.TimeoutExpired) as e:
        return "cannot ask %s for its accelerators: %s" % (kestrel, e)
    text = proc.stdout.decode("utf-8", "replace")
    for line in text.splitlines():
        words = line.split()
        if not words or words[0] != accel:
            continue
        m = re.search(r"\(not available(?::\s*(.*))?\)\s*$", line)
        if m:
            return "accelerator %s not available: %s" % (accel, m.group(1) or "no reason given")
        return None
    if proc.returncode != 0 or not text.strip():
        return "%s -accel help exited %d and listed no accelerators" % (kestrel, proc.returncode)
    return "accelerator %s not listed by %s -accel help" % (accel, kestrel)


def host_vendor():
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("vendor_id"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return None


def expected_for_host(path):
    """PATH, or its NAME.VENDOR.expected sibling for this host's CPU."""
    vendor = host_vendor()
    if vendor and path.endswith(".expected"):
        own = path[:-len(".expected")] + "." + vendor + ".expected"
        if os.path.exists(own):
            return own
    return path


def read_args(path):
    if not path:
        return []
    with open(path, encoding="utf-8") as f:
        return shlex.split(f.read(), comments=True)


def read_status(path):
    if not path:
        return 1
    with open(path, encoding="utf-8") as f:
        return int(f.read().split()[0], 0)


def show_diff(expected, actual, expected_name):
    lines = difflib.unified_diff(
        expected.decode("latin-1").splitlines(keepends=True),
        actual.decode("latin-1").splitlines(keepends=True),
        fromfile=expected_name, tofile="serial output")
    for line in lines:
        sys.stdout.write(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kestrel", help="emulator binary")
    ap.add_argument("--native-run", help="tests/guest/native-run (for --accel native)")
    ap.add_argument("--accel", required=True, help="accelerator (kvm, tcg), or native")
    ap.add_argument("--image", required=True, help="guest image (.elf)")
    ap.add_argument("--expected", required=True, help="expected serial output")
    ap.add_argument("--args-file", help="extra command-line arguments (shell words)")
    ap.add_argument("--extra-args", default="",
                    help="more command-line arguments (shell words), after the args file")
    ap.add_argument("--status-file", help="expected exit status (default 1)")
    ap.add_argument("--timeout", type=float, default=TIMEOUT, help="seconds (default %(default)s)")
    ap.add_argument("--kernel-mode-timing", action="store_true",
                    help="the output depends on where CPL0 code takes "
                         "interrupts: under PVM, whose host emulator runs "
                         "CPL0 code, a difference is reported and skipped")
    ap.add_argument("--update", action="store_true",
                    help="write the output to the expected file instead of comparing")
    opts = ap.parse_args()
    if not opts.update:
        opts.expected = expected_for_host(opts.expected)

    if opts.accel == "native":
        if not opts.native_run:
            skip("no native-run (an x86-64 Linux host builds it)")
        cmd = [opts.native_run, opts.image]
    else:
        if not opts.kestrel:
            ap.error("--kestrel is required for --accel %s" % opts.accel)
        if opts.accel == "kvm":
            why = kvm_device_usable()
            if why:
                skip(why)
        why = accel_availability(opts.kestrel, opts.accel)
        if why:
            skip(why)
        cmd = [opts.kestrel, "-accel", opts.accel, "-nographic", "-no-reboot",
               "-device", "isa-debug-exit,iobase=0xf4,iosize=0x4",
               "-kernel", opts.image] + read_args(opts.args_file) + shlex.split(opts.extra_args)
    try:
        proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True,
                              timeout=opts.timeout)
    except subprocess.TimeoutExpired as e:
        sys.stdout.write("command: %s\n" % shlex.join(cmd))
        sys.stdout.write("serial output so far:\n%s\n" % (e.stdout or b"").decode("latin-1"))
        sys.stdout.write("stderr:\n%s\n" % (e.stderr or b"").decode("latin-1"))
        fail("timed out after %g s" % opts.timeout)

    stderr = proc.stderr.decode("utf-8", "replace")
    for line in stderr.splitlines():
        if line.startswith(EMULATION_FAILURE):
            skip("not runnable under this host's KVM: " + line[len(EMULATION_FAILURE):].lstrip(": "))

    if opts.update:
        with open(opts.expected, "wb") as f:
            f.write(proc.stdout)
        print("wrote %s (exit status %d)" % (opts.expected, proc.returncode))
        return 0

    with open(opts.expected, "rb") as f:
        expected = f.read()
    want_status = read_status(opts.status_file)
    ok = True
    if proc.stdout != expected:
        ok = False
        print("serial output differs from %s:" % opts.expected)
        show_diff(expected, proc.stdout, opts.expected)
    if proc.returncode != want_status:
        ok = False
        print("exit status %d, expected %d" % (proc.returncode, want_status))
    if not ok:
        print("command: %s" % shlex.join(cmd))
        if stderr:
            print("stderr:\n" + stderr.rstrip("\n"))
        if (opts.kernel_mode_timing and opts.accel == "kvm" and
                os.path.exists("/sys/module/kvm_pvm")):
            skip("this host's KVM is PVM: CPL0 code runs in the host's "
                 "instruction emulator, not on the CPU, and it took the "
                 "interrupts elsewhere (above); the expected output is the "
                 "SDM's")
        return 1
    print("PASS: %s under %s" % (os.path.basename(opts.image), opts.accel))
    return 0


if __name__ == "__main__":
    sys.exit(main())
