/* bkpt.c - the breakpoint table of one address space */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>

#include "bkpt.h"
#include "util.h"

#define INT3 0xcc

struct bkpt_caller {
	uint64_t addr, ret;	/* ret == 0: empty slot */
	uint8_t code;
};

struct bkpt_mm *bkpt_mm_new(void)
{
	struct bkpt_mm *mm = xcalloc(1, sizeof(*mm));
	mm->refs = 1;
	return mm;
}

struct bkpt_mm *bkpt_mm_ref(struct bkpt_mm *mm)
{
	mm->refs++;
	return mm;
}

void bkpt_mm_unref(struct bkpt_mm *mm)
{
	if (!mm || --mm->refs)
		return;
	free(mm->bp);
	free(mm->retired);
	free(mm->callers);
	free(mm->ranges);
	free(mm);
}

static void *dup_array(const void *p, size_t n, size_t size)
{
	if (!n)
		return NULL;
	void *q = xmalloc(n * size);
	memcpy(q, p, n * size);
	return q;
}

struct bkpt_mm *bkpt_mm_copy(const struct bkpt_mm *mm)
{
	struct bkpt_mm *c = bkpt_mm_new();
	c->bp = dup_array(mm->bp, mm->n, sizeof(*mm->bp));
	c->n = c->cap = mm->n;
	for (size_t i = 0; i < c->n; i++)
		c->bp[i].quiet = 0;
	c->retired = dup_array(mm->retired, mm->nretired, sizeof(*mm->retired));
	c->nretired = c->retired_cap = mm->nretired;
	c->ranges = dup_array(mm->ranges, mm->nranges, sizeof(*mm->ranges));
	c->nranges = mm->nranges;
	return c;
}

