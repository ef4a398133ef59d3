#!/bin/sh
# Web pages: article extraction speed of `dictum extract` against Mozilla
# Readability.js on jsdom (installed from npm here, for the benchmark only),
# side by side in one run over the same pages (the 88 of the extraction
# benchmark in $DICTUM_SHARED, default ../shared), both pinned to one core;
# and WARC ingest throughput in MB/s of compressed input, over an archive
# of the same pages (one gzip member per record) repeated to about 50 MB.
# Writes nothing outside bench/out.
# usage: [PASSES=5] bench/html.sh
set -eu
cd "$(dirname "$0")/.."
out=bench/out
shared=${DICTUM_SHARED:-../shared}
passes=${PASSES:-5}
mkdir -p "$out/pages"
cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build-release -j "$(nproc)" >/dev/null
bin=build-release/dictum

for f in "$shared"/extraction-bench/html/*.html.gz; do
	b=$(basename "$f" .gz)
	[ -f "$out/pages/$b" ] || gzip -dc "$f" >"$out/pages/$b"
done
n=$(ls "$out/pages" | wc -l)
if [ ! -d "$out/node/node_modules/@mozilla/readability" ]; then
	npm install --silent --prefix "$out/node" jsdom@26 @mozilla/readability@0.6.0 >/dev/null
fi

sh bench/about.sh
echo "node:    $(node --version), jsdom $(node -p "require('./$out/node/node_modules/jsdom/package.json').version"), readability $(node -p "require('./$out/node/node_modules/@mozilla/readability/package.json').version")"
echo

# dictum: the same pages PASSES times (a directory of links to them)
mkdir -p "$out/pages-x"
p=0
while [ $p -lt "$passes" ]; do
	for f in "$out"/pages/*.html; do
		ln -sf "$(pwd)/$f" "$out/pages-x/$p-$(basename "$f")"
	done
	p=$((p + 1))
done
best=""
for run in 1 2 3; do
	t=$( { /usr/bin/time -f "%e" taskset -c 0 "$bin" extract --quiet "$out/pages-x" >/dev/null; } 2>&1 | tail -1)
	best=$(printf '%s\n%s\n' "$best" "$t" | awk 'NF && (b == "" || $1 < b) { b = $1 } END { print b }')
done
dictum_rate=$(awk -v n="$n" -v p="$passes" -v s="$best" 'BEGIN { printf "%.1f", n * p / s }')
echo "dictum extract       $((n * passes)) pages  $best s  $dictum_rate pages/s (with attribution)"

best=""
for run in 1 2 3; do
	line=$(NODE_PATH="$out/node/node_modules" taskset -c 0 node bench/readability.js "$out/pages" "$passes")
	t=$(echo "$line" | awk '{ print $3 }')
	best=$(printf '%s\n%s\n' "$best" "$t" | awk 'NF && (b == "" || $1 < b) { b = $1 } END { print b }')
done
rd_rate=$(awk -v n="$n" -v p="$passes" -v s="$best" 'BEGIN { printf "%.1f", n * p / s }')
echo "Readability.js+jsdom $((n * passes)) pages  $best s  $rd_rate pages/s"
awk -v a="$dictum_rate" -v b="$rd_rate" 'BEGIN { printf "dictum is %.1fx the pages per second of Readability.js\n", a / b }'

# WARC: one response record per page, one gzip member each, repeated
warc=$out/pages.warc.gz
if [ ! -f "$warc" ]; then
	one=$out/one.warc.gz
	: >"$one"
	for f in "$out"/pages/*.html; do
		size=$(wc -c <"$f")
		http=$(printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %s\r\n\r\n' "$size")
		len=$((${#http} + size))
		{
			printf 'WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://pages.example/%s\r\n' "$(basename "$f")"
			printf 'WARC-Date: 2025-01-01T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n'
			printf 'Content-Length: %s\r\n\r\n%s' "$len" "$http"
			cat "$f"
			printf '\r\n\r\n'
		} | gzip -c >>"$one"
	done
	: >"$warc"
	while [ "$(wc -c <"$warc")" -lt 50000000 ]; do cat "$one" >>"$warc"; done
	rm -f "$one"
fi
mb=$(awk -v b="$(wc -c <"$warc")" 'BEGIN { printf "%.1f", b / 1e6 }')
best=""
for run in 1 2 3; do
	rm -f "$out/warc.db" "$out/warc.db-wal" "$out/warc.db-shm"
	t=$( { /usr/bin/time -f "%e %M" "$bin" ingest --quiet --db "$out/warc.db" "$warc"; } 2>&1 | tail -1)
	best=$(printf '%s\n%s\n' "$best" "$t" | awk 'NF == 2 && (b == "" || $1 < b) { b = $1; m = $2 } END { print b, m }')
done
echo "$best" | awk -v mb="$mb" '{ printf "dictum ingest WARC   %s MB gzip  %s s  %.1f MB/s compressed  peak RSS %.0f MB\n", mb, $1, mb / $1, $2 / 1024 }'
