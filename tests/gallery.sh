#!/bin/sh
# make gallery: every figure of a few studies at the sizes a paper uses,
# on one page, so that a change is looked at as a whole.
#   studies: the hard study (2,000 trials, 16 params, long and CJK names:
#            tests/data/make_hard_study.py, written here), the sample
#            studies (samples/study.db), and one real study
#            ($HP_SHARED/fixtures/real/osteo-journal, skipped when absent)
#   sizes:   the default (screen style), and --style paper at 3.5 in (a
#            single column) and 7 in (a double column)
#   formats: PNG and PDF; each PDF gets a thumbnail drawn by pdftoppm
# Writes BUILD/gallery/index.html (tests/gallery_page.py) beside the
# reports.  Usage: tests/gallery.sh BUILD
set -e
BUILD=${1:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
HPREPORT="$ROOT/$BUILD/hpreport"
SHARED=${HP_SHARED:-$ROOT/../shared}
OUT="$ROOT/$BUILD/gallery"
cd "$ROOT"
rm -rf "$OUT"
mkdir -p "$OUT"

python3 tests/data/make_hard_study.py "$OUT/hard.db" >/dev/null
set -- hard "$OUT/hard.db" sample samples/study.db
real="$SHARED/fixtures/real/osteo-journal/optuna-journal.log"
if [ -f "$real" ]; then
	set -- "$@" osteo-journal "$real"
else
	echo "gallery: no real study ($real is missing): skipped" >&2
fi

while [ $# -ge 2 ]; do
	study=$1 input=$2
	shift 2
	for size in default 3.5in 7in; do
		case $size in
		default) opts="" ;;
		*) opts="--style paper --width $size" ;;
		esac
		echo "gallery: $study at $size" >&2
		# shellcheck disable=SC2086
		"$HPREPORT" -q --format png,pdf $opts "$input" -o "$OUT/$study-$size" ||
			echo "gallery: $study at $size: exit $?" >&2
		find "$OUT/$study-$size" -name '*.pdf' | while read -r pdf; do
			pdftoppm -scale-to 400 -png -singlefile "$pdf" "${pdf%.pdf}.pdf-thumb"
		done
	done
done
python3 tests/gallery_page.py "$OUT" default 3.5in 7in
echo "open $OUT/index.html"
