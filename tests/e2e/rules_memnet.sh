#!/bin/sh
# rules_memnet.sh - the MEM and NET rules: each fires on its mode of
# tests/progs/risky_memnet.c (or on a build of it) with the call site in
# the program's own code, and not on the benign twin. Experimental rules
# run with --rules=ID.
#
# No packet leaves the host: the modes with other destinations than
# loopback run under unshare -n, where not even loopback is up, so their
# connects fail at once (and the program refuses them anywhere else).
set -eu
# shellcheck source=tests/e2e/lib.sh
. "${TESTLIB:-$(dirname "$0")/lib.sh}"

need_prog risky_memnet risky_memnet-execstack risky_memnet-nopie \
	risky_memnet-textrel libstackdl-execstack.so libstackdl.so
PROG=$PROGS/risky_memnet
REAL_PROGS=$(cd -P "$PROGS" && pwd)	# the name in /proc/PID/maps

line_of() { marker_line "$1" risky_memnet.c; }
# assert_site ERR FUNC MARKER: a finding's call site
assert_site() {
	assert_grep "^    at $2 [^ ]*risky_memnet\\.c:$(line_of "$3") \\(" "$1" \
		"no call site $2 at the line of $3"
}
# assert_line ERR LINE: ERR has exactly this line
assert_line() {
	if ! grep -qxF -e "$2" "$1"; then
		echo "   no line of $1 is: $2" >&2
		show "$1"
		fail "expected line not found"
	fi
}
assert_summary() {
	assert_grep "^rxtrace: $2 in 1 process\$" "$1"
}
no_findings() {
	assert_content "$1" "rxtrace: no findings"
}

HAVE_NETNS=0
if unshare -n true 2>/dev/null; then
	HAVE_NETNS=1
fi
# rx_netns N OUT ERR ARGS...: rx_expect in a new network namespace
rx_netns() {
	_want=$1
	_o=$2
	_e=$3
	shift 3
	RC=0
	timeout -k 5 "$RX_TIMEOUT" unshare -n "$RXTRACE" "$@" </dev/null \
		>"$_o" 2>"$_e" || RC=$?
	if [ "$RC" -ne "$_want" ]; then
		show "$_e"
		fail "'unshare -n rxtrace $*' exited with $RC, expected $_want"
	fi
}

WX="asks for PROT_WRITE|PROT_EXEC: memory both writable and executable defeats W^X, so a memory-corruption bug can run the code it writes"
step "RX-MEM-001: mmap and mprotect asking for W+X; W^X is fine"
rx_expect 0 "$T/out" "$T/err" -- "$PROG" wx
assert_content "$T/out" "risky ok"
assert_line "$T/err" "warning RX-MEM-001 WritableExecutableMapping: mmap of 4096 bytes $WX"
assert_line "$T/err" "warning RX-MEM-001 WritableExecutableMapping: mprotect of 4096 bytes $WX"
assert_site "$T/err" risky_wx wx-mmap
assert_site "$T/err" risky_wx wx-mprotect
assert_summary "$T/err" "0 errors, 2 warnings, 0 notes"
rx_expect 0 "$T/out" "$T/err" -- "$PROG" wx-ok
no_findings "$T/err"

step "RX-MEM-002: written anonymous memory made executable; text relocations"
rx_expect 0 "$T/out" "$T/err" --rules=RX-MEM-002 -- "$PROG" jit
assert_content "$T/out" "risky ok"
assert_line "$T/err" "warning RX-MEM-002 WritableMemoryMadeExecutable: mprotect makes writable anonymous memory executable: code written or unpacked at run time (a JIT, a packer, a shellcode loader)"
assert_site "$T/err" risky_jit jit-call
assert_summary "$T/err" "0 errors, 1 warning, 0 notes"
rx_expect 0 "$T/out" "$T/err" --rules=RX-MEM-002 -- "$PROG" jit-ok
no_findings "$T/err"
rx_expect 0 "$T/out" "$T/err" --rules=RX-MEM-002 -- "$PROGS/risky_memnet-textrel" nothing
assert_line "$T/err" "note RX-MEM-002 WritableMemoryMadeExecutable: the loader makes the text of $REAL_PROGS/risky_memnet-textrel executable again after relocating it (DT_TEXTREL): its code was writable while the program started"
assert_summary "$T/err" "0 errors, 0 warnings, 1 note"

