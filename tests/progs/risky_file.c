/* risky_file - tracee for the FILE rules (tests/e2e/rules_file.sh): each
 * mode does one risky thing with files, its twin "MODE-ok" the safe
 * thing instead. DIR is a private directory of the test; the test sets
 * HOME to a directory of its own. Nothing outside DIR, HOME and /tmp is
 * changed: writes to system locations go below a directory that does
 * not exist, and fail.
 *
 *   wwcreate     creates DIR/shared.txt with mode 0666 (the test sets
 *                umask 0); -ok: 0644
 *   wwexec       creates DIR/run.sh with mode 0777
 *   wwmkdir      mkdir DIR/drop 0777; -ok: 01777 (sticky, like /tmp)
 *   wwchmod      chmod 0666 of DIR/conf.txt; -ok: 0640
 *   umask        umask(0); -ok: umask(077)
 *   setid        chmod 04755 of DIR/tool, creates DIR/tool2 with 02755;
 *                -ok: chmod 0755, and 02775 on a directory
 *   tmpfile      creates /tmp/rxtrace-risky-PID.tmp without O_EXCL;
 *                -ok: mkstemp, and a file in a mkdtemp directory
 *   tmplink      opens DIR (a symlink of another user in a shared
 *                directory, which the kernel may refuse to follow) to
 *                write; -ok: with O_EXCL and O_NOFOLLOW
 *   toctou       access() then open() of DIR/data, and of a file in /tmp;
 *                -ok: open() then fstat()
 *   cred         reads HOME/.ssh/id_rsa (by name, then relative to the
 *                working directory), HOME/.aws/credentials (relative to
 *                a dirfd) and DIR/server.key (a PEM private key);
 *                -ok: HOME/notes.txt, DIR/cert.pem (a certificate), and
 *                HOME/.ssh/id_rsa with O_PATH
 *   syswrite     writes below /etc/rxtrace-test-nonexistent-dir (fails),
 *                renames a file there (fails), appends to HOME/.bashrc
 *                and HOME/.ssh/authorized_keys; -ok: reads /etc/passwd and
 *                HOME/.bashrc, writes and renames in DIR
 *   link         symlink DIR/shadow-link -> /etc/shadow, hard link
 *                DIR/key-link to HOME/.ssh/id_rsa, opens ../../..(x16)/etc/passwd;
 *                -ok: a relative symlink and a hard link in DIR, /etc/passwd
 *   fdleak       a file open for writing and a listening TCP socket on
 *                127.0.0.1, both without O_CLOEXEC, across an exec of
 *                itself ("noop"); -ok: both with O_CLOEXEC
 *   enum-root    lists /; -ok: lists DIR
 *   enum         lists 240 directories of /sys; -ok: 240 of DIR/tree
 *
 * Risky calls are made from functions named risky_<mode>, so that tests
 * find them as the call site. Prints "risky ok".
 */
#pragma GCC optimize("O0")
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define NOWHERE "/etc/rxtrace-test-nonexistent-dir"

static const char *dir, *home;
static char path[4096], path2[4096];

static const char *in(const char *base, const char *name)
{
	snprintf(path, sizeof(path), "%s/%s", base, name);
	return path;
}

static const char *in2(const char *base, const char *name)
{
	snprintf(path2, sizeof(path2), "%s/%s", base, name);
	return path2;
}

static int touch(const char *p, mode_t mode)
{
	int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	return fd < 0 ? -1 : close(fd);
}

static int closed(int fd)
{
	return fd < 0 ? -1 : close(fd);
}

__attribute__((noinline)) static int risky_wwcreate(int safe)
{
	const char *p = in(dir, "shared.txt");
	int fd = open(p, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, safe ? 0644 : 0666); /* LINE:wwcreate */
	return closed(fd);
}

__attribute__((noinline)) static int risky_wwexec(int safe)
{
	const char *p = in(dir, "run.sh");
	int fd = open(p, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, safe ? 0755 : 0777); /* LINE:wwexec */
	return closed(fd);
}

__attribute__((noinline)) static int risky_wwmkdir(int safe)
{
	return mkdir(in(dir, "drop"), safe ? 01777 : 0777); /* LINE:wwmkdir */
}

__attribute__((noinline)) static int risky_wwchmod(int safe)
{
	if (touch(in(dir, "conf.txt"), 0644) < 0)
		return -1;
	return chmod(path, safe ? 0640 : 0666); /* LINE:wwchmod */
}

__attribute__((noinline)) static int risky_umask(int safe)
{
	umask(safe ? 077 : 0); /* LINE:umask */
	return 0;
}

__attribute__((noinline)) static int risky_setid(int safe)
{
	if (touch(in(dir, "tool"), 0755) < 0)
		return -1;
	if (safe) {
		if (chmod(path, 0755) < 0 || mkdir(in(dir, "team"), 0755) < 0)
			return -1;
		return chmod(path, 02775);
	}
	if (chmod(path, 04755) < 0) /* LINE:setuid-chmod */
		return -1;
	const char *p = in(dir, "tool2");
	int fd = open(p, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 02755); /* LINE:setgid-create */
	return closed(fd);
}

