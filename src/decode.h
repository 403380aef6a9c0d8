/* decode.h - syscall argument and return value decoders */
#ifndef RX_DECODE_H
#define RX_DECODE_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "sysent.h"
#include "util.h"

struct secret_set;

struct decode_opts {
	unsigned max_strlen;	/* -s: bytes of a string or buffer printed (default 32) */
	bool fd_paths;		/* -y: print <path> after descriptors */
	/* Known secret values, masked with '*' in every string and buffer
	 * read from a tracee before it is printed; NULL: none. */
	const struct secret_set *secrets;
};

/* Everything a decoder may look at for one syscall of one task. */
struct decode_ctx {
	pid_t pid;			/* whose memory and descriptors */
	enum abi abi;			/* pointer and long size, struct layouts */
	const uint64_t *args;		/* the six raw arguments */
	bool exiting;			/* at syscall exit: rval/failed valid */
	bool failed;			/* the call returned -errno */
	int64_t rval;
	const struct decode_opts *opts;
};

/* Append the text of argument IDX of kind K to SB. Never fails: memory
 * that cannot be read is printed as its address. Out-kinds print as an
 * address when !exiting or failed. */
void decode_arg(struct sbuf *sb, const struct decode_ctx *dc,
		enum argkind k, unsigned idx);
/* Append " = ..." text without the " = ": "3", "-1 ENOENT (No such
 * file or directory)", "0x7f...", "?" for R_NONE. */
void decode_ret(struct sbuf *sb, const struct decode_ctx *dc,
		enum retkind k);

/* Kinds whose memory is filled by the kernel: printed at exit. */
bool argkind_is_out(enum argkind k);
/* Name of a kind for --list-syscalls and tests: "fd", "path", ... */
const char *argkind_name(enum argkind k);
/* True when the kind has a decoder (every kind below A_KIND_COUNT must). */
bool argkind_valid(enum argkind k);
/* Kinds whose layout depends on the ABI print as an address for i386
 * and x32 callers unless the decoder handles both. */
bool argkind_abi_neutral(enum argkind k);

/* Quote LEN bytes of BUF as a C string literal the way strace does:
 * "\n\t\"\\", other non-printables as octal escapes. When TRUNCATED,
 * append "..." after the closing quote. */
void decode_quote(struct sbuf *sb, const char *buf, size_t len, bool truncated);

/* Append a signal's siginfo the way strace shows it after "--- SIGX ":
 * {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=..., si_uid=..., ...}. */
void decode_siginfo(struct sbuf *sb, const siginfo_t *si);

#endif
