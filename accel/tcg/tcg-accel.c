/* SPDX-License-Identifier: MIT */
/*
 * The tcg row of the accelerator table. The dynamic binary translator is
 * not built yet; the row exists so -accel tcg and fallback lists name it
 * and say so clearly.
 */
#include "accel/accel.h"
#include "util/cutils.h"

static bool tcg_available(GError **errp)
{
    g_set_error(errp, KESTREL_ERROR, 0,
                "the TCG translator is not built yet in this version");
    return false;
}

const AccelOps tcg_accel_ops = {
    .name = "tcg",
    .desc = "dynamic binary translator (runs without KVM)",
    .available = tcg_available,
};