__attribute__((noinline)) static int risky_tmpfile(int safe)
{
	char name[64];
	if (safe) {
		strcpy(name, "/tmp/rxtrace-risky-XXXXXX");
		int fd = mkstemp(name);
		if (fd < 0 || close(fd) < 0 || unlink(name) < 0)
			return -1;
		strcpy(name, "/tmp/rxtrace-risky-XXXXXX");
		if (!mkdtemp(name))
			return -1;
		fd = open(in(name, "scratch"), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
		if (closed(fd) < 0 || unlink(path) < 0)
			return -1;
		return rmdir(name);
	}
	snprintf(name, sizeof(name), "/tmp/rxtrace-risky-%d.tmp", (int)getpid());
	int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600); /* LINE:tmpfile */
	if (closed(fd) < 0)
		return -1;
	return unlink(name);
}

__attribute__((noinline)) static int risky_tmplink(int safe)
{
	int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (safe ? O_EXCL | O_NOFOLLOW : O_TRUNC);
	/* refused or not: trying is the finding */
	int fd = open(dir, flags, 0600); /* LINE:tmplink */
	if (fd >= 0)
		close(fd);
	return 0;
}

__attribute__((noinline)) static int risky_toctou(int safe)
{
	struct stat st;
	if (touch(in(dir, "data"), 0644) < 0)
		return -1;
	if (safe) {
		int fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0 || fstat(fd, &st) < 0)
			return -1;
		return close(fd);
	}
	if (access(path, R_OK) < 0) /* LINE:toctou-check */
		return -1;
	if (closed(open(path, O_RDONLY | O_CLOEXEC)) < 0) /* LINE:toctou-use */
		return -1;
	/* in a directory every user can write: the classic race */
	char name[64];
	snprintf(name, sizeof(name), "/tmp/rxtrace-toctou-%d", (int)getpid());
	if (closed(open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) < 0)
		return -1;
	int r = access(name, W_OK); /* LINE:toctou-tmpcheck */
	if (r == 0)
		r = closed(open(name, O_WRONLY | O_CLOEXEC)); /* LINE:toctou-tmp */
	unlink(name);
	return r;
}

static int read_close(int fd)
{
	char buf[256];
	if (fd < 0 || read(fd, buf, sizeof(buf)) < 0)
		return -1;
	return close(fd);
}

__attribute__((noinline)) static int risky_cred(int safe)
{
	if (safe) {
		if (read_close(open(in(home, "notes.txt"), O_RDONLY | O_CLOEXEC)) < 0 ||
		    read_close(open(in(dir, "cert.pem"), O_RDONLY | O_CLOEXEC)) < 0)
			return -1;
		return closed(open(in(home, ".ssh/id_rsa"), O_PATH | O_CLOEXEC));
	}
	if (read_close(open(in(home, ".ssh/id_rsa"), O_RDONLY | O_CLOEXEC)) < 0) /* LINE:cred-ssh */
		return -1;
	if (chdir(in(home, ".ssh")) < 0)
		return -1;
	if (read_close(open("id_rsa", O_RDONLY | O_CLOEXEC)) < 0) /* LINE:cred-rel */
		return -1;
	int hfd = open(home, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (hfd < 0)
		return -1;
	if (read_close(openat(hfd, ".aws/credentials", O_RDONLY | O_CLOEXEC)) < 0) /* LINE:cred-aws */
		return -1;
	close(hfd);
	return read_close(open(in(dir, "server.key"), O_RDONLY | O_CLOEXEC)); /* LINE:cred-key */
}

__attribute__((noinline)) static int risky_syswrite(int safe)
{
	if (safe) {
		if (read_close(open("/etc/passwd", O_RDONLY | O_CLOEXEC)) < 0 ||
		    read_close(open(in(home, ".bashrc"), O_RDONLY | O_CLOEXEC)) < 0 ||
		    touch(in(dir, "staged"), 0644) < 0 || mkdir(in(dir, "d"), 0755) < 0)
			return -1;
		return rename(in(dir, "staged"), in2(dir, "d/x"));
	}
	/* these fail with ENOENT: trying is the finding */
	open(NOWHERE "/x", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644); /* LINE:sys-etc */
	if (touch(in(dir, "staged"), 0644) < 0)
		return -1;
	rename(path, NOWHERE "/staged"); /* LINE:sys-rename */
	if (closed(open(in(home, ".bashrc"), O_WRONLY | O_APPEND | O_CLOEXEC)) < 0) /* LINE:sys-bashrc */
		return -1;
	const char *keys = in(home, ".ssh/authorized_keys");
	return closed(open(keys, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600)); /* LINE:sys-authkeys */
}

__attribute__((noinline)) static int risky_link(int safe)
{
	if (safe) {
		if (touch(in(dir, "a"), 0644) < 0 || symlink("a", in2(dir, "link")) < 0 ||
		    link(path, in2(dir, "b")) < 0)
			return -1;
		return read_close(open("/etc/passwd", O_RDONLY | O_CLOEXEC));
	}
	if (symlink("/etc/shadow", in(dir, "shadow-link")) < 0) /* LINE:link-sym */
		return -1;
	if (link(in(home, ".ssh/id_rsa"), in2(dir, "key-link")) < 0) /* LINE:link-hard */
		return -1;
	const char *climb = "../../../../../../../../../../../../../../../../etc/passwd";
	return read_close(open(climb, O_RDONLY | O_CLOEXEC)); /* LINE:link-climb */
}

__attribute__((noinline)) static int risky_fdleak(int safe)
{
	int cloexec = safe ? O_CLOEXEC : 0;
	int fd = open(in(dir, "out.log"), O_WRONLY | O_CREAT | O_TRUNC | cloexec, 0644);
	int s = socket(AF_INET, SOCK_STREAM | (safe ? SOCK_CLOEXEC : 0), 0);
	struct sockaddr_in sin = { .sin_family = AF_INET };
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || s < 0 || bind(s, (struct sockaddr *)&sin, sizeof(sin)) < 0 ||
	    listen(s, 1) < 0)
		return -1;
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		execl("/proc/self/exe", "risky_file", "noop", (char *)NULL); /* LINE:fdleak-exec */
		_exit(127);
	}
	int st;
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st))
		return -1;
	close(s);
	return close(fd);
}

