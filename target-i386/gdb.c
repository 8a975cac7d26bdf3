/* SPDX-License-Identifier: MIT */
/*
 * The x86 register map of the gdbstub. gdb numbers registers in the order
 * of the target description Kestrel sends; these tables are that order for
 * the two layouts: i386 (real and protected mode) and x86-64 (long mode).
 * Features: org.gnu.gdb.i386.core (general, segment and x87 registers),
 * .sse (XMM, MXCSR), .linux (orig_eax/orig_rax, always -1 here: there is
 * no interrupted system call to restart), .segments (fs_base, gs_base)
 * and org.kestrel.gdb.i386.sys (control registers, EFER, KernelGSbase),
 * whose registers sit in gdb's "system" group.
 */
#include "target-i386/gdb.h"

#include <glib.h>
#include <string.h>

typedef enum X86GdbRegKind {
    GR_GPR,         /* regs[idx] */
    GR_PC,          /* rip */
    GR_EFLAGS,
    GR_SEG,         /* segs[idx].selector */
    GR_SEGBASE,     /* segs[idx].base */
    GR_ST,          /* ST(idx), 80 bits: see st_phys() */
    GR_FPU,         /* idx: 0 fctrl, 1 fstat, 2 ftag, 3 fiseg, 4 fioff,
                     * 5 foseg, 6 fooff, 7 fop */
    GR_XMM,
    GR_MXCSR,
    GR_ORIG,        /* orig_eax / orig_rax */
    GR_CR,          /* cr[idx], idx 8: cr8 */
    GR_EFER,
    GR_KGSBASE,
} X86GdbRegKind;

typedef struct X86GdbReg {
    const char *name;
    uint8_t kind;
    uint8_t idx;
    uint8_t bits;
    const char *type;
    const char *feature;    /* non-NULL on the first register of a feature */
} X86GdbReg;

#define CORE "org.gnu.gdb.i386.core"
#define SSE "org.gnu.gdb.i386.sse"
#define LINUX "org.gnu.gdb.i386.linux"
#define SEGS "org.gnu.gdb.i386.segments"
#define SYS "org.kestrel.gdb.i386.sys"

#define FPU_REGS \
    { "st0", GR_ST, 0, 80, "i387_ext" }, { "st1", GR_ST, 1, 80, "i387_ext" }, \
    { "st2", GR_ST, 2, 80, "i387_ext" }, { "st3", GR_ST, 3, 80, "i387_ext" }, \
    { "st4", GR_ST, 4, 80, "i387_ext" }, { "st5", GR_ST, 5, 80, "i387_ext" }, \
    { "st6", GR_ST, 6, 80, "i387_ext" }, { "st7", GR_ST, 7, 80, "i387_ext" }, \
    { "fctrl", GR_FPU, 0, 32, "int" }, { "fstat", GR_FPU, 1, 32, "int" }, \
    { "ftag", GR_FPU, 2, 32, "int" }, { "fiseg", GR_FPU, 3, 32, "int" }, \
    { "fioff", GR_FPU, 4, 32, "int" }, { "foseg", GR_FPU, 5, 32, "int" }, \
    { "fooff", GR_FPU, 6, 32, "int" }, { "fop", GR_FPU, 7, 32, "int" }

#define XMM(n) { "xmm" #n, GR_XMM, n, 128, "vec128" }

