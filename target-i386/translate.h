/* SPDX-License-Identifier: MIT */
/*
 * The x86 → TCG IR translator's private header: the TB mode flags
 * (tb->flags), the lazy-flags operation codes (cc_op), DisasContext (all
 * the state of one translation, passed to every emitter; nothing lives in
 * globals) and the interfaces between the translator's files:
 *
 *   translate.c           the TB loop, the dispatch table, TB endings
 *   translate-operands.c  effective addresses, register and memory
 *                         operands, the stack, jumps out of the TB
 *   cc.c                  lazy flags: runtime evaluation and inline
 *                         conditions for Jcc/SETcc/CMOVcc
 *   translate-alu.c       arithmetic, logic, shifts, moves, exchanges
 *   translate-bits.c      bit tests and scans, SETcc, CMOVcc
 *   translate-ctrl.c      jumps, calls, the stack, flag instructions
 *   translate-string.c    MOVS/STOS/LODS/SCAS/CMPS/INS/OUTS and REP
 *   translate-sys.c       system instructions (engineer C's helpers)
 *   int-helper.c          the translator's own runtime helpers
 *   tcg-cpu.c             tcg_cpu_ops
 *
 * docs/devel/translator.md describes how it fits together.
 */
#ifndef TARGET_I386_TRANSLATE_H
#define TARGET_I386_TRANSLATE_H

#include "accel/tcg-cpu.h"
#include "target-i386/cpu.h"
#include "target-i386/decode.h"
#include "target-i386/helper.h"
#include "tcg/tcg-op.h"

/* ---- tb->flags: everything translation depends on ------------------- */

#define HF_CPL_MASK     3u
#define HF_PE           (1u << 2)   /* CR0.PE */
#define HF_VM           (1u << 3)   /* EFLAGS.VM: virtual-8086 mode */
#define HF_CS32         (1u << 4)   /* CS.D: 32-bit code */
#define HF_SS32         (1u << 5)   /* SS.B: 32-bit stack */
#define HF_LMA          (1u << 6)   /* EFER.LMA */
#define HF_CS64         (1u << 7)   /* CS.L in long mode: 64-bit code */
#define HF_ADDSEG       (1u << 8)   /* DS, ES or SS has a non-zero base */
#define HF_PG           (1u << 9)   /* CR0.PG */
#define HF_IOPL_SHIFT   10          /* 2 bits */
#define HF_IF           (1u << 12)
#define HF_TF           (1u << 13)
#define HF_MP           (1u << 14)  /* CR0.MP, EM, TS: for x87/SSE later */
#define HF_EM           (1u << 15)
#define HF_TS           (1u << 16)
#define HF_A20          (1u << 17)  /* the A20 gate is open */
#define HF_INHIBIT_IRQ  (1u << 18)  /* the block starts in an STI/MOV SS
                                       interrupt shadow */
#define HF_OSFXSR       (1u << 19)  /* CR4.OSFXSR: SSE instructions exist */

/* ---- lazy flags ------------------------------------------------------ */

/*
 * How the arithmetic flags (CF PF AF ZF SF OF) follow from cc_dst,
 * cc_src and cc_src2. The operation families come in B/W/L/Q order, so
 * CC_OP_ADDB + ot (ot = log2 of the size in bytes) is the sized one.
 *
 *   family   cc_dst   cc_src                   cc_src2
 *   MUL      result   non-zero iff CF=OF=1     -
 *   ADD      result   second operand           -
 *   ADC      result   second operand           carry in (0/1)
 *   SUB      result   second operand           -
 *   SBB      result   second operand           borrow in (0/1)
 *   LOGIC    result   -                        -
 *   INC/DEC  result   CF before (0/1)          -
 *   SHL      result   operand << (count - 1)   -
 *   SAR      result   operand >> (count - 1)   - (also SHR: OF = MSB in)
 *   EFLAGS   -        the flags themselves     -
 */
