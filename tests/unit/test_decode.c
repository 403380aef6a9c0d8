/* test_decode.c - argument, return value and siginfo decoders
 *
 * The decoders read "tracee" memory with process_vm_readv, which works
 * on our own pid too: arguments point at this test's buffers. Expected
 * strings are what strace 6.1 prints for the same values.
 */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <time.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/utsname.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <linux/futex.h>
#include <linux/sched.h>
#include <linux/netlink.h>

#include "decode.h"
#include "secret.h"
#include "xlat.h"

#define P(x) ((uint64_t)(uintptr_t)(x))

static struct decode_opts opts;
static uint64_t args[SYSENT_MAX_ARGS];
static struct decode_ctx dc;
static struct sbuf sb;

static void setup(void)
{
	sb_init(&sb);
	memset(args, 0, sizeof(args));
	opts.max_strlen = 32;
	opts.fd_paths = false;
	dc = (struct decode_ctx){
		.pid = getpid(), .abi = ABI_X86_64, .args = args, .opts = &opts,
	};
}

static void teardown(void)
{
	sb_release(&sb);
}

/* Decode argument IDX of kind K. */
static const char *dec(enum argkind k, unsigned idx)
{
	sb_reset(&sb);
	decode_arg(&sb, &dc, k, idx);
	return sb.p;
}

/* Decode a kind whose only argument is V. */
static const char *dec1(enum argkind k, uint64_t v)
{
	args[0] = v;
	return dec(k, 0);
}

static void exiting(int64_t rval)
{
	dc.exiting = true;
	dc.failed = rval < 0 && rval > -4096;
	dc.rval = rval;
}

static const char *ret(enum retkind k, int64_t rval)
{
	exiting(rval);
	sb_reset(&sb);
	decode_ret(&sb, &dc, k);
	return sb.p;
}

static char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
static char *fmt(const char *f, ...)
{
	static char buf[8][512];
	static unsigned n;
	char *b = buf[n++ % 8];
	va_list ap;
	va_start(ap, f);
	vsnprintf(b, sizeof(buf[0]), f, ap);
	va_end(ap);
	return b;
}

/* An address nothing is mapped at. */
static uint64_t hole(void)
{
	static char *p;
	if (!p) {
		p = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		ck_assert_ptr_ne(p, MAP_FAILED);
		munmap(p, 4096);
	}
	return P(p);
}

/* The kernel's x86-64 struct sigaction. */
struct ksa {
	uint64_t handler, flags, restorer, mask;
};

#define SIGBIT(s) (1ULL << ((s) - 1))

/* ---- one representative value per kind ------------------------------------- */

struct kcase {
	enum argkind k;
	uint64_t a[SYSENT_MAX_ARGS];
	unsigned idx;
	bool exit;
	int64_t rval;
	const char *want;
};

START_TEST(test_every_kind)
{
	static char path[] = "/etc/hostname";
	static char str[] = "hello";
	static char wbuf[] = "hi\n";
	static char rbuf[] = "abc";
	static char *argv[] = { "ls", "-l", NULL };
	static char *envp[] = { "A=1", "SECRET=2", NULL };
	static struct iovec iov[2] = { { "hello", 5 }, { "x\n", 2 } };
	static char b1[4] = "abcd", b2[2] = "ef";
	static struct iovec riov[2] = { { b1, 4 }, { b2, 2 } };
	static struct timespec ts = { 1, 500000000 };
	static struct sockaddr_in sin;
	static struct sockaddr_un sun = { .sun_family = AF_UNIX, .sun_path = "/x" };
	static socklen_t sunlen = offsetof(struct sockaddr_un, sun_path) + 3;
	static socklen_t slen = 16;
	static int pfd[2] = { 3, 4 };
	static int wstatus;
	static uint64_t sigmask = SIGBIT(SIGINT) | SIGBIT(SIGTERM);
	static struct ksa sa = { 0, 0x04000000 | SA_RESTART, 0x7f0000001000, 0 };
	static uint64_t rl[2] = { 1024, UINT64_MAX };
	static uint64_t ca[11];
	static unsigned char dents[3 * 24];
	static int one = 1;
	static struct utsname uts = { .sysname = "Linux", .nodename = "host\n" };
	static struct stat st;
	static struct {
		uint32_t mask, blksize;
		uint64_t attributes;
		uint32_t nlink, uid, gid;
		uint16_t mode, pad;
		uint64_t ino, size;
		unsigned char rest[256];
	} sx;

	sin.sin_family = AF_INET;
	sin.sin_port = htons(80);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	st.st_mode = S_IFREG | 0644;
	st.st_size = 1234;
	sx.mask = 0x17ff;
	sx.mode = S_IFREG | 0644;
	sx.size = 1234;
	ca[0] = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD |
		CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID |
		CLONE_CHILD_CLEARTID;
	ca[2] = ca[3] = 0x7f0000002990;	/* child_tid, parent_tid */
	ca[5] = 0x7f0000000000;		/* stack */
	ca[6] = 0x7fff80;		/* stack_size */
	ca[7] = 0x7f00000026c0;		/* tls */
	for (int i = 0; i < 3; i++)
		*(uint16_t *)(dents + i * 24 + 16) = 24;	/* d_reclen */

	const struct kcase cases[] = {
		{ A_INT, { (uint64_t)-5 }, 0, 0, 0, "-5" },
		{ A_UINT, { 0xffffffff }, 0, 0, 0, "4294967295" },
		{ A_LONG, { (uint64_t)-5 }, 0, 0, 0, "-5" },
		{ A_ULONG, { 131072 }, 0, 0, 0, "131072" },
		{ A_HEX, { 0x1f }, 0, 0, 0, "0x1f" },
		{ A_OCT, { 022 }, 0, 0, 0, "022" },
		{ A_PTR, { 0x7f0000001000 }, 0, 0, 0, "0x7f0000001000" },
		{ A_UID, { (uint32_t)-1 }, 0, 0, 0, "-1" },
		{ A_GID, { 1000 }, 0, 0, 0, "1000" },
		{ A_PID, { (uint64_t)-1 }, 0, 0, 0, "-1" },
		{ A_DEV, { makedev(1, 3) }, 0, 0, 0, "makedev(0x1, 0x3)" },
		{ A_FD, { 3 }, 0, 0, 0, "3" },
		{ A_DIRFD, { (uint64_t)AT_FDCWD }, 0, 0, 0, "AT_FDCWD" },
		{ A_PATH, { P(path) }, 0, 0, 0, "\"/etc/hostname\"" },
		{ A_STR, { P(str) }, 0, 0, 0, "\"hello\"" },
		{ A_BUF_IN, { P(wbuf), 3 }, 0, 0, 0, "\"hi\\n\"" },
		{ A_BUF_OUT, { P(rbuf), 64 }, 0, 1, 3, "\"abc\"" },
		{ A_IOVEC_IN, { P(iov), 2 }, 0, 0, 0,
		  "[{iov_base=\"hello\", iov_len=5}, {iov_base=\"x\\n\", iov_len=2}]" },
		{ A_IOVEC_OUT, { P(riov), 2 }, 0, 1, 5,
		  "[{iov_base=\"abcd\", iov_len=4}, {iov_base=\"e\", iov_len=2}]" },
		{ A_ARGV, { P(argv) }, 0, 0, 0, "[\"ls\", \"-l\"]" },
		{ A_ENVP, { P(envp) }, 0, 0, 0, fmt("%p /* 2 vars */", (void *)envp) },
		{ A_STAT_OUT, { P(&st) }, 0, 1, 0,
		  "{st_mode=S_IFREG|0644, st_size=1234, ...}" },
		{ A_STATX_OUT, { P(&sx) }, 0, 1, 0,
		  "{stx_mask=STATX_BASIC_STATS|STATX_MNT_ID, stx_attributes=0, "
		  "stx_mode=S_IFREG|0644, stx_size=1234, ...}" },
		{ A_TIMESPEC, { P(&ts) }, 0, 0, 0, "{tv_sec=1, tv_nsec=500000000}" },
		{ A_TIMESPEC_OUT, { P(&ts) }, 0, 1, 0,
		  "{tv_sec=1, tv_nsec=500000000}" },
		{ A_SOCKADDR, { P(&sin), sizeof(sin) }, 0, 0, 0,
		  "{sa_family=AF_INET, sin_port=htons(80), "
		  "sin_addr=inet_addr(\"127.0.0.1\")}" },
		{ A_SOCKADDR_OUT, { P(&sun), P(&sunlen) }, 0, 1, 0,
		  "{sa_family=AF_UNIX, sun_path=\"/x\"}" },
		{ A_SOCKLEN_OUT, { P(&slen) }, 0, 1, 0, "[16]" },
		{ A_PIPEFDS_OUT, { P(pfd) }, 0, 1, 0, "[3, 4]" },
		{ A_WAIT_STATUS_OUT, { P(&wstatus) }, 0, 1, 123,
		  "[{WIFEXITED(s) && WEXITSTATUS(s) == 0}]" },
		{ A_SIGSET, { P(&sigmask) }, 0, 0, 0, "[INT TERM]" },
		{ A_SIGSET_OUT, { P(&sigmask) }, 0, 1, 0, "[INT TERM]" },
		{ A_SIGACTION, { P(&sa) }, 0, 0, 0,
		  "{sa_handler=SIG_DFL, sa_mask=[], sa_flags=SA_RESTORER|SA_RESTART, "
		  "sa_restorer=0x7f0000001000}" },
		{ A_SIGACTION_OUT, { P(&sa) }, 0, 1, 0,
		  "{sa_handler=SIG_DFL, sa_mask=[], sa_flags=SA_RESTORER|SA_RESTART, "
		  "sa_restorer=0x7f0000001000}" },
		{ A_RLIMIT, { P(rl) }, 0, 0, 0,
		  "{rlim_cur=1024, rlim_max=RLIM64_INFINITY}" },
		{ A_RLIMIT_OUT, { P(rl) }, 0, 1, 0,
		  "{rlim_cur=1024, rlim_max=RLIM64_INFINITY}" },
		{ A_CLONE3_ARGS, { P(ca), 88 }, 0, 0, 0,
		  "{flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|"
		  "CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|"
		  "CLONE_CHILD_CLEARTID, child_tid=0x7f0000002990, "
		  "parent_tid=0x7f0000002990, exit_signal=0, stack=0x7f0000000000, "
		  "stack_size=0x7fff80, tls=0x7f00000026c0}" },
		{ A_DIRENTS_OUT, { P(dents) }, 0, 1, sizeof(dents),
		  fmt("%p /* 3 entries */", (void *)dents) },
		{ A_INT_PTR, { P(&one) }, 0, 0, 0, "[1]" },
		{ A_UTSNAME_OUT, { P(&uts) }, 0, 1, 0,
		  "{sysname=\"Linux\", nodename=\"host\\n\", ...}" },
		{ A_OPEN_FLAGS, { O_RDONLY | O_CLOEXEC }, 0, 0, 0, "O_RDONLY|O_CLOEXEC" },
		{ A_FD_FLAGS, { O_CLOEXEC }, 0, 0, 0, "O_CLOEXEC" },
		{ A_MODE, { 0644 }, 0, 0, 0, "0644" },
		{ A_AT_FLAGS, { AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH }, 0, 0, 0,
		  "AT_SYMLINK_NOFOLLOW|AT_EMPTY_PATH" },
		{ A_ACCESS_MODE, { R_OK | W_OK }, 0, 0, 0, "R_OK|W_OK" },
		{ A_PROT, { PROT_READ | PROT_WRITE }, 0, 0, 0, "PROT_READ|PROT_WRITE" },
		{ A_MAP_FLAGS, { MAP_PRIVATE | MAP_ANONYMOUS }, 0, 0, 0,
		  "MAP_PRIVATE|MAP_ANONYMOUS" },
		{ A_MADV, { MADV_DONTNEED }, 0, 0, 0, "MADV_DONTNEED" },
		{ A_MREMAP_FLAGS, { MREMAP_MAYMOVE }, 0, 0, 0, "MREMAP_MAYMOVE" },
		{ A_MSYNC_FLAGS, { MS_SYNC }, 0, 0, 0, "MS_SYNC" },
		{ A_MLOCK_FLAGS, { MLOCK_ONFAULT }, 0, 0, 0, "MLOCK_ONFAULT" },
		{ A_MLOCKALL_FLAGS, { MCL_CURRENT | MCL_FUTURE }, 0, 0, 0,
		  "MCL_CURRENT|MCL_FUTURE" },
		{ A_MEMFD_FLAGS, { MFD_CLOEXEC | MFD_ALLOW_SEALING }, 0, 0, 0,
		  "MFD_CLOEXEC|MFD_ALLOW_SEALING" },
		{ A_CLONE_FLAGS,
		  { CLONE_CHILD_CLEARTID | CLONE_CHILD_SETTID | SIGCHLD }, 0, 0, 0,
		  "CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD" },
		{ A_UNSHARE_FLAGS, { CLONE_NEWNS | CLONE_NEWUSER }, 0, 0, 0,
		  "CLONE_NEWNS|CLONE_NEWUSER" },
		{ A_SOCK_FAMILY, { AF_INET }, 0, 0, 0, "AF_INET" },
		{ A_SOCK_TYPE, { SOCK_STREAM | SOCK_CLOEXEC }, 0, 0, 0,
		  "SOCK_STREAM|SOCK_CLOEXEC" },
		{ A_SOCK_PROTO, { AF_INET, SOCK_STREAM, IPPROTO_TCP }, 2, 0, 0,
		  "IPPROTO_TCP" },
		{ A_MSG_FLAGS, { MSG_DONTWAIT | MSG_NOSIGNAL }, 0, 0, 0,
		  "MSG_DONTWAIT|MSG_NOSIGNAL" },
		{ A_SHUT_HOW, { SHUT_RDWR }, 0, 0, 0, "SHUT_RDWR" },
		{ A_SOCKOPT_LEVEL, { SOL_SOCKET }, 0, 0, 0, "SOL_SOCKET" },
		{ A_SOCKOPT_NAME, { 3, SOL_SOCKET, SO_REUSEADDR }, 2, 0, 0,
		  "SO_REUSEADDR" },
		{ A_SIGNAL, { SIGTERM }, 0, 0, 0, "SIGTERM" },
		{ A_SIGHOW, { SIG_BLOCK }, 0, 0, 0, "SIG_BLOCK" },
		{ A_WAIT_OPTIONS, { WNOHANG | __WALL }, 0, 0, 0, "WNOHANG|__WALL" },
		{ A_WHENCE, { SEEK_SET }, 0, 0, 0, "SEEK_SET" },
		{ A_FCNTL_CMD, { F_GETFL }, 0, 0, 0, "F_GETFL" },
		{ A_FCNTL_ARG, { 3, F_SETFD, FD_CLOEXEC }, 2, 0, 0, "FD_CLOEXEC" },
		{ A_IOCTL_REQ, { TCGETS }, 0, 0, 0, "TCGETS" },
		{ A_RLIMIT_RES, { RLIMIT_NOFILE }, 0, 0, 0, "RLIMIT_NOFILE" },
		{ A_PRCTL_OPT, { 15 /* PR_SET_NAME */ }, 0, 0, 0, "PR_SET_NAME" },
		{ A_ARCH_PRCTL_CODE, { 0x1002 }, 0, 0, 0, "ARCH_SET_FS" },
		{ A_PTRACE_REQ, { 0 }, 0, 0, 0, "PTRACE_TRACEME" },
		{ A_FUTEX_OP, { FUTEX_WAIT_PRIVATE }, 0, 0, 0, "FUTEX_WAIT_PRIVATE" },
		{ A_RENAME_FLAGS, { 1 }, 0, 0, 0, "RENAME_NOREPLACE" },
		{ A_MOUNT_FLAGS, { MS_RDONLY | MS_BIND }, 0, 0, 0, "MS_RDONLY|MS_BIND" },
		{ A_UMOUNT_FLAGS, { MNT_DETACH }, 0, 0, 0, "MNT_DETACH" },
		{ A_GRND_FLAGS, { 1 }, 0, 0, 0, "GRND_NONBLOCK" },
		{ A_EPOLL_OP, { 1 }, 0, 0, 0, "EPOLL_CTL_ADD" },
		{ A_CLOCKID, { CLOCK_MONOTONIC }, 0, 0, 0, "CLOCK_MONOTONIC" },
		{ A_PERSONALITY, { 0x40000 }, 0, 0, 0, "PER_LINUX|ADDR_NO_RANDOMIZE" },
		{ A_BPF_CMD, { 5 }, 0, 0, 0, "BPF_PROG_LOAD" },
		{ A_SECCOMP_OP, { 1 }, 0, 0, 0, "SECCOMP_SET_MODE_FILTER" },
		{ A_KEYCTL_CMD, { 1 }, 0, 0, 0, "KEYCTL_JOIN_SESSION_KEYRING" },
		{ A_IPC_FLAGS, { 01000 | 02000 | 0600 }, 0, 0, 0,
		  "IPC_CREAT|IPC_EXCL|0600" },
		{ A_IPC_CMD, { 0 }, 0, 0, 0, "IPC_RMID" },
		{ A_SHMAT_FLAGS, { 010000 }, 0, 0, 0, "SHM_RDONLY" },
		{ A_XATTR_FLAGS, { 1 }, 0, 0, 0, "XATTR_CREATE" },
		{ A_INOTIFY_MASK, { 0x2 | 0x100 }, 0, 0, 0, "IN_MODIFY|IN_CREATE" },
		{ A_TIMER_FLAGS, { 1 }, 0, 0, 0, "TIMER_ABSTIME" },
	};
	bool seen[A_KIND_COUNT] = { false };

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct kcase *c = &cases[i];
		memcpy(args, c->a, sizeof(args));
		dc.exiting = c->exit;
		dc.failed = false;
		dc.rval = c->rval;
		ck_assert_msg(!strcmp(dec(c->k, c->idx), c->want),
			      "kind %s: got '%s', want '%s'", argkind_name(c->k),
			      sb.p, c->want);
		seen[c->k] = true;
	}
	for (int k = A_INT; k < A_KIND_COUNT; k++)
		ck_assert_msg(seen[k], "kind %d (%s) has no case", k,
			      argkind_name(k));
}
END_TEST

