/*
 * demo.c - a small program to watch under rxtrace.
 *
 *     ./rxtrace -- demo/demo                                    findings
 *     ./rxtrace -e trace=%file,%process,%network -- demo/demo    trace
 *
 * It does a handful of things a security reviewer wants to see, each of
 * them harmless here:
 *   - opens and reads /etc/hostname;
 *   - copies the host name with strcpy() and formats a line with sprintf()
 *     into fixed-size stack buffers (sized so that nothing overflows);
 *   - seeds the C library generator with srand(time(NULL)) and calls rand()
 *     (a predictable "token");
 *   - writes that line to a temporary file made with mkstemp() under /tmp,
 *     then removes it;
 *   - forks a child that execs /bin/true, and waits for it;
 *   - tries to connect to 127.0.0.1 port 1 (normally refused);
 *   - maps an anonymous page and makes it readable, writable and
 *     executable with mprotect().
 *
 * Failures along the way are expected in some environments (no
 * /etc/hostname in a container, W^X enforced by a security module, something
 * listening on port 1): the program carries on, and the trace shows them.
 * It prints a single line, "demo done", and exits 0.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Read /etc/hostname into HOST (at most HOSTLEN-1 bytes, no newline). */
static void read_hostname(char *host, size_t hostlen)
{
	char buf[256];
	ssize_t n = -1;
	int fd = open("/etc/hostname", O_RDONLY | O_CLOEXEC);

	if (fd >= 0) {
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
	}
	if (n < 0)
		n = 0;
	buf[n] = '\0';
	buf[strcspn(buf, "\r\n")] = '\0';
	if (buf[0] == '\0' || strlen(buf) >= hostlen)
		snprintf(buf, sizeof(buf), "%s", "localhost");
	strcpy(host, buf);	/* bounded by the check above */
}

/* Write LINE to a fresh file under /tmp, then remove the file. */
static void write_temp(const char *line)
{
	char path[] = "/tmp/rxtrace-demo-XXXXXX";
	int fd = mkstemp(path);

	if (fd < 0)
		return;
	if (write(fd, line, strlen(line)) < 0) {
		/* nothing to do: the trace shows the error */
	}
	close(fd);
	unlink(path);
}

/* Fork a child that execs /bin/true; wait for it. */
static void run_child(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		execl("/bin/true", "true", (char *)NULL);
		_exit(127);
	}
	if (pid > 0)
		waitpid(pid, NULL, 0);
}

/* Try TCP 127.0.0.1:1; on most machines the connection is refused. */
static void try_connect(void)
{
	struct sockaddr_in sa;
	int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (s < 0)
		return;
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons(1);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	connect(s, (struct sockaddr *)&sa, sizeof(sa));
	close(s);
}

/* Make an anonymous page readable, writable and executable. */
static void rwx_page(void)
{
	long pg = sysconf(_SC_PAGESIZE);
	void *p = mmap(NULL, (size_t)pg, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return;
	mprotect(p, (size_t)pg, PROT_READ | PROT_WRITE | PROT_EXEC);
	munmap(p, (size_t)pg);
}

int main(void)
{
	char host[128];
	char line[256];
	int token;

	read_hostname(host, sizeof(host));

	srand((unsigned)time(NULL));
	token = rand();
	sprintf(line, "host=%s token=%d\n", host, token);

	write_temp(line);
	run_child();
	try_connect();
	rwx_page();

	puts("demo done");
	return 0;
}
