/* secret.c - secret detection, redaction and the set of known secrets */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "secret.h"

static const struct secret_kind_info kinds[SECRET_KIND_COUNT] = {
	[SECRET_NONE]		   = { "none", false },
	[SECRET_NAME_ONLY]	   = { "secret-looking name", false },
	[SECRET_AWS_ACCESS_KEY_ID] = { "AWS access key id", true },
	[SECRET_AWS_SECRET]	   = { "AWS secret key or session token", true },
	[SECRET_PEM_PRIVATE_KEY]   = { "PEM private key", true },
	[SECRET_JWT]		   = { "JWT", true },
	[SECRET_URL_CREDENTIALS]   = { "URL with credentials", true },
	[SECRET_HIGH_ENTROPY]	   = { "high-entropy token", true },
};

const struct secret_kind_info *secret_kind_info(enum secret_kind k)
{
	return (unsigned)k < SECRET_KIND_COUNT ? &kinds[k] : NULL;
}

/* ---- character classes, ASCII only: names and tokens are not text in
 * the user's locale ---- */

static char ascii_upper(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

static bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static bool is_digit(char c) { return c >= '0' && c <= '9'; }

static bool is_alpha(char c) { return is_upper(ascii_upper(c)); }
static bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }

static bool is_hex(char c)
{
	char u = ascii_upper(c);
	return is_digit(c) || (u >= 'A' && u <= 'F');
}

/* Both base64 alphabets (+/ and the URL-safe -_) and the padding. */
static bool is_base64(char c)
{
	return is_alnum(c) || (c && strchr("+/-_=", c));
}

static bool is_base64url(char c)
{
	return is_alnum(c) || c == '-' || c == '_';
}

static bool starts_with(const char *s, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);
	return n >= k && !memcmp(s, prefix, k);
}

static bool ends_with_nocase(const char *s, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);
	if (n < k)
		return false;
	for (size_t i = 0; i < k; i++)
		if (ascii_upper(s[n - k + i]) != ascii_upper(suffix[i]))
			return false;
	return true;
}

/* Case-insensitive glob where only '*' is special, over a counted name. */
static bool glob_match(const char *pat, const char *s, size_t n)
{
	const char *star = NULL;
	size_t i = 0, resume = 0;

	while (i < n) {
		if (*pat == '*') {
			star = ++pat;
			resume = i;
		} else if (*pat && ascii_upper(*pat) == ascii_upper(s[i])) {
			pat++;
			i++;
		} else if (star) {
			pat = star;
			i = ++resume;
		} else {
			return false;
		}
	}
	while (*pat == '*')
		pat++;
	return !*pat;
}

/* ---- names ---- */

/*
 * RX-ENV-001's names, first match wins: the exact names come first so
 * that the AWS ones are not taken by *SECRET* or *_TOKEN. STRONG is the
 * kind a high-entropy value under the name gets. DATABASE_URL is absent
 * on purpose: RULES.md flags it only with credentials, which the URL
 * detector finds under any name.
 */
static const struct name_rule {
	const char *glob;
	enum secret_kind strong;
} name_rules[] = {
	{ "AWS_SECRET_ACCESS_KEY", SECRET_AWS_SECRET },
	{ "AWS_SESSION_TOKEN", SECRET_AWS_SECRET },
	{ "AWS_ACCESS_KEY_ID", SECRET_HIGH_ENTROPY },
	{ "GITHUB_TOKEN", SECRET_HIGH_ENTROPY },
	{ "GH_TOKEN", SECRET_HIGH_ENTROPY },
	{ "NPM_TOKEN", SECRET_HIGH_ENTROPY },
	{ "DOCKER_PASSWORD", SECRET_HIGH_ENTROPY },
	{ "*PASSWORD*", SECRET_HIGH_ENTROPY },
	{ "*PASSWD*", SECRET_HIGH_ENTROPY },
	{ "*SECRET*", SECRET_HIGH_ENTROPY },
	{ "*_TOKEN", SECRET_HIGH_ENTROPY },
	{ "*API_KEY*", SECRET_HIGH_ENTROPY },
	{ "*PRIVATE_KEY*", SECRET_HIGH_ENTROPY },
	{ "*_CREDENTIALS*", SECRET_HIGH_ENTROPY },
};

