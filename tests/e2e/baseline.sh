#!/bin/sh
# baseline.sh - --baseline and --fail-on across runs: results against an
# earlier report are unchanged, updated, new or absent, the gate trips
# with status 3 and one stderr line, and the command's failure and
# rxtrace's own come first; a broken baseline stops rxtrace before it
# traces or writes anything. The report itself: a symlink planted at -o
# is replaced, not followed, and the report is complete when the command
# crashes and when rxtrace gets SIGINT. Every SARIF file written here
# passes the Multitool gate (see sarif.sh).
set -eu
# shellcheck source=tests/e2e/lib.sh
. "${TESTLIB:-$(dirname "$0")/lib.sh}"

need_prog risky risky_memnet
TOP=$(cd "$(dirname "$TESTLIB")/../.." && pwd)
sarif_setup
RISKY=$PROGS/risky
SECRET=AKIAIOSFODNN7QWERTYU

# states FILE: "ruleId:baselineState" of every result, in order
states() {
	jq_py "$1" "print(' '.join(x['ruleId'] + ':' + x.get('baselineState', '-') for x in d['runs'][0]['results']))"
}
# assert_states FILE WANT
assert_states() {
	_got=$(states "$1")
	[ "$_got" = "$2" ] || { show "$1"; fail "$1: states '$_got', expected '$2'"; }
}

# paths in the reports are relative to the checkout
cd "$TOP"

step "the same program against its own report: every result unchanged"
rx_expect 0 "$T/out" "$T/err" -o "$T/a.sarif" -- "$RISKY" tiocsti
sarif_validate "$T/a.sarif"
assert_states "$T/a.sarif" "RX-PROC-012:- RX-PROC-012:- RX-PROC-016:-"
rx_expect 0 "$T/out" "$T/err" --baseline="$T/a.sarif" --fail-on=new -o "$T/b.sarif" -- "$RISKY" tiocsti
assert_empty "$T/err"
assert_content "$T/out" "risky ok"
sarif_validate "$T/b.sarif"
assert_states "$T/b.sarif" "RX-PROC-012:unchanged RX-PROC-012:unchanged RX-PROC-016:unchanged"
rx_expect 0 "$T/out" "$T/err" --baseline "$T/a.sarif" --fail-on=new -- "$RISKY" tiocsti
assert_count 2 '^error RX-PROC-012 .* \[unchanged\]$' "$T/err"
assert_grep '^rxtrace: baseline: 0 new, 0 updated, 3 unchanged, 0 absent$' "$T/err"
assert_no_grep 'fail-on' "$T/err"
# the baseline may be the file the report replaces
cp "$T/a.sarif" "$T/same.sarif"
rx_expect 0 "$T/out" "$T/err" --baseline="$T/same.sarif" -o "$T/same.sarif" -- "$RISKY" tiocsti
assert_states "$T/same.sarif" "RX-PROC-012:unchanged RX-PROC-012:unchanged RX-PROC-016:unchanged"

step "one more rule: its finding is new, and --fail-on=new trips (3, one line)"
rx_expect 3 "$T/out" "$T/err" --baseline="$T/a.sarif" --fail-on=new -o "$T/c.sarif" -- \
	env AWS_ACCESS_KEY_ID=$SECRET "$RISKY" tiocsti
assert_content "$T/err" "rxtrace: --fail-on=new: 1 new finding"
sarif_validate "$T/c.sarif"
assert_states "$T/c.sarif" "RX-ENV-001:new RX-PROC-012:unchanged RX-PROC-012:unchanged RX-PROC-016:unchanged"
jq_py "$T/c.sarif" "assert d['runs'][0]['invocations'][0]['exitCode'] == 3" ||
	fail "the SARIF invocation does not say rxtrace exited with 3"
rx_expect 3 "$T/out" "$T/err" --baseline="$T/a.sarif" --fail-on=new -- \
	env AWS_ACCESS_KEY_ID=$SECRET "$RISKY" tiocsti
assert_grep '^error RX-ENV-001 .* \[new\]$' "$T/err"
assert_grep '^rxtrace: baseline: 1 new, 0 updated, 3 unchanged, 0 absent$' "$T/err"
[ "$(tail -n 1 "$T/err")" = "rxtrace: --fail-on=new: 1 new finding" ] ||
	fail "the gate line is not the last line of stderr"

step "a finding gone since: absent, as it was, and valid"
rx_expect 0 "$T/out" "$T/err" --baseline="$T/c.sarif" --fail-on=new -o "$T/d.sarif" -- "$RISKY" tiocsti
assert_empty "$T/err"
sarif_validate "$T/d.sarif"
assert_states "$T/d.sarif" "RX-PROC-012:unchanged RX-PROC-012:unchanged RX-PROC-016:unchanged RX-ENV-001:absent"
jq_py "$T/d.sarif" "
old = [x for x in json.load(open(sys.argv[2]))['runs'][0]['results'] if x['ruleId'] == 'RX-ENV-001'][0]
x = d['runs'][0]['results'][3]
assert x['ruleIndex'] == 0, x
assert d['runs'][0]['tool']['driver']['rules'][0]['id'] == 'RX-ENV-001'
for k in ('level', 'message', 'locations', 'partialFingerprints'):
    assert x[k] == old[k], k
