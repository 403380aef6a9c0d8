/* test_secret.c - secret detection, redaction and the known-secret set */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "secret.h"

static struct secret_match env(const char *entry)
{
	struct secret_match m;
	memset(&m, 0xa5, sizeof(m));
	int r = secret_classify_env(entry, strlen(entry), &m);
	ck_assert_msg(r == 0, "'%s': %d", entry, r);
	return m;
}

static void env_is(const char *entry, enum secret_kind want)
{
	struct secret_match m = env(entry);
	ck_assert_msg(m.kind == want, "'%s': kind %d, want %d", entry,
		      (int)m.kind, (int)want);
}

static void value_is(const char *value, enum secret_kind want)
{
	struct secret_match m;
	memset(&m, 0xa5, sizeof(m));
	secret_classify_value(value, strlen(value), &m);
	ck_assert_msg(m.kind == want, "'%s': kind %d, want %d", value,
		      (int)m.kind, (int)want);
	ck_assert_uint_eq(m.name_len, 0);
}

/* ENTRY classified and redacted by the env or the bare-value path. */
static char out[4096];

static const char *redact(const char *entry, bool bare)
{
	struct secret_match m;
	struct sbuf sb;
	if (bare)
		secret_classify_value(entry, strlen(entry), &m);
	else
		secret_classify_env(entry, strlen(entry), &m);
	sb_init(&sb);
	secret_redact_env(&sb, entry, strlen(entry), &m);
	ck_assert_uint_lt(sb.len, sizeof(out));
	memcpy(out, sb.p, sb.len + 1);
	sb_release(&sb);
	return out;
}

START_TEST(test_kind_table)
{
	static const struct {
		enum secret_kind k;
		const char *label;
		bool credential;
	} want[] = {
		{ SECRET_NONE, "none", false },
		{ SECRET_NAME_ONLY, "secret-looking name", false },
		{ SECRET_AWS_ACCESS_KEY_ID, "AWS access key id", true },
		{ SECRET_AWS_SECRET, "AWS secret key or session token", true },
		{ SECRET_PEM_PRIVATE_KEY, "PEM private key", true },
		{ SECRET_JWT, "JWT", true },
		{ SECRET_URL_CREDENTIALS, "URL with credentials", true },
		{ SECRET_HIGH_ENTROPY, "high-entropy token", true },
	};
	ck_assert_uint_eq(ARRAY_SIZE(want), SECRET_KIND_COUNT);
	for (size_t i = 0; i < ARRAY_SIZE(want); i++) {
		const struct secret_kind_info *ki = secret_kind_info(want[i].k);
		ck_assert_ptr_nonnull(ki);
		ck_assert_str_eq(ki->label, want[i].label);
		ck_assert(ki->credential == want[i].credential);
	}
	ck_assert_ptr_null(secret_kind_info(SECRET_KIND_COUNT));
	ck_assert_ptr_null(secret_kind_info((enum secret_kind)-1));
}
END_TEST

START_TEST(test_aws_key_id)
{
	value_is("AKIA2345ABCDEFGHIJKL", SECRET_AWS_ACCESS_KEY_ID);
	value_is("ASIAZZZZ77772222QQQQ", SECRET_AWS_ACCESS_KEY_ID);
	value_is("ABIA2345ABCDEFGHIJKL", SECRET_AWS_ACCESS_KEY_ID);
	value_is("ACCA2345ABCDEFGHIJKL", SECRET_AWS_ACCESS_KEY_ID);
	value_is("A3TX2345ABCDEFGHIJKL", SECRET_AWS_ACCESS_KEY_ID);
	value_is("A3T92345ABCDEFGHIJKL", SECRET_AWS_ACCESS_KEY_ID);
	/* prefix */
	value_is("AKIB2345ABCDEFGHIJKL", SECRET_NONE);
	value_is("BKIA2345ABCDEFGHIJKL", SECRET_NONE);
	value_is("A3Tx2345ABCDEFGHIJKL", SECRET_NONE);
	value_is("A3T-2345ABCDEFGHIJKL", SECRET_NONE);
	/* charset of the 16: A-Z and 2-7 only */
	value_is("AKIA1345ABCDEFGHIJKL", SECRET_NONE);
	value_is("AKIA2345ABCDEFGHIJK8", SECRET_NONE);
	value_is("AKIA2345ABCDEFGHIJK0", SECRET_NONE);
	value_is("AKIA2345aBCDEFGHIJKL", SECRET_NONE);
	value_is("akia2345abcdefghijkl", SECRET_NONE);
	/* length */
	value_is("AKIA2345ABCDEFGHIJK", SECRET_NONE);
	value_is("AKIA2345ABCDEFGHIJKLM", SECRET_NONE);
	value_is("AKIA", SECRET_NONE);
	/* under any name, and the whole value is the secret */
	struct secret_match m = env("SOME_ID=AKIA2345ABCDEFGHIJKL");
	ck_assert_int_eq(m.kind, SECRET_AWS_ACCESS_KEY_ID);
	ck_assert_uint_eq(m.name_len, 7);
	ck_assert_uint_eq(m.value_off, 8);
	ck_assert_uint_eq(m.value_len, 20);
	ck_assert_uint_eq(m.secret_off, 8);
	ck_assert_uint_eq(m.secret_len, 20);
	/* a bad key id under the key id's name is the name alone */
	env_is("AWS_ACCESS_KEY_ID=AKIA1345ABCDEFGHIJKL", SECRET_NAME_ONLY);
}
END_TEST

