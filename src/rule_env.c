/* rule_env.c - ENV rules: the environment and arguments of programs */
#include "config.h"

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "envscan.h"
#include "rule.h"
#include "tracee.h"
#include "util.h"

/* ---- RX-ENV-001 SecretInEnvironment ------------------------------------- */

static void env_exec(struct rule_env *re, struct rx_task *t)
{
	size_t len;
	char *env = envscan_read(t->tid, &len);
	if (!env)
		return;
	struct sbuf shown, name;
	sb_init(&shown);
	sb_init(&name);
	for (size_t at = 0; at < len;) {
		size_t n = strnlen(env + at, len - at);
		struct secret_match m;
		const char *entry = env + at;
		at += n + 1;
		if (secret_classify_env(entry, n, &m) < 0 || m.kind == SECRET_NONE)
			continue;
		const struct secret_kind_info *ki = secret_kind_info(m.kind);
		struct rule_hit h = { RULE_ERROR, 7.5, NULL, true, true };
		if (!ki->credential) {
			h.level = RULE_WARNING;
			h.severity = 5.3;
		}
		sb_reset(&shown);
		secret_redact_env(&shown, entry, n, &m);
		sb_reset(&name);
		sb_putn(&name, entry, m.name_len);
		h.key = name.p;
		rule_report(re, t, &h, "%s in the environment (%s)", shown.p,
			    ki->label);
	}
	sb_release(&shown);
	sb_release(&name);
	memset(env, 0, len);
	free(env);
}

static const struct rule_trigger exec_triggers[] = {
	{ "execve", -1, 0, 0 },
	{ "execveat", -1, 0, 0 },
	{ NULL, 0, 0, 0 },
};

/* What a message shows of a tracee string: at most SHOWN_MAX bytes, and
 * control bytes (a PEM block's newlines) as '?', so it stays one line. */
#define SHOWN_MAX 160

static void shown_clean(struct sbuf *sb)
{
	if (sb->len > SHOWN_MAX) {
		sb_truncate(sb, SHOWN_MAX);
		sb_puts(sb, "...");
	}
	for (size_t i = 0; i < sb->len; i++)
		if ((unsigned char)sb->p[i] < 0x20 || sb->p[i] == 0x7f)
			sb->p[i] = '?';
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

static bool in_list(const char *const *list, size_t n, const char *s,
		    size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(list[i]) == len && !strncasecmp(list[i], s, len))
			return true;
	return false;
}

/* ---- RX-ENV-002 SecretOnCommandLine ------------------------------------- */

/* Flags whose value is a credential whatever it looks like. The value is
 * judged as a PASSWORD variable's would be (entropy, placeholders). Other
 * -NAME=VALUE flags are judged by NAME as an environment entry is, so
 * the *PASSWORD* pattern finds --db-password=... */
static const char *const credential_flags[] = {
	"password", "passwd", "pass", "token", "secret", "api-key", "apikey",
	"api-token", "access-token", "auth-token", "client-secret",
	"secret-key",
};

/* Flag names ending so say where the secret is, not what it is:
 * --password-file=/run/secrets/db is the safe way. */
static const char *const indirect_suffixes[] = {
	"file", "path", "dir", "fd", "env", "stdin", "cmd", "command",
	"prompt", "helper",
};

/* Clients whose -pSECRET (attached, no space) is a password: mysql's.
 * Elsewhere -p... is a port, -pthread, mkdir -p. */
static const char *const short_p_programs[] = {
	"mysql", "mysqldump", "mysqladmin", "mysqlimport", "mysqlshow",
	"mysqlcheck", "mysqlslap", "mariadb", "mariadb-dump",
	"mariadb-admin",
};

/* Headers whose value after the scheme word is a credential (curl -H). */
static const char *const auth_headers[] = {
	"authorization:", "proxy-authorization:",
};

/* A secret found in an argument: the bytes [OFF, OFF + SLEN) of it (or
 * of the argument after it, the flag's value), which the message shows
 * as their length. */
struct arg_hit {
	const char *label;
	bool credential;
	size_t off, slen;
	char name[64];		/* the flag, variable or header: the key */
};

static bool has_indirect_suffix(const char *name, size_t len)
{
	for (size_t i = 0; i < ARRAY_SIZE(indirect_suffixes); i++) {
		size_t k = strlen(indirect_suffixes[i]);
		if (len > k && strchr("-_", name[len - k - 1]) &&
		    !strncasecmp(name + len - k, indirect_suffixes[i], k))
			return true;
	}
	return false;
}

