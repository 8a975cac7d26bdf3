/* SPDX-License-Identifier: MIT */
/*
 * The ACPI fixed-hardware power management block ("acpi-pm"): the PM1a
 * event registers (status and enable), the PM1a control register (SCI_EN
 * and the sleep request) and the 32-bit ACPI PM timer. The FADT built by
 * hw/pc/acpi-build.c points at these ports; the SCI is one GSI.
 */
#ifndef HW_MISC_ACPI_PM_H
#define HW_MISC_ACPI_PM_H

#include "hw/core/device.h"

#include <glib.h>
#include <stdint.h>

#define ACPI_PM_IOBASE      0x600
#define ACPI_PM1_EVT_OFF    0x00    /* PM1a_STS (2 bytes), PM1a_EN (2) */
#define ACPI_PM1_CNT_OFF    0x04    /* PM1a_CNT, 2 bytes */
#define ACPI_PM_TMR_OFF     0x08    /* PM_TMR, 4 bytes */
#define ACPI_PM_SIZE        0x0c
#define ACPI_PM1_EVT_LEN    4
#define ACPI_PM1_CNT_LEN    2
#define ACPI_PM_TMR_LEN     4
#define ACPI_SCI_GSI        9

#define ACPI_PM_TIMER_HZ    3579545

/* PM1 status / enable bits (ACPI 6.x section 4.8.3.1). */
#define ACPI_PM1_TMR        0x0001
#define ACPI_PM1_BM_STS     0x0010
#define ACPI_PM1_GBL        0x0020
#define ACPI_PM1_PWRBTN     0x0100
#define ACPI_PM1_SLPBTN     0x0200
#define ACPI_PM1_RTC        0x0400
#define ACPI_PM1_WAK_STS    0x8000

/* PM1 control bits (section 4.8.3.2). */
#define ACPI_PM1_SCI_EN     0x0001
#define ACPI_PM1_BM_RLD     0x0002
#define ACPI_PM1_GBL_RLS    0x0004
#define ACPI_PM1_SLP_TYP_SHIFT 10
#define ACPI_PM1_SLP_TYP    0x1c00
#define ACPI_PM1_SLP_EN     0x2000

/* The SLP_TYP values the DSDT's \_Sx packages hand to the OS. */
#define ACPI_SLP_TYP_S0     0
#define ACPI_SLP_TYP_S5     5

/* Create and realize "acpi-pm" at @iobase (ACPI_PM_IOBASE), SCI on @gsi. */
DeviceState *acpi_pm_create(Machine *m, uint32_t iobase, unsigned gsi,
                            GError **errp);
/* Press the fixed-feature power button: PWRBTN_STS, an SCI if enabled. */
void acpi_pm_power_button(DeviceState *dev);

#endif
