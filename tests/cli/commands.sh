#!/bin/sh
# The commands end to end on the bundled samples.
# usage: commands.sh DICTUM SOURCE_DIR
DICTUM=$1
SRC=$2
. "$(dirname "$0")/lib.sh"
DB="$TMP/test.db"

for cmd in extract ingest quotes search speakers echoes link alias timeline show export eval; do
	expect_status 0 "$cmd --help" "$DICTUM" $cmd --help
	expect_grep "usage: dictum $cmd" "$TMP/out" "$cmd --help says its usage"
done
expect_status 2 "unknown command is a usage error" "$DICTUM" frobnicate
expect_status 2 "extract without a path is a usage error" "$DICTUM" extract
expect_status 2 "unknown format is a usage error" "$DICTUM" extract --format xml "$SRC/samples"

expect_status 0 "extract the samples" "$DICTUM" extract "$SRC/samples"
# twelve texts and two web pages (samples/web)
[ "$(wc -l <"$TMP/out")" -eq 14 ] && ok "one JSON line per sample" || bad "one JSON line per sample"
expect_grep '"url":"https://gazette.example/2024/03/night-ferry-delayed"' "$TMP/out" "a web page has its URL"
expect_grep '"speaker":"Raphael Imbert"' "$TMP/out" "a relayed interview is attributed"

expect_status 0 "extract to brat" "$DICTUM" extract --format brat --out "$TMP/brat" "$SRC/samples"
expect_grep "^E1	Attribution:T" "$TMP/brat/01_ferry_winter.ann" "brat event lines"
mkdir -p "$TMP/named"
gzip -c "$SRC/samples/01_ferry_winter.txt" >"$TMP/named/ferry.v2.txt.gz"
expect_status 0 "extract brat from gzip" "$DICTUM" extract --format brat --out "$TMP/named-out" "$TMP/named"
[ -f "$TMP/named-out/ferry.v2.ann" ] && ok "brat NAME drops the extension and .gz" || bad "brat NAME drops the extension and .gz"

expect_status 0 "ingest the samples" "$DICTUM" ingest --db "$DB" "$SRC/samples"
expect_grep "14 stored" "$TMP/err" "ingest reports what it stored"
expect_grep "linked .* speaker forms into .* people" "$TMP/err" "ingest links the archive"
expect_status 0 "ingest again" "$DICTUM" ingest --db "$DB" "$SRC/samples"
expect_grep "0 stored, 14 unchanged" "$TMP/err" "the same content is not stored twice"
expect_grep " 0 statements" "$TMP/err" "an unchanged input is known by its hash, not extracted again"
mkdir -p "$TMP/copy" && cp "$SRC/samples/web/ferry_delay.html" "$TMP/copy/fetched-again.html" && printf '<!-- fetched again -->\n' >>"$TMP/copy/fetched-again.html"
expect_status 0 "ingest another input of a stored text" "$DICTUM" ingest --db "$DB" "$TMP/copy"
expect_grep "0 stored, 1 unchanged" "$TMP/err" "other bytes, the same text: one document"
expect_status 0 "and again" "$DICTUM" ingest --db "$DB" "$TMP/copy"
expect_grep "1 unchanged, .* 0 statements" "$TMP/err" "that input is known from then on"
expect_status 0 "ingest --replace" "$DICTUM" ingest --db "$DB" --replace "$SRC/samples"
expect_grep "14 stored" "$TMP/err" "--replace extracts again"

expect_status 0 "quotes by speaker" "$DICTUM" quotes --db "$DB" --speaker kolar
expect_grep "Ines Kolar" "$TMP/out" "quotes --speaker finds the speaker"
expect_no_grep "Tomas Ek" "$TMP/out" "quotes --speaker keeps others out"
expect_status 0 "quotes as JSON" "$DICTUM" quotes --db "$DB" --since 2023-01-01 --until 2023-12-31 --json
expect_grep '"date":"2023-' "$TMP/out" "quotes --since/--until by date"
expect_no_grep '"date":"2022-' "$TMP/out" "dates outside the range are left out"
expect_status 2 "an impossible date is a usage error" "$DICTUM" quotes --db "$DB" --since 2020-13-01
expect_grep "since" "$TMP/err" "the impossible date is named"
expect_status 2 "since after until is a usage error" "$DICTUM" quotes --db "$DB" --since 2024-02 --until 2024-01-31
expect_status 0 "quotes newest first" "$DICTUM" quotes --db "$DB" --sort newest --json
dates=$(grep -o '"date":"[0-9-]*"' "$TMP/out" | cut -d'"' -f4)
[ -n "$dates" ] && [ "$dates" = "$(echo "$dates" | sort -r)" ] && ok "newest first: dates never rise" || bad "newest first: dates never rise"

