/* difftest - tracee for the differential test against strace: a fixed,
 * deterministic sequence of syscalls whose decoding both tracers must
 * print identically (after normalising pids and addresses).
 *
 *   difftest DIR       DIR must exist and be empty; it is empty again at
 *                      the end. Only "difftest ok\n" is written to
 *                      stdout (with a plain write(2), no stdio, so no
 *                      buffering-related fstat shows up).
 *
 * Calls, in order (x86-64, glibc 2.36 wrappers noted where they matter):
 *   umask(022)
 *   openat(AT_FDCWD, DIR/data.txt, O_WRONLY|O_CREAT|O_TRUNC, 0644) = 3
 *   write(3, TEXT, 51)  TEXT has \n, \t, \1, \177, \377 and is > 32 bytes
 *   lseek(3, 0, SEEK_CUR) = 51; close(3)
 *   openat(..., O_RDONLY|O_CLOEXEC) = 3; fstat(3) (raw SYS_fstat)
 *   read(3, 16) = 16; read(3, 256) = 35; read(3, 256) = 0
 *   lseek(3, 5, SEEK_SET); lseek(3, 0, SEEK_END)
 *   dup(3) = 4; dup2(4, 10) = 10; close(10); close(4); close(3)
 *   close(-1) = -1 EBADF
 *   openat(DIR/missing.txt, O_RDONLY) = -1 ENOENT
 *   access(data.txt, R_OK|W_OK) = 0; access(missing.txt, F_OK) = -1 ENOENT
 *   newfstatat(data.txt, 0) (stat) = 0
 *   newfstatat(missing.txt, AT_SYMLINK_NOFOLLOW) (lstat) = -1 ENOENT
 *   mkdir(DIR/sub, 0755) = 0; mkdir(DIR/sub, 0700) = -1 EEXIST
 *   rmdir(DIR/sub) = 0
 *   unlink(missing.txt) = -1 ENOENT
 *   chmod(data.txt, 0600) = 0; chmod(missing.txt, 0644) = -1 ENOENT
 *   rename(data.txt, renamed.txt) = 0
 *   pipe2([3, 4], O_CLOEXEC) = 0; write(4, "pipe\0data", 9); read(3, 64)
 *   close(4); close(3)
 *   socket(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC, 0) = 3
 *   connect(3, {AF_UNIX, DIR/nosock}) = -1 ENOENT; close(3)
 *   socket(AF_INET, SOCK_STREAM, 0) = 3
 *   connect(3, {AF_INET, 127.0.0.1:1}) = -1 ECONNREFUSED; close(3)
 *   getpid(); kill(getpid(), 0) = 0
 *   umask(077) = 022
 *   mprotect(page, 4096, PROT_READ) = 0
 *   mprotect(page + 1, 4096, PROT_READ|PROT_WRITE) = -1 EINVAL
 *   uname() = 0
 *   unlink(renamed.txt) = 0
 *   write(1, "difftest ok\n", 12)
 * (plus whatever the dynamic loader does before main). Exit status 0 if
 * every call returned what it should, 1 otherwise (reported on stderr).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* also set by config.h, included by the Makefile */
#endif
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/un.h>
#include <sys/utsname.h>
#include <unistd.h>

#define TEXT "line one\n\ttabbed\1\177\377 end of a buffer longer than 32\n"

static int failures;

/* Record an unexpected result; the sequence goes on regardless so both
 * tracers still see the same calls. */
static void expect(const char *what, long got, long want, int want_errno)
{
	int e = errno;

	if (got != want || (want == -1 && e != want_errno)) {
		fprintf(stderr, "difftest: %s: got %ld (%s), want %ld%s%s\n",
			what, got, got < 0 ? strerror(e) : "ok", want,
			want == -1 ? " " : "",
			want == -1 ? strerror(want_errno) : "");
		failures++;
	}
}

