#!/bin/sh
# valgrind.sh - rxtrace under valgrind's memcheck, end to end: findings
# mode (system call rules, library-call breakpoints and stacks), trace
# mode with -k, a SARIF report and --events: no invalid access, no use
# of uninitialised memory, no definite leak. Only rxtrace runs under
# valgrind (--trace-children=no): its tracees run natively once they
# exec. Skipped without valgrind, and in a --enable-sanitizers build
# (ASan and valgrind exclude each other).
set -eu
# shellcheck source=tests/e2e/lib.sh
. "${TESTLIB:-$(dirname "$0")/lib.sh}"

need_prog risky risky_lib fileops
[ -z "${RX_SANITIZERS:-}" ] ||
	skip "rxtrace is built with sanitizers (--enable-sanitizers): valgrind cannot run it"
VALGRIND=$(command -v valgrind 2>/dev/null || true)
[ -n "$VALGRIND" ] || skip "valgrind not found (apt-get install valgrind)"

N=0
# vg STATUS ARGS...: rxtrace ARGS under memcheck must exit with STATUS
# (99: memcheck found errors) and its log must say 0 errors.
vg() {
	_want=$1
	shift
	N=$((N + 1))
	_log=$T/vg.$N
	RC=0
	timeout -k 5 $((RX_TIMEOUT * 4)) "$VALGRIND" --error-exitcode=99 \
		--leak-check=full --errors-for-leak-kinds=definite \
		--trace-children=no --log-file="$_log" \
		"$RXTRACE" "$@" </dev/null >"$T/out" 2>"$T/err" || RC=$?
	if ! grep -q 'ERROR SUMMARY: 0 errors' "$_log"; then
		show "$_log"
		fail "valgrind found errors in 'rxtrace $*' (status $RC)"
	fi
	if [ "$RC" -ne "$_want" ]; then
		show "$T/err"
		fail "'rxtrace $*' under valgrind exited with $RC, expected $_want"
	fi
}

step "findings mode: a system call rule with its stack, and a fork"
vg 0 -- "$PROGS/risky" mlockfork
assert_grep '^(warning|error|note) RX-MEM-004 ' "$T/err"

step "findings mode: library-call breakpoints (strcpy, sprintf, realpath...)"
vg 0 -- "$PROGS/risky_lib" copies
assert_grep '^warning RX-LIB-001 ' "$T/err"
assert_content "$T/out" "risky ok"

step "trace mode: every call, with stacks (-e trace=all -k)"
mkdir "$T/d"
vg 0 -e trace=all -k -- "$PROGS/fileops" "$T/d"
assert_content "$T/out" "fileops ok"
assert_grep '^openat\(AT_FDCWD, ' "$T/err"
assert_grep '^ > ' "$T/err"

step "a SARIF report (-o x.sarif)"
vg 0 -o "$T/x.sarif" -- "$PROGS/risky_lib" copies
assert_grep '"ruleId": *"RX-LIB-001"' "$T/x.sarif"

step "--events: a JSON Lines record of every call, and the findings"
vg 0 --events "$T/ev.jsonl" -- "$PROGS/risky" mlockfork
assert_grep '"type": *"finding"' "$T/ev.jsonl"

step "a usage error frees what the options took"
vg 125 -p 1 -- true
assert_grep 'cannot be combined' "$T/err"
pass
