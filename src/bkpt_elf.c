/* bkpt_elf.c - function symbols, imports, GOT slots and IRELATIVE
 * relocations of one ELF file, read through libelf's section headers */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bkpt_elf.h"
#include "util.h"

/* .gnu.version marks a symbol that is not its name's default version. */
#define VERSYM_HIDDEN 0x8000

static void bkpt_elf_clear(struct bkpt_elf *be)
{
	memset(be, 0, sizeof(*be));
	be->fd = -1;
}

int bkpt_elf_init(struct bkpt_elf *be, Elf *elf)
{
	bkpt_elf_clear(be);
	GElf_Ehdr eh;
	if (!elf || elf_kind(elf) != ELF_K_ELF || !gelf_getehdr(elf, &eh) ||
	    eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_machine != EM_X86_64)
		return -ENOEXEC;
	be->elf = elf;
	for (Elf_Scn *scn = elf_nextscn(elf, NULL); scn;
	     scn = elf_nextscn(elf, scn)) {
		GElf_Shdr sh;
		if (!gelf_getshdr(scn, &sh))
			return -ENOEXEC;
		if (sh.sh_type == SHT_DYNSYM) {
			be->dynsym = scn;
			be->dynsym_index = elf_ndxscn(scn);
		} else if (sh.sh_type == SHT_SYMTAB) {
			be->symtab = scn;
		} else if (sh.sh_type == SHT_GNU_versym) {
			be->versym = scn;
		}
	}
	return 0;
}

int bkpt_elf_open(struct bkpt_elf *be, const char *path)
{
	bkpt_elf_clear(be);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	elf_version(EV_CURRENT);
	Elf *elf = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	int r = bkpt_elf_init(be, elf);
	if (r < 0) {
		elf_end(elf);
		close(fd);
		return r;
	}
	be->fd = fd;
	return 0;
}

void bkpt_elf_release(struct bkpt_elf *be)
{
	if (be->fd >= 0) {
		elf_end(be->elf);
		close(be->fd);
	}
	bkpt_elf_clear(be);
}

/* A symbol table, read in place: gelf_getsym copies every symbol and
 * elf_strptr checks the string table again for each name, which was
 * most of the time spent resolving the functions of a process. */
struct syms {
	const Elf64_Sym *sym;
	size_t n;
	const char *str;	/* string table, NUL-terminated */
	size_t str_size;
};

/* Symbol table SCN of BE as S; false when it is missing or malformed. */
static bool syms_get(struct bkpt_elf *be, Elf_Scn *scn, struct syms *s)
{
	GElf_Shdr sh;
	Elf_Data *data, *str;
	if (!scn || !gelf_getshdr(scn, &sh) ||
	    sh.sh_entsize != sizeof(Elf64_Sym) ||
	    !(data = elf_getdata(scn, NULL)) || !data->d_buf ||
	    !(str = elf_getdata(elf_getscn(be->elf, sh.sh_link), NULL)) ||
	    !str->d_buf || !str->d_size ||
	    ((const char *)str->d_buf)[str->d_size - 1] != '\0')
		return false;
	*s = (struct syms){ data->d_buf, data->d_size / sizeof(Elf64_Sym),
			    str->d_buf, str->d_size };
	return true;
}

static const char *syms_name(const struct syms *s, size_t i)
{
	size_t at = s->sym[i].st_name;
	return at && at < s->str_size ? s->str + at : NULL;
}

/* The wanted names by hash, so that one pass over a symbol table serves
 * them all: .symtab spells versions into names, "memcpy@@GLIBC_2.14"
 * being the default and "memcpy@GLIBC_2.2.5" an older one, so a symbol
 * is looked up by its name up to the '@'. */
struct name_index {
	const char *const *names;
	size_t n;
	uint32_t *slot;		/* index + 1, 0: empty */
	size_t mask;
	/* bit L: a name is L bytes long (63: longer). Most symbols fail
	 * this test, which costs less than hashing them. */
	uint64_t lengths;
};

static uint32_t name_hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static void index_init(struct name_index *ix, const char *const *names,
		       size_t n)
{
	size_t cap = 16;
	while (cap < 2 * n)
		cap *= 2;
	ix->names = names;
	ix->n = n;
	ix->mask = cap - 1;
	ix->slot = xcalloc(cap, sizeof(*ix->slot));
	ix->lengths = 0;
	for (size_t k = 0; k < n; k++) {
		size_t len = strlen(names[k]);
		ix->lengths |= 1ull << (len < 63 ? len : 63);
		size_t i = name_hash(names[k], len) & ix->mask;
		while (ix->slot[i])
			i = (i + 1) & ix->mask;
		ix->slot[i] = (uint32_t)k + 1;
	}
}

