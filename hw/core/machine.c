/* SPDX-License-Identifier: MIT */
/* Machine-wide requests from devices, forwarded to the hooks vl/ set. */
#include "hw/core/device.h"

void machine_request_exit(Machine *m, int status)
{
    if (m->hooks && m->hooks->request_exit) {
        m->hooks->request_exit(m, status);
    }
}

void machine_request_reset(Machine *m)
{
    if (m->hooks && m->hooks->request_reset) {
        m->hooks->request_reset(m);
    }
}

void machine_reset_devices(Machine *m)
{
    for (guint i = 0; i < m->devices->len; i++) {
        device_reset(g_ptr_array_index(m->devices, i));
    }
}
