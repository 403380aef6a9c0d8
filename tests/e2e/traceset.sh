#!/bin/sh
# traceset.sh - -e trace=SET selects exactly the right syscalls: names,
# lists, the short "-e SET" form, "all", "none", negation, and the
# %classes (compared with strace's classes when strace is available);
# unknown names and classes are errors.
set -eu
# shellcheck source=tests/e2e/lib.sh
. "${TESTLIB:-$(dirname "$0")/lib.sh}"

need_prog fileops difftest forker signals spinner
D=$T/d
mkdir "$D"

# trace_names SET PROG [ARGS...]: run PROG under rxtrace -e trace=SET
# (trace to $T/tr); the syscall names seen go to $T/names, one a line.
trace_names() {
	_set=$1
	shift
	rx_expect 0 "$T/out" "$T/err" -o "$T/tr" -e "trace=$_set" -- "$@"
	syscall_names "$T/tr" >"$T/names"
}

# strace_names SET PROG [ARGS...]: the same under strace -> $T/snames.
strace_names() {
	_set=$1
	shift
	"$STRACE" -f -qq -o "$T/str" -e "trace=$_set" -- "$@" >/dev/null 2>&1 ||
		fail "strace -e trace=$_set $* failed"
	syscall_names "$T/str" >"$T/snames"
}

# names_are NAME...: $T/names holds exactly these names.
names_are() {
	printf '%s\n' "$@" | sort -u >"$T/want"
	if ! cmp -s "$T/want" "$T/names"; then
		echo "   syscalls seen vs expected:"
		diff "$T/want" "$T/names" | sed 's/^/   /' || true
		fail "unexpected set of syscalls"
	fi
}

# names_include NAME...: every NAME is in $T/names.
names_include() {
	for _n in "$@"; do
		grep -qx "$_n" "$T/names" ||
			{ show "$T/names"; fail "$_n missing from the syscalls seen"; }
	done
}

# names_exclude NAME...: no NAME is in $T/names.
names_exclude() {
	for _n in "$@"; do
		if grep -qx "$_n" "$T/names"; then
			show "$T/tr"
			fail "$_n must not be in this set"
		fi
	done
}

# like_strace SET PROG [ARGS...]: the names seen under rxtrace (already
# in $T/names) equal those under strace, execve left out (strace shows
# the launch's own execve). Without strace, nothing to compare.
like_strace() {
	[ -n "$STRACE" ] && [ -x "$STRACE" ] || return 0
	_set=$1
	shift
	strace_names "$_set" "$@"
	grep -vx execve "$T/snames" >"$T/s1" || true
	grep -vx execve "$T/names" >"$T/r1" || true
	if ! cmp -s "$T/s1" "$T/r1"; then
		echo "   -e trace=$_set: syscalls seen by strace (<) and rxtrace (>):"
		diff "$T/s1" "$T/r1" | sed 's/^/   /' || true
		fail "-e trace=$_set selects other syscalls than strace's"
	fi
	echo "   (same syscalls as strace -e trace=$_set: $(tr '\n' ' ' <"$T/r1"))"
}

step "-e trace=openat: only openat lines"
trace_names openat "$PROGS/fileops" "$D"
assert_content "$T/out" "fileops ok"
names_are openat
assert_grep "^[0-9]+ +openat\(AT_FDCWD, \"$(re_quote "$D/sub/a.txt")\", O_RDONLY\) += 3\$" "$T/tr"
n1=$(count_grep 'openat\(' "$T/tr")

step "-e openat (short form): the same"
rx_expect 0 "$T/out" "$T/err" -o "$T/tr" -e openat -- "$PROGS/fileops" "$D"
syscall_names "$T/tr" >"$T/names"
names_are openat
[ "$(count_grep 'openat\(' "$T/tr")" -eq "$n1" ] || fail "-e openat and -e trace=openat differ"

step "-e trace=openat,close,mkdir: a list"
trace_names openat,close,mkdir "$PROGS/fileops" "$D"
names_are openat close mkdir

step "-e trace='!openat': everything but openat"
trace_names '!openat' "$PROGS/fileops" "$D"
names_exclude openat
names_include close write read mkdir rename unlink rmdir chmod exit_group

