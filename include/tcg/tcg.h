/* SPDX-License-Identifier: MIT */
/*
 * The TCG core: the IR (ops, temps, labels, helper declarations), the
 * translation context and the passes that turn an op list into host code
 * (optimize → liveness → register allocation and emission). Nothing here
 * knows a guest or an accelerator; a frontend builds ops through
 * tcg-op.h, an accelerator runs the result through tcg_exec(). See
 * docs/devel/tcg-ir.md for the contract.
 */
#ifndef TCG_TCG_H
#define TCG_TCG_H

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum TCGType {
    TCG_TYPE_I32,
    TCG_TYPE_I64,
} TCGType;

typedef enum TCGOpcode {
#define DEF(name, oargs, iargs, cargs, flags) INDEX_op_##name,
#include "tcg/tcg-opc.h"
#undef DEF
    NB_OPS,
} TCGOpcode;

enum {
    TCG_OPF_BB_END       = 1 << 0,  /* ends a basic block */
    TCG_OPF_BB_EXIT      = 1 << 1,  /* leaves the TB: globals to memory */
    TCG_OPF_SIDE_EFFECTS = 1 << 2,  /* never removed, syncs globals */
    TCG_OPF_CALL_CLOBBER = 1 << 3,  /* clobbers call-clobbered host regs */
    TCG_OPF_COND_BRANCH  = 1 << 4,
    TCG_OPF_NOT_PRESENT  = 1 << 5,  /* handled by the core, no emitter */
    TCG_OPF_PURE         = 1 << 6,  /* a function of its inputs: foldable */
};

typedef struct TCGOpDef {
    const char *name;
    uint8_t nb_oargs, nb_iargs, nb_cargs;
    uint8_t flags;
} TCGOpDef;

extern const TCGOpDef tcg_op_defs[NB_OPS];

/* Conditions; bit 0 inverts, so tcg_invert_cond is an xor. */
typedef enum TCGCond {
    TCG_COND_NEVER = 0, TCG_COND_ALWAYS = 1,
    TCG_COND_EQ = 2,    TCG_COND_NE = 3,
    TCG_COND_LT = 4,    TCG_COND_GE = 5,
    TCG_COND_LE = 6,    TCG_COND_GT = 7,
    TCG_COND_LTU = 8,   TCG_COND_GEU = 9,
    TCG_COND_LEU = 10,  TCG_COND_GTU = 11,
} TCGCond;

static inline TCGCond tcg_invert_cond(TCGCond c)
{
    return (TCGCond)(c ^ 1);
}

/* Operand a, b swapped: a < b ⇔ b > a. */
TCGCond tcg_swap_cond(TCGCond c);
/* Evaluate a condition on constants of the given width. */
bool tcg_cond_eval(TCGType type, TCGCond c, uint64_t a, uint64_t b);

/* MemOp of guest_ld / guest_st: size, signedness, byte order. */
typedef enum MemOp {
    MO_8 = 0, MO_16 = 1, MO_32 = 2, MO_64 = 3,
    MO_SIZE = 3,
    MO_SIGN = 4,
    MO_BSWAP = 8,       /* opposite of host (little-endian) order */
    MO_LE = 0,
    MO_BE = MO_BSWAP,
    /* Target-defined flags: the inline fast path ignores them; a slow-path
     * access that carries one first goes through the accelerator's
     * TCGCPUOps.mem_slow_check (x86: a stack-segment access). */
    MO_TGT0 = 16,
    MO_TGT_MASK = 0xf0,
} MemOp;

/* A temp lives ... */
typedef enum TCGTempKind {
    TEMP_NORMAL,    /* ... until the end of its basic block */
    TEMP_TB,        /* ... across labels and branches, until the TB ends */
    TEMP_GLOBAL,    /* ... in memory at base + offset (an env field) */
    TEMP_FIXED,     /* ... in a reserved host register (env) */
} TCGTempKind;

/* Where the register allocator currently has a temp's value. */
typedef enum TCGTempVal {
    TEMP_VAL_DEAD,
    TEMP_VAL_REG,
    TEMP_VAL_MEM,
    TEMP_VAL_CONST,
} TCGTempVal;

typedef int TCGReg;

typedef struct TCGTemp {
    TCGType type;
    TCGTempKind kind;
    bool allocated;
    bool mem_allocated;     /* globals always; others once spilled */
    const char *name;       /* globals and fixed temps */
    intptr_t mem_offset;    /* from env (globals) or the frame */
    /* Register allocator state. */
    TCGTempVal val_type;
    TCGReg reg;
    bool mem_coherent;
    uint64_t val;
    /* Scratch for passes (liveness). */
    uintptr_t state;
    bool read_in_tb;        /* liveness: some op reads this TB temp */
} TCGTemp;

