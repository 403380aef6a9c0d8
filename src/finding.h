/* finding.h - findings: what rules report, deduplicated by rule, call
 * site and key, with their evidence and the stack that made the call */
#ifndef RX_FINDING_H
#define RX_FINDING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "baseline.h"
#include "rule_catalog.h"

/* Frames kept per finding, and pids/tids listed per finding (the counts
 * go on beyond). */
#define FINDING_MAX_FRAMES 16
#define FINDING_MAX_PIDS 8
/* Findings kept per rule by default (--max-findings): beyond, the
 * occurrences of new identities are only counted. */
#define FINDING_DEFAULT_MAX_PER_RULE 1000

/* One logical stack frame, its strings owned by the finding. */
struct finding_frame {
	char *module;		/* absolute path; NULL: no module */
	char *build_id;		/* hex, "" without one */
	char *func;		/* NULL: no symbol */
	char *file;		/* NULL: no line information */
	int line;
	uint64_t addr;		/* file address in module (addr2line's) */
	uint64_t func_off;
	bool inlined;		/* inlined into the next frame */
	bool program;		/* the program's own code */
};

/* Copy S into D, its strings too; finding_frame_release frees them. */
void finding_frame_copy(struct finding_frame *d, const struct finding_frame *s);
void finding_frame_release(struct finding_frame *f);

/* What happened before the reported call and makes it a finding (the
 * check of a check-then-use race): SARIF's first code-flow step. */
struct finding_step {
	char *message;		/* one line, like a finding's */
	struct finding_frame frame;	/* its call site */
};

/* What a rule saw, as handed to finding_add. */
struct finding_event {
	unsigned rule;			/* index in rule_defs */
	enum rule_level level;
	double severity;
	const char *message;		/* one line, secrets already redacted */
	const char *key;		/* normalised key argument, or NULL */
	const char *evidence;		/* the decoded call, or NULL */
	const char *exe;		/* the process's executable, or NULL */
	pid_t pid, tid;
	struct timespec when;
	/* the stack, innermost first, and the call site in it (-1: none) */
	const struct finding_frame *frames;
	unsigned nframes;
	int site;
	bool truncated;			/* frames were left out */
	const struct finding_step *before;	/* or NULL */
};

struct finding {
	unsigned rule;
	enum rule_level level;		/* the highest seen */
	double severity;		/* the highest seen */
	char *message;			/* of the first occurrence, or of the
					 * first at the highest level */
	char *key;
	char *evidence;
	char *exe;
	struct finding_frame *frames;
	unsigned nframes;
	int site;			/* index into frames, -1: none */
	bool truncated;
	struct finding_step *before;	/* of the first occurrence, or NULL */
	unsigned long count;
	pid_t pids[FINDING_MAX_PIDS], tids[FINDING_MAX_PIDS];
	unsigned npids, ntids;		/* listed; more may have been seen */
	bool more_pids, more_tids;
	struct timespec first, last;
	bool suppressed;		/* a suppression file accepts it */
	enum baseline_state baseline;	/* compared with --baseline */
	uint64_t hash;
	struct finding *hnext;
};

struct finding_store {
	struct finding **hash;		/* FINDING_BUCKETS chains */
	struct finding **all;		/* in the order they were found */
	size_t n, cap;
	pid_t *procs;			/* distinct processes with a finding */
	size_t nprocs, procs_cap;
	unsigned max_per_rule;		/* 0: no limit */
	unsigned per_rule[RULE_COUNT];	/* findings kept */
	/* occurrences of findings not kept: their rule had max_per_rule */
	unsigned long dropped[RULE_COUNT];
};

void finding_store_init(struct finding_store *fs);
void finding_store_release(struct finding_store *fs);

/* The identity of an event: its rule, the call site (module and file
 * address of frame SITE, else the innermost frame) and its key. Events
 * with one identity are one finding. */
uint64_t finding_identity(const struct finding_event *ev);

/* The finding of EV's identity, or NULL: lets a caller skip symbolising
 * a stack that is already known. */
struct finding *finding_lookup(const struct finding_store *fs, uint64_t hash,
			       const struct finding_event *ev);

/* Whether a new finding of RULE would be kept (max_per_rule). */
bool finding_room(const struct finding_store *fs, unsigned rule);

/* Record EV: a new finding, or one more occurrence of the finding with
 * its identity (count, pids, tids, last time; level and severity rise
 * to EV's when higher). Returns the finding, or NULL when EV is new and
 * its rule has no room: it is counted in dropped[]. */
const struct finding *finding_add(struct finding_store *fs,
				  const struct finding_event *ev);

/* The findings sorted for a report: highest level first, then by rule
 * (catalogue order), then by first occurrence. The array is allocated;
 * free it. */
const struct finding **finding_sorted(const struct finding_store *fs);

/* The call-site frame of F, or NULL. */
static inline const struct finding_frame *finding_site(const struct finding *f)
{
	return f->site >= 0 ? &f->frames[f->site] : NULL;
}

#endif
