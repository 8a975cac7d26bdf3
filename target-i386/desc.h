/* SPDX-License-Identifier: MIT */
/*
 * Segment descriptors as data: unpacking the two dwords of a descriptor
 * into a SegmentCache and the type/privilege rules of segment loads and
 * far transfers (SDM Vol. 3A, 3.4.5 and 5.5-5.8) as pure functions that
 * answer "fine" (0) or the exception vector to raise. seg.c and its
 * siblings fetch descriptors and act on the answers;
 * tests/unit/test-x86-seg.c checks the rules alone. Private to target-i386/.
 */
#ifndef TARGET_I386_DESC_H
#define TARGET_I386_DESC_H

#include "target-i386/cpu.h"

#include <stdbool.h>
#include <stdint.h>

/* Descriptor type field (SEG_ATTR_TYPE_MASK) bits for code and data. */
#define DESC_A          0x1     /* accessed */
#define DESC_W          0x2     /* data: writable */
#define DESC_R          0x2     /* code: readable */
#define DESC_E          0x4     /* data: expand-down */
#define DESC_C          0x4     /* code: conforming */
#define DESC_CODE       0x8

/* System descriptor types (S = 0), SDM Vol. 3A, Table 3-2. */
enum {
    DESC_TSS16_AVAIL = 1, DESC_LDT = 2, DESC_TSS16_BUSY = 3,
    DESC_CALL16 = 4, DESC_TASK = 5, DESC_INT16 = 6, DESC_TRAP16 = 7,
    DESC_TSS32_AVAIL = 9, DESC_TSS32_BUSY = 11, DESC_CALL32 = 12,
    DESC_INT32 = 14, DESC_TRAP32 = 15,
};

static inline uint32_t desc_attr(uint32_t hi)
{
    return (hi >> 8) & 0xf0ff;
}

static inline uint32_t desc_base(uint32_t lo, uint32_t hi)
{
    return (lo >> 16) | ((hi & 0xff) << 16) | (hi & 0xff000000);
}

static inline uint32_t desc_limit(uint32_t lo, uint32_t hi)
{
    uint32_t limit = (lo & 0xffff) | (hi & 0x000f0000);

    return (hi & (1u << 23)) ? (limit << 12) | 0xfff : limit;
}

static inline unsigned attr_dpl(uint32_t attr)
{
    return (attr >> SEG_ATTR_DPL_SHIFT) & 3;
}

static inline unsigned attr_type(uint32_t attr)
{
    return attr & SEG_ATTR_TYPE_MASK;
}

static inline bool attr_is_code(uint32_t attr)
{
    return (attr & SEG_ATTR_S) && (attr & DESC_CODE);
}

static inline bool attr_is_data(uint32_t attr)
{
    return (attr & SEG_ATTR_S) && !(attr & DESC_CODE);
}

static inline bool attr_is_conforming(uint32_t attr)
{
    return attr_is_code(attr) && (attr & DESC_C);
}

/* Fill @sc from a descriptor and its selector. */
void desc_to_cache(SegmentCache *sc, uint16_t sel, uint32_t lo, uint32_t hi);

/* MOV/POP to DS, ES, FS, GS with a non-null selector (SDM Vol. 2B, MOV):
 * 0, #GP or #NP. */
int desc_check_data_load(uint32_t attr, unsigned rpl, unsigned cpl);
/* MOV/POP/LSS to SS with a non-null selector: 0, #GP or #SS. */
int desc_check_ss_load(uint32_t attr, unsigned rpl, unsigned cpl);
/* Direct far JMP/CALL to a code segment (SDM Vol. 3A, 5.8.1): 0, #GP or
 * #NP. In IA-32e mode L=1 with D=1 is invalid. */
int desc_check_code_direct(uint32_t attr, unsigned rpl, unsigned cpl,
                           bool lma);
/* The code segment of a call gate or interrupt/trap gate: must be code
 * with DPL <= CPL (SDM Vol. 3A, 5.8.4, 6.12.1.1): 0, #GP or #NP. */
int desc_check_gate_target(uint32_t attr, unsigned cpl);
/* The CS popped by RET far / IRET (SDM Vol. 2B, RET): 0, #GP or #NP. */
int desc_check_code_return(uint32_t attr, unsigned rpl, unsigned cpl);
/* The SS popped on a return to an outer level, RPL(CS) = @new_cpl:
 * 0, #GP or #SS. */
int desc_check_ss_return(uint32_t attr, unsigned rpl, unsigned new_cpl);
/* The SS taken from the TSS on a privilege change to @dpl: 0, #TS or #SS. */
int desc_check_ss_inner(uint32_t attr, unsigned rpl, unsigned dpl);
/* After a return to @cpl: may ES/DS/FS/GS keep this segment? (SDM Vol. 2B,
 * RET "return to outer privilege level": else it is nulled.) */
bool desc_data_valid_for_cpl(uint32_t attr, unsigned cpl);
/* Types LAR / LSL accept for system descriptors (SDM Vol. 2A, LAR/LSL). */
bool desc_lar_type_ok(uint32_t attr, bool lma);
bool desc_lsl_type_ok(uint32_t attr, bool lma);
/* VERR / VERW (SDM Vol. 2B): readable/writable at max(CPL, RPL)? */
bool desc_verr_ok(uint32_t attr, unsigned rpl, unsigned cpl);
bool desc_verw_ok(uint32_t attr, unsigned rpl, unsigned cpl);

#endif
