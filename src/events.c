/* events.c - JSON Lines telemetry: the records, and the --events sink
 * that streams them */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "callfmt.h"
#include "envscan.h"
#include "events.h"
#include "jstr.h"
#include "report.h"
#include "rule_catalog.h"
#include "xlat.h"

/* Compact, one record a line; a severity has one decimal. */
#define DUMP_FLAGS (JSON_COMPACT | JSON_REAL_PRECISION(3))

static const char *const abi_names[ABI_COUNT] = {
	[ABI_X86_64] = "x86_64", [ABI_I386] = "i386", [ABI_X32] = "x32",
};

/* ---- records ------------------------------------------------------------ */

/* Set the syscall record's member KEY to V, keeping W's own reference. */
static json_t *member(struct events_rec *w, const char *key, json_t *v)
{
	json_object_set(w->call, key, v);
	return v;
}

void events_rec_init(struct events_rec *w)
{
	memset(w, 0, sizeof(*w));
	sb_init(&w->line);
	sb_init(&w->scratch);
	w->ts_sec = -1;
	/* every syscall record has these members, in this order */
	w->call = json_object();
	json_object_set_new(w->call, "type", json_string("syscall"));
	w->ts = member(w, "ts", json_string(""));
	w->pid = member(w, "pid", json_integer(0));
	w->tid = member(w, "tid", json_integer(0));
	w->name = member(w, "syscall", json_string(""));
	w->abi = member(w, "abi", json_string(""));
	w->args = member(w, "args", json_array());
	w->ret = json_integer(0);
	json_object_set(w->call, "ret", json_null());
	/* "errno" and "rules", set only when there is one: most calls have
	 * neither, and the encoder's time grows with every byte */
	w->err = json_string("");
	w->rules = json_array();
	for (unsigned i = 0; i < SYSENT_MAX_ARGS; i++)
		w->arg[i] = json_string("");
}

void events_rec_release(struct events_rec *w)
{
	json_t *own[] = { w->call, w->ts, w->pid, w->tid, w->name, w->abi,
			  w->args, w->ret, w->err, w->rules };
	for (size_t i = 0; i < ARRAY_SIZE(own); i++)
		json_decref(own[i]);
	for (unsigned i = 0; i < SYSENT_MAX_ARGS; i++)
		json_decref(w->arg[i]);
	sb_release(&w->line);
	sb_release(&w->scratch);
}

/* RFC 3339 in UTC with microseconds; the date and time of day are made
 * once a second. */
static const char *ts_text(struct events_rec *w, const struct timespec *ts)
{
	if (ts->tv_sec != w->ts_sec) {
		struct tm tm;
		w->ts_sec = ts->tv_sec;
		gmtime_r(&ts->tv_sec, &tm);
		strftime(w->ts_text, sizeof(w->ts_text), "%Y-%m-%dT%H:%M:%S", &tm);
	}
	snprintf(w->ts_text + 19, sizeof(w->ts_text) - 19, ".%06ldZ",
		 ts->tv_nsec / 1000);
	return w->ts_text;
}

static json_t *jts(struct events_rec *w, const struct timespec *ts)
{
	return json_string(ts_text(w, ts));
}

/* A JSON string of S, null for NULL. */
static json_t *jopt(const char *s)
{
	return s ? jstr_new(s, strlen(s)) : json_null();
}

/* W->line = J's text and '\n'. Takes J's reference unless J is the
 * reused syscall record. */
static int dump(struct events_rec *w, json_t *j)
{
	int r = 0;
	if (!j)
		return -ENOMEM;
	for (;;) {
		size_t n = json_dumpb(j, w->line.p, w->line.cap, DUMP_FLAGS);
		if (!n) {
			r = -ENOMEM;
			break;
		}
		if (n + 2 <= w->line.cap) {
			w->line.p[n++] = '\n';
			w->line.p[n] = '\0';
			w->line.len = n;
			break;
		}
		w->line.len = 0;
		sb_grow(&w->line, n + 1);
	}
	if (j != w->call)
		json_decref(j);
	return r;
}

int events_rec_header(struct events_rec *w, const struct timespec *ts)
{
	return dump(w, json_pack("{s:s,s:s,s:s,s:o}", "type", "header",
				 "schema", EVENTS_SCHEMA, "version", PACKAGE_VERSION,
				 "ts", jts(w, ts)));
}

