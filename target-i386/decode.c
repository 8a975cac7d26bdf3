/* SPDX-License-Identifier: MIT */
/*
 * The decoder's engine: legacy prefixes and REX, the walk through the
 * opcode maps (escapes, groups, prefix- and mode-selected variants),
 * ModRM/SIB/displacement decoding in 16-, 32- and 64-bit addressing,
 * operand and immediate fetch by operand letter, the 15-byte limit and
 * the #UD rules that are not one opcode's business (LOCK, modes, CPUID).
 * The opcode rows themselves live in decode-onebyte.c and decode-0f.c;
 * the Intel-syntax printer is at the end of this file.
 */
#include "target-i386/decode-internal.h"

#include <glib.h>
#include <string.h>

typedef struct Decoder {
    X86DecodeState s;
    const uint8_t *code;
    size_t avail;
    unsigned pos;
    X86Status status;
    X86Mem ea;              /* the ModRM memory operand, if any */
} Decoder;

const X86OpRow x86_row_invalid = INVALID;

static bool fail(Decoder *d, X86Status status, const char *why)
{
    if (d->status == X86_DECODE_OK) {
        d->status = status;
        d->s.insn->why = why;
    }
    return false;
}

/* Fetch @n bytes little-endian; SDM Vol. 2A 2.1: at most 15 in all. */
static bool fetch(Decoder *d, unsigned n, uint64_t *val)
{
    uint64_t v = 0;

    if (d->pos + n > X86_MAX_INSN_LEN) {
        return fail(d, X86_DECODE_GP, "instruction longer than 15 bytes");
    }
    if (d->pos + n > d->avail) {
        return fail(d, X86_DECODE_SHORT, "instruction runs past the bytes");
    }
    for (unsigned i = 0; i < n; i++) {
        v |= (uint64_t)d->code[d->pos + i] << (8 * i);
    }
    d->pos += n;
    *val = v;
    return true;
}

static int64_t sign_extend(uint64_t v, unsigned bytes)
{
    unsigned shift = 64 - 8 * bytes;

    return bytes >= 8 ? (int64_t)v : (int64_t)(v << shift) >> shift;
}

/*
 * Legacy prefixes in any order and number (SDM 2.1.1): the last segment
 * override wins, and so does the last of F2/F3. REX counts only right
 * before the opcode (SDM 2.2.1); a legacy prefix after it cancels it.
 */
static bool decode_prefixes(Decoder *d, uint8_t *opcode)
{
    X86Insn *insn = d->s.insn;
    uint64_t b;

    for (;;) {
        if (!fetch(d, 1, &b)) {
            return false;
        }
        switch (b) {
        case 0xf0:
            insn->prefixes |= X86_PFX_LOCK;
            break;
        case 0xf2:
        case 0xf3:
            insn->rep = b == 0xf3 ? X86_PFX_REPZ : X86_PFX_REPNZ;
            insn->prefixes |= insn->rep;
            break;
        case 0x66:
            insn->prefixes |= X86_PFX_OPSIZE;
            break;
        case 0x67:
            insn->prefixes |= X86_PFX_ADSIZE;
            break;
        case 0x26: case 0x2e: case 0x36: case 0x3e:
            insn->prefixes |= X86_PFX_SEG;
            insn->seg_override = (b >> 3) & 3;
            break;
        case 0x64: case 0x65:
            insn->prefixes |= X86_PFX_SEG;
            insn->seg_override = b == 0x64 ? X86_SEG_FS : X86_SEG_GS;
            break;
        default:
            if (d->s.mode == X86_MODE_64 && (b & 0xf0) == 0x40) {
                insn->rex = b;
                continue;
            }
            *opcode = b;
            if (insn->rex) {
                insn->prefixes |= X86_PFX_REX;
            }
            return true;
        }
        insn->rex = 0;
    }
}

static unsigned address_size(const Decoder *d)
{
    bool p67 = d->s.insn->prefixes & X86_PFX_ADSIZE;

    switch (d->s.mode) {
    case X86_MODE_16:
        return p67 ? 4 : 2;
    case X86_MODE_32:
        return p67 ? 2 : 4;
    default:
        return p67 ? 4 : 8;
    }
}

