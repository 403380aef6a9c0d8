#!/bin/sh
# attach.sh - -p: attach to a running multi-threaded process, trace it,
# detach on SIGINT/SIGTERM/SIGHUP (exit 0) leaving it running untouched:
# no thread stopped or still traced, no syscall result corrupted (the
# spinner checks every getppid/nanosleep result and its final checksum).
# Also: -p with a thread id attaches the whole process, several -p, the
# attached process exiting by itself, and 10 attach/detach cycles.
#
# The spinner's HOLDFILE keeps it running (still making syscalls) for as
# long as the test needs; no step depends on timing.
set -eu
# shellcheck source=tests/e2e/lib.sh
. "${TESTLIB:-$(dirname "$0")/lib.sh}"

need_prog spinner
[ "$HAVE_DEFSIG" -eq 1 ] ||
	echo "   (env --default-signal missing: rxtrace runs with SIGINT ignored; using SIGTERM)"

THREADS=4
ITERS=400
step "reference checksum of spinner $THREADS $ITERS"
"$PROGS/spinner" "$THREADS" "$ITERS" - - 0 >"$T/ref"
assert_grep '^spinner ok [0-9a-f]{16}$' "$T/ref"
REF=$(cat "$T/ref")
PPID_RE=$$	# the spinners are children of this shell

# start_spinner NAME: a held spinner; sets SPID (and $T/NAME.out).
start_spinner() {
	rm -f "$T/$1.pid"
	touch "$T/$1.hold"
	spawn "$PROGS/spinner" "$THREADS" "$ITERS" "$T/$1.pid" "$T/$1.hold" \
		>"$T/$1.out" 2>&1
	SPID=$SPAWNED
	wait_until "$1's pid file" test -s "$T/$1.pid"
	[ "$(cat "$T/$1.pid")" = "$SPID" ] || fail "$1: pid file does not hold $SPID"
	_nt=$(ls "/proc/$SPID/task" | wc -l)
	[ "$_nt" -eq $((THREADS + 1)) ] || fail "$1: $_nt threads, expected $((THREADS + 1))"
}

# finish_spinner NAME PID: release it, it must end with the reference
# checksum (no call it made returned a wrong value).
finish_spinner() {
	rm -f "$T/$1.hold"
	wait_pid "$2" "$1"
	[ "$WAIT_RC" -eq 0 ] || { show "$T/$1.out"; fail "$1 exited with $WAIT_RC"; }
	if [ "$(cat "$T/$1.out")" != "$REF" ]; then
		show "$T/$1.out"
		fail "$1: expected '$REF'"
	fi
}

# attach OUTFILE PID...: start rxtrace -p on the PIDs; sets RXPID.
attach() {
	_of=$1
	shift
	_pa=""
	for _p in "$@"; do
		_pa="$_pa -p $_p"
	done
	# shellcheck disable=SC2086
	spawn $DEFSIG "$RXTRACE" -e trace=getppid,nanosleep,clock_nanosleep \
		-o "$_of" $_pa </dev/null >"$T/rx.out" 2>"$T/rx.err"
	RXPID=$SPAWNED
}

# wait_lines FILE PID N: FILE shows getppid calls of N distinct threads
# of PID, all returning this shell's pid.
_have_lines() {
	[ -s "$1" ] || return 1
	_c=$(join_unfinished "$1" | grep -E "^[0-9]+ +getppid\(\) += $PPID_RE\$" |
		awk '{print $1}' | sort -u | wc -l)
	[ "$_c" -ge "$2" ]
}
wait_lines() {
	if gone "$RXPID"; then
		show "$T/rx.err"
		fail "rxtrace -p exited early"
	fi
	wait_until "getppid lines of $2 threads in $1" _have_lines "$1" "$2"
}

# detach SIG: signal rxtrace, which must exit 0.
detach() {
	kill "-$1" "$RXPID"
	wait_pid "$RXPID" "rxtrace -p after SIG$1"
	if [ "$WAIT_RC" -ne 0 ]; then
		show "$T/rx.err"
		fail "rxtrace -p exited with $WAIT_RC after SIG$1, expected 0"
	fi
}

if [ "$HAVE_DEFSIG" -eq 1 ]; then INT=INT; else INT=TERM; fi

