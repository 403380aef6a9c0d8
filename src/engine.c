/* engine.c - launch or attach, the ptrace stop loop, detach
 *
 * Launch mode: the child is seized before it loads a seccomp filter that
 * returns SECCOMP_RET_TRACE only for the syscalls some sink wants, then
 * execs. Every task of the launched tree inherits the filter, so every
 * task is resumed with PTRACE_CONT and stops only on those syscalls; the
 * exit stop of a call is requested with one PTRACE_SYSCALL when a sink
 * needs the result.
 *
 * Attach mode (-p): a filter cannot be put into a running process (and
 * would turn trapped calls into ENOSYS after we detach), so tasks run
 * under PTRACE_SYSCALL and the selection is made here.
 *
 * Library-call breakpoints, when a sink names functions (findings mode
 * with the LIB rules): a launched command runs with LD_BIND_NOW=1, so
 * that at its entry point every GOT slot holds the final implementation;
 * each exec plants a one-shot int3 there, whose hit resolves the
 * functions and plants theirs (bkpt_resolve.h). An attached process is
 * resolved at its first stop, and every int3 is removed before the
 * detach. A hit is emulated past (bkpt.h) and resumed with no signal;
 * forked children inherit the int3 bytes, so they get a copy of the
 * table (vfork children and threads share it).
 */
#include "config.h"

#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/audit.h>
#include <linux/sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bkpt.h"
#include "bkpt_resolve.h"
#include "engine.h"
#include "filter.h"
#include "sysent.h"
#include "tracee.h"
#include "util.h"

#ifndef CLONE_UNTRACED
#define CLONE_UNTRACED 0x00800000
#endif
#ifndef KCMP_VM
#define KCMP_VM 1
#endif
#define USER_CS_64 0x33		/* cs of a task running 64-bit code */
#define MAX_FUNC_SINKS 8	/* sink indexes of one hit */
#define X32_SYSCALL_BIT 0x40000000L
#define HASH_SIZE 1024

struct engine {
	const struct engine_cfg *cfg;
	struct engine_result *res;
	bool seccomp;			/* launch mode: every task is filtered */
	pid_t child;			/* the launched command */
	int child_status;
	bool child_reaped;
	struct rx_task *hash[HASH_SIZE];
	struct rx_task *all;
	struct rx_task *spare;		/* freed tasks, reused */
	const struct sysent *se_clone, *se_clone3;
	/* library-call breakpoints: the functions sinks asked for, each
	 * name once, with the sinks (and their indexes) that want it */
	bool bkpt;
	const char **fnames;
	struct fname_sinks *fsinks;
	size_t nfnames;
	unsigned nheld;			/* unparented tasks kept stopped */
	unsigned nwatched;		/* processes counted against max_procs */
};

struct fname_sinks {
	struct rx_sink **sink;
	unsigned *local;
	unsigned n;
	unsigned quiet;			/* bkpt quiet_max: 0 for the default */
};

/* Set by the signal handler; the loop acts between events. */
static volatile sig_atomic_t interrupted;
static volatile pid_t forward_pid;	/* launch mode: the command */
static volatile pid_t wake_tid;		/* attach mode: a task to interrupt */

static int status_field(pid_t pid, const char *field, long *val);

/* ---- notes ----------------------------------------------------------------- */

const struct engine_note_desc engine_note_descs[ENGINE_NOTE_COUNT] = {
	[ENGINE_NOTE_VANISHED] = { "RX-TRACER-VANISHED", "note",
		"a thread exited while it was being attached", NULL },
	[ENGINE_NOTE_KILLED] = { "RX-TRACER-KILLED", "note",
		"a traced task was killed, its trace cut short", "signal" },
	[ENGINE_NOTE_UNTRACED] = { "RX-TRACER-UNTRACED", "note",
		"a clone3 asking for CLONE_UNTRACED was refused with ENOSYS", NULL },
	[ENGINE_NOTE_RESOLVE] = { "RX-TRACER-RESOLVE", "warning",
		"the library functions of a process could not be looked up", NULL },
	[ENGINE_NOTE_PLANT] = { "RX-TRACER-PLANT", "warning",
		"a library-call breakpoint could not be planted", NULL },
	[ENGINE_NOTE_REMOVE] = { "RX-TRACER-REMOVE", "warning",
		"breakpoints could not be removed before a detach", NULL },
};

void engine_note_text(const struct engine_note *n, struct sbuf *sb)
{
	const struct engine_note_desc *d = &engine_note_descs[n->kind];
	sb_puts(sb, d->text);
	if (d->arg)
		sb_printf(sb, " (%s %d)", d->arg, n->arg);
	sb_printf(sb, ": %lu time%s, first pid %d", n->count,
		  n->count == 1 ? "" : "s", (int)n->pid);
}

/* Called only where a problem was already detected: off the hot path. */
static void note(struct engine *e, enum engine_note_kind kind, int arg, pid_t pid)
{
	struct engine_result *res = e->res;
	for (unsigned i = 0; i < res->nnotes; i++)
		if (res->notes[i].kind == kind && res->notes[i].arg == arg) {
			res->notes[i].count++;
			return;
		}
	if (res->nnotes == ENGINE_MAX_NOTES) {
		res->notes_lost++;
		return;
	}
	res->notes[res->nnotes++] = (struct engine_note){
		.kind = kind, .arg = arg, .count = 1, .pid = pid,
	};
}

/* ---- the task table ---------------------------------------------------- */

pid_t rx_task_tgid(struct rx_task *t)
{
	long tgid;
	if (!t->tgid && status_field(t->tid, "Tgid", &tgid) == 0)
		t->tgid = (pid_t)tgid;
	return t->tgid ? t->tgid : t->tid;
}

static struct rx_task *task_get(struct engine *e, pid_t tid)
{
	for (struct rx_task *t = e->hash[(unsigned)tid % HASH_SIZE]; t; t = t->hnext)
		if (t->tid == tid)
			return t;
	return NULL;
}

static struct rx_task *task_new(struct engine *e, pid_t tid, pid_t tgid)
{
	struct rx_task *t = e->spare;
	if (t)
		e->spare = t->lnext;
	else
		t = xmalloc(sizeof(*t));
	memset(t, 0, sizeof(*t));
	t->tid = tid;
	t->tgid = tgid;
	struct rx_task **h = &e->hash[(unsigned)tid % HASH_SIZE];
	t->hnext = *h;
	*h = t;
	t->lnext = e->all;
	if (e->all)
		e->all->lprev = &t->lnext;
	t->lprev = &e->all;
	e->all = t;
	e->cfg->run->ntasks++;
	e->res->tasks++;
	return t;
}