__attribute__((noinline)) static int risky_enum_list(const char *d)
{
	DIR *dp = opendir(d);
	if (!dp)
		return -1;
	while (readdir(dp)) /* LINE:enum-root */
		;
	return closedir(dp);
}

/* Depth first, directories only, until *BUDGET directories are listed. */
__attribute__((noinline)) static int risky_enum_walk(const char *d, int *budget)
{
	DIR *dp = opendir(d);
	if (!dp)
		return 0;	/* unreadable: skipped, like a crawler would */
	struct dirent *e;
	(*budget)--;
	while (*budget > 0 && (e = readdir(dp))) { /* LINE:enum-walk */
		if (e->d_type != DT_DIR || !strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		char sub[4096];
		snprintf(sub, sizeof(sub), "%s/%s", d, e->d_name);
		risky_enum_walk(sub, budget);
	}
	return closedir(dp);
}

static int risky_enum(int safe)
{
	int budget = 240;
	const char *top = "/sys";
	if (safe) {
		top = in2(dir, "tree");
		if (mkdir(top, 0755) < 0)
			return -1;
		for (int i = 0; i < 240; i++) {
			char name[32];
			snprintf(name, sizeof(name), "d%03d", i);
			if (mkdir(in(top, name), 0755) < 0)
				return -1;
		}
	}
	risky_enum_walk(top, &budget);
	return budget > 0 ? -1 : 0;
}

static const struct mode {
	const char *name;
	int (*run)(int safe);
	int need_dir;
} modes[] = {
	{ "wwcreate", risky_wwcreate, 1 },
	{ "wwexec", risky_wwexec, 1 },
	{ "wwmkdir", risky_wwmkdir, 1 },
	{ "wwchmod", risky_wwchmod, 1 },
	{ "umask", risky_umask, 0 },
	{ "setid", risky_setid, 1 },
	{ "tmpfile", risky_tmpfile, 0 },
	{ "tmplink", risky_tmplink, 1 },
	{ "toctou", risky_toctou, 1 },
	{ "cred", risky_cred, 1 },
	{ "syswrite", risky_syswrite, 1 },
	{ "link", risky_link, 1 },
	{ "fdleak", risky_fdleak, 1 },
	{ "enum", risky_enum, 1 },
};

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "noop"))
		return 0;
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: risky_file MODE [DIR]\n");
		return 2;
	}
	char m[64];
	snprintf(m, sizeof(m), "%s", argv[1]);
	size_t n = strlen(m);
	int safe = n > 3 && !strcmp(m + n - 3, "-ok");
	if (safe)
		m[n - 3] = '\0';
	dir = argc == 3 ? argv[2] : NULL;
	home = getenv("HOME");
	struct stat st;
	if (lstat(NOWHERE, &st) == 0 || errno != ENOENT) {
		fprintf(stderr, "risky_file: %s exists: refusing to run\n", NOWHERE);
		return 3;
	}
	int r = -2;
	if (!strcmp(m, "enum-root"))
		r = dir ? risky_enum_list(safe ? dir : "/") : -2;
	for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
		if (!strcmp(m, modes[i].name))
			r = modes[i].need_dir && (!dir || !home) ? -2 : modes[i].run(safe);
	if (r == -2) {
		fprintf(stderr, "risky_file: unknown mode %s, or no DIR or HOME\n", argv[1]);
		return 2;
	}
	if (r < 0) {
		fprintf(stderr, "risky_file %s failed: %s\n", argv[1], strerror(errno));
		return 1;
	}
	printf("risky ok\n");
	return 0;
}
