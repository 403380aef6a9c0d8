#!/bin/sh
# summary.sh - -c prints a strace-style table (calls and errors columns,
# a total row) instead of trace lines; its counts match what difftest is
# known to do and what the trace lines show; -C prints lines and table;
# -c honours -e trace=SET. Compared with strace -c when available.
set -eu
# shellcheck source=tests/e2e/lib.sh
. "${TESTLIB:-$(dirname "$0")/lib.sh}"

need_prog difftest threads
D=$T/d
mkdir "$D"

# check_table FILE: header, separators, rows, and a total row that adds up.
check_table() {
	assert_grep '^% time +seconds +usecs/call +calls +errors +syscall$' "$1" "summary header"
	assert_grep '^------ ----------- ----------- --------- --------- -+$' "$1" "summary separator"
	assert_grep '^ *[0-9]+\.[0-9]+ +[0-9]+\.[0-9]+ +[0-9]+ +[0-9]+( +[0-9]+)? +total$' "$1" "total row"
	summary_rows "$1" >"$T/rows"
	_tc=$(awk '$1 == "total" { print $2 }' "$T/rows")
	_te=$(awk '$1 == "total" { print $3 }' "$T/rows")
	_sc=$(awk '$1 != "total" { s += $2 } END { print s + 0 }' "$T/rows")
	_se=$(awk '$1 != "total" { s += $3 } END { print s + 0 }' "$T/rows")
	[ "$_tc" -eq "$_sc" ] || { show "$1"; fail "total calls $_tc, rows add up to $_sc"; }
	[ "$_te" -eq "$_se" ] || { show "$1"; fail "total errors $_te, rows add up to $_se"; }
	[ "$_tc" -gt 0 ] || fail "no calls counted"
}

# expect_row FILE NAME CALLS ERRORS
expect_row() {
	_c=$(summary_calls "$1" "$2")
	_e=$(summary_errors "$1" "$2")
	if [ "$_c" -ne "$3" ] || [ "$_e" -ne "$4" ]; then
		show "$1"
		fail "$2: $_c calls / $_e errors counted, expected $3 / $4"
	fi
}

# What difftest itself does (tests/progs/difftest.c), for the calls the
# dynamic loader and libc startup never make: NAME CALLS ERRORS.
KNOWN="connect 2 2
socket 2 0
mkdir 2 1
rmdir 1 0
unlink 2 1
chmod 2 1
rename 1 0
pipe2 1 0
dup 1 0
dup2 1 0
lseek 3 0
kill 1 0
getpid 1 0
umask 2 0
uname 1 0
fstat 1 0"

step "-c: a table on stderr, no trace lines, program output intact"
rx_expect 0 "$T/out" "$T/err" -c -- "$PROGS/difftest" "$D"
assert_content "$T/out" "difftest ok"
check_table "$T/err"
assert_no_grep "${RE_PFX}[a-z_0-9]+\(.*\) += " "$T/err" "-c printed trace lines"
assert_no_grep '\+\+\+ exited' "$T/err" "-c printed trace lines"
cp "$T/err" "$T/c.table"
echo "$KNOWN" | while read -r name calls errors; do
	expect_row "$T/c.table" "$name" "$calls" "$errors"
done

step "-c counts agree with the trace lines of the same (deterministic) program"
rx_expect 0 "$T/out" "$T/err" -o "$T/tr" -e trace=all -- "$PROGS/difftest" "$D"
for name in openat close read write access newfstatat mprotect; do
	calls=$(count_grep "^[0-9]+ +$name\(" "$T/tr")
	errors=$(count_grep "^[0-9]+ +$name\(.*\) += -1 E[A-Z0-9]+ " "$T/tr")
	expect_row "$T/c.table" "$name" "$calls" "$errors"
done
# difftest's own openat calls: 2 on data.txt, 1 on missing.txt (ENOENT)
assert_count 2 "^[0-9]+ +openat\(AT_FDCWD, \"$(re_quote "$D/data.txt")\"" "$T/tr"
assert_count 1 "^[0-9]+ +openat\(AT_FDCWD, \"$(re_quote "$D/missing.txt")\", O_RDONLY\) += -1 ENOENT" "$T/tr"

