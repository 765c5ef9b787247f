#!/bin/sh
# Builds the libFuzzer target of each loader (tests/fuzz/fuzz_*.c) with
# clang -fsanitize=fuzzer,address,undefined and runs each for FUZZ_SECONDS
# (default 60) on a corpus seeded from tests/data and ../shared/fixtures.
# Usage: tests/fuzz.sh [target...]   (FUZZ_SECONDS=300 for a longer run)
# Findings (crash-*, leak-*, timeout-*) land in build-fuzz/<target>/.
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
SECONDS_EACH=${FUZZ_SECONDS:-60}
SHARED=${HP_SHARED:-$ROOT/../shared}
if ! command -v clang >/dev/null 2>&1; then
	if [ "$(id -u)" = 0 ]; then
		apt-get install -y --no-install-recommends clang >&2
	else
		echo "fuzz.sh needs clang: apt-get install clang" >&2
		exit 1
	fi
fi
OUT=build-fuzz
mkdir -p "$OUT"
CFLAGS="-g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
-D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude -Isrc/load
$(pkg-config --cflags libcjson)"
LIBS="$(pkg-config --libs libcjson) -lcsv -lm"
COMMON="src/util/util.c src/study.c src/load/loadjson.c"

# target  source  seed files (globs)
targets() {
	cat <<LIST
journal optuna_journal tests/data/*.journal.log tests/data/journal-*.log $SHARED/fixtures/optuna-legacy/journal-4.0.0.dev.log
dataframe_csv optuna_dataframe tests/data/*.csv $SHARED/fixtures/optuna-3.1/trials.csv
dataframe_json optuna_dataframe tests/data/df-*.json $SHARED/fixtures/optuna-3.1/trials.json
hpjson hpjson tests/data/hp-*.json
hpjsonl hpjson tests/data/*.jsonl
skopt skopt tests/data/skopt-*.json
LIST
}

want() {
	[ $# -eq 0 ] && return 0
	for w in "$@"; do [ "$w" = "$T" ] && return 0; done
	return 1
}

targets | while read -r T SRC SEEDS; do
	want "$@" || continue
	echo "== fuzz_$T: build" >&2
	# shellcheck disable=SC2086
	clang $CFLAGS -o "$OUT/fuzz_$T" tests/fuzz/fuzz_$T.c src/load/$SRC.c $COMMON $LIBS
	mkdir -p "$OUT/$T/corpus"
	for s in $SEEDS; do
		[ -f "$s" ] || continue
		# big fixtures: seed with their head too, so mutations stay fast
		head -c 4096 "$s" > "$OUT/$T/corpus/head-$(basename "$s")"
		[ "$(wc -c < "$s")" -le 200000 ] && cp "$s" "$OUT/$T/corpus/"
	done
	echo "== fuzz_$T: run ${SECONDS_EACH}s" >&2
	(cd "$OUT/$T" && ASAN_OPTIONS=detect_leaks=1 "../fuzz_$T" -max_total_time="$SECONDS_EACH" \
	    -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 corpus \
	    2>&1 | tail -15)
done
