# End to end: the convergence figure and the report layout on the Optuna 3.1
# fixture, against golden data computed with Optuna itself
# (tests/data/golden/make_convergence.py), each trial's value read from
# trials.csv by column name (history_csv); CLI exit codes; determinism.
. "$HP_ROOT/tests/e2e/lib.sh"
G="$HP_ROOT/tests/data/golden"

R=$(fixture_report) && pass "report of the 3.1 fixture" || fail "report of the 3.1 fixture" "see the error above"
for s in mixed-minimize maximize-inf; do
	history_csv "$R/$s" convergence value >"$HP_TMP/hist-$s.csv"
	same_file "convergence data of $s equals Optuna's" "$G/convergence-$s.csv" "$HP_TMP/hist-$s.csv"
	for ext in png svg pdf; do
		if [ -s "$R/$s/figures/convergence.$ext" ]; then pass "$s convergence.$ext written"
		else fail "$s convergence.$ext written" "missing"; fi
	done
done
for k in 0 1; do
	history_csv "$R/two-objectives" convergence_$k values_$k >"$HP_TMP/hist-two-$k.csv"
	same_file "two-objectives objective $k equals Optuna's" "$G/convergence-two-objectives_$k.csv" \
	    "$HP_TMP/hist-two-$k.csv"
done
grep_file "index links every study" 'href="mixed-minimize/index.html"' "$R/index.html"
grep_file "study page shows the convergence figure" 'figures/convergence.png' "$R/mixed-minimize/index.html"
grep_file "trials.csv has the conditional param column" '^number,state,value,datetime_start,datetime_complete,duration_s,params_activation' "$R/mixed-minimize/data/trials.csv"

# one study selected: no subdirectory
expect "--study picks one study" "$HPREPORT" -q --study maximize-inf "$O31/study.db" -o "$HP_TMP/conv.one"
history_csv "$HP_TMP/conv.one" convergence value >"$HP_TMP/hist-one.csv"
same_file "--study layout has data at the top" "$G/convergence-maximize-inf.csv" "$HP_TMP/hist-one.csv"

# byte-identical output across runs, whatever the locale
LC_ALL=de_DE.UTF-8 "$HPREPORT" -q "$O31/study.db" -o "$HP_TMP/conv.again" 2>/dev/null
same=1
for f in $(cd "$R" && find . -type f | sort); do
	cmp -s "$R/$f" "$HP_TMP/conv.again/$f" || { same=0; echo "differs: $f"; }
done
[ "$same" = 1 ] && pass "second run is byte-identical" || fail "second run is byte-identical" "files differ"

# info
"$HPREPORT" info "$O31/study.db" >"$HP_TMP/info" 2>&1
grep_file "info names the format" '^.*study.db: optuna-sqlite$' "$HP_TMP/info"
grep_file "info counts states" 'study "mixed-minimize": 81 trials, 1 RUNNING, 42 COMPLETE, 33 PRUNED, 5 FAIL' "$HP_TMP/info"
grep_file "info shows a log param" 'param lr: float \[1e-05, 0.1\] log' "$HP_TMP/info"
grep_file "info shows the conditional param" 'param momentum: float \[0, 0.99\], in [0-9]+ of 81 trials' "$HP_TMP/info"
grep_file "info shows typed choices" 'param activation: categorical \[None, True, 3, 2.5, gelu\]' "$HP_TMP/info"

# every legacy schema renders
have_shared "reports of the legacy schemas" &&
for db in "$FIX"/optuna-legacy/*.db; do
	expect "report of legacy $(basename "$db")" "$HPREPORT" -q "$db" -o "$HP_TMP/legacy-$(basename "$db")"
done

# exit codes and one-line errors
expect_exit "no input is a usage error" 1 "$HPREPORT" -o "$HP_TMP/x"
expect_exit "no -o is a usage error" 1 "$HPREPORT" "$O31/study.db"
expect_exit "unknown option is a usage error" 1 "$HPREPORT" --bogus "$O31/study.db" -o "$HP_TMP/x"
expect_exit "unknown figure is a usage error" 1 "$HPREPORT" --plots nope "$O31/study.db" -o "$HP_TMP/x"
expect_exit "missing file is bad input" 2 "$HPREPORT" "$HP_TMP/nonexistent.db" -o "$HP_TMP/x"
grep_file "missing file error names the file" 'hpreport: .*nonexistent.db: No such file or directory' "$HP_TMP/err"
printf 'hello, world\n' >"$HP_TMP/junk.txt"
expect_exit "a text file is bad input" 2 "$HPREPORT" "$HP_TMP/junk.txt" -o "$HP_TMP/x"
[ "$(wc -l <"$HP_TMP/err")" -eq 1 ] && pass "bad input error is one line" || fail "bad input error is one line" "$(cat "$HP_TMP/err")"
expect_exit "unknown study is bad input" 2 "$HPREPORT" --study nope "$O31/study.db" -o "$HP_TMP/x"
[ ! -e "$HP_TMP/x" ] && pass "failed runs write no report" || fail "failed runs write no report" "$HP_TMP/x exists"
