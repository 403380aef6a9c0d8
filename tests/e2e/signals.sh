#!/bin/sh
# signals.sh - signals reach the tracee and are shown: a handled SIGUSR1,
# SIGSTOP/SIGTSTP group stops that end with SIGCONT, a raised SIGTRAP
# that must be delivered (not swallowed as a tracer trap), deaths by
# SIGSEGV and SIGKILL, and launch mode forwarding SIGTERM/SIGINT sent to
# rxtrace to the traced command.
set -eu
# shellcheck source=tests/e2e/lib.sh
. "${TESTLIB:-$(dirname "$0")/lib.sh}"

need_prog signals spinner

step "native behaviour of the test program"
for m in usr1 stop tstp trap; do
	expect_status 0 "$PROGS/signals" "$m" >"$T/out"
done

step "usr1: the handler runs and the signal is shown"
rx_expect 0 "$T/out" "$T/err" -e trace=all -- "$PROGS/signals" usr1
assert_content "$T/out" "usr1 handled"
P=$(sed -nE 's/^kill\(([0-9]+), SIGUSR1\) += 0$/\1/p' "$T/err")
[ -n "$P" ] || { show "$T/err"; fail "no kill(PID, SIGUSR1) = 0 line"; }
assert_grep "^--- SIGUSR1 \{si_signo=SIGUSR1, si_code=SI_USER, si_pid=$P, si_uid=0\} ---\$" "$T/err"
assert_grep '^rt_sigreturn\(' "$T/err" "the handler's rt_sigreturn"
assert_grep '^\+\+\+ exited with 0 \+\+\+$' "$T/err"
# the signal line is shown even when no syscall is selected
rx_expect 0 "$T/out" "$T/err" -e trace=none -- "$PROGS/signals" usr1
assert_content "$T/out" "usr1 handled"
assert_grep '^--- SIGUSR1 \{si_signo=SIGUSR1, si_code=SI_USER, ' "$T/err"

for sig in STOP TSTP; do
	m=$(echo "$sig" | tr 'A-Z' 'a-z')
	step "$m: SIG$sig stops the process, SIGCONT resumes it, it finishes"
	rx_expect 0 "$T/out" "$T/err" -e trace=kill,tgkill -- "$PROGS/signals" "$m"
	assert_content "$T/out" "resumed"
	joined "$T/err"
	assert_grep "tgkill\([0-9]+, [0-9]+, SIG$sig\) += 0\$" "$T/err"
	assert_grep "^(\[pid +[0-9]+\] )?--- SIG$sig \{si_signo=SIG$sig, si_code=SI_TKILL, " "$T/err"
	assert_grep "^(\[pid +[0-9]+\] )?--- stopped by SIG$sig ---\$" "$T/err"
	assert_grep '^(\[pid +[0-9]+\] )?--- SIGCONT \{si_signo=SIGCONT, si_code=SI_USER, ' "$T/err"
	assert_grep '^(\[pid +[0-9]+\] )?\+\+\+ exited with 0 \+\+\+$' "$T/err"
	# the stop comes before the SIGCONT that ended it
	grep -nE -e "--- (stopped by SIG$sig|SIGCONT) " "$T/err" | head -n 1 >"$T/first"
	assert_grep "stopped by SIG$sig" "$T/first" "a SIGCONT before the stop?"
	no_stopped_tracees
done

step "trap: a raised SIGTRAP is delivered to the handler"
rx_expect 0 "$T/out" "$T/err" -e trace=all -- "$PROGS/signals" trap
assert_content "$T/out" "trap handled"
assert_grep '^--- SIGTRAP \{si_signo=SIGTRAP, si_code=SI_TKILL, ' "$T/err"
rx_expect 0 "$T/out" "$T/err" -e trace=openat -- "$PROGS/signals" trap
assert_content "$T/out" "trap handled"

step "segv: dies with SIGSEGV, exit 139"
rx_expect 139 "$T/out" "$T/err" -e trace=all -- "$PROGS/signals" segv
assert_grep '^--- SIGSEGV \{si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL\} ---$' "$T/err"
assert_grep '^\+\+\+ killed by SIGSEGV( \(core dumped\))? \+\+\+$' "$T/err"
assert_no_grep 'exited with' "$T/err"

step "kill: dies with SIGKILL, exit 137"
rx_expect 137 "$T/out" "$T/err" -e trace=all -- "$PROGS/signals" kill
assert_grep '^kill\([0-9]+, SIGKILL\) += \?$' "$T/err"
assert_grep '^\+\+\+ killed by SIGKILL \+\+\+$' "$T/err"
no_stopped_tracees

# launch_forward SIG STATUS: SIG sent to rxtrace (launch mode) reaches the
# traced command, which dies of it; rxtrace waits and exits STATUS.
launch_forward() {
	step "launch mode: SIG$1 sent to rxtrace is forwarded to the command"
	rm -f "$T/pid"
	touch "$T/hold"
	spawn $DEFSIG "$RXTRACE" -e trace=none -o "$T/tr" -- \
		"$PROGS/spinner" 2 100 "$T/pid" "$T/hold" >"$T/out" 2>"$T/err"
	rxpid=$SPAWNED
	wait_until "the spinner's pid file" test -s "$T/pid"
	spid=$(cat "$T/pid")
	assert_traced_by "$spid" any "the launched spinner"
	kill "-$1" "$rxpid"
	wait_pid "$rxpid" "rxtrace after SIG$1"
	[ "$WAIT_RC" -eq "$2" ] || { show "$T/err"; fail "rxtrace exited with $WAIT_RC after SIG$1, expected $2"; }
	gone "$spid" || fail "the spinner survived SIG$1"
	assert_grep "^$spid +\+\+\+ killed by SIG$1 \+\+\+\$" "$T/tr"
	assert_no_grep 'spinner ok' "$T/out" "the spinner finished instead of dying"
	rm -f "$T/hold"
	no_stopped_tracees
}
launch_forward TERM 143
launch_forward HUP 129
if [ "$HAVE_DEFSIG" -eq 1 ]; then
	launch_forward INT 130
else
	echo "   (env --default-signal missing: SIGINT forwarding not checked)"
fi

pass
