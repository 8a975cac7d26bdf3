/* SPDX-License-Identifier: MIT */
/*
 * The gdbstub: GDB's remote serial protocol on a chardev. One debugger at
 * a time; thread N is vCPU N-1. When gdb connects every vCPU is paused;
 * c, s, C, S and vCont resume them, with the breakpoints, watchpoints and
 * single-step handed to the accelerator (set_guest_debug); a vCPU that
 * stops for the debugger (ACCEL_EVENT_DEBUG) or a Ctrl-C pauses them all
 * again and gdb gets a T stop reply naming the thread. Memory is accessed
 * at linear addresses through the accelerator's translate_debug. qRcmd
 * runs monitor commands (vl/monitor.c). A debugger that goes away takes
 * its breakpoints with it and leaves the guest running — except under -S
 * before any debugger let the guest start: then it keeps waiting, so one
 * can reconnect with another register layout ("monitor gdbarch").
 *
 * All on the main thread with the big lock held; a vCPU thread only
 * records a stop and wakes the main loop (gdbstub_debug_event_locked).
 */
#include "vm.h"
#include "vl/chardev-backend.h"
#include "vl/gdbstub.h"
#include "vl/monitor.h"
#include "util/bql.h"
#include "util/cutils.h"
#include "vl/runstate.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define GDB_SIGINT  2
#define GDB_SIGTRAP 5

typedef struct GdbStub {
    VM *vm;
    const GdbArchOps *arch;
    Chardev *chr;
    GdbRx rx;
    GString *last;              /* last packet sent, for '-' */
    bool connected;
    bool no_ack;
    bool running;               /* vCPUs resumed on gdb's behalf */
    bool held;                  /* -S: nobody has let the guest start */
    int forced_arch;            /* -1: follow the vCPU */
    int arch_now;               /* layout of this connection */
    unsigned g_cpu;             /* Hg: registers and memory */
    /* Breakpoints and watchpoints, the same for every vCPU. */
    GuestDebug debug;
    /* The last stop, for '?' and the stop reply. */
    unsigned stop_cpu;
    int stop_signal;
    GuestDebugStop stop_reason;
    GuestDebugKind stop_watch_kind;
    uint64_t stop_watch_addr;
    /* A vCPU asked to stop; the main loop reports it. */
    bool stop_pending;
    guint stop_idle;
} GdbStub;

static GdbStub *gdbstub;

static CPUState *gdb_cpu(GdbStub *gs, unsigned index)
{
    GPtrArray *cpus = gs->vm->cpus.cpus;

    return index < cpus->len ? g_ptr_array_index(cpus, index) : NULL;
}

static unsigned gdb_ncpus(GdbStub *gs)
{
    return gs->vm->cpus.cpus->len;
}

/* ---- sending -------------------------------------------------------- */

static void gdb_send_raw(GdbStub *gs, const char *s, size_t len)
{
    chardev_write(gs->chr, (const uint8_t *)s, len);
}

static void gdb_send(GdbStub *gs, const char *body)
{
    GString *f = gdb_frame((const uint8_t *)body, strlen(body));

    gdb_send_raw(gs, f->str, f->len);
    if (gs->last) {
        g_string_free(gs->last, true);
    }
    gs->last = f;
}

static void gdb_send_error(GdbStub *gs, int code)
{
    char buf[8];

    snprintf(buf, sizeof(buf), "E%02x", code & 0xff);
    gdb_send(gs, buf);
}

/* ---- the layout ------------------------------------------------------ */

static int gdb_arch_of(GdbStub *gs, CPUState *cpu)
{
    return gs->forced_arch >= 0 ? gs->forced_arch
                                : gs->arch->arch_for(cpu->env);
}

const char *gdbstub_set_arch(const char *name)
{
    GdbStub *gs = gdbstub;

    if (!gs) {
        return NULL;
    }
    if (!name || !strcmp(name, "auto")) {
        gs->forced_arch = -1;
        gs->arch_now = gdb_arch_of(gs, gdb_cpu(gs, 0));
        return "auto";
    }
    for (int i = 0; gs->arch->arch_names[i]; i++) {
        if (!strcmp(gs->arch->arch_names[i], name)) {
            gs->forced_arch = gs->arch_now = i;
            return name;
        }
    }
    return NULL;
}

