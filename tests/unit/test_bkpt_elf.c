/* test_bkpt_elf.c - symbols, imports, GOT slots and IRELATIVE relocations,
 * on this machine's libc and on tests/progs/libcalls built four ways */
#include "config.h"

#include <check.h>
#include <dirent.h>
#include <dlfcn.h>
#include <elfutils/libdwelf.h>
#include <errno.h>
#include <fcntl.h>
#include <gnu/lib-names.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bkpt_elf.h"
#include "util.h"

static const char *prog(const char *name)
{
	static char path[4096];
	const char *dir = getenv("PROGS");
	ck_assert_msg(dir, "PROGS is not set: run the test through make check");
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return path;
}

static void open_ok(struct bkpt_elf *be, const char *path)
{
	int r = bkpt_elf_open(be, path);
	ck_assert_msg(r == 0, "%s: %d", path, r);
}

/* The libc this test runs with and its load bias. */
static const char *own_libc(uint64_t *bias)
{
	Dl_info info;
	struct link_map *lm;
	ck_assert(dladdr1(dlsym(RTLD_DEFAULT, "rand"), &info, (void **)&lm,
			  RTLD_DL_LINKMAP));
	*bias = lm->l_addr;
	return info.dli_fname;
}

/* NAME in libc itself: the first definition (RTLD_DEFAULT) may be an
 * interposer's, e.g. ASan's interceptors under --enable-sanitizers. */
static uint64_t addr_of(const char *name, const char *version)
{
	void *h = dlopen(LIBC_SO, RTLD_LAZY | RTLD_NOLOAD);
	ck_assert(h);
	void *p = version ? dlvsym(h, name, version) : dlsym(h, name);
	dlclose(h);
	ck_assert_msg(p, "%s not found", name);
	return (uint64_t)(uintptr_t)p;
}

/* Name of the section of BE holding VADDR, or "". */
static const char *section_at(struct bkpt_elf *be, uint64_t vaddr,
			      GElf_Shdr *out)
{
	size_t shstrndx;
	ck_assert_int_eq(elf_getshdrstrndx(be->elf, &shstrndx), 0);
	for (Elf_Scn *scn = elf_nextscn(be->elf, NULL); scn;
	     scn = elf_nextscn(be->elf, scn)) {
		ck_assert(gelf_getshdr(scn, out));
		if ((out->sh_flags & SHF_ALLOC) && vaddr >= out->sh_addr &&
		    vaddr < out->sh_addr + out->sh_size)
			return elf_strptr(be->elf, shstrndx, out->sh_name);
	}
	return "";
}

static int open_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	ck_assert(d);
	int n = 0;
	while (readdir(d))
		n++;
	closedir(d);
	return n;
}

static char tmpl[] = "/tmp/test_bkpt_elf.XXXXXX";

/* A file holding N bytes of DATA, removed by the caller. */
static const char *tmp_file(const void *data, size_t n)
{
	strcpy(tmpl + strlen(tmpl) - 6, "XXXXXX");
	int fd = mkostemp(tmpl, O_CLOEXEC);
	ck_assert(fd >= 0);
	ck_assert_int_eq(write(fd, data, n), (ssize_t)n);
	close(fd);
	return tmpl;
}

static void open_fails(const void *data, size_t n, int err)
{
	struct bkpt_elf be;
	const char *path = tmp_file(data, n);
	ck_assert_int_eq(bkpt_elf_open(&be, path), err);
	ck_assert_int_eq(be.fd, -1);
	ck_assert_ptr_null(be.elf);
	bkpt_elf_release(&be);		/* harmless after a failure */
	unlink(path);
}

