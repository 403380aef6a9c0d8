/* test_unwind.c - the pure parts of stacks: which modules are the
 * program's own, and how symbol names are printed. Capturing and
 * resolving real stacks is tested end to end (tests/e2e/stacks.sh). */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

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
#ifdef HAVE___CXA_DEMANGLE
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
#else
	ck_assert_str_eq(name_of("_ZN3rxt6Widget7open_itEv"),
			 "_ZN3rxt6Widget7open_itEv");
#endif
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

static Suite *unwind_suite(void)
{
	Suite *s = suite_create("unwind");
	TCase *tc = tcase_create("pure");
	tcase_add_test(tc, test_system_paths);
	tcase_add_test(tc, test_func_names);
	tcase_add_test(tc, test_demangle);
	tcase_add_test(tc, test_stack_alloc);
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
