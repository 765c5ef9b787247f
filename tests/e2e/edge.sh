# End to end: studies at the edges give a sensible report or a
# clear message, never a crash or a hang: one trial, all trials failed, a
# constant objective, no trial, values near the ends of the doubles, a
# categorical with thousands of choices, many-choice categoricals in a
# SQLite study (40 choices ranked by importances, 1,000 choices left out of
# fANOVA's; both once took minutes or more, see `make bench` for the times);
# and an interrupted run leaves the previous report as it was.
. "$HP_ROOT/tests/e2e/lib.sh"
E="$HP_TMP/edge"
mkdir -p "$E"
python3 - "$E" <<'PY'
import json, random, sys
out = sys.argv[1]
def w(name, trials, nparams=None):
    json.dump({"hpreport": 1, "study": name, "directions": ["minimize"], "trials": trials},
              open(f"{out}/{name}.json", "w"))
w("one", [{"number": 0, "state": "COMPLETE", "value": 1.0, "params": {"x": 0.5}}])
w("allfail", [{"number": i, "state": "FAIL", "params": {"x": i}} for i in range(5)])
w("const", [{"number": i, "state": "COMPLETE", "value": 2.0, "params": {"x": i * 0.1, "y": i}}
            for i in range(20)])
w("empty", [])
w("extreme", [{"number": i, "state": "COMPLETE", "value": 1e300 if i % 2 else 1e-300,
               "params": {"x": 10.0 ** (i - 10)}} for i in range(20)])
r = random.Random(1)
w("cats", [{"number": i, "state": "COMPLETE", "value": r.random(),
            "params": {"c": f"cat{r.randrange(10000)}", "x": r.random()}} for i in range(3000)])
w("slow", [{"number": i, "state": "COMPLETE", "value": r.random(),
            "params": {f"x{k}": r.random() for k in range(12)}} for i in range(20000)])
PY

for s in one allfail const empty extreme cats; do
	expect "$s: a report" timeout 300 "$HPREPORT" -q "$E/$s.json" -o "$E/out-$s"
done
[ "$(wc -l <"$E/out-one/data/convergence.csv")" -eq 2 ] && pass "one trial: one point" || fail "one trial: one point" "$(cat "$E/out-one/data/convergence.csv")"
[ "$(wc -l <"$E/out-allfail/data/convergence.csv")" -eq 1 ] && pass "all failed: no point" || fail "all failed: no point" "$(cat "$E/out-allfail/data/convergence.csv")"
grep_file "all failed: the trials table lists them" '^4,FAIL,' "$E/out-allfail/data/trials.csv"
grep_file "constant objective: every point kept" '^19,2$' "$E/out-const/data/convergence.csv"
[ -s "$E/out-empty/index.html" ] && pass "no trial: a page" || fail "no trial: a page" "no index.html"
grep_file "extreme values: kept exactly" '^19,1e-300$' "$E/out-extreme/data/convergence.csv"
grep_file "extreme values: trials.csv keeps them exactly" '^19,COMPLETE,1e\+300,' "$E/out-extreme/data/trials.csv"
[ -s "$E/out-extreme/figures/objective.png" ] && pass "extreme values: the objective figure falls back to a forest" || fail "extreme values: objective figure" "missing"
# PED-ANOVA ranks a categorical of any size (a grid point per choice), as
# Optuna does; fANOVA leaves it out (one-hot columns)
grep_file "thousands of choices: ranked by PED-ANOVA" '^c,' "$E/out-cats/data/importances.csv"
grep_file "thousands of choices: x ranked by PED-ANOVA" '^x,' "$E/out-cats/data/importances.csv"
expect "thousands of choices: fANOVA" timeout 300 "$HPREPORT" -q --plots importances --format svg \
    --importance fanova "$E/cats.json" -o "$E/out-cats-fanova"
if grep -q '^c,' "$E/out-cats-fanova/data/importances.csv"; then fail "thousands of choices: left out of fANOVA" "c ranked"
else pass "thousands of choices: left out of fANOVA"; fi
grep_file "thousands of choices: x still ranked by fANOVA" '^x,' "$E/out-cats-fanova/data/importances.csv"
grep_file "thousands of choices: every choice in the search space" '"cat' "$E/out-cats/data/study.json"

# many-choice categoricals (the last param): every figure in every format,
# importances in [0, 1] summing to 1, the 40-choice param ranked
python3 "$HP_ROOT/tests/bench_make_study.py" "$E/cat40.db" 400 3 0 40 >/dev/null
python3 "$HP_ROOT/tests/bench_make_study.py" "$E/cat1000.db" 2000 8 0 1000 >/dev/null
expect "40 choices: a report" timeout 300 "$HPREPORT" -q "$E/cat40.db" -o "$E/out-cat40"
expect "1,000 choices: a report" timeout 300 "$HPREPORT" -q "$E/cat1000.db" -o "$E/out-cat1000"
for s in cat40 cat1000; do
	miss=""
	for fig in convergence importances objective evaluations contour parallel_coordinate slice edf rank timeline; do
		for ext in png svg pdf; do
			[ -s "$E/out-$s/figures/$fig.$ext" ] || miss="$miss $fig.$ext"
		done
	done
	[ -z "$miss" ] && pass "$s: every figure written" || fail "$s: every figure written" "missing$miss"
	sane=$(awk -F, 'NR > 1 { n++; s += $2; if ($2 < 0 || $2 > 1) bad = 1 }
	    END { print (n > 0 && !bad && s > 0.999 && s < 1.001) ? "ok" : "bad" }' "$E/out-$s/data/importances.csv")
	[ "$sane" = ok ] && pass "$s: importances in [0, 1] sum to 1" || fail "$s: importances sane" "$(tr '\n' '|' <"$E/out-$s/data/importances.csv")"
done
grep_file "40 choices: the categorical is ranked" '^x2,[0-9.e-]+,[0-9]+,ped-anova$' "$E/out-cat40/data/importances.csv"
[ "$(grep -c '^x[0-7],' "$E/out-cat1000/data/importances.csv")" -eq 8 ] && pass "1,000 choices: every param ranked, the categorical too" || fail "1,000 choices: every param ranked" "$(tr '\n' '|' <"$E/out-cat1000/data/importances.csv")"
grep_file "1,000 choices: every choice in the search space" '"c0999"' "$E/out-cat1000/data/study.json"

# an interrupted run keeps the previous report
mkdir -p "$E/prev"
echo "hpreport" >"$E/prev/.hpreport"
echo "previous" >"$E/prev/index.html"
timeout -s TERM 1 "$HPREPORT" -q "$E/slow.json" -o "$E/prev" 2>/dev/null
grep_file "interrupted run: the previous report is intact" '^previous$' "$E/prev/index.html"
