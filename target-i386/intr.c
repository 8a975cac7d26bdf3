/* SPDX-License-Identifier: MIT */
/*
 * Interrupt and exception delivery under TCG (x86_do_interrupt) in real
 * mode (SDM Vol. 3A, 20.1.4), protected and virtual-8086 mode (6.12, 20.3)
 * and IA-32e mode (6.14); taking external interrupts, NMI, INIT and SIPI
 * (x86_exec_interrupt, x86_has_work). Delivery reads the gate and pushes
 * the frame first and changes registers only once nothing can fault, so
 * a fault during delivery leaves the interrupted state for the next
 * event (excp.c combines them into #DF or a shutdown).
 * Task gates are not modelled: delivering through one raises #GP.
 */
#include "target-i386/seg.h"
#include "util/log.h"

/* An interrupted context, and where delivery is going. */
typedef struct Event {
    int vector;
    bool is_int;                /* INT n / INT3 / INTO: DPL check, no EXT */
    bool has_err;
    uint32_t err;
    uint32_t ext;               /* EXT bit of error codes raised here */
    uint64_t ret_ip;            /* the return address pushed */
    uint64_t rf;                /* EFLAGS.RF for the pushed image */
} Event;

/*
 * SDM Vol. 3A, 17.3.1.1: the EFLAGS image of a fault-class exception has
 * RF set (instruction-breakpoint #DB aside, which the translator raises
 * as a trap here), so the IRET back does not refault on a breakpoint.
 */
static bool vector_is_fault(int vector)
{
    switch (vector) {
    case EXCP00_DIVZ: case EXCP05_BOUND: case EXCP06_ILLOP:
    case EXCP07_PREX: case EXCP0A_TSS: case EXCP0B_NOSEG:
    case EXCP0C_STACK: case EXCP0D_GPF: case EXCP0E_PAGE:
    case EXCP10_COPR: case EXCP11_ALGN: case EXCP13_XMM: case 20: case 21:
        return true;
    default:
        return false;
    }
}

/* SDM Vol. 3A, Table 6-1: the exceptions that push an error code. */
static bool vector_has_error_code(int vector)
{
    return vector == EXCP08_DBLE || (vector >= EXCP0A_TSS &&
           vector <= EXCP0E_PAGE) || vector == EXCP11_ALGN || vector == 21;
}

static void deliver_real(CPUX86State *env, const Event *ev)
{
    uint64_t eflags = x86_eflags_get(env) | ev->rf;
    uint64_t addr = env->idt.base + ev->vector * 4;
    int mmu = x86_mmu_sys(env);
    uint32_t ip, cs;
    X86Stack s;

    if (ev->vector * 4 + 3 > env->idt.limit) {
        x86_raise_exception_err(env, EXCP0D_GPF, ev->vector * 8 + 2);
    }
    ip = cpu_ld_mmu(env->cpu, addr, MO_16, mmu, 0);
    cs = cpu_ld_mmu(env->cpu, addr + 2, MO_16, mmu, 0);
    x86_stack_init(&s, env, env->segs[R_SS].base, 0xffff,
                   env->regs[R_ESP], 0, 0);
    x86_push(&s, eflags, 2);
    x86_push(&s, env->segs[R_CS].selector, 2);
    x86_push(&s, ev->ret_ip, 2);
    x86_stack_commit(&s);
    env->eflags &= ~(uint64_t)(EFLAGS_IF | EFLAGS_TF | EFLAGS_AC | EFLAGS_RF);
    x86_load_seg_real(env, R_CS, cs);
    env->rip = ip;
}

/* Read the IDT gate; check type, DPL (software INT) and P. */
static void read_gate(CPUX86State *env, const Event *ev, bool lma,
                      uint32_t g[4])
{
    unsigned size = lma ? 16 : 8;
    uint32_t idt_err = ev->vector * 8 + 2 + ev->ext;
    uint64_t addr = env->idt.base + ev->vector * size;
    unsigned type, dpl;

    if (ev->vector * size + size - 1 > env->idt.limit) {
        x86_raise_exception_err(env, EXCP0D_GPF, idt_err);
    }
    for (unsigned i = 0; i < size / 4; i++) {
        g[i] = cpu_ld_mmu(env->cpu, lma ? addr + i * 4 : (uint32_t)(addr +
                          i * 4), MO_32, x86_mmu_sys(env), 0);
    }
    type = (g[1] >> 8) & 0x1f;              /* S and type */
    dpl = (g[1] >> 13) & 3;
    if (lma ? (type != DESC_INT32 && type != DESC_TRAP32)
            : (type != DESC_TASK && type != DESC_INT16 &&
               type != DESC_TRAP16 && type != DESC_INT32 &&
               type != DESC_TRAP32)) {
        x86_raise_exception_err(env, EXCP0D_GPF, idt_err);
    }
    if (ev->is_int && dpl < x86_cpl(env)) {
        x86_raise_exception_err(env, EXCP0D_GPF, ev->vector * 8 + 2);
    }
    if (!(g[1] & (1u << 15))) {
        x86_raise_exception_err(env, EXCP0B_NOSEG, idt_err);
    }
    if (type == DESC_TASK) {
        log_mask_printf(LOG_UNIMP, "task gate for vector %d\n", ev->vector);
        x86_raise_exception_err(env, EXCP0D_GPF, idt_err);
    }
}

