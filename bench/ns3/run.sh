#!/bin/sh
# run.sh: the lifecycle workload in ns-3 and in tcpsim sweep, side by side.
#
# Builds bench/ns3/lifecycles.cc against Debian's libns3-dev and tcpsim
# into a temporary directory, then for each MSL setting runs both on the
# same N and loss p, alternating ns-3 and tcpsim for ROUNDS rounds so that
# both see the same load, and prints lifecycles per CPU-second (user+sys,
# which other jobs on the machine do not inflate), per wall-clock second,
# peak RSS, and the ratios of the medians. tcpsim runs with one worker:
# the figures are per core. It runs twice: as users run it (a seed whose
# random draws repeat a run already made is answered from that run,
# sim/share.go) and as "engine" with --no-share (every seed simulated).
#
# At the same N, tcpsim's time is mostly its start-up (~0.15 s of CPU;
# 2,000 lifecycles take ~10 ms), so the script also gives the steady
# state: each simulator also runs N=1, whose time is subtracted, and
# tcpsim runs SHARED_SCALE x N lifecycles (engine SCALE x N) so that its
# share is measurable. Its peak RSS at 1, N and that many runs shows
# whether memory grows with runs.
#
# Usage: bench/ns3/run.sh [N] [P] [ROUNDS]   (defaults 2000 0.05 3)
# Needs: apt-get install libns3-dev g++ pkg-config time; Go.
set -eu
N=${1:-2000}
P=${2:-0.05}
ROUNDS=${3:-3}
SCALE=${SCALE:-50}          # tcpsim --no-share's steady-state run is SCALE x N lifecycles
SHARED_SCALE=${SHARED_SCALE:-500} # tcpsim's (shared runs) is SHARED_SCALE x N
MSLS=${MSLS:-"120 1"}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Debian's ns3 .pc files carry a stray "-I/usr;" and name libgsl.so, which
# only libgsl-dev installs (the ns-3 libraries link it themselves): drop both.
flags=""
for t in $(pkg-config --cflags --libs ns3-core ns3-network ns3-internet ns3-point-to-point); do
	case "$t" in
	*\;) continue ;;
	/*) [ -e "$t" ] || continue ;;
	esac
	flags="$flags $t"
done
echo "building ns-3 $(pkg-config --modversion ns3-core) program and tcpsim in $tmp" >&2
# shellcheck disable=SC2086
g++ -O2 -std=c++17 -o "$tmp/lifecycles" "$here/lifecycles.cc" $flags
(cd "$root" && go build -o "$tmp/tcpsim" ./cmd/tcpsim)

# measure LABEL CMD...: run CMD under /usr/bin/time, append
# "LABEL cpu_s wall_s maxrss_kB" to $tmp/results, keep stdout in $tmp/out.
measure() {
	label=$1
	shift
	/usr/bin/time -f '%U %S %e %M' -o "$tmp/time" "$@" >"$tmp/out"
	read -r u s e m <"$tmp/time"
	echo "$label $(echo "$u + $s" | bc) $e $m" >>"$tmp/results"
}

# median of column COL (2 cpu, 3 wall, 4 rss) for LABEL
median() {
	awk -v l="$1" -v c="$2" '$1 == l { print $c }' "$tmp/results" | sort -g |
		awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

: >"$tmp/results"
for msl in $MSLS; do
	sed "s/^msl: .*/msl: ${msl}s/" "$here/lifecycle.yaml" >"$tmp/lifecycle-$msl.yaml"
	r=1
	while [ "$r" -le "$ROUNDS" ]; do
		for n in "$N" 1; do
			measure "ns3-$msl-$n" "$tmp/lifecycles" --n="$n" --loss="$P" --msl="$msl" --seed="$r" ||
				echo "ns-3 run failed (round $r, msl $msl, n $n)" >&2
			[ "$n" = 1 ] || echo "  ns-3   msl ${msl}s round $r: $(cat "$tmp/out")" >&2
		done
		for n in "$N" $((N * SHARED_SCALE)) 1; do
			measure "tcpsim-$msl-$n" "$tmp/tcpsim" sweep "$tmp/lifecycle-$msl.yaml" \
				--runs "$n" --loss "$P" --seed "$r" --workers 1 --format csv
		done
		echo "  tcpsim msl ${msl}s round $r: $(sed -n 2p "$tmp/out")" >&2
		# the engine alone: every seed simulated (sim/share.go)
		for n in "$N" $((N * SCALE)) 1; do
			measure "engine-$msl-$n" "$tmp/tcpsim" sweep "$tmp/lifecycle-$msl.yaml" \
				--runs "$n" --loss "$P" --seed "$r" --workers 1 --format csv --no-share
		done
		r=$((r + 1))
	done
