#!/bin/sh
# Bad input: each is reported with its path, the batch goes on, and the
# exit status says some input failed.
# usage: bad_input.sh DICTUM
DICTUM=$1
. "$(dirname "$0")/lib.sh"

mkdir -p "$TMP/in"
printf 'Mayor Ines Kolar said that the ferry will run.\n' >"$TMP/in/good.txt"
: >"$TMP/in/empty.txt"
printf 'ELF\001\000\000binary' >"$TMP/in/binary.bin"
printf 'Mayor Ines Kolar said that the caf\351 is open.\n' >"$TMP/in/latin1.txt"
printf 'Mayor In\303\251s Kolar said that the caf\351 is open.\n' >"$TMP/in/mixed.txt"
printf '\377\376M\000a\000y\000o\000r\000 \000I\000n\000e\000s\000 \000K\000o\000l\000\341\000r\000 \000s\000a\000i\000d\000 \000t\000h\000a\000t\000 \000t\000h\000e\000 \000p\000i\000e\000r\000 \000i\000s\000 \000s\000a\000f\000e\000.\000' >"$TMP/in/utf16.txt"
# UTF-32LE of ASCII: a byte-order mark, then each character in four bytes
utf32() { printf '\377\376\000\000'; s=$1; while [ -n "$s" ]; do c=${s%"${s#?}"}; printf '%s\000\000\000' "$c"; s=${s#?}; done; }
utf32 'Oskar Lind said that it rains on the quay.' >"$TMP/in/utf32.txt"
printf 'Harbour news\r\rBy Lena Marsh\r\rMira Holt said that the quay will open in May.\r' >"$TMP/in/mac.txt"
printf 'Tomas Ek said that gzip works.\n' | gzip >"$TMP/in/packed.txt.gz"

expect_status 1 "a batch with bad files" "$DICTUM" extract "$TMP/in" "$TMP/missing.txt"
expect_grep "empty.txt: empty file" "$TMP/err" "an empty file is named"
expect_grep "binary.bin: binary file" "$TMP/err" "a binary file is named"
expect_grep "missing.txt: No such file" "$TMP/err" "a missing path is named"
expect_grep "latin1.txt: warning: not UTF-8: read as Windows-1252" "$TMP/err" "text in a single-byte code page is decoded, with a warning naming it"
expect_grep "$(printf '"content":"that the caf\303\251 is open"')" "$TMP/out" "its accents are read"
expect_grep "mixed.txt: warning: invalid UTF-8: 1 byte replaced" "$TMP/err" "a stray byte in UTF-8 text is repaired with a warning"
expect_grep "$(printf "caf\357\277\275 is open")" "$TMP/out" "the bad byte became U+FFFD"
expect_grep "$(printf '"speaker":"Ines Kol\303\241r"')" "$TMP/out" "UTF-16 with a byte-order mark is decoded"
expect_grep '"speaker":"Oskar Lind"' "$TMP/out" "UTF-32 with a byte-order mark is decoded"
expect_grep '"authors":\["Lena Marsh"\]' "$TMP/out" "old Mac line ends (CR only) end lines: the byline is read as one"
expect_grep '"speaker":"Mira Holt"' "$TMP/out" "and the article's statements are found"
expect_grep '"speaker":"Tomas Ek"' "$TMP/out" "gzip input is read"
[ "$(wc -l <"$TMP/out")" -eq 7 ] && ok "the good files are all extracted" || bad "the good files are all extracted"

expect_status 1 "ingest goes on past bad files" "$DICTUM" ingest --db "$TMP/b.db" "$TMP/in"
expect_grep "7 stored" "$TMP/err" "ingest stored the good files"
expect_grep "2 repaired" "$TMP/err" "ingest counts the files it repaired or decoded with a warning"

# bytes a declared encoding does not allow: said in our words, never libxml2's on stderr
printf '<?xml version="1.0" encoding="ISO-2022-JP"?><rss><channel><item><title>Quay</title><description>Mira Holt said that the quay is open. \033$B\377\377 b</description></item></channel></rss>' >"$TMP/enc.xml"
printf '<html><head><meta charset="ISO-2022-JP"></head><body><p>Mira Holt said that the quay is open. \033$B\377\377 world.</p></body></html>' >"$TMP/enc.html"
expect_status 1 "a feed with bytes its encoding does not allow" "$DICTUM" extract "$TMP/enc.xml" "$TMP/enc.html"
expect_grep "enc.xml: feed damaged (bytes not valid in the declared encoding): what follows may be missing" "$TMP/err" "the damage is named"
expect_grep '"speaker":"Mira Holt"' "$TMP/out" "the items before it are read"
expect_no_grep "encoding error\|I/O error" "$TMP/err" "the parser's own messages are not printed"

# 50 MB on one line, no newline
awk 'BEGIN { s = "Mayor Ines Kolar said that the ferry will run all winter, and the harbour chief agreed. "; for (i = 0; i < 560000; i++) printf "%s", s }' >"$TMP/long.txt"
expect_status 0 "a 50 MB file with no newline" "$DICTUM" extract "$TMP/long.txt"
expect_grep '"speaker":"Ines Kolar"' "$TMP/out" "its statements are found"

# ten thousand small files
mkdir -p "$TMP/many"
i=0
while [ $i -lt 10000 ]; do
	echo "Councillor Jonas Brandt said that item $i was approved." >"$TMP/many/f$i.txt"
	i=$((i + 1))
done
expect_status 0 "ten thousand small files" "$DICTUM" ingest --db "$TMP/many.db" --quiet "$TMP/many"
expect_status 0 "all of them stored" "$DICTUM" quotes --db "$TMP/many.db" --speaker Brandt --json
[ "$(grep -c '"speaker":"Jonas Brandt"' "$TMP/out")" -eq 10000 ] && ok "10000 statements" || bad "10000 statements"

# a corrupt gzip member
printf '\037\213\010\000\000\000\000\000\000\003garbage' >"$TMP/bad.gz"
expect_status 1 "a corrupt gzip file" "$DICTUM" extract "$TMP/bad.gz"
expect_grep "bad.gz: gzip data" "$TMP/err" "the gzip damage is named"
[ "$(grep -c 'bad.gz' "$TMP/err")" -eq 1 ] && ok "the gzip damage is named once" || bad "the gzip damage is named once"

# web pages: tag soup, nesting 100,000 deep, a 20 MB attribute
mkdir -p "$TMP/pages"
printf '<html><body><div><p>Mayor Ines Kolar said that the pier is safe. <p>Two <b>bold <i>open <table><tr><td>cell' \
	>"$TMP/pages/soup.html"
awk 'BEGIN { printf "<html><body>"; for (i = 0; i < 100000; i++) printf "<div>"; printf "<p>Deep, said Tomas Ek.</p>" }' \
	>"$TMP/pages/deep.html"
awk 'BEGIN { printf "<html><body><div title=\""; for (i = 0; i < 20 * 1024; i++) printf "%1024s", "x";
	printf "\"><p>The harbour chief, Tomas Ek, said that the night ferry will sail again in May.</p></div></body></html>" }' \
	>"$TMP/pages/attr.html"
expect_status 1 "a batch of bad web pages" "$DICTUM" extract "$TMP/pages"
expect_grep '"speaker":"Ines Kolar"' "$TMP/out" "tag soup is read"
expect_grep "deep.html: HTML parsing stopped at line 1 (Excessive depth in document)" "$TMP/err" "deep nesting is named"
expect_grep '"speaker":"Tomas Ek"' "$TMP/out" "the page with a 20 MB attribute is read"

# containers: a gzip member of a web archive that expands past the limit,
# a record whose length lies, JSONL with a broken line
mkdir -p "$TMP/arch"
{
	printf 'WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: text/plain\r\nContent-Length: 3000000\r\n\r\n'
	head -c 3000000 /dev/zero | tr '\0' 'a'
	printf '\r\n\r\n'
} | gzip -c >"$TMP/arch/bomb.warc.gz"
printf 'WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nMayor Ines Kolar said that the pier is safe.\r\n\r\n' >"$TMP/arch/lies.warc"
printf 'WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: text/plain\r\nContent-Length: 44\r\n\r\nMayor Ines Kolar said that the pier is safe.\r\n\r\n' >>"$TMP/arch/lies.warc"
printf '{"text": "Tomas Ek said that the ferry runs."}\n{"text": "cut\n{"text": "Ines Kolar said that the pier is safe."}\n' >"$TMP/arch/lines.jsonl"
# lengths that lie: negative, past the end of the archive, over the limit; each loses only its record
good_record='WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: text/plain\r\nContent-Length: 44\r\n\r\nMayor Ines Kolar said that the pier is safe.\r\n\r\n'
printf "WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: text/plain\r\nContent-Length: -5\r\n\r\nhello\r\n\r\n$good_record" >"$TMP/arch/negative.warc"
printf "WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: text/plain\r\nContent-Length: 99999\r\n\r\nhello\r\n\r\n$good_record" >"$TMP/arch/toolong.warc"
printf "WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: text/plain\r\nContent-Length: 99999999999\r\n\r\nhello\r\n\r\n$good_record" >"$TMP/arch/overlimit.warc"
expect_status 1 "a batch of bad containers" env DICTUM_MAX_MB=1 "$DICTUM" extract "$TMP/arch"
expect_grep "bomb.warc.gz: a gzip member expands past the limit of 1048576 bytes" "$TMP/err" "a gzip bomb is stopped"
expect_grep "lies.warc#1: Content-Length 5 does not end where the record does" "$TMP/err" "a lying length is named"
expect_grep '"source":"[^"]*lies.warc#2"' "$TMP/out" "the record after it is read"
expect_grep "lines.jsonl#2: not JSON" "$TMP/err" "a broken JSON line is named"
expect_grep "negative.warc#1: record without a valid Content-Length ('-5')" "$TMP/err" "a negative length is named as it is written"
expect_grep "toolong.warc#1: Content-Length 99999 runs past the end of the archive" "$TMP/err" "a length past the end is named"
expect_grep "overlimit.warc#1: Content-Length 99999999999 is over the limit of 1048576 bytes" "$TMP/err" "a length over the limit is named"
for w in negative toolong overlimit; do
	expect_grep "\"source\":\"[^\"]*$w.warc#2\"" "$TMP/out" "the record after the $w length is read"
done
[ "$(grep -c 'lines.jsonl#' "$TMP/out")" -eq 2 ] && ok "the other JSON lines are read" || bad "the other JSON lines are read"
printf '{\n  "about": "not JSON lines: one document printed over several lines",\n  "n": 1\n}\n' >"$TMP/pretty.json"
expect_status 0 "a JSON document over several lines is no JSON-lines container" "$DICTUM" extract "$TMP/pretty.json"
expect_grep '"source":"[^"]*pretty.json"' "$TMP/out" "it is read as one document"

# the archive: no name; a disk that fills up mid-ingest (a file size limit,
# its signal ignored, so that writes fail as on a full disk); a folder a
# reader cannot write
expect_status 2 "an empty database name" "$DICTUM" ingest --db '' "$TMP/in/good.txt"
expect_grep "no database named" "$TMP/err" "an empty name is refused, not a temporary database"
mkdir -p "$TMP/full" "$TMP/seed"
echo "Nobody said anything." >"$TMP/seed/a.txt"
"$DICTUM" ingest --quiet --db "$TMP/full.db" "$TMP/seed" # the schema, before the limit
i=0
while [ $i -lt 300 ]; do
	{
		echo "Councillor Jonas Brandt said that item $i was approved on the quay."
		for k in 1 2 3 4 5 6 7 8; do
			printf '\nThe harbour board met on day %s of item %s to hear the pilots, the ferry crews and the traders.\n' $k $i
		done
	} >"$TMP/full/f$i.txt"
	i=$((i + 1))
done
(trap '' XFSZ; ulimit -f 400; exec "$DICTUM" ingest --db "$TMP/full.db" "$TMP/full") >"$TMP/out" 2>"$TMP/err"
[ $? -eq 2 ] && ok "a full disk stops the ingest (exit 2)" || bad "a full disk stops the ingest (exit 2)"
expect_grep "stopped: cannot commit: the disk could not be read or written" "$TMP/err" "one message says why"
[ "$(grep -c 'dictum ingest' "$TMP/err")" -eq 2 ] && ok "one message and a summary, no line per input" ||
	bad "one message and a summary, no line per input"
expect_grep "0 stored, 300 not stored" "$TMP/err" "the summary says what was not stored"
expect_status 0 "the archive is whole after it" "$DICTUM" ingest --quiet --db "$TMP/full.db" "$TMP/full"
expect_status 0 "and holds every input once" "$DICTUM" export --db "$TMP/full.db" --format csv
[ "$(grep -c 'Jonas Brandt' "$TMP/out")" -eq 300 ] && ok "300 statements, none twice" || bad "300 statements, none twice"
if [ "$(id -u)" -ne 0 ]; then
	mkdir -p "$TMP/locked" && cp "$TMP/full.db" "$TMP/locked/a.db" && chmod 555 "$TMP/locked"
	expect_status 0 "a reader without write access to the folder" "$DICTUM" quotes --db "$TMP/locked/a.db" --limit 1
	chmod 755 "$TMP/locked"
else
	echo "skip a reader without write access to the folder (root may write anywhere)"
fi

finish
