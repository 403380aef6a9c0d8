/* opts.h - command-line options */
#ifndef RX_OPTS_H
#define RX_OPTS_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include "baseline.h"
#include "decode.h"
#include "engine.h"
#include "rule_catalog.h"
#include "traceset.h"

/* --max-procs by default: far above what one program normally runs at
 * once, far below what would exhaust rxtrace's memory. */
#define OPTS_DEFAULT_MAX_PROCS 32768

struct rx_opts {
	char **argv;			/* command to launch, NULL with -p */
	pid_t *pids;			/* -p, npids entries */
	unsigned npids;
	const char *outfile;		/* -o */
	bool trace_mode;		/* -e trace, -c or -C given */
	bool trace_lines;		/* print lines (not -c alone) */
	bool summary;			/* -c / -C */
	struct traceset trace;		/* -e trace=SET */
	struct decode_opts dopts;	/* -s, -y */
	int timestamps;			/* -t count */
	bool syscall_times;		/* -T */
	bool stats;			/* --stats */
	bool stacks;			/* -k */
	unsigned stack_depth;		/* --stack-depth, 0: not given */
	int source_lines;		/* --source-lines: enum unwind_lines */
	struct rule_set rules;		/* findings: --rules, --disable */
	enum rule_level min_level;	/* --min-level */
	enum { FORMAT_TEXT, FORMAT_SARIF, FORMAT_JSONL } format;
					/* --format, or -o *.sarif, *.jsonl */
	const char *events;		/* --events FILE: JSON Lines events */
	const char **suppress;		/* --suppress FILE..., nsuppress */
	unsigned nsuppress;
	const char *baseline;		/* --baseline */
	enum baseline_gate fail_on;	/* --fail-on */
	unsigned max_findings;		/* --max-findings, per rule; 0: none */
	unsigned max_procs;		/* --max-procs; 0: no limit */
	enum { ACT_RUN, ACT_HELP, ACT_VERSION, ACT_LIST_SYSCALLS,
	       ACT_LIST_RULES } action;
};

/* Parse ARGV into O. On a usage error returns -EINVAL with a one-line
 * message (no "rxtrace: " prefix) in ERR. */
int opts_parse(struct rx_opts *o, int argc, char **argv, char *err,
	       size_t errlen);
void opts_release(struct rx_opts *o);
void opts_usage(FILE *fp);

#endif
