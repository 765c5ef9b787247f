# Shared helpers for end-to-end tests: each assertion prints "PASS name" or
# "FAIL name: why"; tests/run.sh counts them.  Sourced by tests/e2e/*.sh.
# Environment from run.sh: HPREPORT (binary), HP_ROOT, HP_SHARED, HP_TMP.
FIX="$HP_SHARED/fixtures"

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; }

# expect NAME COMMAND...: the command succeeds
expect() {
	name=$1; shift
	if out=$("$@" 2>&1); then pass "$name"; else fail "$name" "$(printf '%s' "$out" | tail -1)"; fi
}

# expect_exit NAME CODE COMMAND...: the command exits with CODE
expect_exit() {
	name=$1; code=$2; shift 2
	"$@" >"$HP_TMP/out" 2>"$HP_TMP/err"
	rc=$?
	if [ "$rc" -eq "$code" ]; then pass "$name"; else fail "$name" "exit $rc, wanted $code: $(head -c 300 "$HP_TMP/err")"; fi
}

# same_file NAME EXPECTED ACTUAL: files are equal (HP_REGEN=1 rewrites EXPECTED)
same_file() {
	if [ -n "$HP_REGEN" ] && ! cmp -s "$2" "$3"; then
		diff -u "$2" "$3" | head -40
		cp "$3" "$2"
		echo "regenerated $2" >&2
	fi
	if diff -u "$2" "$3" >"$HP_TMP/diff" 2>&1; then pass "$1"; else fail "$1" "$(head -20 "$HP_TMP/diff" | tr '\n' '|')"; fi
}

# grep_file NAME PATTERN FILE: FILE contains a line matching the ERE PATTERN
grep_file() {
	if grep -Eq -- "$2" "$3" 2>/dev/null; then pass "$1"; else fail "$1" "no match for $2 in $3"; fi
}
