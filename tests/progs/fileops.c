/* fileops - tracee for the e2e tests: a fixed sequence of file syscalls
 * on files under the directory given as argv[1].
 *
 *   fileops DIR
 *
 * Creates DIR/sub, writes DIR/sub/a.txt (a 53-byte payload, longer than
 * the default -s 32 limit), reads it back, stats it, chmods it to 0600,
 * renames it to DIR/sub/b.txt, unlinks it and removes DIR/sub again, so
 * DIR is left as it was. Prints only "fileops ok" on stdout; any failure
 * goes to stderr with exit status 1.
 *
 * Syscalls made (x86-64, glibc): mkdir, openat (O_WRONLY|O_CREAT|O_TRUNC,
 * 0644), write, close, openat (O_RDONLY), read, close, newfstatat (stat),
 * chmod, newfstatat, rename, unlink, rmdir.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* also set by config.h, included by the Makefile */
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

/* 53 bytes: tests rely on this text and length (-s truncation). */
#define PAYLOAD "fileops payload 0123456789abcdefghijklmnopqrstuvwxyz\n"

static void die(const char *what, const char *path)
{
	fprintf(stderr, "fileops: %s %s: %s\n", what, path, strerror(errno));
	exit(1);
}

int main(int argc, char **argv)
{
	char sub[2048], a[4096], b[4096], buf[128];
	struct stat st;
	ssize_t n;
	int fd;

	if (argc != 2) {
		fprintf(stderr, "usage: fileops DIR\n");
		return 2;
	}
	if (strlen(argv[1]) > 1024) {
		fprintf(stderr, "fileops: directory name too long\n");
		return 2;
	}
	snprintf(sub, sizeof(sub), "%s/sub", argv[1]);
	snprintf(a, sizeof(a), "%s/a.txt", sub);
	snprintf(b, sizeof(b), "%s/b.txt", sub);

	if (mkdir(sub, 0755) < 0)
		die("mkdir", sub);

	fd = open(a, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		die("open", a);
	n = write(fd, PAYLOAD, strlen(PAYLOAD));
	if (n != (ssize_t)strlen(PAYLOAD))
		die("write", a);
	if (close(fd) < 0)
		die("close", a);

	fd = open(a, O_RDONLY);
	if (fd < 0)
		die("open", a);
	n = read(fd, buf, sizeof(buf));
	if (n != (ssize_t)strlen(PAYLOAD) || memcmp(buf, PAYLOAD, (size_t)n)) {
		errno = EIO;
		die("read back", a);
	}
	if (close(fd) < 0)
		die("close", a);

	if (stat(a, &st) < 0)
		die("stat", a);
	if (st.st_size != (off_t)strlen(PAYLOAD)) {
		errno = EIO;
		die("size of", a);
	}
	if (chmod(a, 0600) < 0)
		die("chmod", a);
	if (stat(a, &st) < 0)
		die("stat", a);
	if ((st.st_mode & 07777) != 0600) {
		errno = EIO;
		die("mode of", a);
	}
	if (rename(a, b) < 0)
		die("rename", a);
	if (unlink(b) < 0)
		die("unlink", b);
	if (rmdir(sub) < 0)
		die("rmdir", sub);

	printf("fileops ok\n");
	return 0;
}
