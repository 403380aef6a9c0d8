/* risky_envproc - tracee for the ENV and PROC rules (tests/e2e/rules_envproc.sh):
 * each mode does one risky thing a rule must report, and its benign twin
 * ("MODE-ok") does the safe thing instead, which the rule may not report.
 *
 *   argsecret    executes programs with credentials in their arguments
 *                (twin: password files, plain URLs, ids)          RX-ENV-002
 *   loader       executes programs with loader variables, some naming
 *                /tmp or the working directory (twin: plain env)  RX-ENV-003
 *   foreignenv   opens a child's /proc/PID/environ (twin: its own) RX-ENV-005
 *   shell        runs sh -c (twin: executes the program directly) RX-PROC-001
 *   tmpexec      executes a copy of true in /tmp                  RX-PROC-002
 *   memfdexec    executes true from a memfd                       RX-PROC-002
 *   deletedexec  executes a deleted copy of true                  RX-PROC-002
 *                (twins: execute /bin/true, by path or by fd)
 *   privraise    drops the euid, then takes root back             RX-PROC-004
 *   privorder    setuid before setgid                             RX-PROC-004
 *   privgroups   keeps the supplementary group 0 across the drop  RX-PROC-004
 *   privfail     setuid fails (CAP_SETUID dropped), goes on        RX-PROC-004
 *   capraise     drops a capability and raises it again           RX-PROC-004
 *   suidexec     executes a set-user-ID copy of true              RX-PROC-004
 *                (twins: the drops done right, a plain copy)
 *   unshare      a child unshares its UTS namespace               RX-PROC-006
 *   mount        a child in a private mount namespace mounts a
 *                (missing) host disk and a tmpfs                  RX-PROC-006
 *   chroot       a child chroots and opens a relative path        RX-PROC-007
 *                (twin: chdir("/") first)
 *   module       finit_module of an empty file, init_module of
 *                zeros, delete_module of no module (all fail)     RX-PROC-008
 *   kprim        bpf(BPF_PROG_LOAD), io_uring_setup,
 *                perf_event_open, keyctl                          RX-PROC-009
 *   kexec        kexec_load and kexec_file_load, invalid (fail)   RX-PROC-009
 *   uffd         userfaultfd as nobody (twin: as root)            RX-PROC-009
 *   antidebug    PTRACE_TRACEME, PR_SET_DUMPABLE 0 with a look at
 *                its status, PR_SET_PTRACER                       RX-PROC-010
 *   crossmem     reads and writes a child's memory (twin: its own) RX-PROC-011
 *
 * Nothing changes the host: namespaces, mounts and chroots happen in
 * children that exit, module and kexec calls are made to fail, files go
 * to /tmp and are removed. Risky calls are made from functions named
 * risky_<mode>, each marked LINE:<marker>. Prints "risky ok".
 */
#pragma GCC optimize("O0")
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/bpf.h>
#include <linux/capability.h>
#include <linux/io_uring.h>
#include <linux/keyctl.h>
#include <linux/perf_event.h>
#include <linux/userfaultfd.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "modes.h"

#define NOBODY 65534

static char *const no_env[] = { "PATH=/usr/bin:/bin", NULL };

/* The exit status of child PID was 0. */
static int wait_ok(pid_t pid)
{
	int st;
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return 1;
	return !WIFEXITED(st) || WEXITSTATUS(st) != 0;
}

/* Copy /bin/true to a new file in /tmp with MODE; its name in PATH
 * (size 64). Returns 0. */
static int copy_true(char *path, mode_t mode)
{
	char buf[65536];
	strcpy(path, "/tmp/rxtrace-risky-XXXXXX");
	int out = mkostemp(path, O_CLOEXEC);
	int in = open("/bin/true", O_RDONLY | O_CLOEXEC);
	ssize_t n;
	if (out < 0 || in < 0)
		return 1;
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)n) != n)
			return 1;
	close(in);
	if (fchmod(out, mode) < 0 || close(out) < 0)
		return 1;
	return n < 0;
}

/* ---- RX-ENV-002 ------------------------------------------------------------- */

