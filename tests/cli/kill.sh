#!/bin/sh
# SIGKILL at any moment never damages the archive.  KILLS times (seeded:
# the same moments every run), an ingest, an ingest --replace or a link is
# killed after a pseudo-random delay; after each kill 'dictum check' must
# find the archive whole and holding whole batches only (no documents, or
# every one).  Then an ingest to the end must leave the corpus complete,
# each statement once.  The test command runs 10 kills; bench/kill.sh 100.
# usage: kill.sh DICTUM [KILLS] [SEED]
DICTUM=$1
KILLS=${2:-10}
SEED=${3:-20261130}
. "$(dirname "$0")/lib.sh"

# a corpus of one batch: 1200 articles, a statement each, and text enough
# that ingesting takes a moment
mkdir -p "$TMP/in"
i=0
while [ $i -lt 1200 ]; do
	{
		echo "Councillor Jonas Brandt said that motion $i on the harbour was carried."
		k=0
		while [ $k -lt 6 ]; do
			printf '\nThe board heard pilots and traders on day %s of motion %s, and the crane was discussed again.\n' $k $i
			k=$((k + 1))
		done
	} >"$TMP/in/a$i.txt"
	i=$((i + 1))
done
DB="$TMP/kill.db"

# delays from 0 to 0.15 s (each command takes about that long), the same
# list for the same seed
awk -v n="$KILLS" -v seed="$SEED" 'BEGIN { srand(seed); for (i = 0; i < n; i++) printf "%.3f\n", rand() * 0.15 }' >"$TMP/delays"

n=0
broken=0
hit=0 # kills that found the command still at work
while read -r delay; do
	n=$((n + 1))
	case $((n % 3)) in
	0) set -- ingest --quiet --db "$DB" "$TMP/in" ;;
	1) set -- ingest --quiet --replace --db "$DB" "$TMP/in" ;;
	2) set -- link --quiet --db "$DB" ;;
	esac
	"$DICTUM" "$@" >/dev/null 2>&1 &
	pid=$!
	sleep "$delay"
	kill -9 $pid 2>/dev/null && hit=$((hit + 1))
	wait $pid 2>/dev/null
	[ -f "$DB" ] || continue
	if ! "$DICTUM" check --db "$DB" >"$TMP/check" 2>&1; then
		broken=$((broken + 1))
		echo "     after kill $n ($1 at ${delay}s):"
		sed 's/^/     /' "$TMP/check" | head -5
		continue
	fi
	docs=$(sed -n 's/.*: \([0-9]*\) documents.*/\1/p' "$TMP/check")
	if [ "$docs" -ne 0 ] && [ "$docs" -ne 1200 ]; then
		broken=$((broken + 1))
		echo "     after kill $n ($1 at ${delay}s): $docs documents, not a whole batch"
	fi
done <"$TMP/delays"
[ $broken -eq 0 ] && ok "$KILLS kills ($hit of them mid-work) left the archive whole, in whole batches" ||
	bad "$broken of $KILLS kills left the archive damaged or a batch in part"
[ $((hit * 3)) -ge "$KILLS" ] && ok "at least a third of the kills hit a command at work" ||
	bad "only $hit of $KILLS kills hit a command at work: the test would prove little"

expect_status 0 "an ingest to the end after the kills" "$DICTUM" ingest --quiet --db "$DB" "$TMP/in"
expect_status 0 "the archive is whole" "$DICTUM" check --db "$DB"
expect_grep ": 1200 documents, 1200 statements: whole" "$TMP/out" "every article once, every statement once"

finish
