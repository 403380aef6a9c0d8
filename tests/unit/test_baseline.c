/* test_baseline.c - --baseline logs: parsing, broken inputs, matching,
 * absent results; the --fail-on gate */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "baseline.h"
#include "rule_catalog.h"

static char err[256];

/* A log of one rxtrace run with RESULTS (the inside of a JSON array). */
static const char *log_of(const char *results)
{
	static char buf[8192];
	snprintf(buf, sizeof(buf),
		 "{\"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\","
		 " \"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\":"
		 " {\"name\": \"rxtrace\", \"rules\": []}}, \"results\": [%s]}]}",
		 results);
	return buf;
}

static int parse(struct baseline *b, const char *text)
{
	err[0] = '\0';
	return baseline_parse(b, text, strlen(text), err, sizeof(err));
}

/* A result as rxtrace writes it. */
#define RESULT(rule, fp, level, uri, line) \
	"{\"ruleId\": \"" rule "\", \"ruleIndex\": 7, \"level\": \"" level "\"," \
	" \"message\": {\"text\": \"Said of " rule ".\"}," \
	" \"locations\": [{\"physicalLocation\": {\"artifactLocation\":" \
	" {\"uri\": \"" uri "\", \"uriBaseId\": \"SRCROOT\"}," \
	" \"region\": {\"startLine\": " #line "}}}]," \
	" \"partialFingerprints\": {\"rxtraceStackHash/v1\": \"" fp "\"}}"

static const char *const previous =
	RESULT("RX-PROC-012", "aaaa", "error", "src/a.c", 10) ","
	RESULT("RX-PROC-012", "aaaa", "error", "src/a.c", 20) ","
	RESULT("RX-MEM-004", "bbbb", "warning", "src/b.c", 5) ","
	RESULT("RX-ENV-001", "cccc", "error", "risky", 1) ","
	/* gone already in that run: skipped */
	"{\"ruleId\": \"RX-LIB-001\", \"baselineState\": \"absent\","
	" \"partialFingerprints\": {\"rxtraceStackHash/v1\": \"dddd\"}},"
	/* no fingerprint: it can only come back absent */
	"{\"ruleId\": \"RX-FILE-001\", \"level\": \"warning\","
	" \"message\": {\"text\": \"No fingerprint.\"},"
	" \"locations\": [{\"physicalLocation\": {\"artifactLocation\":"
	" {\"uri\": \"src/c.c\"}, \"region\": {\"startLine\": 3}}}]},"
	/* a rule the catalogue no longer has */
	RESULT("RX-GONE-999", "eeee", "note", "src/d.c", 4);

static enum baseline_state match(struct baseline *b, const char *rule,
				 const char *fp, const char *level,
				 const char *uri, long line)
{
	struct baseline_key k = { .rule_id = rule, .fingerprint = fp,
				  .level = level, .uri = uri, .line = line };
	return baseline_match(b, &k);
}

START_TEST(test_match)
{
	struct baseline b;
	ck_assert_int_eq(parse(&b, log_of(previous)), 0);
	ck_assert_uint_eq(b.n, 6);
	ck_assert_uint_eq(baseline_absent_count(&b), 6);

	/* one to one: the result with the same location first, then the
	 * first left of the same rule and fingerprint */
	ck_assert_int_eq(match(&b, "RX-PROC-012", "aaaa", "error", "src/a.c", 20),
			 BASELINE_UNCHANGED);
	ck_assert_int_eq(match(&b, "RX-PROC-012", "aaaa", "error", "src/a.c", 12),
			 BASELINE_UPDATED);
	ck_assert_int_eq(match(&b, "RX-PROC-012", "aaaa", "error", "src/a.c", 10),
			 BASELINE_NEW);
	/* the level changed; the uri changed */
	ck_assert_int_eq(match(&b, "RX-MEM-004", "bbbb", "error", "src/b.c", 5),
			 BASELINE_UPDATED);
	ck_assert_int_eq(match(&b, "RX-ENV-001", "cccc", "error", "other", 1),
			 BASELINE_UPDATED);
	/* a fingerprint of another rule, an absent one, none */
	ck_assert_int_eq(match(&b, "RX-ENV-001", "bbbb", "error", "risky", 1),
			 BASELINE_NEW);
	ck_assert_int_eq(match(&b, "RX-LIB-001", "dddd", "error", "src/e.c", 1),
			 BASELINE_NEW);
	ck_assert_int_eq(match(&b, "RX-FILE-001", NULL, "warning", "src/c.c", 3),
			 BASELINE_NEW);
	/* ids are compared exactly */
	ck_assert_int_eq(match(&b, "rx-gone-999", "eeee", "note", "src/d.c", 4),
			 BASELINE_NEW);
	ck_assert_uint_eq(b.matched, 4);
	ck_assert_uint_eq(baseline_absent_count(&b), 2);
	baseline_release(&b);
	ck_assert_ptr_null(b.log);
	ck_assert_uint_eq(b.n, 0);
}
END_TEST