static void task_del(struct engine *e, struct rx_task *t)
{
	struct rx_task **h = &e->hash[(unsigned)t->tid % HASH_SIZE];
	while (*h != t)
		h = &(*h)->hnext;
	*h = t->hnext;
	*t->lprev = t->lnext;
	if (t->lnext)
		t->lnext->lprev = t->lprev;
	free(t->stack);
	t->stack = NULL;
	if (t->stack_text.p)
		sb_release(&t->stack_text);
	bkpt_mm_unref(t->bkpt);
	t->bkpt = NULL;
	if (t->held)
		e->nheld--;
	if (t->watched_proc)
		e->nwatched--;
	t->lnext = e->spare;
	e->spare = t;
	e->cfg->run->ntasks--;
}

/* --max-procs: a process beyond the cap, and everything it starts, is
 * still traced (detached, a task under rxtrace's seccomp filter would
 * get ENOSYS from its traced calls) but no sink sees it, so that it
 * costs no state. A thread is watched when its process is. */
static void task_watch(struct engine *e, struct rx_task *c,
		       const struct rx_task *parent)
{
	if (parent && parent->unwatched) {
		c->unwatched = true;
		return;
	}
	if (c->tid != c->tgid)
		return;
	if (e->cfg->max_procs && e->nwatched >= e->cfg->max_procs) {
		c->unwatched = true;
		e->res->unwatched++;
		return;
	}
	c->watched_proc = true;
	e->nwatched++;
}

static void tasks_free(struct engine *e)
{
	while (e->all)
		task_del(e, e->all);
	while (e->spare) {
		struct rx_task *t = e->spare;
		e->spare = t->lnext;
		free(t);
	}
}

/* ---- sinks ---------------------------------------------------------------- */

#define FOR_SINKS(e, s) for (struct rx_sink *s = (e)->cfg->sinks; s; s = s->next)

static bool sinks_entry(struct engine *e, struct rx_task *t)
{
	bool need_exit = false;
	if (t->unwatched)
		return false;
	FOR_SINKS(e, s)
		if (s->ops->syscall_entry)
			need_exit |= s->ops->syscall_entry(s, t);
	return need_exit;
}

static void sinks_exit(struct engine *e, struct rx_task *t)
{
	if (t->unwatched)
		return;
	FOR_SINKS(e, s)
		if (s->ops->syscall_exit)
			s->ops->syscall_exit(s, t);
}

static void sinks_signal(struct engine *e, struct rx_task *t, int sig,
			 const siginfo_t *si)
{
	if (t->unwatched)
		return;
	FOR_SINKS(e, s)
		if (s->ops->signal)
			s->ops->signal(s, t, sig, si);
}

static void sinks_group_stop(struct engine *e, struct rx_task *t, int sig)
{
	if (t->unwatched)
		return;
	FOR_SINKS(e, s)
		if (s->ops->group_stop)
			s->ops->group_stop(s, t, sig);
}

static void sinks_exec(struct engine *e, struct rx_task *t, pid_t old)
{
	if (t->unwatched)
		return;
	FOR_SINKS(e, s)
		if (s->ops->exec)
			s->ops->exec(s, t, old);
}

static void sinks_death(struct engine *e, struct rx_task *t,
			enum rx_death how, int code, bool core)
{
	if (t->unwatched)
		return;
	FOR_SINKS(e, s)
		if (s->ops->death)
			s->ops->death(s, t, how, code, core);
}

static void sinks_detach(struct engine *e, struct rx_task *t)
{
	if (t->unwatched)
		return;
	FOR_SINKS(e, s)
		if (s->ops->detach)
			s->ops->detach(s, t);
}

/* ---- stops ---------------------------------------------------------------- */

/* ESRCH means the task died under us (SIGKILL, or its group exec'ed):
 * waitpid reports that, so requests on a vanished task are not errors. */
static void resume(struct engine *e, struct rx_task *t, int sig)
{
	int req = (t->in_syscall || !e->seccomp) ? PTRACE_SYSCALL : PTRACE_CONT;
	ptrace(req, t->tid, 0L, (long)sig);
}

static enum abi abi_of(const struct __ptrace_syscall_info *si, long *nr)
{
	if (si->arch == AUDIT_ARCH_I386)
		return ABI_I386;
	if (*nr & X32_SYSCALL_BIT) {
		*nr &= ~X32_SYSCALL_BIT;
		return ABI_X32;
	}
	return ABI_X86_64;
}

/* Registers that carry syscall arguments, per ABI. */
static const size_t arg_reg[ABI_COUNT][SYSENT_MAX_ARGS] = {
#define R(x) offsetof(struct user_regs_struct, x)
	[ABI_X86_64] = { R(rdi), R(rsi), R(rdx), R(r10), R(r8), R(r9) },
	[ABI_X32] = { R(rdi), R(rsi), R(rdx), R(r10), R(r8), R(r9) },
	[ABI_I386] = { R(rbx), R(rcx), R(rdx), R(rsi), R(rdi), R(rbp) },
#undef R
};

/*
 * A task that asks for CLONE_UNTRACED would escape the tracer while
 * keeping the filter: its trapped calls would fail with ENOSYS, unseen.
 * For clone the flag is in a register and can simply be cleared. For
 * clone3 it is in memory another thread could change under us, so the
 * call is refused with ENOSYS (skipped: nr = -1), and glibc falls back
 * to clone.
 */
static void untraced_clone(struct engine *e, struct rx_task *t,
			   const struct rx_call *c)
{
	if (!strcmp(c->se->name, "clone")) {
		if (c->args[0] & CLONE_UNTRACED)
			ptrace(PTRACE_POKEUSER, t->tid, (void *)arg_reg[c->abi][0],
			       (void *)(uintptr_t)(c->args[0] & ~(uint64_t)CLONE_UNTRACED));
	} else if (c->abi == ABI_X86_64) {
		uint64_t flags;
		if (tracee_read(t->tid, c->args[0], &flags, sizeof(flags)) ==
		    sizeof(flags) && (flags & CLONE_UNTRACED)) {
			ptrace(PTRACE_POKEUSER, t->tid,
			       (void *)offsetof(struct user_regs_struct, orig_rax),
			       (void *)-1L);
			note(e, ENGINE_NOTE_UNTRACED, 0, t->tid);
		}
	}
}

static void now(struct timespec *ts)
{
	clock_gettime(CLOCK_REALTIME, ts);
}

