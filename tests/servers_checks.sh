# The checks the tests/e2e/servers_*.sh scripts run against one throwaway
# database server each (tests/servers_lib.sh starts it in $HP_TMP/servers):
# Debian's Optuna writes the studies; every URL form must give the same
# data/*.csv and study.json as the same studies copied into SQLite.  Also: a
# password never shows in any output, faults end with one line and exit 2
# without hanging, and reads are consistent snapshots while several Optuna
# workers write.  One script per server, so tests/run.sh runs them at once.
. "$HP_ROOT/tests/e2e/lib.sh"
STUDY="$HP_ROOT/tests/data/server_study.py"
D="$HP_TMP/servers"
. "$HP_ROOT/tests/servers_lib.sh"

PLOTS="convergence,timeline,intermediate_values,pareto_front"
R="$D/reports"
mkdir -p "$R"

# report NAME INPUT [OPTIONS]: a report of INPUT in $R/NAME (stderr in .err)
report() {
	n=$1; i=$2; shift 2
	env $ENVS "$HPREPORT" "$i" -o "$R/$n" -q --force --plots "$PLOTS" --format svg "$@" \
		>"$R/$n.out" 2>"$R/$n.err"
}

# same_report NAME DIR REF: the studies' data/*.csv and study.json in report
# DIR are those of report REF
same_report() {
	if ! [ -f "$R/$2/index.html" ]; then
		fail "$1" "no report: $(head -c 300 "$R/$2.err")"
	elif diff -r "$R/$3/mixed/data" "$R/$2/mixed/data" >"$D/diff" 2>&1 &&
	    diff -r "$R/$3/multi/data" "$R/$2/multi/data" >>"$D/diff" 2>&1; then
		pass "$1"
	else
		fail "$1" "$(head -12 "$D/diff" | tr '\n' '|')"
	fi
}

# no_leak NAME DIR-OR-FILE...: the password is nowhere in them
no_leak() {
	n=$1; shift
	if grep -rlaF -- "$PW" "$@" >"$D/leak" 2>/dev/null; then
		fail "$n" "password in $(head -3 "$D/leak" | tr '\n' ' ')"
	else
		pass "$n"
	fi
}

# fault NAME EXPECT-ERE INPUT [OPTIONS]: exit 2, one line naming the input
# without its password and matching EXPECT, within the timeout
fault() {
	n=$1; want=$2; i=$3; shift 3
	t0=$(date +%s)
	env $ENVS "$HPREPORT" info --connect-timeout 3 "$i" "$@" >"$D/out" 2>"$D/err"
	rc=$?
	t=$(( $(date +%s) - t0 ))
	lines=$(wc -l <"$D/err")
	if [ "$rc" -ne 2 ]; then
		fail "$n" "exit $rc, wanted 2: $(head -c 300 "$D/err")"
	elif [ "$lines" -ne 1 ] || ! grep -Eq -- "$want" "$D/err"; then
		fail "$n" "message: $(head -c 300 "$D/err" | tr '\n' '|')"
	elif grep -qF -- "$PW" "$D/err"; then
		fail "$n" "the password is in the message"
	elif [ "$t" -gt 8 ]; then
		fail "$n" "took ${t}s with --connect-timeout 3"
	else
		pass "$n"
	fi
}

# cut NAME PORT URL-WITH-@HOST:PORT: the server "dies" (the proxy drops the
# connection) two thirds into the bytes of a full read
cut() {
	n=$1; port=$2; url=$3; shift 3
	pp=$(free_port)
	purl=$(printf '%s' "$url" | sed "s/127.0.0.1:$port/127.0.0.1:$pp/")
	$PY "$HP_ROOT/tests/data/cut_proxy.py" "$pp" "$port" 0 "$D/count" &
	px=$!
	sleep 0.3
	rm -f "$D/count"
	env $ENVS "$HPREPORT" info "$purl" "$@" >/dev/null 2>&1
	k=0
	until [ -s "$D/count" ] || [ $k -gt 20 ]; do sleep 0.1; k=$((k + 1)); done
	kill $px 2>/dev/null; wait $px 2>/dev/null
	total=$(cat "$D/count" 2>/dev/null || echo 0)
	$PY "$HP_ROOT/tests/data/cut_proxy.py" "$pp" "$port" $((total * 2 / 3)) "$D/count" &
	px=$!
	sleep 0.3
	fault "$n" "127\.0\.0\.1:$pp" "$purl" "$@"
	kill $px 2>/dev/null; wait $px 2>/dev/null
}

# concurrency NAME STORAGE URL: 3 Optuna workers add trials while hpreport
# reads 20 times; each read succeeds, the trial count never goes down, and
# every COMPLETE trial is whole (both params), so each read is one snapshot;
# the count grows between the first and the last read: no read held the
# writers up.  The workers stop when the reads are done (at most 20 s).
concurrency() {
	n=$1; spec=$2; url=$3
	$PY "$STUDY" worker "$spec" conc 0 || { fail "$n" "cannot create the study"; return; }
	rm -f "$D/stop"
	wp=""
	for w in 1 2 3; do
		$PY "$STUDY" worker "$spec" conc 20 "$D/stop" >"$D/worker$w.log" 2>&1 &
		wp="$wp $!"
	done
	# the reads begin once the workers write
	k=0
	until [ $k -ge 50 ] || { "$HPREPORT" info "$url" --study conc 2>/dev/null |
	    grep -q '^study "conc": [1-9]'; }; do
		k=$((k + 1))
		sleep 0.1
	done
	prev=0 bad="" first=""

	for k in $(seq 20); do
		if ! "$HPREPORT" info "$url" --study conc >"$D/info" 2>"$D/err"; then
			bad="read $k: $(head -c 200 "$D/err")"
			break
		fi
		nt=$(sed -n 's/^study "conc": \([0-9]*\) trials\{0,1\}.*/\1/p' "$D/info")
		nc=$(sed -n 's/^study "conc":.* \([0-9]*\) COMPLETE.*/\1/p' "$D/info")
		nx=$(sed -n 's/^  param x: .*, in \([0-9]*\) of .*/\1/p' "$D/info")
		ny=$(sed -n 's/^  param y: .*, in \([0-9]*\) of .*/\1/p' "$D/info")
		[ -z "$nx" ] && nx=$nt
		[ -z "$ny" ] && ny=$nt
		nc=${nc:-0}
		if [ -z "$nt" ] || [ "$nt" -lt "$prev" ] || [ "$nx" -lt "$nc" ] || [ "$ny" -lt "$nc" ]; then
			bad="read $k: $(tr '\n' '|' <"$D/info")"
			break
		fi
		prev=$nt
		first=${first:-$nt}
		sleep 0.1
	done
	touch "$D/stop"
	for p in $wp; do wait "$p"; done
	if [ -n "$bad" ]; then
		fail "$n" "$bad"
	elif grep -q Traceback "$D"/worker*.log; then
		fail "$n" "a worker failed: $(grep -h Error "$D"/worker*.log | head -2)"
	elif [ "$prev" -le "${first:-0}" ]; then
		fail "$n" "the workers made no progress while hpreport read ($first, then $prev trials)"
	else
		pass "$n"
	fi
}

ENVS="PGPASSFILE=/nonexistent HOME=$D/home"
mkdir -p "$D/home"

ENVS="PGPASSFILE=/nonexistent HOME=$D/home"
mkdir -p "$D/home"