const char *gdbstub_arch_name(bool *forced)
{
    GdbStub *gs = gdbstub;

    if (!gs) {
        return NULL;
    }
    *forced = gs->forced_arch >= 0;
    return gs->arch->arch_names[gs->arch_now];
}

/* ---- run control ----------------------------------------------------- */

static void gdb_pause_all(GdbStub *gs)
{
    cpus_pause_all_locked(&gs->vm->cpus);
    gs->running = false;
}

/* Hand every vCPU the breakpoints, and @step to those in @steps. */
static bool gdb_apply_debug(GdbStub *gs, const bool *steps, GError **errp)
{
    const AccelOps *ops = gs->vm->accel_ops;

    for (unsigned i = 0; i < gdb_ncpus(gs); i++) {
        CPUState *cpu = gdb_cpu(gs, i);
        GuestDebug d = gs->debug;

        d.single_step = steps && steps[i];
        cpu->debug_stop = GUEST_DEBUG_STOP_NONE;
        if (!ops->set_guest_debug) {
            if (d.single_step || d.nr_points) {
                g_set_error(errp, KESTREL_ERROR, 0, "the %s accelerator "
                            "cannot debug guests", ops->name);
                return false;
            }
            continue;
        }
        if (!ops->set_guest_debug(cpu, &d, errp)) {
            return false;
        }
    }
    return true;
}

/* Resume the vCPUs marked in @run (stepping those in @steps). */
static bool gdb_resume(GdbStub *gs, const bool *run, const bool *steps)
{
    GError *err = NULL;

    if (!gdb_apply_debug(gs, steps, &err)) {
        fprintf(stderr, "kestrel: gdbstub: %s\n", err->message);
        g_error_free(err);
        return false;
    }
    gs->running = true;
    gs->held = false;
    gs->stop_pending = false;
    for (unsigned i = 0; i < gdb_ncpus(gs); i++) {
        if (!run || run[i]) {
            cpu_resume_locked(gdb_cpu(gs, i));
        }
    }
    return true;
}

static void gdb_send_stop_reply(GdbStub *gs)
{
    GString *s = g_string_new(NULL);

    g_string_append_printf(s, "T%02xthread:%x;", gs->stop_signal,
                           gs->stop_cpu + 1);
    if (gs->stop_reason == GUEST_DEBUG_STOP_WATCH) {
        static const char *const names[] = {
            [GUEST_DEBUG_WATCH_WRITE] = "watch",
            [GUEST_DEBUG_WATCH_READ] = "rwatch",
            [GUEST_DEBUG_WATCH_ACCESS] = "awatch",
        };

        g_string_append_printf(s, "%s:%" PRIx64 ";",
                               names[gs->stop_watch_kind],
                               gs->stop_watch_addr);
    } else if (gs->stop_reason == GUEST_DEBUG_STOP_BREAK) {
        g_string_append(s, gs->stop_watch_kind == GUEST_DEBUG_HW_BREAK
                            ? "hwbreak:;" : "swbreak:;");
    }
    gdb_send(gs, s->str);
    g_string_free(s, true);
}

/* Pause everything and tell gdb why (main thread). */
static void gdb_stopped(GdbStub *gs, unsigned cpu, int sig,
                        GuestDebugStop reason)
{
    gdb_pause_all(gs);
    gs->stop_cpu = cpu;
    gs->stop_signal = sig;
    gs->stop_reason = reason;
    gs->g_cpu = cpu;
    if (gs->connected) {
        gdb_send_stop_reply(gs);
    }
}

static gboolean gdb_stop_idle(gpointer opaque)
{
    GdbStub *gs = opaque;
    CPUState *cpu;

    gs->stop_idle = 0;
    if (!gs->stop_pending || !gs->running) {
        return G_SOURCE_REMOVE;
    }
    gs->stop_pending = false;
    cpu = gdb_cpu(gs, gs->stop_cpu);
    gs->stop_watch_kind = cpu->debug_watch_kind;
    gs->stop_watch_addr = cpu->debug_watch_addr;
    gdb_stopped(gs, gs->stop_cpu, GDB_SIGTRAP, cpu->debug_stop);
    return G_SOURCE_REMOVE;
}

