/* unwind.c - user stacks of stopped threads, symbolised with libdw
 *
 * One Dwfl per process, built at its first stack and kept: a fresh one
 * per stop costs ~30 ms, a cached unwind ~9 us. Its modules are reported
 * again only after the process changed executable mappings (the engine
 * traps those calls and says so), or once when a frame lands outside
 * every module. Symbol, line and inline lookups go through one cache
 * keyed by module build-id and offset, because libdw scans symbol tables
 * linearly (~240 us a stack uncached) and parses a CU's line table on
 * its first lookup; an entry also holds its frame's text, so that a
 * stack is printed with one copy per frame.
 */
#include "config.h"

#include <dwarf.h>
#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unwind.h"

typedef char *(*demangle_fn)(const char *mangled, char *buf, size_t *len,
			     int *status);

#define PROC_BUCKETS 256
#define CACHE_SLOTS 8192	/* direct-mapped: a miss costs microseconds */
#define MAX_INLINE 8		/* logical frames kept per pc */
#define DWARF_REG_RSP 7		/* x86-64 DWARF register numbers */

struct uproc {
	pid_t tgid;
	Dwfl *dwfl;
	bool dirty;		/* executable mappings changed */
	bool rescued;		/* a frame outside every module caused a
				 * re-report since the last change */
	struct uproc *next;
};

struct csym {
	const char *func;
	uint64_t func_start;	/* file address where func starts */
	bool has_start;
	const char *file;
	int line;
	bool inlined;
};

struct centry {
	uint64_t mod_id;	/* 0: empty slot */
	uint64_t off;		/* lookup pc - module start */
	bool activation;	/* pc = lookup pc (else lookup pc + 1) */
	bool has_cfi;		/* the module can be unwound without guessing */
	bool program;
	uint64_t addr;		/* the pc as a file address (pc - load bias) */
	unsigned nsym;
	const char *module;
	const char *build_id;
	struct csym sym[MAX_INLINE];
	const char *text;	/* the frame's lines, the last without '\n' */
	size_t text_len;
	char *strings;		/* owns every string above */
};

/* A module's functions sorted by file address: libdw's own lookup scans
 * the symbol table linearly (40-120 us in libc or python), once per pc.
 * Keyed by build-id, so it serves every process that maps the file.
 * Names are not copied (a quarter of the cost of building it): a row
 * keeps the symbol's index, and a lookup reads the name from the module
 * of the process at hand. */
struct symrow {
	uint64_t start;			/* file address */
	uint32_t size;
	uint32_t ndx;			/* in dwfl_module_getsym_info */
};

struct symidx {
	uint64_t mod_id;
	struct symrow *rows;
	size_t n;
	struct symidx *next;
};

#define SYMIDX_BUCKETS 64

struct unwind {
	struct unwind_opts o;
	struct uproc *procs[PROC_BUCKETS];
	struct symidx *symidx[SYMIDX_BUCKETS];
	/* CACHE_SLOTS pointers, allocated at the first symbol looked up.
	 * Entries (~400 bytes each) are allocated as they fill: an array
	 * of them cost a page fault for nearly every entry of a stack. */
	struct centry **cache;
	/* scratch for building a function index, kept: fresh memory costs
	 * a page fault per 4 KB, a third of a build */
	void *build;
	size_t build_cap;
	struct sbuf strs;	/* scratch for building an entry's strings */
	struct sbuf txt;	/* scratch for its text */
};

static char *debuginfo_path;
/* libdw's callbacks take no closure, and rxtrace has one struct unwind. */
static enum unwind_lines debuginfo_for = UNWIND_LINES_PROGRAM;

static const char *const system_dirs[] = {
	"/lib/", "/lib32/", "/lib64/", "/libx32/",
	"/usr/lib/", "/usr/lib32/", "/usr/lib64/", "/usr/libx32/",
};

bool unwind_system_path(const char *path)
{
	if (!path || path[0] != '/')
		return true;
	for (size_t i = 0; i < ARRAY_SIZE(system_dirs); i++)
		if (!strncmp(path, system_dirs[i], strlen(system_dirs[i])))
			return true;
	return false;
}

static bool wants_lines(enum unwind_lines l, const char *modname)
{
	return l == UNWIND_LINES_ALL ||
	       (l == UNWIND_LINES_PROGRAM && !unwind_system_path(modname));
}

/* Separate debug info is only opened for modules that get source lines.
 * Loading it decompresses every .debug_* section (60 ms for libc6-dbg's
 * libc, again in each process), and libdw would also load it for CFI at
 * the outermost frame, where .eh_frame ends.
 * The standard search verifies .gnu_debuglink by checksumming the whole
 * debug file, again in every new process; a build-id names the file
 * exactly and needs no checksum. */
