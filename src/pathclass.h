/* pathclass.h - paths as the FILE rules judge them: lexical
 * normalisation, globs, and the tables of credential stores and system
 * locations (RULES.md 4.5) as data
 *
 * Paths are compared as written after lexical normalisation ("." and
 * ".." folded, no symlinks followed), or as the kernel reports them in
 * /proc/PID/fd. A "~/" glob matches under a home directory: the traced
 * process's $HOME, /root, or any /home/USER.
 */
#ifndef RX_PATHCLASS_H
#define RX_PATHCLASS_H

#include <stdbool.h>
#include <stddef.h>

#include "rule_catalog.h"

/* Whether S matches glob PAT: '*' is any run of characters but '/',
 * "**" any run including '/', '?' one character but '/'. */
bool pathclass_glob(const char *pat, const char *s);

/* Whether PATH (absolute, normalised) matches PAT, where a leading "~/"
 * stands for a home directory: HOME (NULL: unset), /root or /home/USER. */
bool pathclass_match(const char *pat, const char *path, const char *home);

/* Fold "//", "." and ".." of the absolute PATH in place, lexically. */
void pathclass_normalize(char *path);

/* DIR joined with REL (REL itself when absolute), normalised, in OUT.
 * Returns 0 or -ENAMETOOLONG. */
int pathclass_join(char *out, size_t len, const char *dir, const char *rel);

/* A row of a path table. */
struct pathclass {
	const char *glob;
	const char *what;		/* what the location holds, for messages */
	enum rule_level level;		/* system locations: the finding's */
	double severity;
	bool need_key;			/* credentials: only when the file
					 * holds a PEM private key */
};

/* The credential store PATH is (RX-FILE-005), or NULL. */
const struct pathclass *pathclass_credential(const char *path, const char *home);
/* The system or persistence location PATH is under (RX-FILE-006), or
 * NULL. */
const struct pathclass *pathclass_system(const char *path, const char *home);
/* The shared temporary directory PATH is below (/tmp, /var/tmp,
 * /dev/shm), or NULL. */
const char *pathclass_temp_dir(const char *path);
/* Whether a link pointing to PATH gives access to something sensitive
 * (RX-FILE-007): /, /etc, /root and below it, or a credential store. */
bool pathclass_sensitive_target(const char *path, const char *home);

/* Whether BUF[0, LEN) holds a PEM private key: the offset of its body
 * (the lines between BEGIN and END, the secret part) in *AT and its
 * length in *KLEN (to the end of BUF when the key is cut). */
bool pathclass_pem_key(const char *buf, size_t len, size_t *at, size_t *klen);

#endif
