/* rule_lib.h - the pure classifiers of the LIB rules (rule_lib.c) */
#ifndef RX_RULE_LIB_H
#define RX_RULE_LIB_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

/*
 * The first conversion of scanf format FMT that stores an unbounded
 * string: %s, %[...] or %S (%ls) with no width, no assignment suppression
 * (*) and no allocation (m). Returns its offset in FMT (the '%') and its
 * length in *LEN, or -1 when every string conversion is bounded.
 */
int rule_lib_scanf_unbounded(const char *fmt, size_t *len);

enum rule_lib_seed {
	SEED_OTHER,		/* nothing says it is predictable */
	SEED_TIME,		/* within 2 s of the wall clock: time(NULL) */
	SEED_PID,		/* the process id */
	SEED_CONSTANT,		/* a small constant */
};

/* What SEED, given to srand() (only its low 32 bits count) or srand48()
 * at wall-clock time NOW by process PID, looks like. */
enum rule_lib_seed rule_lib_seed_kind(uint64_t seed, int bits, pid_t pid,
				      time_t now);

#endif
