/* test_xlat.c - value tables and the name lookups over them */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/socket.h>

#include "xlat.h"

static struct sbuf sb;

static void setup(void)
{
	sb_init(&sb);
}

static void teardown(void)
{
	sb_release(&sb);
}

static const char *flags(const struct xlat *tab, uint64_t v, const char *zero)
{
	sb_reset(&sb);
	xlat_print_flags(&sb, tab, v, zero);
	return sb.p;
}

static const char *val(const struct xlat *tab, uint64_t v)
{
	sb_reset(&sb);
	xlat_print_val(&sb, tab, v);
	return sb.p;
}

/* ---- lookups --------------------------------------------------------------- */

static const struct xlat demo[] = {
	{ 0x3, "BOTH" },	/* a mask before the bits it contains */
	{ 0x1, "ONE" },
	{ 0x2, "TWO" },
	{ 0x8, "EIGHT" },
	XLAT_END
};

START_TEST(test_name)
{
	ck_assert_str_eq(xlat_name(demo, 8), "EIGHT");
	ck_assert_str_eq(xlat_name(demo, 1), "ONE");
	ck_assert_ptr_null(xlat_name(demo, 4));
	ck_assert_ptr_null(xlat_name(demo, 0));
	ck_assert_str_eq(xlat_name(xlat_open_access, O_RDONLY), "O_RDONLY");
	ck_assert_str_eq(xlat_name(xlat_map_type, 0), "MAP_FILE");
}
END_TEST

START_TEST(test_print_val)
{
	ck_assert_str_eq(val(demo, 2), "TWO");
	ck_assert_str_eq(val(demo, 5), "0x5");
	ck_assert_str_eq(val(demo, 0x10), "0x10");
	ck_assert_str_eq(val(xlat_whence, SEEK_END), "SEEK_END");
}
END_TEST

START_TEST(test_flags_combinations)
{
	ck_assert_str_eq(flags(demo, 0x1, "0"), "ONE");
	ck_assert_str_eq(flags(demo, 0x2, "0"), "TWO");
	ck_assert_str_eq(flags(demo, 0x3, "0"), "BOTH");
	ck_assert_str_eq(flags(demo, 0xb, "0"), "BOTH|EIGHT");
	ck_assert_str_eq(flags(demo, 0xa, "0"), "TWO|EIGHT");
}
END_TEST

START_TEST(test_flags_unknown_bits)
{
	ck_assert_str_eq(flags(demo, 0x19, "0"), "ONE|EIGHT|0x10");
	ck_assert_str_eq(flags(demo, 0x10, "0"), "0x10");
	ck_assert_str_eq(flags(demo, 0x8000000000000001ULL, "0"),
			 "ONE|0x8000000000000000");
}
END_TEST

START_TEST(test_flags_zero)
{
	ck_assert_str_eq(flags(demo, 0, "0"), "0");
	ck_assert_str_eq(flags(xlat_prot, 0, "PROT_NONE"), "PROT_NONE");
	ck_assert_str_eq(flags(xlat_access_mode, 0, "F_OK"), "F_OK");
}
END_TEST

