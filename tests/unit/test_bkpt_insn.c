/* test_bkpt_insn.c - decoding and emulating the instruction an int3
 * displaces at a function entry */
#include "config.h"

#include <check.h>
#include <dlfcn.h>
#include <elfutils/libdwelf.h>
#include <errno.h>
#include <gnu/lib-names.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bkpt_elf.h"
#include "bkpt_insn.h"
#include "util.h"

#define CF 0x001u
#define PF 0x004u
#define AF 0x010u
#define ZF 0x040u
#define SF 0x080u
#define OF 0x800u
#define ARITH (CF | PF | AF | ZF | SF | OF)
#define IF 0x200u		/* untouched bits that must survive */
#define RES1 0x002u

enum { RAX, RCX, RDX, RBX, RSP, RBP, RSI, RDI, R8, R9, R10, R11, R12, R13,
       R14, R15 };

#define BYTES(...) (const uint8_t[]){ __VA_ARGS__ }, \
	sizeof((const uint8_t[]){ __VA_ARGS__ })

static struct bkpt_insn decode_ok(const uint8_t *code, size_t n)
{
	struct bkpt_insn in;
	int r = bkpt_insn_decode(code, n, &in);
	ck_assert_msg(r == 0, "%02x %02x %02x: %d", code[0],
		      n > 1 ? code[1] : 0, n > 2 ? code[2] : 0, r);
	return in;
}

/* Registers with a distinct value in each, so that a write to the wrong
 * register shows. */
static struct user_regs_struct regs_init(void)
{
	struct user_regs_struct r;
	memset(&r, 0, sizeof(r));
	for (unsigned i = 0; i < 16; i++)
		*bkpt_insn_reg(&r, i) = 0x1111111111111111ull * (i + 1) ^
					0xa0a0a0a000000000ull;
	r.rsp = 0x7ffd00001000ull;
	r.eflags = IF | RES1;
	r.rip = 0xdeadbeef;
	return r;
}

/* Decode and emulate CODE at ADDR on R: the whole encoding is one
 * instruction, and rip moves past it. */
static struct bkpt_mem_write emulate(const uint8_t *code, size_t n,
				     struct user_regs_struct *r, uint64_t addr)
{
	struct bkpt_insn in = decode_ok(code, n);
	ck_assert_uint_eq(in.len, n);
	struct bkpt_mem_write w;
	ck_assert_int_eq(bkpt_insn_emulate(&in, r, addr, 0, &w), 0);
	ck_assert_uint_eq(r->rip, addr + n);
	return w;
}

/* The whole register set, rip and eflags included. */
static void same_regs(const struct user_regs_struct *a,
		      const struct user_regs_struct *b)
{
	ck_assert(!memcmp(a, b, sizeof(*a)));
}

START_TEST(test_endbr64)
{
	struct user_regs_struct r = regs_init(), want = r;
	struct bkpt_mem_write w = emulate(BYTES(0xf3, 0x0f, 0x1e, 0xfa), &r, 0x1000);
	ck_assert(!w.valid);
	want.rip = 0x1004;
	same_regs(&r, &want);
	/* only the endbr64 is decoded, whatever follows */
	struct bkpt_insn in = decode_ok(BYTES(0xf3, 0x0f, 0x1e, 0xfa, 0x55));
	ck_assert_uint_eq(in.len, 4);
	ck_assert_uint_eq(in.op, BKPT_OP_NOP);
}
END_TEST

START_TEST(test_mov64)
{
	struct user_regs_struct r = regs_init(), want;
	r.rsi = 0x8000000012345678ull;
	want = r;
	emulate(BYTES(0x48, 0x89, 0xf1), &r, 0x2000);	/* mov %rsi,%rcx */
	want.rcx = 0x8000000012345678ull;
	want.rip = 0x2003;
	same_regs(&r, &want);

	r = regs_init();
	want = r;
	emulate(BYTES(0x49, 0x89, 0xf9), &r, 0x2000);	/* mov %rdi,%r9 (REX.B) */
	want.r9 = want.rdi;
	want.rip = 0x2003;
	same_regs(&r, &want);

	r = regs_init();
	want = r;
	emulate(BYTES(0x4c, 0x89, 0xc0), &r, 0x2000);	/* mov %r8,%rax (REX.R) */
	want.rax = want.r8;
	want.rip = 0x2003;
	same_regs(&r, &want);

	r = regs_init();
	want = r;
	emulate(BYTES(0x4d, 0x89, 0xfc), &r, 0x2000);	/* mov %r15,%r12 */
	want.r12 = want.r15;
	want.rip = 0x2003;
	same_regs(&r, &want);

	r = regs_init();
	want = r;
	emulate(BYTES(0x48, 0x8b, 0xc6), &r, 0x2000);	/* 8b form: mov %rsi,%rax */
	want.rax = want.rsi;
	want.rip = 0x2003;
	same_regs(&r, &want);

	r = regs_init();
	want = r;
	emulate(BYTES(0x4c, 0x8b, 0xe4), &r, 0x2000);	/* mov %rsp,%r12 */
	want.r12 = want.rsp;
	want.rip = 0x2003;
	same_regs(&r, &want);
}
END_TEST

START_TEST(test_mov32_zero_extends)
{
	struct user_regs_struct r = regs_init(), want;
	r.rsi = 0xffffffff87654321ull;
	r.rax = 0xffffffffffffffffull;
	want = r;
	emulate(BYTES(0x89, 0xf0), &r, 0x3000);		/* mov %esi,%eax */
	want.rax = 0x87654321;
	want.rip = 0x3002;
	same_regs(&r, &want);

	r = regs_init();
	want = r;
	emulate(BYTES(0x41, 0x89, 0xf2), &r, 0x3000);	/* mov %esi,%r10d */
	want.r10 = want.rsi & 0xffffffff;
	want.rip = 0x3003;
	same_regs(&r, &want);

	r = regs_init();
	want = r;
	emulate(BYTES(0x44, 0x8b, 0xc0), &r, 0x3000);	/* mov %eax,%r8d */
	want.r8 = want.rax & 0xffffffff;
	want.rip = 0x3003;
	same_regs(&r, &want);

	r = regs_init();
	want = r;
	emulate(BYTES(0x40, 0x89, 0xf7), &r, 0x3000);	/* empty REX: mov %esi,%edi */
	want.rdi = want.rsi & 0xffffffff;
	want.rip = 0x3003;
	same_regs(&r, &want);
}
END_TEST

