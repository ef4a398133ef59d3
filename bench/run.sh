#!/bin/sh
# Throughput and peak memory of `dictum extract` and `dictum ingest` on one
# core, over synthetic corpora of 50 and 200 MB built from the samples (peak
# memory must not grow with corpus size).  Writes nothing outside bench/out.
# usage: bench/run.sh
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

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "date:    $(date -u +%Y-%m-%d)"
echo "dictum:  $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo
printf "%-8s %-8s %9s %9s %9s %11s\n" corpus command MB seconds MB/s "peak RSS MB"
for mb in 50 200; do
	dir="$out/corpus-$mb"
	bytes=$(du -sb "$dir" | cut -f1)
	# extract: one core, output discarded
	t=$( { /usr/bin/time -f "%e %M" taskset -c 0 "$bin" extract --quiet "$dir" >/dev/null; } 2>&1 | tail -1)
	set -- $t
	awk -v b="$bytes" -v s="$1" -v m="$2" -v c="$mb MB" 'BEGIN { printf "%-8s %-8s %9.1f %9.2f %9.1f %11.1f\n", c, "extract", b / 1e6, s, b / 1e6 / s, m / 1024 }'
	rm -f "$out/bench.db" "$out/bench.db-wal" "$out/bench.db-shm"
	t=$( { /usr/bin/time -f "%e %M" taskset -c 0 "$bin" ingest --quiet --db "$out/bench.db" "$dir"; } 2>&1 | tail -1)
	set -- $t
	awk -v b="$bytes" -v s="$1" -v m="$2" -v c="$mb MB" 'BEGIN { printf "%-8s %-8s %9.1f %9.2f %9.1f %11.1f\n", c, "ingest", b / 1e6, s, b / 1e6 / s, m / 1024 }'
done
