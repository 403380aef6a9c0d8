/* xlat.c - value tables: numbers to names for flags and enumerations
 *
 * Table order is output order: flag sets print their names in the order
 * the entries appear, which follows what strace prints so traces can be
 * compared line by line. Entries covering several bits (O_SYNC, O_TMPFILE,
 * STATX_ALL) come before the single bits they contain.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <sys/epoll.h>
#include <sys/inotify.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/mount.h>		/* before <linux/fs.h>, which redefines MS_* */
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <asm/prctl.h>
#include <asm/termbits.h>	/* struct termios2 for TCGETS2 */
#include <linux/bpf.h>
#include <linux/fiemap.h>
#include <linux/fs.h>
#include <linux/futex.h>
#include <linux/kd.h>
#include <linux/keyctl.h>
#include <linux/loop.h>
#include <linux/nsfs.h>
#include <linux/perf_event.h>
#include <linux/random.h>
#include <linux/sched.h>
#include <linux/seccomp.h>
#include <linux/sockios.h>
#include <linux/if_tun.h>
#include <linux/userfaultfd.h>
#include <linux/vt.h>

#include "xlat.h"

/*
 * Kernel values that userspace headers hide or may lack. These are
 * kernel ABI and never change; the #ifndef keeps the header's value
 * whenever there is one.
 */
#define K_O_LARGEFILE 0100000	/* glibc defines O_LARGEFILE as 0 on x86-64 */
#define K_F_GETLK64 12		/* glibc aliases these to F_GETLK... on x86-64 */
#define K_F_SETLK64 13
#define K_F_SETLKW64 14
#ifndef SA_RESTORER
# define SA_RESTORER 0x04000000
#endif
#ifndef PROT_SEM
# define PROT_SEM 0x8
#endif
#ifndef MAP_SHARED_VALIDATE
# define MAP_SHARED_VALIDATE 0x03
#endif
#ifndef MAP_SYNC
# define MAP_SYNC 0x80000
#endif
#ifndef MAP_FIXED_NOREPLACE
# define MAP_FIXED_NOREPLACE 0x100000
#endif
#ifndef MAP_32BIT
# define MAP_32BIT 0x40
#endif
#ifndef MREMAP_DONTUNMAP
# define MREMAP_DONTUNMAP 4
#endif
#ifndef MLOCK_ONFAULT
# define MLOCK_ONFAULT 1
#endif
#ifndef MCL_ONFAULT
# define MCL_ONFAULT 4
#endif
#ifndef MFD_CLOEXEC
# define MFD_CLOEXEC 1U
# define MFD_ALLOW_SEALING 2U
# define MFD_HUGETLB 4U
#endif
#ifndef CLONE_PIDFD
# define CLONE_PIDFD 0x00001000
#endif
#ifndef CLONE_NEWTIME
# define CLONE_NEWTIME 0x00000080
#endif
#ifndef CLONE_CLEAR_SIGHAND
# define CLONE_CLEAR_SIGHAND 0x100000000ULL
#endif
#ifndef CLONE_INTO_CGROUP
# define CLONE_INTO_CGROUP 0x200000000ULL
#endif
#ifndef AT_RECURSIVE
# define AT_RECURSIVE 0x8000
#endif
#ifndef RENAME_NOREPLACE
# define RENAME_NOREPLACE (1 << 0)
# define RENAME_EXCHANGE (1 << 1)
# define RENAME_WHITEOUT (1 << 2)
#endif
#ifndef GRND_INSECURE
# define GRND_INSECURE 0x0004
#endif
#ifndef MS_NOSYMFOLLOW
# define MS_NOSYMFOLLOW 256
#endif
#ifndef MS_SUBMOUNT
# define MS_SUBMOUNT (1 << 26)
#endif
#ifndef MS_NOREMOTELOCK
# define MS_NOREMOTELOCK (1 << 27)
#endif
#ifndef MS_NOSEC
# define MS_NOSEC (1 << 28)
#endif
#ifndef MS_BORN
# define MS_BORN (1 << 29)
#endif
#ifndef UMOUNT_NOFOLLOW
# define UMOUNT_NOFOLLOW 8
#endif
#ifndef SHM_NORESERVE
# define SHM_NORESERVE 010000
#endif
#ifndef SHM_EXEC
# define SHM_EXEC 0100000
#endif
#ifndef SHM_STAT_ANY
# define SHM_STAT_ANY 15
#endif
#ifndef IN_MASK_CREATE
# define IN_MASK_CREATE 0x10000000
#endif
#ifndef STATX_MNT_ID
# define STATX_MNT_ID 0x00001000U
#endif
#ifndef STATX_DIOALIGN
# define STATX_DIOALIGN 0x00002000U
#endif
#ifndef MADV_COLD
# define MADV_COLD 20
# define MADV_PAGEOUT 21
#endif
#ifndef MADV_POPULATE_READ
# define MADV_POPULATE_READ 22
# define MADV_POPULATE_WRITE 23
#endif
#ifndef MADV_DONTNEED_LOCKED
# define MADV_DONTNEED_LOCKED 24
#endif
#ifndef MADV_COLLAPSE
# define MADV_COLLAPSE 25
#endif
#ifndef F_OFD_GETLK
# define F_OFD_GETLK 36
# define F_OFD_SETLK 37
# define F_OFD_SETLKW 38
#endif
#ifndef F_ADD_SEALS
# define F_ADD_SEALS 1033
# define F_GET_SEALS 1034
#endif
#ifndef SECCOMP_GET_NOTIF_SIZES
# define SECCOMP_GET_NOTIF_SIZES 3
#endif
#ifndef SECCOMP_GET_ACTION_AVAIL
# define SECCOMP_GET_ACTION_AVAIL 2
#endif
#ifndef FUTEX_LOCK_PI2
# define FUTEX_LOCK_PI2 13
#endif
#ifndef PTRACE_GET_RSEQ_CONFIGURATION
# define PTRACE_GET_RSEQ_CONFIGURATION 0x420f
#endif
#ifndef SIOCGSTAMP_OLD
# define SIOCGSTAMP_OLD 0x8906
# define SIOCGSTAMPNS_OLD 0x8907
#endif

#define X(v) { (uint64_t)(v), #v }
#define XN(v, name) { (uint64_t)(v), name }

/* ---- lookups ------------------------------------------------------------- */

const char *xlat_name(const struct xlat *tab, uint64_t val)
{
	for (; tab->str; tab++)
		if (tab->val == val)
			return tab->str;
	return NULL;
}

void xlat_print_val(struct sbuf *sb, const struct xlat *tab, uint64_t val)
{
	const char *s = xlat_name(tab, val);
	if (s)
		sb_puts(sb, s);
	else
		sb_printf(sb, "%#llx", (unsigned long long)val);
}

void xlat_print_flags(struct sbuf *sb, const struct xlat *tab, uint64_t val,
		      const char *zero)
{
	if (val == 0) {
		sb_puts(sb, zero);
		return;
	}
	bool first = true;
	for (; tab->str; tab++) {
		if (tab->val == 0 || (val & tab->val) != tab->val)
			continue;
		if (!first)
			sb_putc(sb, '|');
		sb_puts(sb, tab->str);
		first = false;
		val &= ~tab->val;
	}
	if (val)
		sb_printf(sb, first ? "%#llx" : "|%#llx", (unsigned long long)val);
}

/* ---- signals ------------------------------------------------------------- */

static const char *const signames[] = {
	[SIGHUP] = "SIGHUP", [SIGINT] = "SIGINT", [SIGQUIT] = "SIGQUIT",
	[SIGILL] = "SIGILL", [SIGTRAP] = "SIGTRAP", [SIGABRT] = "SIGABRT",
	[SIGBUS] = "SIGBUS", [SIGFPE] = "SIGFPE", [SIGKILL] = "SIGKILL",
	[SIGUSR1] = "SIGUSR1", [SIGSEGV] = "SIGSEGV", [SIGUSR2] = "SIGUSR2",
	[SIGPIPE] = "SIGPIPE", [SIGALRM] = "SIGALRM", [SIGTERM] = "SIGTERM",
	[SIGSTKFLT] = "SIGSTKFLT", [SIGCHLD] = "SIGCHLD", [SIGCONT] = "SIGCONT",
	[SIGSTOP] = "SIGSTOP", [SIGTSTP] = "SIGTSTP", [SIGTTIN] = "SIGTTIN",
	[SIGTTOU] = "SIGTTOU", [SIGURG] = "SIGURG", [SIGXCPU] = "SIGXCPU",
	[SIGXFSZ] = "SIGXFSZ", [SIGVTALRM] = "SIGVTALRM", [SIGPROF] = "SIGPROF",
	[SIGWINCH] = "SIGWINCH", [SIGIO] = "SIGIO", [SIGPWR] = "SIGPWR",
	[SIGSYS] = "SIGSYS",
	/* The kernel's real-time range starts at 32; glibc reserves the
	 * first two, so SIGRTMIN in a program is not signal 32. */
	[32] = "SIGRTMIN", "SIGRT_1", "SIGRT_2", "SIGRT_3", "SIGRT_4",
	"SIGRT_5", "SIGRT_6", "SIGRT_7", "SIGRT_8", "SIGRT_9", "SIGRT_10",
	"SIGRT_11", "SIGRT_12", "SIGRT_13", "SIGRT_14", "SIGRT_15", "SIGRT_16",
	"SIGRT_17", "SIGRT_18", "SIGRT_19", "SIGRT_20", "SIGRT_21", "SIGRT_22",
	"SIGRT_23", "SIGRT_24", "SIGRT_25", "SIGRT_26", "SIGRT_27", "SIGRT_28",
	"SIGRT_29", "SIGRT_30", "SIGRT_31", "SIGRT_32",
};

const char *xlat_signal_name(int sig)
{
	if (sig <= 0 || (unsigned)sig >= ARRAY_SIZE(signames))
		return NULL;
	return signames[sig];
}

void xlat_print_signal(struct sbuf *sb, int sig)
{
	const char *s = xlat_signal_name(sig);
	if (s)
		sb_puts(sb, s);
	else
		sb_printf(sb, "%d", sig);
}

