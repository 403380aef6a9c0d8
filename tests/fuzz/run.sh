#!/bin/sh
# tests/fuzz/run.sh - run each libFuzzer harness for a bounded time
#
#   tests/fuzz/run.sh [HARNESS...]     (default: decode suppress baseline json)
#
# Run from a build directory configured with --enable-fuzzing after
# make fuzz (this script builds nothing). Each harness starts from a copy
# of its committed corpus, tests/fuzz/corpus/HARNESS/, so the committed
# one never grows; a crash, a hang or a leak fails the run and leaves
# its input as tests/fuzz/HARNESS-crash-* (-timeout-, -oom-, -leak-) in
# the build directory.
# Environment: FUZZ_SECONDS per harness (default 60), FUZZ_WORKDIR
# where the working corpora go (default a temporary directory).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
secs=${FUZZ_SECONDS:-60}
[ $# -gt 0 ] || set -- decode suppress baseline json
work=${FUZZ_WORKDIR:-$(mktemp -d "${TMPDIR:-/tmp}/rxfuzz.XXXXXX")}
[ -n "${FUZZ_WORKDIR:-}" ] || trap 'rm -rf "$work"' EXIT
failed=

for h in "$@"; do
	bin=tests/fuzz/fuzz_$h
	[ -x "$bin" ] || { echo "run.sh: $bin not built (configure --enable-fuzzing; make fuzz)" >&2; exit 2; }
	rm -rf "$work/$h"
	mkdir -p "$work/$h"
	cp "$here/corpus/$h"/* "$work/$h/"
	echo "==> fuzz_$h: $secs s"
	# -rss_limit_mb: the default 2 GiB; -timeout: a hang is a failure too
	if ! "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="tests/fuzz/$h-" \
		"$work/$h" 2>"$work/$h.log"; then
		tail -n 60 "$work/$h.log"
		failed="$failed $h"
	else
		grep -E '^(#[0-9]+.*DONE|stat::number_of_executed_units|stat::peak_rss_mb)' \
			"$work/$h.log" || true
	fi
done
if [ -n "$failed" ]; then
	echo "run.sh: crashes in:$failed" >&2
	exit 1
fi
echo "run.sh: no crash"
