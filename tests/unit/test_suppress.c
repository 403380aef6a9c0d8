/* test_suppress.c - suppression files: parsing, errors, matching */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "suppress.h"

static char err[256];

static int parse(struct suppress_list *sl, const char *text)
{
	return suppress_parse(sl, text, strlen(text), err, sizeof(err));
}

/* A finding of rule ID with a call site. */
static struct finding *mk(const char *id, const char *func, const char *module,
			  const char *file, const char *key, const char *exe)
{
	static struct finding f;
	static struct finding_frame fr[2];
	memset(&f, 0, sizeof(f));
	memset(fr, 0, sizeof(fr));
	fr[0].module = (char *)"/usr/lib/x86_64-linux-gnu/libc.so.6";
	fr[0].func = (char *)"strcpy";
	fr[1].module = (char *)module;
	fr[1].func = (char *)func;
	fr[1].file = (char *)file;
	f.rule = (unsigned)rule_index(rule_by_id(id));
	f.frames = fr;
	f.nframes = 2;
	f.site = 1;
	f.key = (char *)key;
	f.exe = (char *)exe;
	return &f;
}

START_TEST(test_parse_and_match)
{
	struct suppress_list sl;
	suppress_init(&sl);
	ck_assert_int_eq(parse(&sl,
		"# accepted findings\n"
		"\n"
		"RX-LIB-004 func=backoff_*   # retry jitter\n"
		"  RX-FILE-005\texe=/usr/bin/ssh key=/home/*/.ssh/id_*\r\n"
		"RX-NET-*,RX-PROC-012 module=libvendor.so*\n"
		"rx-mem-004 file=*/pool.c"), 0);
	ck_assert_uint_eq(sl.n, 4);
	ck_assert_uint_eq(sl.v[1].line, 4);

	const struct suppression *s;
	s = suppress_match(&sl, mk("RX-LIB-004", "backoff_jitter", "/app/bin", "a.c", NULL, "/app/bin"));
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(s->line, 3);
	ck_assert_ptr_null(suppress_match(&sl, mk("RX-LIB-004", "make_key", "/app/bin", "a.c", NULL, "/app/bin")));
	/* every field must match */
	ck_assert_ptr_nonnull(suppress_match(&sl, mk("RX-FILE-005", "main", "/usr/bin/ssh", NULL,
						     "/home/ci/.ssh/id_rsa", "/usr/bin/ssh")));
	ck_assert_ptr_null(suppress_match(&sl, mk("RX-FILE-005", "main", "/usr/bin/cat", NULL,
						  "/home/ci/.ssh/id_rsa", "/usr/bin/cat")));
	/* module matches by path or by file name */
	ck_assert_ptr_nonnull(suppress_match(&sl, mk("RX-PROC-012", "f", "/opt/v/libvendor.so.2", NULL, NULL, "/x")));
	ck_assert_ptr_nonnull(suppress_match(&sl, mk("RX-NET-002", "f", "/opt/v/libvendor.so", NULL, NULL, "/x")));
	ck_assert_ptr_null(suppress_match(&sl, mk("RX-PROC-012", "f", "/opt/v/libother.so", NULL, NULL, "/x")));
	/* a field the finding lacks does not match */
	ck_assert_ptr_null(suppress_match(&sl, mk("RX-MEM-004", "f", "/a", NULL, NULL, "/a")));
	ck_assert_ptr_nonnull(suppress_match(&sl, mk("RX-MEM-004", "f", "/a", "src/pool.c", NULL, "/a")));
	/* more files add up */
	ck_assert_int_eq(parse(&sl, "RX-ENV-001 key=CI_*\n"), 0);
	ck_assert_uint_eq(sl.n, 5);
	suppress_release(&sl);
	ck_assert_uint_eq(sl.n, 0);
}
END_TEST

static void bad_n(const char *text, size_t len, const char *msg)
{
	struct suppress_list sl;
	suppress_init(&sl);
	ck_assert_int_eq(parse(&sl, "RX-LIB-001\n"), 0);
	ck_assert_msg(suppress_parse(&sl, text, len, err, sizeof(err)) == -EINVAL,
		      "'%s' was accepted", text);
	ck_assert_msg(!strcmp(err, msg), "'%s': \"%s\", want \"%s\"", text, err, msg);
	ck_assert_uint_eq(sl.n, 1);	/* unchanged */
	suppress_release(&sl);
}

#define bad(text, msg) bad_n(text, sizeof(text) - 1, msg)

START_TEST(test_errors)
{
	bad("RX-FOO-001\n", "1: unknown rule 'RX-FOO-001'");
	bad("RX-LIB-001\n\nRX-LIB-002 fnc=main\n",
	    "3: unknown field 'fnc=main' (func, module, file, key, exe)");
	bad("RX-LIB-001 main\n", "1: unknown field 'main' (func, module, file, key, exe)");
	bad("RX-LIB-001 func=\n", "1: empty pattern in 'func='");
	bad("RX-LIB-001 func=a func=b\n", "1: field 'func=b' given twice");
	bad("RX-NOPE-*\n", "1: no rule matches 'RX-NOPE-*'");
	bad("RX-LIB-001\n\x00\n", "2: a NUL byte (not a text file?)");
}
END_TEST

START_TEST(test_load)
{
	char path[] = "/tmp/rxtrace-supp-XXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	const char text[] = "RX-LIB-001\nRX-LIB-002 oops=1\n";
	ck_assert_int_eq(write(fd, text, sizeof(text) - 1), (int)sizeof(text) - 1);
	close(fd);
	struct suppress_list sl;
	suppress_init(&sl);
	ck_assert_int_eq(suppress_load(&sl, path, err, sizeof(err)), -EINVAL);
	char want[300];
	snprintf(want, sizeof(want), "%s:2: unknown field 'oops=1' (func, module, file, key, exe)", path);
	ck_assert_str_eq(err, want);
	unlink(path);
	ck_assert_int_eq(suppress_load(&sl, path, err, sizeof(err)), -ENOENT);
	suppress_release(&sl);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("suppress");
	TCase *tc = tcase_create("suppress");
	tcase_add_test(tc, test_parse_and_match);
	tcase_add_test(tc, test_errors);
	tcase_add_test(tc, test_load);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