/* SDM 2.2.1.2 and 3.6: operand size from mode, 66, REX.W and the row. */
static unsigned operand_size(const Decoder *d, uint32_t flags)
{
    const X86Insn *insn = d->s.insn;
    bool p66 = insn->prefixes & X86_PFX_OPSIZE;

    switch (d->s.mode) {
    case X86_MODE_16:
        return (flags & X86_F_OSZ_MODE) || p66 ? 4 : 2;
    case X86_MODE_32:
        return (flags & X86_F_OSZ_MODE) || !p66 ? 4 : 2;
    default:
        if ((insn->rex & 8) || (flags & X86_F_OSZ_MODE)) {
            return 8;
        }
        if ((flags & X86_F_FORCE64) &&
            !(p66 && (d->s.features &
                      X86_FEATURE_BIT(X86_FEAT_AMD_DECODE)))) {
            return 8;
        }
        if (p66) {
            return 2;
        }
        return flags & X86_F_DEF64 ? 8 : 4;
    }
}

static bool fetch_modrm(Decoder *d)
{
    X86Insn *insn = d->s.insn;
    uint64_t b;

    if (insn->has_modrm) {
        return true;
    }
    if (!fetch(d, 1, &b)) {
        return false;
    }
    insn->has_modrm = true;
    insn->modrm = b;
    d->s.mod = b >> 6;
    d->s.reg = (b >> 3) & 7;
    d->s.rm = b & 7;
    return true;
}

/* SDM Table 2-1: the eight 16-bit forms, [bx+si] ... [bx]. */
static const uint8_t ea16_base[8] = {
    X86_GPR_RBX, X86_GPR_RBX, X86_GPR_RBP, X86_GPR_RBP,
    X86_GPR_RSI, X86_GPR_RDI, X86_GPR_RBP, X86_GPR_RBX,
};
static const uint8_t ea16_index[8] = {
    X86_GPR_RSI, X86_GPR_RDI, X86_GPR_RSI, X86_GPR_RDI,
    X86_GPR_NONE, X86_GPR_NONE, X86_GPR_NONE, X86_GPR_NONE,
};

static bool decode_ea16(Decoder *d, X86Mem *m)
{
    uint64_t disp = 0;

    if (d->s.mod == 0 && d->s.rm == 6) {
        if (!fetch(d, 2, &disp)) {
            return false;
        }
        m->disp = disp;
        return true;
    }
    m->base = ea16_base[d->s.rm];
    m->index = ea16_index[d->s.rm];
    if (d->s.mod) {
        unsigned n = d->s.mod == 1 ? 1 : 2;
        if (!fetch(d, n, &disp)) {
            return false;
        }
        m->disp = sign_extend(disp, n);
    }
    return true;
}

/* SDM Tables 2-2 and 2-3, with REX (2.2.1.1) and RIP-relative (2.2.1.6). */
static bool decode_ea32(Decoder *d, X86Mem *m)
{
    X86Insn *insn = d->s.insn;
    unsigned rex_b = insn->rex & 1 ? 8 : 0;
    unsigned base = d->s.rm;
    unsigned ndisp = d->s.mod == 1 ? 1 : d->s.mod == 2 ? 4 : 0;
    uint64_t v;

    if (base == 4) {
        if (!fetch(d, 1, &v)) {
            return false;
        }
        insn->has_sib = true;
        insn->sib = v;
        unsigned index = ((v >> 3) & 7) | (insn->rex & 2 ? 8 : 0);
        m->index = index == 4 ? X86_GPR_NONE : index;
        m->scale = 1 << (v >> 6);
        base = v & 7;
        if (base == 5 && d->s.mod == 0) {
            ndisp = 4;
        } else {
            m->base = base | rex_b;
        }
    } else if (base == 5 && d->s.mod == 0) {
        ndisp = 4;
        if (d->s.mode == X86_MODE_64) {
            m->base = X86_GPR_RIP;
        }
    } else {
        m->base = base | rex_b;
    }
    if (ndisp) {
        if (!fetch(d, ndisp, &v)) {
            return false;
        }
        m->disp = sign_extend(v, ndisp);
    }
    return true;
}

