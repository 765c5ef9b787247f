# Vector files keep lines as vectors and marks as vectors up to a count;
# PNGs for print are exact colour at 300 dpi (issue 22 defect 5, issue 26).
# On the hard study (tests/data/make_hard_study.py, 2,000 trials):
#   - edf.pdf and parallel_coordinate.pdf hold no image (pdfimages -list),
#     their SVGs no <image>: lines stay vectors however many;
#   - evaluations.pdf (tens of thousands of markers, past the count that
#     stays vector in the default style: README, 1,500) holds images at
#     the PNG's resolution (144 ppi); in --style paper (20,000) the 3.5-in
#     evaluations of the same study stays vector (the 300-ppi images past
#     that count are checked in tests/unit/test_render.c);
#   - --style paper PNGs are RGB (colour type 2, no PLTE) with pHYs 300 dpi
#     (11811 pixels a metre); the default PNG is still indexed at 144 dpi.
# pHYs and IHDR are read by python3 from the raw bytes.
. "$HP_ROOT/tests/e2e/lib.sh"
D="$HP_TMP/vector"
mkdir -p "$D"
(cd "$HP_ROOT" && python3 tests/data/make_hard_study.py "$D/hard.db" >/dev/null) ||
	{ fail "hard study" "make_hard_study.py failed"; exit 0; }
"$HPREPORT" -q "$D/hard.db" -o "$D/screen" --plots edf,parallel_coordinate,evaluations ||
	{ fail "hard study report" "exit $?"; exit 0; }
"$HPREPORT" -q "$D/hard.db" -o "$D/paper" --style paper --plots edf,slice,evaluations --format png,pdf ||
	{ fail "hard study paper report" "exit $?"; exit 0; }
F="$D/screen/figures"

for n in edf parallel_coordinate; do
	if grep -q "<image" "$F/$n.svg"; then
		fail "$n.svg: lines as vectors" "it holds an <image>"
	else
		pass "$n.svg: lines as vectors, no image"
	fi
	if ! command -v pdfimages >/dev/null 2>&1; then
		skip "$n.pdf: lines as vectors" "needs pdfimages (poppler-utils)"
		continue
	fi
	k=$(pdfimages -list "$F/$n.pdf" | tail -n +3 | wc -l)
	if [ "$k" -eq 0 ]; then
		pass "$n.pdf: lines as vectors, no image"
	else
		fail "$n.pdf: lines as vectors" "pdfimages lists $k images"
	fi
done

if command -v pdfimages >/dev/null 2>&1; then
	# columns: page num type width height color comp bpc enc interp object ID x-ppi y-ppi ...
	pdfimages -list "$F/evaluations.pdf" | tail -n +3 >"$D/imgs"
	low=$(awk '$13 < 144 || $14 < 144' "$D/imgs" | wc -l)
	if [ -s "$D/imgs" ] && [ "$low" -eq 0 ]; then
		pass "evaluations.pdf: marks past the count are images of >= 144 ppi ($(wc -l <"$D/imgs") images)"
	else
		fail "evaluations.pdf: images of >= 144 ppi" "$(wc -l <"$D/imgs") images, $low under 144 ppi"
	fi
	k=$(pdfimages -list "$D/paper/figures/evaluations.pdf" | tail -n +3 | wc -l)
	if [ "$k" -eq 0 ]; then
		pass "paper evaluations.pdf: marks up to the paper count stay vectors"
	else
		fail "paper evaluations.pdf: marks as vectors" "pdfimages lists $k images"
	fi
else
	skip "evaluations.pdf: images of >= 144 ppi" "needs pdfimages (poppler-utils)"
fi

# ihdr_phys PNG: colour type, PLTE present (0/1), pixels per metre x, y
ihdr_phys() {
	python3 - "$1" <<'PY'
import struct, sys
d = open(sys.argv[1], "rb").read()
pos, ctype, plte, ppm = 8, None, 0, (0, 0)
while pos < len(d):
    n, kind = struct.unpack(">I4s", d[pos:pos + 8])
    body = d[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        ctype = body[9]
    elif kind == b"PLTE":
        plte = 1
    elif kind == b"pHYs":
        ppm = struct.unpack(">II", body[:8])
    pos += 12 + n
print(ctype, plte, ppm[0], ppm[1])
PY
}
for n in edf slice; do
	got=$(ihdr_phys "$D/paper/figures/$n.png")
	if [ "$got" = "2 0 11811 11811" ]; then
		pass "paper $n.png: RGB, no palette, 300 dpi"
	else
		fail "paper $n.png: RGB, no palette, 300 dpi" "colour type, PLTE, pHYs: $got"
	fi
done
got=$(ihdr_phys "$F/edf.png")
if [ "$got" = "3 1 5669 5669" ]; then
	pass "screen edf.png: indexed, 144 dpi"
else
	fail "screen edf.png: indexed, 144 dpi" "colour type, PLTE, pHYs: $got"
fi
