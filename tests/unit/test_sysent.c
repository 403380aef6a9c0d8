/* test_sysent.c - the syscall table and its number indexes */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <seccomp.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "sysent.h"

#define X32_BIT 0x40000000

static const uint32_t all_classes = CL_FILE | CL_DESC | CL_PROCESS |
	CL_NETWORK | CL_SIGNAL | CL_IPC | CL_MEMORY | CL_CREDS | CL_CLOCK |
	CL_STAT;

/* Calls a security tracer must see by name; the table may hold more. */
static const char *const required[] = {
	"execve", "execveat", "fork", "vfork", "clone", "clone3", "exit",
	"exit_group", "wait4", "waitid", "kill", "tkill", "tgkill", "open",
	"openat", "openat2", "creat", "open_by_handle_at", "read", "pread64",
	"write", "pwrite64", "readv", "writev", "pwritev", "pwritev2",
	"close", "dup", "dup2", "dup3", "fcntl", "ioctl", "pipe", "pipe2",
	"socket", "socketpair", "connect", "bind", "listen", "accept",
	"accept4", "sendto", "recvfrom", "sendmsg", "recvmsg", "sendmmsg",
	"recvmmsg", "shutdown", "getsockopt", "setsockopt", "getsockname",
	"getpeername", "mmap", "mprotect", "pkey_mprotect", "munmap",
	"mremap", "madvise", "brk", "mlock", "mlock2", "mlockall", "munlock",
	"munlockall", "msync", "memfd_create", "chmod", "fchmod", "fchmodat",
	"umask", "mkdir", "mkdirat", "rmdir", "rename", "renameat",
	"renameat2", "unlink", "unlinkat", "symlink", "symlinkat", "link",
	"linkat", "readlink", "readlinkat", "access", "faccessat",
	"faccessat2", "stat", "lstat", "fstat", "newfstatat", "statx",
	"statfs", "fstatfs", "chdir", "fchdir", "chroot", "getcwd",
	"getdents64", "truncate", "ftruncate", "chown", "fchown", "lchown",
	"fchownat", "mknod", "mknodat", "utimensat", "setuid", "setgid",
	"setreuid", "setregid", "setresuid", "setresgid", "setfsuid",
	"setfsgid", "setgroups", "getgroups", "getuid", "geteuid", "getgid",
	"getegid", "getresuid", "getresgid", "capget", "capset", "prctl",
	"arch_prctl", "setrlimit", "getrlimit", "prlimit64", "personality",
	"unshare", "setns", "mount", "umount2", "pivot_root", "init_module",
	"finit_module", "delete_module", "userfaultfd", "bpf",
	"io_uring_setup", "io_uring_enter", "io_uring_register",
	"perf_event_open", "kexec_load", "kexec_file_load", "keyctl",
	"add_key", "request_key", "ptrace", "process_vm_readv",
	"process_vm_writev", "pidfd_open", "pidfd_getfd", "pidfd_send_signal",
	"getrandom", "rt_sigaction", "rt_sigprocmask", "rt_sigreturn",
	"rt_sigsuspend", "rt_sigqueueinfo", "sigaltstack", "pause",
	"nanosleep", "clock_nanosleep", "clock_gettime", "clock_settime",
	"settimeofday", "gettimeofday", "lseek", "getpid", "getppid",
	"gettid", "getpgid", "setpgid", "setsid", "getsid",
	"set_tid_address", "set_robust_list", "futex", "rseq", "sched_yield",
	"uname", "seccomp", "shmget", "shmat", "shmdt", "shmctl", "semget",
	"semop", "semctl", "msgget", "msgsnd", "msgrcv", "msgctl", "eventfd2",
	"epoll_create1", "epoll_ctl", "epoll_wait", "epoll_pwait",
	"inotify_init1", "inotify_add_watch", "poll", "ppoll", "select",
	"pselect6", "setxattr", "lsetxattr", "fsetxattr", "getxattr",
	"removexattr", "fsopen", "fsmount", "move_mount", "open_tree",
};

static void setup(void)
{
	ck_assert_int_eq(sysent_init(), 0);
}

static const struct sysent *must(const char *name)
{
	const struct sysent *se = sysent_by_name(name);
	ck_assert_msg(se, "%s is not in the table", name);
	return se;
}