DICTUM_DB="$DB" expect_status 0 "search via DICTUM_DB" "$DICTUM" search ferry
expect_grep "\[ferry\]" "$TMP/out" "search highlights the match"
expect_status 0 "a query as typed is never an error" "$DICTUM" search --db "$DB" '"unclosed AND'
expect_status 0 "words with apostrophes, hyphens and dots" "$DICTUM" search --db "$DB" "Kolar's cross-harbour U.S. NOT"
expect_status 0 "inflections meet" "$DICTUM" search --db "$DB" --json ferries
expect_grep '"content":"[^"]*ferry' "$TMP/out" "'ferries' finds 'ferry'"

expect_status 0 "speakers" "$DICTUM" speakers --db "$DB" --json
expect_grep '"name":"Nadia Orsk"' "$TMP/out" "speakers lists a speaker"

expect_grep '"id":"nadia-orsk"' "$TMP/out" "a speaker has an id"
expect_status 0 "speakers --explain" "$DICTUM" speakers --db "$DB" --explain orsk
expect_grep "why: " "$TMP/out" "--explain gives the reason of each form"
expect_status 2 "speakers --explain nobody" "$DICTUM" speakers --db "$DB" --explain "Nobody Atall"

# aliases: corrections, applied at once
expect_status 0 "alias add" "$DICTUM" alias --db "$DB" add "Tomas Ek" "Nadia Orsk"
expect_status 0 "speakers after alias add" "$DICTUM" speakers --db "$DB" --explain "Tomas Ek" --json
expect_grep "put with 'Nadia Orsk' by 'dictum alias add'" "$TMP/out" "alias add puts a form with a person"
expect_status 0 "alias split" "$DICTUM" alias --db "$DB" split "Tomas Ek"
expect_status 0 "alias list" "$DICTUM" alias --db "$DB" list
expect_grep "Tomas Ek (kept apart)" "$TMP/out" "alias list shows the corrections"
expect_status 0 "alias remove" "$DICTUM" alias --db "$DB" remove "Tomas Ek"
expect_status 2 "alias remove twice" "$DICTUM" alias --db "$DB" remove "Tomas Ek"
expect_status 2 "alias with no verb" "$DICTUM" alias --db "$DB" merge a b
expect_status 2 "alias add with one name" "$DICTUM" alias --db "$DB" add "Tomas Ek"