/* Index of the first breakpoint at or above ADDR. */
static size_t lower_bound(const struct bkpt_mm *mm, uint64_t addr)
{
	size_t lo = 0, hi = mm->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (mm->bp[mid].addr < addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

struct bkpt *bkpt_find(struct bkpt_mm *mm, uint64_t addr)
{
	size_t i = lower_bound(mm, addr);
	return i < mm->n && mm->bp[i].addr == addr ? &mm->bp[i] : NULL;
}

bool bkpt_is_retired(const struct bkpt_mm *mm, uint64_t addr)
{
	for (size_t i = 0; i < mm->nretired; i++)
		if (mm->retired[i].addr == addr)
			return true;
	return false;
}

static void retire(struct bkpt_mm *mm, uint64_t addr, uint8_t orig)
{
	if (bkpt_is_retired(mm, addr))
		return;
	if (mm->nretired == mm->retired_cap) {
		mm->retired_cap = mm->retired_cap ? 2 * mm->retired_cap : 16;
		mm->retired = xrealloc(mm->retired,
				       mm->retired_cap * sizeof(*mm->retired));
	}
	mm->retired[mm->nretired++] = (struct bkpt_retired){ addr, orig };
}

/* The word at ADDR, read with PEEKTEXT (which returns data, so errno
 * tells failure). */
static int peek(pid_t tid, uint64_t addr, uint64_t *word)
{
	errno = 0;
	long w = ptrace(PTRACE_PEEKTEXT, tid, (void *)(uintptr_t)addr, NULL);
	if (errno)
		return -errno;
	*word = (uint64_t)w;
	return 0;
}

/* Write byte B at ADDR, keeping the 7 bytes after it (another int3 may
 * be among them). */
static int poke_byte(pid_t tid, uint64_t addr, uint8_t b)
{
	uint64_t w = 0;
	int r = peek(tid, addr, &w);
	if (r < 0)
		return r;
	w = (w & ~(uint64_t)0xff) | b;
	if (ptrace(PTRACE_POKETEXT, tid, (void *)(uintptr_t)addr,
		   (void *)(uintptr_t)w) < 0)
		return -errno;
	return 0;
}

int bkpt_plant(struct bkpt_mm *mm, pid_t tid, uint64_t addr,
	       enum bkpt_kind kind, unsigned func)
{
	struct bkpt *b = bkpt_find(mm, addr);
	if (b) {
		if (b->kind != kind)
			return -EEXIST;
		if (kind != BKPT_CALL)
			return 0;
		for (unsigned i = 0; i < b->nfuncs; i++)
			if (b->funcs[i] == func)
				return 0;
		if (b->nfuncs == BKPT_MAX_FUNCS)
			return -E2BIG;
		b->funcs[b->nfuncs++] = (uint16_t)func;
		return 0;
	}
	if (bkpt_is_retired(mm, addr))
		return -EALREADY;

	uint64_t w = 0;
	int r = peek(tid, addr, &w);
	if (r < 0)
		return r;
	struct bkpt nb = { .addr = addr, .orig = (uint8_t)w, .kind = (uint8_t)kind };
	if (kind == BKPT_CALL) {
		uint8_t code[sizeof(w)];
		memcpy(code, &w, sizeof(code));
		nb.emulate = bkpt_insn_decode(code, sizeof(code), &nb.insn) == 0;
		nb.funcs[0] = (uint16_t)func;
		nb.nfuncs = 1;
	}
	w = (w & ~(uint64_t)0xff) | INT3;
	if (ptrace(PTRACE_POKETEXT, tid, (void *)(uintptr_t)addr,
		   (void *)(uintptr_t)w) < 0)
		return -errno;

	if (mm->n == mm->cap) {
		mm->cap = mm->cap ? 2 * mm->cap : 32;
		mm->bp = xrealloc(mm->bp, mm->cap * sizeof(*mm->bp));
	}
	size_t i = lower_bound(mm, addr);
	memmove(&mm->bp[i + 1], &mm->bp[i], (mm->n - i) * sizeof(*mm->bp));
	mm->bp[i] = nb;
	mm->n++;
	return 0;
}

int bkpt_remove(struct bkpt_mm *mm, pid_t tid, uint64_t addr)
{
	size_t i = lower_bound(mm, addr);
	if (i == mm->n || mm->bp[i].addr != addr)
		return -ENOENT;
	uint8_t orig = mm->bp[i].orig;
	int r = poke_byte(tid, addr, orig);
	memmove(&mm->bp[i], &mm->bp[i + 1], (mm->n - i - 1) * sizeof(*mm->bp));
	mm->n--;
	retire(mm, addr, orig);
	return r;
}

int bkpt_remove_all(struct bkpt_mm *mm, pid_t tid)
{
	int first = 0;
	while (mm->n) {
		int r = bkpt_remove(mm, tid, mm->bp[mm->n - 1].addr);
		if (r < 0 && !first)
			first = r;
	}
	return first;
}

int bkpt_scrub(struct bkpt_mm *mm, pid_t tid)
{
	if (mm->scrubbed)
		return 0;
	mm->scrubbed = true;
	int first = bkpt_remove_all(mm, tid);
	for (size_t i = 0; i < mm->nretired; i++) {
		uint64_t w = 0;
		const struct bkpt_retired *rt = &mm->retired[i];
		if (peek(tid, rt->addr, &w) < 0 || (uint8_t)w != INT3 ||
		    rt->orig == INT3)
			continue;
		int r = poke_byte(tid, rt->addr, rt->orig);
		if (r < 0 && !first)
			first = r;
	}
	return first;
}

/* The emulated instruction's memory access, done for the thread. */
static int emulate(const struct bkpt *b, pid_t tid,
		   struct user_regs_struct *regs)
{
	uint64_t loaded = 0;
	if (bkpt_insn_loads(&b->insn)) {
		errno = 0;
		long v = ptrace(PTRACE_PEEKDATA, tid,
				(void *)(uintptr_t)bkpt_insn_load_addr(&b->insn, b->addr),
				NULL);
		if (errno)
			return -errno;
		loaded = (uint64_t)v;
	}
	struct user_regs_struct r = *regs;
	struct bkpt_mem_write w;
	int e = bkpt_insn_emulate(&b->insn, &r, b->addr, loaded, &w);
	if (e < 0)
		return e;
	if (w.valid && ptrace(PTRACE_POKEDATA, tid, (void *)(uintptr_t)w.addr,
			      (void *)(uintptr_t)w.val) < 0)
		return -errno;
	*regs = r;
	return 0;
}

int bkpt_step(struct bkpt_mm *mm, pid_t tid, uint64_t addr,
	      struct user_regs_struct *regs)
{
	struct bkpt *b = bkpt_find(mm, addr);
	if (!b)
		return -ENOENT;
	if (b->emulate && emulate(b, tid, regs) == 0) {
		if (ptrace(PTRACE_SETREGS, tid, NULL, regs) < 0)
			return -errno;
		return 0;
	}
	/* The real instruction runs instead, and faults if it must. */
	int r = bkpt_remove(mm, tid, addr);
	regs->rip = addr;
	if (ptrace(PTRACE_SETREGS, tid, NULL, regs) < 0)
		return -errno;
	return r < 0 ? r : 1;
}

/* ---- callers -------------------------------------------------------------- */

static size_t caller_slot(const struct bkpt_mm *mm, uint64_t addr, uint64_t ret)
{
	uint64_t h = (addr ^ (ret * 0x9e3779b97f4a7c15ULL)) * 0xff51afd7ed558ccdULL;
	size_t mask = mm->callers_cap - 1;
	size_t i = (size_t)(h >> 32) & mask;
	while (mm->callers[i].ret &&
	       (mm->callers[i].addr != addr || mm->callers[i].ret != ret))
		i = (i + 1) & mask;
	return i;
}

static void callers_grow(struct bkpt_mm *mm)
{
	struct bkpt_caller *old = mm->callers;
	size_t n = mm->callers_cap;
	mm->callers_cap = n ? 2 * n : 64;
	mm->callers = xcalloc(mm->callers_cap, sizeof(*mm->callers));
	for (size_t i = 0; i < n; i++)
		if (old[i].ret)
			mm->callers[caller_slot(mm, old[i].addr, old[i].ret)] = old[i];
	free(old);
}

unsigned bkpt_quiet_max(const struct bkpt *b)
{
	return b->quiet_max ? b->quiet_max : BKPT_QUIET_HITS;
}

enum bkpt_seen bkpt_caller(struct bkpt_mm *mm, struct bkpt *b, uint64_t ret,
			   enum bkpt_code *code)
{
	b->hits++;
	/* ret 0 marks empty slots; a call cannot return to 0 anyway */
	if (!ret)
		ret = 1;
	if (2 * (mm->ncallers + 1) > mm->callers_cap)
		callers_grow(mm);
	struct bkpt_caller *c = &mm->callers[caller_slot(mm, b->addr, ret)];
	if (c->ret) {
		*code = c->code;
		return ++b->quiet >= bkpt_quiet_max(b) ? BKPT_SEEN_QUIET
						       : BKPT_SEEN_KNOWN;
	}
	*c = (struct bkpt_caller){ b->addr, ret, (uint8_t)bkpt_code_of(mm, ret) };
	mm->ncallers++;
	b->quiet = 0;
	*code = c->code;
	return BKPT_SEEN_NEW;
}

void bkpt_caller_set(struct bkpt_mm *mm, uint64_t addr, uint64_t ret,
		     enum bkpt_code code)
{
	if (!mm->callers_cap)
		return;
	struct bkpt_caller *c = &mm->callers[caller_slot(mm, addr, ret ? ret : 1)];
	if (c->ret)
		c->code = (uint8_t)code;
}

/* ---- code ranges ---------------------------------------------------------- */

void bkpt_set_ranges(struct bkpt_mm *mm, const struct bkpt_range *r, size_t n)
{
	free(mm->ranges);
	mm->ranges = dup_array(r, n, sizeof(*r));
	mm->nranges = n;
}

enum bkpt_code bkpt_code_of(const struct bkpt_mm *mm, uint64_t addr)
{
	enum bkpt_code code = BKPT_CODE_UNKNOWN;
	for (size_t i = 0; i < mm->nranges; i++) {
		const struct bkpt_range *r = &mm->ranges[i];
		if (addr < r->start || addr >= r->end)
			continue;
		if (r->code == BKPT_CODE_IGNORED)
			return BKPT_CODE_IGNORED;
		code = r->code;
	}
	return code;
}