/* The index of the name that is the first LEN bytes of S, or -1. */
static int index_find(const struct name_index *ix, const char *s, size_t len)
{
	if (!(ix->lengths >> (len < 63 ? len : 63) & 1))
		return -1;
	for (size_t i = name_hash(s, len) & ix->mask; ix->slot[i];
	     i = (i + 1) & ix->mask) {
		const char *name = ix->names[ix->slot[i] - 1];
		if (!strncmp(s, name, len) && !name[len])
			return (int)ix->slot[i] - 1;
	}
	return -1;
}

/* The index of the name symbol S stands for, or -1; *HIDDEN: S is an
 * older version of it. */
static int index_find_versioned(const struct name_index *ix, const char *s,
				bool *hidden)
{
	size_t len = strcspn(s, "@");
	*hidden = s[len] == '@' && s[len + 1] != '@';
	return index_find(ix, s, len);
}

static bool is_func_def(const Elf64_Sym *sym)
{
	unsigned type = ELF64_ST_TYPE(sym->st_info);
	return sym->st_shndx != SHN_UNDEF &&
	       (type == STT_FUNC || type == STT_GNU_IFUNC);
}

/* Symbol I of ST, a definition of NAMES[K] when it is a function: rank
 * it (1: the default version) against the best one seen so far. */
static void consider(const struct syms *st, size_t i, int k, bool hidden,
		     Elf_Data *vdata, bool dynamic, struct bkpt_sym *out,
		     int *best, bool *ambiguous)
{
	const Elf64_Sym sym = st->sym[i];
	unsigned type = ELF64_ST_TYPE(sym.st_info);
	if (!is_func_def(&sym) || best[k] == -1)
		return;
	GElf_Versym vs;
	if (vdata && gelf_getversym(vdata, (int)i, &vs))
		hidden = hidden || (vs & VERSYM_HIDDEN);
	int rank = !hidden;
	if (rank > best[k] || best[k] == -2) {
		best[k] = rank;
		ambiguous[k] = false;
		out[k] = (struct bkpt_sym){ sym.st_value, sym.st_size, type, dynamic };
	} else if (rank == best[k] && sym.st_value != out[k].value) {
		ambiguous[k] = true;
	}
}

/* The GNU hash table of .dynsym, read in place (see the ELF gABI
 * extension in glibc's dl-lookup.c for the layout). */
struct gnu_hash {
	uint32_t nbuckets, symoffset;
	const uint32_t *buckets, *chain;
	size_t nchain;
};

static bool gnu_hash_get(struct bkpt_elf *be, size_t nsyms, struct gnu_hash *h)
{
	for (Elf_Scn *scn = elf_nextscn(be->elf, NULL); scn;
	     scn = elf_nextscn(be->elf, scn)) {
		GElf_Shdr sh;
		Elf_Data *d;
		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_GNU_HASH ||
		    sh.sh_link != be->dynsym_index ||
		    !(d = elf_rawdata(scn, NULL)) || !d->d_buf ||
		    d->d_size < 16 || (uintptr_t)d->d_buf % 8)
			continue;
		const uint32_t *w = d->d_buf;
		size_t words = d->d_size / 4;
		uint32_t nb = w[0], off = w[1], bloom = w[2];
		/* header, 64-bit bloom words, buckets, then the chain */
		size_t at = 4 + 2 * (size_t)bloom;
		if (!nb || at + nb > words || off > nsyms)
			return false;
		*h = (struct gnu_hash){ nb, off, w + at, w + at + nb,
					words - at - nb };
		return true;
	}
	return false;
}

static uint32_t gnu_hash_of(const char *s)
{
	uint32_t h = 5381;
	for (; *s; s++)
		h = h * 33 + (unsigned char)*s;
	return h;
}

/* One pass over symbol table SCN for the names with BEST[k] == -2 (not
 * found yet): BEST[k] becomes the rank of the best definition (1: the
 * default version), OUT[k] that symbol, AMBIGUOUS[k] whether another of
 * that rank differs in value. .dynsym goes through its GNU hash table:
 * a few symbols a name instead of the whole table (libc has 3,000). */
