# End to end: the output side of the hostile inputs (issue 23), from
# tests/data/hostile/ (copies of ../shared/fixtures/hostile/):
#   study-named-index.html.journal.log  a study named index.html (the subdir
#       once replaced the report's own index.html: "Is a directory", exit 3)
#   long-nonascii-name.journal.log      a 300-byte name of U+00E9 (cut inside
#       a character: Pango "Invalid UTF-8", exit 3)
#   bidi-a.json, bidi-b.json            names with U+202E and U+2028 (became
#       directory names that show reversed or broken)
#   csv-formula.json                    choices and a param named like
#       spreadsheet formulas (written as they were into data/*.csv)
# and study.json numbers against the database (study_json_check.py), -o
# through a symbolic link and with missing parents, SIGHUP, stale temporary
# directories, and --width/--dpi checked at option time.
. "$HP_ROOT/tests/e2e/lib.sh"
H="$HP_ROOT/tests/data/hostile"
W="$HP_TMP/hostile-out"
mkdir -p "$W"

# every file of a report is valid UTF-8 and every study has its page
utf8_ok() {
	python3 - "$1" <<'PY'
import os, sys
for top, dirs, files in os.walk(sys.argv[1]):
    for f in dirs + files:
        try:
            os.fsencode(f).decode("utf-8")
        except UnicodeDecodeError:
            sys.exit(f"{top}/{f!r}: name not UTF-8")
    for f in files:
        if f.endswith((".svg", ".html", ".csv", ".json")):
            try:
                open(os.path.join(top, f), "rb").read().decode("utf-8")
            except UnicodeDecodeError as e:
                sys.exit(f"{top}/{f}: {e}")
PY
}

# a study named index.html: its own subdir, the report's pages intact
expect_exit "study named index.html: exit 0" 0 "$HPREPORT" -q "$H/study-named-index.html.journal.log" -o "$W/idx"
[ -f "$W/idx/index.html" ] && [ -f "$W/idx/compare.html" ] && [ -f "$W/idx/index.html-2/index.html" ] &&
    [ -f "$W/idx/other/index.html" ] && pass "study named index.html: in index.html-2, the report's index.html a file" ||
    fail "study named index.html: layout" "$(ls "$W/idx" | tr '\n' ' ')"
grep_file "study named index.html: linked from the index" 'href="index.html-2/index.html"' "$W/idx/index.html"

# a 300-byte non-ASCII name: no Pango warning, a cut between characters
expect_exit "300-byte non-ASCII name: exit 0" 0 "$HPREPORT" -q "$H/long-nonascii-name.journal.log" -o "$W/long"
if grep -q "UTF-8\|WARNING" "$HP_TMP/err"; then fail "300-byte non-ASCII name: no warning" "$(head -c 300 "$HP_TMP/err")"; else pass "300-byte non-ASCII name: no warning"; fi
d=$(cd "$W/long" && ls -d é* 2>/dev/null)
[ "$d" = "$(python3 -c 'print("é" * 50)')" ] && pass "300-byte non-ASCII name: the directory is 50 whole characters (100 bytes)" || fail "300-byte non-ASCII name: directory" "$d"
out=$(utf8_ok "$W/long" 2>&1) && pass "300-byte non-ASCII name: every file valid UTF-8" || fail "300-byte non-ASCII name: valid UTF-8" "$out"

# U+202E and U+2028 in names: left out of the directory names
expect_exit "bidi names: exit 0" 0 "$HPREPORT" -q "$H/bidi-a.json" "$H/bidi-b.json" -o "$W/bidi"
[ -d "$W/bidi/report_gnp.exe" ] && [ -d "$W/bidi/line_sep" ] && pass "bidi names: U+202E and U+2028 become _" ||
    fail "bidi names: directories" "$(ls "$W/bidi" | od -c | head -3 | tr '\n' ' ')"
n=$(ls -A "$W/bidi" | LC_ALL=C grep -c "$(printf '[\200-\377]')")
[ "$n" -eq 0 ] && pass "bidi names: no non-ASCII byte in a directory name" || fail "bidi names: non-ASCII" "$n names"
out=$(utf8_ok "$W/bidi" 2>&1) && pass "bidi names: every file valid UTF-8" || fail "bidi names: valid UTF-8" "$out"

