/* test_unwind.c - stacks: which modules are the program's own, how
 * symbol names are printed, and the structured API that findings use
 * (capture, resolve, the first frame of the program's own code) on a
 * real child stopped in a known chain. The printed form of stacks is
 * tested end to end (tests/e2e/stacks.sh). */
#include "config.h"

#include <check.h>
#include <dlfcn.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#include "unwind.h"
#include "util.h"

START_TEST(test_system_paths)
{
	static const char *const sys[] = {
		"/lib/x86_64-linux-gnu/libc.so.6",
		"/usr/lib/x86_64-linux-gnu/libc.so.6",
		"/lib64/ld-linux-x86-64.so.2",
		"/usr/lib64/libfoo.so",
		"/lib32/libc.so.6",
		"/usr/libx32/libc.so.6",
		"/usr/lib/python3.11/lib-dynload/_json.cpython-311-x86_64-linux-gnu.so",
		"[vdso]",
		"[heap]",
		"",
		NULL,
	};
	static const char *const own[] = {
		"/usr/bin/python3.11",	/* the interpreter is the program */
		"/home/dev/app/build/app",
		"/usr/local/lib/libmine.so",
		"/usr/libexec/helper",
		"/opt/vendor/lib/libv.so",
		"/library/x.so",	/* a prefix, not the directory */
		"/usr/library/x.so",
		"/tmp/lib/x.so",
	};
	for (size_t i = 0; i < ARRAY_SIZE(sys); i++)
		ck_assert_msg(unwind_system_path(sys[i]), "%s: not system",
			      sys[i] ? sys[i] : "NULL");
	for (size_t i = 0; i < ARRAY_SIZE(own); i++)
		ck_assert_msg(!unwind_system_path(own[i]), "%s: system", own[i]);
}
END_TEST

static const char *name_of(const char *raw)
{
	static struct sbuf sb;
	if (!sb.p)
		sb_init(&sb);
	sb_reset(&sb);
	unwind_func_name(&sb, raw);
	return sb.p;
}

START_TEST(test_func_names)
{
	ck_assert_str_eq(name_of("level3"), "level3");
	ck_assert_str_eq(name_of("__libc_start_main@@GLIBC_2.34"),
			 "__libc_start_main");
	ck_assert_str_eq(name_of("memcpy@GLIBC_2.2.5"), "memcpy");
	ck_assert_str_eq(name_of(""), "");
	/* not a C++ name, though it starts like one */
	ck_assert_str_eq(name_of("_Zebra"), "_Zebra");
}
END_TEST

START_TEST(test_demangle)
{
	/* the demangler is the C++ runtime's, loaded when needed */
	void *cxx = dlopen("libstdc++.so.6", RTLD_LAZY | RTLD_LOCAL);
	if (cxx) {
	ck_assert_str_eq(name_of("_ZN3rxt6Widget7open_itEv"),
			 "rxt::Widget::open_it()");
	ck_assert_str_eq(name_of("_ZN3rxt7open_asIiEET_S1_"),
			 "int rxt::open_as<int>(int)");
	/* the version goes before demangling */
	ck_assert_str_eq(name_of("_ZNSt6thread6_StateD2Ev@@GLIBCXX_3.4.22"),
			 "std::thread::_State::~_State()");
	/* too long to demangle in the fixed buffer: printed as it is */
	char big[600];
	memset(big, 'x', sizeof(big) - 1);
	big[0] = '_';
	big[1] = 'Z';
	big[sizeof(big) - 1] = '\0';
	ck_assert_str_eq(name_of(big), big);
	} else {
		ck_assert_str_eq(name_of("_ZN3rxt6Widget7open_itEv"),
				 "_ZN3rxt6Widget7open_itEv");
	}
}
END_TEST

