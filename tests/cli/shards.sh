#!/bin/sh
# A cluster's tasks: 'ingest --files-from LIST' marks a list ingested to its
# end, with its last batch, and passes over it when run again on the same
# files, not when one changed or was added; killed half-way (--batch N), it
# keeps whole batches, leaves no mark, and run again stores the rest, each
# document once.  'merge' of the shards, in order, gives the archive one
# ingest of their inputs gives, byte for byte in every JSON answer; merging
# again adds nothing, a merge into an archive adds what is new, and a bad
# shard is named and passed over, the others merged.
# usage: shards.sh DICTUM SOURCE_DIR
DICTUM=$1
SRC=$2
. "$(dirname "$0")/lib.sh"

# same NAME A B: the files are alike byte for byte, and not empty
same() {
	if [ -s "$2" ] && cmp -s "$2" "$3"; then ok "$1"; else
		bad "$1"
		diff "$2" "$3" | head -5 | cut -c1-200 | sed 's/^/     /'
	fi
}

# documents DB: the count 'dictum check' gives (empty when it cannot)
documents() {
	"$DICTUM" check --db "$1" 2>/dev/null | sed -n 's/.*: \([0-9]*\) documents.*/\1/p'
}

# --files-from: a list done is passed over, a list changed is not
mkdir -p "$TMP/f"
for i in 1 2 3 4; do
	printf 'Published: 2023-01-0%s\n\nMayor Ines Kolar said that quay %s opens in May.\n' $i $i >"$TMP/f/a$i.txt"