START_TEST(test_absent)
{
	struct baseline b;
	ck_assert_int_eq(parse(&b, log_of(previous)), 0);
	ck_assert_int_eq(match(&b, "RX-PROC-012", "aaaa", "error", "src/a.c", 10),
			 BASELINE_UNCHANGED);
	ck_assert_int_eq(match(&b, "RX-MEM-004", "bbbb", "warning", "src/b.c", 5),
			 BASELINE_UNCHANGED);
	json_t *a = json_array();
	ck_assert_int_eq(baseline_append_absent(&b, a), 0);
	ck_assert_uint_eq(json_array_size(a), 4);

	/* in the order of the previous log */
	json_t *r = json_array_get(a, 0);
	ck_assert_str_eq(json_string_value(json_object_get(r, "ruleId")), "RX-PROC-012");
	ck_assert_int_eq(json_integer_value(json_object_get(r, "ruleIndex")), 16);
	ck_assert_str_eq(json_string_value(json_object_get(r, "baselineState")), "absent");
	ck_assert_str_eq(json_string_value(json_object_get(r, "level")), "error");
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(r, "message"),
							   "text")), "Said of RX-PROC-012.");
	json_t *loc = json_object_get(json_array_get(json_object_get(r, "locations"), 0),
				      "physicalLocation");
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(loc, "region"),
							    "startLine")), 20);
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(
		r, "partialFingerprints"), "rxtraceStackHash/v1")), "aaaa");
	ck_assert_uint_eq(json_object_size(r), 7);

	r = json_array_get(a, 1);
	ck_assert_str_eq(json_string_value(json_object_get(r, "ruleId")), "RX-ENV-001");
	ck_assert_int_eq(json_integer_value(json_object_get(r, "ruleIndex")), 0);

	r = json_array_get(a, 2);
	ck_assert_str_eq(json_string_value(json_object_get(r, "ruleId")), "RX-FILE-001");
	ck_assert_int_eq(json_integer_value(json_object_get(r, "ruleIndex")),
			 RULE_IDX_WorldWritableFile);
	ck_assert_ptr_null(json_object_get(r, "partialFingerprints"));
	ck_assert_uint_eq(json_object_size(r), 6);

	/* the rule is gone: no ruleIndex (the stale 7 is not copied) */
	r = json_array_get(a, 3);
	ck_assert_str_eq(json_string_value(json_object_get(r, "ruleId")), "RX-GONE-999");
	ck_assert_ptr_null(json_object_get(r, "ruleIndex"));
	ck_assert_str_eq(json_string_value(json_object_get(r, "level")), "note");
	ck_assert_uint_eq(json_object_size(r), 6);

	/* the copies stay valid once the baseline is gone */
	baseline_release(&b);
	char *text = json_dumps(a, JSON_COMPACT);
	ck_assert_ptr_nonnull(strstr(text, "\"ruleId\":\"RX-GONE-999\""));
	free(text);
	json_decref(a);
}
END_TEST

