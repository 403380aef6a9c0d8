/* test_bkpt.c - the breakpoint table: planting, stepping over by
 * emulation on a real traced child, one-shot breakpoints, removal with
 * every byte restored, retired addresses, copies for fork, callers and
 * the quiet-hits cap, code ranges */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bkpt.h"
#include "util.h"

/*
 * Functions whose first instruction is known, one per way of stepping:
 * push (a memory write), mov, sub (flags), a rip-relative load, and a
 * nop, which the decoder refuses (one-shot). Each returns rdi + 1.
 */
__asm__(".data\n"
	"bk_word: .quad 1\n"
	".text\n"
	".globl bk_push\n.type bk_push,@function\n"
	"bk_push: push %rbp\n mov %rdi,%rax\n add $1,%rax\n pop %rbp\n ret\n"
	".globl bk_mov\n.type bk_mov,@function\n"
	"bk_mov: mov %rdi,%rax\n add $1,%rax\n ret\n"
	".globl bk_sub\n.type bk_sub,@function\n"
	"bk_sub: sub $8,%rsp\n lea 1(%rdi),%rax\n add $8,%rsp\n ret\n"
	".globl bk_load\n.type bk_load,@function\n"
	"bk_load: mov bk_word(%rip),%rax\n add %rdi,%rax\n ret\n"
	".globl bk_nop\n.type bk_nop,@function\n"
	"bk_nop: nop\n lea 1(%rdi),%rax\n ret\n");
long bk_push(long), bk_mov(long), bk_sub(long), bk_load(long), bk_nop(long);

typedef long (*fn_t)(long);
static fn_t const fns[] = { bk_push, bk_mov, bk_sub, bk_load, bk_nop };
#define NFNS ARRAY_SIZE(fns)
#define ROUNDS 50

static uint64_t addr_of(fn_t f)
{
	return (uint64_t)(uintptr_t)f;
}

/* A traced child stopped before it calls each function ROUNDS times;
 * it exits 0 when every result was right. */
static pid_t child_start(void)
{
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		ptrace(PTRACE_TRACEME, 0, NULL, NULL);
		raise(SIGSTOP);
		int bad = 0;
		for (long i = 0; i < ROUNDS; i++)
			for (size_t k = 0; k < NFNS; k++)
				bad |= fns[k](i) != i + 1;
		_exit(bad);
	}
	int st;
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	ck_assert(WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP);
	return pid;
}

static uint8_t byte_at(pid_t pid, uint64_t addr)
{
	errno = 0;
	long w = ptrace(PTRACE_PEEKTEXT, pid, (void *)(uintptr_t)addr, NULL);
	ck_assert_int_eq(errno, 0);
	return (uint8_t)w;
}

/* Run the child to its next trap; returns the address hit, 0 at exit
 * (*STATUS set). */
static uint64_t next_hit(pid_t pid, struct user_regs_struct *regs, int *status)
{
	int st;
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	if (WIFEXITED(st) || WIFSIGNALED(st)) {
		*status = st;
		return 0;
	}
	ck_assert_msg(WIFSTOPPED(st) && WSTOPSIG(st) == SIGTRAP,
		      "stopped by signal %d", WSTOPSIG(st));
	ck_assert_int_eq(ptrace(PTRACE_GETREGS, pid, NULL, regs), 0);
	return regs->rip - 1;
}