static int find_debuginfo(Dwfl_Module *mod, void **userdata,
			  const char *modname, Dwarf_Addr base,
			  const char *file_name, const char *debuglink_file,
			  GElf_Word debuglink_crc, char **debuginfo_file_name)
{
	if (!wants_lines(debuginfo_for, modname))
		return -1;
	int fd = dwfl_build_id_find_debuginfo(mod, userdata, modname, base,
					      file_name, debuglink_file,
					      debuglink_crc,
					      debuginfo_file_name);
	/* A module with a build-id has its debug file where the build-id
	 * says, or none: the standard search would go on to dlopen
	 * libdebuginfod and its HTTP stack (milliseconds, once per run)
	 * only to ask no server. */
	const unsigned char *bits;
	GElf_Addr vaddr;
	if (fd >= 0 || dwfl_module_build_id(mod, &bits, &vaddr) > 0)
		return fd;
	return dwfl_standard_find_debuginfo(mod, userdata, modname, base,
					    file_name, debuglink_file,
					    debuglink_crc, debuginfo_file_name);
}

static const Dwfl_Callbacks callbacks = {
	.find_elf = dwfl_linux_proc_find_elf,
	.find_debuginfo = find_debuginfo,
	.debuginfo_path = &debuginfo_path,
};

struct unwind *unwind_new(const struct unwind_opts *o)
{
	struct unwind *u = xcalloc(1, sizeof(*u));
	u->o = *o;
	if (!u->o.depth || u->o.depth > UNWIND_MAX_DEPTH)
		u->o.depth = UNWIND_DEFAULT_DEPTH;
	debuginfo_for = u->o.lines;
	sb_init(&u->strs);
	sb_init(&u->txt);
	return u;
}

static void proc_free(struct uproc *p)
{
	if (p->dwfl)
		dwfl_end(p->dwfl);
	free(p);
}

void unwind_free(struct unwind *u)
{
	if (!u)
		return;
	for (unsigned b = 0; b < PROC_BUCKETS; b++)
		while (u->procs[b]) {
			struct uproc *p = u->procs[b];
			u->procs[b] = p->next;
			proc_free(p);
		}
	for (unsigned i = 0; u->cache && i < CACHE_SLOTS; i++)
		if (u->cache[i]) {
			free(u->cache[i]->strings);
			free(u->cache[i]);
		}
	free(u->cache);
	for (unsigned b = 0; b < SYMIDX_BUCKETS; b++)
		while (u->symidx[b]) {
			struct symidx *x = u->symidx[b];
			u->symidx[b] = x->next;
			free(x->rows);
			free(x);
		}
	free(u->build);
	sb_release(&u->strs);
	sb_release(&u->txt);
	free(u);
}

struct unwind_stack *unwind_stack_new(const struct unwind *u)
{
	struct unwind_stack *st = xcalloc(1, sizeof(*st) +
					  u->o.depth * sizeof(st->f[0]));
	return st;
}

/* ---- processes ---------------------------------------------------------- */

static struct uproc **proc_slot(struct unwind *u, pid_t tgid)
{
	struct uproc **pp = &u->procs[(unsigned)tgid % PROC_BUCKETS];
	while (*pp && (*pp)->tgid != tgid)
		pp = &(*pp)->next;
	return pp;
}

static int report(struct uproc *p)
{
	dwfl_report_begin(p->dwfl);
	int r = dwfl_linux_proc_report(p->dwfl, p->tgid);
	if (dwfl_report_end(p->dwfl, NULL, NULL) != 0 && r == 0)
		r = -EIO;
	p->dirty = false;
	return r > 0 ? -r : r;
}

static struct uproc *proc_get(struct unwind *u, pid_t tgid)
{
	struct uproc **pp = proc_slot(u, tgid);
	struct uproc *p = *pp;
	if (p) {
		if (p->dirty) {
			report(p);
			p->rescued = false;
		}
		return p;
	}
	/* libdw would ask debuginfod, over the network, for missing debug
	 * info. Only rxtrace's environment is changed: tracees were started
	 * before the first stack is ever taken. */
	unsetenv("DEBUGINFOD_URLS");
	p = xcalloc(1, sizeof(*p));
	p->tgid = tgid;
	p->dwfl = dwfl_begin(&callbacks);
	if (!p->dwfl || report(p) < 0 ||
	    dwfl_linux_proc_attach(p->dwfl, tgid, true) != 0) {
		proc_free(p);
		return NULL;
	}
	*pp = p;
	return p;
}

