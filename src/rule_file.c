/* rule_file.c - FILE rules: the filesystem
 *
 * Paths are judged as the program names them: the argument, made
 * absolute with the directory its dirfd or working directory names and
 * folded lexically (pathclass.h). What is on disk is looked at through
 * /proc/TID/{root,cwd,fd/N}, which resolve as the tracee would.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "envscan.h"
#include "pathclass.h"
#include "rule.h"
#include "tracee.h"
#include "util.h"

/* Paths made absolute: a directory and a name of PATH_MAX each. */
#define ABS_MAX (2 * PATH_MAX)

/* ---- the calls and their path arguments ----------------------------------- */

/* Argument indexes; -1: none. */
struct pc_path {
	signed char dirfd, path;
};

enum {
	FL_NONE = -1,
	FL_HOW = -2,		/* openat2: flags and mode in struct open_how */
	FL_CREAT = -3,		/* creat: O_CREAT|O_WRONLY|O_TRUNC */
};

struct path_call {
	long nr;
	struct pc_path src;	/* the path the call acts on */
	struct pc_path dst;	/* the name it creates or changes, if any */
	signed char flags, mode;
	const char *used;	/* RX-FILE-004: what it did to src */
	/* RX-FILE-006: what it does to dst, done and tried, and after it */
	const char *done, *todo, *suffix;
};

#define N -1
static const struct path_call path_calls[] = {
	{ SYS_open, { N, 0 }, { N, 0 }, 1, 2, "opened",
	  "opened", "open", " for writing" },
	{ SYS_openat, { 0, 1 }, { 0, 1 }, 2, 3, "opened",
	  "opened", "open", " for writing" },
	{ SYS_openat2, { 0, 1 }, { 0, 1 }, FL_HOW, FL_HOW, "opened",
	  "opened", "open", " for writing" },
	{ SYS_creat, { N, 0 }, { N, 0 }, FL_CREAT, 1, "opened",
	  "opened", "open", " for writing" },
	{ SYS_chmod, { N, 0 }, { N, N }, FL_NONE, 1, "changed the mode of",
	  NULL, NULL, NULL },
	{ SYS_fchmod, { 0, N }, { N, N }, FL_NONE, 1, NULL, NULL, NULL, NULL },
	{ SYS_fchmodat, { 0, 1 }, { N, N }, FL_NONE, 2, "changed the mode of",
	  NULL, NULL, NULL },
	{ SYS_chown, { N, 0 }, { N, N }, FL_NONE, N, "changed the owner of",
	  NULL, NULL, NULL },
	{ SYS_lchown, { N, 0 }, { N, N }, FL_NONE, N, "changed the owner of",
	  NULL, NULL, NULL },
	{ SYS_fchownat, { 0, 1 }, { N, N }, FL_NONE, N, "changed the owner of",
	  NULL, NULL, NULL },
	{ SYS_mkdir, { N, 0 }, { N, 0 }, FL_NONE, 1, NULL,
	  "created the directory", "create the directory", "" },
	{ SYS_mkdirat, { 0, 1 }, { 0, 1 }, FL_NONE, 2, NULL,
	  "created the directory", "create the directory", "" },
	{ SYS_unlink, { N, 0 }, { N, 0 }, FL_NONE, N, "unlinked",
	  "unlinked", "unlink", "" },
	{ SYS_unlinkat, { 0, 1 }, { 0, 1 }, FL_NONE, N, "unlinked",
	  "unlinked", "unlink", "" },
	{ SYS_rename, { N, 0 }, { N, 1 }, FL_NONE, N, "renamed",
	  "renamed a file to", "rename a file to", "" },
	{ SYS_renameat, { 0, 1 }, { 2, 3 }, FL_NONE, N, "renamed",
	  "renamed a file to", "rename a file to", "" },
	{ SYS_renameat2, { 0, 1 }, { 2, 3 }, FL_NONE, N, "renamed",
	  "renamed a file to", "rename a file to", "" },
	/* src of a symlink is its target, relative to the link's directory */
	{ SYS_symlink, { N, 0 }, { N, 1 }, FL_NONE, N, NULL,
	  "created the symlink", "create the symlink", "" },
	{ SYS_symlinkat, { N, 0 }, { 1, 2 }, FL_NONE, N, NULL,
	  "created the symlink", "create the symlink", "" },
	{ SYS_link, { N, 0 }, { N, 1 }, FL_NONE, N, NULL,
	  "created the hard link", "create the hard link", "" },
	{ SYS_linkat, { 0, 1 }, { 2, 3 }, FL_NONE, N, NULL,
	  "created the hard link", "create the hard link", "" },
	{ SYS_access, { N, 0 }, { N, N }, FL_NONE, N, NULL, NULL, NULL, NULL },
	{ SYS_faccessat, { 0, 1 }, { N, N }, FL_NONE, N, NULL, NULL, NULL, NULL },
	{ SYS_faccessat2, { 0, 1 }, { N, N }, FL_NONE, N, NULL, NULL, NULL, NULL },
	{ SYS_execve, { N, 0 }, { N, N }, FL_NONE, N, "executed",
	  NULL, NULL, NULL },
	{ SYS_execveat, { 0, 1 }, { N, N }, FL_NONE, N, "executed",
	  NULL, NULL, NULL },
};
#undef N

static const struct path_call *path_call_of(const struct rx_task *t)
{
	for (size_t i = 0; i < ARRAY_SIZE(path_calls); i++)
		if (path_calls[i].nr == t->call.nr)
			return &path_calls[i];
	return NULL;
}

static bool is_open(const struct path_call *pc)
{
	return pc->flags != FL_NONE;
}

static bool is_mkdir(const struct path_call *pc)
{
	return pc->nr == SYS_mkdir || pc->nr == SYS_mkdirat;
}

static bool is_access(const struct path_call *pc)
{
	return pc->nr == SYS_access || pc->nr == SYS_faccessat ||
	       pc->nr == SYS_faccessat2;
}

/* The open flags and the mode of an open, creat, mkdir or chmod call
 * (flags 0 where the call has none). Returns 0 or -errno. */
static int call_flags(const struct rx_task *t, const struct path_call *pc,
		      uint32_t *flags, uint32_t *mode)
{
	const uint64_t *a = t->call.args;
	*flags = *mode = 0;
	if (pc->flags == FL_HOW) {
		uint64_t how[2];	/* struct open_how: flags, mode */
		if (tracee_read(t->tid, a[2], how, sizeof(how)) != sizeof(how))
			return -EFAULT;
		*flags = (uint32_t)how[0];
		*mode = (uint32_t)how[1];
		return 0;
	}
	if (pc->flags == FL_CREAT)
		*flags = O_CREAT | O_WRONLY | O_TRUNC;
	else if (pc->flags >= 0)
		*flags = (uint32_t)a[pc->flags];
	if (pc->mode >= 0)
		*mode = (uint32_t)a[pc->mode];
	return 0;
}