/* A syscall entry (seccomp stop, or syscall-entry stop with -p). Returns
 * true when the exit stop is wanted. */
static bool on_entry(struct engine *e, struct rx_task *t,
		     const struct __ptrace_syscall_info *si, long nr,
		     const uint64_t *args)
{
	struct rx_call *c = &t->call;
	c->abi = abi_of(si, &nr);
	c->nr = nr;
	c->se = sysent_by_nr(c->abi, nr);
	memcpy(c->args, args, sizeof(c->args));
	c->ip = si->instruction_pointer;
	c->sp = si->stack_pointer;

	if (c->se && (c->se == e->se_clone || c->se == e->se_clone3))
		untraced_clone(e, t, c);
	/* Stopped at entry, before the mapping exists: the modules are
	 * reported again at the next stack, not now. */
	if (e->cfg->run->unwind && c->se &&
	    filter_changes_exec_maps(c->se, c->args))
		unwind_maps_changed(e->cfg->run->unwind, rx_task_tgid(t));

	const struct filter_spec *want = e->cfg->want;
	bool selected = c->se ? filter_spec_match(want, sysent_index(c->se), c->args)
			      : want->all.unknown_new;
	selected |= c->abi != ABI_X86_64 && want->foreign_abi;
	if (!selected)
		return false;
	c->exited = c->shown = c->unfinished = false;
	c->next_arg = 0;
	c->failed = false;
	c->rval = 0;
	if (e->cfg->run->want_time)
		now(&c->t_entry);
	e->res->calls++;
	return sinks_entry(e, t);
}

static void on_exit_stop(struct engine *e, struct rx_task *t,
			 const struct __ptrace_syscall_info *si)
{
	struct rx_call *c = &t->call;
	t->in_syscall = false;
	if (!t->want_exit)
		return;
	t->want_exit = false;
	c->rval = si->exit.rval;
	c->failed = si->exit.is_error;
	c->exited = true;
	if (e->cfg->run->want_time)
		now(&c->t_exit);
	sinks_exit(e, t);
}

static void on_syscall_info(struct engine *e, struct rx_task *t)
{
	/* the kernel fills only the part of the union the op uses; zeroed,
	 * the rest reads as 0 (and valgrind, which does not know the
	 * request, sees no uninitialised bytes) */
	struct __ptrace_syscall_info si = { 0 };
	if (ptrace(PTRACE_GET_SYSCALL_INFO, t->tid, (void *)sizeof(si), &si) <= 0)
		return;
	switch (si.op) {
	case PTRACE_SYSCALL_INFO_SECCOMP:
		t->want_exit = on_entry(e, t, &si, (long)si.seccomp.nr,
					si.seccomp.args);
		t->in_syscall = t->want_exit;
		break;
	case PTRACE_SYSCALL_INFO_ENTRY:
		t->want_exit = on_entry(e, t, &si, (long)si.entry.nr,
					si.entry.args);
		/* Under PTRACE_SYSCALL the exit stop comes anyway. */
		t->in_syscall = t->want_exit || !e->seccomp;
		break;
	case PTRACE_SYSCALL_INFO_EXIT:
		on_exit_stop(e, t, &si);
		break;
	default:
		break;
	}
}

/* ---- library-call breakpoints -------------------------------------------- */

static void functions_setup(struct engine *e)
{
	/* the sink that wants more calls wins */
	size_t cap = 0;
	FOR_SINKS(e, s) {
		const char *const *names = s->ops->functions ? s->ops->functions(s) : NULL;
		for (unsigned i = 0; names && names[i]; i++) {
			size_t g = 0;
			while (g < e->nfnames && strcmp(e->fnames[g], names[i]))
				g++;
			if (g == e->nfnames) {
				if (e->nfnames == cap) {
					cap = cap ? 2 * cap : 64;
					e->fnames = xrealloc(e->fnames, cap * sizeof(*e->fnames));
					e->fsinks = xrealloc(e->fsinks, cap * sizeof(*e->fsinks));
				}
				e->fnames[g] = names[i];
				e->fsinks[g] = (struct fname_sinks){ 0 };
				e->nfnames++;
			}
			struct fname_sinks *fs = &e->fsinks[g];
			unsigned q = s->ops->function_quiet ?
				     s->ops->function_quiet(s, i) : 0;
			fs->quiet = sink_quiet_join(fs->n ? fs->quiet : q, q);
			fs->sink = xrealloc(fs->sink, (fs->n + 1) * sizeof(*fs->sink));
			fs->local = xrealloc(fs->local, (fs->n + 1) * sizeof(*fs->local));
			fs->sink[fs->n] = s;
			fs->local[fs->n++] = i;
		}
	}
	e->bkpt = e->nfnames > 0;
}

static void functions_free(struct engine *e)
{
	for (size_t g = 0; g < e->nfnames; g++) {
		free(e->fsinks[g].sink);
		free(e->fsinks[g].local);
	}
	free(e->fnames);
	free(e->fsinks);
}

void rx_task_stack_ready(struct rx_task *t)
{
	if (t->entry_regs) {
		ptrace(PTRACE_SETREGS, t->tid, 0L, t->entry_regs);
		t->entry_regs = NULL;
	}
}

/* Look the functions up in T's process (stopped, its libraries loaded)
 * and plant their breakpoints. */
static void resolve(struct engine *e, struct rx_task *t)
{
	struct bkpt_mm *mm = t->bkpt;
	struct bkpt_resolution res;
	mm->resolve_at_stop = false;
	int r = bkpt_resolve(t->tid, e->fnames, e->nfnames, &res);
	if (r < 0) {
		if (r != -ESRCH)
			note(e, ENGINE_NOTE_RESOLVE, 0, t->tid);
		return;
	}
	for (size_t i = 0; i < res.n; i++) {
		bool first = !bkpt_find(mm, res.t[i].addr);
		r = bkpt_plant(mm, t->tid, res.t[i].addr, BKPT_CALL, res.t[i].name);
		if (r < 0) {
			if (r != -ESRCH)
				note(e, ENGINE_NOTE_PLANT, 0, t->tid);
			continue;
		}
		/* aliases at one address: the largest cap of their names */
		struct bkpt *b = bkpt_find(mm, res.t[i].addr);
		unsigned q = e->fsinks[res.t[i].name].quiet;
		b->quiet_max = first ? q : sink_quiet_join(b->quiet_max, q);
	}
	bkpt_set_ranges(mm, res.ranges, res.nranges);
	if (res.again_at)
		bkpt_plant(mm, t->tid, res.again_at, BKPT_RESOLVE, 0);
	bkpt_resolution_release(&res);
}

