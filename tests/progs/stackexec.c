/* stackexec - tracee for the e2e stack tests (-k): stacks after execve
 * are those of the new image.
 *
 *   stackexec          exec_parent_fn: openat(AT_FDCWD, "/dev/zero",
 *                      O_RDONLY) and close (a traced call with a stack
 *                      before the exec), then execve(SELF, [SELF, "child"])
 *                      with SELF the resolved /proc/self/exe
 *   stackexec child    main -> exec_child_fn -> openat(AT_FDCWD,
 *                      "/dev/null", O_RDONLY), close; prints "stackexec ok"
 *
 * Only the new image opens /dev/null: the stack after that openat must
 * show exec_child_fn and main of the new image (same file, a new mapping
 * at another address) and nothing of the parent (exec_parent_fn). Call
 * lines carry "LINE:<caller>-call" markers (see stackchain.c).
 */
#pragma GCC optimize("O0")
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* also set by config.h, included by the Makefile */
#endif
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

/* volatile, and touched after each call: no tail calls */
static volatile int calls;

__attribute__((noinline)) int exec_child_fn(void)
{
	int fd = openat(AT_FDCWD, "/dev/null", O_RDONLY); /* LINE:exec_child_fn-call */

	calls++;
	if (fd < 0 || close(fd) < 0)
		return 1;
	return 0;
}

__attribute__((noinline)) int exec_parent_fn(void)
{
	char self[PATH_MAX];
	char child[] = "child";
	char *av[] = { self, child, NULL };
	ssize_t n;
	int fd;

	fd = openat(AT_FDCWD, "/dev/zero", O_RDONLY); /* LINE:exec_parent_fn-open */
	if (fd < 0 || close(fd) < 0)
		return 1;
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n <= 0)
		return 1;
	self[n] = '\0';
	execve(self, av, environ); /* LINE:exec_parent_fn-exec */
	calls++;
	fprintf(stderr, "stackexec: execve %s: %s\n", self, strerror(errno));
	return 1;
}

int main(int argc, char **argv)
{
	int r;

	if (argc == 1)
		return exec_parent_fn(); /* LINE:main-parent-call */
	if (argc != 2 || strcmp(argv[1], "child") != 0) {
		fprintf(stderr, "usage: stackexec\n");
		return 2;
	}
	r = exec_child_fn(); /* LINE:main-call */
	if (r != 0) {
		fprintf(stderr, "stackexec: open/close of /dev/null failed\n");
		return 1;
	}
	printf("stackexec ok\n");
	return 0;
}