static void check_args(const char *name, enum retkind ret, unsigned nargs,
		       const enum argkind *kinds)
{
	const struct sysent *se = must(name);
	ck_assert_msg(se->ret == ret, "%s: return kind %u", name, se->ret);
	ck_assert_msg(se->nargs == nargs, "%s: nargs %u", name, se->nargs);
	for (unsigned i = 0; i < nargs; i++)
		ck_assert_msg(se->arg[i] == kinds[i], "%s: arg %u is kind %u",
			      name, i, se->arg[i]);
}

#define ARGS(name, ret, ...)						\
	check_args(name, ret,						\
		   sizeof((enum argkind[]){ __VA_ARGS__ }) /		\
			sizeof(enum argkind),				\
		   (enum argkind[]){ __VA_ARGS__ })

/* ---- integrity ----------------------------------------------------- */

START_TEST(test_size)
{
	ck_assert_uint_ge(sysent_count, 120);
	ck_assert_uint_le(sysent_count, 512);
}
END_TEST

START_TEST(test_sorted_unique)
{
	for (unsigned i = 1; i < sysent_count; i++)
		ck_assert_msg(strcmp(sysent_table[i - 1].name,
				     sysent_table[i].name) < 0,
			      "'%s' then '%s': not sorted or duplicated",
			      sysent_table[i - 1].name, sysent_table[i].name);
}
END_TEST

START_TEST(test_args_well_formed)
{
	for (unsigned i = 0; i < sysent_count; i++) {
		const struct sysent *se = &sysent_table[i];
		ck_assert_msg(se->name && *se->name, "row %u has no name", i);
		ck_assert_msg(se->nargs <= SYSENT_MAX_ARGS, "%s: nargs %u",
			      se->name, se->nargs);
		for (unsigned a = 0; a < SYSENT_MAX_ARGS; a++) {
			if (a >= se->nargs) {
				ck_assert_msg(se->arg[a] == A_NONE,
					      "%s: arg %u past nargs", se->name, a);
				continue;
			}
			ck_assert_msg(se->arg[a] != A_NONE,
				      "%s: arg %u is A_NONE", se->name, a);
			ck_assert_msg(se->arg[a] < A_KIND_COUNT &&
				      argkind_valid(se->arg[a]),
				      "%s: arg %u has no decoder (kind %u)",
				      se->name, a, se->arg[a]);
		}
		ck_assert_msg(se->ret < R_KIND_COUNT, "%s: return kind %u",
			      se->name, se->ret);
		ck_assert_msg(!(se->classes & ~all_classes),
			      "%s: unknown class bits %#x", se->name,
			      se->classes);
	}
}
END_TEST

/* A kind that reads its length from the next argument must have one. */
START_TEST(test_length_follows)
{
	for (unsigned i = 0; i < sysent_count; i++) {
		const struct sysent *se = &sysent_table[i];
		for (unsigned a = 0; a < se->nargs; a++) {
			enum argkind k = se->arg[a];
			if (k != A_BUF_IN && k != A_IOVEC_IN &&
			    k != A_IOVEC_OUT && k != A_SOCKADDR &&
			    k != A_SOCKADDR_OUT && k != A_CLONE3_ARGS)
				continue;
			ck_assert_msg(a + 1 < se->nargs,
				      "%s: arg %u needs a length after it",
				      se->name, a);
		}
	}
}
END_TEST

START_TEST(test_names_resolve)
{
	for (unsigned i = 0; i < sysent_count; i++)
		ck_assert_msg(seccomp_syscall_resolve_name_arch(
				SCMP_ARCH_X86_64, sysent_table[i].name) >= 0,
			      "libseccomp does not know %s on x86-64",
			      sysent_table[i].name);
}
END_TEST

START_TEST(test_required_present)
{
	for (size_t i = 0; i < sizeof(required) / sizeof(required[0]); i++)
		must(required[i]);
}
END_TEST

START_TEST(test_every_class_used)
{
	for (const struct sysent_class *c = sysent_classes; c->name; c++) {
		unsigned n = 0;
		for (unsigned i = 0; i < sysent_count; i++)
			n += !!(sysent_table[i].classes & c->bit);
		ck_assert_msg(n > 0, "no syscall in %%%s", c->name);
	}
	for (unsigned b = 0; b < 32; b++) {
		uint32_t bit = 1u << b;
		if (!(all_classes & bit))
			continue;
		bool named = false;
		for (const struct sysent_class *c = sysent_classes; c->name; c++)
			named |= c->bit == bit;
		ck_assert_msg(named, "class bit %#x has no name", bit);
	}
}
END_TEST

