/* signals - tracee for the e2e signal tests.
 *
 *   signals usr1   install a SIGUSR1 handler, kill(getpid(), SIGUSR1)
 *                  (si_code SI_USER); prints "usr1 handled" when the
 *                  handler ran
 *   signals stop   fork a helper that sends SIGCONT to us every 100 ms
 *                  until we tell it (through a pipe) that we resumed;
 *                  raise(SIGSTOP); print "resumed". Fails (exit 1, "did
 *                  not stop" on stderr) when the process demonstrably
 *                  went on without being continued
 *   signals tstp   the same with SIGTSTP; first moves itself into its own
 *                  process group so the group is not orphaned (the kernel
 *                  discards SIGTSTP in an orphaned process group)
 *   signals trap   install a SIGTRAP handler and raise(SIGTRAP); prints
 *                  "trap handled" when the handler ran (a tracer must
 *                  deliver the signal, not take it for one of its own
 *                  stops)
 *   signals segv   store through a NULL pointer: dies with SIGSEGV
 *                  (RLIMIT_CORE is set to 0 first, so no core is dumped)
 *   signals kill   kill(getpid(), SIGKILL)
 *
 * Exit status 0 on success, 1 on failure (diagnostic on stderr).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* also set by config.h, included by the Makefile */
#endif
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t got;

static void handler(int sig)
{
	got = sig;
}

static int catch_signal(int sig, const char *msg, int use_kill)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sigemptyset(&sa.sa_mask);
	if (sigaction(sig, &sa, NULL) < 0) {
		perror("signals: sigaction");
		return 1;
	}
	if (use_kill)
		kill(getpid(), sig);
	else
		raise(sig);
	if (got != sig) {
		fprintf(stderr, "signals: handler for %s did not run\n",
			strsignal(sig));
		return 1;
	}
	printf("%s\n", msg);
	return 0;
}

/* The helper: SIGCONT to the parent every 100 ms until the parent writes
 * a byte (it resumed) or closes the pipe (it died); at most 60 s. Sending
 * repeatedly makes the test independent of how long the parent takes to
 * reach its stop under a tracer. The pipe is read before each SIGCONT: a
 * byte there before the first SIGCONT means the parent never stopped
 * (e.g. a tracer resumed it from its group stop): exit status 2. */
static void cont_helper(int rfd, pid_t parent)
{
	struct timespec ts = { 0, 100 * 1000 * 1000 };
	char c;

	fcntl(rfd, F_SETFL, O_NONBLOCK);
	for (int i = 0; i < 600; i++) {
		nanosleep(&ts, NULL);
		ssize_t n = read(rfd, &c, 1);
		if (n == 1 && i == 0)
			_exit(2);	/* resumed without a SIGCONT */
		if (n >= 0)		/* a byte, or EOF */
			_exit(0);
		kill(parent, SIGCONT);
	}
	_exit(1);
}

static int stop_and_resume(int sig)
{
	int pfd[2], status;
	pid_t pid, r;

	if (sig == SIGTSTP)
		setpgid(0, 0);	/* may fail (session leader): then so be it */
	if (pipe(pfd) < 0) {
		perror("signals: pipe");
		return 1;
	}
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		perror("signals: fork");
		return 1;
	}
	if (pid == 0) {
		close(pfd[1]);
		cont_helper(pfd[0], getppid());
	}
	close(pfd[0]);
	raise(sig);
	printf("resumed\n");
	fflush(stdout);
	if (write(pfd[1], "x", 1) != 1)
		perror("signals: write");
	close(pfd[1]);
	do
		r = waitpid(pid, &status, 0);
	while (r < 0 && errno == EINTR);
	if (r == pid && WIFEXITED(status) && WEXITSTATUS(status) == 2) {
		fprintf(stderr, "signals: %s did not stop the process\n",
			sig == SIGSTOP ? "SIGSTOP" : "SIGTSTP");
		return 1;
	}
	if (r != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "signals: SIGCONT helper failed (0x%x)\n", status);
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";

	if (!strcmp(mode, "usr1"))
		return catch_signal(SIGUSR1, "usr1 handled", 1);
	if (!strcmp(mode, "trap"))
		return catch_signal(SIGTRAP, "trap handled", 0);
	if (!strcmp(mode, "stop"))
		return stop_and_resume(SIGSTOP);
	if (!strcmp(mode, "tstp"))
		return stop_and_resume(SIGTSTP);
	if (!strcmp(mode, "segv")) {
		struct rlimit rl = { 0, 0 };
		setrlimit(RLIMIT_CORE, &rl);
		*(volatile int *)NULL = 1;
		fprintf(stderr, "signals: still alive after SIGSEGV\n");
		return 1;
	}
	if (!strcmp(mode, "kill")) {
		kill(getpid(), SIGKILL);
		fprintf(stderr, "signals: still alive after SIGKILL\n");
		return 1;
	}
	fprintf(stderr, "usage: signals usr1|stop|tstp|trap|segv|kill\n");
	return 2;
}
