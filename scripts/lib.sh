# SPDX-License-Identifier: GPL-2.0
# Common settings for the host scripts. Sourced, not run.

set -euo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-$TOP/build}
TREE=$BUILD/linux
BASE_TAG=base
# The Debian package our series is written against. Another 6.12.y is
# tried if the registry no longer serves this one.
BASE_PKG=linux-source-6.12
BASE_VERSION=$(cat "$TOP/config/base-version")
BASE_TARBALL=/usr/src/linux-source-6.12.tar.xz
JOBS=${JOBS:-$(nproc)}

die() { printf '%s: error: %s\n' "${0##*/}" "$*" >&2; exit 1; }
note() { printf '%s: %s\n' "${0##*/}" "$*" >&2; }

# Patches of the series, in order, as named by patches/series.
series_files() {
	sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$TOP/patches/series"
}

# A build variant is a point of the series and a configuration:
#   SERIES=all   the tree as it is in build/linux (edits included)
#   SERIES=none  Debian's tree as shipped (the base tag)
#   SERIES=N     the base plus the first N patches of the tree's series
#   CONFIG=default|debug
SERIES=${SERIES:-all}
CONFIG=${CONFIG:-default}
case $CONFIG in default|debug) ;; *) die "CONFIG=$CONFIG: want default or debug" ;; esac
# scripts/bisect.sh runs the scripts below on a variant of its own by
# setting these (nothing else does; unset, all is as described above):
#   TIMENS_VARIANT  the variant's name, instead of <series>-<config>
#   TIMENS_SRC      the source directory, used as it is (bisect.sh moves it)
#   TIMENS_OBJ, TIMENS_OUT  its object and output directories
#   TIMENS_SHARED_OBJ=1     the object directory is shared by revisions
#                           (build.sh configures from scratch each time)
# ARCH: the machine the kernel is built for (and booted on, where the
# harness can boot it). The kernel's ARCH, the Debian cross compiler's
# prefix, the image make builds and its name in the variant's output.
ARCH=${ARCH:-x86_64}
case $ARCH in
x86_64)	KARCH=x86_64 CROSS= KIMAGE=arch/x86/boot/bzImage ;;
arm64)	KARCH=arm64 CROSS=aarch64-linux-gnu- KIMAGE=arch/arm64/boot/Image
	# the compat vDSO, for 32-bit ARM tasks
	export CROSS_COMPILE_COMPAT=arm-linux-gnueabihf- ;;
riscv64) KARCH=riscv CROSS=riscv64-linux-gnu- KIMAGE=arch/riscv/boot/Image ;;
s390)	KARCH=s390 CROSS=s390x-linux-gnu- KIMAGE=arch/s390/boot/bzImage ;;
powerpc) KARCH=powerpc CROSS=powerpc-linux-gnu- KIMAGE=vmlinux ;;
powerpc64le) KARCH=powerpc CROSS=powerpc64le-linux-gnu- KIMAGE=vmlinux ;;
*) die "ARCH=$ARCH: want x86_64, arm64, riscv64, s390, powerpc or powerpc64le" ;;
esac
# Booting (check, run, bench) needs a QEMU machine and a guest userland for
# ARCH: so far only x86_64 has them. Fail before building, not after.
need_boot() {
	[ "$ARCH" = x86_64 ] ||
		die "ARCH=$ARCH: only x86_64 boots so far; make build ARCH=$ARCH compiles"
}
# The config fragments of this build: the guest's, the architecture's, and
# the debug kernel's when asked for.
arch_frags() {
	echo "$TOP/config/guest.config"
	[ ! -f "$TOP/config/arch/$ARCH.config" ] || echo "$TOP/config/arch/$ARCH.config"
	[ "$CONFIG" != debug ] || echo "$TOP/config/debug.config"
}
# x86_64 variants keep the names they had before the knob existed.
if [ "$ARCH" = x86_64 ]; then
	VARIANT=${TIMENS_VARIANT:-$SERIES-$CONFIG}
