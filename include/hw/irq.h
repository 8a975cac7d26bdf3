/* SPDX-License-Identifier: MIT */
/*
 * IRQLine: a wire from a device's interrupt output to whatever receives it
 * (an interrupt controller model, or the accelerator's in-kernel irqchip
 * through a routing hook installed by the machine).
 */
#ifndef HW_IRQ_H
#define HW_IRQ_H

#include <stdbool.h>

typedef void (*IRQHandler)(void *opaque, int n, int level);

typedef struct IRQLine {
    IRQHandler handler;
    void *opaque;
    int n;
} IRQLine;

static inline void irq_set_level(IRQLine *line, int level)
{
    if (line && line->handler) {
        line->handler(line->opaque, line->n, level);
    }
}

static inline void irq_raise(IRQLine *line)
{
    irq_set_level(line, 1);
}

static inline void irq_lower(IRQLine *line)
{
    irq_set_level(line, 0);
}

static inline void irq_pulse(IRQLine *line)
{
    irq_set_level(line, 1);
    irq_set_level(line, 0);
}

static inline void irq_init(IRQLine *line, IRQHandler handler, void *opaque,
                            int n)
{
    line->handler = handler;
    line->opaque = opaque;
    line->n = n;
}

#endif