static void find_funcs(struct bkpt_elf *be, Elf_Scn *scn,
		       const struct name_index *ix, struct bkpt_sym *out,
		       int *best, bool *ambiguous)
{
	Elf_Data *vdata = NULL;
	struct syms st;
	if (!syms_get(be, scn, &st))
		return;
	bool dynamic = scn == be->dynsym;
	if (dynamic && be->versym)
		vdata = elf_getdata(be->versym, NULL);

	struct gnu_hash h;
	if (dynamic && gnu_hash_get(be, st.n, &h)) {
		/* a name's versions share its hash, in one chain, in table
		 * order: the scan below would meet them in the same order */
		for (int k = 0; (size_t)k < ix->n; k++) {
			uint32_t hv = gnu_hash_of(ix->names[k]);
			for (size_t i = h.buckets[hv % h.nbuckets];
			     i >= h.symoffset && i < st.n &&
			     i - h.symoffset < h.nchain; i++) {
				uint32_t c = h.chain[i - h.symoffset];
				const char *s = syms_name(&st, i);
				if ((c | 1) == (hv | 1) && s && !strcmp(s, ix->names[k]))
					consider(&st, i, k, false, vdata, dynamic, out,
						 best, ambiguous);
				if (c & 1)
					break;
			}
		}
		return;
	}
	for (size_t i = 1; i < st.n; i++) {
		/* most symbols fail this, which costs less than the name */
		if (!is_func_def(&st.sym[i]))
			continue;
		const char *s = syms_name(&st, i);
		bool hidden;
		int k = s ? index_find_versioned(ix, s, &hidden) : -1;
		if (k >= 0)
			consider(&st, i, k, hidden, vdata, dynamic, out, best,
				 ambiguous);
	}
}

void bkpt_elf_funcs(struct bkpt_elf *be, const char *const *names, size_t n,
		    bool dynsym_only, struct bkpt_sym *out, int *res)
{
	struct name_index ix;
	int *best = xcalloc(n, sizeof(*best));
	bool *amb = xcalloc(n, sizeof(*amb));
	index_init(&ix, names, n);
	/* -2: not seen in this table; -1: found in .dynsym, done */
	for (size_t k = 0; k < n; k++)
		best[k] = -2;
	find_funcs(be, be->dynsym, &ix, out, best, amb);
	bool missing = false;
	for (size_t k = 0; k < n; k++) {
		res[k] = best[k] == -2 ? -ENOENT : amb[k] ? -ENOTUNIQ : 0;
		missing |= best[k] == -2;
		best[k] = best[k] == -2 ? -2 : -1;
	}
	if (missing && !dynsym_only) {
		find_funcs(be, be->symtab, &ix, out, best, amb);
		for (size_t k = 0; k < n; k++)
			if (best[k] >= 0)
				res[k] = amb[k] ? -ENOTUNIQ : 0;
	}
	free(ix.slot);
	free(best);
	free(amb);
}

int bkpt_elf_func(struct bkpt_elf *be, const char *name, struct bkpt_sym *out)
{
	int r;
	bkpt_elf_funcs(be, &name, 1, false, out, &r);
	return r;
}

/* Index of the function S names, plainly or as __NAME_chk. */
static int import_match(const struct name_index *ix, const char *s,
			uint8_t *flag)
{
	size_t len = strlen(s);
	int k = index_find(ix, s, len);
	if (k >= 0) {
		*flag = BKPT_IMPORT_PLAIN;
		return k;
	}
	if (len > 6 && !strncmp(s, "__", 2) && !strcmp(s + len - 4, "_chk") &&
	    (k = index_find(ix, s + 2, len - 6)) >= 0)
		*flag = BKPT_IMPORT_CHK;
	return k;
}

int bkpt_elf_imports(struct bkpt_elf *be, const char *const *names, size_t n,
		     uint8_t *found)
{
	memset(found, 0, n);
	struct name_index ix;
	index_init(&ix, names, n);
	struct syms st;
	size_t nsyms = syms_get(be, be->dynsym, &st) ? st.n : 0;
	for (size_t i = 1; i < nsyms; i++) {
		if (st.sym[i].st_shndx != SHN_UNDEF)
			continue;
		const char *s = syms_name(&st, i);
		uint8_t flag;
		int k = s ? import_match(&ix, s, &flag) : -1;
		if (k >= 0)
			found[k] |= flag;
	}
	free(ix.slot);
	int count = 0;
	for (size_t i = 0; i < n; i++)
		count += found[i] != 0;
	return count;
}

