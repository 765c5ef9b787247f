#!/bin/sh
# `make bench`: runs every benchmark script, one per line below.
# Usage: tests/bench.sh [BUILD]
BUILD=${1:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 1
rc=0
sh tests/bench_surrogate.sh "$BUILD" || rc=1
exit $rc
