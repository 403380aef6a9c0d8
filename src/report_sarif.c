/* report_sarif.c - the findings as SARIF 2.1.0, for CI and code-scanning
 * dashboards (the shape is ../shared/sarif/README.md's): one run, every
 * catalogue rule in rules[], one result per finding with a location in
 * the repository, its stack, a stable fingerprint and its count */
#include "config.h"

#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "baseline.h"
#include "jstr.h"
#include "report.h"
#include "rule_catalog.h"
#include "sha256.h"
#include "util.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
/* frames of the program's own code that make a finding's identity */
#define FINGERPRINT_FRAMES 8

struct report_sarif {
	struct reporter base;
	FILE *fp;
	char root[PATH_MAX];		/* the source root: the working directory */
	size_t rootlen;
};

/* ---- strings ----------------------------------------------------------- */

/* A JSON string of S: file names and tracee bytes may hold any byte,
 * made valid UTF-8 by jstr_new so that the log is valid. */
static json_t *jstr(const char *s)
{
	return jstr_new(s, s ? strlen(s) : 0);
}

/* "text." : SARIF wants messages to be sentences. */
static json_t *jsentence(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n && (s[n - 1] == '.' || s[n - 1] == '?' || s[n - 1] == '!'))
		return jstr(s);
	struct sbuf sb;
	sb_init(&sb);
	sb_puts(&sb, s ? s : "");
	sb_putc(&sb, '.');
	json_t *j = jstr(sb.p);
	sb_release(&sb);
	return j;
}

static json_t *jmsg(const char *s)
{
	return json_pack("{s:o}", "text", jsentence(s));
}

/* Percent-encode a path for a URI: everything but unreserved characters
 * and '/'. */
static void uri_path(struct sbuf *sb, const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p)) {
			sb_putc(sb, (char)*p);
		} else {
			sb_putc(sb, '%');
			sb_putc(sb, hex[*p >> 4]);
			sb_putc(sb, hex[*p & 15]);
		}
	}
}

static json_t *juri(const char *path)
{
	struct sbuf sb;
	sb_init(&sb);
	uri_path(&sb, path);
	json_t *j = json_string(sb.p);
	sb_release(&sb);
	return j;
}

static const char *base_name(const char *path)
{
	const char *s = path ? strrchr(path, '/') : NULL;
	return s ? s + 1 : path ? path : "?";
}

static void iso_time(char *buf, size_t len, const struct timespec *ts)
{
	struct tm tm;
	gmtime_r(&ts->tv_sec, &tm);
	size_t n = strftime(buf, len, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf + n, len - n, ".%03ldZ", ts->tv_nsec / 1000000);
}

/* ---- the repository ----------------------------------------------------- */

/* PATH relative to the source root, or NULL when it is not below it. */
static const char *under_root(const struct report_sarif *rs, const char *path,
			      char *buf)
{
	if (!path || !realpath(path, buf))
		return NULL;
	if (strncmp(buf, rs->root, rs->rootlen) || buf[rs->rootlen] != '/' ||
	    !buf[rs->rootlen + 1])
		return NULL;
	return buf + rs->rootlen + 1;
}

static json_t *phys(const char *rel, int line)
{
	return json_pack("{s:{s:o,s:s},s:{s:i}}",
			 "artifactLocation", "uri", juri(rel), "uriBaseId", "SRCROOT",
			 "region", "startLine", line > 0 ? line : 1);
}

static json_t *logical(const struct finding_frame *fr)
{
	struct sbuf sb;
	sb_init(&sb);
	sb_printf(&sb, "%s!%s", base_name(fr->module), fr->func ? fr->func : "?");
	json_t *j = json_pack("[{s:o,s:o,s:s}]", "name", jstr(fr->func ? fr->func : "?"),
			      "fullyQualifiedName", jstr(sb.p), "kind", "function");
	sb_release(&sb);
	return j;
}

/* locations[0]: GitHub rejects a result without one. The first frame from
 * the call site outwards with a source file in the repository; else one
 * whose module is in it; else the executable. */
