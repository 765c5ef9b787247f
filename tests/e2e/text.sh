# Text that could break a page or a file: hostile markup in names gives SVGs
# that are well-formed XML, and bytes that are not UTF-8 (FF FE) in a study
# and a param name are made valid once, when loading, with a note.
. "$HP_ROOT/tests/e2e/lib.sh"
W=$HP_TMP/text
mkdir -p "$W"

# xmllint_all NAME DIR: every SVG under DIR is well-formed XML
xmllint_all() {
	if ! command -v xmllint >/dev/null; then
		echo "SKIP $1: xmllint is missing (libxml2-utils)"
		return
	fi
	bad=""
	n=0
	for f in $(find "$2" -name '*.svg'); do
		n=$((n + 1))
		xmllint --noout "$f" 2>>"$W/xmllint.err" || bad="$bad $(basename "$f")"
	done
	if [ "$n" -eq 0 ]; then fail "$1" "no SVG in $2"
	elif [ -n "$bad" ]; then fail "$1" "not well-formed:$bad: $(head -1 "$W/xmllint.err")"
	else pass "$1 ($n SVGs)"; fi
}

sqlite3 "$W/hostile.db" <"$HP_ROOT/tests/data/hostile-names.sql"
expect "report of hostile names as SVG" "$HPREPORT" -q --format svg "$W/hostile.db" -o "$W/hostile"
xmllint_all "hostile names: SVGs are well-formed" "$W/hostile"

# FF FE in the study name and in a param name
cp "$HP_ROOT/samples/study.db" "$W/bad.db"
sqlite3 "$W/bad.db" "UPDATE studies SET study_name = 'bad' || CAST(X'FFFE' AS TEXT) || 'name' WHERE study_id = 1;
    UPDATE trial_params SET param_name = 'lr' || CAST(X'FF' AS TEXT) WHERE param_name = 'lr';"
cp "$W/bad.db" "$W/bad.orig"
"$HPREPORT" -q --format png,svg --plots convergence,slice,contour,parallel_coordinate \
    "$W/bad.db" -o "$W/bad" >"$W/out" 2>"$W/err"
rc=$?
[ "$rc" -eq 0 ] && pass "invalid UTF-8 names: exit 0" || fail "invalid UTF-8 names: exit 0" "exit $rc: $(head -c 300 "$W/err")"
[ -s "$W/err" ] && fail "invalid UTF-8 names: nothing on stderr with -q" "$(head -3 "$W/err" | tr '\n' '|')" ||
    pass "invalid UTF-8 names: nothing on stderr with -q"
cmp -s "$W/bad.db" "$W/bad.orig" && pass "invalid UTF-8 names: the input is untouched" ||
    fail "invalid UTF-8 names: the input is untouched" "bad.db changed"
xmllint_all "invalid UTF-8 names: SVGs are well-formed" "$W/bad"
bad=""
for f in $(find "$W/bad" -type f \( -name '*.json' -o -name '*.html' -o -name '*.csv' -o -name '*.svg' \)); do
	iconv -f UTF-8 -t UTF-8 "$f" >/dev/null 2>&1 || bad="$bad ${f#$W/bad/}"
done
[ -z "$bad" ] && pass "invalid UTF-8 names: every text file is UTF-8" ||
    fail "invalid UTF-8 names: every text file is UTF-8" "$bad"
S=$(ls -d "$W"/bad/bad*name 2>/dev/null | head -1)
R=$(printf '\357\277\275')	# U+FFFD
grep_file "invalid UTF-8 names: the study name has U+FFFD" "bad$R${R}name" "$S/data/study.json"
grep_file "invalid UTF-8 names: the param name has U+FFFD" "\"lr$R\"" "$S/data/study.json"
grep_file "invalid UTF-8 names: a note says so" 'not valid UTF-8' "$S/data/study.json"
"$HPREPORT" info "$W/bad.db" >"$W/info" 2>&1
grep_file "invalid UTF-8 names: info shows the note" 'note: 2 names or texts were not valid UTF-8' "$W/info"

# a file name and a --title that are not UTF-8
cp "$HP_ROOT/samples/study.db" "$W/file$(printf '\377').db"
expect "a non-UTF-8 file name and title" "$HPREPORT" -q --title "$(printf 'T\376')" \
    --study maximize-inf --plots slice --format svg,pdf "$W"/file*.db -o "$W/fname"
xmllint_all "a non-UTF-8 file name and title: SVGs are well-formed" "$W/fname"
