/* SPDX-License-Identifier: MIT */
/*
 * The -d / -D debug log: a mask of items and one output stream.
 */
#include "util/log.h"
#include "util/cutils.h"

#include <stdarg.h>
#include <stdio.h>
#include <errno.h>
#include <string.h>

const LogItem log_items[] = {
    { LOG_GUEST_ERROR, "guest_errors", "invalid operations by the guest" },
    { LOG_UNIMP, "unimp", "features the guest used that are not built" },
    { LOG_INT, "int", "interrupts and exceptions" },
    { LOG_CPU_RESET, "cpu_reset", "CPU state at reset and boot" },
    { LOG_IN_ASM, "in_asm", "guest code of each translated block" },
    { LOG_OP, "op", "IR of each block before optimization" },
    { LOG_OP_OPT, "op_opt", "IR of each block after optimization" },
    { LOG_OUT_ASM, "out_asm", "host code of each translated block" },
    { LOG_EXEC, "exec", "each translated block as it runs" },
    { LOG_IOPORT, "ioport", "port I/O as it is dispatched" },
    { LOG_MMU, "mmu", "TLB fills and page faults" },
    { LOG_PERFMAP, "perfmap",
      "name each block's host code in /tmp/perf-PID.map for perf" },
    { 0, NULL, NULL },
};

unsigned log_mask;
__thread unsigned log_suppressed;
static FILE *log_file;
static GMutex log_lock;

typedef struct LogRange {
    uint64_t first, last;
} LogRange;
static GArray *log_filter;      /* LogRange; NULL: everything */

bool log_parse_items(const char *str, unsigned *mask, GError **errp)
{
    g_auto(GStrv) names = g_strsplit(str, ",", -1);
    unsigned m = 0;

    for (char **n = names; *n; n++) {
        const LogItem *it;

        if (!**n) {
            continue;
        }
        if (!strcmp(*n, "all")) {
            for (it = log_items; it->name; it++) {
                m |= it->mask;
            }
            continue;
        }
        for (it = log_items; it->name; it++) {
            if (!strcmp(*n, it->name)) {
                m |= it->mask;
                break;
            }
        }
        if (!it->name) {
            g_set_error(errp, KESTREL_ERROR, 0,
                        "unknown log item '%s' (try -d help)", *n);
            return false;
        }
    }
    *mask = m;
    return true;
}

static bool parse_u64(const char *str, uint64_t *v)
{
    char *end;

    if (!*str || *str == '-' || *str == '+') {
        return false;
    }
    errno = 0;
    *v = g_ascii_strtoull(str, &end, 0);
    return !errno && !*end;
}

static bool parse_range(const char *r, LogRange *out)
{
    const char *dots = strstr(r, "..");
    const char *op = dots ? dots : strpbrk(r, "+-");
    g_autofree char *a = NULL;
    uint64_t x, y;

    if (!op || op == r) {
        return false;
    }
    a = g_strndup(r, op - r);
    if (!parse_u64(a, &x) || !parse_u64(op + (dots ? 2 : 1), &y)) {
        return false;
    }
    if (dots) {
        if (y < x) {
            return false;
        }
        *out = (LogRange){ x, y };
    } else if (*op == '+') {
        if (!y || x + (y - 1) < x) {
            return false;
        }
        *out = (LogRange){ x, x + (y - 1) };
    } else {
        if (!y || y - 1 > x) {
            return false;
        }
        *out = (LogRange){ x - (y - 1), x };
    }
    return true;
}

bool log_parse_filter(const char *str, bool apply, GError **errp)
{
    g_auto(GStrv) parts = g_strsplit(str, ",", -1);
    GArray *ranges = g_array_new(false, false, sizeof(LogRange));

    for (char **p = parts; *p; p++) {
        LogRange r;

        if (!parse_range(*p, &r)) {
            g_set_error(errp, KESTREL_ERROR, 0, "bad range '%s' (want "
                        "START+SIZE, END-SIZE or FIRST..LAST)", *p);
            g_array_free(ranges, true);
            return false;
        }
        g_array_append_val(ranges, r);
    }
    if (!apply) {
        g_array_free(ranges, true);
        return true;
    }
    if (log_filter) {
        g_array_free(log_filter, true);
    }
    log_filter = ranges;
    return true;
}

bool log_addr_in_filter(uint64_t addr)
{
    if (!log_filter) {
        return true;
    }
    for (guint i = 0; i < log_filter->len; i++) {
        const LogRange *r = &g_array_index(log_filter, LogRange, i);

        if (addr >= r->first && addr <= r->last) {
            return true;
        }
    }
    return false;
}

bool log_set_file(const char *path, GError **errp)
{
    FILE *f;

    if (!path || !strcmp(path, "-")) {
        log_file = NULL;
        return true;
    }
    f = fopen(path, "w");
    if (!f) {
        g_set_error(errp, KESTREL_ERROR, 0, "cannot open '%s': %s", path,
                    g_strerror(errno));
        return false;
    }
    setvbuf(f, NULL, _IOLBF, 0);
    log_file = f;
    return true;
}

void log_printf(const char *fmt, ...)
{
    va_list ap;

    g_mutex_lock(&log_lock);
    va_start(ap, fmt);
    vfprintf(log_file ? log_file : stderr, fmt, ap);
    va_end(ap);
    g_mutex_unlock(&log_lock);
}