static json_t *frames_location(const struct report_sarif *rs,
				const struct finding_frame *frames, unsigned n,
				const char *exe)
{
	char buf[PATH_MAX];
	const char *rel;
	for (unsigned i = 0; i < n; i++)
		if ((rel = under_root(rs, frames[i].file, buf)))
			return json_pack("{s:o,s:o}", "physicalLocation",
					 phys(rel, frames[i].line),
					 "logicalLocations", logical(&frames[i]));
	for (unsigned i = 0; i < n; i++)
		if ((rel = under_root(rs, frames[i].module, buf)))
			return json_pack("{s:o,s:o}", "physicalLocation", phys(rel, 1),
					 "logicalLocations", logical(&frames[i]));
	rel = under_root(rs, exe, buf);
	/* outside the repository: its name, a valid relative reference that
	 * points nowhere (GitHub shows "preview unavailable") */
	return json_pack("{s:o}", "physicalLocation",
			 phys(rel ? rel : base_name(exe ? exe : "unknown"), 1));
}

static json_t *primary_location(const struct report_sarif *rs,
				const struct finding *f)
{
	unsigned from = f->site >= 0 ? (unsigned)f->site : 0;
	return frames_location(rs, f->frames + from, f->nframes - from, f->exe);
}

static json_t *flow_step(json_t *loc, const char *message, int order)
{
	json_object_set_new(loc, "message", jmsg(message));
	return json_pack("{s:o,s:i,s:i}", "location", loc, "nestingLevel", 0,
			 "executionOrder", order);
}

/* A finding of two steps (a check, then the use) as a code flow: the
 * step first, then the finding's own location. */
static json_t *code_flows(const struct report_sarif *rs, const struct finding *f)
{
	const struct finding_step *st = f->before;
	json_t *locs = json_pack("[o,o]",
				 flow_step(frames_location(rs, &st->frame, 1, f->exe),
					   st->message, 1),
				 flow_step(primary_location(rs, f), f->message, 2));
	return json_pack("[{s:[{s:o}]}]", "threadFlows", "locations", locs);
}

static json_t *stack_of(const struct report_sarif *rs, const struct finding *f)
{
	json_t *frames = json_array();
	char buf[PATH_MAX];
	for (unsigned i = 0; i < f->nframes; i++) {
		const struct finding_frame *fr = &f->frames[i];
		const char *rel = under_root(rs, fr->file, buf);
		json_t *loc;
		if (rel) {
			loc = json_pack("{s:o,s:o}", "physicalLocation", phys(rel, fr->line),
					"logicalLocations", logical(fr));
		} else {
			char m[PATH_MAX + 128];
			snprintf(m, sizeof(m), "Call into external code: '%s' in '%s' at %#llx",
				 fr->func ? fr->func : "?", base_name(fr->module),
				 (unsigned long long)fr->addr);
			loc = json_pack("{s:o,s:o}", "message", jmsg(m),
					"logicalLocations", logical(fr));
		}
		json_array_append_new(frames, json_pack("{s:o,s:o,s:i}", "location", loc,
							"module", jstr(base_name(fr->module)),
							"threadId", f->ntids ? f->tids[0] : 0));
	}
	char m[128];
	snprintf(m, sizeof(m), "Call stack of thread %d at the call",
		 f->ntids ? (int)f->tids[0] : 0);
	return json_pack("[{s:o,s:o}]", "message", jmsg(m), "frames", frames);
}

/* rule id, key, and the top frames of the program's own code as module
 * name, function and repository file: no line, address, pid or time, so
 * that it stays the same across builds and runs. */
static void stack_hash(const struct report_sarif *rs, const struct finding *f,
		       char hex[17])
{
	struct sha256 h;
	char buf[PATH_MAX];
	const char *id = rule_defs[f->rule].id;
	sha256_init(&h);
	sha256_update(&h, id, strlen(id) + 1);
	sha256_update(&h, f->key ? f->key : "", f->key ? strlen(f->key) + 1 : 1);
	unsigned used = 0;
	for (unsigned i = 0; i < f->nframes && used < FINGERPRINT_FRAMES; i++) {
		const struct finding_frame *fr = &f->frames[i];
		if (!fr->program)
			continue;
		const char *rel = under_root(rs, fr->file, buf);
		const char *parts[3] = { base_name(fr->module), fr->func ? fr->func : "?",
					 rel ? rel : "" };
		for (int k = 0; k < 3; k++)
			sha256_update(&h, parts[k], strlen(parts[k]) + 1);
		used++;
	}
	if (!used) {
		const char *exe = base_name(f->exe ? f->exe : "");
		sha256_update(&h, exe, strlen(exe) + 1);
	}
	unsigned char d[32];
	sha256_final(&h, d);
	for (int i = 0; i < 8; i++)
		snprintf(hex + 2 * i, 3, "%02x", d[i]);
}

