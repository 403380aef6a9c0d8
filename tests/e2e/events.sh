#!/bin/sh
# events.sh - --events FILE and --format=jsonl: JSON Lines (schema
# rxtrace-events/1) that python's json module reads line by line: the
# header first, a record per traced call with its decoded arguments,
# result and the rules it raised, process records, the findings at the
# end; only the calls rxtrace stops on anyway; no secret value.
set -eu
# shellcheck source=tests/e2e/lib.sh
. "${TESTLIB:-$(dirname "$0")/lib.sh}"

need_prog risky_file exitcode
PY=/usr/bin/python3
[ -x "$PY" ] || PY=$(command -v python3 || true)
[ -n "$PY" ] || skip "python3 not found: cannot read the JSON Lines"

# jl FILE CODE: run CODE with R, the records of FILE: every line strict
# UTF-8, one JSON object with a "type", the header first
jl() {
	"$PY" -c "
import json, sys
raw = open(sys.argv[1], 'rb').read()
assert raw.endswith(b'\n'), 'the last line is not terminated'
R = [json.loads(l.decode('utf-8')) for l in raw.split(b'\n')[:-1]]
for r in R:
    assert isinstance(r, dict) and r.get('type') in (
        'header', 'syscall', 'process-start', 'process-exit', 'finding'), r
h = R[0]
assert h['type'] == 'header' and h['schema'] == 'rxtrace-events/1', h
assert [r for r in R if r['type'] == 'header'] == [h]
calls = [r for r in R if r['type'] == 'syscall']
exits = [r for r in R if r['type'] == 'process-exit']
starts = [r for r in R if r['type'] == 'process-start']
finds = [r for r in R if r['type'] == 'finding']
$2" "$1" || { show "$1"; fail "unexpected records in $(basename "$1")"; }
}

H=$T/home
D=$T/d
mkdir -p "$H/.ssh" "$H/.aws" "$D"
# what risky_file cred reads (tests/progs/risky_file.c)
printf -- '-----BEGIN OPENSSH PRIVATE KEY-----\nbm90IGEga2V5\n-----END OPENSSH PRIVATE KEY-----\n' \
	>"$H/.ssh/id_rsa"
printf '[default]\n' >"$H/.aws/credentials"
echo "not a key" >"$D/server.key"
CANARY=ghp_Zq8RcanaryX4v7Lm2Tn9Wp3Ks6Hd1Yb5JfQa

step "findings mode: calls with their rules, processes, findings; the report too"
# env looks risky_file up in PATH: the first directory has none, a
# failed execve every run has
rx_expect 0 "$T/out" "$T/err" --stats --events "$T/ev.jsonl" -o "$T/report.txt" -- \
	env PATH="$T/none:$PROGS" HOME="$H" GITHUB_TOKEN=$CANARY risky_file cred "$D"
assert_grep '^warning RX-FILE-005 CredentialStoreRead: ' "$T/report.txt"
assert_grep '^error RX-ENV-001 SecretInEnvironment: GITHUB_TOKEN=<redacted' "$T/report.txt"
CALLS=$(sed -n 's/^rxtrace: stats: [0-9]* stops, \([0-9]*\) calls.*/\1/p' "$T/err")
[ -n "$CALLS" ] || { show "$T/err"; fail "no --stats line"; }
jl "$T/ev.jsonl" "
ssh = [c for c in calls if c['syscall'] == 'openat' and c['args'][1] == '\"$H/.ssh/id_rsa\"']
assert len(ssh) == 1, ssh
c = ssh[0]
assert c['args'] == ['AT_FDCWD', '\"$H/.ssh/id_rsa\"', 'O_RDONLY|O_CLOEXEC'], c
assert c['ret'] >= 0 and 'errno' not in c and c['rules'] == ['RX-FILE-005'], c
assert list(c) == ['type', 'ts', 'pid', 'tid', 'syscall', 'abi', 'args', 'ret', 'rules'], c
assert c['abi'] == 'x86_64' and c['pid'] == c['tid'], c
assert c['ts'].endswith('Z') and len(c['ts']) == 27, c['ts']
# one record per call the engine handed on (--stats), nothing more
assert len(calls) == $CALLS, (len(calls), $CALLS)
# findings mode stops only on what the rules need
assert not [c for c in calls if c['syscall'] in ('read', 'write', 'close', 'mmap')], calls
ex = [c for c in calls if c['syscall'] == 'execve']
bad = [c for c in ex if c['ret'] != 0]
ex = [c for c in ex if c['ret'] == 0]
assert len(ex) == 2, ex
assert ex[1]['rules'] == ['RX-ENV-001'], ex[1]
assert len(bad) == 1 and bad[0]['errno'] == 'ENOENT' and bad[0]['ret'] == -2, bad
assert bad[0]['args'][0] == '\"$T/none/risky_file\"', bad
assert all(('errno' in c) == (c['ret'] is not None and c['ret'] < 0) for c in calls)
p = [s for s in starts if s['path'] == '$PROGS/risky_file']
assert len(p) == 1 and p[0]['argv'] == ['risky_file', 'cred', '$D'], starts
assert starts[0]['path'].endswith('/env'), starts
assert starts[0]['argv'][3] == 'GITHUB_TOKEN=' + '*' * 40, starts[0]
assert exits == [{'type': 'process-exit', 'ts': exits[0]['ts'], 'pid': p[0]['pid'],
                  'exit_code': 0, 'signal': None, 'core': False}], exits
