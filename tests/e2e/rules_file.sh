#!/bin/sh
# rules_file.sh - the FILE rules on their tracee (tests/progs/risky_file.c):
# each fires with its exact message at its call site, with its level
# variants, and not on the benign twin; experimental rules only when
# selected. HOME is a directory of the test, and writes to system
# locations go below a directory that does not exist: nothing outside
# the test's directories and /tmp is changed.
set -eu
# shellcheck source=tests/e2e/lib.sh
. "${TESTLIB:-$(dirname "$0")/lib.sh}"

need_prog risky_file
line_of() { marker_line "$1" risky_file.c; }
# assert_site FUNC MARKER: a finding's call site in $T/err
assert_site() {
	assert_grep "^    at $1 [^ ]*risky_file\\.c:$(line_of "$2") \\(" "$T/err" \
		"no call site $1 at risky_file.c:LINE:$2"
}
# assert_line LEVEL ID NAME MESSAGE: a finding line, MESSAGE an ERE
assert_line() {
	assert_grep "^$1 $2 $3: $4\$" "$T/err"
}
assert_none() {
	assert_content "$T/err" "rxtrace: no findings"
}

NOWHERE=/etc/rxtrace-test-nonexistent-dir
[ ! -e "$NOWHERE" ] || skip "$NOWHERE exists: the system-location test would write there"

H=$T/home
D=$T/d
mkdir -p "$H/.ssh" "$H/.aws"
printf -- '-----BEGIN OPENSSH PRIVATE KEY-----\nbm90IGEgcmVhbCBrZXksIGp1c3QgYSB0ZXN0\n-----END OPENSSH PRIVATE KEY-----\n' \
	>"$H/.ssh/id_rsa"
printf '[default]\naws_access_key_id = none\n' >"$H/.aws/credentials"
echo "nothing secret" >"$H/notes.txt"
: >"$H/.bashrc"
HQ=$(re_quote "$H")
DQ=$(re_quote "$D")

# rfile MODE [RXTRACE OPTIONS...]: risky_file MODE in a fresh $D, with
# HOME=$H; it must succeed
rfile() {
	_mode=$1
	shift
	rm -rf "$D"
	mkdir "$D"
	printf -- '-----BEGIN PRIVATE KEY-----\nTUlJRXZRSUJBREFOQmdrcWhraUc5dzBCQVFFRkFBU0NCS2N3Z2dTakFnRUFBb0lC\n-----END PRIVATE KEY-----\n' \
		>"$D/server.key"
	printf -- '-----BEGIN CERTIFICATE-----\nTUlJQg==\n-----END CERTIFICATE-----\n' >"$D/cert.pem"
	rx_expect 0 "$T/out" "$T/err" "$@" -- env HOME="$H" "$PROGS/risky_file" "$_mode" "$D"
	assert_content "$T/out" "risky ok"
}

step "RX-FILE-001: world-writable files and directories, permissive umask"
(umask 000 && rfile wwcreate)
assert_line warning RX-FILE-001 WorldWritableFile \
	"created $DQ/shared\\.txt with mode 0666: any user can modify it"
assert_site risky_wwcreate wwcreate
assert_grep '^rxtrace: 0 errors, 1 warning, 0 notes in 1 process$' "$T/err"
(umask 000 && rfile wwcreate-ok)
assert_none
# with the usual umask, 0666 creates 0644: nothing to report
rfile wwcreate
assert_none
(umask 000 && rfile wwexec)
assert_line error RX-FILE-001 WorldWritableFile \
	"created $DQ/run\\.sh with mode 0777: any user can modify it; it is executable"
assert_site risky_wwexec wwexec
(umask 000 && rfile wwmkdir)
assert_line warning RX-FILE-001 WorldWritableFile \
	"created the directory $DQ/drop with mode 0777, without the sticky bit: any user can add, replace or delete files in it"
assert_site risky_wwmkdir wwmkdir
(umask 000 && rfile wwmkdir-ok)
assert_none
rfile wwchmod
assert_line warning RX-FILE-001 WorldWritableFile \
	"made $DQ/conf\\.txt writable by every user \\(mode 0666\\): any user can modify it"
assert_site risky_wwchmod wwchmod
rfile wwchmod-ok
assert_none
rfile umask
assert_line warning RX-FILE-001 WorldWritableFile \
	"umask 0000 lets every user write the files and directories the program creates"
assert_site risky_umask umask
rfile umask-ok
assert_none

step "RX-FILE-002: setuid and setgid bits"
rfile setid
assert_line error RX-FILE-002 SetuidOrSetgidBit \
	"sets the setuid bit on $DQ/tool \\(mode 04755\\): it runs with its owner's privileges for every user"
assert_site risky_setid setuid-chmod
assert_line error RX-FILE-002 SetuidOrSetgidBit \
	"creates $DQ/tool2 with the setgid bit \\(mode 02755\\): it runs with its group's privileges for every user"
assert_site risky_setid setgid-create
assert_grep '^rxtrace: 2 errors, 0 warnings, 0 notes in 1 process$' "$T/err"
# the twin also makes a set-group-id directory: not a program
rfile setid-ok
assert_none

