/* test_finding.c - the finding store: identity, deduplication, counts,
 * levels, sorting */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "finding.h"

static struct finding_frame frames[2] = {
	{ .module = (char *)"/lib/libc.so.6", .func = (char *)"ioctl", .addr = 0x100 },
	{ .module = (char *)"/app/bin", .func = (char *)"do_it", .file = (char *)"a.c",
	  .line = 10, .addr = 0x1234, .program = true },
};

static struct finding_event ev(unsigned rule, const char *key, uint64_t site_addr,
			       pid_t pid, long sec)
{
	static struct finding_frame fr[2];
	memcpy(fr, frames, sizeof(fr));
	fr[1].addr = site_addr;
	struct finding_event e = {
		.rule = rule, .level = RULE_WARNING, .severity = 5.0,
		.message = "m", .key = key, .evidence = "ioctl(0, TIOCSTI) = 0",
		.exe = "/app/bin", .pid = pid, .tid = pid,
		.when = { sec, 0 }, .frames = fr, .nframes = 2, .site = 1,
	};
	return e;
}

START_TEST(test_dedupe)
{
	struct finding_store fs;
	finding_store_init(&fs);
	struct finding_event e = ev(3, "TIOCSTI", 0x1234, 100, 5);
	const struct finding *f = finding_add(&fs, &e);
	e = ev(3, "TIOCSTI", 0x1234, 101, 7);
	ck_assert_ptr_eq(finding_add(&fs, &e), f);
	e = ev(3, "TIOCSTI", 0x1234, 100, 3);
	ck_assert_ptr_eq(finding_add(&fs, &e), f);
	ck_assert_uint_eq(fs.n, 1);
	ck_assert_uint_eq(f->count, 3);
	ck_assert_uint_eq(f->npids, 2);
	ck_assert_int_eq(f->first.tv_sec, 3);
	ck_assert_int_eq(f->last.tv_sec, 7);
	ck_assert_uint_eq(fs.nprocs, 2);

	/* another call site, key or rule: another finding */
	e = ev(3, "TIOCSTI", 0x1240, 100, 5);
	ck_assert_ptr_ne(finding_add(&fs, &e), f);
	e = ev(3, "TIOCLINUX", 0x1234, 100, 5);
	ck_assert_ptr_ne(finding_add(&fs, &e), f);
	e = ev(4, "TIOCSTI", 0x1234, 100, 5);
	ck_assert_ptr_ne(finding_add(&fs, &e), f);
	ck_assert_uint_eq(fs.n, 4);
	/* the copy is the store's: the event's strings may go */
	ck_assert_str_eq(f->frames[1].func, "do_it");
	ck_assert_ptr_ne(f->frames[1].func, frames[1].func);
	ck_assert_int_eq(f->site, 1);
	finding_store_release(&fs);
}
END_TEST

START_TEST(test_no_program_frame)
{
	/* without a frame of the program's own, the innermost frame is the
	 * call site; without a stack, the executable */
	struct finding_store fs;
	finding_store_init(&fs);
	struct finding_event a = ev(1, NULL, 0x1234, 1, 1);
	a.site = -1;
	struct finding_event b = ev(1, NULL, 0x9999, 1, 1);
	b.site = -1;
	ck_assert_ptr_eq(finding_add(&fs, &a), finding_add(&fs, &b));
	struct finding_event c = ev(1, NULL, 0, 1, 1);
	c.nframes = 0;
	c.frames = NULL;
	c.site = -1;
	const struct finding *f = finding_add(&fs, &c);
	c.exe = "/other";
	ck_assert_ptr_ne(finding_add(&fs, &c), f);
	ck_assert_uint_eq(fs.n, 3);
	finding_store_release(&fs);
}
END_TEST

START_TEST(test_levels_and_caps)
{
	struct finding_store fs;
	finding_store_init(&fs);
	struct finding_event e = ev(2, "k", 0x10, 1, 1);
	const struct finding *f = finding_add(&fs, &e);
	e.level = RULE_ERROR;
	e.severity = 8.1;
	e.message = "worse";
	finding_add(&fs, &e);
	ck_assert_int_eq(f->level, RULE_ERROR);
	ck_assert_str_eq(f->message, "worse");
	e.level = RULE_NOTE;
	e.severity = 3.0;
	e.message = "milder";
	finding_add(&fs, &e);
	ck_assert_int_eq(f->level, RULE_ERROR);
	ck_assert_str_eq(f->message, "worse");
	for (pid_t p = 10; p < 30; p++) {
		e.pid = e.tid = p;
		finding_add(&fs, &e);
	}
	ck_assert_uint_eq(f->npids, FINDING_MAX_PIDS);
	ck_assert(f->more_pids);
	ck_assert_uint_eq(f->count, 23);
	finding_store_release(&fs);
}
END_TEST

