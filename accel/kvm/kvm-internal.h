/* SPDX-License-Identifier: MIT */
/* State shared by the files of the KVM accelerator. */
#ifndef ACCEL_KVM_INTERNAL_H
#define ACCEL_KVM_INTERNAL_H

#include "accel/accel.h"

#include <linux/kvm.h>

typedef struct KVMSlot {
    bool used;
    uint64_t gpa;
    uint64_t size;
    void *host;
    uint32_t flags;
} KVMSlot;

struct AccelState {
    int kvm_fd;
    int vm_fd;
    int run_size;
    bool irqchip;
    bool readonly_mem;
    AccelConfig cfg;
    MemoryListener listener;
    KVMSlot *slots;
    unsigned nr_slots;
    char *cpuid_warning;        /* printed once */
};

typedef struct KVMCPU {
    int fd;
    struct kvm_run *run;
} KVMCPU;

void kvm_slots_init(AccelState *s);

#endif
