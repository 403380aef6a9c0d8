/* rule_proc.c - PROC rules: processes, credentials, kernel interfaces */
#include "config.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/if_tun.h>
#include <linux/sched.h>
#include <linux/seccomp.h>
#include <linux/sockios.h>
#include <linux/tiocl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "rule.h"
#include "tracee.h"
#include "util.h"
#include "xlat.h"

/* ---- shared by the rules below ----------------------------------------- */

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/* "succeeded" or "failed (EPERM)": the result of C's call at its exit. */
static const char *result_of(const struct rx_call *c, char *buf, size_t len)
{
	if (!c->failed)
		return "succeeded";
	const char *e = xlat_errno_name((int)-c->rval);
	if (e)
		snprintf(buf, len, "failed (%s)", e);
	else
		snprintf(buf, len, "failed (errno %d)", (int)-c->rval);
	return buf;
}

/* A task's credentials, from /proc/TID/status. */
struct creds {
	unsigned long uid[4], gid[4];	/* real, effective, saved, fs */
	bool group0;			/* a supplementary group is 0 */
	uint64_t cap_eff, cap_prm;
	bool no_new_privs;
};

static int read_creds(pid_t tid, struct creds *cr)
{
	char path[64], line[1024];
	snprintf(path, sizeof(path), "/proc/%d/status", (int)tid);
	FILE *fp = fopen(path, "re");
	if (!fp)
		return -errno;
	unsigned seen = 0;
	*cr = (struct creds){ 0 };
	while (fgets(line, sizeof(line), fp)) {
		unsigned long long v;
		unsigned nnp;
		if (sscanf(line, "Uid: %lu %lu %lu %lu", &cr->uid[0], &cr->uid[1],
			   &cr->uid[2], &cr->uid[3]) == 4) {
			seen |= 1;
		} else if (sscanf(line, "Gid: %lu %lu %lu %lu", &cr->gid[0],
				  &cr->gid[1], &cr->gid[2], &cr->gid[3]) == 4) {
			seen |= 2;
		} else if (!strncmp(line, "Groups:", 7)) {
			for (char *p = line + 7, *end; *p; p = end) {
				unsigned long g = strtoul(p, &end, 10);
				if (end == p)
					break;
				if (!g)
					cr->group0 = true;
			}
		} else if (sscanf(line, "CapEff: %llx", &v) == 1) {
			cr->cap_eff = v;
		} else if (sscanf(line, "CapPrm: %llx", &v) == 1) {
			cr->cap_prm = v;
		} else if (sscanf(line, "NoNewPrivs: %u", &nnp) == 1) {
			cr->no_new_privs = nnp;
		}
	}
	fclose(fp);
	return seen == 3 ? 0 : -EINVAL;
}

/* What an execve or execveat runs, as far as the tracer can tell. */
enum exec_kind { EXEC_NONE, EXEC_FILE, EXEC_MEMFD, EXEC_DELETED };

struct exec_target {
	enum exec_kind kind;
	char path[PATH_MAX];	/* the file (resolved), or the fd's target */
};

/* The descriptor link behind a /proc/.../fd/N or /dev/fd/N path, in the
 * caller's view, written to LINK; false for any other path. */
static bool fd_link_of(const struct rx_task *t, const char *path, char *link,
		       size_t len)
{
	struct rule_proc_path pp;
	unsigned long fd;
	const char *num = NULL;
	pid_t pid = t->tid;
	if (!strncmp(path, "/dev/fd/", 8)) {
		num = path + 8;
	} else if (rule_proc_path_parse(path, &pp) == 0 &&
		   !strncmp(pp.leaf, "fd/", 3)) {
		num = pp.leaf + 3;
		if (pp.pid)
			pid = pp.pid;
	}
	if (!num || parse_uint(num, INT_MAX, &fd) < 0)
		return false;
	snprintf(link, len, "/proc/%d/fd/%lu", (int)pid, fd);
	return true;
}

static void exec_target(struct rule_env *re, struct rx_task *t,
			const struct rule_exec_args *ea, struct exec_target *et)
{
	const struct rx_call *c = &t->call;
	const char *p = rule_arg_str(re, t, (unsigned)ea->path);
	char link[96], abs[PATH_MAX];
	bool by_fd = false;
	et->kind = EXEC_NONE;
	if (!p)
		return;
	int dirfd = ea->dirfd < 0 ? AT_FDCWD : (int)c->args[ea->dirfd];
	if (!*p && ea->flags >= 0 && (c->args[ea->flags] & AT_EMPTY_PATH)) {
		snprintf(link, sizeof(link), "/proc/%d/fd/%d", (int)t->tid, dirfd);
		by_fd = true;
	} else {
		by_fd = fd_link_of(t, p, link, sizeof(link));
	}
	if (by_fd) {
		ssize_t n = readlink(link, et->path, sizeof(et->path) - 1);
		if (n <= 0)
			return;
		et->path[n] = '\0';
		static const char deleted[] = " (deleted)";
		size_t dl = sizeof(deleted) - 1;
		bool gone = (size_t)n > dl && !strcmp(et->path + n - dl, deleted);
		if (!strncmp(et->path, "/memfd:", 7)) {
			/* a memfd has no file to delete: the suffix is noise */
			if (gone)
				et->path[n - dl] = '\0';
			et->kind = EXEC_MEMFD;
		} else if (et->path[0] == '/') {
			et->kind = gone ? EXEC_DELETED : EXEC_FILE;
		}
		/* else a socket, a pipe: not a file */
		return;
	}
	/* A file that does not exist is an attempt that fails, such as the
	 * misses of an execvp search: nothing runs. */
	if (rule_abs_path(t, dirfd, p, abs, sizeof(abs)) < 0 ||
	    !realpath(abs, et->path))
		return;
	et->kind = EXEC_FILE;
}

static const struct rule_trigger exec_triggers[] = {
	{ "execve", -1, 0, 0 },
	{ "execveat", -1, 0, 0 },
	{ NULL, 0, 0, 0 },
};

/* The comm of process PID in BUF, "" when it is gone. */
static const char *comm_of(pid_t pid, char *buf, size_t len)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/comm", (int)pid);
	buf[0] = '\0';
	FILE *fp = fopen(path, "re");
	if (fp) {
		if (fgets(buf, (int)len, fp))
			buf[strcspn(buf, "\n")] = '\0';
		fclose(fp);
	}
	return buf;
}

/* ---- RX-PROC-001 ShellCommandSpawned ------------------------------------ */

/* Falco's shell_binaries. */
static const char *const shells[] = {
	"sh", "bash", "dash", "ash", "zsh", "ksh", "csh", "tcsh",
};

static bool is_shell(const char *path)
{
	const char *b = base_name(path);
	for (size_t i = 0; i < ARRAY_SIZE(shells); i++)
		if (!strcmp(b, shells[i]))
			return true;
	return false;
}

/* Options a shell reads before its command; -c may sit in a cluster
 * such as -ec. */
#define SHELL_OPTS_MAX 16
#define SHOWN_CMD_MAX 80

/* The simplification: the taint escalation of RULES.md (the command
 * holds bytes just read from a socket or file) needs read tracing, which
 * is opt-in and not built yet, so every finding is the default warning;
 * the message says when the command holds shell metacharacters. */