int events_rec_call(struct events_rec *w, const struct events_call *c)
{
	int r = json_string_set_nocheck(w->ts, ts_text(w, &c->ts));
	json_integer_set(w->pid, c->pid);
	json_integer_set(w->tid, c->tid);
	/* most records repeat the name and ABI of the one before */
	if (strcmp(json_string_value(w->name), c->name))
		r |= jstr_set(w->name, c->name, strlen(c->name), &w->scratch);
	if (strcmp(json_string_value(w->abi), abi_names[c->abi]))
		r |= json_string_set(w->abi, abi_names[c->abi]);
	json_array_clear(w->args);
	for (unsigned i = 0; i < c->nargs && i < SYSENT_MAX_ARGS; i++) {
		r |= jstr_set(w->arg[i], c->arg[i], c->arglen[i], &w->scratch);
		r |= json_array_append(w->args, w->arg[i]);
	}
	if (c->returned)
		json_integer_set(w->ret, c->ret);
	r |= json_object_set(w->call, "ret", c->returned ? w->ret : json_null());
	/* removed and added again, so that they always come last, in this
	 * order */
	if (w->optional) {
		json_object_del(w->call, "errno");
		json_object_del(w->call, "rules");
		w->optional = false;
	}
	const char *en = c->returned && c->failed ? xlat_errno_name((int)-c->ret) : NULL;
	if (en) {
		r |= json_string_set(w->err, en);
		r |= json_object_set(w->call, "errno", w->err);
		w->optional = true;
	}
	if (c->nrules) {
		json_array_clear(w->rules);
		for (unsigned i = 0; i < c->nrules; i++)
			r |= json_array_append_new(w->rules,
						   json_string(rule_defs[c->rules[i]].id));
		r |= json_object_set(w->call, "rules", w->rules);
		w->optional = true;
	}
	return r ? -ENOMEM : dump(w, w->call);
}

int events_rec_start(struct events_rec *w, const struct timespec *ts,
		     pid_t pid, const char *path, size_t pathlen,
		     const char *argv, size_t len)
{
	json_t *args = json_array();
	for (size_t at = 0; at < len;) {
		/* the last argument may lack its NUL: a program can overwrite
		 * its arguments */
		size_t n = strnlen(argv + at, len - at);
		json_array_append_new(args, jstr_new(argv + at, n));
		at += n + 1;
	}
	return dump(w, json_pack("{s:s,s:o,s:i,s:o,s:o}", "type", "process-start",
				 "ts", jts(w, ts), "pid", (int)pid,
				 "path", path ? jstr_new(path, pathlen) : json_null(),
				 "argv", args));
}

int events_rec_exit(struct events_rec *w, const struct timespec *ts,
		    pid_t pid, enum rx_death how, int code, bool core)
{
	json_t *status = json_null(), *sig = json_null();
	if (how == RX_EXITED) {
		status = json_integer(code);
	} else {
		sb_reset(&w->scratch);
		xlat_print_signal(&w->scratch, code);
		sig = json_string(w->scratch.p);
	}
	return dump(w, json_pack("{s:s,s:o,s:i,s:o,s:o,s:b}", "type", "process-exit",
				 "ts", jts(w, ts), "pid", (int)pid,
				 "exit_code", status, "signal", sig, "core", core));
}

static json_t *site_of(const struct finding *f)
{
	const struct finding_frame *fr = finding_site(f);
	if (!fr)
		return json_null();
	char addr[24];
	snprintf(addr, sizeof(addr), "%#llx", (unsigned long long)fr->addr);
	return json_pack("{s:o,s:o,s:o,s:o,s:s}", "function", jopt(fr->func),
			 "file", jopt(fr->file),
			 "line", fr->file && fr->line > 0 ? json_integer(fr->line) : json_null(),
			 "module", jopt(fr->module), "address", addr);
}

int events_rec_finding(struct events_rec *w, const struct finding *f)
{
	const struct rule_def *d = &rule_defs[f->rule];
	json_t *pids = json_array();
	for (unsigned i = 0; i < f->npids; i++)
		json_array_append_new(pids, json_integer(f->pids[i]));
	json_t *first = jts(w, &f->first);
	/* the SARIF result's identity, for matching runs without SARIF */
	char fp[17];
	report_sarif_fingerprint(f, fp);
	return dump(w, json_pack("{s:s,s:s,s:s,s:s,s:f,s:o,s:o,s:o,s:o,s:I,s:o,s:o,s:o,s:o,s:b,s:s}",
				 "type", "finding", "rule", d->id, "name", d->name,
				 "level", rule_level_name(f->level),
				 "severity", f->severity,
				 "message", jopt(f->message), "key", jopt(f->key),
				 "call", jopt(f->evidence), "site", site_of(f),
				 "count", (json_int_t)f->count, "pids", pids,
				 "exe", jopt(f->exe), "first", first,
				 "last", jts(w, &f->last), "suppressed", f->suppressed,
				 "fingerprint", fp));
}

