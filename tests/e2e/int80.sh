#!/bin/sh
# int80.sh - i386 (int $0x80) and x32 system calls made by a 64-bit
# process are trapped and shown under their own names (i386 getpid is
# number 20 = x86-64 writev, i386 write is 4 = x86-64 stat), with the
# mode-change notice; the filter (-e trace=...) selects them by name.
set -eu
# shellcheck source=tests/e2e/lib.sh
. "${TESTLIB:-$(dirname "$0")/lib.sh}"

need_prog int80

step "native run"
rc=0
"$PROGS/int80" >"$T/native" 2>"$T/native.err" || rc=$?
if [ "$rc" -eq 77 ]; then
	skip "the kernel has no IA-32 emulation (int \$0x80 faults)"
fi
[ "$rc" -eq 0 ] || { show "$T/native.err"; fail "int80 failed natively ($rc)"; }
assert_content "$T/native" "int80 ok" "int80 done"
if grep -q '^x32 getpid: ok$' "$T/native.err"; then
	X32=1
	echo "   (x32 syscalls supported by this kernel)"
else
	X32=0
	assert_grep '^x32 getpid: ENOSYS$' "$T/native.err"
	echo "   (x32 syscalls not supported by this kernel: ENOSYS)"
fi

RE_32='^\[ Process PID[ =][0-9]+ runs in 32 bit mode\. \]$'

step "-e trace=all: i386 getpid and write by name, program output intact"
rx_expect 0 "$T/out" "$T/err" -e trace=all -- "$PROGS/int80"
assert_content "$T/out" "int80 ok" "int80 done"
assert_grep "$RE_32" "$T/err" "the '[ Process PID N runs in 32 bit mode. ]' notice"
P=$(sed -nE 's/^\[ Process PID[ =]([0-9]+) runs in 32 bit mode\. \]$/\1/p' "$T/err" | head -n 1)
# the first call after the first 32-bit notice is the i386 getpid
sed -n "/runs in 32 bit mode/{n;p;q;}" "$T/err" >"$T/after32"
assert_grep "^getpid\(\) += $P\$" "$T/after32" "the i386 getpid right after the 32-bit notice"
assert_grep '^write\(1, "int80 ok\\n", 9\) += 9$' "$T/err" "the i386 write"
assert_grep '^write\(1, "int80 done\\n", 11\) += 11$' "$T/err" "the 64-bit write"
assert_no_grep '^writev\(' "$T/err" "i386 getpid (20) decoded as x86-64 writev"
assert_no_grep '^stat\(' "$T/err" "i386 write (4) decoded as x86-64 stat"
assert_grep '^\[ Process PID[ =][0-9]+ runs in 64 bit mode\. \]$' "$T/err" \
	"the notice of going back to 64 bit mode"
# 4 getpid calls: i386, native (check), x32, native (check)
assert_count 4 '^getpid\(\) += ' "$T/err" "expected 4 getpid calls (i386, 64-bit, x32, 64-bit)"
if [ "$X32" -eq 1 ]; then
	assert_count 0 '^getpid\(\) += -1 ENOSYS' "$T/err"
else
	assert_count 1 '^getpid\(\) += -1 ENOSYS \(Function not implemented\)$' "$T/err" \
		"the x32 getpid failing with ENOSYS"
fi
assert_grep '^\+\+\+ exited with 0 \+\+\+$' "$T/err"

step "-e trace=write: the i386 write is selected by name, nothing else"
rx_expect 0 "$T/out" "$T/err" -e trace=write -- "$PROGS/int80"
assert_content "$T/out" "int80 ok" "int80 done"
assert_grep '^write\(1, "int80 ok\\n", 9\) += 9$' "$T/err" "the i386 write selected by -e trace=write"
assert_grep '^write\(1, "int80 done\\n", 11\) += 11$' "$T/err"
names=$(syscall_names "$T/err" | tr '\n' ' ')
[ "$names" = "write " ] || { show "$T/err"; fail "-e trace=write printed: $names"; }

step "-e trace=getpid: all four getpid calls (i386, x86-64, x32), no write"
rx_expect 0 "$T/out" "$T/err" -e trace=getpid -- "$PROGS/int80"
assert_content "$T/out" "int80 ok" "int80 done"
assert_count 4 '^getpid\(\) += ' "$T/err" "getpid calls of all three ABIs"
names=$(syscall_names "$T/err" | tr '\n' ' ')
[ "$names" = "getpid " ] || { show "$T/err"; fail "-e trace=getpid printed: $names"; }

step "-e trace=writev,stat: the i386 calls must not match the x86-64 numbers"
rx_expect 0 "$T/out" "$T/err" -e trace=writev,stat -- "$PROGS/int80"
assert_content "$T/out" "int80 ok" "int80 done"
assert_no_grep "${RE_PFX}(writev|stat)\(" "$T/err" "i386 calls selected by their x86-64 numbers"

step "-c counts the i386 calls under their names"
rx_expect 0 "$T/out" "$T/err" -c -e trace=getpid,write -- "$PROGS/int80"
assert_content "$T/out" "int80 ok" "int80 done"
# (one table, or one per ABI like strace: the rows are added up)
c=$(summary_calls "$T/err" getpid)
[ "$c" -eq 4 ] || { show "$T/err"; fail "-c: $c getpid calls counted, expected 4"; }
c=$(summary_calls "$T/err" write)
[ "$c" -eq 3 ] || { show "$T/err"; fail "-c: $c write calls counted, expected 3"; }
e=$(summary_errors "$T/err" getpid)
[ "$e" -eq $((1 - X32)) ] || { show "$T/err"; fail "-c: $e getpid errors counted, expected $((1 - X32))"; }

no_stopped_tracees
pass
