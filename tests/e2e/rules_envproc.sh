#!/bin/sh
# rules_envproc.sh - the ENV and PROC rules: each fires on its mode of
# tests/progs/risky_envproc.c with the exact finding line and the call
# site in the program's own code, its level variants too, and not on the
# benign twin (MODE-ok).
set -eu
# shellcheck source=tests/e2e/lib.sh
. "${TESTLIB:-$(dirname "$0")/lib.sh}"

rules_prog risky_envproc
TMPF='/tmp/rxtrace-risky-[A-Za-z0-9]{6}'
RES='(succeeded|failed \([A-Z0-9]+\))'
READ_CMDLINE='every local user can read it in /proc/PID/cmdline'

step "RX-ENV-002: secrets on command lines, redacted"
run argsecret
E=RX-ENV-002
N=SecretOnCommandLine
assert_line "$T/err" error $E $N "/bin/true is executed with <redacted, 20 chars> on its command line \\(AWS access key id\\): $READ_CMDLINE"
assert_line "$T/err" error $E $N "/bin/true is executed with https://deploy:<redacted, 14 chars>@git\\.example\\.com/repo\\.git on its command line \\(URL with credentials\\): $READ_CMDLINE"
assert_line "$T/err" error $E $N "/bin/true is executed with --token <redacted, 40 chars> on its command line \\(high-entropy token\\): $READ_CMDLINE"
assert_line "$T/err" error $E $N "/bin/true is executed with Authorization: Bearer <redacted, 11 chars> on its command line \\(authorization header\\): $READ_CMDLINE"
assert_line "$T/err" warning $E $N "/bin/true is executed with --password=<redacted, 7 chars> on its command line \\(credential flag\\): $READ_CMDLINE"
assert_line "$T/err" warning $E $N "/bin/true is executed with PGPASSWORD=<redacted, 16 chars> on its command line \\(secret-looking name\\): $READ_CMDLINE"
assert_line "$T/err" warning $E $N "$TMPF/mysql is executed with -p<redacted, 7 chars> on its command line \\(credential flag\\): $READ_CMDLINE"
assert_site "$T/err" risky_argsecret argsecret-call
assert_site "$T/err" risky_argsecret argsecret-mysql
assert_count 7 "^(error|warning) $E " "$T/err"
assert_grep '^rxtrace: 4 errors, 3 warnings, 0 notes in 2 processes$' "$T/err"
assert_no_grep 'hunter2|AKIAIOSFODNN7QWERTYU|s3cretPassw0rd|ghp_Zq8R|abc\.def-123|Xk9#' "$T/err" \
	"a secret value is in the report"
# hunter2 is too short to be masked in the decoded call: no evidence
assert_no_grep '^    call: ' "$T/err" "the decoded call shows a short secret"
run argsecret-ok
no_findings
# a secret long enough to be masked: the decoded call is the evidence
TOKEN=ghp_Zq8Rx7Kp2Lm9Tn4Wv6Yb3Hd5Jf1Qa8Sc0EuG
rx_expect 0 "$T/out" "$T/err" -- env /bin/true --token "$TOKEN"
assert_line "$T/err" error $E $N "/bin/true is executed with --token <redacted, 40 chars> on its command line \\(high-entropy token\\): $READ_CMDLINE"
assert_grep '^    call: execve\("/bin/true", \["/bin/true", "--token", "\*+"\.\.\.\]' "$T/err"
assert_no_grep 'ghp_Zq8R' "$T/err" "a secret value is in the report"
# the command line rxtrace is given is the user's, not the program's
rx_expect 0 "$T/out" "$T/err" -- /bin/true --token "$TOKEN"
no_findings

