/* int80 - tracee for the e2e ABI tests: i386 and x32 system calls made
 * from a 64-bit process.
 *
 *   1. getpid through "int $0x80" (i386 number 20; on x86-64, 20 is
 *      writev), compared with the 64-bit getpid();
 *   2. write(1, "int80 ok\n", 9) through "int $0x80" (i386 number 4; on
 *      x86-64, 4 is stat). The int 0x80 ABI takes 32-bit pointers, so
 *      the buffer lives in a MAP_32BIT mapping;
 *   3. getpid through the x32 ABI: syscall(__X32_SYSCALL_BIT | 39). On a
 *      kernel without x32 support this fails with ENOSYS, which is fine;
 *      the outcome is reported on stderr as "x32 getpid: ok" or
 *      "x32 getpid: ENOSYS".
 *
 * stdout is exactly "int80 ok\nint80 done\n" on success. When the kernel
 * has no IA-32 emulation, "int $0x80" faults; the program then prints
 * "int80 unsupported" and exits 77 (so a test can skip).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* also set by config.h, included by the Makefile */
#endif
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define X32_BIT 0x40000000L
#define I386_WRITE 4
#define I386_GETPID 20
#define MSG "int80 ok\n"

static sigjmp_buf jb;

static void on_fault(int sig)
{
	siglongjmp(jb, sig);
}

static long int80(long nr, long a1, long a2, long a3)
{
	long ret;

	__asm__ volatile("int $0x80"
			 : "=a"(ret)
			 : "a"(nr), "b"(a1), "c"(a2), "d"(a3)
			 : "memory", "cc", "r8", "r9", "r10", "r11");
	return ret;
}

int main(void)
{
	struct sigaction sa;
	char *low;
	long r;

	low = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
	if (low == MAP_FAILED) {
		perror("int80: mmap MAP_32BIT");
		return 1;
	}
	memcpy(low, MSG, sizeof(MSG) - 1);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_fault;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	sigaction(SIGILL, &sa, NULL);
	if (sigsetjmp(jb, 1)) {
		printf("int80 unsupported\n");
		return 77;
	}

	r = int80(I386_GETPID, 0, 0, 0);
	if (r != getpid()) {
		fprintf(stderr, "int80: i386 getpid returned %ld, pid is %ld\n",
			r, (long)getpid());
		return 1;
	}
	r = int80(I386_WRITE, 1, (long)(unsigned long)low, sizeof(MSG) - 1);
	if (r != (long)(sizeof(MSG) - 1)) {
		fprintf(stderr, "int80: i386 write returned %ld\n", r);
		return 1;
	}
	signal(SIGSEGV, SIG_DFL);
	signal(SIGBUS, SIG_DFL);
	signal(SIGILL, SIG_DFL);

	r = syscall(X32_BIT | SYS_getpid);
	if (r == getpid())
		fprintf(stderr, "x32 getpid: ok\n");
	else if (r < 0 && errno == ENOSYS)
		fprintf(stderr, "x32 getpid: ENOSYS\n");
	else {
		fprintf(stderr, "int80: x32 getpid returned %ld (%s)\n", r,
			r < 0 ? strerror(errno) : "wrong pid");
		return 1;
	}

	printf("int80 done\n");
	return 0;
}
