# End to end: the surrogate figures (importances, objective dependence) on
# the Optuna 3.1 fixture and on tests/data/dominant.db (objective dominated
# by param "x"): files written, the dominant param ranked first, one figure
# per objective for two objectives, --surrogate and --dependence.
. "$HP_ROOT/tests/e2e/lib.sh"
R="$HP_TMP/surr"
DB="$O31/study.db"

# has_files NAME DIR STEM...: DIR/figures/STEM.{png,svg,pdf} and DIR/data/STEM.csv exist, non-empty
has_files() {
	name=$1; dir=$2; shift 2
	miss=""
	for stem in "$@"; do
		for f in figures/$stem.png figures/$stem.svg figures/$stem.pdf data/$stem.csv; do
			[ -s "$dir/$f" ] || miss="$miss $f"
		done
	done
	if [ -z "$miss" ]; then pass "$name"; else fail "$name" "missing:$miss"; fi
}

# first_param NAME CSV PARAM: the first data row of an importances.csv
# (param,importance,rank,method) names PARAM, rank 1
first_param() {
	got=$(sed -n 2p "$3" 2>/dev/null)
	case "$got" in
	"$2,"*",1,"*) ;;
	*) fail "$1" "first row is '$got'"; return ;;
	esac
	pass "$1"
}

# the surrogate figures of the 3.1 fixture: those of the full report
F=$(fixture_report) && pass "surrogate figures of the 3.1 fixture" || fail "surrogate figures of the 3.1 fixture" "see the error above"
has_files "mixed-minimize figures and data written" "$F/mixed-minimize" importances objective
has_files "maximize-inf figures and data written" "$F/maximize-inf" importances objective
has_files "two-objectives: one figure per objective" "$F/two-objectives" importances_0 importances_1 objective_0 objective_1
# PED-ANOVA (the default): dropout first, as Optuna 5 and
# tests/data/ped_anova_ref.py (tests/e2e/pedanova.sh checks the numbers)
first_param "mixed-minimize ranks dropout first, as Optuna's PED-ANOVA" dropout "$F/mixed-minimize/data/importances.csv"
first_param "maximize-inf ranks x first, as Optuna's PED-ANOVA" x "$F/maximize-inf/data/importances.csv"
grep_file "importances.csv header" '^param,importance,rank,method$' "$F/mixed-minimize/data/importances.csv"
# objective.csv: a grid per shown param and per pair of them, each named
# once (tests/e2e/gridcsv.py reads the layout the caption states), a
# categorical axis's nodes its choices as the DB's distribution has them
OBJ="$F/mixed-minimize/data/objective.csv"
grep_file "objective.csv header" '^x_param,y_param,y,z0,z1,' "$OBJ"
grep_file "objective.csv has a categorical pair" '^activation,optimizer,x,' "$OBJ"
grep_file "its caption says the layout" '^Each grid: a row naming its x_param and y_param' \
    "$F/mixed-minimize/figures/objective.txt"
if python3 "$HP_ROOT/tests/e2e/gridcsv.py" "$OBJ" full >"$HP_TMP/grids" 2>&1; then
	d=$(awk '$1 ~ /:$/' "$HP_TMP/grids" | wc -l)
	p=$(awk '$1 !~ /:$/' "$HP_TMP/grids" | wc -l)
	[ "$d" -ge 2 ] && [ "$p" -eq $((d * (d - 1) / 2)) ] &&
		pass "objective.csv: $d params and their $p pairs, each grid once" ||
		fail "objective.csv: a grid per param and per pair" "$d params, $p pairs"
else fail "objective.csv in the grid layout" "$(head -1 "$HP_TMP/grids")"; fi
want=$(sqlite3 "$DB" "SELECT DISTINCT distribution_json FROM trial_params JOIN trials USING (trial_id)
    JOIN studies USING (study_id) WHERE study_name = 'mixed-minimize' AND param_name = 'activation'" |
    python3 -c 'import json, sys; print(",".join(map(str, json.loads(sys.stdin.read())["attributes"]["choices"])))')
