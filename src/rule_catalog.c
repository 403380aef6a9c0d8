/* rule_catalog.c - the rule table built from rules.def, rule lookup,
 * --rules/--disable selections and the --list-rules text */
#include "config.h"

#include <errno.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rule_catalog.h"
#include "util.h"

#define RULE_CWES(...) { __VA_ARGS__ }
#define RULE(id_, name_, group_, core_, title_, level_, severity_, cwes_,	\
	     mech_, maturity_, description_, help_) {				\
	.id = id_, .name = #name_, .group = RULE_GROUP_##group_,		\
	.core = core_, .title = title_, .level = RULE_##level_,			\
	.severity = severity_, .cwe = RULE_CWES cwes_, .mech = mech_,		\
	.maturity = RULE_##maturity_, .description = description_,		\
	.help = help_,								\
},

const struct rule_def rule_defs[RULE_COUNT] = {
#include "rules.def"
};
#undef RULE
#undef RULE_CWES

const unsigned rule_ndefs = RULE_COUNT;

static const char *const level_names[] = {
	[RULE_NOTE] = "note",
	[RULE_WARNING] = "warning",
	[RULE_ERROR] = "error",
};

static const char *const group_names[] = {
	[RULE_GROUP_ENV] = "ENV",
	[RULE_GROUP_PROC] = "PROC",
	[RULE_GROUP_MEM] = "MEM",
	[RULE_GROUP_NET] = "NET",
	[RULE_GROUP_FILE] = "FILE",
	[RULE_GROUP_LIB] = "LIB",
};
_Static_assert(ARRAY_SIZE(group_names) == RULE_GROUP_COUNT, "a group without a name");

static const char *const maturity_names[] = {
	[RULE_STABLE] = "stable",
	[RULE_EXPERIMENTAL] = "experimental",
};

const struct rule_def *rule_by_id(const char *id)
{
	if (!id)
		return NULL;
	for (unsigned i = 0; i < rule_ndefs; i++)
		if (!strcasecmp(rule_defs[i].id, id))
			return &rule_defs[i];
	return NULL;
}

int rule_index(const struct rule_def *r)
{
	/* Integer arithmetic: comparing a foreign pointer with the table's
	 * bounds would be undefined. */
	uintptr_t off = (uintptr_t)r - (uintptr_t)rule_defs;

	if (!r || off >= sizeof(rule_defs) || off % sizeof(*r))
		return -EINVAL;
	return (int)(off / sizeof(*r));
}

const char *rule_level_name(enum rule_level level)
{
	return (unsigned)level < ARRAY_SIZE(level_names) ? level_names[level] : NULL;
}

int rule_level_parse(const char *name)
{
	if (!name)
		return -EINVAL;
	for (unsigned i = 0; i < ARRAY_SIZE(level_names); i++)
		if (!strcasecmp(level_names[i], name))
			return (int)i;
	return -EINVAL;
}

enum rule_level rule_level_for_severity(double severity)
{
	if (severity >= 7.0)
		return RULE_ERROR;
	if (severity >= 4.0)
		return RULE_WARNING;
	return RULE_NOTE;
}

const char *rule_group_name(enum rule_group group)
{
	return (unsigned)group < ARRAY_SIZE(group_names) ? group_names[group] : NULL;
}

const char *rule_maturity_name(enum rule_maturity maturity)
{
	return (unsigned)maturity < ARRAY_SIZE(maturity_names) ?
	       maturity_names[maturity] : NULL;
}

void rule_set_empty(struct rule_set *rs)
{
	memset(rs, 0, sizeof(*rs));
}

void rule_set_default(struct rule_set *rs)
{
	rule_set_empty(rs);
	for (unsigned i = 0; i < rule_ndefs; i++)
		if (rule_defs[i].maturity == RULE_STABLE)
			rule_set_add(rs, i);
}

void rule_set_remove(struct rule_set *rs, const struct rule_set *drop)
{
	for (size_t i = 0; i < ARRAY_SIZE(rs->bits); i++)
		rs->bits[i] &= ~drop->bits[i];
}

static int set_error(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int set_error(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err && errlen) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return -EINVAL;
}

/* Add ITEM (a NUL-terminated piece of SPEC) to RS. */
static int add_item(struct rule_set *rs, const char *item, const char *spec,
		    char *err, size_t errlen)
{
	const struct rule_def *r;
	unsigned n = 0;

	if (!*item)
		return set_error(err, errlen, "empty item in '%s'", spec);
	if (item[strcspn(item, " \t\n\v\f\r")])
		return set_error(err, errlen, "unexpected whitespace in '%s'", item);
	/* Ids hold no glob characters, so an item without them is an id
	 * and gets the message that says so. */
	if (!item[strcspn(item, "*?[\\")]) {
		if (!(r = rule_by_id(item)))
			return set_error(err, errlen, "unknown rule '%s'", item);
		rule_set_add(rs, (unsigned)rule_index(r));
		return 0;
	}
	for (unsigned i = 0; i < rule_ndefs; i++)
		if (!fnmatch(item, rule_defs[i].id, FNM_CASEFOLD)) {
			rule_set_add(rs, i);
			n++;
		}
	if (!n)
		return set_error(err, errlen, "no rule matches '%s'", item);
	return 0;
}

int rule_set_parse(struct rule_set *rs, const char *spec, char *err,
		   size_t errlen)
{
	struct rule_set set;
	char *copy, *item;
	int r = 0;

	if (err && errlen)
		err[0] = '\0';
	if (!rs || !spec)
		return set_error(err, errlen, "no rule list");
	if (!*spec)
		return set_error(err, errlen, "empty rule list");

	rule_set_empty(&set);
	copy = xstrdup(spec);
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
	*rs = set;
	return 0;
}

/* Widths fit the longest id, level, CWE and name; test_rules checks. */
#define LIST_FMT "%-11s  %-7s  %-8s  %-8s  %-7s  %-28s  %s\n"

void rule_format_list(struct sbuf *sb, bool (*implemented)(unsigned idx))
{
	sb_printf(sb, LIST_FMT, "ID", "LEVEL", "SEVERITY", "CWE", "DEFAULT",
		  "NAME", "TITLE");
	for (unsigned i = 0; i < rule_ndefs; i++) {
		const struct rule_def *r = &rule_defs[i];
		char severity[8], cwe[16] = "-";

		snprintf(severity, sizeof(severity), "%.1f", r->severity);
		if (r->cwe[0] != RULE_NO_CWE)
			snprintf(cwe, sizeof(cwe), "CWE-%u", (unsigned)r->cwe[0]);
		const char *dflt = !implemented(i) ? "-" :
				   r->maturity == RULE_STABLE ? "on" : "off";
		sb_printf(sb, LIST_FMT, r->id, level_names[r->level], severity,
			  cwe, dflt, r->name, r->title);
	}
}
