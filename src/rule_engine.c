/* rule_engine.c - the findings sink: dispatch to the enabled rules,
 * per-process rule state, and findings with their stacks */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "callfmt.h"
#include "rule.h"
#include "tracee.h"
#include "unwind.h"
#include "util.h"

#define PROC_BUCKETS 256
/* rx_task.rule_exits has one bit per dispatch entry of a row */
#define MAX_PER_ROW 32

static const struct rule_impl *const groups[] = {
	rule_impls_env, rule_impls_proc, rule_impls_mem,
	rule_impls_net, rule_impls_file, rule_impls_lib,
};

/* Calls every implemented rule in catalogue order of groups: F(impl). */
#define FOR_EACH_IMPL(p)						\
	for (size_t g_ = 0; g_ < ARRAY_SIZE(groups); g_++)		\
		for (const struct rule_impl *p = groups[g_];		\
		     p->triggers || p->entry || p->exec || p->signal ||	\
		     p->foreign || p->functions; p++)

bool rule_implemented(unsigned idx)
{
	FOR_EACH_IMPL(p)
		if ((unsigned)p->idx == idx)
			return true;
	return false;
}

struct disp {
	const struct rule_impl *impl;
	const struct rule_trigger *trig;
};

/* A library-call site of a process, by (function, return address): its
 * stack was taken once, and later calls from there are counted without
 * one. */
struct lsite {
	uint64_t entry, ret;
	bool have_frame;
	bool site_program;		/* frame is the first program frame */
	struct finding_frame frame;	/* the call site; strings in strings */
	uint64_t frame_end;		/* rule_call_frame_end */
	struct finding *found[4];	/* the findings made here */
	unsigned nfound;
	char *strings;
};

struct rproc {
	pid_t tgid;
	char *exe;			/* read at the first finding */
	void *state[RULE_COUNT];
	struct lsite **lsites;		/* open addressing by (entry, ret) */
	size_t nlsites, lsites_cap;
	struct rproc *next;
};

/* The rules that want one of the functions the engine is asked to watch,
 * and the index of the name in each rule's own list. */
struct fmap {
	const struct rule_impl *impl[8];
	unsigned local[8];
	unsigned n;
	unsigned quiet;		/* see rule_impl.quiet: the rules' largest */
};

/* Copies of the strings of the resolved frames: unwind_resolve's strings
 * last until its next call only. */
struct frame_strings {
	struct sbuf sb;
	size_t off[FINDING_MAX_FRAMES][4];
};

struct rule_env {
	struct rx_sink base;
	struct rule_engine_opts o;
	struct finding_store *fs;
	struct disp *rows[TRACESET_MAX];	/* per sysent row */
	unsigned nrows[TRACESET_MAX];
	const struct rule_impl **evimpls;	/* with exec, signal or foreign
						 * callbacks */
	size_t nevimpls;
	struct rproc *procs[PROC_BUCKETS];
	const struct rule_impl *cur;		/* the rule being run */
	const char **fnames;			/* NULL-terminated, or NULL */
	struct fmap *fmaps;			/* per name */
	size_t nfnames;
	/* the library call being dispatched */
	const struct rx_libcall *lc;
	struct lsite *lsite;			/* its site, NULL until known */
	bool lsite_known;			/* known before this call */
	bool captured;				/* stack holds this call's */
	bool call_evidence;			/* evidence holds this call's */
	int psite;				/* its first program frame */
	struct unwind_stack *stack;
	struct sbuf msg, evidence;
	struct frame_strings fsr;
	/* rule_arg_str's strings of the current stop */
	unsigned long stop;
	struct arg_str {
		unsigned long stop;
		unsigned arg;
		bool ok;
		char buf[PATH_MAX];
	} strs[3];
};

static struct rule_env *re_of(struct rx_sink *s)
{
	return (struct rule_env *)s;
}

static bool trig_holds(const struct rule_trigger *tr, const uint64_t *args)
{
	return tr->arg < 0 ||
	       ((uint32_t)args[tr->arg] & tr->mask) == tr->value;
}

/* ---- per-process state ---------------------------------------------------- */

static struct rproc **proc_slot(struct rule_env *re, pid_t tgid)
{
	struct rproc **pp = &re->procs[(unsigned)tgid % PROC_BUCKETS];
	while (*pp && (*pp)->tgid != tgid)
		pp = &(*pp)->next;
	return pp;
}

static struct rproc *proc_get(struct rule_env *re, pid_t tgid)
{
	struct rproc **pp = proc_slot(re, tgid);
	if (!*pp) {
		*pp = xcalloc(1, sizeof(**pp));
		(*pp)->tgid = tgid;
	}
	return *pp;
}

static void proc_clear(struct rproc *p)
{
	FOR_EACH_IMPL(impl) {
		void **st = &p->state[impl->idx];
		if (*st && impl->state_free)
			impl->state_free(*st);
		*st = NULL;
	}
	free(p->exe);
	p->exe = NULL;
	for (size_t i = 0; i < p->lsites_cap; i++)
		if (p->lsites[i]) {
			free(p->lsites[i]->strings);
			free(p->lsites[i]);
		}
	free(p->lsites);
	p->lsites = NULL;
	p->nlsites = p->lsites_cap = 0;
}