START_TEST(test_step_over)
{
	pid_t pid = child_start();
	struct bkpt_mm *mm = bkpt_mm_new();
	for (size_t k = 0; k < NFNS; k++) {
		ck_assert_int_eq(bkpt_plant(mm, pid, addr_of(fns[k]), BKPT_CALL,
					    (unsigned)k), 0);
		ck_assert_uint_eq(byte_at(pid, addr_of(fns[k])), 0xcc);
	}
	ck_assert_uint_eq(mm->n, NFNS);
	ck_assert(bkpt_find(mm, addr_of(bk_push))->emulate);
	ck_assert(!bkpt_find(mm, addr_of(bk_nop))->emulate);

	unsigned hits[NFNS] = { 0 };
	int status = -1;
	struct user_regs_struct regs;
	ptrace(PTRACE_CONT, pid, NULL, NULL);
	for (uint64_t a; (a = next_hit(pid, &regs, &status)); ) {
		struct bkpt *b = bkpt_find(mm, a);
		ck_assert_msg(b, "trap at %#llx: no breakpoint", (unsigned long long)a);
		hits[b->funcs[0]]++;
		int r = bkpt_step(mm, pid, a, &regs);
		ck_assert_int_eq(r, a == addr_of(bk_nop) ? 1 : 0);
		ck_assert_int_eq(ptrace(PTRACE_CONT, pid, NULL, NULL), 0);
	}
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		      "child status %#x: a result was wrong", status);
	for (size_t k = 0; k + 1 < NFNS; k++)
		ck_assert_uint_eq(hits[k], ROUNDS);
	/* one-shot: the first call only, then retired */
	ck_assert_uint_eq(hits[NFNS - 1], 1);
	ck_assert_ptr_null(bkpt_find(mm, addr_of(bk_nop)));
	ck_assert(bkpt_is_retired(mm, addr_of(bk_nop)));
	ck_assert_int_eq(bkpt_plant(mm, pid, addr_of(bk_nop), BKPT_CALL, 4),
			 -EALREADY);
	bkpt_mm_unref(mm);
}
END_TEST

START_TEST(test_remove_all)
{
	pid_t pid = child_start();
	struct bkpt_mm *mm = bkpt_mm_new();
	for (size_t k = 0; k < NFNS; k++)
		ck_assert_int_eq(bkpt_plant(mm, pid, addr_of(fns[k]), BKPT_CALL,
					    (unsigned)k), 0);
	struct user_regs_struct regs;
	int status = -1;
	ptrace(PTRACE_CONT, pid, NULL, NULL);
	/* the child stops in bk_push of its first round */
	uint64_t a = next_hit(pid, &regs, &status);
	ck_assert_uint_eq(a, addr_of(bk_push));
	ck_assert_int_eq(bkpt_remove_all(mm, pid), 0);
	ck_assert_uint_eq(mm->n, 0);
	for (size_t k = 0; k < NFNS; k++) {
		uint64_t f = addr_of(fns[k]);
		ck_assert_uint_eq(byte_at(pid, f), *(const uint8_t *)(uintptr_t)f);
		ck_assert(bkpt_is_retired(mm, f));
	}
	ck_assert_int_eq(bkpt_remove(mm, pid, addr_of(bk_mov)), -ENOENT);
	/* the hit it made is rewound: the real push runs */
	regs.rip = a;
	ck_assert_int_eq(ptrace(PTRACE_SETREGS, pid, NULL, &regs), 0);
	ptrace(PTRACE_CONT, pid, NULL, NULL);
	ck_assert_uint_eq(next_hit(pid, &regs, &status), 0);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	bkpt_mm_unref(mm);
}
END_TEST

/* A fork copied memory with an int3 that the parent's table no longer
 * has: scrubbing puts the retired byte back. */
START_TEST(test_scrub)
{
	pid_t pid = child_start();
	struct bkpt_mm *mm = bkpt_mm_new();
	uint64_t f = addr_of(bk_mov);
	uint8_t orig = *(const uint8_t *)(uintptr_t)f;
	ck_assert_int_eq(bkpt_plant(mm, pid, f, BKPT_CALL, 1), 0);
	ck_assert_int_eq(bkpt_plant(mm, pid, addr_of(bk_sub), BKPT_CALL, 2), 0);
	ck_assert_int_eq(bkpt_remove(mm, pid, f), 0);
	ck_assert_uint_eq(byte_at(pid, f), orig);

	struct bkpt_mm *child = bkpt_mm_copy(mm);
	errno = 0;
	long w = ptrace(PTRACE_PEEKTEXT, pid, (void *)(uintptr_t)f, NULL);
	ck_assert_int_eq(errno, 0);
	w = (w & ~0xffL) | 0xcc;
	ck_assert_int_eq(ptrace(PTRACE_POKETEXT, pid, (void *)(uintptr_t)f, (void *)w), 0);
	ck_assert_int_eq(bkpt_scrub(child, pid), 0);
	ck_assert_uint_eq(byte_at(pid, f), orig);
	ck_assert_uint_eq(byte_at(pid, addr_of(bk_sub)),
			  *(const uint8_t *)(uintptr_t)addr_of(bk_sub));
	ck_assert(child->scrubbed);
	ck_assert(!mm->scrubbed);
	bkpt_mm_unref(child);
	bkpt_mm_unref(mm);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}
