#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# checkpatch --strict over every patch of the series.
. "$(dirname "$0")/lib.sh"

# checkpatch warns about every added file unless the same patch touches
# MAINTAINERS (FILE_PATH_CHANGES). That check is done properly below: every
# file the series adds must have a maintainer in the patched tree.
fail=0
for p in $(series_files); do
	# Debian's python3 (with python3-ply for spdxcheck.py), not a pyenv one.
	out=$(cd "$TREE" && PATH=/usr/bin:$PATH scripts/checkpatch.pl --strict --terse --show-types \
		--ignore FILE_PATH_CHANGES "$TOP/patches/$p" 2>&1) || fail=1
	printf '%s\n' "$out" | grep -v '^total:' | sed "s|^$TOP/patches/||" || true
	printf '%s: %s\n' "$p" "$(printf '%s\n' "$out" | grep '^total:' || echo clean)"
done

for f in $(cat "$TOP"/patches/*.patch | sed -n 's|^+++ b/||p' | sort -u); do
	[ -e "$TREE/$f" ] || continue
	git -C "$TREE" cat-file -e "$BASE_TAG:$f" 2>/dev/null && continue
	# The section names, less the catch-all one
	m=$(cd "$TREE" && scripts/get_maintainer.pl --no-git --no-git-fallback --sections \
		-f "$f" 2>/dev/null | grep -v -e '^[A-Z]:' -e '^$' -e '^THE REST$' | head -1)
	if [ -z "$m" ]; then
		printf '%s: added, but no MAINTAINERS entry covers it\n' "$f"
		fail=1
	fi
done
[ $fail = 0 ] || die "checkpatch or the MAINTAINERS check found problems"
