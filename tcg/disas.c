/* SPDX-License-Identifier: MIT */
/*
 * Host code as text through capstone in x86-64 mode, for -d out_asm and
 * tests: one line per instruction, "address: bytes  mnemonic operands".
 */
#include "tcg/tcg.h"

#include <capstone/capstone.h>
#include <inttypes.h>

void tcg_disas(GString *out, const void *code, size_t size)
{
    csh handle;
    cs_insn *insn;
    size_t n;

    if (cs_open(CS_ARCH_X86, CS_MODE_64, &handle) != CS_ERR_OK) {
        g_string_append(out, "(capstone unavailable)\n");
        return;
    }
    n = cs_disasm(handle, code, size, (uintptr_t)code, 0, &insn);
    for (size_t i = 0; i < n; i++) {
        g_string_append_printf(out, "0x%012" PRIx64 ":  ", insn[i].address);
        for (int j = 0; j < 10; j++) {
            if (j < insn[i].size) {
                g_string_append_printf(out, "%02x", insn[i].bytes[j]);
            } else {
                g_string_append(out, "  ");
            }
        }
        g_string_append_printf(out, "  %s %s\n", insn[i].mnemonic,
                               insn[i].op_str);
    }
    if (n) {
        cs_free(insn, n);
    }
    cs_close(&handle);
}
