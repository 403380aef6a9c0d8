/* report_jsonl.c - the findings as JSON Lines: the header record of the
 * events schema, then one finding record a line in report order, the
 * same records an --events file ends with */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "events.h"
#include "report.h"
#include "util.h"

struct report_jsonl {
	struct reporter base;
	FILE *fp;
};

static int rj_write(struct reporter *r, const struct finding_store *fs,
		    const struct report_run *run)
{
	struct report_jsonl *rj = (struct report_jsonl *)r;
	struct events_rec w;
	events_rec_init(&w);
	int e = events_rec_header(&w, &run->start);
	if (!e && fwrite(w.line.p, 1, w.line.len, rj->fp) != w.line.len)
		e = -EIO;
	if (!e)
		e = events_rec_findings(&w, rj->fp, fs);
	events_rec_release(&w);
	return fflush(rj->fp) == EOF || ferror(rj->fp) ? -EIO : e;
}

static void rj_free(struct reporter *r)
{
	free(r);
}

static const struct reporter_ops rj_ops = { .write = rj_write, .free = rj_free };

struct reporter *report_jsonl_new(FILE *fp)
{
	struct report_jsonl *rj = xcalloc(1, sizeof(*rj));
	rj->base.ops = &rj_ops;
	rj->fp = fp;
	return &rj->base;
}
