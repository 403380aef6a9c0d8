/* spinner - multi-threaded long runner for the e2e attach (-p) tests.
 *
 *   spinner THREADS ITERS [PIDFILE [HOLDFILE [SLEEP_US]]]
 *
 * Starts THREADS threads; each makes ITERS iterations of: getppid()
 * (checked against the parent pid read at start), a short nanosleep
 * (SLEEP_US microseconds, default 1000) and a step of a checksum. Once
 * every thread has started, the process id is written to PIDFILE
 * (atomically: PIDFILE.tmp, then rename), so a test can attach to a
 * process whose threads all exist.
 *
 * HOLDFILE, when given, pauses each thread halfway (after ITERS/2
 * iterations) for as long as that file exists; while held, threads keep
 * calling getppid() and nanosleep (at least 1 ms) so there is always
 * something to trace. A test can thus attach and detach as often as it
 * likes and then remove the file to let the spinner finish, without any
 * timing assumptions. "-" or "" skips PIDFILE or HOLDFILE.
 *
 * At the end it prints "spinner ok CHECKSUM", CHECKSUM being a function
 * of THREADS and ITERS only (run "spinner T I - - 0" for the expected
 * value), or "spinner BAD N" and exits 1 when N calls returned something
 * wrong (getppid() changed or nanosleep failed other than with EINTR):
 * that is what a tracer that corrupts registers on attach/detach causes.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* also set by config.h, included by the Makefile */
#endif
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "number.h"

static long iters;
static long sleep_us = 1000;
static const char *holdfile;
static pid_t ppid0;
static pthread_barrier_t started;

struct worker {
	pthread_t th;
	unsigned idx;
	uint64_t sum;
	long bad;
};

static void nap(long us, long *bad)
{
	struct timespec ts = { us / 1000000, (us % 1000000) * 1000 };

	if (nanosleep(&ts, NULL) < 0 && errno != EINTR)
		(*bad)++;
}

static void tick(long *bad)
{
	if (getppid() != ppid0)
		(*bad)++;
}

static void *work(void *arg)
{
	struct worker *w = arg;
	uint64_t x = 0x9e3779b97f4a7c15ULL * (w->idx + 1);

	pthread_barrier_wait(&started);
	for (long i = 0; i < iters; i++) {
		if (holdfile && i == iters / 2) {
			while (access(holdfile, F_OK) == 0) {
				tick(&w->bad);
				nap(sleep_us > 1000 ? sleep_us : 1000, &w->bad);
			}
		}
		tick(&w->bad);
		nap(sleep_us, &w->bad);
		x ^= (uint64_t)i;
		x *= 0x100000001b3ULL;
		x ^= x >> 29;
	}
	w->sum = x;
	return NULL;
}

static int write_pidfile(const char *path)
{
	char tmp[4096];
	FILE *f;

	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	f = fopen(tmp, "w");
	if (!f || fprintf(f, "%ld\n", (long)getpid()) < 0 || fclose(f) != 0 ||
	    rename(tmp, path) < 0) {
		fprintf(stderr, "spinner: cannot write %s: %s\n", path,
			strerror(errno));
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *pidfile = NULL;
	struct worker *w;
	uint64_t total;
	long nthreads, bad = 0;
	int r;

	if (argc < 3 || argc > 6) {
		fprintf(stderr,
			"usage: spinner THREADS ITERS [PIDFILE [HOLDFILE [SLEEP_US]]]\n");
		return 2;
	}
	nthreads = prog_number("spinner", argv[1], 1, 1000);
	iters = prog_number("spinner", argv[2], 0, 1L << 40);
	if (argc > 3 && argv[3][0] && strcmp(argv[3], "-"))
		pidfile = argv[3];
	if (argc > 4 && argv[4][0] && strcmp(argv[4], "-"))
		holdfile = argv[4];
	if (argc > 5)
		sleep_us = prog_number("spinner", argv[5], 0, 10 * 1000 * 1000);

	ppid0 = getppid();
	w = calloc((size_t)nthreads, sizeof(*w));
	if (!w)
		return 1;
	pthread_barrier_init(&started, NULL, (unsigned)nthreads + 1);
	for (long i = 0; i < nthreads; i++) {
		w[i].idx = (unsigned)i;
		r = pthread_create(&w[i].th, NULL, work, &w[i]);
		if (r) {
			fprintf(stderr, "spinner: pthread_create: %s\n", strerror(r));
			return 1;
		}
	}
	pthread_barrier_wait(&started);
	if (pidfile && write_pidfile(pidfile) < 0)
		return 1;

	total = (uint64_t)nthreads;
	for (long i = 0; i < nthreads; i++) {
		r = pthread_join(w[i].th, NULL);
		if (r) {
			fprintf(stderr, "spinner: pthread_join: %s\n", strerror(r));
			return 1;
		}
		total = total * 31 + w[i].sum;
		bad += w[i].bad;
	}
	if (bad) {
		printf("spinner BAD %ld\n", bad);
		return 1;
	}
	printf("spinner ok %016" PRIx64 "\n", total);
	return 0;
}
