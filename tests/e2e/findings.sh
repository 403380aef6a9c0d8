#!/bin/sh
# findings.sh - findings mode (the default): each implemented rule fires
# on its risky tracee (tests/progs/risky.c) with the call site in the
# program's own code, and not on the benign twin; the report's format,
# deduplication, selection (--rules, --disable, --min-level), -o written
# atomically, colour, exit status, and secrets that never reach any
# output.
set -eu
# shellcheck source=tests/e2e/lib.sh
. "${TESTLIB:-$(dirname "$0")/lib.sh}"

need_prog risky

# finding ERR LEVEL ID: the report in ERR has a finding of rule ID at LEVEL
assert_finding() {
	assert_grep "^$2 $3 [A-Za-z]+: " "$1" "no $2 finding of $3"
}
# assert_site ERR FUNC FILE LINE: a finding's call site
assert_site() {
	assert_grep "^    at $2 [^ ]*$3:$4 \\(" "$1" "no call site $2 at $3:$4"
}

step "RX-PROC-012: TIOCSTI, with and without high bits in the request"
rx_expect 0 "$T/out" "$T/err" -- "$PROGS/risky" tiocsti
assert_content "$T/out" "risky ok"
assert_finding "$T/err" error RX-PROC-012
assert_grep '^error RX-PROC-012 UnsafeIoctl: ioctl TIOCSTI on /dev/pts/[0-9]+ ' "$T/err"
assert_grep '^    call: ioctl\(4, TIOCSTI, 0x[0-9a-f]+\) = ' "$T/err"
assert_site "$T/err" risky_tiocsti risky.c "$(marker_line tiocsti-call risky.c)"
# the request with high bits: the kernel ignores them, so must the filter
assert_site "$T/err" risky_tiocsti risky.c "$(marker_line tiocsti-high risky.c)"
# and they are an evasion of their own
assert_grep '^error RX-PROC-016 IoctlRequestHighBits: ioctl request 0x100005412 is TIOCSTI ' "$T/err"
assert_grep '^rxtrace: 3 errors, 0 warnings, 0 notes in 1 process$' "$T/err"
rx_expect 0 "$T/out" "$T/err" -- "$PROGS/risky" tiocsti-ok
assert_content "$T/err" "rxtrace: no findings"

step "RX-MEM-004: fork with locked memory that is not wiped on fork"
rx_expect 0 "$T/out" "$T/err" -- "$PROGS/risky" mlockfork
assert_content "$T/out" "risky ok"
assert_finding "$T/err" warning RX-MEM-004
assert_grep 'locked memory at 0x[0-9a-f]+-0x[0-9a-f]+ is neither MADV_WIPEONFORK nor MADV_DONTFORK' "$T/err"
assert_site "$T/err" risky_mlockfork risky.c "$(marker_line mlockfork-call risky.c)"
rx_expect 0 "$T/out" "$T/err" -- "$PROGS/risky" mlockfork-ok
assert_content "$T/err" "rxtrace: no findings"

step "RX-ENV-001: secrets in the environment, redacted"
AKEY=AKIAIOSFODNN7QWERTYU
SKEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYzQWERTYKEY
rx_expect 0 "$T/out" "$T/err" -- env -i PATH=/usr/bin:/bin AWS_ACCESS_KEY_ID=$AKEY \
	AWS_SECRET_ACCESS_KEY=$SKEY DB_PASSWORD=hunter2 HOME=/root "$PROGS/risky" env
assert_content "$T/out" "risky ok"
assert_grep '^error RX-ENV-001 SecretInEnvironment: AWS_ACCESS_KEY_ID=<redacted, 20 chars> in the environment' "$T/err"
assert_grep '^error RX-ENV-001 SecretInEnvironment: AWS_SECRET_ACCESS_KEY=<redacted, 40 chars> in the environment' "$T/err"
assert_grep '^warning RX-ENV-001 SecretInEnvironment: DB_PASSWORD=<redacted, 7 chars> in the environment' "$T/err"
assert_no_grep 'HOME|PATH=' "$T/err" "a benign variable was reported"
# only risky's environment holds them (env -i set it), once each
assert_count 1 'AWS_ACCESS_KEY_ID=' "$T/err"
assert_count 3 "^    1 time, pid [0-9]+, $(re_quote "$PROGS/risky"), " "$T/err"
rx_expect 0 "$T/out" "$T/err" -- env -i PATH=/usr/bin:/bin HOME=/root "$PROGS/risky" env
assert_content "$T/err" "rxtrace: no findings"