static void proc_forget(struct rule_env *re, pid_t tgid)
{
	struct rproc **pp = proc_slot(re, tgid);
	struct rproc *p = *pp;
	if (p) {
		*pp = p->next;
		proc_clear(p);
		free(p);
	}
}

void **rule_state(struct rule_env *re, struct rx_task *t)
{
	return &proc_get(re, rx_task_tgid(t))->state[re->cur->idx];
}

struct secret_set *rule_secrets(struct rule_env *re)
{
	return re->o.secrets;
}

const struct decode_opts *rule_dopts(struct rule_env *re)
{
	return re->base.run->dopts;
}

int rule_fd_path(const struct rx_task *t, int fd, char *buf, size_t len)
{
	char link[64];
	snprintf(link, sizeof(link), "/proc/%d/fd/%d", (int)t->tid, fd);
	ssize_t n = readlink(link, buf, len - 1);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	return 0;
}

int rule_read_str(const struct rx_task *t, uint64_t addr, char *buf,
		  size_t len)
{
	bool complete;
	ssize_t n = tracee_read_str(t->tid, addr, buf, len - 1, &complete);
	return n < 0 ? (int)n : 0;
}

const char *rule_arg_str(struct rule_env *re, struct rx_task *t, unsigned arg)
{
	/* a slot of an earlier stop, else the last (a call with more string
	 * arguments than slots rereads them) */
	struct arg_str *a = &re->strs[ARRAY_SIZE(re->strs) - 1];
	for (size_t i = ARRAY_SIZE(re->strs); i-- > 0;) {
		struct arg_str *s = &re->strs[i];
		if (s->stop == re->stop && s->arg == arg)
			return s->ok ? s->buf : NULL;
		if (s->stop != re->stop)
			a = s;
	}
	bool complete = false;
	a->stop = re->stop;
	a->arg = arg;
	a->ok = arg < SYSENT_MAX_ARGS &&
		tracee_read_str(t->tid, t->call.args[arg], a->buf,
				sizeof(a->buf) - 1, &complete) >= 0 && complete;
	return a->ok ? a->buf : NULL;
}

bool rule_is_launch(const struct rx_task *t)
{
	static struct stat self;
	static bool have_self;
	char link[64];
	struct stat st;
	if (!have_self) {
		if (stat("/proc/self/exe", &self) < 0)
			return false;
		have_self = true;
	}
	snprintf(link, sizeof(link), "/proc/%d/exe", (int)t->tid);
	return stat(link, &st) == 0 && st.st_dev == self.st_dev &&
	       st.st_ino == self.st_ino;
}

/* The table row of NAME, looked up once into *ROW: these layouts are
 * asked for on every open, where comparing names would add up. */
static const struct sysent *row_of(const struct sysent **row, const char *name)
{
	if (!*row)
		*row = sysent_by_name(name);
	return *row;
}

static const struct {
	const char *name;
	struct rule_exec_args a;
} exec_layouts[] = {
	{ "execve", { -1, 0, 1, 2, -1 } },
	{ "execveat", { 0, 1, 2, 3, 4 } },
};

const struct rule_exec_args *rule_exec_args(const struct rx_call *c)
{
	static const struct sysent *rows[ARRAY_SIZE(exec_layouts)];
	for (size_t i = 0; c->se && i < ARRAY_SIZE(exec_layouts); i++)
		if (c->se == row_of(&rows[i], exec_layouts[i].name))
			return &exec_layouts[i].a;
	return NULL;
}

static const struct {
	const char *name;
	struct rule_open_args a;
} open_layouts[] = {
	{ "open", { -1, 0, 1, false } },
	{ "openat", { 0, 1, 2, false } },
	{ "openat2", { 0, 1, 2, true } },
	{ "creat", { -1, 0, -1, false } },
};

const struct rule_open_args *rule_open_args(const struct rx_call *c)
{
	static const struct sysent *rows[ARRAY_SIZE(open_layouts)];
	for (size_t i = 0; c->se && i < ARRAY_SIZE(open_layouts); i++)
		if (c->se == row_of(&rows[i], open_layouts[i].name))
			return &open_layouts[i].a;
	return NULL;
}

int rule_open_flags(const struct rx_task *t, const struct rule_open_args *oa,
		    uint64_t *flags)
{
	if (oa->flags < 0) {
		/* creat is open with these */
		*flags = O_CREAT | O_WRONLY | O_TRUNC;
		return 0;
	}
	if (!oa->how) {
		*flags = (uint32_t)t->call.args[oa->flags];
		return 0;
	}
	ssize_t r = tracee_read(t->tid, t->call.args[oa->flags], flags,
				sizeof(*flags));
	return r == (ssize_t)sizeof(*flags) ? 0 : r < 0 ? (int)r : -EFAULT;
}

