/* test_filter.c - which calls the seccomp filter traps. The filter is
 * loaded for real in a child with no tracer: a trapped call then fails
 * with ENOSYS (SECCOMP_RET_TRACE without a tracer), any other runs. */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "filter.h"
#include "sysent.h"

static unsigned row(const char *name)
{
	const struct sysent *se = sysent_by_name(name);
	ck_assert_msg(se, "%s is not in the table", name);
	return sysent_index(se);
}

static void add_cond(struct filter_spec *fs, const char *name, unsigned arg,
		     uint32_t mask, uint32_t value)
{
	struct filter_cond c = { row(name), arg, mask, value };
	filter_spec_add_cond(fs, &c);
}

START_TEST(test_match)
{
	struct filter_spec fs;
	filter_spec_init(&fs);
	traceset_add(&fs.all, row("openat"));
	add_cond(&fs, "ioctl", 1, 0xffffffff, TIOCSTI);
	add_cond(&fs, "ioctl", 1, 0xffffffff, TIOCLINUX);
	add_cond(&fs, "mprotect", 2, PROT_EXEC, PROT_EXEC);

	uint64_t a[6] = { 0 };
	ck_assert(filter_spec_match(&fs, row("openat"), a));
	ck_assert(!filter_spec_match(&fs, row("close"), a));
	a[1] = TIOCSTI;
	ck_assert(filter_spec_match(&fs, row("ioctl"), a));
	/* the kernel reads the request as int: high bits change nothing */
	a[1] = TIOCSTI | 0xdead000000000000ULL;
	ck_assert(filter_spec_match(&fs, row("ioctl"), a));
	a[1] = TIOCLINUX;
	ck_assert(filter_spec_match(&fs, row("ioctl"), a));
	a[1] = TIOCGWINSZ;
	ck_assert(!filter_spec_match(&fs, row("ioctl"), a));
	a[1] = 0;
	a[2] = PROT_READ | PROT_EXEC;
	ck_assert(filter_spec_match(&fs, row("mprotect"), a));
	a[2] = PROT_READ | PROT_WRITE;
	ck_assert(!filter_spec_match(&fs, row("mprotect"), a));
	/* a condition's argument does not leak into another row */
	a[2] = PROT_EXEC;
	ck_assert(!filter_spec_match(&fs, row("mmap"), a));
	filter_spec_release(&fs);
	ck_assert_uint_eq(fs.nconds, 0);
}
END_TEST

/* Run FN in a child under the filter of FS; returns the child's exit
 * status (FN's return value). */
static int run_filtered(const struct filter_spec *fs, bool maps,
			int (*fn)(void))
{
	struct sock_fprog prog;
	ck_assert_int_eq(filter_build(fs, maps, &prog), 0);
	ck_assert_uint_gt(prog.len, 0);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		if (filter_install(&prog) < 0)
			_exit(100);
		_exit(fn());
	}
	filter_release(&prog);
	int st;
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	ck_assert_msg(WIFEXITED(st), "child died: %#x", st);
	ck_assert_msg(WEXITSTATUS(st) != 100, "filter_install failed");
	return WEXITSTATUS(st);
}

/* Each check is a bit of the result: set when the call was trapped. */
static int trapped(long r)
{
	return r == -1 && errno == ENOSYS;
}

static int ioctl_calls(void)
{
	int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 99;
	int bits = 0;
	char c = 'x';
	/* /dev/null is no tty: an untrapped call fails with ENOTTY */
	bits |= trapped(syscall(SYS_ioctl, fd, (unsigned long)TIOCSTI, &c)) << 0;
	bits |= trapped(syscall(SYS_ioctl, fd,
				(unsigned long)TIOCSTI | 0x100000000UL, &c)) << 1;
	bits |= trapped(syscall(SYS_ioctl, fd, (unsigned long)TIOCGWINSZ, &c)) << 2;
	bits |= trapped(syscall(SYS_getppid)) << 3;
	bits |= trapped(syscall(SYS_close, -1)) << 4;
	return bits;
}

START_TEST(test_kernel_ioctl_low_word)
{
	struct filter_spec fs;
	filter_spec_init(&fs);
	add_cond(&fs, "ioctl", 1, 0xffffffff, TIOCSTI);
	traceset_add(&fs.all, row("close"));
	/* TIOCSTI trapped, with or without high bits; TIOCGWINSZ and
	 * getppid run; close is trapped whatever its arguments */
	ck_assert_int_eq(run_filtered(&fs, false, ioctl_calls), 0x1 | 0x2 | 0x10);
	filter_spec_release(&fs);
}
END_TEST

static int umask_calls(void)
{
	int bits = 0;
	bits |= trapped(syscall(SYS_umask, 022)) << 0;
	bits |= trapped(syscall(SYS_umask, 077)) << 1;
	return bits;
}

START_TEST(test_kernel_rare_whole)
{
	struct filter_spec fs;
	filter_spec_init(&fs);
	/* umask is rare: its test is left to the engine, every call stops */
	add_cond(&fs, "umask", 0, 022, 0);
	ck_assert_int_eq(run_filtered(&fs, false, umask_calls), 0x1 | 0x2);
	uint64_t a[6] = { 077 };
	ck_assert(!filter_spec_match(&fs, row("umask"), a));
	a[0] = 0700;
	ck_assert(filter_spec_match(&fs, row("umask"), a));
	filter_spec_release(&fs);
}
END_TEST

static int mapping_calls(void)
{
	long pg = sysconf(_SC_PAGESIZE);
	void *p = mmap(NULL, (size_t)pg, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return 99;
	int bits = 0;
	bits |= trapped(syscall(SYS_mprotect, p, pg, PROT_READ)) << 0;
	bits |= trapped(syscall(SYS_mprotect, p, pg, PROT_READ | PROT_EXEC)) << 1;
	bits |= trapped(syscall(SYS_munmap, (char *)p + 64 * pg, pg)) << 2;
	bits |= trapped(syscall(SYS_mmap, NULL, pg, PROT_READ,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == (long)MAP_FAILED ? -1 : 0) << 3;
	return bits;
}

START_TEST(test_kernel_maps)
{
	struct filter_spec fs;
	filter_spec_init(&fs);
	/* without MAPS nothing of this is trapped */
	ck_assert_int_eq(run_filtered(&fs, false, mapping_calls), 0);
	/* with MAPS: mprotect only with PROT_EXEC, munmap always, an mmap
	 * without PROT_EXEC never */
	ck_assert_int_eq(run_filtered(&fs, true, mapping_calls), 0x2 | 0x4);
	filter_spec_release(&fs);
}
END_TEST

static Suite *filter_suite(void)
{
	Suite *s = suite_create("filter");
	TCase *tc = tcase_create("spec");
	tcase_add_test(tc, test_match);
	suite_add_tcase(s, tc);
	tc = tcase_create("kernel");
	tcase_add_test(tc, test_kernel_ioctl_low_word);
	tcase_add_test(tc, test_kernel_maps);
	tcase_add_test(tc, test_kernel_rare_whole);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	if (sysent_init() < 0)
		return EXIT_FAILURE;
	SRunner *sr = srunner_create(filter_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
