# End to end: the whole figure set on the Optuna 3.1 fixture (three
# studies: mixed-minimize, maximize-inf with +-inf values, two-objectives).
# The exact set of figure files per study, every figure in three formats
# with its caption and the data it derives (each trial value once), every PNG decoding to a non-blank picture, golden checks
# against Optuna (Pareto front = study.best_trials from expected.json,
# importances), and the --objective and --params options.
. "$HP_ROOT/tests/e2e/lib.sh"
DB="$O31/study.db"
PNGCHECK="python3 $HP_ROOT/tests/e2e/pngcheck.py"

# same_list NAME EXPECTED ACTUAL: two space-separated lists are equal as sets
same_list() {
	e=$(printf '%s\n' $2 | sort | tr '\n' ' ')
	a=$(printf '%s\n' $3 | sort | tr '\n' ' ')
	if [ "$e" = "$a" ]; then pass "$1"; else fail "$1" "wanted [$e] got [$a]"; fi
}

# stems DIR: the figure stems in DIR/figures (from the PNGs)
stems() {
	(cd "$1/figures" 2>/dev/null && ls *.png 2>/dev/null | sed 's/\.png$//')
}

# complete NAME DIR: every stem has png, svg, pdf and its caption txt,
# non-empty, and data/STEM.csv unless it only plots trials (their values
# are data/trials.csv's: evaluations, parallel coordinates, slice,
# timeline), and figures/ holds nothing else
complete() {
	missing=""
	n=0
	for s in $(stems "$2"); do
		for f in figures/$s.png figures/$s.svg figures/$s.pdf figures/$s.txt data/$s.csv; do
			case $f in
			data/evaluations*|data/parallel_coordinate*|data/slice*|data/timeline*)
				[ -e "$2/$f" ] && missing="$missing $f(not wanted)"
				continue ;;
			esac
			[ -s "$2/$f" ] || missing="$missing $f"
		done
		n=$((n + 4))
	done
	have=$(ls "$2/figures" | wc -l)
	if [ -z "$missing" ] && [ "$have" -eq "$n" ]; then pass "$1"
	else fail "$1" "missing:$missing; $have files for $n expected"; fi
}

