#!/bin/sh
# The long form of tests/cli/kill.sh: 100 SIGKILLs (or KILLS) during
# ingest, ingest --replace and link, with a fixed seed, each followed by
# 'dictum check'; then an ingest to the end and the corpus counted.
# usage: [KILLS=100] [SEED=20261130] sh bench/kill.sh
set -eu
cd "$(dirname "$0")/.."
cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build-release -j "$(nproc)" >/dev/null
sh bench/about.sh
exec sh tests/cli/kill.sh build-release/dictum "${KILLS:-100}" "${SEED:-20261130}"