void gdbstub_debug_event_locked(CPUState *cpu)
{
    GdbStub *gs = gdbstub;

    if (!gs || !gs->running || gs->stop_pending) {
        /* Not ours (or a second vCPU racing the first): it stays parked
         * until the next resume, like the others. */
        return;
    }
    gs->stop_pending = true;
    gs->stop_cpu = cpu->index;
    cpus_request_stop_all_locked(&gs->vm->cpus);
    if (!gs->stop_idle) {
        gs->stop_idle = g_idle_add(gdb_stop_idle, gs);
    }
}

/* No debugger any more: no breakpoints, and the guest runs. */
static void gdb_release_guest(GdbStub *gs)
{
    GError *err = NULL;

    gs->debug.nr_points = 0;
    if (gs->running) {
        gdb_pause_all(gs);
    }
    if (!gdb_apply_debug(gs, NULL, &err)) {
        g_error_free(err);
    }
    gs->running = true;
    cpus_resume_all_locked(&gs->vm->cpus);
}

/* ---- memory and registers ------------------------------------------- */

static bool gdb_rw_memory(GdbStub *gs, CPUState *cpu, uint64_t addr,
                          uint8_t *buf, size_t len, bool write)
{
    const AccelOps *ops = gs->vm->accel_ops;
    AddressSpace *as = &gs->vm->pc->m.as_memory;

    while (len) {
        size_t n = MIN(len, 4096 - (addr & 4095));
        uint64_t phys = addr;
        MemTxResult r;

        if (ops->translate_debug && !ops->translate_debug(cpu, addr, &phys)) {
            return false;
        }
        r = write ? address_space_write(as, phys, buf, n)
                  : address_space_read(as, phys, buf, n);
        if (r != MEMTX_OK) {
            return false;
        }
        addr += n;
        buf += n;
        len -= n;
    }
    if (write) {
        /* Translated code may be stale now (TCG flushes on a put). */
        for (unsigned i = 0; i < gdb_ncpus(gs); i++) {
            gdb_cpu(gs, i)->state_dirty = true;
        }
    }
    return true;
}

static void gdb_cmd_read_regs(GdbStub *gs)
{
    CPUState *cpu = gdb_cpu(gs, gs->g_cpu);
    unsigned n = gs->arch->num_regs(gs->arch_now);
    GString *s = g_string_new(NULL);
    uint8_t buf[16];

    for (unsigned i = 0; i < n; i++) {
        int len = gs->arch->read_reg(cpu->env, gs->arch_now, i, buf);

        gdb_bytes_to_hex(s, buf, len);
    }
    gdb_send(gs, s->str);
    g_string_free(s, true);
}

static void gdb_cmd_write_regs(GdbStub *gs, const char *hex)
{
    CPUState *cpu = gdb_cpu(gs, gs->g_cpu);
    size_t nhex = strlen(hex);
    g_autofree uint8_t *buf = g_malloc(nhex / 2 + 1);
    size_t len = nhex / 2, off = 0;
    unsigned n = gs->arch->num_regs(gs->arch_now);

    if (!gdb_hex_to_bytes(hex, nhex, buf)) {
        gdb_send_error(gs, 22);
        return;
    }
    for (unsigned i = 0; i < n && off < len; i++) {
        int r = gs->arch->write_reg(cpu->env, gs->arch_now, i, buf + off,
                                    len - off);

        if (r < 0) {
            break;
        }
        off += r;
    }
    cpu->state_dirty = true;
    gdb_send(gs, "OK");
}

static void gdb_cmd_read_reg(GdbStub *gs, const char *args)
{
    CPUState *cpu = gdb_cpu(gs, gs->g_cpu);
    const char *end;
    uint64_t n;
    uint8_t buf[16];
    int len;
    GString *s;

    if (!gdb_parse_hex(args, &n, &end) || *end || n > 0xffff) {
        gdb_send_error(gs, 22);
        return;
    }
    len = gs->arch->read_reg(cpu->env, gs->arch_now, n, buf);
    if (len < 0) {
        gdb_send_error(gs, 14);
        return;
    }
    s = g_string_new(NULL);
    gdb_bytes_to_hex(s, buf, len);
    gdb_send(gs, s->str);
    g_string_free(s, true);
}