#define TCG_MAX_TEMPS 512
#define TCG_MAX_OP_ARGS 10
#define TCG_MAX_CALL_ARGS 6
#define TCG_MAX_INSN_DATA 2

typedef uintptr_t TCGArg;

typedef struct TCGOp {
    uint8_t opc;            /* TCGOpcode */
    uint8_t type;           /* TCGType of the operation */
    uint8_t nb_oargs, nb_iargs, nb_cargs;
    uint16_t life;          /* liveness: DEAD_ARG(i) bits */
    TCGArg args[TCG_MAX_OP_ARGS];
} TCGOp;

#define DEAD_ARG(i) (1u << (i))

/* Side effects a helper declares; liveness and the allocator obey. */
typedef enum TCGCallFlags {
    TCG_CALL_NO_SIDE_EFFECTS = 0,   /* pure: removable if result unused */
    TCG_CALL_READS_GLOBALS = 1,     /* globals stored before the call */
    TCG_CALL_WRITES_GLOBALS = 2,    /* ... and reloaded after it */
} TCGCallFlags;

typedef struct TCGHelperInfo {
    const char *name;
    const void *func;
    TCGCallFlags flags;
} TCGHelperInfo;

typedef struct TCGLabel {
    int id;
    int refs;               /* branches to it, kept by the optimizer */
    bool has_value;
    uintptr_t value;        /* host address once emitted */
    GArray *relocs;         /* uint8_t * of rel32 fields to patch */
} TCGLabel;

/*
 * Slow-path helpers for guest_ld / guest_st, set by the accelerator. They
 * do the whole access (size, MO_SIGN, MO_BSWAP, faults, I/O); @retaddr is
 * a host address inside the block's code, in the guest instruction that
 * made the access, for restoring the guest state after a fault (look it
 * up like a helper's return address: retaddr - code - 1).
 */
typedef uint64_t TCGGuestLoadFn(void *env, uint64_t addr, uint32_t memop,
                                uint32_t mmu_idx, uintptr_t retaddr);
typedef void TCGGuestStoreFn(void *env, uint64_t addr, uint64_t val,
                             uint32_t memop, uint32_t mmu_idx,
                             uintptr_t retaddr);
typedef struct TCGGuestMemOps {
    TCGGuestLoadFn *load;
    TCGGuestStoreFn *store;
} TCGGuestMemOps;

/*
 * The accelerator's softmmu TLB as the inline fast path of guest_ld /
 * guest_st reads it; tcg/ knows nothing else of it. env holds, at
 * table_ptr_offset, a pointer to the entry arrays: mmu index i's array
 * starts i * mmu_stride bytes after it, and the entry of address a is
 * number (a >> page_bits) & ((1 << index_bits) - 1), 1 << entry_bits
 * bytes each. An entry holds two 64-bit tags (read, write) and a
 * host-pointer-sized addend at the given offsets. An access of size n
 * at a takes the fast path when the tag equals (a + n - 1) with its low
 * page_bits cleared, i.e. a's page, with the access inside it: any tag
 * bit below page_bits (the accelerator's flags: invalid, I/O, ROM, code)
 * makes it miss. A hit accesses host memory at a + addend; a miss calls
 * TCGGuestMemOps. table_ptr_offset 0: no TLB, every access is a call.
 */
typedef struct TCGTLBDesc {
    intptr_t table_ptr_offset;
    uint32_t mmu_stride;
    uint8_t page_bits;
    uint8_t index_bits;
    uint8_t entry_bits;
    uint8_t read_offset;
    uint8_t write_offset;
    uint8_t addend_offset;
} TCGTLBDesc;

/* One record per insn_start: where its host code begins, and its data. */
typedef struct TCGInsnRecord {
    uint32_t host_offset;
    uint64_t data[TCG_MAX_INSN_DATA];
} TCGInsnRecord;

typedef struct TCGCodeBuffer TCGCodeBuffer;

#define TCG_NO_GOTO_TB 0xffff

