#!/bin/sh
# rules_evasion.sh - the evasion rules: each way around a syscall monitor
# in tests/progs/risky_evasion.c is a finding with the exact line and the
# call site in the program's own code, and its benign twin (MODE-ok) is
# not; a CLONE_UNTRACED child stays traced.
set -eu
# shellcheck source=tests/e2e/lib.sh
. "${TESTLIB:-$(dirname "$0")/lib.sh}"

rules_prog risky_evasion
RES='(succeeded|failed \([A-Z0-9]+\))'

E=RX-PROC-013
N=SyscallAbiSwitch
MISS='filters and monitors that expect x86-64 numbers miss or misread it'
step "$E: an i386 call through int 0x80 from a 64-bit program"
rc=0
"$P" int80 >"$T/native" 2>&1 || rc=$?
if [ "$rc" -eq 77 ]; then
	echo "   (no IA-32 emulation: int 0x80 faults, not tested)"
else
	[ "$rc" -eq 0 ] || { show "$T/native"; fail "risky_evasion int80 failed natively ($rc)"; }
	run int80
	assert_line "$T/err" error $E $N "i386 system call 20 \\(getpid\\) through int 0x80 from a 64-bit program: $MISS"
	assert_grep '^    call: getpid\(\)$' "$T/err"
	assert_site "$T/err" risky_int80 int80-call
	assert_grep '^rxtrace: 1 error, 0 warnings, 0 notes in 1 process$' "$T/err"
	run int80-ok
	no_findings
fi

step "$E: int 0x80 is the native entry of a 32-bit program: no finding"
TOP=$(cd "$(dirname "$TESTLIB")/../.." && pwd)
if ${CC:-cc} -m32 -nostdlib -static -o "$T/abi32" "$TOP/tests/progs/abi32.S" \
	2>"$T/cc.err" && "$T/abi32" >"$T/native" 2>&1; then
	rx_expect 0 "$T/out" "$T/err" -- "$T/abi32"
	assert_content "$T/out" "abi32 ok"
	no_findings
else
	echo "   (no 32-bit build or run: not tested)"
fi

step "$E: an x32 call from a 64-bit program (ENOSYS without x32 counts too)"
run x32
assert_line "$T/err" error $E $N "x32 system call 39 \\(getpid\\) with the x32 bit \\(0x40000000\\) from a 64-bit program: $MISS"
assert_site "$T/err" risky_x32 x32-call
assert_grep '^rxtrace: 1 error, 0 warnings, 0 notes in 1 process$' "$T/err"
run x32-ok
no_findings
# --disable: the rule's calls are not even handed on
run x32 --disable=$E
no_findings

E=RX-PROC-014
N=UntracedClone
UNFOLLOWED='creates a child that tracers and debuggers do not follow'
step "$E: clone with CLONE_UNTRACED; the child stays traced"
run untraced
assert_line "$T/err" error $E $N "clone with CLONE_UNTRACED $UNFOLLOWED; rxtrace clears the flag, so the child stays traced"
assert_grep '^    call: clone\(CLONE_UNTRACED\|SIGCHLD, ' "$T/err"
assert_site "$T/err" risky_untraced untraced-call
assert_grep '^rxtrace: 1 error, 0 warnings, 0 notes in 1 process$' "$T/err"
run untraced-ok
no_findings
# the child's open is traced: it did not escape
run untraced -f -e trace=openat
assert_grep '^\[pid +[0-9]+\] openat\(AT_FDCWD, "/dev/null", O_RDONLY\|O_CLOEXEC' "$T/err" \
	"the CLONE_UNTRACED child's open is not traced"

step "$E: clone3 with CLONE_UNTRACED fails with ENOSYS under rxtrace"
run untraced3
assert_line "$T/err" error $E $N "clone3 with CLONE_UNTRACED $UNFOLLOWED; rxtrace makes the call fail with ENOSYS, so that no child escapes it"
assert_site "$T/err" risky_untraced3 untraced3-call
assert_grep '^rxtrace: 1 error, 0 warnings, 0 notes in 1 process$' "$T/err"
run untraced3-ok
no_findings
run untraced3 -f -e trace=clone3
assert_grep '^clone3\(\{flags=CLONE_UNTRACED, .*\) = -1 ENOSYS ' "$T/err"
run untraced3-ok -f -e trace=openat
assert_grep '^\[pid +[0-9]+\] openat\(AT_FDCWD, "/dev/null", ' "$T/err" \
	"the clone3 child's open is not traced"