int main(int argc, char **argv)
{
	char data[4096], renamed[4096], missing[4096], sub[4096];
	struct sockaddr_un sun;
	struct sockaddr_in sin;
	struct utsname uts;
	struct stat st;
	char buf[256];
	int fd, p[2];
	long r;
	char *page;

	if (argc != 2) {
		fprintf(stderr, "usage: difftest DIR\n");
		return 2;
	}
	snprintf(data, sizeof(data), "%s/data.txt", argv[1]);
	snprintf(renamed, sizeof(renamed), "%s/renamed.txt", argv[1]);
	snprintf(missing, sizeof(missing), "%s/missing.txt", argv[1]);
	snprintf(sub, sizeof(sub), "%s/sub", argv[1]);

	umask(022);

	/* write a file */
	fd = open(data, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	expect("open data.txt for writing", fd, 3, 0);
	r = write(fd, TEXT, sizeof(TEXT) - 1);
	expect("write", r, (long)sizeof(TEXT) - 1, 0);
	r = lseek(fd, 0, SEEK_CUR);
	expect("lseek SEEK_CUR", r, (long)sizeof(TEXT) - 1, 0);
	expect("close", close(fd), 0, 0);

	/* read it back */
	fd = open(data, O_RDONLY | O_CLOEXEC);
	expect("open data.txt", fd, 3, 0);
	expect("fstat", syscall(SYS_fstat, fd, &st), 0, 0);
	expect("read 16", read(fd, buf, 16), 16, 0);
	expect("read rest", read(fd, buf, sizeof(buf)),
	       (long)sizeof(TEXT) - 1 - 16, 0);
	expect("read at eof", read(fd, buf, sizeof(buf)), 0, 0);
	expect("lseek SEEK_SET", lseek(fd, 5, SEEK_SET), 5, 0);
	expect("lseek SEEK_END", lseek(fd, 0, SEEK_END),
	       (long)sizeof(TEXT) - 1, 0);
	expect("dup", dup(fd), 4, 0);
	expect("dup2", dup2(4, 10), 10, 0);
	expect("close 10", close(10), 0, 0);
	expect("close 4", close(4), 0, 0);
	expect("close 3", close(fd), 0, 0);
	expect("close -1", close(-1), -1, EBADF);

	/* names */
	expect("open missing", open(missing, O_RDONLY), -1, ENOENT);
	expect("access", access(data, R_OK | W_OK), 0, 0);
	expect("access missing", access(missing, F_OK), -1, ENOENT);
	expect("stat", stat(data, &st), 0, 0);
	expect("lstat missing", lstat(missing, &st), -1, ENOENT);
	expect("mkdir", mkdir(sub, 0755), 0, 0);
	expect("mkdir again", mkdir(sub, 0700), -1, EEXIST);
	expect("rmdir", rmdir(sub), 0, 0);
	expect("unlink missing", unlink(missing), -1, ENOENT);
	expect("chmod", chmod(data, 0600), 0, 0);
	expect("chmod missing", chmod(missing, 0644), -1, ENOENT);
	expect("rename", rename(data, renamed), 0, 0);

	/* a pipe, with a NUL byte in the data */
	expect("pipe2", pipe2(p, O_CLOEXEC), 0, 0);
	expect("pipe write", write(p[1], "pipe\0data", 9), 9, 0);
	expect("pipe read", read(p[0], buf, 64), 9, 0);
	expect("close pipe w", close(p[1]), 0, 0);
	expect("close pipe r", close(p[0]), 0, 0);

	/* sockets */
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	expect("socket AF_UNIX", fd, 3, 0);
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s/nosock", argv[1]);
	r = connect(fd, (struct sockaddr *)&sun,
		    (socklen_t)(offsetof(struct sockaddr_un, sun_path) +
				strlen(sun.sun_path) + 1));
	expect("connect AF_UNIX", r, -1, ENOENT);
	expect("close unix socket", close(fd), 0, 0);

	fd = socket(AF_INET, SOCK_STREAM, 0);
	expect("socket AF_INET", fd, 3, 0);
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(1);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	r = connect(fd, (struct sockaddr *)&sin, sizeof(sin));
	expect("connect 127.0.0.1:1", r, -1, ECONNREFUSED);
	expect("close inet socket", close(fd), 0, 0);

	/* process */
	expect("kill 0", kill(getpid(), 0), 0, 0);
	expect("umask", (long)umask(077), 022, 0);

	/* memory */
	page = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (page == MAP_FAILED) {
		perror("difftest: mmap");
		return 1;
	}
	expect("mprotect", mprotect(page, 4096, PROT_READ), 0, 0);
	expect("mprotect unaligned",
	       mprotect(page + 1, 4096, PROT_READ | PROT_WRITE), -1, EINVAL);

	expect("uname", uname(&uts), 0, 0);
	expect("unlink", unlink(renamed), 0, 0);

	if (failures)
		return 1;
	return write(1, "difftest ok\n", 12) == 12 ? 0 : 1;
}