typedef struct TCGContext {
    int nb_globals;
    int nb_temps;
    TCGTemp temps[TCG_MAX_TEMPS];
    TCGTemp *env;               /* fixed temp holding the env pointer */

    GArray *ops;                /* TCGOp */
    GPtrArray *labels;          /* TCGLabel *, owned */

    /* Code generation. */
    TCGCodeBuffer *buf;
    uint8_t *code_start;
    uint8_t *code_ptr;
    uint8_t *code_limit;        /* past this the buffer is full */
    const uint8_t *epilogue;    /* return to tcg_exec's caller */
    const uint8_t *epilogue_ret0;
    const uint8_t *prologue;
    TCGTemp *reg_to_temp[16];
    uint32_t locked_regs;
    int frame_used;

    /* Outputs of the last tcg_gen_code, offsets from its start. */
    uint16_t goto_tb_jmp_offset[2];     /* the rel32 field to patch */
    uint16_t goto_tb_reset_offset[2];   /* where the unpatched jmp goes */
    GArray *insns;              /* TCGInsnRecord */

    TCGGuestMemOps guest_mem;
    TCGTLBDesc tlb;
    /* Out-of-line slow paths of the block's guest memory ops
     * (TCGLdstSlow, TCGGlobalSync; private to tcg/). */
    GArray *ldst_slow;
    GArray *ldst_syncs;
} TCGContext;

/* ---- context and temps -------------------------------------------- */

/*
 * A context generates into @buf, whose start receives the prologue and
 * epilogue. One context per translating thread.
 */
TCGContext *tcg_context_new(TCGCodeBuffer *buf);
void tcg_context_free(TCGContext *s);

/* Start the IR of a new block: ops, labels and non-global temps reset. */
void tcg_func_start(TCGContext *s);

/*
 * A global: a value living at env + @offset, kept in a register inside a
 * block and written back where liveness says. Create globals before the
 * first tcg_func_start, in the same order in every context.
 */
TCGTemp *tcg_global_mem_new_internal(TCGContext *s, TCGType type,
                                     intptr_t offset, const char *name);
TCGTemp *tcg_temp_new_internal(TCGContext *s, TCGType type,
                               TCGTempKind kind);
void tcg_temp_free_internal(TCGContext *s, TCGTemp *ts);

static inline size_t temp_idx(TCGContext *s, const TCGTemp *ts)
{
    return (size_t)(ts - s->temps);
}

static inline TCGTemp *arg_temp(TCGArg a)
{
    return (TCGTemp *)a;
}

static inline TCGArg temp_arg(TCGTemp *ts)
{
    return (TCGArg)ts;
}

static inline TCGLabel *arg_label(TCGArg a)
{
    return (TCGLabel *)a;
}

TCGLabel *tcg_gen_new_label(TCGContext *s);

/* Append an op; returns it for the caller to fill args. */
TCGOp *tcg_emit_op(TCGContext *s, TCGOpcode opc, TCGType type);
/* Number of ops (including nops left by passes). */
static inline TCGOp *tcg_op_at(TCGContext *s, unsigned i)
{
    return &g_array_index(s->ops, TCGOp, i);
}
/* Replace in place with a nop; tcg_ops_compact drops them. */
void tcg_op_remove(TCGContext *s, TCGOp *op);
void tcg_ops_compact(TCGContext *s);

/* ---- passes ------------------------------------------------------- */

void tcg_optimize(TCGContext *s);
void tcg_liveness(TCGContext *s);

/*
 * Optimize, run liveness, allocate registers and emit host code for the
 * current ops at the buffer's free space. Returns the code's size, or -1
 * when the buffer is full: reset the buffer and call again, the op list
 * is kept. On success *code is the executable start of the code; keep it
 * with tcg_code_buffer_commit.
 */
int tcg_gen_code(TCGContext *s, void **code);

/*
 * The record of the guest instruction whose host code holds @off (an
 * offset from the block's start; for a helper's return address use
 * retaddr - code - 1, since the call may be the insn's last instruction).
 * NULL if @off comes before the first insn_start.
 */
const TCGInsnRecord *tcg_insn_find(const TCGInsnRecord *recs, size_t n,
                                   uint32_t off);

/* Run generated code with env in the env register; returns exit_tb's value. */
uintptr_t tcg_exec(TCGContext *s, void *env, const void *code);

/*
 * Point a goto_tb's jump at @target. @jmp_rel32 is the executable address
 * of the jump's rel32 field (code + goto_tb_jmp_offset[n]); it is 4-byte
 * aligned, so the store is atomic for threads running the code.
 */
void tcg_patch_goto_tb(TCGCodeBuffer *b, uintptr_t jmp_rel32, uintptr_t target);

/* The op list, one op per line (-d op, -d op_opt). */
void tcg_dump_ops(TCGContext *s, GString *out);
/* Host code disassembled by capstone, one insn per line (-d out_asm). */
void tcg_disas(GString *out, const void *code, size_t size);

#endif
