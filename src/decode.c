/* decode.c - syscall argument and return value decoders
 *
 * One row per argument kind (kinds[] below) says how the kind prints:
 * its decoder, the value table it uses, and whether its memory is only
 * meaningful at syscall exit. The output follows strace's default
 * format, so a trace can be compared with strace's line by line.
 *
 * Decoders never fail: memory that cannot be read is shown as its
 * address, like strace does. Tracee data is read into the tail of the
 * caller's sbuf and quoted in place, so printing allocates nothing once
 * the buffer has grown to fit.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/utsname.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/audit.h>
#include <linux/netlink.h>
#include <linux/sched.h>

#include "decode.h"
#include "secret.h"
#include "tracee.h"
#include "xlat.h"

#define DEFAULT_STRLEN 32
#define PTRACE_EVENT_SHIFT 16
#define HUGE_SHIFT 26		/* MAP_HUGE_SHIFT, MFD_HUGE_SHIFT, SHM_HUGE_SHIFT */
#define HUGE_MASK (0x3fU << HUGE_SHIFT)
#define ENVP_MAX (1U << 20)	/* entries counted before giving up */
#define K_SA_RESTORER 0x04000000	/* not in glibc's headers */
#ifndef CLONE_PIDFD
# define CLONE_PIDFD 0x00001000
#endif
#ifndef CLONE_INTO_CGROUP
# define CLONE_INTO_CGROUP 0x200000000ULL
#endif

struct kind;
typedef void kind_fn(struct sbuf *sb, const struct decode_ctx *dc,
		     const struct kind *kd, unsigned idx);

enum {
	K_OUT = 1 << 0,		/* filled by the kernel: shown at exit */
	K_FAILED_TOO = 1 << 1,	/* out kind strace still decodes on failure */
	K_ABI = 1 << 2,		/* layout differs for i386/x32 callers */
	K_WIDE = 1 << 3,	/* value set uses all 64 bits, not an int */
};

struct kind {
	const char *name;
	kind_fn *fn;
	const struct xlat *tab;
	const char *unk;	/* strace's comment for values without a name */
	const char *zero;	/* flag sets: the text for 0 */
	unsigned flags;
};

/* ---- tables the kinds need beyond xlat.h ---------------------------------- */

#define X(v) { (uint64_t)(v), #v }
#define XN(v, name) { (uint64_t)(v), name }

/* unshare and setns know fewer bits than clone3, and list NEWTIME first. */
static const struct xlat unshare_flags[] = {
	XN(0x00000080, "CLONE_NEWTIME"), X(CLONE_VM), X(CLONE_FS),
	X(CLONE_FILES), X(CLONE_SIGHAND), X(CLONE_THREAD), X(CLONE_NEWNS),
	X(CLONE_SYSVSEM), X(CLONE_NEWCGROUP), X(CLONE_NEWUTS), X(CLONE_NEWIPC),
	X(CLONE_NEWUSER), X(CLONE_NEWPID), X(CLONE_NEWNET),
	XLAT_END
};

static const struct xlat statx_attrs[] = {
	XN(0x4, "STATX_ATTR_COMPRESSED"), XN(0x10, "STATX_ATTR_IMMUTABLE"),
	XN(0x20, "STATX_ATTR_APPEND"), XN(0x40, "STATX_ATTR_NODUMP"),
	XN(0x800, "STATX_ATTR_ENCRYPTED"), XN(0x1000, "STATX_ATTR_AUTOMOUNT"),
	XN(0x2000, "STATX_ATTR_MOUNT_ROOT"), XN(0x100000, "STATX_ATTR_VERITY"),
	XN(0x200000, "STATX_ATTR_DAX"),
	XLAT_END
};

static const struct xlat netlink_protos[] = {
	XN(0, "NETLINK_ROUTE"), XN(1, "NETLINK_UNUSED"),
	XN(2, "NETLINK_USERSOCK"), XN(3, "NETLINK_FIREWALL"),
	XN(4, "NETLINK_SOCK_DIAG"), XN(5, "NETLINK_NFLOG"),
	XN(6, "NETLINK_XFRM"), XN(7, "NETLINK_SELINUX"), XN(8, "NETLINK_ISCSI"),
	XN(9, "NETLINK_AUDIT"), XN(10, "NETLINK_FIB_LOOKUP"),
	XN(11, "NETLINK_CONNECTOR"), XN(12, "NETLINK_NETFILTER"),
	XN(13, "NETLINK_IP6_FW"), XN(14, "NETLINK_DNRTMSG"),
	XN(15, "NETLINK_KOBJECT_UEVENT"), XN(16, "NETLINK_GENERIC"),
	XN(18, "NETLINK_SCSITRANSPORT"), XN(19, "NETLINK_ECRYPTFS"),
	XN(20, "NETLINK_RDMA"), XN(21, "NETLINK_CRYPTO"), XN(22, "NETLINK_SMC"),
	XLAT_END
};

static const struct xlat ethertypes[] = {
	XN(0x0003, "ETH_P_ALL"), XN(0x0800, "ETH_P_IP"), XN(0x0806, "ETH_P_ARP"),
	XN(0x8035, "ETH_P_RARP"), XN(0x8100, "ETH_P_8021Q"),
	XN(0x86DD, "ETH_P_IPV6"), XN(0x88A8, "ETH_P_8021AD"),
	XN(0x888E, "ETH_P_PAE"), XN(0x88CC, "ETH_P_LLDP"),
	XLAT_END
};

static const struct xlat sol_ipv6_opts[] = {
	XN(1, "IPV6_ADDRFORM"), XN(2, "IPV6_2292PKTINFO"),
	XN(3, "IPV6_2292HOPOPTS"), XN(4, "IPV6_2292DSTOPTS"),
	XN(5, "IPV6_2292RTHDR"), XN(6, "IPV6_2292PKTOPTIONS"),
	XN(7, "IPV6_CHECKSUM"), XN(8, "IPV6_2292HOPLIMIT"), XN(9, "IPV6_NEXTHOP"),
	XN(10, "IPV6_AUTHHDR"), XN(11, "IPV6_FLOWINFO"),
	XN(16, "IPV6_UNICAST_HOPS"), XN(17, "IPV6_MULTICAST_IF"),
	XN(18, "IPV6_MULTICAST_HOPS"), XN(19, "IPV6_MULTICAST_LOOP"),
	XN(20, "IPV6_ADD_MEMBERSHIP"), XN(21, "IPV6_DROP_MEMBERSHIP"),
	XN(22, "IPV6_ROUTER_ALERT"), XN(23, "IPV6_MTU_DISCOVER"),
	XN(24, "IPV6_MTU"), XN(25, "IPV6_RECVERR"), XN(26, "IPV6_V6ONLY"),
	XN(27, "IPV6_JOIN_ANYCAST"), XN(28, "IPV6_LEAVE_ANYCAST"),
	XN(29, "IPV6_MULTICAST_ALL"), XN(30, "IPV6_ROUTER_ALERT_ISOLATE"),
	XN(31, "IPV6_RECVERR_RFC4884"), XN(32, "IPV6_FLOWLABEL_MGR"),
	XN(33, "IPV6_FLOWINFO_SEND"), XN(34, "IPV6_IPSEC_POLICY"),
	XN(35, "IPV6_XFRM_POLICY"), XN(36, "IPV6_HDRINCL"),
	XN(42, "MCAST_JOIN_GROUP"), XN(43, "MCAST_BLOCK_SOURCE"),
	XN(44, "MCAST_UNBLOCK_SOURCE"), XN(45, "MCAST_LEAVE_GROUP"),
	XN(46, "MCAST_JOIN_SOURCE_GROUP"), XN(47, "MCAST_LEAVE_SOURCE_GROUP"),
	XN(48, "MCAST_MSFILTER"), XN(49, "IPV6_RECVPKTINFO"),
	XN(50, "IPV6_PKTINFO"), XN(51, "IPV6_RECVHOPLIMIT"),
	XN(52, "IPV6_HOPLIMIT"), XN(53, "IPV6_RECVHOPOPTS"),
	XN(54, "IPV6_HOPOPTS"), XN(55, "IPV6_RTHDRDSTOPTS"),
	XN(56, "IPV6_RECVRTHDR"), XN(57, "IPV6_RTHDR"),
	XN(58, "IPV6_RECVDSTOPTS"), XN(59, "IPV6_DSTOPTS"),
	XN(60, "IPV6_RECVPATHMTU"), XN(61, "IPV6_PATHMTU"),
	XN(62, "IPV6_DONTFRAG"), XN(63, "IPV6_USE_MIN_MTU"),
	XN(64, "IP6T_SO_SET_REPLACE"), XN(65, "IP6T_SO_SET_ADD_COUNTERS"),
	XN(66, "IPV6_RECVTCLASS"), XN(67, "IPV6_TCLASS"),
	XN(70, "IPV6_AUTOFLOWLABEL"), XN(72, "IPV6_ADDR_PREFERENCES"),
	XN(73, "IPV6_MINHOPCOUNT"), XN(74, "IPV6_ORIGDSTADDR"),
	XN(75, "IPV6_TRANSPARENT"), XN(76, "IPV6_UNICAST_IF"),
	XN(77, "IPV6_RECVFRAGSIZE"), XN(78, "IPV6_FREEBIND"),
	XLAT_END
};

static const struct xlat sol_udp_opts[] = {
	XN(1, "UDP_CORK"), XN(100, "UDP_ENCAP"), XN(101, "UDP_NO_CHECK6_TX"),
	XN(102, "UDP_NO_CHECK6_RX"), XN(103, "UDP_SEGMENT"), XN(104, "UDP_GRO"),
	XLAT_END
};

static const struct xlat sol_netlink_opts[] = {
	XN(1, "NETLINK_ADD_MEMBERSHIP"), XN(2, "NETLINK_DROP_MEMBERSHIP"),
	XN(3, "NETLINK_PKTINFO"), XN(4, "NETLINK_BROADCAST_ERROR"),
	XN(5, "NETLINK_NO_ENOBUFS"), XN(6, "NETLINK_RX_RING"),
	XN(7, "NETLINK_TX_RING"), XN(8, "NETLINK_LISTEN_ALL_NSID"),
	XN(9, "NETLINK_LIST_MEMBERSHIPS"), XN(10, "NETLINK_CAP_ACK"),
	XN(11, "NETLINK_EXT_ACK"), XN(12, "NETLINK_GET_STRICT_CHK"),
	XLAT_END
};

static const struct xlat sol_packet_opts[] = {
	XN(1, "PACKET_ADD_MEMBERSHIP"), XN(2, "PACKET_DROP_MEMBERSHIP"),
	XN(3, "PACKET_RECV_OUTPUT"), XN(5, "PACKET_RX_RING"),
	XN(6, "PACKET_STATISTICS"), XN(7, "PACKET_COPY_THRESH"),
	XN(8, "PACKET_AUXDATA"), XN(9, "PACKET_ORIGDEV"),
	XN(10, "PACKET_VERSION"), XN(11, "PACKET_HDRLEN"),
	XN(12, "PACKET_RESERVE"), XN(13, "PACKET_TX_RING"),
	XN(14, "PACKET_LOSS"), XN(15, "PACKET_VNET_HDR"),
	XN(16, "PACKET_TX_TIMESTAMP"), XN(17, "PACKET_TIMESTAMP"),
	XN(18, "PACKET_FANOUT"), XN(19, "PACKET_TX_HAS_OFF"),
	XN(20, "PACKET_QDISC_BYPASS"), XN(21, "PACKET_ROLLOVER_STATS"),
	XN(22, "PACKET_FANOUT_DATA"), XN(23, "PACKET_IGNORE_OUTGOING"),
	XLAT_END
};

