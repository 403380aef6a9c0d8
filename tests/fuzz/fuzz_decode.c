/* fuzz_decode.c - the syscall decoders on arbitrary tracee memory
 *
 * The decoders read the tracee through tracee_read and tracee_read_str
 * (tracee.h); this harness defines both and serves them from the input,
 * so the real decoders (decode.c, callfmt.c) run on any bytes a hostile
 * tracee could put in its memory. The input is a header:
 *
 *   u16 row     sysent row (modulo the table's size)
 *   u8  flags   bits 0-1 ABI (3: x86-64), 2 at exit, 3 failed (rval made
 *               an errno), 4 -y,
 *               5 a known secret to mask
 *   u8  strlen  -s
 *   u8  kind    one more argument decoded directly with this kind
 *   u8  index   of that argument (modulo 6); and a return kind
 *   u8  pad[2]
 *   i64 rval
 *   u64 args[6]
 *
 * followed by the tracee's memory, mapped at FUZZ_MEM_BASE; anything
 * else is unmapped. Checked beyond memory errors: a read never asks for
 * more than its buffer holds, the text has no NUL inside, and a known
 * secret never shows in it.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "callfmt.h"
#include "decode.h"
#include "secret.h"
#include "sink.h"
#include "sysent.h"
#include "tracee.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FUZZ_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define FUZZ_ASAN 1
#endif
#ifdef FUZZ_ASAN
#include <sanitizer/asan_interface.h>
#endif

#define FUZZ_MEM_BASE 0x10000u

/* letters no flag or errno name holds, so it can only come from memory */
static const char fuzz_secret[] = "Zq7sEcReTvalue9";

static const unsigned char *fuzz_mem;
static size_t fuzz_memlen;

/* The bytes readable at ADDR: up to the end of the input. */
static size_t fuzz_avail(uint64_t addr)
{
	if (addr < FUZZ_MEM_BASE || addr - FUZZ_MEM_BASE >= fuzz_memlen)
		return 0;
	return fuzz_memlen - (size_t)(addr - FUZZ_MEM_BASE);
}

/* The kernel writes up to LEN bytes: a buffer smaller than that is an
 * overflow even when this read happens to come back short. */
static void fuzz_check_buf(const void *buf, size_t len)
{
#ifdef FUZZ_ASAN
	if (len && __asan_region_is_poisoned((void *)(uintptr_t)buf, len))
		abort();
#else
	(void)buf;
	(void)len;
#endif
}

ssize_t tracee_read(pid_t pid, uint64_t addr, void *buf, size_t len)
{
	(void)pid;
	if (len == 0)
		return 0;
	if (addr == 0)
		return -EFAULT;
	fuzz_check_buf(buf, len);
	size_t n = fuzz_avail(addr);
	if (n == 0)
		return -EFAULT;
	if (n > len)
		n = len;
	memcpy(buf, fuzz_mem + (addr - FUZZ_MEM_BASE), n);
	return (ssize_t)n;
}

/* The contract of tracee.h, on the input's memory. */
ssize_t tracee_read_str(pid_t pid, uint64_t addr, char *buf, size_t max,
			bool *complete)
{
	(void)pid;
	fuzz_check_buf(buf, max + 1);
	size_t avail = fuzz_avail(addr);
	size_t n = avail < max ? avail : max;
	*complete = false;
	if (!avail) {
		buf[0] = '\0';
		return max ? -EFAULT : 0;
	}
	const unsigned char *p = fuzz_mem + (addr - FUZZ_MEM_BASE);
	const unsigned char *nul = memchr(p, '\0', n);

	if (nul) {
		*complete = true;
		n = (size_t)(nul - p);
	} else if (n == max && avail > max && p[max] == '\0') {
		*complete = true;
	}
	memcpy(buf, p, n);
	buf[n] = '\0';
	return (ssize_t)n;
}

struct fuzz_hdr {
	uint16_t row;
	uint8_t flags, strlen, kind, index, pad[2];
	int64_t rval;
	uint64_t args[SYSENT_MAX_ARGS];
};

static void fuzz_check_text(const struct sbuf *sb, bool secret)
{
	if (strlen(sb->p) != sb->len)
		abort();
	if (secret && strstr(sb->p, fuzz_secret))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool ready;
	static struct secret_set secrets;
	struct fuzz_hdr h;

	if (!ready) {
		if (sysent_init() < 0)
			abort();
		secret_set_init(&secrets);
		secret_set_add(&secrets, fuzz_secret, strlen(fuzz_secret));
		ready = true;
	}
	if (size < sizeof(h))
		return -1;
	memcpy(&h, data, sizeof(h));
	fuzz_mem = data + sizeof(h);
	fuzz_memlen = size - sizeof(h);

	bool secret = h.flags & 0x20;
	struct decode_opts o = {
		.max_strlen = h.strlen,
		.fd_paths = h.flags & 0x10,
		.secrets = secret ? &secrets : NULL,
	};
	struct rx_task t;
	memset(&t, 0, sizeof(t));
	t.tid = t.tgid = getpid();
	t.call.se = &sysent_table[h.row % sysent_count];
	t.call.abi = (h.flags & 3) == 3 ? ABI_X86_64 : (enum abi)(h.flags & 3);
	memcpy(t.call.args, h.args, sizeof(h.args));
	/* the kernel's is_error: -4095 .. -1, as the engine gets it */
	if (h.flags & 0x08)
		h.rval = -(int64_t)((uint64_t)h.rval % 4095) - 1;
	t.call.rval = h.rval;
	t.call.failed = h.rval >= -4095 && h.rval < 0;

	struct sbuf sb;
	sb_init(&sb);
	/* as the engine shows a call: its entry, then the whole of it */
	callfmt_call(&sb, &t, &o);
	fuzz_check_text(&sb, secret);
	sb_reset(&sb);
	t.call.exited = true;
	callfmt_call(&sb, &t, &o);
	fuzz_check_text(&sb, secret);

	/* every kind, whichever rows use it */
	struct decode_ctx dc;
	callfmt_ctx(&dc, &t, &o);
	dc.exiting = h.flags & 0x04;
	sb_reset(&sb);
	decode_arg(&sb, &dc, (enum argkind)(h.kind % A_KIND_COUNT),
		   h.index % SYSENT_MAX_ARGS);
	sb_puts(&sb, " = ");
	decode_ret(&sb, &dc, (enum retkind)(h.index % R_KIND_COUNT));
	fuzz_check_text(&sb, secret);

	siginfo_t si;
	if (fuzz_memlen >= sizeof(si)) {
		memcpy(&si, fuzz_mem, sizeof(si));
		sb_reset(&sb);
		decode_siginfo(&sb, &si);
		fuzz_check_text(&sb, false);
	}
	sb_release(&sb);
	return 0;
}
