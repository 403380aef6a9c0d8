/* fuzz_json.c - JSON output of untrusted bytes
 *
 * The input stands for bytes from a tracee (a file name, an argument).
 * jstr_utf8 must make well-formed UTF-8 of them and keep well-formed
 * input as it is; a jstr_new string must dump to JSON that re-parses to
 * the same string; and the JSON Lines records built from the input (a
 * syscall record with the input cut into arguments, a process-start
 * record with it as path and argv) must be single lines that re-parse.
 */
#include "config.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "events.h"
#include "jstr.h"

/* jansson validates UTF-8 when it makes a string */
static bool fuzz_utf8_ok(const char *s, size_t len)
{
	json_t *j = json_stringn(len ? s : "", len);
	json_decref(j);
	return j != NULL;
}

static json_t *fuzz_reparse(const char *text, size_t len, size_t flags)
{
	json_error_t e;
	json_t *j = json_loadb(text, len, flags, &e);
	if (!j)
		abort();
	return j;
}

/* A record is one line: its only '\n' is the last byte. */
static void fuzz_check_line(const struct sbuf *line)
{
	if (!line->len || line->p[line->len - 1] != '\n' ||
	    memchr(line->p, '\n', line->len - 1))
		abort();
	json_decref(fuzz_reparse(line->p, line->len, JSON_ALLOW_NUL));
}

static void fuzz_records(const char *s, size_t len)
{
	static const unsigned rules[] = { 0, 1 };
	struct timespec ts = { 1700000000, 123456789 };
	struct events_rec w;
	struct events_call c;

	events_rec_init(&w);
	memset(&c, 0, sizeof(c));
	c.ts = ts;
	c.pid = c.tid = 42;
	c.abi = (enum abi)(len % ABI_COUNT);
	c.name = len ? "openat" : "read";
	/* arguments split at each NUL, so that they hold any other byte */
	for (size_t at = 0; at <= len && c.nargs < SYSENT_MAX_ARGS; c.nargs++) {
		const char *nul = memchr(s + at, '\0', len - at);
		size_t n = nul ? (size_t)(nul - (s + at)) : len - at;
		c.arg[c.nargs] = s + at;
		c.arglen[c.nargs] = n;
		at += n + 1;
	}
	c.returned = len & 1;
	c.failed = len & 2;
	c.ret = c.failed ? -(int64_t)(len % 140) : (int64_t)len;
	c.rules = rules;
	c.nrules = len & 4 ? 2 : 0;
	/* twice: the record object is reused in place */
	for (int i = 0; i < 2; i++) {
		if (events_rec_call(&w, &c) < 0)
			abort();
		fuzz_check_line(&w.line);
	}
	if (events_rec_start(&w, &ts, 42, s, len, s, len) < 0)
		abort();
	fuzz_check_line(&w.line);
	events_rec_release(&w);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct sbuf sb;

	sb_init(&sb);
	jstr_utf8(&sb, s, size);
	if (!fuzz_utf8_ok(sb.p, sb.len))
		abort();
	if (fuzz_utf8_ok(s, size) && (sb.len != size || memcmp(sb.p, s, size)))
		abort();

	json_t *j = jstr_new(s, size);
	if (!j || json_string_length(j) != sb.len ||
	    memcmp(json_string_value(j), sb.p, sb.len))
		abort();
	char *text = json_dumps(j, JSON_ENCODE_ANY | JSON_COMPACT);
	if (!text || !fuzz_utf8_ok(text, strlen(text)))
		abort();
	json_t *again = fuzz_reparse(text, strlen(text), JSON_DECODE_ANY | JSON_ALLOW_NUL);
	if (!json_equal(again, j))
		abort();
	json_decref(again);
	free(text);
	json_decref(j);
	sb_release(&sb);

	fuzz_records(s, size);
	return 0;
}
