/* jstr.h - JSON strings of any bytes: file names, arguments and other
 * bytes from a tracee may be invalid UTF-8 or hold NULs, and every JSON
 * output (SARIF, JSON Lines) must still be valid, and the same for the
 * same bytes */
#ifndef RX_JSTR_H
#define RX_JSTR_H

#include <jansson.h>
#include <stddef.h>

#include "util.h"

/* Append S[0, LEN) to SB as well-formed UTF-8 (RFC 3629): each byte that
 * does not start a well-formed sequence (a stray continuation byte, an
 * overlong form, a surrogate, a code point above U+10FFFF, a cut
 * sequence) becomes U+FFFD; everything else, NUL and control characters
 * included, is kept as it is (JSON escapes those). */
void jstr_utf8(struct sbuf *sb, const char *s, size_t len);

/* A new JSON string of S[0, LEN) made well-formed as above; NULL only
 * when out of memory. S may be NULL when LEN is 0. */
json_t *jstr_new(const char *s, size_t len);

/* Set the JSON string J to S[0, LEN) made well-formed; SCRATCH holds the
 * well-formed copy when one is needed. Returns 0 or -ENOMEM. */
int jstr_set(json_t *j, const char *s, size_t len, struct sbuf *scratch);

#endif
