#!/bin/sh
# End-to-end: the SMAC3 reader on the hand-made runs (0.x/1.x, 2.0, 2.3
# rows) and on every real run in ../shared/fixtures/other-tools/smac*
# (skipped when absent): `hpreport info` names the format, and the full
# report renders (exit 0) with trial counts, states, best value and best
# params equal to what tests/e2e/other_tools.py computes from the raw files.
. "$(dirname "$0")/lib.sh"
W="$HP_TMP/smac"
mkdir -p "$W"
CHECK="$HP_ROOT/tests/e2e/other_tools.py"

check() {
	name=$1 dir=$2
	"$HPREPORT" info "$dir" >"$W/$name.info" 2>&1
	grep_file "$name-detected" ': smac$' "$W/$name.info"
	if "$HPREPORT" -q "$dir" -o "$W/$name" >"$W/$name.log" 2>&1; then
		pass "$name-report"
	else
		fail "$name-report" "$(tail -1 "$W/$name.log")"
		return
	fi
	python3 "$CHECK" smac "$dir" >"$W/$name.want"
	python3 "$CHECK" csv "$W/$name/data/trials.csv" >"$W/$name.got"
	same_file "$name-trials-best-params" "$W/$name.want" "$W/$name.got"
}

for v in v1 v23; do
	check "handmade-$v" "$HP_ROOT/tests/data/smac/$v"
done
"$HPREPORT" info "$HP_ROOT/tests/data/smac/v20" >"$W/v20.info" 2>&1
grep_file v20-two-objectives 'objective 1: train_time, minimize, best 90 \(trial 1\)' "$W/v20.info"
grep_file v20-budget-note 'stopped below budget 9 are PRUNED' "$W/v20.info"
if have_shared smac-real; then
	O="$FIX/other-tools"
	check smac0 "$O/smac0-cave-spear/example_output/run_1"
	check smac1 "$O/smac1-deepcave-mlp"
	check smac2-mlp "$O/smac2-deepcave-mlp"
	check smac2-mf "$O/smac2-deepcave-mf"
	check smac2.3 "$O/smac2.3-deepcave-mf-dictrows"
	grep_file smac0-runtime 'objective 0: runtime, minimize, best 0.0197123 \(trial 26\)' "$W/smac0.info"
	grep_file smac2.3-running '498 trials, 252 RUNNING, 244 COMPLETE, 2 FAIL' "$W/smac2.3.info"
	grep_file smac2-mf-objective '1 - Accuracy, minimize' "$W/smac2-mf.info"
	# the runhistory alone is read too (the configspace beside it)
	"$HPREPORT" info "$O/smac1-deepcave-mlp/runhistory.json" >"$W/file.info" 2>&1
	grep_file runhistory-file 'param alpha: float \[1e-08, 1\] log' "$W/file.info"
fi

# malformed: one line naming the file and the row, exit 2
mkdir -p "$W/bad"
printf '{"data": [[[9, null, 0, 0], [0.5, 1, {"__enum__": "StatusType.SUCCESS"}, 0, 0, {}]]], "configs": {"1": {}}}' > "$W/bad/runhistory.json"
expect_exit bad-config 2 "$HPREPORT" info "$W/bad"
grep_file bad-config-message 'runhistory.json: data\[0\]: config_id 9 is not in "configs"' "$HP_TMP/err"
[ "$(wc -l < "$HP_TMP/err")" -eq 1 ] && pass bad-one-line || fail bad-one-line "$(cat "$HP_TMP/err")"
