/* sysent.h - the syscall table: one row per syscall, the data that drives
 * the decoder, the seccomp filter, trace-set parsing and --list-syscalls */
#ifndef RX_SYSENT_H
#define RX_SYSENT_H

#include <stdbool.h>
#include <stdint.h>

/* System call ABIs an x86-64 process can use. */
enum abi {
	ABI_X86_64,
	ABI_I386,		/* int 0x80, or a 32-bit program */
	ABI_X32,		/* x86-64 entry with __X32_SYSCALL_BIT */
	ABI_COUNT
};

/* Syscall classes, as strace's -e trace=%CLASS. */
enum {
	CL_FILE = 1u << 0,	/* takes a file name */
	CL_DESC = 1u << 1,	/* takes or returns a file descriptor */
	CL_PROCESS = 1u << 2,	/* process lifecycle */
	CL_NETWORK = 1u << 3,
	CL_SIGNAL = 1u << 4,
	CL_IPC = 1u << 5,	/* SysV IPC */
	CL_MEMORY = 1u << 6,	/* memory mapping */
	CL_CREDS = 1u << 7,	/* user/group ids, capabilities */
	CL_CLOCK = 1u << 8,	/* read or change clocks */
	CL_STAT = 1u << 9,	/* stat family */
};

/*
 * Argument kinds. Each names how one argument is printed; the decoder
 * keeps a table indexed by kind (decode.c), so adding a kind means one
 * enum value, one table row and one test.
 *
 * "in" kinds are printed at syscall entry; "out" kinds describe memory
 * the kernel fills and are printed at exit (as an address when the call
 * failed), like strace.
 */
enum argkind {
	A_NONE = 0,
	/* plain numbers */
	A_INT,			/* int, decimal */
	A_UINT,			/* unsigned int, decimal */
	A_LONG,			/* long, decimal */
	A_ULONG,		/* unsigned long, size_t: decimal */
	A_HEX,			/* 0x... */
	A_OCT,			/* octal with leading 0 */
	A_PTR,			/* NULL or 0x... */
	A_UID,			/* uid_t: decimal, (uid_t)-1 as -1 */
	A_GID,			/* gid_t: decimal, (gid_t)-1 as -1 */
	A_PID,			/* pid_t: decimal, signed */
	A_DEV,			/* dev_t: makedev(0x1, 0x3) */
	/* descriptors */
	A_FD,			/* fd; with -y followed by <path> */
	A_DIRFD,		/* AT_FDCWD or an fd */
	/* memory */
	A_PATH,			/* NUL-terminated file name, printed in full */
	A_STR,			/* NUL-terminated string, -s limit */
	A_BUF_IN,		/* byte buffer, length in the next argument */
	A_BUF_OUT,		/* byte buffer filled by the kernel, length = return value */
	A_IOVEC_IN,		/* struct iovec[], count in the next argument */
	A_IOVEC_OUT,		/* struct iovec[] filled up to the return value */
	A_ARGV,			/* char *[] NULL-terminated, printed as a list */
	A_ENVP,			/* char *[]: address and count, never the values */
	A_STAT_OUT,		/* struct stat * */
	A_STATX_OUT,		/* struct statx * */
	A_TIMESPEC,		/* const struct timespec * */
	A_TIMESPEC_OUT,		/* struct timespec * */
	A_SOCKADDR,		/* const struct sockaddr *, length in the next argument */
	A_SOCKADDR_OUT,		/* struct sockaddr *, socklen_t * in the next argument */
	A_SOCKLEN_OUT,		/* socklen_t *: [LEN] */
	A_PIPEFDS_OUT,		/* int[2]: [3, 4] */
	A_WAIT_STATUS_OUT,	/* int *: [{WIFEXITED(s) && WEXITSTATUS(s) == 0}] */
	A_SIGSET,		/* const sigset_t *: [INT TERM] */
	A_SIGSET_OUT,		/* sigset_t * */
	A_SIGACTION,		/* const struct sigaction * (kernel layout) */
	A_SIGACTION_OUT,	/* struct sigaction * */
	A_RLIMIT,		/* const struct rlimit * */
	A_RLIMIT_OUT,		/* struct rlimit * */
	A_CLONE3_ARGS,		/* struct clone_args *, size in the next argument */
	A_DIRENTS_OUT,		/* getdents64 buffer: 0x... / * N entries * / */
	A_INT_PTR,		/* const int *: [N] */
	A_UTSNAME_OUT,		/* struct utsname *: {sysname="Linux", nodename="vm", ...} */
	/* value sets, each printed from an xlat table (xlat.h) */
	A_OPEN_FLAGS,		/* O_RDONLY|O_CLOEXEC: access mode first */
	A_FD_FLAGS,		/* pipe2, dup3, eventfd2, ...: O_CLOEXEC|O_NONBLOCK */
	A_MODE,			/* 0644, with S_IF* type bits when set */
	A_AT_FLAGS,		/* AT_SYMLINK_NOFOLLOW|AT_EMPTY_PATH, ... */
	A_ACCESS_MODE,		/* F_OK or R_OK|W_OK|X_OK */
	A_PROT,			/* PROT_READ|PROT_WRITE */
	A_MAP_FLAGS,		/* MAP_PRIVATE|MAP_ANONYMOUS */
	A_MADV,			/* MADV_DONTNEED */
	A_MREMAP_FLAGS,
	A_MSYNC_FLAGS,
	A_MLOCK_FLAGS,		/* mlock2 */
	A_MLOCKALL_FLAGS,
	A_MEMFD_FLAGS,
	A_CLONE_FLAGS,		/* CLONE_VM|...|SIGCHLD (low byte: exit signal) */
	A_UNSHARE_FLAGS,	/* CLONE_NEW* for unshare/setns */
	A_SOCK_FAMILY,		/* AF_INET */
	A_SOCK_TYPE,		/* SOCK_STREAM|SOCK_CLOEXEC */
	A_SOCK_PROTO,		/* IPPROTO_TCP, or a number */
	A_MSG_FLAGS,		/* MSG_NOSIGNAL|MSG_DONTWAIT */
	A_SHUT_HOW,		/* SHUT_RDWR */
	A_SOCKOPT_LEVEL,	/* SOL_SOCKET */
	A_SOCKOPT_NAME,		/* SO_REUSEADDR; table chosen by the previous argument */
	A_SIGNAL,		/* SIGTERM, or a number */
	A_SIGHOW,		/* SIG_BLOCK */
	A_WAIT_OPTIONS,		/* WNOHANG|__WALL */
	A_WHENCE,		/* SEEK_SET */
	A_FCNTL_CMD,		/* F_GETFL */
	A_FCNTL_ARG,		/* printed according to the command (previous argument) */
	A_IOCTL_REQ,		/* TCGETS, TIOCSTI, ... low 32 bits compared */
	A_RLIMIT_RES,		/* RLIMIT_NOFILE */
	A_PRCTL_OPT,		/* PR_SET_NAME */
	A_ARCH_PRCTL_CODE,	/* ARCH_SET_FS */
	A_PTRACE_REQ,		/* PTRACE_TRACEME */
	A_FUTEX_OP,		/* FUTEX_WAIT_PRIVATE */
	A_RENAME_FLAGS,		/* RENAME_NOREPLACE */
	A_MOUNT_FLAGS,		/* MS_RDONLY|MS_BIND */
	A_UMOUNT_FLAGS,		/* MNT_DETACH */
	A_GRND_FLAGS,		/* GRND_NONBLOCK */
	A_EPOLL_OP,		/* EPOLL_CTL_ADD */
	A_CLOCKID,		/* CLOCK_MONOTONIC */
	A_PERSONALITY,		/* ADDR_NO_RANDOMIZE|... */
	A_BPF_CMD,		/* BPF_PROG_LOAD */
	A_SECCOMP_OP,		/* SECCOMP_SET_MODE_FILTER */
	A_KEYCTL_CMD,		/* KEYCTL_JOIN_SESSION_KEYRING */
	A_IPC_FLAGS,		/* IPC_CREAT|IPC_EXCL|0600 */
	A_IPC_CMD,		/* IPC_RMID */
	A_SHMAT_FLAGS,		/* SHM_RDONLY|SHM_EXEC */
	A_XATTR_FLAGS,		/* XATTR_CREATE */
	A_INOTIFY_MASK,		/* IN_MODIFY|IN_CREATE */
	A_TIMER_FLAGS,		/* TIMER_ABSTIME, TFD_TIMER_ABSTIME */
	A_KIND_COUNT
};

