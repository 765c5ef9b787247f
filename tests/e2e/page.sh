# End to end: the study page and its data (issues 22, 26).  The trials the
# page's script reads are in data/page.js, loaded with <script src> (works
# from file://), and equal the study's in its SQLite tables, read by
# tests/e2e/pagedata.py; index.html stays the same size whatever the
# number of trials (2.2 MB for the 2,000-trial hard study, 25 MB for
# 100,000 trials before) and lists at most 100 params and notes (40,000
# made a 13.6 MB page).  Then: a figure's title shown once, the comparison
# split by objective and direction, and best values in six digits with
# every digit in their title.  (tests/browser/check.mjs checks the table's
# numbers and the zoom view in Chromium.)
. "$HP_ROOT/tests/e2e/lib.sh"
R="$HP_TMP/page"
CHECK="python3 $HP_ROOT/tests/e2e/pagedata.py check"
Q="--plots convergence --format svg"

# --- the sample's three studies: states, two objectives, infinities ------
S="$HP_ROOT/samples/study.db"
expect "report of the sample" "$HPREPORT" -q $Q "$S" -o "$R.s"
for st in $(sqlite3 "$S" "SELECT study_name FROM studies ORDER BY study_id"); do
	if $CHECK "$S" "$st" "$R.s/$st" 2>"$HP_TMP/err"; then pass "$st: page.js holds the study's trials"
	else fail "$st: page.js holds the study's trials" "$(head -1 "$HP_TMP/err")"; fi
	grep_file "$st: the page loads data/page.js" '<script src="data/page.js" id="hp-data"></script>' "$R.s/$st/index.html"
done
if grep -q '"trials":\|"values":\[' "$R.s/mixed-minimize/index.html"; then fail "no trial data in index.html" "found"
else pass "no trial data in index.html"; fi

# --- index.html does not grow with the trials ------------------------------
for n in 200 20000; do
	python3 "$HP_ROOT/tests/bench_make_study.py" "$HP_TMP/t$n.db" "$n" 8 3 >/dev/null
	expect "report of $n trials" "$HPREPORT" -q $Q "$HP_TMP/t$n.db" -o "$R.$n"
done
if $CHECK "$HP_TMP/t20000.db" large "$R.20000" 2>"$HP_TMP/err"; then pass "20000 trials: page.js holds them"
else fail "20000 trials: page.js holds them" "$(head -1 "$HP_TMP/err")"; fi
a=$(wc -c <"$R.200/index.html")
b=$(wc -c <"$R.20000/index.html")
js=$(wc -c <"$R.20000/data/page.js")
# the same page but for the counts in the overview; the trials are in page.js
[ "$b" -lt 65536 ] && [ $((b - a)) -lt 1024 ] && [ "$js" -gt 1000000 ] &&
	pass "index.html: $a bytes for 200 trials, $b for 20000 (page.js $js)" ||
	fail "index.html the same size for 200 and 20000 trials" "$a and $b bytes, page.js $js"

# --- 5,000 params: the overview lists 100 of each, the rest counted --------
python3 -c '
import json, sys
json.dump({"hpreport": 1, "study": "wide", "trials": [
    {"value": 1.0, "params": {"p%d" % i: 0.5 for i in range(5000)}}]}, open(sys.argv[1], "w"))' "$HP_TMP/wide.json"
expect "report of 5000 params" "$HPREPORT" -q $Q "$HP_TMP/wide.json" -o "$R.w"
n=$(wc -c <"$R.w/index.html")
[ "$n" -lt 131072 ] && pass "5000 params: index.html $n bytes" || fail "5000 params: index.html small" "$n bytes"
grep_file "5000 params: the search space counts the rest" 'And 4900 more params, in <a href="data/study.json">' "$R.w/index.html"
grep_file "5000 params: the notes count the rest" 'And 4900 more notes, in <a href="data/study.json">' "$R.w/index.html"
grep_file "5000 params: the best trial's other params" 'The other params of this trial are in <a href="data/trials.csv">' "$R.w/index.html"

# --- a figure's title once: in the picture (screen) or the heading (paper) --
grep_file "screen style: the heading is the figure's name" '<a class="fig-name" href="#fig-convergence">convergence</a>' "$R.s/mixed-minimize/index.html"
if grep -q '<span class="title">' "$R.s/mixed-minimize/index.html"; then fail "screen style: no title heading over a titled picture" "found"
else pass "screen style: no title heading over a titled picture"; fi
expect "report in the paper style" "$HPREPORT" -q $Q --style paper --study mixed-minimize "$S" -o "$R.p"
# (the picture has no title: render/layout.c leaves it to the caption)
grep_file "paper style: the heading is the title" '<figcaption><span class="title">[^<]' "$R.p/index.html"

# --- the comparison: unlike objectives never share an axis -------------------
# four studies: two minimise "loss", one maximises "accuracy", one minimises
# an unnamed value; each group (name and direction, from the inputs, read
# here) gets its own figures, whose data hold exactly the group's studies
python3 - "$HP_TMP" <<'PY'
import json, random, sys
r = random.Random(5)
for name, d, obj, lo, hi in (("a", "minimize", "loss", 0.1, 2.0), ("b", "minimize", "loss", 0.2, 3.0),
                             ("c", "maximize", "accuracy", 0.80, 0.99), ("d", "minimize", None, 10, 50)):
    doc = {"hpreport": 1, "study": name, "direction": d,
           "trials": [{"value": r.uniform(lo, hi), "params": {"x": r.random()}} for _ in range(30)]}
    if obj:
        doc["objective_names"] = [obj]
    json.dump(doc, open(f"{sys.argv[1]}/cmp_{name}.json", "w"))
