/* suppress.h - suppression files: findings a team has accepted
 *
 * One suppression a line; '#' starts a comment; blank lines are skipped:
 *
 *   RULES [FIELD=GLOB ...]
 *
 * RULES is a comma-separated list of rule ids and globs, as --rules takes
 * it. Every FIELD given must match (fnmatch(3) globs; '*' matches '/'):
 *
 *   func=GLOB     the function of the finding's call site
 *   module=GLOB   the call site's module: its path or its file name
 *   file=GLOB     the call site's source file
 *   key=GLOB      the finding's key (a path, a variable name, a request)
 *   exe=GLOB      the executable of the process
 *
 * For example:
 *   RX-LIB-004 func=backoff_jitter     # not used for secrets
 *   RX-FILE-005 exe=/usr/bin/ssh key=/home/ci/.ssh/id_*
 *   RX-* module=libvendor.so*
 */
#ifndef RX_SUPPRESS_H
#define RX_SUPPRESS_H

#include <stdbool.h>
#include <stddef.h>

#include "finding.h"
#include "rule_catalog.h"

enum suppress_field {
	SUPPRESS_FUNC, SUPPRESS_MODULE, SUPPRESS_FILE, SUPPRESS_KEY,
	SUPPRESS_EXE, SUPPRESS_NFIELDS
};

struct suppression {
	struct rule_set rules;
	char *glob[SUPPRESS_NFIELDS];	/* NULL: any */
	unsigned line;			/* in the file, for messages */
};

struct suppress_list {
	struct suppression *v;
	size_t n;
};

void suppress_init(struct suppress_list *sl);
void suppress_release(struct suppress_list *sl);

/* Parse TEXT (LEN bytes) into SL. On a bad line returns -EINVAL with
 * "LINE: what is wrong" in ERR, SL unchanged. */
int suppress_parse(struct suppress_list *sl, const char *text, size_t len,
		   char *err, size_t errlen);

/* Read and parse file PATH. Returns 0, -errno when it cannot be read,
 * or -EINVAL with "PATH:LINE: what is wrong" in ERR. */
int suppress_load(struct suppress_list *sl, const char *path, char *err,
		  size_t errlen);

/* The first suppression that matches F, or NULL. */
const struct suppression *suppress_match(const struct suppress_list *sl,
					 const struct finding *f);

#endif
