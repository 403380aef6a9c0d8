/* bkpt_insn.h - decode and emulate the instruction an int3 displaces at a
 * function entry, so that a breakpoint hit resumes without restoring the
 * byte and single-stepping (which leaves other threads running unarmed) */
#ifndef RX_BKPT_INSN_H
#define RX_BKPT_INSN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/user.h>

/* Longest instruction the decoder accepts: REX, opcode, ModRM, imm32/disp32. */
#define BKPT_INSN_MAX 7

enum bkpt_insn_op {
	BKPT_OP_NONE = 0,	/* a zeroed struct: emulate refuses it */
	BKPT_OP_NOP,		/* endbr64 */
	BKPT_OP_MOV,		/* mov reg, reg */
	BKPT_OP_MOV_IMM,	/* mov $imm32, r32 */
	BKPT_OP_LEA_RIP,	/* lea disp32(%rip), r64 */
	BKPT_OP_LOAD_RIP,	/* mov disp32(%rip), r64: reads memory */
	BKPT_OP_PUSH,		/* push r64: writes memory */
	BKPT_OP_ADD,		/* add reg or imm to reg */
	BKPT_OP_SUB,		/* sub imm from reg */
	BKPT_OP_CMP,		/* cmp reg or imm with reg: flags only */
	BKPT_OP_XOR,		/* xor reg, reg */
	BKPT_OP_TEST,		/* test reg, reg: flags only */
	BKPT_OP_COUNT
};

/* Registers are numbered as in the encoding: 0 rax, 1 rcx, 2 rdx, 3 rbx,
 * 4 rsp, 5 rbp, 6 rsi, 7 rdi, 8-15 r8-r15. */
struct bkpt_insn {
	uint8_t len;		/* bytes: the new rip is insn_addr + len */
	uint8_t op;		/* enum bkpt_insn_op */
	bool wide;		/* 64-bit operands; else 32-bit, zero-extended */
	bool has_src;		/* src names a register; else imm is the source */
	uint8_t dst;		/* register written (or compared, pushed) */
	uint8_t src;
	int64_t imm;		/* sign-extended immediate, or the rip displacement */
};

/* The one memory write an emulated instruction makes (push): the caller
 * stores the 8 bytes of VAL at ADDR with PTRACE_POKEDATA. */
struct bkpt_mem_write {
	bool valid;
	uint64_t addr;
	uint64_t val;
};

/*
 * Decode the instruction at CODE (N bytes available, the original bytes
 * of the function entry, int3 not applied). Returns 0 and fills OUT when
 * the instruction is one of the forms bkpt_insn_emulate reproduces
 * exactly, -ENOTSUP for anything else, including a truncated encoding:
 * the caller then uses a one-shot breakpoint.
 */
int bkpt_insn_decode(const uint8_t *code, size_t n, struct bkpt_insn *out);

/* Whether the instruction reads memory (BKPT_OP_LOAD_RIP), and the
 * address of the 8 bytes it reads when executed at INSN_ADDR. */
bool bkpt_insn_loads(const struct bkpt_insn *in);
uint64_t bkpt_insn_load_addr(const struct bkpt_insn *in, uint64_t insn_addr);

/*
 * Apply the instruction, executed at INSN_ADDR, to REGS: destination
 * register, eflags (CF PF AF ZF SF OF as the CPU sets them) and rip =
 * INSN_ADDR + len. LOADED is the 8 bytes read at bkpt_insn_load_addr
 * (ignored unless bkpt_insn_loads). W says what the caller must write to
 * memory. When that read or write fails, the caller drops REGS and lets
 * the real instruction run instead, which then faults as it would have.
 * Returns 0, or -EINVAL for a struct that decode did not produce.
 */
int bkpt_insn_emulate(const struct bkpt_insn *in, struct user_regs_struct *regs,
		      uint64_t insn_addr, uint64_t loaded,
		      struct bkpt_mem_write *w);

/* Register number N (0-15) of REGS, for callers and tests. */
uint64_t *bkpt_insn_reg(struct user_regs_struct *regs, unsigned n);

#endif
