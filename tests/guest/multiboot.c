/* SPDX-License-Identifier: MIT */
/*
 * multiboot: prints what the loader handed over (Multiboot v1 spec, 3.2
 * and 3.3): the magic in EAX, the flag bits the image asked for, the
 * memory sizes, the command line and the memory map. The command line's
 * first word is the image path, which depends on where the build tree is,
 * so only its last component is printed.
 */
#include "runtime/guest.h"

static void print_cmdline(const char *s)
{
    const char *word_end = s;
    const char *base = s;

    while (*word_end && *word_end != ' ') {
        if (*word_end == '/') {
            base = word_end + 1;
        }
        word_end++;
    }
    kputs("cmdline image: ");
    while (base < word_end) {
        kputc(*base++);
    }
    kputs("\ncmdline args: \"");
    if (*word_end) {
        kputs(word_end + 1);
    }
    kputs("\"\n");
}

/*
 * Entries above the RAM differ between QEMU's accelerators (KVM reserves
 * its TSS/identity-map pages below 4 GiB, TCG's AMD CPU model a hole near
 * 1 TiB), so only entries overlapping the RAM given with -m are printed.
 */
static void print_mmap(const MultibootInfo *mbi, uint64_t ram_end)
{
    uint32_t p = mbi->mmap_addr;
    uint32_t end = mbi->mmap_addr + mbi->mmap_length;
    uint64_t available = 0;

    kprintf("mmap entries below %#llx:\n", ram_end);
    while (p < end) {
        const MultibootMmapEntry *e = (const MultibootMmapEntry *)p;
        if (e->type == 1) {
            available += e->len;
        }
        if (e->addr < ram_end) {
            kprintf("  size %u base %#010llx len %#010llx type %u\n",
                    e->size, e->addr, e->len, e->type);
        }
        p += e->size + 4;
    }
    kprintf("mmap available total %#llx\n", available);
}

void test_main(uint32_t magic, MultibootInfo *mbi)
{
    kprintf("magic %#x\n", magic);
    kprintf("flags: mem %u cmdline %u mmap %u\n",
            !!(mbi->flags & MB_INFO_MEMORY), !!(mbi->flags & MB_INFO_CMDLINE),
            !!(mbi->flags & MB_INFO_MEM_MAP));
    if (mbi->flags & MB_INFO_MEMORY) {
        kprintf("mem_lower %u KiB, mem_upper %u KiB\n", mbi->mem_lower, mbi->mem_upper);
    }
    if (mbi->flags & MB_INFO_CMDLINE) {
        print_cmdline((const char *)mbi->cmdline);
    }
    if (mbi->flags & MB_INFO_MEM_MAP) {
        print_mmap(mbi, 64ull << 20);   /* multiboot.args says -m 64 */
    }
}