# the findings come last, in report order, as the text report has them
n = len(finds)
assert n == 4 and R[-n:] == finds, [r['type'] for r in R[-n:]]
assert [f['rule'] for f in finds] == ['RX-ENV-001'] + ['RX-FILE-005'] * 3, finds
f = finds[1]
assert f['level'] == 'warning' and f['key'] == '$H/.ssh/id_rsa' and f['count'] == 1, f
assert f['site']['function'] == 'risky_cred', f
assert f['site']['file'].endswith('tests/progs/risky_file.c'), f
assert f['site']['line'] == $(marker_line cred-ssh risky_file.c), f
assert f['call'].startswith('openat(AT_FDCWD, \"$H/.ssh/id_rsa\"'), f
assert f['pids'] == [p[0]['pid']] and f['suppressed'] is False, f
"
if grep -q "$CANARY" "$T/ev.jsonl"; then
	fail "the secret value is in the events file"
fi

step "--events costs no extra call: the same calls without it"
rx_expect 0 "$T/out" "$T/err" --stats -o "$T/report2.txt" -- \
	env PATH="$T/none:$PROGS" HOME="$H" GITHUB_TOKEN=$CANARY risky_file cred "$D"
assert_grep "^rxtrace: stats: [0-9]+ stops, $CALLS calls" "$T/err"

step "a finding record carries its SARIF result's fingerprint"
rx_expect 0 "$T/out" "$T/err" --events "$T/ev3.jsonl" -o "$T/report.sarif" -- \
	env HOME="$H" GITHUB_TOKEN=$CANARY "$PROGS/risky_file" cred "$D"
jl "$T/ev3.jsonl" "
sarif = json.load(open('$T/report.sarif'))
want = sorted((r['ruleId'], r['partialFingerprints']['rxtraceStackHash/v1'])
              for r in sarif['runs'][0]['results'])
got = sorted((f['rule'], f['fingerprint']) for f in finds)
assert len(got) == 4 and got == want, (got, want)
assert all(len(f['fingerprint']) == 16 and int(f['fingerprint'], 16) >= 0 for f in finds), finds
"

step "--format=jsonl, and -o FILE.jsonl: the header and the findings"
for how in --format=jsonl ""; do
	out=$T/r$how.jsonl
	[ -n "$how" ] || out=$T/report.jsonl
	# shellcheck disable=SC2086
	rx_expect 0 "$T/out" "$T/err" $how -o "$out" -- \
		env HOME="$H" GITHUB_TOKEN=$CANARY "$PROGS/risky_file" cred "$D"
	assert_empty "$T/err"
	jl "$out" "
assert [r['type'] for r in R] == ['header'] + ['finding'] * 4, R
assert [f['rule'] for f in finds] == ['RX-ENV-001'] + ['RX-FILE-005'] * 3, finds
"
	if grep -q "$CANARY" "$out"; then
		fail "the secret value is in the JSON Lines report"
	fi
done

step "trace mode: the selected calls, exit codes and signals, any bytes"
rx_expect 7 "$T/out" "$T/err" -e trace=openat,exit_group -o "$T/trace" \
	--events "$T/ev2.jsonl" -- "$PROGS/exitcode" 7
assert_grep '^[0-9]+ +exit_group\(7\) += \?' "$T/trace"
jl "$T/ev2.jsonl" "
assert {c['syscall'] for c in calls} == {'openat', 'exit_group'}, calls
g = calls[-1]
assert g['syscall'] == 'exit_group' and g['args'] == ['7'] and g['ret'] is None, g
assert len(exits) == 1 and exits[0]['exit_code'] == 7 and exits[0]['signal'] is None, exits
assert starts[0]['argv'] == ['$PROGS/exitcode', '7'], starts
assert finds == []
"
rx_expect 137 "$T/out" "$T/err" -e trace=none --events "$T/ev3.jsonl" -- \
	sh -c 'kill -KILL $$' "$(printf 'a\377\001')"
jl "$T/ev3.jsonl" "
assert calls == [], calls
assert exits[0]['exit_code'] is None and exits[0]['signal'] == 'SIGKILL', exits
assert starts[0]['argv'][3] == 'a\ufffd\x01', starts
"

step "an events file that cannot be written"
rx_expect 125 "$T/out" "$T/err" --events "$T/no/such/dir/ev.jsonl" -- "$PROGS/exitcode" 0
assert_grep "^rxtrace: cannot open $(re_quote "$T")/no/such/dir/ev\\.jsonl: No such file or directory\$" "$T/err"
rx_expect 125 "$T/out" "$T/err" --format=json -- "$PROGS/exitcode" 0
assert_grep "invalid --format 'json' \\(text, sarif or jsonl\\)" "$T/err"

pass
