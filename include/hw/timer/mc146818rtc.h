/* SPDX-License-Identifier: MIT */
/*
 * The MC146818 real-time clock and its 128 bytes of CMOS RAM
 * ("mc146818rtc") at ports 0x70 (index; bit 7 masks NMI) and 0x71
 * (data), interrupting on GSI 8. The clock follows host wall time plus
 * whatever offset the guest gives it by setting the time. The machine
 * fills the CMOS bytes BIOSes read: memory sizes, CPU count, century.
 */
#ifndef HW_TIMER_MC146818RTC_H
#define HW_TIMER_MC146818RTC_H

#include "hw/core/device.h"

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

#define RTC_IOBASE          0x70
#define RTC_IRQ             8

/* Clock registers (MC146818A datasheet, "Address Map"). */
#define RTC_SECONDS         0x00
#define RTC_SECONDS_ALARM   0x01
#define RTC_MINUTES         0x02
#define RTC_MINUTES_ALARM   0x03
#define RTC_HOURS           0x04
#define RTC_HOURS_ALARM     0x05
#define RTC_DAY_OF_WEEK     0x06
#define RTC_DAY_OF_MONTH    0x07
#define RTC_MONTH           0x08
#define RTC_YEAR            0x09
#define RTC_REG_A           0x0a
#define RTC_REG_B           0x0b
#define RTC_REG_C           0x0c
#define RTC_REG_D           0x0d

#define RTC_A_UIP           0x80
#define RTC_A_DV_MASK       0x70
#define RTC_A_DV_32KHZ      0x20
#define RTC_A_RS_MASK       0x0f
#define RTC_B_SET           0x80
#define RTC_B_PIE           0x40
#define RTC_B_AIE           0x20
#define RTC_B_UIE           0x10
#define RTC_B_SQWE          0x08
#define RTC_B_DM_BINARY     0x04
#define RTC_B_24H           0x02
#define RTC_B_DSE           0x01
#define RTC_C_IRQF          0x80
#define RTC_C_PF            0x40
#define RTC_C_AF            0x20
#define RTC_C_UF            0x10
#define RTC_D_VRT           0x80

/* CMOS bytes of the PC/AT BIOS convention and QEMU's SeaBIOS interface. */
#define CMOS_EQUIPMENT      0x14
#define CMOS_BASE_MEM_LO    0x15    /* KiB below 1 MiB: 640 */
#define CMOS_BASE_MEM_HI    0x16
#define CMOS_EXT_MEM_LO     0x17    /* KiB from 1 MiB, at most 65535 */
#define CMOS_EXT_MEM_HI     0x18
#define CMOS_CHECKSUM_HI    0x2e    /* sum of 0x10-0x2d */
#define CMOS_CHECKSUM_LO    0x2f
#define CMOS_EXT_MEM2_LO    0x30    /* a copy of 0x17/0x18 */
#define CMOS_EXT_MEM2_HI    0x31
#define CMOS_CENTURY        0x32
#define CMOS_BOOT_ORDER3    0x38    /* bits 7:4 third boot device */
#define CMOS_BOOT_ORDER12   0x3d    /* bits 3:0 first, 7:4 second */
#define CMOS_MEM_16M_LO     0x34    /* 64 KiB units from 16 MiB to 4 GiB */
#define CMOS_MEM_16M_HI     0x35
#define CMOS_MEM_4G_LO      0x5b    /* 64 KiB units above 4 GiB, 3 bytes */
#define CMOS_MEM_4G_MID     0x5c
#define CMOS_MEM_4G_HI      0x5d
#define CMOS_SMP_COUNT      0x5f    /* CPUs minus one */

/*
 * Create and realize the RTC in @m with its CMOS memory-size bytes for
 * @ram_below_4g and @ram_above_4g bytes of RAM and m->smp_cpus CPUs.
 */
DeviceState *rtc_create(Machine *m, uint64_t ram_below_4g,
                        uint64_t ram_above_4g, GError **errp);
/* Raw CMOS bytes (0x0e-0x7f), for the machine and firmware interfaces. */
void rtc_set_cmos(DeviceState *dev, unsigned index, uint8_t val);
uint8_t rtc_get_cmos(DeviceState *dev, unsigned index);
/* Whether the guest last wrote port 0x70 with bit 7 set (NMI masked). */
bool rtc_nmi_masked(DeviceState *dev);

#endif
