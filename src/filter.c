/* filter.c - seccomp-BPF filter built with libseccomp */
#include "config.h"

#include <errno.h>
#include <linux/sched.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "filter.h"
#include "sysent.h"
#include "util.h"

#ifndef CLONE_UNTRACED
#define CLONE_UNTRACED 0x00800000
#endif

/* The first native number above every row: from here on a syscall is
 * newer than the table and is trapped as "new". */
static long new_nr_first(void)
{
	long first = 0;
	for (unsigned i = 0; i < sysent_count; i++) {
		long nr = sysent_nr(&sysent_table[i], ABI_X86_64);
		if (nr >= first)
			first = nr + 1;
	}
	return first;
}

/*
 * libseccomp compares syscall numbers only for equality: trapping every
 * number above the table took 60 rules, 190 BPF instructions and half a
 * millisecond of start-up. Instead, every "return ALLOW" of the
 * exported program (reached only on the native path: i386 and x32 end
 * in the bad-arch action) becomes a jump to four appended instructions:
 * reload nr; if nr >= first new number, trace it; else allow.
 */
static int append_new_check(struct sock_fprog *prog)
{
	const unsigned extra = 4;
	unsigned len = prog->len;
	if (len + extra > BPF_MAXINSNS)
		return -E2BIG;
	struct sock_filter *f = xrealloc(prog->filter,
					 (len + extra) * sizeof(*f));
	for (unsigned i = 0; i < len; i++)
		if (f[i].code == (BPF_RET | BPF_K) && f[i].k == SECCOMP_RET_ALLOW)
			f[i] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JA,
							    len - (i + 1), 0, 0);
	f[len] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
					      offsetof(struct seccomp_data, nr));
	f[len + 1] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K,
						  (uint32_t)new_nr_first(), 0, 1);
	f[len + 2] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
						  SECCOMP_RET_TRACE | FILTER_RD_NEW);
	f[len + 3] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
						  SECCOMP_RET_ALLOW);
	prog->filter = f;
	prog->len = (unsigned short)(len + extra);
	return 0;
}

static int add(scmp_filter_ctx ctx, uint32_t data, long nr)
{
	return seccomp_rule_add_exact(ctx, SCMP_ACT_TRACE(data), (int)nr, 0);
}

void filter_spec_init(struct filter_spec *fs)
{
	memset(fs, 0, sizeof(*fs));
}

void filter_spec_release(struct filter_spec *fs)
{
	free(fs->conds);
	filter_spec_init(fs);
}

void filter_spec_add_cond(struct filter_spec *fs, const struct filter_cond *c)
{
	fs->conds = xrealloc(fs->conds, (fs->nconds + 1) * sizeof(*c));
	fs->conds[fs->nconds++] = *c;
	traceset_add(&fs->some, c->idx);
}

/* Calls that change executable mappings, with the argument and bits
 * that make a call one of them (arg < 0: every call is). */
static const struct {
	const char *name;
	int arg;
	uint32_t mask;
} exec_maps[] = {
	{ "mmap", 2, PROT_EXEC },
	{ "mprotect", 2, PROT_EXEC },
	{ "pkey_mprotect", 2, PROT_EXEC },
	{ "munmap", -1, 0 },
	{ "mremap", -1, 0 },
	{ "shmat", 2, SHM_EXEC },
};

static const struct sysent *exec_maps_se[ARRAY_SIZE(exec_maps)];

static void exec_maps_init(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(exec_maps); i++)
		if (!exec_maps_se[i])
			exec_maps_se[i] = sysent_by_name(exec_maps[i].name);
}

bool filter_changes_exec_maps(const struct sysent *se, const uint64_t *args)
{
	exec_maps_init();
	for (size_t i = 0; i < ARRAY_SIZE(exec_maps); i++)
		if (se == exec_maps_se[i])
			return exec_maps[i].arg < 0 ||
			       (args[exec_maps[i].arg] & exec_maps[i].mask);
	return false;
}

/* Trap row IDX when its argument ARG has (low word & MASK) == VALUE.
 * Every trap of a row returns the same data, so that libseccomp merges
 * the conditions of one row instead of refusing a conflict. */
static int add_cond(scmp_filter_ctx ctx, unsigned idx, unsigned arg,
		    uint32_t mask, uint32_t value)
{
	long nr = sysent_nr(&sysent_table[idx], ABI_X86_64);
	if (nr < 0)
		return 0;
	return seccomp_rule_add_exact(ctx, SCMP_ACT_TRACE(idx), (int)nr, 1,
				      SCMP_CMP(arg, SCMP_CMP_MASKED_EQ, mask,
					       value));
}

/* Calls programs make a few times in a run, if at all: their argument
 * tests would cost more than the stops they save. libseccomp takes ~20 us
 * of start-up per test to export (0.45 ms for these 22 tests of the
 * default rules), while a stop costs ~10 us. The engine still selects
 * calls by the conditions (filter_spec_match), so only stops change. */
