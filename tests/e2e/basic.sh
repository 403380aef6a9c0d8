#!/bin/sh
# basic.sh - trace line format and the output options: openat lines and
# return values, " = " alignment, -s, -y, -t/-tt/-ttt, -T, -o, and the
# traced program's stdout staying clean (trace lines go to stderr).
set -eu
# shellcheck source=tests/e2e/lib.sh
. "${TESTLIB:-$(dirname "$0")/lib.sh}"

need_prog fileops
D=$T/d
mkdir "$D"
A=$D/sub/a.txt
QA=$(re_quote "$A")
QOUT=$(re_quote "$T/out")
PAYLOAD='fileops payload 0123456789abcdefghijklmnopqrstuvwxyz'

step "trace mode: openat lines and return values, on stderr"
rx_expect 0 "$T/out" "$T/err" -e trace=openat,write,close -- "$PROGS/fileops" "$D"
assert_content "$T/out" "fileops ok"
assert_grep "^openat\(AT_FDCWD, \"$QA\", O_WRONLY\|O_CREAT\|O_TRUNC, 0644\) += 3\$" "$T/err"
assert_grep "^openat\(AT_FDCWD, \"$QA\", O_RDONLY\) += 3\$" "$T/err"
# fileops closes each of its two opens of a.txt; the loader adds more
[ "$(count_grep '^close\(3\) += 0$' "$T/err")" -ge 2 ] ||
	fail "fewer than 2 close(3) lines"
assert_grep '^write\(1, "fileops ok\\n", 11\) += 11$' "$T/err"
assert_grep '^\+\+\+ exited with 0 \+\+\+$' "$T/err"
assert_no_grep '^(mkdir|rename|unlink|rmdir|chmod|read|newfstatat)\(' "$T/err" \
	"syscalls outside -e trace=openat,write,close were printed"
assert_no_grep '^\[pid ' "$T/err" "[pid N] prefix with a single task"

step "\" = \" is aligned at column 40, like strace"
# "close(3)" is 8 characters: 32 spaces bring "=" to column 40
assert_grep '^close\(3\) {32}= 0$' "$T/err" "close(3) line not padded to column 40"
# a line longer than 40 characters gets a single space
assert_grep "^openat\(AT_FDCWD, \"$QA\", O_RDONLY\) = 3\$" "$T/err"

step "failing calls: -1 ERRNO (message)"
# fileops fails (exit 1) when DIR is missing: the status is passed through
rx_expect 1 "$T/out" "$T/err" -e trace=mkdir -- "$PROGS/fileops" "$D/nonexistent"
assert_grep "^mkdir\(\"$(re_quote "$D/nonexistent/sub")\", 0755\) += -1 ENOENT \(No such file or directory\)\$" "$T/err"
assert_grep '^\+\+\+ exited with 1 \+\+\+$' "$T/err"

step "-s: string limit (default 32), file names always in full"
rx_expect 0 "$T/out" "$T/err" -e trace=write -- "$PROGS/fileops" "$D"
assert_grep '^write\(3, "fileops payload 0123456789abcdef"\.\.\., 53\) += 53$' "$T/err" \
	"default -s 32 truncation"
rx_expect 0 "$T/out" "$T/err" -s 5 -e trace=openat,write -- "$PROGS/fileops" "$D"
assert_grep '^write\(3, "fileo"\.\.\., 53\) += 53$' "$T/err" "-s 5 truncation"
assert_grep "^openat\(AT_FDCWD, \"$QA\", O_RDONLY\) += 3\$" "$T/err" \
	"-s 5 must not truncate file names"
rx_expect 0 "$T/out" "$T/err" -s 100 -e trace=write -- "$PROGS/fileops" "$D"
assert_grep "^write\(3, \"$PAYLOAD\\\\n\", 53\) += 53\$" "$T/err" "-s 100: whole buffer, no ..."
rx_expect 0 "$T/out" "$T/err" -s 53 -e trace=write -- "$PROGS/fileops" "$D"
assert_grep "^write\(3, \"$PAYLOAD\\\\n\", 53\) += 53\$" "$T/err" "-s 53: exactly the buffer, no ..."
rx_expect 0 "$T/out" "$T/err" -s 52 -e trace=write -- "$PROGS/fileops" "$D"
assert_grep "^write\(3, \"$PAYLOAD\"\.\.\., 53\) += 53\$" "$T/err" "-s 52: all but the newline, then ..."
assert_content "$T/out" "fileops ok"

step "-y: paths behind descriptors"
rx_expect 0 "$T/out" "$T/err" -y -e trace=openat,write,close -- "$PROGS/fileops" "$D"
assert_grep "^openat\(AT_FDCWD(<[^>]*>)?, \"$QA\", O_RDONLY\) += 3<$QA>\$" "$T/err" \
	"-y: openat's returned descriptor with its path"
assert_grep "^write\(3<$QA>, \"fileops payload" "$T/err"
assert_grep "^close\(3<$QA>\) += 0\$" "$T/err"
assert_grep "^write\(1<$QOUT>, \"fileops ok\\\\n\", 11\) += 11\$" "$T/err" \
	"-y: stdout (a file) shown with its path"
