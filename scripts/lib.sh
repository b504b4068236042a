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
#   CONFIG=default|debug|kcsan|clients
SERIES=${SERIES:-all}
CONFIG=${CONFIG:-default}
#   CONFIG=clients  make check-clients' kernel (config/clients.config) and
#                   guest (Debian's criu, lxc and crun)
#   CONFIG=kcsan    the data-race detector and lockdep (config/kcsan.config),
#                   which cannot share the debug kernel with KASAN
case $CONFIG in default|debug|kcsan|clients) ;; *) die "CONFIG=$CONFIG: want default, debug, kcsan or clients" ;; esac
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
# Booting: QEMU_SYS, the QEMU that boots it (QEMU_MACHINE its machine and
# CPU), CONSOLE the serial console, KAPPEND the architecture's kernel
# arguments; DEB_ARCH, the Debian architecture whose busybox-static and
# util-linux make the guest's userland, TRIPLET the cross C library's.
# Only architectures with QEMU_SYS set boot.
QEMU_SYS= QEMU_MACHINE= CONSOLE= KAPPEND= DEB_ARCH= TRIPLET= NO_LIBC=
case $ARCH in
x86_64)	KARCH=x86_64 CROSS= KIMAGE=arch/x86/boot/bzImage
	QEMU_SYS=qemu-system-x86_64 QEMU_MACHINE="-cpu max" CONSOLE=ttyS0
	KAPPEND="tsc=reliable clocksource=tsc" DEB_ARCH=amd64 TRIPLET=x86_64-linux-gnu ;;
arm64)	KARCH=arm64 CROSS=aarch64-linux-gnu- KIMAGE=arch/arm64/boot/Image
	# the compat vDSO, for 32-bit ARM tasks
	export CROSS_COMPILE_COMPAT=arm-linux-gnueabihf-
	# pauth-impdef: QEMU's cheap pointer authentication, not QARMA (TCG)
	QEMU_SYS=qemu-system-aarch64 QEMU_MACHINE="-M virt -cpu max,pauth-impdef=on"
	CONSOLE=ttyAMA0 DEB_ARCH=arm64 TRIPLET=aarch64-linux-gnu ;;
riscv64) KARCH=riscv CROSS=riscv64-linux-gnu- KIMAGE=arch/riscv/boot/Image
	QEMU_SYS=qemu-system-riscv64 QEMU_MACHINE="-M virt -cpu rv64"
	CONSOLE=ttyS0 DEB_ARCH=riscv64 TRIPLET=riscv64-linux-gnu ;;
s390)	KARCH=s390 CROSS=s390x-linux-gnu- KIMAGE=arch/s390/boot/bzImage ;;
powerpc) KARCH=powerpc CROSS=powerpc-linux-gnu- KIMAGE=vmlinux ;;
powerpc64le) KARCH=powerpc CROSS=powerpc64le-linux-gnu- KIMAGE=vmlinux ;;
# Debian 12 has no LoongArch gcc, but its clang-19 targets it (the kernel
# wants LLVM 18 or later there); no C library, so no test programs.
loongarch) KARCH=loongarch CROSS= KIMAGE=vmlinux NO_LIBC=1
	export LLVM=-19 ;;