/* The gate's code segment: checked, its descriptor in @lo/@hi. */
static void gate_target(CPUX86State *env, const Event *ev, uint32_t sel,
                        uint32_t *lo, uint32_t *hi)
{
    int fault;

    if (!(sel & ~3u)) {
        x86_raise_exception_err(env, EXCP0D_GPF, ev->ext);
    }
    if (!x86_read_desc(env, sel, lo, hi, 0)) {
        x86_raise_exception_err(env, EXCP0D_GPF, (sel & 0xfffc) + ev->ext);
    }
    fault = desc_check_gate_target(desc_attr(*hi), x86_cpl(env));
    if (fault) {
        x86_raise_exception_err(env, fault, (sel & 0xfffc) + ev->ext);
    }
}

/* Load CS for a gate transfer at @cpl and clear the flags (SDM 6.12.1.3). */
static void gate_commit(CPUX86State *env, uint32_t sel, uint32_t lo,
                        uint32_t hi, unsigned cpl, bool int_gate,
                        uint64_t ip)
{
    uint64_t clear = EFLAGS_TF | EFLAGS_VM | EFLAGS_RF | EFLAGS_NT;

    if (int_gate) {
        clear |= EFLAGS_IF;
    }
    env->eflags &= ~clear;
    desc_to_cache(&env->segs[R_CS], (sel & 0xfffc) | cpl, lo,
                  hi | (DESC_A << 8));
    env->rip = ip;
}

static void deliver_prot(CPUX86State *env, const Event *ev)
{
    uint64_t eflags = x86_eflags_get(env);
    bool vm86 = (eflags & EFLAGS_VM) != 0;
    unsigned cpl = x86_cpl(env), dpl, size;
    uint32_t g[4], sel, lo, hi, ss = 0, slo = 0, shi = 0;
    uint64_t ip, sp;
    bool inner;
    X86Stack s;

    /* SDM Vol. 3A, 20.3.3: INT n in virtual-8086 mode needs IOPL 3;
     * INT3 and INTO do not (vectors 3 and 4 stand for them here). */
    if (ev->is_int && vm86 && (eflags & EFLAGS_IOPL) != EFLAGS_IOPL &&
        ev->vector != EXCP03_INT3 && ev->vector != EXCP04_INTO) {
        x86_raise_exception_err(env, EXCP0D_GPF, 0);
    }
    read_gate(env, ev, false, g);
    sel = g[0] >> 16;
    size = (g[1] & (8u << 8)) ? 4 : 2;
    ip = size == 4 ? (g[0] & 0xffff) | (g[1] & 0xffff0000) : g[0] & 0xffff;
    gate_target(env, ev, sel, &lo, &hi);
    dpl = attr_dpl(desc_attr(hi));
    inner = !attr_is_conforming(desc_attr(hi)) && dpl < cpl;
    if (vm86 && (!inner || dpl != 0)) {
        x86_raise_exception_err(env, EXCP0D_GPF, (sel & 0xfffc) + ev->ext);
    }
    if (inner) {
        int fault;

        x86_tss_stack(env, dpl, &ss, &sp, 0);
        if (!(ss & ~3u)) {
            x86_raise_exception_err(env, EXCP0A_TSS, ev->ext);
        }
        if (!x86_read_desc(env, ss, &slo, &shi, 0)) {
            x86_raise_exception_err(env, EXCP0A_TSS, (ss & 0xfffc) + ev->ext);
        }
        fault = desc_check_ss_inner(desc_attr(shi), ss & 3, dpl);
        if (fault) {
            x86_raise_exception_err(env, fault, (ss & 0xfffc) + ev->ext);
        }
        x86_stack_init(&s, env, desc_base(slo, shi),
                       x86_sp_mask(desc_attr(shi)), sp, dpl, 0);
        if (vm86) {
            x86_push(&s, env->segs[R_GS].selector, size);
            x86_push(&s, env->segs[R_FS].selector, size);
            x86_push(&s, env->segs[R_DS].selector, size);
            x86_push(&s, env->segs[R_ES].selector, size);
        }
        x86_push(&s, env->segs[R_SS].selector, size);
        x86_push(&s, env->regs[R_ESP], size);
    } else {
        x86_stack_init(&s, env, env->segs[R_SS].base,
                       x86_sp_mask(env->segs[R_SS].attr), env->regs[R_ESP],
                       cpl, 0);
    }
    x86_push(&s, eflags | ev->rf, size);
    x86_push(&s, env->segs[R_CS].selector, size);
    x86_push(&s, ev->ret_ip, size);
    if (ev->has_err) {
        x86_push(&s, ev->err, size);
    }
    x86_set_accessed(env, sel, hi, 0);
    if (inner) {
        x86_set_accessed(env, ss, shi, 0);
        desc_to_cache(&env->segs[R_SS], ss, slo, shi | (DESC_A << 8));
    }
    x86_stack_commit(&s);
    if (vm86) {
        x86_load_seg_null(env, R_ES, 0);
        x86_load_seg_null(env, R_DS, 0);
        x86_load_seg_null(env, R_FS, 0);
        x86_load_seg_null(env, R_GS, 0);
    }
    gate_commit(env, sel, lo, hi, inner ? dpl : cpl,
                !(g[1] & (1u << 8)), ip);
}

