/* stress - tracee for the e2e stress and attach-safety tests: one program,
 * one mode per case. Every mode checks its own results and exits 1 with
 * a diagnostic on stderr when something came out wrong (a call returned
 * a wrong value, a child's status was not its own, a handler did not
 * run), so that a tracer that loses or corrupts an event shows as a
 * wrong exit status, not only as missing trace lines.
 *
 *   stress threads N M    N threads behind a barrier, each M rounds of
 *                         getppid() and strcpy(); "stress threads ok N"
 *   stress forks N        N fork children at once, child i calls getppid()
 *                         and exits with 1 + i % 100; the parent reaps them
 *                         all and checks each status; "stress forks ok N"
 *   stress exec N         execve of itself with N-1 ... 0 (one process);
 *                         "stress exec ok" at 0
 *   stress exec-thread T K  T threads calling getppid(); the last one (not
 *                         the leader) execs "exec-thread T K-1" while the
 *                         others are in their calls; K = 0: "exec 0"
 *   stress vfork N        N times vfork + execve(itself, "status", K),
 *                         K = 1 + i % 50, each status checked;
 *                         "stress vfork ok N"
 *   stress status K       exit with status K
 *   stress traceme        ptrace(PTRACE_TRACEME) in the process and in a
 *                         fork child: under a tracer both fail with EPERM;
 *                         "traceme EPERM 2" (exit 1 when a call succeeds)
 *   stress traps N        4 threads, each raise(SIGTRAP) and its own int3
 *                         N times, and strcpy(); a SIGTRAP handler counts
 *                         per thread: "stress traps ok 4" when each thread
 *                         counted 2N
 *   stress blocked PIDFILE  a fork child blocks in read() on a pipe and is
 *                         SIGKILLed by us ("child killed"); then we write
 *                         our pid and block in read() ourselves, forever
 *   stress orphan FILE    a child forks a grandchild and exits unreaped;
 *                         we exit with 3 at once. The grandchild waits
 *                         until it is reparented and we are reaped, calls
 *                         getppid(), writes "grandchild done" to FILE and
 *                         exits 0
 *   stress work T W PIDFILE ADDRFILE HOLDFILE PROGRESS [SLEEP_US]
 *                         T threads, W iterations each of strcpy(),
 *                         getppid() and a checksum step (then a nanosleep
 *                         of SLEEP_US, default 1000; 0 for none); halfway
 *                         every thread spins on for as long as HOLDFILE
 *                         exists. Writes strcpy's address to ADDRFILE and
 *                         the pid to PIDFILE once every thread runs; the
 *                         main thread keeps the total iteration count in
 *                         PROGRESS (one line, rewritten in place). Ends
 *                         with "stress work ok CHECKSUM" (a function of T
 *                         and W only: "work T W - - - - 0" natively gives
 *                         it) or "stress work BAD N". Runs in a process
 *                         group of its own (SIGTSTP stops it)
 *   stress forkloop T PIDFILE HOLDFILE
 *                         T threads fork children in a loop for as long as
 *                         HOLDFILE exists (at least 10 each); every child
 *                         calls strcpy() and getppid() and must exit 0:
 *                         "stress forkloop ok", else "stress forkloop BAD
 *                         N" and the first bad status on stderr
 *   stress spin PIDFILE   the process and a fork child loop forever
 *                         (getppid, nanosleep); PIDFILE gets "PID CHILD"
 */
#pragma GCC optimize("O0")
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* also set by config.h, included by the Makefile */
#endif
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "number.h"

#define TRAP_THREADS 4
#define MAX_THREADS 256
#define MAX_FORKS 2000

static char self[PATH_MAX];
static char src[32];		/* a source the compiler cannot see through */
static pid_t ppid0;