static bool shell_entry(struct rule_env *re, struct rx_task *t)
{
	const struct rule_exec_args *ea = rule_exec_args(&t->call);
	/* rxtrace -- sh -c '...': the user chose the shell */
	if (!ea || rule_is_launch(t))
		return false;
	uint64_t argv[SHELL_OPTS_MAX + 1];
	size_t argc = rule_read_ptrs(t, t->call.args[ea->argv], argv,
				     ARRAY_SIZE(argv));
	bool dash_c = false;
	size_t i;
	char arg[64];
	for (i = 1; i < argc; i++) {
		if (rule_read_str(t, argv[i], arg, sizeof(arg)) < 0 ||
		    arg[0] != '-' || !arg[1] || !strcmp(arg, "--"))
			break;
		if (arg[1] != '-' && strchr(arg + 1, 'c'))
			dash_c = true;
	}
	/* the options first: most programs executed are no shell, and
	 * finding out needs the path resolved */
	const char *p = rule_arg_str(re, t, (unsigned)ea->path);
	if (!dash_c || !p)
		return false;
	char given[PATH_MAX];
	snprintf(given, sizeof(given), "%s", p);
	struct exec_target et;
	if (!is_shell(given)) {
		/* a shell by another name: a link, /proc/self/fd/N */
		exec_target(re, t, ea, &et);
		if (et.kind != EXEC_FILE || !is_shell(et.path))
			return false;
	}
	char cmd[SHOWN_CMD_MAX + 4] = "";
	if (i < argc && rule_read_str(t, argv[i], cmd, SHOWN_CMD_MAX + 1) == 0 &&
	    strlen(cmd) == SHOWN_CMD_MAX)
		strcat(cmd, "...");
	for (char *q = cmd; *q; q++)
		if ((unsigned char)*q < 0x20 || *q == '"')
			*q = *q == '"' ? '\'' : ' ';
	bool meta = strpbrk(cmd, ";|&`") || strstr(cmd, "$(");
	struct rule_hit h = { RULE_WARNING, 0, base_name(given), false, false };
	rule_report(re, t, &h, "runs the shell %s with -c \"%s\": the shell "
		    "interprets the command string%s, so untrusted data in it "
		    "becomes command injection", given, cmd,
		    meta ? ", which holds shell metacharacters" : "");
	return false;
}

/* ---- RX-PROC-002 ExecFromWritableLocation ------------------------------- */

/* memfds executed on purpose: runc re-executes itself from one (as
 * Falco's known_memfd_execution_processes allows). */
static const char *const known_memfds[] = {
	"/memfd:runc_cloned:",
};

/* Reported at the entry of the execve, where the stack is the caller's.
 * A memfd or deleted file can only be executed through a descriptor
 * (fexecve, /proc/self/fd/N), so reading the descriptor's link there
 * finds both without tracking memfd_create. */
static bool writable_exec_entry(struct rule_env *re, struct rx_task *t)
{
	const struct rule_exec_args *ea = rule_exec_args(&t->call);
	/* rxtrace -- /tmp/x: the user chose the program */
	if (!ea || rule_is_launch(t))
		return false;
	struct exec_target et;
	exec_target(re, t, ea, &et);
	struct rule_hit h = { RULE_ERROR, 7.8, NULL, false, false };
	for (size_t i = 0; et.kind == EXEC_MEMFD && i < ARRAY_SIZE(known_memfds); i++)
		if (!strncmp(et.path, known_memfds[i], strlen(known_memfds[i])))
			return false;
	if (et.kind == EXEC_MEMFD) {
		h.key = "memfd";
		rule_report(re, t, &h, "executes a memfd (%s): fileless code "
			    "that exists only in memory, the way droppers hide "
			    "their payload", et.path + 1);
		return false;
	}
	if (et.kind == EXEC_DELETED) {
		h.key = "deleted";
		rule_report(re, t, &h, "executes the deleted file %s: code whose "
			    "file is gone cannot be inspected afterwards", et.path);
		return false;
	}
	if (et.kind != EXEC_FILE)
		return false;
	h.level = RULE_WARNING;
	h.severity = 6.0;
	const char *tmp = rule_temp_dir(et.path);
	if (tmp) {
		h.key = tmp;
		rule_report(re, t, &h, "executes %s from %s, where every user can "
			    "create and replace files", et.path, tmp);
		return false;
	}
	char dir[PATH_MAX];
	struct stat st;
	snprintf(dir, sizeof(dir), "%s", et.path);
	char *slash = strrchr(dir, '/');
	if (!slash)
		return false;
	slash[slash == dir] = '\0';
	if (stat(dir, &st) == 0 && (st.st_mode & S_IWOTH)) {
		h.key = dir;
		rule_report(re, t, &h, "executes %s from %s, a directory every "
			    "user can write", et.path, dir);
	}
	return false;
}

/* ---- RX-PROC-004 PrivilegeRaiseOrFaultyDrop ----------------------------- */

/* The set*id calls: which ids they set, and how many. */
static const struct id_call {
	const char *name;
	bool uid;
	unsigned nids;
	bool fs;		/* setfs*id: a temporary file-access id */
} id_calls[] = {
	{ "setuid", true, 1, false }, { "setgid", false, 1, false },
	{ "setreuid", true, 2, false }, { "setregid", false, 2, false },
	{ "setresuid", true, 3, false }, { "setresgid", false, 3, false },
	{ "setfsuid", true, 1, true }, { "setfsgid", false, 1, true },
};

static const struct rule_trigger priv_triggers[] = {
	{ "setuid", -1, 0, 0 }, { "setgid", -1, 0, 0 },
	{ "setreuid", -1, 0, 0 }, { "setregid", -1, 0, 0 },
	{ "setresuid", -1, 0, 0 }, { "setresgid", -1, 0, 0 },
	{ "setfsuid", -1, 0, 0 }, { "setfsgid", -1, 0, 0 },
	{ "capset", -1, 0, 0 },
	{ "execve", -1, 0, 0 }, { "execveat", -1, 0, 0 },
	{ NULL, 0, 0, 0 },
};

#define ID_UNCHANGED 0xffffffffu

static const struct id_call *id_call_of(const struct rx_call *c)
{
	for (size_t i = 0; i < ARRAY_SIZE(id_calls); i++)
		if (!strcmp(c->se->name, id_calls[i].name))
			return &id_calls[i];
	return NULL;
}

/* "setresuid(-1, 0, -1)" */
static void put_id_call(struct sbuf *sb, const struct id_call *ic,
			const struct rx_call *c)
{
	sb_printf(sb, "%s(", ic->name);
	for (unsigned i = 0; i < ic->nids; i++) {
		uint32_t id = (uint32_t)c->args[i];
		if (id == ID_UNCHANGED)
			sb_printf(sb, "%s-1", i ? ", " : "");
		else
			sb_printf(sb, "%s%" PRIu32, i ? ", " : "", id);
	}
	sb_putc(sb, ')');
}

/* Capabilities a capset asks for beyond those T holds, kept from the
 * entry for the report at the exit (per process: a capset applies to the
 * calling thread, and threads racing capsets are not worth a table). */
struct priv_state {
	uint64_t raised;
};

static void priv_state_free(void *p)
{
	free(p);
}

/* The effective and permitted sets a capset asks for, or -errno. */
static int capset_sets(const struct rx_task *t, uint64_t *eff, uint64_t *prm)
{
	struct __user_cap_header_struct hdr;
	struct __user_cap_data_struct data[2] = { 0 };
	const struct rx_call *c = &t->call;
	if (tracee_read(t->tid, c->args[0], &hdr, sizeof(hdr)) != sizeof(hdr))
		return -EFAULT;
	size_t n = hdr.version == _LINUX_CAPABILITY_VERSION_1 ? 1 : 2;
	ssize_t want = (ssize_t)(n * sizeof(data[0]));
	if (tracee_read(t->tid, c->args[1], data, (size_t)want) != want)
		return -EFAULT;
	*eff = data[0].effective | (uint64_t)data[1].effective << 32;
	*prm = data[0].permitted | (uint64_t)data[1].permitted << 32;
	return 0;
}

