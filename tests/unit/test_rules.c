/* test_rules.c - the rule catalogue, rule selections and --list-rules */
#include "config.h"

#include <check.h>
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rule_catalog.h"
#include "util.h"

static char err[128];

static const struct rule_def *rule(const char *id)
{
	const struct rule_def *r = rule_by_id(id);
	ck_assert_msg(r, "%s is not in the catalogue", id);
	return r;
}

static unsigned idx(const char *id)
{
	return (unsigned)rule_index(rule(id));
}

static unsigned count(const struct rule_set *rs)
{
	unsigned n = 0;
	for (unsigned i = 0; i < RULE_SET_MAX; i++)
		n += rule_set_has(rs, i);
	return n;
}

static bool same(const struct rule_set *a, const struct rule_set *b)
{
	return !memcmp(a->bits, b->bits, sizeof(a->bits));
}

static unsigned ncwe(const struct rule_def *r)
{
	unsigned n = 0;
	while (n < RULE_MAX_CWE && r->cwe[n])
		n++;
	return n;
}

/* ---- the catalogue's own invariants ---------------------------------- */

START_TEST(test_counts)
{
	static const unsigned want[RULE_GROUP_COUNT] = {
		[RULE_GROUP_ENV] = 5, [RULE_GROUP_PROC] = 16,
		[RULE_GROUP_MEM] = 7, [RULE_GROUP_NET] = 8,
		[RULE_GROUP_FILE] = 10, [RULE_GROUP_LIB] = 8,
	};
	unsigned got[RULE_GROUP_COUNT] = { 0 };

	ck_assert_uint_eq(rule_ndefs, 54);
	ck_assert_uint_eq(RULE_COUNT, 54);
	for (unsigned i = 0; i < rule_ndefs; i++) {
		ck_assert_uint_lt(rule_defs[i].group, RULE_GROUP_COUNT);
		got[rule_defs[i].group]++;
	}
	for (unsigned g = 0; g < RULE_GROUP_COUNT; g++)
		ck_assert_msg(got[g] == want[g], "%s: %u rules, want %u",
			      rule_group_name(g), got[g], want[g]);
}
END_TEST

/* RX-<GROUP>-<NNN>, unique, in RULES.md order: groups in enum order,
 * numbers rising within a group. */
START_TEST(test_ids)
{
	for (unsigned i = 0; i < rule_ndefs; i++) {
		const struct rule_def *r = &rule_defs[i];
		const char *g = rule_group_name(r->group);
		size_t gl = strlen(g);
		char num[4];

		ck_assert_msg(!strncmp(r->id, "RX-", 3) &&
			      !strncmp(r->id + 3, g, gl) && r->id[3 + gl] == '-',
			      "%s does not start with RX-%s-", r->id, g);
		ck_assert_msg(strlen(r->id) == 3 + gl + 4, "%s: length", r->id);
		memcpy(num, r->id + 4 + gl, 3);
		num[3] = '\0';
		for (int k = 0; k < 3; k++)
			ck_assert_msg(isdigit((unsigned char)num[k]), "%s", r->id);
		ck_assert_msg(strcmp(num, "000") != 0, "%s", r->id);

		for (unsigned j = 0; j < i; j++)
			ck_assert_msg(strcasecmp(r->id, rule_defs[j].id) != 0,
				      "%s twice", r->id);
		if (i > 0) {
			const struct rule_def *p = &rule_defs[i - 1];
			ck_assert_msg(p->group <= r->group, "%s after %s", r->id, p->id);
			if (p->group == r->group)
				ck_assert_msg(strcmp(p->id, r->id) < 0,
					      "%s after %s", r->id, p->id);
		}
	}
	ck_assert_str_eq(rule_defs[0].id, "RX-ENV-001");
	ck_assert_str_eq(rule_defs[rule_ndefs - 1].id, "RX-LIB-008");
}
END_TEST

START_TEST(test_names)
{
	for (unsigned i = 0; i < rule_ndefs; i++) {
		const struct rule_def *r = &rule_defs[i];
		bool lower = false;

		ck_assert_msg(isupper((unsigned char)r->name[0]), "%s: %s",
			      r->id, r->name);
		for (const char *p = r->name; *p; p++) {
			ck_assert_msg(isalnum((unsigned char)*p), "%s: %s",
				      r->id, r->name);
			lower |= islower((unsigned char)*p) != 0;
		}
		ck_assert_msg(lower, "%s: %s is not PascalCase", r->id, r->name);
		ck_assert_msg(strcmp(r->name, r->id) != 0, "%s", r->id);
		/* the --list-rules column */
		ck_assert_msg(strlen(r->name) <= 28, "%s: %s is too long",
			      r->id, r->name);
		for (unsigned j = 0; j < i; j++)
			ck_assert_msg(strcasecmp(r->name, rule_defs[j].name) != 0,
				      "%s twice", r->name);
	}
	/* the index enum follows the table */
	ck_assert_str_eq(rule_defs[RULE_IDX_SecretInEnvironment].id, "RX-ENV-001");
	ck_assert_str_eq(rule_defs[RULE_IDX_GetsCall].id, "RX-LIB-002");
	ck_assert_str_eq(rule_defs[RULE_IDX_UntrustedLibraryLoad].id, "RX-LIB-008");
	ck_assert_str_eq(rule_defs[RULE_IDX_StdioOverSocket].name, "StdioOverSocket");
}
END_TEST