START_TEST(test_open_errors)
{
	int fds = open_fds();
	struct bkpt_elf be;
	ck_assert_int_eq(bkpt_elf_open(&be, "/nonexistent/libc.so"), -ENOENT);
	ck_assert_int_eq(bkpt_elf_open(&be, "/"), -ENOEXEC);
	open_fails("", 0, -ENOEXEC);
	open_fails("#!/bin/sh\necho hi\n", 18, -ENOEXEC);

	Elf64_Ehdr eh;
	memset(&eh, 0, sizeof(eh));
	memcpy(eh.e_ident, ELFMAG, SELFMAG);
	eh.e_ident[EI_CLASS] = ELFCLASS32;
	eh.e_ident[EI_DATA] = ELFDATA2LSB;
	eh.e_ident[EI_VERSION] = EV_CURRENT;
	eh.e_type = ET_EXEC;
	eh.e_machine = EM_386;
	eh.e_version = EV_CURRENT;
	eh.e_ehsize = sizeof(Elf32_Ehdr);
	open_fails(&eh, sizeof(Elf32_Ehdr), -ENOEXEC);	/* 32-bit */
	eh.e_ident[EI_CLASS] = ELFCLASS64;
	eh.e_machine = EM_AARCH64;
	eh.e_ehsize = sizeof(eh);
	open_fails(&eh, sizeof(eh), -ENOEXEC);		/* not x86-64 */
	eh.e_machine = EM_X86_64;
	const char *path = tmp_file(&eh, sizeof(eh));	/* bare but valid */
	open_ok(&be, path);
	unlink(path);
	ck_assert_ptr_null(be.dynsym);
	ck_assert_ptr_null(be.symtab);
	struct bkpt_sym sym;
	ck_assert_int_eq(bkpt_elf_func(&be, "strcpy", &sym), -ENOENT);
	uint8_t found[1];
	const char *const names[] = { "strcpy" };
	ck_assert_int_eq(bkpt_elf_imports(&be, names, 1, found), 0);
	ck_assert_int_eq(bkpt_elf_got_slots(&be, "strcpy", NULL, 0), 0);
	ck_assert_int_eq(bkpt_elf_irelative(&be, NULL, 0), 0);
	bkpt_elf_release(&be);
	ck_assert_int_eq(open_fds(), fds);
}
END_TEST

START_TEST(test_open_cloexec)
{
	uint64_t bias;
	struct bkpt_elf be;
	int fds = open_fds();
	open_ok(&be, own_libc(&bias));
	ck_assert_int_eq(open_fds(), fds + 1);
	ck_assert(fcntl(be.fd, F_GETFD) & FD_CLOEXEC);
	bkpt_elf_release(&be);
	ck_assert_int_eq(be.fd, -1);
	ck_assert_int_eq(open_fds(), fds);
}
END_TEST

/* An Elf lent by the caller stays the caller's. */
START_TEST(test_init_borrowed)
{
	uint64_t bias;
	int fd = open(own_libc(&bias), O_RDONLY | O_CLOEXEC);
	ck_assert(fd >= 0);
	elf_version(EV_CURRENT);
	Elf *elf = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	struct bkpt_elf be;
	ck_assert_int_eq(bkpt_elf_init(&be, elf), 0);
	ck_assert_int_eq(be.fd, -1);
	struct bkpt_sym sym;
	ck_assert_int_eq(bkpt_elf_func(&be, "rand", &sym), 0);
	bkpt_elf_release(&be);
	ck_assert_int_eq(elf_kind(elf), ELF_K_ELF);
	ck_assert_int_eq(elf_end(elf), 0);
	close(fd);
	ck_assert_int_eq(bkpt_elf_init(&be, NULL), -ENOEXEC);
}
END_TEST

