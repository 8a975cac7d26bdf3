#!/bin/sh
# SPDX-License-Identifier: MIT
# Install the Debian packages Kestrel needs to build and test, skipping
# those already present. Run as root (or through sudo).
set -eu

# Build: compiler, meson, ninja and the libraries.
BUILD="gcc make pkg-config python3 meson ninja-build libglib2.0-dev
libcapstone-dev libffi-dev libpixman-1-dev libsdl2-dev"
# Tests and the demo: the peer emulator, gdb, Debian's kernel, busybox,
# SeaBIOS (the default firmware when no -kernel is given).
TEST="qemu-system-x86 gdb linux-image-amd64 busybox-static seabios cpio"

missing=""
for p in $BUILD $TEST; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
        missing="$missing $p"
    fi
done
if [ -z "$missing" ]; then
    echo "install-deps: everything is installed"
    exit 0
fi
if [ "$(id -u)" != 0 ]; then
    echo "install-deps: missing:$missing" >&2
    echo "install-deps: run as root: sudo $0" >&2
    exit 1
fi
echo "install-deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing
