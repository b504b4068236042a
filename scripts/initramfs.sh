#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Pack the guest: busybox, util-linux's unshare and nsenter with the shared
# libraries they load, our init and tests, and the variant's test programs.
. "$(dirname "$0")/lib.sh"

root=$OUT/initramfs
rm -rf "$root" && mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc,proc,sys,dev,tmp,run,root}

# The guest's busybox and util-linux, as users run them: the host's own on
# x86_64; on another machine Debian's packages of that architecture,
# unpacked (not installed) by guest_userland() into a directory of their
# own, with the libraries they load taken from the same packages or from
# the cross C library.
if [ "$ARCH" = x86_64 ]; then
	sysroot=
else
	sysroot=$(guest_userland)
fi
# CONFIG=clients: Debian's criu, lxc and crun, unpacked by
# clients_userland() into a directory of their own; their libraries are
# looked for there first.
croot=
[ "$CONFIG" != clients ] || croot=$(clients_userland)
libdirs=()
for dir in $croot $sysroot; do
	libdirs+=("$dir/lib/$TRIPLET" "$dir/usr/lib/$TRIPLET")
done
[ -n "$sysroot" ] || libdirs+=("/lib/$TRIPLET" "/usr/lib/$TRIPLET")
libdirs+=("/usr/$TRIPLET/lib")
cp "$sysroot/bin/busybox" "$root/bin/busybox"
# The applets of Debian's busybox-static, which is built alike for every
# architecture: the host's copy lists them.
for applet in $(/bin/busybox --list-full); do
	case ${applet##*/} in unshare|nsenter|busybox) continue ;; esac
	mkdir -p "$root/$(dirname "$applet")"
	ln -sf /bin/busybox "$root/$applet"
done

# Real clients, as users run them: util-linux's unshare and nsenter.
for bin in /usr/bin/unshare /usr/bin/nsenter; do
	cp "$sysroot$bin" "$root$bin"
	copy_libs "$root$bin"
done

# The clients of make check-clients, and the programs their scenarios
# (guest/clients/) run: clockwatch, which CRIU dumps and restores, and
# clockread, which prints a container's clocks; static, so that they run
# in the containers' busybox root file systems too.
if [ -n "$croot" ]; then
	for bin in /usr/sbin/criu /usr/bin/crun /usr/sbin/init.lxc /usr/sbin/init.lxc.static \
		   /usr/bin/lxc-execute /usr/bin/lxc-start /usr/bin/lxc-stop \
		   /usr/bin/lxc-info /usr/bin/lxc-attach; do
		mkdir -p "$root${bin%/*}"
		cp "$croot$bin" "$root$bin"
		copy_libs "$root$bin"
	done
	# where liblxc mounts a container's root file system
	mkdir -p "$root/usr/lib/$TRIPLET/lxc/rootfs"
	mkdir -p "$root/guest/clients"
	for prog in clockwatch clockread; do
		"${CROSS}gcc" -O2 -Wall -static -pthread -o "$root/guest/clients/$prog" \
			"$TOP/guest/clients/$prog.c" || die "$prog did not build"
	done
fi

# rtns runs a command in a time namespace of realtime mode (util-linux
# 2.38's unshare cannot write a realtime offset before the namespace is
# entered): the e2e tests' and the admin's way to a namespace's own date.
"${CROSS}gcc" -O2 -Wall -static -o "$root/usr/bin/rtns" "$TOP/guest/faketime/rtns.c" ||
	die "rtns did not build"

# busybox sh runs its own applets before anything on PATH: make the names
# of the util-linux tools reach the real ones in the interactive shell.
cat > "$root/etc/profile" <<'PROFILE'
unshare() { /usr/bin/unshare "$@"; }
nsenter() { /usr/bin/nsenter "$@"; }
PROFILE
echo 'root:x:0:0:root:/root:/bin/sh' > "$root/etc/passwd"
echo 'nobody:x:65534:65534:nobody:/:/bin/sh' >> "$root/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' > "$root/etc/group"

mkdir -p "$root/guest"
cp -r "$TOP/guest/." "$root/guest/"
mv "$root/guest/init" "$root/init"
cp "$OUT/config" "$root/guest/kernel.config"
# Whether this point of the series offers time namespaces to userspace:
# built in, and the tree's patch that enables them (it lists the nsfs
# operations in /proc/PID/ns) applied. The e2e tests expect the whole ABI
# or none of it accordingly.
abi=no
if grep -q '^CONFIG_TIME_NS=y' "$OUT/config" &&
   grep -q '&timens_operations' "$(variant_src)/fs/proc/namespaces.c"; then
	abi=yes
fi
echo "$abi" > "$root/guest/timens-abi"
# And whether it has realtime mode: the parser knows the "realtime" line.
rt=no
if [ $abi = yes ] &&
   grep -q '= "realtime"' "$(variant_src)/kernel/time/namespace.c"; then
	rt=yes
fi
echo "$rt" > "$root/guest/timens-realtime"
cp -r "$OUT/kselftest" "$root/kselftest"
# The shared libraries of the test programs that are not static.
find "$root/kselftest" -type f -perm -u+x -print0 |
	while IFS= read -r -d '' prog; do copy_libs "$prog"; done
# EXTRA=DIR: more files for the guest, at /extra (for trying things out).
if [ -n "${EXTRA:-}" ]; then
	cp -r "$EXTRA" "$root/extra"
fi

(cd "$root" && find . -print0 | LC_ALL=C sort -z |
	cpio --null -o -H newc --owner=0:0 --quiet) | gzip -1 > "$OUT/initramfs.cpio.gz"
