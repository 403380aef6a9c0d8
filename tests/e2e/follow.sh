#!/bin/sh
# follow.sh - every child and thread is followed: fork, vfork+execve,
# clone() without CLONE_VM, CLONE_UNTRACED, many threads, exec chains and
# an execve from a non-leader thread; a forked child is not stopped at
# calls outside the trace set.
set -eu
# shellcheck source=tests/e2e/lib.sh
. "${TESTLIB:-$(dirname "$0")/lib.sh}"

need_prog forker threads execchain untraced childloop

# first_pid FILE: pid of the first line of an -o trace (the launched
# process, before it creates anything).
first_pid() {
	sed -n '1{s/^\([0-9][0-9]*\) .*/\1/p;q;}' "$1"
}

# one_pid WHAT ERE FILE: the single pid whose lines match ERE.
one_pid() {
	_ps=$(pids_of "$2" "$3")
	_n=$(printf '%s\n' "$_ps" | grep -c . || true)
	if [ "$_n" -ne 1 ]; then
		show "$3"
		fail "$1: expected lines of exactly one pid matching $2, found $_n"
	fi
	echo "$_ps"
}

# ---------------------------------------------------------------------------
step "forker: fork, vfork+execve and clone children are all traced (-o)"
rx_expect 0 "$T/out" "$T/err" -o "$T/tr" \
	-e trace=openat,execve,vfork,fork,clone,clone3,wait4 -- "$PROGS/forker"
assert_content "$T/out" "forker ok"
joined "$T/tr"	# calls interrupted by another task's line, made whole
L=$(first_pid "$T/tr")
[ -n "$L" ] || { show "$T/tr"; fail "no pid on the first line"; }

FC=$(one_pid "fork child" 'openat\(AT_FDCWD, "/nonexistent/forker-fork-child", O_RDONLY\) += -1 ENOENT \(No such file or directory\)$' "$T/tr")
[ "$FC" != "$L" ] || fail "the fork child's openat is shown under the parent's pid"
assert_grep "^$FC +\+\+\+ exited with 7 \+\+\+\$" "$T/tr" "fork child's exit"
assert_grep "^$L +.*(clone|clone3|fork).* = $FC\$" "$T/tr" "the parent's fork returning $FC"
assert_grep "^$L +(wait4\(|<\.\.\. wait4 resumed>).*\[\{WIFEXITED\(s\) && WEXITSTATUS\(s\) == 7\}\], 0, NULL\) += $FC\$" \
	"$T/tr" "wait4 of the fork child with its decoded status"

VC=$(one_pid "vfork child" 'execve\("/bin/true", \["/bin/true"\]' "$T/tr")
[ "$VC" != "$L" ] && [ "$VC" != "$FC" ] || fail "vfork child has the pid of another task"
assert_grep "^$VC +(execve\(\"/bin/true\", \[\"/bin/true\"\].*|<\.\.\. execve resumed>.*)\) += 0\$" \
	"$T/tr" "the vfork child's execve succeeding"
assert_grep "^$VC +\+\+\+ exited with 0 \+\+\+\$" "$T/tr"
assert_grep "^$L +.*vfork.* = $VC\$" "$T/tr" "the parent's vfork returning $VC"

CC=$(one_pid "clone child" 'openat\(AT_FDCWD, "/nonexistent/forker-clone-child", O_RDONLY\) += -1 ENOENT' "$T/tr")
[ "$CC" != "$L" ] && [ "$CC" != "$FC" ] && [ "$CC" != "$VC" ] ||
	fail "clone child has the pid of another task"
assert_grep "^$CC +\+\+\+ exited with 5 \+\+\+\$" "$T/tr"
assert_grep "^$L +.*clone.* = $CC\$" "$T/tr" "the parent's clone returning $CC"
assert_grep "^$L +\+\+\+ exited with 0 \+\+\+\$" "$T/tr"
n=$(pids_of . "$T/tr" | wc -l)
[ "$n" -eq 4 ] || { show "$T/tr"; fail "expected 4 pids in the trace, found $n"; }
no_stopped_tracees

step "forker on stderr: children's lines carry [pid N]"
rx_expect 0 "$T/out" "$T/err" -e trace=openat -- "$PROGS/forker"
assert_content "$T/out" "forker ok"
sed -n 1p "$T/err" >"$T/first"
joined "$T/err"
assert_grep '^\[pid +[0-9]+\] openat\(AT_FDCWD, "/nonexistent/forker-fork-child", O_RDONLY\) += -1 ENOENT \(No such file or directory\)$' "$T/err"
assert_grep '^\[pid +[0-9]+\] openat\(AT_FDCWD, "/nonexistent/forker-clone-child", O_RDONLY\) += -1 ENOENT \(No such file or directory\)$' "$T/err"
assert_grep '^\[pid +[0-9]+\] \+\+\+ exited with 7 \+\+\+$' "$T/err"
assert_no_grep '^\[pid ' "$T/first" "[pid N] prefix while only one task was traced"

