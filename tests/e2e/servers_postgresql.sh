#!/bin/sh
# Optuna storages on a throwaway PostgreSQL server: every URL form and
# password source, faults, a server that dies mid-read, concurrent writers
# (tests/servers_checks.sh).  "SKIP postgresql: why" when it cannot start.
. "$HP_ROOT/tests/servers_checks.sh"

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

fault unreachable-host 'cannot connect' "postgresql://hp:$PW@10.255.255.1:5432/optuna"
