#!/bin/sh
# Builds and runs the NNI and MLflow libFuzzer targets (tests/fuzz/fuzz_nni.c,
# fuzz_mlflow.c) with clang -fsanitize=fuzzer,address,undefined, seeded from
# tests/data/nni, tests/data/mlflow and ../shared/fixtures/mlflow-real.  Their
# first input byte picks the sub-format, so the seeds are made here.
# Usage: tests/fuzz/mlnni.sh [nni|mlflow...]  (FUZZ_SECONDS, default 60)
set -e
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
SECONDS_EACH=${FUZZ_SECONDS:-60}
SHARED=${HP_SHARED:-$ROOT/../shared}
OUT=build-fuzz
CFLAGS="-g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
-D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude -Itests/fuzz
$(pkg-config --cflags libcjson sqlite3)"
LIBS="$(pkg-config --libs libcjson sqlite3) -lm"
# all loaders: load.c's table refers to every one of them
COMMON="src/util/util.c src/study.c $(ls src/load/*.c)"
grep -lq '<csv.h>' src/load/*.c && LIBS="$LIBS -lcsv"

seed() {	# seed DIR NAME BYTE FILE...
	d=$1 n=$2 b=$3
	shift 3
	{ printf "\\$b"; for f in "$@"; do cat "$f"; done; } > "$d/$n"
}

seeds_nni() {
	c=$1
	seed "$c" json 000 tests/data/nni/export.json
	seed "$c" csv 001 tests/data/nni/export.csv
	seed "$c" csvdict 001 tests/data/nni/export-dict.csv
	seed "$c" sql 002 tests/data/nni/nni.sql
}

seeds_mlflow() {
	c=$1 r=tests/data/mlflow/mlruns/5/bbbb2222
	seed "$c" sql 000 tests/data/mlflow/mlflow.sql
	sqlite3 "$SHARED/fixtures/mlflow-real/mlflow.db" .dump | grep -v "validation-rmse" \
	    > "$OUT/real.sql"
	seed "$c" real 000 "$OUT/real.sql"
	nul=$OUT/nul
	printf '\000' > "$nul"
	seed "$c" store 001 tests/data/mlflow/mlruns/5/meta.yaml "$nul" \
	    "$r/meta.yaml" "$nul" "$r/metrics/val_auc" "$nul" "$r/params/eta" "$nul" \
	    "$r/tags/mlflow.parentRunId"
}

mkdir -p "$OUT"
for T in ${*:-nni mlflow}; do
	echo "== fuzz_$T: build" >&2
	# shellcheck disable=SC2086
	clang $CFLAGS -o "$OUT/fuzz_$T" tests/fuzz/fuzz_$T.c $COMMON $LIBS
	mkdir -p "$OUT/$T/corpus"
	"seeds_$T" "$OUT/$T/corpus"
	echo "== fuzz_$T: run ${SECONDS_EACH}s" >&2
	(cd "$OUT/$T" && ASAN_OPTIONS=detect_leaks=1 "../fuzz_$T" \
	    -max_total_time="$SECONDS_EACH" -max_len=65536 -timeout=10 \
	    -rss_limit_mb=2048 -print_final_stats=1 corpus 2>&1 | tail -15)
done
