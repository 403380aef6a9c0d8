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

#include "engine.h"
#include "filter.h"
#include "sysent.h"
#include "tracee.h"
#include "util.h"

#ifndef CLONE_UNTRACED
#define CLONE_UNTRACED 0x00800000
#endif
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
};

/* Set by the signal handler; the loop acts between events. */
static volatile sig_atomic_t interrupted;
static volatile pid_t forward_pid;	/* launch mode: the command */
static volatile pid_t wake_tid;		/* attach mode: a task to interrupt */

static int status_field(pid_t pid, const char *field, long *val);

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
	t->lnext = e->spare;
	e->spare = t;
	e->cfg->run->ntasks--;
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
	FOR_SINKS(e, s)
		if (s->ops->syscall_entry)
			need_exit |= s->ops->syscall_entry(s, t);
	return need_exit;
}

static void sinks_exit(struct engine *e, struct rx_task *t)
{
	FOR_SINKS(e, s)
		if (s->ops->syscall_exit)
			s->ops->syscall_exit(s, t);
}

static void sinks_signal(struct engine *e, struct rx_task *t, int sig,
			 const siginfo_t *si)
{
	FOR_SINKS(e, s)
		if (s->ops->signal)
			s->ops->signal(s, t, sig, si);
}

static void sinks_group_stop(struct engine *e, struct rx_task *t, int sig)
{
	FOR_SINKS(e, s)
		if (s->ops->group_stop)
			s->ops->group_stop(s, t, sig);
}

static void sinks_exec(struct engine *e, struct rx_task *t, pid_t old)
{
	FOR_SINKS(e, s)
		if (s->ops->exec)
			s->ops->exec(s, t, old);
}

static void sinks_death(struct engine *e, struct rx_task *t,
			enum rx_death how, int code, bool core)
{
	FOR_SINKS(e, s)
		if (s->ops->death)
			s->ops->death(s, t, how, code, core);
}

static void sinks_detach(struct engine *e, struct rx_task *t)
{
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
static void untraced_clone(struct rx_task *t, const struct rx_call *c)
{
	if (!strcmp(c->se->name, "clone")) {
		if (c->args[0] & CLONE_UNTRACED)
			ptrace(PTRACE_POKEUSER, t->tid, (void *)arg_reg[c->abi][0],
			       (void *)(uintptr_t)(c->args[0] & ~(uint64_t)CLONE_UNTRACED));
	} else if (c->abi == ABI_X86_64) {
		uint64_t flags;
		if (tracee_read(t->tid, c->args[0], &flags, sizeof(flags)) ==
		    sizeof(flags) && (flags & CLONE_UNTRACED))
			ptrace(PTRACE_POKEUSER, t->tid,
			       (void *)offsetof(struct user_regs_struct, orig_rax),
			       (void *)-1L);
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
		untraced_clone(t, c);
	/* Stopped at entry, before the mapping exists: the modules are
	 * reported again at the next stack, not now. */
	if (e->cfg->run->unwind && c->se &&
	    filter_changes_exec_maps(c->se, c->args))
		unwind_maps_changed(e->cfg->run->unwind, rx_task_tgid(t));

	const struct filter_spec *want = e->cfg->want;
	bool selected = c->se ? filter_spec_match(want, sysent_index(c->se), c->args)
			      : want->all.unknown_new;
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
	struct __ptrace_syscall_info si;
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

static void on_signal_stop(struct engine *e, struct rx_task *t, int sig)
{
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
			task_del(e, o);
		}
	}
	t->tgid = t->tid;
	if (e->cfg->run->unwind)
		unwind_forget(e->cfg->run->unwind, t->tgid);
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
	}
	resume(e, t, 0);
}

static void on_stop(struct engine *e, struct rx_task *t, int status)
{
	int sig = WSTOPSIG(status);
	int ev = (unsigned)status >> 16;

	e->res->stops++;
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
	/* The leader's death is reported last, when the process is gone. */
	if (e->cfg->run->unwind && t->tid == t->tgid)
		unwind_forget(e->cfg->run->unwind, t->tgid);
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
		execv(path, cfg->argv);
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
	task_new(e, pid, pid);
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
	/* Threads can be created by threads not seized yet: rescan until a
	 * pass finds nothing new; later ones come with PTRACE_EVENT_CLONE. */
	do {
		added = false;
		DIR *d = opendir(path);
		if (!d)
			return attached ? 0 : -ESRCH;
		struct dirent *de;
		while ((de = readdir(d))) {
			pid_t tid = (pid_t)strtol(de->d_name, NULL, 10);
			if (tid <= 0 || task_get(e, tid))
				continue;
			if (ptrace(PTRACE_SEIZE, tid, 0L, (void *)opts) < 0) {
				if (errno == ESRCH)
					continue;
				r = -errno;
				closedir(d);
				return r;
			}
			task_new(e, tid, (pid_t)tgid);
			ptrace(PTRACE_INTERRUPT, tid, 0L, 0L);
			attached++;
			added = true;
		}
		closedir(d);
	} while (added);
	return attached ? 0 : -ESRCH;
}

static void detach_all(struct engine *e)
{
	for (struct rx_task *t = e->all, *next; t; t = next) {
		next = t->lnext;
		if (ptrace(PTRACE_INTERRUPT, t->tid, 0L, 0L) < 0 &&
		    errno == ESRCH && syscall(SYS_tgkill, t->tgid ? t->tgid : t->tid,
					      t->tid, 0) < 0 && errno == ESRCH)
			task_del(e, t);
	}
	while (e->all) {
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
		if (!t)
			t = task_new(e, pid, 0);
		int sig = WSTOPSIG(st), ev = (unsigned)st >> 16, inject = 0;
		if (ev == PTRACE_EVENT_FORK || ev == PTRACE_EVENT_VFORK ||
		    ev == PTRACE_EVENT_CLONE) {
			/* Born during the detach: it is ours until its own
			 * first stop, where it is detached in turn. */
			unsigned long msg = 0;
			if (ptrace(PTRACE_GETEVENTMSG, pid, 0L, &msg) == 0 &&
			    msg && !task_get(e, (pid_t)msg))
				task_new(e, (pid_t)msg, 0);
		} else if (ev == 0 && sig != (SIGTRAP | 0x80)) {
			inject = sig;	/* a signal on its way: deliver it */
		}
		sinks_detach(e, t);
		ptrace(PTRACE_DETACH, pid, 0L, (long)inject);
		task_del(e, t);
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
		if (!t)
			t = task_new(e, pid, 0);
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
	return r;
}
