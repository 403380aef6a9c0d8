/* bkpt_resolve.c - the addresses of a process's library functions, from
 * its maps, the ELF files mapped, and the GOT slots the loader filled */
#include "config.h"

#include <dlfcn.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "bkpt_elf.h"
#include "bkpt_resolve.h"
#include "tracee.h"
#include "unwind.h"
#include "util.h"

/* GOT slots looked at per name and module, IRELATIVE relocations per
 * module (glibc's libc.so has 40, a static binary about as many). */
#define MAX_SLOTS 4
#define MAX_IREL 256

int bkpt_resolve_parse_map(char *line, struct bkpt_map *out)
{
	unsigned long long start, end, off, inode;
	unsigned maj, min;
	char perms[5];
	int pos = -1;
	if (sscanf(line, "%llx-%llx %4s %llx %x:%x %llu %n", &start, &end,
		   perms, &off, &maj, &min, &inode, &pos) < 7 || pos < 0 ||
	    end < start)
		return -EINVAL;
	char *path = line + pos;
	path[strcspn(path, "\n")] = '\0';
	*out = (struct bkpt_map){
		.start = start, .end = end, .offset = off,
		.exec = perms[2] == 'x', .inode = inode,
		.dev = makedev(maj, min), .path = path,
	};
	return 0;
}

