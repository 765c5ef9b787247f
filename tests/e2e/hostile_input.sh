#!/bin/sh
# End-to-end: the input side of issue 23 -- hostile inputs (copies of
# ../shared/fixtures/hostile/ in tests/data/hostile/in-*) give a report or a
# clean one-line exit 2 naming file and place; input text reaches the
# terminal only as printable text; passwords stay hidden whatever the URL
# scheme; locked and read-only SQLite databases say why; --metric works for
# NNI; user attributes reach trials.csv.  Expected places and values are
# computed by python3 from the raw files, not taken from hpreport.
. "$(dirname "$0")/lib.sh"
D="$HP_ROOT/tests/data"
H="$D/hostile"
W="$HP_TMP/hostile_input"
mkdir -p "$W"

# no_controls NAME FILE: FILE holds no byte a terminal acts on (C0 but
# newline, DEL, C1 as UTF-8, bidi controls, U+2028/9)
no_controls() {
	if python3 - "$2" <<'EOF'
import re, sys
t = open(sys.argv[1], 'rb').read().decode('utf-8', 'surrogateescape')
bad = re.findall('[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]', t)
sys.exit(1 if bad else 0)
EOF
	then pass "$1"; else fail "$1" "control characters in $(head -c 200 "$2" | od -c | head -3)"; fi
}

# --- terminal escapes in input text ---------------------------------------
expect_exit esc-state-exits-2 2 "$HPREPORT" -q "$H/in-hj_esc_err.json" -o "$W/r1"
no_controls esc-state-error-printable "$HP_TMP/err"
grep_file esc-state-error-shows-escapes 'unknown state "\\x1b\]2;PWNED\\x07\\x1b\[2J"' "$HP_TMP/err"
[ "$(wc -l < "$HP_TMP/err")" -eq 1 ] && pass esc-state-one-line || fail esc-state-one-line "$(cat "$HP_TMP/err")"

"$HPREPORT" info "$H/in-esc-info.json" >"$W/esc.out" 2>"$W/esc.err"
no_controls esc-info-stdout-printable "$W/esc.out"
no_controls esc-info-stderr-printable "$W/esc.err"
grep_file esc-info-study-name 'study "\\x1b\]0;owned\\x07\\x1b\[31mRED"' "$W/esc.out"
grep_file esc-info-param-name 'param \\x1b\[2Jp: float' "$W/esc.out"
"$HPREPORT" -p "$H/in-esc-info.json" -o "$W/r2" >/dev/null 2>"$W/esc-progress.err"
no_controls esc-progress-printable "$W/esc-progress.err"

# a right-to-left override, a line separator and a C1 CSI in names
printf '{"hpreport": 1, "study": "report\342\200\256gnp.exe", "trials": [{"value": 1, "params": {"a\342\200\250b": 1, "c\302\233d": 2}}]}\n' >"$W/bidi.json"
"$HPREPORT" info "$W/bidi.json" >"$W/bidi.out" 2>&1
no_controls bidi-info-printable "$W/bidi.out"
grep_file bidi-info-shows-override 'study "report\\u202egnp.exe"' "$W/bidi.out"
grep_file bidi-info-shows-separator 'param a\\u2028b' "$W/bidi.out"
grep_file bidi-info-shows-c1 'param c\\u009bd' "$W/bidi.out"

# --- names with NUL: refused where the NUL is -----------------------------
for f in nul-collision nul-collision2; do
	expect_exit "$f-exits-2" 2 "$HPREPORT" -q "$H/in-$f.json" -o "$W/$f"
	col=$(python3 -c 'import sys; print(open(sys.argv[1]).read().index("\\u0000") + 1)' "$H/in-$f.json")
	grep_file "$f-names-place" "in-$f.json:1:$col: \"\\\\u0000\" \(NUL\) in a string" "$HP_TMP/err"
	[ ! -e "$W/$f" ] && pass "$f-no-report" || fail "$f-no-report" "$W/$f exists"
done

