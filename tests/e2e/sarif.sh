#!/bin/sh
# sarif.sh - -o FILE.sarif / --format=sarif: every SARIF file written here
# passes the Microsoft SARIF Multitool gate (tests/sarif/check-sarif.sh:
# 0 errors, 0 warnings with the GitHub rules on), and holds what CI needs:
# the rules, one result per finding with a repository location, stacks,
# fingerprints that do not change between runs, counts, the invocation.
#
# The multitool comes from npm (@microsoft/sarif-multitool 5.7.0): from
# SARIF_MULTITOOL, else installed once into the build directory; the
# validation is skipped only when npm cannot provide it.
set -eu
# shellcheck source=tests/e2e/lib.sh
. "${TESTLIB:-$(dirname "$0")/lib.sh}"

need_prog risky stackchain-stripped
TOP=$(cd "$(dirname "$TESTLIB")/../.." && pwd)
sarif_setup

step "a finding: rules[], result, location in the repository, stack, fingerprint"
cd "$TOP"
rx_expect 0 "$T/out" "$T/err" -o "$T/a.sarif" -- "$PROGS/risky" tiocsti
assert_empty "$T/err"
sarif_validate "$T/a.sarif"
L=$(marker_line tiocsti-call risky.c)
jq_py "$T/a.sarif" "
r = d['runs'][0]
rules = r['tool']['driver']['rules']
assert len(rules) == 54, len(rules)
assert d['version'] == '2.1.0'
res = [x for x in r['results'] if x['ruleId'] == 'RX-PROC-012']
assert len(res) == 2, res
x = res[0]
assert rules[x['ruleIndex']]['id'] == 'RX-PROC-012'
assert x['level'] == 'error'
assert x['message']['text'].endswith('.')
loc = x['locations'][0]['physicalLocation']
assert loc['artifactLocation']['uri'] == 'tests/progs/risky.c', loc
assert loc['artifactLocation']['uriBaseId'] == 'SRCROOT'
assert any(y['locations'][0]['physicalLocation']['region']['startLine'] == $L for y in res)
assert x['stacks'][0]['frames'][1]['location']['logicalLocations'][0]['name'] == 'risky_tiocsti'
assert len(x['partialFingerprints']['rxtraceStackHash/v1']) == 16
assert x['properties']['security-severity'] == '7.8'
assert x['occurrenceCount'] == 1
inv = r['invocations'][0]
assert inv['executionSuccessful'] is True and inv['exitCode'] == 0
assert rules[x['ruleIndex']]['properties']['security-severity'] == '7.8'
assert 'external/cwe/cwe-749' in rules[x['ruleIndex']]['properties']['tags']
" || { show "$T/a.sarif"; fail "the SARIF log is not as expected"; }

step "fingerprints are stable across runs (no lines, addresses, pids or times in them)"
rx_expect 0 "$T/out" "$T/err" --format=sarif -o "$T/b.json" -- "$PROGS/risky" tiocsti
sarif_validate "$T/b.json"
# (RX-PROC-012's two results: RX-PROC-016 reports the second call too)
fp() { jq_py "$1" "print(' '.join(sorted(x['partialFingerprints']['rxtraceStackHash/v1'] for x in d['runs'][0]['results'] if x['ruleId'] == 'RX-PROC-012')))"; }
[ "$(fp "$T/a.sarif")" = "$(fp "$T/b.json")" ] || fail "fingerprints changed between two runs"
[ "$(fp "$T/a.sarif" | wc -w)" -eq 2 ] || fail "not two results"
# the two calls are in one function: the same fingerprint, by design
[ "$(fp "$T/a.sarif" | tr ' ' '\n' | sort -u | wc -l)" -eq 1 ] || fail "lines went into the fingerprint"

