/* test_events.c - JSON Lines records (events.h) and the jsonl report */
#include "config.h"

#include <check.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "events.h"
#include "finding.h"
#include "report.h"
#include "rule_catalog.h"

#define FFFD "\xef\xbf\xbd"
/* 2025-12-01T08:27:14Z */
#define T0 1764577634

static unsigned rule(const char *id)
{
	const struct rule_def *d = rule_by_id(id);
	ck_assert_msg(d, "%s is not in the catalogue", id);
	return (unsigned)rule_index(d);
}

START_TEST(test_header)
{
	struct events_rec w;
	events_rec_init(&w);
	struct timespec ts = { T0, 241123999 };
	ck_assert_int_eq(events_rec_header(&w, &ts), 0);
	ck_assert_str_eq(w.line.p, "{\"type\":\"header\",\"schema\":\"rxtrace-events/1\","
			 "\"version\":\"" PACKAGE_VERSION "\",\"ts\":\"2025-12-01T08:27:14.241123Z\"}\n");
	ck_assert_uint_eq(w.line.len, strlen(w.line.p));
	events_rec_release(&w);
}
END_TEST

static void set_args(struct events_call *c, const char *const *a, const size_t *len,
		     unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		c->arg[i] = a[i];
		c->arglen[i] = len[i];
	}
	c->nargs = n;
}

START_TEST(test_call)
{
	struct events_rec w;
	events_rec_init(&w);
	static const char *const a[] = { "AT_FDCWD", "\"/etc/hostname\"", "O_RDONLY" };
	static const size_t alen[] = { 8, 15, 8 };
	unsigned hits[] = { rule("RX-FILE-005"), rule("RX-FILE-007") };
	struct events_call c = {
		.ts = { T0, 5000 }, .pid = 100, .tid = 101, .name = "openat",
		.abi = ABI_X86_64, .returned = true, .failed = true, .ret = -2,
		.rules = hits, .nrules = 2,
	};
	set_args(&c, a, alen, 3);
	ck_assert_int_eq(events_rec_call(&w, &c), 0);
	ck_assert_str_eq(w.line.p,
		"{\"type\":\"syscall\",\"ts\":\"2025-12-01T08:27:14.000005Z\",\"pid\":100,"
		"\"tid\":101,\"syscall\":\"openat\",\"abi\":\"x86_64\","
		"\"args\":[\"AT_FDCWD\",\"\\\"/etc/hostname\\\"\",\"O_RDONLY\"],"
		"\"ret\":-2,\"errno\":\"ENOENT\",\"rules\":[\"RX-FILE-005\",\"RX-FILE-007\"]}\n");

	/* the reused object keeps nothing of the record before: another
	 * name, ABI, fewer arguments, a success (no errno), no rule */
	static const char *const b[] = { "3" };
	static const size_t blen[] = { 1 };
	c = (struct events_call){
		.ts = { T0 + 61, 999999999 }, .pid = 7, .tid = 7, .name = "close",
		.abi = ABI_I386, .returned = true, .ret = 0,
	};
	set_args(&c, b, blen, 1);
	ck_assert_int_eq(events_rec_call(&w, &c), 0);
	ck_assert_str_eq(w.line.p,
		"{\"type\":\"syscall\",\"ts\":\"2025-12-01T08:28:15.999999Z\",\"pid\":7,"
		"\"tid\":7,\"syscall\":\"close\",\"abi\":\"i386\",\"args\":[\"3\"],"
		"\"ret\":0}\n");

	/* no result (exit_group, or a task gone inside its call) */
	c.returned = false;
	c.name = "exit_group";
	c.abi = ABI_X32;
	c.ret = 99;
	ck_assert_int_eq(events_rec_call(&w, &c), 0);
	ck_assert_str_eq(w.line.p,
		"{\"type\":\"syscall\",\"ts\":\"2025-12-01T08:28:15.999999Z\",\"pid\":7,"
		"\"tid\":7,\"syscall\":\"exit_group\",\"abi\":\"x32\",\"args\":[\"3\"],"
		"\"ret\":null}\n");

	/* any bytes in an argument: NUL, control, invalid UTF-8; an errno
	 * without a name */
	static const char *const d[] = { "x\0y\x1b\xfe", "" };
	static const size_t dlen[] = { 5, 0 };
	c = (struct events_call){
		.ts = { T0, 0 }, .pid = 1, .tid = 1, .name = "syscall_0x1ff",
		.abi = ABI_X86_64, .returned = true, .failed = true, .ret = -4000,
	};
	set_args(&c, d, dlen, 2);
	ck_assert_int_eq(events_rec_call(&w, &c), 0);
	ck_assert_str_eq(w.line.p,
		"{\"type\":\"syscall\",\"ts\":\"2025-12-01T08:27:14.000000Z\",\"pid\":1,"
		"\"tid\":1,\"syscall\":\"syscall_0x1ff\",\"abi\":\"x86_64\","
		"\"args\":[\"x\\u0000y\\u001B" FFFD "\",\"\"],"
		"\"ret\":-4000}\n");

	/* "errno" and "rules" each only when there is one, always last */
	c.nargs = 0;
	c.failed = false;
	c.ret = 5;
	c.rules = hits + 1;
	c.nrules = 1;
	ck_assert_int_eq(events_rec_call(&w, &c), 0);
	ck_assert_str_eq(w.line.p,
		"{\"type\":\"syscall\",\"ts\":\"2025-12-01T08:27:14.000000Z\",\"pid\":1,"
		"\"tid\":1,\"syscall\":\"syscall_0x1ff\",\"abi\":\"x86_64\",\"args\":[],"
		"\"ret\":5,\"rules\":[\"RX-FILE-007\"]}\n");
	c.failed = true;
	c.ret = -13;
	c.nrules = 0;
	ck_assert_int_eq(events_rec_call(&w, &c), 0);
	ck_assert_str_eq(w.line.p,
		"{\"type\":\"syscall\",\"ts\":\"2025-12-01T08:27:14.000000Z\",\"pid\":1,"
		"\"tid\":1,\"syscall\":\"syscall_0x1ff\",\"abi\":\"x86_64\",\"args\":[],"
		"\"ret\":-13,\"errno\":\"EACCES\"}\n");
	events_rec_release(&w);
}
END_TEST