/* Option names depend on the level in the argument before. */
static const struct sockopt_level {
	int level;
	const struct xlat *tab;
	const char *unk;
} sockopt_levels[] = {
	{ SOL_SOCKET, xlat_sol_socket_opts, "SO_???" },
	{ IPPROTO_TCP, xlat_sol_tcp_opts, "TCP_???" },
	{ IPPROTO_IP, xlat_sol_ip_opts, "IP_???" },
	{ IPPROTO_IPV6, sol_ipv6_opts, "IPV6_???" },
	{ IPPROTO_UDP, sol_udp_opts, "UDP_???" },
	{ 270 /* SOL_NETLINK */, sol_netlink_opts, "NETLINK_???" },
	{ 263 /* SOL_PACKET */, sol_packet_opts, "PACKET_???" },
};

static const struct xlat lease_types[] = {
	X(F_RDLCK), X(F_WRLCK), X(F_UNLCK),
	XLAT_END
};

static const struct xlat dnotify_flags[] = {
	X(DN_ACCESS), X(DN_MODIFY), X(DN_CREATE), X(DN_DELETE), X(DN_RENAME),
	X(DN_ATTRIB), X(DN_MULTISHOT),
	XLAT_END
};

static const struct xlat seal_flags[] = {
	XN(0x1, "F_SEAL_SEAL"), XN(0x2, "F_SEAL_SHRINK"), XN(0x4, "F_SEAL_GROW"),
	XN(0x8, "F_SEAL_WRITE"), XN(0x10, "F_SEAL_FUTURE_WRITE"),
	XLAT_END
};

static const struct xlat owner_types[] = {
	X(F_OWNER_TID), X(F_OWNER_PID), X(F_OWNER_PGRP),
	XLAT_END
};

static const struct xlat ptrace_events[] = {
	XN(1, "PTRACE_EVENT_FORK"), XN(2, "PTRACE_EVENT_VFORK"),
	XN(3, "PTRACE_EVENT_CLONE"), XN(4, "PTRACE_EVENT_EXEC"),
	XN(5, "PTRACE_EVENT_VFORK_DONE"), XN(6, "PTRACE_EVENT_EXIT"),
	XN(7, "PTRACE_EVENT_SECCOMP"), XN(128, "PTRACE_EVENT_STOP"),
	XLAT_END
};

/* si_code values any signal may carry. */
static const struct xlat si_codes[] = {
	X(SI_USER), X(SI_KERNEL), X(SI_QUEUE), X(SI_TIMER), X(SI_MESGQ),
	X(SI_ASYNCIO), X(SI_SIGIO), X(SI_TKILL), X(SI_DETHREAD), X(SI_ASYNCNL),
	XLAT_END
};

static const struct xlat ill_codes[] = {
	X(ILL_ILLOPC), X(ILL_ILLOPN), X(ILL_ILLADR), X(ILL_ILLTRP),
	X(ILL_PRVOPC), X(ILL_PRVREG), X(ILL_COPROC), X(ILL_BADSTK),
	XN(9, "ILL_BADIADDR"),
	XLAT_END
};

static const struct xlat fpe_codes[] = {
	X(FPE_INTDIV), X(FPE_INTOVF), X(FPE_FLTDIV), X(FPE_FLTOVF),
	X(FPE_FLTUND), X(FPE_FLTRES), X(FPE_FLTINV), X(FPE_FLTSUB),
	XN(14, "FPE_FLTUNK"), XN(15, "FPE_CONDTRAP"),
	XLAT_END
};

static const struct xlat segv_codes[] = {
	X(SEGV_MAPERR), X(SEGV_ACCERR), XN(3, "SEGV_BNDERR"),
	XN(4, "SEGV_PKUERR"), XN(5, "SEGV_ACCADI"), XN(6, "SEGV_ADIDERR"),
	XN(7, "SEGV_ADIPERR"), XN(8, "SEGV_MTEAERR"), XN(9, "SEGV_MTESERR"),
	XLAT_END
};

static const struct xlat bus_codes[] = {
	X(BUS_ADRALN), X(BUS_ADRERR), X(BUS_OBJERR), XN(4, "BUS_MCEERR_AR"),
	XN(5, "BUS_MCEERR_AO"),
	XLAT_END
};

static const struct xlat trap_codes[] = {
	X(TRAP_BRKPT), X(TRAP_TRACE), XN(3, "TRAP_BRANCH"),
	XN(4, "TRAP_HWBKPT"), XN(5, "TRAP_UNK"), XN(6, "TRAP_PERF"),
	XLAT_END
};

static const struct xlat cld_codes[] = {
	X(CLD_EXITED), X(CLD_KILLED), X(CLD_DUMPED), X(CLD_TRAPPED),
	X(CLD_STOPPED), X(CLD_CONTINUED),
	XLAT_END
};

static const struct xlat poll_codes[] = {
	X(POLL_IN), X(POLL_OUT), X(POLL_MSG), X(POLL_ERR), X(POLL_PRI),
	X(POLL_HUP),
	XLAT_END
};

static const struct xlat sys_codes[] = {
	XN(1, "SYS_SECCOMP"), XN(2, "SYS_USER_DISPATCH"),
	XLAT_END
};

static const struct xlat audit_arches[] = {
	X(AUDIT_ARCH_X86_64), X(AUDIT_ARCH_I386),
	XLAT_END
};

#undef X
#undef XN

/* ---- basic output ---------------------------------------------------------- */

static unsigned max_strlen(const struct decode_ctx *dc)
{
	return dc->opts ? dc->opts->max_strlen : DEFAULT_STRLEN;
}

static bool fd_paths(const struct decode_ctx *dc)
{
	return dc->opts && dc->opts->fd_paths;
}

/* Argument IDX as the caller's ABI passed it: an i386 program only
 * sets the low 32 bits of each register. */
static uint64_t argval(const struct decode_ctx *dc, unsigned idx)
{
	uint64_t v = idx < SYSENT_MAX_ARGS ? dc->args[idx] : 0;
	return dc->abi == ABI_I386 ? (uint32_t)v : v;
}

static int64_t argsigned(const struct decode_ctx *dc, unsigned idx)
{
	uint64_t v = argval(dc, idx);
	return dc->abi == ABI_I386 ? (int32_t)v : (int64_t)v;
}

static unsigned ptr_size(const struct decode_ctx *dc)
{
	return dc->abi == ABI_X86_64 ? 8 : 4;
}

static void put_addr(struct sbuf *sb, uint64_t addr)
{
	if (addr)
		sb_printf(sb, "%#llx", (unsigned long long)addr);
	else
		sb_puts(sb, "NULL");
}

static bool read_all(const struct decode_ctx *dc, uint64_t addr, void *buf,
		     size_t len)
{
	return tracee_read(dc->pid, addr, buf, len) == (ssize_t)len;
}

/* The object LEN bytes long that argument IDX points to, or false after
 * printing the pointer itself (NULL, or memory that cannot be read). */
static bool fetch_arg(struct sbuf *sb, const struct decode_ctx *dc,
		      unsigned idx, void *buf, size_t len)
{
	uint64_t addr = argval(dc, idx);
	if (addr && read_all(dc, addr, buf, len))
		return true;
	put_addr(sb, addr);
	return false;
}

/* A pointer-sized value from a tracee array. */
static bool read_ptr(const struct decode_ctx *dc, uint64_t addr, uint64_t *out)
{
	if (ptr_size(dc) == 8)
		return read_all(dc, addr, out, 8);
	uint32_t v;
	if (!read_all(dc, addr, &v, 4))
		return false;
	*out = v;
	return true;
}

static void put_enum(struct sbuf *sb, const struct xlat *tab, uint64_t v,
		     const char *unk)
{
	const char *s = xlat_name(tab, v);
	if (s)
		sb_puts(sb, s);
	else
		sb_printf(sb, "%#llx /* %s */", (unsigned long long)v, unk);
}

static bool any_flag(const struct xlat *tab, uint64_t v)
{
	for (; tab->str; tab++)
		if (tab->val && (v & tab->val) == tab->val)
			return true;
	return false;
}

/* strace marks a value none of whose bits has a name with a comment. */
static void put_flags(struct sbuf *sb, const struct xlat *tab, uint64_t v,
		      const char *zero, const char *unk)
{
	if (v && !any_flag(tab, v))
		sb_printf(sb, "%#llx /* %s */", (unsigned long long)v, unk);
	else
		xlat_print_flags(sb, tab, v, zero);
}

/* ---- quoting --------------------------------------------------------------- */

enum {
	Q_BARE = 1 << 0,	/* no surrounding quotes */
	Q_ANGLE = 1 << 1,	/* escape < and >, which delimit -y paths */
	Q_HEX = 1 << 2,		/* every byte as \xNN */
};

static void quote(struct sbuf *sb, const unsigned char *s, size_t len,
		  unsigned style)
{
	static const char hex[] = "0123456789abcdef";
	sb_grow(sb, 4 * len + 2);
	char *o = sb->p + sb->len;

	if (!(style & Q_BARE))
		*o++ = '"';
	for (size_t i = 0; i < len; i++) {
		unsigned char c = s[i];
		if (style & Q_HEX) {
			*o++ = '\\';
			*o++ = 'x';
			*o++ = hex[c >> 4];
			*o++ = hex[c & 15];
			continue;
		}
		const char *esc = NULL;
		switch (c) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\t': esc = "\\t"; break;
		case '\n': esc = "\\n"; break;
		case '\v': esc = "\\v"; break;
		case '\f': esc = "\\f"; break;
		case '\r': esc = "\\r"; break;
		}
		if (esc) {
			*o++ = esc[0];
			*o++ = esc[1];
			continue;
		}
		bool angle = (style & Q_ANGLE) && (c == '<' || c == '>');
		if (c >= ' ' && c < 0x7f && !angle) {
			*o++ = (char)c;
			continue;
		}
		/* Shortest octal, unless an octal digit follows and would
		 * be read as part of the escape. */
		bool full = i + 1 < len && s[i + 1] >= '0' && s[i + 1] <= '7';
		*o++ = '\\';
		if (full || c >= 0100)
			*o++ = (char)('0' + (c >> 6));
		if (full || c >= 010)
			*o++ = (char)('0' + ((c >> 3) & 7));
		*o++ = (char)('0' + (c & 7));
	}
	if (!(style & Q_BARE))
		*o++ = '"';
	sb->len = (size_t)(o - sb->p);
	sb->p[sb->len] = '\0';
}

void decode_quote(struct sbuf *sb, const char *buf, size_t len, bool truncated)
{
	quote(sb, (const unsigned char *)buf, len, 0);
	if (truncated)
		sb_puts(sb, "...");
}

/*
 * Room for N bytes of tracee data placed past the longest text quoting
 * them can produce (4 bytes per byte, quotes, "...", a '<'), so the
 * data can be read into the caller's buffer and quoted from there
 * without either moving.
 */
