/* rule_mem.c - MEM rules: memory */
#include "config.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <linux/sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/uio.h>
#include <unistd.h>

#include "decode.h"
#include "rule.h"
#include "tracee.h"
#include "util.h"
#include "xlat.h"

/* ---- RX-MEM-004 ForkWithSensitiveMemory --------------------------------- */

/* Locking memory is what marks it sensitive (keys in a secure heap), so
 * /proc/PID/smaps is read at a fork only in processes that locked some:
 * the lock calls are rare, forks of big processes are not. */
static const struct rule_trigger fork_triggers[] = {
	{ "mlock", -1, 0, 0 },
	{ "mlock2", -1, 0, 0 },
	{ "mlockall", -1, 0, 0 },
	{ "mmap", 3, MAP_LOCKED, MAP_LOCKED },
	{ "fork", -1, 0, 0 },
	{ "vfork", -1, 0, 0 },
	{ "clone", 0, CLONE_VM, 0 },	/* a new address space: not a thread */
	{ "clone3", -1, 0, 0 },
	{ NULL, 0, 0, 0 },
};

/* The per-process state is a flag: this process locked memory. */
static char locked_mark;

struct locked_region {
	unsigned long start, end;
	unsigned long locked_kb;
	bool excluded;			/* one of the VmFlags looked for */
};

/* The first locked mapping none of whose VmFlags is in EXCL (two-letter
 * names, NULL-terminated). */
static int exposed_region(pid_t pid, const char *const *excl,
			  struct locked_region *out)
{
	char path[64], line[512];
	snprintf(path, sizeof(path), "/proc/%d/smaps", (int)pid);
	FILE *fp = fopen(path, "re");
	if (!fp)
		return -errno;
	struct locked_region cur = { 0 };
	int found = 0;
	while (!found && fgets(line, sizeof(line), fp)) {
		unsigned long a, b, kb;
		if (sscanf(line, "%lx-%lx ", &a, &b) == 2) {
			cur = (struct locked_region){ a, b, 0, false };
		} else if (sscanf(line, "Locked: %lu kB", &kb) == 1) {
			cur.locked_kb = kb;
		} else if (!strncmp(line, "VmFlags:", 8)) {
			bool lo = strstr(line, " lo") != NULL;
			for (const char *const *x = excl; *x && !cur.excluded; x++) {
				char flag[4] = { ' ', (*x)[0], (*x)[1], '\0' };
				cur.excluded = strstr(line, flag) != NULL;
			}
			if ((lo || cur.locked_kb) && !cur.excluded) {
				*out = cur;
				found = 1;
			}
		}
	}
	fclose(fp);
	return found;
}

/* Whether clone3's struct clone_args asks for a new address space. */
static bool clone3_new_mm(const struct rx_task *t)
{
	uint64_t flags;
	if (tracee_read(t->tid, t->call.args[0], &flags, sizeof(flags)) !=
	    sizeof(flags))
		return true;
	return !(flags & CLONE_VM);
}

static bool fork_entry(struct rule_env *re, struct rx_task *t)
{
	const struct rx_call *c = &t->call;
	const char *name = c->se->name;
	void **st = rule_state(re, t);

	if (!strncmp(name, "mlock", 5) || !strcmp(name, "mmap")) {
		*st = &locked_mark;
		return false;
	}
	if (!*st || (!strcmp(name, "clone3") && !clone3_new_mm(t)))
		return false;
	/* vfork, and clone with CLONE_VFORK (posix_spawn), suspend the
	 * parent until the child execs or exits: nothing runs on the
	 * copied secrets, which RULES.md does not report by default. */
	if (!strcmp(name, "vfork") ||
	    (!strcmp(name, "clone") && (c->args[0] & CLONE_VFORK)))
		return false;
	/* what a child would inherit readable: not wf (MADV_WIPEONFORK),
	 * not dc (MADV_DONTFORK) */
	static const char *const inherited[] = { "wf", "dc", NULL };
	struct locked_region r = { 0 };
	if (exposed_region(rx_task_tgid(t), inherited, &r) <= 0)
		return false;
	char key[64];
	snprintf(key, sizeof(key), "%s", name);
	struct rule_hit h = { RULE_WARNING, 5.9, key, false, false };
	rule_report(re, t, &h,
		    "%s() while %lu kB of locked memory at %#lx-%#lx is neither "
		    "MADV_WIPEONFORK nor MADV_DONTFORK: the child gets a copy",
		    name, r.locked_kb ? r.locked_kb : (r.end - r.start) / 1024,
		    r.start, r.end);
	return false;
}