void unwind_maps_changed(struct unwind *u, pid_t tgid)
{
	struct uproc *p = *proc_slot(u, tgid);
	if (p)
		p->dirty = true;
}

void unwind_forget(struct unwind *u, pid_t tgid)
{
	struct uproc **pp = proc_slot(u, tgid);
	struct uproc *p = *pp;
	if (p) {
		*pp = p->next;
		proc_free(p);
	}
}

/* ---- capture ------------------------------------------------------------ */

struct capture {
	struct unwind_stack *st;
	unsigned max;
};

static int frame_cb(Dwfl_Frame *state, void *arg)
{
	struct capture *c = arg;
	Dwarf_Addr pc;
	bool act;
	if (!dwfl_frame_pc(state, &pc, &act))
		return DWARF_CB_ABORT;
	if (c->st->n == c->max) {
		c->st->truncated = true;
		return DWARF_CB_ABORT;
	}
	Dwarf_Word sp;
	c->st->f[c->st->n].pc = pc;
	c->st->f[c->st->n].activation = act;
	c->st->f[c->st->n].sp = dwfl_frame_reg(state, DWARF_REG_RSP, &sp) == 0 ? sp : 0;
	c->st->n++;
	return DWARF_CB_OK;
}

int unwind_capture(struct unwind *u, pid_t tgid, pid_t tid,
		   struct unwind_stack *st)
{
	st->n = 0;
	st->truncated = st->incomplete = false;
	struct uproc *p = proc_get(u, tgid);
	if (!p)
		return -ESRCH;
	struct capture c = { st, u->o.depth };
	/* -1 ends most walks ("no DWARF information found" past the last
	 * frame with CFI): keep what was collected, as libdwfl.h says. */
	/* 0: the outermost frame says so (_start, clone3); 1: the depth
	 * limit; -1: no CFI and no frame pointer to go on with. */
	st->incomplete = dwfl_getthread_frames(p->dwfl, tid, frame_cb, &c) < 0;
	return st->n ? 0 : -ENODATA;
}

/* ---- symbols ------------------------------------------------------------ */

/* Builds an entry's strings in u->strs as offsets, then copies them once:
 * the scratch buffer may move while it grows. */
static size_t put_str(struct unwind *u, const char *s)
{
	size_t at = u->strs.len;
	sb_puts(&u->strs, s ? s : "");
	sb_putc(&u->strs, '\0');
	return at;
}

/* The C++ runtime's demangler, loaded at the first C++ name: linking
 * libstdc++ would make every run of rxtrace, a C program, pay for its
 * relocations. NULL without a C++ runtime: names stay mangled. */
static demangle_fn demangler(void)
{
	static demangle_fn fn;
	static bool tried;
	if (!tried) {
		tried = true;
		void *h = dlopen("libstdc++.so.6", RTLD_LAZY | RTLD_LOCAL);
		if (h)
			*(void **)&fn = dlsym(h, "__cxa_demangle");
	}
	return fn;
}

void unwind_func_name(struct sbuf *sb, const char *name)
{
	size_t n = strcspn(name, "@");
	demangle_fn demangle;
	if (name[0] == '_' && name[1] == 'Z' && (demangle = demangler())) {
		char mangled[512];
		if (n < sizeof(mangled)) {
			memcpy(mangled, name, n);
			mangled[n] = '\0';
			int status;
			char *d = demangle(mangled, NULL, NULL, &status);
			if (d) {
				sb_puts(sb, d);
				free(d);
				return;
			}
		}
	}
	sb_putn(sb, name, n);
}

/* A source file as an absolute path: line tables often name files
 * relative to the compilation directory. */
static size_t put_path(struct unwind *u, const char *file, const char *comp_dir)
{
	if (!file)
		return SIZE_MAX;
	size_t at = u->strs.len;
	if (file[0] != '/' && comp_dir && comp_dir[0] == '/') {
		sb_puts(&u->strs, comp_dir);
		if (u->strs.p[u->strs.len - 1] != '/')
			sb_putc(&u->strs, '/');
		while (file[0] == '.' && file[1] == '/')
			file += 2;
	}
	sb_puts(&u->strs, file);
	sb_putc(&u->strs, '\0');
	return at;
}

static size_t put_func(struct unwind *u, const char *name)
{
	if (!name)
		return SIZE_MAX;
	size_t at = u->strs.len;
	unwind_func_name(&u->strs, name);
	sb_putc(&u->strs, '\0');
	return at;
}