START_TEST(test_by_name)
{
	for (unsigned i = 0; i < sysent_count; i++)
		ck_assert_ptr_eq(sysent_by_name(sysent_table[i].name),
				 &sysent_table[i]);
	ck_assert_ptr_null(sysent_by_name("nosuchcall"));
	ck_assert_ptr_null(sysent_by_name(""));
	ck_assert_ptr_null(sysent_by_name("OPENAT"));
	ck_assert_ptr_null(sysent_by_name(NULL));
	/* i386-only: known to the kernel, not a row. */
	ck_assert_ptr_null(sysent_by_name("socketcall"));
	ck_assert_uint_eq(sysent_index(must("openat")),
			  (unsigned)(must("openat") - sysent_table));
}
END_TEST

/* ---- numbers ------------------------------------------------------- */

START_TEST(test_init_idempotent)
{
	long nr = sysent_nr(must("openat"), ABI_X86_64);
	const struct sysent *se = sysent_by_nr(ABI_X86_64, nr);
	ck_assert_int_eq(sysent_init(), 0);
	ck_assert_int_eq(sysent_init(), 0);
	ck_assert_ptr_eq(sysent_by_nr(ABI_X86_64, nr), se);
	ck_assert_int_eq(sysent_nr(se, ABI_X86_64), nr);
}
END_TEST

/* sysent_nr and sysent_by_nr agree with each other and with libseccomp. */
START_TEST(test_round_trip)
{
	static const struct {
		enum abi abi;
		uint32_t arch;
		long bias;
	} abis[] = {
		{ ABI_X86_64, SCMP_ARCH_X86_64, 0 },
		{ ABI_I386, SCMP_ARCH_X86, 0 },
		{ ABI_X32, SCMP_ARCH_X32, X32_BIT },
	};
	for (size_t a = 0; a < sizeof(abis) / sizeof(abis[0]); a++) {
		enum abi abi = abis[a].abi;
		unsigned known = 0;
		for (unsigned i = 0; i < sysent_count; i++) {
			const struct sysent *se = &sysent_table[i];
			long nr = sysent_nr(se, abi);
			if (abi == ABI_X86_64) {
				ck_assert_msg(nr >= 0 && nr <= sysent_max_nr(),
					      "%s: nr %ld", se->name, nr);
				/* what the seccomp filter is built from */
				ck_assert_int_eq(nr,
					seccomp_syscall_resolve_name_arch(
						SCMP_ARCH_X86_64, se->name));
			}
			if (nr < 0) {
				ck_assert_msg(nr == -1, "%s: abi %d nr %ld",
					      se->name, abi, nr);
				ck_assert_msg(seccomp_syscall_resolve_name_arch(
						abis[a].arch, se->name) < 0,
					      "%s: abi %d has a number", se->name,
					      abi);
				continue;
			}
			char *s = seccomp_syscall_resolve_num_arch(abis[a].arch,
					(int)(nr + abis[a].bias));
			ck_assert_msg(s && !strcmp(s, se->name),
				      "%s: abi %d nr %ld is %s", se->name, abi,
				      nr, s ? s : "NULL");
			free(s);
			ck_assert_msg(sysent_by_nr(abi, nr) == se,
				      "%s: abi %d nr %ld does not map back",
				      se->name, abi, nr);
			known++;
		}
		/* Most of the table exists on every ABI. */
		ck_assert_uint_ge(known, sysent_count * 3 / 4);
		/* and every number maps to the row of its name */
		for (long nr = 0; nr < 1024; nr++) {
			const struct sysent *se = sysent_by_nr(abi, nr);
			if (se)
				ck_assert_int_eq(sysent_nr(se, abi), nr);
		}
	}
}
END_TEST

