/* risky_memnet - tracee for the MEM and NET rule tests (rules_memnet.sh):
 * each mode does one risky thing a rule must report, and its benign twin
 * ("MODE-ok") does the safe thing instead, which no rule may report.
 *
 *   wx            mmap and mprotect asking for PROT_WRITE|PROT_EXEC
 *   wx-ok         writes code into RW memory, then makes it R+X (W^X)
 *   jit           makes written anonymous memory executable and runs it
 *   jit-ok        maps its own executable read-only, then makes it R+X
 *   stackexec     mprotects its stack to RWX (PROT_GROWSDOWN)
 *   stackexec-ok  the same without PROT_EXEC
 *   dlexecstack   dlopens libstackdl-execstack.so (an executable stack)
 *   dlexecstack-ok  dlopens libstackdl.so
 *   dumpable      locks a page, enables core dumps, exits with it locked
 *   dumpable-ok   the same, with MADV_DONTDUMP on the page
 *   mlockfail     mlock fails (an unmapped page) and it carries on
 *   mlockfail-ok  the same, but it checks and gives up (exit status 1)
 *   noaslr        personality(ADDR_NO_RANDOMIZE)
 *   noaslr-ok     personality(0xffffffff), a query
 *   aslrfile      opens /proc/sys/kernel/randomize_va_space for reading
 *                 (by absolute and relative path) and writing (no write)
 *   aslrfile-ok   opens /proc/sys/kernel/hostname the same ways
 *   segv          writes through a NULL pointer (killed by SIGSEGV)
 *   segv-handled  the same with a SIGSEGV handler that recovers
 *   segv-ok       checks the pointer first
 *   stacksmash    overflows a stack buffer (the stack protector aborts)
 *   stacksmash-ok stays within the buffer
 *   doublefree    frees a block twice (glibc aborts)
 *   doublefree-ok frees it once
 *   listen        listens on 0.0.0.0, an ephemeral port
 *   listen-ok     listens on 127.0.0.1
 *   cleartext     connects to 192.0.2.1:80 (HTTP)            [netns]
 *   cleartext-ok  connects to 192.0.2.1:443                  [netns]
 *   metadata      connects and sends to 169.254.169.254:80, and
 *                 connects to fd00:ec2::254 when IPv6 is there [netns]
 *   metadata-ok   the same to 192.0.2.254 and 2001:db8::254, port 443
 *                                                            [netns]
 *   rawsock       creates an AF_PACKET and a raw ICMP socket (no traffic)
 *   rawsock-ok    creates a UDP and a netlink (SOCK_RAW) socket
 *   revshell      dup2s a TCP socket connected over loopback onto stdin
 *   revshell-ok   dup2s an AF_UNIX socketpair end onto stdin
 *   dockersock    connects to /var/run/docker.sock (it need not exist)
 *   dockersock-ok connects to an AF_UNIX socket in /nonexistent
 *   k8s           connects to 127.0.0.1:6443, and to KUBERNETES_SERVICE_HOST
 *                 and _PORT when set (a loopback address)
 *   k8s-ok        connects to 127.0.0.1:1
 *   nothing       nothing: builds with -z execstack, -no-pie and text
 *                 relocations are the risk
 *
 * [netns] modes refuse to run unless loopback is the only interface (the
 * test runs them under unshare -n): no packet may leave the host.
 * Risky calls are made from functions named risky_<mode>, their lines
 * marked LINE:<mode>-<what>. Prints "risky ok".
 */
#pragma GCC optimize("O0")
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <arpa/inet.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#ifdef RISKY_TEXTREL
/* An absolute address in the text: the loader must patch the code. */
__asm__(".text\n"
	".globl risky_textrel_ref\n"
	"risky_textrel_ref:\n"
	"\tmovabsq $risky_textrel_var, %rax\n"
	"\tret\n");
long risky_textrel_var;
#endif

enum variant { RISKY, SAFE, HANDLED };

static long page_size(void)
{
	return sysconf(_SC_PAGESIZE);
}