static void hit_name(struct arg_hit *h, const char *name, size_t len)
{
	snprintf(h->name, sizeof(h->name), "%.*s", (int)len, name);
}

static bool hit_of(struct arg_hit *h, const struct secret_match *m,
		   size_t base)
{
	const struct secret_kind_info *ki = secret_kind_info(m->kind);
	if (m->kind == SECRET_NONE || !ki)
		return false;
	h->label = ki->label;
	h->credential = ki->credential;
	h->off = base + m->secret_off;
	h->slen = m->secret_len;
	return true;
}

/* VALUE (LEN bytes) given to a credential flag, judged as the value of a
 * PASSWORD variable; SCRATCH holds the entry so made. */
static bool flag_value(struct sbuf *scratch, const char *value, size_t len,
		       size_t base, struct arg_hit *h)
{
	static const char name[] = "PASSWORD=";
	struct secret_match m;
	sb_reset(scratch);
	sb_puts(scratch, name);
	sb_putn(scratch, value, len);
	if (secret_classify_env(scratch->p, scratch->len, &m) < 0 ||
	    !hit_of(h, &m, base))
		return false;
	h->off -= sizeof(name) - 1;
	if (m.kind == SECRET_NAME_ONLY)
		h->label = "credential flag";
	return true;
}

/* "Authorization: Bearer TOKEN", also attached to -H. */
static bool header_hit(const char *a, size_t n, struct arg_hit *h)
{
	size_t at = n > 2 && !strncmp(a, "-H", 2) ? 2 : 0;
	for (size_t i = 0; i < ARRAY_SIZE(auth_headers); i++) {
		size_t k = strlen(auth_headers[i]);
		if (n - at <= k || strncasecmp(a + at, auth_headers[i], k))
			continue;
		size_t v = at + k;
		while (v < n && a[v] == ' ')
			v++;
		size_t sp = v;
		while (sp < n && a[sp] != ' ')
			sp++;
		while (sp < n && a[sp] == ' ')
			sp++;
		size_t off = sp < n ? sp : v;	/* no scheme word: all of it */
		if (off >= n)
			return false;
		h->label = "authorization header";
		h->credential = true;
		h->off = off;
		h->slen = n - off;
		hit_name(h, a + at, k - 1);
		return true;
	}
	return false;
}

/* Classify argument A (N bytes) of program PROG; NEXT (NLEN bytes, or
 * NULL) is the argument after it, the value of "--password VALUE".
 * Returns 0: no secret, 1: a secret in A, 2: a secret in NEXT. */
static int classify_arg(struct sbuf *scratch, const char *prog, const char *a,
			size_t n, const char *next, size_t nlen,
			struct arg_hit *h)
{
	struct secret_match m;
	if (header_hit(a, n, h))
		return 1;
	if (n > 1 && a[0] == '-') {
		size_t d = a[1] == '-' ? 2 : 1;
		const char *name = a + d;
		const char *eq = memchr(name, '=', n - d);
		size_t nl = eq ? (size_t)(eq - name) : n - d;
		if (eq && nl) {
			hit_name(h, a, d + nl);
			if (in_list(credential_flags, ARRAY_SIZE(credential_flags),
				    name, nl))
				return flag_value(scratch, eq + 1,
						  n - d - nl - 1, d + nl + 1, h);
			if (secret_classify_env(name, n - d, &m) < 0 ||
			    (m.kind == SECRET_NAME_ONLY &&
			     has_indirect_suffix(name, nl)))
				return 0;
			return hit_of(h, &m, d) ? 1 : 0;
		}
		if (d == 1 && a[1] == 'p' && n > 2 &&
		    in_list(short_p_programs, ARRAY_SIZE(short_p_programs),
			    prog, strlen(prog))) {
			hit_name(h, a, 2);
			return flag_value(scratch, a + 2, n - 2, 2, h);
		}
		if (!next || !nlen || next[0] == '-' || eq)
			return 0;
		hit_name(h, a, n);
		if (in_list(credential_flags, ARRAY_SIZE(credential_flags),
			    name, nl))
			return flag_value(scratch, next, nlen, 0, h) ? 2 : 0;
		if (has_indirect_suffix(name, nl))
			return 0;
		/* a secret-looking flag name: judge NAME=NEXT */
		sb_reset(scratch);
		sb_putn(scratch, name, nl);
		sb_putc(scratch, '=');
		sb_putn(scratch, next, nlen);
		if (secret_classify_env(scratch->p, scratch->len, &m) < 0 ||
		    !hit_of(h, &m, 0))
			return 0;
		h->off -= nl + 1;
		return 2;
	}
	const char *eq = memchr(a, '=', n);
	if (eq && eq != a && secret_classify_env(a, n, &m) == 0 &&
	    m.kind != SECRET_NONE) {
		/* PGPASSWORD=... handed to env, make or docker -e */
		hit_name(h, a, (size_t)(eq - a));
		return hit_of(h, &m, 0);
	}
	secret_classify_value(a, n, &m);
	if (!hit_of(h, &m, 0))
		return 0;
	snprintf(h->name, sizeof(h->name), "%s", h->label);
	return 1;
}