static json_t *fingerprint(const struct report_sarif *rs, const struct finding *f)
{
	char hex[17];
	stack_hash(rs, f, hex);
	return json_pack("{s:s}", "rxtraceStackHash/v1", hex);
}

static json_t *ids(const pid_t *v, unsigned n)
{
	json_t *a = json_array();
	for (unsigned i = 0; i < n; i++)
		json_array_append_new(a, json_integer(v[i]));
	return a;
}

static json_t *result_of(const struct report_sarif *rs, const struct finding *f)
{
	char sev[8], t0[40], t1[40];
	snprintf(sev, sizeof(sev), "%.1f", f->severity);
	iso_time(t0, sizeof(t0), &f->first);
	iso_time(t1, sizeof(t1), &f->last);
	json_t *props = json_pack("{s:s,s:o,s:o,s:s,s:s}", "security-severity", sev,
				  "pids", ids(f->pids, f->npids),
				  "tids", ids(f->tids, f->ntids),
				  "firstTimeUtc", t0, "lastTimeUtc", t1);
	if (f->evidence)
		json_object_set_new(props, "call", jstr(f->evidence));
	if (f->key)
		json_object_set_new(props, "key", jstr(f->key));
	if (f->exe)
		json_object_set_new(props, "executable", jstr(f->exe));
	json_t *r = json_pack("{s:s,s:i,s:s,s:o,s:[o],s:o,s:I,s:o}",
			      "ruleId", rule_defs[f->rule].id, "ruleIndex", (int)f->rule,
			      "level", rule_level_name(f->level),
			      "message", jmsg(f->message),
			      "locations", primary_location(rs, f),
			      "partialFingerprints", fingerprint(rs, f),
			      "occurrenceCount", (json_int_t)f->count,
			      "properties", props);
	if (f->before)
		json_object_set_new(r, "codeFlows", code_flows(rs, f));
	if (f->nframes)
		json_object_set_new(r, "stacks", stack_of(rs, f));
	if (f->suppressed)
		json_object_set_new(r, "suppressions",
				    json_pack("[{s:s,s:s}]", "kind", "external", "justification",
					      "Accepted in a --suppress file."));
	return r;
}

static json_t *rule_of(unsigned i)
{
	const struct rule_def *d = &rule_defs[i];
	char sev[8], uri[128];
	snprintf(sev, sizeof(sev), "%.1f", d->severity);
	snprintf(uri, sizeof(uri), "%srules/%s", PACKAGE_URL, d->id);
	json_t *tags = json_pack("[s,s]", "security", rule_maturity_name(d->maturity));
	struct sbuf md;
	sb_init(&md);
	sb_puts(&md, d->help);
	for (int k = 0; k < RULE_MAX_CWE && d->cwe[k] != RULE_NO_CWE; k++) {
		char t[32];
		snprintf(t, sizeof(t), "external/cwe/cwe-%u", (unsigned)d->cwe[k]);
		json_array_append_new(tags, json_string(t));
		sb_printf(&md, "%s[CWE-%u](https://cwe.mitre.org/data/definitions/%u.html)",
			  k ? ", " : "\n\nSee ", (unsigned)d->cwe[k], (unsigned)d->cwe[k]);
	}
	if (d->cwe[0] != RULE_NO_CWE)
		sb_putc(&md, '.');
	json_t *r = json_pack("{s:s,s:s,s:o,s:o,s:s,s:{s:o,s:s},s:{s:s},s:{s:o,s:s,s:s}}",
			      "id", d->id, "name", d->name,
			      "shortDescription", jmsg(d->title),
			      "fullDescription", jmsg(d->description),
			      "helpUri", uri,
			      "help", "text", jsentence(d->help), "markdown", md.p,
			      "defaultConfiguration", "level", rule_level_name(d->level),
			      "properties", "tags", tags, "precision", "high",
			      "security-severity", sev);
	sb_release(&md);
	return r;
}