START_TEST(test_mov_imm32)
{
	struct user_regs_struct r = regs_init(), want = r;
	emulate(BYTES(0xb9, 0x02, 0x00, 0x00, 0x00), &r, 0x4000); /* mov $2,%ecx */
	want.rcx = 2;
	want.rip = 0x4005;
	same_regs(&r, &want);

	r = regs_init();
	want = r;
	emulate(BYTES(0x41, 0xb8, 0xfe, 0xff, 0xff, 0xff), &r, 0x4000); /* mov $-2,%r8d */
	want.r8 = 0xfffffffe;
	want.rip = 0x4006;
	same_regs(&r, &want);
}
END_TEST

START_TEST(test_push)
{
	struct user_regs_struct r = regs_init(), want = r;
	struct bkpt_mem_write w = emulate(BYTES(0x55), &r, 0x5000); /* push %rbp */
	ck_assert(w.valid);
	ck_assert_uint_eq(w.addr, 0x7ffd00000ff8ull);
	ck_assert_uint_eq(w.val, want.rbp);
	want.rsp = 0x7ffd00000ff8ull;
	want.rip = 0x5001;
	same_regs(&r, &want);

	r = regs_init();
	want = r;
	w = emulate(BYTES(0x41, 0x57), &r, 0x5000);	/* push %r15 */
	ck_assert(w.valid);
	ck_assert_uint_eq(w.addr, 0x7ffd00000ff8ull);
	ck_assert_uint_eq(w.val, want.r15);
	want.rsp -= 8;
	want.rip = 0x5002;
	same_regs(&r, &want);

	/* push %rsp stores the value before the decrement */
	r = regs_init();
	w = emulate(BYTES(0x54), &r, 0x5000);
	ck_assert_uint_eq(w.val, 0x7ffd00001000ull);
	ck_assert_uint_eq(w.addr, 0x7ffd00000ff8ull);
	ck_assert_uint_eq(r.rsp, 0x7ffd00000ff8ull);

	r = regs_init();
	w = emulate(BYTES(0x41, 0x54), &r, 0x5000);	/* push %r12 */
	ck_assert_uint_eq(w.val, regs_init().r12);
	ck_assert_uint_eq(r.eflags, IF | RES1);
}
END_TEST

START_TEST(test_rsp_adjust)
{
	struct user_regs_struct r = regs_init(), want = r;
	/* sub $8,%rsp: 0x...1000 - 8 borrows through bit 4: AF; 0xf8 has
	 * five bits set: no PF */
	emulate(BYTES(0x48, 0x83, 0xec, 0x08), &r, 0x6000);
	want.rsp = 0x7ffd00000ff8ull;
	want.eflags = IF | RES1 | AF;
	want.rip = 0x6004;
	same_regs(&r, &want);

	r = regs_init();
	want = r;
	/* sub $0xd8,%rsp: 0x1000 - 0xd8 = 0xf28: AF (low nibble 0 - 8),
	 * 0x28 has two bits: PF */
	emulate(BYTES(0x48, 0x81, 0xec, 0xd8, 0x00, 0x00, 0x00), &r, 0x6000);
	want.rsp = 0x7ffd00000f28ull;
	want.eflags = IF | RES1 | AF | PF;
	want.rip = 0x6007;
	same_regs(&r, &want);

	r = regs_init();
	r.rsp = 0x7ffd00000fe8ull;
	r.eflags = IF | RES1 | ARITH;	/* stale flags are replaced */
	want = r;
	emulate(BYTES(0x48, 0x83, 0xc4, 0x18), &r, 0x6000);	/* add $0x18,%rsp */
	want.rsp = 0x7ffd00001000ull;
	want.eflags = IF | RES1 | AF | PF;
	want.rip = 0x6004;
	same_regs(&r, &want);

	r = regs_init();
	want = r;
	/* add $-8,%rsp: the imm8 is sign-extended; adding 0xff..f8 carries */
	emulate(BYTES(0x48, 0x83, 0xc4, 0xf8), &r, 0x6000);
	want.rsp = 0x7ffd00000ff8ull;
	want.eflags = IF | RES1 | CF;
	want.rip = 0x6004;
	same_regs(&r, &want);

	r = regs_init();
	want = r;
	emulate(BYTES(0x48, 0x81, 0xc4, 0x00, 0x10, 0x00, 0x00), &r, 0x6000); /* add $0x1000 */
	want.rsp = 0x7ffd00002000ull;
	want.eflags = IF | RES1 | PF;
	want.rip = 0x6007;
	same_regs(&r, &want);

	/* sub $imm32 sign-extends too: sub $-1,%r11 */
	r = regs_init();
	r.r11 = 0xffffffffffffffffull;
	emulate(BYTES(0x49, 0x81, 0xeb, 0xff, 0xff, 0xff, 0xff), &r, 0x6000);
	ck_assert_uint_eq(r.r11, 0);
	ck_assert_uint_eq(r.eflags, IF | RES1 | ZF | PF);
}
END_TEST

/* add %rdi,%rdx with RDX = A, RDI = B: sum and exact eflags */
static void add_case(uint64_t a, uint64_t b, uint64_t sum, unsigned flags)
{
	struct user_regs_struct r = regs_init(), want;
	r.rdx = a;
	r.rdi = b;
	r.eflags = IF | RES1 | (~flags & ARITH);	/* all wrong to start */
	want = r;
	emulate(BYTES(0x48, 0x01, 0xfa), &r, 0x7000);
	want.rdx = sum;
	want.eflags = IF | RES1 | flags;
	want.rip = 0x7003;
	ck_assert_msg(r.eflags == want.eflags, "%#llx + %#llx: eflags %#llx, want %#llx",
		      (unsigned long long)a, (unsigned long long)b,
		      (unsigned long long)r.eflags,
		      (unsigned long long)want.eflags);
	same_regs(&r, &want);
}

START_TEST(test_add_flags)
{
	add_case(1, 2, 3, PF);				/* 0b11: even parity */
	add_case(1, 1, 2, 0);				/* 0b10: odd parity */
	add_case(8, 8, 0x10, AF);			/* carry out of bit 3 only */
	add_case(0xf, 1, 0x10, AF);
	add_case(0xffffffffffffffffull, 1, 0, CF | ZF | PF | AF);
	add_case(0x7fffffffffffffffull, 1, 0x8000000000000000ull,
		 OF | SF | PF | AF);
	add_case(0x8000000000000000ull, 0x8000000000000000ull, 0,
		 CF | OF | ZF | PF);
	add_case(0xffffffffffffffffull, 0xffffffffffffffffull,
		 0xfffffffffffffffeull, CF | SF | AF);	/* 0xfe: seven bits */
	add_case(0x80000000ull, 0x80000000ull, 0x100000000ull, PF);
	add_case(0, 0, 0, ZF | PF);
	/* parity looks at the low byte only */
	add_case(0x100, 0x200, 0x300, PF);
}
END_TEST