step "canary: a secret value appears in no output, whatever the mode"
CANARY=ghp_Zq8RcanaryX4v7Lm2Tn9Wp3Ks6Hd1Yb5JfQa
for mode in findings trace; do
	if [ $mode = trace ]; then
		args="-e trace=execve,write,openat -s 4096 -o $T/report"
	else
		args="-o $T/report"
	fi
	# the program prints the token (its own stdout may: rxtrace's output may not)
	# shellcheck disable=SC2086
	rx_expect 0 "$T/out" "$T/err" $args -- env GITHUB_TOKEN=$CANARY sh -c \
		'echo "$GITHUB_TOKEN" >&2; exec echo "token: $GITHUB_TOKEN"'
	grep -q "$CANARY" "$T/out" || fail "$mode: the program did not print its token"
	if grep -q "$CANARY" "$T/report"; then
		show "$T/report"
		fail "$mode: the secret value is in the report"
	fi
	grep -q "$CANARY" "$T/err" || fail "$mode: the program's own stderr was lost"
done
assert_grep 'write\(1, "token: \*+\\n", 48\) = 48' "$T/report"

step "deduplication: one finding per call site, with a count"
rx_expect 0 "$T/out" "$T/err" -- sh -c "$PROGS/risky tiocsti >/dev/null; $PROGS/risky tiocsti >/dev/null"
assert_count 2 '^error RX-PROC-012 ' "$T/err"
assert_count 1 '^error RX-PROC-016 ' "$T/err"
assert_count 3 '^    2 times, pids [0-9]+,[0-9]+, ' "$T/err"
assert_grep '^rxtrace: 3 errors, 0 warnings, 0 notes in 2 processes$' "$T/err"

step "selection: --rules, --disable, --min-level"
rx_expect 0 "$T/out" "$T/err" --disable=RX-PROC-012,RX-PROC-016 -- "$PROGS/risky" tiocsti
assert_content "$T/err" "rxtrace: no findings"
rx_expect 0 "$T/out" "$T/err" --rules='RX-MEM-*' -- "$PROGS/risky" tiocsti
assert_content "$T/err" "rxtrace: no findings"
rx_expect 0 "$T/out" "$T/err" --rules='rx-proc-01?' -- "$PROGS/risky" tiocsti
assert_finding "$T/err" error RX-PROC-012
rx_expect 0 "$T/out" "$T/err" --min-level=error -- "$PROGS/risky" mlockfork
assert_content "$T/err" "rxtrace: no findings"
rx_expect 0 "$T/out" "$T/err" --min-level=warning -- "$PROGS/risky" mlockfork
assert_finding "$T/err" warning RX-MEM-004
for bad in "--rules=RX-FOO-001" "--disable=RX-NOPE-*" "--min-level=loud" "--rules="; do
	rx_expect 125 "$T/out" "$T/err" "$bad" -- "$PROGS/risky" tiocsti
	assert_grep '^rxtrace: ' "$T/err"
	[ "$(wc -l <"$T/err")" -eq 2 ] || { show "$T/err"; fail "$bad: not one error line and a hint"; }
done
assert_grep "^rxtrace: empty rule list in --rules$|^rxtrace: no rule list in --rules$" "$T/err"

