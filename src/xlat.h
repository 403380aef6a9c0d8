/* xlat.h - value tables: numbers to names for flags and enumerations */
#ifndef RX_XLAT_H
#define RX_XLAT_H

#include <stdint.h>

#include "util.h"

struct xlat {
	uint64_t val;
	const char *str;
};

/* A table is an array of struct xlat ended by { 0, NULL }. */
#define XLAT_END { 0, NULL }

/* Name of VAL in an enumeration table, or NULL. */
const char *xlat_name(const struct xlat *tab, uint64_t val);
/* Print VAL as its name, or in hex when it has none. */
void xlat_print_val(struct sbuf *sb, const struct xlat *tab, uint64_t val);
/* Print VAL as NAME|NAME|0x...: table entries are bits (or multi-bit
 * masks, matched when all their bits are set; earlier entries win);
 * bits left over are printed in hex. ZERO is printed for 0 (e.g. "0"). */
void xlat_print_flags(struct sbuf *sb, const struct xlat *tab, uint64_t val,
		      const char *zero);

/* Signal names, SIGHUP..SIGSYS; real-time signals are SIGRT_N. */
const char *xlat_signal_name(int sig);	/* NULL when out of range */
void xlat_print_signal(struct sbuf *sb, int sig);
/* errno names: "ENOENT"; NULL when unknown. Kernel-internal restart
 * codes (ERESTARTSYS 512 ...) included. */
const char *xlat_errno_name(int err);
/* The description strace prints in parentheses, e.g. "No such file or
 * directory", including the kernel-internal codes. */
const char *xlat_errno_desc(int err);

/* Tables (xlat.c). */
extern const struct xlat xlat_open_access[];	/* O_RDONLY, O_WRONLY, O_RDWR */
extern const struct xlat xlat_open_flags[];
extern const struct xlat xlat_fd_flags[];
extern const struct xlat xlat_at_flags[];
extern const struct xlat xlat_access_mode[];
extern const struct xlat xlat_mode_type[];	/* S_IFREG ... (values of S_IFMT) */
extern const struct xlat xlat_prot[];
extern const struct xlat xlat_map_type[];	/* MAP_SHARED, MAP_PRIVATE, ... (MAP_TYPE mask) */
extern const struct xlat xlat_map_flags[];
extern const struct xlat xlat_madv[];
extern const struct xlat xlat_mremap_flags[];
extern const struct xlat xlat_msync_flags[];
extern const struct xlat xlat_mlock_flags[];
extern const struct xlat xlat_mlockall_flags[];
extern const struct xlat xlat_memfd_flags[];
extern const struct xlat xlat_clone_flags[];
extern const struct xlat xlat_sock_family[];
extern const struct xlat xlat_sock_type[];	/* SOCK_STREAM ... */
extern const struct xlat xlat_sock_type_flags[];	/* SOCK_NONBLOCK, SOCK_CLOEXEC */
extern const struct xlat xlat_ipproto[];
extern const struct xlat xlat_msg_flags[];
extern const struct xlat xlat_shut_how[];
extern const struct xlat xlat_sockopt_level[];
extern const struct xlat xlat_sol_socket_opts[];
extern const struct xlat xlat_sol_tcp_opts[];
extern const struct xlat xlat_sol_ip_opts[];
extern const struct xlat xlat_sighow[];
extern const struct xlat xlat_sa_flags[];
extern const struct xlat xlat_wait_options[];
extern const struct xlat xlat_whence[];
extern const struct xlat xlat_fcntl_cmd[];
extern const struct xlat xlat_fdflags_fcntl[];	/* FD_CLOEXEC */
extern const struct xlat xlat_ioctl_req[];	/* low 32 bits */
extern const struct xlat xlat_rlimit_res[];
extern const struct xlat xlat_prctl_opt[];
extern const struct xlat xlat_arch_prctl[];
extern const struct xlat xlat_ptrace_req[];
extern const struct xlat xlat_futex_op[];	/* command, without FUTEX_PRIVATE_FLAG / CLOCK_REALTIME */
extern const struct xlat xlat_rename_flags[];
extern const struct xlat xlat_mount_flags[];
extern const struct xlat xlat_umount_flags[];
extern const struct xlat xlat_grnd_flags[];
extern const struct xlat xlat_epoll_op[];
extern const struct xlat xlat_clockid[];
extern const struct xlat xlat_personality_type[];
extern const struct xlat xlat_personality_flags[];
extern const struct xlat xlat_bpf_cmd[];
extern const struct xlat xlat_seccomp_op[];
extern const struct xlat xlat_keyctl_cmd[];
extern const struct xlat xlat_ipc_flags[];
extern const struct xlat xlat_ipc_cmd[];
extern const struct xlat xlat_shmat_flags[];
extern const struct xlat xlat_xattr_flags[];
extern const struct xlat xlat_inotify_mask[];
extern const struct xlat xlat_timer_flags[];
extern const struct xlat xlat_statx_mask[];

#endif