START_TEST(test_process)
{
	struct events_rec w;
	events_rec_init(&w);
	struct timespec ts = { T0, 123456789 };
	/* the last argument without its NUL, as a program that rewrote its
	 * arguments leaves it */
	static const char argv[] = "sh\0-c\0exit 3\0\xff\x01";
	ck_assert_int_eq(events_rec_start(&w, &ts, 42, "/bin/da\xe9sh", 10, argv,
					  sizeof(argv) - 1), 0);
	ck_assert_str_eq(w.line.p,
		"{\"type\":\"process-start\",\"ts\":\"2025-12-01T08:27:14.123456Z\",\"pid\":42,"
		"\"path\":\"/bin/da" FFFD "sh\",\"argv\":[\"sh\",\"-c\",\"exit 3\",\"" FFFD "\\u0001\"]}\n");
	ck_assert_int_eq(events_rec_start(&w, &ts, 42, NULL, 0, "", 0), 0);
	ck_assert_str_eq(w.line.p,
		"{\"type\":\"process-start\",\"ts\":\"2025-12-01T08:27:14.123456Z\",\"pid\":42,"
		"\"path\":null,\"argv\":[]}\n");

	ck_assert_int_eq(events_rec_exit(&w, &ts, 42, RX_EXITED, 3, false), 0);
	ck_assert_str_eq(w.line.p,
		"{\"type\":\"process-exit\",\"ts\":\"2025-12-01T08:27:14.123456Z\",\"pid\":42,"
		"\"exit_code\":3,\"signal\":null,\"core\":false}\n");
	ck_assert_int_eq(events_rec_exit(&w, &ts, 43, RX_KILLED, 11, true), 0);
	ck_assert_str_eq(w.line.p,
		"{\"type\":\"process-exit\",\"ts\":\"2025-12-01T08:27:14.123456Z\",\"pid\":43,"
		"\"exit_code\":null,\"signal\":\"SIGSEGV\",\"core\":true}\n");
	events_rec_release(&w);
}
END_TEST