step "RX-FILE-003 (experimental): temporary files created without O_EXCL"
rfile tmpfile
assert_none
rfile tmpfile --rules=RX-FILE-003
assert_line warning RX-FILE-003 InsecureTempFile \
	"creates /tmp/rxtrace-risky-[0-9]+\\.tmp in the shared directory /tmp without O_EXCL: another user can create it, or a symlink by that name, first; the name holds the process id, so it is predictable"
assert_site risky_tmpfile tmpfile
# mkstemp, and a file in a private mkdtemp directory
rfile tmpfile-ok --rules=RX-FILE-003
assert_none
if [ "$(id -u)" -eq 0 ]; then
	# a symlink of another user in a sticky world-writable directory
	mkdir -m 1777 "$T/shared"
	ln -s "$T/victim" "$T/shared/link"
	chown -h 65534 "$T/shared/link"
	rx_expect 0 "$T/out" "$T/err" --rules=RX-FILE-003 -- \
		env HOME="$H" "$PROGS/risky_file" tmplink "$T/shared/link"
	assert_content "$T/out" "risky ok"
	assert_line warning RX-FILE-003 InsecureTempFile \
		"opens $(re_quote "$T/shared/link") through a symlink of uid 65534 in $(re_quote "$T/shared"), without O_NOFOLLOW: it writes to whatever file the link's owner chose"
	assert_site risky_tmplink tmplink
	rx_expect 0 "$T/out" "$T/err" --rules=RX-FILE-003 -- \
		env HOME="$H" "$PROGS/risky_file" tmplink-ok "$T/shared/link"
	assert_none
else
	echo "   (not root: the symlink of another user is not checked)"
fi

step "RX-FILE-004 (experimental): access() then open() of the same path"
rfile toctou
assert_none
rfile toctou --rules=RX-FILE-004
assert_line warning RX-FILE-004 CheckThenUseRace \
	"access\\(\\) checked $DQ/data, then openat\\(\\) opened it by name: the file can be replaced in between"
assert_site risky_toctou toctou-use
assert_line error RX-FILE-004 CheckThenUseRace \
	"access\\(\\) checked /tmp/rxtrace-toctou-[0-9]+, then openat\\(\\) opened it by name: the file can be replaced in between; other users can write its directory"
assert_site risky_toctou toctou-tmp
# the check is the finding's earlier step
assert_count 1 "^    after: access\\(\\) checked $DQ/data at risky_toctou [^ ]*risky_file\\.c:$(line_of toctou-check) \\(" "$T/err"
assert_count 1 "^    after: access\\(\\) checked /tmp/rxtrace-toctou-[0-9]+ at risky_toctou [^ ]*risky_file\\.c:$(line_of toctou-tmpcheck) \\(" "$T/err"
rfile toctou-ok --rules=RX-FILE-004
assert_none

step "RX-FILE-005: credential stores read, by name, relative and through a dirfd"
rfile cred
assert_count 2 "^warning RX-FILE-005 CredentialStoreRead: opened $HQ/\\.ssh/id_rsa for reading \\(an SSH key or configuration\\)\$" "$T/err"
assert_site risky_cred cred-ssh
assert_site risky_cred cred-rel
assert_line warning RX-FILE-005 CredentialStoreRead \
	"opened $HQ/\\.aws/credentials for reading \\(AWS credentials\\)"
assert_site risky_cred cred-aws
assert_line warning RX-FILE-005 CredentialStoreRead \
	"opened $DQ/server\\.key for reading \\(a PEM private key\\)"
assert_site risky_cred cred-key
assert_grep '^rxtrace: 0 errors, 4 warnings, 0 notes in 1 process$' "$T/err"
# notes, a certificate in a .pem file, and an O_PATH open of the key
rfile cred-ok
assert_none

step "RX-FILE-006: writes to system and persistence locations"
rfile syswrite
assert_line warning RX-FILE-006 SystemLocationWrite \
	"tried to open $NOWHERE/x for writing \\(the system configuration\\): No such file or directory"
assert_site risky_syswrite sys-etc
assert_line warning RX-FILE-006 SystemLocationWrite \
	"tried to rename a file to $NOWHERE/staged \\(the system configuration\\): No such file or directory"
assert_site risky_syswrite sys-rename
assert_line warning RX-FILE-006 SystemLocationWrite \
	"opened $HQ/\\.bashrc for writing \\(a shell startup file\\)"
assert_site risky_syswrite sys-bashrc
assert_line error RX-FILE-006 SystemLocationWrite \
	"opened $HQ/\\.ssh/authorized_keys for writing \\(SSH authorized keys\\)"
assert_site risky_syswrite sys-authkeys
assert_grep '^rxtrace: 1 error, 3 warnings, 0 notes in 1 process$' "$T/err"
[ ! -e "$NOWHERE" ] || fail "$NOWHERE was created"
# reads of /etc/passwd and ~/.bashrc, writes and a rename in the test's directory
rfile syswrite-ok
assert_none
# read-only opens do not stop for this rule: cat traced by it alone
# stops for no call at all
rx_expect 0 "$T/out" "$T/err" --stats --rules=RX-FILE-006 -- cat /etc/passwd
assert_grep '^rxtrace: stats: [0-9]+ stops, 0 calls, 1 tasks?$' "$T/err"

