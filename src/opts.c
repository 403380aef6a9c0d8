/* opts.c - command-line parsing */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "finding.h"
#include "opts.h"
#include "unwind.h"
#include "util.h"

enum {
	OPT_LIST_SYSCALLS = 256, OPT_STATS, OPT_STACK_DEPTH, OPT_SOURCE_LINES,
	OPT_LIST_RULES, OPT_RULES, OPT_DISABLE, OPT_MIN_LEVEL, OPT_SUPPRESS,
	OPT_FORMAT, OPT_BASELINE, OPT_FAIL_ON, OPT_EVENTS, OPT_MAX_FINDINGS,
	OPT_MAX_PROCS,
};

static const struct option longopts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ "list-syscalls", no_argument, NULL, OPT_LIST_SYSCALLS },
	{ "list-rules", no_argument, NULL, OPT_LIST_RULES },
	{ "rules", required_argument, NULL, OPT_RULES },
	{ "disable", required_argument, NULL, OPT_DISABLE },
	{ "min-level", required_argument, NULL, OPT_MIN_LEVEL },
	{ "suppress", required_argument, NULL, OPT_SUPPRESS },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "baseline", required_argument, NULL, OPT_BASELINE },
	{ "fail-on", required_argument, NULL, OPT_FAIL_ON },
	{ "events", required_argument, NULL, OPT_EVENTS },
	{ "max-findings", required_argument, NULL, OPT_MAX_FINDINGS },
	{ "max-procs", required_argument, NULL, OPT_MAX_PROCS },
	{ "stats", no_argument, NULL, OPT_STATS },
	{ "stack-depth", required_argument, NULL, OPT_STACK_DEPTH },
	{ "source-lines", required_argument, NULL, OPT_SOURCE_LINES },
	{ "output", required_argument, NULL, 'o' },
	{ "attach", required_argument, NULL, 'p' },
	{ "string-limit", required_argument, NULL, 's' },
	{ NULL, 0, NULL, 0 }
};

void opts_usage(FILE *fp)
{
	fputs("Usage: rxtrace [OPTIONS] -- COMMAND [ARGS...]\n"
	      "       rxtrace [OPTIONS] -p PID [-p PID...]\n"
	      "Run COMMAND, or attach to running processes, and watch what they do\n"
	      "inside: every thread and child is followed.\n"
	      "\n"
	      "Findings mode (the default): run the rules, report at exit on stderr:\n"
	      "      --rules=LIST   enable only these rules: ids and globs, e.g.\n"
	      "                     RX-LIB-001,RX-PROC-* (default: the stable rules)\n"
	      "      --disable=LIST  disable these rules\n"
	      "      --min-level=LEVEL  report only findings at LEVEL or above:\n"
	      "                     note (default), warning, error\n"
	      "      --suppress=FILE  accept the findings FILE lists (rule ids,\n"
	      "                     func=, module=, file=, key=, exe= globs)\n"
	      "      --baseline=FILE  compare with FILE, an earlier SARIF report of\n"
	      "                     rxtrace: each finding is new, updated or unchanged,\n"
	      "                     and the ones gone since are listed as absent\n"
	      "      --fail-on=WHEN  the gate: exit with 3 when a reported finding is\n"
	      "                     new or updated (WHEN=new), or at level WHEN or\n"
	      "                     above (note, warning, error); default: none\n"
	      "      --format=FORMAT  the report: text (default), sarif (SARIF 2.1.0;\n"
	      "                     the default for -o FILE.sarif) or jsonl (JSON\n"
	      "                     Lines; the default for -o FILE.jsonl)\n"
	      "      --max-findings=N  keep at most N findings per rule (default\n"
	      "                     1000, 0: no limit); occurrences of further\n"
	      "                     ones are only counted, in a line of the report\n"
	      "      --list-rules   print the rule catalogue and exit\n"
	      "\n"
	      "Trace mode (strace-style lines on stderr):\n"
	      "  -e trace=SET       print the syscalls in SET: names, %classes, all, none;\n"
	      "                     a leading ! negates (classes: %file %desc %process\n"
	      "                     %network %signal %ipc %memory %creds %clock %stat)\n"
	      "  -c                 count calls, errors and time; summary at exit\n"
	      "  -C                 like -c, and print the lines too\n"
	      "  -s N               print at most N bytes of strings (default 32)\n"
	      "  -y                 print the path behind file descriptors\n"
	      "  -t, -tt, -ttt      prefix lines with the time of day (-tt: with\n"
	      "                     microseconds, -ttt: seconds since the epoch)\n"
	      "  -T                 show the time spent in each call\n"
	      "  -k                 print the stack of each call: module, function,\n"
	      "                     source file and line\n"
	      "      --stack-depth=N  at most N frames per stack (default 64, max 256;\n"
	      "                     findings: 24)\n"
	      "      --source-lines=WHICH  source files, lines and inline frames for\n"
	      "                     'program' modules (default: all but system\n"
	      "                     libraries), 'all' or 'none'\n"
	      "\n"
	      "General:\n"
	      "  -o, --output=FILE  write the report or the trace lines to FILE\n"
	      "                     instead of stderr\n"
	      "      --events=FILE  also write every traced call, program started and\n"
	      "                     process gone, then the findings, to FILE as JSON\n"
	      "                     Lines\n"
	      "  -p, --attach=PID   attach to process PID (repeatable); detach on\n"
	      "                     SIGINT, SIGTERM or SIGHUP, leaving it running\n"
	      "  -f                 accepted for strace compatibility (always on)\n"
	      "      --max-procs=N  watch at most N processes at once (default\n"
	      "                     32768, 0: no limit); the ones beyond, and\n"
	      "                     their children, are traced but neither printed\n"
	      "                     nor checked by the rules\n"
	      "      --stats        print how many ptrace stops, traced calls and\n"
	      "                     tasks rxtrace handled, on stderr at exit\n"
	      "      --list-syscalls  print the syscall table and exit\n"
	      "  -h, --help         show this help and exit\n"
	      "  -V, --version      show the version and exit\n"
	      "\n"
	      "Exit status: the command's own status, 128+N if it was killed by\n"
	      "signal N, 127 command not found, 126 command not executable,\n"
	      "125 rxtrace failed; 0 after detaching from -p processes. Only when\n"
	      "that is 0: 3 if the --fail-on gate tripped (stderr says so).\n"
	      "\n"
	      "See rxtrace(1) for details.\n", fp);
}