static void gdb_cmd_write_reg(GdbStub *gs, const char *args)
{
    CPUState *cpu = gdb_cpu(gs, gs->g_cpu);
    const char *end;
    uint64_t n;
    uint8_t buf[64];
    size_t nhex;

    if (!gdb_parse_hex(args, &n, &end) || *end != '=' || n > 0xffff) {
        gdb_send_error(gs, 22);
        return;
    }
    nhex = strlen(end + 1);
    if (nhex > 2 * sizeof(buf) || !gdb_hex_to_bytes(end + 1, nhex, buf)) {
        gdb_send_error(gs, 22);
        return;
    }
    if (gs->arch->write_reg(cpu->env, gs->arch_now, n, buf, nhex / 2) < 0) {
        gdb_send_error(gs, 14);
        return;
    }
    cpu->state_dirty = true;
    gdb_send(gs, "OK");
}

/* "ADDR,LEN" then @sep; false if malformed. */
static bool gdb_parse_addr_len(const char *s, char sep, uint64_t *addr,
                               uint64_t *len, const char **rest)
{
    const char *end;

    if (!gdb_parse_hex(s, addr, &end) || *end != ',' ||
        !gdb_parse_hex(end + 1, len, &end) || *end != sep) {
        return false;
    }
    *rest = end + (sep ? 1 : 0);
    return true;
}

static void gdb_cmd_read_mem(GdbStub *gs, const char *args)
{
    uint64_t addr, len;
    const char *rest;
    g_autofree uint8_t *buf = NULL;
    GString *s;

    if (!gdb_parse_addr_len(args, 0, &addr, &len, &rest) ||
        len > GDB_PACKET_SIZE / 2) {
        gdb_send_error(gs, 22);
        return;
    }
    buf = g_malloc(len ? len : 1);
    if (!gdb_rw_memory(gs, gdb_cpu(gs, gs->g_cpu), addr, buf, len, false)) {
        gdb_send_error(gs, 14);
        return;
    }
    s = g_string_new(NULL);
    gdb_bytes_to_hex(s, buf, len);
    gdb_send(gs, s->str);
    g_string_free(s, true);
}

static void gdb_cmd_write_mem(GdbStub *gs, char *args, size_t arglen,
                              bool binary)
{
    uint64_t addr, len;
    const char *data;
    g_autofree uint8_t *buf = NULL;
    size_t have;

    if (!gdb_parse_addr_len(args, ':', &addr, &len, &data) ||
        len > GDB_MAX_PACKET) {
        gdb_send_error(gs, 22);
        return;
    }
    have = arglen - (data - args);
    buf = g_malloc(len ? len : 1);
    if (binary) {
        have = gdb_unescape((uint8_t *)data, have);
        if (have != len) {
            gdb_send_error(gs, 22);
            return;
        }
        memcpy(buf, data, len);
    } else if (have != 2 * len || !gdb_hex_to_bytes(data, have, buf)) {
        gdb_send_error(gs, 22);
        return;
    }
    if (!gdb_rw_memory(gs, gdb_cpu(gs, gs->g_cpu), addr, buf, len, true)) {
        gdb_send_error(gs, 14);
        return;
    }
    gdb_send(gs, "OK");
}

/* ---- breakpoints ----------------------------------------------------- */