START_TEST(test_kind_table)
{
	for (int k = A_INT; k < A_KIND_COUNT; k++) {
		ck_assert_msg(argkind_valid(k), "kind %d has no decoder", k);
		ck_assert_str_ne(argkind_name(k), "?");
		for (int j = A_INT; j < k; j++)
			ck_assert_str_ne(argkind_name(j), argkind_name(k));
	}
	ck_assert(!argkind_valid(A_NONE));
	ck_assert_str_eq(dec1(A_NONE, 0x1234), "0x1234");	/* raw, never lost */
	ck_assert(!argkind_valid(A_KIND_COUNT));
	ck_assert_str_eq(argkind_name(A_FD), "fd");
	ck_assert_str_eq(argkind_name(A_PATH), "path");
	ck_assert(argkind_is_out(A_BUF_OUT));
	ck_assert(argkind_is_out(A_STAT_OUT));
	ck_assert(argkind_is_out(A_SOCKADDR_OUT));
	ck_assert(argkind_is_out(A_WAIT_STATUS_OUT));
	ck_assert(!argkind_is_out(A_BUF_IN));
	ck_assert(!argkind_is_out(A_PATH));
	ck_assert(!argkind_is_out(A_SIGACTION));
	ck_assert(argkind_abi_neutral(A_INT));
	ck_assert(argkind_abi_neutral(A_PATH));
	ck_assert(argkind_abi_neutral(A_SOCKADDR));
	ck_assert(!argkind_abi_neutral(A_STAT_OUT));
	ck_assert(!argkind_abi_neutral(A_TIMESPEC));
	ck_assert(!argkind_abi_neutral(A_SIGACTION));
	ck_assert(!argkind_abi_neutral(A_RLIMIT));
}
END_TEST

/* Out kinds show the address until the kernel has filled them, and
 * when the call failed. */
START_TEST(test_out_kinds_address)
{
	static char buf[64] = "data";
	for (int k = A_INT; k < A_KIND_COUNT; k++) {
		if (!argkind_is_out(k) || k == A_IOVEC_OUT || k == A_SOCKLEN_OUT)
			continue;
		memset(args, 0, sizeof(args));
		args[0] = P(buf);
		args[1] = P(buf);
		dc.exiting = false;
		ck_assert_str_eq(dec(k, 0), fmt("%p", (void *)buf));
		exiting(-EFAULT);
		ck_assert_str_eq(dec(k, 0), fmt("%p", (void *)buf));
		args[0] = 0;
		ck_assert_str_eq(dec(k, 0), "NULL");
	}
}
END_TEST

/* ---- strings and buffers ----------------------------------------------------- */

START_TEST(test_quote_all_bytes)
{
	static const char *const want[16] = {
		"\"\\0\\1\\2\\3\\4\\5\\6\\7\\10\\t\\n\\v\\f\\r\\16\\17\"",
		"\"\\20\\21\\22\\23\\24\\25\\26\\27\\30\\31\\32\\33\\34\\35\\36\\37\"",
		"\" !\\\"#$%&'()*+,-./\"",
		"\"0123456789:;<=>?\"",
		"\"@ABCDEFGHIJKLMNO\"",
		"\"PQRSTUVWXYZ[\\\\]^_\"",
		"\"`abcdefghijklmno\"",
		"\"pqrstuvwxyz{|}~\\177\"",
		"\"\\200\\201\\202\\203\\204\\205\\206\\207\\210\\211\\212\\213\\214\\215\\216\\217\"",
		"\"\\220\\221\\222\\223\\224\\225\\226\\227\\230\\231\\232\\233\\234\\235\\236\\237\"",
		"\"\\240\\241\\242\\243\\244\\245\\246\\247\\250\\251\\252\\253\\254\\255\\256\\257\"",
		"\"\\260\\261\\262\\263\\264\\265\\266\\267\\270\\271\\272\\273\\274\\275\\276\\277\"",
		"\"\\300\\301\\302\\303\\304\\305\\306\\307\\310\\311\\312\\313\\314\\315\\316\\317\"",
		"\"\\320\\321\\322\\323\\324\\325\\326\\327\\330\\331\\332\\333\\334\\335\\336\\337\"",
		"\"\\340\\341\\342\\343\\344\\345\\346\\347\\350\\351\\352\\353\\354\\355\\356\\357\"",
		"\"\\360\\361\\362\\363\\364\\365\\366\\367\\370\\371\\372\\373\\374\\375\\376\\377\"",
	};
	char bytes[256];
	for (int i = 0; i < 256; i++)
		bytes[i] = (char)i;
	for (int i = 0; i < 16; i++) {
		/* through the decoder, as write(2)'s buffer */
		args[0] = P(bytes + 16 * i);
		args[1] = 16;
		ck_assert_str_eq(dec(A_BUF_IN, 0), want[i]);
		sb_reset(&sb);
		decode_quote(&sb, bytes + 16 * i, 16, false);
		ck_assert_str_eq(sb.p, want[i]);
	}
}
END_TEST

START_TEST(test_quote_octal_digit_rule)
{
	/* A digit after an escape forces three octal digits, but only an
	 * octal digit: "\18" is unambiguous. */
	static const char in[] = "\1" "7\1" "8\0" "0\0" "a\033" "9";
	sb_reset(&sb);
	decode_quote(&sb, in, 10, false);
	ck_assert_str_eq(sb.p, "\"\\0017\\18\\0000\\0a\\339\"");
	sb_reset(&sb);
	decode_quote(&sb, "a\"b\\c?d'e", 9, true);
	ck_assert_str_eq(sb.p, "\"a\\\"b\\\\c?d'e\"...");
	sb_reset(&sb);
	decode_quote(&sb, "", 0, false);
	ck_assert_str_eq(sb.p, "\"\"");
}
END_TEST

START_TEST(test_strlen_limit)
{
	static const char s40[] = "0123456789012345678901234567890123456789";
	static const char s32[] = "01234567890123456789012345678901";
	static const char s33[] = "012345678901234567890123456789012";

	args[0] = P(s40);
	args[1] = 40;
	ck_assert_str_eq(dec(A_BUF_IN, 0), "\"01234567890123456789012345678901\"...");
	args[1] = 32;
	ck_assert_str_eq(dec(A_BUF_IN, 0), "\"01234567890123456789012345678901\"");
	args[1] = 33;
	ck_assert_str_eq(dec(A_BUF_IN, 0), "\"01234567890123456789012345678901\"...");

	ck_assert_str_eq(dec1(A_STR, P(s32)), "\"01234567890123456789012345678901\"");
	ck_assert_str_eq(dec1(A_STR, P(s33)), "\"01234567890123456789012345678901\"...");
	ck_assert_str_eq(dec1(A_STR, P("")), "\"\"");

	/* paths ignore -s */
	ck_assert_str_eq(dec1(A_PATH, P(s40)), fmt("\"%s\"", s40));

	opts.max_strlen = 3;
	ck_assert_str_eq(dec1(A_STR, P("abcd")), "\"abc\"...");
	ck_assert_str_eq(dec1(A_STR, P("abc")), "\"abc\"");
	ck_assert_str_eq(dec1(A_PATH, P("/nonexistent/abcdef")),
			 "\"/nonexistent/abcdef\"");
	opts.max_strlen = 0;
	ck_assert_str_eq(dec1(A_STR, P("ab")), "\"\"...");
	ck_assert_str_eq(dec1(A_STR, P("")), "\"\"");
	args[0] = P("abc");
	args[1] = 3;
	ck_assert_str_eq(dec(A_BUF_IN, 0), "\"\"...");
}
END_TEST

START_TEST(test_unreadable_pointers)
{
	ck_assert_str_eq(dec1(A_PATH, 1), "0x1");
	ck_assert_str_eq(dec1(A_PATH, 0), "NULL");
	ck_assert_str_eq(dec1(A_STR, hole()), fmt("%#llx", (unsigned long long)hole()));
	args[0] = 1;
	args[1] = 3;
	ck_assert_str_eq(dec(A_BUF_IN, 0), "0x1");
	args[0] = 0;
	ck_assert_str_eq(dec(A_BUF_IN, 0), "NULL");
	args[0] = 1;
	args[1] = 0;
	ck_assert_str_eq(dec(A_BUF_IN, 0), "\"\"");
	ck_assert_str_eq(dec1(A_SOCKADDR, 1), "0x1");
	ck_assert_str_eq(dec1(A_TIMESPEC, 1), "0x1");
	ck_assert_str_eq(dec1(A_SIGSET, 1), "0x1");
	ck_assert_str_eq(dec1(A_SIGACTION, 1), "0x1");
	ck_assert_str_eq(dec1(A_ARGV, 1), "0x1");
	ck_assert_str_eq(dec1(A_ENVP, 1), "0x1");
	ck_assert_str_eq(dec1(A_INT_PTR, 1), "0x1");
	ck_assert_str_eq(dec1(A_RLIMIT, 1), "0x1");
	args[1] = 88;
	ck_assert_str_eq(dec1(A_CLONE3_ARGS, 1), "0x1");
	exiting(0);
	ck_assert_str_eq(dec1(A_STAT_OUT, 1), "0x1");
	ck_assert_str_eq(dec1(A_PIPEFDS_OUT, 1), "0x1");
}
END_TEST

/* A string with no NUL before unmapped memory is shown as its address;
 * one that ends right at the edge is fine. */