/* Decode the ModRM memory operand into d->ea, default segment included. */
static bool decode_ea(Decoder *d)
{
    X86Insn *insn = d->s.insn;
    X86Mem *m = &d->ea;
    bool ok;

    m->addr_size = insn->asize;
    m->base = X86_GPR_NONE;
    m->index = X86_GPR_NONE;
    m->scale = 1;
    m->disp = 0;
    ok = insn->asize == 2 ? decode_ea16(d, m) : decode_ea32(d, m);
    if (insn->seg_override != X86_SEG_NONE) {
        m->seg = insn->seg_override;
    } else if (m->base == X86_GPR_RSP || m->base == X86_GPR_RBP) {
        m->seg = X86_SEG_SS;
    } else {
        m->seg = X86_SEG_DS;
    }
    return ok;
}

static unsigned spec_size(const Decoder *d, unsigned sz)
{
    unsigned osize = d->s.insn->osize;

    switch (sz) {
    case SZ_b: return 1;
    case SZ_w: return 2;
    case SZ_d: return 4;
    case SZ_q: return 8;
    case SZ_dq: return 16;
    case SZ_v: return osize;
    case SZ_z: return osize == 2 ? 2 : 4;
    case SZ_y: return osize == 8 ? 8 : 4;
    case SZ_p:
        /* AMD has no m16:64 far pointer: REX.W still means m16:32. */
        if (osize == 8 &&
            (d->s.features & X86_FEATURE_BIT(X86_FEAT_AMD_DECODE))) {
            return 6;
        }
        return 2 + osize;
    case SZ_s: return d->s.mode == X86_MODE_64 ? 10 : 6;
    case SZ_a: return 2 * osize;
    case SZ_wv: return d->s.mod == 3 ? osize : 2;
    case SZ_t: return 10;
    case SZ_fenv: return osize == 2 ? 14 : 28;
    case SZ_fsave: return osize == 2 ? 94 : 108;
    case SZ_bd: return d->s.mod == 3 ? 4 : 1;
    case SZ_wd: return d->s.mod == 3 ? 4 : 2;
    default: return 0;
    }
}

static void set_reg(X86Operand *op, X86RegClass rc, unsigned reg,
                    unsigned size)
{
    op->kind = X86_OPK_REG;
    op->reg_class = rc;
    op->reg = reg;
    op->size = size;
}

/* SDM 3.4.1.1: without REX, byte registers 4-7 are AH, CH, DH, BH. */
static void set_gpr(const Decoder *d, X86Operand *op, unsigned reg,
                    unsigned size)
{
    if (size == 1 && !d->s.insn->rex && reg >= 4 && reg < 8) {
        set_reg(op, X86_RC_GPR8_HIGH, reg - 4, 1);
    } else {
        set_reg(op, X86_RC_GPR, reg, size);
    }
}

static void set_string_mem(const Decoder *d, X86Operand *op, unsigned seg,
                           unsigned base, unsigned size)
{
    op->kind = X86_OPK_MEM;
    op->size = size;
    op->mem = (X86Mem) {
        .seg = seg, .base = base, .index = X86_GPR_NONE, .scale = 1,
        .addr_size = d->s.insn->asize,
    };
}

/* Immediate-like operands: I, IS, 1, J, A. */
static bool decode_imm(Decoder *d, unsigned am, unsigned sz, unsigned size,
                       X86Operand *op)
{
    unsigned osize = d->s.insn->osize;
    unsigned n = size;
    uint64_t v, sel;

    op->kind = X86_OPK_IMM;
    op->size = size;
    switch (am) {
    case AM_ONE:
        op->imm = 1;
        return true;
    case AM_IS:
        n = 1;
        break;
    case AM_I:
        if (sz == SZ_z) {
            op->size = osize;   /* imm32 is sign-extended to 64 bits */
        }
        break;
    case AM_J:
        op->kind = X86_OPK_REL;
        op->size = osize;
        break;
    case AM_A:
        op->kind = X86_OPK_FAR;
        n = size - 2;
        break;
    }
    if (!fetch(d, n, &v)) {
        return false;
    }
    op->imm = sign_extend(v, n);
    if (am == AM_A) {
        op->imm = v;
        if (!fetch(d, 2, &sel)) {
            return false;
        }
        op->sel = sel;
    }
    return true;
}

