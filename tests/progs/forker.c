/* forker - tracee for the e2e follow tests: three kinds of children.
 *
 *   1. fork(): the child opens the marker path
 *      "/nonexistent/forker-fork-child" (fails with ENOENT), calls
 *      getppid() and exits with status 7.
 *   2. vfork() + execve("/bin/true", ["/bin/true"]): exits 0.
 *   3. clone() through the glibc wrapper, without CLONE_VM (flags =
 *      SIGCHLD only, own stack): the child opens the marker path
 *      "/nonexistent/forker-clone-child" and exits with status 5.
 *
 * The parent waits for each child and checks its status; it prints
 * "forker ok" on stdout (nothing else) or a diagnostic on stderr and
 * exits 1.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* also set by config.h, included by the Makefile */
#endif
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define FORK_MARK "/nonexistent/forker-fork-child"
#define CLONE_MARK "/nonexistent/forker-clone-child"

static int failed;

static void check(const char *what, pid_t pid, int want)
{
	int status;
	pid_t r;

	do
		r = waitpid(pid, &status, 0);
	while (r < 0 && errno == EINTR);
	if (r != pid) {
		fprintf(stderr, "forker: waitpid(%s): %s\n", what, strerror(errno));
		failed = 1;
		return;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != want) {
		fprintf(stderr, "forker: %s child: status 0x%x, want exit %d\n",
			what, status, want);
		failed = 1;
	}
}

static int clone_child(void *arg)
{
	int fd = open(CLONE_MARK, O_RDONLY);
	if (fd >= 0)
		close(fd);
	return 5;
}

int main(void)
{
	static char stack[256 * 1024] __attribute__((aligned(16)));
	pid_t pid;

	/* 1. fork */
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		perror("forker: fork");
		return 1;
	}
	if (pid == 0) {
		int fd = open(FORK_MARK, O_RDONLY);
		if (fd >= 0)
			close(fd);
		if (getppid() <= 0)
			_exit(1);
		_exit(7);
	}
	check("fork", pid, 7);

	/* 2. vfork + execve */
	pid = vfork();
	if (pid < 0) {
		perror("forker: vfork");
		return 1;
	}
	if (pid == 0) {
		char *const av[] = { "/bin/true", NULL };
		execve("/bin/true", av, environ);
		_exit(127);
	}
	check("vfork", pid, 0);

	/* 3. clone() wrapper without CLONE_VM */
	pid = clone(clone_child, stack + sizeof(stack), SIGCHLD, NULL);
	if (pid < 0) {
		perror("forker: clone");
		return 1;
	}
	check("clone", pid, 5);

	if (failed)
		return 1;
	printf("forker ok\n");
	return 0;
}