/* ---- errno --------------------------------------------------------------- */

struct errent {
	const char *name;
	const char *desc;	/* NULL: strerror has none ("Unknown error N") */
};

#define E(e, d) [e] = { #e, d }
static const struct errent errtab[] = {
	E(EPERM, "Operation not permitted"),
	E(ENOENT, "No such file or directory"),
	E(ESRCH, "No such process"),
	E(EINTR, "Interrupted system call"),
	E(EIO, "Input/output error"),
	E(ENXIO, "No such device or address"),
	E(E2BIG, "Argument list too long"),
	E(ENOEXEC, "Exec format error"),
	E(EBADF, "Bad file descriptor"),
	E(ECHILD, "No child processes"),
	E(EAGAIN, "Resource temporarily unavailable"),
	E(ENOMEM, "Cannot allocate memory"),
	E(EACCES, "Permission denied"),
	E(EFAULT, "Bad address"),
	E(ENOTBLK, "Block device required"),
	E(EBUSY, "Device or resource busy"),
	E(EEXIST, "File exists"),
	E(EXDEV, "Invalid cross-device link"),
	E(ENODEV, "No such device"),
	E(ENOTDIR, "Not a directory"),
	E(EISDIR, "Is a directory"),
	E(EINVAL, "Invalid argument"),
	E(ENFILE, "Too many open files in system"),
	E(EMFILE, "Too many open files"),
	E(ENOTTY, "Inappropriate ioctl for device"),
	E(ETXTBSY, "Text file busy"),
	E(EFBIG, "File too large"),
	E(ENOSPC, "No space left on device"),
	E(ESPIPE, "Illegal seek"),
	E(EROFS, "Read-only file system"),
	E(EMLINK, "Too many links"),
	E(EPIPE, "Broken pipe"),
	E(EDOM, "Numerical argument out of domain"),
	E(ERANGE, "Numerical result out of range"),
	E(EDEADLK, "Resource deadlock avoided"),
	E(ENAMETOOLONG, "File name too long"),
	E(ENOLCK, "No locks available"),
	E(ENOSYS, "Function not implemented"),
	E(ENOTEMPTY, "Directory not empty"),
	E(ELOOP, "Too many levels of symbolic links"),
	E(ENOMSG, "No message of desired type"),
	E(EIDRM, "Identifier removed"),
	E(ECHRNG, "Channel number out of range"),
	E(EL2NSYNC, "Level 2 not synchronized"),
	E(EL3HLT, "Level 3 halted"),
	E(EL3RST, "Level 3 reset"),
	E(ELNRNG, "Link number out of range"),
	E(EUNATCH, "Protocol driver not attached"),
	E(ENOCSI, "No CSI structure available"),
	E(EL2HLT, "Level 2 halted"),
	E(EBADE, "Invalid exchange"),
	E(EBADR, "Invalid request descriptor"),
	E(EXFULL, "Exchange full"),
	E(ENOANO, "No anode"),
	E(EBADRQC, "Invalid request code"),
	E(EBADSLT, "Invalid slot"),
	E(EBFONT, "Bad font file format"),
	E(ENOSTR, "Device not a stream"),
	E(ENODATA, "No data available"),
	E(ETIME, "Timer expired"),
	E(ENOSR, "Out of streams resources"),
	E(ENONET, "Machine is not on the network"),
	E(ENOPKG, "Package not installed"),
	E(EREMOTE, "Object is remote"),
	E(ENOLINK, "Link has been severed"),
	E(EADV, "Advertise error"),
	E(ESRMNT, "Srmount error"),
	E(ECOMM, "Communication error on send"),
	E(EPROTO, "Protocol error"),
	E(EMULTIHOP, "Multihop attempted"),
	E(EDOTDOT, "RFS specific error"),
	E(EBADMSG, "Bad message"),
	E(EOVERFLOW, "Value too large for defined data type"),
	E(ENOTUNIQ, "Name not unique on network"),
	E(EBADFD, "File descriptor in bad state"),
	E(EREMCHG, "Remote address changed"),
	E(ELIBACC, "Can not access a needed shared library"),
	E(ELIBBAD, "Accessing a corrupted shared library"),
	E(ELIBSCN, ".lib section in a.out corrupted"),
	E(ELIBMAX, "Attempting to link in too many shared libraries"),
	E(ELIBEXEC, "Cannot exec a shared library directly"),
	E(EILSEQ, "Invalid or incomplete multibyte or wide character"),
	E(ERESTART, "Interrupted system call should be restarted"),
	E(ESTRPIPE, "Streams pipe error"),
	E(EUSERS, "Too many users"),
	E(ENOTSOCK, "Socket operation on non-socket"),
	E(EDESTADDRREQ, "Destination address required"),
	E(EMSGSIZE, "Message too long"),
	E(EPROTOTYPE, "Protocol wrong type for socket"),
	E(ENOPROTOOPT, "Protocol not available"),
	E(EPROTONOSUPPORT, "Protocol not supported"),
	E(ESOCKTNOSUPPORT, "Socket type not supported"),
	E(EOPNOTSUPP, "Operation not supported"),
	E(EPFNOSUPPORT, "Protocol family not supported"),
	E(EAFNOSUPPORT, "Address family not supported by protocol"),
	E(EADDRINUSE, "Address already in use"),
	E(EADDRNOTAVAIL, "Cannot assign requested address"),
	E(ENETDOWN, "Network is down"),
	E(ENETUNREACH, "Network is unreachable"),
	E(ENETRESET, "Network dropped connection on reset"),
	E(ECONNABORTED, "Software caused connection abort"),
	E(ECONNRESET, "Connection reset by peer"),
	E(ENOBUFS, "No buffer space available"),
	E(EISCONN, "Transport endpoint is already connected"),
	E(ENOTCONN, "Transport endpoint is not connected"),
	E(ESHUTDOWN, "Cannot send after transport endpoint shutdown"),
	E(ETOOMANYREFS, "Too many references: cannot splice"),
	E(ETIMEDOUT, "Connection timed out"),
	E(ECONNREFUSED, "Connection refused"),
	E(EHOSTDOWN, "Host is down"),
	E(EHOSTUNREACH, "No route to host"),
	E(EALREADY, "Operation already in progress"),
	E(EINPROGRESS, "Operation now in progress"),
	E(ESTALE, "Stale file handle"),
	E(EUCLEAN, "Structure needs cleaning"),
	E(ENOTNAM, "Not a XENIX named type file"),
	E(ENAVAIL, "No XENIX semaphores available"),
	E(EISNAM, "Is a named type file"),
	E(EREMOTEIO, "Remote I/O error"),
	E(EDQUOT, "Disk quota exceeded"),
	E(ENOMEDIUM, "No medium found"),
	E(EMEDIUMTYPE, "Wrong medium type"),
	E(ECANCELED, "Operation canceled"),
	E(ENOKEY, "Required key not available"),
	E(EKEYEXPIRED, "Key has expired"),
	E(EKEYREVOKED, "Key has been revoked"),
	E(EKEYREJECTED, "Key was rejected by service"),
	E(EOWNERDEAD, "Owner died"),
	E(ENOTRECOVERABLE, "State not recoverable"),
	E(ERFKILL, "Operation not possible due to RF-kill"),
	E(EHWPOISON, "Memory page has hardware error"),
};
#undef E

/* Kernel-internal codes (include/linux/errno.h): never meant to reach
 * userspace, but a tracer sees them at the syscall exit stop. */
#define KERR_BASE 512
static const struct errent kerrtab[] = {
	{ "ERESTARTSYS", "To be restarted if SA_RESTART is set" },	/* 512 */
	{ "ERESTARTNOINTR", "To be restarted" },			/* 513 */
	{ "ERESTARTNOHAND", "To be restarted if no handler" },	/* 514 */
	{ "ENOIOCTLCMD", NULL },					/* 515 */
	{ "ERESTART_RESTARTBLOCK", "Interrupted by signal" },		/* 516 */
	{ "EPROBE_DEFER", NULL },					/* 517 */
	{ "EOPENSTALE", NULL },						/* 518 */
	{ NULL, NULL },							/* 519 */
	{ NULL, NULL },							/* 520 */
	{ "EBADHANDLE", NULL },						/* 521 */
	{ "ENOTSYNC", NULL },						/* 522 */
	{ "EBADCOOKIE", NULL },						/* 523 */
	{ "ENOTSUPP", NULL },						/* 524 */
	{ "ETOOSMALL", NULL },						/* 525 */
	{ "ESERVERFAULT", NULL },					/* 526 */
	{ "EBADTYPE", NULL },						/* 527 */
	{ "EJUKEBOX", NULL },						/* 528 */
	{ "EIOCBQUEUED", NULL },					/* 529 */
	{ "ERECALLCONFLICT", NULL },					/* 530 */
};

static const struct errent *errent(int err)
{
	if (err > 0 && (unsigned)err < ARRAY_SIZE(errtab))
		return &errtab[err];
	if (err >= KERR_BASE && (unsigned)(err - KERR_BASE) < ARRAY_SIZE(kerrtab))
		return &kerrtab[err - KERR_BASE];
	return NULL;
}

const char *xlat_errno_name(int err)
{
	const struct errent *e = errent(err);
	return e ? e->name : NULL;
}

const char *xlat_errno_desc(int err)
{
	const struct errent *e = errent(err);
	return e && e->name ? e->desc : NULL;
}

/* ---- files --------------------------------------------------------------- */

const struct xlat xlat_open_access[] = {
	X(O_RDONLY), X(O_WRONLY), X(O_RDWR), X(O_ACCMODE),
	XLAT_END
};

/* O_SYNC contains O_DSYNC and O_TMPFILE contains O_DIRECTORY. */
#define OPEN_FLAG_ENTRIES \
	X(O_CREAT), X(O_EXCL), X(O_NOCTTY), X(O_TRUNC), X(O_APPEND), \
	X(O_NONBLOCK), X(O_SYNC), X(O_DSYNC), X(O_DIRECT), \
	XN(K_O_LARGEFILE, "O_LARGEFILE"), X(O_NOFOLLOW), X(O_NOATIME), \
	X(O_CLOEXEC), X(O_PATH), X(O_TMPFILE), X(O_DIRECTORY), X(FASYNC)

