/* suppress.c - suppression files */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "suppress.h"
#include "util.h"

static const char *const field_names[SUPPRESS_NFIELDS] = {
	[SUPPRESS_FUNC] = "func", [SUPPRESS_MODULE] = "module",
	[SUPPRESS_FILE] = "file", [SUPPRESS_KEY] = "key",
	[SUPPRESS_EXE] = "exe",
};

void suppress_init(struct suppress_list *sl)
{
	sl->v = NULL;
	sl->n = 0;
}

static void one_release(struct suppression *s)
{
	for (int i = 0; i < SUPPRESS_NFIELDS; i++)
		free(s->glob[i]);
}

void suppress_release(struct suppress_list *sl)
{
	for (size_t i = 0; i < sl->n; i++)
		one_release(&sl->v[i]);
	free(sl->v);
	suppress_init(sl);
}

static int bad(char *err, size_t errlen, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static int bad(char *err, size_t errlen, unsigned line, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(err, errlen, "%u: ", line);
	if (n >= 0 && (size_t)n < errlen) {
		va_start(ap, fmt);
		vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
		va_end(ap);
	}
	return -EINVAL;
}

/* One line, without its comment; words separated by blanks. */
static int parse_line(char *s, unsigned line, struct suppression *out,
		      char *err, size_t errlen)
{
	char *save = NULL, *w = strtok_r(s, " \t\r", &save);
	char why[128];
	memset(out, 0, sizeof(*out));
	out->line = line;
	if (rule_set_parse(&out->rules, w, why, sizeof(why)) < 0)
		return bad(err, errlen, line, "%s", why);
	while ((w = strtok_r(NULL, " \t\r", &save))) {
		char *eq = strchr(w, '=');
		int f = -1;
		for (int i = 0; eq && i < SUPPRESS_NFIELDS; i++)
			if ((size_t)(eq - w) == strlen(field_names[i]) &&
			    !strncmp(w, field_names[i], (size_t)(eq - w)))
				f = i;
		if (!eq || f < 0) {
			one_release(out);
			return bad(err, errlen, line,
				   "unknown field '%s' (func, module, file, key, exe)", w);
		}
		if (!eq[1] || out->glob[f]) {
			one_release(out);
			if (!eq[1])
				return bad(err, errlen, line, "empty pattern in '%s'", w);
			return bad(err, errlen, line, "field '%s' given twice", w);
		}
		out->glob[f] = xstrdup(eq + 1);
	}
	return 0;
}

int suppress_parse(struct suppress_list *sl, const char *text, size_t len,
		   char *err, size_t errlen)
{
	struct suppress_list add;
	suppress_init(&add);
	unsigned line = 0;
	for (size_t at = 0; at < len;) {
		const char *nl = memchr(text + at, '\n', len - at);
		size_t n = nl ? (size_t)(nl - (text + at)) : len - at;
		line++;
		if (memchr(text + at, '\0', n)) {
			suppress_release(&add);
			return bad(err, errlen, line, "%s", "a NUL byte (not a text file?)");
		}
		char *s = xmalloc(n + 1);
		memcpy(s, text + at, n);
		s[n] = '\0';
		at += n + 1;
		char *hash = strchr(s, '#');
		if (hash)
			*hash = '\0';
		if (strspn(s, " \t\r") == strlen(s)) {
			free(s);
			continue;
		}
		add.v = xrealloc(add.v, (add.n + 1) * sizeof(*add.v));
		int r = parse_line(s, line, &add.v[add.n], err, errlen);
		free(s);
		if (r < 0) {
			suppress_release(&add);
			return r;
		}
		add.n++;
	}
	sl->v = xrealloc(sl->v, (sl->n + add.n + 1) * sizeof(*sl->v));
	/* a file of comments only leaves add.v NULL: memcpy's arguments
	 * must not be, even for 0 bytes */
	if (add.n)
		memcpy(sl->v + sl->n, add.v, add.n * sizeof(*add.v));
	sl->n += add.n;
	free(add.v);
	return 0;
}

int suppress_load(struct suppress_list *sl, const char *path, char *err,
		  size_t errlen)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	struct sbuf sb;
	sb_init(&sb);
	char buf[4096];
	ssize_t n;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		sb_putn(&sb, buf, (size_t)n);
	int e = n < 0 ? -errno : 0;
	close(fd);
	if (!e) {
		char why[256];
		e = suppress_parse(sl, sb.p, sb.len, why, sizeof(why));
		if (e < 0)
			snprintf(err, errlen, "%s:%s", path, why);
	}
	sb_release(&sb);
	return e;
}

static bool glob_ok(const char *glob, const char *s)
{
	return !glob || (s && fnmatch(glob, s, 0) == 0);
}

static const char *base_name(const char *path)
{
	const char *s = path ? strrchr(path, '/') : NULL;
	return s ? s + 1 : path;
}

const struct suppression *suppress_match(const struct suppress_list *sl,
					 const struct finding *f)
{
	const struct finding_frame *site = finding_site(f);
	if (!site && f->nframes)
		site = &f->frames[0];
	for (size_t i = 0; i < sl->n; i++) {
		const struct suppression *s = &sl->v[i];
		const char *const *g = (const char *const *)s->glob;
		if (!rule_set_has(&s->rules, f->rule))
			continue;
		const char *mod = site ? site->module : NULL;
		if (glob_ok(g[SUPPRESS_FUNC], site ? site->func : NULL) &&
		    (glob_ok(g[SUPPRESS_MODULE], mod) ||
		     glob_ok(g[SUPPRESS_MODULE], base_name(mod))) &&
		    glob_ok(g[SUPPRESS_FILE], site ? site->file : NULL) &&
		    glob_ok(g[SUPPRESS_KEY], f->key) &&
		    glob_ok(g[SUPPRESS_EXE], f->exe))
			return s;
	}
	return NULL;
}
