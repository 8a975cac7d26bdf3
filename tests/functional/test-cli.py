#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Bad input as a new user would type it: each case must give exactly one
line "kestrel: <what>: <why>" on stderr and exit status 1, never a crash or
a hang. Also checks the help answers a user reaches first."""

import os
import re
import subprocess
import sys
import tempfile


def run(kestrel, args, timeout=20):
    return subprocess.run([kestrel] + args, stdin=subprocess.DEVNULL,
                          capture_output=True, timeout=timeout)


def main():
    kestrel, hello = sys.argv[1], sys.argv[2]
    failures = []
    total = 0
    with tempfile.TemporaryDirectory() as tmp:
        text = os.path.join(tmp, "notes.txt")
        with open(text, "w") as f:
            f.write("just some text\n" * 100)
        truncated = os.path.join(tmp, "truncated.elf")
        with open(hello, "rb") as f, open(truncated, "wb") as g:
            g.write(f.read()[:600])
        cases = [
            (["-kernel", os.path.join(tmp, "missing")], "-kernel"),
            (["-kernel", text], "not a kernel"),
            (["-kernel", truncated], "-kernel"),
            (["-m", "0", "-kernel", hello], "-m"),
            (["-m", "99999G", "-kernel", hello], "-m"),
            (["-m", "lots", "-kernel", hello], "-m"),
            (["-smp", "0", "-kernel", hello], "-smp"),
            (["-smp", "x", "-kernel", hello], "-smp"),
            (["-frobnicate"], "unknown option"),
            (["-kernel"], "requires an argument"),
            (["-device", "isa-debug-exit,iobase", "-kernel", hello],
             "-device"),
            (["-device", "no-such-device", "-kernel", hello], "-device"),
            (["-device", "isa-debug-exit,bogus=1", "-kernel", hello],
             "-device"),
            (["-device", "isa-debug-exit,iobase=zz", "-kernel", hello],
             "-device"),
            (["-device", "isa-debug-exit,iosize=0", "-kernel", hello],
             "at least 1"),
            (["-device", "isa-debug-exit,iobase=0xf4,iobase=0xf8",
              "-kernel", hello], "more than once"),
            (["-accel", "warp", "-kernel", hello], "-accel"),
            (["-accel", "tcg,tb-size=0", "-kernel", hello], "tb-size=0"),
            (["-accel", "tcg,tb-size=4096", "-kernel", hello], "2048M"),
            (["-machine", "q35", "-kernel", hello], "-machine"),
            (["-cpu", "pentium9", "-kernel", hello], "-cpu"),
            (["-serial", "telepathy", "-kernel", hello], "-serial"),
            (["-drive", "file=disk.img"], "not supported"),
            (["disk.img"], "not supported"),
            (["-d", "everything", "-kernel", hello], "-d"),
            (["-dfilter", "0x10..0x5", "-kernel", hello], "-dfilter"),
            (["-dfilter", "0x1000+0x10,main", "-kernel", hello], "-dfilter"),
            (["-bios", text], "-bios"),
            (["-kernel", "/boot/vmlinuz"] if os.path.exists("/boot/vmlinuz")
             else ["-kernel", text], "-kernel"),
        ]
        for args, word in cases:
            total += 1
            r = run(kestrel, args)
            err = r.stderr.decode(errors="replace")
            lines = [l for l in err.splitlines() if l.strip()]
            ok = (r.returncode == 1 and len(lines) == 1 and
                  lines[0].startswith("kestrel: ") and word in lines[0])
            print(("ok    " if ok else "FAIL  ") + " ".join(args))
            print("      status %d: %s" % (r.returncode, err.strip()))
            if not ok:
                failures.append(args)

    for args, expect in [(["-version"], "Kestrel emulator version"),
                         (["-accel", "help"], "kvm"),
                         (["-machine", "help"], "pc"),
                         (["-cpu", "help"], "kestrel64"),
                         (["-device", "help"], "isa-debug-exit"),
                         (["-d", "help"], "guest_errors"),
                         (["-help"], "-kernel")]:
        total += 1
        r = run(kestrel, args)
        ok = r.returncode == 0 and expect in r.stdout.decode()
        print(("ok    " if ok else "FAIL  ") + " ".join(args))
        if not ok:
            failures.append(args)

    # stats=on: the counts generated code keeps add up.
    total += 1
    r = run(kestrel, ["-accel", "tcg,stats=on", "-nographic", "-no-reboot",
                      "-device", "isa-debug-exit,iobase=0xf4,iosize=0x4",
                      "-kernel", hello])
    err = r.stderr.decode(errors="replace")
    m = re.search(r"tcg: (\d+) TBs translated \((\d+) guest instructions", err)
    n = re.search(r"tcg: (\d+) block runs: ([\d.]+)% through patched chains,"
                  r" ([\d.]+)% through goto_ptr \(\d+ inline probe hits\),"
                  r" ([\d.]+)% from the loop", err)
    ok = bool(m and n and int(m.group(2)) >= int(m.group(1)) and
              int(n.group(1)) >= int(m.group(1)) and
              abs(sum(float(n.group(i)) for i in (2, 3, 4)) - 100) < 0.5)
    print(("ok    " if ok else "FAIL  ") + "-accel tcg,stats=on")
    if not ok:
        print("      " + err.strip().replace("\n", "\n      "))
        failures.append(["stats=on"])

    # -dfilter: with one block's pc as the range, -d in_asm,exec log
    # that block and no other.
    total += 1
    base = ["-accel", "tcg", "-nographic", "-no-reboot", "-device",
            "isa-debug-exit,iobase=0xf4,iosize=0x4", "-kernel", hello]
    with tempfile.TemporaryDirectory() as tmp:
        full, part = os.path.join(tmp, "full"), os.path.join(tmp, "part")
        run(kestrel, ["-d", "in_asm", "-D", full] + base)
        with open(full, errors="replace") as f:
            pcs = re.findall(r"^IN: pc=(0x[0-9a-f]+)", f.read(), re.M)
        pick = pcs[len(pcs) // 2] if pcs else "0x0"
        run(kestrel, ["-d", "in_asm,exec", "-D", part,
                      "-dfilter", pick + "+1"] + base)
        with open(part, errors="replace") as f:
            text = f.read()
        got_in = re.findall(r"^IN: pc=(0x[0-9a-f]+)", text, re.M)
        got_exec = re.findall(r"^Trace \d+: \S+ \[pc=(0x[0-9a-f]+)", text, re.M)
    ok = (len(pcs) > 2 and got_in and got_exec and
          set(got_in) == {pick} and set(got_exec) == {pick})
    print(("ok    " if ok else "FAIL  ") + "-d in_asm,exec -dfilter " +
          pick + "+1 (%d of %d blocks logged)" % (len(got_in), len(pcs)))
    if not ok:
        failures.append(["-dfilter"])

    print("%d passed, %d failed" % (total - len(failures), len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