const struct xlat xlat_open_flags[] = {
	OPEN_FLAG_ENTRIES,
	XLAT_END
};

/* pipe2, dup3: strace prints these with the open flag names too. */
const struct xlat xlat_fd_flags[] = {
	OPEN_FLAG_ENTRIES,
	XLAT_END
};

const struct xlat xlat_at_flags[] = {
	X(AT_SYMLINK_NOFOLLOW), X(AT_REMOVEDIR), X(AT_SYMLINK_FOLLOW),
	X(AT_NO_AUTOMOUNT), X(AT_EMPTY_PATH), X(AT_RECURSIVE),
	XLAT_END
};

const struct xlat xlat_access_mode[] = {
	X(R_OK), X(W_OK), X(X_OK),
	XLAT_END
};

const struct xlat xlat_mode_type[] = {
	X(S_IFREG), X(S_IFSOCK), X(S_IFIFO), X(S_IFLNK), X(S_IFDIR),
	X(S_IFBLK), X(S_IFCHR),
	XLAT_END
};

const struct xlat xlat_rename_flags[] = {
	X(RENAME_NOREPLACE), X(RENAME_EXCHANGE), X(RENAME_WHITEOUT),
	XLAT_END
};

const struct xlat xlat_xattr_flags[] = {
	X(XATTR_CREATE), X(XATTR_REPLACE),
	XLAT_END
};

const struct xlat xlat_inotify_mask[] = {
	X(IN_ACCESS), X(IN_MODIFY), X(IN_ATTRIB), X(IN_CLOSE_WRITE),
	X(IN_CLOSE_NOWRITE), X(IN_OPEN), X(IN_MOVED_FROM), X(IN_MOVED_TO),
	X(IN_CREATE), X(IN_DELETE), X(IN_DELETE_SELF), X(IN_MOVE_SELF),
	X(IN_UNMOUNT), X(IN_Q_OVERFLOW), X(IN_IGNORED), X(IN_ONLYDIR),
	X(IN_DONT_FOLLOW), X(IN_EXCL_UNLINK), X(IN_MASK_CREATE),
	X(IN_MASK_ADD), X(IN_ISDIR), X(IN_ONESHOT),
	XLAT_END
};

/* STATX_ALL and STATX_BASIC_STATS are masks of the bits after them. */
const struct xlat xlat_statx_mask[] = {
	X(STATX_ALL), X(STATX_BASIC_STATS), X(STATX_TYPE), X(STATX_MODE),
	X(STATX_NLINK), X(STATX_UID), X(STATX_GID), X(STATX_ATIME),
	X(STATX_MTIME), X(STATX_CTIME), X(STATX_INO), X(STATX_SIZE),
	X(STATX_BLOCKS), X(STATX_BTIME), X(STATX_MNT_ID), X(STATX_DIOALIGN),
	XLAT_END
};

const struct xlat xlat_whence[] = {
	X(SEEK_SET), X(SEEK_CUR), X(SEEK_END), X(SEEK_DATA), X(SEEK_HOLE),
	XLAT_END
};

const struct xlat xlat_fcntl_cmd[] = {
	X(F_DUPFD), X(F_GETFD), X(F_SETFD), X(F_GETFL), X(F_SETFL),
	X(F_GETLK), X(F_SETLK), X(F_SETLKW), X(F_SETOWN), X(F_GETOWN),
	X(F_SETSIG), X(F_GETSIG),
	XN(K_F_GETLK64, "F_GETLK64"), XN(K_F_SETLK64, "F_SETLK64"),
	XN(K_F_SETLKW64, "F_SETLKW64"),
	X(F_SETOWN_EX), X(F_GETOWN_EX), XN(17, "F_GETOWNER_UIDS"),
	X(F_OFD_GETLK), X(F_OFD_SETLK), X(F_OFD_SETLKW),
	X(F_SETLEASE), X(F_GETLEASE), X(F_NOTIFY), XN(1029, "F_CANCELLK"),
	X(F_DUPFD_CLOEXEC), X(F_SETPIPE_SZ), X(F_GETPIPE_SZ),
	X(F_ADD_SEALS), X(F_GET_SEALS),
	XLAT_END
};

const struct xlat xlat_fdflags_fcntl[] = {
	X(FD_CLOEXEC),
	XLAT_END
};

const struct xlat xlat_mount_flags[] = {
	X(MS_RDONLY), X(MS_NOSUID), X(MS_NODEV), X(MS_NOEXEC),
	X(MS_SYNCHRONOUS), X(MS_REMOUNT), X(MS_MANDLOCK), X(MS_DIRSYNC),
	X(MS_NOSYMFOLLOW), X(MS_NOATIME), X(MS_NODIRATIME), X(MS_BIND),
	X(MS_MOVE), X(MS_REC), X(MS_SILENT), X(MS_POSIXACL),
	X(MS_UNBINDABLE), X(MS_PRIVATE), X(MS_SLAVE), X(MS_SHARED),
	X(MS_RELATIME), X(MS_KERNMOUNT), X(MS_I_VERSION), X(MS_STRICTATIME),
	X(MS_LAZYTIME), X(MS_SUBMOUNT), X(MS_NOREMOTELOCK), X(MS_NOSEC),
	X(MS_BORN), X(MS_ACTIVE), XN((uint32_t)MS_NOUSER, "MS_NOUSER"),
	XLAT_END
};

const struct xlat xlat_umount_flags[] = {
	X(MNT_FORCE), X(MNT_DETACH), X(MNT_EXPIRE), X(UMOUNT_NOFOLLOW),
	XLAT_END
};

/* ---- memory -------------------------------------------------------------- */

const struct xlat xlat_prot[] = {
	X(PROT_READ), X(PROT_WRITE), X(PROT_EXEC), X(PROT_SEM),
	X(PROT_GROWSDOWN), X(PROT_GROWSUP),
	XLAT_END
};

const struct xlat xlat_map_type[] = {
	XN(0, "MAP_FILE"), X(MAP_SHARED), X(MAP_PRIVATE), X(MAP_SHARED_VALIDATE),
	XLAT_END
};

const struct xlat xlat_map_flags[] = {
	X(MAP_FIXED), X(MAP_ANONYMOUS), X(MAP_32BIT), X(MAP_NORESERVE),
	X(MAP_POPULATE), X(MAP_NONBLOCK), X(MAP_GROWSDOWN), X(MAP_DENYWRITE),
	X(MAP_EXECUTABLE), X(MAP_LOCKED), X(MAP_STACK), X(MAP_HUGETLB),
	X(MAP_SYNC), X(MAP_FIXED_NOREPLACE),
	XLAT_END
};

const struct xlat xlat_madv[] = {
	X(MADV_NORMAL), X(MADV_RANDOM), X(MADV_SEQUENTIAL), X(MADV_WILLNEED),
	X(MADV_DONTNEED), X(MADV_FREE), X(MADV_REMOVE), X(MADV_DONTFORK),
	X(MADV_DOFORK), X(MADV_MERGEABLE), X(MADV_UNMERGEABLE),
	X(MADV_HUGEPAGE), X(MADV_NOHUGEPAGE), X(MADV_DONTDUMP), X(MADV_DODUMP),
	X(MADV_WIPEONFORK), X(MADV_KEEPONFORK), X(MADV_COLD), X(MADV_PAGEOUT),
	X(MADV_POPULATE_READ), X(MADV_POPULATE_WRITE),
	X(MADV_DONTNEED_LOCKED), X(MADV_COLLAPSE), X(MADV_HWPOISON),
	XN(101, "MADV_SOFT_OFFLINE"),
	XLAT_END
};

const struct xlat xlat_mremap_flags[] = {
	X(MREMAP_MAYMOVE), X(MREMAP_FIXED), X(MREMAP_DONTUNMAP),
	XLAT_END
};

const struct xlat xlat_msync_flags[] = {
	X(MS_SYNC), X(MS_ASYNC), X(MS_INVALIDATE),
	XLAT_END
};

const struct xlat xlat_mlock_flags[] = {
	X(MLOCK_ONFAULT),
	XLAT_END
};

const struct xlat xlat_mlockall_flags[] = {
	X(MCL_CURRENT), X(MCL_FUTURE), X(MCL_ONFAULT),
	XLAT_END
};

const struct xlat xlat_memfd_flags[] = {
	X(MFD_CLOEXEC), X(MFD_ALLOW_SEALING), X(MFD_HUGETLB),
	XLAT_END
};

/* ---- processes ----------------------------------------------------------- */

/* In clone(), the low byte holds the exit signal, so CLONE_NEWTIME only
 * ever shows up for clone3 and unshare. */
const struct xlat xlat_clone_flags[] = {
	X(CLONE_VM), X(CLONE_FS), X(CLONE_FILES), X(CLONE_SIGHAND),
	X(CLONE_PIDFD), X(CLONE_PTRACE), X(CLONE_VFORK), X(CLONE_PARENT),
	X(CLONE_THREAD), X(CLONE_NEWNS), X(CLONE_SYSVSEM), X(CLONE_SETTLS),
	X(CLONE_PARENT_SETTID), X(CLONE_CHILD_CLEARTID), X(CLONE_UNTRACED),
	X(CLONE_CHILD_SETTID), X(CLONE_NEWCGROUP), X(CLONE_NEWUTS),
	X(CLONE_NEWIPC), X(CLONE_NEWUSER), X(CLONE_NEWPID), X(CLONE_NEWNET),
	X(CLONE_IO), X(CLONE_NEWTIME), X(CLONE_CLEAR_SIGHAND),
	X(CLONE_INTO_CGROUP),
	XLAT_END
};

/* WSTOPPED is also WUNTRACED; strace prints the former. */
const struct xlat xlat_wait_options[] = {
	X(WNOHANG), X(WEXITED), X(WSTOPPED), X(WCONTINUED), X(WNOWAIT),
	X(__WCLONE), X(__WALL), X(__WNOTHREAD),
	XLAT_END
};