static int put_line(const struct events_rec *w, FILE *fp)
{
	return fwrite(w->line.p, 1, w->line.len, fp) == w->line.len ? 0 :
	       errno ? -errno : -EIO;
}

int events_rec_findings(struct events_rec *w, FILE *fp,
			const struct finding_store *fs)
{
	const struct finding **v = finding_sorted(fs);
	int r = 0;
	for (size_t i = 0; i < fs->n && !r; i++)
		if (!(r = events_rec_finding(w, v[i])))
			r = put_line(w, fp);
	free(v);
	return r;
}

/* ---- the sink ------------------------------------------------------------- */

#define TASK_BUCKETS 256

/* What a task's record needs, kept from the call's entry to its exit:
 * at the exit the memory of an execve's arguments is gone. */
struct etask {
	pid_t tid, pid;
	bool pending;			/* entry seen, record not written */
	struct timespec ts;
	enum abi abi;
	char name[32];
	unsigned nargs;			/* arguments decoded so far */
	unsigned first_exit;		/* the first one decoded at the exit */
	size_t start[SYSENT_MAX_ARGS], end[SYSENT_MAX_ARGS];
	struct sbuf text;		/* their text, one after the other */
	unsigned rules[EVENTS_MAX_RULES];
	unsigned nrules;
	struct etask *next;
};

struct events {
	struct rx_sink base;
	FILE *fp;
	int err;			/* the first failed write */
	struct secret_set *secrets;
	struct events_rec w;
	struct etask *tasks[TASK_BUCKETS];
	struct etask *last;		/* the last found: most stops are one
					 * task's */
	struct sbuf buf;		/* /proc reads */
};

static struct events *ev_of(struct rx_sink *s)
{
	return (struct events *)s;
}

static struct etask **task_slot(struct events *ev, pid_t tid)
{
	struct etask **pp = &ev->tasks[(unsigned)tid % TASK_BUCKETS];
	while (*pp && (*pp)->tid != tid)
		pp = &(*pp)->next;
	return pp;
}

static struct etask *task_find(struct events *ev, pid_t tid, bool create)
{
	if (ev->last && ev->last->tid == tid)
		return ev->last;
	struct etask **pp = task_slot(ev, tid);
	if (!*pp && create) {
		*pp = xcalloc(1, sizeof(**pp));
		(*pp)->tid = tid;
		sb_init(&(*pp)->text);
	}
	if (*pp)
		ev->last = *pp;
	return *pp;
}

/* Take ET out of the table (to free it, or to file it under another
 * tid). */
static void task_unlink(struct events *ev, struct etask *et)
{
	struct etask **pp = task_slot(ev, et->tid);
	if (*pp == et)
		*pp = et->next;
	if (ev->last == et)
		ev->last = NULL;
}

static void task_free(struct etask *et)
{
	sb_release(&et->text);
	free(et);
}

static void emit(struct events *ev, int r)
{
	if (!r)
		r = put_line(&ev->w, ev->fp);
	if (r && !ev->err)
		ev->err = r;
}

/* Write ET's call, with C's result, or none when C is NULL. */
static void put_call(struct events *ev, struct etask *et, const struct rx_call *c)
{
	struct events_call ec = {
		.ts = et->ts, .pid = et->pid, .tid = et->tid, .name = et->name,
		.abi = et->abi, .rules = et->rules, .nrules = et->nrules,
	};
	for (unsigned i = 0; i < et->nargs; i++) {
		if (et->end[i] == et->start[i])
			continue;	/* the decoder shows nothing */
		ec.arg[ec.nargs] = et->text.p + et->start[i];
		ec.arglen[ec.nargs++] = et->end[i] - et->start[i];
	}
	if (c) {
		ec.returned = true;
		ec.failed = c->failed;
		ec.ret = c->rval;
	}
	emit(ev, events_rec_call(&ev->w, &ec));
	et->pending = false;
	et->nrules = 0;
}

