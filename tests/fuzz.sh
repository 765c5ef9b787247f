#!/bin/sh
# `make fuzz`: builds every loader's libFuzzer target (tests/fuzz/fuzz_*.c)
# with clang -fsanitize=fuzzer,address,undefined and runs each for
# FUZZ_SECONDS (default 60) on a corpus seeded from tests/data and
# ../shared/fixtures.  FUZZ_JOBS targets run at once (default 1).
# Usage: tests/fuzz.sh [target...]   e.g. FUZZ_SECONDS=240 FUZZ_JOBS=2 tests/fuzz.sh
# Each target's log is build-fuzz/<target>/log; findings (crash-*, leak-*,
# timeout-*, oom-*) land in build-fuzz/<target>/.  One summary line per
# target; the exit status is 1 when any target found something.
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
SECONDS_EACH=${FUZZ_SECONDS:-60}
JOBS=${FUZZ_JOBS:-1}
SHARED=${HP_SHARED:-$ROOT/../shared}
FIX=$SHARED/fixtures
OFIX=$FIX/other-tools
D=tests/data
if ! command -v clang >/dev/null 2>&1; then
	echo "fuzz.sh needs clang: sh tests/deps.sh fuzz" >&2
	exit 1
fi
OUT=build-fuzz
SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
CFLAGS="-g -O1 $SAN -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude -Isrc/load
-Itests/fuzz $(pkg-config --cflags libcjson sqlite3 glib-2.0 libpq libmariadb hiredis yaml-0.1)"
LIBS="$(pkg-config --libs libcjson sqlite3 glib-2.0 libpq libmariadb hiredis yaml-0.1) -lcsv -lm"
# every target tests/fuzz/fuzz_NAME.c, so a new one needs no line here
ALL=$(for f in tests/fuzz/fuzz_*.c; do f=${f##*/fuzz_}; echo "${f%.c}"; done)

# The loaders, util, json and study, built once (load.c's table refers to every
# loader, so all of src/load/ goes in).
build_objs() {
	mkdir -p "$OUT/obj"
	OBJS=""
	for s in src/util/util.c src/util/json.c src/study.c src/load/*.c; do
		o=$OUT/obj/$(echo "$s" | tr / _ | sed 's/\.c$/.o/')
		if [ ! -f "$o" ] || [ "$s" -nt "$o" ] || [ -n "$(find include src/load -newer "$o" -name '*.h')" ]; then
			# shellcheck disable=SC2086
			clang $CFLAGS -fsanitize=fuzzer-no-link -c "$s" -o "$o"
		fi
		OBJS="$OBJS $o"
	done
}

# seed DIR NAME BYTE FILE...: a seed whose first byte selects a sub-format
seed() {
	d=$1 n=$2 b=$3
	shift 3
	{ printf "\\$b"; for f in "$@"; do cat "$f"; done; } > "$d/$n"
}

# plain seeds: each file, and its first 4 KiB so mutations of big fixtures
# stay fast
seed_files() {
	c=$1
	shift
	for s in "$@"; do
		[ -f "$s" ] || continue
		head -c 4096 "$s" > "$c/head-$(basename "$s")"
		[ "$(wc -c < "$s")" -le 200000 ] && cp "$s" "$c/"
	done
	return 0
}

# tests/data/hostile: the issue 23 reproducers (BOM, NUL, escapes, two
# documents...), here and in ../shared, seed every loader of their kind
HOS="$D/hostile $FIX/hostile"
hostile() { for h in $HOS; do ls "$h"/$1 2>/dev/null || true; done; }
seeds_journal() { seed_files "$1" $D/*.journal.log $D/journal-*.log $FIX/optuna-legacy/journal-4.0.0.dev.log $(hostile '*.log'); }
seeds_dataframe_csv() { seed_files "$1" $D/df-*.csv $D/optuna-3.1/trials.csv $(hostile '*.csv'); }
seeds_dataframe_json() { seed_files "$1" $D/df-*.json $D/optuna-3.1/trials.json $(hostile '*.json'); }
seeds_hpjson() { seed_files "$1" $D/hp-*.json $(hostile '*.json'); }
seeds_hpjsonl() { seed_files "$1" $D/*.jsonl $(hostile '*.json'); }
seeds_skopt() { seed_files "$1" $D/skopt-*.json $(hostile '*.json'); }

seeds_nevergrad() {
	seed_files "$1" $D/nevergrad/*.jsonl
	[ -f "$OFIX/nevergrad-tgmj2/data/test_logger.json" ] &&
		head -n 40 "$OFIX/nevergrad-tgmj2/data/test_logger.json" > "$1/tgmj2-head.jsonl"
	return 0
}

seeds_hyperopt() {
	c=$1 nul=$OUT/nul
	printf '\000' > "$nul"
	seed "$c" trials 000 $D/hyperopt/trials.json
	seed "$c" results 000 $D/hyperopt/results.json
	seed "$c" dir 001 $D/hyperopt/perjson/model_a.json "$nul" \
	    $D/hyperopt/perjson/model_c.json "$nul" $D/hyperopt/perjson/trials.pkl
	[ -f "$OFIX/hyperopt-koehrsen-results/results/trials.json" ] &&
		{ printf '\000'; head -c 4000 "$OFIX/hyperopt-koehrsen-results/results/trials.json"; } \
		    > "$c/koehrsen-head"
	return 0
}

seeds_wandb() {
	c=$1 nul=$OUT/nul w=$D/wandb/wandb
	printf '\000' > "$nul"
	seed "$c" csv 000 $D/wandb/runs.csv
	for f in "$OFIX"/wandbcsv-*/wandb_export.csv; do
		[ -f "$f" ] && { printf '\000'; head -c 4000 "$f"; } > "$c/$(basename "$(dirname "$f")")"
	done
	r=$w/run-20240101_100000-aaaa1111
	seed "$c" dir08 001 $r/config.yaml "$nul" $r/wandb-summary.json "$nul" \
	    $r/wandb-metadata.json "$nul" $r/wandb-history.jsonl "$nul" \
	    $w/sweep-sw1/config-cccc3333.yaml
	return 0
}

seeds_nni() {
	c=$1
	seed "$c" json 000 $D/nni/export.json
	seed "$c" csv 001 $D/nni/export.csv
	seed "$c" csvdict 001 $D/nni/export-dict.csv
	seed "$c" sql 002 $D/nni/nni.sql
}

seeds_mlflow() {
	c=$1 r=$D/mlflow/mlruns/5/bbbb2222
	seed "$c" sql 000 $D/mlflow/mlflow.sql
	sqlite3 "$FIX/mlflow-real/mlflow.db" .dump | grep -v "validation-rmse" > "$OUT/real.sql"
	seed "$c" real 000 "$OUT/real.sql"
	nul=$OUT/nul
	printf '\000' > "$nul"
	seed "$c" store 001 $D/mlflow/mlruns/5/meta.yaml "$nul" \
	    "$r/meta.yaml" "$nul" "$r/metrics/val_auc" "$nul" "$r/params/eta" "$nul" \
	    "$r/tags/mlflow.parentRunId"
}

# Ray Tune: state, params.json, result.json, progress.csv joined by NULs
# (tests/fuzz/fuzz_raytune.c; no selector byte), from the hand-made
# experiments and one real trial directory of ../shared/fixtures/other-tools
# (an empty first part: no state)
seeds_raytune() {
	c=$1 r=$D/raytune nul=$OUT/nul
	printf '\000' > "$nul"
	e=$r/exp2/experiment_state-2025-01-01_00-00-00.json
	t=$r/exp2/f_a_00000_0_x=1,opt=adam_2025-01-01_00-00-00
	cat "$e" "$nul" "$t/params.json" "$nul" "$t/result.json" > "$c/exp2"
	t=$r/exp2/f_a_00001_1_x=2,opt=sgd_2025-01-01_00-00-01
	cat "$e" "$nul" "$t/params.json" "$nul" "$nul" "$t/progress.csv" > "$c/exp2csv"
	cat "$r"/exp1/experiment_state-*.json > "$c/exp1"
	for t in "$FIX"/other-tools/ray-jshyam-exp16/*/tune_train_func_88f12_00003_*; do
		[ -d "$t" ] && cat "$nul" "$t/params.json" "$nul" "$t/result.json" \
		    "$nul" "$t/progress.csv" > "$c/real"
	done
	return 0
}

# SQL dumps of the legacy databases (one per schema revision) and of the
# first trials of the 3.1 study, and two of them as small raw databases
seeds_optuna_sqlite() {
	c=$1
	for f in "$FIX"/optuna-legacy/*.db; do
		sqlite3 "$f" .dump > "$c/$(basename "$f" .db).sql"
	done
	t=$OUT/mini31.db
	rm -f "$t"
	cp "$D/optuna-3.1/study.db" "$t"
	sqlite3 "$t" "DELETE FROM studies WHERE study_name <> 'mixed-minimize';
	    DELETE FROM trials WHERE number >= 12 OR study_id NOT IN (SELECT study_id FROM studies);
	    DELETE FROM trial_params WHERE trial_id NOT IN (SELECT trial_id FROM trials);
	    DELETE FROM trial_values WHERE trial_id NOT IN (SELECT trial_id FROM trials);
	    DELETE FROM trial_intermediate_values WHERE trial_id NOT IN (SELECT trial_id FROM trials);
	    DELETE FROM trial_user_attributes WHERE trial_id NOT IN (SELECT trial_id FROM trials);
	    DELETE FROM trial_system_attributes WHERE trial_id NOT IN (SELECT trial_id FROM trials);
	    DELETE FROM trial_heartbeats;"
	sqlite3 "$t" .dump > "$c/mini31.sql"
	for f in $(hostile '*.db'); do
		[ "$(wc -c < "$f")" -le 200000 ] && cp "$f" "$c/hostile-$(basename "$f")"
	done
	for n in mini31 3.2.0.a; do
		rm -f "$OUT/raw.db"
		sqlite3 "$OUT/raw.db" "PRAGMA page_size=512;" ".read $c/$n.sql" "VACUUM;"
		cp "$OUT/raw.db" "$c/raw-$n.db"
	done
}

# seeds_dir DIR NAME FILE...: one seed of FILEs joined by NUL bytes (the
# directory targets split their input there); a missing file is empty
seeds_dir() {
	d=$1 n=$2
	shift 2
	{ first=1; for f in "$@"; do
		[ $first -eq 1 ] || printf '\000'
		first=0
		[ -f "$f" ] && head -c 60000 "$f"
	done; } > "$d/$n"
}

seeds_kerastuner() {
	c=$1 k=$D/kerastuner/proj o=$FIX/other-tools
	seeds_dir "$c" hand "$k/oracle.json" "$k/trial_0/trial.json" "$k/trial_3/trial.json"
	seeds_dir "$c" hand2 "$k/oracle.json" "$k/trial_1/trial.json" "$k/trial_2/trial.json"
	a=$o/kt-asfandyar-random/mydir/untitled_project
	seeds_dir "$c" asfandyar "$a/oracle.json" "$a/trial_0/trial.json" "$a/trial_1/trial.json"
	b=$o/kt-bakerv-hyperband/my_dir/intro_to_kt
	seeds_dir "$c" bakerv "$b/oracle.json" "$b"/trial_049c*/trial.json "$b"/trial_93721a*/trial.json
}

seeds_smac() {
	c=$1 s=$D/smac o=$FIX/other-tools
	seeds_dir "$c" v1 "$s/v1/runhistory.json" "$s/v1/configspace.json" /dev/null "$s/v1/scenario.txt"
	seeds_dir "$c" v20 "$s/v20/runhistory.json" /dev/null "$s/v20/scenario.json"
	seeds_dir "$c" v23 "$s/v23/runhistory.json"
	seeds_dir "$c" smac1 "$o/smac1-deepcave-mlp/runhistory.json" "$o/smac1-deepcave-mlp/configspace.json"
	seeds_dir "$c" smac2 "$o/smac2-deepcave-mlp/runhistory.json" "$o/smac2-deepcave-mlp/configspace.json" "$o/smac2-deepcave-mlp/scenario.json"
	seeds_dir "$c" smac2mf "$o/smac2-deepcave-mf/runhistory.json" "$o/smac2-deepcave-mf/configspace.json"
}

want() {
	[ $# -eq 0 ] && return 0
	for w in "$@"; do [ "$w" = "$T" ] && return 0; done
	return 1
}

# run_one T: fuzz target T, print one summary line
run_one() {
	T=$1
	dir=$OUT/$T
	# earlier findings go to old/, so each run reports only its own
	(cd "$dir" && for f in crash-* leak-* timeout-* oom-* slow-unit-*; do
		[ -f "$f" ] && mkdir -p old && mv "$f" old/
	done; true)
	(cd "$dir" && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	    "../fuzz_$T" -max_total_time="$SECONDS_EACH" -max_len=65536 -timeout=10 \
	    -rss_limit_mb=2048 -print_final_stats=1 corpus > log 2>&1) && rc=0 || rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log" | tail -1)
	secs=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$dir/log" | tail -1)
	cov=$(grep -o 'cov: [0-9]*' "$dir/log" | tail -1)
	found=$(cd "$dir" && ls crash-* leak-* timeout-* oom-* slow-unit-* 2>/dev/null | tr '\n' ' ')
	if [ "$rc" -eq 0 ] && [ -z "$found" ]; then
		echo "fuzz_$T: ${execs:-?} runs in ${secs:-?} s, $cov, nothing found"
	else
		echo "fuzz_$T: FOUND (exit $rc) ${found:-see $dir/log}"
		grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error)' "$dir/log" | head -5
		return 1
	fi
}

mkdir -p "$OUT"
build_objs
TARGETS=""
for T in $ALL; do
	want "$@" || continue
	echo "== fuzz_$T: build, seed" >&2
	# shellcheck disable=SC2086
	clang $CFLAGS -fsanitize=fuzzer -o "$OUT/fuzz_$T" tests/fuzz/fuzz_$T.c $OBJS $LIBS
	mkdir -p "$OUT/$T/corpus"
	"seeds_$T" "$OUT/$T/corpus"
	TARGETS="$TARGETS $T"
done
echo "== running${TARGETS} for ${SECONDS_EACH}s each, $JOBS at a time" >&2
status=0
set -- $TARGETS
while [ $# -gt 0 ]; do
	pids=""
	i=0
	while [ $# -gt 0 ] && [ $i -lt "$JOBS" ]; do
		run_one "$1" > "$OUT/$1.summary" &
		pids="$pids $!"
		i=$((i + 1))
		shift
	done
	for p in $pids; do wait "$p" || status=1; done
done
for T in $TARGETS; do cat "$OUT/$T.summary"; done
exit $status