static void gdb_cmd_breakpoint(GdbStub *gs, const char *args, bool insert)
{
    static const GuestDebugKind kinds[] = {
        GUEST_DEBUG_SW_BREAK, GUEST_DEBUG_HW_BREAK, GUEST_DEBUG_WATCH_WRITE,
        GUEST_DEBUG_WATCH_READ, GUEST_DEBUG_WATCH_ACCESS,
    };
    GuestDebug *d = &gs->debug;
    uint64_t type, addr, len;
    const char *end;
    unsigned hw = 0;
    GuestDebugKind kind;

    if (!gdb_parse_hex(args, &type, &end) || *end != ',' ||
        !gdb_parse_addr_len(end + 1, 0, &addr, &len, &end) ||
        (*end && *end != ';')) {
        gdb_send_error(gs, 22);
        return;
    }
    if (type >= G_N_ELEMENTS(kinds) || !gs->vm->accel_ops->set_guest_debug) {
        gdb_send(gs, "");
        return;
    }
    kind = kinds[type];
    if (kind >= GUEST_DEBUG_WATCH_WRITE &&
        (len != 1 && len != 2 && len != 4 && len != 8)) {
        gdb_send_error(gs, 22);
        return;
    }
    for (unsigned i = 0; i < d->nr_points; i++) {
        GuestDebugPoint *p = &d->points[i];

        if (p->kind == kind && p->addr == addr &&
            (kind < GUEST_DEBUG_WATCH_WRITE || p->len == len)) {
            if (insert) {
                gdb_send(gs, "OK");
            } else {
                *p = d->points[--d->nr_points];
                gdb_send(gs, "OK");
            }
            return;
        }
        hw += p->kind != GUEST_DEBUG_SW_BREAK;
    }
    if (!insert) {
        gdb_send_error(gs, 2);
        return;
    }
    if (d->nr_points == GUEST_DEBUG_MAX_POINTS ||
        (kind != GUEST_DEBUG_SW_BREAK && hw >= GUEST_DEBUG_MAX_HW)) {
        gdb_send_error(gs, 28);     /* ENOSPC */
        return;
    }
    d->points[d->nr_points++] = (GuestDebugPoint){
        .kind = kind, .addr = addr,
        .len = kind >= GUEST_DEBUG_WATCH_WRITE ? len : 1,
    };
    gdb_send(gs, "OK");
}

/* ---- resuming -------------------------------------------------------- */

/* "c[ADDR]", "s[ADDR]", "Csig[;ADDR]", "Ssig[;ADDR]": every vCPU runs,
 * the Hc one (here: the last one gdb looked at) steps. */
static void gdb_cmd_continue(GdbStub *gs, char cmd, const char *args)
{
    bool step = cmd == 's' || cmd == 'S';
    g_autofree bool *steps = g_new0(bool, gdb_ncpus(gs));
    g_autofree bool *run = g_new0(bool, gdb_ncpus(gs));
    const char *p = args;
    uint64_t v;

    if (cmd == 'C' || cmd == 'S') {
        if (!gdb_parse_hex(p, &v, &p)) {
            gdb_send_error(gs, 22);
            return;
        }
        p = *p == ';' ? p + 1 : p;
    }
    if (*p) {
        /* Resuming at another address: gdb writes the pc instead. */
        gdb_send_error(gs, 22);
        return;
    }
    steps[gs->g_cpu] = step;
    for (unsigned i = 0; i < gdb_ncpus(gs); i++) {
        run[i] = !step || i == gs->g_cpu;
    }
    if (!gdb_resume(gs, run, steps)) {
        gdb_send_error(gs, 1);
    }
}

/* A thread id: "N", "-1" (all), "p1.N"; returns -1 for all, -2 if bad. */
static int gdb_parse_thread(GdbStub *gs, const char *s, const char **end)
{
    uint64_t v;

    if (s[0] == 'p') {
        if (!gdb_parse_hex(s + 1, &v, &s) || *s != '.') {
            return -2;
        }
        s++;
    }
    if (s[0] == '-' && s[1] == '1') {
        *end = s + 2;
        return -1;
    }
    if (!gdb_parse_hex(s, &v, end)) {
        return -2;
    }
    if (v == 0) {
        return (int)gs->g_cpu;      /* "any thread" */
    }
    return v <= gdb_ncpus(gs) ? (int)v - 1 : -2;
}

/* vCont;ACTION[:TID];...: the first action that names a thread wins for
 * it; one without a thread applies to the rest. A stepping vCPU runs
 * alone unless others are told to continue. */
