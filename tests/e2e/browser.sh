# End to end in a real browser (Debian's Chromium via playwright-core,
# tests/browser/check.mjs): the report of the Optuna 3.1 fixture and of a
# study with hostile names load without console errors or requests, the
# trials table sorts and filters, tooltips show trial data, the overview
# and figures show with scripts disabled, markup in names stays text, and
# at a phone's width nothing overflows, tables scroll in their box and
# figures open full size.
# SKIPs when Chromium or node_modules (tests/browser/install.sh) is missing.
. "$HP_ROOT/tests/e2e/lib.sh"
B="$HP_ROOT/tests/browser"
if [ ! -x /usr/bin/chromium ] || [ ! -d "$B/node_modules/playwright-core" ] || ! command -v node >/dev/null; then
	for t in "report of the 3.1 fixture" "study page" "index page" "comparison page" "hostile names"; do
		skip "browser, $t" "needs /usr/bin/chromium, node and tests/browser/install.sh"
	done
	exit 0
fi
R="$HP_TMP/browser"
C=$(fixture_report) || fail "report of the 3.1 fixture" "see the error above"
sqlite3 "$HP_TMP/hostile.db" <"$HP_ROOT/tests/data/hostile-names.sql"
"$HPREPORT" -q "$HP_TMP/hostile.db" -o "$R.hostile" || fail "report of hostile names" "exit $?"
# one browser for all pages
node "$B/check.mjs" "$C/mixed-minimize/index.html" ${HP_SHOTS:+--screenshot "$HP_SHOTS/mixed-minimize.png"} \
    --page "$C/index.html" --name index \
    --page "$C/compare.html" --name compare \
    --page "$R.hostile/index.html" --name hostile \
    --text '<script>alert(1)</script>"&'"'"'学習率' \
    --text '<script>alert(2)</script>"&'"'"'学習率' \
    --text '<img src=x onerror=alert(3)>' \
    ${HP_SHOTS:+--screenshot "$HP_SHOTS/hostile.png"}
