/* SPDX-License-Identifier: MIT */
/*
 * Debug logging selected with -d ITEMS and redirected with -D FILE.
 * Every room logs through here; the mask and the file are the process's
 * one log, so they are the one global state of this module.
 */
#ifndef UTIL_LOG_H
#define UTIL_LOG_H

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

enum {
    LOG_GUEST_ERROR = 1u << 0,  /* the guest did something invalid */
    LOG_UNIMP       = 1u << 1,  /* the guest used something unimplemented */
    LOG_INT         = 1u << 2,  /* interrupts and exceptions */
    LOG_CPU_RESET   = 1u << 3,  /* CPU state at reset / boot */
    LOG_IN_ASM      = 1u << 4,  /* guest code of each translated block */
    LOG_OP          = 1u << 5,  /* IR before optimization */
    LOG_OP_OPT      = 1u << 6,  /* IR after optimization */
    LOG_OUT_ASM     = 1u << 7,  /* host code of each translated block */
    LOG_EXEC        = 1u << 8,  /* each block executed */
    LOG_IOPORT      = 1u << 9,  /* port I/O as it is dispatched */
    LOG_MMU         = 1u << 10, /* TLB fills and page faults */
    LOG_PERFMAP     = 1u << 11, /* /tmp/perf-PID.map for perf (not -D) */
};

typedef struct LogItem {
    unsigned mask;
    const char *name;
    const char *help;
} LogItem;

/* The items -d accepts, ending with a zeroed row. */
extern const LogItem log_items[];

extern unsigned log_mask;
/* Items this thread leaves out for now (-dfilter: a block outside the
 * ranges is being translated). */
extern __thread unsigned log_suppressed;

/* The per-block items -dfilter applies to. */
#define LOG_TB_ITEMS (LOG_IN_ASM | LOG_OP | LOG_OP_OPT | LOG_OUT_ASM | LOG_EXEC)

static inline bool log_enabled(unsigned item)
{
    return (log_mask & ~log_suppressed & item) != 0;
}

/* Parse "a,b,c" into a mask; false and an error naming the bad item. */
bool log_parse_items(const char *str, unsigned *mask, GError **errp);
/*
 * -dfilter: ranges of guest addresses, comma-separated, each START+SIZE,
 * END-SIZE (SIZE bytes ending at END) or FIRST..LAST; numbers in C
 * syntax. Parse-only when @apply is false.
 */
bool log_parse_filter(const char *str, bool apply, GError **errp);
/* Whether @addr is in the -dfilter ranges (true without a filter). */
bool log_addr_in_filter(uint64_t addr);
/* Send the log to @path ("-" or NULL: stderr). */
bool log_set_file(const char *path, GError **errp);
void log_printf(const char *fmt, ...) G_GNUC_PRINTF(1, 2);

#define log_mask_printf(item, ...)                                           \
    do {                                                                     \
        if (log_enabled(item)) {                                             \
            log_printf(__VA_ARGS__);                                         \
        }                                                                    \
    } while (0)

#endif