START_TEST(test_known_numbers)
{
	ck_assert_int_eq(sysent_nr(must("openat"), ABI_X86_64), 257);
	ck_assert_int_eq(sysent_nr(must("execve"), ABI_X86_64), 59);
	ck_assert_int_eq(sysent_nr(must("read"), ABI_X86_64), 0);
	ck_assert_int_eq(sysent_nr(must("execve"), ABI_I386), 11);
	ck_assert_int_eq(sysent_nr(must("open"), ABI_I386), 5);
	ck_assert_ptr_eq(sysent_by_nr(ABI_X86_64, 257), must("openat"));
	ck_assert_ptr_eq(sysent_by_nr(ABI_I386, 5), must("open"));
	ck_assert_ptr_eq(sysent_by_nr(ABI_I386, 11), must("execve"));

	/* x32 has its own execve (compat argv); ask libseccomp rather
	 * than hard-code it. */
	int x32 = seccomp_syscall_resolve_name_arch(SCMP_ARCH_X32, "execve");
	ck_assert_int_ge(x32, X32_BIT);
	ck_assert_int_eq(sysent_nr(must("execve"), ABI_X32), x32 - X32_BIT);
	ck_assert_ptr_eq(sysent_by_nr(ABI_X32, x32 - X32_BIT), must("execve"));
	/* and x32 has no uselib at all */
	ck_assert_int_eq(sysent_nr(must("uselib"), ABI_X32), -1);
	ck_assert_ptr_null(sysent_by_nr(ABI_X32, 134));

	/* i386 sockets: libseccomp resolves the name to a socketcall
	 * pseudo number, but the direct call (Linux 4.3+) is a row. */
	long sock = sysent_nr(must("socket"), ABI_I386);
	ck_assert_int_gt(sock, 102);
	ck_assert_ptr_eq(sysent_by_nr(ABI_I386, sock), must("socket"));
	ck_assert_int_gt(sysent_nr(must("shmget"), ABI_I386), 0);
}
END_TEST

START_TEST(test_by_nr_bounds)
{
	ck_assert_ptr_null(sysent_by_nr(ABI_X86_64, -1));
	ck_assert_ptr_null(sysent_by_nr(ABI_X86_64, sysent_max_nr() + 1));
	ck_assert_ptr_null(sysent_by_nr(ABI_X86_64, 1L << 40));
	ck_assert_ptr_null(sysent_by_nr(ABI_COUNT, 0));
	ck_assert_ptr_null(sysent_by_nr((enum abi)-1, 0));
	ck_assert_int_eq(sysent_nr(NULL, ABI_X86_64), -1);
	ck_assert_int_eq(sysent_nr(must("read"), ABI_COUNT), -1);
	ck_assert_int_ge(sysent_max_nr(), 334);	/* rseq */
	ck_assert_int_lt(sysent_max_nr(), 1024);
}
END_TEST

START_TEST(test_name_any)
{
	ck_assert_str_eq(sysent_name_any(ABI_I386, 102), "socketcall");
	ck_assert_ptr_null(sysent_by_nr(ABI_I386, 102));
	ck_assert_str_eq(sysent_name_any(ABI_X86_64, 257), "openat");
	ck_assert_str_eq(sysent_name_any(ABI_I386, 11), "execve");
	/* cached: the same string every time */
	ck_assert_ptr_eq(sysent_name_any(ABI_I386, 102),
			 sysent_name_any(ABI_I386, 102));
	ck_assert_ptr_null(sysent_name_any(ABI_X86_64, -1));
	ck_assert_ptr_null(sysent_name_any(ABI_X86_64, 100000));
	ck_assert_ptr_null(sysent_name_any(ABI_COUNT, 1));
	/* a hole in the x86-64 numbering */
	ck_assert_ptr_null(sysent_name_any(ABI_X86_64, 400));
	/* every number libseccomp names has a name here too */
	for (long nr = 0; nr <= sysent_max_nr(); nr++) {
		char *s = seccomp_syscall_resolve_num_arch(SCMP_ARCH_X86_64,
							   (int)nr);
		const char *n = sysent_name_any(ABI_X86_64, nr);
		if (s)
			ck_assert_msg(n && !strcmp(n, s), "nr %ld: %s vs %s",
				      nr, n ? n : "NULL", s);
		else
			ck_assert_ptr_null(n);
		free(s);
	}
}
END_TEST

/* ---- classes and kinds --------------------------------------------- */

