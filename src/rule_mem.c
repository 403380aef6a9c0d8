/* rule_mem.c - MEM rules: memory */
#include "config.h"

#include <errno.h>
#include <linux/sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "rule.h"
#include "tracee.h"
#include "util.h"

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
	bool wiped;			/* VmFlags wf or dc */
};

/* The first locked mapping that a child would inherit readable: neither
 * wf (MADV_WIPEONFORK) nor dc (MADV_DONTFORK) in its VmFlags. */
static int exposed_region(pid_t pid, struct locked_region *out)
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
			cur.wiped = strstr(line, " wf") || strstr(line, " dc");
			if ((lo || cur.locked_kb) && !cur.wiped) {
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
	struct locked_region r = { 0 };
	if (exposed_region(rx_task_tgid(t), &r) <= 0)
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

const struct rule_impl rule_impls_mem[] = {
	{ .idx = RULE_IDX_ForkWithSensitiveMemory, .triggers = fork_triggers,
	  .entry = fork_entry },
	{ 0 },
};
