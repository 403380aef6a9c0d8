/* stackdl_lib - the shared library that stackdl_main dlopen()s (built as
 * libstackdl.so with -g -fPIC -shared).
 *
 * dl_entry -> dl_inner -> openat(AT_FDCWD, "/dev/null", O_RDONLY), then
 * close; dl_entry returns 0 when both succeeded. Call lines carry
 * "LINE:<caller>-call" markers (see stackchain.c).
 */
#pragma GCC optimize("O0")
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <fcntl.h>
#include <unistd.h>

int dl_entry(void);
int dl_inner(void);

/* volatile, and touched after each call: no tail calls */
static volatile int calls;

__attribute__((noinline)) int dl_inner(void)
{
	int fd = openat(AT_FDCWD, "/dev/null", O_RDONLY); /* LINE:dl_inner-call */

	calls++;
	if (fd < 0 || close(fd) < 0)
		return -1;
	return 0;
}

__attribute__((noinline)) int dl_entry(void)
{
	int r = dl_inner(); /* LINE:dl_entry-call */

	calls++;
	return r;
}
