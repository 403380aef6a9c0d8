#!/bin/sh
# rules_lib.sh - the LIB rules, seen with library-call breakpoints
# (tests/progs/risky_lib.c): each rule's finding, level variants, call
# site and count, its benign twin, a static twin; and that breakpoints
# change nothing for the program: its output and exit status are its
# own, with threads, a fork child, its own SIGTRAPs, and after an
# attached rxtrace detaches (no int3 left in its memory). Trace mode and
# findings without LIB rules plant nothing (no LD_BIND_NOW either).
set -eu
# shellcheck source=tests/e2e/lib.sh
. "${TESTLIB:-$(dirname "$0")/lib.sh}"

need_prog risky_lib risky_lib_static
line_of() { marker_line "$1" risky_lib.c; }

# assert_site ERR FUNC MARKER: a finding's call site
assert_site() {
	assert_grep "^    at $2 [^ ]*risky_lib\\.c:$(line_of "$3") \\(" "$1" \
		"no call site $2 at LINE:$3"
}
# block ERR MARKER: the finding (its lines up to the blank line) whose
# call site is at LINE:MARKER
block() {
	_l=$(line_of "$2")
	awk -v re="    at [^ ]+ [^ ]*risky_lib[.]c:$_l [(]" \
		'BEGIN { RS = "" } $0 ~ re { print; print "" }' "$1"
}
# assert_count_at ERR MARKER N: the finding at MARKER happened N times
assert_count_at() {
	block "$1" "$2" >"$T/block"
	[ -s "$T/block" ] || { show "$1"; fail "no finding at LINE:$2"; }
	assert_grep "^    $3 times?, " "$T/block" "finding at LINE:$2 not counted $3 times"
}
# run_ok ARGS...: rxtrace ARGS exits 0, the program printed "risky ok"
run_ok() {
	rx_expect 0 "$T/out" "$T/err" "$@"
	assert_grep '^risky ok$' "$T/out" "the program's own output"
}

COPY="UnboundedStringCopy: strcpy\\(\\) copies a string with no bound on the destination: a longer source overflows the buffer"
UNTRACKED="; further calls not tracked \\(10000 in a row from known callers\\)"

for p in risky_lib risky_lib_static; do
	# the static twin is not position-independent: RX-MEM-006 says so
	NOPIE=
	[ $p = risky_lib ] || NOPIE=--disable=RX-MEM-006
	step "RX-LIB-001 ($p): strcpy from 3 sites, 100000 calls: 3 findings, counted"
	run_ok $NOPIE -- "$PROGS/$p" strcpy
	assert_count 3 '^warning RX-LIB-001 ' "$T/err"
	assert_count 3 "^warning RX-LIB-001 $COPY$UNTRACKED\$" "$T/err"
	assert_grep '^    call: strcpy\(0x[0-9a-f]+, "risky-42"\)$' "$T/err"
	for s in a b c; do
		assert_site "$T/err" "risky_strcpy_$s" "strcpy-$s"
	done
	# in turn, until the function is disarmed: 10000 calls from known
	# sites after the third new one, the first site's one more
	assert_count_at "$T/err" strcpy-a 3335
	assert_count_at "$T/err" strcpy-b 3334
	assert_count_at "$T/err" strcpy-c 3334
	assert_grep '^rxtrace: 0 errors, 3 warnings, 0 notes in 1 process$' "$T/err"
	run_ok $NOPIE -- "$PROGS/$p" strcpy-ok
	assert_content "$T/err" "rxtrace: no findings"
done

step "RX-LIB-001: a copy that reaches the caller's return address is an error"
run_ok -- "$PROGS/risky_lib" overflow
assert_grep '^error RX-LIB-001 UnboundedStringCopy: strcpy\(\) writes 101 bytes into a stack buffer [0-9]+ bytes below the caller.s return address: it overwrites the return address \(CWE-121\)$' "$T/err"
assert_site "$T/err" risky_overflow overflow
assert_grep '^rxtrace: 1 error, 0 warnings, 0 notes in 1 process$' "$T/err"

