/* callfmt.c - a traced call as text */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>

#include "callfmt.h"

const char *callfmt_name(const struct rx_call *c, char *buf, size_t len)
{
	if (c->se)
		return c->se->name;
	const char *n = sysent_name_any(c->abi, c->nr);
	if (n)
		return n;
	snprintf(buf, len, "syscall_%#lx", (unsigned long)c->nr);
	return buf;
}

void callfmt_ctx(struct decode_ctx *dc, const struct rx_task *t,
		 const struct decode_opts *o)
{
	const struct rx_call *c = &t->call;
	dc->pid = t->tid;
	dc->abi = c->abi;
	dc->args = c->args;
	dc->exiting = c->exited;
	dc->failed = c->failed;
	dc->rval = c->rval;
	dc->opts = o;
}

/* Arguments strace leaves out: the mode of open/openat without O_CREAT
 * or O_TMPFILE. */
unsigned callfmt_nargs(const struct rx_call *c)
{
	const struct sysent *se = c->se;
	if (!se)
		return SYSENT_MAX_ARGS;
	unsigned n = se->nargs;
	if (n >= 2 && se->arg[n - 1] == A_MODE && se->arg[n - 2] == A_OPEN_FLAGS &&
	    !(c->args[n - 2] & (O_CREAT | __O_TMPFILE)))
		n--;
	return n;
}

void callfmt_arg(struct sbuf *sb, const struct decode_ctx *dc,
		 const struct rx_call *c, unsigned i)
{
	if (!c->se) {
		/* not in the table: raw values, like strace for unknown calls */
		sb_printf(sb, "%#llx", (unsigned long long)c->args[i]);
		return;
	}
	enum argkind k = c->se->arg[i];
	if (dc->abi != ABI_X86_64 && !argkind_abi_neutral(k))
		k = A_PTR;
	decode_arg(sb, dc, k, i);
}

unsigned callfmt_args(struct sbuf *sb, const struct rx_task *t,
		      const struct decode_opts *o, unsigned from, bool entry)
{
	const struct rx_call *c = &t->call;
	struct decode_ctx dc;
	unsigned i, n = callfmt_nargs(c);

	callfmt_ctx(&dc, t, o);
	for (i = from; i < n; i++) {
		if (entry && c->se && argkind_is_out(c->se->arg[i])) {
			if (i > from)
				sb_puts(sb, ", ");
			break;
		}
		/* Some decoders print nothing (the argument of fcntl(fd,
		 * F_GETFD)): then the separator goes too. */
		size_t mark = sb->len;
		if (i > from)
			sb_puts(sb, ", ");
		size_t start = sb->len;
		callfmt_arg(sb, &dc, c, i);
		if (sb->len == start)
			sb_truncate(sb, mark);
	}
	return i;
}

void callfmt_call(struct sbuf *sb, const struct rx_task *t,
		  const struct decode_opts *o)
{
	const struct rx_call *c = &t->call;
	char nbuf[32];
	sb_printf(sb, "%s(", callfmt_name(c, nbuf, sizeof(nbuf)));
	callfmt_args(sb, t, o, 0, !c->exited);
	/* before the exit, what the kernel fills is not known yet */
	if (sb->len >= 2 && !strcmp(sb->p + sb->len - 2, ", "))
		sb_puts(sb, "...");
	sb_putc(sb, ')');
	if (c->exited) {
		struct decode_ctx dc;
		callfmt_ctx(&dc, t, o);
		sb_puts(sb, " = ");
		decode_ret(sb, &dc, c->se ? (enum retkind)c->se->ret : R_INT);
	}
}
