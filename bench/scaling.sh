#!/bin/sh
# What a cluster's tasks do, measured on this machine (docs/SCALING.md):
# the 200 MB corpus packed as a crawl's WARC files, ingested by 1, 2 and 4
# tasks at once, each on its part of the files as scripts/slurm/split makes
# it and with one thread (a Slurm task of one CPU: they run side by side
# as Slurm runs them on one node); extraction alone the same way; then
# 'dictum merge' of 1 to 16 shards of the same files into an empty archive,
# and of 4 shards of the 50 MB corpus (each article given a line of its
# own, so that none is in the others) into archives of growing size.
# Writes nothing outside bench/out.
# usage: bench/scaling.sh [tasks] [shards] [sizes]   (default: all three)
set -eu
cd "$(dirname "$0")/.."
out=bench/out
here=$(pwd)
scripts/install-deps sqlite3
cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build-release -j "$(nproc)" >/dev/null
bin=$here/build-release/dictum
for mb in 50 200; do
	[ -d "$out/corpus-$mb" ] || bench/make-corpus.sh "$mb" "$out/corpus-$mb" >/dev/null
done

# pack DIR FILES OUT [TAG]: the corpus as FILES gzipped WARC files of
# resource records, in name order, as a crawl gives them; with TAG, each
# article begins with a line of its own
pack() {
	[ -f "$3/done" ] && return
	mkdir -p "$3"
	python3 - "$1" "$2" "$3" "${4:-}" <<'EOF'
import gzip, os, sys
src, n, dst, tag = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
names = sorted(os.listdir(src))
per = -(-len(names) // n)
for k in range(n):
    with gzip.open(os.path.join(dst, "part%02d.warc.gz" % (k + 1)), "wb", compresslevel=6) as w:
        for name in names[k * per:(k + 1) * per]:
            body = open(os.path.join(src, name), "rb").read()
            if tag:
                body = b"Dispatch %s of the %s desk.\n\n" % (name.encode(), tag.encode()) + body
            w.write(b"WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: https://wire.example/%s\r\n"
                     b"Content-Type: text/plain\r\nContent-Length: %d\r\n\r\n" % (name.encode(), len(body)))
            w.write(body + b"\r\n\r\n")
EOF
	touch "$3/done"
}
pack "$out/corpus-200" 16 "$out/warc-200"
pack "$out/corpus-50" 4 "$out/warc-50" north
ls "$here/$out"/warc-200/*.warc.gz >"$out/warc-200.list"
ls "$here/$out"/warc-50/*.warc.gz >"$out/warc-50.list"
raw=$(du -sb "$out/corpus-200" | cut -f1)
echo "corpus: $(awk -v b="$raw" 'BEGIN { printf "%.1f", b / 1e6 }') MB of text in 16 WARC files" \
	"($(du -sb "$out/warc-200" | cut -f1 | awk '{ printf "%.1f", $1 / 1e6 }') MB gzipped)"
sh bench/about.sh
echo

W="$out/scaling"
rm -rf "$W"
mkdir -p "$W"
# want SECTION LIST...: is SECTION among those asked for?
want() {
	s=$1
	shift
	case " $* " in *" $s "*) return 0 ;; *) return 1 ;; esac
}
sections=${*:-tasks shards sizes}

# tasks K CMD: K tasks side by side on their parts; prints wall seconds,
# then each task's seconds
tasks() {
	k=$1 cmd=$2
	scripts/slurm/split "$out/warc-200.list" "$k" "$W/k$k" >/dev/null
	rm -f "$W"/k"$k"/*.db*
	start=$(date +%s.%N)
	i=1
	while [ "$i" -le "$k" ]; do
		if [ "$cmd" = ingest ]; then
			/usr/bin/time -f "%e" -o "$W/k$k/t$i" "$bin" ingest --quiet --no-link -j 1 --db "$W/k$k/$i.db" \
				--files-from "$W/k$k/lists/$i.list" &
		else
			/usr/bin/time -f "%e" -o "$W/k$k/t$i" sh -c "xargs '$bin' extract --quiet -j 1 <'$W/k$k/lists/$i.list' >/dev/null" &
		fi
		i=$((i + 1))
	done
	wait
	end=$(date +%s.%N)
	echo "$start $end" | awk '{ printf "%.2f", $2 - $1 }'
	cat "$W"/k"$k"/t* | awk '{ printf " %s", $1 }'
	echo
}

if want tasks $sections; then
printf "%-8s %5s %9s %14s %14s\n" command tasks "wall s" "MB/s a task" "MB/s in all"
for cmd in extract ingest; do
	for k in 1 2 4; do
		set -- $(tasks "$k" "$cmd")
		wall=$1
		shift
		echo "$@" | awk -v raw="$raw" -v k="$k" -v wall="$wall" -v cmd="$cmd" '{
			for (i = 1; i <= NF; i++) per += raw / k / $i / 1e6
			printf "%-8s %5d %9.2f %14.2f %14.2f\n", cmd, k, wall, per / NF, raw / wall / 1e6 }'
	done
done
echo

fi

# merges into an empty archive: shards of the 200 MB, 1 to 16
if want shards $sections; then
printf "%-28s %7s %12s %12s %12s\n" merge shards "archive MB" "merge s" "link s"
for k in 1 2 4 8 16; do
	d="$W/m$k"
	scripts/slurm/split "$out/warc-200.list" "$k" "$d" >/dev/null
	i=1
	set --
	while [ "$i" -le "$k" ]; do
		"$bin" ingest --quiet --no-link --db "$d/$i.db" --files-from "$d/lists/$i.list"
		set -- "$@" "$d/$i.db"
		i=$((i + 1))
	done
	t0=$(date +%s.%N)
	"$bin" merge --quiet --no-link --db "$d/out.db" "$@"
	t1=$(date +%s.%N)
	"$bin" link --quiet --db "$d/out.db"
	t2=$(date +%s.%N)
	echo "$t0 $t1 $t2 $(du -sb "$d/out.db" | cut -f1)" | awk -v k="$k" \
		'{ printf "%-28s %7d %12.1f %12.2f %12.2f\n", "200 MB into an empty one", k, $4 / 1e6, $2 - $1, $3 - $2 }'
	rm -rf "$d"
done
fi

# merges into archives of growing size: 4 shards of the 50 MB corpus
if want sizes $sections; then
printf "%-28s %7s %12s %12s %12s\n" merge shards "archive MB" "merge s" "link s"
"$bin" ingest --quiet --db "$W/base.db" --files-from "$out/warc-200.list"
d="$W/m50"
scripts/slurm/split "$out/warc-50.list" 4 "$d" >/dev/null
set --
for i in 1 2 3 4; do
	"$bin" ingest --quiet --no-link --db "$d/$i.db" --files-from "$d/lists/$i.list"
	set -- "$@" "$d/$i.db"
done
# merge_into BASE NO_LINK: seconds of the merge of the 4 shards into a copy
# of BASE (or into nothing), linked before as an archive in use is
merge_into() {
	rm -f "$d/out.db" "$d/out.db-wal" "$d/out.db-shm"
	[ "$1" = empty ] || cp "$1" "$d/out.db"
	t0=$(date +%s.%N)
	"$bin" merge --quiet $2 --db "$d/out.db" "$d"/[1-4].db
	t1=$(date +%s.%N)
	echo "$t0 $t1" | awk '{ printf "%.2f", $2 - $1 }'
}
for base in empty "$W/base.db" "$out/serve-1000000.db"; do
	[ "$base" = empty ] || [ -f "$base" ] || continue
	[ "$base" = empty ] || "$bin" link --quiet --db "$base"
	n=0
	[ "$base" = empty ] || n=$(sqlite3 "$base" 'SELECT count(*) FROM statements')
	alone=$(merge_into "$base" --no-link)
	linked=$(merge_into "$base" "")
	echo "$alone $linked $(du -sb "$d/out.db" | cut -f1)" | awk -v n="$n" \
		'{ printf "%-28s %7d %12.1f %12.2f %12.2f\n", "50 MB into " n " statements", 4, $3 / 1e6, $1, $2 - $1 }'
done
fi
rm -rf "$W"