/* The orders strace prints, seen with every bit set. */
START_TEST(test_flags_strace_order)
{
	ck_assert_str_eq(flags(xlat_open_flags, 0xfffffffc, "0"),
			 "O_CREAT|O_EXCL|O_NOCTTY|O_TRUNC|O_APPEND|O_NONBLOCK|"
			 "O_SYNC|O_DIRECT|O_LARGEFILE|O_NOFOLLOW|O_NOATIME|"
			 "O_CLOEXEC|O_PATH|O_TMPFILE|FASYNC|0xff80003c");
	ck_assert_str_eq(flags(xlat_open_flags, O_DIRECTORY | O_DSYNC | O_NONBLOCK, "0"),
			 "O_NONBLOCK|O_DSYNC|O_DIRECTORY");
	ck_assert_str_eq(flags(xlat_prot, 0xffffffff, "PROT_NONE"),
			 "PROT_READ|PROT_WRITE|PROT_EXEC|PROT_SEM|PROT_GROWSDOWN|"
			 "PROT_GROWSUP|0xfcfffff0");
	ck_assert_str_eq(flags(xlat_at_flags, 0xffffffff, "0"),
			 "AT_SYMLINK_NOFOLLOW|AT_REMOVEDIR|AT_SYMLINK_FOLLOW|"
			 "AT_NO_AUTOMOUNT|AT_EMPTY_PATH|AT_RECURSIVE|0xffff60ff");
	ck_assert_str_eq(flags(xlat_msg_flags, 0xffffffff, "0"),
			 "MSG_OOB|MSG_PEEK|MSG_DONTROUTE|MSG_CTRUNC|MSG_PROBE|"
			 "MSG_TRUNC|MSG_DONTWAIT|MSG_EOR|MSG_WAITALL|MSG_FIN|"
			 "MSG_SYN|MSG_CONFIRM|MSG_RST|MSG_ERRQUEUE|MSG_NOSIGNAL|"
			 "MSG_MORE|MSG_WAITFORONE|MSG_SENDPAGE_NOTLAST|MSG_BATCH|"
			 "MSG_NO_SHARED_FRAGS|MSG_ZEROCOPY|MSG_FASTOPEN|"
			 "MSG_CMSG_CLOEXEC|MSG_CMSG_COMPAT|0x1bf00000");
	ck_assert_str_eq(flags(xlat_wait_options, 0xffffffff, "0"),
			 "WNOHANG|WEXITED|WSTOPPED|WCONTINUED|WNOWAIT|__WCLONE|"
			 "__WALL|__WNOTHREAD|0x1efffff0");
	ck_assert_str_eq(flags(xlat_mount_flags, 0xffffffff, "0"),
			 "MS_RDONLY|MS_NOSUID|MS_NODEV|MS_NOEXEC|MS_SYNCHRONOUS|"
			 "MS_REMOUNT|MS_MANDLOCK|MS_DIRSYNC|MS_NOSYMFOLLOW|"
			 "MS_NOATIME|MS_NODIRATIME|MS_BIND|MS_MOVE|MS_REC|"
			 "MS_SILENT|MS_POSIXACL|MS_UNBINDABLE|MS_PRIVATE|MS_SLAVE|"
			 "MS_SHARED|MS_RELATIME|MS_KERNMOUNT|MS_I_VERSION|"
			 "MS_STRICTATIME|MS_LAZYTIME|MS_SUBMOUNT|MS_NOREMOTELOCK|"
			 "MS_NOSEC|MS_BORN|MS_ACTIVE|MS_NOUSER|0x200");
	ck_assert_str_eq(flags(xlat_inotify_mask, 0xffffffff, "0"),
			 "IN_ACCESS|IN_MODIFY|IN_ATTRIB|IN_CLOSE_WRITE|"
			 "IN_CLOSE_NOWRITE|IN_OPEN|IN_MOVED_FROM|IN_MOVED_TO|"
			 "IN_CREATE|IN_DELETE|IN_DELETE_SELF|IN_MOVE_SELF|"
			 "IN_UNMOUNT|IN_Q_OVERFLOW|IN_IGNORED|IN_ONLYDIR|"
			 "IN_DONT_FOLLOW|IN_EXCL_UNLINK|IN_MASK_CREATE|"
			 "IN_MASK_ADD|IN_ISDIR|IN_ONESHOT|0x8ff1000");
	ck_assert_str_eq(flags(xlat_sa_flags, 0xffffffff, "0"),
			 "SA_RESTORER|SA_ONSTACK|SA_RESTART|SA_INTERRUPT|"
			 "SA_NODEFER|SA_RESETHAND|SA_SIGINFO|SA_NOCLDSTOP|"
			 "SA_NOCLDWAIT|0x3fffff8");
	ck_assert_str_eq(flags(xlat_clone_flags, ~0xffULL, "0"),
			 "CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_PIDFD|"
			 "CLONE_PTRACE|CLONE_VFORK|CLONE_PARENT|CLONE_THREAD|"
			 "CLONE_NEWNS|CLONE_SYSVSEM|CLONE_SETTLS|"
			 "CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID|CLONE_UNTRACED|"
			 "CLONE_CHILD_SETTID|CLONE_NEWCGROUP|CLONE_NEWUTS|"
			 "CLONE_NEWIPC|CLONE_NEWUSER|CLONE_NEWPID|CLONE_NEWNET|"
			 "CLONE_IO|CLONE_CLEAR_SIGHAND|CLONE_INTO_CGROUP|"
			 "0xfffffffc00400000");
	ck_assert_str_eq(flags(xlat_statx_mask, 0xffffffff, "0"),
			 "STATX_ALL|STATX_MNT_ID|STATX_DIOALIGN|0xffffc000");
	ck_assert_str_eq(flags(xlat_statx_mask, 0x17ff, "0"),
			 "STATX_BASIC_STATS|STATX_MNT_ID");
	ck_assert_str_eq(flags(xlat_map_flags, 0xfffffff0 & ~0xfc000000U, "0"),
			 "MAP_FIXED|MAP_ANONYMOUS|MAP_32BIT|MAP_NORESERVE|"
			 "MAP_POPULATE|MAP_NONBLOCK|MAP_GROWSDOWN|MAP_DENYWRITE|"
			 "MAP_EXECUTABLE|MAP_LOCKED|MAP_STACK|MAP_HUGETLB|"
			 "MAP_SYNC|MAP_FIXED_NOREPLACE|0x3e00680");
}
END_TEST

