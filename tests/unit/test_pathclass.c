/* test_pathclass.c - path normalisation, globs and the path tables of
 * the FILE rules */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pathclass.h"

static const char *norm(const char *in)
{
	static char buf[256];
	snprintf(buf, sizeof(buf), "%s", in);
	pathclass_normalize(buf);
	return buf;
}

START_TEST(test_normalize)
{
	ck_assert_str_eq(norm("/"), "/");
	ck_assert_str_eq(norm("//"), "/");
	ck_assert_str_eq(norm("/etc/"), "/etc");
	ck_assert_str_eq(norm("/etc//passwd"), "/etc/passwd");
	ck_assert_str_eq(norm("/./etc/./passwd/."), "/etc/passwd");
	ck_assert_str_eq(norm("/a/b/../c"), "/a/c");
	ck_assert_str_eq(norm("/a/b/../../../../etc/shadow"), "/etc/shadow");
	ck_assert_str_eq(norm("/.."), "/");
	ck_assert_str_eq(norm("/a/.."), "/");
	ck_assert_str_eq(norm("/a/..b/...c"), "/a/..b/...c");
	ck_assert_str_eq(norm("/home/u/.ssh/id_rsa"), "/home/u/.ssh/id_rsa");
}
END_TEST

START_TEST(test_join)
{
	char out[32];
	ck_assert_int_eq(pathclass_join(out, sizeof(out), "/home/u", ".ssh/id_rsa"), 0);
	ck_assert_str_eq(out, "/home/u/.ssh/id_rsa");
	ck_assert_int_eq(pathclass_join(out, sizeof(out), "/home/u", "/etc/x"), 0);
	ck_assert_str_eq(out, "/etc/x");
	ck_assert_int_eq(pathclass_join(out, sizeof(out), "/tmp/a/b", "../../../etc"), 0);
	ck_assert_str_eq(out, "/etc");
	ck_assert_int_eq(pathclass_join(out, sizeof(out), "/", ""), 0);
	ck_assert_str_eq(out, "/");
	/* "/" + "/" + 30 characters and the NUL do not fit in 32 */
	ck_assert_int_eq(pathclass_join(out, sizeof(out), "/",
					"abcdefghijklmnopqrstuvwxyz0123"), -ENAMETOOLONG);
	ck_assert_int_eq(pathclass_join(out, sizeof(out), "/",
					"abcdefghijklmnopqrstuvwxyz012"), 0);
	ck_assert_str_eq(out, "/abcdefghijklmnopqrstuvwxyz012");
}
END_TEST

START_TEST(test_glob)
{
	ck_assert(pathclass_glob("/etc/shadow", "/etc/shadow"));
	ck_assert(!pathclass_glob("/etc/shadow", "/etc/shadow-"));
	ck_assert(!pathclass_glob("/etc/shadow", "/etc/shado"));
	ck_assert(pathclass_glob("/etc/pam.d/*", "/etc/pam.d/login"));
	ck_assert(!pathclass_glob("/etc/pam.d/*", "/etc/pam.d/a/b"));
	ck_assert(pathclass_glob("/etc/pam.d/*", "/etc/pam.d/"));
	ck_assert(pathclass_glob("/etc/**", "/etc/a/b/c"));
	ck_assert(!pathclass_glob("/etc/**", "/etcetera/a"));
	ck_assert(pathclass_glob("/etc/cron**", "/etc/crontab"));
	ck_assert(pathclass_glob("/etc/cron**", "/etc/cron.d/job"));
	ck_assert(pathclass_glob("/lib*/**", "/lib64/ld-linux-x86-64.so.2"));
	ck_assert(pathclass_glob("/lib*/**", "/lib/x86_64-linux-gnu/libc.so.6"));
	ck_assert(!pathclass_glob("/lib*/**", "/usr/lib/x"));
	ck_assert(pathclass_glob("**.pem", "/usr/share/ca/cacert.pem"));
	ck_assert(!pathclass_glob("**.pem", "/usr/share/ca/cacert.pem.bak"));
	/* a literal tail after one '*' does not cross a '/' */
	ck_assert(pathclass_glob("/home/*.pem", "/home/a.pem"));
	ck_assert(!pathclass_glob("/home/*.pem", "/home/u/a.pem"));
	ck_assert(!pathclass_glob("**.pem", ".pe"));
	ck_assert(pathclass_glob("~/x*", "~/x"));
	ck_assert(pathclass_glob("/dev/sd?", "/dev/sda"));
	ck_assert(!pathclass_glob("/dev/sd?", "/dev/sd/"));
	ck_assert(pathclass_glob("/etc/rc*.d/**", "/etc/rc2.d/S01x"));
}
END_TEST