static unsigned char *scratch(struct sbuf *sb, size_t n)
{
	size_t gap = 4 * n + 16;
	sb_grow(sb, gap + n);
	return (unsigned char *)sb->p + sb->len + gap;
}

/* Known secrets in tracee bytes become '*' before they are quoted:
 * once escaped they could no longer be recognised. */
static void mask_secrets(const struct decode_ctx *dc, unsigned char *buf,
			 size_t n, bool cut)
{
	if (dc->opts->secrets)
		secret_set_mask(dc->opts->secrets, buf, n, cut);
}

/* The NUL-terminated string at ADDR, at most MAX bytes, "..." after it
 * when longer. False, with nothing printed, when it cannot be read. */
static bool put_str(struct sbuf *sb, const struct decode_ctx *dc,
		    uint64_t addr, size_t max)
{
	unsigned char *buf = scratch(sb, max + 1);
	bool complete;
	ssize_t n = tracee_read_str(dc->pid, addr, (char *)buf, max, &complete);

	if (n < 0 || (!complete && (size_t)n < max))
		return false;	/* unterminated up to unreadable memory */
	if (max == 0 && !complete && tracee_read(dc->pid, addr, buf, 1) != 1)
		return false;
	mask_secrets(dc, buf, (size_t)n, !complete);
	quote(sb, buf, (size_t)n, 0);
	if (!complete)
		sb_puts(sb, "...");
	return true;
}

static void put_str_or_addr(struct sbuf *sb, const struct decode_ctx *dc,
			    uint64_t addr, size_t max)
{
	if (!addr || !put_str(sb, dc, addr, max))
		put_addr(sb, addr);
}

/* LEN bytes at ADDR: the first max_strlen of them, "..." when cut. */
static void put_buf(struct sbuf *sb, const struct decode_ctx *dc,
		    uint64_t addr, uint64_t len)
{
	size_t max = max_strlen(dc);
	size_t n = len < max ? (size_t)len : max;

	if (!addr) {
		put_addr(sb, addr);
		return;
	}
	unsigned char *buf = scratch(sb, n);
	if (n && !read_all(dc, addr, buf, n)) {
		put_addr(sb, addr);
		return;
	}
	mask_secrets(dc, buf, n, len > n);
	quote(sb, buf, n, 0);
	if (len > n)
		sb_puts(sb, "...");
}

/* <target> of a /proc symlink, for -y. A deleted file's " (deleted)"
 * goes after the closing '>', as strace shows it. */
static void put_link(struct sbuf *sb, const char *link)
{
	static const char deleted[] = " (deleted)";
	const size_t dlen = sizeof(deleted) - 1;
	unsigned char *buf = scratch(sb, PATH_MAX);
	ssize_t n = readlink(link, (char *)buf, PATH_MAX);

	if (n <= 0)
		return;
	bool gone = (size_t)n > dlen && !memcmp(buf + n - dlen, deleted, dlen);
	if (gone)
		n -= (ssize_t)dlen;
	sb_putc(sb, '<');
	quote(sb, buf, (size_t)n, Q_BARE | Q_ANGLE);
	sb_putc(sb, '>');
	if (gone)
		sb_puts(sb, "(deleted)");
}

static void put_fd(struct sbuf *sb, const struct decode_ctx *dc, int fd)
{
	sb_printf(sb, "%d", fd);
	if (fd >= 0 && fd_paths(dc)) {
		char link[64];
		snprintf(link, sizeof(link), "/proc/%d/fd/%d", (int)dc->pid, fd);
		put_link(sb, link);
	}
}

static void put_signal(struct sbuf *sb, uint64_t sig)
{
	if (sig <= INT_MAX)
		xlat_print_signal(sb, (int)sig);
	else
		sb_printf(sb, "%llu", (unsigned long long)sig);
}

/* [INT TERM]; sets with most signals in them print as ~[what is not]. */
static void put_sigset(struct sbuf *sb, uint64_t mask)
{
	if (__builtin_popcountll(mask) >= 64 * 2 / 3) {
		sb_putc(sb, '~');
		mask = ~mask;
	}
	sb_putc(sb, '[');
	bool first = true;
	for (int sig = 1; sig <= 64; sig++) {
		if (!(mask & (1ULL << (sig - 1))))
			continue;
		if (!first)
			sb_putc(sb, ' ');
		first = false;
		sb_puts(sb, xlat_signal_name(sig) + 3);	/* no "SIG" */
	}
	sb_putc(sb, ']');
}

/* A mode with its file type: S_IFREG|S_ISUID|0755. */
static void put_mode_sym(struct sbuf *sb, uint32_t m)
{
	m &= 0177777;
	if (m & S_IFMT) {
		const char *t = xlat_name(xlat_mode_type, m & S_IFMT);
		if (!t) {
			sb_printf(sb, "%#03o", m);
			return;
		}
		sb_puts(sb, t);
		sb_putc(sb, '|');
	}
	if (m & S_ISUID)
		sb_puts(sb, "S_ISUID|");
	if (m & S_ISGID)
		sb_puts(sb, "S_ISGID|");
	if (m & S_ISVTX)
		sb_puts(sb, "S_ISVTX|");
	sb_printf(sb, "%#03o", m & 0777);
}

static void put_dev(struct sbuf *sb, uint64_t dev)
{
	sb_printf(sb, "makedev(%#x, %#x)", major(dev), minor(dev));
}

/* ---- plain numbers --------------------------------------------------------- */

static void dec_int(struct sbuf *sb, const struct decode_ctx *dc,
		    const struct kind *kd, unsigned idx)
{
	(void)kd;
	sb_printf(sb, "%d", (int)argval(dc, idx));
}

static void dec_uint(struct sbuf *sb, const struct decode_ctx *dc,
		     const struct kind *kd, unsigned idx)
{
	(void)kd;
	sb_printf(sb, "%u", (unsigned)argval(dc, idx));
}

static void dec_long(struct sbuf *sb, const struct decode_ctx *dc,
		     const struct kind *kd, unsigned idx)
{
	(void)kd;
	sb_printf(sb, "%lld", (long long)argsigned(dc, idx));
}

static void dec_ulong(struct sbuf *sb, const struct decode_ctx *dc,
		      const struct kind *kd, unsigned idx)
{
	(void)kd;
	sb_printf(sb, "%llu", (unsigned long long)argval(dc, idx));
}

static void dec_hex(struct sbuf *sb, const struct decode_ctx *dc,
		    const struct kind *kd, unsigned idx)
{
	(void)kd;
	sb_printf(sb, "%#llx", (unsigned long long)argval(dc, idx));
}

static void dec_oct(struct sbuf *sb, const struct decode_ctx *dc,
		    const struct kind *kd, unsigned idx)
{
	(void)kd;
	sb_printf(sb, "%#03llo", (unsigned long long)argval(dc, idx));
}

static void dec_ptr(struct sbuf *sb, const struct decode_ctx *dc,
		    const struct kind *kd, unsigned idx)
{
	(void)kd;
	put_addr(sb, argval(dc, idx));
}

/* (uid_t)-1 means "unchanged" in set*id calls: strace shows -1. */
static void dec_uid(struct sbuf *sb, const struct decode_ctx *dc,
		    const struct kind *kd, unsigned idx)
{
	(void)kd;
	uint32_t id = (uint32_t)argval(dc, idx);
	if (id == UINT32_MAX)
		sb_puts(sb, "-1");
	else
		sb_printf(sb, "%u", id);
}

/* mknod's dev is an unsigned int in the kernel's encoding. */
static void dec_dev(struct sbuf *sb, const struct decode_ctx *dc,
		    const struct kind *kd, unsigned idx)
{
	(void)kd;
	put_dev(sb, (uint32_t)argval(dc, idx));
}

/* ---- descriptors ----------------------------------------------------------- */

static void dec_fd(struct sbuf *sb, const struct decode_ctx *dc,
		   const struct kind *kd, unsigned idx)
{
	(void)kd;
	put_fd(sb, dc, (int)argval(dc, idx));
}

static void dec_dirfd(struct sbuf *sb, const struct decode_ctx *dc,
		      const struct kind *kd, unsigned idx)
{
	int fd = (int)argval(dc, idx);
	if (fd != AT_FDCWD) {
		dec_fd(sb, dc, kd, idx);
		return;
	}
	sb_puts(sb, "AT_FDCWD");
	if (fd_paths(dc)) {
		char link[64];
		snprintf(link, sizeof(link), "/proc/%d/cwd", (int)dc->pid);
		put_link(sb, link);
	}
}

/* ---- memory ---------------------------------------------------------------- */

static void dec_path(struct sbuf *sb, const struct decode_ctx *dc,
		     const struct kind *kd, unsigned idx)
{
	(void)kd;
	put_str_or_addr(sb, dc, argval(dc, idx), PATH_MAX);
}

static void dec_str(struct sbuf *sb, const struct decode_ctx *dc,
		    const struct kind *kd, unsigned idx)
{
	(void)kd;
	put_str_or_addr(sb, dc, argval(dc, idx), max_strlen(dc));
}

static void dec_buf_in(struct sbuf *sb, const struct decode_ctx *dc,
		       const struct kind *kd, unsigned idx)
{
	(void)kd;
	put_buf(sb, dc, argval(dc, idx), argval(dc, idx + 1));
}

static void dec_buf_out(struct sbuf *sb, const struct decode_ctx *dc,
			const struct kind *kd, unsigned idx)
{
	(void)kd;
	put_buf(sb, dc, argval(dc, idx), dc->rval < 0 ? 0 : (uint64_t)dc->rval);
}

/* One struct iovec, in the caller's pointer size. */
static bool read_iovec(const struct decode_ctx *dc, uint64_t ea,
		       uint64_t *base, uint64_t *len)
{
	if (ptr_size(dc) == 8) {
		uint64_t v[2];
		if (!read_all(dc, ea, v, sizeof(v)))
			return false;
		*base = v[0];
		*len = v[1];
	} else {
		uint32_t v[2];
		if (!read_all(dc, ea, v, sizeof(v)))
			return false;
		*base = v[0];
		*len = v[1];
	}
	return true;
}

/*
 * struct iovec[count]: at most max_strlen elements. Each base shows
 * its bytes; for readv-like calls only the first rval bytes in all are
 * data, and a failed call's bases are plain addresses, as in strace.
 */
static void dec_iovec(struct sbuf *sb, const struct decode_ctx *dc,
		      const struct kind *kd, unsigned idx)
{
	uint64_t addr = argval(dc, idx), count = argval(dc, idx + 1);
	bool out = kd->flags & K_OUT;
	bool data = !(out && dc->failed);
	uint64_t left = UINT64_MAX;
	uint64_t esz = 2 * ptr_size(dc);
	unsigned max = max_strlen(dc);
	uint64_t base, len;

	if (out)
		left = dc->rval > 0 ? (uint64_t)dc->rval : 0;
	if (!addr || (count && max && !read_iovec(dc, addr, &base, &len))) {
		put_addr(sb, addr);
		return;
	}
	sb_putc(sb, '[');
	for (uint64_t i = 0; i < count; i++) {
		uint64_t ea = addr + i * esz;
		if (i)
			sb_puts(sb, ", ");
		if (i == max) {
			sb_puts(sb, "...");
			break;
		}
		if (i && !read_iovec(dc, ea, &base, &len)) {
			put_addr(sb, ea);
			break;
		}
		sb_puts(sb, "{iov_base=");
		if (data) {
			uint64_t n = len < left ? len : left;
			put_buf(sb, dc, base, n);
			left -= n;
		} else {
			put_addr(sb, base);
		}
		sb_printf(sb, ", iov_len=%llu}", (unsigned long long)len);
	}
	sb_putc(sb, ']');
}

