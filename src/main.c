/* main.c - rxtrace: parse options, wire sinks to the engine, exit */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "baseline.h"
#include "decode.h"
#include "engine.h"
#include "envscan.h"
#include "events.h"
#include "finding.h"
#include "opts.h"
#include "report.h"
#include "rule.h"
#include "secret.h"
#include "sink.h"
#include "suppress.h"
#include "sysent.h"
#include "unwind.h"

static int list_syscalls(void)
{
	int r = sysent_init();
	if (r < 0)
		return r;
	printf("%-22s %5s  %-22s %s\n", "SYSCALL", "NR", "CLASSES", "ARGUMENTS");
	for (unsigned i = 0; i < sysent_count; i++) {
		const struct sysent *se = &sysent_table[i];
		char classes[128] = "";
		size_t n = 0;
		for (const struct sysent_class *c = sysent_classes; c->name; c++)
			if ((se->classes & c->bit) &&
			    !strstr(classes, c->name) && n < sizeof(classes) - 16)
				n += (size_t)snprintf(classes + n, sizeof(classes) - n,
						      "%s%%%s", n ? "," : "", c->name);
		printf("%-22s %5ld  %-22s ", se->name, sysent_nr(se, ABI_X86_64),
		       n ? classes : "-");
		for (unsigned a = 0; a < se->nargs; a++)
			printf("%s%s", a ? ", " : "", argkind_name(se->arg[a]));
		putchar('\n');
	}
	return fflush(stdout) == EOF ? -errno : 0;
}

static FILE *open_output(const char *path, int *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (fd < 0) {
		*err = errno;
		return NULL;
	}
	FILE *fp = fdopen(fd, "w");
	if (!fp) {
		*err = errno;
		close(fd);
		return NULL;
	}
	setvbuf(fp, NULL, _IOFBF, 1 << 16);
	return fp;
}

static int list_rules(void)
{
	struct sbuf sb;
	sb_init(&sb);
	rule_format_list(&sb, rule_implemented);
	fputs(sb.p, stdout);
	sb_release(&sb);
	return fflush(stdout) == EOF ? -errno : 0;
}

/* Trace mode: the line printer and the -c table. */
static struct rx_sink *trace_sinks(const struct rx_opts *o, FILE *out,
				   struct rx_run *run)
{
	struct rx_sink *sinks = NULL;
	if (o->summary) {
		sinks = tsummary_new(out);
		run->want_time = true;
	}
	if (o->trace_lines) {
		struct tprint_opts to = {
			.timestamps = o->timestamps,
			.syscall_times = o->syscall_times,
			.pid_prefix_always = o->outfile != NULL,
			.stacks = o->stacks,
		};
		struct rx_sink *s = tprint_new(out, &to);
		s->next = sinks;
		sinks = s;
		run->want_time |= o->timestamps || o->syscall_times;
	}
	return sinks;
}

/* --fail-on: how many reported findings trip the gate, and how many of
 * those are updated ones. */
static size_t gate_count(enum baseline_gate gate, const struct finding_store *fs,
			 size_t *updated)
{
	size_t trips = 0;
	*updated = 0;
	for (size_t i = 0; i < fs->n; i++) {
		const struct finding *f = fs->all[i];
		if (f->suppressed || !baseline_gate_trips(gate, f->level, f->baseline))
			continue;
		trips++;
		*updated += f->baseline == BASELINE_UPDATED;
	}
	return trips;
}

/* One line: exit status 3 alone could also be the command's own. */
static void gate_say(enum baseline_gate gate, size_t trips, size_t updated)
{
	const char *name = baseline_gate_name(gate);
	const char *s = trips == 1 ? "" : "s";
	if (gate != BASELINE_GATE_NEW)
		fprintf(stderr, "rxtrace: --fail-on=%s: %zu finding%s at %s or above\n",
			name, trips, s, name);
	else if (updated && updated < trips)
		fprintf(stderr, "rxtrace: --fail-on=new: %zu new and %zu updated findings\n",
			trips - updated, updated);
	else
		fprintf(stderr, "rxtrace: --fail-on=new: %zu %s finding%s\n", trips,
			updated ? "updated" : "new", s);
}

static bool want_color(FILE *fp)
{
	const char *nc = getenv("NO_COLOR");
	return isatty(fileno(fp)) && !(nc && *nc);
}

/* The warnings among the tracer's notes; the others (a task killed, a
 * thread gone during the attach) are the tracee's doing, for the SARIF
 * log only. */
static void say_notes(const struct engine_result *res)
{
	struct sbuf sb;
	sb_init(&sb);
	for (unsigned i = 0; i < res->nnotes; i++) {
		if (strcmp(engine_note_descs[res->notes[i].kind].level, "warning"))
			continue;
		sb_reset(&sb);
		engine_note_text(&res->notes[i], &sb);
		fprintf(stderr, "rxtrace: note: %s\n", sb.p);
	}
	if (res->notes_lost)
		fprintf(stderr, "rxtrace: note: %lu more tracer problems not told apart\n",
			res->notes_lost);
	sb_release(&sb);
}