static void gdb_cmd_vcont(GdbStub *gs, const char *args)
{
    unsigned n = gdb_ncpus(gs);
    g_autofree char *action = g_new0(char, n);
    g_autofree bool *steps = g_new0(bool, n);
    g_autofree bool *run = g_new0(bool, n);
    const char *p = args;
    uint64_t sig;

    while (*p == ';') {
        char a = p[1];
        int t = -1;

        p += 2;
        if (a != 'c' && a != 's' && a != 'C' && a != 'S') {
            gdb_send_error(gs, 22);
            return;
        }
        if ((a == 'C' || a == 'S') && !gdb_parse_hex(p, &sig, &p)) {
            gdb_send_error(gs, 22);
            return;
        }
        if (*p == ':') {
            t = gdb_parse_thread(gs, p + 1, &p);
            if (t == -2) {
                gdb_send_error(gs, 22);
                return;
            }
        }
        if (*p && *p != ';') {
            gdb_send_error(gs, 22);
            return;
        }
        for (unsigned i = 0; i < n; i++) {
            if ((t < 0 || (unsigned)t == i) && !action[i]) {
                action[i] = a == 'C' ? 'c' : a == 'S' ? 's' : a;
            }
        }
    }
    if (*p) {
        gdb_send_error(gs, 22);
        return;
    }
    for (unsigned i = 0; i < n; i++) {
        steps[i] = action[i] == 's';
        run[i] = action[i] != 0;
        if (steps[i]) {
            gs->g_cpu = i;
        }
    }
    if (!gdb_resume(gs, run, steps)) {
        gdb_send_error(gs, 1);
    }
}

/* ---- queries --------------------------------------------------------- */

static void gdb_cmd_xfer_features(GdbStub *gs, const char *args)
{
    const char *xml = gs->arch->target_xml(gs->arch_now);
    size_t total = strlen(xml);
    uint64_t off, len;
    const char *rest;
    GString *s;

    if (!g_str_has_prefix(args, "target.xml:")) {
        gdb_send_error(gs, 0);
        return;
    }
    if (!gdb_parse_addr_len(args + 11, 0, &off, &len, &rest) || *rest) {
        gdb_send_error(gs, 22);
        return;
    }
    if (off >= total) {
        gdb_send(gs, "l");
        return;
    }
    len = MIN(len, (uint64_t)GDB_PACKET_SIZE - 8);
    s = g_string_new(off + len >= total ? "l" : "m");
    g_string_append_len(s, xml + off, MIN(len, total - off));
    gdb_send(gs, s->str);
    g_string_free(s, true);
}

static void gdb_cmd_rcmd(GdbStub *gs, const char *hex)
{
    size_t nhex = strlen(hex);
    g_autofree char *line = g_malloc0(nhex / 2 + 1);
    g_autofree char *out = NULL;
    GString *s;

    if (!gdb_hex_to_bytes(hex, nhex, (uint8_t *)line)) {
        gdb_send_error(gs, 22);
        return;
    }
    out = monitor_run_command(gs->vm, line);
    if (!*out) {
        gdb_send(gs, "OK");
        return;
    }
    /* One console-output packet, then the final OK. */
    s = g_string_new("O");
    gdb_bytes_to_hex(s, (const uint8_t *)out, strlen(out));
    gdb_send(gs, s->str);
    g_string_free(s, true);
    gdb_send(gs, "OK");
}

static void gdb_cmd_thread_extra(GdbStub *gs, const char *args)
{
    const char *end;
    int t = gdb_parse_thread(gs, args, &end);
    g_autofree char *text = NULL;
    CPUState *cpu;
    GString *s;

    if (t < 0 || *end) {
        gdb_send_error(gs, 22);
        return;
    }
    cpu = gdb_cpu(gs, t);
    text = g_strdup_printf("CPU#%u [%s]", cpu->index,
                           cpu->halted ? "halted" : "running");
    s = g_string_new(NULL);
    gdb_bytes_to_hex(s, (const uint8_t *)text, strlen(text));
    gdb_send(gs, s->str);
    g_string_free(s, true);
}

