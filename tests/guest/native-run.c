/* SPDX-License-Identifier: MIT */
/*
 * native-run: the CPL3 part of a user64 guest test (runtime/user64.S),
 * run as a Linux process on the host CPU, so that the real CPU is the
 * oracle for the test's expected output on any x86-64 Linux host, with
 * or without /dev/kvm.
 *
 * Under KVM a user64 test's CPL3 code runs natively too; its guest kernel
 * only serves two system calls (int3 with SYS_MAGIC in %rax) and records
 * traps for the user code's u_trap_resume. This program does the same
 * from signal handlers: it loads the image's PT_LOAD segments at their
 * addresses (1 MiB up), switches to the image's user stack, jumps to
 * `user_main`, turns int3 system calls into write(2) and exit, and turns
 * a fault into the u_trap_* record from the signal context (trapno, err,
 * cr2, rip), resuming at u_trap_resume, exactly as user64_trap does.
 *
 * Only tests whose CPL3 code touches nothing but the image itself can run
 * this way (not smc64's second alias, not exceptions64's page-table
 * faults); the kernel setup a test runs at CPL0 (CR0.NE/MP, CR4.OSFXSR/
 * OSXMMEXCPT) is what Linux gives every process. What Linux gives
 * differently from the guest kernel, PVM's KVM gives too (CPL3 selectors
 * 0x33/0x2b, RFLAGS.IF=1, CR0.AM=1): tests/guest/README.md.
 *
 * Exit status as under Kestrel with isa-debug-exit: 1 when the test
 * exits, 33 when an unexpected trap ends it (EXIT_EXCEPTION 0x10), 2 for
 * a usage or image error.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <elf.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#define SYS_MAGIC   0x5ca11ull
#define SYS_EXIT    0
#define SYS_WRITE   1
#define STATUS_DONE 1
#define STATUS_TRAP ((0x10 << 1) | 1)

/* The image's CPL3 interface (runtime/user64.S). */
static struct {
    uint64_t *trap_resume, *trap_vector, *trap_error, *trap_cr2, *trap_rip;
} u;

static void put_hex(char *p, uint64_t v)
{
    for (int i = 15; i >= 0; i--, v >>= 4) {
        p[i] = "0123456789abcdef"[v & 15];
    }
}

/* Said like user64_unexpected, then the run ends as the guest's would. */
static void unexpected(const greg_t *r)
{
    char line[] = "native-run: unexpected trap vector=0000000000000000 "
                  "error=0000000000000000 rip=0000000000000000\n";

    put_hex(strstr(line, "vector=") + 7, r[REG_TRAPNO]);
    put_hex(strstr(line, "error=") + 6, r[REG_ERR]);
    put_hex(strstr(line, "rip=") + 4, r[REG_RIP]);
    (void)!write(STDOUT_FILENO, line, sizeof(line) - 1);
    _exit(STATUS_TRAP);
}

static void on_signal(int sig, siginfo_t *si, void *ctx)
{
    greg_t *r = ((ucontext_t *)ctx)->uc_mcontext.gregs;
    uint64_t rax = r[REG_RAX];

    (void)sig;
    (void)si;
    if (r[REG_TRAPNO] == 3 && (rax >> 32) == SYS_MAGIC) {
        if ((uint32_t)rax == SYS_WRITE) {
            const char *p = (const char *)r[REG_RDI];
            size_t n = r[REG_RSI];

            while (n) {
                ssize_t w = write(STDOUT_FILENO, p, n);

                if (w <= 0) {
                    _exit(2);
                }
                p += w;
                n -= w;
            }
            return;
        }
        if ((uint32_t)rax == SYS_EXIT) {
            _exit(STATUS_DONE);
        }
    }
    if (!*u.trap_resume) {
        unexpected(r);
    }
    *u.trap_vector = r[REG_TRAPNO];
    *u.trap_error = r[REG_ERR];
    *u.trap_cr2 = r[REG_TRAPNO] == 14 ? r[REG_CR2] : 0;
    *u.trap_rip = r[REG_RIP];
    r[REG_RIP] = *u.trap_resume;
    *u.trap_resume = 0;
}

static void die(const char *what, const char *why)
{
    fprintf(stderr, "native-run: %s: %s\n", what, why);
    exit(2);
}

/* The image's symbols (it is linked with its symbol table). */
static const Elf32_Sym *find_symbol(const uint8_t *img, size_t size,
                                    const char *name)
{
    const Elf32_Ehdr *eh = (const Elf32_Ehdr *)img;
    const Elf32_Shdr *sh = (const Elf32_Shdr *)(img + eh->e_shoff);

    for (unsigned i = 0; i < eh->e_shnum; i++) {
        const Elf32_Shdr *str;
        const Elf32_Sym *sym;

        if (sh[i].sh_type != SHT_SYMTAB || sh[i].sh_link >= eh->e_shnum) {
            continue;
        }
        str = &sh[sh[i].sh_link];
        if (sh[i].sh_offset + sh[i].sh_size > size ||
            str->sh_offset + str->sh_size > size) {
            return NULL;
        }
        sym = (const Elf32_Sym *)(img + sh[i].sh_offset);
        for (unsigned j = 0; j < sh[i].sh_size / sizeof(*sym); j++) {
            if (sym[j].st_name < str->sh_size &&
                !strcmp((const char *)img + str->sh_offset + sym[j].st_name,
                        name)) {
                return &sym[j];
            }
        }
    }
    return NULL;
}