__attribute__((noinline)) static int risky_argsecret(int safe)
{
	char *const bad[] = {
		"true", "--password=hunter2", "AKIAIOSFODNN7QWERTYU",
		"https://deploy:s3cretPassw0rd@git.example.com/repo.git",
		"--token", "ghp_Zq8Rx7Kp2Lm9Tn4Wv6Yb3Hd5Jf1Qa8Sc0EuG",
		"-H", "Authorization: Bearer abc.def-123",
		"PGPASSWORD=Xk9#mQ2$vL7@pR4!", NULL,
	};
	char *const good[] = {
		"true", "--password-file=/run/secrets/db", "--user=admin",
		"https://git.example.com/repo.git", "-pthread",
		"GIT_COMMIT=0123456789abcdef0123456789abcdef01234567",
		"--token-file", "/run/secrets/token", NULL,
	};
	char *const mysql_bad[] = { "mysql", "-uroot", "-phunter2", NULL };
	char *const mysql_good[] = {
		"mysql", "-p", "--defaults-extra-file=/etc/mysql/client.cnf", NULL,
	};
	char dir[] = "/tmp/rxtrace-risky-XXXXXX", link[64];
	if (!mkdtemp(dir))
		return 1;
	snprintf(link, sizeof(link), "%s/mysql", dir);
	if (symlink("/bin/true", link) < 0)
		return 1;
	pid_t pid = fork();
	if (pid == 0) {
		execve("/bin/true", safe ? good : bad, no_env); /* LINE:argsecret-call */
		_exit(127);
	}
	int r = wait_ok(pid);
	pid = fork();
	if (pid == 0) {
		execve(link, safe ? mysql_good : mysql_bad, no_env); /* LINE:argsecret-mysql */
		_exit(127);
	}
	r |= wait_ok(pid);
	unlink(link);
	rmdir(dir);
	return r;
}

/* ---- RX-ENV-003 ------------------------------------------------------------- */

__attribute__((noinline)) static int risky_loader(int safe)
{
	char *const argv[] = { "true", NULL };
	char *const env1[] = {
		"PATH=/usr/bin:/bin", "LD_PRELOAD=libc.so.6",
		"LD_LIBRARY_PATH=/usr/lib:/tmp/rxtrace-risky-lib",
		"GLIBC_TUNABLES=glibc.malloc.check=0", NULL,
	};
	char *const env2[] = { "LD_LIBRARY_PATH=/usr/lib::/usr/local/lib", NULL };
	char *const env_ok[] = { "PATH=/usr/bin:/bin", "HOME=/", "LANG=C", NULL };
	pid_t pid = fork();
	if (pid == 0) {
		execve("/bin/true", argv, safe ? env_ok : env1); /* LINE:loader-call */
		_exit(127);
	}
	int r = wait_ok(pid);
	pid = fork();
	if (pid == 0) {
		execve("/bin/true", argv, safe ? env_ok : env2); /* LINE:loader-empty */
		_exit(127);
	}
	return r | wait_ok(pid);
}

/* ---- RX-ENV-005 ------------------------------------------------------------- */

/* A child that waits to be killed. */
static pid_t sleeper(void)
{
	pid_t pid = fork();
	if (pid == 0) {
		for (;;)
			pause();
	}
	return pid;
}

static void reap(pid_t pid)
{
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

__attribute__((noinline)) static int risky_foreignenv(int safe)
{
	char path[64], buf[256];
	pid_t pid = sleeper();
	if (pid < 0)
		return 1;
	if (safe)
		snprintf(path, sizeof(path), "/proc/%d/environ", (int)getpid());
	else
		snprintf(path, sizeof(path), "/proc/%d/environ", (int)pid);
	int fd = open(path, O_RDONLY | O_CLOEXEC); /* LINE:foreignenv-call */
	int fd2 = open("/proc/self/environ", O_RDONLY | O_CLOEXEC);
	int r = fd < 0 || fd2 < 0 || read(fd, buf, sizeof(buf)) < 0;
	close(fd);
	close(fd2);
	reap(pid);
	return r;
}

/* ---- RX-PROC-001 ------------------------------------------------------------ */

__attribute__((noinline)) static int risky_shell(int safe)
{
	pid_t pid = fork();
	if (pid == 0) {
		if (safe)
			execl("/bin/true", "true", "exit", NULL);
		else
			execl("/bin/sh", "sh", "-ec", "exit 0; true", NULL); /* LINE:shell-call */
		_exit(127);
	}
	int r = wait_ok(pid);
	pid = fork();
	if (pid == 0) {
		/* a script file is not a command string */
		execl("/bin/sh", "sh", "/dev/null", NULL);
		_exit(127);
	}
	return r | wait_ok(pid);
}

/* ---- RX-PROC-002 ------------------------------------------------------------ */

__attribute__((noinline)) static int risky_tmpexec(int safe)
{
	char path[64];
	char *const argv[] = { "true", NULL };
	if (copy_true(path, 0700))
		return 1;
	pid_t pid = fork();
	if (pid == 0) {
		execve(safe ? "/bin/true" : path, argv, no_env); /* LINE:tmpexec-call */
		_exit(127);
	}
	int r = wait_ok(pid);
	unlink(path);
	return r;
}

__attribute__((noinline)) static int risky_memfdexec(int safe)
{
	char buf[65536];
	char *const argv[] = { "true", NULL };
	int fd = safe ? open("/bin/true", O_RDONLY | O_CLOEXEC) :
			memfd_create("rxtrace-risky", MFD_CLOEXEC);
	int in = open("/bin/true", O_RDONLY | O_CLOEXEC);
	ssize_t n;
	if (fd < 0 || in < 0)
		return 1;
	while (!safe && (n = read(in, buf, sizeof(buf))) > 0)
		if (write(fd, buf, (size_t)n) != n)
			return 1;
	close(in);
	pid_t pid = fork();
	if (pid == 0) {
		fexecve(fd, argv, no_env); /* LINE:memfdexec-call */
		_exit(127);
	}
	close(fd);
	return wait_ok(pid);
}

__attribute__((noinline)) static int risky_deletedexec(int safe)
{
	char path[64];
	char *const argv[] = { "true", NULL };
	if (copy_true(path, 0700))
		return 1;
	int fd = open(safe ? "/bin/true" : path, O_RDONLY | O_CLOEXEC);
	unlink(path);
	if (fd < 0)
		return 1;
	pid_t pid = fork();
	if (pid == 0) {
		fexecve(fd, argv, no_env); /* LINE:deletedexec-call */
		_exit(127);
	}
	close(fd);
	return wait_ok(pid);
}

/* ---- RX-PROC-004 ------------------------------------------------------------ */

static int caps(struct __user_cap_data_struct *d, int set)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	return (int)syscall(set ? SYS_capset : SYS_capget, &h, d);
}