step "RX-ENV-003: loader variables, escalated for /tmp and the working directory"
run loader
E=RX-ENV-003
N=LoaderHijackVariable
assert_line "$T/err" warning $E $N "LD_PRELOAD=libc\\.so\\.6 passed to /bin/true: the loader preloads these libraries into the program"
assert_line "$T/err" warning $E $N "GLIBC_TUNABLES=glibc\\.malloc\\.check=0 passed to /bin/true: it changes the loader's and allocator's behaviour, and its parser was the Looney Tunables hole \\(CVE-2023-4911\\)"
assert_line "$T/err" error $E $N "LD_LIBRARY_PATH=/usr/lib:/tmp/rxtrace-risky-lib passed to /bin/true: /tmp/rxtrace-risky-lib is under /tmp, where every user can create files, so other users can make it run their code"
assert_line "$T/err" error $E $N "LD_LIBRARY_PATH=/usr/lib::/usr/local/lib passed to /bin/true: an empty element means the working directory, so other users can make it run their code"
assert_site "$T/err" risky_loader loader-call
assert_site "$T/err" risky_loader loader-empty
assert_grep '^rxtrace: 2 errors, 2 warnings, 0 notes in 2 processes$' "$T/err"
run loader-ok
no_findings
# the environment rxtrace is given: reported without a stack
(
	LD_LIBRARY_PATH=/nonexistent-rxtrace-lib
	export LD_LIBRARY_PATH
	rx_expect 0 "$T/out" "$T/err" -- /bin/true
)
assert_line "$T/err" warning $E $N "LD_LIBRARY_PATH=/nonexistent-rxtrace-lib passed to /bin/true: the loader searches these directories before the system ones"
assert_no_grep '^    at ' "$T/err" "a stack for the launch of the command"
# and a relative element in what a program passes on
rx_expect 0 "$T/out" "$T/err" -- env LD_LIBRARY_PATH=lib /bin/true
assert_line "$T/err" error $E $N "LD_LIBRARY_PATH=lib passed to /bin/true: lib is relative to the working directory, so other users can make it run their code"

step "RX-ENV-005: another process's /proc/PID/environ"
run foreignenv
assert_line "$T/err" warning RX-ENV-005 ForeignEnvironmentRead "opens /proc/[0-9]+/environ, the environment of another process \\(risky_envproc\\): environments often hold credentials"
assert_site "$T/err" risky_foreignenv foreignenv-call
assert_grep '^rxtrace: 0 errors, 1 warning, 0 notes in 1 process$' "$T/err"
run foreignenv-ok
no_findings

step "RX-PROC-001: sh -c"
# (dash's own strcpy calls are RX-LIB-001 findings of their own)
run shell --disable='RX-LIB-*'
assert_line "$T/err" warning RX-PROC-001 ShellCommandSpawned "runs the shell /bin/sh with -c \"exit 0; true\": the shell interprets the command string, which holds shell metacharacters, so untrusted data in it becomes command injection"
assert_site "$T/err" risky_shell shell-call
assert_grep '^rxtrace: 0 errors, 1 warning, 0 notes in 1 process$' "$T/err"
run shell-ok
no_findings
# rxtrace -- sh -c: the user's own shell is not reported
rx_expect 0 "$T/out" "$T/err" --disable='RX-LIB-*' -- sh -c 'exit 0'
no_findings

step "RX-PROC-002: /tmp (warning), memfd and deleted files (error)"
E=RX-PROC-002
N=ExecFromWritableLocation
run tmpexec
assert_line "$T/err" warning $E $N "executes $TMPF from /tmp, where every user can create and replace files"
assert_site "$T/err" risky_tmpexec tmpexec-call
run tmpexec-ok
no_findings
run memfdexec
assert_line "$T/err" error $E $N "executes a memfd \\(memfd:rxtrace-risky\\): fileless code that exists only in memory, the way droppers hide their payload"
assert_site "$T/err" risky_memfdexec memfdexec-call
run memfdexec-ok
no_findings
run deletedexec
assert_line "$T/err" error $E $N "executes the deleted file $TMPF \\(deleted\\): code whose file is gone cannot be inspected afterwards"
assert_site "$T/err" risky_deletedexec deletedexec-call
run deletedexec-ok
no_findings

step "RX-PROC-004: raise, drop order, kept groups, failed drop, capset, set-id exec"
E=RX-PROC-004
N=PrivilegeRaiseOrFaultyDrop
run privraise
assert_line "$T/err" error $E $N "setresuid\\(-1, 0, -1\\) sets a user id to 0 \\(root\\) and succeeded: the process has root privileges"
assert_site "$T/err" risky_privraise privraise-call
assert_grep '^rxtrace: 1 error, 0 warnings, 0 notes in 1 process$' "$T/err"
run privraise-ok
no_findings
run privorder
assert_line "$T/err" warning $E $N "setuid\\(65534\\) while the group id is still 0: drop the group first \\(setgid before setuid\\), or the process keeps root's group"
assert_site "$T/err" risky_privorder privorder-call
assert_grep '^rxtrace: 0 errors, 1 warning, 0 notes in 1 process$' "$T/err"
run privorder-ok
no_findings
run privgroups
assert_line "$T/err" warning $E $N "setuid\\(65534\\) keeps the supplementary group 0 \\(root\\): call setgroups\\(\\) before dropping the user id"
assert_site "$T/err" risky_privgroups privgroups-call
assert_grep '^rxtrace: 0 errors, 1 warning, 0 notes in 1 process$' "$T/err"
run privgroups-ok
no_findings
run privfail
assert_line "$T/err" error $E $N "setuid\\(65534\\) failed \\(EPERM\\) and the process still runs as root: unless it checks the result and stops, it goes on with the privileges it meant to drop"
assert_site "$T/err" risky_privfail privfail-call
# (its severity, 8.4 rather than the default 7.8, is not in the text report)
assert_grep '^rxtrace: 1 error, 0 warnings, 0 notes in 1 process$' "$T/err"
run privfail-ok
no_findings
run capraise
assert_line "$T/err" error $E $N "capset raises capabilities 0x2000 above the ones the thread holds, and succeeded"
assert_site "$T/err" risky_capraise capraise-call
run capraise-ok
no_findings
run suidexec
assert_line "$T/err" note $E $N "executes $TMPF, a set-user-ID binary owned by uid 0: (rxtrace is privileged, so the kernel grants its privilege as without tracing|its file system is mounted nosuid, so the kernel does not grant its privilege)"
assert_site "$T/err" risky_suidexec suidexec-call
run suidexec-ok
# the copy is in /tmp: RX-PROC-002 fires, this rule does not
assert_no_grep "^[a-z]+ $E " "$T/err" "RX-PROC-004 on a plain executable"
assert_grep '^warning RX-PROC-002 ' "$T/err"

