/* test_traceset.c - parsing -e trace=SET */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sysent.h"
#include "traceset.h"

static char err[128];

static unsigned idx(const char *name)
{
	const struct sysent *se = sysent_by_name(name);
	ck_assert_msg(se, "%s is not in the table", name);
	return sysent_index(se);
}

static bool has(const struct traceset *ts, const char *name)
{
	return traceset_has(ts, idx(name));
}

static unsigned count(const struct traceset *ts)
{
	unsigned n = 0;
	for (unsigned i = 0; i < TRACESET_MAX; i++)
		n += traceset_has(ts, i);
	return n;
}

static bool same(const struct traceset *a, const struct traceset *b)
{
	return !memcmp(a->bits, b->bits, sizeof(a->bits)) &&
	       a->unknown_new == b->unknown_new;
}

static struct traceset parse_ok(const char *spec)
{
	struct traceset ts;
	memset(&ts, 0xa5, sizeof(ts));
	int r = traceset_parse(&ts, spec, err, sizeof(err));
	ck_assert_msg(r == 0, "'%s': %d (%s)", spec, r, err);
	return ts;
}

/* SPEC must fail with exactly MSG, leaving the set alone. */
static void parse_bad(const char *spec, const char *msg)
{
	struct traceset ts, before;
	traceset_empty(&ts);
	traceset_add(&ts, idx("close"));
	before = ts;
	int r = traceset_parse(&ts, spec, err, sizeof(err));
	ck_assert_msg(r == -EINVAL, "'%s' was accepted (%d)", spec, r);
	ck_assert_msg(!strcmp(err, msg), "'%s': message \"%s\", want \"%s\"",
		      spec, err, msg);
	ck_assert_msg(same(&ts, &before), "'%s' changed the set", spec);
}

static struct traceset class_set(uint32_t bit)
{
	struct traceset ts;
	traceset_empty(&ts);
	for (unsigned i = 0; i < sysent_count; i++)
		if (sysent_table[i].classes & bit)
			traceset_add(&ts, i);
	return ts;
}

START_TEST(test_basics)
{
	struct traceset ts;
	traceset_empty(&ts);
	ck_assert_uint_eq(count(&ts), 0);
	ck_assert(!ts.unknown_new);
	traceset_add(&ts, idx("read"));
	traceset_add(&ts, idx("read"));
	ck_assert(has(&ts, "read"));
	ck_assert_uint_eq(count(&ts), 1);
	/* out of range: ignored, never set */
	traceset_add(&ts, TRACESET_MAX);
	traceset_add(&ts, ~0u);
	ck_assert(!traceset_has(&ts, TRACESET_MAX));
	ck_assert(!traceset_has(&ts, ~0u));
	ck_assert_uint_eq(count(&ts), 1);

	traceset_all(&ts);
	ck_assert_uint_eq(count(&ts), sysent_count);
	ck_assert(ts.unknown_new);
	/* bits past the table stay clear */
	ck_assert(!traceset_has(&ts, sysent_count));
	traceset_empty(&ts);
	ck_assert_uint_eq(count(&ts), 0);
	ck_assert(!ts.unknown_new);
}
END_TEST

START_TEST(test_names)
{
	struct traceset ts = parse_ok("openat,read");
	ck_assert(has(&ts, "openat"));
	ck_assert(has(&ts, "read"));
	ck_assert(!has(&ts, "close"));
	ck_assert(!has(&ts, "open"));
	ck_assert_uint_eq(count(&ts), 2);
	ck_assert(!ts.unknown_new);

	ts = parse_ok("execve");
	ck_assert_uint_eq(count(&ts), 1);
	ck_assert(has(&ts, "execve"));
	/* the first and last rows, and a name with an underscore first */
	ts = parse_ok("_sysctl,writev");
	ck_assert(has(&ts, "_sysctl") && has(&ts, "writev"));
	ck_assert_str_eq(err, "");
}
END_TEST

START_TEST(test_duplicates)
{
	struct traceset a = parse_ok("openat,openat,read,openat");
	struct traceset b = parse_ok("read,openat");
	ck_assert(same(&a, &b));
	a = parse_ok("%file,%file,openat");
	b = parse_ok("%file");
	ck_assert(same(&a, &b));
}
END_TEST