START_TEST(test_add_forms)
{
	/* 03 /r: add %r9,%rax (reg += rm) */
	struct user_regs_struct r = regs_init(), want = r;
	emulate(BYTES(0x49, 0x03, 0xc1), &r, 0x7000);
	want.rax = want.rax + want.r9;
	ck_assert_uint_eq(r.rax, want.rax);
	ck_assert_uint_eq(r.r9, want.r9);
	/* 32-bit add wraps at 32 bits, sets CF there, zero-extends */
	r = regs_init();
	r.rdx = 0x12345678ffffffffull;
	r.rdi = 1;
	emulate(BYTES(0x01, 0xfa), &r, 0x7000);
	ck_assert_uint_eq(r.rdx, 0);
	ck_assert_uint_eq(r.eflags, IF | RES1 | CF | ZF | PF | AF);
	r = regs_init();
	r.rdx = 0x7fffffff;
	r.rdi = 0;
	r.rax = 0x80000000;
	emulate(BYTES(0x01, 0xc2), &r, 0x7000);		/* add %eax,%edx */
	ck_assert_uint_eq(r.rdx, 0xffffffff);
	ck_assert_uint_eq(r.eflags, IF | RES1 | SF | PF);
}
END_TEST

START_TEST(test_xor_test_cmp)
{
	struct user_regs_struct r = regs_init(), want;
	r.eflags = IF | RES1 | CF | OF | AF | SF;
	want = r;
	emulate(BYTES(0x31, 0xc9), &r, 0x8000);		/* xor %ecx,%ecx */
	want.rcx = 0;
	want.eflags = IF | RES1 | ZF | PF;
	want.rip = 0x8002;
	same_regs(&r, &want);

	r = regs_init();
	want = r;
	emulate(BYTES(0x45, 0x31, 0xc0), &r, 0x8000);	/* xor %r8d,%r8d */
	want.r8 = 0;
	want.eflags = IF | RES1 | ZF | PF;
	want.rip = 0x8003;
	same_regs(&r, &want);

	r = regs_init();
	r.rax = 0x8000000000000000ull;
	r.rdx = 0x01;
	emulate(BYTES(0x48, 0x33, 0xc2), &r, 0x8000);	/* xor %rdx,%rax */
	ck_assert_uint_eq(r.rax, 0x8000000000000001ull);
	ck_assert_uint_eq(r.eflags, IF | RES1 | SF);

	r = regs_init();
	r.rdi = 0;
	want = r;
	emulate(BYTES(0x48, 0x85, 0xff), &r, 0x8000);	/* test %rdi,%rdi */
	want.eflags = IF | RES1 | ZF | PF;
	want.rip = 0x8003;
	same_regs(&r, &want);
	r.rdi = 0x8000000000000003ull;
	emulate(BYTES(0x48, 0x85, 0xff), &r, 0x8000);
	ck_assert_uint_eq(r.rdi, 0x8000000000000003ull);
	ck_assert_uint_eq(r.eflags, IF | RES1 | SF | PF);

	/* cmp $0xfff,%rdx (__realpath_chk) */
	r = regs_init();
	r.rdx = 0xfff;
	want = r;
	emulate(BYTES(0x48, 0x81, 0xfa, 0xff, 0x0f, 0x00, 0x00), &r, 0x8000);
	want.eflags = IF | RES1 | ZF | PF;
	want.rip = 0x8007;
	same_regs(&r, &want);
	r.rdx = 0;
	emulate(BYTES(0x48, 0x81, 0xfa, 0xff, 0x0f, 0x00, 0x00), &r, 0x8000);
	ck_assert_uint_eq(r.rdx, 0);		/* 0 - 0xfff = ...f001 */
	ck_assert_uint_eq(r.eflags, IF | RES1 | CF | SF | AF);
	r.rdx = 0x1000;
	emulate(BYTES(0x48, 0x81, 0xfa, 0xff, 0x0f, 0x00, 0x00), &r, 0x8000);
	ck_assert_uint_eq(r.eflags, IF | RES1 | AF);	/* 1, odd parity */

	/* cmp %rdx,%rcx (__strncpy_chk) computes rcx - rdx */
	r = regs_init();
	r.rcx = 5;
	r.rdx = 7;
	emulate(BYTES(0x48, 0x39, 0xd1), &r, 0x8000);
	ck_assert_uint_eq(r.rcx, 5);
	ck_assert_uint_eq(r.eflags, IF | RES1 | CF | SF | AF);	/* ...fe */
	emulate(BYTES(0x48, 0x3b, 0xd1), &r, 0x8000);	/* cmp %rcx,%rdx */
	ck_assert_uint_eq(r.eflags, IF | RES1);		/* 2 */
	/* the signed overflow of a compare */
	r.rcx = 0x8000000000000000ull;
	r.rdx = 1;
	emulate(BYTES(0x48, 0x39, 0xd1), &r, 0x8000);
	ck_assert_uint_eq(r.eflags, IF | RES1 | OF | AF | PF);	/* 0x7f..ff */
}
END_TEST

START_TEST(test_rip_relative)
{
	/* lea 0x194139(%rip),%rsi (srand48) */
	struct user_regs_struct r = regs_init(), want = r;
	struct bkpt_insn in = decode_ok(BYTES(0x48, 0x8d, 0x35, 0x39, 0x41, 0x19, 0x00));
	ck_assert(!bkpt_insn_loads(&in));
	emulate(BYTES(0x48, 0x8d, 0x35, 0x39, 0x41, 0x19, 0x00), &r, 0x415b0);
	want.rsi = 0x415b7 + 0x194139;
	want.rip = 0x415b7;
	same_regs(&r, &want);

	/* negative displacement: lea -0x10(%rip),%r13 */
	r = regs_init();
	emulate(BYTES(0x4c, 0x8d, 0x2d, 0xf0, 0xff, 0xff, 0xff), &r, 0x1000);
	ck_assert_uint_eq(r.r13, 0x1007 - 0x10);

	/* mov 0x15e891(%rip),%rax (vprintf) reads 8 bytes */
	in = decode_ok(BYTES(0x48, 0x8b, 0x05, 0x91, 0xe8, 0x15, 0x00));
	ck_assert(bkpt_insn_loads(&in));
	ck_assert_uint_eq(bkpt_insn_load_addr(&in, 0x7fff00074570ull),
			  0x7fff00074577ull + 0x15e891);
	r = regs_init();
	want = r;
	struct bkpt_mem_write w;
	ck_assert_int_eq(bkpt_insn_emulate(&in, &r, 0x7fff00074570ull,
					   0x00007f0011223344ull, &w), 0);
	ck_assert(!w.valid);
	want.rax = 0x00007f0011223344ull;
	want.rip = 0x7fff00074577ull;
	same_regs(&r, &want);

	/* REX.R: mov 0x10(%rip),%r11 */
	in = decode_ok(BYTES(0x4c, 0x8b, 0x1d, 0x10, 0x00, 0x00, 0x00));
	ck_assert_uint_eq(in.dst, R11);
}
END_TEST

