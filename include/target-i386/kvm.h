/* SPDX-License-Identifier: MIT */
/*
 * The x86 half of the KVM accelerator: converting CPUX86State to and from
 * KVM's register structs, and handing KVM the CPUID table.
 */
#ifndef TARGET_I386_KVM_H
#define TARGET_I386_KVM_H

#include "target-i386/cpu.h"

#include <glib.h>
#include <stdbool.h>

/* Build the vCPU's CPUID table (-cpu over KVM_GET_SUPPORTED_CPUID) and set
 * it with KVM_SET_CPUID2. Warns once (through @dropped) about features the
 * host's KVM cannot give. */
bool kvm_x86_init_vcpu(int kvm_fd, int vcpu_fd, CPUX86State *env,
                       const char *model, unsigned ncpus, char **dropped,
                       GError **errp);
bool kvm_x86_get_registers(int vcpu_fd, CPUX86State *env, GError **errp);
bool kvm_x86_put_registers(int vcpu_fd, CPUX86State *env, GError **errp);

#endif
