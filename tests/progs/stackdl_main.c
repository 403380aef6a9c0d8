/* stackdl_main - tracee for the e2e stack tests (-k): a traced call made
 * from a dlopen()ed library.
 *
 *   stackdl_main LIB     LIB: path of libstackdl.so (built from
 *                        stackdl_lib.c with -g -fPIC -shared)
 *
 * dlopen()s LIB, looks up dl_entry and calls it; in the library dl_entry
 * -> dl_inner -> openat(AT_FDCWD, "/dev/null", O_RDONLY). The library is
 * mapped only after the program started, so a stack showing dl_inner and
 * dl_entry in LIB's module, then main here, proves that modules loaded
 * late are found. Call lines carry "LINE:<caller>-call" markers (see
 * stackchain.c). Prints "stackdl ok".
 */
#pragma GCC optimize("O0")
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* also set by config.h, included by the Makefile */
#endif
#include <dlfcn.h>
#include <stdio.h>

int main(int argc, char **argv)
{
	void *h;
	int (*entry)(void);
	int r;

	if (argc != 2) {
		fprintf(stderr, "usage: stackdl_main LIB\n");
		return 2;
	}
	h = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		fprintf(stderr, "stackdl_main: dlopen: %s\n", dlerror());
		return 1;
	}
	*(void **)&entry = dlsym(h, "dl_entry");
	if (!entry) {
		fprintf(stderr, "stackdl_main: dlsym: %s\n", dlerror());
		return 1;
	}
	r = entry(); /* LINE:main-call */
	if (r != 0) {
		fprintf(stderr, "stackdl_main: open/close of /dev/null failed\n");
		return 1;
	}
	printf("stackdl ok\n");
	return 0;
}