static const X86GdbReg regs_x86_64[] = {
    { "rax", GR_GPR, R_EAX, 64, "int64", CORE },
    { "rbx", GR_GPR, R_EBX, 64, "int64" },
    { "rcx", GR_GPR, R_ECX, 64, "int64" },
    { "rdx", GR_GPR, R_EDX, 64, "int64" },
    { "rsi", GR_GPR, R_ESI, 64, "int64" },
    { "rdi", GR_GPR, R_EDI, 64, "int64" },
    { "rbp", GR_GPR, R_EBP, 64, "data_ptr" },
    { "rsp", GR_GPR, R_ESP, 64, "data_ptr" },
    { "r8", GR_GPR, 8, 64, "int64" }, { "r9", GR_GPR, 9, 64, "int64" },
    { "r10", GR_GPR, 10, 64, "int64" }, { "r11", GR_GPR, 11, 64, "int64" },
    { "r12", GR_GPR, 12, 64, "int64" }, { "r13", GR_GPR, 13, 64, "int64" },
    { "r14", GR_GPR, 14, 64, "int64" }, { "r15", GR_GPR, 15, 64, "int64" },
    { "rip", GR_PC, 0, 64, "code_ptr" },
    { "eflags", GR_EFLAGS, 0, 32, "i386_eflags" },
    { "cs", GR_SEG, R_CS, 32, "int32" }, { "ss", GR_SEG, R_SS, 32, "int32" },
    { "ds", GR_SEG, R_DS, 32, "int32" }, { "es", GR_SEG, R_ES, 32, "int32" },
    { "fs", GR_SEG, R_FS, 32, "int32" }, { "gs", GR_SEG, R_GS, 32, "int32" },
    FPU_REGS,
    { "xmm0", GR_XMM, 0, 128, "vec128", SSE },
    XMM(1), XMM(2), XMM(3), XMM(4), XMM(5), XMM(6), XMM(7), XMM(8), XMM(9),
    XMM(10), XMM(11), XMM(12), XMM(13), XMM(14), XMM(15),
    { "mxcsr", GR_MXCSR, 0, 32, "i386_mxcsr" },
    { "orig_rax", GR_ORIG, 0, 64, "int", LINUX },
    { "fs_base", GR_SEGBASE, R_FS, 64, "int", SEGS },
    { "gs_base", GR_SEGBASE, R_GS, 64, "int" },
    { "k_gs_base", GR_KGSBASE, 0, 64, "int", SYS },
    { "cr0", GR_CR, 0, 64, "int" }, { "cr2", GR_CR, 2, 64, "int" },
    { "cr3", GR_CR, 3, 64, "int" }, { "cr4", GR_CR, 4, 64, "int" },
    { "cr8", GR_CR, 8, 64, "int" }, { "efer", GR_EFER, 0, 64, "int" },
};

static const X86GdbReg regs_i386[] = {
    { "eax", GR_GPR, R_EAX, 32, "int32", CORE },
    { "ecx", GR_GPR, R_ECX, 32, "int32" },
    { "edx", GR_GPR, R_EDX, 32, "int32" },
    { "ebx", GR_GPR, R_EBX, 32, "int32" },
    { "esp", GR_GPR, R_ESP, 32, "data_ptr" },
    { "ebp", GR_GPR, R_EBP, 32, "data_ptr" },
    { "esi", GR_GPR, R_ESI, 32, "int32" },
    { "edi", GR_GPR, R_EDI, 32, "int32" },
    { "eip", GR_PC, 0, 32, "code_ptr" },
    { "eflags", GR_EFLAGS, 0, 32, "i386_eflags" },
    { "cs", GR_SEG, R_CS, 32, "int32" }, { "ss", GR_SEG, R_SS, 32, "int32" },
    { "ds", GR_SEG, R_DS, 32, "int32" }, { "es", GR_SEG, R_ES, 32, "int32" },
    { "fs", GR_SEG, R_FS, 32, "int32" }, { "gs", GR_SEG, R_GS, 32, "int32" },
    FPU_REGS,
    { "xmm0", GR_XMM, 0, 128, "vec128", SSE },
    XMM(1), XMM(2), XMM(3), XMM(4), XMM(5), XMM(6), XMM(7),
    { "mxcsr", GR_MXCSR, 0, 32, "i386_mxcsr" },
    { "orig_eax", GR_ORIG, 0, 32, "int", LINUX },
    /* gdb 13 aborts on an i386 description with the segments feature
     * (tdesc_use_registers assertion), so the bases go with the system
     * registers here: same names, gdb just does not know their role. */
    { "fs_base", GR_SEGBASE, R_FS, 32, "int", SYS },
    { "gs_base", GR_SEGBASE, R_GS, 32, "int" },
    { "cr0", GR_CR, 0, 32, "int" }, { "cr2", GR_CR, 2, 32, "int" },
    { "cr3", GR_CR, 3, 32, "int" }, { "cr4", GR_CR, 4, 32, "int" },
    { "cr8", GR_CR, 8, 32, "int" }, { "efer", GR_EFER, 0, 64, "int" },
};

const char *const x86_gdb_arch_names[] = { "i386", "x86-64", NULL };

static const X86GdbReg *arch_regs(int arch, unsigned *n)
{
    if (arch == X86_GDB_X86_64) {
        *n = G_N_ELEMENTS(regs_x86_64);
        return regs_x86_64;
    }
    *n = G_N_ELEMENTS(regs_i386);
    return regs_i386;
}

int x86_gdb_arch_for(const CPUX86State *env)
{
    return (env->efer & EFER_LMA) ? X86_GDB_X86_64 : X86_GDB_I386;
}

unsigned x86_gdb_num_regs(int arch)
{
    unsigned n;

    arch_regs(arch, &n);
    return n;
}

