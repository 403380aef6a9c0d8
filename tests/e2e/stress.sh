#!/bin/sh
# stress.sh - end to end under load (tests/progs/stress.c), in trace mode
# and in findings mode (library-call breakpoints planted): 64 threads, a
# 500-process fork storm, a chain of 200 execs, threads calling execve
# while the others are in their calls, vfork + exec, SIGSTOP/SIGTSTP/
# SIGCONT sent from outside to a multi-threaded tracee, its own SIGTRAPs
# from 4 threads, ptrace(PTRACE_TRACEME) (EPERM, RX-PROC-010), SIGKILL of
# a tracee blocked in read(), a grandchild that outlives its parents.
# No event is lost (exact counts), the exit status is the command's own,
# nothing hangs (every run and wait has a time limit).
#
# follow.sh and signals.sh hold the small versions of these cases.
set -eu
# shellcheck source=tests/e2e/lib.sh
. "${TESTLIB:-$(dirname "$0")/lib.sh}"

need_prog stress
S=$PROGS/stress
SELF=$(readlink -f "$S")
QSELF=$(re_quote "$SELF")

# first_pid FILE: pid of the first line of an -o trace
first_pid() {
	sed -n '1{s/^\([0-9][0-9]*\) .*/\1/p;q;}' "$1"
}

# stats ERR: "STOPS CALLS TASKS" of --stats
stats() {
	sed -nE 's/^rxtrace: stats: ([0-9]+) stops, ([0-9]+) calls, ([0-9]+) tasks$/\1 \2 \3/p' "$1"
}

# ---------------------------------------------------------------------------
N=64
M=50
step "threads: $N threads x $M getppid calls: exactly $((N * M)) seen"
rx_expect 0 "$T/out" "$T/err" -o "$T/tr" --stats -e trace=getppid -- "$S" threads $N $M
assert_content "$T/out" "stress threads ok $N"
joined "$T/tr"
L=$(first_pid "$T/tr")
# the main thread calls getppid once, before starting the threads
assert_count 1 "^$L +getppid\(\) += [0-9]+\$" "$T/tr"
grep -Ev "^$L " "$T/tr" | grep -E '^[0-9]+ +getppid\(\) += [0-9]+$' |
	awk '{print $1}' | sort | uniq -c >"$T/per"
assert_count "$N" . "$T/per" "expected getppid lines of $N threads"
assert_count "$N" "^ *$M [0-9]+\$" "$T/per" "a thread without exactly $M getppid lines"
assert_count $((N + 1)) '^[0-9]+ +\+\+\+ exited with 0 \+\+\+$' "$T/tr"
set -- $(stats "$T/err")
[ "${2:-}" = $((N * M + 1)) ] || { show "$T/err"; fail "--stats: ${2:-no} calls, expected $((N * M + 1))"; }
[ "$3" = $((N + 1)) ] || fail "--stats: $3 tasks, expected $((N + 1))"
step "threads: findings mode, every strcpy of the $N threads counted"
rx_expect 0 "$T/out" "$T/err" -- "$S" threads $N $M
assert_content "$T/out" "stress threads ok $N"
assert_count 1 '^warning RX-LIB-001 ' "$T/err"
assert_grep "^    $((N * M)) times, pid [0-9]+, tids " "$T/err"
no_stopped_tracees

# ---------------------------------------------------------------------------
N=500
step "forks: $N children at once, each seen with its call and its status"
rx_expect 0 "$T/out" "$T/err" -o "$T/tr" --stats -e trace=getppid -- "$S" forks $N
assert_content "$T/out" "stress forks ok $N"
joined "$T/tr"
L=$(first_pid "$T/tr")
grep -Ev "^$L " "$T/tr" | grep -E "^[0-9]+ +getppid\(\) += $L\$" | awk '{print $1}' |
	sort -u >"$T/kids"
assert_count "$N" . "$T/kids" "expected getppid lines of $N children"
# child i exits with 1 + i % 100: each status 1..100 five times
sed -nE 's/^[0-9]+ +\+\+\+ exited with ([0-9]+) \+\+\+$/\1/p' "$T/tr" | sort -n |
	uniq -c | awk '{print $2 ":" $1}' | tr '\n' ' ' >"$T/hist"
want=$(awk -v n=$N 'BEGIN { for (k = 0; k <= 100; k++) {
	c = k ? int(n / 100) : 1; printf "%d:%d ", k, c } }')
[ "$(cat "$T/hist")" = "$want" ] ||
	fail "exit statuses (status:count) $(cat "$T/hist"), expected $want"
