#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Stand-in for build/kestrel made of Debian's QEMU, used to check guest
# tests and to produce their .expected files on the real CPU (-accel kvm):
#   run-guest-test.py --kestrel tests/guest/qemu-shim.sh --accel kvm ...
# QEMU's -nographic would put SeaBIOS's serial console and iPXE on COM1;
# this swaps it for a plain COM1-on-stdout with no NIC, so the serial
# stream holds only what the guest printed.
set -e
qemu=${QEMU:-qemu-system-x86_64}
for arg do
    shift
    if [ "$arg" = "-nographic" ]; then
        set -- "$@" -display none -serial stdio -nic none
    else
        set -- "$@" "$arg"
    fi
done
exec "$qemu" "$@"
