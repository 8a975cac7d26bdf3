/* SPDX-License-Identifier: MIT */
/*
 * The x86 side of the gdbstub: the register layouts gdb expects for i386
 * and x86-64 (its org.gnu.gdb.i386.* features plus Kestrel's control
 * registers), their XML target descriptions, and register access by gdb's
 * register number. vl/gdbstub.c reaches these through the GdbArchOps row
 * vl/main.c builds from them; nothing here knows the protocol.
 */
#ifndef TARGET_I386_GDB_H
#define TARGET_I386_GDB_H

#include "target-i386/cpu.h"

#include <stddef.h>
#include <stdint.h>

/* Register layouts ("gdbarch"), in the order "monitor gdbarch" names. */
enum { X86_GDB_I386, X86_GDB_X86_64, X86_GDB_NR_ARCHS };

extern const char *const x86_gdb_arch_names[];

/* The layout that fits the vCPU now: x86-64 in long mode, else i386. */
int x86_gdb_arch_for(const CPUX86State *env);
/* The whole target description (one target.xml, every feature inline). */
const char *x86_gdb_target_xml(int arch);
unsigned x86_gdb_num_regs(int arch);
/* Register @n in target byte order into @buf (room for 16 bytes); returns
 * its size, or -1 when @n is not a register of @arch. */
int x86_gdb_read_reg(CPUX86State *env, int arch, unsigned n, uint8_t *buf);
/* Write register @n from @len bytes; returns its size, -1 if @n is not a
 * register or @len is short. */
int x86_gdb_write_reg(CPUX86State *env, int arch, unsigned n,
                      const uint8_t *buf, size_t len);
/* Linear address of the next instruction (CS base + rIP). */
uint64_t x86_gdb_pc(const CPUX86State *env);

#endif