START_TEST(test_pem)
{
	static const char *const keys[] = {
		"-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\n",
		"-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIL\n-----END EC PRIVATE KEY-----",
		"-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n",
		"-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHDBOBgkqhkiG9w0BBQ0w\n",
		"-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0B\n",
		"-----BEGIN DSA PRIVATE KEY-----",
		/* after other text, and after a block that is not a key */
		"key: -----BEGIN EC PRIVATE KEY-----\n",
		"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n-----BEGIN PRIVATE KEY-----\nMII\n",
	};
	for (size_t i = 0; i < ARRAY_SIZE(keys); i++)
		value_is(keys[i], SECRET_PEM_PRIVATE_KEY);

	value_is("-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYI\n", SECRET_NONE);
	value_is("-----BEGIN CERTIFICATE-----\nMIIB\n", SECRET_NONE);
	value_is("-----BEGIN RSA PUBLIC KEY-----\n", SECRET_NONE);
	value_is("-----BEGIN PGP PRIVATE KEY BLOCK-----\n", SECRET_NONE);
	value_is("-----BEGIN RSAPRIVATE KEY-----\n", SECRET_NONE);
	value_is("-----BEGIN RSA PRIVATE KEY----", SECRET_NONE);
	value_is("-----BEGIN RSA PRIVATE KEY", SECRET_NONE);
	value_is("-----BEGIN -----", SECRET_NONE);
	value_is("BEGIN RSA PRIVATE KEY", SECRET_NONE);
	/* the whole value is hidden */
	struct secret_match m = env("TLS_KEY=-----BEGIN PRIVATE KEY-----\nMII\n");
	ck_assert_int_eq(m.kind, SECRET_PEM_PRIVATE_KEY);
	ck_assert_uint_eq(m.secret_off, 8);
	ck_assert_uint_eq(m.secret_len, 32);
}
END_TEST

#define JWT_H "eyJhbGciOiJIUzI1NiJ9"
#define JWT_P "eyJzdWIiOiIxMjM0In0"
#define JWT_S "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"

START_TEST(test_jwt)
{
	value_is(JWT_H "." JWT_P "." JWT_S, SECRET_JWT);
	value_is(JWT_H ".e30.x", SECRET_JWT);
	env_is("SESSION=" JWT_H "." JWT_P "." JWT_S, SECRET_JWT);

	value_is(JWT_H "." JWT_P, SECRET_NONE);			/* 2 parts */
	value_is(JWT_H "." JWT_P "." JWT_S ".x", SECRET_NONE);	/* 4 parts */
	value_is(JWT_H "." JWT_P ".", SECRET_NONE);		/* empty signature */
	value_is(JWT_H ".." JWT_S, SECRET_NONE);
	value_is("." JWT_P "." JWT_S, SECRET_NONE);
	value_is("abJhbGciOiJIUzI1NiJ9." JWT_P "." JWT_S, SECRET_NONE);
	value_is("EYJhbGciOiJIUzI1NiJ9." JWT_P "." JWT_S, SECRET_NONE);
	value_is(JWT_H "." JWT_P ".a+b/c=", SECRET_NONE);	/* not base64url */
	value_is(JWT_H " ." JWT_P "." JWT_S, SECRET_NONE);
	value_is("eyJ", SECRET_NONE);
}
END_TEST

START_TEST(test_url)
{
	struct secret_match m;
	const char *u = "https://user:hunter2hunter2@host/path";
	secret_classify_value(u, strlen(u), &m);
	ck_assert_int_eq(m.kind, SECRET_URL_CREDENTIALS);
	ck_assert_uint_eq(m.secret_off, 13);
	ck_assert_uint_eq(m.secret_len, 14);

	value_is("http://bob:pw@proxy:3128", SECRET_URL_CREDENTIALS);
	value_is("postgres://app:s3cret@db:5432/app?sslmode=require", SECRET_URL_CREDENTIALS);
	value_is("git+ssh://u:p@h", SECRET_URL_CREDENTIALS);
	value_is("redis://:s3cr3tpass@cache:6379/0", SECRET_URL_CREDENTIALS);

	/* the last '@' of the authority ends the password */
	u = "https://u:p@ss@host/x@y";
	secret_classify_value(u, strlen(u), &m);
	ck_assert_int_eq(m.kind, SECRET_URL_CREDENTIALS);
	ck_assert_uint_eq(m.secret_off, 10);
	ck_assert_uint_eq(m.secret_len, 4);

	value_is("https://user@host/path", SECRET_NONE);	/* user only */
	value_is("https://user:@host/path", SECRET_NONE);	/* empty password */
	value_is("https://host/path", SECRET_NONE);
	value_is("https://host/a:b@c", SECRET_NONE);		/* '@' past the authority */
	value_is("https://host?u=a:b@c", SECRET_NONE);
	value_is("https://u:p@", SECRET_NONE);			/* no host */
	value_is("https://u:p@/path", SECRET_NONE);
	value_is("user:pass@host", SECRET_NONE);		/* no scheme */
	value_is("1http://u:p@h", SECRET_NONE);
	value_is("://u:p@h", SECRET_NONE);
	value_is("http:/u:p@h", SECRET_NONE);

	/* DATABASE_URL counts only with credentials */
	env_is("DATABASE_URL=postgres://app:pw@db/app", SECRET_URL_CREDENTIALS);
	env_is("DATABASE_URL=postgres://db:5432/app", SECRET_NONE);
	env_is("HTTPS_PROXY=http://proxy:3128", SECRET_NONE);
}
END_TEST