START_TEST(test_stack_alloc)
{
	struct unwind_opts o = { .depth = 3, .lines = UNWIND_LINES_NONE };
	struct unwind *u = unwind_new(&o);
	struct unwind_stack *st = unwind_stack_new(u);
	ck_assert_uint_eq(st->n, 0);
	/* all 3 frames are writable (ASan or valgrind would see otherwise) */
	for (unsigned i = 0; i < 3; i++)
		st->f[i].pc = i;
	free(st);
	unwind_free(u);

	/* out-of-range depths fall back to the default */
	o.depth = UNWIND_MAX_DEPTH + 1;
	u = unwind_new(&o);
	st = unwind_stack_new(u);
	st->f[UNWIND_DEFAULT_DEPTH - 1].pc = 1;
	free(st);
	unwind_free(u);
}
END_TEST

/* The child stops itself in level_b, called from level_a; each sends the
 * line of its call down the pipe first, so nothing is hard-coded. */
static int line_pipe = -1;

static void send_line(int line)
{
	if (write(line_pipe, &line, sizeof(line)) != sizeof(line))
		_exit(3);
}

__attribute__((noinline, optimize("O0"))) static void level_b(void)
{
	send_line(__LINE__); raise(SIGSTOP);	/* one line: the call site */
	send_line(0);
}

__attribute__((noinline, optimize("O0"))) static void level_a(void)
{
	send_line(__LINE__); level_b();	/* one line: the call site */
	send_line(0);
}

static const struct unwind_sym *find_func(const struct unwind_sym *syms,
					  unsigned n, const char *func,
					  unsigned *at)
{
	for (unsigned i = 0; i < n; i++)
		if (syms[i].func && !strcmp(syms[i].func, func)) {
			*at = i;
			return &syms[i];
		}
	return NULL;
}

