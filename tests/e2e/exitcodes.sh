#!/bin/sh
# exitcodes.sh - rxtrace exits with the traced command's status: its exit
# code, 128+N when killed by signal N, 127 when the command is not found,
# 126 when it cannot be executed; with and without trace mode.
set -eu
# shellcheck source=tests/e2e/lib.sh
. "${TESTLIB:-$(dirname "$0")/lib.sh}"

need_prog exitcode signals

step "the test programs themselves (native)"
expect_status 0 "$PROGS/exitcode" 0
expect_status 3 "$PROGS/exitcode" 3
expect_status 255 "$PROGS/exitcode" 255

for code in 0 3 255; do
	step "exit $code: findings mode and trace mode"
	rx_expect "$code" "$T/out" "$T/err" -- "$PROGS/exitcode" "$code"
	rx_expect "$code" "$T/out" "$T/err" -e trace=all -- "$PROGS/exitcode" "$code"
	assert_grep "^exit_group\($code\) += \?\$" "$T/err"
	assert_grep "^\+\+\+ exited with $code \+\+\+\$" "$T/err"
	rx_expect "$code" "$T/out" "$T/err" -c -- "$PROGS/exitcode" "$code"
	rx_expect "$code" "$T/out" "$T/err" -e trace=none -o "$T/trace" -- "$PROGS/exitcode" "$code"
done

step "status of a traced child's parent, not of the child (sh -c runs a child)"
rx_expect 4 "$T/out" "$T/err" -e trace=none -- /bin/sh -c "\"$PROGS/exitcode\" 9; exit 4"

step "killed by a signal: 128+N"
rx_expect 139 "$T/out" "$T/err" -- "$PROGS/signals" segv
rx_expect 139 "$T/out" "$T/err" -e trace=all -- "$PROGS/signals" segv
assert_grep '^\+\+\+ killed by SIGSEGV( \(core dumped\))? \+\+\+$' "$T/err"
rx_expect 137 "$T/out" "$T/err" -- "$PROGS/signals" kill
rx_expect 137 "$T/out" "$T/err" -e trace=all -- "$PROGS/signals" kill
assert_grep '^\+\+\+ killed by SIGKILL \+\+\+$' "$T/err"
# shellcheck disable=SC2016
rx_expect 143 "$T/out" "$T/err" -e trace=kill -- /bin/sh -c 'kill -TERM $$'
assert_grep '^\+\+\+ killed by SIGTERM \+\+\+$' "$T/err"
# shellcheck disable=SC2016
rx_expect 134 "$T/out" "$T/err" -e trace=kill -- /bin/sh -c 'ulimit -c 0; kill -ABRT $$'
assert_grep '^\+\+\+ killed by SIGABRT( \(core dumped\))? \+\+\+$' "$T/err"
no_stopped_tracees

step "command not found: 127"
rx_expect 127 "$T/out" "$T/err" -- rxtrace-e2e-no-such-command
assert_content "$T/err" "rxtrace: rxtrace-e2e-no-such-command: command not found"
assert_empty "$T/out"
rx_expect 127 "$T/out" "$T/err" -e trace=all -- rxtrace-e2e-no-such-command arg
assert_content "$T/err" "rxtrace: rxtrace-e2e-no-such-command: command not found"
rx_expect 127 "$T/out" "$T/err" -- "$T/no/such/file"
assert_count 1 . "$T/err" "not found: not a single line"
assert_grep "^rxtrace: $(re_quote "$T/no/such/file"): " "$T/err"

step "found but not executable: 126"
printf 'just text\n' >"$T/file.txt"
chmod 0644 "$T/file.txt"
(cd "$T" && rx_expect 126 out err -- ./file.txt)
assert_content "$T/err" "rxtrace: ./file.txt: cannot execute: Permission denied"
assert_empty "$T/out"
(cd "$T" && rx_expect 126 out err -e trace=all -- ./file.txt)
assert_content "$T/err" "rxtrace: ./file.txt: cannot execute: Permission denied"
# found through PATH, not executable
(PATH="$T:$PATH" && export PATH && rx_expect 126 "$T/out" "$T/err" -- file.txt)
assert_content "$T/err" "rxtrace: file.txt: cannot execute: Permission denied"
# a directory
rx_expect 126 "$T/out" "$T/err" -- "$T"
assert_count 1 . "$T/err" "directory: not a single line"
assert_grep "^rxtrace: $(re_quote "$T"): " "$T/err"
no_stopped_tracees

pass