START_TEST(test_classes)
{
	ck_assert_uint_eq(must("openat")->classes & (CL_FILE | CL_DESC),
			  CL_FILE | CL_DESC);
	ck_assert(must("connect")->classes & CL_NETWORK);
	ck_assert(must("mmap")->classes & CL_MEMORY);
	ck_assert(must("setuid")->classes & CL_CREDS);
	ck_assert(must("clone")->classes & CL_PROCESS);
	ck_assert(must("execve")->classes & CL_PROCESS);
	ck_assert(must("execve")->classes & CL_FILE);
	ck_assert(must("kill")->classes & CL_SIGNAL);
	ck_assert(must("shmget")->classes & CL_IPC);
	ck_assert(must("clock_gettime")->classes & CL_CLOCK);
	static const char *const stats[] = {
		"stat", "lstat", "fstat", "newfstatat", "statx", "statfs",
		"fstatfs",
	};
	for (size_t i = 0; i < sizeof(stats) / sizeof(stats[0]); i++)
		ck_assert_msg(must(stats[i])->classes & CL_STAT, "%s", stats[i]);
	/* as in strace: sockets are %network only, getpid is in none */
	ck_assert_uint_eq(must("socket")->classes, CL_NETWORK);
	ck_assert_uint_eq(must("getpid")->classes, 0);
	ck_assert_uint_eq(must("read")->classes, CL_DESC);
}
END_TEST

START_TEST(test_class_names)
{
	uint32_t bit = 0;
	ck_assert_int_eq(sysent_class_by_name("file", &bit), 0);
	ck_assert_uint_eq(bit, CL_FILE);
	ck_assert_int_eq(sysent_class_by_name("net", &bit), 0);
	ck_assert_uint_eq(bit, CL_NETWORK);
	ck_assert_int_eq(sysent_class_by_name("network", &bit), 0);
	ck_assert_uint_eq(bit, CL_NETWORK);
	ck_assert_int_eq(sysent_class_by_name("stat", &bit), 0);
	ck_assert_uint_eq(bit, CL_STAT);
	bit = 42;
	ck_assert_int_lt(sysent_class_by_name("bogus", &bit), 0);
	ck_assert_int_lt(sysent_class_by_name("%file", &bit), 0);
	ck_assert_int_lt(sysent_class_by_name("", &bit), 0);
	ck_assert_int_lt(sysent_class_by_name(NULL, &bit), 0);
	ck_assert_uint_eq(bit, 42);

	for (const struct sysent_class *a = sysent_classes; a->name; a++) {
		ck_assert_msg(a->bit && !(a->bit & (a->bit - 1)) &&
			      (a->bit & all_classes), "%s", a->name);
		for (const struct sysent_class *b = a + 1; b->name; b++)
			ck_assert_str_ne(a->name, b->name);
	}
}
END_TEST

START_TEST(test_return_kinds)
{
	ck_assert_uint_eq(must("mmap")->ret, R_HEX);
	ck_assert_uint_eq(must("mremap")->ret, R_HEX);
	ck_assert_uint_eq(must("brk")->ret, R_HEX);
	ck_assert_uint_eq(must("shmat")->ret, R_HEX);
	ck_assert_uint_eq(must("umask")->ret, R_OCT);
	ck_assert_uint_eq(must("exit")->ret, R_NONE);
	ck_assert_uint_eq(must("exit_group")->ret, R_NONE);
	static const char *const fds[] = {
		"open", "openat", "openat2", "creat", "dup", "dup2", "dup3",
		"socket", "accept", "accept4", "pidfd_open", "memfd_create",
		"epoll_create1", "eventfd2", "inotify_init1", "userfaultfd",
		"io_uring_setup", "perf_event_open", "fsopen", "fsmount",
		"open_tree", "open_by_handle_at", "signalfd4",
		"timerfd_create",
	};
	for (size_t i = 0; i < sizeof(fds) / sizeof(fds[0]); i++)
		ck_assert_msg(must(fds[i])->ret == R_FD, "%s", fds[i]);
	ck_assert_uint_eq(must("read")->ret, R_INT);
	ck_assert_uint_eq(must("close")->ret, R_INT);
	ck_assert_uint_eq(must("clone")->ret, R_INT);
	/* pipe's descriptors come back through memory */
	ck_assert_uint_eq(must("pipe2")->ret, R_INT);
	unsigned none = 0;
	for (unsigned i = 0; i < sysent_count; i++)
		none += sysent_table[i].ret == R_NONE;
	ck_assert_uint_eq(none, 2);
}
END_TEST