static bool write_like(uint32_t flags)
{
	return (flags & O_ACCMODE) != O_RDONLY || (flags & (O_CREAT | O_TRUNC));
}

static int call_dirfd(const struct rx_task *t, const struct pc_path *pp)
{
	return pp->dirfd < 0 ? AT_FDCWD : (int)t->call.args[pp->dirfd];
}

/* ---- per-process facts ---------------------------------------------------- */

/* What the FILE rules learn about a process, read when first needed.
 * Each rule keeps its own in its rule_state. */
struct fproc {
	bool env_read;
	char *home, *path, *tmpdir;	/* of the environment, or NULL */
	int umask;			/* -1: not read yet */
	char *cwd;			/* valid while cwd_ok */
	bool cwd_ok;
	struct checks *checks;		/* RX-FILE-004 */
	struct dirset *dirs;		/* RX-FILE-010 */
};

static void checks_free(struct checks *c);
static void dirset_free(struct dirset *ds);

static void fproc_free(void *state)
{
	struct fproc *p = state;
	free(p->home);
	free(p->path);
	free(p->tmpdir);
	free(p->cwd);
	checks_free(p->checks);
	dirset_free(p->dirs);
	free(p);
}

static struct fproc *fproc_get(struct rule_env *re, struct rx_task *t)
{
	void **st = rule_state(re, t);
	if (!*st) {
		struct fproc *p = xcalloc(1, sizeof(*p));
		p->umask = -1;
		*st = p;
	}
	return *st;
}

static char *env_value(const char *entry, size_t n, const char *name)
{
	size_t l = strlen(name);
	if (n <= l || strncmp(entry, name, l) || entry[l] != '=')
		return NULL;
	return xstrdup(entry + l + 1);
}

/* HOME, PATH and TMPDIR as the program was started with them. */
static void fproc_env(struct fproc *p, pid_t pid)
{
	if (p->env_read)
		return;
	p->env_read = true;
	size_t len;
	char *env = envscan_read(pid, &len);
	if (!env)
		return;
	for (size_t at = 0; at < len;) {
		size_t n = strnlen(env + at, len - at);
		const char *e = env + at;
		char *v;
		if (!p->home && (v = env_value(e, n, "HOME")))
			p->home = v;
		else if (!p->path && (v = env_value(e, n, "PATH")))
			p->path = v;
		else if (!p->tmpdir && (v = env_value(e, n, "TMPDIR")))
			p->tmpdir = v;
		at += n + 1;
	}
	/* the copy held whatever secrets the environment has */
	memset(env, 0, len);
	free(env);
}

static const char *fproc_home(struct fproc *p, const struct rx_task *t)
{
	fproc_env(p, t->tid);
	return p->home;
}

static int cwd_path(const struct rx_task *t, char *buf, size_t len)
{
	char link[64];
	snprintf(link, sizeof(link), "/proc/%d/cwd", (int)t->tid);
	ssize_t n = readlink(link, buf, len - 1);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	return 0;
}

/* The working directory, read again after each chdir the rule saw. */
static const char *fproc_cwd(struct fproc *p, const struct rx_task *t)
{
	if (!p->cwd)
		p->cwd = xmalloc(PATH_MAX);
	if (!p->cwd_ok)
		p->cwd_ok = cwd_path(t, p->cwd, PATH_MAX) == 0;
	return p->cwd_ok ? p->cwd : NULL;
}

/* FIELD's value in /proc/TID/status ("Umask:" gives "0022"). */
static int status_field(pid_t tid, const char *field, char *out, size_t len)
{
	char path[64], buf[4096];
	snprintf(path, sizeof(path), "/proc/%d/status", (int)tid);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ssize_t n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -EIO;
	buf[n] = '\0';
	size_t fl = strlen(field);
	char *l = buf;
	while (strncmp(l, field, fl)) {
		char *nl = strchr(l, '\n');
		if (!nl)
			return -ENOENT;
		l = nl + 1;
	}
	l += fl;
	l += strspn(l, " \t");
	snprintf(out, len, "%.*s", (int)strcspn(l, "\n"), l);
	return 0;
}

static int fproc_umask(struct fproc *p, const struct rx_task *t)
{
	if (p->umask < 0) {
		char v[16];
		/* unknown: assume the loosest, the exit checks the result */
		p->umask = status_field(t->tid, "Umask:", v, sizeof(v)) == 0 ?
			   (int)strtol(v, NULL, 8) & 0777 : 0;
	}
	return p->umask;
}

/* Whether the process runs set-id: real and effective ids differ. */
static bool setid_process(const struct rx_task *t)
{
	static const char *const fields[] = { "Uid:", "Gid:" };
	for (size_t i = 0; i < ARRAY_SIZE(fields); i++) {
		char v[128];
		unsigned long r, e;
		if (status_field(t->tid, fields[i], v, sizeof(v)) == 0 &&
		    sscanf(v, "%lu %lu", &r, &e) == 2 && r != e)
			return true;
	}
	return false;
}

/* ---- paths ------------------------------------------------------------------ */

/* RAW of T's call, relative to DIRFD, as an absolute normalised path in
 * OUT (ABS_MAX bytes). P caches the working directory, or is NULL. */
static int abs_path(struct rx_task *t, struct fproc *p, int dirfd,
		    const char *raw, char *out, size_t len)
{
	char dir[PATH_MAX];
	const char *d = dir;
	int r = 0;
	if (raw[0] == '/')
		d = "";
	else if (dirfd == AT_FDCWD && p)
		r = (d = fproc_cwd(p, t)) ? 0 : -ENOENT;
	else if (dirfd == AT_FDCWD)
		r = cwd_path(t, dir, sizeof(dir));
	else
		r = rule_fd_path(t, dirfd, dir, sizeof(dir));
	if (r < 0)
		return r;
	if (d[0] != '/' && raw[0] != '/')
		return -EINVAL;		/* "pipe:[...]": not a directory */
	return pathclass_join(out, len, d, raw);
}

/* The call's path argument PP made absolute, in OUT. */
static int call_abs(struct rule_env *re, struct rx_task *t, struct fproc *p,
		    const struct pc_path *pp, char *out, size_t len)
{
	const char *raw = pp->path >= 0 ? rule_arg_str(re, t, (unsigned)pp->path) : "";
	if (!raw)
		return -EFAULT;
	return abs_path(t, p, call_dirfd(t, pp), raw, out, len);
}