/* (d): a set-id or file-capability binary, at the execve entry. Stopped
 * there, before the exec, the note can say whether the kernel will grant
 * the privilege: not with no_new_privs, nor under an unprivileged tracer
 * (and rxtrace sets no_new_privs only when it is unprivileged). */
static void setid_exec(struct rule_env *re, struct rx_task *t)
{
	const struct rule_exec_args *ea = rule_exec_args(&t->call);
	struct exec_target et;
	struct stat st;
	if (rule_is_launch(t))
		return;
	exec_target(re, t, ea, &et);
	if (et.kind != EXEC_FILE || stat(et.path, &st) < 0 || !S_ISREG(st.st_mode))
		return;
	const char *what = (st.st_mode & S_ISUID) ? "set-user-ID" :
			   (st.st_mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP) ?
			   "set-group-ID" :
			   getxattr(et.path, "security.capability", NULL, 0) > 0 ?
			   "file-capability" : NULL;
	if (!what)
		return;
	struct creds cr;
	struct statvfs sv;
	bool nnp = read_creds(t->tid, &cr) == 0 && cr.no_new_privs;
	bool nosuid = statvfs(et.path, &sv) == 0 && (sv.f_flag & ST_NOSUID);
	struct rule_hit h = { RULE_NOTE, 2.0, what, false, false };
	rule_report(re, t, &h, "executes %s, a %s binary owned by uid %u: %s",
		    et.path, what, (unsigned)st.st_uid,
		    nosuid ? "its file system is mounted nosuid, so the kernel "
			     "does not grant its privilege" :
		    nnp ? "no_new_privs is set, so the kernel does not grant "
			  "its privilege (privilege not granted under tracing)" :
		    geteuid() == 0 ? "rxtrace is privileged, so the kernel "
				     "grants its privilege as without tracing" :
		    "the kernel does not grant its privilege under an "
		    "unprivileged tracer (privilege not granted under tracing)");
}

static bool priv_entry(struct rule_env *re, struct rx_task *t)
{
	const struct rx_call *c = &t->call;
	if (rule_exec_args(c)) {
		setid_exec(re, t);
		return false;
	}
	struct creds cr;
	if (!strcmp(c->se->name, "capset")) {
		uint64_t eff, prm;
		if (capset_sets(t, &eff, &prm) < 0 || read_creds(t->tid, &cr) < 0)
			return false;
		uint64_t raised = (eff & ~cr.cap_eff) | (prm & ~cr.cap_prm);
		if (!raised)
			return false;
		void **st = rule_state(re, t);
		if (!*st)
			*st = xcalloc(1, sizeof(struct priv_state));
		((struct priv_state *)*st)->raised = raised;
		return true;
	}
	const struct id_call *ic = id_call_of(c);
	bool zero = false, drop = false;
	for (unsigned i = 0; i < ic->nids; i++) {
		uint32_t id = (uint32_t)c->args[i];
		zero |= id == 0;
		drop |= id != 0 && id != ID_UNCHANGED;
	}
	if (zero)
		return true;	/* (a), reported with its result */
	if (!drop || read_creds(t->tid, &cr) < 0 || cr.uid[1] != 0)
		return false;	/* not a drop from root */
	if (ic->uid && !ic->fs) {
		/* (b): once the uid is gone, so is the right to drop the
		 * groups */
		struct sbuf call;
		sb_init(&call);
		put_id_call(&call, ic, c);
		struct rule_hit h = { RULE_WARNING, 6.4, "order", false, false };
		if (cr.gid[1] == 0)
			rule_report(re, t, &h, "%s while the group id is still 0: "
				    "drop the group first (setgid before setuid), "
				    "or the process keeps root's group", call.p);
		h.key = "groups";
		if (cr.group0)
			rule_report(re, t, &h, "%s keeps the supplementary group 0 "
				    "(root): call setgroups() before dropping the "
				    "user id", call.p);
		sb_release(&call);
	}
	return true;	/* (c) at the exit */
}

/* The simplification of (c): RULES.md reports a failed drop when the
 * process goes on making calls as root, which would need a stop at its
 * next call of any kind. The failed drop itself is reported, as root is
 * still the effective user: a program that checks the result and stops
 * gets the same finding, and its twin is the drop that succeeds. */
static void priv_exit(struct rule_env *re, struct rx_task *t)
{
	const struct rx_call *c = &t->call;
	char res[48];
	struct sbuf call;
	sb_init(&call);
	if (!strcmp(c->se->name, "capset")) {
		void **st = rule_state(re, t);
		uint64_t raised = *st ? ((struct priv_state *)*st)->raised : 0;
		struct rule_hit h = { RULE_ERROR, 0, "capset", false, false };
		if (raised)
			rule_report(re, t, &h, "capset raises capabilities %#" PRIx64
				    " above the ones the thread holds, and %s",
				    raised, result_of(c, res, sizeof(res)));
		if (*st)
			((struct priv_state *)*st)->raised = 0;
		sb_release(&call);
		return;
	}
	const struct id_call *ic = id_call_of(c);
	put_id_call(&call, ic, c);
	bool zero = false;
	for (unsigned i = 0; i < ic->nids; i++)
		zero |= (uint32_t)c->args[i] == 0;
	struct creds cr;
	if (zero) {
		struct rule_hit h = { RULE_ERROR, 0, "raise", false, false };
		rule_report(re, t, &h, "%s sets a %s id to 0 (root) and %s%s",
			    call.p, ic->uid ? "user" : "group",
			    result_of(c, res, sizeof(res)),
			    c->failed ? "" : ": the process has root privileges");
	} else if (c->failed && read_creds(t->tid, &cr) == 0 && cr.uid[1] == 0) {
		struct rule_hit h = { RULE_ERROR, 8.4, "failed", false, false };
		rule_report(re, t, &h, "%s %s and the process still runs as root: "
			    "unless it checks the result and stops, it goes on "
			    "with the privileges it meant to drop", call.p,
			    result_of(c, res, sizeof(res)));
	}
	sb_release(&call);
}

/* ---- RX-PROC-006 NamespaceOrMountChange -------------------------------- */

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif

/* New namespaces: one trigger each, as the filter tests one mask and
 * value per row. CLONE_NEWTIME is unshare's only: in clone its bit is
 * part of the exit signal. */
#define NS_FLAGS_CLONE (CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | \
			CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET)
#define NS_TRIGGER(call, flag) { call, 0, flag, flag }
static const struct rule_trigger ns_triggers[] = {
	NS_TRIGGER("unshare", CLONE_NEWNS), NS_TRIGGER("unshare", CLONE_NEWCGROUP),
	NS_TRIGGER("unshare", CLONE_NEWUTS), NS_TRIGGER("unshare", CLONE_NEWIPC),
	NS_TRIGGER("unshare", CLONE_NEWUSER), NS_TRIGGER("unshare", CLONE_NEWPID),
	NS_TRIGGER("unshare", CLONE_NEWNET), NS_TRIGGER("unshare", CLONE_NEWTIME),
	NS_TRIGGER("clone", CLONE_NEWNS), NS_TRIGGER("clone", CLONE_NEWCGROUP),
	NS_TRIGGER("clone", CLONE_NEWUTS), NS_TRIGGER("clone", CLONE_NEWIPC),
	NS_TRIGGER("clone", CLONE_NEWUSER), NS_TRIGGER("clone", CLONE_NEWPID),
	NS_TRIGGER("clone", CLONE_NEWNET),
	/* the engine stops at every clone3 anyway: its flags are in memory */
	{ "clone3", -1, 0, 0 },
	{ "setns", -1, 0, 0 }, { "mount", -1, 0, 0 }, { "umount2", -1, 0, 0 },
	{ "pivot_root", -1, 0, 0 }, { "fsopen", -1, 0, 0 },
	{ "fsmount", -1, 0, 0 }, { "move_mount", -1, 0, 0 },
	{ "open_tree", -1, 0, 0 },
	{ NULL, 0, 0, 0 },
};