set -- $(stats "$T/err")
[ "${3:-}" = $((N + 1)) ] || { show "$T/err"; fail "--stats: ${3:-no} tasks, expected $((N + 1))"; }
step "forks: findings mode (every child inherits the breakpoints)"
rx_expect 0 "$T/out" "$T/err" --stats -- "$S" forks $N
assert_content "$T/out" "stress forks ok $N"
set -- $(stats "$T/err")
[ "${3:-}" = $((N + 1)) ] || { show "$T/err"; fail "--stats: ${3:-no} tasks, expected $((N + 1))"; }
no_stopped_tracees

# ---------------------------------------------------------------------------
N=200
step "exec: a chain of $N execs, in order, one pid"
rx_expect 0 "$T/out" "$T/err" -o "$T/tr" -s 256 -e trace=execve -- "$S" exec $N
assert_content "$T/out" "stress exec ok"
sed 1d "$T/tr" >"$T/chain"	# the first is rxtrace's own exec of the command
assert_count "$N" "^[0-9]+ +execve\(\"$QSELF\", \[\"$QSELF\", \"exec\", \"[0-9]+\"\], .*\) += 0\$" "$T/chain"
sed -nE "s#^[0-9]+ +execve\\(\"$QSELF\", \\[\"$QSELF\", \"exec\", \"([0-9]+)\"\\].*#\\1#p" "$T/chain" |
	tr '\n' ' ' >"$T/order"
[ "$(cat "$T/order")" = "$(seq $((N - 1)) -1 0 | tr '\n' ' ')" ] ||
	fail "execve arguments out of order: $(cat "$T/order")"
n=$(pids_of . "$T/tr" | wc -l)
[ "$n" -eq 1 ] || { show "$T/tr"; fail "exec chain: expected one pid, found $n"; }
assert_count 1 '^[0-9]+ +\+\+\+ exited with 0 \+\+\+$' "$T/tr"
step "exec: findings mode, the breakpoints planted again at each exec"
rx_expect 0 "$T/out" "$T/err" -- "$S" exec $N
assert_content "$T/out" "stress exec ok"
no_stopped_tracees

# ---------------------------------------------------------------------------
TH=8
K=20
step "exec-thread: $K execs, each from a non-leader of $TH threads in their calls"
rx_expect 0 "$T/out" "$T/err" -o "$T/tr" -s 256 -e trace=execve -- "$S" exec-thread $TH $K
assert_content "$T/out" "stress exec ok"
L=$(first_pid "$T/tr")
grep -Ev "^$L " "$T/tr" >"$T/others"
# each exec comes from a thread, not the leader; the leader's tid finishes it
assert_count "$K" "^[0-9]+ +execve\(\"$QSELF\", \[\"$QSELF\", \"exec-thread\", \"$TH\", \"[0-9]+\"\], .* <unfinished \.\.\.>\$" "$T/others"
assert_count "$K" "^$L +\+\+\+ superseded by execve in pid [0-9]+ \+\+\+\$" "$T/tr"
assert_count "$K" "^$L +<\.\.\. execve resumed>\) += 0\$" "$T/tr"
assert_count 1 "^$L +execve\(\"$QSELF\", \[\"$QSELF\", \"exec\", \"0\"\], .*\) += 0\$" "$T/tr"
# the others die in the exec: TH-1 threads each time, and the process
assert_count $((K * (TH - 1) + 1)) '^[0-9]+ +\+\+\+ exited with 0 \+\+\+$' "$T/tr"
assert_count 1 "^$L +\+\+\+ exited with 0 \+\+\+\$" "$T/tr"
step "exec-thread: findings mode"
rx_expect 0 "$T/out" "$T/err" -- "$S" exec-thread $TH $K
assert_content "$T/out" "stress exec ok"
no_stopped_tracees

# ---------------------------------------------------------------------------
N=50
step "vfork: $N vfork + execve, each child's status its own"
rx_expect 0 "$T/out" "$T/err" -o "$T/tr" -s 256 -e trace=vfork,execve -- "$S" vfork $N
assert_content "$T/out" "stress vfork ok $N"
joined "$T/tr"
L=$(first_pid "$T/tr")
assert_count "$N" "^$L +vfork\(\) += [0-9]+\$" "$T/tr"
assert_count "$N" "^[0-9]+ +execve\(\"$QSELF\", \[\"$QSELF\", \"status\", \"[0-9]+\"\], .*\) += 0\$" "$T/tr"
i=0
for c in $(sed -nE "s/^$L +vfork\(\) += ([0-9]+)\$/\1/p" "$T/tr"); do
	k=$((1 + i % 50))
	assert_grep "^$c +execve\(\"$QSELF\", \[\"$QSELF\", \"status\", \"$k\"\], .*\) += 0\$" "$T/tr"
	assert_grep "^$c +\+\+\+ exited with $k \+\+\+\$" "$T/tr"
	i=$((i + 1))