/* ["ls", "-l"]: NULL-terminated, at most max_strlen elements. */
static void dec_argv(struct sbuf *sb, const struct decode_ctx *dc,
		     const struct kind *kd, unsigned idx)
{
	(void)kd;
	uint64_t addr = argval(dc, idx), p;
	unsigned psz = ptr_size(dc), max = max_strlen(dc);

	if (!addr || !read_ptr(dc, addr, &p)) {
		put_addr(sb, addr);
		return;
	}
	sb_putc(sb, '[');
	for (unsigned i = 0;; i++) {
		if (i && !read_ptr(dc, addr + (uint64_t)i * psz, &p)) {
			sb_puts(sb, ", ...");
			break;
		}
		if (!p)
			break;
		if (i)
			sb_puts(sb, ", ");
		if (i == max) {
			sb_puts(sb, "...");
			break;
		}
		put_str_or_addr(sb, dc, p, max);
	}
	sb_putc(sb, ']');
}

/* Only the count: environment values may hold secrets. */
static void dec_envp(struct sbuf *sb, const struct decode_ctx *dc,
		     const struct kind *kd, unsigned idx)
{
	(void)kd;
	uint64_t addr = argval(dc, idx);
	unsigned psz = ptr_size(dc);
	unsigned char chunk[512];
	unsigned n = 0;
	bool end = false;

	if (!addr) {
		put_addr(sb, addr);
		return;
	}
	while (!end && n < ENVP_MAX) {
		ssize_t got = tracee_read(dc->pid, addr + (uint64_t)n * psz,
					  chunk, sizeof(chunk));
		if (got < (ssize_t)psz) {
			if (n == 0) {
				put_addr(sb, addr);
				return;
			}
			break;
		}
		for (size_t off = 0; off + psz <= (size_t)got; off += psz) {
			uint64_t p = 0;
			memcpy(&p, chunk + off, psz);
			if (!p) {
				end = true;
				break;
			}
			n++;
		}
		if (got < (ssize_t)sizeof(chunk))
			break;
	}
	sb_printf(sb, "%#llx /* %u var%s */", (unsigned long long)addr, n,
		  n == 1 ? "" : "s");
}

/* The kernel's struct stat on x86-64, which is also glibc's. */
static void dec_stat(struct sbuf *sb, const struct decode_ctx *dc,
		     const struct kind *kd, unsigned idx)
{
	(void)kd;
	struct stat st;

	if (!fetch_arg(sb, dc, idx, &st, sizeof(st)))
		return;
	sb_puts(sb, "{st_mode=");
	put_mode_sym(sb, st.st_mode);
	if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) {
		sb_puts(sb, ", st_rdev=");
		put_dev(sb, st.st_rdev);
	} else {
		sb_printf(sb, ", st_size=%lld", (long long)st.st_size);
	}
	sb_puts(sb, ", ...}");
}

/* struct statx has one layout for every ABI. */
struct kstatx {
	uint32_t stx_mask, stx_blksize;
	uint64_t stx_attributes;
	uint32_t stx_nlink, stx_uid, stx_gid;
	uint16_t stx_mode, pad1;
	uint64_t stx_ino, stx_size;
};

static void dec_statx(struct sbuf *sb, const struct decode_ctx *dc,
		      const struct kind *kd, unsigned idx)
{
	(void)kd;
	struct kstatx sx;

	if (!fetch_arg(sb, dc, idx, &sx, sizeof(sx)))
		return;
	sb_puts(sb, "{stx_mask=");
	put_flags(sb, xlat_statx_mask, sx.stx_mask, "0", "STATX_???");
	sb_puts(sb, ", stx_attributes=");
	put_flags(sb, statx_attrs, sx.stx_attributes, "0", "STATX_ATTR_???");
	sb_puts(sb, ", stx_mode=");
	put_mode_sym(sb, sx.stx_mode);
	sb_printf(sb, ", stx_size=%llu, ...}", (unsigned long long)sx.stx_size);
}

static void dec_timespec(struct sbuf *sb, const struct decode_ctx *dc,
			 const struct kind *kd, unsigned idx)
{
	(void)kd;
	int64_t ts[2];

	if (!fetch_arg(sb, dc, idx, ts, sizeof(ts)))
		return;
	sb_printf(sb, "{tv_sec=%lld, tv_nsec=%lld}", (long long)ts[0],
		  (long long)ts[1]);
}

/* ---- socket addresses ------------------------------------------------------ */

union sockaddr_any {
	struct sockaddr sa;
	struct sockaddr_storage ss;
	struct sockaddr_un un;
	struct sockaddr_in in;
	struct sockaddr_in6 in6;
	struct sockaddr_nl nl;
};

/* Everything after sa_family, in full (strace ignores -s here). */
static void put_sa_data(struct sbuf *sb, const union sockaddr_any *u, size_t len)
{
	sb_puts(sb, ", sa_data=");
	quote(sb, (const unsigned char *)u->sa.sa_data, len - sizeof(sa_family_t), 0);
}

static void put_sa_unix(struct sbuf *sb, const union sockaddr_any *u, size_t len)
{
	size_t n = len - sizeof(sa_family_t);
	const char *path = u->un.sun_path;

	if (n > sizeof(u->un.sun_path))
		n = sizeof(u->un.sun_path);
	if (n == 0)
		return;
	if (path[0] == '\0') {
		/* Abstract name: every byte counts, NULs included. */
		sb_puts(sb, ", sun_path=@");
		quote(sb, (const unsigned char *)path + 1, n - 1, 0);
		return;
	}
	sb_puts(sb, ", sun_path=");
	quote(sb, (const unsigned char *)path, strnlen(path, n), 0);
}

static void put_sa_inet(struct sbuf *sb, const union sockaddr_any *u, size_t len)
{
	char a[INET_ADDRSTRLEN];
	if (len < sizeof(u->in)) {
		put_sa_data(sb, u, len);
		return;
	}
	inet_ntop(AF_INET, &u->in.sin_addr, a, sizeof(a));
	sb_printf(sb, ", sin_port=htons(%u), sin_addr=inet_addr(\"%s\")",
		  ntohs(u->in.sin_port), a);
}

static void put_sa_inet6(struct sbuf *sb, const union sockaddr_any *u, size_t len)
{
	/* RFC 2133's sockaddr_in6 had no sin6_scope_id. */
	const size_t v1len = offsetof(struct sockaddr_in6, sin6_scope_id);
	const struct sockaddr_in6 *s6 = &u->in6;
	char a[INET6_ADDRSTRLEN], ifname[IF_NAMESIZE];

	if (len < v1len) {
		put_sa_data(sb, u, len);
		return;
	}
	inet_ntop(AF_INET6, &s6->sin6_addr, a, sizeof(a));
	sb_printf(sb, ", sin6_port=htons(%u), sin6_flowinfo=htonl(%u), "
		  "inet_pton(AF_INET6, \"%s\", &sin6_addr)",
		  ntohs(s6->sin6_port), ntohl(s6->sin6_flowinfo), a);
	if (len < sizeof(*s6))
		return;
	if (s6->sin6_scope_id &&
	    (IN6_IS_ADDR_LINKLOCAL(&s6->sin6_addr) ||
	     IN6_IS_ADDR_MC_LINKLOCAL(&s6->sin6_addr)) &&
	    if_indextoname(s6->sin6_scope_id, ifname))
		sb_printf(sb, ", sin6_scope_id=if_nametoindex(\"%s\")", ifname);
	else
		sb_printf(sb, ", sin6_scope_id=%u", s6->sin6_scope_id);
}

static void put_sa_netlink(struct sbuf *sb, const union sockaddr_any *u,
			   size_t len)
{
	if (len < sizeof(u->nl)) {
		put_sa_data(sb, u, len);
		return;
	}
	sb_printf(sb, ", nl_pid=%u, nl_groups=%#08x", u->nl.nl_pid,
		  u->nl.nl_groups);
}

static const struct sa_printer {
	int family;
	void (*fn)(struct sbuf *sb, const union sockaddr_any *u, size_t len);
} sa_printers[] = {
	{ AF_UNIX, put_sa_unix },
	{ AF_INET, put_sa_inet },
	{ AF_INET6, put_sa_inet6 },
	{ AF_NETLINK, put_sa_netlink },
};

static void put_sockaddr(struct sbuf *sb, const struct decode_ctx *dc,
			 uint64_t addr, int64_t len)
{
	union sockaddr_any u;
	size_t n;

	if (!addr || len < (int64_t)sizeof(sa_family_t)) {
		put_addr(sb, addr);
		return;
	}
	n = len > (int64_t)sizeof(u) ? sizeof(u) : (size_t)len;
	memset(&u, 0, sizeof(u));
	if (!read_all(dc, addr, &u, n)) {
		put_addr(sb, addr);
		return;
	}
	/* sun_path and sa_data are quoted as they are */
	mask_secrets(dc, (unsigned char *)&u + sizeof(sa_family_t),
		     n - sizeof(sa_family_t), false);
	sb_puts(sb, "{sa_family=");
	put_enum(sb, xlat_sock_family, u.sa.sa_family, "AF_???");
	if (n == sizeof(sa_family_t)) {
		sb_putc(sb, '}');
		return;
	}
	for (size_t i = 0; i < ARRAY_SIZE(sa_printers); i++) {
		if (sa_printers[i].family == u.sa.sa_family) {
			sa_printers[i].fn(sb, &u, n);
			sb_putc(sb, '}');
			return;
		}
	}
	put_sa_data(sb, &u, n);
	sb_putc(sb, '}');
}

static void dec_sockaddr(struct sbuf *sb, const struct decode_ctx *dc,
			 const struct kind *kd, unsigned idx)
{
	(void)kd;
	put_sockaddr(sb, dc, argval(dc, idx), (int)argval(dc, idx + 1));
}

/* The length the kernel stored through the socklen_t * after it. */
static void dec_sockaddr_out(struct sbuf *sb, const struct decode_ctx *dc,
			     const struct kind *kd, unsigned idx)
{
	(void)kd;
	uint64_t addr = argval(dc, idx), lenp = argval(dc, idx + 1);
	uint32_t len;

	if (!addr || !lenp || !read_all(dc, lenp, &len, sizeof(len))) {
		put_addr(sb, addr);
		return;
	}
	put_sockaddr(sb, dc, addr, len);
}

/* [16]. Decoded even after a failure: the value is then still the one
 * passed in, which is what strace shows. */
static void dec_socklen(struct sbuf *sb, const struct decode_ctx *dc,
			const struct kind *kd, unsigned idx)
{
	(void)kd;
	uint32_t len;

	if (!fetch_arg(sb, dc, idx, &len, sizeof(len)))
		return;
	sb_printf(sb, "[%u]", len);
}

static void dec_int_ptr(struct sbuf *sb, const struct decode_ctx *dc,
			const struct kind *kd, unsigned idx)
{
	(void)kd;
	int v;

	if (!fetch_arg(sb, dc, idx, &v, sizeof(v)))
		return;
	sb_printf(sb, "[%d]", v);
}