static void *anon_page(int prot)
{
	void *p = mmap(NULL, (size_t)page_size(), prot,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return p == MAP_FAILED ? NULL : p;
}

/* The directory of this program, where the test libraries are built. */
static int own_dir(char *buf, size_t len)
{
	ssize_t n = readlink("/proc/self/exe", buf, len - 1);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	char *slash = strrchr(buf, '/');
	if (!slash)
		return -1;
	*slash = '\0';
	return 0;
}

/* ---- MEM ---------------------------------------------------------------- */

__attribute__((noinline)) static int risky_wx(enum variant v)
{
	size_t pg = (size_t)page_size();
	if (v == SAFE) {
		unsigned char *p = anon_page(PROT_READ | PROT_WRITE);
		if (!p)
			return 1;
		p[0] = 0xc3;	/* ret */
		return mprotect(p, pg, PROT_READ | PROT_EXEC) < 0;
	}
	void *p = mmap(NULL, pg, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0); /* LINE:wx-mmap */
	void *q = anon_page(PROT_READ | PROT_WRITE);
	if (p == MAP_FAILED || !q)
		return 1;
	return mprotect(q, pg, PROT_READ | PROT_WRITE | PROT_EXEC) < 0; /* LINE:wx-mprotect */
}

__attribute__((noinline)) static int risky_jit(enum variant v)
{
	size_t pg = (size_t)page_size();
	if (v == SAFE) {
		/* code from a file on disk, never writable */
		int fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
		void *p = fd < 0 ? MAP_FAILED :
			  mmap(NULL, pg, PROT_READ, MAP_PRIVATE, fd, 0);
		if (fd >= 0)
			close(fd);
		return p == MAP_FAILED || mprotect(p, pg, PROT_READ | PROT_EXEC) < 0;
	}
	unsigned char *p = anon_page(PROT_READ | PROT_WRITE);
	if (!p)
		return 1;
	p[0] = 0xc3;	/* ret */
	if (mprotect(p, pg, PROT_READ | PROT_EXEC) < 0) /* LINE:jit-call */
		return 1;
	((void (*)(void))p)();
	return 0;
}

__attribute__((noinline)) static int risky_stackexec(enum variant v)
{
	char here;
	uintptr_t pg = (uintptr_t)page_size();
	void *top = (void *)((uintptr_t)&here & ~(pg - 1));
	if (v == SAFE)
		return mprotect(top, pg, PROT_READ | PROT_WRITE | PROT_GROWSDOWN) < 0;
	return mprotect(top, pg, PROT_READ | PROT_WRITE | PROT_EXEC | PROT_GROWSDOWN) < 0; /* LINE:stackexec-call */
}

__attribute__((noinline)) static int risky_dlexecstack(enum variant v)
{
	char dir[PATH_MAX], lib[PATH_MAX + 32];
	if (own_dir(dir, sizeof(dir)) < 0)
		return 1;
	snprintf(lib, sizeof(lib), "%s/%s", dir,
		 v == SAFE ? "libstackdl.so" : "libstackdl-execstack.so");
	void *h = dlopen(lib, RTLD_NOW); /* LINE:dlexecstack-call */
	if (!h) {
		fprintf(stderr, "risky: %s\n", dlerror());
		return 1;
	}
	return 0;
}

__attribute__((noinline)) static int risky_dumpable(enum variant v)
{
	size_t pg = (size_t)page_size();
	struct rlimit rl;
	/* core dumps as far as the hard limit allows */
	if (getrlimit(RLIMIT_CORE, &rl) < 0)
		return 1;
	rl.rlim_cur = rl.rlim_max;
	if (setrlimit(RLIMIT_CORE, &rl) < 0)
		return 1;
	char *key = anon_page(PROT_READ | PROT_WRITE);
	if (!key || (v == SAFE && madvise(key, pg, MADV_DONTDUMP) < 0))
		return 1;
	if (mlock(key, pg) < 0) /* LINE:dumpable-call */
		return 1;
	memcpy(key, "not a real key", 15);
	return 0;	/* and exits with the page locked */
}

__attribute__((noinline)) static int risky_mlockfail(enum variant v)
{
	size_t pg = (size_t)page_size();
	char *key = anon_page(PROT_READ | PROT_WRITE);
	/* an unmapped page: mlock fails with ENOMEM, even for root */
	if (!key || munmap(key, pg) < 0)
		return 1;
	if (mlock(key, pg) < 0 && v == SAFE) { /* LINE:mlockfail-call */
		fprintf(stderr, "risky: cannot lock the key page, giving up\n");
		return 1;
	}
	return 0;
}

__attribute__((noinline)) static int risky_noaslr(enum variant v)
{
	int cur = personality(0xffffffff);
	if (cur < 0 || v == SAFE)
		return cur < 0;
	return personality((unsigned long)cur | ADDR_NO_RANDOMIZE) < 0; /* LINE:noaslr-call */
}

__attribute__((noinline)) static int risky_aslrfile(enum variant v)
{
	const char *name = v == SAFE ? "hostname" : "randomize_va_space";
	char path[128];
	snprintf(path, sizeof(path), "/proc/sys/kernel/%s", name);
	int dir = open("/proc/sys/kernel", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dir < 0)
		return 1;
	int a = open(path, O_RDONLY | O_CLOEXEC); /* LINE:aslrfile-abs */
	int b = openat(dir, name, O_RDONLY | O_CLOEXEC); /* LINE:aslrfile-rel */
	/* opened for writing, never written: the host stays as it is */
	int c = open(path, O_WRONLY | O_CLOEXEC); /* LINE:aslrfile-write */
	if (a < 0 || b < 0)
		return 1;
	close(a);
	close(b);
	if (c >= 0)
		close(c);
	close(dir);
	return 0;
}

static sigjmp_buf segv_jmp;

static void segv_handler(int sig)
{
	siglongjmp(segv_jmp, 1);
}

__attribute__((noinline)) static int risky_segv(enum variant v)
{
	int *volatile p = NULL;
	if (v == SAFE)
		return p != NULL;	/* checked: not written through */
	if (v == HANDLED) {
		struct sigaction sa;
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = segv_handler;
		if (sigaction(SIGSEGV, &sa, NULL) < 0)
			return 1;
		if (sigsetjmp(segv_jmp, 1))
			return 0;	/* recovered */
	}
	*p = 1; /* LINE:segv-call */
	return 1;
}

__attribute__((noinline)) static int risky_stacksmash(enum variant v)
{
	char buf[16];
	volatile size_t n = v == SAFE ? sizeof(buf) : 4 * sizeof(buf);
	for (size_t i = 0; i < n; i++)
		buf[i] = 'A';
	return buf[0] != 'A';
} /* LINE:stacksmash-call */

__attribute__((noinline)) static int risky_doublefree(enum variant v)
{
	char *volatile p = malloc(32);
	if (!p)
		return 1;
	free(p);
	if (v != SAFE)
		free(p); /* LINE:doublefree-call */
	return 0;
}

/* ---- NET ---------------------------------------------------------------- */

/* Whether loopback is this network namespace's only interface. */
static int isolated_netns(void)
{
	FILE *fp = fopen("/proc/self/net/dev", "re");
	char line[256];
	int lines = 0, others = 0;
	if (!fp)
		return 0;
	while (fgets(line, sizeof(line), fp))
		if (++lines > 2 && strncmp(line + strspn(line, " "), "lo:", 3))
			others++;
	fclose(fp);
	return lines > 2 && !others;
}

static struct sockaddr_in inet4(const char *host, unsigned port)
{
	struct sockaddr_in in;
	memset(&in, 0, sizeof(in));
	in.sin_family = AF_INET;
	in.sin_port = htons((uint16_t)port);
	inet_pton(AF_INET, host, &in.sin_addr);
	return in;
}

__attribute__((noinline)) static int risky_listen(enum variant v)
{
	struct sockaddr_in in = inet4(v == SAFE ? "127.0.0.1" : "0.0.0.0", 0);
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&in, sizeof(in)) < 0)
		return 1;
	int r = listen(fd, 1); /* LINE:listen-call */
	close(fd);
	return r < 0;
}

