/* bkpt.h - library-call breakpoints of one address space: the int3s
 * planted there, stepping a thread over one, the callers seen, and
 * putting every original byte back
 *
 * One struct bkpt_mm per address space: the threads of a process and a
 * vfork child share it (bkpt_mm_ref), a fork child gets a copy of the
 * table (its memory holds the same int3s), an exec starts a new one.
 * Every function takes a TID stopped by us in that address space, whose
 * memory PTRACE_PEEKTEXT/POKETEXT edit (the kernel makes the page a
 * private copy: the file is untouched).
 *
 * Nothing here removes int3s when rxtrace dies: launched tracees carry
 * PTRACE_O_EXITKILL and die with it; attached ones (-p) are cleaned by
 * bkpt_remove_all before the detach, on every exit path of the engine.
 */
#ifndef RX_BKPT_H
#define RX_BKPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/user.h>

#include "bkpt_insn.h"

/* Names one address can stand for (srand and srandom are one function). */
#define BKPT_MAX_FUNCS 4
/* A function hit this many times in a row by callers already seen is
 * disarmed: a hot loop would otherwise pay a stop per call forever.
 * The default of struct bkpt's quiet_max. */
#define BKPT_QUIET_HITS 10000

enum bkpt_kind {
	BKPT_CALL,		/* a function entry: its callers are reported */
	BKPT_RESOLVE,		/* one-shot: resolve the functions from here
				 * (the program's entry point, main) */
};

/* What code lies at an address, for attributing a caller. */
enum bkpt_code {
	BKPT_CODE_UNKNOWN,	/* in no mapping known (yet) */
	BKPT_CODE_PROGRAM,	/* the program's own modules */
	BKPT_CODE_LIBRARY,	/* system libraries, the vDSO, anonymous code */
	BKPT_CODE_IGNORED,	/* the library that defines the functions
				 * (libc): its own calls are not reported */
};

struct bkpt {
	uint64_t addr;
	uint8_t orig;		/* the byte under the int3 */
	uint8_t kind;		/* enum bkpt_kind */
	bool emulate;		/* insn decoded: else the breakpoint is
				 * one-shot (removed at its first hit) */
	uint8_t nfuncs;
	uint16_t funcs[BKPT_MAX_FUNCS];	/* the caller's function ids */
	struct bkpt_insn insn;
	unsigned long hits;
	unsigned long quiet;	/* hits since the last new caller */
	unsigned quiet_max;	/* disarmed at this many; 0: BKPT_QUIET_HITS */
};

struct bkpt_range {
	uint64_t start, end;
	uint8_t code;		/* enum bkpt_code */
};

struct bkpt_caller;

struct bkpt_retired {
	uint64_t addr;
	uint8_t orig;
};

struct bkpt_mm {
	unsigned refs;
	struct bkpt *bp;	/* sorted by addr */
	size_t n, cap;
	struct bkpt_retired *retired;	/* removed: a late hit is rewound,
					 * not a signal */
	size_t nretired, retired_cap;
	struct bkpt_caller *callers;	/* open addressing, by (addr, ret) */
	size_t ncallers, callers_cap;
	/* what code lies where: IGNORED ranges win over the others */
	struct bkpt_range *ranges;
	size_t nranges;
	bool scrubbed;		/* bkpt_scrub done: no int3 left (not copied) */
	bool resolve_at_stop;	/* attached (-p): look the functions up at
				 * the first stop of one of its threads */
};

struct bkpt_mm *bkpt_mm_new(void);
struct bkpt_mm *bkpt_mm_ref(struct bkpt_mm *mm);
/* Drop a reference; the last one frees the table (not the int3s). */
void bkpt_mm_unref(struct bkpt_mm *mm);
/* A fork child's table: the same breakpoints, retired addresses and
 * ranges, and no caller seen yet. */
struct bkpt_mm *bkpt_mm_copy(const struct bkpt_mm *mm);

/*
 * Plant an int3 at ADDR standing for function FUNC (ignored for
 * BKPT_RESOLVE). A second function at a planted address is added to its
 * names. Returns 0, -EALREADY when ADDR was retired (a disarmed function
 * is never armed again), -E2BIG when ADDR has BKPT_MAX_FUNCS names
 * already, -EEXIST for a second kind at one address, or -errno of
 * ptrace.
 */
int bkpt_plant(struct bkpt_mm *mm, pid_t tid, uint64_t addr,
	       enum bkpt_kind kind, unsigned func);

/* The breakpoint at ADDR, or NULL. The pointer is valid until the table
 * changes (plant, remove). */
struct bkpt *bkpt_find(struct bkpt_mm *mm, uint64_t addr);
bool bkpt_is_retired(const struct bkpt_mm *mm, uint64_t addr);

/* Put the original byte back at ADDR and retire it. Returns 0, -ENOENT
 * when nothing is planted there, or -errno of ptrace (the breakpoint is
 * forgotten and retired either way: a byte that cannot be written
 * belongs to memory that is gone). */
int bkpt_remove(struct bkpt_mm *mm, pid_t tid, uint64_t addr);
/* Remove every breakpoint. Returns 0 or the first error. */
int bkpt_remove_all(struct bkpt_mm *mm, pid_t tid);
/* Before a detach: remove every breakpoint, and put the original byte
 * back wherever a retired one still holds an int3 (memory copied by a
 * fork before the parent's were removed). Once per table. Returns 0 or
 * the first error. */
int bkpt_scrub(struct bkpt_mm *mm, pid_t tid);

/*
 * Step TID over the breakpoint at ADDR it trapped on. REGS are its
 * registers as the trap left them (rip = ADDR + 1). The displaced
 * instruction is emulated and the registers written; a breakpoint that
 * cannot be emulated (one-shot, or a memory access of the instruction
 * failed) is removed instead, with rip rewound so that the real
 * instruction runs. Returns 0 (emulated), 1 (removed) or -errno.
 */
int bkpt_step(struct bkpt_mm *mm, pid_t tid, uint64_t addr,
	      struct user_regs_struct *regs);

/* Caller bookkeeping of a hit of B from return address RET. */
enum bkpt_seen {
	BKPT_SEEN_NEW,		/* (B, RET) not seen before in this mm */
	BKPT_SEEN_KNOWN,
	BKPT_SEEN_QUIET,	/* known, and the quiet_max-th such hit in a
				 * row: disarm B now */
};
/* Count a hit. *CODE says what code RET lies in: for a new caller
 * bkpt_code_of(RET), remembered with it (bkpt_caller_set changes it). */
enum bkpt_seen bkpt_caller(struct bkpt_mm *mm, struct bkpt *b, uint64_t ret,
			   enum bkpt_code *code);
/* The hits in a row from known callers that disarm B. */
unsigned bkpt_quiet_max(const struct bkpt *b);
void bkpt_caller_set(struct bkpt_mm *mm, uint64_t addr, uint64_t ret,
		     enum bkpt_code code);

/* Replace the code ranges (they are copied). */
void bkpt_set_ranges(struct bkpt_mm *mm, const struct bkpt_range *r, size_t n);
enum bkpt_code bkpt_code_of(const struct bkpt_mm *mm, uint64_t addr);

#endif