START_TEST(test_defaults_and_index)
{
	struct baseline b;
	/* no level is SARIF's "warning"; no location matches no location */
	ck_assert_int_eq(parse(&b, log_of(
		"{\"ruleId\": \"RX-MEM-004\", \"message\": {\"text\": \"x.\"},"
		" \"partialFingerprints\": {\"rxtraceStackHash/v1\": \"ffff\"}}")), 0);
	ck_assert_int_eq(match(&b, "RX-MEM-004", "ffff", "warning", NULL, 0),
			 BASELINE_UNCHANGED);
	baseline_release(&b);

	/* many results: every one is found through the index */
	struct sbuf sb;
	sb_init(&sb);
	for (int i = 0; i < 1000; i++)
		sb_printf(&sb, "%s{\"ruleId\": \"RX-LIB-001\", \"level\": \"error\","
			  " \"message\": {\"text\": \"m.\"}, \"partialFingerprints\":"
			  " {\"rxtraceStackHash/v1\": \"%016x\"}}", i ? "," : "", i * 7919);
	struct sbuf log;
	sb_init(&log);
	sb_printf(&log, "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\":"
		  " {\"name\": \"rxtrace\"}}, \"results\": [%s]}]}", sb.p);
	ck_assert_int_eq(parse(&b, log.p), 0);
	ck_assert_uint_eq(b.n, 1000);
	for (int i = 999; i >= 0; i--) {
		char fp[17];
		snprintf(fp, sizeof(fp), "%016x", i * 7919);
		ck_assert_int_eq(match(&b, "RX-LIB-001", fp, "error", NULL, 0),
				 BASELINE_UNCHANGED);
	}
	ck_assert_uint_eq(baseline_absent_count(&b), 0);
	ck_assert_int_eq(match(&b, "RX-LIB-001", "0000000000000000", "error", NULL, 0),
			 BASELINE_NEW);
	baseline_release(&b);
	sb_release(&sb);
	sb_release(&log);

	/* a run without results, and an empty baseline */
	ck_assert_int_eq(parse(&b, "{\"version\": \"2.1.0\", \"runs\": [{\"tool\":"
			       " {\"driver\": {\"name\": \"rxtrace\"}}}]}"), 0);
	ck_assert_uint_eq(b.n, 0);
	ck_assert_int_eq(match(&b, "RX-LIB-001", "aaaa", "error", NULL, 0), BASELINE_NEW);
	baseline_release(&b);
}
END_TEST

#define R0 "runs[0].results[0]"
#define PL R0 ".locations[0].physicalLocation"
#define LOC(x) "\"ruleId\": \"RX-LIB-001\", \"message\": {\"text\": \"m.\"}, \"locations\": " x