START_TEST(test_levels)
{
	for (unsigned i = 0; i < rule_ndefs; i++) {
		const struct rule_def *r = &rule_defs[i];
		char one[8];

		ck_assert_msg(r->severity >= 0.0 && r->severity <= 10.0,
			      "%s: %g", r->id, r->severity);
		snprintf(one, sizeof(one), "%.1f", r->severity);
		ck_assert_msg(strtod(one, NULL) == r->severity,
			      "%s: %g has more than one decimal", r->id, r->severity);
		ck_assert_msg(r->level == rule_level_for_severity(r->severity),
			      "%s: %s at %.1f", r->id, rule_level_name(r->level),
			      r->severity);
	}
}
END_TEST

/* Every rule has a CWE except the two RULES.md marks a dash. */
START_TEST(test_cwes)
{
	static const char *const none[] = { "RX-PROC-010", "RX-NET-003" };
	unsigned nnone = 0;

	for (unsigned i = 0; i < rule_ndefs; i++) {
		const struct rule_def *r = &rule_defs[i];
		bool want_none = false;

		for (size_t k = 0; k < ARRAY_SIZE(none); k++)
			want_none |= !strcmp(r->id, none[k]);
		if (r->cwe[0] == RULE_NO_CWE) {
			ck_assert_msg(want_none, "%s has no CWE", r->id);
			nnone++;
		} else {
			ck_assert_msg(!want_none, "%s has CWE-%u", r->id, r->cwe[0]);
		}
		/* no gaps, no duplicates, plausible numbers */
		for (unsigned k = ncwe(r); k < RULE_MAX_CWE; k++)
			ck_assert_msg(r->cwe[k] == 0, "%s: gap before CWE-%u",
				      r->id, r->cwe[k]);
		for (unsigned k = 0; k < ncwe(r); k++) {
			ck_assert_msg(r->cwe[k] < 1500, "%s: CWE-%u", r->id, r->cwe[k]);
			for (unsigned j = 0; j < k; j++)
				ck_assert_msg(r->cwe[j] != r->cwe[k],
					      "%s: CWE-%u twice", r->id, r->cwe[k]);
		}
	}
	ck_assert_uint_eq(nnone, ARRAY_SIZE(none));
	ck_assert_uint_eq(ncwe(rule("RX-PROC-010")), 0);
	ck_assert_uint_eq(ncwe(rule("RX-NET-003")), 0);
	ck_assert_uint_eq(ncwe(rule("RX-PROC-004")), 4);
	ck_assert_uint_eq(rule("RX-PROC-004")->cwe[3], 696);
	ck_assert_uint_eq(ncwe(rule("RX-MEM-007")), 4);
	ck_assert_uint_eq(rule("RX-MEM-007")->cwe[3], 415);
	ck_assert_uint_eq(rule("RX-NET-001")->cwe[0], 1327);
}
END_TEST

/* One to three plain-text sentences: no markup, no stray whitespace. */
static void check_text(const char *id, const char *what, const char *s,
		       bool sentences)
{
	size_t n = strlen(s);
	unsigned stops = 0;

	ck_assert_msg(n > 0, "%s: empty %s", id, what);
	ck_assert_msg(!isspace((unsigned char)s[0]) &&
		      !isspace((unsigned char)s[n - 1]),
		      "%s: %s has leading or trailing whitespace", id, what);
	ck_assert_msg(!strstr(s, "  "), "%s: double space in %s", id, what);
	for (const char *p = s; *p; p++)
		ck_assert_msg(*p == ' ' || isgraph((unsigned char)*p),
			      "%s: control character in %s", id, what);
	ck_assert_msg(!strchr(s, '`') && !strstr(s, "**") && !strstr(s, "[CORE"),
		      "%s: markup in %s", id, what);
	if (!sentences)
		return;
	ck_assert_msg(s[n - 1] == '.', "%s: %s does not end a sentence", id, what);
	for (const char *p = s; (p = strstr(p, ". ")); p++)
		stops++;
	ck_assert_msg(stops + 1 <= 3, "%s: %s has %u sentences", id, what,
		      stops + 1);
}

START_TEST(test_texts)
{
	for (unsigned i = 0; i < rule_ndefs; i++) {
		const struct rule_def *r = &rule_defs[i];
		check_text(r->id, "title", r->title, false);
		ck_assert_msg(r->title[strlen(r->title) - 1] != '.', "%s", r->id);
		check_text(r->id, "description", r->description, true);
		check_text(r->id, "help", r->help, true);
		ck_assert_msg(strcmp(r->description, r->help) != 0, "%s", r->id);
		ck_assert_msg(strlen(r->description) >= 80 && strlen(r->help) >= 40,
			      "%s: texts too short to say anything", r->id);
	}
}
END_TEST

