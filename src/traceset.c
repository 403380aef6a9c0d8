/* traceset.c - parse -e trace=SET into a bitmap over sysent_table */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sysent.h"
#include "traceset.h"

/* The classes strace accepted before the % syntax, and still does. */
static const char *const legacy_classes[] = {
	"file", "process", "network", "signal", "ipc", "desc", "memory",
	NULL
};

static int set_error(char *err, size_t errlen, int r, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int set_error(char *err, size_t errlen, int r, const char *fmt, ...)
{
	va_list ap;

	if (err && errlen) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return r;
}

void traceset_empty(struct traceset *ts)
{
	memset(ts, 0, sizeof(*ts));
}

void traceset_all(struct traceset *ts)
{
	traceset_empty(ts);
	for (unsigned i = 0; i < sysent_count; i++)
		traceset_add(ts, i);
	ts->unknown_new = true;
}

static void add_all(struct traceset *ts)
{
	for (unsigned i = 0; i < sysent_count; i++)
		traceset_add(ts, i);
	ts->unknown_new = true;
}

static void add_classes(struct traceset *ts, uint32_t bit)
{
	for (unsigned i = 0; i < sysent_count; i++)
		if (sysent_table[i].classes & bit)
			traceset_add(ts, i);
}

/* Bits past the table stay clear, so two sets that select the same
 * rows compare equal whatever way they were written. */
static void complement(struct traceset *ts)
{
	for (unsigned i = 0; i < sysent_count; i++)
		ts->bits[i / 64] ^= UINT64_C(1) << (i % 64);
	ts->unknown_new = !ts->unknown_new;
}

static bool is_legacy_class(const char *name)
{
	for (const char *const *c = legacy_classes; *c; c++)
		if (!strcmp(*c, name))
			return true;
	return false;
}

/* Returns how many rows matched, or -EINVAL. */
static int add_regex(struct traceset *ts, const char *item, char *err,
		     size_t errlen)
{
	regex_t re;
	int n = 0;
	int r = regcomp(&re, item + 1, REG_EXTENDED | REG_NOSUB);

	if (r) {
		char why[96];
		regerror(r, &re, why, sizeof(why));
		return set_error(err, errlen, -EINVAL,
				 "invalid regular expression '%s': %s",
				 item, why);
	}
	for (unsigned i = 0; i < sysent_count; i++)
		if (!regexec(&re, sysent_table[i].name, 0, NULL, 0)) {
			traceset_add(ts, i);
			n++;
		}
	regfree(&re);
	return n;
}

/* Add ITEM (a NUL-terminated piece of SPEC) to TS. */
static int add_item(struct traceset *ts, const char *item, const char *spec,
		    char *err, size_t errlen)
{
	bool optional = false;
	uint32_t bit;
	const struct sysent *se;

	if (!*item)
		return set_error(err, errlen, -EINVAL,
				 "empty item in '%s'", spec);
	for (const char *p = item; *p; p++)
		if (isspace((unsigned char)*p))
			return set_error(err, errlen, -EINVAL,
					 "unexpected whitespace in '%s'", item);
	if (*item == '!')
		return set_error(err, errlen, -EINVAL,
				 "'%s': '!' negates the whole set and must come first",
				 item);
	if (*item == '?') {
		optional = true;
		if (!*++item)
			return set_error(err, errlen, -EINVAL,
					 "empty item in '%s'", spec);
	}

	if (!strcmp(item, "all")) {
		add_all(ts);
		return 0;
	}
	if (!strcmp(item, "none"))
		return set_error(err, errlen, -EINVAL,
				 "'none' cannot be combined with other items");
	if (*item == '%') {
		if (sysent_class_by_name(item + 1, &bit) == 0) {
			add_classes(ts, bit);
			return 0;
		}
		if (optional)
			return 0;
		return set_error(err, errlen, -EINVAL,
				 "unknown class '%s'", item);
	}
	if (*item == '/') {
		int n = add_regex(ts, item, err, errlen);
		if (n < 0)
			return n;
		if (n == 0 && !optional)
			return set_error(err, errlen, -EINVAL,
					 "no syscall matches '%s'", item);
		return 0;
	}
	if ((se = sysent_by_name(item))) {
		traceset_add(ts, sysent_index(se));
		return 0;
	}
	if (is_legacy_class(item) && sysent_class_by_name(item, &bit) == 0) {
		add_classes(ts, bit);
		return 0;
	}
	if (optional)
		return 0;
	return set_error(err, errlen, -EINVAL, "unknown syscall '%s'", item);
}

int traceset_parse(struct traceset *ts, const char *spec, char *err,
		   size_t errlen)
{
	struct traceset set;
	bool negate = false;
	const char *s = spec;
	char *copy, *item;
	int r = 0;

	if (err && errlen)
		err[0] = '\0';
	if (!ts || !spec)
		return set_error(err, errlen, -EINVAL, "no trace set");
	/* strace lets "!!" cancel out; so do we. */
	while (*s == '!') {
		negate = !negate;
		s++;
	}
	if (!*s)
		return set_error(err, errlen, -EINVAL, "empty trace set");

	traceset_empty(&set);
	if (strcmp(s, "none") != 0) {
		if (!(copy = strdup(s)))
			return set_error(err, errlen, -ENOMEM, "out of memory");
		for (item = copy; item && r == 0;) {
			char *comma = strchr(item, ',');
			if (comma)
				*comma = '\0';
			r = add_item(&set, item, spec, err, errlen);
			item = comma ? comma + 1 : NULL;
		}
		free(copy);
		if (r < 0)
			return r;
	}
	if (negate)
		complement(&set);
	*ts = set;
	return 0;
}