static void die(const char *what)
{
	fprintf(stderr, "stress: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void nap_us(long us)
{
	struct timespec ts = { us / 1000000, (us % 1000000) * 1000 };
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

static int copy_ok(void)
{
	char dst[64];
	strcpy(dst, src);
	return strcmp(dst, src) == 0;
}

/* PATH gets "A\n" or "A B\n" (B > 0) at once: a reader never sees a
 * part of it. */
static int write_file(const char *path, unsigned long a, unsigned long b)
{
	char tmp[PATH_MAX + 8];
	FILE *f;

	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	f = fopen(tmp, "we");
	if (!f || (b ? fprintf(f, "%lu %lu\n", a, b) : fprintf(f, "%lu\n", a)) < 0 ||
	    fclose(f) != 0 ||
	    rename(tmp, path) < 0)
		return -1;
	return 0;
}

static void exec_self(char *const argv[])
{
	execv(self, argv);
	die("execv");
}

/* ---- threads ------------------------------------------------------------- */

static pthread_barrier_t barrier;
static long rounds;

static void *threads_worker(void *arg)
{
	long bad = 0;

	(void)arg;
	pthread_barrier_wait(&barrier);
	for (long i = 0; i < rounds; i++) {
		if (getppid() != ppid0)
			bad++;
		if (!copy_ok())
			bad++;
	}
	return (void *)bad;
}

static int mode_threads(long n, long m)
{
	pthread_t th[MAX_THREADS];
	long bad = 0;

	rounds = m;
	pthread_barrier_init(&barrier, NULL, (unsigned)n);
	for (long i = 0; i < n; i++)
		if ((errno = pthread_create(&th[i], NULL, threads_worker, NULL)))
			die("pthread_create");
	for (long i = 0; i < n; i++) {
		void *r;
		if ((errno = pthread_join(th[i], &r)))
			die("pthread_join");
		bad += (long)r;
	}
	if (bad) {
		fprintf(stderr, "stress: %ld bad results\n", bad);
		return 1;
	}
	printf("stress threads ok %ld\n", n);
	return 0;
}

/* ---- forks --------------------------------------------------------------- */

static int mode_forks(long n)
{
	static pid_t pids[MAX_FORKS];
	pid_t me = getpid();
	long bad = 0;

	fflush(stdout);
	for (long i = 0; i < n; i++) {
		pids[i] = fork();
		if (pids[i] < 0)
			die("fork");
		if (pids[i] == 0)
			_exit(getppid() == me ? (int)(1 + i % 100) : 0);
	}
	for (long k = 0; k < n; k++) {
		int st;
		pid_t p = waitpid(-1, &st, 0);
		if (p < 0)
			die("waitpid");
		long i = 0;
		while (i < n && pids[i] != p)
			i++;
		if (i == n || !WIFEXITED(st) || WEXITSTATUS(st) != 1 + i % 100) {
			fprintf(stderr, "stress: child %d: status 0x%x\n", (int)p, st);
			bad++;
		}
	}
	if (waitpid(-1, NULL, WNOHANG) != -1 || errno != ECHILD) {
		fprintf(stderr, "stress: more children than forked\n");
		bad++;
	}
	if (bad)
		return 1;
	printf("stress forks ok %ld\n", n);
	return 0;
}

/* ---- execs ---------------------------------------------------------------- */

static int mode_exec(long n)
{
	char arg[32];

	if (n == 0) {
		printf("stress exec ok\n");
		return 0;
	}
	snprintf(arg, sizeof(arg), "%ld", n - 1);
	exec_self((char *const[]){ self, "exec", arg, NULL });
	return 1;
}

static long exec_threads, exec_left;
static pthread_barrier_t exec_barrier;

static void *exec_worker(void *arg)
{
	long idx = (long)arg;

	pthread_barrier_wait(&exec_barrier);
	if (idx == exec_threads - 1) {
		char t[32], k[32];
		/* let the others get into their calls first */
		for (int i = 0; i < 100; i++)
			getppid();
		snprintf(t, sizeof(t), "%ld", exec_threads);
		snprintf(k, sizeof(k), "%ld", exec_left - 1);
		exec_self((char *const[]){ self, "exec-thread", t, k, NULL });
	}
	for (;;)
		if (getppid() != ppid0)
			_exit(1);
	return NULL;
}

static int mode_exec_thread(long t, long k)
{
	pthread_t th;

	if (k == 0)
		exec_self((char *const[]){ self, "exec", "0", NULL });
	exec_threads = t;
	exec_left = k;
	pthread_barrier_init(&exec_barrier, NULL, (unsigned)t);
	for (long i = 0; i < t; i++)
		if ((errno = pthread_create(&th, NULL, exec_worker, (void *)i)))
			die("pthread_create");
	pthread_exit(NULL);	/* the leader waits as a zombie thread */
}

static int mode_vfork(long n)
{
	long bad = 0;

	for (long i = 0; i < n; i++) {
		char k[32];
		int st;
		snprintf(k, sizeof(k), "%ld", 1 + i % 50);
		pid_t p = vfork();
		if (p < 0)
			die("vfork");
		if (p == 0) {
			execv(self, (char *const[]){ self, "status", k, NULL });
			_exit(127);
		}
		if (waitpid(p, &st, 0) != p)
			die("waitpid");
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 1 + i % 50) {
			fprintf(stderr, "stress: vfork child %ld: status 0x%x\n", i, st);
			bad++;
		}
	}
	if (bad)
		return 1;
	printf("stress vfork ok %ld\n", n);
	return 0;
}

/* ---- signals -------------------------------------------------------------- */

static int traceme_fails(void)
{
	errno = 0;
	long r = ptrace(PTRACE_TRACEME, 0, NULL, NULL);
	if (r == -1 && errno == EPERM)
		return 1;
	fprintf(stderr, "stress: ptrace(PTRACE_TRACEME) = %ld (%s)\n", r,
		strerror(errno));
	return 0;
}

static int mode_traceme(void)
{
	int n = traceme_fails(), st;

	fflush(stdout);
	pid_t p = fork();
	if (p < 0)
		die("fork");
	if (p == 0)
		_exit(traceme_fails() ? 0 : 1);
	if (waitpid(p, &st, 0) != p)
		die("waitpid");
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		n++;
	printf("traceme EPERM %d\n", n);
	return n != 2;
}

static __thread long traps_seen;
static long trap_rounds;

static void on_trap(int sig)
{
	(void)sig;
	traps_seen++;
}

static void *traps_worker(void *arg)
{
	long bad = 0;

	(void)arg;
	pthread_barrier_wait(&barrier);
	for (long i = 0; i < trap_rounds; i++) {
		raise(SIGTRAP);
		__asm__ volatile("int3");
		if (!copy_ok())
			bad++;
	}
	if (traps_seen != 2 * trap_rounds) {
		fprintf(stderr, "stress: thread saw %ld traps, expected %ld\n",
			traps_seen, 2 * trap_rounds);
		bad++;
	}
	return (void *)bad;
}

static int mode_traps(long n)
{
	pthread_t th[TRAP_THREADS];
	struct sigaction sa;
	long bad = 0;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_trap;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGTRAP, &sa, NULL) < 0)
		die("sigaction");
	trap_rounds = n;
	pthread_barrier_init(&barrier, NULL, TRAP_THREADS);
	for (int i = 0; i < TRAP_THREADS; i++)
		if ((errno = pthread_create(&th[i], NULL, traps_worker, NULL)))
			die("pthread_create");
	for (int i = 0; i < TRAP_THREADS; i++) {
		void *r;
		if ((errno = pthread_join(th[i], &r)))
			die("pthread_join");
		bad += (long)r;
	}
	if (bad)
		return 1;
	printf("stress traps ok %d\n", TRAP_THREADS);
	return 0;
}