# echoes: a line said again in another story counts; a syndicated copy
# of a story does not
mkdir -p "$TMP/ec"
printf 'Published: 2023-04-02\n\nThe mayor spoke at the quay on Sunday.\n\n"The harbour is not in Tindra, Velta or Lundar. It is here," Ines Kolar said at the quay.\n\nThe ferry will run on Monday.\n' >"$TMP/ec/a.txt"
printf 'Published: 2023-04-03\n\nThe mayor spoke at the quay on Sunday.\n\n"The harbour is not in Tindra, Velta or Lundar. It is here," Ines Kolar said at the quay.\n\nThe ferry will run again on Monday.\n' >"$TMP/ec/a-copy.txt"
printf 'Published: 2023-09-20\n\nInes Kolar returned to a familiar theme. "Our harbour is not in Lundar, Velta or Tindra but on our coast," she told the council.\n' >"$TMP/ec/b.txt"
expect_status 0 "ingest without linking" "$DICTUM" ingest --no-link --db "$TMP/ec.db" "$TMP/ec"
expect_status 0 "echoes before linking" "$DICTUM" echoes --db "$TMP/ec.db"
expect_grep "run 'dictum link'" "$TMP/err" "an unlinked archive says so"
expect_status 0 "link" "$DICTUM" link --db "$TMP/ec.db"
expect_grep "1 echoes of 3 statements; 1 syndicated copies" "$TMP/err" "link finds the echo and the copy"
expect_status 2 "link --only nonsense" "$DICTUM" link --db "$TMP/ec.db" --only everything
expect_status 0 "echoes as JSON" "$DICTUM" echoes --db "$TMP/ec.db" --json
expect_grep '"statements":3,"stories":2,"first":"2023-04-02","last":"2023-09-20"' "$TMP/out" "an echo counts stories, not copies"
expect_grep 'a-copy.txt",.*"copy_of":[0-9]*,"syndicated":true' "$TMP/out" "the later copy is marked syndicated"
# a story that says a line twice: the second is no other story, and no syndicated copy
mkdir -p "$TMP/ec2"
printf 'Published: 2023-04-02\n\n"The harbour is not in Tindra, Velta or Lundar. It is here," Ines Kolar said at the quay.\n' >"$TMP/ec2/a.txt"
printf 'Published: 2023-04-03\n\n"The harbour is not in Tindra, Velta or Lundar. It is here," Ines Kolar told the council.\n\nThe mayor then spoke about the ferry and the budget for the winter.\n\n"The harbour is not in Tindra, Velta or Lundar. It is here, and it stays," Kolar said again at the end of the meeting.\n' >"$TMP/ec2/b.txt"
"$DICTUM" ingest --quiet --db "$TMP/ec2.db" "$TMP/ec2" 2>/dev/null
expect_status 0 "echoes of a story that repeats itself" "$DICTUM" echoes --db "$TMP/ec2.db" --json
expect_grep '"statements":3,"stories":2' "$TMP/out" "three statements in two stories"
expect_grep '"copy_of":[0-9]*,"syndicated":false' "$TMP/out" "the repeat in its own story is not syndicated"
expect_no_grep '"syndicated":true' "$TMP/out" "no syndicated copy among them"
expect_status 0 "echoes as text" "$DICTUM" echoes --db "$TMP/ec2.db"
expect_grep "its story says it again" "$TMP/out" "the text says the story repeats it"
expect_status 0 "echoes --speaker" "$DICTUM" echoes --db "$TMP/ec.db" --speaker "Tomas Ek"
expect_grep "no echoes" "$TMP/out" "echoes --speaker keeps to that speaker"
expect_status 0 "echoes --min-similarity" "$DICTUM" echoes --db "$TMP/ec.db" --min-similarity 0.95
expect_grep "no echoes" "$TMP/out" "a loose echo is below 0.95"
expect_status 2 "echoes --min-similarity out of range" "$DICTUM" echoes --db "$TMP/ec.db" --min-similarity 2

# echoes linked batch by batch are those a link of everything finds: a
# later batch echoes an earlier one, copies an earlier story (two stories
# become one), and says a line on an earlier date than its first echo
mkdir -p "$TMP/inc1" "$TMP/inc2" "$TMP/inc3"
harbour='"The harbour is not in Tindra, Velta or Lundar. It is here," Ines Kolar said at the quay.'
bridge='"The bridge budget will be voted in March and the works start before the summer," Tomas Ek told the council.'
printf 'Published: 2023-04-02\n\nThe mayor spoke at the quay on Sunday.\n\n%s\n\nThe ferry will run on Monday.\n' "$harbour" >"$TMP/inc1/a.txt"
printf 'Published: 2023-05-01\n\n%s\n' "$bridge" >"$TMP/inc1/c.txt"
printf 'Published: 2023-06-11\n\n%s\n\nHe added that the quay would close.\n' "$harbour" >"$TMP/inc1/e.txt"
printf 'Published: 2023-04-03\n\nThe mayor spoke at the quay on Sunday.\n\n%s\n\nThe ferry will run on Monday.\n' "$harbour" >"$TMP/inc2/a-copy.txt"
printf 'Published: 2023-01-10\n\n"The bridge budget will be voted in March and the works will start before summer," Tomas Ek said.\n' >"$TMP/inc2/d.txt"
printf 'Published: 2023-09-20\n\nInes Kolar returned to a familiar theme. "Our harbour is not in Lundar, Velta or Tindra but on our coast," she told the council.\n' >"$TMP/inc3/b.txt"
# a chain: x and z are alike only through y, and z, the earliest, comes last
printf 'Published: 2023-04-02\n\n"The ferry is not in Tindra, Velta or Lundar and the winter line stays with us," Nadia Orsk said.\n' >"$TMP/inc1/x.txt"
printf 'Published: 2023-05-02\n\n"The ferry is not in Tindra, Velta or Lundar and the winter line stays with us all winter, whatever the council in Velta decides," Nadia Orsk said.\n' >"$TMP/inc2/y.txt"
printf 'Published: 2022-01-02\n\n"The winter line stays with us all winter, whatever the council in Velta decides about the ferry," Nadia Orsk said.\n' >"$TMP/inc3/z.txt"
for batch in inc1 inc2 inc3; do
	"$DICTUM" ingest --quiet --db "$TMP/inc.db" "$TMP/$batch" 2>/dev/null