/* ---- helpers: mappings and ELF headers ------------------------------------ */

#define PROT_WX (PROT_WRITE | PROT_EXEC)

struct map_entry {
	unsigned long start, end, off;
	char perms[5];			/* "rwxp" */
	char path[PATH_MAX];		/* "" for anonymous memory */
};

/* One line of /proc/PID/maps. */
static bool map_parse(const char *line, struct map_entry *m)
{
	int n = 0;
	if (sscanf(line, "%lx-%lx %4s %lx %*s %*s %n", &m->start, &m->end,
		   m->perms, &m->off, &n) != 4 || !n)
		return false;
	snprintf(m->path, sizeof(m->path), "%s", line + n);
	m->path[strcspn(m->path, "\n")] = '\0';
	return true;
}

static FILE *maps_open(const struct rx_task *t)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/maps", (int)t->tid);
	return fopen(path, "re");
}

/* Whether PATH is the dynamic loader, which relocates objects and makes
 * the stack executable for them on its own. */
static bool loader_path(const char *path)
{
	const char *base = strrchr(path, '/');
	return base && !strncmp(base + 1, "ld-linux", 8);
}

struct elf_facts {
	uint16_t type;			/* ET_EXEC, ET_DYN ... */
	bool gnu_stack;			/* has a PT_GNU_STACK header */
	bool exec_stack;		/* ... with PF_X */
};

/* The facts of the 64-bit ELF file at PATH, or -errno (-ENOEXEC when it
 * is not one). */
static int elf_facts_read(const char *path, struct elf_facts *f)
{
	Elf64_Phdr ph[64];
	Elf64_Ehdr eh;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	int r = -ENOEXEC;
	if (pread(fd, &eh, sizeof(eh), 0) == (ssize_t)sizeof(eh) &&
	    !memcmp(eh.e_ident, ELFMAG, SELFMAG) &&
	    eh.e_ident[EI_CLASS] == ELFCLASS64 &&
	    eh.e_phentsize == sizeof(Elf64_Phdr)) {
		size_t n = eh.e_phnum < ARRAY_SIZE(ph) ? eh.e_phnum : ARRAY_SIZE(ph);
		ssize_t got = pread(fd, ph, n * sizeof(ph[0]), (off_t)eh.e_phoff);
		*f = (struct elf_facts){ .type = eh.e_type };
		for (size_t i = 0; got > 0 && i < (size_t)got / sizeof(ph[0]); i++)
			if (ph[i].p_type == PT_GNU_STACK) {
				f->gnu_stack = true;
				f->exec_stack = ph[i].p_flags & PF_X;
			}
		r = 0;
	}
	close(fd);
	return r;
}

static int exe_facts(const struct rx_task *t, struct elf_facts *f)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/exe", (int)t->tid);
	return elf_facts_read(path, f);
}

/* ---- RX-MEM-001 WritableExecutableMapping -------------------------------- */

static const struct rule_trigger wx_triggers[] = {
	{ "mmap", 2, PROT_WX, PROT_WX },
	{ "mprotect", 2, PROT_WX, PROT_WX },
	{ "pkey_mprotect", 2, PROT_WX, PROT_WX },
	{ NULL, 0, 0, 0 },
};