/* "S", "B,P", "S,X,E": mechanism letters, comma-separated, each once. */
START_TEST(test_mech)
{
	for (unsigned i = 0; i < rule_ndefs; i++) {
		const struct rule_def *r = &rule_defs[i];
		const char *m = r->mech;
		size_t n = strlen(m);

		ck_assert_msg(n % 2 == 1, "%s: '%s'", r->id, m);
		for (size_t k = 0; k < n; k++) {
			if (k % 2)
				ck_assert_msg(m[k] == ',', "%s: '%s'", r->id, m);
			else
				ck_assert_msg(m[k] && strchr("SXEGBP", m[k]) &&
					      !memchr(m, m[k], k),
					      "%s: '%s'", r->id, m);
		}
	}
	ck_assert_str_eq(rule("RX-ENV-001")->mech, "E,P,S");
	ck_assert_str_eq(rule("RX-MEM-007")->mech, "G,S");
	ck_assert_str_eq(rule("RX-LIB-008")->mech, "S,B,P");
}
END_TEST

START_TEST(test_core_and_maturity)
{
	static const char *const core[] = {
		NULL, "RX-LIB-001", "RX-LIB-004", "RX-PROC-012", "RX-ENV-001",
		"RX-MEM-004",
	};
	unsigned ncore = 0, nstable = 0;

	for (unsigned i = 0; i < rule_ndefs; i++) {
		const struct rule_def *r = &rule_defs[i];
		ck_assert_uint_le(r->core, 5);
		if (r->core) {
			ck_assert_str_eq(r->id, core[r->core]);
			ck_assert_msg(r->maturity == RULE_STABLE, "%s", r->id);
			ncore++;
		}
		ck_assert_msg(r->maturity == RULE_STABLE ||
			      r->maturity == RULE_EXPERIMENTAL, "%s", r->id);
		nstable += r->maturity == RULE_STABLE;
	}
	ck_assert_uint_eq(ncore, 5);
	ck_assert_uint_eq(nstable, 34);
	/* breakpoint rules beyond the core ones wait for their machinery */
	ck_assert(rule("RX-LIB-002")->maturity == RULE_EXPERIMENTAL);
	ck_assert(rule("RX-LIB-008")->maturity == RULE_EXPERIMENTAL);
	/* call sequences and state are experimental, single calls stable */
	ck_assert(rule("RX-FILE-004")->maturity == RULE_EXPERIMENTAL);
	ck_assert(rule("RX-PROC-003")->maturity == RULE_EXPERIMENTAL);
	ck_assert(rule("RX-PROC-008")->maturity == RULE_STABLE);
	ck_assert(rule("RX-NET-006")->maturity == RULE_STABLE);
	ck_assert(rule("RX-MEM-007")->maturity == RULE_STABLE);

	ck_assert_str_eq(rule_maturity_name(RULE_STABLE), "stable");
	ck_assert_str_eq(rule_maturity_name(RULE_EXPERIMENTAL), "experimental");
	ck_assert_ptr_null(rule_maturity_name((enum rule_maturity)2));
}
END_TEST

static void check_rule(const char *id, const char *name, enum rule_level level,
		       double severity, unsigned cwe, const char *title)
{
	const struct rule_def *r = rule(id);
	ck_assert_str_eq(r->name, name);
	ck_assert_msg(r->level == level, "%s: %s", id, rule_level_name(r->level));
	ck_assert_msg(r->severity == severity, "%s: %.1f", id, r->severity);
	ck_assert_uint_eq(r->cwe[0], cwe);
	ck_assert_str_eq(r->title, title);
}

START_TEST(test_spot_checks)
{
	check_rule("RX-LIB-001", "UnboundedStringCopy", RULE_WARNING, 5.9, 120,
		   "Unbounded string copy API");
	ck_assert_uint_eq(rule("RX-LIB-001")->cwe[1], 121);
	ck_assert_uint_eq(rule("RX-LIB-001")->cwe[2], 676);
	ck_assert_uint_eq(rule("RX-LIB-001")->core, 1);
	check_rule("RX-PROC-012", "UnsafeIoctl", RULE_ERROR, 7.8, 749,
		   "Unsafe ioctl request");
	ck_assert_uint_eq(rule("RX-PROC-012")->cwe[1], 782);
	ck_assert_uint_eq(ncwe(rule("RX-PROC-012")), 2);
	check_rule("RX-ENV-001", "SecretInEnvironment", RULE_ERROR, 7.5, 526,
		   "Secret in process environment");
	ck_assert_uint_eq(ncwe(rule("RX-ENV-001")), 1);
	check_rule("RX-MEM-004", "ForkWithSensitiveMemory", RULE_WARNING, 5.9,
		   226, "fork() while sensitive memory is not wiped or excluded");
	check_rule("RX-LIB-004", "DeterministicPrng", RULE_WARNING, 5.3, 338,
		   "Deterministic PRNG");
	check_rule("RX-NET-006", "StdioOverSocket", RULE_ERROR, 9.1, 78,
		   "Standard I/O redirected to a network socket (reverse shell)");
	check_rule("RX-PROC-010", "AntiDebugging", RULE_NOTE, 3.3, RULE_NO_CWE,
		   "Anti-debugging (PTRACE_TRACEME and friends)");
	check_rule("RX-PROC-007", "ChrootWithoutChdir", RULE_WARNING, 5.9, 243,
		   "chroot() without chdir(\"/\")");
	/* the evasion rules, beyond RULES.md */
	check_rule("RX-PROC-013", "SyscallAbiSwitch", RULE_ERROR, 7.5, 693,
		   "i386 (int 0x80) or x32 system call from a 64-bit program");
	check_rule("RX-PROC-014", "UntracedClone", RULE_ERROR, 7.1, 693,
		   "Child created with CLONE_UNTRACED");
	check_rule("RX-PROC-015", "OwnSeccompFilter", RULE_NOTE, 3.7, 693,
		   "Process installs its own seccomp filter");
	check_rule("RX-PROC-016", "IoctlRequestHighBits", RULE_ERROR, 7.5, 693,
		   "ioctl request with high bits set");
	ck_assert_uint_eq(rule("RX-PROC-016")->cwe[1], 749);
	check_rule("RX-FILE-004", "CheckThenUseRace", RULE_WARNING, 4.7, 367,
		   "Check-then-use race (TOCTOU) on a path");
	ck_assert(rule("RX-ENV-001")->group == RULE_GROUP_ENV);
	ck_assert(rule("RX-FILE-010")->group == RULE_GROUP_FILE);
}
END_TEST