# formulas in CSV cells: no cell of any data/*.csv starts with = + - @ TAB
# CR unless it is a number, and each such cell reads back as the text
expect_exit "csv formulas: exit 0" 0 "$HPREPORT" -q "$H/csv-formula.json" -o "$W/csv"
out=$(python3 - "$W/csv" "$H/csv-formula.json" <<'PY'
import csv, glob, json, re, sys
num = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?|[-+]?inf")
texts = set(json.load(open(sys.argv[2]))["search_space"]["opt"]["choices"]) | {"=1+1"}
seen, cells = set(), 0
for path in glob.glob(sys.argv[1] + "/data/*.csv"):
    for row in csv.reader(open(path, newline="", encoding="utf-8")):
        for c in row:
            cells += 1
            if c[:1] in ("=", "+", "-", "@", "\t", "\r") and not num.fullmatch(c):
                sys.exit(f"{path}: cell {c!r} would run as a formula")
            if re.match(r"'+[-=+@\t\r]", c):
                seen.add(c[1:])
            elif c.startswith("params_") and c[7:] in texts:
                seen.add(c[7:])
missing = texts - seen
if missing:
    sys.exit(f"not found (with one ' removed): {sorted(missing)}")
print(f"{cells} cells")
PY
) && pass "csv formulas: neutralised with a ' in every data/*.csv ($out)" || fail "csv formulas: neutralised" "$out"
grep_file "csv formulas: the param named =1+1 in trials.csv's header" '^number,state,value,.*params_=1\+1' "$W/csv/data/trials.csv"
# negative numbers stay numbers
python3 -c '
import json
json.dump({"hpreport": 1, "study": "neg", "trials": [{"value": -1.5 - i, "params": {"x": -0.25 * i - 1e-05}} for i in range(5)]}, open("'"$W"'/neg.json", "w"))'
"$HPREPORT" -q "$W/neg.json" -o "$W/neg"
grep_file "csv formulas: negative numbers stay numbers" '^0,COMPLETE,-1\.5,.*,-1e-05$' "$W/neg/data/trials.csv"

# study.json numbers: shortest round-trip, best params typed, against the
# database read by python3 sqlite3: the committed dominant.db with values
# cJSON printed wrong, samples/study.db, and the real Optuna databases
cp "$HP_ROOT/tests/data/dominant.db" "$W/numbers.db"
python3 - "$W/numbers.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
tid = c.execute("SELECT trial_id FROM trial_values ORDER BY value LIMIT 1").fetchone()[0]
c.execute("UPDATE trial_values SET value = ? WHERE trial_id = ?", (-0.8829240257151041, tid))
c.execute("UPDATE trial_params SET param_value = ? WHERE trial_id = ? AND param_name = 'x'", (0.1 + 0.2, tid))
c.execute("UPDATE trial_params SET param_value = ? WHERE trial_id = ? AND param_name = 'lr'", (2.3979776300592062e-05, tid))
c.commit()
PY
for db in "$W/numbers.db" "$HP_ROOT/samples/study.db"; do
	n=$(basename "$db")
	rm -rf "$W/num-$n"
	"$HPREPORT" -q "$db" -o "$W/num-$n" 2>"$HP_TMP/err"
	out=$(python3 "$HP_ROOT/tests/e2e/study_json_check.py" "$db" "$W/num-$n" 2>&1) &&
	    pass "study.json numbers of $n: exact, shortest, typed" || fail "study.json numbers of $n" "$(echo "$out" | head -3 | tr '\n' '|')"