/* Clear capability CAP from the effective set. */
static int drop_effective(int cap)
{
	struct __user_cap_data_struct d[2];
	if (caps(d, 0) < 0)
		return -1;
	d[cap / 32].effective &= ~(1u << (cap % 32));
	return caps(d, 1);
}

/* The drops done right: groups, then group, then user, for good. */
static int drop_right(void)
{
	return setgroups(0, NULL) || setresgid(NOBODY, NOBODY, NOBODY) ||
	       setresuid(NOBODY, NOBODY, NOBODY);
}

__attribute__((noinline)) static int risky_privraise(int safe)
{
	if (safe)
		return drop_right();
	if (setgroups(0, NULL) || setegid(NOBODY) || seteuid(NOBODY))
		return 1;
	return seteuid(0); /* LINE:privraise-call */
}

__attribute__((noinline)) static int risky_privorder(int safe)
{
	if (safe)
		return drop_right();
	if (setgroups(0, NULL) || setuid(NOBODY)) /* LINE:privorder-call */
		return 1;
	/* too late: the group cannot change any more */
	return setgid(NOBODY) == 0;
}

__attribute__((noinline)) static int risky_privgroups(int safe)
{
	gid_t root = 0;
	if (safe)
		return drop_right();
	if (setgroups(1, &root) || setgid(NOBODY))
		return 1;
	return setuid(NOBODY); /* LINE:privgroups-call */
}

__attribute__((noinline)) static int risky_privfail(int safe)
{
	if (setgroups(0, NULL) || setgid(NOBODY))
		return 1;
	if (!safe && drop_effective(CAP_SETUID) < 0)
		return 1;
	int r = setuid(NOBODY); /* LINE:privfail-call */
	/* the unchecked result: risky goes on as root */
	return safe ? r : r == 0;
}

__attribute__((noinline)) static int risky_capraise(int safe)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];
	if (caps(d, 0) < 0 || drop_effective(CAP_NET_RAW) < 0)
		return 1;
	if (safe)
		return 0;
	return (int)syscall(SYS_capset, &h, d); /* LINE:capraise-call */
}

__attribute__((noinline)) static int risky_suidexec(int safe)
{
	char path[64];
	char *const argv[] = { "true", NULL };
	if (copy_true(path, safe ? 0755 : 04755))
		return 1;
	pid_t pid = fork();
	if (pid == 0) {
		execve(path, argv, no_env); /* LINE:suidexec-call */
		_exit(127);
	}
	int r = wait_ok(pid);
	unlink(path);
	return r;
}

/* ---- RX-PROC-006 ------------------------------------------------------------ */

__attribute__((noinline)) static int risky_unshare(int safe)
{
	pid_t pid = fork();
	if (pid == 0)
		_exit(unshare(safe ? CLONE_FILES : CLONE_NEWUTS) != 0); /* LINE:unshare-call */
	return wait_ok(pid);
}