/* ---- lookups and levels ----------------------------------------------- */

START_TEST(test_lookup)
{
	for (unsigned i = 0; i < rule_ndefs; i++) {
		ck_assert_ptr_eq(rule_by_id(rule_defs[i].id), &rule_defs[i]);
		ck_assert_int_eq(rule_index(&rule_defs[i]), (int)i);
	}
	ck_assert_ptr_eq(rule_by_id("rx-lib-001"), &rule_defs[RULE_IDX_UnboundedStringCopy]);
	ck_assert_ptr_eq(rule_by_id("Rx-Net-008"), &rule_defs[RULE_IDX_SecretSentInCleartext]);
	ck_assert_ptr_null(rule_by_id("RX-LIB-009"));
	ck_assert_ptr_null(rule_by_id("RX-LIB-01"));
	ck_assert_ptr_null(rule_by_id("RX-LIB-0010"));
	ck_assert_ptr_null(rule_by_id("RX-LIB-001 "));
	ck_assert_ptr_null(rule_by_id("UnboundedStringCopy"));
	ck_assert_ptr_null(rule_by_id(""));
	ck_assert_ptr_null(rule_by_id(NULL));

	struct rule_def copy = rule_defs[3];
	ck_assert_int_eq(rule_index(&copy), -EINVAL);
	ck_assert_int_eq(rule_index(NULL), -EINVAL);
	ck_assert_int_eq(rule_index(rule_defs + rule_ndefs), -EINVAL);
	ck_assert_int_eq(rule_index((const struct rule_def *)
				    ((const char *)&rule_defs[2] + 8)), -EINVAL);
}
END_TEST

START_TEST(test_level_names)
{
	ck_assert_str_eq(rule_level_name(RULE_NOTE), "note");
	ck_assert_str_eq(rule_level_name(RULE_WARNING), "warning");
	ck_assert_str_eq(rule_level_name(RULE_ERROR), "error");
	ck_assert_ptr_null(rule_level_name((enum rule_level)3));
	ck_assert_ptr_null(rule_level_name((enum rule_level)-1));
	ck_assert(RULE_NOTE < RULE_WARNING && RULE_WARNING < RULE_ERROR);

	ck_assert_int_eq(rule_level_parse("note"), RULE_NOTE);
	ck_assert_int_eq(rule_level_parse("warning"), RULE_WARNING);
	ck_assert_int_eq(rule_level_parse("error"), RULE_ERROR);
	ck_assert_int_eq(rule_level_parse("ERROR"), RULE_ERROR);
	ck_assert_int_eq(rule_level_parse("Warning"), RULE_WARNING);
	ck_assert_int_eq(rule_level_parse(""), -EINVAL);
	ck_assert_int_eq(rule_level_parse("none"), -EINVAL);
	ck_assert_int_eq(rule_level_parse("errors"), -EINVAL);
	ck_assert_int_eq(rule_level_parse("warn"), -EINVAL);
	ck_assert_int_eq(rule_level_parse(" note"), -EINVAL);
	ck_assert_int_eq(rule_level_parse(NULL), -EINVAL);

	ck_assert_str_eq(rule_group_name(RULE_GROUP_ENV), "ENV");
	ck_assert_str_eq(rule_group_name(RULE_GROUP_LIB), "LIB");
	ck_assert_ptr_null(rule_group_name(RULE_GROUP_COUNT));
}
END_TEST

