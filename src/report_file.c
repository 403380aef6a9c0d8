/* report_file.c - reports written atomically: a temporary file in the
 * target's directory, renamed over the target once complete, so that a
 * reader (or a crash, or ^C) never sees half a report */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report.h"
#include "util.h"

int report_file_open(struct report_file *rf, const char *path)
{
	memset(rf, 0, sizeof(*rf));
	/* A device or a FIFO (/dev/null, /dev/stderr, a named pipe) is
	 * written in place: renaming over it would replace the node. */
	struct stat st;
	if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode)) {
		int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
		if (fd < 0)
			return -errno;
		if (!(rf->fp = fdopen(fd, "w"))) {
			int e = -errno;
			close(fd);
			return e;
		}
		rf->path = path;
		return 0;
	}
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash ? (size_t)(slash - path + 1) : 0;
	/* mkostemp creates with O_EXCL: a planted symlink is never followed */
	size_t n = strlen(path) + 16;
	rf->tmp = xmalloc(n);
	snprintf(rf->tmp, n, "%.*s.%s.XXXXXX", (int)dirlen, path,
		 path + dirlen);
	int fd = mkostemp(rf->tmp, O_CLOEXEC);
	if (fd < 0) {
		int e = -errno;
		free(rf->tmp);
		rf->tmp = NULL;
		return e;
	}
	/* mkostemp's 0600 stays: a report may say more than its directory */
	rf->fp = fdopen(fd, "w");
	if (!rf->fp) {
		int e = -errno;
		close(fd);
		report_file_abort(rf);
		return e;
	}
	rf->path = path;
	return 0;
}

int report_file_commit(struct report_file *rf)
{
	int r = 0;
	if (fflush(rf->fp) == EOF || ferror(rf->fp) ||
	    (rf->tmp && fsync(fileno(rf->fp)) < 0))
		r = errno ? -errno : -EIO;
	if (fclose(rf->fp) == EOF && !r)
		r = -errno;
	rf->fp = NULL;
	if (!rf->tmp)
		return r;	/* written in place */
	if (!r && rename(rf->tmp, rf->path) < 0)
		r = -errno;
	if (r)
		unlink(rf->tmp);
	free(rf->tmp);
	rf->tmp = NULL;
	return r;
}

void report_file_abort(struct report_file *rf)
{
	if (rf->fp)
		fclose(rf->fp);
	if (rf->tmp) {
		unlink(rf->tmp);
		free(rf->tmp);
	}
	memset(rf, 0, sizeof(*rf));
}
