#!/bin/sh
# badinput.sh - every bad-input case of the command-line contract: one
# line "rxtrace: <lowercase message without a trailing period>" on stderr
# (plus "Try 'rxtrace --help' for more information." for usage errors),
# nothing on stdout, exit 125, the command not run and no tracee left
# stopped; -p of a missing pid and of a pid already traced by someone
# else; --help, --version and --list-syscalls on stdout with exit 0.
set -eu
# shellcheck source=tests/e2e/lib.sh
. "${TESTLIB:-$(dirname "$0")/lib.sh}"

need_prog spinner
TRY="Try 'rxtrace --help' for more information."
MARK=$T/ran
KEEP=""	# processes of ours that are meant to be running

# usage_error WHAT ERE ARGS...: ARGS is a usage error whose message
# matches ERE; the (marker) command, if any, must not have run.
usage_error() {
	_what=$1
	_re=$2
	shift 2
	step "usage error: $_what"
	rm -f "$MARK"
	rx_expect 125 "$T/out" "$T/err" "$@"
	assert_empty "$T/out" "$_what: stdout must stay empty"
	assert_count 2 . "$T/err" "$_what: expected exactly two lines on stderr"
	_first=$(sed -n 1p "$T/err")
	_second=$(sed -n 2p "$T/err")
	printf '%s\n' "$_first" | grep -Eq -e '^rxtrace: [a-z-]' ||
		{ show "$T/err"; fail "$_what: message must start with 'rxtrace: ' and a lowercase word"; }
	printf '%s\n' "$_first" | grep -Eq -e '\.$' &&
		{ show "$T/err"; fail "$_what: message must not end with a period"; }
	printf '%s\n' "$_first" | grep -Eq -e "$_re" ||
		{ show "$T/err"; fail "$_what: message does not match $_re"; }
	[ "$_second" = "$TRY" ] ||
		{ show "$T/err"; fail "$_what: second line must be: $TRY"; }
	[ ! -e "$MARK" ] || fail "$_what: the command ran anyway"
	no_stopped_tracees $KEEP
}

# plain_error WHAT STATUS ERE ARGS...: one line, matching ERE, no "Try".
plain_error() {
	_what=$1
	_st=$2
	_re=$3
	shift 3
	step "error: $_what"
	rm -f "$MARK"
	rx_expect "$_st" "$T/out" "$T/err" "$@"
	assert_empty "$T/out" "$_what: stdout must stay empty"
	assert_count 1 . "$T/err" "$_what: expected exactly one line on stderr"
	assert_grep "$_re" "$T/err" "$_what: unexpected message"
	assert_no_grep '\.$' "$T/err" "$_what: message must not end with a period"
	[ ! -e "$MARK" ] || fail "$_what: the command ran anyway"
	no_stopped_tracees $KEEP
}

usage_error "unknown long option" "'--bogus-option'" \
	--bogus-option -- touch "$MARK"
usage_error "unknown short option" "'Z'" -Z -- touch "$MARK"
usage_error "no command" "command" -e trace=all
usage_error "no arguments at all" "command"
usage_error "-p together with a command" "-p" -p 1 -- touch "$MARK"
usage_error "-p together with -e and a command" "-p" \
	-p "$$" -e trace=all -- touch "$MARK"
usage_error "-s without a number" "'abc'" -s abc -- touch "$MARK"
usage_error "-s negative" "'-1'" -s -1 -- touch "$MARK"
usage_error "-s empty" "-s|''" -s '' -- touch "$MARK"
usage_error "-s too large" "'99999999999999999999'" -s 99999999999999999999 -- touch "$MARK"
usage_error "-s missing its argument" "-s" -s
usage_error "-o missing its argument" "-o" -o
usage_error "-p not a number" "'abc'" -p abc
usage_error "-p zero" "'0'" -p 0
usage_error "-p negative" "'-5'" -p -5