START_TEST(test_entropy)
{
	ck_assert_double_eq(secret_entropy("", 0), 0.0);
	ck_assert_double_eq(secret_entropy("aaaa", 4), 0.0);
	ck_assert_double_eq(secret_entropy("ab", 2), 1.0);
	ck_assert_double_eq(secret_entropy("aabb", 4), 1.0);
	ck_assert_double_eq(secret_entropy("abcd", 4), 2.0);
	ck_assert_double_eq(secret_entropy("0123456789abcdef", 16), 4.0);
	ck_assert_double_eq_tol(secret_entropy("aab", 3), 0.9182958340544896, 1e-12);
	ck_assert_double_eq_tol(secret_entropy("ABCDEFGHIJKLMNOPQRS", 19),
				4.247927513443583, 1e-12);
	ck_assert_double_eq_tol(secret_entropy("3f786850e387550fdab836ed7e6dc881de23001b", 40),
				3.6275671571169283, 1e-12);
	/* bytes, not characters: a NUL counts */
	ck_assert_double_eq(secret_entropy("a\0", 2), 1.0);
}
END_TEST

/* The thresholds, on values whose entropy is exact. */
START_TEST(test_entropy_thresholds)
{
	/* hex: 8 symbols x 3 = 24 characters, exactly 3.0 bits */
	ck_assert_double_eq(secret_entropy("012345670123456701234567", 24), 3.0);
	env_is("API_SECRET=012345670123456701234567", SECRET_HIGH_ENTROPY);
	/* 7 symbols: log2(7) = 2.81 */
	env_is("API_SECRET=012345601234560123456", SECRET_NAME_ONLY);
	/* base64: 16 symbols x 2, exactly 4.0 bits */
	ck_assert_double_eq(secret_entropy("ABCDEFGHIJKLMNOPABCDEFGHIJKLMNOP", 32), 4.0);
	env_is("API_SECRET=ABCDEFGHIJKLMNOPABCDEFGHIJKLMNOP", SECRET_HIGH_ENTROPY);
	/* 15 symbols: log2(15) = 3.91, enough for hex, not for base64 */
	env_is("API_SECRET=ABCDEFGHIJKLMNOABCDEFGHIJKLMNO", SECRET_NAME_ONLY);
	/* 20 characters needed: 19 distinct ones (4.25 bits) are not enough */
	env_is("API_SECRET=ABCDEFGHIJKLMNOPQRS", SECRET_NAME_ONLY);
	env_is("API_SECRET=ABCDEFGHIJKLMNOPQRST", SECRET_HIGH_ENTROPY);
	/* both base64 alphabets and padding; anything else is not a token */
	env_is("API_SECRET=ab+cd/ef-gh_ij0123456789==", SECRET_HIGH_ENTROPY);
	env_is("API_SECRET=ABCDEFGHIJ.KLMNOPQRST", SECRET_NAME_ONLY);
	env_is("API_SECRET=ABCDEFGHIJ KLMNOPQRST", SECRET_NAME_ONLY);
	/* a phrase is not a token */
	env_is("DB_PASSWORD=correcthorsebatterystaple", SECRET_NAME_ONLY);
}
END_TEST

#define AWS_SK "wJalrXUtnFEMI/K7MDENG/bPxRfiCY8xQ2pLm4Tz"

START_TEST(test_aws_secret)
{
	env_is("AWS_SECRET_ACCESS_KEY=" AWS_SK, SECRET_AWS_SECRET);
	env_is("aws_secret_access_key=" AWS_SK, SECRET_AWS_SECRET);
	env_is("AWS_SESSION_TOKEN=FwoGZXIvYXdzEBYaDH8Tq2Lr9mWc4Vn7JsKpXy1bQ0eUhA3gRdNtOiZl+/=",
	       SECRET_AWS_SECRET);
	env_is("AWS_SECRET_ACCESS_KEY=short", SECRET_NAME_ONLY);
	env_is("AWS_ACCESS_KEY_ID=AKIA2345ABCDEFGHIJKL", SECRET_AWS_ACCESS_KEY_ID);
	env_is("AWS_ACCESS_KEY_ID=" AWS_SK, SECRET_HIGH_ENTROPY);
	/* the same value under other names */
	env_is("MY_SECRET=" AWS_SK, SECRET_HIGH_ENTROPY);
	env_is("AWS_REGION=" AWS_SK, SECRET_NONE);
	value_is(AWS_SK, SECRET_NONE);
}
END_TEST