static const struct {
	const char *text;	/* a whole log, or results when it starts with '#' */
	const char *why;
} broken[] = {
	{ "{\"version\": \"2.1.0\", \"runs\": [{\"tool\":", NULL },
	{ "[]", "not a SARIF 2.1.0 log" },
	{ "[{\"version\": \"2.1.0\"}]", "not a SARIF 2.1.0 log" },
	{ "{\"version\": \"2.0.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"rxtrace\"}}}]}",
	  "not a SARIF 2.1.0 log" },
	{ "{\"version\": 2.1, \"runs\": []}", "not a SARIF 2.1.0 log" },
	{ "{\"version\": \"2.1.0\", \"runs\": []}", "not a SARIF 2.1.0 log" },
	{ "{\"version\": \"2.1.0\", \"runs\": {}}", "not a SARIF 2.1.0 log" },
	{ "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"CodeQL\"}}}]}",
	  "not an rxtrace report (tool.driver.name is not rxtrace)" },
	{ "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": 1}}}]}",
	  "not an rxtrace report (tool.driver.name is not rxtrace)" },
	{ "{\"version\": \"2.1.0\", \"runs\": [42]}",
	  "not an rxtrace report (tool.driver.name is not rxtrace)" },
	{ "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"rxtrace\"}},"
	  " \"results\": {}}]}", "runs[0].results is not an array" },
	{ "#42", R0 " is not an object" },
	{ "#{\"ruleId\": 12, \"message\": {\"text\": \"m.\"}}", R0 ".ruleId is not a string" },
	{ "#{\"message\": {\"text\": \"m.\"}}", R0 ".ruleId is not a string" },
	{ "#{\"ruleId\": \"RX-LIB-001\", \"message\": {\"text\": 5}}",
	  R0 ".message.text is not a string" },
	{ "#{\"ruleId\": \"RX-LIB-001\", \"message\": \"m.\"}", R0 ".message is not an object" },
	{ "#{\"ruleId\": \"RX-LIB-001\"}", R0 ".message.text is not a string" },
	{ "#{\"ruleId\": \"RX-LIB-001\", \"message\": {\"text\": \"m.\"}, \"level\": 2}",
	  R0 ".level is not a string" },
	{ "#{\"ruleId\": \"RX-LIB-001\", \"message\": {\"text\": \"m.\"}, \"level\": null}",
	  R0 ".level is not a string" },
	{ "#{\"ruleId\": \"RX-LIB-001\", \"message\": {\"text\": \"m.\"},"
	  " \"partialFingerprints\": []}", R0 ".partialFingerprints is not an object" },
	{ "#{\"ruleId\": \"RX-LIB-001\", \"message\": {\"text\": \"m.\"},"
	  " \"partialFingerprints\": {\"rxtraceStackHash/v1\": 1234}}",
	  R0 ".partialFingerprints.rxtraceStackHash/v1 is not a string" },
	{ "#{\"ruleId\": \"RX-LIB-001\", \"baselineState\": true}",
	  R0 ".baselineState is not a string" },
	{ "#{" LOC("{}") "}", R0 ".locations is not an array" },
	{ "#{" LOC("[\"src/a.c\"]") "}", R0 ".locations[0] is not an object" },
	{ "#{" LOC("[{\"physicalLocation\": []}]") "}",
	  R0 ".locations[0].physicalLocation is not an object" },
	{ "#{" LOC("[{\"physicalLocation\": {\"artifactLocation\": {\"uri\": 7}}}]") "}",
	  PL ".artifactLocation.uri is not a string" },
	{ "#{" LOC("[{\"physicalLocation\": {\"region\": {\"startLine\": \"3\"}}}]") "}",
	  PL ".region.startLine is not an integer" },
	{ "#{" LOC("[{\"physicalLocation\": {\"region\": {\"startLine\": 3.0}}}]") "}",
	  PL ".region.startLine is not an integer" },
	/* the path names the run and the result */
	{ "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"rxtrace\"}}},"
	  " {\"tool\": {\"driver\": {\"name\": \"rxtrace\"}}, \"results\": ["
	  "{\"ruleId\": \"RX-LIB-001\", \"message\": {\"text\": \"m.\"}}, {\"ruleId\": []}]}]}",
	  "runs[1].results[1].ruleId is not a string" },
};

START_TEST(test_broken)
{
	const char *text = broken[_i].text;
	if (text[0] == '#')
		text = log_of(text + 1);
	struct baseline b;
	ck_assert_int_eq(parse(&b, text), -EINVAL);
	if (broken[_i].why)
		ck_assert_str_eq(err, broken[_i].why);
	else	/* the rest is jansson's text */
		ck_assert_msg(!strncmp(err, "not JSON (line 1: ", 18), "%s", err);
	/* nothing is kept */
	ck_assert_ptr_null(b.log);
	ck_assert_ptr_null(b.v);
	ck_assert_uint_eq(b.n, 0);
}
END_TEST

static char dir[] = "/tmp/rxtrace-test-baseline.XXXXXX";

static const char *write_file(const char *name, const char *text, off_t size)
{
	static char path[128];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	ck_assert_int_ge(fd, 0);
	size_t n = strlen(text);
	ck_assert_int_eq(write(fd, text, n), (ssize_t)n);
	if (size)
		ck_assert_int_eq(ftruncate(fd, size), 0);
	close(fd);
	return path;
}

