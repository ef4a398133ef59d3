#!/bin/sh
# Attribution speed with the learned parts, as issue 4 measures it:
# `dictum extract` pinned to one core over PolNeAR train text repeated to
# 64 MB (and to 16 MB, to show peak memory does not grow with the corpus),
# beside `wc -w` on the same files in the same run; and the time to start
# and load the models.  Reads $DICTUM_SHARED/polnear/train (default
# ../shared); writes only under bench/out.  Each figure is the best of
# RUNS runs (default 3).
# usage: [RUNS=3] [UTF8=1] bench/polnear.sh
set -eu
cd "$(dirname "$0")/.."
shared=${DICTUM_SHARED:-../shared}
src=$shared/polnear/train/text
[ -d "$src" ] || { echo "no PolNeAR train text at $src (set DICTUM_SHARED)" >&2; exit 1; }
out=bench/out
mkdir -p "$out"
cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build-release -j "$(nproc)" >/dev/null
bin=build-release/dictum
runs=${RUNS:-3}

# corpus MB: copies of the train articles (copy N in directory N) until
# the corpus holds at least MB megabytes
corpus() {
	dir="$out/polnear-$1"
	if [ ! -d "$dir" ]; then
		n=0
		mkdir -p "$dir"
		while [ "$(du -sb "$dir" | cut -f1)" -lt $(($1 * 1000000)) ]; do
			n=$((n + 1))
			mkdir -p "$dir/$n"
			cp "$src"/*.txt "$dir/$n/"
		done
	fi
	echo "$dir"
}

# one CMD...: "seconds peak-KB" of a run of CMD, after the files listed in
# $warm (if set) are read once: this VM's page cache loses some 35 MB a
# minute even at rest, and a run that read part of its files from disk
# took 6.9 s where it took 4.8 s from memory; both tools are timed on
# files in memory
one() {
	[ -z "${warm:-}" ] || xargs cat <"$warm" >/dev/null
	{ /usr/bin/time -f "%e %M" "$@" >/dev/null; } 2>&1 | tail -1
}

# faster A B: the faster of two "seconds peak-KB" figures (A may be empty)
faster() {
	printf '%s\n%s\n' "$1" "$2" | awk 'NF == 2 && (best == "" || $1 < best) { best = $1; m = $2 } END { print best, m }'
}

# best CMD...: the fastest of $runs runs
best() {
	b=""
	i=0
	while [ $i -lt "$runs" ]; do
		b=$(faster "$b" "$(one "$@")")
		i=$((i + 1))
	done
	echo "$b"
}

sh bench/about.sh
echo
printf "%-8s %-16s %9s %9s %9s %11s\n" corpus command MB seconds MB/s "peak RSS MB"
for mb in 16 64; do
	dir=$(corpus $mb)
	find "$dir" -name '*.txt' | sort >"$out/files-$mb"
	warm=$out/files-$mb
	bytes=$(xargs cat <"$out/files-$mb" | wc -c)
	# The tools take turns, run by run, so that the host's slower minutes
	# (it moves by a fifth) fall on both.  wc in the C locale, as in every
	# figure before 2026-12-02: in a UTF-8 locale coreutils 9.1 counts
	# words by another path, about a quarter faster on this text (UTF8=1
	# prints that figure too).
	ex="" wc="" wcu=""
	i=0
	while [ $i -lt "$runs" ]; do
		ex=$(faster "$ex" "$(one taskset -c 0 "$bin" extract --quiet "$dir")")
		wc=$(faster "$wc" "$(one taskset -c 0 env LC_ALL=C sh -c "xargs wc -w <'$out/files-$mb' | tail -1")")
		[ -z "${UTF8:-}" ] ||
			wcu=$(faster "$wcu" "$(one taskset -c 0 env LC_ALL=C.UTF-8 sh -c "xargs wc -w <'$out/files-$mb' | tail -1")")
		i=$((i + 1))
	done
	set -- $ex
	ex=$1
	awk -v b="$bytes" -v s="$1" -v m="$2" -v c="$mb MB" \
		'BEGIN { printf "%-8s %-16s %9.1f %9.2f %9.1f %11.1f\n", c, "dictum extract", b / 1e6, s, b / 1e6 / s, m / 1024 }'
	set -- $wc
	awk -v b="$bytes" -v s="$1" -v m="$2" -v c="$mb MB" -v ex="$ex" \
		'BEGIN { printf "%-8s %-16s %9.1f %9.2f %9.1f %11.1f   dictum at %.1f%% of wc -w\n", c, "wc -w", b / 1e6, s, b / 1e6 / s, m / 1024, 100 * s / ex }'
	if [ -n "${UTF8:-}" ]; then
		set -- $wcu
		awk -v b="$bytes" -v s="$1" -v m="$2" -v c="$mb MB" -v ex="$ex" \
			'BEGIN { printf "%-8s %-16s %9.1f %9.2f %9.1f %11.1f   dictum at %.1f%% of it\n", c, "wc -w (UTF-8)", b / 1e6, s, b / 1e6 / s, m / 1024, 100 * s / ex }'
	fi
done

warm=
# Start-up with the models: the whole process on one short sentence, so
# an upper bound on loading (built-in models, then models/ from files).
printf 'Ines Kolar said the ferry will run.\n' >"$out/one.txt"
set -- $(RUNS=5 best "$bin" extract --quiet "$out/one.txt")
echo
echo "start, load built-in models, extract one sentence: $1 s"
set -- $(RUNS=5 best "$bin" extract --quiet --models models "$out/one.txt")
echo "start, load models/ from files, extract one sentence: $1 s"