/* Decode the arguments of T's call from ET->nargs up to TO. */
static void decode_args(struct events *ev, struct etask *et, struct rx_task *t,
			unsigned to)
{
	struct decode_ctx dc;
	callfmt_ctx(&dc, t, ev->base.run->dopts);
	for (unsigned i = et->nargs; i < to; i++) {
		et->start[i] = et->text.len;
		callfmt_arg(&et->text, &dc, &t->call, i);
		et->end[i] = et->text.len;
	}
	et->nargs = to;
}

static bool ev_entry(struct rx_sink *s, struct rx_task *t)
{
	struct events *ev = ev_of(s);
	struct rx_call *c = &t->call;
	struct etask *et = task_find(ev, t->tid, true);
	if (et->pending)
		put_call(ev, et, NULL);	/* its exit never came */
	et->pid = rx_task_tgid(t);
	et->abi = c->abi;
	if (ev->base.run->want_time)
		et->ts = c->t_entry;
	else
		clock_gettime(CLOCK_REALTIME, &et->ts);
	char nbuf[32];
	snprintf(et->name, sizeof(et->name), "%s", callfmt_name(c, nbuf, sizeof(nbuf)));
	/* what the kernel fills is decoded at the exit, as trace lines do */
	unsigned n = callfmt_nargs(c), first_exit = 0;
	while (first_exit < n && !(c->se && argkind_is_out(c->se->arg[first_exit])))
		first_exit++;
	sb_reset(&et->text);
	et->nargs = 0;
	decode_args(ev, et, t, first_exit);
	et->first_exit = first_exit;
	if (c->se && c->se->ret == R_NONE) {
		/* exit_group never returns */
		put_call(ev, et, NULL);
		return false;
	}
	et->pending = true;
	return true;
}

static void ev_exit(struct rx_sink *s, struct rx_task *t)
{
	struct events *ev = ev_of(s);
	struct etask *et = task_find(ev, t->tid, false);
	if (!et || !et->pending)
		return;
	decode_args(ev, et, t, callfmt_nargs(&t->call));
	put_call(ev, et, &t->call);
}

void events_hit(void *sink, const struct rx_task *t, unsigned rule)
{
	struct events *ev = sink;
	/* Before this sink's entry (the rule engine runs first), a hit of
	 * the call's entry finds the task between calls: kept for the call
	 * to come. Hits between calls (signals, an untraced exec) are
	 * dropped by the callbacks that see those. */
	struct etask *et = task_find(ev, t->tid, true);
	for (unsigned i = 0; i < et->nrules; i++)
		if (et->rules[i] == rule)
			return;
	if (et->nrules < EVENTS_MAX_RULES)
		et->rules[et->nrules++] = rule;
}

/* Hits outside a call belong to no call record. */
static void drop_idle_hits(struct events *ev, pid_t tid)
{
	struct etask *et = task_find(ev, tid, false);
	if (et && !et->pending)
		et->nrules = 0;
}

static void ev_signal(struct rx_sink *s, struct rx_task *t, int sig,
		      const siginfo_t *si)
{
	drop_idle_hits(ev_of(s), t->tid);
}

static void ev_group_stop(struct rx_sink *s, struct rx_task *t, int sig)
{
}

/* Read /proc/PID/NAME into EV->buf; false when it cannot be read. */
static bool read_proc(struct events *ev, pid_t pid, const char *name)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, name);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	sb_reset(&ev->buf);
	for (;;) {
		sb_grow(&ev->buf, 4096);
		ssize_t r = read(fd, ev->buf.p + ev->buf.len, ev->buf.cap - ev->buf.len - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		ev->buf.len += (size_t)r;
	}
	close(fd);
	ev->buf.p[ev->buf.len] = '\0';
	return true;
}

/* Learn the secrets of each argument, then mask every known one, as the
 * decoders do with execve's arguments in trace lines. */
static void mask_args(struct events *ev, char *argv, size_t len)
{
	for (size_t at = 0; at < len;) {
		size_t n = strnlen(argv + at, len - at);
		envscan_learn_arg(ev->secrets, argv + at, n);
		at += n + 1;
	}
	for (size_t at = 0; at < len;) {
		size_t n = strnlen(argv + at, len - at);
		secret_set_mask(ev->secrets, argv + at, n, false);
		at += n + 1;
	}
}