/* Host block devices: mounting one reaches the host's filesystems. */
static const char *const block_devices[] = {
	"/dev/sd", "/dev/nvme", "/dev/vd", "/dev/xvd", "/dev/hd",
	"/dev/mmcblk", "/dev/dm-", "/dev/mapper/", "/dev/disk/",
};

/* The other calls: the argument that names what they act on (a string,
 * or a descriptor), and what they do. */
enum ns_arg { NS_STR, NS_FD, NS_NONE };
static const struct ns_call {
	const char *name;
	enum ns_arg kind;
	int arg;
	const char *what;
} ns_calls[] = {
	{ "setns", NS_FD, 0, "joins the namespace of" },
	{ "umount2", NS_STR, 0, "unmounts" },
	{ "pivot_root", NS_STR, 0, "makes the root filesystem" },
	{ "fsopen", NS_STR, 0, "opens a filesystem context (new mount API) for" },
	{ "fsmount", NS_NONE, -1, "creates a mount from a filesystem context" },
	{ "move_mount", NS_STR, 3, "moves a mount to" },
	{ "open_tree", NS_STR, 1, "opens the mount tree at" },
};

static bool ns_entry(struct rule_env *re, struct rx_task *t)
{
	const struct rx_call *c = &t->call;
	if (strcmp(c->se->name, "clone3"))
		return true;
	uint64_t flags;
	return tracee_read(t->tid, c->args[0], &flags, sizeof(flags)) ==
	       sizeof(flags) && (flags & NS_FLAGS_CLONE);
}

static void ns_new(struct rule_env *re, struct rx_task *t, uint64_t flags,
		   const char *res)
{
	const struct rx_call *c = &t->call;
	struct sbuf fl;
	sb_init(&fl);
	xlat_print_flags(&fl, xlat_clone_flags, flags & (NS_FLAGS_CLONE |
			 (strcmp(c->se->name, "unshare") ? 0 : CLONE_NEWTIME)), "0");
	char key[160];
	snprintf(key, sizeof(key), "%s %s", c->se->name, fl.p);
	struct rule_hit h = { RULE_WARNING, 0, key, false, false };
	rule_report(re, t, &h, "%s(%s) %s: %s", c->se->name, fl.p, res,
		    (flags & CLONE_NEWUSER) ?
		    "a user namespace makes kernel interfaces meant for root "
		    "reachable, which most kernel exploits need" :
		    "new namespaces are how sandboxes and containers start, and "
		    "how a process escapes the view it was given");
	sb_release(&fl);
}

static void ns_mount(struct rule_env *re, struct rx_task *t, const char *res)
{
	const struct rx_call *c = &t->call;
	char src[PATH_MAX] = "", dst[PATH_MAX] = "", type[64] = "";
	if (c->args[0])
		rule_read_str(t, c->args[0], src, sizeof(src));
	rule_read_str(t, c->args[1], dst, sizeof(dst));
	if (c->args[2])
		rule_read_str(t, c->args[2], type, sizeof(type));
	struct sbuf fl;
	sb_init(&fl);
	xlat_print_flags(&fl, xlat_mount_flags, c->args[3], "0");
	bool block = false;
	for (size_t i = 0; i < ARRAY_SIZE(block_devices); i++)
		block |= !strncmp(src, block_devices[i], strlen(block_devices[i]));
	char key[96];
	snprintf(key, sizeof(key), "mount %s", *type ? type : fl.p);
	struct rule_hit h = { RULE_WARNING, 0, key, false, false };
	if (block) {
		h.level = RULE_ERROR;
		h.severity = 7.5;
	}
	rule_report(re, t, &h, "mount of %s on %s (%s, %s) %s%s",
		    *src ? src : "nothing", dst, *type ? type : "no type", fl.p,
		    res, block ? ": a host block device, which gives access to "
				 "the host's filesystems" : "");
	sb_release(&fl);
}

static void ns_exit(struct rule_env *re, struct rx_task *t)
{
	const struct rx_call *c = &t->call;
	const char *name = c->se->name;
	char res[48];
	const char *r = result_of(c, res, sizeof(res));
	if (!strcmp(name, "unshare") || !strcmp(name, "clone")) {
		ns_new(re, t, c->args[0], r);
		return;
	}
	if (!strcmp(name, "clone3")) {
		uint64_t flags;
		if (tracee_read(t->tid, c->args[0], &flags, sizeof(flags)) ==
		    sizeof(flags))
			ns_new(re, t, flags, r);
		return;
	}
	if (!strcmp(name, "mount")) {
		ns_mount(re, t, r);
		return;
	}
	for (size_t i = 0; i < ARRAY_SIZE(ns_calls); i++) {
		const struct ns_call *nc = &ns_calls[i];
		if (strcmp(name, nc->name))
			continue;
		char obj[PATH_MAX + 2] = "";
		if (nc->kind == NS_STR) {
			const char *s = rule_arg_str(re, t, (unsigned)nc->arg);
			snprintf(obj, sizeof(obj), " %s", s ? s : "?");
		} else if (nc->kind == NS_FD) {
			obj[0] = ' ';
			if (rule_fd_path(t, (int)c->args[nc->arg], obj + 1,
					 sizeof(obj) - 1) < 0)
				snprintf(obj, sizeof(obj), " fd %d",
					 (int)c->args[nc->arg]);
		}
		struct rule_hit h = { RULE_WARNING, 0, name, false, false };
		rule_report(re, t, &h, "%s %s%s, and %s", name, nc->what, obj, r);
		return;
	}
}

/* ---- RX-PROC-007 ChrootWithoutChdir ------------------------------------ */

/* After a successful chroot the process is marked; its next path call
 * (open*, exec*) tells whether it moved into the jail: the working
 * directory is compared with the root through /proc, which covers
 * chdir("/"), chdir into the jail and fchdir alike without tracing them.
 * The stat family is not traced for this: it is too frequent. Left out:
 * a chroot by root never followed by a privilege drop, which needs the
 * end of the process. */
static const struct rule_trigger chroot_triggers[] = {
	{ "chroot", -1, 0, 0 },
	{ "open", -1, 0, 0 }, { "openat", -1, 0, 0 }, { "openat2", -1, 0, 0 },
	{ "creat", -1, 0, 0 },
	{ "execve", -1, 0, 0 }, { "execveat", -1, 0, 0 },
	{ NULL, 0, 0, 0 },
};

struct chroot_state {
	char jail[PATH_MAX];
};

static void chroot_state_free(void *p)
{
	free(p);
}

static bool chroot_entry(struct rule_env *re, struct rx_task *t)
{
	const struct rx_call *c = &t->call;
	if (!strcmp(c->se->name, "chroot"))
		return true;
	void **st = rule_state(re, t);
	if (!*st)
		return false;
	struct chroot_state *cs = *st;
	char link[64], root[PATH_MAX], cwd[PATH_MAX];
	snprintf(link, sizeof(link), "/proc/%d/root", (int)t->tid);
	ssize_t rn = readlink(link, root, sizeof(root) - 1);
	snprintf(link, sizeof(link), "/proc/%d/cwd", (int)t->tid);
	ssize_t cn = readlink(link, cwd, sizeof(cwd) - 1);
	if (rn > 0 && cn > 0) {
		root[rn] = cwd[cn] = '\0';
		bool inside = !strcmp(root, "/") ||
			      (!strncmp(cwd, root, (size_t)rn) &&
			       (cwd[rn] == '/' || !cwd[rn]));
		const struct rule_open_args *oa = rule_open_args(c);
		const struct rule_exec_args *ea = rule_exec_args(c);
		int arg = oa ? oa->path : ea ? ea->path : -1;
		const char *p = arg >= 0 ? rule_arg_str(re, t, (unsigned)arg) : NULL;
		struct rule_hit h = { RULE_WARNING, 0, "chroot", false, false };
		if (!inside)
			rule_report(re, t, &h, "%s(\"%s\") after chroot(\"%s\") "
				    "without chdir into the jail: the working "
				    "directory %s is outside the new root, so "
				    "relative paths escape it", c->se->name,
				    p ? p : "?", cs->jail, cwd);
	}
	free(cs);
	*st = NULL;
	return false;
}

