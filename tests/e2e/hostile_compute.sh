# End to end: the compute side of the trust issue (issue 23) -- inputs that
# hung, blew up memory or failed the whole report (reproducers from
# ../shared/fixtures/hostile/, the small ones copied into
# tests/data/hostile/, the big ones made here by python3).  Each must end
# within a time limit, in bounded memory (ulimit -v, not under ASan, whose
# shadow memory needs the address space), with exit 0 and the rest of the
# report, and the figure's note (the PNG's Description text, pngtext.py)
# or the page saying what was left out, thinned or estimated.  Expected
# numbers come from the input files (python3), not from hpreport.
. "$HP_ROOT/tests/e2e/lib.sh"
D="$HP_ROOT/tests/data/hostile"
W="$HP_TMP/hostile"
mkdir -p "$W"
PT="python3 $HP_ROOT/tests/e2e/pngtext.py"

# ASan reserves terabytes of address space: no ulimit -v there
ASAN=0
if grep -q __asan_init "$HPREPORT" 2>/dev/null; then ASAN=1; fi
LIMIT=${HP_HOSTILE_TIMEOUT:-60}
[ "$ASAN" -eq 1 ] && LIMIT=$((LIMIT * 4))	# sanitizers run 5-10x slower

# run NAME ARGS...: hpreport ARGS with a time limit and 2 GB of address
# space; exit code in $W/NAME.rc, stderr in $W/NAME.err, seconds in $W/NAME.time
run() {
	n=$1; shift
	t0=$(date +%s)
	(
		[ "$ASAN" -eq 1 ] || ulimit -v 2000000
		exec timeout "$LIMIT" "$HPREPORT" -q "$@"
	) >"$W/$n.out" 2>"$W/$n.err"
	echo $? >"$W/$n.rc"
	echo $(( $(date +%s) - t0 )) >"$W/$n.time"
}

# ok NAME: exit 0 within the limit, no sanitizer report, and the report's page
ok() {
	rc=$(cat "$W/$1.rc")
	if [ "$rc" -ne 0 ]; then
		fail "$1 exits 0" "exit $rc after $(cat "$W/$1.time") s: $(grep -v '^hpreport: .*left out' "$W/$1.err" | head -c 300)"
	elif grep -q "runtime error\|AddressSanitizer" "$W/$1.err"; then
		fail "$1 exits 0" "$(grep -m1 'runtime error\|AddressSanitizer' "$W/$1.err")"
	elif [ ! -s "$W/r-$1/index.html" ] && [ ! -s "$W/r-$1/compare.html" ]; then
		fail "$1 exits 0" "no index.html"
	else
		pass "$1 exits 0 with the report ($(cat "$W/$1.time") s)"
	fi
}

# has_fig NAME FIGURE: the figure's PNG is in the report
has_fig() {
	if [ -s "$W/r-$1/figures/$2.png" ]; then pass "$1: $2 drawn"; else fail "$1: $2 drawn" "no figures/$2.png"; fi
}

# note NAME FIGURE ERE: the figure's note says ERE
note() {
	if $PT "$W/r-$1/figures/$2.png" Description 2>/dev/null | grep -Eq -- "$3"; then
		pass "$1: $2 note says $3"
	else
		fail "$1: $2 note says $3" "$($PT "$W/r-$1/figures/$2.png" Description 2>&1 | tr '\n' '|' | head -c 300)"
	fi
}

# the big ones, made here rather than committed (0.6-2 MB each)
python3 - "$W" "$D" <<'PY'
import json, random, sqlite3, sys
out, data = sys.argv[1], sys.argv[2]
def w(name, doc):
    json.dump(doc, open(f"{out}/{name}.json", "w"))
# one trial of 40000 params (the name search was quadratic; importances.png
# 1152 x 2400180 killed the report), 20 trials of 500 params
w("p1_40000", {"hpreport": 1, "study": "p1", "trials": [
    {"value": 1.0, "params": {f"p{i}": 0.5 for i in range(40000)}}]})
r = random.Random(7)
w("params_500", {"hpreport": 1, "study": "manyp", "trials": [
    {"value": r.random(), "params": {f"p{i}": r.random() for i in range(500)}}
    for _ in range(20)]})
# 10^5 intermediate values in one trial (> 30 s before)
w("steps_100000", {"hpreport": 1, "study": "steps", "trials": [
    {"value": 0.5, "params": {"x": 0.5},
     "intermediate_values": [r.random() ** 3 for _ in range(100000)]},
    {"value": 0.7, "params": {"x": 0.2}, "intermediate_values": [0.9, 0.8, 0.7]}]})