START_TEST(test_libc_funcs)
{
	uint64_t bias;
	struct bkpt_elf libc;
	struct bkpt_sym sym, other;
	open_ok(&libc, own_libc(&bias));

	ck_assert_int_eq(bkpt_elf_func(&libc, "strcpy", &sym), 0);
	ck_assert_uint_eq(sym.type, STT_GNU_IFUNC);
	ck_assert(sym.dynamic);
	ck_assert_uint_gt(sym.size, 0);
	/* the resolver ran: what it chose is another address */
	ck_assert_uint_ne(sym.value + bias, addr_of("strcpy", NULL));

	static const char *const plain[] = { "rand", "srand", "random",
		"sprintf", "gets", "__strcpy_chk", "__sprintf_chk", "realpath" };
	for (size_t i = 0; i < ARRAY_SIZE(plain); i++) {
		ck_assert_int_eq(bkpt_elf_func(&libc, plain[i], &sym), 0);
		ck_assert_msg(sym.type == STT_FUNC, "%s: type %u", plain[i], sym.type);
		ck_assert_msg(sym.value + bias == addr_of(plain[i], NULL),
			      "%s: %#llx", plain[i], (unsigned long long)sym.value);
	}
	/* srand is srandom */
	ck_assert_int_eq(bkpt_elf_func(&libc, "srand", &sym), 0);
	ck_assert_int_eq(bkpt_elf_func(&libc, "srandom", &other), 0);
	ck_assert_uint_eq(sym.value, other.value);

	/* two versions: the default one, not the compat symbol */
	ck_assert_int_eq(bkpt_elf_func(&libc, "realpath", &sym), 0);
	ck_assert_uint_ne(sym.value + bias, addr_of("realpath", "GLIBC_2.2.5"));
	ck_assert_uint_eq(sym.value + bias, addr_of("realpath", "GLIBC_2.3"));
	ck_assert_int_eq(bkpt_elf_func(&libc, "memcpy", &sym), 0);
	ck_assert_uint_eq(sym.type, STT_GNU_IFUNC);	/* memcpy@@GLIBC_2.14 */
	ck_assert_uint_ne(sym.value + bias, addr_of("memcpy", "GLIBC_2.2.5"));

	ck_assert_int_eq(bkpt_elf_func(&libc, "stdout", &sym), -ENOENT); /* object */
	ck_assert_int_eq(bkpt_elf_func(&libc, "strcp", &sym), -ENOENT);
	ck_assert_int_eq(bkpt_elf_func(&libc, "strcpyx", &sym), -ENOENT);
	ck_assert_int_eq(bkpt_elf_func(&libc, "", &sym), -ENOENT);
	ck_assert_int_eq(bkpt_elf_func(&libc, "no_such_function", &sym), -ENOENT);
	bkpt_elf_release(&libc);
}
END_TEST

/* Every function libc's .dynsym defines is found (through its GNU hash
 * table), at the address of one of the symbols of that name. */
START_TEST(test_every_libc_function)
{
	uint64_t bias;
	struct bkpt_elf libc;
	open_ok(&libc, own_libc(&bias));
	GElf_Shdr sh;
	ck_assert_ptr_nonnull(gelf_getshdr(libc.dynsym, &sh));
	Elf_Data *d = elf_getdata(libc.dynsym, NULL);
	ck_assert_ptr_nonnull(d);
	size_t n = sh.sh_size / sh.sh_entsize, funcs = 0;
	for (size_t i = 1; i < n; i++) {
		GElf_Sym s;
		ck_assert_ptr_nonnull(gelf_getsym(d, (int)i, &s));
		int type = GELF_ST_TYPE(s.st_info);
		if (s.st_shndx == SHN_UNDEF || (type != STT_FUNC && type != STT_GNU_IFUNC))
			continue;
		const char *name = elf_strptr(libc.elf, sh.sh_link, s.st_name);
		struct bkpt_sym got;
		int r = bkpt_elf_func(&libc, name, &got);
		ck_assert_msg(r == 0 || r == -ENOTUNIQ, "%s: %d", name, r);
		bool same = false;
		for (size_t j = 1; j < n && !same; j++) {
			GElf_Sym o;
			gelf_getsym(d, (int)j, &o);
			same = o.st_value == got.value && o.st_shndx != SHN_UNDEF &&
			       !strcmp(elf_strptr(libc.elf, sh.sh_link, o.st_name), name);
		}
		ck_assert_msg(same, "%s: %#llx is no symbol of that name", name,
			      (unsigned long long)got.value);
		funcs++;
	}
	ck_assert_uint_gt(funcs, 1000);
	bkpt_elf_release(&libc);
}
END_TEST

