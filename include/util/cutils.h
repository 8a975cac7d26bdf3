/* SPDX-License-Identifier: MIT */
/* Small parsing helpers shared by the command line and device properties. */
#ifndef UTIL_CUTILS_H
#define UTIL_CUTILS_H

#include <glib.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>

/*
 * Parse a size such as "256", "256M", "4G", "512k" (bytes unless
 * suffixed; @default_suffix applies to bare numbers: 'M' for -m).
 */
bool parse_size(const char *str, char default_suffix, uint64_t *out,
                GError **errp);
/* Parse an unsigned integer in C notation (0x.., 0.., decimal). */
bool parse_uint64(const char *str, uint64_t *out, GError **errp);
/* Parse on/off/yes/no/true/false. */
bool parse_bool(const char *str, bool *out, GError **errp);

#ifndef container_of
#define container_of(ptr, type, member)                                      \
    ((type *)((char *)(ptr) - offsetof(type, member)))
#endif

#define KESTREL_ERROR kestrel_error_quark()
GQuark kestrel_error_quark(void);

#endif