/* Whether task P is blocked in read(2): /proc/P/syscall starts with its
 * number while it sleeps in it. */
static int in_read(pid_t p)
{
	char path[64], buf[64] = "";
	snprintf(path, sizeof(path), "/proc/%d/syscall", (int)p);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	ssize_t n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	return n > 2 && !strncmp(buf, "0 ", 2);
}

static int mode_blocked(const char *pidfile)
{
	int pfd[2], st;
	char c;

	if (pipe(pfd) < 0)
		die("pipe");
	fflush(stdout);
	pid_t p = fork();
	if (p < 0)
		die("fork");
	if (p == 0) {
		close(pfd[1]);
		(void)!read(pfd[0], &c, 1);
		_exit(1);	/* never: we hold the write end */
	}
	for (int i = 0; !in_read(p); i++) {
		if (i == 60000) {
			fprintf(stderr, "stress: the child never blocked in read\n");
			return 1;
		}
		nap_us(1000);
	}
	kill(p, SIGKILL);
	if (waitpid(p, &st, 0) != p)
		die("waitpid");
	if (!WIFSIGNALED(st) || WTERMSIG(st) != SIGKILL) {
		fprintf(stderr, "stress: child status 0x%x\n", st);
		return 1;
	}
	printf("child killed\n");
	fflush(stdout);
	if (write_file(pidfile, (unsigned long)getpid(), 0) < 0)
		die(pidfile);
	(void)!read(pfd[0], &c, 1);
	fprintf(stderr, "stress: read returned\n");
	return 1;
}