# ---------------------------------------------------------------------------
step "attach to a running 4-thread process, trace it, detach with SIG$INT"
start_spinner s1
s1=$SPID
attach "$T/a1" "$s1"
assert_traced_by "$s1" any "rxtrace -p $s1"
wait_lines "$T/a1" "$THREADS"
sleep 0.5
detach "$INT"
assert_running_untraced "$s1" "spinner after detach"
assert_empty "$T/rx.out" "rxtrace -p wrote to stdout"
joined "$T/a1"
assert_no_grep "${RE_PFX}(getppid|clock_nanosleep|nanosleep)\(.*\) += -1 E" "$T/a1" \
	"a traced getppid/nanosleep failed"
assert_no_grep '^[0-9]+ +(<\.\.\. )?[a-z_0-9]+( resumed>)?.* = -?[0-9]+ E(NOSYS|FAULT)' "$T/a1"
assert_no_grep '^[^0-9]' "$T/a1" "-o: a line without the pid"
# every line is one of the spinner's threads
for tid in $(awk '{print $1}' "$T/a1" | sort -u); do
	[ -d "/proc/$s1/task/$tid" ] || fail "trace line of tid $tid, not a thread of $s1"
done
finish_spinner s1 "$s1"
no_stopped_tracees

# ---------------------------------------------------------------------------
step "-p with a thread id attaches every thread of its process"
start_spinner s2
s2=$SPID
tid=""
for d in /proc/"$s2"/task/[0-9]*; do
	[ "${d##*/}" = "$s2" ] || { tid=${d##*/}; break; }
done
[ -n "$tid" ] || fail "no non-leader thread in $s2"
attach "$T/a2" "$tid"
assert_traced_by "$s2" any "rxtrace -p $tid (a thread of $s2)"
wait_lines "$T/a2" "$THREADS"
detach TERM
assert_running_untraced "$s2" "spinner after detach"
finish_spinner s2 "$s2"
no_stopped_tracees

# ---------------------------------------------------------------------------
step "several -p: two processes at once; detach with SIGHUP"
start_spinner s3
s3=$SPID
start_spinner s4
s4=$SPID
attach "$T/a3" "$s3" "$s4"
assert_traced_by "$s3" any "rxtrace -p $s3 -p $s4"
assert_traced_by "$s4" any "rxtrace -p $s3 -p $s4"
wait_lines "$T/a3" $((2 * THREADS))
for p in "$s3" "$s4"; do
	n=0
	for tid in $(awk '{print $1}' "$T/a3" | sort -u); do
		[ ! -d "/proc/$p/task/$tid" ] || n=$((n + 1))
	done
	[ "$n" -eq "$THREADS" ] || fail "lines of $n threads of $p, expected $THREADS"
done
detach HUP
assert_running_untraced "$s3" "first spinner after detach"
assert_running_untraced "$s4" "second spinner after detach"
finish_spinner s3 "$s3"
finish_spinner s4 "$s4"
no_stopped_tracees

# ---------------------------------------------------------------------------
step "the attached process exits by itself: rxtrace exits 0"
start_spinner s5
s5=$SPID
attach "$T/a5" "$s5"
wait_lines "$T/a5" "$THREADS"
rm -f "$T/s5.hold"
wait_pid "$RXPID" "rxtrace -p of a process that exits"
[ "$WAIT_RC" -eq 0 ] || { show "$T/rx.err"; fail "rxtrace exited with $WAIT_RC, expected 0"; }
finish_spinner s5 "$s5"
assert_grep "^$s5 +\+\+\+ exited with 0 \+\+\+\$" "$T/a5"
no_stopped_tracees

# ---------------------------------------------------------------------------
step "10 attach/detach cycles on one process (SIGINT, SIGTERM, SIGHUP in turn)"
start_spinner s6
s6=$SPID
i=1
while [ "$i" -le 10 ]; do
	case $((i % 3)) in
	1) sig=$INT ;;
	2) sig=TERM ;;
	0) sig=HUP ;;
	esac
	attach "$T/c$i" "$s6"
	assert_traced_by "$s6" any "cycle $i"
	wait_lines "$T/c$i" 1
	detach "$sig"
	assert_running_untraced "$s6" "spinner after cycle $i"
	echo "   cycle $i: $(grep -c . "$T/c$i") lines, detached with SIG$sig"
	i=$((i + 1))
done
finish_spinner s6 "$s6"
no_stopped_tracees

pass