done
printf '%s\n' "$TMP/f/a1.txt" "$TMP/f/a2.txt" >"$TMP/f.list"
FDB="$TMP/f.db"
NOTHING="ingested to their end on [0-9TZ:-]*: nothing to do"
expect_status 0 "ingest --files-from" "$DICTUM" ingest --no-link --db "$FDB" --files-from "$TMP/f.list"
expect_grep "2 files, 2 stored, 0 unchanged" "$TMP/err" "the listed files are stored"
expect_no_grep "nothing to do" "$TMP/err" "a list never ingested is not passed over"
expect_status 0 "the same list again" "$DICTUM" ingest --no-link --db "$FDB" --files-from "$TMP/f.list"
expect_grep "these 2 files were $NOTHING" "$TMP/err" "a list ingested to its end is passed over"
expect_status 0 "the same list on standard input" "$DICTUM" ingest --no-link --db "$FDB" --files-from - <"$TMP/f.list"
expect_grep "these 2 files were $NOTHING" "$TMP/err" "'-' reads the list from standard input"
# other bytes, the same size and time of change: a file passed over is not read
cp -p "$TMP/f/a2.txt" "$TMP/a2.keep"
sed 's/quay/pier/' "$TMP/a2.keep" >"$TMP/f/a2.txt"
touch -r "$TMP/a2.keep" "$TMP/f/a2.txt"
expect_status 0 "a file rewritten, its size and time kept" "$DICTUM" ingest --no-link --db "$FDB" --files-from "$TMP/f.list"
expect_grep "these 2 files were $NOTHING" "$TMP/err" "the list is known by paths, sizes and times"
"$DICTUM" quotes --db "$FDB" --json >"$TMP/f.quotes" 2>/dev/null
expect_grep "quay 1 opens" "$TMP/f.quotes" "the archive answers"
expect_no_grep "pier" "$TMP/f.quotes" "the files passed over were not read"
cat "$TMP/a2.keep" >"$TMP/f/a2.txt"
touch -r "$TMP/a2.keep" "$TMP/f/a2.txt"
expect_status 0 "a list and a path" "$DICTUM" ingest --no-link --db "$FDB" --files-from "$TMP/f.list" "$TMP/f/a3.txt"
expect_grep "3 files, 1 stored, 2 unchanged" "$TMP/err" "the path named is ingested with the list"
expect_status 0 "that list and path again" "$DICTUM" ingest --no-link --db "$FDB" --files-from "$TMP/f.list" "$TMP/f/a3.txt"
expect_grep "these 3 files were $NOTHING" "$TMP/err" "a list and a path ingested to their end are passed over"
touch "$TMP/f/a1.txt"
expect_status 0 "a listed file touched" "$DICTUM" ingest --no-link --db "$FDB" --files-from "$TMP/f.list"
expect_no_grep "nothing to do" "$TMP/err" "a file with a new time of change is not passed over"
expect_grep "2 files, 0 stored, 2 unchanged, .* 0 statements" "$TMP/err" "its bytes, unchanged, are known by their hash"
expect_status 0 "the touched list again" "$DICTUM" ingest --no-link --db "$FDB" --files-from "$TMP/f.list"
expect_grep "these 2 files were $NOTHING" "$TMP/err" "the list is marked again as it is now"
printf '\nTomas Ek said that the bridge opens in June.\n' >>"$TMP/f/a1.txt"
expect_status 0 "a listed file changed" "$DICTUM" ingest --no-link --db "$FDB" --files-from "$TMP/f.list"
expect_grep "2 files, 1 stored, 1 unchanged" "$TMP/err" "a changed file is ingested, the other known"
echo "$TMP/f/a4.txt" >>"$TMP/f.list"
expect_status 0 "a file added to the list" "$DICTUM" ingest --no-link --db "$FDB" --files-from "$TMP/f.list"
expect_grep "3 files, 1 stored, 2 unchanged" "$TMP/err" "the added file is ingested, the others known"
expect_status 0 "the list with --replace" "$DICTUM" ingest --no-link --replace --db "$FDB" --files-from "$TMP/f.list"
expect_grep "3 files, 3 stored, 0 unchanged" "$TMP/err" "--replace ingests a list done again"
expect_status 0 "a plain ingest" "$DICTUM" ingest --no-link --db "$FDB" "$TMP/f"
expect_status 0 "a plain ingest again" "$DICTUM" ingest --no-link --db "$FDB" "$TMP/f"
expect_grep "4 files, 0 stored, 4 unchanged" "$TMP/err" "a plain ingest again finds its files known"
expect_no_grep "nothing to do" "$TMP/err" "a plain ingest is never passed over"
# a list whose inputs failed is done, and says so whenever it is passed over
printf '%s\n' "$TMP/f/a1.txt" "$TMP/f/missing.txt" >"$TMP/g.list"
expect_status 1 "a list with a missing file" "$DICTUM" ingest --no-link --db "$FDB" --files-from "$TMP/g.list"
expect_status 1 "that list again" "$DICTUM" ingest --no-link --db "$FDB" --files-from "$TMP/g.list"
expect_grep "these 2 files were ingested to their end on [0-9TZ:-]*, with failures then: nothing to do" "$TMP/err" \
	"a list passed over says its failures, and fails as it did"

# --batch: killed half-way, the batches committed stay and the list is not
# marked; run again, it stores the rest, and then is done
awk 'BEGIN { for (i = 1; i <= 3000; i++) printf "{\"text\": \"Councillor Jonas Brandt said that motion %d on the harbour was carried.\"}\n", i }' >"$TMP/big.jsonl"
printf 'Published: 2023-03-01\n\nMayor Ines Kolar said that the crane will be mended.\n' >"$TMP/first.txt"
printf 'Published: 2023-03-02\n\nTomas Ek said that the pilots will strike.\n' >"$TMP/last.txt"
printf '%s\n' "$TMP/first.txt" "$TMP/big.jsonl" "$TMP/last.txt" >"$TMP/k.list"
TOTAL=3002
KDB="$TMP/k.db"
try=0
killed=
while [ -z "$killed" ] && [ $try -lt 3 ]; do
	try=$((try + 1))
	rm -f "$KDB" "$KDB-wal" "$KDB-shm"
	"$DICTUM" ingest -j 1 --batch 50 --no-link --quiet --db "$KDB" --files-from "$TMP/k.list" >/dev/null 2>&1 &
	pid=$!
	# polled by a reader: 'dictum check' writes (FTS5's integrity-check),
	# so it waits for the ingest's last commit
	while kill -0 $pid 2>/dev/null; do
		"$DICTUM" quotes --db "$KDB" --limit 1 2>/dev/null | grep -q . && break
		sleep 0.05
	done
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	docs=$(documents "$KDB")
	[ -n "$docs" ] && [ "$docs" -gt 0 ] && [ "$docs" -lt $TOTAL ] && killed=$docs