static const char *die_name(Dwarf_Die *die)
{
	Dwarf_Attribute attr;
	const char *name = NULL;
	if (dwarf_attr_integrate(die, DW_AT_linkage_name, &attr) ||
	    dwarf_attr_integrate(die, DW_AT_MIPS_linkage_name, &attr))
		name = dwarf_formstring(&attr);
	return name ? name : dwarf_diename(die);
}

static bool func_like(Dwarf_Die *die)
{
	int tag = dwarf_tag(die);
	return tag == DW_TAG_subprogram || tag == DW_TAG_inlined_subroutine ||
	       tag == DW_TAG_entry_point;
}

/* Where DIE (an inlined instance) was called from. */
static void call_site(Dwarf_Die *cudie, Dwarf_Die *die, const char **file,
		      int *line)
{
	Dwarf_Files *files;
	Dwarf_Attribute attr;
	Dwarf_Word val;
	*file = NULL;
	*line = 0;
	if (dwarf_getsrcfiles(cudie, &files, NULL) != 0)
		return;
	if (dwarf_formudata(dwarf_attr(die, DW_AT_call_file, &attr), &val) == 0)
		*file = dwarf_filesrc(files, val, NULL, NULL);
	if (dwarf_formudata(dwarf_attr(die, DW_AT_call_line, &attr), &val) == 0)
		*line = (int)val;
}


struct pending {		/* a logical frame while strings are built */
	size_t func, file;	/* offsets of its strings, or SIZE_MAX */
	uint64_t func_start;
	bool has_start;
	int line;
	bool inlined;
};

/* Point E's strings into BASE, which holds them at the offsets of PF. */
static void set_strings(struct centry *e, const char *base,
			const struct pending *pf, size_t at_mod, size_t at_bid)
{
	e->module = base + at_mod;
	e->build_id = base + at_bid;
	for (unsigned i = 0; i < e->nsym; i++) {
		struct csym *s = &e->sym[i];
		s->func = pf[i].func == SIZE_MAX ? NULL : base + pf[i].func;
		s->file = pf[i].file == SIZE_MAX ? NULL : base + pf[i].file;
		s->line = pf[i].line;
		s->func_start = pf[i].func_start;
		s->has_start = pf[i].has_start;
		s->inlined = pf[i].inlined;
	}
}

/* E's frame as text: " > MODULE(FUNC+0xOFF) [0xMODOFF] FILE:LINE" per
 * logical frame, without the last newline. */
static void render(struct sbuf *sb, const struct centry *e)
{
	for (unsigned k = 0; k < e->nsym; k++) {
		const struct csym *s = &e->sym[k];
		if (k)
			sb_putc(sb, '\n');
		sb_printf(sb, " > %s(", e->module);
		if (s->func) {
			sb_puts(sb, s->func);
			if (s->has_start && !s->inlined)
				sb_printf(sb, "+%#llx", (unsigned long long)
					  (e->addr - s->func_start));
		}
		sb_printf(sb, ") [%#llx]", (unsigned long long)e->addr);
		if (s->file)
			sb_printf(sb, " %s:%d", s->file, s->line);
		if (s->inlined && k + 1 < e->nsym && e->sym[k + 1].func)
			sb_printf(sb, " (inlined into %s)", e->sym[k + 1].func);
	}
}

/* Whether libdw finds CFI for LPC; without, it unwinds the next frame
 * with the frame-pointer heuristic. Modules such as the program itself
 * often have .eh_frame only for the start files. */
static bool pc_has_cfi(Dwfl_Module *m, Dwarf_Addr lpc)
{
	Dwarf_CFI *cfi[2];
	Dwarf_Addr bias[2];
	cfi[0] = dwfl_module_eh_cfi(m, &bias[0]);
	cfi[1] = dwfl_module_dwarf_cfi(m, &bias[1]);
	for (int i = 0; i < 2; i++) {
		Dwarf_Frame *fr;
		if (cfi[i] && dwarf_cfi_addrframe(cfi[i], lpc - bias[i], &fr) == 0) {
			free(fr);
			return true;
		}
	}
	return false;
}

static uint64_t module_id(Dwfl_Module *m);

/* The name of symbol NDX of M, if it is the function at file address
 * START (a process whose libdw found other symbol tables for the same
 * file would number them otherwise). */
static const char *symrow_name(Dwfl_Module *m, uint32_t ndx, uint64_t start)
{
	GElf_Sym sym;
	GElf_Addr addr;
	GElf_Word shndx;
	Elf *elf;
	Dwarf_Addr bias;
	const char *name = dwfl_module_getsym_info(m, (int)ndx, &sym, &addr,
						   &shndx, &elf, &bias);
	return name && addr - bias == start ? name : NULL;
}