done
grep_file "study.json numbers: the value cJSON wrote 0.882924025715104" '"value":[[:space:]]*-0\.8829240257151041,' "$W/num-numbers.db/data/study.json"
if have_shared "study.json numbers of the real Optuna studies"; then
	for db in $(grep -l "SQLite format 3" "$FIX"/real/*/*.db 2>/dev/null); do
		python3 -c 'import sqlite3, sys; sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True).execute("SELECT 1 FROM trial_values LIMIT 1")' "$db" 2>/dev/null || continue
		n=$(basename "$(dirname "$db")")
		"$HPREPORT" -q "$db" -o "$W/real-$n" 2>"$HP_TMP/err"
		out=$(python3 "$HP_ROOT/tests/e2e/study_json_check.py" "$db" "$W/real-$n" 2>&1) &&
		    pass "study.json numbers of real/$n: exact, shortest, typed" || fail "study.json numbers of real/$n" "$(echo "$out" | head -3 | tr '\n' '|')"
	done
fi

# -o LINK: the report replaces the directory the link points to
"$HPREPORT" -q "$H/bidi-a.json" -o "$W/target"
ln -s target "$W/link"
expect_exit "-o LINK: exit 0" 0 "$HPREPORT" -q "$H/bidi-b.json" -o "$W/link"
[ -L "$W/link" ] && [ "$(readlink "$W/link")" = target ] && pass "-o LINK: the link stays" || fail "-o LINK: the link stays" "$(ls -l "$W/link")"
grep_file "-o LINK: the target holds the new report" '"name":[[:space:]]*"line' "$W/target/data/study.json"
# missing parents are made
expect_exit "-o a/b/report: exit 0" 0 "$HPREPORT" -q "$H/bidi-a.json" -o "$W/a/b/report"
[ -f "$W/a/b/report/index.html" ] && pass "-o a/b/report: the parents are made" || fail "-o a/b/report" "no index.html"
: >"$W/file"
expect_exit "-o FILE/x: exit 3" 3 "$HPREPORT" -q "$H/bidi-a.json" -o "$W/file/x/report"

# stale temporary directories of killed runs are removed, and only those
sh -c 'exit 0' & dead=$!; wait
mkdir -p "$W/st/.rep.tmp-$dead-AbC123" "$W/st/.rep.tmp-$dead-AbC124.old" "$W/st/.rep.tmp-$$-AbC125" \
    "$W/st/.rep.tmp-$dead-AbC126" "$W/st/.rep.tmp-$dead-AbC1277" "$W/st/.other.tmp-$dead-AbC128"
for d in ".rep.tmp-$dead-AbC123" ".rep.tmp-$dead-AbC124.old" ".rep.tmp-$$-AbC125" ".rep.tmp-$dead-AbC1277" ".other.tmp-$dead-AbC128"; do
	echo hpreport >"$W/st/$d/.hpreport"
done
"$HPREPORT" -q "$H/bidi-a.json" -o "$W/st/rep"
left=$(cd "$W/st" && ls -A | LC_ALL=C sort | tr '\n' ' ')
want=$(printf '%s\n' ".other.tmp-$dead-AbC128" ".rep.tmp-$dead-AbC126" ".rep.tmp-$dead-AbC1277" \
    ".rep.tmp-$$-AbC125" rep | LC_ALL=C sort | tr '\n' ' ')
[ "$left" = "$want" ] &&
    pass "stale temporary directories: a dead process's removed, the rest kept" || fail "stale temporary directories" "$left"

# SIGHUP: the run stops, exit 3, nothing left beside the output
python3 -c '
import json, random
r = random.Random(3)
json.dump({"hpreport": 1, "study": "slow", "trials": [{"value": r.random(), "params": {f"x{k}": r.random() for k in range(10)}} for i in range(20000)]}, open("'"$W"'/slow.json", "w"))'
mkdir -p "$W/hup"
"$HPREPORT" -q "$W/slow.json" -o "$W/hup/rep" 2>/dev/null &
pid=$!
# once the report is being written (the handlers are set after loading)
i=0
while [ $i -lt 300 ] && [ -z "$(ls -A "$W/hup")" ]; do sleep 0.1; i=$((i + 1)); done
kill -HUP $pid
wait $pid
rc=$?
[ "$rc" -eq 3 ] && pass "SIGHUP: exit 3" || fail "SIGHUP: exit 3" "exit $rc"
[ -z "$(ls -A "$W/hup")" ] && pass "SIGHUP: no temporary directory left" || fail "SIGHUP: nothing left" "$(ls -A "$W/hup")"

# --width/--dpi beyond what a PNG can hold: a usage error before loading
expect_exit "--width 20000 --dpi 2400: exit 1" 1 "$HPREPORT" --width 20000 --dpi 2400 "$H/bidi-a.json" -o "$W/big"
grep_file "--width 20000 --dpi 2400: names the limit" 'limit of 30000' "$HP_TMP/err"
expect_exit "--height 20in --dpi 2400: exit 1" 1 "$HPREPORT" --height 20in --dpi 2400 "$H/bidi-a.json" -o "$W/big"
expect_exit "--width 1000 --dpi 2400 (25000 pixels): exit 0" 0 "$HPREPORT" -q --width 1000 --dpi 2400 --plots convergence --format png "$H/bidi-a.json" -o "$W/big"
