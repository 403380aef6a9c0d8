/* baseline.c - an earlier rxtrace SARIF log, indexed by rule and
 * fingerprint, matched against the findings of this run */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "baseline.h"
#include "util.h"

#define FINGERPRINT_KEY "rxtraceStackHash/v1"
#define NO_ENTRY SIZE_MAX

struct baseline_entry {
	struct baseline_key key;	/* strings borrowed from the log */
	json_t *result;
	size_t next;			/* in its bucket's chain */
	bool matched;
};

static const char *const state_names[] = {
	[BASELINE_NONE] = NULL, [BASELINE_NEW] = "new",
	[BASELINE_UNCHANGED] = "unchanged", [BASELINE_UPDATED] = "updated",
};

const char *baseline_state_name(enum baseline_state st)
{
	return (unsigned)st < ARRAY_SIZE(state_names) ? state_names[st] : NULL;
}

void baseline_init(struct baseline *b)
{
	memset(b, 0, sizeof(*b));
}

void baseline_release(struct baseline *b)
{
	json_decref(b->log);
	free(b->v);
	free(b->bucket);
	memset(b, 0, sizeof(*b));
}

/* ---- parsing ------------------------------------------------------------ */

static int fail(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

static const char *const type_names[] = {
	[JSON_OBJECT] = "an object", [JSON_ARRAY] = "an array",
	[JSON_STRING] = "a string", [JSON_INTEGER] = "an integer",
};

/* Member KEY of the object O (at PATH) into *OUT: NULL when O or the
 * member is absent; an error when the member is not of type T. */
static int member(const char *path, json_t *o, const char *key, json_type t,
		  json_t **out, char *err, size_t errlen)
{
	json_t *m = json_object_get(o, key);
	*out = NULL;
	if (!m)
		return 0;
	if (json_typeof(m) != t)
		return fail(err, errlen, "%s.%s is not %s", path, key, type_names[t]);
	*out = m;
	return 0;
}

/* The primary location of result R: locations[0]'s uri and startLine. */
static int parse_location(const char *path, json_t *r, struct baseline_key *k,
			  char *err, size_t errlen)
{
	char lp[160], pp[192], ap[224], rp[224];
	json_t *locs, *l0, *pl, *al, *region, *uri, *line;
	if (member(path, r, "locations", JSON_ARRAY, &locs, err, errlen))
		return -EINVAL;
	snprintf(lp, sizeof(lp), "%s.locations[0]", path);
	l0 = json_array_get(locs, 0);
	if (l0 && !json_is_object(l0))
		return fail(err, errlen, "%s is not an object", lp);
	snprintf(pp, sizeof(pp), "%s.physicalLocation", lp);
	snprintf(ap, sizeof(ap), "%s.artifactLocation", pp);
	snprintf(rp, sizeof(rp), "%s.region", pp);
	if (member(lp, l0, "physicalLocation", JSON_OBJECT, &pl, err, errlen) ||
	    member(pp, pl, "artifactLocation", JSON_OBJECT, &al, err, errlen) ||
	    member(pp, pl, "region", JSON_OBJECT, &region, err, errlen) ||
	    member(ap, al, "uri", JSON_STRING, &uri, err, errlen) ||
	    member(rp, region, "startLine", JSON_INTEGER, &line, err, errlen))
		return -EINVAL;
	k->uri = uri ? json_string_value(uri) : NULL;
	k->line = line ? (long)json_integer_value(line) : 0;
	return 0;
}

static int parse_result(struct baseline *b, size_t *cap, const char *path,
			json_t *r, char *err, size_t errlen)
{
	if (!json_is_object(r))
		return fail(err, errlen, "%s is not an object", path);
	json_t *state, *rule, *msg, *text, *level, *fps, *fp;
	if (member(path, r, "baselineState", JSON_STRING, &state, err, errlen))
		return -EINVAL;
	/* already gone in that run: not a finding to match */
	if (state && !strcmp(json_string_value(state), "absent"))
		return 0;
	char mp[160], fpp[160];
	snprintf(mp, sizeof(mp), "%s.message", path);
	snprintf(fpp, sizeof(fpp), "%s.partialFingerprints", path);
	if (member(path, r, "ruleId", JSON_STRING, &rule, err, errlen) ||
	    member(path, r, "message", JSON_OBJECT, &msg, err, errlen) ||
	    member(mp, msg, "text", JSON_STRING, &text, err, errlen) ||
	    member(path, r, "level", JSON_STRING, &level, err, errlen) ||
	    member(path, r, "partialFingerprints", JSON_OBJECT, &fps, err, errlen) ||
	    member(fpp, fps, FINGERPRINT_KEY, JSON_STRING, &fp, err, errlen))
		return -EINVAL;
	/* an absent copy of it needs both */
	if (!rule)
		return fail(err, errlen, "%s.ruleId is not a string", path);
	if (!text)
		return fail(err, errlen, "%s.text is not a string", mp);
	struct baseline_key k = {
		.rule_id = json_string_value(rule),
		.fingerprint = fp ? json_string_value(fp) : NULL,
		.level = level ? json_string_value(level) : NULL,
	};
	if (parse_location(path, r, &k, err, errlen))
		return -EINVAL;
	if (b->n == *cap) {
		*cap = *cap ? 2 * *cap : 64;
		b->v = xrealloc(b->v, *cap * sizeof(*b->v));
	}
	b->v[b->n++] = (struct baseline_entry){ .key = k, .result = r,
						.next = NO_ENTRY };
	return 0;
}

static size_t key_bucket(const struct baseline *b, const char *rule,
			 const char *fp)
{
	uint64_t h = fnv1a(FNV1A_INIT, rule, strlen(rule) + 1);
	h = fnv1a(h, fp, strlen(fp) + 1);
	return (size_t)(h & (b->nbuckets - 1));
}

/* Chains in log order, so that matching takes earlier results first.
 * Results without a fingerprint match nothing: they can only be absent. */
static void build_index(struct baseline *b)
{
	b->nbuckets = 16;
	while (b->nbuckets < 2 * b->n)
		b->nbuckets *= 2;
	b->bucket = xmalloc(b->nbuckets * sizeof(*b->bucket));
	for (size_t i = 0; i < b->nbuckets; i++)
		b->bucket[i] = NO_ENTRY;
	for (size_t i = b->n; i-- > 0;) {
		struct baseline_entry *e = &b->v[i];
		if (!e->key.fingerprint)
			continue;
		size_t h = key_bucket(b, e->key.rule_id, e->key.fingerprint);
		e->next = b->bucket[h];
		b->bucket[h] = i;
	}
}

static int parse_log(struct baseline *b, char *err, size_t errlen)
{
	json_t *log = b->log, *version = json_object_get(log, "version");
	json_t *runs = json_object_get(log, "runs");
	if (!json_is_string(version) || strcmp(json_string_value(version), "2.1.0") ||
	    !json_is_array(runs) || !json_array_size(runs))
		return fail(err, errlen, "not a SARIF 2.1.0 log");
	size_t cap = 0, i, j;
	json_t *run, *r;
	json_array_foreach(runs, i, run) {
		json_t *name = json_object_get(json_object_get(json_object_get(
			run, "tool"), "driver"), "name");
		if (!json_is_string(name) || strcmp(json_string_value(name), "rxtrace"))
			return fail(err, errlen,
				    "not an rxtrace report (tool.driver.name is not rxtrace)");
		char path[64];
		json_t *results;
		snprintf(path, sizeof(path), "runs[%zu]", i);
		if (member(path, run, "results", JSON_ARRAY, &results, err, errlen))
			return -EINVAL;
		json_array_foreach(results, j, r) {
			snprintf(path, sizeof(path), "runs[%zu].results[%zu]", i, j);
			if (parse_result(b, &cap, path, r, err, errlen))
				return -EINVAL;
		}
	}
	build_index(b);
	return 0;
}

int baseline_parse(struct baseline *b, const char *text, size_t len,
		   char *err, size_t errlen)
{
	json_error_t je;
	baseline_init(b);
	b->log = json_loadb(text, len, 0, &je);
	if (!b->log)
		return fail(err, errlen, "not JSON (line %d: %s)", je.line, je.text);
	int r = parse_log(b, err, errlen);
	if (r < 0)
		baseline_release(b);
	return r;
}

int baseline_load(struct baseline *b, const char *path, char *err,
		  size_t errlen)
{
	baseline_init(b);
	int fd = open(path, O_RDONLY | O_CLOEXEC), e = 0;
	if (fd < 0) {
		e = -errno;
		snprintf(err, errlen, "%s", strerror(-e));
		return e;
	}
	struct sbuf sb;
	sb_init(&sb);
	struct stat st;
	char buf[1 << 16];
	ssize_t n = 0;
	/* the size first (no 64 MiB read for nothing), and a cap while
	 * reading too: a FIFO or a growing file has no size to trust */
	if (fstat(fd, &st) < 0)
		e = -errno;
	else if (S_ISREG(st.st_mode) && st.st_size > (off_t)BASELINE_MAX_SIZE)
		e = -EFBIG;
	while (!e && (n = read(fd, buf, sizeof(buf))) > 0) {
		sb_putn(&sb, buf, (size_t)n);
		if (sb.len > BASELINE_MAX_SIZE)
			e = -EFBIG;
	}
	if (!e && n < 0)
		e = -errno;
	close(fd);
	if (e == -EFBIG)
		snprintf(err, errlen, "larger than %u MiB", BASELINE_MAX_SIZE >> 20);
	else if (e)
		snprintf(err, errlen, "%s", strerror(-e));
	else
		e = baseline_parse(b, sb.p, sb.len, err, errlen);
	sb_release(&sb);
	return e;
}

/* ---- matching ----------------------------------------------------------- */

static bool same_str(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static const char *level_of(const struct baseline_key *k)
{
	return k->level ? k->level : "warning";
}

static bool same_place(const struct baseline_key *a, const struct baseline_key *b)
{
	return !strcmp(level_of(a), level_of(b)) && same_str(a->uri, b->uri) &&
	       a->line == b->line;
}

enum baseline_state baseline_match(struct baseline *b,
				   const struct baseline_key *k)
{
	if (!b->n || !k->rule_id || !k->fingerprint)
		return BASELINE_NEW;
	size_t first = NO_ENTRY;
	for (size_t i = b->bucket[key_bucket(b, k->rule_id, k->fingerprint)];
	     i != NO_ENTRY; i = b->v[i].next) {
		struct baseline_entry *e = &b->v[i];
		if (e->matched || strcmp(e->key.rule_id, k->rule_id) ||
		    strcmp(e->key.fingerprint, k->fingerprint))
			continue;
		if (same_place(&e->key, k)) {
			e->matched = true;
			b->matched++;
			return BASELINE_UNCHANGED;
		}
		if (first == NO_ENTRY)
			first = i;
	}
	if (first == NO_ENTRY)
		return BASELINE_NEW;
	b->v[first].matched = true;
	b->matched++;
	return BASELINE_UPDATED;
}

/* Member KEY of FROM into TO, when FROM has it. */
static int copy_member(json_t *to, json_t *from, const char *key)
{
	json_t *m = json_object_get(from, key);
	return m ? json_object_set(to, key, m) : 0;
}

int baseline_append_absent(const struct baseline *b, json_t *results)
{
	for (size_t i = 0; i < b->n; i++) {
		const struct baseline_entry *e = &b->v[i];
		if (e->matched)
			continue;
		json_t *o = json_object();
		if (!o)
			return -ENOMEM;
		const char *id = e->key.rule_id;
		/* ruleIndex points into this run's rules[]: the old index may
		 * name another rule, or none */
		const struct rule_def *d = rule_by_id(id);
		int bad = json_object_set_new(o, "ruleId", json_string(id));
		if (d && !strcmp(d->id, id))
			bad |= json_object_set_new(o, "ruleIndex",
						   json_integer(rule_index(d)));
		bad |= copy_member(o, e->result, "level");
		bad |= copy_member(o, e->result, "message");
		bad |= copy_member(o, e->result, "locations");
		bad |= copy_member(o, e->result, "partialFingerprints");
		bad |= json_object_set_new(o, "baselineState", json_string("absent"));
		if (bad || json_array_append_new(results, o))
			return -ENOMEM;
	}
	return 0;
}

/* ---- the gate ----------------------------------------------------------- */

static const struct gate_def {
	const char *name;
	bool changed;			/* trips on a new or updated finding */
	int min_level;			/* trips at this level or above; -1: no */
} gate_defs[] = {
	[BASELINE_GATE_NONE] = { "none", false, -1 },
	[BASELINE_GATE_NEW] = { "new", true, -1 },
	[BASELINE_GATE_NOTE] = { "note", false, RULE_NOTE },
	[BASELINE_GATE_WARNING] = { "warning", false, RULE_WARNING },
	[BASELINE_GATE_ERROR] = { "error", false, RULE_ERROR },
};

int baseline_gate_parse(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(gate_defs); i++)
		if (!strcmp(gate_defs[i].name, name))
			return (int)i;
	return -EINVAL;
}

const char *baseline_gate_name(enum baseline_gate g)
{
	return (unsigned)g < ARRAY_SIZE(gate_defs) ? gate_defs[g].name : NULL;
}

bool baseline_gate_trips(enum baseline_gate g, enum rule_level level,
			 enum baseline_state st)
{
	if ((unsigned)g >= ARRAY_SIZE(gate_defs))
		return false;
	const struct gate_def *d = &gate_defs[g];
	if (d->changed)
		return st != BASELINE_UNCHANGED;
	return d->min_level >= 0 && (int)level >= d->min_level;
}
