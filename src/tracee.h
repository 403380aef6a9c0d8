/* tracee.h - reading a tracee's memory */
#ifndef RX_TRACEE_H
#define RX_TRACEE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Read LEN bytes at ADDR of task PID into BUF: process_vm_readv, falling
 * back to PTRACE_PEEKDATA where the former is not allowed. Returns the
 * number of bytes read (possibly short when the range crosses into an
 * unmapped page) or -errno when nothing could be read. */
ssize_t tracee_read(pid_t pid, uint64_t addr, void *buf, size_t len);

/* Read a NUL-terminated string of at most MAX bytes (not counting the
 * NUL) at ADDR into BUF (size MAX + 1), in chunks that never cross a
 * page, so a string that ends just before an unmapped page still reads.
 * Returns its length, or -errno when the first byte cannot be read.
 * *COMPLETE tells whether the NUL was found within MAX bytes. BUF is
 * always NUL-terminated on success. */
ssize_t tracee_read_str(pid_t pid, uint64_t addr, char *buf, size_t max,
			bool *complete);

#endif