START_TEST(test_homes)
{
	ck_assert(pathclass_match("~/.netrc", "/tmp/h/.netrc", "/tmp/h"));
	ck_assert(pathclass_match("~/.netrc", "/tmp/h/.netrc", "/tmp/h/"));
	ck_assert(!pathclass_match("~/.netrc", "/tmp/hx/.netrc", "/tmp/h"));
	ck_assert(!pathclass_match("~/.netrc", "/tmp/h/.netrc", NULL));
	/* root's and every user's home, whatever HOME says */
	ck_assert(pathclass_match("~/.netrc", "/root/.netrc", "/tmp/h"));
	ck_assert(pathclass_match("~/.netrc", "/home/bob/.netrc", NULL));
	ck_assert(!pathclass_match("~/.netrc", "/home/.netrc", NULL));
	ck_assert(!pathclass_match("~/.netrc", "/home/bob/x/.netrc", NULL));
	ck_assert(pathclass_match("~/.netrc", "/.netrc", "/"));
	ck_assert(!pathclass_match("~/.netrc", "/rootx/.netrc", NULL));
}
END_TEST

START_TEST(test_credentials)
{
	const struct pathclass *c;
	c = pathclass_credential("/etc/shadow", NULL);
	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(c->what, "the password hashes");
	ck_assert(!c->need_key);
	c = pathclass_credential("/tmp/h/.ssh/id_ed25519", "/tmp/h");
	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(c->what, "an SSH key or configuration");
	c = pathclass_credential("/tmp/h/.aws/credentials", "/tmp/h");
	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(c->what, "AWS credentials");
	c = pathclass_credential("/home/u/.kube/config", NULL);
	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(c->glob, "~/.kube/config");
	c = pathclass_credential("/run/secrets/kubernetes.io/serviceaccount/token", NULL);
	ck_assert_ptr_nonnull(c);
	c = pathclass_credential("/srv/tls/server.key", NULL);
	ck_assert_ptr_nonnull(c);
	ck_assert(c->need_key);
	ck_assert_ptr_null(pathclass_credential("/etc/passwd", NULL));
	ck_assert_ptr_null(pathclass_credential("/etc/shadow.d/x", NULL));
	ck_assert_ptr_null(pathclass_credential("/tmp/h/.aws/config", "/tmp/h"));
	ck_assert_ptr_null(pathclass_credential("/usr/lib/python3/json/__init__.py", "/root"));
}
END_TEST

