#!/bin/sh
# Regression: attribution quality on PolNeAR dev may not fall.  Runs
# `dictum eval` on $DICTUM_SHARED/polnear/dev (default SOURCE_DIR/../shared)
# and compares each figure with its pinned value in polnear-dev.pinned: a
# figure more than one point (0.01) below its pin fails.  A figure more
# than a point above is reported, so that the pin can be raised with the
# change that earned it.  Exits 77 (skipped) where the corpus is absent.
# usage: polnear_dev.sh DICTUM SOURCE_DIR
set -eu
dictum=$1
src=$2
. "$src/tests/acceptance/polnear.sh"
polnear_split dev "$src"
gold=$GOLD
pinned=$src/tests/acceptance/polnear-dev.pinned
out=$("$dictum" eval --gold "$gold")
echo "$out"
# "NAME VALUE" for every figure of the table: cue.exact.f1 0.644 ...
echo "$out" | awk '
$1 ~ /^(Cue|Source|Content|Attribution)$/ && $2 ~ /^[0-9.]+$/ {
	n = tolower($1)
	print n ".exact.p", $2; print n ".exact.r", $3; print n ".exact.f1", $4
	print n ".overlap.p", $5; print n ".overlap.r", $6; print n ".overlap.f1", $7
}
/^Content recall/ {
	for (i = 1; i <= NF; i++) {
		if ($i == "marks") print "recall.quoted", $(i + 1)
		if ($i == "without") print "recall.unquoted", $(i + 1)
	}
}' >"${TMPDIR:-/tmp}/dictum-dev.$$"
status=0
while read -r name pin; do
	case $name in '' | '#'*) continue ;; esac
	got=$(awk -v n="$name" '$1 == n { print $2 }' "${TMPDIR:-/tmp}/dictum-dev.$$")
	if [ -z "$got" ]; then
		echo "FAIL  $name: not in the output of dictum eval"
		status=1
		continue
	fi
	verdict=$(awk -v g="$got" -v p="$pin" 'BEGIN {
		if (g < p - 0.01) print "FAIL"; else if (g > p + 0.01) print "UP"; else print "ok" }')
	case $verdict in
	FAIL) echo "FAIL  $name: $got, pinned $pin"; status=1 ;;
	UP) echo "ok    $name: $got, pinned $pin (more than a point up: raise the pin)" ;;
	*) echo "ok    $name: $got, pinned $pin" ;;
	esac
done <"$pinned"
rm -f "${TMPDIR:-/tmp}/dictum-dev.$$"
exit $status