static bool decode_operand(Decoder *d, uint16_t spec, X86Operand *op)
{
    X86Insn *insn = d->s.insn;
    unsigned am = OPS_AM(spec), sz = OPS_SZ(spec);
    unsigned size = spec_size(d, sz);
    unsigned rex_r = insn->rex & 4 ? 8 : 0, rex_b = insn->rex & 1 ? 8 : 0;
    unsigned seg;
    uint64_t off;

    switch (am) {
    case AM_E:
    case AM_M:
        if (d->s.mod == 3) {
            set_gpr(d, op, d->s.rm | rex_b, size);
        } else {
            op->kind = X86_OPK_MEM;
            op->size = size;
            op->mem = d->ea;
        }
        return true;
    case AM_R:
    case AM_RX:
        set_gpr(d, op, d->s.rm | rex_b, size);
        return true;
    case AM_G:
        set_gpr(d, op, d->s.reg | rex_r, size);
        return true;
    case AM_Z:
        set_gpr(d, op, (insn->opcode & 7) | rex_b, size);
        return true;
    case AM_S:
        if (d->s.reg > X86_SEG_GS) {
            return fail(d, X86_DECODE_UD, "no such segment register");
        }
        set_reg(op, X86_RC_SEG, d->s.reg, size);
        return true;
    case AM_C:
        /* SDM 2.5: CR0, CR2-CR4 and (64-bit mode) CR8 exist. */
        switch (d->s.reg | rex_r) {
        case 0: case 2: case 3: case 4: case 8:
            set_reg(op, X86_RC_CR, d->s.reg | rex_r, size);
            return true;
        }
        return fail(d, X86_DECODE_UD, "no such control register");
    case AM_D:
        if (rex_r) {
            return fail(d, X86_DECODE_UD, "no such debug register");
        }
        set_reg(op, X86_RC_DR, d->s.reg, size);
        return true;
    case AM_V:
        set_reg(op, X86_RC_XMM, d->s.reg | rex_r, size);
        return true;
    case AM_P:
        set_reg(op, X86_RC_MMX, d->s.reg, size);
        return true;
    case AM_W:
    case AM_U:
    case AM_Q:
    case AM_N:
        if (d->s.mod == 3) {
            bool xmm = am == AM_W || am == AM_U;
            set_reg(op, xmm ? X86_RC_XMM : X86_RC_MMX,
                    d->s.rm | (xmm ? rex_b : 0), size);
        } else {
            op->kind = X86_OPK_MEM;
            op->size = size;
            op->mem = d->ea;
        }
        return true;
    case AM_ST0:
    case AM_STI:
        set_reg(op, X86_RC_ST, am == AM_ST0 ? 0 : d->s.rm, size);
        return true;
    case AM_I: case AM_IS: case AM_ONE: case AM_J: case AM_A:
        return decode_imm(d, am, sz, size, op);
    case AM_O:
        if (!fetch(d, insn->asize, &off)) {
            return false;
        }
        seg = insn->seg_override != X86_SEG_NONE ? insn->seg_override
                                                 : X86_SEG_DS;
        set_string_mem(d, op, seg, X86_GPR_NONE, size);
        op->mem.disp = off;
        return true;
    case AM_X:
        seg = insn->seg_override != X86_SEG_NONE ? insn->seg_override
                                                 : X86_SEG_DS;
        set_string_mem(d, op, seg, X86_GPR_RSI, size);
        return true;
    case AM_Y:
        set_string_mem(d, op, X86_SEG_ES, X86_GPR_RDI, size);
        return true;
    default:
        if (am >= AM_SEG0) {
            set_reg(op, X86_RC_SEG, am - AM_SEG0, size);
        } else {
            set_reg(op, X86_RC_GPR, am - AM_GPR0, size);
        }
        return true;
    }
}