START_TEST(test_level_for_severity)
{
	static const struct { double sev; enum rule_level level; } cases[] = {
		{ 10.0, RULE_ERROR }, { 9.1, RULE_ERROR }, { 7.0, RULE_ERROR },
		{ 6.99, RULE_WARNING }, { 6.9, RULE_WARNING },
		{ 5.0, RULE_WARNING }, { 4.0, RULE_WARNING },
		{ 3.99, RULE_NOTE }, { 3.9, RULE_NOTE }, { 2.0, RULE_NOTE },
		{ 0.0, RULE_NOTE },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		ck_assert_msg(rule_level_for_severity(cases[i].sev) == cases[i].level,
			      "%.2f", cases[i].sev);
}
END_TEST

/* ---- selections --------------------------------------------------------- */

static struct rule_set parse_ok(const char *spec)
{
	struct rule_set rs;
	memset(&rs, 0xa5, sizeof(rs));
	int r = rule_set_parse(&rs, spec, err, sizeof(err));
	ck_assert_msg(r == 0, "'%s': %d (%s)", spec, r, err);
	ck_assert_str_eq(err, "");
	return rs;
}

/* SPEC must fail with exactly MSG, leaving the set alone. */
static void parse_bad(const char *spec, const char *msg)
{
	struct rule_set rs, before;
	rule_set_empty(&rs);
	rule_set_add(&rs, idx("RX-NET-001"));
	before = rs;
	int r = rule_set_parse(&rs, spec, err, sizeof(err));
	ck_assert_msg(r == -EINVAL, "'%s' was accepted (%d)", spec, r);
	ck_assert_msg(!strcmp(err, msg), "'%s': message \"%s\", want \"%s\"",
		      spec, err, msg);
	ck_assert_msg(same(&rs, &before), "'%s' changed the set", spec);
}

static struct rule_set group_set(enum rule_group g)
{
	struct rule_set rs;
	rule_set_empty(&rs);
	for (unsigned i = 0; i < rule_ndefs; i++)
		if (rule_defs[i].group == g)
			rule_set_add(&rs, i);
	return rs;
}

START_TEST(test_set_basics)
{
	struct rule_set rs;
	rule_set_empty(&rs);
	ck_assert_uint_eq(count(&rs), 0);
	rule_set_add(&rs, 7);
	rule_set_add(&rs, 7);
	ck_assert(rule_set_has(&rs, 7));
	ck_assert_uint_eq(count(&rs), 1);
	rule_set_add(&rs, 64);
	ck_assert(rule_set_has(&rs, 64));
	ck_assert(!rule_set_has(&rs, 63) && !rule_set_has(&rs, 65));
	/* out of range: ignored, never set */
	rule_set_add(&rs, RULE_SET_MAX);
	rule_set_add(&rs, ~0u);
	ck_assert(!rule_set_has(&rs, RULE_SET_MAX));
	ck_assert(!rule_set_has(&rs, ~0u));
	ck_assert_uint_eq(count(&rs), 2);
}
END_TEST

START_TEST(test_set_default)
{
	struct rule_set rs;
	memset(&rs, 0xff, sizeof(rs));
	rule_set_default(&rs);
	ck_assert_uint_eq(count(&rs), 34);
	for (unsigned i = 0; i < RULE_SET_MAX; i++)
		ck_assert_msg(rule_set_has(&rs, i) ==
			      (i < rule_ndefs && rule_defs[i].maturity == RULE_STABLE),
			      "rule %u", i);
	ck_assert(rule_set_has(&rs, idx("RX-LIB-001")));
	ck_assert(rule_set_has(&rs, idx("RX-MEM-004")));
	ck_assert(!rule_set_has(&rs, idx("RX-LIB-002")));
}
END_TEST

START_TEST(test_set_ids)
{
	struct rule_set rs = parse_ok("RX-LIB-001,RX-NET-006");
	ck_assert_uint_eq(count(&rs), 2);
	ck_assert(rule_set_has(&rs, idx("RX-LIB-001")));
	ck_assert(rule_set_has(&rs, idx("RX-NET-006")));

	struct rule_set a = parse_ok("rx-lib-001,Rx-Net-006,RX-LIB-001");
	ck_assert(same(&a, &rs));
	/* experimental rules can be named */
	rs = parse_ok("RX-LIB-002");
	ck_assert_uint_eq(count(&rs), 1);
	ck_assert(rule_set_has(&rs, RULE_IDX_GetsCall));
	/* the first and the last row */
	rs = parse_ok("RX-ENV-001,RX-LIB-008");
	ck_assert(rule_set_has(&rs, 0) && rule_set_has(&rs, rule_ndefs - 1));
	ck_assert_uint_eq(count(&rs), 2);
}
END_TEST

START_TEST(test_set_globs)
{
	struct rule_set rs = parse_ok("RX-LIB-*"), want = group_set(RULE_GROUP_LIB);
	ck_assert(same(&rs, &want));
	ck_assert_uint_eq(count(&rs), 8);

	rs = parse_ok("rx-net-00?");
	want = group_set(RULE_GROUP_NET);
	ck_assert(same(&rs, &want));

	rs = parse_ok("RX-PROC-01?");
	ck_assert_uint_eq(count(&rs), 7);
	ck_assert(rule_set_has(&rs, idx("RX-PROC-010")) &&
		  rule_set_has(&rs, idx("RX-PROC-012")) &&
		  rule_set_has(&rs, idx("RX-PROC-016")));

	rs = parse_ok("RX-*-001");
	ck_assert_uint_eq(count(&rs), RULE_GROUP_COUNT);
	for (unsigned g = 0; g < RULE_GROUP_COUNT; g++) {
		char id[16];
		snprintf(id, sizeof(id), "RX-%s-001", rule_group_name(g));
		ck_assert_msg(rule_set_has(&rs, idx(id)), "%s", id);
	}

	rs = parse_ok("*");
	ck_assert_uint_eq(count(&rs), rule_ndefs);
	rs = parse_ok("RX-[EN]*-00[12]");
	ck_assert_uint_eq(count(&rs), 4);
	ck_assert(rule_set_has(&rs, idx("RX-NET-002")));

	/* globs and ids mixed, overlaps counted once */
	rs = parse_ok("RX-MEM-*,RX-MEM-004,RX-FILE-010");
	want = group_set(RULE_GROUP_MEM);
	rule_set_add(&want, idx("RX-FILE-010"));
	ck_assert(same(&rs, &want));
}
END_TEST

/* --rules= then --disable=, as main composes them. */
START_TEST(test_set_remove)
{
	struct rule_set on, off, want;

	rule_set_default(&on);
	off = parse_ok("RX-PROC-*,RX-LIB-001");
	rule_set_remove(&on, &off);
	ck_assert_uint_eq(count(&on), 30 - 9 - 1);
	ck_assert(!rule_set_has(&on, idx("RX-PROC-012")));
	ck_assert(!rule_set_has(&on, idx("RX-LIB-001")));
	ck_assert(rule_set_has(&on, idx("RX-LIB-004")));

	on = parse_ok("RX-NET-*");
	off = parse_ok("rx-net-00[1-7]");
	rule_set_remove(&on, &off);
	want = parse_ok("RX-NET-008");
	ck_assert(same(&on, &want));
	rule_set_remove(&on, &want);
	ck_assert_uint_eq(count(&on), 0);
}
END_TEST

START_TEST(test_set_errors)
{
	parse_bad("RX-FOO-001", "unknown rule 'RX-FOO-001'");
	parse_bad("RX-LIB-001,RX-LIB-009,RX-NET-001", "unknown rule 'RX-LIB-009'");
	parse_bad("RX-LIB-0001", "unknown rule 'RX-LIB-0001'");
	parse_bad("UnboundedStringCopy", "unknown rule 'UnboundedStringCopy'");
	parse_bad("stable", "unknown rule 'stable'");
	parse_bad("RX-FOO-*", "no rule matches 'RX-FOO-*'");
	parse_bad("RX-LIB-*,RX-LIB-01?", "no rule matches 'RX-LIB-01?'");
	parse_bad("RX-[", "no rule matches 'RX-['");
	parse_bad("", "empty rule list");
	parse_bad(",RX-LIB-001", "empty item in ',RX-LIB-001'");
	parse_bad("RX-LIB-001,", "empty item in 'RX-LIB-001,'");
	parse_bad("RX-LIB-001,,RX-LIB-002", "empty item in 'RX-LIB-001,,RX-LIB-002'");
	parse_bad(" RX-LIB-001", "unexpected whitespace in ' RX-LIB-001'");
	parse_bad("RX-LIB-001, RX-LIB-002", "unexpected whitespace in ' RX-LIB-002'");
	parse_bad("RX-LIB-* ", "unexpected whitespace in 'RX-LIB-* '");

	struct rule_set rs;
	ck_assert_int_eq(rule_set_parse(&rs, NULL, err, sizeof(err)), -EINVAL);
	ck_assert_str_eq(err, "no rule list");
	ck_assert_int_eq(rule_set_parse(NULL, "RX-LIB-001", err, sizeof(err)), -EINVAL);
	ck_assert_str_eq(err, "no rule list");
}
END_TEST

START_TEST(test_set_err_buffer)
{
	struct rule_set rs;
	ck_assert_int_eq(rule_set_parse(&rs, "RX-FOO-001", NULL, 0), -EINVAL);
	ck_assert_int_eq(rule_set_parse(&rs, "RX-LIB-001", NULL, 0), 0);
	char small[8];
	memset(small, 'x', sizeof(small));
	ck_assert_int_eq(rule_set_parse(&rs, "RX-FOO-001", small, sizeof(small)),
			 -EINVAL);
	ck_assert_str_eq(small, "unknown");
	strcpy(err, "stale");
	ck_assert_int_eq(rule_set_parse(&rs, "RX-LIB-001", err, sizeof(err)), 0);
	ck_assert_str_eq(err, "");

	/* an item far longer than any id is cut, not overflowed */
	char spec[2048];
	memset(spec, 'a', sizeof(spec) - 1);
	spec[sizeof(spec) - 1] = '\0';
	ck_assert_int_eq(rule_set_parse(&rs, spec, err, sizeof(err)), -EINVAL);
	ck_assert(!strncmp(err, "unknown rule 'aaa", 17));
	ck_assert_uint_eq(strlen(err), sizeof(err) - 1);
}
END_TEST

/* ---- --list-rules ------------------------------------------------------- */

/* "implemented": a stable and an experimental rule */
static bool odd_implemented(unsigned idx)
{
	return idx == RULE_IDX_UnboundedStringCopy ||
	       idx == RULE_IDX_WritableMemoryMadeExecutable;
}

START_TEST(test_list)
{
	struct sbuf sb;
	char *lines[64], *save = NULL;
	unsigned n = 0;

	sb_init(&sb);
	sb_puts(&sb, "kept\n");
	rule_format_list(&sb, odd_implemented);
	ck_assert(!strncmp(sb.p, "kept\n", 5));
	ck_assert(sb.p[sb.len - 1] == '\n');
	for (char *l = strtok_r(sb.p + 5, "\n", &save); l && n < ARRAY_SIZE(lines);
	     l = strtok_r(NULL, "\n", &save))
		lines[n++] = l;
	ck_assert_uint_eq(n, 1 + rule_ndefs);

	ck_assert_str_eq(lines[0],
		"ID           LEVEL    SEVERITY  CWE       DEFAULT  NAME                          TITLE");
	ck_assert_str_eq(lines[1 + RULE_IDX_UnboundedStringCopy],
		"RX-LIB-001   warning  5.9       CWE-120   on       UnboundedStringCopy           "
		"Unbounded string copy API");
	ck_assert_str_eq(lines[1 + RULE_IDX_AntiDebugging],
		"RX-PROC-010  note     3.3       -         -        AntiDebugging                 "
		"Anti-debugging (PTRACE_TRACEME and friends)");
	ck_assert_str_eq(lines[1 + RULE_IDX_ListenOnAllInterfaces],
		"RX-NET-001   warning  5.3       CWE-1327  -        ListenOnAllInterfaces         "
		"Listens on all interfaces");
	ck_assert_str_eq(lines[1 + RULE_IDX_WritableMemoryMadeExecutable],
		"RX-MEM-002   warning  5.3       CWE-94    off      WritableMemoryMadeExecutable  "
		"Memory made executable after being writable (dynamic code)");

	/* every row in table order, every column where the header puts it */
	const char *h = lines[0];
	size_t c_level = (size_t)(strstr(h, "LEVEL") - h);
	size_t c_sev = (size_t)(strstr(h, "SEVERITY") - h);
	size_t c_cwe = (size_t)(strstr(h, "CWE") - h);
	size_t c_name = (size_t)(strstr(h, "NAME") - h);
	size_t c_title = (size_t)(strstr(h, "TITLE") - h);
	for (unsigned i = 0; i < rule_ndefs; i++) {
		const struct rule_def *r = &rule_defs[i];
		const char *l = lines[1 + i];
		char sev[8];

		snprintf(sev, sizeof(sev), "%.1f", r->severity);
		ck_assert_msg(!strncmp(l, r->id, strlen(r->id)) &&
			      l[strlen(r->id)] == ' ', "row %u: %s", i, l);
		ck_assert_msg(!strncmp(l + c_level, rule_level_name(r->level),
				       strlen(rule_level_name(r->level))), "%s", l);
		ck_assert_msg(!strncmp(l + c_sev, sev, strlen(sev)), "%s", l);
		ck_assert_msg(!strncmp(l + c_cwe, r->cwe[0] ? "CWE-" : "- ", 2), "%s", l);
		ck_assert_msg(l[c_name - 1] == ' ' && l[c_name - 2] == ' ', "%s", l);
		ck_assert_msg(!strncmp(l + c_name, r->name, strlen(r->name)), "%s", l);
		ck_assert_msg(l[c_title - 1] == ' ' && l[c_title - 2] == ' ', "%s", l);
		ck_assert_str_eq(l + c_title, r->title);
	}
	sb_release(&sb);
}
END_TEST

/* ---- the contract: RULES.md section 2 ------------------------------- */

static char *trim(char *s)
{
	char *e;
	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

/* Split "| a | b | ... |" into at most MAX trimmed cells. */
static unsigned split_row(char *line, char **cells, unsigned max)
{
	unsigned n = 0;
	char *p = strchr(line, '|'), *next;

	while (p && n < max && (next = strchr(p + 1, '|'))) {
		*next = '\0';
		cells[n++] = trim(p + 1);
		p = next;
	}
	return n;
}

/* The CWE numbers of a section 2 cell such as "121, 787, 119 (415)" or
 * "918 (closest; ATT&CK T1552.005)": digit runs that are not part of an
 * ATT&CK id. */
static unsigned parse_cwes(const char *s, unsigned *out, unsigned max)
{
	unsigned n = 0;
	char *end;

	for (const char *p = s; *p; p++) {
		if (!isdigit((unsigned char)*p) ||
		    (p > s && (isalnum((unsigned char)p[-1]) || p[-1] == '.')))
			continue;
		unsigned long v = strtoul(p, &end, 10);
		if (n < max)
			out[n] = (unsigned)v;
		n++;
		p = end - 1;
	}
	return n;
}

/* Rules added after RULES.md (issue 6, evasion): the catalogue has them,
 * the contract does not yet. Any other rule missing from it is an
 * error. */
static const char *const beyond_rules_md[] = {
	"RX-PROC-013", "RX-PROC-014", "RX-PROC-015", "RX-PROC-016",
};

static bool beyond(const char *id)
{
	for (size_t i = 0; i < ARRAY_SIZE(beyond_rules_md); i++)
		if (!strcmp(beyond_rules_md[i], id))
			return true;
	return false;
}

/* The catalogue index of the RULES.md row after the one at index I (the
 * rules beyond RULES.md skipped), or rule_ndefs. */
static unsigned next_in_md(unsigned i)
{
	while (i < rule_ndefs && beyond(rule_defs[i].id))
		i++;
	return i;
}

static void compare_row(unsigned i, char **c)
{
	const struct rule_def *r = &rule_defs[i];
	const char *id = c[0], *title = c[2];
	char level[16] = "", sev[16] = "", want_sev[8];
	unsigned core = 0, cwes[8], n;

	ck_assert_msg(!strcmp(r->id, id), "row %u: RULES.md %s, catalogue %s",
		      i, id, r->id);
	ck_assert_msg(!strcmp(r->name, c[1]), "%s: name %s, want %s", id,
		      r->name, c[1]);
	if (sscanf(title, "**[CORE-%u]** ", &core) == 1)
		title = strstr(title, "]** ") + 4;
	ck_assert_msg(r->core == core, "%s: core %u, want %u", id, r->core, core);
	ck_assert_msg(!strcmp(r->title, title), "%s: title \"%s\", want \"%s\"",
		      id, r->title, title);
	ck_assert_msg(!strcmp(r->mech, c[3]), "%s: mech %s, want %s", id,
		      r->mech, c[3]);

	ck_assert_msg(sscanf(c[4], "%15s %15s", level, sev) == 2, "%s: '%s'",
		      id, c[4]);
	ck_assert_msg(!strcmp(rule_level_name(r->level), level),
		      "%s: level %s, want %s", id, rule_level_name(r->level), level);
	snprintf(want_sev, sizeof(want_sev), "%.1f", r->severity);
	ck_assert_msg(!strcmp(want_sev, sev), "%s: severity %s, want %s", id,
		      want_sev, sev);

	n = parse_cwes(c[5], cwes, ARRAY_SIZE(cwes));
	ck_assert_msg(n == ncwe(r), "%s: %u CWEs, want %u ('%s')", id, ncwe(r),
		      n, c[5]);
	for (unsigned k = 0; k < n; k++)
		ck_assert_msg(r->cwe[k] == cwes[k], "%s: CWE %u is %u, want %u",
			      id, k, r->cwe[k], cwes[k]);
}

START_TEST(test_rules_md)
{
	const char *path = getenv("RULES_MD");
	FILE *fp = path ? fopen(path, "re") : NULL;
	char *line = NULL, *cells[8];
	size_t cap = 0;
	unsigned rows = 0, i = 0;
	bool in_table = false;

	if (!fp) {
		printf("note: RULES_MD %s%s: catalogue not compared with RULES.md\n",
		       path ? "unreadable: " : "not set", path ? path : "");
		fflush(stdout);
		return;
	}
	while (getline(&line, &cap, fp) > 0) {
		if (!strncmp(line, "## ", 3))
			in_table = !strncmp(line, "## 2.", 5);
		if (!in_table || strncmp(line, "| RX-", 5))
			continue;
		ck_assert_msg(split_row(line, cells, ARRAY_SIZE(cells)) == 7,
			      "row %u: not 7 cells", rows);
		i = next_in_md(i);
		ck_assert_msg(i < rule_ndefs, "more rows than rules: %s", cells[0]);
		compare_row(i++, cells);
		rows++;
	}
	free(line);
	fclose(fp);
	ck_assert_uint_eq(next_in_md(i), rule_ndefs);
	ck_assert_uint_eq(rows + ARRAY_SIZE(beyond_rules_md), rule_ndefs);
}
END_TEST

static Suite *rules_suite(void)
{
	Suite *s = suite_create("rules");
	TCase *tc = tcase_create("catalogue");
	tcase_add_test(tc, test_counts);
	tcase_add_test(tc, test_ids);
	tcase_add_test(tc, test_names);
	tcase_add_test(tc, test_levels);
	tcase_add_test(tc, test_cwes);
	tcase_add_test(tc, test_texts);
	tcase_add_test(tc, test_mech);
	tcase_add_test(tc, test_core_and_maturity);
	tcase_add_test(tc, test_spot_checks);
	tcase_add_test(tc, test_rules_md);
	suite_add_tcase(s, tc);

	tc = tcase_create("lookup");
	tcase_add_test(tc, test_lookup);
	tcase_add_test(tc, test_level_names);
	tcase_add_test(tc, test_level_for_severity);
	suite_add_tcase(s, tc);

	tc = tcase_create("sets");
	tcase_add_test(tc, test_set_basics);
	tcase_add_test(tc, test_set_default);
	tcase_add_test(tc, test_set_ids);
	tcase_add_test(tc, test_set_globs);
	tcase_add_test(tc, test_set_remove);
	tcase_add_test(tc, test_set_errors);
	tcase_add_test(tc, test_set_err_buffer);
	suite_add_tcase(s, tc);

	tc = tcase_create("list");
	tcase_add_test(tc, test_list);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(rules_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
