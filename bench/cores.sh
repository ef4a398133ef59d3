#!/bin/sh
# Extraction on every core (issue 22): `dictum extract -j 1` pinned to
# each core in turn, then `-j N` on all N of them, over the 200 MB bench
# corpus (MB=50 for the smaller one), and the same for
# `dictum ingest --no-link`.  The speed-up is given against each core and
# against the mean core: on a VM the cores' speeds can differ by half, and
# one core's time alone makes the speed-up depend on where it ran.  Each
# figure is the best of RUNS runs (default 3), the commands in turn.
# Writes nothing outside bench/out and $TMPDIR.
# usage: [RUNS=3] [MB=200] bench/cores.sh
set -eu
cd "$(dirname "$0")/.."
out=bench/out
mb=${MB:-200}
runs=${RUNS:-3}
corpus=$out/corpus-$mb
mkdir -p "$out"
cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build-release -j "$(nproc)" >/dev/null
bin=$(pwd)/build-release/dictum
[ -d "$corpus" ] || bench/make-corpus.sh "$mb" "$corpus" >/dev/null
cores=$(nproc)
db=${TMPDIR:-/tmp}/dictum-cores-$$.db
trap 'rm -f "$db" "$db-wal" "$db-shm" "$db.t"' EXIT

# seconds CMD...: the wall seconds of one run of CMD (output discarded)
seconds() {
	rm -f "$db" "$db-wal" "$db-shm"
	/usr/bin/time -f "%e" -o "$db.t" "$@" >/dev/null
	cat "$db.t"
}

sh bench/about.sh
echo "corpus:  $corpus, $(du -sm "$corpus" | cut -f1) MB, $(ls "$corpus" | wc -l) files"
echo

for cmd in extract ingest; do
	if [ "$cmd" = extract ]; then
		set -- "$bin" extract --quiet
	else
		set -- "$bin" ingest --quiet --no-link --db "$db"
	fi
	# the runs in turn, so that a change of the host's speed falls on all
	i=0
	while [ $i -lt "$runs" ]; do
		c=0
		while [ $c -lt "$cores" ]; do
			echo "core$c $(seconds taskset -c $c "$@" -j 1 "$corpus")"
			c=$((c + 1))
		done
		echo "all $(seconds "$@" -j "$cores" "$corpus")"
		i=$((i + 1))
	done | awk -v cmd="$cmd" -v n="$cores" '
	{ if (!($1 in best) || $2 < best[$1]) best[$1] = $2 }
	END {
		lo = hi = 0
		for (c = 0; c < n; c++) {
			t = best["core" c]
			printf "%-8s -j 1 on core %d  %7.2f s\n", cmd, c, t
			rate += 1 / t
			s = t / best["all"]
			if (!lo || s < lo) lo = s
			if (s > hi) hi = s
		}
		printf "%-8s -j %d            %7.2f s\n", cmd, n, best["all"]
		printf "%-8s speed-up %.2f against the mean core (%.2f to %.2f against one)\n", cmd, n / rate / best["all"], lo, hi
	}'
done
