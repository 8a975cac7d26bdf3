/* SPDX-License-Identifier: MIT */
/*
 * KVM memory slots kept equal to the RAM parts of the system FlatView: a
 * MemoryListener turns each RAM/ROM range into a slot on region_add and
 * removes it on region_del. Everything else (io, unassigned) stays out of
 * the slots, so KVM exits to us for it.
 */
#include "kvm-internal.h"
#include "util/cutils.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>

#define KVM_PAGE 4096

static bool set_slot(AccelState *s, unsigned id, const KVMSlot *slot)
{
    struct kvm_userspace_memory_region r = {
        .slot = id,
        .flags = slot->flags,
        .guest_phys_addr = slot->gpa,
        .memory_size = slot->used ? slot->size : 0,
        .userspace_addr = (uintptr_t)slot->host,
    };

    if (ioctl(s->vm_fd, KVM_SET_USER_MEMORY_REGION, &r) < 0) {
        fprintf(stderr, "kestrel: kvm: memory slot %u at %#llx+%#llx: %s\n",
                id, (unsigned long long)slot->gpa,
                (unsigned long long)slot->size, g_strerror(errno));
        return false;
    }
    return true;
}

static bool section_is_slot(const MemoryRegionSection *sec)
{
    return memory_region_is_ram(sec->mr) &&
           sec->offset_within_address_space % KVM_PAGE == 0 &&
           sec->size % KVM_PAGE == 0 && sec->size > 0;
}

static void kvm_region_add(MemoryListener *l, MemoryRegionSection *sec)
{
    AccelState *s = container_of(l, AccelState, listener);
    KVMSlot slot;
    unsigned id;

    if (!section_is_slot(sec)) {
        return;
    }
    for (id = 0; id < s->nr_slots && s->slots[id].used; id++) {
    }
    if (id == s->nr_slots) {
        s->slots = g_renew(KVMSlot, s->slots, s->nr_slots + 8);
        memset(s->slots + s->nr_slots, 0, 8 * sizeof(KVMSlot));
        s->nr_slots += 8;
    }
    slot = (KVMSlot){
        .used = true,
        .gpa = sec->offset_within_address_space,
        .size = sec->size,
        .host = (uint8_t *)memory_region_get_ram_ptr(sec->mr) +
                sec->offset_within_region,
        .flags = 0,
    };
    /* ROM: reads from the slot, writes exit to userspace and are dropped. */
    if (sec->readonly || sec->mr->readonly) {
        if (!s->readonly_mem) {
            return;
        }
        slot.flags = KVM_MEM_READONLY;
    }
    if (set_slot(s, id, &slot)) {
        s->slots[id] = slot;
    }
}

static void kvm_region_del(MemoryListener *l, MemoryRegionSection *sec)
{
    AccelState *s = container_of(l, AccelState, listener);

    for (unsigned id = 0; id < s->nr_slots; id++) {
        KVMSlot *slot = &s->slots[id];

        if (slot->used && slot->gpa == sec->offset_within_address_space &&
            slot->size == sec->size) {
            slot->used = false;
            set_slot(s, id, slot);
            return;
        }
    }
}

void kvm_slots_init(AccelState *s)
{
    s->listener = (MemoryListener){
        .region_add = kvm_region_add,
        .region_del = kvm_region_del,
        .priority = 10,
    };
    memory_listener_register(&s->listener, s->cfg.as_memory);
}