/* Rows at one start: of aliases the widest first, it is the one that
 * covers; then by name, so that the choice does not depend on the
 * table's order. NAMES: by symbol index, valid while the index is built
 * (asking libdw for them here was a third of the build). */
static int symrow_cmp(const char *const *names, const struct symrow *x,
		      const struct symrow *y)
{
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->size != y->size)
		return x->size > y->size ? -1 : 1;
	return strcmp(names[x->ndx], names[y->ndx]);
}

/* Sort the N rows of V by symrow_cmp, with room for N more in TMP: qsort
 * took 1.5 ms for the 9,600 functions of a python start-up (aliases make
 * it call strcmp). An LSD radix sort on the offset from the lowest start,
 * as many passes as the module's text needs (2 for 4 MB), then each run
 * of one start (aliases, a few rows) by insertion. */
#define RADIX_BITS 11
#define RADIX_SIZE (1u << RADIX_BITS)

static size_t radix_digit(uint64_t off, unsigned shift)
{
	return (size_t)(off >> shift) & (RADIX_SIZE - 1);
}

static void symrows_sort(const char *const *names, struct symrow *v,
			 struct symrow *tmp, size_t n)
{
	if (n < 2)
		return;
	size_t count[RADIX_SIZE];
	uint64_t lo = v[0].start, hi = v[0].start;
	for (size_t i = 1; i < n; i++) {
		lo = v[i].start < lo ? v[i].start : lo;
		hi = v[i].start > hi ? v[i].start : hi;
	}
	for (unsigned sh = 0; sh < 64 && (hi - lo) >> sh; sh += RADIX_BITS) {
		memset(count, 0, sizeof(count));
		for (size_t i = 0; i < n; i++)
			count[radix_digit(v[i].start - lo, sh)]++;
		for (size_t d = 0, at = 0; d < RADIX_SIZE; d++) {
			size_t c = count[d];
			count[d] = at;
			at += c;
		}
		for (size_t i = 0; i < n; i++)
			tmp[count[radix_digit(v[i].start - lo, sh)]++] = v[i];
		memcpy(v, tmp, n * sizeof(*v));
	}
	for (size_t i = 1; i < n; i++) {
		struct symrow r = v[i];
		size_t j = i;
		for (; j > 0 && v[j - 1].start == r.start &&
		       symrow_cmp(names, &v[j - 1], &r) > 0; j--)
			v[j] = v[j - 1];
		v[j] = r;
	}
}

/* The symbol table libdw numbers M's N symbols by, to be read in place,
 * when it is one section of one ELF file (no MiniDebugInfo merged in):
 * asking libdw symbol by symbol was most of an index build. Its string
 * table in *STR, of *STR_SIZE bytes. NULL: use libdw. */
static const Elf64_Sym *plain_symtab(Dwfl_Module *m, int n, const char **str,
				     size_t *str_size)
{
	GElf_Sym last;
	GElf_Addr addr;
	GElf_Word shndx;
	Elf *elf;
	Dwarf_Addr bias;
	const char *name = dwfl_module_getsym_info(m, n - 1, &last, &addr,
						   &shndx, &elf, &bias);
	if (!name || !elf)
		return NULL;
	for (Elf_Scn *scn = elf_nextscn(elf, NULL); scn;
	     scn = elf_nextscn(elf, scn)) {
		GElf_Shdr sh;
		Elf_Data *d, *s;
		if (!gelf_getshdr(scn, &sh) ||
		    (sh.sh_type != SHT_SYMTAB && sh.sh_type != SHT_DYNSYM) ||
		    sh.sh_entsize != sizeof(Elf64_Sym) ||
		    sh.sh_size / sh.sh_entsize != (size_t)n ||
		    !(d = elf_getdata(scn, NULL)) || !d->d_buf ||
		    d->d_size < (size_t)n * sizeof(Elf64_Sym) ||
		    !(s = elf_getdata(elf_getscn(elf, sh.sh_link), NULL)) ||
		    !s->d_buf || !s->d_size ||
		    ((const char *)s->d_buf)[s->d_size - 1] != '\0')
			continue;
		const Elf64_Sym *tab = d->d_buf;
		/* the same numbering: libdw's last symbol is this table's */
		if (tab[n - 1].st_name >= s->d_size ||
		    strcmp((const char *)s->d_buf + tab[n - 1].st_name, name) ||
		    tab[n - 1].st_value != last.st_value)
			continue;
		*str = s->d_buf;
		*str_size = s->d_size;
		return tab;
	}
	return NULL;
}