/* All names at once: what each lookup alone gives; .symtab only when
 * allowed (a static binary defines its libc there). */
START_TEST(test_funcs_at_once)
{
	uint64_t bias;
	struct bkpt_elf libc, st;
	open_ok(&libc, own_libc(&bias));
	static const char *const names[] = { "strcpy", "rand", "srand", "srandom",
		"stdout", "no_such_function", "realpath", "memcpy", "" };
	enum { N = ARRAY_SIZE(names) };
	struct bkpt_sym many[N], one;
	int res[N];
	memset(many, 0, sizeof(many));
	bkpt_elf_funcs(&libc, names, N, true, many, res);
	for (size_t i = 0; i < N; i++) {
		int r = bkpt_elf_func(&libc, names[i], &one);
		ck_assert_msg(res[i] == r, "%s: %d, alone %d", names[i], res[i], r);
		if (r == 0)
			ck_assert_msg(many[i].value == one.value && many[i].type == one.type &&
				      many[i].size == one.size && many[i].dynamic,
				      "%s", names[i]);
	}
	ck_assert_int_eq(res[5], -ENOENT);
	ck_assert_uint_eq(many[2].value, many[3].value);

	open_ok(&st, prog("libcalls_static"));
	static const char *const snames[] = { "strcpy", "main", "rand" };
	struct bkpt_sym ss[3];
	int sres[3];
	bkpt_elf_funcs(&st, snames, 3, true, ss, sres);
	for (size_t i = 0; i < 3; i++)
		ck_assert_int_eq(sres[i], -ENOENT);	/* no .dynsym */
	bkpt_elf_funcs(&st, snames, 3, false, ss, sres);
	for (size_t i = 0; i < 3; i++) {
		ck_assert_int_eq(sres[i], 0);
		ck_assert(!ss[i].dynamic);
		ck_assert_int_eq(bkpt_elf_func(&st, snames[i], &one), 0);
		ck_assert_uint_eq(ss[i].value, one.value);
	}
	ck_assert_uint_eq(ss[0].type, STT_GNU_IFUNC);
	bkpt_elf_release(&st);
	bkpt_elf_release(&libc);
}
END_TEST

/* libc6-dbg's .symtab spells versions into names; IFUNC implementations
 * are local symbols there. */
START_TEST(test_libc_debug_file)
{
	uint64_t bias;
	struct bkpt_elf libc, dbg;
	open_ok(&libc, own_libc(&bias));
	const void *id;
	ssize_t n = dwelf_elf_gnu_build_id(libc.elf, &id);
	ck_assert_int_gt(n, 1);
	struct sbuf sb;
	sb_init(&sb);
	sb_puts(&sb, "/usr/lib/debug/.build-id/");
	for (ssize_t i = 0; i < n; i++)
		sb_printf(&sb, i == 0 ? "%02x/" : "%02x", ((const uint8_t *)id)[i]);
	sb_puts(&sb, ".debug");
	if (access(sb.p, R_OK)) {
		/* without libc6-dbg there is nothing to check here */
		sb_release(&sb);
		bkpt_elf_release(&libc);
		return;
	}
	open_ok(&dbg, sb.p);
	sb_release(&sb);
	ck_assert_ptr_null(dbg.dynsym);		/* NOBITS in a debug file */
	ck_assert_ptr_nonnull(dbg.symtab);

	static const char *const names[] = { "realpath", "memcpy", "strcpy", "rand" };
	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		struct bkpt_sym d, s;
		ck_assert_int_eq(bkpt_elf_func(&libc, names[i], &d), 0);
		ck_assert_int_eq(bkpt_elf_func(&dbg, names[i], &s), 0);
		ck_assert_msg(!s.dynamic && s.value == d.value && s.type == d.type &&
			      s.size == d.size, "%s", names[i]);
	}
	struct bkpt_sym s;
	ck_assert_int_eq(bkpt_elf_func(&dbg, "__strcpy_sse2_unaligned", &s), 0);
	ck_assert_uint_eq(s.type, STT_FUNC);
	ck_assert_int_eq(bkpt_elf_func(&dbg, "__strcpy", &s), -ENOENT);
	/* the code is in libc.so.6, not in the debug file */
	uint8_t b[4], c[4];
	ck_assert_int_eq(bkpt_elf_read(&dbg, s.value, b, sizeof(b)), -EFAULT);
	ck_assert_int_eq(bkpt_elf_read(&libc, s.value, c, sizeof(c)), 4);
	bkpt_elf_release(&dbg);
	bkpt_elf_release(&libc);
}
END_TEST

