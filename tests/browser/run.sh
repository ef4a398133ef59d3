#!/bin/sh
# The browser test of 'dictum serve' (browser.test.mjs): builds an archive
# of the samples and of an article whose quotes hold markup, and drives
# Debian's Chromium through playwright-core.  Skipped (77) where node,
# playwright-core (scripts/test installs it) or Chromium is missing, unless
# DICTUM_BROWSER_REQUIRED=1, as in scripts/test, which makes that a failure.
# usage: run.sh DICTUM SOURCE_DIR OUT_DIR
set -eu
dictum=$1
src=$2
out=$3
here=$src/tests/browser
chromium=${DICTUM_CHROMIUM:-/usr/bin/chromium}

missing=""
command -v node >/dev/null 2>&1 || missing="node"
[ -f "$here/node_modules/playwright-core/package.json" ] || missing="$missing playwright-core (npm ci --prefix tests/browser)"
[ -x "$chromium" ] || missing="$missing $chromium"
if [ -n "$missing" ]; then
	if [ "${DICTUM_BROWSER_REQUIRED:-0}" = 1 ]; then
		echo "browser test: missing:$missing" >&2
		exit 1
	fi
	echo "browser test skipped: missing:$missing"
	exit 77
fi

rm -rf "$out"
mkdir -p "$out/empty"
"$dictum" ingest --quiet --db "$out/archive.db" "$src/samples" "$src/tests/data/serve"
"$dictum" ingest --quiet --db "$out/empty.db" "$out/empty"
exec node "$here/browser.test.mjs" "$dictum" "$out" "$chromium"
