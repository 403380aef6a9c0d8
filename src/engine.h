/* engine.h - launch or attach, the ptrace stop loop, detach */
#ifndef RX_ENGINE_H
#define RX_ENGINE_H

#include <stdbool.h>
#include <sys/types.h>

#include "filter.h"
#include "sink.h"

struct sbuf;

/* Exit statuses of rxtrace itself; the traced command's own status is
 * passed through otherwise (128+N for a death by signal N). */
enum {
	RX_EXIT_NOTFOUND = 127,	/* command not found */
	RX_EXIT_NOEXEC = 126,	/* found, but could not be executed */
	RX_EXIT_FAILURE = 125,	/* usage error, cannot attach, internal error */
};

struct engine_cfg {
	char *const *argv;		/* command to launch, or NULL */
	const pid_t *pids;		/* -p, when argv is NULL */
	unsigned npids;
	const struct filter_spec *want;	/* syscalls the sinks see */
	struct rx_sink *sinks;		/* linked through ->next */
	unsigned max_procs;		/* processes the sinks see at once;
					 * 0: no limit */
	struct rx_run *run;
};

/* Problems that degraded tracing without failing it, each kind described
 * by a row of engine_note_descs. */
enum engine_note_kind {
	ENGINE_NOTE_VANISHED,		/* -p: a thread exited while being seized */
	ENGINE_NOTE_KILLED,		/* a task died of a signal (arg) */
	ENGINE_NOTE_UNTRACED,		/* a clone3 with CLONE_UNTRACED refused */
	ENGINE_NOTE_RESOLVE,		/* library functions not looked up */
	ENGINE_NOTE_PLANT,		/* a library-call breakpoint not planted */
	ENGINE_NOTE_REMOVE,		/* int3s not removed before a detach */
	ENGINE_NOTE_COUNT,
};

struct engine_note_desc {
	const char *id;			/* stable: "RX-TRACER-KILLED" */
	const char *level;		/* SARIF: "warning" or "note" */
	const char *text;		/* what happened, once */
	const char *arg;		/* what arg is ("signal"), or NULL: none */
};
extern const struct engine_note_desc engine_note_descs[ENGINE_NOTE_COUNT];

#define ENGINE_MAX_NOTES 16

/* One kind (and arg) of problem: how often, and the first task hit. */
struct engine_note {
	enum engine_note_kind kind;
	int arg;
	unsigned long count;
	pid_t pid;
};

struct engine_result {
	int status;			/* rxtrace's exit status on success */
	unsigned long stops;		/* ptrace stops handled */
	unsigned long calls;		/* syscall entries handed to sinks */
	unsigned long tasks;		/* tasks seen */
	unsigned long hits;		/* library-call breakpoint hits */
	unsigned long unwatched;	/* processes beyond max_procs */
	char what[256];			/* context of a failure: "cannot attach to pid 1" */
	struct engine_note notes[ENGINE_MAX_NOTES];	/* in order of first sight */
	unsigned nnotes;
	unsigned long notes_lost;	/* occurrences of notes past the last slot */
};

/* The sentence of note N, with its count and first pid, into SB. */
void engine_note_text(const struct engine_note *n, struct sbuf *sb);

/* Resolve COMMAND like execvp does. Returns 0 with the path in BUF, or
 * -ENOENT (not found) / -EACCES (found, not executable). */
int engine_find_command(const char *cmd, char *buf, size_t len);

/* Trace until every tracee is gone, or until SIGINT/SIGTERM/SIGHUP with
 * -p. Returns 0 (RES->status set) or -errno with RES->what saying what
 * failed; no tracee is left stopped either way. */
int engine_run(const struct engine_cfg *cfg, struct engine_result *res);

#endif
