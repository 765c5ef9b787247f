#!/bin/sh
# End-to-end: the Keras Tuner reader on the hand-made project and on every
# real project in ../shared/fixtures/other-tools/kt-* (skipped when absent):
# `hpreport info` names the format, and the full report renders (exit 0)
# with trial counts, states, best value and best params equal to what
# tests/e2e/other_tools.py computes from the raw files.
. "$(dirname "$0")/lib.sh"
W="$HP_TMP/kt"
mkdir -p "$W"
CHECK="$HP_ROOT/tests/e2e/other_tools.py"

# check NAME DIR DIRECTION: report of DIR against the independent reading
check() {
	name=$1 dir=$2 dirn=$3
	"$HPREPORT" info "$dir" >"$W/$name.info" 2>&1
	grep_file "$name-detected" ': kerastuner$' "$W/$name.info"
	if "$HPREPORT" -q "$dir" -o "$W/$name" >"$W/$name.log" 2>&1; then
		pass "$name-report"
	else
		fail "$name-report" "$(tail -1 "$W/$name.log")"
		return
	fi
	python3 "$CHECK" kt "$dir" >"$W/$name.want"
	python3 "$CHECK" csv "$W/$name/data/trials.csv" "$dirn" >"$W/$name.got"
	same_file "$name-trials-best-params" "$W/$name.want" "$W/$name.got"
}

check handmade "$HP_ROOT/tests/data/kerastuner/proj" min
grep_file handmade-objective 'objective 0: val_loss, minimize, best 0.4 \(trial 3\)' "$W/handmade.info"
grep_file handmade-note-checkpoints 'model checkpoints of 1 trial' "$W/handmade.info"
if have_shared kerastuner-real; then
	O="$FIX/other-tools"
	check asfandyar "$O/kt-asfandyar-random/mydir/untitled_project" max
	grep_file asfandyar-objective 'val_accuracy, maximize, best 0.7532467246055603 \(trial 1\)' "$W/asfandyar.info"
	check bakerv "$O/kt-bakerv-hyperband/my_dir/intro_to_kt" max
	grep_file bakerv-order-note 'does not record the trial order' "$W/bakerv.info"
	# the Keras Tuner `directory` holds projects: searched
	"$HPREPORT" info "$O/kt-bakerv-hyperband" >"$W/dir.info" 2>"$W/dir.err"
	grep_file directory-finds-project 'my_dir/intro_to_kt: kerastuner$' "$W/dir.info"
fi

# malformed: one line naming the file, exit 2
cp -R "$HP_ROOT/tests/data/kerastuner/proj" "$W/bad"
printf '{"trial_id": "0", "hyperparameters": {}, "status": 7}' > "$W/bad/trial_0/trial.json"
expect_exit bad-status 2 "$HPREPORT" info "$W/bad"
grep_file bad-status-message 'trial_0/trial.json: "status" must be a string' "$HP_TMP/err"
[ "$(wc -l < "$HP_TMP/err")" -eq 1 ] && pass bad-one-line || fail bad-one-line "$(cat "$HP_TMP/err")"
