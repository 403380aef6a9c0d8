/* secret.h - recognising secrets in the environment and argv, redacting
 * them, and finding known secret values again in any buffer */
#ifndef RX_SECRET_H
#define RX_SECRET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

/*
 * What a NAME=VALUE entry or a bare value holds (RULES.md, RX-ENV-001).
 * The value detectors (PEM .. URL_CREDENTIALS) apply whatever the name;
 * HIGH_ENTROPY and AWS_SECRET need a secret-looking name as well, so a
 * random-looking value under a neutral name (GIT_COMMIT=<sha>) is NONE.
 */
enum secret_kind {
	SECRET_NONE,
	SECRET_NAME_ONLY,		/* the name matches, the value does not look like a credential */
	SECRET_AWS_ACCESS_KEY_ID,	/* AKIA..., ASIA..., 20 characters */
	SECRET_AWS_SECRET,		/* AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, high entropy */
	SECRET_PEM_PRIVATE_KEY,		/* -----BEGIN ... PRIVATE KEY----- */
	SECRET_JWT,			/* eyJ....<payload>.<signature> */
	SECRET_URL_CREDENTIALS,		/* scheme://user:pass@host */
	SECRET_HIGH_ENTROPY,		/* secret-looking name, high-entropy value */
	SECRET_KIND_COUNT
};

struct secret_kind_info {
	const char *label;	/* "AWS access key id": says which detector matched */
	/* The value itself is credential evidence (a known format, or a
	 * secret name holding a high-entropy value): error level (7.5 for
	 * RX-ENV-001, 7.1 for RX-ENV-002). False: the name alone matched,
	 * warning 5.3. */
	bool credential;
};

/* The row of K, or NULL when K is out of range. */
const struct secret_kind_info *secret_kind_info(enum secret_kind k);

/* Offsets into the classified entry. The name, when there is one, is
 * entry[0, name_len). */
struct secret_match {
	enum secret_kind kind;
	size_t name_len;		/* 0 for a bare value */
	size_t value_off, value_len;
	/* The bytes to hide and to remember (secret_set_add): the whole
	 * value, or only the password of a URL. Empty for SECRET_NONE. */
	size_t secret_off, secret_len;
};

/*
 * Classify one environment entry of LEN bytes (not NUL-terminated: an
 * element of /proc/<pid>/environ or of an envp array). Names match
 * case-insensitively. Empty values and the placeholders RULES.md names
 * as false positives ("changeme", "xxx", "...EXAMPLE") are NONE: they
 * hide nothing. Returns 0, or -EINVAL when the entry has no '=' or an
 * empty name (M is then filled as NONE with the whole entry as value).
 */
int secret_classify_env(const char *entry, size_t len, struct secret_match *m);

/* Classify a bare value (an argv element) with the value detectors
 * only: without a name, entropy alone would flag every hash and id.
 * The whole value must be the token (except a PEM block, found
 * anywhere); an RX-ENV-002 caller splits "--password=..." or
 * "PGPASSWORD=..." itself (the latter with secret_classify_env). */
void secret_classify_value(const char *value, size_t len,
			   struct secret_match *m);

/* Shannon entropy of the bytes of S in bits per byte: 0 for "", "aaaa";
 * 4.0 for "0123456789abcdef". */
double secret_entropy(const char *s, size_t len);

/*
 * Append ENTRY (LEN bytes, classified as M by either function above)
 * with its secret part replaced by its length:
 *   AWS_SECRET_ACCESS_KEY=<redacted, 40 chars>
 *   HTTPS_PROXY=https://user:<redacted, 12 chars>@proxy:3128
 * NAME_ONLY values are redacted too: a low-entropy password is still a
 * password. A NONE entry is appended unchanged, so it should have been
 * masked with the known secrets first (secret_set_mask).
 */
void secret_redact_env(struct sbuf *out, const char *entry, size_t len,
		       const struct secret_match *m);

/*
 * The secret values learned so far (RX-ENV-001 at exec, RX-ENV-002,
 * key files), to recognise them later in written or sent buffers
 * (RX-NET-008, RX-FILE-009), in memory (RX-MEM-004), and to keep them
 * out of every report.
 *
 * Two ways to keep a secret out of a report:
 *  - secret_set_mask() on the raw bytes, before they are formatted.
 *    Decoders must use it: they quote tracee bytes as C strings, and a
 *    secret holding '"', '\\' or a control byte no longer appears
 *    verbatim once escaped. Masking keeps the length, so a decoder calls
 *    it on its scratch copy between reading and decode_quote() with
 *    nothing else changed; its CUT flag covers the -s truncation, which
 *    would otherwise print the head of a secret that crosses the cut.
 *  - secret_set_scrub() on finished text (a report line, a JSON string),
 *    as the last line of defence for text that did not come through a
 *    decoder. It only sees secrets whose bytes survived formatting.
 *
 * Values shorter than SECRET_MIN_LEN are not kept: they would match
 * everywhere. A match needs the whole value, except CUT's trailing head.
 */
#define SECRET_MIN_LEN 8

struct secret_entry;

struct secret_set {
	struct secret_entry *v;	/* sorted by their first 4 bytes */
	size_t n, cap;
	uint64_t *filter;	/* one bit per hash of a first-4-bytes */
};

void secret_set_init(struct secret_set *set);
/* Wipes the stored values before freeing them. */
void secret_set_release(struct secret_set *set);
/* Remember LEN bytes of VALUE (a copy). False when too short or already
 * known. */
bool secret_set_add(struct secret_set *set, const void *value, size_t len);

/* The first (leftmost) occurrence of a known value in BUF[0, LEN): its
 * offset in *AT, its length in *VLEN (the longest value at that
 * offset). False when there is none. */
bool secret_set_find(const struct secret_set *set, const void *buf, size_t len,
		     size_t *at, size_t *vlen);

/* Overwrite with '*' every byte of BUF[0, LEN) covered by an occurrence
 * of a known value (overlapping occurrences included). When CUT (BUF is
 * the head of longer data), also a trailing head of a known value of at
 * least 4 bytes; shorter heads stay, within the 4 leading characters
 * RX-ENV-001 allows a report to show. Returns the number of bytes
 * masked. */
size_t secret_set_mask(const struct secret_set *set, void *buf, size_t len,
		       bool cut);

/* Replace in SB every occurrence of a known value that starts at or after
 * offset FROM by "<redacted>"; overlapping or nested occurrences become
 * one "<redacted>", adjacent ones one each. The old bytes past the new
 * end of a shrunk text are wiped. */
void secret_set_scrub(const struct secret_set *set, struct sbuf *sb,
		      size_t from);

#endif
