/* util.h - allocation helpers and a growable string buffer */
#ifndef RX_UTIL_H
#define RX_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* The x*alloc helpers abort on exhaustion: a tracer that cannot allocate
 * cannot make progress, and every caller checking NULL hides real errors. */
void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

/* A string buffer owned by its user and reused across events, so that
 * formatting a syscall line allocates nothing once the buffer is warm. */
struct sbuf {
	char *p;		/* always NUL-terminated once initialised */
	size_t len;
	size_t cap;
};

void sb_init(struct sbuf *sb);
void sb_release(struct sbuf *sb);
static inline void sb_reset(struct sbuf *sb) { sb->len = 0; sb->p[0] = '\0'; }
void sb_grow(struct sbuf *sb, size_t extra);
void sb_putc(struct sbuf *sb, char c);
void sb_putn(struct sbuf *sb, const char *s, size_t n);
void sb_puts(struct sbuf *sb, const char *s);
void sb_printf(struct sbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void sb_vprintf(struct sbuf *sb, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Truncate to len (len <= sb->len). */
void sb_truncate(struct sbuf *sb, size_t len);

/* FNV-1a: a fast hash for the caches and tables of the tracer (not for
 * anything an attacker could aim at). Start with FNV1A_INIT. */
#define FNV1A_INIT 0xcbf29ce484222325ULL
uint64_t fnv1a(uint64_t h, const void *data, size_t len);

/* Parse a non-negative decimal integer that must fill the whole string.
 * Returns 0 or -EINVAL / -ERANGE. */
int parse_uint(const char *s, unsigned long max, unsigned long *out);

#endif
