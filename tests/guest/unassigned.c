/* SPDX-License-Identifier: MIT */
/*
 * unassigned: reads from I/O ports no device of the pc machine claims
 * return all ones at every access size, and writes there are dropped.
 */
#include "runtime/guest.h"

static const uint16_t ports[] = { 0x2a0, 0x2a4, 0x2b0, 0x6f0 };

void test_main(uint32_t magic, MultibootInfo *mbi)
{
    for (unsigned i = 0; i < sizeof(ports) / sizeof(ports[0]); i++) {
        uint16_t p = ports[i];
        outb(p, 0x12);
        outl(p, 0x12345678);
        kprintf("port %#x: inb %#04x inw %#06x inl %#010x\n",
                p, inb(p), inw(p), inl(p));
    }
}
