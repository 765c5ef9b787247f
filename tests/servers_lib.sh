# Throwaway database servers for tests/e2e/servers_*.sh and tests/bench.sh, in
# the directory $D (which the caller sets): start_pg, start_my and start_redis
# each start one on a free loopback port (and a Unix socket in $D), create the
# user hp with password $PW and the databases optuna and empty, and set
# PG_URL, MY_URL or RD_URL; or print "SKIP name: why" and return 1.  The
# servers are stopped when the calling script exits.
PY=/usr/bin/python3
PW='pw-S3cr3t-9x'		# the password the leak checks look for
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
		# every directory above the cluster must be searchable for it
		d=$D
		while [ "$d" != / ] && [ -n "$d" ]; do chmod o+x "$d"; d=$(dirname "$d"); done
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

