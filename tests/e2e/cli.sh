# The command line keeps its word: usage errors are one line starting with
# "hpreport:" that points at --help, exit 1; the subcommand is found after
# options.  Uses the bundled sample study only.
. "$HP_ROOT/tests/e2e/lib.sh"
S=$HP_ROOT/samples/study.db
O=$HP_TMP/cli-out

# usage_error NAME ARGS...: exit 1, one line, "hpreport: ..." and the hint,
# and no report written
usage_error() {
	name=$1; shift
	rm -rf "$O"
	"$HPREPORT" "$@" >"$HP_TMP/out" 2>"$HP_TMP/err"
	rc=$?
	lines=$(wc -l <"$HP_TMP/err")
	if [ "$rc" -ne 1 ]; then fail "$name" "exit $rc, wanted 1: $(head -c 200 "$HP_TMP/err")"
	elif [ "$lines" -ne 1 ]; then fail "$name" "$lines lines on stderr: $(head -3 "$HP_TMP/err" | tr '\n' '|')"
	elif ! grep -q "^hpreport: .* (try 'hpreport --help')\$" "$HP_TMP/err"; then fail "$name" "$(cat "$HP_TMP/err")"
	elif [ -s "$HP_TMP/out" ] || [ -e "$O" ]; then fail "$name" "wrote output"
	else pass "$name"; fi
}

usage_error "unknown long option" --bogus "$S" -o "$O"
usage_error "unknown short option (getopt's message replaced)" -z "$S" -o "$O"
usage_error "option without its value" "$S" -o
usage_error "long option without its value" "$S" -o "$O" --study
usage_error "a value given to a flag" --force=yes "$S" -o "$O"
usage_error "--input-format bogus" --input-format bogus "$S" -o "$O"
usage_error "--objective \"\"" --objective "" "$S" -o "$O"
usage_error "--width out of range" --width 5 "$S" -o "$O"
usage_error "--plots unknown figure" --plots nope "$S" -o "$O"
usage_error "--format unknown" --format gif "$S" -o "$O"
usage_error "--ref-point not a number" --ref-point 1,x "$S" -o "$O"
usage_error "--contour-fill unknown" --contour-fill spline "$S" -o "$O"
usage_error "no input" -o "$O"
usage_error "no output directory" "$S"
usage_error "info without input" info
usage_error "an unknown option names itself" --colour "$S" -o "$O"
grep_file "the unknown option is named" "unknown option '--colour'" "$HP_TMP/err"

# the subcommand after options, and before them
for args in "-q info $S" "info -q $S" "--study mixed-minimize info $S"; do
	# shellcheck disable=SC2086
	if "$HPREPORT" $args >"$HP_TMP/out" 2>"$HP_TMP/err" &&
	    grep -q '^study "mixed-minimize": 241 trials' "$HP_TMP/out"; then
		pass "hpreport $args"
	else fail "hpreport $args" "$(head -c 200 "$HP_TMP/err")"; fi
done
if "$HPREPORT" --study maximize-inf info "$S" >"$HP_TMP/out" 2>&1 &&
    [ "$(grep -c '^study ' "$HP_TMP/out")" -eq 1 ]; then pass "options before info apply"
else fail "options before info apply" "$(head -c 200 "$HP_TMP/out")"; fi

# --help is the only place with the full help, on stdout, exit 0
expect "--help" "$HPREPORT" --help
"$HPREPORT" --help >"$HP_TMP/out" 2>&1
grep_file "--help lists the exit codes" '^Exit codes: 0 ok, 1 usage, 2 bad input, 3 output failure' "$HP_TMP/out"

# --contour-fill: the smooth default and Optuna's Laplace fill give
# different grids; laplace is what Optuna draws (each choice a numeric slot)
for fill in smooth laplace; do
	rm -rf "$O-$fill"
	"$HPREPORT" -q --study mixed-minimize --plots contour --format svg \
	    --params optimizer,units --contour-fill "$fill" "$S" -o "$O-$fill" 2>"$HP_TMP/err" ||
	    fail "--contour-fill $fill" "$(head -c 200 "$HP_TMP/err")"
done
if [ -s "$O-smooth/data/contour.csv" ] && [ -s "$O-laplace/data/contour.csv" ] &&
    ! cmp -s "$O-smooth/data/contour.csv" "$O-laplace/data/contour.csv" &&
    [ "$(grep -c '^optimizer,units,x,' "$O-laplace/data/contour.csv")" -eq 1 ] &&
    [ "$(grep -c '^,,' "$O-laplace/data/contour.csv")" -eq 100 ] &&
    [ "$(wc -l <"$O-smooth/data/contour.csv")" -eq 102 ]; then
	pass "--contour-fill smooth and laplace differ"
else fail "--contour-fill smooth and laplace differ" "$(head -c 300 "$O-smooth/data/contour.csv")"; fi

# --style paper is one column (3.5 in = 252 pt) wide unless --width says
# otherwise
"$HPREPORT" -q --style paper --plots convergence --format svg --study mixed-minimize "$S" -o "$O-paper" 2>/dev/null
"$HPREPORT" -q --style paper --width 5in --plots convergence --format svg --study mixed-minimize "$S" -o "$O-paper5" 2>/dev/null
grep_file "--style paper: a column wide" '<svg [^>]*width="252pt"' "$O-paper/figures/convergence.svg"
grep_file "--style paper --width 5in: 5 in wide" '<svg [^>]*width="360pt"' "$O-paper5/figures/convergence.svg"
