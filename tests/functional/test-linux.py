#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Boot Debian's kernel (/boot/vmlinuz-*) with a busybox initramfs
(scripts/build-initramfs.sh) and check what a user would see
(docs/user/linux.md).

Under TCG, three boots run two at a time, with only console=ttyS0 on the
command line (the reboot boot adds kestrel.reboot for its /init):

  big     -smp 4 -m 5G: /init prints its marker, the CPU count (4), the
          memory size (about 5 GiB), the output of tests/functional/
          checksum.c (built here with gcc -static; it must print what it
          prints on the host) and the kernel's warnings; then
          `poweroff -f`, and Kestrel must exit with status 0.
  small   -smp 2 -m 256: the CPU count (2) and memory (about 256 MiB),
          then `poweroff -f`: status 0.
  reboot  -smp 1 -m 256 -no-reboot: `reboot -f` must end Kestrel (status 0).

Every boot's log must be free of the warnings the machine used to cause
(unstable TSC, failed AP start-up, unchecked MSR accesses, ...), and
under TCG the kernel must take the TSC frequency from kvmclock (1 GHz)
rather than calibrate it, and must find the HPET through the ACPI HPET
table and register it as a clocksource. The same
boots run under KVM only when the host's KVM is hardware-backed
(kvm_intel or kvm_amd, and not PVM, which cannot run Linux); otherwise
that part is reported as skipped with the reason.