# ---------------------------------------------------------------------------
# check_threads N M: every thread's openat calls are seen, each once, with
# its result.
check_threads() {
	step "threads $1 x $2: all $(($1 * $2)) openat calls from $1 distinct threads"
	rx_expect 0 "$T/out" "$T/err" -o "$T/tr" -e trace=openat -- "$PROGS/threads" "$1" "$2"
	assert_content "$T/out" "threads ok $1"
	L=$(first_pid "$T/tr")
	assert_count $(($1 * $2)) 'openat\(AT_FDCWD, "/dev/null", O_RDONLY' "$T/tr" \
		"expected $(($1 * $2)) openat(\"/dev/null\") calls"
	done_=$(count_grep 'openat\(AT_FDCWD, "/dev/null", O_RDONLY\) += [0-9]+$' "$T/tr")
	resumed=$(count_grep '<\.\.\. openat resumed>\) += [0-9]+$' "$T/tr")
	unfinished=$(count_grep 'openat\(AT_FDCWD, "/dev/null", O_RDONLY <unfinished \.\.\.>$' "$T/tr")
	[ $((done_ + resumed)) -eq $(($1 * $2)) ] ||
		{ show "$T/tr"; fail "$done_ complete + $resumed resumed openat lines, expected $(($1 * $2)) results"; }
	[ "$unfinished" -eq "$resumed" ] ||
		fail "$unfinished <unfinished ...> lines but $resumed resumed lines"
	pids_of 'openat\(AT_FDCWD, "/dev/null"' "$T/tr" >"$T/tids"
	assert_count "$1" . "$T/tids" "expected $1 distinct thread ids opening /dev/null"
	assert_no_grep "^$L\$" "$T/tids" "the main thread never opens /dev/null"
	for tid in $(cat "$T/tids"); do
		c=$(count_grep "^$tid +openat\(AT_FDCWD, \"/dev/null\"" "$T/tr")
		[ "$c" -eq "$2" ] || fail "thread $tid: $c openat calls, expected $2"
		# a thread that ends shows its exit
		assert_grep "^$tid +\+\+\+ exited with 0 \+\+\+\$" "$T/tr" "thread $tid's exit"
	done
	assert_grep "^$L +\+\+\+ exited with 0 \+\+\+\$" "$T/tr"
	no_stopped_tracees
}
check_threads 4 10
check_threads 8 200

# ---------------------------------------------------------------------------
SELF=$(readlink -f "$PROGS/execchain")
# argv[0] is the full path, which can exceed the default -s 32: use -s 256.
QSELF=$(re_quote "$SELF")

step "exec chain: execchain 3 -> 2 -> 1 -> 0 -> /bin/echo, one pid"
rx_expect 0 "$T/out" "$T/err" -o "$T/tr" -s 256 -e trace=execve -- "$PROGS/execchain" 3
assert_content "$T/out" "chain done"
for n in 2 1 0; do
	assert_count 1 "^[0-9]+ +execve\(\"$QSELF\", \[\"$QSELF\", \"$n\"\], .*\) += 0\$" "$T/tr" \
		"execve of execchain $n"
done
assert_count 1 '^[0-9]+ +execve\("/bin/echo", \["/bin/echo", "chain done"\], .*\) += 0$' "$T/tr"
n=$(pids_of . "$T/tr" | wc -l)
[ "$n" -eq 1 ] || { show "$T/tr"; fail "exec chain: expected one pid, found $n"; }
assert_grep '^[0-9]+ +\+\+\+ exited with 0 \+\+\+$' "$T/tr"
# order: 2, 1, 0, echo
grep -E 'execve\(' "$T/tr" | sed -nE 's/.*, "([0-9]|chain done)"\], .*/\1/p' | tr '\n' ' ' >"$T/order"
assert_grep '2 1 0 chain done $' "$T/order" "execve lines out of order"
no_stopped_tracees

step "exec chain with trace lines on stderr and the output intact"
rx_expect 0 "$T/out" "$T/err" -s 256 -e trace=execve -- "$PROGS/execchain" 2
assert_content "$T/out" "chain done"
assert_grep "^execve\(\"$QSELF\", \[\"$QSELF\", \"0\"\], .*\) += 0\$" "$T/err"
assert_grep '^\+\+\+ exited with 0 \+\+\+$' "$T/err"

step "execve from a non-leader thread"
rx_expect 0 "$T/out" "$T/err" -o "$T/tr" -s 256 -e trace=execve,openat -- "$PROGS/execchain" thread
assert_content "$T/out" "chain done"
joined "$T/tr"
L=$(first_pid "$T/tr")
TX=$(one_pid "exec thread" "execve\(\"$QSELF\", \[\"$QSELF\", \"0\"\]" "$T/tr")
[ "$TX" != "$L" ] || fail "the execve was expected from a non-leader thread (tid != $L)"
assert_grep "(execve\(\"$QSELF\", \[\"$QSELF\", \"0\"\], .*|<\.\.\. execve resumed>)\) += 0\$" \
	"$T/tr" "the thread's execve succeeding"