/* Bytes that must be refused: partial encodings and everything outside
 * the accepted forms, many of them one bit away from an accepted one. */
static const struct {
	uint8_t n;
	uint8_t b[8];
	const char *what;
} refused[] = {
	{ 0, { 0 }, "nothing" },
	{ 1, { 0x48 }, "REX alone" },
	{ 1, { 0x41 }, "REX.B alone" },
	{ 2, { 0x48, 0x89 }, "mov without ModRM" },
	{ 3, { 0x48, 0x83, 0xec }, "sub without imm8" },
	{ 6, { 0x48, 0x81, 0xec, 0xd8, 0x00, 0x00 }, "sub with 3 of 4 imm bytes" },
	{ 4, { 0xb9, 0x02, 0x00, 0x00 }, "mov imm32 cut" },
	{ 6, { 0x48, 0x8b, 0x05, 0x91, 0xe8, 0x15 }, "rip load cut" },
	{ 3, { 0xf3, 0x0f, 0x1e }, "endbr64 cut" },
	{ 4, { 0xf3, 0x0f, 0x1e, 0xfb }, "endbr32" },
	{ 5, { 0x48, 0x89, 0x54, 0x24, 0xf8 }, "mov %rdx,-0x8(%rsp)" },
	{ 3, { 0x48, 0x8b, 0x07 }, "mov (%rdi),%rax" },
	{ 3, { 0x48, 0x89, 0x07 }, "mov %rax,(%rdi)" },
	{ 7, { 0x49, 0x8b, 0x05, 0, 0, 0, 0 }, "rip load with REX.B" },
	{ 6, { 0x8b, 0x05, 0, 0, 0, 0 }, "32-bit rip load" },
	{ 6, { 0x8d, 0x05, 0, 0, 0, 0 }, "32-bit rip lea" },
	{ 3, { 0x48, 0x8d, 0x07 }, "lea (%rdi),%rax" },
	{ 3, { 0x42, 0x89, 0xf0 }, "REX.X" },
	{ 3, { 0x66, 0x89, 0xc0 }, "operand-size prefix" },
	{ 4, { 0x48, 0x48, 0x89, 0xf1 }, "two REX" },
	{ 4, { 0x64, 0x48, 0x89, 0xf1 }, "segment prefix" },
	{ 3, { 0xf0, 0x01, 0xc0 }, "lock" },
	{ 8, { 0x48, 0xb8, 1, 2, 3, 4, 5, 6 }, "movabs" },
	{ 4, { 0x48, 0x83, 0xcc, 0x08 }, "or $8,%rsp" },
	{ 4, { 0x48, 0x83, 0xe4, 0xf0 }, "and $-16,%rsp" },
	{ 4, { 0x4c, 0x83, 0xec, 0x08 }, "REX.R on a group opcode" },
	{ 6, { 0x69, 0x17, 0x6d, 0x4e, 0xc6, 0x41 }, "imul $..,(%rdi),%edx (rand_r)" },
	{ 3, { 0x48, 0x29, 0xc4 }, "sub %rax,%rsp" },
	{ 3, { 0x48, 0x85, 0x07 }, "test mem" },
	{ 2, { 0x44, 0x50 }, "push with REX.R" },
	{ 2, { 0x48, 0x50 }, "push with REX.W" },
	{ 2, { 0xff, 0xf5 }, "push via ff /6" },
	{ 1, { 0x90 }, "nop" },
	{ 1, { 0xc3 }, "ret" },
	{ 5, { 0xe9, 0, 0, 0, 0 }, "jmp" },
	{ 5, { 0xe8, 0, 0, 0, 0 }, "call" },
	{ 2, { 0x0f, 0x05 }, "syscall" },
	{ 1, { 0xcc }, "int3" },
	{ 2, { 0x74, 0x0b }, "je" },
};

START_TEST(test_refused)
{
	for (size_t i = 0; i < ARRAY_SIZE(refused); i++) {
		struct bkpt_insn in;
		memset(&in, 0x5a, sizeof(in));
		int r = bkpt_insn_decode(refused[i].b, refused[i].n, &in);
		ck_assert_msg(r == -ENOTSUP, "%s: accepted (%d, len %u)",
			      refused[i].what, r, in.len);
		ck_assert_uint_eq(in.op, BKPT_OP_NONE);
		ck_assert_uint_eq(in.len, 0);
	}
}
END_TEST

START_TEST(test_emulate_rejects_garbage)
{
	struct bkpt_insn in;
	memset(&in, 0, sizeof(in));
	struct user_regs_struct r = regs_init(), want = r;
	struct bkpt_mem_write w;
	ck_assert_int_eq(bkpt_insn_emulate(&in, &r, 0x1000, 0, &w), -EINVAL);
	in.op = BKPT_OP_COUNT;
	in.len = 1;
	ck_assert_int_eq(bkpt_insn_emulate(&in, &r, 0x1000, 0, &w), -EINVAL);
	in.op = BKPT_OP_MOV;
	in.dst = 16;
	ck_assert_int_eq(bkpt_insn_emulate(&in, &r, 0x1000, 0, &w), -EINVAL);
	same_regs(&r, &want);
	ck_assert(!w.valid);
}
END_TEST

/*
 * The CPU itself as the reference: run the instruction natively and
 * compare result and flags. After xor and test AF is architecturally
 * undefined, so it is not compared there (test_xor_test_cmp pins what
 * rxtrace sets). pushf writes below rsp: step over the red zone first.
 */
#define NATIVE(fn, insn, type)							\
	static uint64_t fn(uint64_t a, uint64_t b, uint64_t *fl)		\
	{									\
		type x = (type)a, y = (type)b;					\
		__asm__(insn " %2, %0\n\t"					\
			"leaq -128(%%rsp), %%rsp\n\t"				\
			"pushfq\n\t"						\
			"popq %1\n\t"						\
			"leaq 128(%%rsp), %%rsp"				\
			: "+r"(x), "=r"(*fl) : "r"(y) : "cc");		\
		return x;							\
	}