done

# rate LABEL N COL: N lifecycles over the median of column COL
rate() { echo "$2 / $(median "$1" "$3")" | bc -l; }
# steady LABEL N: lifecycles per CPU-second once start-up (the N=1 run) is paid
steady() { echo "($2 - 1) / ($(median "$1-$2" 2) - $(median "$1-1" 2))" | bc -l; }

echo "lifecycles: N=$N, loss p=$P both directions, 10 ms one way; medians of $ROUNDS interleaved rounds"
echo "whole process, same N (start-up included):"
printf '  %-6s %-7s %12s %12s %10s\n' MSL sim "per CPU-s" "per wall-s" "peak RSS"
for msl in $MSLS; do
	for sim in ns3 tcpsim engine; do
		printf '  %-6s %-7s %12.0f %12.0f %7.1f MB\n' "${msl}s" "$sim" \
			"$(rate "$sim-$msl-$N" "$N" 2)" "$(rate "$sim-$msl-$N" "$N" 3)" \
			"$(echo "$(median "$sim-$msl-$N" 4) / 1024" | bc -l)"
	done
	printf '  %-6s %-7s %11.0fx %11.0fx %9.2fx  (tcpsim / ns-3; memory: ns-3 / tcpsim)\n' "${msl}s" ratio \
		"$(echo "$(median "ns3-$msl-$N" 2) / $(median "tcpsim-$msl-$N" 2)" | bc -l)" \
		"$(echo "$(median "ns3-$msl-$N" 3) / $(median "tcpsim-$msl-$N" 3)" | bc -l)" \
		"$(echo "$(median "ns3-$msl-$N" 4) / $(median "tcpsim-$msl-$N" 4)" | bc -l)"
done
echo "steady state, per CPU-second, start-up (a run of N=1) subtracted;"
echo "tcpsim over $((N * SHARED_SCALE)) runs, engine (--no-share) over $((N * SCALE)):"
for msl in $MSLS; do
	a=$(steady "ns3-$msl" "$N")
	b=$(steady "tcpsim-$msl" $((N * SHARED_SCALE)))
	c=$(steady "engine-$msl" $((N * SCALE)))
	printf '  %-6s ns-3 %8.0f   tcpsim %10.0f (%6.0fx)   engine %9.0f (%5.0fx)\n' "${msl}s" "$a" \
		"$b" "$(echo "$b / $a" | bc -l)" "$c" "$(echo "$c / $a" | bc -l)"
done
echo "tcpsim peak RSS against runs (memory must not grow with them):"
for msl in $MSLS; do
	for sim in tcpsim engine; do
		big=$((N * SCALE))
		[ "$sim" = tcpsim ] && big=$((N * SHARED_SCALE))
		printf '  %-6s MSL %-5s %8s runs %6.1f MB  %8s runs %6.1f MB  %9s runs %6.1f MB\n' "$sim" "${msl}s" \
			1 "$(echo "$(median "$sim-$msl-1" 4) / 1024" | bc -l)" \
			"$N" "$(echo "$(median "$sim-$msl-$N" 4) / 1024" | bc -l)" \
			"$big" "$(echo "$(median "$sim-$msl-$big" 4) / 1024" | bc -l)"
	done
done