END_TEST

START_TEST(test_plant_names)
{
	pid_t pid = child_start();
	struct bkpt_mm *mm = bkpt_mm_new();
	uint64_t f = addr_of(bk_sub);
	ck_assert_int_eq(bkpt_plant(mm, pid, f, BKPT_CALL, 7), 0);
	/* aliases of one address: one int3, several names */
	ck_assert_int_eq(bkpt_plant(mm, pid, f, BKPT_CALL, 8), 0);
	ck_assert_int_eq(bkpt_plant(mm, pid, f, BKPT_CALL, 7), 0);
	ck_assert_int_eq(bkpt_plant(mm, pid, f, BKPT_CALL, 9), 0);
	ck_assert_int_eq(bkpt_plant(mm, pid, f, BKPT_CALL, 10), 0);
	ck_assert_int_eq(bkpt_plant(mm, pid, f, BKPT_CALL, 11), -E2BIG);
	ck_assert_int_eq(bkpt_plant(mm, pid, f, BKPT_RESOLVE, 0), -EEXIST);
	ck_assert_uint_eq(mm->n, 1);
	struct bkpt *b = bkpt_find(mm, f);
	ck_assert_uint_eq(b->nfuncs, 4);
	ck_assert_uint_eq(b->funcs[0], 7);
	ck_assert_uint_eq(b->funcs[3], 10);
	ck_assert_uint_eq(b->orig, *(const uint8_t *)(uintptr_t)f);
	/* sorted by address whatever the order of planting */
	ck_assert_int_eq(bkpt_plant(mm, pid, addr_of(bk_mov), BKPT_RESOLVE, 0), 0);
	ck_assert_int_eq(bkpt_plant(mm, pid, addr_of(bk_push), BKPT_CALL, 1), 0);
	for (size_t i = 1; i < mm->n; i++)
		ck_assert(mm->bp[i - 1].addr < mm->bp[i].addr);
	ck_assert_int_eq(bkpt_find(mm, addr_of(bk_mov))->kind, BKPT_RESOLVE);
	ck_assert_ptr_null(bkpt_find(mm, f + 1));
	/* unreadable memory */
	ck_assert_int_eq(bkpt_plant(mm, pid, 8, BKPT_CALL, 0), -EIO);
	ck_assert_uint_eq(mm->n, 3);

	struct bkpt_mm *c = bkpt_mm_copy(mm);
	ck_assert_uint_eq(c->n, 3);
	ck_assert_uint_eq(bkpt_find(c, f)->nfuncs, 4);
	ck_assert_ptr_ne(c->bp, mm->bp);
	struct bkpt_mm *shared = bkpt_mm_ref(mm);
	ck_assert_ptr_eq(shared, mm);
	ck_assert_uint_eq(mm->refs, 2);
	bkpt_mm_unref(shared);
	bkpt_mm_unref(c);
	bkpt_mm_unref(mm);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}
END_TEST