NATIVE(native_add64, "addq", uint64_t)
NATIVE(native_sub64, "subq", uint64_t)
NATIVE(native_cmp64, "cmpq", uint64_t)
NATIVE(native_xor64, "xorq", uint64_t)
NATIVE(native_test64, "testq", uint64_t)
NATIVE(native_add32, "addl", uint32_t)
NATIVE(native_sub32, "subl", uint32_t)
NATIVE(native_cmp32, "cmpl", uint32_t)
NATIVE(native_xor32, "xorl", uint32_t)
NATIVE(native_test32, "testl", uint32_t)

/* Each op on %rdi with source %rsi, or with an imm32 for sub and cmp
 * (accepted only in that form); ModRM 0xf7 is rsi -> rdi, 0xef /5 and
 * 0xff /7 name rdi. */
static const struct {
	const char *name;
	uint64_t (*native)(uint64_t, uint64_t, uint64_t *);
	uint8_t code[7];
	uint8_t n;
	bool imm;
	unsigned mask;
} natives[] = {
	{ "add64", native_add64, { 0x48, 0x01, 0xf7 }, 3, false, ARITH },
	{ "sub64", native_sub64, { 0x48, 0x81, 0xef }, 7, true, ARITH },
	{ "cmp64", native_cmp64, { 0x48, 0x81, 0xff }, 7, true, ARITH },
	{ "xor64", native_xor64, { 0x48, 0x31, 0xf7 }, 3, false, ARITH & ~AF },
	{ "test64", native_test64, { 0x48, 0x85, 0xf7 }, 3, false, ARITH & ~AF },
	{ "add32", native_add32, { 0x01, 0xf7 }, 2, false, ARITH },
	{ "sub32", native_sub32, { 0x81, 0xef }, 6, true, ARITH },
	{ "cmp32", native_cmp32, { 0x81, 0xff }, 6, true, ARITH },
	{ "xor32", native_xor32, { 0x31, 0xf7 }, 2, false, ARITH & ~AF },
	{ "test32", native_test32, { 0x85, 0xf7 }, 2, false, ARITH & ~AF },
};

static const uint64_t edge[] = {
	0, 1, 2, 7, 8, 0xf, 0x10, 0x7f, 0x80, 0xff, 0x100, 0x7fffffff,
	0x80000000, 0xffffffff, 0x100000000ull, 0x7fffffffffffffffull,
	0x8000000000000000ull, 0xfffffffffffffff0ull, 0xffffffffffffffffull,
	0x123456789abcdef0ull, 0xfedcba9876543210ull,
};

START_TEST(test_against_cpu)
{
	for (size_t k = 0; k < ARRAY_SIZE(natives); k++) {
		for (size_t i = 0; i < ARRAY_SIZE(edge); i++) {
			for (size_t j = 0; j < ARRAY_SIZE(edge); j++) {
				uint64_t a = edge[i], b = edge[j];
				uint8_t code[7];
				memcpy(code, natives[k].code, sizeof(code));
				if (natives[k].imm) {
					int32_t imm = (int32_t)(uint32_t)b;
					b = (uint64_t)(int64_t)imm;
					memcpy(&code[natives[k].n - 4], &imm, 4);
				}
				uint64_t fl;
				uint64_t res = natives[k].native(a, b, &fl);
				struct user_regs_struct r = regs_init();
				r.rdi = a;
				r.rsi = b;
				struct bkpt_insn in = decode_ok(code, natives[k].n);
				struct bkpt_mem_write w;
				ck_assert_int_eq(bkpt_insn_emulate(&in, &r, 0, 0, &w), 0);
				bool is32 = natives[k].name[strlen(natives[k].name) - 1] == '2';
				if (is32 && (in.op == BKPT_OP_CMP || in.op == BKPT_OP_TEST))
					res = a;	/* unchanged, not truncated */
				else if (is32)
					res &= 0xffffffff;
				ck_assert_msg(r.rdi == res && !((r.eflags ^ fl) & natives[k].mask),
					      "%s %#llx, %#llx: %#llx fl %#llx, cpu %#llx fl %#llx",
					      natives[k].name, (unsigned long long)a,
					      (unsigned long long)b,
					      (unsigned long long)r.rdi,
					      (unsigned long long)(r.eflags & ARITH),
					      (unsigned long long)res,
					      (unsigned long long)(fl & ARITH));
			}
		}
	}
}
END_TEST

/*
 * The first instruction of every function rxtrace breaks on, in Debian
 * 12's glibc 2.36 (libc.so.6 build-id 93ac61ec5a8eb1396f9fbd350e3169a558528a40),
 * read from the file; IFUNC implementations named from libc6-dbg's
 * .symtab. The IFUNC symbols themselves (strcpy, strcat, stpcpy, strncpy,
 * strncat, wcscpy) are resolvers, never breakpoints, and not listed.
 * The variadic printf and scanf functions all start with sub $0xd8,%rsp:
 * room to spill the argument registers for their va_list.
 */
#define LIBC_BUILD_ID "93ac61ec5a8eb1396f9fbd350e3169a558528a40"
#define SUB_D8 { 0x48, 0x81, 0xec, 0xd8, 0x00, 0x00, 0x00 }, 7, BKPT_OP_SUB

enum where { DYN, IMPL };	/* .dynsym name, or IFUNC implementation */

