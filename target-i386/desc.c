/* SPDX-License-Identifier: MIT */
/*
 * The type and privilege rules of segment loads and far transfers as pure
 * functions (desc.h): each answers 0 when the descriptor may be used, or
 * the exception vector the SDM gives (the caller supplies the error code,
 * usually the selector). The order of the checks is the order of the
 * instruction pseudocode in SDM Vol. 2, so the first failing rule wins.
 */
#include "target-i386/desc.h"
#include "target-i386/helper.h"

void desc_to_cache(SegmentCache *sc, uint16_t sel, uint32_t lo, uint32_t hi)
{
    sc->selector = sel;
    sc->base = desc_base(lo, hi);
    sc->limit = desc_limit(lo, hi);
    sc->attr = desc_attr(hi);
}

int desc_check_data_load(uint32_t attr, unsigned rpl, unsigned cpl)
{
    unsigned dpl = attr_dpl(attr);

    if (!attr_is_data(attr) && !(attr_is_code(attr) && (attr & DESC_R))) {
        return EXCP0D_GPF;
    }
    /* Data and non-conforming code: DPL >= CPL and DPL >= RPL. */
    if (!attr_is_conforming(attr) && (rpl > dpl || cpl > dpl)) {
        return EXCP0D_GPF;
    }
    return (attr & SEG_ATTR_P) ? 0 : EXCP0B_NOSEG;
}

int desc_check_ss_load(uint32_t attr, unsigned rpl, unsigned cpl)
{
    if (rpl != cpl || !attr_is_data(attr) || !(attr & DESC_W) ||
        attr_dpl(attr) != cpl) {
        return EXCP0D_GPF;
    }
    return (attr & SEG_ATTR_P) ? 0 : EXCP0C_STACK;
}

int desc_check_code_direct(uint32_t attr, unsigned rpl, unsigned cpl,
                           bool lma)
{
    unsigned dpl = attr_dpl(attr);

    if (!attr_is_code(attr)) {
        return EXCP0D_GPF;
    }
    if (attr & DESC_C) {
        if (dpl > cpl) {
            return EXCP0D_GPF;
        }
    } else if (rpl > cpl || dpl != cpl) {
        return EXCP0D_GPF;
    }
    if (lma && (attr & SEG_ATTR_L) && (attr & SEG_ATTR_DB)) {
        return EXCP0D_GPF;
    }
    return (attr & SEG_ATTR_P) ? 0 : EXCP0B_NOSEG;
}

int desc_check_gate_target(uint32_t attr, unsigned cpl)
{
    if (!attr_is_code(attr) || attr_dpl(attr) > cpl) {
        return EXCP0D_GPF;
    }
    return (attr & SEG_ATTR_P) ? 0 : EXCP0B_NOSEG;
}

int desc_check_code_return(uint32_t attr, unsigned rpl, unsigned cpl)
{
    unsigned dpl = attr_dpl(attr);

    if (!attr_is_code(attr) || rpl < cpl) {
        return EXCP0D_GPF;
    }
    if ((attr & DESC_C) ? dpl > rpl : dpl != rpl) {
        return EXCP0D_GPF;
    }
    return (attr & SEG_ATTR_P) ? 0 : EXCP0B_NOSEG;
}

int desc_check_ss_return(uint32_t attr, unsigned rpl, unsigned new_cpl)
{
    if (rpl != new_cpl || !attr_is_data(attr) || !(attr & DESC_W) ||
        attr_dpl(attr) != new_cpl) {
        return EXCP0D_GPF;
    }
    return (attr & SEG_ATTR_P) ? 0 : EXCP0C_STACK;
}

int desc_check_ss_inner(uint32_t attr, unsigned rpl, unsigned dpl)
{
    if (rpl != dpl || !attr_is_data(attr) || !(attr & DESC_W) ||
        attr_dpl(attr) != dpl) {
        return EXCP0A_TSS;
    }
    return (attr & SEG_ATTR_P) ? 0 : EXCP0C_STACK;
}

bool desc_data_valid_for_cpl(uint32_t attr, unsigned cpl)
{
    if (attr & SEG_ATTR_UNUSABLE) {
        return true;
    }
    if (attr_is_data(attr) || !attr_is_conforming(attr)) {
        return attr_dpl(attr) >= cpl;
    }
    return true;
}

bool desc_lar_type_ok(uint32_t attr, bool lma)
{
    if (attr & SEG_ATTR_S) {
        return true;
    }
    switch (attr_type(attr)) {
    case DESC_LDT: case DESC_TSS32_AVAIL: case DESC_TSS32_BUSY:
    case DESC_CALL32:
        return true;
    case DESC_TSS16_AVAIL: case DESC_TSS16_BUSY: case DESC_CALL16:
    case DESC_TASK:
        return !lma;
    default:
        return false;
    }
}

bool desc_lsl_type_ok(uint32_t attr, bool lma)
{
    if (attr & SEG_ATTR_S) {
        return true;
    }
    switch (attr_type(attr)) {
    case DESC_LDT: case DESC_TSS32_AVAIL: case DESC_TSS32_BUSY:
        return true;
    case DESC_TSS16_AVAIL: case DESC_TSS16_BUSY:
        return !lma;
    default:
        return false;
    }
}

/* LAR, LSL, VERR, VERW: DPL >= CPL and >= RPL unless conforming code. */
static bool visible(uint32_t attr, unsigned rpl, unsigned cpl)
{
    unsigned dpl = attr_dpl(attr);

    return attr_is_conforming(attr) || (dpl >= cpl && dpl >= rpl);
}

bool desc_verr_ok(uint32_t attr, unsigned rpl, unsigned cpl)
{
    if (!(attr & SEG_ATTR_S)) {
        return false;
    }
    if (attr_is_code(attr) && !(attr & DESC_R)) {
        return false;
    }
    return visible(attr, rpl, cpl);
}

bool desc_verw_ok(uint32_t attr, unsigned rpl, unsigned cpl)
{
    return attr_is_data(attr) && (attr & DESC_W) && visible(attr, rpl, cpl);
}