START_TEST(test_string_at_page_end)
{
	char *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ck_assert_ptr_ne(p, MAP_FAILED);
	munmap(p + 4096, 4096);
	memset(p, 'a', 4096);

	ck_assert_str_eq(dec1(A_STR, P(p + 4086)), fmt("%p", (void *)(p + 4086)));
	ck_assert_str_eq(dec1(A_PATH, P(p + 4086)), fmt("%p", (void *)(p + 4086)));
	ck_assert_str_eq(dec1(A_STR, P(p + 4056)),
			 "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"...");
	args[0] = P(p + 4086);
	args[1] = 20;
	ck_assert_str_eq(dec(A_BUF_IN, 0), fmt("%p", (void *)(p + 4086)));
	args[1] = 5;
	ck_assert_str_eq(dec(A_BUF_IN, 0), "\"aaaaa\"");
	p[4095] = '\0';
	ck_assert_str_eq(dec1(A_STR, P(p + 4086)), "\"aaaaaaaaa\"");
	munmap(p, 4096);
}
END_TEST

START_TEST(test_buf_out)
{
	static char buf[64] = "vm\n";
	args[0] = P(buf);
	args[1] = 64;
	exiting(3);
	ck_assert_str_eq(dec(A_BUF_OUT, 0), "\"vm\\n\"");
	exiting(0);
	ck_assert_str_eq(dec(A_BUF_OUT, 0), "\"\"");
	exiting(-EBADF);
	ck_assert_str_eq(dec(A_BUF_OUT, 0), fmt("%p", (void *)buf));
	dc.exiting = false;
	ck_assert_str_eq(dec(A_BUF_OUT, 0), fmt("%p", (void *)buf));
}
END_TEST

/* ---- arrays ---------------------------------------------------------------- */

START_TEST(test_iovec)
{
	struct iovec many[40];
	for (int i = 0; i < 40; i++)
		many[i] = (struct iovec){ "ab", 2 };
	char *want = xmalloc(2048);
	strcpy(want, "[");
	for (int i = 0; i < 32; i++)
		strcat(want, "{iov_base=\"ab\", iov_len=2}, ");
	strcat(want, "...]");
	args[0] = P(many);
	args[1] = 40;
	ck_assert_str_eq(dec(A_IOVEC_IN, 0), want);
	free(want);

	struct iovec big[3] = {
		{ "0123456789012345678901234567890123456789", 40 }, { "x", 1 },
		{ (void *)1, 3 },
	};
	args[0] = P(big);
	args[1] = 3;
	ck_assert_str_eq(dec(A_IOVEC_IN, 0),
			 "[{iov_base=\"01234567890123456789012345678901\"..., iov_len=40}, "
			 "{iov_base=\"x\", iov_len=1}, {iov_base=0x1, iov_len=3}]");
	args[1] = 0;
	ck_assert_str_eq(dec(A_IOVEC_IN, 0), "[]");
	args[0] = 0;
	args[1] = 2;
	ck_assert_str_eq(dec(A_IOVEC_IN, 0), "NULL");
	args[0] = 1;
	ck_assert_str_eq(dec(A_IOVEC_IN, 0), "0x1");

	opts.max_strlen = 3;
	struct iovec five[5];
	for (int i = 0; i < 5; i++)
		five[i] = (struct iovec){ "abcdef", 6 };
	args[0] = P(five);
	args[1] = 5;
	ck_assert_str_eq(dec(A_IOVEC_IN, 0),
			 "[{iov_base=\"abc\"..., iov_len=6}, {iov_base=\"abc\"..., "
			 "iov_len=6}, {iov_base=\"abc\"..., iov_len=6}, ...]");
	opts.max_strlen = 0;
	ck_assert_str_eq(dec(A_IOVEC_IN, 0), "[...]");
}
END_TEST

/* readv: only the first rval bytes are data; after a failure the
 * bases are plain addresses. */
START_TEST(test_iovec_out)
{
	char b[3][8] = { "abcd", "ef", "" };
	struct iovec riov[3] = { { b[0], 4 }, { b[1], 4 }, { b[2], 4 } };
	args[0] = P(riov);
	args[1] = 3;
	exiting(6);
	ck_assert_str_eq(dec(A_IOVEC_OUT, 0),
			 "[{iov_base=\"abcd\", iov_len=4}, {iov_base=\"ef\", iov_len=4}, "
			 "{iov_base=\"\", iov_len=4}]");
	exiting(-EBADF);
	ck_assert_str_eq(dec(A_IOVEC_OUT, 0),
			 fmt("[{iov_base=%p, iov_len=4}, {iov_base=%p, iov_len=4}, "
			     "{iov_base=%p, iov_len=4}]", (void *)b[0], (void *)b[1],
			     (void *)b[2]));
	dc.exiting = false;
	ck_assert_str_eq(dec(A_IOVEC_OUT, 0), fmt("%p", (void *)riov));
}
END_TEST

START_TEST(test_argv)
{
	char *v1[] = { "/bin/true", "a\nb", "0123456789012345678901234567890123456789", NULL };
	ck_assert_str_eq(dec1(A_ARGV, P(v1)),
			 "[\"/bin/true\", \"a\\nb\", \"01234567890123456789012345678901\"...]");
	char *v40[40];
	for (int i = 0; i < 39; i++)
		v40[i] = "x";
	v40[39] = NULL;
	char *want = xmalloc(1024);
	strcpy(want, "[");
	for (int i = 0; i < 32; i++)
		strcat(want, "\"x\", ");
	strcat(want, "...]");
	ck_assert_str_eq(dec1(A_ARGV, P(v40)), want);
	free(want);
	char *v0[] = { NULL };
	ck_assert_str_eq(dec1(A_ARGV, P(v0)), "[]");
	ck_assert_str_eq(dec1(A_ARGV, 0), "NULL");
	char *bad[] = { "a", (char *)1, NULL };
	ck_assert_str_eq(dec1(A_ARGV, P(bad)), "[\"a\", 0x1]");
	opts.max_strlen = 3;
	char *v4[] = { "abcdef", "b", "c", "d", NULL };
	ck_assert_str_eq(dec1(A_ARGV, P(v4)), "[\"abc\"..., \"b\", \"c\", ...]");
	opts.max_strlen = 0;
	ck_assert_str_eq(dec1(A_ARGV, P(v4)), "[...]");
}
END_TEST

/* Environment strings may be secrets: only their number is shown. */
START_TEST(test_envp)
{
	char *e1[] = { "SECRET=hunter2", NULL };
	char *e0[] = { NULL };
	ck_assert_str_eq(dec1(A_ENVP, P(e1)), fmt("%p /* 1 var */", (void *)e1));
	ck_assert(strstr(sb.p, "hunter2") == NULL);
	ck_assert_str_eq(dec1(A_ENVP, P(e0)), fmt("%p /* 0 vars */", (void *)e0));
	ck_assert_str_eq(dec1(A_ENVP, 0), "NULL");
	char **big = xcalloc(1001, sizeof(char *));
	for (int i = 0; i < 1000; i++)
		big[i] = "X=1";
	ck_assert_str_eq(dec1(A_ENVP, P(big)), fmt("%p /* 1000 vars */", (void *)big));
	free(big);
}
END_TEST

/* ---- descriptors and -y ------------------------------------------------------ */

START_TEST(test_fd_paths)
{
	char cwd[PATH_MAX], link[64], target[PATH_MAX];
	int fd = open("/dev/null", O_RDONLY);
	ck_assert_int_ge(fd, 0);

	ck_assert_str_eq(dec1(A_FD, fd), fmt("%d", fd));
	opts.fd_paths = true;
	ck_assert_str_eq(dec1(A_FD, fd), fmt("%d</dev/null>", fd));
	ck_assert_str_eq(dec1(A_FD, (uint64_t)-1), "-1");
	ck_assert_str_eq(dec1(A_FD, 999999), "999999");
	ck_assert_ptr_nonnull(getcwd(cwd, sizeof(cwd)));
	ck_assert_str_eq(dec1(A_DIRFD, (uint64_t)AT_FDCWD), fmt("AT_FDCWD<%s>", cwd));
	ck_assert_str_eq(dec1(A_DIRFD, fd), fmt("%d</dev/null>", fd));
	ck_assert_str_eq(ret(R_FD, fd), fmt("%d</dev/null>", fd));
	close(fd);

	int s = socket(AF_UNIX, SOCK_STREAM, 0);
	snprintf(link, sizeof(link), "/proc/self/fd/%d", s);
	ssize_t n = readlink(link, target, sizeof(target) - 1);
	ck_assert_int_gt(n, 0);
	target[n] = '\0';
	ck_assert(!strncmp(target, "socket:[", 8));
	ck_assert_str_eq(dec1(A_FD, s), fmt("%d<%s>", s, target));
	close(s);

	int p[2];
	ck_assert_int_eq(pipe(p), 0);
	args[0] = P(p);
	exiting(0);
	snprintf(link, sizeof(link), "/proc/self/fd/%d", p[0]);
	n = readlink(link, target, sizeof(target) - 1);
	target[n] = '\0';
	ck_assert_str_eq(dec(A_PIPEFDS_OUT, 0),
			 fmt("[%d<%s>, %d<%s>]", p[0], target, p[1], target));
	close(p[0]);
	close(p[1]);
}
END_TEST

/* -y paths are escaped like strings, plus < and >; a deleted file's
 * marker goes after the closing bracket. */
START_TEST(test_fd_path_escapes)
{
	char name[] = "/tmp/rx-we<i>rd\n\"x y-XXXXXX";
	int fd = mkstemp(name);
	ck_assert_int_ge(fd, 0);
	const char *tail = name + strlen("/tmp/rx-we<i>rd\n\"x y-");
	opts.fd_paths = true;
	ck_assert_str_eq(dec1(A_FD, fd),
			 fmt("%d</tmp/rx-we\\74i\\76rd\\n\\\"x y-%s>", fd, tail));
	unlink(name);
	ck_assert_str_eq(dec1(A_FD, fd),
			 fmt("%d</tmp/rx-we\\74i\\76rd\\n\\\"x y-%s>(deleted)", fd, tail));
	close(fd);
}
END_TEST

START_TEST(test_dirfd)
{
	ck_assert_str_eq(dec1(A_DIRFD, (uint64_t)AT_FDCWD), "AT_FDCWD");
	ck_assert_str_eq(dec1(A_DIRFD, (uint32_t)AT_FDCWD), "AT_FDCWD");
	ck_assert_str_eq(dec1(A_DIRFD, 4), "4");
	ck_assert_str_eq(dec1(A_DIRFD, (uint64_t)-1), "-1");
}
END_TEST

/* ---- numbers ------------------------------------------------------------------ */

START_TEST(test_numbers)
{
	ck_assert_str_eq(dec1(A_INT, 0x100000005ULL), "5");
	ck_assert_str_eq(dec1(A_LONG, (uint64_t)-1), "-1");
	ck_assert_str_eq(dec1(A_ULONG, (uint64_t)-1), "18446744073709551615");
	ck_assert_str_eq(dec1(A_HEX, 0), "0");
	ck_assert_str_eq(dec1(A_OCT, 0), "000");
	ck_assert_str_eq(dec1(A_OCT, 0644), "0644");
	ck_assert_str_eq(dec1(A_PTR, 0), "NULL");
	ck_assert_str_eq(dec1(A_UID, 0xffffffff), "-1");
	ck_assert_str_eq(dec1(A_UID, 0), "0");
	ck_assert_str_eq(dec1(A_DEV, makedev(259, 0x12345)), "makedev(0x103, 0x12345)");
	ck_assert_str_eq(dec1(A_DEV, 0x100000001ULL), "makedev(0, 0x1)");
	ck_assert_str_eq(dec1(A_DEV, 0), "makedev(0, 0)");
	ck_assert_str_eq(dec1(A_DEV, 0xffffffff), "makedev(0xfff, 0xfffff)");
}
END_TEST

/* i386 callers set only the low halves; layouts with longs or pointers
 * are shown as addresses. */
START_TEST(test_i386)
{
	dc.abi = ABI_I386;
	ck_assert_str_eq(dec1(A_INT, 0xdeadbeef00000005ULL), "5");
	ck_assert_str_eq(dec1(A_LONG, 0xffffffffULL), "-1");
	ck_assert_str_eq(dec1(A_ULONG, 0x1ffffffffULL), "4294967295");
	ck_assert_str_eq(dec1(A_HEX, 0x1ffffffffULL), "0xffffffff");
	ck_assert_str_eq(dec1(A_DIRFD, 0xffffff9cULL), "AT_FDCWD");
	ck_assert_str_eq(dec1(A_CLONE_FLAGS, 0x100000000ULL | CLONE_VM | SIGCHLD),
			 "CLONE_VM|SIGCHLD");
	ck_assert_str_eq(dec1(A_TIMESPEC, 0x1000), "0x1000");
	exiting(0);
	ck_assert_str_eq(dec1(A_STAT_OUT, 0x1000), "0x1000");
	ck_assert_str_eq(dec1(A_SIGACTION, 0x1000), "0x1000");
	ck_assert_str_eq(dec1(A_RLIMIT, 0x1000), "0x1000");

	/* argv with 4-byte pointers, in memory below 4 GiB */
	char *low = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
	ck_assert_ptr_ne(low, MAP_FAILED);
	uint32_t *vec = (uint32_t *)low;
	strcpy(low + 64, "ls");
	strcpy(low + 80, "-l");
	vec[0] = (uint32_t)P(low + 64);
	vec[1] = (uint32_t)P(low + 80);
	vec[2] = 0;
	ck_assert_str_eq(dec1(A_ARGV, P(low)), "[\"ls\", \"-l\"]");
	ck_assert_str_eq(dec1(A_ENVP, P(low)), fmt("%p /* 2 vars */", (void *)low));
	/* 8-byte iovecs: base, len */
	vec[4] = (uint32_t)P(low + 64);
	vec[5] = 2;
	args[0] = P(&vec[4]);
	args[1] = 1;
	ck_assert_str_eq(dec(A_IOVEC_IN, 0), "[{iov_base=\"ls\", iov_len=2}]");
	munmap(low, 4096);

	ck_assert_str_eq(ret(R_INT, 0xfffffffe), "-2");
	ck_assert_str_eq(ret(R_HEX, 0xf7f00000), "0xf7f00000");
	/* the engine flags the failure; the errno is in the low half */
	dc.rval = 0xfffffffe;
	dc.failed = true;
	sb_reset(&sb);
	decode_ret(&sb, &dc, R_INT);
	ck_assert_str_eq(sb.p, "-1 ENOENT (No such file or directory)");
}
END_TEST

/* ---- structures ----------------------------------------------------------------- */

START_TEST(test_stat)
{
	struct stat st;
	memset(&st, 0, sizeof(st));
	exiting(0);
	args[0] = P(&st);
	st.st_mode = S_IFCHR | 0666;
	st.st_rdev = makedev(1, 3);
	ck_assert_str_eq(dec(A_STAT_OUT, 0),
			 "{st_mode=S_IFCHR|0666, st_rdev=makedev(0x1, 0x3), ...}");
	st.st_mode = S_IFCHR | 0620;
	st.st_rdev = makedev(0x88, 0);
	ck_assert_str_eq(dec(A_STAT_OUT, 0),
			 "{st_mode=S_IFCHR|0620, st_rdev=makedev(0x88, 0), ...}");
	st.st_mode = S_IFDIR | S_ISVTX | 0777;
	st.st_size = 4096;
	ck_assert_str_eq(dec(A_STAT_OUT, 0),
			 "{st_mode=S_IFDIR|S_ISVTX|0777, st_size=4096, ...}");
	st.st_mode = S_IFIFO | 0600;
	st.st_size = 0;
	ck_assert_str_eq(dec(A_STAT_OUT, 0), "{st_mode=S_IFIFO|0600, st_size=0, ...}");

	/* a real one */
	int fd = open("/dev/null", O_RDONLY);
	fstat(fd, &st);
	close(fd);
	ck_assert_str_eq(dec(A_STAT_OUT, 0),
			 fmt("{st_mode=S_IFCHR|%#03o, st_rdev=makedev(0x1, 0x3), ...}",
			     st.st_mode & 0777));
}
END_TEST

START_TEST(test_statx)
{
	struct statx sx;
	exiting(0);
	args[0] = P(&sx);
	ck_assert_int_eq(statx(AT_FDCWD, "/", 0, STATX_ALL, &sx), 0);
	sx.stx_mask = STATX_ALL | STATX_MNT_ID;
	sx.stx_attributes = STATX_ATTR_MOUNT_ROOT;
	sx.stx_mode = S_IFDIR | 0755;
	sx.stx_size = 4096;
	ck_assert_str_eq(dec(A_STATX_OUT, 0),
			 "{stx_mask=STATX_ALL|STATX_MNT_ID, "
			 "stx_attributes=STATX_ATTR_MOUNT_ROOT, stx_mode=S_IFDIR|0755, "
			 "stx_size=4096, ...}");
	sx.stx_mask = STATX_TYPE | STATX_MODE | STATX_NLINK | STATX_UID | STATX_GID |
		      STATX_ATIME | STATX_INO | STATX_SIZE | STATX_BLOCKS | STATX_MNT_ID;
	sx.stx_attributes = 0;
	sx.stx_mode = S_IFDIR | S_ISVTX | 0777;
	ck_assert_str_eq(dec(A_STATX_OUT, 0),
			 "{stx_mask=STATX_TYPE|STATX_MODE|STATX_NLINK|STATX_UID|"
			 "STATX_GID|STATX_ATIME|STATX_INO|STATX_SIZE|STATX_BLOCKS|"
			 "STATX_MNT_ID, stx_attributes=0, stx_mode=S_IFDIR|S_ISVTX|0777, "
			 "stx_size=4096, ...}");
	sx.stx_mask = 0x80000000;
	sx.stx_mode = S_IFCHR | 0666;
	sx.stx_size = 0;
	ck_assert_str_eq(dec(A_STATX_OUT, 0),
			 "{stx_mask=0x80000000 /* STATX_??? */, stx_attributes=0, "
			 "stx_mode=S_IFCHR|0666, stx_size=0, ...}");
}
END_TEST

START_TEST(test_timespec)
{
	struct timespec ts = { -1, 1500000000 };
	ck_assert_str_eq(dec1(A_TIMESPEC, P(&ts)), "{tv_sec=-1, tv_nsec=1500000000}");
	ck_assert_str_eq(dec1(A_TIMESPEC, 0), "NULL");
	ts = (struct timespec){ 0, 1000 };
	exiting(0);
	ck_assert_str_eq(dec1(A_TIMESPEC_OUT, P(&ts)), "{tv_sec=0, tv_nsec=1000}");
}
END_TEST

START_TEST(test_sockaddr_inet)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(80),
				   .sin_addr.s_addr = htonl(0x7f000001) };
	args[0] = P(&sin);
	args[1] = sizeof(sin);
	ck_assert_str_eq(dec(A_SOCKADDR, 0),
			 "{sa_family=AF_INET, sin_port=htons(80), "
			 "sin_addr=inet_addr(\"127.0.0.1\")}");
	args[1] = 200;
	ck_assert_str_eq(dec(A_SOCKADDR, 0),
			 "{sa_family=AF_INET, sin_port=htons(80), "
			 "sin_addr=inet_addr(\"127.0.0.1\")}");
	args[1] = 4;
	ck_assert_str_eq(dec(A_SOCKADDR, 0), "{sa_family=AF_INET, sa_data=\"\\0P\"}");
	args[1] = 8;
	ck_assert_str_eq(dec(A_SOCKADDR, 0),
			 "{sa_family=AF_INET, sa_data=\"\\0P\\177\\0\\0\\1\"}");
	args[1] = 2;
	ck_assert_str_eq(dec(A_SOCKADDR, 0), "{sa_family=AF_INET}");
	args[1] = 1;
	ck_assert_str_eq(dec(A_SOCKADDR, 0), fmt("%p", (void *)&sin));
	args[1] = 0;
	ck_assert_str_eq(dec(A_SOCKADDR, 0), fmt("%p", (void *)&sin));
	args[0] = 0;
	args[1] = 16;
	ck_assert_str_eq(dec(A_SOCKADDR, 0), "NULL");
}
END_TEST