static bool wx_entry(struct rule_env *re, struct rx_task *t)
{
	const struct rx_call *c = &t->call;
	struct rule_hit h = { RULE_WARNING, 0, c->se->name, false, false };
	rule_report(re, t, &h, "%s of %lu bytes asks for PROT_WRITE|PROT_EXEC: "
		    "memory both writable and executable defeats W^X, so a "
		    "memory-corruption bug can run the code it writes",
		    c->se->name, (unsigned long)c->args[1]);
	return false;
}

/* ---- RX-MEM-002 WritableMemoryMadeExecutable ----------------------------- */

/* The region is looked up in /proc/PID/maps at the stop rather than
 * tracked from mmap history: only calls adding PROT_EXEC stop, and they
 * are rare. A file mapping made read-only before it is made executable
 * is not seen as once writable. */
static const struct rule_trigger dyncode_triggers[] = {
	{ "mprotect", 2, PROT_EXEC, PROT_EXEC },
	{ "pkey_mprotect", 2, PROT_EXEC, PROT_EXEC },
	{ NULL, 0, 0, 0 },
};

static bool dyncode_entry(struct rule_env *re, struct rx_task *t)
{
	const struct rx_call *c = &t->call;
	/* the stack made executable is RX-MEM-003's */
	if (c->args[2] & PROT_GROWSDOWN)
		return false;
	unsigned long start = c->args[0], end = start + c->args[1];
	FILE *fp = maps_open(t);
	if (!fp)
		return false;
	struct map_entry m, hit = { 0 };
	bool found = false, by_loader = false;
	char line[PATH_MAX + 128];
	while (fgets(line, sizeof(line), fp)) {
		if (!map_parse(line, &m))
			continue;
		if (c->ip >= m.start && c->ip < m.end)
			by_loader = loader_path(m.path);
		/* writable now (executable or not: W+X turning into R+X
		 * is the same code), or anonymous memory not yet
		 * executable: code put there at run time */
		if (!found && m.start < end && start < m.end &&
		    (m.perms[1] == 'w' || (m.path[0] != '/' && m.perms[2] != 'x'))) {
			hit = m;
			found = true;
		}
	}
	fclose(fp);
	if (!found)
		return false;
	struct rule_hit h = { RULE_WARNING, 0, hit.path[0] ? hit.path : "anonymous",
			      false, false };
	if (by_loader && hit.path[0] == '/') {
		h.level = RULE_NOTE;
		h.severity = 3.0;
		rule_report(re, t, &h, "the loader makes the text of %s executable "
			    "again after relocating it (DT_TEXTREL): its code was "
			    "writable while the program started", hit.path);
		return false;
	}
	char what[PATH_MAX + 32];
	bool w = hit.perms[1] == 'w';
	if (hit.path[0] == '/')
		snprintf(what, sizeof(what), "the %smapping of %s",
			 w ? "writable " : "", hit.path);
	else
		snprintf(what, sizeof(what), "%sanonymous memory%s%s",
			 w ? "writable " : "", hit.path[0] ? " " : "", hit.path);
	rule_report(re, t, &h, "mprotect makes %s executable: code written or "
		    "unpacked at run time (a JIT, a packer, a shellcode loader)",
		    what);
	return false;
}

/* ---- RX-MEM-003 ExecutableStack ------------------------------------------ */

static const struct rule_trigger stack_triggers[] = {
	{ "mprotect", 2, PROT_EXEC | PROT_GROWSDOWN, PROT_EXEC | PROT_GROWSDOWN },
	{ "pkey_mprotect", 2, PROT_EXEC | PROT_GROWSDOWN,
	  PROT_EXEC | PROT_GROWSDOWN },
	{ NULL, 0, 0, 0 },
};

static bool wants_exec_stack(const struct elf_facts *f)
{
	/* without PT_GNU_STACK the loader assumes an executable stack */
	return !f->gnu_stack || f->exec_stack;
}

/* The loader makes the stack executable for an object it maps: the first
 * mapped object other than the main executable that asks for it, into
 * OUT and its facts into F; false when none does. */