START_TEST(test_system)
{
	const struct pathclass *s;
	s = pathclass_system("/etc/ld.so.preload", NULL);
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(s->level, RULE_ERROR);
	ck_assert(s->severity == 8.0);
	s = pathclass_system("/etc/cron.d/backdoor", NULL);
	ck_assert_ptr_nonnull(s);
	ck_assert_str_eq(s->what, "cron jobs");
	ck_assert_int_eq(s->level, RULE_ERROR);
	s = pathclass_system("/tmp/h/.ssh/authorized_keys", "/tmp/h");
	ck_assert_ptr_nonnull(s);
	ck_assert_str_eq(s->what, "SSH authorized keys");
	ck_assert_int_eq(s->level, RULE_ERROR);
	s = pathclass_system("/tmp/h/.bashrc", "/tmp/h");
	ck_assert_ptr_nonnull(s);
	ck_assert_str_eq(s->what, "a shell startup file");
	ck_assert_int_eq(s->level, RULE_WARNING);
	ck_assert(s->severity == 6.0);
	s = pathclass_system("/etc/hostname", NULL);
	ck_assert_ptr_nonnull(s);
	ck_assert_str_eq(s->what, "the system configuration");
	ck_assert_int_eq(s->level, RULE_WARNING);
	s = pathclass_system("/usr/lib64/libx.so", NULL);
	ck_assert_ptr_nonnull(s);
	ck_assert_str_eq(s->what, "the system libraries");
	ck_assert_ptr_null(pathclass_system("/etc", NULL));
	ck_assert_ptr_null(pathclass_system("/usr/local/bin/x", NULL));
	ck_assert_ptr_null(pathclass_system("/tmp/h/.bashrc.bak", "/tmp/h"));
	ck_assert_ptr_null(pathclass_system("/var/lib/x", NULL));
}
END_TEST

START_TEST(test_temp_and_targets)
{
	ck_assert_str_eq(pathclass_temp_dir("/tmp/x"), "/tmp");
	ck_assert_str_eq(pathclass_temp_dir("/dev/shm/seg"), "/dev/shm");
	ck_assert_str_eq(pathclass_temp_dir("/var/tmp/a/b"), "/var/tmp");
	ck_assert_ptr_null(pathclass_temp_dir("/tmp"));
	ck_assert_ptr_null(pathclass_temp_dir("/tmpx/y"));
	ck_assert(pathclass_sensitive_target("/", NULL));
	ck_assert(pathclass_sensitive_target("/etc", NULL));
	ck_assert(pathclass_sensitive_target("/root/notes", NULL));
	ck_assert(pathclass_sensitive_target("/etc/shadow", NULL));
	ck_assert(pathclass_sensitive_target("/tmp/h/.ssh/id_rsa", "/tmp/h"));
	ck_assert(!pathclass_sensitive_target("/etc/passwd", NULL));
	ck_assert(!pathclass_sensitive_target("/tmp/x.pem", NULL));
	ck_assert(!pathclass_sensitive_target("/tmp/data.txt", NULL));
}
END_TEST

START_TEST(test_pem)
{
	static const char key[] =
		"junk\n-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
		"-----BEGIN RSA PRIVATE KEY-----\nAAAA\nBBBB\n-----END RSA PRIVATE KEY-----\n";
	size_t at = 0, len = 0;
	ck_assert(pathclass_pem_key(key, strlen(key), &at, &len));
	ck_assert_int_eq(len, 9);
	ck_assert(!strncmp(key + at, "AAAA\nBBBB", len));
	/* cut before its END line: the body runs to the end */
	ck_assert(pathclass_pem_key(key, strlen(key) - 28, &at, &len));
	ck_assert_uint_eq(at + len, strlen(key) - 28);
	static const char cert[] = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
	ck_assert(!pathclass_pem_key(cert, strlen(cert), &at, &len));
	static const char head[] = "-----BEGIN PRIVATE KEY-----";
	ck_assert(!pathclass_pem_key(head, strlen(head), &at, &len));
}
END_TEST

static Suite *pathclass_suite(void)
{
	Suite *s = suite_create("pathclass");
	TCase *tc = tcase_create("paths");
	tcase_add_test(tc, test_normalize);
	tcase_add_test(tc, test_join);
	tcase_add_test(tc, test_glob);
	tcase_add_test(tc, test_homes);
	suite_add_tcase(s, tc);

	tc = tcase_create("tables");
	tcase_add_test(tc, test_credentials);
	tcase_add_test(tc, test_system);
	tcase_add_test(tc, test_temp_and_targets);
	tcase_add_test(tc, test_pem);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(pathclass_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