START_TEST(test_sockaddr_inet6)
{
	struct sockaddr_in6 s6 = { .sin6_family = AF_INET6, .sin6_port = htons(443),
				   .sin6_flowinfo = htonl(5) };
	inet_pton(AF_INET6, "::1", &s6.sin6_addr);
	args[0] = P(&s6);
	args[1] = sizeof(s6);
	ck_assert_str_eq(dec(A_SOCKADDR, 0),
			 "{sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(5), "
			 "inet_pton(AF_INET6, \"::1\", &sin6_addr), sin6_scope_id=0}");
	args[1] = 24;
	ck_assert_str_eq(dec(A_SOCKADDR, 0),
			 "{sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(5), "
			 "inet_pton(AF_INET6, \"::1\", &sin6_addr)}");
	args[1] = 8;
	ck_assert_str_eq(dec(A_SOCKADDR, 0),
			 "{sa_family=AF_INET6, sa_data=\"\\1\\273\\0\\0\\0\\5\"}");
	/* a scope on a non-link-local address stays a number */
	s6.sin6_scope_id = 1;
	args[1] = sizeof(s6);
	ck_assert_str_eq(dec(A_SOCKADDR, 0),
			 "{sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(5), "
			 "inet_pton(AF_INET6, \"::1\", &sin6_addr), sin6_scope_id=1}");
	inet_pton(AF_INET6, "fe80::1", &s6.sin6_addr);
	s6.sin6_scope_id = 999999;
	ck_assert_str_eq(dec(A_SOCKADDR, 0),
			 "{sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(5), "
			 "inet_pton(AF_INET6, \"fe80::1\", &sin6_addr), sin6_scope_id=999999}");
	char lo[IF_NAMESIZE];
	unsigned ix = if_nametoindex("lo");
	if (ix && if_indextoname(ix, lo)) {
		s6.sin6_scope_id = ix;
		ck_assert_str_eq(dec(A_SOCKADDR, 0),
				 "{sa_family=AF_INET6, sin6_port=htons(443), "
				 "sin6_flowinfo=htonl(5), inet_pton(AF_INET6, \"fe80::1\", "
				 "&sin6_addr), sin6_scope_id=if_nametoindex(\"lo\")}");
	}
}
END_TEST

START_TEST(test_sockaddr_unix)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	const size_t off = offsetof(struct sockaddr_un, sun_path);
	strcpy(sun.sun_path, "/run/x.sock");
	args[0] = P(&sun);
	args[1] = sizeof(sun);
	ck_assert_str_eq(dec(A_SOCKADDR, 0), "{sa_family=AF_UNIX, sun_path=\"/run/x.sock\"}");
	args[1] = off + 5;
	ck_assert_str_eq(dec(A_SOCKADDR, 0), "{sa_family=AF_UNIX, sun_path=\"/run/\"}");
	args[1] = off;
	ck_assert_str_eq(dec(A_SOCKADDR, 0), "{sa_family=AF_UNIX}");
	memcpy(sun.sun_path, "\0abstract", 9);
	args[1] = off + 9;
	ck_assert_str_eq(dec(A_SOCKADDR, 0), "{sa_family=AF_UNIX, sun_path=@\"abstract\"}");
	memcpy(sun.sun_path, "\0a\0b\n", 5);
	args[1] = off + 5;
	ck_assert_str_eq(dec(A_SOCKADDR, 0), "{sa_family=AF_UNIX, sun_path=@\"a\\0b\\n\"}");
	args[1] = off + 1;
	ck_assert_str_eq(dec(A_SOCKADDR, 0), "{sa_family=AF_UNIX, sun_path=@\"\"}");
	/* not cut by -s */
	memset(sun.sun_path, 'x', sizeof(sun.sun_path));
	args[1] = sizeof(sun);
	char want[256];
	snprintf(want, sizeof(want), "{sa_family=AF_UNIX, sun_path=\"%.*s\"}",
		 (int)sizeof(sun.sun_path),
		 "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
		 "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
	ck_assert_str_eq(dec(A_SOCKADDR, 0), want);
}
END_TEST

START_TEST(test_sockaddr_other)
{
	struct sockaddr_nl snl = { .nl_family = AF_NETLINK, .nl_pid = 5, .nl_groups = 0x10 };
	args[0] = P(&snl);
	args[1] = sizeof(snl);
	ck_assert_str_eq(dec(A_SOCKADDR, 0),
			 "{sa_family=AF_NETLINK, nl_pid=5, nl_groups=0x000010}");
	snl.nl_groups = 0;
	snl.nl_pid = 0;
	ck_assert_str_eq(dec(A_SOCKADDR, 0),
			 "{sa_family=AF_NETLINK, nl_pid=0, nl_groups=00000000}");

	struct sockaddr sa = { .sa_family = AF_APPLETALK };
	memcpy(sa.sa_data, "\1\2abc\377", 6);
	args[0] = P(&sa);
	args[1] = sizeof(sa);
	ck_assert_str_eq(dec(A_SOCKADDR, 0),
			 "{sa_family=AF_APPLETALK, sa_data=\"\\1\\2abc\\377\\0\\0\\0\\0\\0\\0\\0\\0\"}");
	sa.sa_family = 99;
	args[1] = 6;
	ck_assert_str_eq(dec(A_SOCKADDR, 0),
			 "{sa_family=0x63 /* AF_??? */, sa_data=\"\\1\\2ab\"}");
}
END_TEST

/* Socket addresses and utsname are quoted from tracee bytes: known
 * secrets in them are masked too (found by tests/fuzz/fuzz_decode). */
START_TEST(test_sockaddr_secrets)
{
	struct secret_set set;
	secret_set_init(&set);
	ck_assert(secret_set_add(&set, "s3cretXYZ", 9));
	opts.secrets = &set;

	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	strcpy(sun.sun_path, "/run/s3cretXYZ");
	args[0] = P(&sun);
	args[1] = sizeof(sun);
	ck_assert_str_eq(dec(A_SOCKADDR, 0), "{sa_family=AF_UNIX, sun_path=\"/run/*********\"}");
	ck_assert_str_eq(sun.sun_path, "/run/s3cretXYZ");
	struct sockaddr sa = { .sa_family = 99 };
	memcpy(sa.sa_data, "as3cretXYZ", 10);
	args[0] = P(&sa);
	args[1] = 12;
	ck_assert_str_eq(dec(A_SOCKADDR, 0),
			 "{sa_family=0x63 /* AF_??? */, sa_data=\"a*********\"}");

	struct utsname u = { .sysname = "Linux", .nodename = "s3cretXYZ" };
	exiting(0);
	args[0] = P(&u);
	ck_assert_str_eq(dec(A_UTSNAME_OUT, 0),
			 "{sysname=\"Linux\", nodename=\"*********\", ...}");
	opts.secrets = NULL;
	secret_set_release(&set);
}
END_TEST

/* accept/getsockname: the length comes from the socklen_t * after. */
START_TEST(test_sockaddr_out)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(37809) };
	socklen_t len = sizeof(sin);
	args[0] = P(&sin);
	args[1] = P(&len);
	exiting(0);
	ck_assert_str_eq(dec(A_SOCKADDR_OUT, 0),
			 "{sa_family=AF_INET, sin_port=htons(37809), "
			 "sin_addr=inet_addr(\"0.0.0.0\")}");
	ck_assert_str_eq(dec(A_SOCKLEN_OUT, 1), "[16]");
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	len = 2;
	args[0] = P(&sun);
	ck_assert_str_eq(dec(A_SOCKADDR_OUT, 0), "{sa_family=AF_UNIX}");
	args[1] = 1;
	ck_assert_str_eq(dec(A_SOCKADDR_OUT, 0), fmt("%p", (void *)&sun));
	args[0] = 0;
	args[1] = 0;
	ck_assert_str_eq(dec(A_SOCKADDR_OUT, 0), "NULL");
	/* failed: the sockaddr is an address, the length what went in */
	exiting(-EINVAL);
	len = 128;
	args[0] = P(&sun);
	args[1] = P(&len);
	ck_assert_str_eq(dec(A_SOCKADDR_OUT, 0), fmt("%p", (void *)&sun));
	ck_assert_str_eq(dec(A_SOCKLEN_OUT, 1), "[128]");
	ck_assert_str_eq(dec1(A_SOCKLEN_OUT, 1), "0x1");
}
END_TEST

