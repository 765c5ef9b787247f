#!/bin/sh
# `make bench`: times hpreport on large studies against SPEC.md §5's budgets
# (2,000 x 8: every figure and the report under 1 s; 100,000 x 16: under
# 15 s and 1 GiB).  Studies are written once into BUILD/bench/ by
# tests/bench_make_study.py.  Prints wall time per figure and in all, and
# the peak memory of the whole report.  Usage: tests/bench.sh BUILD
set -eu
BUILD=${1:-build}
B="$BUILD/bench"
HP="$BUILD/hpreport"
mkdir -p "$B"
export LC_ALL=C

now() { date +%s.%N; }
# wall seconds of the best of $1 runs of the rest of the command line
best_of() {
	n=$1; shift
	best=""
	i=0
	while [ "$i" -lt "$n" ]; do
		t0=$(now); "$@" >/dev/null 2>&1; t1=$(now)
		t=$(echo "$t1 - $t0" | bc -l)
		if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
		i=$((i + 1))
	done
	printf '%.3f' "$best"
}

for size in 2000x8 100000x16; do
	n=${size%x*}; p=${size#*x}
	db="$B/large-$size.db"
	[ -f "$db" ] || /usr/bin/env python3 tests/bench_make_study.py "$db" "$n" "$p" >/dev/null
	runs=3; [ "$n" -gt 10000 ] && runs=1
	echo "== $n trials x $p params ($(nproc) cores)"
	printf '  %-22s %s\n' "load (info)" "$(best_of $runs "$HP" info "$db")s"
	for fig in $("$HP" --help | sed -n 's/^ *\([a-z_,]*convergence[a-z_,]*\)$/\1/p' | tr ',' ' '); do
		printf '  %-22s %s\n' "$fig" "$(best_of $runs "$HP" -q --format png --plots "$fig" "$db" -o "$B/out-$size-$fig")s"
	done
	printf '  %-22s %s\n' "whole report" "$(best_of $runs "$HP" -q "$db" -o "$B/out-$size")s"
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f '%M' -o "$B/mem" "$HP" -q "$db" -o "$B/out-$size" >/dev/null 2>&1
		printf '  %-22s %s MiB\n' "peak memory" "$(( $(cat "$B/mem") / 1024 ))"
	fi
done

# A 10^6-trial study on a PostgreSQL server, loaded by URL.
sh tests/bench_pg.sh "$BUILD"

# The surrogate models alone (figure building without rendering).
sh tests/bench_surrogate.sh "$BUILD"
