/* rule_proc.c - PROC rules: processes, credentials, kernel interfaces */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <linux/if_tun.h>
#include <linux/sockios.h>
#include <linux/tiocl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "rule.h"
#include "tracee.h"
#include "util.h"

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

const struct rule_impl rule_impls_proc[] = {
	{ .idx = RULE_IDX_UnsafeIoctl, .triggers = ioctl_triggers,
	  .entry = ioctl_entry, .exit = ioctl_exit },
	{ 0 },
};