step "--suppress FILE: accepted findings are left out and counted"
printf '# accepted\nRX-PROC-012 func=risky_tiocsti file=*risky.c\nRX-PROC-016\n' >"$T/supp"
rx_expect 0 "$T/out" "$T/err" --suppress "$T/supp" -- "$PROGS/risky" tiocsti
assert_content "$T/err" "rxtrace: no findings (3 suppressed)"
printf 'RX-PROC-012 func=other_function\n' >"$T/supp"
rx_expect 0 "$T/out" "$T/err" --suppress="$T/supp" -- "$PROGS/risky" tiocsti
assert_grep '^rxtrace: 3 errors, 0 warnings, 0 notes in 1 process$' "$T/err"
printf 'RX-PROC-012\nRX-PROC-012 fnuc=x\n' >"$T/supp"
rx_expect 125 "$T/out" "$T/err" --suppress "$T/supp" -- "$PROGS/risky" tiocsti
assert_content "$T/err" "rxtrace: $T/supp:2: unknown field 'fnuc=x' (func, module, file, key, exe)"
assert_empty "$T/out" "the command ran despite a bad suppression file"
rx_expect 125 "$T/out" "$T/err" --suppress "$T/nonexistent" -- "$PROGS/risky" tiocsti
assert_content "$T/err" "rxtrace: cannot read $T/nonexistent: No such file or directory"

step "-o FILE: the report goes to the file, written whole; none on failure"
rx_expect 0 "$T/out" "$T/err" -o "$T/report.txt" -- "$PROGS/risky" tiocsti
assert_empty "$T/err"
assert_grep '^rxtrace: 3 errors, 0 warnings, 0 notes in 1 process$' "$T/report.txt"
assert_no_grep "$(printf '\033')" "$T/report.txt" "colour codes in a report file"
[ -z "$(find "$T" -name '.report.txt.*')" ] || fail "a temporary report file was left behind"
rx_expect 127 "$T/out" "$T/err" -o "$T/none.txt" -- rxtrace-no-such-command
[ ! -e "$T/none.txt" ] || fail "a report was written for a command that never ran"
[ -z "$(find "$T" -name '.none.txt.*')" ] || fail "a temporary report file was left behind"
rx_expect 125 "$T/out" "$T/err" -o "$T/no/such/dir/r.txt" -- "$PROGS/risky" tiocsti
assert_grep "^rxtrace: cannot open $(re_quote "$T/no/such/dir/r.txt"): No such file or directory$" "$T/err"

# a device or FIFO is written in place, never replaced by a renamed file
mkfifo "$T/fifo"
cat "$T/fifo" >"$T/fifo.out" &
catpid=$!
rx_expect 0 "$T/out" "$T/err" -o "$T/fifo" -- "$PROGS/risky" tiocsti
wait "$catpid"
[ -p "$T/fifo" ] || fail "the FIFO given to -o was replaced"
assert_grep '^rxtrace: 3 errors, 0 warnings, 0 notes in 1 process$' "$T/fifo.out"
rx_expect 0 "$T/out" "$T/err" -o /dev/null -- "$PROGS/risky" tiocsti
[ -c /dev/null ] || fail "-o /dev/null replaced /dev/null"

step "colour only on a terminal, and never with NO_COLOR"
if command -v script >/dev/null; then
	script -qec "$RXTRACE -- $PROGS/risky tiocsti" /dev/null >"$T/tty" 2>&1 </dev/null || true
	assert_grep "$(printf '\033')\\[1;31merror" "$T/tty" "no colour on a terminal"
	NO_COLOR=1 script -qec "$RXTRACE -- $PROGS/risky tiocsti" /dev/null >"$T/tty" 2>&1 </dev/null || true
	assert_grep '^error RX-PROC-012' "$T/tty"
	assert_no_grep "$(printf '\033')\\[" "$T/tty" "colour with NO_COLOR set"
else
	echo "   (script(1) not found: colour on a terminal not checked)"
fi
assert_no_grep "$(printf '\033')" "$T/err" "colour when stderr is no terminal"

step "the exit status is the command's"
rx_expect 3 "$T/out" "$T/err" -- sh -c "$PROGS/risky tiocsti; exit 3"
assert_finding "$T/err" error RX-PROC-012

step "--list-rules: every catalogue rule, one line each"
rx_expect 0 "$T/out" "$T/err" --list-rules
assert_grep "^RX-PROC-012 +error +7\\.8 +CWE-749 +on +UnsafeIoctl " "$T/out"
assert_count 55 '.' "$T/out"
# not implemented in this version: "-"; experimental: "off"
assert_grep '^RX-NET-003 +note +3\.1 +- +- +UnexpectedEgress ' "$T/out"

pass