/* Enumerations must not name one value twice: the second name would
 * never print. */
START_TEST(test_enum_tables_unique)
{
	static const struct xlat *const enums[] = {
		xlat_open_access, xlat_mode_type, xlat_map_type, xlat_madv,
		xlat_sock_family, xlat_sock_type, xlat_ipproto, xlat_shut_how,
		xlat_sockopt_level, xlat_sol_socket_opts, xlat_sol_tcp_opts,
		xlat_sol_ip_opts, xlat_sighow, xlat_whence, xlat_fcntl_cmd,
		xlat_ioctl_req, xlat_rlimit_res, xlat_prctl_opt,
		xlat_arch_prctl, xlat_ptrace_req, xlat_futex_op, xlat_epoll_op,
		xlat_clockid, xlat_personality_type, xlat_bpf_cmd,
		xlat_seccomp_op, xlat_keyctl_cmd, xlat_ipc_cmd,
	};
	for (size_t t = 0; t < ARRAY_SIZE(enums); t++)
		for (const struct xlat *a = enums[t]; a->str; a++)
			for (const struct xlat *b = a + 1; b->str; b++)
				ck_assert_msg(a->val != b->val, "%s and %s share %#llx",
					      a->str, b->str,
					      (unsigned long long)a->val);
}
END_TEST