static void dec_utsname(struct sbuf *sb, const struct decode_ctx *dc,
			const struct kind *kd, unsigned idx)
{
	(void)kd;
	struct utsname u;

	if (!fetch_arg(sb, dc, idx, &u, sizeof(u)))
		return;
	mask_secrets(dc, (unsigned char *)&u, sizeof(u), false);
	/* strace's abbreviated form: the two fields that tell machines
	 * apart, then "...". */
	sb_puts(sb, "{sysname=");
	decode_quote(sb, u.sysname, strnlen(u.sysname, sizeof(u.sysname)), false);
	sb_puts(sb, ", nodename=");
	decode_quote(sb, u.nodename, strnlen(u.nodename, sizeof(u.nodename)), false);
	sb_puts(sb, ", ...}");
}

static void dec_pipefds(struct sbuf *sb, const struct decode_ctx *dc,
			const struct kind *kd, unsigned idx)
{
	(void)kd;
	int fds[2];

	if (!fetch_arg(sb, dc, idx, fds, sizeof(fds)))
		return;
	sb_putc(sb, '[');
	put_fd(sb, dc, fds[0]);
	sb_puts(sb, ", ");
	put_fd(sb, dc, fds[1]);
	sb_putc(sb, ']');
}

/* ---- processes and signals ------------------------------------------------- */

/* wait4's status; with WNOHANG and nothing to report (rval 0) the
 * kernel wrote nothing, and strace shows the address. */
static void dec_wait_status(struct sbuf *sb, const struct decode_ctx *dc,
			    const struct kind *kd, unsigned idx)
{
	(void)kd;
	uint64_t addr = argval(dc, idx);
	int s;

	if (!addr || dc->rval == 0 || !read_all(dc, addr, &s, sizeof(s))) {
		put_addr(sb, addr);
		return;
	}
	sb_putc(sb, '[');
	if (WIFEXITED(s)) {
		sb_printf(sb, "{WIFEXITED(s) && WEXITSTATUS(s) == %d}",
			  WEXITSTATUS(s));
	} else if (WIFSIGNALED(s)) {
		sb_puts(sb, "{WIFSIGNALED(s) && WTERMSIG(s) == ");
		xlat_print_signal(sb, WTERMSIG(s));
		sb_puts(sb, WCOREDUMP(s) ? " && WCOREDUMP(s)}" : "}");
	} else if (WIFSTOPPED(s)) {
		int sig = WSTOPSIG(s);
		sb_puts(sb, "{WIFSTOPPED(s) && WSTOPSIG(s) == ");
		if (sig & 0x80 && xlat_signal_name(sig & 0x7f)) {
			/* PTRACE_O_TRACESYSGOOD's syscall stops */
			sb_puts(sb, xlat_signal_name(sig & 0x7f));
			sb_puts(sb, "|0x80");
		} else {
			xlat_print_signal(sb, sig);
		}
		sb_putc(sb, '}');
		unsigned ev = (unsigned)s >> PTRACE_EVENT_SHIFT;
		if (ev) {
			sb_puts(sb, " | ");
			xlat_print_val(sb, ptrace_events, ev);
			sb_puts(sb, " << 16");
		}
	} else if (WIFCONTINUED(s)) {
		sb_puts(sb, "{WIFCONTINUED(s)}");
	} else {
		sb_printf(sb, "%#x", (unsigned)s);
	}
	sb_putc(sb, ']');
}

/* The kernel's 64-bit sigset_t, the same for every ABI's rt_* calls. */
static void dec_sigset(struct sbuf *sb, const struct decode_ctx *dc,
		       const struct kind *kd, unsigned idx)
{
	(void)kd;
	uint64_t addr = argval(dc, idx), mask;

	if (!addr || !read_all(dc, addr, &mask, sizeof(mask))) {
		put_addr(sb, addr);
		return;
	}
	put_sigset(sb, mask);
}

/* The kernel's x86-64 struct sigaction: handler, flags, restorer, mask. */
static void dec_sigaction(struct sbuf *sb, const struct decode_ctx *dc,
			  const struct kind *kd, unsigned idx)
{
	(void)kd;
	uint64_t addr = argval(dc, idx);
	struct {
		uint64_t handler, flags, restorer, mask;
	} ksa;

	if (!addr || !read_all(dc, addr, &ksa, sizeof(ksa))) {
		put_addr(sb, addr);
		return;
	}
	sb_puts(sb, "{sa_handler=");
	if (ksa.handler == (uint64_t)(uintptr_t)SIG_DFL)
		sb_puts(sb, "SIG_DFL");
	else if (ksa.handler == (uint64_t)(uintptr_t)SIG_IGN)
		sb_puts(sb, "SIG_IGN");
	else if (ksa.handler == (uint64_t)(uintptr_t)SIG_ERR)
		sb_puts(sb, "SIG_ERR");
	else
		put_addr(sb, ksa.handler);
	sb_puts(sb, ", sa_mask=");
	put_sigset(sb, ksa.mask);
	sb_puts(sb, ", sa_flags=");
	put_flags(sb, xlat_sa_flags, ksa.flags, "0", "SA_???");
	if (ksa.flags & K_SA_RESTORER) {
		sb_puts(sb, ", sa_restorer=");
		put_addr(sb, ksa.restorer);
	}
	sb_putc(sb, '}');
}

static void put_rlim(struct sbuf *sb, uint64_t v)
{
	if (v == UINT64_MAX)
		sb_puts(sb, "RLIM64_INFINITY");
	else if (v > 1024 && v % 1024 == 0)
		sb_printf(sb, "%llu*1024", (unsigned long long)(v / 1024));
	else
		sb_printf(sb, "%llu", (unsigned long long)v);
}

static void dec_rlimit(struct sbuf *sb, const struct decode_ctx *dc,
		       const struct kind *kd, unsigned idx)
{
	(void)kd;
	uint64_t addr = argval(dc, idx), rl[2];

	if (!addr || !read_all(dc, addr, rl, sizeof(rl))) {
		put_addr(sb, addr);
		return;
	}
	sb_puts(sb, "{rlim_cur=");
	put_rlim(sb, rl[0]);
	sb_puts(sb, ", rlim_max=");
	put_rlim(sb, rl[1]);
	sb_putc(sb, '}');
}

/* struct clone_args; versions add fields at the end (64, 80, 88 bytes). */
struct kclone_args {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack,
		 stack_size, tls, set_tid, set_tid_size, cgroup;
};
#define CLONE_ARGS_V0 64
#define CLONE_ARGS_V1 80

/* Bytes past the fields this decoder knows, from a newer caller: the
 * kernel insists they are zero, so strace shows them when they are not. */
static void put_clone3_tail(struct sbuf *sb, const struct decode_ctx *dc,
			    uint64_t addr, uint64_t size)
{
	const size_t known = sizeof(struct kclone_args);
	uint64_t extra = size - known;
	size_t m = extra < max_strlen(dc) ? (size_t)extra : max_strlen(dc);
	/* extra room for the comment printed before the bytes */
	unsigned char *buf = scratch(sb, m + 16);
	size_t i = 0;

	if (!m || !read_all(dc, addr + known, buf, m))
		return;
	while (i < m && !buf[i])
		i++;
	if (i == m)
		return;
	sb_printf(sb, ", /* bytes %zu..%llu */ ", known,
		  (unsigned long long)size - 1);
	quote(sb, buf, m, Q_HEX);
	if (extra > m)
		sb_puts(sb, "...");
}

static void dec_clone3(struct sbuf *sb, const struct decode_ctx *dc,
		       const struct kind *kd, unsigned idx)
{
	(void)kd;
	uint64_t addr = argval(dc, idx), size = argval(dc, idx + 1);
	struct kclone_args ca;
	size_t n = size < sizeof(ca) ? (size_t)size : sizeof(ca);

	memset(&ca, 0, sizeof(ca));
	if (!addr || size < CLONE_ARGS_V0 || !read_all(dc, addr, &ca, n)) {
		put_addr(sb, addr);
		return;
	}
	sb_puts(sb, "{flags=");
	put_flags(sb, xlat_clone_flags, ca.flags, "0", "CLONE_???");
	if (ca.flags & CLONE_PIDFD) {
		sb_puts(sb, ", pidfd=");
		put_addr(sb, ca.pidfd);
	}
	if (ca.flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)) {
		sb_puts(sb, ", child_tid=");
		put_addr(sb, ca.child_tid);
	}
	if (ca.flags & CLONE_PARENT_SETTID) {
		sb_puts(sb, ", parent_tid=");
		put_addr(sb, ca.parent_tid);
	}
	sb_puts(sb, ", exit_signal=");
	put_signal(sb, ca.exit_signal);
	sb_puts(sb, ", stack=");
	put_addr(sb, ca.stack);
	sb_printf(sb, ", stack_size=%#llx", (unsigned long long)ca.stack_size);
	if (ca.flags & CLONE_SETTLS) {
		sb_puts(sb, ", tls=");
		put_addr(sb, ca.tls);
	}
	if (size >= CLONE_ARGS_V1 && (ca.set_tid || ca.set_tid_size)) {
		sb_puts(sb, ", set_tid=");
		put_addr(sb, ca.set_tid);
		sb_printf(sb, ", set_tid_size=%llu",
			  (unsigned long long)ca.set_tid_size);
	}
	if (size >= sizeof(ca) &&
	    (ca.cgroup || (ca.flags & CLONE_INTO_CGROUP)))
		sb_printf(sb, ", cgroup=%llu", (unsigned long long)ca.cgroup);
	if (size > sizeof(ca))
		put_clone3_tail(sb, dc, addr, size);
	sb_putc(sb, '}');
}

/* getdents64: only how many entries came back, as strace without -v. */
static void dec_dirents(struct sbuf *sb, const struct decode_ctx *dc,
			const struct kind *kd, unsigned idx)
{
	(void)kd;
	const size_t reclen_off = 16;	/* after d_ino and d_off */
	const size_t need = reclen_off + sizeof(uint16_t);
	uint64_t addr = argval(dc, idx);
	uint64_t len = dc->rval > 0 ? (uint64_t)dc->rval : 0;
	unsigned char win[4096];	/* a window on the buffer, moved as needed */
	uint64_t wstart = 0, wlen = 0;
	unsigned count = 0;

	for (uint64_t off = 0; off + need <= len; count++) {
		uint16_t reclen;
		if (off < wstart || off + need > wstart + wlen) {
			wstart = off;
			wlen = len - off < sizeof(win) ? len - off : sizeof(win);
			if (!read_all(dc, addr + off, win, (size_t)wlen))
				break;
		}
		memcpy(&reclen, win + (off - wstart) + reclen_off, sizeof(reclen));
		if (reclen == 0)
			break;
		off += reclen;
	}
	put_addr(sb, addr);
	sb_printf(sb, " /* %u entries */", count);
}

/* ---- value sets ------------------------------------------------------------ */

/* The argument as the int (or, for K_WIDE kinds, long) the call takes. */
static uint64_t setval(const struct decode_ctx *dc, const struct kind *kd,
		       unsigned idx)
{
	uint64_t v = argval(dc, idx);
	return kd->flags & K_WIDE ? v : (uint32_t)v;
}

