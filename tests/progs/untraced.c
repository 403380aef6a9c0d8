/* untraced - tracee for the e2e follow tests: a child created with
 * CLONE_UNTRACED.
 *
 * The raw clone syscall gets CLONE_UNTRACED|SIGCHLD (no CLONE_VM, no new
 * stack: the child runs on a copy of the parent's memory like after
 * fork). CLONE_UNTRACED stops the kernel from attaching the child to the
 * parent's tracer automatically, so a tracer that follows children has
 * to deal with it (strace clears the flag at syscall entry). The child
 * opens "/etc/hostname" (the result does not matter), closes it and
 * exits 0; the parent waits, checks the status and prints "untraced ok".
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* also set by config.h, included by the Makefile */
#endif
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	int status;
	long pid, r;

	fflush(stdout);
	/* x86-64 argument order: flags, stack, parent_tid, child_tid, tls */
	pid = syscall(SYS_clone, CLONE_UNTRACED | SIGCHLD, 0L, 0L, 0L, 0L);
	if (pid < 0) {
		perror("untraced: clone");
		return 1;
	}
	if (pid == 0) {
		int fd = open("/etc/hostname", O_RDONLY);
		if (fd >= 0)
			close(fd);
		syscall(SYS_exit_group, 0);
		_exit(0);
	}
	do
		r = waitpid((pid_t)pid, &status, 0);
	while (r < 0 && errno == EINTR);
	if (r != pid) {
		perror("untraced: waitpid");
		return 1;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "untraced: child status 0x%x\n", status);
		return 1;
	}
	printf("untraced ok\n");
	return 0;
}