# nonblank NAME DIR: every PNG in DIR/figures decodes and has ink
nonblank() {
	out=$($PNGCHECK "$2"/figures/*.png 2>&1)
	bad=$(printf '%s\n' "$out" | awk '$2 == "BAD" || $3 + 0 < 0.1')
	if [ -n "$out" ] && [ -z "$bad" ]; then pass "$1"; else fail "$1" "$(printf '%s' "$bad$out" | head -3 | tr '\n' '|')"; fi
}

PER="convergence importances objective evaluations contour parallel_coordinate slice edf rank"
R=$(fixture_report) && pass "report of the 3.1 fixture" || fail "report of the 3.1 fixture" "see the error above"

same_list "mixed-minimize has the single-objective set with learning curves" \
    "$PER timeline intermediate_values" "$(stems "$R/mixed-minimize")"
same_list "maximize-inf reports no intermediate values (it has none)" \
    "$PER timeline" "$(stems "$R/maximize-inf")"
two=""
for s in $PER; do two="$two ${s}_0 ${s}_1"; done
same_list "two-objectives: per-objective figures suffixed, one Pareto front and hypervolume" \
    "$two pareto_front hypervolume timeline" "$(stems "$R/two-objectives")"
# (mixed-minimize and two-objectives minimise, maximize-inf maximises: two
# groups, never one axis)
same_list "the comparison of the three studies, by direction" \
    "compare_convergence-maximize compare_convergence-minimize edf-maximize edf-minimize" "$(stems "$R")"
for d in mixed-minimize maximize-inf two-objectives .; do
	complete "$d: every figure in png, svg, pdf with its data" "$R/$d"
	nonblank "$d: every PNG decodes to a non-blank picture" "$R/$d"
done
for d in mixed-minimize maximize-inf two-objectives; do
	out=$(python3 "$HP_ROOT/tests/e2e/data_once.py" "$R/$d" 2>&1) &&
	    pass "$d: data/ holds each trial value once; captions name real columns" ||
	    fail "$d: data/ holds each trial value once; captions name real columns" \
	    "$(printf '%s' "$out" | head -3 | tr '\n' '|')"
done

# Pareto front = Optuna's study.best_trials (expected.json, made by Optuna 3.1)
want=$(python3 -c 'import json, sys; print(" ".join(map(str, sorted(json.load(open(sys.argv[1]))["two-objectives"]["pareto_numbers"]))))' \
    "$O31/expected.json")
got=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "pareto") c = i; next } $c == 1 { print $1 }' \
    "$R/two-objectives/data/pareto_front.csv" | sort -n | tr '\n' ' ')
same_list "Pareto front is Optuna's best_trials (30 49 65 66)" "$want" "$got"
same_list "expected.json names the known front" "30 49 65 66" "$want"
rows=$(awk 'END { print NR - 1 }' "$R/two-objectives/data/pareto_front.csv")
[ "$rows" -eq 80 ] && pass "pareto_front.csv lists all 80 COMPLETE trials" || fail "pareto_front.csv lists all 80 COMPLETE trials" "$rows rows"

# importances (PED-ANOVA, as Optuna 5): dropout first for mixed-minimize,
# one table per objective
first=$(sed -n 2p "$R/mixed-minimize/data/importances.csv" | cut -d, -f1)
[ "$first" = dropout ] && pass "importances rank dropout first for mixed-minimize" || fail "importances rank dropout first for mixed-minimize" "first is $first"
if cmp -s "$R/two-objectives/data/importances_0.csv" "$R/two-objectives/data/importances_1.csv"; then
	fail "importances differ per objective" "same table"
else pass "importances differ per objective"; fi
if cmp -s "$R/two-objectives/data/convergence_0.csv" "$R/two-objectives/data/convergence_1.csv"; then
	fail "convergence differs per objective" "same table"
else pass "convergence differs per objective"; fi
best=$(python3 -c 'import csv, sys
print(max((r["values_1"] for r in csv.DictReader(open(sys.argv[1])) if r["state"] == "COMPLETE"),
          key=float))' "$R/two-objectives/data/trials.csv")
last=$(tail -1 "$R/two-objectives/data/convergence_1.csv" | cut -d, -f2)
[ -n "$best" ] && [ "$best" = "$last" ] && pass "objective 1 is maximized: its best so far ends at the largest value" \
    || fail "objective 1 is maximized: its best so far ends at the largest value" "max $best, last best $last"

# contour: one plot for the single pair of maximize-inf, the lower triangle
# (each of the 28 pairs of 8 params once) for mixed-minimize
pairs() { awk -F, '$3 == "x" { print $1 ":" $2 }' "$1" | tr '\n' ' '; }
# contour.csv in the grid layout its caption states (tests/e2e/gridcsv.py)
if python3 "$HP_ROOT/tests/e2e/gridcsv.py" "$R/mixed-minimize/data/contour.csv" >"$HP_TMP/grids" 2>&1 &&
    [ "$(wc -l <"$HP_TMP/grids")" -eq 28 ]; then
	pass "contour.csv: 28 grids, each pair named once"
else fail "contour.csv: 28 grids, each pair named once" "$(head -2 "$HP_TMP/grids")"; fi
same_list "maximize-inf contour is the single pair x, y" "x:y" "$(pairs "$R/maximize-inf/data/contour.csv")"
np=$(pairs "$R/mixed-minimize/data/contour.csv" | wc -w)
nu=$(pairs "$R/mixed-minimize/data/contour.csv" | tr ' ' '\n' | awk -F: 'NF { print ($1 < $2) ? $1 ":" $2 : $2 ":" $1 }' | sort -u | wc -l)
[ "$np" -eq 28 ] && [ "$nu" -eq 28 ] && pass "mixed-minimize contour shows each of the 28 pairs once" || fail "mixed-minimize contour shows each of the 28 pairs once" "$np panels, $nu distinct pairs"

# rank keeps the trials that lack the conditional param momentum
rows=$(awk 'END { print NR - 1 }' "$R/mixed-minimize/data/rank.csv")
[ "$rows" -eq 42 ] && pass "rank keeps all 42 COMPLETE trials" || fail "rank keeps all 42 COMPLETE trials" "$rows rows"

# --objective 1: only the per-objective figures of objective 1, keeping
# their _1 suffix (the names a full report uses, so scripts find them)
expect "--objective 1" "$HPREPORT" -q --study two-objectives --objective 1 "$DB" -o "$HP_TMP/figs.obj"
one=""
for s in $PER; do one="$one ${s}_1"; done
same_list "--objective 1 makes only the _1 per-objective figures" \
    "$one pareto_front hypervolume timeline" "$(stems "$HP_TMP/figs.obj")"
same_file "--objective 1 gives the same slice caption as the full report" \
    "$R/two-objectives/figures/slice_1.txt" "$HP_TMP/figs.obj/figures/slice_1.txt"
same_file "--objective 1 gives the same rank data as the full report" \
    "$R/two-objectives/data/rank_1.csv" "$HP_TMP/figs.obj/data/rank_1.csv"
expect_exit "--objective 2 of two is a usage error" 1 "$HPREPORT" -q --study two-objectives --objective 2 "$DB" -o "$HP_TMP/figs.obj2"

# --params: only those params, in that order
P="$HP_TMP/figs.par"
expect "--params lr,dropout,units" "$HPREPORT" -q --study mixed-minimize --params lr,dropout,units \
    --plots slice,contour,parallel_coordinate,evaluations "$DB" -o "$P"
for s in slice parallel_coordinate evaluations; do
	grep_file "--params: $s shows lr, dropout, units in that order" \
	    '^Trial values: data/trials.csv, columns number, value, params_lr, params_dropout, params_units\.$' \
	    "$P/figures/$s.txt"
done
same_list "--params: contour pairs of lr, dropout, units only" "lr:dropout lr:units dropout:units" \
    "$(pairs "$P/data/contour.csv")"
order=$(pairs "$P/data/contour.csv")
[ "$order" = "lr:dropout lr:units dropout:units " ] && pass "--params: contour panels follow the given order" || fail "--params: contour panels follow the given order" "$order"
same_list "--plots makes only the figures asked for" "slice contour parallel_coordinate evaluations" "$(stems "$P")"
nonblank "--params figures are non-blank" "$P"

# --width with a unit (issue 13): a 3.5 in column is 504 px at 144 dpi
expect "--width 3.5in" "$HPREPORT" -q --study maximize-inf --width 3.5in --plots slice,convergence "$DB" -o "$HP_TMP/figs.w35"
w=$(python3 -c 'import struct,sys; print(struct.unpack(">I", open(sys.argv[1], "rb").read(24)[16:20])[0])' "$HP_TMP/figs.w35/figures/convergence.png")
[ "$w" = 504 ] && pass "--width 3.5in: 504 px wide PNG" || fail "--width 3.5in: 504 px wide PNG" "$w"
expect "--width 8.4cm" "$HPREPORT" -q --study maximize-inf --width 8.4cm --plots slice "$DB" -o "$HP_TMP/figs.wcm"
expect_exit "--width with an unknown unit is a usage error" 1 "$HPREPORT" -q --width 3.5xx "$DB" -o "$HP_TMP/figs.wxx"
