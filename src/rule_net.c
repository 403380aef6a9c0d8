/* rule_net.c - NET rules: sockets and the addresses they reach */
#include "config.h"

#include <errno.h>
#include <fnmatch.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "envscan.h"
#include "netaddr.h"
#include "rule.h"
#include "tracee.h"
#include "util.h"
#include "xlat.h"

#ifndef AF_PACKET
#define AF_PACKET 17
#endif

/* The destination of the current call: the sockaddr in argument ARG,
 * its length in ARG + 1. */
static int call_sockaddr(const struct rx_task *t, unsigned arg,
			 struct netaddr *na)
{
	const struct rx_call *c = &t->call;
	struct sockaddr_storage ss;
	size_t len = (uint32_t)c->args[arg + 1];
	if (!c->args[arg] || !len)
		return -EINVAL;
	if (len > sizeof(ss))
		len = sizeof(ss);
	ssize_t n = tracee_read(t->tid, c->args[arg], &ss, len);
	if (n < 0)
		return (int)n;
	return netaddr_from_sockaddr(na, &ss, (size_t)n);
}

static bool is_inet(const struct netaddr *na)
{
	return na->family == AF_INET || na->family == AF_INET6;
}

static bool called(const struct rx_task *t, const char *name)
{
	return !strcmp(t->call.se->name, name);
}

/* ---- RX-NET-001 ListenOnAllInterfaces ------------------------------------ */

/* The sockets of a process bound to the wildcard address, until they
 * listen. A descriptor bound again elsewhere leaves the list. */
struct any_binds {
	struct any_bind {
		int fd;
		struct netaddr addr;
	} *v;
	size_t n, cap;
};

static const struct rule_trigger listen_triggers[] = {
	{ "bind", -1, 0, 0 },
	{ "listen", -1, 0, 0 },
	{ NULL, 0, 0, 0 },
};

static struct any_bind *any_bind_of(struct any_binds *b, int fd)
{
	for (size_t i = 0; b && i < b->n; i++)
		if (b->v[i].fd == fd)
			return &b->v[i];
	return NULL;
}

static void any_bind_drop(struct any_binds *b, int fd)
{
	struct any_bind *e = any_bind_of(b, fd);
	if (e)
		*e = b->v[--b->n];
}

static bool listen_entry(struct rule_env *re, struct rx_task *t)
{
	struct any_binds *b = *rule_state(re, t);
	int fd = (int)t->call.args[0];
	if (called(t, "listen"))
		return any_bind_of(b, fd) != NULL;
	struct netaddr na;
	if (call_sockaddr(t, 1, &na) == 0 && is_inet(&na) && netaddr_is_any(&na))
		return true;
	any_bind_drop(b, fd);
	return false;
}

static void listen_exit(struct rule_env *re, struct rx_task *t)
{
	void **st = rule_state(re, t);
	struct any_binds *b = *st;
	int fd = (int)t->call.args[0];
	if (t->call.failed)
		return;
	if (called(t, "bind")) {
		struct netaddr na;
		/* the sockaddr is still there: read it again */
		if (call_sockaddr(t, 1, &na) < 0)
			return;
		if (!b)
			*st = b = xcalloc(1, sizeof(*b));
		struct any_bind *e = any_bind_of(b, fd);
		if (!e) {
			if (b->n == b->cap) {
				b->cap = b->cap ? 2 * b->cap : 4;
				b->v = xrealloc(b->v, b->cap * sizeof(*b->v));
			}
			e = &b->v[b->n++];
		}
		*e = (struct any_bind){ fd, na };
		return;
	}
	struct any_bind *e = any_bind_of(b, fd);
	if (!e)
		return;
	char where[NETADDR_STR_MAX];
	netaddr_format(&e->addr, true, where, sizeof(where));
	struct rule_hit h = { RULE_WARNING, 0, where, false, false };
	if (e->addr.port)
		rule_report(re, t, &h, "listens on %s, every interface: the service "
			    "is reachable from every network the host is on", where);
	else
		rule_report(re, t, &h, "listens on an ephemeral port of %s, every "
			    "interface: the service is reachable from every "
			    "network the host is on",
			    e->addr.family == AF_INET ? "0.0.0.0" : "::");
	any_bind_drop(b, fd);
}

static void any_binds_free(void *p)
{
	struct any_binds *b = p;
	free(b->v);
	free(b);
}

/* ---- RX-NET-002 CleartextConnection -------------------------------------- */

/* Ports whose protocol is cleartext by default. Protocols that negotiate
 * TLS inside the connection on their usual port (PostgreSQL, MySQL) are
 * not here. */