static const char *const risky[] = {
	"strcpy", "sprintf", "rand", "srand", "gets", "strcat", "random",
};

START_TEST(test_imports)
{
	struct bkpt_elf be;
	uint8_t found[ARRAY_SIZE(risky)];
	open_ok(&be, prog("libcalls"));
	ck_assert_int_eq(bkpt_elf_imports(&be, risky, ARRAY_SIZE(risky), found), 4);
	static const uint8_t want[] = { BKPT_IMPORT_PLAIN, BKPT_IMPORT_PLAIN,
		BKPT_IMPORT_PLAIN, BKPT_IMPORT_PLAIN, 0, 0, 0 };
	ck_assert_mem_eq(found, want, sizeof(want));
	ck_assert_int_eq(bkpt_elf_imports(&be, risky, 0, found), 0);
	bkpt_elf_release(&be);

	open_ok(&be, prog("libcalls_fortify"));
	memset(found, 0xff, sizeof(found));
	ck_assert_int_eq(bkpt_elf_imports(&be, risky, ARRAY_SIZE(risky), found), 4);
	static const uint8_t want_chk[] = { BKPT_IMPORT_CHK, BKPT_IMPORT_CHK,
		BKPT_IMPORT_PLAIN, BKPT_IMPORT_PLAIN, 0, 0, 0 };
	ck_assert_mem_eq(found, want_chk, sizeof(want_chk));
	/* a name that is itself __X_chk-shaped matches only itself */
	static const char *const odd[] = { "__strcpy_chk", "cpy", "_chk", "" };
	uint8_t f2[ARRAY_SIZE(odd)];
	ck_assert_int_eq(bkpt_elf_imports(&be, odd, ARRAY_SIZE(odd), f2), 1);
	ck_assert_uint_eq(f2[0], BKPT_IMPORT_PLAIN);
	ck_assert_uint_eq(f2[1] | f2[2] | f2[3], 0);
	bkpt_elf_release(&be);

	/* a static binary imports nothing */
	open_ok(&be, prog("libcalls_static"));
	ck_assert_int_eq(bkpt_elf_imports(&be, risky, ARRAY_SIZE(risky), found), 0);
	ck_assert_uint_eq(found[0] | found[1] | found[2] | found[3], 0);
	bkpt_elf_release(&be);
}
END_TEST

static void one_slot(struct bkpt_elf *be, const char *name, unsigned type,
		     const char *section)
{
	struct bkpt_slot slots[4];
	memset(slots, 0, sizeof(slots));
	ck_assert_int_eq(bkpt_elf_got_slots(be, name, slots, ARRAY_SIZE(slots)), 1);
	ck_assert_msg(slots[0].type == type, "%s: type %u", name, slots[0].type);
	GElf_Shdr sh;
	ck_assert_str_eq(section_at(be, slots[0].offset, &sh), section);
	ck_assert_uint_eq(slots[0].offset % 8, 0);
	ck_assert_uint_eq(slots[1].offset, 0);
}

