# lib.sh - helpers shared by the rxtrace end-to-end tests (sourced, POSIX sh)
#
# The Makefile exports:
#   RXTRACE  the rxtrace binary under test
#   PROGS    directory of the built tracee programs (tests/progs)
#   TESTLIB  this file
#   STRACE   path of strace(1), or empty when configure did not find it
#
# A test script starts with
#   #!/bin/sh
#   set -eu
#   . "${TESTLIB:-$(dirname "$0")/lib.sh}"
# and ends with "pass". Exit status: 0 pass, 1 fail, 77 skip (automake).
#
# Everything a test starts inherits RXTRACE_E2E_TAG=<unique tag> in its
# environment; at exit every process still carrying the tag is reported
# (by no_stopped_tracees) and killed, so no test leaves processes behind.

TEST_NAME=$(basename "$0" .sh)
RX_TIMEOUT=${RX_TIMEOUT:-60}	# seconds one rxtrace run may take
RX_WAIT=${RX_WAIT:-30}		# seconds to wait for an expected event

# ---- reporting -------------------------------------------------------------

# Diagnostics (fail, skip, show and the assertions' details) go to stderr,
# so that they stay visible when a helper runs inside $(...); the test
# driver logs stdout and stderr together.
fail() {
	echo "FAIL: $TEST_NAME: $*" >&2
	exit 1
}

skip() {
	echo "SKIP: $TEST_NAME: $*" >&2
	exit 77
}

# Say what is being checked next.
step() {
	echo "-- $*"
}

pass() {
	no_stopped_tracees
	echo "PASS: $TEST_NAME"
	exit 0
}

# Show a file, indented, at most 60 lines (for failure diagnostics).
show() {
	{
		echo "   ,---- $1"
		if [ -s "$1" ]; then
			sed -n '1,60{s/^/   | /;p}' "$1"
			_sn=$(wc -l <"$1")
			[ "$_sn" -le 60 ] || echo "   | ... ($_sn lines)"
		else
			echo "   | (empty)"
		fi
		echo "   \`----"
	} >&2
}

# ---- environment -------------------------------------------------------------

[ -n "${RXTRACE:-}" ] || fail "RXTRACE is not set (run the tests with 'make check')"
[ -n "${PROGS:-}" ] || fail "PROGS is not set (run the tests with 'make check')"
[ -x "$RXTRACE" ] || fail "rxtrace binary $RXTRACE not found or not executable"
[ -d "$PROGS" ] || fail "test program directory $PROGS not found"
STRACE=${STRACE:-}
if [ -z "$STRACE" ]; then
	STRACE=$(command -v strace 2>/dev/null || true)
fi

# The sources of the tracee programs, for their LINE: markers.
SRC=$(cd "$(dirname "${TESTLIB:-$0}")/../progs" && pwd)

# marker_line MARKER FILE: the number of the line of tests/progs/FILE that
# carries the comment "LINE:MARKER": tests never hard-code line numbers.
marker_line() {
	_l=$(grep -n "LINE:$1\\b" "$SRC/$2" | cut -d: -f1)
	[ -n "$_l" ] || fail "no LINE:$1 marker in $2"
	echo "$_l"
}

# Fail unless the test programs named are built.
need_prog() {
	for _p in "$@"; do
		[ -x "$PROGS/$_p" ] || fail "test program $PROGS/$_p not built"
	done
}

need_strace() {
	[ -n "$STRACE" ] && [ -x "$STRACE" ] || skip "strace not found: $*"
}

# the soft limit only: a test (RX-MEM-005) may raise it again
ulimit -S -c 0 2>/dev/null || true
# Tracees inherit this shell's descriptors: close any above stderr (a make
# jobserver's, say) so that they start like under strace, with 3 free.
for _fd in 3 4 5 6 7 8 9; do
	eval "exec $_fd>&-"
done
RXTRACE_E2E_TAG="$TEST_NAME-$$-$(date +%s)"
export RXTRACE_E2E_TAG