static bool am_uses_modrm(unsigned am)
{
    return am >= AM_E && am <= AM_N;
}

/* Follow escapes, groups and selectors to the row that decodes. */
static const X86OpRow *find_row(Decoder *d, uint8_t opcode)
{
    X86Insn *insn = d->s.insn;
    const X86OpRow *row = &x86_map_onebyte[opcode];
    uint64_t b;

    insn->opcode = opcode;
    for (;;) {
        switch (row->kind) {
        case X86_ROW_ESCAPE:
            if (!fetch(d, 1, &b)) {
                return NULL;
            }
            insn->map = row->u.map == x86_map_0f ? X86_MAP_0F
                      : row->u.map == x86_map_0f38 ? X86_MAP_0F38
                      : X86_MAP_0F3A;
            insn->opcode = b;
            row = &row->u.map[b];
            break;
        case X86_ROW_GROUP:
            if (!fetch_modrm(d)) {
                return NULL;
            }
            row = row->u.select(&d->s);
            break;
        case X86_ROW_SELECT:
            row = row->u.select(&d->s);
            break;
        default:
            return row;
        }
    }
}

/* The mnemonic a size-named row stands for (MOVSW -> MOVSD, CBW -> CDQE). */
static unsigned row_mnemonic(const X86OpRow *row, const X86Insn *insn)
{
    unsigned size = insn->osize, step;

    if (row->flags & X86_F_NAME_ASZ) {
        size = insn->asize;
    } else if (!(row->flags & (X86_F_NAME_OSZ | X86_F_NAME_WD))) {
        return row->mnemonic;
    }
    step = size == 2 ? 0 : size == 4 ? 1 : 2;
    if ((row->flags & X86_F_NAME_WD) && step > 1) {
        step = 1;
    }
    return row->mnemonic + step;
}

/* The VEX/EVEX forms with an imm8: all of map 0F3A, a few of map 0F. */
static bool vex_has_imm8(unsigned map, uint8_t opcode)
{
    if (map == X86_MAP_0F3A) {
        return true;
    }
    return map == X86_MAP_0F &&
           ((opcode >= 0x70 && opcode <= 0x73) || opcode == 0xc2 ||
            (opcode >= 0xc4 && opcode <= 0xc6));
}

/*
 * Skip a VEX (SDM 2.3) or EVEX (SDM 2.7) instruction so that its length is
 * known: C5 has one payload byte, C4 two, 62 three; the group that chose
 * this row took the first one as a ModRM. The map field names the opcode
 * map, whose opcode, ModRM and (by opcode) imm8 follow.
 */
static bool skip_vex(Decoder *d)
{
    X86Insn *insn = d->s.insn;
    uint8_t escape = insn->opcode;
    unsigned map = escape == 0xc5 ? X86_MAP_0F
                 : insn->modrm & (escape == 0xc4 ? 0x1f : 0x07);
    uint64_t v;

    if (insn->prefixes & (X86_PFX_OPSIZE | X86_PFX_REPZ | X86_PFX_REPNZ |
                          X86_PFX_LOCK | X86_PFX_REX)) {
        return fail(d, X86_DECODE_UD, "VEX/EVEX after 66, F2, F3, LOCK or REX");
    }
    if (map < X86_MAP_0F || map > X86_MAP_0F3A) {
        return fail(d, X86_DECODE_UD, "VEX/EVEX names no known opcode map");
    }
    if ((escape != 0xc5 && !fetch(d, escape == 0xc4 ? 1 : 2, &v)) ||
        !fetch(d, 1, &v)) {
        return false;
    }
    insn->map = map;
    insn->opcode = v;
    insn->has_modrm = false;
    if (!(map == X86_MAP_0F && v == 0x77)) {
        if (!fetch_modrm(d) || (d->s.mod != 3 && !decode_ea(d))) {
            return false;
        }
    }
    if (vex_has_imm8(map, v) && !fetch(d, 1, &v)) {
        return false;
    }
    insn->flags |= X86_F_MODRM;
    return true;
}

