/* SPDX-License-Identifier: MIT */
/* Number, size and boolean parsing for options and device properties. */
#include "util/cutils.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

GQuark kestrel_error_quark(void)
{
    return g_quark_from_static_string("kestrel-error");
}

bool parse_uint64(const char *str, uint64_t *out, GError **errp)
{
    char *end;
    unsigned long long v;

    if (!str || !*str || *str == '-' || g_ascii_isspace(*str)) {
        g_set_error(errp, KESTREL_ERROR, 0, "'%s' is not a number",
                    str ? str : "");
        return false;
    }
    errno = 0;
    v = strtoull(str, &end, 0);
    if (errno || *end) {
        g_set_error(errp, KESTREL_ERROR, 0, "'%s' is not a number", str);
        return false;
    }
    *out = v;
    return true;
}

bool parse_size(const char *str, char default_suffix, uint64_t *out,
                GError **errp)
{
    char *end;
    double d;
    unsigned long long v;
    char suffix;
    unsigned shift;

    if (!str || !g_ascii_isdigit(*str)) {
        goto bad;
    }
    errno = 0;
    v = strtoull(str, &end, 10);
    d = v;
    if (*end == '.') {
        d = strtod(str, &end);
    }
    if (errno) {
        goto bad;
    }
    suffix = *end ? *end : default_suffix;
    if (*end && end[1] && !(g_ascii_toupper(end[1]) == 'B' && !end[2])) {
        goto bad;
    }
    switch (g_ascii_toupper(suffix)) {
    case 0:
    case 'B':
        shift = 0;
        break;
    case 'K':
        shift = 10;
        break;
    case 'M':
        shift = 20;
        break;
    case 'G':
        shift = 30;
        break;
    case 'T':
        shift = 40;
        break;
    default:
        goto bad;
    }
    d *= (double)(1ull << shift);
    if (d >= 18446744073709551616.0) {
        g_set_error(errp, KESTREL_ERROR, 0, "'%s' is too large", str);
        return false;
    }
    *out = (uint64_t)d;
    return true;
bad:
    g_set_error(errp, KESTREL_ERROR, 0,
                "'%s' is not a size (a number with an optional K, M, G or T "
                "suffix)", str ? str : "");
    return false;
}

bool parse_bool(const char *str, bool *out, GError **errp)
{
    static const char *const yes[] = { "on", "yes", "true", "y", "1", NULL };
    static const char *const no[] = { "off", "no", "false", "n", "0", NULL };

    for (int i = 0; yes[i]; i++) {
        if (!g_ascii_strcasecmp(str, yes[i])) {
            *out = true;
            return true;
        }
        if (!g_ascii_strcasecmp(str, no[i])) {
            *out = false;
            return true;
        }
    }
    g_set_error(errp, KESTREL_ERROR, 0, "'%s' is not on or off", str);
    return false;
}