const struct xlat xlat_rlimit_res[] = {
	X(RLIMIT_CPU), X(RLIMIT_FSIZE), X(RLIMIT_DATA), X(RLIMIT_STACK),
	X(RLIMIT_CORE), X(RLIMIT_RSS), X(RLIMIT_NPROC), X(RLIMIT_NOFILE),
	X(RLIMIT_MEMLOCK), X(RLIMIT_AS), X(RLIMIT_LOCKS),
	X(RLIMIT_SIGPENDING), X(RLIMIT_MSGQUEUE), X(RLIMIT_NICE),
	X(RLIMIT_RTPRIO), X(RLIMIT_RTTIME),
	XLAT_END
};

const struct xlat xlat_prctl_opt[] = {
	X(PR_SET_PDEATHSIG), X(PR_GET_PDEATHSIG), X(PR_GET_DUMPABLE),
	X(PR_SET_DUMPABLE), X(PR_GET_UNALIGN), X(PR_SET_UNALIGN),
	X(PR_GET_KEEPCAPS), X(PR_SET_KEEPCAPS), X(PR_GET_FPEMU),
	X(PR_SET_FPEMU), X(PR_GET_FPEXC), X(PR_SET_FPEXC), X(PR_GET_TIMING),
	X(PR_SET_TIMING), X(PR_SET_NAME), X(PR_GET_NAME), X(PR_GET_ENDIAN),
	X(PR_SET_ENDIAN), X(PR_GET_SECCOMP), X(PR_SET_SECCOMP),
	X(PR_CAPBSET_READ), X(PR_CAPBSET_DROP), X(PR_GET_TSC), X(PR_SET_TSC),
	X(PR_GET_SECUREBITS), X(PR_SET_SECUREBITS), X(PR_SET_TIMERSLACK),
	X(PR_GET_TIMERSLACK), X(PR_TASK_PERF_EVENTS_DISABLE),
	X(PR_TASK_PERF_EVENTS_ENABLE), X(PR_MCE_KILL), X(PR_MCE_KILL_GET),
	X(PR_SET_MM), X(PR_SET_CHILD_SUBREAPER), X(PR_GET_CHILD_SUBREAPER),
	X(PR_SET_NO_NEW_PRIVS), X(PR_GET_NO_NEW_PRIVS), X(PR_GET_TID_ADDRESS),
	X(PR_SET_THP_DISABLE), X(PR_GET_THP_DISABLE),
	X(PR_MPX_ENABLE_MANAGEMENT), X(PR_MPX_DISABLE_MANAGEMENT),
	X(PR_SET_FP_MODE), X(PR_GET_FP_MODE), X(PR_CAP_AMBIENT),
	X(PR_SVE_SET_VL), X(PR_SVE_GET_VL), X(PR_GET_SPECULATION_CTRL),
	X(PR_SET_SPECULATION_CTRL), X(PR_PAC_RESET_KEYS),
	X(PR_SET_TAGGED_ADDR_CTRL), X(PR_GET_TAGGED_ADDR_CTRL),
	X(PR_SET_IO_FLUSHER), X(PR_GET_IO_FLUSHER),
	X(PR_SET_SYSCALL_USER_DISPATCH), X(PR_PAC_SET_ENABLED_KEYS),
	X(PR_PAC_GET_ENABLED_KEYS), X(PR_SCHED_CORE), X(PR_SME_SET_VL),
	X(PR_SME_GET_VL), X(PR_SET_PTRACER),
#ifdef PR_SET_VMA
	X(PR_SET_VMA),
#endif
	XLAT_END
};

const struct xlat xlat_arch_prctl[] = {
	X(ARCH_SET_GS), X(ARCH_SET_FS), X(ARCH_GET_FS), X(ARCH_GET_GS),
	X(ARCH_GET_CPUID), X(ARCH_SET_CPUID),
#ifdef ARCH_GET_XCOMP_SUPP
	X(ARCH_GET_XCOMP_SUPP), X(ARCH_GET_XCOMP_PERM), X(ARCH_REQ_XCOMP_PERM),
	X(ARCH_GET_XCOMP_GUEST_PERM), X(ARCH_REQ_XCOMP_GUEST_PERM),
#endif
	X(ARCH_MAP_VDSO_X32), X(ARCH_MAP_VDSO_32), X(ARCH_MAP_VDSO_64),
	XLAT_END
};

/* The numbers, not glibc's enum spellings (PTRACE_PEEKUSER, not PEEKUSR). */
const struct xlat xlat_ptrace_req[] = {
	XN(0, "PTRACE_TRACEME"), XN(1, "PTRACE_PEEKTEXT"),
	XN(2, "PTRACE_PEEKDATA"), XN(3, "PTRACE_PEEKUSER"),
	XN(4, "PTRACE_POKETEXT"), XN(5, "PTRACE_POKEDATA"),
	XN(6, "PTRACE_POKEUSER"), XN(7, "PTRACE_CONT"), XN(8, "PTRACE_KILL"),
	XN(9, "PTRACE_SINGLESTEP"), XN(12, "PTRACE_GETREGS"),
	XN(13, "PTRACE_SETREGS"), XN(14, "PTRACE_GETFPREGS"),
	XN(15, "PTRACE_SETFPREGS"), XN(16, "PTRACE_ATTACH"),
	XN(17, "PTRACE_DETACH"), XN(18, "PTRACE_GETFPXREGS"),
	XN(19, "PTRACE_SETFPXREGS"), XN(21, "PTRACE_OLDSETOPTIONS"),
	XN(24, "PTRACE_SYSCALL"), XN(25, "PTRACE_GET_THREAD_AREA"),
	XN(26, "PTRACE_SET_THREAD_AREA"), XN(30, "PTRACE_ARCH_PRCTL"),
	XN(31, "PTRACE_SYSEMU"), XN(32, "PTRACE_SYSEMU_SINGLESTEP"),
	XN(33, "PTRACE_SINGLEBLOCK"),
	XN(0x4200, "PTRACE_SETOPTIONS"), XN(0x4201, "PTRACE_GETEVENTMSG"),
	XN(0x4202, "PTRACE_GETSIGINFO"), XN(0x4203, "PTRACE_SETSIGINFO"),
	XN(0x4204, "PTRACE_GETREGSET"), XN(0x4205, "PTRACE_SETREGSET"),
	XN(0x4206, "PTRACE_SEIZE"), XN(0x4207, "PTRACE_INTERRUPT"),
	XN(0x4208, "PTRACE_LISTEN"), XN(0x4209, "PTRACE_PEEKSIGINFO"),
	XN(0x420a, "PTRACE_GETSIGMASK"), XN(0x420b, "PTRACE_SETSIGMASK"),
	XN(0x420c, "PTRACE_SECCOMP_GET_FILTER"),
	XN(0x420d, "PTRACE_SECCOMP_GET_METADATA"),
	XN(0x420e, "PTRACE_GET_SYSCALL_INFO"),
	XN(PTRACE_GET_RSEQ_CONFIGURATION, "PTRACE_GET_RSEQ_CONFIGURATION"),
	XLAT_END
};

/* Commands only: the decoder adds _PRIVATE and |FUTEX_CLOCK_REALTIME. */
const struct xlat xlat_futex_op[] = {
	X(FUTEX_WAIT), X(FUTEX_WAKE), X(FUTEX_FD), X(FUTEX_REQUEUE),
	X(FUTEX_CMP_REQUEUE), X(FUTEX_WAKE_OP), X(FUTEX_LOCK_PI),
	X(FUTEX_UNLOCK_PI), X(FUTEX_TRYLOCK_PI), X(FUTEX_WAIT_BITSET),
	X(FUTEX_WAKE_BITSET), X(FUTEX_WAIT_REQUEUE_PI),
	X(FUTEX_CMP_REQUEUE_PI), X(FUTEX_LOCK_PI2),
	XLAT_END
};

/* Persona values without flag bits (PER_SVR4 and friends carry flags
 * in their definition and are spelled out as PER_xxx|FLAG instead). */
const struct xlat xlat_personality_type[] = {
	X(PER_LINUX), X(PER_BSD), X(PER_LINUX32), X(PER_RISCOS), X(PER_OSF4),
	X(PER_HPUX), X(PER_MASK),
	XLAT_END
};

const struct xlat xlat_personality_flags[] = {
	X(UNAME26), X(ADDR_NO_RANDOMIZE), X(FDPIC_FUNCPTRS), X(MMAP_PAGE_ZERO),
	X(ADDR_COMPAT_LAYOUT), X(READ_IMPLIES_EXEC), X(ADDR_LIMIT_32BIT),
	X(SHORT_INODE), X(WHOLE_SECONDS), X(STICKY_TIMEOUTS),
	X(ADDR_LIMIT_3GB),
	XLAT_END
};

const struct xlat xlat_clockid[] = {
	X(CLOCK_REALTIME), X(CLOCK_MONOTONIC), X(CLOCK_PROCESS_CPUTIME_ID),
	X(CLOCK_THREAD_CPUTIME_ID), X(CLOCK_MONOTONIC_RAW),
	X(CLOCK_REALTIME_COARSE), X(CLOCK_MONOTONIC_COARSE), X(CLOCK_BOOTTIME),
	X(CLOCK_REALTIME_ALARM), X(CLOCK_BOOTTIME_ALARM),
	XN(10, "CLOCK_SGI_CYCLE"), X(CLOCK_TAI),
	XLAT_END
};

const struct xlat xlat_timer_flags[] = {
	X(TIMER_ABSTIME),
	XLAT_END
};

const struct xlat xlat_grnd_flags[] = {
	X(GRND_NONBLOCK), X(GRND_RANDOM), X(GRND_INSECURE),
	XLAT_END
};

/* ---- signals ------------------------------------------------------------- */

const struct xlat xlat_sighow[] = {
	X(SIG_BLOCK), X(SIG_UNBLOCK), X(SIG_SETMASK),
	XLAT_END
};

