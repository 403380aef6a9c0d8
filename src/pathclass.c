/* pathclass.c - path normalisation, globs and the sensitive path tables */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "pathclass.h"
#include "util.h"

bool pathclass_glob(const char *pat, const char *s)
{
	for (;;) {
		if (*pat == '*') {
			bool any = pat[1] == '*';
			pat += any ? 2 : 1;
			if (!strpbrk(pat, "*?")) {
				/* a literal tail ("**.pem"): a suffix test, not
				 * a match tried at every position */
				size_t pl = strlen(pat), sl = strlen(s);
				return sl >= pl && !strcmp(s + sl - pl, pat) &&
				       (any || !memchr(s, '/', sl - pl));
			}
			for (;; s++) {
				if (pathclass_glob(pat, s))
					return true;
				if (!*s || (!any && *s == '/'))
					return false;
			}
		}
		if (!*s)
			return !*pat;
		if (*pat == '?' ? *s == '/' : *pat != *s)
			return false;
		pat++;
		s++;
	}
}

/* The part of PATH below the home directory HOME ("/" included), or
 * NULL. */
static const char *below(const char *path, const char *home, size_t hl)
{
	while (hl && home[hl - 1] == '/')
		hl--;
	if (strncmp(path, home, hl) || path[hl] != '/')
		return NULL;
	return path + hl + 1;
}

bool pathclass_match(const char *pat, const char *path, const char *home)
{
	if (pat[0] != '~' || pat[1] != '/')
		return pathclass_glob(pat, path);
	pat += 2;
	const char *rest;
	if (home && home[0] == '/' && (rest = below(path, home, strlen(home))) &&
	    pathclass_glob(pat, rest))
		return true;
	if ((rest = below(path, "/root", 5)) && pathclass_glob(pat, rest))
		return true;
	if (!strncmp(path, "/home/", 6) && (rest = strchr(path + 6, '/')) &&
	    rest > path + 6 && pathclass_glob(pat, rest + 1))
		return true;
	return false;
}

void pathclass_normalize(char *path)
{
	/* The output never overtakes the input: each component written is
	 * preceded by one '/', and the input had at least one before it. */
	size_t w = 0, i = 0;
	while (path[i]) {
		while (path[i] == '/')
			i++;
		size_t n = strcspn(path + i, "/");
		if (!n)
			break;
		if (n == 1 && path[i] == '.') {
			/* nothing */
		} else if (n == 2 && path[i] == '.' && path[i + 1] == '.') {
			while (w && path[w - 1] != '/')
				w--;
			if (w)
				w--;
		} else {
			path[w++] = '/';
			memmove(path + w, path + i, n);
			w += n;
		}
		i += n;
	}
	if (!w)
		path[w++] = '/';
	path[w] = '\0';
}

int pathclass_join(char *out, size_t len, const char *dir, const char *rel)
{
	size_t dl = rel[0] == '/' ? 0 : strlen(dir), rl = strlen(rel);
	if (dl + 1 + rl + 1 > len)
		return -ENAMETOOLONG;
	memcpy(out, dir, dl);
	out[dl] = '/';
	memcpy(out + dl + 1, rel, rl + 1);
	pathclass_normalize(out);
	return 0;
}

/* RULES.md 4.5, RX-FILE-005: Falco's sensitive_file_names, the stores
 * of SSH, cloud, Docker and Kubernetes credentials, and key files. */
static const struct pathclass credentials[] = {
	{ "/etc/shadow", "the password hashes", 0, 0, false },
	{ "/etc/gshadow", "the group password hashes", 0, 0, false },
	{ "/etc/sudoers", "sudo's rules", 0, 0, false },
	{ "/etc/sudoers.d/*", "sudo's rules", 0, 0, false },
	{ "/etc/pam.conf", "the PAM configuration", 0, 0, false },
	{ "/etc/pam.d/*", "the PAM configuration", 0, 0, false },
	{ "~/.ssh/*", "an SSH key or configuration", 0, 0, false },
	{ "~/.aws/credentials", "AWS credentials", 0, 0, false },
	{ "~/.config/gcloud/credentials.db", "Google Cloud credentials", 0, 0, false },
	{ "~/.config/gcloud/application_default_credentials.json",
	  "Google Cloud credentials", 0, 0, false },
	{ "~/.docker/config.json", "Docker registry credentials", 0, 0, false },
	{ "~/.kube/config", "a Kubernetes configuration with credentials", 0, 0, false },
	{ "~/.netrc", "login credentials (.netrc)", 0, 0, false },
	{ "~/.git-credentials", "Git credentials", 0, 0, false },
	{ "/var/run/secrets/kubernetes.io/serviceaccount/token",
	  "a Kubernetes service-account token", 0, 0, false },
	{ "/run/secrets/kubernetes.io/serviceaccount/token",
	  "a Kubernetes service-account token", 0, 0, false },
	{ "**.pem", "a PEM private key", 0, 0, true },
	{ "**.key", "a PEM private key", 0, 0, true },
};

