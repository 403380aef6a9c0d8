#!/bin/sh
# stacks.sh - -k: the stack printed after each traced call. Known call
# chains (tests/progs/stack*.c) must come out frame by frame, innermost
# first, with function names, source lines (found through the LINE:
# markers of the sources, never hard-coded) and the right modules: PIE,
# non-PIE, static and stripped twins, frame pointers without CFI, no
# unwind information at all, threads, a dlopen()ed library, execve, C++
# names, inlined frames, --stack-depth, --source-lines, and -p.
set -eu
# shellcheck source=tests/e2e/lib.sh
. "${TESTLIB:-$(dirname "$0")/lib.sh}"

need_prog stackchain stackchain-stripped stackchain-nopie stackchain-static \
	stackchain-fp stackchain-nocfi stackinline stackexec stackcxx \
	stackdl_main libstackdl.so
HEX='0x[0-9a-f]+'


# stack_after ERE FILE: the frame lines (" > ...") that follow the first
# line matching ERE.
stack_after() {
	awk -v re="$1" 'found && /^ > / { print; next } found { exit }
		$0 ~ re { found = 1 }' "$2"
}

# assert_frames STACKFILE ERE...: the stack starts with frames matching
# the EREs, in this order, one frame each.
assert_frames() {
	_sf=$1
	shift
	_i=0
	for _re in "$@"; do
		_i=$((_i + 1))
		_line=$(sed -n "${_i}p" "$_sf")
		if ! printf '%s\n' "$_line" | grep -Eq -e "$_re"; then
			show "$_sf"
			fail "frame $_i is '$_line', expected it to match: $_re"
		fi
	done
}

# frame MODULE FUNC [FILE LINE]: the ERE of one frame line; MODULE is the
# file's base name; FILE:LINE is required when given, absent otherwise.
frame() {
	_re="^ > (/[^ ]*/)?$(re_quote "$1")\\($(re_quote "$2")\\+$HEX\\) \\[$HEX\\]"
	if [ $# -ge 4 ]; then
		_re="$_re [^ ]*$(re_quote "$3"):$4\$"
	else
		_re="$_re\$"
	fi
	echo "$_re"
}
LIBC_ANY="^ > /[^ ]*/libc\\.so\\.6\\(([_a-z0-9]+\\+$HEX)?\\) \\[$HEX\\]\$"
LIBC_OPEN="^ > /[^ ]*/libc\\.so\\.6\\([_a-z0-9]*open[_a-z0-9]*\\+$HEX\\) \\[$HEX\\]\$"

# check_addr2line STACKFILE N MODULE FUNC LINE: the [address] of frame N,
# a return address, is what addr2line takes: the byte before it is in
# FUNC at LINE.
check_addr2line() {
	command -v addr2line >/dev/null || return 0
	_a=$(sed -n "${2}p" "$1" | sed -E 's/.*\[(0x[0-9a-f]+)\].*/\1/')
	_r=$(addr2line -f -e "$3" "$(printf '%#x' $((_a - 1)))" | tr '\n' ' ')
	case "$_r" in
	"$4 "*":$5 "*) ;;
	*) show "$1"; fail "addr2line -e $3 on frame $2 ($_a - 1): '$_r', expected $4 at line $5" ;;
	esac
}

L3=$(marker_line level3-call stackchain.c)
L2=$(marker_line level2-call stackchain.c)
L1=$(marker_line level1-call stackchain.c)
LM=$(marker_line main-call stackchain.c)
OPEN_NULL='openat\(AT_FDCWD, "/dev/null", O_RDONLY\) += 3$'

step "a known chain, innermost first: libc, level3, level2, level1, main, start code"
rx_expect 0 "$T/out" "$T/err" -k -e trace=openat -- "$PROGS/stackchain"
assert_content "$T/out" "stackchain ok"
stack_after "^$OPEN_NULL" "$T/err" >"$T/st"
assert_frames "$T/st" "$LIBC_OPEN" \
	"$(frame stackchain level3 stackchain.c "$L3")" \
	"$(frame stackchain level2 stackchain.c "$L2")" \
	"$(frame stackchain level1 stackchain.c "$L1")" \
	"$(frame stackchain main stackchain.c "$LM")"