done
"$DICTUM" echoes --db "$TMP/inc.db" --json >"$TMP/inc-echoes.json" 2>/dev/null
"$DICTUM" speakers --db "$TMP/inc.db" --json >"$TMP/inc-speakers.json" 2>/dev/null
expect_grep '"statements":4,"stories":3' "$TMP/inc-echoes.json" "batches: the harbour line in three stories"
expect_grep '"first":"2023-01-10"' "$TMP/inc-echoes.json" "batches: a later batch's earlier date leads its echo"
expect_grep '"statements":3,"stories":3,"first":"2022-01-02"' "$TMP/inc-echoes.json" "batches: a chain of echoes is one"
expect_status 0 "link all after batches" "$DICTUM" link --db "$TMP/inc.db"
"$DICTUM" echoes --db "$TMP/inc.db" --json >"$TMP/all-echoes.json" 2>/dev/null
"$DICTUM" speakers --db "$TMP/inc.db" --json >"$TMP/all-speakers.json" 2>/dev/null
if cmp -s "$TMP/inc-echoes.json" "$TMP/all-echoes.json" && cmp -s "$TMP/inc-speakers.json" "$TMP/all-speakers.json"; then
	ok "echoes and speakers linked batch by batch equal a link of everything"
else
	bad "echoes and speakers linked batch by batch equal a link of everything"
	diff "$TMP/inc-echoes.json" "$TMP/all-echoes.json" | head -5
fi

# timeline: date order, undated apart, every month in the JSON
mkdir -p "$TMP/tl"
printf 'Ines Kolar said that the ferry runs.\n' >"$TMP/tl/a.txt"
printf 'Published: 2023-03-09\n\nInes Kolar said that the quay is busy.\n' >"$TMP/tl/b.txt"
printf 'Published: 2023-01-05\n\nInes K\303\263lar said that the pier is safe.\n' >"$TMP/tl/c.txt"
"$DICTUM" ingest --quiet --db "$TMP/tl.db" "$TMP/tl" 2>/dev/null
expect_status 0 "timeline" "$DICTUM" timeline --db "$TMP/tl.db" --speaker "Ines Kolar"
[ "$(grep -n 'pier is safe\|quay is busy\|undated\|ferry runs' "$TMP/out" | cut -d: -f2 | tr '\n' '|')" = \
	"    that the pier is safe|    that the quay is busy|undated (never given a date)|    that the ferry runs|" ] &&
	ok "timeline: dated in order (both spellings), then the undated" || bad "timeline: dated in order, then the undated"
expect_grep "^2023-02    0" "$TMP/out" "timeline charts an empty month between two"
expect_status 0 "timeline as JSON" "$DICTUM" timeline --db "$TMP/tl.db" --speaker kolar --query quay --json
expect_grep '"months":\[{"month":"2023-03","statements":1}\]' "$TMP/out" "timeline --query keeps the matching statements"
expect_status 2 "timeline without --speaker is a usage error" "$DICTUM" timeline --db "$TMP/tl.db"
expect_status 0 "timeline with an unclosed quote" "$DICTUM" timeline --db "$TMP/tl.db" --speaker kolar --json --query '"open quay'
expect_grep '"months":\[\]' "$TMP/out" "an unclosed quote is a phrase to the end"
expect_status 0 "show by source path" "$DICTUM" show --db "$DB" "$SRC/samples/01_ferry_winter.txt"
expect_grep "\[1 " "$TMP/out" "show marks statements"
expect_status 2 "show an unknown document" "$DICTUM" show --db "$DB" 99999

