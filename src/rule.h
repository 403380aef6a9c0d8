/* rule.h - the rule engine: a sink that hands each enabled rule the
 * calls and events it asked for, and records what the rules report.
 *
 * A rule is a row of struct rule_impl in its group's file (rule_env.c,
 * rule_proc.c, ...): the syscalls it needs (with argument conditions the
 * seccomp filter checks, so that other calls cost nothing) and its
 * callbacks. Callbacks run while the task is stopped; they read what they
 * need (tracee memory, /proc) and call rule_report().
 */
#ifndef RX_RULE_H
#define RX_RULE_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "filter.h"
#include "finding.h"
#include "rule_catalog.h"
#include "secret.h"
#include "sink.h"

/* A call a rule wants: SYSCALL, and when ARG >= 0 only with (low word of
 * argument ARG & MASK) == VALUE. Lists end with a NULL syscall. */
struct rule_trigger {
	const char *syscall;
	int arg;
	uint32_t mask, value;
};

struct rule_env;

struct rule_impl {
	enum rule_idx idx;
	const struct rule_trigger *triggers;
	/* At the entry of a call one of the triggers matched. Returns true
	 * to see the call's exit as well. */
	bool (*entry)(struct rule_env *re, struct rx_task *t);
	void (*exit)(struct rule_env *re, struct rx_task *t);
	/* T's process has a new program (after a successful execve). */
	void (*exec)(struct rule_env *re, struct rx_task *t);
	/* At the entry of an i386 (int 0x80) or x32 call, whatever its
	 * number (T's call.se is NULL for one without a row): the filter
	 * traps them all, and no trigger names them. */
	void (*foreign)(struct rule_env *re, struct rx_task *t);
	/* A signal about to be delivered to T (SI may be NULL). */
	void (*signal)(struct rule_env *re, struct rx_task *t, int sig,
		       const siginfo_t *si);
	/* Frees the state the rule keeps per process (rule_state). */
	void (*state_free)(void *state);
	/* Library functions to break on, a list ending with NULL, and the
	 * callback at a call of functions[FUNC] (T stopped at its entry,
	 * REGS there: arguments in rdi, rsi, rdx, rcx, r8, r9). Calls made
	 * by the library that defines the function (libc calling itself)
	 * never reach it. */
	const char *const *functions;
	void (*call)(struct rule_env *re, struct rx_task *t, unsigned func,
		     const struct user_regs_struct *regs);
	/* Optional, per function: after how many calls in a row from call
	 * sites already seen a call adds nothing but a count (nothing is
	 * checked per call), so that it may be disarmed early. 0, or no
	 * array: the engine's default cap. */
	const unsigned *quiet;
};

/* The implemented rules of each group, each list ending with a row
 * whose triggers and callbacks are all NULL. */
extern const struct rule_impl rule_impls_env[], rule_impls_proc[],
	rule_impls_mem[], rule_impls_net[], rule_impls_file[], rule_impls_lib[];

/* Whether rule IDX has an implementation (--list-rules says so). */
bool rule_implemented(unsigned idx);

/* What a rule reports. LEVEL and SEVERITY are the result's: the rule's
 * default or one of its variants in RULES.md. */
struct rule_hit {
	enum rule_level level;
	double severity;
	const char *key;	/* what tells findings at one call site apart
				 * (a path, a request name), or NULL */
	bool no_call;		/* not about the current call: no evidence */
	bool no_stack;		/* not about where the program is: no stack,
				 * one finding per executable and key */
};

/* Record a finding of the rule being run, for T's current call (its
 * decoded text is the evidence) and the stack T is stopped in. The
 * message is printf-style, one line; it must not hold secret values. */