__attribute__((noinline)) static int risky_cleartext(enum variant v)
{
	struct sockaddr_in in = inet4("192.0.2.1", v == SAFE ? 443 : 80);
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return 1;
	connect(fd, (struct sockaddr *)&in, sizeof(in)); /* LINE:cleartext-call */
	close(fd);
	return 0;
}

__attribute__((noinline)) static int risky_metadata(enum variant v)
{
	const char *host = v == SAFE ? "192.0.2.254" : "169.254.169.254";
	unsigned port = v == SAFE ? 443 : 80;
	struct sockaddr_in in = inet4(host, port);
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	int u = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || u < 0)
		return 1;
	connect(fd, (struct sockaddr *)&in, sizeof(in)); /* LINE:metadata-connect */
	sendto(u, "x", 1, 0, (struct sockaddr *)&in, sizeof(in)); /* LINE:metadata-sendto */
	close(fd);
	close(u);
	int s6 = socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (s6 < 0)
		return 0;	/* no IPv6 */
	struct sockaddr_in6 in6;
	memset(&in6, 0, sizeof(in6));
	in6.sin6_family = AF_INET6;
	in6.sin6_port = htons((uint16_t)port);
	inet_pton(AF_INET6, v == SAFE ? "2001:db8::254" : "fd00:ec2::254",
		  &in6.sin6_addr);
	connect(s6, (struct sockaddr *)&in6, sizeof(in6)); /* LINE:metadata-v6 */
	close(s6);
	return 0;
}

__attribute__((noinline)) static int risky_rawsock(enum variant v)
{
	int a, b;
	if (v == SAFE) {
		a = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		b = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	} else {
		/* protocol 0: the packet socket receives nothing */
		a = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0); /* LINE:rawsock-packet */
		b = socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMP); /* LINE:rawsock-raw */
	}
	if (a < 0 || b < 0)
		return 1;
	close(a);
	close(b);
	return 0;
}