step "RX-LIB-001: strcat, stpcpy, sprintf, sscanf %s, realpath, getwd; strncpy a note"
run_ok -- "$PROGS/risky_lib" copies
assert_site "$T/err" risky_copies copies-strcpy
assert_grep '^warning RX-LIB-001 UnboundedStringCopy: strcat\(\) appends a string with no bound on the destination: a longer source overflows the buffer$' "$T/err"
assert_site "$T/err" risky_copies strcat
assert_grep '^warning RX-LIB-001 UnboundedStringCopy: stpcpy\(\) copies a string with no bound' "$T/err"
assert_site "$T/err" risky_copies stpcpy
assert_grep '^warning RX-LIB-001 UnboundedStringCopy: sprintf\(\) formats into a buffer with no size: longer output overflows it$' "$T/err"
assert_grep '^    call: sprintf\(0x[0-9a-f]+, "%s!", \.\.\.\)$' "$T/err"
assert_site "$T/err" risky_copies sprintf
assert_grep '^warning RX-LIB-001 UnboundedStringCopy: sscanf\(\) reads %s without a width: longer input overflows the buffer$' "$T/err"
assert_grep '^    call: sscanf\("hello world", "%s", \.\.\.\)$' "$T/err"
assert_site "$T/err" risky_copies sscanf
assert_grep '^warning RX-LIB-001 UnboundedStringCopy: realpath\(\) writes up to PATH_MAX bytes into the caller.s buffer: a smaller buffer overflows$' "$T/err"
assert_site "$T/err" risky_copies realpath
assert_grep '^warning RX-LIB-001 UnboundedStringCopy: getwd\(\) writes the working directory' "$T/err"
assert_site "$T/err" risky_copies getwd
assert_grep '^note RX-LIB-001 UnboundedStringCopy: strncpy\(\) bounds the copy, but leaves the destination without a terminating NUL when the source is as long as the bound$' "$T/err"
assert_site "$T/err" risky_copies strncpy
assert_grep '^rxtrace: 0 errors, 7 warnings, 1 note in 1 process$' "$T/err"
# snprintf, a width, realpath allocating its result, getcwd
run_ok -- "$PROGS/risky_lib" copies-ok
assert_content "$T/err" "rxtrace: no findings"

step "RX-LIB-001: a strncpy call site called 100 times: disarmed after 32 calls in a row"
run_ok -- "$PROGS/risky_lib" strncpy
assert_grep '^note RX-LIB-001 UnboundedStringCopy: strncpy\(\) bounds the copy, but leaves the destination without a terminating NUL when the source is as long as the bound; further calls not tracked \(32 in a row from known callers\)$' "$T/err"
assert_site "$T/err" risky_strncpy strncpy-loop
assert_count_at "$T/err" strncpy-loop 33

step "RX-LIB-001: strcpy is checked at every call: an overflow at the 100th call of a known site"
run_ok -- "$PROGS/risky_lib" late
assert_grep '^error RX-LIB-001 UnboundedStringCopy: strcpy\(\) writes 101 bytes into a stack buffer [0-9]+ bytes below the caller.s return address: it overwrites the return address \(CWE-121\)$' "$T/err"
assert_site "$T/err" risky_late_copy late
# the warning of the first 99 calls is raised to the error: one finding
assert_count_at "$T/err" late 100
assert_grep '^rxtrace: 1 error, 0 warnings, 0 notes in 1 process$' "$T/err"

step "RX-LIB-002 (experimental): gets()"
run_ok --rules=RX-LIB-002 -- "$PROGS/risky_lib" gets
assert_grep '^error RX-LIB-002 GetsCall: gets\(\) reads a line with no size limit: any longer input overflows the buffer$' "$T/err"
assert_grep '^    call: gets\(0x[0-9a-f]+\)$' "$T/err"
assert_site "$T/err" risky_gets gets
run_ok -- "$PROGS/risky_lib" gets
assert_content "$T/err" "rxtrace: no findings"
run_ok --rules=RX-LIB-002 -- "$PROGS/risky_lib" gets-ok
assert_content "$T/err" "rxtrace: no findings"

PRNG="DeterministicPrng: rand\\(\\) is a predictable generator: keys, tokens or nonces drawn from it can be guessed \\(CWE-338\\); what the values are used for is not visible here"
for p in risky_lib risky_lib_static; do
	NOPIE=
	[ $p = risky_lib ] || NOPIE=--disable=RX-MEM-006
	step "RX-LIB-004 ($p): srand(time(NULL)), then rand()"
	run_ok $NOPIE -- "$PROGS/$p" srand
	assert_grep '^warning RX-LIB-004 DeterministicPrng: srand\(\) seeds a predictable generator with the current time: anyone who knows roughly when it ran can reproduce the sequence \(CWE-337\)$' "$T/err"
	assert_grep '^    call: srand\([0-9]+\)$' "$T/err"
	assert_site "$T/err" risky_srand srand
	assert_grep "^warning RX-LIB-004 $PRNG\$" "$T/err"
	assert_site "$T/err" risky_srand srand-rand
	# rand() calls random() inside libc: not a finding of its own
	assert_no_grep 'random\(\)' "$T/err"
	assert_grep '^rxtrace: 0 errors, 2 warnings, 0 notes in 1 process$' "$T/err"
done