START_TEST(test_signatures)
{
	ARGS("read", R_INT, A_FD, A_BUF_OUT, A_ULONG);
	ARGS("write", R_INT, A_FD, A_BUF_IN, A_ULONG);
	ARGS("openat", R_FD, A_DIRFD, A_PATH, A_OPEN_FLAGS, A_MODE);
	ARGS("open", R_FD, A_PATH, A_OPEN_FLAGS, A_MODE);
	ARGS("mmap", R_HEX, A_PTR, A_ULONG, A_PROT, A_MAP_FLAGS, A_FD, A_HEX);
	ARGS("execve", R_INT, A_PATH, A_ARGV, A_ENVP);
	ARGS("execveat", R_INT, A_DIRFD, A_PATH, A_ARGV, A_ENVP, A_AT_FLAGS);
	ARGS("connect", R_INT, A_FD, A_SOCKADDR, A_UINT);
	ARGS("accept", R_FD, A_FD, A_SOCKADDR_OUT, A_SOCKLEN_OUT);
	ARGS("wait4", R_INT, A_PID, A_WAIT_STATUS_OUT, A_WAIT_OPTIONS, A_PTR);
	ARGS("close", R_INT, A_FD);
	ARGS("pipe2", R_INT, A_PIPEFDS_OUT, A_FD_FLAGS);
	ARGS("socket", R_FD, A_SOCK_FAMILY, A_SOCK_TYPE, A_SOCK_PROTO);
	ARGS("rt_sigaction", R_INT, A_SIGNAL, A_SIGACTION, A_SIGACTION_OUT,
	     A_ULONG);
	ARGS("rt_sigprocmask", R_INT, A_SIGHOW, A_SIGSET, A_SIGSET_OUT,
	     A_ULONG);
	ARGS("newfstatat", R_INT, A_DIRFD, A_PATH, A_STAT_OUT, A_AT_FLAGS);
	ARGS("statx", R_INT, A_DIRFD, A_PATH, A_AT_FLAGS, A_HEX, A_STATX_OUT);
	ARGS("clone", R_INT, A_CLONE_FLAGS, A_PTR, A_PTR, A_PTR, A_HEX);
	ARGS("clone3", R_INT, A_CLONE3_ARGS, A_ULONG);
	ARGS("kill", R_INT, A_PID, A_SIGNAL);
	ARGS("getdents64", R_INT, A_FD, A_DIRENTS_OUT, A_UINT);
	ARGS("prlimit64", R_INT, A_PID, A_RLIMIT_RES, A_RLIMIT, A_RLIMIT_OUT);
	ARGS("umask", R_OCT, A_MODE);
	ARGS("exit_group", R_NONE, A_INT);
	ARGS("recvfrom", R_INT, A_FD, A_BUF_OUT, A_ULONG, A_MSG_FLAGS,
	     A_SOCKADDR_OUT, A_SOCKLEN_OUT);
	ARGS("sendto", R_INT, A_FD, A_BUF_IN, A_ULONG, A_MSG_FLAGS,
	     A_SOCKADDR, A_UINT);
	ARGS("ptrace", R_INT, A_PTRACE_REQ, A_PID, A_PTR, A_HEX);
	ARGS("setresuid", R_INT, A_UID, A_UID, A_UID);
	ARGS("fchownat", R_INT, A_DIRFD, A_PATH, A_UID, A_GID, A_AT_FLAGS);
	must("getpid");
	ck_assert_uint_eq(must("getpid")->nargs, 0);
	ck_assert_uint_eq(must("fork")->nargs, 0);
}
END_TEST

static Suite *sysent_suite(void)
{
	Suite *s = suite_create("sysent");
	TCase *tc = tcase_create("table");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_size);
	tcase_add_test(tc, test_sorted_unique);
	tcase_add_test(tc, test_args_well_formed);
	tcase_add_test(tc, test_length_follows);
	tcase_add_test(tc, test_names_resolve);
	tcase_add_test(tc, test_required_present);
	tcase_add_test(tc, test_every_class_used);
	tcase_add_test(tc, test_by_name);
	suite_add_tcase(s, tc);

	tc = tcase_create("numbers");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_init_idempotent);
	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_known_numbers);
	tcase_add_test(tc, test_by_nr_bounds);
	tcase_add_test(tc, test_name_any);
	suite_add_tcase(s, tc);

	tc = tcase_create("kinds");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_classes);
	tcase_add_test(tc, test_class_names);
	tcase_add_test(tc, test_return_kinds);
	tcase_add_test(tc, test_signatures);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(sysent_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