static int mode_orphan(const char *file)
{
	pid_t top = getpid();

	fflush(stdout);
	pid_t c = fork();
	if (c < 0)
		die("fork");
	if (c > 0)
		return 3;	/* the child is left to be reaped by someone else */
	pid_t mid = getpid();
	pid_t g = fork();
	if (g < 0)
		die("fork");
	if (g > 0)
		_exit(0);
	/* the grandchild: at most 60 s for each wait */
	int i;
	for (i = 0; i < 60000 && getppid() == mid; i++)
		nap_us(1000);
	for (; i < 120000 && (kill(top, 0) == 0 || errno != ESRCH); i++)
		nap_us(1000);
	if (i >= 120000)
		_exit(1);
	FILE *f = fopen(file, "we");
	if (!f || fprintf(f, "grandchild done\n") < 0 || fclose(f) != 0)
		_exit(1);
	_exit(0);
}

/* ---- long runners --------------------------------------------------------- */

struct worker {
	pthread_t th;
	unsigned idx;
	uint64_t sum;
	long bad;
	volatile long done;	/* iterations, the held ones included */
};

static long work_iters, work_sleep_us;
static const char *holdfile;

static void work_step(struct worker *w)
{
	if (getppid() != ppid0)
		w->bad++;
	if (!copy_ok())
		w->bad++;
	w->done++;
	if (work_sleep_us)
		nap_us(work_sleep_us);
}

static void *work_main(void *arg)
{
	struct worker *w = arg;
	uint64_t x = 0x9e3779b97f4a7c15ULL * (w->idx + 1);

	pthread_barrier_wait(&barrier);
	for (long i = 0; i < work_iters; i++) {
		if (holdfile && i == work_iters / 2)
			while (access(holdfile, F_OK) == 0)
				work_step(w);
		work_step(w);
		x ^= (uint64_t)i;
		x *= 0x100000001b3ULL;
		x ^= x >> 29;
	}
	w->sum = x;
	return NULL;
}

static const char *opt_path(const char *s)
{
	return s[0] && strcmp(s, "-") ? s : NULL;
}