enum {
    CC_OP_DYNAMIC,      /* translator only: env->cc_op says */
    CC_OP_EFLAGS,
    CC_OP_MULB, CC_OP_MULW, CC_OP_MULL, CC_OP_MULQ,
    CC_OP_ADDB, CC_OP_ADDW, CC_OP_ADDL, CC_OP_ADDQ,
    CC_OP_ADCB, CC_OP_ADCW, CC_OP_ADCL, CC_OP_ADCQ,
    CC_OP_SUBB, CC_OP_SUBW, CC_OP_SUBL, CC_OP_SUBQ,
    CC_OP_SBBB, CC_OP_SBBW, CC_OP_SBBL, CC_OP_SBBQ,
    CC_OP_LOGICB, CC_OP_LOGICW, CC_OP_LOGICL, CC_OP_LOGICQ,
    CC_OP_INCB, CC_OP_INCW, CC_OP_INCL, CC_OP_INCQ,
    CC_OP_DECB, CC_OP_DECW, CC_OP_DECL, CC_OP_DECQ,
    CC_OP_SHLB, CC_OP_SHLW, CC_OP_SHLL, CC_OP_SHLQ,
    CC_OP_SARB, CC_OP_SARW, CC_OP_SARL, CC_OP_SARQ,
    CC_OP_NB,
};

#define CC_ARITH_MASK \
    (EFLAGS_CF | EFLAGS_PF | EFLAGS_AF | EFLAGS_ZF | EFLAGS_SF | EFLAGS_OF)

/* Runtime evaluation (cc.c); pure functions of their arguments. */
uint64_t helper_cc_compute_all(uint64_t dst, uint64_t src, uint64_t src2,
                               uint32_t op);
uint64_t helper_cc_compute_c(uint64_t dst, uint64_t src, uint64_t src2,
                             uint32_t op);

/* ---- one translation ------------------------------------------------- */

typedef enum DisasJumpType {
    DISAS_NEXT,         /* go on with the next instruction */
    DISAS_TOO_MANY,     /* stop here; chain to the next instruction */
    DISAS_EOB_NEXT,     /* state changed: store rip, leave unchained */
    DISAS_EOB_INHIBIT,  /* as EOB_NEXT, entering an interrupt shadow */
    DISAS_NORETURN,     /* the generated code has left the TB already */
} DisasJumpType;

typedef struct DisasContext {
    TCGContext *s;
    CPUState *cpu;
    CPUX86State *env;
    TranslationBlock *tb;

    /* Globals (handles equal in every context, found by env offset). */
    TCGv envv;
    TCGv regs[16];
    TCGv cc_dst, cc_src, cc_src2, cc_op_g, df;
    TCGv seg_base[X86_NR_SEGS];

    /* The mode, from tb->flags. */
    uint32_t flags;
    uint64_t cs_base;
    X86Mode mode;
    bool code64, code32, ss32, addseg, pe, vm86, lma;
    int cpl, iopl;
    int mem_index;
    /* MemOp flags of the current instruction's memory operand (MO_X86_SS
     * for one through SS in 64-bit mode). */
    MemOp mem_flags;
    uint64_t features;

    /* Where we are: linear addresses of this and the next instruction. */
    uint64_t pc_first, pc, next_pc;
    uint32_t size;              /* guest code bytes so far */
    int num_insns, max_insns;
    bool single_step;
    bool cs_loaded;         /* a real-mode far transfer loaded CS */
    /* STI set IF: the next instruction runs in its interrupt shadow in
     * this block (shadow_pending until it is translated), and every exit
     * after it lets a pending interrupt in (irq_window). */
    bool shadow_pending;
    bool irq_window;
    unsigned insn_start_idx;    /* op index of this insn's insn_start */
    DisasJumpType is_jmp;
    bool jmp_used[2];

    /* Lazy flags: the cc_op the code emitted so far leaves behind, and
     * whether env->cc_op still has to be told. */
    int cc_op;
    bool cc_op_dirty;
    /* Flags of the current instruction, committed after write-back so
     * a faulting store leaves the old flags intact. */
    int pend_op;
    TCGv pend_dst, pend_src, pend_src2;
    /*
     * The first operand of the last SUB/CMP (flags dst = srcT - src), so
     * that a Jcc/SETcc/CMOVcc on them compares the operands themselves
     * rather than rebuilding srcT from cc_dst + cc_src: a shorter path to
     * the branch. Valid while cc_op is still srcT_op. A TB temp of its
     * own that free_insn_temps keeps.
     */
    TCGv pend_srcT, cc_srcT;
    int srcT_op;
    TCGv pend_opv;              /* I32 cc_op value when pend_op is DYNAMIC */

    /* The instruction and its operands. */
    X86Insn insn;
    uint8_t bytes[X86_MAX_INSN_LEN];
    int ot;                     /* log2 of op[0]'s size */
    TCGv A0;                    /* address of the memory operand */
    TCGv T0, T1, T2;
} DisasContext;

