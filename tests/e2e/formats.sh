#!/bin/sh
# End-to-end: every input format hpreport reads.  Each sample is copied to
# a name without extension (detection must not look at file names), then
# `hpreport info` must print "PATH: FORMAT" (and, for inputs that store no
# direction or distributions, the notes saying what was inferred) and a
# full report must be written with -o.  Malformed variants -- truncated,
# wrong type, missing field, duplicate trial, 1e400 -- must exit 2 with one
# line naming the file (NNI and MLflow name its base name) and the
# line/row/table.  --input-format must skip
# detection.
. "$(dirname "$0")/lib.sh"
D="$HP_ROOT/tests/data"
W="$HP_TMP/formats"
mkdir -p "$W/in" "$W/nniexp/db" "$W/bad"

sqlite3 "$W/in/nnidb" < "$D/nni/nni.sql"
sqlite3 "$W/nniexp/db/nni.sqlite" < "$D/nni/nni.sql"
sqlite3 "$W/in/mlflowdb" < "$D/mlflow/mlflow.sql"
cp -R "$D/mlflow/mlruns" "$W/in/mlstore"
cp "$D/hp-study.json" "$W/in/hpjson"
cp "$D/runs.jsonl" "$W/in/hpjsonl"		# its last line is half-written
cp "$D/skopt-result.json" "$W/in/skopt"
cp "$D/nni/export.json" "$W/in/nnijson"
cp "$D/nni/export.csv" "$W/in/nnicsv"
cp "$D/nni/export-dict.csv" "$W/in/nnicsvdict"
cp "$O31/journal.log" "$W/in/journal31"
cp "$D/journal-edge.log" "$W/in/journaledge"
cp "$O31/trials.csv" "$W/in/dfcsv"
cp "$O31/trials.json" "$W/in/dfjson"
cp "$D/df-split.json" "$W/in/dfsplit"
cp "$O31/study.db" "$W/in/optunadb"
if [ -d "$FIX" ]; then	# data only ../shared holds
	cp -R "$FIX/mlflow-real/mlruns" "$W/in/mlrealstore"
	cp "$FIX/mlflow-real/mlflow.db" "$W/in/mlrealdb"
	cp "$FIX/optuna-legacy/journal-4.0.0.dev.log" "$W/in/journal40"
	cp "$FIX/optuna-legacy/0.9.0.a.db" "$W/in/optunadb09"
fi

# loads NAME FORMAT [OPTIONS]: info names the format, a full report is made
loads() {
	n=$1 f=$2
	shift 2
	if [ ! -e "$W/in/$n" ]; then	# from ../shared, not there
		have_shared "formats-$n-detected-as-$f" && fail "formats-$n-detected-as-$f" "no input"
		have_shared "formats-$n-full-report" && fail "formats-$n-full-report" "no input"
		return
	fi
	"$HPREPORT" info "$@" "$W/in/$n" > "$W/$n.info" 2>&1
	rc=$?
	if [ $rc -eq 0 ] && grep -qx "$W/in/$n: $f" "$W/$n.info"; then
		pass "formats-$n-detected-as-$f"
	else
		fail "formats-$n-detected-as-$f" "exit $rc: $(head -c 300 "$W/$n.info")"
	fi
	rm -rf "$W/r-$n"
	"$HPREPORT" -q --format svg "$@" "$W/in/$n" -o "$W/r-$n" > "$W/$n.out" 2>&1
	rc=$?
	# several studies: compare.html and one sub-report per study
	if [ $rc -eq 0 ] && { [ -s "$W/r-$n/index.html" ] || [ -s "$W/r-$n/compare.html" ]; } &&
	    [ -n "$(find "$W/r-$n" -path '*/data/trials.csv' -size +0)" ] &&
	    [ -n "$(find "$W/r-$n" -path '*/figures/*.svg' -size +0)" ]; then
		pass "formats-$n-full-report"
	else
		fail "formats-$n-full-report" "exit $rc: $(tail -c 300 "$W/$n.out")"
	fi
}
loads hpjson hpreport-json
loads hpjsonl hpreport-jsonl
loads skopt skopt-json
loads nnijson nni-json
loads nnicsv nni-csv
loads nnicsvdict nni-csv
loads nnidb nni-sqlite
loads mlflowdb mlflow-sqlite --metric val_loss
loads mlstore mlflow-dir
loads mlrealdb mlflow-sqlite --metric rmse
loads mlrealstore mlflow-dir --metric test_accuracy
loads journal31 optuna-journal
loads journal40 optuna-journal
loads journaledge optuna-journal
loads dfcsv optuna-dataframe-csv
loads dfjson optuna-dataframe-json
loads dfsplit optuna-dataframe-json
loads optunadb optuna-sqlite --study maximize-inf
loads optunadb09 optuna-sqlite --study single
"$HPREPORT" info "$W/nniexp" > "$W/nniexp.info" 2>&1
grep_file formats-nni-experiment-dir-detected "^$W/nniexp: nni-dir\$" "$W/nniexp.info"

