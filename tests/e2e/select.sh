# End to end: trial selection (--trials, --states, --best) changes every
# output consistently.  On samples/study.db and the Optuna 3.1 fixture
# (each three studies: one objective with every state, maximize with
# +-inf values, two objectives), each selection's report is checked by
# select_check.py against the trials it works out itself from the raw
# SQLite tables: trials.csv, the per-trial data CSVs, study.json, the page
# and every figure's note.  Also: a selection that keeps no trial gives a
# report that says so (exit 0, a warning), and malformed values are usage
# errors (exit 1).
. "$HP_ROOT/tests/e2e/lib.sh"
W="$HP_TMP/select"
mkdir -p "$W"
CHECK="$HP_ROOT/tests/e2e/select_check.py"
STUDIES="mixed-minimize maximize-inf two-objectives"

# case NAME DB CANONICAL-OPTIONS OPTIONS...: one report of all three studies
case_all() {
	# not "name": lib.sh's expect sets that
	c=$1 db=$2 canon=$3
	shift 3
	# --max-params 3 keeps the matrix figures small (as regress.sh does)
	if ! "$HPREPORT" -q --max-params 3 "$@" "$db" -o "$W/$c" 2>"$W/$c.err"; then
		fail "$c: a report" "$(tail -1 "$W/$c.err")"
		return
	fi
	for s in $STUDIES; do
		expect "$c: $s holds exactly the selected trials everywhere" \
		    python3 "$CHECK" "$db" "$s" "$W/$c/$s" "$canon" "$@"
	done
	grep_file "$c: the comparison page names the selection" \
	    "Selected trials of each study \\($canon\\)" "$W/$c/compare.html"
}

for db in "$HP_ROOT/samples/study.db" "$O31/study.db"; do
	tag=$(basename "$(dirname "$db")")
	case_all "$tag-range" "$db" "--trials 10:40" --trials 10:40
	case_all "$tag-open-range-states" "$db" "--trials :20 --states COMPLETE,PRUNED" \
	    --trials :20 --states complete,PRUNED
	case_all "$tag-best-percent" "$db" "--best 10%" --best 10%
	case_all "$tag-range-best" "$db" "--trials 5: --best 7" --best 7 --trials 5:
	# the second objective of the two-objective study, not the Pareto rank
	c="$tag-best-objective-1"
	if "$HPREPORT" -q --max-params 3 --study two-objectives --objective 1 --best 12.5% "$db" \
	    -o "$W/$c" 2>"$W/$c.err"; then
		expect "$c: the best of objective 1 everywhere" python3 "$CHECK" "$db" \
		    two-objectives "$W/$c" "--best 12.5%" --best 12.5% --objective 1
	else
		fail "$c: a report" "$(tail -1 "$W/$c.err")"
	fi
done

# a selection that keeps no trial: a report that says so, and a warning
expect_exit "no trial kept: exit 0" 0 "$HPREPORT" -q --trials 100000: --max-params 3 \
    "$O31/study.db" -o "$W/none"
grep_file "no trial kept: a warning" \
    'mixed-minimize: warning: 0 of 81 trials selected \(--trials 100000:\)' "$HP_TMP/err"
expect "no trial kept: the report says so everywhere" python3 "$CHECK" "$O31/study.db" \
    mixed-minimize "$W/none/mixed-minimize" "--trials 100000:" --trials 100000:

# malformed values: usage errors naming the option
for bad in "--trials 5:3" "--trials x" "--trials :" "--states done" "--states ," \
    "--best 0" "--best 101%" "--best 2.5" "--states pruned,fail --best 3"; do
	# shellcheck disable=SC2086
	expect_exit "usage error: $bad" 1 "$HPREPORT" -q $bad "$O31/study.db" -o "$W/bad"
	grep_file "usage error names the option: $bad" "^hpreport: --(trials|states|best)" \
	    "$HP_TMP/err"
done
[ ! -e "$W/bad" ] && pass "usage errors write nothing" || fail "usage errors write nothing" \
    "$W/bad exists"
# --best by an objective a study of the input does not have
expect_exit "--best by a missing objective: usage error" 1 "$HPREPORT" -q --objective 1 \
    --best 3 "$O31/study.db" -o "$W/bad"
grep_file "--best by a missing objective: says which study" \
    'study "mixed-minimize" has 1 objective' "$HP_TMP/err"

# without a selection nothing says there is one
r=$(fixture_report)
if grep -q 'trials selected' "$r/mixed-minimize/index.html" ||
    ! grep -Eq '"selection":[[:space:]]*null' "$r/mixed-minimize/data/study.json"; then
	fail "no selection: nothing says there is one" "see $r/mixed-minimize"
else
	pass "no selection: nothing says there is one"
fi