static const struct entry {
	const char *name;
	uint8_t b[BKPT_INSN_MAX];
	uint8_t len;		/* 0: not emulatable */
	uint8_t op;
	uint8_t where;
} entries[] = {
	/* CORE-1 string copies: IFUNC implementations */
	{ "__strcpy_avx2", { 0x48, 0x89, 0xf1 }, 3, BKPT_OP_MOV, IMPL },	/* mov %rsi,%rcx */
	{ "__strcpy_avx2_rtm", { 0x48, 0x89, 0xf1 }, 3, BKPT_OP_MOV, IMPL },
	{ "__strcpy_evex", { 0x48, 0x89, 0xf1 }, 3, BKPT_OP_MOV, IMPL },
	{ "__strcpy_sse2", { 0x48, 0x89, 0xf1 }, 3, BKPT_OP_MOV, IMPL },
	{ "__strcpy_sse2_unaligned", { 0x48, 0x89, 0xf1 }, 3, BKPT_OP_MOV, IMPL },
	{ "__stpcpy_avx2", { 0x48, 0x89, 0xf1 }, 3, BKPT_OP_MOV, IMPL },
	{ "__stpcpy_avx2_rtm", { 0x48, 0x89, 0xf1 }, 3, BKPT_OP_MOV, IMPL },
	{ "__stpcpy_evex", { 0x48, 0x89, 0xf1 }, 3, BKPT_OP_MOV, IMPL },
	{ "__stpcpy_sse2", { 0x48, 0x89, 0xf1 }, 3, BKPT_OP_MOV, IMPL },
	{ "__stpcpy_sse2_unaligned", { 0x48, 0x89, 0xf1 }, 3, BKPT_OP_MOV, IMPL },
	{ "__strcat_avx2", { 0x49, 0x89, 0xf9 }, 3, BKPT_OP_MOV, IMPL },	/* mov %rdi,%r9 */
	{ "__strcat_avx2_rtm", { 0x49, 0x89, 0xf9 }, 3, BKPT_OP_MOV, IMPL },
	{ "__strcat_evex", { 0x49, 0x89, 0xf9 }, 3, BKPT_OP_MOV, IMPL },
	{ "__strcat_sse2", { 0x48, 0x89, 0xf9 }, 3, BKPT_OP_MOV, IMPL },	/* mov %rdi,%rcx */
	{ "__strcat_sse2_unaligned", { 0x49, 0x89, 0xf9 }, 3, BKPT_OP_MOV, IMPL },
	{ "__strncpy_avx2", { 0x49, 0x89, 0xd0 }, 3, BKPT_OP_MOV, IMPL },	/* mov %rdx,%r8 */
	{ "__strncpy_avx2_rtm", { 0x49, 0x89, 0xd0 }, 3, BKPT_OP_MOV, IMPL },
	{ "__strncpy_evex", { 0x49, 0x89, 0xd0 }, 3, BKPT_OP_MOV, IMPL },
	{ "__strncpy_sse2_unaligned", { 0x49, 0x89, 0xd0 }, 3, BKPT_OP_MOV, IMPL },
	{ "__strncat_avx2", { 0x49, 0x89, 0xf9 }, 3, BKPT_OP_MOV, IMPL },
	{ "__strncat_avx2_rtm", { 0x49, 0x89, 0xf9 }, 3, BKPT_OP_MOV, IMPL },
	{ "__strncat_evex", { 0x49, 0x89, 0xf9 }, 3, BKPT_OP_MOV, IMPL },
	{ "__strncat_sse2_unaligned", { 0x49, 0x89, 0xf9 }, 3, BKPT_OP_MOV, IMPL },
	{ "__wcscpy_generic", { 0x55 }, 1, BKPT_OP_PUSH, IMPL },		/* push %rbp */
	{ "__wcscpy_ssse3", { 0x48, 0x89, 0xf1 }, 3, BKPT_OP_MOV, IMPL },
	/* CORE-1, plain functions */
	{ "wcscat", { 0x55 }, 1, BKPT_OP_PUSH, DYN },
	{ "sprintf", SUB_D8, DYN },
	{ "vsprintf", { 0x41, 0x55 }, 2, BKPT_OP_PUSH, DYN },		/* push %r13 */
	{ "realpath", { 0x41, 0x57 }, 2, BKPT_OP_PUSH, DYN },		/* push %r15 */
	{ "getwd", { 0x55 }, 1, BKPT_OP_PUSH, DYN },
	{ "scanf", SUB_D8, DYN },
	{ "fscanf", SUB_D8, DYN },
	{ "sscanf", { 0x41, 0x54 }, 2, BKPT_OP_PUSH, DYN },		/* push %r12 */
	{ "vscanf", { 0x48, 0x8b, 0x05, 0x09, 0x49, 0x15, 0x00 }, 7, BKPT_OP_LOAD_RIP, DYN },
	{ "vfscanf", { 0x31, 0xc9 }, 2, BKPT_OP_XOR, DYN },		/* xor %ecx,%ecx */
	{ "vsscanf", { 0x41, 0x55 }, 2, BKPT_OP_PUSH, DYN },
	/* C99 programs call these for scanf, fscanf, ... (glibc redirects) */
	{ "__isoc99_scanf", SUB_D8, DYN },
	{ "__isoc99_fscanf", SUB_D8, DYN },
	{ "__isoc99_sscanf", { 0x41, 0x54 }, 2, BKPT_OP_PUSH, DYN },
	{ "__isoc99_vscanf", { 0x48, 0x8b, 0x05, 0xb9, 0x0b, 0x18, 0x00 }, 7, BKPT_OP_LOAD_RIP, DYN },
	{ "__isoc99_vfscanf", { 0xb9, 0x02, 0x00, 0x00, 0x00 }, 5, BKPT_OP_MOV_IMM, DYN },
	{ "__isoc99_vsscanf", { 0x41, 0x55 }, 2, BKPT_OP_PUSH, DYN },
	/* fortified variants */
	{ "__strcpy_chk", { 0x41, 0x54 }, 2, BKPT_OP_PUSH, DYN },
	{ "__stpcpy_chk", { 0x41, 0x55 }, 2, BKPT_OP_PUSH, DYN },
	{ "__strcat_chk", { 0x48, 0x01, 0xfa }, 3, BKPT_OP_ADD, DYN },	/* add %rdi,%rdx */
	{ "__strncpy_chk", { 0x48, 0x39, 0xd1 }, 3, BKPT_OP_CMP, DYN },	/* cmp %rdx,%rcx */
	{ "__strncat_chk", { 0x49, 0x89, 0xf8 }, 3, BKPT_OP_MOV, DYN },	/* mov %rdi,%r8 */
	{ "__wcscpy_chk", { 0x31, 0xc9 }, 2, BKPT_OP_XOR, DYN },
	{ "__wcscat_chk", { 0x48, 0x89, 0xf9 }, 3, BKPT_OP_MOV, DYN },
	{ "__sprintf_chk", SUB_D8, DYN },
	{ "__vsprintf_chk", { 0x89, 0xf0 }, 2, BKPT_OP_MOV, DYN },		/* mov %esi,%eax */
	{ "__realpath_chk", { 0x48, 0x81, 0xfa, 0xff, 0x0f, 0x00, 0x00 }, 7, BKPT_OP_CMP, DYN },
	{ "__getwd_chk", { 0x48, 0x83, 0xec, 0x08 }, 4, BKPT_OP_SUB, DYN },	/* sub $8,%rsp */
	{ "__gets_chk", { 0x41, 0x56 }, 2, BKPT_OP_PUSH, DYN },		/* push %r14 */
	/* LIB-002 */
	{ "gets", { 0x41, 0x55 }, 2, BKPT_OP_PUSH, DYN },
	/* LIB-003 format strings */
	{ "printf", SUB_D8, DYN },
	{ "fprintf", SUB_D8, DYN },
	{ "dprintf", SUB_D8, DYN },
	{ "snprintf", SUB_D8, DYN },
	{ "vprintf", { 0x48, 0x8b, 0x05, 0x91, 0xe8, 0x15, 0x00 }, 7, BKPT_OP_LOAD_RIP, DYN },
	{ "vfprintf", { 0x31, 0xc9 }, 2, BKPT_OP_XOR, DYN },
	{ "vdprintf", { 0x31, 0xc9 }, 2, BKPT_OP_XOR, DYN },
	{ "vsnprintf", { 0x45, 0x31, 0xc0 }, 3, BKPT_OP_XOR, DYN },		/* xor %r8d,%r8d */
	{ "syslog", SUB_D8, DYN },
	{ "vsyslog", { 0x31, 0xc9 }, 2, BKPT_OP_XOR, DYN },
	{ "err", SUB_D8, DYN },
	{ "errx", SUB_D8, DYN },
	{ "warn", SUB_D8, DYN },
	{ "warnx", SUB_D8, DYN },
	{ "verr", { 0x53 }, 1, BKPT_OP_PUSH, DYN },				/* push %rbx */
	{ "verrx", { 0x53 }, 1, BKPT_OP_PUSH, DYN },
	{ "vwarn", { 0x31, 0xd2 }, 2, BKPT_OP_XOR, DYN },			/* xor %edx,%edx */
	{ "vwarnx", { 0x31, 0xd2 }, 2, BKPT_OP_XOR, DYN },
	{ "__printf_chk", SUB_D8, DYN },
	{ "__fprintf_chk", SUB_D8, DYN },
	{ "__dprintf_chk", SUB_D8, DYN },
	{ "__snprintf_chk", SUB_D8, DYN },
	{ "__syslog_chk", SUB_D8, DYN },
	{ "__vprintf_chk", { 0x48, 0x8b, 0x05, 0xd1, 0xc2, 0x0b, 0x00 }, 7, BKPT_OP_LOAD_RIP, DYN },
	{ "__vfprintf_chk", { 0x89, 0xf0 }, 2, BKPT_OP_MOV, DYN },
	{ "__vdprintf_chk", { 0x89, 0xf0 }, 2, BKPT_OP_MOV, DYN },
	{ "__vsnprintf_chk", { 0x49, 0x89, 0xfa }, 3, BKPT_OP_MOV, DYN },	/* mov %rdi,%r10 */
	{ "__vsyslog_chk", { 0x89, 0xf0 }, 2, BKPT_OP_MOV, DYN },
	/* CORE-2 generators and seeding */
	{ "rand", { 0x48, 0x83, 0xec, 0x08 }, 4, BKPT_OP_SUB, DYN },
	{ "rand_r", { 0x69, 0x17, 0x6d, 0x4e, 0xc6, 0x41 }, 0, 0, DYN },	/* imul $0x41c64e6d,(%rdi),%edx */
	{ "random", { 0x48, 0x83, 0xec, 0x18 }, 4, BKPT_OP_SUB, DYN },	/* sub $0x18,%rsp */
	{ "random_r", { 0x48, 0x85, 0xff }, 3, BKPT_OP_TEST, DYN },		/* test %rdi,%rdi */
	{ "drand48", { 0x48, 0x83, 0xec, 0x18 }, 4, BKPT_OP_SUB, DYN },
	{ "erand48", { 0x48, 0x83, 0xec, 0x18 }, 4, BKPT_OP_SUB, DYN },
	{ "lrand48", { 0x48, 0x83, 0xec, 0x18 }, 4, BKPT_OP_SUB, DYN },
	{ "nrand48", { 0x48, 0x83, 0xec, 0x18 }, 4, BKPT_OP_SUB, DYN },
	{ "mrand48", { 0x48, 0x83, 0xec, 0x18 }, 4, BKPT_OP_SUB, DYN },
	{ "jrand48", { 0x48, 0x83, 0xec, 0x18 }, 4, BKPT_OP_SUB, DYN },
	{ "srand", { 0x53 }, 1, BKPT_OP_PUSH, DYN },
	{ "srandom", { 0x53 }, 1, BKPT_OP_PUSH, DYN },
	{ "srand48", { 0x48, 0x8d, 0x35, 0x39, 0x41, 0x19, 0x00 }, 7, BKPT_OP_LEA_RIP, DYN },
	{ "seed48", { 0x48, 0x83, 0xec, 0x08 }, 4, BKPT_OP_SUB, DYN },
	{ "lcong48", { 0x48, 0x8d, 0x35, 0xc9, 0x62, 0x19, 0x00 }, 7, BKPT_OP_LEA_RIP, DYN },
	{ "initstate", { 0x55 }, 1, BKPT_OP_PUSH, DYN },
	{ "setstate", { 0x55 }, 1, BKPT_OP_PUSH, DYN },
	/* FILE-003, PROC-001, ENV-001 and LIB-008 enrichment */
	{ "mktemp", { 0x53 }, 1, BKPT_OP_PUSH, DYN },
	{ "tmpnam", { 0x55 }, 1, BKPT_OP_PUSH, DYN },
	{ "tempnam", { 0x53 }, 1, BKPT_OP_PUSH, DYN },
	{ "system", { 0x48, 0x85, 0xff }, 3, BKPT_OP_TEST, DYN },
	{ "popen", { 0x41, 0x55 }, 2, BKPT_OP_PUSH, DYN },
	{ "wordexp", { 0x41, 0x57 }, 2, BKPT_OP_PUSH, DYN },
	{ "setenv", { 0x41, 0x54 }, 2, BKPT_OP_PUSH, DYN },
	{ "putenv", { 0x55 }, 1, BKPT_OP_PUSH, DYN },
	{ "dlopen", { 0x53 }, 1, BKPT_OP_PUSH, DYN },
	{ "dlmopen", { 0x53 }, 1, BKPT_OP_PUSH, DYN },
};