Exit status 77 (skip) when there is no kernel, busybox-static or gcc.
"""

import concurrent.futures
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

BOOT_TIMEOUT = 240

# What this machine must not make Linux say (docs/user/linux.md lists the
# remaining benign messages).
BAD = [
    r"APIC timer", r"spurious 8259", r"unchecked MSR access", r"do_boot_cpu failed", r"ACPI Error",
    r"ACPI BIOS Error", r"ACPI Warning", r"Call Trace", r"BUG:",
    r"Kernel panic", r"segfault", r"watchdog.*skew",
    r"hpet.*(fail|error)",
]

# The kernel takes the TSC frequency from kvmclock (CPUID 0x40000001,
# target-i386/kvmclock.c) and calibrates nothing; its timing loops against
# the PIT, HPET or PM timer were off by up to a few 0.1% whenever the host
# descheduled the vCPU thread, and the clocksource watchdog then marked
# the TSC unstable. Any of these means that path is back.
CLOCK_BAD = [r"TSC unstable", r"Marking TSC unstable", r"Unstable clock",
             r"clocksource.*unstable", r"Unable to calibrate against PIT",
             r"Fast TSC calibration", r"Refined TSC clocksource calibration"]

# Under TCG the guest TSC runs at 1 GHz and kvmclock says so.
TCG_CLOCK = [r"kvm-clock: Using msrs", r"tsc: Detected 1000\.000 MHz processor"]

# With the userspace irqchip (TCG) the machine has an HPET, which the ACPI
# HPET table announces (hw/pc/acpi-build.c).
TCG_HPET = [r"ACPI: HPET id: 0x8086a201 base: 0xfed00000",
            r"hpet0: at MMIO 0xfed00000, IRQs 2, 8, 0",
            r"clocksource: hpet: mask"]

# The checksum program's libm picks its routines by CPUID (IFUNC): the
# guest CPU has no AVX/FMA, so on the host those are turned off too, or
# sin/exp/pow would differ in the last bit for the host's reason.
HOST_TUNABLES = "glibc.cpu.hwcaps=-AVX,-AVX2,-FMA,-FMA4,-AVX512F"

EXEC_SCRIPT = r"""
echo "cpus $(grep -c ^processor /proc/cpuinfo)"
echo "mem $(sed -n 's/^MemTotal: *\([0-9]*\) kB/\1/p' /proc/meminfo)"
if [ -x /bin/checksum ]; then /bin/checksum; fi
echo DMESG-BEGIN
dmesg
echo DMESG-END
case "$(cat /proc/cmdline)" in *kestrel.reboot*) reboot -f ;; esac
"""


def hardware_kvm():
    """None if KVM here is hardware-backed, else why it is not."""
    if not os.path.exists("/dev/kvm"):
        return "no /dev/kvm"
    if os.path.exists("/sys/module/kvm_pvm"):
        return "this host's KVM is PVM (not hardware-backed; it cannot run Linux)"
    if not (os.path.exists("/sys/module/kvm_intel") or
            os.path.exists("/sys/module/kvm_amd")):
        return "neither kvm_intel nor kvm_amd is loaded (KVM is not hardware-backed)"
    return None


def build(top, tmp):
    """(initrd, host checksum output) or a skip reason as a string."""
    gcc = shutil.which("gcc")
    if not gcc:
        return "gcc is not installed"
    prog = os.path.join(tmp, "checksum")
    r = subprocess.run([gcc, "-static", "-O2", "-o", prog,
                        os.path.join(top, "tests", "functional", "checksum.c"),
                        "-lm"], capture_output=True, text=True)
    if r.returncode != 0:
        return "gcc -static failed (libc6-dev?): %s" % r.stderr.strip()[-300:]
    env = dict(os.environ, GLIBC_TUNABLES=HOST_TUNABLES)
    host = subprocess.run([prog], capture_output=True, text=True, env=env,
                          check=True).stdout
    script = os.path.join(tmp, "exec.sh")
    with open(script, "w") as f:
        f.write(EXEC_SCRIPT)
    initrd = os.path.join(tmp, "linux.cpio.gz")
    r = subprocess.run([os.path.join(top, "scripts", "build-initramfs.sh"),
                        "--exec", "sh /bin/exec-test.sh",
                        "--add", prog + ":/bin/checksum",
                        "--add", script + ":/bin/exec-test.sh",
                        "-o", initrd],
                       capture_output=True, text=True, stdin=subprocess.DEVNULL)
    if r.returncode != 0:
        return "scripts/build-initramfs.sh failed: %s" % r.stderr.strip()
    return initrd, host


def boot(kestrel, accel, vmlinuz, initrd, args, append=""):
    cmd = [kestrel, "-accel", accel, "-nographic", "-no-reboot",
           "-kernel", vmlinuz, "-initrd", initrd,
           "-append", ("console=ttyS0 " + append).strip()] + args
    t0 = time.monotonic()
    try:
        r = subprocess.run(cmd, capture_output=True, stdin=subprocess.DEVNULL,
                           timeout=BOOT_TIMEOUT)
        out, status = r.stdout.decode(errors="replace"), r.returncode
    except subprocess.TimeoutExpired as e:
        out, status = (e.stdout or b"").decode(errors="replace"), "timeout"
    return {"cmd": " ".join(cmd), "out": out.replace("\r", ""),
            "status": status, "secs": time.monotonic() - t0}


def check(name, res, cpus, mem_mib, host_sums, errors):
    out, tail = res["out"], res["out"][-3000:]

    def fail(what):
        errors.append("%s: %s\ncommand: %s\n--- last output ---\n%s"
                      % (name, what, res["cmd"], tail))

    if res["status"] != 0:
        fail("exit status %s, expected 0" % res["status"])
    if "KESTREL-INIT-OK" not in out:
        fail("no KESTREL-INIT-OK marker")
        return
    m = re.search(r"^cpus (\d+)$", out, re.M)
    if not m or int(m.group(1)) != cpus:
        fail("CPU count %s, expected %d" % (m and m.group(1), cpus))
    m = re.search(r"^mem (\d+)$", out, re.M)
    # MemTotal is RAM less the kernel's own reservations.
    if not m or not mem_mib * 1024 * 0.75 <= int(m.group(1)) <= mem_mib * 1024:
        fail("MemTotal %s kB for -m %d MiB" % (m and m.group(1), mem_mib))
    if host_sums is not None:
        sums = "".join(l + "\n" for l in out.splitlines()
                       if re.match(r"^(integer|memcpy|qsort|double) ", l))
        if sums != host_sums:
            fail("checksum.c differs from the host:\nhost:\n%sguest:\n%s"
                 % (host_sums, sums))
    for pat in BAD + CLOCK_BAD:
        for line in out.splitlines():
            if re.search(pat, line):
                fail("the kernel said: %s" % line.strip())
                break
    for pat in TCG_CLOCK if name.startswith("tcg/") else []:
        if not re.search(pat, out, re.M):
            fail("no line matching %r (kvmclock under TCG)" % pat)
    for pat in TCG_HPET if name.startswith("tcg/") else []:
        if not re.search(pat, out, re.M):
            fail("no line matching %r (the HPET under TCG)" % pat)


def run_accel(kestrel, accel, vmlinuz, initrd, host_sums, errors):
    boots = {
        "big": (["-smp", "4", "-m", "5G"], "", 4, 5120, host_sums),
        "small": (["-smp", "2", "-m", "256"], "", 2, 256, None),
        "reboot": (["-smp", "1", "-m", "256"], "kestrel.reboot", 1, 256, None),
    }
    # Two at a time: one per CPU of a small CI host, so the boots' timing
    # loops are not starved more than they must be.
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        futs = {n: pool.submit(boot, kestrel, accel, vmlinuz, initrd, b[0], b[1])
                for n, b in boots.items()}
        results = {n: f.result() for n, f in futs.items()}
    for n, b in boots.items():
        res = results[n]
        print("%s/%s: status %s in %.1f s" % (accel, n, res["status"], res["secs"]))
        check("%s/%s" % (accel, n), res, b[2], b[3], b[4], errors)
    if "KESTREL-EXEC-DONE" in results["reboot"]["out"]:
        errors.append("%s/reboot: reboot -f returned and the script went on"
                      % accel)


def main():
    kestrel, top = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    kernels = sorted(glob.glob("/boot/vmlinuz-*"))
    if not kernels:
        print("SKIP: no /boot/vmlinuz-* (apt-get install linux-image-amd64)")
        return 77
    vmlinuz = kernels[-1]
    errors = []
    with tempfile.TemporaryDirectory() as tmp:
        built = build(top, tmp)
        if isinstance(built, str):
            print("SKIP:", built)
            return 77
        initrd, host_sums = built
        print("kernel %s; host checksums:\n%s" % (vmlinuz, host_sums), end="")
        run_accel(kestrel, "tcg", vmlinuz, initrd, host_sums, errors)
        why = hardware_kvm()
        if why:
            print("SKIP kvm: %s" % why)
        else:
            run_accel(kestrel, "kvm", vmlinuz, initrd, host_sums, errors)
    for e in errors:
        print("FAIL:", e)
    print("%d problem(s)" % len(errors))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