typedef void (*X86GenFn)(DisasContext *s, X86Insn *in);

/* ---- small conveniences ---------------------------------------------- */

static inline TCGv tmp64(DisasContext *s)
{
    return tcg_temp_new(s->s, TCG_TYPE_I64);
}

static inline TCGv tconst(DisasContext *s, uint64_t v)
{
    return tcg_const(s->s, TCG_TYPE_I64, v);
}

static inline uint64_t eip_of(DisasContext *s, uint64_t pc)
{
    return pc - s->cs_base;
}

static inline int size_ot(unsigned size)
{
    return size == 1 ? 0 : size == 2 ? 1 : size == 4 ? 2 : 3;
}

/* x86_gen_call(s, &info, ret or NULL, nargs, args...). */
void x86_gen_call(DisasContext *s, const TCGHelperInfo *info, TCGv ret,
                  int nargs, ...);

/* ---- translate.c ----------------------------------------------------- */

void x86_translate(TCGContext *tcg, CPUState *cpu, TranslationBlock *tb,
                   int max_insns);
/* Store the current instruction's rip (before a helper that reads it). */
void gen_update_rip_cur(DisasContext *s);
void gen_update_rip_next(DisasContext *s);
/* Raise @vector at the current instruction; ends the TB. */
void gen_exception(DisasContext *s, int vector);
void gen_exception_err(DisasContext *s, int vector, uint32_t err);
/* Raise @vector when a COND b holds; the block goes on otherwise. */
void gen_exception_if(DisasContext *s, TCGCond cond, TCGv a, TCGv b,
                      int vector);
/* #UD with a -d unimp note. */
void gen_unimplemented(DisasContext *s, const char *why);

/* ---- translate-operands.c -------------------------------------------- */

/* Linear address of a memory operand (segment base added as needed). */
TCGv gen_lea_mem(DisasContext *s, const X86Mem *m);
/* Effective (offset) address only, before the segment. */
TCGv gen_ea_offset(DisasContext *s, const X86Mem *m);
/* Add the segment base of @seg to an offset already masked to asize. */
TCGv gen_add_seg(DisasContext *s, TCGv ea, int seg, int asize);
/* Operand values zero-extended to 64 bits, and write-back. */
TCGv gen_ld_op(DisasContext *s, const X86Operand *op);
void gen_st_op(DisasContext *s, const X86Operand *op, TCGv v);
/* GPRs by size (high-byte registers via X86_RC_GPR8_HIGH). */
TCGv gen_ld_reg(DisasContext *s, int rc, int reg, int size);
void gen_st_reg(DisasContext *s, int rc, int reg, int size, TCGv v);
/* Guest memory at a linear address. */
void gen_ld_mem(DisasContext *s, TCGv d, TCGv addr, int size, bool sign);
void gen_st_mem(DisasContext *s, TCGv v, TCGv addr, int size);
/* Extension of a value to @size bytes, into a new temp. */
TCGv gen_ext(DisasContext *s, TCGv v, int size, bool sign);
/* The stack: address size 2, 4 or 8. */
int stack_asize(DisasContext *s);
void gen_push(DisasContext *s, TCGv v, int size);
/* Load the value at the top of the stack (+ @offset) without popping. */
TCGv gen_pop_peek(DisasContext *s, int size, int offset);
void gen_sp_add(DisasContext *s, int64_t delta);
/* Jumps out of the TB to an eip: chained when on the TB's page. */
void gen_jmp_eip(DisasContext *s, uint64_t eip, int slot);
/* Jump to the eip held in @eip (masked already): indirect. */
void gen_jmp_dyn(DisasContext *s, TCGv eip);
/* Leave the TB without chaining, rip already stored. */
void gen_exit_nochain(DisasContext *s);
void gen_exit_lookup(DisasContext *s);
bool gen_inline_probe(DisasContext *s);

