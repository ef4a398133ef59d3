#!/bin/sh
# What a benchmark ran on, for its record in docs/BENCHMARKS.md: the
# machine, the date and the commit.  Every bench script prints it first.
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "date:    $(date -u +%Y-%m-%d)"
echo "dictum:  $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
