/* test_netaddr.c - socket addresses: parsing, classification, text */
#include "config.h"

#include <arpa/inet.h>
#include <check.h>
#include <errno.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "netaddr.h"

static struct netaddr from_in(const char *host, unsigned port)
{
	struct sockaddr_in in;
	struct netaddr na;
	memset(&in, 0, sizeof(in));
	in.sin_family = AF_INET;
	in.sin_port = htons((uint16_t)port);
	ck_assert_int_eq(inet_pton(AF_INET, host, &in.sin_addr), 1);
	ck_assert_int_eq(netaddr_from_sockaddr(&na, &in, sizeof(in)), 0);
	return na;
}

static struct netaddr from_in6(const char *host, unsigned port, size_t len)
{
	struct sockaddr_in6 in6;
	struct netaddr na;
	memset(&in6, 0, sizeof(in6));
	in6.sin6_family = AF_INET6;
	in6.sin6_port = htons((uint16_t)port);
	ck_assert_int_eq(inet_pton(AF_INET6, host, &in6.sin6_addr), 1);
	ck_assert_int_eq(netaddr_from_sockaddr(&na, &in6, len), 0);
	return na;
}

static void assert_text(const struct netaddr *na, bool with_port,
			const char *want)
{
	char buf[NETADDR_STR_MAX];
	netaddr_format(na, with_port, buf, sizeof(buf));
	ck_assert_str_eq(buf, want);
}

START_TEST(test_inet)
{
	struct netaddr na = from_in("192.0.2.1", 80);
	ck_assert_int_eq(na.family, AF_INET);
	ck_assert_uint_eq(na.port, 80);
	ck_assert_uint_eq(na.addr[0], 192);
	ck_assert_uint_eq(na.addr[3], 1);
	assert_text(&na, true, "192.0.2.1:80");
	assert_text(&na, false, "192.0.2.1");
	ck_assert(!netaddr_is_loopback(&na));
	ck_assert(!netaddr_is_any(&na));

	na = from_in("127.4.5.6", 1);
	ck_assert(netaddr_is_loopback(&na));
	na = from_in("0.0.0.0", 8080);
	ck_assert(netaddr_is_any(&na));
	ck_assert(!netaddr_is_loopback(&na));
	assert_text(&na, true, "0.0.0.0:8080");

	/* one byte short of a sockaddr_in */
	struct sockaddr_in in = { .sin_family = AF_INET };
	ck_assert_int_eq(netaddr_from_sockaddr(&na, &in, sizeof(in) - 1), -EINVAL);
	ck_assert_int_eq(netaddr_from_sockaddr(&na, &in, 1), -EINVAL);
}
END_TEST

START_TEST(test_inet6)
{
	struct netaddr na = from_in6("fd00:ec2::254", 443, sizeof(struct sockaddr_in6));
	ck_assert_int_eq(na.family, AF_INET6);
	ck_assert_uint_eq(na.port, 443);
	assert_text(&na, true, "[fd00:ec2::254]:443");
	assert_text(&na, false, "fd00:ec2::254");

	na = from_in6("::1", 22, sizeof(struct sockaddr_in6));
	ck_assert(netaddr_is_loopback(&na));
	ck_assert(!netaddr_is_any(&na));
	na = from_in6("::", 22, sizeof(struct sockaddr_in6));
	ck_assert(netaddr_is_any(&na));
	ck_assert(!netaddr_is_loopback(&na));
	/* RFC 2133's shorter sockaddr_in6, without sin6_scope_id */
	na = from_in6("2001:db8::1", 7, offsetof(struct sockaddr_in6, sin6_scope_id));
	assert_text(&na, true, "[2001:db8::1]:7");
	struct sockaddr_in6 in6 = { .sin6_family = AF_INET6 };
	ck_assert_int_eq(netaddr_from_sockaddr(&na, &in6, 20), -EINVAL);
}
END_TEST

START_TEST(test_v4mapped)
{
	/* an IPv4 peer through an IPv6 socket compares as IPv4 */
	struct netaddr m = from_in6("::ffff:169.254.169.254", 80,
				    sizeof(struct sockaddr_in6));
	struct netaddr v4 = from_in("169.254.169.254", 80);
	ck_assert_int_eq(m.family, AF_INET);
	ck_assert(netaddr_same_host(&m, &v4));
	assert_text(&m, true, "169.254.169.254:80");
	m = from_in6("::ffff:127.0.0.1", 80, sizeof(struct sockaddr_in6));
	ck_assert(netaddr_is_loopback(&m));
	m = from_in6("::ffff:0.0.0.0", 80, sizeof(struct sockaddr_in6));
	ck_assert(netaddr_is_any(&m));
}
END_TEST