if [ -n "$STRACE" ] && [ -x "$STRACE" ]; then
	step "-c counts equal strace -c's (execve, exit and exit_group aside)"
	"$STRACE" -f -c -o "$T/strace.table" -- "$PROGS/difftest" "$D" >/dev/null 2>&1 ||
		fail "strace -c difftest failed"
	# strace counts the launch's execve and never counts the calls that
	# do not return; whether rxtrace does is not part of the contract
	summary_rows "$T/strace.table" | grep -Ev '^(total|execve|exit|exit_group) ' >"$T/s.rows"
	summary_rows "$T/c.table" | grep -Ev '^(total|execve|exit|exit_group) ' >"$T/r.rows"
	if ! cmp -s "$T/s.rows" "$T/r.rows"; then
		echo "   NAME CALLS ERRORS under strace -c (<) and rxtrace -c (>):"
		diff "$T/s.rows" "$T/r.rows" | sed 's/^/   /' || true
		fail "-c counts differ from strace -c"
	fi
fi

step "-c -e trace=openat,connect: only those rows"
rx_expect 0 "$T/out" "$T/err" -c -e trace=openat,connect -- "$PROGS/difftest" "$D"
check_table "$T/err"
summary_rows "$T/err" | awk '{print $1}' >"$T/names"
printf '%s\n' connect openat total >"$T/want"
cmp -s "$T/want" "$T/names" || { show "$T/err"; fail "-c -e trace=openat,connect: other rows"; }
expect_row "$T/err" connect 2 2
expect_row "$T/err" openat "$(summary_calls "$T/c.table" openat)" "$(summary_errors "$T/c.table" openat)"

step "-C: trace lines and the table, consistent with each other"
rx_expect 0 "$T/out" "$T/err" -C -- "$PROGS/difftest" "$D"
assert_content "$T/out" "difftest ok"
check_table "$T/err"
assert_grep '^connect\(3, \{sa_family=AF_INET, ' "$T/err" "-C: trace lines"
assert_grep '^\+\+\+ exited with 0 \+\+\+$' "$T/err"
# every row's calls/errors equal the lines of that syscall
summary_rows "$T/err" | grep -v '^total ' >"$T/rows.C"
while read -r name calls errors; do
	lc=$(count_grep "^$name\(" "$T/err")
	le=$(count_grep "^$name\(.*\) += -1 E[A-Z0-9]+ " "$T/err")
	[ "$lc" -eq "$calls" ] && [ "$le" -eq "$errors" ] ||
		fail "-C: $name: table says $calls/$errors, lines show $lc/$le"
done <"$T/rows.C"
# and every syscall with lines has a row (exit_group never returns: strace
# leaves it out of the table, and so may rxtrace)
syscall_names "$T/err" | grep -Ev '^(exit|exit_group)$' >"$T/lnames" || true
awk '{print $1}' "$T/rows.C" | grep -Ev '^(exit|exit_group)$' | sort -u >"$T/tnames" || true
cmp -s "$T/lnames" "$T/tnames" || {
	diff "$T/lnames" "$T/tnames" | sed 's/^/   /' || true
	fail "-C: syscalls with lines and rows of the table differ"
}

step "-c with threads: calls of all threads counted"
rx_expect 0 "$T/out" "$T/err" -c -e trace=openat -- "$PROGS/threads" 4 25
assert_content "$T/out" "threads ok 4"
c=$(summary_calls "$T/err" openat)
# 100 /dev/null opens by the threads, plus the loader's (at least 2)
[ "$c" -ge 102 ] || { show "$T/err"; fail "-c: $c openat calls, expected at least 102"; }
rx_expect 0 "$T/out" "$T/tr" -e trace=openat -- "$PROGS/threads" 4 25
lc=$(count_grep 'openat\(' "$T/tr")
[ "$c" -eq "$lc" ] || fail "-c counted $c openat calls, the trace shows $lc"

no_stopped_tracees
pass