# a categorical of 10^5 declared choices, 50 trials (160 s with 10^6, a
# 195 MB parallel_coordinate.svg)
ch = [f"c{i}" for i in range(100000)]
w("choices_100000", {"hpreport": 1, "study": "manyc",
    "search_space": {"c": {"type": "categorical", "choices": ch}},
    "trials": [{"value": r.random(), "params": {"c": f"c{r.randrange(100000)}",
                                                 "x": r.random()}} for _ in range(50)]})
# the SQLite reproducers: one Optuna database (c_base.sql, a dump of
# ../shared/fixtures/hostile/c_huge_number.db with trial 1 numbered 1) and
# the change each made
def db(name, *sql):
    c = sqlite3.connect(f"{out}/{name}.db")
    c.executescript(open(f"{data}/c_base.sql").read())
    for s in sql:
        c.execute(*s) if isinstance(s, tuple) else c.execute(s)
    c.commit()
    c.close()
db("c_value_tiny", ("UPDATE trial_values SET value = CASE WHEN trial_value_id "
                    "BETWEEN 239 AND 290 THEN ? ELSE ? END", (-5e-324, 5e-324)))
db("c_huge_number", "UPDATE trials SET number = 2147483647 WHERE trial_id = 243")
db("c_inf_paramval", ("UPDATE trial_params SET param_value = ? WHERE param_id = 1694",
                      (float("inf"),)))
db("c_direction_many", *[("INSERT INTO study_directions VALUES (?, 'MINIMIZE', 2, ?)",
                          (99 + k, k)) for k in range(1, 301)])
PY

for f in vmax-hang tiny tinyp p_span600 mo_12 mo_8 num5e7_a; do
	run "$f" "$D/$f.json" -o "$W/r-$f"
done
for f in p1_40000 params_500 steps_100000 choices_100000; do
	run "$f" "$W/$f.json" -o "$W/r-$f"
done
for f in c_value_tiny c_huge_number c_inf_paramval c_direction_many; do
	run "$f" "$W/$f.db" -o "$W/r-$f"
done
run bignum "$D/bignum_a.json" "$D/bignum_b.json" -o "$W/r-bignum"
# a figure that cannot be drawn (a PNG past 30000 pixels: parallel
# coordinates of all 500 params): left out, the rest written, exit 0 (a
# given --width or --height that large is refused at once, exit 1, so
# the figure's own size has to grow past the limit)
run toolarge "$W/params_500.json" -o "$W/r-toolarge" --max-params all \
    --plots parallel_coordinate,convergence
for f in vmax-hang tiny tinyp p_span600 mo_12 mo_8 num5e7_a p1_40000 params_500 \
    steps_100000 choices_100000 c_value_tiny c_huge_number c_inf_paramval \
    c_direction_many bignum toolarge; do
	ok "$f"
done

# values near 1.8e308 (never ended) and ~1e-320 ("invalid matrix"): drawn
has_fig vmax-hang convergence
has_fig tiny convergence
has_fig tinyp objective
has_fig c_value_tiny convergence
has_fig c_huge_number timeline

# a 600-decade param span and a +-inf param value: the contour is drawn
# (was "Laplace system is singular", exit 2), the inf value is absent and
# noted; which param holds it is read from the database
has_fig p_span600 contour
has_fig c_inf_paramval contour
p=$(python3 -c "
import sqlite3, sys, math
c = sqlite3.connect(sys.argv[1])
print(*[n for n, v in c.execute('SELECT param_name, param_value FROM trial_params') if math.isinf(v)])" "$W/c_inf_paramval.db")
"$HPREPORT" info "$W/c_inf_paramval.db" >"$W/inf.info" 2>&1
grep_file "c_inf_paramval: the +-inf value of $p is noted" "param \"$p\": 1 value of \\+-inf .*taken as absent" "$W/inf.info"

# hypervolume in 8 and 12 objectives: estimated, said so, never going down
for f in mo_12 mo_8; do
	has_fig "$f" hypervolume
	d=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['trials'][0]['values']))" "$D/$f.json")
	note "$f" hypervolume "Monte Carlo: 100000 points .*fixed seed.* in $d objectives"
	if awk -F, 'NR > 2 && $2 + 0 < prev { bad = 1 } NR > 1 { prev = $2 + 0 } END { exit bad }' \
	    "$W/r-$f/data/hypervolume.csv"; then
		pass "$f: the estimated history never goes down"
	else
		fail "$f: the estimated history never goes down" "see data/hypervolume.csv"
	fi
