#!/usr/bin/env bash
# run.sh - run rxtrace's overhead benchmark: compare.sh (every scenario,
# side by side with strace) and a start-up measurement.
#
# Usage: bench/run.sh [RXTRACE [SCENARIO...]]
#   RXTRACE    the rxtrace binary to measure; default: ./rxtrace in the
#              current directory (a build directory), else ../rxtrace next
#              to this script (an in-tree build).  Nothing is built: run
#              make first.  (The workload, bench_syscalls.c, is compiled
#              into a temporary directory, as compare.sh does.)
#   SCENARIO   synth stacks child real default libcalls events startup   (default: all)
#
# Environment (all optional):
#   PIN=0        CPU that tracer and tracee share (taskset -c); PIN= (empty)
#                runs unpinned.  Default 0: on small machines, pinned figures
#                repeat within a few percent, unpinned ones do not.
#   STARTUP_RUNS=30  STARTUP_WARMUP=3   rounds of the start-up measurement
#   STRACE=strace
#   and everything compare.sh reads (RUNS, WARMUP, TIMER, PYTHON, TAR_DIR,
#   RXTRACE_TRACE_ARGS, RXTRACE_STACK_ARGS, RXTRACE_DEFAULT_ARGS,
#   RXTRACE_EVENTS_ARGS).
set -euo pipefail
export LC_ALL=C

HERE=$(cd "$(dirname "$0")" && pwd)
usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 2; }
die() { echo "run.sh: $*" >&2; exit 2; }
[[ ${1:-} != -h && ${1:-} != --help ]] || usage