/* T has a new program: a new address space, with a one-shot breakpoint
 * at its entry point, where the loader is done. 32-bit programs get
 * none: their libraries are not the ones rxtrace reads. */
static void exec_arm(struct engine *e, struct rx_task *t)
{
	bkpt_mm_unref(t->bkpt);
	t->bkpt = NULL;
	struct user_regs_struct regs;
	uint64_t entry;
	if (ptrace(PTRACE_GETREGS, t->tid, 0L, &regs) < 0 ||
	    regs.cs != USER_CS_64 || bkpt_resolve_entry(t->tid, &entry) < 0)
		return;
	t->bkpt = bkpt_mm_new();
	bkpt_plant(t->bkpt, t->tid, entry, BKPT_RESOLVE, 0);
}

/* Hand a hit to the sinks that want one of the breakpoint's names. */
static void dispatch(struct engine *e, struct rx_task *t, const struct bkpt *b,
		     struct rx_libcall *lc)
{
	if (t->unwatched)
		return;
	FOR_SINKS(e, s) {
		if (!s->ops->libcall)
			continue;
		unsigned local[MAX_FUNC_SINKS], n = 0;
		for (unsigned i = 0; i < b->nfuncs; i++) {
			const struct fname_sinks *fs = &e->fsinks[b->funcs[i]];
			for (unsigned k = 0; k < fs->n && n < MAX_FUNC_SINKS; k++)
				if (fs->sink[k] == s)
					local[n++] = fs->local[k];
		}
		if (!n)
			continue;
		lc->funcs = local;
		lc->nfuncs = n;
		s->ops->libcall(s, t, lc);
	}
}

/* What code RET, a caller never seen, is in: a module mapped after the
 * resolution (dlopen) makes the maps be read again, once per caller. */
static enum bkpt_code new_caller_code(struct rx_task *t, uint64_t addr,
				      uint64_t ret, enum bkpt_code code)
{
	struct bkpt_resolution res;
	if (code != BKPT_CODE_UNKNOWN)
		return code;
	if (bkpt_resolve_ranges(t->tid, t->bkpt, &res) == 0) {
		bkpt_set_ranges(t->bkpt, res.ranges, res.nranges);
		code = bkpt_code_of(t->bkpt, ret);
		bkpt_resolution_release(&res);
	}
	/* code in no file (JIT) is not the program's own, as for stacks */
	if (code == BKPT_CODE_UNKNOWN)
		code = BKPT_CODE_LIBRARY;
	bkpt_caller_set(t->bkpt, addr, ret, code);
	return code;
}

/* T is at breakpoint B of a function (REGS as the trap left them). */
static void on_libcall(struct engine *e, struct rx_task *t, struct bkpt *b,
		       struct user_regs_struct *regs)
{
	struct bkpt_mm *mm = t->bkpt;
	uint64_t addr = b->addr, ret = 0;
	e->res->hits++;
	tracee_read(t->tid, regs->rsp, &ret, sizeof(ret));
	enum bkpt_code code;
	enum bkpt_seen seen = bkpt_caller(mm, b, ret, &code);
	if (seen == BKPT_SEEN_NEW)
		code = new_caller_code(t, addr, ret, code);
	if (code != BKPT_CODE_IGNORED || seen == BKPT_SEEN_QUIET) {
		struct user_regs_struct entry = *regs;
		entry.rip = addr;
		struct rx_libcall lc = {
			.entry = addr, .ret = ret,
			.library = code != BKPT_CODE_PROGRAM,
			.internal = code == BKPT_CODE_IGNORED,
			.last = seen == BKPT_SEEN_QUIET,
			.quiet = bkpt_quiet_max(b), .regs = &entry,
		};
		t->entry_regs = &entry;
		dispatch(e, t, b, &lc);
		t->entry_regs = NULL;
	}
	if (seen == BKPT_SEEN_QUIET) {
		/* disarmed: the real instruction runs, now and from now on */
		bkpt_remove(mm, t->tid, addr);
		regs->rip = addr;
		ptrace(PTRACE_SETREGS, t->tid, 0L, regs);
	} else {
		bkpt_step(mm, t->tid, addr, regs);
	}
}

/* A SIGTRAP: returns true when it was one of our int3s, handled and the
 * task resumed; false for a signal to deliver. */
static bool on_trap(struct engine *e, struct rx_task *t)
{
	struct bkpt_mm *mm = t->bkpt;
	siginfo_t si;
	struct user_regs_struct regs;
	if (ptrace(PTRACE_GETSIGINFO, t->tid, 0L, &si) < 0 ||
	    si.si_code != SI_KERNEL ||
	    ptrace(PTRACE_GETREGS, t->tid, 0L, &regs) < 0)
		return false;
	uint64_t addr = regs.rip - 1;
	struct bkpt *b = bkpt_find(mm, addr);
	if (b && b->kind == BKPT_CALL) {
		on_libcall(e, t, b, &regs);
	} else if (b || bkpt_is_retired(mm, addr)) {
		/* a resolution stop, or a breakpoint removed since this
		 * thread hit it: the real instruction runs */
		if (b)
			bkpt_remove(mm, t->tid, addr);
		regs.rip = addr;
		ptrace(PTRACE_SETREGS, t->tid, 0L, &regs);
		if (b)
			resolve(e, t);
	} else {
		return false;		/* an int3 of the program's own */
	}
	resume(e, t, 0);
	return true;
}

/* Whether two tasks (not threads of one process) share memory: a clone
 * with CLONE_VM and no CLONE_VFORK. */
static bool same_vm(pid_t a, pid_t b)
{
	return syscall(SYS_kcmp, a, b, KCMP_VM, 0L, 0L) == 0;
}

/* The breakpoint table of child C of P, born with event EV: its memory
 * holds P's int3s either way. */
static void child_table(struct rx_task *p, struct rx_task *c, int ev)
{
	if (c->bkpt || !p->bkpt)
		return;
	bool share = ev == PTRACE_EVENT_VFORK ||
		     (ev == PTRACE_EVENT_CLONE &&
		      (c->tgid == rx_task_tgid(p) || same_vm(p->tid, c->tid)));
	c->bkpt = share ? bkpt_mm_ref(p->bkpt) : bkpt_mm_copy(p->bkpt);
}

static void release(struct engine *e, struct rx_task *c)
{
	c->unparented = false;
	if (c->held) {
		c->held = false;
		e->nheld--;
		resume(e, c, 0);
	}
}

/* A task died holding the fork event of a child kept stopped (killed
 * before the event was reported): the child gets a copy of its table. */