static const struct cleartext_port {
	uint16_t port;
	const char *proto;
} cleartext_ports[] = {
	{ 21, "FTP" }, { 23, "Telnet" }, { 25, "SMTP" }, { 80, "HTTP" },
	{ 110, "POP3" }, { 143, "IMAP" }, { 389, "LDAP" }, { 512, "rexec" },
	{ 513, "rlogin" }, { 514, "rsh" }, { 1883, "MQTT" }, { 6379, "Redis" },
	{ 8080, "HTTP" }, { 11211, "memcached" },
};

static const struct rule_trigger cleartext_triggers[] = {
	{ "connect", -1, 0, 0 },
	{ NULL, 0, 0, 0 },
};

static bool cleartext_entry(struct rule_env *re, struct rx_task *t)
{
	struct netaddr na;
	if (call_sockaddr(t, 1, &na) < 0 || !is_inet(&na) ||
	    netaddr_is_loopback(&na) || netaddr_is_any(&na))
		return false;
	for (size_t i = 0; i < ARRAY_SIZE(cleartext_ports); i++) {
		const struct cleartext_port *p = &cleartext_ports[i];
		if (p->port != na.port)
			continue;
		char where[NETADDR_STR_MAX], key[16];
		netaddr_format(&na, true, where, sizeof(where));
		snprintf(key, sizeof(key), "%u", p->port);
		struct rule_hit h = { RULE_WARNING, 0, key, false, false };
		rule_report(re, t, &h, "connects to %s (%s), a cleartext protocol: "
			    "anyone on the network path can read and change the "
			    "traffic", where, p->proto);
		break;
	}
	return false;
}

/* ---- RX-NET-004 CloudMetadataAccess -------------------------------------- */

static const struct metadata_service {
	const char *host;
	const char *who;
} metadata_services[] = {
	{ "169.254.169.254", "AWS, GCP, Azure, OCI and others" },
	{ "fd00:ec2::254", "AWS, over IPv6" },
	{ "100.100.100.200", "Alibaba Cloud" },
};

/* sendto with a destination: the filter cannot test a pointer, but
 * send() passes a length of 0, and a destination one of these */
static const struct rule_trigger metadata_triggers[] = {
	{ "connect", -1, 0, 0 },
	{ "sendto", 5, 0xffffffff, sizeof(struct sockaddr_in) },
	{ "sendto", 5, 0xffffffff, sizeof(struct sockaddr_in6) },
	{ "sendto", 5, 0xffffffff, sizeof(struct sockaddr_storage) },
	{ NULL, 0, 0, 0 },
};

static const struct metadata_service *metadata_service_of(const struct netaddr *na)
{
	static struct netaddr addrs[ARRAY_SIZE(metadata_services)];
	static bool parsed;
	if (!parsed) {
		for (size_t i = 0; i < ARRAY_SIZE(metadata_services); i++)
			netaddr_from_host(&addrs[i], metadata_services[i].host);
		parsed = true;
	}
	for (size_t i = 0; i < ARRAY_SIZE(metadata_services); i++)
		if (netaddr_same_host(na, &addrs[i]))
			return &metadata_services[i];
	return NULL;
}

static bool metadata_entry(struct rule_env *re, struct rx_task *t)
{
	struct netaddr na;
	const struct metadata_service *m;
	if (call_sockaddr(t, called(t, "connect") ? 1 : 4, &na) < 0 ||
	    !(m = metadata_service_of(&na)))
		return false;
	char where[NETADDR_STR_MAX], host[NETADDR_STR_MAX];
	netaddr_format(&na, true, where, sizeof(where));
	netaddr_format(&na, false, host, sizeof(host));
	struct rule_hit h = { RULE_WARNING, 0, host, false, false };
	rule_report(re, t, &h, "%s %s, the cloud instance metadata service (%s): "
		    "it hands out the instance's credentials",
		    called(t, "connect") ? "connects to" : "sends to", where, m->who);
	return false;
}

/* ---- RX-NET-005 RawSocket ------------------------------------------------- */

static const struct rule_trigger raw_triggers[] = {
	{ "socket", 0, 0xffffffff, AF_PACKET },
	{ "socket", 1, 0xf, SOCK_RAW },	/* the type, without its flags */
	{ NULL, 0, 0, 0 },
};

static bool raw_entry(struct rule_env *re, struct rx_task *t)
{
	int family = (int)t->call.args[0];
	/* netlink and the like are SOCK_RAW too, and harmless */
	return family == AF_PACKET || family == AF_INET || family == AF_INET6;
}

