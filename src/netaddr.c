/* netaddr.c - socket addresses: parsing, classification, text */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "netaddr.h"

static const uint8_t v4mapped_prefix[12] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff
};

/* ::ffff:a.b.c.d is an IPv4 peer seen through an IPv6 socket. */
static void unmap_v4(struct netaddr *na)
{
	if (na->family == AF_INET6 &&
	    !memcmp(na->addr, v4mapped_prefix, sizeof(v4mapped_prefix))) {
		memmove(na->addr, na->addr + 12, 4);
		memset(na->addr + 4, 0, 12);
		na->family = AF_INET;
	}
}

int netaddr_from_sockaddr(struct netaddr *na, const void *sa, size_t len)
{
	sa_family_t fam;
	memset(na, 0, sizeof(*na));
	if (len < sizeof(fam))
		return -EINVAL;
	memcpy(&fam, sa, sizeof(fam));
	switch (fam) {
	case AF_INET: {
		struct sockaddr_in in;
		if (len < sizeof(in))
			return -EINVAL;
		memcpy(&in, sa, sizeof(in));
		na->family = AF_INET;
		na->port = ntohs(in.sin_port);
		memcpy(na->addr, &in.sin_addr, 4);
		return 0;
	}
	case AF_INET6: {
		struct sockaddr_in6 in6;
		/* RFC 2133's sockaddr_in6 had no sin6_scope_id */
		if (len < offsetof(struct sockaddr_in6, sin6_scope_id))
			return -EINVAL;
		memset(&in6, 0, sizeof(in6));
		memcpy(&in6, sa, len < sizeof(in6) ? len : sizeof(in6));
		na->family = AF_INET6;
		na->port = ntohs(in6.sin6_port);
		memcpy(na->addr, &in6.sin6_addr, 16);
		unmap_v4(na);
		return 0;
	}
	case AF_UNIX: {
		const size_t at = offsetof(struct sockaddr_un, sun_path);
		const char *p = (const char *)sa + at;
		na->family = AF_UNIX;
		if (len <= at || p[0] == '\0')
			return 0;	/* unnamed or abstract */
		size_t n = len - at;
		if (n > NETADDR_PATH_MAX)
			n = NETADDR_PATH_MAX;
		memcpy(na->path, p, n);
		na->path[n] = '\0';	/* sun_path need not be terminated */
		return 0;
	}
	default:
		return -EAFNOSUPPORT;
	}
}

int netaddr_from_host(struct netaddr *na, const char *host)
{
	memset(na, 0, sizeof(*na));
	if (inet_pton(AF_INET, host, na->addr) == 1) {
		na->family = AF_INET;
		return 0;
	}
	if (inet_pton(AF_INET6, host, na->addr) == 1) {
		na->family = AF_INET6;
		unmap_v4(na);
		return 0;
	}
	return -EINVAL;
}

/* N groups of 8 hex digits, each the kernel's %08X of a 32-bit word in
 * host order: copying the words back in host order restores the bytes. */
static int hex_words(const char *hex, uint8_t *out, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		char w[9];
		memcpy(w, hex + 8 * i, 8);
		w[8] = '\0';
		if (strspn(w, "0123456789abcdefABCDEF") != 8)
			return -EINVAL;
		uint32_t v32 = (uint32_t)strtoul(w, NULL, 16);
		memcpy(out + 4 * i, &v32, 4);
	}
	return 0;
}

int netaddr_from_proc(struct netaddr *na, int family, const char *hex)
{
	unsigned words = family == AF_INET ? 1 : family == AF_INET6 ? 4 : 0;
	memset(na, 0, sizeof(*na));
	if (!words || strlen(hex) < words * 8 + 2 || hex[words * 8] != ':' ||
	    hex_words(hex, na->addr, words) < 0)
		return -EINVAL;
	const char *p = hex + words * 8 + 1;
	size_t digits = strspn(p, "0123456789abcdefABCDEF");
	if (digits == 0 || digits > 4 || (p[digits] && p[digits] != ' '))
		return -EINVAL;
	unsigned long port = strtoul(p, NULL, 16);
	na->family = family;
	na->port = (uint16_t)port;
	unmap_v4(na);
	return 0;
}

bool netaddr_is_loopback(const struct netaddr *na)
{
	static const uint8_t v6lo[16] = { [15] = 1 };
	if (na->family == AF_INET)
		return na->addr[0] == 127;
	return na->family == AF_INET6 && !memcmp(na->addr, v6lo, 16);
}

bool netaddr_is_any(const struct netaddr *na)
{
	static const uint8_t zero[16];
	if (na->family == AF_INET)
		return !memcmp(na->addr, zero, 4);
	return na->family == AF_INET6 && !memcmp(na->addr, zero, 16);
}

bool netaddr_same_host(const struct netaddr *a, const struct netaddr *b)
{
	if (a->family != b->family)
		return false;
	if (a->family == AF_UNIX)
		return !strcmp(a->path, b->path);
	return !memcmp(a->addr, b->addr, a->family == AF_INET ? 4 : 16);
}

void netaddr_format(const struct netaddr *na, bool with_port, char *buf,
		    size_t len)
{
	char host[INET6_ADDRSTRLEN];
	switch (na->family) {
	case AF_INET:
	case AF_INET6:
		inet_ntop(na->family, na->addr, host, sizeof(host));
		if (!with_port)
			snprintf(buf, len, "%s", host);
		else if (na->family == AF_INET)
			snprintf(buf, len, "%s:%u", host, na->port);
		else
			snprintf(buf, len, "[%s]:%u", host, na->port);
		break;
	case AF_UNIX:
		snprintf(buf, len, "%s", na->path[0] ? na->path : "(unnamed)");
		break;
	default:
		snprintf(buf, len, "(family %d)", na->family);
		break;
	}
}