START_TEST(test_ioctl_names)
{
	ck_assert_str_eq(xlat_name(xlat_ioctl_req, 0x5401), "TCGETS");
	ck_assert_str_eq(xlat_name(xlat_ioctl_req, TIOCGWINSZ), "TIOCGWINSZ");
	ck_assert_str_eq(xlat_name(xlat_ioctl_req, TIOCSTI), "TIOCSTI");
	ck_assert_str_eq(xlat_name(xlat_ioctl_req, 0x5402),
			 "SNDCTL_TMR_START or TCSETS");
	ck_assert_str_eq(xlat_name(xlat_ioctl_req, FIONREAD), "FIONREAD");
	ck_assert_str_eq(xlat_name(xlat_ioctl_req, FIONBIO), "FIONBIO");
	ck_assert_str_eq(xlat_name(xlat_ioctl_req, FIOCLEX), "FIOCLEX");
	ck_assert_str_eq(xlat_name(xlat_ioctl_req, 0x8912), "SIOCGIFCONF");
	ck_assert_str_eq(xlat_name(xlat_ioctl_req, 0x8933), "SIOCGIFINDEX");
	ck_assert_str_eq(xlat_name(xlat_ioctl_req, 0x8906), "SIOCGSTAMP_OLD");
	ck_assert_str_eq(xlat_name(xlat_ioctl_req, BLKGETSIZE64), "BLKGETSIZE64");
	ck_assert_str_eq(xlat_name(xlat_ioctl_req, BLKSSZGET), "BLKSSZGET");
	ck_assert_str_eq(xlat_name(xlat_ioctl_req, 0x80086601), "FS_IOC_GETFLAGS");
	ck_assert_str_eq(xlat_name(xlat_ioctl_req, 0x40049409),
			 "BTRFS_IOC_CLONE or FICLONE");
	ck_assert_str_eq(xlat_name(xlat_ioctl_req, 0xc0045877), "FIFREEZE");
	ck_assert_str_eq(xlat_name(xlat_ioctl_req, 0xc0045878), "FITHAW");
	ck_assert_ptr_null(xlat_name(xlat_ioctl_req, 0x1234));
}
END_TEST

START_TEST(test_table_values)
{
	ck_assert_str_eq(xlat_name(xlat_sock_family, AF_UNIX), "AF_UNIX");
	ck_assert_str_eq(xlat_name(xlat_sock_family, 45), "AF_MCTP");
	ck_assert_ptr_null(xlat_name(xlat_sock_family, 46));
	ck_assert_str_eq(xlat_name(xlat_fcntl_cmd, 12), "F_GETLK64");
	ck_assert_str_eq(xlat_name(xlat_fcntl_cmd, 5), "F_GETLK");
	ck_assert_str_eq(xlat_name(xlat_ptrace_req, 3), "PTRACE_PEEKUSER");
	ck_assert_str_eq(xlat_name(xlat_ptrace_req, 0x4206), "PTRACE_SEIZE");
	ck_assert_str_eq(xlat_name(xlat_sockopt_level, 6), "SOL_TCP");
	ck_assert_str_eq(xlat_name(xlat_sol_socket_opts, 20), "SO_RCVTIMEO_OLD");
	ck_assert_str_eq(xlat_name(xlat_madv, 101), "MADV_SOFT_OFFLINE");
	ck_assert_str_eq(xlat_name(xlat_clockid, 10), "CLOCK_SGI_CYCLE");
	ck_assert_str_eq(xlat_name(xlat_keyctl_cmd, 1),
			 "KEYCTL_JOIN_SESSION_KEYRING");
	ck_assert_str_eq(flags(xlat_open_flags, 0100000, "0"), "O_LARGEFILE");
}
END_TEST

/* ---- signals --------------------------------------------------------------- */

START_TEST(test_signal_names)
{
	static const char *const want[] = {
		NULL, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP",
		"SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV",
		"SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT",
		"SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU",
		"SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF",
		"SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS", "SIGRTMIN",
	};
	char buf[16];

	for (int s = 0; s < (int)ARRAY_SIZE(want); s++) {
		if (want[s])
			ck_assert_str_eq(xlat_signal_name(s), want[s]);
		else
			ck_assert_ptr_null(xlat_signal_name(s));
	}
	for (int s = 33; s <= 64; s++) {
		snprintf(buf, sizeof(buf), "SIGRT_%d", s - 32);
		ck_assert_str_eq(xlat_signal_name(s), buf);
	}
	ck_assert_ptr_null(xlat_signal_name(65));
	ck_assert_ptr_null(xlat_signal_name(-1));
}
END_TEST