*) die "ARCH=$ARCH: want x86_64, arm64, riscv64, s390, powerpc, powerpc64le or loongarch" ;;
esac
# Booting (check, run, bench) needs a QEMU machine and a guest userland for
# ARCH. Fail before building, not after.
need_boot() {
	[ -n "$QEMU_SYS" ] ||
		die "ARCH=$ARCH: the harness boots x86_64, arm64 and riscv64; make build ARCH=$ARCH compiles"
}
# The config fragments of this build: the guest's, the architecture's, and
# for CONFIG=debug, kcsan or clients config/CONFIG.config, then
# config/arch/ARCH-CONFIG.config where the pair needs one of its own.
arch_frags() {
	echo "$TOP/config/guest.config"
	[ ! -f "$TOP/config/arch/$ARCH.config" ] || echo "$TOP/config/arch/$ARCH.config"
	[ "$CONFIG" = default ] || echo "$TOP/config/$CONFIG.config"
	[ "$CONFIG" = default ] || [ ! -f "$TOP/config/arch/$ARCH-$CONFIG.config" ] ||
		echo "$TOP/config/arch/$ARCH-$CONFIG.config"
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
# Copy into the tree $root the loader and the shared libraries ELF file $1
# needs, and theirs, looked up in the directories of the array libdirs
# (the loader in $sysroot, else in the cross C library's directory of
# TRIPLET). Used by initramfs.sh for the guest, compare-faketime.sh for its
# EXTRA directory.
copy_libs() {
	local lib dir found interp
	interp=$(LC_ALL=C readelf -l "$1" 2>/dev/null | sed -n 's/.*interpreter: \(.*\)\]/\1/p')
	if [ -n "$interp" ] && [ ! -e "$root$interp" ]; then
		found=$sysroot$interp
		[ -e "$found" ] || found=/usr/$TRIPLET/lib/${interp##*/}
		[ -e "$found" ] || die "$1 needs $interp, which no package of $DEB_ARCH here has"
		mkdir -p "$root${interp%/*}"
		cp -L "$found" "$root$interp"
	fi
	for lib in $(LC_ALL=C readelf -d "$1" 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
		[ -e "$root/lib/$TRIPLET/$lib" ] && continue
		found=
		for dir in "${libdirs[@]}"; do
			[ -e "$dir/$lib" ] && found=$dir/$lib && break
		done
		[ -n "$found" ] || die "$1 needs $lib, which no package of $DEB_ARCH here has"
		mkdir -p "$root/lib/$TRIPLET"
		cp -L "$found" "$root/lib/$TRIPLET/$lib"
		copy_libs "$found"
	done
}

make_config() {
	local src=$1 obj=$2 base=$3
	shift 3
	mkdir -p "$obj"
	[ -z "$base" ] || make -s -C "$src" O="$obj" ARCH="$KARCH" CROSS_COMPILE="$CROSS" "$base" >/dev/null
	ARCH=$KARCH CROSS_COMPILE=$CROSS "$src/scripts/kconfig/merge_config.sh" -Q -m -O "$obj" "$obj/.config" "$@" >/dev/null
	make -s -C "$src" O="$obj" ARCH="$KARCH" CROSS_COMPILE="$CROSS" olddefconfig >/dev/null
}

# The guest's userland for a machine other than the host's: Debian's
# busybox-static and util-linux of DEB_ARCH, with the libraries nsenter
# loads, downloaded (deps.sh added the architecture to dpkg) and unpacked
# under build/userland/DEB_ARCH, never installed. Prints the directory
# they were unpacked to.
guest_userland() {
	local dir=$BUILD/userland/$DEB_ARCH
	local pkgs=(busybox-static util-linux libselinux1 libpcre2-8-0)
	if [ "$DEB_ARCH" = riscv64 ]; then
		guest_userland_from_source "$dir"
		return
	fi
	debs_unpacked "$dir" "${pkgs[@]/%/:$DEB_ARCH}"
}

# debs_unpacked DIR PACKAGE...: Debian's PACKAGEs downloaded (apt-get
# download: the package alone, not its dependencies) and unpacked under
# DIR/root, never installed; done once for the same list. Prints DIR/root.
debs_unpacked() {
	local dir=$1 deb
	shift
	if [ "$(cat "$dir/.done" 2>/dev/null)" != "$*" ]; then
		rm -rf "$dir" && mkdir -p "$dir/debs" "$dir/root"
		(cd "$dir/debs" && apt-get download -qq -o APT::Sandbox::User=root "$@") >&2 ||
			die "could not download $*"
		for deb in "$dir"/debs/*.deb; do
			dpkg-deb -x "$deb" "$dir/root"
		done
		echo "$*" > "$dir/.done"
	fi
	echo "$dir/root"
}

# The real clients of make check-clients, Debian's packages of the
# machine: criu, lxc and crun, and the libraries they load that a Debian
# system does not already carry for apt itself (libc, libgnutls30,
# libseccomp2, libsystemd0, libselinux1 and libcap2 come from the host,
# like util-linux's). Prints the directory they were unpacked to.
CLIENT_PKGS=(criu lxc liblxc1 liblxc-common crun
	     libprotobuf-c1 libnl-3-200 libnet1 libbsd0 libmd0
	     libnftables1 libmnl0 libnftnl11 libxtables12 libjansson4
	     libyajl2 libapparmor1)
clients_userland() {
	debs_unpacked "$BUILD/userland/clients-$DEB_ARCH" "${CLIENT_PKGS[@]/%/:$DEB_ARCH}"
}

# Debian 12 has no riscv64 binary packages (riscv64 became a release
# architecture with Debian 13), but the same source packages build for it:
# busybox (its defconfig, static) and util-linux's unshare and nsenter,
# from Debian 12's sources (deps.sh adds deb-src), with the cross compiler.
# They link the cross C library dynamically, as Debian's own binaries do.
guest_userland_from_source() {
	local dir=$1 bb ul
	[ ! -f "$dir/.done" ] || { echo "$dir/root"; return; }
	rm -rf "$dir" && mkdir -p "$dir/src" "$dir/root/bin" "$dir/root/usr/bin"
	# Debian's patches unapplied: they touch util-linux's configure.ac,
	# which would then want autotools to rebuild; the programs we take do
	# not need them.
	(cd "$dir/src" && apt-get source -qq --download-only -o APT::Sandbox::User=root \
		busybox util-linux && for dsc in *.dsc; do dpkg-source -q --skip-patches -x "$dsc"; done) \
		>/dev/null 2>&1 || die "could not fetch Debian's busybox and util-linux sources"
	bb=$(find "$dir/src" -maxdepth 1 -type d -name 'busybox-*' | head -1)
	ul=$(find "$dir/src" -maxdepth 1 -type d -name 'util-linux-*' | head -1)
	note "building busybox and util-linux for $DEB_ARCH from Debian's sources"
	(
		cd "$bb"
		make -s CROSS_COMPILE="$CROSS" defconfig >/dev/null
		# static like busybox-static; tc needs the CBQ uapi gone since 6.8
		sed -i -e 's/^# CONFIG_STATIC is not set/CONFIG_STATIC=y/' \
		       -e 's/^CONFIG_TC=y/# CONFIG_TC is not set/' .config
		make -s CROSS_COMPILE="$CROSS" oldconfig </dev/null >/dev/null
		make -s CROSS_COMPILE="$CROSS" -j"$JOBS" busybox >/dev/null 2>&1
	) || die "busybox did not build for $DEB_ARCH"
	cp "$bb/busybox" "$dir/root/bin/busybox"
	(
		cd "$ul"
		./configure -q --host="$TRIPLET" --disable-all-programs \
			--enable-unshare --enable-nsenter --disable-shared \
			--disable-nls --without-python --without-systemd \
			--without-selinux --without-audit --without-udev \
			--without-ncursesw --without-tinfo >/dev/null
		make -s -j"$JOBS" unshare nsenter >/dev/null 2>&1
	) || die "util-linux did not build for $DEB_ARCH"
	cp "$ul/unshare" "$ul/nsenter" "$dir/root/usr/bin/"
	touch "$dir/.done"
	echo "$dir/root"
}
