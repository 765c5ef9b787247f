# End to end: PED-ANOVA importances (--importance ped-anova, the default)
# against tests/data/ped_anova_ref.py, an independent plain-Python
# re-implementation of Optuna's PedAnovaImportanceEvaluator that reads the
# SQLite database itself.  PED-ANOVA has no randomness, so every param's
# importance in data/importances.csv must match to 1e-6 relative.  Cases:
# samples/study.db (three studies, two objectives of which one maximised),
# the Optuna 3.1 fixture, a generated 10^4-trial x 8-param study
# (tests/bench_make_study.py), a 1,000-choice categorical, and a generated
# study with conditional, stepped, log-int, single-valued and rare params.
# Also: --importance fanova still gives fANOVA, the method is named in the
# CSV, and a bad --importance is a usage error.
. "$HP_ROOT/tests/e2e/lib.sh"
W="$HP_TMP/pedanova"
REF="python3 $HP_ROOT/tests/data/ped_anova_ref.py"
mkdir -p "$W"

# a study with every kind of param PED-ANOVA treats apart, written as
# Optuna 3.1 stores it (schema copied from samples/study.db)
python3 - "$HP_ROOT/samples/study.db" "$W/cond.db" <<'PY'
import json, math, random, sqlite3, sys
src = sqlite3.connect(sys.argv[1])
db = sqlite3.connect(sys.argv[2])
for (s,) in src.execute("select sql from sqlite_master where sql is not null"):
    db.execute(s)
db.executemany("insert into version_info values (?,?,?)", src.execute("select * from version_info"))
db.executemany("insert into alembic_version values (?)", src.execute("select * from alembic_version"))
db.execute("insert into studies values (1, 'cond')")
db.execute("insert into study_directions values (1, 'MINIMIZE', 1, 0)")
D = {
    "opt": {"name": "CategoricalDistribution", "attributes": {"choices": ["sgd", "adam", "rmsprop"]}},
    "momentum": {"name": "FloatDistribution", "attributes": {"step": None, "low": 0.0, "high": 0.99, "log": False}},
    "lr": {"name": "FloatDistribution", "attributes": {"step": None, "low": 1e-5, "high": 0.1, "log": True}},
    "width": {"name": "IntDistribution", "attributes": {"log": False, "step": 16, "low": 16, "high": 256}},
    "drop": {"name": "FloatDistribution", "attributes": {"step": 0.05, "low": 0.0, "high": 0.5, "log": False}},
    "beta": {"name": "IntDistribution", "attributes": {"log": True, "step": 1, "low": 1, "high": 1000}},
    "const": {"name": "IntDistribution", "attributes": {"log": False, "step": 1, "low": 3, "high": 3}},
    "rare": {"name": "FloatDistribution", "attributes": {"step": None, "low": 0.0, "high": 1.0, "log": False}},
}
r = random.Random(7)
pid = 0
for t in range(600):
    p = {"opt": r.randrange(3), "lr": 10 ** r.uniform(-5, -1), "width": 16 * r.randint(1, 16),
         "drop": 0.05 * r.randint(0, 10), "beta": int(round(math.exp(r.uniform(0, math.log(1000))))),
         "const": 3}
    if p["opt"] == 0:
        p["momentum"] = r.uniform(0, 0.99)
    if t == 17:
        p["rare"] = 0.5
    y = (math.log10(p["lr"]) + 3) ** 2 + (5 * (p["momentum"] - 0.9) ** 2 if p["opt"] == 0 else 0.3 * p["opt"])
    y += p["drop"] + abs(math.log10(p["beta"]) - 1) * 0.2 + r.gauss(0, 0.05)
    state = "FAIL" if t % 50 == 3 else "PRUNED" if t % 50 == 4 else "COMPLETE"
    db.execute("insert into trials values (?,?,?,?,?,?)", (t + 1, t, 1, state,
               "2026-01-01 00:00:00.000000", "2026-01-01 00:00:01.000000"))
    for k, v in p.items():
        pid += 1
        db.execute("insert into trial_params values (?,?,?,?,?)", (pid, t + 1, k, float(v), json.dumps(D[k])))
    if state == "COMPLETE":
        typ = "INF_POS" if t % 97 == 5 else "FINITE"
        db.execute("insert into trial_values values (?,?,?,?,?)",
                   (t + 1, t + 1, 0, None if typ != "FINITE" else y, typ))
db.commit()
PY
python3 "$HP_ROOT/tests/bench_make_study.py" "$W/b10k.db" 10000 8 1 >/dev/null
python3 "$HP_ROOT/tests/bench_make_study.py" "$W/c1000.db" 300 5 2 1000 >/dev/null

