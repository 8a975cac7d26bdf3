/* SPDX-License-Identifier: MIT */
/*
 * Guest runtime helpers for the PC's legacy interrupt hardware: the
 * cascaded 8259A pair (remap, mask, EOI) and channel 0 of the 8254 PIT.
 */
#include "guest.h"

#define PIC1_CMD    0x20
#define PIC1_DATA   0x21
#define PIC2_CMD    0xa0
#define PIC2_DATA   0xa1
#define PIC_EOI     0x20

#define PIT_CH0     0x40
#define PIT_MODE    0x43

void pic_remap(uint8_t master_base, uint8_t slave_base)
{
    outb(PIC1_CMD, 0x11);           /* ICW1: edge, cascade, ICW4 follows */
    outb(PIC2_CMD, 0x11);
    outb(PIC1_DATA, master_base);   /* ICW2: vector base */
    outb(PIC2_DATA, slave_base);
    outb(PIC1_DATA, 0x04);          /* ICW3: slave on IRQ2 */
    outb(PIC2_DATA, 0x02);          /* ICW3: slave identity */
    outb(PIC1_DATA, 0x01);          /* ICW4: 8086 mode */
    outb(PIC2_DATA, 0x01);
}

void pic_set_mask(uint16_t mask)
{
    outb(PIC1_DATA, mask & 0xff);
    outb(PIC2_DATA, mask >> 8);
}

void pic_eoi(uint8_t irq)
{
    if (irq >= 8) {
        outb(PIC2_CMD, PIC_EOI);
    }
    outb(PIC1_CMD, PIC_EOI);
}

void pit_start_periodic(uint16_t divisor)
{
    outb(PIT_MODE, 0x34);           /* channel 0, lo/hi byte, mode 2, binary */
    outb(PIT_CH0, divisor & 0xff);
    outb(PIT_CH0, divisor >> 8);
}