static void raw_exit(struct rule_env *re, struct rx_task *t)
{
	const struct rx_call *c = &t->call;
	if (c->failed)
		return;
	struct rule_hit h = { RULE_WARNING, 0, NULL, false, false };
	if ((int)c->args[0] == AF_PACKET) {
		h.key = "AF_PACKET";
		rule_report(re, t, &h, "creates a packet socket (AF_PACKET): it can "
			    "capture and forge traffic on the host's interfaces");
		return;
	}
	h.key = "SOCK_RAW";
	const char *proto = xlat_name(xlat_ipproto, (uint32_t)c->args[2]);
	char num[16];
	if (!proto) {
		snprintf(num, sizeof(num), "%d", (int)c->args[2]);
		proto = num;
	}
	rule_report(re, t, &h, "creates a raw %s socket (SOCK_RAW, %s): it can "
		    "forge packets and read the traffic of its protocol",
		    (int)c->args[0] == AF_INET ? "IPv4" : "IPv6", proto);
}

/* ---- RX-NET-006 StdioOverSocket ------------------------------------------- */

/* newfd 0 to 3: the filter's closest mask; the entry drops 3 */
static const struct rule_trigger stdio_triggers[] = {
	{ "dup2", 1, 0xfffffffc, 0 },
	{ "dup3", 1, 0xfffffffc, 0 },
	{ NULL, 0, 0, 0 },
};

static const char *const stdio_names[] = {
	"standard input", "standard output", "standard error",
};
static const char *const stdio_keys[] = { "stdin", "stdout", "stderr" };

static bool is_socket(const struct rx_task *t, int fd, unsigned long *inode)
{
	char path[64];
	return rule_fd_path(t, fd, path, sizeof(path)) == 0 &&
	       sscanf(path, "socket:[%lu]", inode) == 1;
}

/* The peer of the TCP socket with INODE in T's network namespace; false
 * when it is not a connected TCP socket (AF_UNIX, listening, UDP). */
static bool tcp_peer(const struct rx_task *t, unsigned long inode,
		     struct netaddr *peer)
{
	static const struct { const char *file; int family; } tables[] = {
		{ "tcp", AF_INET }, { "tcp6", AF_INET6 },
	};
	bool found = false;
	for (size_t i = 0; i < ARRAY_SIZE(tables) && !found; i++) {
		char path[64], line[512];
		snprintf(path, sizeof(path), "/proc/%d/net/%s", (int)t->tid,
			 tables[i].file);
		FILE *fp = fopen(path, "re");
		if (!fp)
			continue;
		while (!found && fgets(line, sizeof(line), fp)) {
			char rem[64];
			unsigned long ino;
			if (sscanf(line, "%*s %*s %63s %*s %*s %*s %*s %*s %*s %lu",
				   rem, &ino) != 2 || ino != inode)
				continue;
			found = netaddr_from_proc(peer, tables[i].family, rem) == 0 &&
				peer->port != 0;
			break;
		}
		fclose(fp);
	}
	return found;
}

static bool stdio_entry(struct rule_env *re, struct rx_task *t)
{
	const struct rx_call *c = &t->call;
	unsigned long inode;
	return c->args[1] <= 2 && c->args[0] != c->args[1] &&
	       is_socket(t, (int)c->args[0], &inode);
}

static void stdio_exit(struct rule_env *re, struct rx_task *t)
{
	const struct rx_call *c = &t->call;
	unsigned long inode;
	struct netaddr peer;
	int fd = (int)c->args[1];
	if (c->failed || !is_socket(t, fd, &inode) || !tcp_peer(t, inode, &peer))
		return;
	char where[NETADDR_STR_MAX];
	netaddr_format(&peer, true, where, sizeof(where));
	struct rule_hit h = { RULE_ERROR, 0, stdio_keys[fd], false, false };
	rule_report(re, t, &h, "%s puts a TCP socket connected to %s on %s "
		    "(fd %d): the redirection of a reverse shell",
		    c->se->name, where, stdio_names[fd], fd);
}

/* ---- RX-NET-007 ContainerRuntimeApiAccess --------------------------------- */

/* fnmatch(3) patterns: rootless runtimes live under /run/user/UID */
static const struct runtime_socket {
	const char *pattern;
	const char *runtime;
} runtime_sockets[] = {
	{ "/var/run/docker.sock", "Docker" },
	{ "/run/docker.sock", "Docker" },
	{ "/run/user/*/docker.sock", "Docker (rootless)" },
	{ "/run/containerd/containerd.sock", "containerd" },
	{ "/var/run/containerd/containerd.sock", "containerd" },
	{ "/run/crio/crio.sock", "CRI-O" },
	{ "/var/run/crio/crio.sock", "CRI-O" },
	{ "/run/podman/podman.sock", "Podman" },
	{ "/var/run/podman/podman.sock", "Podman" },
	{ "/run/user/*/podman/podman.sock", "Podman (rootless)" },
};

