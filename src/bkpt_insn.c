/* bkpt_insn.c - decode and emulate the instruction an int3 displaces
 *
 * Only the forms that start the functions rxtrace breaks on are accepted,
 * each decoded completely: an instruction that is not fully understood is
 * -ENOTSUP, never a guessed length. tests/unit/test_bkpt_insn.c lists the
 * first instruction of every such function in glibc 2.36 (Debian 12) and
 * checks that the real bytes decode.
 */
#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "bkpt_insn.h"
#include "util.h"

#define REX_W 0x8
#define REX_R 0x4
#define REX_B 0x1

#define FL_CF 0x001u
#define FL_PF 0x004u
#define FL_AF 0x010u
#define FL_ZF 0x040u
#define FL_SF 0x080u
#define FL_OF 0x800u
#define FL_ARITH (FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF)

/* How the operands are encoded after the opcode byte. */
enum enc {
	ENC_PLUSREG,		/* register in the low 3 opcode bits (+ REX.B) */
	ENC_MODRM_REG,		/* ModRM with mod = 11: two registers */
	ENC_MODRM_RIP,		/* ModRM with mod = 00, rm = 101: disp32(%rip) */
};

/* Which ModRM field names the destination. */
enum dst { DST_RM, DST_REG };

/*
 * One accepted instruction form. REX bits outside ALLOW are refused
 * rather than interpreted (REX.X never applies: no form has a SIB byte);
 * NEED lists bits that must be set. Unless WIDE64, REX.W selects 64-bit
 * operands.
 */
struct form {
	uint8_t opcode;		/* ENC_PLUSREG: with the low 3 bits clear */
	uint8_t enc;		/* enum enc */
	int8_t ext;		/* required ModRM.reg (opcode extension), or -1 */
	uint8_t allow, need;	/* REX bits */
	bool wide64;		/* operand size 64 whatever REX.W says */
	uint8_t imm;		/* immediate or displacement bytes: 0, 1 or 4 */
	uint8_t op;		/* enum bkpt_insn_op */
	uint8_t dst;		/* enum dst; PLUSREG: the opcode's register */
};

#define RWB (REX_W | REX_R | REX_B)
#define WB (REX_W | REX_B)
#define WR (REX_W | REX_R)

/* First match wins; 0x8b is a register move or a rip-relative load. */
static const struct form forms[] = {
	/* op   enc            ext allow need   w64   imm op                dst */
	{ 0x89, ENC_MODRM_REG, -1, RWB,  0,     false, 0, BKPT_OP_MOV,      DST_RM },
	{ 0x8b, ENC_MODRM_REG, -1, RWB,  0,     false, 0, BKPT_OP_MOV,      DST_REG },
	{ 0x8b, ENC_MODRM_RIP, -1, WR,   REX_W, false, 4, BKPT_OP_LOAD_RIP, DST_REG },
	{ 0x8d, ENC_MODRM_RIP, -1, WR,   REX_W, false, 4, BKPT_OP_LEA_RIP,  DST_REG },
	{ 0xb8, ENC_PLUSREG,   -1, REX_B, 0,    false, 4, BKPT_OP_MOV_IMM,  DST_REG },
	{ 0x50, ENC_PLUSREG,   -1, REX_B, 0,    true,  0, BKPT_OP_PUSH,     DST_REG },
	{ 0x01, ENC_MODRM_REG, -1, RWB,  0,     false, 0, BKPT_OP_ADD,      DST_RM },
	{ 0x03, ENC_MODRM_REG, -1, RWB,  0,     false, 0, BKPT_OP_ADD,      DST_REG },
	{ 0x31, ENC_MODRM_REG, -1, RWB,  0,     false, 0, BKPT_OP_XOR,      DST_RM },
	{ 0x33, ENC_MODRM_REG, -1, RWB,  0,     false, 0, BKPT_OP_XOR,      DST_REG },
	{ 0x39, ENC_MODRM_REG, -1, RWB,  0,     false, 0, BKPT_OP_CMP,      DST_RM },
	{ 0x3b, ENC_MODRM_REG, -1, RWB,  0,     false, 0, BKPT_OP_CMP,      DST_REG },
	{ 0x85, ENC_MODRM_REG, -1, RWB,  0,     false, 0, BKPT_OP_TEST,     DST_RM },
	{ 0x83, ENC_MODRM_REG,  0, WB,   0,     false, 1, BKPT_OP_ADD,      DST_RM },
	{ 0x83, ENC_MODRM_REG,  5, WB,   0,     false, 1, BKPT_OP_SUB,      DST_RM },
	{ 0x83, ENC_MODRM_REG,  7, WB,   0,     false, 1, BKPT_OP_CMP,      DST_RM },
	{ 0x81, ENC_MODRM_REG,  0, WB,   0,     false, 4, BKPT_OP_ADD,      DST_RM },
	{ 0x81, ENC_MODRM_REG,  5, WB,   0,     false, 4, BKPT_OP_SUB,      DST_RM },
	{ 0x81, ENC_MODRM_REG,  7, WB,   0,     false, 4, BKPT_OP_CMP,      DST_RM },
};