got=$(grep '^activation,,x,' "$OBJ" | cut -d, -f4- | sed 's/,*$//')
[ -n "$want" ] && [ "$got" = "$want" ] && pass "objective.csv: activation's nodes are its choices ($got)" ||
	fail "objective.csv: activation's nodes are its choices" "'$got', DB '$want'"
n=$(($(wc -l <"$F/mixed-minimize/data/importances.csv") - 1))
[ "$n" -eq 8 ] && pass "mixed-minimize ranks its 8 params, the conditional one too" || fail "mixed-minimize ranks its 8 params" "$n rows"
# fANOVA, as Optuna 3.1 ranked them
expect "--importance fanova on the 3.1 fixture" "$HPREPORT" -q --plots importances --format svg \
    --importance fanova "$DB" -o "$R.fan"
first_param "fANOVA: mixed-minimize ranks units first, as Optuna 3.1" units "$R.fan/mixed-minimize/data/importances.csv"
first_param "fANOVA: maximize-inf ranks x first, as Optuna 3.1" x "$R.fan/maximize-inf/data/importances.csv"
n=$(($(wc -l <"$R.fan/mixed-minimize/data/importances.csv") - 1))
[ "$n" -eq 7 ] && pass "fANOVA: mixed-minimize ranks its 7 unconditional params" || fail "fANOVA: mixed-minimize ranks its 7 unconditional params" "$n rows"

expect "surrogate figures of dominant.db" "$HPREPORT" -q --plots importances,objective \
    "$HP_ROOT/tests/data/dominant.db" -o "$R.dom"
has_files "dominant figures and data written" "$R.dom" importances objective
first_param "dominant param x ranked first" x "$R.dom/data/importances.csv"
grep_file "importances below 0.01 still listed" '^lr,' "$R.dom/data/importances.csv"

expect "--surrogate gp" "$HPREPORT" -q --plots objective --format png --surrogate gp \
    "$HP_ROOT/tests/data/dominant.db" -o "$R.gp"
has_files_png() {
	if [ -s "$2/figures/objective.png" ] && [ -s "$2/data/objective.csv" ]; then pass "$1"; else fail "$1" "missing"; fi
}
has_files_png "--surrogate gp writes the objective figure" "$R.gp"
expect "--surrogate forest" "$HPREPORT" -q --plots objective --format png --surrogate forest \
    "$HP_ROOT/tests/data/dominant.db" -o "$R.rf"
has_files_png "--surrogate forest writes the objective figure" "$R.rf"
if cmp -s "$R.gp/data/objective.csv" "$R.rf/data/objective.csv"; then
	fail "gp and forest surrogates give different dependence" "same objective.csv"
else
	pass "gp and forest surrogates give different dependence"
fi
expect "--dependence best" "$HPREPORT" -q --plots objective --format png --dependence best \
    "$HP_ROOT/tests/data/dominant.db" -o "$R.best"
has_files_png "--dependence best writes the objective figure" "$R.best"
if cmp -s "$R.gp/data/objective.csv" "$R.best/data/objective.csv"; then
	fail "--dependence best differs from the average" "same objective.csv"
else
	pass "--dependence best differs from the average"
fi
expect_exit "--surrogate with a bad value is a usage error" 1 "$HPREPORT" -q --surrogate svm "$DB" -o "$HP_TMP/x"
expect_exit "--dependence with a bad value is a usage error" 1 "$HPREPORT" -q --dependence max "$DB" -o "$HP_TMP/x"

# deterministic
"$HPREPORT" -q --plots importances,objective --format png "$HP_ROOT/tests/data/dominant.db" -o "$R.again" 2>/dev/null
if cmp -s "$R.dom/data/importances.csv" "$R.again/data/importances.csv" &&
    cmp -s "$R.dom/data/objective.csv" "$R.again/data/objective.csv" &&
    cmp -s "$R.dom/figures/objective.png" "$R.again/figures/objective.png"; then
	pass "surrogate figures are deterministic"
else
	fail "surrogate figures are deterministic" "second run differs"
fi