# Unknown names in -e trace: "rxtrace: unknown syscall 'foo' in -e trace"
# (the contract lists it with the one-line errors; opts.c reports it as a
# usage error, so a "Try" line is accepted but not required).
bad_set() {
	_what=$1
	_re=$2
	shift 2
	step "bad -e: $_what"
	rm -f "$MARK"
	rx_expect 125 "$T/out" "$T/err" "$@"
	assert_empty "$T/out"
	assert_grep "$_re" "$T/err" "$_what: unexpected message"
	_first=$(sed -n 1p "$T/err")
	printf '%s\n' "$_first" | grep -Eq -e "$_re" ||
		{ show "$T/err"; fail "$_what: the first line must be the error"; }
	_n=$(wc -l <"$T/err")
	if [ "$_n" -eq 2 ]; then
		[ "$(sed -n 2p "$T/err")" = "$TRY" ] ||
			{ show "$T/err"; fail "$_what: unexpected second line"; }
	elif [ "$_n" -ne 1 ]; then
		show "$T/err"
		fail "$_what: expected one line (or one plus '$TRY')"
	fi
	[ ! -e "$MARK" ] || fail "$_what: the command ran anyway"
	no_stopped_tracees $KEEP
}
bad_set "unknown syscall" "^rxtrace: unknown syscall 'foo' in -e trace\$" \
	-e trace=foo -- touch "$MARK"
bad_set "unknown syscall in a list" "^rxtrace: unknown syscall 'nosuchcall' in -e trace\$" \
	-e trace=openat,nosuchcall,close -- touch "$MARK"
bad_set "unknown syscall, short form" "^rxtrace: unknown syscall 'foo' in -e trace\$" \
	-e foo -- touch "$MARK"
bad_set "unknown syscall, negated" "^rxtrace: unknown syscall 'foo' in -e trace\$" \
	-e 'trace=!foo' -- touch "$MARK"
bad_set "unknown class" "^rxtrace: [a-z].*foo" -e trace=%foo -- touch "$MARK"
bad_set "unknown qualifier" "^rxtrace: [a-z].*'?bogus'?" -e bogus=openat -- touch "$MARK"

step "-o to a file that cannot be created"
rm -f "$MARK"
rx_expect 125 "$T/out" "$T/err" -o "$T/no/such/dir/trace" -e trace=all -- touch "$MARK"
assert_empty "$T/out"
assert_grep "^rxtrace: .*$(re_quote "$T/no/such/dir/trace")" "$T/err"
assert_grep "^rxtrace: [^A-Z]" "$T/err"
[ "$(wc -l <"$T/err")" -le 2 ] || { show "$T/err"; fail "-o: more than one error"; }
no_stopped_tracees

# A pid that certainly does not exist: one we started and reaped.
sh -c 'exit 0' &
gonepid=$!
wait "$gonepid" || true
if [ ! -d "/proc/$gonepid" ]; then
	plain_error "-p of a missing pid" 125 \
		"^rxtrace: cannot attach to pid $gonepid: No such process( \(.*\))?\$" -p "$gonepid"
fi
plain_error "-p of a pid beyond pid_max" 125 \
	"^rxtrace: cannot attach to pid 2147483647: No such process( \(.*\))?\$" -p 2147483647

# EPERM: we run as root, so simulate it with a process that already has a
# tracer (strace -p, or else a first rxtrace). A parenthesised detail after
# the message ("(already traced by pid N)") is accepted.
step "-p of a process traced by someone else: Operation not permitted"
touch "$T/hold"
spawn "$PROGS/spinner" 2 100 "$T/pid" "$T/hold" >"$T/spin.out" 2>&1
spid=$SPAWNED
wait_until "the spinner's pid file" test -s "$T/pid"
[ "$(cat "$T/pid")" = "$spid" ] || fail "spinner pid file mismatch"
if [ -n "$STRACE" ] && [ -x "$STRACE" ]; then
	spawn "$STRACE" -f -q -o /dev/null -p "$spid"
	tracer=$SPAWNED
	echo "   (the first tracer is strace, pid $tracer)"