/* ---- cc.c (translator side) ------------------------------------------ */

void set_cc_op(DisasContext *s, int op);
void gen_update_cc_op(DisasContext *s);
/* Record the flags of the current instruction (committed later). */
void gen_set_cc(DisasContext *s, int op, TCGv dst, TCGv src, TCGv src2);
/* The same for a subtraction dst = srcT - src (CC_OP_SUB*), keeping srcT
 * for the conditions that follow in the block. */
void gen_set_cc_sub(DisasContext *s, int op, TCGv dst, TCGv srcT, TCGv src);
void gen_commit_cc(DisasContext *s);
/* The same, only when @count (masked shift count) is non-zero at run
 * time: the cc state becomes dynamic. */
void gen_set_cc_count(DisasContext *s, TCGv count, int op, TCGv dst,
                      TCGv src);
/* All arithmetic flags / CF alone as a 0/1 value, in new temps. */
TCGv gen_compute_eflags(DisasContext *s);
TCGv gen_compute_cf(DisasContext *s);

/* A condition as a TCG comparison a COND b. */
typedef struct X86Cond {
    TCGCond cond;
    TCGv a, b;
} X86Cond;
/* Condition @cc (tttn of Jcc/SETcc/CMOVcc) on the current flags. */
X86Cond gen_prepare_cc(DisasContext *s, int cc);
void gen_setcc(DisasContext *s, TCGv d, int cc);

/* ---- the emitters' tables -------------------------------------------- */

/* Per-mnemonic dispatch: the emitter and what is loaded/stored for it. */
enum {
    OPF_LD0 = 1 << 0,       /* T0 = op[0] */
    OPF_LD1 = 1 << 1,       /* T1 = op[1] */
    OPF_LD2 = 1 << 2,       /* T2 = op[2] */
    OPF_WB0 = 1 << 3,       /* op[0] = T0 afterwards */
    OPF_NOEA = 1 << 4,      /* the emitter computes addresses itself */
    OPF_CPL0 = 1 << 5,      /* #GP(0) unless CPL 0 */
};

typedef struct X86OpEntry {
    X86GenFn gen;
    uint8_t flags;
} X86OpEntry;

