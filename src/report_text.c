/* report_text.c - the findings report for a terminal */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "report.h"
#include "rule_catalog.h"
#include "util.h"

/* Frames printed per finding, from the call site outwards. */
#define TEXT_FRAMES 6

struct report_text {
	struct reporter base;
	FILE *fp;
	bool color;
	struct sbuf sb;
	char cwd[PATH_MAX];		/* source files below it print relative */
	size_t cwdlen;
};

enum paint { P_NONE, P_BOLD, P_DIM, P_ERROR, P_WARNING, P_NOTE };

static const char *const paint_on[] = {
	[P_NONE] = "", [P_BOLD] = "\033[1m", [P_DIM] = "\033[2m",
	[P_ERROR] = "\033[1;31m", [P_WARNING] = "\033[1;33m",
	[P_NOTE] = "\033[1;36m",
};

static void paint(struct report_text *rt, enum paint p, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void paint(struct report_text *rt, enum paint p, const char *fmt, ...)
{
	va_list ap;
	if (rt->color && p != P_NONE)
		sb_puts(&rt->sb, paint_on[p]);
	va_start(ap, fmt);
	sb_vprintf(&rt->sb, fmt, ap);
	va_end(ap);
	if (rt->color && p != P_NONE)
		sb_puts(&rt->sb, "\033[0m");
}

static enum paint level_paint(enum rule_level l)
{
	return l == RULE_ERROR ? P_ERROR : l == RULE_WARNING ? P_WARNING : P_NOTE;
}

static const char *base_name(const char *path)
{
	const char *s = path ? strrchr(path, '/') : NULL;
	return s ? s + 1 : path ? path : "?";
}

static void put_frame(struct report_text *rt, const struct finding_frame *f,
		      bool site)
{
	if (f->func)
		paint(rt, site ? P_BOLD : P_NONE, "%s", f->func);
	else
		sb_puts(&rt->sb, "?");
	if (f->file) {
		const char *file = f->file;
		if (rt->cwdlen && !strncmp(file, rt->cwd, rt->cwdlen) &&
		    file[rt->cwdlen] == '/')
			file += rt->cwdlen + 1;
		sb_printf(&rt->sb, " %s:%d", file, f->line);
	}
	sb_printf(&rt->sb, " (%s+%#llx)", base_name(f->module),
		  (unsigned long long)f->addr);
	if (f->inlined)
		sb_puts(&rt->sb, " inlined");
	sb_putc(&rt->sb, '\n');
}

static void put_time(struct sbuf *sb, const struct timespec *ts)
{
	struct tm tm;
	char buf[16];
	localtime_r(&ts->tv_sec, &tm);
	strftime(buf, sizeof(buf), "%H:%M:%S", &tm);
	sb_printf(sb, "%s.%03ld", buf, ts->tv_nsec / 1000000);
}

static void put_ids(struct sbuf *sb, const char *what, const pid_t *ids,
		    unsigned n, bool more)
{
	sb_printf(sb, "%s%s ", what, n > 1 || more ? "s" : "");
	for (unsigned i = 0; i < n; i++)
		sb_printf(sb, "%s%d", i ? "," : "", (int)ids[i]);
	if (more)
		sb_puts(sb, ",...");
}

static void put_finding(struct report_text *rt, const struct finding *f)
{
	const struct rule_def *d = &rule_defs[f->rule];
	const char *st = baseline_state_name(f->baseline);
	paint(rt, level_paint(f->level), "%s", rule_level_name(f->level));
	sb_putc(&rt->sb, ' ');
	paint(rt, P_BOLD, "%s", d->id);
	sb_printf(&rt->sb, " %s: %s", d->name, f->message);
	if (st)
		sb_printf(&rt->sb, " [%s]", st);
	sb_putc(&rt->sb, '\n');
	if (f->evidence)
		sb_printf(&rt->sb, "    call: %s\n", f->evidence);
	/* the call site and the frames that led to it: the frames above it
	 * are libc's wrappers, which say nothing a developer can change */
	int from = f->site >= 0 ? f->site : 0;
	for (int i = from; i < (int)f->nframes && i < from + TEXT_FRAMES; i++) {
		sb_puts(&rt->sb, i == from ? "    at " : "       ");
		put_frame(rt, &f->frames[i], i == from);
	}
	if ((int)f->nframes > from + TEXT_FRAMES || f->truncated)
		sb_puts(&rt->sb, "       ...\n");
	if (f->before) {
		sb_printf(&rt->sb, "    after: %s at ", f->before->message);
		put_frame(rt, &f->before->frame, false);
	}
	sb_puts(&rt->sb, "    ");
	if (rt->color)
		sb_puts(&rt->sb, paint_on[P_DIM]);
	sb_printf(&rt->sb, "%lu time%s, ", f->count, f->count == 1 ? "" : "s");
	put_ids(&rt->sb, "pid", f->pids, f->npids, f->more_pids);
	if (f->ntids > 1 || f->more_tids || (f->ntids == 1 && f->tids[0] != f->pids[0])) {
		sb_puts(&rt->sb, ", ");
		put_ids(&rt->sb, "tid", f->tids, f->ntids, f->more_tids);
	}
	sb_puts(&rt->sb, ", ");
	if (f->exe)
		sb_printf(&rt->sb, "%s, ", f->exe);
	put_time(&rt->sb, &f->first);
	if (f->count > 1) {
		sb_puts(&rt->sb, " to ");
		put_time(&rt->sb, &f->last);
	}
	if (rt->color)
		sb_puts(&rt->sb, "\033[0m");
	sb_puts(&rt->sb, "\n\n");
}

/* "rxtrace: baseline: 1 new, 0 updated, 2 unchanged, 1 absent" */
static void put_baseline(struct report_text *rt, const size_t *per_state,
			 const struct baseline *b)
{
	static const enum baseline_state order[] = {
		BASELINE_NEW, BASELINE_UPDATED, BASELINE_UNCHANGED,
	};
	sb_puts(&rt->sb, "rxtrace: baseline: ");
	for (size_t i = 0; i < ARRAY_SIZE(order); i++)
		sb_printf(&rt->sb, "%zu %s, ", per_state[order[i]],
			  baseline_state_name(order[i]));
	sb_printf(&rt->sb, "%zu absent\n", baseline_absent_count(b));
}

/* The rules whose findings reached --max-findings: what was not kept. */
static void put_dropped(struct report_text *rt, const struct finding_store *fs)
{
	for (unsigned r = 0; r < RULE_COUNT; r++)
		if (fs->dropped[r])
			sb_printf(&rt->sb, "rxtrace: %s: %lu more occurrence%s of "
				  "new findings not kept (--max-findings=%u)\n",
				  rule_defs[r].id, fs->dropped[r],
				  fs->dropped[r] == 1 ? "" : "s", fs->max_per_rule);
}

static int rt_write(struct reporter *r, const struct finding_store *fs,
		    const struct report_run *run)
{
	struct report_text *rt = (struct report_text *)r;
	const struct finding **v = finding_sorted(fs);
	unsigned per_level[3] = { 0 };
	size_t suppressed = 0, per_state[BASELINE_UPDATED + 1] = { 0 };

	sb_reset(&rt->sb);
	for (size_t i = 0; i < fs->n; i++) {
		if (v[i]->suppressed) {
			suppressed++;
			continue;
		}
		put_finding(rt, v[i]);
		per_level[v[i]->level]++;
		per_state[v[i]->baseline]++;
		/* a long report is written as it grows */
		if (rt->sb.len > 1 << 16) {
			fwrite(rt->sb.p, 1, rt->sb.len, rt->fp);
			sb_reset(&rt->sb);
		}
	}
	free(v);
	put_dropped(rt, fs);
	if (fs->n == suppressed) {
		sb_puts(&rt->sb, "rxtrace: no findings");
		if (suppressed)
			sb_printf(&rt->sb, " (%zu suppressed)", suppressed);
		sb_putc(&rt->sb, '\n');
		if (run->baseline)
			put_baseline(rt, per_state, run->baseline);
		fwrite(rt->sb.p, 1, rt->sb.len, rt->fp);
		return fflush(rt->fp) == EOF || ferror(rt->fp) ? -EIO : 0;
	}
	static const char *const names[3] = { "note", "warning", "error" };
	/* "rxtrace: 3 errors, 5 warnings, 2 notes in 4 processes" */
	sb_puts(&rt->sb, "rxtrace: ");
	for (int l = RULE_ERROR; l >= RULE_NOTE; l--)
		paint(rt, per_level[l] ? level_paint((enum rule_level)l) : P_NONE,
		      "%u %s%s%s", per_level[l], names[l],
		      per_level[l] == 1 ? "" : "s", l > RULE_NOTE ? ", " : "");
	sb_printf(&rt->sb, " in %zu process%s", fs->nprocs,
		  fs->nprocs == 1 ? "" : "es");
	if (suppressed)
		sb_printf(&rt->sb, " (%zu suppressed)", suppressed);
	sb_putc(&rt->sb, '\n');
	if (run->baseline)
		put_baseline(rt, per_state, run->baseline);
	fwrite(rt->sb.p, 1, rt->sb.len, rt->fp);
	return fflush(rt->fp) == EOF || ferror(rt->fp) ? -EIO : 0;
}

static void rt_free(struct reporter *r)
{
	struct report_text *rt = (struct report_text *)r;
	sb_release(&rt->sb);
	free(rt);
}

static const struct reporter_ops rt_ops = { .write = rt_write, .free = rt_free };

struct reporter *report_text_new(FILE *fp, bool color)
{
	struct report_text *rt = xcalloc(1, sizeof(*rt));
	rt->base.ops = &rt_ops;
	rt->fp = fp;
	rt->color = color;
	sb_init(&rt->sb);
	if (getcwd(rt->cwd, sizeof(rt->cwd)) && strcmp(rt->cwd, "/"))
		rt->cwdlen = strlen(rt->cwd);
	return &rt->base;
}