__attribute__((noinline)) static int risky_mount(int safe)
{
	char dir[] = "/tmp/rxtrace-risky-XXXXXX";
	if (!mkdtemp(dir))
		return 1;
	pid_t pid = fork();
	if (pid == 0) {
		struct statfs sf;
		if (safe)
			_exit(statfs(dir, &sf) != 0);
		/* a private mount namespace: nothing reaches the host, and
		 * it goes away with this child */
		if (unshare(CLONE_NEWNS) || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL))
			_exit(1);
		if (mount("/dev/sdzz9", dir, "ext4", MS_RDONLY, NULL) == 0) /* LINE:mount-disk */
			_exit(1);
		if (mount("rxtrace", dir, "tmpfs", 0, "size=64k")) /* LINE:mount-tmpfs */
			_exit(1);
		_exit(umount2(dir, 0) != 0);
	}
	int r = wait_ok(pid);
	rmdir(dir);
	return r;
}

/* ---- RX-PROC-007 ------------------------------------------------------------ */

__attribute__((noinline)) static int risky_chroot(int safe)
{
	char dir[] = "/tmp/rxtrace-risky-XXXXXX";
	if (!mkdtemp(dir))
		return 1;
	pid_t pid = fork();
	if (pid == 0) {
		if (chroot(dir) || (safe && chdir("/")))
			_exit(1);
		int fd = open("etc/hostname", O_RDONLY | O_CLOEXEC); /* LINE:chroot-call */
		_exit(fd >= 0);
	}
	int r = wait_ok(pid);
	rmdir(dir);
	return r;
}

/* ---- RX-PROC-008 ------------------------------------------------------------ */

__attribute__((noinline)) static int risky_module(int safe)
{
	char path[] = "/tmp/rxtrace-risky-XXXXXX", buf[64] = { 0 };
	if (safe) {
		int fd = open("/proc/modules", O_RDONLY | O_CLOEXEC);
		if (fd >= 0) {
			ssize_t n = read(fd, buf, sizeof(buf));
			(void)n;
			close(fd);
		}
		return 0;
	}
	int fd = mkostemp(path, O_CLOEXEC);
	if (fd < 0)
		return 1;
	unlink(path);
	/* an empty file and zeros are no module: all three fail */
	long a = syscall(SYS_finit_module, fd, "", 0); /* LINE:module-finit */
	long b = syscall(SYS_init_module, buf, sizeof(buf), ""); /* LINE:module-init */
	long c = syscall(SYS_delete_module, "rxtrace_no_such_module", O_NONBLOCK); /* LINE:module-delete */
	close(fd);
	return a == 0 || b == 0 || c == 0;
}

/* ---- RX-PROC-009 ------------------------------------------------------------ */

__attribute__((noinline)) static int risky_kprim(int safe)
{
	union bpf_attr attr;
	memset(&attr, 0, sizeof(attr));
	if (safe) {
		/* a map is not a program: zeroed, it fails */
		return syscall(SYS_bpf, BPF_MAP_CREATE, &attr, sizeof(attr)) == 0;
	}
	syscall(SYS_bpf, BPF_PROG_LOAD, &attr, sizeof(attr)); /* LINE:kprim-bpf */
	struct io_uring_params p;
	memset(&p, 0, sizeof(p));
	long ring = syscall(SYS_io_uring_setup, 1, &p); /* LINE:kprim-uring */
	if (ring >= 0)
		close((int)ring);
	struct perf_event_attr pe;
	memset(&pe, 0, sizeof(pe));
	pe.type = PERF_TYPE_SOFTWARE;
	pe.size = sizeof(pe);
	pe.config = PERF_COUNT_SW_DUMMY;
	pe.disabled = 1;
	long pfd = syscall(SYS_perf_event_open, &pe, 0, -1, -1, PERF_FLAG_FD_CLOEXEC); /* LINE:kprim-perf */
	if (pfd >= 0)
		close((int)pfd);
	syscall(SYS_keyctl, KEYCTL_GET_KEYRING_ID, KEY_SPEC_PROCESS_KEYRING, 0); /* LINE:kprim-keyctl */
	return 0;
}

__attribute__((noinline)) static int risky_kexec(int safe)
{
	if (safe)
		return 0;	/* the safe way to use kexec is not to */
	/* more segments than the kernel takes, unknown flags: both are
	 * refused before anything is loaded */
	long a = syscall(SYS_kexec_load, 0UL, 17UL, NULL, 0UL); /* LINE:kexec-load */
	long b = syscall(SYS_kexec_file_load, -1, -1, 0UL, "", 0x80000000UL); /* LINE:kexec-file */
	return a == 0 || b == 0;
}

