#!/bin/sh
# Runs every test: the cmocka unit binaries in BUILD/tests/ and the
# end-to-end scripts in tests/e2e/, HP_JOBS at a time (default: the number
# of CPUs), then prints one closing line "N passed, N failed, N skipped".
# Tests that need data only ../shared holds (HP_SHARED) are skipped when it
# is missing; each reason for skipping is printed once.
# Usage: tests/run.sh BUILD [--regen]

# run_one FILE: runs a unit binary or an e2e script with its own HP_TMP,
# output in $TOP/out/NAME, exit status in $TOP/out/NAME.rc
run_one() {
	n=$(basename "$1")
	mkdir -p "$TOP/tmp/$n"
	t0=$(date +%s%N)
	case "$1" in
	*.sh) HP_TMP="$TOP/tmp/$n" sh "$1" >"$TOP/out/$n" 2>&1 ;;
	*) HP_TMP="$TOP/tmp/$n" "$1" >"$TOP/out/$n" 2>&1 ;;
	esac
	echo $? >"$TOP/out/$n.rc"
	echo $((($(date +%s%N) - t0) / 100000000)) >"$TOP/out/$n.time"
}
# internal: tests/run.sh --one FILE, as xargs starts it (environment set)
if [ "$1" = --one ]; then
	run_one "$2"
	exit 0
fi

BUILD=${1:-build}
export HP_REGEN=""
[ "$2" = "--regen" ] && export HP_REGEN=1
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export HPREPORT="$ROOT/$BUILD/hpreport"
export HP_ROOT="$ROOT"
export HP_SHARED="${HP_SHARED:-$ROOT/../shared}"
export TOP=$(mktemp -d "${TMPDIR:-/tmp}/hpreport-test.XXXXXX")
trap 'rm -rf "$TOP"' EXIT
# the reports every script reads (tests/e2e/lib.sh: fixture_report)
export HP_CACHE="$TOP/cache"
# Tests must not depend on the locale or time zone the CI machine has.
export LC_ALL=C TZ=UTC
JOBS=${HP_JOBS:-$(nproc 2>/dev/null || echo 2)}
cd "$ROOT" || exit 1
mkdir -p "$TOP/out"

all=""
for t in "$BUILD"/tests/test_*; do
	[ -x "$t" ] && all="$all $t"
done
for s in tests/e2e/*.sh; do
	[ "$(basename "$s")" = lib.sh ] || all="$all $s"
done
# the shared report first, so the scripts run at once do not race to make it
HP_TMP="$TOP" sh -c '. tests/e2e/lib.sh && fixture_report' >/dev/null 2>"$TOP/cache.err" ||
	{ cat "$TOP/cache.err"; echo "cannot render the fixture report"; }
TIMES="$BUILD/tests/.times"	# tenths of a second each took last time
if [ "$JOBS" -gt 1 ]; then
	# the longest first (by the last run; new ones count as long), so the
	# slow ones do not end up last
	for f in $all; do
		t=$(sed -n "s|^\([0-9]*\) $f\$|\1|p" "$TIMES" 2>/dev/null)
		echo "${t:-999999} $f"
	done | sort -k1,1nr | cut -d' ' -f2- |
	    xargs -P "$JOBS" -n 1 sh "$ROOT/tests/run.sh" --one
else
	for f in $all; do run_one "$f"; done
fi

passed=0
failed=0
skipped=0
: >"$TOP/reasons"
for f in $all; do
	n=$(basename "$f")
	out="$TOP/out/$n"
	rc=$(cat "$out.rc" 2>/dev/null || echo 1)
	case "$f" in
	*.sh)
		p=$(grep -c '^PASS ' "$out")
		fl=$(grep -c '^FAIL ' "$out")
		s=$(grep -c '^SKIP ' "$out")
		grep -E '^FAIL ' "$out" | sed "s|^|$n: |"
		# --regen: what each script rewrote (diffs, new and removed files)
		[ -n "$HP_REGEN" ] && grep -Ev '^(PASS|FAIL|SKIP) ' "$out"
		sed -n 's/^SKIP [^:]*: //p' "$out" >>"$TOP/reasons"
		if [ "$rc" -ne 0 ] && [ "$fl" -eq 0 ]; then
			tail -5 "$out"
			echo "$n: exited $rc"
			fl=1
		fi
		;;
	*)
		grep -E '^\[  (FAILED|ERROR) |^\[==========\] tests' "$out" | sed "s|^|$n: |"
		p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$out" | awk '{s+=$1} END {print s+0}')
		fl=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$out" | awk '{s+=$1} END {print s+0}')
		s=$(sed -n 's/^\[  SKIPPED \] \([0-9]*\) test.*/\1/p' "$out" | awk '{s+=$1} END {print s+0}')
		# cmocka tests skip only for want of ../shared (testutil.h: shared_fixture)
		i=0
		while [ "$i" -lt "$s" ]; do
			echo "needs $HP_SHARED/fixtures (Optuna's legacy databases, the real MLflow store)" >>"$TOP/reasons"
			i=$((i + 1))
		done
		if [ "$rc" -ne 0 ] && [ "$fl" -eq 0 ]; then
			tail -20 "$out"
			echo "$n: exited $rc"
			fl=1
		fi
		[ "$fl" -gt 0 ] && grep -E 'FAILED|ERROR|Failure|error' "$out" | head -20
		;;
	esac
	d=$(cat "$out.time" 2>/dev/null || echo 0)
	echo "$n: $p passed, $fl failed, $s skipped ($((d / 10)).$((d % 10)) s)" | sed 's/, 0 skipped / /'
	passed=$((passed + p))
	failed=$((failed + fl))
	skipped=$((skipped + s))
done
for f in $all; do
	echo "$(cat "$TOP/out/$(basename "$f").time" 2>/dev/null || echo 0) $f"
done >"$TIMES" 2>/dev/null
# each reason for skipping once, with how many tests it skipped
sort "$TOP/reasons" | uniq -c | sed 's/^ *\([0-9]*\) \(.*\)/skipped \1: \2/'
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