if [[ $# -ge 1 ]]; then
	RX=$1
	shift
elif [[ -x ./rxtrace && ! -d ./rxtrace ]]; then
	RX=$PWD/rxtrace
elif [[ -x $HERE/../rxtrace ]]; then
	RX=$HERE/../rxtrace
else
	die "no rxtrace binary in . or $HERE/..: build it first (make), or pass its path"
fi
p=$(command -v -- "$RX") || die "rxtrace binary '$RX' not found"
RX=$p
[[ $RX = /* ]] || RX=$PWD/$RX

ALL=(synth stacks child real default libcalls events startup)
SCENARIOS=("$@")
[[ ${#SCENARIOS[@]} -gt 0 ]] || SCENARIOS=("${ALL[@]}")
COMPARE=()
STARTUP=no
for s in "${SCENARIOS[@]}"; do
	case $s in
	startup) STARTUP=yes ;;
	synth|stacks|child|real|default|libcalls|events) COMPARE+=("$s") ;;
	*) die "unknown scenario '$s' (expected: ${ALL[*]})" ;;
	esac
done

export PIN=${PIN-0}
STRACE=${STRACE:-strace}
STARTUP_RUNS=${STARTUP_RUNS:-30}
STARTUP_WARMUP=${STARTUP_WARMUP:-3}
if [[ -n $PIN ]]; then PINNED="pinned to CPU $PIN"; else PINNED="not pinned"; fi

echo "rxtrace: $RX ($("$RX" -V 2>/dev/null | head -n 1 || echo 'version unknown'))"
echo "kernel $(uname -r), $(nproc) CPUs, $($STRACE -V 2>/dev/null | head -n 1 || echo 'no strace')," \
	"$PINNED"
echo

if [[ ${#COMPARE[@]} -gt 0 ]]; then
	"$HERE/compare.sh" "$RX" "${COMPARE[@]}"
	echo
fi

[[ $STARTUP = yes ]] || exit 0

# ---- start-up: a workload that makes no syscall of its own ----------------
command -v gcc >/dev/null || die "gcc not found (apt-get install gcc)"
command -v "$STRACE" >/dev/null || die "strace not found (apt-get install strace)"
if [[ -n $PIN ]]; then
	command -v taskset >/dev/null || die "taskset not found (apt-get install util-linux)"
fi
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
gcc -O2 -Wall -Wextra -o "$W/bench_syscalls" "$HERE/bench_syscalls.c"

# q WORD...: POSIX single-quoting, understood by eval and hyperfine -N.
q() {
	local a
	for a; do printf "'%s' " "${a//\'/\'\\\'\'}"; done
}
PFX=""
[[ -n $PIN ]] && PFX=$(q taskset -c "$PIN")
WORK=$(q "$W/bench_syscalls" 0 0 0 0 0)
NAMES=(native strace rxtrace)
declare -A CMD=(
	[native]="$PFX$WORK"
	[strace]="$PFX$(q "$STRACE" -f --seccomp-bpf -e trace=none -o /dev/null)$WORK"
	[rxtrace]="$PFX$(q "$RX" -e trace=none -o /dev/null --)$WORK"
)

# A tracer that rejects its flags "starts" in no time: check statuses first.
for n in "${NAMES[@]}"; do
	rc=0
	eval "${CMD[$n]}" >/dev/null 2>"$W/err" || rc=$?
	if ((rc != 0)); then
		echo "warning: [startup] $n exited with status $rc: ${CMD[$n]}" >&2
		tail -n 3 "$W/err" | sed 's/^/    /' >&2
	fi
done

if command -v hyperfine >/dev/null; then
	TIMER=hyperfine
	args=()
	for n in "${NAMES[@]}"; do args+=(-n "$n" "${CMD[$n]}"); done
	hyperfine -N -i --style none --warmup "$STARTUP_WARMUP" --runs "$STARTUP_RUNS" \
		--export-csv "$W/startup.csv" "${args[@]}" >/dev/null 2>"$W/hf.err" ||
		{ cat "$W/hf.err" >&2; die "hyperfine failed"; }
	# command,mean,stddev,median,user,system,min,max (seconds)
	ROWS=$(awk -F, 'NR > 1 { printf "%s %.3f %.3f %.3f\n", $1, $4 * 1000, $2 * 1000, $7 * 1000 }' \
		"$W/startup.csv")
else
	echo "note: hyperfine not found (apt-get install hyperfine); timing with a shell loop" >&2
	TIMER=shell
	[[ -n ${EPOCHREALTIME:-} ]] || die "bash 5 (EPOCHREALTIME) or hyperfine needed"
	ROWS=""
	for n in "${NAMES[@]}"; do
		: >"$W/$n.t"
		for ((r = 0; r < STARTUP_WARMUP + STARTUP_RUNS; r++)); do
			t0=$EPOCHREALTIME
			eval "${CMD[$n]}" >/dev/null 2>&1 || true
			t1=$EPOCHREALTIME
			((r < STARTUP_WARMUP)) ||
				awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f\n", (b - a) * 1000 }' >>"$W/$n.t"
		done
		ROWS+=$(sort -g "$W/$n.t" | awk -v n="$n" '{ v[NR] = $1; s += $1 }
			END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
			      printf "%s %.3f %.3f %.3f\n", n, m, s / NR, v[1] }')$'\n'
	done
fi

echo "start-up: bench_syscalls 0 0 0 0 0 (no syscalls of its own), timer $TIMER," \
	"$STARTUP_RUNS runs + $STARTUP_WARMUP warm-up, $PINNED"
printf '%-10s %10s %10s %10s %10s\n' command "median ms" "mean ms" "min ms" "x native"
awk 'NF == 4 { name[NR] = $1; med[NR] = $2; mean[NR] = $3; min[NR] = $4; if ($1 == "native") nat = $2 }
	END { for (i = 1; i <= NR; i++) if (i in name)
		printf "%-10s %10.3f %10.3f %10.3f %9.2fx\n", name[i], med[i], mean[i], min[i],
			(nat > 0 ? med[i] / nat : 0) }' <<<"$ROWS"
echo
echo "commands:"
for n in "${NAMES[@]}"; do printf '  %-8s %s\n' "$n" "${CMD[$n]}"; done
