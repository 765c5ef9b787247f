#!/bin/sh
# End-to-end: a directory no format recognises is searched for the
# histories it holds.  A temporary tree holds two copies of a Keras Tuner
# project (same name: renamed by path), a SMAC run, an hpreport JSON, a
# text file (skipped, said on stderr), a pickle (skipped silently), a
# hidden directory, a symlink loop and a history too deep to be found;
# `hpreport info` says which format was found where and the report
# renders every study.  An empty tree is exit 2 with a clear message.
. "$(dirname "$0")/lib.sh"
D="$HP_ROOT/tests/data"
W="$HP_TMP/search"
T="$W/top"
mkdir -p "$T/kt/a" "$T/kt/b" "$T/smac3_output/exp" "$T/.hidden" "$T/d1/d2/d3/d4"
cp -R "$D/kerastuner/proj" "$T/kt/a/proj"
cp -R "$D/kerastuner/proj" "$T/kt/b/proj"
cp -R "$D/smac/v1" "$T/smac3_output/exp/run_1"
cp "$D/hp-study.json" "$T/study.json"
cp "$D/hp-study.json" "$T/.hidden/study.json"
cp "$D/hp-study.json" "$T/d1/d2/d3/d4/deep.json"
echo "notes about the runs" > "$T/notes.txt"
printf '\200\004\225pickle' > "$T/model.pkl"
ln -s .. "$T/kt/loop"

"$HPREPORT" info "$T" >"$W/info" 2>"$W/err"
rc=$?
[ $rc -eq 0 ] && pass search-info || fail search-info "exit $rc: $(head -3 "$W/err")"
grep_file found-kt-a "^$T/kt/a/proj: kerastuner\$" "$W/info"
grep_file found-kt-b "^$T/kt/b/proj: kerastuner\$" "$W/info"
grep_file renamed-by-path '^study "kt/a/proj": 5 trials' "$W/info"
grep_file rename-note 'renamed from "proj"' "$W/info"
grep_file found-smac "^$T/smac3_output/exp/run_1: smac\$" "$W/info"
grep_file found-json "^$T/study.json: hpreport-json\$" "$W/info"
grep_file skipped-text "notes.txt: skipped: not a trial history" "$W/err"
if grep -q 'model.pkl\|\.hidden\|deep.json' "$W/info" "$W/err"; then
	fail search-silent "$(grep 'model.pkl\|\.hidden\|deep.json' "$W/info" "$W/err")"
else
	pass search-silent
fi
n=$(grep -c '^study ' "$W/info")
[ "$n" -eq 4 ] && pass search-four-studies || fail search-four-studies "$n studies"

if "$HPREPORT" -q "$T" -o "$W/report" >"$W/log" 2>&1 && [ -f "$W/report/index.html" ]; then
	pass search-report
else
	fail search-report "$(tail -1 "$W/log")"
fi

# --study picks one of the renamed studies
"$HPREPORT" info --study kt/b/proj "$T" >"$W/one" 2>/dev/null
grep_file search-study-option '^study "kt/b/proj"' "$W/one"

# an unreadable directory is said on stderr, the rest still read; as root
# (CI) the check runs as nobody, who must reach the binary and the tree
mkdir -p "$T/locked"
chmod 000 "$T/locked"
as=""
if [ "$(id -u)" = 0 ]; then
	as="setpriv --reuid=nobody --regid=nogroup --clear-groups"
	for f in "$HPREPORT" "$T/x"; do
		d=$(dirname "$f")
		while [ "$d" != / ]; do chmod a+x "$d" 2>/dev/null; d=$(dirname "$d"); done
	done
	find "$T" -path "$T/locked" -prune -o -exec chmod a+rX {} + 2>/dev/null
	chmod a+r "$HPREPORT"
fi
if [ -n "$as" ] && ! $as true 2>/dev/null; then
	skip search-unreadable "cannot drop privileges with $as"
else
	$as "$HPREPORT" info "$T" >"$W/out2" 2>"$W/err2"
	grep_file search-unreadable "locked: skipped: Permission denied" "$W/err2"
	grep_file search-unreadable-rest-read "^study \"kt/a/proj\"" "$W/out2"
fi
chmod 700 "$T/locked"

mkdir -p "$W/empty/sub"
echo "hello" > "$W/empty/sub/readme.txt"
expect_exit search-nothing-found 2 "$HPREPORT" info "$W/empty"
grep_file search-nothing-message "empty: no trial history found in the directory" "$HP_TMP/err"