assert_content "$T/out" "fileops ok"

step "-t, -tt, -ttt: time of day prefixes"
rx_expect 0 "$T/out" "$T/err" -t -e trace=openat -- "$PROGS/fileops" "$D"
assert_grep '^[0-2][0-9]:[0-5][0-9]:[0-6][0-9] openat\(AT_FDCWD, ' "$T/err" "-t format"
assert_no_grep '^openat\(' "$T/err" "-t: a line without timestamp"
assert_no_grep '^[0-9:]+\.[0-9]' "$T/err" "-t must not print microseconds"
rx_expect 0 "$T/out" "$T/err" -tt -e trace=openat -- "$PROGS/fileops" "$D"
assert_grep '^[0-2][0-9]:[0-5][0-9]:[0-6][0-9]\.[0-9]{6} openat\(AT_FDCWD, ' "$T/err" "-tt format"
assert_no_grep '^openat\(' "$T/err" "-tt: a line without timestamp"
before=$(date +%s)
rx_expect 0 "$T/out" "$T/err" -ttt -e trace=openat -- "$PROGS/fileops" "$D"
after=$(date +%s)
assert_grep '^[0-9]{9,}\.[0-9]{6} openat\(AT_FDCWD, ' "$T/err" "-ttt format"
assert_no_grep '^openat\(' "$T/err" "-ttt: a line without timestamp"
ts=$(sed -nE 's/^([0-9]+)\.[0-9]{6} openat\(.*/\1/p' "$T/err" | head -n 1)
[ "$ts" -ge $((before - 1)) ] && [ "$ts" -le $((after + 1)) ] ||
	fail "-ttt: epoch seconds $ts outside the run ($before..$after)"

step "-T: time spent in the call"
rx_expect 0 "$T/out" "$T/err" -T -e trace=openat -- "$PROGS/fileops" "$D"
assert_grep "^openat\(AT_FDCWD, \"$QA\", O_RDONLY\) += 3 <[0-9]+\.[0-9]{6}>\$" "$T/err" "-T format"
n=$(count_grep '^openat\(' "$T/err")
[ "$n" -gt 0 ] && [ "$(count_grep '^openat\(.* <[0-9]+\.[0-9]{6}>$' "$T/err")" -eq "$n" ] ||
	fail "-T: an openat line without <time>"
rx_expect 0 "$T/out" "$T/err" -tt -T -e trace=openat -- "$PROGS/fileops" "$D"
assert_grep "^[0-9:]{8}\.[0-9]{6} openat\(AT_FDCWD, \"$QA\", O_RDONLY\) += 3 <[0-9]+\.[0-9]{6}>\$" \
	"$T/err" "-tt -T together"

step "-o FILE: lines go to FILE, each starting with the pid"
rx_expect 0 "$T/out" "$T/err" -o "$T/trace" -e trace=openat,close -- "$PROGS/fileops" "$D"
assert_content "$T/out" "fileops ok"
assert_empty "$T/err" "with -o, nothing may go to stderr"
assert_grep "^[0-9]+ +openat\(AT_FDCWD, \"$QA\", O_RDONLY\) += 3\$" "$T/trace"
assert_grep '^[0-9]+ +\+\+\+ exited with 0 \+\+\+$' "$T/trace"
assert_no_grep '^[^0-9]' "$T/trace" "-o: a line not starting with the pid"
# alignment counts the pid prefix too, as in strace: "=" in column 40
assert_grep '^[0-9]+ +close\(3\) += 0$' "$T/trace"
bad=$(awk '/^[0-9]+ +close\(3\) +=/ && index($0, "= ") != 41' "$T/trace")
[ -z "$bad" ] || { echo "$bad"; fail "-o: close(3) line with \" = \" not at column 40"; }
n=$(pids_of . "$T/trace" | wc -l)
[ "$n" -eq 1 ] || fail "-o: expected one pid for a single process, found $n"
# -o truncates an existing file
echo "stale line" >"$T/trace"
rx_expect 0 "$T/out" "$T/err" -o "$T/trace" -e trace=openat -- "$PROGS/fileops" "$D"
assert_no_grep 'stale line' "$T/trace" "-o appended to an existing file"

step "findings mode (no -e/-c/-C): no trace lines, program output intact"
rx_expect 0 "$T/out" "$T/err" -- "$PROGS/fileops" "$D"
assert_content "$T/out" "fileops ok"
assert_no_grep "${RE_PFX}[a-z_0-9]+\(.*\) += " "$T/err" "trace lines without -e"
assert_no_grep '\+\+\+ exited' "$T/err" "trace lines without -e"

step "-f is accepted; the command's own options stay its own"
rx_expect 0 "$T/out" "$T/err" -f -e trace=none -- /bin/sh -c 'echo hi; exit 0'
assert_content "$T/out" "hi"
assert_no_grep 'calls +errors' "$T/err" "the command's -c was taken as rxtrace's"
rx_expect 3 "$T/out" "$T/err" -e trace=none -- /bin/sh -c 'exit 3' -c -C -s x
assert_no_grep 'calls +errors' "$T/err"

ls -A "$D" >"$T/left"
assert_empty "$T/left" "fileops left files behind"
pass