/* The emitters, one per mnemonic or family (the table in translate.c). */
/* translate-alu.c */
void gen_ADD(DisasContext *s, X86Insn *in);
void gen_OR(DisasContext *s, X86Insn *in);
void gen_ADC(DisasContext *s, X86Insn *in);
void gen_SBB(DisasContext *s, X86Insn *in);
void gen_AND(DisasContext *s, X86Insn *in);
void gen_SUB(DisasContext *s, X86Insn *in);
void gen_XOR(DisasContext *s, X86Insn *in);
void gen_CMP(DisasContext *s, X86Insn *in);
void gen_TEST(DisasContext *s, X86Insn *in);
void gen_NOT(DisasContext *s, X86Insn *in);
void gen_NEG(DisasContext *s, X86Insn *in);
void gen_INC(DisasContext *s, X86Insn *in);
void gen_DEC(DisasContext *s, X86Insn *in);
void gen_MUL(DisasContext *s, X86Insn *in);
void gen_IMUL(DisasContext *s, X86Insn *in);
void gen_DIV(DisasContext *s, X86Insn *in);
void gen_IDIV(DisasContext *s, X86Insn *in);
void gen_ROL(DisasContext *s, X86Insn *in);
void gen_ROR(DisasContext *s, X86Insn *in);
void gen_RCL(DisasContext *s, X86Insn *in);
void gen_RCR(DisasContext *s, X86Insn *in);
void gen_SHL(DisasContext *s, X86Insn *in);
void gen_SHR(DisasContext *s, X86Insn *in);
void gen_SAR(DisasContext *s, X86Insn *in);
void gen_SHLD(DisasContext *s, X86Insn *in);
void gen_SHRD(DisasContext *s, X86Insn *in);
void gen_DAA(DisasContext *s, X86Insn *in);
void gen_DAS(DisasContext *s, X86Insn *in);
void gen_AAA(DisasContext *s, X86Insn *in);
void gen_AAS(DisasContext *s, X86Insn *in);
void gen_AAM(DisasContext *s, X86Insn *in);
void gen_AAD(DisasContext *s, X86Insn *in);
void gen_SALC(DisasContext *s, X86Insn *in);
void gen_CBW(DisasContext *s, X86Insn *in);
void gen_CWD(DisasContext *s, X86Insn *in);
void gen_BSWAP(DisasContext *s, X86Insn *in);
void gen_LEA(DisasContext *s, X86Insn *in);
void gen_MOV(DisasContext *s, X86Insn *in);
void gen_MOVZX(DisasContext *s, X86Insn *in);
void gen_MOVSX(DisasContext *s, X86Insn *in);
void gen_XCHG(DisasContext *s, X86Insn *in);
void gen_XADD(DisasContext *s, X86Insn *in);
void gen_CMPXCHG(DisasContext *s, X86Insn *in);
void gen_CMPXCHG8B(DisasContext *s, X86Insn *in);
void gen_XLAT(DisasContext *s, X86Insn *in);
void gen_NOP(DisasContext *s, X86Insn *in);
void gen_CLFLUSH(DisasContext *s, X86Insn *in);
/* translate-bits.c */
void gen_BT(DisasContext *s, X86Insn *in);
void gen_BSF(DisasContext *s, X86Insn *in);
void gen_BSR(DisasContext *s, X86Insn *in);
void gen_TZCNT(DisasContext *s, X86Insn *in);
void gen_LZCNT(DisasContext *s, X86Insn *in);
void gen_POPCNT(DisasContext *s, X86Insn *in);
void gen_SETcc(DisasContext *s, X86Insn *in);
void gen_CMOVcc(DisasContext *s, X86Insn *in);
/* translate-ctrl.c */
void gen_JMP(DisasContext *s, X86Insn *in);
void gen_Jcc(DisasContext *s, X86Insn *in);
void gen_JCXZ(DisasContext *s, X86Insn *in);
void gen_LOOP(DisasContext *s, X86Insn *in);
void gen_CALL(DisasContext *s, X86Insn *in);
void gen_RET(DisasContext *s, X86Insn *in);
void gen_PUSH(DisasContext *s, X86Insn *in);
void gen_POP(DisasContext *s, X86Insn *in);
void gen_PUSHA(DisasContext *s, X86Insn *in);
void gen_POPA(DisasContext *s, X86Insn *in);
void gen_ENTER(DisasContext *s, X86Insn *in);
void gen_LEAVE(DisasContext *s, X86Insn *in);
void gen_PUSHF(DisasContext *s, X86Insn *in);
void gen_POPF(DisasContext *s, X86Insn *in);
void gen_LAHF(DisasContext *s, X86Insn *in);
void gen_SAHF(DisasContext *s, X86Insn *in);
void gen_CLC(DisasContext *s, X86Insn *in);
void gen_STC(DisasContext *s, X86Insn *in);
void gen_CMC(DisasContext *s, X86Insn *in);
void gen_CLD(DisasContext *s, X86Insn *in);
void gen_STD(DisasContext *s, X86Insn *in);
void gen_UD2(DisasContext *s, X86Insn *in);
void gen_INT3(DisasContext *s, X86Insn *in);
void gen_INT(DisasContext *s, X86Insn *in);
void gen_INTO(DisasContext *s, X86Insn *in);
void gen_INT1(DisasContext *s, X86Insn *in);
void gen_HLT(DisasContext *s, X86Insn *in);
void gen_PAUSE(DisasContext *s, X86Insn *in);
void gen_CLI(DisasContext *s, X86Insn *in);
void gen_STI(DisasContext *s, X86Insn *in);
void gen_BOUND(DisasContext *s, X86Insn *in);
/* translate-string.c */
void gen_MOVS(DisasContext *s, X86Insn *in);
void gen_CMPS(DisasContext *s, X86Insn *in);
void gen_STOS(DisasContext *s, X86Insn *in);
void gen_LODS(DisasContext *s, X86Insn *in);
void gen_SCAS(DisasContext *s, X86Insn *in);
void gen_INS(DisasContext *s, X86Insn *in);
void gen_OUTS(DisasContext *s, X86Insn *in);
/* translate-sys.c */
void gen_IN(DisasContext *s, X86Insn *in);
void gen_OUT(DisasContext *s, X86Insn *in);
void gen_LxS(DisasContext *s, X86Insn *in);
void gen_JMPF(DisasContext *s, X86Insn *in);
void gen_CALLF(DisasContext *s, X86Insn *in);
void gen_RETF(DisasContext *s, X86Insn *in);
void gen_IRET(DisasContext *s, X86Insn *in);
void gen_SYSCALL(DisasContext *s, X86Insn *in);
void gen_SYSRET(DisasContext *s, X86Insn *in);
void gen_SYSENTER(DisasContext *s, X86Insn *in);
void gen_SYSEXIT(DisasContext *s, X86Insn *in);
void gen_LGDT(DisasContext *s, X86Insn *in);
void gen_SGDT(DisasContext *s, X86Insn *in);
void gen_LLDT(DisasContext *s, X86Insn *in);
void gen_SLDT(DisasContext *s, X86Insn *in);
void gen_LMSW(DisasContext *s, X86Insn *in);
void gen_SMSW(DisasContext *s, X86Insn *in);
void gen_CLTS(DisasContext *s, X86Insn *in);
void gen_INVLPG(DisasContext *s, X86Insn *in);
void gen_LAR(DisasContext *s, X86Insn *in);
void gen_VERR(DisasContext *s, X86Insn *in);
void gen_ARPL(DisasContext *s, X86Insn *in);
void gen_RDMSR(DisasContext *s, X86Insn *in);
void gen_WRMSR(DisasContext *s, X86Insn *in);
void gen_CPUID(DisasContext *s, X86Insn *in);
void gen_RDTSC(DisasContext *s, X86Insn *in);
void gen_RDPMC(DisasContext *s, X86Insn *in);
void gen_SWAPGS(DisasContext *s, X86Insn *in);
void gen_RDFSBASE(DisasContext *s, X86Insn *in);