/* Return value kinds. */
enum retkind {
	R_INT = 0,		/* decimal, errno name on failure */
	R_FD,			/* like R_INT; with -y followed by <path> */
	R_HEX,			/* 0x... (mmap, brk) */
	R_OCT,			/* umask */
	R_NONE,			/* never returns (exit, exit_group) */
	R_KIND_COUNT
};

#define SYSENT_MAX_ARGS 6

struct sysent {
	const char *name;
	uint32_t classes;		/* CL_* */
	uint8_t nargs;
	uint8_t ret;			/* enum retkind */
	uint8_t arg[SYSENT_MAX_ARGS];	/* enum argkind */
};

extern const struct sysent sysent_table[];
extern const unsigned sysent_count;

/* Build the per-ABI number-to-entry indexes from libseccomp's syscall
 * numbering. Returns 0 or -errno. Idempotent. */
int sysent_init(void);

/* The entry for syscall NR of ABI (x32: NR without __X32_SYSCALL_BIT),
 * or NULL when it is not in the table. */
const struct sysent *sysent_by_nr(enum abi abi, long nr);
/* The x86-64 number of an entry, or -1 when the running libseccomp does
 * not know it on x86-64. */
long sysent_nr(const struct sysent *se, enum abi abi);
/* Table entry by name, or NULL. */
const struct sysent *sysent_by_name(const char *name);
static inline unsigned sysent_index(const struct sysent *se)
{
	return (unsigned)(se - sysent_table);
}
/* The kernel's name for syscall NR of ABI even when it is not in the
 * table, or NULL. Owned by the table; valid until exit. */
const char *sysent_name_any(enum abi abi, long nr);
/* Highest syscall number libseccomp knows on x86-64. */
long sysent_max_nr(void);

/* Class names, without the leading %: "file", "desc", ... */
struct sysent_class {
	const char *name;
	uint32_t bit;
};
extern const struct sysent_class sysent_classes[];	/* NULL-terminated */
int sysent_class_by_name(const char *name, uint32_t *bit);

#endif
