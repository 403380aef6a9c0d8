/* risky_evasion - tracee for the evasion rules (tests/e2e/rules_evasion.sh):
 * each mode tries one way around a syscall monitor that a rule must
 * report, and its benign twin ("MODE-ok") does the plain thing instead.
 *
 *   int80      getpid through int 0x80 (i386 number 20)       RX-PROC-013
 *              (twin: the x86-64 getpid); exits 77 and prints
 *              "risky unsupported" without IA-32 emulation
 *   x32        getpid with the x32 bit in the number (ENOSYS
 *              without x32 support: the attempt counts)       RX-PROC-013
 *              (twin: the plain number)
 *   untraced   a raw clone with CLONE_UNTRACED; the child opens
 *              /dev/null and exits 0                          RX-PROC-014
 *   untraced3  clone3 with CLONE_UNTRACED (rxtrace makes it
 *              fail with ENOSYS; natively the child exits)    RX-PROC-014
 *              (twins: the same without CLONE_UNTRACED)
 *   uring      io_uring_setup (EPERM or ENOSYS where io_uring
 *              is disabled: the attempt counts)               RX-PROC-009
 *              (twin: a read of /dev/null)
 *   seccomp    PR_SET_NO_NEW_PRIVS, then a filter allowing
 *              everything through seccomp(), prctl() and
 *              seccomp() with SECCOMP_FILTER_FLAG_NEW_LISTENER RX-PROC-015
 *              (twin: PR_GET_SECCOMP and SECCOMP_GET_ACTION_AVAIL)
 *   ioctlhigh  TIOCSTI | 1 << 32 on /dev/null (ENOTTY)        RX-PROC-016
 *              (twin: TIOCSTI alone, which RX-PROC-012 reports)
 *
 * Risky calls are made from functions named risky_<mode>, each marked
 * LINE:<marker>. Prints "risky ok".
 */
#pragma GCC optimize("O0")
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/io_uring.h>
#include <linux/sched.h>
#include <linux/seccomp.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "modes.h"

#define X32_BIT 0x40000000L
#define I386_GETPID 20

#ifndef SECCOMP_FILTER_FLAG_NEW_LISTENER
#define SECCOMP_FILTER_FLAG_NEW_LISTENER (1UL << 3)
#endif

static int wait_ok(pid_t pid)
{
	int status;
	pid_t r;
	do
		r = waitpid(pid, &status, 0);
	while (r < 0 && errno == EINTR);
	return r == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

/* ---- RX-PROC-013 ------------------------------------------------------------ */

static sigjmp_buf jb;

static void on_fault(int sig)
{
	siglongjmp(jb, sig);
}

__attribute__((noinline)) static int risky_int80(int safe)
{
	long ret;
	if (safe)
		return syscall(SYS_getpid) != getpid();
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_fault;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGILL, &sa, NULL);
	if (sigsetjmp(jb, 1)) {
		printf("risky unsupported\n");
		_exit(77);
	}
	__asm__ volatile("int $0x80" : "=a"(ret) : "a"((long)I386_GETPID) : "memory", "cc", "r8", "r9", "r10", "r11"); /* LINE:int80-call */
	signal(SIGSEGV, SIG_DFL);
	signal(SIGILL, SIG_DFL);
	return ret != getpid();
}

__attribute__((noinline)) static int risky_x32(int safe)
{
	if (safe)
		return syscall(SYS_getpid) != getpid();
	long r = syscall(X32_BIT | SYS_getpid); /* LINE:x32-call */
	return r != getpid() && !(r < 0 && errno == ENOSYS);
}

/* ---- RX-PROC-014 ------------------------------------------------------------ */

/* The child's work: a traced call, then exit without touching the
 * parent's stdio. */
static void child_work(void)
{
	int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (fd >= 0)
		close(fd);
	syscall(SYS_exit_group, 0);
	_exit(0);
}

__attribute__((noinline)) static int risky_untraced(int safe)
{
	unsigned long flags = SIGCHLD | (safe ? 0 : CLONE_UNTRACED);
	fflush(stdout);
	/* x86-64 order: flags, stack, parent_tid, child_tid, tls; no new
	 * stack: the child runs on a copy, as after fork */
	long pid = syscall(SYS_clone, flags, 0L, 0L, 0L, 0L); /* LINE:untraced-call */
	if (pid < 0)
		return 1;
	if (pid == 0)
		child_work();
	return wait_ok((pid_t)pid);
}

__attribute__((noinline)) static int risky_untraced3(int safe)
{
	struct clone_args ca;
	memset(&ca, 0, sizeof(ca));
	ca.flags = safe ? 0 : CLONE_UNTRACED;
	ca.exit_signal = SIGCHLD;
	fflush(stdout);
	long pid = syscall(SYS_clone3, &ca, sizeof(ca)); /* LINE:untraced3-call */
	if (pid < 0)
		return errno != ENOSYS;
	if (pid == 0)
		child_work();
	return wait_ok((pid_t)pid);
}

/* ---- RX-PROC-009 (io_uring) ------------------------------------------------- */

__attribute__((noinline)) static int risky_uring(int safe)
{
	if (safe) {
		char c;
		int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
		long n = fd >= 0 ? read(fd, &c, 1) : -1;
		if (fd >= 0)
			close(fd);
		return n != 0;
	}
	struct io_uring_params p;
	memset(&p, 0, sizeof(p));
	long ring = syscall(SYS_io_uring_setup, 1, &p); /* LINE:uring-call */
	if (ring >= 0)
		close((int)ring);
	return 0;
}

/* ---- RX-PROC-015 ------------------------------------------------------------ */

__attribute__((noinline)) static int risky_seccomp(int safe)
{
	if (safe) {
		uint32_t action = SECCOMP_RET_ALLOW;
		/* 2 under rxtrace, whose filter the program inherits */
		return prctl(PR_GET_SECCOMP, 0, 0, 0, 0) < 0 ||
		       syscall(SYS_seccomp, SECCOMP_GET_ACTION_AVAIL, 0, &action) != 0;
	}
	struct sock_filter allow = BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	struct sock_fprog prog = { 1, &allow };
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return 1;
	long a = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog); /* LINE:seccomp-call */
	long b = prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog); /* LINE:seccomp-prctl */
	long fd = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_NEW_LISTENER, &prog); /* LINE:seccomp-listener */
	if (fd >= 0)
		close((int)fd);
	return a != 0 || b != 0 || fd < 0;
}

/* ---- RX-PROC-016 ------------------------------------------------------------ */

__attribute__((noinline)) static int risky_ioctlhigh(int safe)
{
	char c = '\n';
	int fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return 1;
	unsigned long req = (unsigned long)TIOCSTI | (safe ? 0 : 1UL << 32);
	long r = syscall(SYS_ioctl, fd, req, &c); /* LINE:ioctlhigh-call */
	close(fd);
	/* /dev/null is no terminal: the kernel saw TIOCSTI either way */
	return !(r < 0 && errno == ENOTTY);
}

static const struct mode modes[] = {
	{ "int80", risky_int80 }, { "x32", risky_x32 },
	{ "untraced", risky_untraced }, { "untraced3", risky_untraced3 },
	{ "uring", risky_uring }, { "seccomp", risky_seccomp },
	{ "ioctlhigh", risky_ioctlhigh },
};

int main(int argc, char **argv)
{
	return modes_main("risky_evasion", modes, sizeof(modes) / sizeof(modes[0]),
			  argc, argv);
}
