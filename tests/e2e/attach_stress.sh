#!/bin/sh
# attach_stress.sh - attach safety (tests/progs/stress.c "work"): 100
# attach/detach cycles of findings-mode rxtrace -p (strcpy breakpoints
# planted, hit, removed) on a running 4-thread program, which must then
# finish with its own output, no int3 left in its memory and no thread
# stopped or traced; 20 detaches while the threads hit breakpoints as
# fast as they can; and SIGKILL of rxtrace in launch mode takes the
# tracee and its child down (PTRACE_O_EXITKILL) instead of leaving them
# running under a filter that would turn their calls into ENOSYS.
#
# attach.sh holds the trace-mode cycles; rules_lib.sh one breakpoint
# detach. Also 20 detaches from a program whose threads fork all along.
set -eu
# shellcheck source=tests/e2e/lib.sh
. "${TESTLIB:-$(dirname "$0")/lib.sh}"

need_prog stress
S=$PROGS/stress
if [ "$HAVE_DEFSIG" -eq 1 ]; then INT=INT; else INT=TERM; fi

THREADS=4
W=400
REF=$("$S" work $THREADS $W - - - - 0)
case "$REF" in
"stress work ok "*) ;;
*) fail "native run of the work program: '$REF'" ;;
esac

# start_work NAME SLEEP_US: a held work program; sets WP, ADDR, BEFORE
# (strcpy's first byte).
start_work() {
	rm -f "$T/$1.pid" "$T/$1.addr" "$T/$1.prog"
	touch "$T/$1.hold"
	spawn "$S" work $THREADS $W "$T/$1.pid" "$T/$1.addr" "$T/$1.hold" \
		"$T/$1.prog" "$2" >"$T/$1.out" 2>&1
	WP=$SPAWNED
	wait_until "$1's pid file" test -s "$T/$1.pid"
	[ "$(cat "$T/$1.pid")" = "$WP" ] || fail "$1: pid file does not hold $WP"
	ADDR=$(cat "$T/$1.addr")
	BEFORE=$(entry_byte)
	[ -n "$BEFORE" ] && [ "$BEFORE" != cc ] ||
		fail "$1: strcpy's entry byte before any attach: '$BEFORE'"
	PROG=$T/$1.prog
}

# finish_work NAME: release it; it ends with the reference output.
finish_work() {
	rm -f "$T/$1.hold"
	wait_pid "$WP" "$1"
	[ "$WAIT_RC" -eq 0 ] || { show "$T/$1.out"; fail "$1 exited with $WAIT_RC"; }
	assert_content "$T/$1.out" "$REF"
}

entry_byte() {
	dd if="/proc/$WP/mem" bs=1 skip="$ADDR" count=1 iflag=skip_bytes \
		2>/dev/null | od -An -tx1 | tr -d ' '
}
planted() { [ "$(entry_byte)" = cc ]; }
progress() { _pg=""; read -r _pg <"$PROG" 2>/dev/null || true; echo "${_pg:-0}"; }

# hit_after_planting: a strcpy ran with the int3 in place. The program
# rewrites its progress line from the threads' counters; a value written
# after a change seen after the planting counts steps that all began
# after it, but for at most one per thread already under way.
hit_after_planting() {
	_p0=$(progress)
	_n=0
	while [ "$(progress)" = "$_p0" ]; do
		_n=$((_n + 1))
		[ "$_n" -lt $((RX_WAIT * 100)) ] || fail "no progress of $WP"
		sleep 0.01
	done
	_p1=$(progress)
	while [ $(($(progress) - _p1)) -le $THREADS ]; do
		_n=$((_n + 1))
		[ "$_n" -lt $((RX_WAIT * 100)) ] || fail "no progress of $WP"
		sleep 0.01
	done
}

