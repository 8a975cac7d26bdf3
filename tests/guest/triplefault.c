/* SPDX-License-Identifier: MIT */
/*
 * triplefault: with an empty IDT (limit 0) an exception cannot be
 * delivered, nor can the #GP and #DF that follow: the CPU shuts down.
 * With -no-reboot the emulator then exits with status 0 and nothing is
 * printed after the line below.
 */
#include "runtime/guest.h"

void test_main(uint32_t magic, MultibootInfo *mbi)
{
    struct __attribute__((packed)) {
        uint16_t limit;
        uint32_t base;
    } empty = { 0, 0 };

    kputs("loading an empty IDT and dividing by zero\n");
    __asm__ volatile("lidt %0" : : "m"(empty));
    __asm__ volatile("xorl %%ecx, %%ecx\n\t"
                     "divl %%ecx" : : "a"(1), "d"(0) : "ecx");
    kputs("still running after the triple fault\n");
}