#ifndef UFFD_USER_MODE_ONLY
#define UFFD_USER_MODE_ONLY 1
#endif

__attribute__((noinline)) static int risky_uffd(int safe)
{
	pid_t pid = fork();
	if (pid == 0) {
		if (!safe && drop_right())
			_exit(1);
		/* kernels before 5.11 lack the flag, and let users in without */
		const int flags[] = { O_CLOEXEC | UFFD_USER_MODE_ONLY, O_CLOEXEC };
		long fd = -1;
		for (int i = 0; i < 2 && fd < 0; i++)
			fd = syscall(SYS_userfaultfd, flags[i]); /* LINE:uffd-call */
		_exit(fd < 0);
	}
	return wait_ok(pid);
}

/* ---- RX-PROC-010 ------------------------------------------------------------ */

__attribute__((noinline)) static int risky_antidebug(int safe)
{
	char buf[256];
	if (!safe && ptrace(PTRACE_TRACEME, 0, NULL, NULL) == 0) /* LINE:antidebug-traceme */
		return 1;
	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)) /* LINE:antidebug-dumpable */
		return 1;
	int fd = open(safe ? "/proc/self/stat" : "/proc/self/status", O_RDONLY | O_CLOEXEC); /* LINE:antidebug-status */
	if (fd < 0 || read(fd, buf, sizeof(buf)) <= 0)
		return 1;
	close(fd);
	if (!safe)
		prctl(PR_SET_PTRACER, (unsigned long)getppid(), 0, 0, 0); /* LINE:antidebug-ptracer */
	return 0;
}

/* ---- RX-PROC-011 ------------------------------------------------------------ */

static char target[16] = "not a secret";

__attribute__((noinline)) static int risky_crossmem(int safe)
{
	char buf[16], path[64];
	pid_t pid = sleeper();
	if (pid < 0)
		return 1;
	pid_t who = safe ? getpid() : pid;
	struct iovec local = { buf, sizeof(buf) }, remote = { target, sizeof(target) };
	int r = process_vm_readv(who, &local, 1, &remote, 1, 0) != sizeof(buf); /* LINE:crossmem-read */
	r |= process_vm_writev(who, &local, 1, &remote, 1, 0) != sizeof(buf); /* LINE:crossmem-write */
	snprintf(path, sizeof(path), "/proc/%d/mem", (int)who);
	int fd = open(path, O_RDWR | O_CLOEXEC); /* LINE:crossmem-memrw */
	int fd2 = open(path, O_RDONLY | O_CLOEXEC); /* LINE:crossmem-memro */
	r |= fd < 0 || fd2 < 0;
	close(fd);
	close(fd2);
	if (!safe) {
		/* rxtrace traces the child: both fail, and are the finding */
		ptrace(PTRACE_ATTACH, pid, NULL, NULL); /* LINE:crossmem-attach */
		ptrace(PTRACE_PEEKDATA, pid, target, NULL); /* LINE:crossmem-peek */
		fd = open("/proc/kcore", O_RDONLY | O_CLOEXEC); /* LINE:crossmem-kcore */
		if (fd >= 0)
			close(fd);
	}
	int pidfd = (int)syscall(SYS_pidfd_open, who, 0);
	if (pidfd < 0)
		return 1;
	fd = (int)syscall(SYS_pidfd_getfd, pidfd, 1, 0); /* LINE:crossmem-getfd */
	r |= fd < 0;
	close(fd);
	close(pidfd);
	reap(pid);
	return r;
}

static const struct mode modes[] = {
	{ "argsecret", risky_argsecret }, { "loader", risky_loader },
	{ "foreignenv", risky_foreignenv }, { "shell", risky_shell },
	{ "tmpexec", risky_tmpexec }, { "memfdexec", risky_memfdexec },
	{ "deletedexec", risky_deletedexec }, { "privraise", risky_privraise },
	{ "privorder", risky_privorder }, { "privgroups", risky_privgroups },
	{ "privfail", risky_privfail }, { "capraise", risky_capraise },
	{ "suidexec", risky_suidexec }, { "unshare", risky_unshare },
	{ "mount", risky_mount }, { "chroot", risky_chroot },
	{ "module", risky_module }, { "kprim", risky_kprim },
	{ "kexec", risky_kexec }, { "uffd", risky_uffd },
	{ "antidebug", risky_antidebug }, { "crossmem", risky_crossmem },
};

int main(int argc, char **argv)
{
	return modes_main("risky_envproc", modes, sizeof(modes) / sizeof(modes[0]),
			  argc, argv);
}