const struct xlat xlat_sa_flags[] = {
	X(SA_RESTORER), X(SA_ONSTACK), X(SA_RESTART), X(SA_INTERRUPT),
	X(SA_NODEFER), X(SA_RESETHAND), X(SA_SIGINFO), X(SA_NOCLDSTOP),
	X(SA_NOCLDWAIT),
	XLAT_END
};

/* ---- sockets ------------------------------------------------------------- */

const struct xlat xlat_sock_family[] = {
	X(AF_UNSPEC), X(AF_UNIX), X(AF_INET), X(AF_AX25), X(AF_IPX),
	X(AF_APPLETALK), X(AF_NETROM), X(AF_BRIDGE), X(AF_ATMPVC), X(AF_X25),
	X(AF_INET6), X(AF_ROSE), X(AF_DECnet), X(AF_NETBEUI), X(AF_SECURITY),
	X(AF_KEY), X(AF_NETLINK), X(AF_PACKET), X(AF_ASH), X(AF_ECONET),
	X(AF_ATMSVC), X(AF_RDS), X(AF_SNA), X(AF_IRDA), X(AF_PPPOX),
	X(AF_WANPIPE), X(AF_LLC), X(AF_IB), X(AF_MPLS), X(AF_CAN), X(AF_TIPC),
	X(AF_BLUETOOTH), X(AF_IUCV), X(AF_RXRPC), X(AF_ISDN), X(AF_PHONET),
	X(AF_IEEE802154), X(AF_CAIF), X(AF_ALG), X(AF_NFC), X(AF_VSOCK),
	X(AF_KCM), X(AF_QIPCRTR), X(AF_SMC), X(AF_XDP),
	XN(45, "AF_MCTP"),
	XLAT_END
};

const struct xlat xlat_sock_type[] = {
	X(SOCK_STREAM), X(SOCK_DGRAM), X(SOCK_RAW), X(SOCK_RDM),
	X(SOCK_SEQPACKET), X(SOCK_DCCP), X(SOCK_PACKET),
	XLAT_END
};

const struct xlat xlat_sock_type_flags[] = {
	X(SOCK_CLOEXEC), X(SOCK_NONBLOCK),
	XLAT_END
};

/* IPPROTO_HOPOPTS is also 0 and loses to IPPROTO_IP. */
const struct xlat xlat_ipproto[] = {
	X(IPPROTO_IP), X(IPPROTO_ICMP), X(IPPROTO_IGMP), X(IPPROTO_IPIP),
	X(IPPROTO_TCP), X(IPPROTO_EGP), X(IPPROTO_PUP), X(IPPROTO_UDP),
	X(IPPROTO_IDP), X(IPPROTO_TP), X(IPPROTO_DCCP), X(IPPROTO_IPV6),
	X(IPPROTO_ROUTING), X(IPPROTO_FRAGMENT), X(IPPROTO_RSVP),
	X(IPPROTO_GRE), X(IPPROTO_ESP), X(IPPROTO_AH), X(IPPROTO_ICMPV6),
	X(IPPROTO_NONE), X(IPPROTO_DSTOPTS), X(IPPROTO_MTP),
	XN(94, "IPPROTO_BEETPH"), X(IPPROTO_ENCAP), X(IPPROTO_PIM),
	X(IPPROTO_COMP), XN(115, "IPPROTO_L2TP"), X(IPPROTO_SCTP),
	X(IPPROTO_MH), X(IPPROTO_UDPLITE), X(IPPROTO_MPLS),
	XN(143, "IPPROTO_ETHERNET"), X(IPPROTO_RAW), XN(262, "IPPROTO_MPTCP"),
	XLAT_END
};

/* The kernel's MSG_PROBE is glibc's MSG_PROXY; the later ones are
 * kernel-only, hence the numbers. */
const struct xlat xlat_msg_flags[] = {
	X(MSG_OOB), X(MSG_PEEK), X(MSG_DONTROUTE), X(MSG_CTRUNC),
	XN(0x10, "MSG_PROBE"), X(MSG_TRUNC), X(MSG_DONTWAIT), X(MSG_EOR),
	X(MSG_WAITALL), X(MSG_FIN), X(MSG_SYN), X(MSG_CONFIRM), X(MSG_RST),
	X(MSG_ERRQUEUE), X(MSG_NOSIGNAL), X(MSG_MORE), X(MSG_WAITFORONE),
	XN(0x20000, "MSG_SENDPAGE_NOTLAST"), XN(0x40000, "MSG_BATCH"),
	XN(0x80000, "MSG_NO_SHARED_FRAGS"), XN(0x4000000, "MSG_ZEROCOPY"),
	X(MSG_FASTOPEN), X(MSG_CMSG_CLOEXEC), XN(0x80000000U, "MSG_CMSG_COMPAT"),
	XLAT_END
};

const struct xlat xlat_shut_how[] = {
	X(SHUT_RD), X(SHUT_WR), X(SHUT_RDWR),
	XLAT_END
};

const struct xlat xlat_sockopt_level[] = {
	X(SOL_IP), X(SOL_SOCKET), XN(6, "SOL_TCP"), XN(17, "SOL_UDP"),
	XN(40, "AF_VSOCK"), X(SOL_IPV6), X(SOL_ICMPV6), XN(100, "SOL_CAN_BASE"),
	XN(101, "SOL_CAN_RAW"), XN(132, "SOL_SCTP"), XN(136, "SOL_UDPLITE"),
	XN(255, "SOL_RAW"), XN(256, "SOL_IPX"), XN(257, "SOL_AX25"),
	XN(258, "SOL_ATALK"), XN(259, "SOL_NETROM"), XN(260, "SOL_ROSE"),
	XN(261, "SOL_DECNET"), XN(262, "SOL_X25"), XN(263, "SOL_PACKET"),
	XN(264, "SOL_ATM"), XN(265, "SOL_AAL"), XN(266, "SOL_IRDA"),
	XN(267, "SOL_NETBEUI"), XN(268, "SOL_LLC"), XN(269, "SOL_DCCP"),
	XN(270, "SOL_NETLINK"), XN(271, "SOL_TIPC"), XN(272, "SOL_RXRPC"),
	XN(273, "SOL_PPPOL2TP"), XN(274, "SOL_BLUETOOTH"),
	XN(275, "SOL_PNPIPE"), XN(276, "SOL_RDS"), XN(277, "SOL_IUCV"),
	XN(278, "SOL_CAIF"), XN(279, "SOL_ALG"), XN(280, "SOL_NFC"),
	XN(281, "SOL_KCM"), XN(282, "SOL_TLS"), XN(283, "SOL_XDP"),
	XLAT_END
};

/* Numbers for the options that <asm/socket.h> spells differently on
 * time64 (the _OLD ones are what an x86-64 program passes). */
const struct xlat xlat_sol_socket_opts[] = {
	X(SO_DEBUG), X(SO_REUSEADDR), X(SO_TYPE), X(SO_ERROR),
	X(SO_DONTROUTE), X(SO_BROADCAST), X(SO_SNDBUF), X(SO_RCVBUF),
	X(SO_KEEPALIVE), X(SO_OOBINLINE), X(SO_NO_CHECK), X(SO_PRIORITY),
	X(SO_LINGER), X(SO_BSDCOMPAT), X(SO_REUSEPORT), X(SO_PASSCRED),
	X(SO_PEERCRED), X(SO_RCVLOWAT), X(SO_SNDLOWAT),
	XN(20, "SO_RCVTIMEO_OLD"), XN(21, "SO_SNDTIMEO_OLD"),
	X(SO_SECURITY_AUTHENTICATION), X(SO_SECURITY_ENCRYPTION_TRANSPORT),
	X(SO_SECURITY_ENCRYPTION_NETWORK), X(SO_BINDTODEVICE),
	X(SO_ATTACH_FILTER), X(SO_DETACH_FILTER), X(SO_PEERNAME),
	XN(29, "SO_TIMESTAMP_OLD"), X(SO_ACCEPTCONN), X(SO_PEERSEC),
	X(SO_SNDBUFFORCE), X(SO_RCVBUFFORCE), X(SO_PASSSEC),
	XN(35, "SO_TIMESTAMPNS_OLD"), X(SO_MARK),
	XN(37, "SO_TIMESTAMPING_OLD"), X(SO_PROTOCOL), X(SO_DOMAIN),
	X(SO_RXQ_OVFL), X(SO_WIFI_STATUS), X(SO_PEEK_OFF), X(SO_NOFCS),
	X(SO_LOCK_FILTER), X(SO_SELECT_ERR_QUEUE), X(SO_BUSY_POLL),
	X(SO_MAX_PACING_RATE), X(SO_BPF_EXTENSIONS), X(SO_INCOMING_CPU),
	X(SO_ATTACH_BPF), X(SO_ATTACH_REUSEPORT_CBPF),
	X(SO_ATTACH_REUSEPORT_EBPF), X(SO_CNX_ADVICE), XN(55, "SO_MEMINFO"),
	X(SO_INCOMING_NAPI_ID), X(SO_COOKIE), XN(59, "SO_PEERGROUPS"),
	X(SO_ZEROCOPY), X(SO_TXTIME), X(SO_BINDTOIFINDEX),
	XN(63, "SO_TIMESTAMP_NEW"), XN(64, "SO_TIMESTAMPNS_NEW"),
	XN(65, "SO_TIMESTAMPING_NEW"), XN(66, "SO_RCVTIMEO_NEW"),
	XN(67, "SO_SNDTIMEO_NEW"), XN(68, "SO_DETACH_REUSEPORT_BPF"),
	XN(69, "SO_PREFER_BUSY_POLL"), XN(70, "SO_BUSY_POLL_BUDGET"),
	XN(71, "SO_NETNS_COOKIE"), XN(72, "SO_BUF_LOCK"),
	XN(73, "SO_RESERVE_MEM"), XN(74, "SO_TXREHASH"), XN(75, "SO_RCVMARK"),
	XLAT_END
};