STACK_WHY="a stack buffer overflow becomes code execution"
step "RX-MEM-003: the stack made executable by mprotect, by the loader, at exec"
rx_expect 0 "$T/out" "$T/err" --rules=RX-MEM-003 -- "$PROG" stackexec
assert_line "$T/err" "warning RX-MEM-003 ExecutableStack: mprotect makes the stack executable (PROT_EXEC with PROT_GROWSDOWN): $STACK_WHY"
assert_site "$T/err" risky_stackexec stackexec-call
rx_expect 0 "$T/out" "$T/err" --rules=RX-MEM-003 -- "$PROG" stackexec-ok
no_findings "$T/err"
# glibc 2.41 and later refuse such a dlopen by default
rx "$T/out" "$T/err" --rules=RX-MEM-003 -- "$PROG" dlexecstack
if [ "$RC" -eq 0 ]; then
	assert_line "$T/err" "warning RX-MEM-003 ExecutableStack: the loader makes the stack executable for $REAL_PROGS/libstackdl-execstack.so, which asks for it (PT_GNU_STACK with PF_X): $STACK_WHY"
	assert_site "$T/err" risky_dlexecstack dlexecstack-call
	assert_summary "$T/err" "0 errors, 1 warning, 0 notes"
else
	echo "   (the loader refuses libraries with an executable stack: not checked)"
fi
rx_expect 0 "$T/out" "$T/err" --rules=RX-MEM-003 -- "$PROG" dlexecstack-ok
no_findings "$T/err"
rx_expect 0 "$T/out" "$T/err" --rules=RX-MEM-003 -- "$PROGS/risky_memnet-execstack" nothing
assert_content "$T/out" "risky ok"
assert_line "$T/err" "warning RX-MEM-003 ExecutableStack: the main executable asks for an executable stack (PT_GNU_STACK with PF_X), so its stack is mapped executable: $STACK_WHY"
assert_grep "^    1 time, pid [0-9]+, $(re_quote "$PROGS/risky_memnet-execstack"), " "$T/err"
rx_expect 0 "$T/out" "$T/err" --rules=RX-MEM-003 -- "$PROG" nothing
no_findings "$T/err"

step "RX-MEM-005: locked memory a core dump would hold; a failed mlock ignored"
# shellcheck disable=SC3045
if [ "$(ulimit -H -c)" != 0 ] || grep -q '^|' /proc/sys/kernel/core_pattern; then
	rx_expect 0 "$T/out" "$T/err" --rules=RX-MEM-005 -- "$PROG" dumpable
	assert_content "$T/out" "risky ok"
	assert_grep '^warning RX-MEM-005 SensitiveMemoryDumpable: 4 kB of locked memory at 0x[0-9a-f]+-0x[0-9a-f]+ is not excluded from core dumps \(MADV_DONTDUMP\) in a dumpable process, and (RLIMIT_CORE is [a-z0-9]+|the host pipes core dumps to a program): a crash writes it to disk$' "$T/err"
	assert_summary "$T/err" "0 errors, 1 warning, 0 notes"
else
	echo "   (core dumps cannot be enabled here: the dumpable case not checked)"
fi
rx_expect 0 "$T/out" "$T/err" --rules=RX-MEM-005 -- "$PROG" dumpable-ok
no_findings "$T/err"
if ! grep -q '^|' /proc/sys/kernel/core_pattern; then
	# the same program with core dumps off for good
	rx_expect 0 "$T/out" "$T/err" --rules=RX-MEM-005 -- /bin/sh -c \
		"ulimit -H -c 0; exec '$PROG' dumpable"
	no_findings "$T/err"
fi
rx_expect 0 "$T/out" "$T/err" --rules=RX-MEM-005 -- "$PROG" mlockfail
assert_line "$T/err" "note RX-MEM-005 SensitiveMemoryDumpable: mlock of 4096 bytes failed (ENOMEM) and the program went on to exit successfully: the memory was not locked and can be swapped out"
assert_summary "$T/err" "0 errors, 0 warnings, 1 note"
# the twin checks the result and gives up: exit status 1
rx_expect 1 "$T/out" "$T/err" --rules=RX-MEM-005 -- "$PROG" mlockfail-ok
assert_grep '^risky: cannot lock the key page, giving up$' "$T/err"
assert_grep '^rxtrace: no findings$' "$T/err"
assert_no_grep 'RX-MEM-005' "$T/err"