# cycles MODE N PID: N attach/detach cycles on PID, the stress program
# running MODE. Each attaches in findings mode, waits for what MODE
# tests (work: the int3 at strcpy's entry, and a hit; forkloop: every
# thread traced, then children forked under it) and detaches with
# SIG$INT: exit 0, the program running untraced and, for work, the
# finding reported and strcpy's entry byte back.
cycles() {
	_i=1
	while [ "$_i" -le "$2" ]; do
		_cyc="$1 cycle $_i"
		spawn $DEFSIG "$RXTRACE" -p "$3" -o "$T/rep" </dev/null >"$T/rx.out" 2>"$T/rx.err"
		RXPID=$SPAWNED
		case "$1" in
		work)
			wait_until "$_cyc: an int3 at strcpy's entry" planted
			hit_after_planting
			;;
		forkloop)
			assert_traced_by "$3" "$RXPID" "$_cyc"
			sleep 0.1	# children come and go meanwhile
			;;
		esac
		kill -"$INT" "$RXPID"
		wait_pid "$RXPID" "$_cyc: rxtrace -p after SIG$INT"
		if [ "$WAIT_RC" -ne 0 ]; then
			show "$T/rx.err"
			fail "$_cyc: rxtrace -p exited with $WAIT_RC, expected 0"
		fi
		if [ "$1" = work ]; then
			assert_grep '^warning RX-LIB-001 UnboundedStringCopy: strcpy\(\) ' "$T/rep" \
				"$_cyc: no strcpy finding"
			_b=$(entry_byte)
			[ "$_b" = "$BEFORE" ] || fail "$_cyc: strcpy's entry byte is '$_b' after the detach, was '$BEFORE'"
		fi
		assert_running_untraced "$3" "$_cyc: the program after the detach"
		_i=$((_i + 1))
	done
}

# ---------------------------------------------------------------------------
step "100 attach/detach cycles in findings mode on a 4-thread program"
start_work w1 1000
cycles work 100 "$WP"
finish_work w1
no_stopped_tracees

# ---------------------------------------------------------------------------
step "20 detaches while 4 threads hit breakpoints with no pause"
start_work w2 0
cycles work 20 "$WP"
finish_work w2
no_stopped_tracees

# ---------------------------------------------------------------------------
step "20 detaches from 2 threads forking children that inherit the int3s"
rm -f "$T/f.pid"
touch "$T/f.hold"
spawn "$S" forkloop 2 "$T/f.pid" "$T/f.hold" >"$T/f.out" 2>&1
FP=$SPAWNED
wait_until "forkloop's pid file" test -s "$T/f.pid"
cycles forkloop 20 "$FP"
rm -f "$T/f.hold"
wait_pid "$FP" "forkloop"
# a child left with an int3 of ours dies of SIGTRAP: its parent says so
[ "$WAIT_RC" -eq 0 ] || { show "$T/f.out"; fail "forkloop exited with $WAIT_RC"; }
assert_content "$T/f.out" "stress forkloop ok"
no_stopped_tracees

# ---------------------------------------------------------------------------
# killed_rx ARGS...: SIGKILL of "rxtrace ARGS -- stress spin": the spinning
# process and its child die with it.
killed_rx() {
	rm -f "$T/spin.pid"
	spawn "$RXTRACE" "$@" -- "$S" spin "$T/spin.pid" </dev/null >"$T/out" 2>"$T/err"
	rxpid=$SPAWNED
	wait_until "the spinner's pid file" test -s "$T/spin.pid"
	read -r sp sc <"$T/spin.pid"
	assert_traced_by "$sp" "$rxpid" "the launched program"
	assert_traced_by "$sc" "$rxpid" "its child"
	kill -KILL "$rxpid"
	wait_pid "$rxpid" "rxtrace after SIGKILL"
	[ "$WAIT_RC" -eq 137 ] || fail "rxtrace exited with $WAIT_RC after SIGKILL"
	wait_until "the program's end after rxtrace's" gone "$sp"
	wait_until "its child's end after rxtrace's" gone "$sc"
	no_stopped_tracees
}
step "SIGKILL of rxtrace in launch mode (findings): the tracees die too"
killed_rx
step "SIGKILL of rxtrace in launch mode (trace): the tracees die too"
killed_rx -o "$T/tr" -e trace=getppid

pass