START_TEST(test_names)
{
	static const char *const secret_names[] = {
		"AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_ACCESS_KEY_ID",
		"GITHUB_TOKEN", "GH_TOKEN", "NPM_TOKEN", "DOCKER_PASSWORD",
		"PASSWORD", "DB_PASSWORD", "PASSWORD_FILE", "MYSQL_ROOT_PASSWORD",
		"PASSWD", "HTPASSWD_FILE", "SECRET", "CLIENT_SECRET", "SECRETS_DIR",
		"CI_JOB_TOKEN", "REFRESH_TOKEN", "_TOKEN",
		"API_KEY", "MY_API_KEY", "API_KEY_URL",
		"PRIVATE_KEY", "SSH_PRIVATE_KEY", "_CREDENTIALS",
		"GOOGLE_APPLICATION_CREDENTIALS", "AZURE_CREDENTIALS_JSON",
		/* case-insensitive */
		"github_token", "Db_Password", "client_secret", "session_token",
		"my_api_key", "aws_access_key_id", "passwd",
	};
	char e[128];
	for (size_t i = 0; i < ARRAY_SIZE(secret_names); i++) {
		snprintf(e, sizeof(e), "%s=hunter2", secret_names[i]);
		env_is(e, SECRET_NAME_ONLY);
	}
	static const char *const plain_names[] = {
		"PATH", "HOME", "LANG", "TERM", "SHELL", "USER", "PWD", "OLDPWD",
		"TOKEN", "TOKENS", "MAX_TOKENS", "TOKEN_FILE", "GITHUB_TOKENS",
		"APIKEY", "API-KEY", "PASS", "CREDENTIALS",
		"KEY", "PRIVATE", "SSH_AUTH_SOCK", "DATABASE_URL",
	};
	for (size_t i = 0; i < ARRAY_SIZE(plain_names); i++) {
		snprintf(e, sizeof(e), "%s=hunter2", plain_names[i]);
		env_is(e, SECRET_NONE);
	}
	/* NAME_ONLY still hides the whole value */
	struct secret_match m = env("DB_PASSWORD=hunter2");
	ck_assert_uint_eq(m.name_len, 11);
	ck_assert_uint_eq(m.value_off, 12);
	ck_assert_uint_eq(m.value_len, 7);
	ck_assert_uint_eq(m.secret_off, 12);
	ck_assert_uint_eq(m.secret_len, 7);
	/* only the first '=' separates */
	m = env("API_KEY=a=b");
	ck_assert_int_eq(m.kind, SECRET_NAME_ONLY);
	ck_assert_uint_eq(m.name_len, 7);
	ck_assert_uint_eq(m.secret_len, 3);
}
END_TEST

#define GIT_SHA "3f786850e387550fdab836ed7e6dc881de23001b"

/* The same program environment doing the safe thing. */
START_TEST(test_benign_twins)
{
	env_is("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", SECRET_NONE);
	env_is("HOME=/root", SECRET_NONE);
	env_is("LANG=C.UTF-8", SECRET_NONE);
	env_is("TERM=xterm-256color", SECRET_NONE);
	env_is("SHELL=/bin/bash", SECRET_NONE);
	env_is("LS_COLORS=rs=0:di=01;34:ln=01;36:mh=00:pi=40;33", SECRET_NONE);
	env_is("SSH_AUTH_SOCK=/tmp/ssh-XXXXk2GJ3c/agent.1234", SECRET_NONE);
	/* high entropy alone is not a finding: a commit id under a neutral name */
	env_is("GIT_COMMIT=" GIT_SHA, SECRET_NONE);
	env_is("BUILD_ID=ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", SECRET_NONE);
	value_is(GIT_SHA, SECRET_NONE);
	/* ... while the same 40 hex digits are a classic GitHub token */
	env_is("GITHUB_TOKEN=" GIT_SHA, SECRET_HIGH_ENTROPY);
	env_is("NPM_TOKEN=npm_7Hq2Xv9LmK3pRt5WzYb8NcDfGj4Ss1Ae6Uo0", SECRET_HIGH_ENTROPY);
}
END_TEST

START_TEST(test_false_positives)
{
	/* nothing to leak */
	env_is("PASSWORD=", SECRET_NONE);
	env_is("AWS_SECRET_ACCESS_KEY=", SECRET_NONE);
	/* placeholders */
	env_is("PASSWORD=changeme", SECRET_NONE);
	env_is("DB_PASSWORD=CHANGEME", SECRET_NONE);
	env_is("API_KEY=xxx", SECRET_NONE);
	env_is("API_KEY=XXXXXXXXXXXXXXXXXXXXXXXX", SECRET_NONE);
	env_is("AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE", SECRET_NONE);
	env_is("DATABASE_URL=postgres://app:changeme@db/app", SECRET_NONE);
	value_is("AKIAIOSFODNN7EXAMPLE", SECRET_NONE);
	/* near placeholders are values */
	env_is("API_KEY=xx", SECRET_NAME_ONLY);
	env_is("API_KEY=xxxy", SECRET_NAME_ONLY);
	env_is("PASSWORD=changeme2", SECRET_NAME_ONLY);
	/* paths, booleans, small numbers: the name at most */
	env_is("SECRET_FILE=/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789", SECRET_NAME_ONLY);
	env_is("SECRET_FILE=./AbCdEfGhIjKlMnOpQrStUvWxYz0123456789", SECRET_NAME_ONLY);
	env_is("SECRET_FILE=~/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789", SECRET_NAME_ONLY);
	env_is("GOOGLE_APPLICATION_CREDENTIALS=/var/run/secrets/key.json", SECRET_NAME_ONLY);
	env_is("USE_SECRET_STORE=true", SECRET_NAME_ONLY);
	env_is("REFRESH_TOKEN=3600", SECRET_NAME_ONLY);
	env_is("MAX_TOKEN=4096", SECRET_NAME_ONLY);
	/* without the path prefix the same characters are a token */
	env_is("SECRET_FILE=AbCdEfGhIjKlMnOpQrStUvWxYz0123456789", SECRET_HIGH_ENTROPY);
}
END_TEST

