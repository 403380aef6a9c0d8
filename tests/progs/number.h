/* number.h - the argument parser shared by tracee programs: a decimal in
 * [MIN, MAX] filling S, else "PROG: bad number 'S'" and exit status 2. */
#ifndef PROGS_NUMBER_H
#define PROGS_NUMBER_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

static inline long prog_number(const char *prog, const char *s, long min,
			       long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || end == s || v < min || v > max) {
		fprintf(stderr, "%s: bad number '%s'\n", prog, s);
		exit(2);
	}
	return v;
}

#endif
