#!/bin/sh
# Acceptance: `dictum train` on PolNeAR train reproduces the models in the
# repository byte for byte (liblinear is deterministic for a given input
# and seed), so models/ is always what the documented command makes.
# Exits 77 (skipped) where the corpus is absent.
# usage: train.sh DICTUM SOURCE_DIR
set -eu
dictum=$1
src=$2
. "$src/tests/acceptance/polnear.sh"
polnear_split train "$src"
gold=$GOLD
out=$(mktemp -d "${TMPDIR:-/tmp}/dictum-train.XXXXXX")
trap 'rm -rf "$out"' EXIT
"$dictum" train --gold "$gold" --out "$out"
status=0
for f in tags cue span; do
	if cmp -s "$out/$f.dmm" "$src/models/$f.dmm"; then
		echo "ok    models/$f.dmm reproduced"
	else
		echo "FAIL  models/$f.dmm differs from what dictum train makes now: retrain and commit it"
		status=1
	fi
done
exit $status