void rule_report(struct rule_env *re, struct rx_task *t,
		 const struct rule_hit *h, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* rule_report for a finding made of two steps: BEFORE happened first
 * (the check of a check-then-use race), the current call second. A new
 * finding keeps a copy of BEFORE; NULL is rule_report. */
void rule_report_after(struct rule_env *re, struct rx_task *t,
		       const struct rule_hit *h, const struct finding_step *before,
		       const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* The call site of T's current call, as rule_report finds it (the first
 * frame of the program's own code), copied into OUT for a later
 * rule_report_after; free it with finding_frame_release. It takes a
 * stack: for calls that are rare. Returns 0, or -errno (-ENOSYS when
 * stacks are not taken). */
int rule_site_frame(struct rule_env *re, struct rx_task *t,
		    struct finding_frame *out);

/*
 * At a library call (in a rule's call callback). A report is counted as
 * one more occurrence of a finding already made at that call site
 * without taking a stack, so a caller calling a million times costs one
 * unwind; the message and evidence of such a report are not even
 * formatted unless it raises the finding's level.
 */
/* The caller is not the program's own code (a system library). */
bool rule_call_from_library(const struct rule_env *re);
/* The call site was seen before in this process: a rule can skip reading
 * what only a new finding's evidence shows. */
bool rule_call_known(const struct rule_env *re);
/* Where the caller's frame ends (its return-address slot), as an offset
 * from the stack pointer at the function's entry, or 0 when unknown; the
 * size of a destination on the caller's stack follows. Takes the stack
 * at a call site not seen before. */
uint64_t rule_call_frame_end(struct rule_env *re, struct rx_task *t);
/* The evidence ("call:" line) of the reports of this call, printf-style,
 * such as the call with its arguments; secrets are redacted. Only a new
 * finding keeps it, so a rule formats it when !rule_call_known. */
void rule_call_evidence(struct rule_env *re, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The rule's state for T's process, NULL until the rule stores one; it
 * is freed with state_free when the process execs or dies. */
void **rule_state(struct rule_env *re, struct rx_task *t);

/* The secret values learned so far, shared with every output. */
struct secret_set *rule_secrets(struct rule_env *re);
const struct decode_opts *rule_dopts(struct rule_env *re);

/* The path of T's descriptor FD (readlink of /proc/TID/fd/FD) in BUF, or
 * -errno. */
int rule_fd_path(const struct rx_task *t, int fd, char *buf, size_t len);
/* The string at ADDR in T's memory (at most LEN - 1 bytes), or -errno. */
int rule_read_str(const struct rx_task *t, uint64_t addr, char *buf,
		  size_t len);
/* The string argument ARG of T's current call (a path: PATH_MAX bytes
 * at most), read once per stop however many rules ask, or NULL when it
 * cannot be read whole. Valid until the callback returns. */
const char *rule_arg_str(struct rule_env *re, struct rx_task *t, unsigned arg);

/* Whether T's process is rxtrace's own child, about to execute the
 * command rxtrace was given: its execve is the launch, made by rxtrace
 * rather than by the traced program, and its stack is rxtrace's. */
bool rule_is_launch(const struct rx_task *t);

/* Where execve and execveat keep their arguments: indexes into args[],
 * -1 where the call has none. */
struct rule_exec_args {
	int dirfd, path, argv, envp, flags;
};
/* The layout of C's call when it is an execve or execveat, else NULL. */
const struct rule_exec_args *rule_exec_args(const struct rx_call *c);

/* Where the open family keeps its arguments (FLAGS is struct open_how's
 * first field for openat2, whose HOW is true), -1 where it has none. */
struct rule_open_args {
	int dirfd, path, flags;
	bool how;
};
/* The layout of C's call when it is open, openat, openat2 or creat, else
 * NULL. */
const struct rule_open_args *rule_open_args(const struct rx_call *c);
/* The open flags of C's call (an open-family call), or -errno. */
int rule_open_flags(const struct rx_task *t, const struct rule_open_args *oa,
		    uint64_t *flags);

/* PATH as an absolute path in T's view: relative paths are joined to the
 * directory of descriptor DIRFD, or to T's working directory for
 * AT_FDCWD. Lexical only: symlinks are not resolved. Returns 0 or
 * -errno (-ENAMETOOLONG when LEN is too short). */
int rule_abs_path(const struct rx_task *t, int dirfd, const char *path,
		  char *buf, size_t len);

/* The temporary directory PATH (absolute) is in or is: /tmp, /var/tmp,
 * /dev/shm or /run/shm, where every user can create files; else NULL.
 * Also NULL below a subdirectory of it that only its owner (root, or
 * rxtrace's user) can write: nobody else can put files there. */
const char *rule_temp_dir(const char *path);

/* Read the NULL-terminated pointer array at ADDR in T's memory (argv,
 * envp) into OUT, at most MAX pointers. Returns how many were read
 * before the NULL (or MAX, or the first unreadable one). */
size_t rule_read_ptrs(const struct rx_task *t, uint64_t addr, uint64_t *out,
		      size_t max);

/* A /proc path that names a process: /proc/<pid>/LEAF or
 * /proc/<pid>/task/<tid>/LEAF, with "self" and "thread-self" for the
 * caller. Empty and "." components are skipped. */
struct rule_proc_path {
	pid_t pid;		/* 0 for self or thread-self */
	char leaf[32];		/* what is under it: "environ", "fd/3", ... */
};
/* Parse PATH (absolute), resolving ".." as the kernel would in /proc,
 * where no component is a symlink but self and thread-self. Returns 0,
 * or -EINVAL when it is no such path (/proc/kcore, /etc/passwd, a leaf
 * longer than LEAF holds). */
int rule_proc_path_parse(const char *path, struct rule_proc_path *pp);

/* Whether PID is T's process: its process id or one of its threads. */
bool rule_same_process(struct rx_task *t, pid_t pid);

/* ---- the engine side --------------------------------------------------- */

struct rule_engine_opts {
	struct rule_set enabled;
	enum rule_level min_level;	/* findings below are not recorded */
	struct unwind *unwind;		/* stacks of findings */
	struct secret_set *secrets;
	/* Told the rule of each finding recorded while T is stopped at a
	 * syscall, an exec or a signal (not at a library call): the JSON
	 * Lines events name the rules their call raised. NULL: nobody
	 * listens. */
	void (*hit)(void *arg, const struct rx_task *t, unsigned rule);
	void *hit_arg;
};

/* The findings sink; FS receives the findings. */
struct rx_sink *rule_engine_new(const struct rule_engine_opts *o,
				struct finding_store *fs);

/* The calls the enabled rules of SET need, added to WANT. */
void rule_engine_want(const struct rule_set *set, struct filter_spec *want);

#endif
