/* tsummary.c - -c: calls, errors and time per syscall, printed at exit */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sink.h"
#include "util.h"

/* Numbers outside the table are counted by number, up to this bound. */
#define RAW_NR_MAX 1024

struct count {
	unsigned long calls, errors;
	long long ns;
};

struct tsummary {
	struct rx_sink base;
	FILE *fp;
	struct count *known[ABI_COUNT];		/* by table index */
	struct count *raw[ABI_COUNT];		/* by number, for the rest */
};

static struct tsummary *ts_of(struct rx_sink *s)
{
	return (struct tsummary *)s;
}

static bool ts_entry(struct rx_sink *s, struct rx_task *t)
{
	return true;	/* errors and time need the exit */
}

static void ts_exit(struct rx_sink *s, struct rx_task *t)
{
	struct tsummary *ts = ts_of(s);
	const struct rx_call *c = &t->call;
	struct count *n;
	if (c->se)
		n = &ts->known[c->abi][sysent_index(c->se)];
	else if (c->nr >= 0 && c->nr < RAW_NR_MAX)
		n = &ts->raw[c->abi][c->nr];
	else
		return;
	n->calls++;
	n->errors += c->failed;
	long long ns = (c->t_exit.tv_sec - c->t_entry.tv_sec) * 1000000000LL +
		       (c->t_exit.tv_nsec - c->t_entry.tv_nsec);
	if (ns > 0)
		n->ns += ns;
}

struct row {
	const char *name;
	char buf[32];
	const struct count *c;
};

static int by_time(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	if (x->c->ns != y->c->ns)
		return x->c->ns < y->c->ns ? 1 : -1;
	if (x->c->calls != y->c->calls)
		return x->c->calls < y->c->calls ? 1 : -1;
	return strcmp(x->name ? x->name : x->buf, y->name ? y->name : y->buf);
}

static void print_abi(struct tsummary *ts, enum abi abi, bool header)
{
	static const char *const mode[ABI_COUNT] = {
		[ABI_X86_64] = "64 bit", [ABI_I386] = "32 bit",
		[ABI_X32] = "x32",
	};
	struct row *rows = xcalloc(sysent_count + RAW_NR_MAX, sizeof(*rows));
	struct count total = { 0, 0, 0 };
	size_t n = 0;

	for (unsigned i = 0; i < sysent_count; i++)
		if (ts->known[abi][i].calls) {
			rows[n].name = sysent_table[i].name;
			rows[n++].c = &ts->known[abi][i];
		}
	for (long nr = 0; nr < RAW_NR_MAX; nr++)
		if (ts->raw[abi][nr].calls) {
			const char *name = sysent_name_any(abi, nr);
			/* A NULL name means "use buf", which moves with
			 * the row when qsort shuffles them. */
			if (!name)
				snprintf(rows[n].buf, sizeof(rows[n].buf),
					 "syscall_%#lx", (unsigned long)nr);
			rows[n].name = name;
			rows[n++].c = &ts->raw[abi][nr];
		}
	for (size_t i = 0; i < n; i++) {
		total.calls += rows[i].c->calls;
		total.errors += rows[i].c->errors;
		total.ns += rows[i].c->ns;
	}
	qsort(rows, n, sizeof(*rows), by_time);

	if (header)
		fprintf(ts->fp, "System call usage summary for %s mode:\n",
			mode[abi]);
	static const char dashes[] =
		"------ ----------- ----------- --------- --------- ----------------\n";
	fputs("% time     seconds  usecs/call     calls    errors syscall\n",
	      ts->fp);
	fputs(dashes, ts->fp);
	for (size_t i = 0; i < n; i++) {
		const struct count *c = rows[i].c;
		const char *name = rows[i].name == NULL ? rows[i].buf : rows[i].name;
		double pct = total.ns ? 100.0 * (double)c->ns / (double)total.ns : 0;
		fprintf(ts->fp, "%6.2f %11.6f %11lld %9lu ", pct,
			(double)c->ns / 1e9, c->ns / 1000 / (long long)c->calls,
			c->calls);
		if (c->errors)
			fprintf(ts->fp, "%9lu", c->errors);
		else
			fprintf(ts->fp, "%9s", "");
		fprintf(ts->fp, " %s\n", name);
	}
	fputs(dashes, ts->fp);
	fprintf(ts->fp, "%6.2f %11.6f %11lld %9lu ", 100.0, (double)total.ns / 1e9,
		total.calls ? total.ns / 1000 / (long long)total.calls : 0,
		total.calls);
	if (total.errors)
		fprintf(ts->fp, "%9lu", total.errors);
	else
		fprintf(ts->fp, "%9s", "");
	fputs(" total\n", ts->fp);
	free(rows);
}

static bool abi_used(const struct tsummary *ts, enum abi abi)
{
	for (unsigned i = 0; i < sysent_count; i++)
		if (ts->known[abi][i].calls)
			return true;
	for (long nr = 0; nr < RAW_NR_MAX; nr++)
		if (ts->raw[abi][nr].calls)
			return true;
	return false;
}

static int ts_finish(struct rx_sink *s)
{
	struct tsummary *ts = ts_of(s);
	unsigned used = 0;
	for (int abi = 0; abi < ABI_COUNT; abi++)
		used += abi_used(ts, abi);
	bool first = true;
	for (int abi = 0; abi < ABI_COUNT; abi++) {
		if (!abi_used(ts, abi) && !(abi == ABI_X86_64 && !used))
			continue;
		if (!first)
			fputc('\n', ts->fp);
		print_abi(ts, abi, used > 1);
		first = false;
	}
	if (fflush(ts->fp) == EOF || ferror(ts->fp))
		return errno ? -errno : -EIO;
	return 0;
}

static void ts_free(struct rx_sink *s)
{
	struct tsummary *ts = ts_of(s);
	for (int abi = 0; abi < ABI_COUNT; abi++) {
		free(ts->known[abi]);
		free(ts->raw[abi]);
	}
	free(ts);
}

static const struct rx_sink_ops tsummary_ops = {
	.syscall_entry = ts_entry,
	.syscall_exit = ts_exit,
	.finish = ts_finish,
	.free = ts_free,
};

struct rx_sink *tsummary_new(FILE *fp)
{
	struct tsummary *ts = xcalloc(1, sizeof(*ts));
	ts->base.ops = &tsummary_ops;
	ts->fp = fp;
	for (int abi = 0; abi < ABI_COUNT; abi++) {
		ts->known[abi] = xcalloc(sysent_count, sizeof(struct count));
		ts->raw[abi] = xcalloc(RAW_NR_MAX, sizeof(struct count));
	}
	return &ts->base;
}