int rule_abs_path(const struct rx_task *t, int dirfd, const char *path,
		  char *buf, size_t len)
{
	size_t plen = strlen(path);
	if (path[0] == '/') {
		if (plen >= len)
			return -ENAMETOOLONG;
		memcpy(buf, path, plen + 1);
		return 0;
	}
	char link[64];
	if (dirfd == AT_FDCWD)
		snprintf(link, sizeof(link), "/proc/%d/cwd", (int)t->tid);
	else
		snprintf(link, sizeof(link), "/proc/%d/fd/%d", (int)t->tid, dirfd);
	ssize_t n = readlink(link, buf, len);
	if (n < 0)
		return -errno;
	if ((size_t)n + 1 + plen >= len)
		return -ENAMETOOLONG;
	if (!plen) {
		buf[n] = '\0';
		return 0;
	}
	if (n > 1 || buf[0] != '/')
		buf[n++] = '/';
	memcpy(buf + n, path, plen + 1);
	return 0;
}

static const char *const temp_dirs[] = {
	"/tmp", "/var/tmp", "/dev/shm", "/run/shm",
};

/* Whether directory DIR (LEN bytes of a path) is private: a real
 * directory that only its owner, root or rxtrace's user, can change. */
static bool private_dir(const char *dir, size_t len)
{
	char buf[PATH_MAX];
	struct stat st;
	if (len >= sizeof(buf))
		return false;
	memcpy(buf, dir, len);
	buf[len] = '\0';
	return lstat(buf, &st) == 0 && S_ISDIR(st.st_mode) &&
	       !(st.st_mode & (S_IWGRP | S_IWOTH)) &&
	       (st.st_uid == 0 || st.st_uid == geteuid());
}

const char *rule_temp_dir(const char *path)
{
	for (size_t i = 0; i < ARRAY_SIZE(temp_dirs); i++) {
		size_t k = strlen(temp_dirs[i]);
		if (strncmp(path, temp_dirs[i], k) || (path[k] != '/' && path[k]))
			continue;
		/* In a subdirectory nobody else can write (a build tree under
		 * /tmp, a mkdtemp directory), the shared directory's risk is
		 * gone: the sticky bit keeps others from renaming it. */
		const char *end = strrchr(path, '/');
		if (!path[k] || end <= path + k)
			return temp_dirs[i];
		for (const char *c = strchr(path + k + 1, '/'); c && c <= end;
		     c = strchr(c + 1, '/'))
			if (!private_dir(path, (size_t)(c - path)))
				return temp_dirs[i];
		return NULL;
	}
	return NULL;
}

size_t rule_read_ptrs(const struct rx_task *t, uint64_t addr, uint64_t *out,
		      size_t max)
{
	/* in chunks: one read per 64 pointers, not one per pointer */
	size_t n = 0;
	while (addr && n < max) {
		size_t want = max - n < 64 ? max - n : 64;
		ssize_t r = tracee_read(t->tid, addr + 8 * n, out + n, 8 * want);
		if (r < 8)
			break;
		size_t got = (size_t)r / 8;
		for (size_t i = 0; i < got; i++)
			if (!out[n + i])
				return n + i;
		n += got;
	}
	return n;
}

int rule_proc_path_parse(const char *path, struct rule_proc_path *pp)
{
	/* the components, ".." resolved: at most "proc", the pid, "task",
	 * the tid and the leaf's; a longer leaf does not fit LEAF anyway */
	const char *comp[16];
	size_t clen[16], n = 0;
	if (path[0] != '/')
		return -EINVAL;
	for (const char *p = path; *p;) {
		while (*p == '/')
			p++;
		size_t l = strcspn(p, "/");
		if (!l)
			break;
		if (l == 2 && !strncmp(p, "..", 2)) {
			if (n)
				n--;
		} else if (!(l == 1 && *p == '.')) {
			if (n == ARRAY_SIZE(comp))
				return -EINVAL;
			comp[n] = p;
			clen[n++] = l;
		}
		p += l;
	}
#define IS(i, s) (clen[i] == strlen(s) && !strncmp(comp[i], s, clen[i]))
	if (n < 3 || !IS(0, "proc"))
		return -EINVAL;
	char num[16];
	unsigned long pid = 0;
	if (IS(1, "self") || IS(1, "thread-self")) {
		pp->pid = 0;
	} else {
		if (clen[1] >= sizeof(num))
			return -EINVAL;
		memcpy(num, comp[1], clen[1]);
		num[clen[1]] = '\0';
		if (parse_uint(num, INT_MAX, &pid) < 0 || !pid)
			return -EINVAL;
		pp->pid = (pid_t)pid;
	}
	size_t at = 2;
	if (n >= 5 && IS(2, "task") && !IS(1, "thread-self"))
		at = 4;
#undef IS
	size_t len = 0;
	for (size_t i = at; i < n; i++) {
		if (len + clen[i] + 1 >= sizeof(pp->leaf))
			return -EINVAL;
		if (i > at)
			pp->leaf[len++] = '/';
		memcpy(pp->leaf + len, comp[i], clen[i]);
		len += clen[i];
	}
	pp->leaf[len] = '\0';
	return 0;
}

