#!/bin/sh
# Times the surrogate figures (importances, objective dependence: building
# the figure, model fitting included, not rendering) on synthetic studies
# of 2,000 x 8 and 100,000 x 8 (sub-sampled to the caps in
# include/hpreport/analysis.h), and the GP surrogate on small ones.
# Targets (issue 4): 2,000 x 8 importances < 0.3 s, objective < 1 s;
# 100,000 x 8 both < 10 s.  Run by `make bench` (tests/bench.sh).
# Usage: tests/bench_surrogate.sh [BUILD]
BUILD=${1:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 1
make -s BUILD="$BUILD" all || exit 1
OBJS=$(find "$BUILD/src" -name '*.o' ! -path "$BUILD/src/main.o" | sort)
${CC:-cc} -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude \
    $(pkg-config --cflags libcjson 2>/dev/null) -o "$BUILD/bench_surrogate" \
    tests/bench_surrogate.c $OBJS \
    $(pkg-config --libs cairo pangocairo sqlite3 libcjson libpng libdeflate libpq libmariadb hiredis 2>/dev/null) \
    -lcsv -llapacke -lopenblas -lm -pthread || exit 1
echo "surrogate figures, $(nproc) CPUs, HP_THREADS=${HP_THREADS:-auto}, load $(cut -d' ' -f1 /proc/loadavg)"
"$BUILD/bench_surrogate" 2000 8
"$BUILD/bench_surrogate" 100000 8
"$BUILD/bench_surrogate" 100 8
"$BUILD/bench_surrogate" 300 8 GP
