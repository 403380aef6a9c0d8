/* finding.c - the store of findings */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "finding.h"
#include "util.h"

#define FINDING_BUCKETS 1024

void finding_store_init(struct finding_store *fs)
{
	memset(fs, 0, sizeof(*fs));
	fs->hash = xcalloc(FINDING_BUCKETS, sizeof(*fs->hash));
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void finding_frame_copy(struct finding_frame *d, const struct finding_frame *s)
{
	*d = *s;
	d->module = dup_or_null(s->module);
	d->build_id = dup_or_null(s->build_id);
	d->func = dup_or_null(s->func);
	d->file = dup_or_null(s->file);
}

void finding_frame_release(struct finding_frame *f)
{
	free(f->module);
	free(f->build_id);
	free(f->func);
	free(f->file);
	memset(f, 0, sizeof(*f));
}

static void frames_free(struct finding_frame *f, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		finding_frame_release(&f[i]);
	free(f);
}

void finding_store_release(struct finding_store *fs)
{
	for (size_t i = 0; i < fs->n; i++) {
		struct finding *f = fs->all[i];
		free(f->message);
		free(f->key);
		free(f->evidence);
		free(f->exe);
		frames_free(f->frames, f->nframes);
		if (f->before) {
			free(f->before->message);
			finding_frame_release(&f->before->frame);
			free(f->before);
		}
		free(f);
	}
	free(fs->all);
	free(fs->hash);
	free(fs->procs);
	memset(fs, 0, sizeof(*fs));
}

static uint64_t mix_str(uint64_t h, const char *s)
{
	/* the NUL too: "ab" + "c" and "a" + "bc" differ */
	return s ? fnv1a(h, s, strlen(s) + 1) : fnv1a(h, "", 1);
}

static const struct finding_frame *site_of(const struct finding_frame *frames,
					   unsigned n, int site)
{
	if (site >= 0 && (unsigned)site < n)
		return &frames[site];
	return n ? &frames[0] : NULL;
}

uint64_t finding_identity(const struct finding_event *ev)
{
	uint64_t h = FNV1A_INIT;
	h = fnv1a(h, &ev->rule, sizeof(ev->rule));
	h = mix_str(h, ev->key);
	const struct finding_frame *s = site_of(ev->frames, ev->nframes, ev->site);
	if (s) {
		h = mix_str(h, s->module);
		h = fnv1a(h, &s->addr, sizeof(s->addr));
	} else {
		/* no stack: one finding per executable */
		h = mix_str(h, ev->exe);
	}
	return h;
}

static bool str_eq(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static bool same(const struct finding *f, const struct finding_event *ev)
{
	if (f->rule != ev->rule || !str_eq(f->key, ev->key))
		return false;
	const struct finding_frame *a = site_of(f->frames, f->nframes, f->site);
	const struct finding_frame *b = site_of(ev->frames, ev->nframes, ev->site);
	if (!a || !b)
		return !a && !b && str_eq(f->exe, ev->exe);
	return a->addr == b->addr && str_eq(a->module, b->module);
}

struct finding *finding_lookup(const struct finding_store *fs, uint64_t hash,
			       const struct finding_event *ev)
{
	for (struct finding *f = fs->hash[hash % FINDING_BUCKETS]; f; f = f->hnext)
		if (f->hash == hash && same(f, ev))
			return f;
	return NULL;
}

static void note_id(pid_t *ids, unsigned *n, bool *more, pid_t id)
{
	for (unsigned i = 0; i < *n; i++)
		if (ids[i] == id)
			return;
	if (*n < FINDING_MAX_PIDS)
		ids[(*n)++] = id;
	else
		*more = true;
}

static void note_proc(struct finding_store *fs, pid_t pid)
{
	for (size_t i = 0; i < fs->nprocs; i++)
		if (fs->procs[i] == pid)
			return;
	if (fs->nprocs == fs->procs_cap) {
		fs->procs_cap = fs->procs_cap ? 2 * fs->procs_cap : 16;
		fs->procs = xrealloc(fs->procs, fs->procs_cap * sizeof(*fs->procs));
	}
	fs->procs[fs->nprocs++] = pid;
}

static bool before(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec < b->tv_sec ||
	       (a->tv_sec == b->tv_sec && a->tv_nsec < b->tv_nsec);
}

static struct finding *create(struct finding_store *fs, uint64_t hash,
			      const struct finding_event *ev)
{
	struct finding *f = xcalloc(1, sizeof(*f));
	f->rule = ev->rule;
	f->level = ev->level;
	f->severity = ev->severity;
	f->message = xstrdup(ev->message ? ev->message : "");
	f->key = dup_or_null(ev->key);
	f->evidence = dup_or_null(ev->evidence);
	f->exe = dup_or_null(ev->exe);
	unsigned n = ev->nframes < FINDING_MAX_FRAMES ? ev->nframes
						      : FINDING_MAX_FRAMES;
	f->frames = n ? xcalloc(n, sizeof(*f->frames)) : NULL;
	for (unsigned i = 0; i < n; i++)
		finding_frame_copy(&f->frames[i], &ev->frames[i]);
	if (ev->before) {
		f->before = xmalloc(sizeof(*f->before));
		f->before->message = xstrdup(ev->before->message ?
					     ev->before->message : "");
		finding_frame_copy(&f->before->frame, &ev->before->frame);
	}
	f->nframes = n;
	f->truncated = ev->truncated || n < ev->nframes;
	f->site = ev->site >= 0 && (unsigned)ev->site < n ? ev->site : -1;
	f->first = f->last = ev->when;
	f->hash = hash;
	f->hnext = fs->hash[hash % FINDING_BUCKETS];
	fs->hash[hash % FINDING_BUCKETS] = f;
	if (fs->n == fs->cap) {
		fs->cap = fs->cap ? 2 * fs->cap : 32;
		fs->all = xrealloc(fs->all, fs->cap * sizeof(*fs->all));
	}
	fs->all[fs->n++] = f;
	return f;
}

bool finding_room(const struct finding_store *fs, unsigned rule)
{
	return !fs->max_per_rule || fs->per_rule[rule] < fs->max_per_rule;
}

const struct finding *finding_add(struct finding_store *fs,
				  const struct finding_event *ev)
{
	uint64_t hash = finding_identity(ev);
	struct finding *f = finding_lookup(fs, hash, ev);
	if (!f && !finding_room(fs, ev->rule)) {
		fs->dropped[ev->rule]++;
		return NULL;
	}
	if (!f) {
		f = create(fs, hash, ev);
		fs->per_rule[ev->rule]++;
	} else {
		if (ev->level > f->level ||
		    (ev->level == f->level && ev->severity > f->severity)) {
			/* the message explains the highest level */
			free(f->message);
			f->message = xstrdup(ev->message ? ev->message : "");
			if (ev->evidence) {
				free(f->evidence);
				f->evidence = xstrdup(ev->evidence);
			}
			f->level = ev->level;
			f->severity = ev->severity;
		}
		if (before(&ev->when, &f->first))
			f->first = ev->when;
		if (before(&f->last, &ev->when))
			f->last = ev->when;
	}
	f->count++;
	note_id(f->pids, &f->npids, &f->more_pids, ev->pid);
	note_id(f->tids, &f->ntids, &f->more_tids, ev->tid);
	note_proc(fs, ev->pid);
	return f;
}

static int cmp_findings(const void *pa, const void *pb)
{
	const struct finding *a = *(const struct finding *const *)pa;
	const struct finding *b = *(const struct finding *const *)pb;
	if (a->level != b->level)
		return a->level > b->level ? -1 : 1;
	if (a->rule != b->rule)
		return a->rule < b->rule ? -1 : 1;
	if (before(&a->first, &b->first))
		return -1;
	if (before(&b->first, &a->first))
		return 1;
	return a->hash < b->hash ? -1 : a->hash > b->hash;
}

const struct finding **finding_sorted(const struct finding_store *fs)
{
	const struct finding **v = xmalloc((fs->n ? fs->n : 1) * sizeof(*v));
	for (size_t i = 0; i < fs->n; i++)
		v[i] = fs->all[i];
	qsort(v, fs->n, sizeof(*v), cmp_findings);
	return v;
}