# what could not be read from the input is said
grep_file formats-jsonl-half-written-line-noted 'last line .*ignored|incomplete' "$W/hpjsonl.info"
grep_file formats-journal-half-written-line-noted 'last line is incomplete' "$W/journaledge.info"
grep_file formats-dataframe-csv-notes-direction 'note: DataFrame export: no direction stored; assumed minimize' "$W/dfcsv.info"
grep_file formats-dataframe-csv-notes-inferred-distribution 'note: param "lr": no distribution stored; inferred float on a log scale' "$W/dfcsv.info"
grep_file formats-dataframe-json-notes-distributions 'note: DataFrame export: no distributions' "$W/dfjson.info"
grep_file formats-mlflow-notes-direction 'note: MLflow stores no direction: minimize assumed for "val_loss"' "$W/mlflowdb.info"
grep_file formats-mlflow-notes-inferred-distribution 'note: param "optimizer": no distribution stored; inferred categorical' "$W/mlflowdb.info"
have_shared formats-mlflow-dir-notes-direction-from-name &&
	grep_file formats-mlflow-dir-notes-direction-from-name 'maximize assumed for "test_accuracy" from its name' "$W/mlrealstore.info"
have_shared formats-mlflow-real-notes-missing-metric &&
	grep_file formats-mlflow-real-notes-missing-metric 'note: 1 finished run did not log "rmse"' "$W/mlrealdb.info"
grep_file formats-nni-notes-direction 'NNI input without optimize_mode: assumed minimize' "$W/nnicsvdict.info"

# --input-format skips detection: the right name loads a file, a wrong one
# makes that loader fail on it (so no detection happened)
"$HPREPORT" info --input-format nni-csv "$W/in/nnicsv" > "$W/forced.info" 2>&1
grep_file formats-input-format-used "^$W/in/nnicsv: nni-csv\$" "$W/forced.info"
expect_exit formats-input-format-overrides-detection 2 \
    "$HPREPORT" info --input-format optuna-dataframe-csv "$W/in/nnicsv"
grep_file formats-input-format-overrides-detection-message 'nnicsv: .*no "number" column' "$HP_TMP/err"
expect_exit formats-input-format-json-on-sqlite 2 \
    "$HPREPORT" info --input-format hpreport-json "$W/in/optunadb"
expect_exit formats-input-format-unknown 1 "$HPREPORT" info --input-format xls "$W/in/hpjson"
grep_file formats-input-format-unknown-message '^hpreport: --input-format: unknown format "xls"' "$HP_TMP/err"