static void chroot_exit(struct rule_env *re, struct rx_task *t)
{
	const struct rx_call *c = &t->call;
	if (c->failed)
		return;
	void **st = rule_state(re, t);
	if (!*st)
		*st = xcalloc(1, sizeof(struct chroot_state));
	struct chroot_state *cs = *st;
	const char *p = rule_arg_str(re, t, 0);
	snprintf(cs->jail, sizeof(cs->jail), "%s", p ? p : "?");
}

/* ---- RX-PROC-008 KernelModuleLoad -------------------------------------- */

static const struct rule_trigger module_triggers[] = {
	{ "init_module", -1, 0, 0 },
	{ "finit_module", -1, 0, 0 },
	{ "delete_module", -1, 0, 0 },
	{ NULL, 0, 0, 0 },
};

static bool module_entry(struct rule_env *re, struct rx_task *t)
{
	return true;
}

static void module_exit(struct rule_env *re, struct rx_task *t)
{
	const struct rx_call *c = &t->call;
	const char *name = c->se->name;
	char res[48], what[PATH_MAX + 64];
	if (!strcmp(name, "init_module")) {
		snprintf(what, sizeof(what), "loads a kernel module from a "
			 "%" PRIu64 "-byte image in memory", c->args[1]);
	} else if (!strcmp(name, "finit_module")) {
		char path[PATH_MAX];
		if (rule_fd_path(t, (int)c->args[0], path, sizeof(path)) < 0)
			snprintf(path, sizeof(path), "fd %d", (int)c->args[0]);
		snprintf(what, sizeof(what), "loads the kernel module %s", path);
	} else {
		const char *m = rule_arg_str(re, t, 0);
		snprintf(what, sizeof(what), "removes the kernel module %s",
			 m ? m : "?");
	}
	struct rule_hit h = { RULE_ERROR, 0, name, false, false };
	rule_report(re, t, &h, "%s %s, and %s: module code runs in the kernel "
		    "with full privilege", name, what, result_of(c, res, sizeof(res)));
}

/* ---- RX-PROC-009 KernelExploitPrimitive --------------------------------- */

#define BPF_PROG_LOAD_CMD 5

static const struct rule_trigger prim_triggers[] = {
	{ "userfaultfd", -1, 0, 0 },
	{ "bpf", 0, 0xffffffff, BPF_PROG_LOAD_CMD },
	{ "io_uring_setup", -1, 0, 0 },
	{ "perf_event_open", -1, 0, 0 },
	{ "kexec_load", -1, 0, 0 },
	{ "kexec_file_load", -1, 0, 0 },
	{ "keyctl", -1, 0, 0 },
	{ NULL, 0, 0, 0 },
};

static const struct prim {
	const char *name;
	enum rule_level level;
	double severity;
	const char *what;
} prims[] = {
	{ "userfaultfd", RULE_WARNING, 5.5,
	  "hands page-fault handling to user space, which lets exploits stall "
	  "the kernel in the middle of a race" },
	{ "bpf", RULE_WARNING, 5.5,
	  "loads a BPF program (BPF_PROG_LOAD): code the kernel verifies and "
	  "runs, a frequent target of verifier exploits" },
	{ "io_uring_setup", RULE_WARNING, 5.5,
	  "sets up an io_uring: I/O submitted through the ring bypasses system "
	  "calls, so the file and network activity that follows is invisible "
	  "to rxtrace" },
	{ "perf_event_open", RULE_WARNING, 5.5,
	  "opens a perf event, a large kernel interface with a history of "
	  "privilege-escalation bugs" },
	{ "kexec_load", RULE_ERROR, 7.5,
	  "loads a new kernel to boot into, replacing the running one" },
	{ "kexec_file_load", RULE_ERROR, 7.5,
	  "loads a new kernel to boot into, replacing the running one" },
	{ "keyctl", RULE_WARNING, 5.5,
	  "uses the kernel key management interface, whose objects exploits "
	  "use to shape the kernel heap" },
};

static bool prim_entry(struct rule_env *re, struct rx_task *t)
{
	return true;
}

static void prim_exit(struct rule_env *re, struct rx_task *t)
{
	const struct rx_call *c = &t->call;
	const struct prim *pr = NULL;
	for (size_t i = 0; i < ARRAY_SIZE(prims); i++)
		if (!strcmp(c->se->name, prims[i].name))
			pr = &prims[i];
	if (!pr)
		return;
	struct creds cr;
	/* RULES.md: userfaultfd only when it works for a non-root caller */
	if (!strcmp(pr->name, "userfaultfd") &&
	    (c->failed || read_creds(t->tid, &cr) < 0 || cr.uid[1] == 0))
		return;
	char res[48], key[64];
	const char *sub = !strcmp(pr->name, "keyctl") ?
			  xlat_name(xlat_keyctl_cmd, (uint32_t)c->args[0]) : NULL;
	snprintf(key, sizeof(key), "%s%s%s", pr->name, sub ? " " : "",
		 sub ? sub : "");
	struct rule_hit h = { pr->level, pr->severity, key, false, false };
	rule_report(re, t, &h, "%s%s%s %s: it %s", pr->name, sub ? " " : "",
		    sub ? sub : "", result_of(c, res, sizeof(res)), pr->what);
}

/* ---- RX-PROC-010 AntiDebugging ----------------------------------------- */

#ifndef PR_SET_PTRACER
#define PR_SET_PTRACER 0x59616d61
#endif

static const struct rule_trigger antidebug_triggers[] = {
	{ "ptrace", 0, 0xffffffff, PTRACE_TRACEME },
	{ "prctl", 0, 0xffffffff, PR_SET_DUMPABLE },
	{ "prctl", 0, 0xffffffff, PR_SET_PTRACER },
	/* reading TracerPid: the open of the own /proc/PID/status */
	{ "open", -1, 0, 0 }, { "openat", -1, 0, 0 }, { "openat2", -1, 0, 0 },
	{ NULL, 0, 0, 0 },
};

/* PR_SET_DUMPABLE 0 alone protects secrets from core dumps and other
 * users (RX-MEM-005 wants it); with a look at TracerPid it is the
 * classic debugger check. The process's state records which half was
 * seen. */
enum { AD_UNDUMPABLE = 1, AD_STATUS = 2, AD_REPORTED = 4 };

struct antidebug_state {
	unsigned marks;
};

static void antidebug_state_free(void *p)
{
	free(p);
}

static bool own_status_open(struct rule_env *re, struct rx_task *t,
			    const struct rule_open_args *oa, char *path,
			    size_t len)
{
	const char *p = rule_arg_str(re, t, (unsigned)oa->path);
	struct rule_proc_path pp;
	if (!p || !strstr(p, "status"))
		return false;
	int dirfd = oa->dirfd < 0 ? AT_FDCWD : (int)t->call.args[oa->dirfd];
	return rule_abs_path(t, dirfd, p, path, len) == 0 &&
	       rule_proc_path_parse(path, &pp) == 0 &&
	       !strcmp(pp.leaf, "status") &&
	       (!pp.pid || rule_same_process(t, pp.pid));
}