step "no findings, a secret, a program outside the repository, a stripped one"
rx_expect 0 "$T/out" "$T/err" -o "$T/none.sarif" -- "$PROGS/risky" tiocsti-ok
sarif_validate "$T/none.sarif"
jq_py "$T/none.sarif" "assert d['runs'][0]['results'] == []"
SECRET=AKIAIOSFODNN7QWERTYU
rx_expect 0 "$T/out" "$T/err" -o "$T/env.sarif" -- env AWS_ACCESS_KEY_ID=$SECRET "$PROGS/risky" env
sarif_validate "$T/env.sarif"
! grep -q "$SECRET" "$T/env.sarif" || fail "the secret value is in the SARIF log"
jq_py "$T/env.sarif" "
x = d['runs'][0]['results'][0]
assert x['ruleId'] == 'RX-ENV-001'
u = x['locations'][0]['physicalLocation']['artifactLocation']['uri']
assert u.endswith('tests/progs/risky'), u
"
# run from elsewhere: no source file is in the "repository" (the working
# directory) but the stripped program is, so it anchors the result
strip -o "$T/risky-stripped" "$PROGS/risky"
cd "$T"
rx_expect 0 "$T/out" "$T/err" -o "$T/out.sarif" -- "$T/risky-stripped" tiocsti
sarif_validate "$T/out.sarif"
jq_py "$T/out.sarif" "
x = d['runs'][0]['results'][0]
loc = x['locations'][0]['physicalLocation']
assert loc['artifactLocation']['uri'] == 'risky-stripped', loc
assert loc['region']['startLine'] == 1
"
rx_expect 0 "$T/out" "$T/err" -o "$T/out2.sarif" -- "$PROGS/risky" tiocsti
sarif_validate "$T/out2.sarif"
cd "$TOP"
rx_expect 3 "$T/out" "$T/err" -o "$T/exit.sarif" -- sh -c 'exit 3'
jq_py "$T/exit.sarif" "assert d['runs'][0]['invocations'][0]['properties']['traceeExitCode'] == 3"
jq_py "$T/exit.sarif" "assert 'toolExecutionNotifications' not in d['runs'][0]['invocations'][0]"

step "a tracee killed mid-run: a tracer note in toolExecutionNotifications"
rx_expect 137 "$T/out" "$T/err" -o "$T/kill.sarif" -- sh -c 'kill -9 $$'
assert_empty "$T/err"
sarif_validate "$T/kill.sarif"
jq_py "$T/kill.sarif" "
inv = d['runs'][0]['invocations'][0]
assert inv['executionSuccessful'] is True and inv['exitCode'] == 137, inv
n = inv['toolExecutionNotifications']
assert len(n) == 1, n
x = n[0]
assert x['descriptor']['id'] == 'RX-TRACER-KILLED', x
assert x['level'] == 'note'
assert '(signal 9): 1 time, first pid ' in x['message']['text'], x
assert x['properties']['count'] == 1 and x['properties']['firstPid'] > 0, x
" || { show "$T/kill.sarif"; fail "no tracer note for the killed tracee"; }

step "--max-findings: the findings not kept are a notification too"
rx_expect 0 "$T/out" "$T/err" --max-findings=2 -o "$T/max.sarif" -- "$PROGS/risky_lib" copies
sarif_validate "$T/max.sarif"
jq_py "$T/max.sarif" "
r = [x for x in d['runs'][0]['results'] if x['ruleId'] == 'RX-LIB-001']
assert len(r) == 2, r
n = d['runs'][0]['invocations'][0]['toolExecutionNotifications']
m = [x for x in n if x.get('associatedRule', {}).get('id') == 'RX-LIB-001']
assert len(m) == 1 and m[0]['level'] == 'warning', n
assert m[0]['message']['text'].startswith('6 more occurrences of new RX-LIB-001 findings'), m
" || { show "$T/max.sarif"; fail "no notification of the findings not kept"; }

step "bytes that are not UTF-8 still give valid JSON"
mkdir -p "$T/$(printf 'bad\377dir')"
cp "$PROGS/risky" "$T/$(printf 'bad\377dir')/risky"
rx "$T/out" "$T/err" -o "$T/utf.sarif" -- "$T/$(printf 'bad\377dir')/risky" tiocsti
[ "$RC" -eq 0 ] || { show "$T/err"; fail "rxtrace exited with $RC"; }
jq_py "$T/utf.sarif" "assert len(d['runs'][0]['results']) == 3"
sarif_validate "$T/utf.sarif"

pass