/* endbr64 carries a mandatory f3 prefix, unlike the forms above; it is a
 * nop outside an IBT-enforced process, and Linux enforces no user IBT. */
static const uint8_t endbr64[] = { 0xf3, 0x0f, 0x1e, 0xfa };

static bool form_matches(const struct form *f, uint8_t opcode, uint8_t rex,
			 const uint8_t *modrm)
{
	if (f->enc == ENC_PLUSREG ? (opcode & 0xf8) != f->opcode
				  : opcode != f->opcode)
		return false;
	if ((rex & ~f->allow) || (rex & f->need) != f->need)
		return false;
	if (f->enc == ENC_PLUSREG)
		return true;
	if (!modrm)
		return false;
	uint8_t mod = *modrm >> 6, reg = *modrm >> 3 & 7, rm = *modrm & 7;
	if (f->ext >= 0 && reg != f->ext)
		return false;
	return f->enc == ENC_MODRM_REG ? mod == 3 : mod == 0 && rm == 5;
}

static int64_t read_imm(const uint8_t *p, unsigned n)
{
	if (n == 1)
		return (int8_t)p[0];
	int32_t v;
	memcpy(&v, p, sizeof(v));
	return v;
}

int bkpt_insn_decode(const uint8_t *code, size_t n, struct bkpt_insn *out)
{
	memset(out, 0, sizeof(*out));
	if (n >= sizeof(endbr64) && !memcmp(code, endbr64, sizeof(endbr64))) {
		out->len = sizeof(endbr64);
		out->op = BKPT_OP_NOP;
		return 0;
	}
	size_t i = 0;
	uint8_t rex = 0;
	if (n > 0 && (code[0] & 0xf0) == 0x40)
		rex = code[i++] & 0xf;
	if (i >= n)
		return -ENOTSUP;
	uint8_t opcode = code[i++];
	const uint8_t *modrm = i < n ? &code[i] : NULL;

	const struct form *f = NULL;
	for (size_t k = 0; k < ARRAY_SIZE(forms) && !f; k++)
		if (form_matches(&forms[k], opcode, rex, modrm))
			f = &forms[k];
	if (!f)
		return -ENOTSUP;
	if (f->enc != ENC_PLUSREG)
		i++;
	if (n - i < f->imm)
		return -ENOTSUP;

	out->op = f->op;
	out->wide = f->wide64 || (rex & REX_W);
	out->imm = f->imm ? read_imm(&code[i], f->imm) : 0;
	out->len = (uint8_t)(i + f->imm);
	if (f->enc == ENC_PLUSREG) {
		out->dst = (uint8_t)((opcode & 7) | (rex & REX_B ? 8 : 0));
		return 0;
	}
	uint8_t reg = (uint8_t)((*modrm >> 3 & 7) | (rex & REX_R ? 8 : 0));
	uint8_t rm = (uint8_t)((*modrm & 7) | (rex & REX_B ? 8 : 0));
	out->dst = f->dst == DST_RM ? rm : reg;
	if (f->enc == ENC_MODRM_REG && f->ext < 0) {
		out->has_src = true;
		out->src = f->dst == DST_RM ? reg : rm;
	}
	return 0;
}

bool bkpt_insn_loads(const struct bkpt_insn *in)
{
	return in->op == BKPT_OP_LOAD_RIP;
}

/* RIP-relative operands are relative to the end of the instruction. */
static uint64_t rip_target(const struct bkpt_insn *in, uint64_t insn_addr)
{
	return insn_addr + in->len + (uint64_t)in->imm;
}

uint64_t bkpt_insn_load_addr(const struct bkpt_insn *in, uint64_t insn_addr)
{
	return rip_target(in, insn_addr);
}

