#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""gdb sessions (gdb -batch with a command file) against the gdbtarget
guest program under every accelerator, through -gdb unix:PATH and -S.

The "boot" session runs under TCG and KVM and their transcripts (pcs and
values) must be equal: the i386 layout at -S, ten single steps compared
with the disassembly, a hardware breakpoint, reading and writing memory
(the guest's output changes), writing a register, Ctrl-C on the spinning
guest, qRcmd (monitor info registers), and detach, after which the guest
runs on to its end.

The "watch" session runs under TCG and KVM too: a hardware watchpoint
that stops at the write (gt_kflag, at CPL0 in 32-bit mode: trap-like,
the pc is the next instruction, gdb shows the old and new values), then
one on the last two bytes of a four-byte store that crosses a page
boundary. This host's KVM (PVM) runs that CPL0 code through its
instruction emulator, which does not check data breakpoints: when the
watchpoint does not fire under KVM the KVM variant is reported as
skipped with that reason, otherwise its transcript must equal TCG's.

The "user" session debugs the program's CPL3 code in the x86-64 layout
("monitor gdbarch x86-64", reconnect): break at a symbol, continue, ten
single steps against the disassembly, set a register and see the output
change; then watchpoints (TCG): an access watchpoint on one byte inside
an 8-byte load (partial overlap), a write watchpoint that stops after
each of three stores, a read watchpoint on the spinning loop's counter.
TCG always runs it; KVM runs it too when it is hardware-backed (kvm_intel
or kvm_amd), and its transcript must equal TCG's. Otherwise the KVM
variant is reported as skipped with the reason: no /dev/kvm; PVM, which
runs CPL3 code natively where the debug registers KVM_SET_GUEST_DEBUG
loads do not fire; no hardware KVM module; or kestrel cannot use KVM."""

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

GDB = shutil.which("gdb")


def mix(x):
    """gt_compute of gdbtarget.S."""
    m = (1 << 64) - 1
    rax = ((x << 3) + x) & m
    rax ^= 0x5a5a
    rax = (rax + (rax >> 2)) & m
    rax = (rax + 7 + 2 * x) & m
    rax = (rax * 13 - 1) & m
    return (~rax) & 0xffffff


def accel_ok(kestrel, accel):
    r = subprocess.run([kestrel, "-accel", "help"], capture_output=True,
                       text=True, stdin=subprocess.DEVNULL)
    return any(l.split()[:1] == [accel] and "(available)" in l
               for l in r.stdout.splitlines())


def kvm_user_skip(kestrel):
    """None when the user session can run under KVM, else why not."""
    if not os.path.exists("/dev/kvm"):
        return "no /dev/kvm"
    if os.path.exists("/sys/module/kvm_pvm"):
        return ("this host's KVM is PVM: it runs CPL3 code natively and does "
                "not apply KVM_SET_GUEST_DEBUG's debug registers there")
    if not (os.path.exists("/sys/module/kvm_intel") or
            os.path.exists("/sys/module/kvm_amd")):
        return ("neither kvm_intel nor kvm_amd is loaded (KVM is not "
                "hardware-backed)")
    if not accel_ok(kestrel, "kvm"):
        return "kestrel -accel help does not list kvm as available"
    return None


class Guest:
    def __init__(self, kestrel, elf, accel, tmp):
        self.sock = os.path.join(tmp, "gdb-%s.sock" % accel)
        self.out = open(os.path.join(tmp, "serial-%s.txt" % accel), "w+")
        self.proc = subprocess.Popen(
            [kestrel, "-accel", accel, "-nographic", "-no-reboot",
             "-device", "isa-debug-exit,iobase=0xf4,iosize=0x4",
             "-kernel", elf, "-gdb", "unix:" + self.sock, "-S"],
            stdin=subprocess.DEVNULL, stdout=self.out,
            stderr=subprocess.STDOUT)
        for _ in range(100):
            if os.path.exists(self.sock):
                break
            time.sleep(0.05)

    def gdb(self, script, tmp, name):
        path = os.path.join(tmp, name + ".gdb")
        mark = os.path.join(tmp, name + ".mark")
        with open(path, "w") as f:
            f.write(script.replace("SOCK", self.sock).replace("MARK", mark))
        p = subprocess.Popen([GDB, "-batch", "-nx", "-x", path],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             text=True, stdin=subprocess.DEVNULL)
        # Ctrl-C as a user types it: SIGINT to gdb while it waits in
        # "continue" on the spinning guest (it sends 0x03).
        deadline = time.time() + 60
        while "MARK" in script and not os.path.exists(mark) and \
                p.poll() is None and time.time() < deadline:
            time.sleep(0.05)
        if "MARK" in script and p.poll() is None:
            time.sleep(1)
            p.send_signal(signal.SIGINT)
        out, _ = p.communicate(timeout=120)
        return out

    def finish(self):
        try:
            status = self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            status = None
        self.out.seek(0)
        return status, self.out.read()


BOOT = """set pagination off
set confirm off
file ELF
target remote SOCK
info registers eip
x/11i $pc
""" + "stepi\np/x $pc\n" * 10 + """hbreak cpu_init
continue
p/x $pc
x/2xw &gt_input
set {int}&gt_input = 0x4321
x/2xw &gt_input
set $eax = 0x77
p/x $eax
set {int}&gt_spin_count = 0x7fffffff
delete
shell touch MARK
continue
p ($pc >= (int)gt_spin_loop && $pc < (int)gt_spin_loop + 16)
set {int}&gt_spin_count = 1
monitor info registers
detach
"""

USER_A = """target remote SOCK
monitor gdbarch x86-64
disconnect
"""

USER_B = """set pagination off
set confirm off
set architecture i386:x86-64
file ELF
target remote SOCK
break gt_compute
continue
info registers rip
x/11i $pc
""" + "stepi\np/x $pc\n" * 10 + """delete
break gt_after_set
continue
set $rbx = 0x42
p/x $rbx
delete
awatch *(char *)((char *)&gt_counter + 3)
continue
p/x $pc
info symbol $pc
delete
watch *(long *)&gt_counter
continue
info symbol $pc
continue
info symbol $pc
continue
info symbol $pc
delete
rwatch *(long *)&gt_spin_count
continue
info symbol $pc
delete
set {long}&gt_spin_count = 1
detach
"""

WATCH = """set pagination off
set confirm off
file ELF
target remote SOCK
watch *(int *)&gt_kflag
continue
p/x $pc
info symbol $pc
x/xw &gt_kflag
delete
watch *(short *)((char *)&gt_cross + 2)
continue
p/x $pc
info symbol $pc
x/xh (char *)&gt_cross + 2
delete
detach
"""

VALUE = re.compile(r"^(\$\d+ = .*|=> 0x[0-9a-f]+.*|\s+0x[0-9a-f]+ <.*|"
                   r"(e|r)ip\s+0x.*|0x[0-9a-f]+:\s.*|.* in section .*|"
                   r"(Old|New)? ?[Vv]alue = .*|Hardware .*watchpoint \d+: .*)$")


def transcript(text):
    return [l.rstrip() for l in text.splitlines() if VALUE.match(l)]


def check_steps(lines, errors, what):
    """The ten stepped pcs are the next ten instructions of x/11i."""
    dis = [int(m.group(1), 16) for l in lines
           for m in [re.match(r"^(?:=>)?\s*(0x[0-9a-f]+)[ :<]", l)] if m]
    pcs = [int(m.group(1), 16) for l in lines
           for m in [re.match(r"^\$\d+ = (0x[0-9a-f]+)$", l)] if m]
    if len(dis) < 11 or len(pcs) < 10 or dis[1:11] != pcs[:10]:
        errors.append("%s: stepped pcs %s differ from the disassembly %s"
                      % (what, [hex(p) for p in pcs[:10]],
                         [hex(d) for d in dis[1:11]]))


def run_boot(kestrel, elf, accel, tmp, errors):
    g = Guest(kestrel, elf, accel, tmp)
    out = g.gdb(BOOT.replace("ELF", elf), tmp, "boot-" + accel)
    status, serial = g.finish()
    lines = transcript(out)
    what = "boot/%s" % accel
    check_steps(lines, errors, what)
    for want in ["eip            0x100010", "Hardware assisted breakpoint",
                 "0x00004321", "$12 = 0x77", "Program received signal SIGINT",
                 "RIP=", "detached]"]:
        if want not in out:
            errors.append("%s: no '%s' in the gdb output:\n%s"
                          % (what, want, out))
    if not re.search(r"^\$13 = 1$", out, re.M):
        errors.append("%s: Ctrl-C did not stop the spinning guest in "
                      "gt_spin:\n%s" % (what, out))
    want = "gdbtarget: compute %016x\n" % mix(0x4321)
    if want not in serial or "gdbtarget: spun" not in serial or status != 1:
        errors.append("%s: after detach the guest did not run on with the "
                      "written input (status %s):\n%s" % (what, status, serial))
    return lines


def run_watch(kestrel, elf, accel, tmp, errors):
    """The watch session; None when the watchpoint never fired under KVM
    (the guest ran to its end)."""
    g = Guest(kestrel, elf, accel, tmp)
    out = g.gdb(WATCH.replace("ELF", elf), tmp, "watch-" + accel)
    status, serial = g.finish()
    what = "watch/%s" % accel
    if accel == "kvm" and "gt_after_kflag in section" not in out and \
            "exited with code" in out:
        return None
    expect = ["Hardware watchpoint 1: *(int *)&gt_kflag",
              "Old value = 0\nNew value = 24589\n",
              "gt_after_kflag in section .text",
              ":\t0x0000600d",
              "Old value = 0\nNew value = 3077\n",
              "gt_after_cross in section .text",
              ":\t0x0c05", "detached]"]
    for want in expect:
        if want not in out:
            errors.append("%s: no %r in the gdb output:\n%s"
                          % (what, want, out))
    if "gdbtarget: spun" not in serial or status != 1:
        errors.append("%s: after detach the guest did not run to its end "
                      "(status %s):\n%s" % (what, status, serial))
    return transcript(out)


def run_user(kestrel, elf, accel, tmp, errors):
    g = Guest(kestrel, elf, accel, tmp)
    g.gdb(USER_A, tmp, "user-a-" + accel)
    out = g.gdb(USER_B.replace("ELF", elf), tmp, "user-b-" + accel)
    status, serial = g.finish()
    lines = transcript(out)
    what = "user/%s" % accel
    check_steps(lines, errors, what)
    for want in ["Breakpoint 1, gt_compute", "rip            0x",
                 "Breakpoint 2, gt_after_set", "= 0x42",
                 "Hardware access (read/write) watchpoint 3: "
                 "*(char *)((char *)&gt_counter + 3)\n\nValue = 0 '\\000'\n",
                 "gt_count + 12 in section .text",
                 "Old value = 0\nNew value = 1\n",
                 "Old value = 1\nNew value = 2\n",
                 "Old value = 2\nNew value = 3\n",
                 "Hardware read watchpoint 5: *(long *)&gt_spin_count"
                 "\n\nValue = ",
                 "gt_spin_loop + 7 in section .text"]:
        if want not in out:
            errors.append("%s: no %r in the gdb output:\n%s"
                          % (what, want, out))
    stores = re.findall(r"^gt_store \+ 7 in section", out, re.M)
    if len(stores) != 3:
        errors.append("%s: the write watchpoint stopped %d times after "
                      "gt_store, not 3:\n%s" % (what, len(stores), out))
    if "gdbtarget: setreg 0000000000000042" not in serial or \
            "gdbtarget: counter 0000000000000003" not in serial:
        errors.append("%s: the register write did not change the output "
                      "(status %s):\n%s" % (what, status, serial))
    return lines


def main():
    kestrel, elf = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    if not GDB:
        print("SKIP: gdb is not installed (apt-get install gdb)")
        return 77
    errors = []
    accels = ["tcg"] + (["kvm"] if accel_ok(kestrel, "kvm") else [])
    with tempfile.TemporaryDirectory() as tmp:
        boot = {a: run_boot(kestrel, elf, a, tmp, errors) for a in accels}
        watch = {a: run_watch(kestrel, elf, a, tmp, errors) for a in accels}
        user = {"tcg": run_user(kestrel, elf, "tcg", tmp, errors)}
        why = kvm_user_skip(kestrel)
        if why:
            print("SKIP user/kvm: %s" % why)
        else:
            user["kvm"] = run_user(kestrel, elf, "kvm", tmp, errors)
    if "kvm" in boot and boot["kvm"] != boot["tcg"]:
        diff = [(t, k) for t, k in zip(boot["tcg"], boot["kvm"]) if t != k]
        errors.append("boot: TCG and KVM transcripts differ: %s" % diff[:5])
    elif "kvm" in boot:
        print("boot: TCG and KVM transcripts equal (%d lines)"
              % len(boot["tcg"]))
    if watch.get("kvm") is None and "kvm" in watch:
        print("SKIP watch/kvm: the watchpoint did not fire: this host's KVM "
              "(PVM) runs the guest's CPL0 code through its instruction "
              "emulator, which does not check data breakpoints")
    elif "kvm" in watch and watch["kvm"] != watch["tcg"]:
        diff = [(t, k) for t, k in zip(watch["tcg"], watch["kvm"]) if t != k]
        errors.append("watch: TCG and KVM transcripts differ: %s" % diff[:5])
    elif "kvm" in watch:
        print("watch: TCG and KVM transcripts equal (%d lines)"
              % len(watch["tcg"]))
    if "kvm" in user and user["kvm"] != user["tcg"]:
        diff = [(t, k) for t, k in zip(user["tcg"], user["kvm"]) if t != k]
        errors.append("user: TCG and KVM transcripts differ: %s" % diff[:5])
    elif "kvm" in user:
        print("user: TCG and KVM transcripts equal (%d lines)"
              % len(user["tcg"]))
    for e in errors:
        print("FAIL:", e)
    print("%d problem(s)" % len(errors))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
