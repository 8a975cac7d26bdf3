#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Build a busybox initramfs for booting Debian's kernel under Kestrel,
# from Debian packages only: busybox-static's /bin/busybox, GNU cpio
# (newc format) and gzip. No network.
#
#   scripts/build-initramfs.sh                  -> build/initramfs.cpio.gz
#   scripts/build-initramfs.sh --exec "uname -a" [-o FILE]
#                                               -> build/initramfs-exec.cpio.gz
#   ... --add HOSTFILE:/PATH                    (repeatable) also puts
#                                               HOSTFILE in the image at /PATH
#
# The default /init mounts proc, sysfs and devtmpfs, prints
# "KESTREL-INIT-OK" and becomes busybox init, which runs a shell on the
# console (cttyhack sh, again whenever it exits) and handles poweroff and
# reboot (ACPI S5 ends Kestrel with status 0). With --exec, /init prints
# the same marker, runs the command, prints "KESTREL-EXEC-DONE status=N"
# and powers off (poweroff -f), for functional tests.
#
# The archive is rebuilt only when its inputs change (this script,
# busybox, the command); a FILE.stamp beside it records them.
set -eu

usage() {
    echo "usage: $0 [--exec COMMAND] [--add HOSTFILE:/PATH]... [-o OUTPUT]" >&2
    exit 2
}

here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
exec_cmd=
have_exec=0
output=
adds=

while [ $# -gt 0 ]; do
    case "$1" in
    --exec) [ $# -ge 2 ] || usage; exec_cmd=$2; have_exec=1; shift 2 ;;
    -o|--output) [ $# -ge 2 ] || usage; output=$2; shift 2 ;;
    --add) [ $# -ge 2 ] || usage
        case "$2" in *:/*) ;; *) usage ;; esac
        adds="$adds
$2"; shift 2 ;;
    -h|--help) usage ;;
    *) usage ;;
    esac
done
if [ -z "$output" ]; then
    if [ $have_exec = 1 ]; then
        output=$top/build/initramfs-exec.cpio.gz
    else
        output=$top/build/initramfs.cpio.gz
    fi
fi

die() {
    echo "build-initramfs: $*" >&2
    exit 1
}

# busybox-static: a static busybox works without any library in the image.
busybox=/bin/busybox
if ! dpkg -s busybox-static >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "build-initramfs: installing busybox-static" >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y busybox-static >&2 ||
            die "apt-get install busybox-static failed"
    else
        die "needs Debian's busybox-static package (apt-get install busybox-static)"
    fi
fi
for tool in cpio gzip python3; do
    command -v $tool >/dev/null || die "needs $tool (Debian package $tool)"
done
[ -x $busybox ] || die "$busybox is missing (reinstall busybox-static)"
if readelf -l $busybox 2>/dev/null | grep -q INTERP; then
    die "$busybox is dynamically linked; install busybox-static"
fi

# Each added file's destination and content, for the cache key.
add_key() {
    printf '%s\n' "$adds" | while IFS= read -r a; do
        [ -n "$a" ] || continue
        printf '%s ' "${a#*:}"
        sha256sum < "${a%%:/*}" | cut -d' ' -f1
    done
}
printf '%s\n' "$adds" | while IFS= read -r a; do
    [ -z "$a" ] || [ -f "${a%%:/*}" ] || die "--add: ${a%%:/*}: no such file"
done

key=$( { sha256sum "$0" $busybox | cut -d' ' -f1; echo "exec=$have_exec"; \
         printf '%s' "$exec_cmd" | sha256sum; add_key; } | sha256sum | cut -d' ' -f1)
if [ -f "$output" ] && [ -f "$output.stamp" ] &&
   [ "$(cat "$output.stamp")" = "$key" ]; then
    echo "build-initramfs: $output is up to date"
    exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/root
mkdir -p "$root/bin" "$root/dev" "$root/proc" "$root/sys" "$root/tmp" \
         "$root/etc" "$root/root"
cp $busybox "$root/bin/busybox"
ln -s busybox "$root/bin/sh"
printf '%s\n' "$adds" | while IFS= read -r a; do
    [ -n "$a" ] || continue
    mkdir -p "$root$(dirname "${a#*:}")"
    cp "${a%%:/*}" "$root${a#*:}"
done

if [ $have_exec = 1 ]; then
    printf '%s\n' "$exec_cmd" > "$root/exec.sh"
    tail_part='sh /exec.sh
echo "KESTREL-EXEC-DONE status=$?"
poweroff -f'
else
    # busybox init as PID 1, so that poweroff and reboot (which signal
    # init) shut down cleanly; it respawns the shell when it exits.
    tail_part='exec /bin/busybox init'
    cat > "$root/etc/inittab" <<'EOF'
::respawn:/bin/cttyhack /bin/sh -l
::ctrlaltdel:/bin/reboot
EOF
    printf '%s\n' 'export PATH=/bin HOME=/root PS1="kestrel:\w# "' \
        > "$root/etc/profile"
fi
cat > "$root/init" <<EOF
#!/bin/busybox sh
/bin/busybox --install -s /bin
export PATH=/bin HOME=/root
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
echo KESTREL-INIT-OK
$tail_part
EOF
chmod 755 "$root/init"

# The files through GNU cpio; /dev/console (c 5:1, which the kernel opens
# for init before anything is mounted) as a second newc archive written
# here, so no mknod and no root are needed. The kernel unpacks both.
(cd "$root" && find . -mindepth 1 | LC_ALL=C sort |
    cpio --quiet -o -H newc --owner=0:0) > "$work/files.cpio"
python3 - "$work/dev.cpio" <<'EOF'
import sys

def entry(name, mode, rdev=(0, 0), ino=1):
    name = name.encode() + b"\0"
    fields = [ino, mode, 0, 0, 1, 0, 0, 0, 0, rdev[0], rdev[1], len(name), 0]
    hdr = b"070701" + b"".join(b"%08X" % f for f in fields)
    data = hdr + name
    return data + bytes(-len(data) % 4)

out = entry("dev", 0o040755, ino=1) + entry("dev/console", 0o020600, (5, 1), ino=2)
out += entry("TRAILER!!!", 0, ino=0)
out += bytes(-len(out) % 512)
with open(sys.argv[1], "wb") as f:
    f.write(out)
EOF
mkdir -p "$(dirname "$output")"
cat "$work/files.cpio" "$work/dev.cpio" | gzip -9 -n > "$output.tmp"
mv "$output.tmp" "$output"
echo "$key" > "$output.stamp"
echo "build-initramfs: wrote $output ($(wc -c < "$output") bytes)"