static void deliver_long(CPUX86State *env, const Event *ev)
{
    uint64_t eflags = x86_eflags_get(env);
    unsigned cpl = x86_cpl(env), dpl, ist;
    uint32_t g[4], sel, lo, hi;
    uint64_t ip, sp = env->regs[R_ESP];
    bool inner;
    X86Stack s;

    read_gate(env, ev, true, g);
    sel = g[0] >> 16;
    ip = (g[0] & 0xffff) | (g[1] & 0xffff0000) | ((uint64_t)g[2] << 32);
    ist = g[1] & 7;
    gate_target(env, ev, sel, &lo, &hi);
    /* SDM Vol. 3A, 6.14.1: the target must be 64-bit code. */
    if (!(desc_attr(hi) & SEG_ATTR_L) || (desc_attr(hi) & SEG_ATTR_DB)) {
        x86_raise_exception_err(env, EXCP0D_GPF, (sel & 0xfffc) + ev->ext);
    }
    if ((uint64_t)(((int64_t)ip << 16) >> 16) != ip) {
        x86_raise_exception_err(env, EXCP0D_GPF, 0);
    }
    dpl = attr_dpl(desc_attr(hi));
    inner = !attr_is_conforming(desc_attr(hi)) && dpl < cpl;
    if (ist) {
        sp = x86_tss_rsp64(env, 0, ist, 0);
    } else if (inner) {
        sp = x86_tss_rsp64(env, dpl, 0, 0);
    }
    /* SDM Vol. 3A, 6.14.2: the frame is 16-byte aligned, SS always pushed. */
    x86_stack_init(&s, env, 0, ~0ull, sp & ~0xfull, inner ? dpl : cpl, 0);
    x86_push(&s, env->segs[R_SS].selector, 8);
    x86_push(&s, env->regs[R_ESP], 8);
    x86_push(&s, eflags | ev->rf, 8);
    x86_push(&s, env->segs[R_CS].selector, 8);
    x86_push(&s, ev->ret_ip, 8);
    if (ev->has_err) {
        x86_push(&s, ev->err, 8);
    }
    x86_set_accessed(env, sel, hi, 0);
    if (inner) {
        x86_load_seg_null(env, R_SS, dpl);  /* SDM 6.14.4: SS = NULL, RPL */
    }
    x86_stack_commit(&s);
    gate_commit(env, sel, lo, hi, inner ? dpl : cpl,
                !(g[1] & (1u << 8)), ip);
}

/* Deliver one event through the IDT of the current mode. */
static void x86_deliver(CPUX86State *env, int vector, bool is_int, bool is_hw)
{
    Event ev = {
        .vector = vector,
        .is_int = is_int,
        .has_err = !is_int && !is_hw && vector_has_error_code(vector),
        .err = env->error_code,
        .ext = is_int ? 0 : 1,
        .ret_ip = is_int ? env->exception_next_eip : env->rip,
        .rf = !is_int && !is_hw && vector_is_fault(vector) ? EFLAGS_RF : 0,
    };

    log_mask_printf(LOG_INT, "int v=%02x%s%s err=%x cpl=%d ip=%04x:%llx "
                    "sp=%llx\n", vector, is_int ? " INT" : "",
                    is_hw ? " HW" : "", ev.has_err ? ev.err : 0,
                    x86_cpl(env), env->segs[R_CS].selector,
                    (unsigned long long)env->rip,
                    (unsigned long long)env->regs[R_ESP]);
    env->delivering = !is_int && !is_hw;
    env->delivering_vector = vector;
    if (x86_long_mode(env)) {
        deliver_long(env, &ev);
    } else if (x86_pe(env)) {
        deliver_prot(env, &ev);
    } else {
        deliver_real(env, &ev);
    }
    env->delivering = false;
    env->inhibit_irq = false;
    env->halted = false;
    if (vector == EXCP02_NMI && !is_int) {
        env->nmi_blocked = true;
    }
}

