/* test_bkpt_resolve.c - maps lines, the entry point, and the addresses
 * of functions in a stopped child: a fork of this test (dynamic: GOT
 * slots, STT_FUNC symbols, an IFUNC, aliases) and tests/progs/
 * libcalls_static (IRELATIVE slots filled only once main runs) */
#include "config.h"

#include <check.h>
#include <dlfcn.h>
#include <errno.h>
#include <gnu/lib-names.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/ptrace.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bkpt.h"
#include "bkpt_elf.h"
#include "bkpt_resolve.h"
#include "util.h"

static struct bkpt_map parse_ok(const char *text)
{
	static char line[512];
	struct bkpt_map m;
	snprintf(line, sizeof(line), "%s", text);
	ck_assert_msg(bkpt_resolve_parse_map(line, &m) == 0, "%s", text);
	return m;
}

START_TEST(test_parse_map)
{
	struct bkpt_map m = parse_ok("55d0c8a00000-55d0c8a02000 r-xp 00002000 fd:01 "
				     "1234567                    /usr/bin/true\n");
	ck_assert_uint_eq(m.start, 0x55d0c8a00000ull);
	ck_assert_uint_eq(m.end, 0x55d0c8a02000ull);
	ck_assert_uint_eq(m.offset, 0x2000);
	ck_assert(m.exec);
	ck_assert_uint_eq(m.inode, 1234567);
	ck_assert(m.dev == makedev(0xfd, 1));
	ck_assert_str_eq(m.path, "/usr/bin/true");

	m = parse_ok("7ffd1000-7ffd3000 rw-p 00000000 00:00 0          [stack]");
	ck_assert(!m.exec);
	ck_assert_str_eq(m.path, "[stack]");
	m = parse_ok("7f0000000000-7f0000001000 rw-p 00000000 00:00 0 ");
	ck_assert_str_eq(m.path, "");
	m = parse_ok("7f0000000000-7f0000001000 rw-p 00000000 00:00 0");
	ck_assert_str_eq(m.path, "");
	m = parse_ok("1000-2000 r-xp 00000000 08:11 42 /tmp/my lib.so\n");
	ck_assert_str_eq(m.path, "/tmp/my lib.so");
	m = parse_ok("1000-2000 r-xp 00000000 08:11 42 /tmp/x (deleted)");
	ck_assert_str_eq(m.path, "/tmp/x (deleted)");

	char bad1[] = "hello", bad2[] = "2000-1000 r-xp 00000000 08:11 42 /x",
	     bad3[] = "1000-2000 r-xp 00000000";
	struct bkpt_map x;
	ck_assert_int_eq(bkpt_resolve_parse_map(bad1, &x), -EINVAL);
	ck_assert_int_eq(bkpt_resolve_parse_map(bad2, &x), -EINVAL);
	ck_assert_int_eq(bkpt_resolve_parse_map(bad3, &x), -EINVAL);
}
END_TEST

/* A fork of this test, traced and stopped: its addresses are ours. */
static pid_t stopped_fork(void)
{
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		ptrace(PTRACE_TRACEME, 0, NULL, NULL);
		raise(SIGSTOP);
		_exit(0);
	}
	int st;
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	ck_assert(WIFSTOPPED(st));
	return pid;
}