# bad NAME PATTERN [OPTIONS]: bad/NAME exits 2 with one line matching PATTERN
bad() {
	n=$1 pat=$2
	shift 2
	"$HPREPORT" info "$@" "$W/bad/$n" >"$HP_TMP/out" 2>"$HP_TMP/err"
	rc=$?
	if [ $rc -eq 2 ] && [ "$(wc -l < "$HP_TMP/err")" -eq 1 ] &&
	    grep -Eq -- "^hpreport: ($W/bad/)?$n$pat" "$HP_TMP/err"; then
		pass "formats-malformed-$n-exit-2-one-line"
	else
		fail "formats-malformed-$n-exit-2-one-line" "exit $rc: $(head -c 300 "$HP_TMP/err")"
	fi
}
B="$W/bad"
H="$D/hp-study.json"
head -c 900 "$H" > "$B/hpj-truncated"
sed 's/"value": 0.91/"value": "high"/' "$H" > "$B/hpj-wrong-type"
sed 's/"choices": \["adam", "sgd", null, 3, 2.5\]/"ch": 1/' "$H" > "$B/hpj-missing-field"
sed 's/"number": 1,/"number": 0,/' "$H" > "$B/hpj-duplicate"
sed 's/"value": 0.91/"value": 1e400/' "$H" > "$B/hpj-1e400"
bad hpj-truncated ':18:29: malformed JSON'
bad hpj-wrong-type ': trials\[0\]: "value" must be a number'
bad hpj-missing-field ': search_space "opt": a categorical param needs "choices"'
bad hpj-duplicate ': trials\[1\]: duplicate trial number 0 \(first at trials\[0\]\)'
bad hpj-1e400 ':13:49: number out of range'
L="$D/runs.jsonl"
{ head -3 "$L"; printf '{"params": {"lr": 0.1\n'; tail -n +4 "$L"; } > "$B/jsonl-truncated"
sed '3s/"value": 0.31/"value": "x"/' "$L" > "$B/jsonl-wrong-type"
sed '1s/}$/, "search_space": {"lr": {"type": "float", "low": 0}}}/' "$L" > "$B/jsonl-missing-field"
sed '2s/"value": 0.52/"number": 1, "value": 0.52/;3s/"value": 0.31/"number": 1, "value": 0.31/' \
    "$L" > "$B/jsonl-duplicate"
sed '2s/"value": 0.52/"value": 1e400/' "$L" > "$B/jsonl-1e400"
bad jsonl-truncated ':4:21: malformed JSON'
bad jsonl-wrong-type ':3: "value" must be a number or null'
bad jsonl-missing-field ':1: search_space "lr": a float param needs "low" and "high"'
bad jsonl-duplicate ':3: duplicate trial number 1 \(first at line 2\)'
bad jsonl-1e400 ':2:71: number out of range'
# skopt: trials have no numbers, so no duplicate (equal points are allowed)
S="$D/skopt-result.json"
head -c 300 "$S" > "$B/skopt-truncated"
sed 's/"func_vals": \[0.18,/"func_vals": ["a",/' "$S" > "$B/skopt-wrong-type"
sed 's/"x_iters"/"x_iter"/' "$S" > "$B/skopt-missing-field"
sed 's/"func_vals": \[0.18,/"func_vals": [1e400,/' "$S" > "$B/skopt-1e400"
bad skopt-truncated ':4:64: malformed JSON' --input-format skopt-json
bad skopt-wrong-type ': func_vals\[0\]: expected a number'
bad skopt-missing-field ': missing "x_iters"'
bad skopt-1e400 ':11:16: number out of range'
C="$D/df-small.csv"
head -c 400 "$C" > "$B/dfcsv-truncated"
sed '2s/,1.227443883406634,/,abc,/' "$C" > "$B/dfcsv-wrong-type"
sed '1s/^number,/nr,/' "$C" > "$B/dfcsv-missing-field"
sed '3s/^1,/0,/' "$C" > "$B/dfcsv-duplicate"
sed '2s/,1.227443883406634,/,1e400,/' "$C" > "$B/dfcsv-1e400"
bad dfcsv-truncated ': row 3: 3 fields, the header has 15'
bad dfcsv-wrong-type ': row 2: "value" must be a number, not "abc"'
bad dfcsv-missing-field ': row 1: no "number" column' --input-format optuna-dataframe-csv
bad dfcsv-duplicate ': row 3: duplicate trial number 0 \(first at row 2\)'
bad dfcsv-1e400 ': row 2: "value" must be a number, not "1e400"'
P="$D/df-columns.json"
head -c 500 "$P" > "$B/dfjson-truncated"
sed 's/"value":{"0":1.227443883406634/"value":{"0":"abc"/' "$P" > "$B/dfjson-wrong-type"
sed 's/{"number":/{"nr":/' "$P" > "$B/dfjson-missing-field"
sed 's/{"number":{"0":0,"1":1,/{"number":{"0":0,"1":0,/' "$P" > "$B/dfjson-duplicate"
sed 's/"value":{"0":1.227443883406634/"value":{"0":1e400/' "$P" > "$B/dfjson-1e400"
bad dfjson-truncated ':1:486: malformed JSON'
bad dfjson-wrong-type ': record 0: "value" must be a number, not "abc"'
bad dfjson-missing-field ': no "number" column' --input-format optuna-dataframe-json
bad dfjson-duplicate ': record 1: duplicate trial number 0 \(first at record 0\)'
bad dfjson-1e400 ':1:62: number out of range'
# journal: trial ids are implicit (one per create-trial line), so there is
# no duplicate trial to write; a repeated create-study is ignored, as Optuna does
J="$D/optuna31-mixed-copy.journal.log"
{ head -c 5000 "$J"; echo; tail -n +20 "$J"; } > "$B/journal-truncated"
sed '3s/"value": 1.227443883406634/"value": "x"/' "$J" > "$B/journal-wrong-type"
sed '3s/"study_id": 0, //' "$J" > "$B/journal-missing-field"
sed '3s/"value": 1.227443883406634/"value": 1e400/' "$J" > "$B/journal-1e400"
bad journal-truncated ':6:15: malformed JSON'
bad journal-wrong-type ':3: "value" must be a number or null'
bad journal-missing-field ':3: missing "study_id"'
bad journal-1e400 ':3:169: number out of range'
sed '1p' "$J" > "$B/journal-repeated-create"
"$HPREPORT" info "$B/journal-repeated-create" > "$W/rep.info" 2>&1
[ "$(grep -c '^study "mixed-minimize": 81 trials' "$W/rep.info")" -eq 1 ] &&
    pass formats-journal-repeated-create-study-ignored ||
    fail formats-journal-repeated-create-study-ignored "$(head -3 "$W/rep.info")"