# --- byte order marks ------------------------------------------------------
"$HPREPORT" info "$H/in-hj_bom.json" >"$W/bom.out" 2>&1 && pass bom-json-loads || fail bom-json-loads "$(cat "$W/bom.out")"
tail -c +4 "$H/in-hj_bom.json" >"$W/nobom.json"
"$HPREPORT" info "$W/nobom.json" >"$W/nobom.out" 2>&1
tail -n +2 "$W/bom.out" >"$W/bom.rest"
tail -n +2 "$W/nobom.out" >"$W/nobom.rest"
same_file bom-json-same-as-without "$W/nobom.rest" "$W/bom.rest"
n=$(python3 -c 'import json,sys; print(len(json.loads(open(sys.argv[1], encoding="utf-8-sig").read())["trials"]))' "$H/in-hj_bom.json")
grep_file bom-json-all-trials "study \"s\": $n trials" "$W/bom.out"

"$HPREPORT" info "$H/in-csv_bom_crlf.csv" >"$W/bomcsv.out" 2>&1 && pass bom-csv-loads || fail bom-csv-loads "$(cat "$W/bomcsv.out")"
grep_file bom-csv-detected ': optuna-dataframe-csv$' "$W/bomcsv.out"
grep_file bom-csv-number-column 'study "in-csv_bom_crlf": 1 trial, 1 COMPLETE' "$W/bomcsv.out"
grep_file bom-csv-param 'param x: float \[0.5, 0.5\]' "$W/bomcsv.out"
# a BOM before a JSON Lines and a journal file too
for f in runs.jsonl journal-edge.log; do
	{ printf '\357\273\277'; cat "$D/$f"; } >"$W/bom-$f"
	"$HPREPORT" info "$D/$f" 2>&1 | grep -v '^/' >"$W/$f.plain"
	"$HPREPORT" info "$W/bom-$f" 2>&1 | grep -v '^/' >"$W/$f.bom"
	same_file "bom-$f-same-as-without" "$W/$f.plain" "$W/$f.bom"
done

