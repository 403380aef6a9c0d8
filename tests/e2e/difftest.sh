#!/bin/sh
# difftest.sh - differential test against strace: difftest's fixed set of
# syscalls (and those the loader makes before main) is traced by strace
# and by rxtrace with the same -e trace list; after normalising what must
# differ between two runs (pids, addresses, alignment padding, pipe and
# socket inode numbers) the two traces must be identical. Any decoding
# difference fails the test and is shown as a diff. Skipped without
# strace. Runs twice: with the default options, and with -y -s 8.
set -eu
# shellcheck source=tests/e2e/lib.sh
. "${TESTLIB:-$(dirname "$0")/lib.sh}"

need_strace "the differential test needs it"
need_prog difftest

LIST=openat,read,write,close,access,mkdir,rmdir,unlink,chmod,rename,lseek,dup,dup2,pipe2,socket,connect,getpid,umask,newfstatat,fstat,mprotect,kill,uname
D=$T/dt	# the same directory name for both runs

fresh_dir() {
	rm -rf "$D"
	mkdir "$D"
}

# normalise RAW OUT: drop the "PID " of -o, then replace the process id,
# addresses, padding before " = " and inode numbers of pipes/sockets.
normalise() {
	_pid=$(sed -nE 's/^[0-9]+ +getpid\(\) += ([0-9]+)$/\1/p' "$1" | head -n 1)
	[ -n "$_pid" ] || { show "$1"; fail "no getpid() line in $1"; }
	sed -E \
		-e 's/^[0-9]+ +//' \
		-e "s/(^|[^0-9])$_pid([^0-9]|\$)/\\1PID\\2/g" \
		-e "s/(^|[^0-9])$_pid([^0-9]|\$)/\\1PID\\2/g" \
		-e 's/0x[0-9a-f]+/ADDR/g' \
		-e 's/ +=( |$)/ =\1/' \
		-e 's/(pipe|socket|anon_inode):\[[0-9]+\]/\1:[INO]/g' \
		"$1" >"$2"
}

# compare WHAT OPTS...: run both tracers with OPTS and diff.
compare() {
	_what=$1
	shift
	step "difftest under strace and rxtrace: $_what"
	fresh_dir
	_rc=0
	"$STRACE" -f -o "$T/s.raw" "$@" -e "trace=$LIST" -- \
		"$PROGS/difftest" "$D" </dev/null >"$T/out" 2>"$T/s.err" || _rc=$?
	[ "$_rc" -eq 0 ] || { show "$T/s.err"; fail "difftest under strace exited with $_rc"; }
	assert_content "$T/out" "difftest ok"
	fresh_dir
	rx_expect 0 "$T/out" "$T/r.err" -o "$T/r.raw" "$@" -e "trace=$LIST" -- \
		"$PROGS/difftest" "$D"
	assert_content "$T/out" "difftest ok"
	normalise "$T/s.raw" "$T/s.norm"
	normalise "$T/r.raw" "$T/r.norm"
	if ! cmp -s "$T/s.norm" "$T/r.norm"; then
		echo "   normalised strace (-) vs rxtrace (+) output, $_what:"
		diff -u "$T/s.norm" "$T/r.norm" | sed 's/^/   /' || true
		fail "rxtrace decodes differently from strace ($_what)"
	fi
	echo "   identical: $(wc -l <"$T/r.norm") lines"
}

compare "default options"
# sanity: the comparison covered difftest's own calls
for re in '^openat\(AT_FDCWD, ".*/data.txt", O_WRONLY\|O_CREAT\|O_TRUNC, 0644\) = 3$' \
	'^write\(3, "line one\\n\\ttabbed\\1\\177\\377 end of a buf"\.\.\., 51\) = 51$' \
	'^close\(-1\) = -1 EBADF \(Bad file descriptor\)$' \
	'^connect\(3, \{sa_family=AF_INET, sin_port=htons\(1\), sin_addr=inet_addr\("127\.0\.0\.1"\)\}, 16\) = -1 ECONNREFUSED \(Connection refused\)$' \
	'^kill\(PID, 0\) = 0$' \
	'^uname\(\{sysname="Linux", '; do
	assert_grep "$re" "$T/r.norm"
done

compare "-y -s 8" -y -s 8

no_stopped_tracees
pass
