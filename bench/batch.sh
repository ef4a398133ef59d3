#!/bin/sh
# A batch into a large archive (issue 22): the synthetic archive of N
# statements (default 1,000,000; bench/archive.sh), linked, then 1,000 more
# articles of ten statements (bench/echoes.py articles) ingested into a copy
# of it, as 'dictum ingest' does after every batch: stored, then linked for
# what is new.  Then 'dictum link' of everything on the same copy, and the
# same batch into a copy of an archive a tenth the size, for how time and
# peak memory grow with the archive.  Prints seconds and peak resident
# memory (MB) of each.  WHOLE=0 leaves out the link of everything: at
# 10,000,000 statements it holds every set's keys (7.5 GB, 25 minutes).
# usage: [N=1000000] [ARTICLES=1000] [WHOLE=0] bench/batch.sh
set -eu
cd "$(dirname "$0")/.."
size=${N:-1000000}
articles=${ARTICLES:-1000}
batch() { # SIZE: the time and memory of the batch into the archive of SIZE
	N=$1
	. bench/archive.sh >/dev/null
	rm -f "$out/batch.db" "$out/batch.db-wal" "$out/batch.db-shm"
	python3 -c "import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute('PRAGMA wal_checkpoint(TRUNCATE)')" "$db"
	cp "$db" "$out/batch.db"
	/usr/bin/time -f "%e %M" -o "$out/batch.time" "$bin" ingest --quiet --db "$out/batch.db" "$out/articles"
	set -- $(cat "$out/batch.time")
	echo "$N statements: ingest and link $articles articles: $1 s, peak $(($2 / 1024)) MB"
	if [ "${WHOLE:-1}" != 0 ]; then
		/usr/bin/time -f "%e %M" -o "$out/batch.time" "$bin" link --quiet --db "$out/batch.db"
		set -- $(cat "$out/batch.time")
		echo "$N statements: 'dictum link' of everything after it: $1 s, peak $(($2 / 1024)) MB"
	fi
	rm -f "$out/batch.db" "$out/batch.db-wal" "$out/batch.db-shm"
}
mkdir -p bench/out
rm -rf bench/out/articles
python3 bench/echoes.py articles bench/out/articles "$articles"
batch $((size / 10))
batch "$size"
