#!/bin/sh
# `make bench`: times hpreport on large studies against the speed budgets
# (on two cores: 2,000 trials x 8 params, every figure and the page, under
# 1 s wall; 100,000 x 16 under 15 s and 1 GiB peak) and those of issue 12
# (never asserted: the machine is shared).  Studies are written once
# into BUILD/bench/ by tests/bench_make_study.py.
#
# Prints a scaling table of the whole report (every figure, PNG+SVG+PDF and
# the page): wall seconds (best of a few runs), user+sys CPU seconds of that
# run (less sensitive to other load), peak RSS and the report's size; then
# the importances figure alone on the many-choice categorical study and the
# wall time per figure at 2,000 x 8.
#   targets: 2,000 x 8 < 1 s, < 10 MB;  100,000 x 16 < 8 s, < 1 GiB;
#            10^6 x 8 < 60 s, < 2 GiB;  400 x 3 with a 40-choice
#            categorical, importances < 0.5 s;  2,000 x 8 with a
#            1,000-choice categorical < 2 s.
# BENCH_MAX=N skips studies of more than N trials (default: all).
# Usage: tests/bench.sh BUILD
set -eu
BUILD=${1:-build}
B="$BUILD/bench"
HP="$BUILD/hpreport"
MAX=${BENCH_MAX:-1000000}
mkdir -p "$B"
export LC_ALL=C

# study NAME N P [CHOICES]: path of the bench study, written if missing
study() {
	db="$B/$1.db"
	[ -f "$db" ] || /usr/bin/env python3 tests/bench_make_study.py "$db" "$2" "$3" 0 ${4:-} >/dev/null
	echo "$db"
}

# run RUNS LABEL OUTDIR HPREPORT-ARGS...: one row of the table, best of RUNS
run() {
	runs=$1 label=$2 out=$3; shift 3
	best="" i=0
	while [ "$i" -lt "$runs" ]; do
		rm -rf "$out"
		/usr/bin/time -f '%e %U %S %M' -o "$B/time" "$HP" -q "$@" -o "$out" >/dev/null 2>&1 ||
			echo "  ($label: exit $?)"
		read -r e u s m <"$B/time"
		if [ -z "$best" ] || [ "$(echo "$e < $best" | bc -l)" = 1 ]; then
			best=$e cpu=$(echo "$u + $s" | bc -l) rss=$((m / 1024))
		fi
		i=$((i + 1))
	done
	size=$(du -sk "$out" | cut -f1)
	printf '| %-34s | %8.2f | %8.2f | %7s | %7.1f |\n' "$label" "$best" "$cpu" "$rss" \
	    "$(echo "$size / 1024" | bc -l)"
}

echo "hpreport $($HP --version 2>/dev/null | head -1), $(nproc) CPUs, HP_THREADS=${HP_THREADS:-auto}, load $(cut -d' ' -f1 /proc/loadavg)"
echo "| case                               |   wall s |    cpu s | RSS MiB | size MB |"
echo "|------------------------------------|----------|----------|---------|---------|"
for size in 1000x8 2000x8 10000x8 100000x8 100000x16 1000000x8; do
	n=${size%x*} p=${size#*x}
	[ "$n" -le "$MAX" ] || continue
	runs=3
	[ "$n" -gt 10000 ] && runs=1
	run "$runs" "$n x $p, whole report" "$B/out-$size" "$(study "large-$size" "$n" "$p")"
done
db=$(study cat40 400 3 40)
run 3 "400 x 3, 40-choice cat., importances" "$B/out-cat40-imp" --plots importances "$db"
run 3 "400 x 3, 40-choice cat., whole" "$B/out-cat40" "$db"
run 3 "2000 x 8, 1000-choice cat., whole" "$B/out-cat1000" "$(study cat1000 2000 8 1000)"

echo "per figure at 2,000 x 8 (PNG+SVG+PDF):"
db=$(study large-2000x8 2000 8)
for fig in $("$HP" --help | sed -n 's/^ *\([a-z_,]*convergence[a-z_,]*\)$/\1/p' | tr ',' ' '); do
	run 3 "  $fig" "$B/out-fig" --plots "$fig" "$db"
done

# A 10^6-trial study on a PostgreSQL server, loaded by URL.
sh tests/bench_pg.sh "$BUILD"

# The surrogate models alone (figure building without rendering).
sh tests/bench_surrogate.sh "$BUILD"