static bool exec_stack_object(const struct rx_task *t, char *out, size_t len,
			      struct elf_facts *f)
{
	FILE *fp = maps_open(t);
	if (!fp)
		return false;
	char line[PATH_MAX + 128], exe[PATH_MAX] = "", link[64];
	snprintf(link, sizeof(link), "/proc/%d/exe", (int)t->tid);
	ssize_t n = readlink(link, exe, sizeof(exe) - 1);
	exe[n > 0 ? n : 0] = '\0';
	struct map_entry m;
	bool found = false;
	while (!found && fgets(line, sizeof(line), fp))
		if (map_parse(line, &m) && m.off == 0 && m.path[0] == '/' &&
		    strcmp(m.path, exe) && elf_facts_read(m.path, f) == 0 &&
		    f->type == ET_DYN && wants_exec_stack(f)) {
			snprintf(out, len, "%s", m.path);
			found = true;
		}
	fclose(fp);
	return found;
}

/* Whether T's current call was made by the dynamic loader. */
static bool called_by_loader(const struct rx_task *t)
{
	FILE *fp = maps_open(t);
	if (!fp)
		return false;
	char line[PATH_MAX + 128];
	struct map_entry m;
	bool found = false, loader = false;
	while (!found && fgets(line, sizeof(line), fp))
		if (map_parse(line, &m) && t->call.ip >= m.start &&
		    t->call.ip < m.end) {
			found = true;
			loader = loader_path(m.path);
		}
	fclose(fp);
	return loader;
}

static bool stack_entry(struct rule_env *re, struct rx_task *t)
{
	char obj[PATH_MAX];
	bool by_loader = called_by_loader(t);
	struct rule_hit h = { RULE_WARNING, 0, "stack", false, false };
	struct elf_facts f;
	if (by_loader && exec_stack_object(t, obj, sizeof(obj), &f)) {
		h.key = obj;
		rule_report(re, t, &h, "the loader makes the stack executable for "
			    "%s, which %s: a stack buffer overflow becomes code "
			    "execution", obj, f.gnu_stack ?
			    "asks for it (PT_GNU_STACK with PF_X)" :
			    "has no PT_GNU_STACK");
		return false;
	}
	rule_report(re, t, &h, "%s makes the stack executable (PROT_EXEC with "
		    "PROT_GROWSDOWN): a stack buffer overflow becomes code "
		    "execution", by_loader ? "the loader" : t->call.se->name);
	return false;
}

static void stack_exec(struct rule_env *re, struct rx_task *t)
{
	struct elf_facts f;
	if (exe_facts(t, &f) < 0 || !wants_exec_stack(&f))
		return;
	struct rule_hit h = { RULE_WARNING, 0, "PT_GNU_STACK", true, true };
	if (f.gnu_stack)
		rule_report(re, t, &h, "the main executable asks for an executable "
			    "stack (PT_GNU_STACK with PF_X), so its stack is mapped "
			    "executable: a stack buffer overflow becomes code "
			    "execution");
	else
		rule_report(re, t, &h, "the main executable has no PT_GNU_STACK, "
			    "which the loader takes as asking for an executable "
			    "stack: a stack buffer overflow becomes code execution");
}

/* ---- RX-MEM-005 SensitiveMemoryDumpable ---------------------------------- */

/* Checked when the process exits (exit_group): by then it has locked and
 * advised its memory as it ever will. A process killed by a signal is
 * not checked. A failed lock call is reported when the program goes on
 * to exit with status 0: one that checks the failure gives up. */
static const struct rule_trigger dump_triggers[] = {
	{ "mlock", -1, 0, 0 },
	{ "mlock2", -1, 0, 0 },
	{ "mlockall", -1, 0, 0 },
	{ "mmap", 3, MAP_LOCKED, MAP_LOCKED },
	{ "prctl", 0, 0xffffffff, PR_SET_DUMPABLE },
	{ "exit_group", -1, 0, 0 },
	{ NULL, 0, 0, 0 },
};

struct dump_state {
	bool locked;			/* some lock call succeeded */
	bool undumpable;		/* prctl(PR_SET_DUMPABLE, 0) */
	/* the last failed lock call */
	const char *failed_call;
	int failed_errno;
	unsigned long failed_len;
};