const struct xlat xlat_sol_tcp_opts[] = {
	X(TCP_NODELAY), X(TCP_MAXSEG), X(TCP_CORK), X(TCP_KEEPIDLE),
	X(TCP_KEEPINTVL), X(TCP_KEEPCNT), X(TCP_SYNCNT), X(TCP_LINGER2),
	X(TCP_DEFER_ACCEPT), X(TCP_WINDOW_CLAMP), X(TCP_INFO), X(TCP_QUICKACK),
	X(TCP_CONGESTION), X(TCP_MD5SIG), XN(15, "TCP_COOKIE_TRANSACTIONS"),
	X(TCP_THIN_LINEAR_TIMEOUTS), X(TCP_THIN_DUPACK), X(TCP_USER_TIMEOUT),
	X(TCP_REPAIR), X(TCP_REPAIR_QUEUE), X(TCP_QUEUE_SEQ),
	X(TCP_REPAIR_OPTIONS), X(TCP_FASTOPEN), X(TCP_TIMESTAMP),
	X(TCP_NOTSENT_LOWAT), X(TCP_CC_INFO), X(TCP_SAVE_SYN),
	X(TCP_SAVED_SYN), X(TCP_REPAIR_WINDOW), X(TCP_FASTOPEN_CONNECT),
	X(TCP_ULP), X(TCP_MD5SIG_EXT), X(TCP_FASTOPEN_KEY),
	X(TCP_FASTOPEN_NO_COOKIE), X(TCP_ZEROCOPY_RECEIVE), X(TCP_INQ),
	X(TCP_TX_DELAY),
	XLAT_END
};

const struct xlat xlat_sol_ip_opts[] = {
	X(IP_TOS), X(IP_TTL), X(IP_HDRINCL), X(IP_OPTIONS), X(IP_ROUTER_ALERT),
	X(IP_RECVOPTS), X(IP_RETOPTS), X(IP_PKTINFO), X(IP_PKTOPTIONS),
	X(IP_MTU_DISCOVER), X(IP_RECVERR), X(IP_RECVTTL), X(IP_RECVTOS),
	X(IP_MTU), X(IP_FREEBIND), X(IP_IPSEC_POLICY), X(IP_XFRM_POLICY),
	X(IP_PASSSEC), X(IP_TRANSPARENT), X(IP_ORIGDSTADDR), X(IP_MINTTL),
	X(IP_NODEFRAG), X(IP_CHECKSUM), X(IP_BIND_ADDRESS_NO_PORT),
	X(IP_RECVFRAGSIZE), XN(26, "IP_RECVERR_RFC4884"), X(IP_MULTICAST_IF),
	X(IP_MULTICAST_TTL), X(IP_MULTICAST_LOOP), X(IP_ADD_MEMBERSHIP),
	X(IP_DROP_MEMBERSHIP), X(IP_UNBLOCK_SOURCE), X(IP_BLOCK_SOURCE),
	X(IP_ADD_SOURCE_MEMBERSHIP), X(IP_DROP_SOURCE_MEMBERSHIP),
	X(IP_MSFILTER), X(MCAST_JOIN_GROUP), X(MCAST_BLOCK_SOURCE),
	X(MCAST_UNBLOCK_SOURCE), X(MCAST_LEAVE_GROUP),
	X(MCAST_JOIN_SOURCE_GROUP), X(MCAST_LEAVE_SOURCE_GROUP),
	X(MCAST_MSFILTER), X(IP_MULTICAST_ALL), X(IP_UNICAST_IF),
	XN(64, "IPT_SO_SET_REPLACE"), XN(65, "IPT_SO_SET_ADD_COUNTERS"),
	XLAT_END
};

/* ---- ioctl --------------------------------------------------------------- */

/* Names as strace prints them, including its "A or B" for numbers that
 * two drivers share. Compared on the low 32 bits. */
