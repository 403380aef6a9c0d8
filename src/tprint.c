/* tprint.c - trace mode: strace-style lines, one sink among others */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "callfmt.h"
#include "decode.h"
#include "sink.h"
#include "unwind.h"
#include "xlat.h"

/* strace pads ") " with spaces to this column before "= RET". */
#define RET_COLUMN 40

struct tprint {
	struct rx_sink base;
	FILE *fp;
	struct tprint_opts o;
	struct sbuf sb;
	struct rx_task *open;		/* whose line is unterminated */
	size_t col;			/* length of that line so far */
};

static struct tprint *tp_of(struct rx_sink *s)
{
	return (struct tprint *)s;
}

/* Another task is about to print: cut the open line the way strace
 * does, so its exit is printed later as "<... name resumed>". */
static void cut_open(struct tprint *tp)
{
	if (!tp->open)
		return;
	fputs(" <unfinished ...>\n", tp->fp);
	tp->open->call.unfinished = true;
	tp->open = NULL;
}

static void put_time(struct tprint *tp, const struct timespec *ts)
{
	struct timespec now;
	if (!tp->o.timestamps)
		return;
	if (!ts || !ts->tv_sec) {
		clock_gettime(CLOCK_REALTIME, &now);
		ts = &now;
	}
	if (tp->o.timestamps >= 3) {
		sb_printf(&tp->sb, "%lld.%06ld ", (long long)ts->tv_sec,
			  ts->tv_nsec / 1000);
		return;
	}
	struct tm tm;
	char buf[16];
	localtime_r(&ts->tv_sec, &tm);
	strftime(buf, sizeof(buf), "%H:%M:%S", &tm);
	if (tp->o.timestamps == 2)
		sb_printf(&tp->sb, "%s.%06ld ", buf, ts->tv_nsec / 1000);
	else
		sb_printf(&tp->sb, "%s ", buf);
}

/* Start a line for T in tp->sb: pid prefix and time. */
static void leader(struct tprint *tp, const struct rx_task *t,
		   const struct timespec *ts)
{
	cut_open(tp);
	sb_reset(&tp->sb);
	if (tp->o.pid_prefix_always)
		sb_printf(&tp->sb, "%-5d ", (int)t->tid);
	else if (tp->base.run->ntasks > 1)
		sb_printf(&tp->sb, "[pid %5d] ", (int)t->tid);
	put_time(tp, ts);
}

static void emit(struct tprint *tp)
{
	fwrite(tp->sb.p, 1, tp->sb.len, tp->fp);
}

/* strace announces a change of a process's syscall ABI (int 0x80 from
 * a 64-bit program, x32 calls) on a line of its own. */
static void show_abi(struct tprint *tp, struct rx_task *t)
{
	static const char *const mode[ABI_COUNT] = {
		[ABI_X86_64] = "64 bit", [ABI_I386] = "32 bit",
		[ABI_X32] = "x32",
	};
	if (t->abi_shown == t->call.abi)
		return;
	t->abi_shown = t->call.abi;
	cut_open(tp);
	fprintf(tp->fp, "[ Process PID=%d runs in %s mode. ]\n", (int)t->tid,
		mode[t->call.abi]);
}

static void finish_line(struct tprint *tp, const struct rx_task *t,
			size_t col_before)
{
	const struct rx_call *c = &t->call;
	size_t col = col_before + tp->sb.len;
	sb_puts(&tp->sb, ") ");
	for (col += 2; col < RET_COLUMN; col++)
		sb_putc(&tp->sb, ' ');
	sb_puts(&tp->sb, "= ");
	if (!c->exited) {
		sb_putc(&tp->sb, '?');
	} else {
		struct decode_ctx dc;
		callfmt_ctx(&dc, t, tp->base.run->dopts);
		decode_ret(&tp->sb, &dc, c->se ? (enum retkind)c->se->ret : R_INT);
	}
	if (tp->o.syscall_times && c->exited) {
		long long ns = (c->t_exit.tv_sec - c->t_entry.tv_sec) * 1000000000LL +
			       (c->t_exit.tv_nsec - c->t_entry.tv_nsec);
		if (ns < 0)
			ns = 0;
		sb_printf(&tp->sb, " <%lld.%06lld>", ns / 1000000000LL,
			  (ns % 1000000000LL) / 1000);
	}
	sb_putc(&tp->sb, '\n');
}

/* -k: the stack is taken at entry, while the mappings are those of the
 * call (execve replaces them, mmap adds one), and rendered then, so the
 * symbol cache is free to evict before the line is printed. */
static void take_stack(struct tprint *tp, struct rx_task *t)
{
	struct unwind *u = tp->base.run->unwind;
	if (!t->stack) {
		t->stack = unwind_stack_new(u);
		sb_init(&t->stack_text);
	}
	sb_reset(&t->stack_text);
	pid_t tgid = rx_task_tgid(t);
	if (unwind_capture(u, tgid, t->tid, t->stack) == 0)
		unwind_format(u, tgid, t->stack, &t->stack_text);
}

static void put_stack(struct tprint *tp, struct rx_task *t)
{
	if (tp->o.stacks && t->stack)
		fwrite(t->stack_text.p, 1, t->stack_text.len, tp->fp);
}

static bool tp_entry(struct rx_sink *s, struct rx_task *t)
{
	struct tprint *tp = tp_of(s);
	struct rx_call *c = &t->call;
	char nbuf[32];

	if (tp->o.stacks)
		take_stack(tp, t);

	show_abi(tp, t);
	leader(tp, t, &c->t_entry);
	sb_printf(&tp->sb, "%s(", callfmt_name(c, nbuf, sizeof(nbuf)));
	c->next_arg = callfmt_args(&tp->sb, t, tp->base.run->dopts, 0, true);
	c->shown = true;
	if (c->se && c->se->ret == R_NONE) {
		/* exit_group never returns: finish the line now. */
		finish_line(tp, t, 0);
		emit(tp);
		put_stack(tp, t);
		c->shown = false;
		return false;
	}
	emit(tp);
	tp->open = t;
	tp->col = tp->sb.len;
	return true;
}

