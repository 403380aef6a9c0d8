#!/bin/sh
# bounds.sh - resource bounds: rxtrace's peak RSS stays at most 64 MiB
# over 1e6 traced events (trace mode, and findings mode where they are
# one finding), and the caps hold: --max-findings (per rule, default
# 1000) and --max-procs (processes watched at once). The peak is
# rxtrace's own VmHWM, read from /proc while the tracee, done with its
# calls, waits for its standard input to end. In a --enable-sanitizers
# build, where ASan's shadow memory is in the RSS, the peak is not
# checked; the rest is.
set -eu
# shellcheck source=tests/e2e/lib.sh
. "${TESTLIB:-$(dirname "$0")/lib.sh}"

need_prog manycalls
LIMIT_KB=65536
RXBIN=$(readlink -f "$RXTRACE")

# peak ARGS...: run rxtrace ARGS (a manycalls command line), and once the
# tracee has printed "manycalls done", set HWM to rxtrace's VmHWM in kB;
# then let the tracee finish. Output in $T/out, $T/err; status in $RC.
peak() {
	rm -f "$T/fifo"
	mkfifo "$T/fifo"
	"$RXTRACE" "$@" <"$T/fifo" >"$T/out" 2>"$T/err" &
	_pid=$!
	RX_BG="$RX_BG $_pid"
	exec 3>"$T/fifo"
	_n=0
	until grep -q '^manycalls done$' "$T/out"; do
		kill -0 "$_pid" 2>/dev/null || { show "$T/err"; fail "rxtrace $* ended before the tracee was done"; }
		_n=$((_n + 1))
		[ "$_n" -le $((RX_TIMEOUT * 50)) ] || fail "rxtrace $*: no 'manycalls done' after $((RX_TIMEOUT * 5))s"
		sleep 0.1
	done
	# the measure is rxtrace's, not the tracee's
	[ "$(readlink -f "/proc/$_pid/exe")" = "$RXBIN" ] ||
		fail "pid $_pid is not rxtrace"
	HWM=$(sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB$/\1/p' "/proc/$_pid/status")
	[ -n "$HWM" ] || fail "no VmHWM in /proc/$_pid/status"
	exec 3>&-
	RC=0
	wait "$_pid" || RC=$?
	_rx_forget "$_pid"
	if [ -n "${RX_SANITIZERS:-}" ]; then
		echo "   rxtrace peak RSS: $HWM kB, not checked: rxtrace is built with sanitizers (--enable-sanitizers), whose shadow memory is in it"
	else
		echo "   rxtrace peak RSS: $HWM kB (limit $LIMIT_KB kB)"
		[ "$HWM" -le "$LIMIT_KB" ] || fail "rxtrace $*: peak RSS $HWM kB is over $LIMIT_KB kB"
	fi
	[ "$RC" -eq 0 ] || { show "$T/err"; fail "rxtrace $* exited with $RC"; }
}

step "trace mode: 1e6 getppid calls, each one traced"
peak --stats -e trace=getppid -o /dev/null -- "$PROGS/manycalls" getppid 1000000
calls=$(sed -n 's/^rxtrace: stats: [0-9]* stops, \([0-9]*\) calls.*/\1/p' "$T/err")
[ "${calls:-0}" -ge 1000000 ] || { show "$T/err"; fail "only ${calls:-no} calls traced"; }

step "findings mode: 1e6 personality(ADDR_NO_RANDOMIZE) calls, one finding"
peak -- "$PROGS/manycalls" personality 1000000
assert_count 1 '^warning RX-MEM-006 ' "$T/err"
assert_grep '^    1000000 times, pid ' "$T/err"

step "--max-findings: 1000 findings per rule by default, the rest counted"
mkdir "$T/d"
peak -- "$PROGS/manycalls" chmod 3000 "$T/d"
assert_count 1000 '^warning RX-FILE-001 ' "$T/err"
assert_grep '^rxtrace: RX-FILE-001: 2000 more occurrences of new findings not kept \(--max-findings=1000\)$' "$T/err"

rm -rf "$T/d" && mkdir "$T/d"
rx_expect 0 "$T/out" "$T/err" --max-findings=5 -- "$PROGS/manycalls" chmod 20 "$T/d"
assert_count 5 '^warning RX-FILE-001 ' "$T/err"
assert_grep '^rxtrace: RX-FILE-001: 15 more occurrences of new findings not kept \(--max-findings=5\)$' "$T/err"
rm -rf "$T/d" && mkdir "$T/d"
rx_expect 0 "$T/out" "$T/err" --max-findings=0 -- "$PROGS/manycalls" chmod 20 "$T/d"
assert_count 20 '^warning RX-FILE-001 ' "$T/err"
assert_no_grep 'not kept' "$T/err"

step "--max-procs: the processes beyond are traced to their end, and not watched"
rx_expect 0 "$T/out" "$T/err" --max-procs=1 -- "$PROGS/manycalls" fork 10
assert_content "$T/out" "manycalls done"
assert_no_grep 'RX-MEM-006' "$T/err"
assert_grep '^rxtrace: 10 processes beyond --max-procs=1 traced, but neither printed nor checked by the rules$' "$T/err"
rx_expect 0 "$T/out" "$T/err" -e trace=personality --max-procs=1 -- "$PROGS/manycalls" fork 3
assert_no_grep '^personality\(|^\[pid' "$T/err"
# the default: all of them, one at a time
rx_expect 0 "$T/out" "$T/err" -- "$PROGS/manycalls" fork 10
assert_grep '^    10 times, pids ' "$T/err"
assert_no_grep 'max-procs' "$T/err"

step "the caps are in --help, and bad values are usage errors"
rx_expect 0 "$T/out" "$T/err" --help
assert_grep '--max-findings=N' "$T/out"
assert_grep '--max-procs=N' "$T/out"
rx_expect 125 "$T/out" "$T/err" --max-findings=x -- true
assert_grep "invalid --max-findings 'x'" "$T/err"
rx_expect 125 "$T/out" "$T/err" --max-procs=-1 -- true
assert_grep "invalid --max-procs '-1'" "$T/err"
pass