START_TEST(test_malformed)
{
	struct secret_match m;
	memset(&m, 0xa5, sizeof(m));
	ck_assert_int_eq(secret_classify_env("NOEQUALS", 8, &m), -EINVAL);
	ck_assert_int_eq(m.kind, SECRET_NONE);
	ck_assert_uint_eq(m.name_len, 0);
	ck_assert_uint_eq(m.value_off, 0);
	ck_assert_uint_eq(m.value_len, 8);
	ck_assert_uint_eq(m.secret_len, 0);
	memset(&m, 0xa5, sizeof(m));
	ck_assert_int_eq(secret_classify_env("=AKIA2345ABCDEFGHIJKL", 21, &m), -EINVAL);
	ck_assert_int_eq(m.kind, SECRET_NONE);
	ck_assert_int_eq(secret_classify_env("", 0, &m), -EINVAL);
	ck_assert_int_eq(m.kind, SECRET_NONE);
	/* LEN, not the NUL, ends the entry */
	ck_assert_int_eq(secret_classify_env("API_KEY=hunter2", 7, &m), -EINVAL);
	ck_assert_int_eq(secret_classify_env("API_KEY=hunter2", 8, &m), 0);
	ck_assert_int_eq(m.kind, SECRET_NONE);
	ck_assert_int_eq(secret_classify_env("API_KEY=hunter2", 9, &m), 0);
	ck_assert_int_eq(m.kind, SECRET_NAME_ONLY);
	ck_assert_uint_eq(m.secret_len, 1);
	value_is("", SECRET_NONE);
}
END_TEST

START_TEST(test_redact)
{
	ck_assert_str_eq(redact("AWS_SECRET_ACCESS_KEY=" AWS_SK, false),
			 "AWS_SECRET_ACCESS_KEY=<redacted, 40 chars>");
	ck_assert_str_eq(redact("https://user:correcthorse@host/path", true),
			 "https://user:<redacted, 12 chars>@host/path");
	ck_assert_str_eq(redact("HTTPS_PROXY=http://bob:pw1234@proxy:3128", false),
			 "HTTPS_PROXY=http://bob:<redacted, 6 chars>@proxy:3128");
	ck_assert_str_eq(redact("REDIS_URL=redis://:s3cr3tpass@cache:6379/0", false),
			 "REDIS_URL=redis://:<redacted, 10 chars>@cache:6379/0");
	ck_assert_str_eq(redact("PIN_PASSWORD=7", false), "PIN_PASSWORD=<redacted, 1 char>");
	ck_assert_str_eq(redact("TLS_KEY=-----BEGIN PRIVATE KEY-----\nMII\n", false),
			 "TLS_KEY=<redacted, 32 chars>");
	ck_assert_str_eq(redact("AKIA2345ABCDEFGHIJKL", true), "<redacted, 20 chars>");
	/* not secrets: unchanged */
	ck_assert_str_eq(redact("PATH=/usr/bin:/bin", false), "PATH=/usr/bin:/bin");
	ck_assert_str_eq(redact("PASSWORD=changeme", false), "PASSWORD=changeme");
	ck_assert_str_eq(redact("NOEQUALS", false), "NOEQUALS");
	ck_assert_str_eq(redact("--verbose", true), "--verbose");

	/* appends, and needs no NUL after the entry */
	struct sbuf sb;
	struct secret_match m;
	const char *e = "API_KEY=abcdefgh|garbage";
	sb_init(&sb);
	sb_puts(&sb, "env: ");
	ck_assert_int_eq(secret_classify_env(e, 16, &m), 0);
	secret_redact_env(&sb, e, 16, &m);
	ck_assert_str_eq(sb.p, "env: API_KEY=<redacted, 8 chars>");
	sb_release(&sb);
}
END_TEST

#define CANARY "Zq9Xw3Kp7Lm2Vb8Nc4Rt6Yh1Jg5Df0Sa"

/* The secret part of every kind never reaches the redacted text, nor a
 * buffer scrubbed or masked with the set that learned it. */
