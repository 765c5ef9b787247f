#!/bin/sh
# Runs every test: the cmocka unit binaries in BUILD/tests/ and the
# end-to-end scripts in tests/e2e/, then prints one closing line
# "N passed, N failed".  Usage: tests/run.sh BUILD [--regen]
BUILD=${1:-build}
export HP_REGEN=""
[ "$2" = "--regen" ] && export HP_REGEN=1
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export HPREPORT="$ROOT/$BUILD/hpreport"
export HP_ROOT="$ROOT"
export HP_SHARED="${HP_SHARED:-$ROOT/../shared}"
export HP_TMP=$(mktemp -d "${TMPDIR:-/tmp}/hpreport-test.XXXXXX")
trap 'rm -rf "$HP_TMP"' EXIT
# Tests must not depend on the locale or time zone the CI machine has.
export LC_ALL=C TZ=UTC
passed=0
failed=0
cd "$ROOT" || exit 1
for t in "$BUILD"/tests/test_*; do
	[ -x "$t" ] || continue
	out=$("$t" 2>&1)
	rc=$?
	printf '%s\n' "$out" | grep -E '^\[  (FAILED|ERROR) |^\[  PASSED  \]|^\[==========\] tests' | sed "s|^|$(basename "$t"): |"
	p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | awk '{s+=$1} END {print s+0}')
	f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | awk '{s+=$1} END {print s+0}')
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		printf '%s\n' "$out" | tail -20
		echo "$(basename "$t"): exited $rc"
		f=1
	fi
	[ "$f" -gt 0 ] && printf '%s\n' "$out" | grep -E 'FAILED|ERROR|Failure|error' | head -20
	passed=$((passed + p))
	failed=$((failed + f))
done
for s in tests/e2e/*.sh; do
	[ "$(basename "$s")" = lib.sh ] && continue
	[ -f "$s" ] || continue
	out=$(sh "$s" 2>&1)
	rc=$?
	p=$(printf '%s\n' "$out" | grep -c '^PASS ')
	f=$(printf '%s\n' "$out" | grep -c '^FAIL ')
	printf '%s\n' "$out" | grep -E '^FAIL |^SKIP ' | sed "s|^|$(basename "$s"): |"
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		printf '%s\n' "$out" | tail -5
		echo "$(basename "$s"): exited $rc"
		f=1
	fi
	echo "$(basename "$s"): $p passed, $f failed"
	passed=$((passed + p))
	failed=$((failed + f))
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
