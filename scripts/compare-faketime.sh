#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make compare-faketime: the same checks under Debian's faketime
# (libfaketime 0.9.10, LD_PRELOAD) and in a time namespace in realtime
# mode (build/notes/realtime-abi.md), in the guest of the whole series:
# a dynamic and a static C program, a Go program, date (coreutils and
# busybox), an absolute CLOCK_REALTIME sleep and date -s; then the cost of
# a clock read under each, on QEMU with -icount shift=0,sleep=off -smp 1
# (a guest nanosecond is one instruction, as in make bench).
# Output: a markdown table on stdout and in build/compare-faketime/
# table.txt; the guest's lines in raw.txt, its console in console.log.
#
# Debian's faketime and libfaketime are downloaded and unpacked (never
# installed) under build/userland/faketime-amd64; the guest gets them, the
# programs (guest/faketime/) and coreutils' date through EXTRA, as make
# bench gets its program, so initramfs.sh does not change. x86_64 only: Go
# and the coreutils date are the host's.
. "$(dirname "$0")/lib.sh"
need_boot
[ "$ARCH" = x86_64 ] || die "compare-faketime: ARCH=x86_64 only (the host's Go and coreutils go into the guest)"

dir=$BUILD/compare-faketime
extra=$dir/extra
src=$TOP/guest/faketime
rm -rf "$extra" && mkdir -p "$extra/root"

# faketime and libfaketime at the paths Debian installs them to (the
# wrapper preloads /usr/$LIB/faketime/libfaketime.so.1); the guest copies
# extra/root over its root.
ft=$(debs_unpacked "$BUILD/userland/faketime-$DEB_ARCH" "faketime:$DEB_ARCH" "libfaketime:$DEB_ARCH")
cp -a "$ft/usr" "$extra/root/"
rm -rf "$extra/root/usr/share"
# Debian's coreutils date: dynamic, as on any Debian system (the guest's
# own date is static busybox, which no preload reaches).
cp /usr/bin/date "$extra/date"

# The shared libraries they load, and theirs, from the host (the guest's
# libc and loader are the host's too: util-linux brought them). The guest
# copies without overwriting, so only what it lacks (libm) is added.
root=$extra/root sysroot= libdirs=("/lib/$TRIPLET" "/usr/lib/$TRIPLET")

# The guest's programs: clockcheck twice (dynamic, which LD_PRELOAD
# reaches, and static, which it cannot), gonow (Go without cgo: static,
# and its runtime calls the vDSO itself).
gcc -O2 -Wall -Werror -o "$extra/clockcheck" "$src/clockcheck.c"
gcc -O2 -Wall -Werror -static -o "$extra/clockcheck-static" "$src/clockcheck.c"
# Debian's Go, offline (the program needs nothing beyond the standard
# library), its cache under build/.
CGO_ENABLED=0 GOOS=linux GOARCH=amd64 GOPROXY=off GOFLAGS=-trimpath GO111MODULE=off \
	GOCACHE=$dir/gocache GOPATH=$dir/gopath \
	go build -o "$extra/gonow" "$src/gonow.go" || die "gonow did not build"
for f in "$extra/date" "$extra/clockcheck" "$extra"/root/usr/bin/* \
	 "$extra"/root/usr/lib/"$TRIPLET"/faketime/*.so.*; do
	copy_libs "$f"
done
# What the table names: the versions of what the guest runs.
{
	echo "faketime $(dpkg-deb -f "$BUILD"/userland/faketime-"$DEB_ARCH"/debs/faketime_*.deb Version)"
	echo "go $(go env GOVERSION) (Debian $(dpkg-query -W -f='${Version}' golang-go))"
	echo "coreutils $(dpkg-query -W -f='${Version}' coreutils)"
	echo "busybox $(dpkg-query -W -f='${Version}' busybox-static)"
} > "$extra/versions"

# The kernel of make check (no test programs, as for make bench), one CPU
# with -icount for the cost figures; the checks' sleeps do not wait in real
# time (sleep=off), so the whole guest takes about a minute.
mkdir -p "$dir"
rc=0
NO_TESTS=1 EXTRA=$extra SMP=1 QEMU_EXTRA='-icount shift=0,sleep=off' TIMEOUT=${TIMEOUT:-300} \
	CMD="sh /guest/faketime/compare.sh /extra" "$TOP/scripts/run.sh" > "$dir/raw.txt" || rc=$?
cp "$OUT/run.log" "$dir/console.log" 2>/dev/null || true
[ $rc = 0 ] || die "compare-faketime: the guest failed (exit $rc); see $dir/raw.txt and $dir/console.log"

python3 "$TOP/scripts/compare_faketime_table.py" "$dir/raw.txt" | tee "$dir/table.txt"
