/* report.h - reporters: the findings of a run written in one format.
 * Every format (text now; SARIF and JSON Lines next) is an instance of
 * struct reporter and reads the same model: the finding store. */
#ifndef RX_REPORT_H
#define RX_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "finding.h"

/* What a report says about the run itself. */
struct report_run {
	char *const *argv;		/* the command, or NULL with -p */
	unsigned npids;			/* -p: how many processes */
	int status;			/* rxtrace's exit status */
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