else
	VARIANT=${TIMENS_VARIANT:-$SERIES-$CONFIG-$ARCH}
fi
OBJ=${TIMENS_OBJ:-$BUILD/obj/$VARIANT}
OUT=${TIMENS_OUT:-$BUILD/out/$VARIANT}

# The source directory of this variant: the tree itself, or a worktree at
# the variant's commit (kept up to date on each call).
variant_src() {
	local rev dir=$BUILD/src/$SERIES
	if [ -n "${TIMENS_SRC:-}" ]; then echo "$TIMENS_SRC"; return; fi
	case $SERIES in
	all) echo "$TREE"; return ;;
	none) rev=$BASE_TAG ;;
	0) rev=$BASE_TAG ;;
	[1-9]*) rev=$(git -C "$TREE" rev-list --reverse "$BASE_TAG"..HEAD | sed -n "${SERIES}p")
		[ -n "$rev" ] || die "SERIES=$SERIES: the series has only $(git -C "$TREE" rev-list --count "$BASE_TAG"..HEAD) patches" ;;
	*) die "SERIES=$SERIES: want all, none or a patch count" ;;
	esac
	worktree_at "$dir" "$rev"
	echo "$dir"
}

# A detached worktree of the tree at DIR, checked out at commit-ish REV
# (created, or moved there, on each call).
worktree_at() {
	local dir=$1 rev=$2
	if [ ! -d "$dir" ]; then
		git -C "$TREE" worktree add -q --detach "$dir" "$rev" >&2
		git -C "$dir" update-index --skip-worktree .gitignore
		sed -i '/^# Debian packaging/,$d' "$dir/.gitignore"
	elif [ "$(git -C "$dir" rev-parse HEAD)" != "$(git -C "$TREE" rev-parse "$rev")" ]; then
		git -C "$dir" checkout -q --detach "$rev" >&2
	fi
}

# Check a configured .config against the fragments it was made from: each
# CONFIG_ line whose symbol the source tree knows must have got its value
# (=n: must be unset). When fragments name a symbol twice, the last line
# wins, as in merge_config.sh. Notes each miss; fails if there was one.
#   config_check SRC CONFIG FRAGMENT...
config_check() {
	local src=$1 config=$2 bad=0 line sym val
	shift 2
	while IFS= read -r line; do
		sym=${line%%=*}; val=${line#*=}
		grep -rqs --include='Kconfig*' -E "^[[:space:]]*(menu)?config ${sym#CONFIG_}\$" "$src" || continue
		if [ "$val" = n ]; then
			! grep -q "^$sym=" "$config" || { note "$sym is set, the fragment wants it off"; bad=1; }
		else
			grep -qx "$line" "$config" || { note "$line requested, got: $(grep "^$sym=\|# $sym " "$config" || echo unset)"; bad=1; }
		fi
	done < <(cat "$@" | grep '^CONFIG_[A-Za-z0-9_]*=' | tac | awk -F= '!seen[$1]++' | tac)
	return $bad
}

# Configure OBJ from the source tree SRC: BASE (a config target such as
# tinyconfig; empty to start from the .config already in OBJ), the
# fragments merged in, then olddefconfig. Check the result with
# config_check.
#   make_config SRC OBJ BASE FRAGMENT...
make_config() {
	local src=$1 obj=$2 base=$3
	shift 3
	mkdir -p "$obj"
	[ -z "$base" ] || make -s -C "$src" O="$obj" ARCH="$KARCH" CROSS_COMPILE="$CROSS" "$base" >/dev/null
	ARCH=$KARCH CROSS_COMPILE=$CROSS "$src/scripts/kconfig/merge_config.sh" -Q -m -O "$obj" "$obj/.config" "$@" >/dev/null
	make -s -C "$src" O="$obj" ARCH="$KARCH" CROSS_COMPILE="$CROSS" olddefconfig >/dev/null
}