bool rule_same_process(struct rx_task *t, pid_t pid)
{
	pid_t tgid = rx_task_tgid(t);
	if (pid == tgid || pid == t->tid)
		return true;
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/task/%d", (int)tgid, (int)pid);
	return access(path, F_OK) == 0;
}

/* ---- findings --------------------------------------------------------------- */



static const char *proc_exe(struct rproc *p)
{
	if (!p->exe) {
		char link[64], buf[PATH_MAX];
		snprintf(link, sizeof(link), "/proc/%d/exe", (int)p->tgid);
		ssize_t n = readlink(link, buf, sizeof(buf) - 1);
		if (n <= 0)
			return NULL;
		buf[n] = '\0';
		p->exe = xstrdup(buf);
	}
	return p->exe;
}

static void to_frame(struct finding_frame *d, const struct unwind_sym *s)
{
	/* the strings are copied by finding_add, and only then */
	d->module = (char *)s->module;
	d->build_id = (char *)s->build_id;
	d->func = (char *)s->func;
	d->file = (char *)s->file;
	d->line = s->line;
	d->addr = s->mod_off;
	d->func_off = s->func_off;
	d->inlined = s->inlined;
	d->program = s->program;
}

static void keep(struct sbuf *sb, size_t *off, const char *s)
{
	*off = s ? sb->len : SIZE_MAX;
	if (s) {
		sb_puts(sb, s);
		sb_putc(sb, '\0');
	}
}

static char *back(struct sbuf *sb, size_t off)
{
	return off == SIZE_MAX ? NULL : sb->p + off;
}

/* Resolve the physical frames of the captured stack into at most
 * FINDING_MAX_FRAMES logical ones; *SITE becomes the logical index of
 * physical frame PSITE (or -1). */
static unsigned resolve_all(struct rule_env *re, pid_t tgid, int psite,
			    struct finding_frame *out, struct frame_strings *fsr,
			    int *site)
{
	struct unwind_sym sym[8];
	unsigned n = 0;
	*site = -1;
	sb_reset(&fsr->sb);
	for (unsigned i = 0; i < re->stack->n && n < FINDING_MAX_FRAMES; i++) {
		unsigned k = unwind_resolve(re->o.unwind, tgid, re->stack, i,
					    sym, ARRAY_SIZE(sym));
		if ((int)i == psite)
			*site = (int)n;
		for (unsigned j = 0; j < k && n < FINDING_MAX_FRAMES; j++, n++) {
			to_frame(&out[n], &sym[j]);
			keep(&fsr->sb, &fsr->off[n][0], sym[j].module);
			keep(&fsr->sb, &fsr->off[n][1], sym[j].build_id);
			keep(&fsr->sb, &fsr->off[n][2], sym[j].func);
			keep(&fsr->sb, &fsr->off[n][3], sym[j].file);
		}
	}
	for (unsigned j = 0; j < n; j++) {
		out[j].module = back(&fsr->sb, fsr->off[j][0]);
		out[j].build_id = back(&fsr->sb, fsr->off[j][1]);
		out[j].func = back(&fsr->sb, fsr->off[j][2]);
		out[j].file = back(&fsr->sb, fsr->off[j][3]);
	}
	return n;
}

/* ---- library calls ----------------------------------------------------------- */

static size_t lsite_slot(const struct rproc *p, uint64_t entry, uint64_t ret)
{
	uint64_t h = (entry ^ (ret * 0x9e3779b97f4a7c15ULL)) * 0xff51afd7ed558ccdULL;
	size_t mask = p->lsites_cap - 1;
	size_t i = (size_t)(h >> 32) & mask;
	while (p->lsites[i] &&
	       (p->lsites[i]->entry != entry || p->lsites[i]->ret != ret))
		i = (i + 1) & mask;
	return i;
}

static struct lsite *lsite_find(const struct rproc *p, uint64_t entry,
				uint64_t ret)
{
	return p->lsites_cap ? p->lsites[lsite_slot(p, entry, ret)] : NULL;
}

static void lsite_insert(struct rproc *p, struct lsite *ls)
{
	if (2 * (p->nlsites + 1) > p->lsites_cap) {
		struct lsite **old = p->lsites;
		size_t n = p->lsites_cap;
		p->lsites_cap = n ? 2 * n : 64;
		p->lsites = xcalloc(p->lsites_cap, sizeof(*p->lsites));
		for (size_t i = 0; i < n; i++)
			if (old[i])
				p->lsites[lsite_slot(p, old[i]->entry, old[i]->ret)] = old[i];
		free(old);
	}
	p->lsites[lsite_slot(p, ls->entry, ls->ret)] = ls;
	p->nlsites++;
}

/* Take T's stack at the current library call, once per call. */
static bool capture_call(struct rule_env *re, struct rx_task *t, pid_t tgid)
{
	if (!re->captured) {
		rx_task_stack_ready(t);
		if (unwind_capture(re->o.unwind, tgid, t->tid, re->stack) < 0)
			return false;
		re->psite = unwind_first_program_frame(re->o.unwind, tgid, re->stack);
		/* frame 0 is the function called: in a static binary it is
		 * the program's too, and the site is its caller */
		if (re->psite == 0)
			re->psite = re->stack->n > 1 ? 1 : -1;
		re->captured = true;
	}
	return true;
}