static const struct name_rule *name_rule(const char *name, size_t n)
{
	for (size_t i = 0; i < ARRAY_SIZE(name_rules); i++)
		if (glob_match(name_rules[i].glob, name, n))
			return &name_rules[i];
	return NULL;
}

/* ---- values ---- */

struct span {
	size_t off, len;
};

/* "-----BEGIN PRIVATE KEY-----", "-----BEGIN RSA PRIVATE KEY-----", ...
 * anywhere in the value: keys are often pasted with text around them. */
static bool match_pem(const char *v, size_t n, struct span *s)
{
	static const char begin[] = "-----BEGIN ", dashes[] = "-----",
			  key[] = "PRIVATE KEY";
	const size_t blen = sizeof(begin) - 1, dlen = sizeof(dashes) - 1,
		     klen = sizeof(key) - 1;
	const char *p = v, *end = v + n;

	while ((p = memmem(p, (size_t)(end - p), begin, blen))) {
		const char *label = p + blen, *q = label;
		while (q < end && (is_upper(*q) || is_digit(*q) || *q == ' '))
			q++;
		size_t ll = (size_t)(q - label);
		if ((size_t)(end - q) >= dlen && !memcmp(q, dashes, dlen) &&
		    ll >= klen && !memcmp(q - klen, key, klen) &&
		    (ll == klen || q[-(ptrdiff_t)klen - 1] == ' ')) {
			*s = (struct span){ 0, n };
			return true;
		}
		p = label;
	}
	return false;
}

/* Three non-empty base64url parts, the first a JSON header ("{\"" is eyJ). */
static bool match_jwt(const char *v, size_t n, struct span *s)
{
	unsigned dots = 0;
	size_t part = 0;

	if (!starts_with(v, n, "eyJ"))
		return false;
	for (size_t i = 0; i < n; i++) {
		if (v[i] == '.') {
			if (!part || ++dots > 2)
				return false;
			part = 0;
		} else if (is_base64url(v[i])) {
			part++;
		} else {
			return false;
		}
	}
	if (dots != 2 || !part)
		return false;
	*s = (struct span){ 0, n };
	return true;
}

/* Key id prefixes; "A3T" takes one more [A-Z0-9] to make 4. */
static const char *const aws_prefixes[] = { "AKIA", "ASIA", "ABIA", "ACCA", "A3T" };

#define AWS_KEY_ID_LEN 20
#define AWS_PREFIX_LEN 4

static bool match_aws_key_id(const char *v, size_t n, struct span *s)
{
	if (n != AWS_KEY_ID_LEN)
		return false;
	for (size_t i = 0; i < ARRAY_SIZE(aws_prefixes); i++) {
		size_t k = strlen(aws_prefixes[i]), j;
		if (!starts_with(v, n, aws_prefixes[i]))
			continue;
		for (j = k; j < AWS_PREFIX_LEN; j++)
			if (!is_upper(v[j]) && !is_digit(v[j]))
				break;
		if (j < AWS_PREFIX_LEN)
			continue;
		/* the rest is base32: A-Z and 2-7 */
		for (; j < n; j++)
			if (!is_upper(v[j]) && !(v[j] >= '2' && v[j] <= '7'))
				break;
		if (j == n) {
			*s = (struct span){ 0, n };
			return true;
		}
	}
	return false;
}

/*
 * scheme://user:pass@host...; the secret is the password. The
 * authority ends at the first '/', '?' or '#', and the last '@' in it
 * ends the user info, so an unencoded '@' in a password stays inside the
 * redacted part. An empty user is accepted (redis://:pass@host).
 */