/* The tracer's own notes: warnings and notes only, as the run still
 * finished (executionSuccessful). */
static json_t *notifications(const struct report_run *run)
{
	json_t *a = json_array();
	struct sbuf text;
	sb_init(&text);
	for (unsigned i = 0; i < run->nnotes; i++) {
		const struct engine_note *n = &run->notes[i];
		const struct engine_note_desc *d = &engine_note_descs[n->kind];
		sb_reset(&text);
		engine_note_text(n, &text);
		json_array_append_new(a, json_pack("{s:{s:s},s:s,s:o,s:{s:I,s:i}}",
			"descriptor", "id", d->id, "level", d->level,
			"message", jmsg(text.p),
			"properties", "count", (json_int_t)n->count,
			"firstPid", (int)n->pid));
	}
	sb_release(&text);
	return a;
}

/* The rules whose findings reached --max-findings, as notifications:
 * the report lists fewer findings than there were. */
static void dropped_notes(json_t *inv, const struct finding_store *fs)
{
	json_t *notes = json_array();
	for (unsigned r = 0; r < RULE_COUNT; r++) {
		if (!fs->dropped[r])
			continue;
		char text[160];
		snprintf(text, sizeof(text), "%lu more occurrences of new %s findings "
			 "were not kept (--max-findings=%u).", fs->dropped[r],
			 rule_defs[r].id, fs->max_per_rule);
		json_array_append_new(notes, json_pack("{s:s,s:{s:s},s:{s:s}}",
			"level", "warning", "message", "text", text,
			"associatedRule", "id", rule_defs[r].id));
	}
	json_t *have = json_object_get(inv, "toolExecutionNotifications");
	if (have)
		json_array_extend(have, notes);
	if (!have && json_array_size(notes))
		json_object_set(inv, "toolExecutionNotifications", notes);
	json_decref(notes);
}

static json_t *invocation(const struct report_sarif *rs,
			  const struct finding_store *fs, const struct report_run *run)
{
	struct sbuf cl;
	sb_init(&cl);
	json_t *args = json_array();
	struct sbuf arg;
	sb_init(&arg);
	for (int i = 0; i < run->argc; i++) {
		/* the command line may carry secrets: NAME=VALUE for env */
		sb_reset(&arg);
		sb_puts(&arg, run->argv[i]);
		if (run->secrets)
			secret_set_scrub(run->secrets, &arg, 0);
		sb_printf(&cl, "%s%s", i ? " " : "", arg.p);
		if (i)
			json_array_append_new(args, jstr(arg.p));
	}
	sb_release(&arg);
	char t0[40], t1[40], desc[160];
	iso_time(t0, sizeof(t0), &run->start);
	iso_time(t1, sizeof(t1), &run->end);
	/* a report is written only when tracing ran to its end */
	snprintf(desc, sizeof(desc), "Tracing finished; the traced program's status was %d",
		 run->tracee_status);
	struct sbuf wd;
	sb_init(&wd);
	sb_puts(&wd, "file://");
	uri_path(&wd, rs->root);
	sb_putc(&wd, '/');
	json_t *inv = json_pack("{s:o,s:o,s:s,s:s,s:b,s:i,s:o,s:{s:s},s:{s:i}}",
				"commandLine", jstr(cl.p), "arguments", args,
				"startTimeUtc", t0, "endTimeUtc", t1,
				"executionSuccessful", 1,
				"exitCode", run->status,
				"exitCodeDescription", jsentence(desc),
				"workingDirectory", "uri", wd.p,
				"properties", "traceeExitCode", run->tracee_status);
	if (run->nnotes)
		json_object_set_new(inv, "toolExecutionNotifications",
				    notifications(run));
	sb_release(&cl);
	sb_release(&wd);
	dropped_notes(inv, fs);
	return inv;
}

