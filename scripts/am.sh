#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# git am one patch of the series into a tree.
#
# Our patches delete whole files with `format-patch -D`, which leaves out the
# deleted text so that the series carries no upstream code. git am cannot
# apply such a hunk-less deletion, so those files are removed with git rm and
# the rest of the patch goes through git am as usual.
set -euo pipefail
tree=$1 patch=$2

mapfile -t gone < <(awk '
	/^diff --git a\// { file = substr($3, 3); next }
	/^deleted file mode/ { del = file; next }
	/^index [0-9a-f]+\.\.0+$/ && del != "" { print del; del = ""; next }
	/^(---|\+\+\+|@@|Binary)/ { del = "" }' "$patch")

if [ ${#gone[@]} -eq 0 ]; then
	exec git -C "$tree" am -q --keep-cr "$patch"
fi

# Drop the hunk-less deletions from the mail, apply it, then amend the
# commit with the removals so that the result is one commit as exported.
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
awk '
	/^diff --git a\// { flush(); buf = $0 "\n"; inblk = 1; next }
	inblk && /^-- $/ { flush(); inblk = 0 }
	inblk { buf = buf $0 "\n"; next }
	{ print }
	function flush() {
		if (buf != "" && !(buf ~ /\ndeleted file mode/ && buf !~ /\n@@ /))
			printf "%s", buf
		buf = ""
	}
	END { flush() }' "$patch" > "$tmp"
if grep -q '^diff --git' "$tmp"; then
	git -C "$tree" am -q --keep-cr "$tmp"
	git -C "$tree" rm -q -- "${gone[@]}"
	git -C "$tree" commit -q --amend --no-edit --no-verify
else
	# Only deletions: commit them with the mail's own author and message.
	git -C "$tree" rm -q -- "${gone[@]}"
	msgdir=$(mktemp -d)
	git mailinfo "$msgdir/msg" "$msgdir/patch" < "$patch" > "$msgdir/info"
	author=$(sed -n 's/^Author: //p' "$msgdir/info")
	email=$(sed -n 's/^Email: //p' "$msgdir/info")
	date=$(sed -n 's/^Date: //p' "$msgdir/info")
	subject=$(sed -n 's/^Subject: //p' "$msgdir/info")
	{ echo "$subject"; echo; cat "$msgdir/msg"; } |
		GIT_AUTHOR_NAME=$author GIT_AUTHOR_EMAIL=$email GIT_AUTHOR_DATE=$date \
		git -C "$tree" commit -q --no-verify -F -
	rm -rf "$msgdir"
fi
