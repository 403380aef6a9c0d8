/* manycalls - tracee for the resource bound tests: many traced events
 *
 *   manycalls getppid N      N getppid() calls
 *   manycalls personality N  N personality(ADDR_NO_RANDOMIZE) calls, from
 *                            one call site (one finding of RX-MEM-006)
 *   manycalls chmod N DIR    creates DIR/f0..f<N-1>, then chmod()s each
 *                            to 0666 (N findings of RX-FILE-001, one key
 *                            each)
 *   manycalls fork N         N children, one at a time, each calling
 *                            personality(ADDR_NO_RANDOMIZE) and exiting
 *
 * Then prints "manycalls done" (flushed) and reads its standard input
 * to its end before it exits 0, so that a test can look at rxtrace
 * while every event has been seen and the tracee still runs.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void no_aslr(void)
{
	syscall(SYS_personality, ADDR_NO_RANDOMIZE);
}

int main(int argc, char **argv)
{
	if (argc < 3)
		return 2;
	long n = strtol(argv[2], NULL, 10);
	const char *m = argv[1];
	if (!strcmp(m, "getppid")) {
		for (long i = 0; i < n; i++)
			syscall(SYS_getppid);
	} else if (!strcmp(m, "personality")) {
		for (long i = 0; i < n; i++)
			no_aslr();
	} else if (!strcmp(m, "chmod") && argc > 3) {
		char path[4096];
		for (long i = 0; i < n; i++) {
			snprintf(path, sizeof(path), "%s/f%ld", argv[3], i);
			int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
			if (fd < 0 || close(fd) < 0 || chmod(path, 0666) < 0) {
				perror(path);
				return 1;
			}
		}
	} else if (!strcmp(m, "fork")) {
		for (long i = 0; i < n; i++) {
			pid_t pid = fork();
			if (pid < 0) {
				perror("fork");
				return 1;
			}
			if (pid == 0) {
				no_aslr();
				_exit(0);
			}
			int st;
			if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) ||
			    WEXITSTATUS(st) != 0)
				return 1;
		}
	} else {
		return 2;
	}
	printf("manycalls done\n");
	fflush(stdout);
	char buf[64];
	while (read(0, buf, sizeof(buf)) > 0)
		;
	return 0;
}