START_TEST(test_canary)
{
	static const char *const entries[] = {
		"AWS_SECRET_ACCESS_KEY=" CANARY,
		"AWS_SESSION_TOKEN=" CANARY CANARY,
		"MY_API_KEY=" CANARY,
		"DB_PASSWORD=" CANARY,
		"DATABASE_URL=postgres://app:" CANARY "@db:5432/app",
		"HTTP_PROXY=http://:" CANARY "@proxy",
		"SESSION=" JWT_H "." JWT_P "." CANARY,
		"KEY=-----BEGIN OPENSSH PRIVATE KEY-----\n" CANARY "\n",
		"PASSWORD=x" CANARY "\"\n\\",
	};
	struct secret_set set;
	secret_set_init(&set);
	for (size_t i = 0; i < ARRAY_SIZE(entries); i++) {
		const char *e = entries[i];
		struct secret_match m;
		ck_assert_int_eq(secret_classify_env(e, strlen(e), &m), 0);
		ck_assert_msg(m.kind != SECRET_NONE, "'%s': kind %d", e, (int)m.kind);
		ck_assert_ptr_nonnull(strstr(e, CANARY));
		ck_assert_ptr_null(strstr(redact(e, false), CANARY));
		secret_set_add(&set, e + m.secret_off, m.secret_len);
	}
	for (size_t i = 0; i < ARRAY_SIZE(entries); i++) {
		struct sbuf sb;
		sb_init(&sb);
		sb_printf(&sb, "write(1, \"%s\", ...)", entries[i]);
		secret_set_scrub(&set, &sb, 0);
		ck_assert_msg(!strstr(sb.p, CANARY), "scrub left: %s", sb.p);
		ck_assert_ptr_nonnull(strstr(sb.p, "<redacted>"));

		char raw[256];
		size_t n = strlen(entries[i]);
		memcpy(raw, entries[i], n + 1);
		ck_assert_uint_ge(secret_set_mask(&set, raw, n, false), strlen(CANARY));
		ck_assert_msg(!strstr(raw, CANARY), "mask left: %s", raw);
		sb_release(&sb);
	}
	ck_assert_uint_eq(set.n, 5);	/* the canary alone is learned once */
	secret_set_release(&set);
}
END_TEST

/* Why decoders mask the raw bytes: once quoted, a secret holding '"' or
 * a newline is no longer its own bytes, and scrubbing the text misses it. */
START_TEST(test_mask_before_quote)
{
	static const char pw[] = "pa\"ss\nword";
	const size_t n = sizeof(pw) - 1;
	struct secret_set s;
	struct sbuf sb;
	char raw[sizeof(pw)];

	secret_set_init(&s);
	ck_assert(secret_set_add(&s, pw, n));
	sb_init(&sb);
	decode_quote(&sb, pw, n, false);
	secret_set_scrub(&s, &sb, 0);
	ck_assert_str_eq(sb.p, "\"pa\\\"ss\\nword\"");

	sb_reset(&sb);
	memcpy(raw, pw, sizeof(pw));
	ck_assert_uint_eq(secret_set_mask(&s, raw, n, false), n);
	decode_quote(&sb, raw, n, false);
	ck_assert_str_eq(sb.p, "\"**********\"");
	sb_release(&sb);
	secret_set_release(&s);
}
END_TEST

/* ---- the set ---- */

static struct secret_set set;

static void set_setup(void)
{
	secret_set_init(&set);
}

static void set_teardown(void)
{
	secret_set_release(&set);
}

static void add(const char *v)
{
	ck_assert_msg(secret_set_add(&set, v, strlen(v)), "'%s' not added", v);
}

/* Found at AT with length VLEN in STR, or not at all (AT = -1). */
static void find_is(const char *str, long at, size_t vlen)
{
	size_t a = 12345, l = 54321;
	bool found = secret_set_find(&set, str, strlen(str), &a, &l);
	if (at < 0) {
		ck_assert_msg(!found, "'%s': found at %zu", str, a);
		ck_assert_uint_eq(a, 12345);
		return;
	}
	ck_assert_msg(found, "'%s': not found", str);
	ck_assert_uint_eq(a, (size_t)at);
	ck_assert_uint_eq(l, vlen);
}

static const char *scrub(const char *str, size_t from)
{
	struct sbuf sb;
	sb_init(&sb);
	sb_puts(&sb, str);
	secret_set_scrub(&set, &sb, from);
	ck_assert_uint_eq(strlen(sb.p), sb.len);
	ck_assert_uint_lt(sb.len, sizeof(out));
	memcpy(out, sb.p, sb.len + 1);
	sb_release(&sb);
	return out;
}

START_TEST(test_set_add)
{
	ck_assert(!secret_set_add(&set, "1234567", 7));	/* too short */
	ck_assert(!secret_set_add(&set, "", 0));
	ck_assert_uint_eq(set.n, 0);
	ck_assert(secret_set_add(&set, "12345678", 8));
	ck_assert(!secret_set_add(&set, "12345678", 8));	/* duplicate */
	ck_assert(secret_set_add(&set, "123456789", 9));	/* same head, longer */
	ck_assert(secret_set_add(&set, "1234abcd", 8));	/* same key, other value */
	ck_assert_uint_eq(set.n, 3);
	/* the set keeps a copy */
	char v[] = "mutable-secret";
	add(v);
	memset(v, '-', sizeof(v) - 1);
	find_is("xx mutable-secret xx", 3, 14);
	find_is("xx -------------- xx", -1, 0);
}
END_TEST

