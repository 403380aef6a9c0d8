/* tracee_mem.c - bounded reads of tracee memory */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <unistd.h>

#include "tracee.h"

#define PAGE 4096u

/* Once process_vm_readv is refused (no CONFIG_CROSS_MEMORY_ATTACH, or a
 * seccomp policy around rxtrace), stop trying it. */
static bool vm_readv_broken;

static ssize_t read_peek(pid_t pid, uint64_t addr, void *buf, size_t len)
{
	size_t done = 0;
	while (done < len) {
		uint64_t a = addr + done;
		uint64_t aligned = a & ~(uint64_t)(sizeof(long) - 1);
		errno = 0;
		long w = ptrace(PTRACE_PEEKDATA, pid, (void *)aligned, NULL);
		if (errno)
			return done ? (ssize_t)done : -errno;
		size_t skip = (size_t)(a - aligned);
		size_t n = sizeof(long) - skip;
		if (n > len - done)
			n = len - done;
		memcpy((char *)buf + done, (char *)&w + skip, n);
		done += n;
	}
	return (ssize_t)done;
}

ssize_t tracee_read(pid_t pid, uint64_t addr, void *buf, size_t len)
{
	if (len == 0)
		return 0;
	if (addr == 0)
		return -EFAULT;
	if (!vm_readv_broken) {
		struct iovec local = { buf, len };
		struct iovec remote = { (void *)(uintptr_t)addr, len };
		ssize_t n = process_vm_readv(pid, &local, 1, &remote, 1, 0);
		if (n >= 0)
			return n;
		if (errno != ENOSYS && errno != EPERM)
			return -errno;
		vm_readv_broken = true;
	}
	return read_peek(pid, addr, buf, len);
}

ssize_t tracee_read_str(pid_t pid, uint64_t addr, char *buf, size_t max,
			bool *complete)
{
	size_t got = 0;
	*complete = false;
	while (got < max) {
		uint64_t a = addr + got;
		size_t chunk = PAGE - (size_t)(a % PAGE);
		if (chunk > max - got)
			chunk = max - got;
		ssize_t n = tracee_read(pid, a, buf + got, chunk);
		if (n <= 0) {
			if (got == 0)
				return n < 0 ? n : -EFAULT;
			break;
		}
		char *nul = memchr(buf + got, '\0', (size_t)n);
		if (nul) {
			*complete = true;
			got = (size_t)(nul - buf);
			break;
		}
		got += (size_t)n;
		if ((size_t)n < chunk)
			break;
	}
	if (!*complete && got == max) {
		/* One more byte tells "exactly MAX long" from "longer". */
		char c;
		if (tracee_read(pid, addr + got, &c, 1) == 1 && c == '\0')
			*complete = true;
	}
	buf[got] = '\0';
	return (ssize_t)got;
}
