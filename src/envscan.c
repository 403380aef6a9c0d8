/* envscan.c - learning the secret values of environments at exec */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "envscan.h"
#include "tracee.h"
#include "util.h"

char *envscan_read(pid_t pid, size_t *len)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/environ", (int)pid);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	size_t cap = 4096, n = 0;
	char *buf = xmalloc(cap);
	for (;;) {
		if (n == cap)
			buf = xrealloc(buf, cap *= 2);
		ssize_t r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	*len = n;
	return buf;
}

struct envscan {
	struct rx_sink base;
	struct secret_set *set;
};

void envscan_learn(struct secret_set *set, const char *entry, size_t len)
{
	struct secret_match m;
	if (secret_classify_env(entry, len, &m) == 0 && m.kind != SECRET_NONE)
		secret_set_add(set, entry + m.secret_off, m.secret_len);
}

static void es_exec(struct rx_sink *s, struct rx_task *t, pid_t old_tid)
{
	struct envscan *es = (struct envscan *)s;
	size_t len;
	char *env = envscan_read(t->tid, &len);
	if (!env)
		return;
	for (size_t at = 0; at < len;) {
		size_t n = strnlen(env + at, len - at);
		envscan_learn(es->set, env + at, n);
		at += n + 1;
	}
	/* the copy held secrets */
	memset(env, 0, len);
	free(env);
}

void envscan_learn_arg(struct secret_set *set, const char *arg, size_t len)
{
	struct secret_match m;
	/* "NAME=VALUE" (env, make, docker -e) as an environment entry,
	 * anything else as a bare value */
	if (memchr(arg, '=', len) && secret_classify_env(arg, len, &m) == 0 &&
	    m.kind != SECRET_NONE) {
		secret_set_add(set, arg + m.secret_off, m.secret_len);
		return;
	}
	secret_classify_value(arg, len, &m);
	if (m.kind != SECRET_NONE)
		secret_set_add(set, arg + m.secret_off, m.secret_len);
}

/* The arguments of an execve, before any sink prints them. */
static bool es_entry(struct rx_sink *s, struct rx_task *t)
{
	struct envscan *es = (struct envscan *)s;
	const struct rx_call *c = &t->call;
	if (!c->se || c->abi != ABI_X86_64)
		return false;
	/* on every traced call: compare rows, not names */
	static const struct sysent *execve, *execveat;
	if (!execve) {
		execve = sysent_by_name("execve");
		execveat = sysent_by_name("execveat");
	}
	int argv_arg = c->se == execve ? 0 : c->se == execveat ? 1 : -1;
	if (argv_arg < 0)
		return false;
	uint64_t argv = c->args[argv_arg + 1];
	char buf[ENVSCAN_ARG_MAX + 1];
	for (unsigned i = 0; argv && i < ENVSCAN_ARGS_MAX; i++) {
		uint64_t p;
		bool complete;
		if (tracee_read(t->tid, argv + 8 * i, &p, 8) != 8 || !p)
			break;
		ssize_t n = tracee_read_str(t->tid, p, buf, ENVSCAN_ARG_MAX,
					    &complete);
		if (n > 0)
			envscan_learn_arg(es->set, buf, (size_t)n);
	}
	memset(buf, 0, sizeof(buf));
	return false;
}
static void es_exit(struct rx_sink *s, struct rx_task *t) {}
static void es_signal(struct rx_sink *s, struct rx_task *t, int sig,
		      const siginfo_t *si) {}
static void es_group_stop(struct rx_sink *s, struct rx_task *t, int sig) {}
static void es_death(struct rx_sink *s, struct rx_task *t, enum rx_death how,
		     int code, bool core) {}
static void es_detach(struct rx_sink *s, struct rx_task *t) {}
static int es_finish(struct rx_sink *s) { return 0; }
static void es_free(struct rx_sink *s) { free(s); }

static const struct rx_sink_ops es_ops = {
	.syscall_entry = es_entry, .syscall_exit = es_exit,
	.signal = es_signal, .group_stop = es_group_stop, .exec = es_exec,
	.death = es_death, .detach = es_detach, .finish = es_finish,
	.free = es_free,
};

struct rx_sink *envscan_new(struct secret_set *set)
{
	struct envscan *es = xcalloc(1, sizeof(*es));
	es->base.ops = &es_ops;
	es->set = set;
	return &es->base;
}