ASLR=/proc/sys/kernel/randomize_va_space
step "RX-MEM-006: personality(ADDR_NO_RANDOMIZE), $ASLR, a non-PIE executable"
rx_expect 0 "$T/out" "$T/err" -- "$PROG" noaslr
assert_line "$T/err" "warning RX-MEM-006 AslrWeakened: personality() sets ADDR_NO_RANDOMIZE: the programs this process executes run without address-space layout randomisation, at predictable addresses"
assert_site "$T/err" risky_noaslr noaslr-call
assert_summary "$T/err" "0 errors, 1 warning, 0 notes"
rx_expect 0 "$T/out" "$T/err" -- "$PROG" noaslr-ok
no_findings "$T/err"
rx_expect 0 "$T/out" "$T/err" -- "$PROG" aslrfile
READ_ASLR="note RX-MEM-006 AslrWeakened: reads $ASLR: probing whether address-space layout randomisation is on, as exploits do"
assert_line "$T/err" "$READ_ASLR"
assert_line "$T/err" "error RX-MEM-006 AslrWeakened: opens $ASLR for writing: changing it turns address-space layout randomisation off for the whole host"
assert_site "$T/err" risky_aslrfile aslrfile-abs
assert_site "$T/err" risky_aslrfile aslrfile-rel
assert_site "$T/err" risky_aslrfile aslrfile-write
assert_count 2 "^$(re_quote "$READ_ASLR")\$" "$T/err"
assert_summary "$T/err" "1 error, 0 warnings, 2 notes"
rx_expect 0 "$T/out" "$T/err" -- "$PROG" aslrfile-ok
no_findings "$T/err"
rx_expect 0 "$T/out" "$T/err" -- "$PROGS/risky_memnet-nopie" nothing
assert_line "$T/err" "note RX-MEM-006 AslrWeakened: the main executable is not position-independent (ET_EXEC): its code and data sit at fixed addresses that address-space layout randomisation cannot move"
assert_summary "$T/err" "0 errors, 0 warnings, 1 note"
rx_expect 0 "$T/out" "$T/err" -- "$PROG" nothing
no_findings "$T/err"

step "RX-MEM-007: a crash, a handled fault, stack-protector and double-free aborts"
rx_expect 139 "$T/out" "$T/err" -- "$PROG" segv
assert_line "$T/err" "error RX-MEM-007 MemorySafetyViolation: SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL}: an invalid memory access"
assert_site "$T/err" risky_segv segv-call
assert_summary "$T/err" "1 error, 0 warnings, 0 notes"
rx_expect 0 "$T/out" "$T/err" -- "$PROG" segv-handled
assert_content "$T/out" "risky ok"
assert_line "$T/err" "note RX-MEM-007 MemorySafetyViolation: SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL}: an invalid memory access; the program handles the signal and may recover"
assert_site "$T/err" risky_segv segv-call
rx_expect 0 "$T/out" "$T/err" -- "$PROG" segv-ok
no_findings "$T/err"
rx_expect 134 "$T/out" "$T/err" -- "$PROG" stacksmash
assert_line "$T/err" "error RX-MEM-007 MemorySafetyViolation: SIGABRT after \"*** stack smashing detected ***: terminated\": a stack buffer overflow overwrote the stack protector's canary"
# the canary is checked as the function returns
assert_site "$T/err" risky_stacksmash stacksmash-call
assert_summary "$T/err" "1 error, 0 warnings, 0 notes"
rx_expect 0 "$T/out" "$T/err" -- "$PROG" stacksmash-ok
no_findings "$T/err"
rx_expect 134 "$T/out" "$T/err" -- "$PROG" doublefree
assert_line "$T/err" "error RX-MEM-007 MemorySafetyViolation: SIGABRT after \"free(): double free detected in tcache 2\": a double free"
assert_site "$T/err" risky_doublefree doublefree-call
rx_expect 0 "$T/out" "$T/err" -- "$PROG" doublefree-ok
no_findings "$T/err"
# a SIGSEGV sent with kill is no crash
# shellcheck disable=SC2016
rx_expect 139 "$T/out" "$T/err" --rules=RX-MEM-007 -- /bin/sh -c 'kill -SEGV $$'
no_findings "$T/err"

step "RX-NET-001: listening on 0.0.0.0; on loopback is fine"
rx_expect 0 "$T/out" "$T/err" -- "$PROG" listen
assert_content "$T/out" "risky ok"
assert_line "$T/err" "warning RX-NET-001 ListenOnAllInterfaces: listens on an ephemeral port of 0.0.0.0, every interface: the service is reachable from every network the host is on"
assert_site "$T/err" risky_listen listen-call
assert_summary "$T/err" "0 errors, 1 warning, 0 notes"
rx_expect 0 "$T/out" "$T/err" -- "$PROG" listen-ok
no_findings "$T/err"

