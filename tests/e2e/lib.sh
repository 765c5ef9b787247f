# Shared helpers for end-to-end tests: each assertion prints "PASS name",
# "FAIL name: why" or "SKIP name: why"; tests/run.sh counts them.  Sourced
# by tests/e2e/*.sh.  Environment from run.sh: HPREPORT (binary), HP_ROOT,
# HP_SHARED, HP_TMP.
O31="$HP_ROOT/tests/data/optuna-3.1"	# the project's Optuna 3.1 fixture
FIX="$HP_SHARED/fixtures"		# data only ../shared holds

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; }
skip() { echo "SKIP $1: $2"; }

# have_shared NAME: true when $FIX is there, else says NAME is skipped
have_shared() {
	[ -d "$FIX" ] && return 0
	skip "$1" "needs $FIX (Optuna's legacy databases, the real MLflow store)"
	return 1
}

# fixture_report: prints the directory of the full report of $O31/study.db
# with default options, rendered once per run (tests/run.sh renders it
# before the scripts start; a script run alone renders it here).  Read it,
# or cp -R it before changing it.
fixture_report() {
	c="${HP_CACHE:-$HP_TMP/cache}/optuna31"
	if [ ! -f "$c/index.html" ]; then
		mkdir -p "${c%/*}"
		"$HPREPORT" -q "$O31/study.db" -o "$c" >&2 || return 1
	fi
	echo "$c"
}

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

# history_csv DIR NAME VALUECOL: the optimization history as it was once
# written, number,value,best_value: data/NAME.csv (number, best_value)
# joined by number with column VALUECOL of data/trials.csv, read by name
# as pgfplots reads columns (the values live in trials.csv alone)
history_csv() {
	python3 -c 'import csv, sys
d, name, col = sys.argv[1:4]
value = {r["number"]: r[col] for r in csv.DictReader(open(d + "/data/trials.csv"))}
print("number,value,best_value")
for r in csv.DictReader(open(d + "/data/" + name + ".csv")):
    print("%s,%s,%s" % (r["number"], value[r["number"]], r["best_value"]))' "$@"
}

# grep_file NAME PATTERN FILE: FILE contains a line matching the ERE PATTERN
grep_file() {
	if grep -Eq -- "$2" "$3" 2>/dev/null; then pass "$1"; else fail "$1" "no match for $2 in $3"; fi
}