static void release_orphans(struct engine *e, struct rx_task *dead)
{
	pid_t tgid = rx_task_tgid(dead);
	for (struct rx_task *c = e->all; c && e->nheld; c = c->lnext) {
		long ppid;
		if (!c->held || status_field(c->tid, "PPid", &ppid) < 0 ||
		    ppid != tgid)
			continue;
		if (dead->bkpt && !c->bkpt)
			c->bkpt = bkpt_mm_copy(dead->bkpt);
		release(e, c);
	}
}

static void on_signal_stop(struct engine *e, struct rx_task *t, int sig)
{
	if (sig == SIGTRAP && t->bkpt && on_trap(e, t))
		return;
	siginfo_t si;
	bool have = ptrace(PTRACE_GETSIGINFO, t->tid, 0L, &si) == 0;
	sinks_signal(e, t, sig, have ? &si : NULL);
	resume(e, t, sig);
}

static void on_exec(struct engine *e, struct rx_task *t)
{
	unsigned long msg = 0;
	ptrace(PTRACE_GETEVENTMSG, t->tid, 0L, &msg);
	pid_t old = (pid_t)msg;
	if (old != t->tid) {
		/* A non-leader thread exec'ed and took over the leader's tid:
		 * its syscall in progress is the one this tid finishes. */
		struct rx_task *o = task_get(e, old);
		if (o) {
			t->call = o->call;
			t->in_syscall = o->in_syscall;
			t->want_exit = o->want_exit;
			t->watched_proc = o->watched_proc;
			o->watched_proc = false;
			task_del(e, o);
		}
	}
	t->tgid = t->tid;
	if (e->cfg->run->unwind)
		unwind_forget(e->cfg->run->unwind, t->tgid);
	if (e->bkpt)
		exec_arm(e, t);
	sinks_exec(e, t, old);
	resume(e, t, 0);
}

static void on_new_child(struct engine *e, struct rx_task *t, int ev)
{
	unsigned long msg = 0;
	if (ptrace(PTRACE_GETEVENTMSG, t->tid, 0L, &msg) == 0 && msg) {
		pid_t tid = (pid_t)msg;
		/* The child's own first stop may have come first. */
		struct rx_task *c = task_get(e, tid);
		if (!c)
			c = task_new(e, tid, 0);
		long tgid = tid;
		/* A clone may be a thread or a process; the flags were in
		 * a register or, for clone3, in memory we did not read. */
		if (ev == PTRACE_EVENT_CLONE &&
		    status_field(tid, "Tgid", &tgid) < 0)
			tgid = 0;
		c->tgid = (pid_t)tgid;
		task_watch(e, c, t);
		child_table(t, c, ev);
		release(e, c);
	}
	resume(e, t, 0);
}

/*
 * Whether every thread of attached address space MM has stopped since the
 * seize. A fork decides whether its child is traced before it copies the
 * memory: a thread forking when it was seized makes an untraced child,
 * which would inherit int3s planted in between and die of SIGTRAP at its
 * first watched call. Once a thread has stopped, its forks are traced.
 */
static bool all_stopped_once(const struct engine *e, const struct bkpt_mm *mm)
{
	for (const struct rx_task *t = e->all; t; t = t->lnext)
		if (t->bkpt == mm && !t->attached)
			return false;
	return true;
}

static void on_stop(struct engine *e, struct rx_task *t, int status)
{
	int sig = WSTOPSIG(status);
	int ev = (unsigned)status >> 16;

	e->res->stops++;
	t->attached = true;
	if (t->unparented && e->bkpt) {
		/* it may run into an inherited int3 before we know which
		 * table is its own */
		if (!t->held)
			e->nheld++;
		t->held = true;
		return;
	}
	if (sig == (SIGTRAP | 0x80)) {
		on_syscall_info(e, t);
		resume(e, t, 0);
		return;
	}
	switch (ev) {
	case PTRACE_EVENT_SECCOMP:
		on_syscall_info(e, t);
		resume(e, t, 0);
		return;
	case PTRACE_EVENT_STOP:
		if (sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN ||
		    sig == SIGTTOU) {
			/* Group-stop: stay stopped until SIGCONT, as without
			 * a tracer, while still reporting to us. */
			if (!t->group_stopped)
				sinks_group_stop(e, t, sig);
			t->group_stopped = true;
			ptrace(PTRACE_LISTEN, t->tid, 0L, 0L);
			return;
		}
		t->group_stopped = false;
		if (t->bkpt && t->bkpt->resolve_at_stop && all_stopped_once(e, t->bkpt))
			resolve(e, t);
		resume(e, t, 0);
		return;
	case PTRACE_EVENT_FORK:
	case PTRACE_EVENT_VFORK:
	case PTRACE_EVENT_CLONE:
		on_new_child(e, t, ev);
		return;
	case PTRACE_EVENT_EXEC:
		on_exec(e, t);
		return;
	case 0:
		on_signal_stop(e, t, sig);
		return;
	default:
		resume(e, t, 0);
		return;
	}
}

static void on_death(struct engine *e, struct rx_task *t, int status)
{
	if (WIFEXITED(status))
		sinks_death(e, t, RX_EXITED, WEXITSTATUS(status), false);
	else
		sinks_death(e, t, RX_KILLED, WTERMSIG(status),
			    WCOREDUMP(status));
	/* its trace ends there, wherever it was */
	if (WIFSIGNALED(status))
		note(e, ENGINE_NOTE_KILLED, WTERMSIG(status), t->tid);
	/* The leader's death is reported last, when the process is gone. */
	if (e->cfg->run->unwind && t->tid == t->tgid)
		unwind_forget(e->cfg->run->unwind, t->tgid);
	if (e->nheld)
		release_orphans(e, t);
	task_del(e, t);
}

/* ---- signals to rxtrace ------------------------------------------------- */

static void on_interrupt(int sig, siginfo_t *si, void *uc)
{
	int saved = errno;
	interrupted++;
	if (forward_pid > 0) {
		/* A terminal signal already reached the whole foreground
		 * group; one sent to rxtrace alone is meant for the command. */
		if (interrupted == 1 && si &&
		    (si->si_code == SI_USER || si->si_code == SI_QUEUE))
			kill(forward_pid, sig);
	} else if (wake_tid > 0) {
		/* Make waitpid return even if the signal landed just before
		 * it blocked. */
		ptrace(PTRACE_INTERRUPT, wake_tid, 0L, 0L);
	}
	errno = saved;
}

static const int interrupt_sigs[] = { SIGINT, SIGTERM, SIGHUP };

