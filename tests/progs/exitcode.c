/* exitcode - tracee for the e2e exit status tests.
 *
 *   exitcode N     exit with status N (0..255); no output
 */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	char *end;
	long v;

	if (argc != 2) {
		fprintf(stderr, "usage: exitcode N\n");
		return 2;
	}
	v = strtol(argv[1], &end, 10);
	if (*end || end == argv[1] || v < 0 || v > 255) {
		fprintf(stderr, "exitcode: bad status '%s'\n", argv[1]);
		return 2;
	}
	exit((int)v);
}