else
	spawn $DEFSIG "$RXTRACE" -e trace=none -o /dev/null -p "$spid"
	tracer=$SPAWNED
	echo "   (the first tracer is rxtrace, pid $tracer)"
fi
assert_traced_by "$spid" "$tracer" "first tracer"
KEEP="$spid $tracer"
plain_error "-p of a traced process" 125 \
	"^rxtrace: cannot attach to pid $spid: Operation not permitted( \(.*\))?\$" -p "$spid"
assert_traced_by "$spid" "$tracer" "the first tracer lost its tracee"
# the same as one of several pids: still an error, and the other (good)
# process must not be left stopped or traced
touch "$T/hold2"
spawn "$PROGS/spinner" 2 100 "$T/pid2" "$T/hold2" >"$T/spin2.out" 2>&1
spid2=$SPAWNED
wait_until "the second spinner's pid file" test -s "$T/pid2"
KEEP="$KEEP $spid2"
step "-p GOOD -p TRACED: error; GOOD left running, not stopped, not traced"
rx "$T/out" "$T/err" -e trace=none -p "$spid2" -p "$spid"
[ "$RC" -eq 125 ] || { show "$T/err"; fail "-p GOOD -p TRACED exited with $RC, expected 125"; }
assert_grep "^rxtrace: cannot attach to pid $spid: Operation not permitted( \(.*\))?\$" "$T/err"
assert_running_untraced "$spid2" "the good process"
kill -INT "$tracer"
wait_pid "$tracer" "the first tracer"
assert_running_untraced "$spid" "the formerly traced process"
rm -f "$T/hold" "$T/hold2"
wait_pid "$spid" "spinner"
[ "$WAIT_RC" -eq 0 ] || { show "$T/spin.out"; fail "spinner exited with $WAIT_RC"; }
wait_pid "$spid2" "second spinner"
[ "$WAIT_RC" -eq 0 ] || { show "$T/spin2.out"; fail "second spinner exited with $WAIT_RC"; }
assert_grep '^spinner ok [0-9a-f]{16}$' "$T/spin.out"
assert_grep '^spinner ok [0-9a-f]{16}$' "$T/spin2.out"
KEEP=""
no_stopped_tracees

step "--help and -h: usage on stdout, exit 0"
for opt in --help -h; do
	rx_expect 0 "$T/out" "$T/err" "$opt"
	assert_grep '^Usage: rxtrace ' "$T/out"
	assert_grep ' -p' "$T/out"
	assert_empty "$T/err" "$opt wrote to stderr"
done
# --help wins over a command, which does not run
rm -f "$MARK"
rx_expect 0 "$T/out" "$T/err" --help -- touch "$MARK"
[ ! -e "$MARK" ] || fail "--help ran the command"

step "--version and -V: version on stdout, exit 0"
for opt in --version -V; do
	rx_expect 0 "$T/out" "$T/err" "$opt"
	assert_grep '^rxtrace.* [0-9]+\.[0-9]+' "$T/out"
	assert_empty "$T/err" "$opt wrote to stderr"
done

step "--list-syscalls: the table on stdout, exit 0"
rx_expect 0 "$T/out" "$T/err" --list-syscalls
assert_empty "$T/err"
assert_grep '(^|[^a-z_0-9])openat([^a-z_0-9].*)?(^|[^0-9])257([^0-9]|$)' "$T/out" \
	"openat with its x86-64 number 257"
assert_grep '(^|[^a-z_0-9])read([^a-z_0-9].*)?(^|[^0-9])0([^0-9]|$)' "$T/out" \
	"read with its x86-64 number 0"
[ "$(wc -l <"$T/out")" -ge 100 ] || fail "--list-syscalls: fewer than 100 lines"

pass