done

# trial 2147483647: the comparison is linear in the trials; its summary
# names the best trial of study a as the file does
has_fig bignum compare_convergence
want=$(python3 -c "
import json, sys
t = json.load(open(sys.argv[1]))['trials']
print(min(t, key=lambda x: x['value'])['number'])" "$D/bignum_a.json")
grep_file "bignum: the best trial of a is $want" "^a,minimize,3,3,0,0,[^,]*,$want," "$W/r-bignum/data/compare_convergence.csv"

# 10^5 intermediate values: drawn thinned, every point in the data
has_fig steps_100000 intermediate_values
note steps_100000 intermediate_values "1 curve of more than 4000 points drawn thinned"
n=$(python3 -c "
import json, sys
print(sum(len(t['intermediate_values']) for t in json.load(open(sys.argv[1]))['trials']))" "$W/steps_100000.json")
rows=$(($(wc -l <"$W/r-steps_100000/data/intermediate_values.csv") - 1))
[ "$rows" -eq "$n" ] && pass "steps_100000: the data keep all $n points" ||
	fail "steps_100000: the data keep all $n points" "$rows rows"

# 500 and 40000 params: importances and slice capped, the notes say how
# many were left out of the picture; the CSV keeps every param
for f in params_500 p1_40000; do
	np=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['trials'][0]['params']))" "$W/$f.json")
	has_fig "$f" slice
	note "$f" slice "The 64 most important of $np params"
	[ "$f" = p1_40000 ] && continue	# one trial ranks nothing: below
	has_fig "$f" importances
	# the default 576-point-wide figure is no taller than wide: 16 bars
	# of 30 points under 90 points of title and axis
	note "$f" importances "The 16 most important of $np params shown; the other $((np - 16)) are left out"
	rows=$(($(wc -l <"$W/r-$f/data/importances.csv") - 1))
	[ "$rows" -eq "$np" ] && pass "$f: importances.csv has all $np params" ||
		fail "$f: importances.csv has all $np params" "$rows rows"
done
# one trial: no importances (bars of "<0.01" for 40000 params), and the
# page says why
grep_file "p1_40000: importances not made, and why" \
    'Not made: importances .it needs 2 COMPLETE trials with a finite value, 1 found' \
    "$W/r-p1_40000/index.html"

# hundreds of directions: per-objective figures for the first 8, the rest
# said on the page and on stderr
nd=$(python3 -c "
import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute('SELECT count(*) FROM study_directions').fetchone()[0])" "$W/c_direction_many.db")
grep_file "c_direction_many: the page says the figures of $nd objectives were cut" \
    "left-out.*made for the first 8 of $nd objectives" "$W/r-c_direction_many/index.html"
grep_file "c_direction_many: stderr says so" "importances_8-$((nd - 1)): left out" "$W/c_direction_many.err"

# 10^5 declared choices: costs follow the used ones
s=$(wc -c <"$W/r-choices_100000/figures/parallel_coordinate.svg")
[ "$s" -lt 2000000 ] && pass "choices_100000: parallel_coordinate.svg is $s bytes" ||
	fail "choices_100000: parallel_coordinate.svg is small" "$s bytes"
s=$(wc -c <"$W/r-choices_100000/index.html")
[ "$s" -lt 1000000 ] && pass "choices_100000: index.html is $s bytes" ||
	fail "choices_100000: index.html is small" "$s bytes"
grep_file "choices_100000: the page says how many choices it does not list" \
    "and 99900 more \\(all in data/study.json\\)" "$W/r-choices_100000/index.html"

# the general rule: the figures too big to draw are left out with a note on
# the page and a line on stderr; the rest of the report is there
grep_file "toolarge: the page says why parallel_coordinate was left out" \
    'id="fig-parallel_coordinate".*|Left out: this figure could not be drawn \(parallel_coordinate.png: image size [0-9]+x[0-9]+ out of range\)' \
    "$W/r-toolarge/index.html"
grep_file "toolarge: stderr names the figure" "manyp: parallel_coordinate: left out: parallel_coordinate.png: image size" "$W/toolarge.err"
[ ! -e "$W/r-toolarge/figures/parallel_coordinate.svg" ] && [ -s "$W/r-toolarge/figures/convergence.png" ] &&
    [ -s "$W/r-toolarge/data/trials.csv" ] &&
	pass "toolarge: no file of the left-out figure, the data written" ||
	fail "toolarge: no file of the left-out figure, the data written" "$(ls "$W/r-toolarge/figures" | tr '\n' ' ')"