T=$(mktemp -d "${TMPDIR:-/tmp}/rxtrace-e2e.XXXXXX")
T=$(cd -P "$T" && pwd)	# the name -y and the kernel will print

# Background processes started with spawn (killed at exit if still there).
RX_BG=""

_rx_keep=""
_rx_cleanup() {
	_rc=$?
	set +eu
	trap - EXIT INT TERM HUP
	for _p in $RX_BG; do
		kill -KILL "$_p" 2>/dev/null
	done
	_rx_scan
	for _p in $_rx_found; do
		kill -KILL "$_p" 2>/dev/null
	done
	rm -rf "$T"
	exit "$_rc"
}
trap _rx_cleanup EXIT
trap 'echo "FAIL: $TEST_NAME: interrupted" >&2; exit 130' INT
trap 'echo "FAIL: $TEST_NAME: terminated" >&2; exit 143' TERM
trap 'echo "FAIL: $TEST_NAME: hangup" >&2; exit 129' HUP
trap 'exit 141' PIPE

# "env --default-signal" starts a background command with SIGINT and
# SIGQUIT at their defaults: a non-interactive shell starts background
# commands with both ignored, which would hide what a user pressing ^C
# sees (and what gets forwarded to a tracee).
if env --default-signal true >/dev/null 2>&1; then
	DEFSIG="env --default-signal"
	HAVE_DEFSIG=1
else
	DEFSIG=""
	HAVE_DEFSIG=0
fi

# ---- running things ------------------------------------------------------------

# rx OUT ERR ARGS...: run "rxtrace ARGS" with stdin from /dev/null,
# stdout to OUT and stderr to ERR, under a time limit (a hang fails the
# test instead of blocking the suite). The exit status is left in $RC.
rx() {
	_o=$1
	_e=$2
	shift 2
	RC=0
	timeout -k 5 "$RX_TIMEOUT" "$RXTRACE" "$@" </dev/null >"$_o" 2>"$_e" ||
		RC=$?
	if [ "$RC" -eq 124 ]; then
		show "$_e"
		fail "rxtrace timed out after ${RX_TIMEOUT}s: rxtrace $*"
	fi
}

# rx_expect N OUT ERR ARGS...: rx, and fail unless the status is N.
rx_expect() {
	_want=$1
	shift
	rx "$@"
	if [ "$RC" -ne "$_want" ]; then
		show "$2"
		shift 2
		fail "'rxtrace $*' exited with $RC, expected $_want"
	fi
}

# expect_status N CMD...: run CMD (output not redirected by the caller,
# so that a failure message stays visible) and fail unless it exits N.
expect_status() {
	_want=$1
	shift
	_got=0
	"$@" || _got=$?
	[ "$_got" -eq "$_want" ] || fail "'$*' exited with $_got, expected $_want"
}

# spawn CMD...: start CMD in the background; its pid is in $SPAWNED.
spawn() {
	"$@" &
	SPAWNED=$!
	RX_BG="$RX_BG $SPAWNED"
}

_rx_forget() {
	_new=""
	for _p in $RX_BG; do
		[ "$_p" = "$1" ] || _new="$_new $_p"
	done
	RX_BG=$_new
}

