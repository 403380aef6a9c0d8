/* test_jstr.c - JSON strings of any bytes: well-formed UTF-8 */
#include "config.h"

#include <check.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "jstr.h"

#define FFFD "\xef\xbf\xbd"

/* IN (LEN bytes) made well-formed must be exactly WANT. */
static void utf8_is(const char *in, size_t len, const char *want, size_t wlen)
{
	struct sbuf sb;
	sb_init(&sb);
	sb_puts(&sb, "<");	/* appended: what SB held stays */
	jstr_utf8(&sb, in, len);
	ck_assert_uint_eq(sb.len, wlen + 1);
	ck_assert_msg(!memcmp(sb.p + 1, want, wlen), "got \"%s\"", sb.p + 1);
	sb_release(&sb);
}
#define UTF8_IS(in, want) utf8_is(in, sizeof(in) - 1, want, sizeof(want) - 1)

START_TEST(test_utf8)
{
	UTF8_IS("", "");
	UTF8_IS("plain ascii /etc/passwd", "plain ascii /etc/passwd");
	/* NUL and control characters are JSON's to escape */
	UTF8_IS("a\0b\x01\x7f", "a\0b\x01\x7f");
	/* well-formed sequences of every length stay */
	UTF8_IS("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
	UTF8_IS("\xf4\x8f\xbf\xbf", "\xf4\x8f\xbf\xbf");	/* U+10FFFF */
	/* a bad byte is one U+FFFD, and what follows is read again */
	UTF8_IS("a\xff" "b", "a" FFFD "b");
	UTF8_IS("\x80\xbf", FFFD FFFD);				/* stray continuations */
	UTF8_IS("\xc0\xaf", FFFD FFFD);				/* overlong '/' */
	UTF8_IS("\xe0\x80\xaf", FFFD FFFD FFFD);		/* overlong, 3 bytes */
	UTF8_IS("\xed\xa0\x80", FFFD FFFD FFFD);		/* a surrogate */
	UTF8_IS("\xf4\x90\x80\x80", FFFD FFFD FFFD FFFD);	/* past U+10FFFF */
	UTF8_IS("\xf5\x80", FFFD FFFD);
	UTF8_IS("x\xe2\x82", "x" FFFD FFFD);			/* cut at the end */
	UTF8_IS("\xe2\x82" "a\xc3\xa9", FFFD FFFD "a\xc3\xa9");	/* cut in the middle */
}
END_TEST

START_TEST(test_jstr)
{
	/* NUL, control bytes and invalid UTF-8 in one string: valid JSON */
	json_t *j = jstr_new("a\0\x01\xff\"\\\n", 7);
	ck_assert_ptr_nonnull(j);
	char *s = json_dumps(j, JSON_ENCODE_ANY);
	ck_assert_str_eq(s, "\"a\\u0000\\u0001" FFFD "\\\"\\\\\\n\"");
	free(s);
	json_decref(j);
	j = jstr_new(NULL, 0);
	s = json_dumps(j, JSON_ENCODE_ANY);
	ck_assert_str_eq(s, "\"\"");
	free(s);

	struct sbuf scratch;
	sb_init(&scratch);
	ck_assert_int_eq(jstr_set(j, "ok\xc3\xa9", 4, &scratch), 0);
	ck_assert_str_eq(json_string_value(j), "ok\xc3\xa9");
	ck_assert_int_eq(jstr_set(j, "\xc3(", 2, &scratch), 0);
	ck_assert_str_eq(json_string_value(j), FFFD "(");
	sb_release(&scratch);
	json_decref(j);
}
END_TEST

static Suite *jstr_suite(void)
{
	Suite *s = suite_create("jstr");
	TCase *tc = tcase_create("strings");
	tcase_add_test(tc, test_utf8);
	tcase_add_test(tc, test_jstr);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(jstr_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
