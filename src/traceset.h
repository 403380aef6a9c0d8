/* traceset.h - the set of syscalls selected by -e trace=SET */
#ifndef RX_TRACESET_H
#define RX_TRACESET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Rows of sysent_table a set can hold; sysent.c asserts the table fits. */
#define TRACESET_MAX 512

/* One bit per sysent_table row (bit i = sysent_table[i]), plus what to
 * do with calls that have no row: i386-only calls such as socketcall,
 * and numbers newer than the table. */
struct traceset {
	uint64_t bits[TRACESET_MAX / 64];
	bool unknown_new;
};

/*
 * Parse an strace-style set (without the "trace=" prefix) into TS:
 *   NAME		a syscall                   openat
 *   %CLASS		a class (sysent_classes)    %file, %net
 *   CLASS		file, process, network, signal, ipc, desc and
 *			memory also without the %, as strace allows
 *   /REGEX		rows whose name matches (POSIX extended)
 *   ?ITEM		ITEM, ignored when unknown
 *   all		every row and unknown_new
 * joined by commas, with an optional leading ! that complements the
 * whole set (unknown_new included). "none" alone is the empty set.
 * Empty items and whitespace are errors rather than being skipped, so
 * that "openat, close" does not silently drop close.
 * Returns 0, or -EINVAL (-ENOMEM) with a message in ERR such as
 * "unknown syscall 'foo'"; TS is left untouched on error.
 */
int traceset_parse(struct traceset *ts, const char *spec, char *err,
		   size_t errlen);

/* Trace nothing. */
void traceset_empty(struct traceset *ts);
/* Trace everything, calls without a row included. */
void traceset_all(struct traceset *ts);

/* On the per-syscall path, hence inline. */
static inline bool traceset_has(const struct traceset *ts, unsigned idx)
{
	return idx < TRACESET_MAX &&
	       (ts->bits[idx / 64] >> (idx % 64) & 1);
}

static inline void traceset_add(struct traceset *ts, unsigned idx)
{
	if (idx < TRACESET_MAX)
		ts->bits[idx / 64] |= UINT64_C(1) << (idx % 64);
}

#endif
