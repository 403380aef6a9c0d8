/* main.c - rxtrace: parse options, wire sinks to the engine, exit */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "decode.h"
#include "engine.h"
#include "opts.h"
#include "sink.h"
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

int main(int argc, char **argv)
{
	struct rx_opts o;
	char err[256];
	int r;

	if (opts_parse(&o, argc, argv, err, sizeof(err)) < 0) {
		fprintf(stderr, "rxtrace: %s\nTry 'rxtrace --help' for more information.\n",
			err);
		return RX_EXIT_FAILURE;
	}
	switch (o.action) {
	case ACT_HELP:
		opts_usage(stdout);
		return fflush(stdout) == EOF ? RX_EXIT_FAILURE : 0;
	case ACT_VERSION:
		printf("rxtrace %s\n", PACKAGE_VERSION);
		return fflush(stdout) == EOF ? RX_EXIT_FAILURE : 0;
	case ACT_LIST_SYSCALLS:
		if ((r = list_syscalls()) < 0) {
			fprintf(stderr, "rxtrace: --list-syscalls: %s\n", strerror(-r));
			return RX_EXIT_FAILURE;
		}
		return 0;
	case ACT_RUN:
		break;
	}

	FILE *out = stderr;
	if (o.outfile) {
		int e;
		out = open_output(o.outfile, &e);
		if (!out) {
			fprintf(stderr, "rxtrace: cannot open %s: %s\n", o.outfile,
				strerror(e));
			return RX_EXIT_FAILURE;
		}
	} else {
		/* stderr is shared with the command: whole lines keep the
		 * two readable when they interleave. */
		setvbuf(stderr, NULL, _IOLBF, 1 << 16);
	}

	struct rx_run run = { .dopts = &o.dopts };
	if (o.stacks) {
		struct unwind_opts uo = { .depth = o.stack_depth,
					  .lines = o.source_lines };
		run.unwind = unwind_new(&uo);
	}
	struct rx_sink *sinks = NULL;
	if (o.summary) {
		struct rx_sink *s = tsummary_new(out);
		s->next = sinks;
		sinks = s;
		run.want_time = true;
	}
	if (o.trace_lines) {
		struct tprint_opts to = {
			.timestamps = o.timestamps,
			.syscall_times = o.syscall_times,
			.pid_prefix_always = o.outfile != NULL,
		};
		struct rx_sink *s = tprint_new(out, &to);
		s->next = sinks;
		sinks = s;
		run.want_time |= o.timestamps || o.syscall_times;
	}
	for (struct rx_sink *s = sinks; s; s = s->next)
		s->run = &run;

	struct filter_spec want;
	filter_spec_init(&want);
	want.all = o.trace;
	struct engine_cfg cfg = {
		.argv = o.argv,
		.pids = o.pids,
		.npids = o.npids,
		.want = &want,
		.sinks = sinks,
		.run = &run,
	};
	struct engine_result res;
	r = engine_run(&cfg, &res);
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
	if (o.stats)
		fprintf(stderr, "rxtrace: stats: %lu stops, %lu calls, %lu tasks\n",
			res.stops, res.calls, res.tasks);
	while (sinks) {
		struct rx_sink *s = sinks;
		sinks = s->next;
		s->ops->free(s);
	}
	unwind_free(run.unwind);
	filter_spec_release(&want);
	if (out != stderr && fclose(out) == EOF && status == 0) {
		fprintf(stderr, "rxtrace: cannot write %s: %s\n", o.outfile,
			strerror(errno));
		status = RX_EXIT_FAILURE;
	}
	opts_release(&o);
	return status;
}
