# `make install`: the data directory follows PREFIX, the installed binary
# checks its templates before any work, the man page and bash completion.
. "$HP_ROOT/tests/e2e/lib.sh"
D=$HP_TMP/install/dest
B=$HP_TMP/install/build
mkdir -p "$HP_TMP/install"
# a build of its own, so the suite's build stays as it is; starting from a
# copy of the plain build's objects, only what bakes in DATADIR is rebuilt
mkdir -p "$B"
[ -d "$HP_ROOT/build/src" ] && cp -pR "$HP_ROOT/build/src" "$B/"
if ! make -s -C "$HP_ROOT" -j2 BUILD="$B" PREFIX=/usr DESTDIR="$D" install \
    >"$HP_TMP/install/log" 2>&1; then
	fail "make install" "$(tail -3 "$HP_TMP/install/log" | tr '\n' '|')"
	exit 0
fi
pass "make install PREFIX=/usr DESTDIR=..."
for f in usr/bin/hpreport:755 usr/share/man/man1/hpreport.1:644 \
    usr/share/bash-completion/completions/hpreport:644 \
    usr/share/hpreport/templates/study.html:644 usr/share/hpreport/templates/report.js:644; do
	m=$(stat -c %a "$D/${f%:*}" 2>/dev/null)
	if [ "$m" = "${f#*:}" ]; then pass "installed ${f%:*} mode ${f#*:}"
	else fail "installed ${f%:*}" "mode '$m', wanted ${f#*:}"; fi
done

# run from elsewhere: it looks in /usr/share/hpreport (not installed there:
# DESTDIR) and says so before reading the input
cd "$HP_TMP" || exit 1
expect_exit "missing templates fail before any work (exit 3)" 3 \
    "$D/usr/bin/hpreport" "$HP_TMP/does-not-exist.db" -o "$HP_TMP/install/rep"
grep_file "the error names PREFIX's data directory" \
    '^hpreport: /usr/share/hpreport/templates/[a-z.]+: No such file' "$HP_TMP/err"
if [ -e "$HP_TMP/install/rep" ] || ls -a "$HP_TMP/install" | grep -q '^\.rep'; then
	fail "nothing is written without templates" "$(ls -a "$HP_TMP/install")"
else pass "nothing is written without templates"; fi
expect "the installed binary works with its templates" "$D/usr/bin/hpreport" -q --plots convergence \
    --template "$D/usr/share/hpreport/templates" "$HP_ROOT/samples/study.db" -o "$HP_TMP/install/rep"
grep_file "the installed binary's report" 'id="trials"' "$HP_TMP/install/rep/mixed-minimize/index.html"
cd "$HP_ROOT" || exit 1

# the man page: renders, names the installed data directory, and documents
# every option --help lists
if man -l "$D/usr/share/man/man1/hpreport.1" >"$HP_TMP/install/man.txt" 2>"$HP_TMP/install/man.err"; then
	pass "man -l hpreport.1"
else fail "man -l hpreport.1" "$(head -1 "$HP_TMP/install/man.err")"; fi
grep_file "the man page names the data directory" '/usr/share/hpreport/templates' "$HP_TMP/install/man.txt"
grep_file "the man page has exit codes" 'EXIT STATUS' "$HP_TMP/install/man.txt"
missing=""
for o in $("$HPREPORT" --help | grep -oE -- '--[a-z][a-z-]+' | sort -u); do
	grep -q -- "$o" "$HP_TMP/install/man.txt" || missing="$missing $o"
done
if [ -z "$missing" ]; then pass "the man page documents every option"
else fail "the man page documents every option" "missing:$missing"; fi

# bash completion: figure names, formats and option values
if command -v bash >/dev/null; then
	out=$(PATH="$(dirname "$HPREPORT"):$PATH" bash -c '
		. "$1"
		t() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _hpreport; echo "${COMPREPLY[*]}"; }
		t hpreport --plots ""; t hpreport --plots slice,co; t hpreport --format p
		t hpreport --style ""; t hpreport --input-format optuna-j; t hpreport --pl
		t hpreport --importance ""
		t hpreport --target ""; t hpreport "$2" --target user_attrs.' \
	    sh "$D/usr/share/bash-completion/completions/hpreport" "$HP_ROOT/tests/data/user_attrs.db" 2>&1)
	nfig=$("$HPREPORT" --help | sed -n '/--plots/{n;p;}' | tr ',' '\n' | grep -c .)
	line() { printf '%s\n' "$out" | sed -n "${1}p"; }
	[ "$(line 1 | wc -w)" -eq "$nfig" ] && [ "$nfig" -ge 13 ] &&
	    pass "completion: every figure name" || fail "completion: every figure name" "$(line 1)"
	[ "$(line 2 | tr ' ' '\n' | sort | tr '\n' ' ')" = "slice,compare_convergence slice,contour slice,convergence " ] &&
	    pass "completion: the last item of a list" || fail "completion: the last item of a list" "$(line 2)"
	[ "$(line 3)" = "png pdf" ] && pass "completion: formats" || fail "completion: formats" "$(line 3)"
	[ "$(line 4)" = "screen paper" ] && pass "completion: --style" || fail "completion: --style" "$(line 4)"
	[ "$(line 5)" = "optuna-journal" ] && pass "completion: --input-format" || fail "completion: --input-format" "$(line 5)"
	[ "$(line 6)" = "--plots" ] && pass "completion: options" || fail "completion: options" "$(line 6)"
	[ "$(line 7)" = "ped-anova fanova" ] && pass "completion: --importance" || fail "completion: --importance" "$(line 7)"
	[ "$(line 8)" = "duration user_attrs. values." ] && pass "completion: --target forms" ||
	    fail "completion: --target forms" "$(line 8)"
	[ "$(line 9)" = "user_attrs. user_attrs.accuracy user_attrs.mixed user_attrs.n_estimators user_attrs.ratio" ] &&
	    pass "completion: --target keys of the input" || fail "completion: --target keys of the input" "$(line 9)"
else
	echo "SKIP completion: no bash"
fi
