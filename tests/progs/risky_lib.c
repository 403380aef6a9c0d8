/* risky_lib - tracee for the LIB rules (library-call breakpoints): each
 * mode makes risky library calls from functions named risky_<mode>, its
 * twin "MODE-ok" the safe calls instead. Prints "risky ok" when every
 * call gave the right result.
 *
 *   strcpy        strcpy from 3 call sites, 100000 calls in turn
 *   strcpy-ok     snprintf and a bounded copy instead
 *   overflow      strcpy of 100 bytes into a 16-byte stack buffer, then
 *                 _exit(0) before the smashed frame returns
 *   copies        strcat, stpcpy, sprintf, sscanf("%s"), realpath into
 *                 a buffer, getwd, and strncpy (a note)
 *   copies-ok     snprintf, sscanf("%15s"), realpath(p, NULL), getcwd
 *   strncpy       strncpy from one call site, 100 calls
 *   late          strcpy from one call site: 99 short copies, then one
 *                 of 100 bytes into its 16-byte stack buffer (_exit(0))
 *   gets          gets() (stdin: /dev/null)      gets-ok: fgets()
 *   srand         srand(time(NULL)), then rand()
 *   rand          rand() never seeded            rand-ok: getrandom()
 *   threads       4 threads, 1000 strcpy calls each, at once
 *   fork          a fork child calls strcpy and exits 0; then a
 *                 posix_spawn (vfork: the child shares the table until
 *                 its exec) of true
 *   sigtrap       its own SIGTRAP handler gets raise(SIGTRAP) and an
 *                 int3 of its own; prints "trap handled 2" as well
 *   bindnow       prints LD_BIND_NOW=<value> (or "unset")
 *   loop PIDFILE ADDRFILE HOLDFILE
 *                 writes its pid and strcpy's address (decimal), then
 *                 calls strcpy every millisecond until HOLDFILE is gone
 */
#pragma GCC optimize("O0")
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* C11 removed it; glibc still exports it for old binaries */
char *gets(char *s);
char *getwd(char *buf);

#define CALLS 100000
#define THREADS 4
#define THREAD_CALLS 1000

/* A source the compiler cannot see through, so that strcpy stays a call. */
static char src[32];

static int check(const char *dst)
{
	return strcmp(dst, src) != 0;
}

__attribute__((noinline)) static int risky_strcpy_a(char *d) { strcpy(d, src); /* LINE:strcpy-a */ return check(d); }
__attribute__((noinline)) static int risky_strcpy_b(char *d) { strcpy(d, src); /* LINE:strcpy-b */ return check(d); }
__attribute__((noinline)) static int risky_strcpy_c(char *d) { strcpy(d, src); /* LINE:strcpy-c */ return check(d); }

/* strlcpy's contract, written out: glibc before 2.38 has none */
static size_t bounded_copy(char *d, const char *s, size_t size)
{
	size_t n = strlen(s);
	size_t k = n < size - 1 ? n : size - 1;
	memcpy(d, s, k);
	d[k] = '\0';
	return n;
}

static int risky_strcpy(int safe)
{
	char dst[64];
	int bad = 0;
	for (int i = 0; i < CALLS; i++) {
		if (safe) {
			if (i % 2)
				snprintf(dst, sizeof(dst), "%s", src);
			else
				bounded_copy(dst, src, sizeof(dst));
			bad |= check(dst);
			continue;
		}
		switch (i % 3) {
		case 0: bad |= risky_strcpy_a(dst); break;
		case 1: bad |= risky_strcpy_b(dst); break;
		default: bad |= risky_strcpy_c(dst); break;
		}
	}
	return bad;
}

__attribute__((noinline)) static void risky_overflow(const char *s)
{
	char buf[16];
	strcpy(buf, s); /* LINE:overflow */
	/* the return address above buf is gone: never return */
	printf("risky ok\n");
	fflush(stdout);
	_exit(0);
}

__attribute__((noinline)) static int risky_copies(int safe)
{
	char a[64], b[64], path[PATH_MAX], word[16];
	int bad = 0;
	if (safe) {
		snprintf(a, sizeof(a), "%s%s", src, "-x");
		bad |= sscanf("hello world", "%15s", word) != 1;
		char *p = realpath("/", NULL);
		bad |= !p || strcmp(p, "/");
		free(p);
		bad |= !getcwd(path, sizeof(path));
		return bad || strcmp(word, "hello");
	}
	strcpy(a, src); /* LINE:copies-strcpy */
	strcat(a, "-x"); /* LINE:strcat */
	stpcpy(b, a); /* LINE:stpcpy */
	sprintf(b, "%s!", a); /* LINE:sprintf */
	bad |= sscanf("hello world", "%s", word) != 1; /* LINE:sscanf */
	bad |= !realpath("/", path); /* LINE:realpath */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
	bad |= !getwd(path); /* LINE:getwd */
#pragma GCC diagnostic pop
	strncpy(b, a, sizeof(b)); /* LINE:strncpy */
	return bad || strcmp(word, "hello") || strncmp(b, src, strlen(src));
}

__attribute__((noinline)) static int risky_strncpy(void)
{
	char d[64];
	int bad = 0;
	for (int i = 0; i < 100; i++) {
		strncpy(d, src, sizeof(d)); /* LINE:strncpy-loop */
		bad |= check(d);
	}
	return bad;
}

__attribute__((noinline)) static int risky_late_copy(const char *s, int last)
{
	char buf[16];
	strcpy(buf, s); /* LINE:late */
	if (last) {
		printf("risky ok\n");
		fflush(stdout);
		_exit(0);
	}
	return strcmp(buf, src) != 0;
}