START_TEST(test_wait_status)
{
	int s;
	args[0] = P(&s);
	exiting(1234);
	s = 3 << 8;
	ck_assert_str_eq(dec(A_WAIT_STATUS_OUT, 0), "[{WIFEXITED(s) && WEXITSTATUS(s) == 3}]");
	s = SIGKILL;
	ck_assert_str_eq(dec(A_WAIT_STATUS_OUT, 0),
			 "[{WIFSIGNALED(s) && WTERMSIG(s) == SIGKILL}]");
	s = SIGSYS | 0x80;
	ck_assert_str_eq(dec(A_WAIT_STATUS_OUT, 0),
			 "[{WIFSIGNALED(s) && WTERMSIG(s) == SIGSYS && WCOREDUMP(s)}]");
	s = (SIGSTOP << 8) | 0x7f;
	ck_assert_str_eq(dec(A_WAIT_STATUS_OUT, 0),
			 "[{WIFSTOPPED(s) && WSTOPSIG(s) == SIGSTOP}]");
	s = 0xffff;
	ck_assert_str_eq(dec(A_WAIT_STATUS_OUT, 0), "[{WIFCONTINUED(s)}]");
	s = (4 << 16) | (SIGTRAP << 8) | 0x7f;
	ck_assert_str_eq(dec(A_WAIT_STATUS_OUT, 0),
			 "[{WIFSTOPPED(s) && WSTOPSIG(s) == SIGTRAP} | PTRACE_EVENT_EXEC << 16]");
	/* WNOHANG with nothing to report: the kernel wrote nothing */
	exiting(0);
	ck_assert_str_eq(dec(A_WAIT_STATUS_OUT, 0), fmt("%p", (void *)&s));
}
END_TEST

START_TEST(test_sigset)
{
	uint64_t m;
	args[0] = P(&m);
	m = 0;
	ck_assert_str_eq(dec(A_SIGSET, 0), "[]");
	m = ~0ULL;
	ck_assert_str_eq(dec(A_SIGSET, 0), "~[]");
	m = ~0ULL & ~(SIGBIT(32) | SIGBIT(33));
	ck_assert_str_eq(dec(A_SIGSET, 0), "~[RTMIN RT_1]");
	m = SIGBIT(64);
	ck_assert_str_eq(dec(A_SIGSET, 0), "[RT_32]");
	/* 41 of 64 still print as a list, 42 as the complement */
	m = (1ULL << 41) - 1;
	ck_assert_str_eq(dec(A_SIGSET, 0),
			 "[HUP INT QUIT ILL TRAP ABRT BUS FPE KILL USR1 SEGV USR2 PIPE "
			 "ALRM TERM STKFLT CHLD CONT STOP TSTP TTIN TTOU URG XCPU XFSZ "
			 "VTALRM PROF WINCH IO PWR SYS RTMIN RT_1 RT_2 RT_3 RT_4 RT_5 "
			 "RT_6 RT_7 RT_8 RT_9]");
	m = (1ULL << 42) - 1;
	ck_assert_str_eq(dec(A_SIGSET, 0),
			 "~[RT_11 RT_12 RT_13 RT_14 RT_15 RT_16 RT_17 RT_18 RT_19 RT_20 "
			 "RT_21 RT_22 RT_23 RT_24 RT_25 RT_26 RT_27 RT_28 RT_29 RT_30 "
			 "RT_31 RT_32]");
	ck_assert_str_eq(dec1(A_SIGSET, 0), "NULL");
}
END_TEST

START_TEST(test_sigaction)
{
	struct ksa sa = { 0, 0x04000000 | 0x10000000, 0x1234,
			  SIGBIT(SIGINT) | SIGBIT(SIGTERM) };
	args[0] = P(&sa);
	ck_assert_str_eq(dec(A_SIGACTION, 0),
			 "{sa_handler=SIG_DFL, sa_mask=[INT TERM], "
			 "sa_flags=SA_RESTORER|SA_RESTART, sa_restorer=0x1234}");
	sa = (struct ksa){ 1, 0, 0, 0 };
	ck_assert_str_eq(dec(A_SIGACTION, 0),
			 "{sa_handler=SIG_IGN, sa_mask=[], sa_flags=0}");
	sa = (struct ksa){ UINT64_MAX, 0x10, 0, 0 };
	ck_assert_str_eq(dec(A_SIGACTION, 0),
			 "{sa_handler=SIG_ERR, sa_mask=[], sa_flags=0x10 /* SA_??? */}");
	sa = (struct ksa){ 0x55a1004bd1a9, 0xffffffff, 0x1234, ~0ULL };
	ck_assert_str_eq(dec(A_SIGACTION, 0),
			 "{sa_handler=0x55a1004bd1a9, sa_mask=~[], "
			 "sa_flags=SA_RESTORER|SA_ONSTACK|SA_RESTART|SA_INTERRUPT|"
			 "SA_NODEFER|SA_RESETHAND|SA_SIGINFO|SA_NOCLDSTOP|SA_NOCLDWAIT|"
			 "0x3fffff8, sa_restorer=0x1234}");
}
END_TEST

START_TEST(test_rlimit)
{
	uint64_t rl[2];
	args[0] = P(rl);
	rl[0] = 8192 * 1024;
	rl[1] = UINT64_MAX;
	ck_assert_str_eq(dec(A_RLIMIT, 0),
			 "{rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY}");
	rl[0] = 2048;
	rl[1] = 1025;
	ck_assert_str_eq(dec(A_RLIMIT, 0), "{rlim_cur=2*1024, rlim_max=1025}");
	rl[0] = 0;
	rl[1] = 1ULL << 40;
	ck_assert_str_eq(dec(A_RLIMIT, 0), "{rlim_cur=0, rlim_max=1073741824*1024}");
	rl[0] = rl[1] = 20000;
	ck_assert_str_eq(dec(A_RLIMIT, 0), "{rlim_cur=20000, rlim_max=20000}");
}
END_TEST

START_TEST(test_clone3)
{
	uint64_t ca[25];
	memset(ca, 0, sizeof(ca));
	args[0] = P(ca);
	args[1] = 88;
	ca[0] = CLONE_VM | 0x80 | 0x100000000ULL | 0x200000000ULL | 0x400000000ULL;
	ca[4] = SIGCHLD;
	ca[5] = 0x1000;
	ca[6] = 0x2000;
	ca[7] = 0x3000;
	ca[1] = 0x4000;
	ca[2] = 0x5000;
	ca[3] = 0x6000;
	ca[8] = 0x7000;
	ca[9] = 2;
	ca[10] = 3;
	ck_assert_str_eq(dec(A_CLONE3_ARGS, 0),
			 "{flags=CLONE_VM|CLONE_NEWTIME|CLONE_CLEAR_SIGHAND|"
			 "CLONE_INTO_CGROUP|0x400000000, exit_signal=SIGCHLD, stack=0x1000, "
			 "stack_size=0x2000, set_tid=0x7000, set_tid_size=2, cgroup=3}");
	memset(ca, 0, sizeof(ca));
	args[1] = 64;
	ck_assert_str_eq(dec(A_CLONE3_ARGS, 0),
			 "{flags=0, exit_signal=0, stack=NULL, stack_size=0}");
	ca[4] = 99;
	args[1] = 88;
	ck_assert_str_eq(dec(A_CLONE3_ARGS, 0),
			 "{flags=0, exit_signal=99, stack=NULL, stack_size=0}");
	ca[0] = CLONE_PIDFD | CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_SETTID;
	ca[1] = 1;
	ca[2] = 2;
	ca[3] = 3;
	ca[4] = 0;
	ca[7] = 4;
	ca[8] = 0x10;
	ck_assert_str_eq(dec(A_CLONE3_ARGS, 0),
			 "{flags=CLONE_PIDFD|CLONE_SETTLS|CLONE_PARENT_SETTID|"
			 "CLONE_CHILD_SETTID, pidfd=0x1, child_tid=0x2, parent_tid=0x3, "
			 "exit_signal=0, stack=NULL, stack_size=0, tls=0x4, set_tid=0x10, "
			 "set_tid_size=0}");
	args[1] = 3;
	ck_assert_str_eq(dec(A_CLONE3_ARGS, 0), fmt("%p", (void *)ca));
	/* trailing bytes from a newer caller */
	memset(ca, 0, sizeof(ca));
	ca[4] = 99;
	((unsigned char *)ca)[88 + 8] = 0x80;
	args[1] = 200;
	ck_assert_str_eq(dec(A_CLONE3_ARGS, 0),
			 "{flags=0, exit_signal=99, stack=NULL, stack_size=0, "
			 "/* bytes 88..199 */ \"\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00"
			 "\\x80\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00"
			 "\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\"...}");
	((unsigned char *)ca)[88 + 8] = 0;
	ck_assert_str_eq(dec(A_CLONE3_ARGS, 0),
			 "{flags=0, exit_signal=99, stack=NULL, stack_size=0}");
}
END_TEST

START_TEST(test_dirents)
{
	int fd = open("/", O_RDONLY | O_DIRECTORY);
	char buf[32768];
	long n = syscall(SYS_getdents64, fd, buf, sizeof(buf));
	close(fd);
	ck_assert_int_gt(n, 0);
	unsigned count = 0;
	for (long off = 0; off < n; count++)
		off += *(unsigned short *)(buf + off + 16);
	args[0] = P(buf);
	exiting(n);
	ck_assert_str_eq(dec(A_DIRENTS_OUT, 0), fmt("%p /* %u entries */", (void *)buf, count));
	exiting(0);
	ck_assert_str_eq(dec(A_DIRENTS_OUT, 0), fmt("%p /* 0 entries */", (void *)buf));
	exiting(-EBADF);
	ck_assert_str_eq(dec(A_DIRENTS_OUT, 0), fmt("%p", (void *)buf));

	/* more entries than one read of the buffer covers */
	unsigned char *big = xcalloc(300, 24);
	for (int i = 0; i < 300; i++)
		*(unsigned short *)(big + i * 24 + 16) = 24;
	args[0] = P(big);
	exiting(300 * 24);
	ck_assert_str_eq(dec(A_DIRENTS_OUT, 0), fmt("%p /* 300 entries */", (void *)big));
	free(big);
}
END_TEST

START_TEST(test_int_ptr)
{
	int v = -5;
	ck_assert_str_eq(dec1(A_INT_PTR, P(&v)), "[-5]");
	ck_assert_str_eq(dec1(A_INT_PTR, 0), "NULL");
}
END_TEST

/* ---- value sets ------------------------------------------------------------------ */

START_TEST(test_open_flags)
{
	ck_assert_str_eq(dec1(A_OPEN_FLAGS, O_RDONLY), "O_RDONLY");
	ck_assert_str_eq(dec1(A_OPEN_FLAGS, O_WRONLY | O_CREAT | O_TRUNC),
			 "O_WRONLY|O_CREAT|O_TRUNC");
	ck_assert_str_eq(dec1(A_OPEN_FLAGS, O_RDWR | O_TMPFILE), "O_RDWR|O_TMPFILE");
	ck_assert_str_eq(dec1(A_OPEN_FLAGS, 3), "O_ACCMODE");
	ck_assert_str_eq(dec1(A_OPEN_FLAGS, O_SYNC), "O_RDONLY|O_SYNC");
	ck_assert_str_eq(dec1(A_OPEN_FLAGS, 0x80000000), "O_RDONLY|0x80000000");
	ck_assert_str_eq(dec1(A_OPEN_FLAGS, 0100000), "O_RDONLY|O_LARGEFILE");
	ck_assert_str_eq(dec1(A_OPEN_FLAGS, O_WRONLY | 0xfff00000000ULL), "O_WRONLY");
	ck_assert_str_eq(dec1(A_OPEN_FLAGS, 0xffffffff),
			 "O_ACCMODE|O_CREAT|O_EXCL|O_NOCTTY|O_TRUNC|O_APPEND|O_NONBLOCK|"
			 "O_SYNC|O_DIRECT|O_LARGEFILE|O_NOFOLLOW|O_NOATIME|O_CLOEXEC|"
			 "O_PATH|O_TMPFILE|FASYNC|0xff80003c");
	ck_assert_str_eq(dec1(A_OPEN_FLAGS, O_DIRECTORY | O_PATH | O_CLOEXEC | FASYNC |
				    O_NOFOLLOW | O_DIRECT | O_NOATIME),
			 "O_RDONLY|O_DIRECT|O_NOFOLLOW|O_NOATIME|O_CLOEXEC|O_PATH|"
			 "O_DIRECTORY|FASYNC");
}
END_TEST

START_TEST(test_fd_flags)
{
	ck_assert_str_eq(dec1(A_FD_FLAGS, 0), "0");
	ck_assert_str_eq(dec1(A_FD_FLAGS, O_CLOEXEC | O_NONBLOCK | O_DIRECT),
			 "O_NONBLOCK|O_DIRECT|O_CLOEXEC");
	ck_assert_str_eq(dec1(A_FD_FLAGS, 0x80000000), "0x80000000 /* O_??? */");
	ck_assert_str_eq(dec1(A_FD_FLAGS, 0xffffffff),
			 "O_CREAT|O_EXCL|O_NOCTTY|O_TRUNC|O_APPEND|O_NONBLOCK|O_SYNC|"
			 "O_DIRECT|O_LARGEFILE|O_NOFOLLOW|O_NOATIME|O_CLOEXEC|O_PATH|"
			 "O_TMPFILE|FASYNC|0xff80003f");
}
END_TEST

