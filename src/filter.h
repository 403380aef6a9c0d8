/* filter.h - the seccomp-BPF filter that makes only wanted syscalls stop */
#ifndef RX_FILTER_H
#define RX_FILTER_H

#include <linux/filter.h>

#include "sysent.h"
#include "traceset.h"

/* SECCOMP_RET_DATA values that are not table indexes. */
enum {
	FILTER_RD_NEW = 0xfffd,		/* a number newer than the table */
	FILTER_RD_UNTRACED = 0xfffe,	/* clone with CLONE_UNTRACED */
	FILTER_RD_BADARCH = 0xffff,	/* i386 or x32 */
};

/* Build a filter that returns SECCOMP_RET_TRACE (with the table index as
 * data) for every syscall in WANT, for clone with CLONE_UNTRACED, clone3,
 * every i386 and x32 syscall and every number above the table, with MAPS
 * also for every change of executable mappings (see below), and
 * SECCOMP_RET_ALLOW for the rest. PROG->filter is allocated; free it
 * with filter_release. Returns 0 or -errno. */
int filter_build(const struct traceset *want, bool maps,
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
