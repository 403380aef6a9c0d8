/* envscan.h - learning the secret values of environments at exec, so
 * that every output masks them, whatever the mode and rules */
#ifndef RX_ENVSCAN_H
#define RX_ENVSCAN_H

#include <stddef.h>
#include <sys/types.h>

#include "secret.h"
#include "sink.h"

/* The environment PID's program was started with: /proc/PID/environ,
 * NUL-separated entries, *LEN bytes. Allocated; NULL when unreadable. */
char *envscan_read(pid_t pid, size_t *len);

/* Add the secret value of environment entry ENTRY (LEN bytes), if it
 * holds one, to SET. */
void envscan_learn(struct secret_set *set, const char *entry, size_t len);

/* The same for a command-line argument: NAME=VALUE like an environment
 * entry, anything else by its value alone. */
void envscan_learn_arg(struct secret_set *set, const char *arg, size_t len);

/* How much of an execve's argv is looked at. */
#define ENVSCAN_ARGS_MAX 4096
#define ENVSCAN_ARG_MAX 4096

/* A sink that adds to SET the secret values of each new program's
 * environment, and of the arguments of each traced execve. It must come
 * first among the sinks, so that none prints them. */
struct rx_sink *envscan_new(struct secret_set *set);

#endif