step "RX-PROC-006: unshare, mounts (a host disk is an error)"
E=RX-PROC-006
N=NamespaceOrMountChange
run unshare
assert_line "$T/err" warning $E $N "unshare\\(CLONE_NEWUTS\\) succeeded: new namespaces are how sandboxes and containers start, and how a process escapes the view it was given"
assert_site "$T/err" risky_unshare unshare-call
assert_grep '^rxtrace: 0 errors, 1 warning, 0 notes in 1 process$' "$T/err"
run unshare-ok
no_findings
run mount
assert_line "$T/err" error $E $N "mount of /dev/sdzz9 on $TMPF \\(ext4, MS_RDONLY\\) failed \\(ENOENT\\): a host block device, which gives access to the host's filesystems"
assert_site "$T/err" risky_mount mount-disk
assert_line "$T/err" warning $E $N "mount of rxtrace on $TMPF \\(tmpfs, 0\\) succeeded"
assert_site "$T/err" risky_mount mount-tmpfs
assert_line "$T/err" warning $E $N "umount2 unmounts $TMPF, and succeeded"
assert_line "$T/err" warning $E $N "unshare\\(CLONE_NEWNS\\) succeeded: .*"
run mount-ok
no_findings

step "RX-PROC-007 (experimental): chroot without chdir"
run chroot --rules=RX-PROC-007
assert_line "$T/err" warning RX-PROC-007 ChrootWithoutChdir "openat\\(\"etc/hostname\"\\) after chroot\\(\"$TMPF\"\\) without chdir into the jail: the working directory $(re_quote "$(pwd -P)") is outside the new root, so relative paths escape it"
assert_site "$T/err" risky_chroot chroot-call
assert_grep '^rxtrace: 0 errors, 1 warning, 0 notes in 1 process$' "$T/err"
run chroot-ok --rules=RX-PROC-007
no_findings
# not in the default profile
run chroot
assert_no_grep 'RX-PROC-007' "$T/err"

step "RX-PROC-008: module loads and removals, failed ones too"
E=RX-PROC-008
N=KernelModuleLoad
run module
assert_line "$T/err" error $E $N "finit_module loads the kernel module $TMPF \\(deleted\\), and $RES: module code runs in the kernel with full privilege"
assert_line "$T/err" error $E $N "init_module loads a kernel module from a 64-byte image in memory, and $RES: module code runs in the kernel with full privilege"
assert_line "$T/err" error $E $N "delete_module removes the kernel module rxtrace_no_such_module, and $RES: module code runs in the kernel with full privilege"
assert_site "$T/err" risky_module module-finit
assert_site "$T/err" risky_module module-init
assert_site "$T/err" risky_module module-delete
assert_grep '^rxtrace: 3 errors, 0 warnings, 0 notes in 1 process$' "$T/err"
run module-ok
no_findings

step "RX-PROC-009: exploit primitives (kexec is an error, userfaultfd only for non-root)"
E=RX-PROC-009
N=KernelExploitPrimitive
run kprim
assert_line "$T/err" warning $E $N "bpf $RES: it loads a BPF program \\(BPF_PROG_LOAD\\): code the kernel verifies and runs, a frequent target of verifier exploits"
assert_line "$T/err" warning $E $N "io_uring_setup $RES: it sets up an io_uring: I/O submitted through the ring bypasses system calls, so the file and network activity that follows is invisible to rxtrace"
assert_line "$T/err" warning $E $N "perf_event_open $RES: it opens a perf event, a large kernel interface with a history of privilege-escalation bugs"
assert_line "$T/err" warning $E $N "keyctl KEYCTL_GET_KEYRING_ID $RES: it uses the kernel key management interface, whose objects exploits use to shape the kernel heap"
for m in bpf uring perf keyctl; do
	assert_site "$T/err" risky_kprim "kprim-$m"
