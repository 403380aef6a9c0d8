/* childloop - tracee for the e2e follow tests: a forked child that makes
 * many cheap untraced-by-filter calls.
 *
 *   childloop [N]      the child calls getppid() N times (default 100000)
 *
 * Before exiting, the child reads its own voluntary_ctxt_switches from
 * /proc/self/status and prints "child vcsw V" on stdout. Every ptrace
 * stop puts the task to sleep, which counts as a voluntary context
 * switch, so V is an upper-bound proxy for the child's stop count: under
 * a tracer that filters with seccomp (only the selected calls stop), V
 * stays far below N; a tracer that stops the child at every syscall
 * gives V >= 2*N. The parent waits for the child (which must exit 0) and
 * prints "childloop ok".
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* also set by config.h, included by the Makefile */
#endif
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static long own_vcsw(void)
{
	char line[256];
	long v = -1;
	FILE *f = fopen("/proc/self/status", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "voluntary_ctxt_switches: %ld", &v) == 1)
			break;
	fclose(f);
	return v;
}

int main(int argc, char **argv)
{
	long n = 100000;
	int status;
	pid_t pid, r;

	if (argc > 1) {
		char *end;
		n = strtol(argv[1], &end, 10);
		if (*end || end == argv[1] || n < 0) {
			fprintf(stderr, "childloop: bad count '%s'\n", argv[1]);
			return 2;
		}
	}

	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		perror("childloop: fork");
		return 1;
	}
	if (pid == 0) {
		pid_t pp = getppid();
		long bad = 0, v;
		for (long i = 0; i < n; i++)
			if (getppid() != pp)
				bad++;
		v = own_vcsw();
		printf("child vcsw %ld\n", v);
		fflush(stdout);
		_exit(bad || v < 0 ? 1 : 0);
	}
	do
		r = waitpid(pid, &status, 0);
	while (r < 0 && errno == EINTR);
	if (r != pid) {
		perror("childloop: waitpid");
		return 1;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "childloop: child status 0x%x\n", status);
		return 1;
	}
	printf("childloop ok\n");
	return 0;
}