static bool antidebug_entry(struct rule_env *re, struct rx_task *t)
{
	const struct rx_call *c = &t->call;
	const struct rule_open_args *oa = rule_open_args(c);
	struct rule_hit h = { RULE_NOTE, 0, NULL, false, false };
	if (!strcmp(c->se->name, "ptrace"))
		return true;
	if (!oa && c->args[0] == PR_SET_PTRACER) {
		h.key = "PR_SET_PTRACER";
		rule_report(re, t, &h, "prctl(PR_SET_PTRACER, %" PRId64 ") chooses "
			    "which process may trace this one: anti-debugging "
			    "code uses it to keep debuggers out, so the program "
			    "may behave differently under rxtrace",
			    (int64_t)c->args[1]);
		return false;
	}
	char path[PATH_MAX];
	unsigned mark = oa ? AD_STATUS : AD_UNDUMPABLE;
	if (oa ? !own_status_open(re, t, oa, path, sizeof(path)) : c->args[1] != 0)
		return false;
	void **st = rule_state(re, t);
	if (!*st)
		*st = xcalloc(1, sizeof(struct antidebug_state));
	struct antidebug_state *as = *st;
	as->marks |= mark;
	if ((as->marks & (AD_UNDUMPABLE | AD_STATUS)) ==
	    (AD_UNDUMPABLE | AD_STATUS) && !(as->marks & AD_REPORTED)) {
		as->marks |= AD_REPORTED;
		h.key = "PR_SET_DUMPABLE";
		rule_report(re, t, &h, "prctl(PR_SET_DUMPABLE, 0) together with "
			    "reading its own /proc status (TracerPid): the "
			    "classic check for a debugger, so the program may "
			    "behave differently under rxtrace");
	}
	return false;
}

static void antidebug_exit(struct rule_env *re, struct rx_task *t)
{
	const struct rx_call *c = &t->call;
	char res[48];
	struct rule_hit h = { RULE_NOTE, 0, "PTRACE_TRACEME", false, false };
	rule_report(re, t, &h, "ptrace(PTRACE_TRACEME) %s%s", result_of(c, res,
		    sizeof(res)), c->failed && c->rval == -EPERM ?
		    ": it fails because rxtrace traces the process, which is how "
		    "programs detect a debugger, so the program may behave "
		    "differently under rxtrace" :
		    ": anti-debugging code uses it to keep debuggers out");
}

/* ---- RX-PROC-011 CrossProcessMemoryAccess ------------------------------- */

static const struct rule_trigger xmem_triggers[] = {
	{ "ptrace", 0, 0xffffffff, PTRACE_PEEKTEXT },
	{ "ptrace", 0, 0xffffffff, PTRACE_PEEKDATA },
	{ "ptrace", 0, 0xffffffff, PTRACE_POKETEXT },
	{ "ptrace", 0, 0xffffffff, PTRACE_POKEDATA },
	{ "ptrace", 0, 0xffffffff, PTRACE_SETREGS },
	{ "ptrace", 0, 0xffffffff, PTRACE_ATTACH },
	{ "ptrace", 0, 0xffffffff, PTRACE_SEIZE },
	{ "process_vm_readv", -1, 0, 0 },
	{ "process_vm_writev", -1, 0, 0 },
	{ "pidfd_getfd", -1, 0, 0 },
	{ "open", -1, 0, 0 }, { "openat", -1, 0, 0 }, { "openat2", -1, 0, 0 },
	{ NULL, 0, 0, 0 },
};

/* Requests that only read: a warning; the rest give control (error). */
static const long ptrace_reads[] = { PTRACE_PEEKTEXT, PTRACE_PEEKDATA };

/* The value of FIELD ("TracerPid") in /proc/PID/FILE, or -1. */
static long proc_field(pid_t pid, const char *file, const char *field)
{
	char path[64], line[256];
	size_t flen = strlen(field);
	long v = -1;
	snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, file);
	FILE *fp = fopen(path, "re");
	while (fp && fgets(line, sizeof(line), fp))
		if (!strncmp(line, field, flen) && line[flen] == ':') {
			v = strtol(line + flen + 1, NULL, 10);
			break;
		}
	if (fp)
		fclose(fp);
	return v;
}

/* WHAT (e.g. "process_vm_readv reads the memory") of process PID. An
 * ATTACH to a process rxtrace traces fails: say so, as the finding is
 * the attempt. */
static void xmem_report(struct rule_env *re, struct rx_task *t, bool write,
			const char *key, pid_t pid, const char *what,
			bool attach)
{
	char comm[32];
	struct rule_hit h = { RULE_ERROR, 0, key, false, false };
	if (!write) {
		h.level = RULE_WARNING;
		h.severity = 6.5;
	}
	bool traced = attach && proc_field(pid, "status", "TracerPid") == getpid();
	comm_of(pid, comm, sizeof(comm));
	rule_report(re, t, &h, "%s of another process (pid %d%s%s)%s%s",
		    what, (int)pid, *comm ? ", " : "", comm,
		    write ? ": it can change its code and data" :
			    ": it can read its secrets",
		    traced ? "; rxtrace traces it, so the attach fails with "
			     "EPERM" : "");
}

static bool xmem_entry(struct rule_env *re, struct rx_task *t)
{
	const struct rx_call *c = &t->call;
	const char *name = c->se->name;
	const struct rule_open_args *oa = rule_open_args(c);
	char what[PATH_MAX + 64];
	if (oa) {
		const char *p = rule_arg_str(re, t, (unsigned)oa->path);
		char path[PATH_MAX];
		struct rule_proc_path pp;
		uint64_t flags;
		/* the cheap test first: this runs at every open */
		if (!p || (!strstr(p, "mem") && !strstr(p, "kcore")))
			return false;
		int dirfd = oa->dirfd < 0 ? AT_FDCWD : (int)c->args[oa->dirfd];
		if (rule_abs_path(t, dirfd, p, path, sizeof(path)) < 0)
			return false;
		if (!strcmp(path, "/proc/kcore")) {
			struct rule_hit h = { RULE_WARNING, 6.5, "kcore", false, false };
			rule_report(re, t, &h, "opens /proc/kcore: it can read the "
				    "kernel's memory and every process's");
			return false;
		}
		if (rule_proc_path_parse(path, &pp) < 0 || strcmp(pp.leaf, "mem") ||
		    !pp.pid || rule_same_process(t, pp.pid) ||
		    rule_open_flags(t, oa, &flags) < 0)
			return false;
		bool write = (flags & O_ACCMODE) != O_RDONLY;
		snprintf(what, sizeof(what), "opens %s for %s, the memory", path,
			 write ? "writing" : "reading");
		xmem_report(re, t, write, write ? "mem write" : "mem read",
			    pp.pid, what, false);
		return false;
	}
	pid_t pid = (pid_t)c->args[!strcmp(name, "ptrace") ? 1 : 0];
	if (!strcmp(name, "pidfd_getfd")) {
		char fdinfo[64];
		snprintf(fdinfo, sizeof(fdinfo), "fdinfo/%d", (int)c->args[0]);
		pid = (pid_t)proc_field(t->tid, fdinfo, "Pid");
		if (pid <= 0 || rule_same_process(t, pid))
			return false;
		snprintf(what, sizeof(what), "pidfd_getfd takes descriptor %d",
			 (int)c->args[1]);
		xmem_report(re, t, false, name, pid, what, false);
		return false;
	}
	if (rule_same_process(t, pid))
		return false;
	if (!strcmp(name, "ptrace")) {
		long req = (long)(uint32_t)c->args[0];
		bool write = true;
		for (size_t i = 0; i < ARRAY_SIZE(ptrace_reads); i++)
			write &= req != ptrace_reads[i];
		const char *rn = xlat_name(xlat_ptrace_req, (uint64_t)req);
		snprintf(what, sizeof(what), "ptrace(%s)", rn ? rn : "?");
		xmem_report(re, t, write, rn, pid, what,
			    req == PTRACE_ATTACH || req == PTRACE_SEIZE);
		return false;
	}
	bool write = !strcmp(name, "process_vm_writev");
	snprintf(what, sizeof(what), "%s %s the memory", name,
		 write ? "writes" : "reads");
	xmem_report(re, t, write, name, pid, what, false);
	return false;
}

