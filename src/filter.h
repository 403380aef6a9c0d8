/* filter.h - the seccomp-BPF filter that makes only wanted syscalls stop */
#ifndef RX_FILTER_H
#define RX_FILTER_H

#include <linux/filter.h>

#include "sysent.h"
#include "traceset.h"

/* SECCOMP_RET_DATA values that are not table indexes. */
enum {
	FILTER_RD_NEW = 0xfffd,		/* a number newer than the table */
	FILTER_RD_BADARCH = 0xffff,	/* i386 or x32 */
};

/* A call trapped only with certain arguments: those whose argument ARG
 * has (low 32 bits & MASK) == VALUE. Only the low word is compared for
 * every argument: the kernel reads flags, modes and ioctl requests as
 * int, so high bits must not let a call slip past the filter. */
struct filter_cond {
	unsigned idx;			/* sysent_table row */
	unsigned arg;
	uint32_t mask, value;
};

/* The calls the sinks see: some with any arguments, some only when a
 * condition holds. */
struct filter_spec {
	struct traceset all;
	struct traceset some;		/* rows with conditions */
	struct filter_cond *conds;
	size_t nconds;
	/* Also every i386 and x32 call, whatever its number: the filter
	 * traps them all anyway. */
	bool foreign_abi;
};

void filter_spec_init(struct filter_spec *fs);
void filter_spec_release(struct filter_spec *fs);
void filter_spec_add_cond(struct filter_spec *fs, const struct filter_cond *c);
/* Whether a call of row IDX with ARGS is one the sinks see: the test the
 * kernel makes in launch mode, made by hand for attached processes. */
static inline bool filter_spec_match(const struct filter_spec *fs,
				     unsigned idx, const uint64_t *args)
{
	if (traceset_has(&fs->all, idx))
		return true;
	if (!traceset_has(&fs->some, idx))
		return false;
	for (size_t i = 0; i < fs->nconds; i++) {
		const struct filter_cond *c = &fs->conds[i];
		if (c->idx == idx && ((uint32_t)args[c->arg] & c->mask) == c->value)
			return true;
	}
	return false;
}

/* Build a filter that returns SECCOMP_RET_TRACE (with the table index as
 * data) for every call WANT matches, for clone with CLONE_UNTRACED,
 * clone3, every i386 and x32 syscall and every number above the table,
 * with MAPS also for every change of executable mappings (see below),
 * and SECCOMP_RET_ALLOW for the rest. PROG->filter is allocated; free it
 * with filter_release. Returns 0 or -errno. */
int filter_build(const struct filter_spec *want, bool maps,
		 struct sock_fprog *prog);
void filter_release(struct sock_fprog *prog);

/* Whether a call with these arguments changes executable mappings (mmap
 * or mprotect with PROT_EXEC, munmap, mremap, shmat with SHM_EXEC):
 * stacks must then see the process's modules anew. */
bool filter_changes_exec_maps(const struct sysent *se, const uint64_t *args);

/* In the child, before execve: install PROG. Sets NO_NEW_PRIVS only when
 * the kernel refuses the filter without it (EACCES: no CAP_SYS_ADMIN).
 * Async-signal-safe. Returns 0 or -errno. */
int filter_install(const struct sock_fprog *prog);

#endif