# the walk ends in the program's own _start, the outermost frame
assert_grep "$(frame stackchain _start)" "$T/st"
[ "$(tail -n 1 "$T/st" | grep -c '(_start+')" -eq 1 ] || { show "$T/st"; fail "the stack does not end in _start"; }
# the module offset of a frame is where nm puts the function, plus its offset
if command -v nm >/dev/null; then
	_sym=$(nm "$PROGS/stackchain" | awk '$3 == "level3" { print $1 }')
	_f=$(sed -n 2p "$T/st")
	_off=$(printf '%s\n' "$_f" | sed -E 's/.*level3\+(0x[0-9a-f]+)\) \[(0x[0-9a-f]+)\].*/\1 \2/')
	[ $((0x$_sym + ${_off% *})) -eq $((${_off#* })) ] ||
		fail "level3 frame '$_f': offset does not add up with nm's level3 at 0x$_sym"
fi
check_addr2line "$T/st" 2 "$PROGS/stackchain" level3 "$L3"
# every call of the program gets its stack: the close after the openat too
rx_expect 0 "$T/out" "$T/err2" -k -e trace=close -- "$PROGS/stackchain"
stack_after '^close\(3\) += 0$' "$T/err2" >/dev/null
assert_grep "$(frame stackchain level3 stackchain.c "$((L3 + 2))")" "$T/err2"

step "-k alone traces every call; the program's stdout stays clean"
rx_expect 0 "$T/out" "$T/err" -k -- "$PROGS/stackchain"
assert_content "$T/out" "stackchain ok"
assert_grep '^execve\(' "$T/err"
assert_grep '^write\(1, "stackchain ok\\n", 14\) += 14$' "$T/err"
stack_after '^write\(1, "stackchain ok' "$T/err" >"$T/st"
# stdout is a file: the buffered line is written by exit()
assert_grep "^ > /[^ ]*/libc\\.so\\.6\\(exit\\+$HEX\\) \\[$HEX\\]\$" "$T/st"

step "--source-lines=none: functions and offsets, no files or lines"
rx_expect 0 "$T/out" "$T/err" -k --source-lines=none -e trace=openat -- "$PROGS/stackchain"
stack_after "^$OPEN_NULL" "$T/err" >"$T/st"
assert_frames "$T/st" "$LIBC_OPEN" "$(frame stackchain level3)" \
	"$(frame stackchain level2)" "$(frame stackchain level1)" "$(frame stackchain main)"
assert_no_grep '\.c:[0-9]+' "$T/st" "source lines printed with --source-lines=none"

step "--source-lines=program (the default): no lines for system libraries"
rx_expect 0 "$T/out" "$T/err" -k -e trace=openat -- "$PROGS/stackchain"
assert_no_grep '^ > /[^ ]*/libc\.so\.6\(.*:[0-9]+$' "$T/err" "a libc frame has a source line"
rx_expect 0 "$T/out" "$T/err" -k --source-lines=all -e trace=openat -- "$PROGS/stackchain"
stack_after "^$OPEN_NULL" "$T/err" >"$T/st"
assert_frames "$T/st" "^ > /[^ ]*/libc\\.so\\.6\\(" \
	"$(frame stackchain level3 stackchain.c "$L3")"

step "--stack-depth: the stack is cut and says so"
rx_expect 0 "$T/out" "$T/err" -k --stack-depth=3 -e trace=openat -- "$PROGS/stackchain"
stack_after "^$OPEN_NULL" "$T/err" >"$T/st"
assert_frames "$T/st" "$LIBC_OPEN" "$(frame stackchain level3 stackchain.c "$L3")" \
	"$(frame stackchain level2 stackchain.c "$L2")" \
	'^ > \.\.\. \(stack truncated at 3 frames\)$'
assert_count 4 '^ > ' "$T/st"

step "stripped twin: module and offset, the same offsets as the original"
rx_expect 0 "$T/out" "$T/err" -k -e trace=openat -- "$PROGS/stackchain-stripped"
assert_content "$T/out" "stackchain ok"
stack_after "^$OPEN_NULL" "$T/err" >"$T/st"
assert_frames "$T/st" "$LIBC_OPEN" \
	"^ > /[^ ]*/stackchain-stripped\\(\\) \\[$HEX\\]\$" \
	"^ > /[^ ]*/stackchain-stripped\\(\\) \\[$HEX\\]\$" \
	"^ > /[^ ]*/stackchain-stripped\\(\\) \\[$HEX\\]\$" \
	"^ > /[^ ]*/stackchain-stripped\\(\\) \\[$HEX\\]\$"
assert_no_grep 'level[123]' "$T/st" "names in a stripped binary's frames"
# the same code as stackchain's: the same module offsets, frame by frame
offsets() { sed -n '2,5s/.*\[\(0x[0-9a-f]*\)\].*/\1/p' "$1"; }
offsets "$T/st" >"$T/off.stripped"
rx_expect 0 "$T/out" "$T/err" -k -e trace=openat -- "$PROGS/stackchain"
stack_after "^$OPEN_NULL" "$T/err" >"$T/st"
offsets "$T/st" >"$T/off.full"
[ "$(wc -l <"$T/off.full")" -eq 4 ] || { show "$T/st"; fail "no 4 offsets in stackchain's stack"; }
cmp -s "$T/off.full" "$T/off.stripped" ||
	{ show "$T/off.full"; show "$T/off.stripped"; fail "the stripped twin's offsets differ"; }

step "non-PIE and static twins"
for v in nopie static; do
	rx_expect 0 "$T/out" "$T/err" -k -e trace=openat -- "$PROGS/stackchain-$v"
	assert_content "$T/out" "stackchain ok"
	stack_after "^$OPEN_NULL" "$T/err" >"$T/st"
	if [ $v = static ]; then
		# libc is part of the program: its wrapper comes from .symtab
		_top="^ > /[^ ]*/stackchain-static\\([_a-z0-9]*open[_a-z0-9]*\\+$HEX\\) \\[$HEX\\]\$"
	else
		_top=$LIBC_OPEN
	fi
	assert_frames "$T/st" "$_top" \
		"$(frame "stackchain-$v" level3 stackchain.c "$L3")" \
		"$(frame "stackchain-$v" level2 stackchain.c "$L2")" \
		"$(frame "stackchain-$v" level1 stackchain.c "$L1")" \
		"$(frame "stackchain-$v" main stackchain.c "$LM")"
	check_addr2line "$T/st" 2 "$PROGS/stackchain-$v" level3 "$L3"
done

step "no CFI, frame pointers: the frames found by the heuristic say so"
rx_expect 0 "$T/out" "$T/err" -k -e trace=openat -- "$PROGS/stackchain-fp"
stack_after "^$OPEN_NULL" "$T/err" >"$T/st"
assert_frames "$T/st" "$LIBC_OPEN" \
	"$(frame stackchain-fp level3)" \
	"^ > /[^ ]*/stackchain-fp\\(level2\\+$HEX\\) \\[$HEX\\] \\(frame pointer\\)\$" \
	"^ > /[^ ]*/stackchain-fp\\(level1\\+$HEX\\) \\[$HEX\\] \\(frame pointer\\)\$" \
	"^ > /[^ ]*/stackchain-fp\\(main\\+$HEX\\) \\[$HEX\\] \\(frame pointer\\)\$"

step "no CFI and no frame pointers: the stack stops and says so, no guessing"
rx_expect 0 "$T/out" "$T/err" -k -e trace=openat -- "$PROGS/stackchain-nocfi"
stack_after "^$OPEN_NULL" "$T/err" >"$T/st"
assert_frames "$T/st" "$LIBC_OPEN" "$(frame stackchain-nocfi level3)" \
	'^ > \.\.\. \(no unwind information beyond this frame\)$'
assert_no_grep '\((level[12]|main)\+' "$T/st" "frames guessed without CFI or frame pointers"

step "threads: each thread's own stack, from start_thread, without main"
rx_expect 0 "$T/out" "$T/err" -k -e trace=openat -- "$PROGS/stackchain" threads
assert_content "$T/out" "stackchain ok"
TL2=$(marker_line t_level2-call stackchain.c)
TL1=$(marker_line t_level1-call stackchain.c)
TF=$(marker_line thread_fn-call stackchain.c)
# each stack follows the line that completes the call
n=0
grep -En "$(frame stackchain t_level2 stackchain.c "$TL2")" "$T/err" | cut -d: -f1 >"$T/t2lines"
[ "$(wc -l <"$T/t2lines")" -eq 3 ] || { show "$T/err"; fail "expected 3 thread stacks through t_level2"; }
while read -r ln; do
	n=$((n + 1))
	sed -n "$((ln - 1)),$((ln + 4))p" "$T/err" >"$T/st"
	assert_frames "$T/st" "$LIBC_OPEN" \
		"$(frame stackchain t_level2 stackchain.c "$TL2")" \
		"$(frame stackchain t_level1 stackchain.c "$TL1")" \
		"$(frame stackchain thread_fn stackchain.c "$TF")" \
		"$LIBC_ANY"
	# the thread's stack is its own: it ends in libc (start_thread and
	# clone3, named when libc's debug symbols are installed), not main
	sed -n "$((ln + 4)),\$p" "$T/err" | awk '!/^ > / { exit } { print }' >"$T/rest"
	assert_no_grep '\(main\+' "$T/rest" "thread stack $n runs into main"
	[ -s "$T/rest" ] || fail "thread stack $n ends in thread_fn"
	if grep -Evq -e "$LIBC_ANY" "$T/rest"; then
		show "$T/rest"
		fail "thread stack $n: a frame below start_thread outside libc"
	fi
done <"$T/t2lines"

step "a dlopen()ed library: its frames, then the program's"
rx_expect 0 "$T/out" "$T/err" -k -e trace=openat -- "$PROGS/stackdl_main" "$PROGS/libstackdl.so"
assert_content "$T/out" "stackdl ok"
stack_after "^$OPEN_NULL" "$T/err" >"$T/st"
assert_frames "$T/st" "$LIBC_OPEN" \
	"$(frame libstackdl.so dl_inner stackdl_lib.c "$(marker_line dl_inner-call stackdl_lib.c)")" \
	"$(frame libstackdl.so dl_entry stackdl_lib.c "$(marker_line dl_entry-call stackdl_lib.c)")" \
	"$(frame stackdl_main main stackdl_main.c "$(marker_line main-call stackdl_main.c)")"

step "-k stops the program on each change of executable mappings, and only then"
# the extra stops of -k are exactly its mmap/mprotect with PROT_EXEC,
# munmap and mremap calls, counted by strace
if [ -n "$STRACE" ] && [ -x "$STRACE" ]; then
	_stops() {
		rx_expect 0 "$T/out" "$T/err" --stats "$@" -e trace=openat -o /dev/null -- \
			"$PROGS/stackdl_main" "$PROGS/libstackdl.so"
		sed -n 's/^rxtrace: stats: \([0-9]*\) stops.*/\1/p' "$T/err"
	}
	plain=$(_stops)
	with_k=$(_stops -k)
	"$STRACE" -f -qq -e trace=mmap,mprotect,munmap,mremap -o "$T/maps" \
		"$PROGS/stackdl_main" "$PROGS/libstackdl.so" >/dev/null
	nmaps=$(grep -Ec 'PROT_EXEC|^[0-9 ]*(munmap|mremap)\(' "$T/maps")
	[ "$nmaps" -gt 0 ] || { show "$T/maps"; fail "strace saw no executable mapping change"; }
	[ $((with_k - plain)) -eq "$nmaps" ] || { show "$T/maps"; fail "-k added $((with_k - plain)) stops (from $plain), expected $nmaps"; }
else
	echo "   (strace not found: stop count not checked)"
fi

step "execve: the stacks before are the old image's, after it the new image's"
rx_expect 0 "$T/out" "$T/err" -k -e trace=openat -- "$PROGS/stackexec"
assert_content "$T/out" "stackexec ok"
stack_after '^openat\(AT_FDCWD, "/dev/zero", O_RDONLY\) += 3$' "$T/err" >"$T/st"
assert_frames "$T/st" "$LIBC_OPEN" \
	"$(frame stackexec exec_parent_fn stackexec.c "$(marker_line exec_parent_fn-open stackexec.c)")" \
	"$(frame stackexec main stackexec.c "$(marker_line main-parent-call stackexec.c)")"
stack_after "^$OPEN_NULL" "$T/err" >"$T/st"
assert_frames "$T/st" "$LIBC_OPEN" \
	"$(frame stackexec exec_child_fn stackexec.c "$(marker_line exec_child_fn-call stackexec.c)")" \
	"$(frame stackexec main stackexec.c "$(marker_line main-call stackexec.c)")"
assert_no_grep exec_parent_fn "$T/st" "the new image's stack shows the old image"

step "C++: demangled names"
rx_expect 0 "$T/out" "$T/err" -k -e trace=openat -- "$PROGS/stackcxx"
assert_content "$T/out" "stackcxx ok"
stack_after "^$OPEN_NULL" "$T/err" >"$T/st"
assert_frames "$T/st" "$LIBC_OPEN" \
	"$(frame stackcxx 'rxt::Widget::open_it()' stackcxx.cc "$(marker_line open_it-call stackcxx.cc)")" \
	"$(frame stackcxx main stackcxx.cc "$(marker_line main-call stackcxx.cc)")"
stack_after '^openat\(AT_FDCWD, "/dev/zero", O_RDONLY\) += 3$' "$T/err" >"$T/st"
assert_frames "$T/st" "$LIBC_OPEN" \
	"$(frame stackcxx 'int rxt::open_as<int>(int)' stackcxx.cc "$(marker_line open_as-call stackcxx.cc)")" \
	"$(frame stackcxx main stackcxx.cc "$(marker_line main-tmpl-call stackcxx.cc)")"
assert_no_grep '_ZN' "$T/err" "a mangled name was printed"

step "inlined frames: the inlined function, then the function it is in, at one pc"
rx_expect 0 "$T/out" "$T/err" -k -e trace=openat -- "$PROGS/stackinline"
assert_content "$T/out" "stackinline ok"
stack_after "^$OPEN_NULL" "$T/err" >"$T/st"
assert_frames "$T/st" "$LIBC_OPEN" \
	"^ > /[^ ]*/stackinline\\(inl_open\\) \\[$HEX\\] [^ ]*stackinline\\.c:$(marker_line inl_open-call stackinline.c) \\(inlined into outer\\)\$" \
	"$(frame stackinline outer stackinline.c "$(marker_line outer-call stackinline.c)")" \
	"$(frame stackinline main stackinline.c "$(marker_line main-call stackinline.c)")"
pc1=$(sed -n 2p "$T/st" | sed -E 's/.*\[(0x[0-9a-f]+)\].*/\1/')
pc2=$(sed -n 3p "$T/st" | sed -E 's/.*\[(0x[0-9a-f]+)\].*/\1/')
[ "$pc1" = "$pc2" ] || fail "inlined frame at $pc1, its caller at $pc2: expected one pc"
rx_expect 0 "$T/out" "$T/err" -k --source-lines=none -e trace=openat -- "$PROGS/stackinline"
assert_no_grep 'inl_open' "$T/err" "inlined frames without source lines"

step "-p: stacks of an attached process, which runs on after the detach"
spawn "$PROGS/stackchain" loop 500 >"$T/loop.out" 2>&1
LPID=$SPAWNED
spawn $DEFSIG "$RXTRACE" -k -e trace=openat -o "$T/attach" -p "$LPID" </dev/null \
	>"$T/rx.out" 2>"$T/rx.err"
RXPID=$SPAWNED
_have_stack() { grep -Eq "$(frame stackchain level1 stackchain.c "$L1")" "$T/attach" 2>/dev/null; }
wait_until "a stack of the attached process" _have_stack
kill -INT "$RXPID"
wait_pid "$RXPID" "rxtrace -p"
[ "$WAIT_RC" -eq 0 ] || { show "$T/rx.err"; fail "rxtrace -p exited with $WAIT_RC after SIGINT"; }
assert_grep "$(frame stackchain main stackchain.c "$(marker_line main-loop-call stackchain.c)")" "$T/attach"
wait_pid "$LPID" "the detached stackchain"
[ "$WAIT_RC" -eq 0 ] || { show "$T/loop.out"; fail "the detached process exited with $WAIT_RC"; }
assert_content "$T/loop.out" "stackchain ok"

step "bad stack options: one line, status 125"
for bad in "--stack-depth=0" "--stack-depth=257" "--stack-depth=x" "--source-lines=some"; do
	rx_expect 125 "$T/out" "$T/err" -k "$bad" -- "$PROGS/stackchain"
	[ "$(wc -l <"$T/err")" -le 2 ] || { show "$T/err"; fail "$bad: more than an error and a hint"; }
	assert_grep '^rxtrace: invalid ' "$T/err"
	assert_empty "$T/out"
done
rx_expect 125 "$T/out" "$T/err" -k -c -- "$PROGS/stackchain"
assert_grep '^rxtrace: -k prints stacks after trace lines' "$T/err"

pass