/* RAW relative to DIRFD as T resolves it, through /proc/TID. */
static int proc_path(const struct rx_task *t, int dirfd, const char *raw,
		     char *out, size_t len)
{
	const char *sep = raw[0] && raw[0] != '/' ? "/" : "";
	int n;
	if (raw[0] == '/')
		n = snprintf(out, len, "/proc/%d/root%s", (int)t->tid, raw);
	else if (dirfd == AT_FDCWD)
		n = snprintf(out, len, "/proc/%d/cwd%s%s", (int)t->tid, sep, raw);
	else
		n = snprintf(out, len, "/proc/%d/fd/%d%s%s", (int)t->tid, dirfd,
			     sep, raw);
	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

/* lstat (FOLLOW false) or stat of the call's path argument PP. */
static int call_stat(struct rule_env *re, struct rx_task *t,
		     const struct pc_path *pp, bool follow, struct stat *st)
{
	char pr[ABS_MAX];
	const char *raw = pp->path >= 0 ? rule_arg_str(re, t, (unsigned)pp->path) : "";
	if (!raw)
		return -EFAULT;
	int r = proc_path(t, call_dirfd(t, pp), raw, pr, sizeof(pr));
	if (r < 0)
		return r;
	return (follow ? stat(pr, st) : lstat(pr, st)) < 0 ? -errno : 0;
}

/* The directory part of the absolute PATH, in OUT. */
static void dir_of(const char *path, char *out, size_t len)
{
	const char *s = strrchr(path, '/');
	size_t n = s && s != path ? (size_t)(s - path) : 1;
	snprintf(out, len, "%.*s", (int)n, path);
}

static bool under(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	while (n && dir[n - 1] == '/')
		n--;
	return !strncmp(path, dir, n) && (path[n] == '/' || !path[n]);
}

/* ---- RX-FILE-001 WorldWritableFile ---------------------------------------- */

/* Creation modes and chmods without S_IWOTH never stop; umask(m) stops
 * for the values that let others or the group write, which are also the
 * only changes that can loosen the umask this rule tracks. */
static const struct rule_trigger ww_triggers[] = {
	{ "open", 2, S_IWOTH, S_IWOTH },
	{ "openat", 3, S_IWOTH, S_IWOTH },
	{ "creat", 1, S_IWOTH, S_IWOTH },
	{ "openat2", -1, 0, 0 },	/* the mode is in a struct */
	{ "mkdir", 1, S_IWOTH, S_IWOTH },
	{ "mkdirat", 2, S_IWOTH, S_IWOTH },
	{ "chmod", 1, S_IWOTH, S_IWOTH },
	{ "fchmod", 1, S_IWOTH, S_IWOTH },
	{ "fchmodat", 2, S_IWOTH, S_IWOTH },
	{ "umask", 0, 022, 0 },
	{ "umask", 0, 022, 002 },
	{ "umask", 0, 022, 020 },
	{ NULL, 0, 0, 0 },
};

/* Files whose name says they configure something. */
static const char *const config_suffixes[] = {
	".conf", ".cfg", ".cnf", ".ini", ".yaml", ".yml", ".toml", ".json",
	".xml", ".properties", ".env",
};

static bool config_file(const char *path)
{
	size_t n = strlen(path);
	if (under(path, "/etc"))
		return true;
	for (size_t i = 0; i < ARRAY_SIZE(config_suffixes); i++) {
		size_t l = strlen(config_suffixes[i]);
		if (n > l && !strcmp(path + n - l, config_suffixes[i]))
			return true;
	}
	return false;
}

/* Whether DIR is one of the entries of the colon-separated LIST. */
static bool in_path_list(const char *list, const char *dir)
{
	size_t dl = strlen(dir);
	for (const char *e = list; e && *e; e += strcspn(e, ":"), e += *e == ':') {
		size_t n = strcspn(e, ":");
		while (n > 1 && e[n - 1] == '/')
			n--;
		if (n == dl && !strncmp(e, dir, n))
			return true;
	}
	return false;
}

/* Why a world-writable PATH is an error, in WHY, or false: a warning. */
static bool ww_serious(struct fproc *p, const struct rx_task *t,
		       const char *path, const struct stat *st, char *why,
		       size_t len)
{
	const char *home = fproc_home(p, t);
	char dir[ABS_MAX];
	const struct pathclass *c = pathclass_credential(path, home);
	if (S_ISDIR(st->st_mode))
		snprintf(dir, sizeof(dir), "%s", path);
	else
		dir_of(path, dir, sizeof(dir));
	if (S_ISREG(st->st_mode) && (st->st_mode & 0111))
		snprintf(why, len, "; it is executable");
	else if (c)
		snprintf(why, len, "; it is %s", c->what);
	else if (S_ISREG(st->st_mode) && config_file(path))
		snprintf(why, len, "; it is a configuration file");
	else if (p->path && in_path_list(p->path, dir))
		snprintf(why, len, "; %s is in PATH", dir);
	else
		return false;
	return true;
}

static void ww_umask(struct rule_env *re, struct rx_task *t, struct fproc *p)
{
	unsigned m = (unsigned)t->call.args[0] & 0777;
	char key[16];
	snprintf(key, sizeof(key), "0%03o", m);
	struct rule_hit h = { 0, 0, key, false, false };
	p->umask = (int)m;
	rule_report(re, t, &h,
		    "umask 0%03o lets %s write the files and directories the "
		    "program creates", m, m & 002 ? "the group" : "every user");
}

static bool ww_entry(struct rule_env *re, struct rx_task *t)
{
	const struct path_call *pc = path_call_of(t);
	struct fproc *p = fproc_get(re, t);
	if (t->call.nr == SYS_umask) {
		ww_umask(re, t, p);
		return false;
	}
	uint32_t flags, mode;
	if (!pc || call_flags(t, pc, &flags, &mode) < 0)
		return false;
	struct stat st;
	if (is_open(pc) || is_mkdir(pc)) {
		/* created now, with mode & ~umask: an existing file keeps
		 * its mode, a sticky directory is meant to be shared */
		if (is_open(pc) && !(flags & O_CREAT))
			return false;
		if (!(mode & ~(uint32_t)fproc_umask(p, t) & S_IWOTH) ||
		    (is_mkdir(pc) && (mode & S_ISVTX)))
			return false;
		return call_stat(re, t, &pc->src, false, &st) == -ENOENT;
	}
	if (call_stat(re, t, &pc->src, true, &st) < 0)
		return false;
	/* sockets and FIFOs are meant to be shared; a mode that already
	 * let others write is not a change */
	if (S_ISSOCK(st.st_mode) || S_ISFIFO(st.st_mode) ||
	    (S_ISDIR(st.st_mode) && (mode & S_ISVTX)) || (st.st_mode & S_IWOTH))
		return false;
	return true;
}

static void ww_exit(struct rule_env *re, struct rx_task *t)
{
	const struct rx_call *c = &t->call;
	const struct path_call *pc = path_call_of(t);
	struct fproc *p = fproc_get(re, t);
	char path[ABS_MAX], fdp[64], why[ABS_MAX + 32];
	struct stat st;
	if (c->failed || !pc)
		return;
	int r;
	if (is_open(pc)) {
		snprintf(fdp, sizeof(fdp), "/proc/%d/fd/%d", (int)t->tid, (int)c->rval);
		r = stat(fdp, &st) < 0 ? -errno :
		    rule_fd_path(t, (int)c->rval, path, sizeof(path));
	} else {
		r = call_stat(re, t, &pc->src, true, &st);
		if (r == 0)
			r = call_abs(re, t, p, &pc->src, path, sizeof(path));
	}
	if (r < 0 || !(st.st_mode & S_IWOTH) ||
	    (S_ISDIR(st.st_mode) && (st.st_mode & S_ISVTX)) ||
	    under(path, "/dev/shm"))	/* IPC segments */
		return;
	struct rule_hit h = { 0, 0, path, false, false };
	why[0] = '\0';
	if (ww_serious(p, t, path, &st, why, sizeof(why))) {
		h.level = RULE_ERROR;
		h.severity = 7.1;
	}
	unsigned m = (unsigned)st.st_mode & 07777;
	bool dir = S_ISDIR(st.st_mode);
	const char *what = dir ? "the directory " : "";
	const char *harm = dir ? "add, replace or delete files in it" : "modify it";
	if (is_open(pc) || is_mkdir(pc))
		rule_report(re, t, &h, "created %s%s with mode 0%03o%s: any user can %s%s",
			    what, path, m, dir ? ", without the sticky bit" : "",
			    harm, why);
	else
		rule_report(re, t, &h, "made %s%s writable by every user (mode 0%03o): "
			    "any user can %s%s", what, path, m, harm, why);
}

/* ---- RX-FILE-002 SetuidOrSetgidBit ---------------------------------------- */

static const struct rule_trigger setid_triggers[] = {
	{ "chmod", 1, S_ISUID, S_ISUID }, { "chmod", 1, S_ISGID, S_ISGID },
	{ "fchmod", 1, S_ISUID, S_ISUID }, { "fchmod", 1, S_ISGID, S_ISGID },
	{ "fchmodat", 2, S_ISUID, S_ISUID }, { "fchmodat", 2, S_ISGID, S_ISGID },
	{ "open", 2, S_ISUID, S_ISUID }, { "open", 2, S_ISGID, S_ISGID },
	{ "openat", 3, S_ISUID, S_ISUID }, { "openat", 3, S_ISGID, S_ISGID },
	{ "creat", 1, S_ISUID, S_ISUID }, { "creat", 1, S_ISGID, S_ISGID },
	{ "openat2", -1, 0, 0 },
	{ NULL, 0, 0, 0 },
};

static bool setid_entry(struct rule_env *re, struct rx_task *t)
{
	const struct path_call *pc = path_call_of(t);
	uint32_t flags, mode;
	if (!pc || call_flags(t, pc, &flags, &mode) < 0 ||
	    !(mode & (S_ISUID | S_ISGID)))
		return false;
	struct stat st;
	int r = call_stat(re, t, &pc->src, !is_open(pc), &st);
	if (is_open(pc)) {
		/* only a new file takes the mode */
		if (!(flags & O_CREAT) || r != -ENOENT)
			return false;
	} else if (r < 0 || !S_ISREG(st.st_mode)) {
		return false;	/* set-group-id directories share a group */
	}
	char path[ABS_MAX];
	if (call_abs(re, t, NULL, &pc->src, path, sizeof(path)) < 0)
		return false;
	const char *bits = (mode & S_ISUID) && (mode & S_ISGID) ? "setuid and setgid bits" :
			   mode & S_ISUID ? "setuid bit" : "setgid bit";
	const char *whose = (mode & S_ISUID) && (mode & S_ISGID) ? "owner's and group's" :
			    mode & S_ISUID ? "owner's" : "group's";
	struct rule_hit h = { 0, 0, path, false, false };
	if (is_open(pc))
		rule_report(re, t, &h, "creates %s with the %s (mode 0%03o): it runs "
			    "with its %s privileges for every user", path, bits,
			    mode & 07777, whose);
	else
		rule_report(re, t, &h, "sets the %s on %s (mode 0%03o): it runs with "
			    "its %s privileges for every user", bits, path,
			    mode & 07777, whose);
	return false;
}

/* ---- RX-FILE-003 InsecureTempFile ----------------------------------------- */

/* O_CREAT without O_EXCL; O_TMPFILE has no O_CREAT. The tmpnam family
 * needs breakpoints (RULES.md (a)): not here. */
static const struct rule_trigger tmp_triggers[] = {
	{ "open", 1, O_CREAT | O_EXCL, O_CREAT },
	{ "openat", 2, O_CREAT | O_EXCL, O_CREAT },
	{ "creat", -1, 0, 0 },
	{ "openat2", -1, 0, 0 },
	{ NULL, 0, 0, 0 },
};

/* Whether the last component of PATH holds PID in decimal. */
static bool name_has_pid(const char *path, pid_t pid)
{
	char s[16];
	const char *base = strrchr(path, '/');
	snprintf(s, sizeof(s), "%d", (int)pid);
	return strstr(base ? base + 1 : path, s) != NULL;
}

static bool tmp_entry(struct rule_env *re, struct rx_task *t)
{
	const struct path_call *pc = path_call_of(t);
	uint32_t flags, mode;
	if (!pc || call_flags(t, pc, &flags, &mode) < 0 ||
	    (flags & (O_CREAT | O_EXCL)) != O_CREAT)
		return false;
	char path[ABS_MAX], dir[ABS_MAX], pdir[ABS_MAX + 64];
	if (call_abs(re, t, NULL, &pc->src, path, sizeof(path)) < 0)
		return false;
	if (!pathclass_temp_dir(path))
		return false;
	/* a private directory (mkdtemp's 0700) below it is safe */
	struct stat st, ls;
	dir_of(path, dir, sizeof(dir));
	if (proc_path(t, AT_FDCWD, dir, pdir, sizeof(pdir)) < 0 ||
	    stat(pdir, &st) < 0 || !(st.st_mode & S_IWOTH))
		return false;
	struct rule_hit h = { 0, 0, path, false, false };
	char v[128];
	unsigned long ruid, euid, suid, fsuid;
	if (!(flags & O_NOFOLLOW) && call_stat(re, t, &pc->src, false, &ls) == 0 &&
	    S_ISLNK(ls.st_mode) && status_field(t->tid, "Uid:", v, sizeof(v)) == 0 &&
	    sscanf(v, "%lu %lu %lu %lu", &ruid, &euid, &suid, &fsuid) == 4 &&
	    ls.st_uid != fsuid) {
		rule_report(re, t, &h, "opens %s through a symlink of uid %u in %s, "
			    "without O_NOFOLLOW: it writes to whatever file the "
			    "link's owner chose", path, (unsigned)ls.st_uid, dir);
		return false;
	}
	rule_report(re, t, &h, "creates %s in the shared directory %s without "
		    "O_EXCL: another user can create it, or a symlink by that "
		    "name, first%s", path, dir,
		    name_has_pid(path, rx_task_tgid(t)) ?
		    "; the name holds the process id, so it is predictable" : "");
	return false;
}

/* ---- RX-FILE-004 CheckThenUseRace ------------------------------------------- */

/* access() first, then a use of the same path by name. stat-based
 * checks are opt-in in RULES.md and not implemented (there is no
 * option for them yet). */
static const struct rule_trigger toctou_triggers[] = {
	{ "access", -1, 0, 0 }, { "faccessat", -1, 0, 0 },
	{ "faccessat2", -1, 0, 0 },
	{ "open", -1, 0, 0 }, { "openat", -1, 0, 0 }, { "openat2", -1, 0, 0 },
	{ "creat", -1, 0, 0 }, { "chmod", -1, 0, 0 }, { "fchmodat", -1, 0, 0 },
	{ "chown", -1, 0, 0 }, { "lchown", -1, 0, 0 }, { "fchownat", -1, 0, 0 },
	{ "unlink", -1, 0, 0 }, { "unlinkat", -1, 0, 0 },
	{ "rename", -1, 0, 0 }, { "renameat", -1, 0, 0 },
	{ "renameat2", -1, 0, 0 },
	{ "execve", -1, 0, 0 }, { "execveat", -1, 0, 0 },
	{ NULL, 0, 0, 0 },
};

/* The most recent checks of a process: RULES.md's "within N syscalls"
 * becomes "among the last CHECKS_MAX checks". */
#define CHECKS_MAX 8
struct checks {
	unsigned next;
	struct check {
		pid_t tid;		/* 0: free */
		int dirfd;
		const char *call;
		char path[PATH_MAX];
		bool have_site;
		struct finding_frame site;	/* the finding's first step */
	} v[CHECKS_MAX];
};

static void checks_free(struct checks *c)
{
	for (unsigned i = 0; c && i < CHECKS_MAX; i++)
		finding_frame_release(&c->v[i].site);
	free(c);
}

static bool toctou_entry(struct rule_env *re, struct rx_task *t)
{
	const struct path_call *pc = path_call_of(t);
	struct fproc *p = fproc_get(re, t);
	if (!pc || pc->src.path < 0)
		return false;
	bool check = is_access(pc);
	if (!check && !p->checks)
		return false;
	const char *raw = rule_arg_str(re, t, (unsigned)pc->src.path);
	int dirfd = call_dirfd(t, &pc->src);
	if (!raw || !raw[0])
		return false;
	if (check) {
		if (!p->checks)
			p->checks = xcalloc(1, sizeof(*p->checks));
		struct check *k = &p->checks->v[p->checks->next++ % CHECKS_MAX];
		k->tid = t->tid;
		k->dirfd = dirfd;
		k->call = t->call.se->name;
		snprintf(k->path, sizeof(k->path), "%s", raw);
		finding_frame_release(&k->site);
		k->have_site = rule_site_frame(re, t, &k->site) == 0;
		return false;
	}
	struct check *k = NULL;
	for (unsigned i = 0; i < CHECKS_MAX && !k; i++) {
		struct check *c = &p->checks->v[i];
		if (c->tid == t->tid && c->dirfd == dirfd && !strcmp(c->path, raw))
			k = c;
	}
	if (!k)
		return false;
	k->tid = 0;
	struct rule_hit h = { 0, 0, raw, false, false };
	char dir[PATH_MAX], pdir[PATH_MAX + 64];
	struct stat st;
	const char *why = "";
	snprintf(dir, sizeof(dir), "%s", raw);
	char *slash = strrchr(dir, '/');
	if (!slash)
		dir[0] = '\0';		/* the directory dirfd names */
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	if (setid_process(t))
		why = "; the process runs set-id";
	else if (proc_path(t, dirfd, dir, pdir, sizeof(pdir)) == 0 &&
		 stat(pdir, &st) == 0 && (st.st_mode & S_IWOTH))
		why = "; other users can write its directory";
	if (why[0]) {
		h.level = RULE_ERROR;
		h.severity = 7.0;
	}
	char msg[PATH_MAX + 64];
	snprintf(msg, sizeof(msg), "%s() checked %s", k->call, raw);
	struct finding_step step = { msg, k->site };
	rule_report_after(re, t, &h, k->have_site ? &step : NULL,
			  "%s() checked %s, then %s() %s it by name: the file "
			  "can be replaced in between%s", k->call, raw,
			  t->call.se->name, pc->used, why);
	finding_frame_release(&k->site);
	k->have_site = false;
	return false;
}

/* ---- RX-FILE-005 CredentialStoreRead -------------------------------------- */

/* Every open but write-only ones, at entry: the path is a pointer. A
 * match against the table (a literal prefix fails at its first
 * differing character) decides whether the exit is needed; chdir only
 * invalidates the cached working directory. */
static const struct rule_trigger cred_triggers[] = {
	{ "open", -1, 0, 0 },
	{ "openat", -1, 0, 0 },
	{ "openat2", -1, 0, 0 },
	{ "chdir", -1, 0, 0 },
	{ "fchdir", -1, 0, 0 },
	{ NULL, 0, 0, 0 },
};

static const struct pathclass *cred_of(struct rule_env *re, struct rx_task *t,
				       struct fproc *p, const struct path_call *pc,
				       char *path, size_t len)
{
	if (call_abs(re, t, p, &pc->src, path, len) < 0)
		return NULL;
	return pathclass_credential(path, fproc_home(p, t));
}

static bool cred_entry(struct rule_env *re, struct rx_task *t)
{
	struct fproc *p = fproc_get(re, t);
	if (t->call.nr == SYS_chdir || t->call.nr == SYS_fchdir) {
		p->cwd_ok = false;
		return false;
	}
	const struct path_call *pc = path_call_of(t);
	uint32_t flags, mode;
	if (!pc || call_flags(t, pc, &flags, &mode) < 0 ||
	    (flags & (O_PATH | O_DIRECTORY)) || (flags & O_ACCMODE) == O_WRONLY)
		return false;
	char path[ABS_MAX];
	return cred_of(re, t, p, pc, path, sizeof(path)) != NULL;
}

/* Whether T's descriptor FD is a regular file holding a PEM private key;
 * its body joins the known secrets, which no output shows. */
static bool fd_holds_key(struct rule_env *re, const struct rx_task *t, int fd)
{
	char fdp[64], buf[16384];
	struct stat st;
	snprintf(fdp, sizeof(fdp), "/proc/%d/fd/%d", (int)t->tid, fd);
	int mine = open(fdp, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (mine < 0)
		return false;
	ssize_t n = fstat(mine, &st) == 0 && S_ISREG(st.st_mode) ?
		    pread(mine, buf, sizeof(buf), 0) : -1;
	close(mine);
	size_t at, klen;
	bool key = n > 0 && pathclass_pem_key(buf, (size_t)n, &at, &klen);
	if (key && rule_secrets(re))
		secret_set_add(rule_secrets(re), buf + at, klen);
	if (n > 0)
		memset(buf, 0, (size_t)n);
	return key;
}

static void cred_exit(struct rule_env *re, struct rx_task *t)
{
	struct fproc *p = fproc_get(re, t);
	const struct path_call *pc = path_call_of(t);
	char path[ABS_MAX];
	const struct pathclass *c;
	if (t->call.failed || !pc || !(c = cred_of(re, t, p, pc, path, sizeof(path))))
		return;
	if (!fd_holds_key(re, t, (int)t->call.rval) && c->need_key)
		return;
	struct rule_hit h = { 0, 0, path, false, false };
	rule_report(re, t, &h, "opened %s for reading (%s)", path, c->what);
}

/* ---- RX-FILE-006 SystemLocationWrite --------------------------------------- */

/* Opens that can write, one row per flag, so that read-only opens never
 * stop for this rule; the other calls are rare. */
#define WRITE_OPEN(name, arg)						\
	{ name, arg, O_WRONLY, O_WRONLY }, { name, arg, O_RDWR, O_RDWR },	\
	{ name, arg, O_CREAT, O_CREAT }, { name, arg, O_TRUNC, O_TRUNC }
static const struct rule_trigger sys_triggers[] = {
	WRITE_OPEN("open", 1),
	WRITE_OPEN("openat", 2),
	{ "creat", -1, 0, 0 }, { "openat2", -1, 0, 0 },
	{ "rename", -1, 0, 0 }, { "renameat", -1, 0, 0 },
	{ "renameat2", -1, 0, 0 },
	{ "unlink", -1, 0, 0 }, { "unlinkat", -1, 0, 0 },
	{ "symlink", -1, 0, 0 }, { "symlinkat", -1, 0, 0 },
	{ "link", -1, 0, 0 }, { "linkat", -1, 0, 0 },
	{ "mkdir", -1, 0, 0 }, { "mkdirat", -1, 0, 0 },
	{ "chdir", -1, 0, 0 }, { "fchdir", -1, 0, 0 },
	{ NULL, 0, 0, 0 },
};
#undef WRITE_OPEN

static const struct pathclass *sys_of(struct rule_env *re, struct rx_task *t,
				      const struct path_call **pcp,
				      char *path, size_t len)
{
	struct fproc *p = fproc_get(re, t);
	const struct path_call *pc = path_call_of(t);
	uint32_t flags, mode;
	if (!pc || pc->dst.path < 0 || call_flags(t, pc, &flags, &mode) < 0 ||
	    (is_open(pc) && !write_like(flags)) ||
	    call_abs(re, t, p, &pc->dst, path, len) < 0)
		return NULL;
	*pcp = pc;
	return pathclass_system(path, fproc_home(p, t));
}

static bool sys_entry(struct rule_env *re, struct rx_task *t)
{
	if (t->call.nr == SYS_chdir || t->call.nr == SYS_fchdir) {
		fproc_get(re, t)->cwd_ok = false;
		return false;
	}
	const struct path_call *pc;
	char path[ABS_MAX];
	/* the exit tells whether it worked; trying is the finding */
	return sys_of(re, t, &pc, path, sizeof(path)) != NULL;
}

static void sys_exit(struct rule_env *re, struct rx_task *t)
{
	const struct path_call *pc;
	char path[ABS_MAX];
	const struct pathclass *s = sys_of(re, t, &pc, path, sizeof(path));
	if (!s)
		return;
	struct rule_hit h = { s->level, s->severity, path, false, false };
	if (t->call.failed)
		rule_report(re, t, &h, "tried to %s %s%s (%s): %s", pc->todo, path,
			    pc->suffix, s->what, strerror((int)-t->call.rval));
	else
		rule_report(re, t, &h, "%s %s%s (%s)", pc->done, path, pc->suffix,
			    s->what);
}

/* ---- RX-FILE-007 SensitiveLinkOrTraversal ---------------------------------- */

static const struct rule_trigger link_triggers[] = {
	{ "symlink", -1, 0, 0 }, { "symlinkat", -1, 0, 0 },
	{ "link", -1, 0, 0 }, { "linkat", -1, 0, 0 },
	{ "open", -1, 0, 0 }, { "openat", -1, 0, 0 }, { "openat2", -1, 0, 0 },
	{ NULL, 0, 0, 0 },
};

/* RULES.md: "../" at least twice in the raw path. */
static bool climbs(const char *raw)
{
	const char *s = strstr(raw, "../");
	return s && strstr(s + 3, "../");
}

/* The sensitive file a link call points to, in TARGET. */
static bool link_target(struct rule_env *re, struct rx_task *t,
			const struct path_call *pc, char *target, size_t len)
{
	struct fproc *p = fproc_get(re, t);
	if (pc->nr == SYS_symlink || pc->nr == SYS_symlinkat) {
		/* a relative target is relative to the link's directory */
		char link[ABS_MAX], dir[ABS_MAX];
		const char *raw = rule_arg_str(re, t, 0);
		if (!raw || call_abs(re, t, NULL, &pc->dst, link, sizeof(link)) < 0)
			return false;
		dir_of(link, dir, sizeof(dir));
		if (pathclass_join(target, len, dir, raw) < 0)
			return false;
	} else if (call_abs(re, t, NULL, &pc->src, target, len) < 0) {
		return false;
	}
	return pathclass_sensitive_target(target, fproc_home(p, t));
}

static bool link_entry(struct rule_env *re, struct rx_task *t)
{
	const struct path_call *pc = path_call_of(t);
	if (!pc)
		return false;
	if (is_open(pc)) {
		const char *raw = rule_arg_str(re, t, (unsigned)pc->src.path);
		return raw && climbs(raw);
	}
	char target[ABS_MAX];
	return link_target(re, t, pc, target, sizeof(target));
}

static void link_exit(struct rule_env *re, struct rx_task *t)
{
	const struct path_call *pc = path_call_of(t);
	char target[ABS_MAX], link[ABS_MAX];
	if (t->call.failed || !pc)
		return;
	if (!is_open(pc)) {
		if (!link_target(re, t, pc, target, sizeof(target)) ||
		    call_abs(re, t, NULL, &pc->dst, link, sizeof(link)) < 0)
			return;
		struct rule_hit h = { 0, 0, target, false, false };
		rule_report(re, t, &h, "%s %s to %s, a sensitive location: code that "
			    "opens the link gets it instead", pc->done, link, target);
		return;
	}
	/* where the kernel resolved it, against what the program wrote */
	const char *raw = rule_arg_str(re, t, (unsigned)pc->src.path);
	if (!raw || rule_fd_path(t, (int)t->call.rval, target, sizeof(target)) < 0)
		return;
	const char *into = under(target, "/etc") ? "/etc" :
			   strstr(target, "/.ssh/") ? "an .ssh directory" : NULL;
	if (!into)
		return;
	struct rule_hit h = { 0, 0, target, false, false };
	rule_report(re, t, &h, "opened %s through the path %s, which climbs out "
		    "with ../ into %s", target, raw, into);
}

/* ---- RX-FILE-008 FdLeakedAcrossExec ---------------------------------------- */

static const struct rule_trigger leak_triggers[] = {
	{ "execve", -1, 0, 0 }, { "execveat", -1, 0, 0 },
	{ NULL, 0, 0, 0 },
};

/* Devices that give raw access to memory or disks. */
static const char *const raw_devices[] = {
	"/dev/mem", "/dev/kmem", "/dev/port", "/dev/sd*", "/dev/hd*",
	"/dev/vd*", "/dev/xvd*", "/dev/nvme*", "/dev/mmcblk*", "/dev/dm-*",
};

/* The socket tables of /proc/TID/net: how to read a line, and which
 * states leak. */
static const struct sock_table {
	const char *file;
	bool tcp;
} sock_tables[] = {
	{ "tcp", true }, { "tcp6", true }, { "unix", false },
};

#define TCP_ESTABLISHED 0x01
#define TCP_LISTEN 0x0a
#define UNIX_ACCEPTCON 0x10000	/* __SO_ACCEPTCON: listening */
#define UNIX_CONNECTED 0x03	/* SS_CONNECTED */

/* Socket inode INO as a listening or connected socket, in OUT. */
static bool leaked_socket(pid_t tid, unsigned long ino, char *out, size_t len)
{
	char path[64], line[512];
	for (size_t i = 0; i < ARRAY_SIZE(sock_tables); i++) {
		const struct sock_table *s = &sock_tables[i];
		snprintf(path, sizeof(path), "/proc/%d/net/%s", (int)tid, s->file);
		FILE *fp = fopen(path, "re");
		if (!fp)
			continue;
		bool found = false, leaks = false;
		while (!found && fgets(line, sizeof(line), fp)) {
			unsigned port, st, flags;
			unsigned long n;
			if (s->tcp && sscanf(line, " %*d: %*[0-9A-Fa-f]:%x %*s %x %*s %*s "
					     "%*s %*u %*u %lu", &port, &st, &n) == 3 &&
			    n == ino) {
				found = true;
				leaks = st == TCP_LISTEN || st == TCP_ESTABLISHED;
				snprintf(out, len, st == TCP_LISTEN ?
					 "a TCP socket listening on port %u" :
					 "a connected TCP socket (port %u)", port);
			} else if (!s->tcp && sscanf(line, "%*s %*x %*x %x %*x %x %lu",
						     &flags, &st, &n) == 3 && n == ino) {
				found = true;
				leaks = (flags & UNIX_ACCEPTCON) || st == UNIX_CONNECTED;
				snprintf(out, len, flags & UNIX_ACCEPTCON ?
					 "a listening unix socket" :
					 "a connected unix socket");
			}
		}
		fclose(fp);
		if (found)
			return leaks;
	}
	return false;
}

/* Whether descriptor FD of T, open without O_CLOEXEC, gives the next
 * program access it should not have: what it is, in OUT. */
static bool leaked_fd(struct fproc *p, const struct rx_task *t, int fd,
		      char *out, size_t len)
{
	char path[64], buf[512], target[PATH_MAX];
	snprintf(path, sizeof(path), "/proc/%d/fdinfo/%d", (int)t->tid, fd);
	int f = open(path, O_RDONLY | O_CLOEXEC);
	if (f < 0)
		return false;
	ssize_t n = read(f, buf, sizeof(buf) - 1);
	close(f);
	const char *fl = n > 0 ? (buf[n] = '\0', strstr(buf, "flags:")) : NULL;
	if (!fl)
		return false;
	unsigned long flags = strtoul(fl + 6, NULL, 8);
	if ((flags & O_CLOEXEC) || rule_fd_path(t, fd, target, sizeof(target)) < 0)
		return false;
	unsigned long ino;
	if (sscanf(target, "socket:[%lu]", &ino) == 1)
		return leaked_socket(t->tid, ino, out, len);
	struct stat st;
	snprintf(path, sizeof(path), "/proc/%d/fd/%d", (int)t->tid, fd);
	if (target[0] != '/' || stat(path, &st) < 0)
		return false;
	const struct pathclass *c;
	if (S_ISREG(st.st_mode) && (flags & O_ACCMODE) != O_RDONLY) {
		snprintf(out, len, "%s, open for writing", target);
		return true;
	}
	if (S_ISREG(st.st_mode) &&
	    (c = pathclass_credential(target, fproc_home(p, t))) && !c->need_key) {
		snprintf(out, len, "%s, %s", target, c->what);
		return true;
	}
	for (size_t i = 0; S_ISCHR(st.st_mode) && i < ARRAY_SIZE(raw_devices); i++)
		if (pathclass_glob(raw_devices[i], target)) {
			snprintf(out, len, "%s, a raw memory or disk device", target);
			return true;
		}
	return false;
}

static bool leak_entry(struct rule_env *re, struct rx_task *t)
{
	const struct path_call *pc = path_call_of(t);
	struct fproc *p = fproc_get(re, t);
	char dirp[64], what[PATH_MAX + 64];
	const char *prog = pc ? rule_arg_str(re, t, (unsigned)pc->src.path) : NULL;
	snprintf(dirp, sizeof(dirp), "/proc/%d/fd", (int)t->tid);
	DIR *d = opendir(dirp);
	if (!d)
		return false;
	struct dirent *e;
	while ((e = readdir(d))) {
		unsigned long fd;
		if (parse_uint(e->d_name, INT_MAX, &fd) < 0 || fd <= 2 ||
		    !leaked_fd(p, t, (int)fd, what, sizeof(what)))
			continue;
		struct rule_hit h = { 0, 0, what, false, false };
		rule_report(re, t, &h, "fd %lu (%s) is not close-on-exec: %s "
			    "inherits it", fd, what, prog ? prog : "the new program");
	}
	closedir(d);
	return false;
}

/* ---- RX-FILE-010 BroadFilesystemEnumeration -------------------------------- */

static const struct rule_trigger enum_triggers[] = {
	{ "getdents64", -1, 0, 0 }, { "getdents", -1, 0, 0 },
	{ "chdir", -1, 0, 0 }, { "fchdir", -1, 0, 0 },
	{ NULL, 0, 0, 0 },
};

#define ENUM_THRESHOLD 200

/* Listing these is reported at once. */
static const char *const enum_roots[] = { "/", "/home", "/root" };

/* The directories a process listed, by a hash of their path; the set
 * stops growing when the threshold is crossed. */
#define DIRSET_SLOTS 512
struct dirset {
	unsigned n;
	bool reported;
	unsigned roots;			/* bit i: enum_roots[i] reported */
	char *prefix;			/* the install prefix, or NULL */
	bool prefix_read;
	uint64_t slot[DIRSET_SLOTS];	/* 0: free */
};
_Static_assert(DIRSET_SLOTS > ENUM_THRESHOLD * 2, "the set stays sparse");

static void dirset_free(struct dirset *ds)
{
	if (ds)
		free(ds->prefix);
	free(ds);
}

static uint64_t path_hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;	/* FNV-1a */
	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ull;
	return h ? h : 1;
}

static bool dirset_add(struct dirset *ds, const char *path)
{
	uint64_t h = path_hash(path);
	for (unsigned i = (unsigned)h % DIRSET_SLOTS;; i = (i + 1) % DIRSET_SLOTS) {
		if (ds->slot[i] == h)
			return false;
		if (!ds->slot[i]) {
			ds->slot[i] = h;
			ds->n++;
			return true;
		}
	}
}

/* The directory a program is installed in: /usr for /usr/bin/prog, the
 * program's directory when it is not a bin directory. */
static const char *install_prefix(struct dirset *ds, const struct rx_task *t)
{
	if (!ds->prefix_read) {
		char link[64], exe[PATH_MAX];
		ds->prefix_read = true;
		snprintf(link, sizeof(link), "/proc/%d/exe", (int)t->tid);
		ssize_t n = readlink(link, exe, sizeof(exe) - 1);
		if (n <= 0)
			return NULL;
		exe[n] = '\0';
		char *s = strrchr(exe, '/');
		if (s)
			*s = '\0';
		s = strrchr(exe, '/');
		if (s && (!strcmp(s, "/bin") || !strcmp(s, "/sbin")))
			*s = '\0';
		ds->prefix = xstrdup(exe[0] ? exe : "/");
	}
	return ds->prefix;
}

static bool enum_excluded(struct fproc *p, struct dirset *ds,
			  const struct rx_task *t, const char *dir)
{
	const char *cwd = fproc_cwd(p, t), *prefix = install_prefix(ds, t);
	fproc_env(p, t->tid);
	return (cwd && under(dir, cwd)) || (prefix && under(dir, prefix)) ||
	       pathclass_temp_dir(dir) || (p->tmpdir && p->tmpdir[0] == '/' &&
					    under(dir, p->tmpdir));
}

static bool enum_entry(struct rule_env *re, struct rx_task *t)
{
	struct fproc *p = fproc_get(re, t);
	if (t->call.nr == SYS_chdir || t->call.nr == SYS_fchdir) {
		p->cwd_ok = false;
		return false;
	}
	char dir[PATH_MAX];
	if (rule_fd_path(t, (int)t->call.args[0], dir, sizeof(dir)) < 0)
		return false;
	if (!p->dirs)
		p->dirs = xcalloc(1, sizeof(*p->dirs));
	struct dirset *ds = p->dirs;
	for (unsigned i = 0; i < ARRAY_SIZE(enum_roots); i++) {
		if (strcmp(dir, enum_roots[i]) || (ds->roots & 1u << i))
			continue;
		ds->roots |= 1u << i;
		struct rule_hit h = { 0, 0, dir, false, false };
		rule_report(re, t, &h, "lists %s: programs that enumerate it are "
			    "often searching for keys and credentials", dir);
		return false;
	}
	if (ds->reported || enum_excluded(p, ds, t, dir) || !dirset_add(ds, dir) ||
	    ds->n <= ENUM_THRESHOLD)
		return false;
	ds->reported = true;
	struct rule_hit h = { 0, 0, "threshold", false, false };
	rule_report(re, t, &h, "listed %u directories outside its working "
		    "directory, install prefix and temp directories (the last: "
		    "%s): a crawl of the filesystem", ds->n, dir);
	return false;
}

const struct rule_impl rule_impls_file[] = {
	{ .idx = RULE_IDX_WorldWritableFile, .triggers = ww_triggers,
	  .entry = ww_entry, .exit = ww_exit, .state_free = fproc_free },
	{ .idx = RULE_IDX_SetuidOrSetgidBit, .triggers = setid_triggers,
	  .entry = setid_entry },
	{ .idx = RULE_IDX_InsecureTempFile, .triggers = tmp_triggers,
	  .entry = tmp_entry },
	{ .idx = RULE_IDX_CheckThenUseRace, .triggers = toctou_triggers,
	  .entry = toctou_entry, .state_free = fproc_free },
	{ .idx = RULE_IDX_CredentialStoreRead, .triggers = cred_triggers,
	  .entry = cred_entry, .exit = cred_exit, .state_free = fproc_free },
	{ .idx = RULE_IDX_SystemLocationWrite, .triggers = sys_triggers,
	  .entry = sys_entry, .exit = sys_exit, .state_free = fproc_free },
	{ .idx = RULE_IDX_SensitiveLinkOrTraversal, .triggers = link_triggers,
	  .entry = link_entry, .exit = link_exit, .state_free = fproc_free },
	{ .idx = RULE_IDX_FdLeakedAcrossExec, .triggers = leak_triggers,
	  .entry = leak_entry, .state_free = fproc_free },
	{ .idx = RULE_IDX_BroadFilesystemEnumeration, .triggers = enum_triggers,
	  .entry = enum_entry, .state_free = fproc_free },
	{ 0 },
};