START_TEST(test_classes)
{
	struct traceset ts = parse_ok("%file");
	struct traceset want = class_set(CL_FILE);
	ck_assert(same(&ts, &want));
	ck_assert(has(&ts, "openat") && has(&ts, "execve"));
	ck_assert(!has(&ts, "read"));

	struct traceset net = parse_ok("%net"), network = parse_ok("%network");
	ck_assert(same(&net, &network));
	ck_assert(has(&net, "connect"));

	ts = parse_ok("%file,%net");
	want = class_set(CL_FILE | CL_NETWORK);
	ck_assert(same(&ts, &want));

	static const struct { const char *spec; uint32_t bit; } classes[] = {
		{ "%desc", CL_DESC }, { "%process", CL_PROCESS },
		{ "%signal", CL_SIGNAL }, { "%ipc", CL_IPC },
		{ "%memory", CL_MEMORY }, { "%creds", CL_CREDS },
		{ "%clock", CL_CLOCK }, { "%stat", CL_STAT },
	};
	for (size_t i = 0; i < sizeof(classes) / sizeof(classes[0]); i++) {
		ts = parse_ok(classes[i].spec);
		want = class_set(classes[i].bit);
		ck_assert_msg(same(&ts, &want), "%s", classes[i].spec);
		ck_assert_msg(count(&ts) > 0, "%s is empty", classes[i].spec);
	}
	ts = parse_ok("%creds");
	ck_assert(has(&ts, "setuid") && has(&ts, "capset"));
	ts = parse_ok("%memory");
	ck_assert(has(&ts, "mmap") && has(&ts, "mprotect"));
	ck_assert(!ts.unknown_new);

	/* mixed names and classes */
	ts = parse_ok("%process,read");
	want = class_set(CL_PROCESS);
	traceset_add(&want, idx("read"));
	ck_assert(same(&ts, &want));
}
END_TEST

/* strace still takes the older classes without the %. */
START_TEST(test_legacy_classes)
{
	static const char *const names[] = {
		"file", "process", "network", "signal", "ipc", "desc", "memory",
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char pct[32] = "%";
		strcat(pct, names[i]);
		struct traceset a = parse_ok(names[i]), b = parse_ok(pct);
		ck_assert_msg(same(&a, &b), "%s", names[i]);
	}
	/* "stat" is a syscall, not the class */
	struct traceset ts = parse_ok("stat");
	ck_assert_uint_eq(count(&ts), 1);
	ck_assert(has(&ts, "stat"));
	/* newer classes need the % as in strace */
	parse_bad("creds", "unknown syscall 'creds'");
	parse_bad("net", "unknown syscall 'net'");
}
END_TEST

START_TEST(test_all_none)
{
	struct traceset ts = parse_ok("all"), all;
	traceset_all(&all);
	ck_assert(same(&ts, &all));
	ck_assert(ts.unknown_new);
	ck_assert_uint_eq(count(&ts), sysent_count);

	ts = parse_ok("openat,all");
	ck_assert(same(&ts, &all));
	ts = parse_ok("all,%file");
	ck_assert(same(&ts, &all));

	struct traceset none;
	traceset_empty(&none);
	ts = parse_ok("none");
	ck_assert(same(&ts, &none));
	ts = parse_ok("!all");
	ck_assert(same(&ts, &none));
	ts = parse_ok("!none");
	ck_assert(same(&ts, &all));
}
END_TEST

START_TEST(test_negation)
{
	struct traceset ts = parse_ok("!openat");
	ck_assert(!has(&ts, "openat"));
	ck_assert(has(&ts, "read") && has(&ts, "close"));
	ck_assert_uint_eq(count(&ts), sysent_count - 1);
	/* "everything but openat" includes calls without a row */
	ck_assert(ts.unknown_new);

	ts = parse_ok("!openat,close");
	ck_assert(!has(&ts, "openat") && !has(&ts, "close"));
	ck_assert(has(&ts, "read"));
	ck_assert_uint_eq(count(&ts), sysent_count - 2);

	ts = parse_ok("!%file");
	struct traceset file = class_set(CL_FILE);
	for (unsigned i = 0; i < sysent_count; i++)
		ck_assert(traceset_has(&ts, i) != traceset_has(&file, i));
	ck_assert(!traceset_has(&ts, sysent_count));
	ck_assert(ts.unknown_new);

	struct traceset a = parse_ok("!!openat"), b = parse_ok("openat");
	ck_assert(same(&a, &b));
}
END_TEST