struct saved_sigs {
	struct sigaction old[ARRAY_SIZE(interrupt_sigs)];
	struct sigaction pipe;
};

static void signals_setup(struct saved_sigs *s)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	/* No SA_RESTART: waitpid must return EINTR. */
	sa.sa_sigaction = on_interrupt;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	interrupted = 0;
	for (size_t i = 0; i < ARRAY_SIZE(interrupt_sigs); i++)
		sigaction(interrupt_sigs[i], &sa, &s->old[i]);
	/* A closed output pipe must not kill the tracer while it holds
	 * stopped tracees. */
	sa.sa_handler = SIG_IGN;
	sa.sa_flags = 0;
	sigaction(SIGPIPE, &sa, &s->pipe);
}

static void signals_restore(const struct saved_sigs *s)
{
	for (size_t i = 0; i < ARRAY_SIZE(interrupt_sigs); i++)
		sigaction(interrupt_sigs[i], &s->old[i], NULL);
	sigaction(SIGPIPE, &s->pipe, NULL);
}

/* In the child: give the command the dispositions rxtrace found, since an
 * ignored signal stays ignored across execve. */
static void signals_for_child(const struct saved_sigs *s)
{
	struct sigaction dfl;
	memset(&dfl, 0, sizeof(dfl));
	dfl.sa_handler = SIG_DFL;
	for (size_t i = 0; i < ARRAY_SIZE(interrupt_sigs); i++)
		sigaction(interrupt_sigs[i],
			  s->old[i].sa_handler == SIG_IGN ? &s->old[i] : &dfl,
			  NULL);
	sigaction(SIGPIPE, s->pipe.sa_handler == SIG_IGN ? &s->pipe : &dfl,
		  NULL);
}

/* ---- launch ------------------------------------------------------------- */

int engine_find_command(const char *cmd, char *buf, size_t len)
{
	struct stat st;
	if (strchr(cmd, '/')) {
		if ((size_t)snprintf(buf, len, "%s", cmd) >= len)
			return -ENAMETOOLONG;
		if (stat(buf, &st) < 0)
			return -errno;
		if (S_ISDIR(st.st_mode) || access(buf, X_OK) < 0)
			return -EACCES;
		return 0;
	}
	const char *path = getenv("PATH");
	if (!path)
		path = "/usr/local/bin:/usr/bin:/bin";
	int found_noexec = 0;
	while (*path) {
		const char *end = strchrnul(path, ':');
		int n = (int)(end - path);
		if ((size_t)snprintf(buf, len, "%.*s%s%s", n, path,
				     n ? "/" : "", cmd) < len &&
		    stat(buf, &st) == 0 && !S_ISDIR(st.st_mode)) {
			if (access(buf, X_OK) == 0)
				return 0;
			found_noexec = 1;
		}
		path = *end ? end + 1 : end;
	}
	return found_noexec ? -EACCES : -ENOENT;
}

enum { STAGE_FILTER = 1, STAGE_EXEC = 2 };
struct child_err {
	int stage;
	int err;
};

static void __attribute__((noreturn))
child_fail(int fd, int stage, int err)
{
	struct child_err ce = { stage, err };
	ssize_t r = write(fd, &ce, sizeof(ce));
	(void)r;
	_exit(stage != STAGE_EXEC ? RX_EXIT_FAILURE :
	      err == ENOENT ? RX_EXIT_NOTFOUND : RX_EXIT_NOEXEC);
}

/* Record what failed, "WHAT: strerror", for the caller to print. */
static int fail(struct engine *e, int r, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int fail(struct engine *e, int r, const char *fmt, ...)
{
	char *w = e->res->what;
	size_t size = sizeof(e->res->what);
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(w, size, fmt, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n < size)
		snprintf(w + n, size - (size_t)n, ": %s", strerror(-r));
	return r;
}

/*
 * The command's environment with breakpoints: rxtrace's plus
 * LD_BIND_NOW=1, so that the loader fills every GOT slot before the
 * entry point (an empty value means lazy binding, a non-empty one is
 * kept). Only the command's: rxtrace's own environment is left alone.
 * The strings are environ's; free the array only.
 */
static char **bind_now_env(void)
{
	static char bind_now[] = "LD_BIND_NOW=1";
	size_t n = 0, k = 0;
	bool have = false;
	while (environ[n])
		n++;
	char **env = xmalloc((n + 2) * sizeof(*env));
	for (size_t i = 0; i < n; i++) {
		if (!strncmp(environ[i], "LD_BIND_NOW=", 12)) {
			if (!environ[i][12] || have)
				continue;
			have = true;
		}
		env[k++] = environ[i];
	}
	if (!have)
		env[k++] = bind_now;
	env[k] = NULL;
	return env;
}

static int launch(struct engine *e, const struct saved_sigs *sigs,
		  int *errfd)
{
	const struct engine_cfg *cfg = e->cfg;
	const char *cmd = cfg->argv[0];
	char path[PATH_MAX];
	int r = engine_find_command(cmd, path, sizeof(path));
	if (r < 0) {
		e->res->status = r == -ENOENT ? RX_EXIT_NOTFOUND : RX_EXIT_NOEXEC;
		if (r == -ENOENT && !strchr(cmd, '/')) {
			snprintf(e->res->what, sizeof(e->res->what),
				 "%s: command not found", cmd);
			return r;
		}
		return r == -ENOENT ? fail(e, r, "%s", cmd)
				    : fail(e, r, "%s: cannot execute", cmd);
	}

	struct sock_fprog prog;
	if ((r = filter_build(cfg->want, cfg->run->unwind != NULL, &prog)) < 0)
		return fail(e, r, "cannot build the seccomp filter");

	char **env = e->bkpt ? bind_now_env() : environ;
	int sync[2] = { -1, -1 }, errp[2] = { -1, -1 };
	pid_t pid = -1;
	if (pipe2(sync, O_CLOEXEC) < 0 || pipe2(errp, O_CLOEXEC) < 0 ||
	    (pid = fork()) < 0) {
		r = fail(e, -errno, "cannot start %s", cmd);
		goto out;
	}
	if (pid == 0) {
		char c;
		close(sync[1]);
		close(errp[0]);
		signals_for_child(sigs);
		/* Wait until the parent has seized us: a RET_TRACE filter
		 * without a tracer would fail every trapped call. */
		if (read(sync[0], &c, 1) != 1)
			_exit(RX_EXIT_FAILURE);
		int fr = filter_install(&prog);
		if (fr < 0)
			child_fail(errp[1], STAGE_FILTER, -fr);
		execve(path, cfg->argv, env);
		child_fail(errp[1], STAGE_EXEC, errno);
	}

	long opts = PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXEC |
		    PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK |
		    PTRACE_O_TRACECLONE | PTRACE_O_TRACESECCOMP |
		    PTRACE_O_EXITKILL;
	if (ptrace(PTRACE_SEIZE, pid, 0L, (void *)opts) < 0) {
		r = fail(e, -errno, "cannot trace %s", cmd);
		goto out_kill;
	}
	if (write(sync[1], "x", 1) != 1) {
		r = fail(e, -errno, "cannot start %s", cmd);
		goto out_kill;
	}
	e->child = pid;
	task_watch(e, task_new(e, pid, pid), NULL);
	forward_pid = pid;
	*errfd = errp[0];
	errp[0] = -1;
	r = 0;
	goto out;

out_kill:
	/* Still blocked on the sync pipe: it never ran the command. */
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
out:
	for (int i = 0; i < 2; i++) {
		if (sync[i] >= 0)
			close(sync[i]);
		if (errp[i] >= 0)
			close(errp[i]);
	}
	filter_release(&prog);
	if (env != environ)
		free(env);
	return r;
}

/* ---- attach and detach -------------------------------------------------- */

static int status_field(pid_t pid, const char *field, long *val)
{
	char path[64], line[256];
	size_t flen = strlen(field);
	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	FILE *f = fopen(path, "re");
	if (!f)
		return -errno;
	int r = -ENOENT;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, field, flen) && line[flen] == ':') {
			*val = strtol(line + flen + 1, NULL, 10);
			r = 0;
			break;
		}
	fclose(f);
	return r;
}

