#!/bin/sh
# Memory per document: the peak resident memory of 'dictum extract' on
# one document of each adversarial kind (tests/acceptance/adversarial.c)
# at 8 and 32 MB, less that of a one-line document (the program and its
# models), over the document's size.  Issue 20's limit is 8 times.
# usage: [SIZES="8 32"] sh bench/memory.sh
set -eu
cd "$(dirname "$0")/.."
cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build-release -j "$(nproc)" >/dev/null
sh bench/about.sh
out=bench/out/memory
mkdir -p $out
peak() { /usr/bin/time -f %M build-release/dictum extract "$1" 2>&1 >/dev/null | tail -1; }
echo 'Ines Kolar said that it rains.' >$out/one.txt
base=$(peak $out/one.txt)
echo "one line: ${base} KB"
printf '%-14s %6s %10s %8s\n' kind MB "peak MB" "times"
for kind in statements organisations quotes sentence paragraph names html; do
	for mb in ${SIZES:-8 32}; do
		build-release/tests/test_adversarial --write $kind "$mb" >$out/doc
		bytes=$(wc -c <$out/doc)
		kb=$(peak $out/doc)
		awk -v k=$kind -v mb="$mb" -v kb="$kb" -v base="$base" -v bytes="$bytes" \
			'BEGIN { printf "%-14s %6d %10.1f %8.1f\n", k, mb, kb / 1024, (kb - base) * 1024 / bytes }'
	done
done
rm -f $out/doc
