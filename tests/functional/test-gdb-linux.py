#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""A gdb session on Debian's kernel under TCG (docs/user/gdb.md,
"Debugging the Linux kernel").

Kestrel boots /boot/vmlinuz-* with "console=ttyS0 nokaslr" and an
initramfs whose /init runs "uname -a" (scripts/build-initramfs.sh
--exec), under -gdb unix:PATH -S. One gdb session connects, asks for the
x86-64 layout and reconnects (the CPU starts in 32-bit mode), puts a hardware
breakpoint on start_kernel and continues: the stop must be at
start_kernel with the registers in their 64-bit form (long mode, paging
on). Then a hardware breakpoint on __x64_sys_newuname, the system call
behind busybox's uname: the stop must come from user space (pt_regs:
orig_ax 63, a user rip). After detach the guest runs on and powers off.

Debian's /boot/System.map is a stub ("The real System.map is in the
linux-image-<version>-dbg package"), so the addresses come from the
kernel's own symbol table (kallsyms) in the decompressed image, read
here; with nokaslr they are the run-time addresses. Also a tool:

    test-gdb-linux.py --symbols /boot/vmlinuz-VERSION start_kernel ...

If busybox does not get as far as uname (a guest panic while gdb waits),
the system-call part is reported as skipped with the guest's last line.
"""

import glob
import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time

GDB = shutil.which("gdb")
SYSCALL = "__x64_sys_newuname"
NR_UNAME = 63


# ---- the kernel's symbols (kallsyms) -------------------------------------

def _token_table(data, pos):
    """The 256 tokens of kallsyms_token_table if the "0\\0" entry sits at
    @pos (checked against kallsyms_token_index), else None."""
    p = pos
    for _ in range(ord("0")):
        if p < 2:
            return None
        p = data.rindex(b"\0", 0, p - 1) + 1
    start, q, offs, toks = p, p, [], []
    for _ in range(256):
        e = data.find(b"\0", q)
        if e < 0 or e - q > 64:
            return None
        offs.append(q - start)
        toks.append(data[q:e].decode("latin-1"))
        q = e + 1
    index = (q + 7) & ~7
    if index + 512 > len(data) or \
            list(struct.unpack_from("<256H", data, index)) != offs:
        return None
    return start, toks


def _names(data, at, n, toks):
    """n names from kallsyms_names at @at (type letter first); the end."""
    names = []
    for _ in range(n):
        ln = data[at]
        at += 1
        if ln & 0x80:           # 6.1: "big" symbols take two length bytes
            ln = (ln & 0x7f) | (data[at] << 7)
            at += 1
        names.append("".join(toks[c] for c in data[at:at + ln]))
        at += ln
    return names, at


def kallsyms(image):
    """{name: address} from the kallsyms tables of a decompressed x86-64
    kernel (CONFIG_KALLSYMS_BASE_RELATIVE with ABSOLUTE_PERCPU, the 6.1
    layout of scripts/kallsyms.c: offsets, relative_base, num_syms,
    names, markers, token_table, token_index, each 8-byte aligned)."""
    data = open(image, "rb").read()
    digits = b"".join(bytes([c]) + b"\0" for c in b"0123456789")
    pos, found = -1, None
    while found is None:
        pos = data.find(digits, pos + 1)
        if pos < 0:
            return {}
        found = _token_table(data, pos)
    table, toks = found
    # Back from the token table to relative_base (0xffffffff........)
    # followed by a plausible num_syms whose names end at the markers.
    lim = max(0, table - (64 << 20))
    cand = data.rfind(b"\xff\xff\xff\xff", lim, table)
    while cand >= 0:
        b = cand - 4
        if b % 8 == 0:
            base, n = struct.unpack_from("<QI", data, b)
            if 1000 < n < 2000000:
                names, end = _names(data, (b + 12 + 7) & ~7, n, toks)
                markers = (end + 7) & ~7
                if struct.unpack_from("<I", data, markers)[0] == 0 and \
                        all(s[:1].isalpha() for s in names[:20]):
                    offs = struct.unpack_from(
                        "<%di" % n, data, b - ((4 * n + 7) & ~7))
                    return {s[1:]: (o if o >= 0 else base - 1 - o)
                            for s, o in zip(names, offs)}
        cand = data.rfind(b"\xff\xff\xff\xff", lim, cand)
    return {}


def system_map(path):
    """{name: address} from a real System.map (Debian's is a stub)."""
    syms = {}
    try:
        for line in open(path):
            f = line.split()
            if len(f) == 3:
                syms[f[2]] = int(f[0], 16)
    except OSError:
        pass
    return syms


def kernel_symbols(top, vmlinuz, tmp):
    version = os.path.basename(vmlinuz)[len("vmlinuz-"):]
    syms = system_map("/boot/System.map-" + version)
    if "start_kernel" in syms:
        return syms, "/boot/System.map-" + version
    vmlinux = os.path.join(tmp, "vmlinux")
    r = subprocess.run([sys.executable,
                        os.path.join(top, "scripts", "extract-vmlinux.py"),
                        vmlinuz, "-o", vmlinux], capture_output=True,
                       text=True, stdin=subprocess.DEVNULL)
    if r.returncode != 0:
        return {}, "extract-vmlinux.py failed: " + r.stderr.strip()
    syms = kallsyms(vmlinux)
    os.unlink(vmlinux)
    return syms, "kallsyms of " + vmlinuz


# ---- the session ----------------------------------------------------------

# One gdb session, as docs/user/gdb.md gives it: the CPU starts in 32-bit
# mode, so gdb first gets the i386 layout; the x86-64 one comes with the
# next connection, which gdb (with no file loaded) takes as it is.
SESSION = """set pagination off
set confirm off
target remote SOCK
monitor gdbarch x86-64
disconnect
target remote SOCK
hbreak *START
continue
info registers
x/2i $pc
delete
hbreak *SYSCALL
shell touch MARK
continue
info registers rip
p/x *(long *)($rdi + 120)
p/x *(long *)($rdi + 128)
delete
detach
"""


def wait_for(path, secs):
    for _ in range(int(secs * 20)):
        if os.path.exists(path):
            return True
        time.sleep(0.05)
    return False


def run_session(kestrel, vmlinuz, initrd, syms, tmp, errors):
    sock = os.path.join(tmp, "gdb.sock")
    serial_path = os.path.join(tmp, "serial.txt")
    serial = open(serial_path, "w+")
    proc = subprocess.Popen(
        [kestrel, "-accel", "tcg", "-m", "256", "-nographic", "-no-reboot",
         "-kernel", vmlinuz, "-initrd", initrd,
         "-append", "console=ttyS0 nokaslr", "-gdb", "unix:" + sock, "-S"],
        stdin=subprocess.DEVNULL, stdout=serial, stderr=subprocess.STDOUT)
    skip = None
    try:
        if not wait_for(sock, 5):
            errors.append("no gdb socket from kestrel")
            return None
        scripts = {}
        for name, text in [("session", SESSION)]:
            scripts[name] = os.path.join(tmp, name + ".gdb")
            with open(scripts[name], "w") as f:
                f.write(text.replace("SOCK", sock)
                        .replace("MARK", os.path.join(tmp, "mark"))
                        .replace("START", hex(syms["start_kernel"]))
                        .replace("SYSCALL", hex(syms[SYSCALL])))
        t0 = time.time()
        gdb = subprocess.Popen([GDB, "-batch", "-nx", "-x",
                                scripts["session"]],
                               stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True,
                               stdin=subprocess.DEVNULL)
        if not wait_for(os.path.join(tmp, "mark"), 60):
            gdb.kill()
            errors.append("start_kernel: no stop within 60 s:\n%s"
                          % gdb.communicate()[0])
            return None
        t_start = time.time() - t0
        # Wait for the system call, or for the guest to give up first.
        deadline = time.time() + 60
        while gdb.poll() is None and time.time() < deadline:
            serial.seek(0)
            text = serial.read()
            if "Attempted to kill init" in text or \
                    "end Kernel panic" in text or \
                    "KESTREL-EXEC-DONE" in text:
                last = [l for l in text.splitlines()
                        if "Kernel panic" in l or "EXEC-DONE" in l]
                skip = "the guest never made the %s system call: %s" \
                       % (SYSCALL, last[-1].strip() if last else "?")
                time.sleep(0.5)
                gdb.send_signal(signal.SIGINT)
                break
            time.sleep(0.2)
        if gdb.poll() is None and skip is None:
            skip = "no %s call within 60 s" % SYSCALL
            gdb.send_signal(signal.SIGINT)
        out = gdb.communicate(timeout=60)[0]
        print("gdb: start_kernel reached after %.1f s; session %.1f s"
              % (t_start, time.time() - t0))
    finally:
        if skip is not None or proc.poll() is None:
            try:
                proc.wait(timeout=30 if skip is None else 0.1)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        serial.seek(0)
        serial_text = serial.read()
        serial.close()
    return out, serial_text, skip


def check_start_kernel(out, addr, errors):
    head = out[:out.find("Hardware assisted breakpoint 2")]
    want = ["Breakpoint 1, 0x%016x in ?? ()" % addr,
            "rip            0x%x" % addr]
    for w in want:
        if w not in head:
            errors.append("start_kernel: no %r in the gdb output:\n%s"
                          % (w, out))
    regs = dict(re.findall(r"^(\w+)\s+(0x[0-9a-f]+)", head, re.M))
    for r in ["rax", "rsp", "r8", "r15", "rip", "cr0", "cr3", "efer"]:
        if r not in regs:
            errors.append("start_kernel: no 64-bit %s in 'info registers':"
                          "\n%s" % (r, head))
            return
    if not int(regs["efer"], 16) & 0x400 or \
            not int(regs["cr0"], 16) & 0x80000000 or \
            not int(regs["rsp"], 16) >> 63:
        errors.append("start_kernel: not long mode with paging and a "
                      "kernel stack: efer %s cr0 %s rsp %s"
                      % (regs["efer"], regs["cr0"], regs["rsp"]))


def check_syscall(out, addr, errors):
    tail = out[out.find("Hardware assisted breakpoint 2"):]
    if "Breakpoint 2, 0x%016x in ?? ()" % addr not in tail:
        errors.append("%s: no stop at the breakpoint:\n%s" % (SYSCALL, tail))
        return
    vals = re.findall(r"^\$\d+ = (0x[0-9a-f]+)$", tail, re.M)
    if len(vals) < 2 or int(vals[0], 16) != NR_UNAME or \
            int(vals[1], 16) >> 47:
        errors.append("%s: pt_regs is not a user uname call (orig_ax, ip "
                      "= %s):\n%s" % (SYSCALL, vals, tail))


def main():
    if len(sys.argv) > 2 and sys.argv[1] == "--symbols":
        with tempfile.TemporaryDirectory() as tmp:
            syms, where = kernel_symbols(
                os.path.dirname(os.path.dirname(os.path.dirname(
                    os.path.abspath(__file__)))), sys.argv[2], tmp)
        for name in sys.argv[3:]:
            print("%s %s" % (hex(syms[name]) if name in syms else "?", name))
        return 0 if syms else 1
    kestrel, top = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    if not GDB:
        print("SKIP: gdb is not installed (apt-get install gdb)")
        return 77
    kernels = sorted(glob.glob("/boot/vmlinuz-*"))
    if not kernels:
        print("SKIP: no /boot/vmlinuz-* (apt-get install linux-image-amd64)")
        return 77
    vmlinuz = kernels[-1]
    errors = []
    with tempfile.TemporaryDirectory() as tmp:
        syms, where = kernel_symbols(top, vmlinuz, tmp)
        if "start_kernel" not in syms or SYSCALL not in syms:
            print("SKIP: no start_kernel/%s address for %s (System.map is "
                  "a stub and %s)" % (SYSCALL, vmlinuz, where))
            return 77
        print("symbols from %s: start_kernel %#x, %s %#x"
              % (where, syms["start_kernel"], SYSCALL, syms[SYSCALL]))
        initrd = os.path.join(tmp, "uname.cpio.gz")
        r = subprocess.run([os.path.join(top, "scripts", "build-initramfs.sh"),
                            "--exec", "uname -a", "-o", initrd],
                           capture_output=True, text=True,
                           stdin=subprocess.DEVNULL)
        if r.returncode != 0:
            print("SKIP: scripts/build-initramfs.sh failed: %s"
                  % r.stderr.strip())
            return 77
        res = run_session(kestrel, vmlinuz, initrd, syms, tmp, errors)
    if res:
        out, serial, skip = res
        check_start_kernel(out, syms["start_kernel"], errors)
        if skip:
            print("SKIP %s: %s" % (SYSCALL, skip))
        else:
            check_syscall(out, syms[SYSCALL], errors)
            if "KESTREL-EXEC-DONE status=0" not in serial or \
                    "Linux" not in serial:
                errors.append("after detach uname did not finish:\n%s"
                              % serial[-2000:])
        print(out)
    for e in errors:
        print("FAIL:", e)
    print("%d problem(s)" % len(errors))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