static int usage_error(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int usage_error(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

static int parse_expr(struct rx_opts *o, const char *expr, char *err,
		      size_t errlen)
{
	const char *set = expr;
	const char *eq = strchr(expr, '=');
	if (eq) {
		size_t n = (size_t)(eq - expr);
		if (!((n == 5 && !strncmp(expr, "trace", 5)) ||
		      (n == 1 && expr[0] == 't')))
			return usage_error(err, errlen,
					   "unknown qualifier '%.*s' in -e",
					   (int)n, expr);
		set = eq + 1;
	}
	char msg[128];
	if (traceset_parse(&o->trace, set, msg, sizeof(msg)) < 0)
		return usage_error(err, errlen, "%s in -e trace", msg);
	o->trace_mode = true;
	o->trace_lines = true;
	return 0;
}

int opts_parse(struct rx_opts *o, int argc, char **argv, char *err,
	       size_t errlen)
{
	bool have_trace = false, count_only = false, count_also = false;
	bool have_format = false;
	int c;

	memset(o, 0, sizeof(*o));
	o->dopts.max_strlen = 32;
	o->max_findings = FINDING_DEFAULT_MAX_PER_RULE;
	o->max_procs = OPTS_DEFAULT_MAX_PROCS;
	o->source_lines = UNWIND_LINES_PROGRAM;
	rule_set_default(&o->rules);
	o->min_level = RULE_NOTE;
	o->action = ACT_RUN;
	const char *rules = NULL, *disable = NULL;
	opterr = 0;
	optind = 1;
	/* '+': stop at the command, so its own options stay its own. */
	while ((c = getopt_long(argc, argv, "+:e:o:s:p:ytTcCfkhV", longopts,
				NULL)) != -1) {
		unsigned long v;
		int r;
		switch (c) {
		case 'e':
			r = parse_expr(o, optarg, err, errlen);
			if (r < 0)
				return r;
			have_trace = true;
			break;
		case 'o':
			o->outfile = optarg;
			break;
		case 's':
			if (parse_uint(optarg, 1u << 20, &v) < 0)
				return usage_error(err, errlen,
						   "invalid string limit '%s'",
						   optarg);
			o->dopts.max_strlen = (unsigned)v;
			break;
		case 'p':
			if (parse_uint(optarg, 0x7fffffff, &v) < 0 || v == 0)
				return usage_error(err, errlen,
						   "invalid process id '%s'",
						   optarg);
			o->pids = xrealloc(o->pids,
					   (o->npids + 1) * sizeof(*o->pids));
			o->pids[o->npids++] = (pid_t)v;
			break;
		case 'y':
			o->dopts.fd_paths = true;
			break;
		case 't':
			if (o->timestamps < 3)
				o->timestamps++;
			break;
		case 'T':
			o->syscall_times = true;
			break;
		case 'c':
			count_only = true;
			break;
		case 'C':
			count_also = true;
			break;
		case 'f':
			break;
		case 'h':
			o->action = ACT_HELP;
			return 0;
		case 'V':
			o->action = ACT_VERSION;
			return 0;
		case OPT_STATS:
			o->stats = true;
			break;
		case 'k':
			o->stacks = true;
			break;
		case OPT_STACK_DEPTH:
			if (parse_uint(optarg, UNWIND_MAX_DEPTH, &v) < 0 || v == 0)
				return usage_error(err, errlen,
						   "invalid stack depth '%s' (1 to %d)",
						   optarg, UNWIND_MAX_DEPTH);
			o->stack_depth = (unsigned)v;
			break;
		case OPT_SOURCE_LINES:
			if (!strcmp(optarg, "none"))
				o->source_lines = UNWIND_LINES_NONE;
			else if (!strcmp(optarg, "program"))
				o->source_lines = UNWIND_LINES_PROGRAM;
			else if (!strcmp(optarg, "all"))
				o->source_lines = UNWIND_LINES_ALL;
			else
				return usage_error(err, errlen,
						   "invalid --source-lines '%s' (none, program or all)",
						   optarg);
			break;
		case OPT_LIST_SYSCALLS:
			o->action = ACT_LIST_SYSCALLS;
			return 0;
		case OPT_LIST_RULES:
			o->action = ACT_LIST_RULES;
			return 0;
		case OPT_RULES:
			rules = optarg;
			break;
		case OPT_DISABLE:
			disable = optarg;
			break;
		case OPT_FORMAT:
			if (!strcmp(optarg, "text"))
				o->format = FORMAT_TEXT;
			else if (!strcmp(optarg, "sarif"))
				o->format = FORMAT_SARIF;
			else if (!strcmp(optarg, "jsonl"))
				o->format = FORMAT_JSONL;
			else
				return usage_error(err, errlen,
						   "invalid --format '%s' (text, sarif or jsonl)",
						   optarg);
			have_format = true;
			break;
		case OPT_BASELINE:
			o->baseline = optarg;
			break;
		case OPT_FAIL_ON:
			if ((r = baseline_gate_parse(optarg)) < 0)
				return usage_error(err, errlen,
						   "invalid --fail-on '%s' (new, error, warning, note or none)",
						   optarg);
			o->fail_on = (enum baseline_gate)r;
			break;
		case OPT_EVENTS:
			o->events = optarg;
			break;
		case OPT_MAX_FINDINGS:
			if (parse_uint(optarg, 1u << 30, &v) < 0)
				return usage_error(err, errlen,
						   "invalid --max-findings '%s'", optarg);
			o->max_findings = (unsigned)v;
			break;
		case OPT_MAX_PROCS:
			if (parse_uint(optarg, 1u << 30, &v) < 0)
				return usage_error(err, errlen,
						   "invalid --max-procs '%s'", optarg);
			o->max_procs = (unsigned)v;
			break;
		case OPT_SUPPRESS:
			o->suppress = xrealloc(o->suppress, (o->nsuppress + 1) *
					       sizeof(*o->suppress));
			o->suppress[o->nsuppress++] = optarg;
			break;
		case OPT_MIN_LEVEL:
			if ((r = rule_level_parse(optarg)) < 0)
				return usage_error(err, errlen,
						   "invalid --min-level '%s' (note, warning or error)",
						   optarg);
			o->min_level = (enum rule_level)r;
			break;
		case ':':
			return usage_error(err, errlen,
					   "option '%s' requires an argument",
					   argv[optind - 1]);
		default:
			if (optopt && optopt < 256)
				return usage_error(err, errlen,
						   "invalid option -- '%c'",
						   optopt);
			return usage_error(err, errlen,
					   "unrecognized option '%s'",
					   argv[optind - 1]);
		}
	}

	/* a report named *.sarif is SARIF, *.jsonl JSON Lines, unless
	 * --format says otherwise */
	if (!have_format && o->outfile) {
		size_t n = strlen(o->outfile);
		if (n > 6 && !strcmp(o->outfile + n - 6, ".sarif"))
			o->format = FORMAT_SARIF;
		else if (n > 6 && !strcmp(o->outfile + n - 6, ".jsonl"))
			o->format = FORMAT_JSONL;
	}
	char why[128];
	if (rules && rule_set_parse(&o->rules, rules, why, sizeof(why)) < 0)
		return usage_error(err, errlen, "%s in --rules", why);
	if (disable) {
		struct rule_set drop;
		if (rule_set_parse(&drop, disable, why, sizeof(why)) < 0)
			return usage_error(err, errlen, "%s in --disable", why);
		rule_set_remove(&o->rules, &drop);
	}
	if (o->stacks && count_only && !count_also)
		return usage_error(err, errlen,
				   "-k prints stacks after trace lines, which -c turns off (use -C)");
	if (count_only || count_also) {
		o->trace_mode = true;
		o->summary = true;
		o->trace_lines = count_also;
		if (!have_trace)
			traceset_all(&o->trace);
	}
	/* -k alone traces everything, as strace -k does. */
	if (o->stacks && !o->trace_mode) {
		o->trace_mode = o->trace_lines = true;
		traceset_all(&o->trace);
	}
	/* a gate that cannot trip would pass CI silently */
	if (o->trace_mode && (o->baseline || o->fail_on != BASELINE_GATE_NONE))
		return usage_error(err, errlen,
				   "--baseline and --fail-on need findings mode (not -e, -c, -C or -k)");
	if (optind < argc)
		o->argv = argv + optind;
	if (o->argv && o->npids)
		return usage_error(err, errlen,
				   "-p cannot be combined with a command");
	if (!o->argv && !o->npids)
		return usage_error(err, errlen, "must have a command or -p PID");
	return 0;
}

void opts_release(struct rx_opts *o)
{
	free(o->pids);
	o->pids = NULL;
	free(o->suppress);
	o->suppress = NULL;
}