# proc_state PID: one-letter state of PID ("" when gone), no fork.
proc_state() {
	_line=""
	{ read -r _line <"/proc/$1/stat"; } 2>/dev/null || true
	_s=${_line##*) }
	echo "${_s%% *}"
}

# gone PID: true when PID no longer exists or is a zombie.
gone() {
	_line=""
	{ read -r _line <"/proc/$1/stat"; } 2>/dev/null || return 0
	_s=${_line##*) }
	case "${_s%% *}" in
	Z|X|"") return 0 ;;
	esac
	return 1
}

# wait_pid PID WHAT [SECS]: wait for a spawned process to end (at most
# SECS, default RX_TIMEOUT, then it is killed and the test fails); its
# exit status is left in $WAIT_RC.
wait_pid() {
	_n=0
	_max=$(( ${3:-$RX_TIMEOUT} * 20 ))
	while ! gone "$1"; do
		_n=$((_n + 1))
		if [ "$_n" -ge "$_max" ]; then
			kill -KILL "$1" 2>/dev/null || true
			fail "$2 (pid $1) did not end within ${3:-$RX_TIMEOUT}s"
		fi
		sleep 0.05
	done
	WAIT_RC=0
	wait "$1" || WAIT_RC=$?
	_rx_forget "$1"
}

# wait_until WHAT CMD...: poll CMD every 50 ms until it succeeds; fail
# after RX_WAIT seconds.
wait_until() {
	_what=$1
	shift
	_n=0
	while ! "$@"; do
		_n=$((_n + 1))
		[ "$_n" -lt $((RX_WAIT * 20)) ] || fail "timed out waiting for $_what"
		sleep 0.05
	done
}

# ---- assertions ------------------------------------------------------------------

# re_quote STRING: STRING with ERE special characters escaped.
re_quote() {
	printf '%s\n' "$1" | sed 's/[][\.*^$(){}?+|]/\\&/g'
}

# assert_grep ERE FILE [WHAT]
assert_grep() {
	if ! grep -Eq -e "$1" "$2"; then
		echo "   no line of $2 matches: $1" >&2
		show "$2"
		fail "${3:-expected line not found: $1}"
	fi
}

# assert_no_grep ERE FILE [WHAT]
assert_no_grep() {
	if grep -Eq -e "$1" "$2"; then
		echo "   lines of $2 that should not be there ($1):" >&2
		grep -E -e "$1" "$2" | sed -n '1,20s/^/   | /p' >&2
		fail "${3:-unexpected line found: $1}"
	fi
}

# count_grep ERE FILE: number of matching lines
count_grep() {
	grep -Ec -e "$1" "$2" || true
}

# assert_count N ERE FILE [WHAT]
assert_count() {
	_c=$(count_grep "$2" "$3")
	if [ "$_c" -ne "$1" ]; then
		show "$3"
		fail "${4:-expected $1 lines matching $2 in $3, found $_c}"
	fi
}

# assert_content FILE LINE...: FILE holds exactly these lines.
assert_content() {
	_f=$1
	shift
	printf '%s\n' "$@" >"$T/.expected"
	if ! cmp -s "$T/.expected" "$_f"; then
		echo "   $_f differs from the expected content:" >&2
		diff -u "$T/.expected" "$_f" | sed 's/^/   /' >&2 || true
		fail "unexpected content of $(basename "$_f")"
	fi
}

assert_empty() {
	if [ -s "$1" ]; then
		show "$1"
		fail "${2:-$1 should be empty}"
	fi
}

# ---- rule tests ------------------------------------------------------------------

# rules_prog NAME: the prologue of a rules_*.sh script whose tracee is
# tests/progs/NAME (built from NAME.c, modes printing "risky ok"): needs
# NAME, sets P to it and defines
#   line_of MARKER                     the line of NAME.c with LINE:MARKER
#   assert_line ERR LEVEL ID NAME ERE  the exact finding line
#   assert_site ERR FUNC MARKER        a finding's call site
#   run MODE [OPTIONS...]              rxtrace OPTIONS -- NAME MODE, which
#                                      must print "risky ok"; the report
#                                      is in $T/err
#   no_findings                        $T/err reports no findings
rules_prog() {
	need_prog "$1"
	RULES_PROG=$1
	P=$PROGS/$1
	line_of() { marker_line "$1" "$RULES_PROG.c"; }
	assert_line() {
		assert_grep "^$2 $3 $4: $5\$" "$1" "no $2 $3 finding: $5"
	}
	assert_site() {
		assert_grep "^    at $2 [^ ]*$RULES_PROG\\.c:$(line_of "$3") \\(" "$1" \
			"no call site $2 at LINE:$3"
	}
	run() {
		_m=$1
		shift
		rx_expect 0 "$T/out" "$T/err" "$@" -- "$P" "$_m"
		assert_content "$T/out" "risky ok"
	}
	no_findings() {
		assert_content "$T/err" "rxtrace: no findings"
	}
}

# ---- trace output --------------------------------------------------------------

# Syscall lines of a trace: optional "PID " (-o), optional "[pid N] ",
# then NAME( or "<... NAME resumed>".
RE_PFX='^([0-9]+ +)?(\[pid +[0-9]+\] +)?'

# syscall_names FILE: sorted unique names of the syscalls in FILE.
syscall_names() {
	sed -nE \
		-e 's/^([0-9]+ +)?(\[pid +[0-9]+\] +)?<\.\.\. ([a-z_0-9]+) resumed>.*/\3/p' \
		-e 's/^([0-9]+ +)?(\[pid +[0-9]+\] +)?([a-z_][a-z_0-9]*)\(.*/\3/p' \
		"$1" | sort -u
}

# join_unfinished FILE: FILE with every "<unfinished ...>" line joined to
# the "<... NAME resumed>" line of the same task, as if the call had not
# been interrupted by another task's output:
#   123 wait4(-1,  <unfinished ...>          123 wait4(-1, [{...}], 0, NULL) = 124
#   124 +++ exited with 0 +++          ->    124 +++ exited with 0 +++
#   123 <... wait4 resumed>[{...}], 0, NULL) = 124
# (the joined line comes where the resumed one was). An entry that is
# never resumed stays as it was. Works for "PID " and "[pid N] " prefixes.
join_unfinished() {
	awk '
	function pfx(l) {
		if (match(l, /^([0-9]+ +)?(\[pid +[0-9]+\] +)?/))
			return substr(l, 1, RLENGTH)
		return ""
	}
	{
		p = pfx($0)
		rest = substr($0, length(p) + 1)
		k = p
		gsub(/[^0-9]+/, " ", k)
		if (k == "" || k == " ") { print; next }
		if (rest ~ / <unfinished \.\.\.>$/) {
			if (k in pend)
				print pend[k] " <unfinished ...>"
			sub(/ <unfinished \.\.\.>$/, "", rest)
			pend[k] = p rest
			next
		}
		if ((k in pend) && match(rest, /^<\.\.\. [a-z_0-9]+ resumed> ?/)) {
			print pend[k] substr(rest, RLENGTH + 1)
			delete pend[k]
			next
		}
		if ((k in pend) && rest !~ /^---/) {
			print pend[k] " <unfinished ...>"
			delete pend[k]
		}
		print
	}
	END { for (k in pend) print pend[k] " <unfinished ...>" }' "$1"
}

# joined FILE: replace FILE by join_unfinished FILE.
joined() {
	join_unfinished "$1" >"$1.joined"
	mv "$1.joined" "$1"
}

# pids_of ERE FILE: sorted unique pids (first field) of matching -o lines.
pids_of() {
	grep -E -e "$1" "$2" | awk '{print $1}' | sort -u
}

# ---- -c summary tables (strace layout) -------------------------------------
#   % time     seconds  usecs/call     calls    errors syscall
#   ------ ----------- ----------- --------- --------- ----------------
#    58.51    0.000055          27         2         1 unlink
#   ...
#   100.00    0.000253          15        16         2 total
# The errors column is blank when there were none. Rows of the same name
# (strace prints one table per ABI) are added up.

# summary_rows FILE: "NAME CALLS ERRORS" for every row, the total included.
summary_rows() {
	awk '$1 ~ /^[0-9]+\.[0-9]+$/ && $2 ~ /^[0-9]+\.[0-9]+$/ &&
	     $3 ~ /^[0-9]+$/ && $4 ~ /^[0-9]+$/ &&
	     (NF == 5 || (NF == 6 && $5 ~ /^[0-9]+$/)) {
		calls[$NF] += $4; errs[$NF] += (NF == 6 ? $5 : 0)
	     }
	     END { for (n in calls) print n, calls[n], errs[n] }' "$1" | sort
}

# summary_calls FILE NAME / summary_errors FILE NAME: 0 when no row.
summary_calls() {
	summary_rows "$1" | awk -v n="$2" '$1 == n { c = $2 } END { print c + 0 }'
}
summary_errors() {
	summary_rows "$1" | awk -v n="$2" '$1 == n { e = $3 } END { print e + 0 }'
}

# ---- SARIF -------------------------------------------------------------------

# sarif_setup: what sarif_validate and jq_py need. The Microsoft SARIF
# Multitool (@microsoft/sarif-multitool 5.7.0) comes from SARIF_MULTITOOL,
# else it is installed once into the build directory; files go unvalidated
# (a NOTE says so) only when npm cannot provide it. Skips the test without
# python3, which reads the JSON (no jq needed).
sarif_setup() {
	SARIF_CHECK=$(cd "$(dirname "$TESTLIB")/../sarif" && pwd)/check-sarif.sh
	_sd=$(cd "$(dirname "$RXTRACE")" && pwd)/.sarif-tool
	SARIF_M=${SARIF_MULTITOOL:-$_sd/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool}
	if _sarif_install "$_sd"; then
		SARIF_VALIDATE=1
	else
		SARIF_VALIDATE=0
		echo "   NOTE: SARIF Multitool not available (npm unreachable?): files are not validated"
	fi
	PY=/usr/bin/python3
	[ -x "$PY" ] || PY=$(command -v python3 || true)
	[ -n "$PY" ] || skip "python3 not found: cannot inspect the SARIF files"
}

_sarif_install() {
	[ -x "$SARIF_M" ] && return 0
	[ -z "${SARIF_MULTITOOL:-}" ] || return 1
	command -v npm >/dev/null || return 1
	mkdir -p "$1"
	# the tests run in parallel: one installs, the others wait for it
	(
		if command -v flock >/dev/null; then flock 9; fi
		[ -x "$SARIF_M" ] && exit 0
		echo "   installing @microsoft/sarif-multitool@5.7.0 into $1"
		npm install --prefix "$1" --no-audit --no-fund \
			@microsoft/sarif-multitool@5.7.0 >"$T/npm.log" 2>&1 ||
			{ tail -n 3 "$T/npm.log"; exit 1; }
		chmod u+x "$SARIF_M" 2>/dev/null || true
	) 9>"$1/.lock"
	[ -x "$SARIF_M" ]
}

# sarif_validate FILE: fail unless FILE passes tests/sarif/check-sarif.sh
# (0 errors and 0 warnings, the GitHub rules on).
sarif_validate() {
	[ "$SARIF_VALIDATE" -eq 1 ] || return 0
	if ! SARIF_MULTITOOL=$SARIF_M sh "$SARIF_CHECK" "$1" >"$T/check.out" 2>&1; then
		cat "$T/check.out" >&2
		fail "$1 does not pass the SARIF gate"
	fi
}

# jq_py FILE CODE [ARG...]: run python CODE with the JSON of FILE in d
# (and the ARGs in sys.argv[2:]).
jq_py() {
	_jf=$1
	_jc=$2
	shift 2
	"$PY" -c "import json,sys; d=json.load(open(sys.argv[1])); $_jc" "$_jf" "$@"
}

# ---- process hygiene -----------------------------------------------------------

# _rx_scan: every live process carrying this test's tag in its environment
# (everything exec'ed under the test) or whose parent is the test shell
# (also catches a forked child stopped before its exec), but the test
# shell itself -> $_rx_found; the stopped ones -> $_rx_stopped. Runs in
# the current shell on purpose: processes forked for the scan did not
# exist when the /proc glob was expanded.
_rx_scan() {
	_rx_found=""
	_rx_stopped=""
	for _d in /proc/[0-9]*; do
		_p=${_d#/proc/}
		[ "$_p" != "$$" ] || continue
		_line=""
		{ read -r _line <"$_d/stat"; } 2>/dev/null || continue
		_s=${_line##*) }
		_pp=${_s#* }
		_pp=${_pp%% *}
		_s=${_s%% *}
		if [ "$_pp" != "$$" ]; then
			grep -qzx "RXTRACE_E2E_TAG=$RXTRACE_E2E_TAG" "$_d/environ" \
				2>/dev/null || continue
		fi
		case " $_rx_keep " in *" $_p "*) continue ;; esac
		case "$_s" in
		Z|X|"") continue ;;
		T|t) _rx_stopped="$_rx_stopped $_p" ;;
		esac
		_rx_found="$_rx_found $_p"
	done
}

# task_states PID: "TID:STATE:TRACERPID ..." for every thread of PID.
task_states() {
	_out=""
	for _d in /proc/"$1"/task/[0-9]*; do
		[ -d "$_d" ] || continue
		_tid=${_d##*/}
		_line=""
		{ read -r _line <"$_d/stat"; } 2>/dev/null || continue
		_s=${_line##*) }
		_tp=$(sed -n 's/^TracerPid:[[:space:]]*//p' "$_d/status" 2>/dev/null)
		_out="$_out $_tid:${_s%% *}:${_tp:-?}"
	done
	echo "$_out"
}

# _running_untraced PID: every thread of PID exists, is not stopped and
# has no tracer.
_running_untraced() {
	_ts=$(task_states "$1")
	[ -n "$_ts" ] || return 1
	for _e in $_ts; do
		case "$_e" in
		*:T:*|*:t:*) return 1 ;;
		*:0) ;;
		*) return 1 ;;
		esac
	done
	return 0
}