static bool match_url(const char *v, size_t n, struct span *s)
{
	size_t i = 0;

	if (!n || !is_alpha(v[0]))
		return false;
	while (i < n && (is_alnum(v[i]) || v[i] == '+' || v[i] == '-' || v[i] == '.'))
		i++;
	if (!starts_with(v + i, n - i, "://"))
		return false;
	size_t user = i + 3, auth_end = user, at = 0;
	for (; auth_end < n && !strchr("/?#", v[auth_end]); auth_end++)
		if (v[auth_end] == '@')
			at = auth_end;
	if (!at || at + 1 == auth_end)
		return false;	/* no user info, or no host */
	const char *colon = memchr(v + user, ':', at - user);
	if (!colon || colon + 1 == v + at)
		return false;	/* no password, or an empty one */
	size_t pass = (size_t)(colon - v) + 1;
	*s = (struct span){ pass, at - pass };
	return true;
}

/* Value detectors, in order: the first that matches decides the kind. */
static const struct detector {
	enum secret_kind kind;
	bool (*match)(const char *v, size_t n, struct span *s);
} detectors[] = {
	{ SECRET_PEM_PRIVATE_KEY, match_pem },
	{ SECRET_JWT, match_jwt },
	{ SECRET_AWS_ACCESS_KEY_ID, match_aws_key_id },
	{ SECRET_URL_CREDENTIALS, match_url },
};

/* Placeholders RULES.md names as false positives. */
static const struct placeholder {
	const char *text;
	enum { PH_EXACT, PH_SUFFIX, PH_RUN } how;	/* RUN: TEXT[0] repeated, at least strlen(TEXT) times */
} placeholders[] = {
	{ "changeme", PH_EXACT },
	{ "xxx", PH_RUN },
	{ "EXAMPLE", PH_SUFFIX },	/* AWS's documentation keys */
};

static bool is_placeholder(const char *v, size_t n)
{
	for (size_t i = 0; i < ARRAY_SIZE(placeholders); i++) {
		const struct placeholder *ph = &placeholders[i];
		size_t k = strlen(ph->text), j;
		switch (ph->how) {
		case PH_EXACT:
			if (n == k && ends_with_nocase(v, n, ph->text))
				return true;
			break;
		case PH_SUFFIX:
			if (ends_with_nocase(v, n, ph->text))
				return true;
			break;
		case PH_RUN:
			for (j = 0; j < n; j++)
				if (ascii_upper(v[j]) != ascii_upper(ph->text[0]))
					break;
			if (n >= k && j == n)
				return true;
			break;
		}
	}
	return false;
}

/* Token alphabets, tried in order: a value that fits the first is judged
 * by its threshold (hex digits are base64 characters too). */
static const struct alphabet {
	bool (*has)(char c);
	double min_bits;	/* Shannon entropy per character */
} alphabets[] = {
	{ is_hex, 3.0 },
	{ is_base64, 4.0 },
};

#define TOKEN_MIN_LEN 20

double secret_entropy(const char *s, size_t len)
{
	size_t count[256] = { 0 };
	double bits = 0;

	for (size_t i = 0; i < len; i++)
		count[(unsigned char)s[i]]++;
	for (size_t c = 0; c < 256; c++) {
		if (!count[c])
			continue;
		double p = (double)count[c] / (double)len;
		bits -= p * log2(p);
	}
	return bits;
}

static bool high_entropy(const char *v, size_t n)
{
	if (n < TOKEN_MIN_LEN)
		return false;
	/* An absolute path: '/' is a base64 character, and a long path with
	 * mixed case reaches 4 bits per character. ("./", "~/" are not
	 * base64.) A key starting with '/' is still reported by its name. */
	if (v[0] == '/')
		return false;
	for (size_t a = 0; a < ARRAY_SIZE(alphabets); a++) {
		size_t i = 0;
		while (i < n && alphabets[a].has(v[i]))
			i++;
		if (i == n)
			return secret_entropy(v, n) >= alphabets[a].min_bits;
	}
	return false;
}