static void gdb_cmd_query(GdbStub *gs, const char *q)
{
    if (g_str_has_prefix(q, "qSupported")) {
        char buf[160];

        snprintf(buf, sizeof(buf), "PacketSize=%x;qXfer:features:read+;"
                 "QStartNoAckMode+;vContSupported+;swbreak+;hwbreak+",
                 GDB_PACKET_SIZE);
        /* The layout is chosen now, by the vCPU's mode. */
        gs->arch_now = gdb_arch_of(gs, gdb_cpu(gs, gs->g_cpu));
        gdb_send(gs, buf);
    } else if (g_str_has_prefix(q, "qXfer:features:read:")) {
        gdb_cmd_xfer_features(gs, q + 20);
    } else if (!strcmp(q, "qfThreadInfo")) {
        GString *s = g_string_new("m");

        for (unsigned i = 0; i < gdb_ncpus(gs); i++) {
            g_string_append_printf(s, "%s%x", i ? "," : "", i + 1);
        }
        gdb_send(gs, s->str);
        g_string_free(s, true);
    } else if (!strcmp(q, "qsThreadInfo")) {
        gdb_send(gs, "l");
    } else if (!strcmp(q, "qC")) {
        char buf[16];

        snprintf(buf, sizeof(buf), "QC%x", gs->g_cpu + 1);
        gdb_send(gs, buf);
    } else if (g_str_has_prefix(q, "qAttached")) {
        gdb_send(gs, "1");
    } else if (g_str_has_prefix(q, "qRcmd,")) {
        gdb_cmd_rcmd(gs, q + 6);
    } else if (g_str_has_prefix(q, "qThreadExtraInfo,")) {
        gdb_cmd_thread_extra(gs, q + 17);
    } else if (!strcmp(q, "QStartNoAckMode")) {
        gdb_send(gs, "OK");
        gs->no_ack = true;
    } else {
        gdb_send(gs, "");
    }
}

static void gdb_cmd_set_thread(GdbStub *gs, const char *args)
{
    const char *end;
    int t;

    if (args[0] != 'g' && args[0] != 'c') {
        gdb_send_error(gs, 22);
        return;
    }
    t = gdb_parse_thread(gs, args + 1, &end);
    if (t == -2 || *end) {
        gdb_send_error(gs, 22);
        return;
    }
    if (t >= 0) {
        gs->g_cpu = t;
    }
    gdb_send(gs, "OK");
}

static void gdb_cmd_thread_alive(GdbStub *gs, const char *args)
{
    const char *end;
    int t = gdb_parse_thread(gs, args, &end);

    gdb_send(gs, t >= 0 && !*end ? "OK" : "E01");
}

/* ---- dispatch -------------------------------------------------------- */

static void gdb_handle_packet(GdbStub *gs, char *pkt, size_t len)
{
    if (gs->running) {
        /* Only a stop (0x03) makes sense now; vCont? is harmless. */
        if (!strcmp(pkt, "vCont?")) {
            gdb_send(gs, "vCont;c;C;s;S");
        }
        return;
    }
    switch (pkt[0]) {
    case '?':
        gdb_send_stop_reply(gs);
        break;
    case 'g':
        gdb_cmd_read_regs(gs);
        break;
    case 'G':
        gdb_cmd_write_regs(gs, pkt + 1);
        break;
    case 'p':
        gdb_cmd_read_reg(gs, pkt + 1);
        break;
    case 'P':
        gdb_cmd_write_reg(gs, pkt + 1);
        break;
    case 'm':
        gdb_cmd_read_mem(gs, pkt + 1);
        break;
    case 'M':
        gdb_cmd_write_mem(gs, pkt + 1, len - 1, false);
        break;
    case 'X':
        gdb_cmd_write_mem(gs, pkt + 1, len - 1, true);
        break;
    case 'c':
    case 's':
    case 'C':
    case 'S':
        gdb_cmd_continue(gs, pkt[0], pkt + 1);
        break;
    case 'Z':
    case 'z':
        gdb_cmd_breakpoint(gs, pkt + 1, pkt[0] == 'Z');
        break;
    case 'H':
        gdb_cmd_set_thread(gs, pkt + 1);
        break;
    case 'T':
        gdb_cmd_thread_alive(gs, pkt + 1);
        break;
    case 'q':
    case 'Q':
        gdb_cmd_query(gs, pkt);
        break;
    case 'v':
        if (!strcmp(pkt, "vCont?")) {
            gdb_send(gs, "vCont;c;C;s;S");
        } else if (g_str_has_prefix(pkt, "vCont;")) {
            gdb_cmd_vcont(gs, pkt + 5);
        } else {
            gdb_send(gs, "");
        }
        break;
    case 'D':
        gdb_send(gs, "OK");
        gs->held = false;
        gdb_release_guest(gs);
        break;
    case 'k':
        fprintf(stderr, "kestrel: terminating on gdb's kill request\n");
        gdb_release_guest(gs);
        runstate_request_exit(0);
        break;
    default:
        gdb_send(gs, "");
        break;
    }
}

