/* rule_lib.c - LIB rules: library calls, seen with breakpoints on the
 * functions' entries (the engine plants them; see bkpt_resolve.h for
 * which calls are seen: every caller of the implementation, in the
 * program and its libraries, except the defining library's own) */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "decode.h"
#include "rule.h"
#include "rule_lib.h"
#include "tracee.h"
#include "util.h"

/* Bytes of a string argument shown in the evidence, and read at most to
 * measure a source against a stack destination. */
#define EVIDENCE_STR 32
#define MAX_MEASURE 4096

/* The call with its arguments for the "call:" line: the arguments whose
 * bit is set in STRS are strings, the others pointers; VARIADIC adds
 * ", ...". */
static void call_evidence(struct rule_env *re, const struct rx_task *t,
			  const char *name, const struct user_regs_struct *regs,
			  unsigned nargs, unsigned strs, bool variadic)
{
	static struct sbuf sb;
	const uint64_t args[] = { regs->rdi, regs->rsi, regs->rdx, regs->rcx };
	if (!sb.p)
		sb_init(&sb);
	sb_reset(&sb);
	for (unsigned i = 0; i < nargs && i < ARRAY_SIZE(args); i++) {
		char s[EVIDENCE_STR + 1];
		bool complete;
		ssize_t n = -1;
		if (i)
			sb_puts(&sb, ", ");
		if (strs >> i & 1)
			n = tracee_read_str(t->tid, args[i], s, EVIDENCE_STR, &complete);
		if (n >= 0)
			decode_quote(&sb, s, (size_t)n, !complete);
		else if (args[i])
			sb_printf(&sb, "%#llx", (unsigned long long)args[i]);
		else
			sb_puts(&sb, "NULL");
	}
	rule_call_evidence(re, "%s(%s%s)", name, sb.p,
			   variadic ? ", ..." : "");
}

/* ---- RX-LIB-001 UnboundedStringCopy -------------------------------------- */

enum copy_kind {
	K_COPY,			/* strcpy(dst, src) */
	K_CAT,			/* strcat(dst, src) */
	K_WIDE,			/* wcscpy, wcscat */
	K_FORMAT,		/* sprintf(dst, fmt, ...) */
	K_REALPATH,		/* realpath(path, buf): only with a buf */
	K_GETWD,
	K_SCANF,		/* only with an unbounded %s or %[ */
	K_NCPY,			/* strncpy: note level */
	K_NCAT,			/* strncat: note level */
};

static const char *const copy_why[] = {
	[K_COPY] = "copies a string with no bound on the destination: a "
		   "longer source overflows the buffer",
	[K_CAT] = "appends a string with no bound on the destination: a "
		  "longer source overflows the buffer",
	[K_WIDE] = "copies a wide string with no bound on the destination: "
		   "a longer source overflows the buffer",
	[K_FORMAT] = "formats into a buffer with no size: longer output "
		     "overflows it",
	[K_REALPATH] = "writes up to PATH_MAX bytes into the caller's "
		       "buffer: a smaller buffer overflows",
	[K_GETWD] = "writes the working directory into a buffer with no "
		    "size: a deep directory overflows it",
	[K_NCPY] = "bounds the copy, but leaves the destination without a "
		   "terminating NUL when the source is as long as the bound",
	[K_NCAT] = "bounds the bytes appended, not the destination: a count "
		   "that is the buffer's size overflows it",
};

/* ARGS: shown in the evidence; STRS: which of them are strings; FMT:
 * the scanf format argument. One row per name, in functions order. */