START_TEST(test_print_signal)
{
	sb_reset(&sb);
	xlat_print_signal(&sb, SIGTERM);
	sb_puts(&sb, " ");
	xlat_print_signal(&sb, 0);
	sb_puts(&sb, " ");
	xlat_print_signal(&sb, 65);
	sb_puts(&sb, " ");
	xlat_print_signal(&sb, -1);
	ck_assert_str_eq(sb.p, "SIGTERM 0 65 -1");
}
END_TEST

/* ---- errno ----------------------------------------------------------------- */

START_TEST(test_errno_names)
{
	ck_assert_str_eq(xlat_errno_name(ENOENT), "ENOENT");
	ck_assert_str_eq(xlat_errno_name(EAGAIN), "EAGAIN");	/* not EWOULDBLOCK */
	ck_assert_str_eq(xlat_errno_name(EDEADLK), "EDEADLK");
	ck_assert_str_eq(xlat_errno_name(EOPNOTSUPP), "EOPNOTSUPP");
	ck_assert_str_eq(xlat_errno_name(EHWPOISON), "EHWPOISON");
	ck_assert_ptr_null(xlat_errno_name(0));
	ck_assert_ptr_null(xlat_errno_name(41));	/* unused on Linux */
	ck_assert_ptr_null(xlat_errno_name(58));
	ck_assert_ptr_null(xlat_errno_name(134));
	ck_assert_ptr_null(xlat_errno_name(-2));
	ck_assert_ptr_null(xlat_errno_name(4095));
}
END_TEST

/* The descriptions are glibc's strerror texts (what strace prints). */
START_TEST(test_errno_descs_match_strerror)
{
	for (int e = 1; e < 134; e++) {
		if (!xlat_errno_name(e))
			continue;
		ck_assert_msg(xlat_errno_desc(e) != NULL, "errno %d", e);
		ck_assert_str_eq(xlat_errno_desc(e), strerror(e));
	}
}
END_TEST

START_TEST(test_errno_kernel_internal)
{
	ck_assert_str_eq(xlat_errno_name(512), "ERESTARTSYS");
	ck_assert_str_eq(xlat_errno_desc(512), "To be restarted if SA_RESTART is set");
	ck_assert_str_eq(xlat_errno_name(513), "ERESTARTNOINTR");
	ck_assert_str_eq(xlat_errno_desc(513), "To be restarted");
	ck_assert_str_eq(xlat_errno_name(514), "ERESTARTNOHAND");
	ck_assert_str_eq(xlat_errno_desc(514), "To be restarted if no handler");
	ck_assert_str_eq(xlat_errno_name(515), "ENOIOCTLCMD");
	ck_assert_ptr_null(xlat_errno_desc(515));
	ck_assert_str_eq(xlat_errno_name(516), "ERESTART_RESTARTBLOCK");
	ck_assert_str_eq(xlat_errno_desc(516), "Interrupted by signal");
	ck_assert_str_eq(xlat_errno_name(524), "ENOTSUPP");
	ck_assert_ptr_null(xlat_errno_name(519));
	ck_assert_ptr_null(xlat_errno_name(531));
}
END_TEST

static Suite *xlat_suite(void)
{
	Suite *s = suite_create("xlat");
	TCase *tc = tcase_create("lookups");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_name);
	tcase_add_test(tc, test_print_val);
	tcase_add_test(tc, test_flags_combinations);
	tcase_add_test(tc, test_flags_unknown_bits);
	tcase_add_test(tc, test_flags_zero);
	tcase_add_test(tc, test_flags_strace_order);
	tcase_add_test(tc, test_enum_tables_unique);
	tcase_add_test(tc, test_ioctl_names);
	tcase_add_test(tc, test_table_values);
	suite_add_tcase(s, tc);

	tc = tcase_create("signals");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_signal_names);
	tcase_add_test(tc, test_print_signal);
	suite_add_tcase(s, tc);

	tc = tcase_create("errno");
	tcase_add_test(tc, test_errno_names);
	tcase_add_test(tc, test_errno_descs_match_strerror);
	tcase_add_test(tc, test_errno_kernel_internal);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(xlat_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