assert set(x) == {'ruleId', 'ruleIndex', 'level', 'message', 'locations',
                  'partialFingerprints', 'baselineState'}, x
" "$T/c.sarif" || fail "the absent result is not the earlier one"
rx_expect 0 "$T/out" "$T/err" --baseline="$T/c.sarif" -- "$RISKY" tiocsti
assert_grep '^rxtrace: baseline: 0 new, 0 updated, 3 unchanged, 1 absent$' "$T/err"
# absent in the baseline: not a finding to match any more
rx_expect 0 "$T/out" "$T/err" --baseline="$T/d.sarif" -o "$T/e.sarif" -- "$RISKY" tiocsti
assert_states "$T/e.sarif" "RX-PROC-012:unchanged RX-PROC-012:unchanged RX-PROC-016:unchanged"

step "updated: another level; a rule the catalogue no longer has comes back absent"
jq_py "$T/a.sarif" "
r = d['runs'][0]['results']
r[0]['level'] = 'warning'
r[1]['ruleId'] = 'RX-OLD-999'
json.dump(d, open(sys.argv[2], 'w'))
" "$T/old.sarif"
rx_expect 3 "$T/out" "$T/err" --baseline="$T/old.sarif" --fail-on=new -o "$T/f.sarif" -- "$RISKY" tiocsti
assert_content "$T/err" "rxtrace: --fail-on=new: 1 new and 1 updated findings"
sarif_validate "$T/f.sarif"
assert_states "$T/f.sarif" "RX-PROC-012:updated RX-PROC-012:new RX-PROC-016:unchanged RX-OLD-999:absent"
jq_py "$T/f.sarif" "assert 'ruleIndex' not in d['runs'][0]['results'][3]" ||
	fail "an absent result of an unknown rule has a ruleIndex"

step "--fail-on levels, without a baseline, and suppressed findings"
rx_expect 3 "$T/out" "$T/err" --fail-on=new -o "$T/g.txt" -- "$RISKY" tiocsti
assert_content "$T/err" "rxtrace: --fail-on=new: 3 new findings"
assert_no_grep '\[new\]' "$T/g.txt"
rx_expect 3 "$T/out" "$T/err" --fail-on=error -o "$T/g.txt" -- "$RISKY" tiocsti
assert_content "$T/err" "rxtrace: --fail-on=error: 3 findings at error or above"
rx_expect 0 "$T/out" "$T/err" --fail-on=error -o "$T/g.txt" -- "$RISKY" mlockfork
assert_empty "$T/err"
rx_expect 3 "$T/out" "$T/err" --fail-on=warning -o "$T/g.txt" -- "$RISKY" mlockfork
assert_content "$T/err" "rxtrace: --fail-on=warning: 1 finding at warning or above"
rx_expect 0 "$T/out" "$T/err" --fail-on=none -o "$T/g.txt" -- "$RISKY" tiocsti
printf 'RX-PROC-012\nRX-PROC-016\n' >"$T/accept"
rx_expect 0 "$T/out" "$T/err" --fail-on=note --suppress="$T/accept" -o "$T/g.txt" -- "$RISKY" tiocsti
assert_empty "$T/err"
rx_expect 125 "$T/out" "$T/err" --fail-on=old -- "$RISKY" tiocsti
assert_grep "^rxtrace: invalid --fail-on 'old' \(new, error, warning, note or none\)$" "$T/err"
rx_expect 125 "$T/out" "$T/err" --fail-on=error -e trace=ioctl -- "$RISKY" tiocsti
assert_grep '^rxtrace: --baseline and --fail-on need findings mode' "$T/err"
assert_empty "$T/out"