uint64_t x86_gdb_pc(const CPUX86State *env)
{
    return env->segs[R_CS].base + env->rip;
}

/* The types the features above use that gdb does not predefine. */
static void append_types(GString *x, const char *feature)
{
    if (!strcmp(feature, CORE)) {
        static const char *const fl[] = {
            "CF", "", "PF", NULL, "AF", NULL, "ZF", "SF", "TF", "IF", "DF",
            "OF", NULL, NULL, "NT", NULL, "RF", "VM", "AC", "VIF", "VIP", "ID",
        };

        g_string_append(x, "<flags id=\"i386_eflags\" size=\"4\">");
        for (unsigned i = 0; i < G_N_ELEMENTS(fl); i++) {
            if (fl[i]) {
                g_string_append_printf(x, "<field name=\"%s\" start=\"%u\" "
                                       "end=\"%u\"/>", fl[i], i, i);
            }
        }
        g_string_append(x, "</flags>");
    } else if (!strcmp(feature, SSE)) {
        static const char *const mx[] = {
            "IE", "DE", "ZE", "OE", "UE", "PE", "DAZ", "IM", "DM", "ZM",
            "OM", "UM", "PM", "FZ",
        };

        g_string_append(x,
            "<vector id=\"v4f\" type=\"ieee_single\" count=\"4\"/>"
            "<vector id=\"v2d\" type=\"ieee_double\" count=\"2\"/>"
            "<vector id=\"v16i8\" type=\"int8\" count=\"16\"/>"
            "<vector id=\"v8i16\" type=\"int16\" count=\"8\"/>"
            "<vector id=\"v4i32\" type=\"int32\" count=\"4\"/>"
            "<vector id=\"v2i64\" type=\"int64\" count=\"2\"/>"
            "<union id=\"vec128\">"
            "<field name=\"v4_float\" type=\"v4f\"/>"
            "<field name=\"v2_double\" type=\"v2d\"/>"
            "<field name=\"v16_int8\" type=\"v16i8\"/>"
            "<field name=\"v8_int16\" type=\"v8i16\"/>"
            "<field name=\"v4_int32\" type=\"v4i32\"/>"
            "<field name=\"v2_int64\" type=\"v2i64\"/>"
            "<field name=\"uint128\" type=\"uint128\"/>"
            "</union>"
            "<flags id=\"i386_mxcsr\" size=\"4\">");
        for (unsigned i = 0; i < G_N_ELEMENTS(mx); i++) {
            g_string_append_printf(x, "<field name=\"%s\" start=\"%u\" "
                                   "end=\"%u\"/>", mx[i], i, i);
        }
        g_string_append(x, "</flags>");
    }
}

static char *build_xml(int arch)
{
    GString *x = g_string_new("<?xml version=\"1.0\"?>"
                              "<!DOCTYPE target SYSTEM \"gdb-target.dtd\">"
                              "<target><architecture>");
    unsigned n;
    const X86GdbReg *r = arch_regs(arch, &n);

    g_string_append(x, arch == X86_GDB_X86_64 ? "i386:x86-64" : "i386");
    g_string_append(x, "</architecture>");
    for (unsigned i = 0; i < n; i++) {
        if (r[i].feature) {
            if (i) {
                g_string_append(x, "</feature>");
            }
            g_string_append_printf(x, "<feature name=\"%s\">", r[i].feature);
            append_types(x, r[i].feature);
        }
        g_string_append_printf(x, "<reg name=\"%s\" bitsize=\"%u\" "
                               "type=\"%s\" regnum=\"%u\"%s/>", r[i].name,
                               r[i].bits, r[i].type, i,
                               r[i].kind == GR_CR || r[i].kind == GR_EFER ||
                               r[i].kind == GR_KGSBASE
                                   ? " group=\"system\"" : "");
    }
    g_string_append(x, "</feature></target>");
    return g_string_free(x, false);
}

const char *x86_gdb_target_xml(int arch)
{
    static char *xml[X86_GDB_NR_ARCHS];     /* built once, never freed */

    g_assert(arch >= 0 && arch < X86_GDB_NR_ARCHS);
    if (!xml[arch]) {
        xml[arch] = build_xml(arch);
    }
    return xml[arch];
}

/* The physical x87 register that is ST(@i) now (TOP: FSW bits 11-13). */
static unsigned st_phys(const CPUX86State *env, unsigned i)
{
    return (((env->fpus >> 11) & 7) + i) & 7;
}

static void put_le(uint8_t *buf, uint64_t v, unsigned bytes)
{
    for (unsigned i = 0; i < bytes; i++) {
        buf[i] = v >> (8 * i);
    }
}

