#!/bin/sh
# Web pages nobody tuned for: trafilatura's real-world extraction tests
# ($DICTUM_SHARED/trafilatura-tests, default SOURCE_DIR/../shared), run by
# their own check.py against this dictum.  Each figure is held to its pin
# below (raise with the change that earns it; never lower to pass).  Exits
# 77 (skipped) where the tests or python3 are absent.
# usage: trafilatura.sh DICTUM SOURCE_DIR
set -eu
dictum=$1
tests=${DICTUM_SHARED:-$2/../shared}/trafilatura-tests
pin_all=0.971     # every assertion
pin_must=0.956    # "must contain" (a string in `comments` counts)
pin_mustnot=0.986 # "must not contain"
pin_empty=0       # pages with no text, at most
if [ ! -f "$tests/check.py" ]; then
	echo "SKIPPED: no trafilatura-tests at $tests (set DICTUM_SHARED)"
	exit 77
fi
if ! command -v python3 >/dev/null 2>&1; then
	echo "SKIPPED: check.py needs python3 (scripts/install-deps installs it)"
	exit 77
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dictum-tf.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
TF_OUT=$tmp python3 "$tests/check.py" "$tests" "$dictum" --show 100 >"$tmp/out" 2>&1 || true
cat "$tmp/out"
# "  must contain      passed 157/205 = 0.766 (...)": the figure after "="
figure() { awk -v k="$1" 'index($0, k) == 1 { for (i = 1; i <= NF; i++) if ($i == "=") { print $(i + 1); exit } }' "$tmp/out"; }
all=$(figure "  all ")
must=$(figure "  must contain ")
mustnot=$(figure "  must not contain ")
empty=$(sed -n 's/^pages tested: [0-9]* (with no text from dictum: \([0-9]*\)).*/\1/p' "$tmp/out")
if [ -z "$all" ] || [ -z "$must" ] || [ -z "$mustnot" ] || [ -z "$empty" ]; then
	echo "FAIL  check.py gave no figures"
	exit 1
fi
status=0
hold() { # NAME GOT PIN: GOT must be at least PIN
	if awk -v g="$2" -v p="$3" 'BEGIN { exit !(g + 0 < p + 0) }'; then
		echo "FAIL  $1 $2 is below its pin $3"
		status=1
	else
		echo "ok    $1 $2 (pin $3)"
	fi
}
hold "all assertions" "$all" "$pin_all"
hold "must contain" "$must" "$pin_must"
hold "must not contain" "$mustnot" "$pin_mustnot"
if [ "$empty" -gt "$pin_empty" ]; then
	echo "FAIL  $empty pages without text (at most $pin_empty)"
	status=1
else
	echo "ok    $empty pages without text (at most $pin_empty)"
fi
exit $status