static void ev_exec(struct rx_sink *s, struct rx_task *t, pid_t old_tid)
{
	struct events *ev = ev_of(s);
	if (old_tid != t->tid) {
		/* A thread exec'ed and took over the leader's tid: the
		 * leader's call ends unanswered, the thread's goes on. */
		struct etask *lead = task_find(ev, t->tid, false);
		if (lead) {
			if (lead->pending)
				put_call(ev, lead, NULL);
			task_unlink(ev, lead);
			task_free(lead);
		}
		struct etask *et = task_find(ev, old_tid, false);
		if (et) {
			task_unlink(ev, et);
			et->tid = t->tid;
			et->pid = t->tid;
			et->next = NULL;
			*task_slot(ev, t->tid) = et;
		}
	}
	drop_idle_hits(ev, t->tid);

	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	char link[64], path[4096];
	snprintf(link, sizeof(link), "/proc/%d/exe", (int)t->tid);
	ssize_t pl = readlink(link, path, sizeof(path));
	if (pl >= 0 && ev->secrets)
		secret_set_mask(ev->secrets, path, (size_t)pl, false);
	bool have_argv = read_proc(ev, t->tid, "cmdline");
	if (have_argv && ev->secrets)
		mask_args(ev, ev->buf.p, ev->buf.len);
	emit(ev, events_rec_start(&ev->w, &now, t->tid, pl >= 0 ? path : NULL,
				  pl >= 0 ? (size_t)pl : 0, ev->buf.p,
				  have_argv ? ev->buf.len : 0));
	if (have_argv)
		memset(ev->buf.p, 0, ev->buf.len);	/* it held secrets */
}

/* T is gone: its call in progress ends without a result. */
static void task_gone(struct events *ev, struct rx_task *t)
{
	struct etask *et = task_find(ev, t->tid, false);
	if (!et)
		return;
	if (et->pending)
		put_call(ev, et, NULL);
	task_unlink(ev, et);
	task_free(et);
}

static void ev_death(struct rx_sink *s, struct rx_task *t, enum rx_death how,
		     int code, bool core)
{
	struct events *ev = ev_of(s);
	task_gone(ev, t);
	/* the leader's death comes last, when the process is gone */
	if (rx_task_tgid(t) != t->tid)
		return;
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	emit(ev, events_rec_exit(&ev->w, &now, t->tid, how, code, core));
}

static void ev_detach(struct rx_sink *s, struct rx_task *t)
{
	task_gone(ev_of(s), t);
}

/* Calls still in progress at the end (detached tasks already went). */
static int ev_finish(struct rx_sink *s)
{
	struct events *ev = ev_of(s);
	for (unsigned b = 0; b < TASK_BUCKETS; b++)
		for (struct etask *et = ev->tasks[b]; et; et = et->next)
			if (et->pending)
				put_call(ev, et, NULL);
	if (fflush(ev->fp) == EOF && !ev->err)
		ev->err = errno ? -errno : -EIO;
	/* write errors are told by events_close, which knows the file */
	return 0;
}

int events_close(struct rx_sink *s, const struct finding_store *fs)
{
	struct events *ev = ev_of(s);
	int r = ev->err;
	if (!r && fs)
		r = events_rec_findings(&ev->w, ev->fp, fs);
	if ((fflush(ev->fp) == EOF || ferror(ev->fp)) && !r)
		r = errno ? -errno : -EIO;
	if (fclose(ev->fp) == EOF && !r)
		r = -errno;
	ev->fp = NULL;
	return r;
}

static void ev_free(struct rx_sink *s)
{
	struct events *ev = ev_of(s);
	for (unsigned b = 0; b < TASK_BUCKETS; b++)
		while (ev->tasks[b]) {
			struct etask *et = ev->tasks[b];
			ev->tasks[b] = et->next;
			task_free(et);
		}
	if (ev->fp)
		fclose(ev->fp);
	events_rec_release(&ev->w);
	sb_release(&ev->buf);
	free(ev);
}

static const struct rx_sink_ops events_ops = {
	.syscall_entry = ev_entry,
	.syscall_exit = ev_exit,
	.signal = ev_signal,
	.group_stop = ev_group_stop,
	.exec = ev_exec,
	.death = ev_death,
	.detach = ev_detach,
	.finish = ev_finish,
	.free = ev_free,
};

struct rx_sink *events_new(FILE *fp, struct secret_set *secrets)
{
	struct events *ev = xcalloc(1, sizeof(*ev));
	ev->base.ops = &events_ops;
	ev->fp = fp;
	ev->secrets = secrets;
	events_rec_init(&ev->w);
	sb_init(&ev->buf);
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	emit(ev, events_rec_header(&ev->w, &now));
	return &ev->base;
}
