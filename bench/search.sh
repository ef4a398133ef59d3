#!/bin/sh
# Search, one query at a time (issue 22): dictum serve beside Xapian 1.4
# (Debian's, through python3-xapian and Debian's own /usr/bin/python3) on the
# same statements and the same
# query lists, per-query p50 / p90 / p99 in one run (bench/search.py).
# The archive is bench/serve.sh's synthetic one of N statements
# (bench/echoes.py), made when absent; the Xapian database beside it.
# usage: [N=100000] bench/search.sh
set -eu
cd "$(dirname "$0")/.."
out=bench/out
n=${N:-100000}
mkdir -p "$out"
scripts/install-deps python3-xapian
cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build-release -j "$(nproc)" >/dev/null
bin=build-release/dictum
db="$out/serve-$n.db"

sh bench/about.sh
echo "xapian:  $(/usr/bin/python3 -c 'import xapian; print(xapian.version_string())')"
if [ ! -f "$db" ]; then
	rm -rf "$out/serve-seed" "$db"* "$out/xapian-$n"
	mkdir -p "$out/serve-seed"
	echo "Nobody said anything." >"$out/serve-seed/empty.txt" # the schema, by dictum itself
	"$bin" ingest --quiet --no-link --db "$db" "$out/serve-seed"
	python3 bench/echoes.py make "$db" "$n"
	"$bin" link --db "$db" 2>/dev/null
fi
"$bin" ingest --quiet --no-link --db "$db" "$out/serve-seed" # migrates an older schema
python3 bench/serve_queries.py "$db" "$out/serve-plain.txt" "$out/serve-mixed.txt" "$out/serve-common.txt"

"$bin" serve --db "$db" --port 0 >"$out/search.addr" 2>"$out/search.log" &
server=$!
trap 'kill $server 2>/dev/null' EXIT
i=0
while ! grep -q http "$out/search.addr" && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
url=$(grep -o 'http://[^ ]*' "$out/search.addr" | sed 's,/$,,')
/usr/bin/python3 bench/search.py "$db" "$url" "$out/xapian-$n" "$out/serve-plain.txt" "$out/serve-common.txt"