START_TEST(test_callers)
{
	struct bkpt_mm *mm = bkpt_mm_new();
	const struct bkpt_range r[] = {
		{ 0x1000, 0x9000, BKPT_CODE_PROGRAM },
		{ 0x10000, 0x20000, BKPT_CODE_LIBRARY },
		{ 0x18000, 0x19000, BKPT_CODE_IGNORED },
	};
	bkpt_set_ranges(mm, r, ARRAY_SIZE(r));
	ck_assert_int_eq(bkpt_code_of(mm, 0x1000), BKPT_CODE_PROGRAM);
	ck_assert_int_eq(bkpt_code_of(mm, 0x8fff), BKPT_CODE_PROGRAM);
	ck_assert_int_eq(bkpt_code_of(mm, 0x9000), BKPT_CODE_UNKNOWN);
	ck_assert_int_eq(bkpt_code_of(mm, 0x17fff), BKPT_CODE_LIBRARY);
	ck_assert_int_eq(bkpt_code_of(mm, 0x18000), BKPT_CODE_IGNORED);
	ck_assert_int_eq(bkpt_code_of(mm, 0x19000), BKPT_CODE_LIBRARY);

	struct bkpt a = { .addr = 0x50000 }, b = { .addr = 0x60000 };
	enum bkpt_code code;
	ck_assert_int_eq(bkpt_caller(mm, &a, 0x2000, &code), BKPT_SEEN_NEW);
	ck_assert_int_eq(code, BKPT_CODE_PROGRAM);
	ck_assert_int_eq(bkpt_caller(mm, &a, 0x18010, &code), BKPT_SEEN_NEW);
	ck_assert_int_eq(code, BKPT_CODE_IGNORED);
	/* the same return address, another function: another caller */
	ck_assert_int_eq(bkpt_caller(mm, &b, 0x2000, &code), BKPT_SEEN_NEW);
	ck_assert_int_eq(bkpt_caller(mm, &a, 0x2000, &code), BKPT_SEEN_KNOWN);
	ck_assert_int_eq(code, BKPT_CODE_PROGRAM);
	ck_assert_int_eq(bkpt_caller(mm, &a, 0x9999, &code), BKPT_SEEN_NEW);
	ck_assert_int_eq(code, BKPT_CODE_UNKNOWN);
	bkpt_caller_set(mm, a.addr, 0x9999, BKPT_CODE_LIBRARY);
	ck_assert_int_eq(bkpt_caller(mm, &a, 0x9999, &code), BKPT_SEEN_KNOWN);
	ck_assert_int_eq(code, BKPT_CODE_LIBRARY);

	/* K known hits in a row disarm; a new caller restarts the count */
	a.quiet = 0;
	for (unsigned i = 1; i < BKPT_QUIET_HITS - 1; i++)
		ck_assert_int_eq(bkpt_caller(mm, &a, 0x2000, &code), BKPT_SEEN_KNOWN);
	ck_assert_int_eq(bkpt_caller(mm, &a, 0x3000, &code), BKPT_SEEN_NEW);
	ck_assert_uint_eq(a.quiet, 0);
	for (unsigned i = 1; i < BKPT_QUIET_HITS; i++)
		ck_assert_int_eq(bkpt_caller(mm, &a, 0x3000, &code), BKPT_SEEN_KNOWN);
	ck_assert_int_eq(bkpt_caller(mm, &a, 0x2000, &code), BKPT_SEEN_QUIET);
	ck_assert_uint_eq(b.hits, 1);

	/* a function's own cap replaces the default */
	ck_assert_uint_eq(bkpt_quiet_max(&a), BKPT_QUIET_HITS);
	a.quiet = 0;
	a.quiet_max = 3;
	ck_assert_uint_eq(bkpt_quiet_max(&a), 3);
	ck_assert_int_eq(bkpt_caller(mm, &a, 0x2000, &code), BKPT_SEEN_KNOWN);
	ck_assert_int_eq(bkpt_caller(mm, &a, 0x3000, &code), BKPT_SEEN_KNOWN);
	ck_assert_int_eq(bkpt_caller(mm, &a, 0x2000, &code), BKPT_SEEN_QUIET);

	/* many callers: the table grows and keeps every one */
	for (uint64_t ret = 0x100000; ret < 0x100000 + 1000 * 16; ret += 16)
		ck_assert_int_eq(bkpt_caller(mm, &b, ret, &code), BKPT_SEEN_NEW);
	for (uint64_t ret = 0x100000; ret < 0x100000 + 1000 * 16; ret += 16)
		ck_assert_int_eq(bkpt_caller(mm, &b, ret, &code), BKPT_SEEN_KNOWN);
	ck_assert_uint_eq(mm->ncallers, 4 + 1 + 1000);

	/* a fork child's copy starts with no caller and quiet counts at 0 */
	struct bkpt_mm *c = bkpt_mm_copy(mm);
	ck_assert_uint_eq(c->ncallers, 0);
	ck_assert_int_eq(bkpt_code_of(c, 0x18000), BKPT_CODE_IGNORED);
	ck_assert_int_eq(bkpt_caller(c, &a, 0x2000, &code), BKPT_SEEN_NEW);
	bkpt_mm_unref(c);
	bkpt_mm_unref(mm);
}
END_TEST

static Suite *bkpt_suite(void)
{
	Suite *s = suite_create("bkpt");
	TCase *tc = tcase_create("pure");
	tcase_add_test(tc, test_callers);
	suite_add_tcase(s, tc);

	tc = tcase_create("live");
	tcase_add_test(tc, test_step_over);
	tcase_add_test(tc, test_remove_all);
	tcase_add_test(tc, test_scrub);
	tcase_add_test(tc, test_plant_names);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(bkpt_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
