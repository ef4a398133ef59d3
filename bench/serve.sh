#!/bin/sh
# Serving under load (issue 7): wrk against /api/search of 'dictum serve' on
# a synthetic archive of N statements (default 100,000; bench/echoes.py),
# 64 connections for 30 seconds on loopback, server and wrk on the same
# machine.  Three query mixes, each a list of paths wrk cycles through:
#   plain:  a word drawn from any frequency band of the archive's
#           vocabulary, or words of a stored statement: one, two (AND), a
#           phrase, a prefix;
#   mixed:  the same three times over, a third with a speaker filter (a
#           surname, any spelling) and a third with a date filter;
#   common: only the 50 words found in most statements (the worst case:
#           each matches 2-4% of the archive, thousands of rows to rank).
# The server is warmed first (10 s of the mixed list, not reported): a
# server that has answered for a while has the archive's pages mapped.
# Prints wrk's latency distribution, requests per second and any errors.
# usage: [N=100000] [SECONDS=30] [CONNECTIONS=64] bench/serve.sh
set -eu
cd "$(dirname "$0")/.."
secs=${SECONDS:-30}
conns=${CONNECTIONS:-64}
scripts/install-deps wrk
. bench/archive.sh
echo "wrk:     $(wrk -v 2>&1 | head -1)"
start_server serve
echo "archive: $("$bin" speakers --db "$db" 2>/dev/null | wc -l) speakers; $(wget -qO- "$url/api/stats" 2>/dev/null || curl -s "$url/api/stats")"

QUERIES="$out/serve-mixed.txt" wrk -t2 -c"$conns" -d10s -s bench/serve.lua "$url" >/dev/null
for mix in plain mixed common; do
	echo
	echo "== $mix: $(wc -l <"$out/serve-$mix.txt") queries, wrk -t2 -c$conns -d${secs}s --latency"
	QUERIES="$out/serve-$mix.txt" wrk -t2 -c"$conns" -d"${secs}s" --latency -s bench/serve.lua "$url"
done
