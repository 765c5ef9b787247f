# End to end: the report bundle -- escaping of hostile names in every page
# and figure, the page's parts, templates from --template, the atomic swap
# (a failed run leaves the previous report byte-identical) and the refusal
# to replace a directory that is not a report.
. "$HP_ROOT/tests/e2e/lib.sh"
R="$HP_TMP/rep"

# --- hostile names: markup stays text ------------------------------------
sqlite3 "$HP_TMP/hostile.db" <"$HP_ROOT/tests/data/hostile-names.sql"
expect "report of a study with hostile names" "$HPREPORT" -q "$HP_TMP/hostile.db" -o "$R.h"
H="$R.h/index.html"
if grep -q '<script>alert\|<img src=x\|<b>bold' "$H"; then fail "no raw markup from names in the page" "$(grep -o '.\{20\}<script>alert.\{10\}' "$H" | head -1)"
else pass "no raw markup from names in the page"; fi
n=$(grep -c '<script' "$H")
[ "$n" = 2 ] && pass "the page has only its own two scripts" || fail "the page has only its own two scripts" "$n"
grep_file "study name escaped in the heading" '<h1>&lt;script&gt;alert\(1\)&lt;/script&gt;&quot;&amp;&#39;学習率</h1>' "$H"
grep_file "param name escaped in the search space" '<td>&lt;script&gt;alert\(2\)&lt;/script&gt;&quot;&amp;&#39;学習率' "$H"
grep_file "an entity in a name is shown, not decoded" '&amp;amp; &lt;b&gt;bold&lt;/b&gt;' "$H"
grep_file "names in the page data cannot end a script" '\\u003cscript\\u003ealert\(2\)\\u003c/script\\u003e' "$R.h/data/page.js"
for svg in "$R.h"/figures/*.svg; do
	if grep -q '<script\|<img src' "$svg"; then fail "no raw markup in $(basename "$svg")" "found"
	else pass "no raw markup in $(basename "$svg")"; fi
	if command -v xmllint >/dev/null; then expect "$(basename "$svg") is well-formed XML" xmllint --noout "$svg"
	else skip "$(basename "$svg") is well-formed XML" "needs xmllint (libxml2-utils)"; fi
done
# the page data (data/page.js) parse back to the names
python3 "$HP_ROOT/tests/e2e/pagedata.py" "$R.h" >"$HP_TMP/blob.json"
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert any(p["name"]=="<script>alert(2)</script>\"&'"'"'学習率" for p in d["params"])' "$HP_TMP/blob.json" 2>"$HP_TMP/err"
then pass "page data hold the names exactly"; else fail "page data hold the names exactly" "$(tail -1 "$HP_TMP/err")"; fi

# --- the page's parts ----------------------------------------------------
C=$(fixture_report) && pass "report of the 3.1 fixture" || fail "report of the 3.1 fixture" "see the error above"
P="$C/mixed-minimize/index.html"
grep_file "overview: trials by state" 'state-PRUNED">PRUNED</span></td><td class="num">33<' "$P"
grep_file "overview: best trial" 'Trial #[0-9]+</p>' "$P"
grep_file "overview: median duration" '<dt>Median duration</dt>' "$P"
grep_file "overview: search space with log" '<td>lr</td><td>float</td><td>1e-05 – 0.1</td><td>log</td>' "$P"
grep_file "figure with download links" 'href="figures/convergence.pdf" download>PDF<' "$P"
grep_file "figure has tooltip points" '"figures":\{"convergence":"[A-Za-z0-9+/]' "$C/mixed-minimize/data/page.js"
grep_file "the page loads its data from data/page.js" '<script src="data/page.js" id="hp-data"></script>' "$P"
grep_file "study page links back to the index" 'href="../index.html"' "$P"
grep_file "index links the comparison" 'href="compare.html"' "$C/index.html"
grep_file "comparison page has a summary row per study" '<td><a href="two-objectives/index.html">two-objectives</a>' "$C/compare.html"
if grep -q 'https\?://' "$P" "$C/index.html" "$C/compare.html"; then fail "no absolute URLs" "$(grep -o 'https\?://[^"]*' "$P" | head -1)"
else pass "no absolute URLs"; fi

# --- --template replaces templates file by file ---------------------------
mkdir -p "$HP_TMP/tpl"
printf '<!DOCTYPE html><title>{{title}}</title><h1>custom {{study.name}}</h1>\n' >"$HP_TMP/tpl/study.html"
# (one cheap figure: the templates, not the figures, are under test here)
Q="--plots convergence --format svg"
expect "--template DIR" "$HPREPORT" -q $Q --template "$HP_TMP/tpl" --study mixed-minimize "$O31/study.db" -o "$R.tpl"
grep_file "--template's study.html is used" '<h1>custom mixed-minimize</h1>' "$R.tpl/index.html"
printf '{{#open}} never closed\n' >"$HP_TMP/tpl/study.html"
expect_exit "a broken template fails (exit 3)" 3 "$HPREPORT" -q $Q --template "$HP_TMP/tpl" "$O31/study.db" -o "$R.tpl"
grep_file "the error names the template and line" 'study.html:1: unclosed section' "$HP_TMP/err"
grep_file "the previous report survives a template error" '<h1>custom mixed-minimize</h1>' "$R.tpl/index.html"

# --- atomic replacement ----------------------------------------------------
cp -R "$C" "$R"
(cd "$R" && find . -type f | sort | xargs sha256sum) >"$HP_TMP/before"
expect_exit "a bad input fails (exit 2)" 2 "$HPREPORT" -q "$HP_ROOT/tests/e2e/lib.sh" -o "$R"
(cd "$R" && find . -type f | sort | xargs sha256sum) >"$HP_TMP/after"
same_file "a failed run leaves the previous report byte-identical" "$HP_TMP/before" "$HP_TMP/after"
# an unwritable parent: as root (CI) the check runs as nobody, who needs
# to reach the binary, the input and the directories on the way
mkdir -p "$HP_TMP/ro" && cp -R "$R" "$HP_TMP/ro/rep" && chmod a-w "$HP_TMP/ro"
(cd "$R" && find . -type f | sort | xargs sha256sum) >"$HP_TMP/ro-before"
as=""
if [ "$(id -u)" = 0 ]; then
	as="setpriv --reuid=nobody --regid=nogroup --clear-groups"
	# every directory from / to the binary, the fixture and HP_TMP: searchable
	for f in "$HPREPORT" "$O31/study.db" "$HP_TMP/ro/rep"; do
		d=$(dirname "$f")
		while [ "$d" != / ]; do chmod a+x "$d" 2>/dev/null; d=$(dirname "$d"); done
	done
	chmod -R a+rX "$HP_TMP/ro" "$HP_ROOT/templates" 2>/dev/null
	chmod a+r "$O31/study.db" "$HPREPORT"
fi
if [ -n "$as" ] && ! $as true 2>/dev/null; then
	fail "an unwritable parent fails (exit 3)" "cannot drop privileges with $as"
else
	expect_exit "an unwritable parent fails (exit 3)" 3 $as "$HPREPORT" -q "$O31/study.db" -o "$HP_TMP/ro/rep"
	grep_file "the error names the unwritable directory" "hpreport: .*$HP_TMP/ro.*(Permission denied|not writable)" "$HP_TMP/err"
	(cd "$HP_TMP/ro/rep" && find . -type f | sort | xargs sha256sum) >"$HP_TMP/ro-after"
	same_file "the report in the unwritable parent is untouched" "$HP_TMP/ro-before" "$HP_TMP/ro-after"
fi
chmod u+w "$HP_TMP/ro"
left=$(ls -a "$HP_TMP" | grep -c '^\.rep.*tmp')
[ "$left" = 0 ] && pass "no temporary directory left behind" || fail "no temporary directory left behind" "$left"
expect "a report replaces an earlier report" "$HPREPORT" -q $Q --study maximize-inf "$O31/study.db" -o "$R"
[ ! -e "$R/mixed-minimize" ] && [ -f "$R/data/trials.csv" ] && pass "the earlier report is gone" || fail "the earlier report is gone" "old files remain"

mkdir -p "$HP_TMP/mine" && echo precious >"$HP_TMP/mine/notes.txt"
expect_exit "a non-empty non-report directory is refused (exit 3)" 3 "$HPREPORT" -q "$O31/study.db" -o "$HP_TMP/mine"
grep_file "the refusal says --force" 'use --force' "$HP_TMP/err"
grep_file "the refused directory is untouched" '^precious$' "$HP_TMP/mine/notes.txt"
expect "--force replaces it" "$HPREPORT" -q $Q --force "$O31/study.db" -o "$HP_TMP/mine"
[ ! -e "$HP_TMP/mine/notes.txt" ] && [ -f "$HP_TMP/mine/index.html" ] && pass "--force wrote the report" || fail "--force wrote the report" "not replaced"
mkdir -p "$HP_TMP/empty"
expect "an empty directory is used" "$HPREPORT" -q $Q "$O31/study.db" -o "$HP_TMP/empty"
