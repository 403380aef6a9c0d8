/* jstr.c - JSON strings of any bytes */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "jstr.h"

#define REPLACEMENT "\xef\xbf\xbd"	/* U+FFFD */

/* The length of the well-formed sequence at S (N bytes left), or 0.
 * RFC 3629's table: the second byte's range depends on the first, which
 * rules out overlong forms, surrogates and code points past U+10FFFF. */
static size_t seq_len(const unsigned char *s, size_t n)
{
	static const struct {
		unsigned char first_lo, first_hi, second_lo, second_hi, len;
	} forms[] = {
		{ 0xc2, 0xdf, 0x80, 0xbf, 2 },
		{ 0xe0, 0xe0, 0xa0, 0xbf, 3 },
		{ 0xe1, 0xec, 0x80, 0xbf, 3 },
		{ 0xed, 0xed, 0x80, 0x9f, 3 },
		{ 0xee, 0xef, 0x80, 0xbf, 3 },
		{ 0xf0, 0xf0, 0x90, 0xbf, 4 },
		{ 0xf1, 0xf3, 0x80, 0xbf, 4 },
		{ 0xf4, 0xf4, 0x80, 0x8f, 4 },
	};
	if (s[0] < 0x80)
		return 1;
	for (size_t i = 0; i < ARRAY_SIZE(forms); i++) {
		if (s[0] < forms[i].first_lo || s[0] > forms[i].first_hi)
			continue;
		size_t k = forms[i].len;
		if (n < k || s[1] < forms[i].second_lo || s[1] > forms[i].second_hi)
			return 0;
		for (size_t j = 2; j < k; j++)
			if ((s[j] & 0xc0) != 0x80)
				return 0;
		return k;
	}
	return 0;
}

void jstr_utf8(struct sbuf *sb, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	sb_grow(sb, len);
	while (i < len) {
		/* runs of good bytes are copied at once */
		size_t start = i, k;
		while (i < len && (k = seq_len(p + i, len - i)))
			i += k;
		sb_putn(sb, s + start, i - start);
		if (i < len) {
			sb_puts(sb, REPLACEMENT);
			i++;
		}
	}
}

json_t *jstr_new(const char *s, size_t len)
{
	json_t *j = json_stringn(len ? s : "", len);
	if (j || !len)
		return j;
	struct sbuf sb;
	sb_init(&sb);
	jstr_utf8(&sb, s, len);
	j = json_stringn_nocheck(sb.p, sb.len);
	sb_release(&sb);
	return j;
}

int jstr_set(json_t *j, const char *s, size_t len, struct sbuf *scratch)
{
	if (json_string_setn(j, len ? s : "", len) == 0)
		return 0;
	sb_reset(scratch);
	jstr_utf8(scratch, s, len);
	return json_string_setn_nocheck(j, scratch->p, scratch->len) == 0 ? 0 : -ENOMEM;
}