/* Classify ENTRY[VOFF, LEN) as the value of the name ENTRY[0, NAME_LEN). */
static void classify(const char *entry, size_t len, size_t name_len,
		     size_t voff, struct secret_match *m)
{
	const char *v = entry + voff;
	size_t n = len - voff;
	enum secret_kind kind = SECRET_NONE;
	struct span s = { 0, n };

	*m = (struct secret_match){
		.kind = SECRET_NONE, .name_len = name_len,
		.value_off = voff, .value_len = n, .secret_off = voff,
	};
	if (!n)
		return;
	for (size_t i = 0; i < ARRAY_SIZE(detectors) && kind == SECRET_NONE; i++)
		if (detectors[i].match(v, n, &s))
			kind = detectors[i].kind;
	if (kind == SECRET_NONE && name_len) {
		const struct name_rule *r = name_rule(entry, name_len);
		if (r)
			kind = high_entropy(v, n) ? r->strong : SECRET_NAME_ONLY;
	}
	if (kind == SECRET_NONE || is_placeholder(v + s.off, s.len))
		return;
	m->kind = kind;
	m->secret_off = voff + s.off;
	m->secret_len = s.len;
}

int secret_classify_env(const char *entry, size_t len, struct secret_match *m)
{
	const char *eq = memchr(entry, '=', len);

	if (!eq || eq == entry) {
		*m = (struct secret_match){ .kind = SECRET_NONE, .value_len = len };
		return -EINVAL;
	}
	size_t name_len = (size_t)(eq - entry);
	classify(entry, len, name_len, name_len + 1, m);
	return 0;
}

void secret_classify_value(const char *value, size_t len,
			   struct secret_match *m)
{
	classify(value, len, 0, 0, m);
}

void secret_redact_env(struct sbuf *out, const char *entry, size_t len,
		       const struct secret_match *m)
{
	if (m->kind == SECRET_NONE) {
		sb_putn(out, entry, len);
		return;
	}
	size_t end = m->secret_off + m->secret_len;
	sb_putn(out, entry, m->secret_off);
	sb_printf(out, "<redacted, %zu char%s>", m->secret_len,
		  m->secret_len == 1 ? "" : "s");
	sb_putn(out, entry + end, len - end);
}

/* ---- the set of known values ---- */

/*
 * Every position of a scanned buffer costs one 4-byte load, a multiply
 * and a bit test: the filter holds one bit per hash of the first 4
 * bytes of each value, and only a set bit leads to the sorted entries
 * (binary search on those 4 bytes, then memcmp). Values are at least
 * SECRET_MIN_LEN > 4 bytes long, so every value has a key.
 */
#define KEY_LEN 4
#define FILTER_BITS (1u << 16)

struct secret_entry {
	uint32_t key;		/* the first KEY_LEN bytes, in memory order */
	size_t len;
	unsigned char *p;
};

static uint32_t key_at(const unsigned char *p)
{
	uint32_t k;
	memcpy(&k, p, sizeof(k));
	return k;
}

static unsigned filter_bit(uint32_t key)
{
	return (uint32_t)(key * 2654435761u) >> 16;	/* Knuth's multiplicative hash */
}

static bool filter_has(const struct secret_set *set, uint32_t key)
{
	unsigned b = filter_bit(key);
	return set->filter[b / 64] >> (b % 64) & 1;
}