static int rs_write(struct reporter *r, const struct finding_store *fs,
		    const struct report_run *run)
{
	struct report_sarif *rs = (struct report_sarif *)r;
	json_t *rules = json_array();
	for (unsigned i = 0; i < rule_ndefs; i++)
		json_array_append_new(rules, rule_of(i));
	json_t *results = json_array();
	const struct finding **v = finding_sorted(fs);
	for (size_t i = 0; i < fs->n; i++) {
		json_t *res = result_of(rs, v[i]);
		/* with a baseline every result says how it compares */
		const char *st = baseline_state_name(v[i]->baseline);
		if (run->baseline && st)
			json_object_set_new(res, "baselineState", json_string(st));
		json_array_append_new(results, res);
	}
	free(v);
	if (run->baseline && baseline_append_absent(run->baseline, results) < 0) {
		json_decref(rules);
		json_decref(results);
		return -ENOMEM;
	}

	struct sbuf root;
	sb_init(&root);
	sb_puts(&root, "file://");
	uri_path(&root, rs->root);
	sb_putc(&root, '/');
	json_t *log = json_pack(
		"{s:s,s:s,s:[{s:{s:{s:s,s:s,s:s,s:s,s:s,s:o}},s:[o],s:{s:{s:s,s:{s:s}}},"
		"s:o,s:s}]}",
		"$schema", SARIF_SCHEMA, "version", "2.1.0",
		"runs",
		"tool", "driver", "name", "rxtrace",
		"fullName", "rxtrace runtime security tracer",
		"version", PACKAGE_VERSION, "semanticVersion", PACKAGE_VERSION,
		"informationUri", PACKAGE_URL, "rules", rules,
		"invocations", invocation(rs, fs, run),
		"originalUriBaseIds", "SRCROOT", "uri", root.p,
		"description", "text", "The working directory of rxtrace; result paths are relative to it.",
		"results", results, "columnKind", "unicodeCodePoints");
	sb_release(&root);
	if (!log)
		return -ENOMEM;
	int e = json_dumpf(log, rs->fp, JSON_INDENT(2) | JSON_ENSURE_ASCII) < 0 ? -EIO : 0;
	json_decref(log);
	if (!e && fputc('\n', rs->fp) == EOF)
		e = -EIO;
	return fflush(rs->fp) == EOF || ferror(rs->fp) ? -EIO : e;
}

static void rs_free(struct reporter *r)
{
	free(r);
}

static const struct reporter_ops rs_ops = { .write = rs_write, .free = rs_free };

/* The source root: the working directory. */
static void root_init(struct report_sarif *rs)
{
	if (!getcwd(rs->root, sizeof(rs->root)))
		strcpy(rs->root, "/");
	char real[PATH_MAX];
	if (realpath(rs->root, real))
		snprintf(rs->root, sizeof(rs->root), "%s", real);
	rs->rootlen = strlen(rs->root);
	if (rs->rootlen == 1)
		rs->rootlen = 0;	/* "/": every path is below it */
}

struct reporter *report_sarif_new(FILE *fp)
{
	struct report_sarif *rs = xcalloc(1, sizeof(*rs));
	rs->base.ops = &rs_ops;
	rs->fp = fp;
	root_init(rs);
	return &rs->base;
}

void report_sarif_fingerprint(const struct finding *f, char hex[17])
{
	struct report_sarif rs = { .fp = NULL };
	root_init(&rs);
	stack_hash(&rs, f, hex);
}

void report_sarif_baseline(struct baseline *b, const struct finding_store *fs)
{
	struct report_sarif rs = { .fp = NULL };
	root_init(&rs);
	const struct finding **v = finding_sorted(fs);
	for (size_t i = 0; i < fs->n; i++) {
		/* the store's findings, only sorted: its own to annotate */
		struct finding *f = (struct finding *)v[i];
		char hex[17];
		stack_hash(&rs, f, hex);
		json_t *loc = primary_location(&rs, f);
		json_t *pl = json_object_get(loc, "physicalLocation");
		struct baseline_key k = {
			.rule_id = rule_defs[f->rule].id,
			.fingerprint = hex,
			.level = rule_level_name(f->level),
			.uri = json_string_value(json_object_get(
				json_object_get(pl, "artifactLocation"), "uri")),
			.line = (long)json_integer_value(json_object_get(
				json_object_get(pl, "region"), "startLine")),
		};
		f->baseline = baseline_match(b, &k);
		json_decref(loc);
	}
	free(v);
}
