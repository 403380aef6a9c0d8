/* test_rule_lib.c - the LIB rules' classifiers: unbounded scanf
 * conversions, and what a PRNG seed looks like */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "rule.h"
#include "rule_lib.h"
#include "util.h"

/* The conversion FMT is reported for, "" when none. */
static const char *unbounded(const char *fmt)
{
	static char conv[64];
	size_t len = 0;
	int at = rule_lib_scanf_unbounded(fmt, &len);
	if (at < 0)
		return "";
	ck_assert_uint_lt(len, sizeof(conv));
	memcpy(conv, fmt + at, len);
	conv[len] = '\0';
	return conv;
}

START_TEST(test_scanf_unbounded)
{
	ck_assert_str_eq(unbounded("%s"), "%s");
	ck_assert_str_eq(unbounded("name: %s age: %d"), "%s");
	ck_assert_str_eq(unbounded("%d %ls"), "%ls");
	ck_assert_str_eq(unbounded("%S"), "%S");
	ck_assert_str_eq(unbounded("%[a-z]"), "%[a-z]");
	ck_assert_str_eq(unbounded("%[^\n]"), "%[^\n]");
	/* a ']' first in the set is a member, not its end */
	ck_assert_str_eq(unbounded("%[]x] %s"), "%[]x]");
	ck_assert_str_eq(unbounded("%10s %s"), "%s");
	ck_assert_str_eq(unbounded("%2$s %1$d"), "%2$s");
	ck_assert_str_eq(unbounded("%%%s"), "%s");
	ck_assert_str_eq(unbounded("%hhd%s"), "%s");

	/* bounded, suppressed, allocated, or no string at all */
	ck_assert_str_eq(unbounded("%15s"), "");
	ck_assert_str_eq(unbounded("%*s %d"), "");
	ck_assert_str_eq(unbounded("%ms"), "");
	ck_assert_str_eq(unbounded("%m[a-z]"), "");
	ck_assert_str_eq(unbounded("%2$10s"), "");
	ck_assert_str_eq(unbounded("%9[^\n]"), "");
	ck_assert_str_eq(unbounded("%c %d %f %x"), "");
	ck_assert_str_eq(unbounded("%%s"), "");
	ck_assert_str_eq(unbounded("100%"), "");
	ck_assert_str_eq(unbounded("%"), "");
	ck_assert_str_eq(unbounded("%[abc"), "%[abc");
	ck_assert_str_eq(unbounded(""), "");
}
END_TEST

START_TEST(test_seed_kind)
{
	const time_t now = 1733050000;
	ck_assert_int_eq(rule_lib_seed_kind((uint64_t)now, 32, 4321, now), SEED_TIME);
	ck_assert_int_eq(rule_lib_seed_kind((uint64_t)now - 2, 32, 4321, now), SEED_TIME);
	ck_assert_int_eq(rule_lib_seed_kind((uint64_t)now + 2, 32, 4321, now), SEED_TIME);
	ck_assert_int_eq(rule_lib_seed_kind((uint64_t)now + 3, 32, 4321, now), SEED_OTHER);
	ck_assert_int_eq(rule_lib_seed_kind((uint64_t)now - 3, 64, 4321, now), SEED_OTHER);
	/* srand takes an unsigned int: only the low 32 bits of time count */
	ck_assert_int_eq(rule_lib_seed_kind(0xdeadbeef00000000ull | (uint32_t)now,
					    32, 4321, now), SEED_TIME);
	ck_assert_int_eq(rule_lib_seed_kind(0xdeadbeef00000000ull | (uint32_t)now,
					    64, 4321, now), SEED_OTHER);
	/* the wrap of a 32-bit seed around the clock's low word */
	const time_t wrap = (time_t)0x1ffffffffLL;
	ck_assert_int_eq(rule_lib_seed_kind(1, 32, 4321, wrap), SEED_TIME);
	ck_assert_int_eq(rule_lib_seed_kind(0xfffffffe, 32, 4321, wrap + 1), SEED_TIME);

	ck_assert_int_eq(rule_lib_seed_kind(4321, 32, 4321, now), SEED_PID);
	ck_assert_int_eq(rule_lib_seed_kind(4321 ^ (uint64_t)now, 32, 4321, now),
			 SEED_OTHER);
	ck_assert_int_eq(rule_lib_seed_kind(0, 32, 4321, now), SEED_CONSTANT);
	ck_assert_int_eq(rule_lib_seed_kind(42, 32, 4321, now), SEED_CONSTANT);
	ck_assert_int_eq(rule_lib_seed_kind(0xffff, 64, 4321, now), SEED_CONSTANT);
	ck_assert_int_eq(rule_lib_seed_kind(0x10000, 64, 4321, now), SEED_OTHER);
	ck_assert_int_eq(rule_lib_seed_kind(0x9e3779b97f4a7c15ull, 64, 4321, now),
			 SEED_OTHER);
}
END_TEST

/* Every LIB rule that watches functions is implemented and has a call
 * callback, and its list holds each name once. */
START_TEST(test_lib_impls)
{
	unsigned with_functions = 0;
	for (const struct rule_impl *p = rule_impls_lib; p->functions || p->call; p++) {
		ck_assert_ptr_nonnull(p->functions);
		ck_assert_ptr_nonnull(p->call);
		ck_assert(rule_implemented(p->idx));
		ck_assert_int_eq(rule_defs[p->idx].group, RULE_GROUP_LIB);
		for (unsigned i = 0; p->functions[i]; i++)
			for (unsigned j = 0; j < i; j++)
				ck_assert_str_ne(p->functions[i], p->functions[j]);
		with_functions++;
	}
	ck_assert_uint_eq(with_functions, 3);
	ck_assert(rule_implemented(RULE_IDX_UnboundedStringCopy));
	ck_assert(rule_implemented(RULE_IDX_GetsCall));
	ck_assert(rule_implemented(RULE_IDX_DeterministicPrng));
	ck_assert(!rule_implemented(RULE_IDX_WeakCryptoPrimitive));
}
END_TEST

static Suite *rule_lib_suite(void)
{
	Suite *s = suite_create("rule_lib");
	TCase *tc = tcase_create("pure");
	tcase_add_test(tc, test_scanf_unbounded);
	tcase_add_test(tc, test_seed_kind);
	tcase_add_test(tc, test_lib_impls);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(rule_lib_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