static void dec_enum(struct sbuf *sb, const struct decode_ctx *dc,
		     const struct kind *kd, unsigned idx)
{
	put_enum(sb, kd->tab, setval(dc, kd, idx), kd->unk);
}

static void dec_flags(struct sbuf *sb, const struct decode_ctx *dc,
		      const struct kind *kd, unsigned idx)
{
	put_flags(sb, kd->tab, setval(dc, kd, idx), kd->zero, kd->unk);
}

static void put_open_flags(struct sbuf *sb, uint32_t v)
{
	xlat_print_val(sb, xlat_open_access, v & O_ACCMODE);
	if (v & ~O_ACCMODE) {
		sb_putc(sb, '|');
		xlat_print_flags(sb, xlat_open_flags, v & ~O_ACCMODE, "0");
	}
}

static void dec_open_flags(struct sbuf *sb, const struct decode_ctx *dc,
			   const struct kind *kd, unsigned idx)
{
	put_open_flags(sb, (uint32_t)setval(dc, kd, idx));
}

/* Permission bits as a number; the file type spelled out when there is
 * one (mknod), as strace does for each. */
static void dec_mode(struct sbuf *sb, const struct decode_ctx *dc,
		     const struct kind *kd, unsigned idx)
{
	uint32_t m = (uint32_t)setval(dc, kd, idx) & 0177777;
	if (m & S_IFMT)
		put_mode_sym(sb, m);
	else
		sb_printf(sb, "%#03o", m);
}

static void dec_map_flags(struct sbuf *sb, const struct decode_ctx *dc,
			  const struct kind *kd, unsigned idx)
{
	uint32_t v = (uint32_t)setval(dc, kd, idx);
	uint32_t rest = v & ~(uint32_t)MAP_TYPE & ~HUGE_MASK;

	put_enum(sb, xlat_map_type, v & MAP_TYPE, "MAP_???");
	if (rest) {
		sb_putc(sb, '|');
		xlat_print_flags(sb, xlat_map_flags, rest, "0");
	}
	if (v & HUGE_MASK)
		sb_printf(sb, "|%u<<MAP_HUGE_SHIFT", v >> HUGE_SHIFT);
}

static void dec_memfd_flags(struct sbuf *sb, const struct decode_ctx *dc,
			    const struct kind *kd, unsigned idx)
{
	uint32_t v = (uint32_t)setval(dc, kd, idx);
	uint32_t rest = v & ~HUGE_MASK;

	if (rest || !(v & HUGE_MASK))
		put_flags(sb, xlat_memfd_flags, rest, "0", "MFD_???");
	if (v & HUGE_MASK)
		sb_printf(sb, "%s%u<<MFD_HUGE_SHIFT", rest ? "|" : "",
			  v >> HUGE_SHIFT);
}

/* clone's low byte is the child's exit signal: CLONE_VM|SIGCHLD. */
static void dec_clone_flags(struct sbuf *sb, const struct decode_ctx *dc,
			    const struct kind *kd, unsigned idx)
{
	uint64_t v = setval(dc, kd, idx);
	uint64_t flags = v & ~0xffULL;
	unsigned sig = v & 0xff;

	if (flags || !sig)
		put_flags(sb, xlat_clone_flags, flags, "0", "CLONE_???");
	if (sig) {
		if (flags)
			sb_putc(sb, '|');
		put_signal(sb, sig);
	}
}

/* SOCK_STREAM|SOCK_CLOEXEC: the type in the low bits, then flags. */
static void dec_sock_type(struct sbuf *sb, const struct decode_ctx *dc,
			  const struct kind *kd, unsigned idx)
{
	const uint32_t type_mask = 0xf;
	uint32_t v = (uint32_t)setval(dc, kd, idx);
	const char *type = xlat_name(xlat_sock_type, v & type_mask);

	if (type) {
		sb_puts(sb, type);
		v &= ~type_mask;
		if (!v)
			return;
		sb_putc(sb, '|');
	}
	put_flags(sb, xlat_sock_type_flags, v, "0", "SOCK_???");
}

/* The protocol's names depend on the family two arguments before. */
static void dec_sock_proto(struct sbuf *sb, const struct decode_ctx *dc,
			   const struct kind *kd, unsigned idx)
{
	uint32_t v = (uint32_t)setval(dc, kd, idx);
	int family = idx >= 2 ? (int)argval(dc, idx - 2) : -1;

	switch (family) {
	case AF_INET:
	case AF_INET6:
		put_enum(sb, xlat_ipproto, v, "IPPROTO_???");
		break;
	case AF_NETLINK:
		put_enum(sb, netlink_protos, v, "NETLINK_???");
		break;
	case AF_PACKET:
		sb_puts(sb, "htons(");
		put_enum(sb, ethertypes, ntohs((uint16_t)v), "ETH_P_???");
		sb_putc(sb, ')');
		break;
	default:
		sb_printf(sb, "%u", v);
		break;
	}
}

static void dec_sockopt_name(struct sbuf *sb, const struct decode_ctx *dc,
			     const struct kind *kd, unsigned idx)
{
	uint32_t v = (uint32_t)setval(dc, kd, idx);
	int level = idx >= 1 ? (int)argval(dc, idx - 1) : -1;

	for (size_t i = 0; i < ARRAY_SIZE(sockopt_levels); i++) {
		if (sockopt_levels[i].level == level) {
			put_enum(sb, sockopt_levels[i].tab, v,
				 sockopt_levels[i].unk);
			return;
		}
	}
	sb_printf(sb, "%u", v);
}

static void dec_signal(struct sbuf *sb, const struct decode_ctx *dc,
		       const struct kind *kd, unsigned idx)
{
	(void)kd;
	xlat_print_signal(sb, (int)argval(dc, idx));
}

/* ---- fcntl ----------------------------------------------------------------- */

static void fa_none(struct sbuf *sb, const struct decode_ctx *dc, uint64_t v)
{
	(void)sb, (void)dc, (void)v;
}

static void fa_uint(struct sbuf *sb, const struct decode_ctx *dc, uint64_t v)
{
	(void)dc;
	sb_printf(sb, "%u", (uint32_t)v);
}

static void fa_int(struct sbuf *sb, const struct decode_ctx *dc, uint64_t v)
{
	(void)dc;
	sb_printf(sb, "%d", (int)v);
}

static void fa_fdflags(struct sbuf *sb, const struct decode_ctx *dc, uint64_t v)
{
	(void)dc;
	put_flags(sb, xlat_fdflags_fcntl, (uint32_t)v, "0", "FD_???");
}

static void fa_openflags(struct sbuf *sb, const struct decode_ctx *dc, uint64_t v)
{
	(void)dc;
	put_open_flags(sb, (uint32_t)v);
}

static void fa_signal(struct sbuf *sb, const struct decode_ctx *dc, uint64_t v)
{
	(void)dc;
	xlat_print_signal(sb, (int)v);
}

static void fa_lease(struct sbuf *sb, const struct decode_ctx *dc, uint64_t v)
{
	(void)dc;
	put_enum(sb, lease_types, (uint32_t)v, "F_???");
}

static void fa_notify(struct sbuf *sb, const struct decode_ctx *dc, uint64_t v)
{
	(void)dc;
	put_flags(sb, dnotify_flags, (uint32_t)v, "0", "DN_???");
}

static void fa_seals(struct sbuf *sb, const struct decode_ctx *dc, uint64_t v)
{
	(void)dc;
	put_flags(sb, seal_flags, (uint32_t)v, "0", "F_SEAL_???");
}

static void put_flock(struct sbuf *sb, const struct decode_ctx *dc, uint64_t v,
		      bool with_pid)
{
	struct flock fl;

	if (!v || dc->abi != ABI_X86_64 || !read_all(dc, v, &fl, sizeof(fl))) {
		put_addr(sb, v);
		return;
	}
	sb_puts(sb, "{l_type=");
	put_enum(sb, lease_types, (uint16_t)fl.l_type, "F_???");
	sb_puts(sb, ", l_whence=");
	put_enum(sb, xlat_whence, (uint16_t)fl.l_whence, "SEEK_???");
	sb_printf(sb, ", l_start=%lld, l_len=%lld", (long long)fl.l_start,
		  (long long)fl.l_len);
	if (with_pid)
		sb_printf(sb, ", l_pid=%d", (int)fl.l_pid);
	sb_putc(sb, '}');
}

static void fa_setlk(struct sbuf *sb, const struct decode_ctx *dc, uint64_t v)
{
	put_flock(sb, dc, v, false);
}

/* F_GETLK's lock comes back filled in, l_pid included. */
static void fa_getlk(struct sbuf *sb, const struct decode_ctx *dc, uint64_t v)
{
	put_flock(sb, dc, v, true);
}

static void fa_owner(struct sbuf *sb, const struct decode_ctx *dc, uint64_t v)
{
	struct f_owner_ex o;

	if (!v || !read_all(dc, v, &o, sizeof(o))) {
		put_addr(sb, v);
		return;
	}
	sb_puts(sb, "{type=");
	put_enum(sb, owner_types, (uint32_t)o.type, "F_OWNER_???");
	sb_printf(sb, ", pid=%d}", (int)o.pid);
}

static const struct fcntl_arg {
	int cmd;
	void (*fn)(struct sbuf *sb, const struct decode_ctx *dc, uint64_t v);
} fcntl_args[] = {
	/* commands without an argument: strace prints none */
	{ F_GETFD, fa_none }, { F_GETFL, fa_none }, { F_GETOWN, fa_none },
	{ F_GETSIG, fa_none }, { F_GETLEASE, fa_none },
	{ F_GETPIPE_SZ, fa_none }, { F_GET_SEALS, fa_none },
	{ F_DUPFD, fa_uint }, { F_DUPFD_CLOEXEC, fa_uint },
	{ F_SETPIPE_SZ, fa_uint }, { F_SETOWN, fa_int },
	{ F_SETFD, fa_fdflags }, { F_SETFL, fa_openflags },
	{ F_SETSIG, fa_signal }, { F_SETLEASE, fa_lease },
	{ F_NOTIFY, fa_notify }, { F_ADD_SEALS, fa_seals },
	{ F_SETLK, fa_setlk }, { F_SETLKW, fa_setlk },
	{ F_OFD_SETLK, fa_setlk }, { F_OFD_SETLKW, fa_setlk },
	{ F_GETLK, fa_getlk }, { F_OFD_GETLK, fa_getlk },
	{ F_SETOWN_EX, fa_owner }, { F_GETOWN_EX, fa_owner },
};

/* The third argument of fcntl, by the command before it. Commands that
 * take none print nothing: the caller drops the separator. */
static void dec_fcntl_arg(struct sbuf *sb, const struct decode_ctx *dc,
			  const struct kind *kd, unsigned idx)
{
	(void)kd;
	int cmd = idx >= 1 ? (int)argval(dc, idx - 1) : -1;
	uint64_t v = argval(dc, idx);

	for (size_t i = 0; i < ARRAY_SIZE(fcntl_args); i++) {
		if (fcntl_args[i].cmd == cmd) {
			fcntl_args[i].fn(sb, dc, v);
			return;
		}
	}
	sb_printf(sb, "%#llx", (unsigned long long)v);
}

/* ---- other value sets ------------------------------------------------------ */