done
if [ -z "$killed" ]; then
	bad "in $try tries the kill never found the ingest half-way (last: ${docs:-no} documents of $TOTAL)"
else
	ok "killed half-way: $killed documents of $TOTAL stored (try $try)"
	[ $((killed % 50)) -eq 0 ] && ok "what was stored is whole batches of 50" ||
		bad "what was stored is whole batches of 50 ($killed documents)"
	expect_status 0 "the killed archive is whole" "$DICTUM" check --db "$KDB"
	expect_status 0 "the same ingest again" "$DICTUM" ingest -j 1 --batch 50 --no-link --db "$KDB" --files-from "$TMP/k.list"
	expect_no_grep "nothing to do" "$TMP/err" "a list killed half-way was not marked done"
	expect_grep "3 files, $((TOTAL - killed)) stored, $killed unchanged" "$TMP/err" "the rest is stored, what was stored is known"
	expect_status 0 "the archive is whole" "$DICTUM" check --db "$KDB"
	expect_grep ": $TOTAL documents, $TOTAL statements: whole" "$TMP/out" "every document and statement is stored"
	"$DICTUM" export --db "$KDB" --format jsonl 2>/dev/null | grep -o '"source":"[^"]*"' | sort >"$TMP/k.sources"
	[ "$(wc -l <"$TMP/k.sources")" -eq $TOTAL ] && [ "$(uniq "$TMP/k.sources" | wc -l)" -eq $TOTAL ] &&
		[ "$(grep -c 'big.jsonl#[0-9]' "$TMP/k.sources")" -eq 3000 ] &&
		ok "each input and record once (big.jsonl#1 to #3000)" || bad "each input and record once (big.jsonl#1 to #3000)"
	expect_status 0 "the same ingest a third time" "$DICTUM" ingest -j 1 --batch 50 --no-link --db "$KDB" --files-from "$TMP/k.list"
	expect_grep "these 3 files were $NOTHING" "$TMP/err" "the list finished on the second run is done"
fi