static void end_child(pid_t pid)
{
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

START_TEST(test_entry)
{
	pid_t pid = stopped_fork();
	uint64_t entry = 0;
	ck_assert_int_eq(bkpt_resolve_entry(pid, &entry), 0);
	ck_assert_uint_eq(entry, getauxval(AT_ENTRY));
	end_child(pid);
	ck_assert_int_eq(bkpt_resolve_entry(pid, &entry), -ENOENT);
}
END_TEST

/* The targets of name K. */
static unsigned targets_of(const struct bkpt_resolution *r, unsigned k,
			   uint64_t *addr)
{
	unsigned n = 0;
	for (size_t i = 0; i < r->n; i++)
		if (r->t[i].name == k) {
			*addr = r->t[i].addr;
			n++;
		}
	return n;
}

static uint64_t sym(const char *name)
{
	void *p = dlsym(RTLD_DEFAULT, name);
	ck_assert_msg(p, "%s", name);
	return (uint64_t)(uintptr_t)p;
}

/* NAME in libc itself, whoever interposes on it. */
static uint64_t libc_sym(const char *name)
{
	void *h = dlopen(LIBC_SO, RTLD_LAZY | RTLD_NOLOAD);
	ck_assert(h);
	void *p = dlsym(h, name);
	dlclose(h);
	ck_assert_msg(p, "%s", name);
	return (uint64_t)(uintptr_t)p;
}

static bool has_target(const struct bkpt_resolution *r, unsigned k,
		       uint64_t addr)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->t[i].name == k && r->t[i].addr == addr)
			return true;
	return false;
}

static const char *const names[] = {
	"rand", "strcpy", "srand", "srandom", "rx_no_such_function",
	"wcscat",	/* defined by libc, imported by no module here */
};

/* Functions are planted only when a module imports them: this program
 * does, through these pointers (GLOB_DAT relocations). */
void *volatile imports_of_this_test[] = {
	(void *)rand, (void *)strcpy, (void *)srand, (void *)srandom,
};

START_TEST(test_resolve_dynamic)
{
	pid_t pid = stopped_fork();
	struct bkpt_resolution r;
	ck_assert_int_eq(bkpt_resolve(pid, names, ARRAY_SIZE(names), &r), 0);
	uint64_t a = 0;
	ck_assert_uint_eq(targets_of(&r, 0, &a), 1);
	ck_assert_uint_eq(a, sym("rand"));
	/* the IFUNC: the implementation libc's resolver chose, and the first
	 * definition when it is another (ASan's interceptor, which this
	 * program's slot holds under --enable-sanitizers) */
	uint64_t impl = libc_sym("strcpy"), first = sym("strcpy");
	ck_assert_uint_eq(targets_of(&r, 1, &a), impl == first ? 1 : 2);
	ck_assert(has_target(&r, 1, impl));
	ck_assert(has_target(&r, 1, first));
	/* one function, two names */
	ck_assert_uint_eq(targets_of(&r, 2, &a), 1);
	ck_assert_uint_eq(a, sym("srandom"));
	ck_assert_uint_eq(targets_of(&r, 3, &a), 1);
	ck_assert_uint_eq(a, sym("srandom"));
	ck_assert_uint_eq(targets_of(&r, 4, &a), 0);
	/* nobody imports it: libc's own calls would only cost stops */
	ck_assert_uint_eq(targets_of(&r, 5, &a), 0);
	ck_assert_uint_eq(r.again_at, 0);

	struct bkpt_mm *mm = bkpt_mm_new();
	bkpt_set_ranges(mm, r.ranges, r.nranges);
	/* libc defines them: its own calls are ignored */
	ck_assert_int_eq(bkpt_code_of(mm, sym("rand")), BKPT_CODE_IGNORED);
	ck_assert_int_eq(bkpt_code_of(mm, (uint64_t)(uintptr_t)&stopped_fork),
			 BKPT_CODE_PROGRAM);
	/* libelf is a system library */
	ck_assert_int_eq(bkpt_code_of(mm, sym("elf_version")),
			 BKPT_CODE_LIBRARY);
	ck_assert_int_eq(bkpt_code_of(mm, 8), BKPT_CODE_UNKNOWN);
	bkpt_resolution_release(&r);

	ck_assert_int_eq(bkpt_resolve_ranges(pid, mm, &r), 0);
	ck_assert_uint_eq(r.n, 0);
	bkpt_set_ranges(mm, r.ranges, r.nranges);
	ck_assert_int_eq(bkpt_code_of(mm, sym("rand")), BKPT_CODE_IGNORED);
	ck_assert_int_eq(bkpt_code_of(mm, (uint64_t)(uintptr_t)&stopped_fork),
			 BKPT_CODE_PROGRAM);
	bkpt_resolution_release(&r);
	bkpt_mm_unref(mm);
	end_child(pid);
	ck_assert_int_eq(bkpt_resolve(pid, names, ARRAY_SIZE(names), &r), -ENOENT);
}
END_TEST