START_TEST(test_set_find)
{
	find_is("nothing known yet", -1, 0);
	add("SECRETVALUE1");
	add("password");
	add("password123");
	find_is("SECRETVALUE1", 0, 12);			/* the whole buffer */
	find_is("SECRETVALUE1 at the start", 0, 12);
	find_is("at the end SECRETVALUE1", 11, 12);
	find_is("SECRETVALUE", -1, 0);			/* shorter than the value */
	find_is("SECRETVALUE2", -1, 0);
	find_is("secretvalue1", -1, 0);			/* exact bytes */
	find_is("SEC", -1, 0);
	find_is("", -1, 0);
	/* the leftmost, and at one offset the longest */
	find_is("a password123 SECRETVALUE1", 2, 11);
	find_is("a password12 SECRETVALUE1", 2, 8);
	find_is("SECRETVALUE1 password", 0, 12);
	find_is("SECRETVALUSECRETVALUE1", 10, 12);	/* a false start first */
	/* LEN bounds the search */
	size_t at, vlen;
	ck_assert(!secret_set_find(&set, "xSECRETVALUE1", 12, &at, &vlen));
	ck_assert(secret_set_find(&set, "xSECRETVALUE1", 13, &at, &vlen));
	ck_assert_uint_eq(at, 1);
}
END_TEST

START_TEST(test_set_binary)
{
	static const unsigned char key[] = { 0x00, 0xff, 'a', 'b', 0x01, 'c', 'd', 0x7f };
	static const unsigned char buf[] = {
		0x00, 0x00, 0xff, 0x00, 0xff, 'a', 'b', 0x01, 'c', 'd', 0x7f, 0x00, 0xff,
	};
	unsigned char copy[sizeof(buf)];
	size_t at, vlen;

	ck_assert(secret_set_add(&set, key, sizeof(key)));
	ck_assert(secret_set_find(&set, buf, sizeof(buf), &at, &vlen));
	ck_assert_uint_eq(at, 3);
	ck_assert_uint_eq(vlen, sizeof(key));
	ck_assert(!secret_set_find(&set, buf, sizeof(buf) - 3, &at, &vlen));
	memcpy(copy, buf, sizeof(buf));
	ck_assert_uint_eq(secret_set_mask(&set, copy, sizeof(copy), false), 8);
	ck_assert(!memcmp(copy, "\x00\x00\xff********\x00\xff", sizeof(copy)));
}
END_TEST

START_TEST(test_set_scrub)
{
	add("SECRETVALUE1");
	ck_assert_str_eq(scrub("token=SECRETVALUE1 and again SECRETVALUE1.", 0),
			 "token=<redacted> and again <redacted>.");
	ck_assert_str_eq(scrub("SECRETVALUE1", 0), "<redacted>");
	ck_assert_str_eq(scrub("no secret here", 0), "no secret here");
	ck_assert_str_eq(scrub("", 0), "");
	/* only from FROM on */
	ck_assert_str_eq(scrub("SECRETVALUE1|SECRETVALUE1", 12), "SECRETVALUE1|<redacted>");
	ck_assert_str_eq(scrub("SECRETVALUE1|SECRETVALUE1", 13), "SECRETVALUE1|<redacted>");
	ck_assert_str_eq(scrub("SECRETVALUE1|SECRETVALUE1", 14), "SECRETVALUE1|SECRETVALUE1");
	ck_assert_str_eq(scrub("SECRETVALUE1", 99), "SECRETVALUE1");
	/* adjacent occurrences: one each */
	ck_assert_str_eq(scrub("SECRETVALUE1SECRETVALUE1", 0), "<redacted><redacted>");

	/* text that shrinks leaves no secret byte past its new end */
	static const char text[] = "[averyveryverylongsecretvalue]";
	struct sbuf sb;
	add("averyveryverylongsecretvalue");
	sb_init(&sb);
	sb_puts(&sb, text);
	secret_set_scrub(&set, &sb, 0);
	ck_assert_str_eq(sb.p, "[<redacted>]");
	for (size_t i = sb.len; i < sizeof(text); i++)
		ck_assert_int_eq(sb.p[i], 0);
	sb_release(&sb);
}
END_TEST

START_TEST(test_set_overlap)
{
	add("abcdefgh");
	add("efghijkl");
	add("ssword12");
	add("password123");
	/* overlapping and nested occurrences are one span, with no tail left */
	ck_assert_str_eq(scrub("[abcdefghijkl]", 0), "[<redacted>]");
	ck_assert_str_eq(scrub("[xpassword123x]", 0), "[x<redacted>x]");
	ck_assert_str_eq(scrub("abcdefghijklabcdefgh", 0), "<redacted><redacted>");
	/* a chain: each starts inside the previous one */
	add("ijklmnop");
	ck_assert_str_eq(scrub("-abcdefghijklmnop-", 0), "-<redacted>-");

	char raw[] = "[abcdefghijkl] password123";
	ck_assert_uint_eq(secret_set_mask(&set, raw, strlen(raw), false), 23);
	ck_assert_str_eq(raw, "[************] ***********");
}
END_TEST

