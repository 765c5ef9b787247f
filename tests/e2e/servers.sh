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
PY=/usr/bin/python3
STUDY="$HP_ROOT/tests/data/server_study.py"
PW='pw-S3cr3t-9x'		# the password the leak checks look for
D="$HP_TMP/servers"
mkdir -p "$D"
pids=""
stop_all() {
	[ -n "$PG_BIN" ] && [ -f "$D/pg/postmaster.pid" ] &&
		$AS_PG "$PG_BIN/pg_ctl" -D "$D/pg" -m immediate stop >/dev/null 2>&1
	for p in $pids; do kill "$p" 2>/dev/null; done
	for p in $pids; do wait "$p" 2>/dev/null; done
}
trap stop_all EXIT INT TERM

skip() { echo "SKIP $1: $2"; }

# A free TCP port on the loopback.
free_port() {
	$PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# --- PostgreSQL ------------------------------------------------------------
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
AS_PG=""
start_pg() {
	[ -x "$PG_BIN/initdb" ] || { skip postgresql "no PostgreSQL server installed"; return 1; }
	mkdir -p "$D/pg" "$D/pgsock"
	if [ "$(id -u)" = 0 ]; then
		# PostgreSQL refuses root: the cluster belongs to the postgres user
		id postgres >/dev/null 2>&1 || { skip postgresql "no postgres user"; return 1; }
		chmod 711 "$HP_TMP" "$D"
		chown postgres "$D/pg" "$D/pgsock"
		AS_PG="runuser -u postgres --"
	fi
	printf '%s\n' "$PW" >"$D/pgpw"
	chmod 644 "$D/pgpw"
	PG_PORT=$(free_port)
	$AS_PG "$PG_BIN/initdb" -D "$D/pg" -U postgres --pwfile="$D/pgpw" -A scram-sha-256 \
		-E UTF8 --locale=C.UTF-8 >"$D/pg.log" 2>&1 &&
	$AS_PG "$PG_BIN/pg_ctl" -D "$D/pg" -w -t 20 -l "$D/pg/server.log" \
		-o "-p $PG_PORT -k $D/pgsock -c listen_addresses=127.0.0.1 -c fsync=off" \
		start >>"$D/pg.log" 2>&1 ||
		{ skip postgresql "the server did not start: $(tail -1 "$D/pg.log")"; return 1; }
	PGPASSWORD=$PW "$PG_BIN/psql" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres \
		-c "CREATE USER hp PASSWORD '$PW'" -c "CREATE DATABASE optuna OWNER hp" \
		-c "CREATE DATABASE empty OWNER hp" >>"$D/pg.log" 2>&1 ||
		{ skip postgresql "cannot create the database"; return 1; }
	PG_URL="postgresql://hp:$PW@127.0.0.1:$PG_PORT/optuna"
}

# --- MariaDB ---------------------------------------------------------------
start_my() {
	command -v mariadbd >/dev/null || { skip mariadb "no MariaDB server installed"; return 1; }
	MY_PORT=$(free_port)
	asroot=""
	[ "$(id -u)" = 0 ] && asroot="--user=root"
	mariadb-install-db --no-defaults --datadir="$D/my" $asroot --skip-test-db \
		--auth-root-authentication-method=socket >"$D/my.log" 2>&1 ||
		{ skip mariadb "mariadb-install-db failed: $(tail -1 "$D/my.log")"; return 1; }
	mariadbd --no-defaults --datadir="$D/my" --socket="$D/my.sock" --port="$MY_PORT" \
		--bind-address=127.0.0.1 $asroot --skip-log-bin --innodb-buffer-pool-size=32M \
		--innodb-flush-log-at-trx-commit=0 --pid-file="$D/my.pid" >>"$D/my.log" 2>&1 &
	MY_PID=$!
	pids="$pids $MY_PID"
	i=0
	until mariadb --no-defaults -S "$D/my.sock" -u root -e 'SELECT 1' >/dev/null 2>&1; do
		i=$((i + 1))
		[ $i -gt 100 ] && { skip mariadb "the server did not start: $(tail -1 "$D/my.log")"; return 1; }
		sleep 0.2
	done
	mariadb --no-defaults -S "$D/my.sock" -u root -e "CREATE DATABASE optuna;
		CREATE DATABASE empty; CREATE USER 'hp'@'%' IDENTIFIED BY '$PW';
		GRANT ALL ON optuna.* TO 'hp'@'%'; GRANT ALL ON empty.* TO 'hp'@'%';" \
		>>"$D/my.log" 2>&1 || { skip mariadb "cannot create the database"; return 1; }
	MY_URL="mysql+pymysql://hp:$PW@127.0.0.1:$MY_PORT/optuna"
}

# --- Redis -----------------------------------------------------------------
start_redis() {
	command -v redis-server >/dev/null || { skip redis "no Redis server installed"; return 1; }
	RD_PORT=$(free_port)
	mkdir -p "$D/redis"
	redis-server --port "$RD_PORT" --bind 127.0.0.1 --dir "$D/redis" --save '' \
		--appendonly no --requirepass "$PW" >"$D/redis.log" 2>&1 &
	RD_PID=$!
	pids="$pids $RD_PID"
	i=0
	until REDISCLI_AUTH=$PW redis-cli -p "$RD_PORT" ping 2>/dev/null | grep -q PONG; do
		i=$((i + 1))
		[ $i -gt 50 ] && { skip redis "the server did not start"; return 1; }
		sleep 0.1
	done
	RD_URL="redis://:$PW@127.0.0.1:$RD_PORT/0"
}

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
	env $ENVS "$HPREPORT" info "$purl" "$@" >/dev/null 2>&1
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
# every COMPLETE trial is whole (both params), so each read is one snapshot
concurrency() {
	n=$1; spec=$2; url=$3
	$PY "$STUDY" worker "$spec" conc 0 || { fail "$n" "cannot create the study"; return; }
	wp=""
	for w in 1 2 3; do
		$PY "$STUDY" worker "$spec" conc 7 >"$D/worker$w.log" 2>&1 &
		wp="$wp $!"
	done
	sleep 1
	prev=0 bad=""
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
		sleep 0.1
	done
	for p in $wp; do wait "$p"; done
	first=$prev
	"$HPREPORT" info "$url" --study conc >"$D/info" 2>&1
	last=$(sed -n 's/^study "conc": \([0-9]*\) trials\{0,1\}.*/\1/p' "$D/info")
	if [ -n "$bad" ]; then
		fail "$n" "$bad"
	elif grep -q Traceback "$D"/worker*.log; then
		fail "$n" "a worker failed: $(grep -h Error "$D"/worker*.log | head -2)"
	elif [ "${last:-0}" -le "$first" ]; then
		fail "$n" "the workers made no progress while hpreport read ($first, then ${last:-?})"
	else
		pass "$n"
	fi
}

ENVS="PGPASSFILE=/nonexistent HOME=$D/home"
mkdir -p "$D/home"

# one server's checks: write, copy to SQLite, compare every URL form
if start_pg; then
	if $PY "$STUDY" write "$PG_URL" >"$D/pgw.log" 2>&1 &&
	    $PY "$STUDY" copy "$PG_URL" "$D/pg-copy.db" >>"$D/pgw.log" 2>&1; then
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
	if $PY "$STUDY" write "$MY_URL" >"$D/myw.log" 2>&1 &&
	    $PY "$STUDY" copy "$MY_URL" "$D/my-copy.db" >>"$D/myw.log" 2>&1; then
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
	if $PY "$STUDY" write "$RD_URL#hp" >"$D/rdw.log" 2>&1 &&
	    $PY "$STUDY" copy "$RD_URL#hp" "$D/rd-copy.db" >>"$D/rdw.log" 2>&1; then
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
