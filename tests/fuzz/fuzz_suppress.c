/* fuzz_suppress.c - the suppression-file parser on any bytes
 *
 * The input is a suppression file, parsed from the buffer and again
 * through suppress_load (a memfd named by its /proc path): both must
 * agree, a failure must leave the list empty with a message, and the
 * suppressions parsed are matched against a few findings.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "suppress.h"

static void fuzz_check_err(int r, const struct suppress_list *sl, const char *err)
{
	if (r < 0 && (sl->n != 0 || !err[0]))
		abort();
	if (r == 0 && err[0])
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int fd = -1;
	static char path[64];
	static struct finding_frame fr[2] = {
		{ .module = (char *)"/usr/lib/x86_64-linux-gnu/libc.so.6",
		  .func = (char *)"strcpy" },
		{ .module = (char *)"/opt/app/libvendor.so.1", .func = (char *)"copy_name",
		  .file = (char *)"src/name.c" },
	};
	struct finding f;
	struct suppress_list a, b;
	char err[256] = "", ferr[512] = "";

	if (fd < 0) {
		fd = memfd_create("suppress", MFD_CLOEXEC);
		if (fd < 0)
			abort();
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	}
	suppress_init(&a);
	suppress_init(&b);
	int ra = suppress_parse(&a, (const char *)data, size, err, sizeof(err));
	fuzz_check_err(ra, &a, err);

	if (ftruncate(fd, 0) < 0 ||
	    pwrite(fd, data, size, 0) != (ssize_t)size)
		abort();
	int rb = suppress_load(&b, path, ferr, sizeof(ferr));
	fuzz_check_err(rb, &b, ferr);
	if (ra != rb || a.n != b.n)
		abort();

	memset(&f, 0, sizeof(f));
	f.frames = fr;
	f.nframes = 2;
	f.key = (char *)"/home/ci/.ssh/id_rsa";
	f.exe = (char *)"/usr/bin/ssh";
	for (unsigned i = 0; i < rule_ndefs; i++) {
		f.rule = i;
		f.site = (int)(i % 3) - 1;
		const struct suppression *s = suppress_match(&a, &f);
		const struct suppression *t = suppress_match(&b, &f);
		if ((s == NULL) != (t == NULL) || (s && s->line != t->line))
			abort();
	}
	suppress_release(&a);
	suppress_release(&b);
	return 0;
}
