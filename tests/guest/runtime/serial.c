/* SPDX-License-Identifier: MIT */
/*
 * Guest runtime console: COM1 (a 16550A at 0x3f8) driven by polling the
 * line status register, and a small kprintf with the conversions tests
 * need: %c %s %d %u %x %p, the '#' and '0' flags, a width, and the 'l'/'ll'
 * length modifiers for 64-bit values.
 */
#include "guest.h"

#define COM1        0x3f8
#define UART_THR    0
#define UART_IER    1
#define UART_FCR    2
#define UART_LCR    3
#define UART_MCR    4
#define UART_LSR    5
#define LSR_THRE    0x20

void serial_init(void)
{
    outb(COM1 + UART_IER, 0x00);
    outb(COM1 + UART_LCR, 0x80);    /* DLAB: divisor 1, 115200 baud */
    outb(COM1 + 0, 0x01);
    outb(COM1 + 1, 0x00);
    outb(COM1 + UART_LCR, 0x03);    /* 8N1 */
    outb(COM1 + UART_FCR, 0x07);
    outb(COM1 + UART_MCR, 0x03);
}

void kputc(char c)
{
    while (!(inb(COM1 + UART_LSR) & LSR_THRE)) {
    }
    outb(COM1 + UART_THR, c);
}

void kputs(const char *s)
{
    while (*s) {
        kputc(*s++);
    }
}

static void put_number(uint64_t v, unsigned base, bool negative, unsigned width,
                       char pad, const char *prefix)
{
    char digits[24];
    int n = 0;
    unsigned len;

    do {
        unsigned d;
        if (base == 16) {
            d = v & 15;
            v >>= 4;
        } else if (v <= 0xffffffffu) {
            d = (uint32_t)v % 10;
            v = (uint32_t)v / 10;
        } else {
            /* 64-bit division needs libgcc; do it by hand in base 10. */
            uint64_t q = 0, r = 0;
            for (int bit = 63; bit >= 0; bit--) {
                r = (r << 1) | ((v >> bit) & 1);
                if (r >= 10) {
                    r -= 10;
                    q |= 1ull << bit;
                }
            }
            d = r;
            v = q;
        }
        digits[n++] = "0123456789abcdef"[d];
    } while (v);

    len = n + (negative ? 1 : 0);
    for (const char *p = prefix; *p; p++) {
        len++;
    }
    if (pad == ' ') {
        for (; len < width; len++) {
            kputc(' ');
        }
    }
    if (negative) {
        kputc('-');
    }
    kputs(prefix);
    for (; len < width; len++) {
        kputc('0');
    }
    while (n) {
        kputc(digits[--n]);
    }
}

void kvprintf(const char *fmt, va_list ap)
{
    for (; *fmt; fmt++) {
        bool alt = false;
        char pad = ' ';
        unsigned width = 0;
        int longs = 0;
        uint64_t v;

        if (*fmt != '%') {
            kputc(*fmt);
            continue;
        }
        fmt++;
        for (;; fmt++) {
            if (*fmt == '#') {
                alt = true;
            } else if (*fmt == '0') {
                pad = '0';
            } else {
                break;
            }
        }
        while (*fmt >= '0' && *fmt <= '9') {
            width = width * 10 + (*fmt++ - '0');
        }
        while (*fmt == 'l') {
            longs++;
            fmt++;
        }
        switch (*fmt) {
        case 'c':
            kputc(va_arg(ap, int));
            break;
        case 's': {
            const char *s = va_arg(ap, const char *);
            kputs(s ? s : "(null)");
            break;
        }
        case 'd': {
            int64_t sv = longs >= 2 ? va_arg(ap, int64_t) : va_arg(ap, int32_t);
            put_number(sv < 0 ? -(uint64_t)sv : (uint64_t)sv, 10, sv < 0, width, pad, "");
            break;
        }
        case 'u':
            v = longs >= 2 ? va_arg(ap, uint64_t) : va_arg(ap, uint32_t);
            put_number(v, 10, false, width, pad, "");
            break;
        case 'x':
            v = longs >= 2 ? va_arg(ap, uint64_t) : va_arg(ap, uint32_t);
            put_number(v, 16, false, width, pad, alt ? "0x" : "");
            break;
        case 'p':
            put_number((uint32_t)va_arg(ap, void *), 16, false, 8, '0', "0x");
            break;
        case '%':
            kputc('%');
            break;
        default:
            kputc('%');
            kputc(*fmt);
            if (!*fmt) {
                return;
            }
            break;
        }
    }
}

void kprintf(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    kvprintf(fmt, ap);
    va_end(ap);
}