# compare NAME DB STUDY OBJECTIVE CSV: every param of the reference in CSV
# (param,importance,rank,method) within 1e-6 relative, rows in rank order
compare() {
	if ! $REF "$2" "$3" "$4" >"$W/want" 2>"$W/err"; then
		fail "$1" "reference failed: $(tail -1 "$W/err")"
		return
	fi
	out=$(python3 - "$W/want" "$5" <<'PY'
import csv, sys
want = dict((l.split(",")[0], float(l.split(",")[1])) for l in open(sys.argv[1]) if l.strip())
rows = list(csv.DictReader(open(sys.argv[2])))
got = {r["param"]: float(r["importance"]) for r in rows}
bad = []
if set(got) != set(want):
    bad.append(f"params {sorted(got)} != {sorted(want)}")
for k in want:
    if k in got and not abs(got[k] - want[k]) <= 1e-6 * abs(want[k]) + 1e-12:
        bad.append(f"{k}: {got[k]!r} != {want[k]!r}")
vals = [float(r["importance"]) for r in rows]
if vals != sorted(vals, reverse=True) or [int(r["rank"]) for r in rows] != list(range(1, len(rows) + 1)):
    bad.append("rows not in rank order")
if any(r["method"] != "ped-anova" for r in rows):
    bad.append("method column")
print("; ".join(bad) if bad else f"ok {len(want)}")
PY
)
	case $out in
	ok*) pass "$1 (${out#ok } params)" ;;
	*) fail "$1" "$out" ;;
	esac
}

# run NAME DB: hpreport's importances of DB into $W/NAME
run() {
	expect "$1: importances written" timeout 120 "$HPREPORT" -q --plots importances --format svg "$2" -o "$W/$1"
}

run sample "$HP_ROOT/samples/study.db"
compare "mixed-minimize matches the reference" "$HP_ROOT/samples/study.db" mixed-minimize 0 "$W/sample/mixed-minimize/data/importances.csv"
compare "maximize-inf matches the reference" "$HP_ROOT/samples/study.db" maximize-inf 0 "$W/sample/maximize-inf/data/importances.csv"
compare "two-objectives, objective 0, matches the reference" "$HP_ROOT/samples/study.db" two-objectives 0 "$W/sample/two-objectives/data/importances_0.csv"
compare "two-objectives, objective 1 (maximised), matches the reference" "$HP_ROOT/samples/study.db" two-objectives 1 "$W/sample/two-objectives/data/importances_1.csv"
run o31 "$O31/study.db"
compare "Optuna 3.1 fixture mixed-minimize matches the reference" "$O31/study.db" mixed-minimize 0 "$W/o31/mixed-minimize/data/importances.csv"
compare "Optuna 3.1 fixture maximize-inf matches the reference" "$O31/study.db" maximize-inf 0 "$W/o31/maximize-inf/data/importances.csv"
run cond "$W/cond.db"
compare "conditional, stepped, log-int, single-valued and rare params match the reference" "$W/cond.db" cond 0 "$W/cond/data/importances.csv"
run c1000 "$W/c1000.db"
compare "a 1,000-choice categorical matches the reference" "$W/c1000.db" large 0 "$W/c1000/data/importances.csv"
start=$(date +%s)
run b10k "$W/b10k.db"
secs=$(($(date +%s) - start))
compare "10^4 trials x 8 params match the reference" "$W/b10k.db" large 0 "$W/b10k/data/importances.csv"
[ "$secs" -le 20 ] && pass "10^4 trials x 8 params in ${secs}s (<= 20)" || fail "10^4 x 8 in time" "${secs}s"

# the conditional param ranked, the single-valued one 0 (the notes that
# name them are checked in tests/unit/test_pedanova.c: figure text is glyphs)
grep_file "the conditional param is ranked, not left out" '^momentum,' "$W/cond/data/importances.csv"
grep_file "the single-valued param gets 0" '^const,0,' "$W/cond/data/importances.csv"

# fANOVA on request: Optuna 3.1's ranking of its fixture (units first,
# tests/unit/test_importances.c compares the numbers)
expect "--importance fanova" "$HPREPORT" -q --plots importances --format svg --importance fanova \
    --study mixed-minimize "$O31/study.db" -o "$W/fanova"
grep_file "--importance fanova: units first, method column" '^units,[0-9.e-]+,1,fanova$' "$W/fanova/data/importances.csv"
expect_exit "--importance bogus: usage error" 1 "$HPREPORT" --importance bogus "$HP_ROOT/samples/study.db" -o "$W/bogus"
grep_file "--importance bogus: says what it expects" 'expected ped-anova or fanova' "$HP_TMP/err"