START_TEST(test_got_slots)
{
	struct bkpt_elf be;
	open_ok(&be, prog("libcalls"));
	one_slot(&be, "strcpy", R_X86_64_JUMP_SLOT, ".got.plt");
	one_slot(&be, "sprintf", R_X86_64_JUMP_SLOT, ".got.plt");
	one_slot(&be, "rand", R_X86_64_JUMP_SLOT, ".got.plt");
	one_slot(&be, "srand", R_X86_64_JUMP_SLOT, ".got.plt");
	ck_assert_int_eq(bkpt_elf_got_slots(&be, "gets", NULL, 0), 0);
	ck_assert_int_eq(bkpt_elf_got_slots(&be, "strcp", NULL, 0), 0);
	/* MAX 0 counts without writing */
	struct bkpt_slot s = { 42, 42 };
	ck_assert_int_eq(bkpt_elf_got_slots(&be, "strcpy", &s, 0), 1);
	ck_assert_uint_eq(s.offset, 42);
	bkpt_elf_release(&be);

	open_ok(&be, prog("libcalls_now"));
	one_slot(&be, "strcpy", R_X86_64_GLOB_DAT, ".got");
	one_slot(&be, "rand", R_X86_64_GLOB_DAT, ".got");
	bkpt_elf_release(&be);

	open_ok(&be, prog("libcalls_static"));
	ck_assert_int_eq(bkpt_elf_got_slots(&be, "strcpy", NULL, 0), 0);
	bkpt_elf_release(&be);
}
END_TEST

/*
 * What the engine will do at AT_ENTRY, on this very process: its own
 * strcpy slot (bias + r_offset), once bound, holds the implementation
 * the resolver chose, the address dlsym returns.
 */
START_TEST(test_own_slot_is_bound)
{
	char dst[16];
	volatile const char *src = "bound";
	strcpy(dst, (const char *)src);		/* binds a lazy slot */
	ck_assert_str_eq(dst, "bound");

	Dl_info info;
	struct link_map *lm;
	ck_assert(dladdr1((void *)own_libc, &info, (void **)&lm, RTLD_DL_LINKMAP));
	struct bkpt_elf be;
	open_ok(&be, "/proc/self/exe");
	struct bkpt_slot slot;
	ck_assert_int_eq(bkpt_elf_got_slots(&be, "strcpy", &slot, 1), 1);
	uint64_t bound = *(const uint64_t *)(uintptr_t)(lm->l_addr + slot.offset);
	/* the first definition, libc's or an interposer's */
	ck_assert_uint_eq(bound, (uint64_t)(uintptr_t)dlsym(RTLD_DEFAULT, "strcpy"));
	bkpt_elf_release(&be);
}
END_TEST

START_TEST(test_irelative)
{
	struct bkpt_elf be;
	open_ok(&be, prog("libcalls_static"));
	struct bkpt_sym sym;
	ck_assert_int_eq(bkpt_elf_func(&be, "strcpy", &sym), 0);
	ck_assert_uint_eq(sym.type, STT_GNU_IFUNC);
	ck_assert(!sym.dynamic);
	ck_assert_int_eq(bkpt_elf_func(&be, "rand", &sym), 0);
	ck_assert_uint_eq(sym.type, STT_FUNC);
	/* static helpers of several libc.a members share this name */
	ck_assert_int_eq(bkpt_elf_func(&be, "free_mem", &sym), -ENOTUNIQ);

	int n = bkpt_elf_irelative(&be, NULL, 0);
	ck_assert_int_gt(n, 0);
	struct bkpt_irel *rel = xcalloc((size_t)n + 1, sizeof(*rel));
	ck_assert_int_eq(bkpt_elf_irelative(&be, rel, (size_t)n + 1), n);
	ck_assert_uint_eq(rel[n].slot, 0);	/* only N written */
	ck_assert_int_eq(bkpt_elf_func(&be, "strcpy", &sym), 0);
	int hits = 0;
	for (int i = 0; i < n; i++) {
		GElf_Shdr sh;
		section_at(&be, rel[i].slot, &sh);
		ck_assert(sh.sh_flags & SHF_WRITE);
		ck_assert_str_eq(section_at(&be, rel[i].resolver, &sh), ".text");
		hits += rel[i].resolver == sym.value;
	}
	ck_assert_int_eq(hits, 1);	/* strcpy's resolver fills one slot */
	/* fewer than there are: the count is still the total */
	ck_assert_int_eq(bkpt_elf_irelative(&be, rel, 1), n);
	free(rel);
	bkpt_elf_release(&be);

	open_ok(&be, prog("libcalls"));
	ck_assert_int_eq(bkpt_elf_irelative(&be, NULL, 0), 0);
	bkpt_elf_release(&be);
}
END_TEST