static const char *const trap_whole[] = {
	"bpf", "personality", "ptrace", "seccomp", "umask", "unshare",
};

static int build_rules(scmp_filter_ctx ctx, const struct filter_spec *want,
		       bool maps)
{
	const struct sysent *clone = sysent_by_name("clone");
	const struct sysent *clone3 = sysent_by_name("clone3");
	struct traceset all = want->all;
	int r;

	/* clone3 keeps its flags in memory, where BPF cannot look for
	 * CLONE_UNTRACED: every call stops. */
	traceset_add(&all, sysent_index(clone3));
	for (size_t i = 0; i < ARRAY_SIZE(trap_whole); i++) {
		const struct sysent *se = sysent_by_name(trap_whole[i]);
		if (se && traceset_has(&want->some, sysent_index(se)))
			traceset_add(&all, sysent_index(se));
	}
	exec_maps_init();
	for (size_t i = 0; maps && i < ARRAY_SIZE(exec_maps); i++)
		if (exec_maps_se[i] && exec_maps[i].arg < 0)
			traceset_add(&all, sysent_index(exec_maps_se[i]));

	for (unsigned i = 0; i < sysent_count; i++) {
		long nr = sysent_nr(&sysent_table[i], ABI_X86_64);
		if (nr >= 0 && traceset_has(&all, i) && (r = add(ctx, i, nr)) < 0)
			return r;
	}
	for (size_t i = 0; i < want->nconds; i++) {
		const struct filter_cond *c = &want->conds[i];
		if (!traceset_has(&all, c->idx) &&
		    (r = add_cond(ctx, c->idx, c->arg, c->mask, c->value)) < 0)
			return r;
	}
	for (size_t i = 0; maps && i < ARRAY_SIZE(exec_maps); i++) {
		const struct sysent *se = exec_maps_se[i];
		if (se && exec_maps[i].arg >= 0 &&
		    !traceset_has(&all, sysent_index(se)) &&
		    (r = add_cond(ctx, sysent_index(se),
				  (unsigned)exec_maps[i].arg, exec_maps[i].mask,
				  exec_maps[i].mask)) < 0)
			return r;
	}
	/* CLONE_UNTRACED would let a child escape the tracer while keeping
	 * the filter, so its trapped calls would fail with ENOSYS unseen. */
	if (clone && !traceset_has(&all, sysent_index(clone)) &&
	    (r = add_cond(ctx, sysent_index(clone), 0, CLONE_UNTRACED,
			  CLONE_UNTRACED)) < 0)
		return r;
	/* Numbers above the table are caught by the range check that
	 * append_new_check() adds. Below it, the only numbers without a row
	 * are the x86-64 hole 335-423, which was never assigned. */
	return 0;
}

int filter_build(const struct filter_spec *want, bool maps,
		 struct sock_fprog *prog)
{
	int r = sysent_init();
	if (r < 0)
		return r;
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
	if (!ctx)
		return -ENOMEM;
	/* i386 (int 0x80) and x32 calls land on the bad-arch action: trace
	 * them rather than let them pass or kill the process. */
	if ((r = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH,
				  SCMP_ACT_TRACE(FILTER_RD_BADARCH))) < 0 ||
	    (r = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, 0)) < 0 ||
	    (r = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2)) < 0 ||
	    (r = build_rules(ctx, want, maps)) < 0)
		goto out;

	/* libseccomp 2.5 exports only to a descriptor. */
	int fd = memfd_create("rxtrace-filter", MFD_CLOEXEC);
	if (fd < 0) {
		r = -errno;
		goto out;
	}
	if ((r = seccomp_export_bpf(ctx, fd)) < 0)
		goto out_fd;
	off_t size = lseek(fd, 0, SEEK_END);
	if (size <= 0 || size % sizeof(struct sock_filter) ||
	    size / sizeof(struct sock_filter) > BPF_MAXINSNS) {
		r = -E2BIG;
		goto out_fd;
	}
	prog->len = (unsigned short)(size / sizeof(struct sock_filter));
	prog->filter = xmalloc((size_t)size);
	if (pread(fd, prog->filter, (size_t)size, 0) != size) {
		r = -EIO;
		filter_release(prog);
		goto out_fd;
	}
	if ((r = append_new_check(prog)) < 0)
		filter_release(prog);
out_fd:
	close(fd);
out:
	seccomp_release(ctx);
	return r;
}

void filter_release(struct sock_fprog *prog)
{
	free(prog->filter);
	prog->filter = NULL;
	prog->len = 0;
}

int filter_install(const struct sock_fprog *prog)
{
	if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, prog) == 0)
		return 0;
	if (errno != EACCES)
		return -errno;
	/* Without CAP_SYS_ADMIN the kernel wants NO_NEW_PRIVS; setting it
	 * always would strip setuid programs of their privileges even under
	 * a root tracer. */
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return -errno;
	if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, prog) < 0)
		return -errno;
	return 0;
}