void x86_do_interrupt(CPUState *cpu)
{
    CPUX86State *env = (CPUX86State *)cpu->env;
    int vector = env->exception_index;

    if (vector < 0) {
        return;
    }
    if (vector > 0xff) {            /* EXCP_HLT, EXCP_SHUTDOWN */
        env->exception_index = -1;
        return;
    }
    x86_deliver(env, vector, env->exception_is_int, false);
    env->exception_index = -1;
    env->exception_is_int = false;
}

static void clear_request(CPUState *cpu, uint32_t bits)
{
    __atomic_fetch_and(&cpu->interrupt_request, ~bits, __ATOMIC_SEQ_CST);
}

/* INIT (SDM Vol. 3A, 9.1, 9.4.4): reset; an AP then waits for a SIPI. */
static void take_init(CPUState *cpu, CPUX86State *env)
{
    uint8_t sipi_vector = env->sipi_vector;     /* a SIPI sent after it */

    x86_cpu_reset(env);
    env->sipi_vector = sipi_vector;
    x86_eflags_set(env, EFLAGS_FIXED, ~0ull);
    env->wait_for_sipi = env->cpu_index != 0;
    env->halted = env->wait_for_sipi;
    cpu->halted = env->halted;
    tlb_flush(cpu);
}

/* SIPI: start in real mode at vector << 12 (SDM Vol. 3A, 9.4.4.1). */
static void take_sipi(CPUState *cpu, CPUX86State *env)
{
    env->wait_for_sipi = false;
    env->halted = false;
    cpu->halted = false;
    x86_seg_set(env, R_CS, env->sipi_vector << 8,
                (uint32_t)env->sipi_vector << 12, 0xffff,
                SEG_ATTR_P | SEG_ATTR_S | 0xb);
    env->rip = 0;
}

bool x86_exec_interrupt(CPUState *cpu, uint32_t interrupt_request)
{
    CPUX86State *env = (CPUX86State *)cpu->env;

    /*
     * INIT first. A SIPI pending beside it was sent after it (Linux sends
     * INIT, SIPI, SIPI back to back to an AMD family 0Fh+ CPU, with no
     * delay): it stays pending and starts the CPU on the next call.
     */
    if (interrupt_request & CPU_INTERRUPT_INIT) {
        clear_request(cpu, CPU_INTERRUPT_INIT);
        take_init(cpu, env);
        return true;
    }
    if (interrupt_request & CPU_INTERRUPT_SIPI) {
        clear_request(cpu, CPU_INTERRUPT_SIPI);
        if (env->wait_for_sipi) {
            take_sipi(cpu, env);
            return true;
        }
    }
    if (env->wait_for_sipi || env->in_shutdown || env->inhibit_irq) {
        return false;
    }
    if ((interrupt_request & CPU_INTERRUPT_NMI) && !env->nmi_blocked) {
        clear_request(cpu, CPU_INTERRUPT_NMI);
        x86_deliver(env, EXCP02_NMI, false, false);
        return true;
    }
    if ((interrupt_request & CPU_INTERRUPT_HARD) &&
        (env->eflags & EFLAGS_IF)) {
        int vector = cpu_ack_interrupt(cpu);

        cpu->halted = false;
        if (vector < 0) {
            return false;
        }
        x86_deliver(env, vector & 0xff, false, true);
        return true;
    }
    return false;
}

bool x86_has_work(CPUState *cpu, uint32_t interrupt_request)
{
    CPUX86State *env = (CPUX86State *)cpu->env;

    if (interrupt_request & CPU_INTERRUPT_INIT) {
        return true;
    }
    if (env->in_shutdown) {
        return false;
    }
    if (env->wait_for_sipi) {
        return (interrupt_request & CPU_INTERRUPT_SIPI) != 0;
    }
    return ((interrupt_request & CPU_INTERRUPT_HARD) &&
            (env->eflags & EFLAGS_IF)) ||
           ((interrupt_request & CPU_INTERRUPT_NMI) && !env->nmi_blocked);
}