/* The site of the current library call, its stack taken when it is new:
 * the call site frame with copies of its strings, and where the caller's
 * frame ends (the CFA of physical frame 1, the sp of frame 2, holds its
 * return address just below). */
static struct lsite *call_site(struct rule_env *re, struct rx_task *t)
{
	if (re->lsite || !re->o.unwind)
		return re->lsite;
	pid_t tgid = rx_task_tgid(t);
	struct lsite *ls = xcalloc(1, sizeof(*ls));
	ls->entry = re->lc->entry;
	ls->ret = re->lc->ret;
	if (capture_call(re, t, tgid)) {
		struct unwind_sym sym[8];
		unwind_resolve(re->o.unwind, tgid, re->stack,
			       re->psite >= 0 ? (unsigned)re->psite : 0, sym,
			       ARRAY_SIZE(sym));
		struct sbuf sb;
		size_t off[4];
		sb_init(&sb);
		keep(&sb, &off[0], sym[0].module);
		keep(&sb, &off[1], sym[0].build_id);
		keep(&sb, &off[2], sym[0].func);
		keep(&sb, &off[3], sym[0].file);
		to_frame(&ls->frame, &sym[0]);
		ls->strings = sb.p;
		ls->frame.module = back(&sb, off[0]);
		ls->frame.build_id = back(&sb, off[1]);
		ls->frame.func = back(&sb, off[2]);
		ls->frame.file = back(&sb, off[3]);
		ls->have_frame = true;
		ls->site_program = re->psite >= 0;
		const struct unwind_stack *st = re->stack;
		uint64_t rsp = re->lc->regs->rsp;
		if (st->n > 2 && st->f[0].sp == rsp && st->f[2].sp > rsp + 8)
			ls->frame_end = st->f[2].sp - 8 - rsp;
	}
	lsite_insert(proc_get(re, tgid), ls);
	re->lsite = ls;
	return ls;
}

void rule_call_evidence(struct rule_env *re, const char *fmt, ...)
{
	va_list ap;
	if (!re->lc)
		return;
	sb_reset(&re->evidence);
	va_start(ap, fmt);
	sb_vprintf(&re->evidence, fmt, ap);
	va_end(ap);
	re->call_evidence = true;
}

bool rule_call_from_library(const struct rule_env *re)
{
	return re->lc && re->lc->library;
}

bool rule_call_known(const struct rule_env *re)
{
	return re->lsite_known;
}

uint64_t rule_call_frame_end(struct rule_env *re, struct rx_task *t)
{
	struct lsite *ls = re->lc ? call_site(re, t) : NULL;
	return ls ? ls->frame_end : 0;
}

static bool raises(const struct finding *f, const struct finding_event *ev)
{
	return ev->level > f->level ||
	       (ev->level == f->level && ev->severity > f->severity);
}

/* rule_report at a library call: the stack only for a new finding, the
 * message only for a new or raised one. */
static void report_call(struct rule_env *re, struct rx_task *t,
			struct finding_event *ev, const struct rule_hit *h,
			const char *fmt, va_list ap)
	__attribute__((format(printf, 5, 0)));
static void report_call(struct rule_env *re, struct rx_task *t,
			struct finding_event *ev, const struct rule_hit *h,
			const char *fmt, va_list ap)
{
	struct lsite *ls = h->no_stack ? NULL : call_site(re, t);
	if (ls && ls->have_frame) {
		ev->frames = &ls->frame;
		ev->nframes = 1;
		ev->site = ls->site_program ? 0 : -1;
	}
	struct finding *f = finding_lookup(re->fs, finding_identity(ev), ev);
	if (f && !raises(f, ev)) {
		finding_add(re->fs, ev);
		return;
	}
	sb_reset(&re->msg);
	sb_vprintf(&re->msg, fmt, ap);
	if (re->o.secrets)
		secret_set_scrub(re->o.secrets, &re->msg, 0);
	ev->message = re->msg.p;
	if (re->call_evidence) {
		if (re->o.secrets)
			secret_set_scrub(re->o.secrets, &re->evidence, 0);
		ev->evidence = re->evidence.p;
	}
	struct finding_frame frames[FINDING_MAX_FRAMES];
	if (!f && ev->nframes && finding_room(re->fs, ev->rule) &&
	    capture_call(re, t, ev->pid)) {
		ev->nframes = resolve_all(re, ev->pid, re->psite, frames, &re->fsr,
					  &ev->site);
		ev->frames = frames;
		ev->truncated = re->stack->truncated;
	}
	f = (struct finding *)finding_add(re->fs, ev);
	if (!ls || !f)
		return;
	for (unsigned i = 0; i < ls->nfound; i++)
		if (ls->found[i] == f)
			return;
	if (ls->nfound < ARRAY_SIZE(ls->found))
		ls->found[ls->nfound++] = f;
}