/* ---- RX-PROC-012 UnsafeIoctl ------------------------------------------- */

/* The requests RULES.md classifies; read-only queries are not here, so
 * the filter never stops them. */
static const struct unsafe_ioctl {
	const char *name;
	uint32_t req;
	enum rule_level level;
	double severity;
	const char *why;
} unsafe_ioctls[] = {
	{ "TIOCSTI", TIOCSTI, RULE_ERROR, 7.8,
	  "injects bytes into the terminal's input queue (fake typing)" },
	{ "TIOCLINUX", TIOCLINUX, RULE_ERROR, 7.8,
	  "sets or pastes the console selection into the terminal's input" },
	{ "TIOCSCTTY", TIOCSCTTY, RULE_WARNING, 6.0,
	  "steals a controlling terminal from another session" },
	{ "TIOCCONS", TIOCCONS, RULE_WARNING, 6.0,
	  "redirects the console's output" },
	{ "TIOCSETD", TIOCSETD, RULE_WARNING, 6.0,
	  "changes the line discipline, which loads kernel code" },
	{ "SIOCSIFFLAGS", SIOCSIFFLAGS, RULE_WARNING, 5.0,
	  "changes a network interface's flags (e.g. promiscuous mode)" },
	{ "TUNSETIFF", TUNSETIFF, RULE_WARNING, 5.0,
	  "creates or configures a tun/tap interface" },
	{ "FS_IOC_SETFLAGS", FS_IOC_SETFLAGS, RULE_WARNING, 5.0,
	  "sets file attributes such as immutable or append-only" },
};

/* One trigger per request: the filter compares the low word, so high
 * bits do not slip past it. */
#define IOCTL_TRIGGER(r) { "ioctl", 1, 0xffffffff, r }
static const struct rule_trigger ioctl_triggers[] = {
	IOCTL_TRIGGER(TIOCSTI), IOCTL_TRIGGER(TIOCLINUX),
	IOCTL_TRIGGER(TIOCSCTTY), IOCTL_TRIGGER(TIOCCONS),
	IOCTL_TRIGGER(TIOCSETD), IOCTL_TRIGGER(SIOCSIFFLAGS),
	IOCTL_TRIGGER(TUNSETIFF), IOCTL_TRIGGER(FS_IOC_SETFLAGS),
	{ NULL, 0, 0, 0 },
};
_Static_assert(ARRAY_SIZE(ioctl_triggers) == ARRAY_SIZE(unsafe_ioctls) + 1,
	       "one trigger per unsafe ioctl");

static const struct unsafe_ioctl *unsafe_ioctl_of(uint64_t req)
{
	for (size_t i = 0; i < ARRAY_SIZE(unsafe_ioctls); i++)
		if (unsafe_ioctls[i].req == (uint32_t)req)
			return &unsafe_ioctls[i];
	return NULL;
}

/* Whether the host lets unprivileged TIOCSTI through (Linux 6.2+ has
 * the switch; older kernels always do): read once. */
static const char *legacy_tiocsti(void)
{
	static int state = -2;
	if (state == -2) {
		char c = 0;
		int fd = open("/proc/sys/dev/tty/legacy_tiocsti",
			      O_RDONLY | O_CLOEXEC);
		state = fd >= 0 && read(fd, &c, 1) == 1 ? c == '1' : -1;
		if (fd >= 0)
			close(fd);
	}
	return state == 1 ? "; the host allows it (dev.tty.legacy_tiocsti=1)" :
	       state == 0 ? "; the host blocks it for unprivileged callers "
			    "(dev.tty.legacy_tiocsti=0)" : "";
}

static bool ioctl_entry(struct rule_env *re, struct rx_task *t)
{
	const struct rx_call *c = &t->call;
	const struct unsafe_ioctl *u = unsafe_ioctl_of(c->args[1]);
	if (!u)
		return false;
	if (u->req == TIOCLINUX) {
		/* only the subcodes that put text into the input */
		unsigned char sub = 0;
		if (tracee_read(t->tid, c->args[2], &sub, 1) != 1 ||
		    (sub != TIOCL_SETSEL && sub != TIOCL_PASTESEL &&
		     sub != TIOCL_SELLOADLUT))
			return false;
	}
	/* TIOCSCTTY steals only when forced (arg 1) */
	if (u->req == TIOCSCTTY && c->args[2] != 1)
		return false;
	return true;
}

static void ioctl_exit(struct rule_env *re, struct rx_task *t)
{
	const struct rx_call *c = &t->call;
	const struct unsafe_ioctl *u = unsafe_ioctl_of(c->args[1]);
	if (!u)
		return;
	char path[256];
	if (rule_fd_path(t, (int)c->args[0], path, sizeof(path)) < 0)
		snprintf(path, sizeof(path), "fd %d", (int)c->args[0]);
	struct rule_hit h = { u->level, u->severity, u->name, false, false };
	bool injects = u->req == TIOCSTI || u->req == TIOCLINUX;
	if (injects && c->failed && c->rval == -EPERM) {
		/* blocked by the kernel: the program still tried */
		h.level = RULE_WARNING;
		h.severity = 6.0;
		rule_report(re, t, &h, "ioctl %s on %s was refused (EPERM): it %s",
			    u->name, path, u->why);
		return;
	}
	rule_report(re, t, &h, "ioctl %s on %s %s%s%s", u->name, path,
		    c->failed ? "failed, but the program tried: it " : "",
		    u->why, u->req == TIOCSTI ? legacy_tiocsti() : "");
}

/* ---- RX-PROC-013 SyscallAbiSwitch -------------------------------------- */

/* i386 and x32 calls are the native ABI of 32-bit and x32 programs: only
 * a 64-bit program switching to them is an evasion. Whether the
 * executable is 64-bit is read once per program, as a 32-bit one makes
 * every call this way. */
enum { ABI_PROG_UNKNOWN, ABI_PROG_64, ABI_PROG_OTHER };

struct abi_state {
	int prog;
};

static void abi_state_free(void *p)
{
	free(p);
}

static int prog_class(pid_t tid)
{
	char path[64];
	unsigned char id[EI_NIDENT];
	snprintf(path, sizeof(path), "/proc/%d/exe", (int)tid);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return ABI_PROG_UNKNOWN;
	ssize_t n = read(fd, id, sizeof(id));
	close(fd);
	if (n != (ssize_t)sizeof(id) || memcmp(id, ELFMAG, SELFMAG))
		return ABI_PROG_UNKNOWN;
	return id[EI_CLASS] == ELFCLASS64 ? ABI_PROG_64 : ABI_PROG_OTHER;
}

static const struct {
	const char *name, *entry;
} foreign_abis[ABI_COUNT] = {
	[ABI_I386] = { "i386", "through int 0x80" },
	[ABI_X32] = { "x32", "with the x32 bit (0x40000000)" },
};

static void abi_foreign(struct rule_env *re, struct rx_task *t)
{
	const struct rx_call *c = &t->call;
	void **st = rule_state(re, t);
	if (!*st)
		*st = xcalloc(1, sizeof(struct abi_state));
	struct abi_state *as = *st;
	/* unknown (the exe cannot be read) is asked again next time */
	if (as->prog == ABI_PROG_UNKNOWN)
		as->prog = prog_class(t->tid);
	if (as->prog != ABI_PROG_64 || !foreign_abis[c->abi].name)
		return;
	const char *name = sysent_name_any(c->abi, c->nr);
	char key[48];
	snprintf(key, sizeof(key), "%s %s", foreign_abis[c->abi].name,
		 name ? name : "?");
	struct rule_hit h = { RULE_ERROR, 0, key, false, false };
	rule_report(re, t, &h, "%s system call %ld (%s) %s from a 64-bit "
		    "program: filters and monitors that expect x86-64 numbers "
		    "miss or misread it", foreign_abis[c->abi].name, c->nr,
		    name ? name : "unknown", foreign_abis[c->abi].entry);
}