static void tp_exit(struct rx_sink *s, struct rx_task *t)
{
	struct tprint *tp = tp_of(s);
	struct rx_call *c = &t->call;
	size_t col_before;
	char nbuf[32];

	if (!c->shown)
		return;
	if (tp->open == t) {
		sb_reset(&tp->sb);
		col_before = tp->col;
		tp->open = NULL;
	} else {
		leader(tp, t, &c->t_exit);
		sb_printf(&tp->sb, "<... %s resumed>",
			  callfmt_name(c, nbuf, sizeof(nbuf)));
		col_before = 0;
	}
	if (c->se)
		callfmt_args(&tp->sb, t, tp->base.run->dopts, c->next_arg, false);
	finish_line(tp, t, col_before);
	emit(tp);
	put_stack(tp, t);
	c->shown = false;
}

static void tp_signal(struct rx_sink *s, struct rx_task *t, int sig,
		      const siginfo_t *si)
{
	struct tprint *tp = tp_of(s);
	leader(tp, t, NULL);
	sb_puts(&tp->sb, "--- ");
	xlat_print_signal(&tp->sb, sig);
	if (si) {
		sb_putc(&tp->sb, ' ');
		decode_siginfo(&tp->sb, si);
	}
	sb_puts(&tp->sb, " ---\n");
	emit(tp);
}

static void tp_group_stop(struct rx_sink *s, struct rx_task *t, int sig)
{
	struct tprint *tp = tp_of(s);
	leader(tp, t, NULL);
	sb_puts(&tp->sb, "--- stopped by ");
	xlat_print_signal(&tp->sb, sig);
	sb_puts(&tp->sb, " ---\n");
	emit(tp);
}

static void tp_exec(struct rx_sink *s, struct rx_task *t, pid_t old)
{
	struct tprint *tp = tp_of(s);
	if (old == t->tid)
		return;
	leader(tp, t, NULL);
	sb_printf(&tp->sb, "+++ superseded by execve in pid %d +++\n",
		  (int)old);
	emit(tp);
	/* The exec'ing thread's open line now belongs to this tid. */
	t->call.unfinished = t->call.shown;
}

/* A task that disappears inside a call (DIED; else it is detached) gets
 * its line closed as strace closes it: "read(3,  <unfinished ...>)",
 * padded, "= ?", the mark only when arguments of the exit were not
 * printed. */
static void close_pending(struct tprint *tp, struct rx_task *t, bool died)
{
	struct rx_call *c = &t->call;
	if (!c->shown)
		return;
	bool open = tp->open == t;
	size_t col = 0;
	if (open) {
		sb_reset(&tp->sb);
		col = tp->col;
	} else {
		char nbuf[32];
		leader(tp, t, NULL);
		sb_printf(&tp->sb, "<... %s resumed>",
			  callfmt_name(c, nbuf, sizeof(nbuf)));
	}
	if (!died) {
		sb_puts(&tp->sb, " <detached ...>\n");
	} else {
		if (c->next_arg < callfmt_nargs(c))
			sb_puts(&tp->sb, " <unfinished ...>");
		sb_puts(&tp->sb, ") ");
		for (col += tp->sb.len; col < RET_COLUMN; col++)
			sb_putc(&tp->sb, ' ');
		sb_puts(&tp->sb, "= ?\n");
	}
	if (open) {
		fputs(tp->sb.p, tp->fp);
		sb_reset(&tp->sb);
		tp->open = NULL;
	} else {
		emit(tp);
	}
	c->shown = false;
}

static void tp_death(struct rx_sink *s, struct rx_task *t, enum rx_death how,
		     int code, bool core)
{
	struct tprint *tp = tp_of(s);
	close_pending(tp, t, true);
	leader(tp, t, NULL);
	if (how == RX_EXITED) {
		sb_printf(&tp->sb, "+++ exited with %d +++\n", code);
	} else {
		sb_puts(&tp->sb, "+++ killed by ");
		xlat_print_signal(&tp->sb, code);
		sb_puts(&tp->sb, core ? " (core dumped) +++\n" : " +++\n");
	}
	emit(tp);
}

static void tp_detach(struct rx_sink *s, struct rx_task *t)
{
	close_pending(tp_of(s), t, false);
}

static int tp_finish(struct rx_sink *s)
{
	struct tprint *tp = tp_of(s);
	cut_open(tp);
	if (fflush(tp->fp) == EOF || ferror(tp->fp))
		return errno ? -errno : -EIO;
	return 0;
}

static void tp_free(struct rx_sink *s)
{
	struct tprint *tp = tp_of(s);
	sb_release(&tp->sb);
	free(tp);
}

static const struct rx_sink_ops tprint_ops = {
	.syscall_entry = tp_entry,
	.syscall_exit = tp_exit,
	.signal = tp_signal,
	.group_stop = tp_group_stop,
	.exec = tp_exec,
	.death = tp_death,
	.detach = tp_detach,
	.finish = tp_finish,
	.free = tp_free,
};

struct rx_sink *tprint_new(FILE *fp, const struct tprint_opts *o)
{
	struct tprint *tp = xcalloc(1, sizeof(*tp));
	tp->base.ops = &tprint_ops;
	tp->fp = fp;
	tp->o = *o;
	sb_init(&tp->sb);
	return &tp->base;
}