static uint64_t get_le(const uint8_t *buf, unsigned bytes)
{
    uint64_t v = 0;

    for (unsigned i = 0; i < bytes; i++) {
        v |= (uint64_t)buf[i] << (8 * i);
    }
    return v;
}

static uint64_t fpu_reg(const CPUX86State *env, unsigned idx)
{
    switch (idx) {
    case 0: return env->fpuc;
    case 1: return env->fpus;
    case 2: return env->fptw;
    case 4: return (uint32_t)env->fpip;
    case 6: return (uint32_t)env->fpdp;
    case 7: return env->fop;
    default: return 0;      /* fiseg/foseg: not kept */
    }
}

static uint64_t int_reg(const CPUX86State *env, const X86GdbReg *r)
{
    switch (r->kind) {
    case GR_GPR: return env->regs[r->idx];
    case GR_PC: return env->rip;
    case GR_EFLAGS: return env->eflags;
    case GR_SEG: return env->segs[r->idx].selector;
    case GR_SEGBASE: return env->segs[r->idx].base;
    case GR_FPU: return fpu_reg(env, r->idx);
    case GR_MXCSR: return env->mxcsr;
    case GR_ORIG: return (uint64_t)-1;
    case GR_CR: return r->idx == 8 ? env->cr8 : env->cr[r->idx];
    case GR_EFER: return env->efer;
    case GR_KGSBASE: return env->kernel_gs_base;
    default: g_assert_not_reached();
    }
}

int x86_gdb_read_reg(CPUX86State *env, int arch, unsigned n, uint8_t *buf)
{
    unsigned nr;
    const X86GdbReg *r = arch_regs(arch, &nr);

    if (n >= nr) {
        return -1;
    }
    r += n;
    if (r->kind == GR_ST) {
        memcpy(buf, env->fpregs[st_phys(env, r->idx)].bytes, 10);
    } else if (r->kind == GR_XMM) {
        memcpy(buf, env->xmm[r->idx].b, 16);
    } else {
        put_le(buf, int_reg(env, r), r->bits / 8);
    }
    return r->bits / 8;
}

/* A selector written in real or virtual-8086 mode also moves the base. */
static void write_seg(CPUX86State *env, unsigned seg, uint16_t sel)
{
    env->segs[seg].selector = sel;
    if (!(env->cr[0] & CR0_PE) || (env->eflags & EFLAGS_VM)) {
        env->segs[seg].base = (uint32_t)sel << 4;
    }
}

static void write_int_reg(CPUX86State *env, const X86GdbReg *r, uint64_t v)
{
    switch (r->kind) {
    case GR_GPR:
        /* The i386 layout writes the low half and keeps the rest. */
        env->regs[r->idx] = r->bits == 32
            ? (env->regs[r->idx] & ~0xffffffffull) | (uint32_t)v : v;
        break;
    case GR_PC: env->rip = v; break;
    case GR_EFLAGS: env->eflags = (v & 0x3f7fd7) | EFLAGS_FIXED; break;
    case GR_SEG: write_seg(env, r->idx, v); break;
    case GR_SEGBASE: env->segs[r->idx].base = v; break;
    case GR_FPU:
        switch (r->idx) {
        case 0: env->fpuc = v; break;
        case 1: env->fpus = v; break;
        case 2: env->fptw = v; break;
        case 4: env->fpip = v; break;
        case 6: env->fpdp = v; break;
        case 7: env->fop = v; break;
        }
        break;
    case GR_MXCSR: env->mxcsr = v; break;
    case GR_ORIG: break;
    case GR_CR:
        if (r->idx == 8) {
            env->cr8 = v;
        } else {
            env->cr[r->idx] = v;
        }
        break;
    case GR_EFER: env->efer = v; break;
    case GR_KGSBASE: env->kernel_gs_base = v; break;
    default: g_assert_not_reached();
    }
}

int x86_gdb_write_reg(CPUX86State *env, int arch, unsigned n,
                      const uint8_t *buf, size_t len)
{
    unsigned nr;
    const X86GdbReg *r = arch_regs(arch, &nr);

    if (n >= nr || len < r[n].bits / 8u) {
        return -1;
    }
    r += n;
    if (r->kind == GR_ST) {
        memcpy(env->fpregs[st_phys(env, r->idx)].bytes, buf, 10);
    } else if (r->kind == GR_XMM) {
        memcpy(env->xmm[r->idx].b, buf, 16);
    } else {
        write_int_reg(env, r, get_le(buf, r->bits / 8));
    }
    return r->bits / 8;
}