/* A slot left for later still says how long it is when it can. */
static X86Status decode_notyet(Decoder *d, const X86OpRow *row)
{
    uint64_t imm;

    d->s.insn->flags = row->flags;
    if ((row->flags & X86_F_VEX) && !skip_vex(d)) {
        return d->status;
    }
    if (row->flags & X86_F_MODRM) {
        if (!fetch_modrm(d)) {
            return d->status;
        }
        if (d->s.mod != 3 && !decode_ea(d)) {
            return d->status;
        }
    }
    if ((row->flags & X86_F_IMM8) && !fetch(d, 1, &imm)) {
        return d->status;
    }
    fail(d, X86_DECODE_UNIMPL, row->u.why);
    return d->status;
}

static bool check_legal(Decoder *d, const X86OpRow *row)
{
    bool mode64 = d->s.mode == X86_MODE_64;

    if ((row->flags & X86_F_INV64) && mode64) {
        return fail(d, X86_DECODE_UD, "invalid in 64-bit mode");
    }
    if ((row->flags & X86_F_ONLY64) && !mode64) {
        return fail(d, X86_DECODE_UD, "valid only in 64-bit mode");
    }
    if (row->feature && !(d->s.features & X86_FEATURE_BIT(row->feature))) {
        return fail(d, X86_DECODE_UD, "CPUID feature not present");
    }
    return true;
}

/* Operands in row order: ModRM, SIB and displacement precede immediates. */
static bool decode_operands(Decoder *d, const X86OpRow *row)
{
    X86Insn *insn = d->s.insn;
    bool modrm = row->flags & X86_F_MODRM, mod_ignored = false;
    bool needs_mem = false, needs_reg = false;
    unsigned i;

    for (i = 0; i < X86_MAX_OPERANDS && row->spec[i]; i++) {
        unsigned am = OPS_AM(row->spec[i]);
        modrm |= am_uses_modrm(am);
        mod_ignored |= am == AM_RX;
        needs_mem |= am == AM_M;
        needs_reg |= am == AM_U || am == AM_N;
    }
    if (modrm && !fetch_modrm(d)) {
        return false;
    }
    if (insn->has_modrm && d->s.mod != 3 && !mod_ignored && !decode_ea(d)) {
        return false;
    }
    if (needs_mem && d->s.mod == 3) {
        return fail(d, X86_DECODE_UD, "register where memory is required");
    }
    if (needs_reg && d->s.mod != 3) {
        return fail(d, X86_DECODE_UD, "memory where a register is required");
    }
    for (i = 0; i < X86_MAX_OPERANDS && row->spec[i]; i++) {
        if (!decode_operand(d, row->spec[i], &insn->op[i])) {
            return false;
        }
    }
    insn->nops = i;
    return true;
}

/* SDM Vol. 2A, LOCK: #UD unless lockable and the destination is memory. */
static bool check_lock(Decoder *d, const X86OpRow *row)
{
    if (!(d->s.insn->prefixes & X86_PFX_LOCK)) {
        return true;
    }
    if (!(row->flags & X86_F_LOCK)) {
        return fail(d, X86_DECODE_UD, "LOCK on an instruction that has none");
    }
    if (d->s.insn->op[0].kind != X86_OPK_MEM) {
        return fail(d, X86_DECODE_UD, "LOCK with a register destination");
    }
    return true;
}

static X86Status decode_insn(Decoder *d)
{
    X86Insn *insn = d->s.insn;
    const X86OpRow *row;
    uint8_t opcode;

    if (!decode_prefixes(d, &opcode)) {
        return d->status;
    }
    insn->asize = address_size(d);
    insn->osize = operand_size(d, 0);
    row = find_row(d, opcode);
    if (!row) {
        return d->status;
    }
    if (row->kind == X86_ROW_NOTYET) {
        return decode_notyet(d, row);
    }
    if (row->kind != X86_ROW_INSN) {
        fail(d, X86_DECODE_UD, "reserved opcode");
        return d->status;
    }
    insn->flags = row->flags;
    insn->feature = row->feature;
    insn->osize = operand_size(d, row->flags);
    insn->mnemonic = row_mnemonic(row, insn);
    if (!check_legal(d, row) || !decode_operands(d, row) ||
        !check_lock(d, row)) {
        return d->status;
    }
    return X86_DECODE_OK;
}

