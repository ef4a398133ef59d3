# Shared by the command-line tests: a scratch directory and checks that
# count, so the run ends with the "N passed, N failed" line CTest logs keep.
set -u
PASS=0
FAIL=0
TMP=$(mktemp -d "${TMPDIR:-/tmp}/dictum-cli.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

ok() { PASS=$((PASS + 1)); echo "ok   $1"; }
bad() { FAIL=$((FAIL + 1)); echo "FAIL $1"; }

# expect_status WANT NAME CMD...: run CMD, compare its exit status
expect_status() {
	want=$1 name=$2
	shift 2
	"$@" >"$TMP/out" 2>"$TMP/err"
	got=$?
	if [ "$got" -eq "$want" ]; then ok "$name"; else bad "$name (exit $got, want $want)"; sed 's/^/     /' "$TMP/err" | head -5; fi
}

# expect_grep PATTERN FILE NAME
expect_grep() {
	if grep -q -- "$1" "$2"; then ok "$3"; else bad "$3 (no '$1' in $(basename "$2"))"; fi
}

# expect_no_grep PATTERN FILE NAME
expect_no_grep() {
	if grep -q -- "$1" "$2"; then bad "$3 ('$1' in $(basename "$2"))"; else ok "$3"; fi
}

finish() {
	echo "$PASS passed, $FAIL failed"
	[ "$FAIL" -eq 0 ]
}
