#!/bin/sh
# Optuna storages on real database servers: throwaway PostgreSQL, MariaDB and
# Redis servers in $HP_TMP (loopback high ports and Unix sockets), started and
# stopped by this script.  Debian's Optuna writes the studies; every URL form
# must give the same data/*.csv and study.json as the same studies copied into
# SQLite.  Also: a password never shows in any output, faults end with one
# line and exit 2 without hanging, and reads are consistent snapshots while
# several Optuna workers write.  A server that cannot start is reported as
# "SKIP name: why".
. "$HP_ROOT/tests/e2e/lib.sh"
STUDY="$HP_ROOT/tests/data/server_study.py"
D="$HP_TMP/servers"
. "$HP_ROOT/tests/servers_lib.sh"

# --- checks ----------------------------------------------------------------
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
# writers up
concurrency() {
	n=$1; spec=$2; url=$3
	$PY "$STUDY" worker "$spec" conc 0 || { fail "$n" "cannot create the study"; return; }
	wp=""
	for w in 1 2 3; do
		$PY "$STUDY" worker "$spec" conc 8 >"$D/worker$w.log" 2>&1 &
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

# one server's checks: write, copy to SQLite, compare every URL form
if start_pg; then
	if $PY "$STUDY" write "$PG_URL" "$D/pg-copy.db" >"$D/pgw.log" 2>&1; then
		report pg-ref "$D/pg-copy.db"
		report pg-sqlite-url "sqlite:///$D/pg-copy.db"
		same_report sqlite-url pg-sqlite-url pg-ref
		report pg "$PG_URL"
		same_report postgresql-url pg pg-ref
		report pg-driver "postgresql+psycopg2://hp:$PW@127.0.0.1:$PG_PORT/optuna"
		same_report postgresql-psycopg2-url pg-driver pg-ref
		# the password from PGPASSWORD, over the Unix socket
		ENVS="$ENVS PGPASSWORD=$PW" report pg-env "postgresql://hp@/optuna?host=$D/pgsock&port=$PG_PORT"
		same_report postgresql-pgpassword-socket pg-env pg-ref
		# ... and from a password file
		printf '*:*:*:hp:%s\n' "$PW" >"$D/pgpass"; chmod 600 "$D/pgpass"
		ENVS="HOME=$D/home PGPASSFILE=$D/pgpass" report pg-pgpass "postgresql://hp@127.0.0.1:$PG_PORT/optuna"
		same_report postgresql-pgpass pg-pgpass pg-ref
		report pg-study "$PG_URL" --study multi
		grep_file postgresql-study-option '"name":[[:space:]]*"multi"' "$R/pg-study/data/study.json"
		env $ENVS "$HPREPORT" info "$PG_URL" >"$R/pg-info.out" 2>&1
		grep_file postgresql-info-names-redacted-url "^postgresql://hp:\*\*\*@127.0.0.1:$PG_PORT/optuna: optuna-rdb" "$R/pg-info.out"
		no_leak postgresql-password-hidden "$R/pg" "$R/pg-driver" "$R/pg-info.out" "$R"/pg*.err
		fault postgresql-wrong-password 'password authentication failed' \
			"postgresql://hp:wrong$PW@127.0.0.1:$PG_PORT/optuna"
		fault postgresql-missing-database 'optuna-nope.*does not exist' \
			"postgresql://hp:$PW@127.0.0.1:$PG_PORT/optuna-nope"
		fault postgresql-no-optuna-tables 'not an Optuna database: no table studies' \
			"postgresql://hp:$PW@127.0.0.1:$PG_PORT/empty"
		port=$(free_port)
		fault postgresql-refused "127.0.0.1:$port/optuna: cannot connect: .*refused" \
			"postgresql://hp:$PW@127.0.0.1:$port/optuna"
		cut postgresql-server-dies-mid-read "$PG_PORT" "$PG_URL"
		concurrency postgresql-concurrent-workers "$PG_URL" "$PG_URL"
	else
		fail postgresql-write "Optuna could not write: $(tail -1 "$D/pgw.log")"
	fi
fi

if start_my; then
	if $PY "$STUDY" write "$MY_URL" "$D/my-copy.db" >"$D/myw.log" 2>&1; then
		report my-ref "$D/my-copy.db"
		report my "$MY_URL"
		same_report mysql-pymysql-url my my-ref
		report my-plain "mysql://hp:$PW@127.0.0.1:$MY_PORT/optuna"
		same_report mysql-url my-plain my-ref
		report my-maria "mariadb://hp:$PW@127.0.0.1:$MY_PORT/optuna"
		same_report mariadb-url my-maria my-ref
		ENVS="$ENVS MYSQL_PWD=$PW" report my-env "mysql://hp@/optuna?unix_socket=$D/my.sock"
		same_report mysql-pwd-socket my-env my-ref
		printf '[client]\npassword=%s\n' "$PW" >"$D/home/.my.cnf"
		report my-cnf "mysql://hp@127.0.0.1:$MY_PORT/optuna"
		same_report mysql-option-file my-cnf my-ref
		rm -f "$D/home/.my.cnf"
		env $ENVS "$HPREPORT" info "$MY_URL" >"$R/my-info.out" 2>&1
		grep_file mysql-info-names-redacted-url "^mysql\+pymysql://hp:\*\*\*@127.0.0.1:$MY_PORT/optuna: optuna-rdb" "$R/my-info.out"
		no_leak mysql-password-hidden "$R/my" "$R/my-maria" "$R/my-info.out" "$R"/my*.err
		fault mysql-wrong-password 'Access denied' "mysql://hp:wrong$PW@127.0.0.1:$MY_PORT/optuna"
		fault mysql-missing-database "Access denied|Unknown database" \
			"mysql://hp:$PW@127.0.0.1:$MY_PORT/nope"
		fault mysql-no-optuna-tables 'not an Optuna database: no table studies' \
			"mysql://hp:$PW@127.0.0.1:$MY_PORT/empty"
		fault mysql-refused "Can't connect|refused" "mysql://hp:$PW@127.0.0.1:$(free_port)/optuna"
		cut mysql-server-dies-mid-read "$MY_PORT" "$MY_URL"
		concurrency mysql-concurrent-workers "$MY_URL" "$MY_URL"
	else
		fail mysql-write "Optuna could not write: $(tail -1 "$D/myw.log")"
	fi
fi

if start_redis; then
	if $PY "$STUDY" write "$RD_URL#hp" "$D/rd-copy.db" >"$D/rdw.log" 2>&1; then
		report rd-ref "$D/rd-copy.db"
		report rd "$RD_URL?prefix=hp"
		same_report redis-url-prefix rd rd-ref
		report rd-opt "$RD_URL" --redis-prefix hp
		same_report redis-prefix-option rd-opt rd-ref
		env $ENVS "$HPREPORT" info "$RD_URL?prefix=hp" >"$R/rd-info.out" 2>&1
		grep_file redis-info-names-redacted-url "^redis://:\*\*\*@127.0.0.1:$RD_PORT/0\?prefix=hp: optuna-redis" "$R/rd-info.out"
		no_leak redis-password-hidden "$R/rd" "$R/rd-opt" "$R/rd-info.out" "$R"/rd*.err
		fault redis-wrong-password 'AUTH' "redis://:wrong$PW@127.0.0.1:$RD_PORT/0?prefix=hp"
		fault redis-no-journal 'no key nope:log_number' "$RD_URL?prefix=nope"
		fault redis-refused 'cannot connect' "redis://127.0.0.1:$(free_port)/0"
		cut redis-server-dies-mid-read "$RD_PORT" "$RD_URL?prefix=hp"
		concurrency redis-concurrent-workers "$RD_URL#cc" "$RD_URL?prefix=cc"
	else
		fail redis-write "Optuna could not write: $(tail -1 "$D/rdw.log")"
	fi
fi

fault unreachable-host 'cannot connect' "postgresql://hp:$PW@10.255.255.1:5432/optuna"
fault bad-url-port 'port' "mysql://hp:$PW@127.0.0.1:99999/optuna"
