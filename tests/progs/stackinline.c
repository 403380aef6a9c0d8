/* stackinline - tracee for the e2e stack tests (-k): a traced call made
 * from an inlined function.
 *
 *   stackinline    main -> outer -> [inl_open, inlined into outer] ->
 *                  openat(AT_FDCWD, "/dev/null", O_RDONLY), then close
 *
 * Built optimized (the pragma below, whatever CFLAGS say): inl_open is
 * always_inline, so it has no code or frame of its own; only the DWARF
 * (a DW_TAG_inlined_subroutine in outer) tells that the openat call sits
 * in inl_open. A stack with source lines shows an "inl_open ... (inlined
 * into outer)" frame, at the same pc as the outer frame that follows it.
 * outer is noinline and noclone (no "outer.constprop.0"), and uses the
 * result after each call, so neither call becomes a tail call. Call lines
 * carry "LINE:<caller>-call" markers (see stackchain.c). Prints
 * "stackinline ok".
 */
#pragma GCC optimize("O2")
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* also set by config.h, included by the Makefile */
#endif
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

static volatile int opened;

static inline __attribute__((always_inline)) int inl_open(const char *path)
{
	int fd = openat(AT_FDCWD, path, O_RDONLY); /* LINE:inl_open-call */

	opened++;
	return fd;
}

__attribute__((noinline, noclone)) int outer(const char *path)
{
	int fd = inl_open(path); /* LINE:outer-call */

	if (fd < 0)
		return -1;
	return close(fd) + opened;
}

int main(void)
{
	int r = outer("/dev/null"); /* LINE:main-call */

	if (r != 1) {
		fprintf(stderr, "stackinline: open/close of /dev/null failed\n");
		return 1;
	}
	printf("stackinline ok\n");
	return 0;
}
