/* bkpt_elf.h - what library-call breakpoints need from an ELF file:
 * function symbols, risky imports, GOT slots and IRELATIVE relocations */
#ifndef RX_BKPT_ELF_H
#define RX_BKPT_ELF_H

#include <gelf.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* An open ELF file with its symbol tables located once. */
struct bkpt_elf {
	Elf *elf;
	int fd;			/* -1 when the Elf is the caller's */
	Elf_Scn *dynsym, *symtab;
	Elf_Scn *versym;	/* .gnu.version, parallel to .dynsym */
	size_t dynsym_index;	/* section index of .dynsym, 0 if none */
};

/* Open PATH (O_CLOEXEC, ELF_C_READ_MMAP). Returns 0, -errno, or -ENOEXEC
 * when it is not a 64-bit x86-64 ELF file. */
int bkpt_elf_open(struct bkpt_elf *be, const char *path);
/* Use ELF (for instance dwfl_module_getelf's), which stays the caller's:
 * bkpt_elf_release does not end it. Returns 0 or -ENOEXEC. */
int bkpt_elf_init(struct bkpt_elf *be, Elf *elf);
void bkpt_elf_release(struct bkpt_elf *be);

struct bkpt_sym {
	uint64_t value;		/* st_value: add the load bias */
	uint64_t size;
	unsigned type;		/* STT_FUNC or STT_GNU_IFUNC (value = the resolver) */
	bool dynamic;		/* from .dynsym; else from .symtab */
};

/*
 * The defined function NAME (no version suffix): from .dynsym, else from
 * .symtab (static binaries, separate debug files, where names may carry
 * "@VERSION" or "@@VERSION"). The default version wins over older ones.
 * Returns 0, -ENOENT, or -ENOTUNIQ when several symbols of that name
 * (static functions of different files, say) differ in value.
 */
int bkpt_elf_func(struct bkpt_elf *be, const char *name, struct bkpt_sym *out);
/* bkpt_elf_func for NAMES[0..N-1] at once, one pass over each table:
 * RES[k] is its result, OUT[k] its symbol when RES[k] is 0 or -ENOTUNIQ.
 * DYNSYM_ONLY: never .symtab. */
void bkpt_elf_funcs(struct bkpt_elf *be, const char *const *names, size_t n,
		    bool dynsym_only, struct bkpt_sym *out, int *res);

/* Flags of bkpt_elf_imports. */
#define BKPT_IMPORT_PLAIN 1u	/* NAME itself */
#define BKPT_IMPORT_CHK 2u	/* its fortified variant __NAME_chk */

/*
 * The static import pre-pass: FOUND[i] receives the BKPT_IMPORT_* flags
 * of NAMES[i] among the undefined symbols of .dynsym. Returns how many of
 * the N names are imported in some form (0 for a static binary).
 */
int bkpt_elf_imports(struct bkpt_elf *be, const char *const *names, size_t n,
		     uint8_t *found);

/* A GOT slot the dynamic loader binds to a symbol. */
struct bkpt_slot {
	uint64_t offset;	/* r_offset: add the load bias */
	unsigned type;		/* R_X86_64_JUMP_SLOT or R_X86_64_GLOB_DAT */
};

/*
 * The JUMP_SLOT (.rela.plt) and GLOB_DAT (.rela.dyn, with -fno-plt or
 * -z now) relocations naming NAME. Fills up to MAX slots and returns how
 * many there are; 0 when the object does not bind NAME.
 */
int bkpt_elf_got_slots(struct bkpt_elf *be, const char *name,
		       struct bkpt_slot *out, size_t max);

/* An R_X86_64_IRELATIVE relocation: the loader (static binaries:
 * __libc_start_main) calls RESOLVER and stores the result in SLOT. */
struct bkpt_irel {
	uint64_t slot;		/* r_offset: add the load bias */
	uint64_t resolver;	/* r_addend: add the load bias */
};

/* Fills up to MAX IRELATIVE relocations and returns how many there are. */
int bkpt_elf_irelative(struct bkpt_elf *be, struct bkpt_irel *out, size_t max);

/*
 * Copy up to N bytes the file holds at virtual address VADDR (an
 * allocated section with contents, so a debug file's NOBITS .text gives
 * nothing). Returns the bytes copied, short at the section's end, or
 * -EFAULT when no section holds VADDR.
 */
ssize_t bkpt_elf_read(struct bkpt_elf *be, uint64_t vaddr, void *buf, size_t n);

#endif