static bool symrow_wanted(const char *name, uint64_t size, unsigned shndx,
			  unsigned type)
{
	return name && *name && size && size <= UINT32_MAX &&
	       shndx != SHN_UNDEF && (type == STT_FUNC || type == STT_GNU_IFUNC);
}

static struct symidx *symidx_build(struct unwind *u, Dwfl_Module *m,
				   uint64_t id)
{
	struct symidx *x = xcalloc(1, sizeof(*x));
	x->mod_id = id;
	int n = dwfl_module_getsymtab(m);
	if (n < 2)
		return x;
	/* rows, the sort's spare rows, names */
	size_t need = (size_t)n * (2 * sizeof(struct symrow) + sizeof(char *));
	if (need > u->build_cap) {
		free(u->build);
		u->build = xmalloc(need);
		u->build_cap = need;
	}
	struct symrow *rows = u->build, *tmp = rows + n;
	const char **names = (const char **)(tmp + n);
	const char *str;
	size_t str_size;
	const Elf64_Sym *tab = plain_symtab(m, n, &str, &str_size);
	for (int i = 1; tab && i < n; i++) {
		const Elf64_Sym *s = &tab[i];
		const char *name = s->st_name < str_size ? str + s->st_name : NULL;
		if (!symrow_wanted(name, s->st_size, s->st_shndx,
				   ELF64_ST_TYPE(s->st_info)))
			continue;
		names[i] = name;
		rows[x->n++] = (struct symrow){ s->st_value, (uint32_t)s->st_size,
						(uint32_t)i };
	}
	for (int i = 1; !tab && i < n; i++) {
		GElf_Sym sym;
		GElf_Addr addr;
		GElf_Word shndx;
		Elf *elf;
		Dwarf_Addr bias;
		const char *name = dwfl_module_getsym_info(m, i, &sym, &addr, &shndx,
							   &elf, &bias);
		if (!symrow_wanted(name, sym.st_size, shndx,
				   GELF_ST_TYPE(sym.st_info)))
			continue;
		names[i] = name;
		/* addr is where the process has it: back to the file */
		rows[x->n++] = (struct symrow){ addr - bias,
						(uint32_t)sym.st_size,
						(uint32_t)i };
	}
	symrows_sort(names, rows, tmp, x->n);
	x->rows = xmalloc(x->n * sizeof(*x->rows));
	memcpy(x->rows, rows, x->n * sizeof(*x->rows));
	return x;
}

/* The function containing file address FADDR of module M, its start in
 * *START; NULL outside every sized function (as dwfl_module_addrinfo). */
static const char *symidx_lookup(struct unwind *u, Dwfl_Module *m,
				 uint64_t faddr, uint64_t *start)
{
	uint64_t id = module_id(m);
	struct symidx **pp = &u->symidx[id % SYMIDX_BUCKETS], *x;
	for (x = *pp; x && x->mod_id != id; x = x->next)
		;
	if (!x) {
		x = symidx_build(u, m, id);
		x->next = *pp;
		*pp = x;
	}
	/* the last row starting at or below FADDR, then back over the
	 * rows nested in an earlier, wider one */
	size_t lo = 0, hi = x->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (x->rows[mid].start <= faddr)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i-- > 0;) {
		if (faddr - x->rows[i].start < x->rows[i].size) {
			const char *name = symrow_name(m, x->rows[i].ndx,
						       x->rows[i].start);
			*start = x->rows[i].start;
			if (!name) {
				/* numbered otherwise here: libdw's own scan */
				Dwarf_Addr bias = 0;
				GElf_Off off = 0;
				GElf_Sym sym;
				dwfl_module_getelf(m, &bias);
				name = dwfl_module_addrinfo(m, faddr + bias, &off,
							    &sym, NULL, NULL,
							    NULL);
				*start = faddr - off;
			}
			return name;
		}
		if (lo - i > 16)
			break;
	}
	return NULL;
}

/* Fill E for the frame at PC (looked up at LPC: pc - 1 for return
 * addresses) in module M. */