/* The arguments ENV-002 reads, as envscan does. */
#define ARGV_MAX 1024

/* Read argument ADDR into BUF (ENVSCAN_ARG_MAX + 1 bytes); returns its
 * length, 0 when unreadable. */
static size_t read_arg(const struct rx_task *t, uint64_t addr, char *buf)
{
	if (rule_read_str(t, addr, buf, ENVSCAN_ARG_MAX + 1) < 0)
		buf[0] = '\0';
	return strlen(buf);
}

enum { SCAN_FOUND = 1, SCAN_UNMASKABLE = 2 };

/* One pass over the arguments of T's exec (layout EA) of PATH. Without
 * REPORT it learns the secrets found, so that every output masks them
 * (envscan does not know flags such as --token VALUE), and returns
 * SCAN_* flags; with REPORT it reports them, WITH_CALL saying whether
 * the decoded call may be the evidence. */
static unsigned cmdline_scan(struct rule_env *re, struct rx_task *t,
			     const struct rule_exec_args *ea, const char *path,
			     bool report, bool with_call)
{
	static uint64_t ptrs[ARGV_MAX];
	static char bufs[2][ENVSCAN_ARG_MAX + 1];
	const char *prog = base_name(path);
	size_t argc = rule_read_ptrs(t, t->call.args[ea->argv], ptrs, ARGV_MAX);
	if (argc < 2)
		return 0;
	struct secret_set *known = rule_secrets(re);
	struct sbuf scratch, shown, key;
	sb_init(&scratch);
	sb_init(&shown);
	sb_init(&key);
	unsigned flags = 0;
	/* each argument is read once: the one after the current one is read
	 * ahead, for "--password VALUE" */
	char *cur = bufs[0], *next = bufs[1];
	size_t clen = read_arg(t, ptrs[1], cur), nlen = 0;
	for (size_t i = 1; i < argc; i++) {
		bool have_next = i + 1 < argc;
		if (have_next)
			nlen = read_arg(t, ptrs[i + 1], next);
		struct arg_hit h = { 0 };
		int where = classify_arg(&scratch, prog, cur, clen,
					 have_next ? next : NULL, nlen, &h);
		const char *src = where == 2 ? next : cur;
		size_t slen = where == 2 ? nlen : clen;
		if (where && !report) {
			flags |= SCAN_FOUND;
			if (h.slen < SECRET_MIN_LEN)
				flags |= SCAN_UNMASKABLE;
			else if (known)
				secret_set_add(known, src + h.off, h.slen);
		} else if (where) {
			sb_reset(&shown);
			if (where == 2) {
				sb_putn(&shown, cur, clen);
				sb_putc(&shown, ' ');
			}
			struct secret_match m = {
				.kind = SECRET_NAME_ONLY, .secret_off = h.off,
				.secret_len = h.slen,
			};
			secret_redact_env(&shown, src, slen, &m);
			shown_clean(&shown);
			sb_reset(&key);
			sb_printf(&key, "%s %s", prog, h.name);
			struct rule_hit rh = { RULE_ERROR, 7.1, key.p, !with_call,
					       false };
			if (!h.credential) {
				rh.level = RULE_WARNING;
				rh.severity = 5.3;
			}
			rule_report(re, t, &rh,
				    "%s is executed with %s on its command line "
				    "(%s): every local user can read it in "
				    "/proc/PID/cmdline", path, shown.p, h.label);
		}
		if (where == 2) {
			/* the value is taken: the argument after it is next */
			if (++i + 1 < argc)
				nlen = read_arg(t, ptrs[i + 1], next);
			else
				break;
		}
		char *tmp = cur;
		cur = next;
		next = tmp;
		clen = nlen;
	}
	explicit_bzero(bufs, sizeof(bufs));
	explicit_bzero(scratch.p, scratch.cap);
	sb_release(&scratch);
	sb_release(&shown);
	sb_release(&key);
	return flags;
}

