#!/bin/sh
# Linking at archive scale (issue 6): a synthetic database of N statements
# (default one million) with planted echoes of known count (bench/echoes.py),
# then `dictum link --only speakers` and `dictum link --only echoes`, each
# timed with its peak memory, and the echoes found scored against the
# planted ones.  The database is made once and kept in bench/out.
# usage: [N=1000000] bench/echoes.sh
set -eu
cd "$(dirname "$0")/.."
out=bench/out
n=${N:-1000000}
mkdir -p "$out"
cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build-release -j "$(nproc)" >/dev/null
bin=build-release/dictum
db="$out/echoes-$n.db"

sh bench/about.sh
if [ ! -f "$db.truth" ]; then
	rm -rf "$out/echoes-seed" "$db" "$db.truth"
	mkdir -p "$out/echoes-seed"
	echo "Nobody said anything." >"$out/echoes-seed/empty.txt" # the schema, by dictum itself
	"$bin" ingest --quiet --no-link --db "$db" "$out/echoes-seed"
	python3 bench/echoes.py make "$db" "$n"
fi

# run NAME ARGS...: wall seconds and peak RSS of one dictum command
run() {
	name=$1
	shift
	/usr/bin/time -f "%e %M" -o "$out/time" "$bin" "$@" 2>"$out/log" >/dev/null
	set -- $(cat "$out/time")
	printf '%-16s %7.1f s  peak %5.0f MB   %s\n' "$name" "$1" "$(($2 / 1024))" "$(tail -1 "$out/log")"
}
run "speakers" link --only speakers --db "$db"
run "echoes" link --only echoes --db "$db"
python3 bench/echoes.py score "$db"