N="$D/nni/export.json"
head -c 200 "$N" > "$B/nnijson-truncated"
sed 's/"value": "0.91"/"value": "abc"/' "$N" > "$B/nnijson-wrong-type"
sed 's/"parameter": {"lr": 0.001, "batch_size": 32, "optimizer": "adam", "dropout": 0.25}, //' \
    "$N" > "$B/nnijson-missing-field"
sed 's/"trialJobId": "Cc3dE"/"trialJobId": "Aa1bC"/' "$N" > "$B/nnijson-duplicate"
sed 's/"value": "0.91"/"value": 1e400/' "$N" > "$B/nnijson-1e400"
sed 's/"value": "0.91"/"value": "1e400"/' "$N" > "$B/nnijson-1e400-in-string"
bad nnijson-truncated ':1:199: malformed JSON'
bad nnijson-wrong-type ':1: trial "Aa1bC": metric "abc" is not JSON'
bad nnijson-missing-field ':1: trial 0 needs "parameter" \(object\) and "trialJobId"'
bad nnijson-duplicate ':1: duplicate trial "Aa1bC"'
bad nnijson-1e400 ':1:96: number out of range'
bad nnijson-1e400-in-string ':1: trial "Aa1bC": metric "1e400" is out of range'
N="$D/nni/export.csv"
head -c 60 "$N" > "$B/nnicsv-truncated"
sed '2s/0.91/abc/' "$N" > "$B/nnicsv-wrong-type"
sed '1s/reward/rewardx/' "$N" > "$B/nnicsv-missing-field"
sed '3s/Cc3dE/Aa1bC/' "$N" > "$B/nnicsv-duplicate"
sed '2s/0.91/1e400/' "$N" > "$B/nnicsv-1e400"
bad nnicsv-truncated ':2: 3 fields, the header has 6'
bad nnicsv-wrong-type ':2: "abc" is not a number for "reward"'
bad nnicsv-missing-field ':1: header needs trialJobId and reward or default'
bad nnicsv-duplicate ':3: duplicate trial "Aa1bC"'
bad nnicsv-1e400 ':2: "1e400" is not a number for "reward"'
# SQLite inputs: a REAL column turns 1e400 into a stored infinity, which is
# a value Optuna itself can hold, so there is no 1e400 case; MLflow's runs
# and NNI's event log have no duplicable trial row (run_uuid is a key, a
# repeated NNI event is idempotent).
cp "$D/dominant.db" "$B/optuna-db" && chmod u+w "$B/optuna-db"
head -c 20000 "$B/optuna-db" > "$B/optuna-truncated"
cp "$B/optuna-db" "$B/optuna-wrong-type"
sqlite3 "$B/optuna-wrong-type" "UPDATE trial_values SET value='abc' WHERE trial_value_id=(SELECT min(trial_value_id) FROM trial_values)"
cp "$B/optuna-db" "$B/optuna-missing-field"
sqlite3 "$B/optuna-missing-field" "DROP TABLE trial_params"
cp "$B/optuna-db" "$B/optuna-duplicate"
sqlite3 "$B/optuna-duplicate" "UPDATE trials SET number=0 WHERE number=1"
bad optuna-truncated ': table studies: database disk image is malformed' --input-format optuna-sqlite
bad optuna-wrong-type ': table trial_values, trial 0: value is not a number'
bad optuna-missing-field ': not an Optuna database: no table trial_params'
bad optuna-duplicate ': table trials, study "dominant": duplicate trial number 0'
sqlite3 "$B/nni-db" < "$D/nni/nni.sql"
head -c 3000 "$B/nni-db" > "$B/nni-truncated"
cp "$B/nni-db" "$B/nni-wrong-type"
sqlite3 "$B/nni-wrong-type" "UPDATE MetricData SET data='\"abc\"' WHERE rowid=1"
cp "$B/nni-db" "$B/nni-missing-field"
sqlite3 "$B/nni-missing-field" "DROP TABLE MetricData"
cp "$B/nni-db" "$B/nni-1e400"
sqlite3 "$B/nni-1e400" "UPDATE MetricData SET data='\"1e400\"' WHERE rowid=1"
bad nni-truncated ': database disk image is malformed' --input-format nni-sqlite
bad nni-wrong-type ': table MetricData, row 1: metric "abc" is not JSON'
bad nni-missing-field ': no table MetricData'
bad nni-1e400 ': table MetricData, row 1: metric "1e400" is out of range'
sqlite3 "$B/mlflow-db" < "$D/mlflow/mlflow.sql"
head -c 3000 "$B/mlflow-db" > "$B/mlflow-truncated"
cp "$B/mlflow-db" "$B/mlflow-wrong-type"
sqlite3 "$B/mlflow-wrong-type" "UPDATE metrics SET value='abc' WHERE rowid=(SELECT min(rowid) FROM metrics WHERE key='val_loss')"
cp "$B/mlflow-db" "$B/mlflow-missing-field"
sqlite3 "$B/mlflow-missing-field" "DROP TABLE params"
bad mlflow-truncated ': ' --input-format mlflow-sqlite --metric val_loss
bad mlflow-wrong-type ': table metrics, row 1: wrong types' --metric val_loss
bad mlflow-missing-field ': no table params' --metric val_loss
for v in wrong-type truncated 1e400; do
	cp -R "$D/mlflow/mlruns" "$B/mlstore-$v"
done
printf '1700000000000 abc 0\n' > "$B/mlstore-wrong-type/5/bbbb2222/metrics/val_auc"
printf '17000' > "$B/mlstore-truncated/5/bbbb2222/metrics/val_auc"
printf '1700000000000 1e400 0\n' > "$B/mlstore-1e400/5/bbbb2222/metrics/val_auc"
for v in wrong-type truncated 1e400; do
	bad "mlstore-$v" '/5/bbbb2222/metrics/val_auc:1: expected "timestamp value step"'
done