START_TEST(test_read)
{
	uint64_t bias;
	struct bkpt_elf libc;
	open_ok(&libc, own_libc(&bias));
	struct bkpt_sym sym;
	ck_assert_int_eq(bkpt_elf_func(&libc, "rand", &sym), 0);
	uint8_t b[32];
	ck_assert_int_eq(bkpt_elf_read(&libc, sym.value, b, sizeof(b)), 32);
	/* the file holds what this process has mapped */
	ck_assert_mem_eq(b, (const void *)(uintptr_t)(sym.value + bias), 32);

	/* short at the end of .text, nothing in .bss or outside */
	size_t shstrndx;
	ck_assert_int_eq(elf_getshdrstrndx(libc.elf, &shstrndx), 0);
	uint64_t text_end = 0, bss = 0;
	for (Elf_Scn *scn = elf_nextscn(libc.elf, NULL); scn;
	     scn = elf_nextscn(libc.elf, scn)) {
		GElf_Shdr sh;
		ck_assert(gelf_getshdr(scn, &sh));
		const char *name = elf_strptr(libc.elf, shstrndx, sh.sh_name);
		if (!strcmp(name, ".text"))
			text_end = sh.sh_addr + sh.sh_size;
		else if (!strcmp(name, ".bss"))
			bss = sh.sh_addr;
	}
	ck_assert_uint_ne(text_end, 0);
	ck_assert_uint_ne(bss, 0);
	ck_assert_int_eq(bkpt_elf_read(&libc, text_end - 3, b, sizeof(b)), 3);
	ck_assert_mem_eq(b, (const void *)(uintptr_t)(text_end - 3 + bias), 3);
	ck_assert_int_eq(bkpt_elf_read(&libc, bss, b, sizeof(b)), -EFAULT);
	ck_assert_int_eq(bkpt_elf_read(&libc, 0xffffffff00000000ull, b, 1), -EFAULT);
	bkpt_elf_release(&libc);
}
END_TEST

static Suite *bkpt_elf_suite(void)
{
	Suite *s = suite_create("bkpt_elf");
	TCase *tc = tcase_create("open");
	tcase_add_test(tc, test_open_errors);
	tcase_add_test(tc, test_open_cloexec);
	tcase_add_test(tc, test_init_borrowed);
	suite_add_tcase(s, tc);

	tc = tcase_create("symbols");
	tcase_add_test(tc, test_libc_funcs);
	tcase_add_test(tc, test_funcs_at_once);
	tcase_add_test(tc, test_every_libc_function);
	tcase_add_test(tc, test_libc_debug_file);
	tcase_add_test(tc, test_imports);
	tcase_add_test(tc, test_read);
	suite_add_tcase(s, tc);

	tc = tcase_create("relocations");
	tcase_add_test(tc, test_got_slots);
	tcase_add_test(tc, test_own_slot_is_bound);
	tcase_add_test(tc, test_irelative);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(bkpt_elf_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