/* Any symbol table, for each_rela. */
#define ANY_LINK SIZE_MAX

/* Call FN on every relocation of the allocated RELA sections (the ones
 * the loader applies) whose symbol table is section LINK, or ANY_LINK. */
typedef void (*rela_fn)(struct bkpt_elf *be, const GElf_Rela *rela, void *ctx);

static void each_rela(struct bkpt_elf *be, size_t link, rela_fn fn, void *ctx)
{
	for (Elf_Scn *scn = elf_nextscn(be->elf, NULL); scn;
	     scn = elf_nextscn(be->elf, scn)) {
		GElf_Shdr sh;
		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_RELA ||
		    !(sh.sh_flags & SHF_ALLOC) || !sh.sh_entsize ||
		    (link != ANY_LINK && sh.sh_link != link))
			continue;
		Elf_Data *data = elf_getdata(scn, NULL);
		size_t n = data ? sh.sh_size / sh.sh_entsize : 0;
		for (size_t i = 0; i < n; i++) {
			GElf_Rela rela;
			if (gelf_getrela(data, (int)i, &rela))
				fn(be, &rela, ctx);
		}
	}
}

struct slot_ctx {
	const char *name;
	struct syms syms;
	struct bkpt_slot *out;
	size_t max, count;
};

static void slot_add(struct bkpt_elf *be, const GElf_Rela *rela, void *ctx)
{
	struct slot_ctx *c = ctx;
	unsigned type = (unsigned)GELF_R_TYPE(rela->r_info);
	size_t i = GELF_R_SYM(rela->r_info);
	if (type != R_X86_64_JUMP_SLOT && type != R_X86_64_GLOB_DAT)
		return;
	const char *s = i < c->syms.n ? syms_name(&c->syms, i) : NULL;
	if (!s || strcmp(s, c->name))
		return;
	if (c->count < c->max)
		c->out[c->count] = (struct bkpt_slot){ rela->r_offset, type };
	c->count++;
}

int bkpt_elf_got_slots(struct bkpt_elf *be, const char *name,
		       struct bkpt_slot *out, size_t max)
{
	struct slot_ctx c = { .name = name, .out = out, .max = max };
	if (!syms_get(be, be->dynsym, &c.syms))
		return 0;
	each_rela(be, be->dynsym_index, slot_add, &c);
	return (int)c.count;
}

struct irel_ctx {
	struct bkpt_irel *out;
	size_t max, count;
};

static void irel_add(struct bkpt_elf *be, const GElf_Rela *rela, void *ctx)
{
	struct irel_ctx *c = ctx;
	if (GELF_R_TYPE(rela->r_info) != R_X86_64_IRELATIVE)
		return;
	if (c->count < c->max)
		c->out[c->count] = (struct bkpt_irel){ rela->r_offset,
						       (uint64_t)rela->r_addend };
	c->count++;
}

int bkpt_elf_irelative(struct bkpt_elf *be, struct bkpt_irel *out, size_t max)
{
	struct irel_ctx c = { .out = out, .max = max };
	each_rela(be, ANY_LINK, irel_add, &c);
	return (int)c.count;
}

ssize_t bkpt_elf_read(struct bkpt_elf *be, uint64_t vaddr, void *buf, size_t n)
{
	for (Elf_Scn *scn = elf_nextscn(be->elf, NULL); scn;
	     scn = elf_nextscn(be->elf, scn)) {
		GElf_Shdr sh;
		if (!gelf_getshdr(scn, &sh) || !(sh.sh_flags & SHF_ALLOC) ||
		    sh.sh_type == SHT_NOBITS || vaddr < sh.sh_addr ||
		    vaddr - sh.sh_addr >= sh.sh_size)
			continue;
		Elf_Data *data = elf_rawdata(scn, NULL);
		uint64_t off = vaddr - sh.sh_addr;
		if (!data || !data->d_buf || off >= data->d_size)
			return -EFAULT;
		if (n > data->d_size - off)
			n = data->d_size - off;
		memcpy(buf, (const char *)data->d_buf + off, n);
		return (ssize_t)n;
	}
	return -EFAULT;
}