step "RX-PROC-009: io_uring setup, whose submissions rxtrace cannot see"
run uring
assert_line "$T/err" warning RX-PROC-009 KernelExploitPrimitive "io_uring_setup $RES: it sets up an io_uring: I/O submitted through the ring bypasses system calls, so the file and network activity that follows is invisible to rxtrace"
assert_site "$T/err" risky_uring uring-call
assert_grep '^rxtrace: 0 errors, 1 warning, 0 notes in 1 process$' "$T/err"
run uring-ok
no_findings

E=RX-PROC-015
N=OwnSeccompFilter
OWN="its own seccomp filter, whose refusals, traps and kills take precedence over rxtrace's trace action and are never seen"
step "$E: the program installs seccomp filters, one with a listener"
run seccomp
assert_line "$T/err" note $E $N "seccomp\\(SECCOMP_SET_MODE_FILTER\\) succeeded: the program installs $OWN"
assert_line "$T/err" note $E $N "prctl\\(PR_SET_SECCOMP, SECCOMP_MODE_FILTER\\) succeeded: the program installs $OWN"
assert_line "$T/err" warning $E $N "seccomp\\(SECCOMP_SET_MODE_FILTER\\) with SECCOMP_FILTER_FLAG_NEW_LISTENER succeeded: the program installs $OWN, and whose listener lets another process handle calls out of rxtrace's sight"
assert_site "$T/err" risky_seccomp seccomp-call
assert_site "$T/err" risky_seccomp seccomp-prctl
assert_site "$T/err" risky_seccomp seccomp-listener
assert_grep '^rxtrace: 0 errors, 1 warning, 2 notes in 1 process$' "$T/err"
run seccomp-ok
no_findings

E=RX-PROC-016
N=IoctlRequestHighBits
step "$E: TIOCSTI with bit 32 set; RX-PROC-012 reports the request itself"
run ioctlhigh
assert_line "$T/err" error $E $N "ioctl request 0x100005412 is TIOCSTI with high bits 0x1 set: the kernel ignores them and runs TIOCSTI, which filters and monitors comparing all 64 bits miss"
assert_site "$T/err" risky_ioctlhigh ioctlhigh-call
assert_grep '^error RX-PROC-012 UnsafeIoctl: ioctl TIOCSTI on /dev/null failed' "$T/err"
assert_grep '^rxtrace: 2 errors, 0 warnings, 0 notes in 1 process$' "$T/err"
# only RX-PROC-016: the trigger is its own, not RX-PROC-012's
run ioctlhigh --rules=$E
assert_line "$T/err" error $E $N "ioctl request 0x100005412 is TIOCSTI .*"
assert_grep '^rxtrace: 1 error, 0 warnings, 0 notes in 1 process$' "$T/err"
run ioctlhigh-ok
assert_no_grep "$E" "$T/err" "$E for a request without high bits"
assert_grep '^error RX-PROC-012 UnsafeIoctl: ioctl TIOCSTI on /dev/null failed' "$T/err"

step "the evasion rules are on by default, with their levels"
rx_expect 0 "$T/out" "$T/err" --list-rules
assert_grep '^RX-PROC-013 +error +7\.5 +CWE-693 +on +SyscallAbiSwitch ' "$T/out"
assert_grep '^RX-PROC-014 +error +7\.1 +CWE-693 +on +UntracedClone ' "$T/out"
assert_grep '^RX-PROC-015 +note +3\.7 +CWE-693 +on +OwnSeccompFilter ' "$T/out"
assert_grep '^RX-PROC-016 +error +7\.5 +CWE-693 +on +IoctlRequestHighBits ' "$T/out"

no_stopped_tracees
pass
