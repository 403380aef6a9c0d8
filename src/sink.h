/* sink.h - the event model and the one interface every consumer of
 * events implements: the trace printer, the -c summary, and later the
 * rule engine and the JSON Lines writer */
#ifndef RX_SINK_H
#define RX_SINK_H

#include <signal.h>
#include <stdio.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/user.h>
#include <time.h>

#include "decode.h"
#include "sysent.h"
#include "unwind.h"

/* One syscall of one task, filled at entry and completed at exit. */
struct bkpt_mm;

struct rx_call {
	const struct sysent *se;	/* NULL when the number is not in the table */
	enum abi abi;
	long nr;			/* as the ABI numbers it (x32 bit removed) */
	uint64_t args[SYSENT_MAX_ARGS];
	uint64_t ip, sp;		/* at entry */
	struct timespec t_entry, t_exit;/* CLOCK_REALTIME, only when a sink asks */
	int64_t rval;			/* at exit */
	bool failed;			/* at exit: rval is -errno */
	bool exited;			/* the exit was seen */
	bool shown;			/* a sink printed the entry */
	bool unfinished;		/* the entry line was cut by another task's output */
	unsigned next_arg;		/* first argument left for the exit */
};

struct rx_task {
	pid_t tid;
	pid_t tgid;
	bool in_syscall;		/* between a traced entry and its exit stop */
	bool want_exit;			/* the exit stop was requested */
	bool attached;			/* seen its first stop */
	bool group_stopped;		/* resumed with PTRACE_LISTEN */
	enum abi abi_shown;		/* trace mode: last ABI announced */
	struct unwind_stack *stack;	/* -k: allocated at the first stack */
	struct sbuf stack_text;		/* -k: the stack of the call, as text */
	struct rx_call call;		/* the current or last traced call */
	uint32_t rule_exits;		/* findings: the rules that wait for
					 * the exit of the call */
	struct bkpt_mm *bkpt;		/* library-call breakpoints of its
					 * address space, or NULL */
	/* At a library-call hit: the registers at the function's entry,
	 * until rx_task_stack_ready writes them (only a stack needs it). */
	const struct user_regs_struct *entry_regs;
	bool unparented;		/* stopped before its parent's fork or
					 * clone event told where it came from */
	bool held;			/* kept stopped until then */
	bool unwatched;			/* beyond --max-procs: traced, but
					 * no sink sees it */
	bool watched_proc;		/* a process leader counted against
					 * --max-procs */
	struct rx_task *hnext;		/* hash chain */
	struct rx_task *lnext;		/* list of all tasks */
	struct rx_task **lprev;
};

enum rx_death { RX_EXITED, RX_KILLED };

/* T's process id, looked up once when the engine could not tell. */
pid_t rx_task_tgid(struct rx_task *t);
/* Before taking the stack of T at a library-call hit: put T's registers
 * at the function's entry, where its unwind information describes the
 * frame (the trap left rip one byte in). A no-op at any other stop. */
void rx_task_stack_ready(struct rx_task *t);

/* A library-call breakpoint hit: T is stopped at the entry of a function
 * a sink asked for (ops->functions). */
struct rx_libcall {
	const unsigned *funcs;		/* the sink's indexes of the names of
					 * this function (aliases: srand,
					 * srandom), nfuncs of them */
	unsigned nfuncs;
	uint64_t entry;			/* the function's address */
	uint64_t ret;			/* where it returns: the caller */
	bool library;			/* the caller is not the program's own
					 * code (a system library, the vDSO) */
	bool internal;			/* the caller is the library defining
					 * the function (libc calling itself):
					 * nothing to report; sent only when
					 * LAST is set */
	bool last;			/* the function is disarmed after this
					 * hit (QUIET calls in a row from known
					 * callers): further calls are not seen */
	unsigned quiet;
	const struct user_regs_struct *regs;	/* at the entry: rip = entry,
						 * arguments in rdi, rsi, ... */
};

struct rx_sink;
struct rx_sink_ops {
	/* At the entry of a selected syscall. Returns true when the sink
	 * needs the exit (return value, out arguments). */
	bool (*syscall_entry)(struct rx_sink *s, struct rx_task *t);
	void (*syscall_exit)(struct rx_sink *s, struct rx_task *t);
	/* A signal about to be delivered to T (si may be NULL). */
	void (*signal)(struct rx_sink *s, struct rx_task *t, int sig,
		       const siginfo_t *si);
	void (*group_stop)(struct rx_sink *s, struct rx_task *t, int sig);
	/* T called execve successfully; OLD_TID is its tid before (a
	 * non-leader thread's exec takes over the leader's tid). */
	void (*exec)(struct rx_sink *s, struct rx_task *t, pid_t old_tid);
	/* T is gone. For RX_EXITED, code is the exit status; for
	 * RX_KILLED, the signal number (core: it dumped core). */
	void (*death)(struct rx_sink *s, struct rx_task *t, enum rx_death how,
		      int code, bool core);
	void (*detach)(struct rx_sink *s, struct rx_task *t);
	/* The library functions the sink wants to see called: a list of
	 * names ending with NULL, asked once before tracing starts; NULL
	 * for none. Any name makes the engine plant breakpoints. */
	const char *const *(*functions)(struct rx_sink *s);
	/* Optional: after how many calls in a row from callers already
	 * seen function I of that list tells the sink nothing new (0: it
	 * may always, the engine's default cap applies). The function is
	 * disarmed at the largest of the sinks' numbers. */
	unsigned (*function_quiet)(struct rx_sink *s, unsigned i);
	void (*libcall)(struct rx_sink *s, struct rx_task *t,
			const struct rx_libcall *lc);
	/* At the end of tracing: flush, print summaries. Returns 0 or
	 * -errno. */
	int (*finish)(struct rx_sink *s);
	void (*free)(struct rx_sink *s);
};

/* Two quiet caps of one function (function_quiet): the larger, 0 (the
 * default) above every number. */
static inline unsigned sink_quiet_join(unsigned a, unsigned b)
{
	return !a || !b ? 0 : a > b ? a : b;
}

/* Shared state sinks may read. */
struct rx_run {
	unsigned ntasks;		/* live tasks */
	bool want_time;			/* a sink uses t_entry/t_exit */
	struct unwind *unwind;		/* stacks, or NULL */
	const struct decode_opts *dopts;
};

struct rx_sink {
	const struct rx_sink_ops *ops;
	const struct rx_run *run;
	struct rx_sink *next;
};

/* Trace mode: strace-style lines. */
struct tprint_opts {
	int timestamps;			/* 0, 1 (-t), 2 (-tt), 3 (-ttt) */
	bool syscall_times;		/* -T */
	bool pid_prefix_always;		/* output to a file: "PID " on every line */
	bool stacks;			/* -k: the stack after each line */
};
struct rx_sink *tprint_new(FILE *fp, const struct tprint_opts *o);
/* -c: the counting summary printed at finish. */
struct rx_sink *tsummary_new(FILE *fp);

#endif
