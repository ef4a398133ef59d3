#!/bin/sh
# Throughput and peak memory of `dictum extract` (pinned to one core) and
# `dictum ingest` (extraction on one thread, SQLite on the other), over
# synthetic corpora of 50 and 200 MB built from the samples (peak
# memory must not grow with corpus size).  Writes nothing outside bench/out.
# Each figure is the best of RUNS runs (default 3): this machine is a VM
# whose speed varies with its host, and the best run is the least disturbed.
# usage: [RUNS=3] bench/run.sh
set -eu
cd "$(dirname "$0")/.."
out=bench/out
mkdir -p "$out"
cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build-release -j "$(nproc)" >/dev/null
bin=build-release/dictum

for mb in 50 200; do
	[ -d "$out/corpus-$mb" ] || bench/make-corpus.sh "$mb" "$out/corpus-$mb" >/dev/null
done

sh bench/about.sh
echo
runs=${RUNS:-3}

# best DIR DB-or-empty: "seconds peak-KB" of the fastest of $runs runs
best() {
	b=""
	i=0
	while [ $i -lt "$runs" ]; do
		if [ -n "$2" ]; then
			rm -f "$2" "$2-wal" "$2-shm"
			t=$( { /usr/bin/time -f "%e %M" "$bin" ingest --quiet --db "$2" "$1"; } 2>&1 | tail -1)
		else
			t=$( { /usr/bin/time -f "%e %M" taskset -c 0 "$bin" extract --quiet "$1" >/dev/null; } 2>&1 | tail -1)
		fi
		b=$(printf '%s\n%s\n' "$b" "$t" | awk 'NF == 2 && (best == "" || $1 < best) { best = $1; m = $2 } END { print best, m }')
		i=$((i + 1))
	done
	echo "$b"
}

printf "%-8s %-8s %9s %9s %9s %11s\n" corpus command MB seconds MB/s "peak RSS MB"
for mb in 50 200; do
	dir="$out/corpus-$mb"
	bytes=$(du -sb "$dir" | cut -f1)
	for cmd in extract ingest; do
		db=""
		[ $cmd = ingest ] && db="$out/bench.db"
		set -- $(best "$dir" "$db")
		awk -v b="$bytes" -v s="$1" -v m="$2" -v c="$mb MB" -v cmd=$cmd \
			'BEGIN { printf "%-8s %-8s %9.1f %9.2f %9.1f %11.1f\n", c, cmd, b / 1e6, s, b / 1e6 / s, m / 1024 }'
	done
done