PY
expect "report of four unlike studies" "$HPREPORT" -q --plots convergence,edf --format svg \
    "$HP_TMP/cmp_a.json" "$HP_TMP/cmp_b.json" "$HP_TMP/cmp_c.json" "$HP_TMP/cmp_d.json" -o "$R.c"
if python3 - "$HP_TMP" "$R.c" <<'PY' 2>"$HP_TMP/err"
import csv, json, os, sys
tmp, rep = sys.argv[1], sys.argv[2]
groups = {}
for name in "abcd":
    doc = json.load(open(f"{tmp}/cmp_{name}.json"))
    obj = (doc.get("objective_names") or [None])[0]
    groups.setdefault(doc["direction"] + ("-" + obj if obj else ""), []).append(name)
want = {f"{kind}-{g}" for kind in ("compare_convergence", "edf") for g in groups}
got = {f[:-4] for f in os.listdir(f"{rep}/figures") if f.endswith(".svg")}
if got != want:
    sys.exit(f"figures {sorted(got)}, wanted {sorted(want)}")
for g, studies in groups.items():
    for kind in ("compare_convergence", "edf"):
        rows = list(csv.DictReader(open(f"{rep}/data/{kind}-{g}.csv")))
        if sorted({r["study"] for r in rows}) != studies:
            sys.exit(f"{kind}-{g}: studies {sorted({r['study'] for r in rows})}, wanted {studies}")
        if kind == "compare_convergence" and {r["direction"] for r in rows} != {g.split("-")[0]}:
            sys.exit(f"{kind}-{g}: directions {[r['direction'] for r in rows]}")
page = open(f"{rep}/compare.html", encoding="utf-8").read()
for n in want:
    if f'id="fig-{n}"' not in page:
        sys.exit(f"compare.html has no figure {n}")
PY
then pass "comparison: a figure per objective and direction, each of its own studies"
else fail "comparison: a figure per objective and direction, each of its own studies" "$(tail -1 "$HP_TMP/err")"; fi
# one kind of objective: the figures keep their names
expect "report of two alike studies" "$HPREPORT" -q --plots convergence --format svg \
    "$HP_TMP/cmp_a.json" "$HP_TMP/cmp_b.json" -o "$R.c2"
[ -f "$R.c2/figures/compare_convergence.svg" ] && pass "comparison of alike studies: one figure, its plain name" ||
	fail "comparison of alike studies: one figure, its plain name" "$(ls "$R.c2/figures")"

# --- the best value: six digits shown, every digit in its title -----------
# (the best COMPLETE value of each study, read from the DB; Python's repr
# is the shortest text that reads back, as the CSVs write it)
if python3 - "$S" "$R.s" <<'PY' 2>"$HP_TMP/err"
import re, sqlite3, sys
db, rep = sys.argv[1], sys.argv[2]
con = sqlite3.connect(db)
cmp = open(f"{rep}/compare.html", encoding="utf-8").read()
for sid, name, d in con.execute("SELECT study_id, study_name, direction FROM studies JOIN "
                                "study_directions USING (study_id) WHERE objective = 0"):
    agg = "MAX" if d == "MAXIMIZE" else "MIN"
    v = con.execute(f"SELECT {agg}(value) FROM trial_values JOIN trials USING (trial_id) WHERE "
                    "study_id = ? AND objective = 0 AND state = 'COMPLETE' AND "
                    "value_type = 'FINITE'", (sid,)).fetchone()[0]
    short = "%.6g" % v
    page = open(f"{rep}/{name}/index.html", encoding="utf-8").read()
    want = f'<p class="big" title="{v!r}">{short}</p>'
    if want not in page:
        sys.exit(f"{name}: no {want}")
    row = f'title="{v!r}">{short}</td>'
    if row not in cmp:
        sys.exit(f"compare.html: no {row}")
    # the best trial's numeric params alike (an integer in full)
    tid = con.execute("SELECT trial_id FROM trial_values JOIN trials USING (trial_id) WHERE "
                      "study_id = ? AND objective = 0 AND value = ? AND state = 'COMPLETE' "
                      "ORDER BY number LIMIT 1", (sid, v)).fetchone()[0]
    for pv, dist in con.execute("SELECT param_value, distribution_json FROM trial_params "
                                "WHERE trial_id = ?", (tid,)):
        if "Categorical" in dist:
            continue
        shown = "%d" % pv if pv == int(pv) and abs(pv) < 1e9 else "%.6g" % pv
        want = f'<td title="{(int(pv) if pv == int(pv) else pv)!r}">{shown}</td>'
        if want not in page:
            sys.exit(f"{name}: best trial's param: no {want}")
PY
then pass "best values and params: six digits, every digit in the title (page and comparison)"
else fail "best values and params: six digits, every digit in the title (page and comparison)" "$(tail -1 "$HP_TMP/err")"; fi
