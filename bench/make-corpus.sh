#!/bin/sh
# Build a deterministic synthetic corpus of at least MB megabytes from the
# bundled samples: file N holds every sample once, with the names of people
# and places numbered N so that no two files are the same text.
# usage: bench/make-corpus.sh MB OUTDIR
set -eu
mb=$1
out=$2
here=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"
# One sample set is about 8.5 KB; write enough sets to pass MB.
awk -v mb="$mb" -v out="$out" '
FNR == 1 { nfiles++ }
{ lines[nfiles, FNR] = $0; count[nfiles] = FNR; bytes += length($0) + 1 }
END {
	need = int(mb * 1000000 / bytes) + 1
	for (n = 1; n <= need; n++) {
		f = sprintf("%s/doc%06d.txt", out, n)
		for (s = 1; s <= nfiles; s++) {
			for (l = 1; l <= count[s]; l++) {
				line = lines[s, l]
				gsub(/Kolar/, "Kolar" n, line); gsub(/Imbert/, "Imbert" n, line)
				gsub(/Orsk/, "Orsk" n, line); gsub(/Port Amsel/, "Port Amsel " n, line)
				print line > f
			}
			print "" > f
		}
		close(f)
	}
}' "$here"/samples/*.txt
du -sb "$out" | awk '{ printf "%s: %.1f MB\n", $2, $1 / 1e6 }'