static struct dump_state *dump_state_of(struct rule_env *re, struct rx_task *t)
{
	void **st = rule_state(re, t);
	if (!*st)
		*st = xcalloc(1, sizeof(struct dump_state));
	return *st;
}

/* Whether a crash of PID would write a core dump: RLIMIT_CORE is not 0,
 * or the host pipes dumps to a program, which ignores any limit but 1. */
static bool core_dumps_on(pid_t pid, char *why, size_t len)
{
	static int piped = -1;
	if (piped < 0) {
		char c = 0;
		int fd = open("/proc/sys/kernel/core_pattern", O_RDONLY | O_CLOEXEC);
		piped = fd >= 0 && read(fd, &c, 1) == 1 && c == '|';
		if (fd >= 0)
			close(fd);
	}
	char path[64], line[256], soft[32] = "";
	snprintf(path, sizeof(path), "/proc/%d/limits", (int)pid);
	FILE *fp = fopen(path, "re");
	if (!fp)
		return false;
	while (fgets(line, sizeof(line), fp))
		if (sscanf(line, "Max core file size %31s", soft) == 1)
			break;
	fclose(fp);
	if (piped && strcmp(soft, "1")) {
		snprintf(why, len, "the host pipes core dumps to a program");
		return true;
	}
	if (soft[0] && strcmp(soft, "0")) {
		snprintf(why, len, "RLIMIT_CORE is %s", soft);
		return true;
	}
	return false;
}

static void dump_at_exit(struct rule_env *re, struct rx_task *t,
			 const struct dump_state *d)
{
	struct rule_hit h = { RULE_NOTE, 3.1, d->failed_call, true, true };
	if (d->failed_call && (int)t->call.args[0] == 0) {
		const char *err = xlat_errno_name(d->failed_errno);
		if (!strcmp(d->failed_call, "mlockall"))
			rule_report(re, t, &h, "mlockall failed (%s) and the program "
				    "went on to exit successfully: its memory was "
				    "not locked and can be swapped out",
				    err ? err : "?");
		else
			rule_report(re, t, &h, "%s of %lu bytes failed (%s) and the "
				    "program went on to exit successfully: the "
				    "memory was not locked and can be swapped out",
				    d->failed_call, d->failed_len, err ? err : "?");
	}
	static const char *const dumped[] = { "dd", NULL };
	struct locked_region r = { 0 };
	char why[64];
	pid_t pid = rx_task_tgid(t);
	if (!d->locked || d->undumpable || !core_dumps_on(pid, why, sizeof(why)) ||
	    exposed_region(pid, dumped, &r) <= 0)
		return;
	h = (struct rule_hit){ RULE_WARNING, 0, "MADV_DONTDUMP", true, true };
	rule_report(re, t, &h, "%lu kB of locked memory at %#lx-%#lx is not "
		    "excluded from core dumps (MADV_DONTDUMP) in a dumpable "
		    "process, and %s: a crash writes it to disk",
		    r.locked_kb ? r.locked_kb : (r.end - r.start) / 1024,
		    r.start, r.end, why);
}

static bool dump_entry(struct rule_env *re, struct rx_task *t)
{
	const struct rx_call *c = &t->call;
	const char *name = c->se->name;
	if (!strncmp(name, "mlock", 5))
		return true;
	if (!strcmp(name, "mmap")) {
		dump_state_of(re, t)->locked = true;
	} else if (!strcmp(name, "prctl")) {
		dump_state_of(re, t)->undumpable = c->args[1] == 0;
	} else {
		/* exit_group: nothing to check in most processes */
		const struct dump_state *d = *rule_state(re, t);
		if (d)
			dump_at_exit(re, t, d);
	}
	return false;
}