/* Tracing ourselves or an ancestor that waits for us would deadlock. */
static bool self_or_ancestor(pid_t tgid)
{
	long p = getpid();
	for (int depth = 0; p > 0 && depth < 4096; depth++) {
		if (p == tgid)
			return true;
		if (p == 1 || status_field((pid_t)p, "PPid", &p) < 0)
			break;
	}
	return false;
}

static void attach_error(struct engine *e, pid_t pid, int err)
{
	char extra[64] = "";
	long tracer = 0;
	if (err == EPERM && status_field(pid, "TracerPid", &tracer) == 0 &&
	    tracer > 0)
		snprintf(extra, sizeof(extra), " (already traced by pid %ld)",
			 tracer);
	snprintf(e->res->what, sizeof(e->res->what),
		 "cannot attach to pid %d: %s%s", (int)pid,
		 err == EDEADLK ? "it is rxtrace or one of its ancestors"
				: strerror(err), extra);
}

static int attach_process(struct engine *e, pid_t pid)
{
	long tgid;
	int r = status_field(pid, "Tgid", &tgid);
	if (r < 0)
		return r == -ENOENT ? -ESRCH : r;
	if (self_or_ancestor((pid_t)tgid))
		return -EDEADLK;

	long opts = PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXEC |
		    PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK |
		    PTRACE_O_TRACECLONE;
	char path[64];
	snprintf(path, sizeof(path), "/proc/%ld/task", tgid);
	unsigned attached = 0;
	bool added;
	/* its functions are looked up at the first stop of a thread */
	struct bkpt_mm *mm = NULL;
	if (e->bkpt) {
		mm = bkpt_mm_new();
		mm->resolve_at_stop = true;
	}
	/* Threads can be created by threads not seized yet: rescan until a
	 * pass finds nothing new; later ones come with PTRACE_EVENT_CLONE. */
	do {
		added = false;
		DIR *d = opendir(path);
		if (!d)
			break;
		struct dirent *de;
		while ((de = readdir(d))) {
			pid_t tid = (pid_t)strtol(de->d_name, NULL, 10);
			if (tid <= 0 || task_get(e, tid))
				continue;
			if (ptrace(PTRACE_SEIZE, tid, 0L, (void *)opts) < 0) {
				if (errno == ESRCH) {
					note(e, ENGINE_NOTE_VANISHED, 0, tid);
					continue;
				}
				r = -errno;
				closedir(d);
				bkpt_mm_unref(mm);
				return r;
			}
			struct rx_task *t = task_new(e, tid, (pid_t)tgid);
			task_watch(e, t, NULL);
			if (mm)
				t->bkpt = bkpt_mm_ref(mm);
			ptrace(PTRACE_INTERRUPT, tid, 0L, 0L);
			attached++;
			added = true;
		}
		closedir(d);
	} while (added);
	bkpt_mm_unref(mm);
	return attached ? 0 : -ESRCH;
}

/* SigPnd of /proc/TID/status has SIG: a signal queued for the thread. */
static bool signal_pending(pid_t tid, int sig)
{
	char path[64], line[128];
	snprintf(path, sizeof(path), "/proc/%d/status", (int)tid);
	FILE *f = fopen(path, "re");
	if (!f)
		return false;
	bool pending = false;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "SigPnd:", 7)) {
			pending = strtoull(line + 7, NULL, 16) >> (sig - 1) & 1;
			break;
		}
	fclose(f);
	return pending;
}

/* Stopped T executed an int3 of ours that has been removed since (all
 * are, before a detach): its rip is one byte past a retired address. */
static bool past_retired(struct rx_task *t, struct user_regs_struct *regs)
{
	return ptrace(PTRACE_GETREGS, t->tid, 0L, regs) == 0 &&
	       bkpt_is_retired(t->bkpt, regs->rip - 1);
}

/* At T's stop before its detach: no int3 stays in its memory, and a hit
 * it made is undone. Returns 1 when T is to be detached with no signal,
 * 0 to detach it as usual, -1 when it was resumed to take its SIGTRAP
 * first (the interrupt was reported before it). */
static int detach_bkpt(struct engine *e, struct rx_task *t, int ev, int sig)
{
	struct user_regs_struct regs;
	siginfo_t si;
	if (!t->bkpt)
		return 0;
	int r = bkpt_scrub(t->bkpt, t->tid);
	if (r < 0 && r != -ESRCH)
		note(e, ENGINE_NOTE_REMOVE, 0, t->tid);
	if (ev == 0 && sig == SIGTRAP &&
	    ptrace(PTRACE_GETSIGINFO, t->tid, 0L, &si) == 0 &&
	    si.si_code == SI_KERNEL && past_retired(t, &regs)) {
		regs.rip--;
		ptrace(PTRACE_SETREGS, t->tid, 0L, &regs);
		return 1;
	}
	if (ev == PTRACE_EVENT_STOP && sig == SIGTRAP && past_retired(t, &regs) &&
	    signal_pending(t->tid, SIGTRAP)) {
		ptrace(PTRACE_CONT, t->tid, 0L, 0L);
		return -1;
	}
	return 0;
}