static struct finding_frame frames[2] = {
	{ .module = (char *)"/lib/libc.so.6", .func = (char *)"openat64", .addr = 0xf818f },
	{ .module = (char *)"/app/bin", .func = (char *)"load_key",
	  .file = (char *)"/src/app/key.c", .line = 48, .addr = 0x1226, .program = true },
};

static const char finding_line[] =
	"{\"type\":\"finding\",\"rule\":\"RX-FILE-005\",\"name\":\"CredentialStoreRead\","
	"\"level\":\"warning\",\"severity\":6.5,"
	"\"message\":\"opened /home/u/.ssh/id_rsa for reading\","
	"\"key\":\"/home/u/.ssh/id_rsa\","
	"\"call\":\"openat(AT_FDCWD, \\\"/home/u/.ssh/id_rsa\\\", O_RDONLY) = 3\","
	"\"site\":{\"function\":\"load_key\",\"file\":\"/src/app/key.c\",\"line\":48,"
	"\"module\":\"/app/bin\",\"address\":\"0x1226\"},"
	"\"count\":2,\"pids\":[100,101],\"exe\":\"/app/bin\","
	"\"first\":\"2025-12-01T08:27:14.000001Z\",\"last\":\"2025-12-01T08:27:16.000002Z\","
	"\"suppressed\":false,\"fingerprint\":\"e85dd732cc9e5f94\"}\n";

static const char env_line[] =
	"{\"type\":\"finding\",\"rule\":\"RX-ENV-001\",\"name\":\"SecretInEnvironment\","
	"\"level\":\"error\",\"severity\":7.5,"
	"\"message\":\"TOKEN=<redacted, 40 chars> in " FFFD "\","
	"\"key\":null,\"call\":null,\"site\":null,\"count\":1,\"pids\":[100],\"exe\":null,"
	"\"first\":\"2025-12-01T08:27:14.000000Z\",\"last\":\"2025-12-01T08:27:14.000000Z\","
	"\"suppressed\":true,\"fingerprint\":\"446da7d299488bd5\"}\n";

/* Two findings: a credential read seen twice, and one without a call,
 * a stack or an executable, suppressed. */
static void fill(struct finding_store *fs)
{
	struct finding_event e = {
		.rule = rule("RX-FILE-005"), .level = RULE_WARNING, .severity = 6.5,
		.message = "opened /home/u/.ssh/id_rsa for reading",
		.key = "/home/u/.ssh/id_rsa",
		.evidence = "openat(AT_FDCWD, \"/home/u/.ssh/id_rsa\", O_RDONLY) = 3",
		.exe = "/app/bin", .pid = 100, .tid = 100, .when = { T0, 1000 },
		.frames = frames, .nframes = 2, .site = 1,
	};
	finding_add(fs, &e);
	e.pid = e.tid = 101;
	e.when = (struct timespec){ T0 + 2, 2000 };
	finding_add(fs, &e);
	struct finding_event s = {
		.rule = rule("RX-ENV-001"), .level = RULE_ERROR, .severity = 7.5,
		.message = "TOKEN=<redacted, 40 chars> in \xff", .pid = 100, .tid = 100,
		.when = { T0, 0 }, .site = -1,
	};
	((struct finding *)finding_add(fs, &s))->suppressed = true;
}