static void dump_exit(struct rule_env *re, struct rx_task *t)
{
	const struct rx_call *c = &t->call;
	struct dump_state *d = dump_state_of(re, t);
	if (!c->failed) {
		d->locked = true;
		return;
	}
	d->failed_call = c->se->name;
	d->failed_errno = (int)-c->rval;
	d->failed_len = strcmp(c->se->name, "mlockall") ? c->args[1] : 0;
}

/* ---- RX-MEM-006 AslrWeakened --------------------------------------------- */

#define ASLR_SYSCTL_DIR "/proc/sys/kernel"
#define ASLR_SYSCTL_NAME "randomize_va_space"

/* The opens that may name the sysctl: the path is a pointer, so no
 * condition can narrow them. */
static const struct rule_trigger aslr_triggers[] = {
	{ "personality", 0, ADDR_NO_RANDOMIZE, ADDR_NO_RANDOMIZE },
	{ "open", -1, 0, 0 },
	{ "openat", -1, 0, 0 },
	{ "openat2", -1, 0, 0 },
	{ NULL, 0, 0, 0 },
};

/* Whether PATH, opened relative to DIRFD, is the ASLR sysctl. Only a
 * path ending in its name costs more than a comparison. */
static bool is_aslr_sysctl(const struct rx_task *t, int dirfd, const char *path)
{
	size_t n = strlen(path), k = strlen(ASLR_SYSCTL_NAME);
	if (n < k || strcmp(path + n - k, ASLR_SYSCTL_NAME) ||
	    (n > k && path[n - k - 1] != '/'))
		return false;
	if (path[0] == '/')
		return !strcmp(path, ASLR_SYSCTL_DIR "/" ASLR_SYSCTL_NAME);
	char dir[PATH_MAX], full[2 * PATH_MAX];
	if (dirfd == AT_FDCWD) {
		char link[64];
		snprintf(link, sizeof(link), "/proc/%d/cwd", (int)t->tid);
		ssize_t r = readlink(link, dir, sizeof(dir) - 1);
		if (r < 0)
			return false;
		dir[r] = '\0';
	} else if (rule_fd_path(t, dirfd, dir, sizeof(dir)) < 0) {
		return false;
	}
	snprintf(full, sizeof(full), "%s/%s", dir, path);
	return !strcmp(full, ASLR_SYSCTL_DIR "/" ASLR_SYSCTL_NAME);
}

static void aslr_open(struct rule_env *re, struct rx_task *t)
{
	const struct rx_call *c = &t->call;
	const struct rule_open_args *oa = rule_open_args(c);
	/* the path other rules read at this stop too */
	const char *path = oa ? rule_arg_str(re, t, (unsigned)oa->path) : NULL;
	if (!path ||
	    !is_aslr_sysctl(t, oa->dirfd < 0 ? AT_FDCWD : (int)c->args[oa->dirfd],
			    path))
		return;
	uint64_t flags;
	if (rule_open_flags(t, oa, &flags) < 0)
		return;
	if ((flags & O_ACCMODE) != O_RDONLY) {
		struct rule_hit h = { RULE_ERROR, 7.0, "write", false, false };
		rule_report(re, t, &h, "opens " ASLR_SYSCTL_DIR "/" ASLR_SYSCTL_NAME
			    " for writing: changing it turns address-space layout "
			    "randomisation off for the whole host");
		return;
	}
	struct rule_hit h = { RULE_NOTE, 2.0, "read", false, false };
	rule_report(re, t, &h, "reads " ASLR_SYSCTL_DIR "/" ASLR_SYSCTL_NAME
		    ": probing whether address-space layout randomisation is on, "
		    "as exploits do");
}

static bool aslr_entry(struct rule_env *re, struct rx_task *t)
{
	const struct rx_call *c = &t->call;
	if (strcmp(c->se->name, "personality")) {
		aslr_open(re, t);
		return false;
	}
	/* 0xffffffff only queries the persona */
	if ((uint32_t)c->args[0] == 0xffffffff)
		return false;
	struct rule_hit h = { RULE_WARNING, 0, "personality", false, false };
	rule_report(re, t, &h, "personality() sets ADDR_NO_RANDOMIZE: the "
		    "programs this process executes run without address-space "
		    "layout randomisation, at predictable addresses");
	return false;
}