START_TEST(test_mode)
{
	ck_assert_str_eq(dec1(A_MODE, 0), "000");
	ck_assert_str_eq(dec1(A_MODE, 0644), "0644");
	ck_assert_str_eq(dec1(A_MODE, 07777), "07777");
	ck_assert_str_eq(dec1(A_MODE, 0xffffffff), "0177777");
	ck_assert_str_eq(dec1(A_MODE, S_IFREG | 0644), "S_IFREG|0644");
	ck_assert_str_eq(dec1(A_MODE, S_IFCHR | 0600), "S_IFCHR|0600");
	ck_assert_str_eq(dec1(A_MODE, S_IFIFO), "S_IFIFO|000");
	ck_assert_str_eq(dec1(A_MODE, S_IFSOCK | S_ISUID | 0644), "S_IFSOCK|S_ISUID|0644");
	ck_assert_str_eq(dec1(A_MODE, S_IFREG | 07777),
			 "S_IFREG|S_ISUID|S_ISGID|S_ISVTX|0777");
	ck_assert_str_eq(dec1(A_MODE, 0170644), "0170644");
	ck_assert_str_eq(dec1(A_MODE, 0x10000 | 0644), "0644");
}
END_TEST

START_TEST(test_flag_sets)
{
	ck_assert_str_eq(dec1(A_AT_FLAGS, 0), "0");
	ck_assert_str_eq(dec1(A_AT_FLAGS, 0x10000), "0x10000 /* AT_??? */");
	ck_assert_str_eq(dec1(A_ACCESS_MODE, 0), "F_OK");
	ck_assert_str_eq(dec1(A_ACCESS_MODE, 0xff), "R_OK|W_OK|X_OK|0xf8");
	ck_assert_str_eq(dec1(A_ACCESS_MODE, 0x10), "0x10 /* ?_OK */");
	ck_assert_str_eq(dec1(A_PROT, 0), "PROT_NONE");
	ck_assert_str_eq(dec1(A_PROT, 0x10), "0x10 /* PROT_??? */");
	ck_assert_str_eq(dec1(A_MREMAP_FLAGS, 0), "0");
	ck_assert_str_eq(dec1(A_MREMAP_FLAGS, 0x10), "0x10 /* MREMAP_??? */");
	ck_assert_str_eq(dec1(A_MSYNC_FLAGS, 0xffffffff),
			 "MS_SYNC|MS_ASYNC|MS_INVALIDATE|0xfffffff8");
	ck_assert_str_eq(dec1(A_MSYNC_FLAGS, 0x10), "0x10 /* MS_??? */");
	ck_assert_str_eq(dec1(A_MLOCK_FLAGS, 0x10), "0x10 /* MLOCK_??? */");
	ck_assert_str_eq(dec1(A_MLOCKALL_FLAGS, 0xffffffff),
			 "MCL_CURRENT|MCL_FUTURE|MCL_ONFAULT|0xfffffff8");
	ck_assert_str_eq(dec1(A_MSG_FLAGS, 0), "0");
	ck_assert_str_eq(dec1(A_MSG_FLAGS, 0x100000), "0x100000 /* MSG_??? */");
	ck_assert_str_eq(dec1(A_WAIT_OPTIONS, 0x10), "0x10 /* W??? */");
	ck_assert_str_eq(dec1(A_RENAME_FLAGS, 0xffffffff),
			 "RENAME_NOREPLACE|RENAME_EXCHANGE|RENAME_WHITEOUT|0xfffffff8");
	ck_assert_str_eq(dec1(A_RENAME_FLAGS, 0x10), "0x10 /* RENAME_?? */");
	ck_assert_str_eq(dec1(A_UMOUNT_FLAGS, 0xffffffff),
			 "MNT_FORCE|MNT_DETACH|MNT_EXPIRE|UMOUNT_NOFOLLOW|0xfffffff0");
	ck_assert_str_eq(dec1(A_GRND_FLAGS, 0xffffffff),
			 "GRND_NONBLOCK|GRND_RANDOM|GRND_INSECURE|0xfffffff8");
	ck_assert_str_eq(dec1(A_SHMAT_FLAGS, 0xffffffff),
			 "SHM_RDONLY|SHM_RND|SHM_REMAP|SHM_EXEC|0xffff0fff");
	ck_assert_str_eq(dec1(A_XATTR_FLAGS, 0x10), "0x10 /* XATTR_??? */");
	ck_assert_str_eq(dec1(A_INOTIFY_MASK, 0x10000000 | 0x800000),
			 "IN_MASK_CREATE|0x800000");
	ck_assert_str_eq(dec1(A_INOTIFY_MASK, 0x800000), "0x800000 /* IN_??? */");
	ck_assert_str_eq(dec1(A_INOTIFY_MASK, 0xfff),
			 "IN_ACCESS|IN_MODIFY|IN_ATTRIB|IN_CLOSE_WRITE|IN_CLOSE_NOWRITE|"
			 "IN_OPEN|IN_MOVED_FROM|IN_MOVED_TO|IN_CREATE|IN_DELETE|"
			 "IN_DELETE_SELF|IN_MOVE_SELF");
	ck_assert_str_eq(dec1(A_TIMER_FLAGS, 0xffffffff), "TIMER_ABSTIME|0xfffffffe");
	ck_assert_str_eq(dec1(A_TIMER_FLAGS, 0x10), "0x10 /* TIMER_??? */");
	ck_assert_str_eq(dec1(A_TIMER_FLAGS, 0), "0");
}
END_TEST

START_TEST(test_map_flags)
{
	ck_assert_str_eq(dec1(A_MAP_FLAGS, 0), "MAP_FILE");
	ck_assert_str_eq(dec1(A_MAP_FLAGS, MAP_ANONYMOUS), "MAP_FILE|MAP_ANONYMOUS");
	ck_assert_str_eq(dec1(A_MAP_FLAGS, MAP_SHARED), "MAP_SHARED");
	ck_assert_str_eq(dec1(A_MAP_FLAGS, 0x100000000ULL | MAP_SHARED), "MAP_SHARED");
	ck_assert_str_eq(dec1(A_MAP_FLAGS, 0xf), "0xf /* MAP_??? */");
	ck_assert_str_eq(dec1(A_MAP_FLAGS, MAP_PRIVATE | 0x400), "MAP_PRIVATE|0x400");
	ck_assert_str_eq(dec1(A_MAP_FLAGS, MAP_SHARED_VALIDATE | MAP_HUGETLB | (21U << 26)),
			 "MAP_SHARED_VALIDATE|MAP_HUGETLB|21<<MAP_HUGE_SHIFT");
	ck_assert_str_eq(dec1(A_MAP_FLAGS, MAP_PRIVATE | (21U << 26)),
			 "MAP_PRIVATE|21<<MAP_HUGE_SHIFT");
	ck_assert_str_eq(dec1(A_MAP_FLAGS, 0xffffffff),
			 "0xf /* MAP_??? */|MAP_FIXED|MAP_ANONYMOUS|MAP_32BIT|MAP_NORESERVE|"
			 "MAP_POPULATE|MAP_NONBLOCK|MAP_GROWSDOWN|MAP_DENYWRITE|"
			 "MAP_EXECUTABLE|MAP_LOCKED|MAP_STACK|MAP_HUGETLB|MAP_SYNC|"
			 "MAP_FIXED_NOREPLACE|0x3e00680|63<<MAP_HUGE_SHIFT");
}
END_TEST

START_TEST(test_memfd_flags)
{
	ck_assert_str_eq(dec1(A_MEMFD_FLAGS, 0), "0");
	ck_assert_str_eq(dec1(A_MEMFD_FLAGS, 0x100), "0x100 /* MFD_??? */");
	ck_assert_str_eq(dec1(A_MEMFD_FLAGS, 21U << 26), "21<<MFD_HUGE_SHIFT");
	ck_assert_str_eq(dec1(A_MEMFD_FLAGS, MFD_CLOEXEC | MFD_HUGETLB | (21U << 26)),
			 "MFD_CLOEXEC|MFD_HUGETLB|21<<MFD_HUGE_SHIFT");
	ck_assert_str_eq(dec1(A_MEMFD_FLAGS, 0xffffffff),
			 "MFD_CLOEXEC|MFD_ALLOW_SEALING|MFD_HUGETLB|0x3fffff8|"
			 "63<<MFD_HUGE_SHIFT");
}
END_TEST

START_TEST(test_clone_flags)
{
	ck_assert_str_eq(dec1(A_CLONE_FLAGS, 0), "0");
	ck_assert_str_eq(dec1(A_CLONE_FLAGS, SIGCHLD), "SIGCHLD");
	ck_assert_str_eq(dec1(A_CLONE_FLAGS, CLONE_SIGHAND | SIGCHLD), "CLONE_SIGHAND|SIGCHLD");
	ck_assert_str_eq(dec1(A_CLONE_FLAGS, CLONE_SIGHAND | 99), "CLONE_SIGHAND|99");
	ck_assert_str_eq(dec1(A_CLONE_FLAGS, CLONE_SIGHAND | 0xff), "CLONE_SIGHAND|255");
	ck_assert_str_eq(dec1(A_CLONE_FLAGS, CLONE_SIGHAND), "CLONE_SIGHAND");
	ck_assert_str_eq(dec1(A_CLONE_FLAGS, 0x400000 | SIGCHLD),
			 "0x400000 /* CLONE_??? */|SIGCHLD");
	ck_assert_str_eq(dec1(A_CLONE_FLAGS, 0x400000), "0x400000 /* CLONE_??? */");
	ck_assert_str_eq(dec1(A_UNSHARE_FLAGS, 0), "0");
	ck_assert_str_eq(dec1(A_UNSHARE_FLAGS, 0x1), "0x1 /* CLONE_??? */");
	ck_assert_str_eq(dec1(A_UNSHARE_FLAGS, CLONE_NEWNS | CLONE_FS | 0x100000000ULL),
			 "CLONE_FS|CLONE_NEWNS|0x100000000");
	ck_assert_str_eq(dec1(A_UNSHARE_FLAGS, 0xffffffff),
			 "CLONE_NEWTIME|CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|"
			 "CLONE_THREAD|CLONE_NEWNS|CLONE_SYSVSEM|CLONE_NEWCGROUP|"
			 "CLONE_NEWUTS|CLONE_NEWIPC|CLONE_NEWUSER|CLONE_NEWPID|"
			 "CLONE_NEWNET|0x81f8f07f");
}
END_TEST

START_TEST(test_sockets)
{
	ck_assert_str_eq(dec1(A_SOCK_FAMILY, AF_UNSPEC), "AF_UNSPEC");
	ck_assert_str_eq(dec1(A_SOCK_FAMILY, AF_DECnet), "AF_DECnet");
	ck_assert_str_eq(dec1(A_SOCK_FAMILY, 0xff), "0xff /* AF_??? */");
	ck_assert_str_eq(dec1(A_SOCK_TYPE, 0), "0");
	ck_assert_str_eq(dec1(A_SOCK_TYPE, 0xb), "0xb /* SOCK_??? */");
	ck_assert_str_eq(dec1(A_SOCK_TYPE, 0xb | SOCK_CLOEXEC), "SOCK_CLOEXEC|0xb");
	ck_assert_str_eq(dec1(A_SOCK_TYPE, 99), "SOCK_RAW|0x60 /* SOCK_??? */");
	ck_assert_str_eq(dec1(A_SOCK_TYPE, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK),
			 "SOCK_STREAM|SOCK_CLOEXEC|SOCK_NONBLOCK");
	ck_assert_str_eq(dec1(A_SOCK_TYPE, 0xffffffff),
			 "SOCK_CLOEXEC|SOCK_NONBLOCK|0xfff7f7ff");
	ck_assert_str_eq(dec1(A_SHUT_HOW, 3), "0x3 /* SHUT_??? */");
	ck_assert_str_eq(dec1(A_SOCKOPT_LEVEL, 6), "SOL_TCP");
	ck_assert_str_eq(dec1(A_SOCKOPT_LEVEL, 999), "0x3e7 /* SOL_?? */");
}
END_TEST

START_TEST(test_sock_proto)
{
	static const struct {
		uint64_t family, proto;
		const char *want;
	} c[] = {
		{ AF_INET, 0, "IPPROTO_IP" },
		{ AF_INET, IPPROTO_UDP, "IPPROTO_UDP" },
		{ AF_INET6, 255, "IPPROTO_RAW" },
		{ AF_INET6, 200, "0xc8 /* IPPROTO_??? */" },
		{ AF_INET, 262, "IPPROTO_MPTCP" },
		{ AF_UNIX, 0, "0" },
		{ AF_UNIX, 5, "5" },
		{ AF_NETLINK, 0, "NETLINK_ROUTE" },
		{ AF_NETLINK, 9, "NETLINK_AUDIT" },
		{ AF_NETLINK, 99, "0x63 /* NETLINK_??? */" },
		{ AF_PACKET, 0x300, "htons(ETH_P_ALL)" },
		{ AF_PACKET, 0x0008, "htons(ETH_P_IP)" },
		{ AF_PACKET, 0x3412, "htons(0x1234 /* ETH_P_??? */)" },
		{ AF_PACKET, 0, "htons(0 /* ETH_P_??? */)" },
		{ 0xff, 0xffffffff, "4294967295" },
	};
	for (size_t i = 0; i < ARRAY_SIZE(c); i++) {
		args[0] = c[i].family;
		args[1] = SOCK_RAW;
		args[2] = c[i].proto;
		ck_assert_str_eq(dec(A_SOCK_PROTO, 2), c[i].want);
	}
}
END_TEST

START_TEST(test_sockopt_name)
{
	static const struct {
		uint64_t level, name;
		const char *want;
	} c[] = {
		{ SOL_SOCKET, SO_REUSEADDR, "SO_REUSEADDR" },
		{ SOL_SOCKET, 999, "0x3e7 /* SO_??? */" },
		{ SOL_SOCKET, 20, "SO_RCVTIMEO_OLD" },
		{ 6, 1, "TCP_NODELAY" },
		{ 6, 999, "0x3e7 /* TCP_??? */" },
		{ 0, 1, "IP_TOS" },
		{ 0, 999, "0x3e7 /* IP_??? */" },
		{ 41, 26, "IPV6_V6ONLY" },
		{ 41, 0, "0 /* IPV6_??? */" },
		{ 17, 1, "UDP_CORK" },
		{ 270, 1, "NETLINK_ADD_MEMBERSHIP" },
		{ 263, 1, "PACKET_ADD_MEMBERSHIP" },
		{ 999, 1, "1" },
		{ 58, 0, "0" },
	};
	for (size_t i = 0; i < ARRAY_SIZE(c); i++) {
		args[0] = (uint64_t)-1;
		args[1] = c[i].level;
		args[2] = c[i].name;
		ck_assert_str_eq(dec(A_SOCKOPT_NAME, 2), c[i].want);
	}
}
END_TEST