/* The decoded execve shows every argument; a secret too short for the
 * known set (SECRET_MIN_LEN) cannot be masked in it, so then the
 * findings go without the call as evidence. */
static bool cmdline_entry(struct rule_env *re, struct rx_task *t)
{
	const struct rule_exec_args *ea = rule_exec_args(&t->call);
	/* rxtrace -- cmd --password=...: the user wrote that command line,
	 * the rule judges those the traced programs make */
	if (!ea || rule_is_launch(t))
		return false;
	const char *p = rule_arg_str(re, t, (unsigned)ea->path);
	char path[PATH_MAX];
	snprintf(path, sizeof(path), "%s", p && *p ? p : "the program");
	unsigned flags = cmdline_scan(re, t, ea, path, false, false);
	if (flags & SCAN_FOUND)
		cmdline_scan(re, t, ea, path, true, !(flags & SCAN_UNMASKABLE));
	return false;
}

/* ---- RX-ENV-003 LoaderHijackVariable ------------------------------------ */

enum loader_list { LIST_FILES, LIST_DIRS, LIST_NONE };

/* The variables that change what code the dynamic loader runs, and how
 * their values are lists of paths. */
static const struct loader_var {
	const char *name;		/* with its '=' */
	enum loader_list list;
	const char *seps;
	const char *what;
} loader_vars[] = {
	{ "LD_PRELOAD=", LIST_FILES, ": ",
	  "the loader preloads these libraries into the program" },
	{ "LD_AUDIT=", LIST_FILES, ":",
	  "the loader runs these auditing libraries inside the program" },
	{ "LD_LIBRARY_PATH=", LIST_DIRS, ":;",
	  "the loader searches these directories before the system ones" },
	{ "GLIBC_TUNABLES=", LIST_NONE, "",
	  "it changes the loader's and allocator's behaviour, and its parser "
	  "was the Looney Tunables hole (CVE-2023-4911)" },
};
/* Longest name above: the bytes of each envp entry read first. */
#define LOADER_NAME_MAX 16

static bool world_writable(const struct rx_task *t, const char *path)
{
	char p[PATH_MAX + 64];
	struct stat st;
	snprintf(p, sizeof(p), "/proc/%d/root%s", (int)t->tid, path);
	return stat(p, &st) == 0 && (st.st_mode & S_IWOTH);
}

/* Why element E (LEN bytes) of a loader list lets others inject code,
 * written to WHY; false when it does not. */
static bool element_unsafe(const struct rx_task *t, enum loader_list list,
			   const char *e, size_t len, struct sbuf *why)
{
	char path[PATH_MAX];
	if (!len) {
		if (list != LIST_DIRS)
			return false;	/* the loader skips empty entries */
		sb_puts(why, "an empty element means the working directory");
		return true;
	}
	if (len >= sizeof(path))
		return false;
	memcpy(path, e, len);
	path[len] = '\0';
	/* a bare library name is searched in the system directories */
	if (list == LIST_FILES && !strchr(path, '/'))
		return false;
	if (path[0] != '/') {
		sb_printf(why, "%s is relative to the working directory", path);
		return true;
	}
	char dir[PATH_MAX];
	snprintf(dir, sizeof(dir), "%s", path);
	if (list == LIST_FILES) {
		char *slash = strrchr(dir, '/');
		slash[slash == dir] = '\0';
	}
	const char *tmp = rule_temp_dir(dir);
	if (tmp) {
		sb_printf(why, "%s is under %s, where every user can create files",
			  path, tmp);
		return true;
	}
	if (world_writable(t, dir)) {
		sb_printf(why, "%s is in %s, writable by every user", path, dir);
		return true;
	}
	if (list == LIST_FILES && world_writable(t, path)) {
		sb_printf(why, "%s is writable by every user", path);
		return true;
	}
	return false;
}