static void aslr_exec(struct rule_env *re, struct rx_task *t)
{
	struct elf_facts f;
	if (exe_facts(t, &f) < 0 || f.type != ET_EXEC)
		return;
	struct rule_hit h = { RULE_NOTE, 3.7, "ET_EXEC", true, true };
	rule_report(re, t, &h, "the main executable is not position-independent "
		    "(ET_EXEC): its code and data sit at fixed addresses that "
		    "address-space layout randomisation cannot move");
}

/* ---- RX-MEM-007 MemorySafetyViolation ------------------------------------ */

#define HEAP_WHY "glibc found the heap corrupted (an overflow, a use after " \
	"free or a bad free)"

/* What glibc writes to standard error (with writev) just before it
 * aborts on a failed check: the abort that follows is that bug. */
static const struct abort_kind {
	const char *prefix;
	const char *why;
	const char *key;
} abort_kinds[] = {
	{ "*** stack smashing detected ***", "a stack buffer overflow "
	  "overwrote the stack protector's canary", "stack-protector" },
	{ "*** buffer overflow detected ***", "FORTIFY_SOURCE caught a write "
	  "past the end of a buffer", "fortify" },
	{ "free(): double free detected", "a double free", "double-free" },
	{ "double free or corruption", "a double free or heap corruption",
	  "double-free" },
	{ "free(): ", HEAP_WHY, "heap" },
	{ "malloc(): ", HEAP_WHY, "heap" },
	{ "realloc(): ", HEAP_WHY, "heap" },
	{ "munmap_chunk(): ", HEAP_WHY, "heap" },
	{ "malloc_consolidate(): ", HEAP_WHY, "heap" },
	{ "_int_malloc(): ", HEAP_WHY, "heap" },
	{ "corrupted size vs. prev_size", HEAP_WHY, "heap" },
	{ "corrupted double-linked list", HEAP_WHY, "heap" },
};

/* The signals of crashes, and what each means. Faults count when the
 * kernel raised them; SIGABRT when the process sent it itself (abort()):
 * a signal another process sends, or a kill(getpid(), SIGSEGV), is no
 * crash. */
static const struct crash_signal {
	int sig;
	bool self_sent;
	const char *why;
} crash_signals[] = {
	{ SIGSEGV, false, "an invalid memory access" },
	{ SIGBUS, false, "an access to memory that is gone or misaligned" },
	{ SIGILL, false, "an illegal instruction: corrupted code, or a trap" },
	{ SIGFPE, false, "an arithmetic fault such as a division by zero" },
	{ SIGABRT, true, "the program aborted itself (abort(), e.g. a failed "
	  "assertion)" },
};

/* glibc's last message to standard error, kept per process until the
 * abort it announces. */
struct abort_note {
	const struct abort_kind *kind;
	char text[96];
};

static const struct rule_trigger crash_triggers[] = {
	{ "writev", 0, 0xffffffff, STDERR_FILENO },
	{ NULL, 0, 0, 0 },
};

static bool crash_entry(struct rule_env *re, struct rx_task *t)
{
	const struct rx_call *c = &t->call;
	struct iovec iov[4];
	size_t niov = c->args[2] < ARRAY_SIZE(iov) ? c->args[2] : ARRAY_SIZE(iov);
	if (!niov)
		return false;
	char text[96];
	size_t len = 0;
	ssize_t n = tracee_read(t->tid, c->args[1], iov, niov * sizeof(iov[0]));
	for (size_t i = 0; n > 0 && i < (size_t)n / sizeof(iov[0]) &&
	     len < sizeof(text) - 1; i++) {
		size_t want = iov[i].iov_len < sizeof(text) - 1 - len ?
			      iov[i].iov_len : sizeof(text) - 1 - len;
		ssize_t got = tracee_read(t->tid, (uintptr_t)iov[i].iov_base,
					  text + len, want);
		if (got <= 0)
			break;
		len += (size_t)got;
	}
	text[len] = '\0';
	text[strcspn(text, "\n")] = '\0';
	const struct abort_kind *kind = NULL;
	for (size_t i = 0; i < ARRAY_SIZE(abort_kinds) && !kind; i++)
		if (!strncmp(text, abort_kinds[i].prefix,
			     strlen(abort_kinds[i].prefix)))
			kind = &abort_kinds[i];
	/* a later message to standard error replaces an earlier one */
	void **st = rule_state(re, t);
	if (!kind && !*st)
		return false;
	if (!*st)
		*st = xcalloc(1, sizeof(struct abort_note));
	struct abort_note *an = *st;
	an->kind = kind;
	if (kind)
		snprintf(an->text, sizeof(an->text), "%s", text);
	return false;
}

