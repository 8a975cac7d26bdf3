/* SPDX-License-Identifier: MIT */
/*
 * kvm-exit: the guest of bench/run's KVM exit round-trip figure. It enters
 * long mode and writes a byte N times to a place no device claims, so each
 * write is one exit to the emulator's vCPU thread and back:
 *
 *   mode=pio3   `out` to port KX_PORT at CPL3 with IOPL 3 (on a KVM that
 *               runs CPL3 natively, only the exit itself is paid);
 *   mode=mmio3  a store to KX_MMIO (no RAM, no device) at CPL3;
 *   mode=pio0   `out` to KX_PORT at CPL0.
 *
 * Port 0xe0 and 0x3ff00000 (with -m 128) are unassigned in Kestrel's and
 * in QEMU's pc machine. N and the mode come from the command line
 * ("exits=N mode=M", default 100000 and pio3). The guest then prints
 * "exits=N tsc=T" (T: TSC ticks spent in the loop) and leaves through
 * isa-debug-exit at 0xf4; an exception prints "kvm-exit: exception V at
 * RIP" and exits with EXIT_EXCEPTION (this host's PVM KVM answers `out` at
 * CPL3 with #GP whatever IOPL says).
 *
 * bench/run times the whole emulator process for two values of N and
 * divides the difference by the difference in N, so start-up cancels.
 * Built against tests/guest/runtime by bench/run, with the flags of
 * tests/guest/meson.build.
 */

#include "guest.h"

enum { KX_PIO3, KX_MMIO3, KX_PIO0 };

uint64_t kx_exits = 100000;
uint32_t kx_mode = KX_PIO3;

void kx_main64(void);

/* The text after "key" in s, or NULL. */
static const char *find_arg(const char *s, const char *key)
{
    for (; *s; s++) {
        size_t i = 0;

        while (key[i] && s[i] == key[i]) {
            i++;
        }
        if (!key[i]) {
            return s + i;
        }
    }
    return NULL;
}

static bool starts_with(const char *s, const char *prefix)
{
    while (*prefix && *s == *prefix) {
        s++;
        prefix++;
    }
    return !*prefix;
}

void test_main(uint32_t magic, MultibootInfo *mbi)
{
    const char *cmdline = "", *v;

    if (mbi->flags & MB_INFO_CMDLINE) {
        cmdline = (const char *)(uintptr_t)mbi->cmdline;
    }
    if ((v = find_arg(cmdline, "exits="))) {
        kx_exits = 0;
        for (; *v >= '0' && *v <= '9'; v++) {
            kx_exits = kx_exits * 10 + (uint64_t)(*v - '0');
        }
    }
    if ((v = find_arg(cmdline, "mode="))) {
        kx_mode = starts_with(v, "mmio3") ? KX_MMIO3 :
                  starts_with(v, "pio0") ? KX_PIO0 : KX_PIO3;
    }
    long_mode_set_gate_dpl(3, 3);
    long_mode_enter(paging64_build(), kx_main64);
}
