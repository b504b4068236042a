#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Lay out build/linux: Debian's tree as one tagged commit, the series on top.
#
# Re-running is cheap. When patches/ changed since the tree was made (a pull,
# say) and the tree carries no work of its own, the series is applied again.
. "$(dirname "$0")/lib.sh"

stamp=$TREE/.git/timens-series
series_hash() { (cd "$TOP/patches" && cat series $(series_files)) | sha256sum | cut -d' ' -f1; }

apply_series() {
	local p
	git -C "$TREE" checkout -q -B series "$BASE_TAG"
	for p in $(series_files); do
		if ! "$TOP/scripts/am.sh" "$TREE" "$TOP/patches/$p"; then
			local got
			got=$(dpkg-query -W -f='${Version}' "$BASE_PKG")
			[ "$got" = "$BASE_VERSION" ] ||
				die "$p does not apply to $BASE_PKG $got (the series is written against $BASE_VERSION)"
			die "$p does not apply; the tree is left mid-am in $TREE"
		fi
	done
	printf '%s %s\n' "$(series_hash)" "$(git -C "$TREE" rev-parse HEAD)" > "$stamp"
}

if [ ! -d "$TREE/.git" ]; then
	[ -f "$BASE_TARBALL" ] || die "$BASE_TARBALL missing: run scripts/deps.sh"
	got=$(dpkg-query -W -f='${Version}' "$BASE_PKG")
	note "unpacking $BASE_PKG $got into $TREE"
	rm -rf "$TREE.tmp" && mkdir -p "$TREE.tmp"
	tar -xf "$BASE_TARBALL" -C "$TREE.tmp" --strip-components=1
	git -C "$TREE.tmp" init -q -b series
	git -C "$TREE.tmp" config user.name "Timens Developers"
	git -C "$TREE.tmp" config user.email "timens@example.org"
	git -C "$TREE.tmp" config core.abbrev 12
	git -C "$TREE.tmp" config gc.auto 0
	# Debian's top-level .gitignore ignores everything ("/*"): add the
	# tree by force, then hide those lines from the working copy only, so
	# that new files of ours show up in git status.
	git -C "$TREE.tmp" add -A -f
	# A fixed date keeps the base commit's id the same on every machine.
	GIT_AUTHOR_DATE='2025-01-01T00:00:00Z' GIT_COMMITTER_DATE='2025-01-01T00:00:00Z' \
		git -C "$TREE.tmp" commit -q -m "Debian $BASE_PKG $got" --no-verify
	git -C "$TREE.tmp" tag "$BASE_TAG"
	git -C "$TREE.tmp" update-index --skip-worktree .gitignore
	sed -i '/^# Debian packaging/,$d' "$TREE.tmp/.gitignore"
	mv "$TREE.tmp" "$TREE"
	apply_series
	exit 0
fi

want=$(series_hash)
read -r had head < "$stamp" 2>/dev/null || { had=; head=; }
[ "$want" = "$had" ] && exit 0
if [ "$(git -C "$TREE" rev-parse HEAD)" = "$head" ] &&
   [ -z "$(git -C "$TREE" status --porcelain --untracked-files=no)" ]; then
	note "patches/ changed: applying the series again"
	apply_series
elif [ "${FORCE:-}" = 1 ]; then
	note "FORCE=1: discarding the tree's own commits and edits"
	git -C "$TREE" am --abort 2>/dev/null || true
	git -C "$TREE" reset -q --hard
	apply_series
else
	note "patches/ and $TREE have both moved; using the tree as it is"
	note "(make export to keep the tree's work, make tree FORCE=1 to take patches/)"
fi