done
step "vfork: findings mode (the child shares the table until its exec)"
rx_expect 0 "$T/out" "$T/err" -- "$S" vfork $N
assert_content "$T/out" "stress vfork ok $N"
no_stopped_tracees

# ---------------------------------------------------------------------------
step "traps: 4 threads raise SIGTRAP and run int3 100 times each: all delivered"
rx_expect 0 "$T/out" "$T/err" -o "$T/tr" -e trace=none -- "$S" traps 100
assert_content "$T/out" "stress traps ok 4"
assert_count 400 '^[0-9]+ +--- SIGTRAP \{si_signo=SIGTRAP, si_code=SI_TKILL, ' "$T/tr"
assert_count 400 '^[0-9]+ +--- SIGTRAP \{si_signo=SIGTRAP, si_code=SI_KERNEL, si_addr=NULL\} ---$' "$T/tr"
step "traps: findings mode, with the program's strcpy breakpoints planted"
rx_expect 0 "$T/out" "$T/err" -- "$S" traps 100
assert_content "$T/out" "stress traps ok 4"
assert_grep '^    400 times, pid [0-9]+, tids ' "$T/err"
no_stopped_tracees

# ---------------------------------------------------------------------------
step "traceme: PTRACE_TRACEME fails with EPERM in the process and its child"
rx_expect 0 "$T/out" "$T/err" -o "$T/tr" -e trace=ptrace -- "$S" traceme
assert_content "$T/out" "traceme EPERM 2"
assert_count 2 '^[0-9]+ +ptrace\(PTRACE_TRACEME, 0, NULL, 0\) += -1 EPERM \(Operation not permitted\)$' "$T/tr"
step "traceme: findings mode reports RX-PROC-010"
rx_expect 0 "$T/out" "$T/err" -- "$S" traceme
assert_content "$T/out" "traceme EPERM 2"
assert_count 1 '^note RX-PROC-010 AntiDebugging: ptrace\(PTRACE_TRACEME\) failed \(EPERM\): it fails because rxtrace traces the process' "$T/err"
assert_grep '^    call: ptrace\(PTRACE_TRACEME, 0, NULL, 0\) = -1 EPERM \(Operation not permitted\)$' "$T/err"
assert_grep '^    2 times, pids [0-9]+,[0-9]+, ' "$T/err"
assert_grep '^rxtrace: 0 errors, 0 warnings, 1 note in 2 processes$' "$T/err"
no_stopped_tracees

# ---------------------------------------------------------------------------
# blocked ARGS...: run "stress blocked" under rxtrace ARGS, SIGKILL it once
# it sleeps in its read(): rxtrace exits 137.
blocked() {
	rm -f "$T/bpid"
	spawn timeout -k 5 "$RX_TIMEOUT" "$RXTRACE" "$@" -- "$S" blocked "$T/bpid" \
		</dev/null >"$T/out" 2>"$T/err"
	rxpid=$SPAWNED
	wait_until "the blocked process's pid file" test -s "$T/bpid"
	bp=$(cat "$T/bpid")
	in_read() { read -r _nr _rest <"/proc/$bp/syscall" && [ "$_nr" = 0 ]; }
	wait_until "pid $bp blocked in read" in_read
	kill -KILL "$bp"
	wait_pid "$rxpid" "rxtrace of a SIGKILLed tracee"
	[ "$WAIT_RC" -eq 137 ] || { show "$T/err"; fail "rxtrace exited with $WAIT_RC, expected 137"; }
	assert_content "$T/out" "child killed"
}
step "blocked: a child SIGKILLed in read() by its parent, then the parent by us"
blocked -o "$T/tr" -e trace=read,kill
joined "$T/tr"
C=$(sed -nE 's/^[0-9]+ +kill\(([0-9]+), SIGKILL\) += 0$/\1/p' "$T/tr")
[ -n "$C" ] || { show "$T/tr"; fail "no kill(CHILD, SIGKILL) line"; }
# as strace prints it: the buffer, an exit argument, never came
assert_grep "^$C +read\(3, +<unfinished \.\.\.>\) += \?\$" "$T/tr" "the child's read cut by its death"
assert_grep "^$C +\+\+\+ killed by SIGKILL \+\+\+\$" "$T/tr"
assert_grep "^$bp +read\(3, .*\) += \?\$" "$T/tr" "the parent's read cut by its death"
assert_grep "^$bp +\+\+\+ killed by SIGKILL \+\+\+\$" "$T/tr"
step "blocked: findings mode"
blocked
no_stopped_tracees