START_TEST(test_max_per_rule)
{
	struct finding_store fs;
	finding_store_init(&fs);
	fs.max_per_rule = 2;
	struct finding_event e = ev(3, "a", 0x1234, 100, 5);
	const struct finding *a = finding_add(&fs, &e);
	e = ev(3, "b", 0x1234, 100, 5);
	ck_assert_ptr_nonnull(finding_add(&fs, &e));
	ck_assert(!finding_room(&fs, 3));
	/* a third identity of rule 3 is only counted, twice */
	e = ev(3, "c", 0x1234, 100, 5);
	ck_assert_ptr_null(finding_add(&fs, &e));
	ck_assert_ptr_null(finding_add(&fs, &e));
	ck_assert_uint_eq(fs.dropped[3], 2);
	/* a kept one still counts its occurrences */
	e = ev(3, "a", 0x1234, 101, 6);
	ck_assert_ptr_eq(finding_add(&fs, &e), a);
	ck_assert_uint_eq(a->count, 2);
	/* the cap is per rule */
	ck_assert(finding_room(&fs, 4));
	e = ev(4, "c", 0x1234, 100, 5);
	ck_assert_ptr_nonnull(finding_add(&fs, &e));
	ck_assert_uint_eq(fs.n, 3);
	ck_assert_uint_eq(fs.per_rule[3], 2);
	ck_assert_uint_eq(fs.per_rule[4], 1);
	ck_assert_uint_eq(fs.dropped[4], 0);
	finding_store_release(&fs);
}
END_TEST

START_TEST(test_sorted)
{
	struct finding_store fs;
	finding_store_init(&fs);
	struct finding_event e = ev(5, "a", 0x10, 1, 3);
	finding_add(&fs, &e);
	e = ev(2, "b", 0x20, 1, 4);
	e.level = RULE_NOTE;
	finding_add(&fs, &e);
	e = ev(9, "c", 0x30, 1, 1);
	e.level = RULE_ERROR;
	finding_add(&fs, &e);
	e = ev(2, "d", 0x40, 1, 2);
	finding_add(&fs, &e);
	e = ev(2, "e", 0x50, 1, 1);
	finding_add(&fs, &e);
	const struct finding **v = finding_sorted(&fs);
	/* error first; then warnings by rule, then by first time */
	ck_assert_str_eq(v[0]->key, "c");
	ck_assert_str_eq(v[1]->key, "e");
	ck_assert_str_eq(v[2]->key, "d");
	ck_assert_str_eq(v[3]->key, "a");
	ck_assert_str_eq(v[4]->key, "b");
	free(v);
	finding_store_release(&fs);
}
END_TEST

START_TEST(test_frame_copy)
{
	struct finding_frame d;
	finding_frame_copy(&d, &frames[1]);
	ck_assert_str_eq(d.module, "/app/bin");
	ck_assert_ptr_ne(d.module, frames[1].module);
	ck_assert_str_eq(d.func, "do_it");
	ck_assert_ptr_ne(d.func, frames[1].func);
	ck_assert_str_eq(d.file, "a.c");
	ck_assert_ptr_null(d.build_id);
	ck_assert_int_eq(d.line, 10);
	ck_assert_uint_eq(d.addr, 0x1234);
	ck_assert(d.program);
	finding_frame_release(&d);
	ck_assert_ptr_null(d.func);
	ck_assert_ptr_null(d.module);
	ck_assert_uint_eq(d.addr, 0);
}
END_TEST

START_TEST(test_step)
{
	/* the earlier step of the first occurrence is kept, as a copy */
	struct finding_store fs;
	finding_store_init(&fs);
	char msg[] = "access() checked /x";
	struct finding_step st = { msg, frames[1] };
	st.frame.line = 7;
	struct finding_event e = ev(3, "/x", 0x1234, 100, 5);
	e.before = &st;
	const struct finding *f = finding_add(&fs, &e);
	ck_assert_ptr_nonnull(f->before);
	ck_assert_ptr_ne(f->before, &st);
	ck_assert_ptr_ne(f->before->message, msg);
	ck_assert_str_eq(f->before->message, "access() checked /x");
	ck_assert_ptr_ne(f->before->frame.func, frames[1].func);
	ck_assert_str_eq(f->before->frame.func, "do_it");
	ck_assert_int_eq(f->before->frame.line, 7);
	st.frame.line = 8;
	ck_assert_ptr_eq(finding_add(&fs, &e), f);
	ck_assert_int_eq(f->before->frame.line, 7);
	/* without a step: none */
	e = ev(3, "/y", 0x1234, 100, 5);
	ck_assert_ptr_null(finding_add(&fs, &e)->before);
	finding_store_release(&fs);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("finding");
	TCase *tc = tcase_create("store");
	tcase_add_test(tc, test_dedupe);
	tcase_add_test(tc, test_no_program_frame);
	tcase_add_test(tc, test_levels_and_caps);
	tcase_add_test(tc, test_max_per_rule);
	tcase_add_test(tc, test_sorted);
	tcase_add_test(tc, test_frame_copy);
	tcase_add_test(tc, test_step);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
