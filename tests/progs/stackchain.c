/* stackchain - tracee for the e2e stack tests (-k): a known call chain
 * down to one traced call.
 *
 *   stackchain           main -> level1 -> level2 -> level3 -> openat
 *   stackchain threads   3 threads, each thread_fn -> t_level1 ->
 *                        t_level2 -> openat; the main thread only starts
 *                        and joins them
 *   stackchain loop N    main -> level1 ... every 10 ms, N times, so that
 *                        rxtrace -p can attach meanwhile; prints
 *                        "stackchain ok" at the end (it ran on unharmed)
 *
 * The traced call is openat(AT_FDCWD, "/dev/null", O_RDONLY), followed by
 * its close; nothing else opens /dev/null, so in a trace the stack printed
 * after that openat line is the chain above (innermost first: libc's
 * openat wrapper, level3, level2, level1, main, libc's start code, _start).
 * Every call line of the chain carries a marker comment "LINE:<caller>-call"
 * so that tests find the expected line numbers with grep -n instead of
 * hard-coding them: keep one marker per line and one line per call.
 *
 * The pragma keeps every function unoptimized whatever CFLAGS say (the
 * build appends -O2 after the per-target flags), so that each function
 * keeps its own frame and every return address maps to its call line.
 * The same source also builds the stripped, non-PIE and static twins
 * (stackchain-stripped, stackchain-nopie, stackchain-static).
 * Prints "stackchain ok".
 */
#pragma GCC optimize("O0")
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* also set by config.h, included by the Makefile */
#endif
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NTHREADS 3

static pthread_barrier_t barrier;

/* volatile, and touched after each call: no call becomes a tail call
 * (which would drop the caller's frame) even if optimized after all */
static volatile int failures;

__attribute__((noinline)) void level3(void)
{
	int fd = openat(AT_FDCWD, "/dev/null", O_RDONLY); /* LINE:level3-call */

	if (fd < 0 || close(fd) < 0)
		failures++;
}

__attribute__((noinline)) void level2(void)
{
	level3(); /* LINE:level2-call */
	failures += 0;
}

__attribute__((noinline)) void level1(void)
{
	level2(); /* LINE:level1-call */
	failures += 0;
}

__attribute__((noinline)) void t_level2(void)
{
	int fd = openat(AT_FDCWD, "/dev/null", O_RDONLY); /* LINE:t_level2-call */

	if (fd < 0 || close(fd) < 0)
		failures++;
}

__attribute__((noinline)) void t_level1(void)
{
	t_level2(); /* LINE:t_level1-call */
	failures += 0;
}

__attribute__((noinline)) void *thread_fn(void *arg)
{
	pthread_barrier_wait(&barrier);
	t_level1(); /* LINE:thread_fn-call */
	failures += 0;
	return arg;
}

__attribute__((noinline)) static int run_threads(void)
{
	pthread_t tids[NTHREADS];
	int r;

	pthread_barrier_init(&barrier, NULL, NTHREADS);
	for (int i = 0; i < NTHREADS; i++) {
		r = pthread_create(&tids[i], NULL, thread_fn, NULL);
		if (r) {
			fprintf(stderr, "stackchain: pthread_create: %s\n", strerror(r));
			return 1;
		}
	}
	for (int i = 0; i < NTHREADS; i++) {
		r = pthread_join(tids[i], NULL);
		if (r) {
			fprintf(stderr, "stackchain: pthread_join: %s\n", strerror(r));
			return 1;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	int threads = argc == 2 && strcmp(argv[1], "threads") == 0;
	int loop = argc == 3 && strcmp(argv[1], "loop") == 0;

	if (argc > 1 && !threads && !loop) {
		fprintf(stderr, "usage: stackchain [threads | loop N]\n");
		return 2;
	}
	if (loop) {
		for (long n = atol(argv[2]); n > 0; n--) {
			level1(); /* LINE:main-loop-call */
			usleep(10000);
		}
	} else if (threads) {
		if (run_threads())
			return 1;
	} else {
		level1(); /* LINE:main-call */
	}
	if (failures) {
		fprintf(stderr, "stackchain: %d open/close calls failed\n", failures);
		return 1;
	}
	printf("stackchain ok\n");
	return 0;
}