X86Status x86_decode(X86Insn *insn, const uint8_t *code, size_t avail,
                     X86Mode mode, uint64_t features)
{
    Decoder d = {
        .s = { .insn = insn, .mode = mode, .features = features },
        .code = code,
        .avail = avail,
    };

    memset(insn, 0, sizeof(*insn));
    insn->mode = mode;
    insn->seg_override = X86_SEG_NONE;
    decode_insn(&d);
    insn->length = d.pos;
    if (d.status != X86_DECODE_OK) {
        insn->mnemonic = X86_INVALID;
        insn->nops = 0;
    }
    return d.status;
}

/* ---- names and the Intel-syntax printer ------------------------------- */

#define X86_MNEMONIC_NAME(name, str) [X86_##name] = str,
static const char *const mnemonic_names[X86_NR_MNEMONICS] = {
    X86_MNEMONIC_LIST(X86_MNEMONIC_NAME)
};
#undef X86_MNEMONIC_NAME

const char *x86_mnemonic_name(X86Mnemonic m)
{
    return m < X86_NR_MNEMONICS ? mnemonic_names[m] : "(bad)";
}

const char *x86_status_name(X86Status st)
{
    static const char *const names[] = {
        [X86_DECODE_OK] = "ok", [X86_DECODE_UD] = "#UD",
        [X86_DECODE_GP] = "#GP", [X86_DECODE_SHORT] = "short",
        [X86_DECODE_UNIMPL] = "unimplemented",
    };
    return st < G_N_ELEMENTS(names) ? names[st] : "?";
}

static const char *const gpr_names[4][16] = {
    { "al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil",
      "r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b" },
    { "ax", "cx", "dx", "bx", "sp", "bp", "si", "di",
      "r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w" },
    { "eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
      "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d" },
    { "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
      "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15" },
};

const char *x86_reg_name(X86RegClass rc, unsigned reg, unsigned size)
{
    static const char *const high[] = { "ah", "ch", "dh", "bh" };
    static const char *const seg[] = { "es", "cs", "ss", "ds", "fs", "gs" };
    static const char *const cr[] = {
        "cr0", "cr1", "cr2", "cr3", "cr4", "cr5", "cr6", "cr7",
        "cr8", "cr9", "cr10", "cr11", "cr12", "cr13", "cr14", "cr15",
    };
    static const char *const dr[] = {
        "dr0", "dr1", "dr2", "dr3", "dr4", "dr5", "dr6", "dr7",
    };
    static const char *const st[] = {
        "st(0)", "st(1)", "st(2)", "st(3)", "st(4)", "st(5)", "st(6)", "st(7)",
    };
    static const char *const mmx[] = {
        "mm0", "mm1", "mm2", "mm3", "mm4", "mm5", "mm6", "mm7",
    };
    static const char *const xmm[] = {
        "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7",
        "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15",
    };

    switch (rc) {
    case X86_RC_GPR:
        if (reg == X86_GPR_RIP) {
            return size == 4 ? "eip" : size == 2 ? "ip" : "rip";
        }
        if (reg < 16 && (size == 1 || size == 2 || size == 4 || size == 8)) {
            unsigned row = size == 1 ? 0 : size == 2 ? 1 : size == 4 ? 2 : 3;
            return gpr_names[row][reg];
        }
        break;
    case X86_RC_GPR8_HIGH:
        return reg < 4 ? high[reg] : "?";
    case X86_RC_SEG:
        return reg < 6 ? seg[reg] : "?";
    case X86_RC_CR:
        return reg < 16 ? cr[reg] : "?";
    case X86_RC_DR:
        return reg < 8 ? dr[reg] : "?";
    case X86_RC_ST:
        return reg < 8 ? st[reg] : "?";
    case X86_RC_MMX:
        return reg < 8 ? mmx[reg] : "?";
    case X86_RC_XMM:
        return reg < 16 ? xmm[reg] : "?";
    }
    return "?";
}

static uint64_t size_mask(unsigned size)
{
    return size >= 8 ? ~0ull : (1ull << (8 * size)) - 1;
}