/* translate-sse.c: every X86_FIRST_SSE ... X86_LAST_SSE mnemonic, and
 * LDMXCSR/STMXCSR/FXSAVE/FXRSTOR. */
void gen_SSE(DisasContext *s, X86Insn *in);
void gen_MXCSR(DisasContext *s, X86Insn *in);

/* Shared emitter pieces. */
void gen_mov_to_seg(DisasContext *s, int seg, TCGv sel);
void gen_mov_crdr(DisasContext *s, X86Insn *in);
void gen_flags_helper_addr(DisasContext *s, const TCGHelperInfo *info);
void gen_io_check(DisasContext *s, TCGv port, int size);
TCGv gen_io_in(DisasContext *s, TCGv port, int size);
void gen_io_out(DisasContext *s, TCGv port, TCGv v, int size);
TCGv gen_get_eflags(DisasContext *s);

/* ---- x87: translate-x87.c, fpu-helper.c ------------------------------ */

void gen_FADD(DisasContext *s, X86Insn *in);     /* FADD..FDIVRP, FIADD.. */
void gen_FCOM(DisasContext *s, X86Insn *in);     /* FCOMPP..FXAM, FCOMI.. */
void gen_FLD(DisasContext *s, X86Insn *in);      /* FLD FILD FBLD FLD1.. */
void gen_FST(DisasContext *s, X86Insn *in);      /* FST..FBSTP */
void gen_FXCH(DisasContext *s, X86Insn *in);     /* FXCH..FINCSTP */
void gen_FSIN(DisasContext *s, X86Insn *in);     /* F2XM1..FCOS */
void gen_FCMOVcc(DisasContext *s, X86Insn *in);
void gen_FLDCW(DisasContext *s, X86Insn *in);
void gen_FNSTCW(DisasContext *s, X86Insn *in);
void gen_FNSTSW(DisasContext *s, X86Insn *in);
void gen_FLDENV(DisasContext *s, X86Insn *in);   /* FLDENV, FRSTOR */
void gen_FNSTENV(DisasContext *s, X86Insn *in);  /* FNSTENV, FNSAVE */
void gen_FNCLEX(DisasContext *s, X86Insn *in);
void gen_FNINIT(DisasContext *s, X86Insn *in);
void gen_FNENI(DisasContext *s, X86Insn *in);    /* FNENI FNDISI FNSETPM */
void gen_FWAIT(DisasContext *s, X86Insn *in);