step "RX-LIB-004: rand() never seeded; getrandom() instead"
run_ok -- "$PROGS/risky_lib" rand
assert_grep '^warning RX-LIB-004 DeterministicPrng: rand\(\) draws from a generator that was never seeded: glibc starts it from seed 1, so every run gets the same sequence \(CWE-336\)$' "$T/err"
assert_site "$T/err" risky_rand rand
run_ok -- "$PROGS/risky_lib" rand-ok
assert_content "$T/err" "rxtrace: no findings"

step "threads: 4 threads copying at once, one finding, every call counted"
run_ok -- "$PROGS/risky_lib" threads
assert_count 1 '^warning RX-LIB-001 ' "$T/err"
assert_site "$T/err" thread_main thread
assert_grep '^    4000 times, pid [0-9]+, tids [0-9]+,[0-9]+,[0-9]+,[0-9]+, ' "$T/err"

step "fork: the child inherits the int3s, calls strcpy and exits 0"
run_ok -- "$PROGS/risky_lib" fork
assert_site "$T/err" risky_fork_child fork-child
assert_site "$T/err" risky_strcpy_a strcpy-a
assert_grep '^rxtrace: 0 errors, 2 warnings, 0 notes in 2 processes$' "$T/err"

step "sigtrap: the program's own SIGTRAPs (raise, int3) reach its handler"
run_ok -- "$PROGS/risky_lib" sigtrap
assert_grep '^trap handled 2$' "$T/out"
assert_site "$T/err" risky_strcpy_a strcpy-a
assert_site "$T/err" risky_strcpy_b strcpy-b

step "LD_BIND_NOW: for the command with breakpoints, and only then"
run_ok -- "$PROGS/risky_lib" bindnow
assert_grep '^LD_BIND_NOW=1$' "$T/out"
run_ok --rules=RX-PROC-012 -- "$PROGS/risky_lib" bindnow
assert_grep '^LD_BIND_NOW=unset$' "$T/out"
run_ok -e trace=none -- "$PROGS/risky_lib" bindnow
assert_grep '^LD_BIND_NOW=unset$' "$T/out"
# nothing planted: the program's int3 and SIGTRAP are its own in trace mode too
run_ok -e trace=none -- "$PROGS/risky_lib" sigtrap
assert_grep '^trap handled 2$' "$T/out"
assert_grep '^--- SIGTRAP \{si_signo=SIGTRAP, si_code=SI_KERNEL, si_addr=NULL\} ---$' "$T/err"
run_ok --rules=RX-PROC-012 -- "$PROGS/risky_lib" strcpy
assert_content "$T/err" "rxtrace: no findings"

step "-p: attach to a program calling strcpy, detach: no int3 is left"
rm -f "$T/loop.pid" "$T/loop.addr"
touch "$T/loop.hold"
spawn "$PROGS/risky_lib" loop "$T/loop.pid" "$T/loop.addr" "$T/loop.hold" \
	>"$T/loop.out" 2>&1
LPID=$SPAWNED
wait_until "the loop's pid file" test -s "$T/loop.pid"
[ "$(cat "$T/loop.pid")" = "$LPID" ] || fail "pid file does not hold $LPID"
ADDR=$(cat "$T/loop.addr")
entry_byte() {
	dd if="/proc/$LPID/mem" bs=1 skip="$ADDR" count=1 iflag=skip_bytes \
		2>/dev/null | od -An -tx1 | tr -d ' '
}
BEFORE=$(entry_byte)
[ -n "$BEFORE" ] && [ "$BEFORE" != cc ] || fail "strcpy's entry byte before the attach: '$BEFORE'"
spawn $DEFSIG "$RXTRACE" -p "$LPID" -o "$T/attach.txt" </dev/null >"$T/rx.out" 2>"$T/rx.err"
RXPID=$SPAWNED
planted() { [ "$(entry_byte)" = cc ]; }
wait_until "an int3 at strcpy's entry" planted
sleep 0.3
kill -TERM "$RXPID"
wait_pid "$RXPID" "rxtrace -p after SIGTERM"
[ "$WAIT_RC" -eq 0 ] || { show "$T/rx.err"; fail "rxtrace -p exited with $WAIT_RC"; }
AFTER=$(entry_byte)
[ "$AFTER" = "$BEFORE" ] || fail "strcpy's entry byte is '$AFTER' after the detach, was '$BEFORE'"
assert_running_untraced "$LPID" "the loop after the detach"
assert_grep "^warning RX-LIB-001 $COPY\$" "$T/attach.txt"
assert_site "$T/attach.txt" risky_loop loop
# it goes on calling strcpy, untraced, and ends as it would have
sleep 0.3
rm -f "$T/loop.hold"
wait_pid "$LPID" "the loop"
[ "$WAIT_RC" -eq 0 ] || { show "$T/loop.out"; fail "the loop exited with $WAIT_RC"; }
assert_content "$T/loop.out" "risky ok"

pass
