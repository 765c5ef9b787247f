#!/bin/sh
# End-to-end: the W&B, Hyperopt and Nevergrad readers.  Every real fixture
# in ../shared/fixtures/other-tools/ (skipped when absent) and the
# hand-made cases in tests/data/ are rendered into a full report (exit 0),
# and other_tools_check.py, reading the raw files itself, checks each
# study's trial count, states, best value and best params against the
# report's study.json.  The inputs hpreport refuses (the W&B chart export,
# the dumped Trials repr, an ambiguous metric) exit 2 with one line.
. "$(dirname "$0")/lib.sh"
D="$HP_ROOT/tests/data"
O="$FIX/other-tools"
W="$HP_TMP/others"
CHECK="$HP_ROOT/tests/e2e/other_tools_check.py"
mkdir -p "$W"
n=0

# report NAME KIND INPUT [METRIC DIRECTION [PARAMS]]: renders, then checks
report() {
	name=$1 kind=$2 input=$3 metric=$4 dir=$5 params=$6
	n=$((n + 1))
	out="$W/r$n"
	set -- -q
	[ -n "$metric" ] && set -- "$@" --metric "$metric" --direction "$dir"
	[ -n "$params" ] && set -- "$@" --params "$params"
	if "$HPREPORT" "$@" "$input" -o "$out" >"$W/err$n" 2>&1 &&
	    [ -f "$out/index.html" ]; then
		pass "$name-report"
	else
		fail "$name-report" "$(tail -1 "$W/err$n")"
		return
	fi
	python3 "$CHECK" "$kind" "$input" "$out" $metric $dir $params | sed "s/^\([A-Z]*\) /\1 $name-/"
}

if python3 -c 'import yaml' 2>/dev/null; then
	report edge-wandb wandb-dir "$D/wandb/wandb" val_loss minimize
	report edge-wandbcsv wandb-csv "$D/wandb/runs.csv" val_loss minimize
	report edge-wandbcsv-params wandb-csv "$D/wandb/runs.csv" acc maximize lr,opt
else
	skip edge-wandb "python3-yaml is missing (tests/deps.sh check)"
fi
report edge-hyperopt-trials hyperopt "$D/hyperopt/trials.json"
report edge-hyperopt-results hyperopt "$D/hyperopt/results.json"
report edge-hyperopt-dir hyperopt "$D/hyperopt/perjson"
report edge-nevergrad nevergrad "$D/nevergrad/edge.jsonl"

"$HPREPORT" info "$D/hyperopt/perjson" >"$W/info.out" 2>&1
grep_file hyperopt-dir-info-detected ': hyperopt-dir$' "$W/info.out"
grep_file hyperopt-dir-info-notes '1 binary file \(pickles\) ignored' "$W/info.out"
expect_exit wandb-needs-metric 2 "$HPREPORT" info "$D/wandb/wandb"
grep_file wandb-needs-metric-message \
    'wandb: several summary metrics \(acc, val_loss\): choose one with --metric' "$HP_TMP/err"
[ "$(wc -l < "$HP_TMP/err")" -eq 1 ] && pass wandb-one-line || fail wandb-one-line "$(cat "$HP_TMP/err")"

if [ ! -d "$O" ]; then
	skip other-tools-fixtures "needs $O"
	exit 0
fi
if python3 -c 'import yaml' 2>/dev/null; then
	[ -d "$O/wandb-13udha-v0.8" ] &&
		report wandb08 wandb-dir "$O/wandb-13udha-v0.8/wandb" episode_reward maximize
	[ -d "$O/wandb-mksindhu-sweep" ] &&
		report wandb019 wandb-dir "$O/wandb-mksindhu-sweep/wandb" validation_accuracy maximize
	[ -d "$O/wandbcsv-adamaya-runs" ] &&
		report wandbcsv wandb-csv "$O/wandbcsv-adamaya-runs/wandb_export.csv" \
		    quant_test_acc maximize
fi
[ -d "$O/hyperopt-koehrsen-results" ] &&
	report hyperopt-results hyperopt "$O/hyperopt-koehrsen-results/results/trials.json"
[ -d "$O/hyperopt-chevalier-perjson" ] &&
	report hyperopt-dir hyperopt "$O/hyperopt-chevalier-perjson/results"
[ -d "$O/nevergrad-tgmj2" ] &&
	report nevergrad nevergrad "$O/nevergrad-tgmj2/data/test_logger.json"

if [ -d "$O/wandbcsv-templier-chart" ]; then
	expect_exit wandb-chart-refused 2 "$HPREPORT" info "$O/wandbcsv-templier-chart/wandb_export.csv"
	grep_file wandb-chart-reason 'a W&B chart panel export .* not a runs table' "$HP_TMP/err"
fi
if [ -d "$O/hyperopt-dogmatix-brokenrepr" ]; then
	expect_exit hyperopt-repr-refused 2 "$HPREPORT" info "$O/hyperopt-dogmatix-brokenrepr/trials.json"
	grep_file hyperopt-repr-reason 'trials.json: a JSON string .*dump trials.trials' "$HP_TMP/err"
	[ "$(wc -l < "$HP_TMP/err")" -eq 1 ] && pass hyperopt-repr-one-line ||
		fail hyperopt-repr-one-line "$(cat "$HP_TMP/err")"
fi
if [ -d "$O/wandb-13udha-v0.8" ]; then
	"$HPREPORT" info --metric episode_reward "$O/wandb-13udha-v0.8/wandb" >"$W/w08.out" 2>&1
	grep_file wandb08-info 'study "connect-four-tensorflow": 9 trials, 5 COMPLETE, 4 FAIL' "$W/w08.out"
	grep_file wandb08-direction-note 'maximize assumed for "episode_reward" from its name' "$W/w08.out"
fi