static void print_number(GString *out, uint64_t v)
{
    if (v < 10) {
        g_string_append_printf(out, "%" G_GUINT64_FORMAT, v);
    } else {
        g_string_append_printf(out, "0x%" G_GINT64_MODIFIER "x", v);
    }
}

static const char *ptr_name(unsigned size)
{
    switch (size) {
    case 1: return "byte ptr ";
    case 2: return "word ptr ";
    case 4: return "dword ptr ";
    case 6: return "fword ptr ";
    case 8: return "qword ptr ";
    case 10: return "tbyte ptr ";
    case 16: return "xmmword ptr ";
    default: return "";
    }
}

static void print_mem(GString *out, const X86Insn *insn, const X86Operand *op)
{
    const X86Mem *m = &op->mem;
    bool any = false;

    g_string_append(out, ptr_name(op->size));
    /* An override that applies, and ES of string destinations (not 64). */
    if ((insn->seg_override != X86_SEG_NONE &&
         m->seg == insn->seg_override) ||
        (m->seg == X86_SEG_ES && insn->mode != X86_MODE_64)) {
        g_string_append_printf(out, "%s:",
                               x86_reg_name(X86_RC_SEG, m->seg, 2));
    }
    g_string_append_c(out, '[');
    if (m->base != X86_GPR_NONE) {
        g_string_append(out, x86_reg_name(X86_RC_GPR, m->base, m->addr_size));
        any = true;
    }
    if (m->index != X86_GPR_NONE) {
        g_string_append_printf(out, "%s%s", any ? " + " : "",
                               x86_reg_name(X86_RC_GPR, m->index,
                                            m->addr_size));
        if (m->scale > 1) {
            g_string_append_printf(out, "*%u", m->scale);
        }
        any = true;
    }
    if (!any) {
        print_number(out, (uint64_t)m->disp & size_mask(m->addr_size));
    } else if (m->disp) {
        g_string_append(out, m->disp < 0 ? " - " : " + ");
        print_number(out, m->disp < 0 ? -(uint64_t)m->disp : (uint64_t)m->disp);
    }
    g_string_append_c(out, ']');
}

static void print_operand(GString *out, const X86Insn *insn,
                          const X86Operand *op, uint64_t pc)
{
    switch (op->kind) {
    case X86_OPK_REG:
        g_string_append(out, x86_reg_name(op->reg_class, op->reg, op->size));
        break;
    case X86_OPK_MEM:
        print_mem(out, insn, op);
        break;
    case X86_OPK_IMM:
        print_number(out, (uint64_t)op->imm & size_mask(op->size));
        break;
    case X86_OPK_REL:
        print_number(out, (pc + insn->length + op->imm) & size_mask(op->size));
        break;
    case X86_OPK_FAR:
        g_string_append_printf(out, "0x%x:", op->sel);
        print_number(out, op->imm);
        break;
    }
}

static void print_insn(GString *out, const X86Insn *insn, uint64_t pc)
{
    if (insn->prefixes & X86_PFX_LOCK) {
        g_string_append(out, "lock ");
    }
    /* F2 on a plain string instruction repeats it too; say which it was. */
    if ((insn->flags & (X86_F_REP | X86_F_REPC)) && insn->rep) {
        g_string_append(out, insn->rep == X86_PFX_REPNZ ? "repne "
                             : insn->flags & X86_F_REP ? "rep " : "repe ");
    }
    g_string_append(out, x86_mnemonic_name(insn->mnemonic));
    for (unsigned i = 0; i < insn->nops; i++) {
        g_string_append(out, i ? ", " : " ");
        print_operand(out, insn, &insn->op[i], pc);
    }
}

size_t x86_insn_format(const X86Insn *insn, uint64_t pc, char *buf,
                       size_t size)
{
    g_autoptr(GString) out = g_string_new(NULL);

    if (insn->mnemonic == X86_INVALID) {
        g_string_append(out, "(bad)");
    } else {
        print_insn(out, insn, pc);
    }
    if (size) {
        g_strlcpy(buf, out->str, size);
    }
    return out->len;
}
