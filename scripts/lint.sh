#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# checkpatch --strict over every patch of the series, a MAINTAINERS entry
# for every file it adds, sparse and W=1 over the C files it touches, and
# their W=1 build without CONFIG_TIME_NS.
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
# sparse (C=2) and W=1 over every C file the series touches, in a tinyconfig
# object directory of their own (only those objects are built). The base
# tree has warnings of its own in some of these files: what counts is a
# warning on a line the series added.
obj=$BUILD/obj/lint-default
mapfile -t frags < <(ARCH=x86_64 CONFIG=default arch_frags)
lmake() { make -s -C "$TREE" O="$obj" ARCH=x86_64 -j"$JOBS" "$@"; }
if [ ! -f "$obj/.config" ] || ! cmp -s <(cat "${frags[@]}") "$obj/.frags"; then
	make_config "$TREE" "$obj" tinyconfig "${frags[@]}"
	cat "${frags[@]}" > "$obj/.frags"
fi
lmake olddefconfig >/dev/null
targets=()
for f in $(git -C "$TREE" diff --name-only --diff-filter=AM "$BASE_TAG"..HEAD -- '*.c'); do
	case $f in
	tools/*) continue ;;
	# the guest's architecture only; compile-configs and cross builds do others
	arch/x86/*) ;;
	arch/*) continue ;;
	# included by the vDSO's own objects, not built alone
	lib/vdso/gettimeofday.c) targets+=(arch/x86/entry/vdso/vclock_gettime.o) ;;
	*) grep -qw "$(basename "${f%.c}").o" "$TREE/$(dirname "$f")/Makefile" 2>/dev/null &&
		targets+=("${f%.c}.o") ;;
	esac
done
log=$BUILD/out/lint.log
mkdir -p "$BUILD/out"
lmake C=2 W=1 "${targets[@]}" > "$log" 2>&1 ||
	{ tail -20 "$log"; die "the sparse/W=1 build of the touched files failed"; }
# Lines each file gained in the series: "file:line" keys.
added=$(git -C "$TREE" diff -U0 "$BASE_TAG"..HEAD -- '*.c' '*.h' | awk '
	/^\+\+\+ b\// { file = substr($2, 3); next }
	/^@@/ { split($3, a, ","); start = substr(a[1], 2); n = (a[2] == "") ? 1 : a[2];
		for (i = 0; i < n; i++) print file ":" start + i }')
new=$(grep -E '(warning|error):' "$log" | sed "s|^$TREE/||" | while IFS= read -r w; do
	key=$(printf '%s\n' "$w" | cut -d: -f1,2)
	grep -qxF "$key" <<< "$added" && printf '%s\n' "$w"
done || true)
if [ -n "$new" ]; then
	printf '%s\n' "$new"
	fail=1
fi
printf 'sparse and W=1 over %d objects: %s\n' "${#targets[@]}" \
	"$( [ -z "$new" ] && echo clean || echo "$(printf '%s\n' "$new" | wc -l) new warnings")"

# The same objects without CONFIG_TIME_NS, as the architectures without
# GENERIC_VDSO_TIME_NS build them (all but ten), less those that only
# exist with it. W=1, errors and warnings on added lines count.
obj=$BUILD/obj/lint-no-timens
frag_nt=$obj.frag
mkdir -p "$obj"
printf 'CONFIG_TIME_NS=n\nCONFIG_TIME_NS_KUNIT_TEST=n\n' > "$frag_nt"
if [ ! -f "$obj/.config" ] || ! cmp -s <(cat "${frags[@]}" "$frag_nt") "$obj/.frags"; then
	make_config "$TREE" "$obj" tinyconfig "${frags[@]}" "$frag_nt"
	cat "${frags[@]}" "$frag_nt" > "$obj/.frags"
fi
lmake olddefconfig >/dev/null
nt_targets=()
for o in "${targets[@]}"; do
	grep -q "CONFIG_TIME_NS.*\b$(basename "$o")\b" "$TREE/$(dirname "$o")/Makefile" 2>/dev/null ||
		nt_targets+=("$o")
done
log=$BUILD/out/lint-no-timens.log
lmake W=1 "${nt_targets[@]}" > "$log" 2>&1 ||
	{ tail -20 "$log"; die "the build of the touched files without CONFIG_TIME_NS failed"; }
new=$(grep -E '(warning|error):' "$log" | sed "s|^$TREE/||" | while IFS= read -r w; do
	key=$(printf '%s\n' "$w" | cut -d: -f1,2)
	grep -qxF "$key" <<< "$added" && printf '%s\n' "$w"
done || true)
if [ -n "$new" ]; then
	printf '%s\n' "$new"
	fail=1
fi
printf 'W=1 without CONFIG_TIME_NS over %d objects: %s\n' "${#nt_targets[@]}" \
	"$( [ -z "$new" ] && echo clean || echo "$(printf '%s\n' "$new" | wc -l) new warnings")"

[ $fail = 0 ] || die "checkpatch, the MAINTAINERS check, sparse or W=1 found problems"