/* The info word of the x87 helpers. */
enum {
    X87_INFO_FOP = 0x7ff,           /* (escape & 7) << 8 | ModRM */
    X87_INFO_STORE = 1u << 11,      /* the memory operand is written */
    X87_INFO_FLAGS_IN = 1u << 12,   /* reads EFLAGS (FCMOVcc) */
    X87_INFO_FLAGS_OUT = 1u << 13,  /* writes ZF PF CF (FCOMI..) */
    X87_INFO_O16 = 1u << 14,        /* 14/94-byte environment/state */
    X87_INFO_REAL = 1u << 15,       /* real-mode layout (real, VM86) */
    X87_INFO_SAVE = 1u << 24,       /* FNSAVE/FRSTOR: registers too */
    X87_INFO_SIZE_SHIFT = 16,       /* memory operand size in bytes */
    X87_INFO_MMU_SHIFT = 28,        /* mmu index of the access */
};

/* One x87 instruction on the host FPU (x87-host.S): @addr is the linear
 * address of its memory operand, @fdp its offset, @fip the instruction's.
 * Returns the EFLAGS FCOMI produced (also set in env). */
uint64_t helper_x87_exec(CPUX86State *env, uint32_t info, uint64_t addr,
                         uint64_t fdp, uint64_t fip);
void helper_fwait(CPUX86State *env);
void helper_fldcw(CPUX86State *env, uint32_t cw);
void helper_fnclex(CPUX86State *env);
void helper_fninit(CPUX86State *env);
void helper_fnstenv(CPUX86State *env, uint64_t addr, uint32_t info);
void helper_fldenv(CPUX86State *env, uint64_t addr, uint32_t info);
/* The full tag word, non-empty tags computed from the registers. */
uint16_t x87_tag_word(const CPUX86State *env);

/* ---- int-helper.c ---------------------------------------------------- */

void helper_div(CPUX86State *env, uint64_t divisor, uint32_t size);
void helper_idiv(CPUX86State *env, uint64_t divisor, uint32_t size);
/* RCL/RCR: the result, and the new EFLAGS, from the old EFLAGS. */
uint64_t helper_rcl(uint64_t val, uint64_t count, uint64_t flags,
                    uint32_t size);
uint64_t helper_rcr(uint64_t val, uint64_t count, uint64_t flags,
                    uint32_t size);
uint64_t helper_rcl_flags(uint64_t val, uint64_t count, uint64_t flags,
                          uint32_t size);
uint64_t helper_rcr_flags(uint64_t val, uint64_t count, uint64_t flags,
                          uint32_t size);
void helper_daa(CPUX86State *env);
void helper_das(CPUX86State *env);
void helper_aaa(CPUX86State *env);
void helper_aas(CPUX86State *env);
void helper_aam(CPUX86State *env, uint32_t base);
void helper_aad(CPUX86State *env, uint32_t base);
uint64_t helper_popcnt(uint64_t v);
/* #GP(0)/#SS(0) (@vector) unless @addr is canonical (48-bit). */
void helper_check_canonical(CPUX86State *env, uint64_t addr,
                            uint32_t vector);
void helper_write_eflags(CPUX86State *env, uint64_t val, uint32_t size);
void helper_cmpxchg8b(CPUX86State *env, uint64_t addr, uint32_t mmu_idx);
void helper_cmpxchg16b(CPUX86State *env, uint64_t addr, uint32_t mmu_idx);
G_NORETURN void helper_raise_exception_err(CPUX86State *env,
                                           uint32_t vector, uint32_t err);

#endif