static void resolve_miss(struct unwind *u, Dwfl_Module *m, Dwarf_Addr pc,
			 Dwarf_Addr lpc, struct centry *e)
{
	struct pending pf[MAX_INLINE];
	unsigned n = 0;
	const char *mname = dwfl_module_info(m, NULL, NULL, NULL, NULL, NULL,
					     NULL, NULL);
	bool lines = wants_lines(u->o.lines, mname);
	sb_reset(&u->strs);
	size_t at_mod = put_str(u, mname);
	size_t at_bid;
	const unsigned char *bits;
	GElf_Addr vaddr;
	int blen = dwfl_module_build_id(m, &bits, &vaddr);
	at_bid = u->strs.len;
	for (int i = 0; i < blen; i++)
		sb_printf(&u->strs, "%02x", bits[i]);
	sb_putc(&u->strs, '\0');

	/* File addresses, as addr2line takes them, PIE or not. */
	Dwarf_Addr lbias = 0;
	dwfl_module_getelf(m, &lbias);
	e->addr = pc - lbias;
	uint64_t sstart = 0;
	const char *sname = symidx_lookup(u, m, lpc - lbias, &sstart);
	GElf_Off soff = sname ? lpc - lbias - sstart : 0;

	Dwarf_Addr bias;
	Dwarf_Die *cudie = lines ? dwfl_module_addrdie(m, lpc, &bias) : NULL;
	Dwarf_Die *scopes = NULL;
	int ns = cudie ? dwarf_getscopes(cudie, lpc - bias, &scopes) : 0;
	int k = 0;
	while (k < ns && !func_like(&scopes[k]))
		k++;

	const char *file = NULL, *comp_dir = NULL;
	int line = 0;
	if (cudie) {
		Dwarf_Attribute cd;
		comp_dir = dwarf_formstring(dwarf_attr(cudie, DW_AT_comp_dir, &cd));
		Dwfl_Line *l = dwfl_module_getsrc(m, lpc);
		if (l)
			file = dwfl_lineinfo(l, NULL, &line, NULL, NULL, NULL);
	}

	if (k < ns && dwarf_tag(&scopes[k]) == DW_TAG_inlined_subroutine) {
		/* dwarf_getscopes inside an inlined instance gives the
		 * abstract origin's scopes; dwarf_getscopes_die on the
		 * instance gives the real chain of callers. */
		Dwarf_Die *is = NULL;
		int nis = dwarf_getscopes_die(&scopes[k], &is);
		Dwarf_Die *last = NULL;
		for (int j = 0; j < nis && n < MAX_INLINE - 1; j++) {
			if (!func_like(&is[j]))
				continue;
			struct pending *p = &pf[n++];
			bool outer = dwarf_tag(&is[j]) == DW_TAG_subprogram;
			const char *f = file;
			int ln = line;
			if (last)
				call_site(cudie, last, &f, &ln);
			memset(p, 0, sizeof(*p));
			p->func = outer && sname ? put_func(u, sname)
						 : put_func(u, die_name(&is[j]));
			p->file = put_path(u, f, comp_dir);
			p->line = ln;
			p->inlined = !outer;
			if (outer) {
				p->has_start = sname != NULL;
				p->func_start = lpc - soff - lbias;
				break;
			}
			last = &is[j];
		}
		free(is);
	}
	if (!n) {
		struct pending *p = &pf[n++];
		memset(p, 0, sizeof(*p));
		p->func = put_func(u, sname);
		p->has_start = sname != NULL;
		p->func_start = lpc - soff - lbias;
		p->file = put_path(u, file, comp_dir);
		p->line = line;
	}

	free(scopes);
	e->nsym = n;
	e->has_cfi = pc_has_cfi(m, lpc);
	e->program = !unwind_system_path(mname);

	/* One allocation holds every string of the entry and its text,
	 * rendered from the strings while they are still in the scratch. */
	set_strings(e, u->strs.p, pf, at_mod, at_bid);
	sb_reset(&u->txt);
	render(&u->txt, e);
	size_t slen = u->strs.len;
	free(e->strings);
	e->strings = xmalloc(slen + u->txt.len + 1);
	memcpy(e->strings, u->strs.p, slen);
	memcpy(e->strings + slen, u->txt.p, u->txt.len + 1);
	set_strings(e, e->strings, pf, at_mod, at_bid);
	e->text = e->strings + slen;
	e->text_len = u->txt.len;
}

static uint64_t module_id(Dwfl_Module *m)
{
	const unsigned char *bits;
	GElf_Addr vaddr;
	int len = dwfl_module_build_id(m, &bits, &vaddr);
	uint64_t h = FNV1A_INIT;
	if (len > 0)
		h = fnv1a(h, bits, (size_t)len);
	else {
		/* No build-id: the file name, and where it is mapped, since
		 * two processes may map different files of that name. */
		Dwarf_Addr start;
		const char *name = dwfl_module_info(m, NULL, &start, NULL, NULL,
						    NULL, NULL, NULL);
		h = fnv1a(h, name, strlen(name));
		h = fnv1a(h, &start, sizeof(start));
	}
	return h | 1;	/* never 0, which marks an empty slot */
}