/* A TCP connection over loopback: *CLIENT and *SERVER, its two ends. */
static int loopback_pair(int *client, int *server)
{
	struct sockaddr_in in = inet4("127.0.0.1", 0);
	socklen_t len = sizeof(in);
	int l = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (l < 0 || bind(l, (struct sockaddr *)&in, sizeof(in)) < 0 ||
	    listen(l, 1) < 0 || getsockname(l, (struct sockaddr *)&in, &len) < 0)
		return -1;
	*client = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (*client < 0 || connect(*client, (struct sockaddr *)&in, sizeof(in)) < 0)
		return -1;
	*server = accept4(l, NULL, NULL, SOCK_CLOEXEC);
	close(l);
	return *server < 0 ? -1 : 0;
}

__attribute__((noinline)) static int risky_revshell(enum variant v)
{
	int s[2];
	if (v == SAFE ? socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, s) < 0 :
	    loopback_pair(&s[0], &s[1]) < 0)
		return 1;
	int saved = dup(0);
	if (saved < 0)
		return 1;
	int r = dup2(s[0], 0); /* LINE:revshell-call */
	if (dup2(saved, 0) < 0)
		return 1;
	close(saved);
	close(s[0]);
	close(s[1]);
	return r < 0;
}

__attribute__((noinline)) static int risky_dockersock(enum variant v)
{
	struct sockaddr_un un;
	memset(&un, 0, sizeof(un));
	un.sun_family = AF_UNIX;
	snprintf(un.sun_path, sizeof(un.sun_path), "%s",
		 v == SAFE ? "/nonexistent/app.sock" : "/var/run/docker.sock");
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return 1;
	/* it need not exist: trying is the finding */
	connect(fd, (struct sockaddr *)&un, sizeof(un)); /* LINE:dockersock-call */
	close(fd);
	return 0;
}

/* Connects whose failure is expected (refused on loopback): trying is
 * the finding. */
__attribute__((noinline)) static int risky_k8s(enum variant v)
{
	struct sockaddr_in in = inet4("127.0.0.1", v == SAFE ? 1 : 6443);
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return 1;
	connect(fd, (struct sockaddr *)&in, sizeof(in)); /* LINE:k8s-port */
	close(fd);
	const char *host = getenv("KUBERNETES_SERVICE_HOST");
	const char *port = getenv("KUBERNETES_SERVICE_PORT");
	if (v == SAFE || !host || !port)
		return 0;
	if (strncmp(host, "127.", 4))
		return 1;	/* loopback only */
	in = inet4(host, (unsigned)atoi(port));
	if ((fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0)
		return 1;
	connect(fd, (struct sockaddr *)&in, sizeof(in)); /* LINE:k8s-env */
	close(fd);
	return 0;
}

static const struct mode {
	const char *name;
	int (*fn)(enum variant v);
	int netns;
} modes[] = {
	{ "wx", risky_wx, 0 },
	{ "jit", risky_jit, 0 },
	{ "stackexec", risky_stackexec, 0 },
	{ "dlexecstack", risky_dlexecstack, 0 },
	{ "dumpable", risky_dumpable, 0 },
	{ "mlockfail", risky_mlockfail, 0 },
	{ "noaslr", risky_noaslr, 0 },
	{ "aslrfile", risky_aslrfile, 0 },
	{ "segv", risky_segv, 0 },
	{ "stacksmash", risky_stacksmash, 0 },
	{ "doublefree", risky_doublefree, 0 },
	{ "listen", risky_listen, 0 },
	{ "cleartext", risky_cleartext, 1 },
	{ "metadata", risky_metadata, 1 },
	{ "rawsock", risky_rawsock, 0 },
	{ "revshell", risky_revshell, 0 },
	{ "dockersock", risky_dockersock, 0 },
	{ "k8s", risky_k8s, 0 },
};

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: risky_memnet MODE\n");
		return 2;
	}
	const char *m = argv[1];
	size_t n = strcspn(m, "-");
	enum variant v = !strcmp(m + n, "-ok") ? SAFE :
			 !strcmp(m + n, "-handled") ? HANDLED : RISKY;
	int r = -1;
	if (!strcmp(m, "nothing"))
		r = 0;
	else if (m[n] && v == RISKY)
		n = 0;	/* an unknown suffix: no mode matches */
	for (size_t i = 0; r < 0 && i < sizeof(modes) / sizeof(modes[0]); i++) {
		if (strlen(modes[i].name) != n || strncmp(m, modes[i].name, n))
			continue;
		if (modes[i].netns && !isolated_netns()) {
			fprintf(stderr, "risky_memnet: %s needs a network namespace "
				"with loopback only (unshare -n)\n", m);
			return 3;
		}
		r = modes[i].fn(v);
	}
	if (r < 0) {
		fprintf(stderr, "risky_memnet: unknown mode %s\n", m);
		return 2;
	}
	if (r) {
		fprintf(stderr, "risky %s failed\n", m);
		return 1;
	}
	printf("risky ok\n");
	return 0;
}
