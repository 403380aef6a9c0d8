/* netaddr.h - socket addresses as the NET rules see them: parsed from
 * the bytes of a struct sockaddr or from /proc/PID/net/tcp, classified
 * and printed */
#ifndef RX_NETADDR_H
#define RX_NETADDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NETADDR_PATH_MAX 108	/* sizeof(sun_path) */
/* "[ffff:...:255.255.255.255]:65535" and a path fit */
#define NETADDR_STR_MAX (NETADDR_PATH_MAX + 1)

struct netaddr {
	int family;		/* AF_INET, AF_INET6 or AF_UNIX */
	uint16_t port;		/* host order */
	uint8_t addr[16];	/* network order; AF_INET uses 4 bytes */
	/* AF_UNIX: the path, "" for an unnamed or abstract socket */
	char path[NETADDR_PATH_MAX + 1];
};

/* Parse the LEN bytes of a struct sockaddr at SA. An IPv4-mapped IPv6
 * address (::ffff:a.b.c.d) becomes AF_INET, so that one comparison
 * covers both. Returns 0, -EINVAL when LEN is too short for the
 * family, or -EAFNOSUPPORT for other families. */
int netaddr_from_sockaddr(struct netaddr *na, const void *sa, size_t len);

/* Parse a numeric IPv4 or IPv6 address (no port) into NA, port 0.
 * Returns 0 or -EINVAL. */
int netaddr_from_host(struct netaddr *na, const char *host);

/* Parse an address of /proc/PID/net/tcp ("0100007F:1F90") or tcp6 (32
 * hex digits, a colon and the port) for FAMILY AF_INET or AF_INET6.
 * Returns 0 or -EINVAL. */
int netaddr_from_proc(struct netaddr *na, int family, const char *hex);

/* 127.0.0.0/8 or ::1. */
bool netaddr_is_loopback(const struct netaddr *na);
/* The wildcard address: 0.0.0.0 or ::. */
bool netaddr_is_any(const struct netaddr *na);
/* Same family and address; ports are not compared. */
bool netaddr_same_host(const struct netaddr *a, const struct netaddr *b);

/* "192.0.2.1:80", "[2001:db8::1]:443" or the AF_UNIX path (with WITH_PORT
 * false: the address alone) into BUF of LEN bytes. */
void netaddr_format(const struct netaddr *na, bool with_port, char *buf,
		    size_t len);

#endif