step "-e trace=none: no syscall lines, the exit still shown"
trace_names none "$PROGS/fileops" "$D"
[ ! -s "$T/names" ] || { show "$T/tr"; fail "syscall lines with -e trace=none"; }
assert_grep '^[0-9]+ +\+\+\+ exited with 0 \+\+\+$' "$T/tr"

step "-e trace=all: every call of the program"
trace_names all "$PROGS/difftest" "$D"
names_include openat read write close lseek dup dup2 pipe2 socket connect \
	access mkdir rmdir unlink chmod rename getpid kill umask mprotect \
	uname exit_group newfstatat fstat
assert_grep '^[0-9]+ +exit_group\(0\) += \?$' "$T/tr"

step "%file: calls that take a file name"
trace_names %file "$PROGS/difftest" "$D"
names_include openat access mkdir rmdir unlink chmod rename
names_exclude read write close lseek dup dup2 pipe2 socket connect getpid \
	kill umask uname mprotect fstat
like_strace %file "$PROGS/difftest" "$D"

step "!%file: the complement"
trace_names '!%file' "$PROGS/difftest" "$D"
names_exclude openat access mkdir rmdir unlink chmod rename execve
names_include read write close lseek dup dup2 pipe2 socket connect getpid \
	kill umask uname mprotect exit_group
like_strace '!%file' "$PROGS/difftest" "$D"

step "%network and its alias %net"
trace_names %network "$PROGS/difftest" "$D"
names_are socket connect
trace_names %net "$PROGS/difftest" "$D"
names_are socket connect
like_strace %network "$PROGS/difftest" "$D"

step "%network,getpid: a class and a name together"
trace_names %network,getpid "$PROGS/difftest" "$D"
names_are socket connect getpid

step "%desc: calls on file descriptors"
trace_names %desc "$PROGS/difftest" "$D"
names_include read write close lseek dup dup2 pipe2 openat
names_exclude mkdir rmdir unlink chmod rename access getpid kill umask uname

step "%process: process lifecycle (forker)"
trace_names %process "$PROGS/forker"
assert_content "$T/out" "forker ok"
names_include clone vfork wait4 exit_group
names_exclude openat read write close mmap
like_strace %process "$PROGS/forker"

step "%signal (signals usr1)"
trace_names %signal "$PROGS/signals" usr1
assert_content "$T/out" "usr1 handled"
names_include kill rt_sigaction rt_sigreturn
names_exclude openat read write close getpid
like_strace %signal "$PROGS/signals" usr1

step "%memory"
trace_names %memory "$PROGS/difftest" "$D"
names_include mmap mprotect munmap
names_exclude openat read write close
like_strace %memory "$PROGS/difftest" "$D"

step "%ipc: no SysV IPC in difftest (pipes and sockets are not %ipc)"
trace_names %ipc "$PROGS/difftest" "$D"
[ ! -s "$T/names" ] || { show "$T/tr"; fail "%ipc selected non-IPC calls"; }

step "%creds (id)"
trace_names %creds id
names_include getuid
names_exclude openat read write close
like_strace %creds id

step "%stat: only stat-family calls"
trace_names %stat "$PROGS/difftest" "$D"
if grep -v stat "$T/names" >"$T/bad"; then
	show "$T/bad"
	fail "%stat selected calls outside the stat family"
fi

step "%clock: only clock calls (spinner)"
trace_names %clock "$PROGS/spinner" 1 5 - - 1000
if grep -Ev '^(clock_[a-z_]+|adjtimex|gettimeofday|settimeofday|time|nanosleep)$' "$T/names" >"$T/bad"; then
	show "$T/bad"
	fail "%clock selected non-clock calls"
fi

step "unknown names and classes are errors (exit 125, command not run)"
rx_expect 125 "$T/out" "$T/err" -e trace=openat,foo -- touch "$T/ran"
assert_grep "^rxtrace: unknown syscall 'foo' in -e trace\$" "$T/err"
rx_expect 125 "$T/out" "$T/err" -e trace=%nosuchclass -- touch "$T/ran"
assert_grep '^rxtrace: [a-z].*nosuchclass' "$T/err"
[ ! -e "$T/ran" ] || fail "the command ran despite a bad -e"

no_stopped_tracees
pass