static size_t gdb_can_receive(void *opaque)
{
    return 4096;
}

static void gdb_receive(void *opaque, const uint8_t *buf, size_t len)
{
    GdbStub *gs = opaque;

    for (size_t i = 0; i < len; i++) {
        switch (gdb_rx_feed(&gs->rx, buf[i])) {
        case GDB_RX_PACKET:
            if (!gs->no_ack) {
                gdb_send_raw(gs, "+", 1);
            }
            gdb_handle_packet(gs, (char *)gs->rx.buf->data,
                              gs->rx.buf->len - 1);
            break;
        case GDB_RX_BAD:
            if (!gs->no_ack) {
                gdb_send_raw(gs, "-", 1);
            }
            break;
        case GDB_RX_NAK:
            if (gs->last && !gs->no_ack) {
                gdb_send_raw(gs, gs->last->str, gs->last->len);
            }
            break;
        case GDB_RX_INTERRUPT:
            if (gs->running) {
                gs->stop_pending = false;
                gdb_stopped(gs, gs->g_cpu, GDB_SIGINT,
                            GUEST_DEBUG_STOP_NONE);
            }
            break;
        default:
            break;
        }
    }
}

static void gdb_event(void *opaque, ChardevEvent ev)
{
    GdbStub *gs = opaque;

    if (ev == CHARDEV_EVENT_OPENED) {
        gs->connected = true;
        gs->no_ack = false;
        gs->debug.nr_points = 0;
        gs->stop_cpu = 0;
        gs->g_cpu = 0;
        gs->stop_signal = GDB_SIGTRAP;
        gs->stop_reason = GUEST_DEBUG_STOP_NONE;
        gdb_pause_all(gs);
        gs->arch_now = gdb_arch_of(gs, gdb_cpu(gs, 0));
    } else if (gs->held) {
        /* -S and no debugger has continued yet: the guest waits for the
         * next one (e.g. reconnecting after "monitor gdbarch"). */
        gs->connected = false;
        gs->debug.nr_points = 0;
    } else {
        gs->connected = false;
        gdb_release_guest(gs);
    }
}

void gdbstub_report_exit(int status)
{
    GdbStub *gs = gdbstub;
    char buf[8];

    if (gs && gs->connected) {
        snprintf(buf, sizeof(buf), "W%02x", status & 0xff);
        gdb_send(gs, buf);
    }
}

bool gdbstub_init(VM *vm, const char *dev, const GdbArchOps *arch,
                  GError **errp)
{
    g_autofree char *spec = NULL;
    GdbStub *gs;

    if ((g_str_has_prefix(dev, "tcp:") || g_str_has_prefix(dev, "unix:")) &&
        !strstr(dev, ",server")) {
        spec = g_strconcat(dev, ",server,nowait", NULL);
    } else {
        spec = g_strdup(dev);
    }
    gs = g_new0(GdbStub, 1);
    gs->vm = vm;
    gs->arch = arch;
    gs->forced_arch = -1;
    gs->stop_signal = GDB_SIGTRAP;
    gs->held = vm->cfg->start_paused;
    gdb_rx_init(&gs->rx);
    gs->chr = chardev_new_from_spec(spec, "gdb", errp);
    if (!gs->chr) {
        gdb_rx_destroy(&gs->rx);
        g_free(gs);
        return false;
    }
    gdbstub = gs;
    chardev_set_frontend(gs->chr, gdb_can_receive, gdb_receive, gs);
    chardev_set_event_handler(gs->chr, gdb_event);
    return true;
}