START_TEST(test_signals)
{
	ck_assert_str_eq(dec1(A_SIGNAL, 0), "0");
	ck_assert_str_eq(dec1(A_SIGNAL, SIGHUP), "SIGHUP");
	ck_assert_str_eq(dec1(A_SIGNAL, 32), "SIGRTMIN");
	ck_assert_str_eq(dec1(A_SIGNAL, 33), "SIGRT_1");
	ck_assert_str_eq(dec1(A_SIGNAL, 64), "SIGRT_32");
	ck_assert_str_eq(dec1(A_SIGNAL, 65), "65");
	ck_assert_str_eq(dec1(A_SIGNAL, 1000), "1000");
	ck_assert_str_eq(dec1(A_SIGNAL, (uint64_t)-1), "-1");
	ck_assert_str_eq(dec1(A_SIGNAL, 0x100000001ULL), "SIGHUP");
	ck_assert_str_eq(dec1(A_SIGHOW, 2), "SIG_SETMASK");
	ck_assert_str_eq(dec1(A_SIGHOW, 3), "0x3 /* SIG_??? */");
}
END_TEST

START_TEST(test_enums_unknown)
{
	ck_assert_str_eq(dec1(A_MADV, 5), "0x5 /* MADV_??? */");
	ck_assert_str_eq(dec1(A_MADV, 100), "MADV_HWPOISON");
	ck_assert_str_eq(dec1(A_MADV, 999), "0x3e7 /* MADV_??? */");
	ck_assert_str_eq(dec1(A_WHENCE, 4), "SEEK_HOLE");
	ck_assert_str_eq(dec1(A_WHENCE, 5), "0x5 /* SEEK_??? */");
	ck_assert_str_eq(dec1(A_FCNTL_CMD, 0x12), "0x12 /* F_??? */");
	ck_assert_str_eq(dec1(A_FCNTL_CMD, 1030), "F_DUPFD_CLOEXEC");
	ck_assert_str_eq(dec1(A_RLIMIT_RES, 16), "0x10 /* RLIMIT_??? */");
	ck_assert_str_eq(dec1(A_PRCTL_OPT, 0), "0 /* PR_??? */");
	ck_assert_str_eq(dec1(A_PRCTL_OPT, 0x11), "0x11 /* PR_??? */");
	ck_assert_str_eq(dec1(A_ARCH_PRCTL_CODE, 0x9999), "0x9999 /* ARCH_??? */");
	ck_assert_str_eq(dec1(A_PTRACE_REQ, 999), "0x3e7 /* PTRACE_??? */");
	ck_assert_str_eq(dec1(A_PTRACE_REQ, 3), "PTRACE_PEEKUSER");
	ck_assert_str_eq(dec1(A_EPOLL_OP, 0), "0 /* EPOLL_CTL_??? */");
	ck_assert_str_eq(dec1(A_CLOCKID, (uint64_t)-6), "0xfffffffa /* CLOCK_??? */");
	ck_assert_str_eq(dec1(A_CLOCKID, 12), "0xc /* CLOCK_??? */");
	ck_assert_str_eq(dec1(A_BPF_CMD, 0x24), "0x24 /* BPF_??? */");
	ck_assert_str_eq(dec1(A_SECCOMP_OP, 4), "0x4 /* SECCOMP_SET_MODE_??? */");
	ck_assert_str_eq(dec1(A_KEYCTL_CMD, 0x21), "0x21 /* KEYCTL_??? */");
	ck_assert_str_eq(dec1(A_IPC_CMD, 4), "0x4 /* SHM_??? */");
	ck_assert_str_eq(dec1(A_IPC_CMD, 0x100 | 0), "IPC_64|IPC_RMID");
	ck_assert_str_eq(dec1(A_IPC_CMD, 15), "SHM_STAT_ANY");
}
END_TEST

START_TEST(test_fcntl_arg)
{
	static const struct {
		uint64_t cmd, arg;
		const char *want;
	} c[] = {
		{ F_SETFD, FD_CLOEXEC, "FD_CLOEXEC" },
		{ F_SETFD, 0, "0" },
		{ F_SETFD, 3, "FD_CLOEXEC|0x2" },
		{ F_SETFD, 2, "0x2 /* FD_??? */" },
		{ F_SETFL, O_RDWR | O_NONBLOCK, "O_RDWR|O_NONBLOCK" },
		{ F_SETFL, 0, "O_RDONLY" },
		{ F_SETFL, 0x100000800ULL, "O_RDONLY|O_NONBLOCK" },
		{ F_DUPFD, 10, "10" },
		{ F_DUPFD, (uint64_t)-1, "4294967295" },
		{ F_DUPFD_CLOEXEC, 10, "10" },
		{ F_SETOWN, (uint64_t)-5, "-5" },
		{ F_SETPIPE_SZ, (uint64_t)-5, "4294967291" },
		{ F_SETSIG, SIGUSR1, "SIGUSR1" },
		{ F_SETSIG, 0, "0" },
		{ F_SETSIG, 99, "99" },
		{ F_SETLEASE, 0, "F_RDLCK" },
		{ F_SETLEASE, 2, "F_UNLCK" },
		{ F_SETLEASE, 7, "0x7 /* F_??? */" },
		{ F_NOTIFY, 0x80000003, "DN_ACCESS|DN_MODIFY|DN_MULTISHOT" },
		{ F_NOTIFY, 0, "0" },
		{ F_NOTIFY, 0x100, "0x100 /* DN_??? */" },
		{ F_ADD_SEALS, 15, "F_SEAL_SEAL|F_SEAL_SHRINK|F_SEAL_GROW|F_SEAL_WRITE" },
		{ F_ADD_SEALS, 0x100, "0x100 /* F_SEAL_??? */" },
		{ F_GETFD, 0x1234, "" },
		{ F_GETFL, 5, "" },
		{ F_SETLK, 0, "NULL" },
		{ F_SETLK, 0x1234, "0x1234" },
		{ 12 /* F_GETLK64 */, 0x1234, "0x1234" },
		{ 99, 0x1234, "0x1234" },
		{ 99, 0, "0" },
	};
	for (size_t i = 0; i < ARRAY_SIZE(c); i++) {
		args[0] = 3;
		args[1] = c[i].cmd;
		args[2] = c[i].arg;
		ck_assert_msg(!strcmp(dec(A_FCNTL_ARG, 2), c[i].want),
			      "cmd %llu: got '%s', want '%s'",
			      (unsigned long long)c[i].cmd, sb.p, c[i].want);
	}

	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 5,
			    .l_len = 10, .l_pid = 7 };
	args[1] = F_SETLK;
	args[2] = P(&fl);
	ck_assert_str_eq(dec(A_FCNTL_ARG, 2),
			 "{l_type=F_WRLCK, l_whence=SEEK_SET, l_start=5, l_len=10}");
	args[1] = F_GETLK;
	fl.l_type = F_UNLCK;
	ck_assert_str_eq(dec(A_FCNTL_ARG, 2),
			 "{l_type=F_UNLCK, l_whence=SEEK_SET, l_start=5, l_len=10, l_pid=7}");
	struct f_owner_ex o = { F_OWNER_PID, 5 };
	args[1] = F_SETOWN_EX;
	args[2] = P(&o);
	ck_assert_str_eq(dec(A_FCNTL_ARG, 2), "{type=F_OWNER_PID, pid=5}");
}
END_TEST

START_TEST(test_ioctl_req)
{
	ck_assert_str_eq(dec1(A_IOCTL_REQ, 0x5401), "TCGETS");
	ck_assert_str_eq(dec1(A_IOCTL_REQ, 0x100005401ULL), "TCGETS");
	ck_assert_str_eq(dec1(A_IOCTL_REQ, TIOCSWINSZ), "TIOCSWINSZ");
	ck_assert_str_eq(dec1(A_IOCTL_REQ, 0x1260), "BLKGETSIZE");
	ck_assert_str_eq(dec1(A_IOCTL_REQ, _IOR('x', 1, int)), "_IOC(_IOC_READ, 0x78, 0x1, 0x4)");
	ck_assert_str_eq(dec1(A_IOCTL_REQ, _IOW(0x12, 0x34, char[100])),
			 "_IOC(_IOC_WRITE, 0x12, 0x34, 0x64)");
	ck_assert_str_eq(dec1(A_IOCTL_REQ, _IO(0x12, 0x34)), "_IOC(_IOC_NONE, 0x12, 0x34, 0)");
	ck_assert_str_eq(dec1(A_IOCTL_REQ, _IOWR(0x12, 0x34, char[100])),
			 "_IOC(_IOC_READ|_IOC_WRITE, 0x12, 0x34, 0x64)");
	ck_assert_str_eq(dec1(A_IOCTL_REQ, 0xffffffff),
			 "_IOC(_IOC_READ|_IOC_WRITE, 0xff, 0xff, 0x3fff)");
	ck_assert_str_eq(dec1(A_IOCTL_REQ, 0), "_IOC(_IOC_NONE, 0, 0, 0)");
}
END_TEST

START_TEST(test_futex_op)
{
	ck_assert_str_eq(dec1(A_FUTEX_OP, FUTEX_WAIT), "FUTEX_WAIT");
	ck_assert_str_eq(dec1(A_FUTEX_OP, FUTEX_WAKE_PRIVATE), "FUTEX_WAKE_PRIVATE");
	ck_assert_str_eq(dec1(A_FUTEX_OP, FUTEX_WAIT_BITSET_PRIVATE | FUTEX_CLOCK_REALTIME),
			 "FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME");
	ck_assert_str_eq(dec1(A_FUTEX_OP, FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME),
			 "FUTEX_WAIT_BITSET|FUTEX_CLOCK_REALTIME");
	ck_assert_str_eq(dec1(A_FUTEX_OP, FUTEX_FD | FUTEX_PRIVATE_FLAG),
			 "FUTEX_FD|FUTEX_PRIVATE_FLAG");
	ck_assert_str_eq(dec1(A_FUTEX_OP, FUTEX_CLOCK_REALTIME),
			 "FUTEX_WAIT|FUTEX_CLOCK_REALTIME");
	ck_assert_str_eq(dec1(A_FUTEX_OP, 13 | FUTEX_PRIVATE_FLAG), "FUTEX_LOCK_PI2_PRIVATE");
	ck_assert_str_eq(dec1(A_FUTEX_OP, 99), "0x63 /* FUTEX_??? */");
	ck_assert_str_eq(dec1(A_FUTEX_OP, 99 | 0x180), "0x1e3 /* FUTEX_??? */");
	ck_assert_str_eq(dec1(A_FUTEX_OP, 0xffffffff), "0xffffffff /* FUTEX_??? */");
}
END_TEST

START_TEST(test_mount_flags)
{
	ck_assert_str_eq(dec1(A_MOUNT_FLAGS, 0), "0");
	ck_assert_str_eq(dec1(A_MOUNT_FLAGS, MS_BIND | MS_REC), "MS_BIND|MS_REC");
	ck_assert_str_eq(dec1(A_MOUNT_FLAGS, 0xC0ED0000), "MS_MGC_VAL");
	ck_assert_str_eq(dec1(A_MOUNT_FLAGS, 0xC0ED0001), "MS_MGC_VAL|MS_RDONLY");
	ck_assert_str_eq(dec1(A_MOUNT_FLAGS, 0x200), "0x200 /* MS_??? */");
	ck_assert_str_eq(dec1(A_MOUNT_FLAGS, 0xC0ED0200), "MS_MGC_VAL|0x200 /* MS_??? */");
}
END_TEST

START_TEST(test_personality)
{
	ck_assert_str_eq(dec1(A_PERSONALITY, 0xffffffff), "0xffffffff");
	ck_assert_str_eq(dec1(A_PERSONALITY, 0), "PER_LINUX");
	ck_assert_str_eq(dec1(A_PERSONALITY, 8), "PER_LINUX32");
	ck_assert_str_eq(dec1(A_PERSONALITY, 0x40008), "PER_LINUX32|ADDR_NO_RANDOMIZE");
	ck_assert_str_eq(dec1(A_PERSONALITY, 0x42), "0x42 /* PER_??? */");
	ck_assert_str_eq(dec1(A_PERSONALITY, 0x100), "PER_LINUX|0x100");
	ck_assert_str_eq(dec1(A_PERSONALITY, 0x7fffffff),
			 "PER_MASK|UNAME26|ADDR_NO_RANDOMIZE|FDPIC_FUNCPTRS|MMAP_PAGE_ZERO|"
			 "ADDR_COMPAT_LAYOUT|READ_IMPLIES_EXEC|ADDR_LIMIT_32BIT|"
			 "SHORT_INODE|WHOLE_SECONDS|STICKY_TIMEOUTS|ADDR_LIMIT_3GB|"
			 "0x7001ff00");
}
END_TEST

START_TEST(test_ipc_flags)
{
	ck_assert_str_eq(dec1(A_IPC_FLAGS, 0), "000");
	ck_assert_str_eq(dec1(A_IPC_FLAGS, 0600), "0600");
	ck_assert_str_eq(dec1(A_IPC_FLAGS, 0x10000 | 0600), "0x10000|0600");
	ck_assert_str_eq(dec1(A_IPC_FLAGS, 0xffffffff),
			 "IPC_CREAT|IPC_EXCL|SHM_HUGETLB|SHM_NORESERVE|0x3ffe000|"
			 "63<<SHM_HUGE_SHIFT|0777");
}
END_TEST

/* ---- return values ---------------------------------------------------------------- */