# ---------------------------------------------------------------------------
step "orphan: a grandchild outlives its parent and the command: rxtrace waits for it"
rm -f "$T/gc"
rx_expect 3 "$T/out" "$T/err" -o "$T/tr" -e trace=getppid -- "$S" orphan "$T/gc"
# rxtrace ended only when every traced task was gone: the file is there
assert_content "$T/gc" "grandchild done"
joined "$T/tr"
assert_count 3 '^[0-9]+ +\+\+\+ exited with [03] \+\+\+$' "$T/tr"
assert_grep '^[0-9]+ +getppid\(\) += [0-9]+$' "$T/tr"
G=$(sed -nE 's/^([0-9]+) +getppid\(\) += [0-9]+$/\1/p' "$T/tr" | tail -n 1)
tail -n 1 "$T/tr" >"$T/last"
assert_grep "^$G +\+\+\+ exited with 0 \+\+\+\$" "$T/last" "the grandchild's exit is not the last line"
step "orphan: findings mode"
rm -f "$T/gc"
rx_expect 3 "$T/out" "$T/err" -- "$S" orphan "$T/gc"
assert_content "$T/gc" "grandchild done"
no_stopped_tracees

# ---------------------------------------------------------------------------
# SIGSTOP, SIGTSTP and SIGCONT sent from outside to a 4-thread tracee that
# calls strcpy and getppid: every thread stops (its progress stays), then
# goes on; it ends with its own output.
W=400
REF=$("$S" work 4 $W - - - - 0)
progress() { read -r _pg <"$T/prog" 2>/dev/null && echo "$_pg"; }
all_stopped() {
	for _d in /proc/"$wp"/task/[0-9]*; do
		case $(proc_state "$wp/task/${_d##*/}") in
		T|t) ;;
		*) return 1 ;;
		esac
	done
}
moved() { [ "$(progress)" != "$1" ]; }
stop_cont() {
	rm -f "$T/wpid" "$T/prog"
	touch "$T/hold"
	spawn timeout -k 5 "$RX_TIMEOUT" "$RXTRACE" "$@" -- "$S" work 4 $W \
		"$T/wpid" - "$T/hold" "$T/prog" </dev/null >"$T/out" 2>"$T/err"
	rxpid=$SPAWNED
	wait_until "the work program's pid file" test -s "$T/wpid"
	wp=$(cat "$T/wpid")
	for sig in STOP TSTP; do
		kill -"$sig" "$wp"
		wait_until "every thread stopped by SIG$sig" all_stopped
		p1=$(progress)
		sleep 0.2
		[ "$(progress)" = "$p1" ] || fail "the program went on after SIG$sig"
		all_stopped || fail "a thread was resumed after SIG$sig"
		kill -CONT "$wp"
		wait_until "progress after SIGCONT" moved "$p1"
	done
	rm -f "$T/hold"
	wait_pid "$rxpid" "rxtrace of the work program"
	[ "$WAIT_RC" -eq 0 ] || { show "$T/err"; fail "rxtrace exited with $WAIT_RC, expected 0"; }
	assert_content "$T/out" "$REF"
}
step "stop: SIGSTOP, SIGTSTP from outside stop all 4 threads; SIGCONT resumes"
stop_cont -o "$T/tr" -e trace=none
for sig in STOP TSTP; do
	assert_grep "^[0-9]+ +--- SIG$sig \{si_signo=SIG$sig, si_code=SI_USER, " "$T/tr"
	assert_grep "^[0-9]+ +--- stopped by SIG$sig ---\$" "$T/tr"
done
assert_count 2 "^[0-9]+ +--- SIGCONT \{si_signo=SIGCONT, si_code=SI_USER, " "$T/tr"
assert_grep "^$wp +\+\+\+ exited with 0 \+\+\+\$" "$T/tr"
step "stop: findings mode, the threads hitting strcpy breakpoints"
stop_cont
assert_grep '^warning RX-LIB-001 ' "$T/err"
no_stopped_tracees

pass