START_TEST(test_live_stack)
{
	int fds[2];
	ck_assert_int_eq(pipe(fds), 0);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		close(fds[0]);
		line_pipe = fds[1];
		if (ptrace(PTRACE_TRACEME, 0, NULL, NULL) < 0)
			_exit(2);
		level_a();
		_exit(0);
	}
	close(fds[1]);
	int line_a = 0, line_b = 0, st;
	ck_assert_int_eq(read(fds[0], &line_a, sizeof(line_a)), sizeof(line_a));
	ck_assert_int_eq(read(fds[0], &line_b, sizeof(line_b)), sizeof(line_b));
	close(fds[0]);
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	ck_assert_msg(WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP,
		      "child not stopped by SIGSTOP (status %#x)", st);

	struct unwind_opts o = { .depth = 32, .lines = UNWIND_LINES_PROGRAM };
	struct unwind *u = unwind_new(&o);
	struct unwind_stack *stk = unwind_stack_new(u);
	ck_assert_int_eq(unwind_capture(u, pid, pid, stk), 0);
	ck_assert_uint_ge(stk->n, 4);
	ck_assert(!stk->truncated);

	/* one logical frame per physical frame here (nothing is inlined) */
	struct unwind_sym syms[32];
	char module[32][PATH_MAX], func[32][128];
	for (unsigned i = 0; i < stk->n; i++) {
		ck_assert_uint_eq(unwind_resolve(u, pid, stk, i, &syms[i], 1), 1);
		snprintf(module[i], sizeof(module[i]), "%s",
			 syms[i].module ? syms[i].module : "");
		snprintf(func[i], sizeof(func[i]), "%s",
			 syms[i].func ? syms[i].func : "");
		syms[i].module = module[i];	/* the strings do not last */
		syms[i].func = func[i];
		syms[i].file = NULL;
		syms[i].build_id = NULL;
	}
	unsigned ib, ia;
	ck_assert_msg(find_func(syms, stk->n, "level_b", &ib), "no level_b frame");
	ck_assert_msg(find_func(syms, stk->n, "level_a", &ia), "no level_a frame");
	ck_assert_uint_eq(ia, ib + 1);
	ck_assert_int_gt(ib, 0);	/* raise, in libc, is above it */

	/* the frames above level_b are libc's: not the program's */
	for (unsigned i = 0; i < ib; i++) {
		ck_assert_msg(strstr(module[i], "/libc.so"), "frame %u in %s", i,
			      module[i]);
		ck_assert(!syms[i].program);
	}
	ck_assert_int_eq(unwind_first_program_frame(u, pid, stk), (int)ib);

	/* level_b's frame: this test binary, its file and the call's line,
	 * read again since the strings of other frames may have replaced
	 * it in the cache */
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	ck_assert_int_gt(n, 0);
	self[n] = '\0';
	struct unwind_sym s;
	ck_assert_uint_eq(unwind_resolve(u, pid, stk, ib, &s, 1), 1);
	ck_assert_str_eq(s.module, self);
	ck_assert(s.program);
	ck_assert(!s.inlined && !s.fp);
	ck_assert_ptr_nonnull(s.file);
	ck_assert_msg(strstr(s.file, "test_unwind.c"), "file %s", s.file);
	ck_assert_int_eq(s.line, line_b);
	ck_assert_uint_gt(s.func_off, 0);
	ck_assert_uint_gt(s.mod_off, s.func_off);
	ck_assert_uint_eq(strspn(s.build_id, "0123456789abcdef"), strlen(s.build_id));
	ck_assert_uint_ge(strlen(s.build_id), 16);	/* gcc's default: sha1 */
	ck_assert_uint_eq(unwind_resolve(u, pid, stk, ia, &s, 1), 1);
	ck_assert_int_eq(s.line, line_a);

	/* libc is a system library: no source lines by default */
	ck_assert_uint_eq(unwind_resolve(u, pid, stk, 0, &s, 1), 1);
	ck_assert_ptr_null(s.file);
	ck_assert_uint_eq(strlen(s.build_id), 40);

	/* the same capture again (the cached path) gives the same frames */
	struct unwind_stack *again = unwind_stack_new(u);
	ck_assert_int_eq(unwind_capture(u, pid, pid, again), 0);
	ck_assert_uint_eq(again->n, stk->n);
	for (unsigned i = 0; i < stk->n; i++)
		ck_assert_uint_eq(again->f[i].pc, stk->f[i].pc);

	/* with the depth limit */
	unwind_free(u);
	o.depth = 2;
	u = unwind_new(&o);
	free(again);
	again = unwind_stack_new(u);
	ck_assert_int_eq(unwind_capture(u, pid, pid, again), 0);
	ck_assert_uint_eq(again->n, 2);
	ck_assert(again->truncated);
	ck_assert_int_eq(unwind_first_program_frame(u, pid, again),
			 ib < 2 ? (int)ib : -1);

	free(again);
	free(stk);
	unwind_free(u);
	kill(pid, SIGKILL);
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
}
END_TEST

START_TEST(test_capture_gone)
{
	struct unwind_opts o = { .depth = 8, .lines = UNWIND_LINES_NONE };
	struct unwind *u = unwind_new(&o);
	struct unwind_stack *st = unwind_stack_new(u);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0)
		_exit(0);
	int ws;
	ck_assert_int_eq(waitpid(pid, &ws, 0), pid);
	/* a process that is gone: an error, no frames, no crash */
	ck_assert_int_lt(unwind_capture(u, pid, pid, st), 0);
	ck_assert_uint_eq(st->n, 0);
	ck_assert_int_eq(unwind_first_program_frame(u, pid, st), -1);
	free(st);
	unwind_free(u);
}
END_TEST

static Suite *unwind_suite(void)
{
	Suite *s = suite_create("unwind");
	TCase *tc = tcase_create("pure");
	tcase_add_test(tc, test_system_paths);
	tcase_add_test(tc, test_func_names);
	tcase_add_test(tc, test_demangle);
	tcase_add_test(tc, test_stack_alloc);
	suite_add_tcase(s, tc);

	tc = tcase_create("live");
	tcase_add_test(tc, test_live_stack);
	tcase_add_test(tc, test_capture_gone);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(unwind_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