assert_grep "^$L +execve\(\"/bin/echo\", \[\"/bin/echo\", \"chain done\"\], .*\) += 0\$" \
	"$T/tr" "after the exec, the process (pid $L) runs on under the leader's pid"
assert_grep "^$L +\+\+\+ exited with 0 \+\+\+\$" "$T/tr"
assert_no_grep "^$TX +execve\(\"/bin/echo\"" "$T/tr" "echo's execve shown under the old thread id"
no_stopped_tracees

# ---------------------------------------------------------------------------
step "CLONE_UNTRACED child is still traced"
rx_expect 0 "$T/out" "$T/err" -o "$T/tr" -e trace=openat,clone -- "$PROGS/untraced"
assert_content "$T/out" "untraced ok"
joined "$T/tr"
L=$(first_pid "$T/tr")
assert_grep '^[0-9]+ +openat\(AT_FDCWD, "/etc/hostname", O_RDONLY\) += ' "$T/tr" \
	"the CLONE_UNTRACED child's openat(\"/etc/hostname\") is missing"
C=$(one_pid "untraced child" 'openat\(AT_FDCWD, "/etc/hostname", O_RDONLY\)' "$T/tr")
[ "$C" != "$L" ] || fail "/etc/hostname was opened by the parent?"
assert_grep "^$L +clone\(.*CLONE_UNTRACED.*\) += $C\$" "$T/tr" \
	"the parent's clone (flags as the program passed them) returning $C"
assert_grep "^$C +\+\+\+ exited with 0 \+\+\+\$" "$T/tr"
no_stopped_tracees

# ---------------------------------------------------------------------------
# A forked child must stay under the seccomp filter: its stop count should
# be near its traced-call count, not twice its syscall count. Measured
# without timing: every ptrace stop is a voluntary context switch of the
# child, which childloop reports (see tests/progs/childloop.c).
N=100000
step "childloop: the native child makes few context switches"
"$PROGS/childloop" "$N" >"$T/native"
assert_grep '^childloop ok$' "$T/native"
vn=$(sed -n 's/^child vcsw //p' "$T/native")
[ "$vn" -lt 1000 ] || echo "   (note: $vn voluntary switches even natively)"
step "childloop under -e trace=openat: the child is not stopped at its $N getppid calls"
rx_expect 0 "$T/out" "$T/err" -o "$T/tr" -e trace=openat -- "$PROGS/childloop" "$N"
assert_grep '^childloop ok$' "$T/out"
joined "$T/tr"
v=$(sed -n 's/^child vcsw //p' "$T/out")
[ -n "$v" ] || { show "$T/out"; fail "no 'child vcsw' line"; }
echo "   child's voluntary context switches: native $vn, traced $v ($N getppid calls)"
[ "$v" -lt $((vn + N / 10)) ] ||
	fail "the forked child was stopped about $v times for $N untraced getppid calls (seccomp filter not in effect in the child?)"
L=$(first_pid "$T/tr")
C=$(one_pid "childloop child" 'openat\(AT_FDCWD, "/proc/self/status", O_RDONLY' "$T/tr")
[ "$C" != "$L" ] || fail "/proc/self/status opened by the parent?"
assert_no_grep 'getppid' "$T/tr"
no_stopped_tracees

# The same, counted by rxtrace itself when it has --stats ("rxtrace: stats:
# S stops, C calls, K tasks" on stderr): each traced call costs about two
# stops (entry and exit) and each task a few (creation, exit).
if "$RXTRACE" --help 2>/dev/null | grep -q -e '--stats'; then
	step "--stats: the stop count stays near the traced-call count"
	rx_expect 0 "$T/out" "$T/err" -o "$T/tr" --stats -e trace=openat -- "$PROGS/childloop" "$N"
	assert_grep '^childloop ok$' "$T/out"
	assert_grep '^rxtrace: stats: [0-9]+ stops, [0-9]+ calls, [0-9]+ tasks$' "$T/err"
	set -- $(sed -nE 's/^rxtrace: stats: ([0-9]+) stops, ([0-9]+) calls, ([0-9]+) tasks$/\1 \2 \3/p' "$T/err")
	echo "   $1 stops, $2 calls, $3 tasks"
	[ "$3" -eq 2 ] || fail "--stats: $3 tasks, expected 2"
	c=$(count_grep '^[0-9]+ +openat\(' "$T/tr")
	[ "$2" -eq "$c" ] || fail "--stats: $2 calls, the trace shows $c"
	[ "$1" -le $((3 * $2 + 10 * $3 + 10)) ] ||
		fail "--stats: $1 stops for $2 traced calls of $3 tasks ($N untraced getppid calls)"
	set --
else
	echo "   (no --stats in this rxtrace: stops checked through context switches only)"
fi

pass