#define COPY_FUNCS(X)							\
	X("strcpy", K_COPY, 2, 0x2, false, 0)				\
	X("stpcpy", K_COPY, 2, 0x2, false, 0)				\
	X("strcat", K_CAT, 2, 0x2, false, 0)				\
	X("wcscpy", K_WIDE, 2, 0x0, false, 0)				\
	X("wcscat", K_WIDE, 2, 0x0, false, 0)				\
	X("sprintf", K_FORMAT, 2, 0x2, true, 0)				\
	X("vsprintf", K_FORMAT, 3, 0x2, false, 0)			\
	X("realpath", K_REALPATH, 2, 0x1, false, 0)			\
	X("getwd", K_GETWD, 1, 0x0, false, 0)				\
	X("scanf", K_SCANF, 1, 0x1, true, 0)				\
	X("fscanf", K_SCANF, 2, 0x2, true, 1)				\
	X("sscanf", K_SCANF, 2, 0x3, true, 1)				\
	X("vscanf", K_SCANF, 2, 0x1, false, 0)				\
	X("vfscanf", K_SCANF, 3, 0x2, false, 1)				\
	X("vsscanf", K_SCANF, 3, 0x3, false, 1)				\
	/* C99 and C2x programs call these for scanf & co. */		\
	X("__isoc99_scanf", K_SCANF, 1, 0x1, true, 0)			\
	X("__isoc99_fscanf", K_SCANF, 2, 0x2, true, 1)			\
	X("__isoc99_sscanf", K_SCANF, 2, 0x3, true, 1)			\
	X("__isoc99_vscanf", K_SCANF, 2, 0x1, false, 0)			\
	X("__isoc99_vfscanf", K_SCANF, 3, 0x2, false, 1)		\
	X("__isoc99_vsscanf", K_SCANF, 3, 0x3, false, 1)		\
	X("__isoc23_scanf", K_SCANF, 1, 0x1, true, 0)			\
	X("__isoc23_fscanf", K_SCANF, 2, 0x2, true, 1)			\
	X("__isoc23_sscanf", K_SCANF, 2, 0x3, true, 1)			\
	X("__isoc23_vscanf", K_SCANF, 2, 0x1, false, 0)			\
	X("__isoc23_vfscanf", K_SCANF, 3, 0x2, false, 1)		\
	X("__isoc23_vsscanf", K_SCANF, 3, 0x3, false, 1)		\
	X("strncpy", K_NCPY, 3, 0x2, false, 0)				\
	X("strncat", K_NCAT, 3, 0x2, false, 0)

static const struct copy_func {
	const char *name;
	uint8_t kind;		/* enum copy_kind */
	uint8_t args, strs;
	bool variadic;
	uint8_t fmt;
} copy_funcs[] = {
#define ROW(n, k, a, s, v, f) { n, k, a, s, v, f },
	COPY_FUNCS(ROW)
#undef ROW
};

static const char *const copy_names[] = {
#define NAME(n, ...) n,
	COPY_FUNCS(NAME)
#undef NAME
	NULL,
};

/* Only strcpy, strcat and scanf look at each call (the overflow of a
 * stack frame, the format); a later call of the others from a known
 * call site adds a count. In a python start-up, strncpy is called 200
 * times from 3 call sites: each stop costs about 8 us. */
#define COUNT_ONLY_QUIET 32
#define QUIET(n, k, ...) \
	(k) == K_COPY || (k) == K_CAT || (k) == K_SCANF ? 0 : COUNT_ONLY_QUIET,
static const unsigned copy_quiet[] = { COPY_FUNCS(QUIET) };
#undef QUIET

int rule_lib_scanf_unbounded(const char *fmt, size_t *len)
{
	for (const char *p = fmt; *p; p++) {
		if (*p != '%')
			continue;
		const char *start = p++;
		if (*p == '%')
			continue;
		/* a positional "%N$" */
		const char *q = p;
		while (*q >= '0' && *q <= '9')
			q++;
		if (*q == '$')
			p = q + 1;
		bool suppress = *p == '*';
		if (suppress)
			p++;
		bool width = *p >= '1' && *p <= '9';
		while (*p >= '0' && *p <= '9')
			p++;
		bool alloc = false;
		while (*p && strchr("hlLqjztm", *p))
			alloc |= *p++ == 'm';
		if (!*p)
			break;
		char conv = *p;
		if (conv == '[') {
			/* the set: a ']' first (after '^') is a member */
			p++;
			if (*p == '^')
				p++;
			if (*p == ']')
				p++;
			while (*p && *p != ']')
				p++;
			if (!*p)
				p--;
		}
		if ((conv == 's' || conv == 'S' || conv == '[') && !width &&
		    !suppress && !alloc) {
			*len = (size_t)(p - start) + 1;
			return (int)(start - fmt);
		}
	}
	return -1;
}

/* The name a program calls: glibc redirects scanf to __isoc99_scanf. */
static const char *shown_name(const char *name)
{
	static const char *const prefixes[] = { "__isoc99_", "__isoc23_" };
	for (size_t i = 0; i < ARRAY_SIZE(prefixes); i++)
		if (!strncmp(name, prefixes[i], strlen(prefixes[i])))
			return name + strlen(prefixes[i]);
	return name;
}

/* The length of the string at ADDR, up to MAX: MAX + 1 when longer. */
static size_t measure(pid_t tid, uint64_t addr, size_t max)
{
	char buf[MAX_MEASURE + 1];
	bool complete;
	ssize_t n = tracee_read_str(tid, addr, buf, max, &complete);
	return n < 0 ? 0 : complete ? (size_t)n : max + 1;
}

/*
 * Overflow evidence for a copy into the caller's stack frame: the bytes
 * written (string, plus the existing one for strcat, plus the NUL) reach
 * the caller's return address. Returns those bytes, or 0 when they fit
 * or nothing can be told (destination elsewhere, frame unknown).
 */
