# --font FAMILY: every text of every figure in that family, embedded.
# pdffonts (poppler, not hpreport) lists the fonts each PDF embeds: each
# must be embedded and be the family fontconfig's fc-match names (its
# PostScript name: LMRoman10-Regular, TeXGyreTermes-Bold), none DejaVu.
# The SVG holds glyph outlines only (no <text>, no font-family, nothing
# fetched from outside), and they are not the default font's.  An unknown
# family is a usage error naming it.
. "$HP_ROOT/tests/e2e/lib.sh"
W=$HP_TMP/fonts
mkdir -p "$W"
DB=$HP_ROOT/samples/study.db

if ! command -v pdffonts >/dev/null || ! command -v fc-match >/dev/null; then
	skip "--font" "needs pdffonts (poppler-utils) and fc-match (fontconfig)"
	exit 0
fi

# pdf_fonts DIR: "NAME EMB" of every font of every PDF under DIR, one a line
pdf_fonts() {
	for f in "$1"/figures/*.pdf; do
		[ -f "$f" ] && pdffonts "$f" | tail -n +3 | awk '{ print $1, $(NF-4) }'
	done | sed 's/^[A-Z]\{6\}+//' | sort -u
}

# svg_glyphs DIR: the glyph outlines (path data) of its SVGs, one a line
svg_glyphs() {
	cat "$1"/figures/*.svg | tr '\n' ' ' | grep -o '<symbol[^>]*id="glyph[^>]*>[^<]*<path[^>]*d="[^"]*"' |
	    sed 's/.*d="//' | sort -u
}

"$HPREPORT" -q --study mixed-minimize --format pdf,svg "$DB" -o "$W/default" ||
	fail "default font report" "exit $?"
svg_glyphs "$W/default" >"$W/default.glyphs"

for fam in "Latin Modern Roman" "TeX Gyre Termes" "Liberation Sans"; do
	if ! fc-list : family | tr ',' '\n' | grep -qx "$fam"; then
		skip "--font $fam" "not installed (tests/deps.sh check installs it)"
		continue
	fi
	ps=$(fc-match -f '%{postscriptname}' "$fam")
	ps=${ps%%-*}
	d="$W/$(echo "$fam" | tr ' ' _)"
	if ! "$HPREPORT" -q --study mixed-minimize --style paper --format pdf,svg \
	    --font "$fam" "$DB" -o "$d" 2>"$W/err"; then
		fail "--font $fam" "exit $?: $(head -1 "$W/err")"
		continue
	fi
	n=$(ls "$d"/figures/*.pdf | wc -l)
	pdf_fonts "$d" >"$W/fonts"
	other=$(grep -v "^$ps[-A-Za-z]* yes\$" "$W/fonts" | tr '\n' ' ')
	if [ "$n" -gt 5 ] && grep -q "^$ps" "$W/fonts" && [ -z "$other" ]; then
		pass "--font $fam: the $n PDFs embed only $ps ($(tr '\n' ' ' <"$W/fonts"))"
	else
		fail "--font $fam" "$n PDFs; fonts other than $ps, or not embedded: $other"
	fi
	bad=""
	for f in "$d"/figures/*.svg; do
		grep -Eq '<text|font-family|@font-face|href="(https?:|file:)' "$f" &&
			bad="$bad $(basename "$f")"
	done
	svg_glyphs "$d" >"$W/glyphs"
	same=$(comm -12 "$W/glyphs" "$W/default.glyphs" | wc -l)
	all=$(wc -l <"$W/glyphs")
	if [ -z "$bad" ] && [ "$all" -gt 20 ] && [ "$same" -lt $((all / 10)) ]; then
		pass "--font $fam: SVGs are glyph outlines ($all), $same of them DejaVu's"
	else
		fail "--font $fam: SVG" "text or font references in:$bad; $same of $all outlines as the default's"
	fi
done

pdf_fonts "$W/default" >"$W/fonts"
if [ -s "$W/fonts" ] && ! grep -qv '^DejaVuSans[-A-Za-z]* yes$' "$W/fonts"; then
	pass "default: DejaVu Sans only, embedded"
else
	fail "default font" "$(tr '\n' ' ' <"$W/fonts")"
fi

expect_exit "--font of a family not installed is a usage error" 1 \
    "$HPREPORT" --font "No Such Family 42" "$DB" -o "$W/none"
grep_file "... naming it" '"No Such Family 42"' "$HP_TMP/err"
[ ! -e "$W/none" ] && pass "... and writing nothing" || fail "--font unknown" "wrote $W/none"
if fc-list : family | grep -q '^Latin Modern Roman'; then
	expect_exit "--font of part of a family name is refused" 1 \
	    "$HPREPORT" --font "Latin Modern" "$DB" -o "$W/none"
	grep_file "... suggesting the installed families" '"Latin Modern Roman"' "$HP_TMP/err"
	expect "--font ignores case" "$HPREPORT" -q --plots importances --format pdf \
	    --font "latin modern ROMAN" "$DB" -o "$W/case"
fi
expect_exit "--font with a list is refused" 1 "$HPREPORT" --font "DejaVu Sans, Serif" "$DB" -o "$W/none"