int bkpt_resolve_entry(pid_t pid, uint64_t *entry)
{
	char path[64];
	unsigned char ident[EI_NIDENT];
	/* x32 programs run 64-bit code with 32-bit auxv entries */
	snprintf(path, sizeof(path), "/proc/%d/exe", (int)pid);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ssize_t n = read(fd, ident, sizeof(ident));
	close(fd);
	if (n != (ssize_t)sizeof(ident) || memcmp(ident, ELFMAG, SELFMAG) ||
	    ident[EI_CLASS] != ELFCLASS64)
		return -ENOEXEC;
	snprintf(path, sizeof(path), "/proc/%d/auxv", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	uint64_t av[2];
	int r = -ENOENT;
	while (read(fd, av, sizeof(av)) == (ssize_t)sizeof(av) &&
	       av[0] != AT_NULL)
		if (av[0] == AT_ENTRY) {
			*entry = av[1];
			r = 0;
			break;
		}
	close(fd);
	return r;
}

/* ---- the modules of a process ------------------------------------------- */

struct module {
	char *path;
	uint64_t inode;
	dev_t dev;
	uint64_t lo, hi;	/* extent of its mappings */
	bool exe;
	struct bkpt_elf be;
	bool open;		/* be is usable */
	bool is_static;		/* the executable has no PT_INTERP */
	uint64_t bias;
	struct bkpt_irel *irel;	/* read at the first IFUNC it defines */
	int nirel;		/* -1: not read yet */
};

struct exec_range {
	uint64_t start, end;
	size_t mod;		/* index in modules, SIZE_MAX: none */
};

struct proc {
	pid_t pid;
	struct module *mods;
	size_t nmods;
	struct exec_range *ex;
	size_t nex;
	struct bkpt_range *ranges;
	size_t nranges, ranges_cap;
};

static void add_range(struct proc *p, uint64_t start, uint64_t end,
		      enum bkpt_code code)
{
	if (p->nranges == p->ranges_cap) {
		p->ranges_cap = p->ranges_cap ? 2 * p->ranges_cap : 32;
		p->ranges = xrealloc(p->ranges, p->ranges_cap * sizeof(*p->ranges));
	}
	p->ranges[p->nranges++] = (struct bkpt_range){ start, end, (uint8_t)code };
}

static int read_maps(struct proc *p)
{
	char path[64], exe[PATH_MAX];
	snprintf(path, sizeof(path), "/proc/%d/exe", (int)p->pid);
	ssize_t n = readlink(path, exe, sizeof(exe) - 1);
	exe[n > 0 ? n : 0] = '\0';
	snprintf(path, sizeof(path), "/proc/%d/maps", (int)p->pid);
	FILE *fp = fopen(path, "re");
	if (!fp)
		return -errno;
	char line[PATH_MAX + 128];
	size_t mcap = 0, xcap = 0;
	while (fgets(line, sizeof(line), fp)) {
		struct bkpt_map m;
		if (bkpt_resolve_parse_map(line, &m) < 0)
			continue;
		size_t mod = SIZE_MAX;
		if (m.path[0] == '/') {
			struct module *last = p->nmods ? &p->mods[p->nmods - 1] : NULL;
			if (last && last->inode == m.inode && last->dev == m.dev &&
			    !strcmp(last->path, m.path)) {
				last->hi = m.end;
			} else {
				if (p->nmods == mcap) {
					mcap = mcap ? 2 * mcap : 32;
					p->mods = xrealloc(p->mods, mcap * sizeof(*p->mods));
				}
				p->mods[p->nmods++] = (struct module){
					.path = xstrdup(m.path), .inode = m.inode,
					.dev = m.dev, .lo = m.start, .hi = m.end,
					.exe = !strcmp(m.path, exe), .nirel = -1,
				};
			}
			mod = p->nmods - 1;
		}
		if (!m.exec)
			continue;
		if (p->nex == xcap) {
			xcap = xcap ? 2 * xcap : 32;
			p->ex = xrealloc(p->ex, xcap * sizeof(*p->ex));
		}
		p->ex[p->nex++] = (struct exec_range){ m.start, m.end, mod };
		/* the unwinder's notion of the program's own code */
		add_range(p, m.start, m.end, unwind_system_path(m.path) ?
			  BKPT_CODE_LIBRARY : BKPT_CODE_PROGRAM);
	}
	fclose(fp);
	return 0;
}

/* The load bias: where the first PT_LOAD went minus where it asked to
 * go. The mapping that starts the module holds the segment's first page. */
static int module_open(struct proc *p, struct module *m)
{
	char path[PATH_MAX + 32];
	if (bkpt_elf_open(&m->be, m->path) < 0) {
		/* another mount namespace: through the process's root */
		snprintf(path, sizeof(path), "/proc/%d/root%s", (int)p->pid, m->path);
		if (bkpt_elf_open(&m->be, path) < 0)
			return -ENOEXEC;
	}
	size_t nph;
	bool have_load = false, interp = false;
	uint64_t vaddr = 0;
	if (elf_getphdrnum(m->be.elf, &nph) == 0) {
		for (size_t i = 0; i < nph; i++) {
			GElf_Phdr ph;
			if (!gelf_getphdr(m->be.elf, (int)i, &ph))
				continue;
			if (ph.p_type == PT_INTERP)
				interp = true;
			if (ph.p_type == PT_LOAD && !have_load) {
				vaddr = ph.p_vaddr - (ph.p_offset & 0xfff);
				have_load = true;
			}
		}
	}
	if (!have_load) {
		bkpt_elf_release(&m->be);
		return -ENOEXEC;
	}
	m->bias = m->lo - (vaddr & ~(uint64_t)0xfff);
	m->is_static = m->exe && !interp;
	m->open = true;
	return 0;
}

static void proc_release(struct proc *p)
{
	for (size_t i = 0; i < p->nmods; i++) {
		if (p->mods[i].open)
			bkpt_elf_release(&p->mods[i].be);
		free(p->mods[i].path);
		free(p->mods[i].irel);
	}
	free(p->mods);
	free(p->ex);
	free(p->ranges);
}

/* The module whose executable mapping holds ADDR, or SIZE_MAX. */
static size_t exec_module(const struct proc *p, uint64_t addr)
{
	for (size_t i = 0; i < p->nex; i++)
		if (addr >= p->ex[i].start && addr < p->ex[i].end)
			return p->ex[i].mod;
	return SIZE_MAX;
}

static bool is_code(const struct proc *p, uint64_t addr)
{
	for (size_t i = 0; i < p->nex; i++)
		if (addr >= p->ex[i].start && addr < p->ex[i].end)
			return true;
	return false;
}

static int read_word(pid_t pid, uint64_t addr, uint64_t *v)
{
	return tracee_read(pid, addr, v, sizeof(*v)) == sizeof(*v) ? 0 : -EFAULT;
}

/* ---- targets --------------------------------------------------------------- */

struct targets {
	struct bkpt_target *t;
	size_t n, cap;
	bool *found;		/* per name */
};

static void add_target(struct targets *ts, uint64_t addr, unsigned name)
{
	for (size_t i = 0; i < ts->n; i++)
		if (ts->t[i].addr == addr && ts->t[i].name == name)
			return;
	if (ts->n == ts->cap) {
		ts->cap = ts->cap ? 2 * ts->cap : 32;
		ts->t = xrealloc(ts->t, ts->cap * sizeof(*ts->t));
	}
	ts->t[ts->n++] = (struct bkpt_target){ addr, name };
	ts->found[name] = true;
}

/* The calls a module defining the functions makes are its own business
 * (rand calling random): a library as a whole, in the executable only
 * the functions themselves. */
static void ignore_definer(struct proc *p, size_t mod, uint64_t addr,
			   uint64_t size)
{
	if (mod == SIZE_MAX)
		return;
	if (!p->mods[mod].exe) {
		for (size_t i = 0; i < p->nex; i++)
			if (p->ex[i].mod == mod)
				add_range(p, p->ex[i].start, p->ex[i].end,
					  BKPT_CODE_IGNORED);
	} else if (size) {
		add_range(p, addr, addr + size, BKPT_CODE_IGNORED);
	}
}

/* The implementation an IFUNC of M resolved to, from M's IRELATIVE
 * slots of that resolver (0: none filled yet). */
static uint64_t irelative_impl(struct proc *p, struct module *m,
			       uint64_t resolver)
{
	if (m->nirel < 0) {
		m->irel = xcalloc(MAX_IREL, sizeof(*m->irel));
		m->nirel = bkpt_elf_irelative(&m->be, m->irel, MAX_IREL);
		if (m->nirel > MAX_IREL)
			m->nirel = MAX_IREL;
	}
	for (int i = 0; i < m->nirel; i++) {
		uint64_t v, file = 0;
		if (m->irel[i].resolver != resolver ||
		    read_word(p->pid, m->bias + m->irel[i].slot, &v) < 0)
			continue;
		/* still what the file holds (a PLT entry): not filled yet */
		if (bkpt_elf_read(&m->be, m->irel[i].slot, &file, sizeof(file)) ==
		    sizeof(file) && (v == file || v == m->bias + file))
			continue;
		if (is_code(p, v) && v != m->bias + resolver)
			return v;
	}
	return 0;
}

/* rxtrace's own libc resolved NAME to: its offset in that file, when the
 * file is FILE_DEV:FILE_INO. */
static bool own_offset(const char *name, dev_t dev, uint64_t ino,
		       uint64_t *off)
{
	void *fn = dlsym(RTLD_DEFAULT, name);
	Dl_info di;
	struct stat st;
	if (!fn || !dladdr(fn, &di) || !di.dli_fname || !di.dli_fbase ||
	    stat(di.dli_fname, &st) < 0 || st.st_dev != dev || st.st_ino != ino)
		return false;
	*off = (uint64_t)(uintptr_t)fn - (uint64_t)(uintptr_t)di.dli_fbase;
	return true;
}

/* NAME, symbol SYM of module M: plant an STT_FUNC, and an IFUNC whose
 * choice can be read. Sets *PENDING for an IFUNC not resolved yet.
 * (Local symbols of a library or a dynamic executable are not looked
 * at: they are not the libc function, whatever their name.) */
static void from_definer(struct proc *p, size_t mi, const char *name,
			 const struct bkpt_sym *s, unsigned k,
			 struct targets *ts, bool *pending)
{
	struct module *m = &p->mods[mi];
	struct bkpt_sym sym = *s;
	if (sym.type == STT_FUNC) {
		add_target(ts, m->bias + sym.value, k);
		ignore_definer(p, mi, m->bias + sym.value, sym.size);
		return;
	}
	uint64_t impl = irelative_impl(p, m, sym.value);
	uint64_t off;
	if (!impl && !m->exe && own_offset(name, m->dev, m->inode, &off))
		impl = m->bias + off;
	if (impl) {
		add_target(ts, impl, k);
		ignore_definer(p, exec_module(p, impl), impl, 0);
	} else if (m->is_static) {
		*pending = true;
	}
}

/* NAME imported by module M: the implementations its bound GOT slots
 * hold (a slot still pointing into M itself is lazily bound, not yet). */
static void from_importer(struct proc *p, size_t mi, const char *name,
			  unsigned k, struct targets *ts)
{
	struct module *m = &p->mods[mi];
	struct bkpt_slot slots[MAX_SLOTS];
	int ns = bkpt_elf_got_slots(&m->be, name, slots, MAX_SLOTS);
	for (int i = 0; i < ns && i < MAX_SLOTS; i++) {
		uint64_t v;
		if (read_word(p->pid, m->bias + slots[i].offset, &v) < 0)
			continue;
		size_t to = exec_module(p, v);
		if (to == SIZE_MAX || to == mi)
			continue;
		add_target(ts, v, k);
		ignore_definer(p, to, v, 0);
	}
}

/* Whether NAMES[K], a fortified "__X_chk", is imported: the import
 * pre-pass credits such a symbol to X when X comes first in NAMES. */
static bool chk_imported(const char *const *names, size_t n, const uint8_t *found,
			 unsigned k)
{
	const char *s = names[k];
	size_t len = strlen(s);
	if (len <= 6 || strncmp(s, "__", 2) || strcmp(s + len - 4, "_chk"))
		return false;
	for (size_t j = 0; j < n; j++)
		if ((found[j] & BKPT_IMPORT_CHK) && strlen(names[j]) == len - 6 &&
		    !strncmp(names[j], s + 2, len - 6))
			return true;
	return false;
}

static uint64_t main_of(struct proc *p)
{
	for (size_t i = 0; i < p->nmods; i++) {
		struct bkpt_sym sym;
		if (p->mods[i].exe && p->mods[i].open &&
		    bkpt_elf_func(&p->mods[i].be, "main", &sym) == 0 &&
		    sym.type == STT_FUNC)
			return p->mods[i].bias + sym.value;
	}
	return 0;
}

int bkpt_resolve(pid_t pid, const char *const *names, size_t n,
		 struct bkpt_resolution *out)
{
	memset(out, 0, sizeof(*out));
	struct proc p = { .pid = pid };
	int r = read_maps(&p);
	if (r < 0) {
		proc_release(&p);
		return r;
	}
	struct targets ts = { .found = xcalloc(n ? n : 1, sizeof(bool)) };
	uint8_t *imp = xcalloc(n ? n : 1, 1);
	struct bkpt_sym *syms = xcalloc(n ? n : 1, sizeof(*syms));
	int *found = xcalloc(n ? n : 1, sizeof(*found));
	bool pending = false;
	/* First the importers: a dynamic process only reaches a function
	 * through an import (dlsym aside). A function no module imports is
	 * not planted where it is defined: the C library calls stpcpy & co.
	 * itself, and each of those calls would cost a stop for nothing. */
	bool *imported = xcalloc(n ? n : 1, sizeof(bool));
	for (size_t mi = 0; mi < p.nmods; mi++) {
		struct module *m = &p.mods[mi];
		if (module_open(&p, m) < 0)
			continue;
		bkpt_elf_imports(&m->be, names, n, imp);
		for (unsigned k = 0; k < n; k++)
			if (imp[k] || chk_imported(names, n, imp, k)) {
				imported[k] = true;
				from_importer(&p, mi, names[k], k, &ts);
			}
	}
	for (size_t mi = 0; mi < p.nmods; mi++) {
		struct module *m = &p.mods[mi];
		if (!m->open)
			continue;
		bkpt_elf_funcs(&m->be, names, n, !m->is_static, syms, found);
		for (unsigned k = 0; k < n; k++)
			if (found[k] == 0 && (m->is_static || imported[k]))
				from_definer(&p, mi, names[k], &syms[k], k, &ts,
					     &pending);
	}
	free(imported);
	if (pending)
		out->again_at = main_of(&p);
	free(imp);
	free(syms);
	free(found);
	free(ts.found);
	out->t = ts.t;
	out->n = ts.n;
	out->ranges = p.ranges;
	out->nranges = p.nranges;
	p.ranges = NULL;
	proc_release(&p);
	return 0;
}

int bkpt_resolve_ranges(pid_t pid, const struct bkpt_mm *mm,
			struct bkpt_resolution *out)
{
	memset(out, 0, sizeof(*out));
	struct proc p = { .pid = pid };
	int r = read_maps(&p);
	if (r == 0) {
		for (size_t i = 0; i < mm->nranges; i++)
			if (mm->ranges[i].code == BKPT_CODE_IGNORED)
				add_range(&p, mm->ranges[i].start, mm->ranges[i].end,
					  BKPT_CODE_IGNORED);
		out->ranges = p.ranges;
		out->nranges = p.nranges;
		p.ranges = NULL;
	}
	proc_release(&p);
	return r;
}

void bkpt_resolution_release(struct bkpt_resolution *res)
{
	free(res->t);
	free(res->ranges);
	memset(res, 0, sizeof(*res));
}
