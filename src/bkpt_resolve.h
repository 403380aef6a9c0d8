/* bkpt_resolve.h - where a process's library functions are: the entry
 * point, the mapped modules and the addresses to break on
 *
 * Addresses come, for each wanted name, from
 *   - the GOT slots of every module importing it (JUMP_SLOT, GLOB_DAT),
 *     read from the process: the loader stored the implementation there,
 *     the selected one for an IFUNC (final at the entry point when the
 *     process runs with LD_BIND_NOW; lazily bound slots still pointing
 *     into their own module are skipped);
 *   - the modules defining it: an STT_FUNC symbol plus the load bias; an
 *     IFUNC through the module's IRELATIVE slots whose resolver it is
 *     (static binaries; they are filled in __libc_start_main, so at the
 *     entry point the caller is asked to come back at main);
 *   - for an IFUNC still unresolved, rxtrace's own choice when the module
 *     is the very libc file rxtrace runs with (same device and inode):
 *     the same resolver on the same CPU picks the same implementation,
 *     unless GLIBC_TUNABLES in the tracee says otherwise.
 */
#ifndef RX_BKPT_RESOLVE_H
#define RX_BKPT_RESOLVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "bkpt.h"

/* One line of /proc/PID/maps. */
struct bkpt_map {
	uint64_t start, end, offset;
	bool exec;
	dev_t dev;
	uint64_t inode;
	const char *path;	/* into the parsed line; "" when anonymous */
};

/* Parse LINE (its newline removed or not; it is modified: the path is
 * cut at its end). Returns 0 or -EINVAL. */
int bkpt_resolve_parse_map(char *line, struct bkpt_map *out);

/* AT_ENTRY of a 64-bit process from /proc/PID/auxv. Returns 0 or -errno
 * (-ENOENT: no AT_ENTRY, -ENOEXEC: its program is no 64-bit ELF file). */
int bkpt_resolve_entry(pid_t pid, uint64_t *entry);

/* A function to break on: the address and the index of its name. */
struct bkpt_target {
	uint64_t addr;
	unsigned name;
};

struct bkpt_resolution {
	struct bkpt_target *t;
	size_t n;
	struct bkpt_range *ranges;	/* every executable mapping, classified */
	size_t nranges;
	/* A static binary whose IFUNC slots are not filled yet: resolve
	 * again when the program reaches this address (main), or 0. */
	uint64_t again_at;
};

/*
 * Look up NAMES[0..N-1] in process PID (a thread of it stopped by us).
 * The modules defining a found function are BKPT_CODE_IGNORED ranges
 * (for a static binary: the functions' own extents). Returns 0 (OUT
 * filled, possibly with no target) or -errno when the process's maps
 * cannot be read. Release OUT with bkpt_resolution_release.
 */
int bkpt_resolve(pid_t pid, const char *const *names, size_t n,
		 struct bkpt_resolution *out);
void bkpt_resolution_release(struct bkpt_resolution *res);

/* Only the code ranges of PID (a module mapped since the resolution). */
int bkpt_resolve_ranges(pid_t pid, const struct bkpt_mm *mm,
			struct bkpt_resolution *out);

#endif