# merge: the samples in three lists, one file in two of them (the
# duplicate is in the echo between two of them)
n=0
: >"$TMP/s1.list"
: >"$TMP/s2.list"
: >"$TMP/s3.list"
for f in "$SRC"/samples/*.txt "$SRC"/samples/web/*.html; do
	n=$((n + 1))
	if [ $n -le 5 ]; then echo "$f" >>"$TMP/s1.list"; elif [ $n -le 10 ]; then echo "$f" >>"$TMP/s2.list"; else echo "$f" >>"$TMP/s3.list"; fi
done
[ $n -eq 14 ] && ok "14 samples to share out" || bad "14 samples to share out ($n)"
grep 03_envoy_brussels "$TMP/s1.list" >>"$TMP/s2.list"
cat "$TMP/s1.list" "$TMP/s2.list" "$TMP/s3.list" >"$TMP/all.list"
for i in 1 2 3; do
	expect_status 0 "ingest shard $i" "$DICTUM" ingest --no-link --quiet --db "$TMP/s$i.db" --files-from "$TMP/s$i.list"
done
expect_status 0 "merge the shards" "$DICTUM" merge --db "$TMP/merged.db" "$TMP/s1.db" "$TMP/s2.db" "$TMP/s3.db"
expect_grep "3 of 3 shards merged: 14 documents (61 statements) added, 1 stored already" "$TMP/err" "merge counts the documents added and those passed over"
# one ingest of every list's paths, in order, the duplicate too
set --
while IFS= read -r p; do set -- "$@" "$p"; done <"$TMP/all.list"
expect_status 0 "one ingest of the lists' paths" "$DICTUM" ingest --db "$TMP/single.db" "$@"
expect_grep "15 files, 14 stored, 1 unchanged" "$TMP/err" "one ingest stores the duplicate once"

# answers DB OUT: the JSON answers compared, in OUT.*
answers() {
	"$DICTUM" quotes --db "$1" --json --limit 100000 >"$2.quotes" 2>/dev/null
	"$DICTUM" search --db "$1" --json --limit 100000 ferry >"$2.ferry" 2>/dev/null
	"$DICTUM" search --db "$1" --json --limit 100000 treaty >"$2.treaty" 2>/dev/null
	"$DICTUM" speakers --db "$1" --json >"$2.speakers" 2>/dev/null
	"$DICTUM" echoes --db "$1" --json >"$2.echoes" 2>/dev/null
	"$DICTUM" timeline --db "$1" --json --speaker "Tomas Ek" >"$2.timeline" 2>/dev/null
}
answers "$TMP/single.db" "$TMP/single"
answers "$TMP/merged.db" "$TMP/merged"
[ "$(wc -l <"$TMP/single.quotes")" -gt 20 ] && ok "quotes has more than 20 lines to compare" || bad "quotes has more than 20 lines to compare"
expect_grep '"content":"[^"]*ferr' "$TMP/single.ferry" "search ferry finds statements"
expect_grep '"content":"[^"]*treat' "$TMP/single.treaty" "search treaty finds statements"
if grep -Eq '"name":"Tomas Ek",.*"statements":([3-9]|[1-9][0-9]+),' "$TMP/single.speakers"; then
	ok "Tomas Ek is a speaker of several statements"
else bad "Tomas Ek is a speaker of several statements"; fi
[ "$(grep -c '"speaker_name":"Tomas Ek"' "$TMP/single.timeline")" -ge 3 ] && ok "his timeline has his statements" || bad "his timeline has his statements"
expect_grep '"cluster":[0-9]*,"summary":{"statements":2,"stories":2' "$TMP/single.echoes" "echoes has a cluster to compare"
for a in quotes ferry treaty speakers echoes timeline; do
	same "merged shards and one ingest: the same $a JSON" "$TMP/single.$a" "$TMP/merged.$a"
done

# merging again adds nothing; merging into an archive adds what is new
expect_status 0 "merge the same shards again" "$DICTUM" merge --db "$TMP/merged.db" "$TMP/s1.db" "$TMP/s2.db" "$TMP/s3.db"
expect_grep "3 of 3 shards merged: 0 documents (0 statements) added, 15 stored already" "$TMP/err" "merging again adds no document"
answers "$TMP/merged.db" "$TMP/again"
for a in quotes ferry treaty speakers echoes timeline; do
	same "merging again leaves the $a JSON as it was" "$TMP/single.$a" "$TMP/again.$a"
done
expect_status 0 "merge shards 1 and 2" "$DICTUM" merge --db "$TMP/later.db" "$TMP/s1.db" "$TMP/s2.db"
expect_status 0 "then merge shard 3 into that archive" "$DICTUM" merge --db "$TMP/later.db" "$TMP/s3.db"
expect_grep "1 of 1 shards merged: 4 documents (14 statements) added, 0 stored already" "$TMP/err" "only the new shard's documents are added"
answers "$TMP/later.db" "$TMP/later"
same "merged in two goes: the same quotes JSON as one ingest" "$TMP/single.quotes" "$TMP/later.quotes"

# bad shards are named and passed over, the good ones merged
echo "these are not the droids you are looking for" >"$TMP/junk.db"
expect_status 1 "a missing and a junk shard among good ones" "$DICTUM" merge --db "$TMP/bad.db" \
	"$TMP/s1.db" "$TMP/missing.db" "$TMP/s2.db" "$TMP/junk.db" "$TMP/s3.db"
expect_grep "missing.db: No such file" "$TMP/err" "the missing shard is named"
expect_grep "junk.db: .*not an archive" "$TMP/err" "the junk shard is named"
expect_grep "3 of 5 shards merged" "$TMP/err" "the good shards are merged"
answers "$TMP/bad.db" "$TMP/bad"
same "the good shards give the same quotes JSON as one ingest" "$TMP/single.quotes" "$TMP/bad.quotes"
ln -s merged.db "$TMP/self.db"
expect_status 1 "the archive itself as a shard" "$DICTUM" merge --db "$TMP/merged.db" "$TMP/s1.db" "$TMP/self.db"
expect_grep "self.db: this is the archive merged into, not a shard of it" "$TMP/err" "the archive merged into is refused, by any name"
expect_status 0 "the archive is whole after" "$DICTUM" check --db "$TMP/merged.db"
expect_grep ": 14 documents, 61 statements: whole" "$TMP/out" "and holds what it held"
expect_status 2 "merge without a shard" "$DICTUM" merge --db "$TMP/merged.db"
expect_grep "no shard given" "$TMP/err" "merge says a shard is wanted"

# scripts/slurm/split: runs of the list in order, of about equal bytes,
# every task one input at least while there are inputs enough
SPLIT="$SRC/scripts/slurm/split"
mkdir -p "$TMP/sp"
for n in 1 2 3 4 5; do head -c $((n * 100)) /dev/zero >"$TMP/sp/f$n"; done
# lines A B C...: the lines of each task's list, in order
lines() {
	for t in $(seq 1 "$1"); do wc -l <"$2/lists/$t.list"; done | tr '\n' ' '
}
ls "$TMP"/sp/f1 "$TMP"/sp/f2 "$TMP"/sp/f3 "$TMP"/sp/f4 >"$TMP/sp4.list"
expect_status 0 "split 4 inputs into 4 tasks" "$SPLIT" "$TMP/sp4.list" 4 "$TMP/w4"
[ "$(lines 4 "$TMP/w4")" = "1 1 1 1 " ] && ok "each task has one of 4 inputs" ||
	bad "4 inputs into 4 tasks: $(lines 4 "$TMP/w4")"
printf '%s\n' "$TMP"/sp/f5 "$TMP"/sp/f1 "$TMP"/sp/f1 "$TMP"/sp/f1 "$TMP"/sp/f1 "$TMP"/sp/f1 >"$TMP/sp6.list"
expect_status 0 "split a big input and five small into 3 tasks" "$SPLIT" "$TMP/sp6.list" 3 "$TMP/w3"
[ "$(lines 3 "$TMP/w3")" = "1 2 3 " ] && ok "the big input is a task alone, the small ones share the rest" ||
	bad "500 and five 100 bytes into 3 tasks: $(lines 3 "$TMP/w3")"
cat "$TMP"/w3/lists/*.list >"$TMP/w3.all"
cmp -s "$TMP/sp6.list" "$TMP/w3.all" && ok "the lists keep the inputs' order" || bad "the lists do not keep the order"
[ "$(wc -l <"$TMP/w3/shards.list")" -eq 3 ] && ok "shards.list names a list a task" || bad "shards.list has not 3 lines"
ls "$TMP"/sp/f1 "$TMP"/sp/f2 >"$TMP/sp2.list"
expect_status 0 "split 2 inputs into 4 tasks" "$SPLIT" "$TMP/sp2.list" 4 "$TMP/w2"
[ "$(lines 4 "$TMP/w2")" = "1 1 0 0 " ] && ok "more tasks than inputs: the last ones have empty lists" ||
	bad "2 inputs into 4 tasks: $(lines 4 "$TMP/w2")"
expect_status 2 "split into no task" "$SPLIT" "$TMP/sp2.list" 0 "$TMP/w0"

finish