static int mode_work(char **argv)
{
	long nthreads = prog_number("stress", argv[2], 1, MAX_THREADS);
	const char *pidfile = opt_path(argv[4]), *addrfile = opt_path(argv[5]);
	const char *progress = opt_path(argv[7]);
	struct worker w[MAX_THREADS];
	char *(*volatile copy)(char *, const char *) = strcpy;
	uint64_t total = (uint64_t)nthreads;
	long bad = 0;
	int pfd = -1;

	/* SIGTSTP is discarded in an orphaned process group: in one of its
	 * own, under a parent in another group, it never is */
	setpgid(0, 0);
	work_iters = prog_number("stress", argv[3], 0, 1L << 40);
	holdfile = opt_path(argv[6]);
	work_sleep_us = argv[8] ? prog_number("stress", argv[8], 0, 1000000) : 1000;
	if (progress &&
	    (pfd = open(progress, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) < 0)
		die(progress);
	memset(w, 0, sizeof(w));
	pthread_barrier_init(&barrier, NULL, (unsigned)nthreads + 1);
	for (long i = 0; i < nthreads; i++) {
		w[i].idx = (unsigned)i;
		if ((errno = pthread_create(&w[i].th, NULL, work_main, &w[i])))
			die("pthread_create");
	}
	pthread_barrier_wait(&barrier);
	/* the address of an IFUNC in a PIE is the implementation's */
	if (addrfile && write_file(addrfile, (unsigned long)(uintptr_t)copy, 0) < 0)
		die(addrfile);
	if (pidfile && write_file(pidfile, (unsigned long)getpid(), 0) < 0)
		die(pidfile);
	for (long i = 0; i < nthreads; i++) {
		while (pfd >= 0 && pthread_tryjoin_np(w[i].th, NULL) == EBUSY) {
			char line[32];
			long n = 0;
			for (long k = 0; k < nthreads; k++)
				n += w[k].done;
			int len = snprintf(line, sizeof(line), "%20ld\n", n);
			if (pwrite(pfd, line, (size_t)len, 0) != len)
				die(progress);
			nap_us(10000);
		}
		if (pfd < 0 && (errno = pthread_join(w[i].th, NULL)))
			die("pthread_join");
		total = total * 31 + w[i].sum;
		bad += w[i].bad;
	}
	if (bad) {
		printf("stress work BAD %ld\n", bad);
		return 1;
	}
	printf("stress work ok %016" PRIx64 "\n", total);
	return 0;
}

static const char *fork_hold;

static void *forkloop_main(void *arg)
{
	pid_t me = getpid();
	long bad = 0;

	(void)arg;
	pthread_barrier_wait(&barrier);
	for (long i = 0; i < 10 || access(fork_hold, F_OK) == 0; i++) {
		int st;
		pid_t p = fork();
		if (p < 0)
			die("fork");
		if (p == 0)
			_exit(copy_ok() && getppid() == me ? 0 : 1);
		if (waitpid(p, &st, 0) != p)
			die("waitpid");
		if (st && !bad++)
			fprintf(stderr, "stress: child %d status 0x%x\n", (int)p, st);
	}
	return (void *)bad;
}

static int mode_forkloop(long t, const char *pidfile, const char *hold)
{
	pthread_t th[MAX_THREADS];
	long bad = 0;

	fork_hold = hold;
	pthread_barrier_init(&barrier, NULL, (unsigned)t + 1);
	for (long i = 0; i < t; i++)
		if ((errno = pthread_create(&th[i], NULL, forkloop_main, NULL)))
			die("pthread_create");
	pthread_barrier_wait(&barrier);
	if (write_file(pidfile, (unsigned long)getpid(), 0) < 0)
		die(pidfile);
	for (long i = 0; i < t; i++) {
		void *r;
		if ((errno = pthread_join(th[i], &r)))
			die("pthread_join");
		bad += (long)r;
	}
	if (bad) {
		printf("stress forkloop BAD %ld\n", bad);
		return 1;
	}
	printf("stress forkloop ok\n");
	return 0;
}

static void __attribute__((noreturn)) mode_spin(const char *pidfile)
{
	pid_t p = fork();
	if (p < 0)
		die("fork");
	if (p > 0 && write_file(pidfile, (unsigned long)getpid(), (unsigned long)p) < 0)
		die(pidfile);
	for (;;) {
		getppid();
		nap_us(1000);
	}
}

int main(int argc, char **argv)
{
	const char *m = argc > 1 ? argv[1] : "";
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);

	if (n < 0)
		die("readlink /proc/self/exe");
	self[n] = '\0';
	snprintf(src, sizeof(src), "stress-%d", 42);
	ppid0 = getppid();
	if (!strcmp(m, "threads") && argc == 4)
		return mode_threads(prog_number("stress", argv[2], 1, MAX_THREADS),
				    prog_number("stress", argv[3], 0, 1L << 30));
	if (!strcmp(m, "forks") && argc == 3)
		return mode_forks(prog_number("stress", argv[2], 1, MAX_FORKS));
	if (!strcmp(m, "exec") && argc == 3)
		return mode_exec(prog_number("stress", argv[2], 0, 100000));
	if (!strcmp(m, "exec-thread") && argc == 4)
		return mode_exec_thread(prog_number("stress", argv[2], 2, MAX_THREADS),
					prog_number("stress", argv[3], 0, 100000));
	if (!strcmp(m, "vfork") && argc == 3)
		return mode_vfork(prog_number("stress", argv[2], 1, 100000));
	if (!strcmp(m, "status") && argc == 3)
		return (int)prog_number("stress", argv[2], 0, 255);
	if (!strcmp(m, "traceme") && argc == 2)
		return mode_traceme();
	if (!strcmp(m, "traps") && argc == 3)
		return mode_traps(prog_number("stress", argv[2], 1, 1L << 20));
	if (!strcmp(m, "blocked") && argc == 3)
		return mode_blocked(argv[2]);
	if (!strcmp(m, "orphan") && argc == 3)
		return mode_orphan(argv[2]);
	if (!strcmp(m, "work") && (argc == 8 || argc == 9))
		return mode_work(argv);
	if (!strcmp(m, "forkloop") && argc == 5)
		return mode_forkloop(prog_number("stress", argv[2], 1, MAX_THREADS),
				     argv[3], argv[4]);
	if (!strcmp(m, "spin") && argc == 3)
		mode_spin(argv[2]);
	fprintf(stderr, "usage: stress MODE ARGS... (see tests/progs/stress.c)\n");
	return 2;
}