static int risky_late(void)
{
	char big[101];
	int bad = 0;
	for (int i = 0; i < 99; i++)
		bad |= risky_late_copy(src, 0);
	memset(big, 'A', 100);
	big[100] = '\0';
	return bad || risky_late_copy(big, 1);
}

__attribute__((noinline)) static int risky_gets(int safe)
{
	char line[128];
	/* stdin is /dev/null: both read nothing */
	if (safe)
		return fgets(line, sizeof(line), stdin) != NULL;
	return gets(line) != NULL; /* LINE:gets */
}

__attribute__((noinline)) static int risky_srand(void)
{
	srand((unsigned)time(NULL)); /* LINE:srand */
	return rand() < 0; /* LINE:srand-rand */
}

__attribute__((noinline)) static int risky_rand(int safe)
{
	unsigned v;
	if (safe)
		return getrandom(&v, sizeof(v), 0) != sizeof(v);
	return rand() < 0; /* LINE:rand */
}

static void *thread_main(void *arg)
{
	char dst[64];
	long bad = 0;
	for (int i = 0; i < THREAD_CALLS; i++) {
		strcpy(dst, src); /* LINE:thread */
		bad |= check(dst);
	}
	return (void *)bad;
}

__attribute__((noinline)) static int risky_threads(void)
{
	pthread_t th[THREADS];
	int bad = 0;
	for (int i = 0; i < THREADS; i++)
		if (pthread_create(&th[i], NULL, thread_main, NULL))
			return 1;
	for (int i = 0; i < THREADS; i++) {
		void *r;
		bad |= pthread_join(th[i], &r) || r;
	}
	return bad;
}

__attribute__((noinline)) static void risky_fork_child(void)
{
	char dst[64];
	strcpy(dst, src); /* LINE:fork-child */
	_exit(check(dst));
}

__attribute__((noinline)) static int risky_fork(void)
{
	pid_t pid = fork();
	if (pid < 0)
		return 1;
	if (pid == 0)
		risky_fork_child();
	int st;
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st))
		return 1;
	char *const argv[] = { "true", NULL };
	extern char **environ;
	if (posix_spawnp(&pid, "true", NULL, NULL, argv, environ) ||
	    waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st))
		return 1;
	char dst[64];
	return risky_strcpy_a(dst);
}

static volatile sig_atomic_t traps;

static void on_trap(int sig)
{
	traps++;
}

__attribute__((noinline)) static int risky_sigtrap(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_trap;
	sigaction(SIGTRAP, &sa, NULL);
	char dst[64];
	int bad = risky_strcpy_a(dst);
	raise(SIGTRAP);
	__asm__ volatile("int3");
	bad |= risky_strcpy_b(dst);
	printf("trap handled %d\n", (int)traps);
	return bad || traps != 2;
}

static int write_file(const char *path, unsigned long v)
{
	FILE *f = fopen(path, "we");
	if (!f)
		return -1;
	fprintf(f, "%lu\n", v);
	return fclose(f);
}

__attribute__((noinline)) static int risky_loop(char **argv)
{
	/* the address of an IFUNC in a PIE is the implementation's */
	char *(*volatile copy)(char *, const char *) = strcpy;
	if (write_file(argv[3], (unsigned long)(uintptr_t)copy) ||
	    write_file(argv[2], (unsigned long)getpid()))
		return 1;
	char dst[64];
	int bad = 0;
	struct timespec ms = { 0, 1000000 };
	while (access(argv[4], F_OK) == 0) {
		strcpy(dst, src); /* LINE:loop */
		bad |= check(dst);
		nanosleep(&ms, NULL);
	}
	return bad;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: risky_lib MODE\n");
		return 2;
	}
	const char *m = argv[1];
	size_t n = strlen(m);
	int safe = n > 3 && !strcmp(m + n - 3, "-ok");
	int r;
	snprintf(src, sizeof(src), "risky-%d", 42);
	if (!strncmp(m, "strcpy", 6)) {
		r = risky_strcpy(safe);
	} else if (!strcmp(m, "overflow")) {
		char big[101];
		memset(big, 'A', 100);
		big[100] = '\0';
		risky_overflow(big);
		r = 1;
	} else if (!strncmp(m, "copies", 6)) {
		r = risky_copies(safe);
	} else if (!strcmp(m, "strncpy")) {
		r = risky_strncpy();
	} else if (!strcmp(m, "late")) {
		r = risky_late();
	} else if (!strncmp(m, "gets", 4)) {
		r = risky_gets(safe);
	} else if (!strcmp(m, "srand")) {
		r = risky_srand();
	} else if (!strncmp(m, "rand", 4)) {
		r = risky_rand(safe);
	} else if (!strcmp(m, "threads")) {
		r = risky_threads();
	} else if (!strcmp(m, "fork")) {
		r = risky_fork();
	} else if (!strcmp(m, "sigtrap")) {
		r = risky_sigtrap();
	} else if (!strcmp(m, "bindnow")) {
		const char *v = getenv("LD_BIND_NOW");
		printf("LD_BIND_NOW=%s\n", v ? v : "unset");
		r = 0;
	} else if (!strcmp(m, "loop") && argc == 5) {
		r = risky_loop(argv);
	} else {
		fprintf(stderr, "risky_lib: unknown mode %s\n", m);
		return 2;
	}
	if (r) {
		fprintf(stderr, "risky_lib %s failed\n", m);
		return 1;
	}
	printf("risky ok\n");
	return 0;
}