static void report(struct rule_env *re, struct rx_task *t,
		   const struct rule_hit *h, const struct finding_step *before,
		   const char *fmt, va_list ap)
	__attribute__((format(printf, 5, 0)));
static void report(struct rule_env *re, struct rx_task *t,
		   const struct rule_hit *h, const struct finding_step *before,
		   const char *fmt, va_list ap)
{
	const struct rule_def *def = &rule_defs[re->cur->idx];
	struct finding_event ev = {
		.rule = re->cur->idx,
		.level = h->level,
		.severity = h->severity > 0 ? h->severity : def->severity,
		.key = h->key,
		.pid = rx_task_tgid(t),
		.tid = t->tid,
		.site = -1,
		.before = before,
	};
	if (h->severity <= 0)
		ev.level = def->level;	/* the rule's defaults */
	if (ev.level < re->o.min_level)
		return;

	if (!re->lc && re->o.hit)
		re->o.hit(re->o.hit_arg, t, ev.rule);
	if (re->lc) {
		ev.exe = proc_exe(proc_get(re, ev.pid));
		clock_gettime(CLOCK_REALTIME, &ev.when);
		report_call(re, t, &ev, h, fmt, ap);
		return;
	}
	sb_reset(&re->msg);
	sb_vprintf(&re->msg, fmt, ap);
	if (re->o.secrets)
		secret_set_scrub(re->o.secrets, &re->msg, 0);
	ev.message = re->msg.p;
	if (!h->no_call) {
		sb_reset(&re->evidence);
		callfmt_call(&re->evidence, t, rule_dopts(re));
		if (re->o.secrets)
			secret_set_scrub(re->o.secrets, &re->evidence, 0);
		ev.evidence = re->evidence.p;
	}
	ev.exe = proc_exe(proc_get(re, ev.pid));
	clock_gettime(CLOCK_REALTIME, &ev.when);

	/* The call site identifies the finding: resolve it alone first, and
	 * the whole stack only for a finding not seen before. */
	struct finding_frame site_frame, frames[FINDING_MAX_FRAMES];
	struct unwind_sym sym[8];
	int psite = -1;
	if (re->o.unwind && !h->no_stack &&
	    unwind_capture(re->o.unwind, ev.pid, t->tid, re->stack) == 0) {
		psite = unwind_first_program_frame(re->o.unwind, ev.pid, re->stack);
		unwind_resolve(re->o.unwind, ev.pid, re->stack,
			       psite >= 0 ? (unsigned)psite : 0, sym, ARRAY_SIZE(sym));
		to_frame(&site_frame, &sym[0]);
		ev.frames = &site_frame;
		ev.nframes = 1;
		ev.site = psite >= 0 ? 0 : -1;
	}
	if (ev.nframes && finding_room(re->fs, ev.rule) &&
	    !finding_lookup(re->fs, finding_identity(&ev), &ev)) {
		ev.nframes = resolve_all(re, ev.pid, psite, frames, &re->fsr,
					 &ev.site);
		ev.frames = frames;
		ev.truncated = re->stack->truncated;
	}
	finding_add(re->fs, &ev);
}

void rule_report(struct rule_env *re, struct rx_task *t,
		 const struct rule_hit *h, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report(re, t, h, NULL, fmt, ap);
	va_end(ap);
}

void rule_report_after(struct rule_env *re, struct rx_task *t,
		       const struct rule_hit *h, const struct finding_step *before,
		       const char *fmt, ...)
{
	struct finding_step st;
	struct sbuf msg;
	sb_init(&msg);
	if (before) {
		/* the step's message goes out as the finding's does */
		st = *before;
		sb_puts(&msg, before->message ? before->message : "");
		if (re->o.secrets)
			secret_set_scrub(re->o.secrets, &msg, 0);
		st.message = msg.p;
	}
	va_list ap;
	va_start(ap, fmt);
	report(re, t, h, before ? &st : NULL, fmt, ap);
	va_end(ap);
	sb_release(&msg);
}

int rule_site_frame(struct rule_env *re, struct rx_task *t,
		    struct finding_frame *out)
{
	memset(out, 0, sizeof(*out));
	if (!re->o.unwind)
		return -ENOSYS;
	if (re->lc) {
		struct lsite *ls = call_site(re, t);
		if (!ls->have_frame)
			return -ESRCH;
		finding_frame_copy(out, &ls->frame);
		return 0;
	}
	pid_t tgid = rx_task_tgid(t);
	int r = unwind_capture(re->o.unwind, tgid, t->tid, re->stack);
	if (r < 0)
		return r;
	int psite = unwind_first_program_frame(re->o.unwind, tgid, re->stack);
	struct unwind_sym sym[8];
	struct finding_frame fr;
	unwind_resolve(re->o.unwind, tgid, re->stack,
		       psite >= 0 ? (unsigned)psite : 0, sym, ARRAY_SIZE(sym));
	/* the unwinder's strings last until its next call: copies */
	to_frame(&fr, &sym[0]);
	finding_frame_copy(out, &fr);
	return 0;
}

/* ---- the sink --------------------------------------------------------------- */

