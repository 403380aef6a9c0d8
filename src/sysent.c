/* sysent.c - the syscall table and its number indexes
 *
 * The table below is the one place that says what a syscall is: its
 * name, its strace classes, how its arguments and return value print.
 * It never holds numbers: those come from libseccomp at startup, for
 * each ABI an x86-64 process can use, so the tracer, the seccomp filter
 * and the trace-set parser cannot disagree about them.
 *
 * Contents: every syscall strace 6.1 knows on x86-64, so that -e trace
 * classes select the same calls as strace's. Newer calls (fchmodat2,
 * cachestat, map_shadow_stack, futex_wake, ...) are left out: strace
 * 6.1 does not know them and libseccomp 2.5.4 as released upstream
 * cannot resolve them (some distribution builds can). Leaving them out
 * keeps one rule: every row resolves on x86-64 with the oldest
 * supported libseccomp. Calls that are not rows are still traced by
 * "all" and named by sysent_name_any().
 *
 * Classes follow strace 6.1, quirks included, because users port -e
 * trace expressions from it: getcwd is %file; prctl is %creds;
 * sendfile is %network as well as %desc; shmat/shmdt and io_setup are
 * %memory; io_uring_enter is %signal; socket, accept and the other
 * network calls are not %desc. The one deliberate difference is %stat,
 * which here is the whole stat family (strace's %%stat plus %%statfs)
 * rather than the stat call alone.
 *
 * Arguments follow the x86-64 kernel entry points, one kind per raw
 * argument register, so that arg[i] always describes args[i]; where
 * strace hides an argument the decoder does the hiding:
 *  - open, openat, mq_open: the mode is printed only with O_CREAT or
 *    O_TMPFILE, yet it is listed (nargs counts it) since the kernel
 *    reads it then;
 *  - mknod, mknodat: dev only for S_IFCHR and S_IFBLK;
 *  - mremap: new_address only with MREMAP_FIXED;
 *  - clone: the x86-64 order is flags, stack, parent_tid, child_tid,
 *    tls (i386 swaps the last two); strace prints it with names;
 *  - futex, keyctl, ptrace, prctl, fcntl, ioctl, semctl, syslog,
 *    reboot: how many arguments mean anything depends on the command;
 *  - preadv, pwritev: the unused high half of the offset (pos_h, always
 *    0 on 64-bit) is the last argument and is left out, as strace does;
 *  - preadv2, pwritev2: pos_h sits before the flags, so it stays in and
 *    these print one argument more than strace unless the decoder
 *    drops it.
 * Calls the kernel no longer implements (afs_syscall, tuxcall, ...)
 * keep their historical argument count and print raw, like strace.
 * Values with no kind of their own (statx's mask, fadvise64's advice,
 * flock's operation, fallocate's mode) print as numbers. The iovecs of
 * process_vm_readv/writev and process_madvise that describe the other
 * process's memory are A_PTR: reading them here would show our
 * tracee's bytes at those addresses, not the target's.
 *
 * The rows describe the x86-64 entry points; i386 and x32 numbers map
 * to them by name. Where i386 passes arguments differently (mmap and
 * select take one struct pointer, 64-bit offsets are split in two
 * registers: pread64, fadvise64, fallocate, sync_file_range,
 * fanotify_mark, ...) the decoder must not trust the row's scalar
 * kinds for ABI_I386.
 *
 * R_FD marks calls that always return a new descriptor; bpf and fcntl
 * only sometimes do, so they stay R_INT rather than decorate unrelated
 * numbers with -y paths.
 */
#include "config.h"

#include <errno.h>
#include <seccomp.h>
#include <stdlib.h>
#include <string.h>

#include "sysent.h"
#include "traceset.h"
#include "util.h"

/* A row; nargs is counted from the kinds so the two cannot disagree.
 * SE0 is for calls without arguments: "{ }" would be a GNU extension. */
#define SE(nm, cl, rk, ...) {						\
	.name = nm, .classes = cl, .ret = rk,				\
	.nargs = sizeof((const uint8_t[]){ __VA_ARGS__ }),		\
	.arg = { __VA_ARGS__ },						\
}
#define SE0(nm, cl, rk) { .name = nm, .classes = cl, .ret = rk }