#define IOC(req, name) { (uint32_t)(req), name }
const struct xlat xlat_ioctl_req[] = {
	/* terminals */
	IOC(TCGETS, "TCGETS"),
	IOC(TCSETS, "SNDCTL_TMR_START or TCSETS"),
	IOC(TCSETSW, "SNDCTL_TMR_STOP or TCSETSW"),
	IOC(TCSETSF, "SNDCTL_TMR_CONTINUE or TCSETSF"),
	IOC(TCGETA, "TCGETA"),
	IOC(TCSETA, "TCSETA"),
	IOC(TCSETAW, "TCSETAW"),
	IOC(TCSETAF, "TCSETAF"),
	IOC(TCSBRK, "TCSBRK"),
	IOC(TCXONC, "TCXONC"),
	IOC(TCFLSH, "TCFLSH"),
	IOC(TIOCEXCL, "TIOCEXCL"),
	IOC(TIOCNXCL, "TIOCNXCL"),
	IOC(TIOCSCTTY, "TIOCSCTTY"),
	IOC(TIOCGPGRP, "TIOCGPGRP"),
	IOC(TIOCSPGRP, "TIOCSPGRP"),
	IOC(TIOCOUTQ, "TIOCOUTQ"),
	IOC(TIOCSTI, "TIOCSTI"),
	IOC(TIOCGWINSZ, "TIOCGWINSZ"),
	IOC(TIOCSWINSZ, "TIOCSWINSZ"),
	IOC(TIOCMGET, "TIOCMGET"),
	IOC(TIOCMBIS, "TIOCMBIS"),
	IOC(TIOCMBIC, "TIOCMBIC"),
	IOC(TIOCMSET, "TIOCMSET"),
	IOC(TIOCGSOFTCAR, "TIOCGSOFTCAR"),
	IOC(TIOCSSOFTCAR, "TIOCSSOFTCAR"),
	IOC(FIONREAD, "FIONREAD"),
	IOC(TIOCLINUX, "TIOCLINUX"),
	IOC(TIOCCONS, "TIOCCONS"),
	IOC(TIOCGSERIAL, "TIOCGSERIAL"),
	IOC(TIOCSSERIAL, "TIOCSSERIAL"),
	IOC(TIOCPKT, "TIOCPKT"),
	IOC(FIONBIO, "FIONBIO"),
	IOC(TIOCNOTTY, "TIOCNOTTY"),
	IOC(TIOCSETD, "TIOCSETD"),
	IOC(TIOCGETD, "TIOCGETD"),
	IOC(TCSBRKP, "TCSBRKP"),
	IOC(TIOCSBRK, "TIOCSBRK"),
	IOC(TIOCCBRK, "TIOCCBRK"),
	IOC(TIOCGSID, "TIOCGSID"),
	IOC(TCGETS2, "TCGETS2"),
	IOC(TCSETS2, "TCSETS2"),
	IOC(TCSETSW2, "TCSETSW2"),
	IOC(TCSETSF2, "TCSETSF2"),
	IOC(TIOCGRS485, "TIOCGRS485"),
	IOC(TIOCSRS485, "TIOCSRS485"),
	IOC(TIOCGPTN, "TIOCGPTN"),
	IOC(TIOCSPTLCK, "TIOCSPTLCK"),
	IOC(TIOCGDEV, "TIOCGDEV"),
	IOC(TCGETX, "TCGETX"),
	IOC(TCSETX, "TCSETX"),
	IOC(TCSETXF, "TCSETXF"),
	IOC(TCSETXW, "TCSETXW"),
	IOC(TIOCSIG, "TIOCSIG"),
	IOC(TIOCVHANGUP, "TIOCVHANGUP"),
	IOC(TIOCGPKT, "TIOCGPKT"),
	IOC(TIOCGPTLCK, "TIOCGPTLCK"),
	IOC(TIOCGEXCL, "TIOCGEXCL"),
#ifdef TIOCGPTPEER
	IOC(TIOCGPTPEER, "TIOCGPTPEER"),
#endif
	IOC(FIONCLEX, "FIONCLEX"),
	IOC(FIOCLEX, "FIOCLEX"),
	IOC(FIOASYNC, "FIOASYNC"),
	IOC(TIOCSERCONFIG, "TIOCSERCONFIG"),
	IOC(TIOCSERGWILD, "TIOCSERGWILD"),
	IOC(TIOCSERSWILD, "TIOCSERSWILD"),
	IOC(TIOCGLCKTRMIOS, "TIOCGLCKTRMIOS"),
	IOC(TIOCSLCKTRMIOS, "TIOCSLCKTRMIOS"),
	IOC(TIOCSERGSTRUCT, "TIOCSERGSTRUCT"),
	IOC(TIOCSERGETLSR, "TIOCSERGETLSR"),
	IOC(TIOCSERGETMULTI, "TIOCSERGETMULTI"),
	IOC(TIOCSERSETMULTI, "TIOCSERSETMULTI"),
	IOC(TIOCMIWAIT, "TIOCMIWAIT"),
	IOC(TIOCGICOUNT, "TIOCGICOUNT"),
	IOC(FIOQSIZE, "FIOQSIZE"),
	IOC(VT_OPENQRY, "VT_OPENQRY"),
	IOC(VT_GETMODE, "VT_GETMODE"),
	IOC(VT_SETMODE, "VT_SETMODE"),
	IOC(VT_GETSTATE, "VBG_IOCTL_VMMDEV_REQUEST_BIG or VT_GETSTATE"),
	IOC(VT_ACTIVATE, "VT_ACTIVATE"),
	IOC(VT_WAITACTIVE, "VT_WAITACTIVE"),
	IOC(VT_DISALLOCATE, "VT_DISALLOCATE"),
	IOC(KDGETMODE, "KDGETMODE"),
	IOC(KDSETMODE, "KDSETMODE"),
	IOC(KDGKBTYPE, "KDGKBTYPE"),
	IOC(KDGKBMODE, "KDGKBMODE"),
	IOC(KDSKBMODE, "KDSKBMODE"),
	/* sockets */
	IOC(FIOSETOWN, "FIOSETOWN"),
	IOC(SIOCSPGRP, "SIOCSPGRP"),
	IOC(FIOGETOWN, "FIOGETOWN"),
	IOC(SIOCGPGRP, "SIOCGPGRP"),
	IOC(SIOCATMARK, "SIOCATMARK"),
	IOC(SIOCGSTAMP_OLD, "SIOCGSTAMP_OLD"),
	IOC(SIOCGSTAMPNS_OLD, "SIOCGSTAMPNS_OLD"),
	IOC(SIOCADDRT, "SIOCADDRT"),
	IOC(SIOCDELRT, "SIOCDELRT"),
	IOC(SIOCRTMSG, "SIOCRTMSG"),
	IOC(SIOCGIFNAME, "SIOCGIFNAME"),
	IOC(SIOCSIFLINK, "SIOCSIFLINK"),
	IOC(SIOCGIFCONF, "SIOCGIFCONF"),
	IOC(SIOCGIFFLAGS, "SIOCGIFFLAGS"),
	IOC(SIOCSIFFLAGS, "SIOCSIFFLAGS"),
	IOC(SIOCGIFADDR, "SIOCGIFADDR"),
	IOC(SIOCSIFADDR, "SIOCSIFADDR"),
	IOC(SIOCGIFDSTADDR, "SIOCGIFDSTADDR"),
	IOC(SIOCSIFDSTADDR, "SIOCSIFDSTADDR"),
	IOC(SIOCGIFBRDADDR, "SIOCGIFBRDADDR"),
	IOC(SIOCSIFBRDADDR, "SIOCSIFBRDADDR"),
	IOC(SIOCGIFNETMASK, "SIOCGIFNETMASK"),
	IOC(SIOCSIFNETMASK, "SIOCSIFNETMASK"),
	IOC(SIOCGIFMETRIC, "SIOCGIFMETRIC"),
	IOC(SIOCSIFMETRIC, "SIOCSIFMETRIC"),
	IOC(SIOCGIFMEM, "SIOCGIFMEM"),
	IOC(SIOCSIFMEM, "SIOCSIFMEM"),
	IOC(SIOCGIFMTU, "SIOCGIFMTU"),
	IOC(SIOCSIFMTU, "SIOCSIFMTU"),
	IOC(SIOCSIFNAME, "SIOCSIFNAME"),
	IOC(SIOCSIFHWADDR, "SIOCSIFHWADDR"),
	IOC(SIOCGIFENCAP, "SIOCGIFENCAP"),
	IOC(SIOCSIFENCAP, "SIOCSIFENCAP"),
	IOC(SIOCGIFHWADDR, "SIOCGIFHWADDR"),
	IOC(SIOCGIFSLAVE, "SIOCGIFSLAVE"),
	IOC(SIOCSIFSLAVE, "SIOCSIFSLAVE"),
	IOC(SIOCADDMULTI, "SIOCADDMULTI"),
	IOC(SIOCDELMULTI, "SIOCDELMULTI"),
	IOC(SIOCGIFINDEX, "SIOCGIFINDEX"),
	IOC(SIOCSIFPFLAGS, "SIOCSIFPFLAGS"),
	IOC(SIOCGIFPFLAGS, "SIOCGIFPFLAGS"),
	IOC(SIOCDIFADDR, "SIOCDIFADDR"),
	IOC(SIOCSIFHWBROADCAST, "SIOCSIFHWBROADCAST"),
	IOC(SIOCGIFCOUNT, "SIOCGIFCOUNT"),
	IOC(SIOCGIFBR, "SIOCGIFBR"),
	IOC(SIOCSIFBR, "SIOCSIFBR"),
	IOC(SIOCGIFTXQLEN, "SIOCGIFTXQLEN"),
	IOC(SIOCSIFTXQLEN, "SIOCSIFTXQLEN"),
	IOC(SIOCETHTOOL, "SIOCETHTOOL"),
	IOC(SIOCGMIIPHY, "SIOCGMIIPHY"),
	IOC(SIOCGMIIREG, "SIOCGMIIREG"),
	IOC(SIOCSMIIREG, "SIOCSMIIREG"),
	IOC(SIOCWANDEV, "SIOCWANDEV"),
	IOC(SIOCOUTQNSD, "SIOCOUTQNSD"),
#ifdef SIOCGSKNS
	IOC(SIOCGSKNS, "SIOCGSKNS"),
#endif
	IOC(SIOCDARP, "SIOCDARP"),
	IOC(SIOCGARP, "SIOCGARP"),
	IOC(SIOCSARP, "SIOCSARP"),
	IOC(SIOCDRARP, "SIOCDRARP"),
	IOC(SIOCGRARP, "SIOCGRARP"),
	IOC(SIOCSRARP, "SIOCSRARP"),
	IOC(SIOCGIFMAP, "SIOCGIFMAP"),
	IOC(SIOCSIFMAP, "SIOCSIFMAP"),
	IOC(SIOCADDDLCI, "SIOCADDDLCI"),
	IOC(SIOCDELDLCI, "SIOCDELDLCI"),
	IOC(SIOCGIFVLAN, "SIOCGIFVLAN"),
	IOC(SIOCSIFVLAN, "SIOCSIFVLAN"),
	IOC(SIOCBONDENSLAVE, "SIOCBONDENSLAVE"),
	IOC(SIOCBONDRELEASE, "SIOCBONDRELEASE"),
	IOC(SIOCBONDSETHWADDR, "SIOCBONDSETHWADDR"),
	IOC(SIOCBONDSLAVEINFOQUERY, "SIOCBONDSLAVEINFOQUERY"),
	IOC(SIOCBONDINFOQUERY, "SIOCBONDINFOQUERY"),
	IOC(SIOCBONDCHANGEACTIVE, "SIOCBONDCHANGEACTIVE"),
	IOC(SIOCBRADDBR, "SIOCBRADDBR"),
	IOC(SIOCBRDELBR, "SIOCBRDELBR"),
	IOC(SIOCBRADDIF, "SIOCBRADDIF"),
	IOC(SIOCBRDELIF, "SIOCBRDELIF"),
	IOC(SIOCSHWTSTAMP, "SIOCSHWTSTAMP"),
	IOC(SIOCGHWTSTAMP, "SIOCGHWTSTAMP"),
	IOC(TUNSETIFF, "TUNSETIFF"),
	IOC(TUNGETIFF, "TUNGETIFF"),
	IOC(TUNSETPERSIST, "TUNSETPERSIST"),
	IOC(TUNSETOWNER, "TUNSETOWNER"),
	IOC(TUNSETGROUP, "TUNSETGROUP"),
	IOC(TUNGETFEATURES, "TUNGETFEATURES"),
	IOC(TUNSETOFFLOAD, "TUNSETOFFLOAD"),
	IOC(TUNSETVNETHDRSZ, "TUNSETVNETHDRSZ"),
	/* block devices and file systems */
	IOC(BLKROSET, "BLKROSET"),
	IOC(BLKROGET, "BLKROGET"),
	IOC(BLKRRPART, "BLKRRPART"),
	IOC(BLKGETSIZE, "BLKGETSIZE"),
	IOC(BLKFLSBUF, "BLKFLSBUF"),
	IOC(BLKRASET, "BLKRASET"),
	IOC(BLKRAGET, "BLKRAGET"),
	IOC(BLKFRASET, "BLKFRASET"),
	IOC(BLKFRAGET, "BLKFRAGET"),
	IOC(BLKSECTSET, "BLKSECTSET"),
	IOC(BLKSECTGET, "BLKSECTGET"),
	IOC(BLKSSZGET, "BLKSSZGET"),
	IOC(BLKBSZGET, "BLKBSZGET"),
	IOC(BLKBSZSET, "BLKBSZSET"),
	IOC(BLKGETSIZE64, "BLKGETSIZE64"),
	IOC(_IOWR(0x12, 115, char[64]), "BLKTRACESETUP"),
	IOC(BLKTRACESTART, "BLKTRACESTART"),
	IOC(BLKTRACESTOP, "BLKTRACESTOP"),
	IOC(BLKTRACETEARDOWN, "BLKTRACETEARDOWN"),
	IOC(BLKDISCARD, "BLKDISCARD"),
	IOC(BLKIOMIN, "BLKIOMIN"),
	IOC(BLKIOOPT, "BLKIOOPT"),
	IOC(BLKALIGNOFF, "BLKALIGNOFF"),
	IOC(BLKPBSZGET, "BLKPBSZGET"),
	IOC(BLKDISCARDZEROES, "BLKDISCARDZEROES"),
	IOC(BLKSECDISCARD, "BLKSECDISCARD"),
	IOC(BLKROTATIONAL, "BLKROTATIONAL"),
	IOC(BLKZEROOUT, "BLKZEROOUT"),
#ifdef BLKGETDISKSEQ
	IOC(BLKGETDISKSEQ, "BLKGETDISKSEQ"),
#endif
	IOC(FIBMAP, "FIBMAP"),
	IOC(FIGETBSZ, "FIGETBSZ"),
	IOC(FIFREEZE, "FIFREEZE"),
	IOC(FITHAW, "FITHAW"),
	IOC(FITRIM, "FITRIM"),
#ifdef FICLONE
	IOC(FICLONE, "BTRFS_IOC_CLONE or FICLONE"),
	IOC(FICLONERANGE, "BTRFS_IOC_CLONE_RANGE or FICLONERANGE"),
	IOC(FIDEDUPERANGE, "BTRFS_IOC_FILE_EXTENT_SAME or FIDEDUPERANGE"),
#endif
	IOC(FS_IOC_GETFLAGS, "FS_IOC_GETFLAGS"),
	IOC(FS_IOC_SETFLAGS, "FS_IOC_SETFLAGS"),
	IOC(FS_IOC_GETVERSION, "FS_IOC_GETVERSION"),
	IOC(FS_IOC_SETVERSION, "FS_IOC_SETVERSION"),
	IOC(FS_IOC_FIEMAP, "FS_IOC_FIEMAP"),
	IOC(FS_IOC32_GETFLAGS, "FS_IOC32_GETFLAGS"),
	IOC(FS_IOC32_SETFLAGS, "FS_IOC32_SETFLAGS"),
	IOC(FS_IOC32_GETVERSION, "FS_IOC32_GETVERSION"),
	IOC(FS_IOC32_SETVERSION, "FS_IOC32_SETVERSION"),
	IOC(FS_IOC_FSGETXATTR, "FS_IOC_FSGETXATTR"),
	IOC(FS_IOC_FSSETXATTR, "FS_IOC_FSSETXATTR"),
#ifdef FS_IOC_GETFSLABEL
	IOC(FS_IOC_GETFSLABEL, "FS_IOC_GETFSLABEL"),
	IOC(FS_IOC_SETFSLABEL, "FS_IOC_SETFSLABEL"),
#endif
	IOC(LOOP_SET_FD, "LOOP_SET_FD"),
	IOC(LOOP_CLR_FD, "LOOP_CLR_FD"),
	IOC(LOOP_SET_STATUS, "LOOP_SET_STATUS"),
	IOC(LOOP_GET_STATUS, "LOOP_GET_STATUS"),
	IOC(LOOP_SET_STATUS64, "LOOP_SET_STATUS64"),
	IOC(LOOP_GET_STATUS64, "LOOP_GET_STATUS64"),
	IOC(LOOP_CHANGE_FD, "LOOP_CHANGE_FD"),
	IOC(LOOP_SET_CAPACITY, "LOOP_SET_CAPACITY"),
	IOC(LOOP_SET_DIRECT_IO, "LOOP_SET_DIRECT_IO"),
	IOC(LOOP_SET_BLOCK_SIZE, "LOOP_SET_BLOCK_SIZE"),
#ifdef LOOP_CONFIGURE
	IOC(LOOP_CONFIGURE, "LOOP_CONFIGURE"),
#endif
	IOC(LOOP_CTL_ADD, "LOOP_CTL_ADD"),
	IOC(LOOP_CTL_REMOVE, "LOOP_CTL_REMOVE"),
	IOC(LOOP_CTL_GET_FREE, "LOOP_CTL_GET_FREE"),
	/* misc */
	IOC(RNDGETENTCNT, "RNDGETENTCNT"),
	IOC(RNDADDTOENTCNT, "RNDADDTOENTCNT"),
	IOC(RNDGETPOOL, "RNDGETPOOL"),
	IOC(RNDADDENTROPY, "RNDADDENTROPY"),
	IOC(RNDZAPENTCNT, "FASTRPC_IOCTL_INIT_ATTACH or RNDZAPENTCNT"),
	IOC(RNDCLEARPOOL, "RNDCLEARPOOL"),
#ifdef RNDRESEEDCRNG
	IOC(RNDRESEEDCRNG, "RNDRESEEDCRNG"),
#endif
	IOC(NS_GET_USERNS, "NS_GET_USERNS"),
	IOC(NS_GET_PARENT, "NS_GET_PARENT"),
#ifdef NS_GET_NSTYPE
	IOC(NS_GET_NSTYPE, "NS_GET_NSTYPE"),
	IOC(NS_GET_OWNER_UID, "NS_GET_OWNER_UID"),
#endif
	IOC(PERF_EVENT_IOC_ENABLE, "PERF_EVENT_IOC_ENABLE"),
	IOC(PERF_EVENT_IOC_DISABLE, "PERF_EVENT_IOC_DISABLE"),
	IOC(PERF_EVENT_IOC_REFRESH, "PERF_EVENT_IOC_REFRESH"),
	IOC(PERF_EVENT_IOC_RESET, "PERF_EVENT_IOC_RESET"),
	IOC(PERF_EVENT_IOC_PERIOD, "PERF_EVENT_IOC_PERIOD"),
	IOC(PERF_EVENT_IOC_SET_OUTPUT, "PERF_EVENT_IOC_SET_OUTPUT"),
	IOC(PERF_EVENT_IOC_SET_FILTER, "PERF_EVENT_IOC_SET_FILTER"),
	IOC(PERF_EVENT_IOC_ID, "PERF_EVENT_IOC_ID"),
	IOC(PERF_EVENT_IOC_SET_BPF, "PERF_EVENT_IOC_SET_BPF"),
	IOC(PERF_EVENT_IOC_PAUSE_OUTPUT, "PERF_EVENT_IOC_PAUSE_OUTPUT"),
#ifdef SECCOMP_IOCTL_NOTIF_RECV
	IOC(SECCOMP_IOCTL_NOTIF_RECV, "SECCOMP_IOCTL_NOTIF_RECV"),
	IOC(SECCOMP_IOCTL_NOTIF_SEND, "SECCOMP_IOCTL_NOTIF_SEND"),
	IOC(SECCOMP_IOCTL_NOTIF_ID_VALID, "SECCOMP_IOCTL_NOTIF_ID_VALID"),
#endif
#ifdef SECCOMP_IOCTL_NOTIF_ADDFD
	IOC(SECCOMP_IOCTL_NOTIF_ADDFD, "SECCOMP_IOCTL_NOTIF_ADDFD"),
#endif
	IOC(UFFDIO_API, "UFFDIO_API"),
	IOC(UFFDIO_REGISTER, "UFFDIO_REGISTER"),
	IOC(UFFDIO_UNREGISTER, "UFFDIO_UNREGISTER"),
	IOC(UFFDIO_COPY, "UFFDIO_COPY"),
	IOC(UFFDIO_ZEROPAGE, "UFFDIO_ZEROPAGE"),
	IOC(UFFDIO_WAKE, "UFFDIO_WAKE"),
	XLAT_END
};
#undef IOC