int main(int argc, char **argv)
{
	struct rx_opts o;
	char err[256];
	int r;

	if (opts_parse(&o, argc, argv, err, sizeof(err)) < 0) {
		fprintf(stderr, "rxtrace: %s\nTry 'rxtrace --help' for more information.\n",
			err);
		opts_release(&o);
		return RX_EXIT_FAILURE;
	}
	switch (o.action) {
	case ACT_HELP:
		opts_usage(stdout);
		opts_release(&o);
		return fflush(stdout) == EOF ? RX_EXIT_FAILURE : 0;
	case ACT_VERSION:
		printf("rxtrace %s\n", PACKAGE_VERSION);
		opts_release(&o);
		return fflush(stdout) == EOF ? RX_EXIT_FAILURE : 0;
	case ACT_LIST_SYSCALLS:
	case ACT_LIST_RULES:
		r = o.action == ACT_LIST_RULES ? list_rules() : list_syscalls();
		if (r < 0)
			fprintf(stderr, "rxtrace: %s: %s\n", o.action == ACT_LIST_RULES ?
				"--list-rules" : "--list-syscalls", strerror(-r));
		opts_release(&o);
		return r < 0 ? RX_EXIT_FAILURE : 0;
	case ACT_RUN:
		break;
	}
	if ((r = sysent_init()) < 0) {
		fprintf(stderr, "rxtrace: cannot read the syscall table: %s\n",
			strerror(-r));
		opts_release(&o);
		return RX_EXIT_FAILURE;
	}

	struct suppress_list supp;
	suppress_init(&supp);
	for (unsigned i = 0; i < o.nsuppress; i++) {
		r = suppress_load(&supp, o.suppress[i], err, sizeof(err));
		if (r < 0) {
			if (r == -EINVAL)
				fprintf(stderr, "rxtrace: %s\n", err);
			else
				fprintf(stderr, "rxtrace: cannot read %s: %s\n",
					o.suppress[i], strerror(-r));
			suppress_release(&supp);
			opts_release(&o);
			return RX_EXIT_FAILURE;
		}
	}

	/* before anything is traced or written: a broken baseline is a
	 * broken run */
	struct baseline base;
	baseline_init(&base);
	if (o.baseline && baseline_load(&base, o.baseline, err, sizeof(err)) < 0) {
		fprintf(stderr, "rxtrace: cannot use baseline %s: %s\n", o.baseline, err);
		suppress_release(&supp);
		opts_release(&o);
		return RX_EXIT_FAILURE;
	}

	/* The report is written at the end, atomically; trace lines are a
	 * stream, written as they come. */
	bool findings = !o.trace_mode;
	FILE *out = stderr;
	struct report_file rf = { 0 };
	if (o.outfile) {
		int e = 0;
		if (findings)
			e = -report_file_open(&rf, o.outfile);
		else if (!(out = open_output(o.outfile, &e)))
			out = stderr;
		if (e) {
			fprintf(stderr, "rxtrace: cannot open %s: %s\n", o.outfile,
				strerror(e));
			baseline_release(&base);
			suppress_release(&supp);
			opts_release(&o);
			return RX_EXIT_FAILURE;
		}
		if (findings)
			out = rf.fp;
	} else {
		/* stderr is shared with the command: whole lines keep the
		 * two readable when they interleave. */
		setvbuf(stderr, NULL, _IOLBF, 1 << 16);
	}

	/* --events: a stream like trace lines, opened before anything runs */
	FILE *evfp = NULL;
	if (o.events && !(evfp = open_output(o.events, &r))) {
		fprintf(stderr, "rxtrace: cannot open %s: %s\n", o.events, strerror(r));
		if (o.outfile && findings)
			report_file_abort(&rf);
		else if (out != stderr)
			fclose(out);
		baseline_release(&base);
		suppress_release(&supp);
		opts_release(&o);
		return RX_EXIT_FAILURE;
	}

	/* Secret values learned from environments are masked in every
	 * string the decoders print. */
	struct secret_set secrets;
	secret_set_init(&secrets);
	/* the command starts with rxtrace's own environment */
	for (char **e = environ; *e; e++)
		envscan_learn(&secrets, *e, strlen(*e));
	for (char **a = o.argv; a && *a; a++)
		envscan_learn_arg(&secrets, *a, strlen(*a));
	o.dopts.secrets = &secrets;
	struct rx_run run = { .dopts = &o.dopts };
	if (o.stacks || findings) {
		/* A finding keeps FINDING_MAX_FRAMES frames: deeper frames of
		 * an interpreter's stack would be unwound for nothing. */
		unsigned depth = o.stack_depth ? o.stack_depth :
				 o.stacks ? UNWIND_DEFAULT_DEPTH : FINDING_MAX_FRAMES + 8;
		struct unwind_opts uo = { .depth = depth,
					  .lines = o.source_lines };
		run.unwind = unwind_new(&uo);
	}
	struct filter_spec want;
	filter_spec_init(&want);
	struct finding_store fs;
	finding_store_init(&fs);
	fs.max_per_rule = o.max_findings;
	struct rx_sink *sinks, *events = NULL;
	if (evfp) {
		events = events_new(evfp, &secrets);
		run.want_time = true;
	}
	if (findings) {
		struct rule_engine_opts ro = {
			.enabled = o.rules, .min_level = o.min_level,
			.unwind = run.unwind, .secrets = &secrets,
			.hit = events ? events_hit : NULL, .hit_arg = events,
		};
		sinks = rule_engine_new(&ro, &fs);
		rule_engine_want(&o.rules, &want);
	} else {
		sinks = trace_sinks(&o, out, &run);
		want.all = o.trace;
	}
	/* last: the rules have run on a call, and named their findings,
	 * before its record is written */
	if (events) {
		struct rx_sink **tail = &sinks;
		while (*tail)
			tail = &(*tail)->next;
		*tail = events;
	}
	/* first: the secrets of a new program are known before any other
	 * sink prints its calls */
	struct rx_sink *es = envscan_new(&secrets);
	es->next = sinks;
	sinks = es;
	for (struct rx_sink *s = sinks; s; s = s->next)
		s->run = &run;

	struct engine_cfg cfg = {
		.argv = o.argv,
		.pids = o.pids,
		.npids = o.npids,
		.want = &want,
		.sinks = sinks,
		.max_procs = o.max_procs,
		.run = &run,
	};
	struct engine_result res;
	struct timespec t_start, t_end;
	clock_gettime(CLOCK_REALTIME, &t_start);
	r = engine_run(&cfg, &res);
	clock_gettime(CLOCK_REALTIME, &t_end);
	int status = res.status;

	for (struct rx_sink *s = sinks; s; s = s->next) {
		int fr = s->ops->finish(s);
		if (fr < 0 && r >= 0) {
			fprintf(stderr, "rxtrace: cannot write %s: %s\n",
				o.outfile ? o.outfile : "trace output", strerror(-fr));
			if (status == 0)
				status = RX_EXIT_FAILURE;
		}
	}
	if (r < 0)
		fprintf(stderr, "rxtrace: %s\n", res.what);
	if (findings && r < 0) {
		/* nothing was traced: no report, and no file left behind */
		if (o.outfile)
			report_file_abort(&rf);
	} else if (findings) {
		for (size_t i = 0; i < fs.n; i++)
			fs.all[i]->suppressed = suppress_match(&supp, fs.all[i]) != NULL;
		if (o.baseline)
			report_sarif_baseline(&base, &fs);
		size_t updated, trips = gate_count(o.fail_on, &fs, &updated);
		/* the command's failure, and rxtrace's own, come first */
		if (trips && status == 0)
			status = RX_EXIT_GATE;
		struct reporter *rep = o.format == FORMAT_SARIF ? report_sarif_new(out) :
			o.format == FORMAT_JSONL ? report_jsonl_new(out) :
			report_text_new(out, !o.outfile && want_color(out));
		struct report_run rr = {
			.argc = argc, .argv = argv, .status = status,
			.tracee_status = res.status, .start = t_start, .end = t_end,
			.secrets = &secrets, .baseline = o.baseline ? &base : NULL,
			.notes = res.notes, .nnotes = res.nnotes,
		};
		int wr = rep->ops->write(rep, &fs, &rr);
		rep->ops->free(rep);
		if (!wr && o.outfile)
			wr = report_file_commit(&rf);
		else if (o.outfile)
			report_file_abort(&rf);
		if (wr < 0) {
			fprintf(stderr, "rxtrace: cannot write %s: %s\n",
				o.outfile ? o.outfile : "the report", strerror(-wr));
			status = RX_EXIT_FAILURE;
		}
		if (trips)
			gate_say(o.fail_on, trips, updated);
	}
	int er = events ? events_close(events, &fs) : 0;
	if (er < 0) {
		fprintf(stderr, "rxtrace: cannot write %s: %s\n", o.events, strerror(-er));
		if (status == 0)
			status = RX_EXIT_FAILURE;
	}
	if (r >= 0)
		say_notes(&res);
	if (r >= 0 && res.unwatched)
		fprintf(stderr, "rxtrace: %lu process%s beyond --max-procs=%u traced, "
			"but neither printed nor checked by the rules\n", res.unwatched,
			res.unwatched == 1 ? "" : "es", o.max_procs);
	if (o.stats)
		fprintf(stderr, "rxtrace: stats: %lu stops, %lu calls, %lu tasks\n",
			res.stops, res.calls, res.tasks);
	while (sinks) {
		struct rx_sink *s = sinks;
		sinks = s->next;
		s->ops->free(s);
	}
	finding_store_release(&fs);
	unwind_free(run.unwind);
	filter_spec_release(&want);
	secret_set_release(&secrets);
	suppress_release(&supp);
	baseline_release(&base);
	if (!findings && out != stderr && fclose(out) == EOF && status == 0) {
		fprintf(stderr, "rxtrace: cannot write %s: %s\n", o.outfile,
			strerror(errno));
		status = RX_EXIT_FAILURE;
	}
	opts_release(&o);
	return status;
}