expect_status 0 "export csv" "$DICTUM" export --db "$DB" --format csv
expect_grep "^id,source,url,date" "$TMP/out" "csv header"
expect_status 0 "export jsonl" "$DICTUM" export --db "$DB" --format jsonl
expect_status 2 "queries on a missing database" "$DICTUM" quotes --db "$TMP/none.db"

# a page that names itself nowhere: its outlet is its address's host
printf '%s\n' '{"text":"Mayor Ines Kolar said that the quay opens in May.","url":"https://www.vellbycourier.example/2024/quay"}' >"$TMP/host.jsonl"
expect_status 0 "a JSON line with an address alone" "$DICTUM" extract "$TMP/host.jsonl"
expect_grep '"outlet":"vellbycourier.example"' "$TMP/out" "its outlet is the host of its address"

# readers' comments: kept apart, never read for statements, read back as written
printf '%s\n' '{"text":"Mayor Ines Kolar said that the quay opens in May.","comments":[{"text":"Mira Holt said that it will flood.","author":"Lina","date":"2024-03-02"},"Nice"]}' >"$TMP/comments.jsonl"
expect_status 0 "a JSON line with comments" "$DICTUM" extract "$TMP/comments.jsonl"
expect_grep '"comments":\[{"text":"Mira Holt said that it will flood.","author":"Lina","date":"2024-03-02"},{"text":"Nice","author":null,"date":null}\]' "$TMP/out" "its comments are kept apart, with author and date"
expect_no_grep '"speaker":"Mira Holt"' "$TMP/out" "a comment is no source of statements"
expect_no_grep '"roles":\[[^]]*\],"text":"[^"]*it will flood' "$TMP/out" "nor part of the article's text"
cp "$TMP/out" "$TMP/again.jsonl"
expect_status 0 "what extract wrote, read again" "$DICTUM" extract "$TMP/again.jsonl"
expect_grep '"comments":\[{"text":"Mira Holt said that it will flood.","author":"Lina","date":"2024-03-02"},{"text":"Nice","author":null,"date":null}\]' "$TMP/out" "comments survive the round trip"

# eval, on a small gold set written for the tests; the second annotator's
# file must be ignored, and scoring saved brat output must give the same.
expect_status 0 "eval extracts and scores" "$DICTUM" eval --gold "$SRC/tests/data/gold"
expect_grep "^Attribution   1.000 1.000 1.000" "$TMP/out" "eval scores the gold set"
cp "$TMP/out" "$TMP/eval-direct"
expect_status 0 "extract brat for eval" "$DICTUM" extract --format brat --out "$TMP/pred" "$SRC/tests/data/gold/text"
expect_status 0 "eval --pred" "$DICTUM" eval --gold "$SRC/tests/data/gold" --pred "$TMP/pred"
cmp -s "$TMP/out" "$TMP/eval-direct" && ok "saved brat scores as extraction does" || bad "saved brat scores as extraction does"
expect_status 2 "eval without gold" "$DICTUM" eval --gold "$TMP/nothing"

# train, on the same set: three model files that extraction can load; a
# corpus without silver parses gets an empty tag lexicon, and says so.
expect_status 0 "train on the gold set" "$DICTUM" train --gold "$SRC/tests/data/gold" --out "$TMP/models"
expect_grep "tag lexicon will be empty" "$TMP/err" "train says the tag lexicon is empty without silver parses"
for f in tags cue span; do
	[ -s "$TMP/models/$f.dmm" ] && ok "train wrote $f.dmm" || bad "train wrote $f.dmm"
