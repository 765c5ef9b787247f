# End to end: --target, a user attribute, the duration or one objective in
# place of the objective, on tests/data/user_attrs.db (Debian's Optuna 3.1,
# tests/data/make_user_attrs.py: numeric, text, mixed, bool, NaN and inf
# attributes) and samples/study.db.  The history's data, trials.csv and
# study.json are checked against the databases read by python3's sqlite3
# (tests/e2e/target_check.py), every figure's note against its PDF text
# (tests/e2e/pdftext.py), the page and `info` against the attribute keys
# counted from the database; error messages and exit codes.
. "$HP_ROOT/tests/e2e/lib.sh"
D="$HP_ROOT/tests/data/user_attrs.db"
S="$HP_ROOT/samples/study.db"
CHECK="$HP_ROOT/tests/e2e/target_check.py"
W="$HP_TMP/target"
mkdir -p "$W"

# check NAME ARGS...: target_check.py finds no problem
check() {
	name=$1; shift
	if out=$(python3 "$CHECK" "$@" 2>&1); then pass "$name"; else fail "$name" "$(printf '%s' "$out" | head -3 | tr '\n' '|')"; fi
}

# every_figure_says NAME DIR TEXT: each PDF figure of DIR has TEXT in its notes
every_figure_says() {
	n=0; bad=""
	for f in "$2"/figures/*.pdf; do
		n=$((n + 1))
		python3 "$HP_ROOT/tests/e2e/pdftext.py" "$f" | grep -qF -- "$3" || bad="$bad $(basename "$f")"
	done
	if [ "$n" -gt 0 ] && [ -z "$bad" ]; then pass "$1 ($n figures)"; else fail "$1" "no \"$3\" in:$bad (of $n)"; fi
}

# --- a numeric user attribute, some trials without it ----------------------
expect "--target user_attrs.accuracy --direction maximize" \
    "$HPREPORT" -q --target user_attrs.accuracy --direction maximize "$D" -o "$W/acc"
check "accuracy: history, trials.csv, study.json equal the database's attribute" \
    attr "$D" attrs accuracy "$W/acc" maximize
every_figure_says "accuracy: every figure names the target" "$W/acc" 'Target: user attribute "accuracy", not the objective; maximize.'
grep_file "accuracy: the page says the target" '<dt>Target</dt><dd>user_attrs.accuracy' "$W/acc/index.html"
grep_file "accuracy: the best card is the target's" 'Best user_attrs.accuracy' "$W/acc/index.html"
check "accuracy: the page lists every attribute key with its type and count" page "$D" attrs "$W/acc"
# no --direction: the study's, said
expect "--target user_attrs.accuracy without --direction" \
    "$HPREPORT" -q --target user_attrs.accuracy "$D" -o "$W/acc-min"
check "accuracy, no --direction: the study's (minimize)" attr "$D" attrs accuracy "$W/acc-min" minimize
grep_file "accuracy, no --direction: a note says where the direction came from" \
    'Use --direction to say which values of \\"accuracy\\" are better' "$W/acc-min/data/study.json"

# --- NaN and infinities; a key that is text in some trials ------------------
expect "--target user_attrs.ratio (NaN, inf, -inf)" "$HPREPORT" -q --target user_attrs.ratio "$D" -o "$W/ratio"
check "ratio: NaN is no value, infinities are counted and left out" attr "$D" attrs ratio "$W/ratio" minimize
expect "--target user_attrs.mixed (numbers and text)" "$HPREPORT" -q --target user_attrs.mixed "$D" -o "$W/mixed"
check "mixed: the numbers are the values, text is none and noted" attr "$D" attrs mixed "$W/mixed" minimize

# --- the duration --------------------------------------------------------------
expect "--target duration" "$HPREPORT" -q --target duration "$D" -o "$W/dur"
check "duration: datetime_complete - datetime_start of the database" duration "$D" attrs "$W/dur"
every_figure_says "duration: every figure names the target" "$W/dur" 'Target: the duration of each trial in seconds'

# --- attributes that cannot be a target -----------------------------------------
keys=$(python3 "$CHECK" numeric-keys "$D" attrs)
for k in tag flag; do
	expect_exit "--target user_attrs.$k (not a number) is exit 2" 2 \
	    "$HPREPORT" -q --target "user_attrs.$k" "$D" -o "$W/no-$k"
	grep_file "user_attrs.$k: the message names the numeric keys" \
	    "user attribute \"$k\" of study \"attrs\" is not a number .*\(numeric user attributes: $keys\)" "$HP_TMP/err"
	[ ! -e "$W/no-$k" ] && pass "user_attrs.$k: no report written" || fail "user_attrs.$k: no report written" "$W/no-$k exists"
done
expect_exit "--target of a key no trial has is exit 2" 2 "$HPREPORT" -q --target user_attrs.nope "$D" -o "$W/nope"
grep_file "a missing key: the message says so" 'has no user attribute "nope" \(numeric user attributes: accuracy' "$HP_TMP/err"
expect_exit "--target bogus is a usage error" 1 "$HPREPORT" -q --target bogus "$D" -o "$W/bogus"
grep_file "--target bogus: the message says what is expected" 'expected user_attrs.KEY, duration or values.N' "$HP_TMP/err"
expect_exit "--objective 1 of a target study (one objective) is a usage error" 1 \
    "$HPREPORT" -q --target duration --objective 1 "$D" -o "$W/obj1"

# --- info -----------------------------------------------------------------------
"$HPREPORT" info "$D" >"$W/info" 2>&1
check "info lists every user attribute key: numeric or not, trials" info "$D" "$W/info"
"$HPREPORT" info "$S" >"$W/sinfo" 2>&1
check "info of samples/study.db lists epochs" info "$S" "$W/sinfo"

# --- samples/study.db: epochs; one objective of two ----------------------------
expect "samples: --target user_attrs.epochs" "$HPREPORT" -q --study mixed-minimize \
    --target user_attrs.epochs "$S" -o "$W/epochs"
check "samples: history of epochs equals the database's" attr "$S" mixed-minimize epochs "$W/epochs" minimize
check "samples: the page lists epochs" page "$S" mixed-minimize "$W/epochs"
expect_exit "samples: a key of one study only, without --study, is exit 2" 2 \
    "$HPREPORT" -q --target user_attrs.epochs "$S" -o "$W/epochs-all"
grep_file "samples: the message points at --study" 'study "maximize-inf" has no user attribute "epochs".*--study' "$HP_TMP/err"
expect "samples: --target values.1" "$HPREPORT" -q --study two-objectives --target values.1 "$S" -o "$W/v1"
check "samples: values.1 is objective 1, maximize, alone" values "$S" two-objectives 1 "$W/v1"
[ ! -e "$W/v1/figures/pareto_front.png" ] && pass "values.1: single objective, no Pareto front" ||
    fail "values.1: single objective, no Pareto front" "pareto_front.png written"
every_figure_says "values.1: every figure names the target" "$W/v1" 'Target: objective 1 (values.1) of 2, maximize.'

# --- MLflow: a metric other than --metric is a user attribute, a target ------
if command -v sqlite3 >/dev/null; then
	sqlite3 "$W/ml.db" <"$HP_ROOT/tests/data/mlflow/mlflow.sql"
	want=$(python3 -c 'import sqlite3, sys
print(repr(sqlite3.connect(sys.argv[1]).execute("SELECT value FROM metrics WHERE key = ? "
    "ORDER BY step DESC, timestamp DESC LIMIT 1", ("epoch_time",)).fetchone()[0]))' "$W/ml.db")
	expect "MLflow: --metric val_loss --target user_attrs.epoch_time" "$HPREPORT" -q \
	    --metric val_loss --target user_attrs.epoch_time --study tune/lr-search "$W/ml.db" -o "$W/ml"
	grep_file "MLflow: the history's best is epoch_time's last value in the database ($want)" \
	    "^[0-9]+,$want\$" "$W/ml/data/convergence.csv"
else
	skip "MLflow: --target user_attrs.epoch_time" "needs sqlite3"
fi
