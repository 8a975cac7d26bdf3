/* SPDX-License-Identifier: MIT */
/*
 * hello: the smallest guest test. Proves the Multiboot entry, the COM1
 * console and isa-debug-exit work.
 */
#include "runtime/guest.h"

void test_main(uint32_t magic, MultibootInfo *mbi)
{
    kputs("Hello from a Kestrel guest\n");
}