static bool re_entry(struct rx_sink *s, struct rx_task *t)
{
	struct rule_env *re = re_of(s);
	const struct rx_call *c = &t->call;
	if (c->abi != ABI_X86_64) {
		re->stop++;
		for (size_t i = 0; i < re->nevimpls; i++)
			if (re->evimpls[i]->foreign) {
				re->cur = re->evimpls[i];
				re->cur->foreign(re, t);
			}
		return false;
	}
	if (!c->se)
		return false;
	unsigned row = sysent_index(c->se);
	bool want_exit = false;
	re->stop++;
	t->rule_exits = 0;
	for (unsigned i = 0; i < re->nrows[row]; i++) {
		const struct disp *d = &re->rows[row][i];
		if (!trig_holds(d->trig, c->args) || !d->impl->entry)
			continue;
		/* a rule with two triggers on a row runs once */
		bool dup = false;
		for (unsigned j = 0; j < i; j++)
			if (re->rows[row][j].impl == d->impl &&
			    trig_holds(re->rows[row][j].trig, c->args))
				dup = true;
		if (dup)
			continue;
		re->cur = d->impl;
		if (d->impl->entry(re, t)) {
			t->rule_exits |= UINT32_C(1) << i;
			want_exit = true;
		}
	}
	return want_exit;
}

static void re_exit(struct rx_sink *s, struct rx_task *t)
{
	struct rule_env *re = re_of(s);
	const struct rx_call *c = &t->call;
	if (!c->se || !t->rule_exits)
		return;
	unsigned row = sysent_index(c->se);
	re->stop++;
	for (unsigned i = 0; i < re->nrows[row]; i++) {
		if (!(t->rule_exits >> i & 1) || !re->rows[row][i].impl->exit)
			continue;
		re->cur = re->rows[row][i].impl;
		re->cur->exit(re, t);
	}
	t->rule_exits = 0;
}

static void re_signal(struct rx_sink *s, struct rx_task *t, int sig,
		      const siginfo_t *si)
{
	struct rule_env *re = re_of(s);
	for (size_t i = 0; i < re->nevimpls; i++)
		if (re->evimpls[i]->signal) {
			re->cur = re->evimpls[i];
			re->cur->signal(re, t, sig, si);
		}
}

static void re_group_stop(struct rx_sink *s, struct rx_task *t, int sig)
{
}

static void re_exec(struct rx_sink *s, struct rx_task *t, pid_t old_tid)
{
	struct rule_env *re = re_of(s);
	struct rproc **pp = proc_slot(re, rx_task_tgid(t));
	if (*pp)
		proc_clear(*pp);
	for (size_t i = 0; i < re->nevimpls; i++)
		if (re->evimpls[i]->exec) {
			re->cur = re->evimpls[i];
			re->cur->exec(re, t);
		}
}

static void re_death(struct rx_sink *s, struct rx_task *t, enum rx_death how,
		     int code, bool core)
{
	/* the leader's death comes last, when the process is gone */
	if (t->tid == t->tgid)
		proc_forget(re_of(s), t->tgid);
}

static void re_detach(struct rx_sink *s, struct rx_task *t)
{
	re_death(s, t, RX_EXITED, 0, false);
}

static const char *const *re_functions(struct rx_sink *s)
{
	return re_of(s)->fnames;
}

static unsigned re_function_quiet(struct rx_sink *s, unsigned i)
{
	return re_of(s)->fmaps[i].quiet;
}

/* The function at ENTRY is disarmed in T's process: its findings there
 * say that their counts stop. */
static void untracked(struct rule_env *re, struct rx_task *t, uint64_t entry,
		      unsigned quiet)
{
	struct rproc *p = proc_get(re, rx_task_tgid(t));
	char note[96];
	int ul = snprintf(note, sizeof(note), "; further calls not tracked "
			  "(%u in a row from known callers)", quiet);
	for (size_t i = 0; i < p->lsites_cap; i++) {
		struct lsite *ls = p->lsites[i];
		for (unsigned k = 0; ls && ls->entry == entry && k < ls->nfound; k++) {
			struct finding *f = ls->found[k];
			size_t ml = strlen(f->message);
			if (ml >= (size_t)ul && !strcmp(f->message + ml - ul, note))
				continue;
			char *m = xmalloc(ml + (size_t)ul + 1);
			memcpy(m, f->message, ml);
			memcpy(m + ml, note, (size_t)ul + 1);
			free(f->message);
			f->message = m;
		}
	}
}