START_TEST(test_optional_and_regex)
{
	struct traceset ts = parse_ok("?nosuchcall,openat");
	struct traceset want = parse_ok("openat");
	ck_assert(same(&ts, &want));
	ts = parse_ok("?%bogus");
	ck_assert_uint_eq(count(&ts), 0);
	ts = parse_ok("?openat");
	ck_assert(same(&ts, &want));

	ts = parse_ok("/^open");
	ck_assert(has(&ts, "open") && has(&ts, "openat") &&
		  has(&ts, "openat2") && has(&ts, "open_tree") &&
		  has(&ts, "open_by_handle_at"));
	ck_assert(!has(&ts, "close") && !has(&ts, "fsopen"));
	ck_assert(!ts.unknown_new);
	ts = parse_ok("/^(read|write)$");
	want = parse_ok("read,write");
	ck_assert(same(&ts, &want));
	ts = parse_ok("?/^zzz");
	ck_assert_uint_eq(count(&ts), 0);
	parse_bad("/^zzz", "no syscall matches '/^zzz'");
	ck_assert_int_eq(traceset_parse(&ts, "/[", err, sizeof(err)), -EINVAL);
	ck_assert_msg(!strncmp(err, "invalid regular expression '/['", 31),
		      "%s", err);
}
END_TEST

START_TEST(test_errors)
{
	parse_bad("foo", "unknown syscall 'foo'");
	parse_bad("openat,nosuchcall,close", "unknown syscall 'nosuchcall'");
	parse_bad("!foo", "unknown syscall 'foo'");
	parse_bad("%bogus", "unknown class '%bogus'");
	parse_bad("%file,%bogus", "unknown class '%bogus'");
	parse_bad("%", "unknown class '%'");
	parse_bad("%FILE", "unknown class '%FILE'");
	parse_bad("OPENAT", "unknown syscall 'OPENAT'");
	/* i386-only: no row, reachable through "all" only */
	parse_bad("socketcall", "unknown syscall 'socketcall'");
	parse_bad("openat,!close",
		  "'!close': '!' negates the whole set and must come first");
	parse_bad("none,openat", "'none' cannot be combined with other items");
	parse_bad("openat,none", "'none' cannot be combined with other items");
}
END_TEST

START_TEST(test_empty_and_whitespace)
{
	parse_bad("", "empty trace set");
	parse_bad("!", "empty trace set");
	parse_bad(",openat", "empty item in ',openat'");
	parse_bad("openat,", "empty item in 'openat,'");
	parse_bad("openat,,close", "empty item in 'openat,,close'");
	parse_bad(",", "empty item in ','");
	parse_bad("?", "empty item in '?'");
	parse_bad(" openat", "unexpected whitespace in ' openat'");
	parse_bad("openat ", "unexpected whitespace in 'openat '");
	parse_bad("openat, close", "unexpected whitespace in ' close'");
	parse_bad("open\tat", "unexpected whitespace in 'open\tat'");
	parse_bad("! openat", "unexpected whitespace in ' openat'");
	parse_bad(" ", "unexpected whitespace in ' '");
}
END_TEST

START_TEST(test_err_buffer)
{
	struct traceset ts;
	/* no buffer at all */
	ck_assert_int_eq(traceset_parse(&ts, "foo", NULL, 0), -EINVAL);
	ck_assert_int_eq(traceset_parse(&ts, "openat", NULL, 0), 0);
	/* a short one is cut and terminated */
	char small[8];
	memset(small, 'x', sizeof(small));
	ck_assert_int_eq(traceset_parse(&ts, "nosuchcall", small,
					sizeof(small)), -EINVAL);
	ck_assert_str_eq(small, "unknown");
	/* success clears a stale message */
	strcpy(err, "stale");
	ck_assert_int_eq(traceset_parse(&ts, "read", err, sizeof(err)), 0);
	ck_assert_str_eq(err, "");
	ck_assert_int_eq(traceset_parse(&ts, NULL, err, sizeof(err)), -EINVAL);
}
END_TEST

/* A name far longer than any syscall must not overflow anything. */
START_TEST(test_long_item)
{
	char spec[4096];
	memset(spec, 'a', sizeof(spec) - 1);
	spec[sizeof(spec) - 1] = '\0';
	struct traceset ts;
	ck_assert_int_eq(traceset_parse(&ts, spec, err, sizeof(err)), -EINVAL);
	ck_assert(!strncmp(err, "unknown syscall 'aaa", 20));
	ck_assert_uint_eq(strlen(err), sizeof(err) - 1);
}
END_TEST

static Suite *traceset_suite(void)
{
	Suite *s = suite_create("traceset");
	TCase *tc = tcase_create("parse");
	tcase_add_test(tc, test_basics);
	tcase_add_test(tc, test_names);
	tcase_add_test(tc, test_duplicates);
	tcase_add_test(tc, test_classes);
	tcase_add_test(tc, test_legacy_classes);
	tcase_add_test(tc, test_all_none);
	tcase_add_test(tc, test_negation);
	tcase_add_test(tc, test_optional_and_regex);
	suite_add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_add_test(tc, test_errors);
	tcase_add_test(tc, test_empty_and_whitespace);
	tcase_add_test(tc, test_err_buffer);
	tcase_add_test(tc, test_long_item);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(traceset_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
