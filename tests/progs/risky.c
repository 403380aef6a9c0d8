/* risky - tracee for the findings tests: each mode does one risky thing
 * a rule must report, and its benign twin ("MODE-ok") does the safe
 * thing instead, which no rule may report.
 *
 *   risky tiocsti       TIOCSTI on a pseudo-terminal it opened (and with
 *                       high bits set in the request, which the kernel
 *                       ignores)
 *   risky tiocsti-ok    TIOCGWINSZ on it (a read-only query)
 *   risky mlockfork     mlock()s a page, fork()s a child that runs on
 *   risky mlockfork-ok  the same, with MADV_WIPEONFORK on the page first
 *   risky env           nothing: the test puts secrets in its environment
 *
 * Risky calls are made from functions named risky_<mode>, so that tests
 * find them as the call site. Prints "risky ok".
 */
#pragma GCC optimize("O0")
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef MADV_WIPEONFORK
#define MADV_WIPEONFORK 18
#endif

static int open_pty(void)
{
	int m = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (m < 0 || grantpt(m) < 0 || unlockpt(m) < 0)
		return -1;
	const char *name = ptsname(m);
	return name ? open(name, O_RDWR | O_NOCTTY | O_CLOEXEC) : -1;
}

__attribute__((noinline)) static int risky_tiocsti(int safe)
{
	int fd = open_pty();
	if (fd < 0)
		return 1;
	if (safe) {
		struct winsize ws;
		return ioctl(fd, TIOCGWINSZ, &ws) < 0;
	}
	char c = 'x';
	/* the result does not matter: trying is the finding */
	ioctl(fd, TIOCSTI, &c); /* LINE:tiocsti-call */
	syscall(SYS_ioctl, fd, (unsigned long)TIOCSTI | 0x100000000UL, &c); /* LINE:tiocsti-high */
	return 0;
}

__attribute__((noinline)) static int risky_mlockfork(int safe)
{
	long pg = sysconf(_SC_PAGESIZE);
	char *key = mmap(NULL, (size_t)pg, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (key == MAP_FAILED || mlock(key, (size_t)pg) < 0)
		return 1;
	memcpy(key, "not a real key", 15);
	if (safe && madvise(key, (size_t)pg, MADV_WIPEONFORK) < 0)
		return 1;
	pid_t pid = fork(); /* LINE:mlockfork-call */
	if (pid < 0)
		return 1;
	if (pid == 0)
		_exit(key[0] == (safe ? 0 : 'n') ? 0 : 1);
	int st;
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st))
		return 1;
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: risky MODE\n");
		return 2;
	}
	const char *m = argv[1];
	size_t n = strlen(m);
	int safe = n > 3 && !strcmp(m + n - 3, "-ok");
	int r;
	if (!strncmp(m, "tiocsti", 7))
		r = risky_tiocsti(safe);
	else if (!strncmp(m, "mlockfork", 9))
		r = risky_mlockfork(safe);
	else if (!strcmp(m, "env"))
		r = 0;
	else {
		fprintf(stderr, "risky: unknown mode %s\n", m);
		return 2;
	}
	if (r) {
		fprintf(stderr, "risky %s failed\n", m);
		return 1;
	}
	printf("risky ok\n");
	return 0;
}