static const size_t reg_offsets[16] = {
	offsetof(struct user_regs_struct, rax),
	offsetof(struct user_regs_struct, rcx),
	offsetof(struct user_regs_struct, rdx),
	offsetof(struct user_regs_struct, rbx),
	offsetof(struct user_regs_struct, rsp),
	offsetof(struct user_regs_struct, rbp),
	offsetof(struct user_regs_struct, rsi),
	offsetof(struct user_regs_struct, rdi),
	offsetof(struct user_regs_struct, r8),
	offsetof(struct user_regs_struct, r9),
	offsetof(struct user_regs_struct, r10),
	offsetof(struct user_regs_struct, r11),
	offsetof(struct user_regs_struct, r12),
	offsetof(struct user_regs_struct, r13),
	offsetof(struct user_regs_struct, r14),
	offsetof(struct user_regs_struct, r15),
};

uint64_t *bkpt_insn_reg(struct user_regs_struct *regs, unsigned n)
{
	return (uint64_t *)((char *)regs + reg_offsets[n & 15]);
}

static bool parity_even(uint64_t v)
{
	return !__builtin_parity((unsigned)(v & 0xff));
}

/* CF, OF and AF of an addition or subtraction; ZF SF PF of any result.
 * After xor and test AF is architecturally undefined: the Intel CPU this
 * was written on clears it (checked with pushf), and so do we; CF and OF
 * are cleared as documented. */
static uint64_t arith_flags(unsigned op, uint64_t a, uint64_t b, uint64_t res,
			    bool wide)
{
	uint64_t mask = wide ? UINT64_MAX : UINT32_MAX;
	uint64_t sign = wide ? UINT64_C(1) << 63 : UINT64_C(1) << 31;
	uint64_t fl = 0;
	a &= mask;
	b &= mask;
	res &= mask;
	if (op == BKPT_OP_ADD) {
		fl |= res < a ? FL_CF : 0;
		fl |= ((a ^ res) & (b ^ res) & sign) ? FL_OF : 0;
	} else if (op == BKPT_OP_SUB || op == BKPT_OP_CMP) {
		fl |= a < b ? FL_CF : 0;
		fl |= ((a ^ b) & (a ^ res) & sign) ? FL_OF : 0;
	}
	if (op == BKPT_OP_ADD || op == BKPT_OP_SUB || op == BKPT_OP_CMP)
		fl |= (a ^ b ^ res) & 0x10 ? FL_AF : 0;
	fl |= res == 0 ? FL_ZF : 0;
	fl |= res & sign ? FL_SF : 0;
	fl |= parity_even(res) ? FL_PF : 0;
	return fl;
}

static uint64_t alu(unsigned op, uint64_t a, uint64_t b)
{
	switch (op) {
	case BKPT_OP_ADD:
		return a + b;
	case BKPT_OP_SUB:
	case BKPT_OP_CMP:
		return a - b;
	case BKPT_OP_XOR:
		return a ^ b;
	default:			/* BKPT_OP_TEST */
		return a & b;
	}
}

int bkpt_insn_emulate(const struct bkpt_insn *in, struct user_regs_struct *regs,
		      uint64_t insn_addr, uint64_t loaded,
		      struct bkpt_mem_write *w)
{
	memset(w, 0, sizeof(*w));
	if (in->op == BKPT_OP_NONE || in->op >= BKPT_OP_COUNT || in->len == 0 ||
	    in->len > BKPT_INSN_MAX || in->dst > 15 || in->src > 15)
		return -EINVAL;
	uint64_t *dst = bkpt_insn_reg(regs, in->dst);
	uint64_t src = in->has_src ? *bkpt_insn_reg(regs, in->src)
				   : (uint64_t)in->imm;
	/* A 32-bit result zero-extends into the 64-bit register. */
	uint64_t mask = in->wide ? UINT64_MAX : UINT32_MAX;

	switch (in->op) {
	case BKPT_OP_NOP:
		break;
	case BKPT_OP_MOV:
	case BKPT_OP_MOV_IMM:
		*dst = src & mask;
		break;
	case BKPT_OP_LEA_RIP:
		*dst = rip_target(in, insn_addr);
		break;
	case BKPT_OP_LOAD_RIP:
		*dst = loaded;
		break;
	case BKPT_OP_PUSH:
		/* push %rsp stores the value before the decrement */
		w->val = *dst;
		regs->rsp -= 8;
		w->addr = regs->rsp;
		w->valid = true;
		break;
	default: {
		uint64_t res = alu(in->op, *dst, src);
		regs->eflags = (regs->eflags & ~(uint64_t)FL_ARITH) |
			       arith_flags(in->op, *dst, src, res, in->wide);
		if (in->op != BKPT_OP_CMP && in->op != BKPT_OP_TEST)
			*dst = res & mask;
	}
	}
	regs->rip = insn_addr + in->len;
	return 0;
}