static void detach_one(struct engine *e, struct rx_task *t, int inject)
{
	sinks_detach(e, t);
	ptrace(PTRACE_DETACH, t->tid, 0L, (long)inject);
	task_del(e, t);
}

static void detach_all(struct engine *e)
{
	for (struct rx_task *t = e->all, *next; t; t = next) {
		next = t->lnext;
		if (t->held)
			continue;	/* stopped already: see its parent's event */
		if (ptrace(PTRACE_INTERRUPT, t->tid, 0L, 0L) < 0 &&
		    errno == ESRCH && syscall(SYS_tgkill, t->tgid ? t->tgid : t->tid,
					      t->tid, 0) < 0 && errno == ESRCH)
			task_del(e, t);
	}
	while (e->all && e->nheld < e->cfg->run->ntasks) {
		int st;
		pid_t pid = waitpid(-1, &st, __WALL);
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		struct rx_task *t = task_get(e, pid);
		if (WIFEXITED(st) || WIFSIGNALED(st)) {
			if (t)
				on_death(e, t, st);
			continue;
		}
		if (!WIFSTOPPED(st))
			continue;
		if (!t) {
			t = task_new(e, pid, 0);
			if (e->bkpt) {
				/* it may hold int3s: detached with its
				 * table, at its parent's event */
				t->held = true;
				e->nheld++;
				continue;
			}
		}
		int sig = WSTOPSIG(st), ev = (unsigned)st >> 16, inject = 0;
		if (ev == PTRACE_EVENT_FORK || ev == PTRACE_EVENT_VFORK ||
		    ev == PTRACE_EVENT_CLONE) {
			/* Born during the detach: it is ours until its own
			 * first stop, where it is detached in turn. */
			unsigned long msg = 0;
			struct rx_task *c = NULL;
			if (ptrace(PTRACE_GETEVENTMSG, pid, 0L, &msg) == 0 && msg &&
			    !(c = task_get(e, (pid_t)msg)))
				c = task_new(e, (pid_t)msg, 0);
			if (c) {
				child_table(t, c, ev);
				if (c->held) {
					c->held = false;
					e->nheld--;
					detach_bkpt(e, c, PTRACE_EVENT_STOP, SIGSTOP);
					detach_one(e, c, 0);
				}
			}
		} else if (ev == 0 && sig != (SIGTRAP | 0x80)) {
			inject = sig;	/* a signal on its way: deliver it */
		}
		int b = detach_bkpt(e, t, ev, sig);
		if (b < 0)
			continue;
		detach_one(e, t, b ? 0 : inject);
	}
}

static void kill_all(struct engine *e)
{
	for (struct rx_task *t = e->all; t; t = t->lnext)
		kill(t->tid, SIGKILL);
}

/* ---- the loop ----------------------------------------------------------- */

static int trace_loop(struct engine *e)
{
	bool killed = false;
	for (;;) {
		if (interrupted) {
			if (!e->seccomp) {
				detach_all(e);
				return 0;
			}
			/* Launch mode cannot detach (the filter stays), so
			 * a second request stops the command for good. */
			if (interrupted >= 2 && !killed) {
				kill_all(e);
				killed = true;
			}
		}
		int st;
		pid_t pid = waitpid(-1, &st, __WALL);
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			if (errno == ECHILD)
				return 0;
			return -errno;
		}
		struct rx_task *t = task_get(e, pid);
		if (WIFEXITED(st) || WIFSIGNALED(st)) {
			if (pid == e->child) {
				e->child_status = st;
				e->child_reaped = true;
			}
			if (t)
				on_death(e, t, st);
			continue;
		}
		if (!WIFSTOPPED(st))
			continue;
		if (!t) {
			t = task_new(e, pid, 0);
			t->unparented = true;
		}
		on_stop(e, t, st);
	}
}

static int exit_status(int st)
{
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	if (WIFSIGNALED(st))
		return 128 + WTERMSIG(st);
	return RX_EXIT_FAILURE;
}

int engine_run(const struct engine_cfg *cfg, struct engine_result *res)
{
	struct engine e = { .cfg = cfg, .res = res };
	struct saved_sigs sigs;
	int errfd = -1, r;

	memset(res, 0, sizeof(*res));
	res->status = RX_EXIT_FAILURE;
	cfg->run->ntasks = 0;
	forward_pid = 0;
	wake_tid = 0;
	if ((r = sysent_init()) < 0) {
		snprintf(res->what, sizeof(res->what),
			 "cannot read the syscall table: %s", strerror(-r));
		return r;
	}
	e.se_clone = sysent_by_name("clone");
	e.se_clone3 = sysent_by_name("clone3");
	functions_setup(&e);
	signals_setup(&sigs);

	if (cfg->argv) {
		e.seccomp = true;
		r = launch(&e, &sigs, &errfd);
		if (r < 0)
			goto out;
	} else {
		for (unsigned i = 0; i < cfg->npids; i++) {
			r = attach_process(&e, cfg->pids[i]);
			if (r < 0) {
				attach_error(&e, cfg->pids[i], -r);
				detach_all(&e);
				goto out;
			}
		}
		wake_tid = cfg->pids[0];
	}

	r = trace_loop(&e);
	if (r < 0) {
		snprintf(res->what, sizeof(res->what), "waitpid: %s",
			 strerror(-r));
		if (!e.seccomp)
			detach_all(&e);
		goto out;
	}

	res->status = 0;
	if (e.seccomp) {
		struct child_err ce;
		if (read(errfd, &ce, sizeof(ce)) == sizeof(ce)) {
			if (ce.stage == STAGE_EXEC) {
				snprintf(res->what, sizeof(res->what),
					 "%s: cannot execute: %s",
					 cfg->argv[0], strerror(ce.err));
				res->status = ce.err == ENOENT ? RX_EXIT_NOTFOUND
							       : RX_EXIT_NOEXEC;
			} else {
				snprintf(res->what, sizeof(res->what),
					 "cannot install the seccomp filter: %s",
					 strerror(ce.err));
				res->status = RX_EXIT_FAILURE;
			}
			r = -ce.err;
			goto out;
		}
		if (e.child_reaped)
			res->status = exit_status(e.child_status);
	}
out:
	if (errfd >= 0)
		close(errfd);
	forward_pid = 0;
	wake_tid = 0;
	signals_restore(&sigs);
	tasks_free(&e);
	functions_free(&e);
	return r;
}
