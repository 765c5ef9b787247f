# End to end: the regression files in tests/regress/, as lowdown keeps
# them.  Each case is rendered as SVG (the page still links its PNGs, which
# are not kept) into HP_TMP, normalised by regress_norm.py (SVG numbers
# rounded, ids renumbered, raster layers and glyph outlines as checksums,
# the page's JSON one key per line) and compared with tests/regress/CASE/
# file by file with diff -u: one PASS or FAIL line per file, the full diffs
# in BUILD/regress.diff.  With HP_REGEN=1 (make regen) each changed, new or
# no longer written file is shown (its diff, "new file", "removed") and then
# written.  The cases:
#   sample    samples/study.db, three studies and their comparison page
#             (compare.html, compare_convergence, edf): mixed-minimize,
#             two-objectives (Pareto front, hypervolume) and maximize-inf
#             (+-inf values; its page and data only, to keep the files
#             small); --max-params 3, which the matrix figures and parallel
#             coordinates of the 8-param study need to stay small (at the
#             default 8 its objective.csv alone is 1.8 MB)
#   one, allfail, const, empty, extreme
#             tests/regress/input/NAME.json, the studies at the edges of
#             tests/e2e/edge.sh
# Inputs are named by relative paths from the top of the tree, as the
# figures' metadata keep them.  The SVGs hold glyph advances and outline
# checksums, so they are made with the fonts tests/deps.sh installs
# (fonts-dejavu-core, fonts-noto-cjk); other fonts show as diffs.
. "$HP_ROOT/tests/e2e/lib.sh"
cd "$HP_ROOT" || exit 1
R=tests/regress
NORM="python3 $HP_ROOT/tests/e2e/regress_norm.py"
DIFFS="$(dirname "$HPREPORT")/regress.diff"
: >"$DIFFS"

# check CASE REL: compares $N/CASE/REL with $R/CASE/REL (either may be
# missing); HP_REGEN=1 shows the difference and then writes it
check() {
	e="$R/$1/$2"
	a="$N/$1/$2"
	name="$1/$2"
	if [ ! -f "$a" ]; then
		if [ -n "$HP_REGEN" ]; then
			echo "removed $e"
			rm -f "$e"
			pass "$name"
		else
			echo "--- $e: no longer written" >>"$DIFFS"
			fail "$name" "in $R but no longer written (make regen removes it)"
		fi
		return
	fi
	if [ ! -f "$e" ]; then
		if [ -n "$HP_REGEN" ]; then
			echo "new file $e ($(wc -l <"$a") lines)"
			mkdir -p "$(dirname "$e")"
			cp "$a" "$e"
			pass "$name"
		else
			echo "+++ $e: new file" >>"$DIFFS"
			fail "$name" "written but not in $R (make regen adds it)"
		fi
		return
	fi
	if diff -u --label "$e" --label "new/$1/$2" "$e" "$a" >"$HP_TMP/diff"; then
		pass "$name"
		return
	fi
	if [ -n "$HP_REGEN" ]; then
		cat "$HP_TMP/diff"
		cp "$a" "$e"
		pass "$name"
		return
	fi
	cat "$HP_TMP/diff" >>"$DIFFS"
	plus=$(grep -c '^+[^+]' "$HP_TMP/diff")
	minus=$(grep -c '^-[^-]' "$HP_TMP/diff")
	first=$(grep -m 4 '^[-+][^-+]' "$HP_TMP/diff" | cut -c1-120 | tr '\n' '|')
	fail "$name" "differs (+$plus -$minus lines, all diffs in $DIFFS): $first"
}

# run CASE INPUT OPTION...: renders, normalises and checks one case
run() {
	c=$1
	in=$2
	shift 2
	rm -rf "$HP_TMP/out-$c"
	if ! "$HPREPORT" -q --format svg "$@" "$in" -o "$HP_TMP/out-$c" 2>"$HP_TMP/err"; then
		fail "$c: a report" "$(tail -1 "$HP_TMP/err")"
		return
	fi
	if ! $NORM "$HP_TMP/out-$c" "$N/$c" 2>"$HP_TMP/err"; then
		fail "$c: normalised" "$(tail -1 "$HP_TMP/err")"
		return
	fi
	[ "$c" = sample ] && rm -rf "$N/$c/maximize-inf/figures"
	{
		(cd "$N/$c" && find . -type f)
		[ -d "$R/$c" ] && (cd "$R/$c" && find . -type f)
	} | sed 's|^\./||' | LC_ALL=C sort -u >"$HP_TMP/files-$c"
	while read -r f; do
		check "$c" "$f"
	done <"$HP_TMP/files-$c"
}

N="$HP_TMP/norm"
rm -rf "$N"
mkdir -p "$N"
run sample samples/study.db --max-params 3
for s in one allfail const empty extreme; do
	run "$s" "$R/input/$s.json"
done
[ -s "$DIFFS" ] || rm -f "$DIFFS"
