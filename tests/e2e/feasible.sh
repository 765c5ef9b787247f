# End to end: feasibility and metric names (issue 24) on the constrained
# Optuna 3.1 study of tests/data/constrained (make_constrained.py), RDB and
# journal alike.  The expectations -- which trials are infeasible, the
# best-so-far over feasible trials, the best feasible trial -- are computed
# here by python from the raw tables, not by hpreport.
. "$HP_ROOT/tests/e2e/lib.sh"
C="$HP_ROOT/tests/data/constrained"

# from the raw RDB: number, value, feasible (every constraint <= 0; no list
# is feasible) of each COMPLETE trial of study "constrained"; then the
# best-so-far over feasible trials as Optuna >= 3.4's history draws it
python3 - "$C/study.db" >"$HP_TMP/expect.csv" <<'PY' || fail "python reads the raw database" "see above"
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rows = db.execute("""SELECT t.number, v.value, a.value_json FROM trials t
    JOIN studies s ON s.study_id = t.study_id
    JOIN trial_values v ON v.trial_id = t.trial_id AND v.objective = 0
    LEFT JOIN trial_system_attributes a ON a.trial_id = t.trial_id AND a.key = 'constraints'
    WHERE s.study_name = 'constrained' AND t.state = 'COMPLETE' ORDER BY t.number""").fetchall()
print("number,value,best_value,feasible")
best = None
for n, v, c in rows:
    ok = c is None or all(x <= 0 for x in json.loads(c))
    if ok:
        best = v if best is None else min(best, v)
    print(f"{n},{v!r},{'nan' if best is None else repr(best)},{int(ok)}")
PY
R="$HP_TMP/feas"
expect "report of the constrained study" "$HPREPORT" -q --study constrained "$C/study.db" -o "$R"
# the history's table holds what it derives, the best so far; the values
# and feasibility are trials.csv's
cut -d, -f1,3 "$HP_TMP/expect.csv" >"$HP_TMP/expect-best.csv"
same_file "history: best so far over feasible trials only" "$HP_TMP/expect-best.csv" "$R/data/convergence.csv"
ninf=$(grep -c ',0$' "$HP_TMP/expect.csv")
bestn=$(awk -F, 'NR > 1 && $4 == 1 { if (b == "" || $2 + 0 < b + 0) { b = $2; n = $1 } } END { print n }' "$HP_TMP/expect.csv")
[ "$ninf" -gt 0 ] && [ -n "$bestn" ] && pass "the study has infeasible trials and a feasible best" ||
    fail "the study has infeasible trials and a feasible best" "$ninf, $bestn"
grep_file "page shows the infeasible count" "state-INFEASIBLE\">INFEASIBLE</span></td><td class=\"num\">$ninf<" "$R/index.html"
grep_file "page's best is the best feasible trial" "<p>Trial #$bestn</p>" "$R/index.html"
grep_file "page names the objective by its metric name" 'Best feasible loss ' "$R/index.html"
python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); sys.exit(not (d["infeasible"] == int(sys.argv[2]) and d["best"][0]["number"] == int(sys.argv[3]) and d["objective_names"] == ["loss"]))' \
    "$R/data/study.json" "$ninf" "$bestn" && pass "study.json: infeasible count, best feasible, metric name" ||
    fail "study.json: infeasible count, best feasible, metric name" "$(head -c 300 "$R/data/study.json")"
grep_file "page's table names the objective by its metric name" '"objectives":\["loss"\]' "$R/data/page.js"
# feasibility is a column of trials.csv, once; the figures that grey the
# infeasible trials name it in their captions
for f in slice rank timeline intermediate_values; do
	grep_file "$f caption names the feasible column" '^Trial values: data/trials.csv, columns .*feasible\.$' \
	    "$R/figures/$f.txt"
done
# every infeasible COMPLETE trial listed as such in trials.csv, the same set
awk -F, 'NR > 1 && $4 == 0 { print $1 }' "$HP_TMP/expect.csv" >"$HP_TMP/inf.want"
python3 -c 'import csv, sys
for r in csv.DictReader(open(sys.argv[1])):
    if r["state"] == "COMPLETE" and r["feasible"] == "0":
        print(r["number"])' "$R/data/trials.csv" >"$HP_TMP/inf.got"
same_file "trials.csv: the infeasible trials are the database's" "$HP_TMP/inf.want" "$HP_TMP/inf.got"
# (the grey itself is checked on decoded PNGs in tests/unit/test_feasible.c)

# info
"$HPREPORT" info "$C/study.db" >"$HP_TMP/info" 2>&1
grep_file "info counts the infeasible trials" "^study \"constrained\": 24 trials, 21 COMPLETE, 3 PRUNED; $ninf infeasible" "$HP_TMP/info"
grep_file "info's best is the best feasible trial" "objective 0: loss, minimize, best .* \\(trial $bestn\\)" "$HP_TMP/info"

# the journal holds the same study: same answers
"$HPREPORT" info "$C/journal.log" >"$HP_TMP/jinfo" 2>&1
grep_file "journal: metric name and infeasible count" "; $ninf infeasible" "$HP_TMP/jinfo"
grep_file "journal: objectives named by study:metric_names" 'objective 1: latency, minimize' "$HP_TMP/jinfo"
expect "journal report" "$HPREPORT" -q --study constrained "$C/journal.log" -o "$HP_TMP/jfeas"
cp "$HP_TMP/expect-best.csv" "$HP_TMP/jwant"
cp "$HP_TMP/jfeas/data/convergence.csv" "$HP_TMP/jgot"
same_file "journal: best so far over feasible trials" "$HP_TMP/jwant" "$HP_TMP/jgot"

# --objective by metric name; the Pareto axes carry the names
# (axis titles are checked on the figure descriptions in test_feasible.c)
expect "--objective latency" "$HPREPORT" -q --study constrained_mo --objective latency \
    --plots convergence,slice "$C/study.db" -o "$HP_TMP/mo"
grep_file "--objective NAME picks that objective" 'alt="Optimization history of latency' "$HP_TMP/mo/index.html"
if grep -q 'alt="[^"]* error' "$HP_TMP/mo/index.html"; then fail "--objective NAME shows only that objective" "error shown"
else pass "--objective NAME shows only that objective"; fi
expect_exit "--objective with an unknown name" 1 "$HPREPORT" -q --objective nosuch "$C/study.db" -o "$HP_TMP/bad"
