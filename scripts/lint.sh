#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# checkpatch --strict over every patch of the series.
. "$(dirname "$0")/lib.sh"

fail=0
for p in $(series_files); do
	# Debian's python3 (with python3-ply for spdxcheck.py), not a pyenv one.
	out=$(cd "$TREE" && PATH=/usr/bin:$PATH scripts/checkpatch.pl --strict --terse --show-types \
		"$TOP/patches/$p" 2>&1) || fail=1
	printf '%s\n' "$out" | grep -v '^total:' | sed "s|^$TOP/patches/||" || true
	printf '%s: %s\n' "$p" "$(printf '%s\n' "$out" | grep '^total:' || echo clean)"
done
[ $fail = 0 ] || die "checkpatch found problems"