/* Sorted by strcmp() of the name: sysent_by_name() bisects. */
const struct sysent sysent_table[] = {
	SE("_sysctl",		0, R_INT, A_PTR),
	SE("accept",		CL_NETWORK, R_FD, A_FD, A_SOCKADDR_OUT, A_SOCKLEN_OUT),
	SE("accept4",		CL_NETWORK, R_FD,
	   A_FD, A_SOCKADDR_OUT, A_SOCKLEN_OUT, A_SOCK_TYPE),
	SE("access",		CL_FILE, R_INT, A_PATH, A_ACCESS_MODE),
	SE("acct",		CL_FILE, R_INT, A_PATH),
	SE("add_key",		0, R_INT, A_STR, A_STR, A_BUF_IN, A_ULONG, A_INT),
	SE("adjtimex",		CL_CLOCK, R_INT, A_PTR),
	SE("afs_syscall",	0, R_INT, A_HEX, A_HEX, A_HEX, A_HEX, A_HEX),
	SE("alarm",		0, R_INT, A_UINT),
	SE("arch_prctl",	0, R_INT, A_ARCH_PRCTL_CODE, A_HEX),
	SE("bind",		CL_NETWORK, R_INT, A_FD, A_SOCKADDR, A_UINT),
	SE("bpf",		CL_DESC, R_INT, A_BPF_CMD, A_PTR, A_UINT),
	SE("brk",		CL_MEMORY, R_HEX, A_PTR),
	SE("capget",		CL_CREDS, R_INT, A_PTR, A_PTR),
	SE("capset",		CL_CREDS, R_INT, A_PTR, A_PTR),
	SE("chdir",		CL_FILE, R_INT, A_PATH),
	SE("chmod",		CL_FILE, R_INT, A_PATH, A_MODE),
	SE("chown",		CL_FILE, R_INT, A_PATH, A_UID, A_GID),
	SE("chroot",		CL_FILE, R_INT, A_PATH),
	SE("clock_adjtime",	CL_CLOCK, R_INT, A_CLOCKID, A_PTR),
	SE("clock_getres",	CL_CLOCK, R_INT, A_CLOCKID, A_TIMESPEC_OUT),
	SE("clock_gettime",	CL_CLOCK, R_INT, A_CLOCKID, A_TIMESPEC_OUT),
	SE("clock_nanosleep",	0, R_INT, A_CLOCKID, A_TIMER_FLAGS, A_TIMESPEC, A_TIMESPEC_OUT),
	SE("clock_settime",	CL_CLOCK, R_INT, A_CLOCKID, A_TIMESPEC),
	SE("clone",		CL_PROCESS, R_INT, A_CLONE_FLAGS, A_PTR, A_PTR, A_PTR, A_HEX),
	SE("clone3",		CL_PROCESS, R_INT, A_CLONE3_ARGS, A_ULONG),
	SE("close",		CL_DESC, R_INT, A_FD),
	SE("close_range",	0, R_INT, A_FD, A_UINT, A_HEX),
	SE("connect",		CL_NETWORK, R_INT, A_FD, A_SOCKADDR, A_UINT),
	SE("copy_file_range",	CL_DESC, R_INT, A_FD, A_PTR, A_FD, A_PTR, A_ULONG, A_UINT),
	SE("creat",		CL_FILE|CL_DESC, R_FD, A_PATH, A_MODE),
	SE("create_module",	0, R_INT, A_HEX, A_HEX),
	SE("delete_module",	0, R_INT, A_STR, A_HEX),
	SE("dup",		CL_DESC, R_FD, A_FD),
	SE("dup2",		CL_DESC, R_FD, A_FD, A_FD),
	SE("dup3",		CL_DESC, R_FD, A_FD, A_FD, A_FD_FLAGS),
	SE("epoll_create",	CL_DESC, R_FD, A_INT),
	SE("epoll_create1",	CL_DESC, R_FD, A_FD_FLAGS),
	SE("epoll_ctl",		CL_DESC, R_INT, A_FD, A_EPOLL_OP, A_FD, A_PTR),
	SE("epoll_ctl_old",	0, R_INT, A_HEX, A_HEX, A_HEX, A_HEX),
	SE("epoll_pwait",	CL_DESC, R_INT, A_FD, A_PTR, A_INT, A_INT, A_SIGSET, A_ULONG),
	SE("epoll_pwait2",	CL_DESC, R_INT,
	   A_FD, A_PTR, A_INT, A_TIMESPEC, A_SIGSET, A_ULONG),
	SE("epoll_wait",	CL_DESC, R_INT, A_FD, A_PTR, A_INT, A_INT),
	SE("epoll_wait_old",	0, R_INT, A_HEX, A_HEX, A_HEX, A_HEX),
	SE("eventfd",		CL_DESC, R_FD, A_UINT),
	SE("eventfd2",		CL_DESC, R_FD, A_UINT, A_FD_FLAGS),
	SE("execve",		CL_FILE|CL_PROCESS, R_INT, A_PATH, A_ARGV, A_ENVP),
	SE("execveat",		CL_FILE|CL_DESC|CL_PROCESS, R_INT,
	   A_DIRFD, A_PATH, A_ARGV, A_ENVP, A_AT_FLAGS),
	SE("exit",		CL_PROCESS, R_NONE, A_INT),
	SE("exit_group",	CL_PROCESS, R_NONE, A_INT),
	SE("faccessat",		CL_FILE|CL_DESC, R_INT, A_DIRFD, A_PATH, A_ACCESS_MODE),
	SE("faccessat2",	CL_FILE|CL_DESC, R_INT,
	   A_DIRFD, A_PATH, A_ACCESS_MODE, A_AT_FLAGS),
	SE("fadvise64",		CL_DESC, R_INT, A_FD, A_LONG, A_ULONG, A_INT),
	SE("fallocate",		CL_DESC, R_INT, A_FD, A_HEX, A_LONG, A_LONG),
	SE("fanotify_init",	CL_DESC, R_FD, A_HEX, A_OPEN_FLAGS),
	SE("fanotify_mark",	CL_FILE|CL_DESC, R_INT, A_FD, A_HEX, A_HEX, A_DIRFD, A_PATH),
	SE("fchdir",		CL_DESC, R_INT, A_FD),
	SE("fchmod",		CL_DESC, R_INT, A_FD, A_MODE),
	SE("fchmodat",		CL_FILE|CL_DESC, R_INT, A_DIRFD, A_PATH, A_MODE),
	SE("fchown",		CL_DESC, R_INT, A_FD, A_UID, A_GID),
	SE("fchownat",		CL_FILE|CL_DESC, R_INT,
	   A_DIRFD, A_PATH, A_UID, A_GID, A_AT_FLAGS),
	SE("fcntl",		CL_DESC, R_INT, A_FD, A_FCNTL_CMD, A_FCNTL_ARG),
	SE("fdatasync",		CL_DESC, R_INT, A_FD),
	SE("fgetxattr",		CL_DESC, R_INT, A_FD, A_STR, A_BUF_OUT, A_ULONG),
	SE("finit_module",	CL_DESC, R_INT, A_FD, A_STR, A_HEX),
	SE("flistxattr",	CL_DESC, R_INT, A_FD, A_BUF_OUT, A_ULONG),
	SE("flock",		CL_DESC, R_INT, A_FD, A_INT),
	SE0("fork",		CL_PROCESS, R_INT),
	SE("fremovexattr",	CL_DESC, R_INT, A_FD, A_STR),
	SE("fsconfig",		CL_FILE|CL_DESC, R_INT, A_FD, A_UINT, A_STR, A_PTR, A_INT),
	SE("fsetxattr",		CL_DESC, R_INT, A_FD, A_STR, A_BUF_IN, A_ULONG, A_XATTR_FLAGS),
	SE("fsmount",		CL_DESC, R_FD, A_FD, A_HEX, A_HEX),
	SE("fsopen",		CL_DESC, R_FD, A_STR, A_HEX),
	SE("fspick",		CL_FILE|CL_DESC, R_FD, A_DIRFD, A_PATH, A_HEX),
	SE("fstat",		CL_DESC|CL_STAT, R_INT, A_FD, A_STAT_OUT),
	SE("fstatfs",		CL_DESC|CL_STAT, R_INT, A_FD, A_PTR),
	SE("fsync",		CL_DESC, R_INT, A_FD),
	SE("ftruncate",		CL_DESC, R_INT, A_FD, A_LONG),
	SE("futex",		0, R_INT, A_PTR, A_FUTEX_OP, A_INT, A_PTR, A_PTR, A_HEX),
	SE("futex_waitv",	0, R_INT, A_PTR, A_UINT, A_HEX, A_TIMESPEC, A_CLOCKID),
	SE("futimesat",		CL_FILE|CL_DESC, R_INT, A_DIRFD, A_PATH, A_PTR),
	SE("get_kernel_syms",	0, R_INT, A_HEX),
	SE("get_mempolicy",	CL_MEMORY, R_INT, A_PTR, A_PTR, A_ULONG, A_PTR, A_HEX),
	SE("get_robust_list",	0, R_INT, A_PID, A_PTR, A_PTR),
	SE("get_thread_area",	0, R_INT, A_PTR),
	SE("getcpu",		0, R_INT, A_PTR, A_PTR, A_PTR),
	SE("getcwd",		CL_FILE, R_INT, A_BUF_OUT, A_ULONG),
	SE("getdents",		CL_DESC, R_INT, A_FD, A_PTR, A_UINT),
	SE("getdents64",	CL_DESC, R_INT, A_FD, A_DIRENTS_OUT, A_UINT),
	SE0("getegid",		CL_CREDS, R_INT),
	SE0("geteuid",		CL_CREDS, R_INT),
	SE0("getgid",		CL_CREDS, R_INT),
	SE("getgroups",		CL_CREDS, R_INT, A_INT, A_PTR),
	SE("getitimer",		0, R_INT, A_INT, A_PTR),
	SE("getpeername",	CL_NETWORK, R_INT, A_FD, A_SOCKADDR_OUT, A_SOCKLEN_OUT),
	SE("getpgid",		0, R_INT, A_PID),
	SE0("getpgrp",		0, R_INT),
	SE0("getpid",		0, R_INT),
	SE("getpmsg",		CL_NETWORK, R_INT, A_HEX, A_HEX, A_HEX, A_HEX, A_HEX),
	SE0("getppid",		0, R_INT),
	SE("getpriority",	0, R_INT, A_INT, A_INT),
	SE("getrandom",		0, R_INT, A_BUF_OUT, A_ULONG, A_GRND_FLAGS),
	SE("getresgid",		CL_CREDS, R_INT, A_PTR, A_PTR, A_PTR),
	SE("getresuid",		CL_CREDS, R_INT, A_PTR, A_PTR, A_PTR),
	SE("getrlimit",		0, R_INT, A_RLIMIT_RES, A_RLIMIT_OUT),
	SE("getrusage",		0, R_INT, A_INT, A_PTR),
	SE("getsid",		0, R_INT, A_PID),
	SE("getsockname",	CL_NETWORK, R_INT, A_FD, A_SOCKADDR_OUT, A_SOCKLEN_OUT),
	SE("getsockopt",	CL_NETWORK, R_INT,
	   A_FD, A_SOCKOPT_LEVEL, A_SOCKOPT_NAME, A_PTR, A_SOCKLEN_OUT),
	SE0("gettid",		0, R_INT),
	SE("gettimeofday",	CL_CLOCK, R_INT, A_PTR, A_PTR),
	SE0("getuid",		CL_CREDS, R_INT),
	SE("getxattr",		CL_FILE, R_INT, A_PATH, A_STR, A_BUF_OUT, A_ULONG),
	SE("init_module",	0, R_INT, A_PTR, A_ULONG, A_STR),
	SE("inotify_add_watch",	CL_FILE|CL_DESC, R_INT, A_FD, A_PATH, A_INOTIFY_MASK),
	SE0("inotify_init",	CL_DESC, R_FD),
	SE("inotify_init1",	CL_DESC, R_FD, A_FD_FLAGS),
	SE("inotify_rm_watch",	CL_DESC, R_INT, A_FD, A_INT),
	SE("io_cancel",		0, R_INT, A_HEX, A_PTR, A_PTR),
	SE("io_destroy",	CL_MEMORY, R_INT, A_HEX),
	SE("io_getevents",	0, R_INT, A_HEX, A_LONG, A_LONG, A_PTR, A_TIMESPEC),
	SE("io_pgetevents",	0, R_INT, A_HEX, A_LONG, A_LONG, A_PTR, A_TIMESPEC, A_PTR),
	SE("io_setup",		CL_MEMORY, R_INT, A_UINT, A_PTR),
	SE("io_submit",		0, R_INT, A_HEX, A_LONG, A_PTR),
	SE("io_uring_enter",	CL_DESC|CL_SIGNAL, R_INT,
	   A_FD, A_UINT, A_UINT, A_HEX, A_PTR, A_ULONG),
	SE("io_uring_register",	CL_DESC|CL_MEMORY, R_INT, A_FD, A_UINT, A_PTR, A_UINT),
	SE("io_uring_setup",	CL_DESC, R_FD, A_UINT, A_PTR),
	SE("ioctl",		CL_DESC, R_INT, A_FD, A_IOCTL_REQ, A_HEX),
	SE("ioperm",		0, R_INT, A_ULONG, A_ULONG, A_INT),
	SE("iopl",		0, R_INT, A_INT),
	SE("ioprio_get",	0, R_INT, A_INT, A_INT),
	SE("ioprio_set",	0, R_INT, A_INT, A_INT, A_INT),
	SE("kcmp",		0, R_INT, A_PID, A_PID, A_INT, A_ULONG, A_ULONG),
	SE("kexec_file_load",	CL_DESC, R_INT, A_FD, A_FD, A_ULONG, A_STR, A_HEX),
	SE("kexec_load",	0, R_INT, A_HEX, A_ULONG, A_PTR, A_HEX),
	SE("keyctl",		0, R_INT, A_KEYCTL_CMD, A_HEX, A_HEX, A_HEX, A_HEX),
	SE("kill",		CL_PROCESS|CL_SIGNAL, R_INT, A_PID, A_SIGNAL),
	SE("landlock_add_rule",	CL_DESC, R_INT, A_FD, A_INT, A_PTR, A_HEX),
	SE("landlock_create_ruleset", CL_DESC, R_FD, A_PTR, A_ULONG, A_HEX),
	SE("landlock_restrict_self", CL_DESC, R_INT, A_FD, A_HEX),
	SE("lchown",		CL_FILE, R_INT, A_PATH, A_UID, A_GID),
	SE("lgetxattr",		CL_FILE, R_INT, A_PATH, A_STR, A_BUF_OUT, A_ULONG),
	SE("link",		CL_FILE, R_INT, A_PATH, A_PATH),
	SE("linkat",		CL_FILE|CL_DESC, R_INT,
	   A_DIRFD, A_PATH, A_DIRFD, A_PATH, A_AT_FLAGS),
	SE("listen",		CL_NETWORK, R_INT, A_FD, A_INT),
	SE("listxattr",		CL_FILE, R_INT, A_PATH, A_BUF_OUT, A_ULONG),
	SE("llistxattr",	CL_FILE, R_INT, A_PATH, A_BUF_OUT, A_ULONG),
	SE("lookup_dcookie",	0, R_INT, A_HEX, A_BUF_OUT, A_ULONG),
	SE("lremovexattr",	CL_FILE, R_INT, A_PATH, A_STR),
	SE("lseek",		CL_DESC, R_INT, A_FD, A_LONG, A_WHENCE),
	SE("lsetxattr",		CL_FILE, R_INT,
	   A_PATH, A_STR, A_BUF_IN, A_ULONG, A_XATTR_FLAGS),
	SE("lstat",		CL_FILE|CL_STAT, R_INT, A_PATH, A_STAT_OUT),
	SE("madvise",		CL_MEMORY, R_INT, A_PTR, A_ULONG, A_MADV),
	SE("mbind",		CL_MEMORY, R_INT, A_PTR, A_ULONG, A_INT, A_PTR, A_ULONG, A_HEX),
	SE("membarrier",	0, R_INT, A_INT, A_HEX, A_INT),
	SE("memfd_create",	CL_DESC, R_FD, A_STR, A_MEMFD_FLAGS),
	SE("memfd_secret",	CL_DESC, R_FD, A_HEX),
	SE("migrate_pages",	CL_MEMORY, R_INT, A_PID, A_ULONG, A_PTR, A_PTR),
	SE("mincore",		CL_MEMORY, R_INT, A_PTR, A_ULONG, A_PTR),
	SE("mkdir",		CL_FILE, R_INT, A_PATH, A_MODE),
	SE("mkdirat",		CL_FILE|CL_DESC, R_INT, A_DIRFD, A_PATH, A_MODE),
	SE("mknod",		CL_FILE, R_INT, A_PATH, A_MODE, A_DEV),
	SE("mknodat",		CL_FILE|CL_DESC, R_INT, A_DIRFD, A_PATH, A_MODE, A_DEV),
	SE("mlock",		CL_MEMORY, R_INT, A_PTR, A_ULONG),
	SE("mlock2",		CL_MEMORY, R_INT, A_PTR, A_ULONG, A_MLOCK_FLAGS),
	SE("mlockall",		CL_MEMORY, R_INT, A_MLOCKALL_FLAGS),
	SE("mmap",		CL_DESC|CL_MEMORY, R_HEX,
	   A_PTR, A_ULONG, A_PROT, A_MAP_FLAGS, A_FD, A_HEX),
	SE("modify_ldt",	0, R_INT, A_INT, A_PTR, A_ULONG),
	SE("mount",		CL_FILE, R_INT, A_PATH, A_PATH, A_STR, A_MOUNT_FLAGS, A_STR),
	SE("mount_setattr",	CL_FILE|CL_DESC, R_INT,
	   A_DIRFD, A_PATH, A_AT_FLAGS, A_PTR, A_ULONG),
	SE("move_mount",	CL_FILE|CL_DESC, R_INT,
	   A_DIRFD, A_PATH, A_DIRFD, A_PATH, A_HEX),
	SE("move_pages",	CL_MEMORY, R_INT, A_PID, A_ULONG, A_PTR, A_PTR, A_PTR, A_HEX),
	SE("mprotect",		CL_MEMORY, R_INT, A_PTR, A_ULONG, A_PROT),
	SE("mq_getsetattr",	CL_DESC, R_INT, A_FD, A_PTR, A_PTR),
	SE("mq_notify",		CL_DESC, R_INT, A_FD, A_PTR),
	SE("mq_open",		CL_DESC, R_FD, A_STR, A_OPEN_FLAGS, A_MODE, A_PTR),
	SE("mq_timedreceive",	CL_DESC, R_INT, A_FD, A_BUF_OUT, A_ULONG, A_PTR, A_TIMESPEC),
	SE("mq_timedsend",	CL_DESC, R_INT, A_FD, A_BUF_IN, A_ULONG, A_UINT, A_TIMESPEC),
	SE("mq_unlink",		0, R_INT, A_STR),
	SE("mremap",		CL_MEMORY, R_HEX,
	   A_PTR, A_ULONG, A_ULONG, A_MREMAP_FLAGS, A_PTR),
	SE("msgctl",		CL_IPC, R_INT, A_INT, A_IPC_CMD, A_PTR),
	SE("msgget",		CL_IPC, R_INT, A_HEX, A_IPC_FLAGS),
	SE("msgrcv",		CL_IPC, R_INT, A_INT, A_PTR, A_ULONG, A_LONG, A_HEX),
	SE("msgsnd",		CL_IPC, R_INT, A_INT, A_PTR, A_ULONG, A_HEX),
	SE("msync",		CL_MEMORY, R_INT, A_PTR, A_ULONG, A_MSYNC_FLAGS),
	SE("munlock",		CL_MEMORY, R_INT, A_PTR, A_ULONG),
	SE0("munlockall",	CL_MEMORY, R_INT),
	SE("munmap",		CL_MEMORY, R_INT, A_PTR, A_ULONG),
	SE("name_to_handle_at",	CL_FILE|CL_DESC, R_INT,
	   A_DIRFD, A_PATH, A_PTR, A_PTR, A_AT_FLAGS),
	SE("nanosleep",		0, R_INT, A_TIMESPEC, A_TIMESPEC_OUT),
	SE("newfstatat",	CL_FILE|CL_DESC|CL_STAT, R_INT,
	   A_DIRFD, A_PATH, A_STAT_OUT, A_AT_FLAGS),
	SE("nfsservctl",	0, R_INT, A_HEX, A_HEX, A_HEX),
	SE("open",		CL_FILE|CL_DESC, R_FD, A_PATH, A_OPEN_FLAGS, A_MODE),
	SE("open_by_handle_at",	CL_DESC, R_FD, A_FD, A_PTR, A_OPEN_FLAGS),
	SE("open_tree",		CL_FILE|CL_DESC, R_FD, A_DIRFD, A_PATH, A_HEX),
	SE("openat",		CL_FILE|CL_DESC, R_FD, A_DIRFD, A_PATH, A_OPEN_FLAGS, A_MODE),
	SE("openat2",		CL_FILE|CL_DESC, R_FD, A_DIRFD, A_PATH, A_PTR, A_ULONG),
	SE0("pause",		CL_SIGNAL, R_INT),
	SE("perf_event_open",	CL_DESC, R_FD, A_PTR, A_PID, A_INT, A_FD, A_HEX),
	SE("personality",	0, R_INT, A_PERSONALITY),
	SE("pidfd_getfd",	CL_DESC, R_FD, A_FD, A_INT, A_UINT),
	SE("pidfd_open",	CL_DESC, R_FD, A_PID, A_HEX),
	SE("pidfd_send_signal",	CL_DESC|CL_PROCESS|CL_SIGNAL, R_INT,
	   A_FD, A_SIGNAL, A_PTR, A_UINT),
	SE("pipe",		CL_DESC, R_INT, A_PIPEFDS_OUT),
	SE("pipe2",		CL_DESC, R_INT, A_PIPEFDS_OUT, A_FD_FLAGS),
	SE("pivot_root",	CL_FILE, R_INT, A_PATH, A_PATH),
	SE("pkey_alloc",	0, R_INT, A_HEX, A_HEX),
	SE("pkey_free",		0, R_INT, A_INT),
	SE("pkey_mprotect",	CL_MEMORY, R_INT, A_PTR, A_ULONG, A_PROT, A_INT),
	SE("poll",		CL_DESC, R_INT, A_PTR, A_UINT, A_INT),
	SE("ppoll",		CL_DESC, R_INT, A_PTR, A_UINT, A_TIMESPEC, A_SIGSET, A_ULONG),
	SE("prctl",		CL_CREDS, R_INT,
	   A_PRCTL_OPT, A_ULONG, A_ULONG, A_ULONG, A_ULONG),
	SE("pread64",		CL_DESC, R_INT, A_FD, A_BUF_OUT, A_ULONG, A_LONG),
	SE("preadv",		CL_DESC, R_INT, A_FD, A_IOVEC_OUT, A_ULONG, A_LONG),
	SE("preadv2",		CL_DESC, R_INT,
	   A_FD, A_IOVEC_OUT, A_ULONG, A_LONG, A_ULONG, A_HEX),
	SE("prlimit64",		0, R_INT, A_PID, A_RLIMIT_RES, A_RLIMIT, A_RLIMIT_OUT),
	SE("process_madvise",	CL_DESC, R_INT, A_FD, A_PTR, A_ULONG, A_MADV, A_UINT),
	SE("process_mrelease",	CL_DESC, R_INT, A_FD, A_UINT),
	SE("process_vm_readv",	0, R_INT, A_PID, A_IOVEC_OUT, A_ULONG, A_PTR, A_ULONG, A_ULONG),
	SE("process_vm_writev",	0, R_INT, A_PID, A_IOVEC_IN, A_ULONG, A_PTR, A_ULONG, A_ULONG),
	SE("pselect6",		CL_DESC, R_INT, A_INT, A_PTR, A_PTR, A_PTR, A_TIMESPEC, A_PTR),
	SE("ptrace",		0, R_INT, A_PTRACE_REQ, A_PID, A_PTR, A_HEX),
	SE("putpmsg",		CL_NETWORK, R_INT, A_HEX, A_HEX, A_HEX, A_HEX, A_HEX),
	SE("pwrite64",		CL_DESC, R_INT, A_FD, A_BUF_IN, A_ULONG, A_LONG),
	SE("pwritev",		CL_DESC, R_INT, A_FD, A_IOVEC_IN, A_ULONG, A_LONG),
	SE("pwritev2",		CL_DESC, R_INT,
	   A_FD, A_IOVEC_IN, A_ULONG, A_LONG, A_ULONG, A_HEX),
	SE("query_module",	0, R_INT, A_HEX, A_HEX, A_HEX, A_HEX, A_HEX),
	SE("quotactl",		CL_FILE, R_INT, A_HEX, A_PATH, A_INT, A_PTR),
	SE("quotactl_fd",	CL_DESC, R_INT, A_FD, A_HEX, A_INT, A_PTR),
	SE("read",		CL_DESC, R_INT, A_FD, A_BUF_OUT, A_ULONG),
	SE("readahead",		CL_DESC, R_INT, A_FD, A_LONG, A_ULONG),
	SE("readlink",		CL_FILE, R_INT, A_PATH, A_BUF_OUT, A_ULONG),
	SE("readlinkat",	CL_FILE|CL_DESC, R_INT, A_DIRFD, A_PATH, A_BUF_OUT, A_ULONG),
	SE("readv",		CL_DESC, R_INT, A_FD, A_IOVEC_OUT, A_ULONG),
	SE("reboot",		0, R_INT, A_HEX, A_HEX, A_HEX, A_PTR),
	SE("recvfrom",		CL_NETWORK, R_INT,
	   A_FD, A_BUF_OUT, A_ULONG, A_MSG_FLAGS, A_SOCKADDR_OUT, A_SOCKLEN_OUT),
	SE("recvmmsg",		CL_NETWORK, R_INT,
	   A_FD, A_PTR, A_UINT, A_MSG_FLAGS, A_TIMESPEC),
	SE("recvmsg",		CL_NETWORK, R_INT, A_FD, A_PTR, A_MSG_FLAGS),
	SE("remap_file_pages",	CL_MEMORY, R_INT, A_PTR, A_ULONG, A_PROT, A_ULONG, A_MAP_FLAGS),
	SE("removexattr",	CL_FILE, R_INT, A_PATH, A_STR),
	SE("rename",		CL_FILE, R_INT, A_PATH, A_PATH),
	SE("renameat",		CL_FILE|CL_DESC, R_INT, A_DIRFD, A_PATH, A_DIRFD, A_PATH),
	SE("renameat2",		CL_FILE|CL_DESC, R_INT,
	   A_DIRFD, A_PATH, A_DIRFD, A_PATH, A_RENAME_FLAGS),
	SE("request_key",	0, R_INT, A_STR, A_STR, A_STR, A_INT),
	SE0("restart_syscall",	0, R_INT),
	SE("rmdir",		CL_FILE, R_INT, A_PATH),
	SE("rseq",		0, R_INT, A_PTR, A_HEX, A_HEX, A_HEX),
	SE("rt_sigaction",	CL_SIGNAL, R_INT,
	   A_SIGNAL, A_SIGACTION, A_SIGACTION_OUT, A_ULONG),
	SE("rt_sigpending",	CL_SIGNAL, R_INT, A_SIGSET_OUT, A_ULONG),
	SE("rt_sigprocmask",	CL_SIGNAL, R_INT, A_SIGHOW, A_SIGSET, A_SIGSET_OUT, A_ULONG),
	SE("rt_sigqueueinfo",	CL_PROCESS|CL_SIGNAL, R_INT, A_PID, A_SIGNAL, A_PTR),
	SE0("rt_sigreturn",	CL_SIGNAL, R_INT),
	SE("rt_sigsuspend",	CL_SIGNAL, R_INT, A_SIGSET, A_ULONG),
	SE("rt_sigtimedwait",	CL_SIGNAL, R_INT, A_SIGSET, A_PTR, A_TIMESPEC, A_ULONG),
	SE("rt_tgsigqueueinfo",	CL_PROCESS|CL_SIGNAL, R_INT, A_PID, A_PID, A_SIGNAL, A_PTR),
	SE("sched_get_priority_max", 0, R_INT, A_INT),
	SE("sched_get_priority_min", 0, R_INT, A_INT),
	SE("sched_getaffinity",	0, R_INT, A_PID, A_UINT, A_PTR),
	SE("sched_getattr",	0, R_INT, A_PID, A_PTR, A_UINT, A_HEX),
	SE("sched_getparam",	0, R_INT, A_PID, A_PTR),
	SE("sched_getscheduler", 0, R_INT, A_PID),
	SE("sched_rr_get_interval", 0, R_INT, A_PID, A_TIMESPEC_OUT),
	SE("sched_setaffinity",	0, R_INT, A_PID, A_UINT, A_PTR),
	SE("sched_setattr",	0, R_INT, A_PID, A_PTR, A_HEX),
	SE("sched_setparam",	0, R_INT, A_PID, A_PTR),
	SE("sched_setscheduler", 0, R_INT, A_PID, A_INT, A_PTR),
	SE0("sched_yield",	0, R_INT),
	SE("seccomp",		0, R_INT, A_SECCOMP_OP, A_HEX, A_PTR),
	SE("security",		0, R_INT, A_HEX, A_HEX, A_HEX),
	SE("select",		CL_DESC, R_INT, A_INT, A_PTR, A_PTR, A_PTR, A_PTR),
	SE("semctl",		CL_IPC, R_INT, A_INT, A_INT, A_IPC_CMD, A_HEX),
	SE("semget",		CL_IPC, R_INT, A_HEX, A_INT, A_IPC_FLAGS),
	SE("semop",		CL_IPC, R_INT, A_INT, A_PTR, A_ULONG),
	SE("semtimedop",	CL_IPC, R_INT, A_INT, A_PTR, A_ULONG, A_TIMESPEC),
	SE("sendfile",		CL_DESC|CL_NETWORK, R_INT, A_FD, A_FD, A_PTR, A_ULONG),
	SE("sendmmsg",		CL_NETWORK, R_INT, A_FD, A_PTR, A_UINT, A_MSG_FLAGS),
	SE("sendmsg",		CL_NETWORK, R_INT, A_FD, A_PTR, A_MSG_FLAGS),
	SE("sendto",		CL_NETWORK, R_INT,
	   A_FD, A_BUF_IN, A_ULONG, A_MSG_FLAGS, A_SOCKADDR, A_UINT),
	SE("set_mempolicy",	CL_MEMORY, R_INT, A_INT, A_PTR, A_ULONG),
	SE("set_mempolicy_home_node", CL_MEMORY, R_INT, A_PTR, A_ULONG, A_ULONG, A_HEX),
	SE("set_robust_list",	0, R_INT, A_PTR, A_ULONG),
	SE("set_thread_area",	0, R_INT, A_PTR),
	SE("set_tid_address",	0, R_INT, A_PTR),
	SE("setdomainname",	0, R_INT, A_BUF_IN, A_INT),
	SE("setfsgid",		CL_CREDS, R_INT, A_GID),
	SE("setfsuid",		CL_CREDS, R_INT, A_UID),
	SE("setgid",		CL_CREDS, R_INT, A_GID),
	SE("setgroups",		CL_CREDS, R_INT, A_INT, A_PTR),
	SE("sethostname",	0, R_INT, A_BUF_IN, A_INT),
	SE("setitimer",		0, R_INT, A_INT, A_PTR, A_PTR),
	SE("setns",		CL_DESC, R_INT, A_FD, A_UNSHARE_FLAGS),
	SE("setpgid",		0, R_INT, A_PID, A_PID),
	SE("setpriority",	0, R_INT, A_INT, A_INT, A_INT),
	SE("setregid",		CL_CREDS, R_INT, A_GID, A_GID),
	SE("setresgid",		CL_CREDS, R_INT, A_GID, A_GID, A_GID),
	SE("setresuid",		CL_CREDS, R_INT, A_UID, A_UID, A_UID),
	SE("setreuid",		CL_CREDS, R_INT, A_UID, A_UID),
	SE("setrlimit",		0, R_INT, A_RLIMIT_RES, A_RLIMIT),
	SE0("setsid",		0, R_INT),
	SE("setsockopt",	CL_NETWORK, R_INT,
	   A_FD, A_SOCKOPT_LEVEL, A_SOCKOPT_NAME, A_INT_PTR, A_UINT),
	SE("settimeofday",	CL_CLOCK, R_INT, A_PTR, A_PTR),
	SE("setuid",		CL_CREDS, R_INT, A_UID),
	SE("setxattr",		CL_FILE, R_INT,
	   A_PATH, A_STR, A_BUF_IN, A_ULONG, A_XATTR_FLAGS),
	SE("shmat",		CL_IPC|CL_MEMORY, R_HEX, A_INT, A_PTR, A_SHMAT_FLAGS),
	SE("shmctl",		CL_IPC, R_INT, A_INT, A_IPC_CMD, A_PTR),
	SE("shmdt",		CL_IPC|CL_MEMORY, R_INT, A_PTR),
	SE("shmget",		CL_IPC, R_INT, A_HEX, A_ULONG, A_IPC_FLAGS),
	SE("shutdown",		CL_NETWORK, R_INT, A_FD, A_SHUT_HOW),
	SE("sigaltstack",	CL_SIGNAL, R_INT, A_PTR, A_PTR),
	SE("signalfd",		CL_DESC|CL_SIGNAL, R_FD, A_FD, A_SIGSET, A_ULONG),
	SE("signalfd4",		CL_DESC|CL_SIGNAL, R_FD, A_FD, A_SIGSET, A_ULONG, A_FD_FLAGS),
	SE("socket",		CL_NETWORK, R_FD, A_SOCK_FAMILY, A_SOCK_TYPE, A_SOCK_PROTO),
	SE("socketpair",	CL_NETWORK, R_INT,
	   A_SOCK_FAMILY, A_SOCK_TYPE, A_SOCK_PROTO, A_PIPEFDS_OUT),
	SE("splice",		CL_DESC, R_INT, A_FD, A_PTR, A_FD, A_PTR, A_ULONG, A_HEX),
	SE("stat",		CL_FILE|CL_STAT, R_INT, A_PATH, A_STAT_OUT),
	SE("statfs",		CL_FILE|CL_STAT, R_INT, A_PATH, A_PTR),
	SE("statx",		CL_FILE|CL_DESC|CL_STAT, R_INT,
	   A_DIRFD, A_PATH, A_AT_FLAGS, A_HEX, A_STATX_OUT),
	SE("swapoff",		CL_FILE, R_INT, A_PATH),
	SE("swapon",		CL_FILE, R_INT, A_PATH, A_HEX),
	SE("symlink",		CL_FILE, R_INT, A_PATH, A_PATH),
	SE("symlinkat",		CL_FILE|CL_DESC, R_INT, A_PATH, A_DIRFD, A_PATH),
	SE0("sync",		0, R_INT),
	SE("sync_file_range",	CL_DESC, R_INT, A_FD, A_LONG, A_LONG, A_HEX),
	SE("syncfs",		CL_DESC, R_INT, A_FD),
	SE("sysfs",		0, R_INT, A_INT, A_HEX, A_HEX),
	SE("sysinfo",		0, R_INT, A_PTR),
	SE("syslog",		0, R_INT, A_INT, A_BUF_OUT, A_INT),
	SE("tee",		CL_DESC, R_INT, A_FD, A_FD, A_ULONG, A_HEX),
	SE("tgkill",		CL_PROCESS|CL_SIGNAL, R_INT, A_PID, A_PID, A_SIGNAL),
	SE("time",		CL_CLOCK, R_INT, A_PTR),
	SE("timer_create",	0, R_INT, A_CLOCKID, A_PTR, A_PTR),
	SE("timer_delete",	0, R_INT, A_INT),
	SE("timer_getoverrun",	0, R_INT, A_INT),
	SE("timer_gettime",	0, R_INT, A_INT, A_PTR),
	SE("timer_settime",	0, R_INT, A_INT, A_TIMER_FLAGS, A_PTR, A_PTR),
	SE("timerfd_create",	CL_DESC, R_FD, A_CLOCKID, A_FD_FLAGS),
	SE("timerfd_gettime",	CL_DESC, R_INT, A_FD, A_PTR),
	SE("timerfd_settime",	CL_DESC, R_INT, A_FD, A_TIMER_FLAGS, A_PTR, A_PTR),
	SE("times",		0, R_INT, A_PTR),
	SE("tkill",		CL_PROCESS|CL_SIGNAL, R_INT, A_PID, A_SIGNAL),
	SE("truncate",		CL_FILE, R_INT, A_PATH, A_LONG),
	SE("tuxcall",		0, R_INT, A_HEX, A_HEX, A_HEX),
	SE("umask",		0, R_OCT, A_MODE),
	SE("umount2",		CL_FILE, R_INT, A_PATH, A_UMOUNT_FLAGS),
	SE("uname",		0, R_INT, A_UTSNAME_OUT),
	SE("unlink",		CL_FILE, R_INT, A_PATH),
	SE("unlinkat",		CL_FILE|CL_DESC, R_INT, A_DIRFD, A_PATH, A_AT_FLAGS),
	SE("unshare",		0, R_INT, A_UNSHARE_FLAGS),
	SE("uselib",		CL_FILE, R_INT, A_PATH),
	SE("userfaultfd",	CL_DESC, R_FD, A_FD_FLAGS),
	SE("ustat",		CL_STAT, R_INT, A_DEV, A_PTR),
	SE("utime",		CL_FILE, R_INT, A_PATH, A_PTR),
	SE("utimensat",		CL_FILE|CL_DESC, R_INT, A_DIRFD, A_PATH, A_PTR, A_AT_FLAGS),
	SE("utimes",		CL_FILE, R_INT, A_PATH, A_PTR),
	SE0("vfork",		CL_PROCESS, R_INT),
	SE0("vhangup",		0, R_INT),
	SE("vmsplice",		CL_DESC, R_INT, A_FD, A_IOVEC_IN, A_ULONG, A_HEX),
	SE("vserver",		0, R_INT, A_HEX, A_HEX, A_HEX, A_HEX, A_HEX),
	SE("wait4",		CL_PROCESS, R_INT,
	   A_PID, A_WAIT_STATUS_OUT, A_WAIT_OPTIONS, A_PTR),
	SE("waitid",		CL_PROCESS, R_INT, A_INT, A_PID, A_PTR, A_WAIT_OPTIONS, A_PTR),
	SE("write",		CL_DESC, R_INT, A_FD, A_BUF_IN, A_ULONG),
	SE("writev",		CL_DESC, R_INT, A_FD, A_IOVEC_IN, A_ULONG),
};

