/* SPDX-License-Identifier: MIT */
/*
 * The accelerator table. Each row is a const AccelOps from its own folder;
 * the order is the preference when the user names none.
 */
#include "accel/accel.h"

#include <string.h>

extern const AccelOps kvm_accel_ops;
extern const AccelOps tcg_accel_ops;

const AccelOps *const accel_table[] = {
    &kvm_accel_ops,
    &tcg_accel_ops,
    NULL,
};

const AccelOps *accel_find(const char *name)
{
    for (int i = 0; accel_table[i]; i++) {
        if (!strcmp(accel_table[i]->name, name)) {
            return accel_table[i];
        }
    }
    return NULL;
}