if [ "$HAVE_NETNS" -eq 1 ]; then
	step "RX-NET-002: HTTP to a non-loopback address (in an empty network namespace)"
	rx_netns 0 "$T/out" "$T/err" -- "$PROG" cleartext
	assert_content "$T/out" "risky ok"
	assert_line "$T/err" "warning RX-NET-002 CleartextConnection: connects to 192.0.2.1:80 (HTTP), a cleartext protocol: anyone on the network path can read and change the traffic"
	assert_site "$T/err" risky_cleartext cleartext-call
	assert_summary "$T/err" "0 errors, 1 warning, 0 notes"
	rx_netns 0 "$T/out" "$T/err" -- "$PROG" cleartext-ok
	no_findings "$T/err"

	step "RX-NET-004: the cloud metadata service (in an empty network namespace)"
	rx_netns 0 "$T/out" "$T/err" -- "$PROG" metadata
	assert_content "$T/out" "risky ok"
	MD="the cloud instance metadata service (AWS, GCP, Azure, OCI and others): it hands out the instance's credentials"
	assert_line "$T/err" "warning RX-NET-004 CloudMetadataAccess: connects to 169.254.169.254:80, $MD"
	assert_line "$T/err" "warning RX-NET-004 CloudMetadataAccess: sends to 169.254.169.254:80, $MD"
	assert_site "$T/err" risky_metadata metadata-connect
	assert_site "$T/err" risky_metadata metadata-sendto
	if [ -e /proc/net/if_inet6 ]; then
		assert_line "$T/err" "warning RX-NET-004 CloudMetadataAccess: connects to [fd00:ec2::254]:80, the cloud instance metadata service (AWS, over IPv6): it hands out the instance's credentials"
		assert_site "$T/err" risky_metadata metadata-v6
	fi
	rx_netns 0 "$T/out" "$T/err" -- "$PROG" metadata-ok
	no_findings "$T/err"
else
	echo "   (unshare -n is not allowed here: RX-NET-002 and RX-NET-004 not checked)"
fi
# the program never contacts other hosts outside an empty namespace
rx_expect 3 "$T/out" "$T/err" -- "$PROG" metadata
assert_grep '^risky_memnet: metadata needs a network namespace with loopback only' "$T/err"
assert_no_grep 'RX-NET-004' "$T/err"

step "RX-NET-005: packet and raw IP sockets; UDP and netlink are fine"
rx_expect 0 "$T/out" "$T/err" -- "$PROG" rawsock
assert_line "$T/err" "warning RX-NET-005 RawSocket: creates a packet socket (AF_PACKET): it can capture and forge traffic on the host's interfaces"
assert_line "$T/err" "warning RX-NET-005 RawSocket: creates a raw IPv4 socket (SOCK_RAW, IPPROTO_ICMP): it can forge packets and read the traffic of its protocol"
assert_site "$T/err" risky_rawsock rawsock-packet
assert_site "$T/err" risky_rawsock rawsock-raw
assert_summary "$T/err" "0 errors, 2 warnings, 0 notes"
rx_expect 0 "$T/out" "$T/err" -- "$PROG" rawsock-ok
no_findings "$T/err"

step "RX-NET-006: a TCP socket made standard input; a socketpair is fine"
rx_expect 0 "$T/out" "$T/err" -- "$PROG" revshell
assert_content "$T/out" "risky ok"
assert_grep '^error RX-NET-006 StdioOverSocket: dup2 puts a TCP socket connected to 127\.0\.0\.1:[0-9]+ on standard input \(fd 0\): the redirection of a reverse shell$' "$T/err"
assert_grep '^    call: dup2\([0-9]+, 0\) = 0$' "$T/err"
assert_site "$T/err" risky_revshell revshell-call
assert_summary "$T/err" "1 error, 0 warnings, 0 notes"
rx_expect 0 "$T/out" "$T/err" -- "$PROG" revshell-ok
no_findings "$T/err"

step "RX-NET-007: the Docker socket (error) and the Kubernetes API (warning)"
rx_expect 0 "$T/out" "$T/err" -- "$PROG" dockersock
assert_line "$T/err" "error RX-NET-007 ContainerRuntimeApiAccess: connects to the Docker API socket /var/run/docker.sock: control of the container runtime is root on the host"
assert_site "$T/err" risky_dockersock dockersock-call
assert_summary "$T/err" "1 error, 0 warnings, 0 notes"
rx_expect 0 "$T/out" "$T/err" -- "$PROG" dockersock-ok
no_findings "$T/err"
rx_expect 0 "$T/out" "$T/err" -- env KUBERNETES_SERVICE_HOST=127.0.0.1 \
	KUBERNETES_SERVICE_PORT=1 "$PROG" k8s
assert_line "$T/err" "warning RX-NET-007 ContainerRuntimeApiAccess: connects to the Kubernetes API server at 127.0.0.1:6443 (its port 6443)"
assert_line "$T/err" "warning RX-NET-007 ContainerRuntimeApiAccess: connects to the Kubernetes API server at 127.0.0.1:1 (KUBERNETES_SERVICE_HOST and _PORT)"
assert_site "$T/err" risky_k8s k8s-port
assert_site "$T/err" risky_k8s k8s-env
assert_summary "$T/err" "0 errors, 2 warnings, 0 notes"
rx_expect 0 "$T/out" "$T/err" -- env -u KUBERNETES_SERVICE_HOST \
	-u KUBERNETES_SERVICE_PORT "$PROG" k8s-ok
no_findings "$T/err"

pass
