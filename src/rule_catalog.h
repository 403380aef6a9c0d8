/* rule_catalog.h - the rule catalogue (rules.def): ids, levels, CWEs and
 * texts behind --list-rules, --rules/--disable and SARIF's rules[] */
#ifndef RX_RULE_CATALOG_H
#define RX_RULE_CATALOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* SARIF levels, least severe first so that levels compare with <. */
enum rule_level { RULE_NOTE, RULE_WARNING, RULE_ERROR };

enum rule_group {
	RULE_GROUP_ENV,		/* environment and arguments */
	RULE_GROUP_PROC,	/* processes, credentials, kernel interfaces */
	RULE_GROUP_MEM,
	RULE_GROUP_NET,
	RULE_GROUP_FILE,
	RULE_GROUP_LIB,		/* library calls, seen with breakpoints */
	RULE_GROUP_COUNT
};

/* The default profile enables stable rules only. */
enum rule_maturity { RULE_STABLE, RULE_EXPERIMENTAL };

/* cwe[0] of a rule no CWE describes (RULES.md writes a dash). */
#define RULE_NO_CWE 0
/* Most CWEs a rule lists: the primary one and its related ones. */
#define RULE_MAX_CWE 4

struct rule_def {
	const char *id;			/* "RX-LIB-001" */
	const char *name;		/* "UnboundedStringCopy" */
	enum rule_group group;
	unsigned core;			/* n of [CORE-n], 0 when not a core risk */
	const char *title;		/* plain text */
	enum rule_level level;		/* default level */
	double severity;		/* default security-severity, 0.0-10.0 */
	/* Primary CWE first, then the related ones; unused slots are 0,
	 * and cwe[0] == RULE_NO_CWE means none fits. */
	uint16_t cwe[RULE_MAX_CWE];
	const char *mech;		/* mechanism letters as in RULES.md: "B,P" */
	enum rule_maturity maturity;
	const char *description;	/* what is detected and why it matters */
	const char *help;		/* what to do instead */
};

/* Each rule's index by name, for rule code: rule_defs[RULE_IDX_GetsCall]. */
enum rule_idx {
#define RULE(id, name, ...) RULE_IDX_##name,
#include "rules.def"
#undef RULE
	RULE_COUNT
};

extern const struct rule_def rule_defs[];	/* RULES.md order */
extern const unsigned rule_ndefs;		/* == RULE_COUNT */

/* The rule with ID, compared case-insensitively as on the command line;
 * NULL when there is none. */
const struct rule_def *rule_by_id(const char *id);
/* The index of R in rule_defs, or -EINVAL when R is not a row of it. */
int rule_index(const struct rule_def *r);

/* "note", "warning", "error"; NULL for a value outside the enum. */
const char *rule_level_name(enum rule_level level);
/* A level from its name (any case), or -EINVAL. */
int rule_level_parse(const char *name);
/* The level RULES.md ties to a security-severity: >= 7.0 error,
 * 4.0 to 6.9 warning, below 4.0 note. */
enum rule_level rule_level_for_severity(double severity);

/* "ENV", "PROC", ...: the group part of a rule id; NULL when invalid. */
const char *rule_group_name(enum rule_group group);
/* "stable", "experimental": the maturity tag; NULL when invalid. */
const char *rule_maturity_name(enum rule_maturity maturity);

/* A selection of rules: bit i is rule_defs[i]. */
#define RULE_SET_MAX 128
_Static_assert(RULE_COUNT <= RULE_SET_MAX, "raise RULE_SET_MAX");

struct rule_set {
	uint64_t bits[RULE_SET_MAX / 64];
};

void rule_set_empty(struct rule_set *rs);
/* The default profile: the stable rules. */
void rule_set_default(struct rule_set *rs);
/* Remove from RS every rule of DROP (for --disable). */
void rule_set_remove(struct rule_set *rs, const struct rule_set *drop);

static inline bool rule_set_has(const struct rule_set *rs, unsigned idx)
{
	return idx < RULE_SET_MAX && (rs->bits[idx / 64] >> (idx % 64) & 1);
}

static inline void rule_set_add(struct rule_set *rs, unsigned idx)
{
	if (idx < RULE_SET_MAX)
		rs->bits[idx / 64] |= UINT64_C(1) << (idx % 64);
}

/*
 * Parse a comma-separated list of rule ids and fnmatch(3) globs, both
 * case-insensitive ("RX-LIB-001", "rx-net-00?", "RX-LIB-*"), into RS:
 * the rules --rules= enables, or --disable= removes. An unknown id
 * ("unknown rule 'RX-FOO-001'"), a glob that matches no rule ("no rule
 * matches 'RX-FOO-*'"), an empty list or item and whitespace are
 * errors. Returns 0, or -EINVAL with a message in ERR; RS is left
 * untouched on error.
 */
int rule_set_parse(struct rule_set *rs, const char *spec, char *err,
		   size_t errlen);

/* Append the --list-rules text to SB: a header, then one line per rule
 * in fixed-width columns: id, level, security-severity, primary CWE
 * ("CWE-120", "-" for none), whether the default profile runs it ("on":
 * stable, "off": experimental, "-": IMPLEMENTED says this version has no
 * code for it), name, title. */
void rule_format_list(struct sbuf *sb, bool (*implemented)(unsigned idx));

#endif