static const char *prog(const char *name)
{
	static char path[4096];
	const char *dir = getenv("PROGS");
	ck_assert_msg(dir, "PROGS is not set: run the test through make check");
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return path;
}

START_TEST(test_resolve_static)
{
	const char *path = prog("libcalls_static");
	struct bkpt_elf be;
	struct bkpt_sym main_sym, rand_sym;
	ck_assert_int_eq(bkpt_elf_open(&be, path), 0);
	ck_assert_int_eq(bkpt_elf_func(&be, "main", &main_sym), 0);
	ck_assert_int_eq(bkpt_elf_func(&be, "rand", &rand_sym), 0);
	bkpt_elf_release(&be);

	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		ptrace(PTRACE_TRACEME, 0, NULL, NULL);
		execl(path, path, (char *)NULL);
		_exit(127);
	}
	int st;
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	ck_assert(WIFSTOPPED(st) && WSTOPSIG(st) == SIGTRAP);	/* after execve */

	static const char *const want[] = { "strcpy", "rand" };
	struct bkpt_resolution r;
	uint64_t a = 0;
	ck_assert_int_eq(bkpt_resolve(pid, want, 2, &r), 0);
	/* non-PIE: no bias */
	ck_assert_uint_eq(targets_of(&r, 1, &a), 1);
	ck_assert_uint_eq(a, rand_sym.value);
	ck_assert_uint_eq(targets_of(&r, 0, &a), 0);
	ck_assert_uint_eq(r.again_at, main_sym.value);
	bkpt_resolution_release(&r);

	/* at main, __libc_start_main has filled the IRELATIVE slots */
	struct bkpt_mm *mm = bkpt_mm_new();
	ck_assert_int_eq(bkpt_plant(mm, pid, main_sym.value, BKPT_RESOLVE, 0), 0);
	ck_assert_int_eq(ptrace(PTRACE_CONT, pid, NULL, NULL), 0);
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	ck_assert(WIFSTOPPED(st) && WSTOPSIG(st) == SIGTRAP);
	struct user_regs_struct regs;
	ck_assert_int_eq(ptrace(PTRACE_GETREGS, pid, NULL, &regs), 0);
	ck_assert_uint_eq(regs.rip - 1, main_sym.value);
	ck_assert_int_eq(bkpt_resolve(pid, want, 2, &r), 0);
	ck_assert_uint_eq(targets_of(&r, 0, &a), 1);
	ck_assert_uint_ne(a, 0);
	ck_assert_uint_eq(r.again_at, 0);
	/* the function itself is the static binary's libc: ignored */
	bkpt_set_ranges(mm, r.ranges, r.nranges);
	ck_assert_int_eq(bkpt_code_of(mm, rand_sym.value + 1), BKPT_CODE_IGNORED);
	ck_assert_int_eq(bkpt_code_of(mm, main_sym.value), BKPT_CODE_PROGRAM);
	bkpt_resolution_release(&r);
	bkpt_mm_unref(mm);
	end_child(pid);
}
END_TEST

static Suite *resolve_suite(void)
{
	Suite *s = suite_create("bkpt_resolve");
	TCase *tc = tcase_create("pure");
	tcase_add_test(tc, test_parse_map);
	suite_add_tcase(s, tc);

	tc = tcase_create("live");
	tcase_add_test(tc, test_entry);
	tcase_add_test(tc, test_resolve_dynamic);
	tcase_add_test(tc, test_resolve_static);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(resolve_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
