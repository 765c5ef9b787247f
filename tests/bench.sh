#!/bin/sh
# `make bench`: times hpreport on large studies against the budgets of
# issue 26 (never asserted: the machine is shared; run it idle).  Studies
# are written once into BUILD/bench/ by tests/bench_make_study.py.
#
# 1. The issue's table: the whole report (every figure as PNG+SVG+PDF, data
#    and page) of 2,000 x 8 (median of 5 runs), 100,000 x 16 and 10^6 x 8
#    (one run each): wall seconds, user+sys CPU seconds, peak RSS and the
#    report's size; and the four PNG figures Optuna's matplotlib plots draw
#    (history, slice, contour, parallel coordinates) of 2,000 x 8, beside
#    Optuna 3.1 drawing the same four (../shared/tools/optuna_baseline.py,
#    whole process; measured once and kept in BUILD/bench/optuna-4png.time,
#    as it takes about 20 s; skipped without Optuna).
#      targets: 2,000 x 8 < 0.45 s wall, < 0.8 s CPU, < 8 MB;
#               four PNGs >= 80x faster than Optuna;
#               100,000 x 16 < 3 s wall, < 40 MB;
#               10^6 x 8 < 20 s, < 1 GiB, < 250 MB.
# 2. Scaling: each figure alone (PNG+SVG+PDF, with the data and page every
#    run writes) at 10^3 ... 10^6 trials x 8 params, CPU seconds, and the
#    load alone (`hpreport info`): cost must grow at most as n log n.
# 3. The many-choice categorical cases of issue 12, the PostgreSQL study
#    (tests/bench_pg.sh) and the surrogate models (tests/bench_surrogate.sh).
# BENCH_MAX=N skips studies of more than N trials (default: all);
# BENCH_OPTUNA=0 skips Optuna, BENCH_EXTRA=0 part 3.
# Usage: tests/bench.sh BUILD
set -eu
BUILD=${1:-build}
B="$BUILD/bench"
HP="$BUILD/hpreport"
MAX=${BENCH_MAX:-1000000}
SHARED=${HP_SHARED:-../shared}
mkdir -p "$B"
export LC_ALL=C

# study NAME N P [CHOICES]: path of the bench study, written if missing
study() {
	db="$B/$1.db"
	[ -f "$db" ] || /usr/bin/env python3 tests/bench_make_study.py "$db" "$2" "$3" 0 ${4:-} >/dev/null
	echo "$db"
}

