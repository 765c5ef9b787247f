#!/bin/sh
# End-to-end: the same Optuna 3.1 study (mixed-minimize, 81 trials) read
# from its four forms -- the RDB study.db, a JournalStorage copy made with
# optuna.copy_study (tests/data/optuna31-mixed-copy.journal.log), and the
# pandas exports of trials_dataframe() trials.csv and trials.json -- gives
# the same data/convergence.csv and data/trials.csv (which holds every value
# the slice plots: it writes no table of its own).
#
# What each format cannot carry, and so what is normalised (nothing else):
# - journal: nothing; every file must match byte for byte.
# - CSV and JSON: the categorical choice None of "activation" is written as
#   an empty cell / null, so those trials have the param absent; on the
#   study.db side "None" in the activation column is blanked before diffing.
# - JSON: pandas rounds every number to 10 decimals (double_precision=10)
#   and times to milliseconds; both sides' numbers are printed with %.10f,
#   and duration_s in trials.csv (derived from the ms times) is compared to
#   within 2 ms instead.
# - CSV and JSON store no direction (assumed minimize, as the study is) and
#   no distributions, so log scale / int are inferred (dropout comes out
#   log); none of the three files depends on the axis, so nothing is
#   excluded for that.
. "$(dirname "$0")/lib.sh"
W="$HP_TMP/equivalence"
mkdir -p "$W"
DB="$O31/study.db"
JL="$HP_ROOT/tests/data/optuna31-mixed-copy.journal.log"

report() {	# report NAME INPUT [OPTIONS]
	n=$1 in=$2
	shift 2
	expect "equivalence-$n-report" "$HPREPORT" -q --format svg \
	    --plots convergence,slice "$@" "$in" -o "$W/$n"
}
report db "$DB" --study mixed-minimize
report journal "$JL"
report csv "$O31/trials.csv"
report json "$O31/trials.json"

# norm [round=1]: blank the None choice of activation; with round=1 print
# every number with 10 decimals and drop duration_s into a separate file
norm() {
	awk -v round="${2:-0}" -v durs="$3" 'BEGIN { FS = OFS = "," }
	NR == 1 {
		for (i = 1; i <= NF; i++) {
			if ($i == "activation" || $i == "params_activation") act = i
			if ($i == "duration_s") dur = i
		}
		print; next
	}
	{
		if (act && $act == "None") $act = ""
		if (round && dur) { print $dur > durs; $dur = "" }
		if (round) for (i = 1; i <= NF; i++)
			if ($i ~ /^-?[0-9]+(\.[0-9]+)?(e[-+]?[0-9]+)?$/) $i = sprintf("%.10f", $i)
		print
	}' "$1"
}

for f in convergence trials; do
	same_file "equivalence-journal-$f-csv-exact" "$W/db/data/$f.csv" "$W/journal/data/$f.csv"
	norm "$W/db/data/$f.csv" > "$W/db-$f.none"
	same_file "equivalence-dataframe-csv-$f-csv-exact-but-None-choice-absent" \
	    "$W/db-$f.none" "$W/csv/data/$f.csv"
	norm "$W/db/data/$f.csv" 1 "$W/db-$f.dur" > "$W/db-$f.round"
	norm "$W/json/data/$f.csv" 1 "$W/json-$f.dur" > "$W/json-$f.round"
	same_file "equivalence-dataframe-json-$f-csv-to-10-decimals-None-choice-absent" \
	    "$W/db-$f.round" "$W/json-$f.round"
done
# trials.csv durations from millisecond times: within 2 ms of study.db's
if [ -s "$W/db-trials.dur" ] && paste -d' ' "$W/db-trials.dur" "$W/json-trials.dur" |
    awk '$0 == " " { next }	# the RUNNING trial: no duration in either
	{ d = $1 - $2; if (d < 0) d = -d; if (d > 0.002 || NF != 2) bad = 1 } END { exit bad }'; then
	pass equivalence-dataframe-json-durations-within-2ms
else
	fail equivalence-dataframe-json-durations-within-2ms "durations differ by more than 2 ms"
fi
# the exports say what they assumed
"$HPREPORT" info "$O31/trials.csv" > "$W/csv.info" 2>&1
grep_file equivalence-dataframe-assumes-minimize 'no direction stored; assumed minimize' "$W/csv.info"
