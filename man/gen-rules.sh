#!/bin/sh
# gen-rules.sh RXTRACE - the RULES list of rxtrace.1, in mdoc, from the
# catalogue the binary carries (rxtrace --list-rules), so that the manual
# cannot drift from it: "make man-rules" writes it into man/rxtrace.1
# between the BEGIN/END RULES comments, tests/e2e/manpage.sh checks it.
set -eu
"$1" --list-rules | awk '
NR == 1 { next }
{
	title = $0
	for (i = 1; i <= 6; i++)
		sub(/^[^ ]+ +/, "", title)
	dflt = $5 == "on" ? "default" : $5 == "off" ? "experimental" : "not implemented"
	printf ".It Sy %s Li %s\n", $1, $6
	printf "%s (%s, security-severity %s, %s; %s)\n", title, $2, $3, $4, dflt
}'
