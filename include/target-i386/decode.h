/* SPDX-License-Identifier: MIT */
/*
 * The x86 instruction decoder: bytes in, an X86Insn out. It is pure data
 * and decoding, shared by the TCG translator, logs and tests; it knows no
 * CPU state beyond the mode (16-, 32- or 64-bit code) and the CPUID
 * features the caller says the guest has. The opcode maps live in one
 * table file each (decode-onebyte.c, decode-0f.c); decode.c is the engine
 * (prefixes, ModRM/SIB, displacements, immediates, legality) and the
 * Intel-syntax printer. docs/devel/decoder.md explains how to add a row.
 */
#ifndef TARGET_I386_DECODE_H
#define TARGET_I386_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum X86Mode {
    X86_MODE_16,
    X86_MODE_32,
    X86_MODE_64,
} X86Mode;

typedef enum X86Status {
    X86_DECODE_OK,
    X86_DECODE_UD,      /* invalid opcode: the CPU raises #UD */
    X86_DECODE_GP,      /* longer than 15 bytes: the CPU raises #GP(0) */
    X86_DECODE_SHORT,   /* the bytes ran out first: fetch more, retry */
    X86_DECODE_UNIMPL,  /* a slot the decoder does not handle yet */
} X86Status;

/*
 * CPUID features that gate instructions. A caller passes a mask of
 * X86_FEATURE_BIT(x); X86_FEATURES_ALL accepts everything the decoder knows.
 */
typedef enum X86Feature {
    X86_FEAT_NONE,
    X86_FEAT_CMOV,
    X86_FEAT_CX8,
    X86_FEAT_CX16,
    X86_FEAT_POPCNT,
    X86_FEAT_LZCNT,     /* AMD ABM */
    X86_FEAT_BMI1,      /* TZCNT */
    X86_FEAT_RDTSCP,
    X86_FEAT_SYSCALL,
    X86_FEAT_SEP,       /* SYSENTER/SYSEXIT */
    X86_FEAT_CLFLUSH,
    X86_FEAT_CLFLUSHOPT,
    X86_FEAT_SSE,       /* SFENCE, PREFETCHh, LDMXCSR/STMXCSR */
    X86_FEAT_SSE2,      /* LFENCE, MFENCE, MOVNTI */
    X86_FEAT_FXSR,
    X86_FEAT_XSAVE,
    X86_FEAT_XSAVEOPT,
    X86_FEAT_MONITOR,
    X86_FEAT_SMAP,      /* CLAC/STAC */
    X86_FEAT_RDRAND,
    X86_FEAT_RDSEED,
    X86_FEAT_RDPID,
    X86_FEAT_FSGSBASE,
    X86_FEAT_LAHF64,    /* LAHF/SAHF in 64-bit mode */
    X86_FEAT_PREFETCHW,
    X86_FEAT_RTM,
    X86_FEAT_MMX,
    X86_FEAT_SSE3,
    X86_FEAT_SSSE3,
    X86_FEAT_SSE41,
    X86_FEAT_SSE42,
    X86_FEAT_MOVBE,
    X86_FEAT_PCLMULQDQ,
    X86_FEAT_AES,
    /*
     * Not a CPUID bit but the vendor's decoding: in 64-bit mode AMD
     * honours 66 on near branches (rel16, 16-bit IP), which Intel ignores,
     * and has no m16:64 far pointers (REX.W on LSS or JMP far still loads
     * m16:32), which Intel has.
     */
    X86_FEAT_AMD_DECODE,
    X86_FEAT_NR,
} X86Feature;

#define X86_FEATURE_BIT(f)  (1ull << (f))
/* Every feature, with Intel's decoding. */
#define X86_FEATURES_ALL \
    ((X86_FEATURE_BIT(X86_FEAT_NR) - 1) & \
     ~X86_FEATURE_BIT(X86_FEAT_AMD_DECODE))

/*
 * Every mnemonic the decoder knows, with its Intel-syntax spelling.
 * Groups that a row picks by size or condition are consecutive: the W/D/Q
 * forms of string instructions and CBW/CWDE/CDQE, and the sixteen
 * conditions of Jcc, SETcc and CMOVcc in the order of their tttn code.
 */