step "RX-FILE-007: links to sensitive files, ../ traversal"
rfile link
assert_line warning RX-FILE-007 SensitiveLinkOrTraversal \
	"created the symlink $DQ/shadow-link to /etc/shadow, a sensitive location: code that opens the link gets it instead"
assert_site risky_link link-sym
assert_line warning RX-FILE-007 SensitiveLinkOrTraversal \
	"created the hard link $DQ/key-link to $HQ/\\.ssh/id_rsa, a sensitive location: code that opens the link gets it instead"
assert_site risky_link link-hard
assert_line warning RX-FILE-007 SensitiveLinkOrTraversal \
	"opened /etc/passwd through the path (\\.\\./){16}etc/passwd, which climbs out with \\.\\./ into /etc"
assert_site risky_link link-climb
assert_grep '^rxtrace: 0 errors, 3 warnings, 0 notes in 1 process$' "$T/err"
rfile link-ok
assert_none

step "RX-FILE-008 (experimental): descriptors leaked across exec"
rfile fdleak
assert_none
rfile fdleak --rules=RX-FILE-008
assert_line warning RX-FILE-008 FdLeakedAcrossExec \
	"fd 3 \\($DQ/out\\.log, open for writing\\) is not close-on-exec: /proc/self/exe inherits it"
assert_line warning RX-FILE-008 FdLeakedAcrossExec \
	"fd 4 \\(a TCP socket listening on port [0-9]+\\) is not close-on-exec: /proc/self/exe inherits it"
assert_site risky_fdleak fdleak-exec
assert_grep '^rxtrace: 0 errors, 2 warnings, 0 notes in 1 process$' "$T/err"
rfile fdleak-ok --rules=RX-FILE-008
assert_none

step "RX-FILE-010 (experimental): listing /, and more than 200 directories"
rfile enum-root --rules=RX-FILE-010
assert_line note RX-FILE-010 BroadFilesystemEnumeration \
	"lists /: programs that enumerate it are often searching for keys and credentials"
assert_site risky_enum_list enum-root
# reported at entry: what the kernel fills is not known yet
assert_grep '^    call: getdents64\([0-9]+, \.\.\.\)$' "$T/err"
rfile enum-root-ok --rules=RX-FILE-010
assert_none
rfile enum
assert_none
rfile enum --rules=RX-FILE-010
assert_line note RX-FILE-010 BroadFilesystemEnumeration \
	"listed 201 directories outside its working directory, install prefix and temp directories \\(the last: /sys/[^)]+\\): a crawl of the filesystem"
assert_site risky_enum_walk enum-walk
assert_grep '^rxtrace: 0 errors, 0 warnings, 1 note in 1 process$' "$T/err"
# the same crawl of a temp directory
rfile enum-ok --rules=RX-FILE-010
assert_none

step "RX-FILE-004 in SARIF: the check and the use as a code flow"
sarif_setup
# from the top of the source tree, the SARIF's source root: in a VPATH
# build the sources are not below the build directory
cd "$SRC/../.."
rfile toctou --rules=RX-FILE-004 -o "$T/toctou.sarif"
cd - >/dev/null
sarif_validate "$T/toctou.sarif"
jq_py "$T/toctou.sarif" "
rs = [r for r in d['runs'][0]['results'] if r['ruleId'] == 'RX-FILE-004']
assert len(rs) == 2, rs
want = {int(sys.argv[2]): int(sys.argv[3]), int(sys.argv[4]): int(sys.argv[5])}
for r in rs:
    assert len(r['codeFlows']) == 1, r
    assert len(r['codeFlows'][0]['threadFlows']) == 1, r
    locs = r['codeFlows'][0]['threadFlows'][0]['locations']
    assert [l['executionOrder'] for l in locs] == [1, 2], locs
    assert [l['nestingLevel'] for l in locs] == [0, 0], locs
    pl = [l['location']['physicalLocation'] for l in locs]
    assert [p['artifactLocation']['uri'] for p in pl] == ['tests/progs/risky_file.c'] * 2, pl
    use = pl[1]['region']['startLine']
    assert use in want, (use, want)
    assert pl[0]['region']['startLine'] == want[use], (pl, want)
    assert pl[1] == r['locations'][0]['physicalLocation'], r
    assert locs[0]['location']['message']['text'].startswith('access() checked '), locs
    assert locs[1]['location']['message']['text'] == r['message']['text'], locs
" "$(line_of toctou-use)" "$(line_of toctou-check)" \
	"$(line_of toctou-tmp)" "$(line_of toctou-tmpcheck)" ||
	{ show "$T/toctou.sarif"; fail "RX-FILE-004 has no code flow of its check and use"; }
jq_py "$T/toctou.sarif" "
assert all('codeFlows' not in r for r in d['runs'][0]['results'] if r['ruleId'] != 'RX-FILE-004')
" || fail "a finding of one step has a code flow"

pass
