#!/bin/sh
# End-to-end: the Ray Tune reader on every real experiment directory in
# ../shared/fixtures/other-tools/ray-* (skipped without them).  Trial
# counts, states, the best value, its trial number and params are checked
# against tests/e2e/raytune_expect.py, which reads the raw files with
# Python's json and csv modules; then a full report of each is rendered.
. "$(dirname "$0")/lib.sh"
W="$HP_TMP/raytune"
mkdir -p "$W"
R="$FIX/other-tools"
if [ ! -d "$R/ray-deepcave-grid" ]; then
	skip raytune-fixtures "needs $R/ray-* (real Ray Tune outputs)"
	exit 0
fi

# check NAME DIR [METRIC [DIRECTION]]: info and trials.csv agree with the script
check() {
	name=$1 dir=$2 metric=$3 dirn=$4
	python3 "$HP_ROOT/tests/e2e/raytune_expect.py" "$dir" $metric $dirn \
	    > "$W/$name.expect" 2>"$W/$name.pyerr" ||
	    { fail "$name-expect" "$(tail -1 "$W/$name.pyerr")"; return; }
	"$HPREPORT" info ${metric:+--metric "$metric"} ${dirn:+--direction "$dirn"} \
	    "$dir" > "$W/$name.info" 2>&1 || { fail "$name-info" "$(tail -1 "$W/$name.info")"; return; }
	grep_file "$name-detected" ': raytune$' "$W/$name.info"
	want=$(sed -n 's/^trials //p' "$W/$name.expect")
	got=$(sed -n 's/^study "[^"]*": \([0-9]*\) trials\{0,1\}\(.*\)$/\1\2/p' "$W/$name.info")
	[ "$want" = "$got" ] && pass "$name-states" || fail "$name-states" "got '$got', want '$want'"
	"$HPREPORT" -q ${metric:+--metric "$metric"} ${dirn:+--direction "$dirn"} \
	    --format png --width 480 --height 360 --dpi 72 -o "$W/$name.report" "$dir" \
	    2>"$W/$name.err"
	rc=$?
	[ "$rc" -eq 0 ] && [ -f "$W/$name.report/index.html" ] &&
	    [ -n "$(ls "$W/$name.report/figures/"*.png 2>/dev/null)" ] &&
	    pass "$name-report" || fail "$name-report" "exit $rc: $(tail -1 "$W/$name.err")"
	python3 - "$W/$name.expect" "$W/$name.info" "$W/$name.report/data/trials.csv" <<'PY' \
	    && pass "$name-best" || fail "$name-best" "see above"
import csv, json, re, sys
exp = dict(l.rstrip('\n').split(' ', 1) for l in open(sys.argv[1]))
info = open(sys.argv[2]).read()
m = re.search(r'best (\S+) \(trial (\d+)\)', info)
if exp['best'] == 'none':
    sys.exit(1 if m else 0)
if not m or abs(float(m.group(1)) - float(exp['best'])) > 1e-12 * max(1, abs(float(exp['best']))) \
        or m.group(2) != exp['number']:
    print('info says %s, expected best %s at trial %s' % (m and m.group(0), exp['best'], exp['number']))
    sys.exit(1)
row = [r for r in csv.DictReader(open(sys.argv[3])) if r['number'] == exp['number']][0]
bad = []
for k, v in json.loads(exp['params']).items():
    got = row.get('params_' + k)
    if isinstance(v, bool):
        ok = got == str(v)
    elif v is None:
        ok = got == 'None'
    elif isinstance(v, (int, float)):
        ok = got is not None and float(got) == float(v)
    else:
        ok = got == v
    if not ok:
        bad.append('%s: %r != %r' % (k, got, v))
if bad:
    print('; '.join(bad))
    sys.exit(1)
PY
}

check ray-deepcave "$R/ray-deepcave-grid" score maximize
check ray-exp16 "$(echo "$R"/ray-jshyam-exp16/tune_train_func_*)" loss
check ray-exp16-r2 "$(echo "$R"/ray-jshyam-exp16/tune_train_func_*)" r2 maximize
check ray-err27 "$(echo "$R"/ray-jshyam-err27/tune_train_func_*)"
check ray-v1-cpu "$R/ray-zekailin-v1.1-partial/examples/CPU"
check ray-v1-gpu "$R/ray-zekailin-v1.1-partial/examples/GPU/trial-1"

# what the notes say
"$HPREPORT" info "$R/ray-deepcave-grid" > "$W/ray-deepcave.info" 2>&1
grep_file ray-deepcave-default-metric 'objective 0: score, maximize, best 1.9 ' "$W/ray-deepcave.info"
grep_file ray-deepcave-direction-note 'maximize assumed for "score" from its name' "$W/ray-deepcave.info"
grep_file ray-deepcave-pickle-note 'pickles .* not read' "$W/ray-deepcave.info"
grep_file ray-err27-never-ran '200 TERMINATED trials never reported a result' "$W/ray-err27.info"
grep_file ray-exp16-intermediate 'intermediate_values' "$W/ray-exp16.report/index.html"

# several metrics and no --metric: exit 2, one line listing them
expect_exit ray-ambiguous-metric 2 "$HPREPORT" info "$(echo "$R"/ray-jshyam-exp16/tune_train_func_*)"
grep_file ray-ambiguous-message 'several metrics \(loss, mae, mse, r2, rmse\): choose one with --metric' "$HP_TMP/err"
[ "$(wc -l < "$HP_TMP/err")" -eq 1 ] && pass ray-ambiguous-one-line || fail ray-ambiguous-one-line "$(cat "$HP_TMP/err")"
expect_exit ray-unknown-metric 2 "$HPREPORT" info --metric nope "$R/ray-deepcave-grid"
grep_file ray-unknown-metric-message 'no trial reported metric "nope" \(metrics: score\)' "$HP_TMP/err"
# a lone params.json is not an experiment
expect_exit ray-lone-params 2 "$HPREPORT" info "$R/ray-zekailin-v1.1-partial/examples/GPU/trial-2"