/* ---- security and IPC ---------------------------------------------------- */

const struct xlat xlat_bpf_cmd[] = {
	X(BPF_MAP_CREATE), X(BPF_MAP_LOOKUP_ELEM), X(BPF_MAP_UPDATE_ELEM),
	X(BPF_MAP_DELETE_ELEM), X(BPF_MAP_GET_NEXT_KEY), X(BPF_PROG_LOAD),
	X(BPF_OBJ_PIN), X(BPF_OBJ_GET), X(BPF_PROG_ATTACH), X(BPF_PROG_DETACH),
	X(BPF_PROG_TEST_RUN), X(BPF_PROG_GET_NEXT_ID), X(BPF_MAP_GET_NEXT_ID),
	X(BPF_PROG_GET_FD_BY_ID), X(BPF_MAP_GET_FD_BY_ID),
	X(BPF_OBJ_GET_INFO_BY_FD), X(BPF_PROG_QUERY),
	X(BPF_RAW_TRACEPOINT_OPEN), X(BPF_BTF_LOAD), X(BPF_BTF_GET_FD_BY_ID),
	X(BPF_TASK_FD_QUERY), X(BPF_MAP_LOOKUP_AND_DELETE_ELEM),
	X(BPF_MAP_FREEZE), X(BPF_BTF_GET_NEXT_ID), X(BPF_MAP_LOOKUP_BATCH),
	X(BPF_MAP_LOOKUP_AND_DELETE_BATCH), X(BPF_MAP_UPDATE_BATCH),
	X(BPF_MAP_DELETE_BATCH), X(BPF_LINK_CREATE), X(BPF_LINK_UPDATE),
	X(BPF_LINK_GET_FD_BY_ID), X(BPF_LINK_GET_NEXT_ID), X(BPF_ENABLE_STATS),
	X(BPF_ITER_CREATE), X(BPF_LINK_DETACH), X(BPF_PROG_BIND_MAP),
	XLAT_END
};

const struct xlat xlat_seccomp_op[] = {
	X(SECCOMP_SET_MODE_STRICT), X(SECCOMP_SET_MODE_FILTER),
	X(SECCOMP_GET_ACTION_AVAIL), X(SECCOMP_GET_NOTIF_SIZES),
	XLAT_END
};

const struct xlat xlat_keyctl_cmd[] = {
	X(KEYCTL_GET_KEYRING_ID), X(KEYCTL_JOIN_SESSION_KEYRING),
	X(KEYCTL_UPDATE), X(KEYCTL_REVOKE), X(KEYCTL_CHOWN), X(KEYCTL_SETPERM),
	X(KEYCTL_DESCRIBE), X(KEYCTL_CLEAR), X(KEYCTL_LINK), X(KEYCTL_UNLINK),
	X(KEYCTL_SEARCH), X(KEYCTL_READ), X(KEYCTL_INSTANTIATE),
	X(KEYCTL_NEGATE), X(KEYCTL_SET_REQKEY_KEYRING), X(KEYCTL_SET_TIMEOUT),
	X(KEYCTL_ASSUME_AUTHORITY), X(KEYCTL_GET_SECURITY),
	X(KEYCTL_SESSION_TO_PARENT), X(KEYCTL_REJECT),
	X(KEYCTL_INSTANTIATE_IOV), X(KEYCTL_INVALIDATE),
	X(KEYCTL_GET_PERSISTENT), X(KEYCTL_DH_COMPUTE), X(KEYCTL_PKEY_QUERY),
	X(KEYCTL_PKEY_ENCRYPT), X(KEYCTL_PKEY_DECRYPT), X(KEYCTL_PKEY_SIGN),
	X(KEYCTL_PKEY_VERIFY), X(KEYCTL_RESTRICT_KEYRING), X(KEYCTL_MOVE),
	X(KEYCTL_CAPABILITIES), XN(32, "KEYCTL_WATCH_KEY"),
	XLAT_END
};

/* shmget's flags; the permission bits are printed apart, in octal. */
const struct xlat xlat_ipc_flags[] = {
	X(IPC_CREAT), X(IPC_EXCL), X(SHM_HUGETLB), X(SHM_NORESERVE),
	XLAT_END
};

/* shmctl's commands (IPC_64 is handled by the decoder). */
const struct xlat xlat_ipc_cmd[] = {
	X(IPC_RMID), X(IPC_SET), X(IPC_STAT), X(IPC_INFO), X(SHM_LOCK),
	X(SHM_UNLOCK), X(SHM_STAT), X(SHM_INFO), X(SHM_STAT_ANY),
	XLAT_END
};

const struct xlat xlat_shmat_flags[] = {
	X(SHM_RDONLY), X(SHM_RND), X(SHM_REMAP), X(SHM_EXEC),
	XLAT_END
};

const struct xlat xlat_epoll_op[] = {
	X(EPOLL_CTL_ADD), X(EPOLL_CTL_DEL), X(EPOLL_CTL_MOD),
	XLAT_END
};