static size_t stack_overflow(struct rule_env *re, struct rx_task *t,
			     const struct copy_func *f,
			     const struct user_regs_struct *regs, uint64_t *room)
{
	uint64_t end = rule_call_frame_end(re, t);
	uint64_t dst = regs->rdi, rsp = regs->rsp;
	if (!end || dst <= rsp || dst - rsp >= end || end - (dst - rsp) > MAX_MEASURE)
		return 0;
	*room = end - (dst - rsp);
	size_t have = f->kind == K_CAT ? measure(t->tid, dst, *room) : 0;
	if (have > *room)
		return have + 1;
	if (have + measure(t->tid, regs->rsi, *room - have) + 1 <= *room)
		return 0;
	/* it does not fit: how much it writes, for the message */
	return have + measure(t->tid, regs->rsi, MAX_MEASURE) + 1;
}

static void copy_call(struct rule_env *re, struct rx_task *t, unsigned func,
		      const struct user_regs_struct *regs)
{
	const struct copy_func *f = &copy_funcs[func];
	const char *name = shown_name(f->name);
	struct rule_hit h = { RULE_WARNING, 0, name, true, false };
	char fmt[256];
	size_t clen = 0;
	int at = -1;

	if (f->kind == K_REALPATH && !regs->rsi)
		return;			/* it allocates the result */
	if (f->kind == K_SCANF) {
		uint64_t a = f->fmt ? regs->rsi : regs->rdi;
		if (rule_read_str(t, a, fmt, sizeof(fmt)) < 0 ||
		    (at = rule_lib_scanf_unbounded(fmt, &clen)) < 0)
			return;
	}
	if (f->kind == K_NCPY || f->kind == K_NCAT) {
		h.level = RULE_NOTE;
		h.severity = 3.0;
	}
	if (!rule_call_known(re))
		call_evidence(re, t, name, regs, f->args, f->strs, f->variadic);

	uint64_t room = 0;
	size_t n = f->kind == K_COPY || f->kind == K_CAT ?
		   stack_overflow(re, t, f, regs, &room) : 0;
	if (n) {
		h.level = RULE_ERROR;
		h.severity = 8.1;
		rule_report(re, t, &h, "%s() writes %s%zu bytes into a stack "
			    "buffer %llu bytes below the caller's return address: "
			    "it overwrites the return address (CWE-121)", name,
			    n > MAX_MEASURE ? "more than " : "",
			    n > MAX_MEASURE ? (size_t)MAX_MEASURE : n,
			    (unsigned long long)room);
	} else if (f->kind == K_SCANF) {
		rule_report(re, t, &h, "%s() reads %.*s without a width: longer "
			    "input overflows the buffer", name, (int)clen,
			    fmt + at);
	} else {
		rule_report(re, t, &h, "%s() %s", name, copy_why[f->kind]);
	}
}

/* ---- RX-LIB-002 GetsCall ----------------------------------------------------- */

static const char *const gets_names[] = { "gets", "__gets_chk", NULL };

static void gets_call(struct rule_env *re, struct rx_task *t, unsigned func,
		      const struct user_regs_struct *regs)
{
	struct rule_hit h = { RULE_ERROR, 0, gets_names[func], true, false };
	if (!rule_call_known(re))
		call_evidence(re, t, gets_names[func], regs, 1, 0, false);
	rule_report(re, t, &h, "%s() reads a line with no size limit: any "
		    "longer input overflows the buffer", gets_names[func]);
}

/* ---- RX-LIB-004 DeterministicPrng ------------------------------------------ */

enum prng_kind {
	P_DRAW,			/* from the random()/rand() state */
	P_DRAW48,		/* from the drand48 family's state */
	P_DRAW_OWN,		/* from a state the caller passes */
	P_SEED,			/* seeds the random() state with edi */
	P_SEED48,		/* seeds drand48's with rdi */
	P_SEED_OTHER,		/* seeds one from memory (seed48, setstate) */
};

#define PRNG_FUNCS(X)							\
	X("rand", P_DRAW, 0)						\
	X("random", P_DRAW, 0)						\
	X("drand48", P_DRAW48, 0)					\
	X("lrand48", P_DRAW48, 0)					\
	X("mrand48", P_DRAW48, 0)					\
	X("rand_r", P_DRAW_OWN, 0)					\
	X("random_r", P_DRAW_OWN, 0)					\
	X("erand48", P_DRAW_OWN, 0)					\
	X("nrand48", P_DRAW_OWN, 0)					\
	X("jrand48", P_DRAW_OWN, 0)					\
	X("srand", P_SEED, 0)						\
	X("srandom", P_SEED, 0)						\
	X("initstate", P_SEED, 0)					\
	X("setstate", P_SEED_OTHER, 0)					\
	X("srand48", P_SEED48, 1)					\
	X("seed48", P_SEED_OTHER, 1)					\
	X("lcong48", P_SEED_OTHER, 1)

