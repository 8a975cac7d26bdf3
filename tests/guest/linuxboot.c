/* SPDX-License-Identifier: MIT */
/*
 * linuxboot: a bzImage (mkbzimage.py) entered through the Linux 32-bit
 * boot protocol (Documentation/arch/x86/boot.rst). Prints what the loader
 * handed over: the entry registers and segments, the boot GDT, and the
 * boot_params it filled in — loader type, loadflags, heap, command line,
 * initrd (with its bytes), ACPI RSDP, the e820 map — next to the setup
 * header fields it had to keep. linuxboot.args fixes -m 128 so the
 * initrd's address is the same on every run.
 */
#include "runtime/guest.h"
#include "boot-entry.h"

#define BP8(off)  (*(const volatile uint8_t *)(bp + (off)))
#define BP16(off) (*(const volatile uint16_t *)(bp + (off)))
#define BP32(off) (*(const volatile uint32_t *)(bp + (off)))
#define BP64(off) (*(const volatile uint64_t *)(bp + (off)))

extern char linux_entry[];

void test_main(uint32_t kind, MultibootInfo *info)
{
    uintptr_t bp = (uintptr_t)info;
    uint32_t rd = BP32(0x218), rd_size = BP32(0x21c);
    uint32_t kernel_end = BP32(0x214) + BP32(0x260);
    uint64_t rsdp = BP64(0x070);

    boot_print_entry();
    kprintf("boot_params at %#x (kind %u)\n", bp, kind);
    kprintf("  header %c%c%c%c version %#x setup_sects %u syssize %#x\n",
            BP8(0x202), BP8(0x203), BP8(0x204), BP8(0x205), BP16(0x206),
            BP8(0x1f1), BP32(0x1f4));
    kprintf("  boot_flag %#x vid_mode %#x sentinel %#x\n",
            BP16(0x1fe), BP16(0x1fa), BP8(0x1ef));
    kprintf("  type_of_loader %#x ext_loader_ver %u ext_loader_type %u\n",
            BP8(0x210), BP8(0x226), BP8(0x227));
    kprintf("  loadflags %#x (LOADED_HIGH %u CAN_USE_HEAP %u) heap_end_ptr %#x\n",
            BP8(0x211), BP8(0x211) & 1, BP8(0x211) >> 7, BP16(0x224));
    kprintf("  code32_start %#x (linux_entry %#x)\n", BP32(0x214),
            (uint32_t)linux_entry);
    kprintf("  pref_address %#llx init_size %#x kernel_alignment %#x "
            "relocatable %u\n", BP64(0x258), BP32(0x260), BP32(0x230),
            BP8(0x234));
    kprintf("  cmd_line_ptr %#x ext_cmd_line_ptr %#x cmdline_size %u\n",
            BP32(0x228), BP32(0x0c8), BP32(0x238));
    boot_print_text("cmdline", (const char *)BP32(0x228), 256);
    kprintf("  ramdisk_image %#x (page offset %#x) ramdisk_size %u "
            "ext %#x/%#x\n", rd, rd & 0xfff, rd_size, BP32(0x0c0), BP32(0x0c4));
    kprintf("  initrd_addr_max %#x: ramdisk below it %u, above the kernel's "
            "init_size area %u\n", BP32(0x22c),
            rd + rd_size - 1 <= BP32(0x22c), rd >= kernel_end);
    boot_print_text("ramdisk", (const char *)rd, rd_size);
    kprintf("  acpi_rsdp_addr %#llx (valid RSDP %u)\n", rsdp, boot_rsdp_ok(rsdp));
    kprintf("  alt_mem_k %u\n", BP32(0x1e0));
    kprintf("  e820_entries %u\n", BP8(0x1e8));
    boot_print_map((const void *)(bp + 0x2d0), BP8(0x1e8), 20);
}