/* The table's bytes decode to what the table says, wherever it runs. */
START_TEST(test_entry_table)
{
	for (size_t i = 0; i < ARRAY_SIZE(entries); i++) {
		const struct entry *e = &entries[i];
		struct bkpt_insn in;
		int r = bkpt_insn_decode(e->b, sizeof(e->b), &in);
		if (!e->len) {
			ck_assert_msg(r == -ENOTSUP, "%s: accepted", e->name);
			continue;
		}
		ck_assert_msg(r == 0, "%s: %d", e->name, r);
		ck_assert_msg(in.len == e->len && in.op == e->op,
			      "%s: len %u op %u", e->name, in.len, in.op);
	}
}
END_TEST

/* The libc this test runs with, and its link map (load bias). */
static const char *own_libc(struct link_map **lm)
{
	Dl_info info;
	void *p = dlsym(RTLD_DEFAULT, "rand");
	ck_assert(p);
	ck_assert(dladdr1(p, &info, (void **)lm, RTLD_DL_LINKMAP));
	return info.dli_fname;
}

static bool same_build(struct bkpt_elf *libc)
{
	const void *id;
	ssize_t n = dwelf_elf_gnu_build_id(libc->elf, &id);
	char hex[2 * 64 + 1] = "";
	for (ssize_t i = 0; i < n && i < 64; i++)
		sprintf(hex + 2 * i, "%02x", ((const uint8_t *)id)[i]);
	return !strcmp(hex, LIBC_BUILD_ID);
}

