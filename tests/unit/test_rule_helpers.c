/* test_rule_helpers.c - the helpers rules share (rule.h): /proc paths,
 * temporary directories, exec and open layouts, pointer arrays and
 * paths read from a task (this process plays the tracee) */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rule.h"
#include "sink.h"
#include "sysent.h"

/* PATH parses to PID and LEAF. */
static void proc_ok(const char *path, pid_t pid, const char *leaf)
{
	struct rule_proc_path pp;
	memset(&pp, 0xa5, sizeof(pp));
	int r = rule_proc_path_parse(path, &pp);
	ck_assert_msg(r == 0, "%s: %d", path, r);
	ck_assert_msg(pp.pid == pid, "%s: pid %d, want %d", path, (int)pp.pid,
		      (int)pid);
	ck_assert_msg(!strcmp(pp.leaf, leaf), "%s: leaf \"%s\", want \"%s\"",
		      path, pp.leaf, leaf);
}

static void proc_bad(const char *path)
{
	struct rule_proc_path pp;
	ck_assert_msg(rule_proc_path_parse(path, &pp) == -EINVAL,
		      "%s was accepted", path);
}

START_TEST(test_proc_path)
{
	proc_ok("/proc/123/environ", 123, "environ");
	proc_ok("/proc/self/environ", 0, "environ");
	proc_ok("/proc/thread-self/environ", 0, "environ");
	proc_ok("/proc/123/task/456/environ", 123, "environ");
	proc_ok("/proc/self/task/7/mem", 0, "mem");
	proc_ok("/proc/123/fd/3", 123, "fd/3");
	/* what the kernel resolves the same way */
	proc_ok("//proc//123/./environ", 123, "environ");
	proc_ok("/proc/self/../123/mem", 123, "mem");
	proc_ok("/tmp/../proc/9/environ", 9, "environ");
	/* a task directory of thread-self is no such thing: a leaf */
	proc_ok("/proc/thread-self/task/1/environ", 0, "task/1/environ");
	proc_bad("/proc/kcore");
	proc_bad("/proc/123");
	proc_bad("/etc/passwd");
	proc_bad("proc/123/environ");
	proc_bad("/proc/12a/environ");
	proc_bad("/proc/0/environ");
	proc_bad("/proc/99999999999/environ");
	proc_bad("/proc/1/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
}
END_TEST

START_TEST(test_temp_dir)
{
	ck_assert_str_eq(rule_temp_dir("/tmp"), "/tmp");
	/* /tmp/x does not exist: nothing says it is private */
	ck_assert_str_eq(rule_temp_dir("/tmp/rxtrace-no-such-dir/y"), "/tmp");
	/* a private subdirectory (mkdtemp's 0700, ours) is not shared */
	char priv[] = "/tmp/rxtrace-priv-XXXXXX", path[96], sub[64];
	ck_assert_ptr_nonnull(mkdtemp(priv));
	snprintf(path, sizeof(path), "%s/prog", priv);
	ck_assert_ptr_null(rule_temp_dir(path));
	snprintf(sub, sizeof(sub), "%s/open", priv);
	ck_assert_int_eq(mkdir(sub, 0777), 0);
	ck_assert_int_eq(chmod(sub, 0777), 0);
	snprintf(path, sizeof(path), "%s/prog", sub);
	/* ... but one writable by others below it is */
	ck_assert_str_eq(rule_temp_dir(path), "/tmp");
	rmdir(sub);
	rmdir(priv);
	ck_assert_str_eq(rule_temp_dir("/var/tmp/x"), "/var/tmp");
	ck_assert_str_eq(rule_temp_dir("/dev/shm/x"), "/dev/shm");
	ck_assert_str_eq(rule_temp_dir("/run/shm/x"), "/run/shm");
	ck_assert_ptr_null(rule_temp_dir("/tmpfoo/x"));
	ck_assert_ptr_null(rule_temp_dir("/usr/tmp/x"));
	ck_assert_ptr_null(rule_temp_dir("/"));
}
END_TEST

static struct rx_call call_of(const char *name)
{
	struct rx_call c;
	memset(&c, 0, sizeof(c));
	c.se = sysent_by_name(name);
	ck_assert_msg(c.se, "%s is not in the table", name);
	return c;
}

START_TEST(test_layouts)
{
	struct rx_call c = call_of("execve");
	const struct rule_exec_args *ea = rule_exec_args(&c);
	ck_assert_ptr_nonnull(ea);
	ck_assert_int_eq(ea->dirfd, -1);
	ck_assert_int_eq(ea->path, 0);
	ck_assert_int_eq(ea->argv, 1);
	ck_assert_int_eq(ea->envp, 2);
	ck_assert_int_eq(ea->flags, -1);
	c = call_of("execveat");
	ea = rule_exec_args(&c);
	ck_assert_ptr_nonnull(ea);
	ck_assert_int_eq(ea->dirfd, 0);
	ck_assert_int_eq(ea->argv, 2);
	ck_assert_int_eq(ea->flags, 4);
	c = call_of("openat");
	ck_assert_ptr_null(rule_exec_args(&c));

	const struct rule_open_args *oa = rule_open_args(&c);
	ck_assert_ptr_nonnull(oa);
	ck_assert_int_eq(oa->dirfd, 0);
	ck_assert_int_eq(oa->path, 1);
	ck_assert_int_eq(oa->flags, 2);
	ck_assert(!oa->how);
	c = call_of("open");
	oa = rule_open_args(&c);
	ck_assert_ptr_nonnull(oa);
	ck_assert_int_eq(oa->dirfd, -1);
	ck_assert_int_eq(oa->path, 0);
	ck_assert_int_eq(oa->flags, 1);
	c = call_of("openat2");
	oa = rule_open_args(&c);
	ck_assert_ptr_nonnull(oa);
	ck_assert(oa->how);
	c = call_of("close");
	ck_assert_ptr_null(rule_open_args(&c));
}
END_TEST

/* This process as the task rules look at. */
static struct rx_task self_task(void)
{
	struct rx_task t;
	memset(&t, 0, sizeof(t));
	t.tid = t.tgid = getpid();
	return t;
}

START_TEST(test_open_flags)
{
	struct rx_task t = self_task();
	struct rx_call c = call_of("openat");
	const struct rule_open_args *oa = rule_open_args(&c);
	uint64_t flags = 0, how[3] = { O_RDWR | O_CREAT, 0600, 0 };
	t.call = c;
	/* the kernel reads an int: the high word is not the flags' */
	t.call.args[2] = 0xffffffff00000000ULL | O_WRONLY;
	ck_assert_int_eq(rule_open_flags(&t, oa, &flags), 0);
	ck_assert_uint_eq(flags, O_WRONLY);
	t.call = call_of("openat2");
	t.call.args[2] = (uint64_t)(uintptr_t)how;
	ck_assert_int_eq(rule_open_flags(&t, rule_open_args(&t.call), &flags), 0);
	ck_assert_uint_eq(flags, O_RDWR | O_CREAT);
	t.call = call_of("creat");
	ck_assert_int_eq(rule_open_flags(&t, rule_open_args(&t.call), &flags), 0);
	ck_assert_uint_eq(flags, O_CREAT | O_WRONLY | O_TRUNC);
}
END_TEST

START_TEST(test_read_ptrs)
{
	struct rx_task t = self_task();
	static uint64_t arr[201], out[256];
	for (unsigned i = 0; i < 200; i++)
		arr[i] = 1000 + i;
	arr[200] = 0;
	/* more than one chunk of 64 */
	ck_assert_uint_eq(rule_read_ptrs(&t, (uint64_t)(uintptr_t)arr, out, 256), 200);
	ck_assert_uint_eq(out[0], 1000);
	ck_assert_uint_eq(out[199], 1199);
	ck_assert_uint_eq(rule_read_ptrs(&t, (uint64_t)(uintptr_t)arr, out, 70), 70);
	ck_assert_uint_eq(out[69], 1069);
	arr[0] = 0;
	ck_assert_uint_eq(rule_read_ptrs(&t, (uint64_t)(uintptr_t)arr, out, 256), 0);
	ck_assert_uint_eq(rule_read_ptrs(&t, 0, out, 256), 0);
}
END_TEST

START_TEST(test_abs_path)
{
	struct rx_task t = self_task();
	char cwd[PATH_MAX], want[PATH_MAX + 16], buf[PATH_MAX];
	ck_assert_ptr_nonnull(getcwd(cwd, sizeof(cwd)));
	ck_assert_int_eq(rule_abs_path(&t, AT_FDCWD, "/etc/passwd", buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "/etc/passwd");
	ck_assert_int_eq(rule_abs_path(&t, AT_FDCWD, "a/b", buf, sizeof(buf)), 0);
	snprintf(want, sizeof(want), "%s/a/b", strcmp(cwd, "/") ? cwd : "");
	ck_assert_str_eq(buf, want);
	int fd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(rule_abs_path(&t, fd, "1/environ", buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "/proc/1/environ");
	ck_assert_int_eq(rule_abs_path(&t, fd, "", buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "/proc");
	ck_assert_int_eq(rule_abs_path(&t, fd, "1/environ", buf, 10), -ENAMETOOLONG);
	close(fd);
	ck_assert_int_eq(rule_abs_path(&t, 987, "x", buf, sizeof(buf)), -ENOENT);
	int root = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	ck_assert_int_eq(rule_abs_path(&t, root, "etc", buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "/etc");
	close(root);
}
END_TEST

START_TEST(test_same_process)
{
	struct rx_task t = self_task();
	ck_assert(rule_same_process(&t, getpid()));
	ck_assert(!rule_same_process(&t, getppid()));
	ck_assert(!rule_same_process(&t, 1) || getpid() == 1);
}
END_TEST

static Suite *rule_helpers_suite(void)
{
	Suite *s = suite_create("rule_helpers");
	TCase *tc = tcase_create("pure");
	tcase_add_test(tc, test_proc_path);
	tcase_add_test(tc, test_temp_dir);
	tcase_add_test(tc, test_layouts);
	suite_add_tcase(s, tc);

	tc = tcase_create("task");
	tcase_add_test(tc, test_open_flags);
	tcase_add_test(tc, test_read_ptrs);
	tcase_add_test(tc, test_abs_path);
	tcase_add_test(tc, test_same_process);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(rule_helpers_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
