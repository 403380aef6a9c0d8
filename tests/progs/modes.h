/* modes.h - the main() shared by risky tracees whose modes are a table:
 * argv[1] names a mode, "MODE-ok" runs its benign twin. Exit status 0
 * and "risky ok" when the mode's function returns 0, 1 when it fails,
 * 2 for a usage error or an unknown mode (the e2e scripts rely on these).
 */
#ifndef RISKY_MODES_H
#define RISKY_MODES_H

#include <stdio.h>
#include <string.h>

struct mode {
	const char *name;
	int (*fn)(int safe);	/* safe: the benign twin; nonzero: failed */
};

static inline int modes_main(const char *prog, const struct mode *tab,
			     size_t ntab, int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s MODE\n", prog);
		return 2;
	}
	const char *m = argv[1];
	size_t n = strlen(m);
	int safe = n > 3 && !strcmp(m + n - 3, "-ok");
	if (safe)
		n -= 3;
	for (size_t i = 0; i < ntab; i++) {
		if (strlen(tab[i].name) != n || strncmp(m, tab[i].name, n))
			continue;
		if (tab[i].fn(safe)) {
			fprintf(stderr, "%s %s failed\n", prog, m);
			return 1;
		}
		printf("risky ok\n");
		return 0;
	}
	fprintf(stderr, "%s: unknown mode %s\n", prog, m);
	return 2;
}

#endif