static bool loader_entry(struct rule_env *re, struct rx_task *t)
{
	const struct rule_exec_args *ea = rule_exec_args(&t->call);
	if (!ea)
		return false;
	static uint64_t ptrs[ENVSCAN_ARGS_MAX];
	size_t n = rule_read_ptrs(t, t->call.args[ea->envp], ptrs,
				  ENVSCAN_ARGS_MAX);
	const char *p = rule_arg_str(re, t, (unsigned)ea->path);
	char path[PATH_MAX];
	snprintf(path, sizeof(path), "%s", p && *p ? p : "the program");
	bool launch = rule_is_launch(t);
	struct sbuf entry, why, shown;
	bool init = false;

	for (size_t i = 0; i < n; i++) {
		char head[LOADER_NAME_MAX];
		ssize_t got = tracee_read(t->tid, ptrs[i], head, sizeof(head));
		const struct loader_var *lv = NULL;
		for (size_t k = 0; got > 0 && k < ARRAY_SIZE(loader_vars); k++) {
			size_t nl = strlen(loader_vars[k].name);
			if ((size_t)got >= nl && !memcmp(head, loader_vars[k].name, nl))
				lv = &loader_vars[k];
		}
		if (!lv)
			continue;
		if (!init) {
			sb_init(&entry);
			sb_init(&why);
			sb_init(&shown);
			init = true;
		}
		sb_reset(&entry);
		sb_grow(&entry, ENVSCAN_ARG_MAX + 1);
		if (rule_read_str(t, ptrs[i], entry.p, ENVSCAN_ARG_MAX + 1) < 0)
			continue;
		entry.len = strlen(entry.p);
		size_t nl = strlen(lv->name);
		if (entry.len == nl)
			continue;	/* set empty: it changes nothing */
		sb_reset(&why);
		bool unsafe = false;
		for (const char *e = entry.p + nl; lv->list != LIST_NONE;) {
			size_t len = strcspn(e, lv->seps);
			if ((unsafe = element_unsafe(t, lv->list, e, len, &why)))
				break;
			if (!e[len])
				break;
			e += len + 1;
		}
		sb_reset(&shown);
		sb_putn(&shown, entry.p, entry.len);
		shown_clean(&shown);
		char key[LOADER_NAME_MAX];
		snprintf(key, sizeof(key), "%.*s", (int)nl - 1, lv->name);
		struct rule_hit h = { RULE_WARNING, 0, key, false, launch };
		if (unsafe) {
			h.level = RULE_ERROR;
			h.severity = 7.8;
			rule_report(re, t, &h, "%s passed to %s: %s, so other users "
				    "can make it run their code", shown.p, path,
				    why.p);
		} else {
			rule_report(re, t, &h, "%s passed to %s: %s", shown.p,
				    path, lv->what);
		}
	}
	if (init) {
		sb_release(&entry);
		sb_release(&why);
		sb_release(&shown);
	}
	return false;
}

/* ---- RX-ENV-005 ForeignEnvironmentRead ---------------------------------- */

static const struct rule_trigger open_triggers[] = {
	{ "open", -1, 0, 0 },
	{ "openat", -1, 0, 0 },
	{ "openat2", -1, 0, 0 },
	{ NULL, 0, 0, 0 },
};

static bool environ_entry(struct rule_env *re, struct rx_task *t)
{
	const struct rule_open_args *oa = rule_open_args(&t->call);
	const char *p = oa ? rule_arg_str(re, t, (unsigned)oa->path) : NULL;
	/* the cheap test first: this runs at every open */
	if (!p || !strstr(p, "environ"))
		return false;
	char path[PATH_MAX];
	struct rule_proc_path pp;
	int dirfd = oa->dirfd < 0 ? AT_FDCWD : (int)t->call.args[oa->dirfd];
	if (rule_abs_path(t, dirfd, p, path, sizeof(path)) < 0 ||
	    rule_proc_path_parse(path, &pp) < 0 || strcmp(pp.leaf, "environ") ||
	    !pp.pid || rule_same_process(t, pp.pid))
		return false;
	char comm_path[64], comm[32] = "";
	snprintf(comm_path, sizeof(comm_path), "/proc/%d/comm", (int)pp.pid);
	FILE *fp = fopen(comm_path, "re");
	if (fp) {
		if (fgets(comm, sizeof(comm), fp))
			comm[strcspn(comm, "\n")] = '\0';
		fclose(fp);
	}
	struct rule_hit h = { RULE_WARNING, 0, "environ", false, false };
	rule_report(re, t, &h, "opens %s, the environment of another process%s%s%s: "
		    "environments often hold credentials", path,
		    *comm ? " (" : "", comm, *comm ? ")" : "");
	return false;
}

const struct rule_impl rule_impls_env[] = {
	{ .idx = RULE_IDX_SecretInEnvironment, .exec = env_exec },
	{ .idx = RULE_IDX_SecretOnCommandLine, .triggers = exec_triggers,
	  .entry = cmdline_entry },
	{ .idx = RULE_IDX_LoaderHijackVariable, .triggers = exec_triggers,
	  .entry = loader_entry },
	{ .idx = RULE_IDX_ForeignEnvironmentRead, .triggers = open_triggers,
	  .entry = environ_entry },
	{ 0 },
};