/* Unknown requests as the _IOC() that builds them. */
static void dec_ioctl_req(struct sbuf *sb, const struct decode_ctx *dc,
			  const struct kind *kd, unsigned idx)
{
	static const char *const dirs[] = {
		"_IOC_NONE", "_IOC_WRITE", "_IOC_READ", "_IOC_READ|_IOC_WRITE",
	};
	uint32_t r = (uint32_t)setval(dc, kd, idx);
	const char *name = xlat_name(xlat_ioctl_req, r);

	if (name) {
		sb_puts(sb, name);
		return;
	}
	sb_printf(sb, "_IOC(%s, %#x, %#x, %#x)", dirs[r >> 30], (r >> 8) & 0xff,
		  r & 0xff, (r >> 16) & 0x3fff);
}

/* FUTEX_WAIT_PRIVATE, FUTEX_WAIT_BITSET|FUTEX_CLOCK_REALTIME. */
static void dec_futex_op(struct sbuf *sb, const struct decode_ctx *dc,
			 const struct kind *kd, unsigned idx)
{
	const uint32_t priv = 128, clock_rt = 256;	/* FUTEX_PRIVATE_FLAG, FUTEX_CLOCK_REALTIME */
	const uint32_t fd_cmd = 2;			/* FUTEX_FD has no _PRIVATE spelling */
	uint32_t op = (uint32_t)setval(dc, kd, idx);
	uint32_t cmd = op & ~(priv | clock_rt);
	const char *name = xlat_name(xlat_futex_op, cmd);

	if (!name) {
		sb_printf(sb, "%#x /* FUTEX_??? */", op);
		return;
	}
	sb_puts(sb, name);
	if (op & priv)
		sb_puts(sb, cmd == fd_cmd ? "|FUTEX_PRIVATE_FLAG" : "_PRIVATE");
	if (op & clock_rt)
		sb_puts(sb, "|FUTEX_CLOCK_REALTIME");
}

/* mount's flags may carry the pre-2.4 magic MS_MGC_VAL in the top half. */
static void dec_mount_flags(struct sbuf *sb, const struct decode_ctx *dc,
			    const struct kind *kd, unsigned idx)
{
	const uint64_t mgc_val = 0xC0ED0000, mgc_msk = 0xffff0000;
	uint64_t v = setval(dc, kd, idx);

	if ((v & mgc_msk) == mgc_val) {
		sb_puts(sb, "MS_MGC_VAL");
		v &= ~mgc_msk;
		if (!v)
			return;
		sb_putc(sb, '|');
	}
	put_flags(sb, xlat_mount_flags, v, "0", "MS_???");
}

/* PER_LINUX|ADDR_NO_RANDOMIZE; 0xffffffff only queries the persona. */
static void dec_personality(struct sbuf *sb, const struct decode_ctx *dc,
			    const struct kind *kd, unsigned idx)
{
	uint32_t v = (uint32_t)setval(dc, kd, idx);

	if (v == UINT32_MAX) {
		sb_printf(sb, "%#x", v);
		return;
	}
	put_enum(sb, xlat_personality_type, v & 0xff, "PER_???");
	if (v & ~0xffU) {
		sb_putc(sb, '|');
		xlat_print_flags(sb, xlat_personality_flags, v & ~0xffU, "0");
	}
}

/* shmget's IPC_CREAT|IPC_EXCL|0600: flags, then the mode in octal. */
static void dec_ipc_flags(struct sbuf *sb, const struct decode_ctx *dc,
			  const struct kind *kd, unsigned idx)
{
	uint32_t v = (uint32_t)setval(dc, kd, idx);
	uint32_t flags = v & ~0777U & ~HUGE_MASK;

	if (flags) {
		xlat_print_flags(sb, xlat_ipc_flags, flags, "0");
		sb_putc(sb, '|');
	}
	if (v & HUGE_MASK)
		sb_printf(sb, "%u<<SHM_HUGE_SHIFT|", v >> HUGE_SHIFT);
	sb_printf(sb, "%#03o", v & 0777);
}

static void dec_ipc_cmd(struct sbuf *sb, const struct decode_ctx *dc,
			const struct kind *kd, unsigned idx)
{
	const uint32_t ipc_64 = 0x100;
	uint32_t v = (uint32_t)setval(dc, kd, idx);

	if (v & ipc_64)
		sb_puts(sb, "IPC_64|");
	put_enum(sb, xlat_ipc_cmd, v & ~ipc_64, "SHM_???");
}

/* ---- the kind table -------------------------------------------------------- */

#define ENUM(n, tab, unk) { n, dec_enum, tab, unk, NULL, 0 }
#define FLAGS(n, tab, zero, unk) { n, dec_flags, tab, unk, zero, 0 }

static const struct kind kinds[A_KIND_COUNT] = {
	[A_INT] = { "int", dec_int, NULL, NULL, NULL, 0 },
	[A_UINT] = { "uint", dec_uint, NULL, NULL, NULL, 0 },
	[A_LONG] = { "long", dec_long, NULL, NULL, NULL, 0 },
	[A_ULONG] = { "ulong", dec_ulong, NULL, NULL, NULL, 0 },
	[A_HEX] = { "hex", dec_hex, NULL, NULL, NULL, 0 },
	[A_OCT] = { "oct", dec_oct, NULL, NULL, NULL, 0 },
	[A_PTR] = { "ptr", dec_ptr, NULL, NULL, NULL, 0 },
	[A_UID] = { "uid", dec_uid, NULL, NULL, NULL, 0 },
	[A_GID] = { "gid", dec_uid, NULL, NULL, NULL, 0 },
	[A_PID] = { "pid", dec_int, NULL, NULL, NULL, 0 },
	[A_DEV] = { "dev", dec_dev, NULL, NULL, NULL, 0 },
	[A_FD] = { "fd", dec_fd, NULL, NULL, NULL, 0 },
	[A_DIRFD] = { "dirfd", dec_dirfd, NULL, NULL, NULL, 0 },
	[A_PATH] = { "path", dec_path, NULL, NULL, NULL, 0 },
	[A_STR] = { "str", dec_str, NULL, NULL, NULL, 0 },
	[A_BUF_IN] = { "buf_in", dec_buf_in, NULL, NULL, NULL, 0 },
	[A_BUF_OUT] = { "buf_out", dec_buf_out, NULL, NULL, NULL, K_OUT },
	[A_IOVEC_IN] = { "iovec_in", dec_iovec, NULL, NULL, NULL, 0 },
	[A_IOVEC_OUT] = { "iovec_out", dec_iovec, NULL, NULL, NULL,
			  K_OUT | K_FAILED_TOO },
	[A_ARGV] = { "argv", dec_argv, NULL, NULL, NULL, 0 },
	[A_ENVP] = { "envp", dec_envp, NULL, NULL, NULL, 0 },
	[A_STAT_OUT] = { "stat", dec_stat, NULL, NULL, NULL, K_OUT | K_ABI },
	[A_STATX_OUT] = { "statx", dec_statx, NULL, NULL, NULL, K_OUT },
	[A_TIMESPEC] = { "timespec", dec_timespec, NULL, NULL, NULL, K_ABI },
	[A_TIMESPEC_OUT] = { "timespec_out", dec_timespec, NULL, NULL, NULL,
			     K_OUT | K_ABI },
	[A_SOCKADDR] = { "sockaddr", dec_sockaddr, NULL, NULL, NULL, 0 },
	[A_SOCKADDR_OUT] = { "sockaddr_out", dec_sockaddr_out, NULL, NULL,
			     NULL, K_OUT },
	[A_SOCKLEN_OUT] = { "socklen", dec_socklen, NULL, NULL, NULL,
			    K_OUT | K_FAILED_TOO },
	[A_PIPEFDS_OUT] = { "pipefds", dec_pipefds, NULL, NULL, NULL, K_OUT },
	[A_WAIT_STATUS_OUT] = { "wait_status", dec_wait_status, NULL, NULL,
				NULL, K_OUT },
	[A_SIGSET] = { "sigset", dec_sigset, NULL, NULL, NULL, 0 },
	[A_SIGSET_OUT] = { "sigset_out", dec_sigset, NULL, NULL, NULL, K_OUT },
	[A_SIGACTION] = { "sigaction", dec_sigaction, NULL, NULL, NULL, K_ABI },
	[A_SIGACTION_OUT] = { "sigaction_out", dec_sigaction, NULL, NULL, NULL,
			      K_OUT | K_ABI },
	[A_RLIMIT] = { "rlimit", dec_rlimit, NULL, NULL, NULL, K_ABI },
	[A_RLIMIT_OUT] = { "rlimit_out", dec_rlimit, NULL, NULL, NULL,
			   K_OUT | K_ABI },
	[A_CLONE3_ARGS] = { "clone3_args", dec_clone3, NULL, NULL, NULL, 0 },
	[A_DIRENTS_OUT] = { "dirents", dec_dirents, NULL, NULL, NULL, K_OUT },
	[A_INT_PTR] = { "int_ptr", dec_int_ptr, NULL, NULL, NULL, 0 },
	[A_UTSNAME_OUT] = { "utsname", dec_utsname, NULL, NULL, NULL, K_OUT },
	[A_OPEN_FLAGS] = { "open_flags", dec_open_flags, NULL, NULL, NULL, 0 },
	[A_FD_FLAGS] = FLAGS("fd_flags", xlat_fd_flags, "0", "O_???"),
	[A_MODE] = { "mode", dec_mode, NULL, NULL, NULL, 0 },
	[A_AT_FLAGS] = FLAGS("at_flags", xlat_at_flags, "0", "AT_???"),
	[A_ACCESS_MODE] = FLAGS("access_mode", xlat_access_mode, "F_OK", "?_OK"),
	[A_PROT] = FLAGS("prot", xlat_prot, "PROT_NONE", "PROT_???"),
	[A_MAP_FLAGS] = { "map_flags", dec_map_flags, NULL, NULL, NULL, 0 },
	[A_MADV] = ENUM("madv", xlat_madv, "MADV_???"),
	[A_MREMAP_FLAGS] = FLAGS("mremap_flags", xlat_mremap_flags, "0",
				 "MREMAP_???"),
	[A_MSYNC_FLAGS] = FLAGS("msync_flags", xlat_msync_flags, "0", "MS_???"),
	[A_MLOCK_FLAGS] = FLAGS("mlock_flags", xlat_mlock_flags, "0",
				"MLOCK_???"),
	[A_MLOCKALL_FLAGS] = FLAGS("mlockall_flags", xlat_mlockall_flags, "0",
				   "MCL_???"),
	[A_MEMFD_FLAGS] = { "memfd_flags", dec_memfd_flags, NULL, NULL, NULL, 0 },
	[A_CLONE_FLAGS] = { "clone_flags", dec_clone_flags, NULL, NULL, NULL,
			    K_WIDE },
	[A_UNSHARE_FLAGS] = { "unshare_flags", dec_flags, unshare_flags,
			      "CLONE_???", "0", K_WIDE },
	[A_SOCK_FAMILY] = ENUM("sock_family", xlat_sock_family, "AF_???"),
	[A_SOCK_TYPE] = { "sock_type", dec_sock_type, NULL, NULL, NULL, 0 },
	[A_SOCK_PROTO] = { "sock_proto", dec_sock_proto, NULL, NULL, NULL, 0 },
	[A_MSG_FLAGS] = FLAGS("msg_flags", xlat_msg_flags, "0", "MSG_???"),
	[A_SHUT_HOW] = ENUM("shut_how", xlat_shut_how, "SHUT_???"),
	[A_SOCKOPT_LEVEL] = ENUM("sockopt_level", xlat_sockopt_level, "SOL_??"),
	[A_SOCKOPT_NAME] = { "sockopt_name", dec_sockopt_name, NULL, NULL,
			     NULL, 0 },
	[A_SIGNAL] = { "signal", dec_signal, NULL, NULL, NULL, 0 },
	[A_SIGHOW] = ENUM("sighow", xlat_sighow, "SIG_???"),
	[A_WAIT_OPTIONS] = FLAGS("wait_options", xlat_wait_options, "0", "W???"),
	[A_WHENCE] = ENUM("whence", xlat_whence, "SEEK_???"),
	[A_FCNTL_CMD] = ENUM("fcntl_cmd", xlat_fcntl_cmd, "F_???"),
	[A_FCNTL_ARG] = { "fcntl_arg", dec_fcntl_arg, NULL, NULL, NULL, 0 },
	[A_IOCTL_REQ] = { "ioctl_req", dec_ioctl_req, NULL, NULL, NULL, 0 },
	[A_RLIMIT_RES] = ENUM("rlimit_res", xlat_rlimit_res, "RLIMIT_???"),
	[A_PRCTL_OPT] = ENUM("prctl_opt", xlat_prctl_opt, "PR_???"),
	[A_ARCH_PRCTL_CODE] = ENUM("arch_prctl_code", xlat_arch_prctl,
				   "ARCH_???"),
	[A_PTRACE_REQ] = ENUM("ptrace_req", xlat_ptrace_req, "PTRACE_???"),
	[A_FUTEX_OP] = { "futex_op", dec_futex_op, NULL, NULL, NULL, 0 },
	[A_RENAME_FLAGS] = FLAGS("rename_flags", xlat_rename_flags, "0",
				 "RENAME_??"),
	[A_MOUNT_FLAGS] = { "mount_flags", dec_mount_flags, NULL, NULL, NULL,
			    K_WIDE },
	[A_UMOUNT_FLAGS] = FLAGS("umount_flags", xlat_umount_flags, "0",
				 "MNT_???"),
	[A_GRND_FLAGS] = FLAGS("grnd_flags", xlat_grnd_flags, "0", "GRND_???"),
	[A_EPOLL_OP] = ENUM("epoll_op", xlat_epoll_op, "EPOLL_CTL_???"),
	[A_CLOCKID] = ENUM("clockid", xlat_clockid, "CLOCK_???"),
	[A_PERSONALITY] = { "personality", dec_personality, NULL, NULL, NULL,
			    0 },
	[A_BPF_CMD] = ENUM("bpf_cmd", xlat_bpf_cmd, "BPF_???"),
	[A_SECCOMP_OP] = ENUM("seccomp_op", xlat_seccomp_op,
			      "SECCOMP_SET_MODE_???"),
	[A_KEYCTL_CMD] = ENUM("keyctl_cmd", xlat_keyctl_cmd, "KEYCTL_???"),
	[A_IPC_FLAGS] = { "ipc_flags", dec_ipc_flags, NULL, NULL, NULL, 0 },
	[A_IPC_CMD] = { "ipc_cmd", dec_ipc_cmd, NULL, NULL, NULL, 0 },
	[A_SHMAT_FLAGS] = FLAGS("shmat_flags", xlat_shmat_flags, "0", "SHM_???"),
	[A_XATTR_FLAGS] = FLAGS("xattr_flags", xlat_xattr_flags, "0",
				"XATTR_???"),
	[A_INOTIFY_MASK] = FLAGS("inotify_mask", xlat_inotify_mask, "0",
				 "IN_???"),
	[A_TIMER_FLAGS] = FLAGS("timer_flags", xlat_timer_flags, "0",
				"TIMER_???"),
};

