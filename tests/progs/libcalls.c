/* libcalls - tracee for library-call breakpoints: each risky call is made
 * from a function of its own, so that a report can name the caller.
 *
 *   libcalls       copy, format, seed with the time, draw; print "libcalls ok"
 *
 * Built four ways: lazy PLT (JUMP_SLOT), -fno-plt -z now (GLOB_DAT),
 * -static (IRELATIVE), all -O0 -fno-builtin so that gcc keeps the calls;
 * and -O2 -D_FORTIFY_SOURCE=2, which calls __strcpy_chk and __sprintf_chk.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static char name[32];
static char line[64];

void copy_name(const char *src)
{
	strcpy(name, src);
}

void format_line(int n)
{
	sprintf(line, "%s=%d", name, n);
}

void seed_clock(void)
{
	srand((unsigned)time(NULL));
}

int draw(void)
{
	return rand();
}

int main(int argc, char **argv)
{
	copy_name(argc > 1 ? argv[1] : "libcalls");
	seed_clock();
	format_line(draw() % 100);
	if (strncmp(line, name, strlen(name)))
		return 1;
	puts("libcalls ok");
	return 0;
}