static const struct prng_func {
	const char *name;
	uint8_t kind;		/* enum prng_kind */
	uint8_t family;		/* 0: random(), 1: drand48() */
} prng_funcs[] = {
#define ROW(n, k, f) { n, k, f },
	PRNG_FUNCS(ROW)
#undef ROW
};

static const char *const prng_names[] = {
#define NAME(n, ...) n,
	PRNG_FUNCS(NAME)
#undef NAME
	NULL,
};

/* What the seed says, as the message puts it (CWE-337: a predictable
 * seed). */
static const char *const seed_why[] = {
	[SEED_TIME] = "the current time: anyone who knows roughly when it ran "
		      "can reproduce the sequence (CWE-337)",
	[SEED_PID] = "its process id: a few thousand guesses reproduce the "
		     "sequence (CWE-337)",
	[SEED_CONSTANT] = "a small constant: every run draws the same sequence "
			  "(CWE-337)",
};
static const char *const seed_key[] = {
	[SEED_TIME] = "time", [SEED_PID] = "pid", [SEED_CONSTANT] = "constant",
};

/* Per process: which generator states were seeded. */
struct prng_state {
	bool seeded[2];
};

enum rule_lib_seed rule_lib_seed_kind(uint64_t seed, int bits, pid_t pid,
				      time_t now)
{
	uint64_t mask = bits >= 64 ? UINT64_MAX : (UINT64_C(1) << bits) - 1;
	uint64_t t = (uint64_t)now & mask;
	seed &= mask;
	/* |seed - now| <= 2, modulo the width the seed was cut to */
	if (((seed - t) & mask) <= 2 || ((t - seed) & mask) <= 2)
		return SEED_TIME;
	if (seed == (uint64_t)pid)
		return SEED_PID;
	if (seed < 0x10000)
		return SEED_CONSTANT;
	return SEED_OTHER;
}

static void prng_call(struct rule_env *re, struct rx_task *t, unsigned func,
		      const struct user_regs_struct *regs)
{
	const struct prng_func *f = &prng_funcs[func];
	void **st = rule_state(re, t);
	if (!*st)
		*st = xcalloc(1, sizeof(struct prng_state));
	struct prng_state *ps = *st;
	/* a library's generator (allowlistable) is a note */
	bool lib = rule_call_from_library(re);
	struct rule_hit h = { lib ? RULE_NOTE : RULE_WARNING, lib ? 3.0 : 5.3,
			      f->name, true, false };
	char key[64];

	if (f->kind == P_SEED || f->kind == P_SEED48 || f->kind == P_SEED_OTHER) {
		ps->seeded[f->family] = true;
		if (f->kind == P_SEED_OTHER)
			return;
		enum rule_lib_seed k = rule_lib_seed_kind(
			f->kind == P_SEED48 ? regs->rdi : (uint32_t)regs->rdi,
			f->kind == P_SEED48 ? 64 : 32, rx_task_tgid(t), time(NULL));
		if (k == SEED_OTHER)
			return;		/* the draws are reported */
		snprintf(key, sizeof(key), "%s %s", f->name, seed_key[k]);
		h.key = key;
		if (!rule_call_known(re))
			rule_call_evidence(re, "%s(%llu)", f->name,
					   (unsigned long long)(f->kind == P_SEED48 ?
					   regs->rdi : (uint32_t)regs->rdi));
		rule_report(re, t, &h, "%s() seeds a predictable generator with %s",
			    f->name, seed_why[k]);
		return;
	}
	if (!rule_call_known(re))
		rule_call_evidence(re, "%s()", f->name);
	if (f->kind != P_DRAW_OWN && !ps->seeded[f->family]) {
		snprintf(key, sizeof(key), "%s unseeded", f->name);
		h.key = key;
		rule_report(re, t, &h, "%s() draws from a generator that was never "
			    "seeded: glibc starts it from seed 1, so every run gets "
			    "the same sequence (CWE-336)", f->name);
		return;
	}
	rule_report(re, t, &h, "%s() is a predictable generator: keys, tokens or "
		    "nonces drawn from it can be guessed (CWE-338); what the "
		    "values are used for is not visible here", f->name);
}

const struct rule_impl rule_impls_lib[] = {
	{ .idx = RULE_IDX_UnboundedStringCopy, .functions = copy_names,
	  .call = copy_call, .quiet = copy_quiet },
	{ .idx = RULE_IDX_GetsCall, .functions = gets_names, .call = gets_call },
	{ .idx = RULE_IDX_DeterministicPrng, .functions = prng_names,
	  .call = prng_call, .state_free = free },
	{ 0 },
};
