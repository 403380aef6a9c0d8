/* report.h - reporters: the findings of a run written in one format.
 * Every format (text now; SARIF and JSON Lines next) is an instance of
 * struct reporter and reads the same model: the finding store. */
#ifndef RX_REPORT_H
#define RX_REPORT_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "baseline.h"
#include "engine.h"
#include "finding.h"
#include "secret.h"

/* What a report says about the run itself. */
struct report_run {
	int argc;			/* rxtrace's own command line */
	char *const *argv;
	int status;			/* rxtrace's exit status */
	int tracee_status;		/* the command's (128+N: killed by N) */
	struct timespec start, end;
	const struct secret_set *secrets;	/* masked in the command line */
	/* --baseline, its findings matched (report_sarif_baseline); NULL:
	 * none given */
	const struct baseline *baseline;
	/* what degraded the tracing (engine.h), as toolExecutionNotifications */
	const struct engine_note *notes;
	unsigned nnotes;
};

struct reporter;
struct reporter_ops {
	/* Write the report of FS. Returns 0 or -errno. */
	int (*write)(struct reporter *r, const struct finding_store *fs,
		     const struct report_run *run);
	void (*free)(struct reporter *r);
};

struct reporter {
	const struct reporter_ops *ops;
};

/* The terminal report: findings grouped by level, then rule, each with
 * its evidence and top frames, and a closing summary line. COLOR: ANSI
 * colours (the caller decides: a tty, and NO_COLOR unset). */
struct reporter *report_text_new(FILE *fp, bool color);
/* SARIF 2.1.0; paths are made relative to the working directory. */
struct reporter *report_sarif_new(FILE *fp);
/* Set the baseline state of every finding of FS, in report order, from
 * the rule, fingerprint, level and primary location its SARIF result
 * has; B keeps the previous results no finding matched. */
void report_sarif_baseline(struct baseline *b, const struct finding_store *fs);
/* F's partialFingerprints["rxtraceStackHash/v1"] as the SARIF report has
 * it, from the working directory: 16 hex digits and a NUL. */
void report_sarif_fingerprint(const struct finding *f, char hex[17]);
/* JSON Lines (events.h): a header record and one record per finding. */
struct reporter *report_jsonl_new(FILE *fp);

/* A report file written atomically (see report_file.c). */
struct report_file {
	FILE *fp;			/* write the report here */
	const char *path;
	char *tmp;
};
/* Returns 0 or -errno. */
int report_file_open(struct report_file *rf, const char *path);
/* Make the written file PATH. Returns 0 or -errno (the temporary file
 * is removed either way). */
int report_file_commit(struct report_file *rf);
void report_file_abort(struct report_file *rf);

#endif
