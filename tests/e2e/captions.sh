# End to end: caption files and notes (issue 22, defect 3; issue 26).  On
# samples/study.db (one objective with every state, maximize with +-inf
# values, two objectives), with a trial selection so that its note is
# there too, the default and the --style paper reports are checked by
# captions_check.py against trial counts it works out from the raw SQLite
# tables: each figures/NAME.txt counts the trials its figure shows by
# state, names trials.csv columns that exist, and the page shows it; no
# figure names an option, and a paper figure holds no note.
. "$HP_ROOT/tests/e2e/lib.sh"
W="$HP_TMP/captions"
mkdir -p "$W"
DB="$HP_ROOT/samples/study.db"
# --max-params 3 keeps the matrix figures small (as regress.sh does)
expect "captions: the default report" "$HPREPORT" -q --max-params 3 --states complete,pruned,fail \
    --format svg,pdf "$DB" -o "$W/screen"
expect "captions: the paper report" "$HPREPORT" -q --max-params 3 --states complete,pruned,fail \
    --format svg,pdf --style paper "$DB" -o "$W/paper"
for s in mixed-minimize maximize-inf two-objectives; do
	expect "captions: $s: counts from the database, columns of trials.csv, no note in a paper figure" \
	    python3 "$HP_ROOT/tests/e2e/captions_check.py" "$DB" "$s" complete,pruned,fail \
	    "$W/screen/$s" "$W/paper/$s"
done
