# Text in every figure of the hard study (tests/data/make_hard_study.py: 16
# params, 2,000 trials, CJK and long names, a 40-choice categorical, values
# over 1e-6 .. 1e3) at the default size, at a paper column (--width 3.5in)
# and at a page width (--width 7in): no text reaches outside the canvas or
# outside the plot it is clipped to, and
# no two runs of text overlap (tests/e2e/svgtext.py reads the SVG Cairo
# wrote: glyph outlines placed in points).  One PASS/FAIL per figure and
# size.
. "$HP_ROOT/tests/e2e/lib.sh"
D="$HP_TMP/layout"
mkdir -p "$D"
(cd "$HP_ROOT" && python3 tests/data/make_hard_study.py "$D/hard.db" >/dev/null) ||
	{ fail "hard study" "make_hard_study.py failed"; exit 0; }
for size in default 3.5in 7in; do
	out="$D/$size"
	if [ "$size" = default ]; then
		"$HPREPORT" -q "$D/hard.db" -o "$out" --format svg
	else
		"$HPREPORT" -q "$D/hard.db" -o "$out" --format svg --width "$size"
	fi || { fail "figures at $size" "exit $?"; continue; }
	for f in "$out"/figures/*.svg; do
		n=$(basename "$f" .svg)
		if python3 "$HP_ROOT/tests/e2e/svgtext.py" "$f" >"$D/why" 2>&1; then
			pass "text of $n at $size: inside the canvas and its clip, no overlap"
		else
			fail "text of $n at $size" "$(wc -l <"$D/why") problems, first: $(head -1 "$D/why" | sed "s|$D/||")"
		fi
	done
done
