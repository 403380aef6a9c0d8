/* threads - tracee for the e2e follow tests: many threads, each making
 * the same traced call.
 *
 *   threads [N [M]]     N threads (default 4), M rounds (default 10)
 *
 * Every thread opens "/dev/null" (open(O_RDONLY), i.e. openat(AT_FDCWD,
 * "/dev/null", O_RDONLY)) and closes it M times; the threads start
 * together behind a barrier so their calls interleave. The main thread
 * itself never opens /dev/null, so a tracer must show exactly N*M such
 * openat calls from N distinct thread ids. Prints "threads ok N".
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* also set by config.h, included by the Makefile */
#endif
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "number.h"

static pthread_barrier_t barrier;
static int rounds = 10;

static void *worker(void *arg)
{
	long bad = 0;

	pthread_barrier_wait(&barrier);
	for (int i = 0; i < rounds; i++) {
		int fd = open("/dev/null", O_RDONLY);
		if (fd < 0 || close(fd) < 0)
			bad++;
	}
	return (void *)bad;
}

int main(int argc, char **argv)
{
	int nthreads = 4;
	pthread_t *tids;
	long bad = 0;
	int r;

	if (argc > 1)
		nthreads = (int)prog_number("threads", argv[1], 1, 1000);
	if (argc > 2)
		rounds = (int)prog_number("threads", argv[2], 1, 1000000);

	tids = calloc((size_t)nthreads, sizeof(*tids));
	if (!tids)
		return 1;
	pthread_barrier_init(&barrier, NULL, (unsigned)nthreads);
	for (int i = 0; i < nthreads; i++) {
		r = pthread_create(&tids[i], NULL, worker, NULL);
		if (r) {
			fprintf(stderr, "threads: pthread_create: %s\n", strerror(r));
			return 1;
		}
	}
	for (int i = 0; i < nthreads; i++) {
		void *ret;
		r = pthread_join(tids[i], &ret);
		if (r) {
			fprintf(stderr, "threads: pthread_join: %s\n", strerror(r));
			return 1;
		}
		bad += (long)ret;
	}
	if (bad) {
		fprintf(stderr, "threads: %ld open/close calls failed\n", bad);
		return 1;
	}
	printf("threads ok %d\n", nthreads);
	return 0;
}
