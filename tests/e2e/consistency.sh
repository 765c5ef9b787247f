# One report, one style: numbers at one size in a figure (a value label
# never larger than the ticks), one word for the trial number, the best
# value written the same way in every figure (checked against the
# database), one blue (tests/e2e/figstyle.py reads the PDFs and SVGs).
. "$HP_ROOT/tests/e2e/lib.sh"
W=$HP_TMP/consistency
mkdir -p "$W"
DB=$HP_ROOT/samples/study.db

for style in screen paper; do
	if "$HPREPORT" -q --style $style --format svg,pdf "$DB" -o "$W/$style" 2>"$W/err"; then
		expect "$style: numbers at one size, one label per concept, best values alike" \
		    python3 "$HP_ROOT/tests/e2e/figstyle.py" type "$W/$style" "$DB"
	else
		fail "$style report" "$(head -1 "$W/err")"
	fi
done
if "$HPREPORT" -q --colormap cividis --format svg "$DB" -o "$W/cividis" 2>"$W/err"; then
	expect "one blue in every figure (colours that are not the colour map's)" \
	    python3 "$HP_ROOT/tests/e2e/figstyle.py" colours "$W/screen" "$W/cividis"
else
	fail "cividis report" "$(head -1 "$W/err")"
fi