# assert_running_untraced PID WHAT: PID runs on, untraced and unstopped
# (allowing a few seconds for a detach still in progress).
assert_running_untraced() {
	_n=0
	while ! _running_untraced "$1"; do
		_n=$((_n + 1))
		if [ "$_n" -ge 100 ]; then
			echo "   threads of $1 (tid:state:tracer): $(task_states "$1")" >&2
			fail "$2 (pid $1) is gone, stopped or still traced"
		fi
		sleep 0.05
	done
}

# assert_traced_by PID TRACER WHAT: every thread of PID has TRACER as its
# tracer, or any tracer when TRACER is "any" (polls: threads are attached
# one after the other).
assert_traced_by() {
	_n=0
	while :; do
		_ok=1
		_ts=$(task_states "$1")
		[ -n "$_ts" ] || _ok=0
		for _e in $_ts; do
			case "$_e" in
			*:0|*:\?) _ok=0 ;;
			*:"$2") ;;
			*) [ "$2" = any ] || _ok=0 ;;
			esac
		done
		[ "$_ok" -eq 0 ] || return 0
		_n=$((_n + 1))
		if [ "$_n" -ge $((RX_WAIT * 20)) ]; then
			echo "   threads of $1 (tid:state:tracer): $_ts" >&2
			fail "$3: not every thread of $1 is traced by $2"
		fi
		sleep 0.05
	done
}

# no_stopped_tracees [PID...]: no process started by this test is left
# behind (stopped or not), except the PIDs given (processes the test keeps
# running on purpose; check them with assert_running_untraced). Allows a
# few seconds for processes on their way out.
no_stopped_tracees() {
	_rx_keep="$*"
	_n=0
	while :; do
		_rx_scan
		[ -n "$_rx_found" ] || break
		_n=$((_n + 1))
		if [ "$_n" -ge 100 ]; then
			echo "   processes left behind by this test:" >&2
			for _p in $_rx_found; do
				ps -o pid=,ppid=,stat=,args= -p "$_p" 2>/dev/null |
					sed 's/^/   | /' >&2
			done
			_rx_keep=""
			if [ -n "$_rx_stopped" ]; then
				fail "process(es) left stopped:$_rx_stopped"
			fi
			fail "process(es) left behind:$_rx_found"
		fi
		sleep 0.05
	done
	_rx_keep=""
}