# --- NUL bytes in CSV --------------------------------------------------------
expect_exit csv-nul-exits-2 2 "$HPREPORT" -q "$H/in-csv_nul.csv" -o "$W/csvnul"
place=$(python3 -c '
import sys
for i, line in enumerate(open(sys.argv[1], "rb").read().split(b"\n")):
    if b"\0" in line:
        print("row %d: a NUL byte in field %d" % (i + 1, line.split(b",").index(next(f for f in line.split(b",") if b"\0" in f)) + 1))
        break' "$H/in-csv_nul.csv")
grep_file csv-nul-names-place "in-csv_nul.csv: $place" "$HP_TMP/err"

# --- text after a JSON document ---------------------------------------------
expect_exit json-two-docs-exits-2 2 "$HPREPORT" -q "$H/in-hj_two.json" -o "$W/two"
place=$(python3 -c '
import json, sys
t = open(sys.argv[1]).read()
o, e = json.JSONDecoder().raw_decode(t)
while t[e] in " \t\r\n": e += 1
print("%d:%d" % (t.count("\n", 0, e) + 1, e - (t.rfind("\n", 0, e) + 1) + 1))' "$H/in-hj_two.json")
grep_file json-two-docs-names-place "in-hj_two.json:$place: text after the end of the JSON document" "$HP_TMP/err"
printf '{"hpreport": 1, "study": "s", "trials": [{"value": 1}]}\n\n  \n' >"$W/blank-after.json"
expect json-blank-after-is-fine "$HPREPORT" info "$W/blank-after.json"

# --- passwords, whatever the scheme ---------------------------------------------
for u in 'rediss://:s3cret@127.0.0.1:1/0' 'rediss://u:s3cret@h/0?ssl_cert_reqs=none' \
    'unix://u:s3cret@/run/redis.sock' 'cockroachdb://root:s3cret@h:26257/optuna' \
    'postgresql:/u:s3cret@h/db' 'postgres:u:s3cret@h/db' 'mongodb+srv://u:s3/cr@et@h/db'; do
	"$HPREPORT" info "$u" >"$W/url.out" 2>&1
	rc=$?
	if [ $rc -eq 2 ] && ! grep -q s3cret "$W/url.out" && grep -q '\*\*\*' "$W/url.out"; then
		pass "password-hidden $u"
	else
		fail "password-hidden $u" "exit $rc: $(cat "$W/url.out")"
	fi
done

# --- SQLite: a lock held by another process; WAL in a read-only directory --
cp "$O31/study.db" "$W/locked.db"
python3 - "$W/locked.db" "$W/locked.ready" <<'EOF' &
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=0)
c.execute("BEGIN EXCLUSIVE")
open(sys.argv[2], "w").close()
time.sleep(20)
EOF
holder=$!
i=0
while [ ! -f "$W/locked.ready" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
start=$(date +%s)
expect_exit sqlite-locked-exits-2 2 "$HPREPORT" info "$W/locked.db"
took=$(( $(date +%s) - start ))
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null
grep_file sqlite-locked-says-why 'locked.db: cannot read the SQLite database: another process holds a lock' "$HP_TMP/err"
[ "$took" -lt 12 ] && pass "sqlite-locked-waits-once ($took s)" || fail sqlite-locked-waits-once "$took s"
expect sqlite-unlocked-loads "$HPREPORT" info "$W/locked.db"

as=""
if [ "$(id -u)" = 0 ]; then
	as="setpriv --reuid=nobody --regid=nogroup --clear-groups"
	for f in "$HPREPORT" "$W/x"; do
		d=$(dirname "$f")
		while [ "$d" != / ]; do chmod a+x "$d" 2>/dev/null; d=$(dirname "$d"); done
	done
	chmod a+r "$HPREPORT"
fi
if [ -n "$as" ] && ! $as true 2>/dev/null; then
	skip sqlite-wal-readonly "cannot drop privileges with $as"
else
	mkdir -p "$W/walro" "$W/walro2"
	# a WAL database without WAL content, and one with changes in its -wal
	python3 - "$O31/study.db" "$W" <<'EOF'
import shutil, sqlite3, sys
src, w = sys.argv[1], sys.argv[2]
shutil.copy(src, w + "/walro/s.db")
c = sqlite3.connect(w + "/walro/s.db")
c.execute("PRAGMA journal_mode=WAL")
c.close()
shutil.copy(src, w + "/wal.db")
c = sqlite3.connect(w + "/wal.db")
c.execute("PRAGMA journal_mode=WAL")
c.execute("PRAGMA wal_autocheckpoint=0")
c.execute("UPDATE studies SET study_name = study_name")
c.commit()
shutil.copy(w + "/wal.db", w + "/walro2/s.db")
shutil.copy(w + "/wal.db-wal", w + "/walro2/s.db-wal")
c.close()
EOF
	chmod a+r "$W/walro/s.db" "$W/walro2/s.db" "$W/walro2/s.db-wal"
	chmod 555 "$W/walro" "$W/walro2"
	"$HPREPORT" info "$O31/study.db" 2>&1 | grep -v '^/' >"$W/wal.want"
	$as "$HPREPORT" info "$W/walro/s.db" >"$W/walro.out" 2>&1 && pass sqlite-wal-readonly-loads ||
	    fail sqlite-wal-readonly-loads "$(cat "$W/walro.out")"
	grep -v '^/' "$W/walro.out" >"$W/walro.got"
	same_file sqlite-wal-readonly-same-studies "$W/wal.want" "$W/walro.got"
	expect_exit sqlite-wal-content-readonly-exits-2 2 $as "$HPREPORT" info "$W/walro2/s.db"
	grep_file sqlite-wal-content-readonly-says-why 's.db: cannot read the SQLite database: it is in WAL mode with changes in its -wal file, and SQLite cannot create the -shm' "$HP_TMP/err"
	chmod 755 "$W/walro" "$W/walro2"
fi

# --- NNI --metric -----------------------------------------------------------
# export.json: final metrics 0.91, {"default": 0.95, "loss": 0.12}, Infinity, NaN
want=$(python3 -c '
import json, sys
v = [json.loads(x["value"]) if isinstance(x["value"], str) else x["value"] for x in json.load(open(sys.argv[1]))]
print(min(d["loss"] for d in v if isinstance(d, dict) and "loss" in d))' "$D/nni/export.json")
"$HPREPORT" info --metric loss "$D/nni/export.json" >"$W/nniloss.out" 2>&1
grep_file nni-json-metric-picks-key "objective 0: loss, minimize, best $want " "$W/nniloss.out"
grep_file nni-json-metric-notes-missing 'note: 3 final metrics without "loss": those trials have no value' "$W/nniloss.out"
expect_exit nni-json-metric-unknown-exits-2 2 "$HPREPORT" info --metric nosuch "$D/nni/export.json"
grep_file nni-json-metric-unknown-lists 'no final metric has "nosuch" \(metrics: default, loss\)' "$HP_TMP/err"
if have_shared nni-metric; then
	N="$FIX/real/nni-clinical-sqlite/nni.sqlite"
	want=$(python3 -c '
import json, sqlite3, sys
c = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
v = []
for (d,) in c.execute("SELECT data FROM MetricData WHERE type = \"FINAL\""):
    x = json.loads(d)
    x = json.loads(x) if isinstance(x, str) else x
    v.append(x["roc_auc"])
print(repr(max(v)))' "$N")
	"$HPREPORT" info --metric roc_auc --direction maximize "$N" >"$W/nnidb.out" 2>&1
	grep_file nni-db-metric-picks-key "objective 0: roc_auc, maximize, best $want " "$W/nnidb.out"
	expect_exit nni-db-metric-unknown-exits-2 2 "$HPREPORT" info --metric nosuch "$N"
	grep_file nni-db-metric-unknown-lists 'nni.sqlite: no final metric has "nosuch" \(metrics: default, roc_auc, prerec_auc\)' "$HP_TMP/err"
	expect nni-db-metric-report "$HPREPORT" -q --metric roc_auc --direction maximize "$N" -o "$W/nnirep"
fi

# --- user attributes in trials.csv; the DataFrame note -------------------------
# compare_attrs NAME INPUT.csv REPORT: every user_attrs_* cell of the input's
# rows equals the report's trials.csv cell of the same trial number
compare_attrs() {
	if out=$(python3 - "$2" "$3/data/trials.csv" <<'EOF'
import csv, sys
src = {r["number"]: r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig"))}
got = {r["number"]: r for r in csv.DictReader(open(sys.argv[2]))}
keys = [k for k in next(iter(src.values())) if k.startswith("user_attrs_")]
bad = [(n, k) for n in src for k in keys
       if float(src[n][k] or "nan") != float(got[n].get(k) or "nan") and
       not (src[n][k] == "" and got[n].get(k) == "")]
print(len(keys), "keys", bad[:3])
sys.exit(1 if bad or not keys else 0)
EOF
	); then pass "$1"; else fail "$1" "$out"; fi
}
"$HPREPORT" -q "$D/df-small.csv" -o "$W/dfsmall"
compare_attrs user-attrs-in-trials-csv "$D/df-small.csv" "$W/dfsmall"
head -1 "$W/dfsmall/data/trials.csv" >"$W/dfsmall.head"
grep_file user-attrs-columns-last 'params_units,user_attrs_epochs$' "$W/dfsmall.head"
if have_shared aai510; then
	A="$FIX/real/aai510-csv/optuna_trials.csv"
	"$HPREPORT" -q "$A" -o "$W/aai"
	compare_attrs user-attrs-aai510 "$A" "$W/aai"
	"$HPREPORT" info "$A" >"$W/aai.info" 2>&1
	grep_file dataframe-note-names-index 'note: DataFrame export: 1 column not from Optuna ignored: "" \("" is a pandas index\)' "$W/aai.info"
fi

# --- MLflow: the file as given; grammar -----------------------------------------
sqlite3 "$W/mlflow.db" < "$D/mlflow/mlflow.sql"
expect_exit mlflow-error-exits-2 2 "$HPREPORT" info "$W/mlflow.db"
grep_file mlflow-error-names-path "^hpreport: $W/mlflow.db: several metrics" "$HP_TMP/err"
