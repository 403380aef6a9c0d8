#!/bin/sh
# manpage.sh - the manual says what the binary does: its RULES list is
# the catalogue rxtrace carries (regenerate it with "make man-rules"),
# every long option of --help is documented, and it has the sections of
# an mdoc manual.
set -eu
# shellcheck source=tests/e2e/lib.sh
. "${TESTLIB:-$(dirname "$0")/lib.sh}"

TOP=$(cd "$(dirname "$TESTLIB")/../.." && pwd)
MAN=$TOP/man/rxtrace.1
[ -f "$MAN" ] || fail "no manual at $MAN"

step "RULES lists the catalogue of rxtrace --list-rules"
sed -n '/^\.\\" BEGIN RULES/,/^\.\\" END RULES/p' "$MAN" | sed '1d;$d' >"$T/man"
sh "$TOP/man/gen-rules.sh" "$RXTRACE" >"$T/want"
[ -s "$T/want" ] || fail "gen-rules.sh produced nothing"
if ! cmp -s "$T/man" "$T/want"; then
	diff -u "$T/want" "$T/man" | sed -n '1,40s/^/   /p' >&2
	fail "the manual's RULES list differs from the catalogue: run make man-rules"
fi
[ "$(grep -c '^\.It Sy RX-' "$T/man")" -eq 54 ] || fail "the RULES list does not have 54 rules"

step "every long option of --help is in OPTIONS"
rx_expect 0 "$T/help" "$T/err" --help
grep -o -- '--[a-z][a-z-]*' "$T/help" | sort -u >"$T/opts"
[ -s "$T/opts" ] || fail "no long options in --help"
while read -r opt; do
	name=${opt#--}
	grep -q "^\.It Fl \\\\-$(printf '%s' "$name" | sed 's/-/\\\\-/g')\\b" "$MAN" ||
		grep -q "Fl \\\\-$(printf '%s' "$name" | sed 's/-/\\\\-/g')" "$MAN" ||
		fail "option $opt of --help is not in the manual"
done <"$T/opts"

step "the sections of the manual"
for sec in NAME SYNOPSIS DESCRIPTION OPTIONS "EXIT STATUS" EXAMPLES RULES "SEE ALSO"; do
	grep -q "^\.Sh $sec\$" "$MAN" || fail "no $sec section"
done

pass