done
expect_status 0 "eval --models" "$DICTUM" eval --gold "$SRC/tests/data/gold" --models "$TMP/models"
expect_grep "^Cue " "$TMP/out" "eval with trained models prints the table"
expect_status 2 "train without gold" "$DICTUM" train --gold "$TMP/nothing" --out "$TMP/m2"
expect_status 2 "extract with a missing model directory" "$DICTUM" extract --models "$TMP/nothing" "$SRC/tests/data/gold/text"
expect_grep "nothing/tags.dmm" "$TMP/err" "names the missing model file"
printf 'DMLM' >"$TMP/models/cue.dmm"
expect_status 2 "extract with a damaged model" "$DICTUM" extract --models "$TMP/models" "$SRC/tests/data/gold/text"
expect_grep "cue.dmm: not a dictum model" "$TMP/err" "names the damaged model file"

# -j N: inputs extracted side by side give the output, the messages and the
# archive of one at a time, in input order
mkdir -p "$TMP/jobs/a" "$TMP/jobs/b"
for k in 1 2 3; do
	for f in "$SRC"/samples/*.txt; do
		sed "s/Harbour/Harbour$k/g" "$f" >"$TMP/jobs/a/$k-$(basename "$f")"
	done
done
cp -r "$SRC/samples/web" "$TMP/jobs/b/"
: >"$TMP/jobs/a/2-empty.txt"
printf 'PK\003\004\000\000binary' >"$TMP/jobs/b/0-binary.txt"
# a container of more documents than a worker hands over at once, one of
# its lines broken
for k in $(seq 1 40); do
	[ "$k" -eq 23 ] && echo '{"text": broken' ||
		printf '{"text":"Mayor Ines Kolar%s said that the quay opens in May.","url":"https://www.vellbycourier.example/%s"}\n' "$k" "$k"
done >"$TMP/jobs/b/1-many.jsonl"
expect_status 1 "extract -j 1 (an empty and a binary input among them)" "$DICTUM" extract -j 1 "$TMP/jobs"
mv "$TMP/out" "$TMP/out-j1"
mv "$TMP/err" "$TMP/err-j1"
expect_status 1 "extract -j 4" "$DICTUM" extract -j 4 "$TMP/jobs"
cmp -s "$TMP/out" "$TMP/out-j1" && ok "-j 4 writes what -j 1 writes, in the same order" || bad "-j 4 writes what -j 1 writes, in the same order"
cmp -s "$TMP/err" "$TMP/err-j1" && ok "-j 4 says what -j 1 says, in the same order" || bad "-j 4 says what -j 1 says, in the same order"
[ "$(wc -l <"$TMP/out-j1")" -eq 77 ] && ok "one line a document" || bad "one line a document ($(wc -l <"$TMP/out-j1"))"
expect_status 1 "ingest -j 1" "$DICTUM" ingest -j 1 --db "$TMP/j1.db" "$TMP/jobs"
expect_status 1 "ingest -j 3" "$DICTUM" ingest -j 3 --db "$TMP/j3.db" "$TMP/jobs"
"$DICTUM" quotes --db "$TMP/j1.db" --json --limit 100000 >"$TMP/q1.json" 2>/dev/null
"$DICTUM" quotes --db "$TMP/j3.db" --json --limit 100000 >"$TMP/q3.json" 2>/dev/null
[ -s "$TMP/q1.json" ] && cmp -s "$TMP/q1.json" "$TMP/q3.json" && ok "the archives of -j 1 and -j 3 hold the same statements" || bad "the archives of -j 1 and -j 3 hold the same statements"
expect_status 2 "-j takes a count" "$DICTUM" extract -j many "$TMP/jobs"
expect_grep "no count of threads" "$TMP/err" "-j says what it wants"

# an empty folder makes an empty archive; serve refuses what it cannot do
mkdir -p "$TMP/nothing-here"
expect_status 0 "ingest an empty folder" "$DICTUM" ingest --quiet --db "$TMP/empty.db" "$TMP/nothing-here"
expect_status 2 "serve a missing database" "$DICTUM" serve --db "$TMP/absent.db"
expect_grep "absent.db: no such database" "$TMP/err" "serve names the missing database"
expect_status 2 "serve on a port out of range" "$DICTUM" serve --db "$TMP/empty.db" --port 70000
expect_grep "port takes a number" "$TMP/err" "serve says what a port is"
expect_status 2 "serve on a host name" "$DICTUM" serve --db "$TMP/empty.db" --bind example.org
expect_grep "not an IPv4 or IPv6 address" "$TMP/err" "serve wants an address"

finish