START_TEST(test_ret)
{
	ck_assert_str_eq(ret(R_INT, 3), "3");
	ck_assert_str_eq(ret(R_INT, 0), "0");
	ck_assert_str_eq(ret(R_INT, -ENOENT), "-1 ENOENT (No such file or directory)");
	ck_assert_str_eq(ret(R_INT, -EAGAIN), "-1 EAGAIN (Resource temporarily unavailable)");
	ck_assert_str_eq(ret(R_INT, -134), "-1 (errno 134)");
	ck_assert_str_eq(ret(R_INT, -4095), "-1 (errno 4095)");
	ck_assert_str_eq(ret(R_INT, -512), "? ERESTARTSYS (To be restarted if SA_RESTART is set)");
	ck_assert_str_eq(ret(R_INT, -513), "? ERESTARTNOINTR (To be restarted)");
	ck_assert_str_eq(ret(R_INT, -514), "? ERESTARTNOHAND (To be restarted if no handler)");
	ck_assert_str_eq(ret(R_INT, -515), "-1 ENOIOCTLCMD (Unknown error 515)");
	ck_assert_str_eq(ret(R_INT, -516), "? ERESTART_RESTARTBLOCK (Interrupted by signal)");
	ck_assert_str_eq(ret(R_INT, -524), "-1 ENOTSUPP (Unknown error 524)");
	ck_assert_str_eq(ret(R_FD, 3), "3");
	ck_assert_str_eq(ret(R_FD, -EMFILE), "-1 EMFILE (Too many open files)");
	ck_assert_str_eq(ret(R_HEX, 0x7faa98b90000), "0x7faa98b90000");
	ck_assert_str_eq(ret(R_HEX, -ENOMEM), "-1 ENOMEM (Cannot allocate memory)");
	ck_assert_str_eq(ret(R_HEX, 0), "0");
	ck_assert_str_eq(ret(R_OCT, 022), "022");
	ck_assert_str_eq(ret(R_OCT, 0), "000");
	ck_assert_str_eq(ret(R_NONE, 0), "?");
	opts.fd_paths = true;
	ck_assert_str_eq(ret(R_FD, 999999), "999999");
	ck_assert_str_eq(ret(R_FD, -EBADF), "-1 EBADF (Bad file descriptor)");
}
END_TEST

/* ---- siginfo ------------------------------------------------------------------------ */

static const char *si_str(const siginfo_t *si)
{
	sb_reset(&sb);
	decode_siginfo(&sb, si);
	return sb.p;
}

static siginfo_t si_make(int sig, int code)
{
	siginfo_t si;
	memset(&si, 0, sizeof(si));
	si.si_signo = sig;
	si.si_code = code;
	return si;
}

START_TEST(test_siginfo_user)
{
	siginfo_t si = si_make(SIGUSR1, SI_USER);
	si.si_pid = 123;
	si.si_uid = 0;
	ck_assert_str_eq(si_str(&si), "{si_signo=SIGUSR1, si_code=SI_USER, si_pid=123, si_uid=0}");
	si.si_code = SI_TKILL;
	si.si_value.sival_ptr = (void *)0x100000005;
	ck_assert_str_eq(si_str(&si), "{si_signo=SIGUSR1, si_code=SI_TKILL, si_pid=123, si_uid=0}");
	si.si_code = SI_QUEUE;
	si.si_pid = 7;
	si.si_uid = 8;
	ck_assert_str_eq(si_str(&si),
			 "{si_signo=SIGUSR1, si_code=SI_QUEUE, si_pid=7, si_uid=8, "
			 "si_int=5, si_ptr=0x100000005}");
	si.si_value.sival_ptr = NULL;
	ck_assert_str_eq(si_str(&si), "{si_signo=SIGUSR1, si_code=SI_QUEUE, si_pid=7, si_uid=8}");
	si.si_code = SI_MESGQ;
	ck_assert_str_eq(si_str(&si), "{si_signo=SIGUSR1, si_code=SI_MESGQ, si_pid=7, si_uid=8}");
	si.si_code = SI_KERNEL;
	ck_assert_str_eq(si_str(&si), "{si_signo=SIGUSR1, si_code=SI_KERNEL, si_pid=7, si_uid=8}");
	si.si_code = SI_ASYNCNL;
	ck_assert_str_eq(si_str(&si), "{si_signo=SIGUSR1, si_code=SI_ASYNCNL, si_pid=7, si_uid=8}");
	si.si_code = SI_DETHREAD;
	ck_assert_str_eq(si_str(&si), "{si_signo=SIGUSR1, si_code=SI_DETHREAD, si_pid=7, si_uid=8}");
	si.si_code = -99;
	ck_assert_str_eq(si_str(&si), "{si_signo=SIGUSR1, si_code=0xffffff9d, si_pid=7, si_uid=8}");
	si.si_code = 5;
	si.si_value.sival_ptr = (void *)0x100000005;
	ck_assert_str_eq(si_str(&si),
			 "{si_signo=SIGUSR1, si_code=0x5, si_pid=7, si_uid=8, "
			 "si_int=5, si_ptr=0x100000005}");
	si = si_make(SIGRTMIN + 2, SI_QUEUE);
	si.si_pid = 10;
	si.si_value.sival_int = 42;
	ck_assert_str_eq(si_str(&si),
			 "{si_signo=SIGRT_4, si_code=SI_QUEUE, si_pid=10, si_uid=0, "
			 "si_int=42, si_ptr=0x2a}");
	/* a user-sent fault signal has a sender, not an address */
	si = si_make(SIGSEGV, SI_QUEUE);
	si.si_pid = 7;
	si.si_uid = 8;
	ck_assert_str_eq(si_str(&si), "{si_signo=SIGSEGV, si_code=SI_QUEUE, si_pid=7, si_uid=8}");
}
END_TEST

START_TEST(test_siginfo_timer_sigio)
{
	siginfo_t si = si_make(SIGUSR1, SI_TIMER);
	si.si_timerid = 7;
	si.si_overrun = 8;
	ck_assert_str_eq(si_str(&si),
			 "{si_signo=SIGUSR1, si_code=SI_TIMER, si_timerid=0x7, "
			 "si_overrun=8, si_int=0, si_ptr=NULL}");
	si = si_make(SIGUSR1, SI_SIGIO);
	si.si_band = 34359738375;
	ck_assert_str_eq(si_str(&si),
			 "{si_signo=SIGUSR1, si_code=SI_SIGIO, si_band=34359738375, si_fd=0}");
	si = si_make(SIGIO, POLL_IN);
	si.si_band = 1;
	si.si_fd = 3;
	ck_assert_str_eq(si_str(&si), "{si_signo=SIGIO, si_code=POLL_IN, si_band=1, si_fd=3}");
}
END_TEST

START_TEST(test_siginfo_chld)
{
	siginfo_t si = si_make(SIGCHLD, CLD_EXITED);
	si.si_pid = 10168;
	si.si_status = 3;
	ck_assert_str_eq(si_str(&si),
			 "{si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=10168, si_uid=0, "
			 "si_status=3, si_utime=0, si_stime=0}");
	si.si_code = CLD_KILLED;
	si.si_status = SIGKILL;
	si.si_utime = 2;
	si.si_stime = 1;
	ck_assert_str_eq(si_str(&si),
			 "{si_signo=SIGCHLD, si_code=CLD_KILLED, si_pid=10168, si_uid=0, "
			 "si_status=SIGKILL, si_utime=2, si_stime=1}");
	si.si_code = CLD_DUMPED;
	si.si_status = SIGSYS;
	ck_assert_str_eq(si_str(&si),
			 "{si_signo=SIGCHLD, si_code=CLD_DUMPED, si_pid=10168, si_uid=0, "
			 "si_status=SIGSYS, si_utime=2, si_stime=1}");
	si.si_code = CLD_CONTINUED;
	si.si_status = SIGCONT;
	ck_assert_str_eq(si_str(&si),
			 "{si_signo=SIGCHLD, si_code=CLD_CONTINUED, si_pid=10168, si_uid=0, "
			 "si_status=SIGCONT, si_utime=2, si_stime=1}");
}
END_TEST

START_TEST(test_siginfo_faults)
{
	siginfo_t si = si_make(SIGSEGV, SEGV_MAPERR);
	ck_assert_str_eq(si_str(&si), "{si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL}");
	si.si_code = SEGV_ACCERR;
	si.si_addr = (void *)0xdead000;
	ck_assert_str_eq(si_str(&si), "{si_signo=SIGSEGV, si_code=SEGV_ACCERR, si_addr=0xdead000}");
	si = si_make(SIGTRAP, SI_KERNEL);
	ck_assert_str_eq(si_str(&si), "{si_signo=SIGTRAP, si_code=SI_KERNEL, si_addr=NULL}");
	si = si_make(SIGTRAP, TRAP_BRKPT);
	si.si_addr = (void *)0x401000;
	ck_assert_str_eq(si_str(&si), "{si_signo=SIGTRAP, si_code=TRAP_BRKPT, si_addr=0x401000}");
	si.si_code = TRAP_TRACE;
	ck_assert_str_eq(si_str(&si), "{si_signo=SIGTRAP, si_code=TRAP_TRACE, si_addr=0x401000}");
	si = si_make(SIGILL, ILL_ILLOPN);
	si.si_addr = (void *)0x5599f47d56f9;
	ck_assert_str_eq(si_str(&si),
			 "{si_signo=SIGILL, si_code=ILL_ILLOPN, si_addr=0x5599f47d56f9}");
	si = si_make(SIGFPE, FPE_INTDIV);
	si.si_addr = (void *)0x401000;
	ck_assert_str_eq(si_str(&si), "{si_signo=SIGFPE, si_code=FPE_INTDIV, si_addr=0x401000}");
	si = si_make(SIGBUS, BUS_ADRERR);
	ck_assert_str_eq(si_str(&si), "{si_signo=SIGBUS, si_code=BUS_ADRERR, si_addr=NULL}");
}
END_TEST

START_TEST(test_siginfo_sys)
{
	siginfo_t si = si_make(SIGSYS, 1);
	si.si_call_addr = (void *)0x7f5a97190829;
	si.si_syscall = 110;
	si.si_arch = 0xc000003e;
	ck_assert_str_eq(si_str(&si),
			 "{si_signo=SIGSYS, si_code=SYS_SECCOMP, si_call_addr=0x7f5a97190829, "
			 "si_syscall=110, si_arch=AUDIT_ARCH_X86_64}");
}
END_TEST

static TCase *group(Suite *s, const char *name)
{
	TCase *tc = tcase_create(name);
	tcase_add_checked_fixture(tc, setup, teardown);
	suite_add_tcase(s, tc);
	return tc;
}

static Suite *decode_suite(void)
{
	Suite *s = suite_create("decode");
	TCase *tc;

	tc = group(s, "kinds");
	tcase_add_test(tc, test_every_kind);
	tcase_add_test(tc, test_kind_table);
	tcase_add_test(tc, test_out_kinds_address);

	tc = group(s, "strings");
	tcase_add_test(tc, test_quote_all_bytes);
	tcase_add_test(tc, test_quote_octal_digit_rule);
	tcase_add_test(tc, test_strlen_limit);
	tcase_add_test(tc, test_unreadable_pointers);
	tcase_add_test(tc, test_string_at_page_end);
	tcase_add_test(tc, test_buf_out);

	tc = group(s, "arrays");
	tcase_add_test(tc, test_iovec);
	tcase_add_test(tc, test_iovec_out);
	tcase_add_test(tc, test_argv);
	tcase_add_test(tc, test_envp);

	tc = group(s, "fds");
	tcase_add_test(tc, test_fd_paths);
	tcase_add_test(tc, test_fd_path_escapes);
	tcase_add_test(tc, test_dirfd);

	tc = group(s, "numbers");
	tcase_add_test(tc, test_numbers);
	tcase_add_test(tc, test_i386);

	tc = group(s, "structs");
	tcase_add_test(tc, test_stat);
	tcase_add_test(tc, test_statx);
	tcase_add_test(tc, test_timespec);
	tcase_add_test(tc, test_sockaddr_inet);
	tcase_add_test(tc, test_sockaddr_inet6);
	tcase_add_test(tc, test_sockaddr_unix);
	tcase_add_test(tc, test_sockaddr_other);
	tcase_add_test(tc, test_sockaddr_secrets);
	tcase_add_test(tc, test_sockaddr_out);
	tcase_add_test(tc, test_wait_status);
	tcase_add_test(tc, test_sigset);
	tcase_add_test(tc, test_sigaction);
	tcase_add_test(tc, test_rlimit);
	tcase_add_test(tc, test_clone3);
	tcase_add_test(tc, test_dirents);
	tcase_add_test(tc, test_int_ptr);

	tc = group(s, "sets");
	tcase_add_test(tc, test_open_flags);
	tcase_add_test(tc, test_fd_flags);
	tcase_add_test(tc, test_mode);
	tcase_add_test(tc, test_flag_sets);
	tcase_add_test(tc, test_map_flags);
	tcase_add_test(tc, test_memfd_flags);
	tcase_add_test(tc, test_clone_flags);
	tcase_add_test(tc, test_sockets);
	tcase_add_test(tc, test_sock_proto);
	tcase_add_test(tc, test_sockopt_name);
	tcase_add_test(tc, test_signals);
	tcase_add_test(tc, test_enums_unknown);
	tcase_add_test(tc, test_fcntl_arg);
	tcase_add_test(tc, test_ioctl_req);
	tcase_add_test(tc, test_futex_op);
	tcase_add_test(tc, test_mount_flags);
	tcase_add_test(tc, test_personality);
	tcase_add_test(tc, test_ipc_flags);

	tc = group(s, "ret");
	tcase_add_test(tc, test_ret);

	tc = group(s, "siginfo");
	tcase_add_test(tc, test_siginfo_user);
	tcase_add_test(tc, test_siginfo_timer_sigio);
	tcase_add_test(tc, test_siginfo_chld);
	tcase_add_test(tc, test_siginfo_faults);
	tcase_add_test(tc, test_siginfo_sys);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(decode_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
