/* execchain - tracee for the e2e follow tests: a chain of execve calls.
 *
 *   execchain N        (N >= 1) execve(SELF, [SELF, "N-1"]); ...
 *   execchain 0        execve("/bin/echo", ["/bin/echo", "chain done"])
 *   execchain thread   start two threads; the second (a non-leader)
 *                      calls execve(SELF, [SELF, "0"]) while the first
 *                      sleeps and the main thread waits in pthread_join
 *
 * SELF is the resolved path of /proc/self/exe, so every execve line shows
 * the real file name. The process id never changes: "execchain 3" makes
 * the execve calls with "2", "1", "0" and then /bin/echo, all in one
 * process, and the final output is "chain done" from echo. With "thread",
 * the exec happens in a thread whose tid is not the process id; after it,
 * the process (pid = the old leader's tid) runs "execchain 0".
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* also set by config.h, included by the Makefile */
#endif
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char self[PATH_MAX];

static void exec_self(long n)
{
	char num[32];
	char *av[] = { self, num, NULL };

	snprintf(num, sizeof(num), "%ld", n);
	execv(self, av);
	fprintf(stderr, "execchain: execv %s: %s\n", self, strerror(errno));
	_exit(1);
}

static void *sleeper(void *arg)
{
	for (;;)
		pause();
	return NULL;
}

static void *execer(void *arg)
{
	/* Give the tracer a thread that is neither the leader nor alone. */
	exec_self(0);
	return NULL;
}

int main(int argc, char **argv)
{
	ssize_t n;
	char *end;
	long count;

	if (argc != 2) {
		fprintf(stderr, "usage: execchain N|thread\n");
		return 2;
	}
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n < 0) {
		perror("execchain: readlink /proc/self/exe");
		return 1;
	}
	self[n] = '\0';

	if (!strcmp(argv[1], "thread")) {
		pthread_t a, b;
		int r = pthread_create(&a, NULL, sleeper, NULL);
		if (!r)
			r = pthread_create(&b, NULL, execer, NULL);
		if (r) {
			fprintf(stderr, "execchain: pthread_create: %s\n", strerror(r));
			return 1;
		}
		pthread_join(b, NULL);	/* never returns: b's exec kills us */
		fprintf(stderr, "execchain: exec thread returned\n");
		return 1;
	}

	errno = 0;
	count = strtol(argv[1], &end, 10);
	if (errno || *end || end == argv[1] || count < 0 || count > 1000) {
		fprintf(stderr, "execchain: bad count '%s'\n", argv[1]);
		return 2;
	}
	if (count > 0)
		exec_self(count - 1);

	char *av[] = { "/bin/echo", "chain done", NULL };
	execv("/bin/echo", av);
	fprintf(stderr, "execchain: execv /bin/echo: %s\n", strerror(errno));
	return 1;
}
