/* unwind.h - user stacks of stopped threads, symbolised with libdw */
#ifndef RX_UNWIND_H
#define RX_UNWIND_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "util.h"

#define UNWIND_MAX_DEPTH 256
#define UNWIND_DEFAULT_DEPTH 64

struct unwind;

/* Which modules get source lines and inline frames. Lines need the
 * module's DWARF: for a system library with its debug package installed
 * the first lookup in a process costs tens of milliseconds. */
enum unwind_lines {
	UNWIND_LINES_NONE,
	UNWIND_LINES_PROGRAM,	/* modules outside the system library dirs */
	UNWIND_LINES_ALL,
};

struct unwind_opts {
	unsigned depth;		/* frames captured at most */
	enum unwind_lines lines;
};

struct unwind_frame {
	uint64_t pc;
	bool activation;	/* pc is where the thread is, not a return address */
	uint64_t sp;		/* rsp in this frame: the thread's for the
				 * innermost, for a caller the value after
				 * the call returns (the callee's CFA); 0
				 * when the unwinder cannot tell */
};

/* The physical frames of one thread at one moment. */
struct unwind_stack {
	unsigned n;
	bool truncated;		/* the depth limit cut it */
	bool incomplete;	/* the unwinder found no way past the last frame */
	struct unwind_frame f[];	/* opts.depth entries */
};

/* One logical frame: an inlined call gives several per physical frame,
 * innermost first. Strings stay valid until the next unwind_* call. */
struct unwind_sym {
	const char *module;	/* absolute path, or NULL: no module maps pc */
	const char *build_id;	/* hex, "" without one */
	const char *func;	/* demangled, or NULL: no symbol */
	uint64_t func_off;	/* pc - start of func (not for inlined frames) */
	uint64_t mod_off;	/* pc as an address of the module's file (pc
				 * - load bias), as addr2line takes it */
	const char *file;	/* NULL without line info */
	int line;
	bool inlined;		/* inlined into the next logical frame */
	bool fp;		/* reached by the frame-pointer heuristic (no CFI) */
	bool program;		/* the module is the program's own code */
};

struct unwind *unwind_new(const struct unwind_opts *o);
void unwind_free(struct unwind *u);
/* Allocate a stack able to hold opts.depth frames (once per user, not
 * per event). */
struct unwind_stack *unwind_stack_new(const struct unwind *u);

/* Capture the frames of thread TID (stopped by us) of process TGID.
 * Returns 0, or -errno when no frame could be taken. */
int unwind_capture(struct unwind *u, pid_t tgid, pid_t tid,
		   struct unwind_stack *st);

/* Resolve physical frame I of ST (captured from TGID, whose mappings
 * must not have changed since) into at most MAX logical frames in OUT.
 * Returns how many, at least 1. */
unsigned unwind_resolve(struct unwind *u, pid_t tgid,
			const struct unwind_stack *st, unsigned i,
			struct unwind_sym *out, unsigned max);

/* The first physical frame of ST in the program's own code (a module
 * outside the system library directories: not libc, not ld.so, not the
 * vDSO), or -1 when there is none. */
int unwind_first_program_frame(struct unwind *u, pid_t tgid,
			       const struct unwind_stack *st);

/* Append ST as text, " > MODULE(FUNC+0xOFF) [0xMODOFF] FILE:LINE" a
 * line, innermost first (the format of rxtrace -k). */
void unwind_format(struct unwind *u, pid_t tgid,
		   const struct unwind_stack *st, struct sbuf *sb);

/* Whether PATH is in a system library directory (/lib, /usr/lib and
 * their 32/64/x32 twins) or is not a file ("[vdso]"): code that is not
 * the program's own. */
bool unwind_system_path(const char *path);

/* Append the printable form of symbol NAME: without its version
 * ("memcpy@@GLIBC_2.14" -> "memcpy"), C++ names demangled. */
void unwind_func_name(struct sbuf *sb, const char *name);

/* TGID mapped, unmapped or changed executable memory: its modules are
 * reported again before the next capture. */
void unwind_maps_changed(struct unwind *u, pid_t tgid);
/* TGID exec'ed or exited: forget its modules. */
void unwind_forget(struct unwind *u, pid_t tgid);

#endif