/* ---- RX-PROC-014 UntracedClone ----------------------------------------- */

#ifndef CLONE_UNTRACED
#define CLONE_UNTRACED 0x00800000
#endif

/* The filter traps clone with CLONE_UNTRACED, and every clone3, for the
 * engine (see untraced_clone in engine.c): these triggers add nothing to
 * it. */
static const struct rule_trigger untraced_triggers[] = {
	{ "clone", 0, CLONE_UNTRACED, CLONE_UNTRACED },
	{ "clone3", -1, 0, 0 },
	{ NULL, 0, 0, 0 },
};

static bool untraced_entry(struct rule_env *re, struct rx_task *t)
{
	const struct rx_call *c = &t->call;
	bool v3 = !strcmp(c->se->name, "clone3");
	uint64_t flags = c->args[0];
	/* struct clone_args starts with the flags */
	if (v3 && (c->args[1] < sizeof(flags) ||
		   tracee_read(t->tid, c->args[0], &flags, sizeof(flags)) !=
		   sizeof(flags)))
		return false;
	if (!(flags & CLONE_UNTRACED))
		return false;
	struct rule_hit h = { RULE_ERROR, 0, c->se->name, false, false };
	rule_report(re, t, &h, "%s with CLONE_UNTRACED creates a child that "
		    "tracers and debuggers do not follow; %s", c->se->name,
		    v3 ? "rxtrace makes the call fail with ENOSYS, so that no "
			 "child escapes it" :
			 "rxtrace clears the flag, so the child stays traced");
	return false;
}

/* ---- RX-PROC-015 OwnSeccompFilter -------------------------------------- */

#ifndef SECCOMP_FILTER_FLAG_NEW_LISTENER
#define SECCOMP_FILTER_FLAG_NEW_LISTENER (1UL << 3)
#endif

/* Strict mode allows four calls and hides none: filters only. */
static const struct rule_trigger seccomp_triggers[] = {
	{ "seccomp", 0, 0xffffffff, SECCOMP_SET_MODE_FILTER },
	{ "prctl", 0, 0xffffffff, PR_SET_SECCOMP },
	{ NULL, 0, 0, 0 },
};

static bool seccomp_entry(struct rule_env *re, struct rx_task *t)
{
	const struct rx_call *c = &t->call;
	return strcmp(c->se->name, "prctl") ||
	       (uint32_t)c->args[1] == SECCOMP_MODE_FILTER;
}

static void seccomp_exit(struct rule_env *re, struct rx_task *t)
{
	const struct rx_call *c = &t->call;
	bool prctl = !strcmp(c->se->name, "prctl");
	bool listener = !prctl && (c->args[1] & SECCOMP_FILTER_FLAG_NEW_LISTENER);
	char res[48];
	struct rule_hit h = { RULE_NOTE, 0, c->se->name, false, false };
	if (listener) {
		h.level = RULE_WARNING;
		h.severity = 5.0;
		h.key = "NEW_LISTENER";
	}
	rule_report(re, t, &h, "%s%s %s: the program %s its own seccomp "
		    "filter, whose refusals, traps and kills take precedence "
		    "over rxtrace's trace action and are never seen%s",
		    prctl ? "prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER)" :
			    "seccomp(SECCOMP_SET_MODE_FILTER)",
		    listener ? " with SECCOMP_FILTER_FLAG_NEW_LISTENER" : "",
		    result_of(c, res, sizeof(res)),
		    c->failed ? "tries to install" : "installs",
		    listener ? ", and whose listener lets another process "
			       "handle calls out of rxtrace's sight" : "");
}

/* ---- RX-PROC-016 IoctlRequestHighBits ---------------------------------- */

/*
 * The kernel takes an ioctl request as unsigned int, so high bits change
 * nothing for it but defeat filters and monitors that compare all 64
 * bits. Simplification: only the requests RX-PROC-012 classifies are
 * trapped (their low words, ioctl_triggers); high bits on any other
 * request would cost a stop per ioctl, and a filter or a monitor denies
 * the dangerous requests, not the others. A request sign-extended from a
 * negative int (high word all ones, bit 31 set) is a C conversion, not
 * an evasion; no request of the table has bit 31, but the test keeps the
 * rule right when the table grows.
 */
static bool highbits_entry(struct rule_env *re, struct rx_task *t)
{
	const struct rx_call *c = &t->call;
	uint64_t req = c->args[1];
	uint32_t hi = (uint32_t)(req >> 32);
	const struct unsafe_ioctl *u = unsafe_ioctl_of(req);
	if (!hi || !u || (hi == 0xffffffff && (req & 0x80000000)))
		return false;
	struct rule_hit h = { RULE_ERROR, 0, u->name, false, false };
	rule_report(re, t, &h, "ioctl request 0x%" PRIx64 " is %s with high "
		    "bits 0x%" PRIx32 " set: the kernel ignores them and runs %s, "
		    "which filters and monitors comparing all 64 bits miss",
		    req, u->name, hi, u->name);
	return false;
}

const struct rule_impl rule_impls_proc[] = {
	{ .idx = RULE_IDX_UnsafeIoctl, .triggers = ioctl_triggers,
	  .entry = ioctl_entry, .exit = ioctl_exit },
	{ .idx = RULE_IDX_ShellCommandSpawned, .triggers = exec_triggers,
	  .entry = shell_entry },
	{ .idx = RULE_IDX_ExecFromWritableLocation, .triggers = exec_triggers,
	  .entry = writable_exec_entry },
	{ .idx = RULE_IDX_PrivilegeRaiseOrFaultyDrop, .triggers = priv_triggers,
	  .entry = priv_entry, .exit = priv_exit, .state_free = priv_state_free },
	{ .idx = RULE_IDX_NamespaceOrMountChange, .triggers = ns_triggers,
	  .entry = ns_entry, .exit = ns_exit },
	{ .idx = RULE_IDX_ChrootWithoutChdir, .triggers = chroot_triggers,
	  .entry = chroot_entry, .exit = chroot_exit,
	  .state_free = chroot_state_free },
	{ .idx = RULE_IDX_KernelModuleLoad, .triggers = module_triggers,
	  .entry = module_entry, .exit = module_exit },
	{ .idx = RULE_IDX_KernelExploitPrimitive, .triggers = prim_triggers,
	  .entry = prim_entry, .exit = prim_exit },
	{ .idx = RULE_IDX_AntiDebugging, .triggers = antidebug_triggers,
	  .entry = antidebug_entry, .exit = antidebug_exit,
	  .state_free = antidebug_state_free },
	{ .idx = RULE_IDX_CrossProcessMemoryAccess, .triggers = xmem_triggers,
	  .entry = xmem_entry },
	{ .idx = RULE_IDX_SyscallAbiSwitch, .foreign = abi_foreign,
	  .state_free = abi_state_free },
	{ .idx = RULE_IDX_UntracedClone, .triggers = untraced_triggers,
	  .entry = untraced_entry },
	{ .idx = RULE_IDX_OwnSeccompFilter, .triggers = seccomp_triggers,
	  .entry = seccomp_entry, .exit = seccomp_exit },
	{ .idx = RULE_IDX_IoctlRequestHighBits, .triggers = ioctl_triggers,
	  .entry = highbits_entry },
	{ 0 },
};