step "a broken baseline: one line, 125, nothing traced, the -o file as it was"
cp "$T/a.sarif" "$T/keep.sarif"
head -c 300 "$T/a.sarif" >"$T/cut.sarif"
echo '[]' >"$T/array.sarif"
jq_py "$T/a.sarif" "d['version'] = '2.0.0'; json.dump(d, open(sys.argv[2], 'w'))" "$T/v2.sarif"
jq_py "$T/a.sarif" "d['runs'][0]['tool']['driver']['name'] = 'CodeQL'; json.dump(d, open(sys.argv[2], 'w'))" "$T/codeql.sarif"
jq_py "$T/a.sarif" "d['runs'][0]['results'][1]['ruleId'] = 7; json.dump(d, open(sys.argv[2], 'w'))" "$T/typed.sarif"
broken() {
	rx_expect 125 "$T/out" "$T/err" --baseline="$T/$1" --fail-on=new -o "$T/keep.sarif" -- "$RISKY" tiocsti
	assert_count 1 . "$T/err" "$1: not one line on stderr"
	assert_grep "^rxtrace: cannot use baseline $(re_quote "$T/$1"): $2\$" "$T/err"
	assert_empty "$T/out" "$1: the command ran"
	cmp -s "$T/keep.sarif" "$T/a.sarif" || fail "$1: the -o file changed"
	rx_expect 125 "$T/out" "$T/err" --baseline="$T/$1" -o "$T/new.sarif" -- "$RISKY" tiocsti
	[ ! -e "$T/new.sarif" ] || fail "$1: the -o file was created"
}
broken cut.sarif 'not JSON \(line [0-9]+: .*\)'
broken array.sarif 'not a SARIF 2\.1\.0 log'
broken v2.sarif 'not a SARIF 2\.1\.0 log'
broken codeql.sarif 'not an rxtrace report \(tool\.driver\.name is not rxtrace\)'
broken typed.sarif 'runs\[0\]\.results\[1\]\.ruleId is not a string'
broken missing.sarif 'No such file or directory'
# no temporary report left behind either
[ -z "$(find "$T" -name '.*.sarif.*')" ] || fail "a temporary report was left behind"

step "the command's failure comes before the gate, rxtrace's own before both"
rx_expect 4 "$T/out" "$T/err" --fail-on=new -o "$T/h.sarif" -- \
	sh -c '"$1" tiocsti; exit 4' sh "$RISKY"
assert_grep '^rxtrace: --fail-on=new: [0-9]+ new findings$' "$T/err"
sarif_validate "$T/h.sarif"
jq_py "$T/h.sarif" "assert d['runs'][0]['invocations'][0]['exitCode'] == 4"
rx_expect 139 "$T/out" "$T/err" --fail-on=error -o "$T/h.sarif" -- \
	sh -c '"$1" tiocsti; exec "$2" segv' sh "$RISKY" "$PROGS/risky_memnet"
assert_grep '^rxtrace: --fail-on=error: ' "$T/err"
if [ -w /dev/full ]; then
	rx_expect 125 "$T/out" "$T/err" --fail-on=new -o /dev/full -- "$RISKY" tiocsti
	assert_grep '^rxtrace: cannot write /dev/full: ' "$T/err"
fi

step "a symlink planted at -o in a sticky directory is replaced, not followed"
mkdir -m 1777 "$T/sticky"
echo precious >"$T/target"
ln -s ../target "$T/sticky/r.sarif"
rx_expect 0 "$T/out" "$T/err" -o "$T/sticky/r.sarif" -- "$RISKY" tiocsti
[ ! -L "$T/sticky/r.sarif" ] && [ -f "$T/sticky/r.sarif" ] || fail "the symlink is still there"
assert_content "$T/target" "precious"
[ "$(stat -c %a "$T/sticky/r.sarif")" = 600 ] || fail "the report is not mode 600"
sarif_validate "$T/sticky/r.sarif"
[ "$(ls -A "$T/sticky")" = r.sarif ] || fail "files left in the directory: $(ls -A "$T/sticky")"

step "complete reports when the command crashes, and after SIGINT"
rx_expect 139 "$T/out" "$T/err" -o "$T/crash.sarif" -- \
	sh -c '"$1" tiocsti; exec "$2" segv' sh "$RISKY" "$PROGS/risky_memnet"
sarif_validate "$T/crash.sarif"
jq_py "$T/crash.sarif" "
r = d['runs'][0]
assert [x['ruleId'] for x in r['results']].count('RX-PROC-012') == 2
assert r['invocations'][0]['properties']['traceeExitCode'] == 139
" || fail "the report of a crashed command is not complete"
# launch mode: a signal sent to rxtrace alone goes to the command; without
# env --default-signal, SIGINT would be ignored in this background job
if [ "$HAVE_DEFSIG" -eq 1 ]; then SIG=INT; CODE=130; else SIG=TERM; CODE=143; fi
spawn $DEFSIG "$RXTRACE" -o "$T/int.sarif" -- \
	sh -c '"$1" tiocsti; : >"$2"; exec sleep 60' sh "$RISKY" "$T/ready" \
	</dev/null >"$T/int.out" 2>"$T/int.err"
RX=$SPAWNED
wait_until "the command to be ready" test -e "$T/ready"
kill -"$SIG" "$RX"
wait_pid "$RX" rxtrace
[ "$WAIT_RC" -eq "$CODE" ] || { show "$T/int.err"; fail "rxtrace exited with $WAIT_RC after SIG$SIG, expected $CODE"; }
sarif_validate "$T/int.sarif"
jq_py "$T/int.sarif" "
r = d['runs'][0]
assert [x['ruleId'] for x in r['results']].count('RX-PROC-012') == 2
assert r['invocations'][0]['properties']['traceeExitCode'] == $CODE
" || fail "the report after SIG$SIG is not complete"
[ -z "$(find "$T" -name '.int.sarif.*')" ] || fail "a temporary report was left behind"

pass