/* RULES.md 4.5, RX-FILE-006: the first row that matches decides, so the
 * persistence locations (error) come before the directories holding
 * them (warning). */
#define PERSIST RULE_ERROR, 8.0, false
#define SYSTEM RULE_WARNING, 6.0, false
static const struct pathclass systems[] = {
	{ "/etc/ld.so.preload", "the dynamic loader's preload list", PERSIST },
	{ "/etc/sudoers", "sudo's rules", PERSIST },
	{ "/etc/sudoers.d/**", "sudo's rules", PERSIST },
	{ "/etc/cron**", "cron jobs", PERSIST },
	{ "/var/spool/cron/**", "cron jobs", PERSIST },
	{ "/etc/systemd/**", "systemd units", PERSIST },
	{ "/lib/systemd/system/**", "systemd units", PERSIST },
	{ "/usr/lib/systemd/system/**", "systemd units", PERSIST },
	{ "~/.config/systemd/**", "systemd units", PERSIST },
	{ "~/.ssh/authorized_keys*", "SSH authorized keys", PERSIST },
	{ "/etc/init.d/**", "init scripts", SYSTEM },
	{ "/etc/rc*.d/**", "init scripts", SYSTEM },
	{ "/etc/profile", "a shell startup file", SYSTEM },
	{ "/etc/profile.d/**", "a shell startup file", SYSTEM },
	{ "/etc/bash.bashrc", "a shell startup file", SYSTEM },
	{ "~/.bashrc", "a shell startup file", SYSTEM },
	{ "~/.bash_profile", "a shell startup file", SYSTEM },
	{ "~/.bash_login", "a shell startup file", SYSTEM },
	{ "~/.bash_logout", "a shell startup file", SYSTEM },
	{ "~/.profile", "a shell startup file", SYSTEM },
	{ "~/.zshrc", "a shell startup file", SYSTEM },
	{ "~/.zshenv", "a shell startup file", SYSTEM },
	{ "~/.zprofile", "a shell startup file", SYSTEM },
	{ "~/.zlogin", "a shell startup file", SYSTEM },
	{ "/etc/**", "the system configuration", SYSTEM },
	{ "/bin/**", "the system programs", SYSTEM },
	{ "/sbin/**", "the system programs", SYSTEM },
	{ "/usr/bin/**", "the system programs", SYSTEM },
	{ "/usr/sbin/**", "the system programs", SYSTEM },
	{ "/lib*/**", "the system libraries", SYSTEM },
	{ "/usr/lib*/**", "the system libraries", SYSTEM },
};
#undef PERSIST
#undef SYSTEM

static const struct pathclass *lookup(const struct pathclass *tab, size_t n,
				      const char *path, const char *home)
{
	for (size_t i = 0; i < n; i++)
		if (pathclass_match(tab[i].glob, path, home))
			return &tab[i];
	return NULL;
}

const struct pathclass *pathclass_credential(const char *path, const char *home)
{
	return lookup(credentials, ARRAY_SIZE(credentials), path, home);
}

const struct pathclass *pathclass_system(const char *path, const char *home)
{
	return lookup(systems, ARRAY_SIZE(systems), path, home);
}

static const char *const temp_dirs[] = { "/tmp", "/var/tmp", "/dev/shm" };

const char *pathclass_temp_dir(const char *path)
{
	for (size_t i = 0; i < ARRAY_SIZE(temp_dirs); i++) {
		size_t n = strlen(temp_dirs[i]);
		if (!strncmp(path, temp_dirs[i], n) && path[n] == '/' && path[n + 1])
			return temp_dirs[i];
	}
	return NULL;
}

static const char *const sensitive_targets[] = { "/", "/etc", "/root", "/root/**" };

bool pathclass_sensitive_target(const char *path, const char *home)
{
	for (size_t i = 0; i < ARRAY_SIZE(sensitive_targets); i++)
		if (pathclass_glob(sensitive_targets[i], path))
			return true;
	/* a link to a key file is judged by its name alone: what it will
	 * point to when read is not known */
	const struct pathclass *c = pathclass_credential(path, home);
	return c && !c->need_key;
}

bool pathclass_pem_key(const char *buf, size_t len, size_t *at, size_t *klen)
{
	static const char begin[] = "-----BEGIN ", end[] = "\n-----END ";
	const char *p = buf, *lim = buf + len;
	while ((p = memmem(p, (size_t)(lim - p), begin, sizeof(begin) - 1))) {
		const char *eol = memchr(p, '\n', (size_t)(lim - p));
		if (!eol)
			return false;
		if (!memmem(p, (size_t)(eol - p), "PRIVATE KEY-----", 16)) {
			p = eol;
			continue;
		}
		const char *e = memmem(eol, (size_t)(lim - eol), end, sizeof(end) - 1);
		*at = (size_t)(eol + 1 - buf);
		*klen = (size_t)((e ? e : lim) - (eol + 1));
		return true;
	}
	return false;
}
