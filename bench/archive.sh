# Shared by bench/serve.sh and bench/search.sh (sourced, from the project
# root): the release build in $bin, the synthetic archive of $n statements
# (bench/echoes.py) in $db, made and linked when absent, moved up to this
# dictum's schema and linked when its search lists, kept keys or speakers'
# counts are missing, and the query lists serve_queries.py draws from it.
# start_server NAME: 'dictum serve' on it in the background, its address
# in $url, stopped on exit.
out=bench/out
n=${N:-100000}
mkdir -p "$out"
cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build-release -j "$(nproc)" >/dev/null
bin=build-release/dictum
db="$out/serve-$n.db"

sh bench/about.sh
if [ ! -f "$db" ]; then
	rm -rf "$out/serve-seed" "$db"* "$out/xapian-$n"
	mkdir -p "$out/serve-seed"
	echo "Nobody said anything." >"$out/serve-seed/empty.txt" # the schema, by dictum itself
	"$bin" ingest --quiet --no-link --db "$db" "$out/serve-seed"
	python3 bench/echoes.py make "$db" "$n"
	"$bin" link --db "$db" 2>/dev/null
fi
"$bin" ingest --quiet --no-link --db "$db" "$out/serve-seed" # migrates an older schema
if [ "$(python3 -c "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); print(c.execute('SELECT stale OR NOT (SELECT whole FROM link_state) FROM impact_state').fetchone()[0])" "$db")" = 1 ]; then
	"$bin" link --db "$db" 2>/dev/null # an archive from before the search lists or the kept keys
fi
if [ "$(python3 -c "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT speakers_last < 0 FROM link_state').fetchone()[0])" "$db")" = 1 ]; then
	"$bin" link --only speakers --db "$db" 2>/dev/null # from before speakers were linked batch by batch
fi
python3 bench/serve_queries.py "$db" "$out/serve-plain.txt" "$out/serve-mixed.txt" "$out/serve-common.txt"

start_server() {
	"$bin" serve --db "$db" --port 0 >"$out/$1.addr" 2>"$out/$1.log" &
	server=$!
	trap 'kill $server 2>/dev/null' EXIT
	# it prints its address once it has opened the archive and loaded what
	# search keeps in memory: seconds at 10,000,000 statements
	while ! grep -q http "$out/$1.addr"; do
		kill -0 $server 2>/dev/null || { echo "dictum serve did not start: $(cat "$out/$1.log")" >&2; exit 1; }
		sleep 0.1
	done
	url=$(grep -o 'http://[^ ]*' "$out/$1.addr" | sed 's,/$,,')
}
