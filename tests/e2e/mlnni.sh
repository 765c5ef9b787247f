#!/bin/sh
# End-to-end: `hpreport info` on the NNI and MLflow inputs -- detection by
# content, the objective chosen with --metric, and the one-line error with
# exit code 2 when the metric is ambiguous or the input malformed.
. "$(dirname "$0")/lib.sh"
D="$HP_ROOT/tests/data"
W="$HP_TMP/mlnni"
mkdir -p "$W/exp/db"
sqlite3 "$W/mlflow.db" < "$D/mlflow/mlflow.sql"
sqlite3 "$W/exp/db/nni.sqlite" < "$D/nni/nni.sql"

"$HPREPORT" info "$W/exp" >"$W/nni.out" 2>&1
grep_file nni-dir-detected ': nni-dir$' "$W/nni.out"
grep_file nni-study 'study "mnist-tpe": 7 trials' "$W/nni.out"
grep_file nni-maximize 'maximize, best 0.95' "$W/nni.out"
"$HPREPORT" info "$D/nni/export.csv" >"$W/csv.out" 2>&1
grep_file nni-csv-detected ': nni-csv$' "$W/csv.out"
"$HPREPORT" info "$D/nni/export.json" >"$W/json.out" 2>&1
grep_file nni-json-detected ': nni-json$' "$W/json.out"

expect_exit mlflow-ambiguous-metric 2 "$HPREPORT" info "$W/mlflow.db"
grep_file mlflow-ambiguous-message \
    'mlflow.db: several metrics \(epoch_time, val_loss\): choose one with --metric' "$HP_TMP/err"
[ "$(wc -l < "$HP_TMP/err")" -eq 1 ] && pass mlflow-one-line || fail mlflow-one-line "$(cat "$HP_TMP/err")"
"$HPREPORT" info --metric val_loss --direction maximize "$W/mlflow.db" >"$W/ml.out" 2>&1
grep_file mlflow-child-study 'study "tune/lr-search": 6 trials' "$W/ml.out"
grep_file mlflow-direction 'val_loss, maximize' "$W/ml.out"
"$HPREPORT" info "$D/mlflow/mlruns" >"$W/fs.out" 2>&1
grep_file mlflow-dir-detected ': mlflow-dir$' "$W/fs.out"
if have_shared mlflow-real; then
	"$HPREPORT" info --metric rmse "$FIX/mlflow-real/mlflow.db" >"$W/real.out" 2>&1
	grep_file mlflow-real 'study "nyc-taxi-experiment": 15 trials' "$W/real.out"
fi

head -c 3000 "$W/mlflow.db" > "$W/trunc.db"
expect_exit mlflow-truncated 2 "$HPREPORT" info --input-format mlflow-sqlite "$W/trunc.db"
printf 'x,reward,trialJobId\n1,lots,a\n' > "$W/bad.csv"
expect_exit nni-csv-bad-number 2 "$HPREPORT" info "$W/bad.csv"
grep_file nni-csv-bad-message 'bad.csv:2: "lots" is not a number' "$HP_TMP/err"
