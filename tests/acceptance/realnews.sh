#!/bin/sh
# Who said what: `dictum eval --statements` on the real-news gold and
# `dictum eval --speakers` on PolNeAR dev's resolved speakers, both under
# $DICTUM_SHARED (default SOURCE_DIR/../shared).
#
# Where python3 is, each SUMMARY line must be the reference scorer's to the
# digit (realnews_score.py, polnear_speaker_score.py, run on this same
# binary's `dictum extract --format jsonl`): the C scorer is the measure,
# and this keeps it the reference's.  Then each figure is held to its pin
# in realnews.pinned ("NAME min VALUE": fails below; "NAME max VALUE":
# fails above).  Exits 77 (skipped) where neither gold is present.
# usage: realnews.sh DICTUM SOURCE_DIR
set -eu
dictum=$1
src=$2
shared=${DICTUM_SHARED:-$src/../shared}
pinned=$src/tests/acceptance/realnews.pinned
statements_gold=$shared/realnews/dev-gold.json
pages=$shared/extraction-bench
speakers_gold=$shared/polnear/speakers/dev-speakers.json
texts=$shared/polnear/dev/text
if [ ! -f "$statements_gold" ] && [ ! -f "$speakers_gold" ]; then
	echo "SKIPPED: no realnews/dev-gold.json nor polnear/speakers/dev-speakers.json under $shared (set DICTUM_SHARED)"
	exit 77
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dictum-realnews.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
if command -v python3 >/dev/null 2>&1; then
	python=python3
else
	python=
	echo "note  no python3: the figures are not compared with the reference scorers'"
fi
status=0
: >"$tmp/figures"

# measure NAME SCORER GOLD INPUT EVAL-ARGS...: run `dictum eval EVAL-ARGS`,
# compare its SUMMARY with SCORER's on `dictum extract` of INPUT, and keep
# its figures as "NAME.KEY VALUE" lines.
measure() {
	name=$1 scorer=$2 gold=$3 input=$4
	shift 4
	if ! "$dictum" eval "$@" >"$tmp/$name.out"; then
		cat "$tmp/$name.out"
		echo "FAIL  $name: dictum eval $* failed"
		status=1
		return
	fi
	cat "$tmp/$name.out"
	ours=$(grep '^SUMMARY ' "$tmp/$name.out" || true)
	if [ -z "$ours" ]; then
		echo "FAIL  $name: no SUMMARY line from dictum eval"
		status=1
		return
	fi
	if [ -n "$python" ]; then
		# a page that fails to extract is missing from both: eval said so above
		"$dictum" extract --format jsonl --quiet "$input" >"$tmp/$name.jsonl" || true
		theirs=$("$python" "$scorer" "$gold" "$tmp/$name.jsonl" | grep '^SUMMARY ' || true)
		if [ "$ours" = "$theirs" ]; then
			echo "ok    $name: the same figures as $(basename "$scorer")"
		else
			echo "FAIL  $name: dictum eval and $(basename "$scorer") differ"
			echo "      dictum:    $ours"
			echo "      reference: $theirs"
			status=1
		fi
	fi
	echo "$ours" | tr ' ' '\n' | awk -F= -v n="$name" 'NF == 2 { print n "." $1, $2 }' >>"$tmp/figures"
}

if [ -f "$statements_gold" ] && [ -d "$pages" ]; then
	measure statements "$shared/realnews/realnews_score.py" "$statements_gold" "$pages/html" \
		--statements "$statements_gold" "$pages"
else
	echo "note  no real-news gold or pages under $shared: --statements not measured"
fi
if [ -f "$speakers_gold" ] && [ -d "$texts" ]; then
	measure speakers "$shared/polnear/speakers/polnear_speaker_score.py" "$speakers_gold" "$texts" \
		--speakers "$speakers_gold" "$texts"
else
	echo "note  no PolNeAR speakers or dev texts under $shared: --speakers not measured"
fi

pins=0
while read -r name bound pin; do
	case $name in '' | '#'*) continue ;; esac
	pins=$((pins + 1))
	got=$(awk -v n="$name" '$1 == n { print $2 }' "$tmp/figures")
	if [ -z "$got" ]; then
		echo "note  $name: not measured here"
		continue
	fi
	case $bound in
	min) bad=$(awk -v g="$got" -v p="$pin" 'BEGIN { print (g + 0 < p + 0) }') word="below its floor" ;;
	max) bad=$(awk -v g="$got" -v p="$pin" 'BEGIN { print (g + 0 > p + 0) }') word="above its ceiling" ;;
	*)
		echo "FAIL  $pinned: $name: '$bound' is neither min nor max"
		status=1
		continue
		;;
	esac
	if [ "$bad" = 1 ]; then
		echo "FAIL  $name: $got, $word $pin"
		status=1
	else
		echo "ok    $name: $got ($bound $pin)"
	fi
done <"$pinned"
[ "$pins" -gt 0 ] || echo "note  no figure is pinned in $(basename "$pinned")"
exit $status
