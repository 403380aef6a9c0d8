/* baseline.h - an earlier rxtrace SARIF log as the baseline of this run
 * (--baseline), and the gate of --fail-on
 *
 * A current result and a previous one are the same finding when their
 * ruleId and partialFingerprints["rxtraceStackHash/v1"] are equal; they
 * are matched one to one, in the order of the previous log. A matched
 * finding is "updated" when its level or its primary location (uri and
 * startLine of locations[0]) changed, else "unchanged": a message alone
 * may carry run-time values (addresses, descriptors) and does not count.
 * Previous results that no current one matched come back as "absent".
 */
#ifndef RX_BASELINE_H
#define RX_BASELINE_H

#include <stdbool.h>
#include <stddef.h>

#include "rule_catalog.h"

/* Larger files are refused: a baseline is read whole into memory. */
#define BASELINE_MAX_SIZE (64u << 20)

/* rxtrace's exit status when the gate trips (the command's own failure
 * and rxtrace's, RX_EXIT_* in engine.h, come first). */
#define RX_EXIT_GATE 3

enum baseline_state {
	BASELINE_NONE,			/* no baseline given */
	BASELINE_NEW,
	BASELINE_UNCHANGED,
	BASELINE_UPDATED,
};

/* "new", "unchanged", "updated"; NULL for BASELINE_NONE. */
const char *baseline_state_name(enum baseline_state st);

/* What results are compared on; strings may be NULL (absent). */
struct baseline_key {
	const char *rule_id;
	const char *fingerprint;	/* rxtraceStackHash/v1 */
	const char *level;		/* NULL: SARIF's default, "warning" */
	const char *uri;		/* locations[0]'s artifactLocation.uri */
	long line;			/* its region.startLine, 0: none */
};

struct json_t;
struct baseline_entry;

struct baseline {
	struct json_t *log;
	struct baseline_entry *v;	/* the results, absent ones left out */
	size_t n, matched;
	size_t *bucket;			/* nbuckets chains of indexes into v */
	size_t nbuckets;
};

void baseline_init(struct baseline *b);
void baseline_release(struct baseline *b);

/* Parse TEXT (LEN bytes), an rxtrace SARIF 2.1.0 log, into B (which
 * holds nothing yet). Returns 0, or -EINVAL with the reason in ERR:
 * "not JSON (line N: ...)", "not a SARIF 2.1.0 log", "not an rxtrace
 * report (...)" or "JSON-PATH is not a TYPE". */
int baseline_parse(struct baseline *b, const char *text, size_t len,
		   char *err, size_t errlen);

/* Read and parse file PATH. Returns 0 or -errno with the reason in ERR
 * (strerror's text when it cannot be read, -EFBIG above
 * BASELINE_MAX_SIZE). */
int baseline_load(struct baseline *b, const char *path, char *err,
		  size_t errlen);

/* The state of the current result K, which takes the previous result it
 * matches (one with K's level and location first) out of B's unmatched
 * ones. */
enum baseline_state baseline_match(struct baseline *b,
				   const struct baseline_key *k);

/* Previous results no baseline_match took. */
static inline size_t baseline_absent_count(const struct baseline *b)
{
	return b->n - b->matched;
}

/* Append the previous results no baseline_match took to the JSON array
 * RESULTS, as results with baselineState "absent": their ruleId,
 * level, message, locations and partialFingerprints, and the ruleIndex
 * of the current catalogue when it still has the rule. Returns 0 or
 * -ENOMEM. */
int baseline_append_absent(const struct baseline *b, struct json_t *results);

/* --fail-on: when the gate trips. */
enum baseline_gate {
	BASELINE_GATE_NONE,
	BASELINE_GATE_NEW,		/* a new or updated finding */
	BASELINE_GATE_NOTE,		/* a finding at this level or above */
	BASELINE_GATE_WARNING,
	BASELINE_GATE_ERROR,
};

/* The gate named NAME ("none", "new", "note", "warning", "error"), or
 * -EINVAL. */
int baseline_gate_parse(const char *name);
const char *baseline_gate_name(enum baseline_gate g);

/* Whether a reported finding at LEVEL in state ST trips gate G; without
 * a baseline (BASELINE_NONE) every finding is new. */
bool baseline_gate_trips(enum baseline_gate g, enum rule_level level,
			 enum baseline_state st);

#endif
