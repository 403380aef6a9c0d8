/* events.h - JSON Lines telemetry, schema rxtrace-events/1: one JSON
 * object a line for each traced call, each program started and each
 * process gone, and at the end each finding (rxtrace(1), JSON LINES).
 * The --events sink writes them all; the --format=jsonl reporter
 * (report_jsonl.c) writes the header and the findings. */
#ifndef RX_EVENTS_H
#define RX_EVENTS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include <time.h>

#include "finding.h"
#include "secret.h"
#include "sink.h"
#include "sysent.h"
#include "util.h"

#define EVENTS_SCHEMA "rxtrace-events/1"
/* rule ids named per call; more findings at one call are not listed */
#define EVENTS_MAX_RULES 8

/* A traced call as its record shows it. */
struct events_call {
	struct timespec ts;		/* its entry (CLOCK_REALTIME) */
	pid_t pid, tid;
	const char *name;
	enum abi abi;
	/* the decoded text of each argument shown, not NUL-terminated */
	const char *arg[SYSENT_MAX_ARGS];
	size_t arglen[SYSENT_MAX_ARGS];
	unsigned nargs;
	bool returned;			/* false: no result (exit_group, or the
					 * task went away inside the call) */
	bool failed;			/* ret is -errno */
	int64_t ret;
	const unsigned *rules;		/* rule_defs indexes of the findings
					 * the call raised */
	unsigned nrules;
};

struct json_t;

/* Builds one record at a time as one line, '\n' included, in LINE. The
 * syscall record is one JSON object whose values are set in place, so
 * that a record costs next to no allocation once warm. */
struct events_rec {
	struct sbuf line;
	struct sbuf scratch;		/* well-formed copies of strings */
	struct json_t *call;
	struct json_t *ts, *pid, *tid, *name, *abi, *args, *ret, *err, *rules;
	struct json_t *arg[SYSENT_MAX_ARGS];
	bool optional;			/* the call record has errno or rules */
	time_t ts_sec;			/* the second ts_text is about */
	char ts_text[40];		/* "YYYY-MM-DDTHH:MM:SS.uuuuuuZ" */
};

void events_rec_init(struct events_rec *w);
void events_rec_release(struct events_rec *w);

/* Each builds one record in W->line and returns 0 or -ENOMEM. */
int events_rec_header(struct events_rec *w, const struct timespec *ts);
int events_rec_call(struct events_rec *w, const struct events_call *c);
/* A program started by an execve: PATH (PATHLEN bytes) and ARGV, LEN
 * bytes of NUL-terminated arguments as /proc/PID/cmdline holds them;
 * both already masked. */
int events_rec_start(struct events_rec *w, const struct timespec *ts,
		     pid_t pid, const char *path, size_t pathlen,
		     const char *argv, size_t len);
/* A process gone, as the sinks' death callback says it. */
int events_rec_exit(struct events_rec *w, const struct timespec *ts,
		    pid_t pid, enum rx_death how, int code, bool core);
int events_rec_finding(struct events_rec *w, const struct finding *f);

/* Write the finding records of FS to FP in report order. Returns 0 or
 * -errno. */
int events_rec_findings(struct events_rec *w, FILE *fp,
			const struct finding_store *fs);

/* The --events sink: the header now, then the records of every call the
 * engine hands it (their exits are asked for: the result is part of the
 * record), of each exec and of each process's death, written to FP as
 * they complete. Arguments are decoded with the run's decode options,
 * whose secrets are masked; SECRETS learns the command line of each new
 * program before it is written, masked. The caller sets run->want_time
 * (a record's time is its call's entry). */
struct rx_sink *events_new(FILE *fp, struct secret_set *secrets);

/* The rule engine's hit callback (struct rule_engine_opts): RULE raised a
 * finding while T is stopped in its current call. */
void events_hit(void *sink, const struct rx_task *t, unsigned rule);

/* Write the finding records of FS (after the run: suppressions marked),
 * then flush and close the file. Returns 0 or the first -errno of any
 * write since events_new. */
int events_close(struct rx_sink *s, const struct finding_store *fs);

#endif
