#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Install the Debian packages the project needs. Fast when all are present.
. "$(dirname "$0")/lib.sh"

pkgs=(build-essential bc bison flex libelf-dev libssl-dev cpio xz-utils
      kmod rsync python3 python3-ply python3-git git sparse qemu-system-x86 busybox-static
      util-linux
      # the timens selftests are also built as 32-bit and x32 programs
      # (gcc-12-multilib, not gcc-multilib: that one conflicts with every
      # cross compiler, and the kernel headers the tests use suffice)
      gcc-12-multilib libc6-dev-i386 libc6-dev-x32
      # selftests/clone3 links libcap statically
      libcap-dev)
# ARCH=...: Debian's cross compiler and C library for the test programs
# (arm64 also builds its compat vDSO with the 32-bit ARM compiler), and the
# QEMU that boots that machine. The guest's busybox and util-linux come
# from Debian's packages of that machine (lib.sh: guest_userland), so dpkg
# must know its architecture; Debian 12 has no riscv64 packages, and for it
# they are built from Debian's source packages, which need deb-src entries.
foreign= srcs=
case $ARCH in
arm64)	pkgs+=(gcc-aarch64-linux-gnu libc6-dev-arm64-cross gcc-arm-linux-gnueabihf
	       libc6-dev-armhf-cross qemu-system-arm)
	foreign=$ARCH ;;
riscv64) pkgs+=(gcc-riscv64-linux-gnu libc6-dev-riscv64-cross qemu-system-misc)
	srcs=/etc/apt/sources.list.d/timens-deb-src.sources ;;
s390)	pkgs+=(gcc-s390x-linux-gnu libc6-dev-s390x-cross) ;;
powerpc) pkgs+=(gcc-powerpc-linux-gnu libc6-dev-powerpc-cross) ;;
powerpc64le) pkgs+=(gcc-powerpc64le-linux-gnu libc6-dev-ppc64el-cross) ;;
loongarch) pkgs+=(clang-19 lld-19 llvm-19) ;;
esac
# make check-clients: Debian's criu, lxc and crun are downloaded and
# unpacked for the guest (lib.sh: clients_userland); the libraries they
# load that every Debian system has are taken from the host's.
[ "$CONFIG" = clients ] && pkgs+=(libgnutls30 libseccomp2 libsystemd0 libselinux1 libcap2)
# make compare-faketime builds a Go program for the guest (faketime itself
# is downloaded and unpacked, never installed: lib.sh's debs_unpacked)
[ "${CMP_FAKETIME:-}" = 1 ] && pkgs+=(golang-go)
# make deps-time bootstraps a bare Debian 12 to time apt-get in
[ "${DEPS_TIME:-}" = 1 ] && pkgs+=(debootstrap)
# make compile-configs builds Debian's own amd64 config too
[ "${CC_CONFIGS:-}" = 1 ] && pkgs+=(linux-config-6.12)

missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing+=("$p")
done

have_base=$(dpkg-query -W -f='${Version}' "$BASE_PKG" 2>/dev/null || true)
if [ -n "$have_base" ] && [ -f "$BASE_TARBALL" ]; then
	[ "$have_base" = "$BASE_VERSION" ] ||
		note "$BASE_PKG $have_base is installed, the series is written against $BASE_VERSION"
fi

if [ -n "$foreign" ] && ! dpkg --print-foreign-architectures | grep -qx "$foreign"; then
	[ "$(id -u)" = 0 ] || die "dpkg does not know $foreign; run as root or dpkg --add-architecture $foreign"
	dpkg --add-architecture "$foreign"
	apt-get update -qq
fi
if [ -n "$srcs" ] && [ ! -f "$srcs" ]; then
	[ "$(id -u)" = 0 ] || die "no deb-src entries; run as root"
	# the machine's own Debian entries, for sources
	sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources > "$srcs"
	apt-get update -qq
fi
if [ ${#missing[@]} -gt 0 ] || [ -z "$have_base" ] || [ ! -f "$BASE_TARBALL" ]; then
	[ "$(id -u)" = 0 ] || die "missing packages (${missing[*]} $BASE_PKG); run as root or install them"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	[ ${#missing[@]} -gt 0 ] &&
		apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
	if [ -z "$have_base" ] || [ ! -f "$BASE_TARBALL" ]; then
		if ! apt-get install -y -qq --no-install-recommends \
			"$BASE_PKG=$BASE_VERSION" >/dev/null 2>&1; then
			note "$BASE_PKG=$BASE_VERSION is not served; trying the registry's version"
			apt-get install -y -qq --no-install-recommends "$BASE_PKG" >/dev/null
		fi
	fi
fi
exit 0