/* A decoder that prints only the first -s bytes masks the head of a
 * secret the cut runs through. */
START_TEST(test_set_mask_cut)
{
	add("SECRETVALUE1");
	char a[] = "hdr:SECRETVAL";
	ck_assert_uint_eq(secret_set_mask(&set, a, strlen(a), false), 0);
	ck_assert_str_eq(a, "hdr:SECRETVAL");
	ck_assert_uint_eq(secret_set_mask(&set, a, strlen(a), true), 9);
	ck_assert_str_eq(a, "hdr:*********");
	char b[] = "hdr:SECR";
	ck_assert_uint_eq(secret_set_mask(&set, b, strlen(b), true), 4);
	ck_assert_str_eq(b, "hdr:****");
	/* fewer than 4 bytes stay: within what a report may show */
	char c[] = "hdr:SEC";
	ck_assert_uint_eq(secret_set_mask(&set, c, strlen(c), true), 0);
	ck_assert_str_eq(c, "hdr:SEC");
	/* a whole secret and a cut one */
	char d[] = "SECRETVALUE1 SECRETVALUE";
	ck_assert_uint_eq(secret_set_mask(&set, d, strlen(d), true), 23);
	ck_assert_str_eq(d, "************ ***********");
	/* a head that does not continue the secret is left alone */
	char e[] = "hdr:SECRETVAX";
	ck_assert_uint_eq(secret_set_mask(&set, e, strlen(e), true), 0);
	char f[] = "";
	ck_assert_uint_eq(secret_set_mask(&set, f, 0, true), 0);
}
END_TEST

/* Enough values to exercise growth, sorting and shared 4-byte heads. */
START_TEST(test_set_many)
{
	char vals[500][24];
	uint32_t x = 12345;
	for (size_t i = 0; i < ARRAY_SIZE(vals); i++) {
		/* every fifth shares the head "same" with the others */
		size_t k = 0;
		if (i % 5 == 0)
			k = (size_t)snprintf(vals[i], sizeof(vals[i]), "same");
		for (; k < 16; k++) {
			x = x * 1103515245u + 12345u;
			vals[i][k] = (char)('A' + (x >> 16) % 26);
		}
		vals[i][16] = (char)('0' + i / 100);
		vals[i][17] = (char)('0' + i / 10 % 10);
		vals[i][18] = (char)('0' + i % 10);
		vals[i][19] = '\0';
		add(vals[i]);
	}
	ck_assert_uint_eq(set.n, ARRAY_SIZE(vals));
	for (size_t i = 0; i < ARRAY_SIZE(vals); i++)
		ck_assert(!secret_set_add(&set, vals[i], strlen(vals[i])));
	struct sbuf sb;
	sb_init(&sb);
	for (size_t i = 0; i < ARRAY_SIZE(vals); i++) {
		sb_reset(&sb);
		sb_printf(&sb, "0123456789:%s;", vals[i]);
		find_is(sb.p, 11, strlen(vals[i]));
	}
	sb_release(&sb);
	find_is("0123456789:sameXXXXXXXXXXXXXXXXXXXX;", -1, 0);
}
END_TEST

START_TEST(test_set_empty_and_release)
{
	char buf[] = "abcdefghijkl";
	ck_assert_uint_eq(secret_set_mask(&set, buf, strlen(buf), true), 0);
	ck_assert_str_eq(scrub("abcdefghijkl", 0), "abcdefghijkl");
	add("abcdefgh");
	secret_set_release(&set);
	ck_assert_uint_eq(set.n, 0);
	ck_assert_ptr_null(set.v);
	/* teardown releases again: that must be harmless after init */
	secret_set_init(&set);
}
END_TEST

static Suite *secret_suite(void)
{
	Suite *s = suite_create("secret");
	TCase *tc = tcase_create("classify");
	tcase_add_test(tc, test_kind_table);
	tcase_add_test(tc, test_aws_key_id);
	tcase_add_test(tc, test_pem);
	tcase_add_test(tc, test_jwt);
	tcase_add_test(tc, test_url);
	tcase_add_test(tc, test_entropy);
	tcase_add_test(tc, test_entropy_thresholds);
	tcase_add_test(tc, test_aws_secret);
	tcase_add_test(tc, test_names);
	tcase_add_test(tc, test_benign_twins);
	tcase_add_test(tc, test_false_positives);
	tcase_add_test(tc, test_malformed);
	suite_add_tcase(s, tc);

	tc = tcase_create("redact");
	tcase_add_test(tc, test_redact);
	tcase_add_test(tc, test_canary);
	tcase_add_test(tc, test_mask_before_quote);
	suite_add_tcase(s, tc);

	tc = tcase_create("set");
	tcase_add_checked_fixture(tc, set_setup, set_teardown);
	tcase_add_test(tc, test_set_add);
	tcase_add_test(tc, test_set_find);
	tcase_add_test(tc, test_set_binary);
	tcase_add_test(tc, test_set_scrub);
	tcase_add_test(tc, test_set_overlap);
	tcase_add_test(tc, test_set_mask_cut);
	tcase_add_test(tc, test_set_many);
	tcase_add_test(tc, test_set_empty_and_release);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(secret_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