const unsigned sysent_count = ARRAY_SIZE(sysent_table);

_Static_assert(ARRAY_SIZE(sysent_table) <= TRACESET_MAX,
	       "struct traceset cannot hold the table");
_Static_assert(A_KIND_COUNT <= 256 && R_KIND_COUNT <= 256,
	       "kinds are stored in uint8_t");

const struct sysent_class sysent_classes[] = {
	{ "file", CL_FILE },
	{ "desc", CL_DESC },
	{ "process", CL_PROCESS },
	{ "network", CL_NETWORK },
	{ "net", CL_NETWORK },
	{ "signal", CL_SIGNAL },
	{ "ipc", CL_IPC },
	{ "memory", CL_MEMORY },
	{ "creds", CL_CREDS },
	{ "clock", CL_CLOCK },
	{ "stat", CL_STAT },
	{ NULL, 0 }
};

int sysent_class_by_name(const char *name, uint32_t *bit)
{
	if (!name)
		return -EINVAL;
	for (const struct sysent_class *c = sysent_classes; c->name; c++)
		if (!strcmp(c->name, name)) {
			if (bit)
				*bit = c->bit;
			return 0;
		}
	return -ENOENT;
}

const struct sysent *sysent_by_name(const char *name)
{
	size_t lo = 0, hi = ARRAY_SIZE(sysent_table);

	if (!name)
		return NULL;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(name, sysent_table[mid].name);
		if (!c)
			return &sysent_table[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* ---- numbers --------------------------------------------------------- */

#ifndef __X32_SYSCALL_BIT
#define __X32_SYSCALL_BIT 0x40000000
#endif

/* Every ABI's numbers stop well below this (x32's at 547). */
#define NR_SCAN_LIMIT 1024

static const struct {
	uint32_t arch;		/* SCMP_ARCH_* */
	long bias;		/* libseccomp's number minus ours */
} abi_arch[ABI_COUNT] = {
	[ABI_X86_64] = { SCMP_ARCH_X86_64, 0 },
	[ABI_I386] = { SCMP_ARCH_X86, 0 },
	[ABI_X32] = { SCMP_ARCH_X32, __X32_SYSCALL_BIT },
};

/*
 * Per ABI, indexed by number: the row, or for numbers the table lacks
 * the name libseccomp gives them (i386 socketcall, x86-64 fchmodat2).
 * Both are filled once by sysent_init() so that the lookups done for
 * every traced syscall are an array access.
 */
static const struct sysent **nr_entry[ABI_COUNT];
static char **nr_other_name[ABI_COUNT];
static long nr_count[ABI_COUNT];		/* length of both arrays */
static long entry_nr[ABI_COUNT][ARRAY_SIZE(sysent_table)];
static bool sysent_ready;

static int init_abi(enum abi abi)
{
	char *names[NR_SCAN_LIMIT];
	uint32_t arch = abi_arch[abi].arch;
	long bias = abi_arch[abi].bias;
	long count = 0;

	for (long nr = 0; nr < NR_SCAN_LIMIT; nr++) {
		names[nr] = seccomp_syscall_resolve_num_arch(arch,
							     (int)(nr + bias));
		if (names[nr])
			count = nr + 1;
	}
	if (count) {
		nr_entry[abi] = calloc((size_t)count, sizeof(*nr_entry[abi]));
		nr_other_name[abi] = calloc((size_t)count,
					    sizeof(*nr_other_name[abi]));
	}
	if (count && (!nr_entry[abi] || !nr_other_name[abi])) {
		for (long nr = 0; nr < count; nr++)
			free(names[nr]);
		free(nr_entry[abi]);
		free(nr_other_name[abi]);
		nr_entry[abi] = NULL;
		nr_other_name[abi] = NULL;
		return -ENOMEM;
	}
	nr_count[abi] = count;
	for (unsigned i = 0; i < ARRAY_SIZE(sysent_table); i++)
		entry_nr[abi][i] = -1;
	/*
	 * Numbers come from the scan rather than from resolving each name:
	 * for i386 libseccomp resolves socket, shmget and the other calls
	 * that socketcall and ipc multiplex to pseudo numbers, yet maps
	 * their direct numbers (socket is 359) back to their names.
	 */
	for (long nr = 0; nr < count; nr++) {
		if (!names[nr])
			continue;
		const struct sysent *se = sysent_by_name(names[nr]);
		if (se) {
			nr_entry[abi][nr] = se;
			if (entry_nr[abi][sysent_index(se)] < 0)
				entry_nr[abi][sysent_index(se)] = nr;
			free(names[nr]);
		} else {
			nr_other_name[abi][nr] = names[nr];
		}
	}
	return 0;
}

/*
 * Start-up resolves only the x86-64 rows, by name (a hash lookup in
 * libseccomp, ~30x cheaper than scanning every number): that is all the
 * filter and the decoder of a native program need. The full scan, which
 * also gives names to numbers without a row and serves i386 and x32,
 * runs the first time one of those is asked for.
 */
static bool abi_full[ABI_COUNT];

static int init_native(void)
{
	enum abi abi = ABI_X86_64;
	long count = 0;

	for (unsigned i = 0; i < ARRAY_SIZE(sysent_table); i++) {
		int nr = seccomp_syscall_resolve_name_arch(abi_arch[abi].arch,
							   sysent_table[i].name);
		entry_nr[abi][i] = nr >= 0 ? nr : -1;
		if (nr >= count)
			count = nr + 1;
	}
	if (!count)
		return -ENOSYS;
	nr_entry[abi] = calloc((size_t)count, sizeof(*nr_entry[abi]));
	if (!nr_entry[abi])
		return -ENOMEM;
	for (unsigned i = 0; i < ARRAY_SIZE(sysent_table); i++)
		if (entry_nr[abi][i] >= 0)
			nr_entry[abi][entry_nr[abi][i]] = &sysent_table[i];
	nr_count[abi] = count;
	return 0;
}

static void ensure_full(enum abi abi)
{
	if (abi_full[abi] || !sysent_ready)
		return;
	abi_full[abi] = true;
	/* On failure the ABI keeps what it had: x86-64 its rows, the
	 * others nothing, and their calls print by number. */
	const struct sysent **entry = nr_entry[abi];
	long count = nr_count[abi];
	long saved[ARRAY_SIZE(sysent_table)];
	memcpy(saved, entry_nr[abi], sizeof(saved));
	nr_entry[abi] = NULL;
	nr_count[abi] = 0;
	if (init_abi(abi) < 0) {
		nr_entry[abi] = entry;
		nr_count[abi] = count;
		memcpy(entry_nr[abi], saved, sizeof(saved));
		return;
	}
	free(entry);
}

int sysent_init(void)
{
	int r;

	if (sysent_ready)
		return 0;
	for (int abi = 0; abi < ABI_COUNT; abi++)
		for (unsigned i = 0; i < ARRAY_SIZE(sysent_table); i++)
			entry_nr[abi][i] = -1;
	if ((r = init_native()) < 0)
		return r;
	sysent_ready = true;
	return 0;
}

const struct sysent *sysent_by_nr(enum abi abi, long nr)
{
	if ((unsigned)abi >= ABI_COUNT || nr < 0)
		return NULL;
	if (abi != ABI_X86_64)
		ensure_full(abi);
	if (nr >= nr_count[abi])
		return NULL;
	return nr_entry[abi][nr];
}

long sysent_nr(const struct sysent *se, enum abi abi)
{
	if (!sysent_ready || (unsigned)abi >= ABI_COUNT || !se ||
	    se < sysent_table || se >= sysent_table + ARRAY_SIZE(sysent_table))
		return -1;
	if (abi != ABI_X86_64)
		ensure_full(abi);
	return entry_nr[abi][se - sysent_table];
}

const char *sysent_name_any(enum abi abi, long nr)
{
	const struct sysent *se = sysent_by_nr(abi, nr);

	if (se)
		return se->name;
	if ((unsigned)abi >= ABI_COUNT)
		return NULL;
	ensure_full(abi);
	if (nr < 0 || nr >= nr_count[abi] || !nr_other_name[abi])
		return NULL;
	return nr_other_name[abi][nr];
}

long sysent_max_nr(void)
{
	ensure_full(ABI_X86_64);
	return nr_count[ABI_X86_64] - 1;
}