/* libc6-dbg's separate debug file, found by build-id, or false. */
static bool open_debug(struct bkpt_elf *libc, struct bkpt_elf *dbg)
{
	const void *id;
	ssize_t n = dwelf_elf_gnu_build_id(libc->elf, &id);
	if (n < 2)
		return false;
	struct sbuf sb;
	sb_init(&sb);
	sb_puts(&sb, "/usr/lib/debug/.build-id/");
	for (ssize_t i = 0; i < n; i++)
		sb_printf(&sb, i == 0 ? "%02x/" : "%02x", ((const uint8_t *)id)[i]);
	sb_puts(&sb, ".debug");
	bool ok = bkpt_elf_open(dbg, sb.p) == 0;
	sb_release(&sb);
	return ok;
}

/* Decode the function at VADDR from the libc file; returns the decode
 * result, with the bytes in B. */
static int decode_at(struct bkpt_elf *libc, uint64_t vaddr, uint8_t *b,
		     struct bkpt_insn *in)
{
	ssize_t n = bkpt_elf_read(libc, vaddr, b, BKPT_INSN_MAX);
	ck_assert_int_eq(n, BKPT_INSN_MAX);
	return bkpt_insn_decode(b, (size_t)n, in);
}

/*
 * The real entries: every DYN function of the running libc decodes (or
 * is refused) as the table says; on the very build the table was taken
 * from, byte for byte. IFUNC implementations come from the debug file
 * when libc6-dbg is installed.
 */
START_TEST(test_libc_entries)
{
	struct link_map *lm;
	struct bkpt_elf libc, dbg;
	ck_assert_int_eq(bkpt_elf_open(&libc, own_libc(&lm)), 0);
	bool exact = same_build(&libc);
	bool have_dbg = open_debug(&libc, &dbg);
	unsigned checked = 0;

	for (size_t i = 0; i < ARRAY_SIZE(entries); i++) {
		const struct entry *e = &entries[i];
		if (e->where == IMPL && !have_dbg)
			continue;
		struct bkpt_sym sym;
		int r = bkpt_elf_func(e->where == IMPL ? &dbg : &libc, e->name, &sym);
		ck_assert_msg(r == 0, "%s: %d", e->name, r);
		ck_assert_msg(sym.type == STT_FUNC, "%s is an IFUNC", e->name);
		uint8_t b[BKPT_INSN_MAX];
		struct bkpt_insn in;
		r = decode_at(&libc, sym.value, b, &in);
		if (exact)
			ck_assert_msg(!memcmp(b, e->b, e->len ? e->len : 6),
				      "%s: bytes differ", e->name);
		if (e->len)
			ck_assert_msg(r == 0 && in.op == e->op,
				      "%s: %02x %02x %02x: %d", e->name,
				      b[0], b[1], b[2], r);
		checked++;
	}
	ck_assert_uint_ge(checked, 80);
	if (have_dbg)
		bkpt_elf_release(&dbg);
	bkpt_elf_release(&libc);
}
END_TEST

/*
 * The IFUNC implementations this process runs (dlsym calls the
 * resolver) decode, and with the debug file they are among the table's.
 */
START_TEST(test_libc_selected)
{
	static const char *const ifuncs[] = {
		"strcpy", "stpcpy", "strcat", "strncpy", "strncat", "wcscpy",
	};
	struct link_map *lm;
	struct bkpt_elf libc, dbg;
	ck_assert_int_eq(bkpt_elf_open(&libc, own_libc(&lm)), 0);
	bool have_dbg = open_debug(&libc, &dbg);
	/* libc's own choice: the first definition may be an interposer's
	 * (ASan's interceptors under --enable-sanitizers) */
	void *h = dlopen(LIBC_SO, RTLD_LAZY | RTLD_NOLOAD);
	ck_assert(h);

	for (size_t i = 0; i < ARRAY_SIZE(ifuncs); i++) {
		struct bkpt_sym sym;
		ck_assert_int_eq(bkpt_elf_func(&libc, ifuncs[i], &sym), 0);
		ck_assert_uint_eq(sym.type, STT_GNU_IFUNC);
		uint64_t impl = (uint64_t)(uintptr_t)dlsym(h, ifuncs[i]) -
				lm->l_addr;
		ck_assert_uint_ne(impl, sym.value);
		uint8_t b[BKPT_INSN_MAX];
		struct bkpt_insn in;
		ck_assert_msg(decode_at(&libc, impl, b, &in) == 0,
			      "%s: %02x %02x %02x", ifuncs[i], b[0], b[1], b[2]);
		if (!have_dbg)
			continue;
		bool listed = false;
		for (size_t k = 0; k < ARRAY_SIZE(entries) && !listed; k++) {
			struct bkpt_sym s;
			listed = entries[k].where == IMPL &&
				 bkpt_elf_func(&dbg, entries[k].name, &s) == 0 &&
				 s.value == impl;
		}
		ck_assert_msg(listed, "%s: implementation %#llx not in the table",
			      ifuncs[i], (unsigned long long)impl);
	}
	dlclose(h);
	if (have_dbg)
		bkpt_elf_release(&dbg);
	bkpt_elf_release(&libc);
}
END_TEST

static Suite *bkpt_insn_suite(void)
{
	Suite *s = suite_create("bkpt_insn");
	TCase *tc = tcase_create("forms");
	tcase_add_test(tc, test_endbr64);
	tcase_add_test(tc, test_mov64);
	tcase_add_test(tc, test_mov32_zero_extends);
	tcase_add_test(tc, test_mov_imm32);
	tcase_add_test(tc, test_push);
	tcase_add_test(tc, test_rsp_adjust);
	tcase_add_test(tc, test_add_flags);
	tcase_add_test(tc, test_add_forms);
	tcase_add_test(tc, test_xor_test_cmp);
	tcase_add_test(tc, test_rip_relative);
	tcase_add_test(tc, test_refused);
	tcase_add_test(tc, test_emulate_rejects_garbage);
	tcase_add_test(tc, test_against_cpu);
	suite_add_tcase(s, tc);

	tc = tcase_create("libc");
	tcase_add_test(tc, test_entry_table);
	tcase_add_test(tc, test_libc_entries);
	tcase_add_test(tc, test_libc_selected);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(bkpt_insn_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