done
assert_grep '^rxtrace: 0 errors, 4 warnings, 0 notes in 1 process$' "$T/err"
run kprim-ok
no_findings
run kexec
assert_line "$T/err" error $E $N "kexec_load $RES: it loads a new kernel to boot into, replacing the running one"
assert_line "$T/err" error $E $N "kexec_file_load $RES: it loads a new kernel to boot into, replacing the running one"
assert_site "$T/err" risky_kexec kexec-load
assert_site "$T/err" risky_kexec kexec-file
run kexec-ok
no_findings
run uffd
assert_line "$T/err" warning $E $N "userfaultfd succeeded: it hands page-fault handling to user space, which lets exploits stall the kernel in the middle of a race"
assert_site "$T/err" risky_uffd uffd-call
assert_grep '^rxtrace: 0 errors, 1 warning, 0 notes in 1 process$' "$T/err"
run uffd-ok
no_findings

step "RX-PROC-010: PTRACE_TRACEME, PR_SET_DUMPABLE 0 with TracerPid, PR_SET_PTRACER"
E=RX-PROC-010
N=AntiDebugging
run antidebug
assert_line "$T/err" note $E $N "ptrace\\(PTRACE_TRACEME\\) failed \\(EPERM\\): it fails because rxtrace traces the process, which is how programs detect a debugger, so the program may behave differently under rxtrace"
assert_site "$T/err" risky_antidebug antidebug-traceme
assert_line "$T/err" note $E $N "prctl\\(PR_SET_DUMPABLE, 0\\) together with reading its own /proc status \\(TracerPid\\): the classic check for a debugger, so the program may behave differently under rxtrace"
assert_site "$T/err" risky_antidebug antidebug-status
assert_line "$T/err" note $E $N "prctl\\(PR_SET_PTRACER, [0-9]+\\) chooses which process may trace this one: anti-debugging code uses it to keep debuggers out, so the program may behave differently under rxtrace"
assert_site "$T/err" risky_antidebug antidebug-ptracer
assert_grep '^rxtrace: 0 errors, 0 warnings, 3 notes in 1 process$' "$T/err"
# PR_SET_DUMPABLE 0 alone protects secrets: not reported
run antidebug-ok
no_findings

step "RX-PROC-011: another process's memory (writes are errors, reads warnings)"
E=RX-PROC-011
N=CrossProcessMemoryAccess
OTHER='of another process \(pid [0-9]+, risky_envproc\)'
WRITES='it can change its code and data'
READS='it can read its secrets'
run crossmem
assert_line "$T/err" warning $E $N "process_vm_readv reads the memory $OTHER: $READS"
assert_site "$T/err" risky_crossmem crossmem-read
assert_line "$T/err" error $E $N "process_vm_writev writes the memory $OTHER: $WRITES"
assert_site "$T/err" risky_crossmem crossmem-write
assert_line "$T/err" error $E $N "opens /proc/[0-9]+/mem for writing, the memory $OTHER: $WRITES"
assert_site "$T/err" risky_crossmem crossmem-memrw
assert_line "$T/err" warning $E $N "opens /proc/[0-9]+/mem for reading, the memory $OTHER: $READS"
assert_site "$T/err" risky_crossmem crossmem-memro
assert_line "$T/err" error $E $N "ptrace\\(PTRACE_ATTACH\\) $OTHER: $WRITES; rxtrace traces it, so the attach fails with EPERM"
assert_site "$T/err" risky_crossmem crossmem-attach
assert_line "$T/err" warning $E $N "ptrace\\(PTRACE_PEEKDATA\\) $OTHER: $READS"
assert_site "$T/err" risky_crossmem crossmem-peek
assert_line "$T/err" warning $E $N "opens /proc/kcore: it can read the kernel's memory and every process's"
assert_site "$T/err" risky_crossmem crossmem-kcore
assert_line "$T/err" warning $E $N "pidfd_getfd takes descriptor 1 $OTHER: $READS"
assert_site "$T/err" risky_crossmem crossmem-getfd
assert_grep '^rxtrace: 3 errors, 5 warnings, 0 notes in 1 process$' "$T/err"
# the same calls on itself
run crossmem-ok
no_findings

pass
