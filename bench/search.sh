#!/bin/sh
# Search, one query at a time (issue 22): dictum serve beside Xapian 1.4
# (Debian's, through python3-xapian and Debian's own /usr/bin/python3) on the
# same statements and the same
# query lists, per-query p50 / p90 / p99 in one run (bench/search.py).
# The archive is bench/serve.sh's synthetic one of N statements
# (bench/echoes.py), made when absent; the Xapian database beside it.
# usage: [N=100000] bench/search.sh
set -eu
cd "$(dirname "$0")/.."
scripts/install-deps python3-xapian
. bench/archive.sh
echo "xapian:  $(/usr/bin/python3 -c 'import xapian; print(xapian.version_string())')"
start_server search
/usr/bin/python3 bench/search.py "$db" "$url" "$out/xapian-$n" "$out/serve-plain.txt" "$out/serve-common.txt"
