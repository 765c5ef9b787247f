# hpreport --watch on a study that Debian's Optuna 3.1 keeps adding trials
# to (tests/e2e/watch_writer.py): the report follows it, every read of the
# directory meanwhile sees one complete report (watch_check.py), an open
# page reloads itself in headless Chromium, SIGINT ends it with exit 0 and
# no temporary directory left; then summary.md (with --baseline) and
# `info --json` checked against numbers python3 reads from the database
# itself (watch_expect.py).  SKIPs without Debian's python3-optuna.
. "$HP_ROOT/tests/e2e/lib.sh"
PY=/usr/bin/python3
E="$HP_ROOT/tests/e2e"
if ! $PY -c 'import optuna' 2>/dev/null; then
	for t in "watch follows a growing study" "watch: SIGINT" "summary.md" "info --json"; do
		skip "$t" "needs Debian's python3-optuna"
	done
	exit 0
fi
DB="$HP_TMP/live.db"
R="$HP_TMP/rep/live"
OLD="$HP_TMP/old"
mkdir -p "$HP_TMP/empty"
STOP="$HP_TMP/stop"
mkdir -p "$HP_TMP/rep"

# --- usage --------------------------------------------------------------
expect_exit "--watch 5 (no '=') is a usage error" 1 "$HPREPORT" --watch 5 "$DB" -o "$R"
grep_file "--watch 5: the message shows --watch=5" "--watch=5" "$HP_TMP/err"
expect_exit "--watch with info is a usage error" 1 "$HPREPORT" info --watch "$DB"
expect_exit "--json without info is a usage error" 1 "$HPREPORT" --json "$DB" -o "$R"
expect_exit "--watch=0 is a usage error" 1 "$HPREPORT" --watch=0 "$DB" -o "$R"

# --- a running study ----------------------------------------------------
$PY "$E/watch_writer.py" "$DB" "$STOP" 400 0.25 2>"$HP_TMP/writer.err" &
WRITER=$!
i=0
while [ "$i" -lt 100 ] && ! $PY -c "import sqlite3,sys; sys.exit(sqlite3.connect('file:$DB?mode=ro', uri=True).execute('select count(*) from trials where state != \"RUNNING\"').fetchone()[0] < 3)" 2>/dev/null; do
	sleep 0.1; i=$((i + 1))
done
"$HPREPORT" -q --watch=1 --plots convergence,importances,slice,timeline,intermediate_values "$DB" -o "$R" 2>"$HP_TMP/watch.err" &
WATCH=$!
i=0
while [ "$i" -lt 100 ] && [ ! -f "$R/data/live.js" ]; do sleep 0.1; i=$((i + 1)); done
# the earlier state, for --baseline below
$PY -c "import sqlite3; s=sqlite3.connect('file:$DB?mode=ro', uri=True); d=sqlite3.connect('$HP_TMP/old.db'); s.backup(d); d.close()"
if $PY "$E/watch_check.py" "$R" 12 >"$HP_TMP/check.out" 2>&1 && tail -1 "$HP_TMP/check.out" | grep -qx ok; then
	pass "watch: every read of the directory sees one complete report"
else
	fail "watch: every read of the directory sees one complete report" "$(tail -1 "$HP_TMP/check.out")"
fi
n=$(grep -c '^[0-9]' "$HP_TMP/check.out")
first=$(grep '^[0-9]' "$HP_TMP/check.out" | head -1)
last=$(grep '^[0-9]' "$HP_TMP/check.out" | tail -1)
if [ "$n" -ge 4 ] && [ "${last:-0}" -gt "${first:-0}" ]; then
	pass "watch follows a growing study ($n reports, $first to $last trials)"
else
	fail "watch follows a growing study" "$n different counts seen, $first to $last"
fi
# an open page reloads itself
B="$HP_ROOT/tests/browser"
if [ -x /usr/bin/chromium ] && [ -d "$B/node_modules/playwright-core" ] && command -v node >/dev/null; then
	node "$B/live.mjs" "$R/index.html" --wait 20 --grow
else
	skip "watched page reloads itself" "needs /usr/bin/chromium, node and tests/browser/install.sh"
fi
touch "$STOP"
wait "$WRITER"
# the report catches up with the last trial the writer added
want=$($PY -c "import sqlite3; print(sqlite3.connect('file:$DB?mode=ro', uri=True).execute('select count(*) from trials').fetchone()[0])")
i=0
while [ "$i" -lt 150 ]; do
	got=$($PY -c "import json; print(json.load(open('$R/data/study.json'))['n_trials'])" 2>/dev/null)
	[ "$got" = "$want" ] && break
	sleep 0.1; i=$((i + 1))
done
if [ "$got" = "$want" ]; then pass "watch: the report catches up with the study ($want trials)"
else fail "watch: the report catches up with the study" "report has $got trials, the database $want"; fi
kill -INT "$WATCH"
wait "$WATCH"
rc=$?
if [ "$rc" -eq 0 ]; then pass "watch: SIGINT ends it with exit 0"
else fail "watch: SIGINT ends it with exit 0" "exit $rc: $(tail -2 "$HP_TMP/watch.err")"; fi
left=$(ls -a "$HP_TMP/rep" | grep -c '^\.live\.tmp-')
if [ "$left" -eq 0 ]; then pass "watch: no temporary directory left"
else fail "watch: no temporary directory left" "$(ls -a "$HP_TMP/rep")"; fi
if tail -c 20 "$R/index.html" | grep -q '</html>' && [ -f "$R/summary.md" ]; then
	pass "watch: the last report stays"
else
	fail "watch: the last report stays" "$(ls "$R" 2>&1)"
fi

# --- summary.md, with --baseline ----------------------------------------
"$HPREPORT" -q "$HP_TMP/old.db" -o "$OLD" || fail "summary.md: baseline report" "exit $?"
"$HPREPORT" -q "$DB" -o "$HP_TMP/new" --baseline "$OLD" || fail "summary.md: report" "exit $?"
"$HPREPORT" info --json "$DB" "$O31/study.db" >"$HP_TMP/info.json" 2>"$HP_TMP/info.err" ||
	fail "info --json" "exit $?"
"$HPREPORT" info "$DB" "$O31/study.db" >"$HP_TMP/info.txt" 2>/dev/null
$PY "$E/watch_expect.py" "$HP_TMP/new" "$DB" "$HP_TMP/old.db" "$HP_TMP/info.json" \
    "$HP_TMP/info.txt" "$O31/study.db"
expect_exit "--baseline: a directory that is no report is an input error" 2 \
    "$HPREPORT" -q "$DB" -o "$HP_TMP/new2" --baseline "$HP_TMP/empty"
grep_file "--baseline: the message names it" "--baseline .*not an hpreport report" "$HP_TMP/err"
