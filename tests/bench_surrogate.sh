#!/bin/sh
# Times the surrogate figures (importances, objective dependence) on
# synthetic 2,000 x 8 and 100,000 x 8 studies.  Not run by `make check`.
# Usage: tests/bench_surrogate.sh [BUILD]
BUILD=${1:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 1
make -s "$BUILD/libhp.a" || exit 1
${CC:-cc} -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude \
    $(pkg-config --cflags cjson 2>/dev/null) -o "$BUILD/bench_surrogate" \
    tests/bench_surrogate.c "$BUILD/libhp.a" \
    $(pkg-config --libs cairo pangocairo sqlite3 libcjson libpng 2>/dev/null) \
    -llapacke -lopenblas -lm -pthread || exit 1
echo "threads: ${HP_THREADS:-$(nproc)}"
"$BUILD/bench_surrogate" 2000 8
"$BUILD/bench_surrogate" 100000 8

"$BUILD/bench_surrogate" 100 8
"$BUILD/bench_surrogate" 300 8 GP