#define X86_CC_LIST(X, P, p)                                                 \
    X(P##O, p "o")   X(P##NO, p "no") X(P##B, p "b")   X(P##AE, p "ae")     \
    X(P##E, p "e")   X(P##NE, p "ne") X(P##BE, p "be") X(P##A, p "a")       \
    X(P##S, p "s")   X(P##NS, p "ns") X(P##P, p "p")   X(P##NP, p "np")     \
    X(P##L, p "l")   X(P##GE, p "ge") X(P##LE, p "le") X(P##G, p "g")

/*
 * x87 (target-i386/decode-x87.c). The arithmetic families keep the order
 * of ModRM.reg in D8/DA (ADD MUL COM COMP SUB SUBR DIV DIVR) and the
 * FCMOVcc conditions that of DA/DB /0-/3.
 */
#define X86_X87_MNEMONIC_LIST(X)                                             \
    X(FADD, "fadd") X(FMUL, "fmul") X(FCOM, "fcom") X(FCOMP, "fcomp")        \
    X(FSUB, "fsub") X(FSUBR, "fsubr") X(FDIV, "fdiv") X(FDIVR, "fdivr")      \
    X(FIADD, "fiadd") X(FIMUL, "fimul") X(FICOM, "ficom")                    \
    X(FICOMP, "ficomp") X(FISUB, "fisub") X(FISUBR, "fisubr")                \
    X(FIDIV, "fidiv") X(FIDIVR, "fidivr")                                    \
    X(FADDP, "faddp") X(FMULP, "fmulp") X(FSUBP, "fsubp")                    \
    X(FSUBRP, "fsubrp") X(FDIVP, "fdivp") X(FDIVRP, "fdivrp")                \
    X(FCOMPP, "fcompp") X(FUCOM, "fucom") X(FUCOMP, "fucomp")                \
    X(FUCOMPP, "fucompp") X(FCOMI, "fcomi") X(FCOMIP, "fcomip")              \
    X(FUCOMI, "fucomi") X(FUCOMIP, "fucomip") X(FTST, "ftst")                \
    X(FXAM, "fxam")                                                          \
    X(FLD, "fld") X(FILD, "fild") X(FBLD, "fbld")                            \
    X(FLD1, "fld1") X(FLDL2T, "fldl2t") X(FLDL2E, "fldl2e")                  \
    X(FLDPI, "fldpi") X(FLDLG2, "fldlg2") X(FLDLN2, "fldln2")                \
    X(FLDZ, "fldz")                                                          \
    X(FST, "fst") X(FSTP, "fstp") X(FIST, "fist") X(FISTP, "fistp")          \
    X(FISTTP, "fisttp") X(FBSTP, "fbstp")                                    \
    X(FXCH, "fxch") X(FNOP, "fnop") X(FCHS, "fchs") X(FABS, "fabs")          \
    X(FFREE, "ffree") X(FFREEP, "ffreep")                                    \
    X(FDECSTP, "fdecstp") X(FINCSTP, "fincstp")                              \
    X(F2XM1, "f2xm1") X(FYL2X, "fyl2x") X(FPTAN, "fptan")                    \
    X(FPATAN, "fpatan") X(FXTRACT, "fxtract") X(FPREM1, "fprem1")            \
    X(FPREM, "fprem") X(FYL2XP1, "fyl2xp1") X(FSQRT, "fsqrt")                \
    X(FSINCOS, "fsincos") X(FRNDINT, "frndint") X(FSCALE, "fscale")          \
    X(FSIN, "fsin") X(FCOS, "fcos")                                          \
    X(FCMOVB, "fcmovb") X(FCMOVE, "fcmove") X(FCMOVBE, "fcmovbe")            \
    X(FCMOVU, "fcmovu") X(FCMOVNB, "fcmovnb") X(FCMOVNE, "fcmovne")          \
    X(FCMOVNBE, "fcmovnbe") X(FCMOVNU, "fcmovnu")                            \
    X(FLDCW, "fldcw") X(FNSTCW, "fnstcw") X(FNSTSW, "fnstsw")                \
    X(FLDENV, "fldenv") X(FNSTENV, "fnstenv") X(FRSTOR, "frstor")            \
    X(FNSAVE, "fnsave") X(FNCLEX, "fnclex") X(FNINIT, "fninit")              \
    X(FNENI, "fneni") X(FNDISI, "fndisi") X(FNSETPM, "fnsetpm")

#define X86_MNEMONIC_LIST(X)                                                 \
    X(INVALID, "(bad)")                                                      \
    X(ADD, "add") X(OR, "or") X(ADC, "adc") X(SBB, "sbb")                    \
    X(AND, "and") X(SUB, "sub") X(XOR, "xor") X(CMP, "cmp")                  \
    X(ROL, "rol") X(ROR, "ror") X(RCL, "rcl") X(RCR, "rcr")                  \
    X(SHL, "shl") X(SHR, "shr") X(SAL, "sal") X(SAR, "sar")                  \
    X(TEST, "test") X(NOT, "not") X(NEG, "neg") X(MUL, "mul")                \
    X(IMUL, "imul") X(DIV, "div") X(IDIV, "idiv")                            \
    X(INC, "inc") X(DEC, "dec") X(CALL, "call") X(CALLF, "call far")         \
    X(JMP, "jmp") X(JMPF, "jmp far") X(PUSH, "push") X(POP, "pop")           \
    X(PUSHA, "pusha") X(PUSHAD, "pushad") X(POPA, "popa") X(POPAD, "popad")  \
    X(BOUND, "bound") X(ARPL, "arpl") X(MOVSXD, "movsxd")                    \
    X(DAA, "daa") X(DAS, "das") X(AAA, "aaa") X(AAS, "aas")                  \
    X(AAM, "aam") X(AAD, "aad") X(SALC, "salc") X(XLAT, "xlatb")             \
    X(INSB, "insb") X(INSW, "insw") X(INSD, "insd")                          \
    X(OUTSB, "outsb") X(OUTSW, "outsw") X(OUTSD, "outsd")                    \
    X86_CC_LIST(X, J, "j")                                                   \
    X(XCHG, "xchg") X(MOV, "mov") X(LEA, "lea") X(NOP, "nop")                \
    X(PAUSE, "pause")                                                        \
    X(CBW, "cbw") X(CWDE, "cwde") X(CDQE, "cdqe")                            \
    X(CWD, "cwd") X(CDQ, "cdq") X(CQO, "cqo") X(FWAIT, "wait")               \
    X(PUSHF, "pushf") X(PUSHFD, "pushfd") X(PUSHFQ, "pushfq")                \
    X(POPF, "popf") X(POPFD, "popfd") X(POPFQ, "popfq")                      \
    X(SAHF, "sahf") X(LAHF, "lahf")                                          \
    X(MOVSB, "movsb") X(MOVSW, "movsw") X(MOVSD, "movsd") X(MOVSQ, "movsq")  \
    X(CMPSB, "cmpsb") X(CMPSW, "cmpsw") X(CMPSD, "cmpsd") X(CMPSQ, "cmpsq")  \
    X(STOSB, "stosb") X(STOSW, "stosw") X(STOSD, "stosd") X(STOSQ, "stosq")  \
    X(LODSB, "lodsb") X(LODSW, "lodsw") X(LODSD, "lodsd") X(LODSQ, "lodsq")  \
    X(SCASB, "scasb") X(SCASW, "scasw") X(SCASD, "scasd") X(SCASQ, "scasq")  \
    X(RET, "ret") X(RETF, "retf") X(LES, "les") X(LDS, "lds")                \
    X(ENTER, "enter") X(LEAVE, "leave") X(INT3, "int3") X(INT, "int")        \
    X(INTO, "into") X(INT1, "int1")                                          \
    X(IRET, "iret") X(IRETD, "iretd") X(IRETQ, "iretq")                      \
    X(LOOPNE, "loopne") X(LOOPE, "loope") X(LOOP, "loop")                    \
    X(JCXZ, "jcxz") X(JECXZ, "jecxz") X(JRCXZ, "jrcxz")                      \
    X(IN, "in") X(OUT, "out") X(HLT, "hlt") X(CMC, "cmc")                    \
    X(CLC, "clc") X(STC, "stc") X(CLI, "cli") X(STI, "sti")                  \
    X(CLD, "cld") X(STD, "std") X(XABORT, "xabort") X(XBEGIN, "xbegin")      \
    X(SLDT, "sldt") X(STR, "str") X(LLDT, "lldt") X(LTR, "ltr")              \
    X(VERR, "verr") X(VERW, "verw") X(SGDT, "sgdt") X(SIDT, "sidt")          \
    X(LGDT, "lgdt") X(LIDT, "lidt") X(SMSW, "smsw") X(LMSW, "lmsw")          \
    X(INVLPG, "invlpg") X(SWAPGS, "swapgs") X(RDTSCP, "rdtscp")              \
    X(MONITOR, "monitor") X(MWAIT, "mwait") X(CLAC, "clac") X(STAC, "stac")  \
    X(XGETBV, "xgetbv") X(XSETBV, "xsetbv") X(XEND, "xend")                  \
    X(XTEST, "xtest") X(LAR, "lar") X(LSL, "lsl")                            \
    X(SYSCALL, "syscall") X(CLTS, "clts") X(SYSRET, "sysret")                \
    X(INVD, "invd") X(WBINVD, "wbinvd") X(UD2, "ud2") X(UD1, "ud1")          \
    X(UD0, "ud0") X(PREFETCH, "prefetch") X(PREFETCHW, "prefetchw")          \
    X(PREFETCHNTA, "prefetchnta") X(PREFETCHT0, "prefetcht0")                \
    X(PREFETCHT1, "prefetcht1") X(PREFETCHT2, "prefetcht2")                  \
    X(WRMSR, "wrmsr") X(RDTSC, "rdtsc") X(RDMSR, "rdmsr") X(RDPMC, "rdpmc")  \
    X(SYSENTER, "sysenter") X(SYSEXIT, "sysexit")                            \
    X86_CC_LIST(X, CMOV, "cmov")                                             \
    X86_CC_LIST(X, SET, "set")                                               \
    X(CPUID, "cpuid") X(BT, "bt") X(BTS, "bts") X(BTR, "btr") X(BTC, "btc")  \
    X(SHLD, "shld") X(SHRD, "shrd") X(RSM, "rsm") X(CMPXCHG, "cmpxchg")      \
    X(LSS, "lss") X(LFS, "lfs") X(LGS, "lgs")                                \
    X(MOVZX, "movzx") X(MOVSX, "movsx") X(POPCNT, "popcnt")                  \
    X(TZCNT, "tzcnt") X(LZCNT, "lzcnt") X(BSF, "bsf") X(BSR, "bsr")          \
    X(XADD, "xadd") X(CMPXCHG8B, "cmpxchg8b") X(CMPXCHG16B, "cmpxchg16b")    \
    X(RDRAND, "rdrand") X(RDSEED, "rdseed") X(RDPID, "rdpid")                \
    X(BSWAP, "bswap") X(MOVNTI, "movnti")                                    \
    X86_X87_MNEMONIC_LIST(X)                                                 \
    X(FXSAVE, "fxsave") X(FXRSTOR, "fxrstor")                                \
    X(LDMXCSR, "ldmxcsr") X(STMXCSR, "stmxcsr")                              \
    X(XSAVE, "xsave") X(XRSTOR, "xrstor") X(XSAVEOPT, "xsaveopt")            \
    X(CLFLUSH, "clflush") X(CLFLUSHOPT, "clflushopt")                        \
    X(LFENCE, "lfence") X(MFENCE, "mfence") X(SFENCE, "sfence")              \
    X(RDFSBASE, "rdfsbase") X(RDGSBASE, "rdgsbase")                          \
    X(WRFSBASE, "wrfsbase") X(WRGSBASE, "wrgsbase")                          \
    X86_SSE_MNEMONIC_LIST(X)

/*
 * MMX, SSE-SSE4.2 (target-i386/decode-0f.c, decode-0f38.c, decode-0f3a.c).
 * X86_FIRST_SSE ... X86_LAST_SSE are the translator's translate-sse*.c.
 */
#define X86_SSE_MNEMONIC_LIST(X)                                             \
    X(EMMS, "emms") X(MOVD, "movd") X(MOVQ, "movq")                          \
    X(MOVUPS, "movups") X(MOVUPD, "movupd") X(MOVSS, "movss")                \
    X(MOVSD_X, "movsd") X(MOVAPS, "movaps") X(MOVAPD, "movapd")              \
    X(MOVDQA, "movdqa") X(MOVDQU, "movdqu") X(LDDQU, "lddqu")                \
    X(MOVNTPS, "movntps") X(MOVNTPD, "movntpd") X(MOVNTDQ, "movntdq")        \
    X(MOVNTQ, "movntq") X(MOVNTDQA, "movntdqa")                              \
    X(MOVLPS, "movlps") X(MOVLPD, "movlpd") X(MOVHPS, "movhps")              \
    X(MOVHPD, "movhpd") X(MOVHLPS, "movhlps") X(MOVLHPS, "movlhps")          \
    X(MOVSLDUP, "movsldup") X(MOVSHDUP, "movshdup") X(MOVDDUP, "movddup")    \
    X(MOVQ2DQ, "movq2dq") X(MOVDQ2Q, "movdq2q")                              \
    X(MASKMOVQ, "maskmovq") X(MASKMOVDQU, "maskmovdqu")                      \
    X(MOVMSKPS, "movmskps") X(MOVMSKPD, "movmskpd")                          \
    X(PMOVMSKB, "pmovmskb")                                                  \
    X(PINSRW, "pinsrw") X(PEXTRW, "pextrw")                                  \
    X(PINSRB, "pinsrb") X(PINSRD, "pinsrd") X(PINSRQ, "pinsrq")              \
    X(PEXTRB, "pextrb") X(PEXTRD, "pextrd") X(PEXTRQ, "pextrq")              \
    X(EXTRACTPS, "extractps") X(INSERTPS, "insertps")                        \
    X(PSHUFW, "pshufw") X(PSHUFD, "pshufd") X(PSHUFHW, "pshufhw")            \
    X(PSHUFLW, "pshuflw") X(SHUFPS, "shufps") X(SHUFPD, "shufpd")            \
    X(PALIGNR, "palignr") X(PBLENDW, "pblendw") X(BLENDPS, "blendps")        \
    X(BLENDPD, "blendpd") X(MPSADBW, "mpsadbw") X(DPPS, "dpps")              \
    X(DPPD, "dppd") X(ROUNDPS, "roundps") X(ROUNDPD, "roundpd")              \
    X(ROUNDSS, "roundss") X(ROUNDSD, "roundsd")                              \
    X(CMPPS, "cmpps") X(CMPPD, "cmppd") X(CMPSS, "cmpss") X(CMPSD_X, "cmpsd") \
    X(PCMPESTRM, "pcmpestrm") X(PCMPESTRI, "pcmpestri")                      \
    X(PCMPISTRM, "pcmpistrm") X(PCMPISTRI, "pcmpistri")                      \
    X(PSRLW_I, "psrlw") X(PSRAW_I, "psraw") X(PSLLW_I, "psllw")              \
    X(PSRLD_I, "psrld") X(PSRAD_I, "psrad") X(PSLLD_I, "pslld")              \
    X(PSRLQ_I, "psrlq") X(PSLLQ_I, "psllq")                                  \
    X(PSRLDQ, "psrldq") X(PSLLDQ, "pslldq")                                  \
    X(COMISS, "comiss") X(UCOMISS, "ucomiss") X(COMISD, "comisd")            \
    X(UCOMISD, "ucomisd") X(PTEST, "ptest")                                  \
    X(CVTSI2SS, "cvtsi2ss") X(CVTSI2SD, "cvtsi2sd")                          \
    X(CVTSS2SI, "cvtss2si") X(CVTSD2SI, "cvtsd2si")                          \
    X(CVTTSS2SI, "cvttss2si") X(CVTTSD2SI, "cvttsd2si")                      \
    X(CVTPI2PS, "cvtpi2ps") X(CVTPI2PD, "cvtpi2pd")                          \
    X(CVTPS2PI, "cvtps2pi") X(CVTPD2PI, "cvtpd2pi")                          \
    X(CVTTPS2PI, "cvttps2pi") X(CVTTPD2PI, "cvttpd2pi")                      \
    X(CRC32, "crc32") X(MOVBE, "movbe")                                      \
    X(PCLMULQDQ, "pclmulqdq") X(AESIMC, "aesimc")                            \
    X(AESENC, "aesenc") X(AESENCLAST, "aesenclast")                          \
    X(AESDEC, "aesdec") X(AESDECLAST, "aesdeclast")                          \
    X(AESKEYGENASSIST, "aeskeygenassist")                                    \
    X86_SSE_BINOP_LIST(X)

/*
 * The two-operand vector operations (op1 = op1 OP op2) that the
 * translator hands to one helper: the integer ones run on MMX or XMM
 * registers, the floating-point ones (from ADDPS on) touch MXCSR.
 */
#define X86_SSE_BINOP_LIST(X)                                                \
    X(PADDB, "paddb") X(PADDW, "paddw") X(PADDD, "paddd") X(PADDQ, "paddq")  \
    X(PSUBB, "psubb") X(PSUBW, "psubw") X(PSUBD, "psubd") X(PSUBQ, "psubq")  \
    X(PADDSB, "paddsb") X(PADDSW, "paddsw") X(PADDUSB, "paddusb")            \
    X(PADDUSW, "paddusw") X(PSUBSB, "psubsb") X(PSUBSW, "psubsw")            \
    X(PSUBUSB, "psubusb") X(PSUBUSW, "psubusw")                              \
    X(PMULLW, "pmullw") X(PMULHW, "pmulhw") X(PMULHUW, "pmulhuw")            \
    X(PMULUDQ, "pmuludq") X(PMADDWD, "pmaddwd") X(PSADBW, "psadbw")          \
    X(PAVGB, "pavgb") X(PAVGW, "pavgw")                                      \
    X(PMINUB, "pminub") X(PMAXUB, "pmaxub") X(PMINSW, "pminsw")              \
    X(PMAXSW, "pmaxsw")                                                      \
    X(PCMPEQB, "pcmpeqb") X(PCMPEQW, "pcmpeqw") X(PCMPEQD, "pcmpeqd")        \
    X(PCMPGTB, "pcmpgtb") X(PCMPGTW, "pcmpgtw") X(PCMPGTD, "pcmpgtd")        \
    X(PAND, "pand") X(PANDN, "pandn") X(POR, "por") X(PXOR, "pxor")          \
    X(PSRLW, "psrlw") X(PSRAW, "psraw") X(PSLLW, "psllw")                    \
    X(PSRLD, "psrld") X(PSRAD, "psrad") X(PSLLD, "pslld")                    \
    X(PSRLQ, "psrlq") X(PSLLQ, "psllq")                                      \
    X(PACKSSWB, "packsswb") X(PACKSSDW, "packssdw") X(PACKUSWB, "packuswb")  \
    X(PUNPCKLBW, "punpcklbw") X(PUNPCKLWD, "punpcklwd")                      \
    X(PUNPCKLDQ, "punpckldq") X(PUNPCKHBW, "punpckhbw")                      \
    X(PUNPCKHWD, "punpckhwd") X(PUNPCKHDQ, "punpckhdq")                      \
    X(PUNPCKLQDQ, "punpcklqdq") X(PUNPCKHQDQ, "punpckhqdq")                  \
    X(PSHUFB, "pshufb") X(PHADDW, "phaddw") X(PHADDD, "phaddd")              \
    X(PHADDSW, "phaddsw") X(PMADDUBSW, "pmaddubsw") X(PHSUBW, "phsubw")      \
    X(PHSUBD, "phsubd") X(PHSUBSW, "phsubsw") X(PSIGNB, "psignb")            \
    X(PSIGNW, "psignw") X(PSIGND, "psignd") X(PMULHRSW, "pmulhrsw")          \
    X(PABSB, "pabsb") X(PABSW, "pabsw") X(PABSD, "pabsd")                    \
    X(PBLENDVB, "pblendvb") X(PMOVSXBW, "pmovsxbw") X(PMOVSXBD, "pmovsxbd")  \
    X(PMOVSXBQ, "pmovsxbq") X(PMOVSXWD, "pmovsxwd") X(PMOVSXWQ, "pmovsxwq")  \
    X(PMOVSXDQ, "pmovsxdq") X(PMOVZXBW, "pmovzxbw") X(PMOVZXBD, "pmovzxbd")  \
    X(PMOVZXBQ, "pmovzxbq") X(PMOVZXWD, "pmovzxwd") X(PMOVZXWQ, "pmovzxwq")  \
    X(PMOVZXDQ, "pmovzxdq") X(PMULDQ, "pmuldq") X(PCMPEQQ, "pcmpeqq")        \
    X(PACKUSDW, "packusdw") X(PCMPGTQ, "pcmpgtq") X(PMINSB, "pminsb")        \
    X(PMINSD, "pminsd") X(PMINUW, "pminuw") X(PMINUD, "pminud")              \
    X(PMAXSB, "pmaxsb") X(PMAXSD, "pmaxsd") X(PMAXUW, "pmaxuw")              \
    X(PMAXUD, "pmaxud") X(PMULLD, "pmulld") X(PHMINPOSUW, "phminposuw")      \
    X(BLENDVPS, "blendvps") X(BLENDVPD, "blendvpd")                          \
    X(ANDPS, "andps") X(ANDPD, "andpd") X(ANDNPS, "andnps")                  \
    X(ANDNPD, "andnpd") X(ORPS, "orps") X(ORPD, "orpd") X(XORPS, "xorps")    \
    X(XORPD, "xorpd") X(UNPCKLPS, "unpcklps") X(UNPCKLPD, "unpcklpd")        \
    X(UNPCKHPS, "unpckhps") X(UNPCKHPD, "unpckhpd")                          \
    X(ADDPS, "addps") X(ADDPD, "addpd") X(ADDSS, "addss") X(ADDSD, "addsd")  \
    X(SUBPS, "subps") X(SUBPD, "subpd") X(SUBSS, "subss") X(SUBSD, "subsd")  \
    X(MULPS, "mulps") X(MULPD, "mulpd") X(MULSS, "mulss") X(MULSD, "mulsd")  \
    X(DIVPS, "divps") X(DIVPD, "divpd") X(DIVSS, "divss") X(DIVSD, "divsd")  \
    X(MINPS, "minps") X(MINPD, "minpd") X(MINSS, "minss") X(MINSD, "minsd")  \
    X(MAXPS, "maxps") X(MAXPD, "maxpd") X(MAXSS, "maxss") X(MAXSD, "maxsd")  \
    X(SQRTPS, "sqrtps") X(SQRTPD, "sqrtpd") X(SQRTSS, "sqrtss")              \
    X(SQRTSD, "sqrtsd") X(RSQRTPS, "rsqrtps") X(RSQRTSS, "rsqrtss")          \
    X(RCPPS, "rcpps") X(RCPSS, "rcpss")                                      \
    X(ADDSUBPS, "addsubps") X(ADDSUBPD, "addsubpd") X(HADDPS, "haddps")      \
    X(HADDPD, "haddpd") X(HSUBPS, "hsubps") X(HSUBPD, "hsubpd")              \
    X(CVTPS2PD, "cvtps2pd") X(CVTPD2PS, "cvtpd2ps") X(CVTSS2SD, "cvtss2sd")  \
    X(CVTSD2SS, "cvtsd2ss") X(CVTDQ2PS, "cvtdq2ps") X(CVTPS2DQ, "cvtps2dq")  \
    X(CVTTPS2DQ, "cvttps2dq") X(CVTDQ2PD, "cvtdq2pd")                        \
    X(CVTPD2DQ, "cvtpd2dq") X(CVTTPD2DQ, "cvttpd2dq")                        \

#define X86_MNEMONIC_ENUM(name, str) X86_##name,
typedef enum X86Mnemonic {
    X86_MNEMONIC_LIST(X86_MNEMONIC_ENUM)
    X86_NR_MNEMONICS,
    X86_FIRST_SSE = X86_EMMS,
    X86_LAST_SSE = X86_NR_MNEMONICS - 1,
    X86_FIRST_SSE_FP = X86_ADDPS,   /* these binops touch MXCSR */
    X86_LAST_SSE_FP = X86_CVTTPD2DQ,
} X86Mnemonic;
#undef X86_MNEMONIC_ENUM

/* Registers: GPRs in hardware numbering (REX extends to 15). */
enum {
    X86_GPR_RAX, X86_GPR_RCX, X86_GPR_RDX, X86_GPR_RBX,
    X86_GPR_RSP, X86_GPR_RBP, X86_GPR_RSI, X86_GPR_RDI,
    X86_GPR_RIP = 16,
    X86_GPR_NONE = 0xff,
};

/* Segment registers in the encoding of the Sreg field. */
enum {
    X86_SEG_ES, X86_SEG_CS, X86_SEG_SS, X86_SEG_DS, X86_SEG_FS, X86_SEG_GS,
    X86_SEG_NONE = 0xff,
};

typedef enum X86RegClass {
    X86_RC_GPR,         /* by size: AL/AX/EAX/RAX ... R15B/R15W/R15D/R15 */
    X86_RC_GPR8_HIGH,   /* AH, CH, DH, BH as 0-3 (no REX present) */
    X86_RC_SEG,
    X86_RC_CR,
    X86_RC_DR,
    X86_RC_ST,          /* x87 ST(0)-ST(7), relative to TOP */
    X86_RC_MMX,         /* MM0-MM7 */
    X86_RC_XMM,         /* XMM0-XMM15 */
} X86RegClass;

typedef enum X86OperandKind {
    X86_OPK_NONE,
    X86_OPK_REG,
    X86_OPK_MEM,
    X86_OPK_IMM,
    X86_OPK_REL,        /* imm is the displacement from the next insn */
    X86_OPK_FAR,        /* sel:imm, a direct far pointer */
} X86OperandKind;

/* A memory address: seg:[base + index * scale + disp]. */
typedef struct X86Mem {
    uint8_t seg;        /* effective segment, override applied */
    uint8_t base;       /* GPR, X86_GPR_RIP or X86_GPR_NONE */
    uint8_t index;      /* GPR or X86_GPR_NONE */
    uint8_t scale;      /* 1, 2, 4 or 8 */
    uint8_t addr_size;  /* 2, 4 or 8 bytes */
    int64_t disp;       /* sign-extended; RIP-relative: from the next insn */
} X86Mem;

typedef struct X86Operand {
    uint8_t kind;       /* X86OperandKind */
    uint8_t size;       /* bytes; 0 for memory of no fixed size (LEA) */
    uint8_t reg_class;  /* X86RegClass, for X86_OPK_REG */
    uint8_t reg;
    uint16_t sel;       /* X86_OPK_FAR */
    int64_t imm;        /* IMM, REL, FAR: sign-extended from its encoding */
    X86Mem mem;         /* X86_OPK_MEM */
} X86Operand;

/* Prefixes present (legacy ones in any order, REX only if in effect). */
enum {
    X86_PFX_LOCK   = 1 << 0,
    X86_PFX_REPZ   = 1 << 1,    /* F3 */
    X86_PFX_REPNZ  = 1 << 2,    /* F2 */
    X86_PFX_OPSIZE = 1 << 3,    /* 66 */
    X86_PFX_ADSIZE = 1 << 4,    /* 67 */
    X86_PFX_SEG    = 1 << 5,    /* a segment override; see seg_override */
    X86_PFX_REX    = 1 << 6,
};

/* The map an opcode came from. */
typedef enum X86Map {
    X86_MAP_ONEBYTE,
    X86_MAP_0F,
    X86_MAP_0F38,
    X86_MAP_0F3A,
} X86Map;

/* Row flags, carried out to the translator in X86Insn.flags. */
enum {
    X86_F_LOCK     = 1 << 0,    /* LOCK allowed (with a memory destination) */
    X86_F_INV64    = 1 << 1,    /* #UD in 64-bit mode */
    X86_F_ONLY64   = 1 << 2,    /* #UD outside 64-bit mode */
    X86_F_DEF64    = 1 << 3,    /* 64-bit mode: operand size 64 unless 66 */
    X86_F_FORCE64  = 1 << 4,    /* 64-bit mode: operand size 64, 66 ignored */
    X86_F_REP      = 1 << 5,    /* F3 (or F2) means REP */
    X86_F_REPC     = 1 << 6,    /* F3/F2 mean REPE/REPNE */
    X86_F_NAME_OSZ = 1 << 7,    /* mnemonic + 0/1/2 for 16/32/64-bit size */
    X86_F_NAME_ASZ = 1 << 8,    /* mnemonic + 0/1/2 by address size */
    X86_F_NAME_WD  = 1 << 9,    /* as NAME_OSZ but no 64-bit form */
    X86_F_MODRM    = 1 << 10,   /* has ModRM though no operand names it */
    X86_F_OSZ_MODE = 1 << 11,   /* operand size 8 in 64-bit mode, else 4 */
    X86_F_BRANCH   = 1 << 12,   /* transfers control */
    X86_F_IMM8     = 1 << 13,   /* not-yet row that still has an imm8 */
    X86_F_VEX      = 1 << 14,   /* not-yet row: a VEX or EVEX prefix */
};

#define X86_MAX_INSN_LEN 15
#define X86_MAX_OPERANDS 4

typedef struct X86Insn {
    uint16_t mnemonic;      /* X86Mnemonic */
    uint8_t length;         /* bytes consumed; for UNIMPL the whole
                               instruction's if flags has X86_F_MODRM */
    uint8_t mode;           /* X86Mode */
    uint8_t map;            /* X86Map */
    uint8_t opcode;         /* last opcode byte */
    uint8_t nops;
    uint8_t osize;          /* effective operand size: 2, 4 or 8 */
    uint8_t asize;          /* effective address size: 2, 4 or 8 */
    uint8_t rex;            /* the REX byte in effect, 0 if none */
    uint8_t rep;            /* last of F2/F3: X86_PFX_REPZ/REPNZ, or 0 */
    uint8_t seg_override;   /* last segment prefix, or X86_SEG_NONE */
    uint8_t modrm;
    uint8_t sib;
    bool has_modrm;
    bool has_sib;
    uint8_t feature;        /* X86Feature gating the row, if any */
    uint32_t prefixes;      /* X86_PFX_* */
    uint32_t flags;         /* X86_F_* of the row */
    X86Operand op[X86_MAX_OPERANDS];
    const char *why;        /* for a status other than OK: the reason */
} X86Insn;

/**
 * x86_decode: decode one instruction from @code (@avail bytes readable)
 * in @mode, accepting only instructions whose CPUID feature is in
 * @features. Fills @insn and returns its status; insn->why says why an
 * instruction was refused.
 */
X86Status x86_decode(X86Insn *insn, const uint8_t *code, size_t avail,
                     X86Mode mode, uint64_t features);

/** x86_mnemonic_name: the Intel-syntax spelling, e.g. "cmovne". */
const char *x86_mnemonic_name(X86Mnemonic m);

/** x86_status_name: "ok", "#UD", "#GP", "short" or "unimplemented". */
const char *x86_status_name(X86Status st);

/**
 * x86_insn_format: print @insn in Intel syntax into @buf (@size bytes,
 * always NUL-terminated) as if it sat at address @pc, which only affects
 * branch targets. Returns the length the whole text needs.
 */
size_t x86_insn_format(const X86Insn *insn, uint64_t pc, char *buf,
                       size_t size);

/** x86_reg_name: the name of a register of @size bytes (GPRs only). */
const char *x86_reg_name(X86RegClass rc, unsigned reg, unsigned size);

#endif