START_TEST(test_finding)
{
	struct finding_store fs;
	finding_store_init(&fs);
	fill(&fs);
	struct events_rec w;
	events_rec_init(&w);
	ck_assert_int_eq(events_rec_finding(&w, fs.all[0]), 0);
	ck_assert_str_eq(w.line.p, finding_line);
	ck_assert_int_eq(events_rec_finding(&w, fs.all[1]), 0);
	ck_assert_str_eq(w.line.p, env_line);
	events_rec_release(&w);
	finding_store_release(&fs);
}
END_TEST

/* The report NEW_REPORTER writes of FS, started at START; free it. */
static char *report_of(struct reporter *(*new_reporter)(FILE *),
		       const struct finding_store *fs, struct timespec start,
		       size_t *len)
{
	char *buf = NULL;
	FILE *fp = open_memstream(&buf, len);
	ck_assert_ptr_nonnull(fp);
	struct reporter *r = new_reporter(fp);
	struct report_run run = { .start = start };
	ck_assert_int_eq(r->ops->write(r, fs, &run), 0);
	r->ops->free(r);
	fclose(fp);
	return buf;
}

START_TEST(test_report)
{
	/* --format=jsonl: the header at the run's start, then the findings
	 * in report order (the error first) */
	struct finding_store fs;
	finding_store_init(&fs);
	fill(&fs);
	size_t len;
	char *buf = report_of(report_jsonl_new, &fs, (struct timespec){ T0, 500000 },
			      &len);
	struct sbuf want;
	sb_init(&want);
	sb_puts(&want, "{\"type\":\"header\",\"schema\":\"rxtrace-events/1\",\"version\":\""
		PACKAGE_VERSION "\",\"ts\":\"2025-12-01T08:27:14.000500Z\"}\n");
	sb_puts(&want, env_line);
	sb_puts(&want, finding_line);
	ck_assert_uint_eq(len, want.len);
	ck_assert_str_eq(buf, want.p);
	sb_release(&want);
	free(buf);
	finding_store_release(&fs);
}
END_TEST

/* A finding record's fingerprint is the one the SARIF report gives the
 * same finding, so that JSON Lines can be matched across runs too. */
START_TEST(test_fingerprint_is_sarif)
{
	struct finding_store fs;
	finding_store_init(&fs);
	fill(&fs);
	size_t len;
	char *buf = report_of(report_sarif_new, &fs, (struct timespec){ T0, 0 }, &len);
	json_error_t err;
	json_t *log = json_loads(buf, 0, &err);
	ck_assert_msg(log, "%s", err.text);
	json_t *results = json_object_get(json_array_get(json_object_get(log, "runs"), 0),
					  "results");
	ck_assert_uint_eq(json_array_size(results), 2);
	size_t i;
	json_t *res;
	json_array_foreach(results, i, res) {
		const char *rule = json_string_value(json_object_get(res, "ruleId"));
		const char *want = json_string_value(json_object_get(
			json_object_get(res, "partialFingerprints"), "rxtraceStackHash/v1"));
		ck_assert_ptr_nonnull(want);
		for (size_t k = 0; k < fs.n; k++) {
			if (strcmp(rule_defs[fs.all[k]->rule].id, rule))
				continue;
			char got[17];
			report_sarif_fingerprint(fs.all[k], got);
			ck_assert_str_eq(got, want);
		}
	}
	json_decref(log);
	free(buf);
	finding_store_release(&fs);
}
END_TEST

static Suite *events_suite(void)
{
	Suite *s = suite_create("events");
	TCase *tc = tcase_create("records");
	tcase_add_test(tc, test_header);
	tcase_add_test(tc, test_call);
	tcase_add_test(tc, test_process);
	tcase_add_test(tc, test_finding);
	tcase_add_test(tc, test_report);
	tcase_add_test(tc, test_fingerprint_is_sarif);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(events_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