#define K8S_API_PORT 6443

static const struct rule_trigger runtime_triggers[] = {
	{ "connect", -1, 0, 0 },
	{ NULL, 0, 0, 0 },
};

/* Where the environment says the Kubernetes API is (inside a pod). */
struct k8s_api {
	bool known;
	struct netaddr addr;
};

/* The value of environment entry E (N bytes, not terminated) into OUT
 * when E is NAME=value and the value fits. */
static void copy_value(const char *e, size_t n, const char *name, char *out,
		       size_t outlen)
{
	size_t k = strlen(name);
	if (n >= k && n - k < outlen && !memcmp(e, name, k)) {
		memcpy(out, e + k, n - k);
		out[n - k] = '\0';
	}
}

static struct k8s_api *k8s_api_of(struct rule_env *re, struct rx_task *t)
{
	void **st = rule_state(re, t);
	if (*st)
		return *st;
	struct k8s_api *k = *st = xcalloc(1, sizeof(*k));
	size_t len;
	char *env = envscan_read(rx_task_tgid(t), &len);
	if (!env)
		return k;
	char host[64] = "", port[8] = "";
	for (size_t at = 0; at < len;) {
		size_t n = strnlen(env + at, len - at);
		copy_value(env + at, n, "KUBERNETES_SERVICE_HOST=", host, sizeof(host));
		copy_value(env + at, n, "KUBERNETES_SERVICE_PORT=", port, sizeof(port));
		at += n + 1;
	}
	unsigned long p;
	if (netaddr_from_host(&k->addr, host) == 0 &&
	    parse_uint(port, 65535, &p) == 0) {
		k->addr.port = (uint16_t)p;
		k->known = true;
	}
	memset(env, 0, len);	/* it may hold secrets */
	free(env);
	return k;
}

static bool runtime_entry(struct rule_env *re, struct rx_task *t)
{
	struct netaddr na;
	if (call_sockaddr(t, 1, &na) < 0)
		return false;
	if (na.family == AF_UNIX) {
		for (size_t i = 0; na.path[0] && i < ARRAY_SIZE(runtime_sockets); i++) {
			if (fnmatch(runtime_sockets[i].pattern, na.path, FNM_PATHNAME))
				continue;
			struct rule_hit h = { RULE_ERROR, 0, na.path, false, false };
			rule_report(re, t, &h, "connects to the %s API socket %s: "
				    "control of the container runtime is root on "
				    "the host", runtime_sockets[i].runtime, na.path);
			break;
		}
		return false;
	}
	if (!is_inet(&na))
		return false;
	const struct k8s_api *k = k8s_api_of(re, t);
	bool env_match = k->known && k->addr.port == na.port &&
			 netaddr_same_host(&k->addr, &na);
	if (!env_match && na.port != K8S_API_PORT)
		return false;
	char where[NETADDR_STR_MAX];
	netaddr_format(&na, true, where, sizeof(where));
	struct rule_hit h = { RULE_WARNING, 5.0, where, false, false };
	rule_report(re, t, &h, "connects to the Kubernetes API server at %s (%s)",
		    where, env_match ? "KUBERNETES_SERVICE_HOST and _PORT" :
		    "its port 6443");
	return false;
}

/* ---- the rules ------------------------------------------------------------ */

const struct rule_impl rule_impls_net[] = {
	{ .idx = RULE_IDX_ListenOnAllInterfaces, .triggers = listen_triggers,
	  .entry = listen_entry, .exit = listen_exit,
	  .state_free = any_binds_free },
	{ .idx = RULE_IDX_CleartextConnection, .triggers = cleartext_triggers,
	  .entry = cleartext_entry },
	{ .idx = RULE_IDX_CloudMetadataAccess, .triggers = metadata_triggers,
	  .entry = metadata_entry },
	{ .idx = RULE_IDX_RawSocket, .triggers = raw_triggers,
	  .entry = raw_entry, .exit = raw_exit },
	{ .idx = RULE_IDX_StdioOverSocket, .triggers = stdio_triggers,
	  .entry = stdio_entry, .exit = stdio_exit },
	{ .idx = RULE_IDX_ContainerRuntimeApiAccess, .triggers = runtime_triggers,
	  .entry = runtime_entry, .state_free = free },
	{ 0 },
};