/* Index of the first entry whose key is >= KEY. */
static size_t lower_bound(const struct secret_set *set, uint32_t key)
{
	size_t lo = 0, hi = set->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (set->v[mid].key < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void secret_set_init(struct secret_set *set)
{
	set->v = NULL;
	set->n = set->cap = 0;
	set->filter = xcalloc(FILTER_BITS / 64, sizeof(*set->filter));
}

void secret_set_release(struct secret_set *set)
{
	for (size_t i = 0; i < set->n; i++) {
		explicit_bzero(set->v[i].p, set->v[i].len);
		free(set->v[i].p);
	}
	free(set->v);
	free(set->filter);
	set->v = NULL;
	set->filter = NULL;
	set->n = set->cap = 0;
}

bool secret_set_add(struct secret_set *set, const void *value, size_t len)
{
	if (len < SECRET_MIN_LEN)
		return false;
	uint32_t key = key_at(value);
	size_t at = lower_bound(set, key);
	for (size_t i = at; i < set->n && set->v[i].key == key; i++)
		if (set->v[i].len == len && !memcmp(set->v[i].p, value, len))
			return false;
	if (set->n == set->cap) {
		set->cap = set->cap ? 2 * set->cap : 16;
		set->v = xrealloc(set->v, set->cap * sizeof(*set->v));
	}
	memmove(&set->v[at + 1], &set->v[at], (set->n - at) * sizeof(*set->v));
	set->v[at].key = key;
	set->v[at].len = len;
	set->v[at].p = xmalloc(len);
	memcpy(set->v[at].p, value, len);
	set->n++;
	unsigned b = filter_bit(key);
	set->filter[b / 64] |= UINT64_C(1) << (b % 64);
	return true;
}

/* Length of the longest value at B[I...] (I + KEY_LEN <= LEN), 0 if
 * none; when CUT, a value running past LEN counts if its head matches. */
static size_t match_at(const struct secret_set *set, const unsigned char *b,
		       size_t len, size_t i, bool cut)
{
	uint32_t key = key_at(b + i);
	size_t room = len - i, best = 0;

	if (!filter_has(set, key))
		return 0;
	for (size_t j = lower_bound(set, key); j < set->n && set->v[j].key == key; j++) {
		const struct secret_entry *e = &set->v[j];
		size_t l = e->len <= room ? e->len : cut ? room : 0;
		if (l > best && !memcmp(e->p, b + i, l))
			best = l;
	}
	return best;
}

/* The leftmost match at or after FROM: its offset in *AT, its length
 * returned (0: none). */
static size_t first_match(const struct secret_set *set, const unsigned char *b,
			  size_t len, size_t from, bool cut, size_t *at)
{
	if (!set->n || len < KEY_LEN)
		return 0;
	for (size_t i = from; i <= len - KEY_LEN; i++) {
		size_t l = match_at(set, b, len, i, cut);
		if (l) {
			*at = i;
			return l;
		}
	}
	return 0;
}

/* The leftmost match at or after FROM, widened over every match that
 * starts inside it, so that no tail of an overlapping secret is left
 * outside: [*START, *END). */
static bool find_span(const struct secret_set *set, const unsigned char *b,
		      size_t len, size_t from, bool cut, size_t *start,
		      size_t *end)
{
	size_t at, l = first_match(set, b, len, from, cut, &at);

	if (!l)
		return false;
	size_t e = at + l;
	for (size_t j = at + 1; j < e && j <= len - KEY_LEN; j++) {
		size_t lj = match_at(set, b, len, j, cut);
		if (j + lj > e)
			e = j + lj;
	}
	*start = at;
	*end = e;
	return true;
}

bool secret_set_find(const struct secret_set *set, const void *buf, size_t len,
		     size_t *at, size_t *vlen)
{
	size_t l = first_match(set, buf, len, 0, false, at);

	if (l)
		*vlen = l;
	return l != 0;
}

size_t secret_set_mask(const struct secret_set *set, void *buf, size_t len,
		       bool cut)
{
	unsigned char *b = buf;
	size_t pos = 0, s, e, masked = 0;

	while (find_span(set, b, len, pos, cut, &s, &e)) {
		memset(b + s, '*', e - s);
		masked += e - s;
		pos = e;
	}
	return masked;
}

void secret_set_scrub(const struct secret_set *set, struct sbuf *sb,
		      size_t from)
{
	const unsigned char *b = (const unsigned char *)sb->p;
	size_t pos = from, s, e;
	struct sbuf out;

	if (from >= sb->len || !find_span(set, b, sb->len, pos, false, &s, &e))
		return;
	sb_init(&out);
	do {
		sb_putn(&out, sb->p + pos, s - pos);
		sb_puts(&out, "<redacted>");
		pos = e;
	} while (find_span(set, b, sb->len, pos, false, &s, &e));
	sb_putn(&out, sb->p + pos, sb->len - pos);
	/* the old bytes would otherwise outlive the shorter text past len */
	explicit_bzero(sb->p + from, sb->len - from);
	sb_truncate(sb, from);
	sb_putn(sb, out.p, out.len);
	sb_release(&out);
}