static void re_libcall(struct rx_sink *s, struct rx_task *t,
		       const struct rx_libcall *lc)
{
	struct rule_env *re = re_of(s);
	struct rproc *p = proc_get(re, rx_task_tgid(t));
	re->lc = lc;
	re->lsite = lsite_find(p, lc->entry, lc->ret);
	re->lsite_known = re->lsite != NULL;
	re->captured = false;
	/* a rule runs once per call, whichever alias names it */
	const struct rule_impl *done[8];
	unsigned ndone = 0;
	for (unsigned i = 0; i < lc->nfuncs && !lc->internal; i++) {
		const struct fmap *m = &re->fmaps[lc->funcs[i]];
		for (unsigned k = 0; k < m->n; k++) {
			bool dup = false;
			for (unsigned j = 0; j < ndone; j++)
				dup |= done[j] == m->impl[k];
			if (dup || ndone == ARRAY_SIZE(done))
				continue;
			done[ndone++] = m->impl[k];
			re->cur = m->impl[k];
			re->call_evidence = false;
			re->cur->call(re, t, m->local[k], lc->regs);
		}
	}
	if (lc->last)
		untracked(re, t, lc->entry, lc->quiet);
	re->lc = NULL;
	re->lsite = NULL;
}

static int re_finish(struct rx_sink *s)
{
	return 0;
}

static void re_free(struct rx_sink *s)
{
	struct rule_env *re = re_of(s);
	for (unsigned b = 0; b < PROC_BUCKETS; b++)
		while (re->procs[b])
			proc_forget(re, re->procs[b]->tgid);
	for (unsigned i = 0; i < TRACESET_MAX; i++)
		free(re->rows[i]);
	free(re->evimpls);
	free(re->fnames);
	free(re->fmaps);
	free(re->stack);
	sb_release(&re->msg);
	sb_release(&re->evidence);
	sb_release(&re->fsr.sb);
	free(re);
}

static const struct rx_sink_ops re_ops = {
	.syscall_entry = re_entry,
	.syscall_exit = re_exit,
	.signal = re_signal,
	.group_stop = re_group_stop,
	.exec = re_exec,
	.death = re_death,
	.detach = re_detach,
	.functions = re_functions,
	.function_quiet = re_function_quiet,
	.libcall = re_libcall,
	.finish = re_finish,
	.free = re_free,
};

/* IMPL wants its function I: one name per function for the engine. */
static void want_function(struct rule_env *re, const struct rule_impl *impl,
			  unsigned i)
{
	const char *name = impl->functions[i];
	size_t g = 0;
	while (g < re->nfnames && strcmp(re->fnames[g], name))
		g++;
	if (g == re->nfnames) {
		re->fnames = xrealloc(re->fnames, (g + 2) * sizeof(*re->fnames));
		re->fmaps = xrealloc(re->fmaps, (g + 1) * sizeof(*re->fmaps));
		re->fnames[g] = name;
		re->fnames[g + 1] = NULL;
		re->fmaps[g].n = 0;
		re->nfnames++;
	}
	struct fmap *m = &re->fmaps[g];
	unsigned q = impl->quiet ? impl->quiet[i] : 0;
	m->quiet = !m->n ? q : sink_quiet_join(m->quiet, q);
	if (m->n < ARRAY_SIZE(m->impl)) {
		m->impl[m->n] = impl;
		m->local[m->n++] = i;
	}
}

struct rx_sink *rule_engine_new(const struct rule_engine_opts *o,
				struct finding_store *fs)
{
	struct rule_env *re = xcalloc(1, sizeof(*re));
	re->base.ops = &re_ops;
	re->o = *o;
	re->fs = fs;
	sb_init(&re->msg);
	sb_init(&re->evidence);
	sb_init(&re->fsr.sb);
	if (o->unwind)
		re->stack = unwind_stack_new(o->unwind);
	FOR_EACH_IMPL(impl) {
		if (!rule_set_has(&o->enabled, impl->idx))
			continue;
		if (impl->exec || impl->signal || impl->foreign) {
			re->evimpls = xrealloc(re->evimpls, (re->nevimpls + 1) *
					       sizeof(*re->evimpls));
			re->evimpls[re->nevimpls++] = impl;
		}
		for (unsigned i = 0; impl->call && impl->functions &&
		     impl->functions[i]; i++)
			want_function(re, impl, i);
		for (const struct rule_trigger *tr = impl->triggers;
		     tr && tr->syscall; tr++) {
			const struct sysent *se = sysent_by_name(tr->syscall);
			if (!se)
				continue;
			unsigned row = sysent_index(se);
			if (re->nrows[row] == MAX_PER_ROW)
				continue;
			re->rows[row] = xrealloc(re->rows[row], (re->nrows[row] + 1) *
						 sizeof(*re->rows[row]));
			re->rows[row][re->nrows[row]++] = (struct disp){ impl, tr };
		}
	}
	return &re->base;
}

void rule_engine_want(const struct rule_set *set, struct filter_spec *want)
{
	FOR_EACH_IMPL(impl) {
		if (!rule_set_has(set, impl->idx))
			continue;
		if (impl->foreign)
			want->foreign_abi = true;
		for (const struct rule_trigger *tr = impl->triggers;
		     tr && tr->syscall; tr++) {
			const struct sysent *se = sysent_by_name(tr->syscall);
			if (!se)
				continue;
			if (tr->arg < 0) {
				traceset_add(&want->all, sysent_index(se));
			} else {
				struct filter_cond c = { sysent_index(se),
					(unsigned)tr->arg, tr->mask, tr->value };
				filter_spec_add_cond(want, &c);
			}
		}
	}
}