START_TEST(test_load)
{
	struct baseline b;
	ck_assert_ptr_nonnull(mkdtemp(dir));

	const char *p = write_file("good.sarif", log_of(previous), 0);
	ck_assert_int_eq(baseline_load(&b, p, err, sizeof(err)), 0);
	ck_assert_uint_eq(b.n, 6);
	baseline_release(&b);

	/* cut short */
	const char *full = log_of(previous);
	char cut[200];
	snprintf(cut, sizeof(cut), "%.150s", full);
	p = write_file("cut.sarif", cut, 0);
	ck_assert_int_eq(baseline_load(&b, p, err, sizeof(err)), -EINVAL);
	ck_assert_msg(!strncmp(err, "not JSON (line 1: ", 18), "%s", err);

	p = write_file("none", "", 0);
	unlink(p);
	ck_assert_int_eq(baseline_load(&b, p, err, sizeof(err)), -ENOENT);
	ck_assert_str_eq(err, "No such file or directory");
	ck_assert_int_eq(baseline_load(&b, dir, err, sizeof(err)), -EISDIR);
	ck_assert_str_eq(err, "Is a directory");

	/* the size cap: refused before it is read (a sparse file) */
	p = write_file("big.sarif", "{", (off_t)BASELINE_MAX_SIZE + 1);
	ck_assert_int_eq(baseline_load(&b, p, err, sizeof(err)), -EFBIG);
	ck_assert_str_eq(err, "larger than 64 MiB");
	unlink(p);
	ck_assert_ptr_null(b.log);

	unlink(write_file("good.sarif", "", 0));
	unlink(write_file("cut.sarif", "", 0));
	ck_assert_int_eq(rmdir(dir), 0);
}
END_TEST

START_TEST(test_gate)
{
	ck_assert_int_eq(baseline_gate_parse("none"), BASELINE_GATE_NONE);
	ck_assert_int_eq(baseline_gate_parse("new"), BASELINE_GATE_NEW);
	ck_assert_int_eq(baseline_gate_parse("note"), BASELINE_GATE_NOTE);
	ck_assert_int_eq(baseline_gate_parse("warning"), BASELINE_GATE_WARNING);
	ck_assert_int_eq(baseline_gate_parse("error"), BASELINE_GATE_ERROR);
	ck_assert_int_eq(baseline_gate_parse("NEW"), -EINVAL);
	ck_assert_int_eq(baseline_gate_parse("warn"), -EINVAL);
	ck_assert_int_eq(baseline_gate_parse(""), -EINVAL);
	ck_assert_str_eq(baseline_gate_name(BASELINE_GATE_WARNING), "warning");
	ck_assert_ptr_null(baseline_gate_name((enum baseline_gate)5));

	/* every gate against every level and state: trips or not */
	static const enum baseline_state states[] = {
		BASELINE_NONE, BASELINE_NEW, BASELINE_UNCHANGED, BASELINE_UPDATED,
	};
	static const char *const want[] = {
		/* rows: gates; columns: note, warning, error x the states */
		[BASELINE_GATE_NONE] = "000000000000",
		[BASELINE_GATE_NEW] = "110111011101",
		[BASELINE_GATE_NOTE] = "111111111111",
		[BASELINE_GATE_WARNING] = "000011111111",
		[BASELINE_GATE_ERROR] = "000000001111",
	};
	for (int g = BASELINE_GATE_NONE; g <= BASELINE_GATE_ERROR; g++)
		for (int l = RULE_NOTE; l <= RULE_ERROR; l++)
			for (int s = 0; s < 4; s++)
				ck_assert_msg(baseline_gate_trips((enum baseline_gate)g,
						(enum rule_level)l, states[s]) ==
					      (want[g][4 * l + s] == '1'),
					      "gate %d level %d state %d", g, l, s);
}
END_TEST

START_TEST(test_state_names)
{
	ck_assert_ptr_null(baseline_state_name(BASELINE_NONE));
	ck_assert_str_eq(baseline_state_name(BASELINE_NEW), "new");
	ck_assert_str_eq(baseline_state_name(BASELINE_UNCHANGED), "unchanged");
	ck_assert_str_eq(baseline_state_name(BASELINE_UPDATED), "updated");
	ck_assert_ptr_null(baseline_state_name((enum baseline_state)9));
}
END_TEST

static Suite *baseline_suite(void)
{
	Suite *s = suite_create("baseline");
	TCase *tc = tcase_create("match");
	tcase_add_test(tc, test_match);
	tcase_add_test(tc, test_absent);
	tcase_add_test(tc, test_defaults_and_index);
	suite_add_tcase(s, tc);

	tc = tcase_create("input");
	tcase_add_loop_test(tc, test_broken, 0, (int)(sizeof(broken) / sizeof(broken[0])));
	tcase_add_test(tc, test_load);
	suite_add_tcase(s, tc);

	tc = tcase_create("gate");
	tcase_add_test(tc, test_gate);
	tcase_add_test(tc, test_state_names);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(baseline_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