START_TEST(test_unix)
{
	struct sockaddr_un un = { .sun_family = AF_UNIX };
	struct netaddr na;
	strcpy(un.sun_path, "/var/run/docker.sock");
	size_t len = offsetof(struct sockaddr_un, sun_path) + strlen(un.sun_path) + 1;
	ck_assert_int_eq(netaddr_from_sockaddr(&na, &un, len), 0);
	ck_assert_int_eq(na.family, AF_UNIX);
	ck_assert_str_eq(na.path, "/var/run/docker.sock");
	assert_text(&na, true, "/var/run/docker.sock");
	/* without its NUL, and the whole sun_path used */
	ck_assert_int_eq(netaddr_from_sockaddr(&na, &un, len - 1), 0);
	ck_assert_str_eq(na.path, "/var/run/docker.sock");
	memset(un.sun_path, 'a', sizeof(un.sun_path));
	ck_assert_int_eq(netaddr_from_sockaddr(&na, &un, sizeof(un)), 0);
	ck_assert_uint_eq(strlen(na.path), sizeof(un.sun_path));
	/* abstract and unnamed sockets have no path */
	un.sun_path[0] = '\0';
	ck_assert_int_eq(netaddr_from_sockaddr(&na, &un, sizeof(un)), 0);
	ck_assert_str_eq(na.path, "");
	ck_assert_int_eq(netaddr_from_sockaddr(&na, &un, sizeof(sa_family_t)), 0);
	ck_assert_str_eq(na.path, "");
	assert_text(&na, true, "(unnamed)");

	struct sockaddr sa = { .sa_family = AF_NETLINK };
	ck_assert_int_eq(netaddr_from_sockaddr(&na, &sa, sizeof(sa)), -EAFNOSUPPORT);
}
END_TEST

START_TEST(test_host)
{
	struct netaddr a, b;
	ck_assert_int_eq(netaddr_from_host(&a, "100.100.100.200"), 0);
	ck_assert_int_eq(a.family, AF_INET);
	ck_assert_uint_eq(a.port, 0);
	b = from_in("100.100.100.200", 53);
	ck_assert(netaddr_same_host(&a, &b));	/* ports are not compared */
	b = from_in("100.100.100.201", 53);
	ck_assert(!netaddr_same_host(&a, &b));
	ck_assert_int_eq(netaddr_from_host(&a, "fd00:ec2::254"), 0);
	b = from_in6("fd00:ec2::254", 80, sizeof(struct sockaddr_in6));
	ck_assert(netaddr_same_host(&a, &b));
	b = from_in("169.254.169.254", 80);
	ck_assert(!netaddr_same_host(&a, &b));
	ck_assert_int_eq(netaddr_from_host(&a, "::ffff:10.0.0.1"), 0);
	ck_assert_int_eq(a.family, AF_INET);
	ck_assert_int_eq(netaddr_from_host(&a, "kubernetes.default"), -EINVAL);
	ck_assert_int_eq(netaddr_from_host(&a, ""), -EINVAL);
	ck_assert_int_eq(netaddr_from_host(&a, "10.0.0.1:443"), -EINVAL);
}
END_TEST

START_TEST(test_proc)
{
	struct netaddr na;
	/* the kernel prints the address word in host order */
	ck_assert_int_eq(netaddr_from_proc(&na, AF_INET, "0100007F:1F90"), 0);
	ck_assert_int_eq(na.family, AF_INET);
	assert_text(&na, true, "127.0.0.1:8080");
	ck_assert_int_eq(netaddr_from_proc(&na, AF_INET, "0102A8C0:0050 rest"), 0);
	assert_text(&na, true, "192.168.2.1:80");
	ck_assert_int_eq(netaddr_from_proc(&na, AF_INET6,
		"00000000000000000000000001000000:0016"), 0);
	assert_text(&na, true, "[::1]:22");
	ck_assert_int_eq(netaddr_from_proc(&na, AF_INET6,
		"B80D0120000000000000000001000000:01BB"), 0);
	assert_text(&na, true, "[2001:db8::1]:443");
	/* a mapped IPv4 peer of a tcp6 socket */
	ck_assert_int_eq(netaddr_from_proc(&na, AF_INET6,
		"0000000000000000FFFF00000100007F:0050"), 0);
	ck_assert_int_eq(na.family, AF_INET);
	assert_text(&na, true, "127.0.0.1:80");
	ck_assert_int_eq(netaddr_from_proc(&na, AF_INET, "00000000:0000"), 0);
	ck_assert_uint_eq(na.port, 0);

	ck_assert_int_eq(netaddr_from_proc(&na, AF_INET, "0100007F"), -EINVAL);
	ck_assert_int_eq(netaddr_from_proc(&na, AF_INET, "0100007F:"), -EINVAL);
	ck_assert_int_eq(netaddr_from_proc(&na, AF_INET, "0100007G:0050"), -EINVAL);
	ck_assert_int_eq(netaddr_from_proc(&na, AF_INET, "0100007F:10000"), -EINVAL);
	ck_assert_int_eq(netaddr_from_proc(&na, AF_INET, "0100007F-0050"), -EINVAL);
	ck_assert_int_eq(netaddr_from_proc(&na, AF_INET6, "0100007F:0050"), -EINVAL);
	ck_assert_int_eq(netaddr_from_proc(&na, AF_UNIX, "0100007F:0050"), -EINVAL);
}
END_TEST

static Suite *netaddr_suite(void)
{
	Suite *s = suite_create("netaddr");
	TCase *tc = tcase_create("sockaddr");
	tcase_add_test(tc, test_inet);
	tcase_add_test(tc, test_inet6);
	tcase_add_test(tc, test_v4mapped);
	tcase_add_test(tc, test_unix);
	suite_add_tcase(s, tc);

	tc = tcase_create("text");
	tcase_add_test(tc, test_host);
	tcase_add_test(tc, test_proc);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(netaddr_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