# median FILE: the median of the numbers in FILE, one a line
median() {
	sort -n "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# measure RUNS OUTDIR COMMAND...: sets wall, cpu (medians of RUNS runs),
# rss (MiB, the largest) and size (MB of OUTDIR, 0 when none)
measure() {
	runs=$1 out=$2; shift 2
	: >"$B/walls"
	: >"$B/cpus"
	rss=0 i=0
	while [ "$i" -lt "$runs" ]; do
		rm -rf "$out"
		/usr/bin/time -f '%e %U %S %M' -o "$B/time" "$@" >/dev/null 2>&1 ||
			echo "  (exit $?: $*)"
		read -r e u s m <"$B/time"
		echo "$e" >>"$B/walls"
		echo "$u + $s" | bc -l >>"$B/cpus"
		[ $((m / 1024)) -gt "$rss" ] && rss=$((m / 1024))
		i=$((i + 1))
	done
	wall=$(median "$B/walls")
	cpu=$(median "$B/cpus")
	size=0
	[ -d "$out" ] && size=$(echo "$(du -sk "$out" | cut -f1) / 1024" | bc -l)
	return 0
}

# row RUNS LABEL OUTDIR HPREPORT-ARGS...: one row of a table
row() {
	runs=$1 label=$2 out=$3; shift 3
	measure "$runs" "$out" "$HP" -q "$@" -o "$out"
	printf '| %-36s | %7.2f | %7.2f | %7s | %7.1f |\n' "$label" "$wall" "$cpu" "$rss" "$size"
}

echo "hpreport $($HP --version 2>/dev/null | head -1), $(nproc) CPUs, HP_THREADS=${HP_THREADS:-auto}, load $(cut -d' ' -f1 /proc/loadavg)"
echo
echo "| case (issue 26)                      |  wall s |   cpu s | RSS MiB | size MB |"
echo "|--------------------------------------|---------|---------|---------|---------|"
db2k=$(study large-2000x8 2000 8)
row 5 "2,000 x 8, whole report" "$B/out-2000x8" "$db2k"
four=convergence,slice,contour,parallel_coordinate
row 5 "2,000 x 8, four PNG figures" "$B/out-4png" --plots "$four" --format png "$db2k"
hp4=$wall
if [ "${BENCH_OPTUNA:-1}" != 0 ] && [ -f "$SHARED/tools/optuna_baseline.py" ] &&
    /usr/bin/python3 -c 'import optuna, matplotlib' 2>/dev/null; then
	if [ ! -s "$B/optuna-4png.time" ]; then
		measure 1 "$B/out-optuna" /usr/bin/python3 "$SHARED/tools/optuna_baseline.py" \
		    "$db2k" "$B/out-optuna" history slice contour parallel
		echo "$wall $cpu $rss" >"$B/optuna-4png.time"
	fi
	read -r owall ocpu orss <"$B/optuna-4png.time"
	printf '| %-36s | %7.2f | %7.2f | %7s |         |\n' "  Optuna 3.1, the same four (once)" \
	    "$owall" "$ocpu" "$orss"
	printf '| %-36s | %6.0fx |         |         |         |\n' "  hpreport faster by" \
	    "$(echo "$owall / $hp4" | bc -l)"
else
	echo "  (Optuna 3.1 not measured: needs /usr/bin/python3 with optuna and $SHARED/tools)"
fi
[ 100000 -le "$MAX" ] && row 1 "100,000 x 16, whole report" "$B/out-100000x16" \
    "$(study large-100000x16 100000 16)"
[ 1000000 -le "$MAX" ] && row 1 "10^6 x 8, whole report" "$B/out-1000000x8" \
    "$(study large-1000000x8 1000000 8)"

echo
echo "CPU seconds per figure alone (PNG+SVG+PDF, with the data and page), trials x 8 params:"
sizes=""
for n in 1000 10000 100000 1000000; do
	[ "$n" -le "$MAX" ] && sizes="$sizes $n"
done
printf '| %-20s |' figure
for n in $sizes; do printf ' %9s |' "$n"; done
echo
printf '|----------------------|'
for n in $sizes; do printf -- '-----------|'; done
echo
printf '| %-20s |' "load only (info)"
for n in $sizes; do
	measure 1 "$B/none" "$HP" info "$(study "large-${n}x8" "$n" 8)"
	printf ' %9.2f |' "$cpu"
done
echo
for fig in $("$HP" --help | sed -n 's/^ *\([a-z_,]*convergence[a-z_,]*\)$/\1/p' | tr ',' ' '); do
	case $fig in pareto_front|hypervolume|intermediate_values|compare_*) continue ;; esac
	printf '| %-20s |' "$fig"
	for n in $sizes; do
		runs=1
		[ "$n" -le 10000 ] && runs=3
		measure "$runs" "$B/out-fig" "$HP" -q --plots "$fig" "$(study "large-${n}x8" "$n" 8)" -o "$B/out-fig"
		printf ' %9.2f |' "$cpu"
	done
	echo
done

[ "${BENCH_EXTRA:-1}" = 0 ] && exit 0
echo
echo "| case (issue 12)                      |  wall s |   cpu s | RSS MiB | size MB |"
echo "|--------------------------------------|---------|---------|---------|---------|"
db=$(study cat40 400 3 40)
row 3 "400 x 3, 40-choice cat., importances" "$B/out-cat40-imp" --plots importances "$db"
row 3 "400 x 3, 40-choice cat., whole" "$B/out-cat40" "$db"
row 3 "2000 x 8, 1000-choice cat., whole" "$B/out-cat1000" "$(study cat1000 2000 8 1000)"

# A 10^6-trial study on a PostgreSQL server, loaded by URL.
[ 1000000 -le "$MAX" ] && sh tests/bench_pg.sh "$BUILD"

# The surrogate models alone (figure building without rendering).
sh tests/bench_surrogate.sh "$BUILD"
