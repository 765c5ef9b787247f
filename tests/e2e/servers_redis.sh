#!/bin/sh
# Optuna journal storage on a throwaway Redis server: URL prefix and
# option, faults, a server that dies mid-read, concurrent writers
# (tests/servers_checks.sh).  "SKIP redis: why" when it cannot start.
. "$HP_ROOT/tests/servers_checks.sh"

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