static void *symbol(const uint8_t *img, size_t size, const char *name)
{
    const Elf32_Sym *s = find_symbol(img, size, name);

    if (!s) {
        die(name, "no such symbol in the image (not a user64 test?)");
    }
    return (void *)(uintptr_t)s->st_value;
}

/* Map every PT_LOAD at its address, read-write-execute, .bss zeroed. */
static void load(const uint8_t *img, size_t size, const char *path)
{
    const Elf32_Ehdr *eh = (const Elf32_Ehdr *)img;
    const Elf32_Phdr *ph;
    uint32_t lo = UINT32_MAX, hi = 0;
    long page = sysconf(_SC_PAGESIZE);

    if (size < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
        eh->e_ident[EI_CLASS] != ELFCLASS32 || eh->e_machine != EM_386 ||
        eh->e_phoff + (uint64_t)eh->e_phnum * sizeof(*ph) > size ||
        eh->e_shoff + (uint64_t)eh->e_shnum * sizeof(Elf32_Shdr) > size) {
        die(path, "not an ELF32 i386 guest image");
    }
    ph = (const Elf32_Phdr *)(img + eh->e_phoff);
    for (unsigned i = 0; i < eh->e_phnum; i++) {
        if (ph[i].p_type == PT_LOAD && ph[i].p_memsz) {
            lo = ph[i].p_vaddr < lo ? ph[i].p_vaddr : lo;
            hi = ph[i].p_vaddr + ph[i].p_memsz > hi
                     ? ph[i].p_vaddr + ph[i].p_memsz : hi;
        }
    }
    if (lo >= hi) {
        die(path, "no PT_LOAD segment");
    }
    lo &= ~(uint32_t)(page - 1);
    if (mmap((void *)(uintptr_t)lo, hi - lo,
             PROT_READ | PROT_WRITE | PROT_EXEC,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0) !=
        (void *)(uintptr_t)lo) {
        die(path, "cannot map the image at its load address");
    }
    for (unsigned i = 0; i < eh->e_phnum; i++) {
        if (ph[i].p_type != PT_LOAD) {
            continue;
        }
        if (ph[i].p_offset + (uint64_t)ph[i].p_filesz > size) {
            die(path, "a segment lies past the end of the file");
        }
        memcpy((void *)(uintptr_t)ph[i].p_vaddr, img + ph[i].p_offset,
               ph[i].p_filesz);
    }
}

static uint8_t *read_file(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf = NULL;
    size_t cap = 0, n = 0, r;

    if (!f) {
        die(path, "cannot open");
    }
    do {
        if (n == cap) {
            cap = cap ? cap * 2 : 1 << 20;
            buf = realloc(buf, cap);
            if (!buf) {
                die(path, "out of memory");
            }
        }
        r = fread(buf + n, 1, cap - n, f);
        n += r;
    } while (r);
    fclose(f);
    *size = n;
    return buf;
}

int main(int argc, char **argv)
{
    static const int sigs[] = { SIGTRAP, SIGSEGV, SIGBUS, SIGFPE, SIGILL };
    static uint8_t altstack[64 * 1024];
    stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) };
    struct sigaction sa = { .sa_sigaction = on_signal,
                            .sa_flags = SA_SIGINFO | SA_ONSTACK };
    uint8_t *img;
    size_t size;
    void *entry, *stack;

    if (argc != 2) {
        fprintf(stderr, "usage: native-run IMAGE.elf\n");
        return 2;
    }
    img = read_file(argv[1], &size);
    load(img, size, argv[1]);
    entry = symbol(img, size, "user_main");
    stack = symbol(img, size, "user64_stack_top");
    u.trap_resume = symbol(img, size, "u_trap_resume");
    u.trap_vector = symbol(img, size, "u_trap_vector");
    u.trap_error = symbol(img, size, "u_trap_error");
    u.trap_cr2 = symbol(img, size, "u_trap_cr2");
    u.trap_rip = symbol(img, size, "u_trap_rip");
    free(img);

    if (sigaltstack(&ss, NULL)) {
        die("sigaltstack", "failed");
    }
    sigemptyset(&sa.sa_mask);
    for (unsigned i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
        sigaction(sigs[i], &sa, NULL);
    }
    fflush(NULL);
    /* The user stack, and RFLAGS as CPL3 code sees them under PVM. */
    __asm__ volatile("movq %0, %%rsp\n\t"
                     "pushq $0x202\n\t"
                     "popfq\n\t"
                     "jmp *%1"
                     :: "r"(stack), "r"(entry) : "memory");
    __builtin_unreachable();
}