#undef ENUM
#undef FLAGS

static const struct kind *kind_of(enum argkind k)
{
	if ((unsigned)k >= A_KIND_COUNT || !kinds[k].fn)
		return NULL;
	return &kinds[k];
}

bool argkind_valid(enum argkind k)
{
	return kind_of(k) != NULL;
}

bool argkind_is_out(enum argkind k)
{
	const struct kind *kd = kind_of(k);
	return kd && (kd->flags & K_OUT);
}

const char *argkind_name(enum argkind k)
{
	const struct kind *kd = kind_of(k);
	return kd ? kd->name : "?";
}

bool argkind_abi_neutral(enum argkind k)
{
	const struct kind *kd = kind_of(k);
	return !kd || !(kd->flags & K_ABI);
}

void decode_arg(struct sbuf *sb, const struct decode_ctx *dc,
		enum argkind k, unsigned idx)
{
	const struct kind *kd = kind_of(k);

	if (!kd) {
		sb_printf(sb, "%#llx", (unsigned long long)argval(dc, idx));
		return;
	}
	if (kd->flags & K_OUT &&
	    (!dc->exiting || (dc->failed && !(kd->flags & K_FAILED_TOO)))) {
		put_addr(sb, argval(dc, idx));
		return;
	}
	if (kd->flags & K_ABI && dc->abi != ABI_X86_64) {
		put_addr(sb, argval(dc, idx));
		return;
	}
	kd->fn(sb, dc, kd, idx);
}

/* ---- return values --------------------------------------------------------- */

/* Restart codes are not what the program sees: the call is redone or
 * a signal interrupts it, so strace has no value to show but "?". */
static bool is_restart(int err)
{
	return err == 512 || err == 513 || err == 514 || err == 516;
}

static void put_error(struct sbuf *sb, int err)
{
	const char *name = xlat_errno_name(err);

	sb_puts(sb, is_restart(err) ? "? " : "-1 ");
	if (!name) {
		sb_printf(sb, "(errno %d)", err);
		return;
	}
	const char *desc = xlat_errno_desc(err);
	if (desc)
		sb_printf(sb, "%s (%s)", name, desc);
	else
		sb_printf(sb, "%s (Unknown error %d)", name, err);
}

void decode_ret(struct sbuf *sb, const struct decode_ctx *dc,
		enum retkind k)
{
	int64_t r = dc->abi == ABI_I386 ? (int32_t)dc->rval : dc->rval;
	uint64_t u = dc->abi == ABI_I386 ? (uint32_t)dc->rval : (uint64_t)dc->rval;

	if (k == R_NONE) {
		sb_putc(sb, '?');
		return;
	}
	if (dc->failed) {
		put_error(sb, (int)-r);
		return;
	}
	switch (k) {
	case R_HEX:
		sb_printf(sb, "%#llx", (unsigned long long)u);
		break;
	case R_OCT:
		sb_printf(sb, "%#03llo", (unsigned long long)u);
		break;
	case R_FD:
		if (r >= 0 && r <= INT_MAX) {
			put_fd(sb, dc, (int)r);
			break;
		}
		/* fall through */
	default:
		sb_printf(sb, "%lld", (long long)r);
		break;
	}
}

/* ---- siginfo --------------------------------------------------------------- */

/* Codes the kernel sets for faults and other signal-specific events. */
static const struct sig_codes {
	int sig;
	const struct xlat *codes;
} sig_codes[] = {
	{ SIGILL, ill_codes }, { SIGFPE, fpe_codes }, { SIGSEGV, segv_codes },
	{ SIGBUS, bus_codes }, { SIGTRAP, trap_codes }, { SIGCHLD, cld_codes },
	{ SIGIO, poll_codes }, { SIGSYS, sys_codes },
};

static bool is_fault(int sig)
{
	return sig == SIGILL || sig == SIGFPE || sig == SIGSEGV ||
	       sig == SIGBUS || sig == SIGTRAP;
}

static void put_sigval(struct sbuf *sb, const siginfo_t *si, bool always)
{
	if (!always && !si->si_ptr)
		return;
	sb_printf(sb, ", si_int=%d, si_ptr=", si->si_int);
	put_addr(sb, (uintptr_t)si->si_ptr);
}

static void put_sigsource(struct sbuf *sb, const siginfo_t *si)
{
	sb_printf(sb, ", si_pid=%d, si_uid=%u", (int)si->si_pid,
		  (unsigned)si->si_uid);
}

/* Fields of a signal-specific code; false when the code has none here. */
static bool put_sig_fields(struct sbuf *sb, const siginfo_t *si)
{
	int sig = si->si_signo;

	if (is_fault(sig)) {
		sb_puts(sb, ", si_addr=");
		put_addr(sb, (uintptr_t)si->si_addr);
	} else if (sig == SIGCHLD) {
		put_sigsource(sb, si);
		sb_puts(sb, ", si_status=");
		if (si->si_code == CLD_EXITED)
			sb_printf(sb, "%d", si->si_status);
		else
			xlat_print_signal(sb, si->si_status);
		sb_printf(sb, ", si_utime=%lld, si_stime=%lld",
			  (long long)si->si_utime, (long long)si->si_stime);
	} else if (sig == SIGIO) {
		sb_printf(sb, ", si_band=%ld, si_fd=%d", (long)si->si_band,
			  si->si_fd);
	} else if (sig == SIGSYS) {
		sb_puts(sb, ", si_call_addr=");
		put_addr(sb, (uintptr_t)si->si_call_addr);
		/* strace names the call (__NR_x); that needs the syscall
		 * table, which this module does not use. */
		sb_printf(sb, ", si_syscall=%d, si_arch=", si->si_syscall);
		put_enum(sb, audit_arches, (uint32_t)si->si_arch,
			 "AUDIT_ARCH_???");
	} else {
		return false;
	}
	return true;
}

void decode_siginfo(struct sbuf *sb, const siginfo_t *si)
{
	int sig = si->si_signo, code = si->si_code;
	const char *cname = NULL;

	sb_puts(sb, "{si_signo=");
	xlat_print_signal(sb, sig);
	sb_puts(sb, ", si_code=");
	if (code <= 0 || code == SI_KERNEL) {
		cname = xlat_name(si_codes, (uint64_t)(int64_t)code);
	} else {
		for (size_t i = 0; i < ARRAY_SIZE(sig_codes); i++)
			if (sig_codes[i].sig == sig)
				cname = xlat_name(sig_codes[i].codes, code);
	}
	if (cname)
		sb_puts(sb, cname);
	else
		sb_printf(sb, "%#x", (unsigned)code);

	if (code == SI_TIMER) {
		sb_printf(sb, ", si_timerid=%#x, si_overrun=%d",
			  (unsigned)si->si_timerid, si->si_overrun);
		put_sigval(sb, si, true);
	} else if (code == SI_SIGIO) {
		sb_printf(sb, ", si_band=%ld, si_fd=%d", (long)si->si_band,
			  si->si_fd);
	} else if (code == SI_KERNEL && is_fault(sig)) {
		sb_puts(sb, ", si_addr=");
		put_addr(sb, (uintptr_t)si->si_addr);
	} else if (code > 0 && code != SI_KERNEL && cname &&
		   put_sig_fields(sb, si)) {
		/* done */
	} else {
		put_sigsource(sb, si);
		if (code != SI_USER && code != SI_TKILL)
			put_sigval(sb, si, false);
	}
	sb_putc(sb, '}');
}
