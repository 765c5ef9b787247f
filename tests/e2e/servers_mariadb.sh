#!/bin/sh
# Optuna storages on a throwaway MariaDB server: every URL form and
# password source, faults, a server that dies mid-read, concurrent writers
# (tests/servers_checks.sh).  "SKIP mariadb: why" when it cannot start.
. "$HP_ROOT/tests/servers_checks.sh"

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

fault bad-url-port 'port' "mysql://hp:$PW@127.0.0.1:99999/optuna"