/* Whether PID has a handler for SIG (SigCgt in /proc/PID/status). */
static bool signal_caught(pid_t pid, int sig)
{
	char path[64], line[256];
	unsigned long long mask = 0;
	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	FILE *fp = fopen(path, "re");
	if (!fp)
		return false;
	while (fgets(line, sizeof(line), fp))
		if (sscanf(line, "SigCgt: %llx", &mask) == 1)
			break;
	fclose(fp);
	return mask >> (sig - 1) & 1;
}

static void crash_signal(struct rule_env *re, struct rx_task *t, int sig,
			 const siginfo_t *si)
{
	const struct crash_signal *cs = NULL;
	for (size_t i = 0; i < ARRAY_SIZE(crash_signals); i++)
		if (crash_signals[i].sig == sig)
			cs = &crash_signals[i];
	pid_t pid = rx_task_tgid(t);
	if (!cs || !si ||
	    (cs->self_sent ? si->si_code > 0 || si->si_pid != pid :
	     si->si_code <= 0))
		return;
	struct abort_note *an = sig == SIGABRT ? *rule_state(re, t) : NULL;
	const struct abort_kind *kind = an ? an->kind : NULL;
	const char *name = xlat_signal_name(sig);
	struct rule_hit h = { RULE_ERROR, 0, kind ? kind->key : name, true, false };
	if (!kind)
		h.severity = 7.5;
	bool caught = signal_caught(pid, sig);
	if (caught) {
		h.level = RULE_NOTE;
		h.severity = 3.0;
	}
	const char *handled = caught ? "; the program handles the signal and "
				       "may recover" : "";
	if (kind) {
		rule_report(re, t, &h, "%s after \"%s\": %s%s", name, an->text,
			    kind->why, handled);
		an->kind = NULL;
		return;
	}
	struct sbuf sb;
	sb_init(&sb);
	decode_siginfo(&sb, si);
	rule_report(re, t, &h, "%s %s: %s%s", name, sb.p, cs->why, handled);
	sb_release(&sb);
}

const struct rule_impl rule_impls_mem[] = {
	{ .idx = RULE_IDX_ForkWithSensitiveMemory, .triggers = fork_triggers,
	  .entry = fork_entry },
	{ .idx = RULE_IDX_WritableExecutableMapping, .triggers = wx_triggers,
	  .entry = wx_entry },
	{ .idx = RULE_IDX_WritableMemoryMadeExecutable,
	  .triggers = dyncode_triggers, .entry = dyncode_entry },
	{ .idx = RULE_IDX_ExecutableStack, .triggers = stack_triggers,
	  .entry = stack_entry, .exec = stack_exec },
	{ .idx = RULE_IDX_SensitiveMemoryDumpable, .triggers = dump_triggers,
	  .entry = dump_entry, .exit = dump_exit, .state_free = free },
	{ .idx = RULE_IDX_AslrWeakened, .triggers = aslr_triggers,
	  .entry = aslr_entry, .exec = aslr_exec },
	{ .idx = RULE_IDX_MemorySafetyViolation, .triggers = crash_triggers,
	  .entry = crash_entry, .signal = crash_signal, .state_free = free },
	{ 0 },
};