/* The cache entry for frame F in process P, or NULL when no module maps
 * its pc. */
static const struct centry *lookup(struct unwind *u, struct uproc *p,
				   const struct unwind_frame *f)
{
	Dwarf_Addr lpc = f->activation ? f->pc : f->pc - 1;
	Dwfl_Module *m = dwfl_addrmodule(p->dwfl, lpc);
	if (!m && !p->rescued) {
		/* A mapping we were not told about: re-report once until the
		 * next change, or JIT code would re-report on every stack. */
		p->rescued = true;
		report(p);
		m = dwfl_addrmodule(p->dwfl, lpc);
	}
	if (!m)
		return NULL;
	Dwarf_Addr start;
	dwfl_module_info(m, NULL, &start, NULL, NULL, NULL, NULL, NULL);
	uint64_t id = module_id(m);
	uint64_t off = lpc - start;
	uint64_t h = fnv1a(id, &off, sizeof(off)) ^ f->activation;
	if (!u->cache)
		u->cache = xcalloc(CACHE_SLOTS, sizeof(*u->cache));
	struct centry **slot = &u->cache[h % CACHE_SLOTS];
	if (!*slot)
		*slot = xcalloc(1, sizeof(**slot));
	struct centry *e = *slot;
	if (e->mod_id == id && e->off == off && e->activation == f->activation)
		return e;
	e->mod_id = id;
	e->off = off;
	e->activation = f->activation;
	resolve_miss(u, m, f->pc, lpc, e);
	return e;
}

/* Whether frame I of ST was reached by guessing: libdw falls back to
 * frame pointers when the callee's pc has no module or no CFI. */
static bool reached_by_fp(struct unwind *u, struct uproc *p,
			  const struct unwind_stack *st, unsigned i)
{
	if (!i)
		return false;
	const struct centry *ge = lookup(u, p, &st->f[i - 1]);
	return !ge || !ge->has_cfi;
}

unsigned unwind_resolve(struct unwind *u, pid_t tgid,
			const struct unwind_stack *st, unsigned i,
			struct unwind_sym *out, unsigned max)
{
	const struct unwind_frame *f = &st->f[i];
	struct uproc *p = proc_get(u, tgid);

	memset(out, 0, sizeof(*out));
	out->mod_off = f->pc;
	if (!p || !max)
		return 1;
	/* Looked up first: the two entries may share a cache slot. */
	bool fp = reached_by_fp(u, p, st, i);
	const struct centry *e = lookup(u, p, f);
	if (!e)
		return 1;
	unsigned n = e->nsym < max ? e->nsym : max;
	for (unsigned k = 0; k < n; k++) {
		const struct csym *s = &e->sym[k];
		struct unwind_sym *o = &out[k];
		o->module = e->module;
		o->build_id = e->build_id;
		o->func = s->func;
		o->mod_off = e->addr;
		o->func_off = s->has_start ? e->addr - s->func_start : 0;
		o->file = s->file;
		o->line = s->line;
		o->inlined = s->inlined;
		o->fp = fp && k == n - 1;
		o->program = e->program;
	}
	return n;
}

int unwind_first_program_frame(struct unwind *u, pid_t tgid,
			       const struct unwind_stack *st)
{
	struct uproc *p = proc_get(u, tgid);
	for (unsigned i = 0; p && i < st->n; i++) {
		const struct centry *e = lookup(u, p, &st->f[i]);
		if (e && e->program)
			return (int)i;
	}
	return -1;
}

void unwind_format(struct unwind *u, pid_t tgid,
		   const struct unwind_stack *st, struct sbuf *sb)
{
	struct uproc *p = proc_get(u, tgid);
	bool callee_has_cfi = true;
	for (unsigned i = 0; i < st->n; i++) {
		const struct centry *e = p ? lookup(u, p, &st->f[i]) : NULL;
		if (!e) {
			sb_printf(sb, " > ?() [%#llx]\n",
				  (unsigned long long)st->f[i].pc);
			callee_has_cfi = false;
			continue;
		}
		sb_putn(sb, e->text, e->text_len);
		if (!callee_has_cfi)
			sb_puts(sb, " (frame pointer)");
		sb_putc(sb, '\n');
		callee_has_cfi = e->has_cfi;
	}
	if (st->truncated)
		sb_printf(sb, " > ... (stack truncated at %u frames)\n", st->n);
	else if (st->incomplete)
		sb_puts(sb, " > ... (no unwind information beyond this frame)\n");
}
