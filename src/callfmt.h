/* callfmt.h - a traced call as text: its name, arguments and result,
 * shared by the trace lines and the evidence of findings */
#ifndef RX_CALLFMT_H
#define RX_CALLFMT_H

#include <stdbool.h>
#include <stddef.h>

#include "decode.h"
#include "sink.h"

/* The call's name: from the table, by number for another ABI, or
 * "syscall_0x..." (in BUF) for a number nobody knows. */
const char *callfmt_name(const struct rx_call *c, char *buf, size_t len);

/* The decoding context of T's current call. */
void callfmt_ctx(struct decode_ctx *dc, const struct rx_task *t,
		 const struct decode_opts *o);

/* How many arguments of C's call are shown: all six raw values of a call
 * not in the table; the mode of open and openat only with O_CREAT or
 * O_TMPFILE, as strace does. */
unsigned callfmt_nargs(const struct rx_call *c);

/* Append the text of argument I of C alone, decoded with DC (a kind whose
 * layout depends on the ABI is an address for other ABIs). Some decoders
 * append nothing: the argument is then not shown. */
void callfmt_arg(struct sbuf *sb, const struct decode_ctx *dc,
		 const struct rx_call *c, unsigned i);

/* Append the arguments of T's call from index FROM on, after ", " for
 * all but the first. At entry, stop before the first argument the
 * kernel fills (printing ", " when it is not the first) and return its
 * index, where the exit carries on; at exit, print the rest. */
unsigned callfmt_args(struct sbuf *sb, const struct rx_task *t,
		      const struct decode_opts *o, unsigned from, bool entry);

/* Append the whole call as it is known now: "name(args) = ret", or
 * "name(args)" before its exit. */
void callfmt_call(struct sbuf *sb, const struct rx_task *t,
		  const struct decode_opts *o);

#endif
